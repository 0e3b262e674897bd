//! Article body templates: the built-in layouts (embedded here), the user's templates from the
//! templates folder (`<name>.md.j2`, overriding a built-in of the same name), and rendering an
//! [`Article`] through one of them with minijinja (Jinja syntax).
//!
//! Templates produce the Markdown **body** only; the front matter is written by
//! [`super::output`] so that it is always valid YAML whatever a template does.
//!
//! Rendering rules, the same for built-in and user templates:
//!
//! - The context holds `article` (the serialized [`Article`]) and `vars` (string variables from
//!   the caller, e.g. `--var audience=beginners`).
//! - Undefined values are errors (strict mode), so `{{ article.titel }}` fails loudly instead of
//!   printing nothing; optional things are written `{{ vars.x | default("…") }}` or tested with
//!   `is defined`.
//! - No auto-escaping: the output is Markdown, not HTML. (HTML output is sanitized later.)
//! - `trim_blocks` and `lstrip_blocks` are on, so a line holding only a `{% … %}` tag leaves no
//!   trace in the output.
//! - Each render has a fuel budget ([`FUEL`]), which bounds both the time and the memory a
//!   template can use (runaway loops, recursive macros), and the output is capped at
//!   [`MAX_OUTPUT_BYTES`].
//! - Extra filters for Markdown: `oneline` (collapse whitespace, for headings), `inline_start`
//!   (escape a leading list or heading marker, for text that starts a block), `anchor` (the
//!   heading id the HTML output uses), `strip_citations` (drop `[^N]`), `sentences(n)` (the first
//!   n sentences), `bullets` (paragraphs as a bullet list), `fence(lang)` (a fenced code block
//!   whose fence is longer than any backtick run in the code), `hashtag` (`machine learning` →
//!   `#MachineLearning`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, ErrorKind, UndefinedBehavior, context};
use tokio_util::sync::CancellationToken;

use crate::generate::article::Article;
use crate::generate::output::{heading_anchor, write_file_atomic};

/// Fuel for one render: about a million instructions or 64 MB of data created, far above what
/// any real article needs (a large one takes a few tens of thousands) and small enough that a
/// runaway template stops within a fraction of a second.
pub const FUEL: u64 = 1_000_000;

/// Largest rendered body. A real article is a few tens of KiB.
pub const MAX_OUTPUT_BYTES: usize = 4 * 1024 * 1024;

/// Largest user template file.
pub const MAX_TEMPLATE_BYTES: u64 = 256 * 1024;

/// Longest template name.
pub const MAX_NAME_LEN: usize = 64;

/// File name suffix of user templates.
pub const TEMPLATE_SUFFIX: &str = ".md.j2";

#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("template {name:?}{}: syntax error: {message}", at_line(*.line))]
    Syntax {
        name: String,
        line: Option<usize>,
        message: String,
    },
    #[error("template {name:?}{}: {message}", at_line(*.line))]
    Render {
        name: String,
        line: Option<usize>,
        message: String,
    },
    #[error("{}", crate::suggest::unknown("template", name, "available", available.iter().map(String::as_str)))]
    NotFound {
        name: String,
        available: Vec<String>,
    },
    #[error("template {name:?}: {message}")]
    Limit { name: String, message: String },
    #[error(
        "invalid template name {name:?}: use 1 to {MAX_NAME_LEN} characters from a-z, 0-9, '_' \
         and '-'"
    )]
    InvalidName { name: String },
    #[error("template {name:?} is {size} bytes, more than the {MAX_TEMPLATE_BYTES} allowed")]
    TooLarge { name: String, size: u64 },
    #[error("{name:?} is a built-in template and cannot be removed")]
    Builtin { name: String },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

fn at_line(line: Option<usize>) -> String {
    line.map(|l| format!(" line {l}")).unwrap_or_default()
}

/// The built-in templates and any user templates, compiled and ready to render.
pub struct Templates {
    env: Environment<'static>,
    /// Every available template: its source and whether it is the built-in one.
    sources: BTreeMap<String, (Cow<'static, str>, bool)>,
    /// Cancelled when nobody waits for the render any more (its client left).
    stop: Option<CancellationToken>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("names", &self.sources.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// Loads the built-in templates, then the user templates from `user_dir` (if given and present;
/// a missing folder simply means there are none). Any user template that is badly named, too
/// large, not UTF-8 or not valid Jinja fails the load, naming the template (and line), so a
/// broken file is noticed rather than silently ignored. Hidden files are skipped.
pub fn load(user_dir: Option<&Path>) -> Result<Templates, TemplateError> {
    let mut templates = Templates {
        env: environment(),
        sources: BTreeMap::new(),
        stop: None,
    };
    for (name, source) in BUILTINS {
        templates.insert(name.to_string(), Cow::Borrowed(source), true)?;
    }
    let Some(dir) = user_dir else {
        return Ok(templates);
    };
    for name in user_template_names(dir)? {
        check_name(&name)?;
        let source = read_template_file(&dir.join(format!("{name}{TEMPLATE_SUFFIX}")), &name)?;
        templates.insert(name, Cow::Owned(source), false)?;
    }
    Ok(templates)
}

/// The names of the templates in the user's folder (none when it does not exist), sorted, so
/// which broken template is reported first does not depend on the directory order.
fn user_template_names(dir: &Path) -> Result<Vec<String>, TemplateError> {
    let io_err = |source| TemplateError::Io {
        path: dir.to_path_buf(),
        source,
    };
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err(e)),
    };
    let mut names = Vec::new();
    for entry in entries {
        let file_name = entry.map_err(io_err)?.file_name();
        let file_name = file_name.to_string_lossy();
        if file_name.starts_with('.') {
            continue;
        }
        if let Some(name) = file_name.strip_suffix(TEMPLATE_SUFFIX) {
            names.push(name.to_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// The built-ins and these user templates (already read from their folder elsewhere).
pub(super) fn from_user_sources(
    user_templates: BTreeMap<String, String>,
) -> Result<Templates, TemplateError> {
    let mut templates = load(None)?;
    for (name, source) in user_templates {
        templates.insert(name, Cow::Owned(source), false)?;
    }
    Ok(templates)
}

impl Templates {
    /// Renders stop when `token` is cancelled (a render in a child process is killed).
    pub fn stop_when(mut self, token: CancellationToken) -> Self {
        self.stop = Some(token);
        self
    }

    /// Whether whoever asked for the render has gone.
    pub(super) fn stopped(&self) -> bool {
        self.stop
            .as_ref()
            .is_some_and(CancellationToken::is_cancelled)
    }

    fn insert(
        &mut self,
        name: String,
        source: Cow<'static, str>,
        builtin: bool,
    ) -> Result<(), TemplateError> {
        self.env
            .add_template_owned(name.clone(), source.to_string())
            .map_err(|e| convert_error(&name, e))?;
        self.sources.insert(name, (source, builtin));
        Ok(())
    }

    /// Every available template, sorted by name, with `true` for a built-in and `false` for a
    /// user template (including one that overrides a built-in).
    pub fn names(&self) -> Vec<(String, bool)> {
        self.sources
            .iter()
            .map(|(name, (_, builtin))| (name.clone(), *builtin))
            .collect()
    }

    /// The source of the template in use under `name`.
    pub fn source(&self, name: &str) -> Option<&str> {
        self.sources.get(name).map(|(source, _)| source.as_ref())
    }

    /// Renders the body of `article` with template `name`. The result has no leading blank
    /// lines and ends with one newline (or is empty). In the daemon, a render that involves a
    /// user template runs in a child process with a memory and CPU ceiling
    /// ([`super::template_child`]).
    pub fn render(
        &self,
        name: &str,
        article: &Article,
        vars: &BTreeMap<String, String>,
    ) -> Result<String, TemplateError> {
        match super::template_child::renderer() {
            Some(exe) if self.sources.values().any(|(_, builtin)| !builtin) => {
                super::template_child::render(exe, self, name, article, vars)
            }
            _ => self.render_here(name, article, vars),
        }
    }

    /// The user templates (not the built-ins), by name.
    pub(super) fn user_sources(&self) -> BTreeMap<String, String> {
        self.sources
            .iter()
            .filter(|(_, (_, builtin))| !builtin)
            .map(|(name, (source, _))| (name.clone(), source.to_string()))
            .collect()
    }

    /// [`Templates::render`] in this process.
    pub(super) fn render_here(
        &self,
        name: &str,
        article: &Article,
        vars: &BTreeMap<String, String>,
    ) -> Result<String, TemplateError> {
        let template = self
            .env
            .get_template(name)
            .map_err(|_| TemplateError::NotFound {
                name: name.to_owned(),
                available: self.sources.keys().cloned().collect(),
            })?;
        let ctx = context! {
            article => Value::from(Serde(article)),
            vars => Value::from(Serde(vars)),
        };
        let mut out = BoundedOutput::default();
        if let Err(e) = template.render_captured_to(ctx, &mut out) {
            if out.overflowed {
                return Err(TemplateError::Limit {
                    name: name.to_owned(),
                    message: format!(
                        "output is larger than {} MiB",
                        MAX_OUTPUT_BYTES / (1024 * 1024)
                    ),
                });
            }
            return Err(convert_error(name, e));
        }
        // minijinja writes whole `str` pieces and `BoundedOutput` accepts or refuses whole
        // writes, so the bytes are valid UTF-8; the lossy conversion never replaces anything.
        let text = String::from_utf8_lossy(&out.buf);
        let body = text.trim_start_matches(['\n', '\r']).trim_end();
        if body.is_empty() {
            Ok(String::new())
        } else {
            Ok(format!("{body}\n"))
        }
    }
}

/// Compiles `source` as template `name` without rendering it, checking the name and size too
/// (for `templates add`).
pub fn validate(name: &str, source: &str) -> Result<(), TemplateError> {
    check_name(name)?;
    check_size(name, source.len() as u64)?;
    let env = environment();
    env.template_from_named_str(name, source)
        .map(|_| ())
        .map_err(|e| convert_error(name, e))
}

/// Validates and stores a user template as `<dir>/<name>.md.j2`, atomically, creating `dir` if
/// needed. An existing user template of that name is replaced (re-adding after an edit is the
/// normal flow); a built-in name is allowed and overrides the built-in.
/// Whether `name` is a template cgen ships, or one a user added to `dir`.
pub fn exists(dir: &Path, name: &str) -> bool {
    BUILTINS.iter().any(|(builtin, _)| *builtin == name)
        || dir.join(format!("{name}{TEMPLATE_SUFFIX}")).is_file()
}

pub fn add_user_template(dir: &Path, name: &str, source: &str) -> Result<PathBuf, TemplateError> {
    validate(name, source)?;
    fs::create_dir_all(dir).map_err(|source| TemplateError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let path = dir.join(format!("{name}{TEMPLATE_SUFFIX}"));
    write_file_atomic(&path, source.as_bytes()).map_err(|source| TemplateError::Io {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

/// Removes the user template `name` and returns its path. Removing a user override of a
/// built-in brings the built-in back; a built-in itself cannot be removed.
pub fn remove_user_template(dir: &Path, name: &str) -> Result<PathBuf, TemplateError> {
    check_name(name)?;
    let path = dir.join(format!("{name}{TEMPLATE_SUFFIX}"));
    match fs::remove_file(&path) {
        Ok(()) => Ok(path),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if BUILTINS.iter().any(|(builtin, _)| *builtin == name) {
                Err(TemplateError::Builtin {
                    name: name.to_owned(),
                })
            } else {
                // What could have been meant: only the user's own templates can be removed.
                Err(TemplateError::NotFound {
                    name: name.to_owned(),
                    available: user_template_names(dir)?,
                })
            }
        }
        Err(source) => Err(TemplateError::Io { path, source }),
    }
}

fn check_name(name: &str) -> Result<(), TemplateError> {
    let ok = !name.is_empty()
        && name.len() <= MAX_NAME_LEN
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(TemplateError::InvalidName {
            name: name.to_owned(),
        })
    }
}

fn check_size(name: &str, size: u64) -> Result<(), TemplateError> {
    if size > MAX_TEMPLATE_BYTES {
        Err(TemplateError::TooLarge {
            name: name.to_owned(),
            size,
        })
    } else {
        Ok(())
    }
}

/// Reads a user template, never more than the size limit (the file could be huge or grow while
/// read) and only from a regular file (a FIFO would block the read forever).
fn read_template_file(path: &Path, name: &str) -> Result<String, TemplateError> {
    let io_err = |source| TemplateError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = fs::File::open(path).map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    if !meta.is_file() {
        return Err(io_err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        )));
    }
    check_size(name, meta.len())?;
    let mut bytes = Vec::new();
    file.take(MAX_TEMPLATE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    check_size(name, bytes.len() as u64)?;
    String::from_utf8(bytes)
        .map_err(|e| io_err(io::Error::new(io::ErrorKind::InvalidData, e.utf8_error())))
}

/// The one environment configuration every template is compiled and rendered with.
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| AutoEscape::None);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_fuel(Some(FUEL));
    env.set_syntax(
        minijinja::syntax::SyntaxConfig::builder()
            .trim_blocks(true)
            .lstrip_blocks(true)
            .build()
            // Safe: `build` fails only for invalid custom delimiters, and the defaults are kept.
            .expect("default delimiters are always valid"),
    );
    env.add_filter("oneline", |s: &str| one_line(s));
    env.add_filter("inline_start", |s: &str| inline_start(s));
    // Text from the sources set as Markdown reads as written: `Box<T>` as code, not a tag;
    // `[options][, listener]` as brackets, not a reference link.
    env.add_filter("md", |s: &str| crate::generate::blocks::inline(s));
    // Headings are printed through `oneline` and their footnote references are not part of the
    // HTML heading text, so the anchor is computed from the same text the HTML renderer sees.
    env.add_filter("anchor", |s: &str| {
        heading_anchor(&one_line(&strip_citations(s)))
    });
    env.add_filter("strip_citations", |s: &str| strip_citations(s));
    env.add_filter("sentences", |s: &str, n: usize| sentences(s, n));
    env.add_filter("bullets", |s: &str| bullets(s));
    env.add_filter("fence", |code: &str, lang: Option<&str>| {
        fence(code, lang.unwrap_or(""))
    });
    env.add_filter("hashtag", |s: &str| hashtag(s));
    env
}

/// Maps a minijinja error to ours, keeping the template name and line.
fn convert_error(name: &str, err: minijinja::Error) -> TemplateError {
    let name = err.name().unwrap_or(name).to_owned();
    let line = err.line();
    let message = match err.detail() {
        Some(detail) => format!("{}: {detail}", err.kind()),
        None => err.kind().to_string(),
    };
    match err.kind() {
        ErrorKind::SyntaxError => TemplateError::Syntax {
            name,
            line,
            message: err.detail().unwrap_or("invalid syntax").to_owned(),
        },
        ErrorKind::OutOfFuel => TemplateError::Limit {
            name,
            message: format!(
                "rendering stopped: the template did too much work (fuel budget of {FUEL} \
                 exhausted{}); look for runaway loops or recursion",
                at_line(line).replace(" line", " at line")
            ),
        },
        _ => TemplateError::Render {
            name,
            line,
            message,
        },
    }
}

/// Collects rendered output up to [`MAX_OUTPUT_BYTES`], refusing (whole) writes past it.
#[derive(Default)]
struct BoundedOutput {
    buf: Vec<u8>,
    overflowed: bool,
}

impl io::Write for BoundedOutput {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.buf.len() + bytes.len() > MAX_OUTPUT_BYTES {
            self.overflowed = true;
            return Err(io::Error::other("output size limit reached"));
        }
        self.buf.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` with a leading block marker escaped, so it stays inline where it starts a block (a
/// footnote definition): "5. Data Structures" would open an ordered list, "- x" a bullet.
fn inline_start(text: &str) -> String {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && (text[digits..].starts_with(". ") || text[digits..].starts_with(") ")) {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    if ["- ", "* ", "+ ", "#", ">"]
        .iter()
        .any(|m| text.starts_with(m))
    {
        return format!("\\{text}");
    }
    text.to_owned()
}

/// The label of a footnote reference starting at `rest` (which begins with `[^`), and the
/// reference's length, if it is one: `[^label]` with a label of letters, digits, `-` or `_`.
fn footnote_ref(rest: &str) -> Option<usize> {
    let label_and_more = rest.strip_prefix("[^")?;
    let end = label_and_more.find(']')?;
    let label = &label_and_more[..end];
    let valid = !label.is_empty()
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    valid.then_some(end + 3)
}

/// Removes `[^N]` footnote references (for text that leaves the article, like a social post).
fn strip_citations(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find("[^") {
        out.push_str(&rest[..pos]);
        match footnote_ref(&rest[pos..]) {
            Some(len) => {
                rest = &rest[pos + len..];
                // "word [^1]." must become "word.", not "word .".
                if rest.starts_with(['.', ',', ';', ':', '!', '?']) {
                    out.truncate(out.trim_end().len());
                }
            }
            None => {
                out.push_str("[^");
                rest = &rest[pos + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The first `n` sentences of `text`, on one line. A sentence ends at `.`, `!` or `?` followed
/// (after closing quotes or brackets and any footnote references, which stay with their
/// sentence) by whitespace or the end of the text. Deterministic, not linguistic: "e.g. this"
/// counts as a sentence end.
fn sentences(text: &str, n: usize) -> String {
    let text = one_line(text);
    if n == 0 {
        return String::new();
    }
    let mut count = 0;
    let mut i = 0;
    let bytes = text.as_bytes();
    while i < bytes.len() {
        if matches!(bytes[i], b'.' | b'!' | b'?') {
            let mut end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
                end += 1;
            }
            while let Some(len) = footnote_ref(&text[end..]) {
                end += len;
            }
            if end == bytes.len() || bytes[end] == b' ' {
                count += 1;
                if count == n {
                    return text[..end].to_owned();
                }
                i = end;
                continue;
            }
        }
        i += 1;
    }
    text
}

/// Turns paragraphs into a bullet list, one bullet per paragraph. Blocks that are already
/// lists, headings, tables, quotes or fenced code are kept as they are (a code block's blank
/// lines do not split it).
fn bullets(text: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut fence: Option<String> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        if let Some(open) = &fence {
            current.push(line);
            if super::blocks::closes_fence(line, open) {
                fence = None;
            }
            continue;
        }
        if let Some(open) = super::blocks::fence_of(trimmed) {
            fence = Some(open);
            current.push(line);
            continue;
        }
        if trimmed.is_empty() {
            if !current.is_empty() {
                blocks.push(current.join("\n"));
                current.clear();
            }
            continue;
        }
        current.push(line);
    }
    if !current.is_empty() {
        blocks.push(current.join("\n"));
    }

    let mut out = String::new();
    let mut previous_is_dash_list = false;
    for block in blocks {
        let rendered = if is_structured_block(&block) {
            block
        } else {
            format!("- {}", one_line(&block))
        };
        // Consecutive `- ` blocks are joined without a blank line so they form one tight list.
        let is_dash_list = rendered.starts_with("- ");
        if !out.is_empty() {
            out.push_str(if previous_is_dash_list && is_dash_list {
                "\n"
            } else {
                "\n\n"
            });
        }
        out.push_str(&rendered);
        previous_is_dash_list = is_dash_list;
    }
    out
}

fn is_structured_block(block: &str) -> bool {
    let first = block.trim_start();
    let ordered = {
        let digits = first.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0 && (first[digits..].starts_with(". ") || first[digits..].starts_with(") "))
    };
    ordered
        || ["- ", "* ", "+ ", "#", "|", ">", "```", "~~~", "[^"]
            .iter()
            .any(|p| first.starts_with(p))
}

/// A fenced code block for `code`, with a fence longer than any backtick run inside it (so code
/// containing ``` cannot close the block early) and the language reduced to one safe token.
fn fence(code: &str, lang: &str) -> String {
    let longest_run = code.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest_run.max(2) + 1);
    let lang: String = lang
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || "+#-_.".contains(*c))
        .take(32)
        .collect();
    format!(
        "{ticks}{lang}\n{}\n{ticks}",
        code.trim_end_matches(['\n', '\r'])
    )
}

/// A hashtag from a tag: words capitalized and joined, anything but letters and digits dropped;
/// empty if nothing is left.
fn hashtag(tag: &str) -> String {
    let mut out = String::new();
    for word in tag.split(|c: char| !c.is_alphanumeric()) {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    if out.is_empty() {
        out
    } else {
        format!("#{out}")
    }
}

/// Footnote definitions for the article's sources, shared by every built-in that keeps
/// citations: `[^N]: Title — source › heading › path`.
macro_rules! footnotes {
    () => {
        r#"{% for s in article.sources %}
[^{{ s.id }}]: {% if s.title | trim %}{{ s.title | oneline | md | inline_start }} — {{ s.source | oneline }}{% else %}{{ s.source | oneline | inline_start }}{% endif %}{% if s.heading_path %} › {{ s.heading_path | map("oneline") | map("md") | join(" › ") }}{% endif +%}
{% endfor %}
"#
    };
}

macro_rules! introduction {
    () => {
        r#"{% if article.introduction.body | trim %}
{{ article.introduction.body | trim }}

{% endif %}
"#
    };
}

macro_rules! sections {
    () => {
        r#"{% for s in article.sections %}
## {{ s.heading | oneline | md }}

{% if s.body | trim %}
{{ s.body | trim }}

{% endif %}
{% endfor %}
"#
    };
}

macro_rules! code_examples {
    () => {
        r#"{% if article.code_examples %}
## Code examples

{% for ex in article.code_examples %}
{% if ex.caption | trim %}
{{ ex.caption | oneline }}{% if ex.citation %}[^{{ ex.citation }}]{% endif +%}

{% endif %}
{{ ex.code | fence(ex.language | default("")) }}

{% endfor %}
{% endif %}
"#
    };
}

macro_rules! faq {
    () => {
        r#"{% if article.faq %}
## Frequently asked questions

{% for q in article.faq %}
### {{ q.question | oneline }}

{{ q.answer | trim }}

{% endfor %}
{% endif %}
"#
    };
}

macro_rules! conclusion {
    ($default:literal) => {
        concat!(
            r#"{% if article.conclusion.body | trim %}
## {{ article.conclusion.heading | oneline or ""#,
            $default,
            r#"" }}

{{ article.conclusion.body | trim }}

{% endif %}
"#
        )
    };
}

const BLOG: &str = concat!(
    introduction!(),
    sections!(),
    code_examples!(),
    faq!(),
    conclusion!("Conclusion"),
    footnotes!()
);

const TUTORIAL: &str = concat!(
    introduction!(),
    r#"{% for s in article.sections %}
## Step {{ loop.index }}: {{ s.heading | oneline | md }}

{% if s.body | trim %}
{{ s.body | trim }}

{% endif %}
{% endfor %}
"#,
    code_examples!(),
    faq!(),
    conclusion!("Wrapping up"),
    footnotes!()
);

const FAQ: &str = concat!(
    r#"{% for q in article.faq %}
## {{ q.question | oneline }}

{{ q.answer | trim }}

{% endfor %}
"#,
    footnotes!()
);

const SUMMARY: &str = concat!(
    introduction!(),
    r#"{% if article.sections %}
## Key points

{% for s in article.sections %}
- **{{ s.heading | oneline | md }}**{% if s.body | trim %}: {{ s.body | sentences(1) }}{% endif +%}
{% endfor %}

{% endif %}
"#,
    conclusion!("Conclusion"),
    footnotes!()
);

const SOCIAL: &str = r#"{{ article.title | oneline }}

{{ (article.introduction.body | trim or article.description) | strip_citations | sentences(3) }}

{{ article.tags | map("hashtag") | select | unique | join(" ") }}
"#;

const NEWSLETTER: &str = concat!(
    r#"{{ vars.greeting | default("Hello,") }}

"#,
    introduction!(),
    r#"{% if article.sections %}
**In this issue:**

{% for s in article.sections %}
- {{ s.heading | oneline | md }}
{% endfor %}

{% endif %}
"#,
    sections!(),
    code_examples!(),
    conclusion!("Until next time"),
    footnotes!()
);

const RELEASE_NOTES: &str = concat!(
    introduction!(),
    r#"{% for s in article.sections %}
## {{ s.heading | oneline | md }}

{% if s.body | trim %}
{{ s.body | bullets }}

{% endif %}
{% endfor %}
"#,
    code_examples!(),
    conclusion!("Notes"),
    footnotes!()
);

const DEEP_DIVE: &str = concat!(
    introduction!(),
    r#"{% if article.sections %}
## Contents

{% for s in article.sections %}
- [{{ s.heading | oneline | strip_citations | replace("[", "\\[") | replace("]", "\\]") }}](#{{ s.heading | anchor }})
{% endfor %}
{% if article.code_examples %}
- [Code examples](#code-examples)
{% endif %}
{% if article.faq %}
- [Frequently asked questions](#frequently-asked-questions)
{% endif %}
{% if article.conclusion.body | trim %}
- [{{ article.conclusion.heading | oneline or "Conclusion" }}](#{{ (article.conclusion.heading | oneline or "Conclusion") | anchor }})
{% endif %}

{% endif %}
"#,
    sections!(),
    code_examples!(),
    faq!(),
    conclusion!("Conclusion"),
    footnotes!()
);

const QUICK_DRAFT: &str = concat!(
    introduction!(),
    sections!(),
    conclusion!("Conclusion"),
    footnotes!()
);

/// The built-in templates, by name.
const BUILTINS: &[(&str, &str)] = &[
    ("blog", BLOG),
    ("tutorial", TUTORIAL),
    ("faq", FAQ),
    ("summary", SUMMARY),
    ("social", SOCIAL),
    ("newsletter", NEWSLETTER),
    ("release-notes", RELEASE_NOTES),
    ("deep-dive", DEEP_DIVE),
    ("quick-draft", QUICK_DRAFT),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::article::{CodeExample, Faq, Section, Source};
    use crate::generate::output;

    fn article() -> Article {
        Article {
            title: "Ownership in Rust".into(),
            seo_title: "Rust ownership".into(),
            description: "How ownership works.".into(),
            slug: "ownership-in-rust".into(),
            date: "2024-05-01".into(),
            author: "Ann".into(),
            draft: false,
            tags: vec!["rust".into(), "memory safety".into(), "Rust".into()],
            keywords: vec!["ownership".into()],
            introduction: Section {
                heading: String::new(),
                body: "Rust has ownership.[^1] It is neat! Really? Yes.\n\nMore intro.".into(),
                citations: vec![1],
            },
            sections: vec![
                Section {
                    heading: "What is ownership".into(),
                    body: "Each value has one owner.[^1]\n\nValues drop with their owner.".into(),
                    citations: vec![1],
                },
                Section {
                    heading: "Borrowing rules".into(),
                    body: "You can borrow.[^2]".into(),
                    citations: vec![2],
                },
            ],
            conclusion: Section {
                heading: String::new(),
                body: "That is all.[^2]".into(),
                citations: vec![2],
            },
            faq: vec![Faq {
                question: "Is it hard?".into(),
                answer: "At first.[^1]".into(),
                citations: vec![1],
            }],
            code_examples: vec![CodeExample {
                language: Some("rust".into()),
                code: "fn main() {}\n".into(),
                caption: "The smallest program.".into(),
                citation: 1,
            }],
            sources: vec![
                Source {
                    id: 1,
                    title: "The Book".into(),
                    source: "docs/book.md".into(),
                    heading_path: vec!["Ch 4".into(), "Ownership".into()],
                    chunks: vec!["aa".into()],
                },
                Source {
                    id: 2,
                    title: String::new(),
                    source: "notes.md".into(),
                    heading_path: Vec::new(),
                    chunks: vec!["bb".into()],
                },
            ],
        }
    }

    fn render(name: &str, article: &Article) -> String {
        load(None)
            .unwrap()
            .render(name, article, &BTreeMap::new())
            .unwrap()
    }

    fn render_src(source: &str) -> Result<String, TemplateError> {
        render_src_with(source, &article(), &BTreeMap::new())
    }

    fn render_src_with(
        source: &str,
        article: &Article,
        vars: &BTreeMap<String, String>,
    ) -> Result<String, TemplateError> {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("t.md.j2"), source).unwrap();
        load(Some(dir.path()))?.render("t", article, vars)
    }

    #[test]
    fn builtins_are_listed_and_have_sources() {
        let t = load(None).unwrap();
        let names = t.names();
        for name in [
            "blog",
            "tutorial",
            "faq",
            "summary",
            "social",
            "newsletter",
            "release-notes",
            "deep-dive",
            "quick-draft",
        ] {
            assert!(names.contains(&(name.to_owned(), true)), "{name}");
            assert!(t.source(name).is_some_and(|s| !s.is_empty()));
        }
        assert_eq!(names.len(), BUILTINS.len());
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        assert!(t.source("nope").is_none());
    }

    #[test]
    fn blog_has_every_part() {
        let body = render("blog", &article());
        let expected = "Rust has ownership.[^1] It is neat! Really? Yes.\n\nMore intro.\n\n\
            ## What is ownership\n\nEach value has one owner.[^1]\n\nValues drop with their owner.\n\n\
            ## Borrowing rules\n\nYou can borrow.[^2]\n\n\
            ## Code examples\n\nThe smallest program.[^1]\n\n```rust\nfn main() {}\n```\n\n\
            ## Frequently asked questions\n\n### Is it hard?\n\nAt first.[^1]\n\n\
            ## Conclusion\n\nThat is all.[^2]\n\n\
            [^1]: The Book — docs/book.md › Ch 4 › Ownership\n\
            [^2]: notes.md\n";
        assert_eq!(body, expected);
    }

    #[test]
    fn headings_and_footnotes_from_the_sources_read_as_written() {
        let mut a = article();
        a.sections[0].heading = "http.createServer([options][, requestListener])".into();
        a.sources[0].title = "Using Box<T> to Point to Data".into();
        let body = render("blog", &a);
        assert!(
            body.contains("## `http.createServer([options][, requestListener])`\n"),
            "{body}"
        );
        assert!(
            body.contains("[^1]: Using `Box<T>` to Point to Data — "),
            "{body}"
        );
    }

    #[test]
    fn blog_footnotes_resolve_in_html() {
        let a = article();
        let html = output::render_html(&a, &render("blog", &a));
        assert!(html.contains("class=\"footnote-definition\" id=\"1\""));
        assert!(html.contains("The Book — docs/book.md › Ch 4 › Ownership"));
        assert!(!html.contains("[^1]"));
    }

    #[test]
    fn tutorial_numbers_steps() {
        let body = render("tutorial", &article());
        assert!(body.contains("## Step 1: What is ownership\n"));
        assert!(body.contains("## Step 2: Borrowing rules\n"));
        assert!(body.contains("## Wrapping up\n"));
    }

    #[test]
    fn faq_has_only_questions() {
        let body = render("faq", &article());
        assert!(body.starts_with("## Is it hard?\n\nAt first.[^1]\n"));
        assert!(!body.contains("Rust has ownership"));
        assert!(!body.contains("What is ownership"));
        assert!(body.contains("[^1]: The Book"));
    }

    #[test]
    fn summary_lists_key_points() {
        let body = render("summary", &article());
        assert!(body.contains(
            "## Key points\n\n- **What is ownership**: Each value has one owner.[^1]\n\
             - **Borrowing rules**: You can borrow.[^2]\n\n## Conclusion"
        ));
        assert!(!body.contains("Values drop"));
    }

    #[test]
    fn social_is_short_with_hashtags() {
        let body = render("social", &article());
        assert_eq!(
            body,
            "Ownership in Rust\n\nRust has ownership. It is neat! Really?\n\n#Rust #MemorySafety\n"
        );
    }

    #[test]
    fn social_falls_back_to_description_and_skips_empty_tags() {
        let mut a = article();
        a.introduction.body = "  ".into();
        a.tags = vec!["!!!".into()];
        assert_eq!(
            render("social", &a),
            "Ownership in Rust\n\nHow ownership works.\n"
        );
    }

    #[test]
    fn newsletter_greets_and_lists_the_issue() {
        let body = render("newsletter", &article());
        assert!(body.starts_with("Hello,\n\n"));
        assert!(body.contains("**In this issue:**\n\n- What is ownership\n- Borrowing rules\n"));
        let vars = BTreeMap::from([("greeting".to_owned(), "Hi friends,".to_owned())]);
        let t = load(None).unwrap();
        let body = t.render("newsletter", &article(), &vars).unwrap();
        assert!(body.starts_with("Hi friends,\n\n"));
    }

    #[test]
    fn release_notes_turn_sections_into_bullets() {
        let body = render("release-notes", &article());
        assert!(body.contains(
            "## What is ownership\n\n- Each value has one owner.[^1]\n- Values drop with their owner.\n"
        ));
    }

    #[test]
    fn deep_dive_contents_link_to_html_heading_ids() {
        let mut a = article();
        a.sections[0].heading = "Moves & copies: `Copy`[^1]".into();
        a.sections.push(Section {
            heading: "[a]\n b  c".into(),
            body: "x".into(),
            citations: Vec::new(),
        });
        let body = render("deep-dive", &a);
        assert!(body.contains("## Contents\n\n- [Moves & copies: `Copy`](#moves--copies-copy)\n"));
        assert!(body.contains("- [\\[a\\] b c](#a-b-c)\n"));
        assert!(body.contains("- [Conclusion](#conclusion)\n"));
        let html = output::render_html(&a, &body);
        for anchor in [
            "moves--copies-copy",
            "a-b-c",
            "borrowing-rules",
            "code-examples",
            "frequently-asked-questions",
            "conclusion",
        ] {
            assert!(html.contains(&format!("href=\"#{anchor}\"")), "{anchor}");
            assert!(html.contains(&format!("id=\"{anchor}\"")), "{anchor}");
        }
    }

    #[test]
    fn quick_draft_has_no_faq_or_code() {
        let body = render("quick-draft", &article());
        assert!(body.contains("## What is ownership"));
        assert!(body.contains("## Conclusion"));
        assert!(!body.contains("Frequently asked"));
        assert!(!body.contains("```"));
    }

    #[test]
    fn every_builtin_renders_an_empty_article() {
        let t = load(None).unwrap();
        for (name, _) in t.names() {
            let body = t
                .render(&name, &Article::default(), &BTreeMap::new())
                .unwrap();
            assert!(!body.starts_with('\n'), "{name}: {body:?}");
            assert!(body.is_empty() || body.ends_with('\n'), "{name}");
            assert!(!body.contains("\n\n\n"), "{name}: {body:?}");
        }
    }

    #[test]
    fn builtins_never_leave_triple_newlines() {
        let t = load(None).unwrap();
        for (name, _) in t.names() {
            let body = t.render(&name, &article(), &BTreeMap::new()).unwrap();
            assert!(!body.contains("\n\n\n"), "{name}: {body:?}");
        }
    }

    #[test]
    fn article_text_is_never_evaluated_as_a_template() {
        let mut a = article();
        a.title = "{{ 7 * 7 }} {% for x in range(3) %}x{% endfor %}".into();
        a.sections[0].body = "{{ article.title }} {# c #}".into();
        assert!(
            render("social", &a).starts_with("{{ 7 * 7 }} {% for x in range(3) %}x{% endfor %}\n")
        );
        assert!(render("blog", &a).contains("{{ article.title }} {# c #}"));
    }

    #[test]
    fn hostile_headings_and_code_stay_contained() {
        let mut a = article();
        a.sections[0].heading = "Line one\n\n# injected\n".into();
        a.faq[0].question = "Why?\n## Not a heading".into();
        a.code_examples[0].code = "before\n```\nescaped?\n````\n".into();
        a.code_examples[0].language = Some("rust\n<script>alert(1)</script>".into());
        let body = render("blog", &a);
        assert!(body.contains("## Line one # injected\n"));
        assert!(body.contains("### Why? ## Not a heading\n"));
        assert!(body.contains("`````rustscriptalert1script\nbefore\n```\nescaped?\n````\n`````"));
        let html = output::render_html(&a, &body);
        assert!(html.contains("escaped?\n````"));
        assert!(!html.contains("<script"));
    }

    #[test]
    fn missing_language_renders_a_plain_fence() {
        let mut a = article();
        a.code_examples[0].language = None;
        assert!(render("blog", &a).contains("\n```\nfn main() {}\n```\n"));
    }

    #[test]
    fn context_exposes_article_and_vars() {
        let vars = BTreeMap::from([("audience".to_owned(), "beginners".to_owned())]);
        let out = render_src_with(
            "{{ article.title }} for {{ vars.audience }}; {{ vars.missing | default('n/a') }}",
            &article(),
            &vars,
        )
        .unwrap();
        assert_eq!(out, "Ownership in Rust for beginners; n/a\n");
    }

    #[test]
    fn no_html_escaping() {
        let mut a = article();
        a.title = "<b>A & B</b> \"q\"".into();
        assert_eq!(
            render_src_with("{{ article.title }}", &a, &BTreeMap::new()).unwrap(),
            "<b>A & B</b> \"q\"\n"
        );
    }

    #[test]
    fn undefined_values_are_errors_with_name_and_line() {
        let err = render_src("line one\n{{ article.titel }}").unwrap_err();
        match &err {
            TemplateError::Render {
                name,
                line,
                message,
            } => {
                assert_eq!(name, "t");
                assert_eq!(*line, Some(2));
                assert!(message.contains("undefined"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().contains("\"t\" line 2"), "{err}");
        assert!(matches!(
            render_src("{{ vars.nope }}"),
            Err(TemplateError::Render { .. })
        ));
        assert!(matches!(
            render_src("{% if article.nope %}x{% endif %}"),
            Err(TemplateError::Render { .. })
        ));
    }

    #[test]
    fn syntax_errors_name_the_template_and_line() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("broken.md.j2"), "ok\nok\n{% for x in %}\n").unwrap();
        let err = load(Some(dir.path())).unwrap_err();
        match &err {
            TemplateError::Syntax { name, line, .. } => {
                assert_eq!(name, "broken");
                assert_eq!(*line, Some(3));
            }
            other => panic!("{other:?}"),
        }
        assert!(
            err.to_string()
                .starts_with("template \"broken\" line 3: syntax error"),
            "{err}"
        );
    }

    #[test]
    fn runaway_loops_run_out_of_fuel() {
        let err = render_src(
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        )
        .unwrap_err();
        match &err {
            TemplateError::Limit { name, message } => {
                assert_eq!(name, "t");
                assert!(message.contains("fuel"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn huge_ranges_and_recursion_are_stopped() {
        assert!(render_src("{% for i in range(10**9) %}x{% endfor %}").is_err());
        let err = render_src("{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}").unwrap_err();
        assert!(
            matches!(&err, TemplateError::Render { name, .. } | TemplateError::Limit { name, .. } if name == "t"),
            "{err:?}"
        );
    }

    #[test]
    fn memory_hungry_templates_run_out_of_fuel() {
        let err = render_src("{% set s = 'x' * 100000000 %}{{ s | length }}").unwrap_err();
        assert!(matches!(err, TemplateError::Limit { .. }), "{err:?}");
    }

    #[test]
    fn output_is_capped() {
        let err = render_src("{{ 'x' * 5000000 }}").unwrap_err();
        match err {
            TemplateError::Limit { name, message } => {
                assert_eq!(name, "t");
                assert!(message.contains("4 MiB"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        // Just under the cap is fine.
        let ok = render_src("{{ 'x' * 4000000 }}").unwrap();
        assert_eq!(ok.len(), 4_000_001);
    }

    #[test]
    fn not_found_lists_what_exists() {
        let t = load(None).unwrap();
        let err = t.render("blgo", &article(), &BTreeMap::new()).unwrap_err();
        match &err {
            TemplateError::NotFound { name, available } => {
                assert_eq!(name, "blgo");
                assert!(available.contains(&"blog".to_owned()));
            }
            other => panic!("{other:?}"),
        }
        assert!(
            err.to_string().contains("available: blog, deep-dive"),
            "{err}"
        );
    }

    #[test]
    fn user_templates_load_and_override_builtins() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("blog.md.j2"), "custom {{ article.slug }}").unwrap();
        fs::write(dir.path().join("mine_2-x.md.j2"), "mine").unwrap();
        fs::write(dir.path().join("README.md"), "{% not a template").unwrap();
        fs::write(dir.path().join(".hidden.md.j2"), "{% broken").unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let t = load(Some(dir.path())).unwrap();
        let names = t.names();
        assert!(names.contains(&("blog".to_owned(), false)));
        assert!(names.contains(&("mine_2-x".to_owned(), false)));
        assert!(names.contains(&("tutorial".to_owned(), true)));
        assert_eq!(names.len(), BUILTINS.len() + 1);
        assert_eq!(t.source("blog"), Some("custom {{ article.slug }}"));
        assert_eq!(
            t.render("blog", &article(), &BTreeMap::new()).unwrap(),
            "custom ownership-in-rust\n"
        );
    }

    #[test]
    fn missing_user_dir_means_builtins_only() {
        let dir = tempfile::tempdir().unwrap();
        let t = load(Some(&dir.path().join("absent"))).unwrap();
        assert_eq!(t.names().len(), BUILTINS.len());
    }

    #[test]
    fn bad_user_files_fail_the_load() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("Bad Name.md.j2"), "x").unwrap();
        assert!(matches!(
            load(Some(dir.path())),
            Err(TemplateError::InvalidName { name }) if name == "Bad Name"
        ));

        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("big.md.j2"), "x".repeat(256 * 1024 + 1)).unwrap();
        assert!(matches!(
            load(Some(dir.path())),
            Err(TemplateError::TooLarge { name, size }) if name == "big" && size == 256 * 1024 + 1
        ));

        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("bin.md.j2"), [0xff, 0xfe, b'x']).unwrap();
        assert!(matches!(
            load(Some(dir.path())),
            Err(TemplateError::Io { .. })
        ));

        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("adir.md.j2")).unwrap();
        assert!(matches!(
            load(Some(dir.path())),
            Err(TemplateError::Io { .. })
        ));

        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("x"), "not a folder").unwrap();
        assert!(matches!(
            load(Some(&dir.path().join("x"))),
            Err(TemplateError::Io { .. })
        ));
    }

    #[test]
    fn exactly_the_size_limit_is_accepted() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("edge.md.j2"), "x".repeat(256 * 1024)).unwrap();
        assert!(load(Some(dir.path())).is_ok());
    }

    #[test]
    fn validate_checks_name_size_and_syntax() {
        assert!(validate("ok-name_1", "{{ article.title }}").is_ok());
        // Unknown variables only fail at render time: validation does not render.
        assert!(validate("ok", "{{ whatever }}").is_ok());
        for bad in [
            "",
            "UPPER",
            "has space",
            "dot.ted",
            "../up",
            "a/b",
            &"a".repeat(65),
        ] {
            assert!(
                matches!(validate(bad, "x"), Err(TemplateError::InvalidName { .. })),
                "{bad:?}"
            );
        }
        assert!(validate(&"a".repeat(64), "x").is_ok());
        assert!(matches!(
            validate("big", &"x".repeat(256 * 1024 + 1)),
            Err(TemplateError::TooLarge { .. })
        ));
        assert!(matches!(
            validate("s", "a\n{{ unclosed"),
            Err(TemplateError::Syntax { name, line: Some(2), .. }) if name == "s"
        ));
        assert!(matches!(
            validate("s", "{% endfor %}"),
            Err(TemplateError::Syntax { .. })
        ));
    }

    #[test]
    fn add_and_remove_user_templates() {
        use std::os::unix::fs::PermissionsExt;
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("templates");
        let path = add_user_template(&dir, "mine", "v1 {{ article.title }}").unwrap();
        assert_eq!(path, dir.join("mine.md.j2"));
        assert_eq!(fs::read_to_string(&path).unwrap(), "v1 {{ article.title }}");
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o644
        );

        // Re-adding replaces; an invalid template is refused and leaves the old one.
        add_user_template(&dir, "mine", "v2").unwrap();
        assert!(matches!(
            add_user_template(&dir, "mine", "{% if %}"),
            Err(TemplateError::Syntax { .. })
        ));
        assert_eq!(fs::read_to_string(&path).unwrap(), "v2");
        assert!(matches!(
            add_user_template(&dir, "../evil", "x"),
            Err(TemplateError::InvalidName { .. })
        ));
        // No temporary files are left behind.
        let files: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(files, vec![std::ffi::OsString::from("mine.md.j2")]);

        let t = load(Some(&dir)).unwrap();
        assert_eq!(
            t.render("mine", &article(), &BTreeMap::new()).unwrap(),
            "v2\n"
        );

        assert_eq!(remove_user_template(&dir, "mine").unwrap(), path);
        assert!(!path.exists());
        assert!(matches!(
            remove_user_template(&dir, "mine"),
            Err(TemplateError::NotFound { .. })
        ));
        assert!(matches!(
            remove_user_template(&dir, "../x"),
            Err(TemplateError::InvalidName { .. })
        ));
    }

    #[test]
    fn builtins_cannot_be_removed_but_overrides_can() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            remove_user_template(dir.path(), "blog"),
            Err(TemplateError::Builtin { name }) if name == "blog"
        ));
        add_user_template(dir.path(), "blog", "override").unwrap();
        let t = load(Some(dir.path())).unwrap();
        assert_eq!(t.source("blog"), Some("override"));
        remove_user_template(dir.path(), "blog").unwrap();
        let t = load(Some(dir.path())).unwrap();
        assert!(t.names().contains(&("blog".to_owned(), true)));
        assert_ne!(t.source("blog"), Some("override"));
    }

    #[test]
    fn filters_are_available_to_user_templates() {
        let out = render_src(
            "{{ 'a\n b' | oneline }}|{{ 'Hello World!' | anchor }}|{{ 'x[^1].' | strip_citations }}|\
             {{ 'One. Two. Three.' | sentences(2) }}|{{ 'web dev' | hashtag }}",
        )
        .unwrap();
        assert_eq!(out, "a b|hello-world|x.|One. Two.|#WebDev\n");
    }

    #[test]
    fn sentences_splits_deterministically() {
        assert_eq!(sentences("One. Two! Three? Four.", 2), "One. Two!");
        assert_eq!(sentences("Cited.[^1][^2] Next.", 1), "Cited.[^1][^2]");
        assert_eq!(
            sentences("He said \"stop.\" Then left.", 1),
            "He said \"stop.\""
        );
        assert_eq!(
            sentences("Version 1.2 is out. Yes.", 1),
            "Version 1.2 is out."
        );
        assert_eq!(sentences("no end", 3), "no end");
        assert_eq!(sentences("A.\n\nB.", 5), "A. B.");
        assert_eq!(sentences("A. B.", 0), "");
        assert_eq!(sentences("", 2), "");
        assert_eq!(sentences("ünïcödé. ✓ done.", 1), "ünïcödé.");
        assert_eq!(sentences("...", 1), "...");
    }

    #[test]
    fn strip_citations_keeps_other_brackets() {
        assert_eq!(strip_citations("a[^1] b [^note-2]."), "a b.");
        assert_eq!(
            strip_citations("[^] [^ x] [^1 [link](u)"),
            "[^] [^ x] [^1 [link](u)"
        );
        assert_eq!(strip_citations("end [^"), "end [^");
        assert_eq!(strip_citations("x^1] [^ü]!"), "x^1]!");
    }

    #[test]
    fn bullets_respect_structure() {
        assert_eq!(bullets("One\ntwo.\n\nThree."), "- One two.\n- Three.");
        assert_eq!(
            bullets("Intro.\n\n- a\n- b\n\nAfter."),
            "- Intro.\n- a\n- b\n- After."
        );
        assert_eq!(
            bullets("Code:\n\n```\nx\n\ny\n```\n\n1. one"),
            "- Code:\n\n```\nx\n\ny\n```\n\n1. one"
        );
        assert_eq!(bullets("## H\n\n| a |\n\n> q"), "## H\n\n| a |\n\n> q");
        assert_eq!(bullets(""), "");
        assert_eq!(bullets("```\nunclosed\n\nfence"), "```\nunclosed\n\nfence");
    }

    #[test]
    fn fence_outgrows_backticks_in_code() {
        assert_eq!(fence("x", "rust"), "```rust\nx\n```");
        assert_eq!(fence("a ```` b\n", ""), "`````\na ```` b\n`````");
        assert_eq!(fence("x", "c++ <b>"), "```c++b\nx\n```");
        assert_eq!(fence("", "x y"), "```xy\n\n```");
    }

    #[test]
    fn hashtags() {
        assert_eq!(hashtag("machine learning"), "#MachineLearning");
        assert_eq!(hashtag("c++"), "#C");
        assert_eq!(hashtag("rust-lang"), "#RustLang");
        assert_eq!(hashtag("ärger"), "#Ärger");
        assert_eq!(hashtag("#!"), "");
    }
}
