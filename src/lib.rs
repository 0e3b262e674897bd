//! cgen: a content generator for the terminal.
//!
//! One binary plays two parts. The `cgen` CLI (`cli`) talks to a background daemon through
//! `client` over a local socket, speaking the JSON-RPC protocol of `protocol`. The daemon
//! (`daemon`) authorizes each request (`auth`), dispatches it through one method table to a
//! handler, and keeps all state in SQLite (`store`, the only place with SQL). Jobs run on a
//! durable queue (`jobs`); ingest jobs turn files and URLs into searchable chunks with the
//! domain logic of `kb`; generate jobs turn a topic and that knowledge into an article with
//! the workflows and stages of `generate`. `text` holds the text analysis both share;
//! `suggest` words every "no such name" error, with the closest known name.
//! `paths` says where cgen's files live; `config` resolves the settings (`duration` reads its
//! human durations); `telemetry` sets up logging; `metrics` names every metric and serves
//! them; `http` makes the HTTP clients of providers and URL sources. docs/ARCHITECTURE.md gives
//! the layers.
//!
//! The CLI never opens the database; the daemon never prints to the user.

pub mod auth;
pub(crate) mod backoff;
pub mod chat;
pub mod cli;
pub mod client;
pub mod config;
pub mod confine;
pub mod credentials;
pub mod daemon;
pub(crate) mod duration;
pub mod generate;
pub mod http;
pub mod jobs;
pub mod kb;
pub mod metrics;
pub mod paths;
pub mod protocol;
pub mod providers;
pub mod redact;
pub mod store;
pub mod suggest;
pub mod telemetry;
pub mod text;
pub mod timestamp;
pub mod yaml;
