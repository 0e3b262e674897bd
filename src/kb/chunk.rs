//! Owns cutting a parsed document into search-sized chunks that follow its structure.
//!
//! A heading moves the heading path (a stack by level) and normally closes the current chunk;
//! blocks accumulate until the size target; a code block stays whole unless it exceeds the
//! maximum (then it is cut between lines); an oversized paragraph is cut between sentences, then
//! words, then characters. Consecutive chunks of one section share a little trailing text, so a
//! passage cut at a boundary is still findable whole. The heading path is kept beside the text,
//! not in it, because the store indexes it separately.
//!
//! Small subsections are the exception: generated reference pages (rustdoc, API docs) give
//! every method, and every "Examples" or "Panics" under it, a heading of its own with a few
//! lines below, which would make most chunks a sentence long: many rows to store and to rank,
//! each repeating a long heading path. A section at least `MERGE_DEPTH` levels deep therefore
//! joins the chunk before it while the two fit the target and share all but the last level of
//! that depth; the chunk keeps the headings they share as its path and carries the others in its
//! text, where they were in the document, as `### ` heading lines. Only a chunk that is itself such a section's, from its
//! heading on, is joined: a subsection never joins the chunk of a main section, nor one that
//! continues its section after a code block or an overlap, where the lifted heading would read
//! as a line of that section's text under the wrong path. Sections of the first levels (a
//! document's title and its main sections) always start a chunk of their own.
//!
//! Every chunk holds one kind of content (`ChunkKind`: prose, list, code or table), so that
//! composition can quote a list as a list and a code block as code; its text is Markdown: list
//! items are `- ` lines, or `1. ` lines numbered as in the source when the list is ordered, an
//! inner list's four spaces a level in; table rows are `| a | b |` lines under a separator, and
//! a code block is one chunk of its own, fenced with its language. Only prose chunks overlap: a repeated list item
//! or code line would read as a duplicate.
//!
//! A chunk's `start..end` covers the source ranges of the blocks it draws from; a piece of a
//! split block is cited precisely when the block's text is a verbatim slice of its range (see
//! `kb::parse`), otherwise by the whole block's range.

use std::borrow::Cow;
use std::ops::Range;

use super::parse::{Block, BlockKind, ParsedDoc};

/// The shallowest heading path (title, section, subsection) whose section may join the chunk
/// before it; see the module doc.
const MERGE_DEPTH: usize = 3;
/// How a heading carried in a chunk's text is marked: a Markdown heading line, so that a
/// reader of the text (composition, a prompt) tells it from a line of prose.
pub const LIFTED_HEADING: &str = "### ";

/// Sizes in bytes of UTF-8 text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChunkOptions {
    /// Blocks accumulate until adding the next would pass this.
    pub target_bytes: usize,
    /// Trailing text of a chunk repeated at the start of the next one in the same section.
    pub overlap_bytes: usize,
    /// No chunk is longer; larger blocks are split.
    pub max_bytes: usize,
}

impl Default for ChunkOptions {
    fn default() -> Self {
        ChunkOptions {
            target_bytes: 1200,
            overlap_bytes: 150,
            max_bytes: 4000,
        }
    }
}

impl ChunkOptions {
    /// Makes any options workable: a target of at least one byte, a maximum no smaller than the
    /// target, and an overlap of at most half the target so chunks always advance.
    fn sanitized(&self) -> ChunkOptions {
        let target_bytes = self.target_bytes.max(1);
        ChunkOptions {
            target_bytes,
            overlap_bytes: self.overlap_bytes.min(target_bytes / 2),
            max_bytes: self.max_bytes.max(target_bytes),
        }
    }
}

/// What a chunk holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChunkKind {
    Prose,
    List,
    Code,
    Table,
}

impl ChunkKind {
    /// The name stored with the chunk and shown by `docs show`.
    pub fn name(&self) -> &'static str {
        match self {
            ChunkKind::Prose => "prose",
            ChunkKind::List => "list",
            ChunkKind::Code => "code",
            ChunkKind::Table => "table",
        }
    }

    fn of(joint: Joint) -> ChunkKind {
        match joint {
            Joint::ListItem(..) => ChunkKind::List,
            Joint::TableRow => ChunkKind::Table,
            Joint::Code => ChunkKind::Code,
            Joint::Block => ChunkKind::Prose,
        }
    }
}

/// One piece of a document as stored and searched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub heading_path: Vec<String>,
    pub kind: ChunkKind,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Where a chunk stored under `chunk_path` holds the opening of section `section` lifted (see
/// [`LIFTED_HEADING`]): the start of that section's heading line, and the rest of the chunk
/// after it (deeper headings lifted with it included). Only the chunk's last run of lifted
/// headings can open a section whose own chunks follow; an earlier line of the same name is
/// another section's (every method of a reference page has its "Examples"). None when the
/// chunk does not end on that section's opening.
pub fn lifted_section(
    text: &str,
    chunk_path: &[String],
    section: &[String],
) -> Option<(usize, std::ops::Range<usize>)> {
    let below = section.strip_prefix(chunk_path)?;
    if below.is_empty() {
        return None;
    }
    // The last run of lifted heading lines (blank lines between them), each as (start of its
    // line, end of its line, heading).
    let mut run: Vec<(usize, usize, &str)> = Vec::new();
    let mut in_run = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let begins = at;
        at += line.len();
        let trimmed = line.trim_end();
        if let Some(heading) = trimmed.strip_prefix(LIFTED_HEADING) {
            if !in_run {
                run.clear();
                in_run = true;
            }
            run.push((begins, at, heading));
        } else if !trimmed.is_empty() {
            in_run = false;
        }
    }
    let names = run.get(..below.len())?;
    if !names.iter().zip(below).all(|((_, _, h), want)| h == want) {
        return None;
    }
    let (start, end, _) = names[below.len() - 1];
    Some((start, end..text.len()))
}

/// Cuts `doc` into chunks. Deterministic: the same document and options give the same chunks.
pub fn chunk(doc: &ParsedDoc, opts: &ChunkOptions) -> Vec<Chunk> {
    let opts = opts.sanitized();
    let mut builder = Builder {
        opts: &opts,
        path: Vec::new(),
        chunks: Vec::new(),
        current: None,
        new_section: false,
        section_begun: false,
    };
    for block in &doc.blocks {
        match block.kind {
            BlockKind::Heading { level } => builder.heading(level, &block.text),
            _ => {
                for piece in pieces(block, &opts) {
                    builder.add(piece);
                }
            }
        }
    }
    builder.finish_section();
    builder.chunks
}

/// How a piece joins the text before it (list items and table rows stay on adjacent lines) and
/// where an overlap taken from it may start (code at a line, anything else at a word).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Joint {
    /// An item, how many lists deep it is and its number in an ordered list.
    ListItem(u8, Option<u32>),
    TableRow,
    Code,
    Block,
}

impl Joint {
    fn of(kind: &BlockKind) -> Joint {
        match kind {
            BlockKind::ListItem { depth, number } => Joint::ListItem(*depth, *number),
            BlockKind::Table => Joint::TableRow,
            BlockKind::Code { .. } => Joint::Code,
            _ => Joint::Block,
        }
    }

    fn separator(previous: Joint, next: Joint) -> &'static str {
        let items = matches!((previous, next), (Joint::ListItem(..), Joint::ListItem(..)));
        if items || (previous == next && next == Joint::TableRow) {
            "\n"
        } else {
            "\n\n"
        }
    }
}

/// A block, or a part of an oversized one, with the source range it cites.
struct Piece<'a> {
    /// Markdown: a list item with its marker, a table row with its pipes, code fenced.
    text: Cow<'a, str>,
    joint: Joint,
    start: usize,
    end: usize,
}

/// The block as one piece, or split into pieces of at most the target when it passes the max.
fn pieces<'a>(block: &'a Block, opts: &ChunkOptions) -> Vec<Piece<'a>> {
    let joint = Joint::of(&block.kind);
    let language = match &block.kind {
        BlockKind::Code { language } => language.as_deref(),
        _ => None,
    };
    let markup = Markup::of(joint, language, &block.text);
    let ranges = if block.text.len() + markup.overhead() <= opts.max_bytes {
        trimmed(&block.text, 0..block.text.len(), joint == Joint::Code)
            .into_iter()
            .collect()
    } else {
        let limit = opts.target_bytes.saturating_sub(markup.overhead()).max(1);
        split_text(&block.text, joint == Joint::Code, limit)
    };
    let verbatim = block.text.len() == block.end.saturating_sub(block.start);
    ranges
        .into_iter()
        .map(|range| {
            let (start, end) = if verbatim {
                (block.start + range.start, block.start + range.end)
            } else {
                (block.start, block.end)
            };
            Piece {
                text: markup.render(&block.text[range]),
                joint,
                start,
                end,
            }
        })
        .collect()
}

/// How a block's text is written as Markdown in a chunk.
enum Markup<'a> {
    Plain,
    /// An item, indented by its depth, `- ` or its number as its marker.
    ListItem(u8, Option<u32>),
    TableRow,
    /// A fence long enough not to be closed by a backtick run in the code, and the language.
    Code {
        fence: String,
        language: &'a str,
    },
}

/// Spaces an item of a list inside another is indented by a level: past the content of an
/// item numbered up to 99 (`99. `), so that CommonMark nests it under an ordered item too.
const LIST_INDENT: usize = 4;

/// An item's marker: its number in an ordered list, a dash in any other.
fn list_marker(number: Option<u32>) -> Cow<'static, str> {
    number.map_or(Cow::Borrowed("- "), |n| Cow::Owned(format!("{n}. ")))
}

/// Languages are one word; a longer info string is not a language worth keeping.
const MAX_LANGUAGE_LEN: usize = 32;

impl<'a> Markup<'a> {
    fn of(joint: Joint, language: Option<&'a str>, text: &str) -> Markup<'a> {
        match joint {
            Joint::Block => Markup::Plain,
            Joint::ListItem(depth, number) => Markup::ListItem(depth, number),
            Joint::TableRow => Markup::TableRow,
            Joint::Code => {
                let longest_run = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
                let language = language
                    .filter(|l| {
                        l.len() <= MAX_LANGUAGE_LEN
                            && l.chars()
                                .all(|c| c.is_ascii_alphanumeric() || "+-_.#".contains(c))
                    })
                    .unwrap_or("");
                Markup::Code {
                    fence: "`".repeat(longest_run.max(2) + 1),
                    language,
                }
            }
        }
    }

    /// Bytes the markup adds to a piece (for list items and rows, before continuation lines).
    fn overhead(&self) -> usize {
        match self {
            Markup::Plain => 0,
            Markup::ListItem(depth, number) => {
                LIST_INDENT * usize::from(*depth) + list_marker(*number).len()
            }
            Markup::TableRow => 4,
            Markup::Code { fence, language } => 2 * fence.len() + language.len() + 2,
        }
    }

    fn render<'t>(&self, text: &'t str) -> Cow<'t, str> {
        match self {
            Markup::Plain => Cow::Borrowed(text),
            // Continuation lines are indented so they stay inside the item.
            Markup::ListItem(depth, number) => {
                let indent = " ".repeat(LIST_INDENT * usize::from(*depth));
                let marker = list_marker(*number);
                let inside = " ".repeat(marker.len());
                let lines = text.replace('\n', &format!("\n{indent}{inside}"));
                Cow::Owned(format!("{indent}{marker}{lines}"))
            }
            Markup::TableRow => Cow::Owned(format!("| {} |", text.replace('\n', " "))),
            Markup::Code { fence, language } => {
                Cow::Owned(format!("{fence}{language}\n{text}\n{fence}"))
            }
        }
    }
}

/// Splits `text` into trimmed ranges of at most `limit` bytes: code between lines, prose between
/// sentences; anything still too long between words, then between characters.
fn split_text(text: &str, is_code: bool, limit: usize) -> Vec<Range<usize>> {
    let first = if is_code {
        line_units(text)
    } else {
        sentence_units(text)
    };
    let mut units = Vec::new();
    for unit in first {
        if unit.len() <= limit {
            units.push(unit);
            continue;
        }
        for word in word_units(text, unit) {
            if word.len() <= limit {
                units.push(word);
            } else {
                units.extend(char_units(text, word, limit));
            }
        }
    }
    pack(text, units, limit, is_code)
}

/// Lines, each with its line break.
fn line_units(text: &str) -> Vec<Range<usize>> {
    let mut units = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        units.push(start..start + line.len());
        start += line.len();
    }
    units
}

/// Sentences, each with its trailing whitespace. A sentence ends after `.`, `!` or `?` followed
/// by whitespace, after a CJK full stop, or at a line break.
fn sentence_units(text: &str) -> Vec<Range<usize>> {
    let mut units = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ends = match c {
            '.' | '!' | '?' => next.is_some_and(char::is_whitespace),
            '。' | '！' | '？' | '\n' => true,
            _ => false,
        };
        if ends {
            let mut end = i + c.len_utf8();
            while let Some(&(j, w)) = chars.peek().filter(|(_, w)| w.is_whitespace()) {
                end = j + w.len_utf8();
                chars.next();
            }
            units.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        units.push(start..text.len());
    }
    units
}

/// The words of `range`, each with its trailing whitespace.
fn word_units(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let mut units = Vec::new();
    let mut start = range.start;
    let mut in_space = false;
    for (i, c) in text[range.clone()].char_indices() {
        let at = range.start + i;
        if c.is_whitespace() {
            in_space = true;
        } else if in_space {
            units.push(start..at);
            start = at;
            in_space = false;
        }
    }
    units.push(start..range.end);
    units
}

/// `range` cut into parts of at most `limit` bytes, always at char boundaries.
fn char_units(text: &str, range: Range<usize>, limit: usize) -> Vec<Range<usize>> {
    let mut units = Vec::new();
    let mut start = range.start;
    while start < range.end {
        let mut end = (start + limit).min(range.end);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if end == start {
            // A limit smaller than one character: take the whole character.
            end = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        units.push(start..end);
        start = end;
    }
    units
}

/// Merges consecutive units while they fit in `limit`, then trims whitespace off each part.
fn pack(text: &str, units: Vec<Range<usize>>, limit: usize, is_code: bool) -> Vec<Range<usize>> {
    let mut parts: Vec<Range<usize>> = Vec::new();
    for unit in units {
        match parts.last_mut() {
            Some(last) if unit.end - last.start <= limit => last.end = unit.end,
            _ => parts.push(unit),
        }
    }
    parts
        .into_iter()
        .filter_map(|part| trimmed(text, part, is_code))
        .collect()
}

/// `range` without surrounding whitespace (for code, only blank lines before it, so the first
/// line keeps its indentation), or `None` when nothing else is left.
fn trimmed(text: &str, range: Range<usize>, is_code: bool) -> Option<Range<usize>> {
    let slice = &text[range.clone()];
    let leading = if is_code {
        let first_line = slice.len() - slice.trim_start().len();
        slice[..first_line].rfind('\n').map_or(0, |at| at + 1)
    } else {
        slice.len() - slice.trim_start().len()
    };
    let start = range.start + leading;
    let end = range.start + slice.trim_end().len();
    (start < end).then_some(start..end)
}

/// The chunk being filled.
struct Current {
    /// The heading path it is stored under: the headings shared by the sections it holds.
    path: Vec<(u8, String)>,
    text: String,
    start: usize,
    end: usize,
    /// False while it holds only the overlap carried from the previous chunk.
    has_new: bool,
    /// Whether it begins where its section does, right below the heading: only then can that
    /// heading be lifted into its text and still stand where it stood in the document.
    opens_section: bool,
    joint: Joint,
    /// Where the last piece begins in `text` and in the source, for the next overlap.
    last_offset: usize,
    last_start: usize,
    last_end: usize,
}

struct Builder<'o> {
    opts: &'o ChunkOptions,
    /// The document's headings open at this point.
    path: Vec<(u8, String)>,
    chunks: Vec<Chunk>,
    current: Option<Current>,
    /// A heading came after the current chunk's last piece: the next piece starts a section.
    new_section: bool,
    /// The open section has text in a chunk already, so a chunk starting now continues it.
    section_begun: bool,
}

impl Builder<'_> {
    /// Ends the section and moves the heading path: deeper or equal levels are closed. Whether
    /// the chunk ends too is decided when the section's first piece arrives.
    fn heading(&mut self, level: u8, text: &str) {
        // A chunk holding only the overlap of the previous one has nothing of its own.
        if self.current.as_ref().is_some_and(|c| !c.has_new) {
            self.current = None;
        }
        self.new_section = true;
        self.section_begun = false;
        while self.path.last().is_some_and(|(open, _)| *open >= level) {
            self.path.pop();
        }
        self.path.push((level, text.to_string()));
    }

    /// At the first piece of a section: the section joins the current chunk when it is deep
    /// enough, shares all but the last of those levels, and the whole fits the target (see the
    /// module doc); otherwise the chunk is finished.
    fn enter_section(&mut self, piece: &Piece<'_>) {
        self.new_section = false;
        let Some(current) = &mut self.current else {
            return;
        };
        let shared = current
            .path
            .iter()
            .zip(&self.path)
            .take_while(|(a, b)| a == b)
            .count();
        // Every heading that leaves the path goes into the text, each followed by a blank line.
        let lifted = |path: &[(u8, String)]| -> usize {
            path[shared..]
                .iter()
                .map(|(_, h)| LIFTED_HEADING.len() + h.len() + 2)
                .sum()
        };
        let grown =
            lifted(&current.path) + current.text.len() + lifted(&self.path) + 2 + piece.text.len();
        // Headings lifted into the text belong in prose, never inside a list, table or code.
        // The chunk must be a deep section's own, from its heading on: a subsection joining a
        // main section's chunk, or a chunk that continues its section after a code block or an
        // overlap, would read as the parent's text, with the heading as a line of it.
        if self.path.len() < MERGE_DEPTH
            || current.path.len() < MERGE_DEPTH
            || !current.opens_section
            || shared < MERGE_DEPTH - 1
            || grown > self.opts.target_bytes
            || current.joint != Joint::Block
            || piece.joint != Joint::Block
        {
            self.finish_section();
            return;
        }
        // The chunk's own headings below the shared ones open its text and the new section's
        // come before its first piece, where they stand in the document.
        if current.path.len() > shared {
            let mut text = String::with_capacity(grown);
            for (_, heading) in current.path.drain(shared..) {
                text.push_str(LIFTED_HEADING);
                text.push_str(&heading);
                text.push_str("\n\n");
            }
            current.last_offset += text.len();
            text.push_str(&current.text);
            current.text = text;
        }
        for (_, heading) in &self.path[shared..] {
            current.text.push_str("\n\n");
            current.text.push_str(LIFTED_HEADING);
            current.text.push_str(heading);
        }
        current.joint = Joint::Block;
    }

    fn add(&mut self, piece: Piece<'_>) {
        if self.new_section {
            self.enter_section(&piece);
        }
        // A chunk holds one kind (a list's items at any depth), and a code block is a chunk
        // of its own.
        if let Some(current) = &self.current
            && (ChunkKind::of(current.joint) != ChunkKind::of(piece.joint)
                || piece.joint == Joint::Code)
        {
            self.finish_section();
        }
        if let Some(current) = &self.current {
            let separator = Joint::separator(current.joint, piece.joint);
            let grown = current.text.len() + separator.len() + piece.text.len();
            if current.has_new && grown > self.opts.target_bytes {
                self.emit_with_overlap();
            }
        }
        if let Some(current) = &self.current {
            let separator = Joint::separator(current.joint, piece.joint);
            let grown = current.text.len() + separator.len() + piece.text.len();
            if !current.has_new && grown > self.opts.max_bytes {
                // The overlap would push this piece over the maximum; it starts fresh instead.
                self.current = None;
            }
        }
        self.append(piece);
        self.section_begun = true;
    }

    fn append(&mut self, piece: Piece<'_>) {
        match &mut self.current {
            Some(current) => {
                current
                    .text
                    .push_str(Joint::separator(current.joint, piece.joint));
                current.last_offset = current.text.len();
                current.text.push_str(&piece.text);
                current.start = current.start.min(piece.start);
                current.end = current.end.max(piece.end);
                current.has_new = true;
                current.joint = piece.joint;
                current.last_start = piece.start;
                current.last_end = piece.end;
            }
            None => {
                self.current = Some(Current {
                    path: self.path.clone(),
                    text: piece.text.to_string(),
                    start: piece.start,
                    end: piece.end,
                    has_new: true,
                    opens_section: !self.section_begun,
                    joint: piece.joint,
                    last_offset: 0,
                    last_start: piece.start,
                    last_end: piece.end,
                });
            }
        }
    }

    /// Emits the current chunk and starts the next with the tail of its last piece.
    fn emit_with_overlap(&mut self) {
        let Some(current) = self.current.take() else {
            return;
        };
        if current.joint != Joint::Block {
            return self.push_chunk(current);
        }
        let overlap = overlap_tail(
            &current.text[current.last_offset..],
            self.opts.overlap_bytes,
            current.joint == Joint::Code,
        );
        if !overlap.is_empty() {
            self.current = Some(Current {
                path: self.path.clone(),
                text: overlap.to_string(),
                start: current.last_start,
                end: current.last_end,
                has_new: false,
                opens_section: false,
                joint: current.joint,
                last_offset: 0,
                last_start: current.last_start,
                last_end: current.last_end,
            });
        }
        self.push_chunk(current);
    }

    /// Emits what is pending without overlap: the next chunk belongs to another section.
    fn finish_section(&mut self) {
        if let Some(current) = self.current.take().filter(|c| c.has_new) {
            self.push_chunk(current);
        }
    }

    fn push_chunk(&mut self, current: Current) {
        let kind = ChunkKind::of(current.joint);
        let text = if kind == ChunkKind::Table {
            with_header_rule(current.text)
        } else {
            current.text
        };
        self.chunks.push(Chunk {
            heading_path: current.path.into_iter().map(|(_, text)| text).collect(),
            kind,
            text,
            start: current.start,
            end: current.end,
        });
    }
}

/// Table rows with a Markdown header rule after the first, as wide as that row.
fn with_header_rule(rows: String) -> String {
    let (first, rest) = rows.split_once('\n').unwrap_or((&rows, ""));
    let columns = first.matches(" | ").count() + 1;
    let rule = vec!["---"; columns].join(" | ");
    let mut out = format!("{first}\n| {rule} |");
    if !rest.is_empty() {
        out.push('\n');
        out.push_str(rest);
    }
    out
}

/// The last `about` bytes of `text`, starting at a word boundary (a line boundary for code, so
/// the overlap does not begin mid-statement); all of it when it is short, nothing when there is
/// no boundary to start at.
fn overlap_tail(text: &str, about: usize, is_code: bool) -> &str {
    if about == 0 {
        return "";
    }
    if text.len() <= about {
        return text;
    }
    let mut cut = text.len() - about;
    while !text.is_char_boundary(cut) {
        cut += 1;
    }
    let is_boundary = |c: char| {
        if is_code {
            c == '\n'
        } else {
            c.is_whitespace()
        }
    };
    // Starting mid-word would make a fragment; the overlap begins at the next boundary.
    if !text[..cut].ends_with(is_boundary) {
        match text[cut..].find(is_boundary) {
            Some(at) => cut += at,
            None => return "",
        }
    }
    if is_code {
        // Keep the first line's indentation.
        text[cut..].trim_start_matches(['\n', '\r']).trim_end()
    } else {
        text[cut..].trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lifted_opening_is_the_chunks_last_run_of_headings_and_only_that() {
        let path = |p: &[&str]| p.iter().map(|h| (*h).to_owned()).collect::<Vec<String>>();
        let imp = path(&["Vec", "impl Vec"]);
        // Every method has its "Examples": an earlier one is another method's.
        let text = "### fn new\n\nConstructs.\n\n### Examples\n\nThe new vector is empty.\n\n\
                    ### fn push\n\nAppends a";
        assert_eq!(
            lifted_section(text, &imp, &path(&["Vec", "impl Vec", "Examples"])),
            None
        );
        let (start, body) =
            lifted_section(text, &imp, &path(&["Vec", "impl Vec", "fn push"])).unwrap();
        assert_eq!(
            (&text[start..start + 14], &text[body]),
            ("### fn push\n\nA", "\nAppends a")
        );
        // A heading with no text of its own is lifted with the one below it.
        let text = "### X\n\nX text.\n\n### C\n\n### D\n\nDee opening.";
        let (_, body) = lifted_section(text, &imp, &path(&["Vec", "impl Vec", "C"])).unwrap();
        assert_eq!(&text[body], "\n### D\n\nDee opening.");
        // A section not below the chunk's own is never in it.
        assert_eq!(lifted_section(text, &imp, &path(&["Other", "C"])), None);
    }

    fn block(kind: BlockKind, text: &str, start: usize) -> Block {
        Block {
            kind,
            text: text.to_string(),
            start,
            end: start + text.len(),
        }
    }

    fn para(text: &str) -> Block {
        block(BlockKind::Paragraph, text, 0)
    }

    fn heading(level: u8, text: &str) -> Block {
        block(BlockKind::Heading { level }, text, 0)
    }

    fn doc(blocks: Vec<Block>) -> ParsedDoc {
        ParsedDoc {
            blocks,
            ..ParsedDoc::default()
        }
    }

    fn opts(target: usize, overlap: usize, max: usize) -> ChunkOptions {
        ChunkOptions {
            target_bytes: target,
            overlap_bytes: overlap,
            max_bytes: max,
        }
    }

    #[test]
    fn defaults() {
        assert_eq!(ChunkOptions::default(), opts(1200, 150, 4000));
    }

    #[test]
    fn headings_start_chunks_and_form_a_path() {
        let d = doc(vec![
            para("preamble"),
            heading(1, "Guide"),
            para("intro"),
            heading(2, "Install"),
            para("run it"),
            heading(3, "Linux"),
            para("apt"),
            heading(2, "Use"),
            para("call it"),
            heading(1, "Other"),
            heading(2, "Empty section has no chunk"),
            heading(2, "Next"),
            para("x"),
        ]);
        let chunks = chunk(&d, &ChunkOptions::default());
        assert_eq!(
            paths_and_texts(&chunks),
            vec![
                (vec![], "preamble"),
                (vec!["Guide"], "intro"),
                // A third-level section never joins its parent's chunk, however small: its
                // heading would read as a line of the parent's text.
                (vec!["Guide", "Install"], "run it"),
                (vec!["Guide", "Install", "Linux"], "apt"),
                (vec!["Guide", "Use"], "call it"),
                (vec!["Other", "Next"], "x"),
            ]
        );
    }

    fn paths_and_texts(chunks: &[Chunk]) -> Vec<(Vec<&str>, &str)> {
        chunks
            .iter()
            .map(|c| {
                (
                    c.heading_path.iter().map(String::as_str).collect(),
                    c.text.as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn small_deep_sections_share_a_chunk_under_their_common_headings() {
        let d = doc(vec![
            heading(1, "Struct Vec"),
            heading(2, "Implementations"),
            heading(3, "impl Vec"),
            heading(4, "fn new"),
            para("Constructs."),
            heading(5, "Examples"),
            para("let v = Vec::new();"),
            heading(4, "fn push"),
            para("Appends."),
            heading(2, "Trait Implementations"),
            heading(3, "impl Clone"),
            para("Clones."),
        ]);
        let chunks = chunk(&d, &ChunkOptions::default());
        assert_eq!(
            paths_and_texts(&chunks),
            vec![
                (
                    vec!["Struct Vec", "Implementations", "impl Vec"],
                    "### fn new\n\nConstructs.\n\n### Examples\n\nlet v = Vec::new();\n\n### fn push\n\nAppends."
                ),
                // A second-level section never joins: it starts its own chunk.
                (
                    vec!["Struct Vec", "Trait Implementations", "impl Clone"],
                    "Clones."
                ),
            ]
        );
        // Sections join only while the chunk stays within the target.
        let chunks = chunk(&d, &opts(50, 0, 100));
        assert_eq!(
            paths_and_texts(&chunks)[..2],
            [
                (
                    vec!["Struct Vec", "Implementations", "impl Vec", "fn new"],
                    "Constructs.\n\n### Examples\n\nlet v = Vec::new();"
                ),
                (
                    vec!["Struct Vec", "Implementations", "impl Vec", "fn push"],
                    "Appends."
                ),
            ]
        );
        assert!(chunks.iter().all(|c| c.text.len() <= 50));
    }

    #[test]
    fn subsections_never_join_a_main_section_or_a_section_continued_after_code() {
        let d = doc(vec![
            heading(1, "5. The import system"),
            heading(2, "5.2. Packages"),
            para("All modules have a name."),
            heading(3, "5.2.1. Regular packages"),
            para("Python defines two types of packages."),
            block(BlockKind::Code { language: None }, "parent/\n    one/", 0),
            para("Importing parent.one will run it."),
            heading(3, "5.2.2. Namespace packages"),
            para("A namespace package is a composite."),
        ]);
        let chunks = chunk(&d, &ChunkOptions::default());
        let import = "5. The import system";
        assert_eq!(
            paths_and_texts(&chunks),
            vec![
                (vec![import, "5.2. Packages"], "All modules have a name."),
                (
                    vec![import, "5.2. Packages", "5.2.1. Regular packages"],
                    "Python defines two types of packages."
                ),
                (
                    vec![import, "5.2. Packages", "5.2.1. Regular packages"],
                    "```\nparent/\n    one/\n```"
                ),
                (
                    vec![import, "5.2. Packages", "5.2.1. Regular packages"],
                    "Importing parent.one will run it."
                ),
                (
                    vec![import, "5.2. Packages", "5.2.2. Namespace packages"],
                    "A namespace package is a composite."
                ),
            ]
        );
    }

    #[test]
    fn small_blocks_accumulate_to_the_target() {
        let blocks: Vec<Block> = (0..10)
            .map(|i| {
                block(
                    BlockKind::Paragraph,
                    &format!("para{i} {}", "w ".repeat(20)),
                    i * 100,
                )
            })
            .collect();
        let chunks = chunk(&doc(blocks), &opts(200, 0, 400));
        assert!(chunks.len() > 1 && chunks.len() < 10);
        for c in &chunks {
            assert!(c.text.len() <= 200, "{}", c.text.len());
        }
        assert_eq!(chunks[0].start, 0);
        assert!(chunks.last().unwrap().end >= 900);
        let items = vec![
            block(
                BlockKind::ListItem {
                    depth: 0,
                    number: None,
                },
                "one",
                0,
            ),
            block(
                BlockKind::ListItem {
                    depth: 1,
                    number: None,
                },
                "inner\nmore",
                3,
            ),
            block(
                BlockKind::ListItem {
                    depth: 0,
                    number: None,
                },
                "two",
                5,
            ),
            block(BlockKind::Table, "a | b", 10),
            block(BlockKind::Table, "1 | 2", 16),
        ];
        let chunks = chunk(&doc(items), &ChunkOptions::default());
        let kinds_and_texts: Vec<(&str, &str)> = chunks
            .iter()
            .map(|c| (c.kind.name(), c.text.as_str()))
            .collect();
        assert_eq!(
            kinds_and_texts,
            [
                ("list", "- one\n    - inner\n      more\n- two"),
                ("table", "| a | b |\n| --- | --- |\n| 1 | 2 |")
            ]
        );
        // Numbered items keep their numbers; an inner list sits past the widest number.
        let steps = vec![
            block(
                BlockKind::ListItem {
                    depth: 0,
                    number: Some(9),
                },
                "nine\nmore",
                0,
            ),
            block(
                BlockKind::ListItem {
                    depth: 1,
                    number: None,
                },
                "detail",
                5,
            ),
            block(
                BlockKind::ListItem {
                    depth: 0,
                    number: Some(10),
                },
                "ten",
                9,
            ),
        ];
        let chunks = chunk(&doc(steps), &ChunkOptions::default());
        assert_eq!(chunks[0].text, "9. nine\n   more\n    - detail\n10. ten");
    }

    #[test]
    fn code_stays_whole_up_to_max_then_splits_on_lines() {
        let code_kind = BlockKind::Code {
            language: Some("rust".into()),
        };
        let medium: String = (0..30).map(|i| format!("let x{i} = {i};\n")).collect();
        let chunks = chunk(
            &doc(vec![para("before"), block(code_kind.clone(), &medium, 0)]),
            &opts(100, 20, 1000),
        );
        // The code is a chunk of its own, whole and fenced with its language.
        assert_eq!(chunks.len(), 2);
        assert_eq!(
            (chunks[0].kind.name(), chunks[0].text.as_str()),
            ("prose", "before")
        );
        assert_eq!(chunks[1].kind, ChunkKind::Code);
        assert_eq!(
            chunks[1].text,
            format!("```rust\n{}\n```", medium.trim_end())
        );
        assert!(chunks.iter().all(|c| c.text.len() <= 1000));

        let big: String = (0..300).map(|i| format!("let y{i} = {i};\n")).collect();
        let chunks = chunk(&doc(vec![block(code_kind, &big, 50)]), &opts(300, 0, 1000));
        assert!(chunks.len() > 1);
        for c in &chunks {
            assert!(c.text.len() <= 1000);
            let code = c
                .text
                .strip_prefix("```rust\n")
                .and_then(|t| t.strip_suffix("\n```"))
                .unwrap_or_else(|| panic!("fenced: {:?}", c.text));
            assert!(code.starts_with("let y") && code.ends_with(';'), "{code:?}");
            assert_eq!(&big[c.start - 50..c.end - 50], code, "verbatim ranges");
        }
    }

    #[test]
    fn long_paragraph_splits_on_sentences() {
        let sentence = "This is a sentence that says something. ";
        let text = sentence.repeat(200);
        let chunks = chunk(&doc(vec![para(text.trim())]), &opts(300, 50, 1000));
        assert!(chunks.len() > 5);
        for c in &chunks {
            assert!(c.text.len() <= 1000);
        }
        // After the overlap, each chunk continues with whole sentences.
        assert!(chunks[0].text.ends_with("something."));
    }

    #[test]
    fn multibyte_text_without_spaces_splits_at_char_boundaries() {
        let text = "日本語のテキスト".repeat(500) + &"é".repeat(3000);
        let chunks = chunk(&doc(vec![para(&text)]), &opts(301, 40, 1001));
        assert!(chunks.len() > 10);
        for c in &chunks {
            assert!(!c.text.is_empty() && c.text.len() <= 1001);
        }
        let sentences = "これは文です。".repeat(400);
        for c in chunk(&doc(vec![para(&sentences)]), &opts(300, 0, 600)) {
            assert!(c.text.ends_with('。'), "{:?}", c.text);
        }
    }

    #[test]
    fn consecutive_chunks_overlap_at_word_boundaries() {
        let words: Vec<String> = (0..400).map(|i| format!("word{i}")).collect();
        let text = words.join(" ");
        let chunks = chunk(&doc(vec![para(&text)]), &opts(200, 50, 400));
        assert!(chunks.len() > 3);
        for pair in chunks.windows(2) {
            let first_word = pair[1].text.split_whitespace().next().unwrap();
            assert!(
                pair[0].text.split_whitespace().any(|w| w == first_word),
                "{first_word} is a whole word from the previous chunk"
            );
            assert!(pair[1].text.len() <= 400);
        }
        let no_overlap = chunk(&doc(vec![para(&text)]), &opts(200, 0, 400));
        let rejoined: Vec<&str> = no_overlap.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(rejoined.join(" "), text);
    }

    #[test]
    fn split_code_keeps_its_indentation_and_does_not_overlap() {
        let code_kind = BlockKind::Code { language: None };
        let big: String = (0..200)
            .map(|i| format!("    let value{i} = {i};\n"))
            .collect();
        let chunks = chunk(&doc(vec![block(code_kind, &big, 0)]), &opts(300, 60, 600));
        assert!(chunks.len() > 2);
        let mut rejoined = String::new();
        for c in &chunks {
            let code = c
                .text
                .strip_prefix("```\n")
                .unwrap()
                .strip_suffix("\n```")
                .unwrap();
            assert!(code.starts_with("    let value"), "{:?}", c.text);
            rejoined.push_str(code);
            rejoined.push('\n');
        }
        assert_eq!(rejoined, big, "no line repeated, none lost");
    }

    #[test]
    fn fences_outlast_backticks_in_the_code_and_odd_languages_are_dropped() {
        let code = block(
            BlockKind::Code {
                language: Some("x\ny".into()),
            },
            "```md\n# inner\n```",
            0,
        );
        let chunks = chunk(&doc(vec![code]), &ChunkOptions::default());
        assert_eq!(chunks[0].text, "````\n```md\n# inner\n```\n````");
    }

    #[test]
    fn kinds_never_mix_and_deep_sections_do_not_merge_into_code() {
        let d = doc(vec![
            heading(1, "T"),
            heading(2, "S"),
            heading(3, "A"),
            para("Intro."),
            block(
                BlockKind::Code {
                    language: Some("sh".into()),
                },
                "ls",
                0,
            ),
            heading(3, "B"),
            block(
                BlockKind::ListItem {
                    depth: 0,
                    number: None,
                },
                "item\nmore",
                0,
            ),
            para("After."),
        ]);
        let chunks = chunk(&d, &ChunkOptions::default());
        let got: Vec<(&str, &str)> = chunks
            .iter()
            .map(|c| (c.kind.name(), c.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("prose", "Intro."),
                ("code", "```sh\nls\n```"),
                ("list", "- item\n  more"),
                ("prose", "After.")
            ]
        );
    }

    #[test]
    fn no_overlap_across_sections() {
        let long = "alpha beta gamma delta. ".repeat(20);
        let d = doc(vec![
            heading(1, "A"),
            para(&long),
            heading(1, "B"),
            para("fresh"),
        ]);
        let chunks = chunk(&d, &opts(100, 30, 200));
        assert_eq!(chunks.last().unwrap().text, "fresh");
    }

    #[test]
    fn hostile_options_and_inputs() {
        let d = doc(vec![
            para("abc déf ghi"),
            para("  "),
            block(BlockKind::Quote, "", 0),
        ]);
        for o in [
            opts(0, 0, 0),
            opts(1, 100, 0),
            opts(3, 3, 2),
            opts(usize::MAX / 4, 0, 0),
        ] {
            let chunks = chunk(&d, &o);
            assert!(!chunks.is_empty());
            assert!(chunks.iter().all(|c| !c.text.trim().is_empty()));
        }
        assert!(chunk(&doc(vec![]), &ChunkOptions::default()).is_empty());
        assert!(chunk(&doc(vec![heading(1, "only")]), &ChunkOptions::default()).is_empty());
    }

    #[test]
    fn deterministic() {
        let text = "Some words here. More words there! ".repeat(300);
        let d = doc(vec![heading(1, "H"), para(&text), para("tail")]);
        assert_eq!(
            chunk(&d, &ChunkOptions::default()),
            chunk(&d, &ChunkOptions::default())
        );
    }

    #[test]
    fn non_verbatim_blocks_cite_the_whole_block() {
        let mut b = para(&"word ".repeat(2000));
        b.start = 10;
        b.end = 20;
        for c in chunk(&doc(vec![b]), &ChunkOptions::default()) {
            assert_eq!((c.start, c.end), (10, 20));
        }
    }
}
