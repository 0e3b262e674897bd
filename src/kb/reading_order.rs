//! Owns a site's reading order: the page each page says comes next (`rel="next"`, mdBook's
//! and Sphinx's "next chapter" link), resolved at ingest to the source it names, and the order
//! in which a chapter's nested pages are read. A site's folders say which pages belong to a
//! chapter (`flow_control/match/…` below `flow_control/match.html`); only its links say in
//! what order its author teaches them (tuples before structs, not alphabetically).

use std::collections::{HashMap, HashSet};

use reqwest::Url;

/// The document metadata key that holds the resolved next page.
pub const METADATA_KEY: &str = "reading_next";

/// The SQL expression reading [`METADATA_KEY`] from a `documents` row: text, or NULL for
/// anything else a document's metadata may hold there.
pub const NEXT_SQL: &str = "CASE json_type(metadata, '$.reading_next') \
     WHEN 'text' THEN json_extract(metadata, '$.reading_next') END";

/// Longest `rel="next"` link kept: a page's own address is never longer.
const MAX_NEXT_CHARS: usize = 2_048;

/// The source (as stored: an absolute local path, or an http(s) URL) of the page `href` names
/// from the page at `source`, without its fragment or query; None for a link to another host,
/// port or scheme (`javascript:`), an absolute link from a local file, one that is too long,
/// or one that names the page itself. A relative link may climb out of the ingested folder
/// (`../../x.html`): the result is only compared with the sources of the collection's
/// documents, never opened.
pub fn resolve_next(source: &str, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.len() > MAX_NEXT_CHARS {
        return None;
    }
    let page = if source.contains("://") {
        Url::parse(source).ok()?
    } else {
        // A file's links are relative to its folder: an absolute URL or a root-relative path
        // names no page of the ingested folder.
        if Url::parse(href).is_ok() || href.starts_with('/') {
            return None;
        }
        Url::from_file_path(source).ok()?
    };
    let mut next = page.join(href).ok()?;
    if next.scheme() != page.scheme()
        || next.host_str() != page.host_str()
        || next.port_or_known_default() != page.port_or_known_default()
    {
        return None;
    }
    next.set_fragment(None);
    next.set_query(None);
    let resolved = if next.scheme() == "file" {
        next.to_file_path().ok()?.to_str()?.to_string()
    } else {
        next.to_string()
    };
    (resolved != source).then_some(resolved)
}

/// The folder holding a page's nested chapter: the page's path without its extension
/// (`…/flow_control/match/` for `…/flow_control/match.html`); None for a page whose name has
/// no extension, which could be a folder's name itself.
pub fn chapter_folder(source: &str) -> Option<String> {
    let name_at = source.rfind('/').map_or(0, |i| i + 1);
    // A site's address without a path ("https://docs.example.org") names no page.
    if source[..name_at].ends_with("//") {
        return None;
    }
    let dot = source[name_at..].rfind('.').filter(|&d| d > 0)?;
    Some(format!("{}/", &source[..name_at + dot]))
}

/// Indexes into `pages` (source and next link of each) in reading order from `start`'s next
/// link: the chain of next links while it stays among `pages`, then the pages it does not
/// reach, in the order given.
pub fn order(start_next: Option<&str>, pages: &[(String, Option<String>)]) -> Vec<usize> {
    let at: HashMap<&str, usize> = pages
        .iter()
        .enumerate()
        .map(|(i, (source, _))| (source.as_str(), i))
        .collect();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    let mut next = start_next;
    while let Some(&i) = next.and_then(|n| at.get(n)) {
        if !seen.insert(i) {
            break;
        }
        out.push(i);
        next = pages[i].1.as_deref();
    }
    out.extend((0..pages.len()).filter(|i| !seen.contains(i)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_next_link_resolves_against_the_page_it_is_on() {
        assert_eq!(
            resolve_next(
                "/books/rbe/flow_control/match.html",
                "../flow_control/match/destructuring.html#top"
            )
            .as_deref(),
            Some("/books/rbe/flow_control/match/destructuring.html")
        );
        assert_eq!(
            resolve_next("https://docs.example.org/a/b.html", "c.html?x=1").as_deref(),
            Some("https://docs.example.org/a/c.html")
        );
    }

    #[test]
    fn a_next_link_off_the_site_or_to_the_page_itself_is_none() {
        let page = "https://docs.example.org/a/b.html";
        for href in [
            "javascript:alert(1)",
            "https://elsewhere.example.com/c.html",
            "https://docs.example.org:8443/c.html",
            "file:///etc/passwd",
            "#section",
            "",
        ] {
            assert_eq!(resolve_next(page, href), None, "{href}");
        }
        for href in [
            "https://example.org/b.html",
            "file:///etc/passwd",
            "/etc/passwd",
        ] {
            assert_eq!(resolve_next("/site/a.html", href), None, "{href}");
        }
        assert_eq!(resolve_next("/site/a.html", &"x".repeat(5_000)), None);
    }

    #[test]
    fn a_pages_chapter_is_the_folder_named_after_it() {
        assert_eq!(
            chapter_folder("/rbe/flow_control/match.html").as_deref(),
            Some("/rbe/flow_control/match/")
        );
        assert_eq!(chapter_folder("/rbe/README"), None);
        assert_eq!(chapter_folder("https://docs.example.org"), None);
        assert_eq!(
            chapter_folder("https://docs.example.org/a.html").as_deref(),
            Some("https://docs.example.org/a/")
        );
        assert_eq!(chapter_folder("/rbe/.hidden"), None);
    }

    #[test]
    fn pages_are_read_along_their_next_links_then_the_rest_in_order() {
        let page = |s: &str, n: Option<&str>| (s.to_string(), n.map(str::to_string));
        let pages = [
            page("m/binding.html", Some("../if_let.html")),
            page("m/enum.html", Some("m/structs.html")),
            page("m/structs.html", Some("m/binding.html")),
            page("m/tuples.html", Some("m/enum.html")),
            page("m/unlinked.html", None),
        ];
        assert_eq!(order(Some("m/tuples.html"), &pages), vec![3, 1, 2, 0, 4]);
        assert_eq!(order(None, &pages), vec![0, 1, 2, 3, 4]);
        // A cycle ends the chain.
        let cycle = [page("a", Some("b")), page("b", Some("a"))];
        assert_eq!(order(Some("a"), &cycle), vec![0, 1]);
    }
}
