//! Params and results of generation: the spec of a generate job, and the methods that list
//! workflows, stages, templates and topics, run one stage, and check an article's quality.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::jobs::field_error;
use super::kb::validate_collection;
use super::method::methods;
use super::system::NoParams;
use super::{RpcError, Validate};

// The methods whose results are the content layer's own types (a workflow, a generation
// state, a quality report) are declared beside those types, in `generate::methods`.
methods! {
    ListAgents = "agents.list", NoParams => AgentsList,
        "the stages (\"agents\") workflows are made of";
    GetAgent = "agents.get", Name => StageInfo, "what a stage reads, writes and requires";
    ListTemplates = "templates.list", NoParams => TemplatesList,
        "templates, built-in and the users' own";
    GetTemplate = "templates.get", Name => TemplateView, "a template's source";
    AddTemplate = "templates.add", TemplateAddParams => TemplateAdded,
        "adds or replaces a user template";
    RemoveTemplate = "templates.rm", Name => TemplateRemoved, "removes a user template";
    RenderTemplate = "templates.render", TemplateRenderParams => Rendered,
        "renders a template on an article (a sample one when none is given)";
    ListTopics = "topics.list", TopicsParams => TopicsResult,
        "topics the knowledge base could support, best first";
}

/// What one stage of a workflow reads, writes and needs before it. Fields in alphabetical
/// order, as `cgen agents show --json` has always printed them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StageInfo {
    pub name: String,
    pub reads: Vec<String>,
    pub requires: Vec<String>,
    pub summary: String,
    pub writes: Vec<String>,
}

/// `agents.list`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgentsList {
    pub agents: Vec<StageInfo>,
}

/// `templates.list`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TemplatesList {
    pub templates: Vec<TemplateEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TemplateEntry {
    pub builtin: bool,
    pub name: String,
}

/// `templates.get`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TemplateView {
    pub builtin: bool,
    pub name: String,
    pub source: String,
}

/// `templates.add`: the template's name and the file it was kept in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TemplateAdded {
    pub name: String,
    pub path: std::path::PathBuf,
}

/// `templates.rm`: the name of the template removed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TemplateRemoved {
    pub removed: String,
}

/// `templates.render`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Rendered {
    pub markdown: String,
}

pub const MAX_TOPIC_LEN: usize = 300;
pub const MAX_VARS: usize = 64;
pub const MAX_VAR_LEN: usize = 4096;
pub const MAX_QUALITY_BYTES: usize = 4 << 20;
pub const MAX_TEMPLATE_BYTES: usize = 256 << 10;
pub const MAX_TOPICS: u32 = 200;

/// A generate job: one article on one topic.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GenerateSpec {
    /// What the article is about; empty with `auto_topic`.
    pub topic: String,
    /// Pick the best-covered topic of the knowledge base that has no article yet.
    pub auto_topic: bool,
    /// Workflow name; `blog` when empty.
    pub workflow: String,
    /// Collections to draw on; all when empty.
    pub collections: Vec<String>,
    /// Absolute output folder (the CLI resolves it against its cwd); empty with `stdout`.
    pub out_dir: String,
    /// Write no file: the article stays with the job, for `jobs.output` to hand to the
    /// client (`cgen generate --out -`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub stdout: bool,
    /// `blog` or `flat`; the workflow's layout when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub layout: Option<String>,
    /// `md`, `html` or `json`.
    pub format: String,
    /// A tone profile (TOML text, read by the CLI); the default tone when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tone: Option<String>,
    /// Body template; the workflow's when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    pub vars: BTreeMap<String, String>,
    /// Publication date, YYYY-MM-DD; today (UTC) when absent. Fixing it makes output
    /// byte-identical across runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Fail the job when the quality report fails.
    pub strict: bool,
    /// Replace an existing article (the old file is kept as `.prev`).
    pub force: bool,
    /// Write with this provider instead of the workflow's chain.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
    /// A model alias (`fast`, `smart`) or id of the provider; its default when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// Stop before the job's tokens (in and out, all calls) pass this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_tokens: Option<u64>,
    /// Stop before the job's cost (in the configured prices' currency) passes this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_cost: Option<f64>,
    /// Ask the providers even for a request whose answer is cached.
    pub no_cache: bool,
}

impl Validate for GenerateSpec {
    fn validate(&self) -> Result<(), RpcError> {
        let topic = self.topic.trim();
        if self.auto_topic != topic.is_empty() {
            return Err(field_error(
                "topic",
                "give a topic, or auto_topic without one",
            ));
        }
        if topic.len() > MAX_TOPIC_LEN || topic.chars().any(char::is_control) {
            return Err(field_error(
                "topic",
                "a topic is at most 300 bytes of text on one line",
            ));
        }
        if self.provider.as_deref().is_some_and(|p| !valid_name(p)) {
            return Err(field_error(
                "provider",
                "a provider name is 1 to 64 of a-z, 0-9, '-', '_'",
            ));
        }
        if self.model.as_deref().is_some_and(|m| !valid_model(m)) {
            return Err(field_error("model", MODEL_RULE));
        }
        if matches!(self.max_tokens, Some(0)) {
            return Err(field_error("max_tokens", "must be at least 1"));
        }
        if self.max_cost.is_some_and(|c| !(c.is_finite() && c > 0.0)) {
            return Err(field_error("max_cost", "must be a positive number"));
        }
        if !self.workflow.is_empty() && !valid_name(&self.workflow) {
            return Err(field_error(
                "workflow",
                "a workflow name is 1 to 64 of a-z, 0-9, '-', '_'",
            ));
        }
        if self.collections.len() > 32 {
            return Err(field_error("collections", "at most 32 collections"));
        }
        for (i, c) in self.collections.iter().enumerate() {
            validate_collection(c, &format!("collections[{i}]"))?;
        }
        if self.stdout {
            if !self.out_dir.is_empty() {
                return Err(field_error("out_dir", "must be empty with stdout"));
            }
        } else if !self.out_dir.starts_with('/')
            || self.out_dir.len() > 4096
            || self.out_dir.contains('\0')
        {
            return Err(field_error(
                "out_dir",
                "an absolute path of at most 4096 bytes",
            ));
        }
        if let Some(l) = &self.layout
            && !matches!(l.as_str(), "blog" | "flat")
        {
            return Err(field_error("layout", "blog or flat"));
        }
        if !matches!(self.format.as_str(), "md" | "html" | "json") {
            return Err(field_error("format", "md, html or json"));
        }
        if self.tone.as_ref().is_some_and(|t| t.len() > 64 << 10) {
            return Err(field_error("tone", "a tone profile is at most 64 KiB"));
        }
        if let Some(t) = &self.template
            && !valid_name(t)
        {
            return Err(field_error(
                "template",
                "a template name is 1 to 64 of a-z, 0-9, '-', '_'",
            ));
        }
        validate_vars(&self.vars)?;
        if let Some(d) = &self.date
            && !valid_date(d)
        {
            return Err(field_error("date", "a date is YYYY-MM-DD"));
        }
        Ok(())
    }
}

pub fn valid_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// A model id as providers spell them (`gpt-4o-mini`, `llama3.1:8b`, `hf.co/org/m:Q4`,
/// `ft:gpt-4o:org::id`): 1 to 200 of letters, digits and `. _ - : / @ +`, no `..` and no leading
/// `/`. Gemini takes the model in the URL path, so nothing that could leave that path segment
/// (`?`, `#`, `..`, spaces) gets through.
pub fn valid_model(model: &str) -> bool {
    !model.is_empty()
        && model.len() <= 200
        && !model.starts_with('/')
        && !model.contains("..")
        && model
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._-:/@+".contains(&b))
}

/// The message for a model id `valid_model` refuses.
pub const MODEL_RULE: &str =
    "a model is 1 to 200 of letters, digits and . _ - : / @ + (no '..', no leading '/')";

fn valid_var_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name.len() <= 64
}

/// `YYYY-MM-DD` with a plausible month and day.
pub fn valid_date(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let [y, m, day] = parts.as_slice() else {
        return false;
    };
    let num = |s: &str, len: usize| {
        (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    matches!(
        (num(y, 4), num(m, 2), num(day, 2)),
        (Some(_), Some(1..=12), Some(1..=31))
    )
}

/// Params of methods that name a workflow, stage or template.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Name {
    pub name: String,
}

impl Validate for Name {
    fn validate(&self) -> Result<(), RpcError> {
        validate_name(&self.name)
    }
}

/// A workflow, stage or template name: 1 to 64 of a-z, 0-9, '-', '_'.
fn validate_name(name: &str) -> Result<(), RpcError> {
    if valid_name(name) {
        Ok(())
    } else {
        Err(field_error(
            "name",
            "a name is 1 to 64 of a-z, 0-9, '-', '_'",
        ))
    }
}

/// Template variables: at most 64, names are identifiers, values at most 4096 bytes.
fn validate_vars(vars: &BTreeMap<String, String>) -> Result<(), RpcError> {
    let bad = |(k, v): (&String, &String)| !valid_var_name(k) || v.len() > MAX_VAR_LEN;
    if vars.len() > MAX_VARS || vars.iter().any(bad) {
        return Err(field_error(
            "vars",
            "at most 64 variables; names are identifiers, values ≤ 4096 bytes",
        ));
    }
    Ok(())
}

/// `agents.run`: one stage on a given state.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgentRunParams {
    pub name: String,
    /// The generation state the stage starts from (see `cgen agents show NAME`). Free-form
    /// here for the same reason as `TemplateRenderParams::article`; the daemon decodes it.
    pub input: Value,
}

impl Validate for AgentRunParams {
    fn validate(&self) -> Result<(), RpcError> {
        validate_name(&self.name)?;
        if !self.input.is_object() {
            return Err(field_error("input", "a JSON object"));
        }
        Ok(())
    }
}

/// `quality.check`: the report for any Markdown text.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QualityParams {
    pub markdown: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tone: Option<String>,
    /// The workflow whose promised parts are checked, by name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workflow: Option<String>,
    /// What the article is about; the front matter title when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
}

impl Validate for QualityParams {
    fn validate(&self) -> Result<(), RpcError> {
        if self.markdown.len() > MAX_QUALITY_BYTES {
            return Err(field_error("markdown", "at most 4 MiB"));
        }
        if self.workflow.as_deref().is_some_and(|w| !valid_name(w)) {
            return Err(field_error(
                "workflow",
                "a workflow name is 1 to 64 of a-z, 0-9, '-', '_'",
            ));
        }
        if self
            .topic
            .as_deref()
            .is_some_and(|t| t.len() > MAX_TOPIC_LEN || t.chars().any(char::is_control))
        {
            return Err(field_error(
                "topic",
                "a topic is at most 300 bytes of text on one line",
            ));
        }
        Ok(())
    }
}

/// `templates.add`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateAddParams {
    pub name: String,
    pub source: String,
}

impl Validate for TemplateAddParams {
    fn validate(&self) -> Result<(), RpcError> {
        validate_name(&self.name)?;
        if self.source.len() > MAX_TEMPLATE_BYTES {
            return Err(field_error("source", "a template is at most 256 KiB"));
        }
        Ok(())
    }
}

/// `templates.render`: a template on a sample article, with variables.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateRenderParams {
    pub name: String,
    #[serde(default)]
    pub vars: BTreeMap<String, String>,
    /// The article to render; a small built-in sample when absent. Free-form here: an
    /// article's shape belongs to `generate`, which the protocol does not import; the daemon
    /// decodes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub article: Option<Value>,
}

impl Validate for TemplateRenderParams {
    fn validate(&self) -> Result<(), RpcError> {
        validate_name(&self.name)?;
        validate_vars(&self.vars)?;
        Ok(())
    }
}

/// `topics.list`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TopicsParams {
    pub collections: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

impl Validate for TopicsParams {
    fn validate(&self) -> Result<(), RpcError> {
        for (i, c) in self.collections.iter().enumerate() {
            validate_collection(c, &format!("collections[{i}]"))?;
        }
        match self.limit {
            Some(l) if l == 0 || l > MAX_TOPICS => Err(field_error("limit", "between 1 and 200")),
            _ => Ok(()),
        }
    }
}

/// A topic the knowledge base covers, and how well.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub topic: String,
    /// Relevant passages and the documents they come from.
    pub passages: u64,
    pub documents: u64,
    /// Coverage score: higher means more material.
    pub score: f64,
    /// True when an article on this topic has been generated.
    pub written: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TopicsResult {
    pub topics: Vec<Topic>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_ids_as_providers_spell_them_pass_and_nothing_else() {
        for good in [
            "gpt-4o-mini",
            "llama3.1:8b",
            "hf.co/org/m:Q4_K_M",
            "ft:gpt-4o:org::id",
        ] {
            assert!(valid_model(good), "{good}");
        }
        for bad in [
            "",
            "/abs",
            "a/../b",
            "m?key=1",
            "m#x",
            "m n",
            "m\n",
            &"m".repeat(201),
        ] {
            assert!(!valid_model(bad), "{bad:?}");
        }
    }

    fn spec() -> GenerateSpec {
        GenerateSpec {
            topic: "backups".into(),
            out_dir: "/tmp/out".into(),
            format: "md".into(),
            ..Default::default()
        }
    }

    #[test]
    fn specs_are_bounded() {
        spec().validate().unwrap();
        let bad = |f: fn(&mut GenerateSpec)| {
            let mut s = spec();
            f(&mut s);
            s.validate().unwrap_err().data.extra["path"]
                .as_str()
                .unwrap()
                .to_string()
        };
        assert_eq!(bad(|s| s.topic = "  ".into()), "topic");
        assert_eq!(bad(|s| s.topic = "x".repeat(10_000)), "topic");
        assert_eq!(bad(|s| s.topic = "a\nb".into()), "topic");
        assert_eq!(bad(|s| s.out_dir = "out".into()), "out_dir");
        assert_eq!(bad(|s| s.format = "pdf".into()), "format");
        assert_eq!(bad(|s| s.workflow = "../x".into()), "workflow");
        assert_eq!(bad(|s| s.date = Some("2026-13-01".into())), "date");
        assert_eq!(
            bad(|s| {
                s.vars.insert("a-b".into(), "x".into());
            }),
            "vars"
        );
        let mut auto = spec();
        auto.topic.clear();
        auto.auto_topic = true;
        auto.validate().unwrap();
    }
}
