//! The ingest job: finds the sources (`kb::sources`), reads, sniffs, parses and chunks each on
//! blocking threads, and stores documents in batches, each batch one transaction. Files whose
//! content hash is unchanged are skipped; refused files are reported with a reason and never
//! fail the batch. Cancellation is checked between files. With `kb.embeddings` configured, the
//! job then embeds the collection's chunks that lack a vector (`jobs::embed`).
//!
//! Only documents are stored: files the user excluded and site assets (`kb::assets`) are
//! skipped before they are read, pages that are not documents (`kb::classify`) after they are
//! parsed, unless an `--include` glob names them. Each document gets its public reference
//! (`kb::reference`); one that repeats a document already stored, exactly or nearly
//! (`kb::dedup`), is skipped naming the one it repeats, and a chunk whose text another
//! document already holds is stored once. Site-name suffixes the pages share are stripped
//! from the titles at the end (`kb::titles`).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use futures_util::StreamExt;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::Runtime;
use super::scheduler::{JobContext, JobError};
use crate::config::KbConfig;
use crate::kb::assets::{Filters, Verdict, asset_reason, is_source_of_page_beside};
use crate::kb::chunk::{ChunkOptions, chunk};
use crate::kb::dedup::{DupIndex, Fingerprint, MIN_NEAR_WORDS};
use crate::kb::local_access::LocalAccess;
use crate::kb::parse::parse;
use crate::kb::reference::{Origin, reference, relative_path, validate_base_url};
use crate::kb::sniff::{decode_text, sniff};
use crate::kb::sources::{
    SizedFile, Skipped, SourceLimits, SourceRef, discover, fetch_url, read_file,
};
use crate::kb::template::{SampledPage, SiteTemplate};
use crate::kb::url_guard::UrlGuard;
use crate::protocol::jobs::{IngestOutcome, JobEventKind, JobFailureKind, SkippedSource};
use crate::protocol::kb::IngestSpec;
use crate::store::docs::{NewChunk, NewDocument};

/// Files handed to one blocking task, at most; big enough to amortise the hand-off, small
/// enough to keep both cores busy and progress events frequent.
const FILES_PER_TASK: usize = 16;
/// Bytes of files handed to one blocking task, at most (a bigger file goes alone). Files come
/// smallest first, so the last tasks hold the largest pages: a task of sixteen of them would
/// parse alone for a second at the end, one core idle and the writer waiting for it, where
/// tasks of a few pages each are shared by both cores and stored as they come.
const BYTES_PER_TASK: u64 = 512 << 10;
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
    filters: Filters,
    /// `--type`: the file types a folder walk keeps (all when None).
    types: Option<ignore::types::Types>,
    base_url: Option<reqwest::Url>,
    /// The job's inputs, to find each file's path relative to the folder it was found in.
    inputs: Vec<String>,
}

impl Settings {
    fn of(
        kb: &KbConfig,
        spec: &IngestSpec,
        access: LocalAccess,
    ) -> Result<Arc<Settings>, JobError> {
        let invalid = |why: String| JobError::permanent(JobFailureKind::InvalidSpec, why);
        let filters = Filters::new(&spec.include, &spec.exclude).map_err(invalid)?;
        let types = crate::kb::assets::file_types(&spec.types).map_err(invalid)?;
        let base_url = match &spec.base_url {
            Some(b) => Some(validate_base_url(b).map_err(invalid)?),
            None => None,
        };
        Ok(Arc::new(Settings {
            access,
            guard: UrlGuard::new(&kb.allow_private_urls),
            filters,
            types,
            base_url,
            inputs: spec.sources.clone(),
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
        }))
    }
}

/// What became of one source.
enum Prepared {
    /// A document, and whether an `--include` glob named it.
    Document(Box<NewDocument>, bool),
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
    /// The collection's documents and chunk texts, to find repeats (`kb::dedup`).
    dups: DupIndex,
    chunk_owners: HashMap<String, String>,
    /// The passages of this job's documents (`kb::dedup::passages`), to find all-in-one pages.
    passage_owners: HashMap<[u8; 16], String>,
    /// Titles of the documents stored, for the site-suffix pass at the end.
    titles: Vec<(String, String)>,
    duplicate_chunks: usize,
}

impl Tally {
    /// Counts a skipped source; the first `MAX_REPORTED_SKIPS` are also logged as warning
    /// events and listed in the result.
    async fn skip(&mut self, ctx: &JobContext, mut s: Skipped) {
        // Shown in events, the result, the error and the log: a URL's credentials hidden.
        s.source = crate::protocol::redact::urls(&s.source).into_owned();
        self.skipped_total += 1;
        if self.skipped.len() < MAX_REPORTED_SKIPS {
            let message = format!("skipped {}: {}", s.source, s.reason);
            ctx.event(JobEventKind::Warning, message, None).await;
            self.skipped.push(s);
        }
    }
}

pub async fn run(ctx: &JobContext, spec: IngestSpec) -> Result<IngestOutcome, JobError> {
    let rt = ctx.runtime.clone();
    // The collection must be the job owner's, or new (it becomes the owner's): checked at
    // submit, and again here, since an admin may have removed it and another key taken the
    // name before this attempt.
    let (collection, owner) = (spec.collection.clone(), ctx.job.owner.clone());
    rt.store
        .write(move |c| crate::store::collections::claim(c, &collection, owner.as_deref()))
        .await
        .map_err(|e| match e {
            crate::store::StoreError::Conflict(why) => {
                JobError::permanent(JobFailureKind::Conflict, why)
            }
            other => JobError::store(other),
        })?;
    let config = rt.config();
    let admin = rt
        .owner_is_admin(ctx.job.owner.clone())
        .await
        .map_err(JobError::store)?;
    let settings = Settings::of(
        &config.kb,
        &spec,
        LocalAccess::new(&rt.paths, &config.kb, admin),
    )?;
    let inputs = spec.sources.clone();
    let found_with = settings.clone();
    let (refs, skipped) = tokio::task::spawn_blocking(move || {
        discover(
            &inputs,
            &found_with.limits,
            &found_with.access,
            found_with.types.as_ref(),
        )
    })
    .await
    .map_err(|e| JobError::permanent(JobFailureKind::Internal, e.to_string()))?;
    let mut tally = Tally {
        discovered: refs.len(),
        ..Tally::default()
    };
    let collection = spec.collection.clone();
    let known = rt
        .store
        .read(move |c| crate::store::docs::known(c, &collection))
        .await
        .map_err(JobError::store)?;
    for (source, text_hash, simhash) in known.documents {
        tally
            .dups
            .add(source, stored_fingerprint(&text_hash, simhash));
    }
    tally.chunk_owners.extend(known.chunks);
    for s in skipped {
        tally.skip(ctx, s).await;
    }
    ctx.event(
        JobEventKind::Progress,
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
    // The order decides which of two documents sharing passages keeps them (`ingest_order`).
    let files = crate::kb::sources::ingest_order(files);
    let learnt = learn_template(&settings, &files).await?;
    ingest_files(
        ctx,
        &rt,
        &settings,
        &learnt,
        &spec.collection,
        files,
        &mut tally,
    )
    .await?;
    ingest_urls(ctx, &rt, &settings, &spec.collection, urls, &mut tally).await?;

    strip_site_suffixes(&rt, &spec.collection, &mut tally).await?;
    let pruned = if spec.prune {
        prune(ctx, &rt, &spec, seen).await?
    } else {
        Vec::new()
    };
    let mut outcome = summarise(&spec, tally, pruned)?;
    outcome.embedding = super::embed::fill_collection(ctx, &rt, &spec.collection)
        .await?
        .map(|filled| filled.outcome());
    Ok(outcome)
}

/// The template of the HTML pages among `files` (`kb::template`), learnt from a sample before
/// anything is stored so that every page loses it alike, and the sampled pages as parsed.
/// Excluded files are not read.
async fn learn_template(
    settings: &Arc<Settings>,
    files: &[SizedFile],
) -> Result<Arc<Learnt>, JobError> {
    let (settings, files) = (settings.clone(), files.to_vec());
    tokio::task::spawn_blocking(move || {
        SiteTemplate::learn_from_files(&files, |path| {
            let relative = relative_path(path, &settings.inputs);
            (settings.filters.verdict(&relative) != Verdict::Excluded)
                .then(|| read_file(path, &settings.limits, &settings.access).ok())
                .flatten()
        })
    })
    .await
    .map(|(template, sampled)| Arc::new(Learnt { template, sampled }))
    .map_err(|e| JobError::permanent(JobFailureKind::Internal, e.to_string()))
}

/// A stored document's fingerprints as `DupIndex` compares them (a SimHash of 0 was stored
/// for texts too short to compare that way).
fn stored_fingerprint(text_hash: &str, simhash: u64) -> Fingerprint {
    let mut exact = [0u8; 16];
    if let Ok(bytes) = hex::decode(text_hash)
        && bytes.len() == 16
    {
        exact.copy_from_slice(&bytes);
    }
    Fingerprint {
        exact,
        simhash,
        words: if simhash == 0 { 0 } else { MIN_NEAR_WORDS },
    }
}

/// Strips the site-name suffix that the titles stored by this job share (`kb::titles`).
async fn strip_site_suffixes(
    rt: &Runtime,
    collection: &str,
    tally: &mut Tally,
) -> Result<(), JobError> {
    let titles = std::mem::take(&mut tally.titles);
    let suffixes = crate::kb::titles::common_suffixes(titles.iter().map(|(_, t)| t.as_str()));
    if suffixes.is_empty() {
        return Ok(());
    }
    let changed: Vec<(String, String)> = titles
        .iter()
        .filter_map(|(source, title)| {
            crate::kb::titles::strip_suffix(title, &suffixes).map(|t| (source.clone(), t))
        })
        .collect();
    let collection = collection.to_string();
    rt.store
        .write(move |c| crate::store::docs::retitle(c, &collection, &changed))
        .await
        .map_err(JobError::store)
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
    learnt: &Arc<Learnt>,
    collection: &str,
    files: Vec<SizedFile>,
    tally: &mut Tally,
) -> Result<(), JobError> {
    let total = tally.discovered;
    let sites = Arc::new(crate::kb::assets::site_folders(
        files.iter().map(|f| f.path.as_path()),
    ));
    let parallel = std::thread::available_parallelism().map_or(2, |n| n.get());
    let groups = tasks(files);
    let (parsed, mut waiting) = tokio::sync::mpsc::channel(parallel);
    let parse = async move {
        let mut prepared = futures_util::stream::iter(groups)
            .map(|group| {
                let (rt, settings, sites) = (rt.clone(), settings.clone(), sites.clone());
                let learnt = learnt.clone();
                let collection = collection.to_string();
                let cancel = ctx.cancel.clone();
                let job_id = ctx.job.id;
                tokio::task::spawn_blocking(move || {
                    group
                        .iter()
                        .take_while(|_| !cancel.is_cancelled())
                        .map(|path| {
                            let site = Site {
                                folders: &sites,
                                template: &learnt.template,
                                sampled: &learnt.sampled,
                            };
                            prepare_file(&rt, &settings, &site, &collection, path, job_id)
                        })
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
                    JobError::permanent(JobFailureKind::Internal, format!("a parser crashed: {e}"))
                })?;
                batch.extend(group);
                next = waiting.try_recv().ok();
            }
            done += batch.len();
            store_group(ctx, rt, batch, tally).await?;
            ctx.event(
                JobEventKind::Progress,
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

/// `files`, in order, cut into the groups of one blocking task each: `FILES_PER_TASK` files
/// or `BYTES_PER_TASK` bytes at most, whichever comes first.
fn tasks(files: Vec<SizedFile>) -> Vec<Vec<PathBuf>> {
    let mut groups = Vec::new();
    let (mut group, mut bytes) = (Vec::new(), 0);
    for file in files {
        let size = file.bytes.unwrap_or(0);
        if !group.is_empty() && (group.len() == FILES_PER_TASK || bytes + size > BYTES_PER_TASK) {
            groups.push(std::mem::take(&mut group));
            bytes = 0;
        }
        bytes += size;
        group.push(file.path);
    }
    if !group.is_empty() {
        groups.push(group);
    }
    groups
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
    let client = settings.guard.client().map_err(|e| {
        JobError::permanent(JobFailureKind::Internal, format!("no HTTP client: {e}"))
    })?;
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
                    let source = Source {
                        name: &url2,
                        hint: &name,
                        origin: Origin::Url(&url2),
                        included: false,
                        parsed_before: None,
                    };
                    let template = SiteTemplate::default();
                    prepare_bytes(
                        &rt2,
                        &settings,
                        &template,
                        &collection,
                        &source,
                        &bytes,
                        job_id,
                    )
                })
                .await
                .map_err(|e| {
                    JobError::permanent(JobFailureKind::Internal, format!("a parser crashed: {e}"))
                })?
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
            Prepared::Document(d, included) => match keep_once(*d, included, tally) {
                Ok(d) => docs.push(d),
                Err(s) => tally.skip(ctx, s).await,
            },
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

/// The document, without the chunks another document already holds, unless it repeats a
/// document of the collection; then why it is skipped. Runs on the storing side, in source
/// order, so the first copy is the one kept.
fn keep_once(
    mut doc: NewDocument,
    included: bool,
    tally: &mut Tally,
) -> Result<NewDocument, Skipped> {
    let fingerprint = stored_fingerprint(&doc.text_hash, doc.simhash);
    if let Some((original, exact)) = tally.dups.duplicate_of(&doc.source, &fingerprint) {
        let how = if exact {
            "the same text as"
        } else {
            "a near duplicate of"
        };
        return Err(Skipped {
            reason: format!("{how} {original}, already stored"),
            source: doc.source,
        });
    }
    // Short chunks ("Examples", "Returns the length.") differ by the heading they stand
    // under; only passages long enough to be the same passage are stored once. Each chunk is
    // judged once (its words counted, its hash looked up): they are counted, then dropped.
    let is_long = |c: &NewChunk| c.text.split_whitespace().count() >= MIN_NEAR_WORDS;
    let held_elsewhere = |c: &NewChunk| {
        tally
            .chunk_owners
            .get(&c.hash)
            .is_some_and(|owner| *owner != doc.source)
    };
    let (mut long, mut copies) = (0, Vec::with_capacity(doc.chunks.len()));
    for c in &doc.chunks {
        let is_long = is_long(c);
        long += usize::from(is_long);
        copies.push(is_long && held_elsewhere(c));
    }
    let copied = copies.iter().filter(|copy| **copy).count();
    let passages = crate::kb::dedup::passages(doc.chunks.iter().map(|c| c.text.as_str()));
    let owners: Vec<&String> = passages
        .iter()
        .filter_map(|p| tally.passage_owners.get(p))
        .filter(|o| **o != doc.source)
        .collect();
    let sources = owners.iter().collect::<HashSet<_>>().len();
    let judged = crate::kb::classify::copied_passages(copied, long)
        .or_else(|| crate::kb::classify::gathered_pages(owners.len(), passages.len(), sources));
    if !included && let Some(reason) = judged {
        return Err(Skipped {
            reason: format!("{reason}; --include a glob to ingest it"),
            source: doc.source,
        });
    }
    tally.dups.remove(&doc.source);
    tally.dups.add(doc.source.clone(), fingerprint);
    let before = doc.chunks.len();
    let mut copies = copies.into_iter();
    doc.chunks.retain(|_| !copies.next().unwrap_or(false));
    if doc.chunks.is_empty() {
        tally.dups.remove(&doc.source);
        return Err(Skipped {
            reason: format!("every one of its {before} passages repeats other pages"),
            source: doc.source,
        });
    }
    tally.duplicate_chunks += before - doc.chunks.len();
    for p in passages {
        tally
            .passage_owners
            .entry(p)
            .or_insert_with(|| doc.source.clone());
    }
    for c in &doc.chunks {
        tally
            .chunk_owners
            .entry(c.hash.clone())
            .or_insert_with(|| doc.source.clone());
    }
    if let Some(title) = &doc.title {
        tally.titles.push((doc.source.clone(), title.clone()));
    }
    Ok(doc)
}

/// What the ingest learnt of the sites it reads before reading their pages one by one: the
/// folders that hold HTML pages, the template their pages repeat, and the pages parsed to
/// learn it.
struct Site<'a> {
    folders: &'a HashSet<PathBuf>,
    template: &'a SiteTemplate,
    sampled: &'a HashMap<PathBuf, SampledPage>,
}

/// What learning the template gave: the template, and the pages parsed to learn it, by path.
struct Learnt {
    template: SiteTemplate,
    sampled: HashMap<PathBuf, SampledPage>,
}

fn prepare_file(
    rt: &Runtime,
    settings: &Settings,
    site: &Site<'_>,
    collection: &str,
    path: &Path,
    job_id: i64,
) -> Prepared {
    let source = path.display().to_string();
    let relative = relative_path(path, &settings.inputs);
    let verdict = settings.filters.verdict(&relative);
    let skip = |reason: String| {
        Prepared::Skipped(Skipped {
            source: source.clone(),
            reason,
        })
    };
    match verdict {
        Verdict::Excluded => return skip("excluded by --exclude".into()),
        Verdict::Default => {
            if let Some(reason) = asset_reason(&relative) {
                return skip(format!("{reason}; --include a glob to ingest it"));
            }
            if crate::kb::assets::is_data_of_site(path, site.folders) {
                return skip(
                    "data file of a documentation site (JSON beside its HTML pages); \
                     --include a glob to ingest it"
                        .into(),
                );
            }
            if is_source_of_page_beside(path) {
                return skip(
                    "markup source of the page beside it (the page is ingested); \
                     --include a glob to ingest it"
                        .into(),
                );
            }
        }
        Verdict::Included => {}
    }
    let bytes = match read_file(path, &settings.limits, &settings.access) {
        Ok(b) => b,
        Err(s) => return Prepared::Skipped(s),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let origin = Origin::File {
        relative: &relative,
        base_url: settings.base_url.as_ref(),
    };
    let included = verdict == Verdict::Included;
    let source = Source {
        name: &source,
        hint: &name,
        origin,
        included,
        parsed_before: site.sampled.get(path),
    };
    prepare_bytes(
        rt,
        settings,
        site.template,
        collection,
        &source,
        &bytes,
        job_id,
    )
}

/// One source being prepared: its name in the store, the file name the sniffer sees, where it
/// came from, whether an `--include` glob overrides the default skip rules, and its parse as
/// an HTML page when learning the template made one.
struct Source<'a> {
    name: &'a str,
    hint: &'a str,
    origin: Origin<'a>,
    included: bool,
    parsed_before: Option<&'a SampledPage>,
}

/// Hash, compare, sniff, decode, parse, judge and chunk one source's bytes.
fn prepare_bytes(
    rt: &Runtime,
    settings: &Settings,
    template: &SiteTemplate,
    collection: &str,
    src: &Source<'_>,
    bytes: &[u8],
    job_id: i64,
) -> Prepared {
    let (source, name_hint) = (src.name, src.hint);
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
    if !src.included
        && format == crate::kb::sniff::Format::Html
        && let Some(reason) = crate::kb::classify::oversized_html(bytes.len())
    {
        return skipped(format!("{reason}; --include a glob to ingest it"));
    }
    let (text, lossy) = decode_text(bytes);
    let mut parsed = match src.parsed_before {
        // The same bytes parsed the same way: the template's sample, parsed already.
        Some(page) if format == crate::kb::sniff::Format::Html && page.content_hash == hash => {
            page.parsed.clone()
        }
        _ => parse(&format, &text),
    };
    if !src.included
        && let Some(reason) = crate::kb::classify::skip_reason(&parsed)
    {
        return skipped(format!("{reason}; --include a glob to ingest it"));
    }
    let dropped = template.strip(&mut parsed);
    let chunks = chunk(&parsed, &settings.chunks);
    if chunks.is_empty() && dropped > 0 {
        return skipped("nothing but the site's template (blocks repeated on many pages)".into());
    }
    if chunks.is_empty() {
        return skipped("no text content".into());
    }
    let first_h1 = parsed.blocks.iter().find_map(|b| {
        (b.kind == crate::kb::parse::BlockKind::Heading { level: 1 }).then_some(b.text.as_str())
    });
    let title = parsed
        .title
        .as_deref()
        .map(|t| crate::kb::titles::strip_with_heading(t, first_h1));
    let canonical = parsed.page.as_ref().and_then(|p| p.canonical.as_deref());
    let (reference, note) = reference(canonical, &parsed.metadata, &src.origin);
    let mut metadata = parsed.metadata;
    if lossy {
        metadata.insert("invalid_utf8".into(), Value::Bool(true));
    }
    if let Some(note) = note {
        metadata.insert("reference_note".into(), Value::String(note));
    }
    // The page after this one in the site's reading order orders a chapter's nested pages
    // (`kb::reading_order`); only the page's own link says so, never its front matter.
    metadata.remove(crate::kb::reading_order::METADATA_KEY);
    if let Some(next) = parsed
        .page
        .as_ref()
        .and_then(|p| p.next.as_deref())
        .and_then(|href| crate::kb::reading_order::resolve_next(source, href))
    {
        metadata.insert(
            crate::kb::reading_order::METADATA_KEY.into(),
            Value::String(next),
        );
    }
    let (simhashes, fingerprint) =
        crate::kb::dedup::of_chunks(chunks.iter().map(|c| c.text.as_str()));
    let chunks = chunks
        .into_iter()
        .zip(simhashes)
        .map(|(c, simhash)| NewChunk {
            hash: hex::encode(Sha256::digest(c.text.as_bytes())),
            simhash,
            kind: c.kind.name(),
            heading_path: c.heading_path,
            text: c.text,
            byte_start: c.start as u64,
            byte_end: c.end as u64,
        })
        .collect();
    let document = NewDocument {
        collection: collection.to_string(),
        source: source.to_string(),
        reference,
        text_hash: fingerprint.exact_hex(),
        simhash: fingerprint.stored_simhash(),
        title,
        format: format.name().to_string(),
        content_hash: hash,
        bytes: bytes.len() as u64,
        metadata,
        job_id: Some(job_id),
        chunks,
    };
    Prepared::Document(Box::new(document), src.included)
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
            JobEventKind::Log,
            format!("pruned {} documents whose files are gone", removed.len()),
            None,
        )
        .await;
    }
    Ok(removed)
}

/// The job's result, or its failure when nothing at all could be ingested.
fn summarise(
    spec: &IngestSpec,
    tally: Tally,
    pruned: Vec<String>,
) -> Result<IngestOutcome, JobError> {
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
            JobError::transient(JobFailureKind::Fetch, message)
        } else {
            JobError::permanent(JobFailureKind::NoInput, message)
        });
    }
    Ok(IngestOutcome {
        bytes: tally.bytes,
        chunks: tally.chunks as u64,
        collection: spec.collection.clone(),
        discovered: tally.discovered as u64,
        duplicate_chunks: tally.duplicate_chunks as u64,
        ingested: tally.ingested as u64,
        pruned,
        skipped: tally.skipped_total as u64,
        skipped_sources: tally
            .skipped
            .into_iter()
            .map(|s| SkippedSource {
                reason: s.reason,
                source: s.source,
            })
            .collect(),
        unchanged: tally.unchanged as u64,
        embedding: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_hold_sixteen_small_files_or_a_few_large_ones() {
        let file = |i: usize, bytes: u64| SizedFile {
            path: PathBuf::from(format!("{i}.html")),
            bytes: Some(bytes),
        };
        let mut files: Vec<SizedFile> = (0..20).map(|i| file(i, 1_000)).collect();
        files.extend((20..24).map(|i| file(i, 200 << 10)));
        files.push(file(24, 3 << 20));
        files.push(file(25, 1));
        let sizes: Vec<usize> = tasks(files.clone()).iter().map(Vec::len).collect();
        assert_eq!(sizes, vec![16, 6, 2, 1, 1]);
        let order: Vec<PathBuf> = tasks(files.clone()).into_iter().flatten().collect();
        assert_eq!(order, files.into_iter().map(|f| f.path).collect::<Vec<_>>());
    }

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
