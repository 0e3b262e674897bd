//! The configuration in force: `config.get`, `config.reload` and `admin.flags`.

use super::Call;
use crate::config::{ConfigError, Feature};
use crate::protocol::system::{ConfigResult, FlagView, FlagsResult, NoParams, ReloadResult};
use crate::protocol::{ErrorKind, RpcError};

pub async fn get(call: Call, _: NoParams) -> Result<ConfigResult, RpcError> {
    let d = &call.daemon;
    let config = serde_json::to_value(d.config().redacted())
        .map_err(|e| RpcError::internal(format!("cannot encode the configuration: {e}")))?;
    Ok(ConfigResult {
        file: d.source.file.display().to_string(),
        profile: d.source.profile.clone(),
        config,
    })
}

/// Reloads the file; an invalid one is refused with every problem, the old configuration kept.
pub async fn reload(call: Call, _: NoParams) -> Result<ReloadResult, RpcError> {
    let trigger = format!("config.reload by {}", call.principal.name);
    crate::daemon::reload::reload(&call.daemon, &trigger)
        .await
        .map_err(refused)
}

fn refused(e: ConfigError) -> RpcError {
    let problems = serde_json::to_value(e.problems()).unwrap_or_default();
    RpcError::new(
        ErrorKind::Conflict,
        format!("{e}\nthe configuration in force is unchanged"),
    )
    .with("problems", problems)
}

pub async fn flags(call: Call, _: NoParams) -> Result<FlagsResult, RpcError> {
    let features = &call.daemon.config().features;
    Ok(FlagsResult {
        flags: Feature::ALL
            .into_iter()
            .map(|f| FlagView {
                name: f.name().into(),
                enabled: features.enabled(f),
                default: f.default_value(),
                reloadable: f.reloadable(),
                description: f.description().into(),
            })
            .collect(),
    })
}
