//! `cgen config show|validate|path` read files on this machine only and work with no daemon
//! running; `cgen config show --running` and `cgen config reload` ask the daemon.

use std::path::PathBuf;

use clap::Subcommand;

use super::{CmdResult, Context, Exit, Failure};
use crate::client::Client;
use crate::config::{ConfigSource, Origins};
use crate::protocol;
use crate::protocol::system::{ConfigResult, NoParams, ReloadResult};

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ConfigCommand {
    /// Print the configuration: defaults, the config file, the profile and environment
    /// overrides merged, secrets redacted.
    Show {
        /// Say where each setting that is not a default came from (file, profile, environment).
        #[arg(long, conflicts_with = "running")]
        effective: bool,
        /// The configuration in force in the running daemon instead (as of its last reload).
        #[arg(long)]
        running: bool,
    },
    /// Check a config file (default: the one in use) with every profile it defines; exit 1
    /// naming each bad key, where its value came from and why.
    Validate { file: Option<PathBuf> },
    /// Print where cgen keeps its config, data, logs and socket.
    Path,
    /// Make the daemon read its config file again (like SIGHUP). An invalid file is refused
    /// and the configuration in force stays; settings that need a restart are listed.
    Reload,
}

pub async fn run(ctx: &Context, command: ConfigCommand) -> CmdResult {
    match command {
        ConfigCommand::Show { effective, running } => {
            if running {
                return show_running(ctx).await;
            }
            let source = ctx.config_source();
            let resolved = source.resolve()?;
            let config = &resolved.config;
            if ctx.out.json && effective {
                let origins: serde_json::Map<String, serde_json::Value> = resolved
                    .origins
                    .iter()
                    .map(|(k, o)| (k.clone(), o.to_string().into()))
                    .collect();
                ctx.out.json(&serde_json::json!({
                    "file": source.file, "profile": source.profile,
                    "config": config.redacted(), "origins": origins,
                }));
            } else if ctx.out.json {
                ctx.out.json(&config.redacted());
            } else if effective {
                ctx.out
                    .text(&annotated(&source, &config.to_toml(), &resolved.origins));
            } else {
                ctx.out.text(&config.to_toml());
            }
        }
        ConfigCommand::Validate { file } => {
            let explicit = file.is_some() || ctx.global.config.is_some();
            let source = ConfigSource {
                file: file.unwrap_or_else(|| ctx.paths.config_file.clone()),
                must_exist: explicit,
                profile: ctx.global.profile.clone(),
            };
            let profiles = source.check_all()?;
            let path = &source.file;
            if ctx.out.json {
                ctx.out.json(
                    &serde_json::json!({ "file": path, "valid": true, "profiles": profiles }),
                );
            } else if !ctx.out.quiet {
                let mut note = String::new();
                if !path.exists() {
                    note.push_str(" (absent: defaults apply)");
                }
                if !profiles.is_empty() {
                    note.push_str(&format!(", with its profiles {}", profiles.join(", ")));
                }
                ctx.out.line(&format!("{} is valid{note}", path.display()));
            }
        }
        ConfigCommand::Path => {
            let p = &ctx.paths;
            if ctx.out.json {
                ctx.out.json(&serde_json::json!({
                    "config_file": p.config_file, "database": p.database(), "data_dir": p.data_dir,
                    "state_dir": p.state_dir, "log_dir": p.log_dir, "socket": p.socket,
                }));
            } else {
                ctx.out.text(&format!(
                    "config file: {}\ndatabase:    {}\nstate dir:   {}\nlog dir:     {}\nsocket:      {}\n",
                    p.config_file.display(),
                    p.database().display(),
                    p.state_dir.display(),
                    p.log_dir.display(),
                    p.socket.display()
                ));
            }
        }
        ConfigCommand::Reload => reload(ctx).await?,
    }
    Ok(())
}

/// The TOML text with the origin of each setting a layer set after it, as a comment.
fn annotated(source: &ConfigSource, toml: &str, origins: &Origins) -> String {
    let mut out = format!("# file: {}", source.file.display());
    if let Some(p) = &source.profile {
        out.push_str(&format!(", profile: {p}"));
    }
    out.push_str("\n# settings without a comment have their default value\n\n");
    let mut section = String::new();
    for line in toml.lines() {
        out.push_str(line);
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name.to_string();
        } else if let Some((key, _)) = line.split_once(" = ") {
            let key = format!("{section}.{}", key.trim());
            if let Some(origin) = origins.of(&key) {
                out.push_str(&format!("  # {origin}"));
            }
        }
        out.push('\n');
    }
    out
}

/// Never starts a daemon: a new one reads the file anyway.
async fn running_daemon(ctx: &Context) -> Result<Client, Failure> {
    Ok(ctx.connect_running().await?)
}

async fn show_running(ctx: &Context) -> CmdResult {
    let r: ConfigResult = running_daemon(ctx)
        .await?
        .call::<protocol::system::GetConfig>(&NoParams {})
        .await?;
    if ctx.out.json {
        ctx.out.json(&r);
        return Ok(());
    }
    let text = toml::to_string_pretty(&r.config)
        .map_err(|e| Failure::new(Exit::Failure, format!("cannot render: {e}")))?;
    let profile = r
        .profile
        .map(|p| format!(", profile: {p}"))
        .unwrap_or_default();
    ctx.out.text(&format!(
        "# in force in the daemon; file: {}{profile}\n\n{text}",
        r.file
    ));
    Ok(())
}

async fn reload(ctx: &Context) -> CmdResult {
    let r: ReloadResult = running_daemon(ctx)
        .await?
        .call::<protocol::system::ReloadConfig>(&NoParams {})
        .await?;
    if ctx.out.json {
        ctx.out.json(&r);
    } else if !ctx.out.quiet {
        let mut text = format!("reloaded {}", r.file);
        if r.applied.is_empty() && r.needs_restart.is_empty() {
            text.push_str(": nothing changed");
        }
        if !r.applied.is_empty() {
            text.push_str(&format!("\n  in force now: {}", r.applied.join(", ")));
        }
        if !r.needs_restart.is_empty() {
            text.push_str(&format!(
                "\n  needs a restart (the running value stays): {}",
                r.needs_restart.join(", ")
            ));
        }
        ctx.out.line(&text);
    }
    Ok(())
}
