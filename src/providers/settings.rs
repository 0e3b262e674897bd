//! The `[providers.NAME]` tables of the config file: which API a provider speaks, where, with
//! which model (and aliases such as `fast` and `smart`), its timeouts, retry budget, breaker,
//! client-side rate limits and prices, the embedding model when it has one, and how a JSON
//! answer is asked for (`structured_output`). Secrets are
//! never here (see `secrets`).

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::duration;
use crate::protocol::generate::{MODEL_RULE, valid_model};
pub use crate::protocol::providers::ProviderKind;

impl ProviderKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ProviderKind::Ollama => "ollama",
            ProviderKind::Openai => "openai",
            ProviderKind::Gemini => "gemini",
            ProviderKind::Anthropic => "anthropic",
        }
    }

    /// Whether the API has an embeddings call (Anthropic's has none).
    pub fn has_embeddings(self) -> bool {
        self != ProviderKind::Anthropic
    }

    /// The environment variable a secret may come from; Ollama needs none.
    pub fn env_var(self) -> Option<&'static str> {
        match self {
            ProviderKind::Ollama => None,
            ProviderKind::Openai => Some("OPENAI_API_KEY"),
            ProviderKind::Gemini => Some("GEMINI_API_KEY"),
            ProviderKind::Anthropic => Some("ANTHROPIC_API_KEY"),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ProviderSettings {
    pub kind: ProviderKind,
    /// `http://127.0.0.1:11434`, `https://api.openai.com/v1`, ...
    pub base_url: String,
    /// The model used when a call names none (or names the alias `default`).
    pub model: String,
    /// Model aliases: `fast = "gpt-4o-mini"`, `smart = "gpt-4o"`.
    #[serde(default)]
    pub models: BTreeMap<String, String>,
    /// The model that embeds text (`nomic-embed-text`, `text-embedding-3-small`), for hybrid
    /// search when `kb.embeddings` names this provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub embedding_model: Option<String>,
    #[serde(default = "defaults::connect_timeout", with = "duration")]
    pub connect_timeout: Duration,
    /// A stream that sends nothing for this long is cut.
    #[serde(default = "defaults::idle_timeout", with = "duration")]
    pub idle_timeout: Duration,
    /// Deadline of one attempt, first byte to finish marker.
    #[serde(default = "defaults::total_timeout", with = "duration")]
    pub total_timeout: Duration,
    /// Attempts of one call, the first included.
    #[serde(default = "defaults::max_attempts")]
    pub max_attempts: u32,
    /// No retry starts after this long since the call began.
    #[serde(default = "defaults::max_retry_time", with = "duration")]
    pub max_retry_time: Duration,
    #[serde(default = "defaults::retry_base_delay", with = "duration")]
    pub retry_base_delay: Duration,
    #[serde(default = "defaults::retry_max_delay", with = "duration")]
    pub retry_max_delay: Duration,
    /// Consecutive failed calls that open the breaker, and how long it stays open.
    #[serde(default = "defaults::breaker_failures")]
    pub breaker_failures: u32,
    #[serde(default = "defaults::breaker_cooldown", with = "duration")]
    pub breaker_cooldown: Duration,
    /// Client-side limits, so cgen does not cause the 429s it would then absorb.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requests_per_minute: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens_per_minute: Option<u32>,
    /// Prices in the currency of your bill, per million tokens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_input_per_mtok: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_output_per_mtok: Option<f64>,
    /// Largest response accepted, in bytes.
    #[serde(default = "defaults::max_response_bytes")]
    pub max_response_bytes: u64,
    /// How long an answer is served from the response cache (`features.response_cache`);
    /// "0s" keeps none.
    #[serde(default = "defaults::cache_ttl", with = "duration")]
    pub cache_ttl: Duration,
    /// How a JSON answer (outline, FAQ) is asked for; the kind's default when absent
    /// (`structured()`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub structured_output: Option<StructuredOutput>,
}

/// How a provider is asked for a JSON answer. APIs and compatible servers differ: OpenAI takes
/// a schema as `json_schema`, llama.cpp's Python server only inside `json_object` (and answers
/// 500 to `json_schema`), many compatible servers only a plain `json_object`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StructuredOutput {
    /// The API's own schema form: OpenAI `json_schema`, Ollama `format`, Gemini
    /// `responseSchema`; Anthropic gets the schema in its instructions.
    Schema,
    /// OpenAI-compatible: `{"type": "json_object", "schema": ...}` (llama.cpp's servers).
    JsonObjectSchema,
    /// JSON mode without a schema.
    Json,
    /// No JSON mode: the instructions alone ask for JSON.
    Off,
}

impl ProviderSettings {
    /// `structured_output`, or the kind's default: a plain JSON object for OpenAI-compatible
    /// servers (the one form they all take), the schema for the others.
    pub fn structured(&self) -> StructuredOutput {
        self.structured_output.unwrap_or(match self.kind {
            ProviderKind::Openai => StructuredOutput::Json,
            _ => StructuredOutput::Schema,
        })
    }
}

mod defaults {
    use std::time::Duration;
    pub fn connect_timeout() -> Duration {
        Duration::from_secs(10)
    }
    pub fn idle_timeout() -> Duration {
        Duration::from_secs(60)
    }
    pub fn total_timeout() -> Duration {
        Duration::from_secs(600)
    }
    pub fn max_attempts() -> u32 {
        4
    }
    pub fn max_retry_time() -> Duration {
        Duration::from_secs(300)
    }
    pub fn retry_base_delay() -> Duration {
        Duration::from_secs(1)
    }
    pub fn retry_max_delay() -> Duration {
        Duration::from_secs(60)
    }
    pub fn breaker_failures() -> u32 {
        5
    }
    pub fn breaker_cooldown() -> Duration {
        Duration::from_secs(60)
    }
    pub fn max_response_bytes() -> u64 {
        8 << 20
    }
    pub fn cache_ttl() -> Duration {
        Duration::from_secs(7 * 86_400)
    }
}

impl ProviderSettings {
    /// The model an alias (or a model name) stands for; `None` or `default` is `model`.
    pub fn resolve_model(&self, wanted: Option<&str>) -> Result<String, String> {
        match wanted {
            None | Some("default") => Ok(self.model.clone()),
            Some(name) => match self.models.get(name) {
                Some(model) => Ok(model.clone()),
                // A name that is no alias is taken as a model id, unless it looks like a
                // misspelt alias (no separator a real model id would have).
                None if name.contains(['-', ':', '.', '/']) => Ok(name.to_string()),
                None => Err(format!(
                    "no model alias '{name}'; aliases: default{}",
                    self.models
                        .keys()
                        .map(|k| format!(", {k}"))
                        .collect::<String>()
                )),
            },
        }
    }

    /// What is wrong with this provider's table, as (key, reason), every one found.
    pub fn problems(&self, name: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut need = |ok: bool, field: &str, message: String| {
            if !ok {
                out.push((format!("providers.{name}.{field}"), message));
            }
        };
        need(
            crate::protocol::generate::valid_name(name),
            "name",
            "a provider name is 1 to 64 of a-z, 0-9, '-', '_'".into(),
        );
        let url_ok = reqwest::Url::parse(&self.base_url)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        need(
            url_ok,
            "base_url",
            format!(
                "'{}' is not an http(s) URL",
                crate::protocol::redact::urls(&self.base_url)
            ),
        );
        need(valid_model(&self.model), "model", MODEL_RULE.into());
        for (alias, model) in &self.models {
            need(
                valid_model(model),
                &format!("models.{alias}"),
                MODEL_RULE.into(),
            );
        }
        if let Some(model) = &self.embedding_model {
            need(valid_model(model), "embedding_model", MODEL_RULE.into());
            need(
                self.kind.has_embeddings(),
                "embedding_model",
                format!("{} providers have no embeddings API", self.kind.as_str()),
            );
        }
        need(
            (1..=20).contains(&self.max_attempts),
            "max_attempts",
            "must be between 1 and 20".into(),
        );
        need(
            self.breaker_failures > 0,
            "breaker_failures",
            "must be at least 1".into(),
        );
        for (field, timeout) in [
            ("connect_timeout", self.connect_timeout),
            ("idle_timeout", self.idle_timeout),
            ("total_timeout", self.total_timeout),
        ] {
            need(!timeout.is_zero(), field, "must be positive".into());
        }
        // Zero would read as "no limit"; leaving the key out says that.
        for (field, limit) in [
            ("requests_per_minute", self.requests_per_minute),
            ("tokens_per_minute", self.tokens_per_minute),
        ] {
            need(
                limit != Some(0),
                field,
                "must be at least 1 (leave it out for no limit)".into(),
            );
        }
        need(
            self.retry_base_delay <= self.retry_max_delay,
            "retry_base_delay",
            "must be at most retry_max_delay".into(),
        );
        need(
            self.max_response_bytes >= 1024,
            "max_response_bytes",
            "must be at least 1 KiB".into(),
        );
        for (field, price) in [
            ("price_input_per_mtok", self.price_input_per_mtok),
            ("price_output_per_mtok", self.price_output_per_mtok),
        ] {
            need(
                price.is_none_or(|p| p.is_finite() && p >= 0.0),
                field,
                "must be a finite number, zero or more".into(),
            );
        }
        out
    }
}
