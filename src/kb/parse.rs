//! Owns turning decoded source text into structure: a title, metadata, and an ordered list of
//! blocks (headings, paragraphs, code, list items, table rows, quotes) with plain text and byte
//! ranges. Chunking (`kb::chunk`) works only from this structure.
//!
//! Byte ranges: for Markdown, plain text, code, JSON and YAML a block's `start..end` points into
//! the source text that was parsed, so a search hit can cite the original lines. For HTML the
//! source offsets of text nodes are not available from the tree builder, so ranges point into the
//! document's *extracted text*: the blocks' texts joined with a blank line (`"\n\n"`) in order.
//! Whenever a block's text is a verbatim slice of what its range points into, its length equals
//! `end - start`; the chunker relies on that to cite split blocks precisely.
//!
//! Nothing here fails: malformed front matter, JSON or YAML degrade to text with an explanatory
//! metadata entry, because one bad file must not stop an ingest. Raw HTML inside Markdown is
//! dropped (it is layout far more often than prose).

// Dependency: `ego-tree` holds the page's tree (`kb::html_tree`), and walking it with its
// `traverse()` edges is what keeps the HTML walk iterative and fast.

use std::collections::HashMap;
use std::ops::Range;

use ego_tree::{NodeId, NodeRef, iter::Edge};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use serde_json::{Map, Value};

use super::html_tree::{self, Attr, Element, Node};
use super::sniff::{Format, is_known_language};

/// The structural role of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BlockKind {
    Heading {
        level: u8,
    },
    Paragraph,
    Code {
        language: Option<String>,
    },
    /// An item of a list, `depth` lists deep (0 for a list's own items, 1 for a list
    /// inside one of them), with its number as the source gives it when the list is
    /// ordered: steps keep their order in an article.
    ListItem {
        depth: u8,
        number: Option<u32>,
    },
    Table,
    Quote,
}

/// One unit of structure with its plain text and its byte range (see the module doc).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// A parsed source.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ParsedDoc {
    pub title: Option<String>,
    pub metadata: Map<String, Value>,
    pub blocks: Vec<Block>,
    /// What an HTML page says about itself, for `kb::classify` and `kb::reference`.
    pub page: Option<PageSignals>,
}

/// Facts about an HTML page beyond its text: whether it is a document at all, and where it
/// lives. Read as the page wrote them; `kb::classify` and `kb::reference` judge them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageSignals {
    /// `<link rel="canonical" href>`, as written.
    pub canonical: Option<String>,
    /// The first `rel="next"` link (`<link>` or `<a>`), as written: the page after this one
    /// in the site's reading order (mdBook's and Sphinx's "next chapter").
    pub next: Option<String>,
    /// `<meta http-equiv="refresh">`: the page sends the reader elsewhere.
    pub refresh: bool,
    /// `<meta name="robots" content="noindex">`.
    pub noindex: bool,
    /// Characters of text in the content, and how many of them are link text.
    pub text_chars: usize,
    pub link_chars: usize,
    /// Characters of the content's blocks that are entries of an index or contents list: a
    /// link and a few words beside it (`term - <a>page</a>`), as opposed to prose with links.
    pub entry_chars: usize,
    pub entries: usize,
    /// Link text of the navigation and tables of contents dropped from inside the content
    /// (DocBook puts its page navigation and chapter contents in the page body).
    pub chrome_link_chars: usize,
}

/// Parses `text` as `format`.
pub fn parse(format: &Format, text: &str) -> ParsedDoc {
    match format {
        Format::Markdown => parse_markdown(text),
        Format::Html => parse_html(text),
        Format::Json => parse_json(text),
        Format::Yaml => parse_yaml(text),
        Format::Text => ParsedDoc {
            blocks: runs_as_blocks(text, || BlockKind::Paragraph),
            ..ParsedDoc::default()
        },
        Format::Code { language } => ParsedDoc {
            blocks: code_blocks(text, language),
            ..ParsedDoc::default()
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Plain text and code: runs of non-blank lines.

/// Byte ranges of runs of non-blank lines, without their trailing line break.
fn blank_line_runs(text: &str) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut run: Option<Range<usize>> = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content_end = offset + line.trim_end_matches(['\n', '\r']).len();
        if line.trim().is_empty() {
            runs.extend(run.take());
        } else {
            let start = run.as_ref().map_or(offset, |r| r.start);
            run = Some(start..content_end);
        }
        offset += line.len();
    }
    runs.extend(run);
    runs
}

fn runs_as_blocks(text: &str, kind: impl Fn() -> BlockKind) -> Vec<Block> {
    blank_line_runs(text)
        .into_iter()
        .map(|range| Block {
            kind: kind(),
            text: text[range.clone()].to_string(),
            start: range.start,
            end: range.end,
        })
        .collect()
}

fn code_blocks(text: &str, language: &str) -> Vec<Block> {
    runs_as_blocks(text, || BlockKind::Code {
        language: Some(language.to_string()),
    })
}

// ---------------------------------------------------------------------------------------------
// Markdown.

fn parse_markdown(text: &str) -> ParsedDoc {
    let mut metadata = Map::new();
    let mut body_start = 0;
    if let Some((yaml, after)) = split_front_matter(text) {
        match parse_front_matter(yaml) {
            Ok(map) => {
                metadata = map;
                body_start = after;
            }
            // Kept as text: the body is parsed from the very start, front matter included.
            Err(reason) => {
                metadata.insert("front_matter_error".into(), Value::String(reason));
            }
        }
    }
    let blocks = markdown_blocks(&text[body_start..], body_start);
    let title = metadata
        .get("title")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .or_else(|| first_h1(&blocks));
    ParsedDoc {
        title,
        metadata,
        blocks,
        page: None,
    }
}

fn first_h1(blocks: &[Block]) -> Option<String> {
    blocks
        .iter()
        .find(|b| b.kind == BlockKind::Heading { level: 1 })
        .map(|b| b.text.clone())
}

/// Finds `---` … `---` (or `...`) front matter at the very start; returns the YAML and the
/// offset where the body begins. Unclosed front matter is not front matter.
fn split_front_matter(text: &str) -> Option<(&str, usize)> {
    let first_len = if text.starts_with("---\n") {
        4
    } else if text.starts_with("---\r\n") {
        5
    } else {
        return None;
    };
    let mut offset = first_len;
    for line in text[first_len..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content == "---" || content == "..." {
            return Some((&text[first_len..offset], offset + line.len()));
        }
        offset += line.len();
    }
    None
}

fn parse_front_matter(yaml: &str) -> Result<Map<String, Value>, String> {
    if yaml.trim().is_empty() {
        return Ok(Map::new());
    }
    match crate::yaml::from_str::<Value>(yaml, crate::yaml::MAX_FRONT_MATTER_BYTES) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(Value::Null) => Ok(Map::new()),
        Ok(_) => Err("front matter is not a mapping".to_string()),
        Err(e) => Err(format!("front matter is not valid YAML: {e}")),
    }
}

/// An open block while walking Markdown events. Containers (list items, quotes, tables,
/// footnotes) gather the text of their tight content; leaves (headings, paragraphs, code) are
/// complete blocks.
struct Frame {
    kind: BlockKind,
    container: bool,
    start: usize,
    text: String,
}

/// Turns pulldown-cmark's events into blocks.
struct MarkdownWalker {
    stack: Vec<Frame>,
    blocks: Vec<Block>,
    /// The lists open, innermost last: the next item's number in an ordered one.
    lists: Vec<Option<u32>>,
}

/// Deepest nesting of lists an item is given: a list deeper in than that reads as its
/// parent's level.
const MAX_LIST_DEPTH: u8 = 3;

/// The depth of an item opened inside the blocks `open` (outermost first): how many list
/// items it is inside, up to [`MAX_LIST_DEPTH`]. Counted from the innermost, so a hostile
/// page's list nested thousands deep costs a few steps an item, not its whole depth.
fn list_depth<'a>(open: impl DoubleEndedIterator<Item = &'a BlockKind>) -> u8 {
    let inside = open
        .rev()
        .filter(|kind| matches!(kind, BlockKind::ListItem { .. }))
        .take(usize::from(MAX_LIST_DEPTH))
        .count();
    u8::try_from(inside).unwrap_or(MAX_LIST_DEPTH)
}

/// The number of the next item of the innermost open list, if it is ordered; counts it.
fn next_number(list: Option<&mut Option<u32>>) -> Option<u32> {
    let next = list?;
    let number = *next;
    *next = next.map(|n| n.saturating_add(1));
    number
}

fn markdown_blocks(body: &str, base: usize) -> Vec<Block> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut walker = MarkdownWalker {
        stack: Vec::new(),
        blocks: Vec::new(),
        lists: Vec::new(),
    };
    for (event, range) in Parser::new_ext(body, options).into_offset_iter() {
        walker.event(event, base + range.start..base + range.end);
    }
    walker.blocks
}

impl MarkdownWalker {
    /// How deep in lists an item opened now is.
    fn list_depth(&self) -> u8 {
        list_depth(self.stack.iter().map(|frame| &frame.kind))
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag, range),
            // Inline code keeps its marks outside headings: code flattened into a sentence
            // reads as prose ("calls list() and tuple()"), and the composer and the report
            // tell code from prose by them.
            Event::Code(t) => {
                let in_heading = self
                    .stack
                    .last()
                    .is_some_and(|f| matches!(f.kind, BlockKind::Heading { .. }));
                if in_heading {
                    self.push_text(&t)
                } else {
                    self.push_text(&code_span(&t))
                }
            }
            Event::Text(t) | Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t),
            Event::SoftBreak => self.push_text(" "),
            Event::HardBreak => self.push_text("\n"),
            // Raw HTML, rules, footnote markers and task boxes carry no searchable prose.
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => self.open(
                BlockKind::Heading { level: level as u8 },
                false,
                range.start,
            ),
            Tag::Paragraph => {
                if self.in_container() {
                    self.push_text("\n");
                } else {
                    self.open(BlockKind::Paragraph, false, range.start);
                }
            }
            Tag::CodeBlock(kind) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => fence_language(&info),
                    CodeBlockKind::Indented => None,
                };
                self.flush_container(range.start);
                self.open(BlockKind::Code { language }, false, range.start);
            }
            Tag::List(start) => self
                .lists
                .push(start.map(|n| u32::try_from(n).unwrap_or(u32::MAX))),
            Tag::Item => {
                let depth = self.list_depth();
                let number = next_number(self.lists.last_mut());
                self.open_container(BlockKind::ListItem { depth, number }, range.start)
            }
            Tag::BlockQuote(_) | Tag::FootnoteDefinition(_) => {
                self.open_container(BlockKind::Quote, range.start)
            }
            Tag::Table(_) => self.open_container(BlockKind::Table, range.start),
            Tag::TableCell if self.cell_follows_cell() => self.push_text(" | "),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, range: Range<usize>) {
        match tag {
            TagEnd::Paragraph if self.in_container() => {}
            TagEnd::Paragraph
            | TagEnd::Heading(_)
            | TagEnd::CodeBlock
            | TagEnd::Item
            | TagEnd::BlockQuote(_)
            | TagEnd::FootnoteDefinition
            | TagEnd::Table => self.close(range.end),
            TagEnd::TableHead | TagEnd::TableRow => self.push_text("\n"),
            TagEnd::List(_) => {
                self.lists.pop();
            }
            _ => {}
        }
    }

    fn in_container(&self) -> bool {
        self.stack.last().is_some_and(|f| f.container)
    }

    /// Whether a table cell starts after another in the same row (rows end with a newline).
    fn cell_follows_cell(&self) -> bool {
        self.stack
            .last()
            .is_some_and(|f| !f.text.is_empty() && !f.text.ends_with('\n'))
    }

    fn push_text(&mut self, text: &str) {
        if let Some(frame) = self.stack.last_mut() {
            frame.text.push_str(text);
        }
    }

    fn open(&mut self, kind: BlockKind, container: bool, start: usize) {
        self.stack.push(Frame {
            kind,
            container,
            start,
            text: String::new(),
        });
    }

    /// A container nested in another first emits the outer one's text so far, so the order of
    /// blocks follows the source.
    fn open_container(&mut self, kind: BlockKind, start: usize) {
        self.flush_container(start);
        self.open(kind, true, start);
    }

    fn flush_container(&mut self, at: usize) {
        if let Some(frame) = self.stack.last_mut().filter(|f| f.container) {
            let text = std::mem::take(&mut frame.text);
            let (kind, start) = (frame.kind.clone(), frame.start);
            self.emit(kind, text, start, at);
        }
    }

    /// Closes the innermost frame; the enclosing container's remaining text starts after it.
    fn close(&mut self, end: usize) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        self.emit(frame.kind, frame.text, frame.start, end);
        if let Some(parent) = self.stack.last_mut() {
            parent.start = end;
        }
    }

    fn emit(&mut self, kind: BlockKind, text: String, start: usize, end: usize) {
        let text = match kind {
            BlockKind::Code { .. } => text.trim_end_matches(['\n', '\r']).to_string(),
            BlockKind::Heading { .. } => clean_heading(&text),
            _ => text.trim().to_string(),
        };
        if !text.trim().is_empty() {
            self.blocks.push(Block {
                kind,
                text,
                start,
                end: end.max(start),
            });
        }
    }
}

/// The language of a fenced block: the info string's first word, without attributes
/// (`rust,ignore` → `rust`, `{.python}` → `python`).
fn fence_language(info: &str) -> Option<String> {
    let word = info.split_whitespace().next()?;
    let word = word.split(',').next()?.trim_matches(['{', '}', '.']);
    (!word.is_empty()).then(|| word.to_ascii_lowercase())
}

/// Heading text without whitespace runs and the permalink markers doc generators append
/// (`§`, `¶`, `#`, `🔗`).
fn clean_heading(text: &str) -> String {
    collapse_whitespace(text)
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '§' | '¶' | '#' | '🔗'))
        .to_string()
}

fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// HTML.

/// Whether an element's subtree is never content: code, styling, chrome and interactive
/// widgets. (Each `match` on a name here runs for every element or tag of every page, where a
/// scan of a list compared the name with each entry in turn.)
fn is_html_skip(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "svg"
            | "button"
            | "head"
            | "iframe"
            | "object"
            | "select"
            | "dialog"
    )
}

/// Whether an element's boundaries end a block of text (a `match` because this runs twice
/// for every element of every page).
fn is_html_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "blockquote"
            | "body"
            | "caption"
            | "dd"
            | "details"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "li"
            | "main"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "tfoot"
            | "thead"
            | "tr"
            | "ul"
    )
}

/// html5ever's tree building is quadratic in element nesting depth (every start tag scans the
/// stack of open elements), so a small hostile page of 100k nested `<div>`s would occupy a
/// worker for minutes. Real pages nest well under a hundred deep.
const MAX_HTML_NESTING: usize = 1000;

/// Whether a tag name (in any case) is one of the elements that never nest deeply: void
/// elements, and those HTML closes implicitly at their next sibling (old-style pages leave
/// `<p>` and `<li>` unclosed).
fn is_html_non_nesting(name: &str) -> bool {
    lowercase_is(name, |name| {
        matches!(
            name,
            b"area"
                | b"base"
                | b"br"
                | b"col"
                | b"embed"
                | b"hr"
                | b"img"
                | b"input"
                | b"link"
                | b"meta"
                | b"source"
                | b"track"
                | b"wbr"
                | b"p"
                | b"li"
                | b"dt"
                | b"dd"
                | b"tr"
                | b"td"
                | b"th"
                | b"option"
                | b"thead"
                | b"tbody"
                | b"tfoot"
                | b"colgroup"
                | b"rt"
                | b"rp"
                | b"optgroup"
                | b"param"
        )
    })
}

/// Longest word `lowercase_is` folds: longer than any tag name or class word it is compared
/// with, so a word it cannot fold matches none of them.
const FOLDED_WORD_BYTES: usize = 32;

/// Whether `word`, ASCII letters lowercased, passes `test`: a comparison with lowercase
/// names without allocating a lowercase copy. A word longer than `FOLDED_WORD_BYTES` fails.
fn lowercase_is(word: &str, test: impl FnOnce(&[u8]) -> bool) -> bool {
    let mut buf = [0u8; FOLDED_WORD_BYTES];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    for (l, b) in lower.iter_mut().zip(word.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    test(lower)
}

fn parse_html(text: &str) -> ParsedDoc {
    if html_nesting_estimate(text) > MAX_HTML_NESTING {
        let mut doc = ParsedDoc {
            blocks: runs_as_blocks(&strip_tags(text), || BlockKind::Paragraph),
            ..ParsedDoc::default()
        };
        doc.metadata.insert(
            "parse_warning".into(),
            Value::String(format!(
                "HTML nested deeper than {MAX_HTML_NESTING} elements; indexed with tags stripped"
            )),
        );
        return doc;
    }
    let document = html_tree::parse_document(text);
    let landmarks = Landmarks::find(document.root());
    let mut walker = HtmlWalker::default();
    if let Some(root) = landmarks.content_root() {
        walker.walk(root);
    }
    let mut page = landmarks.signals;
    page.text_chars = walker.text_chars;
    page.link_chars = walker.link_chars;
    page.entry_chars = walker.entry_chars;
    page.entries = walker.entries;
    page.chrome_link_chars = walker.chrome_link_chars;
    let title = landmarks.title.or_else(|| first_h1(&walker.blocks));
    let mut blocks = walker.blocks;
    let named = blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Heading { .. }) && b.text.trim() == "NAME");
    // A description that opens with the summary's words says it already ("Manage multiple
    // working trees attached to the same repository.").
    let first_paragraph = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Paragraph)
        .map(|b| b.text.to_lowercase());
    let said = |line: &String| {
        let summary = line.split_once(" \u{2014} ").map_or("", |(_, s)| s);
        let summary = summary.trim_end_matches('.').to_lowercase();
        first_paragraph
            .as_deref()
            .is_some_and(|p| p.starts_with(&summary))
    };
    if let Some(line) = landmarks.manual_name.filter(|l| !named && !said(l)) {
        blocks.insert(
            0,
            Block {
                kind: BlockKind::Paragraph,
                text: line,
                start: 0,
                end: 0,
            },
        );
    }
    ParsedDoc {
        title,
        metadata: Map::new(),
        blocks,
        page: Some(page),
    }
}

/// Longest NAME line of a manual page read: one name and one line of summary.
const MAX_NAME_LINE: usize = 300;

/// A manual page's NAME line ("git-rebase - Reapply commits on top of another base tip") as
/// the sentence that leads the page ("`git-rebase` — Reapply commits on top of another base
/// tip."): what the page's subject is, in its author's words. None unless it is one name, a
/// dash and a summary.
fn manual_name_line(line: &str) -> Option<String> {
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.len() > MAX_NAME_LINE {
        return None;
    }
    let (name, summary) = [" - ", " \u{2014} ", " \u{2013} "]
        .iter()
        .find_map(|dash| line.split_once(dash))?;
    let (name, summary) = (name.trim(), summary.trim().trim_end_matches('.'));
    if name.is_empty() || name.contains([' ', '`']) || summary.is_empty() {
        return None;
    }
    Some(format!("`{name}` \u{2014} {summary}."))
}

/// Maximum depth of open elements, counted from start and end tags without building a tree
/// (reading stops one past `MAX_HTML_NESTING`, which decides already). Overestimates only for unclosed non-void elements outside `is_html_non_nesting`. An end
/// tag closes the innermost open element of its name and those inside it, as the tree
/// builder does; one with no such element open closes nothing (the builder ignores it), so
/// `<div></b>` repeated nests as deep as `<div>` alone.
fn html_nesting_estimate(text: &str) -> usize {
    // Bytes and `memchr`: this reads every tag of every page before the tree is built, and
    // `str::find` with a char pattern costs more per tag than the search itself.
    let b = text.as_bytes();
    // The open elements by name key, and how many of each are open, so an end tag finds
    // whether its element is open at once and pops only what it closes.
    let mut open: Vec<u64> = Vec::new();
    let mut counts: HashMap<u64, usize> = HashMap::new();
    let mut max = 0usize;
    let mut i = 0;
    while let Some(at) = memchr::memchr(b'<', &b[i..]) {
        i += at + 1;
        let closing = b.get(i) == Some(&b'/');
        let start = i + usize::from(closing);
        if !b.get(start).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_len = b[start..]
            .iter()
            .position(|&c| !c.is_ascii_alphanumeric() && c != b'-')
            .unwrap_or(b.len() - start);
        let name = &text[start..start + name_len];
        if closing {
            let key = tag_key(name);
            if counts.get(&key).is_some_and(|&n| n > 0) {
                while let Some(popped) = open.pop() {
                    *counts.entry(popped).or_default() -= 1;
                    if popped == key {
                        break;
                    }
                }
            }
            continue;
        }
        if name.eq_ignore_ascii_case("script") || name.eq_ignore_ascii_case("style") {
            // Their content is not markup: `a<b` in a script is not a tag.
            i = text.len() - skip_raw_text(&text[i..], name).len();
            continue;
        }
        let attrs = &b[i + name_len..];
        let attrs = &attrs[..memchr::memchr(b'>', attrs).unwrap_or(attrs.len())];
        let self_closing = attrs.last() == Some(&b'/');
        if !self_closing && !is_html_non_nesting(name) {
            let key = tag_key(name);
            open.push(key);
            *counts.entry(key).or_default() += 1;
            max = max.max(open.len());
            // Past the limit the page is refused whatever follows: no need to read on.
            if max > MAX_HTML_NESTING {
                return max;
            }
        }
    }
    max
}

/// A tag name folded to one number (FNV-1a over its ASCII-lowercase bytes): the nesting
/// estimate keeps one per open element without allocating a name.
fn tag_key(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The rest of the document after the end tag `</name` of a raw-text element, or nothing.
fn skip_raw_text<'a>(rest: &'a str, name: &str) -> &'a str {
    let mut from = 0;
    while let Some(at) = rest[from..].find("</") {
        let tag_start = from + at + 2;
        let candidate = rest.get(tag_start..tag_start + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
            return &rest[tag_start..];
        }
        from = tag_start;
    }
    ""
}

/// Text with `<...>` tags removed and common entities left as written: the degraded path for
/// pages too hostile to build a tree from.
fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len() / 2);
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// The first of each element that decides the title and the content root, found in one pass.
#[derive(Default)]
struct Landmarks<'a> {
    title: Option<String>,
    signals: PageSignals,
    main: Option<NodeRef<'a, Node>>,
    article: Option<NodeRef<'a, Node>>,
    role_main: Option<NodeRef<'a, Node>>,
    main_content: Option<NodeRef<'a, Node>>,
    /// Sphinx's `div.body` and Asciidoctor's `div#content`: the page body of generators that
    /// write no `main`.
    generated_body: Option<NodeRef<'a, Node>>,
    /// A manual page's NAME line (`manual_name_line`), which Asciidoctor puts in the page's
    /// header, before its content; and whether a NAME heading was seen.
    manual_name: Option<String>,
    looked_for_name: bool,
    body: Option<NodeRef<'a, Node>>,
}

impl<'a> Landmarks<'a> {
    fn find(root: NodeRef<'a, Node>) -> Self {
        let mut found = Landmarks::default();
        for node in root.descendants() {
            let Node::Element(element) = node.value() else {
                continue;
            };
            found.note(node, element);
            // `main` outranks everything else; once it, the title and the next page are
            // known, stop.
            if found.main.is_some() && found.title.is_some() && found.signals.next.is_some() {
                break;
            }
        }
        found
    }

    fn note(&mut self, node: NodeRef<'a, Node>, element: &Element) {
        let slot = match element.name() {
            "title" => {
                if self.title.is_none() {
                    self.title = Some(clean_heading(&text_of(node))).filter(|t| !t.is_empty());
                }
                return;
            }
            "link" | "a" if element.attr(Attr::Rel).is_some() => {
                let rel = element.attr(Attr::Rel).unwrap_or_default();
                let has_rel =
                    |name: &str| rel.split_whitespace().any(|r| r.eq_ignore_ascii_case(name));
                let href = || element.attr(Attr::Href).map(|h| h.trim().to_string());
                if element.name() == "link" && has_rel("canonical") {
                    self.signals.canonical = self.signals.canonical.take().or_else(href);
                }
                if has_rel("next") {
                    self.signals.next = self.signals.next.take().or_else(href);
                }
                return;
            }
            "meta" => {
                let equiv = element.attr(Attr::HttpEquiv).unwrap_or_default();
                let name = element.attr(Attr::Name).unwrap_or_default();
                let content = element.attr(Attr::Content).unwrap_or_default();
                if equiv.eq_ignore_ascii_case("refresh") {
                    self.signals.refresh = true;
                } else if name.eq_ignore_ascii_case("robots")
                    && content.to_ascii_lowercase().contains("noindex")
                {
                    self.signals.noindex = true;
                }
                return;
            }
            // A NAME heading is a word in a small element; the first one is the page's.
            "h2" if !self.looked_for_name
                && node.descendants().nth(SMALL_ELEMENT_NODES).is_none()
                && text_of(node).trim() == "NAME" =>
            {
                self.looked_for_name = true;
                self.manual_name = node
                    .next_siblings()
                    .find(|n| n.value().as_element().is_some())
                    .and_then(|n| bounded_text(n, MAX_NAME_LINE * 4))
                    .and_then(|line| manual_name_line(&line));
                return;
            }
            "main" => &mut self.main,
            "article" => &mut self.article,
            "body" => &mut self.body,
            _ if element.attr(Attr::Role) == Some("main") => &mut self.role_main,
            _ if element.id() == Some("main-content") => &mut self.main_content,
            "div" if element.id() == Some("content") || has_class(element, "body") => {
                &mut self.generated_body
            }
            _ => return,
        };
        slot.get_or_insert(node);
    }

    fn content_root(&self) -> Option<NodeRef<'a, Node>> {
        self.main
            .or(self.article)
            .or(self.role_main)
            .or(self.main_content)
            .or(self.generated_body)
            .or(self.body)
    }
}

/// `text` as an inline code span, with a fence longer than any backtick run inside it.
fn code_span(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Inline elements whose text is code.
fn is_inline_code(name: &str) -> bool {
    matches!(name, "code" | "kbd" | "samp" | "tt")
}

/// The text of `node`, or None when it is longer than `limit` bytes (read no further).
fn bounded_text(node: NodeRef<'_, Node>, limit: usize) -> Option<String> {
    let mut out = String::new();
    for text in node.descendants().filter_map(|n| n.value().as_text()) {
        if out.len() + text.len() > limit {
            return None;
        }
        out.push_str(text);
    }
    Some(out)
}

fn text_of(node: NodeRef<'_, Node>) -> String {
    node.descendants()
        .filter_map(|n| n.value().as_text())
        .collect()
}

/// Walks the content subtree iteratively (hostile nesting depth cannot overflow the stack),
/// gathering text into blocks whose kind is that of the innermost heading, `pre`, `li`,
/// `blockquote` or `tr` around it.
#[derive(Default)]
struct HtmlWalker {
    blocks: Vec<Block>,
    /// Offset of the next block in the extracted text.
    cursor: usize,
    buf: String,
    kinds: Vec<(NodeId, BlockKind)>,
    skipping: Option<NodeId>,
    pre: Option<NodeId>,
    /// The `a` element being read, so its text counts as link text.
    link: Option<NodeId>,
    /// The inline code element being read (outside `pre` and headings), and where its text
    /// starts in `buf`: its text becomes a code span when it closes.
    code: Option<(NodeId, usize)>,
    text_chars: usize,
    link_chars: usize,
    /// Whether the link being read points into the same site.
    local_link: bool,
    /// Text and same-site link characters of the block being gathered, to tell entries from
    /// prose.
    block_chars: usize,
    block_link_chars: usize,
    entry_chars: usize,
    entries: usize,
    chrome_link_chars: usize,
    /// The heading that titles an admonition ("Note", "Warning"), read as a paragraph, and
    /// its text once read: it prefixes the admonition's first paragraph instead of opening a
    /// section.
    admonition_title: Option<NodeId>,
    label: Option<String>,
    /// Level of the last `h1`-`h6` read, the section a rubric titles a part of.
    section_level: u8,
    /// The `dt` being read, and whether it is a Sphinx signature (`dt.sig`), code whatever
    /// its words.
    term: Option<(NodeId, bool)>,
    /// Terms read and not yet given to their definition: a definition list's `dd` opens with
    /// them, so that the term and what defines it are one block (one chunk, one sentence for
    /// composition) instead of a bare name followed by a definition that does not say what of.
    terms: Vec<String>,
    /// Cells opened in the table row being read: every cell after the first is preceded by
    /// a pipe, an empty one too (a header's empty corner cell keeps the columns in line).
    row_cells: usize,
    /// The `ol` and `ul` elements open, innermost last, with the next item's number in an
    /// ordered one.
    lists: Vec<(NodeId, Option<u32>)>,
    /// The `li` whose text the last block pushed is, so that its next paragraph goes on with
    /// it rather than read as an item of its own.
    item_block: Option<NodeId>,
}

impl HtmlWalker {
    fn walk(&mut self, root: NodeRef<'_, Node>) {
        for edge in root.traverse() {
            match edge {
                Edge::Open(node) => match node.value() {
                    Node::Text(text) if self.skipping.is_none() => {
                        let chars = text.trim().chars().count();
                        self.text_chars += chars;
                        self.block_chars += chars;
                        if self.link.is_some() {
                            self.link_chars += chars;
                        }
                        if self.link.is_some() && self.local_link {
                            self.block_link_chars += chars;
                        }
                        self.buf.push_str(text)
                    }
                    Node::Element(element) => self.open(node, element),
                    _ => {}
                },
                Edge::Close(node) => {
                    if let Node::Element(element) = node.value() {
                        self.close(node.id(), element);
                    }
                }
            }
        }
        self.flush();
    }

    fn open(&mut self, node: NodeRef<'_, Node>, element: &Element) {
        if self.skipping.is_some() {
            return;
        }
        let name = element.name();
        if is_html_skip(name) || element.is_hidden() {
            self.skipping = Some(node.id());
            return;
        }
        if is_chrome(element) || is_link_bar(node, name) || is_page_contents(node, name) {
            self.chrome_link_chars += link_chars_in(node);
            self.skipping = Some(node.id());
            return;
        }
        if is_footnote_marker(node, element) {
            self.skipping = Some(node.id());
            return;
        }
        if name == "a" && self.link.is_none() {
            self.link = Some(node.id());
            // An index points into its own site; a list of outside links is a glossary or a
            // bibliography, read for its words.
            self.local_link = element
                .attr(Attr::Href)
                .is_some_and(|h| !h.contains(':') && !h.starts_with("//"));
        }
        if self.pre.is_some() {
            if name == "br" {
                self.buf.push('\n');
            }
            // mdBook's hidden lines (`#![allow(unused)]`, the `fn main() {` around an
            // excerpt): the page shows the code without them.
            if name == "span" && has_class(element, "boring") {
                self.skipping = Some(node.id());
            }
            return;
        }
        match name {
            "dt" => {
                self.flush();
                // A term still waiting for text (a `dd` that opens with a nested list) stands
                // on its own rather than be taken by the nested definition.
                self.release_label();
                let sig = has_class(element, "sig");
                self.term = Some((node.id(), sig));
            }
            "dd" => {
                self.flush();
                self.release_label();
                if !self.terms.is_empty() {
                    self.label = Some(format!("{}: ", self.terms.join(", ")));
                    self.terms.clear();
                }
            }
            _ => {}
        }
        let in_heading = matches!(self.kinds.last(), Some((_, BlockKind::Heading { .. })));
        if is_inline_code(name) && self.code.is_none() && !in_heading {
            self.code = Some((node.id(), self.buf.len()));
        }
        let kind = match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if titles_admonition(node, element) => {
                self.admonition_title = Some(node.id());
                Some(BlockKind::Paragraph)
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.section_level = name.as_bytes()[1] - b'0';
                Some(BlockKind::Heading {
                    level: self.section_level,
                })
            }
            // Sphinx writes the `rubric` directive, a section title outside the toctree, as a
            // paragraph; read as one, its section's text would belong to the section before.
            "p" if has_class(element, "rubric") => Some(BlockKind::Heading {
                level: (self.section_level + 1).clamp(2, 6),
            }),
            "pre" => {
                self.pre = Some(node.id());
                Some(BlockKind::Code {
                    language: pre_language(node, element),
                })
            }
            "ol" => {
                let start = element
                    .attr(Attr::Start)
                    .and_then(|n| n.trim().parse().ok());
                self.lists.push((node.id(), Some(start.unwrap_or(1))));
                None
            }
            "ul" | "menu" => {
                self.lists.push((node.id(), None));
                None
            }
            "li" => Some(BlockKind::ListItem {
                depth: list_depth(self.kinds.iter().map(|(_, kind)| kind)),
                number: next_number(self.lists.last_mut().map(|(_, next)| next)),
            }),
            "blockquote" => Some(BlockKind::Quote),
            "tr" => {
                self.row_cells = 0;
                Some(BlockKind::Table)
            }
            "td" | "th" => {
                if self.in_row() && self.row_cells > 0 {
                    self.buf.push_str(" | ");
                }
                self.row_cells += 1;
                None
            }
            "br" => {
                self.buf.push(' ');
                None
            }
            _ => None,
        };
        if kind.is_some() || is_html_block(name) {
            self.flush();
        }
        if let Some(kind) = kind {
            self.kinds.push((node.id(), kind));
        }
    }

    fn close(&mut self, id: NodeId, element: &Element) {
        match self.skipping {
            Some(skipped) if skipped == id => {
                self.skipping = None;
                return;
            }
            Some(_) => return,
            None => {}
        }
        if self.link == Some(id) {
            self.link = None;
        }
        if self.lists.last().is_some_and(|(list, _)| *list == id) {
            self.lists.pop();
        }
        if let Some((code, at)) = self.code
            && code == id
        {
            self.code = None;
            if at <= self.buf.len() && self.buf.is_char_boundary(at) {
                let span = code_span(&self.buf[at..]);
                self.buf.truncate(at);
                self.buf.push_str(&span);
            }
        }
        if self.pre.is_some_and(|pre| pre != id) {
            return;
        }
        let closes_kind = self.kinds.last().is_some_and(|(open, _)| *open == id);
        if closes_kind || is_html_block(element.name()) {
            self.flush();
        }
        if closes_kind {
            self.kinds.pop();
        }
        if self.pre == Some(id) {
            self.pre = None;
        }
        match element.name() {
            "dt" if self.term.is_some_and(|(term, _)| term == id) => self.term = None,
            // A definition with no text of its own, or terms with no definition, still say the
            // term.
            "dd" => self.release_label(),
            "dl" if !self.terms.is_empty() => {
                let terms = std::mem::take(&mut self.terms).join(", ");
                self.push_block(BlockKind::Paragraph, terms);
            }
            _ => {}
        }
    }

    /// Pushes a label that found no paragraph to open as a block of its own.
    fn release_label(&mut self) {
        if let Some(label) = self.label.take() {
            let label = label.trim_end().trim_end_matches(':').to_string();
            self.push_block(BlockKind::Paragraph, label);
        }
    }

    fn in_row(&self) -> bool {
        matches!(self.kinds.last(), Some((_, BlockKind::Table)))
    }

    fn flush(&mut self) {
        let raw = std::mem::take(&mut self.buf);
        let (chars, link_chars) = (self.block_chars, self.block_link_chars);
        (self.block_chars, self.block_link_chars) = (0, 0);
        let (open, kind) = self
            .kinds
            .last()
            .map_or((None, BlockKind::Paragraph), |(id, kind)| {
                (Some(*id), kind.clone())
            });
        let mut text = match kind {
            BlockKind::Code { .. } => raw.trim_matches(['\n', '\r']).trim_end().to_string(),
            BlockKind::Heading { .. } => clean_heading(&raw),
            _ => collapse_whitespace(&raw),
        };
        // A row of empty cells is only its pipes.
        if text
            .trim_matches(|c: char| c == '|' || c.is_whitespace())
            .is_empty()
        {
            return;
        }
        if open.is_some() && open == self.admonition_title {
            self.release_label();
            let label = text.trim_end_matches(':');
            self.label = Some(format!("{label}: "));
            return;
        }
        if let Some(label) = self.label.take() {
            if matches!(kind, BlockKind::Paragraph | BlockKind::Quote) {
                text.insert_str(0, &label);
            } else {
                self.push_block(BlockKind::Paragraph, label.trim_end().to_string());
            }
        }
        // An entry: a link with a few words or a list of keywords beside it, the line of an
        // index or a contents list, where prose with a link in it says a sentence.
        let is_text = !matches!(kind, BlockKind::Heading { .. } | BlockKind::Code { .. });
        let other = chars - link_chars.min(chars);
        if is_text && link_chars > 0 && (other <= ENTRY_MAX_OTHER_CHARS || !says_a_sentence(&text))
        {
            self.entry_chars += chars;
            self.entries += 1;
        }
        // Counted above as the block it was, a term waits for its definition.
        if let Some((_, sig)) = self.term
            && is_text
        {
            self.terms.push(term_label(&text, sig));
            return;
        }
        let is_item = matches!(kind, BlockKind::ListItem { .. });
        // An item's second paragraph goes on with it, as Markdown's does.
        if is_item
            && open.is_some()
            && self.item_block == open
            && let Some(last) = self.blocks.last_mut()
        {
            last.text.push('\n');
            last.text.push_str(&text);
            last.end += 1 + text.len();
            self.cursor = last.end + 2;
            return;
        }
        self.push_block(kind, text);
        if is_item {
            self.item_block = open;
        }
    }

    fn push_block(&mut self, kind: BlockKind, text: String) {
        self.item_block = None;
        let start = self.cursor;
        let end = start + text.len();
        self.cursor = end + 2;
        self.blocks.push(Block {
            kind,
            text,
            start,
            end,
        });
    }
}

/// A definition list's term as it opens its definition: code when it reads as code (a Sphinx
/// signature, an option, an identifier), as written when it holds code spans already, plain
/// when it is a word or a phrase. Permalink marks and a trailing colon go.
fn term_label(text: &str, sig: bool) -> String {
    let term = text
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '¶' | '§'))
        .trim_end_matches(':')
        .trim_end();
    if !term.contains('`') && (sig || looks_like_code(term)) {
        code_span(term)
    } else {
        term.to_string()
    }
}

/// Whether a term is code rather than words: an option (`--onto <newbase>`), or one token, with
/// spaces only inside brackets, that has the punctuation of code (`asyncio.run(coro, *,
/// debug=None)`, `sys_path`, `a/b`).
fn looks_like_code(term: &str) -> bool {
    if term.starts_with('-') && term.len() > 1 && !term[1..].starts_with(char::is_whitespace) {
        return true;
    }
    let mut depth = 0i32;
    for c in term.chars() {
        match c {
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' | '>' => depth -= 1,
            c if c.is_whitespace() && depth <= 0 => return false,
            _ => {}
        }
    }
    term.contains(['(', '.', '_', '=', '/', '[', '<', ':'])
}

/// Whether a class or id word (in any case) names page chrome that sits inside the content
/// element on generated sites: breadcrumbs, sidebars, tables of contents, "edit this page"
/// links, previous/next navigation, permalink markers (Sphinx `headerlink`, mdBook
/// `nav-chapters`, Asciidoctor `toc`, DocBook `navheader`/`navfooter`, and the same words on
/// hand-written HTML5 sites).
fn is_chrome_word(word: &str) -> bool {
    lowercase_is(word, |word| {
        matches!(
            word,
            b"breadcrumb"
                | b"breadcrumbs"
                | b"sidebar"
                | b"sphinxsidebar"
                | b"related"
                | b"toc"
                | b"toctitle"
                | b"headerlink"
                | b"edit-this-page"
                | b"edit-page"
                | b"editpage"
                | b"nav-chapters"
                | b"nav-wrapper"
                | b"navheader"
                | b"navfooter"
                | b"prev-next"
                | b"pagination"
                | b"menu-bar"
                | b"skip-link"
                | b"sr-only"
                | b"visually-hidden"
        )
    })
}

/// The words of an element's `class` as written.
fn class_words(element: &Element) -> std::str::SplitAsciiWhitespace<'_> {
    element
        .attr(Attr::Class)
        .unwrap_or_default()
        .split_ascii_whitespace()
}

/// The distinct words of an element's `class` in sorted order, the order in which a page's
/// first language class was always taken.
fn sorted_classes(element: &Element) -> Vec<&str> {
    let mut classes: Vec<&str> = class_words(element).collect();
    classes.sort_unstable();
    classes.dedup();
    classes
}

/// Whether the element has the class `class` (case-sensitive, as in CSS).
fn has_class(element: &Element, class: &str) -> bool {
    class_words(element).any(|c| c == class)
}

/// Whether an element is navigation or chrome by its role, classes or id.
fn is_chrome(element: &Element) -> bool {
    if matches!(
        element.attr(Attr::Role),
        Some("navigation" | "banner" | "contentinfo" | "search" | "complementary")
    ) {
        return true;
    }
    class_words(element).any(is_chrome_word) || element.id().is_some_and(is_chrome_word)
}

/// Languages that highlighters name differently from the fence convention.
fn normalise_language(lang: &str) -> Option<String> {
    let lang = lang.to_ascii_lowercase();
    let lang = match lang.as_str() {
        // Sphinx's `highlight-default` means the project's default lexer, which the page does not
        // name; `none` and `text` are not a language.
        "default" | "none" | "text" | "plain" | "plaintext" | "" => return None,
        "python3" | "py" | "py3" => "python",
        "pycon" | "python3con" => "pycon",
        "shell-session" | "shellsession" => "console",
        other => other,
    };
    Some(lang.to_string())
}

/// A code language where the page says it: `language-x`/`lang-x` classes or `data-lang`
/// (Asciidoctor) on the `pre` or its first child element, a Sphinx `highlight-x` class on an
/// enclosing `div`, or a bare known language class (rustdoc writes `class="rust"`).
fn pre_language(node: NodeRef<'_, Node>, element: &Element) -> Option<String> {
    let child = node.children().find_map(|c| c.value().as_element());
    let here = std::iter::once(element).chain(child);
    for e in here.clone() {
        if let Some(lang) = e.attr(Attr::DataLang) {
            return normalise_language(lang);
        }
    }
    let named = here.flat_map(sorted_classes).find_map(|class| {
        let named = class
            .strip_prefix("language-")
            .or_else(|| class.strip_prefix("lang-"));
        match named {
            Some(lang) if !lang.is_empty() => Some(normalise_language(lang)),
            _ => is_known_language(class).then(|| Some(class.to_string())),
        }
    });
    if let Some(lang) = named {
        return lang;
    }
    // Sphinx: <div class="highlight-python3 notranslate"><div class="highlight"><pre>.
    node.ancestors()
        .take(3)
        .filter_map(|a| a.value().as_element().map(sorted_classes))
        .flatten()
        .find_map(|class| class.strip_prefix("highlight-"))
        .and_then(normalise_language)
}

/// Non-link characters beside a block's links up to which the block is an entry of an index or
/// contents list (`B-Trees - <a>fileformat2.html</a>`) rather than prose with a link in it.
const ENTRY_MAX_OTHER_CHARS: usize = 48;

/// Whether text holds a sentence: a full stop, question or exclamation mark ending a word
/// before a space or the end (not the dot of `file.html` or `v1.2`).
fn says_a_sentence(text: &str) -> bool {
    let mut chars = text.trim_end().chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '.' | '?' | '!') && chars.peek().is_none_or(|n| n.is_whitespace()) {
            return true;
        }
    }
    false
}

/// Nodes looked at to judge a small element (a link bar, a footnote marker) before walking it;
/// bigger elements are not one of those, and the bound keeps the look linear in the page.
const SMALL_ELEMENT_NODES: usize = 200;

/// Link texts of page-to-page navigation, lowercased ("Prev", "Up", "Home", "Next" of DocBook;
/// "« Previous", "Next »" of hand-written sites).
const NAV_LINK_WORDS: &[&str] = &[
    "prev", "previous", "next", "up", "home", "top", "contents", "index",
];

/// Whether a small table, list or paragraph is a bar of navigation links only: at least two
/// links, every one of them a navigation word, whatever page titles stand beside them.
fn is_link_bar(node: NodeRef<'_, Node>, name: &str) -> bool {
    if !matches!(name, "table" | "div" | "p" | "ul" | "ol") {
        return false;
    }
    let mut links = 0;
    for n in node.descendants().take(SMALL_ELEMENT_NODES + 1).skip(1) {
        if n.value().as_element().is_some_and(|e| e.name() == "a") {
            let text = text_of(n).to_lowercase();
            let word = text.trim_matches(|c: char| !c.is_alphanumeric());
            if !NAV_LINK_WORDS.contains(&word) {
                return false;
            }
            links += 1;
        }
    }
    links >= 2 && node.descendants().nth(SMALL_ELEMENT_NODES).is_none()
}

/// Nodes looked at to judge whether an element is a page's own table of contents.
const PAGE_CONTENTS_NODES: usize = 2000;
/// Characters outside links beyond which an element is not a table of contents (a label and
/// section numbers take a few dozen).
const PAGE_CONTENTS_OTHER_CHARS: usize = 400;

/// Whether an element is the page's own table of contents: three or more links, every one to
/// an anchor in the same page, and little else: at most a third of its text outside links (a
/// "Table Of Contents" label, a toggle mark).
/// It repeats the page's headings, which stay as the sections.
fn is_page_contents(node: NodeRef<'_, Node>, name: &str) -> bool {
    if !matches!(name, "table" | "div" | "ul" | "ol" | "dl") {
        return false;
    }
    let (mut links, mut link_chars, mut chars) = (0, 0, 0);
    let mut seen = 0;
    let mut edges = node.traverse();
    let mut in_link: Option<NodeId> = None;
    for edge in edges.by_ref() {
        seen += 1;
        if seen > 2 * PAGE_CONTENTS_NODES {
            return false;
        }
        match edge {
            Edge::Open(n) => match n.value() {
                Node::Element(e) if e.name() == "a" => {
                    if let Some(href) = e.attr(Attr::Href) {
                        if !href.starts_with('#') {
                            return false;
                        }
                        links += 1;
                        in_link = Some(n.id());
                    }
                }
                Node::Text(t) => {
                    let c = t.trim().chars().count();
                    chars += c;
                    if in_link.is_some() {
                        link_chars += c;
                    } else if chars - link_chars > PAGE_CONTENTS_OTHER_CHARS {
                        // Prose: most elements stop here, early, rather than at the bound.
                        return false;
                    }
                }
                _ => {}
            },
            Edge::Close(n) if in_link == Some(n.id()) => in_link = None,
            Edge::Close(_) => {}
        }
    }
    links >= 3 && (chars - link_chars) * 3 <= chars
}

/// Characters of link text under `node`.
fn link_chars_in(node: NodeRef<'_, Node>) -> usize {
    node.descendants()
        .filter(|n| n.value().as_element().is_some_and(|e| e.name() == "a"))
        .map(|a| text_of(a).trim().chars().count())
        .sum()
}

/// Whether an element is a footnote reference: a link to an anchor in the same page whose
/// text is a footnote number or mark, or a `sup` holding only such a link (DocBook writes
/// `<sup>[<a href="#ftn.x">2</a>]</sup>`). Its "[2]" in a sentence is noise.
fn is_footnote_marker(node: NodeRef<'_, Node>, element: &Element) -> bool {
    let marker = |text: &str| {
        let t = text
            .trim()
            .trim_start_matches('[')
            .trim_end_matches(']')
            .trim();
        (1..=3).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit())
            || matches!(t, "*" | "†" | "‡")
    };
    let in_page_link =
        |e: &Element| e.name() == "a" && e.attr(Attr::Href).is_some_and(|h| h.starts_with('#'));
    let small = || node.descendants().nth(SMALL_ELEMENT_NODES).is_none();
    match element.name() {
        "a" => in_page_link(element) && small() && marker(&text_of(node)),
        "sup" => {
            small()
                && node
                    .descendants()
                    .any(|n| n.value().as_element().is_some_and(in_page_link))
                && marker(&text_of(node))
        }
        _ => false,
    }
}

/// Classes of an admonition's box (DocBook, Sphinx, Asciidoctor and hand-written sites).
const ADMONITION_CLASSES: &[&str] = &[
    "note",
    "tip",
    "important",
    "caution",
    "warning",
    "danger",
    "attention",
    "hint",
    "admonition",
];

/// Whether a heading is the title of an admonition ("Note" in DocBook's
/// `<div class="note"><h3 class="title">Note</h3>`): a label, not a section.
fn titles_admonition(node: NodeRef<'_, Node>, element: &Element) -> bool {
    let admonition = |e: &Element| {
        class_words(e).any(|c| ADMONITION_CLASSES.iter().any(|a| c.eq_ignore_ascii_case(a)))
    };
    class_words(element).any(|c| c.eq_ignore_ascii_case("admonition-title"))
        || node
            .parent()
            .and_then(|p| p.value().as_element().map(admonition))
            .unwrap_or(false)
}

// ---------------------------------------------------------------------------------------------
// JSON and YAML: flattened to `path.to.key: value` lines, one paragraph per top-level entry.

/// Deeper values are written inline, so a pathological nesting cannot blow up paths.
const MAX_FLATTEN_DEPTH: usize = 12;

/// A format-neutral view of a JSON or YAML value that keeps map order.
enum Tree {
    Scalar(String),
    List(Vec<Tree>),
    Map(Vec<(String, Tree)>),
}

impl Tree {
    fn from_json(value: &Value) -> Tree {
        match value {
            Value::Array(items) => Tree::List(items.iter().map(Tree::from_json).collect()),
            Value::Object(map) => Tree::Map(
                map.iter()
                    .map(|(k, v)| (k.clone(), Tree::from_json(v)))
                    .collect(),
            ),
            Value::String(s) => Tree::Scalar(s.clone()),
            other => Tree::Scalar(other.to_string()),
        }
    }

    fn from_yaml(value: &serde_norway::Value) -> Tree {
        use serde_norway::Value as Y;
        match value {
            Y::Sequence(items) => Tree::List(items.iter().map(Tree::from_yaml).collect()),
            Y::Mapping(map) => Tree::Map(
                map.iter()
                    .map(|(k, v)| (yaml_key(k), Tree::from_yaml(v)))
                    .collect(),
            ),
            Y::Tagged(tagged) => Tree::from_yaml(&tagged.value),
            Y::String(s) => Tree::Scalar(s.clone()),
            Y::Null => Tree::Scalar("null".into()),
            Y::Bool(b) => Tree::Scalar(b.to_string()),
            Y::Number(n) => Tree::Scalar(n.to_string()),
        }
    }

    /// Writes `path: value` lines.
    fn flatten(&self, path: &str, depth: usize, out: &mut String) {
        match self {
            Tree::Scalar(value) => push_line(out, path, value),
            Tree::List(items) if items.is_empty() => push_line(out, path, "[]"),
            Tree::Map(entries) if entries.is_empty() => push_line(out, path, "{}"),
            _ if depth >= MAX_FLATTEN_DEPTH => push_line(out, path, &self.inline()),
            Tree::List(items) => {
                for (i, item) in items.iter().enumerate() {
                    item.flatten(&format!("{path}[{i}]"), depth + 1, out);
                }
            }
            Tree::Map(entries) => {
                for (key, value) in entries {
                    let child = if path.is_empty() {
                        key.clone()
                    } else {
                        format!("{path}.{key}")
                    };
                    value.flatten(&child, depth + 1, out);
                }
            }
        }
    }

    fn inline(&self) -> String {
        match self {
            Tree::Scalar(value) => value.clone(),
            Tree::List(items) => {
                let parts: Vec<String> = items.iter().map(Tree::inline).collect();
                format!("[{}]", parts.join(", "))
            }
            Tree::Map(entries) => {
                let parts: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", v.inline()))
                    .collect();
                format!("{{{}}}", parts.join(", "))
            }
        }
    }

    /// A top-level `title` or `name` string.
    fn title(&self) -> Option<String> {
        let Tree::Map(entries) = self else {
            return None;
        };
        ["title", "name"].iter().find_map(|wanted| {
            entries.iter().find_map(|(key, value)| match value {
                Tree::Scalar(s) if key == wanted && !s.trim().is_empty() => {
                    Some(s.trim().to_string())
                }
                _ => None,
            })
        })
    }

    /// The top-level entries, each flattened to one paragraph's text.
    fn groups(&self) -> Vec<String> {
        let flatten = |path: &str, tree: &Tree| {
            let mut out = String::new();
            tree.flatten(path, 1, &mut out);
            out.trim_end().to_string()
        };
        match self {
            Tree::Map(entries) => entries.iter().map(|(k, v)| flatten(k, v)).collect(),
            Tree::List(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| flatten(&format!("[{i}]"), v))
                .collect(),
            Tree::Scalar(_) => vec![flatten("", self)],
        }
    }
}

fn push_line(out: &mut String, path: &str, value: &str) {
    if !path.is_empty() {
        out.push_str(path);
        out.push_str(": ");
    }
    out.push_str(value);
    out.push('\n');
}

fn yaml_key(key: &serde_norway::Value) -> String {
    match Tree::from_yaml(key) {
        Tree::Scalar(s) => s,
        other => other.inline(),
    }
}

/// Builds the document from a tree and, where they line up one-to-one with its top-level
/// entries, their source ranges; otherwise each paragraph cites the whole source.
fn structured_doc(tree: &Tree, spans: Vec<Range<usize>>, source_len: usize) -> ParsedDoc {
    let groups = tree.groups();
    let aligned = spans.len() == groups.len();
    let blocks = groups
        .into_iter()
        .enumerate()
        .filter(|(_, text)| !text.is_empty())
        .map(|(i, text)| {
            let range = if aligned {
                spans[i].clone()
            } else {
                0..source_len
            };
            Block {
                kind: BlockKind::Paragraph,
                text,
                start: range.start,
                end: range.end,
            }
        })
        .collect();
    ParsedDoc {
        title: tree.title(),
        metadata: Map::new(),
        blocks,
        page: None,
    }
}

/// Unparseable structured data is indexed verbatim, with the reason recorded.
fn verbatim_fallback(text: &str, language: &str, error: String) -> ParsedDoc {
    let mut metadata = Map::new();
    metadata.insert("parse_error".into(), Value::String(error));
    ParsedDoc {
        title: None,
        metadata,
        blocks: code_blocks(text, language),
        page: None,
    }
}

fn parse_json(text: &str) -> ParsedDoc {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => return verbatim_fallback(text, "json", format!("invalid JSON: {e}")),
    };
    let spans = json_top_level_spans(text);
    // serde_json's maps are sorted; rebuild the top level in source order from the spans.
    let tree = match &value {
        Value::Object(_) => {
            json_members_in_order(text, &spans).unwrap_or_else(|| Tree::from_json(&value))
        }
        _ => Tree::from_json(&value),
    };
    structured_doc(&tree, spans, text.len())
}

/// The top-level object's members parsed one by one from their source spans, keeping order.
fn json_members_in_order(text: &str, spans: &[Range<usize>]) -> Option<Tree> {
    let mut entries = Vec::with_capacity(spans.len());
    for span in spans {
        let member: Map<String, Value> =
            serde_json::from_str(&format!("{{{}}}", &text[span.clone()])).ok()?;
        let (key, value) = member.into_iter().next()?;
        entries.push((key, Tree::from_json(&value)));
    }
    Some(Tree::Map(entries))
}

/// Byte ranges of the members (or elements) of a top-level JSON object (or array), found by a
/// scan that tracks strings and nesting. Only called on text that parsed as JSON.
fn json_top_level_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let mut item_start: Option<usize> = None;
    let mut close_item = |start: &mut Option<usize>, at: usize| {
        if let Some(begin) = start.take() {
            spans.push(begin..begin + text[begin..at].trim_end().len());
        }
    };
    for (i, &byte) in bytes.iter().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if depth == 1
            && item_start.is_none()
            && !byte.is_ascii_whitespace()
            && !matches!(byte, b',' | b'}' | b']')
        {
            item_start = Some(i);
        }
        match byte {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    close_item(&mut item_start, i);
                    break;
                }
            }
            b',' if depth == 1 => close_item(&mut item_start, i),
            _ => {}
        }
    }
    spans
}

fn parse_yaml(text: &str) -> ParsedDoc {
    // A YAML file is already capped by `kb.max_file_bytes`; only its nesting needs a check.
    match crate::yaml::from_str::<serde_norway::Value>(text, usize::MAX) {
        Ok(value) => {
            let tree = Tree::from_yaml(&value);
            structured_doc(&tree, yaml_top_level_spans(text), text.len())
        }
        Err(e) => verbatim_fallback(text, "yaml", format!("invalid YAML: {e}")),
    }
}

/// Ranges from each line that starts a top-level entry (in column 0, not a comment or document
/// marker) to the next. Used only when their count matches the parsed entries.
fn yaml_top_level_spans(text: &str) -> Vec<Range<usize>> {
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let starts_entry = line
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '#')
            && !line.starts_with("---")
            && !line.starts_with("...");
        if starts_entry {
            starts.push(offset);
        }
        offset += line.len();
    }
    let ends = starts
        .iter()
        .skip(1)
        .copied()
        .chain(std::iter::once(text.len()));
    starts
        .iter()
        .zip(ends)
        .map(|(&start, end)| start..start + text[start..end].trim_end().len())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(doc: &ParsedDoc) -> Vec<(BlockKind, &str)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind.clone(), b.text.as_str()))
            .collect()
    }

    fn heading(level: u8) -> BlockKind {
        BlockKind::Heading { level }
    }

    fn code(lang: Option<&str>) -> BlockKind {
        BlockKind::Code {
            language: lang.map(str::to_string),
        }
    }

    #[test]
    fn markdown_front_matter_becomes_metadata() {
        let src = "---\ntitle: Guide\ntags: [a, b]\n---\n# Heading\n\nBody *text* with `code` and [a link](http://x).\n";
        let doc = parse(&Format::Markdown, src);
        assert_eq!(doc.title.as_deref(), Some("Guide"));
        assert_eq!(doc.metadata["tags"], serde_json::json!(["a", "b"]));
        assert_eq!(
            kinds(&doc),
            vec![
                (heading(1), "Heading"),
                (BlockKind::Paragraph, "Body text with `code` and a link.")
            ]
        );
        let h = &doc.blocks[0];
        assert_eq!(&src[h.start..h.end], "# Heading\n");
    }

    #[test]
    fn malformed_front_matter_is_kept_as_text() {
        let src = "---\ntitle: [unclosed\n---\n# Real\n";
        let doc = parse(&Format::Markdown, src);
        assert!(
            doc.metadata["front_matter_error"]
                .as_str()
                .unwrap()
                .contains("YAML")
        );
        assert!(doc.blocks.iter().any(|b| b.text.contains("unclosed")));
        assert_eq!(doc.title.as_deref(), Some("Real"));
        let not_map = parse(&Format::Markdown, "---\n- a\n---\ntext\n");
        assert_eq!(
            not_map.metadata["front_matter_error"],
            "front matter is not a mapping"
        );
    }

    #[test]
    fn markdown_structure() {
        let src = "Intro para\nsecond line\n\n## Part\n\n```rust,ignore\nfn a() {}\n```\n\n- one\n- two\n  - nested\n\n> quoted\n> text\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n    indented code\n";
        let doc = parse(&Format::Markdown, src);
        assert_eq!(doc.title, None);
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Paragraph, "Intro para second line"),
                (heading(2), "Part"),
                (code(Some("rust")), "fn a() {}"),
                (
                    BlockKind::ListItem {
                        depth: 0,
                        number: None
                    },
                    "one"
                ),
                (
                    BlockKind::ListItem {
                        depth: 0,
                        number: None
                    },
                    "two"
                ),
                (
                    BlockKind::ListItem {
                        depth: 1,
                        number: None
                    },
                    "nested"
                ),
                (BlockKind::Quote, "quoted text"),
                (BlockKind::Table, "a | b\n1 | 2"),
                (code(None), "indented code"),
            ]
        );
        for block in &doc.blocks {
            assert!(
                block.start <= block.end && block.end <= src.len(),
                "{block:?}"
            );
        }
        let fence = &doc.blocks[2];
        assert!(src[fence.start..fence.end].starts_with("```rust"));
    }

    #[test]
    fn markdown_loose_items_and_code_in_items_keep_order() {
        let src =
            "1. first\n\n   more of first\n\n   ```sh\n   ls\n   ```\n\n   after code\n2. second\n";
        let doc = parse(&Format::Markdown, src);
        assert_eq!(
            kinds(&doc),
            vec![
                (item(0, Some(1)), "first\nmore of first"),
                (code(Some("sh")), "ls"),
                (item(0, Some(1)), "after code"),
                (item(0, Some(2)), "second"),
            ]
        );
    }

    fn item(depth: u8, number: Option<u32>) -> BlockKind {
        BlockKind::ListItem { depth, number }
    }

    #[test]
    fn ordered_items_keep_their_numbers_from_where_the_list_starts() {
        let src = "3. third
4. fourth
   - a detail

- a bullet
";
        assert_eq!(
            kinds(&parse(&Format::Markdown, src)),
            vec![
                (item(0, Some(3)), "third"),
                (item(0, Some(4)), "fourth"),
                (item(1, None), "a detail"),
                (item(0, None), "a bullet"),
            ]
        );
        let page = "<html><body><main><ol start=\"2\"><li>Clone it.<ul><li>a detail</li></ul>\
                    </li><li><p>Build it.</p><p>Then test it.</p><ol><li>inner step</li></ol></li></ol>\
                    <ol start=\"x\"><li>bad start</li></ol><ul><li>a bullet</li></ul>\
                    </main></body></html>";
        assert_eq!(
            kinds(&parse(&Format::Html, page)),
            vec![
                (item(0, Some(2)), "Clone it."),
                (item(1, None), "a detail"),
                (item(0, Some(3)), "Build it.\nThen test it."),
                (item(1, Some(1)), "inner step"),
                (item(0, Some(1)), "bad start"),
                (item(0, None), "a bullet"),
            ]
        );
        // A start past the numbers an item holds stays at the last one, and so does a Markdown
        // list's; a list nested far deeper than it reads keeps its items.
        let huge = "<main><ol start=\"4294967295\"><li>last</li><li>past it</li></ol></main>";
        assert_eq!(
            kinds(&parse(&Format::Html, huge)),
            vec![
                (item(0, Some(u32::MAX)), "last"),
                (item(0, Some(u32::MAX)), "past it")
            ]
        );
        let markdown = "99999999999. far\n99999999999. on\n";
        assert!(
            kinds(&parse(&Format::Markdown, markdown))
                .iter()
                .all(|(kind, _)| matches!(kind, BlockKind::ListItem { .. } | BlockKind::Paragraph))
        );
        for levels in [200, 5_000] {
            let deep = format!("{}<li>deep", "<ol><li>x".repeat(levels));
            let doc = parse(&Format::Html, &deep);
            assert!(doc.blocks.iter().any(|b| b.text.contains("deep")));
            assert!(doc.blocks.iter().all(|b| match b.kind {
                BlockKind::ListItem { depth, .. } => depth <= MAX_LIST_DEPTH,
                _ => true,
            }));
        }
    }

    #[test]
    fn markdown_hostile_inputs_do_not_panic() {
        let deep = format!("{}x", "> ".repeat(5000));
        let lists = format!("{}x", "- ".repeat(2000));
        // Each item of a list nested this deep asks how deep it is.
        let deep_lists = format!("{}x", "- ".repeat(50_000));
        for src in [
            deep.as_str(),
            lists.as_str(),
            deep_lists.as_str(),
            "---\n",
            "---\n---\n",
            "```",
            "<div>\nraw html\n</div>",
            "# ",
            "\u{0}\u{FFFD}",
            "---\r\ntitle: crlf\r\n---\r\nbody\r\n",
        ] {
            let doc = parse(&Format::Markdown, src);
            for b in &doc.blocks {
                assert!(b.start <= b.end && b.end <= src.len());
            }
        }
        let crlf = parse(&Format::Markdown, "---\r\ntitle: crlf\r\n---\r\nbody\r\n");
        assert_eq!(crlf.title.as_deref(), Some("crlf"));
    }

    #[test]
    fn front_matter_alias_bomb_is_refused() {
        let mut yaml = String::from("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..12 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            yaml.push_str(&format!(
                "l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        yaml.push_str("---\nbody\n");
        let doc = parse(&Format::Markdown, &yaml);
        assert!(doc.metadata.contains_key("front_matter_error"));
    }

    const PAGE: &str = r##"<!DOCTYPE html><html><head><title> The  Page </title>
        <script>var x = "no";</script><style>p{}</style></head>
        <body><nav class="sidebar"><ul><li>Nav item</li></ul></nav>
        <header>Site header</header>
        <main>
          <h1>Main <a href="#t">§</a></h1>
          <p>First   paragraph
             with <b>bold</b> and <code>code</code>.</p>
          <div hidden>secret</div>
          <pre class="language-python"><code>def f():
    return 1
</code></pre>
          <ul><li>Item <em>one</em></li><li>Item two</li></ul>
          <table><tr><th>K</th><th>V</th></tr><tr><td>a</td><td>1</td></tr></table>
          <blockquote><p>Quoted</p></blockquote>
          <button>Copy</button><form><input value="x">Form text</form>
          <div>Loose div text<p>inner</p>tail</div>
        </main>
        <footer>Footer text</footer></body></html>"##;

    #[test]
    fn inline_code_keeps_its_marks_outside_headings() {
        let html = r#"<html><body><main><h2>The <code>ref</code> pattern</h2>
            <p>Use <code class="docutils literal"><span class="pre">list()</span></code> or
            <kbd>Ctrl</kbd> and <code>a`b</code>.</p></main></body></html>"#;
        let doc = parse(&Format::Html, html);
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            ["The ref pattern", "Use `list()` or `Ctrl` and ``a`b``."]
        );
    }

    #[test]
    fn html_sphinx_rubrics_are_headings_below_their_section() {
        let html = r##"<html><body><div class="body">
            <h1>Event Loop<a class="headerlink" href="#event-loop">¶</a></h1>
            <p class="rubric">Preface</p><p>The event loop is the core.</p>
            <p class="rubric">Obtaining the Event Loop</p><p>These functions get it.</p>
            <h2>Methods</h2><h3>Running</h3>
            <p class="rubric">Footnotes</p><p>One.</p></div></body></html>"##;
        let doc = parse(&Format::Html, html);
        assert_eq!(
            kinds(&doc),
            vec![
                (heading(1), "Event Loop"),
                (heading(2), "Preface"),
                (BlockKind::Paragraph, "The event loop is the core."),
                (heading(2), "Obtaining the Event Loop"),
                (BlockKind::Paragraph, "These functions get it."),
                (heading(2), "Methods"),
                (heading(3), "Running"),
                (heading(4), "Footnotes"),
                (BlockKind::Paragraph, "One."),
            ]
        );
    }

    #[test]
    fn html_definitions_open_with_their_term() {
        // Sphinx API reference: a signature, its permalink, a class with a nested method.
        let sphinx = r##"<html><body><div class="body"><dl class="py function">
            <dt class="sig sig-object py" id="asyncio.get_running_loop">
            <span class="sig-prename descclassname"><span class="pre">asyncio.</span></span><span
            class="sig-name descname"><span class="pre">get_running_loop</span></span><span
            class="sig-paren">(</span><span class="sig-paren">)</span><a class="headerlink"
            href="#asyncio.get_running_loop">¶</a></dt>
            <dd><p>Return the running event loop.</p><p>Raise an error otherwise.</p></dd></dl>
            <dl class="py class"><dt class="sig sig-object py"><em class="property">class
            </em>asyncio.Handle</dt><dd><dl class="py method"><dt class="sig">cancel()</dt>
            <dd><p>Cancel the callback.</p></dd></dl></dd></dl></div></body></html>"##;
        assert_eq!(
            kinds(&parse(&Format::Html, sphinx)),
            vec![
                (
                    BlockKind::Paragraph,
                    "`asyncio.get_running_loop()`: Return the running event loop."
                ),
                (BlockKind::Paragraph, "Raise an error otherwise."),
                (BlockKind::Paragraph, "`class asyncio.Handle`"),
                (BlockKind::Paragraph, "`cancel()`: Cancel the callback."),
            ]
        );
        // A glossary: words stay plain, a term in code keeps its span.
        let glossary = r##"<html><body><div class="body"><dl class="glossary">
            <dt id="term-0"><code class="docutils literal">&gt;&gt;&gt;</code><a
            class="headerlink" href="#term-0">¶</a></dt><dd><p>The default prompt.</p></dd>
            <dt id="term-abc">abstract base class<a class="headerlink" href="#t">¶</a></dt>
            <dd><p>Abstract base classes complement duck-typing.</p></dd>
            <dt>__future__</dt><dd><p>A future statement.</p></dd></dl></div></body></html>"##;
        assert_eq!(
            kinds(&parse(&Format::Html, glossary)),
            vec![
                (BlockKind::Paragraph, "`>>>`: The default prompt."),
                (
                    BlockKind::Paragraph,
                    "abstract base class: Abstract base classes complement duck-typing."
                ),
                (BlockKind::Paragraph, "`__future__`: A future statement."),
            ]
        );
        // Asciidoctor options with two names, one opening with code; a DocBook variablelist.
        let options = r#"<html><body><div id="content"><div class="dlist"><dl>
            <dt class="hdlist1">-i</dt><dt class="hdlist1">--interactive</dt>
            <dd><p>Make a list of the commits.</p></dd>
            <dt class="hdlist1">--onto &lt;newbase&gt;</dt>
            <dd><pre>git rebase --onto a b</pre><p>Starting point.</p></dd>
            <dt class="hdlist1">orphan</dt><dd></dd></dl></div>
            <div class="variablelist"><dl class="variablelist"><dt><span class="term"><code
            class="varname">work_mem</code> (<code class="type">integer</code>)</span></dt>
            <dd><p>Sets the memory.</p></dd></dl></div></div></body></html>"#;
        assert_eq!(
            kinds(&parse(&Format::Html, options)),
            vec![
                (
                    BlockKind::Paragraph,
                    "`-i`, `--interactive`: Make a list of the commits."
                ),
                (BlockKind::Paragraph, "`--onto <newbase>`:"),
                (code(None), "git rebase --onto a b"),
                (BlockKind::Paragraph, "Starting point."),
                (BlockKind::Paragraph, "orphan"),
                (
                    BlockKind::Paragraph,
                    "`work_mem` (`integer`): Sets the memory."
                ),
            ]
        );
    }

    #[test]
    fn mdbook_hidden_lines_are_not_part_of_the_code() {
        let page = "<html><body><main><h1>Vec</h1><pre><code class=\"language-rust\">\
            <span class=\"boring\">#![allow(unused)]\n</span><span class=\"boring\">fn main() {\n\
            </span>struct Vec&lt;T&gt; { len: usize }\n<span class=\"boring\">}</span></code></pre>\
            </main></body></html>";
        assert_eq!(
            kinds(&parse(&Format::Html, page))[1..],
            [(code(Some("rust")), "struct Vec<T> { len: usize }")]
        );
    }

    #[test]
    fn html_list_items_keep_how_deep_they_are() {
        let page = "<html><body><main><ul><li>Producing invalid values:<ul>\
                    <li>a <code>bool</code> that is not 0 or 1</li><li>a null pointer</li>\
                    </ul></li><li>Causing a data race</li></ul></main></body></html>";
        let doc = parse(&Format::Html, page);
        assert_eq!(
            kinds(&doc),
            vec![
                (
                    BlockKind::ListItem {
                        depth: 0,
                        number: None
                    },
                    "Producing invalid values:"
                ),
                (
                    BlockKind::ListItem {
                        depth: 1,
                        number: None
                    },
                    "a `bool` that is not 0 or 1"
                ),
                (
                    BlockKind::ListItem {
                        depth: 1,
                        number: None
                    },
                    "a null pointer"
                ),
                (
                    BlockKind::ListItem {
                        depth: 0,
                        number: None
                    },
                    "Causing a data race"
                ),
            ]
        );
    }

    #[test]
    fn html_table_cells_keep_their_columns_when_empty() {
        let page = "<html><body><main><table>\
            <tr><th></th><th>'a</th><th>T</th></tr>\
            <tr><td><code>&amp;'a T</code></td><td>covariant</td><td></td></tr>\
            <tr><td></td><td> </td><td></td></tr>\
            </table></main></body></html>";
        let doc = parse(&Format::Html, page);
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Table, "| 'a | T"),
                (BlockKind::Table, "`&'a T` | covariant |"),
            ]
        );
    }

    #[test]
    fn html_main_content_only() {
        let doc = parse(&Format::Html, PAGE);
        assert_eq!(doc.title.as_deref(), Some("The Page"));
        assert_eq!(
            kinds(&doc),
            vec![
                (heading(1), "Main"),
                (
                    BlockKind::Paragraph,
                    "First paragraph with bold and `code`."
                ),
                (code(Some("python")), "def f():\n    return 1"),
                (
                    BlockKind::ListItem {
                        depth: 0,
                        number: None
                    },
                    "Item one"
                ),
                (
                    BlockKind::ListItem {
                        depth: 0,
                        number: None
                    },
                    "Item two"
                ),
                (BlockKind::Table, "K | V"),
                (BlockKind::Table, "a | 1"),
                (BlockKind::Quote, "Quoted"),
                (BlockKind::Paragraph, "Loose div text"),
                (BlockKind::Paragraph, "inner"),
                (BlockKind::Paragraph, "tail"),
            ]
        );
        // Ranges index the extracted text: blocks joined by blank lines.
        let extracted: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        let extracted = extracted.join("\n\n");
        for b in &doc.blocks {
            assert_eq!(&extracted[b.start..b.end], b.text);
        }
    }

    #[test]
    fn html_falls_back_to_body_and_first_h1() {
        let doc = parse(
            &Format::Html,
            "<html><body><h1>Only</h1><p>text</p><script>x</script></body></html>",
        );
        assert_eq!(doc.title.as_deref(), Some("Only"));
        assert_eq!(doc.blocks.len(), 2);
        let article = parse(
            &Format::Html,
            "<body><p>outside</p><div role=main><p>inside</p></div></body>",
        );
        assert_eq!(kinds(&article), vec![(BlockKind::Paragraph, "inside")]);
    }

    /// A page shaped as DocBook's XSL stylesheets write one: navigation tables in the body, a
    /// note box titled by a heading, a footnote reference.
    const DOCBOOK_PAGE: &str = "<html><head><title>13.2. Isolation</title></head><body>\
        <div class=\"navheader\"><table><tr><th colspan=\"3\">13.2. Isolation</th></tr><tr>\
        <td><a href=\"a.html\">Prev</a></td><th>Chapter 13</th>\
        <td><a href=\"c.html\">Next</a></td></tr></table></div>\
        <div class=\"sect1\"><h2 class=\"title\">13.2. Isolation</h2>\
        <p>Reads see a snapshot<sup>[<a href=\"#ftn.x\" class=\"footnote\">2</a>]</sup> of the data.</p>\
        <div class=\"note\"><h3 class=\"title\">Note</h3><p>Locks are held until commit.</p></div>\
        <h3>Serializable</h3><p>The strictest level.</p>\
        <div class=\"footnote\"><p><sup>[<a id=\"ftn.x\" href=\"#x\">2</a>] </sup>As of the start.</p></div>\
        </div><div class=\"navfooter\"><table><tr><td><a href=\"a.html\">Prev</a></td>\
        <td><a href=\"b.html\">Up</a></td><td><a href=\"c.html\">Next</a></td></tr>\
        <tr><td>13.1. Introduction</td><td><a href=\"index.html\">Home</a></td>\
        <td>13.3. Locking</td></tr></table></div></body></html>";

    #[test]
    fn html_docbook_navigation_admonitions_and_footnote_markers() {
        let doc = parse(&Format::Html, DOCBOOK_PAGE);
        assert_eq!(
            kinds(&doc),
            vec![
                (heading(2), "13.2. Isolation"),
                (BlockKind::Paragraph, "Reads see a snapshot of the data."),
                (BlockKind::Paragraph, "Note: Locks are held until commit."),
                (heading(3), "Serializable"),
                (BlockKind::Paragraph, "The strictest level."),
                (BlockKind::Paragraph, "As of the start."),
            ]
        );
        let page = doc.page.unwrap();
        assert!(page.chrome_link_chars >= "PrevNextPrevUpNextHome".len());
        assert_eq!(page.link_chars, 0);
    }

    #[test]
    fn html_a_manual_pages_name_line_in_its_header_leads_the_page() {
        let page = |description: &str| {
            format!(
                "<html><head><title>git-rebase(1)</title></head><body class=\"manpage\">\
                 <div id=\"header\"><h1>git-rebase(1) Manual Page</h1><h2>NAME</h2>\
                 <div class=\"sectionbody\"><p>git-rebase -\n   Reapply commits on top of \
                 another base tip\n</p></div></div><div id=\"content\"><div class=\"sect1\">\
                 <h2>DESCRIPTION</h2><div class=\"sectionbody\"><p>{description}</p></div>\
                 </div></div></body></html>"
            )
        };
        let doc = parse(
            &Format::Html,
            &page("If a branch is given, rebase switches first."),
        );
        assert_eq!(
            kinds(&doc),
            vec![
                (
                    BlockKind::Paragraph,
                    "`git-rebase` \u{2014} Reapply commits on top of another base tip."
                ),
                (heading(2), "DESCRIPTION"),
                (
                    BlockKind::Paragraph,
                    "If a branch is given, rebase switches first."
                ),
            ]
        );
        // A description that opens with the summary says it already.
        let doc = parse(
            &Format::Html,
            &page("Reapply commits on top of another base tip, one by one."),
        );
        assert_eq!(doc.blocks.len(), 2);
        assert_eq!(manual_name_line("two words - a summary"), None);
        assert_eq!(manual_name_line("git-log"), None);
        assert_eq!(manual_name_line(&format!("x - {}", "y ".repeat(200))), None);
        // A NAME line too long to be one is not read whole.
        let long = page("Text.").replace("Reapply commits", &"word ".repeat(2_000));
        assert_eq!(parse(&Format::Html, &long).blocks.len(), 2);
    }

    #[test]
    fn html_the_next_page_is_read_from_a_link_or_an_anchor() {
        // Sphinx names it in the head.
        let sphinx = "<html><head><title>Event Loop</title>\
            <link rel=\"next\" title=\"Futures\" href=\"asyncio-future.html\" /></head>\
            <body><div class=\"body\"><h1>Event Loop</h1><p>Text.</p></div></body></html>";
        let page = parse(&Format::Html, sphinx).page.unwrap();
        assert_eq!(page.next.as_deref(), Some("asyncio-future.html"));
        // mdBook puts it in an anchor after the content, twice; the first counts.
        let mdbook = "<html><head><title>match</title></head><body><main><h1>match</h1>\
            <p>Text.</p></main><nav><a rel=\"prev\" href=\"../if.html\">Prev</a>\
            <a rel=\"next prefetch\" href=\"../match/destructuring.html\">Next</a>\
            <a rel=\"next\" href=\"other.html\">Next</a></nav></body></html>";
        let page = parse(&Format::Html, mdbook).page.unwrap();
        assert_eq!(page.next.as_deref(), Some("../match/destructuring.html"));
        assert_eq!(page.canonical, None);
        let plain = "<html><body><main><p>Text.</p><a href=\"b.html\">b</a></main></body></html>";
        assert_eq!(parse(&Format::Html, plain).page.unwrap().next, None);
    }

    #[test]
    fn html_a_pages_own_table_of_contents_goes() {
        let doc = parse(
            &Format::Html,
            "<body><div class=\"fancy_toc\"><a onclick=\"t()\">Table Of Contents</a><div>\
             <div><a href=\"#one\">1. Overview</a></div><div><a href=\"#two\">2. Processing</a></div>\
             <div><a href=\"#three\">3. Limits</a></div><div><a href=\"#four\">4. Ordering</a></div>\
             <div><a href=\"#five\">5. Grouping</a></div></div></div>\
             <h1 id=\"one\">1. Overview</h1><p>See <a href=\"#two\">processing</a>, \
             <a href=\"#three\">limits</a> and <a href=\"#one\">this</a> for the steps.</p></body>",
        );
        assert_eq!(
            kinds(&doc),
            vec![
                (heading(1), "1. Overview"),
                (
                    BlockKind::Paragraph,
                    "See processing, limits and this for the steps."
                ),
            ]
        );
    }

    #[test]
    fn html_link_bars_go_and_links_in_prose_stay() {
        // A bar of navigation words is dropped whatever its markup; links that name pages are
        // not navigation words, and in-page links that are not footnote marks stay.
        let doc = parse(
            &Format::Html,
            "<body><p><a href=\"a.html\">« Previous</a> | <a href=\"c.html\">Next »</a></p>\
             <p>See <a href=\"#limits\">the limits</a> and <a href=\"next.html\">Next</a>.</p>\
             <ul><li><a href=\"up.html\">Up</a></li><li><a href=\"x.html\">Pools</a></li></ul>\
             <p>Step <a href=\"#s\">12345</a> applies.</p></body>",
        );
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Paragraph, "See the limits and Next."),
                (
                    BlockKind::ListItem {
                        depth: 0,
                        number: None
                    },
                    "Up"
                ),
                (
                    BlockKind::ListItem {
                        depth: 0,
                        number: None
                    },
                    "Pools"
                ),
                (BlockKind::Paragraph, "Step 12345 applies."),
            ]
        );
        // A Sphinx admonition's title is a paragraph already, and a titled heading outside an
        // admonition stays a heading.
        let sphinx = parse(
            &Format::Html,
            "<body><div class=\"admonition warning\"><p class=\"admonition-title\">Warning</p>\
             <p>Do not.</p></div><div class=\"sect2\"><h3 class=\"title\">Tip jars</h3></div></body>",
        );
        assert_eq!(
            kinds(&sphinx),
            vec![
                (BlockKind::Paragraph, "Warning"),
                (BlockKind::Paragraph, "Do not."),
                (heading(3), "Tip jars"),
            ]
        );
    }

    #[test]
    fn html_hostile_inputs() {
        let deep = format!("{}text{}", "<div>".repeat(50_000), "</div>".repeat(10));
        let doc = parse(&Format::Html, &deep);
        assert!(doc.metadata.contains_key("parse_warning"));
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.blocks[0].text.trim(), "text");
        let nested_ok = format!("{}<p>text{}", "<div>".repeat(500), "</div>".repeat(500));
        let doc = parse(&Format::Html, &nested_ok);
        assert_eq!(kinds(&doc), vec![(BlockKind::Paragraph, "text")]);
        let unclosed = format!(
            "<body>{}<script>{}</SCRIPT>",
            "<p>para <li>item <br> <img src=x/>".repeat(3000),
            "if (a<b) {}".repeat(3000)
        );
        let doc = parse(&Format::Html, &unclosed);
        assert!(!doc.metadata.contains_key("parse_warning"));
        for src in [
            "",
            "<",
            "<html",
            "<p>unclosed <b>bold",
            "<pre>",
            "\u{0}<p>x",
        ] {
            parse(&Format::Html, src);
        }
    }

    #[test]
    fn html_nesting_estimate_reads_tags_by_their_bytes() {
        // Values of the char-by-char estimate this replaced; a fuzz of 200,000 pages of tag
        // fragments found no page where the two differ.
        for (page, depth) in [
            ("<div><div></div></div>", 2),
            ("<div/><br><p><div>", 1),
            ("<script>if (a<b) {}</script><div>", 1),
            ("<div>é<dív><div>", 3),
            ("</div></div><div>", 1),
            ("<div a='>'/>", 1),
            ("<", 0),
            ("<div", 1),
            ("<DIV><Script>x</SCRIPT><Div>", 2),
            ("<a-b><1><-x></ y><x/>", 1),
            ("<p>é</p><section>\u{0}<article/ ><main/>", 2),
            ("<style>a<b</style><style><div>", 0),
            // An end tag closes what is inside its element; one of nothing open closes
            // nothing.
            ("<div><span><b></div><div>", 3),
            ("<div></b><div></b>", 2),
        ] {
            assert_eq!(html_nesting_estimate(page), depth, "{page:?}");
        }
    }

    #[test]
    fn tag_and_class_words_match_in_any_case_and_long_words_match_nothing() {
        assert!(is_html_non_nesting("OptGroup") && is_html_non_nesting("BR"));
        assert!(is_chrome_word("SphinxSidebar") && is_chrome_word("NAVHEADER"));
        assert!(!is_html_non_nesting("div") && !is_chrome_word("content"));
        let long = "sidebar".repeat(10);
        assert!(!is_chrome_word(&long) && !is_html_non_nesting(&long));
    }

    #[test]
    fn end_tags_of_elements_never_opened_do_not_hide_deep_nesting() {
        // The tree builder ignores `</b>` with no `<b>` open: the `<div>`s still nest.
        let hostile = "<div></b>".repeat(50_000);
        assert!(html_nesting_estimate(&hostile) > MAX_HTML_NESTING);
        let doc = parse(&Format::Html, &format!("{hostile}<p>text</p>"));
        assert!(doc.metadata.contains_key("parse_warning"));
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.blocks[0].text.trim(), "text");
    }

    #[test]
    fn html_rustdoc_page_has_no_sidebar() {
        let Some(page) = std_doc("vec/struct.Vec.html") else {
            return;
        };
        let doc = parse(&Format::Html, &page);
        assert_eq!(doc.title.as_deref(), Some("Vec in std::vec - Rust"));
        assert!(
            doc.blocks
                .iter()
                .any(|b| b.kind == heading(1) && b.text.contains("Vec"))
        );
        assert!(
            doc.blocks
                .iter()
                .any(|b| matches!(&b.kind, BlockKind::Code { language: Some(l) } if l == "rust"))
        );
        // Sidebar-only strings (the table of contents entries) must not leak in as blocks.
        assert!(!doc.blocks.iter().any(|b| b.text == "Sections"));
        assert!(
            !doc.blocks
                .iter()
                .any(|b| b.text.contains("Skip to main content"))
        );
    }

    /// A page of the installed std docs, when this toolchain has them.
    fn std_doc(rel: &str) -> Option<String> {
        let sysroot = std::process::Command::new("rustc")
            .args(["--print", "sysroot"])
            .output()
            .ok()?;
        let root = String::from_utf8(sysroot.stdout).ok()?;
        std::fs::read_to_string(format!("{}/share/doc/rust/html/std/{rel}", root.trim())).ok()
    }

    #[test]
    fn text_paragraphs_and_code_runs() {
        let src = "para one\nline two\n\n\n  \npara two\r\n";
        let doc = parse(&Format::Text, src);
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Paragraph, "para one\nline two"),
                (BlockKind::Paragraph, "para two")
            ]
        );
        for b in &doc.blocks {
            assert_eq!(&src[b.start..b.end], b.text);
        }
        let code_doc = parse(
            &Format::Code {
                language: "rust".into(),
            },
            "fn a() {}\n\nfn b() {}\n",
        );
        assert_eq!(
            kinds(&code_doc),
            vec![
                (code(Some("rust")), "fn a() {}"),
                (code(Some("rust")), "fn b() {}")
            ]
        );
        assert!(parse(&Format::Text, "").blocks.is_empty());
    }

    #[test]
    fn json_flattens_in_source_order() {
        let src = r#"{ "zeta": {"b": 1, "a": [true, null]}, "name": "pkg", "esc\"aped": "x,}" , "empty": [] }"#;
        let doc = parse(&Format::Json, src);
        assert_eq!(doc.title.as_deref(), Some("pkg"));
        assert_eq!(
            kinds(&doc),
            vec![
                (
                    BlockKind::Paragraph,
                    "zeta.a[0]: true\nzeta.a[1]: null\nzeta.b: 1"
                ),
                (BlockKind::Paragraph, "name: pkg"),
                (BlockKind::Paragraph, "esc\"aped: x,}"),
                (BlockKind::Paragraph, "empty: []"),
            ]
        );
        assert_eq!(
            &src[doc.blocks[1].start..doc.blocks[1].end],
            r#""name": "pkg""#
        );
        assert_eq!(
            &src[doc.blocks[2].start..doc.blocks[2].end],
            r#""esc\"aped": "x,}""#
        );
    }

    #[test]
    fn json_arrays_depth_and_garbage() {
        let doc = parse(&Format::Json, r#"[{"title": "x"}, 2]"#);
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Paragraph, "[0].title: x"),
                (BlockKind::Paragraph, "[1]: 2")
            ]
        );
        let deep = format!("{}1{}", "[".repeat(100), "]".repeat(100));
        let doc = parse(&Format::Json, &deep);
        assert_eq!(doc.blocks.len(), 1);
        assert!(doc.blocks[0].text.contains("[[[1]]]"));
        let bad = parse(&Format::Json, "{oops");
        assert!(bad.metadata.contains_key("parse_error"));
        assert_eq!(bad.blocks[0].text, "{oops");
    }

    #[test]
    fn yaml_flattens_with_ranges() {
        let src = "# comment\nname: svc\nports:\n  - 80\n  - 443\nnested: {a: {b: c}}\n";
        let doc = parse(&Format::Yaml, src);
        assert_eq!(doc.title.as_deref(), Some("svc"));
        assert_eq!(
            kinds(&doc),
            vec![
                (BlockKind::Paragraph, "name: svc"),
                (BlockKind::Paragraph, "ports[0]: 80\nports[1]: 443"),
                (BlockKind::Paragraph, "nested.a.b: c"),
            ]
        );
        assert_eq!(
            &src[doc.blocks[1].start..doc.blocks[1].end],
            "ports:\n  - 80\n  - 443"
        );
        let bad = parse(&Format::Yaml, "a: [\n");
        assert!(bad.metadata.contains_key("parse_error"));
    }
}
