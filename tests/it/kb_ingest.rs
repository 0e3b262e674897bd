//! Clean ingest, end to end with a real daemon: only documents become documents (each skip
//! with its reason), chunks keep their kind and Markdown, every document has a public
//! reference and no absolute path reaches an article, duplicates are stored once, and hostile
//! pages give a reason instead of a crash while the rest of the ingest goes on.

use std::path::Path;

use crate::common::Env;
use serde_json::Value;

/// A page as an mdBook site writes it: chrome around `<main>`, the title with the book's name.
fn mdbook_page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title} - The Test Book</title></head><body>\
         <nav id=\"sidebar\"><ol><li><a href=\"a.html\">A</a></li></ol></nav>\
         <div id=\"menu-bar\"><button>Print</button></div>\
         <main><h1>{title}</h1>{body}</main>\
         <nav class=\"nav-wrapper\"><a href=\"next.html\">Next</a></nav></body></html>"
    )
}

fn prose(topic: &str, n: usize) -> String {
    (0..n)
        .map(|i| {
            format!(
                "<p>Paragraph {i} about {topic} explains how the {topic} machinery keeps \
                 values valid while a program runs, and why step {i} matters here.</p>"
            )
        })
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Ingests with extra CLI arguments, waits, and returns the job's result.
fn ingest(env: &Env, dir: &Path, extra: &[&str]) -> Value {
    let root = dir.display().to_string();
    let mut args = vec!["ingest", root.as_str(), "--wait"];
    args.extend_from_slice(extra);
    let out = env.run(&args);
    assert_eq!(out.code, 0, "{} {}", out.stdout, out.stderr);
    let jobs = env.json(&["jobs", "list"]);
    let id = jobs
        .as_array()
        .or_else(|| jobs["jobs"].as_array())
        .and_then(|j| j.iter().filter_map(|j| j["id"].as_i64()).max())
        .unwrap_or_else(|| panic!("no jobs: {jobs}"));
    env.json(&["jobs", "show", &id.to_string()])["result"].clone()
}

fn reason(result: &Value, name: &str) -> String {
    result["skipped_sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["source"].as_str().unwrap_or_default().ends_with(name))
        .and_then(|s| s["reason"].as_str())
        .unwrap_or_else(|| panic!("{name} was not skipped: {result}"))
        .to_string()
}

fn documents(env: &Env) -> Vec<Value> {
    env.json(&["docs", "list"])["documents"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn doc_by_source(env: &Env, name: &str) -> Value {
    let doc = documents(env)
        .into_iter()
        .find(|d| d["source"].as_str().unwrap_or_default().ends_with(name))
        .unwrap_or_else(|| panic!("{name} not stored"));
    env.json(&["docs", "show", &doc["id"].to_string()])
}

#[test]
fn a_site_keeps_its_pages_and_skips_assets_stubs_copies_and_navigation_with_reasons() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let site = tempfile::tempdir().unwrap();
    let d = site.path();
    write(
        d,
        "ownership.html",
        &mdbook_page("Ownership", &prose("ownership", 8)),
    );
    write(
        d,
        "borrowing.html",
        &mdbook_page(
            "Borrowing",
            &format!(
                "{}<pre><code class=\"language-rust\">fn len(s: &amp;String) -&gt; usize {{\n    s.len()\n}}</code></pre>\
                 <ul><li>One reader or</li><li>many readers</li></ul>",
                prose("borrowing", 6)
            ),
        ),
    );
    write(
        d,
        "searchindex-0a1b2c.js",
        "Object.assign(window.search, {\"doc_urls\":[]});",
    );
    write(d, "book.js", "function f() {}");
    write(d, "css/chrome.css", "body { color: red }");
    write(d, "sitemap.xml", "<?xml version=\"1.0\"?><urlset></urlset>");
    write(
        d,
        "print.html",
        "<html><head><meta name=\"robots\" content=\"noindex\"><title>Book</title></head>\
         <body><main><h1>Ownership</h1><p>All chapters in one.</p></main></body></html>",
    );
    write(
        d,
        "old.html",
        "<html><head><meta http-equiv=\"refresh\" content=\"0; url=ownership.html\"></head>\
         <body><p>Redirecting to ownership.html</p></body></html>",
    );
    write(
        d,
        "first-edition.html",
        &mdbook_page(
            "First edition",
            "<p>The first edition of the book is no longer distributed with Rust's documentation.</p>",
        ),
    );
    let links: String = (0..30)
        .map(|i| format!("<li><a href=\"c{i}.html\">Chapter {i}</a></li>"))
        .collect();
    write(
        d,
        "toc.html",
        &mdbook_page("Contents", &format!("<ul>{links}</ul>")),
    );

    // Asciidoctor-style sites ship each page's markup source beside it.
    write(
        d,
        "ownership.txt",
        "Ownership\n=========\n\n----\nlet s = String::new();\n----\n",
    );
    let result = ingest(&env, d, &["--base-url", "https://book.example.org/"]);
    assert_eq!(result["ingested"], 2, "{result}");
    assert!(reason(&result, "ownership.txt").contains("markup source of the page beside it"));
    assert!(reason(&result, "searchindex-0a1b2c.js").contains("search index"));
    assert!(reason(&result, "book.js").contains("JavaScript"));
    assert!(reason(&result, "chrome.css").contains("style sheet"));
    assert!(reason(&result, "sitemap.xml").contains("sitemap"));
    assert!(reason(&result, "print.html").contains("noindex"));
    assert!(reason(&result, "old.html").contains("redirect"));
    assert!(reason(&result, "first-edition.html").contains("no longer distributed"));
    assert!(reason(&result, "toc.html").contains("navigation page"));

    // --explain lists the same skips for a person.
    let out = env.run(&["ingest", &d.display().to_string(), "--explain"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("book.js: site asset: JavaScript"),
        "{}",
        out.stdout
    );

    // The page keeps its structure, code as fenced code with its language, and its title
    // loses the book's name; its reference is the base URL's, never the local path.
    let shown = doc_by_source(&env, "borrowing.html");
    assert_eq!(shown["document"]["title"], "Borrowing");
    assert_eq!(
        shown["document"]["reference"],
        "https://book.example.org/borrowing.html"
    );
    let chunks = shown["chunks"].as_array().unwrap();
    let code = chunks
        .iter()
        .find(|c| c["kind"] == "code")
        .expect("a code chunk");
    assert_eq!(
        code["text"],
        "```rust\nfn len(s: &String) -> usize {\n    s.len()\n}\n```"
    );
    let list = chunks
        .iter()
        .find(|c| c["kind"] == "list")
        .expect("a list chunk");
    assert_eq!(list["text"], "- One reader or\n- many readers");
    let all: String = chunks.iter().map(|c| c["text"].as_str().unwrap()).collect();
    assert!(
        !all.contains("Print") && !all.contains("Next"),
        "chrome kept: {all}"
    );

    // An include glob brings a skipped file back.
    let result = ingest(&env, d, &["--include", "print.html"]);
    assert_eq!(result["ingested"], 1, "{result}");
}

#[test]
fn markdown_code_keeps_its_fence_and_articles_cite_public_references() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let kb = tempfile::tempdir().unwrap();
    let text = "---\ntitle: Backups with restic\n---\n# Backups with restic\n\n\
        Restic makes encrypted backups of a folder to a repository, and restic keeps each \
        snapshot deduplicated so that backups stay small.\n\nInstall restic first:\n\n\
        ```bash\nsudo apt install restic\n```\n\nRestic backups are checked with a restic \
        check command that reads the repository and verifies every snapshot it holds.\n";
    write(kb.path(), "guides/restic.md", text);
    ingest(&env, kb.path(), &[]);
    let shown = doc_by_source(&env, "restic.md");
    assert_eq!(shown["document"]["reference"], "guides/restic.md");
    let code = shown["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "code")
        .expect("a code chunk");
    assert_eq!(code["text"], "```bash\nsudo apt install restic\n```");

    let out_dir = tempfile::tempdir().unwrap();
    let out = env.run(&[
        "generate",
        "restic backups",
        "--out",
        &out_dir.path().display().to_string(),
    ]);
    assert_eq!(out.code, 0, "{} {}", out.stdout, out.stderr);
    let local = kb.path().display().to_string();
    let written: Vec<String> = walk(out_dir.path())
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap())
        .collect();
    assert!(written.len() >= 2, "article and manifest");
    for text in &written {
        assert!(
            !text.contains(&local),
            "the local path {local} shows: {text}"
        );
    }
    assert!(
        written.iter().any(|t| t.contains("guides/restic.md")),
        "the relative reference is cited"
    );
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn duplicates_are_stored_once_and_translations_are_not_duplicates() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let site = tempfile::tempdir().unwrap();
    let d = site.path();
    let body = prose("lifetimes", 12);
    write(d, "a/lifetimes.html", &mdbook_page("Lifetimes", &body));
    // The same chapter in a second place, and a versioned copy with one word changed.
    write(d, "b/lifetimes.html", &mdbook_page("Lifetimes", &body));
    write(
        d,
        "c/lifetimes.html",
        &mdbook_page(
            "Lifetimes",
            &body.replacen("keeps values valid", "keeps values alive", 1),
        ),
    );
    let translated: String = (0..12)
        .map(|i| format!("<p>Le paragraphe {i} sur les durées de vie explique comment le mécanisme garde les valeurs valides pendant l'exécution du programme, étape {i}.</p>"))
        .collect();
    write(
        d,
        "fr/lifetimes.html",
        &mdbook_page("Durées de vie", &translated),
    );
    let result = ingest(&env, d, &[]);
    assert_eq!(result["ingested"], 2, "{result}");
    assert!(reason(&result, "b/lifetimes.html").contains("the same text as"));
    assert!(reason(&result, "c/lifetimes.html").contains("near duplicate"));

    // Re-ingesting changes nothing and the search shows each passage once.
    let search = env.json(&["search", "lifetimes machinery valid", "-n", "20"]);
    let hits = search["hits"].as_array().unwrap();
    let mut texts: Vec<&str> = hits
        .iter()
        .map(|h| h["snippet"].as_str().unwrap())
        .collect();
    let before = texts.len();
    texts.sort();
    texts.dedup();
    assert_eq!(texts.len(), before, "a passage shown twice: {search}");
}

#[test]
fn hostile_pages_are_skipped_or_degraded_and_the_ingest_goes_on() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let site = tempfile::tempdir().unwrap();
    let d = site.path();
    write(d, "good.html", &mdbook_page("Good", &prose("good", 4)));
    // 100,000 levels of nesting.
    let deep = format!(
        "<html><body>{}<p>deep text here</p>{}</body></html>",
        "<div>".repeat(100_000),
        "</div>".repeat(100_000)
    );
    write(d, "deep.html", &deep);
    // A 5 MB code block.
    let code: String = (0..200_000).map(|i| format!("let v{i} = {i};\n")).collect();
    write(
        d,
        "code.html",
        &mdbook_page(
            "Code",
            &format!("<pre><code class=\"language-rust\">{code}</code></pre>"),
        ),
    );
    // 50 MB of markup around one paragraph.
    let padding = "<span></span>".repeat(50 * 1024 * 1024 / 13);
    write(
        d,
        "huge.html",
        &format!("<html><body>{padding}<p>One paragraph.</p></body></html>"),
    );
    // Canonical links that point elsewhere or are scripts.
    write(
        d,
        "js-canonical.html",
        &mdbook_page("Script", &prose("script", 3)).replace(
            "<head>",
            "<head><link rel=\"canonical\" href=\"javascript:alert(1)\">",
        ),
    );
    write(
        d,
        "elsewhere.html",
        &mdbook_page("Elsewhere", &prose("elsewhere", 3)).replace(
            "<head>",
            "<head><link rel=\"canonical\" href=\"https://evil.example/phish\">",
        ),
    );
    let result = ingest(&env, d, &["--base-url", "https://docs.example.org/"]);
    assert!(result["ingested"].as_u64().unwrap() >= 4, "{result}");
    assert!(doc_by_source(&env, "good.html")["document"]["title"] == "Good");
    for name in ["js-canonical.html", "elsewhere.html"] {
        let shown = doc_by_source(&env, name);
        assert_eq!(
            shown["document"]["reference"],
            format!("https://docs.example.org/{name}")
        );
        assert!(
            shown["document"]["metadata"]["reference_note"]
                .as_str()
                .unwrap()
                .contains("ignored")
        );
    }
    let code = doc_by_source(&env, "code.html");
    assert!(
        code["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["kind"] == "code" && c["text"].as_str().unwrap().starts_with("```rust\n"))
    );
    assert!(reason(&result, "huge.html").contains("50.0 MB"), "{result}");
    let deep = doc_by_source(&env, "deep.html");
    assert!(
        deep["document"]["metadata"]["parse_warning"]
            .as_str()
            .unwrap()
            .contains("nested")
    );

    // A base URL that is not http(s) is refused before anything is read.
    for bad in ["file:///etc/", "javascript:alert(1)", "ftp://x.org/"] {
        let out = env.run(&["ingest", &d.display().to_string(), "--base-url", bad]);
        assert_ne!(out.code, 0, "{bad} accepted");
        assert!(out.stderr.contains("base_url"), "{bad}: {}", out.stderr);
    }
}

/// A page of a hand-written site: a tagline and a menu on every page, then the page's text.
fn site_page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body>\
         <div class=\"tagline\">Small. Fast. Reliable. Choose any three.</div>\
         <ul class=\"menu\"><li><a href=\"index.html\">Home</a></li>\
         <li><a href=\"about.html\">About</a></li><li><a href=\"download.html\">Download</a></li></ul>\
         <h1>{title}</h1>{body}</body></html>"
    )
}

#[test]
fn an_aggregate_of_pages_is_the_copy_skipped_whatever_its_name_and_the_template_goes() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let site = tempfile::tempdir().unwrap();
    let d = site.path();
    let modules = [
        "events", "fs", "net", "path", "zlib", "os", "tls", "url", "util", "vm",
    ];
    let shared = "<p>Every handle must be closed before the process exits.</p>";
    let mut all = String::new();
    for (i, m) in modules.iter().enumerate() {
        // Two pages share a sentence: content, not template.
        let extra = if i < 2 { shared } else { "" };
        let body = format!("{}{extra}", prose(m, 2));
        write(d, &format!("{m}.html"), &site_page(m, &body));
        all.push_str(&format!("<h2>{m}</h2>{}", prose(m, 2)));
    }
    // The aggregate sorts first by name: the order of the walk must not decide.
    write(d, "all.html", &site_page("All modules", &all));
    write(
        d,
        "events.json",
        "{\"type\": \"module\", \"name\": \"events\"}",
    );
    write(
        d,
        "events.md",
        "# events\n\nThe markup source of the page.\n",
    );
    let result = ingest(&env, d, &[]);
    assert_eq!(result["ingested"], modules.len(), "{result}");
    assert!(
        reason(&result, "all.html").contains("all-in-one"),
        "{result}"
    );
    assert!(reason(&result, "events.json").contains("data file"));
    assert!(reason(&result, "events.md").contains("markup source"));
    for m in modules {
        let shown = doc_by_source(&env, &format!("/{m}.html"));
        let text: String = shown["chunks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["text"].as_str().unwrap())
            .collect();
        assert!(
            !text.contains("Choose any three"),
            "{m}: template kept: {text}"
        );
        assert!(!text.contains("Download"), "{m}: menu kept: {text}");
        assert!(text.contains(&format!("about {m}")), "{m}: {text}");
        if m == "events" || m == "fs" {
            assert!(text.contains("Every handle must be closed"), "{m}: {text}");
        }
    }
}
