//! The knowledge base's domain logic: finding sources, sniffing their type, parsing them into
//! structured blocks, cutting those into chunks, and turning a user's query into a safe FTS5
//! expression. No SQL and no sockets live here: `store::docs` persists what this module
//! produces, and `jobs` runs ingests.

pub mod assets;
pub mod chunk;
pub mod classify;
pub mod dedup;
pub mod fusion;
mod html_tokens;
mod html_tree;
pub mod local_access;
pub mod parse;
pub mod query;
pub mod reading_order;
pub mod reference;
pub mod settings;
pub mod sniff;
pub mod snippet;
pub mod sources;
pub mod template;
pub mod titles;
pub mod url_guard;

use crate::protocol::kb::IngestSpec;

/// What an ingest spec asks that only the knowledge base can judge: a base URL it can join
/// references below, globs that compile, file types it knows. `Err` names the spec's field and
/// says why; the daemon refuses such a spec at submit, before anything is queued.
pub fn check_spec(spec: &IngestSpec) -> Result<(), (&'static str, String)> {
    if let Some(base) = &spec.base_url {
        reference::validate_base_url(base).map_err(|why| ("base_url", why))?;
    }
    assets::Filters::new(&spec.include, &spec.exclude).map_err(|why| ("include", why))?;
    assets::file_types(&spec.types).map_err(|why| ("types", why))?;
    Ok(())
}
