//! Turning a finished [`Article`] and its rendered body into files: the YAML front matter, the
//! Markdown, HTML and JSON renderings, and the safe, atomic write of an article and its manifest
//! into the output folder.
//!
//! Decisions this module owns:
//!
//! - **Paths.** The blog layout writes `<out>/<slug>/index.<ext>` and `<out>/<slug>/manifest.json`;
//!   the flat layout writes `<out>/<slug>.<ext>` and `<out>/<slug>.manifest.json`. The slug must
//!   already be a clean slug (`^[a-z0-9]+(-[a-z0-9]+)*$`, at most 100 bytes): a bad one is refused
//!   with [`OutputError::BadSlug`], never repaired here, because the caller owns slugification and
//!   collision handling (see [`exists`]).
//! - **Containment.** The output folder is created if missing and canonicalized; the article folder
//!   and the files must be real folders and files inside it. A symlink at the article folder or at
//!   a target file is refused ([`OutputError::Symlink`]) rather than followed, so a link planted at
//!   `<out>/<slug>` that points at `/etc` cannot redirect the write. (This guards against planted
//!   links, not against a concurrent attacker who can already write into the output folder.)
//! - **Existing articles are never silently overwritten.** Without `force`, an existing article
//!   or manifest is refused with [`OutputError::Exists`]. With `force`, the old file is first
//!   renamed to `<file>.prev` (replacing an older `.prev`), then the new one is written; the same
//!   happens to the manifest. The final step is a no-clobber link, so a file that appears
//!   concurrently between the check and the write is still refused, not overwritten.
//! - **Atomicity.** Each file is written to a temporary file in the same folder, fsynced, given
//!   mode 0644 and then moved into place, so readers see either the old state or the whole new
//!   file. Both files are staged before anything existing is touched, so a full disk fails the
//!   write without disturbing the previous article.
//! - **Modes.** Articles are the caller's output, for a web server or a site tool: files are
//!   0644 and the folders made for them 0755, whatever the daemon's umask (077).
//! - **HTML** is rendered with pulldown-cmark (tables, footnotes, strikethrough) and sanitized with
//!   ammonia: no scripts, no event handlers, no `javascript:` URLs, `rel="noopener noreferrer"` on
//!   links. Headings get GitHub-style ids ([`heading_anchor`]) so tables of contents link up.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

use crate::generate::article::Article;

/// Longest slug accepted, in bytes: keeps `<slug>.manifest.json` and the temporary names well
/// under the 255-byte file-name limit of common filesystems.
pub const MAX_SLUG_BYTES: usize = 100;

/// Mode of every file written here: readable by the web server or static-site tool that picks
/// the output up, writable only by the owner.
const FILE_MODE: u32 = 0o644;

/// Mode of the folders made here: whoever reads the articles must reach them.
const DIR_MODE: u32 = 0o755;

/// Suffix of the backup kept when `force` replaces an existing file.
const BACKUP_SUFFIX: &str = ".prev";

/// How the output folder is organized.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    /// `<out>/<slug>/index.<ext>`: one folder per article, as static-site generators expect.
    #[default]
    Blog,
    /// `<out>/<slug>.<ext>`: all articles side by side.
    Flat,
}

/// The file format of the article.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    #[default]
    Md,
    Html,
    Json,
}

impl Format {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error(
        "invalid slug {slug:?}: {reason} (a slug is lowercase letters and digits in words \
         joined by single '-', at most {MAX_SLUG_BYTES} bytes)"
    )]
    BadSlug { slug: String, reason: &'static str },
    #[error("cannot use output folder {}: {source}", path.display())]
    OutDir {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("output folder {} is not writable: {source}", path.display())]
    NotWritable {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("refusing to write through the symlink {}", path.display())]
    Symlink { path: PathBuf },
    #[error("refusing to write {}: it resolves outside the output folder", path.display())]
    Escapes { path: PathBuf },
    #[error("{} exists and is not a regular file or folder", path.display())]
    Occupied { path: PathBuf },
    #[error(
        "{} already exists; pass --force to replace it (the old file is kept as {}{BACKUP_SUFFIX})",
        path.display(),
        path.display()
    )]
    Exists { path: PathBuf },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// What to write where. `content` is the complete file (see [`render_markdown`],
/// [`render_html`], [`render_json`]); `manifest` is written beside it as pretty JSON.
#[derive(Debug, Clone, Copy)]
pub struct WriteRequest<'a> {
    pub out_dir: &'a Path,
    pub slug: &'a str,
    pub layout: Layout,
    pub format: Format,
    pub content: &'a str,
    pub manifest: &'a serde_json::Value,
    pub force: bool,
}

/// Where a write went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub manifest_path: PathBuf,
    /// The previous article, kept when `force` replaced one.
    pub backup: Option<PathBuf>,
}

/// The front matter fields, in the order they are written.
#[derive(Serialize)]
struct FrontMatter<'a> {
    title: &'a str,
    seo_title: &'a str,
    description: &'a str,
    date: &'a str,
    slug: &'a str,
    tags: &'a [String],
    keywords: &'a [String],
    author: &'a str,
    draft: bool,
    sources: Vec<FrontMatterSource<'a>>,
}

#[derive(Serialize)]
struct FrontMatterSource<'a> {
    id: usize,
    title: &'a str,
    source: &'a str,
    chunks: &'a [String],
}

/// The YAML front matter of `article`, between `---` lines, ending with a newline.
///
/// The YAML comes from serde_norway rather than string formatting, so any title (with `:`,
/// quotes, `#`, newlines, a leading `-` or a line reading `---`) is quoted or block-scalared and
/// parses back to the same value.
pub fn front_matter(article: &Article) -> String {
    let fm = FrontMatter {
        title: &article.title,
        seo_title: &article.seo_title,
        description: &article.description,
        date: &article.date,
        slug: &article.slug,
        tags: &article.tags,
        keywords: &article.keywords,
        author: &article.author,
        draft: article.draft,
        sources: article
            .sources
            .iter()
            .map(|s| FrontMatterSource {
                id: s.id,
                title: &s.title,
                source: &s.source,
                chunks: &s.chunks,
            })
            .collect(),
    };
    // Safe: the struct holds only strings, a bool, integers and sequences of them, with fixed
    // field names; serde_norway fails only on unrepresentable values (non-string map keys,
    // custom Serialize errors), none of which can occur here.
    let yaml = serde_norway::to_string(&fm).expect("front matter always serializes to YAML");
    let yaml = yaml.strip_prefix("---\n").unwrap_or(&yaml);
    format!("---\n{yaml}---\n")
}

/// The Markdown file: front matter, a blank line, then the body ending in one newline.
pub fn render_markdown(article: &Article, body: &str) -> String {
    format!("{}\n{}\n", front_matter(article), body.trim_end())
}

/// A standalone HTML5 page: the body rendered from Markdown and sanitized, with the title,
/// description and keywords escaped into the head.
pub fn render_html(article: &Article, body: &str) -> String {
    let content = sanitize_html(&markdown_to_html(body));
    let page_title = if article.seo_title.trim().is_empty() {
        &article.title
    } else {
        &article.seo_title
    };
    let mut head = String::new();
    head.push_str(&format!(
        "<title>{}</title>\n",
        escape_html(&one_line(page_title))
    ));
    head.push_str(&format!(
        "<meta name=\"description\" content=\"{}\">\n",
        escape_html(&one_line(&article.description))
    ));
    head.push_str(&format!(
        "<meta name=\"keywords\" content=\"{}\">\n",
        escape_html(&one_line(&article.keywords.join(", ")))
    ));
    if !article.author.trim().is_empty() {
        head.push_str(&format!(
            "<meta name=\"author\" content=\"{}\">\n",
            escape_html(&one_line(&article.author))
        ));
    }
    format!(
        "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         {CSP}\
         {head}<meta name=\"generator\" content=\"cgen\">\n</head>\n<body>\n<article>\n\
         <h1>{}</h1>\n{}</article>\n</body>\n</html>\n",
        escape_html(&one_line(&article.title)),
        content,
    )
}

/// Defence in depth behind the sanitizer: even if markup slipped through, the page may run no
/// script and load nothing but images and inline styles.
const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
                   img-src https: http: data:; style-src 'unsafe-inline'\">\n";

/// The article as JSON: every [`Article`] field plus `body_markdown`.
pub fn render_json(article: &Article, body: &str) -> serde_json::Value {
    // Safe: Article is plain data with string-keyed structs only, which serde_json always
    // serializes (it fails only on non-string map keys or custom Serialize errors).
    let mut value = serde_json::to_value(article).expect("an Article always serializes to JSON");
    if let serde_json::Value::Object(map) = &mut value {
        map.insert(
            "body_markdown".to_owned(),
            serde_json::Value::String(body.to_owned()),
        );
    }
    value
}

/// The GitHub-style anchor of a heading: lowercase letters and digits kept, spaces and `-`
/// become `-`, `_` kept, everything else dropped. The HTML renderer gives headings these ids and
/// templates use the same function (the `anchor` filter) to link to them.
pub fn heading_anchor(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if c == ' ' || c == '-' {
            out.push('-');
        } else if c == '_' {
            out.push('_');
        }
    }
    out
}

/// Markdown → HTML with the extensions the templates use, headings given ids.
fn markdown_to_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event<'_>> = Parser::new_ext(markdown, options).collect();
    add_heading_ids(&mut events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    html
}

/// Gives every heading an id from its text, made unique GitHub-style (`x`, `x-1`, `x-2`…).
fn add_heading_ids(events: &mut [Event<'_>]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for i in 0..events.len() {
        if !matches!(events[i], Event::Start(Tag::Heading { id: None, .. })) {
            continue;
        }
        let mut text = String::new();
        for event in &events[i + 1..] {
            match event {
                Event::End(TagEnd::Heading(_)) => break,
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                _ => {}
            }
        }
        let base = heading_anchor(&text);
        let base = if base.is_empty() {
            "section".to_owned()
        } else {
            base
        };
        let count = seen.entry(base.clone()).or_insert(0);
        let anchor = if *count == 0 {
            base
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
            *id = Some(CowStr::from(anchor));
        }
    }
}

/// Sanitizes rendered HTML. Ammonia's defaults already drop scripts, styles, event handlers and
/// every URL scheme not on its safe list (so `javascript:` and `data:` links go); on top of them
/// this keeps what the Markdown renderer legitimately emits: heading and footnote ids, footnote
/// and code-language classes, and table-cell alignment.
fn sanitize_html(html: &str) -> String {
    let mut builder = ammonia::Builder::default();
    builder.link_rel(Some("noopener noreferrer"));
    for tag in ["h1", "h2", "h3", "h4", "h5", "h6", "li"] {
        builder.add_tag_attributes(tag, &["id"]);
    }
    builder.add_tag_attributes("div", &["id", "class"]);
    builder.add_tag_attributes("sup", &["id", "class"]);
    builder.add_tag_attributes("code", &["class"]);
    builder.add_tag_attributes("th", &["style"]);
    builder.add_tag_attributes("td", &["style"]);
    builder.filter_style_properties(["text-align"].into_iter().collect());
    builder.attribute_filter(|element, attribute, value| {
        if attribute == "class" && !allowed_class(element, value) {
            None
        } else {
            Some(value.into())
        }
    });
    builder.clean(html).to_string()
}

/// The classes pulldown-cmark emits, and nothing else, so content cannot borrow the page's own
/// styling hooks.
fn allowed_class(element: &str, value: &str) -> bool {
    match element {
        "code" => value.strip_prefix("language-").is_some_and(|lang| {
            !lang.is_empty()
                && lang
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+#-_.".contains(c))
        }),
        "sup" => value == "footnote-reference" || value == "footnote-definition-label",
        "div" => value == "footnote-definition",
        _ => false,
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Checks that `slug` is already a clean slug; the caller slugifies, this only verifies.
pub fn check_slug(slug: &str) -> Result<(), OutputError> {
    let reason = if slug.is_empty() {
        Some("it is empty")
    } else if slug.len() > MAX_SLUG_BYTES {
        Some("it is too long")
    } else if !slug
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        Some("it has characters other than a-z, 0-9 and '-'")
    } else if slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
        Some("a '-' must sit between two words")
    } else {
        None
    };
    match reason {
        Some(reason) => Err(OutputError::BadSlug {
            slug: slug.to_owned(),
            reason,
        }),
        None => Ok(()),
    }
}

/// The article folder, article file and manifest file for a slug, under `out_dir` as given.
fn paths(
    out_dir: &Path,
    slug: &str,
    layout: Layout,
    format: Format,
) -> (PathBuf, PathBuf, PathBuf) {
    let ext = format.extension();
    match layout {
        Layout::Blog => {
            let dir = out_dir.join(slug);
            let path = dir.join(format!("index.{ext}"));
            let manifest = dir.join("manifest.json");
            (dir, path, manifest)
        }
        Layout::Flat => (
            out_dir.to_path_buf(),
            out_dir.join(format!("{slug}.{ext}")),
            out_dir.join(format!("{slug}.manifest.json")),
        ),
    }
}

/// Whether writing this slug would meet something already there: the article, its manifest
/// (shared by every format in the blog layout), or in the blog layout anything at
/// `<out>/<slug>` that is not a real folder. The caller uses it to pick `-2`, `-3`… An invalid
/// slug reports `false`; [`write`] then refuses it with [`OutputError::BadSlug`].
pub fn exists(out_dir: &Path, slug: &str, layout: Layout, format: Format) -> bool {
    if check_slug(slug).is_err() {
        return false;
    }
    let (dir, path, manifest) = paths(out_dir, slug, layout, format);
    if layout == Layout::Blog {
        match fs::symlink_metadata(&dir) {
            Ok(meta) if !meta.is_dir() => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
    fs::symlink_metadata(&path).is_ok() || fs::symlink_metadata(&manifest).is_ok()
}

/// The topic recorded in the manifest of the article at this slug, if there is one to read:
/// tells a regeneration of the same topic (same slug) from a different topic (next slug).
pub fn topic_of(out_dir: &Path, slug: &str, layout: Layout) -> Option<String> {
    check_slug(slug).ok()?;
    let (_, _, manifest) = paths(out_dir, slug, layout, Format::Md);
    if fs::symlink_metadata(&manifest).ok()?.len() > 1 << 20 {
        return None;
    }
    let value: serde_json::Value = serde_json::from_slice(&fs::read(&manifest).ok()?).ok()?;
    value.get("topic")?.as_str().map(str::to_string)
}

/// Writes the article and its manifest; see the module doc for the rules.
pub fn write(req: WriteRequest<'_>) -> Result<Written, OutputError> {
    check_slug(req.slug)?;
    let out = prepare_out_dir(req.out_dir)?;
    let (dir, path, manifest_path) = paths(&out, req.slug, req.layout, req.format);
    if req.layout == Layout::Blog {
        ensure_article_dir(&out, &dir)?;
    }
    let article_exists = check_target(&path, req.force)?;
    let manifest_exists = check_target(&manifest_path, req.force)?;

    let mut manifest_bytes =
        serde_json::to_vec_pretty(req.manifest).map_err(|e| OutputError::Io {
            path: manifest_path.clone(),
            source: io::Error::other(e),
        })?;
    manifest_bytes.push(b'\n');

    // Stage both files before touching anything that exists, so a failure here (full disk,
    // read-only folder) leaves the previous article intact.
    let staged_article =
        Staged::new(&path, req.content.as_bytes()).map_err(|e| staging_error(&dir, &path, e))?;
    let staged_manifest = Staged::new(&manifest_path, &manifest_bytes)
        .map_err(|e| staging_error(&dir, &manifest_path, e))?;

    let backup = if article_exists {
        Some(back_up(&path)?)
    } else {
        None
    };
    staged_article
        .commit()
        .map_err(|e| commit_error(&path, e))?;
    if manifest_exists {
        back_up(&manifest_path)?;
    }
    staged_manifest
        .commit()
        .map_err(|e| commit_error(&manifest_path, e))?;
    sync_dir(&dir);

    Ok(Written {
        path,
        manifest_path,
        backup,
    })
}

/// Creates the output folder if needed and returns its canonical path, the root every output
/// path is checked against.
fn prepare_out_dir(out_dir: &Path) -> Result<PathBuf, OutputError> {
    let out_err = |source| OutputError::OutDir {
        path: out_dir.to_path_buf(),
        source,
    };
    create_dirs(out_dir).map_err(out_err)?;
    let canonical = fs::canonicalize(out_dir).map_err(out_err)?;
    let meta = fs::metadata(&canonical).map_err(out_err)?;
    if !meta.is_dir() {
        return Err(out_err(io::Error::new(
            io::ErrorKind::NotADirectory,
            "not a folder",
        )));
    }
    Ok(canonical)
}

/// Creates `dir` and its missing parents with [`DIR_MODE`] whatever the umask (the daemon's is
/// 077); folders that exist keep their mode.
fn create_dirs(dir: &Path) -> io::Result<()> {
    let missing: Vec<&Path> = dir
        .ancestors()
        .take_while(|d| !d.as_os_str().is_empty() && fs::symlink_metadata(d).is_err())
        .collect();
    for d in missing.into_iter().rev() {
        match fs::create_dir(d) {
            Ok(()) => fs::set_permissions(d, fs::Permissions::from_mode(DIR_MODE))?,
            // Made meanwhile by someone else: theirs, with their mode.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// Makes sure `<out>/<slug>` is a real folder directly inside `out` (creating it if missing),
/// never a symlink or a file.
fn ensure_article_dir(out: &Path, dir: &Path) -> Result<(), OutputError> {
    let io_err = |source| OutputError::Io {
        path: dir.to_path_buf(),
        source,
    };
    match fs::symlink_metadata(dir) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(OutputError::Symlink {
                path: dir.to_path_buf(),
            });
        }
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(OutputError::Occupied {
                path: dir.to_path_buf(),
            });
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => match fs::create_dir(dir) {
            Ok(()) => {
                fs::set_permissions(dir, fs::Permissions::from_mode(DIR_MODE)).map_err(io_err)?
            }
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                return Err(OutputError::NotWritable {
                    path: out.to_path_buf(),
                    source: e,
                });
            }
            Err(e) => return Err(io_err(e)),
        },
        Err(e) => return Err(io_err(e)),
    }
    // `out` is canonical and the slug is a single plain component, so a folder that is really
    // where it seems resolves to exactly `out/<slug>`; anything else was swapped or linked.
    let resolved = fs::canonicalize(dir).map_err(io_err)?;
    if resolved != dir {
        return Err(OutputError::Escapes {
            path: dir.to_path_buf(),
        });
    }
    Ok(())
}

/// Checks a target file: `Ok(true)` if it exists and may be replaced (`force`), `Ok(false)` if
/// it is free.
fn check_target(path: &Path, force: bool) -> Result<bool, OutputError> {
    match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => Err(OutputError::Symlink {
            path: path.to_path_buf(),
        }),
        Ok(meta) if !meta.is_file() => Err(OutputError::Occupied {
            path: path.to_path_buf(),
        }),
        Ok(_) if !force => Err(OutputError::Exists {
            path: path.to_path_buf(),
        }),
        Ok(_) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(OutputError::Io {
            path: path.to_path_buf(),
            source: e,
        }),
    }
}

/// Moves `path` to `path.prev`, replacing an older backup; returns the backup path.
fn back_up(path: &Path) -> Result<PathBuf, OutputError> {
    let mut name = OsString::from(path.as_os_str());
    name.push(BACKUP_SUFFIX);
    let backup = PathBuf::from(name);
    fs::rename(path, &backup).map_err(|source| OutputError::Io {
        path: backup.clone(),
        source,
    })?;
    Ok(backup)
}

fn staging_error(dir: &Path, path: &Path, e: io::Error) -> OutputError {
    match e.kind() {
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            OutputError::NotWritable {
                path: dir.to_path_buf(),
                source: e,
            }
        }
        _ => OutputError::Io {
            path: path.to_path_buf(),
            source: e,
        },
    }
}

fn commit_error(path: &Path, e: io::Error) -> OutputError {
    if e.kind() == io::ErrorKind::AlreadyExists {
        OutputError::Exists {
            path: path.to_path_buf(),
        }
    } else {
        OutputError::Io {
            path: path.to_path_buf(),
            source: e,
        }
    }
}

/// Makes renames in `dir` durable. Best effort: some filesystems refuse to fsync a folder, and
/// by then the files themselves are complete and in place.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `bytes` to `path` atomically, replacing an existing file: for callers with their own
/// overwrite policy (user templates are replaced by `templates add`).
pub(crate) fn write_file_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let staged = Staged::new(path, bytes)?;
    // On failure `staged` is dropped, which removes the temporary file.
    fs::rename(&staged.temp, path)?;
    let dir = staged.dir.clone();
    staged.disarm();
    sync_dir(&dir);
    Ok(())
}

/// A complete, fsynced temporary file next to its destination, removed on drop unless
/// committed.
struct Staged {
    dir: PathBuf,
    temp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

/// Distinguishes temporary files of concurrent writes within one process (the pid tells
/// processes apart).
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl Staged {
    fn new(dest: &Path, bytes: &[u8]) -> io::Result<Staged> {
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = dest
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
        // Hidden and with the pid and a counter, so concurrent writers never share a temporary
        // file and template or article listings skip it.
        let mut temp_name = OsString::from(".");
        temp_name.push(name);
        temp_name.push(format!(
            ".{}.{}.tmp",
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let temp = dir.join(temp_name);
        let mut file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(FILE_MODE)
            .open(&temp)?;
        // From here on, an early return drops `staged`, which removes the temporary file.
        let staged = Staged {
            dir,
            temp,
            dest: dest.to_path_buf(),
            committed: false,
        };
        file.write_all(bytes)?;
        // The umask may have narrowed the creation mode; outputs are always 0644.
        file.set_permissions(fs::Permissions::from_mode(FILE_MODE))?;
        file.sync_all()?;
        Ok(staged)
    }

    fn disarm(mut self) {
        self.committed = true;
    }

    /// Moves the file into place without ever replacing an existing destination: a hard link
    /// fails if the destination exists, atomically. Filesystems without hard links fall back to
    /// a check followed by a rename.
    fn commit(self) -> io::Result<()> {
        match fs::hard_link(&self.temp, &self.dest) {
            // The destination is in place; dropping `self` removes the temporary name, now
            // only a second link to the same file.
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(e),
            Err(_) => {
                if fs::symlink_metadata(&self.dest).is_ok() {
                    return Err(io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        "destination appeared during the write",
                    ));
                }
                fs::rename(&self.temp, &self.dest)?;
                self.disarm();
                Ok(())
            }
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::article::{Section, Source};
    use std::os::unix::fs::symlink;

    fn article() -> Article {
        Article {
            title: "Ownership: a \"guide\" #1".into(),
            seo_title: "Ownership guide".into(),
            description: "How ownership works.".into(),
            slug: "ownership".into(),
            date: "2024-05-01".into(),
            author: "Ann".into(),
            draft: true,
            tags: vec!["rust".into()],
            keywords: vec!["ownership".into(), "borrow".into()],
            introduction: Section {
                heading: String::new(),
                body: "Intro.".into(),
                citations: Vec::new(),
            },
            sources: vec![Source {
                id: 1,
                title: "The Book".into(),
                source: "docs/book.md".into(),
                heading_path: vec!["Ch 4".into()],
                chunks: vec!["abc123".into(), "def456".into()],
            }],
            ..Article::default()
        }
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct ParsedFrontMatter {
        title: String,
        seo_title: String,
        description: String,
        date: String,
        slug: String,
        tags: Vec<String>,
        keywords: Vec<String>,
        author: String,
        draft: bool,
        sources: Vec<ParsedSource>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct ParsedSource {
        id: usize,
        title: String,
        source: String,
        chunks: Vec<String>,
    }

    /// Splits a Markdown file the way static-site tools do: the YAML runs from the first line
    /// `---` to the next line that is exactly `---`.
    fn split(doc: &str) -> (ParsedFrontMatter, &str) {
        let rest = doc.strip_prefix("---\n").expect("opening ---");
        let end = rest.find("\n---\n").expect("closing ---");
        let yaml = &rest[..end + 1];
        (serde_norway::from_str(yaml).unwrap(), &rest[end + 5..])
    }

    #[test]
    fn front_matter_has_the_fields_in_order() {
        let fm = front_matter(&article());
        assert_eq!(
            fm,
            "---\ntitle: 'Ownership: a \"guide\" #1'\nseo_title: Ownership guide\n\
             description: How ownership works.\ndate: 2024-05-01\nslug: ownership\n\
             tags:\n- rust\nkeywords:\n- ownership\n- borrow\nauthor: Ann\ndraft: true\n\
             sources:\n- id: 1\n  title: The Book\n  source: docs/book.md\n  chunks:\n  \
             - abc123\n  - def456\n---\n"
        );
    }

    #[test]
    fn front_matter_round_trips_hostile_values() {
        let hostile = [
            "a: b",
            "\"quoted\" and 'single'",
            "# not a comment",
            "- leading dash",
            "line one\nline two",
            "---\nfake: front matter\n---",
            "trailing space ",
            " leading space",
            "yes",
            "null",
            "~",
            "1.0",
            "0x1F",
            "2024-05-01",
            "@at `tick` |pipe >gt *star &amp !bang %pct {brace} [bracket]",
            "tab\there",
            "unicode ✓ ünï 中文",
            "\u{0}\u{7}control",
            "",
            "...",
            "a\r\nb",
        ];
        for value in hostile {
            let mut a = article();
            a.title = value.into();
            a.seo_title = value.into();
            a.description = value.into();
            a.date = value.into();
            a.author = value.into();
            a.tags = vec![value.into(), "plain".into()];
            a.keywords = vec![value.into()];
            a.sources[0].title = value.into();
            a.sources[0].source = value.into();
            a.sources[0].chunks = vec![value.into()];
            let doc = render_markdown(&a, "Body text.\n");
            let (parsed, body) = split(&doc);
            assert_eq!(
                parsed,
                ParsedFrontMatter {
                    title: value.into(),
                    seo_title: value.into(),
                    description: value.into(),
                    date: value.into(),
                    slug: "ownership".into(),
                    tags: vec![value.into(), "plain".into()],
                    keywords: vec![value.into()],
                    author: value.into(),
                    draft: true,
                    sources: vec![ParsedSource {
                        id: 1,
                        title: value.into(),
                        source: value.into(),
                        chunks: vec![value.into()],
                    }],
                },
                "{value:?}\n{doc}"
            );
            assert_eq!(body, "\nBody text.\n", "{value:?}");
        }
    }

    #[test]
    fn markdown_is_front_matter_then_body() {
        let doc = render_markdown(&article(), "## Hi\n\nText.\n\n\n");
        assert!(doc.starts_with("---\ntitle:"));
        assert!(doc.ends_with("---\n\n## Hi\n\nText.\n"));
    }

    #[test]
    fn html_is_a_sanitized_standalone_page() {
        let mut a = article();
        a.title = "<script>alert(1)</script> & \"x\"".into();
        a.seo_title = String::new();
        a.description = "desc \"quoted\" <b>".into();
        a.keywords = vec!["a\"b".into(), "<c>".into()];
        let body = "Text.[^1]\n\n\
            <script>alert('x')</script>\n\n\
            <img src=x onerror=alert(1)>\n\n\
            [click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) \
            [ok](https://example.com)\n\n\
            <a href=\"JaVaScRiPt:alert(1)\">x</a> <iframe src=\"https://evil\"></iframe>\n\n\
            <div class=\"evil\" style=\"position:fixed\" onclick=\"x()\">d</div>\n\n\
            <svg onload=alert(1)></svg><form action=/x><input></form>\n\n\
            | h | i |\n|:--|--:|\n| 1 | 2 |\n\n~~gone~~\n\n\
            ```rust\nfn main() {}\n```\n\n\
            [^1]: Source.\n";
        let html = render_html(&a, body);
        let lower = html.to_lowercase();
        assert!(lower.starts_with("<!doctype html>\n<html>"));
        for forbidden in [
            "<script",
            "onerror",
            "onclick",
            "onload",
            "javascript:",
            "data:text",
            "<iframe",
            "<svg",
            "<form",
            "<input",
            "position:fixed",
            "class=\"evil\"",
        ] {
            assert!(!lower.contains(forbidden), "{forbidden} in\n{html}");
        }
        assert!(
            html.contains(
                "<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</title>"
            )
        );
        assert!(
            html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</h1>")
        );
        assert!(
            html.contains(
                "<meta name=\"description\" content=\"desc &quot;quoted&quot; &lt;b&gt;\">"
            )
        );
        assert!(html.contains("<meta name=\"keywords\" content=\"a&quot;b, &lt;c&gt;\">"));
        assert!(
            html.contains("<a href=\"https://example.com\" rel=\"noopener noreferrer\">ok</a>")
        );
        assert!(html.contains("<table>"));
        assert!(html.contains("<th style=\"text-align:left\">h</th>"));
        assert!(html.contains("<del>gone</del>"));
        assert!(html.contains("<code class=\"language-rust\">"));
        assert!(html.contains("<sup class=\"footnote-reference\"><a href=\"#1\""));
        assert!(html.contains("<div class=\"footnote-definition\" id=\"1\">"));
        assert!(html.contains("Content-Security-Policy"));
    }

    #[test]
    fn html_title_prefers_seo_title() {
        let html = render_html(&article(), "x");
        assert!(html.contains("<title>Ownership guide</title>"));
        assert!(html.contains("<h1>Ownership: a &quot;guide&quot; #1</h1>"));
        assert!(html.contains("<meta name=\"author\" content=\"Ann\">"));
    }

    #[test]
    fn html_headings_get_unique_ids() {
        let html = render_html(
            &article(),
            "## Intro\n\n## Intro\n\n### `code` & more\n\n## ???\n",
        );
        assert!(html.contains("<h2 id=\"intro\">Intro</h2>"));
        assert!(html.contains("<h2 id=\"intro-1\">Intro</h2>"));
        assert!(html.contains("<h3 id=\"code--more\">"));
        assert!(html.contains("<h2 id=\"section\">???</h2>"));
    }

    #[test]
    fn hostile_code_language_classes_are_dropped() {
        let html = render_html(&article(), "```x\"onmouseover=alert(1)\ncode\n```\n");
        assert!(!html.contains("onmouseover=alert"), "{html}");
        assert!(html.contains("<pre><code>code"));
    }

    #[test]
    fn anchors() {
        assert_eq!(heading_anchor("Hello, World!"), "hello-world");
        assert_eq!(
            heading_anchor("  snake_case and-dash "),
            "snake_case-and-dash"
        );
        assert_eq!(heading_anchor("Ünïcode Straße"), "ünïcode-straße");
        assert_eq!(heading_anchor("<script>"), "script");
        assert_eq!(heading_anchor(""), "");
    }

    #[test]
    fn json_has_every_field_and_the_body() {
        let a = article();
        let json = render_json(&a, "Body.");
        assert_eq!(json["title"], a.title);
        assert_eq!(json["sources"][0]["chunks"][1], "def456");
        assert_eq!(json["draft"], true);
        assert_eq!(json["body_markdown"], "Body.");
        let mut back = json.clone();
        back.as_object_mut().unwrap().remove("body_markdown");
        assert_eq!(serde_json::from_value::<Article>(back).unwrap(), a);
    }

    #[test]
    fn slugs_are_checked_not_repaired() {
        for good in ["a", "a-b", "abc-123-x9", &"a".repeat(100)] {
            assert!(check_slug(good).is_ok(), "{good:?}");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "A",
            "a_b",
            "a b",
            "a/b",
            "..",
            "../etc",
            "a.md",
            "é",
            "a\0b",
            "a\nb",
            &"a".repeat(101),
        ] {
            assert!(
                matches!(check_slug(bad), Err(OutputError::BadSlug { .. })),
                "{bad:?}"
            );
        }
        let err = check_slug("A b").unwrap_err().to_string();
        assert!(err.contains("\"A b\""), "{err}");
    }

    fn manifest() -> serde_json::Value {
        serde_json::json!({"job": 7, "workflow": "blog"})
    }

    fn request<'a>(
        out_dir: &'a Path,
        slug: &'a str,
        layout: Layout,
        content: &'a str,
        manifest: &'a serde_json::Value,
        force: bool,
    ) -> WriteRequest<'a> {
        WriteRequest {
            out_dir,
            slug,
            layout,
            format: Format::Md,
            content,
            manifest,
            force,
        }
    }

    fn mode(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn blog_layout_paths_and_contents() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let m = manifest();
        let written = write(request(&out, "my-post", Layout::Blog, "# Hi\n", &m, false)).unwrap();
        let canonical = fs::canonicalize(&out).unwrap();
        assert_eq!(written.path, canonical.join("my-post/index.md"));
        assert_eq!(
            written.manifest_path,
            canonical.join("my-post/manifest.json")
        );
        assert_eq!(written.backup, None);
        assert_eq!(fs::read_to_string(&written.path).unwrap(), "# Hi\n");
        let manifest_text = fs::read_to_string(&written.manifest_path).unwrap();
        assert!(manifest_text.ends_with("}\n"));
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&manifest_text).unwrap(),
            m
        );
        assert_eq!(mode(&written.path), 0o644);
        assert_eq!(mode(&written.manifest_path), 0o644);
        assert_eq!(
            names_in(&canonical.join("my-post")),
            ["index.md", "manifest.json"]
        );
    }

    #[test]
    fn flat_layout_paths_and_formats() {
        let out = tempfile::tempdir().unwrap();
        let m = manifest();
        for (format, ext) in [
            (Format::Md, "md"),
            (Format::Html, "html"),
            (Format::Json, "json"),
        ] {
            let slug = format!("post-{ext}");
            let written = write(WriteRequest {
                format,
                ..request(out.path(), &slug, Layout::Flat, "x", &m, false)
            })
            .unwrap();
            let canonical = fs::canonicalize(out.path()).unwrap();
            assert_eq!(written.path, canonical.join(format!("post-{ext}.{ext}")));
            assert_eq!(
                written.manifest_path,
                canonical.join(format!("post-{ext}.manifest.json"))
            );
        }
        assert_eq!(names_in(out.path()).len(), 6);
    }

    #[test]
    fn existing_articles_are_refused_without_force() {
        let out = tempfile::tempdir().unwrap();
        let m = manifest();
        for layout in [Layout::Blog, Layout::Flat] {
            let first = write(request(out.path(), "post", layout, "v1", &m, false)).unwrap();
            let err = write(request(out.path(), "post", layout, "v2", &m, false)).unwrap_err();
            match &err {
                OutputError::Exists { path } => assert_eq!(path, &first.path),
                other => panic!("{other:?}"),
            }
            assert!(err.to_string().contains("--force"), "{err}");
            assert_eq!(fs::read_to_string(&first.path).unwrap(), "v1");
        }
        // Nothing but the articles: no temporary files left behind.
        assert_eq!(
            names_in(out.path()),
            ["post", "post.manifest.json", "post.md"]
        );
        assert_eq!(
            names_in(&out.path().join("post")),
            ["index.md", "manifest.json"]
        );
    }

    #[test]
    fn an_orphan_manifest_is_not_overwritten_either() {
        let out = tempfile::tempdir().unwrap();
        fs::write(out.path().join("post.manifest.json"), "{}").unwrap();
        let m = manifest();
        let err = write(request(out.path(), "post", Layout::Flat, "x", &m, false)).unwrap_err();
        assert!(
            matches!(err, OutputError::Exists { path } if path.ends_with("post.manifest.json"))
        );
        assert!(!out.path().join("post.md").exists());
    }

    #[test]
    fn force_keeps_the_previous_version() {
        let out = tempfile::tempdir().unwrap();
        let m1 = manifest();
        let m2 = serde_json::json!({"job": 8});
        let m3 = serde_json::json!({"job": 9});
        write(request(out.path(), "post", Layout::Blog, "v1", &m1, false)).unwrap();
        let second = write(request(out.path(), "post", Layout::Blog, "v2", &m2, true)).unwrap();
        let backup = second.backup.clone().unwrap();
        assert_eq!(backup, second.path.with_file_name("index.md.prev"));
        assert_eq!(fs::read_to_string(&second.path).unwrap(), "v2");
        assert_eq!(fs::read_to_string(&backup).unwrap(), "v1");
        let manifest_backup = second.manifest_path.with_file_name("manifest.json.prev");
        assert!(
            fs::read_to_string(&manifest_backup)
                .unwrap()
                .contains("\"job\": 7")
        );

        // A third write replaces the older backup.
        let third = write(request(out.path(), "post", Layout::Blog, "v3", &m3, true)).unwrap();
        assert_eq!(fs::read_to_string(&third.path).unwrap(), "v3");
        assert_eq!(fs::read_to_string(third.backup.unwrap()).unwrap(), "v2");
        assert!(
            fs::read_to_string(&manifest_backup)
                .unwrap()
                .contains("\"job\": 8")
        );
        assert_eq!(mode(&third.path), 0o644);
        assert_eq!(
            names_in(&out.path().join("post")),
            [
                "index.md",
                "index.md.prev",
                "manifest.json",
                "manifest.json.prev"
            ]
        );
    }

    #[test]
    fn force_on_a_fresh_slug_makes_no_backup() {
        let out = tempfile::tempdir().unwrap();
        let m = manifest();
        let written = write(request(out.path(), "post", Layout::Flat, "x", &m, true)).unwrap();
        assert_eq!(written.backup, None);
        assert_eq!(names_in(out.path()), ["post.manifest.json", "post.md"]);
    }

    #[test]
    fn a_symlinked_article_folder_is_refused() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let victim = root.path().join("etc");
        fs::create_dir_all(&out).unwrap();
        fs::create_dir_all(&victim).unwrap();
        symlink(&victim, out.join("post")).unwrap();
        let m = manifest();
        for force in [false, true] {
            let err = write(request(&out, "post", Layout::Blog, "pwned", &m, force)).unwrap_err();
            assert!(matches!(err, OutputError::Symlink { .. }), "{err:?}");
        }
        assert!(names_in(&victim).is_empty());
        assert!(exists(&out, "post", Layout::Blog, Format::Md));

        // Also when the link points at /etc itself.
        fs::remove_file(out.join("post")).unwrap();
        symlink("/etc", out.join("post")).unwrap();
        let err = write(request(&out, "post", Layout::Blog, "pwned", &m, true)).unwrap_err();
        assert!(matches!(err, OutputError::Symlink { .. }), "{err:?}");
    }

    #[test]
    fn symlinked_target_files_are_refused() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let victim = root.path().join("victim.txt");
        fs::create_dir_all(out.join("post")).unwrap();
        fs::write(&victim, "precious").unwrap();
        let m = manifest();

        symlink(&victim, out.join("post.md")).unwrap();
        symlink(&victim, out.join("post").join("manifest.json")).unwrap();
        for force in [false, true] {
            let err = write(request(&out, "post", Layout::Flat, "x", &m, force)).unwrap_err();
            assert!(
                matches!(&err, OutputError::Symlink { path } if path.ends_with("post.md")),
                "{err:?}"
            );
            let err = write(request(&out, "post", Layout::Blog, "x", &m, force)).unwrap_err();
            assert!(
                matches!(&err, OutputError::Symlink { path } if path.ends_with("manifest.json")),
                "{err:?}"
            );
        }
        assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
        assert!(!out.join("post").join("index.md").exists());
        // A dangling link counts too.
        symlink(root.path().join("nowhere"), out.join("dangling.md")).unwrap();
        let err = write(request(&out, "dangling", Layout::Flat, "x", &m, true)).unwrap_err();
        assert!(matches!(err, OutputError::Symlink { .. }), "{err:?}");
        assert!(!root.path().join("nowhere").exists());
    }

    #[test]
    fn a_symlinked_out_dir_is_followed_once() {
        // The user may point the output at a linked folder; everything is checked against
        // where it really is.
        let root = tempfile::tempdir().unwrap();
        let real = root.path().join("real");
        fs::create_dir(&real).unwrap();
        let link = root.path().join("link");
        symlink(&real, &link).unwrap();
        let m = manifest();
        let written = write(request(&link, "post", Layout::Blog, "x", &m, false)).unwrap();
        assert_eq!(
            written.path,
            fs::canonicalize(&real).unwrap().join("post/index.md")
        );
        assert!(real.join("post/index.md").is_file());
    }

    #[test]
    fn occupied_targets_are_refused() {
        let out = tempfile::tempdir().unwrap();
        let m = manifest();
        fs::write(out.path().join("post"), "a file where the folder goes").unwrap();
        let err = write(request(out.path(), "post", Layout::Blog, "x", &m, true)).unwrap_err();
        assert!(matches!(err, OutputError::Occupied { .. }), "{err:?}");
        assert!(exists(out.path(), "post", Layout::Blog, Format::Md));

        fs::create_dir(out.path().join("other.md")).unwrap();
        let err = write(request(out.path(), "other", Layout::Flat, "x", &m, true)).unwrap_err();
        assert!(matches!(err, OutputError::Occupied { .. }), "{err:?}");
    }

    #[test]
    fn bad_slugs_never_touch_the_disk() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("out");
        let m = manifest();
        for slug in ["../escape", "/abs", "a/b", "..", "", "UP"] {
            for layout in [Layout::Blog, Layout::Flat] {
                let err = write(request(&out, slug, layout, "x", &m, true)).unwrap_err();
                assert!(matches!(err, OutputError::BadSlug { .. }), "{slug:?}");
                assert!(!exists(&out, slug, layout, Format::Md));
            }
        }
        assert!(!out.exists());
        assert_eq!(names_in(root.path()), Vec::<String>::new());
    }

    #[test]
    fn out_dir_problems_are_clear() {
        let root = tempfile::tempdir().unwrap();
        let file = root.path().join("file");
        fs::write(&file, "x").unwrap();
        let m = manifest();
        let err = write(request(&file, "post", Layout::Flat, "x", &m, false)).unwrap_err();
        assert!(matches!(err, OutputError::OutDir { .. }), "{err:?}");
        assert!(
            err.to_string().contains("cannot use output folder"),
            "{err}"
        );
        let err = write(request(
            &file.join("below"),
            "post",
            Layout::Flat,
            "x",
            &m,
            false,
        ))
        .unwrap_err();
        assert!(matches!(err, OutputError::OutDir { .. }), "{err:?}");

        // Missing nested folders are created.
        let nested = root.path().join("a/b/c");
        write(request(&nested, "post", Layout::Flat, "x", &m, false)).unwrap();
        assert!(nested.join("post.md").is_file());
    }

    #[test]
    fn read_only_out_dir_is_reported_as_not_writable() {
        let root = tempfile::tempdir().unwrap();
        let out = root.path().join("ro");
        fs::create_dir(&out).unwrap();
        fs::set_permissions(&out, fs::Permissions::from_mode(0o555)).unwrap();
        // Root ignores permission bits; the check only means something for other users.
        let probe = out.join("probe");
        if fs::write(&probe, "x").is_ok() {
            fs::remove_file(&probe).unwrap();
            return;
        }
        let m = manifest();
        for layout in [Layout::Blog, Layout::Flat] {
            let err = write(request(&out, "post", layout, "x", &m, false)).unwrap_err();
            assert!(matches!(err, OutputError::NotWritable { .. }), "{err:?}");
            assert!(err.to_string().contains("not writable"), "{err}");
        }
    }

    #[test]
    fn exists_sees_article_manifest_and_blockers() {
        let out = tempfile::tempdir().unwrap();
        let m = manifest();
        assert!(!exists(out.path(), "post", Layout::Blog, Format::Md));
        assert!(!exists(out.path(), "post", Layout::Flat, Format::Md));
        write(request(out.path(), "post", Layout::Blog, "x", &m, false)).unwrap();
        assert!(exists(out.path(), "post", Layout::Blog, Format::Md));
        // The blog manifest is shared by every format, so another format collides too.
        assert!(exists(out.path(), "post", Layout::Blog, Format::Html));
        assert!(!exists(out.path(), "post", Layout::Flat, Format::Md));
        assert!(!exists(out.path(), "post-2", Layout::Blog, Format::Md));

        write(request(out.path(), "flat", Layout::Flat, "x", &m, false)).unwrap();
        assert!(exists(out.path(), "flat", Layout::Flat, Format::Md));
        assert!(exists(out.path(), "flat", Layout::Flat, Format::Html));
        assert!(!exists(
            &out.path().join("missing"),
            "flat",
            Layout::Flat,
            Format::Md
        ));
    }

    #[test]
    fn failed_staging_leaves_the_old_article_alone() {
        let out = tempfile::tempdir().unwrap();
        let m = manifest();
        let first = write(request(out.path(), "post", Layout::Flat, "v1", &m, false)).unwrap();
        // A folder squatting on the backup name makes the backup rename fail after staging.
        fs::create_dir(out.path().join("post.md.prev")).unwrap();
        fs::write(out.path().join("post.md.prev/keep"), "x").unwrap();
        let err = write(request(out.path(), "post", Layout::Flat, "v2", &m, true)).unwrap_err();
        assert!(matches!(err, OutputError::Io { .. }), "{err:?}");
        assert_eq!(fs::read_to_string(&first.path).unwrap(), "v1");
        assert_eq!(
            names_in(out.path()),
            ["post.manifest.json", "post.md", "post.md.prev"]
        );
    }

    #[test]
    fn atomic_file_write_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.txt");
        write_file_atomic(&path, b"one").unwrap();
        write_file_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        assert_eq!(mode(&path), 0o644);
        assert_eq!(names_in(dir.path()), ["f.txt"]);
        assert!(write_file_atomic(&dir.path().join("missing/f.txt"), b"x").is_err());
    }

    #[test]
    fn layout_and_format_serde_names() {
        assert_eq!(serde_json::to_string(&Layout::Blog).unwrap(), "\"blog\"");
        assert_eq!(serde_json::to_string(&Layout::Flat).unwrap(), "\"flat\"");
        assert_eq!(
            serde_json::from_str::<Format>("\"html\"").unwrap(),
            Format::Html
        );
        assert_eq!(Format::default().extension(), "md");
        assert_eq!(Layout::default(), Layout::Blog);
    }
}
