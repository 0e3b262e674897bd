//! Request handlers, one file per method group, named like the CLI's command files. Each reads
//! as validate (already done by the method table) → call a service → respond.

pub mod articles;
pub mod auth;
pub mod config;
mod convert;
pub mod generate;
pub mod jobs;
pub mod kb;
pub mod logs;
pub mod providers;
pub mod system;

use std::sync::Arc;

use serde_json::Value;
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::Daemon;
use crate::auth::Principal;
use crate::protocol::Notification;

/// Everything a handler knows about the call it serves.
#[derive(Clone)]
pub struct Call {
    pub daemon: Arc<Daemon>,
    pub principal: Principal,
    pub request_id: String,
    /// Sends notifications on this connection (streaming methods).
    pub events: EventSink,
    /// Cancelled when the client closes the connection before the answer: work done for this
    /// request alone stops.
    pub client_gone: CancellationToken,
}

/// The connection's outgoing queue, for notifications sent before the final response.
#[derive(Clone)]
pub struct EventSink(pub(crate) mpsc::Sender<String>);

impl EventSink {
    /// Sends one event; false when the client has gone.
    pub async fn send(&self, params: Value) -> bool {
        match serde_json::to_string(&Notification::event(params)) {
            Ok(line) => self.0.send(line).await.is_ok(),
            Err(_) => false,
        }
    }
}
