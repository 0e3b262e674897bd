//! Operations: `cgen ping` and `cgen health` for probes (they never start a daemon: a probe
//! that starts what it checks proves nothing), `cgen metrics`, and `cgen admin
//! backup|restore|purge|vacuum|flags`.

use std::path::PathBuf;

use clap::Subcommand;
use serde::Serialize;

use super::render::{Page, Render, Said};
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
    let now = crate::timestamp::now_ms();
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
    let pong = Pong {
        authenticated: refused.is_none(),
        pong: true,
    };
    let said = match refused {
        None => "pong".to_string(),
        Some(why) => format!("pong (not authenticated: {why})"),
    };
    ctx.out.emit(&Said::new(&pong, said));
    Ok(())
}

/// What `ping --json` says. Fields in name order, as the JSON has always had them.
#[derive(Serialize)]
struct Pong {
    authenticated: bool,
    pong: bool,
}

async fn probe_raw(ctx: &Context) -> Result<Client, ClientError> {
    ctx.connect_running().await
}

/// Exit 0 only when every check passes; otherwise 1 with the reasons.
pub async fn health(ctx: &Context) -> CmdResult {
    let mut c = probe(ctx).await?;
    let h: HealthResult = c.call::<protocol::system::Health>(&NoParams {}).await?;
    ctx.out.emit(&h);
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

/// The verdict and a line per check; nothing with `-q` (the exit code says it).
impl Render for HealthResult {
    fn human(&self, page: &mut Page) {
        page.line(if self.healthy { "healthy" } else { "UNHEALTHY" });
        for check in &self.checks {
            page.line(&format!(
                "  {} {:<9} {}",
                if check.ok { "ok  " } else { "FAIL" },
                check.name,
                check.detail
            ));
        }
    }

    fn quiet(&self, _: &mut Page) {}
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
            let said = format!(
                "backup written to {} ({} bytes, integrity ok)",
                r.path, r.bytes
            );
            ctx.out.emit(&Said::new(&r, said).quiet_same());
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
            ctx.out.emit(&r);
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
            let verb = if r.dry_run { "would remove" } else { "removed" };
            let said = format!("{verb} {} jobs and {} events", r.jobs, r.events);
            ctx.out.emit(&Said::new(&r, said).quiet_same());
            Ok(())
        }
        AdminCommand::Flags => {
            let r: FlagsResult = ctx
                .connect()
                .await?
                .call::<protocol::system::GetFlags>(&NoParams {})
                .await?;
            ctx.out.emit(&r);
            Ok(())
        }
        AdminCommand::Vacuum => {
            let r = ctx
                .connect()
                .await?
                .call::<protocol::system::Vacuum>(&NoParams {})
                .await?;
            let said = format!("database: {} → {} bytes", r.bytes_before, r.bytes_after);
            ctx.out.emit(&Said::new(&r, said).quiet_same());
            Ok(())
        }
    }
}

/// The audit log as a table; `-q` prints the same.
impl Render for AuditList {
    fn human(&self, page: &mut Page) {
        let dash = || "-".to_string();
        let rows: Vec<Vec<String>> = self
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
        page.table(
            &["AT", "EVENT", "KEY", "METHOD", "OUTCOME", "DETAIL"],
            &rows,
        );
    }
}

/// The feature flags as a table; `-q` prints the same.
impl Render for FlagsResult {
    fn human(&self, page: &mut Page) {
        let rows: Vec<Vec<String>> = self
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
        page.table(
            &["FLAG", "VALUE", "DEFAULT", "RELOAD", "DESCRIPTION"],
            &rows,
        );
    }
}

/// The one command that touches the database file itself: only with no daemon running.
async fn restore(ctx: &Context, file: &std::path::Path) -> CmdResult {
    if probe(ctx).await.is_ok() {
        return Err(Failure::new(Exit::Failure, "the daemon is running")
            .hint("stop it first with `cgen daemon stop`"));
    }
    let db = ctx.paths.database();
    let aside =
        crate::daemon::ops::restore(&db, file).map_err(|m| Failure::new(Exit::Failure, m))?;
    let said = format!(
        "restored {}; the previous database is at {}",
        file.display(),
        aside.display()
    );
    let restored = Restored {
        previous: &aside,
        restored: file,
    };
    ctx.out.emit(&Said::new(&restored, said).quiet_same());
    Ok(())
}

/// What `admin restore --json` says. Fields in name order, as the JSON has always had them.
#[derive(Serialize)]
struct Restored<'a> {
    previous: &'a std::path::Path,
    restored: &'a std::path::Path,
}
