//! `cgen jobs ...` and `cgen queue ...`, and following a job to its end (shared with
//! `cgen ingest --wait`): the exit code comes from the job.

use std::io::IsTerminal;
use std::time::Duration;

use clap::Subcommand;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use serde_json::Value;

use super::clock::Clock;
use super::job_view;
use super::output::{Layout, clip, escape_controls};
use super::render::{Page, Render, Said, Timed};
use super::{CmdResult, Context, Exit, Failure, Output, parse_duration};
use crate::client::Client;
use crate::protocol;
use crate::protocol::generate::GenerateSpec;
use crate::protocol::jobs::{
    JobEvent, JobEventKind, JobId, JobKind, JobOutcome, JobSpec, JobState, JobView, ListParams,
    ListResult, QueueStatus, WaitParams,
};
use crate::protocol::system::NoParams;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum JobsCommand {
    /// List jobs, newest first: what each is, how it stands, and why a failed one failed.
    List {
        /// Only jobs in this state (queued, running, paused, succeeded, failed, cancelled).
        #[arg(long, value_parser = parse_state)]
        state: Option<JobState>,
        /// Only jobs of this kind (ingest, generate, batch).
        #[arg(long, value_parser = parse_kind)]
        kind: Option<JobKind>,
        /// Show at most this many jobs (1 to 1000).
        #[arg(long, short = 'n', default_value_t = 50)]
        limit: u32,
        /// Show times as UTC timestamps instead of "3 min ago".
        #[arg(long)]
        utc: bool,
    },
    /// Show one job: what it was asked to do, how it stands, and what it made.
    Show {
        id: i64,
        /// Show times as UTC timestamps instead of "3 min ago".
        #[arg(long)]
        utc: bool,
    },
    /// Wait for a job to finish (your latest when no id is given); the exit code says how it
    /// ended (0 succeeded, 6 failed or cancelled, 8 timed out).
    Wait {
        id: Option<i64>,
        /// Give up after this long (30s, 5m, 1h).
        #[arg(long, value_parser = parse_duration)]
        timeout: Option<Duration>,
    },
    /// Follow a job's events live until it finishes (your latest when no id is given; exit
    /// codes as for wait).
    Watch {
        id: Option<i64>,
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
        JobsCommand::List {
            state,
            kind,
            limit,
            utc,
        } => {
            let r: ListResult = client
                .call::<protocol::jobs::List>(&ListParams {
                    state,
                    kind,
                    limit: Some(limit),
                    mine: false,
                })
                .await?;
            out.emit(&Jobs {
                list: &r,
                clock: Clock { utc },
            });
        }
        JobsCommand::Show { id, utc } => {
            let job: JobView = client.call::<protocol::jobs::Get>(&JobId { id }).await?;
            out.emit(&Timed {
                value: &job,
                clock: Clock { utc },
            });
        }
        JobsCommand::Wait { id, timeout } => {
            let id = id_or_latest(&mut client, out, id).await?;
            return follow(&mut client, out, id, false, timeout).await;
        }
        JobsCommand::Watch { id, timeout } => {
            let id = id_or_latest(&mut client, out, id).await?;
            return follow(&mut client, out, id, true, timeout).await;
        }
        JobsCommand::Cancel { id } => steer::<protocol::jobs::Cancel>(&mut client, out, id).await?,
        JobsCommand::Retry { id } => steer::<protocol::jobs::Retry>(&mut client, out, id).await?,
        JobsCommand::Pause { id } => steer::<protocol::jobs::Pause>(&mut client, out, id).await?,
        JobsCommand::Resume { id } => steer::<protocol::jobs::Resume>(&mut client, out, id).await?,
        JobsCommand::Logs { id } => {
            let r = client.call::<protocol::jobs::Logs>(&JobId { id }).await?;
            r.lines.iter().for_each(|line| out.stream(&LogLine(line)));
        }
        JobsCommand::Rm { id } => {
            let r = client.call::<protocol::jobs::Remove>(&JobId { id }).await?;
            out.emit(&Said::new(&r, format!("removed job {id}")).quiet_id(id));
        }
    }
    Ok(())
}

pub async fn queue(ctx: &Context, command: QueueCommand) -> CmdResult {
    let mut client = ctx.connect().await?;
    let status: QueueStatus = match command {
        QueueCommand::Pause => {
            client
                .call::<protocol::jobs::PauseQueue>(&NoParams {})
                .await?
        }
        QueueCommand::Resume => {
            client
                .call::<protocol::jobs::ResumeQueue>(&NoParams {})
                .await?
        }
        QueueCommand::Status => {
            client
                .call::<protocol::jobs::GetQueueStatus>(&NoParams {})
                .await?
        }
    };
    ctx.out.emit(&status);
    Ok(())
}

/// The queue in a line, and a line per kind of job; `-q` prints the same.
impl Render for QueueStatus {
    fn human(&self, page: &mut Page) {
        page.line(&format!(
            "queue {}: {} queued, {} running, {} held (concurrency {})",
            if self.paused { "paused" } else { "running" },
            self.queued,
            self.running,
            self.paused_jobs,
            self.concurrency
        ));
        for k in &self.by_kind {
            page.line(&format!(
                "  {:<8} {} queued, {} running (limit {})",
                k.kind.as_str(),
                k.queued,
                k.running,
                k.limit
            ));
        }
    }
}

/// One line of a job's log, as the daemon wrote it; `-q` prints the same.
#[derive(Serialize)]
#[serde(transparent)]
struct LogLine<'a>(&'a Value);

impl Render for LogLine<'_> {
    fn human(&self, page: &mut Page) {
        let field = |k: &str| self.0[k].as_str().unwrap_or("").to_string();
        page.line(&format!(
            "{} {:<5} {}",
            field("timestamp"),
            field("level"),
            field("message")
        ));
    }
}

/// Cancels, retries, pauses or resumes a job: the methods that take a job id and answer the
/// job as it is now.
async fn steer<M>(client: &mut Client, out: Output, id: i64) -> CmdResult
where
    M: protocol::Method<Params = JobId, Result = JobView>,
{
    let job = client.call::<M>(&JobId { id }).await?;
    let said = format!("job {id} is {}", job.state.as_str());
    out.emit(&Said::new(&job, said).quiet_id(id));
    Ok(())
}

/// The job `id` names, or the caller's latest (`pueue follow`): the newest job its key
/// submitted itself, said on stderr so that the output stays the job's.
async fn id_or_latest(client: &mut Client, out: Output, id: Option<i64>) -> Result<i64, Failure> {
    if let Some(id) = id {
        return Ok(id);
    }
    let params = ListParams {
        limit: Some(1),
        mine: true,
        ..ListParams::default()
    };
    let r: ListResult = client.call::<protocol::jobs::List>(&params).await?;
    let job = r.jobs.first().ok_or_else(|| {
        Failure::new(Exit::NotFound, "this key has submitted no job yet")
            .hint("name a job: `cgen jobs list` shows them")
    })?;
    // A note on stderr, for people only: scripts know which job they asked for.
    if out.to_people() {
        let what = escape_controls(&what(job), Layout::Escape).into_owned();
        eprintln!("following job {} ({} {what})", job.id, job.kind.as_str());
    }
    Ok(job.id)
}

/// Most characters of a job's description in a list row.
const WHAT_WIDTH: usize = 60;
/// Most characters of a failure's reason in a list row.
const WHY_WIDTH: usize = 80;
/// Sources or topics named before "+N more".
const NAMED_ITEMS: usize = 2;

/// What a job is, in a few words: its topic, its sources and collection, or its batch.
pub fn what(job: &JobView) -> String {
    match &job.spec {
        JobSpec::Generate(g) => topic_of(g),
        JobSpec::Ingest(i) => format!("{} → {}", some_of(&i.sources), i.collection),
        JobSpec::Batch(b) => {
            let topics: Vec<String> = b.items.iter().map(topic_of).collect();
            format!("{} articles: {}", b.items.len(), some_of(&topics))
        }
    }
}

fn topic_of(g: &GenerateSpec) -> String {
    if g.auto_topic && g.topic.is_empty() {
        "(a topic of its choosing)".into()
    } else {
        format!("\"{}\"", g.topic)
    }
}

/// The first items and how many more: `a, b +3 more`.
fn some_of(items: &[String]) -> String {
    let mut text = items
        .iter()
        .take(NAMED_ITEMS)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > NAMED_ITEMS {
        text.push_str(&format!(" +{} more", items.len() - NAMED_ITEMS));
    }
    text
}

/// The jobs of `jobs list`, their times as `--utc` says.
struct Jobs<'a> {
    list: &'a ListResult,
    clock: Clock,
}

/// As a JSON value: the list has always been printed with each job's keys in name order.
impl Serialize for Jobs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serde_json::to_value(self.list)
            .map_err(serde::ser::Error::custom)?
            .serialize(s)
    }
}

/// A table of jobs; `-q` lists their ids.
impl Render for Jobs<'_> {
    fn human(&self, page: &mut Page) {
        let clock = self.clock;
        let rows: Vec<Vec<String>> = self
            .list
            .jobs
            .iter()
            .map(|j| {
                let mut what = clip(&what(j), WHAT_WIDTH);
                if let Some(e) = j.error.as_ref().filter(|_| j.state.is_terminal()) {
                    what.push_str(&format!(" — {}", clip(&e.message, WHY_WIDTH)));
                }
                vec![
                    j.id.to_string(),
                    j.kind.as_str().into(),
                    j.state.as_str().into(),
                    format!("{}/{}", j.attempts, j.max_attempts),
                    clock.show(&j.created_at),
                    what,
                ]
            })
            .collect();
        page.table(&["ID", "KIND", "STATE", "TRIES", "CREATED", "WHAT"], &rows);
    }

    fn quiet(&self, page: &mut Page) {
        page.ids(self.list.jobs.iter().map(|j| j.id));
    }
}

/// One job as labelled fields; `-q` prints its id.
impl Render for Timed<'_, JobView> {
    fn human(&self, page: &mut Page) {
        let job = self.value;
        let heading = format!(
            "job {}: {}, {}",
            job.id,
            job.kind.as_str(),
            job.state.as_str()
        );
        page.fields(&heading, &job_view::fields(job, self.clock));
    }

    fn quiet(&self, page: &mut Page) {
        page.line(&self.value.id.to_string());
    }
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
    let (job, skips_shown) = follow_events(client, out, id, watch, timeout).await?;
    let outcome = Outcome {
        job: &job,
        skips_shown: list_skips.then_some(skips_shown),
    };
    // A watch is a stream (NDJSON with `--json`) that ends with the job; a wait prints one
    // document.
    if watch {
        out.stream(&outcome);
    } else {
        out.emit(&outcome);
    }
    ended_well(&job)
}

/// Waits for a job to end (showing its events when `watch`) and returns it as it ended;
/// prints nothing of the outcome, which the caller shows as it sees fit.
pub async fn follow_to_end(
    client: &mut Client,
    out: Output,
    id: i64,
    watch: bool,
    timeout: Option<Duration>,
) -> Result<JobView, Failure> {
    Ok(follow_events(client, out, id, watch, timeout).await?.0)
}

/// The job as it ended, and how many skipped sources its events showed while it ran.
async fn follow_events(
    client: &mut Client,
    out: Output,
    id: i64,
    watch: bool,
    timeout: Option<Duration>,
) -> Result<(JobView, usize), Failure> {
    let params = WaitParams {
        id,
        timeout_ms: timeout.map(|t| t.as_millis() as u64),
    };
    let mut view = EventView::new(out, watch);
    let call = async {
        if watch {
            client
                .call_with_events::<protocol::jobs::Watch>(&params, |e| view.show(e))
                .await
        } else {
            client.call::<protocol::jobs::Wait>(&params).await
        }
    };
    let job: JobView = tokio::select! {
        r = call => r?,
        _ = tokio::signal::ctrl_c() => {
            return Err(Failure::new(Exit::Interrupted, format!("interrupted; job {id} goes on in the daemon")));
        }
    };
    view.finish();
    Ok((job, view.skips_shown))
}

/// The exit the job's end calls for: success only when it succeeded.
pub fn ended_well(job: &JobView) -> CmdResult {
    if job.state == JobState::Succeeded {
        return Ok(());
    }
    let why = job
        .error
        .as_ref()
        .map(|e| e.message.clone())
        .unwrap_or_default();
    Err(Failure::new(
        Exit::JobFailed,
        format!("job {} {}: {why}", job.id, job.state.as_str()),
    ))
}

/// Skipped sources an ingest lists as it runs or when it ends; the rest are counted, and
/// `--explain` lists them all.
const SHOWN_SKIPS: usize = 10;

/// How a followed job ended: JSON is the job; `-q` prints its id.
#[derive(Serialize)]
#[serde(transparent)]
struct Outcome<'a> {
    job: &'a JobView,
    /// Skipped sources of an ingest already shown while it ran; None: the caller lists them.
    #[serde(skip)]
    skips_shown: Option<usize>,
}

impl Render for Outcome<'_> {
    fn human(&self, page: &mut Page) {
        page.line(&outcome_line(self.job, self.skips_shown));
    }

    fn quiet(&self, page: &mut Page) {
        page.line(&self.job.id.to_string());
    }
}

/// The job's last line; for an ingest, the skipped sources not already shown while it ran
/// (`skips_shown` of them were; None: the caller lists them), ending with how many more
/// there are.
fn outcome_line(job: &JobView, skips_shown: Option<usize>) -> String {
    if let Some(line) = job.result.as_ref().and_then(job_view::describe_result) {
        return line;
    }
    let mut line = format!("job {} {}", job.id, job.state.as_str());
    if let Some(JobOutcome::Ingest(r)) = &job.result {
        line.push_str(&format!(
            ": {} ingested, {} unchanged, {} skipped, {} chunks",
            r.ingested, r.unchanged, r.skipped, r.chunks
        ));
        let skips = &r.skipped_sources;
        let listed = match skips_shown {
            // The caller lists them all: nothing to list or count here.
            None => usize::MAX,
            Some(shown) if shown > 0 => shown,
            Some(_) => {
                for s in skips.iter().take(SHOWN_SKIPS) {
                    line.push_str(&format!("\n  skipped {}: {}", s.source, s.reason));
                }
                skips.len().min(SHOWN_SKIPS)
            }
        };
        let total = r.skipped as usize;
        if total > listed {
            line.push_str(&format!(
                "\n  and {} more (`--explain` lists them)",
                total - listed
            ));
        }
    }
    line
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
        let bar = (watch && out.to_people() && std::io::stderr().is_terminal()).then(|| {
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
        // Events are a stream: NDJSON as the daemon sent them, or lines and a bar as they come.
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
        if event.kind == JobEventKind::Token {
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
                let skip =
                    event.kind == JobEventKind::Warning && event.message.starts_with("skipped ");
                if event.kind == JobEventKind::Progress {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_job_list_prints_each_jobs_keys_in_name_order() -> serde_json::Result<()> {
        let daemon = r#"{"jobs":[{"id":1,"kind":"ingest","state":"succeeded","priority":0,"attempts":1,"max_attempts":3,"timeout_ms":3600000,"correlation_id":"r-1","spec":{"kind":"ingest","params":{"sources":["/s"],"collection":"default","prune":false}},"created_at":"2026-12-06T22:24:16.710Z","owner":"k"}]}"#;
        let list: ListResult = serde_json::from_str(daemon)?;
        let jobs = Jobs {
            list: &list,
            clock: Clock { utc: true },
        };
        assert_eq!(
            serde_json::to_string(&jobs)?,
            r#"{"jobs":[{"attempts":1,"correlation_id":"r-1","created_at":"2026-12-06T22:24:16.710Z","id":1,"kind":"ingest","max_attempts":3,"owner":"k","priority":0,"spec":{"kind":"ingest","params":{"collection":"default","prune":false,"sources":["/s"]}},"state":"succeeded","timeout_ms":3600000}]}"#
        );
        Ok(())
    }
}
