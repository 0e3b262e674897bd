//! Owns deciding from a file's name whether it can be a document: the assets and generated
//! artefacts of documentation sites (scripts, style sheets, fonts, source maps, search
//! indexes, sitemaps) are not, whatever the site generator. `Filters` applies the user's
//! `--include`/`--exclude` globs on top: an excluded file is never read, an included one is
//! ingested even where a default rule (here or in `kb::classify`) would skip it.
//!
//! Globs match the path relative to the ingested folder with `/` separators; a glob without a
//! `/` matches the file name at any depth (as in .gitignore and ripgrep's `--glob`).
//! `--type md` narrows the folder walk to files of ripgrep's named types (`file_types`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobBuilder, GlobSet, GlobSetBuilder};
use ignore::types::{Types, TypesBuilder};

/// `--type` names beyond ripgrep's own file types (`ignore`'s defaults): the short name
/// writers use for AsciiDoc, which ripgrep calls `asciidoc`.
const TYPE_ALIASES: &[(&str, &[&str])] = &[("adoc", &["*.adoc", "*.asc", "*.asciidoc"])];

fn types_builder() -> TypesBuilder {
    let mut builder = TypesBuilder::new();
    builder.add_defaults();
    for (name, globs) in TYPE_ALIASES {
        for glob in *globs {
            // The aliases are fixed, valid globs; a failure here would be a typo above,
            // caught by the tests.
            let _ = builder.add(name, glob);
        }
    }
    builder
}

/// Every `--type` name, sorted: ripgrep's file types (`md`, `html`, `txt`, `rst`, `org`,
/// `json`, `yaml`, languages...) and the aliases above.
pub fn type_names() -> Vec<String> {
    let mut names: Vec<String> = types_builder()
        .definitions()
        .into_iter()
        .map(|d| d.name().to_string())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// The file types `selected` name, for the folder walk (ripgrep's `--type`): None when none
/// is selected, so every file is a candidate. An unknown name is an error naming the closest.
pub fn file_types(selected: &[String]) -> Result<Option<Types>, String> {
    if selected.is_empty() {
        return Ok(None);
    }
    let names = type_names();
    let mut builder = types_builder();
    for name in selected {
        if !names.contains(name) {
            return Err(crate::suggest::unknown(
                "file type",
                name,
                "types",
                names.iter().map(String::as_str),
            ));
        }
        builder.select(name);
    }
    builder.build().map(Some).map_err(|e| e.to_string())
}

/// Whether `path` is the markup source of a generated page that stands beside it: Asciidoctor
/// and other generators ship `page.txt` (or `.adoc`, `.rst`, `.md`) next to `page.html`. The page is
/// the document; its source would come through as raw markup (delimiter rows, macros) that the
/// duplicate check cannot match against the page's text.
pub fn is_source_of_page_beside(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let stem = [
        ".rst.txt",
        ".txt",
        ".adoc",
        ".asciidoc",
        ".rst",
        ".md",
        ".markdown",
    ]
    .iter()
    .find_map(|ext| lower.strip_suffix(ext).map(|s| &name[..s.len()]));
    stem.is_some_and(|stem| {
        ["html", "htm"]
            .iter()
            .any(|ext| path.with_file_name(format!("{stem}.{ext}")).is_file())
    })
}

/// The folders of `files` that hold an HTML page: the documentation sites of an ingest.
pub fn site_folders<'a>(files: impl IntoIterator<Item = &'a Path>) -> HashSet<PathBuf> {
    files
        .into_iter()
        .filter(|f| {
            f.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        })
        .filter_map(|f| f.parent().map(Path::to_path_buf))
        .collect()
}

/// Whether `path` is a JSON file in or under a folder of `sites`: generators ship the data
/// their pages are made from (Node.js writes `module.json` beside `module.html`), which reads
/// as `key: value` lines, not as documentation.
pub fn is_data_of_site(path: &Path, sites: &HashSet<PathBuf>) -> bool {
    let json = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    json && path
        .ancestors()
        .skip(1)
        .any(|folder| sites.contains(folder))
}

/// Why a file named `relative` (relative to its ingested folder) is not a document, if it is
/// not. Rules are about kinds of file, so they hold for any site generator.
pub fn asset_reason(relative: &str) -> Option<&'static str> {
    let name = relative
        .rsplit('/')
        .next()
        .unwrap_or(relative)
        .to_ascii_lowercase();
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    // Search indexes first: some are JavaScript, some JSON, all are generated from the pages.
    if name.starts_with("searchindex")
        || name.starts_with("search-index")
        || name.starts_with("search_index")
        || name == "searchdata.js"
        || name == "search.json"
        || name == "lunr-index.json"
        || name == "elasticlunr.min.js"
    {
        return Some("site search index (generated from the pages)");
    }
    // Sphinx copies each page's source beside the site as `_sources/<page>.rst.txt`: the
    // same text as the page, in markup that defeats the duplicate check.
    if relative.split('/').any(|part| part == "_sources") && name.ends_with(".txt") {
        return Some("Sphinx source copy of a page (the page itself is ingested)");
    }
    // Everything in a site's font folder belongs to the fonts (their licences included).
    let folders: Vec<&str> = relative.split('/').collect();
    if folders[..folders.len().saturating_sub(1)]
        .iter()
        .any(|f| matches!(f.to_ascii_lowercase().as_str(), "fonts" | "webfonts"))
    {
        return Some("site asset: font (or its licence) in the site's font folder");
    }
    if name == "sitemap.xml" || name == "sitemap.xml.gz" || name.starts_with("sitemap-") {
        return Some("sitemap (a list of the site's pages)");
    }
    match extension {
        "js" | "mjs" | "cjs" => Some("site asset: JavaScript"),
        "css" | "scss" | "less" => Some("site asset: style sheet"),
        "map" => Some("site asset: source map"),
        "woff" | "woff2" | "ttf" | "otf" | "eot" => Some("site asset: font"),
        // Raster images are refused as binary by the sniffer, which says what they are.
        "svg" => Some("site asset: image (SVG)"),
        "inv" if name == "objects.inv" => Some("site asset: Sphinx cross-reference inventory"),
        _ => None,
    }
}

/// What the user's globs say about one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// An `--exclude` glob matched: skip it.
    Excluded,
    /// An `--include` glob matched: ingest it even if a default rule would skip it.
    Included,
    /// No glob matched: the default rules decide.
    Default,
}

/// The `--include` and `--exclude` globs of one ingest.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

impl Filters {
    /// Compiles the globs; an invalid one is an error naming it.
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filters, String> {
        Ok(Filters {
            include: set(include, "--include")?,
            exclude: set(exclude, "--exclude")?,
        })
    }

    /// `--exclude` wins over `--include`: excluding is the safer reading of a conflict.
    pub fn verdict(&self, relative: &str) -> Verdict {
        if self.exclude.as_ref().is_some_and(|s| s.is_match(relative)) {
            Verdict::Excluded
        } else if self.include.as_ref().is_some_and(|s| s.is_match(relative)) {
            Verdict::Included
        } else {
            Verdict::Default
        }
    }
}

fn set(globs: &[String], flag: &str) -> Result<Option<GlobSet>, String> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        // Without a `/`, a glob names files at any depth.
        let pattern = if g.contains('/') {
            g.trim_start_matches('/').to_string()
        } else {
            format!("**/{g}")
        };
        let glob: Glob = GlobBuilder::new(&pattern)
            .literal_separator(true)
            .build()
            .map_err(|e| format!("invalid {flag} glob {g:?}: {}", e.kind()))?;
        builder.add(glob);
    }
    builder
        .build()
        .map(Some)
        .map_err(|e| format!("invalid {flag} globs: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_markup_source_beside_its_page_is_not_a_document() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "git-bisect.html",
            "git-bisect.txt",
            "notes.txt",
            "guide.adoc",
        ] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        assert!(is_source_of_page_beside(&dir.path().join("git-bisect.txt")));
        assert!(!is_source_of_page_beside(&dir.path().join("notes.txt")));
        assert!(!is_source_of_page_beside(&dir.path().join("guide.adoc")));
        assert!(!is_source_of_page_beside(
            &dir.path().join("git-bisect.html")
        ));
        std::fs::write(dir.path().join("git-bisect.md"), "x").unwrap();
        assert!(is_source_of_page_beside(&dir.path().join("git-bisect.md")));
    }

    #[test]
    fn json_under_a_site_is_data_and_json_elsewhere_is_not() {
        let files: Vec<PathBuf> = [
            "site/fs.html",
            "site/fs.json",
            "site/v2/x.json",
            "data/a.json",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        let sites = site_folders(files.iter().map(PathBuf::as_path));
        assert!(is_data_of_site(Path::new("site/fs.json"), &sites));
        assert!(is_data_of_site(Path::new("site/v2/x.json"), &sites));
        assert!(!is_data_of_site(Path::new("data/a.json"), &sites));
        assert!(!is_data_of_site(Path::new("site/fs.html"), &sites));
    }

    #[test]
    fn site_assets_and_generated_artefacts_are_not_documents() {
        for (path, why) in [
            ("searchindex-1a2b3c.js", "search index"),
            ("searchindex.json", "search index"),
            ("_static/searchindex.js", "search index"),
            ("book.js", "JavaScript"),
            ("css/chrome.css", "style sheet"),
            ("fonts/OpenSans.woff2", "font"),
            ("fonts/OPEN-SANS-LICENSE.txt", "font"),
            ("app.js.map", "source map"),
            ("sitemap.xml", "sitemap"),
            ("objects.inv", "inventory"),
            ("_sources/library/heapq.rst.txt", "Sphinx source copy"),
        ] {
            let reason = asset_reason(path).unwrap_or_else(|| panic!("{path} kept"));
            assert!(reason.contains(why), "{path}: {reason}");
        }
        for doc in [
            "index.html",
            "ch04-01-what-is-ownership.html",
            "notes.md",
            "api.json",
        ] {
            assert_eq!(asset_reason(doc), None, "{doc}");
        }
    }

    #[test]
    fn types_are_ripgreps_with_an_adoc_alias() {
        let names = type_names();
        for name in [
            "md", "markdown", "html", "txt", "rst", "adoc", "asciidoc", "org", "json",
        ] {
            assert!(names.contains(&name.to_string()), "no type {name}");
        }
        assert_eq!(file_types(&[]).unwrap().map(|_| ()), None);
        let types = file_types(&["md".into(), "adoc".into()]).unwrap().unwrap();
        assert!(types.matched("a/b.md", false).is_whitelist());
        assert!(types.matched("guide.adoc", false).is_whitelist());
        assert!(types.matched("page.html", false).is_ignore());
        let err = file_types(&["mdd".into()]).unwrap_err();
        assert!(
            err.starts_with("no file type 'mdd'; did you mean md?"),
            "{err}"
        );
    }

    #[test]
    fn globs_match_relative_paths_and_exclude_wins() {
        let f = Filters::new(
            &["*.js".into(), "guide/print.html".into()],
            &["drafts/**".into(), "secret.md".into()],
        )
        .unwrap();
        assert_eq!(f.verdict("deep/dir/app.js"), Verdict::Included);
        assert_eq!(f.verdict("guide/print.html"), Verdict::Included);
        assert_eq!(f.verdict("other/guide/print.html"), Verdict::Default);
        assert_eq!(f.verdict("drafts/a.js"), Verdict::Excluded);
        assert_eq!(f.verdict("x/secret.md"), Verdict::Excluded);
        assert_eq!(f.verdict("readme.md"), Verdict::Default);
        let err = Filters::new(&["a[".into()], &[]).unwrap_err();
        assert!(err.contains("--include") && err.contains("a["), "{err}");
    }
}
