//! The wire protocol shared by the CLI and the daemon: JSON-RPC 2.0 envelopes, one JSON object
//! per line, the stable error kinds, and the typed params and results of every method.
//! Serde types only: no I/O lives here, so both sides compile the same definitions.

pub mod articles;
pub mod auth;
mod error;
pub mod generate;
pub mod jobs;
pub mod kb;
mod method;
pub mod providers;
pub mod redact;
pub mod system;

pub use error::{ErrorKind, RpcError};
pub(crate) use method::methods;
pub use method::{Method, short_type_name};

methods! {
    Hello = "hello", HelloParams => HelloResult,
        "the handshake: the first message on every connection (served before the method table)";
}

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The protocol version spoken in `hello`. Bumped only for incompatible changes.
pub const PROTOCOL_VERSION: u32 = 1;

/// Longest correlation id a client may pass in `params._meta.request_id`.
pub const MAX_REQUEST_ID_LEN: usize = 128;

/// A request as it arrives; `params` is decoded later against the method's own type.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub jsonrpc: String,
    pub id: Value,
    pub method: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub params: Option<Value>,
}

/// Metadata the daemon attaches to responses.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct ResponseMeta {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// The caller's quota for this class of method, when rate limits are on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratelimit: Option<RateLimitMeta>,
}

/// The `ratelimit` meta of a response: the caller's quota for this class of method
/// (`auth::ratelimit` keeps the quotas).
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct RateLimitMeta {
    pub limit: u32,
    pub remaining: u32,
    /// Milliseconds until the quota is full again.
    pub reset_ms: u64,
}

/// A secret on the wire (a key shown once, a session token): plain text in JSON, never shown
/// by Debug, so it cannot reach a log line through a `{:?}`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(pub String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// A response: exactly one of `result` and `error` is present.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Response {
    pub jsonrpc: String,
    pub id: Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<RpcError>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<ResponseMeta>,
}

impl Response {
    pub fn ok(id: Value, result: Value, meta: Option<ResponseMeta>) -> Self {
        Response {
            jsonrpc: "2.0".into(),
            id,
            result: Some(result),
            error: None,
            meta,
        }
    }

    pub fn err(id: Value, error: RpcError, meta: Option<ResponseMeta>) -> Self {
        Response {
            jsonrpc: "2.0".into(),
            id,
            result: None,
            error: Some(error),
            meta,
        }
    }
}

/// A notification sent by the daemon during a streaming call (`jobs.watch`, `jobs.wait`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Notification {
    pub jsonrpc: String,
    pub method: String,
    pub params: Value,
}

impl Notification {
    pub fn event(params: Value) -> Self {
        Notification {
            jsonrpc: "2.0".into(),
            method: "event".into(),
            params,
        }
    }
}

/// Anything the daemon writes on a connection; the client tells them apart by `id`/`method`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Incoming {
    Response(Response),
    Notification(Notification),
}

/// `hello`: the first message on every connection.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelloParams {
    pub protocol: u32,
    /// Client name and version, for logs (`cgen/0.1.0`). At most 128 bytes.
    pub client: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth: Option<HelloAuth>,
}

// The connection checks `hello` itself (the protocol version, the credential).
impl Validate for HelloParams {}

/// Credentials presented in `hello`.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "snake_case")]
pub enum HelloAuth {
    ApiKey(String),
    Session(String),
}

impl std::fmt::Debug for HelloAuth {
    // Secrets never reach logs or Debug output.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HelloAuth::ApiKey(_) => f.write_str("ApiKey(<redacted>)"),
            HelloAuth::Session(_) => f.write_str("Session(<redacted>)"),
        }
    }
}

/// Who the daemon believes the caller is.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PrincipalView {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    pub name: String,
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct HelloResult {
    pub daemon_version: String,
    /// This run of the daemon (changes at every start).
    pub instance_id: String,
    /// This daemon's data (kept across restarts): the audience of its session tokens.
    pub daemon_id: String,
    pub protocol: u32,
    pub principal: PrincipalView,
    /// Only on the first connection of a fresh install: the admin key made for the local
    /// owner, shown this once for the client to keep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bootstrap_key: Option<Secret>,
}

/// Bounds that serde cannot express (lengths, ranges), checked after decoding and before any
/// handler runs. The default accepts everything a type's serde definition accepts.
pub trait Validate {
    fn validate(&self) -> Result<(), RpcError> {
        Ok(())
    }
}
