//! Shared helpers for writing a check's detail lines: counts, quotes, line lists.

use super::*;

/// Builds a check from its problems: passing with `ok_summary` when there are none, failing
/// with a count and at most `MAX_PROBLEMS` problem lines otherwise. `noun` is the singular and
/// plural of what a problem is.
pub(super) fn finish(
    name: &str,
    problems: Vec<String>,
    ok_summary: String,
    noun: (&str, &str),
) -> Check {
    if problems.is_empty() {
        return Check {
            name: name.to_owned(),
            passed: true,
            detail: ok_summary,
        };
    }
    let n = problems.len();
    let mut detail = format!("{n} {}", if n == 1 { noun.0 } else { noun.1 });
    for problem in problems.iter().take(MAX_PROBLEMS) {
        detail.push('\n');
        detail.push_str(problem);
    }
    if n > MAX_PROBLEMS {
        detail.push_str(&format!("\n... and {} more", n - MAX_PROBLEMS));
    }
    Check {
        name: name.to_owned(),
        passed: false,
        detail,
    }
}

pub(super) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Whitespace runs collapsed to single spaces, ends trimmed.
pub(super) fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes control characters: document text ends up on a terminal, and an escape sequence
/// hidden in a Markdown file must not reach it.
pub(super) fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

pub(super) fn clean_short(text: &str) -> String {
    truncate(&clean(text), QUOTE_CHARS)
}

/// Document text as it appears in a detail line: one line, control-free, shortened, quoted.
pub(super) fn quote(text: &str) -> String {
    format!("\"{}\"", truncate(&collapse(&clean(text)), QUOTE_CHARS))
}

/// Like [`quote`] but long enough for a full SHA-256 hex hash, which people copy to search.
pub(super) fn quote_long(text: &str) -> String {
    format!("\"{}\"", truncate(&collapse(&clean(text)), 2 * QUOTE_CHARS))
}

pub(super) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max).collect();
    out.push_str("...");
    out
}

pub(super) fn lines_text(lines: &[usize]) -> String {
    let shown: Vec<String> = lines.iter().take(5).map(usize::to_string).collect();
    let more = if lines.len() > 5 { ", ..." } else { "" };
    let noun = if lines.len() == 1 { "line" } else { "lines" };
    format!("{noun} {}{more}", shown.join(", "))
}

/// A check whose verdict the caller decides (a rate against a limit, say) and that lists its
/// problems either way, at most `MAX_PROBLEMS` of them, under `summary`.
pub(super) fn list_check(
    name: &str,
    passed: bool,
    summary: String,
    problems: Vec<String>,
) -> Check {
    let mut detail = summary;
    for problem in problems.iter().take(MAX_PROBLEMS) {
        detail.push('\n');
        detail.push_str(problem);
    }
    if problems.len() > MAX_PROBLEMS {
        detail.push_str(&format!("\n... and {} more", problems.len() - MAX_PROBLEMS));
    }
    Check {
        name: name.to_owned(),
        passed,
        detail,
    }
}
