//! Keyword scoring against knowledge-base statistics: which single words and two-word
//! phrases characterise a text (TF-IDF with a smoothed idf), and how densely a keyword
//! occurs. Deterministic: scores are plain arithmetic and ties sort alphabetically.

use std::collections::{BTreeMap, BTreeSet};

use crate::text;

/// Document statistics of the knowledge base: how many documents there are and, per
/// lowercase term (a word, or a phrase of words joined by one space), how many contain it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CorpusStats {
    pub documents: u64,
    pub document_frequency: BTreeMap<String, u64>,
}

impl CorpusStats {
    /// Smoothed inverse document frequency `ln((N+1)/(df+1)) + 1`. `df` is capped at `N`
    /// so inconsistent statistics cannot make it drop below 1.
    fn idf(&self, df: u64) -> f64 {
        let n = self.documents as f64;
        let df = df.min(self.documents) as f64;
        ((n + 1.0) / (df + 1.0)).ln() + 1.0
    }

    fn df(&self, term: &str) -> u64 {
        self.document_frequency.get(term).copied().unwrap_or(0)
    }

    /// A phrase's document frequency: its own entry when the corpus counts phrases,
    /// otherwise the rarer word's, the most documents that can hold both words.
    fn phrase_df(&self, phrase: &str, first: &str, second: &str) -> u64 {
        match self.document_frequency.get(phrase) {
            Some(df) => *df,
            None => self.df(first).min(self.df(second)),
        }
    }
}

/// Counts of content words and of phrases (two content words adjacent in the text,
/// within one sentence, with no stopword or number between them).
#[derive(Default)]
struct Counts {
    words: BTreeMap<String, u64>,
    phrases: BTreeMap<(String, String), u64>,
    total_words: u64,
}

fn count_terms(source: &str) -> Counts {
    let mut counts = Counts::default();
    for sentence in text::sentences(source) {
        let mut previous: Option<String> = None;
        for word in text::words(&sentence.text) {
            // `content_words` on a single word applies the same filters (stopwords,
            // numbers, length, possessive) as on the whole text.
            let Some(term) = text::content_words(&word).into_iter().next() else {
                previous = None;
                continue;
            };
            counts.total_words += 1;
            *counts.words.entry(term.clone()).or_default() += 1;
            if let Some(first) = previous.replace(term.clone()) {
                *counts.phrases.entry((first, term)).or_default() += 1;
            }
        }
    }
    counts
}

/// The top `limit` keywords of `text` by TF-IDF against `corpus`: content words and
/// two-word phrases, lowercase, as `(keyword, score)` sorted by score (highest first) then
/// alphabetically. Term frequency is relative to the text's content-word count. A phrase
/// is kept only when it scores at least as well as each of its words, and then replaces
/// them; otherwise it is dropped. Code blocks are ignored.
pub fn score_keywords(text: &str, corpus: &CorpusStats, limit: usize) -> Vec<(String, f64)> {
    let counts = count_terms(text);
    if counts.total_words == 0 || limit == 0 {
        return Vec::new();
    }
    let total = counts.total_words as f64;
    let word_score: BTreeMap<&str, f64> = counts
        .words
        .iter()
        .map(|(w, n)| (w.as_str(), *n as f64 / total * corpus.idf(corpus.df(w))))
        .collect();
    let mut phrases: Vec<(String, f64, &str, &str)> = counts
        .phrases
        .iter()
        .filter(|((a, b), _)| a != b)
        .map(|((a, b), n)| {
            let phrase = format!("{a} {b}");
            let idf = corpus.idf(corpus.phrase_df(&phrase, a, b));
            (phrase, *n as f64 / total * idf, a.as_str(), b.as_str())
        })
        .collect();
    phrases.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    let mut kept: Vec<(String, f64)> = Vec::new();
    let mut replaced: BTreeSet<&str> = BTreeSet::new();
    for (phrase, score, a, b) in phrases {
        let part = |w: &str| word_score.get(w).copied().unwrap_or(0.0);
        if score >= part(a) && score >= part(b) {
            replaced.extend([a, b]);
            kept.push((phrase, score));
        }
    }
    kept.extend(
        word_score
            .iter()
            .filter(|(w, _)| !replaced.contains(*w))
            .map(|(w, s)| (w.to_string(), *s)),
    );
    kept.sort_by(|x, y| y.1.total_cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    kept.truncate(limit);
    kept
}

/// Occurrences of `keyword` (as a whole-word phrase, case-insensitive, not overlapping,
/// not across sentences) per word of `text`'s prose; 0.0 when either has no words.
pub fn density(text: &str, keyword: &str) -> f64 {
    let needle = text::words(keyword);
    if needle.is_empty() {
        return 0.0;
    }
    let mut total = 0usize;
    let mut hits = 0usize;
    for sentence in text::sentences(text) {
        let hay = text::words(&sentence.text);
        total += hay.len();
        hits += count_occurrences(&hay, &needle);
    }
    if total == 0 {
        return 0.0;
    }
    hits as f64 / total as f64
}

/// Non-overlapping occurrences of `needle` in `hay`, scanning left to right.
fn count_occurrences(hay: &[String], needle: &[String]) -> usize {
    let mut hits = 0;
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == *needle {
            hits += 1;
            i += needle.len();
        } else {
            i += 1;
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(documents: u64, df: &[(&str, u64)]) -> CorpusStats {
        CorpusStats {
            documents,
            document_frequency: df.iter().map(|(t, n)| (t.to_string(), *n)).collect(),
        }
    }

    fn names(scored: &[(String, f64)]) -> Vec<&str> {
        scored.iter().map(|(k, _)| k.as_str()).collect()
    }

    #[test]
    fn idf_is_smoothed_and_bounded() {
        let c = corpus(9, &[]);
        assert_eq!(c.idf(0), 10f64.ln() + 1.0);
        assert_eq!(c.idf(9), 1.0);
        assert_eq!(c.idf(1_000), 1.0, "df above N is capped");
        assert_eq!(corpus(0, &[]).idf(0), 1.0);
    }

    #[test]
    fn rare_words_outrank_common_ones() {
        let c = corpus(
            100,
            &[
                ("rust", 90),
                ("borrow", 2),
                ("checker", 3),
                ("checks", 60),
                ("memory", 50),
                ("safety", 40),
            ],
        );
        let text = "Rust memory safety. The borrow checker checks memory. Rust rust rust.";
        let scored = score_keywords(text, &c, 10);
        assert_eq!(scored[0].0, "borrow checker");
        assert!(
            !names(&scored).contains(&"borrow"),
            "replaced by the phrase"
        );
        assert!(scored.windows(2).all(|w| w[0].1 >= w[1].1));
        assert_eq!(scored, score_keywords(text, &c, 10));
    }

    #[test]
    fn phrases_do_not_cross_sentences_or_stopwords() {
        let c = corpus(10, &[]);
        let scored = score_keywords("Memory safety. Checker of types.", &c, 10);
        let keys = names(&scored);
        assert!(keys.contains(&"memory safety"));
        assert!(
            !keys
                .iter()
                .any(|k| *k == "safety checker" || *k == "checker types")
        );
        assert!(keys.contains(&"checker") && keys.contains(&"types"));
    }

    #[test]
    fn weak_phrases_are_dropped() {
        // "fast" alone is frequent and rare in the corpus; the phrase occurs once.
        let c = corpus(100, &[("fast", 1), ("code", 80)]);
        let scored = score_keywords("Fast code. Fast. Fast. Fast.", &c, 10);
        assert_eq!(names(&scored), ["fast", "code"]);
    }

    #[test]
    fn corpus_phrase_frequency_is_used_when_present() {
        let c = corpus(100, &[("open", 10), ("source", 10), ("open source", 90)]);
        let scored = score_keywords("Open source. Open source.", &c, 10);
        assert_eq!(names(&scored), ["open", "source"]);
    }

    #[test]
    fn ties_sort_alphabetically_and_limit_applies() {
        let c = corpus(10, &[]);
        let scored = score_keywords("Zeta. Alpha. Mid.", &c, 2);
        assert_eq!(names(&scored), ["alpha", "mid"]);
        assert!(score_keywords("zeta alpha", &c, 0).is_empty());
    }

    #[test]
    fn hostile_input() {
        let c = corpus(10, &[]);
        assert!(score_keywords("", &c, 5).is_empty());
        assert!(score_keywords("the and of 42 1999 a", &c, 5).is_empty());
        assert!(score_keywords("```\nfn main() {}\n```", &c, 5).is_empty());
        let unicode = score_keywords("Crème brûlée. 日本語 テキスト.", &c, 10);
        assert!(names(&unicode).contains(&"crème brûlée"));
        let huge = "Tokio runtime schedules async tasks efficiently. ".repeat(10_000);
        let scored = score_keywords(&huge, &c, 3);
        assert_eq!(scored.len(), 3);
        assert!(scored.iter().all(|(k, s)| k.contains(' ') && s.is_finite()));
    }

    #[test]
    fn repeated_word_is_not_a_phrase() {
        let scored = score_keywords("Very very good. Buffalo buffalo.", &corpus(1, &[]), 10);
        assert!(!names(&scored).contains(&"buffalo buffalo"));
    }

    #[test]
    fn density_counts_whole_phrases() {
        assert_eq!(density("Rust is fast. Rust is safe.", "rust"), 2.0 / 6.0);
        assert_eq!(
            density("Borrow checker. The borrow checker!", "Borrow Checker"),
            2.0 / 5.0
        );
        assert_eq!(density("rusty trust", "rust"), 0.0);
        assert_eq!(density("a a a", "a a"), 1.0 / 3.0);
        assert_eq!(
            density("ends with borrow. Checker starts", "borrow checker"),
            0.0
        );
        assert_eq!(density("", "rust"), 0.0);
        assert_eq!(density("rust", ""), 0.0);
        assert_eq!(density("```\nrust rust\n```", "rust"), 0.0);
    }
}
