//! Operations: `cgen ping` and `cgen health` for probes (they never start a daemon: a probe
//! that starts what it checks proves nothing), `cgen metrics`, and `cgen admin
//! backup|restore|purge|vacuum|flags`.

use std::path::PathBuf;

use clap::Subcommand;

use super::{CmdResult, Context, Exit, Failure};
use crate::client::{Client, ClientError};
use crate::protocol;
use crate::protocol::ErrorKind;
use crate::protocol::auth::{AuditList, AuditParams};
use crate::protocol::system::{
    BackupParams, BackupResult, FlagsResult, HealthResult, NoParams, PurgeParams, PurgeResult,
};

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum AdminCommand {
    /// An online, verified copy of the database (jobs keep running).
    Backup {
        /// Where to write the copy; a timestamped file in the state dir's backups/ otherwise.
        #[arg(long)]
        to: Option<PathBuf>,
    },
    /// Replace the database with a backup. The daemon must be stopped; the current database
    /// is kept beside it as cgen.db.before-restore-TIMESTAMP.
    Restore { file: PathBuf },
    /// Remove finished jobs (and their events) older than the retention period.
    Purge {
        /// Count what would be removed; remove nothing.
        #[arg(long)]
        dry_run: bool,
        /// Age instead of the configured retention (7d, 12h).
        #[arg(long, value_parser = super::parse_duration)]
        older_than: Option<std::time::Duration>,
    },
    /// Return free pages to the file system.
    Vacuum,
    /// The audit log: key and session changes, admin calls, failed authentications,
    /// the bootstrap. Newest first.
    Audit {
        /// Only entries newer than this age (1h, 7d) or time (2026-11-26T12:00:00Z).
        #[arg(long, value_parser = parse_since)]
        since: Option<i64>,
        /// Only entries of this key id.
        #[arg(long = "key", value_name = "ID")]
        key_id: Option<String>,
        #[arg(long, short = 'n', default_value_t = 100)]
        limit: u32,
    },
    /// The feature flags of [features]: value in force, default, whether a reload changes it.
    Flags,
}

/// `--since`: an age before now or an RFC 3339 time, as Unix milliseconds.
fn parse_since(s: &str) -> Result<i64, String> {
    let now = crate::store::now_ms();
    if let Ok(age) = humantime::parse_duration(s) {
        return Ok(now - age.as_millis() as i64);
    }
    humantime::parse_rfc3339_weak(s)
        .map(|t| {
            t.duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as i64)
        })
        .map_err(|_| format!("'{s}' is neither an age (1h, 7d) nor a time (2026-11-26T12:00:00Z)"))
}

/// Connects without autostart.
async fn probe(ctx: &Context) -> Result<Client, Failure> {
    Ok(probe_raw(ctx).await?)
}

/// Liveness: a daemon that answers `hello` at all is alive, even when it refuses this
/// caller's credential, so a probe needs no key.
pub async fn ping(ctx: &Context) -> CmdResult {
    let refused = match probe_raw(ctx).await {
        Ok(mut c) => {
            c.call::<protocol::system::Ping>(&NoParams {}).await?;
            None
        }
        Err(ClientError::Rpc(e))
            if matches!(
                e.kind(),
                ErrorKind::Unauthenticated | ErrorKind::RateLimited
            ) =>
        {
            Some(e.message)
        }
        Err(e) => return Err(ctx.unavailable(e, false)),
    };
    if ctx.out.json {
        ctx.out
            .json(&serde_json::json!({ "pong": true, "authenticated": refused.is_none() }));
    } else if !ctx.out.quiet {
        match refused {
            None => ctx.out.line("pong"),
            Some(why) => ctx.out.line(&format!("pong (not authenticated: {why})")),
        }
    }
    Ok(())
}

async fn probe_raw(ctx: &Context) -> Result<Client, ClientError> {
    ctx.connect_running().await
}

/// Exit 0 only when every check passes; otherwise 1 with the reasons.
pub async fn health(ctx: &Context) -> CmdResult {
    let mut c = probe(ctx).await?;
    let h: HealthResult = c.call::<protocol::system::Health>(&NoParams {}).await?;
    if ctx.out.json {
        ctx.out.json(&h);
    } else if !ctx.out.quiet {
        let mut text = format!("{}\n", if h.healthy { "healthy" } else { "UNHEALTHY" });
        for check in &h.checks {
            text.push_str(&format!(
                "  {} {:<9} {}\n",
                if check.ok { "ok  " } else { "FAIL" },
                check.name,
                check.detail
            ));
        }
        ctx.out.text(&text);
    }
    if h.healthy {
        Ok(())
    } else {
        let reasons: Vec<String> = h
            .checks
            .iter()
            .filter(|c| !c.ok)
            .map(|c| format!("{}: {}", c.name, c.detail))
            .collect();
        Err(Failure::new(
            Exit::Failure,
            format!("unhealthy: {}", reasons.join("; ")),
        ))
    }
}

pub async fn metrics(ctx: &Context) -> CmdResult {
    let mut c = ctx.connect().await?;
    let r = c.call::<protocol::system::Metrics>(&NoParams {}).await?;
    ctx.out.text(&r.text);
    Ok(())
}

pub async fn admin(ctx: &Context, command: AdminCommand) -> CmdResult {
    match command {
        AdminCommand::Backup { to } => {
            let to = to.map(|p| std::path::absolute(&p).unwrap_or(p).display().to_string());
            let mut c = ctx.connect().await?;
            let r: BackupResult = c
                .call::<protocol::system::Backup>(&BackupParams { to })
                .await?;
            if ctx.out.json {
                ctx.out.json(&r);
            } else {
                ctx.out.line(&format!(
                    "backup written to {} ({} bytes, integrity ok)",
                    r.path, r.bytes
                ));
            }
            Ok(())
        }
        AdminCommand::Restore { file } => restore(ctx, &file).await,
        AdminCommand::Audit {
            since,
            key_id,
            limit,
        } => {
            let params = AuditParams {
                since_ms: since,
                key_id,
                limit: Some(limit),
            };
            let r: AuditList = ctx
                .connect()
                .await?
                .call::<protocol::auth::Audit>(&params)
                .await?;
            if ctx.out.json {
                ctx.out.json(&r);
            } else {
                let dash = || "-".to_string();
                let rows: Vec<Vec<String>> = r
                    .entries
                    .iter()
                    .map(|e| {
                        vec![
                            e.at.clone(),
                            e.event.clone(),
                            e.key_id.clone().unwrap_or_else(dash),
                            e.method.clone().unwrap_or_else(dash),
                            e.outcome.clone(),
                            if e.detail.is_null() {
                                String::new()
                            } else {
                                e.detail.to_string()
                            },
                        ]
                    })
                    .collect();
                ctx.out.table(
                    &["AT", "EVENT", "KEY", "METHOD", "OUTCOME", "DETAIL"],
                    &rows,
                );
            }
            Ok(())
        }
        AdminCommand::Purge {
            dry_run,
            older_than,
        } => {
            let params = PurgeParams {
                dry_run,
                older_than_ms: older_than.map(|d| d.as_millis() as u64),
            };
            let r: PurgeResult = ctx
                .connect()
                .await?
                .call::<protocol::system::Purge>(&params)
                .await?;
            if ctx.out.json {
                ctx.out.json(&r);
            } else {
                let verb = if r.dry_run { "would remove" } else { "removed" };
                ctx.out
                    .line(&format!("{verb} {} jobs and {} events", r.jobs, r.events));
            }
            Ok(())
        }
        AdminCommand::Flags => {
            let r: FlagsResult = ctx
                .connect()
                .await?
                .call::<protocol::system::GetFlags>(&NoParams {})
                .await?;
            if ctx.out.json {
                ctx.out.json(&r);
            } else {
                let rows: Vec<Vec<String>> = r
                    .flags
                    .iter()
                    .map(|f| {
                        vec![
                            f.name.clone(),
                            f.enabled.to_string(),
                            f.default.to_string(),
                            if f.reloadable { "yes" } else { "restart" }.into(),
                            f.description.clone(),
                        ]
                    })
                    .collect();
                ctx.out.table(
                    &["FLAG", "VALUE", "DEFAULT", "RELOAD", "DESCRIPTION"],
                    &rows,
                );
            }
            Ok(())
        }
        AdminCommand::Vacuum => {
            let r = ctx
                .connect()
                .await?
                .call::<protocol::system::Vacuum>(&NoParams {})
                .await?;
            if ctx.out.json {
                ctx.out.json(&r);
            } else {
                ctx.out.line(&format!(
                    "database: {} → {} bytes",
                    r.bytes_before, r.bytes_after
                ));
            }
            Ok(())
        }
    }
}

/// The one command that touches the database file itself: only with no daemon running.
async fn restore(ctx: &Context, file: &std::path::Path) -> CmdResult {
    if probe(ctx).await.is_ok() {
        return Err(Failure::new(Exit::Failure, "the daemon is running")
            .hint("stop it first with `cgen daemon stop`"));
    }
    let fail = |m: String| Failure::new(Exit::Failure, m);
    crate::store::maintenance::verify(file).map_err(|e| fail(e.to_string()))?;
    let db = ctx.paths.database();
    let stamp = crate::store::format_ms(crate::store::now_ms()).replace([':', '.'], "-");
    let aside = PathBuf::from(format!("{}.before-restore-{stamp}", db.display()));
    if db.exists() {
        std::fs::rename(&db, &aside)
            .map_err(|e| fail(format!("cannot move {} aside: {e}", db.display())))?;
    }
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", db.display()));
        if side.exists() {
            let _ = std::fs::rename(&side, PathBuf::from(format!("{}{suffix}", aside.display())));
        }
    }
    if let Some(dir) = db.parent() {
        crate::store::create_private_dir(dir).map_err(|e| fail(e.to_string()))?;
    }
    std::fs::copy(file, &db)
        .map_err(|e| fail(format!("cannot copy {} into place: {e}", file.display())))?;
    // The copy took the backup file's mode; the database is the daemon's alone.
    crate::store::create_private_file(&db, false).map_err(|e| fail(e.to_string()))?;
    if ctx.out.json {
        ctx.out
            .json(&serde_json::json!({ "restored": file, "previous": aside }));
    } else {
        ctx.out.line(&format!(
            "restored {}; the previous database is at {}",
            file.display(),
            aside.display()
        ));
    }
    Ok(())
}
