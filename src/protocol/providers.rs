//! Params and results of `providers.*`: what is configured, how each provider is doing, one
//! real round trip, and building them again with their secrets read anew.

use std::collections::{BTreeMap, VecDeque};

use serde::{Deserialize, Serialize};

use super::method::methods;
use super::system::NoParams;
use super::{RpcError, Validate};

/// The wire protocol a provider speaks (its behaviour is in `providers::settings`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    /// Ollama's native `/api/chat` (NDJSON stream).
    Ollama,
    /// OpenAI-compatible `/v1/chat/completions` (OpenAI, vLLM, llama.cpp, LM Studio, Ollama /v1).
    Openai,
    /// Gemini `streamGenerateContent?alt=sse`.
    Gemini,
    /// Anthropic Messages (SSE events).
    Anthropic,
}

/// A provider's circuit breaker as `providers.list` shows it (the breaker is
/// `providers::breaker`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakerState {
    Closed,
    Open,
    HalfOpen,
}

/// Tokens of one call, from the provider's usage fields or, when it sends none, estimated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Usage {
    pub input_tokens: u64,
    pub output_tokens: u64,
    pub estimated: bool,
}

/// How one provider has been doing.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProviderStats {
    pub calls: u64,
    pub failures: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_latency_ms: Option<u64>,
    /// The UTC day the token counts below are of.
    pub day: String,
    pub input_tokens_today: u64,
    pub output_tokens_today: u64,
    pub recent_errors: VecDeque<RecentError>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecentError {
    pub at: String,
    pub model: String,
    pub outcome: String,
}

methods! {
    ListProviders = "providers.list", NoParams => ProvidersList,
        "every configured provider, its breaker, secret and stats";
    GetProvider = "providers.get", super::generate::Name => ProviderView, "one provider";
    TestProvider = "providers.test", ProviderTestParams => ProviderTestResult,
        "one real round trip to a provider";
    ReloadProviders = "providers.reload", NoParams => ProvidersReloaded,
        "builds every provider again, reading its secret anew";
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProviderView {
    pub name: String,
    pub kind: ProviderKind,
    /// Shown with its credentials hidden (`redact`).
    #[serde(serialize_with = "crate::protocol::redact::serialize")]
    pub base_url: String,
    pub model: String,
    /// The model that embeds text for hybrid search; absent: this provider embeds nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_model: Option<String>,
    pub models: BTreeMap<String, String>,
    pub breaker: BreakerState,
    /// `SECRET_FOUND`, `SECRET_NOT_NEEDED`, or where cgen looked and found nothing.
    pub secret: String,
    pub stats: ProviderStats,
}

/// `ProviderView::secret` of a provider whose secret the daemon has.
pub const SECRET_FOUND: &str = "found";
/// `ProviderView::secret` of a provider whose kind needs none (Ollama) and has none.
pub const SECRET_NOT_NEEDED: &str = "not needed";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProvidersList {
    pub providers: Vec<ProviderView>,
}

/// `providers.reload`: the providers built again, and the names of those that changed (a
/// secret found or gone, new settings, added or removed).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProvidersReloaded {
    pub changed: Vec<String>,
    pub providers: Vec<ProviderView>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderTestParams {
    pub name: String,
    /// A model alias or id; the provider's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
}

impl Validate for ProviderTestParams {
    fn validate(&self) -> Result<(), RpcError> {
        super::generate::Name {
            name: self.name.clone(),
        }
        .validate()?;
        if self
            .model
            .as_deref()
            .is_some_and(|m| !super::generate::valid_model(m))
        {
            return Err(super::jobs::field_error(
                "model",
                super::generate::MODEL_RULE,
            ));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProviderTestResult {
    pub provider: String,
    pub model: String,
    pub text: String,
    pub latency_ms: u64,
    pub attempts: u32,
    pub usage: Usage,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
}
