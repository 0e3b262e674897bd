//! How commands print: JSON for scripts, aligned tables and short lines for people, ids alone
//! with `-q`, and errors as one `error:` line on stderr with a hint where one helps. A closed
//! stdout (`| head`) ends output quietly instead of panicking.

use std::io::{IsTerminal, Write};

use serde::Serialize;

use super::Failure;

#[derive(Debug, Clone, Copy)]
pub struct Output {
    pub json: bool,
    pub quiet: bool,
}

impl Output {
    pub fn new(json: bool, quiet: bool) -> Self {
        Output { json, quiet }
    }

    /// Prints text to stdout as is (add the newline yourself).
    pub fn text(&self, text: &str) {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
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
            Ok(t) => self.line(&t),
            Err(e) => eprintln!("error: cannot encode output: {e}"),
        }
    }

    pub fn ndjson<T: Serialize>(&self, value: &T) {
        if let Ok(t) = serde_json::to_string(value) {
            self.line(&t);
        }
    }

    /// Columns padded to their widest cell; the last column is not padded.
    pub fn table(&self, headers: &[&str], rows: &[Vec<String>]) {
        let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
        for row in rows {
            for (i, cell) in row.iter().enumerate() {
                if let Some(w) = widths.get_mut(i) {
                    *w = (*w).max(cell.chars().count());
                }
            }
        }
        let render = |cells: Vec<&str>| {
            let last = cells.len().saturating_sub(1);
            let mut line = String::new();
            for (i, cell) in cells.iter().enumerate() {
                if i == last {
                    line.push_str(cell);
                } else {
                    line.push_str(&format!("{cell:<w$}  ", w = widths[i]));
                }
            }
            line.trim_end().to_string() + "\n"
        };
        let mut text = render(headers.to_vec());
        for row in rows {
            text.push_str(&render(row.iter().map(String::as_str).collect()));
        }
        self.text(&text);
    }
}

pub fn print_failure(f: &Failure) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "error: {}", f.message);
    if let Some(hint) = &f.hint {
        let _ = writeln!(err, "hint: {hint}");
    }
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
}
