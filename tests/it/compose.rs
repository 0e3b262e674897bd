//! Offline composition read as an editor would, through the real CLI and daemon on the sample
//! knowledge base: whole units (code fenced with its language, lists whole), openers that do
//! not lean on missing context, no pointers to pages the article lacks, a topic the knowledge
//! base only mentions in passing refused by name, and titles in the corpus's casing.

use std::path::{Path, PathBuf};

use crate::common::{Env, Outcome, sample_kb};

fn ingest_sample(env: &Env) {
    ingest(env, &sample_kb());
}

/// A folder for a test's own pages, in its home.
fn site(env: &Env) -> PathBuf {
    let dir = env.home().join("site");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Ingests `dir` and waits for the job, which must succeed.
fn ingest(env: &Env, dir: &Path) {
    let out = env.run(&["ingest", dir.to_str().unwrap(), "--wait"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// The article written for `topic` (with `more` arguments) into the test's output folder:
/// its body and its front matter.
fn written(env: &Env, topic: &str, more: &[&str]) -> (String, String) {
    let out_dir = env.home().join("out");
    let mut args = vec![topic, "--out", out_dir.to_str().unwrap()];
    args.extend_from_slice(more);
    let out = generate(env, &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    article(&out_dir.join(topic.replace(' ', "-")).join("index.md"))
}

fn generate(env: &Env, args: &[&str]) -> Outcome {
    let mut all = vec!["generate"];
    all.extend_from_slice(args);
    env.run(&all)
}

/// The article's body (after the front matter) and its front matter.
fn article(path: &Path) -> (String, String) {
    let text = std::fs::read_to_string(path).unwrap();
    let mut parts = text.splitn(3, "---\n");
    parts.next();
    let front = parts.next().unwrap_or_default().to_string();
    (parts.next().unwrap_or_default().to_string(), front)
}

/// Paragraphs of prose: not code, not list items, not headings, not footnote definitions.
fn prose_paragraphs(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    for block in body.split("\n\n") {
        let fences = block.lines().filter(|l| l.starts_with("```")).count();
        let was_in_code = in_code;
        in_code ^= fences % 2 == 1;
        if was_in_code || fences > 0 {
            continue;
        }
        let t = block.trim();
        if t.is_empty() || t.starts_with('#') || t.starts_with("- ") || t.starts_with("[^") {
            continue;
        }
        out.push(t.to_string());
    }
    out
}

#[test]
fn a_tutorial_shows_code_fenced_with_its_language_and_prose_without_code() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let (body, front) = written(&env, "ssh hardening", &["--workflow", "tutorial"]);
    let fences: Vec<&str> = body.lines().filter(|l| l.starts_with("```")).collect();
    assert!(fences.len() >= 2, "a tutorial holds code: {body}");
    for open in fences.iter().step_by(2) {
        assert!(
            open.len() > 3,
            "every code block names its language: {open}"
        );
    }
    for p in prose_paragraphs(&body) {
        assert!(
            !p.contains("sudo ") || p.contains(':') || p.contains(',') || p.len() > 80,
            "a command is not run into prose: {p}"
        );
        assert!(!p.starts_with("This ") && !p.starts_with("It "), "{p}");
    }
    assert!(front.contains("title: SSH Hardening"), "{front}");
}

#[test]
fn the_quick_start_article_opens_on_the_topic_and_points_nowhere_else() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let (body, front) = written(&env, "restic backups", &[]);
    // The sample's own defects: a link's text without its link, a list of page titles run
    // into prose, a section opening on a dangling "it".
    assert!(!body.contains("steps are in Backups with restic"), "{body}");
    assert!(!body.contains("Choosing hardware Installing"), "{body}");
    assert!(!body.contains("This article"), "{body}");
    let paragraphs = prose_paragraphs(&body);
    let first = paragraphs.first().expect("an introduction");
    assert!(
        first.to_lowercase().contains("backup") || first.to_lowercase().contains("restic"),
        "{first}"
    );
    for section in body.split("\n## ").skip(1) {
        let opener = section.split("\n\n").nth(1).unwrap_or_default();
        for dangling in ["This ", "It ", "So,", "Then ", "Next,", "Without it"] {
            assert!(!opener.starts_with(dangling), "{opener}");
        }
    }
    let description = front
        .lines()
        .find_map(|l| l.strip_prefix("description: "))
        .expect("a description");
    let description = description.trim_matches(['\'', '"']);
    assert!(description.ends_with('.'), "whole sentences: {description}");
    assert!(description.chars().next().is_some_and(char::is_uppercase));
}

#[test]
fn a_topic_mentioned_only_in_passing_is_not_enough_material() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let out_dir = env.home().join("out");
    let out = generate(&env, &["wireguard vpn", "--out", out_dir.to_str().unwrap()]);
    assert_ne!(out.code, 0, "{}", out.stdout);
    assert!(out.stderr.contains("not enough material"), "{}", out.stderr);
    assert!(
        out.stderr.contains("\"wireguard\""),
        "names the thin term: {}",
        out.stderr
    );
    assert!(!out_dir.join("wireguard-vpn/index.md").exists());
}

#[test]
fn the_article_ends_on_further_reading_and_sections_come_whole() {
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let (body, _) = written(&env, "nftables firewall", &[]);
    // The page has no summary of its own: the article ends on what else the page covers,
    // not on a recap of its own headings, and repeats no sentence.
    let (main, conclusion) = body
        .split_once("\n## Further reading\n")
        .expect("further reading");
    let conclusion = conclusion.split("\n[^").next().unwrap_or_default();
    assert!(!conclusion.contains("covered:"), "{conclusion}");
    // It names what else there is to read, and no section the article already shows.
    assert!(
        conclusion.lines().any(|l| l.starts_with("- ")),
        "{conclusion}"
    );
    let unused = conclusion
        .lines()
        .filter_map(|l| l.strip_prefix("- ")?.split_once("[^").map(|(h, _)| h));
    for heading in unused {
        assert!(
            !main.contains(&format!("## {heading}\n")),
            "{heading} is used: {main}"
        );
    }
    for paragraph in conclusion.split("\n\n").filter(|p| !p.starts_with("- ")) {
        assert!(
            paragraph.trim().is_empty() || !main.contains(paragraph.trim()),
            "repeated: {paragraph}"
        );
    }
    // "A default-deny ruleset" comes with its ruleset: the whole source section, its code
    // block (over 40 lines) included, not just the chunks the search ranked.
    let section = main
        .split("\n## ")
        .find(|s| s.starts_with("A default-deny ruleset"))
        .expect("the ruleset section");
    assert!(section.contains("```nftables"), "{section}");
    assert!(section.contains("policy drop"), "{section}");
    // Sections that show their code leave no code to gather into a part of its own.
    assert!(!main.contains("\n## Code examples\n"), "{main}");
}

#[test]
fn the_page_named_after_the_topic_leads_in_its_own_order() {
    // "SSH hardening" has a page of its own: its sections come first, in the order its
    // author teaches them (keys before the configuration that turns passwords off), and
    // its lead opens the article.
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let (body, front) = written(&env, "ssh hardening", &[]);
    let headings: Vec<&str> = body.lines().filter(|l| l.starts_with("## ")).collect();
    let at = |h: &str| {
        headings
            .iter()
            .position(|x| *x == h)
            .unwrap_or_else(|| panic!("{h} in {headings:?}"))
    };
    assert_eq!(
        at("## How key-based authentication works"),
        0,
        "{headings:?}"
    );
    assert!(
        at("## How key-based authentication works")
            < at("## Locking down the server configuration")
    );
    // The first source is the page on the topic.
    let first_source = front
        .split("- id: 1\n")
        .nth(1)
        .and_then(|s| s.lines().next())
        .unwrap_or_default();
    assert!(first_source.contains("SSH hardening"), "{front}");
}

#[test]
fn a_page_on_the_topic_without_sections_gives_the_introduction_and_a_section_in_detail() {
    // A small site: one page on the topic that is all lead (no headings below its title),
    // its neighbours, and a change log that mentions the topic in every entry.
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = site(&env);
    let write = |name: &str, text: &str| std::fs::write(kb.join(name), text).unwrap();
    write(
        "lifetime-elision.md",
        "# Lifetime Elision\n\n\
         Rust allows lifetimes to be elided in function signatures to make common patterns \
         more ergonomic, so most functions never name a lifetime at all.\n\n\
         A lifetime position is anywhere you can write a lifetime in a type, and each \
         position is either an input or an output of the function.\n\n\
         Elision rules are as follows:\n\n\
         - Each elided lifetime in input position becomes a distinct lifetime parameter.\n\
         - If there is exactly one input lifetime position, that lifetime is assigned to all \
         elided output lifetimes.\n\
         - If one of several input positions is `&self`, the lifetime of `self` is assigned \
         to all elided output lifetimes.\n\
         - Otherwise, it is an error to elide an output lifetime.\n\n\
         Some examples of elided lifetimes and their expansions:\n\n\
         ```rust\nfn print(s: &str); // elided\nfn print<'a>(s: &'a str); // expanded\n```\n\n\
         The rules apply to function and method signatures and to impl headers, where every \
         type counts as an input position and elision saves writing each lifetime by hand.\n",
    );
    write(
        "lifetimes.md",
        "# Lifetimes\n\n## Lifetimes in functions\n\n\
         Every reference has a lifetime, and the compiler checks that no reference outlives \
         the value it borrows. Lifetime parameters name these regions when elision cannot \
         infer them, for example when a function returns one of two borrowed arguments.\n",
    );
    write(
        "CHANGELOG.md",
        "# Changelog\n\n## 1.2.0\n\n### Changed\n\n\
         - Lifetime elision now applies to impl headers; elided lifetimes in output \
         position follow the elision rules for `&self`.\n\
         - Lifetime elision errors name the elided lifetime and the input lifetime positions.\n",
    );
    ingest(&env, &kb);
    let (body, front) = written(&env, "lifetime elision", &[]);
    assert!(
        body.trim_start()
            .starts_with("Rust allows lifetimes to be elided"),
        "the page's lead opens the article: {body}"
    );
    let detail = body
        .split("\n## ")
        .find(|s| s.starts_with("Lifetime elision in detail"))
        .unwrap_or_else(|| panic!("the rest of the page as a section: {body}"));
    assert!(detail.contains("distinct lifetime parameter"), "{detail}");
    assert!(
        !front.contains("CHANGELOG"),
        "a change log is not material: {front}"
    );
    assert!(!body.contains("1.2.0"), "{body}");
}

#[test]
fn further_reading_does_not_send_the_reader_to_a_translated_copy_of_a_cited_page() {
    // mdBook sites ship translations beside the book: the same titles, other words.
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = site(&env);
    std::fs::create_dir_all(kb.join("zh")).unwrap();
    let write = |name: &str, text: &str| std::fs::write(kb.join(name), text).unwrap();
    let page = "# Lifetime Elision\n\n\
                Rust allows lifetimes to be elided in function signatures, so most functions \
                never name a lifetime at all and the compiler infers each one.\n\n\
                ## Elision rules\n\n\
                Each elided lifetime in input position becomes a distinct lifetime parameter. \
                With exactly one input lifetime position, that lifetime is assigned to all \
                elided output lifetimes. When one of several input positions is `&self`, the \
                lifetime of `self` is assigned to all elided output lifetimes, and otherwise \
                eliding an output lifetime is an error the compiler reports.\n\n\
                ## Elision in impl headers\n\n\
                In impl headers every type is an input position, so `impl Trait<&T> for \
                Struct<&T>` elides two lifetimes in input position, and lifetime elision \
                saves writing each of them by hand in every impl block of a crate.\n";
    write("lifetime-elision.md", page);
    write(
        "zh/lifetime-elision.md",
        "# Lifetime Elision\n\n为了使常见模式更符合人体工程学，Rust 允许在函数签名中省略生命周期。\n\n\
         ## 省略规则\n\n输入位置中每个被省略的生命周期都成为一个不同的生命周期参数。\n\n\
         ```rust\n// lifetime elision: the elided lifetime of the input\nfn print(s: &str);\n\
         fn print<'a>(s: &'a str); // lifetime elision expanded\n```\n",
    );
    ingest(&env, &kb);
    let (body, front) = written(&env, "lifetime elision", &[]);
    assert!(body.contains("distinct lifetime parameter"), "{body}");
    assert!(!front.contains("zh/"), "{front}");
    assert!(
        !body.contains("zh/"),
        "the copy is not further reading: {body}"
    );
}

#[test]
fn an_introduction_goes_on_to_the_paragraph_that_names_the_topic_and_the_description_is_a_sentence()
{
    // The sample's nftables page opens on what a host firewall is; nftables itself is named
    // in its second paragraph. Its Caddy page puts a lead-in and a list early in the body.
    let env = Env::new();
    let _d = env.start_daemon();
    ingest_sample(&env);
    let (body, _) = written(&env, "nftables firewall", &[]);
    let intro = body.split("\n## ").next().unwrap_or_default();
    assert!(
        intro.contains("nftables is the packet-filtering framework"),
        "{intro}"
    );
    let (_, front) = written(&env, "caddy reverse proxy", &[]);
    let description = front
        .lines()
        .find_map(|l| l.strip_prefix("description: "))
        .unwrap_or_default();
    assert!(
        !description.contains(':') && !description.contains("DNS record"),
        "not a lead-in read with its list: {description}"
    );
}

#[test]
fn a_page_that_sums_itself_up_closes_the_article_and_names_its_subject() {
    // A module page whose lead says "This module…" and whose last section is its own
    // summary: the article opens on the module by name and closes on the page's summary.
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = site(&env);
    let write = |name: &str, text: &str| std::fs::write(kb.join(name), text).unwrap();
    write(
        "tally.md",
        "# tally — Counting events in long-running services\n\nThis module provides counters, \
         gauges and histograms that a long-running service updates as events happen, and renders \
         every tally in a text format that monitoring systems scrape over HTTP.\n\nA service \
         creates its tallies once at start-up, names each after what it measures, and updates \
         them from any thread without locks; reading a tally never blocks the code that updates \
         it.\n\n## Counters\n\nA tally counter only goes up: it counts requests served, bytes \
         written or errors seen since the service started, and a monitoring system derives rates \
         from it. A counter resets to zero only when the service restarts, and the monitoring \
         system notices the reset and carries on. Increment a counter once per event, never by a \
         computed difference, so that no event is counted twice. Counters are the cheapest kind \
         of tally to keep and the easiest to reason about, which makes them the right first \
         choice for almost every event a service sees.\n\n## Gauges\n\nA tally gauge goes up and \
         down: it holds the current number of open connections, the queue depth or the \
         temperature, read at the moment of the scrape. Set a gauge to the value it measures \
         rather than adding to it when the value can be read directly. A gauge that nobody sets \
         keeps its last value, so a stalled worker shows up as a gauge that stops changing. \
         Gauges answer questions about the present moment, such as how full a queue is now, and \
         say nothing about what happened between two scrapes.\n\n## Histograms\n\nA tally \
         histogram sorts observed values into buckets, so that percentiles of request latency \
         can be estimated without keeping every observation in memory. Choose buckets around the \
         values that matter: a request that should answer within a quarter of a second needs \
         buckets on both sides of that limit. Each observation costs one addition, whatever the \
         number of buckets. Histograms cost more memory than counters and gauges, so keep them \
         for the measurements whose distribution matters, such as the latency of the requests \
         users wait for.\n\n## Summary\n\nEvery tally is one of three kinds: counters for totals \
         that only grow, gauges for values that rise and fall, and histograms for distributions \
         such as latency. Choose the kind by the question the tally must answer, and name each \
         tally after what it measures.\n",
    );
    write(
        "services.md",
        "# Running services

## Health

         A long-running service reports its health through a tally of failed checks and a          gauge of the time since its last successful request.
",
    );
    write(
        "alerts.md",
        "# Alerts\n\n## Thresholds\n\n\
         An alert fires when a tally crosses its threshold for longer than the alert's \
         window, so a single slow request never pages anyone at night.\n",
    );
    ingest(&env, &kb);
    let (body, _) = written(&env, "tally", &[]);
    assert!(
        body.trim_start()
            .starts_with("The `tally` module provides counters"),
        "the lead names its subject: {body}"
    );
    let (_, conclusion) = body
        .split_once("\n## Conclusion\n")
        .unwrap_or_else(|| panic!("a conclusion: {body}"));
    assert!(
        conclusion.contains("Every tally is one of three kinds"),
        "the page's own summary closes the article: {conclusion}"
    );
    assert!(!conclusion.contains("covered:"), "{conclusion}");
    assert_eq!(
        body.matches("Every tally is one of three kinds").count(),
        1,
        "the summary is not also a body section: {body}"
    );
}

#[test]
fn a_topic_the_sources_use_as_one_phrase_is_covered_as_a_phrase() {
    // "full" alone is what no passage is about, but "full text search" is the sources'
    // own phrase for their subject: the topic is covered.
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = site(&env);
    // No page says "full" in a heading or three times: each uses the phrase once or twice.
    let write = |name: &str, title: &str, body: &str| {
        std::fs::write(kb.join(name), format!("# {title}\n\n{body}\n")).unwrap()
    };
    write(
        "intro.md",
        "Text Search Introduction",
        "Full text search finds the documents that contain the words of a query. Indexes \
         make text search fast, and a ranking puts the best matches of a full text search first.",
    );
    write(
        "controls.md",
        "Controlling Text Search",
        "Parsing a query is the first step of text search. Ranking the matches is the last \
         step of full text search, and highlighting shows why a full text search matched.",
    );
    write(
        "indexes.md",
        "Preferred Index Types for Text Search",
        "A GIN index speeds up text search over many documents, and full text search over a \
         large table needs one.",
    );
    ingest(&env, &kb);
    let out_dir = env.home().join("out");
    let out = generate(
        &env,
        &["full text search", "--out", out_dir.to_str().unwrap()],
    );
    assert!(
        !out.stderr.contains("only in passing"),
        "covered as a phrase: {}",
        out.stderr
    );
}

#[test]
fn a_hostile_page_cannot_put_live_links_or_tags_into_headings_or_prose() {
    // A page that writes markup and `javascript:` links as text, in a subsection heading
    // and in its prose: neither becomes a tag or a live link in either output format (the
    // sentence with the link is dropped as a pointer today; `blocks::inline` keeps such a
    // link as text should one get through).
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = site(&env);
    let intro = "Restic backups keep encrypted snapshots of your files in one repository, and \
                 each run stores only the chunks that changed since the last one. Read \
                 [more](javascript:alert(3)) about restic backups before the first run.";
    let running = "Running restic backups takes a password file that only root can read, an \
                   environment file naming the repository, and a script that calls restic \
                   backup with the list of folders to save and the folders to leave out. \
                   Keep the password in a password manager as well: without it nobody can \
                   read the repository, including you, and no support desk can recover it.";
    let timer = "A systemd timer starts the restic backups service every night, and the \
                 service runs the backup script as root with a low priority so that the \
                 machine stays responsive while the snapshot is written to the repository. \
                 When the machine was off at midnight, the timer catches up after the next \
                 boot, so a laptop still gets its nightly snapshot once it is switched on.";
    let restoring = "Restoring from restic backups starts with restic snapshots to find the \
                     snapshot id, then restic restore writes the chosen files into a target \
                     folder, where you compare them with what you expected before moving them. \
                     Practise a restore every few months on a spare folder, because a backup \
                     that was never restored is only a hope, and the steps are easy to forget.";
    std::fs::write(
        kb.join("restic.html"),
        format!(
            "<html><head><title>Restic backups</title></head><body><main>\
             <h1>Restic backups</h1><p>{}</p>\
             <h2>Running restic backups</h2><p>{}</p>\
             <h3>&lt;img src=x onerror=alert(1)&gt; [bad](javascript:alert(2))</h3>\
             <p>Run restic backups nightly from a timer so restic backups never wait for a \
             login. [more](javascript:alert(3)) about restic backups and their timer.</p>\
             <table><tr><th>restic backups unit</th><th>runs</th></tr>\
             <tr><td>[timer](javascript:alert(4))</td><td>&lt;img src=x onerror=alert(5)&gt;</td></tr>\
             <tr><td>service</td><td>restic backups nightly</td></tr></table>\
             <p>{}</p>\
             <h2>Restoring restic backups</h2><p>{}</p></main></body></html>",
            intro, running, timer, restoring,
        ),
    )
    .unwrap();
    ingest(&env, &kb);
    let out_dir = env.home().join("out");
    for format in ["md", "html"] {
        let out = generate(
            &env,
            &[
                "restic backups",
                "--out",
                out_dir.to_str().unwrap(),
                "--format",
                format,
                "--force",
            ],
        );
        assert_eq!(out.code, 0, "{}", out.stderr);
        let text = std::fs::read_to_string(out_dir.join(format!("restic-backups/index.{format}")))
            .unwrap();
        // A link to a script is text at most: its bracket escaped (`\[bad](javascript:…)`).
        for (at, _) in text
            .match_indices("](javascript:")
            .filter(|_| format == "md")
        {
            let open = text[..at].rfind('[').unwrap_or(0);
            assert!(text[..open].ends_with('\\'), "{text}");
        }
        assert!(!text.contains("href=\"javascript:"), "{text}");
        // Escaped (`\<img`) it is text; a live tag is never written.
        assert!(!text.replace("\\<img", "").contains("<img src=x"), "{text}");
    }
}

#[test]
fn a_short_section_of_the_topic_page_follows_the_one_before_it_and_no_heading_stands_empty() {
    // A manual page: a synopsis of code alone, then sections of prose; "Resetting" is too
    // short to stand alone. It comes as a subsection of the section before it, as the page
    // nests it, and the synopsis does not leave a heading with nothing under it.
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = site(&env);
    std::fs::write(
        kb.join("tally-sync.md"),
        "# tally sync\n\n\
         The `tally sync` command copies a ledger between two machines and keeps both copies \
         in step, entry by entry, so that either machine can record new entries offline.\n\n\
         ## Synopsis\n\n\
         ```sh\ntally sync [--dry-run] <remote>\ntally sync --reset\n```\n\n\
         ## Description\n\n\
         Tally sync compares the ledgers on both machines and sends each entry the other side \
         lacks. Entries are never rewritten: a correction is a new entry that points at the \
         old one, so a sync can always be repeated without harm. The remote is named by its \
         host and the path of its ledger, and the connection runs over SSH with the keys the \
         user already has. Conflicting entries are kept side by side and shown by the next \
         `tally status` until one of them is withdrawn by hand. A sync that stops half way \
         leaves both ledgers valid, because every entry travels with its own checksum and is \
         written only once it has arrived whole. Large ledgers sync in batches of a thousand \
         entries, and each batch is confirmed before the next one is sent.\n\n\
         ## Basic sync commands\n\n\
         Start with a dry run, which lists the entries each side would send without sending \
         them, so you can see what the first sync of a new machine will do:\n\n\
         ```sh\ntally sync --dry-run backup-host:/srv/ledger\n```\n\n\
         When the list looks right, run the same sync without the flag. Tally prints one line \
         per batch and a summary of the entries sent and received at the end. Run it again at \
         any time: a sync with nothing to send finishes at once and says that both ledgers \
         already agree. Schedule it from cron or a timer on the machine that is online least, \
         so the ledgers meet whenever that machine wakes. A sync that fails for a network \
         error exits with status 3 and can simply be retried on the next run of the timer.\n\n\
         ## Resetting\n\n\
         Resetting forgets which entries the remote already has, so the next run compares \
         every entry again from the start.\n\n\
         ```sh\ntally sync --reset\n```\n\n\
         ## Choosing what to sync\n\n\
         A ledger may hold entries that should stay on one machine, such as drafts or private \
         notes. Mark them with the local tag and tally sync leaves them where they are. The tag \
         can be set when an entry is recorded or added later, and removing it sends the entry \
         with the next sync. A filter file beside the ledger can also name accounts whose \
         entries never leave the machine; tally sync reads it before every run and reports how \
         many entries it held back, so nothing is left out without a trace in the log. Filters \
         and tags combine: an entry is held back when either of them says so, and the summary \
         at the end of a sync counts both kinds separately.\n",
    )
    .unwrap();
    ingest(&env, &kb);
    let (body, _) = written(&env, "tally sync", &[]);
    // No heading stands with nothing but a subheading under it.
    let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    for pair in lines.windows(2) {
        assert!(
            !(pair[0].starts_with("## ") && pair[1].starts_with("### ")),
            "an empty heading: {pair:?}\n{body}"
        );
    }
    let basic = body
        .split("\n## ")
        .find(|s| s.starts_with("Basic sync commands"))
        .unwrap_or_else(|| panic!("the basic commands as a section: {body}"));
    assert!(
        basic.contains("### Resetting") && basic.contains("tally sync --reset"),
        "the short section follows the one before it: {body}"
    );
}

#[test]
fn small_subsections_keep_their_headings_above_their_own_text_and_code() {
    // A reference page's third-level sections are short enough to share a chunk, which
    // carries their headings in its text; an example is a code block, a chunk of its own under
    // its section's heading. Each heading stands once, above its paragraph, and the code stays
    // under it.
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = site(&env);
    let mut page = String::from(
        "# Version pins\n\n\
         A version pin tells the ledger tool which releases of a plugin it may load. Pins are \
         written in the ledger's settings file, one per plugin, and the tool checks every pin \
         before it starts, so a plugin that does not match its pin is never loaded at all.\n\n\
         ## Pin syntax\n\n\
         Every pin is a version with an operator in front of it. The operator decides how far \
         the tool may move from the version written in the settings file when a plugin offers \
         a newer release.\n\n",
    );
    for (name, op, rule) in [
        (
            "Caret",
            "^",
            "allow any release that keeps the leftmost non-zero number",
        ),
        (
            "Tilde",
            "~",
            "allow only releases that keep the major and minor number",
        ),
        (
            "Exact",
            "=",
            "allow the one version written and no other release",
        ),
    ] {
        page.push_str(&format!(
            "### {name} pins\n\n\
             {name} pins {rule}. The version pins of this kind are checked when the ledger \
             starts and again whenever a plugin is updated.\n\n"
        ));
        // The first has no code: the next section's text joins its chunk.
        if name != "Caret" {
            page.push_str(&format!(
                "```text\n{op}1.2.3 := the {name} rule for 1.2.3\n```\n\n"
            ));
        }
    }
    std::fs::write(kb.join("pins.md"), page).unwrap();
    ingest(&env, &kb);
    let (body, _) = written(&env, "version pins", &[]);
    for name in ["Caret", "Tilde", "Exact"] {
        let heading = format!("### {name} pins\n");
        assert_eq!(body.matches(&heading).count(), 1, "{name} once: {body}");
        let under = body.split(&heading).nth(1).unwrap();
        let own = under.split("\n### ").next().unwrap();
        assert!(
            own.trim_start().starts_with(&format!("{name} pins ")),
            "the paragraph under its heading: {body}"
        );
    }
}

#[test]
fn a_long_lead_of_a_page_named_by_the_topic_is_a_section_under_the_pages_title() {
    // No page is the topic's own ("signal emitters" names two terms, its head last; the page is
    // "Signals"): the page's long lead says what the topic is, and what the introduction
    // leaves of it stands under the page's title, not under one of its subsections.
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = site(&env);
    let lead = "Emitter signals carry a named event from one emitter to every listener that \
                subscribed to it. Most of the toolkit is built on them: a window emits a signal \
                when it closes, a timer when it fires, and a download when new bytes arrive.";
    let more = "Every emitter keeps a table of listeners by signal name and calls them in the \
                order they subscribed. A listener receives the arguments the emitter passed \
                when it raised the signal, and whatever it returns is ignored by the emitter. \
                Listeners run one after another on the emitter's own thread, so a slow \
                listener holds up the ones after it until it returns. An emitter may limit how \
                many listeners one signal takes, and it warns once when a program goes past \
                that limit, which usually means listeners leak. Signals without listeners cost \
                nothing: the emitter checks its table and returns at once. A listener can \
                subscribe for one call only, and the emitter then removes it before calling \
                it, so raising the same signal again inside it does not call it twice. Error \
                signals are special: an emitter that raises one without a listener stops the \
                program with the error it carried.";
    let page = format!(
        "# Signals\n\n{lead}\n\n{more}\n\n\
         ## Signal targets and handlers\n\n\
         A signal target is a lighter emitter for browser code. It keeps one handler list per \
         signal name and calls the handlers with a single event object as their argument.\n\n\
         ```js\nconst target = new SignalTarget();\n```\n\n\
         ## Removing listeners\n\n\
         A listener removed while an emitter dispatches a signal still runs for that signal, \
         because the emitter copies its listener list before it starts calling the listeners.\n"
    );
    std::fs::write(kb.join("signals.md"), page).unwrap();
    ingest(&env, &kb);
    let (body, _) = written(&env, "signal emitters", &[]);
    let targets = body
        .split("\n## ")
        .find(|s| s.starts_with("Signal targets"))
        .unwrap_or("");
    assert!(
        !targets.contains("table of listeners"),
        "the lead's remainder under a subsection: {body}"
    );
    assert!(
        body.contains("\n## Signals\n"),
        "the lead's remainder under its page's title: {body}"
    );
}

/// Distinct sentences about `subject` for a fixture's long sections, `n` of them from `seed`:
/// words drawn from a fixed list, so no two paragraphs repeat each other.
fn filler(subject: &str, seed: u64, n: usize) -> String {
    const WORDS: &[&str] = &[
        "ledger", "entry", "balance", "account", "journal", "period", "report", "total", "credit",
        "debit", "transfer", "owner", "record", "column", "change", "review", "audit", "reader",
        "writer", "branch", "value", "limit", "rule", "check", "batch", "queue", "order", "copy",
        "month", "year", "draft", "note", "tag", "file", "page",
    ];
    let mut state = seed;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        WORDS[(state >> 33) as usize % WORDS.len()]
    };
    (0..n)
        .map(|_| {
            let words: Vec<&str> = (0..10).map(|_| next()).collect();
            format!(
                "The {subject} keeps each {} and {}.",
                words[..5].join(" "),
                words[5..].join(" ")
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_section_longer_than_a_part_goes_on_in_its_subsections() {
    // The topic's own page has a long section whose subsections each show an example: cut
    // to one part, the later subsections and their examples would be lost.
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = site(&env);
    let mut page = format!(
        "# Ledger ownership\n\n{}\n\n## Memory of entries\n\n",
        filler("ledger ownership", 1, 4)
    );
    for (k, name) in ["Moving entries", "Copying entries", "Dropping entries"]
        .iter()
        .enumerate()
    {
        let seed = 10 + k as u64 * 10;
        page.push_str(&format!(
            "### {name}\n\n{}\n\n{}\n\nThis is how {} looks:\n\n```sh\nledger {} --example {k}\n```\n\n",
            filler("ledger ownership", seed, 12),
            filler("ledger ownership", seed + 1, 12),
            name.to_lowercase(),
            name.split(' ').next().unwrap().to_lowercase(),
        ));
    }
    std::fs::write(kb.join("ownership.md"), page).unwrap();
    ingest(&env, &kb);
    let (body, _) = written(&env, "ledger ownership", &[]);
    assert!(
        body.contains("ledger dropping --example 2"),
        "the last subsection's example: {body}"
    );
}

#[test]
fn the_own_pages_overview_does_not_move_a_later_section_first() {
    // The topic's own page opens with "1. Overview" (a generic heading): what the
    // introduction leaves of it ("Advantages include:" and its list) once went under the
    // section whose heading its words fit best, the page's last, which then came first.
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = site(&env);
    let page = format!(
        "# Journal Sync\n\n## 1. Overview\n\nJournal sync copies each ledger journal to a \
         standby disk as it is written, entry by entry, so that a second copy of every \
         journal exists on another disk at all times. The standby disk is mounted read-only \
         for every program except the sync itself, which keeps stray writes away from \
         it.\n\nBeginning with the second release, journal sync is available for every \
         ledger, and it is turned on for new ledgers by default. Older ledgers keep the \
         nightly copy until an administrator turns journal sync on for them. There are \
         advantages and disadvantages to journal sync instead of a nightly copy.\n\n\
         Advantages include:\n\n\
         - The standby journal is never more than one entry behind.\n\
         - A failed disk loses no entries.\n\n\
         ## 2. How journal sync works\n\n{}\n\n## 3. Configuring journal sync\n\n{}\n\n\
         ## 4. Standby disk layout for journal sync advantages\n\n{}\n",
        filler("journal sync", 3, 8),
        filler("journal sync", 4, 8),
        filler("journal sync", 5, 8)
    );
    std::fs::write(kb.join("journal-sync.md"), page).unwrap();
    ingest(&env, &kb);
    let (body, _) = written(&env, "journal sync", &[]);
    let headings: Vec<&str> = body.lines().filter_map(|l| l.strip_prefix("## ")).collect();
    assert_eq!(
        headings.first().copied(),
        Some("How journal sync works"),
        "the page's order: {body}"
    );
    let layout = body.split("\n## Standby disk layout").nth(1).unwrap_or("");
    assert!(!layout.contains("Advantages include"), "{body}");
}

#[test]
fn a_passage_cut_from_a_long_section_keeps_the_headings_it_runs_into() {
    // "Class: Ledger" runs longer than a part holds, so its entries go on as passages of
    // their own; the one for `Ledger.open` runs on into `Ledger.close`, whose text must stay
    // under its own heading, not read as more of `Ledger.open`.
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = site(&env);
    let paragraphs = |seed: u64, n: usize| -> String {
        (0..n)
            .map(|k| filler("ledger", seed * 10 + k as u64, 8))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let page = format!(
        "# Ledger\n\n{}\n\n## Class: Ledger\n\n{}\n\n### Static method: Ledger.open(path)\n\n\
         {}\n\n### Static method: Ledger.close(handle)\n\n{}\n",
        paragraphs(1, 2),
        paragraphs(2, 6),
        paragraphs(3, 1),
        paragraphs(4, 1),
    );
    std::fs::write(kb.join("ledger.md"), page).unwrap();
    ingest(&env, &kb);
    let (body, _) = written(&env, "ledger", &[]);
    let close_text = filler("ledger", 40, 8);
    let close_start: String = close_text.chars().take(60).collect();
    let at = body
        .find(&close_start)
        .expect("the close entry's text is used");
    let before = &body[..at];
    let last_heading = before
        .lines()
        .rev()
        .find(|l| l.starts_with('#'))
        .unwrap_or_default();
    assert!(
        last_heading.contains("Ledger.close"),
        "under {last_heading:?}: {body}"
    );
}

#[test]
fn a_block_a_dropped_section_showed_first_comes_back_in_the_section_after_it() {
    // Two pages show the same grammar. The sibling page's section ("Trace signals" shares
    // "signal" with the topic, not its head) is the better supported and is composed first,
    // so the grammar is said there; the report then drops it as a neighbouring subject, and
    // the on-topic section composed after it must show the grammar after all.
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = site(&env);
    let grammar = "```\nemit SIGNAL [ WITH payload ] [ TO listener [, ...] ]\n```";
    let sibling = format!(
        "# Trace signals\n\n## Signal tracing\n\n{}\n\n\
         A traced signal uses the grammar of signal emitters:\n\n{grammar}\n\n{}\n",
        filler("signal emitter trace", 1, 6),
        filler("signal emitter trace", 2, 6),
    );
    let own = format!(
        "# Signals\n\n{}\n\n## Emitting signals\n\n{}\n\n\
         A raised signal has the syntax:\n\n{grammar}\n\n{}\n\n\
         ## Listening to signals\n\n{}\n",
        filler("signal emitter", 3, 6),
        filler("signal emitter", 4, 8),
        filler("signal emitter", 5, 8),
        filler("signal emitter listener", 6, 6),
    );
    std::fs::write(kb.join("trace-signals.md"), sibling).unwrap();
    std::fs::write(kb.join("signals.md"), own).unwrap();
    ingest(&env, &kb);
    let (body, _) = written(&env, "signal emitters", &[]);
    assert!(
        !body.contains("## Signal tracing"),
        "the sibling page's section is dropped: {body}"
    );
    assert!(
        body.contains("emit SIGNAL [ WITH payload ]"),
        "the grammar is shown where the on-topic section has it: {body}"
    );
}

/// An mdBook page: its title, its body and the page its "next chapter" link names.
fn book_page(title: &str, body: &str, next: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title></head><body>\
         <nav class=\"sidebar\"><a href=\"#\">Contents</a></nav><main><h1>{title}</h1>{body}</main>\
         <nav class=\"nav-wrapper\"><a rel=\"next prefetch\" href=\"{next}\">Next</a></nav>\
         </body></html>"
    )
}

#[test]
fn a_nested_chapter_of_the_topics_page_follows_it_in_the_books_reading_order() {
    // The pages below "match" never say "match": ranked by the topic's words alone, the
    // neighbouring pages that do would stand in for them.
    let env = Env::new();
    let _d = env.start_daemon();
    let kb = site(&env);
    std::fs::create_dir_all(kb.join("flow/match")).unwrap();
    let write = |name: &str, text: String| std::fs::write(kb.join(name), text).unwrap();
    let chapter = |subject: &str, seed: u64| {
        format!(
            "<p>{}</p><pre><code class=\"language-rust\">let {subject} = make_{subject}();\n\
             println!(\"{{:?}}\", {subject});</code></pre><p>{}</p>",
            filler(subject, seed, 5),
            filler(subject, seed + 1, 4)
        )
    };
    write(
        "flow/match.html",
        book_page(
            "match",
            "<p>Rust provides pattern matching via the match keyword, which can be used like a \
             C switch. The first matching arm of a match is evaluated and all possible values \
             must be covered by the arms of the match expression.</p>\
             <pre><code class=\"language-rust\">match n { 1 => one(), _ => other() }</code></pre>",
            "match/tuples.html",
        ),
    );
    write(
        "flow/match/tuples.html",
        book_page("tuples", &chapter("tuple", 1), "enums.html"),
    );
    write(
        "flow/match/enums.html",
        book_page("enums", &chapter("variant", 3), "structs.html"),
    );
    write(
        "flow/match/structs.html",
        book_page("structs", &chapter("field", 5), "../if_let.html"),
    );
    for (name, seed) in [("if_let", 7), ("while_let", 9), ("let_else", 11)] {
        write(
            &format!("flow/{name}.html"),
            book_page(
                name,
                &format!(
                    "<p>Like match, {name} tests a pattern; where a match would be awkward, \
                     {name} reads better than a match with one arm. {}</p>",
                    filler("match", seed, 3)
                ),
                "../index.html",
            ),
        );
    }
    ingest(&env, &kb);
    let (body, _) = written(&env, "match", &[]);
    let at = |heading: &str| {
        body.find(&format!("\n## {heading}\n"))
            .unwrap_or_else(|| panic!("no section {heading:?}: {body}"))
    };
    // In the book's order (not the alphabet's), and headed with a capital.
    assert!(at("Tuples") < at("Enums"), "{body}");
    assert!(at("Enums") < at("Structs"), "{body}");
}
