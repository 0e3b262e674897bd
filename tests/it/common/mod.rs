//! Test fixtures: a private cgen home per test, the real `cgen` binary, a real daemon process
//! on a real socket, a raw line-oriented socket client for protocol-level tests, and (in
//! `fake_http`) the fake HTTP server that stands in for every upstream.

pub mod fake_http;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// A cgen home folder with its own config, database and socket.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        // Short paths: a Unix socket path must stay under 108 bytes.
        let dir = tempfile::Builder::new()
            .prefix("cg")
            .tempdir_in("/tmp")
            .expect("temp dir");
        Env { dir }
    }

    /// A home whose config file holds `toml`.
    pub fn with_config(toml: &str) -> Env {
        let env = Env::new();
        env.write_config(toml);
        env
    }

    pub fn write_config(&self, toml: &str) {
        let config = self.home().join("config");
        std::fs::create_dir_all(&config).unwrap();
        std::fs::write(config.join("config.toml"), toml).unwrap();
    }

    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    pub fn socket(&self) -> PathBuf {
        self.home().join("run/cgen.sock")
    }

    pub fn database(&self) -> PathBuf {
        self.home().join("data/cgen.db")
    }

    /// The `cgen` binary with this home; autostart off unless a test turns it on.
    pub fn cgen(&self) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_cgen"));
        cmd.env("CGEN_HOME", self.home())
            .env("CGEN_NO_AUTOSTART", "1")
            .env_remove("CGEN_SOCKET")
            .env_remove("CGEN_CONFIG")
            .env_remove("CGEN_LOG")
            .env_remove("CGEN_API_KEY")
            .env_remove("CGEN_KEY_FILE")
            // Keys go to the home's 0600 file, not the machine's keyring; the keyring has
            // tests of its own.
            .env("CGEN_KEYRING", "file")
            .env("NO_COLOR", "1");
        cmd
    }

    /// Runs `cgen ARGS` to completion.
    pub fn run(&self, args: &[&str]) -> Outcome {
        outcome(self.cgen().args(args), None)
    }

    /// Runs `cgen ARGS` to completion with `input` on its stdin.
    pub fn run_with_stdin(&self, args: &[&str], input: &str) -> Outcome {
        outcome(self.cgen().args(args), Some(input))
    }

    /// Runs `cgen ARGS` to completion as the holder of `key` (`CGEN_API_KEY`).
    pub fn run_as(&self, key: &str, args: &[&str]) -> Outcome {
        outcome(self.cgen().env("CGEN_API_KEY", key).args(args), None)
    }

    /// Runs `cgen --json ARGS`, expects success, and parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.run(&all);
        assert_eq!(out.code, 0, "cgen {args:?} failed: {}", out.stderr);
        serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", out.stdout))
    }

    /// Starts `cgen daemon` in the foreground as a child process and waits for its socket.
    pub fn start_daemon(&self) -> Daemon {
        self.start_daemon_with(|_| {})
    }

    /// Like `start_daemon`, with more arguments, environment or limits set by `setup`.
    pub fn start_daemon_with(&self, setup: impl FnOnce(&mut Command)) -> Daemon {
        let mut cmd = self.cgen();
        setup(&mut cmd);
        cmd.arg("daemon")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        Daemon::spawn(cmd, self.socket())
    }

    /// A raw protocol connection that has already said hello, as the local owner's admin key.
    pub fn connect(&self) -> Conn {
        self.connect_with(&self.admin_key())
    }

    /// A raw connection that said hello with this API key.
    pub fn connect_with(&self, key: &str) -> Conn {
        let mut c = Conn::open(&self.socket());
        let r = c.hello(json!({"api_key": key}));
        assert!(r.get("result").is_some(), "hello failed: {r}");
        c
    }

    /// The admin key the first command of this home bootstrapped (running one if needed).
    pub fn admin_key(&self) -> String {
        if let Some(key) = self.saved_key() {
            return key;
        }
        let out = self.run(&["whoami"]);
        assert_eq!(out.code, 0, "bootstrap failed: {}", out.stderr);
        self.saved_key().expect("the bootstrap kept a key")
    }

    fn saved_key(&self) -> Option<String> {
        let text = std::fs::read_to_string(self.home().join("config/credentials.json")).ok()?;
        let v: Value = serde_json::from_str(&text).ok()?;
        v["instances"][self.socket().display().to_string()]["api_key"]
            .as_str()
            .map(str::to_string)
    }

    /// Makes a key with `role` through the CLI (as the admin) and returns its secret.
    pub fn make_key(&self, name: &str, role: &str) -> String {
        self.admin_key();
        let out = self.run(&["-q", "keys", "create", name, "--role", role]);
        assert_eq!(out.code, 0, "keys create: {}", out.stderr);
        out.stdout.trim().to_string()
    }

    /// Polls `cgen jobs show ID` until the job reaches a final state.
    pub fn wait_job(&self, id: i64) -> Value {
        let out = self.run(&[
            "--json",
            "jobs",
            "wait",
            &id.to_string(),
            "--timeout",
            "60s",
        ]);
        serde_json::from_str(&out.stdout)
            .unwrap_or_else(|_| panic!("wait {id}: {} {}", out.stdout, out.stderr))
    }
}

/// How long one `cgen` command may run in a test. A command that hangs is killed, and its test
/// fails saying which command and what it printed, instead of stalling the whole run.
const COMMAND_LIMIT: Duration = Duration::from_secs(120);

/// Runs `cmd` (a `cgen` command) to completion, with `input` on its stdin if given.
pub fn outcome(cmd: &mut Command, input: Option<&str>) -> Outcome {
    let stdin = if input.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    };
    let mut child = cmd
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run cgen");
    let pid = child.id() as i32;
    let (finished, done) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        let expired = matches!(
            done.recv_timeout(COMMAND_LIMIT),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout)
        );
        if expired {
            // SAFETY: signalling our own child, which has not been waited for yet.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        expired
    });
    // Written once the watchdog runs: a command that never reads would otherwise block the
    // write past any limit.
    if let (Some(input), Some(mut pipe)) = (input, child.stdin.take()) {
        // A command that exits before reading all of it closes the pipe: not the test's error.
        let _ = pipe.write_all(input.as_bytes());
    }
    let out = child.wait_with_output().expect("wait for cgen");
    drop(finished);
    if watchdog.join().unwrap_or(false) {
        panic!(
            "{cmd:?} did not finish within {COMMAND_LIMIT:?}; it printed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Outcome {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub struct Outcome {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A daemon process; stopped with SIGTERM (and waited for) when dropped.
pub struct Daemon {
    pub child: Option<Child>,
    socket: PathBuf,
    /// What the daemon wrote to stderr so far. A thread drains the pipe as it fills: a daemon
    /// that logs more than a pipe holds (64 KiB) would otherwise block in its next write.
    stderr: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    drain: Option<std::thread::JoinHandle<()>>,
}

impl Daemon {
    /// Runs `cmd` (a `cgen daemon` command) and waits for its socket.
    fn spawn(mut cmd: Command, socket: PathBuf) -> Daemon {
        let mut child = cmd.spawn().expect("spawn daemon");
        let stderr = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let drain = child.stderr.take().map(|mut pipe| {
            let kept = stderr.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 8192];
                while let Ok(n) = std::io::Read::read(&mut pipe, &mut buf) {
                    if n == 0 {
                        break;
                    }
                    kept.lock().unwrap().extend_from_slice(&buf[..n]);
                }
            })
        });
        let mut daemon = Daemon {
            child: Some(child),
            socket,
            stderr,
            drain,
        };
        daemon.wait_ready();
        daemon
    }

    /// Everything the daemon wrote to stderr, once it has exited (the pipe is then closed).
    fn stderr_after_exit(&mut self) -> String {
        if let Some(drain) = self.drain.take() {
            let _ = drain.join();
        }
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }

    pub fn pid(&self) -> u32 {
        self.child.as_ref().map(Child::id).unwrap_or(0)
    }

    fn wait_ready(&mut self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            if UnixStream::connect(&self.socket).is_ok() {
                return;
            }
            if let Some(child) = self.child.as_mut()
                && let Ok(Some(status)) = child.try_wait()
            {
                panic!(
                    "daemon exited at start ({status}): {}",
                    self.stderr_after_exit()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("daemon did not open {}", self.socket.display());
    }

    /// SIGKILL: a crash, with no chance to clean up.
    pub fn kill9(mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// SIGTERM and wait; returns the exit status and what the daemon wrote to stderr.
    pub fn terminate(mut self) -> (std::process::ExitStatus, String) {
        let mut child = self.child.take().expect("running");
        // SAFETY: sending a signal to our own child process.
        unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
        let status = wait_timeout(&mut child, Duration::from_secs(30));
        (status, self.stderr_after_exit())
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SAFETY: as above.
            unsafe { libc::kill(child.id() as i32, libc::SIGTERM) };
            let _ = wait_timeout(&mut child, Duration::from_secs(20));
        }
    }
}

fn wait_timeout(child: &mut Child, limit: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            return child.wait().expect("wait");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A raw connection speaking newline-delimited JSON.
pub struct Conn {
    reader: BufReader<UnixStream>,
    writer: UnixStream,
    next_id: i64,
}

impl Conn {
    pub fn open(socket: &Path) -> Conn {
        let stream = UnixStream::connect(socket).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        Conn {
            reader: BufReader::new(stream.try_clone().unwrap()),
            writer: stream,
            next_id: 0,
        }
    }

    /// Sends raw bytes (a line or not).
    pub fn send_raw(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        self.writer.write_all(bytes)?;
        self.writer.flush()
    }

    /// Reads one line; `None` when the daemon closed the connection.
    pub fn read_line(&mut self) -> Option<Value> {
        let mut line = String::new();
        match self.reader.read_line(&mut line) {
            Ok(0) | Err(_) => None,
            Ok(_) => Some(
                serde_json::from_str(&line)
                    .unwrap_or_else(|e| panic!("bad line from daemon ({e}): {line}")),
            ),
        }
    }

    /// Sends `hello` with these credentials (`null` for none).
    pub fn hello(&mut self, auth: Value) -> Value {
        let mut params = json!({"protocol": 1, "client": "test/1"});
        if !auth.is_null() {
            params["auth"] = auth;
        }
        self.call("hello", params)
    }

    /// Sends a request for a method the daemon serves and returns the response, skipping
    /// notifications. The name must be in the method table (or be `hello`): a test still
    /// naming a renamed method fails here, saying so, rather than on a puzzling
    /// `method_not_found`. Params stay raw JSON, so tests can send bad ones on purpose.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        use cgen::protocol::Method;
        assert!(
            method == cgen::protocol::Hello::NAME || cgen::daemon::methods::find(method).is_some(),
            "`{method}` is not a method of the daemon's table (call_raw sends any name)"
        );
        self.call_raw(method, params)
    }

    /// Sends a request for any method name, known or not (the bad-input tests).
    pub fn call_raw(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let req = json!({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params});
        self.send_raw(format!("{req}\n").as_bytes()).expect("send");
        loop {
            let msg = self.read_line().expect("daemon closed the connection");
            if msg.get("method").is_none() {
                return msg;
            }
        }
    }

    /// True when the daemon has closed this connection.
    pub fn is_closed(&mut self) -> bool {
        self.read_line().is_none()
    }
}

/// The error kind of a response, if it is an error.
pub fn error_kind(response: &Value) -> Option<&str> {
    response.pointer("/error/data/kind").and_then(Value::as_str)
}

/// The bundled sample knowledge base.
pub fn sample_kb() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kb")
}

/// Writes `count` small Markdown files into `dir`, each with a unique word.
pub fn write_corpus(dir: &Path, count: usize) {
    std::fs::create_dir_all(dir).unwrap();
    // Every note's text is its own (its folder and number run through it): an ingest stores
    // a near duplicate of a stored document once, and these stand for distinct documents.
    let folder = dir.file_name().unwrap_or_default().to_string_lossy();
    for i in 0..count {
        let details: String = (0..20)
            .map(|k| {
                format!("Snapshot {k} of {folder} note {i} keeps older versions so mistake {k}x{i} can be undone. ")
            })
            .collect();
        let body = format!(
            "# Note {i}\n\nThis note explains backups and restores, item marker{i}.\n\n## Details\n\n{details}\n"
        );
        std::fs::write(dir.join(format!("note-{i:04}.md")), body).unwrap();
    }
}

/// A TCP port nothing listens on right now: for an address that must refuse connections, or
/// one a daemon's config names before the daemon binds it (its metrics listener). A test that
/// serves HTTP itself binds port 0 through `fake_http` instead.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Polls `probe` until it holds; fails the test with `what` after 20 s.
pub fn eventually(what: &str, mut probe: impl FnMut() -> bool) {
    let start = Instant::now();
    while !probe() {
        assert!(start.elapsed() < Duration::from_secs(20), "never: {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}
