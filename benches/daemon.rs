//! Performance harness for the daemon, run against the release binary and a real daemon:
//!
//! ```sh
//! cargo bench --bench daemon                 # everything
//! cargo bench --bench daemon -- status       # one section: status | submit | ingest | search | generate
//! ```
//!
//! Each section prints its figures; `docs/PERFORMANCE.md` records them with the machine. The
//! ingest and search sections use the Rust standard library's HTML documentation that the
//! toolchain ships (`$(rustc --print sysroot)/share/doc/rust/html/std`) and the Rust book.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use cgen::client::{Client, ConnectOptions};
use cgen::config::Paths;
use cgen::protocol::generate::GenerateSpec;
use cgen::protocol::jobs::{
    JobSpec, JobState, JobView, SubmitJob, SubmitParams, SubmitResult, WaitParams,
};
use cgen::protocol::kb::{IngestSpec, SearchParams, SearchResult};
use cgen::protocol::system::{NoParams, StatusResult};
use serde_json::Value;

const BIN: &str = env!("CARGO_BIN_EXE_cgen");

struct Bench {
    home: tempfile::TempDir,
}

impl Bench {
    fn new() -> Bench {
        let home = tempfile::Builder::new()
            .prefix("cgb")
            .tempdir_in("/tmp")
            .expect("temp dir");
        // SAFETY: set before any thread of this process reads the environment.
        unsafe { std::env::set_var("CGEN_HOME", home.path()) };
        let b = Bench { home };
        b.cgen(&["daemon", "start"]);
        b
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .env("CGEN_HOME", self.home.path())
            .stdin(Stdio::null());
        c
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
            autostart: false,
            config_file: None,
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
    let b = Bench::new();
    for _ in 0..20 {
        b.quiet(&["status"]);
    }
    let mut times: Vec<Duration> = (0..300)
        .map(|_| {
            let t = Instant::now();
            b.quiet(&["status"]);
            t.elapsed()
        })
        .collect();
    times.sort();
    println!("status: `cgen status` as a whole process, 300 runs against a warm daemon");
    println!(
        "  median {}  p95 {}  min {}",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(times[0])
    );
    println!("  daemon RSS idle: {} KiB", b.daemon_rss_kib());
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
            }),
            priority: 0,
            timeout_ms: None,
            idempotency_key: None,
            max_attempts: None,
        })
        .collect();
    let t = Instant::now();
    let r: SubmitResult = c
        .call("jobs.submit", &SubmitParams { jobs })
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
            };
            let t = Instant::now();
            let r: SearchResult = c.call("kb.search", &p).await.expect("search");
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
    let s: StatusResult = c.call("status", &NoParams {}).await.expect("status");
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
        .map(|i| SubmitJob {
            spec: JobSpec::Generate(GenerateSpec {
                topic: topics[i % topics.len()].into(),
                collections: vec!["sample".into()],
                out_dir: out.join(i.to_string()).display().to_string(),
                format: "md".into(),
                date: Some("2026-01-15".into()),
                ..GenerateSpec::default()
            }),
            priority: 0,
            timeout_ms: None,
            idempotency_key: None,
            max_attempts: None,
        })
        .collect();
    let mut c = b.client().await;
    let t = Instant::now();
    let r: SubmitResult = c
        .call("jobs.submit", &SubmitParams { jobs })
        .await
        .expect("submit");
    let last = r.jobs.last().expect("jobs").id;
    for j in &r.jobs {
        let job: JobView = c
            .call(
                "jobs.wait",
                &WaitParams {
                    id: j.id,
                    timeout_ms: None,
                },
            )
            .await
            .expect("wait");
        assert_eq!(
            job.state,
            JobState::Succeeded,
            "job {} failed: {:?}",
            j.id,
            job.error
        );
    }
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
    if wants("ingest") {
        rt.block_on(ingest_and_search_sections(false));
    } else if wants("search") {
        rt.block_on(ingest_and_search_sections(true));
    }
}
