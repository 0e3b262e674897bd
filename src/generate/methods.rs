//! The methods whose results are generation's own types (a workflow, a generation state, a
//! quality report): declared here, beside those types, because the protocol is a leaf and
//! cannot name them. Their params are protocol types like every other method's.

use serde::{Deserialize, Serialize};

use super::quality::QualityReport;
use super::state::GenState;
use super::workflow::Workflow;
use crate::protocol::generate::{AgentRunParams, Name, QualityParams};
use crate::protocol::methods;
use crate::protocol::system::NoParams;

methods! {
    ListWorkflows = "workflows.list", NoParams => WorkflowsList,
        "workflows, built-in and the users' own";
    GetWorkflow = "workflows.get", Name => Workflow, "a workflow's stages and parameters";
    RunAgent = "agents.run", AgentRunParams => GenState,
        "runs one stage on a generation state and returns the state after it";
    CheckQuality = "quality.check", QualityParams => QualityReport,
        "the quality report of a Markdown article";
}

/// `workflows.list`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WorkflowsList {
    pub workflows: Vec<Workflow>,
}
