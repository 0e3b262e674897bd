//! The topic's own page: documentation gives a subject a page of its own ("Build Scripts",
//! "git-bisect(1)", "SSH hardening"), and that page holds the subject's core in the order its
//! author teaches it. Retrieval ranks passages by how often they use the topic's words, which
//! lets neighbouring pages (a changelog, an option list, a page that mentions the subject in
//! passing) outrank the page's own sections; so the page is found by its title, and its
//! sections are offered to the outline first, in the page's order.

use std::collections::HashSet;

use super::article::Passage;
use super::compose::{stem, topic_stems};
use super::quality;
use super::state::{StageEnv, StageError};
use super::subject;
use crate::text::content_words;

/// Words a title may hold besides the topic's and still be the topic's own page ("Logging
/// HOWTO", "Backups with restic"); a longer title is about something more particular.
const EXTRA_TITLE_WORDS: usize = 2;

/// Top-level sections of the own page offered to the outline at most (a reference page can
/// have fifty).
const PAGE_SECTIONS: usize = 12;

/// Chunks of the own page read to list its sections.
const PAGE_CHUNKS: usize = 2_000;

/// The document among `found` whose title names the topic: every word of `required` (stems of
/// the topic's distinctive words) is in the title and at most [`EXTRA_TITLE_WORDS`] other content words are. Of several,
/// the one with the fewest other words, then the one with the most examples among `found`,
/// then the best ranked. Without one, for a topic of one subject, a page whose title names
/// the topic's head and nothing beyond the topic's words ("match" for "pattern matching with
/// match").
pub fn find(topic: &str, required: &[String], found: &[Passage]) -> Option<i64> {
    let one_subject = !quality::joins_subjects(topic);
    let topic_words: HashSet<String> = topic_stems(topic).into_iter().collect();
    let required: Vec<String> = required.iter().map(|w| stem(w)).collect();
    if required.is_empty() {
        return None;
    }
    // Of two pages named alike (a tutorial's "Window Functions" and the reference's), the one
    // that shows more examples teaches the subject.
    let examples = |document: i64| {
        found
            .iter()
            .filter(|p| p.document_id == document && p.text.contains("```"))
            .count()
    };
    let mut seen = HashSet::new();
    found
        .iter()
        .enumerate()
        .filter(|(_, p)| seen.insert(p.document_id))
        .filter_map(|(rank, p)| {
            let full_title = p.title.as_deref()?;
            let title: HashSet<String> =
                content_words(full_title).iter().map(|w| stem(w)).collect();
            // A site's file names say what its titles leave to the navigation: the page
            // "Event Loop" is `asyncio-eventloop.html`.
            let file = p.source.rsplit(['/', '\\']).next().unwrap_or_default();
            let named: HashSet<String> = content_words(file).iter().map(|w| stem(w)).collect();
            let mut extra = title.iter().filter(|w| !topic_words.contains(*w)).count();
            // A reference page titled by its subject's name and what it is ("tally — Counting
            // events in long-running services") is named by the name, however long the rest:
            // as one with the most other words allowed, after plainer titles.
            if subject::heading_name(full_title).is_some_and(|name| {
                let name: HashSet<String> = content_words(&name).iter().map(|w| stem(w)).collect();
                required.iter().all(|w| name.contains(w))
            }) {
                extra = extra.min(EXTRA_TITLE_WORDS);
            }
            let all_named = required
                .iter()
                .all(|w| title.contains(w) || named.contains(w));
            let in_title = required.iter().any(|w| title.contains(w));
            let tier = if all_named && in_title && extra <= EXTRA_TITLE_WORDS {
                0
            } else if one_subject
                && in_title
                && extra == 0
                && quality::names_head(full_title, topic)
            {
                // Without a page named after the whole topic, the page on the broader
                // subject that names its head, whose title says nothing else ("match" for
                // "pattern matching with match"). One that names only the rest is about
                // more than the topic's subject ("Smart Pointers" for "smart pointers with
                // Box", "HTTP" for "HTTP server").
                1
            } else if one_subject
                && quality::names_head(full_title, topic)
                && file_names_only_head(file, topic)
            {
                // Then a page that names the head in its title and is filed under it alone
                // (`ch15-01-box.html`, "Using Box<T> to Point to Data on the Heap"): a site
                // names its files by their subject, its titles by what they teach.
                2
            } else {
                return None;
            };
            Some((
                tier,
                extra,
                std::cmp::Reverse(examples(p.document_id)),
                rank,
                p.document_id,
            ))
        })
        .min()
        .map(|(_, _, _, _, document)| document)
}

/// Whether a file's name, without its extension and its numbering (`ch15-01-`), is made of
/// the topic's heads alone (`box` for "smart pointers with Box").
fn file_names_only_head(file: &str, topic: &str) -> bool {
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    let words: Vec<String> = content_words(stem)
        .into_iter()
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .collect();
    !words.is_empty() && words.iter().all(|w| quality::names_head(w, topic))
}

/// One passage per part of the own page, in the page's order: its lead (the text under its
/// title) and each top-level section, holding the first chunk of each (the composition reads
/// each part whole, see `whole_sections`). A page without a title heading (a manual page that
/// starts at NAME) has its first-level headings as its parts. Parts already among `found`
/// are not repeated. Scores are the best score of the page's retrieved chunks, so they rank
/// with them.
pub fn parts(document: i64, found: &[Passage], env: &StageEnv) -> Result<Vec<Passage>, StageError> {
    let of_page: Vec<&Passage> = found.iter().filter(|p| p.document_id == document).collect();
    let score = of_page.iter().map(|p| p.score).fold(0.0, f64::max);
    let have: HashSet<&[String]> = of_page.iter().map(|p| p.heading_path.as_slice()).collect();
    let chunks = env.knowledge.section(document, &[], PAGE_CHUNKS)?;
    let root = chunks.first().and_then(|c| c.heading_path.first());
    let titled = root.is_some_and(|r| chunks.iter().all(|c| c.heading_path.first() == Some(r)));
    let depth = if titled { 2 } else { 1 };
    let mut listed: HashSet<Vec<String>> = HashSet::new();
    let mut out = Vec::new();
    for chunk in &chunks {
        let part: Vec<String> = chunk.heading_path.iter().take(depth).cloned().collect();
        if !listed.insert(part.clone()) {
            continue;
        }
        if listed.len() > PAGE_SECTIONS + 1 {
            break;
        }
        if have.contains(part.as_slice()) {
            continue;
        }
        let mut first = chunk.clone();
        first.heading_path = part;
        first.score = score;
        out.push(first);
    }
    Ok(out)
}

/// The own pages of the subjects a topic joins ("Ownership and moves" and "Borrowing" for
/// "ownership and borrowing"), in the topic's order; empty unless every subject has one. No
/// page is the topic's own, yet an article on two subjects is theirs in turn.
pub fn of_subjects(topic: &str, distinctive: &[String], found: &[Passage]) -> Vec<i64> {
    let subjects = quality::subjects(topic);
    if subjects.len() < 2 {
        return Vec::new();
    }
    let mut pages = Vec::new();
    for subject in &subjects {
        let words: HashSet<String> = topic_stems(subject).into_iter().collect();
        let mut required: Vec<String> = distinctive
            .iter()
            .filter(|w| words.contains(&stem(w)))
            .cloned()
            .collect();
        if required.is_empty() {
            required = content_words(subject);
        }
        match find(subject, &required, found) {
            Some(page) if !pages.contains(&page) => pages.push(page),
            _ => return Vec::new(),
        }
    }
    pages
}

/// Pages of the own page's nested chapter offered to the outline at most.
const CHAPTER_PAGES: usize = 12;

/// The own page's nested chapter (the pages in the folder named after it: rust-by-example's
/// `flow_control/match/destructuring/destructure_tuple.html` below `flow_control/match.html`),
/// in the site's reading order, and a passage for each of its pages retrieval did not find:
/// the page's first chunk under its title, scored as the own page's best. A nested chapter
/// is its parent's subject though its pages rarely name it, so ranking by the topic's words
/// misses the very pages an editor expects ("Destructuring tuples" in "pattern matching with
/// match").
pub fn chapter(
    document: i64,
    found: &[Passage],
    env: &StageEnv,
) -> Result<(Vec<i64>, Vec<Passage>), StageError> {
    let pages = env.knowledge.chapter_pages(document, CHAPTER_PAGES)?;
    let score = found
        .iter()
        .filter(|p| p.document_id == document)
        .map(|p| p.score)
        .fold(0.0, f64::max);
    let have: HashSet<i64> = found.iter().map(|p| p.document_id).collect();
    let mut out = Vec::new();
    for &page in pages.iter().filter(|page| !have.contains(page)) {
        if let Some(mut first) = env.knowledge.section(page, &[], 1)?.into_iter().next() {
            first.heading_path.truncate(1);
            first.score = score;
            out.push(first);
        }
    }
    Ok((pages, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(document_id: i64, title: &str, source: &str) -> Passage {
        let mut p = Passage::of_text("Text.", 1.0);
        p.document_id = document_id;
        p.title = Some(title.to_owned());
        p.source = source.to_owned();
        p
    }

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn the_page_titled_after_the_topic_is_its_own_page() {
        let found = [
            page(1, "Profiles", "profiles.html"),
            page(2, "Build Scripts", "build-scripts.html"),
            page(3, "Build Script Examples", "build-script-examples.html"),
        ];
        assert_eq!(
            find("build scripts", &words(&["build", "scripts"]), &found),
            Some(2)
        );
    }

    #[test]
    fn of_two_pages_named_alike_the_one_with_examples_wins() {
        let mut example = page(2, "3.5. Window Functions", "tutorial-window.html");
        example.text =
            "Text.\n\n```sql\nSELECT avg(salary) OVER (PARTITION BY depname) FROM e;\n```".into();
        let found = [
            page(1, "9.22. Window Functions", "functions-window.html"),
            example,
        ];
        assert_eq!(
            find("window functions", &words(&["window", "functions"]), &found),
            Some(2)
        );
    }

    #[test]
    fn a_generic_word_of_the_corpus_need_not_be_in_the_title() {
        let found = [
            page(1, "Specifying Dependencies", "deps.html"),
            page(2, "Workspaces", "workspaces.html"),
        ];
        // "cargo" is in every page of Cargo's book: only "workspaces" is required.
        assert_eq!(
            find("cargo workspaces", &words(&["workspaces"]), &found),
            Some(2)
        );
    }

    #[test]
    fn the_file_name_can_name_what_the_title_leaves_to_the_navigation() {
        let found = [page(7, "Event Loop", "library/asyncio-eventloop.html")];
        assert_eq!(
            find("asyncio event loop", &words(&["asyncio", "loop"]), &found),
            Some(7)
        );
    }

    #[test]
    fn fewer_other_words_win_and_long_titles_are_about_something_narrower() {
        let found = [
            page(1, "logging — Logging facility for Python", "logging.html"),
            page(2, "Logging HOWTO", "howto/logging.html"),
            page(
                3,
                "Logging Cookbook of recipes for handlers",
                "cookbook.html",
            ),
        ];
        assert_eq!(find("logging", &words(&["logging"]), &found), Some(2));
        // A name and a description: the name says what the page is about.
        let named = [
            page(
                4,
                "Alerts raised when a tally crosses its threshold",
                "a.html",
            ),
            page(
                5,
                "tally — Counting events in long-running services",
                "t.html",
            ),
        ];
        assert_eq!(find("tally", &words(&["tally"]), &named), Some(5));
        let narrow = [page(
            3,
            "Logging Cookbook of recipes for handlers",
            "c.html",
        )];
        assert_eq!(find("logging", &words(&["logging"]), &narrow), None);
    }

    #[test]
    fn without_the_topics_page_the_broader_page_naming_its_head_stands_in() {
        let found = [
            page(1, "if let", "flow_control/if_let.html"),
            page(2, "match", "flow_control/match.html"),
        ];
        let topic = "pattern matching with match";
        assert_eq!(find(topic, &words(&["pattern", "match"]), &found), Some(2));
        // A page on what the rest of the topic names is about more than its subject.
        let found = [page(3, "Smart Pointers", "ch15-00-smart-pointers.html")];
        let topic = "smart pointers with Box";
        assert_eq!(
            find(topic, &words(&["smart", "pointer", "box"]), &found),
            None
        );
        // Nor is the page on one of two subjects the page on both.
        let found = [page(4, "Borrowing", "scope/borrow.html")];
        let topic = "ownership and borrowing";
        assert_eq!(
            find(topic, &words(&["ownership", "borrowing"]), &found),
            None
        );
    }

    #[test]
    fn a_topic_joining_subjects_has_their_pages_when_each_has_one() {
        let found = [
            page(1, "Borrowing", "scope/borrow.html"),
            page(2, "Ownership and moves", "scope/move.html"),
            page(3, "RAII", "scope/raii.html"),
        ];
        let topic = "ownership and borrowing";
        let distinctive = words(&["ownership", "borrowing"]);
        assert_eq!(of_subjects(topic, &distinctive, &found), [2, 1]);
        // A subject without a page of its own: none, rather than a lopsided article.
        assert!(
            of_subjects(
                "ownership and lifetimes",
                &words(&["ownership", "lifetimes"]),
                &found
            )
            .is_empty()
        );
        assert!(of_subjects("borrowing", &words(&["borrowing"]), &found).is_empty());
    }

    #[test]
    fn the_topics_page_wins_over_a_broader_one() {
        let found = [
            page(1, "match", "flow_control/match.html"),
            page(2, "Pattern matching with match", "patterns.html"),
        ];
        let topic = "pattern matching with match";
        assert_eq!(find(topic, &words(&["pattern", "match"]), &found), Some(2));
    }

    #[test]
    fn a_page_filed_under_the_topics_head_is_its_page_when_no_title_names_it() {
        let found = [
            page(1, "Smart Pointers", "ch15-00-smart-pointers.html"),
            page(
                2,
                "Treating Smart Pointers Like Regular References",
                "ch15-02-deref.html",
            ),
            page(
                3,
                "Using Box<T> to Point to Data on the Heap",
                "ch15-01-box.html",
            ),
        ];
        let topic = "smart pointers with Box";
        let distinctive = words(&["smart", "pointers", "box"]);
        assert_eq!(find(topic, &distinctive, &found), Some(3));
        // A file named after more than the head is another page's.
        let other = [page(3, "Using Box<T> on the Heap", "box-and-heap.html")];
        assert_eq!(find(topic, &distinctive, &other), None);
    }

    #[test]
    fn no_page_names_the_topic_then_none() {
        let found = [page(1, "Limits of Lifetimes", "lifetime-mismatch.html")];
        assert_eq!(
            find("lifetime elision", &words(&["lifetime", "elision"]), &found),
            None
        );
        assert_eq!(find("anything", &[], &found), None);
    }
}
