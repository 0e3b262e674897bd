//! `cgen providers`: the configured model providers, their state (breaker, recent errors,
//! latency, tokens today), one real round trip, and their secrets in the OS keyring.

use clap::Subcommand;
use serde::Serialize;

use super::render::{Page, Render};
use super::{CmdResult, Context, Exit, Failure};
use crate::credentials::Vault;
use crate::protocol;
use crate::protocol::generate::Name;
use crate::protocol::providers::{
    ProviderTestParams, ProviderTestResult, ProviderView, ProvidersList, ProvidersReloaded,
    SECRET_FOUND,
};
use crate::protocol::system::NoParams;
use crate::providers::secrets::keyring_user;

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum ProvidersCommand {
    /// Every configured provider: kind, model, embedding model, breaker, secret.
    List,
    /// One provider in full, with its model aliases.
    Show { name: String },
    /// Breaker state, recent errors, latency and tokens today, per provider.
    Status,
    /// One real round trip ("Say OK") through the resilient client; exits 9 when the
    /// provider fails or refuses (7 means the daemon could not be reached).
    Test {
        name: String,
        /// A model alias (fast, smart) or id; the provider's default otherwise.
        #[arg(long)]
        model: Option<String>,
    },
    /// Keep or remove a provider's secret in the OS keyring.
    #[command(subcommand)]
    Key(KeyCommand),
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum KeyCommand {
    /// Read the secret from stdin and keep it in the OS keyring for this daemon.
    Set { name: String },
    /// Remove the secret from the OS keyring.
    Rm { name: String },
}

pub async fn run(ctx: &Context, command: ProvidersCommand) -> CmdResult {
    match command {
        ProvidersCommand::Key(k) => return key(ctx, k).await,
        ProvidersCommand::List | ProvidersCommand::Status => {
            let status = matches!(command, ProvidersCommand::Status);
            let list: ProvidersList = ctx
                .connect()
                .await?
                .call::<protocol::providers::ListProviders>(&NoParams {})
                .await?;
            ctx.out.emit(&Providers {
                list: &list,
                status,
            });
        }
        ProvidersCommand::Show { name } => {
            let p: ProviderView = ctx
                .connect()
                .await?
                .call::<protocol::providers::GetProvider>(&Name { name })
                .await?;
            ctx.out.emit(&p);
        }
        ProvidersCommand::Test { name, model } => {
            let r: ProviderTestResult = ctx
                .connect()
                .await?
                .call::<protocol::providers::TestProvider>(&ProviderTestParams { name, model })
                .await?;
            ctx.out.emit(&r);
        }
    }
    Ok(())
}

/// The providers as a table: what each is (`list`) or how each stands (`status`); `-q`
/// lists their names.
#[derive(Serialize)]
#[serde(transparent)]
struct Providers<'a> {
    list: &'a ProvidersList,
    #[serde(skip)]
    status: bool,
}

impl Render for Providers<'_> {
    fn human(&self, page: &mut Page) {
        let list = self.list;
        if list.providers.is_empty() {
            page.line("no providers configured: generation is offline (see docs/PROVIDERS.md)");
        } else if self.status {
            let rows: Vec<Vec<String>> = list.providers.iter().map(status_row).collect();
            page.table(
                &[
                    "NAME",
                    "BREAKER",
                    "CALLS",
                    "FAILED",
                    "LATENCY",
                    "TOKENS TODAY",
                    "LAST ERROR",
                ],
                &rows,
            );
        } else {
            let rows: Vec<Vec<String>> = list
                .providers
                .iter()
                .map(|p| {
                    vec![
                        p.name.clone(),
                        p.kind.as_str().into(),
                        p.model.clone(),
                        p.embedding_model.clone().unwrap_or_else(|| "-".into()),
                        p.breaker.as_str().to_string(),
                        p.secret.clone(),
                    ]
                })
                .collect();
            page.table(
                &[
                    "NAME",
                    "KIND",
                    "MODEL",
                    "EMBEDDING MODEL",
                    "BREAKER",
                    "SECRET",
                ],
                &rows,
            );
        }
    }

    fn quiet(&self, page: &mut Page) {
        page.ids(self.list.providers.iter().map(|p| &p.name));
    }
}

/// A provider in full; `-q` prints the same.
impl Render for ProviderView {
    fn human(&self, page: &mut Page) {
        let p = self;
        let mut text = format!(
            "{} ({}) at {}\n  model: {}\n",
            p.name,
            p.kind.as_str(),
            p.base_url,
            p.model
        );
        if let Some(model) = &p.embedding_model {
            text.push_str(&format!("  embedding model: {model}\n"));
        }
        for (alias, model) in &p.models {
            text.push_str(&format!("  alias {alias} = {model}\n"));
        }
        text.push_str(&format!("  secret: {}\n", p.secret));
        let row = status_row(p);
        text.push_str(&format!(
            "  breaker {}, {} calls, {} failed, last latency {}, tokens today {}\n",
            row[1], row[2], row[3], row[4], row[5]
        ));
        for e in &p.stats.recent_errors {
            text.push_str(&format!("  {} {} {}\n", e.at, e.model, e.outcome));
        }
        page.text(&text);
    }
}

/// How the test call went, in a line; `-q` prints the same.
impl Render for ProviderTestResult {
    fn human(&self, page: &mut Page) {
        let r = self;
        page.line(&format!(
            "{} ({}) answered {:?} in {} ms after {} attempt(s); {} tokens in, {} out{}",
            r.provider,
            r.model,
            r.text.trim(),
            r.latency_ms,
            r.attempts,
            r.usage.input_tokens,
            r.usage.output_tokens,
            if r.usage.estimated {
                " (estimated)"
            } else {
                ""
            }
        ));
    }
}

fn status_row(p: &ProviderView) -> Vec<String> {
    let s = &p.stats;
    vec![
        p.name.clone(),
        p.breaker.as_str().to_string(),
        s.calls.to_string(),
        s.failures.to_string(),
        s.last_latency_ms
            .map_or_else(|| "-".into(), |ms| format!("{ms} ms")),
        format!(
            "{} in / {} out",
            s.input_tokens_today, s.output_tokens_today
        ),
        s.recent_errors
            .front()
            .map_or_else(|| "-".into(), |e| format!("{} {}", e.outcome, e.at)),
    ]
}

/// The longest provider secret read from stdin.
const MAX_SECRET_BYTES: u64 = 16 << 10;

/// Provider secrets go to the keyring only: a secret in a file would be one more copy to
/// protect. A running daemon is asked to read them again; one that is not running reads them
/// when it starts.
async fn key(ctx: &Context, command: KeyCommand) -> CmdResult {
    let name = match &command {
        KeyCommand::Set { name } | KeyCommand::Rm { name } => name,
    };
    // A secret kept under a name no provider table can have would never be read.
    if !crate::protocol::generate::valid_name(name) {
        return Err(Failure::new(
            Exit::Usage,
            format!("'{name}' is not a provider name: 1 to 64 of a-z, 0-9, '-', '_'"),
        ));
    }
    let fail = |e: crate::credentials::CredentialError| Failure::new(Exit::Failure, e.to_string());
    let vault = Vault::open(&ctx.paths).map_err(fail)?;
    match command {
        KeyCommand::Set { name } => {
            let mut secret = String::new();
            std::io::Read::read_to_string(
                &mut std::io::Read::take(std::io::stdin(), MAX_SECRET_BYTES + 1),
                &mut secret,
            )
            .map_err(|e| Failure::new(Exit::Failure, format!("cannot read stdin: {e}")))?;
            if secret.len() as u64 > MAX_SECRET_BYTES {
                return Err(Failure::new(
                    Exit::Usage,
                    format!("the secret on stdin is longer than {MAX_SECRET_BYTES} bytes"),
                ));
            }
            let secret = secret.trim();
            if secret.is_empty() {
                return Err(Failure::new(Exit::Usage, "no secret on stdin"));
            }
            vault
                .keyring_set(&keyring_user(&name), secret)
                .map_err(fail)?;
            let daemon = tell_daemon(ctx, &name, true).await;
            if !ctx.out.quiet {
                ctx.out.line(&format!(
                    "kept the secret of provider '{name}' in the OS keyring; {daemon}"
                ));
            }
        }
        KeyCommand::Rm { name } => {
            let removed = vault.keyring_remove(&keyring_user(&name)).map_err(fail)?;
            // The daemon is told whatever is printed: `-q` silences the words, not the effect.
            let said = if removed {
                let daemon = tell_daemon(ctx, &name, false).await;
                format!("removed from the OS keyring; {daemon}")
            } else {
                "no secret was kept for this provider".to_string()
            };
            if !ctx.out.quiet {
                ctx.out.line(&said);
            }
        }
    }
    Ok(())
}

/// Has a running daemon read its provider secrets again (`providers.reload`), and says how
/// provider `name` stands there now that its keyring secret was `kept` or removed.
async fn tell_daemon(ctx: &Context, name: &str, kept: bool) -> String {
    let mut client = match ctx.connect_running().await {
        Ok(client) => client,
        Err(crate::client::ClientError::Unavailable { .. }) => {
            return "no daemon is running; it reads the secret when it starts".into();
        }
        Err(e) => {
            return format!(
                "the daemon was not told ({e}); an admin can run `cgen config reload`, or \
                 restart the daemon"
            );
        }
    };
    let reloaded: Result<ProvidersReloaded, _> = client
        .call::<protocol::providers::ReloadProviders>(&NoParams {})
        .await;
    match reloaded {
        Ok(r) => match r.providers.iter().find(|p| p.name == name) {
            Some(p) => match (kept, p.secret == SECRET_FOUND) {
                (true, true) => "the daemon uses it now".into(),
                (true, false) => format!("but the daemon does not see it: {}", p.secret),
                (false, true) => "the daemon still finds a secret for it elsewhere".into(),
                (false, false) => "the daemon has no secret for it now".into(),
            },
            None => format!(
                "the daemon has no provider '{name}' yet: add [providers.{name}] to its config \
                 and run `cgen config reload`"
            ),
        },
        Err(e) => format!(
            "the daemon could not read it again ({e}); an admin can run `cgen config reload`, \
             or restart the daemon"
        ),
    }
}
