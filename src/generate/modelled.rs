//! The parts of an article a model writes when a provider is configured, and the bounds put on
//! what it answers. Prose (introduction, sections, conclusion) rewrites an offline-composed part
//! from the same passages and is cut to the part's word budget; the outline and the FAQ come back
//! as JSON and are checked entry by entry against the passages they cite. An answer that fails
//! the checks is set aside (and logged) and the offline composition stands, so a model can make
//! an article better but never longer than its budgets, uncited, or malformed.

use std::collections::HashSet;

use serde_json::Value;

use super::article::Faq;
use super::state::{
    Answer, GENERIC_HEADINGS, GenState, OutlineSection, PartRequest, StageEnv, StageError,
};
use crate::text::{footnote_refs, sentences, strip_footnote_refs, word_count};

/// Words of each passage shown to a model planning the outline (it needs the gist, not all).
const OUTLINE_EXCERPT_WORDS: usize = 40;
/// Words of each passage shown to a model writing the FAQ, and how many passages it sees.
const FAQ_EXCERPT_WORDS: usize = 90;
const FAQ_PASSAGES: usize = 12;
/// Longest heading and question a model may give.
const MAX_HEADING_CHARS: usize = 80;
const MAX_QUESTION_CHARS: usize = 150;
/// Words the model may spend per outline entry and, beyond its answer, per FAQ entry.
const WORDS_PER_HEADING: usize = 30;
const WORDS_PER_QUESTION: usize = 30;

/// Asks the writer; `None` when there is none (offline) or no provider could answer (the
/// offline text stands and the manifest says so). Adds what the answer cost to the article's.
fn ask(
    state: &mut GenState,
    env: &StageEnv,
    request: PartRequest,
) -> Result<Option<String>, StageError> {
    let Some(writer) = env.writer else {
        return Ok(None);
    };
    let Some(written) = writer.write(&request, &state.model)? else {
        state.model.offline_fallback = true;
        return Ok(None);
    };
    let usage = &mut state.model;
    usage.provider = Some(written.provider);
    usage.model = Some(written.model);
    usage.calls += 1;
    usage.input_tokens += written.input_tokens;
    usage.output_tokens += written.output_tokens;
    usage.cost += written.cost.unwrap_or(0.0);
    Ok(Some(written.text))
}

/// The leading sentences of `text` that fit in `budget` words, and their word count; the first
/// sentence is always taken, so a count over `budget` means even it does not fit. Citation
/// marks the model wrote itself are dropped: only cgen's own point at the right sources.
fn cut_to_words(text: &str, budget: usize) -> (String, usize) {
    let mut kept = Vec::new();
    let mut words = 0;
    for s in sentences(strip_footnote_refs(text).trim()) {
        let n = word_count(&s.text);
        if words + n > budget && words > 0 {
            break;
        }
        words += n;
        kept.push(s.text);
    }
    (kept.join(" "), words)
}

fn has_heading(text: &str) -> bool {
    text.lines().any(|l| l.trim_start().starts_with('#'))
}

/// The first `words` words of a passage, on one line, after its heading path.
fn excerpt(state: &GenState, passage: usize, words: usize) -> String {
    let p = &state.passages[passage];
    let text: Vec<&str> = p.text.split_whitespace().take(words).collect();
    format!("({}) {}", p.heading_path.join(" > "), text.join(" "))
}

/// Lets the model rewrite an offline-composed part from the same passages: the answer is cut
/// to the word budget at a sentence end, keeps the offline text's citation marks, and is
/// dropped (the offline text stays) when it is a fraction of the budget or has a heading.
pub(super) fn prose(
    state: &mut GenState,
    env: &StageEnv,
    part: String,
    passages: &[usize],
    budget: usize,
    offline: String,
) -> Result<String, StageError> {
    let request = PartRequest {
        topic: state.spec.topic.clone(),
        part,
        sources: passages
            .iter()
            .filter_map(|&i| state.passages.get(i).map(|p| p.text.clone()))
            .collect(),
        words: budget,
        answer: Answer::Prose,
    };
    let Some(text) = ask(state, env, request)? else {
        return Ok(offline);
    };
    let (kept, words) = cut_to_words(&text, budget);
    if has_heading(&text) || words < (budget / 4).max(1) || words > budget {
        tracing::info!(
            part = "prose",
            words,
            budget,
            "the model's answer was set aside"
        );
        return Ok(offline);
    }
    let refs: String = footnote_refs(&offline).concat();
    Ok(format!("{kept}{refs}"))
}

/// The JSON object of an answer, which models sometimes wrap in a code fence or a sentence.
fn json_object(text: &str) -> Option<Value> {
    let start = text.find('{')?;
    let end = text.rfind('}')?;
    serde_json::from_str(text.get(start..=end)?).ok()
}

/// Source numbers (1-based, as shown to the model) of an entry, as passage indices: valid,
/// in range, without repeats. Numbers given as text are accepted.
fn cited_passages(entry: &Value, shown: &[usize]) -> Vec<usize> {
    let mut out = Vec::new();
    for n in entry["sources"].as_array().into_iter().flatten() {
        let number = n
            .as_u64()
            .or_else(|| n.as_str().and_then(|s| s.trim().parse().ok()));
        let passage = number
            .and_then(|n| (n as usize).checked_sub(1))
            .and_then(|i| shown.get(i));
        if let Some(&p) = passage
            && !out.contains(&p)
        {
            out.push(p);
        }
    }
    out
}

/// One line of plain text, at most `max` characters, or `None`.
fn one_line(value: &Value, max: usize) -> Option<String> {
    let text = value.as_str()?.trim().trim_start_matches('#').trim();
    let ok = !text.is_empty() && text.chars().count() <= max && !text.contains('\n');
    ok.then(|| text.to_string())
}

/// The model's outline of at most `max_sections` sections, each with a heading of its own and
/// the passages it draws on; `None` when there is no model or its answer has no usable entry.
pub(super) fn outline(
    state: &mut GenState,
    env: &StageEnv,
    max_sections: usize,
) -> Result<Option<Vec<OutlineSection>>, StageError> {
    if env.writer.is_none() || state.passages.is_empty() || max_sections == 0 {
        return Ok(None);
    }
    let shown: Vec<usize> = (0..state.passages.len()).collect();
    let request = PartRequest {
        topic: state.spec.topic.clone(),
        part: "outline".into(),
        sources: shown
            .iter()
            .map(|&i| excerpt(state, i, OUTLINE_EXCERPT_WORDS))
            .collect(),
        words: max_sections * WORDS_PER_HEADING,
        answer: Answer::Json(format!(
            "Plan the sections of the article: at most {max_sections}, in reading order, \
             without an introduction, conclusion, summary or FAQ section. Give each a short \
             heading (at most {MAX_HEADING_CHARS} characters) and the numbers of the sources \
             it draws on. The JSON shape is \
             {{\"sections\": [{{\"heading\": \"...\", \"sources\": [1, 2]}}]}}."
        )),
    };
    let Some(text) = ask(state, env, request)? else {
        return Ok(None);
    };
    let planned = json_object(&text);
    let entries = planned
        .as_ref()
        .and_then(|v| v["sections"].as_array())
        .cloned()
        .unwrap_or_default();
    let mut seen = HashSet::new();
    let mut sections = Vec::new();
    for entry in &entries {
        let Some(heading) = one_line(&entry["heading"], MAX_HEADING_CHARS) else {
            continue;
        };
        let lower = heading.to_lowercase();
        let passages = cited_passages(entry, &shown);
        if passages.is_empty() || GENERIC_HEADINGS.contains(&lower.as_str()) || !seen.insert(lower)
        {
            continue;
        }
        sections.push(OutlineSection {
            heading,
            passages,
            planned: true,
        });
        if sections.len() == max_sections {
            break;
        }
    }
    if sections.is_empty() {
        tracing::info!(
            part = "outline",
            entries = entries.len(),
            "the model's outline was set aside"
        );
        return Ok(None);
    }
    Ok(Some(sections))
}

/// The model's FAQ: at most `max` questions, each answered in at most `answer_words` words
/// from the passages it cites (cited in the article); `None` when there is no model or its
/// answer has no usable entry.
pub(super) fn faq(
    state: &mut GenState,
    env: &StageEnv,
    max: usize,
    answer_words: usize,
) -> Result<Option<Vec<Faq>>, StageError> {
    if env.writer.is_none() || state.passages.is_empty() || max == 0 {
        return Ok(None);
    }
    let shown: Vec<usize> = (0..state.passages.len().min(FAQ_PASSAGES)).collect();
    let request = PartRequest {
        topic: state.spec.topic.clone(),
        part: "FAQ".into(),
        sources: shown
            .iter()
            .map(|&i| excerpt(state, i, FAQ_EXCERPT_WORDS))
            .collect(),
        words: max * (answer_words + WORDS_PER_QUESTION),
        answer: Answer::Json(format!(
            "Write at most {max} questions a reader of the article would ask, each answered \
             in at most {answer_words} words of plain text from the sources, with the numbers \
             of the sources the answer uses. The JSON shape is \
             {{\"faq\": [{{\"question\": \"...?\", \"answer\": \"...\", \"sources\": [1]}}]}}."
        )),
    };
    let Some(text) = ask(state, env, request)? else {
        return Ok(None);
    };
    let planned = json_object(&text);
    let entries = planned
        .as_ref()
        .and_then(|v| v["faq"].as_array())
        .cloned()
        .unwrap_or_default();
    let min_words = (answer_words / 6).max(3);
    let mut seen = HashSet::new();
    let mut faq = Vec::new();
    for entry in &entries {
        let Some(question) = one_line(&entry["question"], MAX_QUESTION_CHARS) else {
            continue;
        };
        let answer = entry["answer"].as_str().unwrap_or_default();
        let (answer, words) = cut_to_words(answer, answer_words);
        let passages = cited_passages(entry, &shown);
        let usable = question.ends_with('?')
            && (min_words..=answer_words).contains(&words)
            && !has_heading(&answer)
            && !passages.is_empty()
            && seen.insert(question.to_lowercase());
        if !usable {
            continue;
        }
        let mut citations: Vec<usize> = passages.iter().map(|&p| state.cite(p)).collect();
        citations.sort_unstable();
        citations.dedup();
        let marks: String = citations.iter().map(|r| format!("[^{r}]")).collect();
        faq.push(Faq {
            question,
            answer: format!("{answer}{marks}"),
            citations,
        });
        if faq.len() == max {
            break;
        }
    }
    if faq.is_empty() {
        tracing::info!(
            part = "faq",
            entries = entries.len(),
            "the model's FAQ was set aside"
        );
        return Ok(None);
    }
    Ok(Some(faq))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_object_is_found_inside_a_fence_or_a_sentence() {
        let fenced = "Here it is:\n```json\n{\"sections\": []}\n```\nDone.";
        assert_eq!(
            json_object(fenced),
            Some(serde_json::json!({"sections": []}))
        );
        assert_eq!(json_object("no json here"), None);
        assert_eq!(json_object("} backwards {"), None);
    }

    #[test]
    fn cited_numbers_must_name_a_shown_passage_once() {
        let entry = serde_json::json!({"sources": [2, "3", 2, 0, 9, -1, "x", 1.5]});
        assert_eq!(cited_passages(&entry, &[10, 11, 12]), vec![11, 12]);
        assert!(cited_passages(&serde_json::json!({}), &[0]).is_empty());
    }

    #[test]
    fn headings_are_one_short_line() {
        let max = MAX_HEADING_CHARS;
        assert_eq!(
            one_line(&serde_json::json!("## Pruning"), max).as_deref(),
            Some("Pruning")
        );
        assert_eq!(one_line(&serde_json::json!("a\nb"), max), None);
        assert_eq!(one_line(&serde_json::json!("x".repeat(max + 1)), max), None);
        assert_eq!(one_line(&serde_json::json!(42), max), None);
        assert_eq!(one_line(&serde_json::json!("  "), max), None);
    }

    #[test]
    fn prose_is_cut_at_a_sentence_end_within_the_budget() {
        let (kept, words) = cut_to_words("One two three. Four five six. Seven eight.", 7);
        assert_eq!((kept.as_str(), words), ("One two three. Four five six.", 6));
        let (kept, words) = cut_to_words("A very long first sentence indeed.", 2);
        assert_eq!(
            (kept.as_str(), words),
            ("A very long first sentence indeed.", 6)
        );
    }
}
