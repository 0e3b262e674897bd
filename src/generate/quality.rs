//! The quality report: measures a Markdown article against a tone profile and says, check by
//! check, what passes and what a person has to fix. It works on any Markdown file, not only on
//! ours.
//!
//! The original system's quality gate padded text with filler, invented references and forced
//! sections until its own checks passed. This module only reads: it takes `&str`, returns a
//! report, and never produces text for the article. A failing check is the answer, not a cue to
//! rewrite.
//!
//! Everything is measured on the parsed document (pulldown-cmark), so a `#` inside a code block
//! is not a heading and a cliché inside a code sample is not prose.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::generate::tone::{ToneProfile, WordRange};

/// What the report needs besides the text.
pub struct QualityOptions<'a> {
    pub tone: &'a ToneProfile,
    /// The article's target keywords, checked for stuffing. Empty skips the density check.
    pub keywords: &'a [String],
    /// Whether a chunk hash cited in the front matter `sources` exists in the knowledge base.
    pub resolve_chunk: &'a dyn Fn(&str) -> bool,
}

/// One check. `detail`'s first line is a summary; any further lines each name one problem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// Stable snake_case identifier, e.g. `section_words`; scripts may match on it.
    pub name: String,
    pub passed: bool,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityReport {
    /// True when every check passed.
    pub passed: bool,
    pub checks: Vec<Check>,
    /// Prose words: paragraphs, list items and table cells, not code or headings.
    pub words: usize,
    pub headings: usize,
    /// Flesch–Kincaid grade of the prose, rounded to two decimals and floored at 0; 0 when
    /// there is no prose.
    pub readability_grade: f64,
}

/// Problems listed per check before the rest are summarised as "... and N more": a hostile or
/// badly broken file must not produce a report longer than itself.
const MAX_PROBLEMS: usize = 20;
/// Characters of document text quoted in a detail line.
const QUOTE_CHARS: usize = 60;
/// Paragraphs shorter than this may legitimately repeat ("See the example below.").
const MIN_DUPLICATE_WORDS: usize = 8;
const SEO_TITLE_MAX_CHARS: usize = 60;
const DESCRIPTION_MAX_CHARS: usize = 160;
/// Longest sentences quoted when readability fails.
const LONGEST_SENTENCES_SHOWN: usize = 3;

/// Runs every check on `markdown`. The text is only read.
pub fn report(markdown: &str, opts: &QualityOptions) -> QualityReport {
    // A byte-order mark would hide the opening `---` of the front matter.
    let markdown = markdown.strip_prefix('\u{feff}').unwrap_or(markdown);
    let front = FrontMatter::split(markdown);
    let doc = Doc::parse(front.body, front.body_line);
    let prose = ProseStats::measure(&doc);
    let fields = front.fields();

    let checks = vec![
        check_front_matter(&front),
        check_headings(&doc, opts.tone),
        check_section_words(&doc, opts.tone),
        check_citations(&doc, fields, opts.resolve_chunk),
        check_code_fences(&doc),
        check_duplicate_paragraphs(&doc),
        check_readability(&prose, opts.tone),
        check_keyword_density(&doc, &prose, opts),
        check_avoided_phrases(&doc, fields, opts.tone),
    ];
    QualityReport {
        passed: checks.iter().all(|c| c.passed),
        checks,
        words: prose.words,
        headings: doc.headings,
        readability_grade: prose.grade().map_or(0.0, |g| (g * 100.0).round() / 100.0),
    }
}

/// A human summary: a headline, then one line per check marked `PASS` or `FAIL`, with each
/// problem indented below its check.
///
/// The marks are ASCII words rather than ✓/✗ so the output reads the same in a pipe, a log
/// file, a CI console or a terminal without Unicode fonts, and so `grep FAIL` works. Colour, if
/// any, is the caller's business (TTY and `NO_COLOR` are CLI concerns).
pub fn render_text(report: &QualityReport) -> String {
    let passed = report.checks.iter().filter(|c| c.passed).count();
    let mut out = format!(
        "quality: {} ({passed} of {} checks passed; {} words, {} headings, grade {:.1})\n",
        mark(report.passed),
        report.checks.len(),
        report.words,
        report.headings,
        report.readability_grade,
    );
    for check in &report.checks {
        let mut lines = check.detail.lines();
        let summary = lines.next().unwrap_or("");
        out.push_str(&format!(
            "{} {}: {summary}\n",
            mark(check.passed),
            check.name
        ));
        for line in lines {
            out.push_str("  - ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn mark(passed: bool) -> &'static str {
    if passed { "PASS" } else { "FAIL" }
}

// ---------------------------------------------------------------------------------------------
// Front matter

/// The file split into its YAML front matter and the Markdown body.
struct FrontMatter<'a> {
    state: FrontState,
    body: &'a str,
    /// File line number (1-based) of the body's first line, so body positions map back to
    /// lines the user sees in an editor.
    body_line: usize,
}

enum FrontState {
    /// No `---` on the first line. `fenced` notes the common mistake of wrapping the front
    /// matter in a code fence, so the detail can say so.
    Missing {
        fenced: bool,
    },
    /// `---` on the first line and no closing `---`.
    Unclosed,
    Parsed(Value),
    Invalid(String),
}

impl<'a> FrontMatter<'a> {
    fn split(markdown: &'a str) -> Self {
        let mut lines = LineIter::new(markdown);
        let Some((_, first)) = lines.next() else {
            return Self::missing(markdown, false);
        };
        if first.trim_end() != "---" {
            let fenced = first.trim_start().starts_with("```")
                && lines.next().is_some_and(|(_, l)| l.trim_end() == "---");
            return Self::missing(markdown, fenced);
        }
        let yaml_start = lines.offset();
        let mut line_no = 1;
        while let Some((start, line)) = lines.next() {
            line_no += 1;
            let trimmed = line.trim_end();
            if trimmed == "---" || trimmed == "..." {
                let yaml = &markdown[yaml_start..start];
                return Self {
                    state: parse_yaml(yaml),
                    body: &markdown[lines.offset()..],
                    body_line: line_no + 1,
                };
            }
        }
        Self {
            state: FrontState::Unclosed,
            body: markdown,
            body_line: 1,
        }
    }

    fn missing(markdown: &'a str, fenced: bool) -> Self {
        Self {
            state: FrontState::Missing { fenced },
            body: markdown,
            body_line: 1,
        }
    }

    /// The front matter mapping, when there is one.
    fn fields(&self) -> Option<&Map<String, Value>> {
        match &self.state {
            FrontState::Parsed(Value::Object(map)) => Some(map),
            _ => None,
        }
    }
}

fn parse_yaml(yaml: &str) -> FrontState {
    match crate::yaml::from_str::<Value>(yaml, crate::yaml::MAX_FRONT_MATTER_BYTES) {
        Ok(value) => FrontState::Parsed(value),
        Err(e) => FrontState::Invalid(format!(
            "front matter is not valid YAML: {}",
            truncate(&shift_lines(&clean(&e.to_string()), 1), 4 * QUOTE_CHARS)
        )),
    }
}

/// serde_norway counts lines from the start of the YAML, which is file line 2; every "line N"
/// in its message is shifted so it names the line a user sees in an editor.
fn shift_lines(message: &str, by: usize) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find("line ") {
        let (head, tail) = rest.split_at(i + "line ".len());
        out.push_str(head);
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        if let Ok(n) = tail[..digits].parse::<usize>() {
            out.push_str(&n.saturating_add(by).to_string());
            rest = &tail[digits..];
        } else {
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// Lines with the byte offset where each starts; `\r\n` and `\n` both end a line.
struct LineIter<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> LineIter<'a> {
    fn new(text: &'a str) -> Self {
        Self { text, pos: 0 }
    }

    /// Byte offset of the next line.
    fn offset(&self) -> usize {
        self.pos
    }
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.pos..).filter(|r| !r.is_empty())?;
        let start = self.pos;
        let (line, consumed) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += consumed;
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    }
}

fn check_front_matter(front: &FrontMatter) -> Check {
    let problems = match &front.state {
        FrontState::Missing { fenced: true } => vec![
            "the front matter is wrapped in a code fence; remove the fence so the file starts \
             with `---`"
                .to_owned(),
        ],
        FrontState::Missing { fenced: false } => {
            vec!["no front matter: the file must start with a `---` line".to_owned()]
        }
        FrontState::Unclosed => {
            vec!["the front matter opened on line 1 is never closed with `---`".to_owned()]
        }
        FrontState::Invalid(message) => vec![message.clone()],
        FrontState::Parsed(Value::Object(map)) => front_matter_fields(map),
        FrontState::Parsed(Value::Null) => vec!["the front matter is empty".to_owned()],
        FrontState::Parsed(_) => {
            vec!["the front matter must be a mapping of `key: value` lines".to_owned()]
        }
    };
    finish(
        "front_matter",
        problems,
        "title, description, date, slug and tags present".to_owned(),
        ("front matter problem", "front matter problems"),
    )
}

fn front_matter_fields(map: &Map<String, Value>) -> Vec<String> {
    let mut problems = Vec::new();
    for key in ["title", "description", "date", "slug"] {
        if let Err(problem) = required_string(map, key) {
            problems.push(problem);
        }
    }
    if let Ok(date) = required_string(map, "date")
        && !is_iso_date(date)
    {
        problems.push(format!(
            "`date` {} is not a YYYY-MM-DD calendar date",
            quote(date)
        ));
    }
    if let Ok(slug) = required_string(map, "slug")
        && !is_slug(slug)
    {
        problems.push(format!(
            "`slug` {} must be lowercase letters, digits, `-` and `_`, without a leading or \
             trailing `-`",
            quote(slug)
        ));
    }
    match map.get("tags") {
        None => problems.push("`tags` is missing".to_owned()),
        Some(Value::Array(tags)) if tags.is_empty() => {
            problems.push("`tags` is an empty list".to_owned());
        }
        Some(Value::Array(tags)) => {
            for (i, tag) in tags.iter().enumerate() {
                if tag.as_str().is_none_or(|t| t.trim().is_empty()) {
                    problems.push(format!("`tags[{i}]` must be a non-empty string"));
                }
            }
        }
        Some(_) => problems.push("`tags` must be a list, e.g. `tags: [rust, cli]`".to_owned()),
    }
    for (key, max) in [
        ("seo_title", SEO_TITLE_MAX_CHARS),
        ("description", DESCRIPTION_MAX_CHARS),
    ] {
        match map.get(key) {
            Some(Value::String(s)) if s.chars().count() > max => problems.push(format!(
                "`{key}` is {} characters, at most {max} allowed",
                s.chars().count()
            )),
            Some(Value::String(_)) | None => {}
            // `description` already reported as not a string above.
            Some(_) if key == "description" => {}
            Some(_) => problems.push(format!("`{key}` must be a string")),
        }
    }
    problems
}

fn required_string<'m>(map: &'m Map<String, Value>, key: &str) -> Result<&'m str, String> {
    match map.get(key) {
        None => Err(format!("`{key}` is missing")),
        Some(Value::String(s)) if s.trim().is_empty() => Err(format!("`{key}` is empty")),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(format!("`{key}` must be a string")),
    }
}

/// `YYYY-MM-DD` naming a real day (leap years included).
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return false;
    }
    let num = |r: Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// What a slugifier produces: safe in a URL and as a directory name.
fn is_slug(s: &str) -> bool {
    !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

// ---------------------------------------------------------------------------------------------
// The parsed body

/// What a run of text is, which decides the checks it takes part in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    /// A paragraph or list item: counted, graded, checked for duplicates and keywords.
    Prose,
    /// A table cell: counted as words but not graded, since cells are not sentences.
    Cell,
    Heading,
    /// Text inside a footnote definition: references, not article prose.
    Footnote,
}

/// One run of text outside code, with enough bookkeeping to map a position in `text` back to a
/// line in the file.
struct Block {
    kind: BlockKind,
    text: String,
    /// `(position in text, byte offset in the body)` where each piece of text was appended.
    segments: Vec<(usize, usize)>,
    /// Ranges of `text` that came from inline code.
    code: Vec<Range<usize>>,
    /// Body offset where the block starts.
    start: usize,
    /// Index into `Doc::parts`.
    part: usize,
}

impl Block {
    fn source_offset(&self, pos: usize) -> usize {
        let i = self.segments.partition_point(|&(at, _)| at <= pos);
        match i.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some(&(at, src)) => src + (pos - at),
            None => self.start,
        }
    }

    fn words(&self) -> usize {
        words(&self.text).count()
    }

    fn in_code(&self, pos: usize) -> bool {
        self.code.iter().any(|r| r.contains(&pos))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PartKind {
    Introduction,
    Section,
    Conclusion,
    /// The FAQ section itself; its answers are checked one by one instead.
    Faq,
    FaqAnswer,
    /// Reference lists and tables of contents: lists, not prose, so no word targets.
    Exempt,
}

/// A stretch of the article that has a word target.
struct Part {
    kind: PartKind,
    /// The heading as written, e.g. `## Setup`; empty for the introduction.
    heading: String,
    line: usize,
    words: usize,
}

/// A footnote label and the line it appears on.
struct Label {
    label: String,
    line: usize,
}

struct Doc {
    first_line: usize,
    line_starts: Vec<usize>,
    /// Headings of any level and style (ATX or setext), outside code.
    headings: usize,
    blocks: Vec<Block>,
    parts: Vec<Part>,
    /// References, both the ones pulldown resolved and `[^x]` left as text for lack of a
    /// definition.
    footnote_refs: Vec<Label>,
    footnote_defs: Vec<Label>,
    fenced_blocks: usize,
    /// Line and opening fence of each fenced block that is never closed.
    unclosed_fences: Vec<(usize, String)>,
}

/// A block being filled while its events stream past.
struct OpenBlock {
    kind: BlockKind,
    text: String,
    segments: Vec<(usize, usize)>,
    code: Vec<Range<usize>>,
    start: usize,
}

impl Doc {
    fn parse(body: &str, first_line: usize) -> Doc {
        let mut line_starts = vec![0];
        line_starts.extend(body.match_indices('\n').map(|(i, _)| i + 1));
        let mut doc = Doc {
            first_line,
            line_starts,
            headings: 0,
            blocks: Vec::new(),
            parts: vec![Part {
                kind: PartKind::Introduction,
                heading: String::new(),
                line: first_line,
                words: 0,
            }],
            footnote_refs: Vec::new(),
            footnote_defs: Vec::new(),
            fenced_blocks: 0,
            unclosed_fences: Vec::new(),
        };
        doc.walk(body);
        doc.find_unresolved_references();
        for block in &doc.blocks {
            if matches!(block.kind, BlockKind::Prose | BlockKind::Cell) {
                doc.parts[block.part].words += block.words();
            }
        }
        doc
    }

    fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1) - 1 + self.first_line
    }

    fn walk(&mut self, body: &str) {
        let options = Options::ENABLE_FOOTNOTES
            | Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS;
        let mut open: Vec<OpenBlock> = Vec::new();
        // Depths rather than flags: these can nest (an image in a footnote, say).
        let (mut code, mut image, mut footnote) = (0usize, 0usize, 0usize);
        for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
            match event {
                Event::Start(Tag::Paragraph | Tag::Item | Tag::TableCell) => {
                    let kind = match (&event, footnote > 0) {
                        (_, true) => BlockKind::Footnote,
                        (Event::Start(Tag::TableCell), false) => BlockKind::Cell,
                        _ => BlockKind::Prose,
                    };
                    open.push(OpenBlock::new(kind, range.start));
                }
                Event::Start(Tag::Heading { .. }) => {
                    open.push(OpenBlock::new(BlockKind::Heading, range.start));
                }
                Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => {
                    if let Some(block) = open.pop() {
                        self.push_block(block);
                    }
                }
                Event::End(TagEnd::Heading(level)) => {
                    if let Some(block) = open.pop() {
                        let level = heading_level(level);
                        let text = collapse(&block.text);
                        let line = self.line_of(block.start);
                        self.start_part(level, &text, line);
                        self.headings += 1;
                        self.push_block(block);
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    code += 1;
                    if let CodeBlockKind::Fenced(_) = kind {
                        self.fenced_blocks += 1;
                        let src = body.get(range.clone()).unwrap_or("");
                        if !fence_closed(src) {
                            let opener = src.lines().next().unwrap_or("").trim().to_owned();
                            self.unclosed_fences
                                .push((self.line_of(range.start), opener));
                        }
                    }
                }
                Event::End(TagEnd::CodeBlock) => code = code.saturating_sub(1),
                Event::Start(Tag::Image { .. }) => image += 1,
                Event::End(TagEnd::Image) => image = image.saturating_sub(1),
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    footnote += 1;
                    self.footnote_defs.push(Label {
                        label: label.to_lowercase(),
                        line: self.line_of(range.start),
                    });
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    footnote = footnote.saturating_sub(1);
                }
                Event::FootnoteReference(label) => {
                    self.footnote_refs.push(Label {
                        label: label.to_lowercase(),
                        line: self.line_of(range.start),
                    });
                }
                Event::Text(text) if code == 0 && image == 0 => {
                    if let Some(block) = open.last_mut() {
                        block.append(&text, range.start);
                    }
                }
                // Inline code counts as words, since it is part of the sentence around it,
                // but is marked so phrase and footnote scans skip it (`[^a-z]` is a regex).
                Event::Code(text) if image == 0 => {
                    if let Some(block) = open.last_mut() {
                        let at = block.text.len();
                        block.append(&text, range.start);
                        block.code.push(at..block.text.len());
                    }
                }
                Event::SoftBreak | Event::HardBreak => {
                    if let Some(block) = open.last_mut() {
                        block.append(" ", range.start);
                    }
                }
                _ => {}
            }
        }
    }

    /// Opens a new part when a heading starts one. Text before the first H2, an H1 title
    /// included, is the introduction; H3 questions split an FAQ section into answers; other
    /// subsections belong to their H2.
    fn start_part(&mut self, level: usize, text: &str, line: usize) {
        // Only the introduction exists until the first H2 opens a section.
        let seen_h2 = self.parts.len() > 1;
        let in_faq = self
            .parts
            .last()
            .is_some_and(|p| matches!(p.kind, PartKind::Faq | PartKind::FaqAnswer));
        let kind = match level {
            1 if !seen_h2 => return,
            1 | 2 => classify_section(text),
            3 if in_faq => PartKind::FaqAnswer,
            _ => return,
        };
        let heading = format!("{} {text}", "#".repeat(level));
        self.parts.push(Part {
            kind,
            heading,
            line,
            words: 0,
        });
    }

    fn push_block(&mut self, block: OpenBlock) {
        if block.text.trim().is_empty() {
            return;
        }
        self.blocks.push(Block {
            kind: block.kind,
            text: block.text,
            segments: block.segments,
            code: block.code,
            start: block.start,
            part: self.parts.len() - 1,
        });
    }

    /// pulldown-cmark turns `[^x]` without a definition into plain text, so those references
    /// are found by scanning the text it left behind.
    fn find_unresolved_references(&mut self) {
        let mut found = Vec::new();
        for block in &self.blocks {
            let mut from = 0;
            while let Some(i) = block.text.get(from..).and_then(|t| t.find("[^")) {
                let label_start = from + i + 2;
                if block.in_code(from + i) {
                    from = label_start;
                    continue;
                }
                let rest = &block.text[label_start..];
                let end = rest.find(|c: char| c == ']' || c.is_whitespace() || c == '[');
                match end {
                    Some(len) if len > 0 && rest[len..].starts_with(']') => {
                        found.push(Label {
                            label: rest[..len].to_lowercase(),
                            line: self.line_of(block.source_offset(from + i)),
                        });
                        from = label_start + len;
                    }
                    _ => from = label_start,
                }
            }
        }
        self.footnote_refs.extend(found);
        self.footnote_refs.sort_by_key(|r| r.line);
    }
}

impl OpenBlock {
    fn new(kind: BlockKind, start: usize) -> Self {
        Self {
            kind,
            text: String::new(),
            segments: Vec::new(),
            code: Vec::new(),
            start,
        }
    }

    fn append(&mut self, text: &str, source: usize) {
        self.segments.push((self.text.len(), source));
        self.text.push_str(text);
    }
}

fn heading_level(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn classify_section(heading: &str) -> PartKind {
    let lower = heading.to_lowercase();
    let title = lower.trim_matches(|c: char| !c.is_alphanumeric());
    if lower.contains("faq") || lower.contains("frequently asked") {
        PartKind::Faq
    } else if ["conclusion", "summary", "wrapping up"]
        .iter()
        .any(|w| lower.contains(w))
    {
        PartKind::Conclusion
    } else if [
        "references",
        "sources",
        "further reading",
        "bibliography",
        "see also",
        "table of contents",
        "contents",
        "footnotes",
    ]
    .contains(&title)
    {
        PartKind::Exempt
    } else {
        PartKind::Section
    }
}

/// True when the last line of a fenced block's source is a closing fence for its opener.
/// pulldown-cmark ends an unclosed block at the end of the document (or of its list item or
/// block quote) without saying so, so the source has to be looked at.
fn fence_closed(src: &str) -> bool {
    let strip =
        |l: &str| -> String { l.trim_start_matches([' ', '\t', '>']).trim_end().to_owned() };
    let mut lines = src.lines();
    let opener = strip(lines.next().unwrap_or(""));
    let Some(fence) = opener.chars().next().filter(|c| matches!(c, '`' | '~')) else {
        // Not a fence we recognise; do not claim it is broken.
        return true;
    };
    let length = opener.chars().take_while(|&c| c == fence).count();
    match lines.last() {
        Some(last) => {
            let last = strip(last);
            last.len() >= length && last.chars().all(|c| c == fence)
        }
        None => false,
    }
}

/// Words are whitespace-separated tokens with at least one letter or digit, so `—` and `|`
/// are not words and `don't` and `v1.2` are one.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

// ---------------------------------------------------------------------------------------------
// Checks on the body

fn check_headings(doc: &Doc, tone: &ToneProfile) -> Check {
    let count = doc.headings;
    let min = tone.min_headings;
    Check {
        name: "headings".to_owned(),
        passed: count >= min,
        detail: if count >= min {
            format!("{count} headings (at least {min} required)")
        } else {
            format!("{count} headings; at least {min} required")
        },
    }
}

fn check_section_words(doc: &Doc, tone: &ToneProfile) -> Check {
    let targets = &tone.section_words;
    let mut checked = 0;
    let mut problems = Vec::new();
    for part in &doc.parts {
        let (label, range): (String, WordRange) = match part.kind {
            PartKind::Introduction => ("introduction".to_owned(), targets.introduction),
            PartKind::Section => (heading_label(part), targets.section),
            PartKind::Conclusion => (heading_label(part), targets.conclusion),
            PartKind::FaqAnswer => (
                format!("answer to {}", heading_label(part)),
                targets.faq_answer,
            ),
            PartKind::Faq | PartKind::Exempt => continue,
        };
        checked += 1;
        let (min, max) = range;
        if part.words < min || part.words > max {
            problems.push(format!(
                "{label}: {}, target {min}-{max}",
                count(part.words, "word", "words")
            ));
        }
    }
    finish(
        "section_words",
        problems,
        format!("{checked} parts within their word targets"),
        (
            "part outside its word target",
            "parts outside their word targets",
        ),
    )
}

fn heading_label(part: &Part) -> String {
    format!("{} (line {})", quote(&part.heading), part.line)
}

fn check_citations(
    doc: &Doc,
    fields: Option<&Map<String, Value>>,
    resolve_chunk: &dyn Fn(&str) -> bool,
) -> Check {
    let mut problems = Vec::new();
    let defined: HashSet<&str> = doc.footnote_defs.iter().map(|d| d.label.as_str()).collect();
    let used: HashSet<&str> = doc.footnote_refs.iter().map(|r| r.label.as_str()).collect();
    for reference in &doc.footnote_refs {
        if !defined.contains(reference.label.as_str()) {
            problems.push(format!(
                "footnote [^{}] on line {} has no definition",
                clean_short(&reference.label),
                reference.line
            ));
        }
    }
    for definition in &doc.footnote_defs {
        if !used.contains(definition.label.as_str()) {
            problems.push(format!(
                "footnote definition [^{}] on line {} is never referenced",
                clean_short(&definition.label),
                definition.line
            ));
        }
    }

    let sources = fields.and_then(|f| f.get("sources"));
    let (sources, chunk_count) = match sources {
        None => (None, 0),
        Some(value) => {
            let checked = check_sources(value, resolve_chunk, &mut problems);
            let chunks = checked.iter().map(|s| s.chunks).sum();
            (Some(checked), chunks)
        }
    };
    if let Some(sources) = &sources {
        cited_sources(doc, sources, &mut problems);
    }

    let source_count = sources.as_ref().map_or(0, Vec::len);
    let summary =
        if doc.footnote_refs.is_empty() && doc.footnote_defs.is_empty() && source_count == 0 {
            "no citations".to_owned()
        } else {
            format!(
                "{} footnote references, {} definitions; {source_count} sources with {chunk_count} \
             chunks, all resolved",
                doc.footnote_refs.len(),
                doc.footnote_defs.len()
            )
        };
    finish(
        "citations",
        problems,
        summary,
        ("citation problem", "citation problems"),
    )
}

/// A front matter source as far as citations care.
struct CheckedSource {
    id: String,
    chunks: usize,
    /// Every chunk resolved, and there was at least one.
    resolved: bool,
}

/// Validates the front matter `sources` list and resolves every chunk hash once.
fn check_sources(
    value: &Value,
    resolve_chunk: &dyn Fn(&str) -> bool,
    problems: &mut Vec<String>,
) -> Vec<CheckedSource> {
    let Value::Array(items) = value else {
        problems.push("front matter `sources` must be a list".to_owned());
        return Vec::new();
    };
    // The resolver may be a database query; the same chunk cited twice is asked about once.
    let mut cache: HashMap<&str, bool> = HashMap::new();
    let mut seen_ids = HashSet::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let id = match item.get("id") {
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
            _ => {
                problems.push(format!("`sources[{i}]` has no `id`"));
                continue;
            }
        };
        if !seen_ids.insert(id.clone()) {
            problems.push(format!("source id {} appears twice", quote(&id)));
        }
        let Some(Value::Array(chunks)) = item.get("chunks") else {
            problems.push(format!(
                "source {} has no `chunks` list, so it cites nothing in the knowledge base",
                quote(&id)
            ));
            out.push(CheckedSource {
                id,
                chunks: 0,
                resolved: false,
            });
            continue;
        };
        let mut resolved = !chunks.is_empty();
        if chunks.is_empty() {
            problems.push(format!(
                "source {} lists no chunks, so it cites nothing in the knowledge base",
                quote(&id)
            ));
        }
        for chunk in chunks {
            let Some(hash) = chunk.as_str() else {
                problems.push(format!(
                    "source {} has a chunk that is not a hash string",
                    quote(&id)
                ));
                resolved = false;
                continue;
            };
            let ok = *cache.entry(hash).or_insert_with(|| resolve_chunk(hash));
            if !ok {
                problems.push(format!(
                    "source {}: chunk {} is not in the knowledge base",
                    quote(&id),
                    quote_long(hash)
                ));
                resolved = false;
            }
        }
        out.push(CheckedSource {
            id,
            chunks: chunks.len(),
            resolved,
        });
    }
    out
}

/// A numeric footnote cites the source with that id: it must exist and resolve. Named
/// footnotes (`[^note]`) are asides and only need a definition.
fn cited_sources(doc: &Doc, sources: &[CheckedSource], problems: &mut Vec<String>) {
    let by_id: HashMap<&str, &CheckedSource> = sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut lines_by_label: Vec<(&str, Vec<usize>)> = Vec::new();
    for reference in &doc.footnote_refs {
        if !reference.label.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        match lines_by_label
            .iter_mut()
            .find(|(l, _)| *l == reference.label)
        {
            Some((_, lines)) => lines.push(reference.line),
            None => lines_by_label.push((&reference.label, vec![reference.line])),
        }
    }
    for (label, lines) in lines_by_label {
        let where_ = lines_text(&lines);
        // `[^01]` and `id: 1` are the same source.
        let key = label.trim_start_matches('0');
        let source = by_id
            .get(label)
            .or_else(|| by_id.get(if key.is_empty() { "0" } else { key }));
        match source {
            None => problems.push(format!(
                "footnote [^{label}] ({where_}) matches no id in the front matter `sources`"
            )),
            Some(source) if !source.resolved => problems.push(format!(
                "footnote [^{label}] ({where_}) cites source {}, which does not resolve to \
                 ingested chunks",
                quote(&source.id)
            )),
            Some(_) => {}
        }
    }
}

fn lines_text(lines: &[usize]) -> String {
    let shown: Vec<String> = lines.iter().take(5).map(usize::to_string).collect();
    let more = if lines.len() > 5 { ", ..." } else { "" };
    let noun = if lines.len() == 1 { "line" } else { "lines" };
    format!("{noun} {}{more}", shown.join(", "))
}

fn check_code_fences(doc: &Doc) -> Check {
    let problems = doc
        .unclosed_fences
        .iter()
        .map(|(line, opener)| {
            format!(
                "the fence {} opened on line {line} is never closed",
                quote(opener)
            )
        })
        .collect();
    let summary = match doc.fenced_blocks {
        0 => "no fenced code blocks".to_owned(),
        n => format!("{n} fenced code blocks, all closed"),
    };
    finish(
        "code_fences",
        problems,
        summary,
        ("unclosed fence", "unclosed fences"),
    )
}

fn check_duplicate_paragraphs(doc: &Doc) -> Check {
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
    let problems = groups
        .iter()
        .filter(|(_, lines)| lines.len() > 1)
        .map(|(text, lines)| format!("{} appears on {}", quote(text), lines_text(lines)))
        .collect();
    finish(
        "duplicate_paragraphs",
        problems,
        "no repeated paragraphs".to_owned(),
        ("repeated paragraph", "repeated paragraphs"),
    )
}

// ---------------------------------------------------------------------------------------------
// Readability

/// A sentence, for quoting the longest ones.
struct Sentence {
    words: usize,
    line: usize,
    text: String,
}

/// Counts over the graded prose (paragraphs and list items).
struct ProseStats {
    /// All prose words, table cells included: the base for keyword density.
    words: usize,
    graded_words: usize,
    sentences: usize,
    syllables: usize,
    longest: Vec<Sentence>,
}

impl ProseStats {
    fn measure(doc: &Doc) -> ProseStats {
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
            for (start, end, count) in sentences(&block.text) {
                stats.words += count;
                stats.graded_words += count;
                stats.sentences += 1;
                stats.syllables += words(&block.text[start..end]).map(syllables).sum::<usize>();
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

    /// Flesch–Kincaid grade level; `None` when there is nothing to grade.
    // Private on purpose: `crate::text::readability_grade` is being written alongside this
    // module, and this should be swapped for it once it lands, so the two do not depend on
    // each other in the meantime.
    fn grade(&self) -> Option<f64> {
        if self.graded_words == 0 || self.sentences == 0 {
            return None;
        }
        let words = self.graded_words as f64;
        let grade =
            0.39 * (words / self.sentences as f64) + 11.8 * (self.syllables as f64 / words) - 15.59;
        // Very plain text scores below zero, which names no school grade; floored like
        // `crate::text::readability_grade` so the two agree.
        Some(grade.max(0.0))
    }
}

/// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS: &[&str] = &["e.g.", "i.e.", "vs.", "cf.", "mr.", "mrs.", "dr."];

/// Sentences of one block as `(start, end, words)` byte ranges. A block always ends a
/// sentence, so a list item without a full stop still counts as one.
fn sentences(text: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut count = 0;
    let mut end = 0;
    for (at, token) in tokens(text) {
        if !token.chars().any(char::is_alphanumeric) {
            continue;
        }
        start.get_or_insert(at);
        count += 1;
        end = at + token.len();
        let bare = token.trim_end_matches(['"', '\'', ')', ']', '*', '_', '\u{201d}', '\u{2019}']);
        let lower = token.to_lowercase();
        if bare.ends_with(['.', '!', '?']) && !ABBREVIATIONS.contains(&lower.as_str()) {
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
fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_whitespace()
        // split_whitespace yields subslices of `text`, so the pointer difference is the offset.
        .map(move |t| (t.as_ptr().addr() - text.as_ptr().addr(), t))
}

/// An English syllable estimate: vowel groups, less a silent final `e`, `-ed` or `-es`.
/// Good to a syllable or so per word, which is all a grade level needs.
fn syllables(word: &str) -> usize {
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

fn check_readability(prose: &ProseStats, tone: &ToneProfile) -> Check {
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
        "grade {grade:.1} ({} maximum {max}); {per_sentence:.1} words per sentence, \
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

// ---------------------------------------------------------------------------------------------
// Phrase matching: keywords and avoided phrases

/// Text folded for matching: lowercase, typographic apostrophes and hyphens made plain,
/// whitespace runs collapsed to one space. `origin` maps each folded char back to a byte in the
/// original, which is how a match finds its line.
struct Folded {
    text: String,
    /// `(byte in folded text, byte in original)`, one entry per folded char.
    origin: Vec<(usize, usize)>,
}

impl Folded {
    fn new(text: &str) -> Folded {
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

    fn push(&mut self, c: char, origin: usize) {
        self.origin.push((self.text.len(), origin));
        self.text.push(c);
    }

    fn original(&self, pos: usize) -> usize {
        let i = self.origin.partition_point(|&(at, _)| at <= pos);
        i.checked_sub(1)
            .and_then(|i| self.origin.get(i))
            .map_or(0, |&(_, src)| src)
    }

    /// Folded-text positions where `needle` (already folded) occurs on word boundaries: a
    /// needle edge that is a letter or digit must not touch another one, so "delve" does not
    /// match "delved" and "ai" does not match "maintain".
    fn find_all(&self, needle: &str) -> Vec<usize> {
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

fn check_keyword_density(doc: &Doc, prose: &ProseStats, opts: &QualityOptions) -> Check {
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
        .map(|b| Folded::new(&b.text))
        .collect();
    let mut measured: Vec<(String, usize, f64)> = keywords
        .iter()
        .map(|(keyword, needle)| {
            let count: usize = folded.iter().map(|f| f.find_all(needle).len()).sum();
            (keyword.clone(), count, count as f64 / prose.words as f64)
        })
        .collect();
    // Worst first; stable, so equal densities keep the caller's order.
    measured.sort_by(|a, b| b.2.total_cmp(&a.2));
    let describe = |(keyword, count, density): &(String, usize, f64)| {
        format!(
            "{} {:.1}% ({count} in {} words)",
            quote(keyword),
            density * 100.0,
            prose.words
        )
    };
    let problems = measured
        .iter()
        .filter(|m| m.2 > limit)
        .map(|m| format!("{}, limit {:.1}%", describe(m), limit * 100.0))
        .collect();
    let summary = match measured.first() {
        Some(worst) => format!("worst: {}, limit {:.1}%", describe(worst), limit * 100.0),
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

fn check_avoided_phrases(
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
fn context(text: &str, at: usize, end: usize) -> String {
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

// ---------------------------------------------------------------------------------------------
// Shared helpers

/// Builds a check from its problems: passing with `ok_summary` when there are none, failing
/// with a count and at most `MAX_PROBLEMS` problem lines otherwise. `noun` is the singular and
/// plural of what a problem is.
fn finish(name: &str, problems: Vec<String>, ok_summary: String, noun: (&str, &str)) -> Check {
    if problems.is_empty() {
        return Check {
            name: name.to_owned(),
            passed: true,
            detail: ok_summary,
        };
    }
    let n = problems.len();
    let mut detail = format!("{n} {}", if n == 1 { noun.0 } else { noun.1 });
    for problem in problems.iter().take(MAX_PROBLEMS) {
        detail.push('\n');
        detail.push_str(problem);
    }
    if n > MAX_PROBLEMS {
        detail.push_str(&format!("\n... and {} more", n - MAX_PROBLEMS));
    }
    Check {
        name: name.to_owned(),
        passed: false,
        detail,
    }
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Whitespace runs collapsed to single spaces, ends trimmed.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes control characters: document text ends up on a terminal, and an escape sequence
/// hidden in a Markdown file must not reach it.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn clean_short(text: &str) -> String {
    truncate(&clean(text), QUOTE_CHARS)
}

/// Document text as it appears in a detail line: one line, control-free, shortened, quoted.
fn quote(text: &str) -> String {
    format!("\"{}\"", truncate(&collapse(&clean(text)), QUOTE_CHARS))
}

/// Like [`quote`] but long enough for a full SHA-256 hex hash, which people copy to search.
fn quote_long(text: &str) -> String {
    format!("\"{}\"", truncate(&collapse(&clean(text)), 2 * QUOTE_CHARS))
}

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max).collect();
    out.push_str("...");
    out
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    const GOOD_HASH: &str = "aaaa1111";
    const OTHER_HASH: &str = "bbbb2222";

    fn known(hash: &str) -> bool {
        hash == GOOD_HASH || hash == OTHER_HASH
    }

    fn run_with(markdown: &str, tone: &ToneProfile, keywords: &[&str]) -> QualityReport {
        let keywords: Vec<String> = keywords.iter().map(|k| (*k).to_owned()).collect();
        let opts = QualityOptions {
            tone,
            keywords: &keywords,
            resolve_chunk: &known,
        };
        report(markdown, &opts)
    }

    fn run(markdown: &str) -> QualityReport {
        run_with(markdown, &ToneProfile::default(), &[])
    }

    fn check<'r>(report: &'r QualityReport, name: &str) -> &'r Check {
        report
            .checks
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no check {name}"))
    }

    fn assert_fails(report: &QualityReport, name: &str, needles: &[&str]) {
        let c = check(report, name);
        assert!(!c.passed, "{name} should fail:\n{}", c.detail);
        assert!(!report.passed);
        for needle in needles {
            assert!(
                c.detail.contains(needle),
                "{name} detail lacks {needle:?}:\n{}",
                c.detail
            );
        }
    }

    fn assert_passes(report: &QualityReport, name: &str) {
        let c = check(report, name);
        assert!(c.passed, "{name} should pass:\n{}", c.detail);
    }

    /// `n` short, plain, distinct sentences as one paragraph.
    fn para(seed: &str, n: usize) -> String {
        (0..n)
            .map(|i| format!("Note {seed} {i} says you can read the file and move on."))
            .collect::<Vec<_>>()
            .join(" ")
    }

    const FRONT: &str = "---
title: Reading files with cgen
seo_title: Reading files with cgen
description: How to read files with cgen, step by step.
date: 2024-05-01
slug: reading-files
tags: [cgen, files]
sources:
  - id: 1
    title: Guide
    chunks: [aaaa1111]
  - id: 2
    chunks: [\"bbbb2222\"]
---
";

    /// An article that passes every check with the default profile.
    fn good_article() -> String {
        format!(
            "{FRONT}# Reading files with cgen\n\n{}[^1]\n\n## First steps\n\n{}\n\n\
             ```rust\nfn main() {{}}\n```\n\n### A detail\n\n{}\n\n## Next steps\n\n{}[^2]\n\n\
             ## FAQ\n\n### Does it work offline?\n\n{}\n\n### Is it fast?\n\n{}\n\n\
             ## Conclusion\n\n{}\n\n[^1]: Guide, part one.\n[^2]: Guide, part two.\n",
            para("intro", 5),
            para("first", 6),
            para("detail", 3),
            para("next", 8),
            para("faq-a", 2),
            para("faq-b", 2),
            para("end", 4),
        )
    }

    /// Line number (1-based) of the first line containing `needle`.
    fn line_of(text: &str, needle: &str) -> usize {
        text.lines().position(|l| l.contains(needle)).unwrap() + 1
    }

    #[test]
    fn good_article_passes_everything() {
        let text = good_article();
        let r = run_with(&text, &ToneProfile::default(), &["cgen"]);
        for c in &r.checks {
            assert!(c.passed, "{} failed:\n{}", c.name, c.detail);
        }
        assert!(r.passed);
        assert_eq!(r.headings, 8);
        assert!(r.words > 300, "{}", r.words);
        assert!(r.readability_grade > 0.0 && r.readability_grade < 10.0);
        let names: Vec<&str> = r.checks.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "front_matter",
                "headings",
                "section_words",
                "citations",
                "code_fences",
                "duplicate_paragraphs",
                "readability",
                "keyword_density",
                "avoided_phrases",
            ]
        );
    }

    #[test]
    fn report_is_deterministic_and_serializes() {
        let text = good_article();
        let a = run(&text);
        assert_eq!(a, run(&text));
        let json = serde_json::to_string(&a).unwrap();
        let back: QualityReport = serde_json::from_str(&json).unwrap();
        assert_eq!(a, back);
    }

    #[test]
    fn render_text_marks_each_check() {
        let text = good_article().replace("## Next steps", "## Next steps\n\n```\nopen");
        let r = run(&text);
        let out = render_text(&r);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("quality: FAIL ("), "{out}");
        assert!(out.contains("PASS front_matter: "), "{out}");
        assert!(
            out.contains("FAIL code_fences: 1 unclosed fence\n  - the fence"),
            "{out}"
        );
        assert!(out.is_ascii() || !out.contains('\u{2713}'));
        let good = render_text(&run(&good_article()));
        assert!(
            good.starts_with("quality: PASS (9 of 9 checks passed;"),
            "{good}"
        );
    }

    // --- front matter ---------------------------------------------------------------------

    #[test]
    fn missing_front_matter() {
        let r = run("# Title\n\nText.\n");
        assert_fails(&r, "front_matter", &["must start with a `---` line"]);
    }

    #[test]
    fn fenced_front_matter_is_named() {
        let r = run("```yaml\n---\ntitle: x\n---\n```\n");
        assert_fails(&r, "front_matter", &["wrapped in a code fence"]);
    }

    #[test]
    fn unclosed_front_matter() {
        let r = run("---\ntitle: x\n\n# Heading\n");
        assert_fails(&r, "front_matter", &["never closed"]);
    }

    #[test]
    fn invalid_yaml_reports_the_file_line() {
        let r = run("---\ntitle: ok\ntags: [a, b\n---\nbody\n");
        // The YAML parser's own line numbers are shifted to file lines.
        assert_fails(
            &r,
            "front_matter",
            &["not valid YAML", "at line 4 column 1", "at line 3 column 7"],
        );
    }

    #[test]
    fn front_matter_must_be_a_mapping() {
        assert_fails(&run("---\n- a\n- b\n---\n"), "front_matter", &["mapping"]);
        assert_fails(&run("---\n---\nbody\n"), "front_matter", &["empty"]);
        assert_fails(&run("---\njust text\n---\n"), "front_matter", &["mapping"]);
    }

    #[test]
    fn every_missing_field_is_listed() {
        let r = run("---\nauthor: me\n---\n");
        assert_fails(
            &r,
            "front_matter",
            &[
                "5 front matter problems",
                "`title` is missing",
                "`description` is missing",
                "`date` is missing",
                "`slug` is missing",
                "`tags` is missing",
            ],
        );
    }

    #[test]
    fn field_values_are_checked() {
        let r = run(
            "---\ntitle: \"  \"\ndescription: 12\ndate: 2023-02-29\nslug: Hello World\n\
             tags: rust\n---\n",
        );
        assert_fails(
            &r,
            "front_matter",
            &[
                "`title` is empty",
                "`description` must be a string",
                "`date` \"2023-02-29\" is not a YYYY-MM-DD",
                "`slug` \"Hello World\" must be lowercase",
                "`tags` must be a list",
            ],
        );
        let r = run("---\ntitle: t\ndescription: d\ndate: 2024-1-5\nslug: s\ntags: []\n---\n");
        assert_fails(&r, "front_matter", &["2024-1-5", "`tags` is an empty list"]);
        let r =
            run("---\ntitle: t\ndescription: d\ndate: 2024-01-05\nslug: s\ntags: [a, '']\n---\n");
        assert_fails(
            &r,
            "front_matter",
            &["`tags[1]` must be a non-empty string"],
        );
    }

    #[test]
    fn dates() {
        for ok in ["2024-02-29", "2000-02-29", "1999-12-31", "2024-04-30"] {
            assert!(is_iso_date(ok), "{ok}");
        }
        for bad in [
            "2023-02-29",
            "1900-02-29",
            "2024-04-31",
            "2024-13-01",
            "2024-00-10",
            "2024-01-00",
            "24-01-01",
            "2024/01/01",
            "2024-01-01T00:00:00Z",
            "２０２４-01-01",
            "",
            "abcd-ef-gh",
        ] {
            assert!(!is_iso_date(bad), "{bad}");
        }
    }

    #[test]
    fn seo_limits() {
        let long_title = "t".repeat(61);
        let long_desc = "é".repeat(161);
        let text = format!(
            "---\ntitle: t\nseo_title: {long_title}\ndescription: {long_desc}\n\
             date: 2024-01-01\nslug: s\ntags: [a]\n---\n"
        );
        assert_fails(
            &run(&text),
            "front_matter",
            &[
                "`seo_title` is 61 characters, at most 60",
                "`description` is 161 characters",
            ],
        );
        // Exactly at the limit, counted in characters not bytes.
        let text = format!(
            "---\ntitle: t\nseo_title: {}\ndescription: {}\ndate: 2024-01-01\nslug: s\n\
             tags: [a]\n---\n",
            "t".repeat(60),
            "é".repeat(160)
        );
        assert_passes(&run(&text), "front_matter");
        let text = "---\ntitle: t\nseo_title: [x]\ndescription: d\ndate: 2024-01-01\nslug: s\n\
                    tags: [a]\n---\n";
        assert_fails(
            &run(text),
            "front_matter",
            &["`seo_title` must be a string"],
        );
    }

    #[test]
    fn front_matter_variants_are_accepted() {
        let fm = "title: t\ndescription: d\ndate: 2024-01-01\nslug: a-b_c\ntags: [a]";
        // CRLF line endings, a BOM, and the YAML `...` end marker.
        assert_passes(
            &run(&format!(
                "\u{feff}---\r\n{}\r\n---\r\nbody\r\n",
                fm.replace('\n', "\r\n")
            )),
            "front_matter",
        );
        assert_passes(&run(&format!("---\n{fm}\n...\nbody\n")), "front_matter");
        // A file that is only front matter, no trailing newline.
        assert_passes(&run(&format!("---\n{fm}\n---")), "front_matter");
    }

    #[test]
    fn body_line_numbers_count_the_front_matter() {
        let text = good_article().replace("## Next steps", "## Next steps\n\n~~~\nunclosed");
        let line = line_of(&text, "~~~");
        assert_fails(
            &run(&text),
            "code_fences",
            &[&format!("opened on line {line}")],
        );
    }

    // --- headings -------------------------------------------------------------------------

    #[test]
    fn headings_in_code_do_not_count() {
        let r = run("# One\n\n```\n# not a heading\n## nor this\n```\n\n## Two\n");
        assert_eq!(r.headings, 2);
        assert_fails(&r, "headings", &["2 headings; at least 3 required"]);
    }

    #[test]
    fn setext_and_deep_headings_count() {
        let r = run("Title\n=====\n\nSub\n---\n\n###### Six\n");
        assert_eq!(r.headings, 3);
        assert_passes(&r, "headings");
        // `#hashtag` is not a heading in CommonMark.
        assert_eq!(run("#one\n#two\n#three\n").headings, 0);
    }

    #[test]
    fn heading_minimum_comes_from_the_tone() {
        let tone = ToneProfile {
            min_headings: 0,
            ..ToneProfile::default()
        };
        assert_passes(&run_with("no headings", &tone, &[]), "headings");
    }

    // --- section words --------------------------------------------------------------------

    #[test]
    fn each_part_is_measured_against_its_own_target() {
        let text = format!(
            "# Title\n\n{}\n\n## Tiny\n\n{}\n\n## Huge\n\n{}\n\n## Summary\n\n{}\n",
            para("intro", 1),
            para("tiny", 2),
            para("huge", 60),
            para("end", 25),
        );
        let r = run(&text);
        assert_fails(
            &r,
            "section_words",
            &[
                "4 parts outside their word targets",
                "introduction: 12 words, target 40-220",
                &format!(
                    "\"## Tiny\" (line {}): 24 words, target 80-600",
                    line_of(&text, "## Tiny")
                ),
                "\"## Huge\"",
                "720 words",
                "\"## Summary\"",
                "300 words, target 30-200",
            ],
        );
    }

    #[test]
    fn subsections_and_code_belong_to_their_section() {
        // 6 + 6 sentences of 12 words = 144 words once the H3 is included; the code blocks
        // add nothing.
        let code = "word ".repeat(1000);
        let text = format!(
            "{}\n\n## Main\n\n{}\n\n```\n{code}\n```\n\n    {code}\n\n### Part\n\n{}\n",
            para("intro", 4),
            para("a", 6),
            para("b", 6),
        );
        let r = run(&text);
        assert_passes(&r, "section_words");
        assert_eq!(r.words, 48 + 144);
    }

    #[test]
    fn faq_answers_are_checked_one_by_one() {
        let text = format!(
            "{}\n\n## Frequently asked questions\n\nA short lead-in.\n\n### Why?\n\nBecause.\n\n\
             ### How?\n\n{}\n\n#### Deeper\n\n{}\n",
            para("intro", 4),
            para("how", 5),
            para("deeper", 8),
        );
        let r = run(&text);
        assert_fails(
            &r,
            "section_words",
            &[
                "2 parts outside",
                "answer to \"### Why?\"",
                "1 word, target 15-150",
                "answer to \"### How?\"",
                "156 words",
            ],
        );
        // The H2 lead-in itself has no target.
        assert!(!check(&r, "section_words").detail.contains("## Frequently"));
    }

    #[test]
    fn h3_outside_an_faq_is_not_an_answer() {
        let text = format!(
            "{}\n\n## FAQ\n\n### Q?\n\n{}\n\n## Usage\n\n### Short\n\nTiny.\n\n{}\n",
            para("intro", 4),
            para("q", 2),
            para("usage", 8),
        );
        assert_passes(&run(&text), "section_words");
    }

    #[test]
    fn reference_sections_have_no_target() {
        let text = format!(
            "{}\n\n## Body\n\n{}\n\n## References\n\n- one\n- two\n\n## See also\n\n- x\n",
            para("intro", 4),
            para("body", 8),
        );
        assert_passes(&run(&text), "section_words");
    }

    #[test]
    fn document_that_starts_with_a_section_has_an_empty_introduction() {
        let r = run(&format!("## Only\n\n{}\n", para("x", 8)));
        assert_fails(&r, "section_words", &["introduction: 0 words"]);
    }

    #[test]
    fn word_targets_come_from_the_tone() {
        let mut tone = ToneProfile::default();
        tone.section_words.introduction = (1, 5);
        let r = run_with("One two three four five six.\n", &tone, &[]);
        assert_fails(&r, "section_words", &["introduction: 6 words, target 1-5"]);
    }

    // --- citations ------------------------------------------------------------------------

    #[test]
    fn no_citations_passes() {
        let c = run("Plain text.\n").checks.remove(3);
        assert_eq!(c.name, "citations");
        assert!(c.passed);
        assert_eq!(c.detail, "no citations");
    }

    #[test]
    fn footnotes_need_definitions_and_uses() {
        let text = "Intro.\n\nSee this[^a] and that[^missing].\n\n[^a]: A.\n[^unused]: U.\n";
        assert_fails(
            &run(text),
            "citations",
            &[
                "footnote [^missing] on line 3 has no definition",
                "footnote definition [^unused] on line 6 is never referenced",
            ],
        );
    }

    #[test]
    fn bracket_text_that_is_not_a_footnote_is_ignored() {
        let text = "Use `[^a-z]` to match, or [^ spaced], or [^].\n\n```\n[^x]\n```\n";
        assert_passes(&run(text), "citations");
    }

    #[test]
    fn footnote_labels_are_case_insensitive() {
        assert_passes(&run("Ref[^Note].\n\n[^note]: defined.\n"), "citations");
    }

    #[test]
    fn resolved_sources_pass() {
        let c = run(&good_article()).checks.remove(3);
        assert!(c.passed, "{}", c.detail);
        assert!(c.detail.contains("2 sources with 2 chunks"), "{}", c.detail);
    }

    #[test]
    fn unresolved_chunks_fail_with_their_hash_and_citing_footnote() {
        let text = good_article().replace("chunks: [\"bbbb2222\"]", "chunks: [bbbb2222, deadbeef]");
        let line = line_of(&text, "move on.[^2]");
        assert_fails(
            &run(&text),
            "citations",
            &[
                "source \"2\": chunk \"deadbeef\" is not in the knowledge base",
                &format!("footnote [^2] (line {line}) cites source \"2\", which does not resolve"),
            ],
        );
    }

    #[test]
    fn numeric_footnote_without_a_source_fails() {
        let text = good_article()
            .replace("[^2]\n\n## FAQ", "[^2][^3]\n\n## FAQ")
            .replace(
                "[^2]: Guide, part two.",
                "[^2]: Guide, part two.\n[^3]: Extra.",
            );
        assert_fails(
            &run(&text),
            "citations",
            &["footnote [^3]", "matches no id"],
        );
    }

    #[test]
    fn named_footnotes_need_no_source() {
        let text = good_article()
            .replace("[^2]\n\n## FAQ", "[^2][^aside]\n\n## FAQ")
            .replace(
                "[^2]: Guide, part two.",
                "[^2]: Guide, part two.\n[^aside]: By the way.",
            );
        assert_passes(&run(&text), "citations");
    }

    #[test]
    fn malformed_sources_are_reported() {
        let base = "---\ntitle: t\nsources: SOURCES\n---\nText.\n";
        let cases = [
            ("oops", "`sources` must be a list"),
            ("[{title: x}]", "`sources[0]` has no `id`"),
            ("[{id: 1}]", "has no `chunks` list"),
            ("[{id: 1, chunks: []}]", "lists no chunks"),
            ("[{id: 1, chunks: [42]}]", "not a hash string"),
            (
                "[{id: 1, chunks: [aaaa1111]}, {id: 1, chunks: [aaaa1111]}]",
                "appears twice",
            ),
        ];
        for (sources, expected) in cases {
            let text = base.replace("SOURCES", sources);
            assert_fails(&run(&text), "citations", &[expected]);
        }
    }

    #[test]
    fn each_chunk_is_resolved_once() {
        let calls = RefCell::new(Vec::new());
        let resolve = |hash: &str| {
            calls.borrow_mut().push(hash.to_owned());
            true
        };
        let text = "---\nsources:\n  - {id: 1, chunks: [h1, h2]}\n  - {id: 2, chunks: [h1]}\n---\n\
                    A[^1] b[^2].\n\n[^1]: a\n[^2]: b\n";
        let tone = ToneProfile::default();
        let opts = QualityOptions {
            tone: &tone,
            keywords: &[],
            resolve_chunk: &resolve,
        };
        let r = report(text, &opts);
        assert_passes(&r, "citations");
        assert_eq!(*calls.borrow(), ["h1", "h2"]);
    }

    #[test]
    fn zero_padded_footnote_matches_its_source() {
        let text = "---\nsources: [{id: 1, chunks: [aaaa1111]}]\n---\nA[^01].\n\n[^01]: a\n";
        assert_passes(&run(text), "citations");
    }

    // --- code fences ----------------------------------------------------------------------

    #[test]
    fn fences_balanced() {
        let text = "````md\n```\nnested\n```\n````\n\n~~~\n```\n~~~\n\n- item\n\n  ```sh\n  ls\n  ```\n\n> ```\n> q\n> ```\n";
        let c = run(text).checks.remove(4);
        assert!(c.passed, "{}", c.detail);
        assert_eq!(c.detail, "4 fenced code blocks, all closed");
        assert_eq!(run("text").checks[4].detail, "no fenced code blocks");
    }

    #[test]
    fn unclosed_fences_are_reported_with_lines() {
        assert_fails(
            &run("a\n\n```rust\nfn x() {}\n"),
            "code_fences",
            &["\"```rust\" opened on line 3"],
        );
        // A shorter closer does not close a longer opener.
        assert_fails(&run("````\ncode\n```\n"), "code_fences", &["line 1"]);
        // A different fence character does not close it either.
        assert_fails(&run("~~~\ncode\n```\n"), "code_fences", &["line 1"]);
        // An opener on the last line.
        assert_fails(&run("text\n\n```"), "code_fences", &["line 3"]);
        // A block quote that ends before its fence is closed.
        assert_fails(&run("> ```\n> code\n\nafter\n"), "code_fences", &["line 1"]);
    }

    // --- duplicates -----------------------------------------------------------------------

    #[test]
    fn duplicate_paragraphs_are_found_after_normalising() {
        let p = "This paragraph says the very same thing twice over here.";
        let text = format!(
            "{p}\n\nOther.\n\n{}\n\n- {p}\n",
            p.to_uppercase().replace(' ', "  \n")
        );
        assert_fails(
            &run(&text),
            "duplicate_paragraphs",
            &[
                "1 repeated paragraph",
                "\"This paragraph says the very same",
                "lines 1, 5, 16",
            ],
        );
    }

    #[test]
    fn short_paragraphs_and_code_may_repeat() {
        let code = "```\nlet a = one two three four five six seven eight nine;\n```";
        let text = format!("See the example.\n\nSee the example.\n\n{code}\n\n{code}\n");
        assert_passes(&run(&text), "duplicate_paragraphs");
    }

    // --- readability ----------------------------------------------------------------------

    #[test]
    fn syllable_estimates() {
        for (word, n) in [
            ("the", 1),
            ("cat", 1),
            ("make", 1),
            ("makes", 1),
            ("jumped", 1),
            ("wanted", 2),
            ("boxes", 2),
            ("table", 2),
            ("reading", 2),
            ("simple", 2),
            ("syllable", 3),
            ("readability", 5),
            ("queue", 1),
            ("2024", 1),
            ("", 1),
            ("Internationalization", 8),
        ] {
            assert_eq!(syllables(word), n, "{word}");
        }
    }

    #[test]
    fn sentence_splitting() {
        let s = sentences("One two. Three, e.g. four? \"Five!\" Six (seven.) Eight 3.14 nine");
        let counts: Vec<usize> = s.iter().map(|x| x.2).collect();
        assert_eq!(counts, [2, 3, 1, 2, 3]);
        assert!(sentences("  — | ").is_empty());
    }

    #[test]
    fn grade_matches_the_formula() {
        // 2 sentences, 9 words, 11 syllables.
        let r = run("The cat sat down. A happy dog barked loudly.\n");
        let expected = 0.39 * 4.5 + 11.8 * (11.0 / 9.0) - 15.59;
        assert!(
            (r.readability_grade - expected).abs() < 0.01,
            "{}",
            r.readability_grade
        );
    }

    #[test]
    fn grade_is_never_negative() {
        let r = run("Go. Run. Sit. Eat. Nap.");
        assert_eq!(r.readability_grade, 0.0);
        assert_passes(&r, "readability");
    }

    #[test]
    fn hard_prose_fails_and_quotes_the_longest_sentence() {
        let long = "Notwithstanding considerable organizational complexity, \
                    comprehensive infrastructural modernization necessitates \
                    extraordinarily sophisticated interdisciplinary collaboration \
                    throughout implementation.";
        let text = format!("# T\n\nShort one.\n\n{long}\n");
        let r = run(&text);
        assert_fails(
            &r,
            "readability",
            &[
                "above the maximum 12",
                "14 words on line 5",
                "\"Notwithstanding",
            ],
        );
        assert!(r.readability_grade > 10.0);
    }

    #[test]
    fn no_prose_is_not_graded() {
        let r = run("# Only\n\n```\ncode\n```\n");
        assert_passes(&r, "readability");
        assert_eq!(check(&r, "readability").detail, "no prose to grade");
        assert_eq!(r.readability_grade, 0.0);
        assert_eq!(r.words, 0);
    }

    #[test]
    fn reading_level_comes_from_the_tone() {
        let tone = ToneProfile {
            reading_level: 1.0,
            ..ToneProfile::default()
        };
        let r = run_with(
            "Comprehensive modernization necessitates collaboration.",
            &tone,
            &[],
        );
        assert_fails(&r, "readability", &["above the maximum 1"]);
    }

    // --- keyword density ------------------------------------------------------------------

    #[test]
    fn stuffed_keywords_fail_and_the_worst_is_first() {
        // 100 words: "rust" 10 times, "async code" 5 times.
        let mut words: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        for i in 0..10 {
            words[i * 10] = "Rust".to_owned();
        }
        for i in 0..5 {
            words[i * 10 + 1] = "async".to_owned();
            words[i * 10 + 2] = "code".to_owned();
        }
        let text = words.join(" ");
        let r = run_with(
            &text,
            &ToneProfile::default(),
            &["async code", "rust", "absent"],
        );
        let c = check(&r, "keyword_density");
        assert!(!c.passed);
        let lines: Vec<&str> = c.detail.lines().collect();
        assert_eq!(
            lines[0], "2 keywords above their density limit",
            "{}",
            c.detail
        );
        assert!(
            lines[1].starts_with("\"rust\" 10.0% (10 in 100 words)"),
            "{}",
            c.detail
        );
        assert!(
            lines[2].starts_with("\"async code\" 5.0% (5 in 100 words)"),
            "{}",
            c.detail
        );
    }

    #[test]
    fn keyword_matching_respects_word_boundaries() {
        let text = "Trust the rustacean. Rusty bits. Rust-based tools use rust.";
        let r = run_with(text, &ToneProfile::default(), &["rust"]);
        // "Rust-based" and "rust." match; 2 of 9 words.
        assert!(
            check(&r, "keyword_density")
                .detail
                .contains("(2 in 9 words)")
        );
    }

    #[test]
    fn keywords_pass_within_the_limit_and_in_headings_only() {
        let text = format!("# cgen cgen cgen\n\n{}\n", para("x", 10));
        let r = run_with(&text, &ToneProfile::default(), &["cgen", "CGEN", "  "]);
        assert_passes(&r, "keyword_density");
        assert!(
            check(&r, "keyword_density")
                .detail
                .starts_with("worst: \"cgen\" 0.0%")
        );
        assert_eq!(
            check(&run(&text), "keyword_density").detail,
            "no keywords given"
        );
    }

    #[test]
    fn density_without_prose() {
        let r = run_with("# Title\n", &ToneProfile::default(), &["title"]);
        assert_eq!(check(&r, "keyword_density").detail, "no prose to measure");
    }

    #[test]
    fn keywords_in_table_cells_count() {
        let text = "| a | b |\n|---|---|\n| rust | rust |\n";
        let r = run_with(text, &ToneProfile::default(), &["rust"]);
        assert_eq!(r.words, 4);
        assert_fails(&r, "keyword_density", &["(2 in 4 words)"]);
    }

    // --- avoided phrases ------------------------------------------------------------------

    #[test]
    fn avoided_phrases_are_reported_with_lines() {
        let text = "---\ntitle: A game-changer for files\n---\n# Intro\n\nLet us delve into it.\n\n\
                    In Today\u{2019}s fast-paced\nworld, things move.\n\n## It's important to note\n";
        assert_fails(
            &run(text),
            "avoided_phrases",
            &[
                "4 avoided phrases used",
                "\"game-changer\" in front matter `title`",
                "\"delve\" on line 6: \"Let us delve into it.\"",
                "\"in today's fast-paced world\" on line 8",
                "\"it's important to note\" on line 11",
            ],
        );
    }

    #[test]
    fn avoided_phrase_quotes_keep_the_original_text() {
        let text = "Ünïcödé 😀 text: It\u{2019}s Important To Note that 😀 ends here.";
        assert_fails(
            &run(text),
            "avoided_phrases",
            &["on line 1: \"Ünïcödé 😀 text: It\u{2019}s Important To Note that 😀 ends here.\""],
        );
    }

    #[test]
    fn avoided_phrases_respect_word_boundaries_and_code() {
        let text =
            "He delved into it. Delver. `delve` is a function.\n\n```\ndelve\n```\n\n    delve\n";
        assert_passes(&run(text), "avoided_phrases");
        assert!(
            check(&run(text), "avoided_phrases")
                .detail
                .contains("none of 12")
        );
    }

    #[test]
    fn avoided_phrases_in_footnotes_and_lists_count() {
        let text = "Ok[^1].\n\n- we move seamlessly\n\n[^1]: A cutting-edge source.\n";
        assert_fails(
            &run(text),
            "avoided_phrases",
            &["\"seamlessly\" on line 3", "\"cutting-edge\" on line 5"],
        );
    }

    #[test]
    fn empty_avoid_list_passes() {
        let tone = ToneProfile {
            avoid: Vec::new(),
            ..ToneProfile::default()
        };
        assert_passes(&run_with("We delve.", &tone, &[]), "avoided_phrases");
    }

    #[test]
    fn phrase_edges_that_are_not_letters_need_no_boundary() {
        let folded = Folded::new("I like C++ and c++17.");
        assert_eq!(folded.find_all("c++").len(), 2);
        let folded = Folded::new("aaa aa");
        assert_eq!(folded.find_all("aa"), [4]);
    }

    // --- hostile input --------------------------------------------------------------------

    #[test]
    fn degenerate_documents_do_not_panic() {
        for text in [
            "",
            "\u{feff}",
            "---",
            "---\n",
            "---\n---",
            "\n\n\n",
            "\r\r\r# x\r",
            "```",
            "~~~~~~~~~~",
            "[^",
            "[^]",
            "[^x",
            "[^1]:",
            "#",
            "| |\n|-|\n",
            "\u{0}\u{1b}[31m\u{7f}",
            "> > > > > > > > > > - - - - - 1. 1. ```",
            "<div>\n# not markdown\n</div>",
            "![delve](x.png)",
            "\u{10ffff}\u{1f600}é\u{301}",
        ] {
            let r = run(text);
            let _ = render_text(&r);
            assert!(r.readability_grade.is_finite());
        }
    }

    #[test]
    fn deep_nesting_and_long_lines() {
        let nested = format!("{}deep text here.\n", "> ".repeat(2000));
        let _ = run(&nested);
        let lists = format!("{}item\n", "- ".repeat(2000));
        let _ = run(&lists);
        let long = "word ".repeat(200_000);
        let r = run(&long);
        assert_eq!(r.words, 200_000);
        assert_fails(&r, "readability", &["200000 words on line 1"]);
    }

    #[test]
    fn yaml_bombs_are_refused() {
        let bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
                    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n\
                    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n---\n";
        assert_fails(&run(bomb), "front_matter", &["not valid YAML"]);
        let deep = format!(
            "---\na: {}{}\n---\n",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert_fails(&run(&deep), "front_matter", &["not valid YAML"]);
    }

    #[test]
    fn terminal_escapes_never_reach_the_report() {
        let text = "---\ntitle: \"\\e[31mred\"\n---\n## \u{1b}[2Jclear\n\n```\u{1b}]0;x\u{7}\ncode\n\nWe delve\u{1b}[0m here.[^\u{1b}x]\n";
        let r = run(text);
        let json = serde_json::to_string(&r).unwrap();
        assert!(!json.contains("\\u001b"), "{json}");
        assert!(!render_text(&r).contains('\u{1b}'));
    }

    #[test]
    fn problem_lists_are_capped() {
        let many: String = (0..100).map(|i| format!("Ref[^n{i}].\n\n")).collect();
        let c = check(&run(&many), "citations").clone();
        assert!(
            c.detail.starts_with("100 citation problems"),
            "{}",
            c.detail
        );
        assert!(c.detail.ends_with("... and 80 more"), "{}", c.detail);
        assert_eq!(c.detail.lines().count(), 1 + MAX_PROBLEMS + 1);
    }

    #[test]
    fn shifting_yaml_line_numbers() {
        assert_eq!(
            shift_lines("x at line 3 column 1, y at line 12", 1),
            "x at line 4 column 1, y at line 13"
        );
        assert_eq!(
            shift_lines("inline value, line x", 1),
            "inline value, line x"
        );
        assert_eq!(
            shift_lines("line 99999999999999999999999", 1),
            "line 99999999999999999999999"
        );
    }

    #[test]
    fn quotes_are_short_and_single_line() {
        let q = quote(&format!("a\nb\t{}", "c".repeat(200)));
        assert!(q.starts_with("\"a b ccc"));
        assert!(q.ends_with("...\""));
        assert_eq!(q.chars().count(), QUOTE_CHARS + 5);
    }
}
