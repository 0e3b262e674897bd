//! Readability: sentences, syllables and the Flesch–Kincaid grade. A word of inline code
//! (`asyncio.get_running_loop()`, `__next__`) is a name the reader takes in at a glance, not
//! English to sound out: it counts as a word of one syllable.

use super::*;

/// A sentence, for quoting the longest ones.
pub(super) struct Sentence {
    pub(super) words: usize,
    pub(super) line: usize,
    pub(super) text: String,
}

/// Counts over the graded prose (paragraphs and list items).
pub(super) struct ProseStats {
    /// All prose words, table cells included: the base for keyword density.
    pub(super) words: usize,
    pub(super) graded_words: usize,
    pub(super) sentences: usize,
    pub(super) syllables: usize,
    pub(super) longest: Vec<Sentence>,
}

impl ProseStats {
    pub(super) fn measure(doc: &Doc) -> ProseStats {
        let mut stats = ProseStats {
            words: 0,
            graded_words: 0,
            sentences: 0,
            syllables: 0,
            longest: Vec::new(),
        };
        for block in &doc.blocks {
            match block.kind {
                BlockKind::Prose => {}
                BlockKind::Cell => {
                    stats.words += block.words();
                    continue;
                }
                BlockKind::Heading | BlockKind::Footnote => continue,
            }
            let masked = block.masked();
            for (start, end, count) in sentences(&block.text) {
                stats.words += count;
                stats.graded_words += count;
                stats.sentences += 1;
                let english: Vec<&str> = words(&masked[start..end]).collect();
                stats.syllables += english.iter().map(|w| syllables(w)).sum::<usize>()
                    + count.saturating_sub(english.len());
                stats.longest.push(Sentence {
                    words: count,
                    line: doc.line_of(block.source_offset(start)),
                    text: block.text[start..end].to_owned(),
                });
            }
        }
        // Longest first, earliest first among equals, so the report is deterministic.
        stats
            .longest
            .sort_by(|a, b| b.words.cmp(&a.words).then(a.line.cmp(&b.line)));
        stats.longest.truncate(LONGEST_SENTENCES_SHOWN);
        stats
    }

    /// Flesch–Kincaid grade level, rounded to two decimals; `None` when there is nothing to
    /// grade. Rounded here, once, so the report's field, its headline and the check's detail
    /// show the same figure and the check compares that figure.
    // Private on purpose: `crate::text::readability_grade` is being written alongside this
    // module, and this should be swapped for it once it lands, so the two do not depend on
    // each other in the meantime.
    pub(super) fn grade(&self) -> Option<f64> {
        if self.graded_words == 0 || self.sentences == 0 {
            return None;
        }
        let words = self.graded_words as f64;
        let grade =
            0.39 * (words / self.sentences as f64) + 11.8 * (self.syllables as f64 / words) - 15.59;
        // Very plain text scores below zero, which names no school grade; floored like
        // `crate::text::readability_grade` so the two agree.
        Some((grade.max(0.0) * 100.0).round() / 100.0)
    }
}

/// Abbreviations whose full stop does not end a sentence.
pub(super) const ABBREVIATIONS: &[&str] = &["e.g.", "i.e.", "vs.", "cf.", "mr.", "mrs.", "dr."];

/// Sentences of one block as `(start, end, words)` byte ranges. A block always ends a
/// sentence, so a list item without a full stop still counts as one.
pub(super) fn sentences(text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut count = 0;
    let mut end = 0;
    let all: Vec<(usize, &str)> = tokens(text).collect();
    for (i, &(at, token)) in all.iter().enumerate() {
        if !token.chars().any(char::is_alphanumeric) {
            continue;
        }
        start.get_or_insert(at);
        count += 1;
        end = at + token.len();
        let bare = token.trim_end_matches(['"', '\'', ')', ']', '*', '_', '\u{201d}', '\u{2019}']);
        // "(e.g." is the abbreviation as much as "e.g." is.
        let lower = token
            .trim_start_matches(['(', '[', '"', '\'', '\u{201c}', '\u{2018}'])
            .to_lowercase();
        // "…pass the testsuite, etc.) you should use…": a list's "etc." ends the sentence
        // only where a new one starts.
        let list_goes_on = bare.to_lowercase().ends_with("etc.")
            && all
                .get(i + 1)
                .is_some_and(|(_, next)| next.starts_with(char::is_lowercase));
        if bare.ends_with(['.', '!', '?'])
            && !ABBREVIATIONS.contains(&lower.as_str())
            && !list_goes_on
        {
            if let Some(s) = start.take() {
                out.push((s, end, count));
            }
            count = 0;
        }
    }
    if let Some(s) = start {
        out.push((s, end, count));
    }
    out
}

/// Whitespace-separated tokens with their byte offsets.
pub(super) fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        // split_whitespace yields subslices of `text`, so the pointer difference is the offset.
        .map(move |t| (t.as_ptr().addr() - text.as_ptr().addr(), t))
}

/// An English syllable estimate: vowel groups, less a silent final `e`, `-ed` or `-es`.
/// Good to a syllable or so per word, which is all a grade level needs.
pub(super) fn syllables(word: &str) -> usize {
    let letters: Vec<char> = word
        .chars()
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect();
    if letters.len() <= 3 {
        return 1;
    }
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut previous = false;
    for &c in &letters {
        let v = vowel(c);
        if v && !previous {
            count += 1;
        }
        previous = v;
    }
    let n = letters.len();
    let (last, before, third) = (letters[n - 1], letters[n - 2], letters[n - 3]);
    let silent = match (third, before, last) {
        // "table", "simple": the e is sounded after a consonant + l.
        (t, 'l', 'e') if !vowel(t) => false,
        (_, _, 'e') => !vowel(before),
        // "jumped" is one syllable, "wanted" two.
        (_, 'e', 'd') => !matches!(third, 't' | 'd') && !vowel(third),
        // "makes" is one, "boxes" and "pages" two.
        (_, 'e', 's') => !matches!(third, 's' | 'x' | 'z' | 'h' | 'g' | 'c') && !vowel(third),
        _ => false,
    };
    if silent && count > 1 {
        count -= 1;
    }
    count.max(1)
}

pub(super) fn check_readability(prose: &ProseStats, tone: &ToneProfile) -> Check {
    let max = tone.reading_level;
    let Some(grade) = prose.grade() else {
        return Check {
            name: "readability".to_owned(),
            passed: true,
            detail: "no prose to grade".to_owned(),
        };
    };
    let per_sentence = prose.graded_words as f64 / prose.sentences as f64;
    let per_word = prose.syllables as f64 / prose.graded_words as f64;
    let passed = grade <= max;
    let mut detail = format!(
        "grade {grade:.2} ({} maximum {max}); {per_sentence:.1} words per sentence, \
         {per_word:.2} syllables per word",
        if passed { "within the" } else { "above the" },
    );
    if !passed {
        detail.push_str("\nshorten the longest sentences first:");
        for s in &prose.longest {
            detail.push_str(&format!(
                "\n{} words on line {}: {}",
                s.words,
                s.line,
                quote(&s.text)
            ));
        }
    }
    Check {
        name: "readability".to_owned(),
        passed,
        detail,
    }
}
