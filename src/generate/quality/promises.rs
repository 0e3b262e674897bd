//! What the workflow promised: the parts an article of that workflow must have.
//!
//! The workflow comes from `--workflow`, else from the manifest written beside the article.
//! Without one, an article is held to what every article promises: a body section. With one:
//! a body section when it writes sections, `min_code_blocks` fenced code blocks, and the word
//! targets of its introduction, sections and conclusion within [`LOW`]–[`HIGH`] times the
//! target (the offline writer stops at sentence and paragraph boundaries, so an exact count is
//! not expected, but two fifths of it are).

use crate::generate::stage::Stage;
use crate::generate::workflow::Workflow;

use super::*;

const LOW: f64 = 0.4;
const HIGH: f64 = 2.0;

/// The word counts a part with a workflow target of `target` words may have: the composer
/// leaves out a section below the low end (its code counted), and the report fails one
/// outside the range (code counted towards the low end only: a listing fills a section but
/// does not make its prose too long).
pub fn accepted_words(target: usize) -> (usize, usize) {
    (
        (target as f64 * LOW).ceil() as usize,
        (target as f64 * HIGH).floor() as usize,
    )
}

pub(super) fn check_workflow_parts(doc: &Doc, workflow: Option<&Workflow>) -> Check {
    let mut problems = Vec::new();
    let sections = doc
        .parts
        .iter()
        .filter(|p| p.kind == PartKind::Section)
        .count();
    let wants_sections =
        workflow.is_none_or(|w| w.stages.contains(&Stage::Sections) && w.params.sections > 0);
    if wants_sections && sections == 0 {
        problems
            .push("no body section: the article is an introduction and nothing else".to_owned());
    }
    let Some(workflow) = workflow else {
        return finish(
            "workflow_parts",
            problems,
            format!(
                "{} (no workflow known; pass --workflow to check its targets)",
                count(sections, "body section", "body sections")
            ),
            ("missing part", "missing parts"),
        );
    };
    let params = &workflow.params;
    if doc.fenced_blocks < params.min_code_blocks {
        problems.push(format!(
            "{}, the {} workflow asks for at least {}",
            count(doc.fenced_blocks, "fenced code block", "fenced code blocks"),
            workflow.name,
            params.min_code_blocks
        ));
    }
    for part in &doc.parts {
        let (label, target) = match part.kind {
            PartKind::Introduction => ("introduction".to_owned(), params.intro_words),
            PartKind::Section => (heading_label(part), params.section_words),
            PartKind::Conclusion => (heading_label(part), params.conclusion_words),
            _ => continue,
        };
        if target == 0 {
            continue;
        }
        let (low, high) = accepted_words(target);
        if part.words + part.code_words < low || part.words > high {
            problems.push(format!(
                "{label}: {}, the {} workflow targets {target} ({low}-{high} accepted)",
                count(part.words, "word", "words"),
                workflow.name
            ));
        }
    }
    finish(
        "workflow_parts",
        problems,
        format!(
            "{}, {} and the word targets of the {} workflow",
            count(sections, "body section", "body sections"),
            count(doc.fenced_blocks, "code block", "code blocks"),
            workflow.name
        ),
        ("missing or short part", "missing or short parts"),
    )
}
