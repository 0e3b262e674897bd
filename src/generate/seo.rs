//! Search-engine fields and their limits: URL slugs (ASCII, at most 80 characters, unique
//! against what exists), the SEO title (at most 60 characters), the meta description (at
//! most 160 characters, plain text), word-boundary truncation and title casing. Pure
//! functions; lengths are counted in characters, never bytes.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::text;

/// Longest slug produced; long slugs are truncated at a `-` boundary.
const SLUG_MAX: usize = 80;
/// Slug used when the text has nothing that survives ASCII folding.
const SLUG_FALLBACK: &str = "article";
pub const SEO_TITLE_MAX: usize = 60;
pub const DESCRIPTION_MAX: usize = 160;
/// Numbered suffixes tried by `unique_slug` before it switches to hashed ones.
const NUMBERED_ATTEMPTS: usize = 10_000;
const HASHED_ATTEMPTS: u64 = 100;
/// Characters that must not end a truncated text: they promise a continuation.
const DANGLING: &[char] = &[
    ',', ';', ':', '-', '\u{2013}', '\u{2014}', '/', '(', '[', '{', '&',
];
/// Words left lowercase in titles unless first or last, or after a colon.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "per", "so", "the", "to", "via", "vs", "with", "yet",
];

/// Letters NFKD does not decompose, spelled the way they are usually transliterated.
fn transliterate(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ø' => "o",
        'đ' | 'ð' => "d",
        'ł' => "l",
        'þ' => "th",
        'ı' => "i",
        _ => return None,
    })
}

/// A URL slug: NFKD-decomposed, combining marks dropped, a few letters transliterated,
/// lowercase ASCII letters and digits with every other run turned into one `-`, no
/// apostrophes ("don't" → "dont"), trimmed of `-`, at most 80 characters cut at a `-`.
/// Text with no ASCII letter or digit left gives `"article"`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    let folded = text
        .nfkd()
        .filter(|c| !is_combining_mark(*c) && *c != '\'' && *c != '\u{2019}')
        .flat_map(char::to_lowercase);
    for c in folded {
        let piece = transliterate(c);
        let keep = |p: char| p.is_ascii_lowercase() || p.is_ascii_digit();
        match piece {
            Some(p) => slug.push_str(p),
            None if keep(c) => slug.push(c),
            None if !slug.ends_with('-') => slug.push('-'),
            None => {}
        }
    }
    let slug = cut_slug(slug.trim_matches('-'), SLUG_MAX);
    if slug.is_empty() {
        SLUG_FALLBACK.to_string()
    } else {
        slug
    }
}

/// Cuts an ASCII slug to at most `max` characters at a `-` boundary (hard cut when the
/// first word alone is longer).
fn cut_slug(slug: &str, max: usize) -> String {
    if slug.len() <= max {
        return slug.to_string();
    }
    // Slugs are ASCII, so every byte index is a character boundary.
    let cut = match slug[..=max].rfind('-') {
        Some(p) if p > 0 => &slug[..p],
        _ => &slug[..max],
    };
    cut.trim_end_matches('-').to_string()
}

/// The first free slug among `base`, `base-2`, `base-3`, … `base-10000`, then
/// `base-<hash>` with a short FNV-1a hash of `base` and an attempt number. Suffixed slugs
/// shorten `base` to stay within 80 characters. An empty `base` counts as `"article"`. If
/// every candidate is taken (not reachable in practice), the last one is returned and the
/// writer's refusal to overwrite is the backstop.
pub fn unique_slug(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = if base.is_empty() { SLUG_FALLBACK } else { base };
    if !taken(base) {
        return base.to_string();
    }
    let numbered = (2..=NUMBERED_ATTEMPTS).map(|n| n.to_string());
    let hashed = (0..HASHED_ATTEMPTS).map(|salt| format!("{:08x}", fnv1a(base, salt) as u32));
    let mut last = String::new();
    for suffix in numbered.chain(hashed) {
        last = with_suffix(base, &suffix);
        if !taken(&last) {
            break;
        }
    }
    last
}

fn with_suffix(base: &str, suffix: &str) -> String {
    let room = SLUG_MAX.saturating_sub(suffix.len() + 1);
    format!("{}-{suffix}", cut_slug(base, room))
}

/// 64-bit FNV-1a over the text and a salt: tiny, stable across platforms and releases.
fn fnv1a(text: &str, salt: u64) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes().chain(salt.to_le_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// At most `max_chars` characters of `text` (whitespace collapsed), cut at a word boundary
/// with dangling punctuation (`,;:-/([{&` and dashes) removed; no ellipsis. A first word
/// longer than `max_chars` is cut at a character boundary.
pub fn cut_at_word(text: &str, max_chars: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        return collapsed;
    }
    let boundary = collapsed
        .char_indices()
        .nth(max_chars)
        .map_or(collapsed.len(), |(i, _)| i);
    let head = &collapsed[..boundary];
    let at_word_end = collapsed[boundary..].starts_with(' ');
    let cut = match head.rfind(' ') {
        _ if at_word_end => head,
        Some(space) => &head[..space],
        None => head,
    };
    cut.trim_end_matches(|c: char| c.is_whitespace() || DANGLING.contains(&c))
        .to_string()
}

/// The SEO title: the title as plain text, at most 60 characters.
pub fn seo_title(title: &str) -> String {
    cut_at_word(&plain_text(title), SEO_TITLE_MAX)
}

/// A meta description of at most 160 characters: the first prose sentences of `text`
/// (Markdown stripped) that fit whole, or the first one cut at a word; when the text has
/// no prose sentence (only headings, say), its plain text cut to fit.
pub fn description(text: &str) -> String {
    // A lead-in and the list items after it read as one run-on sentence in a description
    // ("…three things must be true: A DNS record…"): neither is taken.
    // Each sentence keeps its place among all of the text's, to tell whether the one before
    // it is left out.
    let all_prose: Vec<(usize, String)> = text::sentences(text)
        .iter()
        .enumerate()
        .filter(|(_, s)| text::is_prose(text, s) && !in_list_item(text, s.start))
        .map(|(at, s)| (at, plain_text(&s.text)))
        .filter(|(_, s)| !s.is_empty() && !s.ends_with(':'))
        .collect();
    // A placeholder (`<branch>`) reads as a tag in plain text: sentences without one first.
    let tagless: Vec<(usize, String)> = all_prose
        .iter()
        .filter(|(_, s)| !has_placeholder(s))
        .cloned()
        .collect();
    let (places, prose): (Vec<usize>, Vec<String>) = if tagless.is_empty() {
        all_prose.into_iter().unzip()
    } else {
        tagless.into_iter().unzip()
    };
    let Some(first) = prose.first() else {
        let all: Vec<String> = text::sentences(text)
            .iter()
            .map(|s| plain_text(&s.text))
            .collect();
        return cut_at_word(&all.join(" "), DESCRIPTION_MAX);
    };
    // Whole sentences only: the first that fits opens it, unless it leans on the sentence
    // before it ("Otherwise it remains…"); a cut one is the last resort.
    let fits = |s: &String| s.chars().count() <= DESCRIPTION_MAX;
    let Some(start) = prose
        .iter()
        .position(|s| fits(s) && !super::quality::opens_dangling(s))
        .or_else(|| prose.iter().position(fits))
    else {
        return cut_at_word(first, DESCRIPTION_MAX);
    };
    let mut out = prose[start].clone();
    for (k, next) in prose.iter().enumerate().skip(start + 1) {
        // A sentence that leans on one the description leaves out ("Otherwise…" after a
        // sentence with a placeholder) ends it.
        let follows = places[k] == places[k - 1] + 1;
        if out.chars().count() + 1 + next.chars().count() > DESCRIPTION_MAX
            || (!follows && super::quality::opens_dangling(next))
        {
            break;
        }
        out.push(' ');
        out.push_str(next);
    }
    out
}

/// Whether the byte `at` of Markdown `text` lies on a list item's line.
fn in_list_item(text: &str, at: usize) -> bool {
    let line_start = text
        .get(..at)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |k| k + 1);
    let line = text.get(line_start..).unwrap_or_default().trim_start();
    super::blocks::list_item(line).is_some()
}

/// Inline Markdown as plain text: links and images keep their text, autolinks their URL,
/// footnote references and HTML tags go, `*`, backticks and emphasis `_` are removed
/// (underscores inside identifiers such as `snake_case` stay), whitespace is collapsed.
/// Whether plain text holds an angle-bracket placeholder or tag (`<branch>`, `<br>`).
fn has_placeholder(text: &str) -> bool {
    text.match_indices('<')
        .any(|(at, _)| text[at + 1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/'))
}

fn plain_text(markdown: &str) -> String {
    let stripped = text::strip_footnote_refs(markdown);
    let mut out = String::with_capacity(stripped.len());
    // Code spans keep what they show (`<branch>`, `**kwargs`); the rest loses its markup.
    for (k, segment) in stripped.split('`').enumerate() {
        if k % 2 == 1 {
            out.push_str(segment);
        } else {
            out.push_str(&without_emphasis(&unlink(segment)));
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` without emphasis marks: asterisks, and underscores that are not inside a word.
fn without_emphasis(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, c) in chars.iter().enumerate() {
        let intraword = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphanumeric())
        };
        let emphasis_underscore =
            *c == '_' && !(intraword(i.checked_sub(1)) && intraword(Some(i + 1)));
        if *c != '*' && !emphasis_underscore {
            out.push(*c);
        }
    }
    out
}

/// Replaces `[text](url)`, `![alt](src)` and `[text][ref]` by their text, `<scheme:…>`
/// autolinks by their address, and drops other `<tags>`.
fn unlink(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find(['[', '<']) {
        let (before, tail) = rest.split_at(at);
        let (kept, consumed) = if tail.starts_with('[') {
            link(tail)
        } else if before.ends_with(|c: char| c.is_alphanumeric()) && !tail.starts_with("</") {
            // `Vec<T>`: a type parameter, not a tag (closing tags may follow a word).
            ("<", 1)
        } else {
            angle(tail)
        };
        let is_image = tail.starts_with('[') && consumed > 1 && before.ends_with('!');
        out.push_str(if is_image {
            &before[..before.len() - 1]
        } else {
            before
        });
        out.push_str(kept);
        rest = &tail[consumed..];
    }
    out.push_str(rest);
    out
}

/// For text starting with `[`: what to keep and how many bytes were consumed.
fn link(tail: &str) -> (&str, usize) {
    let Some(close) = tail.find(']') else {
        return ("[", 1);
    };
    let label = &tail[1..close];
    let after = &tail[close + 1..];
    let target_end = match after.chars().next() {
        Some('(') => matching_paren(after),
        Some('[') => after.find(']').map(|p| p + 1),
        _ => None,
    };
    match target_end {
        Some(end) => (label, close + 1 + end),
        None => ("[", 1),
    }
}

/// Byte index just past the `)` matching the `(` that starts `s`.
fn matching_paren(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// For text starting with `<`: an autolink keeps its address, an HTML tag (`<br>`,
/// `</b>`, `<a href="…">`) is dropped, anything else (`a < b`) is kept as is.
fn angle(tail: &str) -> (&str, usize) {
    let Some(close) = tail.find('>') else {
        return ("<", 1);
    };
    let inner = &tail[1..close];
    let autolink = inner.contains("://") || inner.starts_with("mailto:");
    let tag_start = inner.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
    let tag = tag_start && (!inner.contains(char::is_whitespace) || inner.contains('='));
    if autolink {
        (inner, close + 1)
    } else if tag {
        ("", close + 1)
    } else {
        ("<", 1)
    }
}

/// A title from a topic: each word's first letter capitalised, except small function
/// words that are neither first, last nor after a colon. Words that look deliberate —
/// containing a digit, an uppercase letter after the first character, or code-like
/// characters (`. / _ @ # :` inside the word) — are kept exactly ("SSH", "iPhone",
/// "config.toml"). Hyphenated parts are treated as words ("Step-by-Step").
pub fn title_case(topic: &str) -> String {
    let words: Vec<&str> = topic.split_whitespace().collect();
    let last = words.len().saturating_sub(1);
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for (i, word) in words.iter().enumerate() {
        let after_colon = i > 0 && words[i - 1].ends_with(':');
        let edge = i == 0 || i == last || after_colon;
        out.push(title_word(word, edge));
    }
    out.join(" ")
}

fn title_word(word: &str, edge: bool) -> String {
    if is_deliberate(word) {
        return word.to_string();
    }
    let parts: Vec<String> = word
        .split('-')
        .enumerate()
        .map(|(i, part)| {
            let bare = part
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            let small = SMALL_WORDS.binary_search(&bare.as_str()).is_ok();
            if small && !(edge && i == 0) && !part.is_empty() {
                part.to_string()
            } else {
                capitalise(part)
            }
        })
        .collect();
    parts.join("-")
}

/// Whether a word's casing or shape should be left alone.
fn is_deliberate(word: &str) -> bool {
    let core = word.trim_end_matches(|c: char| !c.is_alphanumeric());
    let core = core.trim_start_matches(|c: char| !c.is_alphanumeric());
    core.chars().any(|c| c.is_numeric())
        || core.chars().skip(1).any(char::is_uppercase)
        || core.contains(['.', '/', '_', '@', '#', ':', '`'])
}

/// Uppercases the first letter, after any leading punctuation ("(beta)" → "(Beta)").
pub(crate) fn capitalise(part: &str) -> String {
    match part.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((i, c)) => {
            let rest = &part[i + c.len_utf8()..];
            format!("{}{}{rest}", &part[..i], c.to_uppercase())
        }
        None => part.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn slugify_examples() {
        assert_eq!(slugify("Crème brûlée: a guide!"), "creme-brulee-a-guide");
        assert_eq!(slugify("日本語"), "article");
        assert_eq!(slugify(""), "article");
        assert_eq!(slugify("  --- !!! "), "article");
        assert_eq!(slugify("Don't Panic — it’s fine"), "dont-panic-its-fine");
        assert_eq!(slugify("Straße & Øresund, Łódź"), "strasse-oresund-lodz");
        assert_eq!(slugify("ﬁle ①"), "file-1");
        assert_eq!(
            slugify("Rust 2024: async/await in 日本"),
            "rust-2024-async-await-in"
        );
        assert_eq!(slugify("C++ vs. C#"), "c-vs-c");
    }

    #[test]
    fn slugify_limits_length_at_dash() {
        let long = "word ".repeat(40);
        let slug = slugify(&long);
        assert!(slug.len() <= 80);
        assert!(slug.ends_with("word") && !slug.ends_with('-'));
        let one = "a".repeat(200);
        assert_eq!(slugify(&one), "a".repeat(80));
        let exact = format!("{}-{}", "a".repeat(40), "b".repeat(39));
        assert_eq!(slugify(&exact), exact);
        let over = format!("{}-{}", "a".repeat(40), "b".repeat(40));
        assert_eq!(slugify(&over), "a".repeat(40));
        let huge = "Ünïcödé ".repeat(50_000);
        assert!(slugify(&huge).len() <= 80);
    }

    #[test]
    fn unique_slug_numbers_then_hashes() {
        assert_eq!(unique_slug("guide", |_| false), "guide");
        let taken: BTreeSet<&str> = ["guide", "guide-2"].into();
        assert_eq!(unique_slug("guide", |s| taken.contains(s)), "guide-3");
        assert_eq!(unique_slug("", |_| false), "article");
        let hashed = unique_slug("guide", |s| {
            !s.starts_with("guide-") || s[6..].parse::<u32>().is_ok()
        });
        assert_eq!(hashed.len(), "guide-".len() + 8);
        assert_eq!(
            hashed,
            unique_slug("guide", |s| !s.starts_with("guide-")
                || s[6..].parse::<u32>().is_ok())
        );
        let all = unique_slug("guide", |_| true);
        assert!(all.starts_with("guide-"));
        let long = "a".repeat(80);
        let next = unique_slug(&long, |s| s == long);
        assert!(next.len() <= 80 && next.ends_with("-2"), "{next}");
    }

    #[test]
    fn cut_at_word_rules() {
        assert_eq!(cut_at_word("Hello brave new world", 11), "Hello brave");
        assert_eq!(cut_at_word("Hello brave new world", 13), "Hello brave");
        assert_eq!(cut_at_word("Hello, brave new world", 8), "Hello");
        assert_eq!(cut_at_word("Intro: the rest", 9), "Intro");
        assert_eq!(cut_at_word("short", 60), "short");
        assert_eq!(cut_at_word("  spaced \n out  ", 60), "spaced out");
        assert_eq!(cut_at_word("Supercalifragilistic", 5), "Super");
        assert_eq!(cut_at_word("ééééé ééé", 4), "éééé");
        assert_eq!(cut_at_word("日本語のテキスト", 3), "日本語");
        assert_eq!(cut_at_word("anything", 0), "");
        assert_eq!(cut_at_word("", 10), "");
        assert_eq!(cut_at_word("a - b - c", 4), "a");
        let huge = "word ".repeat(100_000);
        assert_eq!(cut_at_word(&huge, 12).chars().count(), 9);
    }

    #[test]
    fn seo_title_is_plain_and_bounded() {
        let title = seo_title(
            "A **very** long title about `cargo` and the [Rust](https://rust-lang.org) build system today",
        );
        assert!(title.chars().count() <= 60);
        assert!(
            title.starts_with("A very long title about cargo and the Rust build"),
            "{title}"
        );
        assert_eq!(seo_title(""), "");
    }

    #[test]
    fn descriptions_prefer_sentences_without_placeholders() {
        let text = "If `<branch>` is given, rebase switches to it first. Rebase replays commits.";
        assert_eq!(description(text), "Rebase replays commits.");
        assert_eq!(
            description("Pass `<branch>` to switch first."),
            "Pass <branch> to switch first."
        );
    }

    #[test]
    fn a_description_is_no_lead_in_read_with_its_list_and_does_not_lean_back() {
        let text = "Before Caddy can get a certificate, three things must be true:[^1]\n\n\
                    - A DNS record points at your address.\n\n\
                    Otherwise it cannot connect back. Caddy renews certificates itself.";
        assert_eq!(description(text), "Caddy renews certificates itself.");
        // Nor goes on to a sentence that leans on one it left out.
        let text = "`git-rebase` \u{2014} Reapply commits on top of another base tip.\n\n\
                    If `<branch>` is specified, it switches first. Otherwise it stays.";
        assert_eq!(
            description(text),
            "git-rebase \u{2014} Reapply commits on top of another base tip."
        );
        let text = "Caddy gets certificates. Three things must hold:\n\n- A DNS record.\n\n\
                    Otherwise it cannot connect back.";
        assert_eq!(description(text), "Caddy gets certificates.");
    }

    #[test]
    fn descriptions_end_at_a_sentence_boundary() {
        let long = format!(
            "{} where the success of it all.",
            "A very long opening sentence ".repeat(8)
        );
        let text = format!("{long} Restic keeps encrypted snapshots. It is fast.");
        let d = description(&text);
        assert_eq!(d, "Restic keeps encrypted snapshots. It is fast.");
    }

    #[test]
    fn description_from_first_sentences() {
        let text = "# Heading\n\nRust is *fast*[^1]. It has a [borrow checker](https://x.y/(a)). \
                    Use `snake_case` and _emphasis_ <br> or <https://rust-lang.org>.\n";
        assert_eq!(
            description(text),
            "Rust is fast. It has a borrow checker. Use snake_case and emphasis or https://rust-lang.org."
        );
        let long = format!("{} end.", "word ".repeat(100));
        let d = description(&long);
        assert!(d.chars().count() <= 160 && d.ends_with("word"));
        assert_eq!(description("# Only a heading"), "Only a heading");
        assert_eq!(description(""), "");
        assert_eq!(description("```\ncode\n```"), "");
        let sentences = "First sentence here. ".repeat(20);
        let d = description(&sentences);
        assert!(d.chars().count() <= 160 && d.ends_with("here."), "{d}");
    }

    #[test]
    fn plain_text_edge_cases() {
        assert_eq!(
            plain_text("![alt text](img.png) and [ref][1] and [plain] text"),
            "alt text and ref and [plain] text"
        );
        assert_eq!(plain_text("a < b > c and Vec<T>"), "a < b > c and Vec<T>");
        assert_eq!(
            plain_text("If `<branch>` is given, pass `**kwargs` or `__init__`."),
            "If <branch> is given, pass **kwargs or __init__."
        );
        assert_eq!(plain_text("[unclosed (x"), "[unclosed (x");
        assert_eq!(
            plain_text("<a href=\"x\">link</a> __bold__ a_b"),
            "link bold a_b"
        );
        assert_eq!(plain_text("💡 **Tip**"), "💡 Tip");
    }

    #[test]
    fn title_case_rules() {
        assert_eq!(
            title_case("how to harden ssh on a server"),
            "How to Harden Ssh on a Server"
        );
        assert_eq!(
            title_case("hardening SSH with nftables"),
            "Hardening SSH with Nftables"
        );
        assert_eq!(
            title_case("the iPhone and HTTP2 guide"),
            "The iPhone and HTTP2 Guide"
        );
        assert_eq!(
            title_case("editing config.toml for cargo"),
            "Editing config.toml for Cargo"
        );
        assert_eq!(
            title_case("rust: a guide to the borrow checker"),
            "Rust: A Guide to the Borrow Checker"
        );
        assert_eq!(
            title_case("a step-by-step guide to write in"),
            "A Step-by-Step Guide to Write In"
        );
        assert_eq!(
            title_case("élan vital (beta) notes"),
            "Élan Vital (Beta) Notes"
        );
        assert_eq!(title_case("  spaced   out  "), "Spaced Out");
        assert_eq!(title_case(""), "");
        assert_eq!(title_case("日本語 guide"), "日本語 Guide");
    }

    #[test]
    fn small_words_are_sorted() {
        assert!(SMALL_WORDS.windows(2).all(|w| w[0] < w[1]));
    }
}
