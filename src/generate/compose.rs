//! Extractive composition: choosing which source sentences an article says. It owns
//! Maximal Marginal Relevance re-ranking, LexRank-style sentence selection under a word
//! budget, grouping picks into paragraphs, and summarising finished sections. Everything is
//! deterministic: no randomness, fixed iteration counts, ties broken by position.

use std::collections::{BTreeMap, BTreeSet};

use crate::generate::article::Passage;
use crate::text::{self, Sentence};

/// Sentences shorter than this are fragments; longer ones read as run-ons or lists.
const MIN_WORDS: usize = 6;
const MAX_WORDS: usize = 60;
/// Upper bound on sentences entering the similarity graph, which is quadratic in size;
/// the best passages come first, so the cap drops the least relevant material.
const MAX_CANDIDATES: usize = 400;
/// LexRank parameters: the usual PageRank damping and a fixed iteration count (converged
/// well within tolerance for graphs of `MAX_CANDIDATES` nodes) so results never depend on a
/// convergence test.
const DAMPING: f64 = 0.85;
const ITERATIONS: usize = 50;
/// A pick is redundant when its TF-IDF cosine to an earlier pick exceeds this…
const REDUNDANT_COSINE: f64 = 0.5;
/// …or when the sets of words it uses overlap this much (Jaccard), which catches
/// near-copies made only of common words.
const NEAR_DUPLICATE: f64 = 0.8;
/// How centrality, focus-term overlap and passage relevance combine into one score.
/// Focus and centrality weigh the same, so a sentence naming every focus term always beats
/// an equally placed one naming none.
const WEIGHT_CENTRALITY: f64 = 0.4;
const WEIGHT_FOCUS: f64 = 0.4;
const WEIGHT_PASSAGE: f64 = 0.2;

/// An item to re-rank: `index` identifies it to the caller, `score` is its relevance
/// (any scale) and `terms` describe its content for the similarity measure.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub index: usize,
    pub score: f64,
    pub terms: Vec<String>,
}

/// Maximal Marginal Relevance: repeatedly picks the candidate maximising
/// `lambda * relevance - (1 - lambda) * max_similarity_to_picked`, where relevance is the
/// score relative to the best one (see `relative`) and similarity is the Jaccard index of the
/// term sets. Returns the `index` fields in pick order, at most `k`. `lambda` is clamped to
/// 0..=1 (NaN means 1, pure relevance); ties go to the lower `index`, then the earlier
/// candidate.
pub fn mmr(cands: &[Candidate], k: usize, lambda: f64) -> Vec<usize> {
    let lambda = if lambda.is_nan() {
        1.0
    } else {
        lambda.clamp(0.0, 1.0)
    };
    let scores: Vec<f64> = cands.iter().map(|c| c.score).collect();
    let relevance = relative(&scores);
    let sets: Vec<BTreeSet<&str>> = cands
        .iter()
        .map(|c| c.terms.iter().map(String::as_str).collect())
        .collect();
    let mut max_similarity = vec![0.0_f64; cands.len()];
    let mut picked = vec![false; cands.len()];
    let mut order = Vec::new();
    while order.len() < k.min(cands.len()) {
        let value = |i: usize| lambda * relevance[i] - (1.0 - lambda) * max_similarity[i];
        let best = (0..cands.len()).filter(|i| !picked[*i]).max_by(|a, b| {
            value(*a)
                .total_cmp(&value(*b))
                .then(cands[*b].index.cmp(&cands[*a].index))
                .then(b.cmp(a))
        });
        let Some(best) = best else { break };
        picked[best] = true;
        order.push(cands[best].index);
        for (i, sim) in max_similarity.iter_mut().enumerate() {
            *sim = sim.max(jaccard(&sets[i], &sets[best]));
        }
    }
    order
}

/// Jaccard index of two sets; two empty sets share nothing.
fn jaccard<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    let union = a.union(b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(b).count() as f64 / union as f64
}

/// Maps scores to 0..=1 keeping their proportions: each non-negative score is divided by
/// the largest, so near-equal scores stay near-equal. With negative scores it falls back to
/// min–max rescaling; all-equal scores become 1. NaN counts as 0 and infinities are clamped
/// so the arithmetic stays finite.
fn relative(values: &[f64]) -> Vec<f64> {
    let clean: Vec<f64> = values
        .iter()
        .map(|v| {
            if v.is_nan() {
                0.0
            } else {
                v.clamp(-1e300, 1e300)
            }
        })
        .collect();
    let min = clean.iter().copied().fold(f64::INFINITY, f64::min);
    let max = clean.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let (floor, range) = if min >= 0.0 {
        (0.0, max)
    } else {
        (min, max - min)
    };
    clean
        .iter()
        .map(|v| {
            if range > 0.0 {
                (v - floor) / range
            } else {
                1.0
            }
        })
        .collect()
}

/// A sentence chosen for the article: its passage, cleaned text, position
/// `(passage index, sentence index within the passage)` and combined score.
#[derive(Debug, Clone, PartialEq)]
pub struct Selected {
    pub passage: usize,
    pub sentence: String,
    pub order: (usize, usize),
    pub score: f64,
}

/// A sentence that passed the filters, ready for ranking.
struct Pooled {
    order: (usize, usize),
    text: String,
    words: usize,
    content: Vec<String>,
    word_set: BTreeSet<String>,
}

/// Extractive selection: the passages' prose sentences (6–60 words, not headings, not
/// mostly code, not lead-ins ending in `:`) are ranked by LexRank centrality over a TF-IDF
/// cosine graph, overlap with `focus_terms` and passage score; the best are taken greedily,
/// skipping redundant ones, while they fit in `budget_words` (the first pick always fits).
/// Picks come back in source order, `(passage, sentence)`.
pub fn select_sentences(
    passages: &[Passage],
    focus_terms: &[String],
    budget_words: usize,
) -> Vec<Selected> {
    if budget_words == 0 {
        return Vec::new();
    }
    let passage_scores: Vec<f64> = passages.iter().map(|p| p.score).collect();
    let passage_weight = relative(&passage_scores);
    let mut by_relevance: Vec<usize> = (0..passages.len()).collect();
    by_relevance.sort_by(|a, b| {
        passage_weight[*b]
            .total_cmp(&passage_weight[*a])
            .then(a.cmp(b))
    });
    let pool = pool(
        by_relevance
            .iter()
            .map(|i| (*i, passages[*i].text.as_str())),
    );
    let vectors = tfidf_vectors(&pool);
    let centrality = relative(&lexrank(&vectors));
    let focus = focus_set(focus_terms);
    let scores: Vec<f64> = pool
        .iter()
        .zip(&centrality)
        .map(|(p, c)| {
            WEIGHT_CENTRALITY * c
                + WEIGHT_FOCUS * focus_overlap(&p.content, &focus)
                + WEIGHT_PASSAGE * passage_weight[p.order.0]
        })
        .collect();
    let mut picks: Vec<Selected> = greedy(&pool, &vectors, &scores, budget_words)
        .into_iter()
        .map(|i| Selected {
            passage: pool[i].order.0,
            sentence: pool[i].text.clone(),
            order: pool[i].order,
            score: scores[i],
        })
        .collect();
    picks.sort_by_key(|s| s.order);
    picks
}

/// Groups consecutive picks into paragraphs of at most `max_sentences_per_paragraph`
/// sentences (0 counts as 1). A paragraph also ends where the source passage changes once
/// it holds at least half its maximum, so paragraphs follow their sources without
/// leaving one-sentence stubs. Returns each paragraph's text and the sorted, distinct
/// passage indices it drew on.
pub fn paragraphs(
    selected: &[Selected],
    max_sentences_per_paragraph: usize,
) -> Vec<(String, Vec<usize>)> {
    let max = max_sentences_per_paragraph.max(1);
    let mut groups: Vec<Vec<&Selected>> = Vec::new();
    for pick in selected {
        let start_new = match groups.last() {
            None => true,
            Some(group) => {
                let passage_changed = group.last().is_some_and(|l| l.passage != pick.passage);
                group.len() >= max || (passage_changed && group.len() * 2 >= max)
            }
        };
        if start_new {
            groups.push(Vec::new());
        }
        if let Some(group) = groups.last_mut() {
            group.push(pick);
        }
    }
    groups
        .into_iter()
        .map(|group| {
            let text: Vec<&str> = group.iter().map(|s| s.sentence.as_str()).collect();
            let sources: BTreeSet<usize> = group.iter().map(|s| s.passage).collect();
            (text.join(" "), sources.into_iter().collect())
        })
        .collect()
}

/// The most central sentences across `texts` (LexRank, redundancy-filtered, within
/// `budget_words`, the first pick always fitting), in their original order: text by text,
/// sentence by sentence. For introductions and conclusions that sum up sections.
pub fn summarize(texts: &[&str], budget_words: usize) -> Vec<String> {
    if budget_words == 0 {
        return Vec::new();
    }
    let pool = pool(texts.iter().copied().enumerate());
    let vectors = tfidf_vectors(&pool);
    let scores = lexrank(&vectors);
    let mut picks = greedy(&pool, &vectors, &scores, budget_words);
    picks.sort_by_key(|i| pool[*i].order);
    picks.into_iter().map(|i| pool[i].text.clone()).collect()
}

/// The eligible sentences of the given `(source index, text)` pairs, in that order, at
/// most `MAX_CANDIDATES`.
fn pool<'a>(sources: impl Iterator<Item = (usize, &'a str)>) -> Vec<Pooled> {
    let mut out = Vec::new();
    for (source, body) in sources {
        for (position, sentence) in text::sentences(body).iter().enumerate() {
            if out.len() == MAX_CANDIDATES {
                return out;
            }
            if let Some(clean) = eligible(body, sentence) {
                out.push(Pooled {
                    order: (source, position),
                    words: text::word_count(&clean),
                    content: text::content_words(&clean),
                    word_set: text::words(&clean).into_iter().collect(),
                    text: clean,
                });
            }
        }
    }
    out
}

/// The cleaned sentence if it can stand in an article paragraph: prose, 6–60 words,
/// mostly words rather than code, not a lead-in ending with `:`. Footnote references and
/// reference-style link labels are removed (they would dangle); an unpunctuated item that
/// starts with a capital gets a full stop, any other unpunctuated fragment is dropped.
fn eligible(source: &str, sentence: &Sentence) -> Option<String> {
    if !text::is_prose(source, sentence) {
        return None;
    }
    let clean = drop_reference_labels(&text::strip_footnote_refs(&sentence.text));
    let clean = clean.trim();
    let words = text::word_count(clean);
    if !(MIN_WORDS..=MAX_WORDS).contains(&words) || mostly_code(clean) {
        return None;
    }
    let core = clean.trim_end_matches(['"', '\'', ')', ']', '*', '_', '\u{201D}', '\u{2019}']);
    if core.ends_with(['.', '!', '?']) {
        return Some(clean.to_string());
    }
    let capitalised = clean.chars().next().is_some_and(char::is_uppercase);
    (capitalised && !core.ends_with([':', ',', ';', '-'])).then(|| format!("{clean}."))
}

/// Turns reference-style links `[text][label]` into plain `text`: the label's definition
/// is not copied with the sentence, so the link would not resolve.
fn drop_reference_labels(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(mid) = rest.find("][") {
        let open = rest[..mid].rfind('[');
        let close = rest[mid + 2..].find(']').map(|c| mid + 2 + c);
        match (open, close) {
            (Some(open), Some(close)) if !rest[mid + 2..close].contains('[') => {
                out.push_str(&rest[..open]);
                out.push_str(&rest[open + 1..mid]);
                rest = &rest[close + 1..];
            }
            _ => {
                out.push_str(&rest[..mid + 2]);
                rest = &rest[mid + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a sentence is mostly code or symbols: fewer than 60% of its tokens are words
/// (outside inline code, at least half letters), or more than 15% of its visible characters
/// are programming symbols.
fn mostly_code(s: &str) -> bool {
    let mut in_code = false;
    let mut tokens = 0usize;
    let mut wordy = 0usize;
    for token in s.split_whitespace() {
        let starts_in_code = in_code;
        in_code ^= token.matches('`').count() % 2 == 1;
        tokens += 1;
        let letters = token.chars().filter(|c| c.is_alphabetic()).count();
        let is_word =
            !starts_in_code && !token.starts_with('`') && letters * 2 >= token.chars().count();
        wordy += usize::from(is_word);
    }
    let visible = s.chars().filter(|c| !c.is_whitespace()).count();
    let symbols = s
        .chars()
        .filter(|c| "{}[]<>=;|&$#@\\^~`+%".contains(*c))
        .count();
    tokens == 0 || wordy * 10 < tokens * 6 || symbols * 100 > visible * 15
}

/// L2-normalised TF-IDF vectors of the pooled sentences' content words, with term ids in
/// alphabetical order and the smoothed idf `ln((N+1)/(df+1)) + 1`.
fn tfidf_vectors(pool: &[Pooled]) -> Vec<Vec<(usize, f64)>> {
    let mut df: BTreeMap<&str, usize> = BTreeMap::new();
    for p in pool {
        let unique: BTreeSet<&str> = p.content.iter().map(String::as_str).collect();
        for term in unique {
            *df.entry(term).or_default() += 1;
        }
    }
    let ids: BTreeMap<&str, usize> = df.keys().enumerate().map(|(i, t)| (*t, i)).collect();
    let idf: Vec<f64> = df
        .values()
        .map(|d| ((pool.len() as f64 + 1.0) / (*d as f64 + 1.0)).ln() + 1.0)
        .collect();
    pool.iter()
        .map(|p| {
            let mut tf: BTreeMap<usize, f64> = BTreeMap::new();
            for term in &p.content {
                if let Some(id) = ids.get(term.as_str()) {
                    *tf.entry(*id).or_default() += 1.0;
                }
            }
            let weights: Vec<(usize, f64)> = tf
                .into_iter()
                // Ids come from enumerating `df`, so they index `idf` in bounds.
                .map(|(id, count)| (id, count * idf[id]))
                .collect();
            normalise(weights)
        })
        .collect()
}

fn normalise(weights: Vec<(usize, f64)>) -> Vec<(usize, f64)> {
    let norm = weights.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
    if norm == 0.0 {
        return weights;
    }
    weights.into_iter().map(|(id, w)| (id, w / norm)).collect()
}

/// Dot product of two sparse vectors sorted by id; the cosine when both are normalised.
fn cosine(a: &[(usize, f64)], b: &[(usize, f64)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Continuous LexRank: PageRank over the cosine-weighted sentence graph (no self loops),
/// dangling sentences spreading their rank evenly.
fn lexrank(vectors: &[Vec<(usize, f64)>]) -> Vec<f64> {
    let n = vectors.len();
    if n == 0 {
        return Vec::new();
    }
    let mut edges: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    for i in 0..n {
        for j in i + 1..n {
            let w = cosine(&vectors[i], &vectors[j]);
            if w > 0.0 {
                edges[i].push((j, w));
                edges[j].push((i, w));
            }
        }
    }
    let out_weight: Vec<f64> = edges
        .iter()
        .map(|e| e.iter().map(|(_, w)| w).sum())
        .collect();
    let share = 1.0 / n as f64;
    let mut rank = vec![share; n];
    for _ in 0..ITERATIONS {
        let dangling: f64 = (0..n)
            .filter(|i| out_weight[*i] == 0.0)
            .map(|i| rank[i])
            .sum();
        let base = (1.0 - DAMPING) * share + DAMPING * dangling * share;
        let mut next = vec![base; n];
        for (i, targets) in edges.iter().enumerate() {
            for (j, w) in targets {
                next[*j] += DAMPING * rank[i] * w / out_weight[i];
            }
        }
        rank = next;
    }
    rank
}

/// Takes pool entries best score first (ties to the earlier entry), skipping redundant ones
/// and ones that would overflow the budget, until the budget is reached. Returns pool
/// indices in pick order.
fn greedy(
    pool: &[Pooled],
    vectors: &[Vec<(usize, f64)>],
    scores: &[f64],
    budget: usize,
) -> Vec<usize> {
    let mut ranked: Vec<usize> = (0..pool.len()).collect();
    ranked.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]).then(a.cmp(b)));
    let mut picked: Vec<usize> = Vec::new();
    let mut total = 0;
    for i in ranked {
        if total >= budget {
            break;
        }
        let fits = picked.is_empty() || total + pool[i].words <= budget;
        let redundant = picked.iter().any(|p| {
            cosine(&vectors[i], &vectors[*p]) > REDUNDANT_COSINE
                || jaccard(&pool[i].word_set, &pool[*p].word_set) >= NEAR_DUPLICATE
        });
        if fits && !redundant {
            total += pool[i].words;
            picked.push(i);
        }
    }
    picked
}

/// Crude plural folding so "passages" matches the focus term "passage".
fn fold(word: &str) -> &str {
    match word.strip_suffix('s') {
        Some(stem) if stem.len() >= 3 && !stem.ends_with('s') => stem,
        _ => word,
    }
}

fn focus_set(focus_terms: &[String]) -> BTreeSet<String> {
    focus_terms
        .iter()
        .flat_map(|t| text::content_words(t))
        .map(|w| fold(&w).to_string())
        .collect()
}

/// Share of the focus terms the sentence mentions, 0..=1.
fn focus_overlap(content: &[String], focus: &BTreeSet<String>) -> f64 {
    if focus.is_empty() {
        return 0.0;
    }
    let present: BTreeSet<&str> = content.iter().map(|w| fold(w)).collect();
    let hits = focus
        .iter()
        .filter(|f| present.contains(f.as_str()))
        .count();
    hits as f64 / focus.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(text: &str, score: f64) -> Passage {
        Passage {
            chunk_id: 1,
            document_id: 1,
            chunk_hash: String::new(),
            source: "doc.md".into(),
            title: None,
            heading_path: Vec::new(),
            text: text.into(),
            score,
        }
    }

    fn cand(index: usize, score: f64, terms: &[&str]) -> Candidate {
        Candidate {
            index,
            score,
            terms: terms.iter().map(|t| t.to_string()).collect(),
        }
    }

    #[test]
    fn mmr_prefers_relevance_then_diversity() {
        let cands = [
            cand(10, 1.0, &["rust", "borrow", "checker"]),
            cand(11, 0.95, &["rust", "borrow", "checker"]),
            cand(12, 0.6, &["tokio", "runtime"]),
        ];
        assert_eq!(mmr(&cands, 3, 1.0), [10, 11, 12]);
        assert_eq!(mmr(&cands, 2, 0.5), [10, 12]);
        assert_eq!(mmr(&cands, 0, 0.5), Vec::<usize>::new());
        assert_eq!(mmr(&cands, 99, 0.5).len(), 3);
        assert!(mmr(&[], 5, 0.5).is_empty());
    }

    #[test]
    fn mmr_ties_and_hostile_numbers() {
        let cands = [cand(7, 1.0, &[]), cand(3, 1.0, &[]), cand(5, 1.0, &[])];
        assert_eq!(mmr(&cands, 3, 0.7), [3, 5, 7]);
        let odd = [
            cand(0, f64::NAN, &["a"]),
            cand(1, f64::INFINITY, &["b"]),
            cand(2, f64::NEG_INFINITY, &["c"]),
        ];
        assert_eq!(mmr(&odd, 3, f64::NAN), [1, 0, 2]);
        assert_eq!(mmr(&odd, 3, 7.0), [1, 0, 2]);
        assert_eq!(mmr(&odd, 3, -3.0).len(), 3);
    }

    #[test]
    fn mmr_is_deterministic_on_large_input() {
        let cands: Vec<Candidate> = (0..2_000)
            .map(|i| Candidate {
                index: i,
                score: (i % 17) as f64,
                terms: vec![format!("t{}", i % 13), format!("u{}", i % 7)],
            })
            .collect();
        let first = mmr(&cands, 50, 0.6);
        assert_eq!(first, mmr(&cands, 50, 0.6));
        assert_eq!(first.len(), 50);
        let distinct: BTreeSet<usize> = first.iter().copied().collect();
        assert_eq!(distinct.len(), 50);
    }

    const RUST: &str = "# Ownership\n\nRust manages memory through a system of ownership rules. \
        Each value in Rust has a single owner at any time. When the owner goes out of scope, \
        the value is dropped automatically. The borrow checker enforces these ownership rules \
        at compile time.\n\nNote:\n\n```rust\nfn main() { let s = String::from(\"hi\"); }\n```\n";
    const ASYNC: &str = "Async Rust uses futures that are polled by an executor runtime. \
        Tokio is a popular runtime for writing asynchronous network applications. \
        The following example shows the basic setup:\n\n- short item\n";
    const DUP: &str = "Rust manages memory through a system of ownership rules. \
        `let x = vec![1, 2, 3]; x.iter().map(|v| v * 2)` is valid here.";

    #[test]
    fn select_sentences_filters_and_orders() {
        let passages = [passage(RUST, 2.0), passage(ASYNC, 1.0), passage(DUP, 0.5)];
        let picks = select_sentences(&passages, &["ownership".to_string()], 200);
        let texts: Vec<&str> = picks.iter().map(|s| s.sentence.as_str()).collect();
        assert!(!texts.is_empty());
        assert!(
            texts
                .iter()
                .all(|t| !t.ends_with(':') && !t.contains("Ownership\n"))
        );
        assert!(!texts.iter().any(|t| t.contains("fn main")));
        assert!(!texts.iter().any(|t| t.contains("x.iter()")), "{texts:?}");
        assert!(!texts.contains(&"short item."));
        let copies = texts
            .iter()
            .filter(|t| t.starts_with("Rust manages memory"))
            .count();
        assert_eq!(copies, 1, "near-duplicates are skipped");
        assert!(picks.windows(2).all(|w| w[0].order < w[1].order));
        assert!(picks.iter().all(|s| s.passage == s.order.0));
        assert_eq!(
            picks,
            select_sentences(&passages, &["ownership".to_string()], 200)
        );
    }

    #[test]
    fn select_sentences_respects_budget_and_focus() {
        let passages = [passage(RUST, 1.0), passage(ASYNC, 1.0)];
        let picks = select_sentences(&passages, &["Tokio runtimes".to_string()], 15);
        let words: usize = picks.iter().map(|s| text::word_count(&s.sentence)).sum();
        assert!(words <= 15, "{picks:?}");
        assert!(picks[0].sentence.contains("Tokio"), "{picks:?}");
        assert!(select_sentences(&passages, &[], 0).is_empty());
        // The single best sentence is returned even when it alone exceeds the budget.
        assert_eq!(select_sentences(&passages, &[], 3).len(), 1);
    }

    #[test]
    fn select_sentences_hostile_input() {
        assert!(select_sentences(&[], &[], 100).is_empty());
        let odd = [
            passage("", f64::NAN),
            passage("日本語の文章です。これは二番目の文です。", 1.0),
            passage(&"{}[]();=> ".repeat(500), 1.0),
            passage(&"word ".repeat(5_000), 1.0),
        ];
        let picks = select_sentences(&odd, &["".to_string()], 100);
        assert!(
            picks.iter().all(|s| s.passage != 2 && s.passage != 3),
            "{picks:?}"
        );
        let big: Vec<Passage> = (0..60)
            .map(|i| {
                passage(
                    &format!(
                        "Sentence number {i} talks about topic {} in detail here. ",
                        i % 5
                    )
                    .repeat(20),
                    1.0,
                )
            })
            .collect();
        let picks = select_sentences(&big, &[], 500);
        assert_eq!(picks, select_sentences(&big, &[], 500));
        assert!(!picks.is_empty());
    }

    #[test]
    fn footnotes_and_reference_links_are_cleaned() {
        let p = passage(
            "Ownership is checked by the compiler at build time[^1]. See the [book][rb] for \
             many more details about it.",
            1.0,
        );
        let picks = select_sentences(&[p], &[], 100);
        let texts: Vec<&str> = picks.iter().map(|s| s.sentence.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Ownership is checked by the compiler at build time.",
                "See the book for many more details about it."
            ]
        );
    }

    #[test]
    fn eligibility_rules() {
        let check = |s: &str| {
            let all = text::sentences(s);
            eligible(s, &all[0])
        };
        assert_eq!(
            check("Supports many formats out of the box").as_deref(),
            Some("Supports many formats out of the box.")
        );
        assert_eq!(check("supports many formats out of the box"), None);
        assert_eq!(check("The setup needs these things first:"), None);
        assert_eq!(check("Too short."), None);
        assert_eq!(check(&format!("{}.", "long ".repeat(61))), None);
        assert_eq!(check("## A heading that is long enough to count."), None);
        assert_eq!(
            check("Run `cargo build --release` to compile the project.").as_deref(),
            Some("Run `cargo build --release` to compile the project.")
        );
        assert_eq!(check("Then `a = b; c = d; e = f;` and `g()` ok."), None);
    }

    fn sel(passage: usize, position: usize, sentence: &str) -> Selected {
        Selected {
            passage,
            sentence: sentence.into(),
            order: (passage, position),
            score: 0.0,
        }
    }

    #[test]
    fn paragraphs_group_by_size_and_source() {
        let picks = [
            sel(0, 0, "A."),
            sel(0, 1, "B."),
            sel(0, 2, "C."),
            sel(1, 0, "D."),
            sel(2, 0, "E."),
        ];
        assert_eq!(
            paragraphs(&picks, 2),
            [
                ("A. B.".to_string(), vec![0]),
                ("C.".to_string(), vec![0]),
                ("D.".to_string(), vec![1]),
                ("E.".to_string(), vec![2]),
            ]
        );
        assert_eq!(
            paragraphs(&picks, 4),
            [
                ("A. B. C.".to_string(), vec![0]),
                ("D. E.".to_string(), vec![1, 2])
            ]
        );
        assert_eq!(paragraphs(&picks, 0).len(), 5);
        assert!(paragraphs(&[], 3).is_empty());
    }

    #[test]
    fn summarize_picks_central_sentences_in_order() {
        let sections = [
            "Ownership rules let Rust manage memory without a garbage collector. \
             Unrelated trivia about the weather in the mountains is here.",
            "The borrow checker enforces ownership rules for memory at compile time. \
             Ownership rules let Rust manage memory without a garbage collector.",
        ];
        let summary = summarize(&sections, 30);
        assert!(!summary.is_empty());
        assert_eq!(
            summary
                .iter()
                .filter(|s| s.starts_with("Ownership rules let"))
                .count(),
            1,
            "{summary:?}"
        );
        assert!(
            !summary.iter().any(|s| s.contains("weather")),
            "{summary:?}"
        );
        assert!(summarize(&[], 50).is_empty());
        assert!(summarize(&["", "```\ncode\n```"], 50).is_empty());
        assert!(summarize(&sections, 0).is_empty());
        assert_eq!(summary, summarize(&sections, 30));
    }

    #[test]
    fn lexrank_sums_to_one_and_favours_hubs() {
        let vectors = vec![
            normalise(vec![(0, 1.0), (1, 1.0)]),
            normalise(vec![(0, 1.0)]),
            normalise(vec![(1, 1.0)]),
            normalise(vec![(2, 1.0)]),
        ];
        let rank = lexrank(&vectors);
        let total: f64 = rank.iter().sum();
        assert!((total - 1.0).abs() < 1e-9, "{total}");
        assert!(rank[0] > rank[1] && rank[0] > rank[3]);
        assert!(lexrank(&[]).is_empty());
    }

    #[test]
    fn relative_edges() {
        assert_eq!(relative(&[2.0, 4.0, 3.0]), [0.5, 1.0, 0.75]);
        assert_eq!(relative(&[-1.0, 1.0, 0.0]), [0.0, 1.0, 0.5]);
        assert_eq!(relative(&[5.0, 5.0]), [1.0, 1.0]);
        assert_eq!(relative(&[0.0, 0.0]), [1.0, 1.0]);
        assert!(relative(&[]).is_empty());
        let odd = relative(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY]);
        assert!(odd.iter().all(|v| v.is_finite() && (0.0..=1.0).contains(v)));
    }
}
