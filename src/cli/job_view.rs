//! What `cgen jobs show` (and the end of `jobs wait`) says about one job, as labelled fields:
//! how it stands, what it was asked to do (its spec, by kind) and what it made (its result).
//! A new fact about a job is one more field here; JSON output stays the daemon's view.

use super::clock::Clock;
use super::render::Field;
use crate::protocol::generate::GenerateSpec;
use crate::protocol::jobs::{
    ChildCounts, IngestOutcome, JobOutcome, JobSpec, JobView, QualitySummary,
};
use crate::protocol::kb::IngestSpec;

/// Skipped sources listed before the rest are only counted.
const SKIPS_SHOWN: usize = 20;
/// A batch's topics listed before the rest are only counted.
const TOPICS_SHOWN: usize = 10;

/// Every field of `jobs show`, in reading order: state, spec, result.
pub fn fields(job: &JobView, clock: Clock) -> Vec<Field> {
    let mut f = state_fields(job, clock);
    match &job.spec {
        JobSpec::Generate(g) => generate_fields(&mut f, g),
        JobSpec::Ingest(i) => ingest_fields(&mut f, i),
        JobSpec::Batch(b) => {
            f.push(("articles", b.items.len().to_string()));
            let mut topics: Vec<String> = b
                .items
                .iter()
                .take(TOPICS_SHOWN)
                .map(|g| g.topic.clone())
                .collect();
            if b.items.len() > TOPICS_SHOWN {
                topics.push(format!("… and {} more", b.items.len() - TOPICS_SHOWN));
            }
            f.push(("topics", topics.join("\n")));
        }
    }
    if let Some(c) = &job.children {
        f.push(("children", children(c)));
    }
    if let Some(r) = &job.result {
        result_fields(&mut f, r, job.children.is_some());
    }
    f
}

fn state_fields(job: &JobView, clock: Clock) -> Vec<Field> {
    let mut f = vec![("created", clock.show(&job.created_at))];
    for (label, at) in [
        ("started", &job.started_at),
        ("finished", &job.finished_at),
        ("not before", &job.run_after),
    ] {
        if let Some(at) = at {
            f.push((label, clock.show(at)));
        }
    }
    if let Some(ms) = job.retry_in_ms {
        let wait = humantime::format_duration(std::time::Duration::from_secs(ms.div_ceil(1000)));
        f.push((
            "retry in",
            format!("{wait} (why: `cgen jobs watch {}`)", job.id),
        ));
    }
    f.push(("attempts", format!("{}/{}", job.attempts, job.max_attempts)));
    f.push(("priority", job.priority.to_string()));
    if let Some(e) = &job.error {
        f.push(("error", format!("{} ({})", e.message, e.kind)));
    }
    if let Some(parent) = job.parent_id {
        f.push(("batch", format!("job {parent}")));
    }
    if let Some(owner) = &job.owner {
        f.push(("key", owner.clone()));
    }
    f.push(("correlation", job.correlation_id.clone()));
    f
}

fn generate_fields(f: &mut Vec<Field>, g: &GenerateSpec) {
    let topic = if g.auto_topic && g.topic.is_empty() {
        "(picked from the knowledge base)".to_string()
    } else {
        g.topic.clone()
    };
    f.push(("topic", topic));
    let workflow = if g.workflow.is_empty() {
        crate::generate::workflow::DEFAULT_WORKFLOW
    } else {
        &g.workflow
    };
    f.push(("workflow", workflow.to_string()));
    let collections = if g.collections.is_empty() {
        "all".to_string()
    } else {
        g.collections.join(", ")
    };
    f.push(("collections", collections));
    let out = if g.stdout {
        "standard output".to_string()
    } else {
        g.out_dir.clone()
    };
    f.push(("output", out));
    let mut format = g.format.clone();
    if let Some(layout) = &g.layout {
        format.push_str(&format!(", {layout} layout"));
    }
    f.push(("format", format));
    let optional = [
        ("template", g.template.clone()),
        ("provider", g.provider.clone()),
        ("model", g.model.clone()),
        ("date", g.date.clone()),
        ("max tokens", g.max_tokens.map(|n| n.to_string())),
        ("max cost", g.max_cost.map(|c| c.to_string())),
        (
            "tone",
            g.tone.as_ref().map(|_| "a profile of its own".to_string()),
        ),
    ];
    f.extend(optional.into_iter().filter_map(|(l, v)| Some((l, v?))));
    if !g.vars.is_empty() {
        let vars: Vec<String> = g.vars.iter().map(|(k, v)| format!("{k}={v}")).collect();
        f.push(("vars", vars.join("\n")));
    }
    let flags: Vec<&str> = [
        (g.strict, "strict"),
        (g.force, "force"),
        (g.no_cache, "no cache"),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect();
    if !flags.is_empty() {
        f.push(("options", flags.join(", ")));
    }
}

fn ingest_fields(f: &mut Vec<Field>, i: &IngestSpec) {
    f.push(("sources", i.sources.join("\n")));
    f.push(("collection", i.collection.clone()));
    if let Some(base) = &i.base_url {
        f.push(("base url", base.clone()));
    }
    if !i.include.is_empty() {
        f.push(("include", i.include.join(", ")));
    }
    if !i.exclude.is_empty() {
        f.push(("exclude", i.exclude.join(", ")));
    }
    if i.prune {
        f.push(("options", "prune".into()));
    }
}

/// `10: 7 succeeded, 2 failed, 1 running` (states with none left out).
fn children(c: &ChildCounts) -> String {
    let by_state: Vec<String> = [
        (c.succeeded, "succeeded"),
        (c.failed, "failed"),
        (c.cancelled, "cancelled"),
        (c.running, "running"),
        (c.queued, "queued"),
        (c.paused, "paused"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, s)| format!("{n} {s}"))
    .collect();
    format!("{}: {}", c.total, by_state.join(", "))
}

/// The result as fields: a generation's article, an ingest's counts; anything else (a
/// batch's children ids, counted above) as compact JSON only when nothing said it already.
fn result_fields(f: &mut Vec<Field>, r: &JobOutcome, counted: bool) {
    match r {
        JobOutcome::Generate(g) => {
            let article = match (&g.path, g.bytes) {
                (Some(path), _) => path.clone(),
                (None, Some(bytes)) => format!("written to standard output ({bytes} bytes)"),
                (None, None) => "not written".to_string(),
            };
            f.push(("article", article));
            f.push(("title", g.title.clone()));
            if let Some(manifest) = &g.manifest {
                f.push(("manifest", manifest.clone()));
            }
            if let Some(backup) = &g.backup {
                f.push(("previous", backup.clone()));
            }
            if let Some(verdict) = quality_verdict(g.quality.as_ref()) {
                f.push(("quality", verdict));
            }
            f.push((
                "made of",
                format!("{} sections, {} sources", g.sections, g.sources),
            ));
        }
        JobOutcome::Ingest(i) => {
            f.push((
                "ingested",
                format!(
                    "{} new or changed, {} unchanged, {} skipped, {} chunks",
                    i.ingested, i.unchanged, i.skipped, i.chunks
                ),
            ));
            let skips = skipped(i);
            if !skips.is_empty() {
                f.push(("skipped", skips.join("\n")));
            }
        }
        other if !counted => {
            let text = serde_json::to_value(other).unwrap_or_default().to_string();
            f.push(("result", text));
        }
        _ => {}
    }
}

/// An ingest's skipped sources with their reasons, the first `SKIPS_SHOWN` of them.
pub fn skipped(r: &IngestOutcome) -> Vec<String> {
    let all = &r.skipped_sources;
    let mut lines: Vec<String> = all
        .iter()
        .take(SKIPS_SHOWN)
        .map(|s| format!("{}: {}", s.source, s.reason))
        .collect();
    if all.len() > SKIPS_SHOWN {
        lines.push(format!("… and {} more", all.len() - SKIPS_SHOWN));
    }
    lines
}

/// `passed`, or `failed headings, citations`, from a generation result's quality summary.
pub fn quality_verdict(q: Option<&QualitySummary>) -> Option<String> {
    let q = q?;
    if q.passed {
        return Some("passed".into());
    }
    Some(format!("failed {}", q.failed.join(", ")))
}

/// Summary line for a finished generate job.
pub fn describe_result(result: &JobOutcome) -> Option<String> {
    let JobOutcome::Generate(g) = result else {
        return None;
    };
    let mut line = format!("wrote {}", g.path.as_deref()?);
    if let Some(verdict) = quality_verdict(g.quality.as_ref()) {
        line.push_str(&format!(" (quality: {verdict})"));
    }
    Some(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn results_describe_where_the_article_went() {
        let r = JobOutcome::Generate(
            serde_json::from_value(json!({"topic": "x", "path": "/o/x/index.md",
                "quality": {"passed": false, "failed": ["headings"], "words": 0,
                "readability_grade": 0.0}}))
            .unwrap(),
        );
        assert_eq!(
            describe_result(&r).unwrap(),
            "wrote /o/x/index.md (quality: failed headings)"
        );
        assert_eq!(quality_verdict(None), None);
    }

    #[test]
    fn children_are_counted_by_state() {
        let c = ChildCounts {
            total: 4,
            succeeded: 2,
            failed: 1,
            running: 1,
            ..ChildCounts::default()
        };
        assert_eq!(children(&c), "4: 2 succeeded, 1 failed, 1 running");
    }
}
