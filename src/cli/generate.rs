//! `cgen generate`, `cgen topics`, `cgen workflows ...`, `cgen agents ...`,
//! `cgen templates ...` and `cgen quality FILE`.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read};
use std::path::PathBuf;

use clap::{Args, Subcommand};
use serde::Serialize;
use serde_json::Value;

use super::jobs::{ended_well, follow, follow_to_end};
use super::output::{Layout, escape_controls};
use super::render::{Page, Render, Said};
use super::{CmdResult, Context, Exit, Failure, QueueOptions};
use crate::client::Client;
use crate::generate::quality::QualityReport;
use crate::protocol;
use crate::protocol::generate::{
    AgentRunParams, GenerateSpec, Name, QualityParams, TemplateAddParams, TemplateRenderParams,
    TopicsParams, TopicsResult,
};
use crate::protocol::jobs::{
    BatchSpec, JobId, JobOutcome, JobOutput, JobSpec, JobState, JobView, SubmitJob, SubmitParams,
    SubmitResult, WaitParams,
};
use crate::protocol::kb::IngestSpec;
use crate::protocol::system::NoParams;

/// Largest file `cgen quality`, `--tone` and `templates add` read.
const MAX_INPUT_BYTES: u64 = 4 << 20;

#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// What the article is about.
    #[arg(required_unless_present = "auto_topic", conflicts_with = "auto_topic")]
    pub topic: Option<String>,
    /// Write about the best-covered topic that has no article yet.
    #[arg(long)]
    pub auto_topic: bool,
    /// Ingest these paths first (into the first --collection, or `default`).
    #[arg(long = "from", value_name = "PATH")]
    pub from: Vec<String>,
    #[command(flatten)]
    pub article: ArticleOptions,
    #[command(flatten)]
    pub submit: SubmitOptions,
}

#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Topics, one per line (`#` starts a comment), or JSON Lines with per-line options:
    /// {"topic": "...", "workflow": "...", "collections": [...], "layout": "flat", "format": "html",
    /// "template": "...", "vars": {...}, "date": "YYYY-MM-DD", "out": "DIR"}; `-` for stdin.
    pub file: PathBuf,
    #[command(flatten)]
    pub article: ArticleOptions,
    #[command(flatten)]
    pub submit: SubmitOptions,
}

// How each article is made; shared by `generate` and `batch`. A plain comment, as
// `QueueOptions` says why.
#[derive(Debug, Args)]
pub struct ArticleOptions {
    /// Workflow (see `cgen workflows list`).
    #[arg(long, short, default_value = "blog")]
    pub workflow: String,
    /// Draw on these collections only (repeatable); all by default.
    #[arg(long = "collection", short)]
    pub collections: Vec<String>,
    /// Output folder; `-` prints the article to standard output instead (no file; `generate`
    /// only).
    #[arg(long, short, default_value = "out")]
    pub out: PathBuf,
    /// blog (out/SLUG/index.md) or flat (out/SLUG.md); the workflow's by default.
    #[arg(long, value_parser = ["blog", "flat"])]
    pub layout: Option<String>,
    #[arg(long, default_value = "md", value_parser = ["md", "html", "json"])]
    pub format: String,
    /// Tone profile (TOML).
    #[arg(long, value_name = "FILE")]
    pub tone: Option<PathBuf>,
    /// Body template (see `cgen templates list`); the workflow's by default.
    #[arg(long)]
    pub template: Option<String>,
    /// Template variable (repeatable); `author` and `draft` also set the front matter.
    #[arg(long = "var", value_name = "KEY=VALUE", value_parser = parse_var)]
    pub vars: Vec<(String, String)>,
    /// Publication date (YYYY-MM-DD); today by default. Fix it for byte-identical reruns.
    #[arg(long)]
    pub date: Option<String>,
    /// Fail the job when the quality report fails.
    #[arg(long)]
    pub strict: bool,
    /// Replace an existing article; the old one is kept as FILE.prev.
    #[arg(long)]
    pub force: bool,
    /// Write with this provider instead of the workflow's chain (see `cgen providers list`).
    #[arg(long)]
    pub provider: Option<String>,
    /// Model alias (fast, smart) or id of the provider.
    #[arg(long)]
    pub model: Option<String>,
    /// Stop the job before its model tokens (in and out) pass N.
    #[arg(long, value_name = "N")]
    pub max_tokens: Option<u64>,
    /// Stop the job before its model cost passes X (the currency of the configured prices).
    #[arg(long, value_name = "X", value_parser = parse_max_cost)]
    pub max_cost: Option<f64>,
    /// Ask the model even when the response cache holds the answer.
    #[arg(long)]
    pub no_cache: bool,
}

/// `--max-cost`: a positive number. JSON has no NaN or infinity (they would arrive as no
/// budget at all), so they are refused here.
fn parse_max_cost(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && x > 0.0 => Ok(x),
        _ => Err(format!("max_cost: '{s}' is not a positive number")),
    }
}

impl ArticleOptions {
    /// `--out -`: the article goes to standard output, not to a folder.
    fn to_stdout(&self) -> bool {
        self.out.as_os_str() == "-"
    }

    fn spec(&self, topic: String, auto_topic: bool) -> Result<GenerateSpec, Failure> {
        let stdout = self.to_stdout();
        Ok(GenerateSpec {
            topic,
            auto_topic,
            workflow: self.workflow.clone(),
            collections: self.collections.clone(),
            out_dir: if stdout {
                String::new()
            } else {
                absolute(&self.out)
            },
            stdout,
            layout: self.layout.clone(),
            format: self.format.clone(),
            tone: self.tone.as_deref().map(read_input).transpose()?,
            template: self.template.clone(),
            vars: self.vars.iter().cloned().collect::<BTreeMap<_, _>>(),
            date: self.date.clone(),
            strict: self.strict,
            force: self.force,
            provider: self.provider.clone(),
            model: self.model.clone(),
            max_tokens: self.max_tokens,
            max_cost: self.max_cost,
            no_cache: self.no_cache,
        })
    }
}

// Waiting or not, and how the job is queued; shared by `generate` and `batch`. A plain
// comment, as `QueueOptions` says why.
#[derive(Debug, Args)]
pub struct SubmitOptions {
    /// Print the job id and return instead of waiting.
    #[arg(long)]
    pub detach: bool,
    #[command(flatten)]
    pub queue: QueueOptions,
}

fn parse_var(s: &str) -> Result<(String, String), String> {
    let (k, v) = s
        .split_once('=')
        .ok_or_else(|| format!("'{s}' is not KEY=VALUE"))?;
    if k.is_empty() {
        return Err(format!("'{s}' has an empty KEY"));
    }
    Ok((k.to_string(), v.to_string()))
}

/// Reads a bounded text file the user named.
fn read_input(path: &std::path::Path) -> Result<String, Failure> {
    let fail = |m: String| Failure::new(Exit::Failure, m);
    let mut text = String::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_string(&mut text)
            .map_err(|e| fail(format!("cannot read stdin: {e}")))?;
    } else {
        let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => super::missing_file(path),
            _ => fail(format!("cannot read {}: {e}", path.display())),
        })?;
        if meta.len() > MAX_INPUT_BYTES {
            return Err(fail(format!("{} is larger than 4 MiB", path.display())));
        }
        let bytes = std::fs::read(path)
            .map_err(|e| fail(format!("cannot read {}: {e}", path.display())))?;
        text = String::from_utf8(bytes)
            .map_err(|_| fail(format!("{} is not UTF-8 text", path.display())))?;
    }
    if text.len() as u64 > MAX_INPUT_BYTES {
        return Err(fail("input is larger than 4 MiB".into()));
    }
    Ok(text)
}

fn absolute(p: &std::path::Path) -> String {
    std::path::absolute(p)
        .unwrap_or_else(|_| p.to_path_buf())
        .display()
        .to_string()
}

pub async fn generate(ctx: &Context, a: GenerateArgs) -> CmdResult {
    let spec = a
        .article
        .spec(a.topic.clone().unwrap_or_default(), a.auto_topic)?;
    let mut client = ctx.connect().await?;
    if !a.from.is_empty() {
        ingest_first(&mut client, &a).await?;
    }
    let id = submit_one(
        &mut client,
        a.submit.queue.job(JobSpec::Generate(Box::new(spec))),
    )
    .await?;
    if a.submit.detach {
        return print_detached(ctx, id);
    }
    // Events stay off stdout with `--json`: it holds the job alone.
    let watch = std::io::stderr().is_terminal() && !ctx.out.json;
    if a.article.to_stdout() {
        return print_article(ctx, &mut client, id, watch).await;
    }
    follow(&mut client, ctx.out, id, watch, None).await
}

/// `--out -`: waits for the job, then prints the article it kept, and nothing else, to
/// stdout (with `--json`, the `jobs.output` document); how it went goes to stderr.
async fn print_article(ctx: &Context, client: &mut Client, id: i64, watch: bool) -> CmdResult {
    let job = follow_to_end(client, ctx.out, id, watch, None).await?;
    ended_well(&job)?;
    let article: JobOutput = client.call::<protocol::jobs::Output>(&JobId { id }).await?;
    ctx.out.emit(&article);
    // A note on stderr for people; scripts read the exit code.
    if ctx.out.to_people() {
        let verdict = job
            .result
            .as_ref()
            .and_then(|r| match r {
                JobOutcome::Generate(g) => super::job_view::quality_verdict(g.quality.as_ref()),
                _ => None,
            })
            .unwrap_or_else(|| "not checked".into());
        let note = format!("job {id}: article printed (quality: {verdict})");
        eprintln!("{}", escape_controls(&note, Layout::Keep));
    }
    Ok(())
}

/// The article's text, ending with a newline; `-q` prints the same.
impl Render for JobOutput {
    fn human(&self, page: &mut Page) {
        page.text(&self.text);
        if !self.text.ends_with('\n') {
            page.text("\n");
        }
    }
}

async fn submit_one(client: &mut Client, job: SubmitJob) -> Result<i64, Failure> {
    let r: SubmitResult = client
        .call::<protocol::jobs::Submit>(&SubmitParams { jobs: vec![job] })
        .await?;
    r.jobs
        .first()
        .map(|j| j.id)
        .ok_or_else(|| Failure::new(Exit::Failure, "the daemon accepted no job"))
}

fn print_detached(ctx: &Context, id: i64) -> CmdResult {
    ctx.out.emit(&Detached {
        jobs: [Submitted { id }],
    });
    Ok(())
}

/// A job submitted with `--detach`: its id, for people and scripts alike; as JSON, in the
/// shape of `jobs.submit`'s answer.
#[derive(Serialize)]
struct Detached {
    jobs: [Submitted; 1],
}

#[derive(Serialize)]
struct Submitted {
    id: i64,
}

impl Render for Detached {
    fn human(&self, page: &mut Page) {
        page.ids(self.jobs.iter().map(|j| j.id));
    }
}

/// `--from`: an ingest job, waited for, before the generation is submitted.
async fn ingest_first(client: &mut Client, a: &GenerateArgs) -> CmdResult {
    let collection = a
        .article
        .collections
        .first()
        .cloned()
        .unwrap_or_else(|| crate::protocol::kb::DEFAULT_COLLECTION.into());
    let sources = a
        .from
        .iter()
        .map(|s| {
            if s.contains("://") {
                s.clone()
            } else {
                absolute(std::path::Path::new(s))
            }
        })
        .collect();
    let spec = JobSpec::Ingest(IngestSpec {
        sources,
        collection,
        prune: false,
        base_url: None,
        include: Vec::new(),
        exclude: Vec::new(),
        types: Vec::new(),
    });
    let id = submit_one(
        client,
        SubmitJob {
            spec,
            priority: a.submit.queue.priority,
            timeout_ms: None,
            idempotency_key: None,
            max_attempts: None,
        },
    )
    .await?;
    let job = wait_for(client, id).await?;
    if job.state != JobState::Succeeded {
        let why = job.error.map(|e| e.message).unwrap_or_default();
        return Err(Failure::new(
            Exit::JobFailed,
            format!("ingesting --from failed (job {id}): {why}"),
        ));
    }
    Ok(())
}

/// Waits for a job to finish, without a deadline.
async fn wait_for(client: &mut Client, id: i64) -> Result<JobView, Failure> {
    Ok(client
        .call::<protocol::jobs::Wait>(&WaitParams {
            id,
            timeout_ms: None,
        })
        .await?)
}

/// Most lines a batch file may have.
const MAX_BATCH_LINES: usize = crate::protocol::jobs::MAX_BATCH_ITEMS;

/// Per-line options of a JSON Lines batch file.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct BatchLine {
    topic: String,
    workflow: Option<String>,
    collections: Option<Vec<String>>,
    layout: Option<String>,
    format: Option<String>,
    template: Option<String>,
    vars: Option<BTreeMap<String, String>>,
    date: Option<String>,
    out: Option<PathBuf>,
}

/// Reads a batch file into generate specs: plain lines are topics; `{...}` lines override
/// the command line's options for that article.
fn batch_items(text: &str, base: &GenerateSpec) -> Result<Vec<GenerateSpec>, Failure> {
    let mut items = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if items.len() == MAX_BATCH_LINES {
            return Err(Failure::new(
                Exit::Usage,
                format!("a batch has at most {MAX_BATCH_LINES} articles"),
            ));
        }
        let mut spec = base.clone();
        if line.starts_with('{') {
            let l: BatchLine = serde_json::from_str(line)
                .map_err(|e| Failure::new(Exit::Usage, format!("line {}: {e}", n + 1)))?;
            spec.topic = l.topic;
            spec.workflow = l.workflow.unwrap_or(spec.workflow);
            spec.collections = l.collections.unwrap_or(spec.collections);
            spec.layout = l.layout.or(spec.layout);
            spec.format = l.format.unwrap_or(spec.format);
            spec.template = l.template.or(spec.template);
            spec.vars.extend(l.vars.unwrap_or_default());
            spec.date = l.date.or(spec.date);
            if let Some(out) = l.out {
                spec.out_dir = absolute(&out);
            }
        } else {
            spec.topic = line.to_string();
        }
        items.push(spec);
    }
    if items.is_empty() {
        return Err(Failure::new(Exit::Usage, "the batch file names no topic"));
    }
    Ok(items)
}

pub async fn batch(ctx: &Context, a: BatchArgs) -> CmdResult {
    if a.article.to_stdout() {
        return Err(Failure::new(
            Exit::Usage,
            "a batch writes files: give --out a folder (only `generate` prints to stdout)",
        ));
    }
    let base = a.article.spec(String::new(), false)?;
    let items = batch_items(&read_input(&a.file)?, &base)?;
    let mut client = ctx.connect().await?;
    let parent = submit_one(
        &mut client,
        a.submit.queue.job(JobSpec::Batch(BatchSpec { items })),
    )
    .await?;
    if a.submit.detach {
        return print_detached(ctx, parent);
    }
    let job = wait_for(&mut client, parent).await?;
    let children: Vec<i64> = match &job.result {
        Some(JobOutcome::Batch(b)) => b.children.clone(),
        _ => Vec::new(),
    };
    if job.state != JobState::Succeeded {
        let why = job.error.map(|e| e.message).unwrap_or_default();
        return Err(Failure::new(
            Exit::JobFailed,
            format!("batch job {parent} {}: {why}", job.state.as_str()),
        ));
    }
    let mut failed = 0;
    for id in children {
        let child = wait_for(&mut client, id).await?;
        if child.state != JobState::Succeeded {
            failed += 1;
        }
        ctx.out.stream(&Child(&child));
    }
    if failed > 0 {
        return Err(Failure::new(
            Exit::JobFailed,
            format!("{failed} article(s) of batch {parent} failed"),
        ));
    }
    Ok(())
}

/// How one article of a batch ended, in a line; nothing with `-q`.
#[derive(Serialize)]
#[serde(transparent)]
struct Child<'a>(&'a JobView);

impl Render for Child<'_> {
    fn human(&self, page: &mut Page) {
        let child = self.0;
        let line = child
            .result
            .as_ref()
            .and_then(super::job_view::describe_result)
            .unwrap_or_else(|| {
                let why = child
                    .error
                    .as_ref()
                    .map(|e| e.message.clone())
                    .unwrap_or_default();
                format!("job {} {}: {why}", child.id, child.state.as_str())
            });
        page.line(&line);
    }

    fn quiet(&self, _: &mut Page) {}
}

pub async fn topics(ctx: &Context, collections: Vec<String>, limit: u32) -> CmdResult {
    let mut client = ctx.connect().await?;
    let r: TopicsResult = client
        .call::<protocol::generate::ListTopics>(&TopicsParams {
            collections,
            limit: Some(limit),
        })
        .await?;
    ctx.out.emit(&r);
    Ok(())
}

/// Topics as a table, best covered first; `-q` lists the topics alone.
impl Render for TopicsResult {
    fn human(&self, page: &mut Page) {
        let rows: Vec<Vec<String>> = self
            .topics
            .iter()
            .map(|t| {
                let written = if t.written { "yes" } else { "" };
                vec![
                    format!("{:.1}", t.score),
                    t.passages.to_string(),
                    t.documents.to_string(),
                    written.into(),
                    t.topic.clone(),
                ]
            })
            .collect();
        page.table(&["SCORE", "PASSAGES", "DOCS", "WRITTEN", "TOPIC"], &rows);
    }

    fn quiet(&self, page: &mut Page) {
        page.ids(self.topics.iter().map(|t| &t.topic));
    }
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum WorkflowsCommand {
    /// List workflows (built-in and your own).
    List,
    /// Show a workflow's stages and parameters.
    Show { name: String },
}

pub async fn workflows(ctx: &Context, command: WorkflowsCommand) -> CmdResult {
    let mut client = ctx.connect().await?;
    match command {
        WorkflowsCommand::List => {
            let r: Value = as_sent(
                &client
                    .call::<crate::generate::methods::ListWorkflows>(&NoParams {})
                    .await?,
            );
            ctx.out.emit(&Listing {
                answer: &r,
                key: "workflows",
                headers: &["NAME", "ORIGIN", "DESCRIPTION"],
                row: |w| vec![field(w, "name"), origin(w), field(w, "description")],
            });
        }
        WorkflowsCommand::Show { name } => {
            let w: Value = as_sent(
                &client
                    .call::<crate::generate::methods::GetWorkflow>(&Name { name })
                    .await?,
            );
            ctx.out.emit(&Workflow(&w));
        }
    }
    Ok(())
}

/// A workflow: its stages, template, layout and parameters; `-q` prints the same.
#[derive(Serialize)]
#[serde(transparent)]
struct Workflow<'a>(&'a Value);

impl Render for Workflow<'_> {
    fn human(&self, page: &mut Page) {
        let w = self.0;
        let stages: Vec<&str> = w["stages"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        page.text(&format!(
            "{}: {}\n  template: {}  layout: {}\n  stages: {}\n  params: {}\n",
            w["name"].as_str().unwrap_or(""),
            w["description"].as_str().unwrap_or(""),
            w["template"].as_str().unwrap_or(""),
            w["layout"].as_str().unwrap_or(""),
            stages.join(" → "),
            w["params"]
        ));
    }
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum AgentsCommand {
    /// List the stages ("agents") workflows are made of.
    List,
    /// Show what a stage reads and writes.
    Show { name: String },
    /// Run one stage on a generation state (JSON) and print the state after it.
    Run {
        name: String,
        /// The input state as JSON; `-` for stdin.
        #[arg(long, value_name = "FILE|-")]
        input: PathBuf,
    },
}

pub async fn agents(ctx: &Context, command: AgentsCommand) -> CmdResult {
    let mut client = ctx.connect().await?;
    match command {
        AgentsCommand::List => {
            let r: Value = as_sent(
                &client
                    .call::<protocol::generate::ListAgents>(&NoParams {})
                    .await?,
            );
            ctx.out.emit(&Listing {
                answer: &r,
                key: "agents",
                headers: &["NAME", "WHAT IT DOES"],
                row: |a| vec![field(a, "name"), field(a, "summary")],
            });
        }
        AgentsCommand::Show { name } => {
            let a: Value = as_sent(
                &client
                    .call::<protocol::generate::GetAgent>(&Name { name })
                    .await?,
            );
            ctx.out.emit(&Agent(&a));
        }
        AgentsCommand::Run { name, input } => {
            let text = read_input(&input)?;
            let input: Value = serde_json::from_str(&text)
                .map_err(|e| Failure::new(Exit::Usage, format!("the input is not JSON: {e}")))?;
            let state: Value = as_sent(
                &client
                    .call::<crate::generate::methods::RunAgent>(&AgentRunParams { name, input })
                    .await?,
            );
            ctx.out.json(&state);
        }
    }
    Ok(())
}

/// A stage: what it reads, writes and requires; `-q` prints the same.
#[derive(Serialize)]
#[serde(transparent)]
struct Agent<'a>(&'a Value);

impl Render for Agent<'_> {
    fn human(&self, page: &mut Page) {
        let a = self.0;
        let list = |k: &str| {
            a[k].as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", ")
        };
        page.text(&format!(
            "{}: {}\n  reads: {}\n  writes: {}\n  requires: {}\n",
            a["name"].as_str().unwrap_or(""),
            a["summary"].as_str().unwrap_or(""),
            list("reads"),
            list("writes"),
            list("requires")
        ));
    }
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum TemplatesCommand {
    /// List templates (built-in and your own).
    List,
    /// Print a template's source.
    Show { name: String },
    /// Add (or replace) your own template from a file; its name is the file's stem unless --name.
    Add {
        file: PathBuf,
        #[arg(long)]
        name: Option<String>,
    },
    /// Remove one of your templates (built-ins cannot be removed).
    Rm { name: String },
    /// Render a template on a sample article.
    Render {
        name: String,
        #[arg(long = "var", value_name = "KEY=VALUE", value_parser = parse_var)]
        vars: Vec<(String, String)>,
    },
}

pub async fn templates(ctx: &Context, command: TemplatesCommand) -> CmdResult {
    let mut client = ctx.connect().await?;
    let out = ctx.out;
    match command {
        TemplatesCommand::List => {
            let r: Value = as_sent(
                &client
                    .call::<protocol::generate::ListTemplates>(&NoParams {})
                    .await?,
            );
            out.emit(&Listing {
                answer: &r,
                key: "templates",
                headers: &["NAME", "ORIGIN"],
                row: |t| vec![field(t, "name"), origin(t)],
            });
        }
        TemplatesCommand::Show { name } => {
            let r: Value = as_sent(
                &client
                    .call::<protocol::generate::GetTemplate>(&Name { name })
                    .await?,
            );
            out.emit(&Document {
                answer: &r,
                key: "source",
            });
        }
        TemplatesCommand::Add { file, name } => {
            let source = read_input(&file)?;
            let name = match name {
                Some(n) => n,
                None => stem_name(&file)?,
            };
            let r: Value = as_sent(
                &client
                    .call::<protocol::generate::AddTemplate>(&TemplateAddParams { name, source })
                    .await?,
            );
            let said = format!("added template {}", r["name"].as_str().unwrap_or(""));
            out.emit(&Said::new(&r, said).quiet_same());
        }
        TemplatesCommand::Rm { name } => {
            let r: Value = as_sent(
                &client
                    .call::<protocol::generate::RemoveTemplate>(&Name { name })
                    .await?,
            );
            let said = format!("removed template {}", r["removed"].as_str().unwrap_or(""));
            out.emit(&Said::new(&r, said).quiet_same());
        }
        TemplatesCommand::Render { name, vars } => {
            let params = TemplateRenderParams {
                name,
                vars: vars.into_iter().collect(),
                article: None,
            };
            let r: Value = as_sent(
                &client
                    .call::<protocol::generate::RenderTemplate>(&params)
                    .await?,
            );
            out.emit(&Document {
                answer: &r,
                key: "markdown",
            });
        }
    }
    Ok(())
}

/// A result of generation's own types as JSON with its keys sorted, the way the daemon sends
/// it and the way these commands have always printed it (the structs declare their fields in
/// another order); the listings below read it as such.
fn as_sent(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or_default()
}

/// An answer whose list under `key` people read as a table, one row per item; `-q` prints
/// the same.
#[derive(Serialize)]
#[serde(transparent)]
struct Listing<'a> {
    answer: &'a Value,
    #[serde(skip)]
    key: &'static str,
    #[serde(skip)]
    headers: &'static [&'static str],
    #[serde(skip)]
    row: fn(&Value) -> Vec<String>,
}

impl Render for Listing<'_> {
    fn human(&self, page: &mut Page) {
        let rows: Vec<Vec<String>> = self.answer[self.key]
            .as_array()
            .into_iter()
            .flatten()
            .map(self.row)
            .collect();
        page.table(self.headers, &rows);
    }
}

/// An answer people read as the text under `key` (a template's source, a rendering); `-q`
/// prints the same.
#[derive(Serialize)]
#[serde(transparent)]
struct Document<'a> {
    answer: &'a Value,
    #[serde(skip)]
    key: &'static str,
}

impl Render for Document<'_> {
    fn human(&self, page: &mut Page) {
        page.text(self.answer[self.key].as_str().unwrap_or(""));
    }
}

fn field(item: &Value, name: &str) -> String {
    item[name].as_str().unwrap_or_default().to_string()
}

/// Whether a workflow or template comes with cgen or from the user's folder.
fn origin(item: &Value) -> String {
    if item["builtin"] == true {
        "built-in"
    } else {
        "user"
    }
    .to_string()
}

/// `intro.md.j2` → `intro`.
fn stem_name(file: &std::path::Path) -> Result<String, Failure> {
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default().to_string();
    if crate::protocol::generate::valid_name(&stem) {
        Ok(stem)
    } else {
        Err(Failure::new(
            Exit::Usage,
            format!("cannot name a template after {name}; pass --name"),
        ))
    }
}

/// The quality report of any Markdown file; exit 0 when it passes, 1 when not.
pub async fn quality(
    ctx: &Context,
    file: PathBuf,
    tone: Option<PathBuf>,
    workflow: Option<String>,
    topic: Option<String>,
) -> CmdResult {
    let markdown = read_input(&file)?;
    let tone = tone.as_deref().map(read_input).transpose()?;
    let manifest = manifest_beside(&file);
    let recorded = |key: &str| manifest[key].as_str().map(str::to_owned);
    let params = QualityParams {
        markdown,
        tone,
        workflow: workflow.or_else(|| recorded("workflow")),
        topic: topic.or_else(|| recorded("topic")),
    };
    let mut client = ctx.connect().await?;
    let report: QualityReport = client
        .call::<crate::generate::methods::CheckQuality>(&params)
        .await?;
    ctx.out.emit(&report);
    if report.passed {
        Ok(())
    } else {
        let failed = report.checks.iter().filter(|c| !c.passed).count();
        Err(Failure::new(
            Exit::Failure,
            format!("{}: {failed} quality check(s) failed", file.display()),
        ))
    }
}

/// The report's checks and verdict; `-q` prints the same.
impl Render for QualityReport {
    fn human(&self, page: &mut Page) {
        page.text(&crate::generate::quality::render_text(self));
    }
}

/// The manifest cgen wrote beside an article (`index.md` → `manifest.json`, `SLUG.md` →
/// `SLUG.manifest.json`), or `Null` when there is none to read: a file cgen did not write is
/// still checked, against what every article promises.
fn manifest_beside(file: &std::path::Path) -> Value {
    const MAX_MANIFEST_BYTES: u64 = 1 << 20;
    let (Some(dir), Some(stem)) = (file.parent(), file.file_stem().and_then(|s| s.to_str())) else {
        return Value::Null;
    };
    let candidates = [
        dir.join(format!("{stem}.manifest.json")),
        dir.join("manifest.json"),
    ];
    let is_index = stem == "index";
    candidates
        .iter()
        // `manifest.json` belongs to the blog layout's `index.*` only.
        .filter(|p| is_index || p.file_name() != Some("manifest.json".as_ref()))
        .find_map(|p| {
            let meta = std::fs::metadata(p).ok()?;
            if !meta.is_file() || meta.len() > MAX_MANIFEST_BYTES {
                return None;
            }
            serde_json::from_slice(&std::fs::read(p).ok()?).ok()
        })
        .unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vars_need_an_equals_sign() {
        assert_eq!(parse_var("a=b=c").unwrap(), ("a".into(), "b=c".into()));
        assert!(parse_var("ab").unwrap_err().contains("KEY=VALUE"));
        assert!(parse_var("=x").is_err());
    }

    #[test]
    fn batch_files_take_topics_and_json_lines() {
        let base = GenerateSpec {
            workflow: "blog".into(),
            format: "md".into(),
            out_dir: "/o".into(),
            ..Default::default()
        };
        let text = "# comment\nfirst topic\n\n{\"topic\": \"second\", \"format\": \"html\", \"out\": \"/x\"}\n";
        let items = batch_items(text, &base).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(
            (items[0].topic.as_str(), items[0].format.as_str()),
            ("first topic", "md")
        );
        assert_eq!(
            (
                items[1].topic.as_str(),
                items[1].format.as_str(),
                items[1].out_dir.as_str()
            ),
            ("second", "html", "/x")
        );
        let e = batch_items("{\"topic\": 1}", &base).unwrap_err();
        assert!(e.message.starts_with("line 1"), "{}", e.message);
        assert!(batch_items("# nothing\n", &base).is_err());
    }
}
