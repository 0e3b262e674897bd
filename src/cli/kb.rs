//! `cgen ingest`, `cgen search`, `cgen docs ...` and `cgen collections ...`.

use std::io::{BufRead, IsTerminal};

use clap::{Args, Subcommand};
use serde_json::Value;

use super::{
    CmdResult, Context, Exit, Failure, QueueOptions, jobs::follow, jobs::follow_listing,
    output::bytes, output::clip, render::Page, render::Render, render::Said,
};
use crate::protocol;
use crate::protocol::jobs::{JobOutcome, JobSpec, SubmitParams, SubmitResult};
use crate::protocol::kb::{
    CollectionName, CollectionsResult, DEFAULT_COLLECTION, DocId, DocShowResult, DocsListParams,
    DocsListResult, IngestSpec, Removed, SearchMode, SearchParams, SearchResult, ShareParams,
};
use crate::protocol::system::NoParams;

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Files, folders, globs or http(s) URLs; `-` reads them from stdin, one per line.
    #[arg(required = true, value_name = "PATH|URL")]
    pub sources: Vec<String>,
    #[arg(long, short, default_value = DEFAULT_COLLECTION)]
    pub collection: String,
    /// Remove documents under these folders whose files are gone.
    #[arg(long)]
    pub prune: bool,
    /// Public address of the ingested folders (http or https): citations link to it joined
    /// with each file's relative path, unless a page names its canonical URL.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Ingest files matching GLOB even where the default rules skip them (site assets, search
    /// indexes, print copies, redirect stubs, navigation pages). Repeatable.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// Never ingest files matching GLOB (relative to the folder; without `/`, any file name).
    /// Repeatable; wins over --include.
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Walk folders for files of these types only, as ripgrep's --type: md, html, txt, rst,
    /// adoc, org, json, yaml, or any other ripgrep type name. Repeatable or comma-separated;
    /// files named outright are ingested whatever their type.
    #[arg(long = "type", short = 't', value_name = "TYPE", value_delimiter = ',')]
    pub types: Vec<String>,
    /// Wait for the job, then list every source it skipped and why (implies --wait).
    #[arg(long)]
    pub explain: bool,
    /// Wait for the job and exit with its outcome.
    #[arg(long)]
    pub wait: bool,
    #[command(flatten)]
    pub queue: QueueOptions,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Plain text; quotes and operators are searched as words unless --syntax is given.
    pub query: String,
    #[arg(long, short)]
    pub collection: Option<String>,
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: u32,
    /// Interpret the query as FTS5 syntax (AND, OR, NOT, "phrases", prefix*).
    #[arg(long)]
    pub syntax: bool,
    /// Ranking: bm25 (full text), hybrid (full text and embedding vectors fused), or auto
    /// (hybrid when kb.embeddings is configured and the collections searched have vectors).
    /// The output says which ranking was used, and why BM25 when hybrid was not possible.
    #[arg(long, value_enum, default_value_t = SearchMode::Auto)]
    pub mode: SearchMode,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum DocsCommand {
    /// List documents.
    List {
        #[arg(long, short)]
        collection: Option<String>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// Show a document and its chunks.
    Show { id: i64 },
    /// Remove a document from the knowledge base.
    Rm { id: i64 },
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum CollectionsCommand {
    /// List the collections this key may read, with their owner, sizes and how many chunks
    /// have an embedding vector (when kb.embeddings is configured).
    List,
    /// Remove a collection and all its documents (its owner's or an admin's to remove).
    Rm { name: String },
    /// Let every key read a collection (admin); its owner still alone changes it.
    Share {
        name: String,
        /// Stop sharing: only its owner (and admin and viewer keys) read it again.
        #[arg(long)]
        off: bool,
    },
}

/// Makes local paths absolute against this shell's directory: the daemon has its own cwd.
fn resolve_source(s: &str) -> String {
    if s.contains("://") {
        return s.to_string();
    }
    std::path::absolute(s)
        .map(|p| p.display().to_string())
        .unwrap_or_else(|_| s.to_string())
}

fn read_sources(args: &[String]) -> Result<Vec<String>, Failure> {
    let mut sources = Vec::new();
    for s in args {
        if s == "-" {
            for line in std::io::stdin().lock().lines() {
                let line = line
                    .map_err(|e| Failure::new(Exit::Failure, format!("cannot read stdin: {e}")))?;
                let line = line.trim();
                if !line.is_empty() {
                    sources.push(resolve_source(line));
                }
            }
        } else {
            sources.push(resolve_source(s));
        }
    }
    if sources.is_empty() {
        return Err(Failure::new(Exit::Usage, "no sources given"));
    }
    Ok(sources)
}

/// When every source is a local path that does not exist, nothing could be ingested: not
/// found (exit 3) before anything is queued, with the closest name beside the first. Among
/// sources that exist, a missing one is skipped with its reason like any bad source. Globs
/// and URLs are the daemon's to expand and fetch; with --prune a folder that is gone is the
/// point (its documents are removed).
fn check_local(sources: &[String], prune: bool) -> Result<(), Failure> {
    let missing = |s: &String| {
        !crate::kb::sources::is_url(s)
            && !crate::kb::sources::has_glob_chars(s)
            && !std::path::Path::new(s).exists()
    };
    match sources.first() {
        Some(first) if !prune && sources.iter().all(missing) => {
            Err(super::missing_file(std::path::Path::new(first)))
        }
        _ => Ok(()),
    }
}

pub async fn ingest(ctx: &Context, a: IngestArgs) -> CmdResult {
    let sources = read_sources(&a.sources)?;
    check_local(&sources, a.prune)?;
    let mut client = ctx.connect().await?;
    let job = a.queue.job(JobSpec::Ingest(IngestSpec {
        sources,
        collection: a.collection,
        prune: a.prune,
        base_url: a.base_url,
        include: a.include,
        exclude: a.exclude,
        types: a.types,
    }));
    let r: SubmitResult = client
        .call::<protocol::jobs::Submit>(&SubmitParams { jobs: vec![job] })
        .await?;
    let submitted = r
        .jobs
        .first()
        .ok_or_else(|| Failure::new(Exit::Failure, "the daemon accepted no job"))?;
    if a.explain {
        let outcome = follow_listing(&mut client, ctx.out, submitted.id, false, None, false).await;
        let job: crate::protocol::jobs::JobView = client
            .call::<protocol::jobs::Get>(&crate::protocol::jobs::JobId { id: submitted.id })
            .await?;
        // With `--json` the job printed above holds its skipped sources.
        if !ctx.out.json {
            explain(ctx, &job);
        }
        return outcome;
    }
    if a.wait {
        return follow(
            &mut client,
            ctx.out,
            submitted.id,
            std::io::stderr().is_terminal(),
            None,
        )
        .await;
    }
    let said = if submitted.existing {
        format!(
            "ingest job {} already exists ({})",
            submitted.id,
            submitted.state.as_str()
        )
    } else {
        format!(
            "queued ingest job {}; follow it with `cgen jobs watch {}`",
            submitted.id, submitted.id
        )
    };
    ctx.out.emit(&Said::new(&r, said).quiet_id(submitted.id));
    Ok(())
}

/// Prints each source an ingest skipped and why, from the job's result (or its error).
fn explain(ctx: &Context, job: &crate::protocol::jobs::JobView) {
    let (skipped, total) = match &job.result {
        Some(JobOutcome::Ingest(r)) => (&r.skipped_sources[..], r.skipped),
        _ => (&[][..], 0),
    };
    ctx.out.line(&format!("skipped {total} sources"));
    for s in skipped {
        ctx.out.line(&format!("  {}: {}", s.source, s.reason));
    }
    if (skipped.len() as u64) < total {
        ctx.out
            .line(&format!("  ... and {} more", total - skipped.len() as u64));
    }
}

pub async fn search(ctx: &Context, a: SearchArgs) -> CmdResult {
    let mut client = ctx.connect().await?;
    let params = SearchParams {
        query: a.query,
        collection: a.collection,
        limit: Some(a.limit),
        syntax: a.syntax,
        mode: a.mode,
    };
    let r: SearchResult = client.call::<protocol::kb::Search>(&params).await?;
    ctx.out.emit(&r);
    Ok(())
}

/// Hits with their place and a snippet; `-q` lists their chunk ids.
impl Render for SearchResult {
    fn human(&self, page: &mut Page) {
        // BM25 results look as they always have; anything else says how it ranked.
        let note = match (&self.fallback, self.mode) {
            (Some(why), _) => Some(format!("(BM25 only: {why})")),
            (None, SearchMode::Hybrid) => Some("(hybrid: BM25 and vector rankings fused)".into()),
            (None, _) => None,
        };
        if self.hits.is_empty() {
            page.line("no matches");
            note.iter().for_each(|n| page.line(n));
            return;
        }
        search_hits(page, self, note);
    }

    fn quiet(&self, page: &mut Page) {
        page.ids(self.hits.iter().map(|h| h.chunk_id));
    }
}

fn search_hits(page: &mut Page, r: &SearchResult, note: Option<String>) {
    let mut text = String::new();
    for (i, h) in r.hits.iter().enumerate() {
        let title = h.title.clone().unwrap_or_else(|| h.source.clone());
        text.push_str(&format!(
            "{}. {}  (score {:.2}, doc {})\n",
            i + 1,
            title,
            h.score,
            h.document_id
        ));
        let mut place = h.source.clone();
        if !h.heading_path.is_empty() {
            place.push_str(&format!(" › {}", h.heading_path.join(" › ")));
        }
        text.push_str(&format!("   {place}\n   {}\n", clip(&h.snippet, 300)));
    }
    if let Some(n) = note {
        text.push_str(&format!("{n}\n"));
    }
    page.text(&text);
}

pub async fn docs(ctx: &Context, command: DocsCommand) -> CmdResult {
    let mut client = ctx.connect().await?;
    match command {
        DocsCommand::List { collection, limit } => {
            let r: DocsListResult = client
                .call::<protocol::kb::ListDocs>(&DocsListParams {
                    collection,
                    limit: Some(limit),
                })
                .await?;
            ctx.out.emit(&r);
        }
        DocsCommand::Show { id } => {
            let r: DocShowResult = client.call::<protocol::kb::GetDoc>(&DocId { id }).await?;
            ctx.out.emit(&r);
        }
        DocsCommand::Rm { id } => {
            let r: Removed = client
                .call::<protocol::kb::RemoveDoc>(&DocId { id })
                .await?;
            ctx.out.emit(&removed(&r, &format!("document {id}")));
        }
    }
    Ok(())
}

/// A table of documents; `-q` lists their ids.
impl Render for DocsListResult {
    fn human(&self, page: &mut Page) {
        let rows: Vec<Vec<String>> = self
            .documents
            .iter()
            .map(|d| {
                let title = d.title.clone().unwrap_or_default();
                vec![
                    d.id.to_string(),
                    d.collection.clone(),
                    d.format.clone(),
                    d.chunks.to_string(),
                    bytes(d.bytes),
                    clip(&title, 40),
                    d.source.clone(),
                ]
            })
            .collect();
        page.table(
            &[
                "ID",
                "COLLECTION",
                "FORMAT",
                "CHUNKS",
                "SIZE",
                "TITLE",
                "SOURCE",
            ],
            &rows,
        );
    }

    fn quiet(&self, page: &mut Page) {
        page.ids(self.documents.iter().map(|d| d.id));
    }
}

/// A document and its chunks; `-q` prints the same.
impl Render for DocShowResult {
    fn human(&self, page: &mut Page) {
        let r = self;
        let d = &r.document;
        let mut text = format!(
            "document {}  {}\n  source: {}\n  collection: {}  format: {}  size: {}  chunks: {}\n  ingested: {}  sha256: {}\n",
            d.id,
            d.title.clone().unwrap_or_default(),
            d.source,
            d.collection,
            d.format,
            bytes(d.bytes),
            d.chunks,
            d.ingested_at,
            d.content_hash
        );
        if !d.metadata.is_empty() {
            text.push_str(&format!(
                "  metadata: {}\n",
                Value::Object(d.metadata.clone())
            ));
        }
        for c in &r.chunks {
            text.push_str(&format!(
                "  [{}] {} (bytes {}..{})\n      {}\n",
                c.id,
                c.heading_path.join(" › "),
                c.byte_start,
                c.byte_end,
                clip(&c.text, 100)
            ));
        }
        page.text(&text);
    }
}

pub async fn collections(ctx: &Context, command: CollectionsCommand) -> CmdResult {
    let mut client = ctx.connect().await?;
    match command {
        CollectionsCommand::List => {
            let r: CollectionsResult = client
                .call::<protocol::kb::ListCollections>(&NoParams {})
                .await?;
            ctx.out.emit(&r);
        }
        CollectionsCommand::Share { name, off } => {
            let params = ShareParams { name, shared: !off };
            let r = client
                .call::<protocol::kb::ShareCollection>(&params)
                .await?;
            let how = if off {
                "no longer shared"
            } else {
                "shared with every key"
            };
            let said = format!("collection {} is {how}", params.name);
            ctx.out.emit(&Said::new(&r, said));
        }
        CollectionsCommand::Rm { name } => {
            let r: Removed = client
                .call::<protocol::kb::RemoveCollection>(&CollectionName { name: name.clone() })
                .await?;
            ctx.out.emit(&removed(&r, &format!("collection {name}")));
        }
    }
    Ok(())
}

/// A table of collections; `-q` lists their names.
impl Render for CollectionsResult {
    fn human(&self, page: &mut Page) {
        let rows: Vec<Vec<String>> = self
            .collections
            .iter()
            .map(|c| {
                vec![
                    c.name.clone(),
                    c.owner.clone().unwrap_or_else(|| "-".into()),
                    if c.shared { "yes" } else { "no" }.into(),
                    c.documents.to_string(),
                    c.chunks.to_string(),
                    c.vectors
                        .map_or_else(|| "-".into(), |n| format!("{n}/{}", c.chunks)),
                    bytes(c.bytes),
                ]
            })
            .collect();
        page.table(
            &[
                "NAME",
                "OWNER",
                "SHARED",
                "DOCUMENTS",
                "CHUNKS",
                "VECTORS",
                "SIZE",
            ],
            &rows,
        );
    }

    fn quiet(&self, page: &mut Page) {
        page.ids(self.collections.iter().map(|c| &c.name));
    }
}

/// What a removal took away; nothing with `-q`.
fn removed<'a>(r: &'a Removed, what: &str) -> Said<'a, Removed> {
    Said::new(
        r,
        format!(
            "removed {what}: {} documents, {} chunks",
            r.documents, r.chunks
        ),
    )
}
