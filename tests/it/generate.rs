//! Generation end to end through the real CLI and daemon: offline articles from the sample
//! knowledge base, determinism, layouts and formats, overwrite protection, auto-topic, the
//! stage and template commands, the quality report, bad input, resuming a generation at the
//! next stage after the daemon is killed mid-workflow, and jobs running with what their spec
//! resolved to at submit (or resolving it themselves when queued before that was stored).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::common::{self, Env, Outcome, sample_kb};
use serde_json::{Value, json};

fn ingest_sample(env: &Env) {
    let out = env.run(&["ingest", sample_kb().to_str().unwrap(), "--wait"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

fn generate(env: &Env, args: &[&str]) -> Outcome {
    let mut all = vec!["generate"];
    all.extend_from_slice(args);
    env.run(&all)
}

/// The front matter of a Markdown article as JSON.
fn front_matter(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap();
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---\n").expect("end of front matter");
    serde_norway::from_str(&rest[..end]).unwrap()
}

#[test]
fn an_offline_blog_post_from_the_sample_is_complete_and_deterministic() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let (a, b) = (env.home().join("a"), env.home().join("b"));
    for dir in [&a, &b] {
        let out = generate(
            &env,
            &[
                "restic backups",
                "--date",
                "2026-01-15",
                "--out",
                dir.to_str().unwrap(),
            ],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(out.stdout.contains("wrote "), "{}", out.stdout);
    }
    let article = a.join("restic-backups/index.md");
    let text = std::fs::read_to_string(&article).unwrap();
    assert_eq!(
        text,
        std::fs::read_to_string(b.join("restic-backups/index.md")).unwrap(),
        "same inputs, same bytes"
    );
    let fm = front_matter(&article);
    for key in [
        "title",
        "seo_title",
        "description",
        "date",
        "slug",
        "tags",
        "keywords",
        "author",
        "draft",
        "sources",
    ] {
        assert!(!fm[key].is_null(), "front matter lacks {key}: {fm}");
    }
    assert_eq!(fm["date"], "2026-01-15");
    assert!(fm["seo_title"].as_str().unwrap().chars().count() <= 60);
    assert!(fm["description"].as_str().unwrap().chars().count() <= 160);
    assert!(!fm["sources"].as_array().unwrap().is_empty());
    assert!(text.matches("\n## ").count() >= 3, "{text}");
    assert!(text.contains("[^1]"), "citations: {text}");
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(a.join("restic-backups/manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(manifest["workflow"], "blog");
    // Every stage but the write itself, which writes the manifest.
    assert_eq!(manifest["stages"].as_array().unwrap().len(), 12);
    assert_eq!(manifest["provider"], "offline");
    assert_eq!(manifest["retrieval"], "bm25");
}

#[test]
fn from_ingests_first_so_one_command_writes_an_article() {
    let env = Env::new();
    let _d = env.start_daemon();
    let out_dir = env.home().join("out");
    let out = generate(
        &env,
        &[
            "ssh hardening",
            "--from",
            sample_kb().to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
            "--layout",
            "flat",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out_dir.join("ssh-hardening.md").is_file());
    assert!(out_dir.join("ssh-hardening.manifest.json").is_file());
}

#[test]
fn an_existing_article_is_kept_unless_forced_and_then_backed_up() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let out_dir = env.home().join("out");
    let dir = out_dir.to_str().unwrap();
    assert_eq!(generate(&env, &["firewall rules", "--out", dir]).code, 0);
    let again = generate(&env, &["firewall rules", "--out", dir]);
    assert_eq!(again.code, 6);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    assert_eq!(
        generate(&env, &["firewall rules", "--out", dir, "--force"]).code,
        0
    );
    assert!(out_dir.join("firewall-rules/index.md.prev").is_file());
}

#[test]
fn html_is_sanitized_and_json_carries_the_fields() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let out_dir = env.home().join("out");
    let dir = out_dir.to_str().unwrap();
    assert_eq!(
        generate(
            &env,
            &["caddy reverse proxy", "--out", dir, "--format", "html"]
        )
        .code,
        0
    );
    let html = std::fs::read_to_string(out_dir.join("caddy-reverse-proxy/index.html")).unwrap();
    assert!(
        html.contains("<title>") && !html.contains("<script"),
        "{html}"
    );
    assert_eq!(
        generate(
            &env,
            &[
                "journald logs",
                "--out",
                dir,
                "--format",
                "json",
                "--layout",
                "flat"
            ]
        )
        .code,
        0
    );
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("journald-logs.json")).unwrap())
            .unwrap();
    assert_eq!(json["slug"], "journald-logs");
    assert!(json["body_markdown"].as_str().unwrap().contains("## "));
}

#[test]
fn too_little_material_is_a_clear_failure_not_a_thin_article() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let out_dir = env.home().join("out");
    let out = generate(
        &env,
        &[
            "quantum chromodynamics lattice",
            "--out",
            out_dir.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 6);
    assert!(out.stderr.contains("not enough material"), "{}", out.stderr);
    assert!(!out_dir.join("quantum-chromodynamics-lattice").exists());
}

#[test]
fn auto_topic_writes_the_best_covered_unwritten_topic() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let topics = env.json(&["topics", "--limit", "5"]);
    let first = topics["topics"][0]["topic"].as_str().unwrap().to_string();
    let out_dir = env.home().join("out");
    let out = env.run(&[
        "--json",
        "generate",
        "--auto-topic",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let job: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(job["result"]["topic"].as_str().unwrap(), first);
    let topics = env.json(&["topics", "--limit", "5"]);
    let written = topics["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["topic"] == first.as_str())
        .unwrap();
    assert_eq!(written["written"], true);
}

#[test]
fn stages_workflows_and_templates_are_listable_and_runnable() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let workflows = env.json(&["workflows", "list"]);
    assert_eq!(workflows["workflows"].as_array().unwrap().len(), 9);
    let agents = env.json(&["agents", "list"]);
    assert_eq!(agents["agents"].as_array().unwrap().len(), 13);
    let input = env.home().join("state.json");
    std::fs::write(
        &input,
        r#"{"spec": {"topic": "restic snapshots", "out_dir": "/tmp", "format": "md"}}"#,
    )
    .unwrap();
    let state = env.json(&[
        "agents",
        "run",
        "retrieve",
        "--input",
        input.to_str().unwrap(),
    ]);
    assert!(!state["passages"].as_array().unwrap().is_empty(), "{state}");
    let rendered = env.run(&["templates", "render", "blog"]);
    assert_eq!(rendered.code, 0, "{}", rendered.stderr);
    assert!(
        rendered.stdout.contains("## A Section"),
        "{}",
        rendered.stdout
    );
}

#[test]
fn bad_generation_input_gets_a_clear_error() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let out_dir = env.home().join("out");
    let dir = out_dir.to_str().unwrap();
    let empty = generate(&env, &["  ", "--out", dir]);
    assert_eq!(empty.code, 2, "{}", empty.stderr);
    let long = "x".repeat(10_000);
    assert_eq!(generate(&env, &[&long, "--out", dir]).code, 2);
    // A name that does not exist is not found (exit 3), with what does.
    let unknown = generate(&env, &["restic", "--out", dir, "--workflow", "nope"]);
    assert_eq!(unknown.code, 3, "{}", unknown.stderr);
    assert!(unknown.stderr.contains("available"), "{}", unknown.stderr);
    let no_template = generate(&env, &["restic", "--out", dir, "--template", "nope"]);
    assert_eq!(no_template.code, 3, "{}", no_template.stderr);
    assert_eq!(
        generate(&env, &["restic", "--out", dir, "--var", "novalue"]).code,
        2
    );
    // A template with a syntax error is refused with its line.
    let bad = env.home().join("bad.md.j2");
    std::fs::write(&bad, "line one\n{% for x in %}\n").unwrap();
    let added = env.run(&["templates", "add", bad.to_str().unwrap()]);
    assert_eq!(added.code, 2, "{}", added.stderr);
    assert!(added.stderr.contains("line 2"), "{}", added.stderr);
    // A template that never ends is stopped by its fuel limit; the daemon carries on.
    let looping = env.home().join("looping.md.j2");
    std::fs::write(
        &looping,
        "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    )
    .unwrap();
    assert_eq!(
        env.run(&["templates", "add", looping.to_str().unwrap()])
            .code,
        0
    );
    let hung = generate(&env, &["restic", "--out", dir, "--template", "looping"]);
    assert_eq!(hung.code, 6, "{}", hung.stderr);
    // An output folder that cannot be created.
    let file = env.home().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let blocked = generate(
        &env,
        &["restic", "--out", file.join("sub").to_str().unwrap()],
    );
    assert_eq!(blocked.code, 6, "{}", blocked.stderr);
    // A topic that looks like a path stays inside the output folder.
    assert_eq!(generate(&env, &["../../etc/restic", "--out", dir]).code, 0);
    assert!(out_dir.join("etc-restic/index.md").is_file());
    assert_eq!(env.run(&["status"]).code, 0);
}

#[test]
fn an_empty_knowledge_base_or_an_unknown_stage_is_refused_clearly() {
    let env = Env::new();
    let _d = env.start_daemon();
    let out_dir = env.home().join("out");
    let out = generate(
        &env,
        &["restic backups", "--out", out_dir.to_str().unwrap()],
    );
    assert_eq!(out.code, 6);
    assert!(out.stderr.contains("not enough material"), "{}", out.stderr);
    let input = env.home().join("state.json");
    std::fs::write(&input, "{}").unwrap();
    // A stage that writes gets the same bounds as a submitted job: no relative output folder.
    let relative = env.home().join("relative.json");
    std::fs::write(
        &relative,
        r#"{"spec": {"topic": "restic", "out_dir": "out", "format": "md"}}"#,
    )
    .unwrap();
    let refused = env.run(&[
        "agents",
        "run",
        "write",
        "--input",
        relative.to_str().unwrap(),
    ]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("input.spec.out_dir"),
        "{}",
        refused.stderr
    );
    let unknown = env.run(&["agents", "run", "nope", "--input", input.to_str().unwrap()]);
    assert_eq!(unknown.code, 3, "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("retrieve"),
        "lists the stages: {}",
        unknown.stderr
    );
    let bad_tone = env.home().join("tone.toml");
    std::fs::write(&bad_tone, "reading_level = \"easy\"\n").unwrap();
    let out = generate(
        &env,
        &[
            "restic",
            "--out",
            out_dir.to_str().unwrap(),
            "--tone",
            bad_tone.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("reading_level"), "{}", out.stderr);
}

#[test]
fn a_tone_profile_bounds_the_parts_it_names() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let tone = env.home().join("tone.toml");
    std::fs::write(&tone, "[section_words]\nintroduction = [10, 30]\n").unwrap();
    let out_dir = env.home().join("out");
    let out = env.run(&[
        "--json",
        "generate",
        "restic backups",
        "--out",
        out_dir.to_str().unwrap(),
        "--tone",
        tone.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(out_dir.join("restic-backups/index.md")).unwrap();
    let body = text.splitn(3, "---\n").nth(2).unwrap();
    let intro = body.split("\n## ").next().unwrap();
    let words = intro.split_whitespace().count();
    assert!(words <= 30 + 6, "introduction of {words} words: {intro}");
}

#[test]
fn the_quality_report_checks_any_markdown_file() {
    let env = Env::new();
    let _d = env.start_daemon();
    let bare = env.home().join("bare.md");
    std::fs::write(&bare, "no front matter\n\n```\nunclosed\n").unwrap();
    let out = env.run(&["--json", "quality", bare.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let failed: Vec<&str> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["passed"] == false)
        .filter_map(|c| c["name"].as_str())
        .collect();
    assert!(
        failed.contains(&"front_matter") && failed.contains(&"code_fences"),
        "{failed:?}"
    );
}

/// Starts a daemon, submits a generation with a user workflow `slow` (a pause after each
/// stage) and kills the daemon once the outline stage is done. Returns the job's id and the
/// workflow's file.
fn generation_killed_after_outline(env: &Env) -> (i64, PathBuf) {
    // A workflow that pauses after each stage, so the kill lands between two of them.
    let workflows = env.home().join("config/workflows");
    std::fs::create_dir_all(&workflows).unwrap();
    let blog = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/generate/workflows/blog.toml"),
    )
    .unwrap();
    std::fs::write(
        workflows.join("slow.toml"),
        blog.replace("[params]", "[params]\npause_ms = 400"),
    )
    .unwrap();
    let daemon = env.start_daemon();
    ingest_sample(env);
    let out_dir = env.home().join("out");
    let out = env.run(&[
        "--json",
        "generate",
        "restic backups",
        "--workflow",
        "slow",
        "--detach",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let id = serde_json::from_str::<Value>(&out.stdout).unwrap()["jobs"][0]["id"]
        .as_i64()
        .unwrap();
    let start = Instant::now();
    loop {
        let log = env.run(&[
            "--json",
            "jobs",
            "watch",
            &id.to_string(),
            "--timeout",
            "1ms",
        ]);
        if log.stdout.contains("stage outline done") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "outline never finished: {}",
            log.stdout
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    daemon.kill9();
    (id, workflows.join("slow.toml"))
}

#[test]
fn a_generation_killed_between_stages_resumes_at_the_next_stage() {
    let env = Env::new();
    let (id, _) = generation_killed_after_outline(&env);
    let _daemon = env.start_daemon();
    let job = env.wait_job(id);
    assert_eq!(job["state"], "succeeded", "{job}");
    let log = env
        .run(&["--json", "jobs", "watch", &id.to_string()])
        .stdout;
    assert!(log.contains("resuming after"), "{log}");
    // Each stage ran once: the finished ones were not redone after the restart.
    assert_eq!(log.matches("stage retrieve done").count(), 1, "{log}");
    assert_eq!(log.matches("stage write done").count(), 1, "{log}");
}

#[test]
fn a_resumed_generation_keeps_what_its_spec_resolved_to_at_submit() {
    let env = Env::new();
    let (id, workflow) = generation_killed_after_outline(&env);
    std::fs::remove_file(workflow).unwrap();
    let _daemon = env.start_daemon();
    let job = env.wait_job(id);
    assert_eq!(job["state"], "succeeded", "{job}");
    assert_eq!(job["result"]["workflow"], "slow", "{job}");
}

#[test]
fn a_batch_is_a_parent_job_with_a_child_per_topic() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let out_dir = env.home().join("out");
    let file = env.home().join("topics.txt");
    std::fs::write(&file, "# nightly batch\nrestic backups\nssh hardening\n{\"topic\": \"nftables firewall\", \"layout\": \"flat\"}\n").unwrap();
    let out = env.run(&[
        "batch",
        file.to_str().unwrap(),
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.matches("wrote ").count(), 3, "{}", out.stdout);
    assert!(out_dir.join("nftables-firewall.md").is_file());
    let parents = env.json(&["jobs", "list", "--kind", "batch"]);
    let parent = parents["jobs"][0]["id"].as_i64().unwrap();
    let shown = env.json(&["jobs", "show", &parent.to_string()]);
    assert_eq!(shown["children"]["total"], 3, "{shown}");
    assert_eq!(shown["children"]["succeeded"], 3, "{shown}");
    // For people too, counted by state, and each child says what it wrote.
    let text = env.run(&["jobs", "show", &parent.to_string()]).stdout;
    assert!(text.contains("  children "), "{text}");
    assert!(text.contains("3: 3 succeeded"), "{text}");
    assert!(text.contains("nftables firewall"), "{text}");
    let child = env.json(&["jobs", "list", "--kind", "generate"])["jobs"][0]["id"]
        .as_i64()
        .unwrap();
    let text = env.run(&["jobs", "show", &child.to_string()]).stdout;
    for label in ["topic", "workflow", "output", "article", "quality", "batch"] {
        assert!(
            text.lines()
                .any(|l| l.trim_start().starts_with(&format!("{label} "))),
            "no {label}: {text}"
        );
    }
}

#[test]
fn out_dash_prints_the_article_to_stdout_and_writes_no_file() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let dir = env.home().join("files");
    let args = ["restic backups", "--date", "2026-01-15"];
    let filed = generate(
        &env,
        &[&args[..], &["--out", dir.to_str().unwrap()]].concat(),
    );
    assert_eq!(filed.code, 0, "{}", filed.stderr);
    let on_disk = std::fs::read_to_string(dir.join("restic-backups/index.md")).unwrap();

    let cwd = env.home().join("cwd");
    std::fs::create_dir_all(&cwd).unwrap();
    let printed = common::outcome(
        env.cgen().current_dir(&cwd).args([
            "generate",
            "restic backups",
            "--date",
            "2026-01-15",
            "--out",
            "-",
        ]),
        None,
    );
    assert_eq!(printed.code, 0, "{}", printed.stderr);
    assert_eq!(
        printed.stdout, on_disk,
        "stdout is the article, byte for byte"
    );
    assert!(printed.stderr.contains("quality: "), "{}", printed.stderr);
    assert_eq!(
        std::fs::read_dir(&cwd).unwrap().count(),
        0,
        "no file written"
    );
    let id = env.json(&["jobs", "list", "--kind", "generate"])["jobs"][0]["id"]
        .as_i64()
        .unwrap();
    let shown = env.run(&["jobs", "show", &id.to_string()]).stdout;
    assert!(shown.contains("standard output"), "{shown}");

    // Only an article kept for stdout is handed over, and only to a key that sees the job.
    let mut admin = env.connect();
    let file_job = id - 1;
    let r = admin.call("jobs.output", serde_json::json!({"id": file_job}));
    assert_eq!(common::error_kind(&r), Some("invalid_params"), "{r}");
    let r = admin.call("jobs.output", serde_json::json!({"id": id}));
    assert_eq!(r["result"]["text"].as_str(), Some(on_disk.as_str()));
    let user = env.make_key("u", "user");
    let r = env
        .connect_with(&user)
        .call("jobs.output", serde_json::json!({"id": id}));
    assert_eq!(common::error_kind(&r), Some("not_found"), "{r}");

    let batch = env.home().join("topics.txt");
    std::fs::write(&batch, "restic backups\n").unwrap();
    let out = env.run(&["batch", batch.to_str().unwrap(), "--out", "-"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}

#[test]
fn strict_fails_the_job_when_the_quality_report_fails() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    // No real text reads at grade 1: the readability check must fail.
    let tone = env.home().join("strict.toml");
    std::fs::write(&tone, "reading_level = 1\n").unwrap();
    let out_dir = env.home().join("out");
    let dir = out_dir.to_str().unwrap();
    let lenient = generate(
        &env,
        &[
            "restic backups",
            "--out",
            dir,
            "--tone",
            tone.to_str().unwrap(),
        ],
    );
    assert_eq!(lenient.code, 0, "{}", lenient.stderr);
    assert!(
        lenient.stdout.contains("quality: failed"),
        "{}",
        lenient.stdout
    );
    let strict = generate(
        &env,
        &[
            "ssh hardening",
            "--out",
            dir,
            "--tone",
            tone.to_str().unwrap(),
            "--strict",
        ],
    );
    assert_eq!(strict.code, 6);
    assert!(
        strict.stderr.contains("quality report failed") && strict.stderr.contains("readability"),
        "{}",
        strict.stderr
    );
    assert!(
        !out_dir.join("ssh-hardening").exists(),
        "a failed strict job writes nothing"
    );
}

#[test]
fn the_article_history_lists_shows_and_searches_what_each_key_wrote() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let dir = env.home().join("out");
    let filed = generate(&env, &["restic backups", "--out", dir.to_str().unwrap()]);
    assert_eq!(filed.code, 0, "{}", filed.stderr);
    let printed = generate(&env, &["ssh hardening", "--out", "-"]);
    assert_eq!(printed.code, 0, "{}", printed.stderr);

    let list = env.run(&["articles", "list"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    let rows: Vec<&str> = list.stdout.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{}", list.stdout);
    assert!(
        rows[0].contains("(standard output)"),
        "newest first: {}",
        list.stdout
    );
    assert!(
        rows[1].contains("restic-backups/index.md"),
        "{}",
        list.stdout
    );
    assert!(
        rows.iter().all(|r| r.contains("offline")),
        "{}",
        list.stdout
    );

    let found = env.json(&["articles", "search", "Restic"]);
    let found = found["articles"].as_array().unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0]["topic"], "restic backups");
    assert!(found[0]["quality"] == "passed" || found[0]["quality"] == "failed");
    let id = found[0]["id"].as_i64().unwrap().to_string();
    let job = found[0]["job_id"].as_i64().unwrap().to_string();
    let show = env.run(&["articles", "show", &id]);
    for label in ["title", "topic", "path", "written", "quality", "provider"] {
        assert!(
            show.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(&format!("{label} "))),
            "no {label}: {}",
            show.stdout
        );
    }
    let nothing = env.json(&["articles", "search", "kubernetes"]);
    assert_eq!(nothing["articles"].as_array().unwrap().len(), 0);
    // Every word must match, and they need no quotes.
    let both = env.json(&["articles", "search", "ssh", "hardening"]);
    assert_eq!(both["articles"].as_array().unwrap().len(), 1, "{both}");
    let neither = env.json(&["articles", "search", "ssh", "restic"]);
    assert_eq!(
        neither["articles"].as_array().unwrap().len(),
        0,
        "{neither}"
    );
    assert_eq!(env.run(&["articles", "search", "!!!"]).code, 2);

    // The history outlives the job that made the article.
    assert_eq!(env.run(&["jobs", "rm", &job]).code, 0);
    assert_eq!(env.run(&["articles", "show", &id]).code, 0);

    // A user key sees only what was written for it, as with jobs.
    let user = env.make_key("u", "user");
    let theirs = env.run_as(&user, &["--json", "articles", "list"]);
    let v: Value = serde_json::from_str(&theirs.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 0, "{v}");
    assert_eq!(env.run_as(&user, &["articles", "show", &id]).code, 3);
    let searched = env.run_as(&user, &["--json", "articles", "search", "restic"]);
    let v: Value = serde_json::from_str(&searched.stdout).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 0, "{v}");
}

/// A user workflow `name`: the built-in blog under another name. Returns its file.
fn own_workflow(env: &Env, name: &str) -> PathBuf {
    let dir = env.home().join("config/workflows");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.toml"));
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/generate/workflows/blog.toml"),
        &file,
    )
    .unwrap();
    file
}

/// Submits a generation and a batch of one with workflow `mine`; returns their ids.
fn submit_with_mine(env: &Env) -> (i64, i64) {
    let out_dir = env.home().join("out").display().to_string();
    let item = |topic: &str| json!({"topic": topic, "workflow": "mine", "out_dir": out_dir, "format": "md"});
    let jobs = json!([
        {"spec": {"kind": "generate", "params": item("restic backups")}},
        {"spec": {"kind": "batch", "params": {"items": [item("ssh hardening")]}}},
    ]);
    let r = env.connect().call("jobs.submit", json!({ "jobs": jobs }));
    let id = |i: usize| {
        r["result"]["jobs"][i]["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("{r}"))
    };
    (id(0), id(1))
}

/// The generation and the batch's child succeed, both written with workflow `mine`.
fn assert_written_with_mine(env: &Env, (generate, batch): (i64, i64)) {
    let batch = env.wait_job(batch);
    assert_eq!(batch["state"], "succeeded", "{batch}");
    let child = batch["result"]["children"][0].as_i64().unwrap();
    for id in [generate, child] {
        let job = env.wait_job(id);
        assert_eq!(job["state"], "succeeded", "{job}");
        assert_eq!(job["result"]["workflow"], "mine", "{job}");
    }
}

#[test]
fn a_queued_generation_runs_with_what_its_spec_resolved_to_at_submit() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let workflow = own_workflow(&env, "mine");
    env.json(&["queue", "pause"]);
    let ids = submit_with_mine(&env);
    // The workflow goes away once the jobs are queued: they keep what was checked.
    std::fs::remove_file(workflow).unwrap();
    env.json(&["queue", "resume"]);
    assert_written_with_mine(&env, ids);
}

#[test]
fn a_generation_queued_before_specs_were_resolved_at_submit_resolves_its_own() {
    let env = Env::new();
    let d = env.start_daemon();
    ingest_sample(&env);
    own_workflow(&env, "mine");
    env.json(&["queue", "pause"]);
    let ids = submit_with_mine(&env);
    let (status, _) = d.terminate();
    assert!(status.success());
    // The jobs as a version that stored no resolved spec left them.
    let conn = rusqlite::Connection::open(env.database()).unwrap();
    let cleared = conn
        .execute(
            "UPDATE jobs SET resolved = NULL WHERE resolved IS NOT NULL",
            [],
        )
        .unwrap();
    assert_eq!(cleared, 2);
    drop(conn);
    let _d = env.start_daemon();
    env.json(&["queue", "resume"]);
    assert_written_with_mine(&env, ids);
}
