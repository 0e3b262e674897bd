//! Unit tests of the quality report, check by check.

use std::cell::RefCell;

use super::*;

const GOOD_HASH: &str = "aaaa1111";
const OTHER_HASH: &str = "bbbb2222";

fn known(hash: &str) -> bool {
    hash == GOOD_HASH || hash == OTHER_HASH
}

fn run_with(markdown: &str, tone: &ToneProfile, keywords: &[&str]) -> QualityReport {
    let keywords: Vec<String> = keywords.iter().map(|k| (*k).to_owned()).collect();
    let opts = QualityOptions {
        tone,
        keywords: &keywords,
        resolve_chunk: &known,
        topic: None,
        workflow: None,
    };
    report(markdown, &opts)
}

fn run(markdown: &str) -> QualityReport {
    run_with(markdown, &ToneProfile::default(), &[])
}

fn check<'r>(report: &'r QualityReport, name: &str) -> &'r Check {
    report
        .checks
        .iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no check {name}"))
}

fn assert_fails(report: &QualityReport, name: &str, needles: &[&str]) {
    let c = check(report, name);
    assert!(!c.passed, "{name} should fail:\n{}", c.detail);
    assert!(!report.passed);
    for needle in needles {
        assert!(
            c.detail.contains(needle),
            "{name} detail lacks {needle:?}:\n{}",
            c.detail
        );
    }
}

fn assert_passes(report: &QualityReport, name: &str) {
    let c = check(report, name);
    assert!(c.passed, "{name} should pass:\n{}", c.detail);
}

/// `n` short, plain, distinct sentences as one paragraph.
fn para(seed: &str, n: usize) -> String {
    (0..n)
        .map(|i| format!("Note {seed} {i} says you can read the file and move on."))
        .collect::<Vec<_>>()
        .join(" ")
}

const FRONT: &str = "---
title: Reading files with cgen
seo_title: Reading files with cgen
description: How to read files with cgen, step by step.
date: 2024-05-01
slug: reading-files
tags: [cgen, files]
sources:
  - id: 1
    title: Guide
    chunks: [aaaa1111]
  - id: 2
    chunks: [\"bbbb2222\"]
---
";

/// An article that passes every check with the default profile.
fn good_article() -> String {
    format!(
        "{FRONT}# Reading files with cgen\n\n{}[^1]\n\n## First steps\n\n{}\n\n\
             ```rust\nfn main() {{}}\n```\n\n### A detail\n\n{}\n\n## Next steps\n\n{}[^2]\n\n\
             ## FAQ\n\n### Does it work offline?\n\n{}\n\n### Is it fast?\n\n{}\n\n\
             ## Conclusion\n\n{}\n\n[^1]: Reading files with cgen, part one.\n[^2]: Guide, part two.\n",
        para("intro", 5),
        para("first", 6),
        para("detail", 3),
        para("next", 8),
        para("faq-a", 2),
        para("faq-b", 2),
        para("end", 4),
    )
}

/// The good article with `text` at the start of its "Next steps" section.
fn next_steps(text: &str) -> String {
    good_article().replace("## Next steps\n\n", &format!("## Next steps\n\n{text}"))
}

/// The good article with `text` at the start of its "First steps" section.
fn first_steps(text: &str) -> String {
    good_article().replace("## First steps\n\n", &format!("## First steps\n\n{text}"))
}

/// Line number (1-based) of the first line containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn good_article_passes_everything() {
    let text = good_article();
    let r = run_with(&text, &ToneProfile::default(), &["cgen"]);
    for c in &r.checks {
        assert!(c.passed, "{} failed:\n{}", c.name, c.detail);
    }
    assert!(r.passed);
    assert_eq!(r.headings, 8);
    assert!(r.words > 300, "{}", r.words);
    assert!(r.readability_grade > 0.0 && r.readability_grade < 10.0);
    let names: Vec<&str> = r.checks.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "front_matter",
            "headings",
            "section_words",
            "citations",
            "code_fences",
            "duplicate_paragraphs",
            "readability",
            "keyword_density",
            "avoided_phrases",
            "markup_leaks",
            "code_in_prose",
            "local_paths",
            "broken_sentences",
            "dangling_openers",
            "absent_references",
            "repeated_sentences",
            "off_topic_sections",
            "workflow_parts",
        ]
    );
}

#[test]
fn report_is_deterministic_and_serializes() {
    let text = good_article();
    let a = run(&text);
    assert_eq!(a, run(&text));
    let json = serde_json::to_string(&a).unwrap();
    let back: QualityReport = serde_json::from_str(&json).unwrap();
    assert_eq!(a, back);
}

#[test]
fn render_text_marks_each_check() {
    let text = good_article().replace("## Next steps", "## Next steps\n\n```\nopen");
    let r = run(&text);
    let out = render_text(&r);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("quality: FAIL ("), "{out}");
    assert!(out.contains("PASS front_matter: "), "{out}");
    assert!(
        out.contains("FAIL code_fences: 1 unclosed fence\n  - the fence"),
        "{out}"
    );
    assert!(out.is_ascii() || !out.contains('\u{2713}'));
    let good = render_text(&run(&good_article()));
    assert!(
        good.starts_with("quality: PASS (18 of 18 checks passed;"),
        "{good}"
    );
}

// --- front matter ---------------------------------------------------------------------

#[test]
fn missing_front_matter() {
    let r = run("# Title\n\nText.\n");
    assert_fails(&r, "front_matter", &["must start with a `---` line"]);
}

#[test]
fn fenced_front_matter_is_named() {
    let r = run("```yaml\n---\ntitle: x\n---\n```\n");
    assert_fails(&r, "front_matter", &["wrapped in a code fence"]);
}

#[test]
fn unclosed_front_matter() {
    let r = run("---\ntitle: x\n\n# Heading\n");
    assert_fails(&r, "front_matter", &["never closed"]);
}

#[test]
fn invalid_yaml_reports_the_file_line() {
    let r = run("---\ntitle: ok\ntags: [a, b\n---\nbody\n");
    // The YAML parser's own line numbers are shifted to file lines.
    assert_fails(
        &r,
        "front_matter",
        &["not valid YAML", "at line 4 column 1", "at line 3 column 7"],
    );
}

#[test]
fn front_matter_must_be_a_mapping() {
    assert_fails(&run("---\n- a\n- b\n---\n"), "front_matter", &["mapping"]);
    assert_fails(&run("---\n---\nbody\n"), "front_matter", &["empty"]);
    assert_fails(&run("---\njust text\n---\n"), "front_matter", &["mapping"]);
}

#[test]
fn every_missing_field_is_listed() {
    let r = run("---\nauthor: me\n---\n");
    assert_fails(
        &r,
        "front_matter",
        &[
            "5 front matter problems",
            "`title` is missing",
            "`description` is missing",
            "`date` is missing",
            "`slug` is missing",
            "`tags` is missing",
        ],
    );
}

#[test]
fn field_values_are_checked() {
    let r = run(
        "---\ntitle: \"  \"\ndescription: 12\ndate: 2023-02-29\nslug: Hello World\n\
             tags: rust\n---\n",
    );
    assert_fails(
        &r,
        "front_matter",
        &[
            "`title` is empty",
            "`description` must be a string",
            "`date` \"2023-02-29\" is not a YYYY-MM-DD",
            "`slug` \"Hello World\" must be lowercase",
            "`tags` must be a list",
        ],
    );
    let r = run("---\ntitle: t\ndescription: d\ndate: 2024-1-5\nslug: s\ntags: []\n---\n");
    assert_fails(&r, "front_matter", &["2024-1-5", "`tags` is an empty list"]);
    let r = run("---\ntitle: t\ndescription: d\ndate: 2024-01-05\nslug: s\ntags: [a, '']\n---\n");
    assert_fails(
        &r,
        "front_matter",
        &["`tags[1]` must be a non-empty string"],
    );
}

#[test]
fn dates() {
    for ok in ["2024-02-29", "2000-02-29", "1999-12-31", "2024-04-30"] {
        assert!(is_iso_date(ok), "{ok}");
    }
    for bad in [
        "2023-02-29",
        "1900-02-29",
        "2024-04-31",
        "2024-13-01",
        "2024-00-10",
        "2024-01-00",
        "24-01-01",
        "2024/01/01",
        "2024-01-01T00:00:00Z",
        "２０２４-01-01",
        "",
        "abcd-ef-gh",
    ] {
        assert!(!is_iso_date(bad), "{bad}");
    }
}

#[test]
fn seo_limits() {
    let long_title = "t".repeat(61);
    let long_desc = "é".repeat(161);
    let text = format!(
        "---\ntitle: t\nseo_title: {long_title}\ndescription: {long_desc}\n\
             date: 2024-01-01\nslug: s\ntags: [a]\n---\n"
    );
    assert_fails(
        &run(&text),
        "front_matter",
        &[
            "`seo_title` is 61 characters, at most 60",
            "`description` is 161 characters",
        ],
    );
    // Exactly at the limit, counted in characters not bytes.
    let text = format!(
        "---\ntitle: t\nseo_title: {}\ndescription: {}\ndate: 2024-01-01\nslug: s\n\
             tags: [a]\n---\n",
        "t".repeat(60),
        "é".repeat(160)
    );
    assert_passes(&run(&text), "front_matter");
    let text = "---\ntitle: t\nseo_title: [x]\ndescription: d\ndate: 2024-01-01\nslug: s\n\
                    tags: [a]\n---\n";
    assert_fails(
        &run(text),
        "front_matter",
        &["`seo_title` must be a string"],
    );
}

#[test]
fn front_matter_variants_are_accepted() {
    let fm = "title: t\ndescription: d\ndate: 2024-01-01\nslug: a-b_c\ntags: [a]";
    // CRLF line endings, a BOM, and the YAML `...` end marker.
    assert_passes(
        &run(&format!(
            "\u{feff}---\r\n{}\r\n---\r\nbody\r\n",
            fm.replace('\n', "\r\n")
        )),
        "front_matter",
    );
    assert_passes(&run(&format!("---\n{fm}\n...\nbody\n")), "front_matter");
    // A file that is only front matter, no trailing newline.
    assert_passes(&run(&format!("---\n{fm}\n---")), "front_matter");
}

#[test]
fn body_line_numbers_count_the_front_matter() {
    let text = good_article().replace("## Next steps", "## Next steps\n\n~~~\nunclosed");
    let line = line_of(&text, "~~~");
    assert_fails(
        &run(&text),
        "code_fences",
        &[&format!("opened on line {line}")],
    );
}

// --- headings -------------------------------------------------------------------------

#[test]
fn headings_in_code_do_not_count() {
    let r = run("# One\n\n```\n# not a heading\n## nor this\n```\n\n## Two\n");
    assert_eq!(r.headings, 2);
    assert_fails(&r, "headings", &["2 headings; at least 3 required"]);
}

#[test]
fn setext_and_deep_headings_count() {
    let r = run("Title\n=====\n\nSub\n---\n\n### Three\n\n#### Four\n");
    assert_eq!(r.headings, 4);
    assert_passes(&r, "headings");
    // `#hashtag` is not a heading in CommonMark.
    assert_eq!(run("#one\n#two\n#three\n").headings, 0);
}

#[test]
fn a_heading_that_skips_a_level_fails() {
    // A subheading in the introduction (the title is the first level), and one two levels
    // under its section.
    let r = run("Intro text.\n\n### Event: 'close'\n\n## One\n\n## Two\n\n#### Deep\n");
    assert_fails(
        &r,
        "headings",
        &[
            "line 3: a level-3 heading after level 1",
            "a level-4 heading after level 2",
        ],
    );
}

#[test]
fn heading_minimum_comes_from_the_tone() {
    let tone = ToneProfile {
        min_headings: 0,
        ..ToneProfile::default()
    };
    assert_passes(&run_with("no headings", &tone, &[]), "headings");
}

// --- section words --------------------------------------------------------------------

#[test]
fn each_part_is_measured_against_its_own_target() {
    let text = format!(
        "# Title\n\n{}\n\n## Tiny\n\n{}\n\n## Huge\n\n{}\n\n## Summary\n\n{}\n",
        para("intro", 1),
        para("tiny", 2),
        para("huge", 60),
        para("end", 25),
    );
    let r = run(&text);
    assert_fails(
        &r,
        "section_words",
        &[
            "4 parts outside their word targets",
            "introduction: 12 words, target 40-220",
            &format!(
                "\"## Tiny\" (line {}): 24 words, target 80-600",
                line_of(&text, "## Tiny")
            ),
            "\"## Huge\"",
            "720 words",
            "\"## Summary\"",
            "300 words, target 20-200",
        ],
    );
}

#[test]
fn subsections_and_code_belong_to_their_section() {
    // 6 + 6 sentences of 12 words = 144 words once the H3 is included; the code blocks
    // add nothing.
    let code = "word ".repeat(1000);
    let text = format!(
        "{}\n\n## Main\n\n{}\n\n```\n{code}\n```\n\n    {code}\n\n### Part\n\n{}\n",
        para("intro", 4),
        para("a", 6),
        para("b", 6),
    );
    let r = run(&text);
    assert_passes(&r, "section_words");
    assert_eq!(r.words, 48 + 144);
}

#[test]
fn faq_answers_are_checked_one_by_one() {
    let text = format!(
        "{}\n\n## Frequently asked questions\n\nA short lead-in.\n\n### Why?\n\nBecause.\n\n\
             ### How?\n\n{}\n\n#### Deeper\n\n{}\n",
        para("intro", 4),
        para("how", 5),
        para("deeper", 8),
    );
    let r = run(&text);
    assert_fails(
        &r,
        "section_words",
        &[
            "2 parts outside",
            "answer to \"### Why?\"",
            "1 word, target 15-150",
            "answer to \"### How?\"",
            "156 words",
        ],
    );
    // The H2 lead-in itself has no target.
    assert!(!check(&r, "section_words").detail.contains("## Frequently"));
}

#[test]
fn h3_outside_an_faq_is_not_an_answer() {
    let text = format!(
        "{}\n\n## FAQ\n\n### Q?\n\n{}\n\n## Usage\n\n### Short\n\nTiny.\n\n{}\n",
        para("intro", 4),
        para("q", 2),
        para("usage", 8),
    );
    assert_passes(&run(&text), "section_words");
}

#[test]
fn reference_sections_have_no_target() {
    let text = format!(
        "{}\n\n## Body\n\n{}\n\n## References\n\n- one\n- two\n\n## See also\n\n- x\n",
        para("intro", 4),
        para("body", 8),
    );
    assert_passes(&run(&text), "section_words");
}

#[test]
fn document_that_starts_with_a_section_has_an_empty_introduction() {
    let r = run(&format!("## Only\n\n{}\n", para("x", 8)));
    assert_fails(&r, "section_words", &["introduction: 0 words"]);
}

#[test]
fn word_targets_come_from_the_tone() {
    let mut tone = ToneProfile::default();
    tone.section_words.introduction = (1, 5);
    let r = run_with("One two three four five six.\n", &tone, &[]);
    assert_fails(&r, "section_words", &["introduction: 6 words, target 1-5"]);
}

// --- citations ------------------------------------------------------------------------

#[test]
fn no_citations_passes() {
    let c = run("Plain text.\n").checks.remove(3);
    assert_eq!(c.name, "citations");
    assert!(c.passed);
    assert_eq!(c.detail, "no citations");
}

#[test]
fn footnotes_need_definitions_and_uses() {
    let text = "Intro.\n\nSee this[^a] and that[^missing].\n\n[^a]: A.\n[^unused]: U.\n";
    assert_fails(
        &run(text),
        "citations",
        &[
            "footnote [^missing] on line 3 has no definition",
            "footnote definition [^unused] on line 6 is never referenced",
        ],
    );
}

#[test]
fn bracket_text_that_is_not_a_footnote_is_ignored() {
    let text = "Use `[^a-z]` to match, or [^ spaced], or [^].\n\n```\n[^x]\n```\n";
    assert_passes(&run(text), "citations");
}

#[test]
fn footnote_labels_are_case_insensitive() {
    assert_passes(&run("Ref[^Note].\n\n[^note]: defined.\n"), "citations");
}

#[test]
fn resolved_sources_pass() {
    let c = run(&good_article()).checks.remove(3);
    assert!(c.passed, "{}", c.detail);
    assert!(c.detail.contains("2 sources with 2 chunks"), "{}", c.detail);
}

#[test]
fn unresolved_chunks_fail_with_their_hash_and_citing_footnote() {
    let text = good_article().replace("chunks: [\"bbbb2222\"]", "chunks: [bbbb2222, deadbeef]");
    let line = line_of(&text, "move on.[^2]");
    assert_fails(
        &run(&text),
        "citations",
        &[
            "source \"2\": chunk \"deadbeef\" is not in the knowledge base",
            &format!("footnote [^2] (line {line}) cites source \"2\", which does not resolve"),
        ],
    );
}

#[test]
fn numeric_footnote_without_a_source_fails() {
    let text = good_article()
        .replace("[^2]\n\n## FAQ", "[^2][^3]\n\n## FAQ")
        .replace(
            "[^2]: Guide, part two.",
            "[^2]: Guide, part two.\n[^3]: Extra.",
        );
    assert_fails(
        &run(&text),
        "citations",
        &["footnote [^3]", "matches no id"],
    );
}

#[test]
fn named_footnotes_need_no_source() {
    let text = good_article()
        .replace("[^2]\n\n## FAQ", "[^2][^aside]\n\n## FAQ")
        .replace(
            "[^2]: Guide, part two.",
            "[^2]: Guide, part two.\n[^aside]: By the way.",
        );
    assert_passes(&run(&text), "citations");
}

#[test]
fn malformed_sources_are_reported() {
    let base = "---\ntitle: t\nsources: SOURCES\n---\nText.\n";
    let cases = [
        ("oops", "`sources` must be a list"),
        ("[{title: x}]", "`sources[0]` has no `id`"),
        ("[{id: 1}]", "has no `chunks` list"),
        ("[{id: 1, chunks: []}]", "lists no chunks"),
        ("[{id: 1, chunks: [42]}]", "not a hash string"),
        (
            "[{id: 1, chunks: [aaaa1111]}, {id: 1, chunks: [aaaa1111]}]",
            "appears twice",
        ),
    ];
    for (sources, expected) in cases {
        let text = base.replace("SOURCES", sources);
        assert_fails(&run(&text), "citations", &[expected]);
    }
}

#[test]
fn each_chunk_is_resolved_once() {
    let calls = RefCell::new(Vec::new());
    let resolve = |hash: &str| {
        calls.borrow_mut().push(hash.to_owned());
        true
    };
    let text = "---\nsources:\n  - {id: 1, chunks: [h1, h2]}\n  - {id: 2, chunks: [h1]}\n---\n\
                    A[^1] b[^2].\n\n[^1]: a\n[^2]: b\n";
    let tone = ToneProfile::default();
    let opts = QualityOptions {
        tone: &tone,
        keywords: &[],
        resolve_chunk: &resolve,
        topic: None,
        workflow: None,
    };
    let r = report(text, &opts);
    assert_passes(&r, "citations");
    assert_eq!(*calls.borrow(), ["h1", "h2"]);
}

#[test]
fn zero_padded_footnote_matches_its_source() {
    let text = "---\nsources: [{id: 1, chunks: [aaaa1111]}]\n---\nA[^01].\n\n[^01]: a\n";
    assert_passes(&run(text), "citations");
}

// --- code fences ----------------------------------------------------------------------

#[test]
fn fences_balanced() {
    let text = "````md\n```\nnested\n```\n````\n\n~~~\n```\n~~~\n\n- item\n\n  ```sh\n  ls\n  ```\n\n> ```\n> q\n> ```\n";
    let c = run(text).checks.remove(4);
    assert!(c.passed, "{}", c.detail);
    assert_eq!(c.detail, "4 fenced code blocks, all closed");
    assert_eq!(run("text").checks[4].detail, "no fenced code blocks");
}

#[test]
fn unclosed_fences_are_reported_with_lines() {
    assert_fails(
        &run("a\n\n```rust\nfn x() {}\n"),
        "code_fences",
        &["\"```rust\" opened on line 3"],
    );
    // A shorter closer does not close a longer opener.
    assert_fails(&run("````\ncode\n```\n"), "code_fences", &["line 1"]);
    // A different fence character does not close it either.
    assert_fails(&run("~~~\ncode\n```\n"), "code_fences", &["line 1"]);
    // An opener on the last line.
    assert_fails(&run("text\n\n```"), "code_fences", &["line 3"]);
    // A block quote that ends before its fence is closed.
    assert_fails(&run("> ```\n> code\n\nafter\n"), "code_fences", &["line 1"]);
}

// --- duplicates -----------------------------------------------------------------------

#[test]
fn duplicate_paragraphs_are_found_after_normalising() {
    let p = "This paragraph says the very same thing twice over here.";
    let text = format!(
        "{p}\n\nOther.\n\n{}\n\n- {p}\n",
        p.to_uppercase().replace(' ', "  \n")
    );
    assert_fails(
        &run(&text),
        "duplicate_paragraphs",
        &[
            "1 repeated paragraph",
            "\"This paragraph says the very same",
            "lines 1, 5, 16",
        ],
    );
}

#[test]
fn short_paragraphs_and_code_may_repeat() {
    let code = "```\nlet a = one two three four five six seven eight nine;\n```";
    let text = format!("See the example.\n\nSee the example.\n\n{code}\n\n{code}\n");
    assert_passes(&run(&text), "duplicate_paragraphs");
}

// --- readability ----------------------------------------------------------------------

#[test]
fn syllable_estimates() {
    for (word, n) in [
        ("the", 1),
        ("cat", 1),
        ("make", 1),
        ("makes", 1),
        ("jumped", 1),
        ("wanted", 2),
        ("boxes", 2),
        ("table", 2),
        ("reading", 2),
        ("simple", 2),
        ("syllable", 3),
        ("readability", 5),
        ("queue", 1),
        ("2024", 1),
        ("", 1),
        ("Internationalization", 8),
    ] {
        assert_eq!(syllables(word), n, "{word}");
    }
}

#[test]
fn sentence_splitting() {
    let s = sentences("One two. Three, e.g. four? \"Five!\" Six (seven.) Eight 3.14 nine");
    let counts: Vec<usize> = s.iter().map(|x| x.2).collect();
    assert_eq!(counts, [2, 3, 1, 2, 3]);
    assert!(sentences("  — | ").is_empty());
    // An abbreviation after a parenthesis does not end the sentence either.
    let s = sentences("Shared libraries (e.g. `.so` files) load late. Done.");
    let counts: Vec<usize> = s.iter().map(|x| x.2).collect();
    assert_eq!(counts, [7, 1]);
    // "etc." ends a sentence where a new one starts, not inside one.
    let s = sentences("Test them (build, run, etc.) before you push. Logs, traces, etc. Done.");
    let counts: Vec<usize> = s.iter().map(|x| x.2).collect();
    assert_eq!(counts, [8, 3, 1]);
}

#[test]
fn grade_matches_the_formula() {
    // 2 sentences, 9 words, 11 syllables.
    let r = run("The cat sat down. A happy dog barked loudly.\n");
    let expected = 0.39 * 4.5 + 11.8 * (11.0 / 9.0) - 15.59;
    assert!(
        (r.readability_grade - expected).abs() < 0.01,
        "{}",
        r.readability_grade
    );
}

#[test]
fn inline_code_counts_as_a_word_of_one_syllable() {
    // 1 sentence, 5 words: "Call" 1, the code 1, "inside" 2, "the" 1, "coroutine" 3.
    let r = run("Call `asyncio.get_running_loop()` inside the coroutine.\n");
    let expected = 0.39 * 5.0 + 11.8 * (8.0 / 5.0) - 15.59;
    assert!(
        (r.readability_grade - expected).abs() < 0.01,
        "{}",
        r.readability_grade
    );
}

#[test]
fn grade_is_never_negative() {
    let r = run("Go. Run. Sit. Eat. Nap.");
    assert_eq!(r.readability_grade, 0.0);
    assert_passes(&r, "readability");
}

#[test]
fn hard_prose_fails_and_quotes_the_longest_sentence() {
    let long = "Notwithstanding considerable organizational complexity, \
                    comprehensive infrastructural modernization necessitates \
                    extraordinarily sophisticated interdisciplinary collaboration \
                    throughout implementation.";
    let text = format!("# T\n\nShort one.\n\n{long}\n");
    let r = run(&text);
    assert_fails(
        &r,
        "readability",
        &[
            "above the maximum 12",
            "14 words on line 5",
            "\"Notwithstanding",
        ],
    );
    assert!(r.readability_grade > 10.0);
}

#[test]
fn no_prose_is_not_graded() {
    let r = run("# Only\n\n```\ncode\n```\n");
    assert_passes(&r, "readability");
    assert_eq!(check(&r, "readability").detail, "no prose to grade");
    assert_eq!(r.readability_grade, 0.0);
    assert_eq!(r.words, 0);
}

#[test]
fn reading_level_comes_from_the_tone() {
    let tone = ToneProfile {
        reading_level: 1.0,
        ..ToneProfile::default()
    };
    let r = run_with(
        "Comprehensive modernization necessitates collaboration.",
        &tone,
        &[],
    );
    assert_fails(&r, "readability", &["above the maximum 1"]);
}

// --- keyword density ------------------------------------------------------------------

#[test]
fn stuffed_keywords_fail_and_the_worst_is_first() {
    // 100 words: "rust" 10 times, "async code" 7 times.
    let mut words: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
    for i in 0..10 {
        words[i * 10] = "Rust".to_owned();
    }
    for i in 0..7 {
        words[i * 10 + 1] = "async".to_owned();
        words[i * 10 + 2] = "code".to_owned();
    }
    let text = words.join(" ");
    let r = run_with(
        &text,
        &ToneProfile::default(),
        &["async code", "rust", "absent"],
    );
    let c = check(&r, "keyword_density");
    assert!(!c.passed);
    let lines: Vec<&str> = c.detail.lines().collect();
    assert_eq!(
        lines[0], "2 keywords above their density limit",
        "{}",
        c.detail
    );
    assert!(
        lines[1].starts_with("\"rust\" 10.00% (10 in 100 words)"),
        "{}",
        c.detail
    );
    assert!(
        lines[2].starts_with("\"async code\" 7.00% (7 in 100 words)"),
        "{}",
        c.detail
    );
}

#[test]
fn keyword_matching_respects_word_boundaries() {
    let text = "Trust the rustacean. Rusty bits. Rust-based tools use rust.";
    let r = run_with(text, &ToneProfile::default(), &["rust"]);
    // "Rust-based" and "rust." match; 2 of 9 words.
    assert!(
        check(&r, "keyword_density")
            .detail
            .contains("(2 in 9 words)")
    );
}

#[test]
fn keywords_pass_within_the_limit_and_in_headings_only() {
    let text = format!("# cgen cgen cgen\n\n{}\n", para("x", 10));
    let r = run_with(&text, &ToneProfile::default(), &["cgen", "CGEN", "  "]);
    assert_passes(&r, "keyword_density");
    assert!(
        check(&r, "keyword_density")
            .detail
            .starts_with("worst: \"cgen\" 0.00%")
    );
    assert_eq!(
        check(&run(&text), "keyword_density").detail,
        "no keywords given"
    );
}

#[test]
fn density_without_prose() {
    let r = run_with("# Title\n", &ToneProfile::default(), &["title"]);
    assert_eq!(check(&r, "keyword_density").detail, "no prose to measure");
}

#[test]
fn keywords_in_table_cells_count() {
    let text = "| a | b |\n|---|---|\n| rust | rust |\n";
    let r = run_with(text, &ToneProfile::default(), &["rust"]);
    assert_eq!(r.words, 4);
    assert_fails(&r, "keyword_density", &["(2 in 4 words)"]);
}

// --- avoided phrases ------------------------------------------------------------------

#[test]
fn avoided_phrases_are_reported_with_lines() {
    let text = "---\ntitle: A game-changer for files\n---\n# Intro\n\nLet us delve into it.\n\n\
                    In Today\u{2019}s fast-paced\nworld, things move.\n\n## It's important to note\n";
    assert_fails(
        &run(text),
        "avoided_phrases",
        &[
            "4 avoided phrases used",
            "\"game-changer\" in front matter `title`",
            "\"delve\" on line 6: \"Let us delve into it.\"",
            "\"in today's fast-paced world\" on line 8",
            "\"it's important to note\" on line 11",
        ],
    );
}

#[test]
fn avoided_phrase_quotes_keep_the_original_text() {
    let text = "Ünïcödé 😀 text: It\u{2019}s Important To Note that 😀 ends here.";
    assert_fails(
        &run(text),
        "avoided_phrases",
        &["on line 1: \"Ünïcödé 😀 text: It\u{2019}s Important To Note that 😀 ends here.\""],
    );
}

#[test]
fn avoided_phrases_respect_word_boundaries_and_code() {
    let text =
        "He delved into it. Delver. `delve` is a function.\n\n```\ndelve\n```\n\n    delve\n";
    assert_passes(&run(text), "avoided_phrases");
    assert!(
        check(&run(text), "avoided_phrases")
            .detail
            .contains("none of 12")
    );
}

#[test]
fn avoided_phrases_in_footnotes_and_lists_count() {
    let text = "Ok[^1].\n\n- we move seamlessly\n\n[^1]: A cutting-edge source.\n";
    assert_fails(
        &run(text),
        "avoided_phrases",
        &["\"seamlessly\" on line 3", "\"cutting-edge\" on line 5"],
    );
}

#[test]
fn empty_avoid_list_passes() {
    let tone = ToneProfile {
        avoid: Vec::new(),
        ..ToneProfile::default()
    };
    assert_passes(&run_with("We delve.", &tone, &[]), "avoided_phrases");
}

#[test]
fn phrase_edges_that_are_not_letters_need_no_boundary() {
    let folded = Folded::new("I like C++ and c++17.");
    assert_eq!(folded.find_all("c++").len(), 2);
    let folded = Folded::new("aaa aa");
    assert_eq!(folded.find_all("aa"), [4]);
}

// --- hostile input --------------------------------------------------------------------

#[test]
fn degenerate_documents_do_not_panic() {
    for text in [
        "",
        "\u{feff}",
        "---",
        "---\n",
        "---\n---",
        "\n\n\n",
        "\r\r\r# x\r",
        "```",
        "~~~~~~~~~~",
        "[^",
        "[^]",
        "[^x",
        "[^1]:",
        "#",
        "| |\n|-|\n",
        "\u{0}\u{1b}[31m\u{7f}",
        "> > > > > > > > > > - - - - - 1. 1. ```",
        "<div>\n# not markdown\n</div>",
        "![delve](x.png)",
        "\u{10ffff}\u{1f600}é\u{301}",
    ] {
        let r = run(text);
        let _ = render_text(&r);
        assert!(r.readability_grade.is_finite());
    }
}

#[test]
fn deep_nesting_and_long_lines() {
    let nested = format!("{}deep text here.\n", "> ".repeat(2000));
    let _ = run(&nested);
    let lists = format!("{}item\n", "- ".repeat(2000));
    let _ = run(&lists);
    let long = "word ".repeat(200_000);
    let r = run(&long);
    assert_eq!(r.words, 200_000);
    assert_fails(&r, "readability", &["200000 words on line 1"]);
}

#[test]
fn yaml_bombs_are_refused() {
    let bomb = "---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
                    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n\
                    g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\nh: [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n---\n";
    assert_fails(&run(bomb), "front_matter", &["not valid YAML"]);
    let deep = format!(
        "---\na: {}{}\n---\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    assert_fails(&run(&deep), "front_matter", &["not valid YAML"]);
}

#[test]
fn terminal_escapes_never_reach_the_report() {
    let text = "---\ntitle: \"\\e[31mred\"\n---\n## \u{1b}[2Jclear\n\n```\u{1b}]0;x\u{7}\ncode\n\nWe delve\u{1b}[0m here.[^\u{1b}x]\n";
    let r = run(text);
    let json = serde_json::to_string(&r).unwrap();
    assert!(!json.contains("\\u001b"), "{json}");
    assert!(!render_text(&r).contains('\u{1b}'));
}

#[test]
fn problem_lists_are_capped() {
    let many: String = (0..100).map(|i| format!("Ref[^n{i}].\n\n")).collect();
    let c = check(&run(&many), "citations").clone();
    assert!(
        c.detail.starts_with("100 citation problems"),
        "{}",
        c.detail
    );
    assert!(c.detail.ends_with("... and 80 more"), "{}", c.detail);
    assert_eq!(c.detail.lines().count(), 1 + MAX_PROBLEMS + 1);
}

#[test]
fn shifting_yaml_line_numbers() {
    assert_eq!(
        shift_lines("x at line 3 column 1, y at line 12", 1),
        "x at line 4 column 1, y at line 13"
    );
    assert_eq!(
        shift_lines("inline value, line x", 1),
        "inline value, line x"
    );
    assert_eq!(
        shift_lines("line 99999999999999999999999", 1),
        "line 99999999999999999999999"
    );
}

#[test]
fn quotes_are_short_and_single_line() {
    let q = quote(&format!("a\nb\t{}", "c".repeat(200)));
    assert!(q.starts_with("\"a b ccc"));
    assert!(q.ends_with("...\""));
    assert_eq!(q.chars().count(), QUOTE_CHARS + 5);
}

// --- leaks ------------------------------------------------------------------------------

#[test]
fn an_it_standing_for_the_clause_after_it_needs_nothing_before_it() {
    for whole in [
        "It is possible to specify both a registry version and a `git` location.",
        "It's a good idea to pin the release in production.",
        "It may be necessary to restart the daemon after an upgrade.",
        "It is also often useful to keep the lock file in version control.",
        "It is not recommended that a library pins exact versions.",
    ] {
        assert!(!opens_dangling(whole), "{whole}");
    }
    for leaning in [
        "It is used to store the key.",
        "It is possible.",
        "It was the default before version 2.",
        "It can be slow on large repositories.",
    ] {
        assert!(opens_dangling(leaning), "{leaning}");
    }
}

#[test]
fn a_section_opening_on_an_emphatic_connective_leans_on_what_came_before() {
    assert!(opens_dangling("In fact, git bisect can find any change."));
    assert!(opens_dangling("That said, we will not cover it."));
    assert!(!opens_dangling(
        "In Git, a bisect session finds the change."
    ));
}

#[test]
fn a_section_opening_that_adds_to_or_looks_back_at_earlier_text_dangles() {
    assert!(opens_dangling("We can also join a table against itself."));
    assert!(opens_dangling(
        "Note: This latter equivalence does not hold for three tables."
    ));
    assert!(opens_dangling(
        "Thus far, our queries have only accessed one table at a time."
    ));
    assert!(opens_dangling(
        "One of these, called the path based finder, looks."
    ));
    // Pointing at what follows, or "also" far into the sentence, is fine.
    assert!(!opens_dangling("Pick one of these:"));
    assert!(opens_dangling(
        "OK, still with me? Let's go back to the earlier repository:"
    ));
    assert!(opens_dangling("Thus far we read one table, as follows:"));
    assert!(!opens_dangling(
        "A join reads two tables and can also read one table twice."
    ));
    assert!(!opens_dangling(
        "Build scripts are also allowed to have dependencies."
    ));
    assert!(!opens_dangling(
        "Issue this command to show what has been done so far:"
    ));
    assert!(looks_back(
        "Join queries of the kind seen so far are inner joins."
    ));
    assert!(!looks_back("Finally, `NATURAL` is a shorthand."));
    assert!(opens_dangling(
        "When an application receives this error message, it should retry."
    ));
    assert!(!opens_dangling("To see the plan, run this command:"));
    assert!(opens_dangling(
        "If Rust did this, the operation could be very expensive."
    ));
    // The heading over it names what it points at.
    assert!(!opens_dangling_under(
        "In order to use this command to delete a row, give its text.",
        "The 'delete' Command"
    ));
    assert!(opens_dangling_under(
        "In order to use this command to delete a row, give its text.",
        "Deleting rows"
    ));
    assert!(!opens_dangling(
        "`--quiet`: use this option to print nothing but errors."
    ));
    assert!(!opens_dangling(
        "A join is a query that reads two tables, and this query type is common."
    ));
}

#[test]
fn a_sentence_may_run_on_after_the_code_its_lead_in_introduces() {
    let text = first_steps(
        "Suppose that transaction A computes:\n\n```sql\nSELECT 1;\n```\n\n\
         and then inserts the result as a new row of the table.\n\n",
    );
    assert_passes(&run(&text), "broken_sentences");
    // Without the colon, or after plain text, a lowercase start is a fragment.
    let cut = first_steps(
        "Suppose that transaction A computes a sum.\n\n```sql\nSELECT 1;\n```\n\n\
         and then inserts the result as a new row of the table.\n\n",
    );
    assert_fails(&run(&cut), "broken_sentences", &["lowercase"]);
}

#[test]
fn a_long_sentence_naming_a_few_capitalised_terms_is_a_sentence() {
    let text = first_steps(
        "The isolation levels are read in lowercase and the serializable level is the \
         strictest. If either transaction were running at the Repeatable Read isolation \
         level, both would be allowed to commit; but since there is no serial order of \
         execution consistent with the result, using Serializable transactions will allow \
         one transaction to commit and roll the other back.\n\n",
    );
    assert_passes(&run(&text), "broken_sentences");
}

#[test]
fn a_term_in_code_and_its_capitalised_description_are_not_titles() {
    let text = first_steps(
        "The interface reads a line, and a tab completes an optional function name.\n\n\
         - `completer` `<Function>` An optional function used for Tab autocompletion.\n\
         - `terminal` `<boolean>` Whether the streams are a terminal.\n\n",
    );
    assert_passes(&run(&text), "broken_sentences");
}

#[test]
fn a_symbol_of_one_capital_and_digits_is_not_a_title_word() {
    let text = first_steps(
        "Each row of `t1` and `t2` is read once. Then, for each row in T1 that does not \
         match any row in T2, a joined row is added with nulls in T2 and R1.\n\n",
    );
    assert_passes(&run(&text), "broken_sentences");
}

#[test]
fn the_word_function_before_an_aside_is_prose() {
    let text = first_steps(
        "This function (when compiled with unwinding) may unwind frames. \
         In 3.10 this function (and others that use it) warned.\n\n",
    );
    assert_passes(&run(&text), "markup_leaks");
    let names = first_steps(
        "Read the rest of the document. The page tutorial-window.html and \
         the file window.html explain it.\n\n",
    );
    assert_passes(&run(&names), "markup_leaks");
}

#[test]
fn markup_json_and_script_text_in_prose_fail() {
    for (leak, sign) in [
        (
            "one.\",\"breadcrumbs\":\"Book » Ownership\",\"id\":\"11\"",
            "JSON",
        ),
        ("with\\nRust\\n1.30.", "escaped newline"),
        ("the &lt;div class=\"x\"&gt; wrapper", "HTML tag"),
        ("a &amp;nbsp; space", "HTML entity"),
        ("call function(e) { return e; }", "script"),
        ("call function () {return 1}", "script"),
        ("then document.getElementById(\"x\") runs", "script"),
        ("set window.location to it", "script"),
    ] {
        let text = first_steps(&format!("{leak}\n\n"));
        assert_fails(&run(&text), "markup_leaks", &[sign]);
    }
    let raw = first_steps("<nav>menu</nav>\n\n");
    assert_fails(&run(&raw), "markup_leaks", &["raw HTML"]);
}

#[test]
fn markup_in_inline_code_and_comments_passes() {
    let text =
        first_steps("The index holds `{\"id\":\"11\"}` and `<div>` tags.\n\n<!-- a note -->\n\n");
    assert_passes(&run(&text), "markup_leaks");
}

#[test]
fn code_and_terminal_output_in_prose_fail() {
    for (leak, sign) in [
        (
            "fn calculate_length(s: &String) -> usize { // s is a reference s.len() } // Here, s goes out of scope.",
            "code (",
        ),
        (
            "The build said error: could not compile `demo` today.",
            "could not compile",
        ),
        ("Run it: ~$ cargo run and watch.", "terminal output"),
        (
            "The build printed Compiling demo v0.1.0 and stopped.",
            "terminal output",
        ),
    ] {
        let text = first_steps(&format!("{leak}\n\n"));
        assert_fails(&run(&text), "code_in_prose", &[sign]);
    }
}

#[test]
fn prose_with_a_symbol_or_inline_code_is_not_code() {
    let text = first_steps(
        "The flow is A -> B; then `fn main() { let x = 1; }` runs (once).\n\n\
         Compiling in JSON support is a build option.\n\n",
    );
    assert_passes(&run(&text), "code_in_prose");
}

#[test]
fn local_paths_in_references_front_matter_and_prose_fail() {
    let text = good_article()
        .replace(
            "    title: Guide\n",
            "    title: Guide\n    source: /home/me/docs/guide.md\n",
        )
        .replace(
            "[^1]: Reading files with cgen, part one.",
            "[^1]: Guide — C:\\Users\\me\\guide.html",
        )
        .replace(
            "## First steps\n\n",
            "## First steps\n\nSee file:///usr/share/doc/rust/html/book/ch04.html for more.\n\n",
        );
    assert_fails(
        &run(&text),
        "local_paths",
        &[
            "`sources[0].source`",
            "in reference on line",
            "in prose on line",
        ],
    );
}

#[test]
fn a_sentence_set_as_code_fails_and_code_passes() {
    let text =
        next_steps("```text\nThe reader opens every file in the folder before it starts.\n```\n\n");
    assert_fails(
        &run(&text),
        "code_in_prose",
        &["a sentence set as code on line"],
    );
    let code =
        next_steps("```text\nerror: could not compile `demo` due to 2 previous errors.\n```\n\n");
    assert_passes(&run(&code), "code_in_prose");
    // The tail of a sentence cut from the text around it, and an SQL clause that is code.
    let tail = next_steps("```sh\nwhere point 2. consists of several instances of\n```\n\n");
    assert_fails(&run(&tail), "code_in_prose", &["a sentence set as code"]);
    let clause = next_steps("```sql\nwhere name = 'Alice' and balance > 100\n```\n\n");
    assert_passes(&run(&clause), "code_in_prose");
    // Three plain words opening on a joining word are a tail too; a shell line is not.
    let short = next_steps("```sh\nthen the command\n```\n\n");
    assert_fails(&run(&short), "code_in_prose", &["a sentence set as code"]);
    let shell = next_steps("```sh\nthen exit 1\n```\n\n");
    assert_passes(&run(&shell), "code_in_prose");
    let sql = next_steps("```sql\nwhere deleted is null\n```\n\n");
    assert_passes(&run(&sql), "code_in_prose");
}

#[test]
fn a_listing_of_many_lines_is_never_read_as_prose() {
    // Every reading of prose set as code is of one or two lines; a long listing is not read
    // word by word, however plain its words.
    let line = "the quick brown fox jumps over the lazy dog";
    assert!(reads_as_prose(line));
    assert!(!reads_as_prose(&format!("{line}\n").repeat(100_000)));
    // Terms in code spans are words of the sentence.
    assert!(reads_as_prose(
        "where `frame_start` and `frame_end` can be one of"
    ));
    // A sentence about the code spans in it, and code with a comment that is not one.
    assert!(reads_as_prose(
        "`log = \"^1.2.3\"` is exactly equivalent to `log = \"1.2.3\"`."
    ));
    assert!(!reads_as_prose("log = \"^1.2.3\" # same as 1.2.3"));
    assert!(!reads_as_prose("`x` = 1."));
    // Code spans with spaces and symbols in them, and a comma after one, are words too:
    // Markdown's marks left in a code block are prose.
    assert!(reads_as_prose(
        "Also, we saw that it was not ok for us to treat `&mut &'a T` as a subtype of \
         `&mut &'b T`, therefore we can say that `&mut T` is invariant over `T`"
    ));
    // A shell line with an unpaired backtick is not.
    assert!(!reads_as_prose("echo `date +%s > /tmp/stamp"));
    // A definition's term in code marks, alone, is prose; a shell line quoting one is not.
    assert!(reads_as_prose("`patch.object`:"));
    assert!(!reads_as_prose("echo `date`"));
    assert!(!reads_as_prose("`git cherry-pick master`"));
    // Hyphenated words and a trailing ellipsis are prose; flags are not.
    assert!(reads_as_prose(
        "It is recommended to group the `cargo::rustc-check-cfg` and `cargo::rustc-cfg` \
         instructions as closely as possible in order to avoid typos, missing check-cfg, stale \
         cfgs…"
    ));
    assert!(!reads_as_prose(
        "git log --oneline --graph --decorate --all --stat --since yesterday"
    ));
}

#[test]
fn a_paragraph_wrapped_by_hand_in_a_code_block_is_prose() {
    let story = "I have a master branch.  We have a branch off of that that some\n\
                 developers are doing work on.  They claim it is ready. We merge it\n\
                 into the master branch.  It breaks something so we revert the merge.";
    assert!(reads_as_prose(story));
    // Indented lines are code, numbers and symbols are output, and a listing longer than a
    // paragraph is not read word by word.
    let indented = story.replace("\ndevelopers", "\n    developers");
    assert!(!reads_as_prose(&indented));
    assert!(!reads_as_prose(
        "Bisecting: 675 revisions left to test after this (roughly 10 steps)\n\
         [3f2a9c1] Merge branch 'topic' into master\n\
         Running tests in /src/app: 12 passed, 0 failed."
    ));
    assert!(!reads_as_prose(&format!("{story}\n").repeat(10)));
    let text = good_article().replace(
        "## Next steps",
        &format!("## Next steps\n\n```sh\n{story}\n```\n"),
    );
    assert_fails(&run(&text), "code_in_prose", &["a sentence set as code"]);
}

#[test]
fn system_paths_and_urls_in_prose_pass() {
    let text = good_article()
        .replace(
            "description: How to read files with cgen, step by step.",
            "description: The journal is kept in memory under /run/log/journal and lost at shutdown.",
        )
        .replace(
        "## First steps\n\n",
        "## First steps\n\nEdit /etc/ssh/sshd_config, keep ~/.cache small and read \
         https://example.org/a/b.html; File::open(path) opens it.\n\n",
    );
    assert_passes(&run(&text), "local_paths");
}

// --- broken sentences -------------------------------------------------------------------

#[test]
fn broken_sentences_are_named_with_their_fault() {
    let long = vec!["word"; 61].join(" ");
    for (bad, fault) in [
        (
            "handled by the timer on most systems.",
            "starts in lowercase",
        ),
        ("The timer runs it every night", "has no end mark"),
        (
            "A convenient way to see this is to run queries such as.",
            "ends where what it introduces should follow",
        ),
        (
            "The threshold is defined as.",
            "ends where what it introduces should follow",
        ),
        ("Done.", "has 1 word"),
        (&format!("The {long}."), "has 62 words"),
        (
            "It has Choosing Hardware Installing The Base System Guide today.",
            "capitalised words in a row",
        ),
        (
            "See Choosing hardware Installing the base OS Firewall with nftables Running \
             services with Podman Reverse proxy with TLS using Caddy today.",
            "like a list of titles",
        ),
    ] {
        let text = first_steps(&format!("{bad}\n\n"));
        assert_fails(&run(&text), "broken_sentences", &[fault]);
    }
}

#[test]
fn a_sentence_may_end_on_a_preposition_or_a_colon() {
    let text = first_steps(
        "The timer reads the file the unit refers to. Options differ from the ones it \
         came with. The values are compared as is. Run queries such as:\n\n\
         ```sql\nSELECT 1;\n```\n\n",
    );
    assert_passes(&run(&text), "broken_sentences");
    assert!(!ends_before_its_continuation("It is the one we spoke of."));
    assert!(ends_before_its_continuation("Options include e.g."));
    assert!(!ends_before_its_continuation(
        "Use a shell or a script such as:"
    ));
}

#[test]
fn list_items_names_and_real_lists_are_not_broken() {
    let text = first_steps(
        "- short item\n- another one\n\nrestic keeps a cache; restic is a name \
         here. Popular tools are Podman, Docker, Kubernetes, Nomad and Ansible.\n\n",
    );
    assert_passes(&run(&text), "broken_sentences");
}

#[test]
fn a_list_of_titles_to_read_next_is_not_broken() {
    let text = first_steps(
        "Further reading:\n\n- What Unsafe Can Do Here\n- The Rust Programming \
         Language Book Of Many Chapters\n\n",
    );
    assert_passes(&run(&text), "broken_sentences");
    // An item that is a sentence is still held to the title rules.
    let text = first_steps(
        "- It has Choosing Hardware Installing The Base System Guide today.\n\
         - Another item here.\n\n",
    );
    assert_fails(
        &run(&text),
        "broken_sentences",
        &["capitalised words in a row"],
    );
}

#[test]
fn the_composer_cuts_a_paragraph_where_the_report_finds_a_broken_sentence() {
    let none = SentenceContext::default();
    let long = vec!["word"; 61].join(" ");
    assert_eq!(
        broken_from("The timer runs. It works every night.", &none),
        None
    );
    let paragraph = format!("The timer runs every night. The {long}. It works.");
    assert_eq!(
        broken_from(&paragraph, &none),
        Some("The timer runs every night. ".len())
    );
    // Offsets are into the Markdown, inline marks included.
    let paragraph = "The `timer` runs **every** night. handled by the timer on most systems.";
    let at = broken_from(paragraph, &none).unwrap();
    assert_eq!(&paragraph[at..], "handled by the timer on most systems.");
    assert_eq!(broken_from("handled by the timer.", &none), Some(0));
    // The page around it says which capitals are a title run into the sentence.
    let shout = "Always check the result. Do Not Do This.";
    assert_eq!(broken_from(shout, &none), None);
    assert_eq!(
        broken_from(shout, &SentenceContext::new("do not do this at home")),
        Some("Always check the result. ".len())
    );
}

#[test]
fn one_slip_in_fifty_sentences_is_tolerated() {
    // With 20 more sentences the good article has more than 50; one fragment is 2 % or less.
    let text = first_steps(&format!(
        "handled by the timer here.\n\n{}\n\n",
        para("more", 20)
    ));
    let r = run(&text);
    let c = check(&r, "broken_sentences");
    assert!(c.passed, "{}", c.detail);
    assert!(c.detail.starts_with("1 of "), "{}", c.detail);
}

// --- coherence --------------------------------------------------------------------------

#[test]
fn sections_opening_on_absent_text_fail() {
    for (opener, why) in [
        ("This is why it matters.", "\"this\""),
        ("So, the file is read.", "connective \"so\""),
        ("Next, we'll read the file.", "connective \"next\""),
        ("Without it, nothing works.", "\"without it\""),
        ("Another important example is Vec.", "\"another\""),
        ("Anyway, let's exit the viewer.", "connective \"anyway\""),
        ("To do so, add a key to the table.", "\"to do so\""),
        ("One solution is to add a constraint.", "\"one solution\""),
    ] {
        let text = first_steps(&format!("{opener} "));
        assert_fails(&run(&text), "dangling_openers", &[why, "First steps"]);
    }
}

#[test]
fn a_description_without_the_entry_it_describes_opens_nothing() {
    // "First steps" names no entry; the sentence's subject was the entry's signature.
    let text = first_steps("Returns a `Server` object. ");
    assert_fails(
        &run(&text),
        "dangling_openers",
        &[
            "describes an entry it does not name with \"Returns\"",
            "First steps",
        ],
    );
    // Python's docstrings describe in the imperative.
    let text = first_steps("Raise a `RuntimeError` if there is no running loop. ");
    assert_fails(
        &run(&text),
        "dangling_openers",
        &["describes an entry it does not name with \"Raise\""],
    );
    // Under a heading that names the entry, or a manual page's section, it is whole; a
    // plural noun or an adverb ending in "s" is no verb; a tutorial's instruction is no
    // description.
    for (heading, opener) in [
        ("## `loop.create_server()`", "Returns a `Server` object. "),
        (
            "## `asyncio.get_running_loop()`",
            "Return the running event loop. ",
        ),
        ("## First steps", "Create a file for each repository. "),
        ("## Buffer.concat", "Returns a new `Buffer`. "),
        ("## DESCRIPTION", "Shows the commit logs. "),
        ("## First steps", "Tests are run with the test command. "),
        ("## First steps", "Sometimes the file is read twice. "),
    ] {
        let text = first_steps(opener).replace("## First steps", heading);
        assert_passes(&run(&text), "dangling_openers");
    }
}

#[test]
fn self_references_and_faq_pronouns_open_fine() {
    let text = first_steps("This section reads a file. ").replace(
        "### Is it fast?\n\n",
        "### Is it fast?\n\nIt is fast enough. ",
    );
    assert_passes(&run(&text), "dangling_openers");
}

#[test]
fn references_to_absent_listings_and_chapters_fail() {
    for (text, found) in [
        ("Try the code in Listing 4-6 now.", "Listing 4-6"),
        ("As we saw in Chapter 8, files open.", "Chapter 8"),
        ("In this chapter, we'll read files.", "this chapter"),
        ("Use the tag as in the example above.", "the example above"),
        (
            "Recall that we defined the reader with a buffer.",
            "Recall that",
        ),
        (
            "Assuming you created the above branch, merge it now.",
            "the above",
        ),
        (
            "Panicking in the previous example's reader is rude.",
            "the previous example",
        ),
        (
            "The sections below describe how readers work.",
            "sections below",
        ),
        (
            "The first section introduces the terms used for the remainder of the document.",
            "The first section",
        ),
        ("Exercise: Find out what the other readers do.", "Exercise:"),
        (
            "A string is made up of three parts, shown on the left.",
            "shown on the left",
        ),
        (
            "Nothing changed, so it is not run again; see change detection below for more.",
            "see change detection below",
        ),
        (
            "The reader stops early (see the section on buffers above).",
            "see the section on buffers above",
        ),
        (
            "Sometimes the thing fixed in b.2. cannot be amended to the commit it fixes.",
            "b.2",
        ),
    ] {
        let article = next_steps(&format!("{text} "));
        assert_fails(&run(&article), "absent_references", &[found]);
    }
    // A lead-in to the output that follows it is no pointer elsewhere.
    let lead_in = next_steps("See the output below:\n\n```text\nok\n```\n\n");
    assert_passes(&run(&lead_in), "absent_references");
    // Abbreviations and versions are no list labels.
    let abbreviations = next_steps("Use a pager, e.g. less, i.e. a program; see v2.1 notes. ");
    assert_passes(&run(&abbreviations), "absent_references");
    // A "see" with a subject is what the reader sees, not a pointer.
    let seen = next_steps("You will see the reader stop early, later in the run. ");
    assert_passes(&run(&seen), "absent_references");
    // A label the article gives itself may be referred to.
    let own = good_article().replace(
        "## Next steps\n\n",
        "## Step 2: next steps\n\nAs in Step 2, read the file. ",
    );
    assert_passes(&run(&own), "absent_references");
}

#[test]
fn a_see_touching_punctuation_is_reported_whole_and_never_panics() {
    let article = next_steps("Nothing ran again; see: change detection below for more. ");
    assert_fails(
        &run(&article),
        "absent_references",
        &["see: change detection below"],
    );
    let _ = run(&next_steps(
        "Nothing ran again; see\u{ab}\u{bb}\u{ab}\u{bb} \u{65e5} below for more. ",
    ));
}

#[test]
fn a_paragraph_pointing_at_code_that_is_not_there_fails() {
    for pointer in [
        "This function is safe and correct.",
        "In this example, the reader stops early.",
        "These examples print the file.",
    ] {
        let article = next_steps(&format!("{pointer}\n\n"));
        assert_fails(
            &run(&article),
            "absent_references",
            &["points at code that is not there"],
        );
        let after_code = next_steps(&format!("```rust\nfn read() {{}}\n```\n\n{pointer}\n\n"));
        assert_passes(&run(&after_code), "absent_references");
    }
    // "This file" or "This approach" is not code.
    let plain = next_steps("This approach reads every file once.\n\n");
    assert!(
        !check(&run(&plain), "absent_references")
            .detail
            .contains("points at code")
    );
}

#[test]
fn a_lead_in_with_nothing_after_it_points_at_absent_text() {
    // Followed by prose, or by the next heading: what it introduces is not there.
    for lead_in in [
        "Elision rules are as follows:",
        "Let's start with an example.",
        "The following bullets enumerate the options.",
        "The table below lists the limits.",
    ] {
        let article = first_steps(&format!("The reader opens files. {lead_in}\n\n"));
        assert_fails(&run(&article), "absent_references", &[lead_in]);
        let at_the_end =
            good_article().replace("\n\n## Next steps", &format!(" {lead_in}\n\n## Next steps"));
        assert_fails(&run(&at_the_end), "absent_references", &["introduces"]);
    }
    // "The following" that names no block, and "below" as a plain word, point nowhere.
    for plain in [
        "On the following day, the job runs again.",
        "Keep the load below ten percent.",
    ] {
        let article = first_steps(&format!("The reader opens files. {plain}\n\n"));
        assert_passes(&run(&article), "absent_references");
    }
    // Followed by the code, list or table it introduces: whole.
    for introduced in [
        "```sh\ncgen read\n```",
        "- one item\n- another item",
        "| a | b |\n| --- | --- |\n| 1 | 2 |",
    ] {
        let article = next_steps(&format!("It works as follows:\n\n{introduced}\n\n"));
        assert_passes(&run(&article), "absent_references");
    }
}

// --- repetition -------------------------------------------------------------------------

#[test]
fn near_duplicate_paragraphs_fail() {
    let p = "The backup job copies every file in the home folder to the external disk each night";
    let near =
        "The backup job copies every file in the home folder to the external drive each night too";
    let text = next_steps(&format!("{p}.\n\n{near}.\n\n"));
    assert_fails(&run(&text), "duplicate_paragraphs", &["nearly repeats"]);
}

#[test]
fn entries_defining_different_terms_alike_are_not_repeats() {
    let entry = |term: &str| {
        format!(
            "{term}: This option is only valid for the `push` and `save` commands of the stash."
        )
    };
    let text = next_steps(&format!(
        "{}\n\n{}\n\n",
        entry("`-a`, `--all`"),
        entry("`-k`, `--keep-index`, `--no-keep-index`")
    ));
    assert_passes(&run(&text), "duplicate_paragraphs");
    // A list of variables written "term — description", in two lists.
    let dashed = next_steps(
        "- `CARGO_FEATURE_<name>` — For each activated feature of the package \
         being built, this variable is present.\n\nThe compiler sets more.\n\n\
         - `CARGO_CFG_FEATURE` — Each activated feature of the package being built, this \
         variable is present.\n\n",
    );
    assert_passes(&run(&dashed), "duplicate_paragraphs");
    // Node's API lists: code spans, then the description.
    let spans = next_steps(
        "- `history` `<string[]>` Initial history. This option makes sense \
         only if `terminal` is set to `true` by the user. Default: `[]`.\n\nMore.\n\n\
         - `historySize` `<number>` Maximum history. This option makes sense only if \
         `terminal` is set to `true` by the user.\n\n",
    );
    assert_passes(&run(&spans), "duplicate_paragraphs");
    assert_passes(&run(&spans), "repeated_sentences");
    // The same term defined twice is a repeat.
    let twice = next_steps(&format!(
        "{}\n\n{} Really.\n\n",
        entry("`-a`, `--all`"),
        entry("`-a`, `--all`")
    ));
    assert_fails(&run(&twice), "duplicate_paragraphs", &["nearly repeats"]);
}

#[test]
fn a_sentence_said_twice_fails() {
    let s = "Save the rule as its own file in the folder.";
    let text = next_steps(&format!("{s} Keep it. {s}\n\n"));
    assert_fails(&run(&text), "repeated_sentences", &["within the paragraph"]);
    // Across two paragraphs, unless they are entries defining different terms.
    let entry = |term: &str| format!("- `{term}`: Generated when true. {s}");
    let entries = next_steps(&format!(
        "{}\n\nMore.\n\n{}\n\n",
        entry("eq"),
        entry("order")
    ));
    assert_passes(&run(&entries), "repeated_sentences");
    let same = next_steps(&format!(
        "{}\n\nMore.\n\n- `eq`: Compared when true. {s}\n\n",
        entry("eq")
    ));
    assert_fails(&run(&same), "repeated_sentences", &["repeats line"]);
}

// --- topic and workflow -----------------------------------------------------------------

#[test]
fn a_section_without_the_topics_terms_is_off_topic() {
    let bread = "Sourdough bread needs a lively starter, flour, water and salt. ".repeat(3);
    let text = good_article().replace(
        "## Next steps",
        &format!("## Baking\n\n{bread}\n\n## Next steps"),
    );
    let r = run(&text);
    // The topic is the front matter title, "Reading files with cgen": terms read, file, cgen.
    assert_fails(&r, "off_topic_sections", &["\"## Baking\""]);
    let c = check(&r, "off_topic_sections");
    assert!(!c.detail.contains("First steps"), "{}", c.detail);
}

#[test]
fn the_composer_sees_the_sections_the_report_calls_off_topic() {
    let bread = "Sourdough bread needs a lively starter, flour, water and salt. ".repeat(3);
    let body = format!(
        "{}\n\n## Reading `files` in order\n\n{}\n\n## Baking\n\n{bread}\n",
        para("intro", 4),
        "Read each file with cgen, one file at a time. ".repeat(3)
    );
    assert_eq!(
        off_topic_headings(&body, "reading files with cgen"),
        vec!["Baking".to_owned()]
    );
    assert!(
        off_topic_headings(&body, "sourdough bread").contains(&"Reading files in order".to_owned())
    );
}

#[test]
fn a_reference_entry_for_another_class_is_off_topic_even_from_the_topics_page() {
    let entry = |name: &str, words: &str| {
        format!(
            "## Class: {name}\n\n{}[^2]\n\n### `{}.size`\n\n{}[^2]\n",
            words.repeat(3),
            name.to_lowercase(),
            words.repeat(2)
        )
    };
    let body = format!(
        "{}\n\n{}\n{}\n## Struct visibility\n\n{}[^2]\n\n[^2]: Buffer — buffer.html › Buffer\n",
        para("intro", 4),
        entry("Buffer", "A buffer holds a fixed run of bytes. "),
        entry(
            "Blob",
            "A blob holds immutable raw data shared between threads. "
        ),
        "Buffers read by other modules are private unless marked public. ".repeat(3),
    );
    // The page is the topic's own, so only the entry names another thing.
    assert_eq!(
        off_topic_headings(&body, "buffers"),
        vec!["Class: Blob".to_owned()]
    );
    // An entry of the topic's own module stays: the name counts with its module.
    let module = body.replace("Class: Blob", "Class: `buffer.Blob`");
    assert!(off_topic_headings(&module, "buffers").is_empty());
    // A class named by a word of the topic other than its head is another thing; one whose
    // name holds the head among its words is the topic's.
    let events = body
        .replace("Class: Buffer", "Class: EventEmitter")
        .replace("Class: Blob", "Class: Event");
    let rejected = off_topic_headings(&events, "event emitters");
    assert!(
        rejected.contains(&"Class: Event".to_owned()),
        "{rejected:?}"
    );
    assert!(
        !rejected.contains(&"Class: EventEmitter".to_owned()),
        "{rejected:?}"
    );
    // A name with words of its own is the topic's thing, whichever of its terms it names.
    let handle = body.replace("Class: Blob", "Class: FileHandle");
    let rejected = off_topic_headings(&handle, "file system promises API");
    assert!(
        !rejected.contains(&"Class: FileHandle".to_owned()),
        "{rejected:?}"
    );
    let text = good_article().replace(
        "## Next steps",
        &format!(
            "{}\n## Next steps",
            entry(
                "EventTarget",
                "Reading files dispatches events to a target. "
            )
        ),
    );
    assert_fails(
        &run(&text),
        "off_topic_sections",
        &[
            "\"## Class: EventTarget\"",
            "the reference entry of \"EventTarget\"",
        ],
    );
}

#[test]
fn a_section_citing_a_page_on_the_topic_is_on_topic() {
    let rules = "A default policy of drop rejects what no rule accepts, so each service needs \
                 its own accept rule. "
        .repeat(3);
    let section = |note: &str| {
        good_article().replace(
            "## Next steps",
            &format!("## Default deny\n\n{rules}[^3]\n\n[^3]: {note}\n\n## Next steps"),
        )
    };
    let r = run(&section(
        "Firewall rules for reading files with cgen › Default deny",
    ));
    assert_passes(&r, "off_topic_sections");
    let r = run(&section("Packet filtering › Default deny"));
    assert_fails(&r, "off_topic_sections", &["\"## Default deny\""]);
}

#[test]
fn a_page_naming_the_topics_name_with_digits_names_the_topic() {
    assert!(page_names_topic(
        "SQLite FTS5 Extension — fts5.html",
        "FTS5 full-text search"
    ));
    assert!(!page_names_topic(
        "SQLite FTS3 and FTS4 Extensions — fts3.html",
        "FTS5 full-text search"
    ));
    assert!(!page_names_topic(
        "Full Text — text.html",
        "FTS5 full-text search"
    ));
}

#[test]
fn an_introduction_from_pages_about_other_subjects_is_off_topic() {
    // The introduction cites only a page on something else: it is that page's opening.
    let elsewhere = good_article().replace(
        "[^1]: Reading files with cgen, part one.",
        "[^1]: functools — Higher-order functions › cached_property",
    );
    assert_fails(
        &run(&elsewhere),
        "off_topic_sections",
        &["the introduction"],
    );
    // Naming half of the topic's terms in a heading of the page is enough.
    let heading = good_article().replace(
        "[^1]: Reading files with cgen, part one.",
        "[^1]: 5. Data Structures › Reading files",
    );
    assert_passes(&run(&heading), "off_topic_sections");
    // The article cites a page named after the whole topic elsewhere, and the introduction
    // opens on a page that names only part of it (`git-worktree(1)` for "git bisect").
    let partial = good_article()
        .replace(
            "[^1]: Reading files with cgen, part one.",
            "[^1]: Files in cgen › Paths",
        )
        .replace(
            "[^2]: Guide, part two.",
            "[^2]: Reading files with cgen › Guide",
        );
    assert_fails(
        &run(&partial),
        "off_topic_sections",
        &["name fewer of read, file, cgen than a page the article cites elsewhere"],
    );
}

#[test]
fn a_section_from_a_neighbouring_page_beside_the_topics_own_is_off_topic() {
    // The article cites a page named after the whole topic; "Next steps" cites only a page
    // whose title names none of it, though its headings do.
    let neighbour = good_article()
        .replace(
            "[^1]: Reading files with cgen, part one.",
            "[^1]: Reading files with cgen — reading.html › Reading files with cgen",
        )
        .replace(
            "[^2]: Guide, part two.",
            "[^2]: pgbench — pgbench.html › pgbench › Notes › Per-file reading",
        );
    assert_fails(
        &run(&neighbour),
        "off_topic_sections",
        &[
            "\"## Next steps\" (line 31): drawn only from pages about other subjects (pgbench — pgbench.html)",
        ],
    );
    assert!(
        off_topic_headings(&neighbour, "reading files with cgen").contains(&"Next steps".into())
    );
    // Nor is a heading deep in another page that is headed by the topic ("for and
    // iterators", "FFI and unwinding").
    let headed = neighbour.replace(
        "pgbench › Notes › Per-file reading",
        "pgbench › Notes › Other tools and reading files with cgen",
    );
    assert_passes(&run(&headed), "off_topic_sections");
    // A child page of the topic's, cited at its top ("RAII" under ownership), is not.
    let child = neighbour.replace(
        "pgbench — pgbench.html › pgbench › Notes › Per-file reading",
        "RAII — raii.html › RAII",
    );
    assert_passes(&run(&child), "off_topic_sections");
    // Without a page of the topic's own, a neighbour's section is judged by its words.
    let no_own = neighbour.replace(
        "[^1]: Reading files with cgen — reading.html › Reading files with cgen",
        "[^1]: Reading — reading.html › Files",
    );
    assert_passes(&run(&no_own), "off_topic_sections");
}

#[test]
fn a_section_from_a_page_in_another_folder_of_the_site_is_off_topic() {
    // The topic's own page is in `guide/`; "Next steps" cites only the top of a page in
    // `net/` whose title and headings name none of the topic.
    let elsewhere = |next: &str| {
        good_article()
            .replace(
                "[^1]: Reading files with cgen, part one.",
                "[^1]: Reading files with cgen — guide/reading.html › Reading files with cgen",
            )
            .replace("[^2]: Guide, part two.", &format!("[^2]: {next}"))
    };
    let neighbour = elsewhere("Sockets — net/sockets.html › Sockets");
    assert_fails(
        &run(&neighbour),
        "off_topic_sections",
        &[
            "\"## Next steps\" (line 31): drawn only from pages about other subjects (Sockets — net/sockets.html)",
        ],
    );
    // A page beside the own one, a nested chapter below it, or one whose headings name the
    // topic is not a neighbour's.
    for near in [
        "Sockets — guide/sockets.html › Sockets",
        "Sockets — guide/reading/sockets.html › Sockets",
        "Sockets — net/sockets.html › Reading from sockets",
        "Sockets — https://docs.example.org/guide/sockets.html › Sockets",
    ] {
        assert_passes(&run(&elsewhere(near)), "off_topic_sections");
    }
}

#[test]
fn a_section_from_a_nested_chapter_of_a_page_on_the_topic_is_on_topic() {
    // "Baking" says nothing of reading files, but its page is a chapter nested below the
    // topic's own page (`guide/reading/baking.html` below `guide/reading.html`).
    let bread = "Sourdough bread needs a lively starter, flour, water and salt. ".repeat(3);
    let text = |page: &str| {
        good_article()
            .replace(
                "## Next steps",
                &format!("## Baking\n\n{bread}[^3]\n\n## Next steps"),
            )
            .replace(
                "[^1]: Reading files with cgen, part one.",
                "[^1]: Reading files with cgen — guide/reading.html › Reading files with cgen",
            )
            .replace(
                "[^2]: Guide, part two.",
                &format!("[^2]: Guide, part two.\n[^3]: Baking — {page} › Baking"),
            )
    };
    assert_passes(
        &run(&text("guide/reading/baking.html")),
        "off_topic_sections",
    );
    assert_fails(
        &run(&text("guide/baking.html")),
        "off_topic_sections",
        &["\"## Baking\""],
    );
}

#[test]
fn a_page_is_below_the_page_its_folder_is_named_after() {
    assert!(reference_below(
        "scope/move/partial_move.html",
        "scope/move.html"
    ));
    assert!(reference_below(
        "https://docs.example.org/scope/move/deep/x.html#part",
        "https://docs.example.org/scope/move.html"
    ));
    assert!(!reference_below("scope/move.html", "scope/move.html"));
    assert!(!reference_below("scope/moved/x.html", "scope/move.html"));
    assert!(!reference_below("scope/borrow/mut.html", "scope/move.html"));
    assert!(!reference_below("a.b/c/d.html", "a.b/c"));
}

#[test]
fn code_fills_a_part_towards_its_minimum_only() {
    let code = "```sh\n".to_owned() + &"run the reader on every file here\n".repeat(12) + "```";
    let text = good_article().replace(&para("next", 8), &format!("{}\n\n{code}", para("next", 5)));
    let (prose, code_words) = fragment_words(&format!("{}\n\n{code}", para("next", 5)));
    assert_eq!((prose, code_words), (60, 84));
    assert_passes(&run(&text), "section_words");
    let bare = good_article().replace(&para("next", 8), &para("next", 5));
    assert_fails(&run(&bare), "section_words", &["Next steps"]);
}

#[test]
fn a_bare_reply_is_a_sentence() {
    for reply in ["No.", "Ideally, no.", "Usually yes."] {
        let text =
            good_article().replace(&para("faq-a", 2), &format!("{reply} {}", para("faq-a", 2)));
        assert_passes(&run(&text), "broken_sentences");
    }
    // Two words that answer nothing are still short.
    let text = good_article().replace(
        &para("faq-a", 2),
        &format!("Ideally, nothing. {}", para("faq-a", 2)),
    );
    assert_fails(&run(&text), "broken_sentences", &["Ideally, nothing."]);
}

#[test]
fn topic_terms_drop_generic_words_and_stem() {
    assert_eq!(
        topic_terms("A Guide to Ownership and Borrowing"),
        ["ownership", "borrow"]
    );
    assert_eq!(topic_terms("restic backups"), ["restic", "backup"]);
    assert!(topic_terms("an introduction").is_empty());
}

#[test]
fn an_article_without_a_body_section_fails() {
    let text = format!(
        "{FRONT}{}\n\n## Conclusion\n\n{}\n",
        para("intro", 8),
        para("end", 4)
    );
    assert_fails(&run(&text), "workflow_parts", &["no body section"]);
}

#[test]
fn the_workflow_decides_code_and_word_targets() {
    let tutorial = crate::generate::workflow::find("tutorial", None).unwrap();
    let tone = ToneProfile::default();
    let text = good_article().replace("```rust\nfn main() {}\n```", "");
    let opts = QualityOptions {
        tone: &tone,
        keywords: &[],
        resolve_chunk: &known,
        topic: Some("reading files"),
        workflow: Some(&tutorial),
    };
    assert_fails(
        &report(&text, &opts),
        "workflow_parts",
        &["0 fenced code blocks, the tutorial workflow asks for at least 1"],
    );
    let short = text.replace(&para("next", 8), &para("next", 0));
    assert_fails(
        &report(&short, &opts),
        "workflow_parts",
        &["Next steps", "targets 160 (64-320 accepted)"],
    );
    // Without a workflow, no code is asked for.
    assert_passes(&run(&text), "workflow_parts");
}

// --- figures ----------------------------------------------------------------------------

#[test]
fn keywords_inside_inline_code_are_commands_not_stuffing() {
    let words = "plain ".repeat(90);
    let text = format!("{words}Run `cgen a`, `cgen b`, `cgen c`, `cgen d` and `cgen e` now.");
    assert_passes(
        &run_with(&text, &ToneProfile::default(), &["cgen"]),
        "keyword_density",
    );
    let stuffed = format!("{words}cgen cgen cgen cgen cgen cgen cgen now.");
    assert_fails(
        &run_with(&stuffed, &ToneProfile::default(), &["cgen"]),
        "keyword_density",
        &["cgen"],
    );
}

#[test]
fn figures_are_rounded_once_and_printed_alike() {
    // 7 in 200 words is 3.5 % exactly: at the limit, which passes, and printed as such.
    let words = "plain ".repeat(193);
    let text = format!("{words}cgen cgen cgen cgen cgen cgen cgen.");
    let tone = ToneProfile {
        keyword_density_max: 0.035,
        ..ToneProfile::default()
    };
    let r = run_with(&text, &tone, &["cgen"]);
    let c = check(&r, "keyword_density");
    assert!(c.passed, "{}", c.detail);
    assert!(
        c.detail.contains("3.50% (7 in 200 words), limit 3.50%"),
        "{}",
        c.detail
    );
    let r = run(&good_article());
    let grade = format!("grade {:.2}", r.readability_grade);
    assert!(render_text(&r).lines().next().unwrap().contains(&grade));
    assert!(check(&r, "readability").detail.starts_with(&grade));
}

#[test]
fn a_topics_heads_are_the_last_words_of_its_conjuncts() {
    assert_eq!(head_terms("event emitters"), ["emitter"]);
    assert_eq!(head_terms("smart pointers with Box"), ["box"]);
    assert_eq!(
        head_terms("ownership and borrowing"),
        ["ownership", "borrow"]
    );
    // A broad last word leaves the word before it to say what the topic is.
    assert_eq!(head_terms("unsafe code"), ["unsafe"]);
    assert_eq!(head_terms("code"), ["code"]);
    // A name by its digits is a head wherever it stands.
    assert_eq!(head_terms("FTS5 full-text search"), ["fts5", "search"]);
    // A broad word in the plural, and subjects listed with commas.
    assert_eq!(head_terms("window functions"), ["window"]);
    // Nothing but joining words and marks has no head, and names nothing.
    assert!(head_terms("").is_empty());
    assert!(head_terms("and, or & vs").is_empty());
    assert!(!sibling_subject("", "event emitters"));
    assert!(!broader_subject("Events", "and, or"));
    assert!(joins_subjects("Ownership AND borrowing"));
    assert!(joins_subjects("closures, iterators"));
    assert!(!joins_subjects("android backups"));
    assert_eq!(
        subjects("Ownership AND borrowing"),
        ["Ownership", "borrowing"]
    );
    assert_eq!(
        subjects("closures, iterators or traits"),
        ["closures", "iterators", "traits"]
    );
    assert_eq!(
        subjects("pattern matching with match"),
        ["pattern matching with match"]
    );
    assert!(subjects("and, or").is_empty());
    assert_eq!(
        head_terms("closures, iterators and traits"),
        ["closure", "iterator", "trait"]
    );
}

#[test]
fn a_title_sharing_a_word_with_the_topic_but_not_its_head_is_a_sibling_subject() {
    for (title, topic) in [
        ("Trace events", "event emitters"),
        (
            "`Rc<T>`, the Reference Counted Smart Pointer",
            "smart pointers with Box",
        ),
        ("git-bisect(1)", "git rebase"),
        ("Base Code", "unsafe code"),
    ] {
        assert!(sibling_subject(title, topic), "{title} beside {topic}");
    }
    assert!(broader_subject("Lifetimes", "lifetime elision"));
    assert!(broader_subject("Events", "event emitters"));
    assert!(!broader_subject("Trace events", "event emitters"));
    assert!(!broader_subject("Lifetime Elision", "lifetime elision"));
    assert!(!broader_subject("IntoIter", "implementing Vec"));
    for (title, topic) in [
        // The broader subject adds nothing of its own.
        ("Events", "event emitters"),
        ("Smart Pointers", "smart pointers with Box"),
        // The head named, or every conjunct's.
        (
            "Using `Box<T>` to Point to Data on the Heap",
            "smart pointers with Box",
        ),
        ("git-rebase(1)", "git rebase"),
        ("Meet Safe and Unsafe", "unsafe code"),
        ("SQLite FTS5 Extension", "FTS5 full-text search"),
        ("Ownership and moves", "ownership and borrowing"),
        // A page naming none of the topic is judged elsewhere.
        ("Sockets", "event emitters"),
    ] {
        assert!(!sibling_subject(title, topic), "{title} beside {topic}");
    }
}

#[test]
fn a_section_from_a_page_on_a_sibling_subject_is_off_topic() {
    // The article cites a page named after the topic; "Next steps" cites only a page whose
    // title shares "reading" with it, not its head ("cgen"), and adds "logs".
    let sibling = |title: &str| {
        good_article()
            .replace(
                "[^1]: Reading files with cgen, part one.",
                "[^1]: Reading files with cgen — reading.html › Reading files with cgen",
            )
            .replace(
                "[^2]: Guide, part two.",
                &format!("[^2]: {title} — logs.html › {title}"),
            )
    };
    let neighbour = sibling("Reading logs");
    assert_fails(
        &run(&neighbour),
        "off_topic_sections",
        &[
            "\"## Next steps\" (line 31): drawn only from pages on neighbouring subjects that share a word with the topic (Reading logs)",
        ],
    );
    assert!(
        off_topic_headings(&neighbour, "reading files with cgen").contains(&"Next steps".into())
    );
    // A heading that names the head stays.
    let headed = neighbour.replace("## Next steps", "## Next steps with cgen");
    assert_passes(&run(&headed), "off_topic_sections");
}

#[test]
fn a_section_of_the_broader_subjects_page_stays_only_where_it_names_the_topic() {
    // "Files" is the broader subject of "reading files with cgen". Beside the page on the
    // whole topic, its section that never names cgen is that page's own matter.
    let broader = good_article()
        .replace(
            "[^1]: Reading files with cgen, part one.",
            "[^1]: Reading files with cgen — reading.html › Reading files with cgen",
        )
        .replace("[^2]: Guide, part two.", "[^2]: Files — files.html › Files");
    assert_fails(
        &run(&broader),
        "off_topic_sections",
        &[
            "\"## Next steps\" (line 31): drawn only from pages on the broader subject (Files) and never naming the topic itself",
        ],
    );
    // Where it names the topic's head, or where no page is on the whole topic (the broader
    // page is then the topic's own), it stays.
    let named = broader.replace(
        &para("next", 8),
        &format!("{} cgen does it.", para("next", 8)),
    );
    assert_passes(&run(&named), "off_topic_sections");
    let alone = broader.replace(
        "[^1]: Reading files with cgen — reading.html › Reading files with cgen",
        "[^1]: Files — files.html › Files › Reading",
    );
    assert_passes(&run(&alone), "off_topic_sections");
}
