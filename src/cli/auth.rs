//! Credentials and access: `cgen keys` (admin), `cgen login|logout|whoami`, and
//! `cgen sessions`. Secrets are printed once, when made; `-q` prints the secret alone, for
//! scripts that capture it.

use std::io::{BufRead, IsTerminal};
use std::time::Duration;

use clap::{Subcommand, ValueEnum};
use serde::Serialize;

use super::render::{Page, Render, Said};
use super::{CmdResult, Context, Exit, Failure, parse_duration};
use crate::auth::Role;
use crate::client::{Autostart, Client, ClientError};
use crate::credentials::{self, Kind, Vault};
use crate::protocol;
use crate::protocol::ErrorKind;
use crate::protocol::auth::{
    BudgetParams, BudgetView, IdParams, KeyCreateParams, KeyRotateParams, KeySecret, KeyView,
    KeysList, SessionCreateParams, SessionToken, SessionView, SessionsList, SetBudgetParams,
};
use crate::protocol::system::NoParams;
use crate::providers::budget::LimitsSource;

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Admin,
    User,
    Viewer,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Admin => Role::Admin,
            RoleArg::User => Role::User,
            RoleArg::Viewer => Role::Viewer,
        }
    }
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum KeysCommand {
    /// Make an API key; its secret is printed once.
    Create {
        /// What the key is for (shown in lists and the audit log).
        name: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// The key stops working after this long (30d, 12h); never by default.
        #[arg(long, value_parser = parse_duration)]
        expires: Option<Duration>,
    },
    /// Every key, with its role and state (never the secrets).
    List,
    /// Stop a key, and every session made with it, at once.
    Revoke { id: String },
    /// Give a key a new secret (printed once); the old one works for the grace period.
    Rotate {
        id: String,
        /// How long the old secret keeps working (0s ends it at once).
        #[arg(long, value_parser = parse_duration, default_value = "1h")]
        grace: Duration,
    },
    /// A key's daily model budget and what its jobs spent today (UTC); with a flag, set it
    /// (admin). A job that would pass it fails with budget_exceeded.
    Budget {
        /// The key (this one when absent).
        id: Option<String>,
        /// Model tokens (input and output) the key's jobs may use per day.
        #[arg(long, value_name = "N", conflicts_with_all = ["unlimited", "follow_config"])]
        daily_tokens: Option<u64>,
        /// What the key's jobs may spend per day, in the providers' price unit.
        #[arg(long, value_name = "X", value_parser = parse_daily_cost,
              conflicts_with_all = ["unlimited", "follow_config"])]
        daily_cost: Option<f64>,
        /// No daily limit for this key, whatever [budgets] says.
        #[arg(long, conflicts_with = "follow_config")]
        unlimited: bool,
        /// Drop the key's own limits: the [budgets] defaults of the config apply.
        #[arg(long)]
        follow_config: bool,
    },
}

/// `--daily-cost`: a finite number, zero or more (zero: no model calls at all).
fn parse_daily_cost(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(x) if x.is_finite() && x >= 0.0 => Ok(x),
        _ => Err(format!("daily_cost: '{s}' is not a number, zero or more")),
    }
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum SessionsCommand {
    /// A short-lived token for a script or CI run, never more powerful than this key.
    Create {
        /// Lifetime (15m, 1h, 7d); the daemon's auth.session_ttl by default.
        #[arg(long, value_parser = parse_duration)]
        ttl: Option<Duration>,
        /// A lesser role than this key's.
        #[arg(long, value_enum)]
        role: Option<RoleArg>,
        /// Keep the token for this daemon: later commands present it instead of the key.
        #[arg(long)]
        save: bool,
    },
    /// Sessions of this key (an admin sees every key's).
    List,
    /// End a session at once.
    Revoke { id: String },
}

pub async fn keys(ctx: &Context, command: KeysCommand) -> CmdResult {
    let mut client = ctx.connect().await?;
    match command {
        KeysCommand::Create {
            name,
            role,
            expires,
        } => {
            let params = KeyCreateParams {
                name,
                role: role.into(),
                expires_in_ms: expires.map(|d| d.as_millis() as u64),
            };
            let made: KeySecret = client.call::<protocol::auth::CreateKey>(&params).await?;
            ctx.out.emit(&Secret {
                made: &made,
                what: "created",
            });
        }
        KeysCommand::List => {
            let list: KeysList = client
                .call::<protocol::auth::ListKeys>(&NoParams {})
                .await?;
            ctx.out.emit(&list);
        }
        KeysCommand::Revoke { id } => {
            let key: KeyView = client
                .call::<protocol::auth::RevokeKey>(&IdParams { id })
                .await?;
            let said = format!("revoked key {} ({})", key.id, key.name);
            ctx.out.emit(&Said::new(&key, said).quiet_id(&key.id));
        }
        KeysCommand::Rotate { id, grace } => {
            let params = KeyRotateParams {
                id,
                grace_ms: grace.as_millis() as u64,
            };
            let rotated: KeySecret = client.call::<protocol::auth::RotateKey>(&params).await?;
            ctx.out.emit(&Secret {
                made: &rotated,
                what: "rotated",
            });
        }
        KeysCommand::Budget {
            id,
            daily_tokens,
            daily_cost,
            unlimited,
            follow_config,
        } => {
            let setting =
                unlimited || follow_config || daily_tokens.is_some() || daily_cost.is_some();
            let budget: BudgetView = if setting {
                let id = id
                    .or_else(|| client.hello.principal.key_id.clone())
                    .unwrap_or_default();
                let params = SetBudgetParams {
                    id,
                    daily_tokens,
                    daily_cost,
                    follow_config,
                };
                client.call::<protocol::auth::SetBudget>(&params).await?
            } else {
                client
                    .call::<protocol::auth::GetBudget>(&BudgetParams { id })
                    .await?
            };
            ctx.out.emit(&budget);
        }
    }
    Ok(())
}

/// A key's budget and what it used today; `-q` prints the same.
impl Render for BudgetView {
    fn human(&self, page: &mut Page) {
        let b = self;
        let limit = |l: Option<String>| l.unwrap_or_else(|| "unlimited".into());
        let from = match b.source {
            LimitsSource::Key => "its own",
            LimitsSource::Config => "the [budgets] defaults",
        };
        let text = format!(
            "key {} ({from})\n\
         tokens per day: {} (used today: {})\n\
         cost per day:   {} (spent today: {:.6})\n\
         calls today:    {}\n\
         renews at:      {}\n",
            b.key_id,
            limit(b.daily_tokens.map(|t| t.to_string())),
            b.tokens_today,
            limit(b.daily_cost.map(|c| c.to_string())),
            b.cost_today,
            b.calls_today,
            b.renews_at
        );
        page.text(&text);
    }
}

/// A table of keys; `-q` lists their ids.
impl Render for KeysList {
    fn human(&self, page: &mut Page) {
        let rows: Vec<Vec<String>> = self.keys.iter().map(key_row).collect();
        page.table(
            &["ID", "NAME", "ROLE", "STATE", "EXPIRES", "LAST USED"],
            &rows,
        );
    }

    fn quiet(&self, page: &mut Page) {
        page.ids(self.keys.iter().map(|k| &k.id));
    }
}

fn key_row(k: &KeyView) -> Vec<String> {
    let dash = || "-".to_string();
    vec![
        k.id.clone(),
        k.name.clone(),
        k.role.as_str().into(),
        k.state.clone(),
        k.expires_at.clone().unwrap_or_else(dash),
        k.last_used_at.clone().unwrap_or_else(dash),
    ]
}

/// A key just made or rotated, with its secret (shown once); `-q` prints the secret alone.
#[derive(Serialize)]
#[serde(transparent)]
struct Secret<'a> {
    made: &'a KeySecret,
    /// What was done: "created", "rotated".
    #[serde(skip)]
    what: &'a str,
}

impl Render for Secret<'_> {
    fn human(&self, page: &mut Page) {
        let (made, what) = (self.made, self.what);
        let k = &made.key;
        let mut text = format!(
            "{what} key {} ({}, role {})\n",
            k.id,
            k.name,
            k.role.as_str()
        );
        if let Some(until) = &k.previous_secret_until {
            text.push_str(&format!("the old secret works until {until}\n"));
        }
        text.push_str(&format!(
            "secret (shown once; keep it with `cgen login --stdin`):\n{}\n",
            made.secret.expose()
        ));
        page.text(&text);
    }

    fn quiet(&self, page: &mut Page) {
        page.line(self.made.secret.expose());
    }
}

/// Checks a key (or session token) against the daemon, then keeps it for this daemon.
pub async fn login(ctx: &Context, stdin: bool) -> CmdResult {
    let text = match &ctx.global.key_file {
        Some(path) => credentials::read_key_file(path)
            .map_err(|e| Failure::new(Exit::Denied, e.to_string()))?,
        None => read_secret_line(stdin)?,
    };
    let auth = credentials::hello_auth(&text);
    let kind = match auth {
        crate::protocol::HelloAuth::Session(_) => Kind::Session,
        crate::protocol::HelloAuth::ApiKey(_) => Kind::ApiKey,
    };
    let source = match &ctx.global.key_file {
        Some(path) => credentials::Source::KeyFile(path.clone()),
        None => credentials::Source::Given,
    };
    let given = credentials::Found { auth, source };
    let client = ctx
        .bounded(Client::connect_as(
            &ctx.connect_options(Autostart::Never),
            given,
        ))
        .await?;
    let saved = Vault::open(&ctx.paths)
        .and_then(|vault| vault.save(kind, &text))
        .map_err(|e| Failure::new(Exit::Failure, e.to_string()))?;
    if let Some(problem) = &saved.keyring_problem {
        eprintln!(
            "note: the OS keyring is not available ({problem}); kept in a 0600 file instead. \
             Set {}=file to skip the keyring.",
            credentials::ENV_KEYRING
        );
    }
    let p = &client.hello.principal;
    let json = serde_json::json!({
        "principal": p,
        "daemon_id": client.hello.daemon_id,
        "saved_to": saved.places.iter().map(ToString::to_string).collect::<Vec<_>>(),
    });
    let said = format!(
        "logged in as {} (key {}, role {}); kept in {}",
        p.name,
        p.key_id.as_deref().unwrap_or("-"),
        p.role,
        saved.describe()
    );
    ctx.out.emit(&Said::new(&json, said));
    Ok(())
}

/// One line from stdin; on a terminal, after a prompt (and without `--stdin`).
fn read_secret_line(stdin: bool) -> Result<String, Failure> {
    let input = std::io::stdin();
    if !stdin && input.is_terminal() {
        eprint!("API key or session token: ");
    }
    let mut line = String::new();
    input
        .lock()
        .take_line(&mut line)
        .map_err(|e| Failure::new(Exit::Failure, format!("cannot read stdin: {e}")))?;
    let line = line.trim().to_string();
    if line.is_empty() {
        return Err(Failure::new(Exit::Usage, "no key given on stdin"));
    }
    Ok(line)
}

/// Reads one line, bounded: a key is short, a pasted file is not.
trait TakeLine {
    fn take_line(&mut self, buf: &mut String) -> std::io::Result<usize>;
}

impl<R: BufRead> TakeLine for R {
    fn take_line(&mut self, buf: &mut String) -> std::io::Result<usize> {
        std::io::Read::take(self, 4096).read_line(buf)
    }
}

/// Forgets the kept session (and the key, unless `session_only`). The session is revoked on
/// the daemon first: forgetting the token here alone would leave it valid for anyone who
/// copied it. It is forgotten here even when the daemon cannot be told, and then the command
/// fails, saying so.
pub async fn logout(ctx: &Context, session_only: bool) -> CmdResult {
    let fail = |e: credentials::CredentialError| Failure::new(Exit::Failure, e.to_string());
    let vault = Vault::open(&ctx.paths).map_err(fail)?;
    let revoked = match vault.load(Kind::Session).map_err(fail)? {
        Some((token, source)) => revoke_kept_session(ctx, token, source).await,
        None => Ok(()),
    };
    let mut removed = vault.remove(Kind::Session).map_err(fail)?;
    if !session_only {
        removed.extend(vault.remove(Kind::ApiKey).map_err(fail)?);
    }
    ctx.out.emit(&Forgotten {
        removed: removed.iter().map(ToString::to_string).collect(),
    });
    revoked
}

/// Where `logout` removed a credential from; nothing with `-q`.
#[derive(Serialize)]
struct Forgotten {
    removed: Vec<String>,
}

impl Render for Forgotten {
    fn human(&self, page: &mut Page) {
        if self.removed.is_empty() {
            page.line("nothing was kept for this daemon");
        }
        for place in &self.removed {
            page.line(&format!("removed from {place}"));
        }
    }

    fn quiet(&self, _: &mut Page) {}
}

/// Revokes a kept session on the daemon, over a connection made with that very session (a
/// session may revoke itself whatever its role). A token the daemon already refuses (expired,
/// revoked, rotated away) needs nothing more.
async fn revoke_kept_session(
    ctx: &Context,
    token: String,
    source: credentials::Source,
) -> CmdResult {
    let found = credentials::Found {
        auth: crate::protocol::HelloAuth::Session(token),
        source,
    };
    let not_revoked = |e: ClientError| {
        let f = Failure::from(e);
        Failure::new(
            f.exit,
            format!(
                "the session was forgotten here but not revoked on the daemon, where it stays \
                 valid until it expires: {}",
                f.message
            ),
        )
    };
    let mut client = match Client::connect_as(&ctx.connect_options(Autostart::Never), found).await {
        Ok(client) => client,
        Err(ClientError::Rpc(e)) if e.kind() == ErrorKind::Unauthenticated => return Ok(()),
        Err(e) => return Err(not_revoked(e)),
    };
    if let Some(id) = client.hello.principal.session_id.clone() {
        let _: SessionView = client
            .call::<protocol::auth::RevokeSession>(&IdParams { id })
            .await
            .map_err(not_revoked)?;
    }
    Ok(())
}

pub async fn whoami(ctx: &Context) -> CmdResult {
    let client = ctx.connect().await?;
    let p = &client.hello.principal;
    let source = client.credential.as_ref().map_or_else(
        || "the first-run bootstrap".to_string(),
        ToString::to_string,
    );
    let key_id = p.key_id.as_deref().unwrap_or("-");
    let mut said = format!("{} (key {key_id}, role {})\n", p.name, p.role);
    if let Some(s) = &p.session_id {
        said.push_str(&format!("session {s}\n"));
    }
    said.push_str(&format!(
        "credential from {source}\ndaemon {}",
        client.hello.daemon_id
    ));
    let json = serde_json::json!({
        "principal": p,
        "daemon_id": client.hello.daemon_id,
        "credential": source,
    });
    ctx.out.emit(&Said::new(&json, said).quiet_id(key_id));
    Ok(())
}

pub async fn sessions(ctx: &Context, command: SessionsCommand) -> CmdResult {
    let mut client = ctx.connect().await?;
    match command {
        SessionsCommand::Create { ttl, role, save } => {
            let params = SessionCreateParams {
                ttl_ms: ttl.map(|d| d.as_millis() as u64),
                role: role.map(Role::from),
            };
            let made: SessionToken = client
                .call::<protocol::auth::CreateSession>(&params)
                .await?;
            let saved = if save {
                let saved = Vault::open(&ctx.paths)
                    .and_then(|vault| vault.save(Kind::Session, made.token.expose()))
                    .map_err(|e| Failure::new(Exit::Failure, e.to_string()))?;
                Some(saved.describe())
            } else {
                None
            };
            // The token alone unless it was kept here: a script captures it.
            let token = made.token.expose();
            let said = match saved {
                Some(place) => {
                    let s = &made.session;
                    format!(
                        "session {} (role {}, until {}) kept in {place}",
                        s.id,
                        s.role.as_str(),
                        s.expires_at
                    )
                }
                None => token.to_string(),
            };
            ctx.out.emit(&Said::new(&made, said).quiet_id(token));
        }
        SessionsCommand::List => {
            let list: SessionsList = client
                .call::<protocol::auth::ListSessions>(&NoParams {})
                .await?;
            ctx.out.emit(&list);
        }
        SessionsCommand::Revoke { id } => {
            let s: SessionView = client
                .call::<protocol::auth::RevokeSession>(&IdParams { id })
                .await?;
            let said = format!("revoked session {}", s.id);
            ctx.out.emit(&Said::new(&s, said).quiet_id(&s.id));
        }
    }
    Ok(())
}

/// A table of sessions; `-q` lists their ids.
impl Render for SessionsList {
    fn human(&self, page: &mut Page) {
        let rows: Vec<Vec<String>> = self
            .sessions
            .iter()
            .map(|s| {
                vec![
                    s.id.clone(),
                    s.key_id.clone(),
                    s.role.as_str().into(),
                    s.state.clone(),
                    s.expires_at.clone(),
                ]
            })
            .collect();
        page.table(&["ID", "KEY", "ROLE", "STATE", "EXPIRES"], &rows);
    }

    fn quiet(&self, page: &mut Page) {
        page.ids(self.sessions.iter().map(|s| &s.id));
    }
}
