//! `providers.*`: the configured providers with their state, `providers.test`, one real round
//! trip through the same resilient client the writing stages use, and `providers.reload`.

use std::sync::Arc;
use std::time::Instant;

use super::Call;
use crate::protocol::generate::Name;
use crate::protocol::providers::{
    ProviderTestParams, ProviderTestResult, ProviderView, ProvidersList, ProvidersReloaded,
    SECRET_FOUND, SECRET_NOT_NEEDED,
};
use crate::protocol::system::NoParams;
use crate::protocol::{ErrorKind, RpcError};
use crate::providers::registry::Entry;
use crate::providers::wire::{ChatRequest, Message, Speaker};
use crate::providers::{Attempt, Observer, ProviderError};

fn view(name: &str, e: &Entry) -> ProviderView {
    let s = &e.provider.settings;
    let secret = match (&e.secret_problem, s.kind.env_var()) {
        (Some(why), _) => why.clone(),
        (None, None) if !e.provider.has_secret() => SECRET_NOT_NEEDED.into(),
        (None, _) => SECRET_FOUND.into(),
    };
    ProviderView {
        name: name.to_string(),
        kind: s.kind,
        base_url: s.base_url.clone(),
        model: s.model.clone(),
        embedding_model: s.embedding_model.clone(),
        models: s.models.clone(),
        breaker: e.provider.breaker_state(),
        secret,
        stats: e.stats(),
    }
}

fn entry(call: &Call, name: &str) -> Result<Arc<Entry>, RpcError> {
    call.daemon
        .runtime
        .providers()
        .lookup(name)
        .map_err(RpcError::not_found)
}

pub async fn list(call: Call, _: NoParams) -> Result<ProvidersList, RpcError> {
    Ok(ProvidersList {
        providers: views(&call),
    })
}

fn views(call: &Call) -> Vec<ProviderView> {
    call.daemon
        .runtime
        .providers()
        .iter()
        .map(|(n, e)| view(n, e))
        .collect()
}

/// Builds the providers again with their secrets read anew (after `cgen providers key set`).
pub async fn reload(call: Call, _: NoParams) -> Result<ProvidersReloaded, RpcError> {
    let changed = crate::daemon::reload::reload_providers(&call.daemon).await;
    Ok(ProvidersReloaded {
        changed,
        providers: views(&call),
    })
}

pub async fn get(call: Call, p: Name) -> Result<ProviderView, RpcError> {
    let e = entry(&call, &p.name)?;
    Ok(view(&p.name, &e))
}

/// Records each attempt in the provider's stats and the metrics.
struct Recorder<'a>(&'a Entry);

impl Observer for Recorder<'_> {
    fn text(&mut self, _: &str, _: bool) {}
    fn attempt(&mut self, a: &Attempt) {
        self.0.record(a);
    }
}

pub async fn test(call: Call, p: ProviderTestParams) -> Result<ProviderTestResult, RpcError> {
    let e = entry(&call, &p.name)?;
    if let Some(why) = &e.secret_problem {
        return Err(RpcError::new(ErrorKind::ProviderError, why.clone())
            .with("provider", p.name.as_str())
            .with("retryable", false));
    }
    let req = ChatRequest {
        system: Some("You are a connectivity check. Answer with one short word.".into()),
        messages: vec![Message {
            role: Speaker::User,
            content: "Say OK.".into(),
        }],
        json: false,
        max_tokens: Some(16),
        temperature: Some(0.0),
        ..ChatRequest::default()
    };
    let started = Instant::now();
    let done = e
        .provider
        .complete(p.model.as_deref(), &req, &mut Recorder(&e))
        .await
        .map_err(|err| provider_error(&e, &p.name, err))?;
    Ok(ProviderTestResult {
        provider: p.name,
        model: done.model,
        text: done.text,
        latency_ms: started.elapsed().as_millis() as u64,
        attempts: done.attempts,
        usage: done.usage,
        cost: done.cost,
    })
}

/// A provider failure as the protocol says it: always `provider_error` (so a client tells a
/// dead provider from a dead daemon, which is `unavailable`), with `retryable` saying whether
/// it may pass (down, or its breaker open) or was a refusal, and `retry_after_ms` when the
/// provider says when it may answer again.
fn provider_error(e: &Entry, name: &str, err: ProviderError) -> RpcError {
    let failure = RpcError::new(
        ErrorKind::ProviderError,
        format!("provider '{name}': {err}"),
    )
    .with("provider", name)
    .with("outcome", err.outcome())
    .with("retryable", err.is_transient());
    match e.provider.ready_in(&err).filter(|_| err.is_transient()) {
        Some((wait, _)) => failure.with("retry_after_ms", wait.as_millis() as u64),
        None => failure,
    }
}
