//! The method table: every method the daemon serves (a `protocol::Method`, which fixes its
//! params and result types), with its permission and rate-limit class. A method that is not
//! in this table cannot be dispatched; a method in it cannot lack a permission. Params are decoded strictly (unknown fields refused, the failing
//! field's path reported) and validated before the handler runs.

use std::future::Future;
use std::sync::{Arc, LazyLock};

use futures_util::future::BoxFuture;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::handlers::{self, Call};
use crate::auth::Permission;
use crate::protocol::{Method, RpcError, Validate, short_type_name};

pub use crate::auth::ratelimit::RateClass;

type Handler =
    Arc<dyn Fn(Call, Value) -> BoxFuture<'static, Result<Value, RpcError>> + Send + Sync>;

/// One row of the table: a method's name and what it needs, and its typed handler behind a
/// JSON-in, JSON-out call.
pub struct Entry {
    pub name: &'static str,
    pub permission: Permission,
    pub rate: RateClass,
    /// The names of the params and result types and the one-line summary, for the method
    /// reference of docs/PROTOCOL.md.
    pub params: String,
    pub result: String,
    pub summary: &'static str,
    handler: Handler,
}

impl Entry {
    pub fn call(&self, call: Call, params: Value) -> BoxFuture<'static, Result<Value, RpcError>> {
        (self.handler)(call, params)
    }
}

/// Registers the handler of method `M`, whose signature must take `M::Params` and answer
/// `M::Result` (see `Handles`).
fn method<M: Method>(permission: Permission, rate: RateClass, f: impl Handles<M>) -> Entry {
    Entry {
        name: M::NAME,
        permission,
        rate,
        params: short_type_name::<M::Params>(),
        result: short_type_name::<M::Result>(),
        summary: M::SUMMARY,
        handler: f.into_handler(),
    }
}

/// A handler of method `M`: an async fn of `(Call, M::Params)` answering `M::Result`.
trait Handles<M: Method> {
    /// Wraps it: decode → validate → run → encode.
    fn into_handler(self) -> Handler;
}

impl<M, F, Fut> Handles<M> for F
where
    M: Method,
    F: Fn(Call, M::Params) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<M::Result, RpcError>> + Send + 'static,
{
    fn into_handler(self) -> Handler {
        let f = Arc::new(self);
        Arc::new(move |call, params| {
            let f = f.clone();
            Box::pin(async move {
                let params = decode_params::<M::Params>(params)?;
                let result = f(call, params).await?;
                serde_json::to_value(result)
                    .map_err(|e| RpcError::internal(format!("cannot encode the result: {e}")))
            })
        })
    }
}

/// Decodes params strictly and reports the path of the offending field.
pub fn decode_params<P: DeserializeOwned + Validate>(params: Value) -> Result<P, RpcError> {
    let p: P = serde_path_to_error::deserialize(params).map_err(|e| {
        let path = e.path().to_string();
        RpcError::invalid_params(format!("invalid params at {path}: {}", e.inner()))
            .with("path", path)
    })?;
    p.validate()?;
    Ok(p)
}

use Permission::{Admin, Read, Write};
use RateClass as R;

static TABLE: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    use crate::generate::methods as gen_m;
    use crate::protocol::{articles as art_m, auth as auth_m, generate as tpl_m, jobs as jobs_m};
    use crate::protocol::{kb as kb_m, providers as prov_m, system as sys_m};
    use handlers::{articles, auth, config, generate, jobs, kb, logs, providers, system};
    vec![
        method::<sys_m::Status>(Read, R::Read, system::status),
        method::<sys_m::Ping>(Read, R::Read, system::ping),
        method::<sys_m::Health>(Read, R::Read, system::health),
        method::<sys_m::Metrics>(Read, R::Read, system::metrics),
        method::<sys_m::Backup>(Admin, R::Admin, system::backup),
        method::<sys_m::Purge>(Admin, R::Admin, system::purge),
        method::<sys_m::Vacuum>(Admin, R::Admin, system::vacuum),
        method::<sys_m::GetFlags>(Read, R::Read, config::flags),
        method::<sys_m::GetConfig>(Read, R::Read, config::get),
        method::<sys_m::ReloadConfig>(Admin, R::Admin, config::reload),
        method::<sys_m::Shutdown>(Admin, R::Admin, system::shutdown),
        method::<auth_m::Audit>(Admin, R::Admin, auth::audit),
        method::<auth_m::CreateKey>(Admin, R::Admin, auth::keys_create),
        method::<auth_m::ListKeys>(Admin, R::Admin, auth::keys_list),
        method::<auth_m::RevokeKey>(Admin, R::Admin, auth::keys_revoke),
        method::<auth_m::RotateKey>(Admin, R::Admin, auth::keys_rotate),
        method::<auth_m::GetBudget>(Read, R::Read, auth::keys_budget),
        method::<auth_m::SetBudget>(Admin, R::Admin, auth::keys_set_budget),
        method::<auth_m::CreateSession>(Read, R::Write, auth::sessions_create),
        method::<auth_m::ListSessions>(Read, R::Read, auth::sessions_list),
        method::<auth_m::RevokeSession>(Read, R::Write, auth::sessions_revoke),
        method::<jobs_m::Submit>(Write, R::Submit, jobs::submit),
        method::<jobs_m::List>(Read, R::Read, jobs::list),
        method::<jobs_m::Get>(Read, R::Read, jobs::get),
        method::<jobs_m::Output>(Read, R::Read, jobs::output),
        method::<jobs_m::Wait>(Read, R::Stream, jobs::wait),
        method::<jobs_m::Watch>(Read, R::Stream, jobs::watch),
        method::<jobs_m::Cancel>(Write, R::Write, jobs::cancel),
        method::<jobs_m::Pause>(Write, R::Write, jobs::pause),
        method::<jobs_m::Resume>(Write, R::Write, jobs::resume),
        method::<jobs_m::Retry>(Write, R::Write, jobs::retry),
        method::<jobs_m::Remove>(Write, R::Write, jobs::remove),
        method::<jobs_m::Logs>(Read, R::Read, logs::job_logs),
        method::<jobs_m::GetQueueStatus>(Read, R::Read, jobs::queue_status),
        method::<jobs_m::PauseQueue>(Admin, R::Admin, jobs::queue_pause),
        method::<jobs_m::ResumeQueue>(Admin, R::Admin, jobs::queue_resume),
        method::<art_m::List>(Read, R::Read, articles::list),
        method::<art_m::Get>(Read, R::Read, articles::get),
        method::<kb_m::Search>(Read, R::Read, kb::search),
        method::<kb_m::ListDocs>(Read, R::Read, kb::docs_list),
        method::<kb_m::GetDoc>(Read, R::Read, kb::docs_get),
        method::<kb_m::RemoveDoc>(Write, R::Write, kb::docs_rm),
        method::<kb_m::ListCollections>(Read, R::Read, kb::collections_list),
        method::<kb_m::RemoveCollection>(Write, R::Write, kb::collections_rm),
        method::<kb_m::ShareCollection>(Admin, R::Admin, kb::collections_share),
        method::<gen_m::ListWorkflows>(Read, R::Read, generate::workflows_list),
        method::<gen_m::GetWorkflow>(Read, R::Read, generate::workflows_get),
        method::<tpl_m::ListAgents>(Read, R::Read, generate::agents_list),
        method::<tpl_m::GetAgent>(Read, R::Read, generate::agents_get),
        method::<gen_m::RunAgent>(Write, R::Submit, generate::agents_run),
        method::<tpl_m::ListTemplates>(Read, R::Read, generate::templates_list),
        method::<tpl_m::GetTemplate>(Read, R::Read, generate::templates_get),
        method::<tpl_m::AddTemplate>(Write, R::Write, generate::templates_add),
        method::<tpl_m::RemoveTemplate>(Write, R::Write, generate::templates_rm),
        method::<tpl_m::RenderTemplate>(Read, R::Read, generate::templates_render),
        method::<tpl_m::ListTopics>(Read, R::Read, generate::topics_list),
        method::<prov_m::ListProviders>(Read, R::Read, providers::list),
        method::<prov_m::GetProvider>(Read, R::Read, providers::get),
        method::<prov_m::TestProvider>(Write, R::Submit, providers::test),
        method::<prov_m::ReloadProviders>(Admin, R::Admin, providers::reload),
        method::<gen_m::CheckQuality>(Read, R::Read, generate::quality_check),
    ]
});

/// The rate-limit class of one call: the method's own, except that a submission holding an
/// ingest job counts against the (smaller) ingest quota.
pub fn rate_class(method: &Entry, params: &Value) -> RateClass {
    let ingest = || {
        params["jobs"].as_array().is_some_and(|jobs| {
            jobs.iter()
                .any(|j| j["spec"]["kind"].as_str() == Some("ingest"))
        })
    };
    if method.rate == RateClass::Submit && ingest() {
        RateClass::Ingest
    } else {
        method.rate
    }
}

/// What one call costs in its rate-limit class: one per job for a submission, so that one
/// request of 10,000 jobs is not cheaper than 10,000 requests of one; one for anything else.
pub fn rate_cost(method: &Entry, params: &Value) -> u32 {
    match params["jobs"].as_array() {
        Some(jobs) if method.name == crate::protocol::jobs::Submit::NAME => {
            u32::try_from(jobs.len()).unwrap_or(u32::MAX)
        }
        _ => 1,
    }
}

/// Looks a method up by name.
pub fn find(name: &str) -> Option<&'static Entry> {
    TABLE.iter().find(|m| m.name == name)
}

/// Every method, for tests and documentation.
pub fn all() -> impl Iterator<Item = &'static Entry> {
    TABLE.iter()
}

/// The method reference of docs/PROTOCOL.md (between `REFERENCE_BEGIN` and `REFERENCE_END`),
/// rendered from the table so that the document cannot drift from it.
pub fn reference() -> String {
    let mut text = String::from(
        "| method | permission | rate class | params | result | what it does |\n\
         |---|---|---|---|---|---|\n",
    );
    for m in all() {
        text.push_str(&format!(
            "| `{}` | {} | {} | `{}` | `{}` | {} |\n",
            m.name,
            m.permission.as_str(),
            m.rate.as_str(),
            m.params,
            m.result,
            m.summary
        ));
    }
    text
}

/// The markers around the generated method reference in docs/PROTOCOL.md.
pub const REFERENCE_BEGIN: &str =
    "<!-- method reference: generated from src/daemon/methods.rs; do not edit -->\n";
pub const REFERENCE_END: &str = "<!-- end of method reference -->\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_grouped() {
        let mut names: Vec<_> = all().map(|m| m.name).collect();
        let n = names.len();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), n, "duplicate method names");
        // Daemon-wide probes stand alone; everything else is `group.verb`.
        let standalone = ["status", "ping", "health", "metrics"];
        assert!(
            names
                .iter()
                .all(|m| standalone.contains(m) || m.contains('.')),
            "{names:?}"
        );
    }

    /// Fails when docs/PROTOCOL.md's method reference differs from the table; with
    /// `CGEN_UPDATE_DOCS=1` it writes the reference into the document instead.
    #[test]
    fn the_protocol_document_lists_every_method_as_the_table_has_it() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/PROTOCOL.md");
        let doc = std::fs::read_to_string(&path).unwrap();
        let start = doc.find(REFERENCE_BEGIN).expect("the begin marker") + REFERENCE_BEGIN.len();
        let end = doc.find(REFERENCE_END).expect("the end marker");
        let expected = reference();
        if doc[start..end] == expected {
            return;
        }
        if std::env::var_os("CGEN_UPDATE_DOCS").is_some() {
            std::fs::write(&path, format!("{}{expected}{}", &doc[..start], &doc[end..])).unwrap();
            return;
        }
        panic!(
            "docs/PROTOCOL.md's method reference is out of date with src/daemon/methods.rs; \
             regenerate it with: CGEN_UPDATE_DOCS=1 cargo nextest run -E \
             'test(the_protocol_document_lists_every_method)'"
        );
    }

    #[test]
    fn params_are_decoded_strictly_with_the_failing_path() {
        use crate::protocol::jobs::SubmitParams;
        let e =
            decode_params::<SubmitParams>(serde_json::json!({"jobs": [{"spec": {"kind": "ingest",
            "params": {"sources": ["/x"], "colection": "a"}}}]}))
            .unwrap_err();
        assert_eq!(e.kind(), crate::protocol::ErrorKind::InvalidParams);
        let path = e.data.extra["path"].as_str().unwrap();
        assert!(path.starts_with("jobs[0].spec"), "{path}");
        let e = decode_params::<SubmitParams>(serde_json::json!({"jobs": "many"})).unwrap_err();
        assert_eq!(e.data.extra["path"], "jobs");
        let e = decode_params::<SubmitParams>(serde_json::json!({"jobs": []})).unwrap_err();
        assert!(e.message.contains("between 1 and"), "{}", e.message);
    }
}
