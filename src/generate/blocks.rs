//! Splits a passage's stored text into the units an article is assembled from: prose
//! paragraphs, lists, code blocks and tables. It reads fenced Markdown (code keeps its fence
//! language) and also text whose fences and list markers were dropped at ingest, where code is
//! recognised by the shape of its lines; either way a code block, a list or a table is only
//! ever used whole.

use std::collections::HashMap;

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Prose,
    /// One entry per item, without its marker; `ordered` when the outer list's items are
    /// numbered (steps), which the article keeps.
    List {
        ordered: bool,
    },
    Code {
        language: Option<String>,
    },
    Table,
    /// The heading of a subsection inside the part's source section (`### ` in the passage
    /// text, see `SUBHEADING`), so what it heads keeps its name ("Event: 'request'").
    Heading,
}

/// How a passage's text marks the heading of a subsection joined into it, as a chunk marks
/// the headings of the small sections it holds.
pub const SUBHEADING: &str = crate::kb::chunk::LIFTED_HEADING;

/// One unit of a passage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: Kind,
    /// Prose: the paragraph on one line. List: the items, one per line, without markers, an
    /// item of a list inside another indented two spaces a level.
    /// Code: the code without fences. Table: the rows as written.
    pub text: String,
}

impl Block {
    /// The block as Markdown: a fenced code block with its language, a `-` list or a list
    /// numbered from 1, the table or the paragraph.
    pub fn markdown(&self) -> String {
        match &self.kind {
            Kind::Prose => inline(&self.text),
            // A hostile page's cell is text like any other: no live link or tag.
            Kind::Table => self.text.lines().map(inline).collect::<Vec<_>>().join("\n"),
            Kind::Heading => format!("{SUBHEADING}{}", inline(&self.text)),
            Kind::List { ordered } => self.list_markdown(ordered.then_some(1)),
            Kind::Code { language } => {
                let code = self.code_text();
                // A fence longer than any backtick run inside keeps the block closed.
                let longest = longest_backtick_run(&code);
                let fence = "`".repeat(longest.max(2) + 1);
                format!(
                    "{fence}{}\n{code}\n{fence}",
                    language.as_deref().unwrap_or("text")
                )
            }
        }
    }

    /// A list as Markdown: numbered from `first` when given (an ordered list that goes on
    /// from one just before it, in Markdown one list, numbers on), bulleted otherwise.
    pub fn list_markdown(&self, first: Option<usize>) -> String {
        // A part that kept an inner list's items without their parent shows them as a list
        // of their own.
        // Indentation is ASCII spaces, two a level, as `nested_list` writes it.
        let base = self.text.lines().map(indent_of).min().unwrap_or(0);
        let mut number = first;
        // Where the outer item's text starts: an inner list is indented to it.
        let mut content = 2;
        self.text
            .lines()
            .map(|l| {
                let depth = (indent_of(l) - base) / 2;
                let item = inline(l.trim_start());
                if depth > 0 {
                    let pad = content + 2 * (depth - 1);
                    return format!("{:pad$}- {item}", "");
                }
                let marker = match number.as_mut() {
                    Some(n) => {
                        let marker = format!("{n}. ");
                        *n += 1;
                        marker
                    }
                    None => "- ".to_owned(),
                };
                content = marker.len();
                format!("{marker}{item}")
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// How many items a list's outer list has (its lines at the least indentation).
    pub fn outer_items(&self) -> usize {
        let base = self.text.lines().map(indent_of).min().unwrap_or(0);
        self.text.lines().filter(|l| indent_of(l) == base).count()
    }

    /// A code block's code as an article shows it: prompts off command-only blocks, and tabs
    /// as spaces (they render at different widths everywhere; only make needs them).
    pub fn code_text(&self) -> String {
        let code = without_prompts(&self.text);
        match &self.kind {
            Kind::Code { language }
                if !matches!(language.as_deref(), Some("make" | "makefile" | "mk")) =>
            {
                code.replace('\t', "    ")
            }
            _ => code,
        }
    }

    pub fn is_code(&self) -> bool {
        matches!(self.kind, Kind::Code { .. })
    }

    /// Code cut out of a longer block (a chunk boundary fell inside it): it closes a bracket
    /// it never opened, or leaves one open, so it cannot be shown as an example.
    pub fn is_fragment(&self) -> bool {
        if !self.is_code() {
            return false;
        }
        let mut depth: i64 = 0;
        for c in self.text.chars() {
            match c {
                '{' | '(' | '[' => depth += 1,
                '}' | ')' | ']' => depth -= 1,
                _ => {}
            }
            if depth < 0 {
                return true;
            }
        }
        depth > 0
    }
}

fn longest_backtick_run(text: &str) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

/// The blocks of `text`, in order.
pub fn split(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut lines = text.lines();
    // Code whose fences were dropped keeps no sign of where a block ends: runs of it that
    // follow each other are one block, unless a shebang starts a new script.
    let mut unfenced_code = false;
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if let Some(fence) = fence_of(trimmed) {
            push_run(&mut blocks, &run, &mut unfenced_code);
            run.clear();
            unfenced_code = false;
            let language = trimmed
                .trim_start_matches(fence.chars().next().unwrap_or('`'))
                .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                .next()
                .filter(|l| !l.is_empty())
                .map(str::to_string);
            let mut code = Vec::new();
            for l in lines.by_ref() {
                if closes_fence(l, &fence) {
                    break;
                }
                code.push(l);
            }
            // A sentence a page set in a `<pre>` is read as the sentence it is.
            let text = code.join("\n");
            if super::quality::reads_as_prose(&text) {
                blocks.push(prose(
                    &text.split_whitespace().collect::<Vec<_>>().join(" "),
                ));
                continue;
            }
            push_code(&mut blocks, &code, language);
        } else if trimmed.is_empty() {
            push_run(&mut blocks, &run, &mut unfenced_code);
            run.clear();
        } else {
            run.push(line);
        }
    }
    push_run(&mut blocks, &run, &mut unfenced_code);
    mark_lead_ins(&mut blocks);
    blocks
}

/// Gives a colon to each paragraph whose last sentence runs on into the code after it with
/// no mark at all ("If that version works correctly, type" over `$ git bisect good`, as
/// manual pages write): it is a lead-in, and the colon makes it one to every reader of the
/// blocks.
fn mark_lead_ins(blocks: &mut [Block]) {
    for i in 1..blocks.len() {
        let (before, after) = blocks.split_at_mut(i);
        let paragraph = &mut before[i - 1];
        let runs_on = paragraph.kind == Kind::Prose
            && after[0].is_code()
            && paragraph
                .text
                .trim_end()
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '`');
        if runs_on {
            paragraph.text.push(':');
        }
    }
}

/// Adds the blocks of a run of lines; `joinable` says the last block is code that came
/// without a fence, which a following run of such code continues.
fn push_run(blocks: &mut Vec<Block>, run: &[&str], joinable: &mut bool) {
    for block in classify_run(run) {
        let new_script = block.text.starts_with("#!");
        let same_language = |last: &Block| {
            let (a, b) = (family(&last.kind), family(&block.kind));
            a.is_none() || b.is_none() || a == b || last.text.starts_with("#!")
        };
        let joins = *joinable && block.is_code() && !new_script;
        if let Some(last) = blocks
            .last_mut()
            .filter(|b| joins && b.is_code() && same_language(b))
        {
            last.text.push_str("\n\n");
            last.text.push_str(&block.text);
            continue;
        }
        *joinable = block.is_code();
        blocks.push(block);
    }
}

/// The language of a code block, shell dialects counted as one; an unknown language goes
/// with anything.
fn family(kind: &Kind) -> Option<&str> {
    match kind {
        Kind::Code { language: Some(l) } => Some(match l.as_str() {
            "sh" | "bash" | "zsh" | "shell" | "console" => "sh",
            other => other,
        }),
        _ => None,
    }
}

/// Whether `line` closes the fence `open` (see [`fence_of`]): the same mark, as long or
/// longer, and nothing else.
pub fn closes_fence(line: &str, open: &str) -> bool {
    let line = line.trim();
    line.starts_with(open) && line.chars().all(|c| open.starts_with(c))
}

/// The fence a line opens (three or more backticks or tildes), if it opens one.
pub fn fence_of(trimmed: &str) -> Option<String> {
    let c = trimmed.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = trimmed.chars().take_while(|x| *x == c).count();
    (n >= 3).then(|| c.to_string().repeat(n))
}

fn push_code(blocks: &mut Vec<Block>, code: &[&str], language: Option<String>) {
    let text = dedent(code);
    if text.trim().is_empty() {
        return;
    }
    let language = language.or_else(|| guess_language(&text));
    blocks.push(Block {
        kind: Kind::Code { language },
        text,
    });
}

/// Lines with their common indentation removed, trailing blank lines dropped.
fn dedent(lines: &[&str]) -> String {
    let indent = lines
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    let body: Vec<&str> = lines
        .iter()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect();
    body.join("\n").trim_end().to_string()
}

/// A line that is one inline code span (`` `git cherry-pick master` ``, a command named as
/// the term of a definition list) set as code: its backticks are Markdown, not code.
fn without_code_span(line: &str) -> &str {
    let t = line.trim();
    match t.strip_prefix('`').and_then(|t| t.strip_suffix('`')) {
        Some(inner) if !inner.is_empty() && !inner.contains('`') => inner,
        _ => line,
    }
}

/// The ASCII spaces a line opens with.
fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// List item marker (`-`, `*`, `+`, `1.`, `1)`) and the item text after it.
pub(crate) fn list_item(trimmed: &str) -> Option<&str> {
    list_entry(trimmed).map(|(item, _)| item)
}

/// The item text after a list item marker, and whether the marker is a number.
pub(crate) fn list_entry(trimmed: &str) -> Option<(&str, bool)> {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = trimmed.strip_prefix(marker) {
            return Some((rest.trim_start(), false));
        }
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let rest = &trimmed[digits..];
    if (1..=3).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") ")) {
        return Some((rest[2..].trim_start(), true));
    }
    None
}

/// A heading or title without the source's own numbering ("5.1.3. List Comprehensions"),
/// which means nothing in the article (and in a list item starts a numbered list).
pub(crate) fn without_numbering(h: &str) -> &str {
    // "5.1.3." and an appendix's "F.23.4.": numbers (a letter may lead) joined by dots.
    let numbered = h.split_once(' ').filter(|(n, rest)| {
        let mut parts = n.trim_end_matches('.').split('.');
        let first = parts.next().unwrap_or_default();
        let lead = (first.len() == 1 && first.chars().all(|c| c.is_ascii_uppercase()))
            || (!first.is_empty() && first.chars().all(|c| c.is_ascii_digit()));
        // A release's version and date ("1.2.0 (2024-05-01)") is a heading's name.
        !rest.trim().is_empty()
            && !rest.trim_start().starts_with(['(', '-', '\u{2013}'])
            && n.contains('.')
            && n.chars().any(|c| c.is_ascii_digit())
            && lead
            && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    });
    numbered.map_or(h, |(_, rest)| rest.trim())
}

/// A run of non-blank lines as blocks: list items, table rows, code and prose each make
/// their own block.
fn classify_run(run: &[&str]) -> Vec<Block> {
    if run.is_empty() {
        return Vec::new();
    }
    if let [line] = run
        && let Some(heading) = line.trim().strip_prefix(SUBHEADING)
        && !heading.trim().is_empty()
    {
        return vec![Block {
            kind: Kind::Heading,
            text: without_numbering(heading.trim()).to_owned(),
        }];
    }
    if run.iter().all(|l| l.trim_start().starts_with('|')) {
        return vec![Block {
            kind: Kind::Table,
            text: run.iter().map(|l| l.trim()).collect::<Vec<_>>().join("\n"),
        }];
    }
    if let Some(items) = list_items(run) {
        return vec![nested_list(&items)];
    }
    // A line that reads as a sentence or a sentence's tail ("where `window_definition` has
    // the syntax") is not code, whatever its spans.
    let code = run
        .iter()
        .filter(|l| code_like(l) && !super::quality::reads_as_prose(l))
        .count();
    let sentence = run.iter().any(|l| is_sentence(l.trim()));
    if (code * 2 >= run.len() && !sentence) || code == run.len() {
        let mut blocks = Vec::new();
        let lines: Vec<&str> = run.iter().map(|l| without_code_span(l)).collect();
        push_code(&mut blocks, &lines, None);
        return blocks;
    }
    if run.len() == 1 {
        return vec![prose(run[0])];
    }
    // Several lines of words: one line per item when each line stands alone (a list whose
    // markers were dropped, or a list of titles), otherwise a wrapped paragraph.
    let complete = run.iter().all(|l| is_sentence(l.trim()));
    let titles = run
        .iter()
        .all(|l| !ends_sentence(l.trim()) && l.split_whitespace().count() <= 8);
    if complete || titles {
        let trimmed: Vec<&str> = run.iter().map(|l| l.trim()).collect();
        return vec![list(&trimmed)];
    }
    vec![prose(
        &run.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" "),
    )]
}

/// The items of a run that is a list: each with its indentation, its text and whether its
/// marker is a number. A line without a marker indented past the item before it goes on
/// with that item (its next paragraph, as ingest writes an item of several); None when a
/// line is neither.
fn list_items(run: &[&str]) -> Option<Vec<(usize, String, bool)>> {
    let mut items: Vec<(usize, String, bool)> = Vec::new();
    for line in run {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if let Some((item, ordered)) = list_entry(trimmed) {
            items.push((indent, item.to_owned(), ordered));
            continue;
        }
        let (at, text, _) = items.last_mut()?;
        if indent <= *at {
            return None;
        }
        text.push(' ');
        text.push_str(trimmed.trim_end());
    }
    Some(items)
}

/// A list from its items, the indentation of each and whether its marker is a number. An
/// item indented past the one before it opens a list inside that one, whatever the width
/// (ingest indents by four, a page by two or by its number's width); an item back at an
/// earlier indentation returns to that level. The text indents two spaces a level, and the
/// list is ordered when its outer items are all numbered.
fn nested_list(items: &[(usize, String, bool)]) -> Block {
    // The indentation of each level open, outermost first.
    let mut levels: Vec<usize> = Vec::new();
    let mut ordered = true;
    let lines: Vec<String> = items
        .iter()
        .map(|(indent, item, numbered)| {
            let (indent, numbered) = (*indent, *numbered);
            while levels.last().is_some_and(|&open| open > indent) {
                levels.pop();
            }
            if levels.last() != Some(&indent) {
                levels.push(indent);
            }
            let depth = levels.len() - 1;
            if depth == 0 {
                ordered &= numbered;
            }
            format!("{}{item}", "  ".repeat(depth))
        })
        .collect();
    Block {
        kind: Kind::List { ordered },
        text: lines.join("\n"),
    }
}

fn list(items: &[&str]) -> Block {
    Block {
        kind: Kind::List { ordered: false },
        text: items.join("\n"),
    }
}

fn prose(text: &str) -> Block {
    Block {
        kind: Kind::Prose,
        text: text.trim().to_string(),
    }
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', ')', '*', '_', '\u{201D}'])
        .ends_with(['.', '!', '?', ':'])
}

/// A line that reads as a sentence: a capital (or quote, or inline code) first, an end mark
/// last, and at least four words.
fn is_sentence(line: &str) -> bool {
    let first = line.chars().next().unwrap_or(' ');
    (first.is_uppercase() || first == '"' || first == '`' || first == '*')
        && ends_sentence(line)
        && line.split_whitespace().count() >= 4
}

/// Whether a line of text whose fences were dropped looks like code, configuration or
/// terminal output rather than words: comments and prompts, paths, `key=value`, brackets and
/// statement ends, indentation, or a lower-case command with options.
/// Words from which a line ending as a sentence, and mostly made of words, is prose whatever
/// it opens with.
const PROSE_LINE_WORDS: usize = 12;

fn code_like(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() {
        return false;
    }
    if line.starts_with("    ") || line.starts_with('\t') {
        return true;
    }
    // "Persistent=true runs a missed backup at the next boot." is a sentence about code, and
    // so is a long one that opens on a command's name ("git merge-file incorporates all
    // changes that lead from…"): mostly words, ending as a sentence does.
    let count = t.split_whitespace().count();
    let wordy = || {
        let words = t
            .split_whitespace()
            .filter(|w| w.chars().all(char::is_alphabetic))
            .count();
        words * 2 > count
    };
    let long_prose = ends_sentence(t) && count >= PROSE_LINE_WORDS;
    if ((is_sentence(t) && count >= 6) || long_prose) && !t.ends_with(':') && wordy() {
        return false;
    }
    let first = t.chars().next().unwrap_or(' ');
    if "#$/~{}[]<>;|.*@".contains(first) && !t.starts_with("...") {
        return true;
    }
    if t.ends_with(['{', '}', ';', '\\', '(', '[', ',']) && !is_sentence(t) {
        return t.ends_with(['{', '}', ';', '\\', '(', '[']) || !t.contains(". ");
    }
    let first_word = t.split_whitespace().next().unwrap_or("");
    if let Some(eq) = first_word.find('=') {
        return eq > 0;
    }
    // A caption ("Listing 15-8: Defining a `MyBox<T>` type") is words about code.
    let mut words = t.split_whitespace();
    if words
        .next()
        .is_some_and(|w| ["Listing", "Figure", "Table", "Example"].contains(&w))
        && words
            .next()
            .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()))
    {
        return false;
    }
    // Markdown prose names code in spans ("`Iterator::find` is a function which…"): judged
    // by the words around them.
    let ticks = t.matches('`').count();
    if ticks >= 2 && ticks.is_multiple_of(2) && ends_sentence(t) {
        let outside: Vec<&str> = t.split('`').step_by(2).collect();
        let words: Vec<&str> = outside.iter().flat_map(|s| s.split_whitespace()).collect();
        let plain = words
            .iter()
            .filter(|w| w.chars().all(|c| c.is_alphabetic() || ".,:;!?".contains(c)))
            .count();
        if words.len() >= 6 && plain * 4 >= words.len() * 3 {
            return false;
        }
    }
    if t.contains("::") || t.contains("->") || t.contains("=>") || t.contains("();") {
        return true;
    }
    let symbols = t
        .chars()
        .filter(|c| "{}[]<>=;|&$\\^~`".contains(*c))
        .count();
    if symbols * 100 > t.chars().count() * 8 {
        return true;
    }
    // `sudo apt install x`, `restic forget --prune`, `error: could not compile`
    let command = first_word
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.:[]".contains(c));
    command && !ends_sentence(t) && t.split_whitespace().count() <= 12
        || command && first_word.ends_with(':') && !is_sentence(t) && t.contains('`')
}

/// Statement keywords an SQL listing opens with, as SQL documentation writes them.
const SQL_STATEMENTS: &[&str] = &[
    "SELECT",
    "INSERT",
    "UPDATE",
    "DELETE",
    "CREATE",
    "ALTER",
    "DROP",
    "WITH",
    "BEGIN",
    "COMMIT",
    "ROLLBACK",
    "SAVEPOINT",
    "EXPLAIN",
    "GRANT",
    "REVOKE",
    "PRAGMA",
    "VACUUM",
    "ANALYZE",
    "TRUNCATE",
    "COPY",
    "SET",
    "SHOW",
    "REINDEX",
    "ATTACH",
    "DETACH",
    "VALUES",
];

/// A language for code that came without a fence: a shebang's interpreter, `[section]` with
/// `key=value` lines (ini), or a shell session when the lines start with commands.
fn guess_language(code: &str) -> Option<String> {
    let first = code.lines().find(|l| !l.trim().is_empty())?.trim();
    if first.starts_with("#![") || first.starts_with("#[") {
        return Some("rust".into());
    }
    if let Some(shebang) = first.strip_prefix("#!") {
        // `#!/usr/bin/env bash`, `#!/usr/sbin/nft -f`: the interpreter's name.
        let mut words = shebang.split_whitespace();
        let program = words.next().unwrap_or("").rsplit('/').next().unwrap_or("");
        let name = if program == "env" {
            words.next().unwrap_or("")
        } else {
            program
        };
        return (!name.is_empty()).then(|| name.to_string());
    }
    let lines: Vec<&str> = code
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    // SQL opens on an upper-case statement keyword ("SELECT * FROM weather;").
    let statement = lines.first().and_then(|l| l.split_whitespace().next());
    if statement.is_some_and(|w| SQL_STATEMENTS.contains(&w.trim_end_matches(';'))) {
        return Some("sql".into());
    }
    let section = |l: &&str| l.starts_with('[') && l.ends_with(']');
    let setting = |l: &&str| {
        l.split_once('=')
            .is_some_and(|(key, _)| !key.trim().is_empty() && !key.trim().contains(' '))
    };
    // Settings under sections; brackets alone are a syntax synopsis's optional parts.
    if lines.iter().any(setting) && lines.iter().all(|l| section(l) || setting(l)) {
        return Some("ini".into());
    }
    if lines
        .iter()
        .any(|l| l.starts_with("fn ") || l.starts_with("let ") || l.starts_with("use "))
    {
        return Some("rust".into());
    }
    // A query's result as a database shell prints it: a rule of dashes and pluses under the
    // column names, "(10 rows)" after them.
    let rule = |l: &&str| l.contains("-+-") && l.chars().all(|c| c == '-' || c == '+');
    let row_count = |l: &&str| {
        l.strip_prefix('(')
            .and_then(|r| r.strip_suffix(" rows)").or_else(|| r.strip_suffix(" row)")))
            .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
    };
    if lines.iter().any(rule) || lines.last().is_some_and(row_count) {
        return Some("text".into());
    }
    let commands = lines
        .iter()
        .filter(|l| {
            let w = l
                .trim_start_matches("$ ")
                .split_whitespace()
                .next()
                .unwrap_or("");
            !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
                && l.split_whitespace().count() >= 2
        })
        .count();
    (commands * 2 > lines.len()).then(|| "sh".into())
}

/// Commands without their `$ ` prompts when every line is a prompted command (no output
/// shown): the prompt only gets in the way of copying them. A block that shows output keeps
/// its prompts, which tell commands from output.
fn without_prompts(code: &str) -> String {
    let lines: Vec<&str> = code.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.is_empty() || !lines.iter().all(|l| l.starts_with("$ ")) {
        return code.to_owned();
    }
    code.lines()
        .map(|l| l.strip_prefix("$ ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Words of a paragraph that hold angle-bracket markup outside code spans, set as code (and a
/// lone `*` escaped):
/// placeholders (`<branch>`, `HEAD..<upstream>`) and generic types (`Arc<Rc<u32>>`) lose their
/// code formatting when a page is extracted, and bare they read as HTML tags.
/// Whether a word's asterisk is a wildcard (`utf-16*`, `*.toml`, `dir/*`) rather than an
/// emphasis mark, which sits against a letter (`*word*`, `*two words*`).
fn wildcard(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        let before = i.checked_sub(1).map(|b| chars[b]);
        let after = chars.get(i + 1).copied();
        c == '*'
            && (before.is_some_and(|b| b.is_ascii_digit() || "-./_".contains(b))
                || after.is_some_and(|a| ".-/".contains(a)))
    })
}

/// Whether a word holds a `<` that Markdown would take for the start of a tag.
fn opens_tag(word: &str) -> bool {
    word.match_indices('<').any(|(at, _)| {
        let rest = &word[at + 1..];
        rest.starts_with(|c: char| c.is_ascii_alphabetic()) && !rest.starts_with("http")
    })
}

/// A word without the punctuation that ends its sentence, and without closing parentheses
/// it does not open.
fn code_core(word: &str) -> &str {
    let mut core = word.trim_end_matches(['.', ',', ';', ':', '!', '?']);
    while core.ends_with(')') && core.matches(')').count() > core.matches('(').count() {
        core = core[..core.len() - 1].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    }
    core
}

/// A call written as one word: a name (letters, digits, `_`, `.`) and its arguments in
/// parentheses with no space between, where the arguments are empty or more than a word's
/// letters (so "item(s)" stays prose).
fn call_like(word: &str) -> bool {
    let core = code_core(word);
    let Some(open) = core.find('(') else {
        return false;
    };
    let args = core[open + 1..].strip_suffix(')');
    callable(&core[..open])
        && args.is_some_and(|a| a.is_empty() || !a.chars().all(char::is_alphabetic))
}

/// Whether text before a `(` is a function's name: letters, digits, `_` and `.`, not a digit
/// first.
fn callable(name: &str) -> bool {
    name.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// Words a call written in prose may span.
const CALL_WORDS: usize = 8;

/// How many of `words` make up a call that opens on the first and closes its parentheses on
/// a later one, if they do: a name, `(`, arguments with a quote, digit or comma in them.
fn call_over_words(words: &[&str]) -> Option<usize> {
    let first = words.first()?;
    let open = first.find('(')?;
    if !callable(&first[..open]) || first.contains('`') {
        return None;
    }
    let mut depth: i64 = 0;
    for (k, word) in words.iter().enumerate().take(CALL_WORDS) {
        if k > 0 && word.contains('`') {
            return None;
        }
        depth += word.matches('(').count() as i64 - word.matches(')').count() as i64;
        if depth <= 0 {
            let args = words[..=k].join(" ");
            let codeish =
                args[open..].contains(['\'', '"', ',']) || args[open..].contains(char::is_numeric);
            return (k > 0 && codeish).then_some(k + 1);
        }
    }
    None
}

/// A Windows path written in prose (`"c:\work\ex1.db"`): a name to type, not words.
fn drive_path(word: &str) -> bool {
    let core = code_core(word).trim_matches(['\'', '"']);
    let mut chars = core.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.next() == Some(':')
        && chars.next().is_some_and(|c| c == '\\' || c == '/')
}

/// A value in braces written as one word (`{net.Socket}`, `'{"ex":1}'`), or a quoted array
/// (`'[1,2,"3"]'`; unquoted brackets are prose's own).
fn braced(word: &str) -> bool {
    let core = code_core(word);
    let quoted = ['\'', '"']
        .iter()
        .find_map(|q| core.strip_prefix(*q).and_then(|c| c.strip_suffix(*q)));
    let inner = quoted.unwrap_or(core);
    let object = inner.len() > 2 && inner.starts_with('{') && inner.ends_with('}');
    let array =
        quoted.is_some() && inner.len() > 2 && inner.starts_with('[') && inner.ends_with(']');
    object || array
}

/// A word that is one symbol repeated three times or more (`<<<<<<<`, `>>>`, `=======`),
/// punctuation after it aside.
fn symbol_run(word: &str) -> bool {
    let core = word.trim_end_matches(['.', ',', ';', ':', ')']);
    let mut chars = core.chars();
    chars
        .next()
        .is_some_and(|first| "<>=|".contains(first) && core.len() >= 3 && chars.all(|c| c == first))
}

fn markup_as_code(text: &str) -> String {
    let mut out = Vec::new();
    let mut in_code = false;
    let words: Vec<&str> = text.split(' ').collect();
    let mut next = 0;
    while next < words.len() {
        let word = words[next];
        next += 1;
        // A call whose arguments have spaces (`json_array_length('[1,2]', '$.one')`).
        if !in_code && let Some(end) = call_over_words(&words[next - 1..]) {
            let joined = words[next - 1..next - 1 + end].join(" ");
            let core = code_core(&joined);
            out.push(format!("`{core}`{}", &joined[core.len()..]));
            next += end - 1;
            continue;
        }
        let ticks = word.matches('`').count();
        let tag_like = word
            .match_indices('<')
            .any(|(at, _)| word[at + 1..].starts_with(|c: char| c.is_alphanumeric() || c == '\''))
            && word.contains('>')
            && !word.contains("<http")
            && !word.contains('`');
        if !in_code && (word == "*" || wildcard(word)) {
            // A lone asterisk (`a * b`) or a wildcard (`utf-16*`) would open emphasis.
            out.push(word.replace('*', "\\*"));
        } else if !in_code && ticks == 0 && (call_like(word) || braced(word) || drive_path(word)) {
            // A call (`readfile()`, `json_object('ex',1)`) or a braced value (`{net.Socket}`,
            // `'{"ex":1}'`) written in prose is code.
            let core = code_core(word);
            out.push(format!("`{core}`{}", &word[core.len()..]));
        } else if !in_code && symbol_run(word) {
            // Conflict markers written in prose (`<<<<<<<`, `=======`) are symbols to type.
            let core = word.trim_end_matches(['.', ',', ';', ':', ')']);
            out.push(format!("`{core}`{}", &word[core.len()..]));
        } else if !in_code && word.starts_with("www.") && word.len() > 4 && ticks == 0 {
            // A bare domain is neither a link Markdown makes nor prose: it is a name.
            let core = word.trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '"']);
            out.push(format!("`{core}`{}", &word[core.len()..]));
        } else if !in_code && tag_like {
            let start = word.len() - word.trim_start_matches(['(', '"', '\'']).len();
            let core = word[start..].trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '"']);
            let end = start + core.len();
            out.push(format!("{}`{core}`{}", &word[..start], &word[end..]));
        } else if !in_code && opens_tag(word) && !word.contains('`') {
            // A placeholder of several words (`<remote name>`) would be read as an HTML tag.
            out.push(word.replace('<', "\\<"));
        } else {
            out.push(word.to_owned());
        }
        if ticks % 2 == 1 {
            in_code = !in_code;
        }
    }
    out.join(" ")
}

/// A line of text as Markdown that reads as it was written: markup-like words (`Box<T>`,
/// `<name>`) set as code, bare URLs as autolinks.
pub fn inline(text: &str) -> String {
    autolink(&literal_underscores(&literal_brackets(&markup_as_code(
        text,
    ))))
}

/// Underscores that open a word outside code spans escaped when nothing later closes them:
/// "No __filename or __dirname" names two variables, where Markdown would open emphasis that
/// never ends. Emphasis the text writes (`_word_`, `__two words__`) stays.
fn literal_underscores(text: &str) -> String {
    let closing = closing_runs(text);
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '`' {
            in_code = !in_code;
        }
        let word_start = text[..at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        if c != '_' || in_code || !word_start {
            out.push(c);
            continue;
        }
        let run = text[at..].bytes().take_while(|&u| u == b'_').count();
        let after = &text[at + run..];
        // Closed by a run of the same length that ends a word further on.
        let closed = closing.get(&run).is_some_and(|&last| last > at + run);
        if after.is_empty() || after.starts_with(char::is_whitespace) || closed {
            out.push_str(&text[at..at + run]);
        } else {
            out.push_str(&"\\_".repeat(run));
        }
        for _ in 1..run {
            chars.next();
        }
    }
    out
}

/// For each length of an underscore run that ends a word inside it ("word_", "two words__"),
/// where the last such run starts: one pass, so a long text of underscored words is read
/// once, not once per word.
fn closing_runs(text: &str) -> HashMap<usize, usize> {
    let bytes = text.as_bytes();
    let mut last = HashMap::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'_' {
            i += 1;
            continue;
        }
        let end = i + bytes[i..].iter().take_while(|&&b| b == b'_').count();
        let inside_word = i > 0 && !bytes[i - 1].is_ascii_whitespace();
        let ends_word = bytes.get(end).is_none_or(|b| !b.is_ascii_alphanumeric());
        if inside_word && ends_word {
            last.insert(end - i, i);
        }
        i = end;
    }
    last
}

/// Square brackets that do not open a link (`[text](url)`) and asterisks between spaces
/// escaped, outside code spans: an API signature's optional arguments (`[, offset][,
/// callback]`) read as reference links, `a * b * c` as emphasis.
fn literal_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for (at, c) in text.char_indices() {
        match c {
            '`' => in_code = !in_code,
            // An asterisk between spaces is multiplication or a wildcard, never emphasis,
            // but a later one could pair with it.
            '*' if !in_code
                && text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
                && text[at + 1..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace) =>
            {
                out.push('\\');
            }
            '[' if !in_code && !text[..at].ends_with('\\') => {
                // A footnote mark `[^1]` and a link to a web page `[text](https://…)` are
                // Markdown already; a link anywhere else (`javascript:`, `data:`), written as
                // text on a hostile page, stays text.
                let link = text[at + 1..].starts_with('^')
                    || text[at..].find(']').is_some_and(|close| {
                        let dest = text[at + close + 1..]
                            .strip_prefix('(')
                            .map(|d| d.trim_start_matches('<').to_ascii_lowercase());
                        dest.is_some_and(|d| {
                            ["https://", "http://", "mailto:", "#"]
                                .iter()
                                .any(|s| d.starts_with(s))
                        })
                    });
                if !link {
                    out.push('\\');
                }
            }
            _ => {}
        }
        out.push(c);
    }
    out
}

/// Bare `http(s)://` URLs in a paragraph wrapped as `<autolinks>`, outside code spans and
/// links: Markdown renderers differ on bare URLs, and an autolink is the same everywhere.
fn autolink(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut in_code = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
        }
        let starts_url = rest.starts_with("https://") || rest.starts_with("http://");
        // A `file://` URL names a place on the writer's machine, never the reader's: an
        // example to show as code, not a link.
        let local = rest.starts_with("file://");
        let after = out.chars().last();
        // Inside a link's destination `](…)` or already an autolink; a parenthesis alone is
        // prose around a bare URL.
        let linked = out.ends_with("](") || matches!(after, Some('<' | '[' | '"' | '\''));
        if !in_code && (starts_url || local) && !linked {
            let end = rest
                .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '`'))
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', ')', '!', '?', '\'', '"']);
            let (open, close) = if local { ('`', '`') } else { ('<', '>') };
            out.push(open);
            out.push_str(url);
            out.push(close);
            rest = &rest[url.len()..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_inside_a_list_stays_inside_it() {
        let blocks = split(
            "- Producing invalid values:\n  - a `bool` not 0 or 1\n      - deeper\n- Data races",
        );
        assert_eq!(blocks.len(), 1);
        assert_eq!(
            blocks[0].markdown(),
            "- Producing invalid values:\n  - a `bool` not 0 or 1\n    - deeper\n- Data races"
        );
        // Inner items left without their parent are a list of their own.
        let inner = list(&["  a `bool` not 0 or 1", "  a null pointer"]);
        assert_eq!(inner.markdown(), "- a `bool` not 0 or 1\n- a null pointer");
    }

    #[test]
    fn numbered_steps_stay_numbered_from_one_with_their_details_inside() {
        // As ingest writes them: numbered as in the source, inner lists four spaces in.
        let blocks =
            split("3. Clone it.\n    - a detail\n4. Build it.\n        - deeper\n5. Run it.");
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].kind, Kind::List { ordered: true });
        assert_eq!(
            blocks[0].markdown(),
            "1. Clone it.\n   - a detail\n2. Build it.\n   - deeper\n3. Run it."
        );
        // An item's second paragraph, indented under it, goes on with it.
        let two = split("1. Create it.\n2. Finally, change its type.\n   However, note this.");
        assert_eq!(
            two[0].text,
            "Create it.\nFinally, change its type. However, note this."
        );
        // Past nine, an inner list starts where the tenth item's text does.
        let ten: Vec<String> = (1..=10).map(|n| format!("{n}. step {n}")).collect();
        let md = split(&format!("{}\n  - detail", ten.join("\n")))[0].markdown();
        assert!(md.ends_with("\n10. step 10\n    - detail"), "{md}");
        // A list going on from another numbers on from where that one stopped.
        assert_eq!(blocks[0].outer_items(), 3);
        assert_eq!(
            blocks[0].list_markdown(Some(4)),
            "4. Clone it.\n   - a detail\n5. Build it.\n   - deeper\n6. Run it."
        );
        // Bullets around a numbered line are a bulleted list.
        let mixed = split("- one\n1. two\n- three");
        assert_eq!(mixed[0].kind, Kind::List { ordered: false });
    }

    #[test]
    fn a_list_whose_item_opens_on_a_wide_space_renders_without_panicking() {
        assert_eq!(
            list(&["\u{3000}first", "  inner"]).markdown(),
            "- first\n  - inner"
        );
    }

    #[test]
    fn a_subheading_loses_the_manuals_section_number() {
        let blocks = split(&format!("{SUBHEADING}5.4.3. Module spec\n\nThe spec."));
        assert_eq!(blocks[0].kind, Kind::Heading);
        assert_eq!(blocks[0].text, "Module spec");
        assert_eq!(without_numbering("F.23.4. pg_trgm"), "pg_trgm");
        assert_eq!(without_numbering("3 ways to start"), "3 ways to start");
        assert_eq!(
            without_numbering("1.2.0 (2024-05-01)"),
            "1.2.0 (2024-05-01)"
        );
    }

    #[test]
    fn sql_listings_and_syntax_synopses_are_told_from_ini() {
        assert_eq!(
            guess_language("SELECT city, max(temp_lo)\n    FROM weather;").as_deref(),
            Some("sql")
        );
        assert_eq!(
            guess_language("[ existing_window_name ]\n[ PARTITION BY x ]"),
            None
        );
        assert_eq!(
            guess_language("[core]\nbare = false").as_deref(),
            Some("ini")
        );
        // A query's result is text, not shell.
        let result = "  depname  | empno | avg\n-----------+-------+-----\n develop   |    11 | 5020\n(1 row)";
        assert_eq!(guess_language(result).as_deref(), Some("text"));
    }

    #[test]
    fn a_sentence_fenced_as_code_is_prose_and_code_stays_code() {
        let text = "```text\nCompiling and running this program prints the sum of both numbers.\n```\n\n\
                    ```text\nerror: could not compile `demo` due to 2 previous errors.\n```";
        let kinds: Vec<bool> = split(text).iter().map(Block::is_code).collect();
        assert_eq!(kinds, [false, true]);
        // A sentence's tail with a code span, unfenced, is not taken for code either.
        let tail = split("where `window_definition` has the syntax");
        assert!(!tail[0].is_code(), "{tail:?}");
    }

    #[test]
    fn a_hostile_table_renders_as_text() {
        let table = Block {
            kind: Kind::Table,
            text: "| a | b |\n| --- | --- |\n| [x](javascript:alert(1)) | <img src=x onerror=y> |"
                .into(),
        };
        let md = table.markdown();
        assert!(!md.contains("| [x](javascript:"), "{md}");
        assert!(md.contains("\\[x](javascript:alert(1))"), "{md}");
        assert!(md.contains("`<img`") || md.contains("\\<img"), "{md}");
        assert!(md.starts_with("| a | b |\n| --- | --- |\n"), "{md}");
    }

    #[test]
    fn a_listing_caption_is_prose() {
        let kinds: Vec<bool> = split("Listing 15-8: Defining a `MyBox<T>` type")
            .iter()
            .map(Block::is_code)
            .collect();
        assert_eq!(kinds, [false]);
    }

    #[test]
    fn a_paragraph_running_into_its_code_is_a_lead_in() {
        let blocks = split(
            "If that version works correctly, type\n\n```\n$ git bisect good\n```\n\n\
             The search ends",
        );
        assert_eq!(blocks[0].text, "If that version works correctly, type:");
        // A paragraph with its own mark, or before prose, stays as written.
        assert_eq!(split("Run it.\n\n```\nls\n```")[0].text, "Run it.");
        assert_eq!(
            split("Then type\n\nThe words that follow make a sentence.")[0].text,
            "Then type"
        );
        assert_eq!(
            split("The search ends").last().unwrap().text,
            "The search ends"
        );
    }

    #[test]
    fn a_sentence_naming_code_in_spans_is_prose() {
        let text = "`Iterator::find` is a function which iterates over an iterator and \
                    searches for the first value. Its signature:\n\n\
                    `Iterator::find`\n\nlet x = a::b();";
        let kinds: Vec<bool> = split(text).iter().map(Block::is_code).collect();
        assert_eq!(kinds, [false, true]);
    }

    #[test]
    fn a_long_sentence_opening_on_a_command_name_is_prose() {
        let text = "git merge-file incorporates all changes that lead from the `<base-file>` to \
                    `<other-file>` into `<current-file>`. The result ordinarily goes there.\n\n\
                    git merge-file --ours a b c";
        let kinds: Vec<bool> = split(text).iter().map(Block::is_code).collect();
        assert_eq!(kinds, [false, true]);
    }

    #[test]
    fn bare_urls_become_autolinks_and_prompts_go_when_no_output_shows() {
        assert_eq!(
            autolink("See https://example.org/a. Or `curl https://x.y` or [x](https://z.w)."),
            "See <https://example.org/a>. Or `curl https://x.y` or [x](https://z.w)."
        );
        assert_eq!(autolink("(<https://a.b>)"), "(<https://a.b>)");
        assert_eq!(
            autolink("borrowed from Haskell (https://www.haskell.org/)."),
            "borrowed from Haskell (<https://www.haskell.org/>)."
        );
        assert_eq!(autolink("[x](https://z.w)"), "[x](https://z.w)");
        assert_eq!(
            inline("read([offset][, callback]) and [a link](https://z.w) and `a[0]`"),
            "`read([offset][, callback])` and [a link](https://z.w) and `a[0]`"
        );
        assert_eq!(
            inline("x * y * z and **bold**"),
            "x \\* y \\* z and **bold**"
        );
        assert_eq!(
            inline(
                "such as edit(), readfile() and json('[4,5]'). Returns item(s) of {net.Socket}."
            ),
            "such as `edit()`, `readfile()` and `json('[4,5]')`. Returns item(s) of `{net.Socket}`."
        );
        assert_eq!(
            inline("json_array(1,'3') → '[1,\"3\"]' and [1] stays"),
            "`json_array(1,'3')` → `'[1,\"3\"]'` and \\[1] stays"
        );
        assert_eq!(
            inline("(see load_extension()) → '{\"ex\":1}'"),
            "(see `load_extension()`) → `'{\"ex\":1}'`"
        );
        assert_eq!(
            inline(r#"- json_array_length('{"one":[1,2,3]}', '$.one') → 3 and f(a, b) too"#),
            r#"- `json_array_length('{"one":[1,2,3]}', '$.one')` → 3 and `f(a, b)` too"#
        );
        assert_eq!(
            inline("the function (in short) and see(the docs) here"),
            "the function (in short) and see(the docs) here"
        );
        assert_eq!(
            inline(r#"use "c:/data/ex1.db", not "c:\data\ex1.db"."#),
            r#"use `"c:/data/ex1.db"`, not `"c:\data\ex1.db"`."#
        );
        assert_eq!(
            inline("lines containing <<<<<<< and >>>>>>>. Then ==="),
            "lines containing `<<<<<<<` and `>>>>>>>`. Then `===`"
        );
        // A link written as text on a hostile page is not made live.
        assert_eq!(
            inline("[bad](javascript:alert(2)) and [ok](https://a.b)"),
            "\\[bad](javascript:alert(2)) and [ok](https://a.b)"
        );
        assert_eq!(
            autolink("file:///path/to/repo.git/ and `file:///x`"),
            "`file:///path/to/repo.git/` and `file:///x`"
        );
        assert_eq!(
            markup_as_code(
                "If <branch> is given, Arc<Rc<u32>> (or HEAD..<upstream>). `a <b> c` x < y."
            ),
            "If `<branch>` is given, `Arc<Rc<u32>>` (or `HEAD..<upstream>`). `a <b> c` x < y."
        );
        assert_eq!(markup_as_code("a * b"), "a \\* b");
        assert_eq!(
            inline("No __filename or __dirname in `__x`"),
            "No \\_\\_filename or \\_\\_dirname in `__x`"
        );
        assert_eq!(
            inline("an _emphasis_ and __two words__"),
            "an _emphasis_ and __two words__"
        );
        assert_eq!(
            inline("snake_case and a _ alone"),
            "snake_case and a _ alone"
        );
        // A long text of underscored names is read in one pass.
        let names = "_name ".repeat(200_000);
        assert_eq!(literal_underscores(&names), "\\_name ".repeat(200_000));
        assert_eq!(
            markup_as_code("the SQLITE_OMIT_* options"),
            "the SQLITE_OMIT_\\* options"
        );
        assert_eq!(
            markup_as_code("utf-16* and *.toml, but *this*, *two words* and **that** stay."),
            "utf-16\\* and \\*.toml, but *this*, *two words* and **that** stay."
        );
        assert_eq!(
            markup_as_code("The www.kernel.org/ servers."),
            "The `www.kernel.org/` servers."
        );
        assert_eq!(
            markup_as_code("Use -R<remote name> or [svn-remote \"<remote name>\"]."),
            "Use -R\\<remote name> or [svn-remote \"\\<remote name>\"]."
        );
        let code = Block {
            kind: Kind::Code {
                language: Some("caddyfile".into()),
            },
            text: "site {\n\treverse_proxy :8080\n}".into(),
        };
        assert!(code.markdown().contains("    reverse_proxy"));
        assert_eq!(
            without_prompts("$ git bisect start\n$ git bisect bad"),
            "git bisect start\ngit bisect bad"
        );
        let shown = "$ git status\nOn branch main";
        assert_eq!(without_prompts(shown), shown);
    }

    fn kinds(text: &str) -> Vec<Kind> {
        split(text).into_iter().map(|b| b.kind).collect()
    }

    #[test]
    fn fenced_markdown_keeps_code_lists_and_paragraphs() {
        let text = "Install it first:\n\n```bash\napt install restic\n\nrestic init\n```\n\n\
                    - one item\n- two items\n\nA closing paragraph that reads as prose.";
        let blocks = split(text);
        assert_eq!(blocks.len(), 4, "{blocks:?}");
        assert_eq!(blocks[0].kind, Kind::Prose);
        assert_eq!(
            blocks[1].kind,
            Kind::Code {
                language: Some("bash".into())
            }
        );
        assert_eq!(blocks[1].text, "apt install restic\n\nrestic init");
        assert_eq!(blocks[2].text, "one item\ntwo items");
        assert_eq!(blocks[2].markdown(), "- one item\n- two items");
        assert!(blocks[1].markdown().starts_with("```bash\n"));
    }

    #[test]
    fn code_without_fences_is_recognised() {
        let text = "sudo apt install restic\nsudo install -d -m 0700 /etc/restic\n\n\
                    Copy the password into your password manager now.\n\n\
                    # /etc/restic/local.env\nRESTIC_REPOSITORY=/mnt/backup/restic\n\n\
                    [Unit]\nDescription=Nightly backup\n\n\
                    #!/usr/bin/env bash\nset -euo pipefail\ncd /";
        let blocks = split(text);
        let langs: Vec<Option<&str>> = blocks
            .iter()
            .map(|b| match &b.kind {
                Kind::Code { language } => language.as_deref(),
                _ => Some("prose"),
            })
            .collect();
        assert_eq!(
            langs,
            [Some("sh"), Some("prose"), Some("ini"), Some("bash")],
            "{blocks:?}"
        );
        // The env file and the unit that follows it were one run of code split by a blank
        // line: they stay one block.
        assert!(blocks[2].text.contains("[Unit]"), "{blocks:?}");
    }

    #[test]
    fn lines_that_stand_alone_are_lists() {
        assert_eq!(
            kinds("Choosing hardware\nInstalling the base OS\nSSH hardening"),
            [Kind::List { ordered: false }]
        );
        assert_eq!(
            kinds("A repository holds the data of every run.\nA snapshot is one backup run."),
            [Kind::List { ordered: false }]
        );
        assert_eq!(
            kinds("A paragraph wrapped over\ntwo lines of the source."),
            [Kind::Prose]
        );
        assert_eq!(kinds("| a | b |\n|---|---|\n| 1 | 2 |"), [Kind::Table]);
    }

    #[test]
    fn code_cut_by_a_chunk_boundary_is_a_fragment() {
        let code = |text: &str| Block {
            kind: Kind::Code { language: None },
            text: text.into(),
        };
        assert!(code("}\n\nchain output {\n}\n}").is_fragment());
        assert!(code("table inet filter {\n  chain input {").is_fragment());
        assert!(!code("fn main() {\n    println!(\"[ok]\");\n}").is_fragment());
        assert_eq!(
            guess_language("#!/usr/sbin/nft -f\nflush ruleset").as_deref(),
            Some("nft")
        );
        assert_eq!(
            guess_language("#!/usr/bin/env bash\nset -e").as_deref(),
            Some("bash")
        );
    }

    #[test]
    fn compiler_output_is_code() {
        let text =
            "$ cargo run\n   Compiling ownership v0.1.0\nerror[E0382]: borrow of moved value: `s1`";
        assert!(split(text).iter().all(Block::is_code), "{:?}", split(text));
        assert!(split("").is_empty());
        assert_eq!(split("```\nunclosed").len(), 1);
    }

    #[test]
    fn markup_from_a_hostile_page_is_text_in_the_article() {
        // A knowledge-base file that writes tags into its prose, with and without spaces.
        let prose = Block {
            kind: Kind::Prose,
            text: "Click <img src=x onerror=alert(1)> or <script>steal()</script> now.".into(),
        };
        let markdown = prose.markdown();
        let events: Vec<_> = pulldown_cmark::Parser::new(&markdown).collect();
        assert!(
            !events.iter().any(|e| matches!(
                e,
                pulldown_cmark::Event::Html(_) | pulldown_cmark::Event::InlineHtml(_)
            )),
            "{markdown}"
        );
    }

    #[test]
    fn a_command_named_in_inline_code_is_code_without_its_backticks() {
        let blocks = split("`git cherry-pick master`");
        assert_eq!(blocks.len(), 1);
        assert!(blocks[0].is_code(), "{blocks:?}");
        assert_eq!(blocks[0].text, "git cherry-pick master");
        // A fenced block keeps what it holds.
        let fenced = split("```md\n`code`\n```");
        assert_eq!(fenced[0].text, "`code`");
    }
}
