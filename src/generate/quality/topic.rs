//! Off-topic sections: a body section must be about the article's topic.
//!
//! The topic is the one the article was generated for (the manifest's `topic`, or `--topic`),
//! else the front matter title. Its distinctive terms are its words less stop words and words
//! that say what kind of article it is ("guide", "introduction"). A section is on topic when
//! its heading names one of them, or its prose uses them at least once per
//! [`WORDS_PER_TERM`] words. Words are compared on a light stem (plural `s`, `-ing`, `-ed`
//! dropped) and by prefix, so "borrowing" finds "borrowed" and "backups" finds "backup".

use super::*;

/// Prose words a section may run per use of a topic term before it is about something else.
const WORDS_PER_TERM: usize = 150;

/// Words of a topic that do not say what it is about.
const GENERIC: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "in",
    "on",
    "for",
    "to",
    "with",
    "without",
    "how",
    "what",
    "why",
    "when",
    "guide",
    "tutorial",
    "introduction",
    "intro",
    "overview",
    "using",
    "use",
    "basics",
    "basic",
    "getting",
    "started",
    "best",
    "practices",
    "practice",
    "tips",
    "complete",
    "beginner",
    "beginners",
    "vs",
    "versus",
    "your",
    "my",
    "about",
    "into",
    "from",
    "by",
    "at",
    "is",
    "are",
    "do",
    "does",
    "explained",
    "understanding",
    "learn",
    "learning",
    "working",
    "writing",
    "part",
    "notes",
    "faq",
];

/// A light stem: lowercase, and `-ies`, `-s`, `-ing`, `-ed` taken off where a stem of four
/// letters or more remains.
fn stem(word: &str) -> String {
    let w: String = word
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let cut = |suffix: &str| {
        w.strip_suffix(suffix)
            .filter(|rest| rest.chars().count() >= 4)
            .map(str::to_owned)
    };
    if let Some(rest) = cut("ies") {
        return format!("{rest}y");
    }
    if !w.ends_with("ss")
        && let Some(rest) = cut("s")
    {
        return rest;
    }
    cut("ing").or_else(|| cut("ed")).unwrap_or(w)
}

/// The topic's distinctive terms, stemmed, in order, without repeats.
pub(super) fn topic_terms(topic: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in topic.split(|c: char| c.is_whitespace() || c == '-' || c == '/') {
        let lower = word.to_lowercase();
        let lower = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if lower.is_empty() || GENERIC.contains(&lower) {
            continue;
        }
        let term = stem(lower);
        if term.chars().count() >= 2 && !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms
}

/// Uses of the terms in `text`: words whose stem starts with a term's.
fn uses(text: &str, terms: &[String]) -> usize {
    text.split_whitespace()
        .map(stem)
        .filter(|w| terms.iter().any(|t| w.starts_with(t.as_str())))
        .count()
}

pub(super) fn check_off_topic(doc: &Doc, topic: &str) -> Check {
    let terms = topic_terms(topic);
    if terms.is_empty() {
        return Check {
            name: "off_topic_sections".to_owned(),
            passed: true,
            detail: format!(
                "the topic {} has no distinctive terms to check",
                quote(topic)
            ),
        };
    }
    let mut problems = Vec::new();
    let mut checked = 0;
    for (i, part) in doc.parts.iter().enumerate() {
        if part.kind != PartKind::Section {
            continue;
        }
        checked += 1;
        if uses(&part.heading, &terms) > 0 {
            continue;
        }
        let hits: usize = doc
            .blocks
            .iter()
            .filter(|b| b.part == i && b.kind != BlockKind::Footnote)
            .map(|b| uses(&b.text, &terms))
            .sum();
        let needed = part.words.div_ceil(WORDS_PER_TERM).max(1);
        if hits < needed {
            problems.push(format!(
                "{}: {} of the topic's terms in {}, at least {needed} expected",
                heading_label(part),
                hits,
                count(part.words, "word", "words")
            ));
        }
    }
    finish(
        "off_topic_sections",
        problems,
        format!(
            "{} about {} ({})",
            count(checked, "section", "sections"),
            quote(topic),
            terms.join(", ")
        ),
        ("off-topic section", "off-topic sections"),
    )
}
