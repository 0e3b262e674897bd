//! One way to print a command's result: the command hands its value to [`Output::emit`],
//! which prints it as JSON with `--json`, and otherwise asks the value's [`Render`] impl for
//! the form people read (`human`) or the ids alone (`quiet`, `-q`). A value whose words need
//! more than itself (a `--utc` clock, a name the command was given) is wrapped in a small
//! view struct that serializes as the value alone, so the JSON stays the daemon's.
//!
//! [`Page`] is where a human form is written: lines, aligned tables and labelled fields, all
//! escaped as [`escape_controls`] says, since titles, snippets and paths come from web pages
//! and files.
//!
//! [`Output::emit`]: super::Output::emit

use serde::Serialize;

use super::clock::Clock;
use super::output::{Layout, escape_controls};

/// A command's result, printable in each of the output modes.
pub trait Render: Serialize {
    /// The form for people.
    fn human(&self, page: &mut Page);

    /// What `-q` prints: ids, one a line, for scripts. By default the form for people, as
    /// commands with nothing to name print their words either way.
    fn quiet(&self, page: &mut Page) {
        self.human(page);
    }
}

/// The text a [`Render`] impl writes, escaped as it goes.
#[derive(Debug, Default)]
pub struct Page {
    text: String,
}

/// One labelled value of [`Page::fields`].
pub type Field = (&'static str, String);

impl Page {
    /// What was written, to go to stdout.
    pub fn into_text(self) -> String {
        self.text
    }

    /// Text for people, control characters escaped except newlines and tabs (add the
    /// newline yourself).
    pub fn text(&mut self, text: &str) {
        self.text.push_str(&escape_controls(text, Layout::Keep));
    }

    pub fn line(&mut self, line: &str) {
        self.text(line);
        self.text.push('\n');
    }

    /// Each id on its own line: what `-q` prints of a list.
    pub fn ids<I: ToString>(&mut self, ids: impl IntoIterator<Item = I>) {
        for id in ids {
            self.line(&id.to_string());
        }
    }

    /// Columns padded to their widest cell; the last column is not padded. Cells are escaped
    /// whole (newlines and tabs too) before they are measured, so no cell breaks a row or is
    /// cut inside an escape sequence.
    pub fn table(&mut self, headers: &[&str], rows: &[Vec<String>]) {
        let rows: Vec<Vec<String>> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|cell| escape_controls(cell, Layout::Escape).into_owned())
                    .collect()
            })
            .collect();
        let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
        for row in &rows {
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
        self.text.push_str(&render(headers.to_vec()));
        for row in &rows {
            self.text
                .push_str(&render(row.iter().map(String::as_str).collect()));
        }
    }

    /// A heading and labelled fields under it, values aligned; a value of several lines keeps
    /// them, each indented under the first. Escaped like any text for people.
    pub fn fields(&mut self, heading: &str, fields: &[Field]) {
        let width = fields
            .iter()
            .map(|f| f.0.chars().count())
            .max()
            .unwrap_or(0);
        let mut text = format!("{heading}\n");
        for (label, value) in fields {
            let indent = " ".repeat(width + 4);
            let value = value.trim_end().replace('\n', &format!("\n{indent}"));
            text.push_str(&format!("  {label:<width$}  {value}\n"));
        }
        self.text(&text);
    }
}

/// What `-q` prints of a [`Said`] value.
#[derive(Debug)]
enum Quiet {
    /// Nothing: the exit code says it.
    Nothing,
    /// This line, usually an id.
    Line(String),
    /// The same words as for people.
    Same,
}

/// A result people read as a few words: JSON is the value itself, `-q` prints its id (or
/// nothing, or the same words).
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Said<'a, T: Serialize> {
    value: &'a T,
    #[serde(skip)]
    words: String,
    #[serde(skip)]
    quiet: Quiet,
}

impl<'a, T: Serialize> Said<'a, T> {
    /// `words` for people (a line break ends each line), nothing with `-q`.
    pub fn new(value: &'a T, words: impl Into<String>) -> Self {
        Said {
            value,
            words: words.into(),
            quiet: Quiet::Nothing,
        }
    }

    /// With `-q`, `id` alone.
    pub fn quiet_id(mut self, id: impl ToString) -> Self {
        self.quiet = Quiet::Line(id.to_string());
        self
    }

    /// With `-q`, the same words as for people.
    pub fn quiet_same(mut self) -> Self {
        self.quiet = Quiet::Same;
        self
    }
}

impl<T: Serialize> Render for Said<'_, T> {
    fn human(&self, page: &mut Page) {
        page.line(&self.words);
    }

    fn quiet(&self, page: &mut Page) {
        match &self.quiet {
            Quiet::Nothing => {}
            Quiet::Line(line) => page.line(line),
            Quiet::Same => self.human(page),
        }
    }
}

/// A result whose times people read as `--utc` says (relative, or absolute); JSON keeps the
/// daemon's times untouched.
#[derive(Debug, Serialize)]
#[serde(transparent)]
pub struct Timed<'a, T: Serialize> {
    pub value: &'a T,
    #[serde(skip)]
    pub clock: Clock,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_pad_all_but_the_last_column_and_escape_cells() {
        let mut page = Page::default();
        page.table(
            &["ID", "NAME"],
            &[
                vec!["1".into(), "a\tb".into()],
                vec!["22".into(), "".into()],
            ],
        );
        assert_eq!(page.into_text(), "ID  NAME\n1   a\\x09b\n22\n");
    }

    #[test]
    fn views_serialize_as_the_value_alone_and_say_their_words() -> serde_json::Result<()> {
        let value = serde_json::json!({ "b": 1, "a": [2] });
        let said = Said::new(&value, "done\x1b").quiet_id(7);
        assert_eq!(serde_json::to_string(&said)?, r#"{"a":[2],"b":1}"#);
        let (mut people, mut quiet) = (Page::default(), Page::default());
        said.human(&mut people);
        said.quiet(&mut quiet);
        assert_eq!(people.into_text(), "done\\x1b\n");
        assert_eq!(quiet.into_text(), "7\n");
        let timed = Timed {
            value: &value,
            clock: Clock { utc: true },
        };
        assert_eq!(serde_json::to_string(&timed)?, r#"{"a":[2],"b":1}"#);
        Ok(())
    }

    #[test]
    fn fields_align_and_indent_their_continuation_lines() {
        let mut page = Page::default();
        page.fields("job 1", &[("a", "x".into()), ("long", "y\nz".into())]);
        assert_eq!(page.into_text(), "job 1\n  a     x\n  long  y\n        z\n");
    }
}
