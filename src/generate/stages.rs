//! The offline implementation of every stage, and `run`, which runs one and records it. Each
//! stage reads some fields of `GenState` (`state`) and fills others; `cgen agents run NAME`
//! runs one stage alone on a state given as JSON. Every stage here is deterministic: the same
//! knowledge base, topic, options and date give the same bytes. The tone profile caps each
//! part at its word target, and a section its sources cannot fill to the minimum is left out.
//! The knowledge base is reached through the `Knowledge` trait, so no SQL lives here.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::time::Instant;

use super::article::{Article, CodeExample, Faq, Passage, Section};
use super::blocks::{self, Kind, without_numbering};
use super::compose::{
    Candidate, MAX_CODE_LINES, PartRules, Unit, already_used, assemble_part, clean_paragraph,
    first_words, is_question_line, leans_on_context, mmr, page_name, piece_keys, shares_words,
    stem_counts, topic_stems, unit_key, unsaid,
};
use super::keywords::score_keywords;
use super::modelled;
use super::output::{self, Layout};
use super::own_page;
use super::page_kind;
use super::quality::{self, QualityOptions, accepted_words, fragment_words};
use super::seo::capitalise;
use super::stage::Stage;
use super::state::{
    GENERIC_HEADINGS, GenState, OutlineSection, OutputInfo, StageEnv, StageError, StageRecord,
    public_reference,
};
use super::subject;
use super::tone::ToneProfile;
use super::workflow::Params;
use crate::kb::chunk::lifted_section;
use crate::text::{content_words, strip_footnote_refs, word_count};

/// Candidates retrieval asks the index for before re-ranking them for diversity.
const RETRIEVAL_CANDIDATES: usize = 80;
/// Words of one FAQ answer (the tone profile may lower it).
const FAQ_ANSWER_WORDS: usize = 60;
/// A topic term is covered when the candidates mention it this often in all…
const COVERED_MENTIONS: usize = 5;
/// …and at least one passage is about it: it names the term in its headings or this often.
const PROMINENT_MENTIONS: usize = 3;
/// A term in more than this share of all chunks is a generic word of the corpus, which any
/// text covers; only the others decide whether there is material on the topic.
const GENERIC_SHARE: f64 = 0.2;
/// Mentions of the topic's terms that make a section about the topic when its heading does
/// not name one.
const ON_TOPIC_MENTIONS: usize = 2;
/// A passage whose headings do not name the topic is about it when its text mentions the
/// topic's terms at least once per this many words.
const WORDS_PER_MENTION: usize = 150;

/// Runs one stage and records its timing.
pub fn run(stage: Stage, state: &mut GenState, env: &StageEnv) -> Result<(), StageError> {
    let started = Instant::now();
    let tokens_before = state.model.input_tokens + state.model.output_tokens;
    let parts_before = state.model.parts.len();
    let mut off_topic = Vec::new();
    let sources = match stage {
        Stage::Retrieve => retrieve(state, env)?,
        Stage::Outline => outline(state, env)?,
        Stage::Introduction => introduction(state, env)?,
        Stage::Sections => {
            let drawn;
            (drawn, off_topic) = sections(state, env)?;
            drawn
        }
        Stage::CodeExamples => code_examples(state, env),
        Stage::Faq => faq(state, env)?,
        Stage::Conclusion => conclusion(state, env)?,
        Stage::Keywords => keywords(state, env)?,
        Stage::Seo => seo(state),
        Stage::Frontmatter => frontmatter(state),
        Stage::Assemble => assemble(state, env)?,
        Stage::Quality => quality(state, env)?,
        Stage::Write => write(state, env)?,
    };
    state.completed.push(StageRecord {
        stage,
        duration_ms: started.elapsed().as_millis() as u64,
        sources,
        tokens: state.model.input_tokens + state.model.output_tokens - tokens_before,
        parts: state
            .model
            .parts
            .get(parts_before..)
            .unwrap_or_default()
            .to_vec(),
        off_topic,
    });
    Ok(())
}

fn retrieve(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let params = state.params();
    let topic = state.spec.topic.trim().to_string();
    if topic.is_empty() {
        return Err(StageError::Invalid("the topic is empty".into()));
    }
    let retrieved = env
        .knowledge
        .search(&topic, &state.spec.collections, RETRIEVAL_CANDIDATES)?;
    state.ranking = retrieved.ranking;
    // A page in another script than the topic's is a translated copy (sites ship their
    // translations beside the original): the article is in the topic's language.
    let language = crate::text::script(&topic);
    let found: Vec<Passage> = retrieved
        .passages
        .into_iter()
        .filter(|p| p.score > 0.0)
        .filter(|p| {
            let title = p.title.as_deref().and_then(crate::text::script);
            language.is_none()
                || (crate::text::script(&p.text) == language
                    && title.is_none_or(|t| Some(t) == language))
        })
        .collect();
    // Of translated copies in the topic's script (a book's `es/` pages beside its English
    // ones), the material is in the language most of it is in.
    let mut told = DocumentLanguages::default();
    let languages: Vec<Option<whatlang::Lang>> = found.iter().map(|p| told.of(p)).collect();
    let language = main_language(&languages);
    let found: Vec<Passage> = found
        .into_iter()
        .zip(languages)
        .filter(|(_, lang)| lang.is_none_or(|l| Some(l) == language))
        .map(|(p, _)| p)
        .collect();
    if found.len() < params.min_passages {
        return Err(StageError::NotEnoughMaterial(format!(
            "the knowledge base has {} passage(s) on \"{topic}\" and an article needs at least {}; \
             ingest more sources on it or choose another topic",
            found.len(),
            params.min_passages
        )));
    }
    let distinctive = distinctive_words(&topic, env)?;
    if !by_meaning(state) {
        thin_term(&topic, &distinctive, &found)?;
    }
    // Change logs and news mention every subject one version entry at a time: material
    // only for a topic about releases (and where nothing else is found).
    let mut found = found;
    if !page_kind::topic_about_changes(&topic) {
        let subjects = found
            .iter()
            .filter(|p| !page_kind::is_change_record(p))
            .count();
        if subjects >= params.min_passages {
            found.retain(|p| !page_kind::is_change_record(p));
        }
    }
    // The topic's own page gives its parts first, in its order; the other passages are
    // chosen for relevance and diversity.
    state.own_page = own_page::find(&topic, &distinctive, &found);
    // A topic that joins subjects each with a page of its own: the first subject's page
    // leads, and the others follow it as its chapter does, each with its own chapter.
    let mut subject_pages = Vec::new();
    if state.own_page.is_none() {
        subject_pages = own_page::of_subjects(&topic, &distinctive, &found);
        state.own_page = subject_pages.first().copied();
    }
    state.distinctive = distinctive;
    if let Some(document) = state.own_page {
        let parts = own_page::parts(document, &found, env)?;
        found.extend(parts);
        let (mut chapter, pages) = own_page::chapter(document, &found, env)?;
        found.extend(pages);
        state.subjects = vec![[vec![document], chapter.clone()].concat()];
        for &page in subject_pages.iter().skip(1) {
            let parts = own_page::parts(page, &found, env)?;
            found.extend(parts);
            let (nested, pages) = own_page::chapter(page, &found, env)?;
            found.extend(pages);
            // A subject's page nested in an earlier subject's folder is its own subject's.
            let later = |d: &i64| *d == page || nested.contains(d);
            chapter.retain(|d| !later(d));
            for pages in &mut state.subjects {
                pages.retain(|d| !later(d));
            }
            chapter.push(page);
            chapter.extend(nested.iter().copied());
            state.subjects.push([vec![page], nested].concat());
        }
        if state.subjects.len() < 2 {
            state.subjects.clear();
        }
        state.chapter = chapter;
    }
    // Material is counted in chunks above; composition takes whole sections, which may
    // show a chunk of code to be a translation's.
    let found = whole_sections(found, env, most_section_words(&params, env.tone))?;
    let found = in_language(found, language, &mut told);
    let (mut own, others): (Vec<Passage>, Vec<Passage>) = found
        .into_iter()
        .partition(|p| Some(p.document_id) == state.own_page);
    own.sort_by_key(|p| p.starts_in);
    own.truncate(params.passages);
    // Then its nested chapter, in the site's reading order.
    let in_chapter = |p: &Passage| state.chapter.iter().position(|&d| d == p.document_id);
    let (mut chapter, others): (Vec<Passage>, Vec<Passage>) =
        others.into_iter().partition(|p| in_chapter(p).is_some());
    chapter.sort_by_key(|p| (in_chapter(p), p.starts_in));
    let room = params.passages - own.len();
    if chapter.len() > room && state.subjects.len() > 1 {
        // The subjects of a joined topic take turns, so the first one's chapter cannot
        // leave the others out.
        let subject = |p: &Passage| state.subject_of(p.document_id).or(Some(0));
        chapter = in_turns(chapter, state.subjects.len(), subject);
        chapter.truncate(room);
        chapter.sort_by_key(|p| (in_chapter(p), p.starts_in));
    }
    chapter.truncate(room);
    own.extend(chapter);
    let candidates: Vec<Candidate> = others
        .iter()
        .enumerate()
        .map(|(index, p)| Candidate {
            index,
            score: p.score,
            terms: content_words(&p.text),
        })
        .collect();
    let picked = mmr(&candidates, params.passages - own.len(), 0.7);
    state.passages = own
        .into_iter()
        .chain(picked.into_iter().filter_map(|i| others.get(i).cloned()))
        .collect();
    subject::name_subjects(&mut state.passages);
    for p in &mut state.passages {
        under_title(p);
    }
    // The site's order places other pages' sections beside an own page (`offline_outline`).
    if state.own_page.is_some() {
        state.site_order = site_order(&state.passages, env)?;
    }
    Ok(state.passages.len())
}

/// Pages followed along the site's next links to find which of the passages' pages come
/// after one: a book's part, not the whole book.
const READING_STEPS: usize = 20;

/// The passages' pages that the site's reading order links to another of them, each with its
/// place in that order (rust-by-example's "Meet Safe and Unsafe" before "How Safe and Unsafe
/// Interact"): the order their author teaches them in.
fn site_order(passages: &[Passage], env: &StageEnv) -> Result<BTreeMap<i64, usize>, StageError> {
    let mut pages: Vec<i64> = Vec::new();
    for p in passages {
        if !pages.contains(&p.document_id) {
            pages.push(p.document_id);
        }
    }
    let mut follows: Vec<(i64, i64)> = Vec::new();
    for &page in &pages {
        let chain = env.knowledge.reading_chain(page, READING_STEPS)?;
        follows.extend(
            chain
                .into_iter()
                .filter(|d| pages.contains(d))
                .map(|later| (page, later)),
        );
    }
    Ok(reading_places(&pages, &follows))
}

/// Places in reading order of the `pages` that `follows` (page, page read after it) links,
/// as a topological order: a chain longer than one walk (A before B, B before C, A and C too
/// far apart to be seen together) still reads A, B, C. Ties, and pages in a cycle, keep the
/// order of `pages`.
fn reading_places(pages: &[i64], follows: &[(i64, i64)]) -> BTreeMap<i64, usize> {
    let linked: Vec<i64> = pages
        .iter()
        .copied()
        .filter(|p| follows.iter().any(|(a, b)| a == p || b == p))
        .collect();
    let mut placed: BTreeMap<i64, usize> = BTreeMap::new();
    while placed.len() < linked.len() {
        let unplaced = |p: &i64| !placed.contains_key(p);
        // The first page nothing unplaced comes before; in a cycle, the first unplaced.
        let next = linked
            .iter()
            .copied()
            .filter(unplaced)
            .find(|p| !follows.iter().any(|(a, b)| b == p && unplaced(a) && a != p))
            .or_else(|| linked.iter().copied().find(unplaced));
        let Some(next) = next else { break };
        placed.insert(next, placed.len());
    }
    placed
}

/// The language most of the passages whose language can be told are in.
fn main_language(languages: &[Option<whatlang::Lang>]) -> Option<whatlang::Lang> {
    let mut counts: HashMap<whatlang::Lang, usize> = HashMap::new();
    for &lang in languages.iter().flatten() {
        *counts.entry(lang).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(lang, n)| (n, std::cmp::Reverse(lang.code())))
        .map(|(lang, _)| lang)
}

/// The languages of the documents passages come from, each told once: a page is written in
/// one language, and telling it from trigrams costs more than the rest of retrieval's
/// filtering together.
#[derive(Default)]
struct DocumentLanguages(HashMap<i64, whatlang::Lang>);

impl DocumentLanguages {
    /// The language of `p`'s document: the first of its passages whose language could be told
    /// says it; `None` while none could.
    fn of(&mut self, p: &Passage) -> Option<whatlang::Lang> {
        if let Some(&known) = self.0.get(&p.document_id) {
            return Some(known);
        }
        let language = crate::text::language(&p.text)?;
        self.0.insert(p.document_id, language);
        Some(language)
    }
}

/// The passages in `language`, and those whose language cannot be told; all of them when the
/// material's language could not be told.
fn in_language(
    found: Vec<Passage>,
    language: Option<whatlang::Lang>,
    told: &mut DocumentLanguages,
) -> Vec<Passage> {
    let Some(language) = language else {
        return found;
    };
    found
        .into_iter()
        .filter(|p| told.of(p).is_none_or(|l| l == language))
        .collect()
}

/// Puts a passage's headings under its page's title when the page's headings start below it
/// (SQLite's pages: title "SQLite Autoincrement", headings "1. Summary", "2. Background"), so
/// composition reads the first heading as a section, as on pages headed by their title, not
/// every part of the page as its lead. A manual page's own sections (NAME, DESCRIPTION) keep
/// their paths.
fn under_title(p: &mut Passage) {
    let (Some(title), Some(first)) = (p.title.as_deref(), p.heading_path.first()) else {
        return;
    };
    // The title in another form ("Event Loop" for "asyncio Event Loop") heads the page.
    let words = |h: &str| content_words(without_numbering(h.trim())).join(" ");
    let (title_words, first_words) = (words(title), words(first));
    let same = title_words.contains(&first_words) || first_words.contains(&title_words);
    if !same && !is_man_section(first) && !title_words.is_empty() {
        p.heading_path.insert(0, title.to_owned());
    }
}

/// Chunks of one source section composition reads at most (a section of a long reference
/// page can run to hundreds).
const SECTION_CHUNKS: usize = 40;

/// Turns the retrieved chunks into whole source sections: the chunks of one (document,
/// heading path) become one passage holding that section as the page has it (every chunk of
/// it and of its subsections, in source order: its prose, lists and code together), and a
/// retrieved subsection of a section already taken joins it. Text under a document's title
/// alone (its lead) is taken whole without the sections below it. The passage
/// keeps its best chunk's identity and score, so its citation resolves to a real chunk.
/// A section longer than `most_words` (what one part holds) goes on as passages of its next
/// subsections, each with its first chunk's identity.
fn whole_sections(
    found: Vec<Passage>,
    env: &StageEnv,
    most_words: usize,
) -> Result<Vec<Passage>, StageError> {
    let found_keys: Vec<(i64, Vec<String>)> = found
        .iter()
        .map(|p| (p.document_id, p.heading_path.clone()))
        .collect();
    let mut order: Vec<(i64, Vec<String>)> = Vec::new();
    let mut groups: BTreeMap<(i64, Vec<String>), Vec<Passage>> = BTreeMap::new();
    for p in found {
        // A subsection of a section also found is part of it (the outermost one found).
        let key = found_keys
            .iter()
            .filter(|(doc, path)| {
                *doc == p.document_id && path.len() >= 2 && p.heading_path.starts_with(path)
            })
            .min_by_key(|(_, path)| path.len())
            .cloned()
            .unwrap_or_else(|| (p.document_id, p.heading_path.clone()));
        if !groups.contains_key(&key) {
            order.push(key.clone());
        }
        groups.entry(key).or_default().push(p);
    }
    let mut out = Vec::with_capacity(order.len());
    for key in order {
        let Some(mut parts) = groups.remove(&key) else {
            continue;
        };
        let best = parts
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.score.total_cmp(&b.1.score).then(b.0.cmp(&a.0)))
            .map_or(0, |(i, _)| i);
        let mut joined = parts[best].clone();
        joined.heading_path = key.1.clone();
        let mut whole = env.knowledge.section(key.0, &key.1, SECTION_CHUNKS)?;
        if key.1.len() < 2 {
            // A page's lead: the text under its title, not the sections below it.
            whole.retain(|p| p.heading_path.len() == key.1.len());
        }
        if !whole.is_empty() {
            parts = whole;
        }
        parts.sort_by_key(|p| p.chunk_id);
        parts.dedup_by_key(|p| p.chunk_id);
        // The whole section starts where its first chunk does (its opening lifted into the
        // chunk before included), whichever chunk ranked best.
        if let Some(first) = parts.first() {
            joined.starts_in = first.chunk_id;
        }
        // Each subsection keeps its heading, so what it says keeps its name ("Event:
        // 'request'" over "Emitted each time there is a request.").
        let mut texts: Vec<String> = Vec::with_capacity(parts.len());
        let mut path: &[String] = &key.1;
        let mut before: Option<&str> = None;
        // The path of the passage being filled: the section's, or a subsection's that
        // stands alone after the section ran long.
        let mut base: Vec<String> = key.1.clone();
        let mut words = 0;
        for part in &parts {
            let continues = part.heading_path == path;
            // A section longer than a part holds goes on as passages of its next
            // subsections, each a part of its own: cut to one part, its later subsections
            // (the Rust book's move, clone and copy under "Memory and Allocation") and their
            // examples would be lost.
            let child = part.heading_path.get(key.1.len());
            let new_child = child.is_some()
                && part.heading_path.starts_with(&key.1)
                && path.get(key.1.len()) != child;
            if new_child && words >= most_words && !texts.is_empty() {
                // The subsection's opening the chunker lifted into the chunk before (see
                // `kb::chunk`) opens its own passage.
                // The chunk before, stored under `path`, ends on the child's opening.
                let child_path = &part.heading_path[..=key.1.len()];
                let carried = texts
                    .last_mut()
                    .and_then(|l| take_lifted(l, path, child_path));
                if texts.last().is_some_and(|l| l.trim().is_empty()) {
                    texts.pop();
                }
                joined.text = texts.join("\n\n");
                joined.heading_path = base;
                let score = joined.score;
                // All it held was the child's opening: nothing is left of it.
                if !texts.is_empty() {
                    out.push(joined);
                }
                joined = part.clone();
                joined.score = score;
                base = part.heading_path[..=key.1.len()].to_vec();
                words = carried.as_deref().map_or(0, word_count);
                texts = carried.into_iter().collect();
            }
            // Each heading the text enters heads it: a subsection's, and a sibling's that a
            // passage cut from a long section runs on into (Node's `Buffer.byteLength` after
            // `Buffer.allocUnsafeSlow`, whose parameter list would otherwise read as the
            // first one's). A deep section's heading may already stand in the text of the
            // chunk before (see `kb::chunk`), above its code's own chunk: composition leaves
            // out the second one as a repeat.
            if !continues && part.heading_path != base {
                // Past the passage's own heading, and past those the text before entered.
                let shared = |with: &[String]| {
                    with.iter()
                        .zip(&part.heading_path)
                        .take_while(|(a, b)| a == b)
                        .count()
                };
                let new_from = shared(&base).max(shared(path));
                for heading in &part.heading_path[new_from..] {
                    if before.is_some_and(|b| holds_lifted(b, heading)) {
                        continue;
                    }
                    let heading = as_heading(heading);
                    if !heading.is_empty() {
                        texts.push(format!("{}{heading}", blocks::SUBHEADING));
                    }
                }
            }
            path = &part.heading_path;
            // Only a chunk that goes on with the same section repeats the one before it: the
            // section of its path, or the one whose heading the chunk before lifted.
            let goes_on = continues
                || before
                    .is_some_and(|b| part.heading_path.last().is_some_and(|h| holds_lifted(b, h)));
            let (text, mid_word) = match before {
                Some(before) if goes_on => without_overlap(before, &part.text),
                _ => (part.text.as_str(), false),
            };
            before = Some(&part.text);
            if text.is_empty() {
                continue;
            }
            words += word_count(text);
            // A paragraph or a list the chunker split across two chunks reads as one again.
            match texts.last_mut() {
                Some(last) if goes_on && (mid_word || splits_paragraph(last, text)) => {
                    if !mid_word {
                        last.push(' ');
                    }
                    last.push_str(text);
                }
                Some(last) if goes_on && splits_list(last, text) => {
                    last.push('\n');
                    last.push_str(text);
                }
                _ => texts.push(text.to_owned()),
            }
        }
        joined.text = texts.join("\n\n");
        joined.heading_path = base;
        out.push(joined);
    }
    Ok(out)
}

/// Whether `next` goes on with the paragraph `text` ends in: that paragraph stops without
/// an end mark (the chunker cut a long one at a word, or inside an entry's signature) and
/// `next` opens in lowercase, as the rest of a sentence does (a new paragraph, a
/// definition's term, a heading, list item or code opens otherwise).
fn splits_paragraph(text: &str, next: &str) -> bool {
    let Some(last) = text.lines().last().map(str::trim_end) else {
        return false;
    };
    let block_line = |l: &str| {
        let l = l.trim_start();
        l.starts_with(['#', '-', '*', '|', '>'])
            || l.starts_with("```")
            || l.is_empty()
            || blocks::list_item(l).is_some()
    };
    // What may close a sentence after its end mark: its footnote mark, then quotes,
    // brackets and emphasis.
    let unmarked = strip_footnote_refs(last);
    let end = unmarked.trim_end_matches(['"', '\'', ')', ']', '*', '_', '\u{201D}', '\u{2019}']);
    !ends_in_code(text)
        && !block_line(last)
        && !end.ends_with([
            '.', '!', '?', ':', ';', '\u{3002}', '\u{FF01}', '\u{FF1F}', '\u{2026}',
        ])
        && next.starts_with(|c: char| c.is_lowercase())
}

/// Whether `next` goes on with the list `text` ends in: both are list items where they meet
/// (the chunker ends a chunk of items where it is full, an inner list's items included),
/// bulleted or numbered.
fn splits_list(text: &str, next: &str) -> bool {
    let item = |line: &str| blocks::list_item(line.trim_start()).is_some();
    !ends_in_code(text)
        && text.lines().last().is_some_and(item)
        && next.lines().next().is_some_and(item)
}

/// Whether `text` ends inside a code fence it opened.
fn ends_in_code(text: &str) -> bool {
    text.matches("```").count() % 2 == 1
}

/// The most words a section's part holds: what the report accepts for the workflow's
/// target, within the tone's bound.
fn most_section_words(params: &Params, tone: &ToneProfile) -> usize {
    accepted_words(params.section_words)
        .1
        .min(tone.section_words.section.1)
}

/// Whether a chunk's text holds `heading` lifted as written (see `kb::chunk`), with the first
/// lines under it ("5.4.4. Import-related module attributes"): the text keeps that one, and
/// the next chunk of the section needs no other.
fn holds_lifted(text: &str, heading: &str) -> bool {
    let lifted = format!("{}{heading}", blocks::SUBHEADING);
    text.lines().any(|l| l.trim_end() == lifted)
}

/// Longest overlap a prose chunk carries from the one before it, in bytes: twice the
/// chunker's default, which ends it on a word boundary at most that far back.
const MAX_OVERLAP_BYTES: usize = 400;
/// Shortest shared text read as an overlap rather than a chance repeat of a few words.
const MIN_OVERLAP_BYTES: usize = 16;

/// `text` without the tail of `before` it repeats at its start: a prose chunk begins with the
/// last words of the chunk before it ("row is added with null values in columns of T1. This
/// is the converse…"), which in a section read whole would be said twice, the first time as
/// a broken sentence.
/// Also whether the chunk before ends inside a word that `text` finishes (the chunker cut
/// "transport-based c|onnection"): its rest joins without a space.
fn without_overlap<'a>(before: &str, text: &'a str) -> (&'a str, bool) {
    let longest = text.len().min(before.len()).min(MAX_OVERLAP_BYTES);
    let cut = (MIN_OVERLAP_BYTES..=longest)
        .rev()
        .filter(|&k| text.is_char_boundary(k))
        .find(|&k| before.ends_with(&text[..k]));
    match cut {
        Some(k) => {
            let mid_word = text[..k].ends_with(char::is_alphanumeric)
                && text[k..].starts_with(char::is_alphanumeric);
            (text[k..].trim_start(), mid_word)
        }
        None => (text, false),
    }
}

/// The opening of `section` lifted at the end of `text`, a chunk stored under `chunk_path`
/// (see `kb::chunk::lifted_section`), taken out of `text` with its heading line; None when
/// `text` does not end on it.
fn take_lifted(text: &mut String, chunk_path: &[String], section: &[String]) -> Option<String> {
    let (start, body) = lifted_section(text, chunk_path, section)?;
    let taken = text[body.clone()].trim().to_owned();
    text.replace_range(start..body.end, "");
    let kept = text.trim_end().len();
    text.truncate(kept);
    (!taken.is_empty()).then_some(taken)
}

/// The topic's words that are not generic words of the corpus (in more than
/// `GENERIC_SHARE` of its chunks, which any text covers); all of them when every one is.
fn distinctive_words(topic: &str, env: &StageEnv) -> Result<Vec<String>, StageError> {
    let words = content_words(topic);
    let stats = env.knowledge.corpus_stats(&words)?;
    let total = stats.documents.max(1) as f64;
    let distinctive: Vec<String> = words
        .iter()
        .filter(|w| {
            let df = stats.document_frequency.get(*w).copied().unwrap_or(0) as f64;
            df / total <= GENERIC_SHARE
        })
        .cloned()
        .collect();
    Ok(if distinctive.is_empty() {
        words
    } else {
        distinctive
    })
}

/// Fails with "not enough material" naming the first distinctive term of the topic that the
/// candidates only mention in passing: a topic is covered when each of its distinctive terms
/// is mentioned often and is what at least one passage is about.
fn thin_term(topic: &str, distinctive: &[String], found: &[Passage]) -> Result<(), StageError> {
    // A topic of several words that the sources use as one phrase ("full text search",
    // "multiversion concurrency control") is covered as a phrase: its first word alone is
    // rarely what a passage is about.
    let phrase = crate::text::words(topic);
    if phrase.len() >= 2 {
        let uses: usize = found
            .iter()
            .map(|p| {
                let words = crate::text::words(&format!("{} {}", p.heading_path.join(" "), p.text));
                words
                    .windows(phrase.len())
                    .filter(|w| *w == phrase.as_slice())
                    .count()
            })
            .sum();
        if uses >= COVERED_MENTIONS {
            return Ok(());
        }
    }
    for word in distinctive {
        let stem = topic_stems(word);
        let (mut mentions, mut prominent) = (0, false);
        for p in found {
            let in_text = stem_counts(&p.text, &stem).iter().sum::<usize>();
            let headings = page_name(p);
            let in_headings = stem_counts(&headings, &stem).iter().sum::<usize>() > 0;
            mentions += in_text + usize::from(in_headings) * PROMINENT_MENTIONS;
            prominent |= in_headings || in_text >= PROMINENT_MENTIONS;
        }
        if mentions < COVERED_MENTIONS || !prominent {
            return Err(StageError::NotEnoughMaterial(format!(
                "the knowledge base mentions \"{word}\" only in passing ({mentions} mention(s), \
                 no passage about it), so an article on \"{topic}\" would be about something \
                 else; ingest sources on {word} or choose another topic"
            )));
        }
    }
    Ok(())
}

/// The deepest heading below the document title, if it is a usable section name.
fn section_heading(p: &Passage) -> Option<String> {
    // A manual page without a title heading starts its paths at its sections (NAME, OPTIONS).
    let untitled_man = matches!(p.heading_path.as_slice(), [h] if is_man_section(h));
    if p.heading_path.len() < 2 && !untitled_man {
        return None;
    }
    let heading = p
        .heading_path
        .last()?
        .trim()
        .trim_end_matches([':', '\u{FF1A}'])
        .to_string();
    let heading = of_page(&heading, p.title.as_deref())?;
    let lower = without_numbering(&heading).to_lowercase();
    let generic = GENERIC_HEADINGS.iter().any(|g| lower == *g) || quality::names_a_part(&lower);
    (!heading.is_empty() && !generic).then_some(heading)
}

/// Whether a passage is its page's lead: the text under the title before any section, or a
/// manual page's DESCRIPTION, which is where a manual page says what its subject is.
fn is_lead(p: &Passage) -> bool {
    match p.heading_path.as_slice() {
        [] => true,
        [only] => !is_man_section(only) || only.trim() == "DESCRIPTION",
        [_, section] => section.trim() == "DESCRIPTION",
        _ => false,
    }
}

/// Whether a heading is one of the sections every manual page has, in capitals.
fn is_man_section(heading: &str) -> bool {
    let heading = heading.trim();
    let lower = heading.to_lowercase();
    heading.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !heading.chars().any(char::is_lowercase)
        && (MAN_SECTIONS.contains(&lower.as_str()) || MAN_BOILERPLATE.contains(&lower.as_str()))
}

/// Sections every manual page has, named in capitals by convention (`man-pages(7)`): the
/// first holds nothing an article repeats (the name line, the credits, the pointers).
const MAN_BOILERPLATE: &[&str] = &["name", "see also", "author", "authors", "copyright", "bugs"];
const MAN_SECTIONS: &[&str] = &[
    "synopsis",
    "description",
    "options",
    "examples",
    "environment",
    "files",
    "exit status",
    "return value",
    "errors",
    "notes",
    "configuration",
    "commands",
    "discussion",
];

/// Sections of reference pages that name a part of the page, not a subject, beside
/// `MAN_SECTIONS`.
const REFERENCE_SECTIONS: &[&str] = &["parameters", "arguments", "usage", "details"];
/// Sections of a manual page that are the page itself to a reader looking for more.
const PAGE_ITSELF: &[&str] = &["synopsis", "description"];

/// A heading read as the page it belongs to would have it read. A manual or reference page's
/// section ("DESCRIPTION", "Options", "Notes") means nothing without its page: it becomes
/// "Options of git-worktree"; a manual page's boilerplate sections are `None`. Any other
/// heading is kept.
fn of_page(heading: &str, page_title: Option<&str>) -> Option<String> {
    let lower = heading.to_lowercase();
    let man_style = heading.chars().filter(|c| c.is_alphabetic()).count() > 1
        && !heading.chars().any(char::is_lowercase);
    if man_style && MAN_BOILERPLATE.contains(&lower.as_str()) {
        return None;
    }
    // A reference page's "Notes" or "Parameters" says as little as a manual page's.
    if !MAN_SECTIONS.contains(&lower.as_str()) && !REFERENCE_SECTIONS.contains(&lower.as_str()) {
        return Some(heading.to_owned());
    }
    let sentence_case = capitalise(&lower);
    // "git-worktree(1)": the section number says nothing in an article.
    let page = page_title.map(|t| {
        let t = t.trim();
        match t.rfind('(') {
            Some(at)
                if t.ends_with(')')
                    && t[at + 1..t.len() - 1]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric()) =>
            {
                t[..at].trim_end()
            }
            _ => t,
        }
    });
    Some(match page.filter(|p| !p.is_empty()) {
        Some(page) => format!("{sentence_case} of {page}"),
        None => sentence_case,
    })
}

/// A source heading as an article heading: no section number in front, no trailing colon or
/// full stop, and a name that ends in `!` (`macro_rules!`) set as code rather than read as an
/// exclamation.
fn as_heading(heading: &str) -> String {
    let h = heading
        .trim()
        .trim_end_matches(['.', ',', ';', ':', '\u{FF1A}']);
    let h = without_numbering(h);
    let h = match h.strip_suffix('!') {
        Some(_) if !h.contains(' ') && !h.contains('`') => return format!("`{h}`"),
        Some(rest) => rest.trim_end(),
        None => h,
    };
    sentence_case_of_capitals(h)
}

/// Short words of a heading in capitals that are words, not acronyms.
const SHORT_WORDS: &[&str] = &[
    "A", "AN", "AND", "AS", "AT", "BY", "FOR", "IN", "IS", "OF", "ON", "OR", "THE", "TO", "NEW",
    "OLD", "USE", "HOW", "ALL", "ONE", "TWO", "NOT", "ITS",
];

/// A heading set in capitals, as manual pages set theirs ("INCOMPATIBLE OPTIONS"), in
/// sentence case ("Incompatible options"); a short word that is not a common one stays an
/// acronym ("SSH"). Any other heading as it is.
fn sentence_case_of_capitals(h: &str) -> String {
    let letters = h.chars().filter(|c| c.is_alphabetic());
    let capitals = letters.clone().count() >= 4 && letters.clone().all(|c| c.is_uppercase());
    if !capitals || h.contains('`') {
        return h.to_owned();
    }
    h.split(' ')
        .enumerate()
        .map(|(k, word)| {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
            let acronym = bare.chars().count() <= 3 && !SHORT_WORDS.contains(&bare)
                || bare.chars().any(|c| c.is_ascii_digit());
            if acronym {
                return word.to_owned();
            }
            let lower = word.to_lowercase();
            if k == 0 { capitalise(&lower) } else { lower }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The outline: from the headings of the best sources offline; planned by the model when
/// one is configured and its plan holds up (`modelled::outline`).
fn outline(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let params = state.params();
    if let Some(planned) = modelled::outline(state, env, params.sections)? {
        state.outline = planned;
    } else {
        offline_outline(state, &params);
    }
    Ok(state.outline.iter().map(|s| s.passages.len()).sum())
}

/// Words of a page's lead from which it is a section of its own rather than part of one of
/// the page's sections: about a section's worth after the introduction takes its opening.
const LEAD_SECTION_WORDS: usize = 150;

fn offline_outline(state: &mut GenState, params: &Params) {
    // Group passages by heading; remember where each group first appears. Each subject of a
    // topic that joins several has its own: "Mutability" of moves is not of borrowing.
    let subject = |p: &Passage| state.subject_of(p.document_id).unwrap_or(0);
    let key = |heading: &str, p: &Passage| format!("{}\u{0}{}", heading.to_lowercase(), subject(p));
    let mut groups: BTreeMap<String, (String, Vec<usize>)> = BTreeMap::new();
    let mut loose = Vec::new();
    for (i, p) in state.passages.iter().enumerate() {
        match section_heading(p).map(|h| as_heading(&h)) {
            Some(h) => groups
                .entry(key(&h, p))
                .or_insert_with(|| (h, Vec::new()))
                .1
                .push(i),
            None => loose.push(i),
        }
    }
    // A site of small pages (one subject a page, no sections inside) is sectioned by page:
    // the lead of a page none of whose sections was found is a section under the page's
    // title, unless that title is the topic itself (its lead introduces the article).
    let topic = state.spec.topic.trim().to_lowercase();
    let sectioned: HashSet<i64> = groups
        .values()
        .flat_map(|(_, members)| members.iter().map(|&i| state.passages[i].document_id))
        .collect();
    loose.retain(|&i| {
        let p = &state.passages[i];
        if p.heading_path.len() > 1 {
            return true;
        }
        let title = p.title.clone().or_else(|| p.heading_path.first().cloned());
        let Some(title) = title.filter(|t| !t.trim().is_empty()) else {
            return true;
        };
        let title = as_heading(&title);
        let lower = title.to_lowercase();
        if sectioned.contains(&p.document_id) || lower == topic {
            return true;
        }
        groups
            .entry(key(&title, p))
            .or_insert_with(|| (title, Vec::new()))
            .1
            .push(i);
        false
    });
    let names = names_in_code(&state.passages);
    // A heading two subjects share is named after the later subject's page there:
    // "Mutability (Borrowing)".
    let mut seen: HashSet<String> = HashSet::new();
    let mut sections: Vec<OutlineSection> = groups
        .into_iter()
        .map(|(key, (heading, passages))| {
            let shared = !seen.insert(key.split('\u{0}').next().unwrap_or_default().to_owned());
            let page = passages
                .first()
                .and_then(|&i| state.passages.get(i))
                .map(&subject)
                .and_then(|s| state.subjects.get(s))
                .and_then(|pages| pages.first())
                .and_then(|&d| state.passages.iter().find(|p| p.document_id == d))
                .and_then(|p| p.title.clone());
            let heading = match page {
                Some(title) if shared => format!("{heading} ({title})"),
                _ => heading,
            };
            OutlineSection {
                heading: heading_capitalised(&heading, &names),
                passages,
                planned: false,
            }
        })
        .collect();
    // Keep the own page's sections and the best-supported others...
    sections.sort_by(|a, b| trial_order(state, a, b).then_with(|| a.heading.cmp(&b.heading)));
    // Twice as many as wanted: the sections stage tries them best first, and a spare stands
    // in for a section that turns out thin or off the topic.
    sections.truncate(params.sections * 2);
    // An own page without sections is all lead: what the introduction leaves of it is the
    // article's first section.
    let own_lead = state
        .passages
        .iter()
        .position(|p| Some(p.document_id) == state.own_page && p.heading_path.len() < 2);
    let own_sectioned = sections.iter().any(|s| {
        s.passages
            .iter()
            .any(|&i| Some(state.passages[i].document_id) == state.own_page)
    });
    // An own page with sections whose lead shows an example (cargo's build scripts: a
    // `build.rs` before the first heading) gives what the introduction leaves of it too: the
    // page's first example is the topic's central one.
    let shows_code = |i: &usize| {
        state.passages[*i]
            .text
            .lines()
            .any(|l| l.starts_with("```"))
    };
    if let Some(lead) = own_lead.filter(|i| !own_sectioned || shows_code(i)) {
        let topic = capitalise(&corpus_casing(state.spec.topic.trim(), &state.passages));
        let heading = if own_sectioned {
            format!("{topic} at a glance")
        } else {
            format!("{topic} in detail")
        };
        sections.insert(
            0,
            OutlineSection {
                heading,
                passages: vec![lead],
                planned: false,
            },
        );
    }
    // ...attach loose passages (a lead, text under a generic heading) to a section of
    // their own document where their words fit best: under another page's heading they read
    // as a non sequitur...
    // One such lead at most, the best ranked: the next page named by a term ("Trace
    // events" beside "Events") is a neighbour.
    let mut lead_section = false;
    for i in loose {
        let p = &state.passages[i];
        // The own page's lead introduces the article; under one of its sections it would
        // move that section ahead of the page's order. So does a top-level section of the
        // own page under a generic heading ("1. Overview" of SQLite's WAL page): under the
        // section its words fit best ("Implementation Of Shared-Memory For The WAL-Index")
        // its "Advantages include:" list stood over the wrong heading, first. A page's own
        // summary closes the article (see `source_summary`).
        if (Some(p.document_id) == state.own_page && p.heading_path.len() <= 2)
            || is_closing_summary(p)
        {
            continue;
        }
        // Without an own page, the lead of a page named by the topic's terms, long enough
        // for a section, says what the topic is: under one of the page's subsections
        // ("EventTarget and Event API" in "event emitters") it would be that subsection's.
        // Beside an own page, another page's lead introduces that page (a function table's).
        if state.own_page.is_none()
            && !lead_section
            && p.heading_path.len() < 2
            && word_count(&p.text) >= LEAD_SECTION_WORDS
            && page_names_topic(state, p)
        {
            let title = p.title.clone().or_else(|| p.heading_path.first().cloned());
            if let Some(title) = title.map(|t| as_heading(&t)).filter(|t| !t.is_empty()) {
                sections.push(OutlineSection {
                    heading: title,
                    passages: vec![i],
                    planned: false,
                });
                lead_section = true;
                continue;
            }
        }
        let words: HashSet<String> = content_words(&p.text).into_iter().collect();
        let best = sections
            .iter()
            .enumerate()
            .filter(|(_, sec)| {
                sec.passages
                    .iter()
                    .any(|&j| state.passages[j].document_id == p.document_id)
            })
            .map(|(s, sec)| {
                (
                    s,
                    content_words(&sec.heading)
                        .iter()
                        .filter(|w| words.contains(*w))
                        .count(),
                )
            })
            .filter(|(_, overlap)| *overlap > 0)
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        if let Some((s, _)) = best {
            sections[s].passages.push(i);
        }
    }
    // ...and follow the structure of the sources: the best document's order first.
    let mut doc_rank: BTreeMap<i64, usize> = state
        .passages
        .iter()
        .enumerate()
        .rev()
        .map(|(i, p)| (p.document_id, i))
        .collect();
    // Beside the own page and its chapter, which lead as they are, other pages the site
    // links in a reading order take the places their sections hold in that order. Without
    // an own page the best ranked page leads: the site's order would put a page that says
    // less about the topic first only because it comes earlier in the book.
    let mut linked: Vec<i64> = doc_rank
        .keys()
        .copied()
        .filter(|d| {
            state.own_page.is_some()
                && state.site_order.contains_key(d)
                && Some(*d) != state.own_page
                && !state.chapter.contains(d)
        })
        .collect();
    let mut places: Vec<usize> = linked.iter().map(|d| doc_rank[d]).collect();
    places.sort_unstable();
    linked.sort_by_key(|d| (state.site_order[d], doc_rank[d]));
    for (page, place) in linked.into_iter().zip(places) {
        doc_rank.insert(page, place);
    }
    let position = |s: &OutlineSection| {
        let first = s
            .passages
            .iter()
            .map(|&i| &state.passages[i])
            .min_by_key(|p| (doc_rank[&p.document_id], p.starts_in));
        first
            .map(|p| (doc_rank[&p.document_id], p.starts_in))
            .unwrap_or((usize::MAX, i64::MAX))
    };
    sections.sort_by_key(position);
    state.outline = sections;
}

/// Markers that start a comment in the languages documentation shows most (C-like, shell and
/// Python, SQL and Lua) wherever they stand on a line: a comment is prose, not names. A line
/// that starts with "* " goes on a block comment.
const COMMENT_MARKERS: [&str; 4] = ["//", "/*", "# ", "-- "];

/// The words the passages' code blocks use outside comments: names a heading keeps as
/// written.
fn names_in_code(passages: &[Passage]) -> HashSet<String> {
    let mut names = HashSet::new();
    for p in passages {
        let mut fenced = false;
        for line in p.text.lines() {
            if line.trim_start().starts_with("```") {
                fenced = !fenced;
            } else if fenced {
                let line = line.trim_start();
                if line.starts_with("* ") {
                    continue;
                }
                let code = COMMENT_MARKERS
                    .iter()
                    .filter_map(|m| line.find(m))
                    .min()
                    .map_or(line, |at| &line[..at]);
                names.extend(
                    code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .filter(|w| !w.is_empty())
                        .map(str::to_owned),
                );
            }
        }
    }
    names
}

/// A heading that starts in lower case (a book's page titled "tuples") with a capital, unless
/// its first word is a name its code uses ("match", "map for Result"): a keyword or function
/// keeps its case.
fn heading_capitalised(heading: &str, names: &HashSet<String>) -> String {
    let first: String = heading
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    // "iOS" and "eBPF" are written so on purpose.
    let lower = !first.is_empty() && !first.chars().any(char::is_uppercase);
    if lower && !names.contains(&first) {
        capitalise(heading)
    } else {
        heading.to_owned()
    }
}

/// Units already in the article (see `unit_key`), so nothing is said twice: what the offline
/// composition chose (the same whether or not a model rewrote it) and the FAQ's answers.
fn used_units(state: &GenState) -> HashSet<String> {
    let faq = state
        .article
        .faq
        .iter()
        .flat_map(|f| text_keys(&strip_footnote_refs(&f.answer)));
    state.composed.iter().cloned().chain(faq).collect()
}

/// Units the article's text holds now (after any model rewrote a part), so a section does
/// not repeat what the introduction or an earlier section says.
fn in_article(article: &Article) -> HashSet<String> {
    std::iter::once(&article.introduction.body)
        .chain(article.sections.iter().map(|s| &s.body))
        .flat_map(|body| text_keys(&strip_footnote_refs(body)))
        .collect()
}

/// The keys (see `unit_key`, `piece_keys`) of the units of a text and of their pieces.
fn text_keys(text: &str) -> Vec<String> {
    blocks::split(text)
        .iter()
        .flat_map(|b| piece_keys(b).into_iter().chain([unit_key(&b.text)]))
        .collect()
}

/// Titles of the documents retrieved: a sentence naming one as a place to look points at a
/// page the article does not contain.
fn document_titles(state: &GenState) -> Vec<String> {
    let mut titles: Vec<String> = state
        .passages
        .iter()
        .filter_map(|p| p.title.clone())
        .collect();
    titles.sort();
    titles.dedup();
    titles
}

/// Whether a text mentions the topic's terms.
fn mentions_topic(state: &GenState, text: &str) -> usize {
    stem_counts(text, &state.topic_stems()).iter().sum()
}

/// Whether retrieval found the passages by meaning as well as by words (hybrid): then they
/// are the topic's neighbours in the index even where they never use its words, and the
/// word-based relevance checks do not apply.
fn by_meaning(state: &GenState) -> bool {
    state.ranking.starts_with("hybrid")
}

/// Headings of parts that only point at other pages, or at the parts of their own page (a
/// page's "Contents": "The Event Loop Methods section is the reference…").
const POINTING_HEADINGS: &[&str] = &[
    "see also",
    "references",
    "related",
    "further reading",
    "contents",
    "table of contents",
    "on this page",
    "in this article",
    "in this section",
    "in this chapter",
];

/// Whether a passage sits under a heading that only points at other pages ("See also:") or
/// at its own page's parts.
fn points_elsewhere(p: &Passage) -> bool {
    p.heading_path.last().is_some_and(|h| {
        let h = h.trim().trim_end_matches(':').to_lowercase();
        POINTING_HEADINGS.contains(&h.as_str())
    })
}

/// Whether a passage is about the topic: its headings name a topic term, its page is a nested
/// chapter of a page on the topic, or its text mentions the terms at least once per
/// `WORDS_PER_MENTION` words.
fn passage_on_topic(state: &GenState, p: &Passage) -> bool {
    let headings = page_name(p);
    let words = crate::text::word_count(&p.text);
    by_meaning(state)
        || mentions_topic(state, &headings) > 0
        || below_own_page(state, p)
        || mentions_topic(state, &p.text) * WORDS_PER_MENTION >= words
}

/// Composes a part from whole units of `passages` (indices into the state), citing their
/// sources: prose paragraphs and lists carry the footnote marks, code blocks stay fenced.
/// What all the retrieved pages say about their words (`quality::SentenceContext`), which
/// every part is judged against: built once per stage, not per part.
fn pages_context(state: &GenState) -> quality::SentenceContext {
    quality::SentenceContext::new(
        &state
            .passages
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n"),
    )
}

fn compose(
    state: &mut GenState,
    context: &quality::SentenceContext,
    passages: &[usize],
    focus: &[String],
    budget: usize,
    prose_only: bool,
) -> (String, Vec<usize>) {
    // Passages that only mention the topic in passing are about something else, and "See
    // also" lists and a page's contents point at pages and parts the article does not have.
    let passages: Vec<usize> = passages
        .iter()
        .copied()
        .filter(|&i| {
            state
                .passages
                .get(i)
                .is_some_and(|p| passage_on_topic(state, p) && !points_elsewhere(p))
        })
        .collect();
    let passages = passages.as_slice();
    let chosen: Vec<Passage> = passages
        .iter()
        .filter_map(|&i| state.passages.get(i).cloned())
        .collect();
    let used = in_article(&state.article);
    let titles = document_titles(state);
    // Introductions and answers are about the topic paragraph by paragraph.
    let stems = state.topic_stems();
    let rules = PartRules {
        focus,
        budget,
        prose_only,
        used: &used,
        titles: &titles,
        // The own page's text keeps its order (a short section joined by the next one).
        in_order: prose_only || chosen.iter().all(|p| Some(p.document_id) == state.own_page),
        mention: (prose_only && !by_meaning(state)).then_some(stems.as_slice()),
        context: Some(context),
    };
    let units = assemble_part(&chosen, &rules);
    state.composed.extend(units.iter().flat_map(|u| {
        piece_keys(&u.block)
            .into_iter()
            .chain([unit_key(&u.block.text)])
    }));
    render(state, passages, &units)
}

fn render(state: &mut GenState, passages: &[usize], units: &[Unit]) -> (String, Vec<usize>) {
    let mut body = Vec::new();
    let mut cited = Vec::new();
    // Code and tables carry no citation mark, so a passage that gives a part only those would
    // be cited by nothing (and its code would stand unexplained): it gives nothing.
    let explained: HashSet<usize> = units
        .iter()
        .filter(|u| matches!(u.block.kind, Kind::Prose | Kind::List { .. }))
        .map(|u| u.passage)
        .collect();
    // The number an ordered list right after another goes on from: Markdown reads the two
    // as one list, so numbering from 1 again would read as a mistake (and lint as one).
    let mut numbered_to: Option<usize> = None;
    for unit in units.iter().filter(|u| explained.contains(&u.passage)) {
        let Some(&i) = passages.get(unit.passage) else {
            continue;
        };
        let r = state.cite(i);
        cited.push(r);
        let markdown = match (&unit.block.kind, numbered_to) {
            (Kind::List { ordered: true }, Some(last)) => unit.block.list_markdown(Some(last + 1)),
            _ => unit.block.markdown(),
        };
        numbered_to = match unit.block.kind {
            Kind::List { ordered: true } => {
                Some(numbered_to.unwrap_or(0) + unit.block.outer_items())
            }
            _ => None,
        };
        body.push(match unit.block.kind {
            Kind::Code { .. } | Kind::Table | Kind::Heading => markdown,
            Kind::Prose | Kind::List { .. } => format!("{markdown}[^{r}]"),
        });
    }
    cited.sort_unstable();
    cited.dedup();
    (body.join("\n\n"), cited)
}

/// The own page's sections a lead too short to introduce alone may go on into.
const OWN_SECTIONS_AFTER_LEAD: usize = 2;

/// Up to `n` passages of the own page that follow passage `after` on it, in page order, up
/// to the first with subsections (an introduction has no headings).
fn own_after(state: &GenState, after: usize, n: usize) -> Vec<usize> {
    let from = state.passages[after].starts_in;
    let mut next: Vec<usize> = (0..state.passages.len())
        .filter(|&i| {
            let p = &state.passages[i];
            Some(p.document_id) == state.own_page && p.starts_in > from
        })
        .collect();
    next.sort_by_key(|&i| state.passages[i].starts_in);
    next.into_iter()
        .take_while(|&i| {
            !state.passages[i]
                .text
                .lines()
                .any(|l| l.starts_with(blocks::SUBHEADING))
        })
        .take(n)
        .collect()
}

fn introduction(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let tone = env.tone;
    let params = state.params();
    // The lead of a source (text under its title, before any section) introduces best; the
    // best passages overall fill in when the sources have little lead text.
    // Leads naming more of the topic's terms come first ("Restic is…" before "A backup is…").
    let stems = state.topic_stems();
    // A section named after the topic ("List Comprehensions" in a tutorial's chapter on
    // data structures) opens on what the topic is, as a page's lead does.
    let named_section = |p: &Passage| {
        p.heading_path.len() >= 2
            && p.heading_path.last().is_some_and(|h| {
                // "Patch Decorators" is about patching: one word more than a one-word topic
                // is another subject.
                stem_counts(h, &stems).iter().all(|n| *n > 0)
                    && content_words(h).len() < stems.len() * 2
            })
    };
    let mut pool: Vec<usize> = (0..state.passages.len())
        .filter(|&i| is_lead(&state.passages[i]))
        .take(4)
        .collect();
    if state.own_page.is_none()
        && let Some(section) =
            (0..state.passages.len()).find(|&i| named_section(&state.passages[i]))
    {
        pool.insert(0, section);
    }
    // How many of the topic's words a text names.
    let terms_named = |text: &str| stem_counts(text, &stems).iter().filter(|n| **n > 0).count();
    let named = |i: &usize| {
        let p = &state.passages[*i];
        terms_named(&format!("{} {}", p.title.as_deref().unwrap_or(""), p.text))
    };
    // The own page's lead says what the topic is in the words of its own page.
    let own = |i: &usize| Some(state.passages[*i].document_id) == state.own_page;
    // The report judges an introduction by the pages it cites: those that name the topic
    // come first, and the others only when none does.
    let page_named = |i: &usize| page_names_topic(state, &state.passages[*i]);
    // A lead of code alone (a manual page's synopsis) says nothing about what the topic is.
    let prose = |i: &usize| {
        blocks::split(&state.passages[*i].text)
            .iter()
            .any(|b| b.kind == Kind::Prose && !quality::is_lead_in(&b.text))
    };
    pool.sort_by_key(|i| {
        let section = named_section(&state.passages[*i]);
        (!prose(i), !own(i), !section, std::cmp::Reverse(named(i)))
    });

    for i in 0..state.passages.len().min(6) {
        if pool.len() >= 6 {
            break;
        }
        if !pool.contains(&i) {
            pool.push(i);
        }
    }
    // A page named after the whole topic opens it before pages that name part of it.
    let page_whole = |i: &usize| {
        let p = &state.passages[*i];
        quality::page_names_whole_topic(
            &format!("{} {}", page_name(p), p.source),
            &state.spec.topic,
        )
    };
    if pool.iter().any(page_whole) {
        pool.retain(page_whole);
    } else if pool.iter().any(page_named) {
        pool.retain(page_named);
    }
    let focus = state.topic_terms();
    let context = pages_context(state);
    let budget = params.intro_words.min(tone.section_words.introduction.1);
    // One source's lead reads as an introduction; leads of several pages pasted together
    // read as a list of openings. More sources only when the best lead is too short.
    let before = (state.composed.clone(), state.article.sources.clone());
    let mut offline = compose(
        state,
        &context,
        &pool[..pool.len().min(1)],
        &focus,
        budget,
        true,
    );
    // A lead whose first paragraph leaves the topic's own word to the next one ("A host
    // firewall decides which packets…", then "nftables is the packet-filtering framework…")
    // goes on to it, within what the report accepts of an introduction.
    if terms_named(&offline.0) < stems.len() && !offline.0.is_empty() {
        let shorter = (state.composed.clone(), state.article.sources.clone());
        (state.composed, state.article.sources) = before.clone();
        let longer = compose(
            state,
            &context,
            &pool[..pool.len().min(1)],
            &focus,
            tone.section_words.introduction.1.min(budget * 2),
            true,
        );
        if terms_named(&longer.0) > terms_named(&offline.0) {
            offline = longer;
        } else {
            (state.composed, state.article.sources) = shorter;
        }
    }
    // Code fills a part towards its minimum, as the report counts it.
    let short = |body: &str| {
        let (words, code_words) = fragment_words(body);
        words + code_words < tone.section_words.introduction.0
    };
    // A first lead that opens on the topic goes on with its example or list rather than give
    // way to the openings of other pages, which read as stitched together.
    if short(&offline.0) && !offline.0.is_empty() {
        (state.composed, state.article.sources) = before.clone();
        // Up to twice as long as planned (as the report accepts): its next list or example
        // is part of what the page says first, and so is the own page's next section (a
        // manual page's one-line lead, then its synopsis and description), in its order.
        let mut first = pool[..1].to_vec();
        if Some(state.passages[pool[0]].document_id) == state.own_page {
            first.extend(own_after(state, pool[0], OWN_SECTIONS_AFTER_LEAD));
        }
        offline = compose(state, &context, &first, &focus, budget * 2, false);
    }
    if short(&offline.0) {
        (state.composed, state.article.sources) = before.clone();
        offline = compose(state, &context, &pool, &focus, budget, true);
    }
    // Still too short: any retrieved passage may give a paragraph that names the topic.
    if short(&offline.0) && pool.len() < state.passages.len() {
        (state.composed, state.article.sources) = before;
        let everything: Vec<usize> = pool
            .iter()
            .copied()
            .chain((0..state.passages.len()).filter(|i| !pool.contains(i)))
            .collect();
        offline = compose(state, &context, &everything, &focus, budget, true);
    }
    let (body, citations) =
        modelled::prose(state, env, "introduction".into(), &pool, budget, offline)?;
    state.article.introduction = Section {
        heading: String::new(),
        body,
        citations,
    };
    Ok(pool.len())
}

/// Whether a passage's page names the topic: its title, file name and headings name at
/// least half of the topic's terms, as the report judges an introduction's pages, and its
/// title is not a sibling subject's that shares a word with the topic ("Trace events" beside
/// "event emitters"), as the report judges a section's pages.
fn page_names_topic(state: &GenState, p: &Passage) -> bool {
    let name = format!("{} {}", page_name(p), p.source);
    let title = p.title.as_deref().unwrap_or_default();
    quality::page_names_topic(&name, &state.spec.topic)
        && !quality::sibling_subject(title, &state.spec.topic)
}

/// Sections an article takes from pages that neither are the topic's own nor name it, at
/// most, beside an own page: enough for a body, never its bulk.
const NEIGHBOUR_SECTIONS_BELOW: usize = 2;

/// How closely an outline section is tied to the topic by its pages, best last: drawn from
/// nested chapters of a page on the topic, then named after it (from the own page, or its
/// heading or a page it draws on names at least half the topic's terms, as the report judges
/// an introduction's pages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum TopicTie {
    None,
    BelowTopicPage,
    Named,
}

fn topic_tie(state: &GenState, entry: &OutlineSection) -> TopicTie {
    let passages = || entry.passages.iter().filter_map(|&i| state.passages.get(i));
    let topic = &state.spec.topic;
    // A page on the broader subject (its title names part of the topic but not its head:
    // "Lifetimes" for "lifetime elision") is the topic's only where a section names the head
    // too; its other sections ("Example: aliasing a mutable reference") are about the rest
    // of it.
    let names_topic = |p: &Passage| {
        page_names_topic(state, p)
            && (!quality::broader_subject(p.title.as_deref().unwrap_or_default(), topic)
                || quality::names_head(&entry.heading, topic))
    };
    // The own page's chapter, and the pages of the subjects a topic joins, are the topic's
    // though they name only part of it ("Other reprs" in "type layout and repr").
    if quality::page_names_topic(&entry.heading, topic)
        || passages().any(|p| {
            Some(p.document_id) == state.own_page
                || state.chapter.contains(&p.document_id)
                || names_topic(p)
        })
    {
        TopicTie::Named
    } else if passages().any(|p| below_own_page(state, p)) {
        TopicTie::BelowTopicPage
    } else {
        TopicTie::None
    }
}

/// Whether a passage's page lies in the folder named after the own page or another page that
/// names the topic (`scope/move/partial_move.html` below `scope/move.html`): a book's nested
/// chapter, part of its parent's subject though its title may not name it ("Partial moves"
/// under ownership).
fn below_own_page(state: &GenState, p: &Passage) -> bool {
    let reference = public_reference(p);
    // A page at the top of its site is below none (every page of a flat site).
    if !quality::reference_path(&reference).contains('/') {
        return false;
    }
    state
        .passages
        .iter()
        .filter(|o| Some(o.document_id) == state.own_page || page_names_topic(state, o))
        .any(|o| quality::reference_below(&reference, &public_reference(o)))
}

/// The order in which outline sections are tried: the own page's first, in its order (the
/// subject as its author teaches it), and its nested chapter's in the site's reading order
/// (retrieval put their passages in that order), then the others that name the topic, then
/// nested chapters of other pages on it, then the rest, best supported first within each.
fn trial_order(state: &GenState, a: &OutlineSection, b: &OutlineSection) -> std::cmp::Ordering {
    let own_from = |s: &OutlineSection| {
        s.passages
            .iter()
            .copied()
            .filter(|&i| {
                state.passages.get(i).is_some_and(|p| {
                    Some(p.document_id) == state.own_page || state.chapter.contains(&p.document_id)
                })
            })
            .min()
    };
    let weight = |s: &OutlineSection| -> f64 {
        s.passages
            .iter()
            .filter_map(|&i| state.passages.get(i))
            .map(|p| p.score)
            .sum()
    };
    match (own_from(a), own_from(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => topic_tie(state, b)
            .cmp(&topic_tie(state, a))
            .then_with(|| weight(b).total_cmp(&weight(a))),
    }
}

/// Composes each outline section; a section that is not about the topic, or that its sources
/// cannot fill to the tone's minimum, is left out rather than padded.
/// The body sections, and the headings of those left out as off-topic: by the relevance gate
/// as each is composed, then by the quality report's own check over the article so far.
fn sections(state: &mut GenState, env: &StageEnv) -> Result<(usize, Vec<String>), StageError> {
    let params = state.params();
    let outline = state.outline.clone();
    let context = pages_context(state);
    // The best-supported candidates are tried first; the outline holds spares (see
    // `offline_outline`) that stand in for sections left out.
    let mut order: Vec<usize> = (0..outline.len()).collect();
    order.sort_by(|&a, &b| trial_order(state, &outline[a], &outline[b]));
    let mut candidates = subjects_in_turn(state, &outline, order).into_iter();
    // What each section in `state.article.sections` was drafted from, in step with it.
    let mut placed: Vec<Placed> = Vec::new();
    let mut drawn = 0;
    let mut off_topic = Vec::new();
    // A section of the own page too short to stand alone, waiting for the next one.
    let mut short: Option<OutlineSection> = None;
    // A section a short one was joined to, tried again alone when the pair fell short.
    let mut retry: Option<usize> = None;
    loop {
        while placed.len() < params.sections {
            let Some(at) = retry.take().or_else(|| candidates.next()) else {
                break;
            };
            let entry = match short.take() {
                Some(first) if own_entry(state, &outline[at]) => {
                    joined_sections(state, first, &outline[at])
                }
                _ => outline[at].clone(),
            };
            // A glossary's or an FAQ's entries are on every subject of the site: they may
            // answer the article's questions, never make a section of it.
            if from_entry_collection(state, &entry) {
                off_topic.push(entry.heading.clone());
                continue;
            }
            // Beside a page of its own, another page's section that does not name the topic
            // is a neighbour's: taken only while the article has fewer than
            // `NEIGHBOUR_SECTIONS_BELOW` sections.
            if state.own_page.is_some()
                && topic_tie(state, &entry) == TopicTie::None
                && placed.len() >= NEIGHBOUR_SECTIONS_BELOW
            {
                off_topic.push(entry.heading.clone());
                continue;
            }
            match section(state, env, &context, &entry, false)? {
                Drafted::Kept(section, passages) => {
                    drawn += passages;
                    placed.push(Placed { at, entry });
                    state.article.sections.push(section);
                }
                Drafted::OffTopic(heading) => off_topic.push(heading),
                // The own page's short section ("Ownership Rules": a lead-in and three
                // rules) is its author's point all the same. It follows the page's section
                // placed just before it as a subsection ("Bisect reset" after the basic
                // commands, as the manual nests it); with none before it, the page's next
                // section joins it under its own subheading.
                Drafted::Thin
                    if own_entry(state, &entry) && entry.heading == outline[at].heading =>
                {
                    let previous = placed
                        .last()
                        .filter(|last| last.at + 1 == at && own_entry(state, &last.entry));
                    match previous.map(|last| last.entry.clone()) {
                        Some(prev) => {
                            let (grown, entry_used) =
                                appended_to_last(state, env, &context, prev, &entry)?;
                            if grown {
                                drawn += entry.passages.len();
                            } else {
                                short = Some(entry);
                            }
                            if let Some(last) = placed.last_mut() {
                                if grown {
                                    last.at = at;
                                }
                                last.entry = entry_used;
                            }
                        }
                        None => short = Some(entry),
                    }
                }
                // The pair fell short: the short one goes, the next is tried on its own.
                Drafted::Thin if entry.heading != outline[at].heading => retry = Some(at),
                Drafted::Thin => {}
            }
        }
        // Sections keep the order of their sources.
        let mut ordered: Vec<(Placed, Section)> = placed
            .drain(..)
            .zip(std::mem::take(&mut state.article.sections))
            .collect();
        ordered.sort_by_key(|(p, _)| p.at);
        (placed, state.article.sections) = ordered.into_iter().unzip();
        if drop_repeated_entries(&mut state.article.sections) {
            keep_cited_sources(&mut state.article);
        }
        let said = in_article(&state.article);
        let dropped = drop_off_topic(state, env)?;
        if dropped.is_empty() {
            break;
        }
        // `placed` goes in step with the sections: by position, as a section's heading may
        // differ from its entry's (a joined one's subheading).
        let gone: HashSet<usize> = dropped.iter().map(|(at, _)| *at).collect();
        placed = placed
            .into_iter()
            .enumerate()
            .filter(|(at, _)| !gone.contains(at))
            .map(|(_, place)| place)
            .collect();
        let released: HashSet<String> = said
            .difference(&in_article(&state.article))
            .cloned()
            .collect();
        redraft_with_released(state, env, &context, &placed, &released)?;
        off_topic.extend(dropped.into_iter().map(|(_, heading)| heading));
        if candidates.len() == 0 {
            break;
        }
    }
    // A model's plan none of whose sections its sources could fill leaves an article without
    // sections: the offline outline is composed instead.
    if state.article.sections.is_empty() && outline.iter().any(|e| e.planned) {
        modelled::plan_failed(state, "none of the planned sections could be filled");
        offline_outline(state, &params);
        return sections(state, env);
    }
    Ok((drawn, off_topic))
}

/// `order` with the sections of a topic's subjects (`GenState::subjects`) taking turns, the
/// first subject's first section, the next subject's first, and so on, so that the first
/// subject's page does not fill the article alone; each subject's keep their order, and the
/// sections of no subject follow as they were.
fn subjects_in_turn(state: &GenState, outline: &[OutlineSection], order: Vec<usize>) -> Vec<usize> {
    let subject = |&at: &usize| {
        let first = outline[at].passages.iter().min()?;
        state.subject_of(state.passages.get(*first)?.document_id)
    };
    in_turns(order, state.subjects.len(), subject)
}

/// `items` taking turns by group (`group` of each, below `groups`): the first of each group,
/// then the second of each, and so on, each group keeping its order; items of no group follow
/// as they were.
fn in_turns<T>(items: Vec<T>, groups: usize, group: impl Fn(&T) -> Option<usize>) -> Vec<T> {
    let mut queues: Vec<std::collections::VecDeque<T>> =
        (0..groups).map(|_| Default::default()).collect();
    let mut rest = Vec::new();
    for item in items {
        match group(&item).filter(|&g| g < groups) {
            Some(g) => queues[g].push_back(item),
            None => rest.push(item),
        }
    }
    let mut turns = Vec::with_capacity(queues.iter().map(|q| q.len()).sum::<usize>() + rest.len());
    while queues.iter().any(|q| !q.is_empty()) {
        turns.extend(queues.iter_mut().filter_map(|q| q.pop_front()));
    }
    turns.extend(rest);
    turns
}

/// Whether an outline entry is drawn only from glossaries and FAQs (see
/// `page_kind::is_entry_collection`), for a topic that is not about one.
fn from_entry_collection(state: &GenState, entry: &OutlineSection) -> bool {
    !page_kind::topic_about_entries(&state.spec.topic)
        && !entry.passages.is_empty()
        && entry.passages.iter().all(|&i| {
            state
                .passages
                .get(i)
                .is_some_and(page_kind::is_entry_collection)
        })
}

/// A section in the article and what it was drafted from: its outline position and the
/// entry (a joined one for a short section).
struct Placed {
    at: usize,
    entry: OutlineSection,
}

/// Drafts again each section whose passages hold a unit that only dropped sections said
/// (`released`) and the article still does not: composed after one of them, it left that unit
/// out as said already (the window definition's grammar, shown first by the SELECT page's
/// "WINDOW Clause", which the off-topic check then dropped, was missing from "Window Function
/// Calls"). `placed` is in step with the article's sections.
fn redraft_with_released(
    state: &mut GenState,
    env: &StageEnv,
    context: &quality::SentenceContext,
    placed: &[Placed],
    released: &HashSet<String>,
) -> Result<(), StageError> {
    state.composed.retain(|key| !released.contains(key));
    for (k, place) in placed.iter().enumerate() {
        // What an earlier redraft took back is said again.
        let said = in_article(&state.article);
        let unsaid: HashSet<&String> = released.iter().filter(|key| !said.contains(*key)).collect();
        if unsaid.is_empty() || k >= state.article.sections.len() {
            break;
        }
        let holds_unsaid = place.entry.passages.iter().any(|&i| {
            state
                .passages
                .get(i)
                .is_some_and(|p| text_keys(&p.text).iter().any(|key| unsaid.contains(key)))
        });
        if !holds_unsaid {
            continue;
        }
        // Drafted again with its own text out of the article and out of what the composition
        // said, so that text is not "said".
        let old = std::mem::take(&mut state.article.sections[k]);
        let before = (state.composed.clone(), state.article.sources.clone());
        for key in text_keys(&strip_footnote_refs(&old.body)) {
            state.composed.remove(&key);
        }
        match section(state, env, context, &place.entry, false) {
            Ok(Drafted::Kept(section, _)) => state.article.sections[k] = section,
            Ok(_) => {
                state.article.sections[k] = old;
                (state.composed, state.article.sources) = before;
            }
            Err(e) => {
                state.article.sections[k] = old;
                (state.composed, state.article.sources) = before;
                return Err(e);
            }
        }
    }
    keep_cited_sources(&mut state.article);
    Ok(())
}

/// Whether an outline entry is drawn from the topic's own page alone.
fn own_entry(state: &GenState, entry: &OutlineSection) -> bool {
    state.own_page.is_some()
        && !entry.passages.is_empty()
        && entry.passages.iter().all(|&i| {
            state
                .passages
                .get(i)
                .is_some_and(|p| Some(p.document_id) == state.own_page)
        })
}

/// Composes the last placed section again with a short section of the own page after it as
/// a subsection; keeps the longer of the two drafts. Whether the short one was taken, and
/// the entry the last section now stands for.
fn appended_to_last(
    state: &mut GenState,
    env: &StageEnv,
    context: &quality::SentenceContext,
    previous: OutlineSection,
    short: &OutlineSection,
) -> Result<(bool, OutlineSection), StageError> {
    let Some(before) = state.article.sections.pop() else {
        return Ok((false, previous));
    };
    let words_before = crate::text::word_count(&before.body);
    let before_draft = (state.composed.clone(), state.article.sources.clone());
    let joined = joined_sections(state, previous.clone(), short);
    match section(state, env, context, &joined, true)? {
        Drafted::Kept(section, _) if crate::text::word_count(&section.body) > words_before => {
            state.article.sections.push(section);
            Ok((true, joined))
        }
        _ => {
            (state.composed, state.article.sources) = before_draft;
            state.article.sections.push(before);
            Ok((false, previous))
        }
    }
}

/// A short section of the own page with the page's next section joined under it: the next
/// one's passages, copied with its heading as a subheading, follow the first's.
fn joined_sections(
    state: &mut GenState,
    first: OutlineSection,
    next: &OutlineSection,
) -> OutlineSection {
    let mut passages = first.passages;
    for (k, &i) in next.passages.iter().enumerate() {
        let Some(mut p) = state.passages.get(i).cloned() else {
            continue;
        };
        if k == 0 {
            p.text = format!("{}{}\n\n{}", blocks::SUBHEADING, next.heading, p.text);
        }
        state.passages.push(p);
        passages.push(state.passages.len() - 1);
    }
    OutlineSection {
        heading: first.heading,
        passages,
        planned: first.planned,
    }
}

/// What became of one outline entry.
enum Drafted {
    /// The section, and how many passages it drew on.
    Kept(Section, usize),
    /// Neither named after the topic nor talking about it: its heading.
    OffTopic(String),
    /// Its sources could not fill it.
    Thin,
}

/// Composes one section of the outline, through the relevance gate and the length floor.
/// A section that takes a short one after it (`appended`) has room for that one's minimum
/// beyond the workflow's target, within what the report accepts; one of the topic's own page
/// has all the room the report accepts.
fn section(
    state: &mut GenState,
    env: &StageEnv,
    context: &quality::SentenceContext,
    entry: &OutlineSection,
    appended: bool,
) -> Result<Drafted, StageError> {
    let tone = env.tone;
    let params = state.params();
    // A section shorter than the report accepts for the workflow's target is thin.
    let min_words = tone
        .section_words
        .section
        .0
        .max(accepted_words(params.section_words).0);
    let mut focus = state.topic_terms();
    focus.extend(content_words(&entry.heading));
    let sources_before = state.article.sources.clone();
    let said_before = state.composed.clone();
    let target = params.section_words.min(tone.section_words.section.1);
    let most = most_section_words(&params, tone);
    // The topic's own page teaches in its order: its section is cut at the most the report
    // accepts rather than at the target, so an example is not stopped half way.
    let budget = if own_entry(state, entry) {
        most
    } else if appended {
        (target + min_words).min(most)
    } else {
        target
    };
    let (body, citations) = compose(state, context, &entry.passages, &focus, budget, false);
    let plain = strip_footnote_refs(&body);
    // Relevance gate: a section neither named after the topic nor talking about it is
    // dropped, not padded in. A nested chapter of a page on the topic is about it.
    let from_topic_page = entry.passages.iter().any(|&i| {
        state
            .passages
            .get(i)
            .is_some_and(|p| mentions_topic(state, &page_name(p)) > 0 || below_own_page(state, p))
    });
    // Mentions alone must be frequent too: two passing mentions in a long changelog or
    // option list do not make it about the topic.
    let mentions = mentions_topic(state, &plain);
    let on_topic = by_meaning(state)
        || from_topic_page
        || mentions_topic(state, &entry.heading) > 0
        || (mentions >= ON_TOPIC_MENTIONS
            && mentions * WORDS_PER_MENTION >= crate::text::word_count(&plain));
    // A section its sources cannot fill (prose and code, as the report counts them) is
    // left out.
    let (words, code_words) = fragment_words(&body);
    let filled = words + code_words >= min_words.max(1);
    if !on_topic || !filled {
        // A draft left out says nothing: its units stay free for the parts after it.
        state.composed = said_before;
        state.article.sources = sources_before;
        return Ok(if on_topic {
            Drafted::Thin
        } else {
            Drafted::OffTopic(entry.heading.clone())
        });
    }
    let part = format!("section \"{}\"", entry.heading);
    let (body, citations) =
        modelled::prose(state, env, part, &entry.passages, budget, (body, citations))?;
    // A joined section whose first part left nothing of its own (a synopsis the introduction
    // already shows) is headed by the part that follows, not by an empty heading.
    let (heading, body) = match body.strip_prefix(blocks::SUBHEADING) {
        Some(rest) => {
            let (heading, rest) = rest.split_once('\n').unwrap_or((rest, ""));
            (heading.trim().to_string(), rest.trim_start().to_string())
        }
        None => (entry.heading.clone(), body),
    };
    Ok(Drafted::Kept(
        Section {
            heading,
            body,
            citations,
        },
        entry.passages.len(),
    ))
}

/// Drops the sections the quality report's off-topic check rejects, judged as it will judge
/// the finished article (the introduction and the sections, with the footnotes they cite),
/// and the sources only they cited; returns the position each had and its heading. The
/// report then agrees with what was written.
fn drop_off_topic(
    state: &mut GenState,
    env: &StageEnv,
) -> Result<Vec<(usize, String)>, StageError> {
    let body = env
        .templates
        .render(&template_name(state), &state.article, &state.spec.vars)
        .map_err(|e| StageError::Invalid(e.to_string()))?;
    let rejected: HashSet<String> = quality::off_topic_headings(&body, &state.spec.topic)
        .iter()
        .map(|h| plain_heading(h))
        .collect();
    let mut dropped = Vec::new();
    let mut at = 0;
    state.article.sections.retain(|s| {
        let off = rejected.contains(&plain_heading(&s.heading));
        if off {
            dropped.push((at, s.heading.clone()));
        }
        at += 1;
        !off
    });
    if !dropped.is_empty() {
        keep_cited_sources(&mut state.article);
    }
    Ok(dropped)
}

/// Keeps only the sources the introduction and the sections still cite.
fn keep_cited_sources(article: &mut Article) {
    let cited: HashSet<usize> = std::iter::once(&article.introduction)
        .chain(&article.sections)
        .flat_map(|s| s.citations.iter().copied())
        .collect();
    article.sources.retain(|s| cited.contains(&s.id));
}

/// Drops each subsection whose heading repeats one the article shows before it, or a
/// section's, with its text up to the next subheading: it is another entry of that name
/// (Node's `http.ClientRequest` and `http.Server` each have an "Event: 'upgrade'"), and two
/// headings alike leave the reader unable to tell them apart. A generic heading
/// ("Example", one content word) may repeat. Sections are composed in the order they are
/// tried, so this runs once they stand in the article's order. Whether anything went.
fn drop_repeated_entries(sections: &mut [Section]) -> bool {
    let mut seen: HashSet<String> = sections.iter().map(|s| plain_heading(&s.heading)).collect();
    let mut changed = false;
    for section in sections.iter_mut() {
        let mut kept: Vec<&str> = Vec::new();
        let mut fence: Option<String> = None;
        let (mut repeated, mut dropped) = (false, false);
        for line in section.body.lines() {
            match &fence {
                Some(open) => {
                    if blocks::closes_fence(line, open) {
                        fence = None;
                    }
                }
                None => {
                    fence = blocks::fence_of(line.trim_start());
                    if let Some(heading) = line.strip_prefix(blocks::SUBHEADING) {
                        repeated = content_words(heading).len() >= 2
                            && !seen.insert(plain_heading(heading));
                    }
                }
            }
            if repeated {
                dropped = true;
            } else {
                kept.push(line);
            }
        }
        if !dropped {
            continue;
        }
        changed = true;
        // What goes runs from a subheading to the blank line before the next one, so the
        // blocks kept stay one blank line apart.
        section.body = kept.join("\n").trim().to_owned();
        let body = &section.body;
        section
            .citations
            .retain(|id| body.contains(&format!("[^{id}]")));
    }
    changed
}

/// A heading as the report reads it: text without inline marks, in lowercase.
fn plain_heading(h: &str) -> String {
    h.replace(['`', '*', '_'], "").trim().to_lowercase()
}

/// The template the article is rendered with: the spec's, else its workflow's.
fn template_name(state: &GenState) -> String {
    super::resolve::template_name(&state.spec, state.workflow.as_ref())
}

/// The conclusion. Offline it is the closing section a main source wrote itself ("Summary",
/// "Wrapping up") where one has it, then what else the sources cover for the reader who wants
/// more; with no closing section of a source it is that list alone, headed "Further reading".
/// A recap of the article's own headings, or its sentences said again as a "summary", reads
/// as padding, and cgen does not invent claims. A configured model writes it from the best
/// passages instead (`modelled::prose`).
fn conclusion(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let tone = env.tone;
    let params = state.params();
    let budget = params.conclusion_words.min(tone.section_words.conclusion.1);
    let (summary, cited) = source_summary(state, env, budget)?;
    let further = further_reading(state, env)?;
    // The lead-in names the topic as the corpus writes it ("WireGuard VPN").
    let topic = corpus_casing(state.spec.topic.trim(), &state.passages);
    let mut parts = Vec::new();
    if !summary.is_empty() {
        parts.push(summary.clone());
        if !further.is_empty() {
            parts.push(format!("Further reading on {topic}:"));
        }
    }
    if !further.is_empty() {
        parts.push(further.join("\n"));
    }
    let offline = parts.join("\n\n");
    let sources: Vec<usize> = (0..state.passages.len().min(8)).collect();
    let (body, citations) = modelled::prose(
        state,
        env,
        "conclusion".into(),
        &sources,
        budget,
        (offline.clone(), cited),
    )?;
    // A list of pages is not a conclusion, and the report holds a conclusion to its words.
    let heading = if summary.is_empty() && body == offline {
        "Further reading"
    } else {
        "Conclusion"
    };
    state.article.conclusion = Section {
        heading: heading.into(),
        body,
        citations,
    };
    Ok(state.article.sources.len())
}

/// Headings of the section a page closes on with its own summary.
const SUMMARY_HEADINGS: &[&str] = &[
    "summary",
    "conclusion",
    "conclusions",
    "recap",
    "wrapping up",
    "in summary",
    "key takeaways",
    "takeaways",
];

/// Whether a passage is a page's closing summary ("Summary", "Wrapping up").
fn is_closing_summary(p: &Passage) -> bool {
    p.heading_path.len() >= 2 && p.heading_path.last().is_some_and(|h| is_summary_heading(h))
}

/// Whether a heading names a page's own summary.
fn is_summary_heading(heading: &str) -> bool {
    let plain = plain_heading(without_numbering(heading.trim()));
    SUMMARY_HEADINGS.contains(&plain.trim_end_matches(':'))
}

/// The closing section ("Summary") of the topic's own page, else of a cited page named after
/// the topic, composed like any part; empty when none has one.
fn source_summary(
    state: &mut GenState,
    env: &StageEnv,
    budget: usize,
) -> Result<(String, Vec<usize>), StageError> {
    let mut documents: Vec<i64> = state.own_page.into_iter().collect();
    for source in &state.article.sources {
        if let Some(p) = state
            .passages
            .iter()
            .find(|p| public_reference(p) == source.source && page_names_topic(state, p))
            && !documents.contains(&p.document_id)
        {
            documents.push(p.document_id);
        }
    }
    for document in documents.into_iter().take(FURTHER_SOURCES) {
        let Some(heading) = env
            .knowledge
            .document_sections(document)?
            .into_iter()
            .find(|h| is_summary_heading(h))
        else {
            continue;
        };
        // The section's path: under the page's title when the page has one.
        let title = state
            .passages
            .iter()
            .find(|p| p.document_id == document && p.heading_path.len() >= 2)
            .and_then(|p| p.heading_path.first().cloned());
        let paths = title
            .map(|t| vec![t, heading.clone()])
            .into_iter()
            .chain([vec![heading.clone()]]);
        let mut first = None;
        for path in paths {
            first = env
                .knowledge
                .section(document, &path, 1)?
                .into_iter()
                .next();
            if let Some(chunk) = &mut first {
                chunk.heading_path = path;
                break;
            }
        }
        let Some(first) = first else {
            continue;
        };
        // A summary is read whole, however long.
        let Some(whole) = whole_sections(vec![first], env, usize::MAX)?
            .into_iter()
            .next()
        else {
            continue;
        };
        state.passages.push(whole);
        let index = state.passages.len() - 1;
        let context = pages_context(state);
        let focus = state.topic_terms();
        let before = (state.composed.clone(), state.article.sources.clone());
        // A summary may be a list of points (SQLite writes its pages' summaries so).
        let composed = compose(state, &context, &[index], &focus, budget, false);
        // Within what the report accepts of a conclusion: a summary longer than that (a
        // list of long points) is not shortened here.
        let most = accepted_words(state.params().conclusion_words)
            .1
            .min(env.tone.section_words.conclusion.1);
        let (body, cited) = composed;
        let body = leading_points(&body, most);
        let words = fragment_words(&body).0;
        if (env.tone.section_words.conclusion.0..=most).contains(&words) {
            return Ok((body, cited));
        }
        (state.composed, state.article.sources) = before;
        state.passages.pop();
    }
    Ok((String::new(), Vec::new()))
}

/// A summary that is one list longer than `most` words, cut to its leading points (the
/// citation mark moves to the last one kept); anything else as it is.
fn leading_points(body: &str, most: usize) -> String {
    let lines: Vec<&str> = body.lines().collect();
    if lines.len() < 2 || !lines.iter().all(|l| blocks::list_item(l).is_some()) {
        return body.to_owned();
    }
    let last = lines[lines.len() - 1];
    let mark = last.rfind("[^").map_or("", |at| &last[at..]);
    let mut kept = Vec::new();
    for line in &lines {
        let line = line.strip_suffix(mark).unwrap_or(line);
        let candidate = kept
            .iter()
            .chain([&line])
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        if !kept.is_empty() && fragment_words(&candidate).0 > most {
            break;
        }
        kept.push(line);
    }
    format!("{}{mark}", kept.join("\n"))
}

/// Sources whose other sections the further reading names, and how many entries it has at
/// most.
const FURTHER_SOURCES: usize = 3;
const FURTHER_HEADINGS: usize = 5;

/// A section of a cited page as an entry of further reading: read as its page would have it
/// (`of_page`), without its numbering. None for a manual page's boilerplate, and for its
/// synopsis and description, which are the page itself that the footnote already names
/// ("Description of git-pull" sends the reader nowhere new).
fn reading_entry(heading: &str, page_title: Option<&str>) -> Option<String> {
    let heading = heading.trim();
    // A heading about the page itself ("Organization of this document") points at a page
    // the article is not.
    if PAGE_ITSELF.contains(&heading.to_lowercase().as_str())
        || quality::points_at_its_page(heading)
    {
        return None;
    }
    let entry = of_page(heading, page_title)?;
    // A manual page's heading in capitals reads as shouting in a list of sentence-case
    // entries.
    Some(sentence_case_of_capitals(without_numbering(entry.trim())))
}

/// What else the sources cover, as list items: the sections of the article's most cited
/// sources that it did not use (each with its source's footnote), then the other pages
/// retrieval found on the topic. Lists, because headings are titles: run into
/// a sentence they read as a run of capitalised words, and a question heading does not fit
/// in one at all.
fn further_reading(state: &GenState, env: &StageEnv) -> Result<Vec<String>, StageError> {
    let article = &state.article;
    let mut cited: Vec<(usize, &crate::generate::article::Source)> = article
        .sources
        .iter()
        .map(|src| {
            let uses = article
                .sections
                .iter()
                .filter(|s| s.citations.contains(&src.id))
                .count();
            (uses, src)
        })
        .collect();
    cited.sort_by_key(|(uses, src)| (std::cmp::Reverse(*uses), src.id));
    // Headings the article shows, its sections' subheadings too.
    let mut shown: HashSet<String> = article
        .sections
        .iter()
        .flat_map(|s| {
            std::iter::once(s.heading.as_str()).chain(
                s.body
                    .lines()
                    .filter_map(|l| l.strip_prefix(blocks::SUBHEADING)),
            )
        })
        .map(|h| h.trim().to_lowercase())
        .collect();
    // Each source's unused headings, then taken in turns so every source is named.
    let mut per_source: Vec<Vec<String>> = Vec::new();
    for (_, src) in cited.into_iter().take(FURTHER_SOURCES) {
        let Some(p) = state
            .passages
            .iter()
            .find(|p| public_reference(p) == src.source)
        else {
            continue;
        };
        // Any other section of a page about the topic is about it; of a neighbouring page
        // only those that name it are.
        let about_topic = Some(p.document_id) == state.own_page || page_names_topic(state, p);
        let mut items = Vec::new();
        for h in env.knowledge.document_sections(p.document_id)? {
            let Some(entry) = reading_entry(&h, p.title.as_deref()) else {
                continue;
            };
            let h = entry.as_str();
            let lower = h.trim_end_matches([':', '\u{FF1A}']).to_lowercase();
            let named = mentions_topic(state, h) > 0;
            // A one-word heading ("Example", "Code") names nothing a reader would look for
            // unless it is the topic's own word.
            let telling = (content_words(h).len() >= 2 && about_topic) || named;
            let closing = is_summary_heading(h);
            if telling
                && !closing
                && !GENERIC_HEADINGS.contains(&lower.as_str())
                && shown.insert(lower)
            {
                items.push(format!("- {}[^{}]", blocks::inline(h), src.id));
            }
            if items.len() == FURTHER_HEADINGS {
                break;
            }
        }
        per_source.push(items);
    }
    let mut further = Vec::new();
    for round in 0..FURTHER_HEADINGS {
        for items in &per_source {
            if further.len() < FURTHER_HEADINGS
                && let Some(item) = items.get(round)
            {
                further.push(item.clone());
            }
        }
    }
    // Pages retrieval found that the article did not draw on: on a site of small pages they
    // are the neighbouring chapters a reader goes to next. First those whose titles name the
    // topic; then, while the list has less than two entries, pages about it by their text.
    // On a site with folders these must be chapters of the same part of the book as a cited
    // page: the chapter a cited page is nested in ("Scoping rules" over `scope/borrow.html`)
    // or one beside it. Elsewhere in a book such a page's title tells the reader nothing of
    // the topic ("Testcase: unit clarification" in an article on ownership). A flat site has
    // no parts to go by.
    let cited_docs: HashSet<&str> = article.sources.iter().map(|s| s.source.as_str()).collect();
    // A page with a cited one's title and file name is that page again: a translated or
    // versioned copy (`zh/flow_control/match.html`) sends the reader to what the footnote
    // already names. (Another page of the same title is another page: "Traits" of
    // generics beside the chapter "Traits".)
    let copy_key = |title: &str, reference: &str| {
        let path = reference.split(['?', '#']).next().unwrap_or(reference);
        let file = path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or(path);
        format!("{}\n{file}", without_numbering(title.trim()).to_lowercase())
    };
    let cited_copies: HashSet<String> = article
        .sources
        .iter()
        .map(|s| copy_key(&s.title, &s.source))
        .collect();
    let foldered = state
        .passages
        .iter()
        .any(|p| quality::reference_path(&public_reference(p)).contains('/'));
    let mut listed: HashSet<String> = HashSet::new();
    for (p, named_only) in state
        .passages
        .iter()
        .map(|p| (p, true))
        .chain(state.passages.iter().map(|p| (p, false)))
    {
        if further.len() >= FURTHER_HEADINGS || (!named_only && further.len() >= 2) {
            break;
        }
        let reference = public_reference(p);
        let Some(title) = p
            .title
            .as_deref()
            .map(|t| without_numbering(t.trim()))
            .filter(|t| !t.is_empty())
        else {
            continue;
        };
        let about = if named_only {
            mentions_topic(state, title) > 0
        } else {
            passage_on_topic(state, p) && (!foldered || in_a_cited_part(&reference, &cited_docs))
        };
        if cited_docs.contains(reference.as_str())
            || !about
            || listed.contains(&reference)
            || shown.contains(&title.to_lowercase())
            || cited_copies.contains(&copy_key(title, &reference))
        {
            continue;
        }
        listed.insert(reference.clone());
        shown.insert(title.to_lowercase());
        further.push(
            if reference.starts_with("http://") || reference.starts_with("https://") {
                format!("- [{}](<{reference}>)", blocks::inline(title))
            } else {
                format!("- {} — {reference}", blocks::inline(title))
            },
        );
    }
    Ok(further)
}

/// Whether the page at `reference` is a chapter of the same part of a book as a cited page:
/// the chapter a cited page is nested in, or one beside it in a folder below the top.
fn in_a_cited_part(reference: &str, cited: &HashSet<&str>) -> bool {
    cited.iter().any(|page| {
        quality::reference_below(page, reference) || quality::same_subfolder(page, reference)
    })
}

/// The FAQ: written by the model when one is configured and its answer holds up
/// (`modelled::faq`); offline, from question headings and definitional sentences.
fn faq(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let params = state.params();
    let answer_words = FAQ_ANSWER_WORDS.min(env.tone.section_words.faq_answer.1);
    if let Some(written) = modelled::faq(state, env, params.faq, answer_words)? {
        state.article.faq = written;
        return Ok(state.article.faq.len());
    }
    Ok(offline_faq(state, &params, answer_words))
}

/// The FAQ offline: only genuine question-and-answer pairs of the sources (a question heading
/// with the text under it, or a `Q:` paragraph followed by its `A:`), kept when the answer
/// shares the question's terms and the pair is about the topic.
fn offline_faq(state: &mut GenState, params: &Params, answer_words: usize) -> usize {
    let titles = document_titles(state);
    let mut pairs: Vec<(String, String, usize)> = Vec::new(); // (question, answer, passage)
    for (i, p) in state.passages.iter().enumerate() {
        let all = blocks::split(&p.text);
        let prose: Vec<String> = all
            .iter()
            .filter(|b| b.kind == Kind::Prose)
            .map(|b| b.text.clone())
            .collect();
        if let Some(h) = p
            .heading_path
            .last()
            .filter(|h| h.trim_end().ends_with('?'))
        {
            pairs.push((h.trim().to_string(), direct_answer(&all, &titles), i));
        }
        // A question on a line of its own (a heading kept in the text) and the paragraphs
        // under it, up to the next question.
        for (k, q) in all.iter().enumerate() {
            if q.kind == Kind::Prose && is_question_line(&q.text) {
                pairs.push((
                    q.text.trim().to_string(),
                    direct_answer(&all[k + 1..], &titles),
                    i,
                ));
            }
        }
        for w in prose.windows(2) {
            let q = w[0]
                .strip_prefix("Q:")
                .or_else(|| w[0].strip_prefix("Question:"));
            let a = w[1]
                .strip_prefix("A:")
                .or_else(|| w[1].strip_prefix("Answer:"));
            if let (Some(q), Some(a)) = (q, a)
                && q.trim_end().ends_with('?')
            {
                let answer = clean_paragraph(a.trim(), &titles).unwrap_or_default();
                pairs.push((q.trim().to_string(), answer, i));
            }
        }
    }
    let mut seen = HashSet::new();
    let mut drawn = 0;
    for (question, answer, i) in pairs {
        if state.article.faq.len() >= params.faq {
            break;
        }
        let used = used_units(state);
        let fresh: Vec<&str> = answer
            .split("\n\n")
            .filter(|p| !already_used(&used, p))
            .collect();
        let answer = first_words(&fresh.join("\n\n"), answer_words);
        let shares = shares_words(&question, &answer);
        // About the topic: the question names it, or the answer names all of its terms (an
        // answer that only shares a generic word of the topic answers another question).
        let topic = state.topic_stems();
        let about = mentions_topic(state, &question) > 0
            || stem_counts(&answer, &topic).iter().all(|n| *n > 0);
        if answer.is_empty()
            || !shares
            || !about
            || leans_on_context(&answer)
            || already_used(&used, &answer)
            || !seen.insert(question.to_lowercase())
        {
            continue;
        }
        let citation = state.cite(i);
        drawn += 1;
        state.article.faq.push(Faq {
            question,
            answer: format!("{answer}[^{citation}]"),
            citations: vec![citation],
        });
    }
    drawn
}

/// The paragraphs that answer a question, from the blocks right after it: the prose up to the
/// next question, list or code. A question followed first by a list, code or a lead-in
/// ("Check these:") has no prose answer: a paragraph after the list would read as a non
/// sequitur without it ("If all of that looks clean...").
fn direct_answer(after: &[blocks::Block], titles: &[String]) -> String {
    after
        .iter()
        .take_while(|b| b.kind == Kind::Prose && !is_question_line(&b.text))
        .map_while(|b| clean_paragraph(&b.text, titles).filter(|t| !t.ends_with(':')))
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Code blocks of the passages about the topic, whole and with their language, that the
/// sections did not already show; captioned by the sentence that introduced them.
/// Code blocks in the sections from which a separate code-examples part would only gather
/// leftovers.
const SHOWN_CODE_ENOUGH: usize = 2;

/// The caption over a code example: the paragraph that led into it, ending in a full stop,
/// then the paragraph after it that says what it does. A lead-in that promises what follows
/// ("…execute queries such as:") keeps its colon and stands alone right before its code: with
/// a full stop it would end on "such as.", and a comment on the result cannot come before the
/// code it describes.
fn example_caption(lead_in: Option<&str>, comment: Option<String>) -> Option<String> {
    let lead_in = lead_in.map(|l| format!("{}.", l.trim_end().trim_end_matches(':')));
    match (lead_in, comment) {
        (Some(l), _) if quality::ends_before_its_continuation(&l) => {
            Some(format!("{}:", l.trim_end_matches('.')))
        }
        (Some(l), Some(c)) => Some(format!("{l} {c}")),
        (Some(l), None) => Some(l),
        (None, comment) => comment,
    }
}

fn code_examples(state: &mut GenState, env: &StageEnv) -> usize {
    let params = state.params();
    // Sections that already show their code beside what explains it need no part that
    // gathers other code away from its explanation.
    let shown = state
        .article
        .sections
        .iter()
        .flat_map(|s| blocks::split(&s.body))
        .filter(blocks::Block::is_code)
        .count();
    if shown >= SHOWN_CODE_ENOUGH {
        return 0;
    }
    let sources_before = state.article.sources.clone();
    let mut seen = used_units(state);
    let mut drawn = 0;
    for i in 0..state.passages.len() {
        if state.article.code_examples.len() >= params.code_examples {
            break;
        }
        if !passage_on_topic(state, &state.passages[i]) {
            continue;
        }
        let units = blocks::split(&state.passages[i].text);
        for (k, block) in units.iter().enumerate() {
            let Kind::Code { language } = &block.kind else {
                continue;
            };
            if state.article.code_examples.len() >= params.code_examples
                || block.text.lines().count() > MAX_CODE_LINES
                || block.is_fragment()
                || !seen.insert(unit_key(&block.text))
            {
                continue;
            }
            let lead_in = k
                .checked_sub(1)
                .and_then(|b| units.get(b))
                .filter(|b| {
                    b.kind == Kind::Prose && b.text.ends_with(':') && !leans_on_context(&b.text)
                })
                .and_then(|b| unsaid(&b.text, &seen));
            // The paragraph right after the code usually says what it does.
            let titles = document_titles(state);
            let comment = units
                .get(k + 1)
                .filter(|b| b.kind == Kind::Prose)
                .and_then(|b| clean_paragraph(&b.text, &titles))
                .filter(|t| {
                    !t.ends_with(':')
                        && crate::text::word_count(t) <= FAQ_ANSWER_WORDS
                        && !already_used(&seen, t)
                });
            // Code its page says nothing about around it would stand unexplained (a caption
            // naming where it came from is scaffolding, not an explanation).
            let Some(text) = example_caption(lead_in.as_deref(), comment) else {
                continue;
            };
            // A lead-in that was only a connective ("For example:") reads as a broken
            // sentence once it ends in a full stop: the caption stops before it.
            let Some(text) = clean_paragraph(&text, &titles).and_then(|t| unsaid(&t, &seen)) else {
                continue;
            };
            let said = blocks::Block {
                kind: Kind::Prose,
                text: text.clone(),
            };
            seen.extend(piece_keys(&said));
            seen.insert(unit_key(&text));
            // Written as prose is: bare addresses as links, placeholders escaped.
            let caption = blocks::Block {
                kind: Kind::Prose,
                text,
            }
            .markdown();
            let language = Some(language.clone().unwrap_or_else(|| "text".into()));
            let code = block.code_text();
            let citation = state.cite(i);
            state.article.code_examples.push(CodeExample {
                language,
                code,
                caption,
                citation,
            });
            drawn += 1;
        }
    }
    // Code with too little said about it cannot make a part of its own: the sections show
    // their code where it belongs.
    // Counted as the report counts a section (its prose, and its code towards the minimum),
    // against the same floor as any other section.
    let part: Vec<String> = state
        .article
        .code_examples
        .iter()
        .map(|e| {
            let language = e.language.as_deref().unwrap_or("text");
            format!("{}\n\n```{language}\n{}\n```", e.caption, e.code)
        })
        .collect();
    let (said, code_words) = fragment_words(&part.join("\n\n"));
    let floor = env
        .tone
        .section_words
        .section
        .0
        .max(accepted_words(params.section_words).0);
    if said < env.tone.section_words.section.0 || said + code_words < floor {
        state.article.code_examples.clear();
        state.article.sources = sources_before;
        return 0;
    }
    // Judged as the report will judge the finished article: code whose captions never name
    // the topic is another page's example.
    let body = env
        .templates
        .render(&template_name(state), &state.article, &state.spec.vars)
        .unwrap_or_default();
    let sections: HashSet<String> = state
        .article
        .sections
        .iter()
        .map(|s| plain_heading(&s.heading))
        .collect();
    let examples_off_topic = quality::off_topic_headings(&body, &state.spec.topic)
        .iter()
        .any(|h| !sections.contains(&plain_heading(h)));
    if examples_off_topic {
        state.article.code_examples.clear();
        state.article.sources = sources_before;
        return 0;
    }
    drawn
}

fn article_text(article: &Article) -> String {
    let mut text = vec![strip_footnote_refs(&article.introduction.body)];
    for s in &article.sections {
        text.push(s.heading.clone());
        text.push(strip_footnote_refs(&s.body));
    }
    for f in &article.faq {
        text.push(f.question.clone());
        text.push(strip_footnote_refs(&f.answer));
    }
    // Not the conclusion: it recaps the headings above and names other pages ("Arc —
    // arc-mutex/arc.html"), whose words are not what the article is about.
    text.join("\n\n")
}

fn keywords(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let mut text = article_text(&state.article);
    if text.trim().is_empty() {
        text = state
            .passages
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n\n");
    }
    let mut terms = content_words(&text);
    terms.sort();
    terms.dedup();
    let stats = env.knowledge.corpus_stats(&terms)?;
    state.article.keywords = score_keywords(&text, &stats, 8)
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    Ok(state.passages.len())
}

fn seo(state: &mut GenState) -> usize {
    let topic = state.spec.topic.trim();
    let cased = corpus_casing(topic, &state.passages);
    let article = &mut state.article;
    article.title = super::seo::title_case(&cased);
    article.seo_title = super::seo::seo_title(&article.title);
    let lead = if article.introduction.body.is_empty() {
        &article.conclusion.body
    } else {
        &article.introduction.body
    };
    // The lead's first sentence that fits; a lead of long sentences only gives way to the
    // first one of the body that does, rather than to a sentence cut short.
    let text: Vec<&str> = std::iter::once(lead.as_str())
        .chain(article.sections.iter().map(|s| s.body.as_str()))
        .collect();
    article.description = super::seo::description(&text.join("\n\n"));
    article.tags = article.keywords.iter().take(5).cloned().collect();
    let base = super::seo::slugify(&article.title);
    let (layout, format) = (layout_of(state), output_format(&state.spec.format));
    let out_dir = std::path::Path::new(&state.spec.out_dir);
    let this_topic = topic.to_string();
    // A slug is taken by an article on another topic; the same topic again keeps its slug
    // (and the write stage refuses to overwrite it without --force). With no folder (an
    // article for standard output) there is nothing to collide with.
    let has_folder = !state.spec.out_dir.is_empty();
    state.article.slug = super::seo::unique_slug(&base, |slug| {
        has_folder
            && output::exists(out_dir, slug, layout, format)
            && output::topic_of(out_dir, slug, layout).as_deref() != Some(this_topic.as_str())
    });
    0
}

/// The topic with each lower-case word in the casing the passages use most for it when that
/// casing is deliberate ("wireguard vpn" → "WireGuard VPN"); a capital only at the start of a
/// sentence says nothing, so such forms do not count.
fn corpus_casing(topic: &str, passages: &[Passage]) -> String {
    let mut forms: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    let wanted: HashSet<String> = topic
        .split_whitespace()
        .filter(|w| w.chars().all(|c| !c.is_uppercase()))
        .map(str::to_lowercase)
        .collect();
    // Words of prose only: code writes its keywords its own way (`DROP ROUTINE`), which would
    // title "routine vacuuming" "ROUTINE Vacuuming".
    let prose: Vec<String> = passages
        .iter()
        .flat_map(|p| blocks::split(&p.text))
        .filter(|b| matches!(b.kind, Kind::Prose | Kind::List { .. }))
        .map(|b| b.text.split('`').step_by(2).collect::<Vec<_>>().join(" "))
        .collect();
    for text in &prose {
        let mut sentence_start = true;
        for raw in text.split_whitespace() {
            let word = raw.trim_matches(|c: char| !c.is_alphanumeric());
            let lower = word.to_lowercase();
            if wanted.contains(&lower) && !sentence_start {
                *forms
                    .entry(lower)
                    .or_default()
                    .entry(word.to_string())
                    .or_default() += 1;
            }
            sentence_start = raw.ends_with(['.', '!', '?', ':']);
        }
    }
    topic
        .split_whitespace()
        .map(|w| {
            let best = forms.get(&w.to_lowercase()).and_then(|f| {
                f.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                    .map(|(form, _)| form.clone())
            });
            match best {
                Some(form)
                    if wanted.contains(&w.to_lowercase())
                        && form.chars().skip(1).any(char::is_uppercase) =>
                {
                    form
                }
                _ => w.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn layout_of(state: &GenState) -> Layout {
    match state.spec.layout.as_deref() {
        Some("flat") => Layout::Flat,
        Some(_) => Layout::Blog,
        None => state.workflow.as_ref().map_or(Layout::Blog, |w| w.layout),
    }
}

fn output_format(format: &str) -> output::Format {
    match format {
        "html" => output::Format::Html,
        "json" => output::Format::Json,
        _ => output::Format::Md,
    }
}

fn frontmatter(state: &mut GenState) -> usize {
    let spec = &state.spec;
    let article = &mut state.article;
    article.date = spec.date.clone().unwrap_or_else(today);
    article.author = spec
        .vars
        .get("author")
        .cloned()
        .unwrap_or_else(|| "cgen".into());
    // Generated text is a draft until a person has read it.
    article.draft = spec.vars.get("draft").is_none_or(|v| v != "false");
    0
}

/// Today's date in UTC, YYYY-MM-DD.
fn today() -> String {
    humantime::format_rfc3339(std::time::SystemTime::now()).to_string()[..10].to_string()
}

fn assemble(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    state.body = env
        .templates
        .render(&template_name(state), &state.article, &state.spec.vars)
        .map_err(|e| StageError::Invalid(e.to_string()))?;
    state.document = match output_format(&state.spec.format) {
        output::Format::Md => output::render_markdown(&state.article, &state.body),
        output::Format::Html => output::render_html(&state.article, &state.body),
        output::Format::Json => {
            serde_json::to_string_pretty(&output::render_json(&state.article, &state.body))
                .map_err(|e| StageError::Output(e.to_string()))?
        }
    };
    Ok(0)
}

fn quality(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    let markdown = output::render_markdown(&state.article, &state.body);
    let resolve = |hash: &str| env.knowledge.chunk_exists(hash);
    let opts = QualityOptions {
        tone: env.tone,
        keywords: &state.article.keywords,
        resolve_chunk: &resolve,
        topic: Some(&state.spec.topic),
        workflow: state.workflow.as_ref(),
    };
    let report = quality::report(&markdown, &opts);
    let failed: Vec<String> = report
        .checks
        .iter()
        .filter(|c| !c.passed)
        .map(|c| format!("{}: {}", c.name, c.detail))
        .collect();
    state.quality = Some(report);
    if state.spec.strict && !failed.is_empty() {
        return Err(StageError::QualityFailed(failed.join("; ")));
    }
    Ok(0)
}

fn write(state: &mut GenState, env: &StageEnv) -> Result<usize, StageError> {
    // For standard output the article stays in the state, checkpointed with the job, for
    // `jobs.output` to hand over: no file is written, so no folder is checked.
    if state.spec.stdout {
        return Ok(0);
    }
    let out_dir = std::path::Path::new(&state.spec.out_dir);
    // Again at the write: a link planted since the submit must not carry it elsewhere.
    env.output.check(out_dir).map_err(StageError::Output)?;
    let manifest = manifest(state);
    let req = output::WriteRequest {
        out_dir,
        slug: &state.article.slug,
        layout: layout_of(state),
        format: output_format(&state.spec.format),
        content: &state.document,
        manifest: &manifest,
        force: state.spec.force,
    };
    let written = output::write(req).map_err(|e| StageError::Output(e.to_string()))?;
    state.output = Some(OutputInfo {
        path: written.path.display().to_string(),
        manifest: written.manifest_path.display().to_string(),
        backup: written.backup.map(|b| b.display().to_string()),
    });
    Ok(0)
}

/// The manifest written beside the article: how it was made and from what.
fn manifest(state: &GenState) -> serde_json::Value {
    use sha2::Digest;
    let config = serde_json::json!({ "spec": state.spec, "workflow": state.workflow });
    let config_hash = hex::encode(sha2::Sha256::digest(config.to_string().as_bytes()));
    serde_json::json!({
        "generator": concat!("cgen/", env!("CARGO_PKG_VERSION")),
        "job": state.job_id,
        "topic": state.spec.topic,
        "workflow": state.workflow.as_ref().map(|w| w.name.clone()),
        "slug": state.article.slug,
        "stages": state.completed,
        "sources": state.article.sources,
        "retrieval": state.ranking,
        "provider": match (&state.model.provider, state.model.offline_fallback) {
            (None, false) => "offline".to_string(),
            (None, true) => "offline (fallback: every provider was unavailable)".to_string(),
            (Some(p), false) => p.clone(),
            (Some(p), true) => format!("{p}, offline for some parts (fallback)"),
        },
        "model": state.model.model,
        "tokens": {
            "input": state.model.input_tokens,
            "output": state.model.output_tokens,
            "discarded": state.model.discarded_tokens,
            "estimated": state.model.estimated,
        },
        "parts": state.model.parts,
        "cost": state.model.cost,
        "quality": state.quality.as_ref().map(|q| q.passed),
        "config_hash": config_hash,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(text: &str) -> Passage {
        Passage::of_text(text, 1.0)
    }

    #[test]
    fn further_reading_names_a_manual_pages_sections_but_not_the_page_itself() {
        let page = Some("git-pull(1)");
        assert_eq!(reading_entry("SYNOPSIS", page), None);
        assert_eq!(reading_entry("DESCRIPTION", page), None);
        assert_eq!(reading_entry("SEE ALSO", page), None);
        assert_eq!(reading_entry("Organization of this document", None), None);
        // A chapter's own number is its name, not a pointer.
        assert_eq!(
            reading_entry("Chapter 1. Repositories and Branches", None).as_deref(),
            Some("Chapter 1. Repositories and Branches")
        );
        assert_eq!(
            reading_entry("OPTIONS", page).as_deref(),
            Some("Options of git-pull")
        );
        assert_eq!(
            reading_entry("5.1.3. Merge strategies", page).as_deref(),
            Some("Merge strategies")
        );
        assert_eq!(
            reading_entry("RECOVERING FROM UPSTREAM REBASE", page).as_deref(),
            Some("Recovering from upstream rebase")
        );
    }

    #[test]
    fn a_lead_in_that_promises_its_code_keeps_its_colon_and_stands_alone() {
        let comment = || Some("The age column counts transactions.".to_owned());
        assert_eq!(
            example_caption(Some("Run queries such as:"), comment()).as_deref(),
            Some("Run queries such as:")
        );
        assert_eq!(
            example_caption(Some("The threshold is defined as:"), None).as_deref(),
            Some("The threshold is defined as:")
        );
        assert_eq!(
            example_caption(Some("Create the table first:"), comment()).as_deref(),
            Some("Create the table first. The age column counts transactions.")
        );
        assert_eq!(example_caption(None, comment()), comment());
        assert_eq!(example_caption(None, None), None);
    }

    #[test]
    fn further_reading_by_text_alone_stays_within_the_parts_of_a_book_it_cites() {
        let cited: HashSet<&str> = ["scope/borrow.html", "flow.html"].into();
        // The chapter a cited page is nested in, and a chapter beside it.
        assert!(in_a_cited_part("scope.html", &cited));
        assert!(in_a_cited_part("scope/move.html", &cited));
        // Another part of the book, and a page beside one at the top.
        assert!(!in_a_cited_part(
            "generics/phantom/testcase_units.html",
            &cited
        ));
        assert!(!in_a_cited_part("hello.html", &cited));
    }

    #[test]
    fn a_subsection_repeating_a_heading_goes_with_its_text() {
        let section = |heading: &str, body: &str, citations: Vec<usize>| Section {
            heading: heading.into(),
            body: body.into(),
            citations,
        };
        let sub = blocks::SUBHEADING;
        let mut sections = vec![
            section("Event: 'upgrade'", "A client asks to upgrade.[^1]", vec![1]),
            section(
                "Event: 'connect'",
                &format!(
                    "A proxy connects.[^2]\n\n{sub}Event: `'upgrade'`\n\nThe server \
                     upgrades.[^3]\n\n```js\n{sub}not a heading in code\n```\n\n\
                     {sub}Example\n\nAn example.[^2]\n\n{sub}Event: 'close'\n\nIt \
                     closes.[^2]\n\n{sub}Example\n\nAnother.[^2]"
                ),
                vec![2, 3],
            ),
        ];
        assert!(drop_repeated_entries(&mut sections));
        assert_eq!(
            sections[1].body,
            format!(
                "A proxy connects.[^2]\n\n{sub}Example\n\nAn example.[^2]\n\n\
                 {sub}Event: 'close'\n\nIt closes.[^2]\n\n{sub}Example\n\nAnother.[^2]"
            )
        );
        assert_eq!(sections[1].citations, [2]);
        assert!(!drop_repeated_entries(&mut sections));
    }

    #[test]
    fn a_paragraph_or_list_cut_between_two_chunks_is_joined_and_whole_blocks_are_not() {
        let cut = "### TLS Upgrade\n\n`loop.start_tls(transport, protocol, sslcontext, *,";
        assert!(splits_paragraph(
            cut,
            "server_side=False)`: Upgrade a connection."
        ));
        // A paragraph that ended, a list, code and a heading after it stand apart.
        assert!(!splits_paragraph("It upgrades.", "Then it returns."));
        assert!(!splits_paragraph("- one item", "more words"));
        assert!(!splits_paragraph(
            "1. have an idea\n2. submit",
            "where point 2. is"
        ));
        assert!(!splits_paragraph("Run:\n\n```sh\nls", "more words"));
        assert!(!splits_paragraph("Text without an end", "### Next section"));
        assert!(!splits_paragraph("Text without an end", "```sh\nls\n```"));
        assert!(!splits_paragraph(
            "Default: \"svn\"",
            "`--follow-parent`: Follow."
        ));
        // A list cut between chunks, at an inner list's item, is one list.
        assert!(splits_list(
            "- values:\n  - a `bool`",
            "    - slice metadata"
        ));
        assert!(splits_list("1. one\n2. two", "3. three"));
        assert!(!splits_list("Some text.", "- an item"));
        assert!(!splits_list("- an item", "Some text."));
        // A sentence that ends inside a quote or before its footnote mark has ended.
        assert!(!splits_paragraph(
            "The default is \"auto.\"",
            "npm install runs it."
        ));
        assert!(!splits_paragraph(
            "It ends here.[^3]",
            "cargo build runs it."
        ));
    }

    #[test]
    fn a_subsections_lifted_opening_moves_to_the_passage_it_opens() {
        let mut text = "Returns a server.\n\n### TLS Upgrade\n\n`loop.start_tls()`: Upgrade \
                        a c"
        .to_owned();
        let methods = ["Event Loop".to_owned(), "Methods".to_owned()];
        let tls = [
            methods[0].clone(),
            methods[1].clone(),
            "TLS Upgrade".to_owned(),
        ];
        assert_eq!(
            take_lifted(&mut text, &methods, &tls).as_deref(),
            Some("`loop.start_tls()`: Upgrade a c")
        );
        assert_eq!(text, "Returns a server.");
        assert_eq!(take_lifted(&mut text, &methods, &tls), None);
        // A heading lifted with the one below it takes that one along.
        let mut text = "### X\n\nX text.\n\n### C\n\n### D\n\nDee opening.".to_owned();
        let c = [methods[0].clone(), methods[1].clone(), "C".to_owned()];
        assert_eq!(
            take_lifted(&mut text, &methods, &c).as_deref(),
            Some("### D\n\nDee opening.")
        );
        assert_eq!(text, "### X\n\nX text.");
        // The chunk after it repeats its end and finishes the word it was cut in.
        let (rest, mid_word) = without_overlap(
            "`loop.start_tls()`: Upgrade a c",
            "start_tls()`: Upgrade a connection to TLS.",
        );
        assert_eq!((rest, mid_word), ("onnection to TLS.", true));
    }

    #[test]
    fn a_heading_lifted_into_the_chunk_before_is_not_added_again() {
        let text = "### 5.4.3. Module spec\n\nThe spec carries the loader.\n\n\
                    ### 5.4.4. Import-related module attributes\n\n`__name__`: the name.";
        assert!(holds_lifted(
            text,
            "5.4.4. Import-related module attributes"
        ));
        assert!(!holds_lifted(text, "5.4.5. module.__path__"));
        assert!(!holds_lifted("The spec carries the loader.", "Module spec"));
    }

    #[test]
    fn a_pages_contents_and_see_also_point_elsewhere() {
        let under = |heading: &str| Passage {
            heading_path: vec!["Event Loop".into(), heading.into()],
            ..passage("The Event Loop Methods section is the reference of the loop's methods.")
        };
        assert!(points_elsewhere(&under("Contents")));
        assert!(points_elsewhere(&under("See also:")));
        assert!(points_elsewhere(&under("On this page")));
        assert!(!points_elsewhere(&under("Running and stopping the loop")));
    }

    #[test]
    fn a_sources_conclusion_or_faq_is_no_body_section() {
        let under = |heading: &str| Passage {
            heading_path: vec!["Atomic Commit".into(), heading.into()],
            ..passage("The developers are committed to fixing these bugs as they are found.")
        };
        assert_eq!(
            section_heading(&under("9. Future Directions And Conclusion")),
            None
        );
        assert_eq!(section_heading(&under("Frequently asked questions")), None);
        assert_eq!(
            section_heading(&under("Hardware Assumptions")).as_deref(),
            Some("Hardware Assumptions")
        );
    }

    /// A passage of the page `source` titled `title`, document `id`.
    fn page(id: i64, source: &str, title: &str, text: &str) -> Passage {
        Passage {
            document_id: id,
            source: source.into(),
            title: Some(title.into()),
            heading_path: vec![title.into()],
            ..passage(text)
        }
    }

    /// A state for `topic` whose retrieval found `passages`.
    fn state_on(topic: &str, passages: Vec<Passage>) -> GenState {
        let mut state = GenState::default();
        state.spec.topic = topic.into();
        state.passages = passages;
        state
    }

    #[test]
    fn the_sections_of_a_topics_subjects_take_turns_and_share_no_heading() {
        let section = |id: i64, source: &str, title: &str, heading: &str| Passage {
            heading_path: vec![title.into(), heading.into()],
            ..page(
                id,
                source,
                title,
                "Ownership and borrowing text of the page.",
            )
        };
        let mut state = state_on(
            "ownership and borrowing",
            vec![
                section(1, "scope/move.html", "Ownership and moves", "Moves"),
                section(2, "scope/move/mut.html", "Mutability", "Mutability"),
                section(
                    3,
                    "scope/move/partial.html",
                    "Partial moves",
                    "Partial moves",
                ),
                section(4, "scope/borrow.html", "Borrowing", "Borrows"),
                section(5, "scope/borrow/mut.html", "Mutability", "Mutability"),
                section(6, "scope/raii.html", "Resources", "Resources"),
            ],
        );
        state.own_page = Some(1);
        state.chapter = vec![2, 3, 4, 5];
        state.subjects = vec![vec![1, 2, 3], vec![4, 5]];
        offline_outline(&mut state, &Params::default());
        let headings: Vec<&str> = state.outline.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings,
            [
                "Moves",
                "Mutability",
                "Partial moves",
                "Borrows",
                "Mutability (Borrowing)",
                "Resources"
            ]
        );
        let order: Vec<usize> = (0..state.outline.len()).collect();
        let turns = subjects_in_turn(&state, &state.outline, order);
        let tried: Vec<&str> = turns
            .iter()
            .map(|&i| state.outline[i].heading.as_str())
            .collect();
        assert_eq!(
            tried,
            [
                "Moves",
                "Borrows",
                "Mutability",
                "Mutability (Borrowing)",
                "Partial moves",
                "Resources"
            ]
        );
    }

    #[test]
    fn items_take_turns_by_group_and_the_ungrouped_follow() {
        // Group by tens; 99 and 5x belong to no group of the two.
        let group = |n: &u32| Some((n / 10) as usize).filter(|&g| g != 9);
        let turns = in_turns(vec![1, 2, 3, 11, 99, 12, 51], 2, group);
        assert_eq!(turns, [1, 11, 2, 12, 3, 99, 51]);
        assert!(in_turns(Vec::<u32>::new(), 2, group).is_empty());
    }

    #[test]
    fn pages_linked_in_reading_order_are_placed_along_it_beyond_one_walk() {
        // 3 before 2 before 1, the walk from 3 not reaching 1; 9 is linked to nothing.
        let places = reading_places(&[1, 2, 3, 9], &[(3, 2), (2, 1)]);
        assert_eq!(places, BTreeMap::from([(3, 0), (2, 1), (1, 2)]));
        // A cycle ends in the pages' own order.
        let places = reading_places(&[5, 6], &[(5, 6), (6, 5)]);
        assert_eq!(places, BTreeMap::from([(5, 0), (6, 1)]));
    }

    #[test]
    fn other_pages_sections_follow_the_sites_reading_order_after_the_own_pages() {
        let section = |id: i64, source: &str, title: &str| Passage {
            heading_path: vec![title.into(), format!("About {title}")],
            ..page(
                id,
                source,
                title,
                "Unsafe code text about the subject of the page.",
            )
        };
        let mut state = state_on(
            "unsafe code",
            vec![
                section(1, "what-unsafe-does.html", "What Unsafe Can Do"),
                section(2, "working-with-unsafe.html", "Working with Unsafe"),
                section(
                    3,
                    "safe-unsafe-meaning.html",
                    "How Safe and Unsafe Interact",
                ),
                section(4, "meet-safe-and-unsafe.html", "Meet Safe and Unsafe"),
                section(5, "unlinked.html", "Unsafe elsewhere"),
            ],
        );
        state.own_page = Some(1);
        // The book reads 4, 3, 1, 2; the own page leads all the same.
        state.site_order = BTreeMap::from([(4, 0), (3, 1), (1, 2), (2, 3)]);
        offline_outline(&mut state, &Params::default());
        let headings: Vec<&str> = state.outline.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(
            headings,
            [
                "About What Unsafe Can Do",
                "About Meet Safe and Unsafe",
                "About How Safe and Unsafe Interact",
                "About Working with Unsafe",
                "About Unsafe elsewhere",
            ]
        );
    }

    #[test]
    fn the_own_pages_passages_follow_where_they_start_not_their_best_chunk() {
        // A long first section cut into passages keeps its best chunk's identity (a late
        // subsection's), yet starts before the passages cut after it.
        let part = |chunk_id: i64, starts_in: i64, heading: &str| Passage {
            chunk_id,
            starts_in,
            heading_path: vec!["Event Loop".into(), heading.into()],
            ..page(1, "loop.html", "Event Loop", "Text.")
        };
        let mut state = state_on(
            "event loop",
            vec![
                part(9428, 9428, "Preface"),
                part(9485, 9434, "Event Loop Methods"),
                part(9442, 9442, "Scheduling delayed callbacks"),
            ],
        );
        state.own_page = Some(1);
        assert_eq!(own_after(&state, 0, 2), [1, 2]);
    }

    #[test]
    fn a_nested_chapter_of_a_page_on_the_topic_is_about_it_though_it_rarely_names_it() {
        let rarely = format!(
            "{} The method is the heart of a ledger audit.",
            "The reviewer picks lines at random and traces each to its voucher. ".repeat(40)
        );
        let mut state = state_on(
            "ledger audits",
            vec![
                page(
                    1,
                    "guide/checks.md",
                    "Ledger audits",
                    "A ledger audit checks.",
                ),
                page(2, "guide/checks/sampling.md", "Sampling", &rarely),
                page(3, "guide/sampling.md", "Sampling", &rarely),
                page(
                    4,
                    "https://x.org/a/checks/sampling.html",
                    "Sampling",
                    &rarely,
                ),
            ],
        );
        state.own_page = Some(1);
        let [_, nested, beside, elsewhere] = &state.passages[..] else {
            unreachable!()
        };
        assert!(below_own_page(&state, nested));
        assert!(passage_on_topic(&state, nested));
        assert!(!below_own_page(&state, beside) && !passage_on_topic(&state, beside));
        assert!(!below_own_page(&state, elsewhere));
        let entry = |i: usize| OutlineSection {
            heading: "Sampling".into(),
            passages: vec![i],
            planned: false,
        };
        assert_eq!(topic_tie(&state, &entry(0)), TopicTie::Named);
        assert_eq!(topic_tie(&state, &entry(1)), TopicTie::BelowTopicPage);
        assert_eq!(topic_tie(&state, &entry(2)), TopicTie::None);
    }

    #[test]
    fn a_broader_pages_section_is_the_topics_only_where_it_names_the_head() {
        let mut state = state_on(
            "smart pointers with Box",
            vec![
                page(1, "ch15-01-box.html", "Using Box<T> on the Heap", "Boxes."),
                page(
                    2,
                    "ch15-00-smart-pointers.html",
                    "Smart Pointers",
                    "Pointers.",
                ),
            ],
        );
        state.own_page = Some(1);
        let entry = |heading: &str| OutlineSection {
            heading: heading.into(),
            passages: vec![1],
            planned: false,
        };
        assert_eq!(
            topic_tie(&state, &entry("Reference counting")),
            TopicTie::None
        );
        // "Boxes" names one of three terms, the head: named by it, not by half of them.
        assert!(!quality::page_names_topic("Boxes", &state.spec.topic));
        assert_eq!(topic_tie(&state, &entry("Boxes")), TopicTie::Named);
    }

    #[test]
    fn a_glossarys_entries_make_no_section_unless_the_topic_is_the_glossary() {
        let mut state = state_on(
            "restic backups",
            vec![
                page(
                    1,
                    "glossary-and-faq.md",
                    "Glossary and FAQ",
                    "Prune: deleting data.",
                ),
                page(
                    2,
                    "backups-with-restic.md",
                    "Backups with restic",
                    "Restic.",
                ),
            ],
        );
        let entry = |passages: Vec<usize>| OutlineSection {
            heading: "Backups".into(),
            passages,
            planned: false,
        };
        assert!(from_entry_collection(&state, &entry(vec![0])));
        assert!(!from_entry_collection(&state, &entry(vec![0, 1])));
        state.spec.topic = "git glossary".into();
        assert!(!from_entry_collection(&state, &entry(vec![0])));
    }

    #[test]
    fn a_long_summary_list_keeps_its_leading_points() {
        let point =
            |n: usize| format!("- Point {n} says one thing about the subject in ten words.");
        let body = format!("{}\n{}\n{}[^2]", point(1), point(2), point(3));
        assert_eq!(
            leading_points(&body, 25),
            format!("{}\n{}[^2]", point(1), point(2))
        );
        assert_eq!(leading_points(&body, 100), body);
        assert_eq!(leading_points("Prose stays.[^1]", 1), "Prose stays.[^1]");
    }

    #[test]
    fn a_chunk_loses_the_overlap_it_repeats_from_the_one_before() {
        let before = "A left join adds a row. This is the converse of a right join.";
        let text = "This is the converse of a right join.\n\nA full join does both.";
        assert_eq!(without_overlap(before, text).0, "A full join does both.");
        // A chunk starting on a few words that happen to end the one before keeps them.
        assert_eq!(
            without_overlap("It is a join.", "a join. Then").0,
            "a join. Then"
        );
        assert_eq!(
            without_overlap(before, "Unrelated text.").0,
            "Unrelated text."
        );
    }

    #[test]
    fn headings_that_start_below_the_title_go_under_it() {
        let with = |title: &str, path: &[&str]| {
            let mut p = passage("Text.");
            p.title = Some(title.into());
            p.heading_path = path.iter().map(|h| h.to_string()).collect();
            under_title(&mut p);
            p.heading_path
        };
        assert_eq!(
            with("SQLite Autoincrement", &["1. Summary"]),
            ["SQLite Autoincrement", "1. Summary"]
        );
        // Headed by its title (in another form), or a manual page's own section: as it is.
        assert_eq!(
            with(
                "5. Data Structures",
                &["5. Data Structures", "5.1. More on Lists"]
            ),
            ["5. Data Structures", "5.1. More on Lists"]
        );
        assert_eq!(
            with("Event Loop", &["asyncio Event Loop"]),
            ["asyncio Event Loop"]
        );
        assert_eq!(with("git-bisect(1)", &["DESCRIPTION"]), ["DESCRIPTION"]);
        // Sharing the topic's word is not being the title.
        assert_eq!(
            with("SQLite Autoincrement", &["3. The AUTOINCREMENT Keyword"]),
            ["SQLite Autoincrement", "3. The AUTOINCREMENT Keyword"]
        );
    }

    #[test]
    fn source_headings_become_article_headings() {
        assert_eq!(as_heading("macro_rules!"), "`macro_rules!`");
        assert_eq!(as_heading("Try it now!"), "Try it now");
        assert_eq!(as_heading("See the options:"), "See the options");
        assert_eq!(as_heading("What is a snapshot?"), "What is a snapshot?");
        assert_eq!(
            as_heading("5.1.3. List Comprehensions"),
            "List Comprehensions"
        );
        assert_eq!(
            as_heading("10.1 Operating System Interface"),
            "Operating System Interface"
        );
        assert_eq!(as_heading("2038 problem"), "2038 problem");
        assert_eq!(as_heading("F.23.4. Example"), "Example");
        assert_eq!(as_heading("e.g. this"), "e.g. this");
        assert_eq!(as_heading("Python 3.11 changes"), "Python 3.11 changes");
        // A manual page's headings in capitals, in sentence case; acronyms stay.
        assert_eq!(as_heading("INCOMPATIBLE OPTIONS"), "Incompatible options");
        assert_eq!(as_heading("SSH AND THE FIREWALL"), "SSH and the firewall");
        assert_eq!(as_heading("API"), "API");
        assert_eq!(as_heading("REFS"), "Refs");
        assert_eq!(as_heading("`FOO_BAR`"), "`FOO_BAR`");
        assert_eq!(as_heading("ÉTAT GÉNÉRAL"), "État général");
        assert_eq!(as_heading(""), "");
    }

    #[test]
    fn manual_page_sections_are_named_after_their_page() {
        let page = Some("git-worktree(1)");
        assert_eq!(
            of_page("OPTIONS", page).as_deref(),
            Some("Options of git-worktree")
        );
        assert_eq!(
            of_page("EXIT STATUS", Some("cargo test")).as_deref(),
            Some("Exit status of cargo test")
        );
        assert_eq!(of_page("DESCRIPTION", None).as_deref(), Some("Description"));
        assert_eq!(of_page("NAME", page), None);
        assert_eq!(of_page("SEE ALSO", page), None);
        // A reference page's section in any case names its page; other headings are kept.
        assert_eq!(
            of_page("Notes", Some("PREPARE TRANSACTION")).as_deref(),
            Some("Notes of PREPARE TRANSACTION")
        );
        assert_eq!(
            of_page("Options", page).as_deref(),
            Some("Options of git-worktree")
        );
        assert_eq!(of_page("SSH", page).as_deref(), Some("SSH"));
        assert_eq!(of_page("Key terms", page).as_deref(), Some("Key terms"));
    }

    #[test]
    fn a_lower_case_heading_takes_a_capital_unless_its_code_names_it() {
        let names = names_in_code(&[passage(
            "Text.\n\n```rust\n// Tuples can be destructured in a match\nmatch pair {\n    \
             (x, y) => x.map(|v| v + y),\n} # done\n```",
        )]);
        assert_eq!(heading_capitalised("tuples", &names), "Tuples");
        assert_eq!(
            heading_capitalised("arrays/slices", &names),
            "Arrays/slices"
        );
        assert_eq!(heading_capitalised("match", &names), "match");
        assert_eq!(
            heading_capitalised("map for Result", &names),
            "map for Result"
        );
        assert_eq!(heading_capitalised("Guards", &names), "Guards");
        assert_eq!(heading_capitalised("iOS builds", &names), "iOS builds");
        // Words in comments are prose.
        assert!(!names.contains("Tuples") && !names.contains("done"));
    }

    #[test]
    fn passages_in_another_language_than_most_are_left_out() {
        let english = [
            "Type aliases let you refer to each enum variant through a shorter name. This is \
             useful when the name of the enum is too long or too generic to read well.",
            "A struct can be destructured in a match arm, and its fields bound to names that \
             the arm's expression uses, or ignored with the double dot.",
        ];
        let spanish = "Si usa un alias de tipo, puedes consultar cada variante de enum a través \
                       de su alias. Esto podría ser útil si el nombre del enum es demasiado largo.";
        let found: Vec<Passage> = english
            .iter()
            .chain([&spanish])
            .chain([&"```rust\nlet x = 1;\n```"])
            .enumerate()
            .map(|(document, t)| Passage {
                document_id: document as i64,
                ..passage(t)
            })
            .collect();
        let mut told = DocumentLanguages::default();
        let languages: Vec<_> = found.iter().map(|p| told.of(p)).collect();
        let language = main_language(&languages);
        assert_eq!(language, Some(whatlang::Lang::Eng));
        let all = in_language(found.clone(), None, &mut told);
        assert_eq!(all.len(), found.len());
        // A later passage of a document already told keeps its document's language.
        let spanish_page = Passage {
            text: english[0].to_owned(),
            ..found[english.len()].clone()
        };
        let mut found = found;
        found.push(spanish_page);
        let kept: Vec<String> = in_language(found, language, &mut told)
            .into_iter()
            .map(|p| p.text)
            .collect();
        assert_eq!(kept.len(), 3);
        assert!(kept.iter().all(|t| !t.starts_with("Si usa")));
    }

    #[test]
    fn titles_take_the_casing_the_corpus_uses() {
        let p = passage(
            "Use a VPN such as WireGuard. A WireGuard tunnel and the VPN port. Wireguard starts \
             a sentence here. Harden ssh and SSH again with SSH keys.",
        );
        assert_eq!(
            corpus_casing("wireguard vpn", std::slice::from_ref(&p)),
            "WireGuard VPN"
        );
        assert_eq!(
            corpus_casing("ssh hardening", std::slice::from_ref(&p)),
            "SSH hardening"
        );
        // A casing the topic gives on purpose stays.
        assert_eq!(corpus_casing("Wireguard", &[p]), "Wireguard");
        // Code writes keywords its own way: they are not the corpus's casing of a word.
        let sql = passage(
            "Routine vacuuming keeps tables lean; routine maintenance matters.\n\n\
             ```sql\nDROP ROUTINE a;\nALTER ROUTINE b;\nDROP ROUTINE c;\n```\n\n\
             Use `DROP ROUTINE` and `ALTER ROUTINE` to remove or change one.",
        );
        assert_eq!(
            corpus_casing("routine vacuuming", &[sql]),
            "routine vacuuming"
        );
    }

    #[test]
    fn question_lines_are_questions_alone() {
        assert!(is_question_line("Should I use Docker or Podman?"));
        assert!(!is_question_line("Is it safe? It depends on the setup."));
        assert!(!is_question_line("why lower case?"));
        assert!(!is_question_line("A statement."));
    }
}
