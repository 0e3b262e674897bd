//! The integration tests, as one test binary: each module is the tests of one area, against the
//! real `cgen` binary and real daemon processes, and `common` holds what they share. One binary
//! links once and compiles the shared code once, where a binary per file did both per file.

mod common;

mod bad_input;
mod compose;
mod config;
mod conventions;
mod crash;
mod daemon;
mod embeddings;
mod generate;
mod jobs;
mod kb_ingest;
mod operations;
// Needs a build with the feature: `cargo nextest run --features otlp -E 'test(otlp)'`.
#[cfg(feature = "otlp")]
mod otlp;
mod provider_faults;
mod providers;
mod quality;
mod security;
