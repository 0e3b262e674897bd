//! Rendering user templates in a child process with a memory and CPU ceiling the kernel
//! enforces.
//!
//! minijinja's fuel counts the data a template creates, but it charges a filter's result after
//! the filter built it: `{% set l = ["x"*1000000]*1000 %}{{ l|join }}` costs little fuel until
//! `join` has allocated a gigabyte, and three such renders at once took 6 GB of the daemon. No
//! hook inside minijinja can refuse an allocation before it happens, and an allocator that
//! fails one aborts the whole daemon. So a render that involves a user template runs in a
//! child: the daemon's own binary started with [`CHILD_ARG`], which sets `RLIMIT_AS` to
//! [`MEMORY_LIMIT`] and `RLIMIT_CPU` to [`CPU_LIMIT`] on itself before it reads anything, then
//! renders and answers in JSON. An allocation past the ceiling fails in the child, which aborts
//! alone; the daemon reports a clear error and its own memory does not move. The daemon also
//! kills a child that runs past [`WALL_LIMIT`] (a child blocked without using CPU).
//!
//! Built-in templates alone are our own code and render in the daemon; once a user template
//! exists it may override a built-in, so every render then goes through a child. The child's
//! environment is empty: it needs no configuration and must not see the daemon's secrets.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::article::Article;
use super::template::{self, TemplateError, Templates};

/// The first argument that makes `cgen` a template renderer instead of a command line.
pub const CHILD_ARG: &str = "__render-template";

/// Address space of a render child. The binary, its libraries and its stack take a few tens of
/// MiB; the rest is room for the article, the templates and a 4 MiB body many times over.
pub const MEMORY_LIMIT: u64 = 256 * 1024 * 1024;

/// CPU seconds of a render child. Fuel stops a runaway template within a fraction of a second;
/// this bounds what fuel does not count.
pub const CPU_LIMIT: u64 = 10;

/// How long the daemon waits for a child before it kills it.
pub const WALL_LIMIT: Duration = Duration::from_secs(30);

/// Largest answer read from a child: the body is capped at 4 MiB, and JSON escaping can make
/// it up to six times longer.
const MAX_ANSWER_BYTES: u64 = 32 * 1024 * 1024;

/// The executable renders run in, once [`isolate_renders`] was called (by the daemon).
static RENDERER: OnceLock<PathBuf> = OnceLock::new();

/// From now on, renders that involve a user template run in children of this process's own
/// executable. Library users and unit tests, which never call this, render in process, and so
/// does a daemon on a system without resource limits (not Unix).
#[cfg(not(unix))]
pub fn isolate_renders() {}

/// See above.
#[cfg(unix)]
pub fn isolate_renders() {
    // /proc/self/exe still starts this binary after a package upgrade replaced the file.
    let exe = if cfg!(target_os = "linux") {
        Some(PathBuf::from("/proc/self/exe"))
    } else {
        std::env::current_exe().ok()
    };
    if let Some(exe) = exe {
        let _ = RENDERER.set(exe);
    }
}

/// The executable to render in, when renders are isolated.
pub(super) fn renderer() -> Option<&'static Path> {
    RENDERER.get().map(PathBuf::as_path)
}

#[derive(Serialize, Deserialize)]
struct Request {
    name: String,
    user_templates: BTreeMap<String, String>,
    article: Article,
    vars: BTreeMap<String, String>,
}

/// A child's answer: the body, or the render error in a form that crosses the pipe.
#[derive(Serialize, Deserialize)]
enum Answer {
    Body(String),
    Syntax {
        name: String,
        line: Option<usize>,
        message: String,
    },
    Render {
        name: String,
        line: Option<usize>,
        message: String,
    },
    NotFound {
        name: String,
        available: Vec<String>,
    },
    Limit {
        name: String,
        message: String,
    },
    Other(String),
}

impl From<Result<String, TemplateError>> for Answer {
    fn from(result: Result<String, TemplateError>) -> Self {
        match result {
            Ok(body) => Answer::Body(body),
            Err(TemplateError::Syntax {
                name,
                line,
                message,
            }) => Answer::Syntax {
                name,
                line,
                message,
            },
            Err(TemplateError::Render {
                name,
                line,
                message,
            }) => Answer::Render {
                name,
                line,
                message,
            },
            Err(TemplateError::NotFound { name, available }) => {
                Answer::NotFound { name, available }
            }
            Err(TemplateError::Limit { name, message }) => Answer::Limit { name, message },
            Err(other) => Answer::Other(other.to_string()),
        }
    }
}

impl Answer {
    fn into_result(self, name: &str) -> Result<String, TemplateError> {
        match self {
            Answer::Body(body) => Ok(body),
            Answer::Syntax {
                name,
                line,
                message,
            } => Err(TemplateError::Syntax {
                name,
                line,
                message,
            }),
            Answer::Render {
                name,
                line,
                message,
            } => Err(TemplateError::Render {
                name,
                line,
                message,
            }),
            Answer::NotFound { name, available } => {
                Err(TemplateError::NotFound { name, available })
            }
            Answer::Limit { name, message } => Err(TemplateError::Limit { name, message }),
            Answer::Other(message) => Err(TemplateError::Render {
                name: name.to_owned(),
                line: None,
                message,
            }),
        }
    }
}

/// Renders `name` in a child of `exe` and returns what it rendered or why it could not.
pub(super) fn render(
    exe: &Path,
    templates: &Templates,
    name: &str,
    article: &Article,
    vars: &BTreeMap<String, String>,
) -> Result<String, TemplateError> {
    let limit = |message: String| TemplateError::Limit {
        name: name.to_owned(),
        message,
    };
    let request = Request {
        name: name.to_owned(),
        user_templates: templates.user_sources(),
        article: article.clone(),
        vars: vars.clone(),
    };
    let input = serde_json::to_vec(&request).map_err(|e| limit(e.to_string()))?;
    let mut child = Command::new(exe)
        .arg(CHILD_ARG)
        .env_clear()
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| limit(format!("cannot start a renderer: {e}")))?;
    let (Some(mut stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
        let _ = child.kill();
        let _ = child.wait();
        return Err(limit("cannot talk to the renderer".into()));
    };
    let (status, answer) = std::thread::scope(|scope| {
        // A child that dies early closes its end; the write then fails and is ignored, and
        // the exit status says why.
        scope.spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let reader = scope.spawn(move || {
            let mut answer = Vec::new();
            let _ = stdout.take(MAX_ANSWER_BYTES).read_to_end(&mut answer);
            answer
        });
        let status = wait_within(&mut child, WALL_LIMIT, || templates.stopped());
        (status, reader.join().unwrap_or_default())
    });
    match status {
        Some(status) if status.success() => serde_json::from_slice::<Answer>(&answer)
            .map_err(|e| limit(format!("unreadable answer from the renderer: {e}")))?
            .into_result(name),
        Some(status) => Err(limit(died(status))),
        None if templates.stopped() => Err(limit("the client left; rendering was stopped".into())),
        None => Err(limit(format!(
            "rendering took longer than {} s and was stopped",
            WALL_LIMIT.as_secs()
        ))),
    }
}

/// Waits for `child` at most `limit` and while `stopped` says no; kills it and returns `None`
/// otherwise.
fn wait_within(
    child: &mut std::process::Child,
    limit: Duration,
    stopped: impl Fn() -> bool,
) -> Option<std::process::ExitStatus> {
    let started = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if started.elapsed() < limit && !stopped() => {}
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
        std::thread::sleep(pause);
        // Most renders end within milliseconds; a long one is polled less often.
        pause = (pause * 2).min(Duration::from_millis(50));
    }
}

/// Why a child ended without an answer, in words.
#[cfg(not(unix))]
fn died(status: std::process::ExitStatus) -> String {
    format!("the renderer failed ({status})")
}

/// See above.
#[cfg(unix)]
fn died(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match status.signal() {
        // A failed allocation aborts the child.
        Some(libc::SIGABRT) | Some(libc::SIGSEGV) => format!(
            "rendering needs more than {} MiB of memory and was stopped",
            MEMORY_LIMIT / (1024 * 1024)
        ),
        Some(libc::SIGXCPU) | Some(libc::SIGKILL) => {
            format!("rendering used more than {CPU_LIMIT} s of CPU and was stopped")
        }
        _ => format!("the renderer failed ({status})"),
    }
}

/// The child's side: limit itself, read the request from stdin, render, answer on stdout.
pub fn child_main() -> ExitCode {
    if !limit_self() {
        // Never render unbounded.
        return ExitCode::FAILURE;
    }
    let mut input = Vec::new();
    if std::io::stdin().read_to_end(&mut input).is_err() {
        return ExitCode::FAILURE;
    }
    let Ok(request) = serde_json::from_slice::<Request>(&input) else {
        return ExitCode::FAILURE;
    };
    drop(input);
    let result = template::from_user_sources(request.user_templates)
        .and_then(|t| t.render_here(&request.name, &request.article, &request.vars));
    let Ok(answer) = serde_json::to_vec(&Answer::from(result)) else {
        return ExitCode::FAILURE;
    };
    let mut out = std::io::stdout().lock();
    if out.write_all(&answer).and_then(|()| out.flush()).is_err() {
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Sets this process's memory and CPU ceilings; false when they could not be set.
#[cfg(unix)]
fn limit_self() -> bool {
    use rustix::process::{Resource, Rlimit, setrlimit};
    [
        (Resource::As, MEMORY_LIMIT, MEMORY_LIMIT),
        (Resource::Cpu, CPU_LIMIT, CPU_LIMIT + 1),
    ]
    .into_iter()
    .all(|(resource, soft, hard)| {
        let limit = Rlimit {
            current: Some(soft),
            maximum: Some(hard),
        };
        setrlimit(resource, limit).is_ok()
    })
}

/// Without resource limits there is no child to run ([`isolate_renders`] does nothing).
#[cfg(not(unix))]
fn limit_self() -> bool {
    false
}
