//! Leaks: text that is not prose sitting where prose should be. Markup, JSON and script text
//! left over from a web page; code or terminal output flattened into a sentence; absolute local
//! paths that point at the machine the article was made on.
//!
//! Every rule looks for a kind of text, never for a particular page, and only outside inline
//! code and code blocks, where such text belongs.

use super::*;

/// Byte sequences that only appear in prose when markup, JSON or script text leaked into it.
const MARKUP_SIGNS: &[(&str, &str)] = &[
    ("{\"", "JSON object"),
    ("\":\"", "JSON key and value"),
    ("\":{", "JSON key and value"),
    ("\":[", "JSON key and value"),
    ("\",\"", "JSON list"),
    ("\\n", "escaped newline"),
    ("\\t", "escaped tab"),
    ("\\\"", "escaped quote"),
    ("\\u00", "escaped character"),
    ("function(", "script"),
    ("function (", "script"),
    ("=> {", "script"),
    ("=>{", "script"),
    ("document.", "script"),
    ("window.", "script"),
    ("console.log", "script"),
    ("{{", "template markup"),
    ("}}", "template markup"),
    ("{%", "template markup"),
    ("%}", "template markup"),
    ("](", "Markdown link syntax"),
];

/// Element names whose tags, written out as text, mean a page's markup leaked into the prose.
const HTML_TAGS: &[&str] = &[
    "a", "article", "b", "body", "br", "button", "code", "div", "em", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "head", "header", "html", "i", "iframe", "img", "input", "li", "link",
    "main", "meta", "nav", "ol", "p", "pre", "script", "section", "span", "strong", "style", "svg",
    "table", "td", "th", "tr", "ul",
];

/// Raw HTML a Markdown article may carry without it being a leak.
fn harmless_html(html: &str) -> bool {
    let h = html.trim().to_ascii_lowercase();
    h.starts_with("<!--") || h == "<br>" || h == "<br/>" || h == "<br />"
}

/// The sign of markup at `at` in `text`, if any: a known sign, an HTML tag written out, or an
/// HTML entity left undecoded.
/// Whether what follows `function (` is a parameter list and a body: `e) {`, `) {`.
fn script_function(after_paren: &str) -> bool {
    let Some(close) = after_paren.find(')') else {
        return false;
    };
    let params = &after_paren[..close];
    params
        .chars()
        .all(|c| c.is_alphanumeric() || "_$, ".contains(c))
        && after_paren[close + 1..].trim_start().starts_with('{')
}

fn markup_at(text: &str, at: usize) -> Option<&'static str> {
    let rest = &text[at..];
    if let Some((sign, what)) = MARKUP_SIGNS.iter().find(|(s, _)| rest.starts_with(s)) {
        // "this function (when compiled with ...)" is English; `function (e) {` is script.
        let english = sign.starts_with("function") && !script_function(&rest[sign.len()..]);
        // A script object is a word of its own followed by a member (`document.title`), not
        // the end of a sentence ("the rest of the document.") or part of a file name
        // ("tutorial-window.html").
        let word_sign = sign.starts_with(|c: char| c.is_ascii_alphabetic());
        let glued = text[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || "-_/".contains(c));
        let member = !sign.ends_with('.')
            || rest[sign.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && !rest[sign.len()..].starts_with("html");
        if !english && !(word_sign && (glued || !member)) {
            return Some(what);
        }
    }
    if let Some(tag) = rest.strip_prefix('<') {
        let tag = tag.strip_prefix('/').unwrap_or(tag);
        let name: String = tag
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        let after = tag[name.len()..].chars().next();
        if HTML_TAGS.contains(&name.to_ascii_lowercase().as_str())
            && matches!(after, Some(' ' | '>' | '/'))
        {
            return Some("HTML tag");
        }
    }
    if let Some(entity) = rest.strip_prefix('&') {
        let body = entity.strip_prefix('#').unwrap_or(entity);
        let len = body.chars().take_while(char::is_ascii_alphanumeric).count();
        if (2..=8).contains(&len) && body[len..].starts_with(';') {
            return Some("HTML entity");
        }
    }
    None
}

pub(super) fn check_markup_leaks(doc: &Doc) -> Check {
    let mut problems = Vec::new();
    for (line, html) in &doc.html {
        if !harmless_html(html) {
            problems.push(format!("raw HTML on line {line}: {}", quote(html)));
        }
    }
    for block in &doc.blocks {
        let text = block.masked();
        // One problem per block: the first sign is enough to show the leak.
        let found = text
            .char_indices()
            .filter(|&(_, c)| {
                c == '<' || c == '&' || MARKUP_SIGNS.iter().any(|(s, _)| s.starts_with(c))
            })
            .find_map(|(at, _)| markup_at(&text, at).map(|what| (at, what)));
        if let Some((at, what)) = found {
            let line = doc.line_of(block.source_offset(at));
            problems.push(format!(
                "{what} in prose on line {line}: {}",
                quote(&context(&block.text, at, at + 1))
            ));
        }
    }
    finish(
        "markup_leaks",
        problems,
        "no markup, JSON or script text in prose".to_owned(),
        ("block with markup in prose", "blocks with markup in prose"),
    )
}

/// Text that only compilers, shells and REPLs print: one of these in a sentence is terminal
/// output written as prose.
const TERMINAL_SIGNS: &[&str] = &[
    "error[E",
    "error: could not compile",
    "error: aborting",
    "warning: unused",
    "For more information about this error",
    "--> src/",
    "^^^",
    "Finished dev",
    "Finished `dev",
    "Finished release",
    "Running `target",
    "Traceback (most recent call last)",
    ">>> ",
    "~$ ",
    "~# ",
    "PS C:\\",
    "C:\\>",
];

/// Whether a sentence holds a build tool's progress line, "Compiling name v0.1.0": a
/// heading such as "Compiling in JSON Support" is prose.
fn compiler_progress(sentence: &str) -> bool {
    sentence.match_indices("Compiling ").any(|(at, p)| {
        let mut words = sentence[at + p.len()..].split_whitespace();
        words.next().is_some_and(|name| !name.is_empty())
            && words.next().is_some_and(|version| {
                version
                    .strip_prefix('v')
                    .is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
            })
    })
}

/// How much a sentence looks like code: each mark adds one. Ordinary prose scores 0 or 1 (a
/// semicolon, an arrow in "A -> B"); a flattened function scores 4 or more.
fn code_marks(sentence: &str) -> usize {
    const MARKS: &[&str] = &[
        "->", "=>", "::", "();", ");", "&mut ", "&self", "==", "!=", "+=", "//", "/*", "#[", "!(",
        "![", "let ", "fn ", "def ", "pub ", "impl ", "return ", "#include", "import ",
    ];
    let mut marks: usize = MARKS.iter().map(|m| sentence.matches(m).count()).sum();
    marks += sentence.matches(['{', '}']).count();
    // `name(args)` without a space, as in calls and signatures; prose puts a space before "(".
    marks += sentence
        .split_whitespace()
        .filter(|t| {
            t.find('(').is_some_and(|i| {
                i > 0
                    && t[..i]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
            }) && t.contains(')')
        })
        .count();
    // A line that opens with a shell prompt.
    if sentence.starts_with("$ ") || sentence.starts_with("# ") {
        marks += 3;
    }
    marks
}

/// Marks that make a sentence code rather than prose with a symbol in it.
const CODE_MARKS: usize = 4;

/// Words a code block's sentence needs before it reads as prose set as code.
const PROSE_IN_CODE_WORDS: usize = 8;

/// Whether the text of a code block is a sentence rather than code or output: four in five
/// of its words plain, and either at most two lines, a capital first, a full stop last and
/// eight words or more (a page that sets a remark in a `<pre>`, "Compiling and running this
/// prints the sum."), or one line of five words or more opening on a joining word ("where
/// point 2. consists of several instances of"; three suffice when all are plain words and
/// the first is not SQL's "where" or "and": "then the command"), or one line of eight plain
/// words or more;
/// or, over three lines or more, a paragraph wrapped by hand ([`paragraph_as_code`]). The
/// composer sets such a block as a paragraph; the report fails one left in code.
pub fn reads_as_prose(code: &str) -> bool {
    let text = code.trim();
    // A listing of more lines than a paragraph has is not read word by word.
    if text.lines().nth(PARAGRAPH_LINES).is_some() {
        return false;
    }
    if text.lines().nth(2).is_some() {
        return paragraph_as_code(text);
    }
    // A term in Markdown's code marks, alone on its line with its colon ("`patch.object`:"):
    // a definition list's term set as code, which no listing is.
    if is_marked_term(text) {
        return true;
    }
    // A term set in a code span is a word of the sentence ("where `frame_start` and
    // `frame_end` can be one of", "to treat `&mut &'a T` as a subtype"): Markdown's code marks
    // in a code block are prose that kept them.
    let masked = code_spans_as_words(text);
    let tokens: Vec<&str> = masked.split_whitespace().collect();
    let plain = plain_words(&tokens);
    let mostly_words = plain * 5 >= tokens.len() * 4;
    // A sentence's tail cut from the text around it ("where point 2. consists of several
    // instances of"): one line opening on a joining word.
    let one_line = text.lines().count() == 1;
    // Plain words alone need fewer: "then the command" between a history and the command
    // that acts on it. Not after "where" or "and", which open SQL's clauses as well
    // ("where deleted is null").
    let plain_tail = tokens.len() >= PLAIN_FRAGMENT_WORDS
        && plain == tokens.len()
        && tokens
            .first()
            .is_some_and(|w| !["where", "and"].contains(w));
    let tail = one_line
        && (tokens.len() >= FRAGMENT_IN_CODE_WORDS || plain_tail)
        && tokens.first().is_some_and(|w| JOINING_WORDS.contains(w));
    // Or a line of words alone, long as a sentence ("the work done on the topic branch since
    // it was created and"): no command or output line is eight plain words.
    let words_only = one_line && tokens.len() >= PROSE_IN_CODE_WORDS && plain == tokens.len();
    (mostly_words
        && (tail
            || words_only
            || (text.lines().count() <= 2
                && text.chars().next().is_some_and(char::is_uppercase)
                && ends_as_sentence(text)
                && tokens.len() >= PROSE_IN_CODE_WORDS)))
        || (one_line && sentence_about_code(text))
}

/// Whether `text` is one code span closed by a colon, as a definition's term is. A span alone
/// is code a page set in backticks (`` `git cherry-pick master` ``).
fn is_marked_term(text: &str) -> bool {
    let Some(term) = text.strip_suffix(':') else {
        return false;
    };
    term.len() > 2
        && term.starts_with('`')
        && term.ends_with('`')
        && !term[1..term.len() - 1].contains(['`', '\n'])
}

/// How many of `tokens` are plain words: letters, apostrophes and inner hyphens
/// ("check-cfg"; a flag's leading one is code), with the punctuation that may close a word.
fn plain_words(tokens: &[&str]) -> usize {
    tokens
        .iter()
        .filter(|w| {
            let w = w.trim_end_matches([',', '.', ';', ':', '!', '?', '\u{2026}']);
            !w.is_empty()
                && !w.starts_with('-')
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '\'' | '\u{2019}' | '-'))
        })
        .count()
}

/// Whether `text` ends as a sentence does: a full stop, or an ellipsis trailing off.
fn ends_as_sentence(text: &str) -> bool {
    text.ends_with(['.', '\u{2026}'])
}

/// Lines a paragraph set in a `<pre>` may run to before it is read as a listing.
const PARAGRAPH_LINES: usize = 24;

/// Whether three lines or more (at most [`PARAGRAPH_LINES`]) are a paragraph wrapped by hand
/// rather than code or output: every line starts at the margin, nine in ten of the words are
/// plain, it opens on a capital, ends on a full stop and runs to three sentences' worth of
/// words (a story told in a plain-text page: "I have a master branch.  We have a branch off
/// of that that some / developers are doing work on."). Code indents, and output carries
/// numbers, paths and symbols.
fn paragraph_as_code(text: &str) -> bool {
    if text.lines().any(|l| l.starts_with(char::is_whitespace)) {
        return false;
    }
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let plain = plain_words(&tokens);
    plain * 10 >= tokens.len() * 9
        && tokens.len() >= 3 * PROSE_IN_CODE_WORDS
        && text.chars().next().is_some_and(char::is_uppercase)
        && ends_as_sentence(text)
}

/// `text` with each code span of a line (between two backticks) as the one word "CODE", its
/// spaces and symbols set aside; an unpaired backtick stays.
fn code_spans_as_words(text: &str) -> String {
    let mut masked = String::with_capacity(text.len());
    for (n, line) in text.lines().enumerate() {
        if n > 0 {
            masked.push('\n');
        }
        let pieces: Vec<&str> = line.split('`').collect();
        for (k, piece) in pieces.iter().enumerate() {
            if k % 2 == 0 {
                masked.push_str(piece);
            } else if k + 1 < pieces.len() {
                // Punctuation after the span stays on it ("`T`," is one word).
                masked.push_str(" CODE");
            } else {
                masked.push('`');
                masked.push_str(piece);
            }
        }
    }
    masked
}

/// Plain words in a row that make a line about code spans a sentence: "is exactly
/// equivalent to".
const SENTENCE_RUN: usize = 3;

/// Whether one line is a sentence about the code spans in it ("`log = \"^1.2.3\"` is exactly
/// equivalent to `log = \"1.2.3\"`."): it opens on a code span or a capital, ends on a full
/// stop, and runs plain lowercase words together as no code line does.
fn sentence_about_code(line: &str) -> bool {
    if !line.contains('`') || !line.ends_with('.') {
        return false;
    }
    let masked = code_spans_as_words(line);
    let opens = line.starts_with('`') || line.starts_with(char::is_uppercase);
    let mut run = 0;
    let mut longest = 0;
    for word in masked.split_whitespace() {
        let word = word.trim_end_matches([',', '.', ';', ':']);
        if !word.is_empty() && word.chars().all(|c| c.is_lowercase()) {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    opens && longest >= SENTENCE_RUN
}

/// Words a one-line fragment of a sentence set as code needs.
const FRAGMENT_IN_CODE_WORDS: usize = 5;
/// Words it needs when every one is a plain word.
const PLAIN_FRAGMENT_WORDS: usize = 3;

/// Lowercase words that join a clause to a sentence before it, which no code line opens with.
const JOINING_WORDS: &[&str] = &[
    "where", "which", "whose", "and", "but", "because", "so", "then", "that", "whereas",
];

pub(super) fn check_code_in_prose(doc: &Doc) -> Check {
    let mut problems = Vec::new();
    for (line, code) in &doc.code_blocks {
        if reads_as_prose(code) {
            problems.push(format!(
                "a sentence set as code on line {line}: {}",
                quote(code.trim())
            ));
        }
    }
    for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::Prose) {
        let text = block.masked();
        for (start, end, _) in sentences(&text) {
            let sentence = &text[start..end];
            let sign = TERMINAL_SIGNS
                .iter()
                .find(|s| sentence.contains(*s))
                .copied()
                .or_else(|| compiler_progress(sentence).then_some("Compiling"))
                .map(|s| format!("terminal output ({})", quote(s)));
            let marks = code_marks(sentence);
            let why = sign
                .or_else(|| (marks >= CODE_MARKS).then(|| format!("code ({marks} code marks)")));
            if let Some(why) = why {
                let line = doc.line_of(block.source_offset(start));
                problems.push(format!(
                    "{why} in a sentence on line {line}: {}",
                    quote(&block.text[start..end])
                ));
            }
        }
    }
    finish(
        "code_in_prose",
        problems,
        "no code or terminal output in prose, no prose set as code".to_owned(),
        (
            "sentence with code, terminal output or set as code",
            "sentences with code, terminal output or set as code",
        ),
    )
}

/// File extensions of documents: an absolute path ending in one, in prose, is a source file on
/// the machine that made the article rather than a path the reader is told about.
const DOCUMENT_EXTENSIONS: &[&str] = &[
    ".html",
    ".htm",
    ".md",
    ".markdown",
    ".rst",
    ".adoc",
    ".txt",
    ".pdf",
    ".ipynb",
];

/// Whether `token` is an absolute local path: `/a/b`, `~/a`, `C:\a` or a `file:` URL.
fn local_path(token: &str) -> bool {
    let t = token.trim_start_matches(['(', '[', '<', '"', '\'', '`']);
    let lower = t.to_ascii_lowercase();
    if lower.starts_with("file:/") {
        return true;
    }
    let mut chars = t.chars();
    let (first, second, third) = (chars.next(), chars.next(), chars.next());
    if matches!((first, second, third), (Some(d), Some(':'), Some('\\' | '/')) if d.is_ascii_alphabetic())
    {
        return true;
    }
    if t.starts_with("~/") {
        return true;
    }
    // `/usr/share/doc`: a slash, a name, another slash. `/` alone, `/ 2` and `1/2` are not.
    t.strip_prefix('/').is_some_and(|rest| {
        rest.chars()
            .next()
            .is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '_')
            && rest.contains('/')
    })
}

/// A path to a document file anywhere on the disk, as prose would show one.
fn local_document(token: &str) -> bool {
    let t = token.trim_end_matches(['.', ',', ';', ':', ')', ']', '>', '"', '\'', '`', '!', '?']);
    let lower = t.to_ascii_lowercase();
    let lower = lower.split(['#', '?']).next().unwrap_or("");
    local_path(t)
        && (lower.starts_with("file:/")
            || t.contains('\\')
            || DOCUMENT_EXTENSIONS.iter().any(|e| lower.ends_with(e)))
}

/// Front matter fields that hold prose rather than references.
const PROSE_FIELDS: &[&str] = &["title", "seo_title", "description", "summary", "excerpt"];

pub(super) fn check_local_paths(doc: &Doc, fields: Option<&Map<String, Value>>) -> Check {
    let mut problems = Vec::new();
    // References (footnotes, front matter) must be public: any absolute local path there is a
    // leak. Prose may name system paths (`/etc/ssh/sshd_config`) but not document files.
    if let Some(fields) = fields {
        let mut strings = Vec::new();
        collect_strings("", &Value::Object(fields.clone()), &mut strings);
        for (key, value) in strings {
            // A description or title is prose, which may name system paths ("logs kept under
            // /run/log/journal"); the other fields are references.
            let prose = PROSE_FIELDS.contains(&key.split(['.', '[']).next().unwrap_or(""));
            let leaks = if prose {
                value.split_whitespace().any(local_document)
            } else {
                value.split_whitespace().any(local_path)
            };
            if leaks {
                problems.push(format!(
                    "front matter `{key}` is a local path: {}",
                    quote(&value)
                ));
            }
        }
    }
    for block in &doc.blocks {
        let text = block.masked();
        let is_reference = block.kind == BlockKind::Footnote;
        let found = tokens(&text).find(|(_, t)| {
            if is_reference {
                local_path(t)
            } else {
                local_document(t)
            }
        });
        if let Some((at, token)) = found {
            let line = doc.line_of(block.source_offset(at));
            let place = if is_reference { "reference" } else { "prose" };
            problems.push(format!(
                "local path in {place} on line {line}: {}",
                quote(token)
            ));
        }
    }
    finish(
        "local_paths",
        problems,
        "no local paths".to_owned(),
        ("local path", "local paths"),
    )
}

/// Every string in a front matter value with its dotted key, e.g. `sources[0].source`.
fn collect_strings(key: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(s) => out.push((key.to_owned(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                collect_strings(&format!("{key}[{i}]"), item, out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                let key = if key.is_empty() {
                    k.clone()
                } else {
                    format!("{key}.{k}")
                };
                collect_strings(&key, v, out);
            }
        }
        _ => {}
    }
}
