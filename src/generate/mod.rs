//! Generation: turning a topic and the knowledge base into a finished article. A workflow
//! (`workflow`) is an ordered list of stages (`stage` names them) that fill in one article
//! (`article`) through a shared state (`state`); the offline stages (`stages`) compose it from
//! retrieved passages (`compose`, `keywords`, `seo`) and a configured model rewrites or plans
//! parts within bounds (`modelled`), a template shapes the body (`template`), `quality` checks
//! it against a tone profile (`tone`), and `output` writes it safely. `topics` finds what the
//! knowledge base covers; `resolve` turns a spec's names into what a job runs with; `methods`
//! declares the protocol methods whose results are these types. Domain logic only: no sockets
//! and no SQL (the knowledge base is reached through `state::Knowledge`).

pub mod article;
pub mod blocks;
pub mod compose;
mod grounding;
pub mod keywords;
pub mod methods;
mod modelled;
pub mod output;
mod own_page;
mod page_kind;
pub mod prompt;
pub mod quality;
pub mod resolve;
pub mod seo;
pub mod stage;
pub mod stages;
pub mod state;
mod subject;
pub mod template;
pub mod template_child;
pub mod tone;
pub mod topics;
pub mod workflow;
