//! The client side of the socket: connect (starting the daemon when none answers and
//! autostart is on), say `hello` with the credential `credentials` finds (or take part in the
//! first-run bootstrap and keep the admin key it yields), then make calls, optionally receiving
//! the notifications a streaming call sends before its response. A call refused by a rate
//! limit that asks for a short wait is retried once after that wait. A call that does not wait
//! on work gets its answer within the call timeout or fails, so a daemon that never answers
//! cannot hang a command.
//!
//! Before anything is sent, the process serving the socket must run as this user, as root, or
//! as the user `CGEN_DAEMON_USER` names: a server squatting on the socket path never hears a
//! credential.

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use interprocess::local_socket::GenericFilePath;
use interprocess::local_socket::tokio::Stream;
use interprocess::local_socket::tokio::prelude::*;
use serde_json::Value;
use tokio::io::{ReadHalf, WriteHalf};
use tokio_util::codec::{FramedRead, FramedWrite, LinesCodec};

use crate::credentials::{self, CredentialError, Found, Kind, Source, Vault};
use crate::generate::methods::RunAgent;
use crate::paths::Paths;
use crate::protocol::providers::TestProvider;
use crate::protocol::system::{Backup, Status, Vacuum};
use crate::protocol::{
    ErrorKind, Hello, HelloParams, HelloResult, Incoming, Method, PROTOCOL_VERSION, Request,
    RpcError, jobs,
};

/// How long a freshly started daemon has to start answering.
const STARTUP_WAIT: Duration = Duration::from_secs(15);
/// Largest line the client accepts from the daemon (search results, job lists).
const MAX_RESPONSE_BYTES: usize = 64 << 20;
/// A `rate_limited` answer asking for at most this wait is retried once, after the wait.
const MAX_RATE_LIMIT_WAIT: Duration = Duration::from_secs(2);
/// Calls that wait on work rather than answer at once, which the call timeout does not
/// bound: the streams (their own `timeout_ms` applies), a stage run or provider test (the
/// provider's timeouts apply) and maintenance that grows with the database.
const LONG_CALLS: &[&str] = &[
    jobs::Wait::NAME,
    jobs::Watch::NAME,
    RunAgent::NAME,
    TestProvider::NAME,
    Backup::NAME,
    Vacuum::NAME,
];
/// The user (name or uid) a daemon of another user runs as, such as the system-wide `cgen`.
pub const ENV_DAEMON_USER: &str = "CGEN_DAEMON_USER";

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    #[error("the cgen daemon is not available at {socket}: {reason}")]
    Unavailable { socket: String, reason: String },
    #[error("{0}")]
    Rpc(RpcError),
    #[error("unexpected answer from the daemon: {0}")]
    Protocol(String),
    #[error("lost the connection to the daemon: {0}")]
    Io(#[from] std::io::Error),
    /// No answer within the call timeout (`--call-timeout`).
    #[error("the daemon did not answer {what} within {}", humantime::format_duration(*.after))]
    TimedOut { what: String, after: Duration },
    /// The socket is served by a process of a user we do not trust with a credential.
    #[error("{0}")]
    Untrusted(String),
    #[error(transparent)]
    Credential(#[from] CredentialError),
    /// The config, read to decide whether to start a daemon, is not usable.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
}

/// Whether to start `cgen daemon` in the background when nothing answers.
#[derive(Debug, Clone)]
pub enum Autostart {
    Never,
    Always,
    /// When `daemon.autostart` of this config says so. The file is read only if nothing
    /// answers: a setting meant for the daemon must not stop a command to a running one.
    IfConfigured(crate::config::ConfigSource),
}

impl Autostart {
    fn allowed(&self) -> Result<bool, ClientError> {
        Ok(match self {
            Autostart::Never => false,
            Autostart::Always => true,
            Autostart::IfConfigured(source) => source.load()?.daemon.autostart,
        })
    }
}

/// Where and how to connect.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    pub paths: Paths,
    pub autostart: Autostart,
    /// Config file passed to an autostarted daemon.
    pub config_file: Option<PathBuf>,
    /// `--key-file`: the credential to present, before any other.
    pub key_file: Option<PathBuf>,
    /// Profile passed to an autostarted daemon.
    pub profile: Option<String>,
}

pub struct Client {
    reader: FramedRead<ReadHalf<Stream>, LinesCodec>,
    writer: FramedWrite<WriteHalf<Stream>, LinesCodec>,
    next_id: u64,
    pub hello: HelloResult,
    /// Where the credential presented in `hello` came from (None: the bootstrap).
    pub credential: Option<Source>,
    /// How long a call that is not one of `LONG_CALLS` may wait for its answer.
    pub call_timeout: Option<Duration>,
    /// The pid of the daemon `start_daemon` started, when that one is serving (not one
    /// another command started at the same moment).
    pub started: Option<u32>,
}

impl Client {
    /// Connects and authenticates; starts the daemon first when allowed and needed.
    pub async fn connect(opts: &ConnectOptions) -> Result<Client, ClientError> {
        match open(&opts.paths.socket).await {
            Ok(stream) => Client::authenticate(stream, opts).await,
            Err(e) if daemon_absent(&e) && opts.autostart.allowed()? => {
                let client = start_daemon(opts).await?;
                // Once, like the first-run key note: a daemon now runs that nobody started
                // by hand, and this says which.
                if let Some(pid) = client.started {
                    eprintln!("note: started the daemon (pid {pid})");
                }
                Ok(client)
            }
            Err(e) => Err(unavailable(&opts.paths.socket, &e)),
        }
    }

    /// Says `hello` with the credential found for this daemon. With none, takes part in the
    /// bootstrap under a lock, so that of several commands started at once on a fresh
    /// install, one creates the admin key and the others find it.
    async fn authenticate(stream: Stream, opts: &ConnectOptions) -> Result<Client, ClientError> {
        let vault = Vault::open(&opts.paths)?;
        if let Some(found) = credentials::find(&vault, opts.key_file.as_deref())? {
            return Client::handshake(stream, Some(found)).await;
        }
        crate::paths::create_private_dir(&opts.paths.state_dir)
            .map_err(|e| ClientError::Protocol(e.to_string()))?;
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(opts.paths.state_dir.join("bootstrap.lock"))?;
        let lock = tokio::task::spawn_blocking(move || lock.lock().map(|()| lock))
            .await
            .map_err(|e| ClientError::Protocol(e.to_string()))??;
        let found = credentials::find(&vault, opts.key_file.as_deref())?;
        let client = Client::handshake(stream, found).await?;
        if let Some(key) = &client.hello.bootstrap_key {
            let saved = vault.save(Kind::ApiKey, key.expose())?;
            if let Some(problem) = &saved.keyring_problem {
                eprintln!(
                    "note: the OS keyring is not available ({problem}); the key is kept in a \
                     0600 file instead. Set {}=file to skip the keyring.",
                    credentials::ENV_KEYRING
                );
            }
            eprintln!(
                "note: created the admin key {} for the local owner (first run); kept in {}",
                client.hello.principal.key_id.as_deref().unwrap_or("?"),
                saved.describe()
            );
        }
        drop(lock);
        Ok(client)
    }

    async fn handshake(stream: Stream, found: Option<Found>) -> Result<Client, ClientError> {
        check_peer(&stream)?;
        let (r, w) = tokio::io::split(stream);
        let mut client = Client {
            reader: FramedRead::new(r, LinesCodec::new_with_max_length(MAX_RESPONSE_BYTES)),
            writer: FramedWrite::new(w, LinesCodec::new()),
            next_id: 0,
            hello: HelloResult {
                daemon_version: String::new(),
                instance_id: String::new(),
                daemon_id: String::new(),
                protocol: 0,
                principal: crate::protocol::PrincipalView {
                    key_id: None,
                    name: String::new(),
                    role: String::new(),
                    session_id: None,
                },
                bootstrap_key: None,
            },
            credential: found.as_ref().map(|f| f.source.clone()),
            call_timeout: None,
            started: None,
        };
        let hello = HelloParams {
            protocol: PROTOCOL_VERSION,
            client: format!("cgen/{}", env!("CARGO_PKG_VERSION")),
            auth: found.map(|f| f.auth),
        };
        client.hello = client
            .call_once::<Hello>(&hello, &mut |_| {})
            .await
            .map_err(|e| explain_refusal(e, client.credential.as_ref()))?;
        Ok(client)
    }

    /// Connects to a running daemon and says `hello` with exactly this credential (`cgen
    /// login` checks a key before keeping it).
    pub async fn connect_as(opts: &ConnectOptions, given: Found) -> Result<Client, ClientError> {
        let stream = open(&opts.paths.socket)
            .await
            .map_err(|e| unavailable(&opts.paths.socket, &e))?;
        Client::handshake(stream, Some(given)).await
    }

    /// Calls method `M` and decodes its result.
    pub async fn call<M: Method>(&mut self, params: &M::Params) -> Result<M::Result, ClientError> {
        self.call_with_events::<M>(params, |_| {}).await
    }

    /// Calls method `M`, handing each notification to `on_event` until the response arrives,
    /// within the call timeout unless it is one of `LONG_CALLS`.
    pub async fn call_with_events<M: Method>(
        &mut self,
        params: &M::Params,
        on_event: impl FnMut(Value),
    ) -> Result<M::Result, ClientError> {
        match self.call_timeout.filter(|_| !LONG_CALLS.contains(&M::NAME)) {
            Some(after) => {
                let what = format!("`{}`", M::NAME);
                within(after, &what, self.call_retrying::<M>(params, on_event)).await
            }
            None => self.call_retrying::<M>(params, on_event).await,
        }
    }

    /// A `rate_limited` refusal that asks for a short wait is retried once, after it.
    async fn call_retrying<M: Method>(
        &mut self,
        params: &M::Params,
        mut on_event: impl FnMut(Value),
    ) -> Result<M::Result, ClientError> {
        match self.call_once::<M>(params, &mut on_event).await {
            Err(ClientError::Rpc(e)) if e.kind() == ErrorKind::RateLimited => {
                let wait = e
                    .data
                    .extra
                    .get("retry_after_ms")
                    .and_then(Value::as_u64)
                    .map(Duration::from_millis);
                match wait {
                    Some(wait) if wait <= MAX_RATE_LIMIT_WAIT => {
                        tokio::time::sleep(wait).await;
                        self.call_once::<M>(params, &mut on_event).await
                    }
                    _ => Err(ClientError::Rpc(e)),
                }
            }
            other => other,
        }
    }

    async fn call_once<M: Method>(
        &mut self,
        params: &M::Params,
        on_event: &mut impl FnMut(Value),
    ) -> Result<M::Result, ClientError> {
        self.next_id += 1;
        let id = self.next_id;
        let params =
            serde_json::to_value(params).map_err(|e| ClientError::Protocol(e.to_string()))?;
        let request = Request {
            jsonrpc: "2.0".into(),
            id: id.into(),
            method: M::NAME.into(),
            params: Some(params),
        };
        let line =
            serde_json::to_string(&request).map_err(|e| ClientError::Protocol(e.to_string()))?;
        self.writer.send(line).await.map_err(codec_error)?;
        loop {
            let line = self
                .reader
                .next()
                .await
                .ok_or_else(|| {
                    ClientError::Io(std::io::Error::new(
                        std::io::ErrorKind::UnexpectedEof,
                        "the daemon closed the connection",
                    ))
                })?
                .map_err(codec_error)?;
            let incoming: Incoming = serde_json::from_str(&line)
                .map_err(|e| ClientError::Protocol(format!("{e}: {line}")))?;
            match incoming {
                Incoming::Notification(n) => on_event(n.params),
                Incoming::Response(r) if r.id == id || r.id.is_null() => {
                    if let Some(e) = r.error {
                        return Err(ClientError::Rpc(e));
                    }
                    let result = r.result.unwrap_or(Value::Null);
                    return serde_json::from_value(result)
                        .map_err(|e| ClientError::Protocol(e.to_string()));
                }
                Incoming::Response(r) => {
                    return Err(ClientError::Protocol(format!(
                        "answer to unknown request {}",
                        r.id
                    )));
                }
            }
        }
    }
}

/// Runs `work` (a call of `what`, or connecting) for at most `after`.
pub async fn within<T>(
    after: Duration,
    what: &str,
    work: impl std::future::Future<Output = Result<T, ClientError>>,
) -> Result<T, ClientError> {
    tokio::time::timeout(after, work).await.unwrap_or_else(|_| {
        Err(ClientError::TimedOut {
            what: what.to_string(),
            after,
        })
    })
}

/// Adds to a refused `hello` where the refused credential came from.
fn explain_refusal(e: ClientError, source: Option<&Source>) -> ClientError {
    match (e, source) {
        (ClientError::Rpc(mut rpc), Some(source)) if rpc.kind() == ErrorKind::Unauthenticated => {
            rpc.message = format!("{} (the credential came from {source})", rpc.message);
            ClientError::Rpc(rpc)
        }
        (e, _) => e,
    }
}

fn codec_error(e: tokio_util::codec::LinesCodecError) -> ClientError {
    match e {
        tokio_util::codec::LinesCodecError::Io(e) => ClientError::Io(e),
        other => ClientError::Protocol(other.to_string()),
    }
}

/// Refuses a peer that is neither us, nor root, nor `CGEN_DAEMON_USER`: whoever could bind the
/// socket path first would otherwise be handed our key.
fn check_peer(stream: &Stream) -> Result<(), ClientError> {
    use crate::daemon::listener::{own_uid, peer_uid};
    let (Some(peer), Some(me)) = (peer_uid(stream), own_uid()) else {
        // The platform cannot say who the peer is; the socket's folder is what protects it.
        return Ok(());
    };
    if peer == me || peer == 0 {
        return Ok(());
    }
    let configured = std::env::var(ENV_DAEMON_USER).ok();
    let daemon_user = configured
        .as_deref()
        .map(str::trim)
        .filter(|u| !u.is_empty());
    if let Some(user) = daemon_user {
        match uid_of(user) {
            Some(uid) if uid == peer => return Ok(()),
            Some(_) => {}
            None => {
                return Err(ClientError::Untrusted(format!(
                    "{ENV_DAEMON_USER}={user:?} names no user on this system"
                )));
            }
        }
    }
    Err(ClientError::Untrusted(format!(
        "refusing to send credentials: the process serving the socket runs as uid {peer}, \
         which is neither you (uid {me}), root, nor {ENV_DAEMON_USER} ({}); someone else may \
         have taken the socket path",
        daemon_user.unwrap_or("not set")
    )))
}

/// A user name's uid (or a numeric uid as given), from the system's user database.
fn uid_of(user: &str) -> Option<u32> {
    if let Ok(uid) = user.parse::<u32>() {
        return Some(uid);
    }
    #[cfg(unix)]
    {
        let name = std::ffi::CString::new(user).ok()?;
        // SAFETY: `passwd` is plain data (integers and pointers): all zeros is a valid value.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut buf = vec![0 as libc::c_char; 16 * 1024];
        let mut found: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: every pointer is valid for the call and `buf` outlives it; `found` is
        // either null or points at `pwd`.
        let rc = unsafe {
            libc::getpwnam_r(
                name.as_ptr(),
                &mut pwd,
                buf.as_mut_ptr(),
                buf.len(),
                &mut found,
            )
        };
        (rc == 0 && !found.is_null()).then_some(pwd.pw_uid)
    }
    #[cfg(not(unix))]
    None
}

async fn open(socket: &Path) -> std::io::Result<Stream> {
    Stream::connect(socket.to_fs_name::<GenericFilePath>()?).await
}

/// Nothing listens there (as opposed to, say, a permission problem).
fn daemon_absent(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        std::io::ErrorKind::NotFound | std::io::ErrorKind::ConnectionRefused
    )
}

fn unavailable(socket: &Path, e: &std::io::Error) -> ClientError {
    let reason = if daemon_absent(e) {
        "nothing is listening".to_string()
    } else {
        e.to_string()
    };
    ClientError::Unavailable {
        socket: socket.display().to_string(),
        reason,
    }
}

/// Starts `cgen daemon` detached from this process and waits until it answers. Its stderr
/// goes to `daemon.stderr` in the state dir, whose tail is reported if it dies at start-up.
pub async fn start_daemon(opts: &ConnectOptions) -> Result<Client, ClientError> {
    let socket = opts.paths.socket.display().to_string();
    let fail = |reason: String| ClientError::Unavailable {
        socket: socket.clone(),
        reason,
    };
    let exe =
        std::env::current_exe().map_err(|e| fail(format!("cannot find the cgen binary: {e}")))?;
    crate::paths::create_private_dir(&opts.paths.state_dir).map_err(|e| fail(e.to_string()))?;
    let log_path = opts.paths.state_dir.join("daemon.stderr");
    let mut log = std::fs::OpenOptions::new();
    log.create(true).append(true);
    // The daemon's errors are its own business, whatever this shell's umask.
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut log, 0o600);
    let log = log
        .open(&log_path)
        .map_err(|e| fail(format!("cannot open {}: {e}", log_path.display())))?;
    let start_offset = log.metadata().map(|m| m.len()).unwrap_or(0);
    let mut cmd = std::process::Command::new(exe);
    // The daemon outlives this command and serves every key: it must not carry this caller's
    // credential in its environment (nor hand it to anything it runs).
    cmd.env_remove(credentials::ENV_API_KEY)
        .env_remove(credentials::ENV_KEY_FILE);
    cmd.arg("daemon")
        .arg(crate::daemon::AUTOSTART_FLAG)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    if let Some(config) = &opts.config_file {
        cmd.arg("--config").arg(config);
    }
    if let Some(profile) = &opts.profile {
        cmd.arg("--profile").arg(profile);
    }
    // Its own process group: a Ctrl-C meant for this command must not stop the daemon.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = cmd
        .spawn()
        .map_err(|e| fail(format!("cannot start the daemon: {e}")))?;
    let started = Instant::now();
    let mut lost_race = false;
    loop {
        match open(&opts.paths.socket).await {
            Ok(stream) => {
                let mut client = Client::authenticate(stream, opts).await?;
                if settle(&mut client, &mut child).await {
                    client.started = Some(child.id());
                }
                return Ok(client);
            }
            Err(e) if !daemon_absent(&e) => return Err(unavailable(&opts.paths.socket, &e)),
            Err(_) => {}
        }
        if !lost_race && let Ok(Some(status)) = child.try_wait() {
            // Another command started a daemon at the same moment (two cron jobs at the top
            // of the hour): ours gave way, so wait for that one instead of failing.
            lost_race = status.code() == Some(i32::from(crate::daemon::GAVE_WAY_EXIT));
            if !lost_race {
                let tail = read_tail(&log_path, start_offset);
                return Err(fail(format!(
                    "the daemon exited at start-up ({status}): {tail}"
                )));
            }
        }
        if started.elapsed() > STARTUP_WAIT {
            return Err(fail(format!(
                "the daemon did not answer within {}s; see {}",
                STARTUP_WAIT.as_secs(),
                log_path.display()
            )));
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// When another command's daemon answered, ours lost the race: wait (briefly) for it to give
/// up, so that it cannot take over later, when the winner stops, from a command long gone.
/// True when ours is the one serving.
async fn settle(client: &mut Client, child: &mut std::process::Child) -> bool {
    let serving = client
        .call::<Status>(&crate::protocol::system::NoParams {})
        .await
        .ok();
    if serving.is_some_and(|s| s.pid == child.id()) {
        return true;
    }
    let started = Instant::now();
    while started.elapsed() < STARTUP_WAIT {
        if !matches!(child.try_wait(), Ok(None)) {
            return false;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    false
}

/// The last lines the daemon wrote to its stderr file since `offset`.
fn read_tail(path: &Path, offset: u64) -> String {
    let text = std::fs::read(path).unwrap_or_default();
    let text = String::from_utf8_lossy(text.get(offset as usize..).unwrap_or_default());
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    lines[lines.len().saturating_sub(3)..].join(" / ")
}
