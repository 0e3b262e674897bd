//! A chat request as cgen asks it of any model: the system prompt, the conversation, and what
//! the answer must look like. `generate` writes these and `providers` sends them (each
//! provider's dialect is `providers::wire`), so they live below both.

use serde_json::Value;

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
    /// The JSON schema the answer follows, sent where the provider's `structured_output`
    /// setting says it takes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Value>,
    /// Where the model must stop (a heading that starts another part).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stop: Vec<String>,
    pub max_tokens: Option<u32>,
    pub temperature: Option<f32>,
}
