//! How a store error reaches a client: the RPC error kind and message it becomes. The store
//! knows nothing of the wire; the job queue's API and the daemon's handlers, which answer
//! clients, convert its errors with `?` through this one mapping.

use crate::protocol::{ErrorKind, RpcError};
use crate::store::StoreError;

impl From<StoreError> for RpcError {
    /// Clients learn that the store failed, never its paths or SQL; the detail goes to the log.
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Query(msg) => {
                RpcError::invalid_params(format!("query: {}", msg.trim_start_matches("fts5: ")))
                    .with("path", "query")
            }
            StoreError::Conflict(msg) => RpcError::conflict(msg),
            StoreError::NotFound(msg) => RpcError::not_found(msg),
            StoreError::Closed => {
                RpcError::new(ErrorKind::Unavailable, "the daemon is shutting down")
            }
            e if e.is_storage_failure() => RpcError::new(
                ErrorKind::Unavailable,
                crate::store::storage_failure_message(&e),
            ),
            other => {
                tracing::error!(error = %other, "store failure");
                RpcError::internal("internal error in the store (details in the daemon log)")
            }
        }
    }
}
