//! The method table: every method the daemon serves, with its params type, permission and
//! rate-limit class. A method that is not in this table cannot be dispatched; a method in it
//! cannot lack a permission. Params are decoded strictly (unknown fields refused, the failing
//! field's path reported) and validated before the handler runs.

use std::future::Future;
use std::sync::{Arc, LazyLock};

use futures_util::future::BoxFuture;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::handlers::{self, Call};
use crate::auth::Permission;
use crate::protocol::{RpcError, Validate};

pub use crate::auth::ratelimit::RateClass;

type Handler =
    Arc<dyn Fn(Call, Value) -> BoxFuture<'static, Result<Value, RpcError>> + Send + Sync>;

pub struct Method {
    pub name: &'static str,
    pub permission: Permission,
    pub rate: RateClass,
    handler: Handler,
}

impl Method {
    pub fn call(&self, call: Call, params: Value) -> BoxFuture<'static, Result<Value, RpcError>> {
        (self.handler)(call, params)
    }
}

/// Wraps a typed handler: decode → validate → run → encode.
fn method<P, R, F, Fut>(name: &'static str, permission: Permission, rate: RateClass, f: F) -> Method
where
    P: DeserializeOwned + Validate + Send + 'static,
    R: Serialize + 'static,
    F: Fn(Call, P) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<R, RpcError>> + Send + 'static,
{
    let f = Arc::new(f);
    let handler: Handler = Arc::new(move |call, params| {
        let f = f.clone();
        Box::pin(async move {
            let params = decode_params::<P>(params)?;
            let result = f(call, params).await?;
            serde_json::to_value(result)
                .map_err(|e| RpcError::internal(format!("cannot encode the result: {e}")))
        })
    });
    Method {
        name,
        permission,
        rate,
        handler,
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

static TABLE: LazyLock<Vec<Method>> = LazyLock::new(|| {
    use handlers::{articles, auth, config, generate, jobs, kb, logs, providers, system};
    vec![
        method("status", Read, R::Read, system::status),
        method("ping", Read, R::Read, system::ping),
        method("health", Read, R::Read, system::health),
        method("metrics", Read, R::Read, system::metrics),
        method("admin.backup", Admin, R::Admin, system::backup),
        method("admin.purge", Admin, R::Admin, system::purge),
        method("admin.vacuum", Admin, R::Admin, system::vacuum),
        method("admin.flags", Read, R::Read, config::flags),
        method("config.get", Read, R::Read, config::get),
        method("config.reload", Admin, R::Admin, config::reload),
        method("daemon.shutdown", Admin, R::Admin, system::shutdown),
        method("admin.audit", Admin, R::Admin, auth::audit),
        method("keys.create", Admin, R::Admin, auth::keys_create),
        method("keys.list", Admin, R::Admin, auth::keys_list),
        method("keys.revoke", Admin, R::Admin, auth::keys_revoke),
        method("keys.rotate", Admin, R::Admin, auth::keys_rotate),
        method("keys.budget", Read, R::Read, auth::keys_budget),
        method("keys.set_budget", Admin, R::Admin, auth::keys_set_budget),
        method("sessions.create", Read, R::Write, auth::sessions_create),
        method("sessions.list", Read, R::Read, auth::sessions_list),
        method("sessions.revoke", Read, R::Write, auth::sessions_revoke),
        method("jobs.submit", Write, R::Submit, jobs::submit),
        method("jobs.list", Read, R::Read, jobs::list),
        method("jobs.get", Read, R::Read, jobs::get),
        method("jobs.output", Read, R::Read, jobs::output),
        method("jobs.wait", Read, R::Stream, jobs::wait),
        method("jobs.watch", Read, R::Stream, jobs::watch),
        method("jobs.cancel", Write, R::Write, jobs::cancel),
        method("jobs.pause", Write, R::Write, jobs::pause),
        method("jobs.resume", Write, R::Write, jobs::resume),
        method("jobs.retry", Write, R::Write, jobs::retry),
        method("jobs.rm", Write, R::Write, jobs::remove),
        method("jobs.logs", Read, R::Read, logs::job_logs),
        method("queue.status", Read, R::Read, jobs::queue_status),
        method("queue.pause", Admin, R::Admin, jobs::queue_pause),
        method("queue.resume", Admin, R::Admin, jobs::queue_resume),
        method("articles.list", Read, R::Read, articles::list),
        method("articles.get", Read, R::Read, articles::get),
        method("kb.search", Read, R::Read, kb::search),
        method("docs.list", Read, R::Read, kb::docs_list),
        method("docs.get", Read, R::Read, kb::docs_get),
        method("docs.rm", Write, R::Write, kb::docs_rm),
        method("collections.list", Read, R::Read, kb::collections_list),
        method("collections.rm", Write, R::Write, kb::collections_rm),
        method("collections.share", Admin, R::Admin, kb::collections_share),
        method("workflows.list", Read, R::Read, generate::workflows_list),
        method("workflows.get", Read, R::Read, generate::workflows_get),
        method("agents.list", Read, R::Read, generate::agents_list),
        method("agents.get", Read, R::Read, generate::agents_get),
        method("agents.run", Write, R::Submit, generate::agents_run),
        method("templates.list", Read, R::Read, generate::templates_list),
        method("templates.get", Read, R::Read, generate::templates_get),
        method("templates.add", Write, R::Write, generate::templates_add),
        method("templates.rm", Write, R::Write, generate::templates_rm),
        method(
            "templates.render",
            Read,
            R::Read,
            generate::templates_render,
        ),
        method("topics.list", Read, R::Read, generate::topics_list),
        method("providers.list", Read, R::Read, providers::list),
        method("providers.get", Read, R::Read, providers::get),
        method("providers.test", Write, R::Submit, providers::test),
        method("providers.reload", Admin, R::Admin, providers::reload),
        method("quality.check", Read, R::Read, generate::quality_check),
    ]
});

/// The rate-limit class of one call: the method's own, except that a submission holding an
/// ingest job counts against the (smaller) ingest quota.
pub fn rate_class(method: &Method, params: &Value) -> RateClass {
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
pub fn rate_cost(method: &Method, params: &Value) -> u32 {
    match params["jobs"].as_array() {
        Some(jobs) if method.name == "jobs.submit" => u32::try_from(jobs.len()).unwrap_or(u32::MAX),
        _ => 1,
    }
}

/// Looks a method up by name.
pub fn find(name: &str) -> Option<&'static Method> {
    TABLE.iter().find(|m| m.name == name)
}

/// Every method, for tests and documentation.
pub fn all() -> impl Iterator<Item = &'static Method> {
    TABLE.iter()
}

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
