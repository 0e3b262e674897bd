//! The man page sections clap cannot derive from the argument definitions: EXIT STATUS (from
//! `Exit`, on every page: it is the contract scripts rely on), ENVIRONMENT and FILES (on
//! `cgen(1)`), EXAMPLES (on `cgen(1)` and the pages of the commands listed here), and SEE ALSO
//! pointing each subcommand page back to `cgen(1)`. `assets` places them in each page.

use roff::{Roff, bold, italic, roman};

use super::Exit;

/// Environment variables the CLI and the daemon read.
const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "CGEN_HOME",
        "Put everything (config/, data/, state/, run/) under this one folder instead of the XDG \
         folders: tests and side-by-side instances.",
    ),
    (
        "CGEN_CONFIG",
        "The config file (as --config); default config.toml in the config folder.",
    ),
    (
        "CGEN_PROFILE",
        "Apply the config file's [profiles.NAME] tables (as --profile).",
    ),
    (
        "CGEN_SOCKET",
        "The daemon's socket, over the config file's daemon.socket.",
    ),
    (
        "CGEN_API_KEY",
        "The API key or session token to present, before the keyring.",
    ),
    (
        "CGEN_KEY_FILE",
        "A file holding the API key or session token (as --key-file), before CGEN_API_KEY.",
    ),
    (
        "CGEN_KEYRING",
        "Where the CLI keeps keys: auto (the OS keyring and a 0600 file), keyring, or file.",
    ),
    (
        "CGEN_DAEMON_USER",
        "The user a daemon of another user runs as (the system-wide cgen service), which the \
         client then trusts.",
    ),
    (
        "CGEN_NO_AUTOSTART",
        "Set to 1: never start the daemon when none answers (as --no-autostart).",
    ),
    (
        "CGEN_CALL_TIMEOUT",
        "How long a call waits for the daemon (as --call-timeout; default 30s).",
    ),
    (
        "CGEN_LOG",
        "Log filter of the daemon and the CLI (error, warn, info, debug, or a tracing filter).",
    ),
    (
        "CGEN_SECTION__KEY",
        "Override one config setting, such as CGEN_JOBS__CONCURRENCY=8 for [jobs] concurrency.",
    ),
    (
        "XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_STATE_HOME, XDG_RUNTIME_DIR",
        "Where the folders below are when CGEN_HOME is not set.",
    ),
];

/// Where cgen keeps things without CGEN_HOME (`cgen config path` prints the actual paths).
const FILES: &[(&str, &str)] = &[
    (
        "~/.config/cgen/config.toml",
        "The configuration (cgen config show, cgen config validate).",
    ),
    (
        "~/.config/cgen/credentials.json",
        "The client's keys and session tokens when the OS keyring cannot keep them (mode 0600).",
    ),
    (
        "~/.local/share/cgen/cgen.db",
        "The daemon's SQLite database: jobs, the knowledge base, keys, the audit log.",
    ),
    (
        "~/.local/state/cgen/logs/",
        "The daemon's logs, JSON lines, one file a day.",
    ),
    (
        "$XDG_RUNTIME_DIR/cgen/cgen.sock",
        "The daemon's socket (in the state folder when there is no runtime folder, as under cron).",
    ),
];

/// Examples per page (the page's command words joined by '-'): what it does, then the command.
const EXAMPLES: &[(&str, &[(&str, &str)])] = &[
    (
        "cgen",
        &[
            (
                "Ingest a folder of Markdown and wait for the job:",
                "cgen ingest docs/ --type md --wait",
            ),
            (
                "Write a tutorial from it, as HTML, into drafts/:",
                "cgen generate \"ssh hardening\" --workflow tutorial --format html --out drafts",
            ),
            (
                "Search the knowledge base:",
                "cgen search \"restic snapshot\" --collection docs --limit 5",
            ),
            (
                "Follow a job, and see the failed ones:",
                "cgen jobs watch 42 && cgen jobs list --state failed",
            ),
            (
                "Check the daemon from a script (exit 0 when it answers):",
                "cgen ping || echo \"daemon down (exit $?)\"",
            ),
        ],
    ),
    (
        "cgen-ingest",
        &[
            (
                "A folder, its Markdown and AsciiDoc files only, skipping drafts:",
                "cgen ingest docs/ --type md,adoc --exclude 'drafts/**' --wait",
            ),
            (
                "Sources from stdin, then why any were skipped:",
                "find notes -name '*.txt' | cgen ingest - --collection notes --explain",
            ),
        ],
    ),
    (
        "cgen-generate",
        &[
            (
                "A blog post from the default collection:",
                "cgen generate \"restic backups\" --out site/content/posts",
            ),
            (
                "Ingest first, then write with a configured provider and a cost cap:",
                "cgen generate \"caddy\" --from notes/ --provider cloud --max-cost 0.05",
            ),
        ],
    ),
    (
        "cgen-search",
        &[(
            "FTS5 syntax, as JSON:",
            "cgen --json search 'restic AND (prune OR forget)' --syntax",
        )],
    ),
    (
        "cgen-quality",
        &[(
            "Check an article cgen wrote (exit 1 when a check fails):",
            "cgen quality site/content/posts/restic-backups/index.md",
        )],
    ),
    (
        "cgen-completions",
        &[(
            "Install bash completion (names complete from the running daemon):",
            "cgen completions bash > ~/.local/share/bash-completion/completions/cgen",
        )],
    ),
];

/// The extra sections of the page named `page` ("cgen", "cgen-jobs-list"), as roff.
pub fn render(page: &str) -> String {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for exit in Exit::ALL {
        roff.control("TP", [])
            .text([bold((exit as u8).to_string())])
            .text([roman(exit.meaning())]);
    }
    let top = page == "cgen";
    if top {
        definitions(&mut roff, "ENVIRONMENT", ENVIRONMENT);
        definitions(&mut roff, "FILES", FILES);
    }
    if let Some((_, examples)) = EXAMPLES.iter().find(|(p, _)| *p == page) {
        roff.control("SH", ["EXAMPLES"]);
        for (what, command) in *examples {
            roff.control("PP", [])
                .text([roman(*what)])
                .control("RS", ["4"])
                .control("nf", [])
                .text([bold(*command)])
                .control("fi", [])
                .control("RE", []);
        }
    }
    if !top {
        roff.control("SH", ["SEE ALSO"])
            .text([bold("cgen"), roman("(1), for the environment and files.")]);
    }
    roff.to_roff()
}

fn definitions(roff: &mut Roff, title: &str, items: &[(&str, &str)]) {
    roff.control("SH", [title]);
    for (term, meaning) in items {
        roff.control("TP", [])
            .text([italic(*term)])
            .text([roman(*meaning)]);
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    /// An example under a page that does not exist would never be shown.
    #[test]
    fn every_example_page_is_a_command() {
        fn pages(cmd: &clap::Command, name: &str, out: &mut Vec<String>) {
            out.push(name.to_string());
            for sub in cmd.get_subcommands() {
                pages(sub, &format!("{name}-{}", sub.get_name()), out);
            }
        }
        let mut all = Vec::new();
        pages(&crate::cli::Cli::command(), "cgen", &mut all);
        for (page, _) in EXAMPLES {
            assert!(all.iter().any(|p| p == page), "no command for {page}");
        }
    }

    #[test]
    fn the_top_page_has_every_section_and_subpages_point_to_it() {
        let top = render("cgen");
        for section in ["EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES"] {
            assert!(
                top.contains(&format!(".SH \"{section}\""))
                    || top.contains(&format!(".SH {section}")),
                "{section}: {top}"
            );
        }
        let sub = render("cgen-jobs-list");
        assert!(
            sub.contains("EXIT STATUS") && sub.contains("SEE ALSO"),
            "{sub}"
        );
        assert!(!sub.contains("ENVIRONMENT"), "{sub}");
    }
}
