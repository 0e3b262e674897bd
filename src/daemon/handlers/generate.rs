//! `workflows.*`, `agents.*`, `templates.*`, `topics.list` and `quality.check`: what
//! generation offers besides the generate job itself (submitted through `jobs.submit`).

use std::collections::HashSet;

use serde_json::Value;

use super::Call;
use crate::generate::article::Article;
use crate::generate::methods::WorkflowsList;
use crate::generate::quality::{QualityOptions, QualityReport, report};
use crate::generate::resolve::tone_of;
use crate::generate::stage::{Stage, StageInfo};
use crate::generate::state::GenState;
use crate::generate::template::{self, Templates};
use crate::generate::workflow::{self, Workflow};
use crate::jobs::generate::{StageTools, StoreKnowledge, written_topics};
use crate::protocol::Validate;
use crate::protocol::generate::{
    AgentRunParams, AgentsList, Name, QualityParams, Rendered, TemplateAddParams, TemplateAdded,
    TemplateEntry, TemplateRemoved, TemplateRenderParams, TemplateView, TemplatesList,
    TopicsParams, TopicsResult,
};
use crate::protocol::jobs::prefix_path;
use crate::protocol::system::NoParams;
use crate::protocol::{ErrorKind, RpcError};

const DEFAULT_TOPICS: u32 = 20;

fn invalid(e: impl std::fmt::Display) -> RpcError {
    RpcError::invalid_params(e.to_string())
}

/// Runs blocking generation work (parsing, scoring, file I/O) off the async workers.
async fn blocking<R: Send + 'static>(
    f: impl FnOnce() -> Result<R, RpcError> + Send + 'static,
) -> Result<R, RpcError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| RpcError::internal(e.to_string()))?
}

pub async fn workflows_list(call: Call, _: NoParams) -> Result<WorkflowsList, RpcError> {
    let dir = call.daemon.runtime.user_dir("workflows");
    let all = blocking(move || workflow::load_all(Some(&dir)).map_err(invalid)).await?;
    Ok(WorkflowsList {
        workflows: all.into_values().collect(),
    })
}

pub async fn workflows_get(call: Call, p: Name) -> Result<Workflow, RpcError> {
    let dir = call.daemon.runtime.user_dir("workflows");
    blocking(move || {
        workflow::find(&p.name, Some(&dir)).map_err(|e| match e {
            workflow::WorkflowError::NotFound { .. } => RpcError::not_found(e.to_string()),
            other => invalid(other),
        })
    })
    .await
}

fn stage_named(name: &str) -> Result<Stage, RpcError> {
    Stage::parse(name).ok_or_else(|| {
        let all = Stage::ALL.iter().map(|s| s.name());
        RpcError::not_found(crate::suggest::unknown("stage", name, "stages", all))
    })
}

pub async fn agents_list(_: Call, _: NoParams) -> Result<AgentsList, RpcError> {
    Ok(AgentsList {
        agents: Stage::ALL.iter().map(|s| s.describe()).collect(),
    })
}

pub async fn agents_get(_: Call, p: Name) -> Result<StageInfo, RpcError> {
    Ok(stage_named(&p.name)?.describe())
}

/// Runs one stage on the given state and returns the state after it.
pub async fn agents_run(call: Call, p: AgentRunParams) -> Result<GenState, RpcError> {
    let stage = stage_named(&p.name)?;
    let mut state: GenState = serde_path_to_error::deserialize(p.input).map_err(|e| {
        RpcError::invalid_params(format!("input at {}: {}", e.path(), e.inner()))
            .with("path", format!("input.{}", e.path()))
    })?;
    // The stages that search with the topic or write files get the bounds a submitted
    // generate job gets (a topic of sane length, an absolute output folder).
    if matches!(stage, Stage::Retrieve | Stage::Write) {
        state
            .spec
            .validate()
            .map_err(|e| prefix_path(e, "input.spec"))?;
    }
    let rt = call.daemon.runtime.clone();
    let knowledge = StoreKnowledge::new(&rt, Some(call.principal.key_id.clone()));
    let output = rt.output_roots(call.principal.role == crate::auth::Role::Admin);
    // The stages that look into or write the output folder: only where the caller may write.
    let looks_at_output = match stage {
        // An article kept for standard output touches no folder.
        Stage::Write => !state.spec.stdout,
        Stage::Seo => !state.spec.out_dir.is_empty(),
        _ => false,
    };
    if looks_at_output {
        let out_dir = std::path::PathBuf::from(&state.spec.out_dir);
        let roots = output.clone();
        blocking(move || {
            roots.check(&out_dir).map_err(|why| {
                RpcError::new(ErrorKind::Forbidden, why).with("path", "input.spec.out_dir")
            })
        })
        .await?;
    }
    blocking(move || {
        let tone = tone_of(state.spec.tone.as_deref()).map_err(invalid)?;
        let tools = StageTools::load(&rt, knowledge, tone, output).map_err(invalid)?;
        tools.run(stage, &mut state).map_err(|e| {
            RpcError::new(ErrorKind::InvalidParams, e.to_string())
                .with("kind_detail", e.kind().as_str())
        })?;
        Ok(state)
    })
    .await
}

fn user_templates(call: &Call) -> std::path::PathBuf {
    call.daemon.runtime.user_dir("templates")
}

fn load(dir: &std::path::Path) -> Result<Templates, RpcError> {
    crate::generate::template::load(Some(dir)).map_err(invalid)
}

pub async fn templates_list(call: Call, _: NoParams) -> Result<TemplatesList, RpcError> {
    let dir = user_templates(&call);
    let names = blocking(move || Ok(load(&dir)?.names())).await?;
    let templates = names
        .into_iter()
        .map(|(name, builtin)| TemplateEntry { builtin, name })
        .collect();
    Ok(TemplatesList { templates })
}

pub async fn templates_get(call: Call, p: Name) -> Result<TemplateView, RpcError> {
    let dir = user_templates(&call);
    blocking(move || {
        let t = load(&dir)?;
        let builtin = t.names().into_iter().any(|(n, b)| n == p.name && b);
        let source = t.source(&p.name).ok_or_else(|| {
            let names = t.names();
            let known = names.iter().map(|(n, _)| n.as_str());
            RpcError::not_found(crate::suggest::unknown(
                "template",
                &p.name,
                "available",
                known,
            ))
        })?;
        Ok(TemplateView {
            builtin,
            name: p.name,
            source: source.to_string(),
        })
    })
    .await
}

/// Adds or replaces a user template. Users own what they add; replacing or removing another
/// key's template takes an admin.
pub async fn templates_add(call: Call, p: TemplateAddParams) -> Result<TemplateAdded, RpcError> {
    check_template_owner(&call, &p.name).await?;
    let dir = user_templates(&call);
    let (name, name_of_added) = (p.name.clone(), p.name.clone());
    let path =
        blocking(move || template::add_user_template(&dir, &p.name, &p.source).map_err(invalid))
            .await?;
    let owner = call.principal.owner().to_string();
    call.daemon
        .store
        .write(move |c| crate::store::auth::set_template_owner(c, &name, Some(&owner)))
        .await?;
    Ok(TemplateAdded {
        name: name_of_added,
        path,
    })
}

pub async fn templates_rm(call: Call, p: Name) -> Result<TemplateRemoved, RpcError> {
    check_template_owner(&call, &p.name).await?;
    let dir = user_templates(&call);
    let name = p.name.clone();
    blocking(move || {
        template::remove_user_template(&dir, &name).map_err(|e| match e {
            template::TemplateError::NotFound { .. } => RpcError::not_found(e.to_string()),
            other => RpcError::new(ErrorKind::Conflict, other.to_string()),
        })
    })
    .await?;
    let name = p.name.clone();
    call.daemon
        .store
        .write(move |c| crate::store::auth::set_template_owner(c, &name, None))
        .await?;
    Ok(TemplateRemoved { removed: p.name })
}

/// A user may change only the templates its own key added (or new ones).
async fn check_template_owner(call: &Call, name: &str) -> Result<(), RpcError> {
    if call.principal.role == crate::auth::Role::Admin {
        return Ok(());
    }
    let lookup = name.to_string();
    let owner = call
        .daemon
        .store
        .read(move |c| crate::store::auth::template_owner(c, &lookup))
        .await?;
    let exists = owner.is_some() || template::exists(&user_templates(call), name);
    if exists && owner.as_deref() != Some(call.principal.owner()) {
        return Err(RpcError::new(
            ErrorKind::Forbidden,
            format!("template '{name}' belongs to another key; only an admin may change it"),
        ));
    }
    Ok(())
}

pub async fn templates_render(call: Call, p: TemplateRenderParams) -> Result<Rendered, RpcError> {
    let dir = user_templates(&call);
    let gone = call.client_gone.clone();
    blocking(move || {
        let article: Article = match p.article {
            Some(v) => serde_json::from_value(v).map_err(|e| {
                RpcError::invalid_params(format!("article: {e}")).with("path", "article")
            })?,
            None => sample_article(),
        };
        let markdown = load(&dir)?
            .stop_when(gone)
            .render(&p.name, &article, &p.vars)
            .map_err(|e| match e {
                template::TemplateError::NotFound { .. } => RpcError::not_found(e.to_string()),
                other => invalid(other),
            })?;
        Ok(Rendered { markdown })
    })
    .await
}

/// A small article for previewing templates.
fn sample_article() -> Article {
    use crate::generate::article::{Faq, Section, Source};
    Article {
        title: "Sample Article".into(),
        seo_title: "Sample Article".into(),
        description: "A sample article for previewing templates.".into(),
        slug: "sample-article".into(),
        date: "2026-01-01".into(),
        author: "cgen".into(),
        draft: true,
        tags: vec!["sample".into()],
        keywords: vec!["sample".into()],
        introduction: Section {
            heading: String::new(),
            body: "An introduction that says what the article covers.[^1]".into(),
            citations: vec![1],
        },
        sections: vec![Section {
            heading: "A Section".into(),
            body: "A paragraph drawn from a source.[^1]".into(),
            citations: vec![1],
        }],
        conclusion: Section {
            heading: "Conclusion".into(),
            body: "A closing summary.".into(),
            citations: vec![],
        },
        faq: vec![Faq {
            question: "What is a sample?".into(),
            answer: "A sample is an example.[^1]".into(),
            citations: vec![1],
        }],
        code_examples: vec![],
        sources: vec![Source {
            id: 1,
            title: "A Source".into(),
            source: "/docs/source.md".into(),
            heading_path: vec!["A Source".into()],
            chunks: vec![],
        }],
    }
}

pub async fn quality_check(call: Call, p: QualityParams) -> Result<QualityReport, RpcError> {
    let knowledge = StoreKnowledge::new(&call.daemon.runtime, Some(call.principal.key_id.clone()));
    let dir = call.daemon.runtime.user_dir("workflows");
    blocking(move || {
        let tone = tone_of(p.tone.as_deref()).map_err(invalid)?;
        let workflow = p
            .workflow
            .as_deref()
            .map(|name| workflow::find(name, Some(&dir)))
            .transpose()
            .map_err(|e| match e {
                workflow::WorkflowError::NotFound { .. } => RpcError::not_found(e.to_string()),
                other => invalid(other),
            })?;
        let resolve =
            |hash: &str| crate::generate::state::Knowledge::chunk_exists(&knowledge, hash);
        let keywords = front_matter_keywords(&p.markdown);
        let opts = QualityOptions {
            tone: &tone,
            keywords: &keywords,
            resolve_chunk: &resolve,
            topic: p.topic.as_deref(),
            workflow: workflow.as_ref(),
        };
        Ok(report(&p.markdown, &opts))
    })
    .await
}

/// The `keywords` list of a Markdown file's front matter, if any (for the density check).
fn front_matter_keywords(markdown: &str) -> Vec<String> {
    let Some(rest) = markdown.strip_prefix("---\n") else {
        return Vec::new();
    };
    let Some(end) = rest.find("\n---") else {
        return Vec::new();
    };
    let value: Value = crate::yaml::from_str(&rest[..end], crate::yaml::MAX_FRONT_MATTER_BYTES)
        .unwrap_or(Value::Null);
    value["keywords"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|k| k.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

pub async fn topics_list(call: Call, p: TopicsParams) -> Result<TopicsResult, RpcError> {
    super::kb::check_collections(&call, p.collections.clone()).await?;
    let store = call.daemon.store.clone();
    let limit = p.limit.unwrap_or(DEFAULT_TOPICS) as usize;
    let knowledge = StoreKnowledge::new(&call.daemon.runtime, Some(call.principal.key_id.clone()));
    blocking(move || {
        let written: HashSet<String> =
            written_topics(&store).map_err(|e| RpcError::internal(e.to_string()))?;
        let topics = crate::generate::topics::discover(&knowledge, &p.collections, &written, limit)
            .map_err(|e| RpcError::internal(e.to_string()))?;
        Ok(TopicsResult { topics })
    })
    .await
}
