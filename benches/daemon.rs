//! Performance harness for the daemon, run against the release binary and a real daemon:
//!
//! ```sh
//! cargo bench --bench daemon                 # everything
//! cargo bench --bench daemon -- status       # one section: status | submit | ingest | search | generate | auth | flood | hotpath | providers | hybrid
//! CGEN_BENCH_BASELINE=/path/to/older/cgen cargo bench --bench daemon -- auth   # side by side (also status)
//! cargo build --release && cp target/release/cgen /tmp/cgen-release &&
//!     CGEN_BENCH_BIN=/tmp/cgen-release cargo bench --bench daemon -- status   # the shipped binary
//! ```
//!
//! Each section prints its figures; `docs/PERFORMANCE.md` records them with the machine. The
//! ingest and search sections use the Rust standard library's HTML documentation that the
//! toolchain ships (`$(rustc --print sysroot)/share/doc/rust/html/std`) and the Rust book.

use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cgen::client::{Client, ConnectOptions};
use cgen::paths::Paths;
use cgen::protocol;
use cgen::protocol::generate::GenerateSpec;
use cgen::protocol::jobs::{
    JobSpec, JobState, JobView, SubmitJob, SubmitParams, SubmitResult, WaitParams,
};
use cgen::protocol::kb::{IngestSpec, SearchMode, SearchParams, SearchResult};
use cgen::protocol::system::{NoParams, StatusResult};
use serde_json::{Value, json};

/// The binary under test: `CGEN_BENCH_BIN`, else the one cargo built for the bench. That one
/// is built with the features the dev-dependencies add to shared crates (regex's Unicode
/// tables, for one), so it is larger and starts slower than a `cargo build --release`: a
/// figure for the shipped binary's start (`status`) wants a copy of that one (the bench build
/// replaces `target/release/cgen`).
fn bin() -> PathBuf {
    std::env::var_os("CGEN_BENCH_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_cgen")))
}

struct Bench {
    home: tempfile::TempDir,
    bin: PathBuf,
}

impl Bench {
    fn new() -> Bench {
        Bench::start(&bin(), "")
    }

    /// A daemon of `bin` (this build, or an older one to compare with) in a fresh home.
    fn with_binary(bin: &Path) -> Bench {
        Bench::start(bin, "")
    }

    /// A daemon of this build whose config file holds `toml`.
    fn with_config(toml: &str) -> Bench {
        Bench::start(&bin(), toml)
    }

    fn start(bin: &Path, toml: &str) -> Bench {
        let home = tempfile::Builder::new()
            .prefix("cgb")
            .tempdir_in("/tmp")
            .expect("temp dir");
        // SAFETY: set before any thread of this process reads the environment. Keys go to
        // the home's 0600 file, not the machine's keyring.
        unsafe {
            std::env::set_var("CGEN_HOME", home.path());
            std::env::set_var("CGEN_KEYRING", "file");
        }
        std::fs::create_dir_all(home.path().join("config")).expect("config dir");
        std::fs::write(home.path().join("config/config.toml"), toml).expect("config");
        let b = Bench {
            home,
            bin: bin.to_path_buf(),
        };
        b.cgen(&["daemon", "start"]);
        b
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.bin);
        // `cargo bench` points LD_LIBRARY_PATH at target/ and the toolchain for the bench's own
        // libraries; inherited, it makes the loader search those folders for libc and libm
        // first (89 failed opens per process, +0.2 ms to `cgen status`). An installed cgen
        // never runs with it.
        c.args(args)
            .env("CGEN_HOME", self.home.path())
            .env_remove("LD_LIBRARY_PATH")
            .stdin(Stdio::null());
        c
    }

    fn socket(&self) -> PathBuf {
        self.home.path().join("run/cgen.sock")
    }

    /// The admin key the first command bootstrapped ("" for a build without keys).
    fn admin_key(&self) -> String {
        self.quiet(&["status"]);
        let text = std::fs::read_to_string(self.home.path().join("config/credentials.json"))
            .unwrap_or_default();
        let v: Value = serde_json::from_str(&text).unwrap_or_default();
        v["instances"][self.socket().display().to_string()]["api_key"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn cgen(&self, args: &[&str]) -> String {
        let out = self.cmd(args).output().expect("run cgen");
        assert!(
            out.status.success(),
            "cgen {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn quiet(&self, args: &[&str]) {
        let status = self
            .cmd(args)
            .stdout(Stdio::null())
            .status()
            .expect("run cgen");
        assert!(status.success(), "cgen {args:?} failed");
    }

    async fn client(&self) -> Client {
        let opts = ConnectOptions {
            paths: Paths::resolve().expect("paths"),
            autostart: cgen::client::Autostart::Never,
            config_file: None,
            key_file: None,
            profile: None,
        };
        Client::connect(&opts).await.expect("connect")
    }

    fn daemon_rss_kib(&self) -> u64 {
        let status: Value =
            serde_json::from_str(&self.cgen(&["--json", "status"])).expect("status");
        let pid = status["pid"].as_u64().expect("pid");
        let text = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        text.lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or(0)
    }
}

impl Drop for Bench {
    fn drop(&mut self) {
        let _ = self.cmd(&["daemon", "stop"]).stdout(Stdio::null()).status();
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn status_section() {
    let current = Bench::new();
    let baseline =
        std::env::var_os("CGEN_BENCH_BASELINE").map(|old| Bench::with_binary(Path::new(&old)));
    let mut builds = vec![("this build", &current)];
    if let Some(b) = &baseline {
        builds.push(("baseline", b));
    }
    for _ in 0..20 {
        builds.iter().for_each(|(_, b)| b.quiet(&["status"]));
    }
    // Interleaved, so a change in the machine's load touches every build alike. `true`, the
    // smallest process there is, shows what starting any process costs here and now: this
    // virtual machine's speed drifts by a third from hour to hour.
    let mut times = vec![Vec::new(); builds.len()];
    let mut floor = Vec::new();
    for _ in 0..300 {
        for (i, (_, b)) in builds.iter().enumerate() {
            let t = Instant::now();
            b.quiet(&["status"]);
            times[i].push(t.elapsed());
        }
        let t = Instant::now();
        let ran = Command::new("true")
            .env_remove("LD_LIBRARY_PATH")
            .status()
            .expect("run true");
        floor.push(t.elapsed());
        assert!(ran.success());
    }
    println!("status: `cgen status` as a whole process, 300 runs against a warm daemon");
    let labelled = builds.iter().map(|(label, _)| *label).chain(["`true`"]);
    for (label, mut times) in labelled.zip(times.into_iter().chain([floor])) {
        times.sort();
        println!(
            "  {label:<10} median {}  p95 {}  min {}",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95)),
            ms(times[0])
        );
    }
    if baseline.is_none() {
        println!("  (set CGEN_BENCH_BASELINE to an older cgen binary to compare)");
    }
    println!("  daemon RSS idle: {} KiB", current.daemon_rss_kib());
}

async fn submit_section() {
    let b = Bench::new();
    b.quiet(&["queue", "pause"]);
    let file = b.home.path().join("one.md");
    std::fs::write(&file, "# One\n\nA small file.\n").expect("write");
    let file = file.display().to_string();
    let n = 10_000;
    let t = Instant::now();
    for i in 0..n {
        b.quiet(&[
            "-q",
            "ingest",
            &file,
            "--collection",
            &format!("c{}", i % 7),
        ]);
    }
    let per_call = t.elapsed();
    println!(
        "submit: {n} ingest jobs, one `cgen ingest` process per job (each committed before it answers)"
    );
    println!(
        "  {:.0} jobs/s ({:.2} ms per job)",
        n as f64 / per_call.as_secs_f64(),
        per_call.as_secs_f64() * 1000.0 / n as f64
    );

    let mut c = b.client().await;
    let jobs: Vec<SubmitJob> = (0..n)
        .map(|_| SubmitJob {
            spec: JobSpec::Ingest(IngestSpec {
                sources: vec![file.clone()],
                collection: "bulk".into(),
                prune: false,
                base_url: None,
                include: Vec::new(),
                exclude: Vec::new(),
                types: Vec::new(),
            }),
            priority: 0,
            timeout_ms: None,
            idempotency_key: None,
            max_attempts: None,
        })
        .collect();
    let t = Instant::now();
    let r: SubmitResult = c
        .call::<protocol::jobs::Submit>(&SubmitParams { jobs })
        .await
        .expect("submit");
    let one = t.elapsed();
    assert_eq!(r.jobs.len(), n);
    println!("submit: {n} ingest jobs in one `jobs.submit` request (one transaction)");
    println!(
        "  {:.0} jobs/s ({} for the request)",
        n as f64 / one.as_secs_f64(),
        ms(one)
    );
}

fn docs_root() -> PathBuf {
    let out = Command::new("rustc")
        .args(["--print", "sysroot"])
        .output()
        .expect("rustc");
    PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()).join("share/doc/rust/html")
}

fn tree_bytes(dir: &Path) -> u64 {
    ignore::WalkBuilder::new(dir)
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

fn ingest_one(b: &Bench, dir: &Path, collection: &str) -> Value {
    let bytes = tree_bytes(dir);
    let t = Instant::now();
    let out = b.cgen(&[
        "--json",
        "ingest",
        &dir.display().to_string(),
        "--collection",
        collection,
        "--wait",
    ]);
    let wall = t.elapsed();
    let job: Value = serde_json::from_str(&out).expect("job");
    let mb = bytes as f64 / 1e6;
    println!(
        "ingest {}: {:.1} MB in {} files → {} documents, {} chunks, {} skipped",
        dir.file_name().unwrap_or_default().to_string_lossy(),
        mb,
        job["result"]["discovered"],
        job["result"]["ingested"],
        job["result"]["chunks"],
        job["result"]["skipped"]
    );
    println!(
        "  wall {:.2} s, {:.1} MB/s (submit to finish, release build)",
        wall.as_secs_f64(),
        mb / wall.as_secs_f64()
    );
    job
}

async fn ingest_and_search_sections(search_only: bool) {
    let b = Bench::new();
    let root = docs_root();
    let std_dir = root.join("std");
    if !std_dir.is_dir() {
        println!(
            "ingest: skipped, {} is missing (rustup component add rust-docs)",
            std_dir.display()
        );
        return;
    }
    println!("daemon RSS idle: {} KiB", b.daemon_rss_kib());
    if search_only {
        b.quiet(&[
            "ingest",
            &std_dir.display().to_string(),
            "--collection",
            "std",
            "--wait",
        ]);
    } else {
        ingest_one(&b, &std_dir, "std");
        ingest_one(&b, &root.join("book"), "book");
        println!("daemon RSS after both ingests: {} KiB", b.daemon_rss_kib());
        // Re-ingesting unchanged files only hashes and compares them.
        ingest_one(&b, &std_dir, "std");
    }
    let queries = [
        "iterator",
        "vec push",
        "hash map entry",
        "thread spawn join",
        "mutex lock poison",
        "string from utf8",
        "read to string file",
        "option unwrap or default",
        "result map err",
        "arc clone",
        "btreemap range",
        "slice sort by key",
        "duration from secs",
        "tcp listener accept",
        "process command output",
        "atomic ordering",
        "channel send receive",
        "format width precision",
        "path join extension",
        "char is alphanumeric",
    ];
    let mut c = b.client().await;
    let mut times = Vec::new();
    for round in 0..10 {
        for q in queries {
            let p = SearchParams {
                query: q.into(),
                collection: Some("std".into()),
                limit: Some(10),
                syntax: false,
                mode: Default::default(),
            };
            let t = Instant::now();
            let r: SearchResult = c.call::<protocol::kb::Search>(&p).await.expect("search");
            times.push(t.elapsed());
            if round == 0 {
                assert!(!r.hits.is_empty(), "no hits for {q}");
            }
        }
    }
    times.sort();
    println!(
        "search: {} queries (20 distinct, limit 10) over the std docs, one connection, round trip",
        times.len()
    );
    println!(
        "  p50 {}  p95 {}  max {}",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(times[times.len() - 1])
    );
    let s: StatusResult = c
        .call::<protocol::system::Status>(&NoParams {})
        .await
        .expect("status");
    println!("database size: {:.1} MB", s.store_bytes as f64 / 1e6);
}

/// One article end to end (`cgen generate` as a process, waiting for the job), many times.
fn generate_latency(b: &Bench, topic: &str, collection: &str, runs: usize) -> Vec<Duration> {
    let out = b.home.path().join("latency");
    let mut times: Vec<Duration> = (0..runs)
        .map(|i| {
            let dir = out.join(format!("{collection}-{i}"));
            let t = Instant::now();
            b.quiet(&[
                "generate",
                topic,
                "--collection",
                collection,
                "--out",
                &dir.display().to_string(),
                "--date",
                "2026-01-15",
            ]);
            t.elapsed()
        })
        .collect();
    times.sort();
    times
}

async fn generate_section() {
    let b = Bench::new();
    let kb = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kb");
    b.quiet(&[
        "ingest",
        &kb.display().to_string(),
        "--collection",
        "sample",
        "--wait",
    ]);
    let times = generate_latency(&b, "restic backups", "sample", 50);
    println!(
        "generate: one offline blog post from the sample knowledge base, `cgen generate` end to end, 50 runs"
    );
    println!(
        "  p50 {}  p95 {}",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95))
    );
    let std_dir = docs_root().join("std");
    if std_dir.is_dir() {
        b.quiet(&[
            "ingest",
            &std_dir.display().to_string(),
            "--collection",
            "std",
            "--wait",
        ]);
        let times = generate_latency(&b, "iterator adapters", "std", 20);
        println!("generate: one offline blog post from the std docs corpus, 20 runs");
        println!(
            "  p50 {}  p95 {}",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95))
        );
    }

    let topics = [
        "restic backups",
        "ssh hardening",
        "nftables firewall",
        "caddy reverse proxy",
        "journald logs",
    ];
    let out = b.home.path().join("many");
    let n = 1000;
    let jobs: Vec<SubmitJob> = (0..n)
        .map(|i| {
            submit_job(GenerateSpec {
                topic: topics[i % topics.len()].into(),
                collections: vec!["sample".into()],
                out_dir: out.join(i.to_string()).display().to_string(),
                format: "md".into(),
                date: Some("2026-01-15".into()),
                ..GenerateSpec::default()
            })
        })
        .collect();
    let mut c = b.client().await;
    let t = Instant::now();
    let r: SubmitResult = c
        .call::<protocol::jobs::Submit>(&SubmitParams { jobs })
        .await
        .expect("submit");
    let last = r.jobs.last().expect("jobs").id;
    wait_all(&mut c, &r).await;
    let wall = t.elapsed();
    println!(
        "generate: {n} articles from the sample (5 topics, one request, jobs.concurrency default), last job {last}"
    );
    println!(
        "  {:.1} articles/s ({:.2} s); daemon RSS after: {} KiB",
        n as f64 / wall.as_secs_f64(),
        wall.as_secs_f64(),
        b.daemon_rss_kib()
    );
}

/// A raw protocol connection, so the same measurement runs against any build.
struct Raw {
    reader: BufReader<UnixStream>,
    writer: UnixStream,
    next_id: u64,
}

impl Raw {
    fn hello(socket: &Path, auth: Value) -> Raw {
        let stream = UnixStream::connect(socket).expect("connect");
        let mut raw = Raw {
            reader: BufReader::new(stream.try_clone().expect("clone")),
            writer: stream,
            next_id: 0,
        };
        let mut params = json!({"protocol": 1, "client": "bench/1"});
        if !auth.is_null() {
            params["auth"] = auth;
        }
        let r = raw.call("hello", params);
        assert!(r.get("result").is_some(), "hello: {r}");
        raw
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let req = json!({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params});
        self.writer
            .write_all(format!("{req}\n").as_bytes())
            .expect("send");
        let mut line = String::new();
        self.reader.read_line(&mut line).expect("read");
        serde_json::from_str(&line).expect("json")
    }
}

fn auth_of(key: &str) -> Value {
    if key.is_empty() {
        Value::Null
    } else if key.starts_with("cgen_") {
        json!({"api_key": key})
    } else {
        json!({"session": key})
    }
}

/// Connect + `hello` latency and `status` requests per second on one connection.
fn hello_and_rate(label: &str, b: &Bench, credential: &str) {
    let socket = b.socket();
    let auth = auth_of(credential);
    for _ in 0..50 {
        Raw::hello(&socket, auth.clone());
    }
    let mut times: Vec<Duration> = (0..2000)
        .map(|_| {
            let t = Instant::now();
            Raw::hello(&socket, auth.clone());
            t.elapsed()
        })
        .collect();
    times.sort();
    let mut conn = Raw::hello(&socket, auth);
    let n = 20_000;
    let t = Instant::now();
    for _ in 0..n {
        let r = conn.call("status", json!({}));
        assert!(r.get("result").is_some(), "status: {r}");
    }
    let rate = n as f64 / t.elapsed().as_secs_f64();
    println!(
        "  {label:<28} hello median {}  p95 {}   status {:>6.0} req/s",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        rate
    );
}

fn auth_section() {
    println!("auth: connect + hello (2000 runs) and `status` on one connection (20000 calls)");
    // Quotas high enough to count every request without refusing any: the cost measured is
    // authentication and the limiter's bookkeeping.
    let b = Bench::with_config("[rate_limits]\nread = { per_second = 1000000, burst = 1000000 }\n");
    let admin = b.admin_key();
    let user = b.cgen(&["-q", "keys", "create", "bench", "--role", "user"]);
    let session = b.cgen(&["-q", "sessions", "create", "--ttl", "1h"]);
    hello_and_rate("this build, admin key", &b, &admin);
    hello_and_rate("this build, user key", &b, user.trim());
    hello_and_rate("this build, session token", &b, session.trim());
    drop(b);
    match std::env::var_os("CGEN_BENCH_BASELINE") {
        Some(old) => {
            let b = Bench::with_binary(Path::new(&old));
            hello_and_rate("baseline build, no keys", &b, &b.admin_key());
        }
        None => println!("  (set CGEN_BENCH_BASELINE to an older cgen binary to compare)"),
    }
}

/// One key floods `jobs.list` at a paced 10,000 requests/s over four connections while another
/// key's `jobs.list` latency (500 requests/s) is measured, and the same latency without the
/// flood.
fn flood_section() {
    let b = Bench::new();
    b.admin_key();
    let flood = b.cgen(&["-q", "keys", "create", "flood", "--role", "user"]);
    let calm = b.cgen(&["-q", "keys", "create", "calm", "--role", "user"]);
    let socket = b.socket();
    let measure = |key: &str| {
        let mut c = Raw::hello(&socket, auth_of(key));
        let start = Instant::now();
        let mut times: Vec<Duration> = (0..3000u32)
            .map(|i| {
                // 500 requests/s: an ordinary client, well inside its quota.
                let due = start + Duration::from_millis(2) * i;
                if let Some(wait) = due.checked_duration_since(Instant::now()) {
                    std::thread::sleep(wait);
                }
                let t = Instant::now();
                let r = c.call("jobs.list", json!({"limit": 10}));
                assert!(r.get("result").is_some(), "calm key refused: {r}");
                t.elapsed()
            })
            .collect();
        times.sort();
        times
    };
    let quiet = measure(calm.trim());
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let limited = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let flooders: Vec<_> = (0..4)
        .map(|_| {
            let (stop, sent, limited) = (stop.clone(), sent.clone(), limited.clone());
            let (socket, key) = (socket.clone(), flood.trim().to_string());
            std::thread::spawn(move || {
                let mut c = Raw::hello(&socket, auth_of(&key));
                let start = Instant::now();
                let mut n: u64 = 0;
                use std::sync::atomic::Ordering::Relaxed;
                while !stop.load(Relaxed) {
                    // 2,500 requests/s per connection.
                    let due = start + Duration::from_micros(n * 400);
                    if let Some(wait) = due.checked_duration_since(Instant::now()) {
                        std::thread::sleep(wait);
                    }
                    let r = c.call("jobs.list", json!({"limit": 10}));
                    if r.pointer("/error/data/kind").and_then(Value::as_str) == Some("rate_limited")
                    {
                        limited.fetch_add(1, Relaxed);
                    }
                    n += 1;
                    sent.fetch_add(1, Relaxed);
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let t = Instant::now();
    let sent_before = sent.load(std::sync::atomic::Ordering::Relaxed);
    let flooded = measure(calm.trim());
    let flood_rate = (sent.load(std::sync::atomic::Ordering::Relaxed) - sent_before) as f64
        / t.elapsed().as_secs_f64();
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for f in flooders {
        let _ = f.join();
    }
    println!("flood: another key's `jobs.list` (3000 calls) with and without one key flooding");
    println!(
        "  quiet:   p50 {}  p95 {}",
        ms(percentile(&quiet, 0.5)),
        ms(percentile(&quiet, 0.95))
    );
    println!(
        "  flooded: p50 {}  p95 {}   (flood {:.0} req/s achieved, {} of {} answered rate_limited)",
        ms(percentile(&flooded, 0.5)),
        ms(percentile(&flooded, 0.95)),
        flood_rate,
        limited.load(std::sync::atomic::Ordering::Relaxed),
        sent.load(std::sync::atomic::Ordering::Relaxed)
    );
}

/// Requests per second of `method` on one connection, each answered before the next is sent.
fn rate(c: &mut Raw, method: &str, n: usize) -> f64 {
    let t = Instant::now();
    for _ in 0..n {
        let r = c.call(method, json!({}));
        assert!(r.get("result").is_some(), "{method}: {r}");
    }
    n as f64 / t.elapsed().as_secs_f64()
}

/// Scrapes the Prometheus listener at `port` from a thread of its own until `stop`, as a
/// Prometheus server would (but every 100 ms rather than every 15 s, to make its cost visible);
/// returns the number of scrapes.
fn scrape_until(
    port: u16,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
) -> std::thread::JoinHandle<usize> {
    use std::io::{Read, Write};
    std::thread::spawn(move || {
        let mut scrapes = 0;
        while !stop.load(std::sync::atomic::Ordering::Relaxed) {
            if let Ok(mut s) = std::net::TcpStream::connect(("127.0.0.1", port)) {
                let _ =
                    s.write_all(b"GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                let mut body = Vec::new();
                let _ = s.read_to_end(&mut body);
                scrapes += 1;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        scrapes
    })
}

/// `status` and `jobs.list` requests per second on two daemons side by side: one with the
/// Prometheus listener on and scraped, one with it off. Rounds alternate between them so
/// that load from elsewhere on the machine falls on both alike.
fn hotpath_section() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let on = Bench::with_config(&format!("[metrics]\nlisten = \"127.0.0.1:{port}\"\n"));
    let off = Bench::with_config("[features]\nmetrics_listener = false\n");
    // Fifty queued jobs for `jobs.list` to return (its default page), none running.
    for b in [&on, &off] {
        b.quiet(&["queue", "pause"]);
        let file = b.home.path().join("one.md");
        std::fs::write(&file, "# One\n\nA small file.\n").expect("write");
        for i in 0..50 {
            b.quiet(&[
                "-q",
                "ingest",
                file.to_str().unwrap(),
                "--collection",
                &format!("c{i}"),
            ]);
        }
    }
    let connect = |b: &Bench| Raw::hello(&b.socket(), auth_of(&b.admin_key()));
    let (mut c_on, mut c_off) = (connect(&on), connect(&off));
    let n = 5_000;
    let rounds = 5;
    let mut figures: Vec<(&str, &str, Vec<f64>)> = Vec::new();
    for method in ["status", "jobs.list"] {
        rate(&mut c_on, method, 500);
        rate(&mut c_off, method, 500);
        let (mut with, mut without) = (Vec::new(), Vec::new());
        for _ in 0..rounds {
            let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
            let scraper = scrape_until(port, stop.clone());
            with.push(rate(&mut c_on, method, n));
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            assert!(
                scraper.join().expect("scraper") > 0,
                "the listener answered"
            );
            without.push(rate(&mut c_off, method, n));
        }
        figures.push((method, "listener on, scraped every 100 ms", with));
        figures.push((method, "listener off", without));
    }
    println!(
        "hotpath: requests per second on one connection, {n} per round, {rounds} rounds \
         alternating between the two daemons (median, min–max)"
    );
    for (method, setting, mut rates) in figures {
        rates.sort_by(f64::total_cmp);
        println!(
            "  {method:<9} {setting:<34} {:>7.0} req/s  ({:.0}–{:.0})",
            rates[rates.len() / 2],
            rates[0],
            rates[rates.len() - 1]
        );
    }
}

/// A fake OpenAI-compatible provider: every request is answered after `latency`, a chat call
/// with the same short SSE stream, an embeddings call with one 768-dimension vector per input
/// (hashed from its bytes). One thread per connection, as a real provider's many workers would.
fn fake_provider(latency: Duration) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            std::thread::spawn(move || {
                let mut reader = BufReader::new(conn.try_clone().expect("clone"));
                loop {
                    // One request: headers, then the body its content-length says.
                    let mut length = 0usize;
                    let mut request_line = String::new();
                    loop {
                        let mut line = String::new();
                        if reader.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        if line == "\r\n" {
                            break;
                        }
                        if request_line.is_empty() {
                            request_line = line.clone();
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            length = v.trim().parse().unwrap_or(0);
                        }
                    }
                    let mut body = vec![0u8; length];
                    if std::io::Read::read_exact(&mut reader, &mut body).is_err() {
                        return;
                    }
                    std::thread::sleep(latency);
                    if request_line.contains("/embeddings") {
                        let asked: Value = serde_json::from_slice(&body).unwrap_or_default();
                        let data: Vec<Value> = asked["input"]
                            .as_array()
                            .into_iter()
                            .flatten()
                            .enumerate()
                            .map(|(i, t)| {
                                let seed = t.as_str().unwrap_or("").len() as f32;
                                let v: Vec<f32> =
                                    (0..768).map(|d| ((d as f32 + seed) * 0.37).sin()).collect();
                                json!({"index": i, "embedding": v})
                            })
                            .collect();
                        let answer = json!({"data": data}).to_string();
                        let reply = format!(
                            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{answer}",
                            answer.len()
                        );
                        if conn.write_all(reply.as_bytes()).is_err() {
                            return;
                        }
                        continue;
                    }
                    let text = "Restic keeps encrypted snapshots of your files in a repository, \
                        and each backup stores only new data, so repeated runs stay small.";
                    let events = format!(
                        "data: {}\n\ndata: {}\n\ndata: [DONE]\n\n",
                        json!({"choices": [{"delta": {"content": text}, "finish_reason": "stop"}]}),
                        json!({"choices": [], "usage": {"prompt_tokens": 500, "completion_tokens": 30}})
                    );
                    let reply = format!(
                        "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\ncontent-length: {}\r\n\r\n{events}",
                        events.len()
                    );
                    if conn.write_all(reply.as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    url
}

/// `kb.search` over a synthetic corpus, BM25 against hybrid with an embedding provider that
/// answers at once: what the query's embedding round trip and the vector scan add.
async fn hybrid_section() {
    // SAFETY: set before this section starts any thread; the daemon inherits it.
    unsafe { std::env::set_var("OPENAI_API_KEY", "sk-bench") };
    let url = fake_provider(Duration::ZERO);
    let config = format!(
        "[providers.fake]\nkind = \"openai\"\nbase_url = \"{url}/v1\"\nmodel = \"m\"\n\
         embedding_model = \"e\"\n\n[kb]\nembeddings = \"fake\"\n"
    );
    let b = Bench::with_config(&config);
    let corpus = b.home.path().join("notes");
    std::fs::create_dir_all(&corpus).expect("corpus");
    for i in 0..2000 {
        let body = format!(
            "# Note {i}\n\nBackups of host {i} run nightly; restores are tested weekly, item {i}.\n"
        );
        std::fs::write(corpus.join(format!("note-{i:04}.md")), body).expect("note");
    }
    let t = Instant::now();
    let out = b.cgen(&["--json", "ingest", &corpus.display().to_string(), "--wait"]);
    let job: Value = serde_json::from_str(&out).expect("job");
    println!(
        "hybrid: ingest of {} chunks with 768-dim embeddings: {:.2} s ({} embedded)",
        job["result"]["chunks"],
        t.elapsed().as_secs_f64(),
        job["result"]["embedded"]
    );
    let mut c = b.client().await;
    for mode in [SearchMode::Bm25, SearchMode::Hybrid] {
        let mut times = Vec::new();
        for i in 0..200 {
            let p = SearchParams {
                query: format!("restores of host {i}"),
                collection: None,
                limit: Some(10),
                syntax: false,
                mode,
            };
            let t = Instant::now();
            let r: SearchResult = c.call::<protocol::kb::Search>(&p).await.expect("search");
            times.push(t.elapsed());
            assert_eq!(r.mode, mode, "{:?}", r.fallback);
        }
        times.sort();
        println!(
            "  search {}: 200 queries, limit 10, round trip p50 {}  p95 {}",
            mode.as_str(),
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95))
        );
    }
}

/// 1,000 generations with a provider answering each call after 1 s, 100 at a time, against the
/// ideal (calls per article × 1 s × 1,000 / 100); then the client's own cost per call against
/// a provider that answers at once.
async fn providers_section() {
    // SAFETY: set before this section starts any thread; the daemon inherits it (an OpenAI
    // provider without a secret would be skipped, and every article written offline).
    unsafe { std::env::set_var("OPENAI_API_KEY", "sk-bench") };
    let url = fake_provider(Duration::from_secs(1));
    let config = format!(
        "[jobs]\nconcurrency = 100\ngenerate_concurrency = 100\n\n[providers.fake]\nkind = \"openai\"\nbase_url = \"{url}/v1\"\nmodel = \"m\"\n"
    );
    let b = Bench::with_config(&config);
    let kb = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/kb");
    b.quiet(&[
        "ingest",
        &kb.display().to_string(),
        "--collection",
        "sample",
        "--wait",
    ]);
    let out = b.home.path().join("llm");
    let spec = |i: usize| GenerateSpec {
        topic: "restic backups".into(),
        collections: vec!["sample".into()],
        out_dir: out.join(i.to_string()).display().to_string(),
        format: "md".into(),
        date: Some("2026-01-15".into()),
        provider: Some("fake".into()),
        no_cache: true,
        ..GenerateSpec::default()
    };
    // One article alone first: how many calls an article makes.
    let mut c = b.client().await;
    let one: SubmitResult = c
        .call::<protocol::jobs::Submit>(&SubmitParams {
            jobs: vec![submit_job(spec(0))],
        })
        .await
        .expect("submit");
    let t = Instant::now();
    wait_all(&mut c, &one).await;
    let per_article = t.elapsed().as_secs_f64().round();
    let n = 1000;
    let jobs: Vec<SubmitJob> = (1..=n).map(|i| submit_job(spec(i))).collect();
    let t = Instant::now();
    let r: SubmitResult = c
        .call::<protocol::jobs::Submit>(&SubmitParams { jobs })
        .await
        .expect("submit");
    wait_all(&mut c, &r).await;
    let wall = t.elapsed().as_secs_f64();
    let ideal = per_article * n as f64 / 100.0;
    println!(
        "providers: {n} generations, a fake provider answering each call after 1 s, 100 at a time"
    );
    println!(
        "  one article alone {per_article:.0} s (its calls one after another); {n} took {wall:.1} s, ideal {ideal:.0} s ({:+.1} %); daemon RSS after: {} KiB",
        (wall / ideal - 1.0) * 100.0,
        b.daemon_rss_kib()
    );
    drop(b);

    let url = fake_provider(Duration::ZERO);
    let settings: cgen::providers::settings::ProviderSettings = toml::from_str(&format!(
        "kind = \"openai\"\nbase_url = \"{url}/v1\"\nmodel = \"m\"\n"
    ))
    .expect("settings");
    let provider = std::sync::Arc::new(
        cgen::providers::Provider::new("fake", settings, None).expect("provider"),
    );
    let request = cgen::providers::wire::ChatRequest {
        messages: vec![cgen::providers::wire::Message {
            role: cgen::providers::wire::Speaker::User,
            content: "Say something.".into(),
        }],
        ..Default::default()
    };
    let calls = 5000;
    let t = Instant::now();
    for _ in 0..calls {
        provider
            .complete(None, &request, &mut cgen::providers::Quiet)
            .await
            .expect("call");
    }
    let rate = calls as f64 / t.elapsed().as_secs_f64();
    println!(
        "  overhead: {rate:.0} calls/s, {:.3} ms per call, one after another against a provider answering at once",
        1000.0 / rate
    );
}

/// Waits for every submitted job; each must succeed.
async fn wait_all(c: &mut Client, submitted: &SubmitResult) {
    for j in &submitted.jobs {
        let params = WaitParams {
            id: j.id,
            timeout_ms: None,
        };
        let job: JobView = c.call::<protocol::jobs::Wait>(&params).await.expect("wait");
        assert_eq!(
            job.state,
            JobState::Succeeded,
            "job {}: {:?}",
            j.id,
            job.error
        );
    }
}

fn submit_job(spec: GenerateSpec) -> SubmitJob {
    SubmitJob {
        spec: JobSpec::Generate(Box::new(spec)),
        priority: 0,
        timeout_ms: None,
        idempotency_key: None,
        max_attempts: None,
    }
}

fn main() {
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wants = |name: &str| filter.is_empty() || filter.iter().any(|f| f == name);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    if wants("status") {
        status_section();
    }
    if wants("submit") {
        rt.block_on(submit_section());
    }
    if wants("generate") {
        rt.block_on(generate_section());
    }
    if wants("auth") {
        auth_section();
    }
    if wants("flood") {
        flood_section();
    }
    if wants("hotpath") {
        hotpath_section();
    }
    if wants("providers") {
        rt.block_on(providers_section());
    }
    if wants("hybrid") {
        rt.block_on(hybrid_section());
    }
    if wants("ingest") {
        rt.block_on(ingest_and_search_sections(false));
    } else if wants("search") {
        rt.block_on(ingest_and_search_sections(true));
    }
}
