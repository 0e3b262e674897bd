//! cgen: a content generator for the terminal.
//!
//! One binary plays two parts. The `cgen` CLI (`cli`) talks to a background daemon through
//! `client` over a local socket, speaking the JSON-RPC protocol of `protocol`. The daemon
//! (`daemon`) authorizes each request (`auth`), dispatches it through one method table to a
//! handler, and keeps all state in SQLite (`store`, the only place with SQL). Jobs run on a
//! durable queue (`jobs`); ingest jobs turn files and URLs into searchable chunks with the
//! domain logic of `kb`; generate jobs turn a topic and that knowledge into an article with
//! the workflows and stages of `generate`.
//!
//! The layers, top to bottom; a module imports from its own layer and those below, never from
//! one above (`scripts/check-layers` enforces it in CI, docs/ARCHITECTURE.md says why):
//!
//! | layer | modules |
//! |---|---|
//! | command line | `cli` (and `main`) |
//! | client | `client` |
//! | daemon | `daemon`: listener, connections, the method table, handlers, `ops` |
//! | jobs | `jobs`: the queue, the job kinds, the writer |
//! | configuration | `config` |
//! | providers | `providers`: model providers, budgets, breakers |
//! | keys | `credentials`, `auth` |
//! | storage | `store` |
//! | content | `kb`, `generate` |
//! | leaves | `protocol` (the wire types and the redaction of secrets they must not carry), `confine`, `text`, `metrics`, `http`, `telemetry`, `yaml`, `suggest`, `duration`, `paths`, `backoff`, `chat`, `timestamp` |
//!
//! Beyond the order: `protocol` imports nothing from the rest of the crate; the command line
//! never imports `store` (it never opens the database);
//! `store` knows nothing of the wire (it imports nothing from `protocol`); `store` converts no
//! error into an RPC error; no import cycle runs through files of
//! different modules. Among the leaves: `text` holds the text analysis `kb` and `generate`
//! share; `suggest` words every "no such name" error; `paths` says where cgen's files live
//! and makes its private ones; `duration` reads human durations; `timestamp` is the clock's
//! milliseconds and their RFC 3339 text; `backoff` the jittered retry wait; `chat` the chat
//! request `generate` writes and `providers` sends; `telemetry` sets up logging; `metrics`
//! names every metric and serves them; `http` makes the HTTP clients of providers and URL
//! sources.
//!
//! The daemon never prints to the user.

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
pub mod store;
pub mod suggest;
pub mod telemetry;
pub mod text;
pub mod timestamp;
pub mod yaml;
