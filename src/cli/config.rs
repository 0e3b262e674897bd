//! `cgen config show|validate|path`. These read files on this machine only; they work with no
//! daemon running.

use std::path::PathBuf;

use clap::Subcommand;

use super::{CmdResult, Context, Exit, Failure};
use crate::config::Config;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective configuration (defaults plus the config file).
    Show,
    /// Check a config file (default: the one in use); exit 1 with the reason when invalid.
    Validate { file: Option<PathBuf> },
    /// Print where cgen keeps its config, data, logs and socket.
    Path,
}

pub fn run(ctx: &Context, command: ConfigCommand) -> CmdResult {
    match command {
        ConfigCommand::Show => {
            let config = ctx.config()?;
            if ctx.out.json {
                ctx.out.json(&config);
            } else {
                ctx.out.text(&config.to_toml());
            }
        }
        ConfigCommand::Validate { file } => {
            let explicit = file.is_some() || ctx.global.config.is_some();
            let path = file.unwrap_or_else(|| ctx.paths.config_file.clone());
            Config::load(&path, explicit)
                .map_err(|e| Failure::new(Exit::Failure, e.to_string()))?;
            if ctx.out.json {
                ctx.out
                    .json(&serde_json::json!({ "file": path, "valid": true }));
            } else if !ctx.out.quiet {
                let note = if path.exists() {
                    ""
                } else {
                    " (absent: defaults apply)"
                };
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
    }
    Ok(())
}
