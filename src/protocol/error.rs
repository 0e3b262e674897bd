//! Error kinds on the wire. The kind strings are stable and only ever extended: scripts and
//! the CLI's exit codes depend on them.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The stable, snake_case error kinds (docs/ARCHITECTURE.md, "Error kinds and exit codes";
/// each kind's code and data in docs/PROTOCOL.md, "Errors").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    ParseError,
    InvalidRequest,
    MethodNotFound,
    InvalidParams,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    PayloadTooLarge,
    Timeout,
    Cancelled,
    Unavailable,
    BudgetExceeded,
    ProviderError,
    Internal,
    /// A kind this client does not know yet (sent by a newer daemon).
    #[serde(other)]
    Unknown,
}

impl ErrorKind {
    /// The JSON-RPC numeric code: the standard ones where JSON-RPC defines them, the
    /// implementation-defined range (-32000 to -32099) for the rest.
    pub fn code(self) -> i64 {
        match self {
            ErrorKind::ParseError => -32700,
            ErrorKind::InvalidRequest => -32600,
            ErrorKind::MethodNotFound => -32601,
            ErrorKind::InvalidParams => -32602,
            ErrorKind::Internal => -32603,
            ErrorKind::Unauthenticated => -32001,
            ErrorKind::Forbidden => -32002,
            ErrorKind::Unavailable => -32003,
            ErrorKind::NotFound => -32004,
            ErrorKind::Timeout => -32008,
            ErrorKind::Conflict => -32009,
            ErrorKind::Cancelled => -32010,
            ErrorKind::PayloadTooLarge => -32013,
            ErrorKind::RateLimited => -32029,
            ErrorKind::BudgetExceeded => -32030,
            ErrorKind::ProviderError => -32050,
            ErrorKind::Unknown => -32000,
        }
    }
}

/// `error.data`: the kind plus kind-specific fields (`path` for invalid params,
/// `retry_after_ms` for rate limits, ...).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ErrorData {
    pub kind: ErrorKind,
    /// Free-form: each kind adds its own fields, a provider's raw error among them.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A JSON-RPC error object.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, thiserror::Error)]
#[error("{message}")]
pub struct RpcError {
    pub code: i64,
    pub message: String,
    pub data: ErrorData,
}

impl RpcError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        RpcError {
            code: kind.code(),
            message: message.into(),
            data: ErrorData {
                kind,
                extra: Map::new(),
            },
        }
    }

    /// Adds a kind-specific field to `data`.
    pub fn with(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.data.extra.insert(key.to_string(), value.into());
        self
    }

    pub fn kind(&self) -> ErrorKind {
        self.data.kind
    }

    pub fn invalid_params(message: impl Into<String>) -> Self {
        RpcError::new(ErrorKind::InvalidParams, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        RpcError::new(ErrorKind::NotFound, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        RpcError::new(ErrorKind::Conflict, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        RpcError::new(ErrorKind::Internal, message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_round_trips_with_its_extra_fields() {
        let e = RpcError::invalid_params("bad").with("path", "jobs[0].kind");
        let text = serde_json::to_string(&e).unwrap();
        assert!(text.contains(r#""kind":"invalid_params""#), "{text}");
        assert!(text.contains(r#""path":"jobs[0].kind""#), "{text}");
        let back: RpcError = serde_json::from_str(&text).unwrap();
        assert_eq!(back, e);
        assert_eq!(back.code, -32602);
    }

    #[test]
    fn unknown_kinds_from_a_newer_daemon_still_decode() {
        let e: RpcError =
            serde_json::from_str(r#"{"code":-32000,"message":"x","data":{"kind":"quota_gone"}}"#)
                .unwrap();
        assert_eq!(e.kind(), ErrorKind::Unknown);
    }
}
