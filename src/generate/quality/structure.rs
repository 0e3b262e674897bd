//! Checks on the article's shape: headings, word targets per part and closed code fences.

use super::*;

/// Enough headings, and none a level deeper than the one before it (the title counts as the
/// first level): a subheading in the introduction, or under nothing, is a skipped level, as
/// markdownlint's MD001 says.
pub(super) fn check_headings(doc: &Doc, tone: &ToneProfile) -> Check {
    let count = doc.headings;
    let min = tone.min_headings;
    let mut previous = 1;
    let mut skipped = Vec::new();
    for &(line, level) in &doc.heading_levels {
        if level > previous + 1 {
            skipped.push(format!(
                "line {line}: a level-{level} heading after level {previous}"
            ));
        }
        previous = level;
    }
    let enough = count >= min;
    let mut detail = if enough {
        format!("{count} headings (at least {min} required)")
    } else {
        format!("{count} headings; at least {min} required")
    };
    if !skipped.is_empty() {
        detail = format!("{detail}; levels skipped: {}", skipped.join("; "));
    }
    Check {
        name: "headings".to_owned(),
        passed: enough && skipped.is_empty(),
        detail,
    }
}

pub(super) fn check_section_words(doc: &Doc, tone: &ToneProfile) -> Check {
    let targets = &tone.section_words;
    let mut checked = 0;
    let mut problems = Vec::new();
    for part in &doc.parts {
        let (label, range): (String, WordRange) = match part.kind {
            PartKind::Introduction => ("introduction".to_owned(), targets.introduction),
            PartKind::Section => (heading_label(part), targets.section),
            PartKind::Conclusion => (heading_label(part), targets.conclusion),
            PartKind::FaqAnswer => (
                format!("answer to {}", heading_label(part)),
                targets.faq_answer,
            ),
            PartKind::Faq | PartKind::Exempt => continue,
        };
        checked += 1;
        let (min, max) = range;
        // Code fills a part towards its minimum; only prose can make it too long.
        if part.words + part.code_words < min || part.words > max {
            problems.push(format!(
                "{label}: {}, target {min}-{max}",
                count(part.words, "word", "words")
            ));
        }
    }
    finish(
        "section_words",
        problems,
        format!("{checked} parts within their word targets"),
        (
            "part outside its word target",
            "parts outside their word targets",
        ),
    )
}

pub(super) fn heading_label(part: &Part) -> String {
    format!("{} (line {})", quote(&part.heading), part.line)
}

pub(super) fn check_code_fences(doc: &Doc) -> Check {
    let problems = doc
        .unclosed_fences
        .iter()
        .map(|(line, opener)| {
            format!(
                "the fence {} opened on line {line} is never closed",
                quote(opener)
            )
        })
        .collect();
    let summary = match doc.fenced_blocks {
        0 => "no fenced code blocks".to_owned(),
        n => format!("{n} fenced code blocks, all closed"),
    };
    finish(
        "code_fences",
        problems,
        summary,
        ("unclosed fence", "unclosed fences"),
    )
}
