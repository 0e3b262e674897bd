//! Checks a model's answer against the numbered sources it was given before any of it is kept.
//! Sentence by sentence (list item by list item, code block by code block): its commands,
//! paths, options and numbers must be found in the sources it cites, and most of its content
//! words too; a sentence that cites nothing is checked against each source shown and cites the
//! one that holds it. Repeated sentences, talk about the task and echoed prompt labels go; an
//! answer cut by `max_tokens` loses its unfinished tail. What is left, and why the rest went,
//! is the verdict a caller keeps or sets aside.

use std::collections::{BTreeMap, HashSet};
use std::mem::discriminant;

use super::blocks::{Block, Kind, list_entry, list_item};
use super::compose::stem;
use crate::text::{content_words, sentences, word_count, words};

/// The share of a sentence's content words that may be missing from its sources. Measured
/// with a 135M model: near-copies of a source left 7–16 % unsupported, invented text 37–80 %.
const MAX_UNSUPPORTED_SHARE: f64 = 0.25;
/// The share of an answer's words in unsupported sentences past which the whole part is set
/// aside: a model that invents most of a part is not trusted with the rest of it.
const MAX_UNSUPPORTED_PART: f64 = 0.5;
/// The longest line that reads as an echoed title when it has no sentence end.
const MAX_TITLE_WORDS: usize = 8;
/// Repeated sentences past which a part is set aside (one is removed quietly).
const MAX_REPEATS: usize = 1;

/// How a sentence starts when it talks about the task instead of the topic.
const META_STARTS: &[&str] = &[
    "here is",
    "here's",
    "here are",
    "sure",
    "certainly",
    "okay",
    "of course",
    "as an ai",
    "i hope",
    "i will",
    "i'll",
    "i have",
    "i've",
    "let me",
    "in this section",
    "this section",
    "in this article",
    "this article will",
    "in this introduction",
    "this introduction",
    "in this conclusion",
    "this conclusion",
    "the conclusion",
    "the introduction",
    "in conclusion, this article",
];

/// What a sentence says when it talks about the prompt.
const META_PHRASES: &[&str] = &[
    "the sources provided",
    "the provided sources",
    "the given sources",
    "based on the sources",
    "according to the sources",
    "from the sources",
    "in the sources",
    "the numbered sources",
    "summarizes the main points",
    "summarises the main points",
    "word count",
    "these instructions",
    "as requested",
    "the task",
];

/// Labels a model copies from the prompt or adds around its answer.
const LABELS: &[&str] = &[
    "sources",
    "source",
    "passage",
    "introduction",
    "conclusion",
    "section",
    "answer",
    "summary",
];

/// What was kept of an answer and why the rest went.
#[derive(Debug, Default)]
pub struct Checked {
    /// The kept blocks as Markdown, each with the numbers (1-based, as shown) of the sources
    /// it draws on; a code block draws on the source it was found in.
    pub blocks: Vec<(String, Vec<usize>)>,
    /// Sentences, list items and code blocks kept.
    pub kept: usize,
    /// Dropped ones, by reason: `unsupported`, `repeated`, `meta`, `label`, `cut`.
    pub dropped: BTreeMap<String, usize>,
    pub words_in: usize,
    pub words_kept: usize,
    pub words_unsupported: usize,
}

impl Checked {
    fn drop(&mut self, why: &str) {
        *self.dropped.entry(why.to_string()).or_default() += 1;
    }

    pub fn dropped_total(&self) -> usize {
        self.dropped.values().sum()
    }

    /// Whether what is left may stand, or why the part falls back to the offline text.
    pub fn verdict(&self, min_words: usize) -> Result<(), String> {
        let repeats = self.dropped.get("repeated").copied().unwrap_or(0);
        if repeats > MAX_REPEATS {
            return Err(format!(
                "the answer repeats itself ({repeats} repeated sentences)"
            ));
        }
        if self.words_unsupported as f64 > self.words_in as f64 * MAX_UNSUPPORTED_PART {
            return Err(format!(
                "{} of its {} words are not found in the sources it was given",
                self.words_unsupported, self.words_in
            ));
        }
        if self.words_kept < min_words.max(1) {
            return Err(format!(
                "too little was left after the checks ({} words, {} needed)",
                self.words_kept,
                min_words.max(1)
            ));
        }
        Ok(())
    }
}

/// The key two sentences share when they say the same words.
pub fn sentence_key(sentence: &str) -> String {
    words(sentence).join(" ")
}

/// Checks `answer` against `sources` (shown to the model numbered from 1); `cut` says the
/// model ran into `max_tokens`; a sentence whose key is in `said` (the article so far) is a
/// repeat.
pub fn check(answer: &str, sources: &[String], cut: bool, said: &HashSet<String>) -> Checked {
    let mut checked = Checked {
        words_in: word_count(answer),
        ..Checked::default()
    };
    let answer = if cut {
        let (kept, lost) = drop_unfinished_tail(answer);
        if lost {
            checked.drop("cut");
        }
        kept
    } else {
        answer.to_string()
    };
    let answer = drop_labels(&answer, &mut checked);
    let index = SourceIndex::new(sources);
    let mut seen = said.clone();
    for block in answer_blocks(&answer) {
        match &block.kind {
            Kind::Code { .. } => match index.holding_code(&block.text) {
                Some(n) => {
                    checked.kept += 1;
                    checked.blocks.push((block.markdown(), vec![n]));
                }
                None => checked.drop("unsupported"),
            },
            Kind::Table => {
                checked.words_unsupported += word_count(&block.text);
                checked.drop("unsupported");
            }
            Kind::List { .. } => {
                let items: Vec<String> = block.text.lines().map(str::to_string).collect();
                let (kept, cites) = keep_units(&items, &index, &mut seen, &mut checked);
                if !kept.is_empty() {
                    let list = Block {
                        kind: block.kind.clone(),
                        text: kept.join("\n"),
                    };
                    checked.blocks.push((list.markdown(), cites));
                }
            }
            // A short line of its own without a sentence end is a title or heading echoed
            // without its `#`; a model's own subheading is the same echo with it.
            Kind::Heading => checked.drop("label"),
            Kind::Prose if is_title(&block.text) => checked.drop("label"),
            Kind::Prose => {
                let units: Vec<String> =
                    sentences(&block.text).into_iter().map(|s| s.text).collect();
                let (kept, cites) = keep_units(&units, &index, &mut seen, &mut checked);
                if !kept.is_empty() {
                    checked.blocks.push((kept.join(" "), cites));
                }
            }
        }
    }
    drop_dangling_leads(&mut checked);
    checked.words_kept = checked
        .blocks
        .iter()
        .map(|(markdown, _)| word_count(markdown))
        .sum();
    checked
}

/// The blocks of a model's answer. Unlike a stored passage (`blocks::split`), whose fences
/// ingest may have dropped, an answer's code is fenced as asked: a line that merely looks like
/// code outside a fence is prose to check, not code to find verbatim.
fn answer_blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut lines = text.lines();
    // Appends a line to the open block of `kind`, or opens one.
    // A list goes on whatever its items' markers: its first item's say whether it is ordered.
    let push = |out: &mut Vec<Block>, kind: Kind, line: &str, open: bool| match out.last_mut() {
        Some(last) if open && discriminant(&last.kind) == discriminant(&kind) => {
            let sep = if kind == Kind::Prose { " " } else { "\n" };
            last.text.push_str(sep);
            last.text.push_str(line);
        }
        _ => out.push(Block {
            kind,
            text: line.to_string(),
        }),
    };
    let mut open = false;
    while let Some(line) = lines.next() {
        let trimmed = line.trim();
        if let Some(info) = trimmed.strip_prefix("```") {
            let language = info.split_whitespace().next().map(str::to_string);
            let code: Vec<&str> = lines
                .by_ref()
                .take_while(|l| !l.trim().starts_with("```"))
                .collect();
            push(&mut out, Kind::Code { language }, &code.join("\n"), false);
            open = false;
        } else if trimmed.is_empty() {
            open = false;
        } else if let Some((item, ordered)) = list_entry(trimmed) {
            push(&mut out, Kind::List { ordered }, item.trim_end(), open);
            open = true;
        } else if trimmed.starts_with('|') {
            push(&mut out, Kind::Table, trimmed, open);
            open = true;
        } else {
            push(&mut out, Kind::Prose, trimmed, open);
            open = true;
        }
    }
    out
}

/// The sentences (or list items) of one block that pass, without their citation marks, and
/// the sources they draw on.
fn keep_units(
    units: &[String],
    index: &SourceIndex,
    seen: &mut HashSet<String>,
    checked: &mut Checked,
) -> (Vec<String>, Vec<usize>) {
    let mut kept = Vec::new();
    let mut cites = Vec::new();
    for unit in units {
        let (text, cited) = take_citations(unit, index.count());
        let mut text = text.trim().to_string();
        // "Here's the section: Restic keeps..." introduces the content it runs into.
        if let Some((lead, rest)) = text.split_once(": ")
            && is_meta(lead)
        {
            checked.drop("meta");
            text = rest.trim().to_string();
        }
        let key = sentence_key(&text);
        if key.is_empty() {
            continue;
        }
        if is_meta(&text) {
            checked.drop("meta");
            continue;
        }
        if !seen.insert(key) {
            checked.drop("repeated");
            continue;
        }
        match index.support(&text, &cited) {
            Some(from) => {
                checked.kept += 1;
                for n in from {
                    if !cites.contains(&n) {
                        cites.push(n);
                    }
                }
                kept.push(text);
            }
            None => {
                checked.words_unsupported += word_count(&text);
                checked.drop("unsupported");
            }
        }
    }
    cites.sort_unstable();
    (kept, cites)
}

/// A short line without a sentence end (citation marks aside).
fn is_title(text: &str) -> bool {
    let bare = strip_trailing_citations(text);
    !bare.ends_with(['.', '!', '?', ':']) && bare.split_whitespace().count() <= MAX_TITLE_WORDS
}

/// A paragraph's last sentence ending in a colon introduces a list or code block; when none
/// follows (the model dropped it, or the checks did), the sentence dangles and goes.
fn drop_dangling_leads(checked: &mut Checked) {
    let mut k = 0;
    while k < checked.blocks.len() {
        let introduces = checked
            .blocks
            .get(k + 1)
            .is_some_and(|(next, _)| next.starts_with("```") || list_item(next).is_some());
        let (markdown, _) = &mut checked.blocks[k];
        let is_prose = !markdown.starts_with("```") && list_item(markdown).is_none();
        if is_prose && !introduces && markdown.ends_with(':') {
            let mut kept: Vec<String> = sentences(markdown).into_iter().map(|s| s.text).collect();
            kept.pop();
            *markdown = kept.join(" ");
            checked.kept = checked.kept.saturating_sub(1);
            *checked.dropped.entry("dangling".into()).or_default() += 1;
            if markdown.is_empty() {
                checked.blocks.remove(k);
                continue;
            }
        }
        k += 1;
    }
}

/// Whether a sentence talks about the task, the prompt or itself rather than the topic.
pub fn is_meta(sentence: &str) -> bool {
    let lower = sentence.trim().to_lowercase();
    META_STARTS.iter().any(|m| {
        lower
            .strip_prefix(m)
            .is_some_and(|rest| rest.is_empty() || !rest.starts_with(char::is_alphanumeric))
    }) || META_PHRASES.iter().any(|m| lower.contains(m))
}

/// The text without an unfinished last sentence (and without an unclosed code block), and
/// whether anything was dropped.
fn drop_unfinished_tail(text: &str) -> (String, bool) {
    let mut text = text.trim_end().to_string();
    let fences: Vec<usize> = line_starts(&text)
        .filter(|&i| text[i..].trim_start().starts_with("```"))
        .collect();
    let mut lost = false;
    if fences.len() % 2 == 1
        && let Some(&open) = fences.last()
    {
        text.truncate(open);
        lost = true;
    }
    let trimmed = text.trim_end();
    let bare = strip_trailing_citations(trimmed);
    if bare.ends_with(['.', '!', '?']) || bare.ends_with("```") || bare.is_empty() {
        return (trimmed.to_string(), lost);
    }
    // The last sentence end: a terminal followed by whitespace (after any citation marks).
    let chars: Vec<(usize, char)> = trimmed.char_indices().collect();
    let mut end = 0;
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|&(_, n)| n);
        let closes_block = c == '`' && trimmed[..=i].ends_with("```") && next == Some('\n');
        if (matches!(c, '.' | '!' | '?') && next.is_some_and(|n| n.is_whitespace() || n == '['))
            || closes_block
        {
            end = i + c.len_utf8();
            let rest = &trimmed[end..];
            let marks = rest.len() - strip_leading_citations(rest).len();
            end += marks;
        }
    }
    (trimmed[..end].trim_end().to_string(), true)
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1))
}

/// `text` without citation marks at its end (` [1]`, `[1, 2]`).
fn strip_trailing_citations(text: &str) -> &str {
    let mut text = text.trim_end();
    while text.ends_with(']')
        && let Some(open) = text.rfind('[')
        && is_citation(&text[open + 1..text.len() - 1])
    {
        text = text[..open].trim_end();
    }
    text
}

/// `text` without citation marks at its start.
fn strip_leading_citations(text: &str) -> &str {
    let mut rest = text;
    loop {
        let t = rest.trim_start_matches(' ');
        match t
            .strip_prefix('[')
            .and_then(|r| r.find(']').map(|c| (r, c)))
        {
            Some((r, close)) if is_citation(&r[..close]) => rest = &r[close + 1..],
            _ => return rest,
        }
    }
}

/// Whether the inside of brackets is a citation: numbers, optionally after `source`, `^`.
fn is_citation(inside: &str) -> bool {
    let lower = inside.trim().to_lowercase();
    let numbers = lower
        .trim_start_matches('^')
        .trim_start_matches("sources")
        .trim_start_matches("source")
        .trim();
    !numbers.is_empty()
        && numbers
            .split([',', ' '])
            .filter(|n| !n.is_empty())
            .all(|n| n.chars().all(|c| c.is_ascii_digit()))
}

/// The text without its citation marks, and the source numbers they name (in range, once).
fn take_citations(text: &str, sources: usize) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut cited = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            break;
        };
        let inside = &rest[open + 1..close];
        if is_citation(inside) {
            out.push_str(rest[..open].trim_end_matches(' '));
            for n in inside.split(|c: char| !c.is_ascii_digit()) {
                if let Ok(n) = n.parse::<usize>()
                    && (1..=sources).contains(&n)
                    && !cited.contains(&n)
                {
                    cited.push(n);
                }
            }
        } else {
            out.push_str(&rest[..=close]);
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    (out, cited)
}

/// The answer without echoed labels: heading lines go, and a line's leading `Source 2:`,
/// `Introduction:` or `[1]:` is cut off (the line goes when nothing else is on it).
fn drop_labels(text: &str, checked: &mut Checked) -> String {
    let mut out = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") {
            in_code = !in_code;
        }
        if in_code || trimmed.starts_with("```") {
            out.push(line.to_string());
            continue;
        }
        if trimmed.starts_with('#') {
            checked.drop("label");
            continue;
        }
        // A source's heading path ("Backups with restic > Restoring files"), echoed.
        if trimmed.contains(" > ") && !trimmed.ends_with(['.', '!', '?', ':']) {
            checked.drop("label");
            continue;
        }
        let marker_len = trimmed.len() - trimmed.trim_start_matches(['-', '*', ' ']).len();
        let (marker, body) = trimmed.split_at(marker_len);
        match label_end(body) {
            Some(end) => {
                checked.drop("label");
                let rest = body[end..].trim();
                if !rest.is_empty() {
                    out.push(format!("{marker}{rest}"));
                }
            }
            None => out.push(line.to_string()),
        }
    }
    out.join("\n")
}

/// Where a leading label (`Source 2:`, `**Introduction:**`, `[1]:`) ends, if the line has one.
fn label_end(line: &str) -> Option<usize> {
    let colon = line.find(':')?;
    let label = line[..colon].trim().trim_matches('*').trim();
    let lower = label.to_lowercase();
    let word = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    let is_label = LABELS.contains(&word)
        || (label.starts_with('[') && is_citation(label.trim_matches(['[', ']'])));
    is_label.then(|| {
        colon + 1 + line[colon + 1..].len() - line[colon + 1..].trim_start_matches('*').len()
    })
}

/// The sources, ready for look-ups.
struct SourceIndex {
    /// Lowercase text with whitespace collapsed.
    texts: Vec<String>,
    stems: Vec<HashSet<String>>,
}

impl SourceIndex {
    fn new(sources: &[String]) -> SourceIndex {
        SourceIndex {
            texts: sources
                .iter()
                .map(|s| collapse(&s.to_lowercase()))
                .collect(),
            stems: sources
                .iter()
                .map(|s| content_words(s).iter().map(|w| stem(w)).collect())
                .collect(),
        }
    }

    fn count(&self) -> usize {
        self.texts.len()
    }

    /// The first source holding this code (whitespace aside).
    fn holding_code(&self, code: &str) -> Option<usize> {
        let code = collapse(&code.to_lowercase());
        if code.is_empty() {
            return None;
        }
        self.texts
            .iter()
            .position(|t| t.contains(&code))
            .map(|i| i + 1)
    }

    /// The sources that hold `sentence`: the cited ones together, or (citing none) the one
    /// source that holds it best; `None` when it is not grounded.
    fn support(&self, sentence: &str, cited: &[usize]) -> Option<Vec<usize>> {
        if !cited.is_empty() {
            let group: Vec<usize> = cited.iter().map(|n| n - 1).collect();
            return self.holds(sentence, &group).then(|| cited.to_vec());
        }
        (0..self.count())
            .filter_map(|i| self.missing_share(sentence, &[i]).map(|m| (i, m)))
            .filter(|&(i, share)| share <= MAX_UNSUPPORTED_SHARE && self.holds(sentence, &[i]))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| vec![i + 1])
    }

    fn holds(&self, sentence: &str, group: &[usize]) -> bool {
        let technical_found = technical_terms(sentence).iter().all(|term| {
            group
                .iter()
                .any(|&i| self.texts.get(i).is_some_and(|t| t.contains(term.as_str())))
        });
        technical_found
            && self
                .missing_share(sentence, group)
                .is_some_and(|share| share <= MAX_UNSUPPORTED_SHARE)
    }

    /// The share of the sentence's content words missing from the group's sources (0 for a
    /// sentence without any), or `None` when the group names no source.
    fn missing_share(&self, sentence: &str, group: &[usize]) -> Option<f64> {
        let sets: Vec<&HashSet<String>> = group.iter().filter_map(|&i| self.stems.get(i)).collect();
        if sets.is_empty() {
            return None;
        }
        let terms = content_words(sentence);
        if terms.is_empty() {
            return Some(0.0);
        }
        let missing = terms
            .iter()
            .filter(|w| !sets.iter().any(|s| s.contains(&stem(w))))
            .count();
        Some(missing as f64 / terms.len() as f64)
    }
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The terms of a sentence that must appear in its sources as written (lowercase): inline
/// code, paths, options and numbers.
pub fn technical_terms(sentence: &str) -> Vec<String> {
    let mut terms = Vec::new();
    let mut rest = sentence;
    // Inline code first: a span is one term, spaces and all.
    let mut outside = String::new();
    while let Some(open) = rest.find('`') {
        let Some(len) = rest[open + 1..].find('`') else {
            break;
        };
        outside.push_str(&rest[..open]);
        let code = collapse(&rest[open + 1..open + 1 + len].to_lowercase());
        if !code.is_empty() {
            terms.push(code);
        }
        rest = &rest[open + 2 + len..];
    }
    outside.push_str(rest);
    for token in outside.split_whitespace() {
        let token = token
            .trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '\'' | '*'))
            .trim_end_matches(['.', '!', '?']);
        let technical = token.contains('/')
            || (token.starts_with('-') && token.chars().any(char::is_alphabetic))
            || token.chars().any(|c| c.is_ascii_digit());
        if technical && token.chars().count() > 1 {
            terms.push(token.to_lowercase());
        }
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources() -> Vec<String> {
        vec![
            "Restic keeps encrypted snapshots of your files in a repository. Initialise one \
             with the init command:\n\n```sh\nrestic -r /srv/restic-repo init\n```"
                .into(),
            "- Keep 7 daily snapshots with `--keep-daily 7`.\n- Run `restic prune` weekly.".into(),
        ]
    }

    #[test]
    fn a_near_copy_is_kept_and_cites_the_source_that_holds_it() {
        let c = check(
            "Restic keeps your files as encrypted snapshots in a repository. [1]\n\n\
             - Keep 7 daily snapshots with `--keep-daily 7`.\n\n\
             ```sh\nrestic -r /srv/restic-repo init\n```",
            &sources(),
            false,
            &HashSet::new(),
        );
        assert_eq!(c.dropped_total(), 0, "{c:?}");
        assert_eq!(c.blocks[0].1, vec![1]);
        assert_eq!(
            c.blocks[1],
            (
                "- Keep 7 daily snapshots with `--keep-daily 7`.".into(),
                vec![2]
            )
        );
        assert!(c.blocks[2].0.starts_with("```sh\nrestic -r"));
        assert!(c.verdict(5).is_ok());
    }

    #[test]
    fn invented_commands_numbers_and_words_are_dropped() {
        let c = check(
            "Run `restic wipe --all` to start. Keep 30 daily snapshots. Quantum ledgers \
             synchronise blockchain wallets automatically. Restic keeps encrypted snapshots.",
            &sources(),
            false,
            &HashSet::new(),
        );
        assert_eq!(c.kept, 1, "{c:?}");
        assert_eq!(c.dropped["unsupported"], 3);
        assert!(
            c.verdict(1)
                .unwrap_err()
                .contains("not found in the sources")
        );
        // A citation must name a source that holds the sentence.
        let c = check(
            "Run `restic prune` weekly. [1]",
            &sources(),
            false,
            &HashSet::new(),
        );
        assert_eq!(c.dropped["unsupported"], 1);
        let c = check(
            "Run `restic prune` weekly. [2]",
            &sources(),
            false,
            &HashSet::new(),
        );
        assert_eq!(c.kept, 1);
    }

    #[test]
    fn repeats_meta_talk_and_labels_go() {
        let c = check(
            "## Introduction\nSource 2: Run `restic prune` weekly.\nHere's the section: \
             Restic keeps encrypted snapshots. Restic keeps encrypted snapshots. The conclusion \
             summarizes the main points of the sources provided.",
            &sources(),
            false,
            &HashSet::new(),
        );
        assert_eq!(c.dropped["label"], 2, "{c:?}");
        assert_eq!(c.dropped["meta"], 2, "{c:?}");
        assert_eq!(c.dropped["repeated"], 1, "{c:?}");
        assert_eq!(c.kept, 2);
        let again = "Restic keeps encrypted snapshots. ".repeat(4);
        let c = check(&again, &sources(), false, &HashSet::new());
        assert!(c.verdict(1).unwrap_err().contains("repeats itself"));
    }

    #[test]
    fn a_cut_answer_loses_its_unfinished_tail() {
        let c = check(
            "Restic keeps encrypted snapshots. [1] Keep 7 daily snapshots with",
            &sources(),
            true,
            &HashSet::new(),
        );
        assert_eq!(c.dropped["cut"], 1);
        assert_eq!(
            c.blocks,
            vec![("Restic keeps encrypted snapshots.".into(), vec![1])]
        );
        let (text, lost) = drop_unfinished_tail("Init it:\n\n```sh\nrestic init\n");
        // The colon introduced the code that was cut: nothing is left to introduce.
        assert_eq!((text.as_str(), lost), ("", true));
        let (text, lost) = drop_unfinished_tail("Done. [1]");
        assert_eq!((text.as_str(), lost), ("Done. [1]", false));
        let (text, lost) = drop_unfinished_tail("First. [2] Then the,");
        assert_eq!((text.as_str(), lost), ("First. [2]", true));
    }

    #[test]
    fn an_answer_splits_into_fenced_code_lists_and_paragraphs() {
        let blocks = answer_blocks(
            "Run `restic prune` weekly.\nIt frees space.\n\n1. One\n2) Two\n- Three\n\n```sh\nrestic init\n```\nAfter.",
        );
        let kinds: Vec<&Kind> = blocks.iter().map(|b| &b.kind).collect();
        assert_eq!(
            kinds,
            [
                &Kind::Prose,
                &Kind::List { ordered: true },
                &Kind::Code {
                    language: Some("sh".into())
                },
                &Kind::Prose
            ]
        );
        assert_eq!(blocks[0].text, "Run `restic prune` weekly. It frees space.");
        assert_eq!(blocks[1].text, "One\nTwo\nThree");
        assert_eq!(blocks[2].text, "restic init");
    }

    #[test]
    fn echoed_heading_paths_dangling_leads_and_sentences_already_said_go() {
        let said: HashSet<String> = [sentence_key("Run `restic prune` weekly.")].into();
        let c = check(
            "Backups > Init\n\nRestic keeps encrypted snapshots. Initialise one with the init \
             command:\n\nRun `restic prune` weekly.",
            &sources(),
            false,
            &said,
        );
        assert_eq!(c.dropped["label"], 1, "{c:?}");
        assert_eq!(c.dropped["dangling"], 1, "{c:?}");
        assert_eq!(c.dropped["repeated"], 1, "{c:?}");
        assert_eq!(
            c.blocks,
            vec![("Restic keeps encrypted snapshots.".into(), vec![1])]
        );
        let c = check(
            "SSH hardening [1]\n\nRestic keeps encrypted snapshots.",
            &sources(),
            false,
            &said,
        );
        assert_eq!((c.dropped["label"], c.kept), (1, 1), "{c:?}");
    }

    #[test]
    fn citations_are_read_in_their_usual_forms_and_kept_in_range() {
        assert_eq!(
            take_citations("A [1, 2] b [Source 3][^9] c [x].", 3),
            ("A b c [x].".to_string(), vec![1, 2, 3])
        );
        assert_eq!(
            technical_terms("Use `a  b` and --flag, /etc/x or 42."),
            ["a b", "--flag", "/etc/x", "42"]
        );
    }
}
