//! The knowledge base's domain logic: finding sources, sniffing their type, parsing them into
//! structured blocks, cutting those into chunks, and turning a user's query into a safe FTS5
//! expression. No SQL and no sockets live here: `store::docs` persists what this module
//! produces, and `jobs` runs ingests.

pub mod assets;
pub mod chunk;
pub mod classify;
pub mod dedup;
pub mod fusion;
pub mod local_access;
pub mod parse;
pub mod query;
pub mod reference;
pub mod sniff;
pub mod snippet;
pub mod sources;
pub mod titles;
pub mod url_guard;
