//! Kinds of pages an article on a subject does not draw on. Documentation sites ship change
//! logs, release notes and news pages beside their chapters; they mention every subject the
//! software has, one dated entry at a time ("2010-07-21 (3.7.0)", "Changed", "Nightly
//! only"), so retrieval finds them for any topic, and an article built from them reads as a
//! list of version entries. They are left out unless the topic is itself about releases.

use super::article::Passage;
use crate::text::words;

/// Words of a page's title that say it records changes over versions.
const CHANGE_TITLES: &[&str] = &[
    "changelog",
    "changelogs",
    "news",
    "whatsnew",
    "releases",
    "history",
];

/// Names of the files that do ("changes.html" is a release history, "Making changes" is not).
const CHANGE_FILES: &[&str] = &[
    "changelog",
    "changelogs",
    "changes",
    "news",
    "oldnews",
    "releases",
    "releaselog",
    "relnotes",
    "whatsnew",
    "history",
];

/// Phrases of a title that say the same in several words.
const CHANGE_PHRASES: &[&str] = &[
    "change log",
    "release notes",
    "release history",
    "what's new",
    "what’s new",
    "version history",
];

/// Whether a topic is itself about versions and their changes, when change logs are its
/// material.
pub fn topic_about_changes(topic: &str) -> bool {
    let lower = topic.to_lowercase();
    words(&lower).iter().any(|w| {
        CHANGE_TITLES.contains(&w.as_str())
            || matches!(w.as_str(), "release" | "version" | "versions" | "upgrade")
    }) || CHANGE_PHRASES.iter().any(|p| lower.contains(p))
}

/// Whether a passage comes from a change log, release notes or a news page, or sits under a
/// heading that is a version or a date (a change log's entries, "Added" or "Nightly only",
/// sit under one).
pub fn is_change_record(p: &Passage) -> bool {
    let title = p.title.as_deref().unwrap_or("").to_lowercase();
    let stem = file_stem(&p.source);
    let source = p.source.to_lowercase();
    // A folder of them ("whatsnew/3.11.html", "releaselog/3_7_0.html").
    let folder = source
        .rsplit(['/', '\\'])
        .skip(1)
        .any(|dir| CHANGE_FILES.contains(&dir));
    let title_words = words(&title);
    // "SQLite Release 3.7.0 On 2010-07-21": a release named by its version.
    let release =
        title_words.iter().any(|w| w == "release") && title.split_whitespace().any(change_heading);
    let named = title_words
        .iter()
        .any(|w| CHANGE_TITLES.contains(&w.as_str()))
        || CHANGE_PHRASES.iter().any(|ph| title.contains(ph))
        || CHANGE_FILES.contains(&stem.as_str())
        || folder
        || release;
    named || p.heading_path.iter().skip(1).any(|h| change_heading(h))
}

/// The file name of a source path or URL without its extensions, in lowercase
/// (`whatsnew/3.11.html` → `3`, `gitfaq.html` → `gitfaq`).
fn file_stem(source: &str) -> String {
    let file = source.rsplit(['/', '\\']).next().unwrap_or_default();
    file.split('.').next().unwrap_or_default().to_lowercase()
}

/// Endings of a word in a page's title or file name that say the page collects short
/// entries on every subject of its site: a glossary defines each term in a line or two, an
/// FAQ answers one question at a time ("Glossary and FAQ", `gitglossary(7)`, `gitfaq(7)`).
const COLLECTION_WORDS: &[&str] = &["glossary", "faq", "faqs", "terminology"];

/// Whether a passage comes from a page of entries on every subject (a glossary, an FAQ): a
/// section built from it lists neighbouring subjects ("3-2-1 rule", "Prune", "RPO / RTO"
/// and "Do I need RAID?" under "Backups" in an article on restic). Its answers may still
/// answer the article's questions.
pub fn is_entry_collection(p: &Passage) -> bool {
    let title = p.title.as_deref().unwrap_or("").to_lowercase();
    names_collection(&title)
        || names_collection(&file_stem(&p.source))
        || title.contains("frequently asked questions")
}

/// Whether a topic is itself about a collection of entries ("git glossary").
pub fn topic_about_entries(topic: &str) -> bool {
    names_collection(topic)
}

/// Whether a word of `text` ends as a collection of entries does (see [`COLLECTION_WORDS`]).
fn names_collection(text: &str) -> bool {
    words(text)
        .iter()
        .any(|w| COLLECTION_WORDS.iter().any(|c| w.ends_with(c)))
}

/// A heading that names a release rather than a subject: a version ("3.7.0", "v1.42",
/// "Version 2.4", "[1.78]") or a date ("2010-07-21").
fn change_heading(heading: &str) -> bool {
    let h = heading.trim().to_lowercase();
    let h = h.trim_start_matches(['[', '(', '#']).trim();
    let h = h
        .strip_prefix("version ")
        .or_else(|| h.strip_prefix("release "))
        .or_else(|| h.strip_prefix("cargo "))
        .unwrap_or(h);
    let h = h
        .strip_prefix('v')
        .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        .unwrap_or(h);
    let first: String = h
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ']' && *c != ')')
        .collect();
    let version = first.split('.').count() >= 2
        && first
            .split('.')
            .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_digit()));
    let date = first.len() == 10
        && first.split('-').map(str::len).eq([4, 2, 2])
        && first.chars().all(|c| c.is_ascii_digit() || c == '-');
    version || date
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(title: &str, source: &str, headings: &[&str]) -> Passage {
        let mut p = Passage::of_text("Some text about the subject.", 1.0);
        p.title = Some(title.to_owned());
        p.source = source.to_owned();
        p.heading_path = headings.iter().map(|h| (*h).to_owned()).collect();
        p
    }

    #[test]
    fn change_logs_release_notes_and_news_are_change_records() {
        for (title, source) in [
            ("Changelog", "CHANGELOG.html"),
            ("What's New In Python 2.4", "whatsnew/2.4.html"),
            ("Release History Of SQLite", "changes.html"),
            ("SQLite Older News", "oldnews.html"),
            ("Release Notes", "docs/release-notes.html"),
            (
                "SQLite Release 3.7.0 On 2010-07-21",
                "releaselog/3_7_0.html",
            ),
            ("Python 3.11", "whatsnew/3.11.html"),
        ] {
            assert!(is_change_record(&page(title, source, &[title])), "{title}");
        }
    }

    #[test]
    fn version_and_date_headings_are_change_records() {
        for heading in [
            "2010-07-21 (3.7.0)",
            "3.7.0",
            "v1.42",
            "Version 2.4",
            "[1.78]",
            "Cargo 1.42 (2020-03-12)",
        ] {
            let p = page(
                "Build Scripts",
                "build-scripts.html",
                &["Build Scripts", heading],
            );
            assert!(is_change_record(&p), "{heading}");
        }
    }

    #[test]
    fn subject_pages_and_headings_are_not_change_records() {
        for (title, headings) in [
            ("Build Scripts", vec!["Build Scripts", "Change Detection"]),
            ("git-log(1)", vec!["git-log(1)", "OPTIONS"]),
            ("Transactions", vec!["Transactions", "3.4. Transactions"]),
            ("Python 3 types", vec!["Python 3 types", "Numbers 1 to 3"]),
            ("SSH hardening", vec!["SSH hardening", "Security"]),
            (
                "Profiles",
                vec!["Profiles", "Changed settings", "Added keys"],
            ),
        ] {
            let p = page(title, "page.html", &headings);
            assert!(!is_change_record(&p), "{title} {headings:?}");
        }
    }

    #[test]
    fn glossaries_and_faqs_are_collections_of_entries() {
        for (title, source) in [
            ("Glossary and FAQ", "glossary-and-faq.md"),
            ("gitglossary(7)", "gitglossary.html"),
            ("gitfaq(7)", "gitfaq.html"),
            ("Programming FAQ", "faq/programming.html"),
            ("Frequently Asked Questions", "questions.html"),
        ] {
            assert!(is_entry_collection(&page(title, source, &[])), "{title}");
        }
        for (title, source) in [
            ("Backups with restic", "backups-with-restic.md"),
            ("Specifying Dependencies", "specifying-dependencies.html"),
        ] {
            assert!(!is_entry_collection(&page(title, source, &[])), "{title}");
        }
        assert!(topic_about_entries("git glossary"));
        assert!(!topic_about_entries("restic backups"));
    }

    #[test]
    fn topics_about_releases_keep_change_logs() {
        assert!(topic_about_changes("release notes for 1.0"));
        assert!(topic_about_changes("what's new in Python 3.11"));
        assert!(topic_about_changes("upgrade guide"));
        assert!(!topic_about_changes("build scripts"));
    }
}
