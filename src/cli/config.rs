//! `cgen config show|validate|path` read files on this machine only and work with no daemon
//! running; `cgen config show --running` and `cgen config reload` ask the daemon.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use serde::Serialize;

use super::render::{Page, Render, Said};
use super::{CmdResult, Context, Exit, Failure};
use crate::client::Client;
use crate::config::{ConfigSource, Origins, Resolved};
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
            ctx.out.emit(&Shown {
                source: &source,
                resolved: &resolved,
                effective,
            });
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
            let mut note = String::new();
            if !path.exists() {
                note.push_str(" (absent: defaults apply)");
            }
            if !profiles.is_empty() {
                note.push_str(&format!(", with its profiles {}", profiles.join(", ")));
            }
            let valid = Valid {
                file: path,
                profiles: &profiles,
                valid: true,
            };
            ctx.out.emit(&Said::new(
                &valid,
                format!("{} is valid{note}", path.display()),
            ));
        }
        ConfigCommand::Path => {
            let p = &ctx.paths;
            ctx.out.emit(&Places {
                config_file: &p.config_file,
                data_dir: &p.data_dir,
                database: &p.database(),
                log_dir: &p.log_dir,
                socket: &p.socket,
                state_dir: &p.state_dir,
            });
        }
        ConfigCommand::Reload => reload(ctx).await?,
    }
    Ok(())
}

/// `config show`: the settings as TOML for people (each with its origin when `effective`);
/// as JSON, the redacted settings alone, or with their file, profile and origins.
struct Shown<'a> {
    source: &'a ConfigSource,
    resolved: &'a Resolved,
    effective: bool,
}

impl Serialize for Shown<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let config = self.resolved.config.redacted();
        if !self.effective {
            return config.serialize(s);
        }
        let origins: serde_json::Map<String, serde_json::Value> = self
            .resolved
            .origins
            .iter()
            .map(|(k, o)| (k.clone(), o.to_string().into()))
            .collect();
        serde_json::json!({
            "file": self.source.file, "profile": self.source.profile,
            "config": config, "origins": origins,
        })
        .serialize(s)
    }
}

/// `-q` prints the same.
impl Render for Shown<'_> {
    fn human(&self, page: &mut Page) {
        let toml = self.resolved.config.to_toml();
        if self.effective {
            page.text(&annotated(self.source, &toml, &self.resolved.origins));
        } else {
            page.text(&toml);
        }
    }
}

/// What `config validate --json` says. Fields in name order, as the JSON has always had them.
#[derive(Serialize)]
struct Valid<'a> {
    file: &'a Path,
    profiles: &'a [String],
    valid: bool,
}

/// Where cgen keeps its files (`config path`). Fields in name order, as the JSON has always
/// had them.
#[derive(Serialize)]
struct Places<'a> {
    config_file: &'a Path,
    data_dir: &'a Path,
    database: &'a Path,
    log_dir: &'a Path,
    socket: &'a Path,
    state_dir: &'a Path,
}

/// `-q` prints the same.
impl Render for Places<'_> {
    fn human(&self, page: &mut Page) {
        page.text(&format!(
            "config file: {}\ndatabase:    {}\nstate dir:   {}\nlog dir:     {}\nsocket:      {}\n",
            self.config_file.display(),
            self.database.display(),
            self.state_dir.display(),
            self.log_dir.display(),
            self.socket.display()
        ));
    }
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
    // The TOML form can fail where JSON cannot, so it is made only for people.
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
    ctx.out.emit(&r);
    Ok(())
}

/// What the reload put in force and what waits for a restart; nothing with `-q`.
impl Render for ReloadResult {
    fn human(&self, page: &mut Page) {
        let r = self;
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
        page.line(&text);
    }

    fn quiet(&self, _: &mut Page) {}
}
