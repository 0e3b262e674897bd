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

use crate::common::fake_http::{FakeHttp, Request, Response};
use crate::common::{Conn, Daemon, Env, error_kind};

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
    // A folder that exists beside the root: the CLI reports a missing one itself (exit 3).
    std::fs::create_dir_all(shared.path().join("x")).unwrap();
    let dotdot = format!("{}/../{}", root.display(), "x");
    let out = env.run_as(&user, &["ingest", &dotdot]);
    assert_eq!(out.code, 4, "{}", out.stderr);

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

/// A page server on `ip`: every request gets this Markdown.
fn page(ip: &str, body: &'static str) -> FakeHttp {
    FakeHttp::start_on(ip, move |_| markdown(200, body))
}

/// The proxy every test daemon is given: whatever reaches it slipped through a refusal.
fn proxy() -> FakeHttp {
    page("127.0.0.1", "# Proxied\n\nThis must never be ingested.\n")
}

fn markdown(status: u16, body: &str) -> Response {
    Response::new(status, "text/markdown", body)
}

/// Starts the daemon with every proxy variable pointing at `proxy`, except for `direct`
/// (the loopback servers a test means to reach).
fn start_behind(env: &Env, proxy: &FakeHttp, direct: &str) -> Daemon {
    env.start_daemon_with(|cmd| behind(cmd, proxy, direct))
}

fn behind(cmd: &mut std::process::Command, proxy: &FakeHttp, direct: &str) {
    for var in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy"] {
        cmd.env(var, &proxy.url);
    }
    cmd.env("ALL_PROXY", &proxy.url)
        .env("all_proxy", &proxy.url)
        .env("NO_PROXY", direct)
        .env("no_proxy", direct);
}

/// Makes `cmd` see `hosts` as its /etc/hosts, in a mount namespace of its own (root only).
/// The namespace's mounts are made private first, so nothing reaches the machine's.
fn with_hosts_file(cmd: &mut std::process::Command, hosts: &Path) {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::process::CommandExt;
    let source = CString::new(hosts.as_os_str().as_bytes()).unwrap();
    let target = CString::new("/etc/hosts").unwrap();
    let root = CString::new("/").unwrap();
    let check = |rc: libc::c_int| {
        if rc == 0 {
            Ok(())
        } else {
            Err(std::io::Error::last_os_error())
        }
    };
    // SAFETY: between fork and exec, only system calls on memory prepared before the fork.
    unsafe {
        cmd.pre_exec(move || {
            let none = std::ptr::null();
            check(libc::unshare(libc::CLONE_NEWNS))?;
            let private = libc::MS_REC | libc::MS_PRIVATE;
            check(libc::mount(
                none,
                root.as_ptr(),
                none,
                private,
                std::ptr::null(),
            ))?;
            check(libc::mount(
                source.as_ptr(),
                target.as_ptr(),
                none,
                libc::MS_BIND,
                std::ptr::null(),
            ))
        });
    }
}

/// `cgen --json ingest URL --wait`: the job as JSON, whatever its outcome.
fn ingest_url(env: &Env, url: &str) -> Value {
    let out = env.run(&["--json", "ingest", url, "--wait"]);
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{url}: {e}: {} {}", out.stdout, out.stderr))
}

/// Asserts the job ingested nothing, saying the URL was refused.
fn assert_refused(job: &Value, url: &str) {
    assert_eq!(job["state"], "failed", "{url}: {job}");
    let message = job.pointer("/error/message").and_then(Value::as_str);
    assert!(
        message.is_some_and(|m| m.contains("refused")),
        "{url}: {job}"
    );
}

#[test]
fn url_ingests_refuse_internal_addresses_even_through_a_proxy() {
    let proxy = proxy();
    let local = page("127.0.0.1", "# Local\n\nAn admin page on loopback.\n");
    let env = Env::new();
    let _daemon = start_behind(&env, &proxy, "127.0.0.1");
    for url in [
        "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://metadata.google.internal/computeMetadata/v1/",
        "http://10.0.0.1/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://100.64.0.1/",
        "http://0xa9fea9fe/",
        "http://[::ffff:169.254.169.254]/",
        "http://[fe80::1]/",
        "http://0.0.0.0/",
        "http://224.0.0.1/",
        "http://localhost/",
        &format!("{}/admin.md", local.url),
    ] {
        assert_refused(&ingest_url(&env, url), url);
    }
    assert_eq!(proxy.requests(), Vec::<Request>::new(), "a refusal slipped");
    assert_eq!(local.requests(), Vec::<Request>::new());
    assert!(docs(&env).is_empty());
}

#[test]
fn redirects_are_checked_at_every_hop() {
    let proxy = proxy();
    // 127.0.0.1 is allowed; 127.0.0.2 (loopback too) is not.
    let forbidden = page("127.0.0.2", "# Internal\n\nNot for ingests.\n");
    let target = page("127.0.0.1", "# Target\n\nWombats after a redirect.\n");
    let hops = [
        "http://10.0.0.1/".to_string(),
        "http://169.254.169.254/latest/meta-data/".to_string(),
        format!("{}/internal.md", forbidden.url),
        format!("http://user:secret@{}/x.md", &target.url[7..]),
        format!("{}/page.md", target.url),
    ];
    let redirector = {
        let hops = hops.clone();
        FakeHttp::start(move |request| {
            let n: usize = request.path().trim_start_matches('/').parse().unwrap_or(0);
            markdown(302, "").header("location", &hops[n.min(hops.len() - 1)])
        })
    };
    let env = Env::with_config("[kb]\nallow_private_urls = [\"127.0.0.1\"]\n");
    let _daemon = start_behind(&env, &proxy, "127.0.0.1,127.0.0.2");
    for (n, hop) in hops[..4].iter().enumerate() {
        let url = format!("{}/{n}", redirector.url);
        assert_refused(&ingest_url(&env, &url), hop);
    }
    // A redirect to an allowed address is followed.
    let job = ingest_url(&env, &format!("{}/4", redirector.url));
    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!(proxy.requests(), Vec::<Request>::new(), "a refusal slipped");
    assert_eq!(forbidden.requests(), Vec::<Request>::new());
    let reached = target.requests();
    assert_eq!(reached.len(), 1, "{reached:?}");
    assert!(!reached[0].text.to_lowercase().contains("authorization"));
}

#[test]
fn credentials_in_ingest_urls_are_refused_and_never_sent() {
    let proxy = proxy();
    let server = page("127.0.0.1", "# Private\n\nBehind basic auth.\n");
    let env = Env::with_config("[kb]\nallow_private_urls = [\"127.0.0.0/8\"]\n");
    let _daemon = start_behind(&env, &proxy, "127.0.0.1");
    let url = format!("http://alice:hunter2@{}/notes.md", &server.url[7..]);
    let out = env.run(&["ingest", &url, "--wait"]);
    assert_eq!(out.code, 2, "{} {}", out.stdout, out.stderr);
    assert!(out.stderr.contains("credentials"), "{}", out.stderr);
    let mut conn = env.connect();
    let r = submit(&mut conn, std::slice::from_ref(&url));
    assert_eq!(error_kind(&r), Some("invalid_params"), "{r}");
    assert!(server.requests().is_empty() && proxy.requests().is_empty());
    let jobs = env.run(&["--json", "jobs", "list"]);
    assert_eq!(jobs.code, 0, "{}", jobs.stderr);
    assert!(!jobs.stdout.contains("hunter2"), "{}", jobs.stdout);
}

#[test]
fn names_that_resolve_to_internal_addresses_are_refused() {
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: needs root to give the daemon its own /etc/hosts");
        return;
    }
    let proxy = proxy();
    let wiki = page("127.0.0.1", "# Wiki\n\nAllowed by name: quolls.\n");
    let dir = tempfile::tempdir().unwrap();
    let hosts = dir.path().join("hosts");
    std::fs::write(
        &hosts,
        "127.0.0.1 localhost\n10.0.0.1 intranet.test\n169.254.169.254 meta.test\n\
         127.0.0.1 wiki.test sneaky.test\n::ffff:10.1.2.3 mapped.test\n",
    )
    .unwrap();
    let env = Env::with_config("[kb]\nallow_private_urls = [\"wiki.test\"]\n");
    let _daemon = env.start_daemon_with(|cmd| {
        behind(cmd, &proxy, "127.0.0.1,wiki.test,sneaky.test");
        with_hosts_file(cmd, &hosts);
    });
    let port = wiki.url.rsplit(':').next().unwrap();
    for name in ["intranet.test", "meta.test", "mapped.test", "sneaky.test"] {
        let url = format!("http://{name}:{port}/page.md");
        assert_refused(&ingest_url(&env, &url), &url);
    }
    let job = ingest_url(&env, &format!("http://wiki.test:{port}/page.md"));
    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!(wiki.requests().len(), 1);
    assert_eq!(proxy.requests(), Vec::<Request>::new(), "a refusal slipped");
}

#[test]
fn credentials_in_urls_are_hidden_wherever_they_are_shown() {
    let server = FakeHttp::start(|request| {
        if request.text.starts_with("GET /gone") {
            markdown(404, "gone")
        } else {
            markdown(200, "# Page\n\nNumbats eat termites.\n")
        }
    });
    let secrets = ["tok123", "tok456", "provpass", "provkey", "sig789"];
    let env = Env::with_config(
        "[kb]\nallow_private_urls = [\"127.0.0.1\"]\n\n[providers.local]\nkind = \"ollama\"\n\
         base_url = \"http://admin:provpass@127.0.0.1:9/?api_key=provkey\"\nmodel = \"m\"\n",
    );
    let daemon = env.start_daemon();
    let good = format!("{}/page.md?token=tok123&q=numbats", server.url);
    let gone = format!(
        "{}/gone.md?access_token=tok456&Signature=sig789",
        server.url
    );
    let job = ingest_url(&env, &good);
    assert_eq!(job["state"], "succeeded", "{job}");
    let failed = ingest_url(&env, &gone);
    assert_eq!(failed["state"], "failed", "{failed}");
    // The server got the real URL: hiding is for showing only.
    assert!(server.requests()[0].text.contains("token=tok123"));

    let (first, second) = (job["id"].to_string(), failed["id"].to_string());
    let mut shown = String::new();
    for args in [
        &["jobs", "list"][..],
        &["jobs", "show", &first],
        &["jobs", "show", &second],
        &["docs", "list"],
        &["docs", "show", "1"],
        &["search", "numbats"],
        &["config", "show", "--running"],
        &["config", "show"],
        &["providers", "list"],
        &["providers", "show", "local"],
    ] {
        for json in [true, false] {
            let all = [if json { &["--json"][..] } else { &[][..] }, args].concat();
            let out = env.run(&all);
            assert_eq!(out.code, 0, "{all:?}: {}", out.stderr);
            for secret in secrets {
                assert!(
                    !out.stdout.contains(secret) && !out.stderr.contains(secret),
                    "{all:?} shows {secret}: {}",
                    out.stdout
                );
            }
            shown.push_str(&out.stdout);
        }
    }
    // What was hidden is still there, as `***`.
    for hidden in [
        "token=***",
        "access_token=***",
        "Signature=***",
        "***@127.0.0.1:9",
    ] {
        assert!(shown.contains(hidden), "{hidden} missing from:\n{shown}");
    }
    // Nor in the daemon's logs.
    let (_, stderr) = daemon.terminate();
    let mut logs = stderr;
    for file in std::fs::read_dir(env.home().join("state/logs"))
        .into_iter()
        .flatten()
    {
        logs.push_str(&std::fs::read_to_string(file.unwrap().path()).unwrap_or_default());
    }
    assert!(logs.contains("job did not succeed"), "{logs}");
    for secret in secrets {
        assert!(!logs.contains(secret), "the log shows {secret}: {logs}");
    }
}

#[test]
fn articles_cite_ingested_urls_without_their_credentials() {
    let server = page(
        "127.0.0.1",
        "# Numbats\n\nNumbats eat termites. A numbat eats thousands of termites a day.\n\n\
         ## Habitat\n\nNumbats live in eucalyptus woodland in western Australia.\n\n\
         ## Young\n\nNumbats raise four young, who cling to their mother.\n\n\
         ## Threats\n\nFoxes and cats hunt numbats; numbats hide in hollow logs.\n",
    );
    let env = Env::with_config("[kb]\nallow_private_urls = [\"127.0.0.1\"]\n");
    let _daemon = env.start_daemon();
    let url = format!("{}/numbats.md?token=tok123", server.url);
    assert_eq!(ingest_url(&env, &url)["state"], "succeeded");
    let out_dir = env.home().join("articles");
    let out = env.run(&["generate", "numbats", "--out", &text(&out_dir)]);
    assert_eq!(out.code, 0, "{} {}", out.stdout, out.stderr);
    let mut written = String::new();
    for entry in walk(&out_dir) {
        written.push_str(&std::fs::read_to_string(entry).unwrap_or_default());
    }
    assert!(written.contains("token=***"), "{written}");
    assert!(!written.contains("tok123"), "{written}");
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}
