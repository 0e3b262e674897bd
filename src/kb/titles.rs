//! Owns document titles as they are stored: without the site name that generators append to
//! every page's `<title>` ("Hello World - Rust By Example", "3. Data model — Python 3.11
//! documentation"). A suffix is dropped when the page's own first heading is the part before
//! it, or when the pages of one ingest share it.

use std::collections::HashMap;

/// Separators between a page's name and its site's, as generators write them.
const SEPARATORS: &[&str] = &[" - ", " — ", " – ", " | ", " · ", " :: ", " » "];

/// `title` split at its last separator into the page's part and the suffix.
fn split(title: &str) -> Option<(&str, &str)> {
    SEPARATORS
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|at| (at, sep.len())))
        .max_by_key(|(at, _)| *at)
        .map(|(at, len)| (title[..at].trim(), title[at + len..].trim()))
        .filter(|(page, site)| !page.is_empty() && !site.is_empty())
}

/// The title without a site suffix when the page's first heading shows which part is the
/// page's own.
pub fn strip_with_heading(title: &str, heading: Option<&str>) -> String {
    match (split(title), heading) {
        (Some((page, _)), Some(h)) if page.eq_ignore_ascii_case(h.trim()) => page.to_string(),
        _ => title.to_string(),
    }
}

/// Suffixes shared by at least two titles and by at least a third of those with a separator:
/// the site's name, not a word that happens to end two titles.
pub fn common_suffixes<'a>(titles: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut split_titles = 0;
    for t in titles {
        if let Some((_, site)) = split(t) {
            split_titles += 1;
            *counts.entry(site).or_default() += 1;
        }
    }
    let mut common: Vec<String> = counts
        .into_iter()
        .filter(|(_, n)| *n >= 2 && *n * 3 >= split_titles)
        .map(|(s, _)| s.to_string())
        .collect();
    common.sort();
    common
}

/// `title` without one of `suffixes`, if it ends with one.
pub fn strip_suffix(title: &str, suffixes: &[String]) -> Option<String> {
    let (page, site) = split(title)?;
    suffixes.iter().any(|s| s == site).then(|| page.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_heading_shows_the_page_part() {
        assert_eq!(
            strip_with_heading("Hello World - Rust By Example", Some("Hello World")),
            "Hello World"
        );
        assert_eq!(
            strip_with_heading(
                "An I/O Project: Building a Command Line Program - The Rust Programming Language",
                Some("An I/O Project: Building a Command Line Program")
            ),
            "An I/O Project: Building a Command Line Program"
        );
        // A dash inside a page's own name stays.
        assert_eq!(
            strip_with_heading("Foo - Bar", Some("Something else")),
            "Foo - Bar"
        );
        assert_eq!(strip_with_heading("Plain", None), "Plain");
    }

    #[test]
    fn a_suffix_the_pages_share_is_the_site_name() {
        let titles = [
            "3. Data model — Python 3.11.2 documentation",
            "4. Execution model — Python 3.11.2 documentation",
            "Glossary — Python 3.11.2 documentation",
            "git-add(1)",
            "Error handling - a guide",
        ];
        let common = common_suffixes(titles);
        assert_eq!(common, ["Python 3.11.2 documentation"]);
        assert_eq!(
            strip_suffix(titles[0], &common).as_deref(),
            Some("3. Data model")
        );
        assert_eq!(strip_suffix(titles[4], &common), None);
        assert_eq!(strip_suffix(titles[3], &common), None);
    }
}
