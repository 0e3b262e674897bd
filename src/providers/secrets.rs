//! Where a provider's secret comes from: systemd credentials (`$CREDENTIALS_DIRECTORY`), the
//! OS keyring (`cgen providers key set NAME`), then the provider's environment variable
//! (`OPENAI_API_KEY`, `GEMINI_API_KEY`, `ANTHROPIC_API_KEY`). Never the config file. The secret
//! is wrapped so that Debug output and logs never show it.

use std::path::PathBuf;

use super::settings::ProviderSettings;

/// A provider secret; Debug shows only that there is one.
#[derive(Clone, PartialEq, Eq)]
pub struct ProviderSecret(String);

impl ProviderSecret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for ProviderSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProviderSecret(<redacted>)")
    }
}

/// The keyring entry of provider `name` (service `cgen`).
pub fn keyring_user(name: &str) -> String {
    format!("provider:{name}")
}

/// The systemd credential file of provider `name`.
fn credential_file(name: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("CREDENTIALS_DIRECTORY")?;
    Some(PathBuf::from(dir).join(format!("cgen-provider-{name}")))
}

/// Looks for the secret of provider `name`; `Err` says everywhere it looked.
pub fn find(
    name: &str,
    settings: &ProviderSettings,
    keyring: impl Fn(&str) -> Option<String>,
) -> Result<Option<ProviderSecret>, String> {
    let mut looked = Vec::new();
    if let Some(path) = credential_file(name) {
        if let Ok(text) = std::fs::read_to_string(&path)
            && !text.trim().is_empty()
        {
            return Ok(Some(ProviderSecret(text.trim().to_string())));
        }
        looked.push(format!("the systemd credential {}", path.display()));
    }
    if let Some(secret) = keyring(&keyring_user(name)).filter(|s| !s.trim().is_empty()) {
        return Ok(Some(ProviderSecret(secret.trim().to_string())));
    }
    looked.push(format!("the OS keyring (`cgen providers key set {name}`)"));
    match settings.kind.env_var() {
        None => Ok(None),
        Some(var) => match std::env::var(var) {
            Ok(v) if !v.trim().is_empty() => Ok(Some(ProviderSecret(v.trim().to_string()))),
            _ => {
                looked.push(format!("${var}"));
                Err(format!(
                    "no secret for provider '{name}'; looked in {}",
                    looked.join(", ")
                ))
            }
        },
    }
}
