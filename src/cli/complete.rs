//! Shell completion that knows cgen's own names. The scripts `cgen completions SHELL` prints
//! (and `gen-assets` writes) are clap_complete's dynamic registrations: at each TAB the shell
//! runs `CGEN_COMPLETE=SHELL cgen -- WORDS`, and `complete_if_asked` answers from the command
//! tree below. Workflows, templates, collections, providers and job ids come from the running
//! daemon; stage and `--type` names are known locally. Asking the daemon never starts one,
//! never bootstraps a key, is bounded by `ASK_TIMEOUT`, and yields nothing (no output, exit 0)
//! when anything fails: a TAB must not hang or print an error into the command line.

use std::time::Duration;

use clap::{Command, CommandFactory};
use clap_complete::engine::{ArgValueCandidates, CompletionCandidate};
use clap_complete::env::{CompleteEnv, Shells};
use serde_json::Value;

use super::Cli;
use crate::client::{Autostart, Client, ConnectOptions};

/// The name the scripts complete, whatever argv[0] was.
pub const BIN: &str = "cgen";

/// The environment variable the registration scripts set; cgen's own, so that a `COMPLETE`
/// some other tool exports never turns a cgen command into a completion request.
const VAR: &str = "CGEN_COMPLETE";

/// How long a TAB may wait for the daemon: connect, hello and one list call together.
const ASK_TIMEOUT: Duration = Duration::from_millis(800);

/// Job ids offered, newest first.
const JOB_IDS: u32 = 50;

/// Answers a completion request and exits, when this process is one (`CGEN_COMPLETE` set);
/// otherwise returns at once.
pub fn complete_if_asked() {
    CompleteEnv::with_factory(command)
        .var(VAR)
        .bin(BIN)
        .complete();
}

/// The registration script of `shell`: what a user sources or installs. `None` for a shell
/// clap_complete has no dynamic registration for.
pub fn registration(shell: clap_complete::Shell) -> Option<Vec<u8>> {
    let shells = Shells::builtins();
    let completer = shells.completer(&shell.to_string())?;
    let mut script = Vec::new();
    completer
        .write_registration(VAR, BIN, BIN, BIN, &mut script)
        .ok()?;
    if shell == clap_complete::Shell::Zsh {
        // Installed in $fpath as `_cgen` (the .deb, the README), zsh autoloads the file as the
        // function `_cgen` on the first TAB: run the completer then too, not just register it
        // for the next TAB (clap's static zsh scripts end the same way).
        script.extend_from_slice(
            b"if [ \"$funcstack[1]\" = \"_cgen\" ]; then\n    \
              _clap_dynamic_completer_cgen \"$@\"\nfi\n",
        );
    }
    Some(script)
}

/// The command line as completion sees it: `cgen` rebuilt from its global flags and visible
/// subcommands (clap_complete would offer hidden ones too, and clap cannot remove one), with
/// a name source on each argument that takes one of cgen's names.
pub fn command() -> Command {
    let full = Cli::command();
    let visible = full.get_subcommands().filter(|s| !s.is_hide_set()).cloned();
    let mut cmd = Command::new(BIN)
        .version(env!("CARGO_PKG_VERSION"))
        .args(full.get_arguments().cloned())
        .subcommands(visible);
    if let Some(about) = full.get_about() {
        cmd = cmd.about(about.clone());
    }
    // Subcommands are deferred: build them so that their arguments exist to be completed.
    cmd.build();
    with_names(cmd, BIN)
}

/// Attaches a name source to each argument of `cmd` (whose words are `path`) that takes a
/// name, then does the same below.
fn with_names(cmd: Command, path: &str) -> Command {
    let cmd = cmd.mut_args(|arg| match names_of(path, arg.get_id().as_str()) {
        Some(names) => arg.add(ArgValueCandidates::new(move || names.candidates())),
        None => arg,
    });
    let path = path.to_string();
    cmd.mut_subcommands(move |sub| {
        let words = format!("{path} {}", sub.get_name());
        with_names(sub, &words)
    })
}

/// The kinds of name cgen completes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Names {
    Workflows,
    Templates,
    Collections,
    Providers,
    Jobs,
    Stages,
    FileTypes,
}

/// Which names the argument `id` of the command `path` takes, if any. Flags mean the same
/// everywhere; a positional `name` or `id` depends on its command.
fn names_of(path: &str, id: &str) -> Option<Names> {
    let command = path.strip_prefix("cgen ").unwrap_or("");
    let group = command.split(' ').next().unwrap_or("");
    Some(match (group, command, id) {
        (_, _, "workflow") => Names::Workflows,
        (_, _, "template") => Names::Templates,
        (_, _, "collection" | "collections") => Names::Collections,
        (_, _, "provider") => Names::Providers,
        (_, _, "types") => Names::FileTypes,
        ("workflows", _, "name") => Names::Workflows,
        ("templates", "templates show" | "templates rm" | "templates render", "name") => {
            Names::Templates
        }
        ("collections", _, "name") => Names::Collections,
        ("providers", _, "name") => Names::Providers,
        ("agents", _, "name") => Names::Stages,
        ("jobs", _, "id") => Names::Jobs,
        _ => return None,
    })
}

/// Where the names are in the answer of a daemon's list method: the array `list`, each
/// entry's `field`, and a `detail` worth showing beside it.
struct List {
    list: &'static str,
    field: &'static str,
    detail: Option<&'static str>,
}

impl Names {
    /// Where the daemon lists these names; None for the names cgen knows itself.
    fn list(self) -> Option<List> {
        let list = |list, field, detail| List {
            list,
            field,
            detail,
        };
        Some(match self {
            Names::Workflows => list("workflows", "name", Some("description")),
            Names::Templates => list("templates", "name", None),
            Names::Collections => list("collections", "name", None),
            Names::Providers => list("providers", "name", Some("kind")),
            Names::Jobs => list("jobs", "id", Some("state")),
            Names::Stages | Names::FileTypes => return None,
        })
    }

    /// Calls the daemon's list method of these names; its answer as JSON, for `List` to pick
    /// the names from.
    async fn ask(self, client: &mut Client) -> Option<Value> {
        use crate::protocol::system::NoParams;
        use crate::protocol::{generate, jobs, kb, providers};
        let answer = match self {
            Names::Workflows => {
                let r = client.call::<crate::generate::methods::ListWorkflows>(&NoParams {});
                serde_json::to_value(r.await.ok()?)
            }
            Names::Templates => serde_json::to_value(
                client
                    .call::<generate::ListTemplates>(&NoParams {})
                    .await
                    .ok()?,
            ),
            Names::Collections => serde_json::to_value(
                client
                    .call::<kb::ListCollections>(&NoParams {})
                    .await
                    .ok()?,
            ),
            Names::Providers => serde_json::to_value(
                client
                    .call::<providers::ListProviders>(&NoParams {})
                    .await
                    .ok()?,
            ),
            Names::Jobs => {
                let params = jobs::ListParams {
                    limit: Some(JOB_IDS),
                    ..Default::default()
                };
                serde_json::to_value(client.call::<jobs::List>(&params).await.ok()?)
            }
            Names::Stages | Names::FileTypes => return None,
        };
        answer.ok()
    }

    fn candidates(self) -> Vec<CompletionCandidate> {
        let local: Vec<String> = match self {
            Names::Stages => crate::generate::stage::Stage::ALL
                .iter()
                .map(|s| s.name().to_string())
                .collect(),
            Names::FileTypes => crate::kb::assets::type_names(),
            daemon => return ask_daemon(daemon).unwrap_or_default(),
        };
        local.into_iter().map(CompletionCandidate::new).collect()
    }
}

/// The names a running daemon lists, or None when there is no daemon, no credential, no
/// answer within `ASK_TIMEOUT`, or any error at all.
fn ask_daemon(names: Names) -> Option<Vec<CompletionCandidate>> {
    let list = names.list()?;
    let paths = crate::paths::Paths::resolve().ok()?;
    // No credential yet: connecting would make the first admin key and print a note, which
    // is the first real command's business, not a TAB's.
    let vault = crate::credentials::Vault::open(&paths).ok()?;
    crate::credentials::find(&vault, None).ok()??;
    let opts = ConnectOptions {
        paths,
        autostart: Autostart::Never,
        config_file: None,
        key_file: None,
        profile: None,
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .ok()?;
    let answer: Value = runtime.block_on(async {
        tokio::time::timeout(ASK_TIMEOUT, async {
            let mut client = Client::connect(&opts).await.ok()?;
            names.ask(&mut client).await
        })
        .await
        .ok()?
    })?;
    let entries = answer.get(list.list)?.as_array()?;
    Some(
        entries
            .iter()
            .filter_map(|e| {
                let name = match e.get(list.field)? {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                let help = list
                    .detail
                    .and_then(|d| e.get(d)?.as_str())
                    .map(|d| d.to_string().into());
                Some(CompletionCandidate::new(name).help(help))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_attached_where_cgen_takes_them() {
        assert_eq!(
            names_of("cgen generate", "workflow"),
            Some(Names::Workflows)
        );
        assert_eq!(
            names_of("cgen search", "collection"),
            Some(Names::Collections)
        );
        assert_eq!(names_of("cgen jobs show", "id"), Some(Names::Jobs));
        assert_eq!(
            names_of("cgen templates render", "name"),
            Some(Names::Templates)
        );
        assert_eq!(names_of("cgen templates add", "name"), None);
        assert_eq!(names_of("cgen docs show", "id"), None);
        assert_eq!(names_of("cgen ingest", "types"), Some(Names::FileTypes));
    }

    #[test]
    fn every_shell_has_a_registration_that_names_the_variable() {
        use clap::ValueEnum;
        for &shell in clap_complete::Shell::value_variants() {
            let script = registration(shell).expect("a registration");
            let script = String::from_utf8(script).unwrap();
            assert!(script.contains(VAR), "{shell}: {script}");
        }
        // The zsh script's first-TAB call names the function the registration defines.
        let zsh = String::from_utf8(registration(clap_complete::Shell::Zsh).unwrap()).unwrap();
        assert!(
            zsh.contains("function _clap_dynamic_completer_cgen()")
                && zsh.ends_with("    _clap_dynamic_completer_cgen \"$@\"\nfi\n"),
            "{zsh}"
        );
    }
}
