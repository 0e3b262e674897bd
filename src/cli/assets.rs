//! Shell completions and man pages, generated from the clap definitions so that they always
//! match the binary: `cgen completions SHELL` prints one completion script, and the hidden
//! `cgen gen-assets --out DIR` writes all of them into `DIR/completions/` and a man page for
//! `cgen` and each subcommand into `DIR/man/`. The repository commits the output of
//! `cgen gen-assets --out .`, and CI fails when it differs from what the binary generates.

use std::io::Write;
use std::path::Path;

use clap::{Command, CommandFactory, ValueEnum};
use clap_complete::Shell;

use super::{Cli, Exit, Failure};

/// The name the scripts complete and the man pages document, whatever argv[0] was.
const BIN: &str = "cgen";

/// Prints the completion script of one shell to stdout. The script is built in memory first:
/// clap_complete panics on a failed write, and a closed stdout (`| head`) must end quietly.
pub fn completions(shell: Shell) {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut completion_command(), BIN, &mut script);
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(&script);
    let _ = out.flush();
}

/// Writes every completion script into `out/completions/` (`cgen.bash`, `_cgen` for zsh,
/// `cgen.fish`, `cgen.elv`, `_cgen.ps1`) and the man pages into `out/man/` (`cgen.1`,
/// `cgen-jobs.1`, `cgen-jobs-list.1`, ...; hidden commands get none). Man pages left over from
/// a subcommand that no longer exists are removed, so the folder is exactly what the binary
/// documents.
pub fn gen_assets(out: &Path) -> Result<(), Failure> {
    let completions_dir = out.join("completions");
    let man_dir = out.join("man");
    for dir in [&completions_dir, &man_dir] {
        std::fs::create_dir_all(dir).map_err(|e| write_failure(dir, e))?;
    }

    let mut cmd = completion_command();
    for &shell in Shell::value_variants() {
        clap_complete::generate_to(shell, &mut cmd, BIN, &completions_dir)
            .map_err(|e| write_failure(&completions_dir, e))?;
    }

    remove_stale_man_pages(&man_dir)?;
    // As clap_mangen::generate_to, but every page (not just the top one) names the version.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let source = format!("{BIN} {}", env!("CARGO_PKG_VERSION"));
    write_man_pages(cmd, &man_dir, &source).map_err(|e| write_failure(&man_dir, e))?;
    Ok(())
}

/// The command line as the completion scripts see it. clap_complete completes hidden
/// subcommands too, and clap cannot remove a subcommand, so this is `cgen` rebuilt from its
/// global flags and visible subcommands (hidden ones below the top level would need the same).
fn completion_command() -> Command {
    let full = Cli::command();
    let visible = full.get_subcommands().filter(|s| !s.is_hide_set()).cloned();
    let mut cmd = Command::new(BIN)
        .version(env!("CARGO_PKG_VERSION"))
        .args(full.get_arguments().cloned())
        .subcommands(visible);
    if let Some(about) = full.get_about() {
        cmd = cmd.about(about.clone());
    }
    cmd
}

/// One page for `cmd` and, recursively, one for each of its visible subcommands.
fn write_man_pages(cmd: Command, dir: &Path, source: &str) -> std::io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_man_pages(sub.clone(), dir, source)?;
    }
    clap_mangen::Man::new(cmd).source(source).generate_to(dir)?;
    Ok(())
}

/// Removes `cgen.1` and `cgen-*.1` from `dir`, and nothing else.
fn remove_stale_man_pages(dir: &Path) -> Result<(), Failure> {
    let entries = std::fs::read_dir(dir).map_err(|e| write_failure(dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| write_failure(dir, e))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let ours = name == "cgen.1" || (name.starts_with("cgen-") && name.ends_with(".1"));
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let path = entry.path();
            std::fs::remove_file(&path).map_err(|e| write_failure(&path, e))?;
        }
    }
    Ok(())
}

fn write_failure(path: &Path, e: std::io::Error) -> Failure {
    Failure::new(
        Exit::Failure,
        format!("cannot write to {}: {e}", path.display()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_every_shell_and_a_man_page_per_visible_subcommand() {
        let dir = tempfile::tempdir().unwrap();
        let stale = dir.path().join("man/cgen-gone.1");
        std::fs::create_dir_all(stale.parent().unwrap()).unwrap();
        std::fs::write(&stale, "old").unwrap();
        std::fs::write(dir.path().join("man/notes.txt"), "kept").unwrap();

        gen_assets(dir.path()).unwrap();

        for file in ["cgen.bash", "_cgen", "cgen.fish", "cgen.elv", "_cgen.ps1"] {
            let script =
                std::fs::read_to_string(dir.path().join("completions").join(file)).unwrap();
            assert!(
                script.contains("completions"),
                "{file} lacks a visible command"
            );
            assert!(
                !script.contains("gen-assets"),
                "{file} completes a hidden command"
            );
        }
        let man = dir.path().join("man");
        for page in [
            "cgen.1",
            "cgen-jobs.1",
            "cgen-jobs-list.1",
            "cgen-completions.1",
        ] {
            assert!(man.join(page).is_file(), "no {page}");
        }
        assert!(
            !man.join("cgen-gen-assets.1").exists(),
            "hidden command documented"
        );
        assert!(!stale.exists(), "stale page kept");
        assert!(man.join("notes.txt").exists(), "unrelated file removed");
    }
}
