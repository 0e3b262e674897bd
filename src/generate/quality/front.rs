//! Front matter: splitting it from the body, parsing its YAML and checking its fields.

use super::*;

/// The file split into its YAML front matter and the Markdown body.
pub(super) struct FrontMatter<'a> {
    pub(super) state: FrontState,
    pub(super) body: &'a str,
    /// File line number (1-based) of the body's first line, so body positions map back to
    /// lines the user sees in an editor.
    pub(super) body_line: usize,
}

pub(super) enum FrontState {
    /// No `---` on the first line. `fenced` notes the common mistake of wrapping the front
    /// matter in a code fence, so the detail can say so.
    Missing {
        fenced: bool,
    },
    /// `---` on the first line and no closing `---`.
    Unclosed,
    Parsed(Value),
    Invalid(String),
}

impl<'a> FrontMatter<'a> {
    pub(super) fn split(markdown: &'a str) -> Self {
        let mut lines = LineIter::new(markdown);
        let Some((_, first)) = lines.next() else {
            return Self::missing(markdown, false);
        };
        if first.trim_end() != "---" {
            let fenced = first.trim_start().starts_with("```")
                && lines.next().is_some_and(|(_, l)| l.trim_end() == "---");
            return Self::missing(markdown, fenced);
        }
        let yaml_start = lines.offset();
        let mut line_no = 1;
        while let Some((start, line)) = lines.next() {
            line_no += 1;
            let trimmed = line.trim_end();
            if trimmed == "---" || trimmed == "..." {
                let yaml = &markdown[yaml_start..start];
                return Self {
                    state: parse_yaml(yaml),
                    body: &markdown[lines.offset()..],
                    body_line: line_no + 1,
                };
            }
        }
        Self {
            state: FrontState::Unclosed,
            body: markdown,
            body_line: 1,
        }
    }

    pub(super) fn missing(markdown: &'a str, fenced: bool) -> Self {
        Self {
            state: FrontState::Missing { fenced },
            body: markdown,
            body_line: 1,
        }
    }

    /// The front matter mapping, when there is one.
    pub(super) fn fields(&self) -> Option<&Map<String, Value>> {
        match &self.state {
            FrontState::Parsed(Value::Object(map)) => Some(map),
            _ => None,
        }
    }
}

pub(super) fn parse_yaml(yaml: &str) -> FrontState {
    match crate::yaml::from_str::<Value>(yaml, crate::yaml::MAX_FRONT_MATTER_BYTES) {
        Ok(value) => FrontState::Parsed(value),
        Err(e) => FrontState::Invalid(format!(
            "front matter is not valid YAML: {}",
            truncate(&shift_lines(&clean(&e.to_string()), 1), 4 * QUOTE_CHARS)
        )),
    }
}

/// serde_norway counts lines from the start of the YAML, which is file line 2; every "line N"
/// in its message is shifted so it names the line a user sees in an editor.
pub(super) fn shift_lines(message: &str, by: usize) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find("line ") {
        let (head, tail) = rest.split_at(i + "line ".len());
        out.push_str(head);
        let digits = tail.bytes().take_while(u8::is_ascii_digit).count();
        if let Ok(n) = tail[..digits].parse::<usize>() {
            out.push_str(&n.saturating_add(by).to_string());
            rest = &tail[digits..];
        } else {
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// Lines with the byte offset where each starts; `\r\n` and `\n` both end a line.
pub(super) struct LineIter<'a> {
    pub(super) text: &'a str,
    pub(super) pos: usize,
}

impl<'a> LineIter<'a> {
    pub(super) fn new(text: &'a str) -> Self {
        Self { text, pos: 0 }
    }

    /// Byte offset of the next line.
    pub(super) fn offset(&self) -> usize {
        self.pos
    }
}

impl<'a> Iterator for LineIter<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.text.get(self.pos..).filter(|r| !r.is_empty())?;
        let start = self.pos;
        let (line, consumed) = match rest.find('\n') {
            Some(i) => (&rest[..i], i + 1),
            None => (rest, rest.len()),
        };
        self.pos += consumed;
        Some((start, line.strip_suffix('\r').unwrap_or(line)))
    }
}

pub(super) fn check_front_matter(front: &FrontMatter) -> Check {
    let problems = match &front.state {
        FrontState::Missing { fenced: true } => vec![
            "the front matter is wrapped in a code fence; remove the fence so the file starts \
             with `---`"
                .to_owned(),
        ],
        FrontState::Missing { fenced: false } => {
            vec!["no front matter: the file must start with a `---` line".to_owned()]
        }
        FrontState::Unclosed => {
            vec!["the front matter opened on line 1 is never closed with `---`".to_owned()]
        }
        FrontState::Invalid(message) => vec![message.clone()],
        FrontState::Parsed(Value::Object(map)) => front_matter_fields(map),
        FrontState::Parsed(Value::Null) => vec!["the front matter is empty".to_owned()],
        FrontState::Parsed(_) => {
            vec!["the front matter must be a mapping of `key: value` lines".to_owned()]
        }
    };
    finish(
        "front_matter",
        problems,
        "title, description, date, slug and tags present".to_owned(),
        ("front matter problem", "front matter problems"),
    )
}

pub(super) fn front_matter_fields(map: &Map<String, Value>) -> Vec<String> {
    let mut problems = Vec::new();
    for key in ["title", "description", "date", "slug"] {
        if let Err(problem) = required_string(map, key) {
            problems.push(problem);
        }
    }
    if let Ok(date) = required_string(map, "date")
        && !is_iso_date(date)
    {
        problems.push(format!(
            "`date` {} is not a YYYY-MM-DD calendar date",
            quote(date)
        ));
    }
    if let Ok(slug) = required_string(map, "slug")
        && !is_slug(slug)
    {
        problems.push(format!(
            "`slug` {} must be lowercase letters, digits, `-` and `_`, without a leading or \
             trailing `-`",
            quote(slug)
        ));
    }
    match map.get("tags") {
        None => problems.push("`tags` is missing".to_owned()),
        Some(Value::Array(tags)) if tags.is_empty() => {
            problems.push("`tags` is an empty list".to_owned());
        }
        Some(Value::Array(tags)) => {
            for (i, tag) in tags.iter().enumerate() {
                if tag.as_str().is_none_or(|t| t.trim().is_empty()) {
                    problems.push(format!("`tags[{i}]` must be a non-empty string"));
                }
            }
        }
        Some(_) => problems.push("`tags` must be a list, e.g. `tags: [rust, cli]`".to_owned()),
    }
    for (key, max) in [
        ("seo_title", SEO_TITLE_MAX_CHARS),
        ("description", DESCRIPTION_MAX_CHARS),
    ] {
        match map.get(key) {
            Some(Value::String(s)) if s.chars().count() > max => problems.push(format!(
                "`{key}` is {} characters, at most {max} allowed",
                s.chars().count()
            )),
            Some(Value::String(_)) | None => {}
            // `description` already reported as not a string above.
            Some(_) if key == "description" => {}
            Some(_) => problems.push(format!("`{key}` must be a string")),
        }
    }
    problems
}

pub(super) fn required_string<'m>(
    map: &'m Map<String, Value>,
    key: &str,
) -> Result<&'m str, String> {
    match map.get(key) {
        None => Err(format!("`{key}` is missing")),
        Some(Value::String(s)) if s.trim().is_empty() => Err(format!("`{key}` is empty")),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(format!("`{key}` must be a string")),
    }
}

/// `YYYY-MM-DD` naming a real day (leap years included).
pub(super) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shape = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape {
        return false;
    }
    let num = |r: Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// What a slugifier produces: safe in a URL and as a directory name.
pub(super) fn is_slug(s: &str) -> bool {
    !s.starts_with('-')
        && !s.ends_with('-')
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}
