//! Repeated text: paragraphs that repeat each other, exactly or nearly, and sentences said
//! twice.
//!
//! Near means the same passage with a few words changed, cut or added: two paragraphs are
//! near-duplicates when the Jaccard similarity of their word 3-shingles is at least
//! [`NEAR_JACCARD`], or when [`NEAR_CONTAINED`] of the shorter one's shingles are in the longer
//! one (a paragraph repeated inside a longer one).

use super::*;

pub(super) fn check_duplicate_paragraphs(doc: &Doc) -> Check {
    // (first occurrence as written, lines), in order of first occurrence.
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::Prose) {
        if block.words() < MIN_DUPLICATE_WORDS {
            continue;
        }
        let normal = collapse(&block.text).to_lowercase();
        let line = doc.line_of(block.start);
        match index.get(&normal) {
            Some(&i) => groups[i].1.push(line),
            None => {
                index.insert(normal, groups.len());
                groups.push((&block.text, vec![line]));
            }
        }
    }
    let mut problems: Vec<String> = groups
        .iter()
        .filter(|(_, lines)| lines.len() > 1)
        .map(|(text, lines)| format!("{} appears on {}", quote(text), lines_text(lines)))
        .collect();
    problems.extend(near_duplicates(doc));
    finish(
        "duplicate_paragraphs",
        problems,
        "no repeated paragraphs".to_owned(),
        ("repeated paragraph", "repeated paragraphs"),
    )
}

/// Shingles a near-duplicate comparison needs on the shorter side: below it, two paragraphs
/// share a phrase, not a passage.
const MIN_SHINGLES: usize = 6;
pub(super) const NEAR_JACCARD: f64 = 0.6;
pub const NEAR_CONTAINED: f64 = 0.8;
/// Paragraphs sharing one shingle beyond which that shingle is a stock phrase, not evidence;
/// also what keeps a hostile file of identical lines from a quadratic comparison.
const MAX_POSTINGS: usize = 64;

/// Lowercase words, letters and digits only, so punctuation and case do not hide a repeat.
fn normal_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn shingles(text: &str) -> HashSet<String> {
    normal_words(text).windows(3).map(|w| w.join(" ")).collect()
}

/// Pairs of distinct prose blocks that are near-duplicates (exact ones are reported above).
fn near_duplicates(doc: &Doc) -> Vec<String> {
    let mut seen = HashSet::new();
    let blocks: Vec<(&Block, HashSet<String>)> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Prose && b.words() >= MIN_DUPLICATE_WORDS)
        .filter(|b| seen.insert(normal_words(&b.text)))
        .map(|b| (b, shingles(&b.text)))
        .filter(|(_, s)| s.len() >= MIN_SHINGLES)
        .collect();
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (_, set)) in blocks.iter().enumerate() {
        for shingle in set {
            postings.entry(shingle.as_str()).or_default().push(i);
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for list in postings.values().filter(|l| l.len() <= MAX_POSTINGS) {
        for (k, &a) in list.iter().enumerate() {
            for &b in &list[k + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<((usize, usize), f64, f64)> = shared
        .into_iter()
        .map(|((a, b), n)| {
            let (sa, sb) = (blocks[a].1.len(), blocks[b].1.len());
            let jaccard = n as f64 / (sa + sb - n) as f64;
            let contained = n as f64 / sa.min(sb) as f64;
            ((a, b), jaccard, contained)
        })
        .filter(|&(_, j, c)| j >= NEAR_JACCARD || c >= NEAR_CONTAINED)
        .filter(|&((a, b), _, _)| {
            // Entries of a reference list say the same of different options ("`-a`, `--all`:
            // This option is only valid for `push`…", then "`-k`, `--keep-index`: This option
            // is only valid for `push`…"): each is about its own term.
            !of_different_terms(blocks[a].0, blocks[b].0)
        })
        .collect();
    pairs.sort_by_key(|&(pair, _, _)| pair);
    pairs
        .into_iter()
        .map(|((a, b), jaccard, contained)| {
            let (first, second) = (blocks[a].0, blocks[b].0);
            format!(
                "{} on line {} nearly repeats line {} ({:.0}% of shingles shared, {:.0}% of \
                 the shorter one)",
                quote(&second.text),
                doc.line_of(second.start),
                doc.line_of(first.start),
                jaccard * 100.0,
                contained * 100.0
            )
        })
        .collect()
}

/// Whether two blocks are entries defining different terms.
fn of_different_terms(a: &Block, b: &Block) -> bool {
    matches!((defined_term(a), defined_term(b)), (Some(x), Some(y)) if x != y)
}

/// The term a definition paragraph opens with: code spans (and the commas between them)
/// before a colon or a dash, as a reference page's option list writes them
/// ("`-k`, `--keep-index`:", "`CARGO_CFG_FEATURE` — Each activated feature…").
fn defined_term(block: &Block) -> Option<&str> {
    // Code spans and then the description, as Node's API lists write them ("`historySize`
    // `<number>` Maximum number of…"): the spans are the term.
    if block.in_code(0)
        && let Some((at, first)) = block
            .text
            .char_indices()
            .find(|&(at, c)| !c.is_whitespace() && !block.in_code(at))
        && first.is_uppercase()
    {
        return Some(block.text[..at].trim_end());
    }
    let colon = [": ", " — ", " – "]
        .iter()
        .filter_map(|sep| block.text.find(sep))
        .min()?;
    let term = &block.text[..colon];
    let coded = term
        .char_indices()
        .all(|(at, c)| c == ',' || c == ' ' || block.in_code(at));
    (!term.is_empty() && coded).then_some(term)
}

/// Words a sentence needs before saying it twice in the article is a repeat rather than a
/// stock phrase ("See the example below.").
const MIN_REPEATED_WORDS: usize = 6;

pub(super) fn check_repeated_sentences(doc: &Doc) -> Check {
    let mut problems = Vec::new();
    // Normalised sentence -> (block index, line) of its first occurrence.
    let mut first: HashMap<Vec<String>, (usize, usize)> = HashMap::new();
    // A paragraph repeated whole is `duplicate_paragraphs`' finding; its sentences are not
    // listed again here.
    let mut paragraphs = HashSet::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if block.kind != BlockKind::Prose || !paragraphs.insert(normal_words(&block.text)) {
            continue;
        }
        for (start, end, words) in sentences(&block.text) {
            let key = normal_words(&block.text[start..end]);
            let line = doc.line_of(block.source_offset(start));
            match first.get(&key) {
                // Inside one paragraph any real sentence said twice is a repeat.
                Some(&(j, at)) if j == i && words >= MIN_WORDS_IN_PARAGRAPH => {
                    problems.push(format!(
                        "sentence repeated within the paragraph on line {at} (again on line \
                         {line}): {}",
                        quote(&block.text[start..end])
                    ));
                }
                // Entries of a reference list may say the same of different terms ("Both
                // instances in the comparison must be of the identical type." of `eq` and of
                // `order`).
                Some(&(j, at))
                    if j != i
                        && words >= MIN_REPEATED_WORDS
                        && !of_different_terms(&doc.blocks[j], block) =>
                {
                    problems.push(format!(
                        "sentence on line {line} repeats line {at}: {}",
                        quote(&block.text[start..end])
                    ));
                }
                Some(_) => {}
                None => {
                    first.insert(key, (i, line));
                }
            }
        }
    }
    finish(
        "repeated_sentences",
        problems,
        "no sentence said twice".to_owned(),
        ("repeated sentence", "repeated sentences"),
    )
}

/// Inside one paragraph even a short sentence said twice is a fault.
const MIN_WORDS_IN_PARAGRAPH: usize = 3;
