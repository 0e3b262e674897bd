//! A reference page's subject by its name. Command and module pages open on "This command
//! uses a binary search…" or "This module provides…": on the page, its title says what "this"
//! is; in an article the sentence dangles, and the composer passes it over for a weaker
//! opening. The passages of a page (or section) titled by the name of one command, module or
//! library say that name instead: "The `git bisect` command uses a binary search…".

use std::collections::HashMap;

use super::article::Passage;
use super::blocks::{SUBHEADING, fence_of};

/// Nouns after "This" that mean the subject a reference page is titled by (not one of its
/// members: "This function" on a module's page is the function described just before).
const SUBJECT_NOUNS: &[&str] = &[
    "command",
    "subcommand",
    "module",
    "package",
    "library",
    "crate",
    "tool",
    "program",
    "utility",
    "extension",
    "plugin",
];

/// Words a heading may hold when it is a name alone ("cargo add", "logging").
const NAME_WORDS: usize = 3;

/// Whether `word` reads as code rather than English: lower case first, or holding a dot,
/// underscore or colon (`distutils.ccompiler`, `std::fs`).
fn code_like(word: &str) -> bool {
    let shaped = !word.is_empty()
        && word
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | ':' | '-'))
        && word.chars().next().is_some_and(char::is_alphabetic);
    shaped
        && (word.chars().next().is_some_and(char::is_lowercase) || word.contains(['.', '_', ':']))
}

/// The name a heading or page title gives its subject, if it is a name: a manual page's
/// `git-bisect(1)`, a module page's `logging — Logging facility for Python`, or a heading
/// that is a name alone (`cargo add`). Section numbering is ignored.
pub fn heading_name(heading: &str) -> Option<String> {
    let heading = super::blocks::without_numbering(heading.trim());
    // "git-bisect(1)": a manual page.
    if let Some((name, section)) = heading.strip_suffix(')').and_then(|h| h.rsplit_once('('))
        && section.len() == 1
        && section.chars().all(|c| c.is_ascii_digit())
        && !name.contains(' ')
        && code_like(name)
    {
        return Some(name.to_owned());
    }
    // "logging — Logging facility for Python": a name, a dash and what it is.
    for separator in [" — ", " – ", " - "] {
        if let Some((name, _)) = heading.split_once(separator) {
            return (!name.contains(' ') && code_like(name)).then(|| name.to_owned());
        }
    }
    let words: Vec<&str> = heading.split_whitespace().collect();
    (!words.is_empty() && words.len() <= NAME_WORDS && words.iter().all(|w| code_like(w)))
        .then(|| heading.to_owned())
}

/// The subject's name as the page writes it in its text: a manual page titled `git-bisect`
/// shows the command as `git bisect`.
fn as_written(name: &str, page_text: &str) -> String {
    let spaced = name.replace('-', " ");
    if spaced != name && page_text.contains(&spaced) && !page_text.contains(name) {
        spaced
    } else {
        name.to_owned()
    }
}

/// The subject a passage's "This command" means: the innermost of its headings (the page
/// title first in the path) that is a name.
fn passage_subject(passage: &Passage) -> Option<String> {
    passage
        .heading_path
        .iter()
        .rev()
        .chain(passage.title.iter())
        .find_map(|h| heading_name(h))
}

/// Replaces "This <subject noun>" at the start of a paragraph with the subject's name in the
/// passages of pages titled by one. Code is left as it is.
pub fn name_subjects(passages: &mut [Passage]) {
    // Each page's text once, to see how it writes its subject's name.
    let mut pages: HashMap<i64, String> = HashMap::new();
    for p in passages.iter() {
        let page = pages.entry(p.document_id).or_default();
        page.push_str(&p.text);
        page.push('\n');
    }
    for p in passages.iter_mut() {
        let Some(name) = passage_subject(p) else {
            continue;
        };
        let name = as_written(&name, &pages[&p.document_id]);
        p.text = with_subject_named(&p.text, &name);
    }
}

/// `text` with each paragraph that opens "This <subject noun>" opening "The `name` <noun>"
/// instead; lines inside code fences are never touched.
fn with_subject_named(text: &str, name: &str) -> String {
    let mut out = Vec::new();
    let mut fence: Option<String> = None;
    let mut paragraph_start = true;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            if trimmed.starts_with(open.as_str()) {
                fence = None;
            }
            out.push(line.to_owned());
            continue;
        }
        if let Some(marker) = fence_of(trimmed) {
            fence = Some(marker);
            out.push(line.to_owned());
            paragraph_start = false;
            continue;
        }
        let named = paragraph_start
            .then(|| renamed_opening(line, name))
            .flatten();
        out.push(named.unwrap_or_else(|| line.to_owned()));
        paragraph_start = trimmed.is_empty() || trimmed.starts_with(SUBHEADING);
    }
    let mut joined = out.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    joined
}

/// `line` opening "The `name` <noun>" when it opens "This <subject noun>".
fn renamed_opening(line: &str, name: &str) -> Option<String> {
    let rest = line.strip_prefix("This ")?;
    let noun = SUBJECT_NOUNS.iter().find(|n| {
        rest.strip_prefix(**n)
            .is_some_and(|after| after.starts_with([' ', ',']))
    })?;
    Some(format!("The `{name}` {noun}{}", &rest[noun.len()..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_manual_pages_module_pages_and_bare_names() {
        assert_eq!(heading_name("git-bisect(1)").as_deref(), Some("git-bisect"));
        assert_eq!(
            heading_name("logging — Logging facility for Python").as_deref(),
            Some("logging")
        );
        assert_eq!(
            heading_name("9.2. distutils.ccompiler — CCompiler base class").as_deref(),
            Some("distutils.ccompiler")
        );
        assert_eq!(heading_name("cargo add").as_deref(), Some("cargo add"));
        // English headings are not names.
        for heading in [
            "Description",
            "Fighting regressions with git bisect",
            "Git User Manual",
            "Installation",
            "Logging HOWTO",
            "The import system - Python",
        ] {
            assert_eq!(heading_name(heading), None, "{heading}");
        }
    }

    fn passage(title: &str, path: &[&str], text: &str) -> Passage {
        Passage {
            title: Some(title.into()),
            heading_path: path.iter().map(|h| h.to_string()).collect(),
            ..Passage::of_text(text, 1.0)
        }
    }

    #[test]
    fn a_paragraph_opening_on_this_command_names_the_command() {
        let mut passages = vec![passage(
            "git-bisect(1)",
            &["git-bisect(1)", "Description"],
            "The command takes subcommands:\n\n```\ngit bisect start\nThis command is code\n```\n\n\
             This command uses a binary search algorithm.\nThis command on a second line stays.",
        )];
        name_subjects(&mut passages);
        let text = &passages[0].text;
        assert!(
            text.contains("\n\nThe `git bisect` command uses a binary search algorithm."),
            "{text}"
        );
        assert!(text.contains("This command is code"), "code is untouched");
        assert!(text.contains("\nThis command on a second line stays."));
    }

    #[test]
    fn the_innermost_named_heading_is_the_subject_and_members_are_left_alone() {
        let mut passages = vec![passage(
            "9. API Reference",
            &[
                "9. API Reference",
                "9.2. distutils.ccompiler — CCompiler base class",
            ],
            "This module provides the base class.\n\nThis function returns a list.",
        )];
        name_subjects(&mut passages);
        assert_eq!(
            passages[0].text,
            "The `distutils.ccompiler` module provides the base class.\n\n\
             This function returns a list."
        );
        let mut untitled = vec![passage(
            "Git User Manual",
            &["Git User Manual", "Exploring history"],
            "This command shows the log.",
        )];
        name_subjects(&mut untitled);
        assert_eq!(untitled[0].text, "This command shows the log.");
    }
}
