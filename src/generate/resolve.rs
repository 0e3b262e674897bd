//! Resolving a generate spec: the workflow its name means, the tone profile its text parses
//! to and the template its body is rendered with, found once (at submit) into one
//! `ResolvedSpec` that the job carries, so a queued or resumed job runs with what was checked.
//! The workflows and templates are read from a `Library` loaded once per submit, however many
//! specs it holds.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::template::{TemplateError, Templates};
use super::tone::{ToneError, ToneProfile};
use super::workflow::{self, DEFAULT_WORKFLOW, Workflow, WorkflowError};
use crate::protocol::generate::GenerateSpec;

/// What a generate spec resolved to. The workflow and tone are frozen whole; of the templates
/// only the name is (the library is the operator's and cheap to load, see docs/ARCHITECTURE.md,
/// "The job model").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ResolvedSpec {
    pub workflow: Workflow,
    pub tone: ToneProfile,
    /// The template the body is rendered with: the spec's, else its workflow's.
    pub template: String,
}

/// The part of a spec that does not resolve, and why.
#[derive(Debug, thiserror::Error)]
pub enum Unresolved {
    /// The workflows do not load (a broken user file), or none has the spec's name.
    #[error("{0}")]
    Workflow(WorkflowError),
    #[error("tone profile: {0}")]
    Tone(ToneError),
    /// The templates do not load (a broken user file), or none has the name asked for.
    #[error("{0}")]
    Template(TemplateError),
}

impl Unresolved {
    /// The spec's field at fault, when one is: a library that does not load is nobody's field.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Unresolved::Workflow(WorkflowError::NotFound { .. }) => Some("workflow"),
            Unresolved::Tone(_) => Some("tone"),
            Unresolved::Template(TemplateError::NotFound { .. }) => Some("template"),
            Unresolved::Workflow(_) | Unresolved::Template(_) => None,
        }
    }

    /// Whether the spec names something that does not exist (rather than something broken).
    pub fn is_not_found(&self) -> bool {
        matches!(
            self,
            Unresolved::Workflow(WorkflowError::NotFound { .. })
                | Unresolved::Template(TemplateError::NotFound { .. })
        )
    }
}

/// The template a spec's body is rendered with: the spec's, else its workflow's, else the
/// blog template (a state without a workflow, from before workflows were stored).
pub fn template_name(spec: &GenerateSpec, workflow: Option<&Workflow>) -> String {
    spec.template
        .clone()
        .or_else(|| workflow.map(|w| w.template.clone()))
        .unwrap_or_else(|| "blog".into())
}

/// The workflows and templates specs are resolved against: the built-ins and the user's.
pub struct Library {
    workflows: BTreeMap<String, Workflow>,
    templates: Templates,
}

impl Library {
    /// Loads the workflows and templates, the user's from these folders.
    pub fn load(workflows: &Path, templates: &Path) -> Result<Library, Unresolved> {
        Ok(Library {
            workflows: workflow::load_all(Some(workflows)).map_err(Unresolved::Workflow)?,
            templates: super::template::load(Some(templates)).map_err(Unresolved::Template)?,
        })
    }

    /// The workflow a spec names (the default when it names none).
    pub fn workflow(&self, spec: &GenerateSpec) -> Result<&Workflow, Unresolved> {
        let name = if spec.workflow.is_empty() {
            DEFAULT_WORKFLOW
        } else {
            spec.workflow.as_str()
        };
        self.workflows.get(name).ok_or_else(|| {
            Unresolved::Workflow(WorkflowError::NotFound {
                name: name.to_string(),
                available: self.workflows.keys().cloned().collect(),
            })
        })
    }

    /// Resolves a spec: its workflow, then its tone, then its template.
    pub fn resolve(&self, spec: &GenerateSpec) -> Result<ResolvedSpec, Unresolved> {
        let workflow = self.workflow(spec)?.clone();
        self.resolve_with(workflow, spec)
    }

    /// Resolves a spec whose workflow is already known (a job checkpointed before its spec was
    /// resolved at submit keeps the workflow it started with).
    pub fn resolve_with(
        &self,
        workflow: Workflow,
        spec: &GenerateSpec,
    ) -> Result<ResolvedSpec, Unresolved> {
        let tone = tone_of(spec.tone.as_deref())?;
        let template = template_name(spec, Some(&workflow));
        if self.templates.source(&template).is_none() {
            return Err(Unresolved::Template(TemplateError::NotFound {
                name: template,
                available: self.templates.names().into_iter().map(|(n, _)| n).collect(),
            }));
        }
        Ok(ResolvedSpec {
            workflow,
            tone,
            template,
        })
    }

    /// The templates, for rendering.
    pub fn into_templates(self) -> Templates {
        self.templates
    }
}

/// The tone profile a spec's text parses to, or the default.
pub fn tone_of(text: Option<&str>) -> Result<ToneProfile, Unresolved> {
    match text {
        Some(text) => ToneProfile::from_toml(text).map_err(Unresolved::Tone),
        None => Ok(ToneProfile::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library() -> Library {
        let none = Path::new("/nonexistent/cgen-test");
        Library::load(none, none).unwrap()
    }

    #[test]
    fn a_spec_without_names_resolves_to_the_defaults() {
        let resolved = library().resolve(&GenerateSpec::default()).unwrap();
        assert_eq!(resolved.workflow.name, DEFAULT_WORKFLOW);
        assert_eq!(resolved.template, resolved.workflow.template);
        assert_eq!(resolved.tone, ToneProfile::default());
    }

    #[test]
    fn the_spec_template_wins_over_the_workflow_one() {
        let spec = GenerateSpec {
            template: Some("tutorial".into()),
            ..GenerateSpec::default()
        };
        assert_eq!(library().resolve(&spec).unwrap().template, "tutorial");
    }

    #[test]
    fn each_failure_names_its_field() {
        let lib = library();
        let workflow = GenerateSpec {
            workflow: "tutorail".into(),
            ..GenerateSpec::default()
        };
        let e = lib.resolve(&workflow).unwrap_err();
        assert_eq!((e.field(), e.is_not_found()), (Some("workflow"), true));
        assert!(e.to_string().contains("did you mean tutorial?"), "{e}");
        let tone = GenerateSpec {
            tone: Some("no_such_key = 1".into()),
            ..GenerateSpec::default()
        };
        let e = lib.resolve(&tone).unwrap_err();
        assert_eq!((e.field(), e.is_not_found()), (Some("tone"), false));
        assert!(e.to_string().starts_with("tone profile: "), "{e}");
        let template = GenerateSpec {
            template: Some("blgo".into()),
            ..GenerateSpec::default()
        };
        let e = lib.resolve(&template).unwrap_err();
        assert_eq!((e.field(), e.is_not_found()), (Some("template"), true));
        assert!(e.to_string().contains("did you mean blog?"), "{e}");
    }

    #[test]
    fn a_resolved_spec_survives_being_stored() {
        let resolved = library().resolve(&GenerateSpec::default()).unwrap();
        let text = serde_json::to_string(&resolved).unwrap();
        assert_eq!(
            serde_json::from_str::<ResolvedSpec>(&text).unwrap(),
            resolved
        );
    }
}
