//! The four wire formats: how a chat request is written for each API (the system prompt, stop
//! sequences and structured output really sent), and how each streamed event is read back into
//! text, usage, why the model stopped and the end of the stream. A chunk that does not parse,
//! or an error inside a 200 stream, is an error.
//! Also the embedding calls of the three APIs that have them, and the checks on their answers.

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use serde_json::{Value, json};

use super::settings::{ProviderKind, StructuredOutput};
pub use crate::chat::{ChatRequest, Message, Speaker};

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

/// Why the model stopped writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finish {
    /// It finished (or hit a stop sequence).
    Complete,
    /// It ran into `max_tokens`: the answer is cut, its last sentence unfinished.
    Cut,
}

/// What one streamed event says.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    Text(String),
    Usage {
        input: Option<u64>,
        output: Option<u64>,
    },
    /// Why the model stopped (OpenAI's `finish_reason`, Ollama's `done_reason`, Gemini's
    /// `finishReason`, Anthropic's `stop_reason`).
    Finish(Finish),
    /// The end of the stream. Without a `Finish` before it the stream was broken off.
    Done,
}

/// Reads a dialect's stop reason: finished, cut by `max_tokens`, or stopped for a reason
/// that leaves no usable answer (a content filter, a refusal), which is an error.
fn finish_reason(reason: &str) -> Result<Finish, String> {
    match reason.to_ascii_lowercase().as_str() {
        "stop" | "eos" | "end_turn" | "stop_sequence" | "tool_calls" => Ok(Finish::Complete),
        "length" | "max_tokens" => Ok(Finish::Cut),
        other => Err(format!("the model stopped without an answer ({other})")),
    }
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

/// The headers that carry a provider's secret (and Anthropic's API version), in the place each
/// API wants it. A secret that cannot be a header value is left out, and the provider says 401.
fn auth_headers(kind: ProviderKind, secret: Option<&str>) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.extend(secret.and_then(|s| match kind {
        ProviderKind::Ollama | ProviderKind::Openai => {
            header("authorization", &format!("Bearer {s}"))
        }
        ProviderKind::Gemini => header("x-goog-api-key", s),
        ProviderKind::Anthropic => header("x-api-key", s),
    }));
    if kind == ProviderKind::Anthropic {
        headers.extend(header("anthropic-version", "2023-06-01"));
    }
    headers
}

/// The instruction for APIs without a JSON mode, with the schema when there is one to show.
fn json_instruction(req: &ChatRequest, structured: StructuredOutput) -> String {
    match (&req.schema, structured) {
        (Some(schema), StructuredOutput::Schema | StructuredOutput::JsonObjectSchema) => {
            format!("{JSON_INSTRUCTION} It follows this JSON schema: {schema}")
        }
        _ => JSON_INSTRUCTION.to_string(),
    }
}

/// URL path, headers and body of a streaming chat call. `structured` says how a JSON answer
/// is asked for (the provider's `structured_output` setting).
pub fn request(
    kind: ProviderKind,
    base_url: &str,
    model: &str,
    secret: Option<&str>,
    req: &ChatRequest,
    structured: StructuredOutput,
) -> (String, HeaderMap, Value) {
    // Without a JSON mode on the wire, the system prompt asks for it.
    let instructed =
        req.json && (structured == StructuredOutput::Off || kind == ProviderKind::Anthropic);
    let system = match (&req.system, instructed) {
        (Some(s), true) => Some(format!("{s}\n\n{}", json_instruction(req, structured))),
        (Some(s), false) => Some(s.clone()),
        (None, true) => Some(json_instruction(req, structured)),
        (None, false) => None,
    };
    let schema = req.schema.as_ref().filter(|_| req.json);
    let base = base_url.trim_end_matches('/');
    let messages = |with_system: bool| {
        let mut out = Vec::new();
        if with_system && let Some(system) = &system {
            out.push(json!({"role": "system", "content": system}));
        }
        out.extend(
            req.messages
                .iter()
                .map(|m| json!({"role": m.role, "content": m.content})),
        );
        out
    };
    let headers = auth_headers(kind, secret);
    let (url, body) = match kind {
        ProviderKind::Ollama => {
            let mut body = json!({"model": model, "messages": messages(true), "stream": true});
            match (structured, schema) {
                (StructuredOutput::Off, _) => {}
                (StructuredOutput::Json, _) | (_, None) if req.json => {
                    body["format"] = json!("json");
                }
                (_, Some(schema)) => body["format"] = schema.clone(),
                _ => {}
            }
            let mut options = serde_json::Map::new();
            if !req.stop.is_empty() {
                options.insert("stop".into(), json!(req.stop));
            }
            if let Some(n) = req.max_tokens {
                options.insert("num_predict".into(), json!(n));
            }
            if let Some(t) = req.temperature {
                options.insert("temperature".into(), json!(t));
            }
            if !options.is_empty() {
                body["options"] = Value::Object(options);
            }
            (format!("{base}/api/chat"), body)
        }
        ProviderKind::Openai => {
            let mut body = json!({
                "model": model,
                "messages": messages(true),
                "stream": true,
                "stream_options": {"include_usage": true},
            });
            match (structured, schema) {
                (StructuredOutput::Off, _) => {}
                (StructuredOutput::Schema, Some(schema)) => {
                    body["response_format"] = json!({
                        "type": "json_schema",
                        "json_schema": {"name": "answer", "schema": schema},
                    });
                }
                // llama.cpp's Python server takes the schema here, and answers 500 to the
                // `json_schema` type.
                (StructuredOutput::JsonObjectSchema, Some(schema)) => {
                    body["response_format"] = json!({"type": "json_object", "schema": schema});
                }
                _ if req.json => body["response_format"] = json!({"type": "json_object"}),
                _ => {}
            }
            if !req.stop.is_empty() {
                body["stop"] = json!(req.stop);
            }
            if let Some(n) = req.max_tokens {
                body["max_tokens"] = json!(n);
            }
            if let Some(t) = req.temperature {
                body["temperature"] = json!(t);
            }
            (format!("{base}/chat/completions"), body)
        }
        ProviderKind::Anthropic => {
            let mut body = json!({
                "model": model,
                "messages": messages(false),
                "stream": true,
                "max_tokens": req.max_tokens.unwrap_or(4096),
            });
            if let Some(system) = &system {
                body["system"] = json!(system);
            }
            if !req.stop.is_empty() {
                body["stop_sequences"] = json!(req.stop);
            }
            if let Some(t) = req.temperature {
                body["temperature"] = json!(t);
            }
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
            if req.json && structured != StructuredOutput::Off {
                config.insert("responseMimeType".into(), json!("application/json"));
                if let (StructuredOutput::Schema | StructuredOutput::JsonObjectSchema, Some(s)) =
                    (structured, schema)
                {
                    config.insert("responseSchema".into(), s.clone());
                }
            }
            if !req.stop.is_empty() {
                config.insert("stopSequences".into(), json!(req.stop));
            }
            if let Some(n) = req.max_tokens {
                config.insert("maxOutputTokens".into(), json!(n));
            }
            if let Some(t) = req.temperature {
                config.insert("temperature".into(), json!(t));
            }
            let mut body = json!({"contents": contents});
            if let Some(system) = &system {
                body["systemInstruction"] = json!({"parts": [{"text": system}]});
            }
            if !config.is_empty() {
                body["generationConfig"] = Value::Object(config);
            }
            (
                format!("{base}/models/{model}:streamGenerateContent?alt=sse"),
                body,
            )
        }
    };
    (url, headers, body)
}

/// The text of the `error` member of a provider's answer: `"..."` or `{"message": "..."}`.
pub fn error_text(error: &Value) -> Option<&str> {
    error
        .get("message")
        .and_then(Value::as_str)
        .or_else(|| error.as_str())
}

/// The largest embedding dimension accepted (the largest common models have 4096).
pub const MAX_EMBEDDING_DIM: usize = 8192;

/// URL, headers and body of an embedding call for `texts`, or why this API has none.
pub fn embed_request(
    kind: ProviderKind,
    base_url: &str,
    model: &str,
    secret: Option<&str>,
    texts: &[String],
) -> Result<(String, HeaderMap, Value), String> {
    let base = base_url.trim_end_matches('/');
    let (url, body) = match kind {
        ProviderKind::Ollama => (
            format!("{base}/api/embed"),
            json!({"model": model, "input": texts}),
        ),
        ProviderKind::Openai => (
            format!("{base}/embeddings"),
            json!({"model": model, "input": texts}),
        ),
        ProviderKind::Gemini => {
            let requests: Vec<Value> = texts
                .iter()
                .map(|t| json!({"model": format!("models/{model}"), "content": {"parts": [{"text": t}]}}))
                .collect();
            (
                format!("{base}/models/{model}:batchEmbedContents"),
                json!({"requests": requests}),
            )
        }
        ProviderKind::Anthropic => {
            return Err("anthropic providers have no embeddings API".into());
        }
    };
    Ok((url, auth_headers(kind, secret), body))
}

/// The vectors of an embedding answer, in input order, and the input tokens when the API
/// counts them. Refused: an error object, a count other than `expected`, vectors of different
/// or excessive dimensions, and numbers that are not finite.
pub fn decode_embeddings(
    kind: ProviderKind,
    v: &Value,
    expected: usize,
) -> Result<(Vec<Vec<f32>>, Option<u64>), String> {
    if let Some(error) = v.get("error") {
        let message = error_text(error).unwrap_or("unspecified error");
        return Err(format!("the provider reported an error: {message}"));
    }
    let list = |key: &str| {
        v.get(key)
            .and_then(Value::as_array)
            .ok_or_else(|| format!("no \"{key}\" list in the answer"))
    };
    let (raw, tokens): (Vec<&Value>, Option<u64>) = match kind {
        ProviderKind::Ollama => (
            list("embeddings")?.iter().collect(),
            v["prompt_eval_count"].as_u64(),
        ),
        ProviderKind::Openai => {
            // Each item says its input's index; the order of the list is not promised.
            let data = list("data")?;
            let mut slots: Vec<Option<&Value>> = vec![None; data.len()];
            for item in data {
                let index = item["index"].as_u64().map(|i| i as usize);
                match index.and_then(|i| slots.get_mut(i)) {
                    Some(slot @ None) => *slot = Some(&item["embedding"]),
                    _ => return Err("the answer's indexes are not 0..n, each once".into()),
                }
            }
            (
                slots.into_iter().flatten().collect(),
                v.pointer("/usage/prompt_tokens").and_then(Value::as_u64),
            )
        }
        ProviderKind::Gemini => (
            list("embeddings")?.iter().map(|e| &e["values"]).collect(),
            None,
        ),
        ProviderKind::Anthropic => return Err("anthropic providers have no embeddings".into()),
    };
    if raw.len() != expected {
        return Err(format!("{} vectors for {expected} inputs", raw.len()));
    }
    let mut vectors = Vec::with_capacity(raw.len());
    for (i, value) in raw.into_iter().enumerate() {
        let numbers = value
            .as_array()
            .ok_or_else(|| format!("vector {i} is not a list of numbers"))?;
        let vector = numbers
            .iter()
            .map(|n| n.as_f64().map(|x| x as f32).filter(|x| x.is_finite()))
            .collect::<Option<Vec<f32>>>()
            .ok_or_else(|| format!("vector {i} holds something other than finite numbers"))?;
        vectors.push(vector);
    }
    let dim = vectors.first().map_or(0, Vec::len);
    if expected > 0 && !(1..=MAX_EMBEDDING_DIM).contains(&dim) {
        return Err(format!(
            "a dimension of {dim} (1 to {MAX_EMBEDDING_DIM} accepted)"
        ));
    }
    if let Some((i, v)) = vectors.iter().enumerate().find(|(_, v)| v.len() != dim) {
        return Err(format!(
            "vector {i} has {} dimensions, vector 0 has {dim}",
            v.len()
        ));
    }
    Ok((vectors, tokens))
}

/// Reads one streamed event (an SSE event's data, or one NDJSON line).
pub fn decode(kind: ProviderKind, data: &str) -> Result<Vec<Piece>, String> {
    if kind == ProviderKind::Openai && data.trim() == "[DONE]" {
        return Ok(vec![Piece::Done]);
    }
    let v: Value =
        serde_json::from_str(data).map_err(|e| format!("malformed stream chunk ({e})"))?;
    if let Some(error) = v.get("error") {
        let message = error_text(error).unwrap_or("unspecified error");
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
                    // Ollama before 0.1.33 sends no `done_reason`: its `done` is the end.
                    let reason = v.get("done_reason").and_then(Value::as_str);
                    out.push(Piece::Finish(
                        reason.map_or(Ok(Finish::Complete), finish_reason)?,
                    ));
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
                if let Some(reason) = c.get("finish_reason").and_then(Value::as_str) {
                    out.push(Piece::Finish(finish_reason(reason)?));
                }
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
            let mut finished = None;
            for c in candidates.into_iter().flatten() {
                for part in c
                    .pointer("/content/parts")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    text(&mut out, part.get("text").and_then(Value::as_str));
                }
                if let Some(reason) = c.get("finishReason").and_then(Value::as_str) {
                    finished = Some(finish_reason(reason)?);
                }
            }
            if let Some(u) = usage {
                out.push(Piece::Usage {
                    input: u["promptTokenCount"].as_u64(),
                    output: u["candidatesTokenCount"].as_u64(),
                });
            }
            if let Some(finish) = finished {
                out.push(Piece::Finish(finish));
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
            Some("message_delta") => {
                if let Some(reason) = v.pointer("/delta/stop_reason").and_then(Value::as_str) {
                    out.push(Piece::Finish(finish_reason(reason)?));
                }
                out.push(Piece::Usage {
                    input: None,
                    output: v.pointer("/usage/output_tokens").and_then(Value::as_u64),
                });
            }
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
            ..ChatRequest::default()
        }
    }

    #[test]
    fn the_system_prompt_and_json_mode_are_sent_in_each_dialect() {
        let (url, _, b) = request(
            ProviderKind::Ollama,
            "http://h:1/",
            "m",
            None,
            &req(true),
            StructuredOutput::Json,
        );
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
            StructuredOutput::Json,
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
            StructuredOutput::Json,
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
            StructuredOutput::Json,
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
                Finish(super::Finish::Complete),
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
            vec![Text("x".into()), Finish(super::Finish::Complete), Done]
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

    #[test]
    fn each_dialect_says_whether_the_answer_was_cut() {
        use super::Finish::*;
        let finish = |kind, data: &str| {
            decode(kind, data).map(|pieces| {
                pieces.into_iter().find_map(|p| match p {
                    Piece::Finish(f) => Some(f),
                    _ => None,
                })
            })
        };
        let openai = |reason: &str| {
            format!(r#"{{"choices":[{{"delta":{{}},"finish_reason":"{reason}"}}]}}"#)
        };
        assert_eq!(
            finish(ProviderKind::Openai, &openai("stop")),
            Ok(Some(Complete))
        );
        assert_eq!(
            finish(ProviderKind::Openai, &openai("length")),
            Ok(Some(Cut))
        );
        assert!(
            finish(ProviderKind::Openai, &openai("content_filter"))
                .unwrap_err()
                .contains("content_filter")
        );
        assert_eq!(
            finish(
                ProviderKind::Openai,
                r#"{"choices":[{"delta":{"content":"a"},"finish_reason":null}]}"#
            ),
            Ok(None)
        );
        assert_eq!(
            finish(
                ProviderKind::Ollama,
                r#"{"message":{"content":""},"done":true,"done_reason":"length"}"#
            ),
            Ok(Some(Cut))
        );
        assert_eq!(
            finish(
                ProviderKind::Gemini,
                r#"{"candidates":[{"content":{"parts":[]},"finishReason":"MAX_TOKENS"}]}"#
            ),
            Ok(Some(Cut))
        );
        assert_eq!(
            finish(
                ProviderKind::Anthropic,
                r#"{"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":9}}"#
            ),
            Ok(Some(Cut))
        );
        assert_eq!(
            finish(
                ProviderKind::Anthropic,
                r#"{"type":"message_delta","delta":{"stop_reason":"end_turn"}}"#
            ),
            Ok(Some(Complete))
        );
    }

    #[test]
    fn a_schema_and_stop_sequences_go_where_each_api_takes_them() {
        let schema = json!({"type": "object"});
        let asked = ChatRequest {
            schema: Some(schema.clone()),
            stop: vec!["\n## ".into()],
            ..req(true)
        };
        let body = |kind, structured| request(kind, "http://h", "m", None, &asked, structured).2;
        let openai = body(ProviderKind::Openai, StructuredOutput::Schema);
        assert_eq!(openai["response_format"]["type"], "json_schema");
        assert_eq!(openai["response_format"]["json_schema"]["schema"], schema);
        assert_eq!(openai["stop"], json!(["\n## "]));
        let llama = body(ProviderKind::Openai, StructuredOutput::JsonObjectSchema);
        assert_eq!(
            llama["response_format"],
            json!({"type": "json_object", "schema": schema})
        );
        let plain = body(ProviderKind::Openai, StructuredOutput::Json);
        assert_eq!(plain["response_format"], json!({"type": "json_object"}));
        let off = body(ProviderKind::Openai, StructuredOutput::Off);
        assert!(off.get("response_format").is_none());
        assert!(
            off["messages"][0]["content"]
                .as_str()
                .unwrap()
                .contains("JSON")
        );
        let ollama = body(ProviderKind::Ollama, StructuredOutput::Schema);
        assert_eq!(ollama["format"], schema);
        assert_eq!(ollama["options"]["stop"], json!(["\n## "]));
        assert_eq!(
            body(ProviderKind::Ollama, StructuredOutput::Json)["format"],
            "json"
        );
        let gemini = body(ProviderKind::Gemini, StructuredOutput::Schema);
        assert_eq!(gemini["generationConfig"]["responseSchema"], schema);
        assert_eq!(
            gemini["generationConfig"]["stopSequences"],
            json!(["\n## "])
        );
        let anthropic = body(ProviderKind::Anthropic, StructuredOutput::Schema);
        assert!(anthropic["system"].as_str().unwrap().contains("\"object\""));
        assert_eq!(anthropic["stop_sequences"], json!(["\n## "]));
    }

    #[test]
    fn embedding_calls_are_written_per_dialect_and_anthropic_has_none() {
        let texts = vec!["a".to_string(), "b".to_string()];
        let (url, h, b) =
            embed_request(ProviderKind::Ollama, "http://h:1/", "e", None, &texts).unwrap();
        assert_eq!(url, "http://h:1/api/embed");
        assert!(h.is_empty());
        assert_eq!(b, json!({"model": "e", "input": ["a", "b"]}));
        let (url, h, _) =
            embed_request(ProviderKind::Openai, "http://h/v1", "e", Some("k"), &texts).unwrap();
        assert_eq!(url, "http://h/v1/embeddings");
        assert_eq!(h["authorization"], "Bearer k");
        let (url, h, b) = embed_request(
            ProviderKind::Gemini,
            "http://h/v1beta",
            "e",
            Some("k"),
            &texts,
        )
        .unwrap();
        assert_eq!(url, "http://h/v1beta/models/e:batchEmbedContents");
        assert_eq!(h["x-goog-api-key"], "k");
        assert_eq!(b["requests"][1]["model"], "models/e");
        assert_eq!(b["requests"][1]["content"]["parts"][0]["text"], "b");
        assert!(embed_request(ProviderKind::Anthropic, "http://h", "e", None, &texts).is_err());
    }

    #[test]
    fn embedding_answers_are_read_in_input_order_and_checked() {
        let ollama = json!({"embeddings": [[1.0, 0.0], [0.0, 1.0]], "prompt_eval_count": 4});
        let (v, tokens) = decode_embeddings(ProviderKind::Ollama, &ollama, 2).unwrap();
        assert_eq!(v, vec![vec![1.0, 0.0], vec![0.0, 1.0]]);
        assert_eq!(tokens, Some(4));
        let openai = json!({"data": [{"index": 1, "embedding": [2.0]}, {"index": 0, "embedding": [1.0]}],
                            "usage": {"prompt_tokens": 3}});
        let (v, tokens) = decode_embeddings(ProviderKind::Openai, &openai, 2).unwrap();
        assert_eq!(v, vec![vec![1.0], vec![2.0]]);
        assert_eq!(tokens, Some(3));
        let gemini = json!({"embeddings": [{"values": [0.5, 0.5]}]});
        assert_eq!(
            decode_embeddings(ProviderKind::Gemini, &gemini, 1)
                .unwrap()
                .0,
            vec![vec![0.5, 0.5]]
        );
        let bad = |kind, v: Value, n| decode_embeddings(kind, &v, n).unwrap_err();
        assert!(bad(ProviderKind::Ollama, ollama.clone(), 3).contains("2 vectors for 3 inputs"));
        assert!(
            bad(
                ProviderKind::Ollama,
                json!({"embeddings": [[1.0], [1.0, 2.0]]}),
                2
            )
            .contains("dimensions")
        );
        assert!(
            bad(ProviderKind::Ollama, json!({"embeddings": [[1.0, "x"]]}), 1).contains("finite")
        );
        assert!(bad(ProviderKind::Ollama, json!({"embeddings": [[]]}), 1).contains("dimension"));
        let huge = vec![0.1; MAX_EMBEDDING_DIM + 1];
        assert!(bad(ProviderKind::Ollama, json!({"embeddings": [huge]}), 1).contains("dimension"));
        let twice =
            json!({"data": [{"index": 0, "embedding": [1.0]}, {"index": 0, "embedding": [1.0]}]});
        assert!(bad(ProviderKind::Openai, twice, 2).contains("indexes"));
        assert!(bad(ProviderKind::Openai, json!({"error": {"message": "no"}}), 1).contains("no"));
        assert!(bad(ProviderKind::Gemini, json!({"vectors": []}), 1).contains("embeddings"));
    }
}
