//! Extractive composition: choosing which source text an article says. It owns Maximal
//! Marginal Relevance re-ranking, assembling a part from whole units of the best passages
//! (paragraphs, lists, code blocks, in source order, never an opener that leans on what came
//! before, never a sentence that points at something the article lacks), the topic's terms
//! and how strongly a text is about them, LexRank-style sentence selection under a word budget,
//! and summarising finished sections. Everything is deterministic: no randomness, fixed
//! iteration counts, ties broken by position.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use crate::generate::article::Passage;
use crate::generate::blocks::{self, Block, Kind};
use crate::generate::{quality, seo};
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

/// Longest code block a part takes whole, in lines; longer ones are left in the source.
pub const MAX_CODE_LINES: usize = 60;

/// Words at the start of a paragraph in which it names its subject ("The `git bisect` command
/// uses…").
const OPENING_WORDS: usize = 5;
/// Words of a sentence's rest after its code that may introduce the next code unjudged.
const SHORT_REST_WORDS: usize = 4;
/// Code blocks one part (or subsection) holds at most, so prose still carries it.
const MAX_CODE_PER_PART: usize = 4;
/// Code blocks a part that keeps its page's order holds at most: a tutorial's walkthrough
/// (PostgreSQL's joins: the query, its output, the column list, the qualified names, then
/// the outer join and its output) shows an example every paragraph or two.
const MAX_CODE_IN_ORDER: usize = 8;

/// Words that make a paragraph lean on what came before it ("This means…", "So, …",
/// "Next, we'll…"): it cannot open a part or follow text from another source.
const DEPENDENT_OPENERS: &[&str] = &[
    "this",
    "these",
    "that",
    "those",
    "it",
    "its",
    "it's",
    "they",
    "their",
    "them",
    "so",
    "thus",
    "therefore",
    "hence",
    "next",
    "then",
    "also",
    "however",
    "but",
    "and",
    "or",
    "finally",
    "here",
    "now",
    "anyway",
    "alright",
    "okay",
    "ok",
    "similarly",
    "likewise",
    "otherwise",
    "instead",
    "again",
    "another",
    "such",
    "both",
    "besides",
    "furthermore",
    "moreover",
    "still",
    "above",
    "below",
    "yet",
    "meanwhile",
    "afterwards",
    "later",
    "once",
    "unlike",
    "other",
    "repeat",
    "doing",
    "after",
];
/// Phrases that point at something an article built from excerpts does not contain: other
/// chapters, listings, figures, the source's own structure.
const POINTERS: &[&str] = &[
    "in this chapter",
    "this chapter",
    "next chapter",
    "previous chapter",
    "last chapter",
    "in this section",
    "next section",
    "previous section",
    "following section",
    "this article",
    "this page",
    "this guide",
    "this tutorial",
    "this book",
    "this document",
    "this knowledge base",
    "this site",
    "this manual",
    "this documentation",
    "these articles",
    "as we saw",
    "as we've seen",
    "as we have seen",
    "as we discussed",
    "as we mentioned",
    "as mentioned",
    "as discussed",
    "as shown above",
    "as shown below",
    "see above",
    "see below",
    "shown below",
    "shown above",
    "described below",
    "described above",
    "we'll look",
    "we'll see",
    "we'll cover",
    "we'll discuss",
    "we'll explore",
    "we will look",
    "we will see",
    "we will discuss",
    "let's look",
    "let's see",
    "(see ",
    "; see ",
    "covered in the",
    "described in the",
    "explained in the",
    "explained below",
    "discussed below",
    "in detail below",
    "explained later",
    "discussed later",
    "described later",
    "we already saw",
    "we have already seen",
    "we've already seen",
];
/// Words before a document title that make a sentence a pointer to that document ("The
/// steps are in Backups with restic.": a link's text without its link).
const TITLE_POINTERS: &[&str] = &["in ", "from ", "see ", "read ", "to ", "at "];

/// One unit of a part: the block and the passage (index into the caller's slice) it is from.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub passage: usize,
    pub block: Block,
}

/// What a part may hold and must avoid.
pub struct PartRules<'a> {
    /// Words the part should be about; passages mentioning them rank first.
    pub focus: &'a [String],
    /// Prose words the part holds at most (the first unit always fits).
    pub budget: usize,
    /// Only paragraphs: no lists or code (introductions, answers).
    pub prose_only: bool,
    /// Normalised text of units already in the article (see `unit_key`).
    pub used: &'a HashSet<String>,
    /// Titles of documents, whose mention as a place to look makes a sentence a pointer.
    pub titles: &'a [String],
    /// Take the passages in the order given (lead text first) instead of by relevance.
    pub in_order: bool,
    /// Stems one of which every paragraph must name (an introduction's topic terms): the
    /// others are passed over before they take up the budget.
    pub mention: Option<&'a [String]>,
    /// What the pages say about their words, for judging sentences as the report will judge
    /// the article (see `quality::SentenceContext`): all the pages the article draws on, so
    /// a run of titles ("Do Not Do This") is seen even when this part's pages never write
    /// one of its words in lowercase. `None`: the part's own passages.
    pub context: Option<&'a quality::SentenceContext>,
}

/// The key that says two units are the same text.
pub fn unit_key(text: &str) -> String {
    // Text with many marks besides its words (code, a commit graph: "A'--B'--C' topic" over
    // "D---E---F---G master") is the same only with the same marks: its words alone would
    // make a history and its rebased result one unit. Prose is letters and digits but for
    // about one mark in ten; the cut is one in four.
    let marks = text.chars().filter(|c| !c.is_whitespace()).count();
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    if letters * 4 < marks * 3 {
        return text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
    }
    text::words(text).join(" ")
}

/// Whether a paragraph already stands in the article, whole or as the start of a longer one
/// (an answer cut to its first sentences).
pub fn already_used(used: &HashSet<String>, text: &str) -> bool {
    let key = unit_key(text);
    !key.is_empty() && used.iter().any(|u| u.starts_with(&key))
}

/// A passage's page as named: its title and headings.
pub fn page_name(p: &Passage) -> String {
    format!(
        "{} {}",
        p.title.as_deref().unwrap_or(""),
        p.heading_path.join(" ")
    )
}

/// Words a list item or a sentence needs before saying it twice counts as a repeat ("See
/// below." may recur).
const MIN_PIECE_WORDS: usize = 6;

/// The keys (see `unit_key`) of a block's list items or sentences long enough to count as
/// repeats when they come back.
pub fn piece_keys(block: &Block) -> Vec<String> {
    let pieces: Vec<String> = match block.kind {
        Kind::List { .. } => block.text.lines().map(piece_key).collect(),
        Kind::Prose => text::sentences(&block.text)
            .iter()
            .map(|s| piece_key(&s.text))
            .collect(),
        _ => Vec::new(),
    };
    pieces
        .into_iter()
        .filter(|k| k.split(' ').count() >= MIN_PIECE_WORDS)
        .collect()
}

/// The key of a list item or sentence: its words without long numbers, so the same changelog
/// entry under two issue numbers ("#14325", "#14328") is the same entry while "step 1" and
/// "step 2" stay apart. Marked apart from whole units' keys, which it must not be taken for
/// the start of.
fn piece_key(text: &str) -> String {
    let words: Vec<String> = text::words(text)
        .into_iter()
        .filter(|w| w.len() < 3 || !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    format!("\u{1}{}", words.join(" "))
}

/// The items of a list's lines that `keep` keeps (as it gives them back), item by item: an
/// item that goes takes its inner items (the lines indented deeper after it) with it, which
/// would otherwise read as the inner items of the item before.
fn kept_items<'a>(
    lines: impl Iterator<Item = &'a str>,
    mut keep: impl FnMut(&'a str) -> Option<String>,
) -> Vec<String> {
    let depth = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let mut out = Vec::new();
    let mut gone_at: Option<usize> = None;
    for line in lines {
        if gone_at.is_some_and(|d| depth(line) > d) {
            continue;
        }
        gone_at = None;
        match keep(line) {
            Some(item) => out.push(item),
            None => gone_at = Some(depth(line)),
        }
    }
    out
}

/// A block without the list items or sentences already said (in `used` or `seen`); `None`
/// when too little of it is left to stand: no sentence, or a list of fewer than two items.
fn without_said(block: &Block, used: &HashSet<String>, seen: &HashSet<String>) -> Option<Block> {
    let said = |piece: &str| {
        let key = piece_key(piece);
        key.split(' ').count() >= MIN_PIECE_WORDS && (used.contains(&key) || seen.contains(&key))
    };
    let text = match block.kind {
        Kind::List { .. } => {
            let items = kept_items(block.text.lines(), |l| {
                (!said(l) && !entry_said_again(&piece_key(l), used, seen)).then(|| l.to_owned())
            });
            if items.len() < 2 {
                return None;
            }
            items.join("\n")
        }
        Kind::Prose => {
            let sentences: Vec<String> = text::sentences(&block.text)
                .into_iter()
                .map(|s| s.text.trim().to_owned())
                .collect();
            let mut kept: Vec<String> = sentences.iter().filter(|s| !said(s)).cloned().collect();
            // A remark too short to be keyed may have been said with the others ("Nothing
            // fundamentally changes.", left over from a paragraph an introduction used): it
            // does not stand alone where they went. A lead-in ("For example, this code:")
            // and an entry (`` `<commit>`: Commits to cherry-pick. ``) lean on what follows.
            if kept.len() < sentences.len() {
                kept.retain(|s| {
                    piece_key(s).split(' ').count() >= MIN_PIECE_WORDS
                        || s.ends_with(':')
                        || s.contains('`')
                });
            }
            if kept.is_empty() {
                return None;
            }
            kept.join(" ")
        }
        _ => return Some(block.clone()),
    };
    Some(Block {
        text,
        kind: block.kind.clone(),
    })
}

/// Whether a list item defines again a term an item already said defines, in nearly the same
/// words (a function's `cwd` option described as its neighbour's was): the same first word
/// and a near copy. Items about different terms may be alike ("history", "historySize").
fn entry_said_again(key: &str, used: &HashSet<String>, seen: &HashSet<String>) -> bool {
    let first = key.split(' ').next().unwrap_or_default();
    if key.split(' ').count() < MIN_PIECE_WORDS {
        return false;
    }
    let same_term = used
        .iter()
        .chain(seen)
        .filter(|k| k.as_str() != key && k.split(' ').next() == Some(first));
    repeats(same_term, key)
}

/// The sentences of a paragraph the article has not said yet (see `piece_keys`); `None` when
/// it has said them all.
pub fn unsaid(paragraph: &str, used: &HashSet<String>) -> Option<String> {
    let block = Block {
        text: paragraph.to_owned(),
        kind: Kind::Prose,
    };
    without_said(&block, used, &HashSet::new()).map(|b| b.text)
}

/// Share of word trigrams two paragraphs may share before one repeats the other (the same
/// paragraph on two pages of a site, edited slightly).
const SHARED_TRIGRAMS: f64 = 0.5;

/// Whether the unit with key `key` (see `unit_key`) says again what one of `used` says: the
/// same text, one the start of the other (an introduction cut to its first sentences), or a
/// near copy. A start of a few words is no repeat: a heading ("Resetting") opens the
/// paragraph under it ("Resetting forgets which…").
fn repeats<'a>(used: impl IntoIterator<Item = &'a String>, key: &str) -> bool {
    if key.is_empty() {
        return false;
    }
    let grams = trigrams(key);
    used.into_iter().any(|u| {
        let (shorter, longer) = if u.len() <= key.len() {
            (u.as_str(), key)
        } else {
            (key, u.as_str())
        };
        if !shorter.is_empty()
            && longer.starts_with(shorter)
            && shorter.split(' ').count() >= MIN_PIECE_WORDS
        {
            return true;
        }
        let other = trigrams(u);
        let shared = grams.intersection(&other).count();
        let union = grams.len() + other.len() - shared;
        // Or most of the shorter one inside the longer, as the report judges a paragraph
        // restated with more words around it.
        let shorter = grams.len().min(other.len());
        (union > 0 && shared as f64 / union as f64 >= SHARED_TRIGRAMS)
            || (shorter >= 6 && shared as f64 / shorter as f64 >= quality::NEAR_CONTAINED)
    })
}

fn trigrams(key: &str) -> HashSet<&str> {
    // Where each word starts, and where one more would: the last three words are a
    // trigram too.
    let bounds: Vec<usize> = std::iter::once(0)
        .chain(key.match_indices(' ').map(|(i, _)| i + 1))
        .chain([key.len() + 1])
        .collect();
    bounds
        .windows(4)
        .map(|w| &key[w[0]..w[3] - 1])
        .chain((bounds.len() < 4).then_some(key))
        .collect()
}

/// Assembles a part from whole units of the best passages: passages are ranked by relevance
/// and mention of the focus terms, each best one gives its blocks in source order until the
/// budget is reached (trimmed at a block boundary), a lead-in ending with `:` stays only with
/// the code or list it introduces, and a paragraph that leans on what came before is dropped
/// where a source starts. The units come back in source order of the passages' rank.
pub fn assemble_part(passages: &[Passage], rules: &PartRules) -> Vec<Unit> {
    let scores: Vec<f64> = passages.iter().map(|p| p.score).collect();
    let weight = relative(&scores);
    let focus = focus_set(rules.focus);
    let mut ranked: Vec<usize> = (0..passages.len()).collect();
    let rank: Vec<f64> = passages
        .iter()
        .zip(&weight)
        .map(|(p, w)| 0.5 * w + 0.5 * focus_overlap(&text::content_words(&p.text), &focus))
        .collect();
    if !rules.in_order {
        ranked.sort_by(|a, b| rank[*b].total_cmp(&rank[*a]).then(a.cmp(b)));
    }
    // The pages the part draws on stand in for the article when a sentence is judged.
    let own_context;
    let context = match rules.context {
        Some(context) => context,
        None => {
            own_context = quality::SentenceContext::new(
                &passages
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n\n"),
            );
            &own_context
        }
    };
    let mut seen: HashSet<String> = HashSet::new();
    let mut chosen: Vec<(usize, Vec<Block>)> = Vec::new();
    let (mut words, mut code) = (0, 0);
    // In source order, a unit that does not fit ends the part: a later one would skip it.
    let mut full = false;
    for i in ranked {
        if words >= rules.budget || full {
            break;
        }
        let mut taken = Vec::new();
        // The position in `units` of each block taken.
        let mut taken_at: Vec<usize> = Vec::new();
        let all = blocks::split(&passages[i].text);
        // Questions with their answers under them are FAQ material, not a section's.
        let questions = all
            .iter()
            .filter(|b| b.kind == Kind::Prose && is_question_line(&b.text))
            .count();
        if questions >= 2 {
            continue;
        }
        let units = usable_blocks(all, rules, context);
        // Named after the topic: every one of its words, not one ("Limits of Lifetimes" is
        // not a page on lifetime elision).
        let page_named = rules.mention.is_some_and(|stems| {
            stem_counts(&page_name(&passages[i]), stems)
                .iter()
                .all(|n| *n > 0)
        });
        let mut previous_taken = false;
        // Whether the part had no room for the rest of this passage.
        let mut cut_short = false;
        for (k, (block, follows)) in units.iter().enumerate() {
            // A paragraph after code talks about that code: only with it, unless it opens by
            // naming the whole topic (a manual page's description after its synopsis: "The
            // `git bisect` command uses a binary search…").
            // Text after code the part never shows talks about nothing.
            let opens_on_topic = rules.mention.is_some_and(|stems| {
                let opening: Vec<&str> =
                    block.text.split_whitespace().take(OPENING_WORDS).collect();
                stem_counts(&opening.join(" "), stems)
                    .iter()
                    .all(|n| *n > 0)
            });
            let orphan = match follows {
                // The rest of a sentence goes only where its start and its code are.
                Follows::CodeMidSentence => !(previous_taken && ends_on_lead_in_and_code(&taken)),
                _ if opens_on_topic => false,
                // A lead-in looks ahead, at its own code, not back.
                Follows::Code => {
                    let looks_ahead = quality::is_lead_in(&block.text)
                        && introduces(units.get(k + 1).map(|(b, _)| b));
                    !previous_taken && !looks_ahead
                }
                Follows::DroppedCode => matches!(block.kind, Kind::Prose | Kind::List { .. }),
                Follows::DroppedLeadIn => matches!(block.kind, Kind::List { .. }),
                Follows::Text | Follows::DroppedText | Follows::DroppedMidSentence => false,
            };
            // Something of the page before this unit is not in the part: the unit before it
            // was left out, or a block the part cannot use.
            let after_gap = (k > 0 && !previous_taken)
                || matches!(
                    follows,
                    Follows::DroppedCode
                        | Follows::DroppedText
                        | Follows::DroppedLeadIn
                        | Follows::DroppedMidSentence
                );
            previous_taken = false;
            if orphan {
                continue;
            }
            // Items and sentences the article already holds go (the same entry in two
            // changelogs, one variable listed on two pages); what is left must still stand.
            let Some(filtered) = without_said(block, rules.used, &seen) else {
                continue;
            };
            let block = &filtered;
            let key = unit_key(&block.text);
            // Code is said again only word for word: two queries that differ in one value
            // are two steps of an example ("WHERE class = 1", then "WHERE class = 2").
            let again = if block.is_code() {
                rules.used.contains(&key) || seen.contains(&key)
            } else {
                repeats(rules.used, &key) || repeats(&seen, &key)
            };
            if again {
                continue;
            }
            // A page named after the topic is about it in every paragraph, named or not (a
            // manual page's description: "Given one or more existing commits, apply...").
            if block.kind == Kind::Prose
                && !page_named
                && rules
                    .mention
                    .is_some_and(|stems| stem_counts(&block.text, stems).iter().all(|n| *n == 0))
            {
                continue;
            }
            let n = match block.kind {
                Kind::Code { .. } => 0,
                _ => text::word_count(&block.text),
            };
            let empty = words == 0 && chosen.is_empty() && taken.is_empty();
            // In the page's order the walkthrough ends at its last example the part can
            // hold: skipped, an example would leave the text after it talking about nothing.
            let most_code = if rules.in_order {
                MAX_CODE_IN_ORDER
            } else {
                MAX_CODE_PER_PART
            };
            if block.is_code() && code >= most_code {
                if rules.in_order {
                    full = true;
                    cut_short = true;
                    break;
                }
                continue;
            }
            // A catalogue longer than the part has room for gives its leading items, each
            // with the items of its inner list, where the part follows its page (the own
            // page's list of instructions); elsewhere a long list is a neighbour's whole
            // (a book's list of its chapters).
            // The part ends with it: what follows the whole list in its page would follow
            // its leading items here.
            let leading;
            let mut list_cut = false;
            let block = match block.kind {
                Kind::List { .. } if rules.in_order && words + n > rules.budget => {
                    match leading_items(&block.text, rules.budget.saturating_sub(words)) {
                        Some(text) => {
                            leading = Block {
                                text,
                                kind: block.kind.clone(),
                            };
                            list_cut = true;
                            &leading
                        }
                        None => block,
                    }
                }
                _ => block,
            };
            let n = match block.kind {
                Kind::Code { .. } => 0,
                _ => text::word_count(&block.text),
            };
            if !empty && words + n > rules.budget {
                full = rules.in_order;
                cut_short = true;
                break;
            }
            // A first paragraph longer than the whole part gives its leading sentences.
            let block = if empty && block.kind == Kind::Prose && n > rules.budget {
                let text = first_words(&block.text, rules.budget);
                &Block {
                    text,
                    kind: Kind::Prose,
                }
            } else {
                block
            };
            // A lead-in ("Create a file for each repository:") only with what it introduces;
            // a paragraph that ends on one keeps its other sentences.
            let trimmed;
            let block = if block.kind == Kind::Prose && quality::is_lead_in(&block.text) {
                if introduces(units.get(k + 1).map(|(b, _)| b)) {
                    block
                } else {
                    match without_lead_in(&block.text) {
                        Some(text) => {
                            trimmed = Block {
                                text,
                                kind: Kind::Prose,
                            };
                            &trimmed
                        }
                        None => continue,
                    }
                }
            } else {
                block
            };
            // Code taken before it does not count: the report reads the first paragraph of
            // words after a heading as its opener.
            // The same after a subheading, which the report reads as opening text too.
            // (Code and tables are not text the report reads as an opener; a list is.)
            let opens = taken
                .iter()
                .rev()
                .find(|b: &&Block| !b.is_code() && b.kind != Kind::Table)
                .is_none_or(|b| b.kind == Kind::Heading);
            // A paragraph that leans on the one before ("So, …", "It also …") opens nothing,
            // and does not follow a gap either: what it leans on is not there.
            // "Here is an example:" leans on nothing when its example follows (and the report
            // does not read its first word as pointing back).
            // The heading over the paragraph: a subheading the part took, or its section's.
            let heading = taken
                .iter()
                .rev()
                .find(|b: &&Block| b.kind == Kind::Heading)
                .map(|b| b.text.as_str())
                .or(passages[i].heading_path.last().map(String::as_str))
                .unwrap_or("");
            let introduces_next = quality::is_lead_in(&block.text)
                && introduces(units.get(k + 1).map(|(b, _)| b))
                && !quality::opens_dangling_under(&first_sentence(&block.text), heading);
            let rest;
            let block = if block.kind == Kind::Prose
                && (opens || after_gap)
                && leans_on_context_under(&block.text, heading)
                && !introduces_next
            {
                // "Thus far, our queries have only accessed one table at a time. Queries
                // can access…": the sentences after a leaning first one may stand alone.
                match without_leaning_start(&block.text) {
                    Some(text) => {
                        rest = Block {
                            text,
                            kind: Kind::Prose,
                        };
                        &rest
                    }
                    None => continue,
                }
            } else {
                block
            };
            let n = match block.kind {
                Kind::Code { .. } => 0,
                _ => text::word_count(&block.text),
            };
            // "This function is safe and correct." only right after the function.
            if block.kind == Kind::Prose
                && quality::points_at_code(&block.text)
                && !taken.last().is_some_and(|b: &Block| b.is_code())
            {
                continue;
            }
            words += n;
            // A subsection is a part of its own for its code.
            code = match block.kind {
                Kind::Heading => 0,
                _ => code + usize::from(block.is_code()),
            };
            seen.extend(piece_keys(block));
            seen.insert(key);
            previous_taken = true;
            taken.push(block.clone());
            taken_at.push(k);
            if list_cut {
                full = rules.in_order;
                cut_short = true;
                break;
            }
        }
        if cut_short {
            // What goes is no longer counted or said: a later passage may show it whole.
            for block in without_unfinished_example(&mut taken, &mut taken_at, &units) {
                match block.kind {
                    Kind::Code { .. } => code = code.saturating_sub(1),
                    _ => words = words.saturating_sub(text::word_count(&block.text)),
                }
                seen.remove(&unit_key(&block.text));
                for key in piece_keys(&block) {
                    seen.remove(&key);
                }
            }
        }
        // A lead-in whose block was not taken (it did not fit, or the part had code enough)
        // dangles: it goes wherever it stands. The sentences before it in its paragraph stay
        // when they are a paragraph of their own; one alone sets up the example that is
        // gone ("A range of commits could also be removed with rebase.", "What happened?").
        let kept: Vec<Option<String>> = (0..taken.len())
            .map(|k| {
                let lead_in = taken[k].kind == Kind::Prose && quality::is_lead_in(&taken[k].text);
                // What it introduces is the unit right after it, not a later one the part took
                // after leaving that out ("where `window_definition` has the syntax:" over the
                // frame clause's grammar).
                let next_in_source = taken_at.get(k + 1) == Some(&(taken_at[k] + 1));
                if !lead_in || (introduces(taken.get(k + 1)) && next_in_source) {
                    Some(taken[k].text.clone())
                } else {
                    without_lead_in(&taken[k].text)
                        .filter(|rest| text::sentences(rest).len() >= MIN_SENTENCES_LEFT)
                }
            })
            .collect();
        taken = taken
            .into_iter()
            .zip(kept)
            .filter_map(|(block, text)| text.map(|text| Block { text, ..block }))
            .collect();
        // A subheading heads the units after it: with none (the budget ended, or another
        // subheading follows) it goes.
        let heads: Vec<bool> = (0..taken.len())
            .map(|k| {
                taken[k].kind != Kind::Heading
                    || taken.get(k + 1).is_some_and(|b| b.kind != Kind::Heading)
            })
            .collect();
        let mut flags = heads.into_iter();
        taken.retain(|_| flags.next().unwrap_or(true));
        let taken = without_unanswered_questions(taken);
        if taken.iter().any(|b| match b.kind {
            Kind::Prose => !quality::is_lead_in(&b.text),
            Kind::Heading => false,
            _ => true,
        }) {
            chosen.push((i, taken));
        }
    }
    chosen
        .into_iter()
        .flat_map(|(passage, blocks)| blocks.into_iter().map(move |block| Unit { passage, block }))
        .collect()
}

/// Drops the last example of a part cut short when its page goes on with it: the part ends
/// on code set up by a lead-in, and the sentence the code stands in goes on past it ("If we
/// have the following situation:" over a history, then "then the command", the command,
/// "would result in:" and the history it makes). What the part took before that lead-in
/// stays; a part with nothing before it (the lead-in and its code its first units) is left
/// whole, as an unfinished example beats an empty part. Returns what it drops.
fn without_unfinished_example(
    taken: &mut Vec<Block>,
    taken_at: &mut Vec<usize>,
    units: &[(Block, Follows)],
) -> Vec<Block> {
    let Some(last_code) = taken.iter().rposition(Block::is_code) else {
        return Vec::new();
    };
    let at = taken_at[last_code];
    // The sentence the code stands in goes on ("then the command", more code, "would
    // result in:"), unless its rest ends as a sentence ("where the first argument is the
    // commit message."). A lead-in of its own after the code opens the next step.
    let continued = units
        .get(at + 1)
        .is_some_and(|(block, follows)| match follows {
            Follows::CodeMidSentence => {
                block.kind == Kind::Prose
                    && !block.text.trim_end().ends_with(['.', '!', '?'])
                    && !taken_at.contains(&(at + 2))
            }
            Follows::DroppedMidSentence => true,
            // The page tells the example's point next ("This code is 100% Safe Rust but it
            // is also completely unsound."), or the example is one step of a walkthrough
            // ("First let's look at the `assign` function:"): without what follows, the
            // part shows the code and stops before its point.
            Follows::Code => {
                block.kind == Kind::Prose
                    && !taken_at.contains(&(at + 1))
                    && (explains_code_before(&block.text)
                        || at
                            .checked_sub(1)
                            .and_then(|lead| units.get(lead))
                            .is_some_and(|(lead, _)| opens_a_step(&lead.text)))
            }
            _ => false,
        });
    // The part ends on that code: what it took after it (a lead-in, or the sentence's rest,
    // whose code it did not take) would go anyway.
    let ends_there = taken[last_code + 1..]
        .iter()
        .zip(&taken_at[last_code + 1..])
        .all(|(b, &k)| b.kind == Kind::Prose && (quality::is_lead_in(&b.text) || k == at + 1));
    // The code's lead-in, right before it, with something taken before that.
    let set_up = ends_there
        && last_code >= 2
        && taken[last_code - 1].kind == Kind::Prose
        && quality::is_lead_in(&taken[last_code - 1].text)
        && taken_at[last_code - 1] + 1 == at;
    if continued && set_up {
        taken_at.truncate(last_code - 1);
        return taken.split_off(last_code - 1);
    }
    Vec::new()
}

/// First words by which a paragraph talks about what stands right before it.
const ABOUT_WHAT_CAME_BEFORE: &[&str] = &["this", "that", "these", "those", "it", "here"];

/// Whether a paragraph goes on from the code before it: it points at it ("This code is…",
/// "It compiles."). "Another example…" opens a step of its own.
fn explains_code_before(paragraph: &str) -> bool {
    // A lead-in ("Here is another example:") opens the next step.
    !quality::is_lead_in(paragraph)
        && (quality::points_at_code(paragraph)
            || ABOUT_WHAT_CAME_BEFORE.contains(&first_word_folded(paragraph).as_str()))
}

/// A text's first word in lowercase, without the punctuation around it.
fn first_word_folded(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\'' || c == '\u{2019}')
        .find(|w| !w.is_empty())
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .unwrap_or_default()
}

/// First words of a lead-in that make its example one step of a walkthrough that goes on.
const STEP_OPENERS: &[&str] = &["first", "now", "next", "then", "suppose", "consider"];

/// Whether a lead-in opens a step of a walkthrough ("First let's look at the `assign`
/// function:", "Now consider adding the following method:").
fn opens_a_step(lead_in: &str) -> bool {
    let last = text::sentences(lead_in)
        .pop()
        .map_or(String::new(), |s| s.text);
    STEP_OPENERS.contains(&first_word_folded(&last).as_str())
}

/// `taken` without each question subheading whose text is one sentence that shares none of
/// its words, with that sentence: it is what is left of another answer ("In what order
/// should I read these articles?" over "Keep Troubleshooting disk-full and OOM bookmarked
/// for later.", once the list of articles that answered it went). A list, code or a table
/// under a question answers it, and so may a paragraph in other words ("What is the minimum
/// I need?" over "Any spare computer with 4 GB of RAM…").
fn without_unanswered_questions(taken: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::with_capacity(taken.len());
    let mut rest = taken.into_iter().peekable();
    while let Some(block) = rest.next() {
        if block.kind != Kind::Heading || !block.text.trim_end().ends_with('?') {
            out.push(block);
            continue;
        }
        let mut under = Vec::new();
        while let Some(next) = rest.next_if(|b| b.kind != Kind::Heading) {
            under.push(next);
        }
        let remark = match under.as_slice() {
            [only] if only.kind == Kind::Prose => text::sentences(&only.text).len() == 1,
            _ => false,
        };
        let answers = !remark || under.iter().any(|b| shares_words(&block.text, &b.text));
        if answers {
            out.push(block);
            out.extend(under);
        }
    }
    out
}

/// Whether `answer` uses a content word of `question`: the least an answer to it does.
pub fn shares_words(question: &str, answer: &str) -> bool {
    stem_counts(answer, &topic_stems(question))
        .iter()
        .any(|n| *n > 0)
}

/// Whether a paragraph ends on a colon, introducing the block after it; a sentence may go
/// on after that block (see `Follows::CodeMidSentence`).
fn ends_on_colon(block: &Block) -> bool {
    block.kind == Kind::Prose && block.text.trim_end().ends_with(':')
}

/// Whether a part's units end on a lead-in and the code it introduces.
fn ends_on_lead_in_and_code(taken: &[Block]) -> bool {
    match taken {
        [.., lead_in, code] => code.is_code() && ends_on_colon(lead_in),
        _ => false,
    }
}

/// Whether the block after a lead-in ("Create a file for each repository:") is what it
/// introduces: code, a list or a table.
fn introduces(next: Option<&Block>) -> bool {
    next.is_some_and(|b| !matches!(b.kind, Kind::Prose | Kind::Heading))
}

/// A paragraph without its closing lead-in sentence ("... Closures can capture variables:"),
/// when it has other sentences.
fn without_lead_in(paragraph: &str) -> Option<String> {
    let sentences = text::sentences(paragraph);
    let kept: Vec<&str> = sentences
        .iter()
        .map(|s| s.text.trim())
        .filter(|s| !quality::is_lead_in(s))
        .collect();
    (kept.len() + 1 == sentences.len() && !kept.is_empty()).then(|| kept.join(" "))
}

/// Sentences a paragraph keeps at least when its first one goes: two, so that what is left
/// is still a paragraph and not a remark.
const MIN_SENTENCES_LEFT: usize = 2;

/// A paragraph without a first sentence about the reader's way through its source, when the
/// rest stands on its own ("Thus far, our queries have only accessed one table at a time.
/// Queries can access multiple tables at once…"). A first sentence that leans on the text
/// before it in another way ("Finally, `NATURAL` is…") carries what follows it.
fn without_leaning_start(paragraph: &str) -> Option<String> {
    let sentences = text::sentences(paragraph);
    if !sentences
        .first()
        .is_some_and(|s| quality::looks_back(&s.text))
    {
        return None;
    }
    let rest: Vec<&str> = sentences.iter().skip(1).map(|s| s.text.trim()).collect();
    let rest = (rest.len() >= MIN_SENTENCES_LEFT).then(|| rest.join(" "))?;
    (!leans_on_context(&rest)).then_some(rest)
}

/// The leading whole paragraphs of `text` within `budget` words; when even the first is
/// longer, its leading sentences (at least one).
pub fn first_words(text: &str, budget: usize) -> String {
    let mut kept: Vec<String> = Vec::new();
    let mut words = 0;
    for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let n = text::word_count(paragraph);
        if words + n <= budget {
            words += n;
            kept.push(paragraph.to_string());
            continue;
        }
        if kept.is_empty() {
            let mut sentences = Vec::new();
            for s in text::sentences(paragraph) {
                let n = text::word_count(&s.text);
                if words + n > budget && !sentences.is_empty() {
                    break;
                }
                words += n;
                sentences.push(s.text);
            }
            kept.push(sentences.join(" "));
        }
        break;
    }
    kept.join("\n\n")
}

/// A paragraph that is only a question, as a question heading kept in the text reads.
pub fn is_question_line(text: &str) -> bool {
    let t = text.trim();
    t.ends_with('?')
        && !t.contains('\n')
        && text::sentences(t).len() == 1
        && text::word_count(t) <= 20
        && t.chars().next().is_some_and(char::is_uppercase)
}

/// The blocks of a passage a part may use, prose cleaned of pointers and dangling marks, each
/// with whether it directly follows a code block of the source (taken or not).
fn usable_blocks(
    all: Vec<Block>,
    rules: &PartRules,
    context: &quality::SentenceContext,
) -> Vec<(Block, Follows)> {
    let mut out = Vec::new();
    let mut follows = Follows::Text;
    // Whether the last text block ended on a colon, introducing what follows it.
    let mut lead_in = false;
    // The code block just before, while nothing else came between.
    let mut code_before: Option<Block> = None;
    for block in all {
        let code = block.is_code();
        if code_before
            .as_ref()
            .is_some_and(|before| same_example_in_another_language(before, &block))
        {
            continue;
        }
        code_before = code.then(|| block.clone());
        // "Suppose that transaction A computes: [code] and then inserts the result…": the
        // sentence goes on after its code.
        let continues = follows == Follows::Code && lead_in && continues_sentence(&block);
        if !code {
            lead_in = ends_on_colon(&block);
        }
        // The rest of a sentence whose start a list or code took ("are incompatible with
        // the following options:") introduces what follows it; a short label ("What this
        // does:") that is too short to keep leaves its list standing.
        let rest_lead_in = lead_in && continues_sentence(&block);
        let kept = if continues {
            usable_continuation(block, rules, context)
        } else {
            usable(block, rules, context)
        };
        let next = match (code, kept.is_some()) {
            (true, true) => Follows::Code,
            (true, false) => Follows::DroppedCode,
            (false, true) => Follows::Text,
            (false, false) if continues => Follows::DroppedMidSentence,
            (false, false) if rest_lead_in => Follows::DroppedLeadIn,
            (false, false) => Follows::DroppedText,
        };
        if let Some(b) = kept {
            out.push((
                b,
                if continues {
                    Follows::CodeMidSentence
                } else {
                    follows
                },
            ));
        }
        follows = next;
    }
    out
}

/// Share of their words two code blocks must have in common, in percent, to be one example
/// written twice.
const SAME_EXAMPLE_PERCENT: usize = 60;

/// Whether `next`, straight after the code block `before`, is the same example in another
/// language or module system, as documentation sites show one in tabs (Node's `mjs` and
/// `cjs`: `import { Buffer } from 'node:buffer'` against `require('node:buffer')`, the rest
/// alike). An article shows it once.
fn same_example_in_another_language(before: &Block, next: &Block) -> bool {
    let (Kind::Code { language: Some(a) }, Kind::Code { language: Some(b) }) =
        (&before.kind, &next.kind)
    else {
        return false;
    };
    let words = |code: &str| -> HashSet<String> {
        code.split(|c: char| !c.is_alphanumeric() && c != '_')
            .filter(|w| w.len() >= 2)
            .map(str::to_owned)
            .collect()
    };
    let (x, y) = (words(&before.text), words(&next.text));
    let shared = x.intersection(&y).count();
    let all = x.union(&y).count();
    a != b && all > 0 && shared * 100 >= all * SAME_EXAMPLE_PERCENT
}

/// Whether a paragraph goes on with a sentence begun before a code block: it opens in
/// lowercase ("and then inserts the result…", "which prints…").
fn continues_sentence(block: &Block) -> bool {
    block.kind == Kind::Prose
        && block
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase())
}

/// A paragraph that continues the sentence of its lead-in after the code between them,
/// judged as the sentence it is: its lowercase start is not a fragment's.
fn usable_continuation(
    b: Block,
    rules: &PartRules,
    context: &quality::SentenceContext,
) -> Option<Block> {
    // A short rest that introduces the next code ("would be:" between the commands and the
    // history they make) is a lead-in too short to judge as a sentence of its own.
    let plain_lead_in = ends_on_colon(&b)
        && b.text.split_whitespace().count() <= SHORT_REST_WORDS
        && b.text
            .trim_end()
            .trim_end_matches(':')
            .split_whitespace()
            .all(|w| w.chars().all(char::is_alphabetic));
    if plain_lead_in {
        return Some(b);
    }
    let judged = seo::capitalise(&b.text);
    let first_word = judged.split_whitespace().next()?.to_owned();
    let text = clean_in(&judged, rules.titles, context, rules.focus)?;
    // Its start must stay: without it, what is left is another paragraph.
    let rest = text.strip_prefix(first_word.as_str())?;
    let lowered = format!("{}{rest}", b.text.split_whitespace().next()?);
    Some(Block { text: lowered, ..b })
}

/// What a block follows in its source.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Follows {
    Text,
    /// A code block the part may show.
    Code,
    /// A code block the part never shows (too long, a fragment, prose only): what talks about
    /// it has nothing to talk about.
    DroppedCode,
    /// Text the part cannot use (a broken sentence, a list of titles).
    DroppedText,
    /// The rest of a sentence, a lead-in, that the part cannot use ("are incompatible with
    /// the following options:"): a list after it stands without saying what it lists.
    DroppedLeadIn,
    /// A code block inside a sentence: the block is that sentence's rest, after a lead-in
    /// and its code.
    CodeMidSentence,
    /// The rest of a sentence after its code, which the part cannot use ("then the
    /// command"): the sentence goes on past that code.
    DroppedMidSentence,
}

/// Top-level items a list cut to fit keeps at least: fewer is a fragment of it.
const MIN_LEADING_ITEMS: usize = 2;
/// Top-level items from which a list is a catalogue (of a tool's instructions, a manual's
/// options) that may be shown in part; a shorter list (rules, steps) is one unit.
const CATALOGUE_ITEMS: usize = 8;

/// A catalogue's leading items (each with its inner list's items, the lines indented under
/// it) within `budget` words; None for a list of fewer than [`CATALOGUE_ITEMS`] items, when
/// fewer than [`MIN_LEADING_ITEMS`] fit, or when all of it does.
fn leading_items(list: &str, budget: usize) -> Option<String> {
    let mut items: Vec<Vec<&str>> = Vec::new();
    for line in list.lines() {
        match items.last_mut() {
            Some(item) if line.starts_with(' ') => item.push(line),
            _ => items.push(vec![line]),
        }
    }
    if items.len() < CATALOGUE_ITEMS {
        return None;
    }
    let mut kept = 0;
    let mut words = 0;
    for item in &items {
        let n: usize = item.iter().map(|l| text::word_count(l)).sum();
        if words + n > budget {
            break;
        }
        words += n;
        kept += 1;
    }
    (kept >= MIN_LEADING_ITEMS && kept < items.len()).then(|| items[..kept].concat().join("\n"))
}

/// How a reference manual notes when an entry came or changed (Sphinx's `versionadded` and
/// `versionchanged`, in their older and newer wording).
const VERSION_NOTES: &[&str] = &[
    "new in version ",
    "changed in version ",
    "added in version ",
    "version added: ",
    "version changed: ",
];

/// Whether a paragraph is a manual's version history of the entry above it ("New in version
/// 3.7.", "Changed in version 3.8: Added the name parameter."): release notes for readers of
/// the reference, beside the point in an article. A deprecation says what to do instead and
/// stays.
fn is_version_note(paragraph: &str) -> bool {
    let lower = paragraph.trim_start().to_lowercase();
    VERSION_NOTES.iter().any(|note| {
        lower
            .strip_prefix(note)
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// Characters of a signature's parameters beyond which an entry's term gives its name alone.
const SIGNATURE_PARAMS_CHARS: usize = 40;

/// A reference entry ("`name(params)`: what it does.") whose signature runs to many
/// parameters (`loop.create_connection(protocol_factory, host=None, …, interleave=None)`),
/// with its parameters elided: the long term makes the sentence read as code, and the
/// parameters are listed, where they matter, in the entry's own text. None for any other
/// paragraph.
fn short_signature(paragraph: &str) -> Option<String> {
    let rest = paragraph.strip_prefix('`')?;
    let end = rest.find('`')?;
    let (term, after) = (&rest[..end], &rest[end + 1..]);
    let after = after.strip_prefix(':')?;
    let open = term.find('(')?;
    let params = term[open + 1..].strip_suffix(')')?;
    (params.chars().count() > SIGNATURE_PARAMS_CHARS)
        .then(|| format!("`{}(…)`:{after}", &term[..open]))
}

/// `context` is what the part's pages say about their words (see `quality::SentenceContext`).
fn usable(b: Block, rules: &PartRules, context: &quality::SentenceContext) -> Option<Block> {
    match &b.kind {
        Kind::Prose if is_version_note(&b.text) => None,
        Kind::Prose => {
            let shortened = short_signature(&b.text);
            let text = shortened.as_deref().unwrap_or(&b.text);
            clean_in(text, rules.titles, context, rules.focus).map(|text| Block { text, ..b })
        }
        Kind::List { .. } if !rules.prose_only => {
            let items = kept_items(b.text.lines(), |l| clean_item(l, rules.titles, context));
            // One item left on its own (a step whose code the chunker set apart, the last of
            // a list cut between chunks) is the paragraph it says, when it says one in words:
            // a reference's parameter ("`parent` `{string|URL}` An optional…") is no sentence.
            if let [item] = items.as_slice() {
                if !item.starts_with(char::is_alphabetic) {
                    return None;
                }
                return clean_in(item, rules.titles, context, rules.focus).map(|text| Block {
                    kind: Kind::Prose,
                    text,
                });
            }
            // A list of bare titles is navigation, not content ("by reference: &T" is not).
            let titles_only = items.iter().all(|i| {
                !i.trim_end().ends_with(['.', '!', '?'])
                    && i.split_whitespace().count() <= 8
                    && !i.contains([':', '`', '&', '='])
            });
            (items.len() >= 2 && !titles_only).then(|| Block {
                text: items.join("\n"),
                ..b
            })
        }
        Kind::Code { .. } if !rules.prose_only => {
            (b.text.lines().count() <= MAX_CODE_LINES && !b.is_fragment()).then_some(b)
        }
        // A table is read whole (a table of patterns, options or limits), as code is; one
        // whose rows do not match its header renders as broken cells, and a table of versions
        // is a change history.
        Kind::Table if !rules.prose_only => (b.text.lines().count() <= MAX_CODE_LINES
            && well_formed_table(&b.text)
            && !version_history(&b.text)
            && b.text.lines().flat_map(table_cells).all(|cell| {
                text::word_count(cell) <= MAX_CELL_WORDS && !points_away(cell, rules.titles)
            }))
        .then_some(b),
        Kind::Heading if !rules.prose_only => Some(b),
        _ => None,
    }
}

/// The cells of a table row (`| a | b |`), pipes escaped as `\|` kept inside their cell.
fn table_cells(row: &str) -> Vec<&str> {
    let row = row.trim();
    let inner = row.strip_prefix('|').unwrap_or(row);
    let inner = inner
        .strip_suffix('|')
        .filter(|r| !r.ends_with('\\'))
        .unwrap_or(inner);
    let mut cells = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (at, c) in inner.char_indices() {
        match c {
            '\\' => escaped = !escaped,
            '|' if !escaped => {
                cells.push(inner[start..at].trim());
                start = at + 1;
            }
            _ => escaped = false,
        }
    }
    cells.push(inner[start..].trim());
    cells
}

/// Words a table cell holds at most: a cell of paragraphs is a reference page laid out as a
/// table, which reads as a wall of text.
const MAX_CELL_WORDS: usize = 40;

/// Whether a table has a header of two columns or more, a delimiter row and rows of as many
/// cells as its header (a one-column table is a list).
fn well_formed_table(text: &str) -> bool {
    let rows: Vec<Vec<&str>> = text.lines().map(table_cells).collect();
    let Some(header) = rows.first() else {
        return false;
    };
    let delimiter = rows.get(1).is_some_and(|r| {
        r.len() == header.len()
            && r.iter()
                .all(|c| !c.is_empty() && c.chars().all(|x| matches!(x, '-' | ':' | ' ')))
    });
    header.len() >= 2
        && rows.len() >= 3
        && delimiter
        && rows.iter().all(|r| r.len() == header.len())
}

/// Whether a table's first column is mostly version numbers (`v16.0.0`, `3.12`): a page's
/// change history, not its subject.
fn version_history(text: &str) -> bool {
    let firsts: Vec<&str> = text
        .lines()
        .skip(2)
        .filter_map(|row| table_cells(row).first().copied())
        .collect();
    let versions = firsts
        .iter()
        .filter(|c| {
            let c = c.trim_start_matches(['v', 'V']);
            c.split(['.', ',', ' '])
                .next()
                .is_some_and(|n| !n.is_empty() && n.chars().all(|x| x.is_ascii_digit()))
                && c.contains('.')
        })
        .count();
    versions * 2 > firsts.len()
}

/// A list item without reference marks and without its sentences that point elsewhere ("See
/// Troubleshooting."), cut where the report would find a broken sentence in it (judged in
/// `context`, as paragraphs are); `None` when nothing else is left of it.
fn clean_item(line: &str, titles: &[String], context: &quality::SentenceContext) -> Option<String> {
    // The depth is the line's own, read before a footnote mark and its spaces go.
    let indent = &line[..line.len() - line.trim_start_matches(' ').len()];
    let plain = without_pointer_asides(&drop_reference_labels(&text::strip_footnote_refs(
        line.trim_start_matches(' '),
    )));
    let body = plain.trim_start();
    let marker_len = body
        .find(' ')
        .filter(|&at| {
            let marker = &body[..at];
            ["-", "*", "+"].contains(&marker)
                || (marker.len() > 1
                    && marker.ends_with(['.', ')'])
                    && marker[..marker.len() - 1]
                        .chars()
                        .all(|c| c.is_ascii_digit()))
        })
        .map_or(0, |at| at + 1);
    let (marker, rest) = body.split_at(marker_len);
    if points_away(rest, titles) && text::sentences(rest).len() <= 1 {
        return None;
    }
    let kept: Vec<String> = text::sentences(rest)
        .into_iter()
        .map(|s| s.text.trim().to_string())
        .filter(|s| !points_away(s, titles))
        .collect();
    let item = format!("- {}", kept.join(" "));
    let sound = match quality::broken_from(&item, context) {
        Some(at) => item.get(2..at).unwrap_or_default().trim_end(),
        None => &item[2..],
    };
    (!sound.is_empty()).then(|| format!("{indent}{marker}{sound}"))
}

/// A paragraph fit for an article: reference marks and pointing sentences removed, a
/// question left dangling at its end dropped; `None` when no sentence of words is left. A
/// lead-in ending with `:` is kept as it is.
pub fn clean_paragraph(paragraph: &str, titles: &[String]) -> Option<String> {
    clean_in(paragraph, titles, &quality::SentenceContext::default(), &[])
}

/// [`clean_paragraph`] for a paragraph judged in `context` (see `quality::broken_from`).
/// A paragraph may open in lowercase with one of `names` (the topic's words: "journald is the
/// logging service…", "restic is…"), which the sources write so.
fn clean_in(
    paragraph: &str,
    titles: &[String],
    context: &quality::SentenceContext,
    names: &[String],
) -> Option<String> {
    let plain = without_pointer_asides(&drop_reference_labels(&text::strip_footnote_refs(
        paragraph,
    )));
    // A book's exercise for its reader goes whole: what follows its label leans on it ("Try
    // to find out what those do.").
    if plain.trim_start().to_lowercase().starts_with("exercise:") {
        return None;
    }
    // A sentence right after one that points away leans on it when it opens so ("It is
    // also equivalent to…", "This group of data…" after "…, shown on the left"): the
    // paragraph ends before it.
    let mut kept: Vec<String> = Vec::new();
    let mut just_dropped = false;
    for sentence in text::sentences(&plain) {
        let sentence = sentence.text.trim();
        if points_away(sentence, titles) {
            just_dropped = true;
            continue;
        }
        if just_dropped && leans_on_context(sentence) {
            break;
        }
        just_dropped = false;
        kept.push(sentence.to_owned());
    }
    // A sentence the quality report calls broken (a run-on flattened from a definition list, a
    // fragment cut mid-sentence) ends the paragraph: what follows it leans on it.
    let joined = kept.join(" ");
    let sound = quality::broken_from(&joined, context).map_or(joined.as_str(), |at| &joined[..at]);
    let mut kept: Vec<String> = text::sentences(sound)
        .into_iter()
        .map(|s| s.text.trim().to_string())
        .collect();
    while kept.last().is_some_and(|s| s.ends_with('?')) {
        kept.pop();
    }
    let joined = kept.join(" ");
    let first = joined.chars().next()?;
    let first_word = joined
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let named = names.iter().any(|n| n == first_word);
    let starts =
        first.is_uppercase() || first.is_ascii_digit() || "\"'`*(".contains(first) || named;
    let ends = joined
        .trim_end_matches(['"', '\'', ')', '*', '_', '\u{201D}'])
        .ends_with(['.', '!', ':']);
    let ok = starts && ends && text::word_count(&joined) >= 4 && !mostly_code(&joined);
    ok.then_some(joined)
}

/// Whether a sentence points at something an excerpt does not carry: another chapter, a
/// listing or figure, the source's own structure, or a document named as a place to look.
pub fn points_away(sentence: &str, titles: &[String]) -> bool {
    let lower = sentence.to_lowercase();
    let numbered = ["listing ", "chapter ", "figure ", "table ", "example "]
        .iter()
        .any(|w| {
            lower.match_indices(w).any(|(at, _)| {
                lower[at + w.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_digit())
            })
        });
    let see = ["see ", "read ", "refer to ", "for more ", "for details"]
        .iter()
        .any(|w| lower.starts_with(w));
    let named = titles
        .iter()
        .filter(|t| t.split_whitespace().count() >= 2)
        .any(|t| {
            let t = t.to_lowercase();
            TITLE_POINTERS.iter().any(|p| {
                lower.contains(&format!("{p}{t}")) || lower.contains(&format!("{p}the {t}"))
            })
        });
    // "The root manifest supports the following sections:" introduces the list after it,
    // which the article keeps with it, not a section of the page.
    let lead_in = lower.trim_end().ends_with(':');
    numbered
        || see
        || named
        || POINTERS
            .iter()
            .any(|p| lower.contains(p) && !(lead_in && *p == "following section"))
        || quality::points_into_book(sentence)
}

/// Whether a paragraph opens by leaning on what came before it.
pub fn leans_on_context(paragraph: &str) -> bool {
    leans_on_context_under(paragraph, "")
}

/// [`leans_on_context`] for a paragraph under `heading`, which may name what it points at
/// ("In order to use this command…" under "The 'delete' command").
fn leans_on_context_under(paragraph: &str, heading: &str) -> bool {
    let first = paragraph
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
        .to_lowercase();
    let opener = first_sentence(paragraph);
    let second = paragraph.split_whitespace().nth(1).unwrap_or("");
    // "Instead of passing the option, ..." is whole; "Instead, ..." is not.
    let whole = first == "instead" && second == "of";
    (DEPENDENT_OPENERS.contains(&first.as_str()) && !whole)
        || points_away(&opener, &[])
        || quality::opens_dangling_under(&opener, heading)
}

/// A paragraph's first sentence, as the report reads a section's opener.
fn first_sentence(paragraph: &str) -> String {
    text::sentences(paragraph)
        .into_iter()
        .next()
        .map_or(String::new(), |s| s.text)
}

/// The stems of a topic's content words ("Backups" → "backup", "borrowing" → "borrow").
pub fn topic_stems(topic: &str) -> Vec<String> {
    let mut stems: Vec<String> = text::content_words(topic).iter().map(|w| stem(w)).collect();
    stems.dedup();
    stems
}

/// A crude suffix stem, enough to match a topic word's inflections.
pub fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    for suffix in ["ing", "ed"] {
        if let Some(base) = w.strip_suffix(suffix)
            && base.chars().count() >= 4
        {
            return base.to_string();
        }
    }
    // "boxes" → "box", but "workspaces" → "workspace".
    if let Some(base) = w.strip_suffix("es")
        && base.chars().count() >= 3
        && (base.ends_with(['s', 'x', 'z']) || base.ends_with("ch") || base.ends_with("sh"))
    {
        return base.to_string();
    }
    match w.strip_suffix('s') {
        Some(base) if base.chars().count() >= 3 && !base.ends_with('s') => base.to_string(),
        _ => w,
    }
}

/// How many times each stem occurs among the words of `text`.
pub fn stem_counts(text: &str, stems: &[String]) -> Vec<usize> {
    let words: Vec<String> = text::words(text).iter().map(|w| stem(w)).collect();
    stems
        .iter()
        .map(|s| words.iter().filter(|w| *w == s).count())
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
pub fn drop_reference_labels(s: &str) -> String {
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

/// Words that open an aside pointing elsewhere: "(see below)", "(see Section 7.2)", "(cf.
/// the reference)".
const POINTER_ASIDES: &[&str] = &[
    "(see ",
    "(cf. ",
    "(as described ",
    "(described ",
    "(more on ",
    "(more about ",
];

/// Asides set off by a comma that point at a figure of the page ("A `String` is made up of
/// three parts, shown on the left: a pointer…").
const FIGURE_ASIDES: &[&str] = &[", shown on the left", ", shown on the right"];

/// Last words of an aside set off by a comma that points at another place of its page (",
/// as explained in detail below", ", as described later").
const PLACE_WORDS: &[&str] = &["below", "above", "later", "earlier", "previously"];

/// `text` without its asides of the form ", as … below" (at most [`PLACE_ASIDE_WORDS`]
/// words, closing a clause): "…are considered to match, as explained in detail below."
/// says what it says without it.
fn without_place_asides(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    while let Some(at) = text[from..].find(", as ").map(|i| from + i) {
        let rest = &text[at + 2..];
        let end = rest.find(['.', ',', ';', ':', ')']).unwrap_or(rest.len());
        let aside = &rest[..end];
        let words: Vec<&str> = aside.split_whitespace().collect();
        let points = words.len() <= PLACE_ASIDE_WORDS
            && words
                .last()
                .is_some_and(|w| PLACE_WORDS.contains(&w.to_lowercase().as_str()));
        out.push_str(&text[from..at]);
        if !points {
            out.push_str(", as ");
        }
        from = if points { at + 2 + end } else { at + 5 };
    }
    out.push_str(&text[from..]);
    out
}

/// Words an aside pointing elsewhere on its page runs to at most: "as explained in detail
/// below" is six.
const PLACE_ASIDE_WORDS: usize = 6;

/// `text` without its parenthesised pointers: "`FROM T1 CROSS JOIN T2` is equivalent to
/// `FROM T1 INNER JOIN T2 ON TRUE` (see below)." says what it says without the aside, which
/// would point the article's reader at nothing; so does "`Sub` is a subtype of `Super` (we'll
/// be using the notation throughout this chapter)" without its aside about the book, and a
/// sentence without ", shown on the left" or ", as explained below".
fn without_pointer_asides(text: &str) -> String {
    let mut text = without_place_asides(text);
    for aside in FIGURE_ASIDES {
        text = text.replace(aside, "");
    }
    // ASCII folding keeps every byte where it was, so one folded copy serves every search.
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let (mut from, mut search) = (0, 0);
    while let Some(open) = text[search..].find('(').map(|i| search + i) {
        let Some(close) = text[open..].find(')').map(|c| open + c) else {
            break;
        };
        let inner = &text[open + 1..close];
        // An aside with parentheses inside is left alone (where it ends is not clear); the
        // innermost pair is still read.
        let points = !inner.contains('(')
            && (POINTER_ASIDES.iter().any(|a| lower[open..].starts_with(a))
                || quality::points_into_book(inner));
        if points {
            out.push_str(text[from..open].trim_end());
            from = close + 1;
            search = close + 1;
        } else {
            search = open + 1;
        }
    }
    out.push_str(&text[from..]);
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
        Passage::of_text(text, score)
    }

    #[test]
    fn a_paragraph_keeps_its_sentences_when_its_lead_in_loses_the_list() {
        assert_eq!(
            without_lead_in("Closures adapt to the use case. Closures can capture variables:")
                .as_deref(),
            Some("Closures adapt to the use case.")
        );
        assert_eq!(without_lead_in("Create a file for each repository:"), None);
        let text = "Closures capture what they use, by reference when they can. \
                    Closures can capture variables:\n\n\
                    - by reference: &T\n- by mutable reference: &mut T\n- by value: T";
        let used = HashSet::new();
        let rules = plain_rules(&used, 200);
        let units = assemble_part(&[passage(text, 1.0)], &rules);
        // "by reference: &T" items are content, not a list of page titles.
        assert_eq!(units.len(), 2, "{units:?}");
        assert_eq!(units[1].block.kind, Kind::List { ordered: false });
    }

    #[test]
    fn an_option_described_again_is_left_out_but_a_neighbour_alike_stays() {
        let cwd = "- `cwd` `<string>` Current working directory of the child process. Default: \
                   `process.cwd()`.";
        let used: HashSet<String> = piece_keys(&Block {
            text: cwd.into(),
            kind: Kind::List { ordered: false },
        })
        .into_iter()
        .collect();
        let list = Block {
            text: "- `cwd` `<string>` Current working directory of the child process.\n\
                   - `file` `<string>` The name or path of the executable file to run.\n\
                   - `args` `<string[]>` List of string arguments for the file to run."
                .into(),
            kind: Kind::List { ordered: false },
        };
        let kept = without_said(&list, &used, &HashSet::new()).unwrap();
        assert!(!kept.text.contains("`cwd`"), "{}", kept.text);
        assert!(kept.text.contains("`file`") && kept.text.contains("`args`"));
        // A different option described in nearly the same words stays.
        let alike = Block {
            text: "- `cwdir` `<string>` Current working directory of the child process.\n\
                   - `file` `<string>` The name or path of the executable file to run."
                .into(),
            kind: Kind::List { ordered: false },
        };
        let kept = without_said(&alike, &used, &HashSet::new()).unwrap();
        assert!(kept.text.contains("`cwdir`"), "{}", kept.text);
    }

    #[test]
    fn a_short_sentence_left_from_a_said_paragraph_goes_with_it() {
        let said = "Doing an unchecked index into a slice does not make the slice null.";
        let used: HashSet<String> = piece_keys(&Block {
            text: said.into(),
            kind: Kind::Prose,
        })
        .into_iter()
        .collect();
        let paragraph = |rest: &str| Block {
            text: format!("{said} Nothing fundamentally changes.{rest}"),
            kind: Kind::Prose,
        };
        assert_eq!(without_said(&paragraph(""), &used, &HashSet::new()), None);
        let kept = without_said(
            &paragraph(" However, safety is not modular once programs keep state."),
            &used,
            &HashSet::new(),
        )
        .unwrap();
        assert_eq!(
            kept.text,
            "However, safety is not modular once programs keep state."
        );
        // A short lead-in stays for what it introduces.
        let lead_in = Block {
            text: format!("{said} For example, this code:"),
            kind: Kind::Prose,
        };
        assert_eq!(
            without_said(&lead_in, &used, &HashSet::new()).unwrap().text,
            "For example, this code:"
        );
        // Nothing said: a short sentence stays in its paragraph.
        let whole = paragraph("");
        let none = HashSet::new();
        assert_eq!(without_said(&whole, &none, &none).unwrap().text, whole.text);
    }

    #[test]
    fn a_heading_does_not_repeat_the_paragraph_it_heads() {
        let used: HashSet<String> = [unit_key("Resetting")].into_iter().collect();
        let paragraph = "Resetting forgets which entries the remote already has, so the next \
                         run compares every entry again.";
        assert!(!repeats(&used, &unit_key(paragraph)));
        assert!(repeats(&used, &unit_key("Resetting")));
    }

    #[test]
    fn a_near_copy_or_a_longer_cut_repeats_a_used_unit() {
        let used: HashSet<String> = [unit_key(
            "Rust gives us the tools to talk about unsafe code in a scoped way.",
        )]
        .into_iter()
        .collect();
        let longer = "Rust gives us the tools to talk about unsafe code in a scoped way. \
                      Reality is more complicated.";
        assert!(repeats(&used, &unit_key(longer)));
        let edited = "Rust gives us the tools to talk about unsafe code in a scoped manner.";
        assert!(repeats(&used, &unit_key(edited)));
        assert!(!repeats(
            &used,
            &unit_key("Closures capture their environment by reference.")
        ));
        assert!(!repeats(&HashSet::new(), &unit_key(longer)));
        // A warning said again on its own, its last three words included.
        let warned: HashSet<String> = [unit_key(
            "If the shell option is enabled, do not pass unsanitized user input to this \
             function. Any input may trigger arbitrary command execution.",
        )]
        .into_iter()
        .collect();
        assert!(repeats(
            &warned,
            &unit_key("Never pass unsanitized user input to this function.")
        ));
    }

    #[test]
    fn a_lead_in_without_its_code_is_dropped_wherever_it_stands() {
        let leads = [
            "Fetch the sources first:",
            "Then build them in release mode:",
            "Install what the build produced:",
            "Check that the service answers:",
            "Finally, enable it at boot:",
        ];
        let steps: Vec<String> = leads
            .iter()
            .enumerate()
            .map(|(i, lead)| format!("{lead}\n\n```sh\nrun step {i}\n```"))
            .collect();
        let text = format!(
            "{}\n\nThe setup is then complete and ready for use.",
            steps.join("\n\n")
        );
        let used = HashSet::new();
        let rules = plain_rules(&used, 500);
        let units = assemble_part(&[passage(&text, 1.0)], &rules);
        let code = units.iter().filter(|u| u.block.is_code()).count();
        assert_eq!(code, MAX_CODE_PER_PART, "{units:?}");
        let lead_ins = units.iter().filter(|u| u.block.text.ends_with(':')).count();
        assert_eq!(lead_ins, code, "every lead-in kept has its code: {units:?}");
    }

    #[test]
    fn a_part_in_any_order_cut_inside_an_example_ends_before_it() {
        let text = "Rebasing replays the commits of a branch on top of another branch, one \
                    commit after the other, in their order.\n\n\
                    If we have the following situation:\n\n```text\nA---B  topic\n```\n\n\
                    then the command\n\n```sh\ngit rebase main\n```\n\n\
                    would result in:\n\n```text\nA'--B'  topic\n```";
        let used = HashSet::new();
        // Room for the first paragraph and the lead-in, not for the sentence's rest.
        let units = assemble_part(&[passage(text, 1.0)], &plain_rules(&used, 26));
        let texts: Vec<&str> = units.iter().map(|u| u.block.text.as_str()).collect();
        assert_eq!(texts.len(), 1, "{texts:?}");
        assert!(texts[0].starts_with("Rebasing replays"), "{texts:?}");
    }

    #[test]
    fn a_history_and_its_result_are_two_units_and_would_be_leads_into_the_second() {
        // The same letters, other marks: two drawings, not one said twice.
        let before = "      A---B---C topic\n     /\nD---E---F---G master";
        let after = "              A'--B'--C' topic\n             /\nD---E---F---G master";
        assert_ne!(unit_key(before), unit_key(after));
        assert_eq!(
            unit_key("Resetting forgets."),
            unit_key("resetting  forgets")
        );
        let text = format!(
            "Assume the following history exists:\n\n```\n{before}\n```\n\n\
             From this point, the result of the following command:\n\n```\ngit rebase \
             master\n```\n\nwould be:\n\n```\n{after}\n```"
        );
        let used = HashSet::new();
        let rules = PartRules {
            in_order: true,
            ..plain_rules(&used, 500)
        };
        let units = assemble_part(&[passage(&text, 1.0)], &rules);
        let texts: Vec<&str> = units.iter().map(|u| u.block.text.as_str()).collect();
        assert_eq!(texts[texts.len() - 2..], ["would be:", after], "{texts:?}");
    }

    #[test]
    fn a_long_signature_of_an_entry_gives_its_name_and_its_sentence_stays() {
        let entry = "`coroutine loop.create_connection(protocol_factory, host=None, \
                     port=None, *, ssl=None, family=0, proto=0, flags=0, sock=None)`: Open a \
                     streaming transport connection to a given address.";
        let used = HashSet::new();
        let units = assemble_part(&[passage(entry, 1.0)], &plain_rules(&used, 200));
        assert_eq!(
            units[0].block.text,
            "`coroutine loop.create_connection(…)`: Open a streaming transport connection \
             to a given address."
        );
        // A short signature says what the call takes; a term that is no call, or is not
        // an entry's, stays as written.
        assert_eq!(
            short_signature("`asyncio.sleep(delay, result=None)`: Block."),
            None
        );
        let long = "(protocol_factory, host=None, port=None, ssl=None, family=0)";
        assert_eq!(short_signature(&format!("`loop.run{long}` runs it.")), None);
        assert_eq!(short_signature(&format!("`loop.run{long}: Runs it.")), None);
        assert_eq!(short_signature("`SOME_CONSTANT`: A value."), None);
    }

    #[test]
    fn a_catalogue_too_long_for_the_part_gives_its_leading_items_with_their_inner_lists() {
        let list = format!(
            "first item with words\n  inner one\n  inner two\nsecond item\n{}",
            ["third item here"; 6].join("\n")
        );
        assert_eq!(
            leading_items(&list, 10).as_deref(),
            Some("first item with words\n  inner one\n  inner two\nsecond item")
        );
        // One item alone is a fragment; a list that fits is not cut.
        assert_eq!(leading_items(&list, 7), None);
        assert_eq!(leading_items(&list, 100), None);
        // A short list (rules, steps) is whole or not at all.
        assert_eq!(leading_items("one rule\ntwo rule\nthree rule", 4), None);
    }

    #[test]
    fn an_item_opening_on_a_footnote_mark_keeps_its_depth() {
        let used = HashSet::new();
        let text = "- [^1]\u{3000}The first item of this list says enough.\n  \
                    - the inner item one says enough here.\n  \
                    - the inner item two says enough here.";
        let units = assemble_part(&[passage(text, 1.0)], &plain_rules(&used, 200));
        let md = units[0].block.markdown();
        assert!(md.contains("\n  - the inner item one"), "{md}");
        let text = "- The first item of this list says enough.\n  \
                    - [^1] the inner item one says enough here.\n  \
                    - the inner item two says enough here.";
        let units = assemble_part(&[passage(text, 1.0)], &plain_rules(&used, 200));
        let md = units[0].block.markdown();
        assert!(md.contains("\n  - the inner item one"), "{md}");
    }

    #[test]
    fn an_item_that_goes_takes_its_inner_items_along() {
        let lines = "The first item\nA said item\n  its inner one\n  its inner two\nThe last item";
        let kept = kept_items(lines.lines(), |l| {
            (!l.contains("said")).then(|| l.to_owned())
        });
        assert_eq!(kept, ["The first item", "The last item"]);
    }

    #[test]
    fn a_list_of_one_item_is_its_sentence_unless_it_is_a_parameter() {
        let used = HashSet::new();
        let rules = plain_rules(&used, 200);
        let context = quality::SentenceContext::default();
        let one = |item: &str| Block {
            kind: Kind::List { ordered: true },
            text: item.to_owned(),
        };
        let step = usable(
            one("Create the root table, which holds no data."),
            &rules,
            &context,
        );
        assert_eq!(
            step,
            Some(Block {
                kind: Kind::Prose,
                text: "Create the root table, which holds no data.".to_owned()
            })
        );
        let parameter = one("`parent` `{string|URL}` An optional absolute parent module URL.");
        assert_eq!(usable(parameter, &rules, &context), None);
    }

    #[test]
    fn a_list_whose_lead_in_goes_goes_with_it() {
        let text = "Rebasing replays commits on another base. It keeps history linear.\n\n\
                    The following options:\n\n- --apply\n- --whitespace\n\n\
                    are incompatible with the following options:\n\n\
                    - --merge, which uses the merge backend.\n\
                    - --exec, which runs a command after each commit.";
        let used = HashSet::new();
        let units = assemble_part(&[passage(text, 1.0)], &plain_rules(&used, 200));
        assert!(
            units
                .iter()
                .all(|u| !matches!(u.block.kind, Kind::List { .. })),
            "{units:?}"
        );
        assert!(
            units[0].block.text.starts_with("Rebasing replays"),
            "{units:?}"
        );
    }

    #[test]
    fn a_catalogue_cut_to_fit_ends_its_part() {
        let items: Vec<String> = (0..10)
            .map(|i| format!("- `rerun-if-changed={i}`: reruns the build script when it changes."))
            .collect();
        let text = format!(
            "The build script prints instructions to Cargo:\n\n{}\n\n```sh\ncargo build -vv\n```",
            items.join("\n")
        );
        let used = HashSet::new();
        let rules = PartRules {
            in_order: true,
            ..plain_rules(&used, 40)
        };
        let units = assemble_part(&[passage(&text, 1.0)], &rules);
        assert!(
            units
                .iter()
                .any(|u| matches!(u.block.kind, Kind::List { .. })),
            "{units:?}"
        );
        assert!(units.iter().all(|u| !u.block.is_code()), "{units:?}");
    }

    #[test]
    fn a_manuals_version_history_is_left_out_and_a_deprecation_kept() {
        let text = "`loop.create_task(coro)`: Schedule the execution of coroutine coro.\n\n\
                    New in version 3.5.2.\n\n\
                    Changed in version 3.8: Added the name parameter.\n\n\
                    Deprecated since version 3.12: Use `asyncio.TaskGroup` instead.\n\n\
                    The new version 3 API is faster.";
        let used = HashSet::new();
        let units = assemble_part(&[passage(text, 1.0)], &plain_rules(&used, 200));
        let texts: Vec<&str> = units.iter().map(|u| u.block.text.as_str()).collect();
        assert_eq!(texts.len(), 3, "{texts:?}");
        assert!(
            texts[1].starts_with("Deprecated since version 3.12"),
            "{texts:?}"
        );
        assert!(texts[2].starts_with("The new version"), "{texts:?}");
        // The newer wording, and what only mentions a version, as notes and not.
        assert!(is_version_note("Added in version 3.12."));
        assert!(is_version_note("Version changed: 3.13 Added the flag."));
        assert!(!is_version_note(
            "Changed in version control, the file stays."
        ));
    }

    #[test]
    fn a_walkthrough_cut_before_an_examples_point_ends_on_the_example_before() {
        // An essay's reasoning: a program, then one step of it looked at, then its point.
        let essay = |step_lead: &str, point: &str| {
            format!(
                "Variance decides when one type may stand for another in a program.\n\n\
                 Consider this simple program:\n\n```rust\nfn main() {{ assign(); }}\n```\n\n\
                 In a safe language this program should not compile at all.\n\n\
                 {step_lead}\n\n```rust\nfn assign<T>(input: &mut T, val: T) {{}}\n```\n\n\
                 {point}\n\n{}",
                "The rest of the essay explains variance in many more words. ".repeat(20)
            )
        };
        let used = HashSet::new();
        let rules = PartRules {
            in_order: true,
            ..plain_rules(&used, 40)
        };
        let last_code = |text: &str| {
            let units = assemble_part(&[passage(text, 1.0)], &rules);
            let code = units.iter().rev().find(|u| u.block.is_code()).unwrap();
            (code.block.text.clone(), units)
        };
        // A step of the walkthrough whose point does not fit goes, with its lead-in.
        let (code, units) = last_code(&essay(
            "Now look at the `assign` function alone:",
            "All it does is overwrite the referent with a value of the same type.",
        ));
        assert!(code.contains("fn main"), "{units:?}");
        assert!(
            !units
                .iter()
                .any(|u| u.block.text.contains("assign` function"))
        );
        // So does an example the page explains next ("This code is…").
        let (code, _) = last_code(&essay(
            "The function is declared as follows:",
            "This function is what makes the program unsound.",
        ));
        assert!(code.contains("fn main"), "{code}");
        // An example that is its own point stays, and so does one the next step follows.
        for next in [
            "Variance rules are listed for each kind of type.",
            "Another example of variance is a vector of references.",
        ] {
            let (code, units) = last_code(&essay("The function is declared as follows:", next));
            assert!(code.contains("fn assign"), "{units:?}");
        }
    }

    #[test]
    fn a_walkthrough_in_its_pages_order_ends_on_a_whole_example() {
        // Eleven steps, each a lead-in and its command; the last two set up a history and
        // then show what a command makes of it.
        const LEADS: [&str; 9] = [
            "Fetch the sources",
            "Build them in release mode",
            "Install what the build produced",
            "Check that the service answers",
            "Enable it at boot",
            "Open the firewall port",
            "Write the configuration file",
            "Reload the running service",
            "Watch its journal",
        ];
        let mut steps: Vec<String> = (0..9)
            .map(|i| format!("{}:\n\n```sh\nrun step {i}\n```", LEADS[i]))
            .collect();
        steps.push("If we have the following situation:\n\n```text\nA---B  main\n```".into());
        steps.push("then the command would result in:\n\n```text\nA---B'  main\n```".into());
        let text = steps.join("\n\n");
        let used = HashSet::new();
        let rules = PartRules {
            in_order: true,
            ..plain_rules(&used, 500)
        };
        let units = assemble_part(&[passage(&text, 1.0)], &rules);
        let code: Vec<&str> = units
            .iter()
            .filter(|u| u.block.is_code())
            .map(|u| u.block.text.as_str())
            .collect();
        // More examples than a part in any order holds, up to the whole ones that fit.
        assert_eq!(code.len(), MAX_CODE_IN_ORDER, "{units:?}");
        assert!(code.last().unwrap().contains("run step 7"), "{units:?}");
        assert!(
            units
                .iter()
                .any(|u| u.block.text == "Reload the running service:"),
            "a step's own lead-in after the last one shown does not take it away: {units:?}"
        );
        // Had the ninth step been a history the next one acts on, it would go too.
        let mut situation = steps.clone();
        situation[7] = "If we have the following situation:\n\n```text\nA  main\n```".into();
        // The sentence goes on past its code, as manual pages write it.
        situation[8] = "then the command\n\n```sh\nrebase onto main\n```\n\nwould result in:\n\n\
                        ```text\nA'  main\n```"
            .into();
        let units = assemble_part(&[passage(&situation.join("\n\n"), 1.0)], &rules);
        let last_code = units.iter().rev().find(|u| u.block.is_code()).unwrap();
        assert!(last_code.block.text.contains("run step 6"), "{units:?}");
        assert!(
            !units.iter().any(|u| u.block.text.contains("situation")),
            "{units:?}"
        );
    }

    #[test]
    fn list_items_lose_only_their_pointing_and_broken_sentences() {
        let none = quality::SentenceContext::default();
        let kept = clean_item(
            "- **The cache grows large**: restic keeps a cache. See [Troubleshooting](t.md).",
            &[],
            &none,
        );
        assert_eq!(
            kept.as_deref(),
            Some("- **The cache grows large**: restic keeps a cache.")
        );
        assert_eq!(
            clean_item("2. Stop the service: `systemctl stop x`", &[], &none).as_deref(),
            Some("2. Stop the service: `systemctl stop x`")
        );
        assert_eq!(clean_item("- See the chapter on traits.", &[], &none), None);
        assert_eq!(
            clean_item("  * nested item without an end", &[], &none).as_deref(),
            Some("  * nested item without an end")
        );
        // Titles run into a sentence, judged against the pages' own lowercase words.
        let pages = quality::SentenceContext::new(
            "Install the modules. Package the index. Consult the guide.",
        );
        assert_eq!(
            clean_item(
                "- Pip installs packages. Consult the Installing Python Modules Package Index guide for more.",
                &[],
                &pages,
            )
            .as_deref(),
            Some("- Pip installs packages.")
        );
    }

    /// Rules for a section of `budget` words with no focus, titles or mention asked for.
    fn plain_rules(used: &HashSet<String>, budget: usize) -> PartRules<'_> {
        PartRules {
            focus: &[],
            budget,
            prose_only: false,
            used,
            titles: &[],
            in_order: false,
            mention: None,
            context: None,
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
    fn answers_are_whole_paragraphs_within_budget() {
        let text = "One two three four five.\n\nSix seven eight nine ten.";
        assert_eq!(first_words(text, 5), "One two three four five.");
        assert_eq!(first_words(text, 10), text);
        assert_eq!(
            first_words("First one here. Second one here.", 3),
            "First one here."
        );
        assert_eq!(first_words("", 10), "");
    }

    #[test]
    fn stems_match_inflections() {
        assert_eq!(stem("workspaces"), stem("workspace"));
        assert_eq!(stem("Backups"), stem("backup"));
        assert_eq!(stem("borrowing"), stem("borrowed"));
        assert_eq!(stem("boxes"), "box");
        assert_eq!(stem("class"), "class");
        assert_eq!(topic_stems("cargo workspaces"), ["cargo", "workspace"]);
    }

    #[test]
    fn openers_and_pointers() {
        assert!(leans_on_context("This means the value moves."));
        assert!(leans_on_context("So, the borrow ends here."));
        assert!(leans_on_context("Next, we'll add a test."));
        assert!(leans_on_context(
            "It is freed when the owner goes out of scope."
        ));
        assert!(!leans_on_context("Restic is a backup program."));
        let titles = ["Backups with restic".to_string()];
        assert!(points_away("Try the code in Listing 4-6 first.", &[]));
        assert!(points_away("As we saw in Chapter 8, vectors grow.", &[]));
        assert!(points_away("In this chapter, we'll look at traits.", &[]));
        assert!(points_away(
            "The tool-specific steps are in Backups with restic.",
            &titles
        ));
        assert!(!points_away(
            "Restic stores snapshots in a repository.",
            &titles
        ));
        assert_eq!(
            clean_paragraph("Keep the key safe. See Chapter 3 for more. Why?", &[]).as_deref(),
            Some("Keep the key safe.")
        );
        // What leans on a sentence left out goes with it; an aside that points goes alone.
        assert_eq!(
            clean_paragraph(
                "Keys are sorted on insert. See Chapter 3 for more. It also sorts values.",
                &[]
            )
            .as_deref(),
            Some("Keys are sorted on insert.")
        );
        assert_eq!(
            clean_paragraph(
                "A cross join of two tables is an inner join on true (see below). It is \
                 also the same as listing both tables.",
                &[]
            )
            .as_deref(),
            Some(
                "A cross join of two tables is an inner join on true. It is also the same as \
                 listing both tables."
            )
        );
        // A first sentence pointing at a figure takes the sentence leaning on it along.
        assert_eq!(
            clean_paragraph(
                "A string is made of three parts, shown on the left: a pointer, a length and \
                 a capacity. This group of data is stored on the stack.",
                &[]
            )
            .as_deref(),
            Some(
                "A string is made of three parts: a pointer, a length and a capacity. This \
                 group of data is stored on the stack."
            )
        );
        assert_eq!(
            clean_paragraph(
                "The figure below shows the three parts. This group of data is stored on the \
                 stack.",
                &[]
            ),
            None
        );
        assert_eq!(
            without_pointer_asides("Set it (see the (long) list) now (cf. Section 2)."),
            "Set it (see the (long) list) now."
        );
        // An aside about the book goes and leaves its sentence; one about the subject stays.
        assert_eq!(
            without_pointer_asides(
                "Let `Sub` be a subtype of `Super` (we'll be using the notation `Sub <: Super` \
                 throughout this chapter). Call `f(x)` (any number of times)."
            ),
            "Let `Sub` be a subtype of `Super`. Call `f(x)` (any number of times)."
        );
        assert_eq!(
            without_pointer_asides("Subtypes pass through references (more on this in Variance)."),
            "Subtypes pass through references."
        );
        assert_eq!(
            clean_item(
                "- Calling over FFI (see a previous chapter of the book)",
                &[],
                &quality::SentenceContext::default()
            ),
            Some("- Calling over FFI".to_owned())
        );
    }

    #[test]
    fn an_aside_pointing_below_goes_and_its_sentence_stays() {
        assert_eq!(
            without_pointer_asides(
                "The condition decides which rows match, as explained in detail below. Rows \
                 pair up, as expected, and outer joins keep the rest, as shown later."
            ),
            "The condition decides which rows match. Rows pair up, as expected, and outer \
             joins keep the rest."
        );
        // A comparison is no aside, and a long clause is a sentence's own.
        for kept in [
            "Use a join, as you would with two lists.",
            "It grows, as the table fills with many more rows than it held before.",
        ] {
            assert_eq!(without_pointer_asides(kept), kept);
        }
        assert!(points_away(
            "We already saw that ORDER BY can be omitted.",
            &[]
        ));
        // A lead-in to "the following sections" of a file introduces its list.
        assert!(!points_away(
            "The root `Cargo.toml` of a workspace supports the following sections:",
            &[]
        ));
        assert!(points_away("The following section explains the rest.", &[]));
    }

    #[test]
    fn a_sentence_that_runs_on_after_its_code_stays_with_it() {
        let text = "Consider a table of two classes with two values each for this example.\n\n\
                    Suppose that transaction A computes:\n\n\
                    ```sql\nSELECT sum(value) FROM t WHERE class = 1;\n```\n\n\
                    and then inserts the result as a new row. Concurrently, transaction B \
                    computes:\n\n\
                    ```sql\nSELECT sum(value) FROM t WHERE class = 2;\n```\n\n\
                    and obtains the result 300, which it inserts in a new row. Then both \
                    transactions try to commit.";
        let used = HashSet::new();
        let mut rules = plain_rules(&used, 400);
        rules.in_order = true;
        let units = assemble_part(&[passage(text, 1.0)], &rules);
        let texts: Vec<&str> = units.iter().map(|u| u.block.text.as_str()).collect();
        assert_eq!(texts.len(), 6, "{texts:#?}");
        assert!(texts[3].starts_with("and then inserts"), "{texts:#?}");
        // The second query differs from the first in one value: a step, not a repeat.
        assert!(texts[4].ends_with("class = 2;"), "{texts:#?}");
        assert!(texts[5].starts_with("and obtains"), "{texts:#?}");
        // Without the lead-in and its code, the rest of the sentence goes too.
        let orphan = "A table holds two classes of values for the example.\n\n\
                      ```sql\nSELECT sum(value) FROM t;\n```\n\n\
                      and then inserts the result as a new row of the table.";
        let units = assemble_part(&[passage(orphan, 1.0)], &rules);
        assert!(
            units.iter().all(|u| !u.block.text.starts_with("and then")),
            "{units:#?}"
        );
    }

    #[test]
    fn a_first_sentence_about_the_readers_way_goes_when_the_rest_stands() {
        assert_eq!(
            without_leaning_start(
                "Thus far, our queries have only read one table. Queries can read many \
                 tables at once. Such queries are called join queries."
            )
            .as_deref(),
            Some("Queries can read many tables at once. Such queries are called join queries.")
        );
        // A connective carries what follows it; one sentence left is a remark.
        assert_eq!(
            without_leaning_start(
                "Finally, `NATURAL` is a shorthand. As with `USING`, the columns appear once. \
                 It is risky."
            ),
            None
        );
        assert_eq!(
            without_leaning_start("So far we used one table. Joins read two."),
            None
        );
    }

    #[test]
    fn only_sound_tables_that_are_not_change_histories_are_used() {
        let patterns = "| Phantom type | variance of `T` |\n| --- | --- |\n\
                        | `PhantomData<T>` | covariant |\n| `PhantomData<fn(T)>` | contra\\|variant |";
        assert!(well_formed_table(patterns) && !version_history(patterns));
        let ragged = "| v16.0.0 | |\n| --- | --- |\n| changed error handling. |";
        assert!(!well_formed_table(ragged));
        assert!(!well_formed_table("| Function |\n| --- |\n| `f()` |"));
        let history = "| Version | Changes |\n| --- | --- |\n| v16.0.0 | Changed. |\n\
                       | v15.4.0 | No longer experimental. |";
        assert!(well_formed_table(history) && version_history(history));
    }

    #[test]
    fn a_paragraph_may_open_in_lowercase_with_the_topic_name_only() {
        let context = quality::SentenceContext::default();
        let paragraph = "journald is the logging service that is part of systemd.";
        assert_eq!(clean_in(paragraph, &[], &context, &[]), None);
        assert_eq!(
            clean_in(paragraph, &[], &context, &["journald".to_owned()]).as_deref(),
            Some(paragraph)
        );
        // A fragment cut from a sentence stays out, whatever the topic.
        let fragment = "handled by the service manager and kept in memory.";
        assert_eq!(
            clean_in(fragment, &[], &context, &["journald".to_owned()]),
            None
        );
        // So does a book's exercise, with the sentences that lean on its label.
        let exercise = "Exercise: There are also right outer joins. Try to find out what those do.";
        assert_eq!(clean_paragraph(exercise, &[]), None);
    }

    #[test]
    fn a_lead_in_that_opens_on_here_stays_with_its_example() {
        let text = "Here is an example that compares each salary with the average:\n\n\
                    ```sql\nSELECT avg(salary) OVER (PARTITION BY depname) FROM empsalary;\n```\n\n\
                    Here the average is taken over the department.";
        let used = HashSet::new();
        let units = assemble_part(&[passage(text, 1.0)], &plain_rules(&used, 200));
        assert!(
            units
                .first()
                .is_some_and(|u| u.block.text.starts_with("Here is an example")),
            "{units:?}"
        );
        assert!(units.iter().any(|u| u.block.is_code()), "{units:?}");
    }

    #[test]
    fn a_sentence_that_runs_into_its_code_keeps_it_as_a_lead_in() {
        let text = "You should now compile the checked-out version and test it. If that version \
                    works correctly, type\n\n```\n$ git bisect good\n```\n\n\
                    If that version is broken, type\n\n```\n$ git bisect bad\n```\n\n\
                    Eventually no revisions are left and the first bad commit is printed.";
        let used = HashSet::new();
        let units = assemble_part(&[passage(text, 1.0)], &plain_rules(&used, 200));
        let texts: Vec<&str> = units.iter().map(|u| u.block.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "You should now compile the checked-out version and test it. If that version \
                 works correctly, type:",
                "$ git bisect good",
                "If that version is broken, type:",
                "$ git bisect bad",
                "Eventually no revisions are left and the first bad commit is printed."
            ],
            "{units:?}"
        );
    }

    #[test]
    fn a_lead_in_whose_code_is_not_taken_keeps_a_paragraph_before_it_but_not_a_setup() {
        let steps: String = (1..=MAX_CODE_PER_PART)
            .map(|n| {
                format!("Step {n} of the rebase runs one command:\n\n```sh\ngit step {n}\n```\n\n")
            })
            .collect();
        let text = format!(
            "{steps}Rebase stops at the first conflict and leaves markers in the tree. Find \
             them with diff. Tell Git the conflict is resolved with\n\n```sh\ngit add \
             <file>\n```\n\nA range of commits can be removed too. Suppose you have\n\n\
             ```sh\ngit log\n```"
        );
        let used = HashSet::new();
        let units = assemble_part(&[passage(&text, 1.0)], &plain_rules(&used, 400));
        let last = units.last().map(|u| u.block.text.as_str());
        assert_eq!(
            last,
            Some(
                "Rebase stops at the first conflict and leaves markers in the tree. Find them with diff."
            ),
            "{units:?}"
        );
    }

    #[test]
    fn an_example_shown_again_in_another_language_is_shown_once() {
        let text = "Allocate a zeroed buffer:\n\n\
                    ```mjs\nimport { Buffer } from 'node:buffer';\n\nconst buf = Buffer.alloc(5);\n\
                    console.log(buf);\n```\n\n\
                    ```cjs\nconst { Buffer } = require('node:buffer');\n\nconst buf = Buffer.alloc(5);\n\
                    console.log(buf);\n```\n\n\
                    ```sh\nnode alloc.mjs\n```\n\n\
                    The buffer holds five zero bytes.";
        let used = HashSet::new();
        let units = assemble_part(&[passage(text, 1.0)], &plain_rules(&used, 200));
        let languages: Vec<&str> = units
            .iter()
            .filter_map(|u| match &u.block.kind {
                Kind::Code { language } => language.as_deref(),
                _ => None,
            })
            .collect();
        // A different example after it stays.
        assert_eq!(languages, ["mjs", "sh"], "{units:?}");
    }

    #[test]
    fn a_question_whose_text_answers_another_goes_with_it() {
        let text = "Backups keep three copies of the data on two devices.\n\n\
                    ### In what order should I read these articles?\n\n\
                    Keep the troubleshooting page bookmarked for later.\n\n\
                    ### Do I need RAID for backups?\n\n\
                    No. RAID keeps a server running through a disk failure, not your backups.\n\n\
                    ### What are the symptoms?\n\n\
                    - Services fail to start.\n- Databases turn read-only.\n\n\
                    ### How do I check the server at a glance?\n\n\
                    ```sh\nsystemctl --failed\n```";
        let used = HashSet::new();
        let units = assemble_part(&[passage(text, 1.0)], &plain_rules(&used, 200));
        let headings: Vec<&str> = units
            .iter()
            .filter(|u| u.block.kind == Kind::Heading)
            .map(|u| u.block.text.as_str())
            .collect();
        assert_eq!(
            headings,
            [
                "Do I need RAID for backups?",
                "What are the symptoms?",
                "How do I check the server at a glance?"
            ],
            "{units:?}"
        );
        assert!(
            units.iter().all(|u| !u.block.text.contains("bookmarked")),
            "{units:?}"
        );
    }

    #[test]
    fn a_lead_in_stays_only_over_the_block_right_after_it() {
        let grammar = "[ existing_window_name ] [ PARTITION BY expression ] [ frame_clause ]";
        let text = format!(
            "A window call names its function and its window.\n\n\
             where the window definition has the syntax:\n\n```\n{grammar}\n```\n\n\
             The optional frame clause can be one of:\n\n```\n{{ RANGE | ROWS }} frame_start\n```"
        );
        // The first grammar is said already, so the part leaves it out.
        let used: HashSet<String> = [unit_key(grammar)].into();
        let units = assemble_part(&[passage(&text, 1.0)], &plain_rules(&used, 200));
        let texts: Vec<&str> = units.iter().map(|u| u.block.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "A window call names its function and its window.",
                "The optional frame clause can be one of:",
                "{ RANGE | ROWS } frame_start"
            ],
            "{units:?}"
        );
    }

    #[test]
    fn a_paragraph_leaning_on_one_left_out_goes_too() {
        // The middle paragraph is a fragment the part cannot use; the one after leans on it.
        let text = "Branches are cheap pointers to commits that move as you work.\n\n\
                    the work done on the topic branch since it was created and\n\n\
                    So, you merge it back into the main branch with one command.\n\n\
                    A merge commit records both parents so history stays whole.";
        let used = HashSet::new();
        let units = assemble_part(&[passage(text, 1.0)], &plain_rules(&used, 200));
        let texts: Vec<&str> = units.iter().map(|u| u.block.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Branches are cheap pointers to commits that move as you work.",
                "A merge commit records both parents so history stays whole."
            ],
            "{units:?}"
        );
    }

    #[test]
    fn a_subheading_stays_with_what_it_heads_and_goes_without_it() {
        let text = "Events are named strings that listeners subscribe to by name.\n\n\
                    ### Event: 'request'\n\n\
                    Emitted each time there is a request to the server.\n\n\
                    ### Event: 'close'";
        let used = HashSet::new();
        let units = assemble_part(&[passage(text, 1.0)], &plain_rules(&used, 200));
        let kinds: Vec<&Kind> = units.iter().map(|u| &u.block.kind).collect();
        assert_eq!(
            kinds,
            [&Kind::Prose, &Kind::Heading, &Kind::Prose],
            "{units:?}"
        );
        assert_eq!(units[1].block.text, "Event: 'request'");
        assert_eq!(units[1].block.markdown(), "### Event: 'request'");
        // An introduction holds no subheadings.
        let intro = PartRules {
            prose_only: true,
            ..plain_rules(&used, 200)
        };
        let units = assemble_part(&[passage(text, 1.0)], &intro);
        assert!(
            units.iter().all(|u| u.block.kind == Kind::Prose),
            "{units:?}"
        );
    }

    #[test]
    fn parts_are_whole_units_in_source_order() {
        let text = "This depends on an earlier page and cannot open a part.\n\n\
                    Restic stores encrypted snapshots in a repository on disk.\n\n\
                    Install it like this:\n\n```sh\nsudo apt install restic\n```\n\n\
                    - The first item of a list.\n- The second item of a list.";
        let used = HashSet::new();
        let rules = PartRules {
            focus: &["restic".to_string()],
            budget: 200,
            prose_only: false,
            used: &used,
            titles: &[],
            in_order: false,
            mention: None,
            context: None,
        };
        let units = assemble_part(&[passage(text, 1.0)], &rules);
        let kinds: Vec<&Kind> = units.iter().map(|u| &u.block.kind).collect();
        assert_eq!(
            units[0].block.text,
            "Restic stores encrypted snapshots in a repository on disk."
        );
        assert_eq!(kinds.len(), 4, "{units:?}");
        assert!(units[2].block.is_code());
        assert_eq!(*kinds[3], Kind::List { ordered: false });
        // A budget too small for the code drops its lead-in too.
        let small = PartRules {
            budget: 12,
            ..rules
        };
        let units = assemble_part(&[passage(text, 1.0)], &small);
        assert!(
            units.iter().all(|u| !u.block.text.ends_with(':')),
            "{units:?}"
        );
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
