//! The CLI's conventions, against a real daemon: a name that does not exist is "not found"
//! (exit 3) with the closest name suggested; `ingest --type` chooses what a folder walk reads
//! and a long skip list ends with a count; completion offers the daemon's names and stays
//! quiet without one; the generated man pages carry their hand-written sections.

use std::path::Path;
use std::process::Command;

use crate::common::{self, Env};

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A small knowledge base ingested into the collection `notes`.
fn with_notes(env: &Env) {
    let dir = env.home().join("kb");
    write(
        &dir,
        "restic.md",
        "# Restic backups\n\nRestic keeps encrypted snapshots of a folder in a repository, \
         and restic forget prunes the old snapshots on a schedule.\n",
    );
    let out = env.run(&[
        "ingest",
        dir.to_str().unwrap(),
        "--collection",
        "notes",
        "--wait",
    ]);
    assert_eq!(out.code, 0, "{} {}", out.stdout, out.stderr);
}

/// Runs `cgen ARGS`, expects exit 3, and returns stderr.
fn not_found(env: &Env, args: &[&str]) -> String {
    let out = env.run(args);
    assert_eq!(out.code, 3, "cgen {args:?}: {} {}", out.stdout, out.stderr);
    out.stderr
}

#[test]
fn unknown_names_are_not_found_and_name_the_closest() {
    let env = Env::with_config(
        "[providers.cloud]\nkind = \"openai\"\nbase_url = \"http://127.0.0.1:9/v1\"\nmodel = \"m\"\n",
    );
    let _daemon = env.start_daemon();
    with_notes(&env);

    // A collection: searching one that does not exist no longer finds "no matches".
    let err = not_found(&env, &["search", "restic", "--collection", "nosuch"]);
    assert!(
        err.contains("no collection 'nosuch'; readable: notes"),
        "{err}"
    );
    for args in [
        &["search", "restic", "--collection", "note"][..],
        &["docs", "list", "--collection", "nots"],
        &["topics", "--collection", "nots"],
        &["collections", "rm", "ntoes"],
    ] {
        let err = not_found(&env, args);
        assert!(err.contains("did you mean notes?"), "{args:?}: {err}");
    }
    let err = not_found(
        &env,
        &[
            "generate",
            "restic",
            "--collection",
            "nots",
            "--out",
            "/tmp",
        ],
    );
    assert!(
        err.contains("no collection 'nots'; did you mean notes?"),
        "{err}"
    );
    let found = env.run(&["search", "restic", "--collection", "notes"]);
    assert_eq!(found.code, 0, "{}", found.stderr);
    assert!(found.stdout.contains("Restic"), "{}", found.stdout);

    // Workflows, templates, stages and providers, where they are looked up and at submit.
    let out_dir = env.home().join("out");
    let out_dir = out_dir.to_str().unwrap();
    let cases: [(&[&str], &str); 7] = [
        (&["workflows", "show", "tutorail"], "did you mean tutorial?"),
        (
            &[
                "generate",
                "restic",
                "--workflow",
                "tutorail",
                "--out",
                out_dir,
            ],
            "no workflow 'tutorail'; did you mean tutorial?",
        ),
        (&["templates", "show", "blgo"], "did you mean blog?"),
        (
            &["generate", "restic", "--template", "blgo", "--out", out_dir],
            "no template 'blgo'; did you mean blog?",
        ),
        (&["agents", "show", "outlin"], "did you mean outline?"),
        (&["providers", "show", "clod"], "did you mean cloud?"),
        (
            &["generate", "restic", "--provider", "clod", "--out", out_dir],
            "no provider 'clod'; did you mean cloud? (configured: cloud)",
        ),
    ];
    for (args, expected) in cases {
        let err = not_found(&env, args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    // Nothing close: the list alone, no guess.
    let err = not_found(&env, &["workflows", "show", "xyz"]);
    assert!(
        err.contains("no workflow 'xyz'; available: ") && !err.contains("did you mean"),
        "{err}"
    );

    // Files: the article to check and the tone profile.
    let articles = env.home().join("articles");
    write(&articles, "index.md", "# Title\n\nText.\n");
    let err = not_found(
        &env,
        &["quality", articles.join("nosuch.md").to_str().unwrap()],
    );
    assert!(err.contains("no file or folder"), "{err}");
    let err = not_found(
        &env,
        &["quality", articles.join("indx.md").to_str().unwrap()],
    );
    assert!(
        err.contains("hint: did you mean") && err.contains("index.md"),
        "{err}"
    );
    let err = not_found(
        &env,
        &[
            "generate",
            "restic",
            "--tone",
            "nosuch-tone.toml",
            "--out",
            out_dir,
        ],
    );
    assert!(err.contains("no file or folder nosuch-tone.toml"), "{err}");
    // A folder to ingest, likewise, before anything is queued.
    let err = not_found(&env, &["ingest", env.home().join("k").to_str().unwrap()]);
    assert!(
        err.contains("hint: did you mean") && err.contains("/kb?"),
        "{err}"
    );
}

/// The ingested documents' sources, from `docs list`.
fn sources(env: &Env, collection: &str) -> Vec<String> {
    let docs = env.json(&["docs", "list", "--collection", collection]);
    docs["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["source"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn ingest_type_chooses_what_a_folder_walk_reads() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let dir = env.home().join("mixed");
    let body = "Restic keeps encrypted snapshots of a folder in a repository and prunes them.";
    write(&dir, "a.md", &format!("# A\n\n{body} Markdown.\n"));
    write(
        &dir,
        "sub/b.markdown",
        &format!("# B\n\n{body} More markdown.\n"),
    );
    write(&dir, "c.adoc", &format!("= C\n\n{body} AsciiDoc.\n"));
    write(&dir, "d.txt", &format!("{body} Plain text.\n"));
    write(
        &dir,
        "e.html",
        &format!("<html><body><h1>E</h1><p>{body} HTML.</p></body></html>"),
    );
    let root = dir.to_str().unwrap();

    let out = env.run(&[
        "ingest",
        root,
        "--type",
        "md,adoc",
        "--collection",
        "typed",
        "--wait",
    ]);
    assert_eq!(out.code, 0, "{} {}", out.stdout, out.stderr);
    let mut names: Vec<String> = sources(&env, "typed")
        .iter()
        .map(|s| s.rsplit('/').next().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["a.md", "b.markdown", "c.adoc"], "{names:?}");

    // -t repeats; a file named outright is read whatever its type, as in ripgrep.
    let txt = dir.join("d.txt");
    let out = env.run(&[
        "ingest",
        root,
        txt.to_str().unwrap(),
        "-t",
        "html",
        "--collection",
        "html",
        "--wait",
    ]);
    assert_eq!(out.code, 0, "{} {}", out.stdout, out.stderr);
    let mut names: Vec<String> = sources(&env, "html")
        .iter()
        .map(|s| s.rsplit('/').next().unwrap().to_string())
        .collect();
    names.sort();
    assert_eq!(names, ["d.txt", "e.html"], "{names:?}");

    let out = env.run(&["ingest", root, "--type", "mdd"]);
    assert_eq!(out.code, 2, "{} {}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains("no file type 'mdd'; did you mean md?"),
        "{}",
        out.stderr
    );
}

/// A folder of one page and 15 site scripts, which ingest skips.
fn site_with_scripts(env: &Env) -> String {
    let dir = env.home().join("site");
    write(
        &dir,
        "page.md",
        "# Page\n\nRestic keeps encrypted snapshots of a folder in a repository.\n",
    );
    for i in 0..15 {
        write(&dir, &format!("js/s{i:02}.js"), "var x = 1;\n");
    }
    dir.display().to_string()
}

#[test]
fn a_long_skip_list_ends_with_a_count() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let root = site_with_scripts(&env);
    let out = env.run(&["ingest", &root, "--wait"]);
    assert_eq!(out.code, 0, "{} {}", out.stdout, out.stderr);
    let listed = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("  skipped "))
        .count();
    assert_eq!(listed, 10, "{}", out.stdout);
    assert!(
        out.stdout
            .trim_end()
            .ends_with("and 5 more (`--explain` lists them)"),
        "{}",
        out.stdout
    );
    let out = env.run(&["ingest", &root, "--collection", "all", "--explain"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.matches("site asset: JavaScript").count(), 15);
}

/// On a terminal, each skipped source is a line of its own printed above the progress bar
/// (after the bar's line is cleared), never the bar's message, and the end does not list
/// them again.
#[test]
fn skip_warnings_print_above_the_progress_bar() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let root = site_with_scripts(&env);
    env.admin_key();
    let cgen = env!("CARGO_BIN_EXE_cgen");
    // `script` gives the command a pseudo-terminal, so the progress bar is drawn.
    // The same environment as `env.cgen()` gives the cgen that script(1) runs.
    let plain = env.cgen();
    let mut script = Command::new("script");
    for (key, value) in plain.get_envs() {
        match value {
            Some(value) => script.env(key, value),
            None => script.env_remove(key),
        };
    }
    let out = script
        .args(["-qec", &format!("{cgen} ingest {root} --wait"), "/dev/null"])
        .env("COLUMNS", "200")
        .env("LINES", "50")
        .stdin(std::process::Stdio::null())
        .output();
    let out = match out {
        Ok(out) => out,
        Err(e) => panic!("cannot run script(1) from util-linux: {e}"),
    };
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    let skips: Vec<usize> = text.match_indices("  skipped ").map(|(i, _)| i).collect();
    assert_eq!(skips.len(), 10, "{text}");
    for at in skips {
        assert!(
            text[..at].ends_with("\x1b[2K"),
            "a warning not on a cleared line of its own: {:?}",
            &text[at.saturating_sub(60)..at + 20]
        );
    }
    assert!(
        text.contains("and 5 more (`--explain` lists them)"),
        "{text}"
    );
}

/// `CGEN_COMPLETE=fish cgen -- WORDS`: what fish's registration runs at each TAB (the last
/// word is the one being completed); candidates one a line, a tab before any description.
fn complete(env: &Env, cwd: &Path, words: &[&str]) -> (i32, Vec<String>, String) {
    let out = common::outcome(
        env.cgen()
            .env_remove("CGEN_NO_AUTOSTART")
            .env("CGEN_COMPLETE", "fish")
            .current_dir(cwd)
            .arg("--")
            .args(words),
        None,
    );
    let values = out
        .stdout
        .lines()
        .map(|l| l.split('\t').next().unwrap_or("").to_string())
        .collect();
    (out.code, values, out.stderr)
}

#[test]
fn completion_offers_the_daemons_names_and_is_quiet_without_one() {
    let env = Env::new();
    // A file in the working folder: after --workflow it must never be offered.
    let cwd = env.home().join("cwd");
    write(&cwd, "blog-draft.md", "x");
    let workflow = ["cgen", "generate", "t", "--workflow", ""];

    // No daemon: nothing, silently, and no daemon started (autostart is on here).
    let (code, values, stderr) = complete(&env, &cwd, &workflow);
    assert_eq!((code, stderr.as_str()), (0, ""), "{values:?}");
    assert!(values.is_empty(), "{values:?}");
    assert!(!env.socket().exists(), "completion started a daemon");

    // A socket that accepts and never answers (a stuck daemon): the TAB gives up, quietly.
    std::fs::create_dir_all(env.socket().parent().unwrap()).unwrap();
    let stuck = std::os::unix::net::UnixListener::bind(env.socket()).unwrap();
    let out = common::outcome(
        env.cgen()
            .env("CGEN_API_KEY", "cgen_not_a_real_key")
            .env("CGEN_COMPLETE", "fish")
            .current_dir(&cwd)
            .arg("--")
            .args(workflow),
        None,
    );
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
    drop(stuck);
    std::fs::remove_file(env.socket()).unwrap();

    let _daemon = env.start_daemon();
    with_notes(&env);
    let (code, values, _) = complete(&env, &cwd, &workflow);
    assert_eq!(code, 0);
    for name in ["blog", "tutorial", "summary"] {
        assert!(values.iter().any(|v| v == name), "{name}: {values:?}");
    }
    assert!(
        !values.iter().any(|v| v.contains("blog-draft")),
        "{values:?}"
    );
    let (_, values, _) = complete(&env, &cwd, &["cgen", "generate", "t", "--workflow", "tut"]);
    assert_eq!(values, ["tutorial"]);

    let (_, values, _) = complete(&env, &cwd, &["cgen", "search", "x", "--collection", ""]);
    assert_eq!(values, ["notes"]);
    let (_, values, _) = complete(&env, &cwd, &["cgen", "templates", "show", "bl"]);
    assert_eq!(values, ["blog"]);
    let (_, values, _) = complete(&env, &cwd, &["cgen", "agents", "show", "outl"]);
    assert_eq!(values, ["outline"]);
    let (_, values, _) = complete(&env, &cwd, &["cgen", "ingest", "--type", "mar"]);
    assert_eq!(values, ["markdown"]);
    let jobs = env.json(&["jobs", "list"]);
    let id = jobs["jobs"][0]["id"].as_i64().unwrap().to_string();
    let (_, values, _) = complete(&env, &cwd, &["cgen", "jobs", "show", ""]);
    assert!(values.contains(&id), "job {id}: {values:?}");
}

/// The committed man pages (CI checks they are what the binary generates) carry the sections
/// clap cannot derive, and the committed completion scripts ask cgen for names.
#[test]
fn generated_assets_have_their_sections_and_ask_cgen() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let top = std::fs::read_to_string(repo.join("man/cgen.1")).unwrap();
    for section in [
        ".SH \"EXIT STATUS\"",
        ".SH ENVIRONMENT",
        ".SH FILES",
        ".SH EXAMPLES",
    ] {
        assert!(top.contains(section), "cgen.1 lacks {section}");
    }
    assert!(top.contains("CGEN_HOME") && top.contains("config.toml"));
    let mut pages = 0;
    for entry in std::fs::read_dir(repo.join("man")).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(".SH \"EXIT STATUS\""), "{}", path.display());
        pages += 1;
    }
    assert!(pages > 50, "{pages} pages");
    let ingest = std::fs::read_to_string(repo.join("man/cgen-ingest.1")).unwrap();
    assert!(ingest.contains(".SH EXAMPLES") && ingest.contains("\\-\\-type"));
    for script in ["cgen.bash", "_cgen", "cgen.fish", "cgen.elv", "_cgen.ps1"] {
        let text = std::fs::read_to_string(repo.join("completions").join(script)).unwrap();
        assert!(text.contains("CGEN_COMPLETE"), "{script}");
    }
    // The man page renders as the manual a user reads.
    let out = Command::new("man")
        .args(["-l", "man/cgen.1"])
        .current_dir(repo)
        .env("MANWIDTH", "100")
        .output()
        .expect("man(1)");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(
        shown.contains("EXIT STATUS") && shown.contains("EXAMPLES"),
        "{shown}"
    );
}
