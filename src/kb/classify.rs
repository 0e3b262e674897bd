//! Owns deciding from a parsed page whether it is a document: redirect stubs, "this page has
//! moved" notices, all-in-one copies of a whole site and pages that are nothing but
//! navigation are not. Rules look at what a page is (its signals and the shape of its text),
//! never at particular site or page names, so they hold for documentation not seen before.

use super::parse::ParsedDoc;

/// Link text at or above this share of a page's text makes it navigation.
const NAV_LINK_SHARE: f64 = 0.8;
/// Entries of a link and a few words at or above this share of a page's text make it an index
/// (a back-of-book index, a keyword cross-reference): each line points elsewhere.
const INDEX_ENTRY_SHARE: f64 = 0.8;
/// Fewest entries for a page to be an index: a page of one or two links is a stub, judged
/// by what it says.
const INDEX_MIN_ENTRIES: usize = 10;
/// A page whose own text is at most this many words (a chapter's opening paragraph) and
/// smaller than the contents and navigation links dropped from inside it is a contents page.
const CONTENTS_MAX_WORDS: usize = 100;
/// A stub is short: a notice that a page moved is a sentence or two.
const STUB_MAX_WORDS: usize = 60;
/// A document this many of whose long passages other documents already hold is a copy of many
/// pages in one (mdBook's `print.html`, "single page" editions): judged when it is stored,
/// against what is stored (`copied_passages`).
const ALL_IN_ONE_MIN_PASSAGES: usize = 10;

/// Phrases of a "moved" notice, lowercased.
const MOVED_PHRASES: &[&str] = &[
    "has moved",
    "have moved",
    "has been moved",
    "content has moved",
    "moved to",
    "no longer distributed",
    "no longer available",
    "no longer maintained",
    "no longer hosted",
    "is now located",
    "redirecting to",
    "you are being redirected",
    "this page has been replaced",
];

/// The largest HTML page read as a document. Real pages stay well below (the biggest page of
/// the Rust documentation, source listings included, is 8.5 MB); a bigger one is a generated
/// listing or hostile, and building its tree would hold a worker for minutes.
pub const MAX_HTML_BYTES: usize = 16 << 20;

/// Why an HTML page of `bytes` is not read, if it is too big to be a document.
pub fn oversized_html(bytes: usize) -> Option<String> {
    (bytes > MAX_HTML_BYTES).then(|| {
        format!(
            "HTML page of {:.1} MB: larger than a document page ({} MB at most)",
            bytes as f64 / (1 << 20) as f64,
            MAX_HTML_BYTES >> 20
        )
    })
}

/// Fewest other pages an aggregate's passages come from: a page that repeats a few others (a
/// patch release's notes carried forward from earlier releases, a command's page sharing
/// option texts with its siblings, a partly translated copy) is their relative, stored for
/// what it adds, while one that gathers many pages is their aggregate.
const ALL_IN_ONE_MIN_SOURCES: usize = 10;

/// Why a document of `passages` passages, `repeated` of which stand in `sources` other pages
/// already stored, is not a document: it gathers many pages into one (Node's `all.html`,
/// SQLite's `capi3ref.html`), whatever its chunking.
pub fn gathered_pages(repeated: usize, passages: usize, sources: usize) -> Option<String> {
    (sources >= ALL_IN_ONE_MIN_SOURCES && copied_passages(repeated, passages).is_some()).then(|| {
        format!(
            "all-in-one copy: {repeated} of its {passages} passages stand in {sources} other pages"
        )
    })
}

/// Why a document of `long` long passages, `copied` of which other documents already hold,
/// is not a document: most of it is a copy of other pages, and it adds little of its own. A manual page that
/// includes its family's shared option texts (`git-log(1)` repeats `git-rev-list(1)`'s and
/// `git-diff(1)`'s) adds its own description and examples: it is stored, without the
/// passages the others hold.
pub fn copied_passages(copied: usize, long: usize) -> Option<String> {
    (long >= ALL_IN_ONE_MIN_PASSAGES && copied * 2 >= long && adds_little(copied, long))
        .then(|| format!("all-in-one copy: {copied} of its {long} passages repeat other pages"))
}

/// Whether a document of `total` passages, `repeated` of which other pages hold, adds little
/// of its own: fewer than [`ALL_IN_ONE_MIN_PASSAGES`] passages, or under a tenth of it.
fn adds_little(repeated: usize, total: usize) -> bool {
    let own = total.saturating_sub(repeated);
    own < ALL_IN_ONE_MIN_PASSAGES || own * 10 < total
}

/// Why `doc` is not a document, if it is not.
pub fn skip_reason(doc: &ParsedDoc) -> Option<String> {
    let words: usize = doc
        .blocks
        .iter()
        .map(|b| b.text.split_whitespace().count())
        .sum();
    if let Some(page) = &doc.page {
        if page.refresh {
            return Some("redirect stub (meta refresh to another page)".into());
        }
        if page.noindex {
            return Some(
                "the page asks not to be indexed (robots noindex; print and search copies do)"
                    .into(),
            );
        }
        if page.text_chars > 0 && page.link_chars as f64 / page.text_chars as f64 >= NAV_LINK_SHARE
        {
            return Some(format!(
                "navigation page: {} % of its text is links",
                page.link_chars * 100 / page.text_chars
            ));
        }
        if page.entries >= INDEX_MIN_ENTRIES
            && page.entry_chars as f64 / page.text_chars as f64 >= INDEX_ENTRY_SHARE
        {
            return Some(format!(
                "index page: {} % of its text is entries (a link beside a few words or keywords)",
                page.entry_chars * 100 / page.text_chars
            ));
        }
        if words <= CONTENTS_MAX_WORDS && page.chrome_link_chars > page.text_chars {
            return Some(format!(
                "navigation page: a table of contents or navigation bars around {words} words \
                 of its own"
            ));
        }
    }
    if words <= STUB_MAX_WORDS {
        let text = doc
            .blocks
            .iter()
            .map(|b| b.text.to_lowercase())
            .collect::<Vec<_>>()
            .join(" ");
        if let Some(phrase) = MOVED_PHRASES.iter().find(|p| text.contains(*p)) {
            return Some(format!("\"moved\" stub: a short page saying \"{phrase}\""));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kb::parse::parse;
    use crate::kb::sniff::Format;

    fn html(body: &str) -> ParsedDoc {
        parse(
            &Format::Html,
            &format!("<html><head><title>T</title></head><body>{body}</body></html>"),
        )
    }

    fn reason(body: &str) -> String {
        skip_reason(&html(body)).unwrap_or_default()
    }

    #[test]
    fn redirects_noindex_and_moved_stubs_are_not_documents() {
        let refresh = parse(
            &Format::Html,
            "<html><head><meta http-equiv=\"refresh\" content=\"0; url=new.html\"></head>\
             <body><p>Redirecting...</p></body></html>",
        );
        assert!(skip_reason(&refresh).unwrap().contains("redirect"));
        let print = parse(
            &Format::Html,
            "<html><head><meta name=\"robots\" content=\"noindex\"></head><body><main>\
             <h1>A</h1><p>text</p></main></body></html>",
        );
        assert!(skip_reason(&print).unwrap().contains("noindex"));
        assert!(reason(
            "<h1>Old guide</h1><p>This content has moved into <a href=\"b.html\">the book</a>.</p>"
        )
        .contains("moved"));
        assert!(
            reason(
                "<main><h1>First edition</h1><p>The first edition of the book is no longer \
             distributed with Rust's documentation.</p></main>"
            )
            .contains("no longer distributed")
        );
    }

    #[test]
    fn link_lists_are_navigation_and_prose_with_links_is_not() {
        let nav: String = (0..30)
            .map(|i| format!("<li><a href=\"p{i}.html\">Chapter {i} title</a></li>"))
            .collect();
        assert!(reason(&format!("<main><ul>{nav}</ul></main>")).contains("navigation page"));
        let prose = "<main><p>Ownership is a set of rules that govern how a program manages \
            memory; see <a href=\"x\">references</a> for borrowing.</p></main>";
        assert_eq!(skip_reason(&html(prose)), None);
    }

    #[test]
    fn index_and_cross_reference_pages_are_navigation() {
        // Each line a term and a link, as a keyword cross-reference or a back-of-book index.
        let entries: String = (0..40)
            .map(|i| format!("<li>keyword {i} - <a href=\"p{i}.html#k\">p{i}.html#k</a></li>"))
            .collect();
        assert!(reason(&format!("<ul>{entries}</ul>")).contains("index page"));
        let terms: String = (0..40)
            .map(|i| format!("<dt>term {i}, <a href=\"s{i}.html\">Section {i}.1</a></dt>"))
            .collect();
        assert!(reason(&format!("<h1>Index</h1><dl>{terms}</dl>")).contains("index page"));
        // A reference page whose paragraphs link their terms is prose.
        let prose: String = (0..10)
            .map(|i| {
                format!(
                    "<p>The function number {i} returns a <a href=\"t.html\">handle</a> that \
                     the caller releases once every statement prepared on it is finalized.</p>"
                )
            })
            .collect();
        assert_eq!(skip_reason(&html(&prose)), None);
    }

    #[test]
    fn a_contents_page_once_its_navigation_is_dropped_is_navigation() {
        let nav = "<div class=\"navheader\"><a href=\"a.html\">Prev</a> \
            <a href=\"b.html\">Up</a> <a href=\"c.html\">Next</a></div>";
        let toc: String = (1..=20)
            .map(|i| format!("<dt><a href=\"s{i}.html\">13.{i}. Section about topic {i}</a></dt>"))
            .collect();
        let intro = "<p>This chapter describes how sessions that touch the same data at once \
            are kept apart, and what every developer of applications should know of it.</p>";
        let chapter = format!(
            "{nav}<h2>Chapter 13. Concurrency</h2><div class=\"toc\"><dl>{toc}</dl></div>{intro}{nav}"
        );
        assert!(
            reason(&chapter).contains("table of contents"),
            "{}",
            reason(&chapter)
        );
        // The same short page without a table of contents is a page: its navigation bars are
        // smaller than its text.
        let short = format!("{nav}<h2>13.4. Locks</h2>{intro}{nav}");
        assert_eq!(skip_reason(&html(&short)), None);
    }

    #[test]
    fn oversized_html_is_refused_before_parsing() {
        assert_eq!(oversized_html(MAX_HTML_BYTES), None);
        let why = oversized_html(50 << 20).unwrap();
        assert!(why.contains("50.0 MB"), "{why}");
    }

    #[test]
    fn a_document_made_of_other_pages_is_an_all_in_one_copy() {
        assert!(copied_passages(12, 20).unwrap().contains("12 of its 20"));
        assert_eq!(copied_passages(9, 20), None, "too few repeats");
        assert_eq!(copied_passages(5, 9), None, "too short to judge");
        // A long single-page manual that repeats little is a document.
        assert_eq!(copied_passages(3, 200), None);
        assert!(
            gathered_pages(300, 320, 120)
                .unwrap()
                .contains("120 other pages")
        );
        assert_eq!(gathered_pages(27, 45, 4), None, "a relative of a few pages");
        // A page that repeats much but adds much of its own (a manual page including its
        // family's option texts) is a document.
        assert_eq!(copied_passages(85, 122), None);
        assert_eq!(gathered_pages(427, 499, 18), None);
        assert!(copied_passages(195, 200).is_some(), "adds a fortieth");
    }
}
