//! Owns finding what an ingest reads and reading it safely: expanding the user's inputs (files,
//! folders, globs, http(s) URLs) into a deduplicated, bounded, deterministic list of sources,
//! reading files under a size limit, and fetching URLs under a time, size and content-type
//! limit. Every problem with one input becomes a `Skipped` with a reason, never an error for the
//! whole batch. Every file found is checked against the caller's `LocalAccess` and every URL
//! hop against the `UrlGuard`. I/O only: nothing here touches the store.

use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use ignore::WalkBuilder;
use ignore::types::Types;
use reqwest::{StatusCode, Url};
use serde::Serialize;

use super::local_access::LocalAccess;
use super::url_guard::{Refused, UrlGuard};

/// Bounds on one ingest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceLimits {
    pub max_file_bytes: u64,
    pub max_files: usize,
    pub url_timeout: Duration,
    pub max_url_bytes: u64,
}

/// One thing to ingest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum SourceRef {
    File(PathBuf),
    Url(String),
}

/// An input, or a file found from one, that is not ingested, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub source: String,
    pub reason: String,
}

impl Skipped {
    fn new(source: impl Into<String>, reason: impl Into<String>) -> Self {
        Skipped {
            source: source.into(),
            reason: reason.into(),
        }
    }

    fn path(path: &Path, reason: impl Into<String>) -> Self {
        Skipped::new(path.display().to_string(), reason)
    }
}

/// Schemes that are URLs even without `//`, so `javascript:alert(1)` is refused as a URL rather
/// than looked up as a file name.
const OPAQUE_SCHEMES: &[&str] = &["javascript", "data", "mailto", "vbscript", "about", "blob"];

/// Most redirects one URL fetch follows.
const MAX_REDIRECTS: usize = 10;

/// Expands `inputs` into sources, in input order and, within a folder, in sorted path order.
/// Duplicates (by canonical path or URL) are dropped; past `max_files` the rest are skipped,
/// and so are files that `access` refuses. With `types` (`--type`), a folder walk keeps only
/// files of those types and passes over the rest silently, as ripgrep does; a file named
/// outright is kept whatever its type.
pub fn discover(
    inputs: &[String],
    limits: &SourceLimits,
    access: &LocalAccess,
    types: Option<&Types>,
) -> (Vec<SourceRef>, Vec<Skipped>) {
    let mut found = Found {
        access,
        types,
        max_files: limits.max_files,
        sources: Vec::new(),
        skipped: Vec::new(),
        seen: HashSet::new(),
    };
    for input in inputs {
        match url_scheme(input) {
            Some(_) => match validate_url(input) {
                Ok(url) => found.add(SourceRef::Url(url)),
                Err(reason) => found.skip(Skipped::new(input.as_str(), reason)),
            },
            None => found.add_path_input(input),
        }
    }
    (found.sources, found.skipped)
}

/// A file of an ingest and its size when the ingest ordered it (None when it could not be read
/// then; it is reported when it is read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizedFile {
    pub path: PathBuf,
    pub bytes: Option<u64>,
}

/// Puts files in the order an ingest stores them: by size class (powers of two), then
/// shallower first, then by path. Of two documents that share passages the first stored keeps
/// them, so the order decides which is judged a copy. A page that gathers many pages into one
/// (an all-in-one API page, a one-page edition) is many times bigger than each page it
/// repeats, so it comes after them and is the one found repeating them, whatever the names.
/// Each file keeps its size, which the ingest reads once, here.
pub fn ingest_order(files: Vec<PathBuf>) -> Vec<SizedFile> {
    // Read once per file, not once per comparison; a file that cannot be read sorts last.
    let mut keyed: Vec<(u32, usize, SizedFile)> = files
        .into_iter()
        .map(|path| {
            let bytes = fs::metadata(&path).ok().map(|m| m.len());
            let class = bytes.map_or(u32::MAX, |b| b.max(1).ilog2());
            (class, path.components().count(), SizedFile { path, bytes })
        })
        .collect();
    keyed.sort_by(|a, b| (a.0, a.1, &a.2.path).cmp(&(b.0, b.1, &b.2.path)));
    keyed.into_iter().map(|(_, _, file)| file).collect()
}

/// The accumulating result of `discover`.
struct Found<'a> {
    access: &'a LocalAccess,
    types: Option<&'a Types>,
    max_files: usize,
    sources: Vec<SourceRef>,
    skipped: Vec<Skipped>,
    seen: HashSet<String>,
}

impl Found<'_> {
    fn is_full(&self) -> bool {
        self.sources.len() >= self.max_files
    }

    fn skip(&mut self, skipped: Skipped) {
        self.skipped.push(skipped);
    }

    fn add(&mut self, source: SourceRef) {
        let (key, label) = match &source {
            SourceRef::Url(url) => (url.clone(), url.clone()),
            SourceRef::File(path) => {
                if let Err(reason) = self.access.check(path) {
                    return self.skip(Skipped::path(path, reason));
                }
                let canonical = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
                (canonical.display().to_string(), path.display().to_string())
            }
        };
        if self.seen.contains(&key) {
            return;
        }
        if self.is_full() {
            self.skip(Skipped::new(label, self.over_limit()));
            return;
        }
        self.seen.insert(key);
        self.sources.push(source);
    }

    fn over_limit(&self) -> String {
        format!("over the limit of {} files per ingest", self.max_files)
    }

    fn add_path_input(&mut self, input: &str) {
        let path = absolute(Path::new(input));
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => self.walk(&path),
            Ok(meta) if meta.is_file() => self.add(SourceRef::File(path)),
            Ok(_) => self.skip(Skipped::path(&path, "not a regular file or folder")),
            Err(e) if e.kind() == io::ErrorKind::NotFound && has_glob_chars(input) => {
                self.glob(input)
            }
            Err(e) => self.skip(Skipped::path(&path, io_reason(&e))),
        }
    }

    /// Expands a glob. Like the folder walk, wildcards do not match hidden names.
    fn glob(&mut self, pattern: &str) {
        let absolute_pattern = absolute(Path::new(pattern)).display().to_string();
        let options = glob::MatchOptions {
            require_literal_leading_dot: true,
            ..glob::MatchOptions::new()
        };
        let paths = match glob::glob_with(&absolute_pattern, options) {
            Ok(paths) => paths,
            Err(e) => {
                return self.skip(Skipped::new(pattern, format!("invalid glob pattern: {e}")));
            }
        };
        let mut matched = false;
        for entry in paths {
            match entry {
                Ok(path) if path.is_dir() => {
                    matched = true;
                    self.walk(&path);
                }
                Ok(path) if path.is_file() => {
                    matched = true;
                    self.add(SourceRef::File(path));
                }
                Ok(_) => {}
                Err(e) => self.skip(Skipped::path(e.path(), io_reason(e.error()))),
            }
        }
        if !matched {
            self.skip(Skipped::new(pattern, "no files match"));
        }
    }

    /// Walks a folder honouring .gitignore, .ignore and hidden-file rules, in sorted order.
    /// Symlinks are not followed out of the folder; unreadable entries are skipped.
    fn walk(&mut self, root: &Path) {
        let canonical_root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let mut walker = WalkBuilder::new(root);
        walker
            .standard_filters(true)
            .require_git(false)
            .follow_links(false)
            .sort_by_file_name(|a, b| a.cmp(b));
        if let Some(types) = self.types {
            walker.types(types.clone());
        }
        let walker = walker.build();
        for entry in walker {
            if self.is_full() {
                return self.skip(Skipped::path(
                    root,
                    format!("folder walk stopped: {}", self.over_limit()),
                ));
            }
            match entry {
                Ok(entry) => self.walk_entry(entry.path(), entry.file_type(), &canonical_root),
                Err(e) => self.skip(walk_error(root, &e)),
            }
        }
    }

    fn walk_entry(&mut self, path: &Path, file_type: Option<fs::FileType>, root: &Path) {
        let Some(file_type) = file_type else {
            return;
        };
        if file_type.is_file() {
            self.add(SourceRef::File(path.to_path_buf()));
        } else if file_type.is_symlink() {
            match fs::canonicalize(path) {
                Ok(target) if target.starts_with(root) && target.is_file() => {
                    self.add(SourceRef::File(path.to_path_buf()))
                }
                Ok(target) if target.is_dir() => {
                    self.skip(Skipped::path(path, "symlinked folder not followed"))
                }
                Ok(_) => self.skip(Skipped::path(path, "symlink points outside the folder")),
                Err(e) => self.skip(Skipped::path(
                    path,
                    format!("broken symlink: {}", io_reason(&e)),
                )),
            }
        }
    }
}

/// The path an `ignore` error is about, with its cause.
fn walk_error(root: &Path, error: &ignore::Error) -> Skipped {
    let mut path = None;
    let mut current = error;
    // Errors are wrapped (with path, with depth, partial); unwrap to the path and the cause.
    loop {
        match current {
            ignore::Error::WithPath { path: p, err } => {
                path.get_or_insert_with(|| p.clone());
                current = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                current = err;
            }
            ignore::Error::Io(e) => {
                let source = path.unwrap_or_else(|| root.to_path_buf());
                return Skipped::path(&source, io_reason(e));
            }
            other => {
                let source = path.unwrap_or_else(|| root.to_path_buf());
                return Skipped::path(&source, other.to_string());
            }
        }
    }
}

/// Whether `input` is a URL (to fetch) rather than a path or glob (to read).
pub fn is_url(input: &str) -> bool {
    url_scheme(input).is_some()
}

/// The scheme of `input` when it is to be treated as a URL: any `scheme://`, or a known scheme
/// that has no `//`.
fn url_scheme(input: &str) -> Option<String> {
    let (scheme, rest) = input.split_once(':')?;
    let valid = scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let scheme = scheme.to_ascii_lowercase();
    (valid && (rest.starts_with("//") || OPAQUE_SCHEMES.contains(&scheme.as_str())))
        .then_some(scheme)
}

/// Why a URL with `user:password@` is refused.
pub const CREDENTIALS_REFUSED: &str =
    "the URL carries credentials (user:password@), which cgen does not send: remove them";

/// Accepts only absolute http(s) URLs with a host and without credentials (cgen never
/// forwards `user:password@`); returns the normalized form.
pub fn validate_url(input: &str) -> Result<String, String> {
    let url = Url::parse(input.trim()).map_err(|e| format!("invalid URL: {e}"))?;
    match url.scheme() {
        "http" | "https" => {}
        other => {
            return Err(format!(
                "unsupported URL scheme '{other}' (only http and https)"
            ));
        }
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("invalid URL: no host".to_string());
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(CREDENTIALS_REFUSED.to_string());
    }
    Ok(url.to_string())
}

pub fn has_glob_chars(input: &str) -> bool {
    input.contains(['*', '?', '['])
}

/// Relative inputs are resolved against the current directory (the CLI normally sends
/// absolute ones).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// A short reason for an I/O error, worded the same whatever the platform's message.
fn io_reason(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => error.to_string(),
    }
}

/// Reads a file that is at most `max_file_bytes`, when `access` allows the file actually
/// opened. The size is checked before reading, so an oversized file costs one `stat`; the read
/// itself is capped in case the file grows meanwhile.
pub fn read_file(
    path: &Path,
    limits: &SourceLimits,
    access: &LocalAccess,
) -> Result<Vec<u8>, Skipped> {
    let skip = |reason: String| Skipped::path(path, reason);
    access.check(path).map_err(skip)?;
    // Checked before opening: opening a FIFO would block.
    let meta = fs::metadata(path).map_err(|e| skip(io_reason(&e)))?;
    if !meta.is_file() {
        return Err(skip("not a regular file".to_string()));
    }
    check_size(meta.len(), limits.max_file_bytes, "file").map_err(skip)?;
    let file = File::open(path).map_err(|e| skip(io_reason(&e)))?;
    // The path may have been swapped for a link since it was checked: check what was opened.
    access.check(&opened_path(&file, path)).map_err(skip)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limits.max_file_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| skip(io_reason(&e)))?;
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(skip(format!(
            "file grew past the {} limit while being read",
            human_size(limits.max_file_bytes)
        )));
    }
    Ok(bytes)
}

/// The real path of an open file (Linux: its `/proc/self/fd` link), or `path` resolved.
fn opened_path(file: &File, path: &Path) -> PathBuf {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        if let Ok(real) = fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())) {
            return real;
        }
    }
    let _ = file;
    path.to_path_buf()
}

fn check_size(size: u64, max: u64, what: &str) -> Result<(), String> {
    if size > max {
        return Err(format!(
            "{what} is {}, over the {} limit",
            human_size(size),
            human_size(max)
        ));
    }
    Ok(())
}

/// Binary units; whole numbers without a decimal (`64 MiB`), others with one (`2.5 GiB`).
pub fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0} {}", UNITS[unit])
    } else {
        format!("{rounded:.1} {}", UNITS[unit])
    }
}

/// Why a URL could not be fetched, split by whether trying again later may help.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    /// Connection failures, timeouts, 408, 429 and 5xx.
    #[error("{reason}")]
    Transient { reason: String },
    /// Other 4xx, refused content types, oversized bodies, invalid URLs.
    #[error("{reason}")]
    Permanent { reason: String },
}

impl FetchError {
    pub fn is_transient(&self) -> bool {
        matches!(self, FetchError::Transient { .. })
    }

    fn permanent(reason: impl Into<String>) -> Self {
        FetchError::Permanent {
            reason: reason.into(),
        }
    }

    fn transient(reason: impl Into<String>) -> Self {
        FetchError::Transient {
            reason: reason.into(),
        }
    }

    fn from_reqwest(error: &reqwest::Error) -> Self {
        if let Some(refused) = refusal(error) {
            FetchError::permanent(format!("refused: {refused}"))
        } else if error.is_timeout() {
            FetchError::transient("timed out")
        } else if error.is_connect() {
            FetchError::transient(format!("could not connect: {}", root_cause(error)))
        } else if error.is_builder() || error.is_redirect() {
            FetchError::permanent(root_cause(error))
        } else {
            FetchError::transient(root_cause(error))
        }
    }
}

/// The guard's refusal, when it is what stopped the request.
fn refusal<'a>(error: &'a (dyn std::error::Error + 'static)) -> Option<&'a Refused> {
    let mut current = Some(error);
    while let Some(e) = current {
        if let Some(refused) = e.downcast_ref::<Refused>() {
            return Some(refused);
        }
        current = e.source();
    }
    None
}

/// reqwest's top-level message is generic ("error sending request"); the innermost cause says
/// what actually happened.
pub(crate) fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    while let Some(source) = current.source() {
        current = source;
    }
    current.to_string()
}

/// Content types whose body is text the sniffer and parsers can handle.
fn is_text_like(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence.starts_with("text/")
        || essence.ends_with("+json")
        || essence.ends_with("+xml")
        || matches!(
            essence.as_str(),
            "application/json"
                | "application/xhtml+xml"
                | "application/yaml"
                | "application/x-yaml"
                | "application/xml"
        )
}

/// Fetches `url` (http or https only) within `limits.url_timeout` and `limits.max_url_bytes`,
/// returning the body and its content type. The body is streamed and cut off as soon as it
/// passes the limit. `client` is `guard`'s (`UrlGuard::client`); redirects are followed here,
/// each checked by `guard` before it is requested.
pub async fn fetch_url(
    client: &reqwest::Client,
    guard: &UrlGuard,
    url: &str,
    limits: &SourceLimits,
) -> Result<(Vec<u8>, Option<String>), FetchError> {
    let url = validate_url(url).map_err(FetchError::permanent)?;
    // The request timeout covers the body too; the outer one also bounds a server that keeps
    // trickling bytes.
    tokio::time::timeout(limits.url_timeout, fetch_body(client, guard, &url, limits))
        .await
        .unwrap_or_else(|_| Err(FetchError::transient("timed out")))
}

/// Requests `url`, following up to `MAX_REDIRECTS` redirects, and returns the final response.
async fn follow(
    client: &reqwest::Client,
    guard: &UrlGuard,
    url: &str,
    limits: &SourceLimits,
) -> Result<reqwest::Response, FetchError> {
    let mut url =
        Url::parse(url).map_err(|e| FetchError::permanent(format!("invalid URL: {e}")))?;
    for _ in 0..=MAX_REDIRECTS {
        guard
            .check(&url)
            .await
            .map_err(|Refused(why)| FetchError::permanent(format!("refused: {why}")))?;
        let response = client
            .get(url.clone())
            .timeout(limits.url_timeout)
            .send()
            .await
            .map_err(|e| FetchError::from_reqwest(&e))?;
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .and_then(|v| v.to_str().ok());
        let next = match (response.status().as_u16(), location) {
            (301 | 302 | 303 | 307 | 308, Some(location)) => url.join(location),
            _ => return Ok(response),
        };
        let next = next.map_err(|e| FetchError::permanent(format!("bad redirect: {e}")))?;
        let checked = validate_url(next.as_str())
            .map_err(|why| FetchError::permanent(format!("refused redirect: {why}")))?;
        url = Url::parse(&checked).map_err(|e| FetchError::permanent(e.to_string()))?;
    }
    Err(FetchError::permanent(format!(
        "more than {MAX_REDIRECTS} redirects"
    )))
}

async fn fetch_body(
    client: &reqwest::Client,
    guard: &UrlGuard,
    url: &str,
    limits: &SourceLimits,
) -> Result<(Vec<u8>, Option<String>), FetchError> {
    let mut response = follow(client, guard, url, limits).await?;
    check_status(response.status())?;
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    if let Some(kind) = content_type.as_deref().filter(|t| !is_text_like(t)) {
        return Err(FetchError::permanent(format!(
            "unsupported content type '{kind}' (only text, HTML, JSON, YAML and XML)"
        )));
    }
    if let Some(length) = response.content_length() {
        check_size(length, limits.max_url_bytes, "response").map_err(FetchError::permanent)?;
    }
    let mut body = Vec::new();
    while let Some(piece) = response
        .chunk()
        .await
        .map_err(|e| FetchError::from_reqwest(&e))?
    {
        if (body.len() + piece.len()) as u64 > limits.max_url_bytes {
            return Err(FetchError::permanent(format!(
                "response is over the {} limit",
                human_size(limits.max_url_bytes)
            )));
        }
        body.extend_from_slice(&piece);
    }
    Ok((body, content_type))
}

fn check_status(status: StatusCode) -> Result<(), FetchError> {
    if status.is_success() {
        return Ok(());
    }
    let reason = format!("HTTP {status}");
    let transient = status == StatusCode::REQUEST_TIMEOUT
        || status == StatusCode::TOO_MANY_REQUESTS
        || status.is_server_error();
    Err(if transient {
        FetchError::transient(reason)
    } else {
        FetchError::permanent(reason)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigger_pages_come_after_and_copies_of_a_size_go_shallower_first() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, bytes: usize| {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, "x".repeat(bytes)).unwrap();
            path
        };
        let all = file("all.html", 40_000);
        let copy = file("es/events.html", 5_000);
        let events = file("events.html", 5_100);
        let fs_page = file("fs.html", 9_000);
        let files = vec![all.clone(), copy.clone(), fs_page.clone(), events.clone()];
        let ordered = ingest_order(files);
        let paths: Vec<&PathBuf> = ordered.iter().map(|f| &f.path).collect();
        assert_eq!(paths, vec![&events, &copy, &fs_page, &all]);
        assert_eq!(ordered[0].bytes, Some(5_100));
    }
    use std::os::unix::fs::PermissionsExt;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    use tokio::net::TcpListener;

    fn limits() -> SourceLimits {
        SourceLimits {
            max_file_bytes: 64 * 1024 * 1024,
            max_files: 1000,
            url_timeout: Duration::from_secs(5),
            max_url_bytes: 1024,
        }
    }

    /// An admin's access, with the daemon's folders where no test writes.
    fn anywhere() -> LocalAccess {
        let home = Path::new("/nonexistent-cgen-home");
        let paths = crate::paths::Paths::under_home(home);
        LocalAccess::new(&paths, &crate::kb::settings::KbConfig::default(), true)
    }

    fn write(path: &Path, text: &str) {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, text).unwrap();
    }

    fn files(sources: &[SourceRef], root: &Path) -> Vec<String> {
        sources
            .iter()
            .map(|s| match s {
                SourceRef::File(p) => p.strip_prefix(root).unwrap().display().to_string(),
                SourceRef::Url(u) => u.clone(),
            })
            .collect()
    }

    fn input(path: &Path) -> String {
        path.display().to_string()
    }

    #[test]
    fn folder_walk_honours_ignore_rules_sorted() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join(".gitignore"), "build/\n*.log\n");
        write(&root.join("b.md"), "b");
        write(&root.join("a.md"), "a");
        write(&root.join("debug.log"), "ignored");
        write(&root.join("build/out.txt"), "ignored");
        write(&root.join(".hidden/secret.md"), "hidden");
        write(&root.join(".env"), "hidden");
        write(&root.join("sub/c.txt"), "c");
        let (sources, skipped) = discover(&[input(root)], &limits(), &anywhere(), None);
        assert_eq!(files(&sources, root), vec!["a.md", "b.md", "sub/c.txt"]);
        assert!(skipped.is_empty(), "{skipped:?}");
    }

    #[test]
    fn symlinks_do_not_escape_the_folder() {
        let outside = tempfile::tempdir().unwrap();
        write(&outside.path().join("secret.txt"), "s");
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("real.md"), "r");
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), root.join("out.txt"))
            .unwrap();
        std::os::unix::fs::symlink(root.join("real.md"), root.join("zlink.md")).unwrap();
        let (sources, skipped) = discover(&[input(root)], &limits(), &anywhere(), None);
        // The inside link is the same file as real.md: deduplicated.
        assert_eq!(files(&sources, root), vec!["real.md"]);
        assert_eq!(skipped.len(), 1);
        assert_eq!(skipped[0].reason, "symlink points outside the folder");
    }

    #[test]
    fn missing_paths_globs_and_dedupe() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("x/one.md"), "1");
        write(&root.join("x/two.md"), "2");
        write(&root.join("x/.dot.md"), "hidden");
        write(&root.join("x/three.txt"), "3");
        let inputs = vec![
            input(&root.join("x/*.md")),
            input(&root.join("x/one.md")),
            input(&root.join("nope.md")),
            input(&root.join("x/*.rst")),
            input(&root.join("x/[")),
        ];
        let (sources, skipped) = discover(&inputs, &limits(), &anywhere(), None);
        assert_eq!(files(&sources, root), vec!["x/one.md", "x/two.md"]);
        let reasons: Vec<&str> = skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(reasons[0], "no such file or directory");
        assert_eq!(reasons[1], "no files match");
        assert!(
            reasons[2].starts_with("invalid glob pattern"),
            "{reasons:?}"
        );
    }

    #[test]
    fn relative_inputs_resolve_against_the_current_dir() {
        let (sources, skipped) =
            discover(&["Cargo.toml".to_string()], &limits(), &anywhere(), None);
        assert!(skipped.is_empty());
        assert!(matches!(&sources[0], SourceRef::File(p) if p.is_absolute()));
    }

    #[test]
    fn cap_on_files() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5 {
            write(&dir.path().join(format!("f{i}.txt")), "x");
        }
        let small = SourceLimits {
            max_files: 2,
            ..limits()
        };
        let extra = input(&dir.path().join("f4.txt"));
        let (sources, skipped) = discover(&[input(dir.path()), extra], &small, &anywhere(), None);
        assert_eq!(sources.len(), 2);
        assert!(skipped[0].reason.starts_with("folder walk stopped"));
        assert!(
            skipped
                .iter()
                .all(|s| s.reason.contains("limit of 2 files"))
        );
    }

    #[test]
    fn urls_are_validated() {
        let inputs: Vec<String> = [
            "https://example.com/a?b=1",
            "HTTP://Example.com",
            "ftp://example.com/x",
            "file:///etc/passwd",
            "javascript:alert(1)",
            "http://",
            "https://example.com/a?b=1",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let (sources, skipped) = discover(&inputs, &limits(), &anywhere(), None);
        assert_eq!(
            sources,
            vec![
                SourceRef::Url("https://example.com/a?b=1".into()),
                SourceRef::Url("http://example.com/".into()),
            ]
        );
        let reasons: Vec<&str> = skipped.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(
            reasons[0],
            "unsupported URL scheme 'ftp' (only http and https)"
        );
        assert_eq!(
            reasons[1],
            "unsupported URL scheme 'file' (only http and https)"
        );
        assert_eq!(
            reasons[2],
            "unsupported URL scheme 'javascript' (only http and https)"
        );
        assert!(reasons[3].starts_with("invalid URL"));
    }

    /// Whether permission bits stop this process (they do not for root).
    fn permissions_apply(probe: &Path) -> bool {
        fs::read_dir(probe).is_err()
    }

    #[test]
    fn unreadable_folder_is_skipped_and_walking_continues() {
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        write(&locked.join("inside.md"), "x");
        let open = dir.path().join("open");
        write(&open.join("ok.md"), "y");
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        let (sources, skipped) = discover(
            &[input(&locked), input(&open)],
            &limits(),
            &anywhere(),
            None,
        );
        let enforced = permissions_apply(&locked);
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        assert!(sources.contains(&SourceRef::File(open.join("ok.md"))));
        if enforced {
            assert_eq!(sources.len(), 1);
            assert_eq!(skipped.len(), 1, "{skipped:?}");
            assert_eq!(skipped[0].reason, "permission denied");
        }
    }

    #[test]
    fn read_file_refuses_huge_files_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.txt");
        File::create(&path)
            .unwrap()
            .set_len(2 * 1024 * 1024 * 1024)
            .unwrap();
        let start = std::time::Instant::now();
        let err = read_file(&path, &limits(), &anywhere()).unwrap_err();
        assert!(start.elapsed() < Duration::from_secs(1));
        assert_eq!(err.reason, "file is 2 GiB, over the 64 MiB limit");

        write(&dir.path().join("ok.txt"), "hello");
        assert_eq!(
            read_file(&dir.path().join("ok.txt"), &limits(), &anywhere()).unwrap(),
            b"hello"
        );
        assert_eq!(
            read_file(dir.path(), &limits(), &anywhere())
                .unwrap_err()
                .reason,
            "not a regular file"
        );
        assert_eq!(
            read_file(&dir.path().join("missing"), &limits(), &anywhere())
                .unwrap_err()
                .reason,
            "no such file or directory"
        );
    }

    #[test]
    fn human_sizes() {
        assert_eq!(human_size(0), "0 bytes");
        assert_eq!(human_size(1023), "1023 bytes");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(64 * 1024 * 1024), "64 MiB");
        assert_eq!(human_size(2_000_000_000), "1.9 GiB");
        assert_eq!(human_size(u64::MAX), "16384 PiB");
    }

    #[test]
    fn content_types() {
        for ok in [
            "text/html; charset=utf-8",
            "TEXT/PLAIN",
            "application/json",
            "application/ld+json",
            "application/x-yaml",
            "application/xhtml+xml",
        ] {
            assert!(is_text_like(ok), "{ok}");
        }
        for bad in [
            "image/png",
            "application/octet-stream",
            "application/pdf",
            "",
        ] {
            assert!(!is_text_like(bad), "{bad}");
        }
    }

    /// Serves canned HTTP/1.1 responses by path on 127.0.0.1 for the life of the test.
    async fn serve() -> String {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move {
            while let Ok((mut socket, _)) = listener.accept().await {
                tokio::spawn(async move {
                    let mut head = Vec::new();
                    let mut buf = [0u8; 1024];
                    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                        match socket.read(&mut buf).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => head.extend_from_slice(&buf[..n]),
                        }
                    }
                    let head = String::from_utf8_lossy(&head);
                    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                    respond(&mut socket, &path).await;
                });
            }
        });
        format!("http://{addr}")
    }

    async fn respond(socket: &mut tokio::net::TcpStream, path: &str) {
        let canned = |status: &str, kind: &str, body: &str| {
            format!(
                "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
        };
        let reply = match path {
            "/ok" => canned("200 OK", "text/markdown", "# Hello"),
            "/png" => canned("200 OK", "image/png", "\u{89}PNG"),
            "/404" => canned("404 Not Found", "text/plain", "nope"),
            "/429" => canned("429 Too Many Requests", "text/plain", "slow down"),
            "/503" => canned("503 Service Unavailable", "text/plain", "down"),
            "/declared-big" => "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 999999999\r\nConnection: close\r\n\r\nabc".to_string(),
            "/streamed-big" => {
                let chunk = "x".repeat(512);
                let mut reply = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n".to_string();
                for _ in 0..8 {
                    reply.push_str(&format!("{:x}\r\n{chunk}\r\n", chunk.len()));
                }
                reply.push_str("0\r\n\r\n");
                reply
            }
            "/slow" => {
                tokio::time::sleep(Duration::from_secs(10)).await;
                canned("200 OK", "text/plain", "late")
            }
            _ => canned("500 Internal Server Error", "text/plain", "?"),
        };
        let _ = socket.write_all(reply.as_bytes()).await;
        let _ = socket.shutdown().await;
    }

    fn guard() -> UrlGuard {
        UrlGuard::new(&["127.0.0.0/8".into()])
    }

    fn client() -> reqwest::Client {
        guard().client().unwrap()
    }

    #[tokio::test]
    async fn fetch_success_and_refusals() {
        let base = serve().await;
        let c = client();
        let (body, kind) = fetch_url(&c, &guard(), &format!("{base}/ok"), &limits())
            .await
            .unwrap();
        assert_eq!(body, b"# Hello");
        assert_eq!(kind.as_deref(), Some("text/markdown"));

        let cases = [
            ("/png", false, "unsupported content type 'image/png'"),
            ("/404", false, "HTTP 404"),
            ("/429", true, "HTTP 429"),
            ("/503", true, "HTTP 503"),
            (
                "/declared-big",
                false,
                "response is 953.7 MiB, over the 1 KiB limit",
            ),
            ("/streamed-big", false, "response is over the 1 KiB limit"),
        ];
        for (path, transient, reason) in cases {
            let err = fetch_url(&c, &guard(), &format!("{base}{path}"), &limits())
                .await
                .unwrap_err();
            assert_eq!(err.is_transient(), transient, "{path}: {err}");
            assert!(err.to_string().starts_with(reason), "{path}: {err}");
        }
    }

    #[tokio::test]
    async fn fetch_timeouts_connect_errors_and_schemes() {
        let base = serve().await;
        let c = client();
        let quick = SourceLimits {
            url_timeout: Duration::from_millis(300),
            ..limits()
        };
        let err = fetch_url(&c, &guard(), &format!("{base}/slow"), &quick)
            .await
            .unwrap_err();
        assert!(err.is_transient());
        assert_eq!(err.to_string(), "timed out");

        let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = closed.local_addr().unwrap().port();
        drop(closed);
        let err = fetch_url(
            &c,
            &guard(),
            &format!("http://127.0.0.1:{port}/"),
            &limits(),
        )
        .await
        .unwrap_err();
        assert!(err.is_transient(), "{err}");
        assert!(err.to_string().starts_with("could not connect"), "{err}");

        let err = fetch_url(&c, &guard(), "file:///etc/passwd", &limits())
            .await
            .unwrap_err();
        assert!(!err.is_transient());
        assert_eq!(
            err.to_string(),
            "unsupported URL scheme 'file' (only http and https)"
        );
    }
}
