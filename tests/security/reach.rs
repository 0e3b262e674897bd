//! The daemon's reach, borrowed by its callers: local files a key may not read (the daemon's
//! own home for everyone, anything outside `[kb] allowed_roots` for non-admins), network
//! addresses a URL ingest may not fetch (loopback, link-local, private... after DNS and at
//! every redirect), and credentials in URLs, which are never sent and never shown.
//!
//! No test here sends a packet off loopback, even when the refusal under test is broken: the
//! daemon runs with `HTTP_PROXY`/`ALL_PROXY` pointing at a recording proxy on 127.0.0.1, so a
//! request that slips through lands there and fails the test.

use std::path::Path;

use serde_json::{Value, json};

use super::common::{Conn, Env, error_kind};

fn docs(env: &Env) -> Vec<Value> {
    env.json(&["docs", "list"])["documents"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn sources(env: &Env) -> Vec<String> {
    docs(env)
        .iter()
        .filter_map(|d| d["source"].as_str().map(str::to_string))
        .collect()
}

fn text(path: &Path) -> String {
    path.display().to_string()
}

fn submit(conn: &mut Conn, sources: &[String]) -> Value {
    conn.call(
        "jobs.submit",
        json!({"jobs": [{"spec": {"kind": "ingest", "params": {"sources": sources}}}]}),
    )
}

/// A 0600 file only root can read, standing in for /etc/shadow where that is missing.
fn root_only(dir: &Path) -> String {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("shadow");
    std::fs::write(&path, "root:$6$SECRETHASH:19000:0:99999:7:::\n").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    text(&path)
}

#[test]
fn a_user_key_cannot_ingest_the_daemons_credentials_or_root_only_files() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let admin = env.admin_key();
    let user = env.make_key("mallory", "user");
    let outside = tempfile::tempdir().unwrap();
    let shadow = root_only(outside.path());
    let credentials = text(&env.home().join("config/credentials.json"));

    // What the attacker ran: both refused at submit, naming the path, exit 4.
    for target in [&credentials, &shadow, &"/etc/shadow".to_string()] {
        let out = env.run_as(&user, &["ingest", target, "--wait"]);
        assert_eq!(out.code, 4, "{target}: {} {}", out.stdout, out.stderr);
        assert!(out.stderr.contains(target.as_str()), "{}", out.stderr);
    }
    let out = env.run_as(&user, &["ingest", &credentials, &shadow, "--wait"]);
    assert_eq!(out.code, 4, "{}", out.stderr);
    // Folders, globs and `..` are no way around it.
    let mut conn = env.connect_with(&user);
    for sneaky in [
        text(outside.path()),
        format!("{}/*", outside.path().display()),
        format!("{}/../{}", outside.path().display(), "etc/passwd"),
        "/".to_string(),
    ] {
        let r = submit(&mut conn, std::slice::from_ref(&sneaky));
        assert_eq!(error_kind(&r), Some("forbidden"), "{sneaky}: {r}");
    }
    // Nothing was read: no document, and the admin key is nowhere in the store.
    assert!(docs(&env).is_empty(), "{:?}", docs(&env));
    let listed = env.run(&["--json", "docs", "list"]).stdout;
    assert!(!listed.contains(&admin) && !listed.contains("SECRETHASH"));
    let out = env.run(&["docs", "show", "1"]);
    assert_ne!(out.code, 0, "{}", out.stdout);
    assert!(!out.stdout.contains(&admin));
}

#[test]
fn allowed_roots_let_a_user_ingest_there_and_links_cannot_lead_out() {
    let outside = tempfile::tempdir().unwrap();
    let shadow = root_only(outside.path());
    let shared = tempfile::tempdir().unwrap();
    let root = shared.path().join("kb");
    std::fs::create_dir_all(root.join("notes")).unwrap();
    std::fs::write(
        root.join("notes/a.md"),
        "# Allowed\n\nWombats dig burrows.\n",
    )
    .unwrap();
    let env = Env::with_config(&format!("[kb]\nallowed_roots = [\"{}\"]\n", root.display()));
    let _daemon = env.start_daemon();
    let user = env.make_key("u", "user");
    let credentials = env.home().join("config/credentials.json");
    // Links inside the allowed root to a root-only file and to the daemon's credentials.
    std::os::unix::fs::symlink(&shadow, root.join("notes/shadow.md")).unwrap();
    std::os::unix::fs::symlink(&credentials, root.join("creds.json")).unwrap();
    std::os::unix::fs::symlink(outside.path(), root.join("escape")).unwrap();

    let job = env.run_as(&user, &["--json", "ingest", &text(&root), "--wait"]);
    assert_eq!(job.code, 0, "{}", job.stderr);
    let job: Value = serde_json::from_str(&job.stdout).unwrap();
    assert_eq!(job["result"]["ingested"], 1, "{job}");
    assert_eq!(sources(&env), vec![text(&root.join("notes/a.md"))]);

    // Named directly, a link out is refused at submit.
    for link in ["notes/shadow.md", "creds.json", "escape/shadow"] {
        let out = env.run_as(&user, &["ingest", &text(&root.join(link)), "--wait"]);
        assert_eq!(out.code, 4, "{link}: {}", out.stderr);
    }
    let dotdot = format!("{}/../../{}", root.display(), "x");
    assert_eq!(env.run_as(&user, &["ingest", &dotdot]).code, 4);

    // Checked again when the job reads: a folder swapped for a link after submit.
    env.json(&["queue", "pause"]);
    let swapped = root.join("later");
    std::fs::create_dir_all(&swapped).unwrap();
    let queued = env.run_as(&user, &["--json", "ingest", &text(&swapped)]);
    assert_eq!(queued.code, 0, "{}", queued.stderr);
    let id = serde_json::from_str::<Value>(&queued.stdout).unwrap()["jobs"][0]["id"]
        .as_i64()
        .unwrap();
    std::fs::remove_dir(&swapped).unwrap();
    std::os::unix::fs::symlink(env.home().join("config"), &swapped).unwrap();
    env.json(&["queue", "resume"]);
    let done = env.wait_job(id);
    assert_ne!(done["state"], "succeeded", "{done}");
    assert_eq!(sources(&env).len(), 1, "{:?}", sources(&env));
    assert!(
        !env.run(&["--json", "docs", "list"])
            .stdout
            .contains("api_key")
    );
}

#[test]
fn nobody_ingests_the_daemons_home_not_even_the_admin() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let admin = env.admin_key();
    env.json(&["admin", "backup"]);
    let home = env.home();
    for own in [
        "config/credentials.json",
        "config",
        "data/cgen.db",
        "state",
        "run",
    ] {
        let out = env.run(&["ingest", &text(&home.join(own)), "--wait"]);
        assert_eq!(out.code, 4, "{own}: {}", out.stderr);
        assert!(out.stderr.contains("daemon's own files"), "{}", out.stderr);
    }
    // The admin's own files elsewhere are fine, and a folder that holds the daemon's home is
    // ingested without it.
    let notes = home.join("notes");
    std::fs::create_dir_all(&notes).unwrap();
    std::fs::write(notes.join("n.md"), "# Notes\n\nKeep backups.\n").unwrap();
    std::os::unix::fs::symlink(home.join("config/credentials.json"), notes.join("c.md")).unwrap();
    let job = env.json(&["ingest", &text(home), "--wait"]);
    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!(sources(&env), vec![text(&notes.join("n.md"))]);
    let everything = env.run(&["--json", "docs", "list"]).stdout;
    assert!(!everything.contains(&admin));
}
