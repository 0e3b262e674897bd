//! Plain-text analysis shared by the knowledge base and the writing stages: word and
//! content-word tokenisation, the stopword list, Markdown-aware sentence splitting, syllable
//! counting with the Flesch–Kincaid grade, and word counts. Pure functions, no I/O; the same
//! input always gives the same output.

/// English function words, sorted (byte order) so `is_stopword` can binary-search them.
/// Contractions are included because `words` keeps in-word apostrophes.
pub const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "already",
    "also",
    "always",
    "am",
    "an",
    "and",
    "any",
    "are",
    "aren't",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "can't",
    "cannot",
    "could",
    "couldn't",
    "did",
    "didn't",
    "do",
    "does",
    "doesn't",
    "doing",
    "don't",
    "down",
    "during",
    "each",
    "either",
    "else",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "hadn't",
    "has",
    "hasn't",
    "have",
    "haven't",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "isn't",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "let's",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "neither",
    "never",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "shall",
    "she",
    "should",
    "shouldn't",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "wasn't",
    "we",
    "were",
    "weren't",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "won't",
    "would",
    "wouldn't",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];

/// Abbreviations (lowercase, without the final period) after which a period does not end a
/// sentence.
const ABBREVIATIONS: &[&str] = &[
    "al", "approx", "ca", "cf", "dr", "e.g", "eg", "etc", "fig", "i.e", "ie", "jr", "mr", "mrs",
    "ms", "prof", "sr", "st", "viz", "vs",
];

/// Whether `w` (already lowercase) is a stopword.
pub fn is_stopword(w: &str) -> bool {
    STOPWORDS.binary_search(&w).is_ok()
}

/// A writing system, as far as telling a page's language family from a topic's goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Script {
    Latin,
    Greek,
    Cyrillic,
    Arabic,
    Hebrew,
    Devanagari,
    /// Chinese characters and Japanese kana.
    Han,
    Hangul,
    Thai,
    Other,
}

fn script_of_char(c: char) -> Script {
    match c as u32 {
        0x0041..=0x024F | 0x1E00..=0x1EFF => Script::Latin,
        0x0370..=0x03FF => Script::Greek,
        0x0400..=0x052F => Script::Cyrillic,
        0x0590..=0x05FF => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F => Script::Arabic,
        0x0900..=0x097F => Script::Devanagari,
        0x0E00..=0x0E7F => Script::Thai,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Script::Han,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF => Script::Hangul,
        _ => Script::Other,
    }
}

/// The script most of the letters in (the first 2,000 characters of) `text` are written in;
/// `None` when it has no letters.
pub fn script(text: &str) -> Option<Script> {
    let mut counts: std::collections::HashMap<Script, usize> = std::collections::HashMap::new();
    for c in text.chars().take(2000).filter(|c| c.is_alphabetic()) {
        *counts.entry(script_of_char(c)).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(script, n)| (n, script == Script::Latin))
        .map(|(script, _)| script)
}

/// Fewest characters of prose whose language is told: shorter text ("See also:", a caption)
/// reads as any language.
const LANGUAGE_MIN_CHARS: usize = 120;

/// Prose read to tell a text's language: a few sentences tell it as well as a page.
const LANGUAGE_SAMPLE_BYTES: usize = 600;

/// The language the prose of `text` (its first few sentences outside code fences) is
/// written in, when it can be told with confidence: a translated copy of a page is written
/// in the same script as the original ("Si usa un alias de tipo…" beside "If you use a type
/// alias…"), so the script alone cannot tell them apart.
pub fn language(text: &str) -> Option<whatlang::Lang> {
    let mut prose = String::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if !fenced {
            prose.push_str(line);
            prose.push('\n');
        }
        if prose.len() >= LANGUAGE_SAMPLE_BYTES {
            break;
        }
    }
    if prose.trim().chars().count() < LANGUAGE_MIN_CHARS {
        return None;
    }
    whatlang::detect(&prose)
        .filter(whatlang::Info::is_reliable)
        .map(|info| info.lang())
}

/// Apostrophes that may sit inside a word; the typographic one is folded to ASCII so
/// "don’t" and "don't" are the same word.
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Lowercase runs of Unicode alphanumerics. An apostrophe is kept only between two
/// alphanumerics ("don't" is one word, "'quoted'" is "quoted").
pub fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
            continue;
        }
        let inner_apostrophe = is_apostrophe(c)
            && !current.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
        if inner_apostrophe {
            current.push('\'');
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The words that carry meaning: `words` minus stopwords, contractions, pure numbers and
/// one-character words, with a possessive "'s" removed so "Rust's" counts as "rust".
pub fn content_words(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| !is_stopword(w))
        .map(|w| match w.strip_suffix("'s") {
            Some(stem) => stem.to_string(),
            None => w,
        })
        // A contraction the stopwords do not list ("we'll", "you've") is a function word too.
        .filter(|w| w.chars().count() >= 2 && !w.chars().all(char::is_numeric) && !w.contains('\''))
        .collect()
}

/// One sentence of prose. `text` is the sentence with Markdown line markers (list bullets,
/// heading hashes, quote markers) removed and whitespace collapsed; `start..end` is the byte
/// range it came from in the original text, always on character boundaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// What a source line is, once quote markers are stripped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// Ordinary text: continues the open unit.
    Paragraph,
    /// Starts its own unit; later paragraph lines continue it (lazy continuation).
    ListItem,
    /// A unit of its own that nothing continues: ATX headings and table rows.
    Single,
}

/// A classified line: where its content starts in the source and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line<'a> {
    /// Closes the open unit and contributes nothing: blank lines, code, thematic breaks,
    /// setext underlines, table separators, link reference definitions.
    Break,
    Text {
        offset: usize,
        content: &'a str,
        kind: LineKind,
    },
}

/// An open code fence: its character and length, which the closing fence must match.
#[derive(Debug, Clone, Copy)]
struct Fence {
    ch: char,
    len: usize,
}

/// Walks a Markdown document line by line, tracking fenced and indented code, and yields
/// the prose lines with their markers stripped.
struct LineScanner {
    fence: Option<Fence>,
    previous_blank: bool,
    in_indented_code: bool,
    in_list: bool,
}

impl LineScanner {
    fn new() -> Self {
        LineScanner {
            fence: None,
            previous_blank: true,
            in_indented_code: false,
            in_list: false,
        }
    }

    /// Classifies one line (without its line terminator) starting at byte `offset`.
    fn classify<'a>(&mut self, line: &'a str, offset: usize) -> Line<'a> {
        if let Some(open) = self.fence {
            if closes_fence(line, open) {
                self.fence = None;
            }
            return Line::Break;
        }
        if let Some(open) = opens_fence(line) {
            self.fence = Some(open);
            self.previous_blank = false;
            return Line::Break;
        }
        let blank = line.trim().is_empty();
        let indent = indentation(line);
        // Indented code only starts after a blank line and never inside a list, where
        // indentation means continuation; it lasts until a non-indented text line.
        let indented_code = !blank
            && indent >= 4
            && !self.in_list
            && (self.previous_blank || self.in_indented_code);
        self.in_indented_code = indented_code || (self.in_indented_code && blank);
        self.previous_blank = blank;
        if blank || indented_code {
            return Line::Break;
        }
        let (offset, content) = strip_quote_markers(line, offset);
        let classified = classify_content(content, offset);
        if let Line::Text { kind, .. } = classified {
            match kind {
                LineKind::ListItem => self.in_list = true,
                _ if indent == 0 => self.in_list = false,
                _ => {}
            }
        }
        classified
    }
}

/// Width of the leading whitespace, a tab counting as four columns.
fn indentation(line: &str) -> usize {
    line.chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

/// A fence opener: up to three spaces, then three or more backticks or tildes.
fn opens_fence(line: &str) -> Option<Fence> {
    if indentation(line) > 3 {
        return None;
    }
    let trimmed = line.trim_start();
    let ch = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let len = trimmed.chars().take_while(|c| *c == ch).count();
    // A backtick fence's info string may not contain backticks (it would be inline code).
    let info_ok = ch == '~' || !trimmed[len..].contains('`');
    (len >= 3 && info_ok).then_some(Fence { ch, len })
}

/// A closing fence: the opener's character, at least as many, nothing else on the line.
fn closes_fence(line: &str, open: Fence) -> bool {
    let trimmed = line.trim();
    let run = trimmed.chars().take_while(|c| *c == open.ch).count();
    indentation(line) <= 3 && run >= open.len && run == trimmed.chars().count()
}

/// Removes leading `>` quote markers, returning the remaining content and its offset.
fn strip_quote_markers(line: &str, offset: usize) -> (usize, &str) {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start();
        match trimmed.strip_prefix('>') {
            Some(after) => rest = after,
            None => {
                let skipped = line.len() - trimmed.len();
                return (offset + skipped, trimmed.trim_end());
            }
        }
    }
}

/// Classifies a line's content (quote markers and indentation already gone).
fn classify_content(content: &str, offset: usize) -> Line<'_> {
    if content.is_empty() || is_rule(content) || is_link_definition(content) {
        return Line::Break;
    }
    if content.starts_with('|') {
        if content
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
        {
            return Line::Break;
        }
        return text_line(content, offset, 0, LineKind::Single);
    }
    if let Some(skip) = heading_marker(content) {
        // Closing hashes are optional decoration: "## Title ##" is "Title".
        let without_closing = content.trim_end_matches('#').trim_end();
        let kept = if without_closing.len() < skip {
            content
        } else {
            without_closing
        };
        return text_line(kept, offset, skip, LineKind::Single);
    }
    if let Some(skip) = list_marker(content) {
        return text_line(content, offset, skip, LineKind::ListItem);
    }
    text_line(content, offset, 0, LineKind::Paragraph)
}

/// Builds a text line from `content[skip..]`, or a break when nothing is left.
fn text_line(content: &str, offset: usize, skip: usize, kind: LineKind) -> Line<'_> {
    let body = &content[skip..];
    let trimmed = body.trim_start();
    if trimmed.is_empty() {
        return Line::Break;
    }
    let lead = skip + (body.len() - trimmed.len());
    Line::Text {
        offset: offset + lead,
        content: &content[lead..],
        kind,
    }
}

/// Thematic breaks and setext underlines: a line of only `-`, `*`, `_` or `=` (spaces
/// allowed), at least three of them for `-*_`, any number of `=`.
fn is_rule(content: &str) -> bool {
    let marks: Vec<char> = content.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(&first) = marks.first() else {
        return false;
    };
    let uniform = marks.iter().all(|c| *c == first);
    uniform && (first == '=' || (matches!(first, '-' | '*' | '_') && marks.len() >= 3))
}

/// `[label]: destination` — a link reference definition (footnote definitions, `[^1]: ...`,
/// hold prose and are not matched here; they are handled as list items).
fn is_link_definition(content: &str) -> bool {
    content.starts_with('[')
        && !content.starts_with("[^")
        && content
            .find("]:")
            .is_some_and(|i| !content[1..i].contains(']'))
}

/// Byte length of an ATX heading marker (`#` to `######` then a space), if present.
fn heading_marker(content: &str) -> Option<usize> {
    let hashes = content.chars().take_while(|c| *c == '#').count();
    let after = &content[hashes..];
    let valid = (1..=6).contains(&hashes) && (after.is_empty() || after.starts_with([' ', '\t']));
    valid.then_some(hashes)
}

/// Byte length of a list marker (`-`, `*`, `+`, `1.`, `1)`, an optional task box, or a
/// footnote definition label `[^1]:`), if the line starts with one.
fn list_marker(content: &str) -> Option<usize> {
    let marker = bullet_marker(content)
        .or_else(|| ordered_marker(content))
        .or_else(|| footnote_marker(content))?;
    let rest = content[marker..].trim_start();
    let task = ["[ ] ", "[x] ", "[X] "]
        .iter()
        .find(|t| rest.starts_with(**t))
        .map_or(0, |t| t.len());
    Some(content.len() - rest.len() + task)
}

fn bullet_marker(content: &str) -> Option<usize> {
    let mut chars = content.chars();
    let first = chars.next().filter(|c| matches!(c, '-' | '*' | '+'))?;
    let spaced = chars.next().is_none_or(|c| c == ' ' || c == '\t');
    spaced.then_some(first.len_utf8())
}

fn ordered_marker(content: &str) -> Option<usize> {
    let digits = content.chars().take_while(char::is_ascii_digit).count();
    let after = &content[digits..];
    let mut rest = after.chars();
    let punct = rest.next().filter(|c| *c == '.' || *c == ')');
    let spaced = rest.next().is_none_or(|c| c == ' ' || c == '\t');
    ((1..=9).contains(&digits) && punct.is_some() && spaced).then_some(digits + 1)
}

fn footnote_marker(content: &str) -> Option<usize> {
    let body = content.strip_prefix("[^")?;
    let close = body.find("]:")?;
    Some(2 + close + 2)
}

/// A run of prose that sentence splitting works on: characters with their source offsets,
/// whitespace already collapsed to single spaces.
#[derive(Default)]
struct Unit {
    chars: Vec<(char, usize)>,
}

impl Unit {
    /// Appends a line's content, joined to what is there by one space.
    fn push_line(&mut self, content: &str, offset: usize) {
        if !self.chars.is_empty() {
            self.chars.push((' ', offset));
        }
        for (i, c) in content.char_indices() {
            let space = c.is_whitespace();
            if space && self.chars.last().is_some_and(|(p, _)| *p == ' ') {
                continue;
            }
            self.chars.push((if space { ' ' } else { c }, offset + i));
        }
    }
}

/// The prose units of a Markdown document: paragraphs (soft-wrapped lines joined), list
/// items, headings and table rows, each on its own; code is left out.
fn units(text: &str) -> Vec<Unit> {
    let mut scanner = LineScanner::new();
    let mut out: Vec<Unit> = Vec::new();
    let mut open = false;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        match scanner.classify(line, offset) {
            Line::Break => open = false,
            Line::Text {
                offset: at,
                content,
                kind,
            } => {
                let continues = open && kind == LineKind::Paragraph;
                if !continues {
                    out.push(Unit::default());
                }
                if let Some(unit) = out.last_mut() {
                    unit.push_line(content, at);
                }
                open = kind != LineKind::Single;
            }
        }
        offset += raw.len();
    }
    out
}

/// Splits Markdown prose into sentences. Fenced and indented code is skipped; headings,
/// list items and table rows are separate sentences; soft-wrapped paragraph lines are
/// joined. A sentence ends at `.`, `!` or `?` followed by whitespace and a capital letter (or
/// an opening quote, bracket, emphasis or inline code) or by the end of the unit — never
/// inside inline code, after an abbreviation or initial, or inside tokens such as `1.2`,
/// `config.toml` or URLs (their periods are not followed by whitespace). CJK full stops
/// end a sentence wherever they are.
pub fn sentences(text: &str) -> Vec<Sentence> {
    units(text)
        .iter()
        .flat_map(|unit| split_unit(&unit.chars))
        .collect()
}

/// Marks the characters inside inline code spans (a backtick run closed by a run of the
/// same length); an unmatched run is literal.
fn code_mask(chars: &[(char, usize)]) -> Vec<bool> {
    let mut mask = vec![false; chars.len()];
    let run_at = |i: usize| chars[i..].iter().take_while(|(c, _)| *c == '`').count();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].0 != '`' {
            i += 1;
            continue;
        }
        let len = run_at(i);
        let mut j = i + len;
        let mut close = None;
        while j < chars.len() {
            if chars[j].0 == '`' {
                let other = run_at(j);
                if other == len {
                    close = Some(j + other);
                    break;
                }
                j += other;
            } else {
                j += 1;
            }
        }
        match close {
            Some(end) => {
                mask[i..end].iter_mut().for_each(|m| *m = true);
                i = end;
            }
            None => i += len,
        }
    }
    mask
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '*' | '_' | '\u{201D}' | '\u{2019}'
    )
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '*' | '_' | '\u{201C}' | '\u{2018}'
    )
}

/// Splits one unit at sentence boundaries, trimming spaces around each sentence.
fn split_unit(chars: &[(char, usize)]) -> Vec<Sentence> {
    let mask = code_mask(chars);
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        match boundary_after(chars, &mask, i) {
            Some(end) => {
                push_sentence(&mut out, &chars[start..end]);
                start = end;
                i = end;
            }
            None => i += 1,
        }
    }
    push_sentence(&mut out, &chars[start..]);
    out
}

/// If a sentence ends at the terminator at `i`, the index just past it (and any closing
/// quotes or brackets).
fn boundary_after(chars: &[(char, usize)], mask: &[bool], i: usize) -> Option<usize> {
    let c = chars[i].0;
    let cjk = matches!(c, '\u{3002}' | '\u{FF01}' | '\u{FF1F}');
    if mask[i] || !(cjk || matches!(c, '.' | '!' | '?')) {
        return None;
    }
    let mut end = i + 1;
    while end < chars.len() && matches!(chars[end].0, '.' | '!' | '?') {
        end += 1;
    }
    while end < chars.len() && is_closer(chars[end].0) && !mask[end] {
        end += 1;
    }
    if cjk || end == chars.len() {
        return Some(end);
    }
    if chars[end].0 != ' ' || (c == '.' && end == i + 1 && is_abbreviation(chars, i)) {
        return None;
    }
    starts_sentence(&chars[end + 1..]).then_some(end)
}

/// Whether text after a candidate boundary looks like a sentence start: a capital letter
/// or inline code, possibly behind opening quotes, brackets or emphasis.
fn starts_sentence(rest: &[(char, usize)]) -> bool {
    rest.iter()
        .map(|(c, _)| *c)
        .find(|c| !is_opener(*c))
        .is_some_and(|c| c.is_uppercase() || c == '`')
}

/// Whether the period at `i` closes an abbreviation or a single-letter initial.
fn is_abbreviation(chars: &[(char, usize)], i: usize) -> bool {
    let from = chars[..i]
        .iter()
        .rposition(|(c, _)| *c == ' ' || is_opener(*c))
        .map_or(0, |p| p + 1);
    let original = &chars[from..i];
    let initial = original.len() == 1 && original[0].0.is_uppercase();
    let word: String = original
        .iter()
        .flat_map(|(c, _)| c.to_lowercase())
        .collect();
    initial || ABBREVIATIONS.binary_search(&word.as_str()).is_ok()
}

fn push_sentence(out: &mut Vec<Sentence>, chars: &[(char, usize)]) {
    let Some(first) = chars.iter().position(|(c, _)| *c != ' ') else {
        return;
    };
    let Some(last) = chars.iter().rposition(|(c, _)| *c != ' ') else {
        return;
    };
    let kept = &chars[first..=last];
    let (last_char, last_offset) = kept[kept.len() - 1];
    out.push(Sentence {
        text: kept.iter().map(|(c, _)| *c).collect(),
        start: kept[0].1,
        end: last_offset + last_char.len_utf8(),
    });
}

/// Whether a sentence of `source` is prose rather than a heading (ATX or setext) or a
/// table row. `sentence` must come from `sentences(source)`.
pub fn is_prose(source: &str, sentence: &Sentence) -> bool {
    let Some(line) = line_containing(source, sentence.start) else {
        return false;
    };
    let (_, content) = strip_quote_markers(line, 0);
    if content.starts_with('|') || heading_marker(content).is_some() {
        return false;
    }
    !followed_by_setext_underline(source, sentence.end)
}

/// The whole line containing byte `offset`, without its terminator.
fn line_containing(source: &str, offset: usize) -> Option<&str> {
    if offset > source.len() || !source.is_char_boundary(offset) {
        return None;
    }
    let begin = source[..offset].rfind('\n').map_or(0, |p| p + 1);
    let stop = source[offset..]
        .find('\n')
        .map_or(source.len(), |p| offset + p);
    Some(source[begin..stop].trim_end_matches('\r'))
}

/// Whether the line after the one holding byte `end - 1` is a setext underline (`===` or
/// `---`), which makes the paragraph above it a heading.
fn followed_by_setext_underline(source: &str, end: usize) -> bool {
    let Some(rest) = source.get(end..) else {
        return false;
    };
    let Some(newline) = rest.find('\n') else {
        return false;
    };
    let next = rest[newline + 1..].split('\n').next().unwrap_or_default();
    let (_, content) = strip_quote_markers(next, 0);
    !content.is_empty() && (content.chars().all(|c| c == '=') || content.chars().all(|c| c == '-'))
}

/// Letters counted as vowels when grouping syllables, including common accented ones.
fn is_vowel(c: char) -> bool {
    "aeiouyàáâãäåæèéêëìíîïòóôõöøœùúûüÿāēīōū".contains(c)
}

/// Ideographs and syllabic scripts, where one character is one syllable.
fn is_syllabic_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Heuristic syllable count: vowel groups, less a silent final `e` and silent `-es`/`-ed`,
/// at least one for any word with a letter or digit. Ideographic and syllabic characters
/// count one each; other non-Latin scripts count one per three letters. 0 for no word.
pub fn syllables(word: &str) -> usize {
    let lower: String = word.chars().flat_map(char::to_lowercase).collect();
    let letters: Vec<char> = lower.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.is_empty() {
        return usize::from(lower.chars().any(char::is_alphanumeric));
    }
    let syllabic = letters.iter().filter(|c| is_syllabic_script(**c)).count();
    if syllabic > 0 {
        return syllabic;
    }
    if letters.iter().all(|c| (*c as u32) > 0x24F) {
        return letters.len().div_ceil(3);
    }
    latin_syllables(&letters)
}

fn latin_syllables(letters: &[char]) -> usize {
    if letters.len() <= 3 {
        return 1;
    }
    let mut groups = 0usize;
    let mut previous_vowel = false;
    for (i, c) in letters.iter().enumerate() {
        // A leading "y" is a consonant ("yes"), elsewhere a vowel ("rhythm").
        let vowel = is_vowel(*c) && !(i == 0 && *c == 'y');
        if vowel && !previous_vowel {
            groups += 1;
        }
        previous_vowel = vowel;
    }
    let silent = usize::from(silent_ending(letters));
    groups.saturating_sub(silent).max(1)
}

/// A final "e", "es" or "ed" that adds no syllable: "make", "makes", "jumped" — but not
/// "table", "boxes" or "wanted".
fn silent_ending(letters: &[char]) -> bool {
    let n = letters.len();
    let before = |k: usize| letters.get(n.wrapping_sub(k)).copied().unwrap_or(' ');
    match (before(2), before(1)) {
        ('l', 'e') => is_vowel(before(3)),
        (_, 'e') => !is_vowel(before(2)),
        ('e', 'd') => !matches!(before(3), 't' | 'd') && !is_vowel(before(3)),
        ('e', 's') => {
            !matches!(before(3), 's' | 'x' | 'z' | 'c' | 'g' | 'h') && !is_vowel(before(3))
        }
        _ => false,
    }
}

/// Flesch–Kincaid grade level over the prose sentences of `text` (headings, table rows and
/// code are ignored), floored at 0.0; 0.0 when there is no prose.
pub fn readability_grade(text: &str) -> f64 {
    let mut sentence_count = 0usize;
    let mut word_total = 0usize;
    let mut syllable_total = 0usize;
    for sentence in sentences(text).iter().filter(|s| is_prose(text, s)) {
        let ws = words(&sentence.text);
        if ws.is_empty() {
            continue;
        }
        sentence_count += 1;
        word_total += ws.len();
        syllable_total += ws.iter().map(|w| syllables(w)).sum::<usize>();
    }
    if word_total == 0 {
        return 0.0;
    }
    let words_per_sentence = word_total as f64 / sentence_count as f64;
    let syllables_per_word = syllable_total as f64 / word_total as f64;
    (0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59).max(0.0)
}

/// Words in a Markdown document outside code: whitespace-separated tokens holding at least
/// one letter or digit, on lines that are not fenced or indented code.
pub fn word_count(markdown: &str) -> usize {
    let mut scanner = LineScanner::new();
    let mut offset = 0;
    let mut total = 0;
    for raw in markdown.split_inclusive('\n') {
        let line = raw.trim_end_matches(['\n', '\r']);
        if let Line::Text { content, .. } = scanner.classify(line, offset) {
            total += content
                .split_whitespace()
                .filter(|t| t.chars().any(char::is_alphanumeric))
                .count();
        }
        offset += raw.len();
    }
    total
}

/// Removes footnote references (`[^1]`, `[^note]`) — source footnotes mean nothing once a
/// sentence is quoted elsewhere — and the space before each.
pub fn strip_footnote_refs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end) in footnote_spans(text) {
        out.push_str(text[last..start].trim_end_matches(' '));
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

/// The footnote references of `text` (`[^1]`), in order, each once.
pub fn footnote_refs(text: &str) -> Vec<&str> {
    let mut refs: Vec<&str> = Vec::new();
    for (start, end) in footnote_spans(text) {
        if !refs.contains(&&text[start..end]) {
            refs.push(&text[start..end]);
        }
    }
    refs
}

/// Byte ranges of `[^label]` references (a label without whitespace).
fn footnote_spans(text: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(at) = text[from..].find("[^").map(|a| from + a) {
        let close = text[at..].find(']').map(|c| at + c);
        match close.filter(|&c| c > at + 2 && !text[at + 2..c].contains(char::is_whitespace)) {
            Some(c) => {
                spans.push((at, c + 1));
                from = c + 1;
            }
            None => from = at + 2,
        }
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_of_prose_tells_translations_in_one_script_apart() {
        let english = "If you use a type alias, you can refer to each enum variant via its \
                       alias. This might be useful if the enum's name is too long or too generic, \
                       and you want to rename it.";
        let spanish = "Si usa un alias de tipo, puedes consultar cada variante de enum a través \
                       de su alias. Esto podría ser útil si el nombre del enum es demasiado largo \
                       o demasiado genérico, y lo quieres renombrar.";
        assert_eq!(language(english), Some(whatlang::Lang::Eng));
        assert_eq!(language(spanish), Some(whatlang::Lang::Spa));
        // Code is not prose, and a caption is too short to tell.
        let code = format!(
            "See also:\n\n```rust\n{}\n```",
            "let x = vec![1, 2, 3];\n".repeat(40)
        );
        assert_eq!(language(&code), None);
    }

    #[test]
    fn scripts_tell_translations_apart() {
        assert_eq!(script("ownership and borrowing"), Some(Script::Latin));
        assert_eq!(
            script("스코프 규칙은 소유권에서 중요한 역할을 합니다"),
            Some(Script::Hangul)
        );
        assert_eq!(script("所有权和借用是 Rust 的核心概念"), Some(Script::Han));
        assert_eq!(script("Владение"), Some(Script::Cyrillic));
        assert_eq!(script("123 !?"), None);
    }

    fn texts(input: &str) -> Vec<String> {
        sentences(input).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn stopwords_are_sorted_unique_and_lowercase() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOPWORDS.iter().all(|w| w.to_lowercase() == *w));
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOPWORDS.len() >= 140);
    }

    #[test]
    fn stopword_lookup() {
        assert!(is_stopword("the"));
        assert!(is_stopword("don't"));
        assert!(!is_stopword("rust"));
        assert!(!is_stopword(""));
        assert!(!is_stopword("The"), "lookup expects lowercase");
    }

    #[test]
    fn words_lowercase_unicode_and_apostrophes() {
        assert_eq!(
            words("Don't PANIC, it's fine."),
            ["don't", "panic", "it's", "fine"]
        );
        assert_eq!(words("don’t"), ["don't"]);
        assert_eq!(words("'quoted' rock'n'roll'"), ["quoted", "rock'n'roll"]);
        assert_eq!(
            words("Crème brûlée über Straße"),
            ["crème", "brûlée", "über", "straße"]
        );
        assert_eq!(words("日本語 テキスト"), ["日本語", "テキスト"]);
        assert_eq!(
            words("snake_case foo-bar v1.2"),
            ["snake", "case", "foo", "bar", "v1", "2"]
        );
        assert!(words("").is_empty());
        assert!(words("  ... !!! '' ").is_empty());
    }

    #[test]
    fn content_words_drop_function_words_numbers_and_short() {
        assert_eq!(
            content_words("The Rust compiler's borrow checker is in 2024 a x friend."),
            ["rust", "compiler", "borrow", "checker", "friend"]
        );
        assert_eq!(content_words("HTTP2 and 42 and ٣"), ["http2"]);
        assert!(content_words("").is_empty());
        assert!(content_words("the and of it's").is_empty());
        assert_eq!(content_words("we'll see you’re right"), ["see", "right"]);
    }

    #[test]
    fn splits_on_terminators_before_capitals() {
        assert_eq!(
            texts("It works. Does it? Yes! Really."),
            ["It works.", "Does it?", "Yes!", "Really."]
        );
        assert_eq!(
            texts("lowercase. after period stays."),
            ["lowercase. after period stays."]
        );
        assert_eq!(texts("Ends without period"), ["Ends without period"]);
    }

    #[test]
    fn abbreviations_versions_files_urls_do_not_split() {
        let input = "Use a tool, e.g. Cargo to build. Version 1.2 is out. Edit config.toml first. \
                     See https://example.com/a.b?x=1 for details. Mr. Smith vs. Jones etc. Done.";
        assert_eq!(
            texts(input),
            [
                "Use a tool, e.g. Cargo to build.",
                "Version 1.2 is out.",
                "Edit config.toml first.",
                "See https://example.com/a.b?x=1 for details.",
                "Mr. Smith vs. Jones etc. Done.",
            ]
        );
        assert_eq!(
            texts("Written by J. R. Tolkien. Great."),
            ["Written by J. R. Tolkien.", "Great."]
        );
    }

    #[test]
    fn inline_code_is_protected() {
        assert_eq!(
            texts("Call `foo. Bar()` now. Then ``a `b. C` d`` ends. Next."),
            [
                "Call `foo. Bar()` now.",
                "Then ``a `b. C` d`` ends.",
                "Next."
            ]
        );
        // An unmatched backtick is literal and does not swallow the rest.
        assert_eq!(texts("A ` tick. Next one."), ["A ` tick.", "Next one."]);
        // A sentence may start with inline code.
        assert_eq!(
            texts("Install it. `cargo` builds."),
            ["Install it.", "`cargo` builds."]
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_the_sentence() {
        assert_eq!(
            texts("He said \"stop.\" Then left. (It rained.) **Bold end.** Next."),
            [
                "He said \"stop.\"",
                "Then left.",
                "(It rained.)",
                "**Bold end.**",
                "Next."
            ]
        );
    }

    #[test]
    fn cjk_full_stops_split() {
        assert_eq!(
            texts("これは文です。次の文です。"),
            ["これは文です。", "次の文です。"]
        );
    }

    #[test]
    fn markdown_structure() {
        let input = "# Title #\n\nIntro line one\ncontinues here. Second sentence.\n\n\
                     - item one\n- [x] task done\n  continued item\n1. first\n2) second\n\n\
                     > quoted text\n> more quote\n\n| a | b |\n|---|---|\n| c | d |\n\n---\n\
                     [ref]: https://example.com\n[^1]: A footnote.\n";
        assert_eq!(
            texts(input),
            [
                "Title",
                "Intro line one continues here.",
                "Second sentence.",
                "item one",
                "task done continued item",
                "first",
                "second",
                "quoted text more quote",
                "| a | b |",
                "| c | d |",
                "A footnote.",
            ]
        );
    }

    #[test]
    fn code_fences_are_skipped() {
        let input = "Before code.\n```rust\nfn main() { println!(\"Hi. There.\"); }\n```\n\
                     After code.\n~~~~\nstill ```code```\n~~~\nstill code\n~~~~\nEnd.";
        assert_eq!(texts(input), ["Before code.", "After code.", "End."]);
        assert_eq!(texts("Text.\n```\nunclosed. Code."), ["Text."]);
    }

    #[test]
    fn indented_code_is_skipped_but_list_continuation_is_not() {
        let input =
            "Para.\n\n    let x = 1;\n    let y = 2;\n\nAfter.\n\n- item\n\n    continued para\n";
        assert_eq!(texts(input), ["Para.", "After.", "item", "continued para"]);
    }

    #[test]
    fn offsets_point_into_the_source() {
        let input = "# Héading\n\nFirst  sentence é. Second\n  wrapped one.\n- ünïcode item";
        for s in sentences(input) {
            let slice = &input[s.start..s.end];
            let collapsed = slice.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapsed, s.text, "slice {slice:?}");
        }
        let all = sentences(input);
        assert_eq!(all[2].text, "Second wrapped one.");
    }

    #[test]
    fn crlf_and_whitespace_collapse() {
        assert_eq!(
            texts("One\r\ntwo.\r\n\r\nThree\t\t four."),
            ["One two.", "Three four."]
        );
        assert!(sentences("").is_empty());
        assert!(sentences(" \n\n\t\n").is_empty());
    }

    #[test]
    fn huge_input_is_handled() {
        let input = "Alpha beta gamma. ".repeat(20_000);
        let all = sentences(&input);
        assert_eq!(all.len(), 20_000);
        assert_eq!(word_count(&input), 60_000);
        let one_line = "word ".repeat(100_000);
        assert_eq!(sentences(&one_line).len(), 1);
    }

    #[test]
    fn prose_detection() {
        let input = "# Heading\n\nSetext heading\n===\n\nBody text here.\n\n| a | b |\n\n> ## Quoted heading\n";
        let all = sentences(input);
        let prose: Vec<bool> = all.iter().map(|s| is_prose(input, s)).collect();
        assert_eq!(prose, [false, false, true, false, false]);
        let bogus = Sentence {
            text: String::new(),
            start: 999,
            end: 1000,
        };
        assert!(!is_prose(input, &bogus));
    }

    #[test]
    fn syllable_heuristic() {
        let cases = [
            ("the", 1),
            ("make", 1),
            ("makes", 1),
            ("table", 2),
            ("jumped", 1),
            ("wanted", 2),
            ("boxes", 2),
            ("readability", 5),
            ("beautiful", 3),
            ("yes", 1),
            ("rhythm", 1),
            ("Crème", 1),
            ("2024", 1),
            ("日本語", 3),
            ("привет", 2),
            ("", 0),
            ("---", 0),
        ];
        for (word, expected) in cases {
            assert_eq!(syllables(word), expected, "{word}");
        }
    }

    #[test]
    fn readability_grade_levels() {
        assert_eq!(readability_grade(""), 0.0);
        assert_eq!(readability_grade("```\ncode only\n```"), 0.0);
        assert_eq!(readability_grade("# Heading only"), 0.0);
        let simple = readability_grade("The cat sat. The dog ran. We had fun.");
        let hard = readability_grade(
            "Comprehensive organizational restructuring necessitates extraordinarily \
             sophisticated communication methodologies throughout international institutions.",
        );
        assert!(simple < 2.0, "{simple}");
        assert!(hard > 15.0, "{hard}");
        assert_eq!(
            simple,
            readability_grade("The cat sat. The dog ran. We had fun.")
        );
    }

    #[test]
    fn word_count_skips_code() {
        let input = "# Title here\n\nSome words, here!\n\n```\nignored code words\n```\n- a - b\n";
        assert_eq!(word_count(input), 7);
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("日本語 テキスト"), 2);
    }

    #[test]
    fn footnote_refs_are_removed() {
        assert_eq!(
            strip_footnote_refs("Fast[^1] and safe [^note]."),
            "Fast and safe."
        );
        assert_eq!(
            strip_footnote_refs("Keep [^ spaced] and [^] and [^open"),
            "Keep [^ spaced] and [^] and [^open"
        );
        assert_eq!(strip_footnote_refs(""), "");
        assert_eq!(strip_footnote_refs("[x](y) é[^2]é"), "[x](y) éé");
    }
}
