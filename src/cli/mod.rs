//! The command line: clap definitions, one file per command group, and the exit-code contract
//! (docs/ARCHITECTURE.md, "Error kinds and exit codes"). Every command except `daemon` (foreground) and `config` goes through
//! `client`; none opens the database.
//!
//! A command makes its calls and hands the result to `Output::emit`, which prints it in the
//! form the flags ask for (`render` says how a result reads for people); streams go through
//! `Output::stream`.

mod admin;
mod articles;
mod assets;
mod auth;
mod clock;
mod complete;
mod config;
mod daemon;
mod generate;
mod job_view;
mod jobs;
mod kb;
mod man_sections;
mod output;
mod providers;
mod render;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::client::{Autostart, Client, ClientError, ConnectOptions};
use crate::config::{Config, ConfigSource};
use crate::paths::Paths;
use crate::protocol::ErrorKind;

pub use output::Output;

#[derive(Debug, Parser)]
#[command(
    name = "cgen",
    version,
    about = "Generate articles from a knowledge base, from the terminal."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Print one JSON document (NDJSON for streams) instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Print only ids.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Do not start the daemon when none answers.
    #[arg(long, global = true, env = "CGEN_NO_AUTOSTART", value_parser = clap::builder::FalseyValueParser::new())]
    pub no_autostart: bool,
    /// Config file (default: config.toml in the config dir).
    #[arg(long, global = true, env = "CGEN_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Present the API key or session token in FILE (before CGEN_API_KEY and the keyring).
    #[arg(long, global = true, env = crate::credentials::ENV_KEY_FILE, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
    /// Apply the config file's [profiles.NAME] tables over its base sections.
    #[arg(long, global = true, env = "CGEN_PROFILE", value_name = "NAME")]
    pub profile: Option<String>,
    /// Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait
    /// forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests,
    /// backups and vacuums are not bounded by it.
    #[arg(long, global = true, env = "CGEN_CALL_TIMEOUT", value_name = "DURATION",
          default_value = "30s", value_parser = parse_duration)]
    pub call_timeout: std::time::Duration,
}

#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Write an article on a topic from the knowledge base (waits and prints the path).
    Generate(Box<generate::GenerateArgs>),
    /// Generate many articles: one parent job with a child per topic.
    Batch(Box<generate::BatchArgs>),
    /// Topics the knowledge base covers, best covered first.
    Topics {
        /// Only topics of these collections (repeatable); all by default.
        #[arg(long = "collection", short)]
        collections: Vec<String>,
        /// Show at most this many topics.
        #[arg(long, short = 'n', default_value_t = 20)]
        limit: u32,
    },
    /// List and show workflows.
    #[command(subcommand)]
    Workflows(generate::WorkflowsCommand),
    /// List, show and run the stages workflows are made of.
    #[command(subcommand)]
    Agents(generate::AgentsCommand),
    /// List, show, add, remove and render article templates.
    #[command(subcommand)]
    Templates(generate::TemplatesCommand),
    /// The quality report of a Markdown file; exit 0 when it passes, 1 when it does not.
    Quality {
        file: PathBuf,
        /// Check against this tone profile (TOML) instead of the default.
        #[arg(long, value_name = "FILE")]
        tone: Option<PathBuf>,
        /// Check the parts this workflow promises (code for a tutorial, word targets). Default:
        /// the workflow in the manifest beside FILE, if there is one.
        #[arg(long, value_name = "NAME")]
        workflow: Option<String>,
        /// What the article is about, for the off-topic check. Default: the manifest's topic,
        /// else the front matter title.
        #[arg(long, value_name = "TEXT")]
        topic: Option<String>,
    },
    /// Add files, folders, globs or URLs to the knowledge base (an ingest job).
    Ingest(kb::IngestArgs),
    /// Search the knowledge base.
    Search(kb::SearchArgs),
    /// List, show and remove ingested documents.
    #[command(subcommand)]
    Docs(kb::DocsCommand),
    /// List and remove collections.
    #[command(subcommand)]
    Collections(kb::CollectionsCommand),
    /// Inspect and steer jobs.
    #[command(subcommand)]
    Jobs(jobs::JobsCommand),
    /// The history of generated articles: list, show, search.
    #[command(subcommand)]
    Articles(articles::ArticlesCommand),
    /// Pause, resume or inspect the whole queue.
    #[command(subcommand)]
    Queue(jobs::QueueCommand),
    /// Run the daemon in the foreground, or manage a background one.
    Daemon(daemon::DaemonArgs),
    /// Show, validate, locate or reload the configuration.
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Daemon version and uptime, queue depth, running jobs, store size.
    Status,
    /// Liveness: exit 0 when the daemon answers (never starts one).
    Ping,
    /// Readiness: exit 0 only when the store, the queue and the disk are healthy.
    Health,
    /// The Prometheus text exposition of every metric.
    Metrics,
    /// Backups, restores, retention, the audit log and feature flags.
    #[command(subcommand)]
    Admin(admin::AdminCommand),
    /// Make, list, revoke and rotate API keys (admin).
    #[command(subcommand)]
    Keys(auth::KeysCommand),
    /// Check an API key or session token and keep it for this daemon (the OS keyring).
    Login {
        /// Read the key from stdin without a prompt (or give --key-file FILE).
        #[arg(long)]
        stdin: bool,
    },
    /// Forget the key and session kept for this daemon; the session is revoked there too.
    Logout {
        /// Forget only the session token, keeping the key.
        #[arg(long)]
        session: bool,
    },
    /// Who this daemon takes you for: key, role, session, and where the credential came from.
    Whoami,
    /// Short-lived tokens for scripts and CI runs.
    #[command(subcommand)]
    Sessions(auth::SessionsCommand),
    /// Model providers: list, state, a test call, and their secrets.
    #[command(subcommand)]
    Providers(providers::ProvidersCommand),
    /// Print the completion script of a shell to stdout.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Write completions and man pages (packaging, CI).
    #[command(hide = true)]
    GenAssets {
        /// Folder that receives completions/ and man/.
        #[arg(long, value_name = "DIR", default_value = ".")]
        out: PathBuf,
    },
}

/// Exit codes: the contract scripts rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Failure = 1,
    Usage = 2,
    NotFound = 3,
    Denied = 4,
    Limited = 5,
    JobFailed = 6,
    Unavailable = 7,
    TimedOut = 8,
    /// A model provider failed or refused (`providers test`): the daemon is fine.
    ProviderFailed = 9,
    /// Only for the client's autostart, never shown to people (so not in `ALL`): the daemon it
    /// started gave way to another one (`daemon::GAVE_WAY_EXIT`).
    GaveWay = crate::daemon::GAVE_WAY_EXIT as isize,
    Interrupted = 130,
}

impl Exit {
    /// Every code, in order: the man page's EXIT STATUS lists them from here.
    pub const ALL: [Exit; 11] = [
        Exit::Success,
        Exit::Failure,
        Exit::Usage,
        Exit::NotFound,
        Exit::Denied,
        Exit::Limited,
        Exit::JobFailed,
        Exit::Unavailable,
        Exit::TimedOut,
        Exit::ProviderFailed,
        Exit::Interrupted,
    ];

    /// What the code tells a script.
    pub fn meaning(self) -> &'static str {
        match self {
            Exit::Success => "Success (with --wait, jobs wait and jobs watch: the job succeeded).",
            Exit::Failure => "A failure that none of the codes below describes.",
            Exit::Usage => "A usage error, including parameters the daemon refused as invalid.",
            Exit::NotFound => {
                "Not found: a job, document, collection, workflow, template, stage, provider or \
                 file that does not exist (the error names the closest one)."
            }
            Exit::Denied => "Unauthenticated or forbidden.",
            Exit::Limited => "Rate limited, or a token or cost budget is spent.",
            Exit::JobFailed => "The job failed or was cancelled.",
            Exit::Unavailable => "The daemon is unavailable.",
            Exit::TimedOut => {
                "Timed out: a job's --timeout, or no answer from the daemon within --call-timeout."
            }
            Exit::ProviderFailed => {
                "A model provider failed or refused (`providers test`); the daemon is fine."
            }
            Exit::GaveWay => "An autostarted daemon gave way to another daemon.",
            Exit::Interrupted => "Interrupted (the job goes on in the daemon).",
        }
    }
}

/// A command's failure: what to say and how to exit.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
    pub hint: Option<String>,
}

impl Failure {
    pub fn new(exit: Exit, message: impl Into<String>) -> Self {
        Failure {
            exit,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Entries of a folder looked at for a file name that is close to a missing one: enough for
/// any folder of articles, and a huge folder does not hold up an error message.
const MAX_SIBLINGS: usize = 10_000;

/// A file or folder the user named that does not exist: not found (exit 3), with the closest
/// name in its folder when one is close ("did you mean index.md?").
pub fn missing_file(path: &std::path::Path) -> Failure {
    let failure = Failure::new(
        Exit::NotFound,
        format!("no file or folder {}", path.display()),
    );
    let (Some(name), Some(dir)) = (path.file_name(), path.parent()) else {
        return failure;
    };
    let dir = if dir.as_os_str().is_empty() {
        std::path::Path::new(".")
    } else {
        dir
    };
    let siblings: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .take(MAX_SIBLINGS)
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    match crate::suggest::closest(&name.to_string_lossy(), siblings.iter().map(String::as_str)) {
        Some(best) => failure.hint(format!(
            "did you mean {}?",
            path.with_file_name(best).display()
        )),
        None => failure,
    }
}

impl From<ClientError> for Failure {
    fn from(e: ClientError) -> Self {
        let exit = match &e {
            ClientError::Unavailable { .. } | ClientError::Io(_) => Exit::Unavailable,
            ClientError::TimedOut { .. } => Exit::TimedOut,
            ClientError::Protocol(_) => Exit::Failure,
            ClientError::Credential(_) | ClientError::Untrusted(_) => Exit::Denied,
            ClientError::Config(_) => Exit::Failure,
            ClientError::Rpc(rpc) => match rpc.kind() {
                ErrorKind::NotFound => Exit::NotFound,
                ErrorKind::Unauthenticated | ErrorKind::Forbidden => Exit::Denied,
                ErrorKind::RateLimited | ErrorKind::BudgetExceeded => Exit::Limited,
                ErrorKind::Timeout => Exit::TimedOut,
                ErrorKind::InvalidParams => Exit::Usage,
                ErrorKind::Unavailable => Exit::Unavailable,
                ErrorKind::ProviderError => Exit::ProviderFailed,
                _ => Exit::Failure,
            },
        };
        let failure = Failure::new(exit, e.to_string());
        match e {
            ClientError::Rpc(rpc) if rpc.kind() == ErrorKind::Unauthenticated => failure.hint(
                "`cgen login` keeps a key for this daemon; an admin makes one with \
                 `cgen keys create NAME --role user`",
            ),
            // How it could have started depends on the command: `Context::connect` and
            // `ping` say more.
            ClientError::Unavailable { .. } => failure.hint(START_HINT),
            ClientError::TimedOut { .. } => failure.hint(
                "the daemon may be overloaded or stuck (`cgen status`, its log); wait longer \
                 with --call-timeout or CGEN_CALL_TIMEOUT",
            ),
            _ => failure,
        }
    }
}

impl From<crate::config::ConfigError> for Failure {
    fn from(e: crate::config::ConfigError) -> Self {
        Failure::new(Exit::Failure, e.to_string())
    }
}

pub type CmdResult = Result<(), Failure>;

/// The start of every hint for a daemon that does not answer.
const START_HINT: &str = "start it with `cgen daemon start`";

/// Everything a command needs to reach the daemon and print.
pub struct Context {
    pub global: GlobalArgs,
    pub paths: Paths,
    pub out: Output,
}

impl Context {
    /// The config file, the profile and the environment, as this command was given them.
    pub fn config_source(&self) -> ConfigSource {
        ConfigSource {
            file: self.paths.config_file.clone(),
            must_exist: self.global.config.is_some(),
            profile: self.global.profile.clone(),
        }
    }

    pub fn config(&self) -> Result<Config, Failure> {
        Ok(self.config_source().load()?)
    }

    /// How to reach the daemon, and what a daemon started from here is given.
    pub fn connect_options(&self, autostart: Autostart) -> ConnectOptions {
        ConnectOptions {
            paths: self.paths.clone(),
            autostart,
            config_file: self.global.config.clone(),
            key_file: self.global.key_file.clone(),
            profile: self.global.profile.clone(),
        }
    }

    /// The call timeout of `--call-timeout`; none when it is zero.
    pub fn call_timeout(&self) -> Option<std::time::Duration> {
        Some(self.global.call_timeout).filter(|t| !t.is_zero())
    }

    /// Connects (and says hello) within the call timeout; the client's calls get it too.
    pub async fn bounded(
        &self,
        connecting: impl std::future::Future<Output = Result<Client, ClientError>>,
    ) -> Result<Client, ClientError> {
        let mut client = match self.call_timeout() {
            Some(after) => crate::client::within(after, "`hello`", connecting).await?,
            None => connecting.await?,
        };
        client.call_timeout = self.call_timeout();
        Ok(client)
    }

    /// Connects to a running daemon, never starting one.
    pub async fn connect_running(&self) -> Result<Client, ClientError> {
        self.bounded(Client::connect(&self.connect_options(Autostart::Never)))
            .await
    }

    /// Connects, starting a daemon when none answers unless `--no-autostart` or the config
    /// (`daemon.autostart`, read only then) says not to.
    pub async fn connect(&self) -> Result<Client, Failure> {
        let autostart = if self.global.no_autostart {
            Autostart::Never
        } else {
            Autostart::IfConfigured(self.config_source())
        };
        self.bounded(Client::connect(&self.connect_options(autostart)))
            .await
            .map_err(|e| self.unavailable(e, true))
    }

    /// A failure to connect, with a hint on starting the daemon that fits this command: one
    /// that `may_start` it says what kept it from doing so; one that never does says so.
    pub fn unavailable(&self, e: ClientError, may_start: bool) -> Failure {
        if !matches!(e, ClientError::Unavailable { .. }) {
            return e.into();
        }
        let hint = if !may_start {
            format!("{START_HINT}; this command never starts one")
        } else if !self.global.no_autostart {
            match self.config() {
                Ok(c) if !c.daemon.autostart => format!(
                    "{START_HINT}, or set `autostart = true` under [daemon] in {} so that \
                     commands start it",
                    self.paths.config_file.display()
                ),
                _ => format!("{START_HINT} to see why it did not start"),
            }
        } else if std::env::var("CGEN_NO_AUTOSTART").is_ok_and(|v| {
            // Set to a true value, as the flag's parser reads it (not "0", "false", "no").
            !matches!(
                v.to_lowercase().as_str(),
                "" | "0" | "false" | "no" | "off" | "n" | "f"
            )
        }) {
            format!("{START_HINT}, or unset CGEN_NO_AUTOSTART so that commands start it")
        } else {
            format!("{START_HINT}, or leave out --no-autostart so that commands start it")
        };
        Failure::from(e).hint(hint)
    }
}

/// Entry point of the binary.
pub fn main() -> ExitCode {
    if std::env::args_os().nth(1).as_deref()
        == Some(crate::generate::template_child::CHILD_ARG.as_ref())
    {
        return crate::generate::template_child::child_main();
    }
    complete::complete_if_asked();
    let cli = Cli::parse();
    let is_daemon = matches!(&cli.command, Command::Daemon(a) if a.action.is_none());
    if !is_daemon {
        crate::telemetry::init_cli();
    }
    let code = match run(cli) {
        Ok(()) => Exit::Success,
        Err(f) => {
            output::print_failure(&f);
            f.exit
        }
    };
    ExitCode::from(code as u8)
}

fn run(cli: Cli) -> CmdResult {
    let mut paths = Paths::resolve().map_err(crate::config::ConfigError::from)?;
    if let Some(config) = &cli.global.config {
        paths.config_file = std::path::absolute(config).unwrap_or_else(|_| config.clone());
    }
    let ctx = Context {
        out: Output::new(cli.global.json, cli.global.quiet),
        global: cli.global,
        paths,
    };
    if let Command::Daemon(args) = &cli.command
        && args.action.is_none()
    {
        return daemon::foreground(&ctx, args.autostarted);
    }
    // Client commands make a handful of calls: one thread starts fastest.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure::new(Exit::Failure, format!("cannot start the runtime: {e}")))?;
    runtime.block_on(dispatch(&ctx, cli.command))
}

async fn dispatch(ctx: &Context, command: Command) -> CmdResult {
    match command {
        Command::Generate(a) => generate::generate(ctx, *a).await,
        Command::Batch(a) => generate::batch(ctx, *a).await,
        Command::Topics { collections, limit } => generate::topics(ctx, collections, limit).await,
        Command::Workflows(c) => generate::workflows(ctx, c).await,
        Command::Agents(c) => generate::agents(ctx, c).await,
        Command::Templates(c) => generate::templates(ctx, c).await,
        Command::Quality {
            file,
            tone,
            workflow,
            topic,
        } => generate::quality(ctx, file, tone, workflow, topic).await,
        Command::Ingest(a) => kb::ingest(ctx, a).await,
        Command::Search(a) => kb::search(ctx, a).await,
        Command::Docs(c) => kb::docs(ctx, c).await,
        Command::Collections(c) => kb::collections(ctx, c).await,
        Command::Jobs(c) => jobs::run(ctx, c).await,
        Command::Articles(c) => articles::run(ctx, c).await,
        Command::Queue(c) => jobs::queue(ctx, c).await,
        Command::Daemon(a) => daemon::manage(ctx, a).await,
        Command::Config(c) => config::run(ctx, c).await,
        Command::Status => daemon::status(ctx).await,
        Command::Ping => admin::ping(ctx).await,
        Command::Health => admin::health(ctx).await,
        Command::Metrics => admin::metrics(ctx).await,
        Command::Admin(c) => admin::admin(ctx, c).await,
        Command::Keys(c) => auth::keys(ctx, c).await,
        Command::Login { stdin } => auth::login(ctx, stdin).await,
        Command::Logout { session } => auth::logout(ctx, session).await,
        Command::Whoami => auth::whoami(ctx).await,
        Command::Sessions(c) => auth::sessions(ctx, c).await,
        Command::Providers(c) => providers::run(ctx, c).await,
        Command::Completions { shell } => {
            assets::completions(shell);
            Ok(())
        }
        Command::GenAssets { out } => assets::gen_assets(&out),
    }
}

// How a job is queued; shared by every command that submits one. A plain comment: the doc
// comment of a flattened struct would become the `about` of each command built with it
// (subcommands are deferred, so it would be applied after the command's own).
#[derive(Debug, Clone, Args)]
pub struct QueueOptions {
    /// Higher runs first (-1000 to 1000).
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    pub priority: i32,
    /// A second submit with the same key returns the first job.
    #[arg(long, value_name = "KEY")]
    pub idempotency_key: Option<String>,
    /// Deadline of one attempt (30s, 5m, 1h).
    #[arg(long, value_parser = parse_duration)]
    pub timeout: Option<std::time::Duration>,
}

impl QueueOptions {
    pub fn job(&self, spec: crate::protocol::jobs::JobSpec) -> crate::protocol::jobs::SubmitJob {
        crate::protocol::jobs::SubmitJob {
            spec,
            priority: self.priority,
            timeout_ms: self.timeout.map(|t| t.as_millis() as u64),
            idempotency_key: self.idempotency_key.clone(),
            max_attempts: None,
        }
    }
}

/// Parses a duration flag such as `30s`, `5m` or `1h30m`.
pub fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    humantime::parse_duration(s).map_err(|e| format!("{e} (try 30s, 5m or 1h)"))
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// Subcommands are defined only when used (`#[command(defer = true)]`, so a command starts
    /// without building every other one), so a mistake in one would show only when it runs:
    /// the whole tree is built and checked here. Each command keeps its own description: the
    /// doc comment of a flattened struct, applied later, would replace it.
    #[test]
    fn the_whole_command_line_is_well_formed() {
        fn check(cmd: &clap::Command, path: &str) {
            let mut abouts = std::collections::HashMap::new();
            for sub in cmd.get_subcommands() {
                let name = format!("{path} {}", sub.get_name());
                let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
                assert!(!about.is_empty(), "`{name}` has no description");
                if let Some(other) = abouts.insert(about.clone(), name.clone()) {
                    panic!("`{name}` and `{other}` share the description \"{about}\"");
                }
                check(sub, &name);
            }
        }
        let mut cmd = Cli::command();
        cmd.build();
        cmd.clone().debug_assert();
        check(&cmd, "cgen");
    }
}
