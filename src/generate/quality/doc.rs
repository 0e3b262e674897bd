//! The parsed body: blocks of prose, headings and footnotes with their lines, the parts that
//! have word targets, and the fenced code blocks.

use super::*;

/// What a run of text is, which decides the checks it takes part in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BlockKind {
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
pub(super) struct Block {
    pub(super) kind: BlockKind,
    pub(super) text: String,
    /// `(position in text, byte offset in the body)` where each piece of text was appended.
    pub(super) segments: Vec<(usize, usize)>,
    /// Ranges of `text` that came from inline code.
    pub(super) code: Vec<Range<usize>>,
    /// Body offset where the block starts.
    pub(super) start: usize,
    /// Index into `Doc::parts`.
    pub(super) part: usize,
    /// A list item or a paragraph inside one: items need not be full sentences.
    pub(super) in_list: bool,
}

impl Block {
    pub(super) fn source_offset(&self, pos: usize) -> usize {
        let i = self.segments.partition_point(|&(at, _)| at <= pos);
        match i.checked_sub(1).and_then(|i| self.segments.get(i)) {
            Some(&(at, src)) => src + (pos - at),
            None => self.start,
        }
    }

    pub(super) fn words(&self) -> usize {
        words(&self.text).count()
    }

    pub(super) fn in_code(&self, pos: usize) -> bool {
        self.code.iter().any(|r| r.contains(&pos))
    }

    /// The text with inline code blanked out, byte for byte, so positions still match `text`
    /// and scans for prose problems do not see code, where symbols belong.
    pub(super) fn masked(&self) -> String {
        if self.code.is_empty() {
            return self.text.clone();
        }
        self.text
            .char_indices()
            .map(|(at, c)| {
                if self.in_code(at) {
                    " ".repeat(c.len_utf8())
                } else {
                    c.to_string()
                }
            })
            .collect()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PartKind {
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
pub(super) struct Part {
    pub(super) kind: PartKind,
    /// The heading as written, e.g. `## Setup`; empty for the introduction.
    pub(super) heading: String,
    pub(super) line: usize,
    /// Words of its prose (paragraphs, list items, table cells).
    pub(super) words: usize,
    /// Words inside its code blocks: they fill a part as much as prose does, but are not
    /// sentences, so only the part's minimum counts them.
    pub(super) code_words: usize,
}

/// A footnote label and the line it appears on.
pub(super) struct Label {
    pub(super) label: String,
    pub(super) line: usize,
}

pub(super) struct Doc {
    pub(super) first_line: usize,
    pub(super) line_starts: Vec<usize>,
    /// Headings of any level and style (ATX or setext), outside code.
    pub(super) headings: usize,
    /// Line and level of each heading, in order.
    pub(super) heading_levels: Vec<(usize, usize)>,
    pub(super) blocks: Vec<Block>,
    pub(super) parts: Vec<Part>,
    /// References, both the ones pulldown resolved and `[^x]` left as text for lack of a
    /// definition.
    pub(super) footnote_refs: Vec<Label>,
    pub(super) footnote_defs: Vec<Label>,
    pub(super) fenced_blocks: usize,
    /// Line and text of each fenced code block.
    pub(super) code_blocks: Vec<(usize, String)>,
    /// Line and opening fence of each fenced block that is never closed.
    pub(super) unclosed_fences: Vec<(usize, String)>,
    /// Raw HTML outside code, with its line: a generated article has none.
    pub(super) html: Vec<(usize, String)>,
}

/// A block being filled while its events stream past.
pub(super) struct OpenBlock {
    pub(super) kind: BlockKind,
    pub(super) text: String,
    pub(super) segments: Vec<(usize, usize)>,
    pub(super) code: Vec<Range<usize>>,
    pub(super) start: usize,
    pub(super) in_list: bool,
}

impl Doc {
    pub(super) fn parse(body: &str, first_line: usize) -> Doc {
        let mut line_starts = vec![0];
        line_starts.extend(body.match_indices('\n').map(|(i, _)| i + 1));
        let mut doc = Doc {
            first_line,
            line_starts,
            headings: 0,
            heading_levels: Vec::new(),
            blocks: Vec::new(),
            parts: vec![Part {
                kind: PartKind::Introduction,
                heading: String::new(),
                line: first_line,
                words: 0,
                code_words: 0,
            }],
            footnote_refs: Vec::new(),
            footnote_defs: Vec::new(),
            fenced_blocks: 0,
            code_blocks: Vec::new(),
            unclosed_fences: Vec::new(),
            html: Vec::new(),
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

    pub(super) fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1) - 1 + self.first_line
    }

    pub(super) fn walk(&mut self, body: &str) {
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
                    let mut block = OpenBlock::new(kind, range.start);
                    block.in_list =
                        matches!(event, Event::Start(Tag::Item)) || open.iter().any(|b| b.in_list);
                    open.push(block);
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
                        self.heading_levels.push((line, level));
                        self.push_block(block);
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    code += 1;
                    if let CodeBlockKind::Fenced(_) = kind {
                        self.fenced_blocks += 1;
                        let src = body.get(range.clone()).unwrap_or("");
                        // The text between the fences.
                        let inner: Vec<&str> = src.lines().skip(1).collect();
                        let inner = match inner.split_last() {
                            Some((last, rest))
                                if fence_closed(src)
                                    && last.trim_start().starts_with(['`', '~']) =>
                            {
                                rest
                            }
                            _ => inner.as_slice(),
                        };
                        self.code_blocks
                            .push((self.line_of(range.start), inner.join("\n")));
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
                Event::Text(text) if code > 0 => {
                    if let Some(part) = self.parts.last_mut() {
                        part.code_words += words(&text).count();
                    }
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
                // Raw HTML is kept apart for the markup check; it is not prose.
                Event::Html(html) | Event::InlineHtml(html) if code == 0 => {
                    self.html
                        .push((self.line_of(range.start), html.to_string()));
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
    pub(super) fn start_part(&mut self, level: usize, text: &str, line: usize) {
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
            code_words: 0,
        });
    }

    pub(super) fn push_block(&mut self, block: OpenBlock) {
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
            in_list: block.in_list,
        });
    }

    /// pulldown-cmark turns `[^x]` without a definition into plain text, so those references
    /// are found by scanning the text it left behind.
    pub(super) fn find_unresolved_references(&mut self) {
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
    pub(super) fn new(kind: BlockKind, start: usize) -> Self {
        Self {
            kind,
            text: String::new(),
            segments: Vec::new(),
            code: Vec::new(),
            start,
            in_list: false,
        }
    }

    pub(super) fn append(&mut self, text: &str, source: usize) {
        self.segments.push((self.text.len(), source));
        self.text.push_str(text);
    }
}

pub(super) fn heading_level(level: HeadingLevel) -> usize {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

pub(super) fn classify_section(heading: &str) -> PartKind {
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

/// Whether the report reads a section headed `heading` as one of the parts every article has
/// (a conclusion, an FAQ, a reference list) rather than a body section: a source's "Future
/// Directions And Conclusion" under the article's own heading would be held to the
/// conclusion's word target.
pub fn names_a_part(heading: &str) -> bool {
    classify_section(heading) != PartKind::Section
}

/// True when the last line of a fenced block's source is a closing fence for its opener.
/// pulldown-cmark ends an unclosed block at the end of the document (or of its list item or
/// block quote) without saying so, so the source has to be looked at.
pub(super) fn fence_closed(src: &str) -> bool {
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
pub(super) fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
}
