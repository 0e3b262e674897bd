//! Owns a document's public reference: the address a citation shows. In order: the page's
//! canonical URL (`<link rel="canonical">`, or `url`/`permalink` in Markdown front matter),
//! else the collection's base URL (`--base-url`) joined with the path relative to the ingested
//! folder, else that relative path. An absolute local path is never a reference.
//!
//! A canonical URL is only believed when it is http(s) and, where the page has a known home
//! (the URL it was fetched from, or the base URL), on that same host: a page cannot make
//! citations point at another site. One that is not believed is noted in the document's
//! metadata and the next rule applies.

use std::path::{Component, Path};

use reqwest::Url;
use serde_json::{Map, Value};

/// Checks a `--base-url`: absolute http(s), with a host, no credentials, query or fragment.
/// Returns it with a trailing `/`, so relative paths join below it.
pub fn validate_base_url(input: &str) -> Result<Url, String> {
    let url = Url::parse(input).map_err(|e| format!("base URL {input:?} is not a URL: {e}"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("base URL {input:?} must be http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("base URL {input:?} has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("base URL {input:?} must not carry credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!(
            "base URL {input:?} must not have a query or fragment"
        ));
    }
    let mut url = url;
    if !url.path().ends_with('/') {
        url.set_path(&format!("{}/", url.path()));
    }
    Ok(url)
}

/// `path` relative to the input it was found from (a folder, a file's folder, or a glob's
/// fixed part), with `/` separators; the file name alone when no input contains it.
pub fn relative_path(path: &Path, inputs: &[String]) -> String {
    let root = inputs
        .iter()
        .filter(|i| !i.contains("://"))
        .map(|i| input_root(Path::new(i)))
        .filter(|root| path.starts_with(root) && path != root)
        .max_by_key(|root| root.components().count());
    let relative = match root {
        Some(root) => path.strip_prefix(&root).unwrap_or(path),
        None => Path::new(path.file_name().unwrap_or_default()),
    };
    relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(part) => Some(part.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The folder an input's files are relative to.
fn input_root(input: &Path) -> std::path::PathBuf {
    if input.is_dir() {
        return input.to_path_buf();
    }
    // A file, or a glob: the folder before the first component with a wildcard.
    let mut root = std::path::PathBuf::new();
    for c in input.components() {
        if c.as_os_str()
            .to_string_lossy()
            .contains(['*', '?', '[', '{'])
        {
            return root;
        }
        root.push(c);
    }
    root.parent().map(Path::to_path_buf).unwrap_or(root)
}

/// Where a document came from.
pub enum Origin<'a> {
    /// A file, by its path relative to the ingested folder, and the collection's base URL.
    File {
        relative: &'a str,
        base_url: Option<&'a Url>,
    },
    /// A page fetched from this URL.
    Url(&'a str),
}

/// The public reference of a document, and a note when a canonical URL the page gave was not
/// believed.
pub fn reference(
    canonical: Option<&str>,
    front_matter: &Map<String, Value>,
    origin: &Origin<'_>,
) -> (String, Option<String>) {
    let home = match origin {
        Origin::Url(url) => Url::parse(url).ok(),
        Origin::File { base_url, .. } => base_url.cloned(),
    };
    let claimed = canonical.map(str::to_string).or_else(|| {
        ["canonical_url", "url", "permalink"]
            .iter()
            .find_map(|k| front_matter.get(*k).and_then(Value::as_str))
            .map(str::to_string)
    });
    let mut note = None;
    if let Some(claimed) = claimed.filter(|c| !c.trim().is_empty()) {
        match believe(claimed.trim(), home.as_ref()) {
            Ok(url) => return (url, None),
            Err(why) => note = Some(why),
        }
    }
    let fallback = match origin {
        Origin::Url(url) => url.to_string(),
        Origin::File { relative, base_url } => match base_url.and_then(|b| b.join(relative).ok()) {
            Some(url) => url.to_string(),
            None => relative.to_string(),
        },
    };
    (fallback, note)
}

/// A claimed canonical URL, resolved against the page's home, if it may be believed.
fn believe(claimed: &str, home: Option<&Url>) -> Result<String, String> {
    let url = match (Url::parse(claimed), home) {
        (Ok(url), _) => url,
        (Err(_), Some(home)) => home
            .join(claimed)
            .map_err(|e| format!("canonical {claimed:?} ignored: {e}"))?,
        (Err(e), None) => return Err(format!("canonical {claimed:?} ignored: {e}")),
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "canonical {claimed:?} ignored: only http(s) URLs are references"
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!(
            "canonical {claimed:?} ignored: it carries credentials"
        ));
    }
    if let Some(home) = home
        && home.host_str() != url.host_str()
    {
        return Err(format!(
            "canonical {claimed:?} ignored: it points to another host than {}",
            home.host_str().unwrap_or_default()
        ));
    }
    Ok(url.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file<'a>(relative: &'a str, base: Option<&'a Url>) -> Origin<'a> {
        Origin::File {
            relative,
            base_url: base,
        }
    }

    #[test]
    fn base_urls_must_be_plain_http() {
        assert_eq!(
            validate_base_url("https://docs.example.org/book")
                .unwrap()
                .as_str(),
            "https://docs.example.org/book/"
        );
        for bad in [
            "file:///etc/",
            "javascript:alert(1)",
            "ftp://x.org/",
            "https://u:p@x.org/",
            "https://x.org/?q=1",
            "/local/path",
        ] {
            assert!(validate_base_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn canonical_then_base_url_then_relative_path() {
        let none = Map::new();
        let base = validate_base_url("https://docs.example.org/").unwrap();
        assert_eq!(
            reference(
                Some("https://docs.example.org/a/"),
                &none,
                &file("a.html", Some(&base))
            )
            .0,
            "https://docs.example.org/a/"
        );
        assert_eq!(
            reference(None, &none, &file("guide/a b.html", Some(&base))).0,
            "https://docs.example.org/guide/a%20b.html"
        );
        assert_eq!(
            reference(None, &none, &file("guide/a.html", None)).0,
            "guide/a.html"
        );
        let mut fm = Map::new();
        fm.insert("permalink".into(), Value::String("/blog/post/".into()));
        assert_eq!(
            reference(None, &fm, &file("post.md", Some(&base))).0,
            "https://docs.example.org/blog/post/"
        );
    }

    #[test]
    fn unbelievable_canonicals_are_noted_and_ignored() {
        let none = Map::new();
        let base = validate_base_url("https://docs.example.org/").unwrap();
        for bad in [
            "javascript:alert(1)",
            "https://evil.example/x",
            "file:///etc/passwd",
        ] {
            let (r, note) = reference(Some(bad), &none, &file("a.html", Some(&base)));
            assert_eq!(r, "https://docs.example.org/a.html", "{bad}");
            assert!(note.unwrap().contains("ignored"));
        }
        let (r, note) = reference(
            Some("https://other.example/a"),
            &none,
            &Origin::Url("https://site.example/a?x=1"),
        );
        assert_eq!(r, "https://site.example/a?x=1");
        assert!(note.unwrap().contains("another host"));
    }

    #[test]
    fn relative_paths_never_show_the_local_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("book");
        std::fs::create_dir_all(root.join("ch")).unwrap();
        let file = root.join("ch/a.html");
        std::fs::write(&file, "x").unwrap();
        let input = root.display().to_string();
        assert_eq!(
            relative_path(&file, std::slice::from_ref(&input)),
            "ch/a.html"
        );
        let single = file.display().to_string();
        assert_eq!(relative_path(&file, &[single]), "a.html");
        let glob = format!("{}/*/a.html", root.display());
        assert_eq!(relative_path(&file, &[glob]), "ch/a.html");
        assert_eq!(relative_path(&file, &[]), "a.html");
    }
}
