//! The quality report through the real CLI and daemon, on small hand-made articles under
//! `tests/fixtures/quality/`: each bad one must fail the check it is named after, each good one
//! must pass every check; the workflow comes from `--workflow` or the manifest beside the file.

use std::path::PathBuf;

use crate::common::Env;
use serde_json::Value;

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/quality")
        .join(path)
}

/// The `--json` report of `cgen quality FILE ARGS...` and its exit code.
fn quality(env: &Env, file: &str, args: &[&str]) -> (Value, i32) {
    let path = fixture(file);
    let mut all = vec!["--json", "quality", path.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = env.run(&all);
    let report = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{file}: {e}\n{}\n{}", out.stdout, out.stderr));
    (report, out.code)
}

fn failed(report: &Value) -> Vec<String> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["passed"] == false)
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

fn detail<'r>(report: &'r Value, name: &str) -> &'r str {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .and_then(|c| c["detail"].as_str())
        .unwrap_or_else(|| panic!("no check {name}: {report}"))
}

#[test]
fn each_bad_article_fails_its_check_and_good_ones_pass() {
    let env = Env::new();
    let _d = env.start_daemon();
    for (file, check, says) in [
        ("bad/markup_leaks.md", "markup_leaks", "JSON"),
        ("bad/code_in_prose.md", "code_in_prose", "could not compile"),
        ("bad/local_paths.md", "local_paths", "/usr/share/doc/"),
        (
            "bad/broken_sentences.md",
            "broken_sentences",
            "list of titles",
        ),
        ("bad/dangling_openers.md", "dangling_openers", "connective"),
        (
            "bad/absent_references.md",
            "absent_references",
            "Listing 4-6",
        ),
        (
            "bad/duplicate_paragraphs.md",
            "duplicate_paragraphs",
            "nearly repeats",
        ),
        (
            "bad/repeated_sentences.md",
            "repeated_sentences",
            "within the paragraph",
        ),
        (
            "bad/off_topic_sections.md",
            "off_topic_sections",
            "Baking sourdough bread",
        ),
        ("bad/workflow_parts.md", "workflow_parts", "no body section"),
        // The manifest beside it says the tutorial workflow, which asks for code.
        (
            "bad/tutorial-without-code.md",
            "workflow_parts",
            "the tutorial workflow asks",
        ),
    ] {
        let (report, code) = quality(&env, file, &[]);
        assert_eq!(code, 1, "{file}: {report}");
        assert_eq!(report["passed"], false, "{file}");
        assert!(
            failed(&report).contains(&check.to_owned()),
            "{file}: {report}"
        );
        assert!(
            detail(&report, check).contains(says),
            "{file}: {}",
            detail(&report, check)
        );
    }
    for file in ["good/log-rotation.md", "good/faq-free.md"] {
        let (report, code) = quality(&env, file, &[]);
        assert_eq!((code, failed(&report)), (0, vec![]), "{file}: {report}");
    }
    // The good tutorial-shaped article also meets the tutorial workflow's promises.
    let (report, code) = quality(&env, "good/log-rotation.md", &["--workflow", "tutorial"]);
    assert_eq!((code, failed(&report)), (0, vec![]), "{report}");
    assert!(detail(&report, "workflow_parts").contains("tutorial workflow"));
}

#[test]
fn the_workflow_and_topic_options_override_the_manifest() {
    let env = Env::new();
    let _d = env.start_daemon();
    // With a workflow that writes no code, the same article asks for none.
    let (report, _) = quality(
        &env,
        "bad/tutorial-without-code.md",
        &["--workflow", "quick-draft"],
    );
    assert!(
        !failed(&report).contains(&"workflow_parts".to_owned()),
        "{report}"
    );
    // A topic the article is not about makes every section off topic.
    let (report, code) = quality(
        &env,
        "good/log-rotation.md",
        &["--topic", "sourdough baking"],
    );
    assert_eq!(code, 1);
    assert!(
        detail(&report, "off_topic_sections").starts_with("3 off-topic sections"),
        "{report}"
    );
    // An unknown workflow is a clear error, not a report.
    let path = fixture("good/log-rotation.md");
    let out = env.run(&[
        "quality",
        path.to_str().unwrap(),
        "--workflow",
        "no-such-flow",
    ]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("no workflow 'no-such-flow'"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_json_report_keeps_its_shape_and_its_figures_agree_with_the_text() {
    let env = Env::new();
    let _d = env.start_daemon();
    let (report, _) = quality(&env, "good/log-rotation.md", &[]);
    for field in ["passed", "checks", "words", "headings", "readability_grade"] {
        assert!(report.get(field).is_some(), "{field} missing: {report}");
    }
    for check in report["checks"].as_array().unwrap() {
        assert!(
            check["name"].is_string()
                && check["passed"].is_boolean()
                && check["detail"].is_string()
        );
    }
    // The grade in the headline, in the readability line and in the JSON is one figure.
    let path = fixture("good/log-rotation.md");
    let text = env.run(&["quality", path.to_str().unwrap()]).stdout;
    let grade = format!("grade {:.2}", report["readability_grade"].as_f64().unwrap());
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].contains(&grade), "{text}");
    assert!(
        text.contains(&format!("PASS readability: {grade}")),
        "{text}"
    );
}
