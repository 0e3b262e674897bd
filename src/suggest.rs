//! What cgen says about a name that does not exist: "no workflow 'tutorail'; did you mean
//! tutorial? (available: blog, tutorial, ...)". One wording for workflows, templates, stages,
//! collections, providers and files, on both sides of the socket, so every unknown name reads
//! alike and names the closest known one when there is a close one.

/// How alike two names must be (Jaro–Winkler, 0 to 1) before one is offered for the other:
/// high enough that "nope" suggests nothing for "cloud", low enough that a dropped, doubled
/// or swapped letter ("tutorail", "bllog") and a prefix ("tut") still find their name.
const SIMILAR: f64 = 0.8;

/// Known names listed in a message at most: a knowledge base may hold hundreds of collections,
/// and an error is one line.
const MAX_LISTED: usize = 20;

/// The known name closest to `name`, when one is close enough to be a likely misspelling.
/// Case is ignored for the comparison; the known name is returned as spelt.
pub fn closest<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = name.to_lowercase();
    known
        .into_iter()
        .filter(|k| *k != name)
        .map(|k| (strsim::jaro_winkler(&wanted, &k.to_lowercase()), k))
        .filter(|(score, _)| *score >= SIMILAR)
        // The first of equally close names wins, so the answer does not depend on ties.
        .fold(None, |best: Option<(f64, &str)>, (score, k)| match best {
            Some((s, _)) if s >= score => best,
            _ => Some((score, k)),
        })
        .map(|(_, k)| k)
}

/// "no WHAT 'NAME'; did you mean X? (LABEL: a, b)", or without the question when nothing is
/// close, or "...; LABEL: none" when nothing exists. `label` says what the list is
/// ("available", "configured", "readable").
pub fn unknown<'a>(
    what: &str,
    name: &str,
    label: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> String {
    let known: Vec<&str> = known.into_iter().collect();
    let mut list = known
        .iter()
        .take(MAX_LISTED)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if known.len() > MAX_LISTED {
        list.push_str(&format!(", and {} more", known.len() - MAX_LISTED));
    }
    if list.is_empty() {
        list = "none".into();
    }
    match closest(name, known.iter().copied()) {
        Some(best) => format!("no {what} '{name}'; did you mean {best}? ({label}: {list})"),
        None => format!("no {what} '{name}'; {label}: {list}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORKFLOWS: [&str; 5] = ["blog", "guide", "social", "summary", "tutorial"];

    #[test]
    fn misspellings_and_prefixes_find_their_name() {
        assert_eq!(closest("tutorail", WORKFLOWS), Some("tutorial"));
        assert_eq!(closest("bllog", WORKFLOWS), Some("blog"));
        assert_eq!(closest("tut", WORKFLOWS), Some("tutorial"));
        assert_eq!(closest("Summary", WORKFLOWS), Some("summary"));
        assert_eq!(closest("sumary", WORKFLOWS), Some("summary"));
    }

    #[test]
    fn unrelated_names_suggest_nothing() {
        assert_eq!(closest("nope", ["cloud", "local"]), None);
        assert_eq!(closest("xyz", WORKFLOWS), None);
        assert_eq!(closest("blog", std::iter::empty()), None);
    }

    #[test]
    fn messages_read_alike() {
        assert_eq!(
            unknown("workflow", "tutorail", "available", WORKFLOWS),
            "no workflow 'tutorail'; did you mean tutorial? \
             (available: blog, guide, social, summary, tutorial)"
        );
        assert_eq!(
            unknown("provider", "nope", "configured", ["cloud"]),
            "no provider 'nope'; configured: cloud"
        );
        assert_eq!(
            unknown("collection", "x", "readable", std::iter::empty()),
            "no collection 'x'; readable: none"
        );
        let many: Vec<String> = (0..25).map(|i| format!("c{i:02}")).collect();
        let message = unknown(
            "collection",
            "zz",
            "readable",
            many.iter().map(String::as_str),
        );
        assert!(message.ends_with("c19, and 5 more"), "{message}");
    }
}
