//! Where the daemon writes and whom the client trusts: the socket path and its folder, the
//! peer a credential is sent to, the environment of an autostarted daemon, request ids,
//! the modes of the daemon's files, backups without the session-signing secret, and output
//! folders confined to admin-configured roots for non-admin keys.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use serde_json::{Value, json};

use crate::common::{Conn, Env, error_kind, outcome};

const NOBODY: u32 = 65534;

/// Tests that act as another uid need root; elsewhere they say so and pass.
fn root_or_skip(test: &str) -> bool {
    // SAFETY: geteuid has no preconditions.
    let root = unsafe { libc::geteuid() } == 0;
    if !root {
        eprintln!("SKIPPED {test}: needs root to act as uid {NOBODY}");
    }
    root
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path).unwrap().mode() & 0o7777
}

/// `cmd` with the umask most shells have, whatever the test runner's.
fn with_umask_022(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: umask is async-signal-safe and affects only the child being started.
    unsafe {
        cmd.pre_exec(|| {
            libc::umask(0o022);
            Ok(())
        })
    };
}

/// Runs `cgen daemon` with this socket path to its end (it is expected to refuse to start).
fn daemon_refuses(env: &Env, socket: &Path) -> String {
    let out = outcome(env.cgen().env("CGEN_SOCKET", socket).arg("daemon"), None);
    assert_ne!(out.code, 0, "the daemon started on {}", socket.display());
    out.stderr
}

#[test]
fn a_file_named_as_the_socket_is_never_deleted() {
    let env = Env::new();
    let run = env.home().join("run");
    std::fs::create_dir(&run).unwrap();
    std::fs::set_permissions(&run, std::fs::Permissions::from_mode(0o700)).unwrap();
    let important = run.join("important.txt");
    std::fs::write(&important, "precious").unwrap();
    // What the attacker ran: a status with autostart, the socket pointed at a file.
    let out = outcome(
        env.cgen()
            .env_remove("CGEN_NO_AUTOSTART")
            .env("CGEN_SOCKET", &important)
            .arg("status"),
        None,
    );
    assert_ne!(out.code, 0, "{}", out.stdout);
    assert!(out.stderr.contains("not a socket"), "{}", out.stderr);
    assert!(std::fs::symlink_metadata(&important).unwrap().is_file());
    assert_eq!(std::fs::read_to_string(&important).unwrap(), "precious");
    // The foreground daemon says the same.
    let said = daemon_refuses(&env, &important);
    assert!(said.contains("not a socket"), "{said}");
    assert_eq!(std::fs::read_to_string(&important).unwrap(), "precious");
}

#[test]
fn a_socket_folder_that_others_may_write_or_that_is_not_ours_is_refused() {
    let env = Env::new();
    let shared = env.home().join("shared");
    std::fs::create_dir(&shared).unwrap();
    for open in [0o777, 0o770, 0o1777] {
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(open)).unwrap();
        let said = daemon_refuses(&env, &shared.join("cgen.sock"));
        assert!(
            said.contains("may be written by other users"),
            "{open:o}: {said}"
        );
        assert!(!shared.join("cgen.sock").exists());
    }
    if !root_or_skip("a socket folder of another uid") {
        return;
    }
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::os::unix::fs::chown(&shared, Some(NOBODY), Some(NOBODY)).unwrap();
    let said = daemon_refuses(&env, &shared.join("cgen.sock"));
    assert!(said.contains("belongs to uid 65534"), "{said}");
}

#[test]
fn only_a_stale_socket_of_our_own_uid_is_replaced() {
    if !root_or_skip("only_a_stale_socket_of_our_own_uid_is_replaced") {
        return;
    }
    let env = Env::new();
    let socket = env.socket();
    std::fs::create_dir_all(socket.parent().unwrap()).unwrap();
    std::fs::set_permissions(
        socket.parent().unwrap(),
        std::fs::Permissions::from_mode(0o700),
    )
    .unwrap();
    // A socket nobody listens on any more, left by another user.
    drop(std::os::unix::net::UnixListener::bind(&socket).unwrap());
    std::os::unix::fs::lchown(&socket, Some(NOBODY), Some(NOBODY)).unwrap();
    let said = daemon_refuses(&env, &socket);
    assert!(said.contains("another user's socket"), "{said}");
    assert_eq!(std::fs::symlink_metadata(&socket).unwrap().uid(), NOBODY);
    // Ours, it is replaced by the live one.
    std::os::unix::fs::lchown(&socket, Some(0), Some(0)).unwrap();
    let _daemon = env.start_daemon();
    assert_eq!(env.run(&["status"]).code, 0);
}

/// A Unix socket served by uid 65534 that records what each connection sent (hex), one line
/// per connection on its stdout.
struct Impostor {
    child: Child,
    lines: std::sync::mpsc::Receiver<String>,
}

impl Impostor {
    fn serve(socket: &Path) -> Impostor {
        const SCRIPT: &str = r#"
import socket, sys
s = socket.socket(socket.AF_UNIX)
s.bind(sys.argv[1])
s.listen(4)
print("listening", flush=True)
while True:
    c, _ = s.accept()
    c.settimeout(2)
    data = b""
    try:
        while True:
            b = c.recv(65536)
            if not b:
                break
            data += b
    except OSError:
        pass
    print("got " + data.hex(), flush=True)
    c.close()
"#;
        let mut child = Command::new("setpriv")
            .args(["--reuid", "65534", "--regid", "65534", "--clear-groups"])
            .args(["python3", "-c", SCRIPT])
            .arg(socket)
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .expect("setpriv python3");
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let first = lines.recv_timeout(std::time::Duration::from_secs(20));
        assert_eq!(
            first.as_deref(),
            Ok("listening"),
            "the impostor did not start"
        );
        Impostor { child, lines }
    }

    /// What the next connection sent.
    fn received(&self) -> Vec<u8> {
        let line = self
            .lines
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("the impostor saw a connection");
        hex::decode(line.trim_start_matches("got ").trim()).unwrap()
    }
}

impl Drop for Impostor {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn an_impostor_serving_the_socket_never_receives_the_key() {
    if !root_or_skip("an_impostor_serving_the_socket_never_receives_the_key") {
        return;
    }
    let env = Env::new();
    let _daemon = env.start_daemon();
    let key = env.admin_key();
    // A folder uid 65534 may write, where it squats on the socket path first.
    let squat = tempfile::Builder::new()
        .prefix("cgi")
        .tempdir_in("/tmp")
        .unwrap();
    std::os::unix::fs::chown(squat.path(), Some(NOBODY), Some(NOBODY)).unwrap();
    let socket = squat.path().join("cgen.sock");
    let impostor = Impostor::serve(&socket);
    let out = env
        .cgen()
        .env("CGEN_SOCKET", &socket)
        .env("CGEN_API_KEY", &key)
        .arg("status")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    assert!(stderr.contains("refusing to send credentials"), "{stderr}");
    assert!(stderr.contains("uid 65534"), "{stderr}");
    assert!(impostor.received().is_empty(), "the client said something");
    // The stored key (no CGEN_API_KEY) is not sent either.
    let out = env
        .cgen()
        .env("CGEN_SOCKET", &socket)
        .arg("whoami")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    assert!(impostor.received().is_empty());
    // A misspelt daemon user is an error that names the variable, never a reason to trust.
    let out = env
        .cgen()
        .env("CGEN_SOCKET", &socket)
        .env("CGEN_API_KEY", &key)
        .env("CGEN_DAEMON_USER", "no-such-user-cgen")
        .arg("status")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("CGEN_DAEMON_USER"), "{stderr}");
    assert!(impostor.received().is_empty());
    // A daemon user named in CGEN_DAEMON_USER is trusted: the key does go to it.
    let _ = env
        .cgen()
        .env("CGEN_SOCKET", &socket)
        .env("CGEN_API_KEY", &key)
        .env("CGEN_DAEMON_USER", "65534")
        .arg("status")
        .output()
        .unwrap();
    let sent = String::from_utf8_lossy(&impostor.received()).into_owned();
    assert!(
        sent.contains(&key),
        "a configured daemon user gets the hello: {sent}"
    );
}

#[test]
fn the_socket_for_other_users_is_0660_under_umask_022() {
    let env = Env::with_config("[auth]\nallow_other_users = true\n");
    let _daemon = env.start_daemon_with(with_umask_022);
    assert_eq!(mode(&env.socket()), 0o660);
    assert_eq!(mode(env.socket().parent().unwrap()), 0o750);
}

/// The environment of a running process, as `NAME=value` strings.
fn environment_of(pid: u64) -> Vec<String> {
    let raw = std::fs::read(format!("/proc/{pid}/environ")).unwrap();
    raw.split(|&b| b == 0)
        .map(|v| String::from_utf8_lossy(v).into_owned())
        .collect()
}

#[test]
fn an_autostarted_daemon_does_not_inherit_the_callers_credentials() {
    let env = Env::new();
    let user_key = {
        let _daemon = env.start_daemon();
        env.make_key("someone", "user")
    };
    let key_file = env.home().join("key");
    std::fs::write(&key_file, &user_key).unwrap();
    let out = outcome(
        env.cgen()
            .env_remove("CGEN_NO_AUTOSTART")
            .env("CGEN_API_KEY", &user_key)
            .env("CGEN_KEY_FILE", &key_file)
            .args(["--json", "status"]),
        None,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let pid = serde_json::from_str::<Value>(&out.stdout).unwrap()["pid"]
        .as_u64()
        .unwrap();
    let vars = environment_of(pid);
    let stop = env.run(&["daemon", "stop"]);
    assert_eq!(stop.code, 0, "{}", stop.stderr);
    assert!(vars.iter().any(|v| v.starts_with("CGEN_HOME=")), "{vars:?}");
    for var in &vars {
        assert!(
            !var.starts_with("CGEN_API_KEY=") && !var.starts_with("CGEN_KEY_FILE="),
            "the daemon inherited {var}"
        );
        assert!(
            !var.contains(&user_key),
            "the daemon holds the caller's key"
        );
    }
}

#[test]
fn request_ids_that_json_cannot_echo_exactly_are_refused() {
    let env = Env::new();
    let _daemon = env.start_daemon();
    let mut c = env.connect();
    for id in [
        "18446744073709551616",
        "1.5",
        "1e300",
        "-9223372036854775809",
    ] {
        let line = format!(r#"{{"jsonrpc":"2.0","id":{id},"method":"status"}}"#);
        c.send_raw(format!("{line}\n").as_bytes()).unwrap();
        let r = c.read_line().expect("an answer");
        assert_eq!(error_kind(&r), Some("invalid_request"), "{id}: {r}");
        assert_eq!(r["id"], Value::Null, "{id}: {r}");
    }
    // The largest exact ids still come back as sent, and the connection still serves.
    for id in [json!(u64::MAX), json!(i64::MIN), json!("a string")] {
        let line = json!({"jsonrpc": "2.0", "id": id, "method": "status"});
        c.send_raw(format!("{line}\n").as_bytes()).unwrap();
        let r = c.read_line().expect("an answer");
        assert_eq!(r["id"], id, "{r}");
        assert!(r.get("result").is_some(), "{r}");
    }
}

/// Runs `cat FILE` as uid 65534: whether another local user could read it.
fn nobody_reads(file: &Path) -> bool {
    Command::new("setpriv")
        .args([
            "--reuid",
            "65534",
            "--regid",
            "65534",
            "--clear-groups",
            "cat",
        ])
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap()
        .success()
}

/// Signs an admin session token for the session `jti` of key `sub` with `secret`.
fn forge(secret: &[u8], audience: &str, sub: &str, jti: &str) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let claims = cgen::auth::sessions::Claims {
        sub: sub.into(),
        aud: audience.into(),
        role: cgen::auth::Role::Admin,
        jti: jti.into(),
        iat: now,
        exp: now + 3600,
    };
    cgen::auth::sessions::Signer::new(secret, audience)
        .sign(&claims)
        .unwrap()
}

fn daemon_secrets(db: &Path) -> Vec<(String, Vec<u8>)> {
    let conn =
        rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let mut stmt = conn
        .prepare("SELECT name, value FROM daemon_secrets")
        .unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn backups_are_private_and_cannot_sign_a_session() {
    let env = Env::new();
    let _daemon = env.start_daemon_with(with_umask_022);
    let admin = env.admin_key();
    let made = env.run_as(&admin, &["-q", "sessions", "create"]);
    assert_eq!(made.code, 0, "{}", made.stderr);
    let me = env.json(&["whoami"]);
    let key_id = me["principal"]["key_id"].as_str().unwrap().to_string();
    let audience = me["daemon_id"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| {
            let secrets = daemon_secrets(&env.database());
            let id = secrets.iter().find(|(n, _)| n == "daemon_id").unwrap();
            String::from_utf8(id.1.clone()).unwrap()
        });

    // A backup in a folder every user may enter, and one in the default place.
    let public = tempfile::Builder::new()
        .prefix("cgb")
        .tempdir_in("/tmp")
        .unwrap();
    std::fs::set_permissions(public.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let named = public.path().join("copy.db");
    let out = env.run(&["admin", "backup", "--to", named.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let default = env.json(&["admin", "backup"]);
    let default = PathBuf::from(default["path"].as_str().unwrap());
    for backup in [&named, &default] {
        assert_eq!(mode(backup), 0o600, "{}", backup.display());
    }
    assert_eq!(mode(default.parent().unwrap()), 0o700);
    // The live database, its write-ahead log and the logs are private too, umask 022 or not.
    assert_eq!(mode(&env.database()), 0o600);
    assert_eq!(mode(env.database().parent().unwrap()), 0o700);
    for entry in std::fs::read_dir(env.home().join("state/logs")).unwrap() {
        let path = entry.unwrap().path();
        assert_eq!(mode(&path) & 0o077, 0, "{}", path.display());
    }
    if root_or_skip("reading a backup as uid 65534") {
        assert!(!nobody_reads(&named), "uid 65534 read the backup");
    }

    // The live secret signs a session the daemon accepts: that is what a backup must not hold.
    let live = daemon_secrets(&env.database());
    let (_, secret) = live
        .iter()
        .find(|(n, _)| n == cgen::store::auth::SIGNING_SECRET)
        .expect("the live database keeps the signing secret");
    let conn = rusqlite::Connection::open(&named).unwrap();
    let jti: String = conn
        .query_row("SELECT id FROM sessions LIMIT 1", [], |r| r.get(0))
        .unwrap();
    drop(conn);
    let genuine = forge(secret, &audience, &key_id, &jti);
    let r = Conn::open(&env.socket()).hello(json!({"session": genuine}));
    assert!(r.get("result").is_some(), "the control token works: {r}");

    for backup in [&named, &default] {
        let bytes = std::fs::read(backup).unwrap();
        assert!(
            !bytes.windows(secret.len()).any(|w| w == secret.as_slice()),
            "{} holds the signing secret",
            backup.display()
        );
        // Whatever the backup does hold cannot sign a session.
        for (name, value) in daemon_secrets(backup) {
            assert_ne!(name, cgen::store::auth::SIGNING_SECRET);
            let forged = forge(&value, &audience, &key_id, &jti);
            let r = Conn::open(&env.socket()).hello(json!({"session": forged}));
            assert_eq!(error_kind(&r), Some("unauthenticated"), "{name}: {r}");
        }
    }
}

#[test]
fn a_restored_backup_ends_the_sessions_made_before_it() {
    let env = Env::new();
    let daemon = env.start_daemon();
    let admin = env.admin_key();
    let token = env.run_as(&admin, &["-q", "sessions", "create"]);
    let token = token.stdout.trim().to_string();
    let backup = env.home().join("before.db");
    let out = env.run(&["admin", "backup", "--to", backup.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    drop(daemon);
    let out = env.run(&["admin", "restore", backup.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(mode(&env.database()), 0o600);
    let _daemon = env.start_daemon();
    // Keys survive the restore; sessions signed with the secret left behind do not.
    assert_eq!(env.run(&["whoami"]).code, 0);
    let r = Conn::open(&env.socket()).hello(json!({"session": token}));
    assert_eq!(error_kind(&r), Some("unauthenticated"), "{r}");
    let fresh = env.run_as(&admin, &["-q", "sessions", "create"]);
    assert_eq!(fresh.code, 0, "{}", fresh.stderr);
    let r = Conn::open(&env.socket()).hello(json!({"session": fresh.stdout.trim()}));
    assert!(r.get("result").is_some(), "{r}");
}

/// A home whose config lets `user` keys write under `<home>/public` alone, with the sample
/// knowledge base ingested and a running daemon.
fn output_env() -> (Env, crate::common::Daemon, PathBuf) {
    let env = Env::new();
    let public = env.home().join("public");
    std::fs::create_dir(&public).unwrap();
    env.write_config(&format!("[output]\nallowed_roots = [{:?}]\n", public));
    let daemon = env.start_daemon();
    let out = env.run(&[
        "ingest",
        crate::common::sample_kb().to_str().unwrap(),
        "--wait",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The admin's collection is read by other keys once it is shared.
    let out = env.run(&["collections", "share", "default"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    (env, daemon, public)
}

fn generate_as(env: &Env, key: &str, out: &Path, extra: &[&str]) -> crate::common::Outcome {
    let mut args = vec!["generate", "restic backups", "--out", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    env.run_as(key, &args)
}

#[test]
fn a_user_key_writes_articles_only_under_the_output_roots() {
    let (env, _daemon, public) = output_env();
    let user = env.make_key("writer", "user");
    // A root-only folder, the daemon's own folders, and anywhere else: refused to the user.
    let secret = env.home().join("secret");
    std::fs::create_dir(&secret).unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o700)).unwrap();
    std::os::unix::fs::symlink(&secret, public.join("link")).unwrap();
    let escapes = [
        secret.clone(),
        env.home().join("elsewhere"),
        env.home().join("state/backups"),
        public.join("link"),
        public.join("link/deeper"),
        public.join("new/../../secret"),
    ];
    for out in &escapes {
        let r = generate_as(&env, &user, out, &[]);
        assert_eq!(r.code, 4, "{}: {} {}", out.display(), r.stdout, r.stderr);
        assert!(
            r.stderr.contains("forbidden") || r.stderr.contains("may write"),
            "{}",
            r.stderr
        );
    }
    assert_eq!(
        std::fs::read_dir(&secret).unwrap().count(),
        0,
        "nothing written"
    );
    assert!(!env.home().join("elsewhere").exists());
    // A batch names its folder per line: the same limit.
    let lines = env.home().join("topics.jsonl");
    std::fs::write(
        &lines,
        format!("{{\"topic\": \"restic\", \"out\": {:?}}}\n", secret),
    )
    .unwrap();
    let r = env.run_as(
        &user,
        &[
            "batch",
            lines.to_str().unwrap(),
            "--out",
            public.to_str().unwrap(),
        ],
    );
    assert_eq!(r.code, 4, "{} {}", r.stdout, r.stderr);
    assert_eq!(std::fs::read_dir(&secret).unwrap().count(), 0);

    // Inside the root it works; the folders made are 0755 and the article 0644 although the
    // daemon's umask is 077, so whoever publishes them can read them.
    let r = generate_as(&env, &user, &public.join("blog/posts"), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let article = public.join("blog/posts/restic-backups/index.md");
    assert_eq!(mode(&article), 0o644);
    for dir in ["blog", "blog/posts", "blog/posts/restic-backups"] {
        assert_eq!(mode(&public.join(dir)), 0o755, "{dir}");
    }

    // The admin is unchanged outside the daemon's own folders, and refused inside them.
    let admin = env.admin_key();
    assert_eq!(generate_as(&env, &admin, &secret, &[]).code, 0);
    assert!(secret.join("restic-backups/index.md").is_file());
    let own = generate_as(&env, &admin, &env.home().join("data"), &[]);
    assert_eq!(own.code, 4, "{}", own.stderr);
}

#[test]
fn the_output_folder_is_checked_again_when_the_article_is_written() {
    let (env, _daemon, public) = output_env();
    let user = env.make_key("writer", "user");
    let secret = env.home().join("secret");
    std::fs::create_dir(&secret).unwrap();
    assert_eq!(env.run(&["queue", "pause"]).code, 0);
    // Accepted while the folder is still missing inside the root...
    let later = public.join("later");
    let r = generate_as(&env, &user, &later, &["--detach", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let id = serde_json::from_str::<Value>(&r.stdout).unwrap()["id"]
        .as_i64()
        .or_else(|| serde_json::from_str::<Value>(&r.stdout).unwrap()["jobs"][0]["id"].as_i64())
        .unwrap_or_else(|| panic!("a job id in {}", r.stdout));
    // ...then made a link to a folder the user may not write before the job runs.
    std::os::unix::fs::symlink(&secret, &later).unwrap();
    assert_eq!(env.run(&["queue", "resume"]).code, 0);
    let job = env.wait_job(id);
    assert_eq!(job["state"], "failed", "{job}");
    assert!(job.to_string().contains("outside the folders"), "{job}");
    assert_eq!(
        std::fs::read_dir(&secret).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn agents_run_writes_only_where_the_caller_may() {
    let (env, _daemon, _public) = output_env();
    let user = env.make_key("writer", "user");
    let secret = env.home().join("secret");
    let mut state = cgen::generate::state::GenState::default();
    state.spec.topic = "restic".into();
    state.spec.out_dir = secret.display().to_string();
    state.article.slug = "restic".into();
    state.spec.format = "md".into();
    state.document = "hello".into();
    let mut c = env.connect_with(&user);
    let r = c.call("agents.run", json!({"name": "write", "input": state}));
    assert_eq!(error_kind(&r), Some("forbidden"), "{r}");
    assert!(!secret.exists());
}

#[test]
fn the_signing_secret_older_backups_hold_is_retired_on_upgrade() {
    let env = Env::new();
    let daemon = env.start_daemon();
    let admin = env.admin_key();
    assert_eq!(env.run_as(&admin, &["-q", "sessions", "create"]).code, 0);
    let me = env.json(&["whoami"]);
    let key_id = me["principal"]["key_id"].as_str().unwrap().to_string();
    drop(daemon);
    // The database as an earlier version left it: the secret under its old name, as every
    // backup it made (0644) holds it.
    let conn = rusqlite::Connection::open(env.database()).unwrap();
    conn.execute(
        "UPDATE daemon_secrets SET name = 'session_signing_key' WHERE name = ?1",
        [cgen::store::auth::SIGNING_SECRET],
    )
    .unwrap();
    let (old, audience, jti): (Vec<u8>, String, String) = conn
        .query_row(
            "SELECT (SELECT value FROM daemon_secrets WHERE name = 'session_signing_key'),
                    (SELECT CAST(value AS TEXT) FROM daemon_secrets WHERE name = 'daemon_id'),
                    (SELECT id FROM sessions LIMIT 1)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    drop(conn);
    let _daemon = env.start_daemon();
    let forged = forge(&old, &audience, &key_id, &jti);
    let r = Conn::open(&env.socket()).hello(json!({"session": forged}));
    assert_eq!(error_kind(&r), Some("unauthenticated"), "{r}");
    assert!(
        daemon_secrets(&env.database())
            .iter()
            .all(|(n, v)| n != "session_signing_key" && v != &old),
        "the old secret is gone"
    );
}
