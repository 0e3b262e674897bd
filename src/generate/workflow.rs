//! Workflows: an ordered list of stages with the parameters they run with, written in TOML.
//! The built-ins are embedded in the binary; a user adds or overrides one by dropping
//! `NAME.toml` into the config dir's `workflows/` folder.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::stage::Stage;

/// Longest workflow file read from the user's folder.
const MAX_WORKFLOW_BYTES: u64 = 64 << 10;

const BUILTIN: &[(&str, &str)] = &[
    ("blog", include_str!("workflows/blog.toml")),
    ("deep-dive", include_str!("workflows/deep-dive.toml")),
    ("faq", include_str!("workflows/faq.toml")),
    ("newsletter", include_str!("workflows/newsletter.toml")),
    ("quick-draft", include_str!("workflows/quick-draft.toml")),
    (
        "release-notes",
        include_str!("workflows/release-notes.toml"),
    ),
    ("social", include_str!("workflows/social.toml")),
    ("summary", include_str!("workflows/summary.toml")),
    ("tutorial", include_str!("workflows/tutorial.toml")),
];

pub const DEFAULT_WORKFLOW: &str = "blog";

#[derive(Debug, thiserror::Error)]
pub enum WorkflowError {
    #[error("{}", crate::suggest::unknown("workflow", name, "available", available.iter().map(String::as_str)))]
    NotFound {
        name: String,
        available: Vec<String>,
    },
    #[error("invalid workflow {name}: {message}")]
    Invalid { name: String, message: String },
}

/// How much each stage produces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Params {
    /// Passages retrieval keeps (after diversity re-ranking).
    pub passages: usize,
    /// Most sections in the outline.
    pub sections: usize,
    /// Word budget of one section, of the introduction and of the conclusion.
    pub section_words: usize,
    pub intro_words: usize,
    pub conclusion_words: usize,
    /// Most FAQ entries and code examples.
    pub faq: usize,
    pub code_examples: usize,
    /// Fewest fenced code blocks an article of this workflow must have for the quality report
    /// to pass (a tutorial without its commands is not a tutorial).
    pub min_code_blocks: usize,
    /// Fewest relevant passages an article needs; below it the job fails with "not enough
    /// material" rather than writing a thin article.
    pub min_passages: usize,
    /// A pause after each stage, for demonstrations and for tests of stage checkpoints.
    pub pause_ms: u64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            passages: 24,
            sections: 5,
            section_words: 220,
            intro_words: 90,
            conclusion_words: 70,
            faq: 4,
            code_examples: 2,
            min_code_blocks: 0,
            min_passages: 3,
            pause_ms: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workflow {
    #[serde(default)]
    pub name: String,
    pub description: String,
    /// Body template (see `generate::template`).
    pub template: String,
    /// `blog` (`out/<slug>/index.md`) or `flat` (`out/<slug>.md`).
    pub layout: super::output::Layout,
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub params: Params,
    /// Providers that write the prose parts, tried in order (`["local", "gemini"]`); none:
    /// offline composition.
    #[serde(default)]
    pub providers: Vec<String>,
    /// When every provider is unavailable: finish offline (true) or fail as `unavailable`
    /// so the queue retries later (false).
    #[serde(default = "default_offline_fallback")]
    pub offline_fallback: bool,
    /// True for workflows embedded in the binary (never taken from a user's file).
    #[serde(default)]
    pub builtin: bool,
}

fn default_offline_fallback() -> bool {
    true
}

impl Workflow {
    fn parse(name: &str, text: &str) -> Result<Workflow, WorkflowError> {
        let invalid = |message: String| WorkflowError::Invalid {
            name: name.to_string(),
            message,
        };
        let mut w: Workflow = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        w.name = name.to_string();
        w.builtin = false;
        w.validate().map_err(invalid)?;
        Ok(w)
    }

    /// The stage order must make sense: each stage's inputs come from earlier stages.
    fn validate(&self) -> Result<(), String> {
        if self.stages.is_empty() {
            return Err("stages: at least one stage".into());
        }
        let p = &self.params;
        if !(1..=200).contains(&p.passages) || p.sections > 30 || p.faq > 50 || p.pause_ms > 60_000
        {
            return Err(
                "params: passages 1..=200, sections ≤ 30, faq ≤ 50, pause_ms ≤ 60000".into(),
            );
        }
        for (i, stage) in self.stages.iter().enumerate() {
            if self.stages[..i].contains(stage) {
                return Err(format!("stages: {} appears twice", stage.name()));
            }
            for needed in stage.requires() {
                if !self.stages[..i].contains(needed) {
                    return Err(format!(
                        "stages: {} needs {} before it",
                        stage.name(),
                        needed.name()
                    ));
                }
            }
        }
        Ok(())
    }
}

/// All workflows by name: built-ins, then the user's (which override a built-in of the same
/// name). A broken user file is reported, not skipped silently.
pub fn load_all(user_dir: Option<&Path>) -> Result<BTreeMap<String, Workflow>, WorkflowError> {
    let mut all = BTreeMap::new();
    for (name, text) in BUILTIN {
        let mut w = Workflow::parse(name, text)?;
        w.builtin = true;
        all.insert(name.to_string(), w);
    }
    let Some(dir) = user_dir else { return Ok(all) };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(all);
    };
    let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    files.sort();
    for path in files {
        let (Some(stem), Some("toml")) = (
            path.file_stem().and_then(|s| s.to_str()),
            path.extension().and_then(|s| s.to_str()),
        ) else {
            continue;
        };
        let invalid = |message: String| WorkflowError::Invalid {
            name: stem.to_string(),
            message,
        };
        if !crate::protocol::generate::valid_name(stem) {
            return Err(invalid(
                "a workflow name is 1 to 64 of a-z, 0-9, '-' and '_'".into(),
            ));
        }
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if size > MAX_WORKFLOW_BYTES {
            return Err(invalid(format!("{} is larger than 64 KiB", path.display())));
        }
        let text = std::fs::read_to_string(&path)
            .map_err(|e| invalid(format!("{}: {e}", path.display())))?;
        all.insert(stem.to_string(), Workflow::parse(stem, &text)?);
    }
    Ok(all)
}

/// Finds one workflow by name.
pub fn find(name: &str, user_dir: Option<&Path>) -> Result<Workflow, WorkflowError> {
    let mut all = load_all(user_dir)?;
    all.remove(name).ok_or_else(|| WorkflowError::NotFound {
        name: name.to_string(),
        available: all.keys().cloned().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_parses_and_orders_its_stages() {
        let all = load_all(None).unwrap();
        for name in [
            "blog",
            "tutorial",
            "quick-draft",
            "deep-dive",
            "faq",
            "summary",
            "social",
            "newsletter",
            "release-notes",
        ] {
            let w = &all[name];
            assert!(w.builtin);
            assert_eq!(w.stages.first(), Some(&Stage::Retrieve), "{name}");
            assert_eq!(w.stages.last(), Some(&Stage::Write), "{name}");
        }
    }

    #[test]
    fn user_workflows_override_and_bad_ones_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("blog.toml"),
            "description = \"mine\"\ntemplate = \"blog\"\nlayout = \"flat\"\nstages = [\"retrieve\", \"write\"]\n",
        )
        .unwrap();
        let err = load_all(Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("write needs"), "{err}");
        std::fs::write(
            dir.path().join("blog.toml"),
            "description = \"mine\"\ntemplate = \"blog\"\nlayout = \"flat\"\nstages = [\"retrieve\", \"outline\"]\n",
        )
        .unwrap();
        let w = find("blog", Some(dir.path())).unwrap();
        assert_eq!((w.description.as_str(), w.builtin), ("mine", false));
        let err = find("nope", Some(dir.path())).unwrap_err().to_string();
        assert!(err.contains("available: blog, deep-dive"), "{err}");
        std::fs::write(dir.path().join("typo.toml"), "descripton = \"x\"\n").unwrap();
        assert!(
            load_all(Some(dir.path()))
                .unwrap_err()
                .to_string()
                .contains("descripton")
        );
    }
}
