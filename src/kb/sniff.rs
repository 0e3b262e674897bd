//! Owns deciding what a source *is* from its bytes: refusing binaries and empty files with a
//! reason a user can act on, choosing among the text formats the parsers understand, and
//! decoding text (UTF-8 or UTF-16, lossy where it must be).
//!
//! Content decides; the name only breaks ties between text-like formats. A `.md` name never makes
//! a PNG acceptable, and a `.png` name never makes Markdown refuse.

use serde::{Deserialize, Serialize};

/// What a source was recognized as; selects the parser.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Markdown,
    Text,
    Html,
    Json,
    Yaml,
    Code { language: String },
}

impl Format {
    /// The stable name stored with a document and shown to users.
    pub fn name(&self) -> &str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Html => "html",
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Code { .. } => "code",
        }
    }
}

/// Why a source is not ingested; `reason` is shown to the user as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct Refusal {
    pub reason: String,
}

impl Refusal {
    fn new(reason: impl Into<String>) -> Self {
        Refusal {
            reason: reason.into(),
        }
    }
}

/// How much of the head of a file the binary checks look at: enough to see any text file's
/// character, small enough to stay cheap on huge files.
const PROBE_BYTES: usize = 8 * 1024;

/// A text file has almost no control bytes; more than this share (in percent) means binary.
const MAX_CONTROL_PERCENT: usize = 10;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";
const UTF16_LE_BOM: &[u8] = b"\xFF\xFE";
const UTF16_BE_BOM: &[u8] = b"\xFE\xFF";

/// Signatures of common binary formats, checked before anything else so the reason can name
/// the format instead of a generic "binary file".
const MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xFF\xD8\xFF", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1F\x8B", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xFD7zXZ\x00", "xz archive"),
    (b"7z\xBC\xAF\x27\x1C", "7-Zip archive"),
    (b"\x28\xB5\x2F\xFD", "zstd archive"),
    (b"\x7FELF", "ELF executable"),
    (
        b"%PDF-",
        "PDF document; PDF text extraction is not supported",
    ),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xCA\xFE\xBA\xBE", "Java class or Mach-O file"),
    (b"\xCF\xFA\xED\xFE", "Mach-O executable"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"ID3", "MP3 audio"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"wOFF", "WOFF font"),
    (b"wOF2", "WOFF2 font"),
];

/// Known source-code extensions (lowercase) and the language name stored for them.
const CODE_EXTENSIONS: &[(&str, &str)] = &[
    ("rs", "rust"),
    ("py", "python"),
    ("pyi", "python"),
    ("js", "javascript"),
    ("mjs", "javascript"),
    ("cjs", "javascript"),
    ("jsx", "javascript"),
    ("ts", "typescript"),
    ("tsx", "typescript"),
    ("go", "go"),
    ("c", "c"),
    ("h", "c"),
    ("cpp", "cpp"),
    ("cc", "cpp"),
    ("cxx", "cpp"),
    ("hpp", "cpp"),
    ("hh", "cpp"),
    ("java", "java"),
    ("kt", "kotlin"),
    ("kts", "kotlin"),
    ("scala", "scala"),
    ("swift", "swift"),
    ("cs", "csharp"),
    ("rb", "ruby"),
    ("php", "php"),
    ("pl", "perl"),
    ("pm", "perl"),
    ("lua", "lua"),
    ("r", "r"),
    ("jl", "julia"),
    ("hs", "haskell"),
    ("ml", "ocaml"),
    ("ex", "elixir"),
    ("exs", "elixir"),
    ("erl", "erlang"),
    ("clj", "clojure"),
    ("dart", "dart"),
    ("zig", "zig"),
    ("nim", "nim"),
    ("sh", "shell"),
    ("bash", "shell"),
    ("zsh", "shell"),
    ("fish", "fish"),
    ("ps1", "powershell"),
    ("bat", "batch"),
    ("sql", "sql"),
    ("toml", "toml"),
    ("ini", "ini"),
    ("cfg", "ini"),
    ("css", "css"),
    ("scss", "scss"),
    ("vue", "vue"),
    ("svelte", "svelte"),
    ("proto", "protobuf"),
    ("graphql", "graphql"),
    ("tf", "hcl"),
    ("xml", "xml"),
    ("cmake", "cmake"),
    ("gradle", "groovy"),
    ("groovy", "groovy"),
    ("vim", "vim"),
    ("el", "elisp"),
    ("asm", "asm"),
    // A YAML file that does not parse is still worth indexing; as code it is chunked verbatim.
    ("yml", "yaml"),
    ("yaml", "yaml"),
];

/// Extension-less files whose name says what they are.
const CODE_FILE_NAMES: &[(&str, &str)] = &[
    ("dockerfile", "dockerfile"),
    ("containerfile", "dockerfile"),
    ("makefile", "make"),
    ("gnumakefile", "make"),
    ("justfile", "just"),
    ("cmakelists.txt", "cmake"),
];

/// Interpreters named on a `#!` line and their language.
const SHEBANG_LANGUAGES: &[(&str, &str)] = &[
    ("python", "python"),
    ("bash", "shell"),
    ("sh", "shell"),
    ("zsh", "shell"),
    ("dash", "shell"),
    ("node", "javascript"),
    ("deno", "typescript"),
    ("ruby", "ruby"),
    ("perl", "perl"),
    ("php", "php"),
    ("lua", "lua"),
    ("fish", "fish"),
];

/// The language name for a known code extension (lowercase, no dot), if any. Shared with the
/// HTML parser, which recognizes `class="rust"` style hints on `<pre>`.
pub fn language_for_extension(ext: &str) -> Option<&'static str> {
    CODE_EXTENSIONS
        .iter()
        .find(|(e, _)| *e == ext)
        .map(|(_, lang)| *lang)
}

/// Whether `name` is one of the language names this module produces.
pub fn is_known_language(name: &str) -> bool {
    CODE_EXTENSIONS.iter().any(|(_, lang)| *lang == name)
}

/// Decides the format of `bytes`, or refuses them. `name_hint` is a file name, path or URL; it
/// only chooses between text formats.
pub fn sniff(name_hint: &str, bytes: &[u8]) -> Result<Format, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::new("empty file"));
    }
    refuse_binary(bytes)?;
    let (text, _) = decode_text(bytes);
    if text.trim().is_empty() {
        return Err(Refusal::new("empty file (only whitespace)"));
    }
    Ok(classify_text(name_hint, &text))
}

/// Refuses known binary signatures, NUL bytes and control-byte-heavy content. UTF-16 text is
/// checked after decoding because its ASCII characters carry NUL bytes.
fn refuse_binary(bytes: &[u8]) -> Result<(), Refusal> {
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(Refusal::new(format!("binary file ({what})")));
    }
    if is_riff_media(bytes) {
        return Err(Refusal::new("binary file (RIFF media)"));
    }
    if bytes.starts_with(UTF16_LE_BOM) || bytes.starts_with(UTF16_BE_BOM) {
        let (text, _) = decode_text(bytes);
        let probe: Vec<u32> = text.chars().take(PROBE_BYTES).map(u32::from).collect();
        return check_control_share(&probe);
    }
    let probe = &bytes[..bytes.len().min(PROBE_BYTES)];
    if probe.contains(&0) {
        return Err(Refusal::new("binary file (contains NUL bytes)"));
    }
    let units: Vec<u32> = probe.iter().map(|&b| u32::from(b)).collect();
    check_control_share(&units)
}

/// WAV, AVI and WebP all wrap their data in a RIFF container.
fn is_riff_media(bytes: &[u8]) -> bool {
    bytes.len() >= 12 && bytes.starts_with(b"RIFF")
}

/// Refuses when too many code units are control characters other than common whitespace,
/// backspace (overstrike in man pages) and escape (coloured logs).
fn check_control_share(units: &[u32]) -> Result<(), Refusal> {
    if units.is_empty() {
        return Ok(());
    }
    let control = units.iter().filter(|&&u| is_binary_control(u)).count();
    let percent = control * 100 / units.len();
    if percent > MAX_CONTROL_PERCENT {
        return Err(Refusal::new(format!(
            "binary file ({percent}% control bytes)"
        )));
    }
    Ok(())
}

fn is_binary_control(unit: u32) -> bool {
    const ALLOWED: [u32; 6] = [0x08, 0x09, 0x0A, 0x0C, 0x0D, 0x1B];
    (unit < 0x20 && !ALLOWED.contains(&unit)) || unit == 0x7F
}

/// Picks the text format: HTML and JSON by content, then YAML and code by name, then Markdown by
/// content or name, else plain text.
fn classify_text(name_hint: &str, text: &str) -> Format {
    let head = text.trim_start();
    if looks_like_html(head) {
        return Format::Html;
    }
    if (head.starts_with('{') || head.starts_with('['))
        && serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok()
    {
        return Format::Json;
    }
    let ext = extension(name_hint);
    if matches!(ext.as_str(), "yml" | "yaml") && parses_as_yaml(text) {
        return Format::Yaml;
    }
    if let Some(language) = code_language(name_hint, &ext, text) {
        return Format::Code { language };
    }
    if matches!(ext.as_str(), "md" | "markdown" | "mdx" | "mdown") || looks_like_markdown(text) {
        return Format::Markdown;
    }
    Format::Text
}

fn parses_as_yaml(text: &str) -> bool {
    crate::yaml::from_str::<serde_norway::Value>(text, usize::MAX).is_ok()
}

/// The language for a code file, from its extension, its well-known name, or a `#!` line.
fn code_language(name_hint: &str, ext: &str, text: &str) -> Option<String> {
    if let Some(lang) = language_for_extension(ext) {
        return Some(lang.to_string());
    }
    let file_name = file_name(name_hint).to_ascii_lowercase();
    if let Some((_, lang)) = CODE_FILE_NAMES.iter().find(|(n, _)| *n == file_name) {
        return Some((*lang).to_string());
    }
    shebang_language(text)
}

/// `#!/usr/bin/env python3` → python: the interpreter's name minus version digits.
fn shebang_language(text: &str) -> Option<String> {
    let line = text.strip_prefix("#!")?.lines().next()?;
    let mut words = line.split_whitespace();
    let mut program = words.next()?.rsplit('/').next()?;
    if program == "env" {
        program = words.find(|w| !w.starts_with('-'))?;
    }
    let base = program.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.');
    SHEBANG_LANGUAGES
        .iter()
        .find(|(name, _)| *name == base)
        .map(|(_, lang)| (*lang).to_string())
}

/// HTML starts with a doctype or `<html>` (possibly after comments or an XML declaration), or has
/// a `<head>`/`<body>` tag near the top.
fn looks_like_html(head: &str) -> bool {
    let mut rest = head;
    loop {
        let lower = ascii_lower_prefix(rest, 32);
        if lower.starts_with("<!--") {
            match rest.find("-->") {
                Some(end) => rest = rest[end + 3..].trim_start(),
                None => return false,
            }
        } else if lower.starts_with("<?xml") {
            match rest.find("?>") {
                Some(end) => rest = rest[end + 2..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    let lower = ascii_lower_prefix(rest, 1024);
    lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || (lower.starts_with('<') && (lower.contains("<head") || lower.contains("<body")))
}

/// The first `max` bytes of `s` (cut back to a char boundary), lowercased.
fn ascii_lower_prefix(s: &str, max: usize) -> String {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_ascii_lowercase()
}

/// Markdown signals in the first lines: front matter, ATX headings, fences, or `[text](url)`.
fn looks_like_markdown(text: &str) -> bool {
    if text.starts_with("---\n") || text.starts_with("---\r\n") {
        return true;
    }
    text.lines().take(200).any(|line| {
        let trimmed = line.trim_start();
        is_atx_heading(trimmed)
            || trimmed.starts_with("```")
            || trimmed.starts_with("~~~")
            || has_markdown_link(trimmed)
    })
}

fn is_atx_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes)
        && line[hashes..].starts_with(' ')
        && !line[hashes..].trim().is_empty()
}

fn has_markdown_link(line: &str) -> bool {
    line.match_indices("](").any(|(at, _)| {
        line[..at].contains('[') && line[at + 2..].contains(')') && !line[at + 2..].starts_with(')')
    })
}

/// The lowercase extension of the last path segment of a file name, path or URL.
fn extension(name_hint: &str) -> String {
    let name = file_name(name_hint);
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// The last segment of a path or URL, without a URL's query or fragment.
fn file_name(name_hint: &str) -> &str {
    let without_query = name_hint.split(['?', '#']).next().unwrap_or(name_hint);
    without_query
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(without_query)
}

/// Decodes text bytes: strips a UTF-8 BOM, decodes UTF-16 when a UTF-16 BOM says so, otherwise
/// UTF-8. Invalid sequences become U+FFFD and the second value is `true`, so the caller can warn.
pub fn decode_text(bytes: &[u8]) -> (String, bool) {
    if let Some(rest) = bytes.strip_prefix(UTF16_LE_BOM) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(UTF16_BE_BOM) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> (String, bool) {
    let pairs = bytes.chunks_exact(2);
    let dangling_byte = !pairs.remainder().is_empty();
    let mut lossy = dangling_byte;
    let units = pairs.map(|pair| unit([pair[0], pair[1]]));
    let mut text = String::with_capacity(bytes.len() / 2);
    for decoded in char::decode_utf16(units) {
        text.push(decoded.unwrap_or_else(|_| {
            lossy = true;
            char::REPLACEMENT_CHARACTER
        }));
    }
    if dangling_byte {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    (text, lossy)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(name: &str, bytes: &[u8]) -> String {
        sniff(name, bytes).unwrap_err().reason
    }

    #[test]
    fn names_are_stable() {
        assert_eq!(Format::Markdown.name(), "markdown");
        let code = Format::Code {
            language: "rust".into(),
        };
        assert_eq!(code.name(), "code");
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, r#"{"code":{"language":"rust"}}"#);
        assert_eq!(serde_json::to_string(&Format::Html).unwrap(), r#""html""#);
    }

    #[test]
    fn refuses_empty_and_blank() {
        assert_eq!(refused("a.md", b""), "empty file");
        assert!(refused("a.md", b" \n\t\n").starts_with("empty file"));
    }

    #[test]
    fn refuses_binaries_by_magic_whatever_the_name() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
        assert_eq!(refused("notes.md", png), "binary file (PNG image)");
        assert_eq!(
            refused("a.txt", b"\xFF\xD8\xFF\xE0JFIF"),
            "binary file (JPEG image)"
        );
        assert_eq!(
            refused("a.txt", b"PK\x03\x04rest"),
            "binary file (ZIP archive)"
        );
        assert_eq!(
            refused("a.json", b"\x1F\x8B\x08\x00"),
            "binary file (gzip archive)"
        );
        assert_eq!(
            refused("a.rs", b"\x7FELF\x02\x01"),
            "binary file (ELF executable)"
        );
        assert!(refused("a.md", b"%PDF-1.7\n%...").contains("PDF"));
        assert!(refused("a.md", b"GIF89a....").contains("GIF"));
    }

    #[test]
    fn refuses_nul_and_control_heavy_content() {
        assert_eq!(
            refused("x.txt", b"hello\x00world"),
            "binary file (contains NUL bytes)"
        );
        let noisy: Vec<u8> = (0..400u32)
            .map(|i| [b'a', 0x01, 0x02][i as usize % 3])
            .collect();
        assert!(refused("x.md", &noisy).contains("control bytes"));
        // Escape codes and tabs in a log stay text.
        assert_eq!(
            sniff("x.log", b"\x1b[31merror\x1b[0m\tdone\n"),
            Ok(Format::Text)
        );
    }

    #[test]
    fn html_by_content() {
        assert_eq!(
            sniff("x.txt", b"\xEF\xBB\xBF  <!DOCTYPE html><p>x"),
            Ok(Format::Html)
        );
        assert_eq!(sniff("x", b"<HTML><body>x</body>"), Ok(Format::Html));
        assert_eq!(
            sniff("x", b"<!-- c --><div><head></head><body>hi"),
            Ok(Format::Html)
        );
        assert_eq!(
            sniff("x", b"<?xml version=\"1.0\"?>\n<html xmlns=\"x\">"),
            Ok(Format::Html)
        );
        // A Markdown file that merely mentions a tag later is not HTML.
        assert_eq!(
            sniff("x.md", b"# Title\n\nUse <body> tags.\n"),
            Ok(Format::Markdown)
        );
    }

    #[test]
    fn json_only_when_it_parses() {
        assert_eq!(sniff("data", b" {\"a\": [1, 2]}"), Ok(Format::Json));
        assert_eq!(sniff("data.txt", b"[1,2,3]"), Ok(Format::Json));
        assert_eq!(sniff("x", b"{not json"), Ok(Format::Text));
        assert_eq!(
            sniff("x", b"[link](https://example.com) text"),
            Ok(Format::Markdown)
        );
    }

    #[test]
    fn markdown_by_content_or_name() {
        assert_eq!(
            sniff("notes", b"---\ntitle: x\n---\nbody"),
            Ok(Format::Markdown)
        );
        assert_eq!(sniff("notes", b"intro\n## Usage\n"), Ok(Format::Markdown));
        assert_eq!(sniff("notes", b"```\ncode\n```\n"), Ok(Format::Markdown));
        assert_eq!(sniff("README.MD", b"just words"), Ok(Format::Markdown));
        assert_eq!(sniff("notes", b"#hashtag only"), Ok(Format::Text));
    }

    #[test]
    fn yaml_by_name_when_it_parses() {
        assert_eq!(sniff("c.yaml", b"a: 1\nb: [x, y]\n"), Ok(Format::Yaml));
        assert_eq!(sniff("c.yml", b"---\nname: x\n"), Ok(Format::Yaml));
        // Unparseable YAML is still text worth indexing, kept verbatim.
        assert_eq!(
            sniff("c.yml", b"a: [unclosed\n"),
            Ok(Format::Code {
                language: "yaml".into()
            })
        );
        assert_eq!(sniff("c.txt", b"a: 1\n"), Ok(Format::Text));
    }

    #[test]
    fn code_by_name_or_shebang() {
        let rust = Format::Code {
            language: "rust".into(),
        };
        assert_eq!(sniff("/src/main.rs", b"fn main() {}\n"), Ok(rust));
        assert_eq!(
            sniff(
                "https://x.org/a/setup.py?raw=1#L2",
                b"# comment\nimport os\n"
            ),
            Ok(Format::Code {
                language: "python".into()
            })
        );
        assert_eq!(
            sniff("run", b"#!/usr/bin/env python3\nprint(1)\n"),
            Ok(Format::Code {
                language: "python".into()
            })
        );
        assert_eq!(
            sniff("Makefile", b"all:\n\tcc x.c\n"),
            Ok(Format::Code {
                language: "make".into()
            })
        );
        // A code name never rescues a binary.
        assert!(sniff("main.rs", b"\x7FELF\x00\x00").is_err());
    }

    #[test]
    fn utf16_text_is_accepted() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "# Hi\nthere".encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(sniff("x.txt", &bytes), Ok(Format::Markdown));
    }

    #[test]
    fn decode_handles_boms_and_invalid_bytes() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFhi"), ("hi".to_string(), false));
        assert_eq!(
            decode_text(b"caf\xE9 ok"),
            ("caf\u{FFFD} ok".to_string(), true)
        );
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "héllo 😀".encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode_text(&le), ("héllo 😀".to_string(), false));
        assert_eq!(decode_text(&be), ("héllo 😀".to_string(), false));
        // A lone surrogate and a dangling byte are replaced, not fatal.
        let (text, lossy) = decode_text(&[0xFF, 0xFE, 0x00, 0xD8, b'a', 0x00, 0x41]);
        assert!(lossy);
        assert_eq!(text, "\u{FFFD}a\u{FFFD}");
    }

    #[test]
    fn multibyte_at_probe_boundary_is_fine() {
        let mut text = "a".repeat(PROBE_BYTES - 1);
        text.push_str("é and more");
        assert_eq!(sniff("x", text.as_bytes()), Ok(Format::Text));
    }
}
