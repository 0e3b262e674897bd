//! The quality report: measures a Markdown article against a tone profile and says, check by
//! check, what passes and what a person has to fix. It works on any Markdown file, not only on
//! ours.
//!
//! The original system's quality gate padded text with filler, invented references and forced
//! sections until its own checks passed. This module only reads: it takes `&str`, returns a
//! report, and never produces text for the article. A failing check is the answer, not a cue to
//! rewrite.
//!
//! Everything is measured on the parsed document (pulldown-cmark), so a `#` inside a code block
//! is not a heading and a cliché inside a code sample is not prose.
//!
//! One check family per file: `front` (front matter), `structure` (headings, word targets,
//! fences), `citations`, `repetition` (repeated and near-duplicate paragraphs, repeated
//! sentences), `readability`, `phrases` (keyword density, avoided phrases), `leaks` (markup,
//! JSON or script text, code or terminal output in prose, local paths), `sentences` (broken
//! sentences), `coherence` (dangling openers, absent references), `topic` (off-topic sections)
//! and `promises` (the parts the workflow promises). `doc` is the parsed body they share.
//! Every rule is about a kind of text, never a particular page or site. A figure shown in a
//! detail is rounded once and compared as shown, so a line never fails on a value it prints as
//! equal to its limit.

mod citations;
mod coherence;
pub use coherence::{
    is_lead_in, looks_back, opens_dangling, opens_dangling_under, points_at_code,
    points_at_its_page, points_into_book,
};
mod detail;
mod doc;
pub use doc::names_a_part;
mod front;
mod leaks;
mod phrases;
mod promises;
pub use promises::accepted_words;
mod readability;
mod repetition;
pub use repetition::NEAR_CONTAINED;
mod sentences;
pub use sentences::{SentenceContext, broken_from, ends_before_its_continuation};
mod structure;
#[cfg(test)]
mod tests;
mod topic;
pub use leaks::reads_as_prose;
pub use topic::{
    broader_subject, joins_subjects, names_head, off_topic_headings, page_names_topic,
    page_names_whole_topic, reference_below, reference_path, same_subfolder, sibling_subject,
    subjects,
};

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::generate::tone::{ToneProfile, WordRange};

use crate::generate::workflow::Workflow;

use citations::*;
use coherence::*;
use detail::*;
use doc::*;
use front::*;
use leaks::*;
use phrases::*;
use promises::*;
use readability::*;
use repetition::*;
use sentences::*;
use structure::*;
use topic::*;

/// What the report needs besides the text.
pub struct QualityOptions<'a> {
    pub tone: &'a ToneProfile,
    /// The article's target keywords, checked for stuffing. Empty skips the density check.
    pub keywords: &'a [String],
    /// Whether a chunk hash cited in the front matter `sources` exists in the knowledge base.
    pub resolve_chunk: &'a dyn Fn(&str) -> bool,
    /// What the article is about; `None` uses the front matter title.
    pub topic: Option<&'a str>,
    /// The workflow the article was written with, for the parts it promises; `None` checks
    /// only what every article promises.
    pub workflow: Option<&'a Workflow>,
}

/// One check. `detail`'s first line is a summary; any further lines each name one problem.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Check {
    /// Stable snake_case identifier, e.g. `section_words`; scripts may match on it.
    pub name: String,
    pub passed: bool,
    pub detail: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QualityReport {
    /// True when every check passed.
    pub passed: bool,
    pub checks: Vec<Check>,
    /// Prose words: paragraphs, list items and table cells, not code or headings.
    pub words: usize,
    pub headings: usize,
    /// Flesch–Kincaid grade of the prose, rounded to two decimals and floored at 0; 0 when
    /// there is no prose.
    pub readability_grade: f64,
}

/// Problems listed per check before the rest are summarised as "... and N more": a hostile or
/// badly broken file must not produce a report longer than itself.
const MAX_PROBLEMS: usize = 20;
/// Characters of document text quoted in a detail line.
const QUOTE_CHARS: usize = 60;
/// Paragraphs shorter than this may legitimately repeat ("See the example below.").
const MIN_DUPLICATE_WORDS: usize = 8;
const SEO_TITLE_MAX_CHARS: usize = 60;
const DESCRIPTION_MAX_CHARS: usize = 160;
/// Longest sentences quoted when readability fails.
const LONGEST_SENTENCES_SHOWN: usize = 3;

/// Runs every check on `markdown`. The text is only read.
/// Words of a Markdown fragment's prose and of its code blocks, counted as the report counts
/// a part's (see `accepted_words`).
pub fn fragment_words(markdown: &str) -> (usize, usize) {
    let doc = doc::Doc::parse(markdown, 1);
    doc.parts
        .iter()
        .fold((0, 0), |(w, c), p| (w + p.words, c + p.code_words))
}

pub fn report(markdown: &str, opts: &QualityOptions) -> QualityReport {
    // A byte-order mark would hide the opening `---` of the front matter.
    let markdown = markdown.strip_prefix('\u{feff}').unwrap_or(markdown);
    let front = FrontMatter::split(markdown);
    let doc = Doc::parse(front.body, front.body_line);
    let prose = ProseStats::measure(&doc);
    let fields = front.fields();
    let topic = opts
        .topic
        .map(str::to_owned)
        .or_else(|| {
            fields
                .and_then(|f| f.get("title"))
                .and_then(Value::as_str)
                .map(str::to_owned)
        })
        .unwrap_or_default();

    let checks = vec![
        check_front_matter(&front),
        check_headings(&doc, opts.tone),
        check_section_words(&doc, opts.tone),
        check_citations(&doc, fields, opts.resolve_chunk),
        check_code_fences(&doc),
        check_duplicate_paragraphs(&doc),
        check_readability(&prose, opts.tone),
        check_keyword_density(&doc, &prose, opts),
        check_avoided_phrases(&doc, fields, opts.tone),
        check_markup_leaks(&doc),
        check_code_in_prose(&doc),
        check_local_paths(&doc, fields),
        check_broken_sentences(&doc, fields),
        check_dangling_openers(&doc),
        check_absent_references(&doc),
        check_repeated_sentences(&doc),
        check_off_topic(&doc, &topic),
        check_workflow_parts(&doc, opts.workflow),
    ];
    QualityReport {
        passed: checks.iter().all(|c| c.passed),
        checks,
        words: prose.words,
        headings: doc.headings,
        readability_grade: prose.grade().unwrap_or(0.0),
    }
}

/// A human summary: a headline, then one line per check marked `PASS` or `FAIL`, with each
/// problem indented below its check.
///
/// The marks are ASCII words rather than ✓/✗ so the output reads the same in a pipe, a log
/// file, a CI console or a terminal without Unicode fonts, and so `grep FAIL` works. Colour, if
/// any, is the caller's business (TTY and `NO_COLOR` are CLI concerns).
pub fn render_text(report: &QualityReport) -> String {
    let passed = report.checks.iter().filter(|c| c.passed).count();
    let mut out = format!(
        "quality: {} ({passed} of {} checks passed; {} words, {} headings, grade {:.2})\n",
        mark(report.passed),
        report.checks.len(),
        report.words,
        report.headings,
        report.readability_grade,
    );
    for check in &report.checks {
        let mut lines = check.detail.lines();
        let summary = lines.next().unwrap_or("");
        out.push_str(&format!(
            "{} {}: {summary}\n",
            mark(check.passed),
            check.name
        ));
        for line in lines {
            out.push_str("  - ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn mark(passed: bool) -> &'static str {
    if passed { "PASS" } else { "FAIL" }
}
