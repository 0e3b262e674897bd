//! Phrase matching: keyword density and the phrases the tone profile avoids.

use super::*;

/// Text folded for matching: lowercase, typographic apostrophes and hyphens made plain,
/// whitespace runs collapsed to one space. `origin` maps each folded char back to a byte in the
/// original, which is how a match finds its line.
pub(super) struct Folded {
    pub(super) text: String,
    /// `(byte in folded text, byte in original)`, one entry per folded char.
    pub(super) origin: Vec<(usize, usize)>,
}

impl Folded {
    pub(super) fn new(text: &str) -> Folded {
        let mut out = Folded {
            text: String::with_capacity(text.len()),
            origin: Vec::with_capacity(text.len()),
        };
        for (at, c) in text.char_indices() {
            if c.is_whitespace() {
                if !out.text.is_empty() && !out.text.ends_with(' ') {
                    out.push(' ', at);
                }
                continue;
            }
            let c = match c {
                '\u{2018}' | '\u{2019}' | '\u{02bc}' => '\'',
                '\u{2010}' | '\u{2011}' => '-',
                c => c,
            };
            for lower in c.to_lowercase() {
                out.push(lower, at);
            }
        }
        if out.text.ends_with(' ') {
            out.text.pop();
            out.origin.pop();
        }
        out
    }

    pub(super) fn push(&mut self, c: char, origin: usize) {
        self.origin.push((self.text.len(), origin));
        self.text.push(c);
    }

    pub(super) fn original(&self, pos: usize) -> usize {
        let i = self.origin.partition_point(|&(at, _)| at <= pos);
        i.checked_sub(1)
            .and_then(|i| self.origin.get(i))
            .map_or(0, |&(_, src)| src)
    }

    /// Folded-text positions where `needle` (already folded) occurs on word boundaries: a
    /// needle edge that is a letter or digit must not touch another one, so "delve" does not
    /// match "delved" and "ai" does not match "maintain".
    pub(super) fn find_all(&self, needle: &str) -> Vec<usize> {
        let mut found = Vec::new();
        if needle.is_empty() {
            return found;
        }
        let word = |c: char| c.is_alphanumeric() || c == '_';
        let first_is_word = needle.chars().next().is_some_and(word);
        let last_is_word = needle.chars().next_back().is_some_and(word);
        let mut from = 0;
        while let Some(i) = self.text.get(from..).and_then(|t| t.find(needle)) {
            let at = from + i;
            let end = at + needle.len();
            let before_ok =
                !first_is_word || !self.text[..at].chars().next_back().is_some_and(word);
            let after_ok = !last_is_word || !self.text[end..].chars().next().is_some_and(word);
            if before_ok && after_ok {
                found.push(at);
                from = end;
            } else {
                // Step one char so overlapping candidates are still tried.
                from = at + self.text[at..].chars().next().map_or(1, char::len_utf8);
            }
        }
        found
    }
}

/// A share as a percentage rounded to two decimals.
fn percent(share: f64) -> f64 {
    (share * 10_000.0).round() / 100.0
}

pub(super) fn check_keyword_density(doc: &Doc, prose: &ProseStats, opts: &QualityOptions) -> Check {
    let limit = opts.tone.keyword_density_max;
    let mut keywords: Vec<(String, String)> = Vec::new();
    for keyword in opts.keywords {
        let folded = Folded::new(keyword).text;
        if !folded.is_empty() && !keywords.iter().any(|(_, f)| *f == folded) {
            keywords.push((keyword.trim().to_owned(), folded));
        }
    }
    let summary_ok = |detail: String| Check {
        name: "keyword_density".to_owned(),
        passed: true,
        detail,
    };
    if keywords.is_empty() {
        return summary_ok("no keywords given".to_owned());
    }
    if prose.words == 0 {
        return summary_ok("no prose to measure".to_owned());
    }
    let folded: Vec<Folded> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Prose | BlockKind::Cell))
        // A keyword inside inline code (`git rebase --onto`) is a command, not stuffing.
        .map(|b| Folded::new(&b.masked()))
        .collect();
    let mut measured: Vec<(String, usize, f64)> = keywords
        .iter()
        .map(|(keyword, needle)| {
            let count: usize = folded.iter().map(|f| f.find_all(needle).len()).sum();
            (
                keyword.clone(),
                count,
                percent(count as f64 / prose.words as f64),
            )
        })
        .collect();
    // Densities and the limit are rounded once, to the precision printed, and compared as
    // printed: "3.50%, limit 3.50%" passes.
    let limit = percent(limit);
    // Worst first; stable, so equal densities keep the caller's order.
    measured.sort_by(|a, b| b.2.total_cmp(&a.2));
    let describe = |(keyword, count, density): &(String, usize, f64)| {
        format!(
            "{} {density:.2}% ({count} in {} words)",
            quote(keyword),
            prose.words
        )
    };
    let problems = measured
        .iter()
        .filter(|m| m.2 > limit)
        .map(|m| format!("{}, limit {limit:.2}%", describe(m)))
        .collect();
    let summary = match measured.first() {
        Some(worst) => format!("worst: {}, limit {limit:.2}%", describe(worst)),
        None => "no keywords given".to_owned(),
    };
    finish(
        "keyword_density",
        problems,
        summary,
        (
            "keyword above its density limit",
            "keywords above their density limit",
        ),
    )
}

pub(super) fn check_avoided_phrases(
    doc: &Doc,
    fields: Option<&Map<String, Value>>,
    tone: &ToneProfile,
) -> Check {
    let phrases: Vec<(&str, String)> = tone
        .avoid
        .iter()
        .map(|p| (p.trim(), Folded::new(p).text))
        .filter(|(_, folded)| !folded.is_empty())
        .collect();
    let mut problems = Vec::new();
    // Title and description are what readers see first; a cliché there counts too.
    for key in ["title", "seo_title", "description"] {
        let Some(value) = fields.and_then(|f| f.get(key)).and_then(Value::as_str) else {
            continue;
        };
        let folded = Folded::new(value);
        for (phrase, needle) in &phrases {
            if !folded.find_all(needle).is_empty() {
                problems.push(format!("{} in front matter `{key}`", quote(phrase)));
            }
        }
    }
    for block in &doc.blocks {
        let folded = Folded::new(&block.text);
        for (phrase, needle) in &phrases {
            for at in folded.find_all(needle) {
                let pos = folded.original(at);
                if block.in_code(pos) {
                    continue;
                }
                let line = doc.line_of(block.source_offset(pos));
                // Quote the text as written, not as folded for matching.
                let last = at + needle.len() - needle.chars().next_back().map_or(1, char::len_utf8);
                let last = folded.original(last);
                let end = last + block.text[last..].chars().next().map_or(0, char::len_utf8);
                problems.push(format!(
                    "{} on line {line}: {}",
                    quote(phrase),
                    quote(&context(&block.text, pos, end))
                ));
            }
        }
    }
    finish(
        "avoided_phrases",
        problems,
        format!("none of {} avoided phrases used", phrases.len()),
        ("avoided phrase used", "avoided phrases used"),
    )
}

/// A few words either side of `text[at..end]`, so the quote shows where a match sits.
pub(super) fn context(text: &str, at: usize, end: usize) -> String {
    let mut start = at.saturating_sub(25);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = end.saturating_add(25).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let mut out = String::new();
    if start > 0 {
        out.push_str("...");
    }
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push_str("...");
    }
    out
}
