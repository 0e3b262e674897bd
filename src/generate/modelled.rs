//! The parts of an article a model writes when a provider is configured, and the bounds put on
//! what it answers. Prose (introduction, sections, conclusion) rewrites an offline-composed part
//! from the passages that part used, shown with their lists and code blocks; every sentence of
//! the answer is checked against the sources it cites (`grounding`), only citations to sources
//! in the prompt are kept, and the part is cut to its word budget. The outline and the FAQ come
//! back as JSON (with a schema where the provider takes one), keep the complete entries of a
//! cut-off array, and are checked entry by entry. An answer that fails the checks is set aside
//! and the offline composition stands; each part records who wrote it and, when it fell back,
//! why, so a model can make an article better but never longer, uncited or invented.

use std::collections::HashSet;

use serde_json::{Value, json};

use super::article::Faq;
use super::blocks;
use super::grounding::{self, Checked};
use super::state::{
    Answer, GENERIC_HEADINGS, GenState, OutlineSection, PartRecord, PartRequest, StageEnv,
    StageError, Written,
};
use crate::text::{sentences, strip_footnote_refs, word_count};

/// Passages shown to a model planning the outline, and the words of each (it needs the gist:
/// a 135M model spent 15 s reading 2.3 k prompt tokens before its first token).
const OUTLINE_PASSAGES: usize = 8;
const OUTLINE_EXCERPT_WORDS: usize = 30;
/// Words of each passage shown to a model writing the FAQ, and how many passages it sees.
const FAQ_EXCERPT_WORDS: usize = 90;
const FAQ_PASSAGES: usize = 8;
/// Passages shown for a prose part, and the words of each (whole blocks).
const PROSE_PASSAGES: usize = 6;
const PROSE_SOURCE_WORDS: usize = 220;
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
) -> Result<Option<Written>, StageError> {
    let Some(writer) = env.writer else {
        return Ok(None);
    };
    let part = request.part.clone();
    let Some(written) = writer.write(&request, &state.model)? else {
        state.model.offline_fallback = true;
        record(state, part, Err("no provider could answer".into()), None);
        return Ok(None);
    };
    let usage = &mut state.model;
    usage.provider = Some(written.provider.clone());
    usage.model = Some(written.model.clone());
    usage.calls += 1;
    usage.input_tokens += written.input_tokens;
    usage.output_tokens += written.output_tokens;
    usage.cost += written.cost.unwrap_or(0.0);
    usage.estimated |= written.estimated;
    Ok(Some(written))
}

/// Records who wrote a part; an answer set aside counts its tokens as discarded.
fn record(
    state: &mut GenState,
    part: String,
    outcome: Result<(), String>,
    answer: Option<(&Written, &Checked)>,
) {
    if outcome.is_err()
        && let Some((written, _)) = answer
    {
        state.model.discarded_tokens += written.input_tokens + written.output_tokens;
    }
    let checked = answer.map(|(_, c)| c);
    if let Err(why) = &outcome {
        tracing::info!(part = %part, why = %why, "the model's answer was set aside");
    }
    state.model.parts.push(PartRecord {
        part,
        written_by: if outcome.is_ok() { "model" } else { "offline" }.into(),
        fallback: outcome.err(),
        kept: checked.map_or(0, |c| c.kept),
        dropped: checked.map_or(0, Checked::dropped_total),
        dropped_for: checked.map(|c| c.dropped.clone()).unwrap_or_default(),
    });
}

/// The leading sentences of `text` that fit in `budget` words, and their word count; the first
/// sentence is always taken, so a count over `budget` means even it does not fit.
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

/// The first `words` words of a passage, on one line, after its heading path.
fn excerpt(state: &GenState, passage: usize, words: usize) -> String {
    let p = &state.passages[passage];
    let text: Vec<&str> = p.text.split_whitespace().take(words).collect();
    format!("({}) {}", p.heading_path.join(" > "), text.join(" "))
}

/// A passage as a model sees it for prose: its heading path, then its whole blocks (lists with
/// their markers, code fenced with its language) up to about `words` words.
fn structured(state: &GenState, passage: usize, words: usize) -> String {
    let p = &state.passages[passage];
    let mut parts = vec![p.heading_path.join(" > ")];
    let mut total = 0;
    for block in blocks::split(&p.text) {
        let n = word_count(&block.text);
        if total + n > words && total > 0 {
            break;
        }
        total += n;
        parts.push(block.markdown());
    }
    parts.retain(|s| !s.trim().is_empty());
    parts.join("\n\n")
}

/// The passages a prose part shows the model: those of `passages` the offline text drew on
/// (their chunks are cited under the sources it cites; for a part citing nothing, such as the
/// conclusion, under any source of the article), so a passage the offline composition left
/// out (another page, the knowledge base's own README) is never a source.
fn shown_passages(state: &GenState, passages: &[usize], cited: &[usize]) -> Vec<usize> {
    let chunks: HashSet<&str> = state
        .article
        .sources
        .iter()
        .filter(|s| cited.is_empty() || cited.contains(&s.id))
        .flat_map(|s| s.chunks.iter().map(String::as_str))
        .collect();
    let mut shown: Vec<usize> = Vec::new();
    for &i in passages {
        let Some(p) = state.passages.get(i) else {
            continue;
        };
        if chunks.contains(p.chunk_hash.as_str()) && !shown.contains(&i) {
            shown.push(i);
        }
        if shown.len() == PROSE_PASSAGES {
            break;
        }
    }
    shown
}

/// Lets the model rewrite an offline-composed part (`offline`: its text and the sources it
/// cites) from the passages that part drew on. Each sentence the model wrote is checked
/// against the sources; the kept blocks cite the sources that hold them and are cut to the
/// word budget. The offline text stays when the checks leave too little or find too much
/// invented. Returns the part's text and the sources it cites.
pub(super) fn prose(
    state: &mut GenState,
    env: &StageEnv,
    part: String,
    passages: &[usize],
    budget: usize,
    offline: (String, Vec<usize>),
) -> Result<(String, Vec<usize>), StageError> {
    if env.writer.is_none() {
        return Ok(offline);
    }
    let shown = shown_passages(state, passages, &offline.1);
    if shown.is_empty() {
        record(
            state,
            part,
            Err("no passage to show the model".into()),
            None,
        );
        return Ok(offline);
    }
    let sources: Vec<String> = shown
        .iter()
        .map(|&i| structured(state, i, PROSE_SOURCE_WORDS))
        .collect();
    let request = PartRequest {
        topic: state.spec.topic.clone(),
        part: part.clone(),
        sources: sources.clone(),
        words: budget,
        answer: Answer::Prose,
    };
    let Some(written) = ask(state, env, request)? else {
        return Ok(offline);
    };
    let checked = grounding::check(&written.text, &sources, written.cut, &said(state));
    if let Err(why) = checked.verdict((budget / 4).max(1)) {
        record(state, part, Err(why), Some((&written, &checked)));
        return Ok(offline);
    }
    let mut body = Vec::new();
    let mut cited = Vec::new();
    let mut words = 0;
    for (markdown, from) in &checked.blocks {
        let n = word_count(markdown);
        if words + n > budget && words > 0 {
            break;
        }
        words += n;
        let mut marks: Vec<usize> = from
            .iter()
            .filter_map(|n| shown.get(n - 1))
            .map(|&i| state.cite(i))
            .collect();
        marks.sort_unstable();
        marks.dedup();
        cited.extend(&marks);
        let code = markdown.starts_with("```");
        let refs: String = marks.iter().map(|r| format!("[^{r}]")).collect();
        body.push(if code {
            markdown.clone()
        } else {
            format!("{markdown}{refs}")
        });
    }
    cited.sort_unstable();
    cited.dedup();
    record(state, part, Ok(()), Some((&written, &checked)));
    Ok((body.join("\n\n"), cited))
}

/// The sentences the article says so far, as `grounding::sentence_key`s: a model that copies
/// them again repeats the article.
fn said(state: &GenState) -> HashSet<String> {
    let article = &state.article;
    std::iter::once(&article.introduction)
        .chain(&article.sections)
        .flat_map(|s| sentences(&strip_footnote_refs(&s.body)))
        .map(|s| grounding::sentence_key(&s.text))
        .filter(|k| !k.is_empty())
        .collect()
}

/// The JSON object of an answer, which models sometimes wrap in a code fence or a sentence.
fn json_object(text: &str) -> Option<Value> {
    let start = text.find('{')?;
    let end = text.rfind('}')?;
    serde_json::from_str(text.get(start..=end)?).ok()
}

/// The entries of the answer's `key` array; of an array cut off (by `max_tokens`), the
/// complete entries before the cut.
fn json_entries(text: &str, key: &str) -> Vec<Value> {
    if let Some(entries) = json_object(text).as_ref().and_then(|v| v[key].as_array()) {
        return entries.clone();
    }
    let Some(at) = text.find(&format!("\"{key}\"")) else {
        return Vec::new();
    };
    let Some(open) = text[at..].find('[').map(|i| at + i) else {
        return Vec::new();
    };
    let mut entries = Vec::new();
    let (mut depth, mut start, mut in_string, mut escaped) = (0i32, None, false, false);
    for (i, c) in text[open + 1..].char_indices() {
        let i = open + 1 + i;
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '{' => {
                if depth == 0 {
                    start = Some(i);
                }
                depth += 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0
                    && let Some(s) = start.take()
                    && let Ok(entry) = serde_json::from_str(&text[s..=i])
                {
                    entries.push(entry);
                }
                if depth < 0 {
                    break;
                }
            }
            ']' if depth == 0 => break,
            _ => {}
        }
    }
    entries
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

/// Records that the model's outline, kept at first, gave way to the offline one, and why.
pub(super) fn plan_failed(state: &mut GenState, why: &str) {
    record(state, "outline".into(), Err(why.to_string()), None);
}

/// The JSON schema of an outline answer.
fn outline_schema() -> Value {
    json!({
        "type": "object",
        "properties": {"sections": {"type": "array", "items": {
            "type": "object",
            "properties": {
                "heading": {"type": "string"},
                "sources": {"type": "array", "items": {"type": "integer"}},
            },
            "required": ["heading", "sources"],
        }}},
        "required": ["sections"],
    })
}

/// The JSON schema of a FAQ answer.
fn faq_schema() -> Value {
    json!({
        "type": "object",
        "properties": {"faq": {"type": "array", "items": {
            "type": "object",
            "properties": {
                "question": {"type": "string"},
                "answer": {"type": "string"},
                "sources": {"type": "array", "items": {"type": "integer"}},
            },
            "required": ["question", "answer", "sources"],
        }}},
        "required": ["faq"],
    })
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
    let shown: Vec<usize> = (0..state.passages.len().min(OUTLINE_PASSAGES)).collect();
    let request = PartRequest {
        topic: state.spec.topic.clone(),
        part: "outline".into(),
        sources: shown
            .iter()
            .map(|&i| excerpt(state, i, OUTLINE_EXCERPT_WORDS))
            .collect(),
        words: max_sections * WORDS_PER_HEADING,
        answer: Answer::Json {
            instructions: format!(
                "Plan the sections of the article: at most {max_sections}, in reading order, \
                 without an introduction, conclusion, summary or FAQ section. Give each a \
                 short heading (at most {MAX_HEADING_CHARS} characters) and the numbers of \
                 the sources it draws on. The JSON shape is \
                 {{\"sections\": [{{\"heading\": \"...\", \"sources\": [1, 2]}}]}}."
            ),
            schema: outline_schema(),
        },
    };
    let Some(written) = ask(state, env, request)? else {
        return Ok(None);
    };
    let entries = json_entries(&written.text, "sections");
    let mut seen = HashSet::new();
    let mut sections = Vec::new();
    let mut checked = Checked::default();
    for entry in &entries {
        let heading = one_line(&entry["heading"], MAX_HEADING_CHARS);
        let passages = cited_passages(entry, &shown);
        // A placeholder ("...") or an excerpt's heading path ("A > B") is no heading.
        let usable = heading.as_ref().is_some_and(|h| {
            let lower = h.to_lowercase();
            !passages.is_empty()
                && !crate::text::content_words(h).is_empty()
                && !h.contains(" > ")
                && !GENERIC_HEADINGS.contains(&lower.as_str())
                && !grounding::is_meta(h)
                && seen.insert(lower)
        });
        let Some(heading) = heading.filter(|_| usable && sections.len() < max_sections) else {
            *checked.dropped.entry("unusable".into()).or_default() += 1;
            continue;
        };
        checked.kept += 1;
        sections.push(OutlineSection {
            heading,
            passages,
            planned: true,
        });
    }
    if sections.is_empty() {
        let why = format!("no usable entry among {} in the answer", entries.len());
        record(
            state,
            "outline".into(),
            Err(why),
            Some((&written, &checked)),
        );
        return Ok(None);
    }
    record(state, "outline".into(), Ok(()), Some((&written, &checked)));
    Ok(Some(sections))
}

/// The model's FAQ: at most `max` questions, each answered in at most `answer_words` words
/// from the passages it cites (cited in the article, and checked against them); `None` when
/// there is no model or its answer has no usable entry.
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
    let excerpts: Vec<String> = shown
        .iter()
        .map(|&i| excerpt(state, i, FAQ_EXCERPT_WORDS))
        .collect();
    let request = PartRequest {
        topic: state.spec.topic.clone(),
        part: "FAQ".into(),
        sources: excerpts.clone(),
        words: max * (answer_words + WORDS_PER_QUESTION),
        answer: Answer::Json {
            instructions: format!(
                "Write at most {max} questions a reader of the article would ask, each \
                 answered in at most {answer_words} words of plain text from the sources, \
                 with the numbers of the sources the answer uses. The JSON shape is \
                 {{\"faq\": [{{\"question\": \"...?\", \"answer\": \"...\", \"sources\": [1]}}]}}."
            ),
            schema: faq_schema(),
        },
    };
    let Some(written) = ask(state, env, request)? else {
        return Ok(None);
    };
    let entries = json_entries(&written.text, "faq");
    let min_words = (answer_words / 6).max(3);
    let mut seen = HashSet::new();
    let mut faq = Vec::new();
    let mut checked = Checked::default();
    for entry in &entries {
        let question = one_line(&entry["question"], MAX_QUESTION_CHARS);
        let passages = cited_passages(entry, &shown);
        // The answer is checked against the excerpts the entry cites, as the model saw them.
        let cited: Vec<String> = passages
            .iter()
            .filter_map(|p| shown.iter().position(|s| s == p))
            .map(|k| excerpts[k].clone())
            .collect();
        let answer = entry["answer"].as_str().unwrap_or_default();
        let grounded = grounding::check(answer, &cited, false, &HashSet::new());
        let kept: Vec<&str> = grounded.blocks.iter().map(|(m, _)| m.as_str()).collect();
        let (answer, words) = cut_to_words(&kept.join(" "), answer_words);
        let usable = question.as_ref().is_some_and(|q| {
            q.ends_with('?')
                && (min_words..=answer_words).contains(&words)
                && !kept
                    .iter()
                    .any(|b| b.starts_with(['#', '`']) || blocks::list_item(b).is_some())
                && !passages.is_empty()
                && grounded.verdict(min_words).is_ok()
                && seen.insert(q.to_lowercase())
        });
        let Some(question) = question.filter(|_| usable && faq.len() < max) else {
            *checked.dropped.entry("unusable".into()).or_default() += 1;
            continue;
        };
        checked.kept += 1;
        let mut citations: Vec<usize> = passages.iter().map(|&p| state.cite(p)).collect();
        citations.sort_unstable();
        citations.dedup();
        let marks: String = citations.iter().map(|r| format!("[^{r}]")).collect();
        faq.push(Faq {
            question,
            answer: format!("{answer}{marks}"),
            citations,
        });
    }
    if faq.is_empty() {
        let why = format!("no usable entry among {} in the answer", entries.len());
        record(state, "FAQ".into(), Err(why), Some((&written, &checked)));
        return Ok(None);
    }
    record(state, "FAQ".into(), Ok(()), Some((&written, &checked)));
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
    fn a_cut_off_array_keeps_its_complete_entries() {
        let cut = r#"{"sections": [{"heading": "A {b}", "sources": [1]}, {"heading": "C \"}\"", "sources": [2]}, {"heading": "Unfin"#;
        let entries = json_entries(cut, "sections");
        assert_eq!(entries.len(), 2, "{entries:?}");
        assert_eq!(entries[1]["heading"], "C \"}\"");
        let whole = r#"{"faq": [{"question": "Q?"}]}"#;
        assert_eq!(json_entries(whole, "faq").len(), 1);
        assert!(json_entries("nothing", "faq").is_empty());
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
