//! Broken sentences: fragments cut from a list or from the middle of a sentence, run-ons, and
//! lists of page titles that leaked into a paragraph.
//!
//! A paragraph sentence must not start in lowercase with a word that continues a sentence
//! (see [`fragment_start`]; a name styled in lowercase, like `restic`, may), must end with a
//! mark, have at least [`MIN_WORDS`] words (a bare "Yes." or "No.", a lead-in ending in a
//! colon and a question aside) and at most [`MAX_WORDS`]. List items are not held to the
//! first three: "Monthly checks" is a fine
//! item. Any sentence with a run of [`CAPITAL_RUN`] capitalised words, or with
//! [`TITLE_WORDS`] words capitalised mid-sentence that the article elsewhere writes in
//! lowercase (one word in [`TITLE_SHARE`] at least), or with [`RUN_IN_WORDS`] capitalised words that run into the word before them
//! (no comma, no "and") making up a fifth of the sentence, is a list of titles rather than a
//! sentence. Names in a real list are separated ("Podman, Docker and Caddy"); titles pasted
//! together are not ("...SSH hardening Firewall with nftables Running services...").

use super::*;

const MIN_WORDS: usize = 3;
/// Whole sentences shorter than [`MIN_WORDS`]: the reply that opens an answer ("No. RAID
/// keeps a server running...", "Ideally, no. Safer alternatives...").
const REPLIES: &[&str] = &["yes", "no"];
const MAX_WORDS: usize = 60;
const CAPITAL_RUN: usize = 6;
const TITLE_WORDS: usize = 3;
/// ...and they make up at least one word in this many: a long sentence naming a few terms
/// its page capitalises ("at the Repeatable Read isolation level … Serializable
/// transactions") is a sentence.
const TITLE_SHARE: usize = 8;
const RUN_IN_WORDS: usize = 5;
/// Share of broken sentences tolerated, in percent: one slip in fifty sentences is an edit,
/// more is a draft that was assembled badly. Leaked titles are never tolerated.
const MAX_BROKEN_PERCENT: f64 = 2.0;

/// Words a sentence cannot end on before a full stop: it promised what follows ("…execute
/// queries such as.", "…which is defined as."), a lead-in whose colon became a full stop and
/// whose example was left behind. Prepositions a sentence may strand ("the value it refers
/// to.") are not among them.
const PROMISING_ENDS: &[&str] = &[
    "such as",
    "as follows",
    "the following",
    "defined as",
    "known as",
    "like this",
    "like so",
    "e.g",
    "i.e",
    "namely",
    "the",
    "a",
    "an",
    "and",
    "or",
    "via",
];

/// Whether `sentence` ends on a full stop right after words that promise what follows.
pub fn ends_before_its_continuation(sentence: &str) -> bool {
    let Some(body) = sentence.trim_end().strip_suffix('.') else {
        return false;
    };
    let lower = body.to_lowercase();
    PROMISING_ENDS.iter().any(|end| {
        lower
            .strip_suffix(end)
            .is_some_and(|before| before.is_empty() || before.ends_with(char::is_whitespace))
    })
}

/// What is wrong with one sentence.
enum Fault {
    Lowercase,
    NoEnd,
    Unfinished,
    Short(usize),
    Long(usize),
    CapitalRun(usize),
    Titles(usize),
}

impl Fault {
    fn describe(&self) -> String {
        match self {
            Fault::Lowercase => "starts in lowercase".to_owned(),
            Fault::NoEnd => "has no end mark".to_owned(),
            Fault::Unfinished => "ends where what it introduces should follow".to_owned(),
            Fault::Short(n) => format!("has {}", count(*n, "word", "words")),
            Fault::Long(n) => format!("has {n} words (at most {MAX_WORDS})"),
            Fault::CapitalRun(n) => format!("has {n} capitalised words in a row"),
            Fault::Titles(n) => {
                format!("has {n} words capitalised mid-sentence, like a list of titles")
            }
        }
    }

    /// Leaked titles fail the check on their own.
    fn severe(&self) -> bool {
        matches!(self, Fault::CapitalRun(_) | Fault::Titles(_))
    }
}

/// A word with the punctuation around it removed.
fn bare(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric())
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// All capitals (`SSH`, `TLS`, `S3`): an acronym, capitalised wherever it appears; so is a
/// symbol of one capital and digits (`T1`, `R2`), which a page writes in lowercase elsewhere
/// only as another name (`t1`).
fn acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    let symbol = letters == 1 && word.chars().any(|c| c.is_ascii_digit());
    (letters > 1 || symbol) && !word.chars().any(char::is_lowercase)
}

/// Lowercase words the article uses as names: the words of the front matter's title, tags
/// and keywords and of the headings, as written (`restic`, `nftables`).
fn lowercase_names(doc: &Doc, fields: Option<&Map<String, Value>>) -> HashSet<String> {
    let mut texts: Vec<String> = Vec::new();
    if let Some(fields) = fields {
        for key in ["title", "tags", "keywords"] {
            match fields.get(key) {
                Some(Value::String(s)) => texts.push(s.clone()),
                Some(Value::Array(items)) => {
                    texts.extend(items.iter().filter_map(Value::as_str).map(str::to_owned))
                }
                _ => {}
            }
        }
    }
    texts.extend(
        doc.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Heading)
            .map(|b| b.text.clone()),
    );
    texts
        .iter()
        .flat_map(|t| t.split_whitespace())
        .map(bare)
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .map(str::to_owned)
        .collect()
}

/// Words that continue a sentence rather than start one: a sentence opening with one in
/// lowercase was cut from the middle of another.
const CONTINUATIONS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "of", "to", "in", "on", "at", "by",
    "for", "from", "with", "without", "into", "onto", "over", "under", "than", "then", "as",
    "that", "which", "who", "whom", "whose", "where", "when", "while", "because", "if", "unless",
    "until", "although", "though", "this", "these", "those", "it", "its", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "can", "could", "will", "would", "should", "may",
    "might", "must", "not", "also", "only", "just", "even", "such", "more", "most", "each",
    "every", "all", "some", "any", "you", "your", "we", "our", "they", "their", "he", "she", "his",
    "her",
];

/// Whether a sentence starting with `word` in lowercase is a fragment. A function word, a
/// participle or adverb (`handled by...`, `using...`, `automatically...`), or a word the
/// article capitalises elsewhere (an ordinary word) are; anything else is taken for a name
/// styled in lowercase (`restic`, `systemd`, `ncdu`), which may start a sentence.
fn fragment_start(word: &str, names: &HashSet<String>, ordinary: &HashSet<String>) -> bool {
    let lower = word.to_lowercase();
    if names.contains(word) || word.chars().any(|c| !c.is_alphabetic()) {
        return false;
    }
    CONTINUATIONS.contains(&lower.as_str())
        || (lower.chars().count() > 4 && ["ed", "ing", "ly"].iter().any(|s| lower.ends_with(s)))
        || ordinary.contains(&lower)
}

/// Words the prose capitalises somewhere, lowercased: ordinary words that start sentences.
fn capitalised_words(doc: &Doc) -> HashSet<String> {
    doc.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Prose)
        .flat_map(|b| b.text.split_whitespace())
        .map(bare)
        .filter(|w| capitalised(w) && !acronym(w))
        .map(str::to_lowercase)
        .collect()
}

/// Every word the article's prose writes in lowercase.
fn lowercase_words(doc: &Doc) -> HashSet<String> {
    doc.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Prose)
        .flat_map(|b| b.text.split_whitespace())
        .map(bare)
        .filter(|w| !w.is_empty() && !w.chars().any(char::is_uppercase))
        .map(str::to_owned)
        .collect()
}

/// The faults of one sentence, `text[start..end]` of `block`.
fn faults(
    block: &Block,
    (start, end, words): (usize, usize, usize),
    last: bool,
    names: &HashSet<String>,
    ordinary: &HashSet<String>,
    lowercase: &HashSet<String>,
) -> Vec<Fault> {
    let text = &block.text[start..end];
    let mut out = Vec::new();
    // Each token with where it starts in the block, to ask whether it is code.
    let spans: Vec<(usize, &str)> = tokens(text).map(|(at, t)| (start + at, t)).collect();
    let tokens: Vec<&str> = spans.iter().map(|&(_, t)| t).collect();
    if !block.in_list {
        let first = tokens.first().copied().unwrap_or("");
        let word = bare(first);
        if word.chars().next().is_some_and(char::is_lowercase)
            && !block.in_code(start)
            && fragment_start(word, names, ordinary)
        {
            out.push(Fault::Lowercase);
        }
        let tail = text.trim_end_matches(['"', '\'', ')', ']', '*', '_', '\u{201d}', '\u{2019}']);
        if last && !tail.ends_with(['.', '!', '?', ':', '\u{2026}']) {
            out.push(Fault::NoEnd);
        }
        if ends_before_its_continuation(text) {
            out.push(Fault::Unfinished);
        }
        // Short but whole: a reply ("No."), a lead-in ("For example:"), a question ("What
        // happened?").
        let reply = text
            .split_whitespace()
            .last()
            .is_some_and(|w| REPLIES.contains(&bare(w).to_lowercase().as_str()));
        let whole = reply || tail.ends_with([':', '?']);
        if words < MIN_WORDS && !whole {
            out.push(Fault::Short(words));
        }
    }
    if words > MAX_WORDS {
        out.push(Fault::Long(words));
    }
    let (mut run, mut longest, mut titles, mut run_in) = (0, 0, 0, 0);
    for (i, token) in tokens.iter().enumerate() {
        let word = bare(token);
        // Code is not a word of the sentence ("`<Function>`").
        if word.is_empty() || block.in_code(spans[i].0) {
            run = 0;
            continue;
        }
        if capitalised(word) {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
        // Mid-sentence, not after a colon or a quote, where a capital is normal.
        // A capital after code opens the description of a term ("`completer` `<Function>`
        // An optional function…").
        let after_break = i == 0
            || block.in_code(spans[i - 1].0)
            || tokens[i - 1].ends_with([':', ';', '"', '\u{201c}', '\u{2014}'])
            || token.starts_with(['"', '\'', '\u{201c}', '(']);
        if after_break || !capitalised(word) || acronym(word) || word == "I" {
            continue;
        }
        if lowercase.contains(&word.to_lowercase()) {
            titles += 1;
        }
        let previous = tokens[i - 1];
        let separated = previous.ends_with([',', '.', '!', '?', ')'])
            || matches!(previous.to_lowercase().as_str(), "and" | "or" | "&" | "nor");
        if !separated {
            run_in += 1;
        }
    }
    // A list item without an end mark is a name or a title ("- What Unsafe Can Do"), which is
    // what a list of further reading holds.
    let titled_item = block.in_list
        && !text
            .trim_end_matches(['"', '\'', ')', ']', '*', '_', '\u{201d}', '\u{2019}'])
            .ends_with(['.', '!', '?']);
    if titled_item {
        return out;
    }
    if longest >= CAPITAL_RUN {
        out.push(Fault::CapitalRun(longest));
    }
    if titles >= TITLE_WORDS && titles * TITLE_SHARE >= words {
        out.push(Fault::Titles(titles));
    } else if run_in >= RUN_IN_WORDS && run_in * 5 >= words {
        out.push(Fault::Titles(run_in));
    }
    out
}

/// What the text around a paragraph says about its words, standing in for the article when
/// the composer judges a paragraph before the article exists: the words it writes in
/// lowercase tell a run of titles ("Do Not Do This") from names, the words it capitalises tell
/// ordinary words from names styled in lowercase.
#[derive(Default)]
pub struct SentenceContext {
    ordinary: HashSet<String>,
    lowercase: HashSet<String>,
}

impl SentenceContext {
    /// The context of `markdown` (e.g. the pages a part is composed from).
    pub fn new(markdown: &str) -> Self {
        let around = Doc::parse(markdown, 1);
        SentenceContext {
            ordinary: capitalised_words(&around),
            lowercase: lowercase_words(&around),
        }
    }
}

/// Whether `block` goes on with the sentence `before` began before the code between them
/// ("Suppose that transaction A computes: [code] and then inserts the result…"): `before`
/// ends on a colon, something that is not text stands between them, and `block` opens in
/// lowercase.
fn resumes_after_code(doc: &Doc, before: &Block, block: &Block) -> bool {
    let end = doc.line_of(before.source_offset(before.text.len().saturating_sub(1)));
    !before.in_list
        && !block.in_list
        && before.text.trim_end().ends_with(':')
        && doc.line_of(block.source_offset(0)) > end + 2
        && block.text.starts_with(|c: char| c.is_lowercase())
}

/// Where the first sentence of a paragraph that the report would call broken starts, as a
/// byte offset into `paragraph` (Markdown), judged in `context`. The composer cuts a paragraph
/// there rather than write a sentence this report then rejects.
pub fn broken_from(paragraph: &str, context: &SentenceContext) -> Option<usize> {
    let doc = Doc::parse(paragraph, 1);
    let none = HashSet::new();
    doc.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Prose)
        .find_map(|block| {
            let found = sentences(&block.text);
            let n = found.len();
            found.into_iter().enumerate().find_map(|(i, sentence)| {
                let last = i + 1 == n;
                let faults = faults(
                    block,
                    sentence,
                    last,
                    &none,
                    &context.ordinary,
                    &context.lowercase,
                );
                (!faults.is_empty()).then(|| block.source_offset(sentence.0))
            })
        })
}

pub(super) fn check_broken_sentences(doc: &Doc, fields: Option<&Map<String, Value>>) -> Check {
    let names = lowercase_names(doc, fields);
    let ordinary = capitalised_words(doc);
    let lowercase = lowercase_words(doc);
    let mut problems = Vec::new();
    let (mut total, mut broken, mut severe) = (0usize, 0usize, false);
    // The text block before, of any kind: a heading or a table between a lead-in and a
    // paragraph is not the code its sentence runs over.
    let mut previous: Option<&Block> = None;
    for block in doc.blocks.iter().filter(|b| b.kind != BlockKind::Footnote) {
        let before = previous.replace(block);
        if block.kind != BlockKind::Prose {
            continue;
        }
        let resumes =
            before.is_some_and(|p| p.kind == BlockKind::Prose && resumes_after_code(doc, p, block));
        let found = sentences(&block.text);
        let n = found.len();
        for (i, sentence) in found.into_iter().enumerate() {
            total += 1;
            let mut faults = faults(block, sentence, i + 1 == n, &names, &ordinary, &lowercase);
            if i == 0 && resumes {
                faults.retain(|f| !matches!(f, Fault::Lowercase));
            }
            if faults.is_empty() {
                continue;
            }
            broken += 1;
            severe |= faults.iter().any(Fault::severe);
            let what: Vec<String> = faults.iter().map(Fault::describe).collect();
            let line = doc.line_of(block.source_offset(sentence.0));
            problems.push(format!(
                "line {line} {}: {}",
                what.join(", "),
                quote(&block.text[sentence.0..sentence.1])
            ));
        }
    }
    // The share is rounded once, and the same figure is compared and printed.
    let percent = if total == 0 {
        0.0
    } else {
        (broken as f64 * 1000.0 / total as f64).round() / 10.0
    };
    let passed = !severe && percent <= MAX_BROKEN_PERCENT;
    let summary = format!(
        "{broken} of {} broken ({percent:.1}%, limit {MAX_BROKEN_PERCENT:.1}%{})",
        count(total, "sentence", "sentences"),
        if severe {
            "; titles run into a sentence"
        } else {
            ""
        }
    );
    list_check("broken_sentences", passed, summary, problems)
}
