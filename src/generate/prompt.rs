//! The words sent to a model for one part of an article: the system prompt, the numbered
//! sources with their structure, the stop sequences, and how many tokens the answer may take.
//! Prompts ask for little: an answer near the part's word budget, cited by source number, with
//! commands kept as code and steps as lists where the sources have them.

use super::state::{Answer, PartRequest};
use crate::chat::{ChatRequest, Message, Speaker};

/// Output tokens per word of prose (about 1.3 on average, code costs more) and the margin
/// that lets the last sentence end inside the budget.
const PROSE_TOKENS_PER_WORD: u64 = 3;
const PROSE_TOKENS_PER_WORD_DIVISOR: u64 = 2;
const PROSE_MARGIN: u64 = 48;
/// JSON spends tokens on its syntax.
const JSON_TOKENS_PER_WORD: u64 = 2;
const JSON_MARGIN: u64 = 32;

/// A heading starts another part: the model has said what it had to say. (Not `# `: a
/// shell comment in a code block starts that way.)
const PROSE_STOPS: &[&str] = &["\n## "];

/// Output tokens an answer to `request` may take: near its word budget.
pub fn answer_tokens(request: &PartRequest) -> u64 {
    let words = request.words as u64;
    match request.answer {
        Answer::Prose => {
            words * PROSE_TOKENS_PER_WORD / PROSE_TOKENS_PER_WORD_DIVISOR + PROSE_MARGIN
        }
        Answer::Json { .. } => words * JSON_TOKENS_PER_WORD + JSON_MARGIN,
    }
}

/// The sources as the user message shows them: `[n]` and the passage, in order. The label is
/// the citation form the model is asked to use, so echoing it is citing.
fn numbered_sources(sources: &[String]) -> String {
    sources
        .iter()
        .enumerate()
        .map(|(i, s)| format!("[{}] {}\n\n", i + 1, s.trim()))
        .collect()
}

/// The chat request for one part (without `max_tokens`, which the caller's budgets bound).
pub fn chat(request: &PartRequest) -> ChatRequest {
    let (system, json, schema, stop) = match &request.answer {
        Answer::Prose => (
            format!(
                "You are a technical writer. Write the {part} of an article on \"{topic}\" in \
                 at most {words} words, using only the numbered sources the user gives. Copy \
                 commands, paths, options and numbers exactly as the sources write them; put \
                 a command in a fenced code block and steps in a list where the sources do. \
                 End each sentence with the number of the source it uses, like [1]. Start \
                 with the content itself: no heading, no introduction of your answer, nothing \
                 about these instructions or the sources.",
                part = request.part,
                topic = request.topic,
                words = request.words,
            ),
            false,
            None,
            PROSE_STOPS.iter().map(|s| s.to_string()).collect(),
        ),
        Answer::Json {
            instructions,
            schema,
        } => (
            format!(
                "You are a technical writer preparing the {} of an article on \"{}\". \
                 {instructions} Use only facts from the numbered sources the user gives; do \
                 not invent commands, options or numbers. Answer with that one JSON object \
                 and nothing else.",
                request.part, request.topic
            ),
            true,
            Some(schema.clone()),
            Vec::new(),
        ),
    };
    ChatRequest {
        system: Some(system),
        messages: vec![Message {
            role: Speaker::User,
            content: format!(
                "{}Write the {} now.",
                numbered_sources(&request.sources),
                request.part
            ),
        }],
        json,
        schema,
        stop,
        max_tokens: None,
        temperature: Some(0.3),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(answer: Answer) -> PartRequest {
        PartRequest {
            topic: "restic backups".into(),
            part: "introduction".into(),
            sources: vec![
                "Backups > Init\n\nRun this:\n\n```sh\nrestic init\n```".into(),
                "- one\n- two".into(),
            ],
            words: 100,
            answer,
        }
    }

    #[test]
    fn sources_keep_their_code_and_lists_under_their_numbers() {
        let chat = chat(&request(Answer::Prose));
        let user = &chat.messages[0].content;
        assert!(
            user.starts_with(
                "[1] Backups > Init\n\nRun this:\n\n```sh\nrestic init\n```\n\n[2] - one\n- two"
            ),
            "{user}"
        );
        let system = chat.system.unwrap_or_default();
        assert!(
            system.contains("fenced code block") && system.contains("[1]"),
            "{system}"
        );
        assert!(!chat.json && chat.schema.is_none());
        assert_eq!(chat.stop, vec!["\n## "]);
    }

    #[test]
    fn an_answer_may_take_tokens_near_its_word_budget() {
        assert_eq!(answer_tokens(&request(Answer::Prose)), 198);
        let json = Answer::Json {
            instructions: "Plan.".into(),
            schema: serde_json::json!({"type": "object"}),
        };
        let chat = chat(&request(json));
        assert!(chat.json && chat.schema.is_some() && chat.stop.is_empty());
    }
}
