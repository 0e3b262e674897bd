//! Topic discovery: which subjects the knowledge base covers well enough for an article, and
//! the best-covered one that has no article yet (`--auto-topic`). Candidates are document
//! titles and second-level headings; coverage is how much retrieval finds for each.

use std::collections::{BTreeSet, HashSet};

use super::state::{Knowledge, StageError};
use crate::protocol::generate::Topic;

/// Candidate topics examined at most; a large knowledge base has thousands of headings.
const MAX_CANDIDATES: usize = 300;
/// Passages looked at per candidate.
const COVERAGE_DEPTH: usize = 50;
/// Fewest passages that make a topic worth listing.
const MIN_PASSAGES: u64 = 3;

/// Discovered topics, best covered first.
pub fn discover(
    knowledge: &dyn Knowledge,
    collections: &[String],
    written: &HashSet<String>,
    limit: usize,
) -> Result<Vec<Topic>, StageError> {
    let mut seen = HashSet::new();
    let mut topics = Vec::new();
    for (candidate, _) in knowledge.candidate_topics(collections, MAX_CANDIDATES)? {
        let topic = candidate
            .trim()
            .trim_end_matches(['?', ':', '.'])
            .to_string();
        if topic.len() < 3 || topic.len() > 120 || !seen.insert(topic.to_lowercase()) {
            continue;
        }
        let passages = knowledge.keyword_search(&topic, collections, COVERAGE_DEPTH)?;
        let relevant: Vec<_> = passages.iter().filter(|p| p.score > 0.0).collect();
        let documents: BTreeSet<i64> = relevant.iter().map(|p| p.document_id).collect();
        let count = relevant.len() as u64;
        if count < MIN_PASSAGES {
            continue;
        }
        // Many passages from several documents beat many passages from one.
        let score = relevant.iter().map(|p| p.score).sum::<f64>() * (documents.len() as f64).sqrt();
        topics.push(Topic {
            written: written.contains(&topic.to_lowercase()),
            topic,
            passages: count,
            documents: documents.len() as u64,
            score: (score * 100.0).round() / 100.0,
        });
    }
    topics.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.topic.cmp(&b.topic))
    });
    topics.truncate(limit);
    Ok(topics)
}

/// The best-covered topic without an article.
pub fn best_unwritten(
    knowledge: &dyn Knowledge,
    collections: &[String],
    written: &HashSet<String>,
) -> Result<String, StageError> {
    discover(knowledge, collections, written, MAX_CANDIDATES)?
        .into_iter()
        .find(|t| !t.written)
        .map(|t| t.topic)
        .ok_or_else(|| {
            StageError::NotEnoughMaterial(
                "every topic the knowledge base covers already has an article; ingest more sources or name a topic".into(),
            )
        })
}
