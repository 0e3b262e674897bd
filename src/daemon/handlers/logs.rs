//! `jobs.logs`: a job's own lines from the daemon's JSON log files. Every line written while a
//! job runs carries the job's span (with `job_id`), so the lines are found by that field.

use std::io::{BufRead, BufReader, Read};

use serde_json::Value;

use super::Call;
use crate::protocol::RpcError;
use crate::protocol::jobs::{JobId, JobLogs};

/// Log bytes read at most per request, newest files first: bounds the work of one call.
const MAX_SCAN_BYTES: u64 = 256 << 20;
/// Lines returned at most.
const MAX_LINES: usize = 5000;

pub async fn job_logs(call: Call, p: JobId) -> Result<JobLogs, RpcError> {
    // The job must exist (or have existed): a typo should say "no job", not "no lines".
    super::jobs::visible_job(&call, p.id).await?;
    let dir = call.daemon.paths.log_dir.clone();
    let lines = tokio::task::spawn_blocking(move || scan(&dir, p.id))
        .await
        .map_err(|e| RpcError::internal(e.to_string()))?;
    Ok(JobLogs { lines })
}

/// The job's lines across the daily files, oldest first.
fn scan(dir: &std::path::Path, job_id: i64) -> Vec<Value> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("daemon.") && n.ends_with(".log"))
        })
        .collect();
    // Daily names sort by date; read the newest first within the byte budget.
    files.sort();
    files.reverse();
    let mut budget = MAX_SCAN_BYTES;
    let mut per_file = Vec::new();
    for path in files {
        if budget == 0 {
            break;
        }
        let Ok(file) = std::fs::File::open(&path) else {
            continue;
        };
        let size = file.metadata().map(|m| m.len()).unwrap_or(0);
        budget = budget.saturating_sub(size);
        let lines: Vec<Value> = BufReader::new(file.take(MAX_SCAN_BYTES))
            .lines()
            .map_while(Result::ok)
            .filter(|l| l.contains("job_id"))
            .filter_map(|l| serde_json::from_str::<Value>(&l).ok())
            .filter(|v| belongs_to(v, job_id))
            .collect();
        per_file.push(lines);
    }
    let mut all: Vec<Value> = per_file.into_iter().rev().flatten().collect();
    let excess = all.len().saturating_sub(MAX_LINES);
    all.drain(..excess);
    all
}

fn belongs_to(line: &Value, job_id: i64) -> bool {
    line["spans"]
        .as_array()
        .is_some_and(|spans| spans.iter().any(|s| s["job_id"].as_i64() == Some(job_id)))
}
