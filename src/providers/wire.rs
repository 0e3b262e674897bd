//! The four wire formats: how a chat request is written for each API (the system prompt and
//! JSON mode really sent), and how each streamed event is read back into text, usage and the
//! finish marker. A chunk that does not parse, or an error inside a 200 stream, is an error.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Value, json};

use super::settings::ProviderKind;

/// Who said a message of the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Speaker {
    User,
    Assistant,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Message {
    pub role: Speaker,
    pub content: String,
}

/// One call: the same for every provider.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChatRequest {
    pub system: Option<String>,
    pub messages: Vec<Message>,
    /// Ask for one JSON object as the answer.
    pub json: bool,
    pub max_tokens: Option<u32>,
    pub temperature: Option<f32>,
}

impl ChatRequest {
    /// A rough token count of what the request sends (system prompt and messages), for
    /// budgets and quotas before the provider has said, and for its usage when it never does.
    pub fn prompt_tokens(&self) -> u64 {
        let bytes = self.messages.iter().map(|m| m.content.len()).sum::<usize>()
            + self.system.as_ref().map_or(0, String::len);
        super::tokens_for_bytes(bytes)
    }
}

/// How a stream is framed on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// Server-sent events: `event:` / `data:` lines, a blank line ends an event.
    Sse,
    /// One JSON object per line.
    Ndjson,
}

/// What one streamed event says.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    Usage {
        input: Option<u64>,
        output: Option<u64>,
    },
    /// The finish marker: the answer is complete.
    Done,
}

pub fn framing(kind: ProviderKind) -> Framing {
    match kind {
        ProviderKind::Ollama => Framing::Ndjson,
        _ => Framing::Sse,
    }
}

/// The instruction added where an API has no JSON mode of its own.
const JSON_INSTRUCTION: &str = "Answer with one JSON object and nothing else.";

fn header(name: &'static str, value: &str) -> Option<(HeaderName, HeaderValue)> {
    Some((
        HeaderName::from_static(name),
        HeaderValue::from_str(value).ok()?,
    ))
}

/// URL path, headers and body of a streaming chat call.
pub fn request(
    kind: ProviderKind,
    base_url: &str,
    model: &str,
    secret: Option<&str>,
    req: &ChatRequest,
) -> (String, HeaderMap, Value) {
    let base = base_url.trim_end_matches('/');
    let messages = |with_system: bool| {
        let mut out = Vec::new();
        if with_system && let Some(system) = &req.system {
            out.push(json!({"role": "system", "content": system}));
        }
        out.extend(
            req.messages
                .iter()
                .map(|m| json!({"role": m.role, "content": m.content})),
        );
        out
    };
    let mut headers = HeaderMap::new();
    let (url, body) = match kind {
        ProviderKind::Ollama => {
            let mut body = json!({"model": model, "messages": messages(true), "stream": true});
            if req.json {
                body["format"] = json!("json");
            }
            let mut options = serde_json::Map::new();
            if let Some(n) = req.max_tokens {
                options.insert("num_predict".into(), json!(n));
            }
            if let Some(t) = req.temperature {
                options.insert("temperature".into(), json!(t));
            }
            if !options.is_empty() {
                body["options"] = Value::Object(options);
            }
            headers.extend(secret.and_then(|s| header("authorization", &format!("Bearer {s}"))));
            (format!("{base}/api/chat"), body)
        }
        ProviderKind::Openai => {
            let mut body = json!({
                "model": model,
                "messages": messages(true),
                "stream": true,
                "stream_options": {"include_usage": true},
            });
            if req.json {
                body["response_format"] = json!({"type": "json_object"});
            }
            if let Some(n) = req.max_tokens {
                body["max_tokens"] = json!(n);
            }
            if let Some(t) = req.temperature {
                body["temperature"] = json!(t);
            }
            headers.extend(secret.and_then(|s| header("authorization", &format!("Bearer {s}"))));
            (format!("{base}/chat/completions"), body)
        }
        ProviderKind::Anthropic => {
            let system = match (&req.system, req.json) {
                (Some(s), true) => Some(format!("{s}\n\n{JSON_INSTRUCTION}")),
                (Some(s), false) => Some(s.clone()),
                (None, true) => Some(JSON_INSTRUCTION.to_string()),
                (None, false) => None,
            };
            let mut body = json!({
                "model": model,
                "messages": messages(false),
                "stream": true,
                "max_tokens": req.max_tokens.unwrap_or(4096),
            });
            if let Some(system) = system {
                body["system"] = json!(system);
            }
            if let Some(t) = req.temperature {
                body["temperature"] = json!(t);
            }
            headers.extend(secret.and_then(|s| header("x-api-key", s)));
            headers.extend(header("anthropic-version", "2023-06-01"));
            (format!("{base}/v1/messages"), body)
        }
        ProviderKind::Gemini => {
            let contents: Vec<Value> = req
                .messages
                .iter()
                .map(|m| {
                    let role = match m.role {
                        Speaker::User => "user",
                        Speaker::Assistant => "model",
                    };
                    json!({"role": role, "parts": [{"text": m.content}]})
                })
                .collect();
            let mut config = serde_json::Map::new();
            if req.json {
                config.insert("responseMimeType".into(), json!("application/json"));
            }
            if let Some(n) = req.max_tokens {
                config.insert("maxOutputTokens".into(), json!(n));
            }
            if let Some(t) = req.temperature {
                config.insert("temperature".into(), json!(t));
            }
            let mut body = json!({"contents": contents});
            if let Some(system) = &req.system {
                body["systemInstruction"] = json!({"parts": [{"text": system}]});
            }
            if !config.is_empty() {
                body["generationConfig"] = Value::Object(config);
            }
            headers.extend(secret.and_then(|s| header("x-goog-api-key", s)));
            (
                format!("{base}/models/{model}:streamGenerateContent?alt=sse"),
                body,
            )
        }
    };
    (url, headers, body)
}

/// Reads one streamed event (an SSE event's data, or one NDJSON line).
pub fn decode(kind: ProviderKind, data: &str) -> Result<Vec<Piece>, String> {
    if kind == ProviderKind::Openai && data.trim() == "[DONE]" {
        return Ok(vec![Piece::Done]);
    }
    let v: Value =
        serde_json::from_str(data).map_err(|e| format!("malformed stream chunk ({e})"))?;
    if let Some(error) = v.get("error") {
        let message = error
            .get("message")
            .and_then(Value::as_str)
            .or_else(|| error.as_str())
            .unwrap_or("unspecified error");
        return Err(format!(
            "the provider reported an error mid-stream: {message}"
        ));
    }
    let mut out = Vec::new();
    let text = |out: &mut Vec<Piece>, t: Option<&str>| {
        if let Some(t) = t.filter(|t| !t.is_empty()) {
            out.push(Piece::Text(t.to_string()));
        }
    };
    match kind {
        ProviderKind::Ollama => {
            text(
                &mut out,
                v.pointer("/message/content").and_then(Value::as_str),
            );
            match v.get("done").and_then(Value::as_bool) {
                Some(true) => {
                    out.push(Piece::Usage {
                        input: v["prompt_eval_count"].as_u64(),
                        output: v["eval_count"].as_u64(),
                    });
                    out.push(Piece::Done);
                }
                Some(false) => {}
                None => return Err("malformed stream chunk (no \"done\")".into()),
            }
        }
        ProviderKind::Openai => {
            let choices = v.get("choices").and_then(Value::as_array);
            let Some(choices) = choices else {
                return Err("malformed stream chunk (no \"choices\")".into());
            };
            for c in choices {
                text(
                    &mut out,
                    c.pointer("/delta/content").and_then(Value::as_str),
                );
            }
            if let Some(u) = v.get("usage").filter(|u| u.is_object()) {
                out.push(Piece::Usage {
                    input: u["prompt_tokens"].as_u64(),
                    output: u["completion_tokens"].as_u64(),
                });
            }
        }
        ProviderKind::Gemini => {
            let candidates = v.get("candidates").and_then(Value::as_array);
            let usage = v.get("usageMetadata");
            if candidates.is_none() && usage.is_none() {
                return Err("malformed stream chunk (no \"candidates\")".into());
            }
            let mut finished = false;
            for c in candidates.into_iter().flatten() {
                for part in c
                    .pointer("/content/parts")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    text(&mut out, part.get("text").and_then(Value::as_str));
                }
                finished |= c.get("finishReason").and_then(Value::as_str).is_some();
            }
            if let Some(u) = usage {
                out.push(Piece::Usage {
                    input: u["promptTokenCount"].as_u64(),
                    output: u["candidatesTokenCount"].as_u64(),
                });
            }
            if finished {
                out.push(Piece::Done);
            }
        }
        ProviderKind::Anthropic => match v.get("type").and_then(Value::as_str) {
            Some("message_start") => out.push(Piece::Usage {
                input: v
                    .pointer("/message/usage/input_tokens")
                    .and_then(Value::as_u64),
                output: None,
            }),
            Some("content_block_delta") => {
                text(&mut out, v.pointer("/delta/text").and_then(Value::as_str));
            }
            Some("message_delta") => out.push(Piece::Usage {
                input: None,
                output: v.pointer("/usage/output_tokens").and_then(Value::as_u64),
            }),
            Some("message_stop") => out.push(Piece::Done),
            Some(_) => {}
            None => return Err("malformed stream chunk (no \"type\")".into()),
        },
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(json: bool) -> ChatRequest {
        ChatRequest {
            system: Some("Be brief.".into()),
            messages: vec![Message {
                role: Speaker::User,
                content: "Hi".into(),
            }],
            json,
            max_tokens: Some(100),
            temperature: None,
        }
    }

    #[test]
    fn the_system_prompt_and_json_mode_are_sent_in_each_dialect() {
        let (url, _, b) = request(ProviderKind::Ollama, "http://h:1/", "m", None, &req(true));
        assert_eq!(url, "http://h:1/api/chat");
        assert_eq!(
            b["messages"][0],
            json!({"role": "system", "content": "Be brief."})
        );
        assert_eq!(b["format"], "json");
        let (url, h, b) = request(
            ProviderKind::Openai,
            "http://h/v1",
            "m",
            Some("k"),
            &req(true),
        );
        assert_eq!(url, "http://h/v1/chat/completions");
        assert_eq!(h["authorization"], "Bearer k");
        assert_eq!(b["messages"][0]["role"], "system");
        assert_eq!(b["response_format"]["type"], "json_object");
        let (url, h, b) = request(
            ProviderKind::Anthropic,
            "http://h",
            "m",
            Some("k"),
            &req(true),
        );
        assert_eq!(url, "http://h/v1/messages");
        assert_eq!(h["x-api-key"], "k");
        assert!(b["system"].as_str().unwrap().starts_with("Be brief."));
        assert!(b["system"].as_str().unwrap().contains("JSON"));
        assert_eq!(b["messages"][0]["role"], "user");
        let (url, h, b) = request(
            ProviderKind::Gemini,
            "http://h/v1beta",
            "g",
            Some("k"),
            &req(true),
        );
        assert_eq!(
            url,
            "http://h/v1beta/models/g:streamGenerateContent?alt=sse"
        );
        assert_eq!(h["x-goog-api-key"], "k");
        assert_eq!(b["systemInstruction"]["parts"][0]["text"], "Be brief.");
        assert_eq!(
            b["generationConfig"]["responseMimeType"],
            "application/json"
        );
    }

    #[test]
    fn finish_markers_usage_and_errors_are_read_per_dialect() {
        use Piece::*;
        assert_eq!(decode(ProviderKind::Openai, "[DONE]").unwrap(), vec![Done]);
        assert_eq!(
            decode(
                ProviderKind::Openai,
                r#"{"choices":[{"delta":{"content":"Hi"}}]}"#
            )
            .unwrap(),
            vec![Text("Hi".into())]
        );
        assert_eq!(
            decode(
                ProviderKind::Ollama,
                r#"{"message":{"content":""},"done":true,"prompt_eval_count":3,"eval_count":5}"#
            )
            .unwrap(),
            vec![
                Usage {
                    input: Some(3),
                    output: Some(5)
                },
                Done
            ]
        );
        assert!(
            decode(ProviderKind::Ollama, r#"{"error":"model not found"}"#)
                .unwrap_err()
                .contains("model not found")
        );
        assert_eq!(
            decode(
                ProviderKind::Gemini,
                r#"{"candidates":[{"content":{"parts":[{"text":"x"}]},"finishReason":"STOP"}]}"#
            )
            .unwrap(),
            vec![Text("x".into()), Done]
        );
        assert_eq!(
            decode(ProviderKind::Anthropic, r#"{"type":"message_stop"}"#).unwrap(),
            vec![Done]
        );
        assert!(
            decode(
                ProviderKind::Anthropic,
                r#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#
            )
            .is_err()
        );
        assert!(
            decode(ProviderKind::Openai, "{not json")
                .unwrap_err()
                .contains("malformed")
        );
    }
}
