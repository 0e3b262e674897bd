//! How commands print: a result through [`Output::emit`] (JSON for scripts, the form its
//! `Render` impl gives for people, ids alone with `-q`), streams as NDJSON or lines as they
//! come, and errors as one `error:` line on stderr with a hint where one helps. A closed
//! stdout (`| head`) ends output quietly instead of panicking.
//!
//! Everything printed for people passes through [`escape_controls`]: titles, snippets, paths
//! and error messages come from web pages and files, and a raw control sequence in them could
//! retitle or clear the terminal, or reorder what it shows. JSON output stays exact.

use std::borrow::Cow;
use std::io::{IsTerminal, Write};

use serde::Serialize;

use super::Failure;
use super::render::{Page, Render};

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
    pub quiet: bool,
}

impl Output {
    pub fn new(json: bool, quiet: bool) -> Self {
        Output { json, quiet }
    }

    /// Prints text to stdout for people, control characters escaped except newlines and tabs
    /// (add the newline yourself).
    pub fn text(&self, text: &str) {
        write_stdout(&escape_controls(text, Layout::Keep));
    }

    pub fn line(&self, line: &str) {
        self.text(&format!("{line}\n"));
    }

    /// One JSON document (pretty on a terminal, compact in a pipe) or one NDJSON line.
    pub fn json<T: Serialize>(&self, value: &T) {
        let text = if std::io::stdout().is_terminal() {
            serde_json::to_string_pretty(value)
        } else {
            serde_json::to_string(value)
        };
        match text {
            Ok(t) => write_stdout(&format!("{t}\n")),
            Err(e) => eprintln!("error: cannot encode output: {e}"),
        }
    }

    pub fn ndjson<T: Serialize>(&self, value: &T) {
        if let Ok(t) = serde_json::to_string(value) {
            write_stdout(&format!("{t}\n"));
        }
    }

    /// Whether people read what is printed (neither `--json` nor `-q`): notes on stderr and
    /// progress bars are for them alone.
    pub fn to_people(&self) -> bool {
        !self.json && !self.quiet
    }

    /// Prints a command's result: one JSON document with `--json`, its ids with `-q`, and
    /// otherwise the form for people. The one place a result is printed.
    pub fn emit<R: Render>(&self, value: &R) {
        if self.json {
            return self.json(value);
        }
        let mut page = Page::default();
        if self.quiet {
            value.quiet(&mut page);
        } else {
            value.human(&mut page);
        }
        write_stdout(&page.into_text());
    }

    /// Prints one item of a stream: an NDJSON line with `--json`, otherwise as [`emit`]
    /// would.
    ///
    /// [`emit`]: Output::emit
    pub fn stream<R: Render>(&self, value: &R) {
        if self.json {
            return self.ndjson(value);
        }
        self.emit(value);
    }
}

fn write_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// An error message often quotes a title, URL or file name, so it is escaped like any output.
pub fn print_failure(f: &Failure) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "error: {}", escape_controls(&f.message, Layout::Keep));
    if let Some(hint) = &f.hint {
        let _ = writeln!(err, "hint: {}", escape_controls(hint, Layout::Keep));
    }
}

/// Whether [`escape_controls`] keeps newlines and tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Kept: multi-line text (a document, an error with details).
    Keep,
    /// Escaped too: a table cell or a progress message must stay on its line.
    Escape,
}

/// Text safe to show on a terminal: C0 controls (`\x1b`, `\r`, ...), DEL, C1 controls
/// (U+0080–U+009F, which some terminals obey like ESC sequences) and the bidirectional
/// controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, which reorder what is shown)
/// become visible escapes: `\x1b`, `\u{202e}`. A backslash is left alone, so ordinary paths and
/// Markdown read as before; the escapes only mark that something was there.
pub fn escape_controls(text: &str, layout: Layout) -> Cow<'_, str> {
    let unsafe_char = |c: char| match c {
        '\n' | '\t' => layout == Layout::Escape,
        _ => c.is_control() || is_bidi_control(c),
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !unsafe_char(c) {
            out.push(c);
        } else if (c as u32) < 0x100 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        }
    }
    Cow::Owned(out)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Human-readable byte counts: `532 B`, `12.4 KiB`, `3.1 MiB`.
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut v = n as f64;
    let mut unit = 0;
    while v >= 1024.0 && unit < UNITS.len() - 1 {
        v /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[unit])
    }
}

/// Shortens text to `max` characters, marking the cut.
pub fn clip(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let cut: String = flat.chars().take(max.saturating_sub(1)).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_and_clipping() {
        assert_eq!(bytes(532), "532 B");
        assert_eq!(bytes(2048), "2.0 KiB");
        assert_eq!(clip("a  b\nc", 10), "a b c");
        assert_eq!(clip("héllo wörld", 6), "héllo…");
    }

    #[test]
    fn control_characters_become_visible() {
        let hostile = "a\x1b]0;pwned\x07\x1b[2J\r\u{9b}31m\x7f\u{202e}txt.exe\u{2066}\tb\nc";
        assert_eq!(
            escape_controls(hostile, Layout::Keep),
            "a\\x1b]0;pwned\\x07\\x1b[2J\\x0d\\x9b31m\\x7f\\u{202e}txt.exe\\u{2066}\tb\nc"
        );
        assert_eq!(escape_controls("a\tb\nc", Layout::Escape), "a\\x09b\\x0ac");
        let plain = "C:\\path — ünïcode ✓ שלום";
        assert!(matches!(escape_controls(plain, Layout::Escape), Cow::Borrowed(p) if p == plain));
    }
}
