//! Search snippets, cut from a chunk's text in Rust: the window of about twenty words that holds
//! the most query terms, matched words wrapped in `[` and `]`, `…` where text was left out.
//! (FTS5's `snippet()` needs the full `MATCH` evaluated again for every hit, which costs more
//! than the search itself for common terms.) Words are compared the way the index's unicode61
//! tokenizer does: alphanumeric runs, lowercase, diacritics removed.

use unicode_normalization::UnicodeNormalization;

/// Words shown per snippet.
const WIDTH: usize = 20;
/// Words of context kept before the first match.
const LEAD: usize = 3;

/// The combining diacritical marks block; enough for decomposed Latin, Greek and Cyrillic.
fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Whether `c` belongs to a word as the index's tokenizer splits text: alphanumeric
/// characters and combining marks (so decomposed accents stay in their word).
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// A word as the tokenizer sees it: lowercase, without diacritics.
pub fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Byte ranges of the words of `text`.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (is_word_char(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The snippet of `text` for `terms` (already folded).
pub fn snippet(text: &str, terms: &[String]) -> String {
    let spans = words(text);
    if spans.is_empty() {
        return String::new();
    }
    let hit: Vec<Option<usize>> = spans
        .iter()
        .map(|&(s, e)| {
            let w = fold(&text[s..e]);
            terms.iter().position(|t| *t == w)
        })
        .collect();
    // The window with the most distinct terms, then the most matches; the earliest wins ties.
    let width = WIDTH.min(spans.len());
    let mut best = (0, (0usize, 0usize));
    for start in 0..=spans.len() - width {
        let window = &hit[start..start + width];
        let mut distinct: Vec<usize> = window.iter().flatten().copied().collect();
        let matches = distinct.len();
        distinct.sort_unstable();
        distinct.dedup();
        let score = (distinct.len(), matches);
        if score > best.1 {
            best = (start, score);
        }
    }
    // Slide the window so that the first match has a little context before it: everything
    // the best window matched after that point stays inside.
    let first_match = (best.0..best.0 + width).find(|&i| hit[i].is_some());
    let first = first_match
        .map_or(best.0, |m| m.saturating_sub(LEAD).max(best.0))
        .min(spans.len() - width);
    let last = first + width - 1;
    let mut out = String::new();
    if first > 0 {
        out.push('…');
    }
    let mut at = spans[first].0;
    for (i, &(s, e)) in spans.iter().enumerate().take(last + 1).skip(first) {
        out.push_str(&text[at..s]);
        if hit[i].is_some() {
            out.push('[');
            out.push_str(&text[s..e]);
            out.push(']');
        } else {
            out.push_str(&text[s..e]);
        }
        at = e;
    }
    if last + 1 < spans.len() {
        out.push('…');
    } else {
        out.push_str(&text[at..]);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| fold(s)).collect()
    }

    #[test]
    fn the_window_with_most_terms_is_shown_with_marks() {
        let text = format!(
            "{} Restic stores snapshots in a repository. {}",
            "filler ".repeat(30),
            "tail ".repeat(30)
        );
        let s = snippet(&text, &terms(&["restic", "snapshots"]));
        assert!(s.starts_with('…') && s.ends_with('…'), "{s}");
        assert!(
            s.contains("[Restic] stores [snapshots] in a repository."),
            "{s}"
        );
        assert!(s.starts_with("…filler filler filler [Restic]"), "{s}");
        let words = s.split_whitespace().count();
        assert!((19..=21).contains(&words), "{words}: {s}");
    }

    #[test]
    fn case_and_diacritics_match_like_the_index() {
        let s = snippet("Le café est prêt.", &terms(&["CAFE", "pret"]));
        assert_eq!(s, "Le [café] est [prêt].");
        assert_eq!(snippet("", &terms(&["x"])), "");
        assert_eq!(snippet("short text", &terms(&["none"])), "short text");
    }
}
