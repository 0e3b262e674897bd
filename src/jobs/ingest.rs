//! The ingest job: finds the sources (`kb::sources`), reads, sniffs, parses and chunks each on
//! blocking threads, and stores documents in batches, each batch one transaction. Files whose
//! content hash is unchanged are skipped; refused files are reported with a reason and never
//! fail the batch. Cancellation is checked between files. With `kb.embeddings` configured, the
//! job then embeds the collection's chunks that lack a vector (`jobs::embed`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use futures_util::StreamExt;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::Runtime;
use super::scheduler::{JobContext, JobError};
use crate::config::KbConfig;
use crate::kb::chunk::{ChunkOptions, chunk};
use crate::kb::local_access::LocalAccess;
use crate::kb::parse::parse;
use crate::kb::sniff::{decode_text, sniff};
use crate::kb::sources::{Skipped, SourceLimits, SourceRef, discover, fetch_url, read_file};
use crate::kb::url_guard::UrlGuard;
use crate::protocol::kb::IngestSpec;
use crate::store::docs::{NewChunk, NewDocument};

/// Files handed to one blocking task; big enough to amortise the hand-off, small enough to
/// keep both cores busy and progress events frequent.
const FILES_PER_TASK: usize = 16;
/// Skipped sources listed individually in the job's result and events; the rest are counted.
const MAX_REPORTED_SKIPS: usize = 200;

/// The `[kb]` settings of one ingest job, taken once when it starts: a reload meanwhile does
/// not chunk half of its files one way and half another.
#[derive(Debug, Clone)]
struct Settings {
    limits: SourceLimits,
    chunks: ChunkOptions,
    /// What the job's owner may read (`kb.allowed_roots`) and reach (`kb.allow_private_urls`).
    access: LocalAccess,
    guard: UrlGuard,
}

impl Settings {
    fn of(kb: &KbConfig, access: LocalAccess) -> Arc<Settings> {
        Arc::new(Settings {
            access,
            guard: UrlGuard::new(&kb.allow_private_urls),
            limits: SourceLimits {
                max_file_bytes: kb.max_file_bytes,
                max_files: kb.max_files,
                url_timeout: kb.url_timeout,
                max_url_bytes: kb.max_url_bytes,
            },
            chunks: ChunkOptions {
                target_bytes: kb.chunk_target_bytes,
                overlap_bytes: kb.chunk_overlap_bytes,
                max_bytes: kb.chunk_max_bytes,
            },
        })
    }
}

/// What became of one source.
enum Prepared {
    Document(Box<NewDocument>),
    Unchanged,
    Skipped(Skipped),
}

/// Running totals, reported in events and as the job's result.
#[derive(Default)]
struct Tally {
    discovered: usize,
    ingested: usize,
    unchanged: usize,
    chunks: usize,
    bytes: u64,
    skipped: Vec<Skipped>,
    skipped_total: usize,
    transient_failures: usize,
}

impl Tally {
    /// Counts a skipped source; the first `MAX_REPORTED_SKIPS` are also logged as warning
    /// events and listed in the result.
    async fn skip(&mut self, ctx: &JobContext, mut s: Skipped) {
        // Shown in events, the result, the error and the log: a URL's credentials hidden.
        s.source = crate::redact::urls(&s.source).into_owned();
        self.skipped_total += 1;
        if self.skipped.len() < MAX_REPORTED_SKIPS {
            let message = format!("skipped {}: {}", s.source, s.reason);
            ctx.event("warning", message, None).await;
            self.skipped.push(s);
        }
    }
}

pub async fn run(ctx: &JobContext, spec: IngestSpec) -> Result<Value, JobError> {
    let rt = ctx.runtime.clone();
    // The collection must be the job owner's, or new (it becomes the owner's): checked at
    // submit, and again here, since an admin may have removed it and another key taken the
    // name before this attempt.
    let (collection, owner) = (spec.collection.clone(), ctx.job.owner.clone());
    rt.store
        .write(move |c| crate::store::collections::claim(c, &collection, owner.as_deref()))
        .await
        .map_err(|e| match e {
            crate::store::StoreError::Conflict(why) => JobError::permanent("conflict", why),
            other => JobError::store(other),
        })?;
    let config = rt.config();
    let admin = rt
        .owner_is_admin(ctx.job.owner.clone())
        .await
        .map_err(JobError::store)?;
    let settings = Settings::of(&config.kb, LocalAccess::new(&rt.paths, &config.kb, admin));
    let inputs = spec.sources.clone();
    let found_with = settings.clone();
    let (refs, skipped) = tokio::task::spawn_blocking(move || {
        discover(&inputs, &found_with.limits, &found_with.access)
    })
    .await
    .map_err(|e| JobError::permanent("internal", e.to_string()))?;
    let mut tally = Tally {
        discovered: refs.len(),
        ..Tally::default()
    };
    for s in skipped {
        tally.skip(ctx, s).await;
    }
    ctx.event(
        "progress",
        format!("found {} sources", refs.len()),
        Some(json!({"done": 0, "total": refs.len()})),
    )
    .await;

    let seen: HashSet<String> = refs.iter().map(source_name).collect();
    let mut files = Vec::new();
    let mut urls = Vec::new();
    for r in refs {
        match r {
            SourceRef::File(path) => files.push(path),
            SourceRef::Url(url) => urls.push(url),
        }
    }
    ingest_files(ctx, &rt, &settings, &spec.collection, files, &mut tally).await?;
    ingest_urls(ctx, &rt, &settings, &spec.collection, urls, &mut tally).await?;

    let pruned = if spec.prune {
        prune(ctx, &rt, &spec, seen).await?
    } else {
        Vec::new()
    };
    let mut result = summarise(&spec, tally, pruned)?;
    if let Some(filled) = super::embed::fill_collection(ctx, &rt, &spec.collection).await?
        && let (Value::Object(result), Value::Object(more)) = (&mut result, filled.to_json())
    {
        result.extend(more);
    }
    Ok(result)
}

fn source_name(r: &SourceRef) -> String {
    match r {
        SourceRef::File(p) => p.display().to_string(),
        SourceRef::Url(u) => u.clone(),
    }
}

/// Parses files on blocking threads, in order, and stores each group as it completes. Parsing
/// goes on while the writer stores: the parsed groups wait in a short queue, and the writer
/// takes all that are waiting in one transaction, so it catches up when it falls behind.
async fn ingest_files(
    ctx: &JobContext,
    rt: &Arc<Runtime>,
    settings: &Arc<Settings>,
    collection: &str,
    files: Vec<PathBuf>,
    tally: &mut Tally,
) -> Result<(), JobError> {
    let total = tally.discovered;
    let parallel = std::thread::available_parallelism().map_or(2, |n| n.get());
    let groups: Vec<Vec<PathBuf>> = files.chunks(FILES_PER_TASK).map(<[_]>::to_vec).collect();
    let (parsed, mut waiting) = tokio::sync::mpsc::channel(parallel);
    let parse = async move {
        let mut prepared = futures_util::stream::iter(groups)
            .map(|group| {
                let (rt, settings) = (rt.clone(), settings.clone());
                let collection = collection.to_string();
                let cancel = ctx.cancel.clone();
                let job_id = ctx.job.id;
                tokio::task::spawn_blocking(move || {
                    group
                        .iter()
                        .take_while(|_| !cancel.is_cancelled())
                        .map(|path| prepare_file(&rt, &settings, &collection, path, job_id))
                        .collect::<Vec<_>>()
                })
            })
            .buffered(parallel);
        while let Some(group) = prepared.next().await {
            if parsed.send(group).await.is_err() {
                break;
            }
        }
    };
    // Owning the queue's end, the storing side closes it when it stops early, which ends the
    // parsing side at its next send.
    let store = async move {
        let mut done = 0;
        while let Some(first) = waiting.recv().await {
            if ctx.cancel.is_cancelled() {
                return Err(JobError::cancelled());
            }
            let mut batch = Vec::new();
            let mut next = Some(first);
            while let Some(group) = next {
                let group = group.map_err(|e| {
                    JobError::permanent("internal", format!("a parser crashed: {e}"))
                })?;
                batch.extend(group);
                next = waiting.try_recv().ok();
            }
            done += batch.len();
            store_group(ctx, rt, batch, tally).await?;
            ctx.event(
                "progress",
                format!("processed {done} of {total} sources"),
                Some(json!({"done": done, "total": total})),
            )
            .await;
        }
        Ok(())
    };
    let ((), stored) = tokio::join!(parse, store);
    stored
}

/// Fetches URLs one at a time (politeness) and parses each on a blocking thread.
async fn ingest_urls(
    ctx: &JobContext,
    rt: &Arc<Runtime>,
    settings: &Arc<Settings>,
    collection: &str,
    urls: Vec<String>,
    tally: &mut Tally,
) -> Result<(), JobError> {
    if urls.is_empty() {
        return Ok(());
    }
    // One client per job: connections are pooled across its URLs, and a reload of
    // `kb.allow_private_urls` applies from the next job.
    let client = settings
        .guard
        .client()
        .map_err(|e| JobError::permanent("internal", format!("no HTTP client: {e}")))?;
    for url in urls {
        let fetched = tokio::select! {
            f = fetch_url(&client, &settings.guard, &url, &settings.limits) => f,
            _ = ctx.cancel.cancelled() => return Err(JobError::cancelled()),
        };
        let prepared = match fetched {
            Ok((bytes, content_type)) => {
                let (rt2, settings) = (rt.clone(), settings.clone());
                let name = url_name_hint(&url, content_type.as_deref());
                let (collection, url2, job_id) = (collection.to_string(), url.clone(), ctx.job.id);
                tokio::task::spawn_blocking(move || {
                    prepare_bytes(&rt2, &settings, &collection, &url2, &name, &bytes, job_id)
                })
                .await
                .map_err(|e| JobError::permanent("internal", format!("a parser crashed: {e}")))?
            }
            Err(e) => {
                if e.is_transient() {
                    tally.transient_failures += 1;
                }
                Prepared::Skipped(Skipped {
                    source: url.clone(),
                    reason: e.to_string(),
                })
            }
        };
        store_group(ctx, rt, vec![prepared], tally).await?;
    }
    Ok(())
}

/// The file name the sniffer sees for a URL: the last path segment, with an extension taken
/// from the content type when the path has none (`/docs/intro` served as text/markdown).
fn url_name_hint(url: &str, content_type: Option<&str>) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path.rsplit('/').next().unwrap_or_default().to_string();
    if last.contains('.') {
        return last;
    }
    let mime = content_type
        .unwrap_or_default()
        .split(';')
        .next()
        .unwrap_or_default()
        .trim();
    let ext = match mime {
        "text/markdown" | "text/x-markdown" => ".md",
        "text/html" | "application/xhtml+xml" => ".html",
        "application/json" => ".json",
        "application/yaml" | "application/x-yaml" | "text/yaml" => ".yaml",
        _ => "",
    };
    format!("{last}{ext}")
}

/// Writes the documents of one or more groups in one transaction and counts the rest.
async fn store_group(
    ctx: &JobContext,
    rt: &Runtime,
    group: Vec<Prepared>,
    tally: &mut Tally,
) -> Result<(), JobError> {
    let mut docs = Vec::new();
    for p in group {
        match p {
            Prepared::Document(d) => docs.push(*d),
            Prepared::Unchanged => tally.unchanged += 1,
            Prepared::Skipped(s) => tally.skip(ctx, s).await,
        }
    }
    if docs.is_empty() {
        return Ok(());
    }
    tally.ingested += docs.len();
    tally.chunks += docs.iter().map(|d| d.chunks.len()).sum::<usize>();
    tally.bytes += docs.iter().map(|d| d.bytes).sum::<u64>();
    rt.store
        .write(move |c| crate::store::docs::replace(c, &docs))
        .await
        .map_err(JobError::store)?;
    Ok(())
}

fn prepare_file(
    rt: &Runtime,
    settings: &Settings,
    collection: &str,
    path: &Path,
    job_id: i64,
) -> Prepared {
    let source = path.display().to_string();
    let bytes = match read_file(path, &settings.limits, &settings.access) {
        Ok(b) => b,
        Err(s) => return Prepared::Skipped(s),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    prepare_bytes(rt, settings, collection, &source, &name, &bytes, job_id)
}

/// Hash, compare, sniff, decode, parse and chunk one source's bytes.
fn prepare_bytes(
    rt: &Runtime,
    settings: &Settings,
    collection: &str,
    source: &str,
    name_hint: &str,
    bytes: &[u8],
    job_id: i64,
) -> Prepared {
    let skipped = |reason: String| {
        Prepared::Skipped(Skipped {
            source: source.to_string(),
            reason,
        })
    };
    let hash = hex::encode(Sha256::digest(bytes));
    let (c, s) = (collection.to_string(), source.to_string());
    match rt
        .store
        .read_blocking(move |conn| crate::store::docs::content_hash(conn, &c, &s))
    {
        Ok(Some(old)) if old == hash => return Prepared::Unchanged,
        Ok(_) => {}
        Err(e) => return skipped(format!("cannot check the store: {e}")),
    }
    let format = match sniff(name_hint, bytes) {
        Ok(f) => f,
        Err(refusal) => return skipped(refusal.reason),
    };
    let (text, lossy) = decode_text(bytes);
    let parsed = parse(&format, &text);
    let chunks = chunk(&parsed, &settings.chunks);
    if chunks.is_empty() {
        return skipped("no text content".into());
    }
    let mut metadata = parsed.metadata;
    if lossy {
        metadata.insert("invalid_utf8".into(), Value::Bool(true));
    }
    let chunks = chunks
        .into_iter()
        .map(|c| NewChunk {
            hash: hex::encode(Sha256::digest(c.text.as_bytes())),
            heading_path: c.heading_path,
            text: c.text,
            byte_start: c.start as u64,
            byte_end: c.end as u64,
        })
        .collect();
    Prepared::Document(Box::new(NewDocument {
        collection: collection.to_string(),
        source: source.to_string(),
        title: parsed.title,
        format: format.name().to_string(),
        content_hash: hash,
        bytes: bytes.len() as u64,
        metadata,
        job_id: Some(job_id),
        chunks,
    }))
}

async fn prune(
    ctx: &JobContext,
    rt: &Runtime,
    spec: &IngestSpec,
    seen: HashSet<String>,
) -> Result<Vec<String>, JobError> {
    // Only local roots can be pruned: a URL that failed to load is not "gone".
    let roots: Vec<String> = spec
        .sources
        .iter()
        .filter(|s| !s.contains("://"))
        .cloned()
        .collect();
    let collection = spec.collection.clone();
    let removed = rt
        .store
        .write(move |c| crate::store::docs::prune(c, &collection, &roots, &seen))
        .await
        .map_err(JobError::store)?;
    if !removed.is_empty() {
        ctx.event(
            "log",
            format!("pruned {} documents whose files are gone", removed.len()),
            None,
        )
        .await;
    }
    Ok(removed)
}

/// The job's result, or its failure when nothing at all could be ingested.
fn summarise(spec: &IngestSpec, tally: Tally, pruned: Vec<String>) -> Result<Value, JobError> {
    use crate::metrics as m;
    for (outcome, n) in [
        ("ingested", tally.ingested),
        ("unchanged", tally.unchanged),
        ("skipped", tally.skipped_total),
    ] {
        metrics::counter!(m::INGEST_DOCUMENTS, "outcome" => outcome).increment(n as u64);
    }
    metrics::counter!(m::INGEST_BYTES).increment(tally.bytes);
    metrics::counter!(m::INGEST_CHUNKS).increment(tally.chunks as u64);
    let nothing = tally.ingested == 0 && tally.unchanged == 0 && tally.skipped_total > 0;
    if nothing {
        let reasons: Vec<String> = tally
            .skipped
            .iter()
            .take(5)
            .map(|s| format!("{}: {}", s.source, s.reason))
            .collect();
        let message = format!("nothing to ingest: {}", reasons.join("; "));
        // Only worth retrying when something failed for a reason that can pass.
        return Err(if tally.transient_failures > 0 {
            JobError::transient("fetch", message)
        } else {
            JobError::permanent("no_input", message)
        });
    }
    Ok(json!({
        "collection": spec.collection,
        "discovered": tally.discovered,
        "ingested": tally.ingested,
        "unchanged": tally.unchanged,
        "chunks": tally.chunks,
        "bytes": tally.bytes,
        "skipped": tally.skipped_total,
        "skipped_sources": tally.skipped.iter().map(|s| json!({"source": s.source, "reason": s.reason})).collect::<Vec<_>>(),
        "pruned": pruned,
    }))
}

#[cfg(test)]
mod tests {
    use super::url_name_hint;

    #[test]
    fn url_name_hints_use_the_content_type_only_without_an_extension() {
        assert_eq!(
            url_name_hint("https://x.org/a/notes.md?x=1", Some("text/plain")),
            "notes.md"
        );
        assert_eq!(
            url_name_hint(
                "https://x.org/docs/intro",
                Some("text/markdown; charset=utf-8")
            ),
            "intro.md"
        );
        assert_eq!(
            url_name_hint("https://x.org/", Some("application/json")),
            ".json"
        );
        assert_eq!(url_name_hint("https://x.org/page", None), "page");
    }
}
