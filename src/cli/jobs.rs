//! `cgen jobs ...` and `cgen queue ...`, and following a job to its end (shared with
//! `cgen ingest --wait`): the exit code comes from the job.

use std::io::IsTerminal;
use std::time::Duration;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use serde_json::{Value, json};

use super::output::{Layout, escape_controls};
use super::{CmdResult, Context, Exit, Failure, Output, parse_duration};
use crate::client::Client;
use crate::protocol::jobs::{
    JobEvent, JobId, JobKind, JobState, JobView, ListParams, ListResult, QueueStatus, WaitParams,
};
use crate::protocol::system::NoParams;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum JobsCommand {
    /// List jobs, newest first.
    List {
        #[arg(long, value_parser = parse_state)]
        state: Option<JobState>,
        #[arg(long, value_parser = parse_kind)]
        kind: Option<JobKind>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Show one job with its result or error.
    Show { id: i64 },
    /// Wait for a job to finish; the exit code says how it ended (0 succeeded, 6 failed or
    /// cancelled, 8 timed out).
    Wait {
        id: i64,
        /// Give up after this long (30s, 5m, 1h).
        #[arg(long, value_parser = parse_duration)]
        timeout: Option<Duration>,
    },
    /// Follow a job's events live until it finishes (exit codes as for wait).
    Watch {
        id: i64,
        /// Stop following after this long (30s, 5m, 1h).
        #[arg(long, value_parser = parse_duration)]
        timeout: Option<Duration>,
    },
    /// Cancel a queued, paused or running job.
    Cancel { id: i64 },
    /// Queue a failed or cancelled job again.
    Retry { id: i64 },
    /// Remove a finished job and its events.
    Rm { id: i64 },
    /// The daemon's log lines written while the job ran.
    Logs { id: i64 },
    /// Hold a queued job.
    Pause { id: i64 },
    /// Release a held job.
    Resume { id: i64 },
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum QueueCommand {
    /// Stop starting new jobs (running ones finish). Survives daemon restarts.
    Pause,
    /// Start jobs again.
    Resume,
    /// Queue depth and running jobs by kind.
    Status,
}

fn parse_state(s: &str) -> Result<JobState, String> {
    JobState::parse(s).ok_or_else(|| {
        let all: Vec<_> = JobState::ALL.iter().map(|s| s.as_str()).collect();
        format!("unknown state; one of {}", all.join(", "))
    })
}

fn parse_kind(s: &str) -> Result<JobKind, String> {
    JobKind::parse(s).ok_or_else(|| {
        let all: Vec<_> = JobKind::ALL.iter().map(|s| s.as_str()).collect();
        format!("unknown kind; one of {}", all.join(", "))
    })
}

pub async fn run(ctx: &Context, command: JobsCommand) -> CmdResult {
    let mut client = ctx.connect().await?;
    let out = ctx.out;
    match command {
        JobsCommand::List { state, kind, limit } => {
            let r: ListResult = client
                .call(
                    "jobs.list",
                    &ListParams {
                        state,
                        kind,
                        limit: Some(limit),
                    },
                )
                .await?;
            print_list(out, &r.jobs);
        }
        JobsCommand::Show { id } => {
            let job: JobView = client.call("jobs.get", &JobId { id }).await?;
            print_job(out, &job);
        }
        JobsCommand::Wait { id, timeout } => {
            return follow(&mut client, out, id, false, timeout).await;
        }
        JobsCommand::Watch { id, timeout } => {
            return follow(&mut client, out, id, true, timeout).await;
        }
        JobsCommand::Cancel { id } => steer(&mut client, out, "jobs.cancel", id).await?,
        JobsCommand::Retry { id } => steer(&mut client, out, "jobs.retry", id).await?,
        JobsCommand::Pause { id } => steer(&mut client, out, "jobs.pause", id).await?,
        JobsCommand::Resume { id } => steer(&mut client, out, "jobs.resume", id).await?,
        JobsCommand::Logs { id } => {
            let r: Value = client.call("jobs.logs", &JobId { id }).await?;
            let lines = r["lines"].as_array().cloned().unwrap_or_default();
            for line in &lines {
                if out.json {
                    out.ndjson(line);
                } else {
                    let field = |k: &str| line[k].as_str().unwrap_or("").to_string();
                    out.line(&format!(
                        "{} {:<5} {}",
                        field("timestamp"),
                        field("level"),
                        field("message")
                    ));
                }
            }
        }
        JobsCommand::Rm { id } => {
            let r: Value = client.call("jobs.rm", &JobId { id }).await?;
            emit(out, &r, id, &format!("removed job {id}"));
        }
    }
    Ok(())
}

pub async fn queue(ctx: &Context, command: QueueCommand) -> CmdResult {
    let mut client = ctx.connect().await?;
    let method = match command {
        QueueCommand::Pause => "queue.pause",
        QueueCommand::Resume => "queue.resume",
        QueueCommand::Status => "queue.status",
    };
    let status: QueueStatus = client.call(method, &NoParams {}).await?;
    if ctx.out.json {
        ctx.out.json(&status);
        return Ok(());
    }
    ctx.out.line(&format!(
        "queue {}: {} queued, {} running, {} held (concurrency {})",
        if status.paused { "paused" } else { "running" },
        status.queued,
        status.running,
        status.paused_jobs,
        status.concurrency
    ));
    for k in &status.by_kind {
        ctx.out.line(&format!(
            "  {:<8} {} queued, {} running (limit {})",
            k.kind.as_str(),
            k.queued,
            k.running,
            k.limit
        ));
    }
    Ok(())
}

/// Prints JSON, the id alone (`-q`) or a sentence.
fn emit<T: serde::Serialize>(out: Output, value: &T, id: i64, sentence: &str) {
    if out.json {
        out.json(value);
    } else if out.quiet {
        out.line(&id.to_string());
    } else {
        out.line(sentence);
    }
}

async fn steer(client: &mut Client, out: Output, method: &str, id: i64) -> CmdResult {
    let job: JobView = client.call(method, &JobId { id }).await?;
    emit(
        out,
        &job,
        id,
        &format!("job {id} is {}", job.state.as_str()),
    );
    Ok(())
}

fn print_list(out: Output, jobs: &[JobView]) {
    if out.json {
        out.json(&json!({ "jobs": jobs }));
    } else if out.quiet {
        jobs.iter().for_each(|j| out.line(&j.id.to_string()));
    } else {
        let rows: Vec<Vec<String>> = jobs
            .iter()
            .map(|j| {
                vec![
                    j.id.to_string(),
                    j.kind.as_str().into(),
                    j.state.as_str().into(),
                    j.priority.to_string(),
                    format!("{}/{}", j.attempts, j.max_attempts),
                    j.created_at.clone(),
                ]
            })
            .collect();
        out.table(&["ID", "KIND", "STATE", "PRIO", "TRIES", "CREATED"], &rows);
    }
}

pub fn print_job(out: Output, job: &JobView) {
    if out.json {
        out.json(job);
        return;
    }
    if out.quiet {
        out.line(&job.id.to_string());
        return;
    }
    let mut text = format!(
        "job {}  {}  {}\n  attempts: {}/{}  priority: {}  correlation: {}\n  created: {}\n",
        job.id,
        job.kind.as_str(),
        job.state.as_str(),
        job.attempts,
        job.max_attempts,
        job.priority,
        job.correlation_id,
        job.created_at
    );
    for (label, value) in [
        ("started", &job.started_at),
        ("finished", &job.finished_at),
        ("not before", &job.run_after),
    ] {
        if let Some(v) = value {
            text.push_str(&format!("  {label}: {v}\n"));
        }
    }
    if let Ok(spec) = serde_json::to_string(&job.spec) {
        text.push_str(&format!("  spec: {spec}\n"));
    }
    if let Some(e) = &job.error {
        text.push_str(&format!("  error ({}): {}\n", e.kind, e.message));
    }
    if let Some(r) = &job.result {
        text.push_str(&format!("  result: {r}\n"));
    }
    out.text(&text);
}

/// Follows a job to its end, showing events when `watch`; the exit code follows the job.
pub async fn follow(
    client: &mut Client,
    out: Output,
    id: i64,
    watch: bool,
    timeout: Option<Duration>,
) -> CmdResult {
    follow_listing(client, out, id, watch, timeout, true).await
}

/// As `follow`; with `list_skips` false an ingest's skipped sources are left to the caller
/// (`ingest --explain` lists them all after).
pub async fn follow_listing(
    client: &mut Client,
    out: Output,
    id: i64,
    watch: bool,
    timeout: Option<Duration>,
    list_skips: bool,
) -> CmdResult {
    let params = WaitParams {
        id,
        timeout_ms: timeout.map(|t| t.as_millis() as u64),
    };
    let mut view = EventView::new(out, watch);
    let call = async {
        if watch {
            client
                .call_with_events("jobs.watch", &params, |e| view.show(e))
                .await
        } else {
            client.call("jobs.wait", &params).await
        }
    };
    let job: JobView = tokio::select! {
        r = call => r?,
        _ = tokio::signal::ctrl_c() => {
            return Err(Failure::new(Exit::Interrupted, format!("interrupted; job {id} goes on in the daemon")));
        }
    };
    view.finish();
    let skips_shown = list_skips.then_some(view.skips_shown);
    if out.json {
        if watch {
            out.ndjson(&job)
        } else {
            out.json(&job)
        }
    } else if out.quiet {
        out.line(&job.id.to_string());
    } else {
        print_outcome(out, &job, skips_shown);
    }
    match job.state {
        JobState::Succeeded => Ok(()),
        _ => {
            let why = job
                .error
                .as_ref()
                .map(|e| e.message.clone())
                .unwrap_or_default();
            Err(Failure::new(
                Exit::JobFailed,
                format!("job {id} {}: {why}", job.state.as_str()),
            ))
        }
    }
}

/// Skipped sources an ingest lists as it runs or when it ends; the rest are counted, and
/// `--explain` lists them all.
const SHOWN_SKIPS: usize = 10;

/// The job's last line; for an ingest, the skipped sources not already shown while it ran
/// (`skips_shown` of them were; None: the caller lists them), ending with how many more
/// there are.
fn print_outcome(out: Output, job: &JobView, skips_shown: Option<usize>) {
    if let Some(line) = job
        .result
        .as_ref()
        .and_then(super::generate::describe_result)
    {
        out.line(&line);
        return;
    }
    let mut line = format!("job {} {}", job.id, job.state.as_str());
    if let Some(r) = &job.result
        && r.get("ingested").is_some()
    {
        line.push_str(&format!(
            ": {} ingested, {} unchanged, {} skipped, {} chunks",
            r["ingested"], r["unchanged"], r["skipped"], r["chunks"]
        ));
        let skips = r["skipped_sources"].as_array().cloned().unwrap_or_default();
        let listed = match skips_shown {
            // The caller lists them all: nothing to list or count here.
            None => usize::MAX,
            Some(shown) if shown > 0 => shown,
            Some(_) => {
                for s in skips.iter().take(SHOWN_SKIPS) {
                    line.push_str(&format!(
                        "\n  skipped {}: {}",
                        s["source"].as_str().unwrap_or("?"),
                        s["reason"].as_str().unwrap_or("?")
                    ));
                }
                skips.len().min(SHOWN_SKIPS)
            }
        };
        let total = r["skipped"].as_u64().unwrap_or(skips.len() as u64) as usize;
        if total > listed {
            line.push_str(&format!(
                "\n  and {} more (`--explain` lists them)",
                total - listed
            ));
        }
    }
    out.line(&line);
}

/// Shows a job's events: NDJSON, a progress bar on a terminal, or plain lines.
struct EventView {
    out: Output,
    watch: bool,
    bar: Option<ProgressBar>,
    /// The model's answer so far, while `token` events arrive.
    answer: String,
    /// Skipped-source warnings printed above the bar; past `SHOWN_SKIPS` they are counted
    /// at the end instead, so a large skip list does not scroll the progress away.
    skips_shown: usize,
}

/// Characters of a growing answer shown beside the progress bar.
const ANSWER_TAIL: usize = 60;

impl EventView {
    fn new(out: Output, watch: bool) -> Self {
        let bar =
            (watch && !out.json && !out.quiet && std::io::stderr().is_terminal()).then(|| {
                let bar = ProgressBar::new(0);
                if let Ok(style) =
                    ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
                {
                    bar.set_style(style.progress_chars("=> "));
                }
                bar
            });
        EventView {
            out,
            watch,
            bar,
            answer: String::new(),
            skips_shown: 0,
        }
    }

    fn show(&mut self, raw: Value) {
        if !self.watch {
            return;
        }
        if self.out.json {
            self.out.ndjson(&raw);
            return;
        }
        let Ok(event) = serde_json::from_value::<JobEvent>(raw) else {
            return;
        };
        if self.out.quiet {
            return;
        }
        if event.kind == "token" {
            self.show_token(&event);
            return;
        }
        if !self.answer.is_empty() {
            self.answer.clear();
            if self.bar.is_none() {
                self.out.text("\n");
            }
        }
        match &self.bar {
            Some(bar) => {
                if let Some(d) = &event.data
                    && let (Some(done), Some(total)) = (d["done"].as_u64(), d["total"].as_u64())
                {
                    bar.set_length(total);
                    bar.set_position(done);
                }
                let message = escape_controls(&event.message, Layout::Escape).into_owned();
                let skip = event.kind == "warning" && event.message.starts_with("skipped ");
                if event.kind == "progress" {
                    bar.set_message(message);
                } else if !skip {
                    bar.println(format!("{} {message}", event.kind));
                } else if self.skips_shown < SHOWN_SKIPS {
                    // Above the bar, as a line of its own: the bar keeps the progress.
                    self.skips_shown += 1;
                    bar.println(format!("  {message}"));
                }
            }
            None => self
                .out
                .line(&format!("{} {:<8} {}", event.at, event.kind, event.message)),
        }
    }

    /// A piece of a model's answer: written as it comes, or its tail beside the bar.
    fn show_token(&mut self, event: &JobEvent) {
        let restart = event.data.as_ref().is_some_and(|d| d["restart"] == true);
        if restart && !self.answer.is_empty() {
            self.answer.clear();
            if self.bar.is_none() {
                self.out
                    .text("\n[the provider failed mid-answer; starting over]\n");
            }
        }
        self.answer.push_str(&event.message);
        match &self.bar {
            Some(bar) => {
                let flat = self.answer.replace('\n', " ");
                let skip = flat.chars().count().saturating_sub(ANSWER_TAIL);
                let tail = flat.chars().skip(skip).collect::<String>();
                bar.set_message(escape_controls(&tail, Layout::Escape).into_owned());
            }
            None => self.out.text(&event.message),
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
