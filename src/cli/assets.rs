//! Shell completions and man pages, generated from the clap definitions so that they always
//! match the binary: `cgen completions SHELL` prints one completion script (a registration
//! that has the shell ask `cgen` at each TAB, see `complete`), and the hidden
//! `cgen gen-assets --out DIR` writes all of them into `DIR/completions/` and a man page for
//! `cgen` and each subcommand into `DIR/man/`. The repository commits the output of
//! `cgen gen-assets --out .`, and CI fails when it differs from what the binary generates.

use std::io::Write;
use std::path::Path;

use clap::{Command, CommandFactory, ValueEnum};
use clap_complete::{Generator, Shell};

use super::complete::{BIN, registration};
use super::{Cli, Exit, Failure};

/// Prints the completion script of one shell to stdout: the registration that has the shell
/// ask `cgen` itself at each TAB (`complete`). A closed stdout (`| head`) ends quietly.
pub fn completions(shell: Shell) {
    let script = registration(shell).unwrap_or_default();
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

    for &shell in Shell::value_variants() {
        let path = completions_dir.join(shell.file_name(BIN));
        let script = registration(shell).unwrap_or_default();
        std::fs::write(&path, script).map_err(|e| write_failure(&path, e))?;
    }

    remove_stale_man_pages(&man_dir)?;
    // As clap_mangen::generate_to, but every page (not just the top one) names the version.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let source = format!("{BIN} {}", env!("CARGO_PKG_VERSION"));
    write_man_pages(cmd, &man_dir, &source).map_err(|e| write_failure(&man_dir, e))?;
    Ok(())
}

/// One page for `cmd` and, recursively, one for each of its visible subcommands, each with
/// the sections of `man_sections` after the derived ones (before VERSION, where a page has it).
fn write_man_pages(cmd: Command, dir: &Path, source: &str) -> std::io::Result<()> {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_man_pages(sub.clone(), dir, source)?;
    }
    let man = clap_mangen::Man::new(cmd).source(source);
    let file = man.get_filename();
    let mut page = Vec::new();
    man.render(&mut page)?;
    let page = String::from_utf8_lossy(&page);
    let extra = super::man_sections::render(file.trim_end_matches(".1"));
    let page = match page.find("\n.SH VERSION") {
        Some(at) => format!("{}\n{}{}", &page[..at], extra.trim_end(), &page[at..]),
        None => format!("{page}{extra}"),
    };
    std::fs::write(dir.join(file), page)
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
                script.contains("CGEN_COMPLETE") && script.contains(BIN),
                "{file} does not ask cgen: {script}"
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
