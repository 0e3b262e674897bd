
use builtin;
use str;

set edit:completion:arg-completer[cgen] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'cgen'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'cgen'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand generate 'Write an article on a topic from the knowledge base (waits and prints the path)'
            cand batch 'Generate many articles: one parent job with a child per topic'
            cand topics 'Topics the knowledge base covers, best covered first'
            cand workflows 'List and show workflows'
            cand agents 'List, show and run the stages workflows are made of'
            cand templates 'List, show, add, remove and render article templates'
            cand quality 'The quality report of a Markdown file; exit 0 when it passes, 1 when it does not'
            cand ingest 'Add files, folders, globs or URLs to the knowledge base (an ingest job)'
            cand search 'Search the knowledge base'
            cand docs 'List, show and remove ingested documents'
            cand collections 'List and remove collections'
            cand jobs 'Inspect and steer jobs'
            cand articles 'The history of generated articles: list, show, search'
            cand queue 'Pause, resume or inspect the whole queue'
            cand daemon 'Run the daemon in the foreground, or manage a background one'
            cand config 'Show, validate, locate or reload the configuration'
            cand status 'Daemon version and uptime, queue depth, running jobs, store size'
            cand ping 'Liveness: exit 0 when the daemon answers (never starts one)'
            cand health 'Readiness: exit 0 only when the store, the queue and the disk are healthy'
            cand metrics 'The Prometheus text exposition of every metric'
            cand admin 'Backups, restores, retention, the audit log and feature flags'
            cand keys 'Make, list, revoke and rotate API keys (admin)'
            cand login 'Check an API key or session token and keep it for this daemon (the OS keyring)'
            cand logout 'Forget the key and session kept for this daemon; the session is revoked there too'
            cand whoami 'Who this daemon takes you for: key, role, session, and where the credential came from'
            cand sessions 'Short-lived tokens for scripts and CI runs'
            cand providers 'Model providers: list, state, a test call, and their secrets'
            cand completions 'Print the completion script of a shell to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;generate'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --from 'Ingest these paths first (into the first --collection, or `default`)'
            cand -w 'Workflow (see `cgen workflows list`)'
            cand --workflow 'Workflow (see `cgen workflows list`)'
            cand -c 'Draw on these collections only (repeatable); all by default'
            cand --collection 'Draw on these collections only (repeatable); all by default'
            cand -o 'Output folder; `-` prints the article to standard output instead (no file; `generate` only)'
            cand --out 'Output folder; `-` prints the article to standard output instead (no file; `generate` only)'
            cand --layout 'blog (out/SLUG/index.md) or flat (out/SLUG.md); the workflow''s by default'
            cand --format 'format'
            cand --tone 'Tone profile (TOML)'
            cand --template 'Body template (see `cgen templates list`); the workflow''s by default'
            cand --var 'Template variable (repeatable); `author` and `draft` also set the front matter'
            cand --date 'Publication date (YYYY-MM-DD); today by default. Fix it for byte-identical reruns'
            cand --provider 'Write with this provider instead of the workflow''s chain (see `cgen providers list`)'
            cand --model 'Model alias (fast, smart) or id of the provider'
            cand --max-tokens 'Stop the job before its model tokens (in and out) pass N'
            cand --max-cost 'Stop the job before its model cost passes X (the currency of the configured prices)'
            cand --priority 'Higher runs first (-1000 to 1000)'
            cand --idempotency-key 'A second submit with the same key returns the first job'
            cand --timeout 'Deadline of one attempt (30s, 5m, 1h)'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --auto-topic 'Write about the best-covered topic that has no article yet'
            cand --strict 'Fail the job when the quality report fails'
            cand --force 'Replace an existing article; the old one is kept as FILE.prev'
            cand --no-cache 'Ask the model even when the response cache holds the answer'
            cand --detach 'Print the job id and return instead of waiting'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;batch'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand -w 'Workflow (see `cgen workflows list`)'
            cand --workflow 'Workflow (see `cgen workflows list`)'
            cand -c 'Draw on these collections only (repeatable); all by default'
            cand --collection 'Draw on these collections only (repeatable); all by default'
            cand -o 'Output folder; `-` prints the article to standard output instead (no file; `generate` only)'
            cand --out 'Output folder; `-` prints the article to standard output instead (no file; `generate` only)'
            cand --layout 'blog (out/SLUG/index.md) or flat (out/SLUG.md); the workflow''s by default'
            cand --format 'format'
            cand --tone 'Tone profile (TOML)'
            cand --template 'Body template (see `cgen templates list`); the workflow''s by default'
            cand --var 'Template variable (repeatable); `author` and `draft` also set the front matter'
            cand --date 'Publication date (YYYY-MM-DD); today by default. Fix it for byte-identical reruns'
            cand --provider 'Write with this provider instead of the workflow''s chain (see `cgen providers list`)'
            cand --model 'Model alias (fast, smart) or id of the provider'
            cand --max-tokens 'Stop the job before its model tokens (in and out) pass N'
            cand --max-cost 'Stop the job before its model cost passes X (the currency of the configured prices)'
            cand --priority 'Higher runs first (-1000 to 1000)'
            cand --idempotency-key 'A second submit with the same key returns the first job'
            cand --timeout 'Deadline of one attempt (30s, 5m, 1h)'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --strict 'Fail the job when the quality report fails'
            cand --force 'Replace an existing article; the old one is kept as FILE.prev'
            cand --no-cache 'Ask the model even when the response cache holds the answer'
            cand --detach 'Print the job id and return instead of waiting'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;topics'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand -c 'Only topics of these collections (repeatable); all by default'
            cand --collection 'Only topics of these collections (repeatable); all by default'
            cand -n 'Show at most this many topics'
            cand --limit 'Show at most this many topics'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;workflows'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List workflows (built-in and your own)'
            cand show 'Show a workflow''s stages and parameters'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;workflows;list'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;workflows;show'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;workflows;help'= {
            cand list 'List workflows (built-in and your own)'
            cand show 'Show a workflow''s stages and parameters'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;workflows;help;list'= {
        }
        &'cgen;workflows;help;show'= {
        }
        &'cgen;workflows;help;help'= {
        }
        &'cgen;agents'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the stages ("agents") workflows are made of'
            cand show 'Show what a stage reads and writes'
            cand run 'Run one stage on a generation state (JSON) and print the state after it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;agents;list'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;agents;show'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;agents;run'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --input 'The input state as JSON; `-` for stdin'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;agents;help'= {
            cand list 'List the stages ("agents") workflows are made of'
            cand show 'Show what a stage reads and writes'
            cand run 'Run one stage on a generation state (JSON) and print the state after it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;agents;help;list'= {
        }
        &'cgen;agents;help;show'= {
        }
        &'cgen;agents;help;run'= {
        }
        &'cgen;agents;help;help'= {
        }
        &'cgen;templates'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List templates (built-in and your own)'
            cand show 'Print a template''s source'
            cand add 'Add (or replace) your own template from a file; its name is the file''s stem unless --name'
            cand rm 'Remove one of your templates (built-ins cannot be removed)'
            cand render 'Render a template on a sample article'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;templates;list'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;templates;show'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;templates;add'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --name 'name'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;templates;rm'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;templates;render'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --var 'var'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;templates;help'= {
            cand list 'List templates (built-in and your own)'
            cand show 'Print a template''s source'
            cand add 'Add (or replace) your own template from a file; its name is the file''s stem unless --name'
            cand rm 'Remove one of your templates (built-ins cannot be removed)'
            cand render 'Render a template on a sample article'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;templates;help;list'= {
        }
        &'cgen;templates;help;show'= {
        }
        &'cgen;templates;help;add'= {
        }
        &'cgen;templates;help;rm'= {
        }
        &'cgen;templates;help;render'= {
        }
        &'cgen;templates;help;help'= {
        }
        &'cgen;quality'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --tone 'Check against this tone profile (TOML) instead of the default'
            cand --workflow 'Check the parts this workflow promises (code for a tutorial, word targets). Default: the workflow in the manifest beside FILE, if there is one'
            cand --topic 'What the article is about, for the off-topic check. Default: the manifest''s topic, else the front matter title'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;ingest'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand -c 'c'
            cand --collection 'collection'
            cand --base-url 'Public address of the ingested folders (http or https): citations link to it joined with each file''s relative path, unless a page names its canonical URL'
            cand --include 'Ingest files matching GLOB even where the default rules skip them (site assets, search indexes, print copies, redirect stubs, navigation pages). Repeatable'
            cand --exclude 'Never ingest files matching GLOB (relative to the folder; without `/`, any file name). Repeatable; wins over --include'
            cand --priority 'Higher runs first (-1000 to 1000)'
            cand --idempotency-key 'A second submit with the same key returns the first job'
            cand --timeout 'Deadline of one attempt (30s, 5m, 1h)'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --prune 'Remove documents under these folders whose files are gone'
            cand --explain 'Wait for the job, then list every source it skipped and why (implies --wait)'
            cand --wait 'Wait for the job and exit with its outcome'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;search'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand -c 'c'
            cand --collection 'collection'
            cand -n 'n'
            cand --limit 'limit'
            cand --mode 'Ranking: bm25 (full text), hybrid (full text and embedding vectors fused), or auto (hybrid when kb.embeddings is configured and the collections searched have vectors). The output says which ranking was used, and why BM25 when hybrid was not possible'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --syntax 'Interpret the query as FTS5 syntax (AND, OR, NOT, "phrases", prefix*)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;docs'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List documents'
            cand show 'Show a document and its chunks'
            cand rm 'Remove a document from the knowledge base'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;docs;list'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand -c 'c'
            cand --collection 'collection'
            cand --limit 'limit'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;docs;show'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;docs;rm'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;docs;help'= {
            cand list 'List documents'
            cand show 'Show a document and its chunks'
            cand rm 'Remove a document from the knowledge base'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;docs;help;list'= {
        }
        &'cgen;docs;help;show'= {
        }
        &'cgen;docs;help;rm'= {
        }
        &'cgen;docs;help;help'= {
        }
        &'cgen;collections'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List the collections this key may read, with their owner, sizes and how many chunks have an embedding vector (when kb.embeddings is configured)'
            cand rm 'Remove a collection and all its documents (its owner''s or an admin''s to remove)'
            cand share 'Let every key read a collection (admin); its owner still alone changes it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;collections;list'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;collections;rm'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;collections;share'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --off 'Stop sharing: only its owner (and admin and viewer keys) read it again'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;collections;help'= {
            cand list 'List the collections this key may read, with their owner, sizes and how many chunks have an embedding vector (when kb.embeddings is configured)'
            cand rm 'Remove a collection and all its documents (its owner''s or an admin''s to remove)'
            cand share 'Let every key read a collection (admin); its owner still alone changes it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;collections;help;list'= {
        }
        &'cgen;collections;help;rm'= {
        }
        &'cgen;collections;help;share'= {
        }
        &'cgen;collections;help;help'= {
        }
        &'cgen;jobs'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'List jobs, newest first: what each is, how it stands, and why a failed one failed'
            cand show 'Show one job: what it was asked to do, how it stands, and what it made'
            cand wait 'Wait for a job to finish (your latest when no id is given); the exit code says how it ended (0 succeeded, 6 failed or cancelled, 8 timed out)'
            cand watch 'Follow a job''s events live until it finishes (your latest when no id is given; exit codes as for wait)'
            cand cancel 'Cancel a queued, paused or running job'
            cand retry 'Queue a failed or cancelled job again'
            cand rm 'Remove a finished job and its events'
            cand logs 'The daemon''s log lines written while the job ran'
            cand pause 'Hold a queued job'
            cand resume 'Release a held job'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;jobs;list'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --state 'Only jobs in this state (queued, running, paused, succeeded, failed, cancelled)'
            cand --kind 'Only jobs of this kind (ingest, generate, batch)'
            cand -n 'Show at most this many jobs (1 to 1000)'
            cand --limit 'Show at most this many jobs (1 to 1000)'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --utc 'Show times as UTC timestamps instead of "3 min ago"'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;jobs;show'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --utc 'Show times as UTC timestamps instead of "3 min ago"'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;jobs;wait'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --timeout 'Give up after this long (30s, 5m, 1h)'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;jobs;watch'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --timeout 'Stop following after this long (30s, 5m, 1h)'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;jobs;cancel'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;jobs;retry'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;jobs;rm'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;jobs;logs'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;jobs;pause'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;jobs;resume'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;jobs;help'= {
            cand list 'List jobs, newest first: what each is, how it stands, and why a failed one failed'
            cand show 'Show one job: what it was asked to do, how it stands, and what it made'
            cand wait 'Wait for a job to finish (your latest when no id is given); the exit code says how it ended (0 succeeded, 6 failed or cancelled, 8 timed out)'
            cand watch 'Follow a job''s events live until it finishes (your latest when no id is given; exit codes as for wait)'
            cand cancel 'Cancel a queued, paused or running job'
            cand retry 'Queue a failed or cancelled job again'
            cand rm 'Remove a finished job and its events'
            cand logs 'The daemon''s log lines written while the job ran'
            cand pause 'Hold a queued job'
            cand resume 'Release a held job'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;jobs;help;list'= {
        }
        &'cgen;jobs;help;show'= {
        }
        &'cgen;jobs;help;wait'= {
        }
        &'cgen;jobs;help;watch'= {
        }
        &'cgen;jobs;help;cancel'= {
        }
        &'cgen;jobs;help;retry'= {
        }
        &'cgen;jobs;help;rm'= {
        }
        &'cgen;jobs;help;logs'= {
        }
        &'cgen;jobs;help;pause'= {
        }
        &'cgen;jobs;help;resume'= {
        }
        &'cgen;jobs;help;help'= {
        }
        &'cgen;articles'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'Articles generated, newest first (a user key sees its own)'
            cand show 'One article: where it went, how it was made and its quality verdict'
            cand search 'Articles whose topic or title holds every one of WORDS, best match first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;articles;list'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand -n 'Show at most this many articles (1 to 1000)'
            cand --limit 'Show at most this many articles (1 to 1000)'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --utc 'Show times as UTC timestamps instead of "3 min ago"'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;articles;show'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --utc 'Show times as UTC timestamps instead of "3 min ago"'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;articles;search'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand -n 'Show at most this many articles (1 to 1000)'
            cand --limit 'Show at most this many articles (1 to 1000)'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --utc 'Show times as UTC timestamps instead of "3 min ago"'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;articles;help'= {
            cand list 'Articles generated, newest first (a user key sees its own)'
            cand show 'One article: where it went, how it was made and its quality verdict'
            cand search 'Articles whose topic or title holds every one of WORDS, best match first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;articles;help;list'= {
        }
        &'cgen;articles;help;show'= {
        }
        &'cgen;articles;help;search'= {
        }
        &'cgen;articles;help;help'= {
        }
        &'cgen;queue'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand pause 'Stop starting new jobs (running ones finish). Survives daemon restarts'
            cand resume 'Start jobs again'
            cand status 'Queue depth and running jobs by kind'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;queue;pause'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;queue;resume'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;queue;status'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;queue;help'= {
            cand pause 'Stop starting new jobs (running ones finish). Survives daemon restarts'
            cand resume 'Start jobs again'
            cand status 'Queue depth and running jobs by kind'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;queue;help;pause'= {
        }
        &'cgen;queue;help;resume'= {
        }
        &'cgen;queue;help;status'= {
        }
        &'cgen;queue;help;help'= {
        }
        &'cgen;daemon'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand start 'Start a background daemon (a no-op when one is running)'
            cand stop 'Stop the daemon gracefully: running jobs get the grace period, the rest re-queue'
            cand status 'Say whether a daemon is running; exit 7 when none is'
            cand restart 'Stop, then start'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;daemon;start'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;daemon;stop'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;daemon;status'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;daemon;restart'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;daemon;help'= {
            cand start 'Start a background daemon (a no-op when one is running)'
            cand stop 'Stop the daemon gracefully: running jobs get the grace period, the rest re-queue'
            cand status 'Say whether a daemon is running; exit 7 when none is'
            cand restart 'Stop, then start'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;daemon;help;start'= {
        }
        &'cgen;daemon;help;stop'= {
        }
        &'cgen;daemon;help;status'= {
        }
        &'cgen;daemon;help;restart'= {
        }
        &'cgen;daemon;help;help'= {
        }
        &'cgen;config'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand show 'Print the configuration: defaults, the config file, the profile and environment overrides merged, secrets redacted'
            cand validate 'Check a config file (default: the one in use) with every profile it defines; exit 1 naming each bad key, where its value came from and why'
            cand path 'Print where cgen keeps its config, data, logs and socket'
            cand reload 'Make the daemon read its config file again (like SIGHUP). An invalid file is refused and the configuration in force stays; settings that need a restart are listed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;config;show'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --effective 'Say where each setting that is not a default came from (file, profile, environment)'
            cand --running 'The configuration in force in the running daemon instead (as of its last reload)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;config;validate'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;config;path'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;config;reload'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;config;help'= {
            cand show 'Print the configuration: defaults, the config file, the profile and environment overrides merged, secrets redacted'
            cand validate 'Check a config file (default: the one in use) with every profile it defines; exit 1 naming each bad key, where its value came from and why'
            cand path 'Print where cgen keeps its config, data, logs and socket'
            cand reload 'Make the daemon read its config file again (like SIGHUP). An invalid file is refused and the configuration in force stays; settings that need a restart are listed'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;config;help;show'= {
        }
        &'cgen;config;help;validate'= {
        }
        &'cgen;config;help;path'= {
        }
        &'cgen;config;help;reload'= {
        }
        &'cgen;config;help;help'= {
        }
        &'cgen;status'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;ping'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;health'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;metrics'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;admin'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand backup 'An online, verified copy of the database (jobs keep running)'
            cand restore 'Replace the database with a backup. The daemon must be stopped; the current database is kept beside it as cgen.db.before-restore-TIMESTAMP'
            cand purge 'Remove finished jobs (and their events) older than the retention period'
            cand vacuum 'Return free pages to the file system'
            cand audit 'The audit log: key and session changes, admin calls, failed authentications, the bootstrap. Newest first'
            cand flags 'The feature flags of [features]: value in force, default, whether a reload changes it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;admin;backup'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --to 'Where to write the copy; a timestamped file in the state dir''s backups/ otherwise'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;admin;restore'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;admin;purge'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --older-than 'Age instead of the configured retention (7d, 12h)'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --dry-run 'Count what would be removed; remove nothing'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;admin;vacuum'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;admin;audit'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --since 'Only entries newer than this age (1h, 7d) or time (2026-11-26T12:00:00Z)'
            cand --key 'Only entries of this key id'
            cand -n 'n'
            cand --limit 'limit'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;admin;flags'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;admin;help'= {
            cand backup 'An online, verified copy of the database (jobs keep running)'
            cand restore 'Replace the database with a backup. The daemon must be stopped; the current database is kept beside it as cgen.db.before-restore-TIMESTAMP'
            cand purge 'Remove finished jobs (and their events) older than the retention period'
            cand vacuum 'Return free pages to the file system'
            cand audit 'The audit log: key and session changes, admin calls, failed authentications, the bootstrap. Newest first'
            cand flags 'The feature flags of [features]: value in force, default, whether a reload changes it'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;admin;help;backup'= {
        }
        &'cgen;admin;help;restore'= {
        }
        &'cgen;admin;help;purge'= {
        }
        &'cgen;admin;help;vacuum'= {
        }
        &'cgen;admin;help;audit'= {
        }
        &'cgen;admin;help;flags'= {
        }
        &'cgen;admin;help;help'= {
        }
        &'cgen;keys'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand create 'Make an API key; its secret is printed once'
            cand list 'Every key, with its role and state (never the secrets)'
            cand revoke 'Stop a key, and every session made with it, at once'
            cand rotate 'Give a key a new secret (printed once); the old one works for the grace period'
            cand budget 'A key''s daily model budget and what its jobs spent today (UTC); with a flag, set it (admin). A job that would pass it fails with budget_exceeded'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;keys;create'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --role 'role'
            cand --expires 'The key stops working after this long (30d, 12h); never by default'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;keys;list'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;keys;revoke'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;keys;rotate'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --grace 'How long the old secret keeps working (0s ends it at once)'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;keys;budget'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --daily-tokens 'Model tokens (input and output) the key''s jobs may use per day'
            cand --daily-cost 'What the key''s jobs may spend per day, in the providers'' price unit'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --unlimited 'No daily limit for this key, whatever [budgets] says'
            cand --follow-config 'Drop the key''s own limits: the [budgets] defaults of the config apply'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;keys;help'= {
            cand create 'Make an API key; its secret is printed once'
            cand list 'Every key, with its role and state (never the secrets)'
            cand revoke 'Stop a key, and every session made with it, at once'
            cand rotate 'Give a key a new secret (printed once); the old one works for the grace period'
            cand budget 'A key''s daily model budget and what its jobs spent today (UTC); with a flag, set it (admin). A job that would pass it fails with budget_exceeded'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;keys;help;create'= {
        }
        &'cgen;keys;help;list'= {
        }
        &'cgen;keys;help;revoke'= {
        }
        &'cgen;keys;help;rotate'= {
        }
        &'cgen;keys;help;budget'= {
        }
        &'cgen;keys;help;help'= {
        }
        &'cgen;login'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --stdin 'Read the key from stdin without a prompt (or give --key-file FILE)'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;logout'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --session 'Forget only the session token, keeping the key'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;whoami'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;sessions'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand create 'A short-lived token for a script or CI run, never more powerful than this key'
            cand list 'Sessions of this key (an admin sees every key''s)'
            cand revoke 'End a session at once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;sessions;create'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --ttl 'Lifetime (15m, 1h, 7d); the daemon''s auth.session_ttl by default'
            cand --role 'A lesser role than this key''s'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand --save 'Keep the token for this daemon: later commands present it instead of the key'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;sessions;list'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;sessions;revoke'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;sessions;help'= {
            cand create 'A short-lived token for a script or CI run, never more powerful than this key'
            cand list 'Sessions of this key (an admin sees every key''s)'
            cand revoke 'End a session at once'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;sessions;help;create'= {
        }
        &'cgen;sessions;help;list'= {
        }
        &'cgen;sessions;help;revoke'= {
        }
        &'cgen;sessions;help;help'= {
        }
        &'cgen;providers'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand list 'Every configured provider: kind, model, embedding model, breaker, secret'
            cand show 'One provider in full, with its model aliases'
            cand status 'Breaker state, recent errors, latency and tokens today, per provider'
            cand test 'One real round trip ("Say OK") through the resilient client; exits 9 when the provider fails or refuses (7 means the daemon could not be reached)'
            cand key 'Keep or remove a provider''s secret in the OS keyring'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;providers;list'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;providers;show'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;providers;status'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;providers;test'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --model 'A model alias (fast, smart) or id; the provider''s default otherwise'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;providers;key'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
            cand set 'Read the secret from stdin and keep it in the OS keyring for this daemon'
            cand rm 'Remove the secret from the OS keyring'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;providers;key;set'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;providers;key;rm'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;providers;key;help'= {
            cand set 'Read the secret from stdin and keep it in the OS keyring for this daemon'
            cand rm 'Remove the secret from the OS keyring'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;providers;key;help;set'= {
        }
        &'cgen;providers;key;help;rm'= {
        }
        &'cgen;providers;key;help;help'= {
        }
        &'cgen;providers;help'= {
            cand list 'Every configured provider: kind, model, embedding model, breaker, secret'
            cand show 'One provider in full, with its model aliases'
            cand status 'Breaker state, recent errors, latency and tokens today, per provider'
            cand test 'One real round trip ("Say OK") through the resilient client; exits 9 when the provider fails or refuses (7 means the daemon could not be reached)'
            cand key 'Keep or remove a provider''s secret in the OS keyring'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;providers;help;list'= {
        }
        &'cgen;providers;help;show'= {
        }
        &'cgen;providers;help;status'= {
        }
        &'cgen;providers;help;test'= {
        }
        &'cgen;providers;help;key'= {
            cand set 'Read the secret from stdin and keep it in the OS keyring for this daemon'
            cand rm 'Remove the secret from the OS keyring'
        }
        &'cgen;providers;help;key;set'= {
        }
        &'cgen;providers;help;key;rm'= {
        }
        &'cgen;providers;help;help'= {
        }
        &'cgen;completions'= {
            cand --config 'Config file (default: config.toml in the config dir)'
            cand --key-file 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)'
            cand --profile 'Apply the config file''s [profiles.NAME] tables over its base sections'
            cand --call-timeout 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it'
            cand --json 'Print one JSON document (NDJSON for streams) instead of text'
            cand -q 'Print only ids'
            cand --quiet 'Print only ids'
            cand --no-autostart 'Do not start the daemon when none answers'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'cgen;help'= {
            cand generate 'Write an article on a topic from the knowledge base (waits and prints the path)'
            cand batch 'Generate many articles: one parent job with a child per topic'
            cand topics 'Topics the knowledge base covers, best covered first'
            cand workflows 'List and show workflows'
            cand agents 'List, show and run the stages workflows are made of'
            cand templates 'List, show, add, remove and render article templates'
            cand quality 'The quality report of a Markdown file; exit 0 when it passes, 1 when it does not'
            cand ingest 'Add files, folders, globs or URLs to the knowledge base (an ingest job)'
            cand search 'Search the knowledge base'
            cand docs 'List, show and remove ingested documents'
            cand collections 'List and remove collections'
            cand jobs 'Inspect and steer jobs'
            cand articles 'The history of generated articles: list, show, search'
            cand queue 'Pause, resume or inspect the whole queue'
            cand daemon 'Run the daemon in the foreground, or manage a background one'
            cand config 'Show, validate, locate or reload the configuration'
            cand status 'Daemon version and uptime, queue depth, running jobs, store size'
            cand ping 'Liveness: exit 0 when the daemon answers (never starts one)'
            cand health 'Readiness: exit 0 only when the store, the queue and the disk are healthy'
            cand metrics 'The Prometheus text exposition of every metric'
            cand admin 'Backups, restores, retention, the audit log and feature flags'
            cand keys 'Make, list, revoke and rotate API keys (admin)'
            cand login 'Check an API key or session token and keep it for this daemon (the OS keyring)'
            cand logout 'Forget the key and session kept for this daemon; the session is revoked there too'
            cand whoami 'Who this daemon takes you for: key, role, session, and where the credential came from'
            cand sessions 'Short-lived tokens for scripts and CI runs'
            cand providers 'Model providers: list, state, a test call, and their secrets'
            cand completions 'Print the completion script of a shell to stdout'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'cgen;help;generate'= {
        }
        &'cgen;help;batch'= {
        }
        &'cgen;help;topics'= {
        }
        &'cgen;help;workflows'= {
            cand list 'List workflows (built-in and your own)'
            cand show 'Show a workflow''s stages and parameters'
        }
        &'cgen;help;workflows;list'= {
        }
        &'cgen;help;workflows;show'= {
        }
        &'cgen;help;agents'= {
            cand list 'List the stages ("agents") workflows are made of'
            cand show 'Show what a stage reads and writes'
            cand run 'Run one stage on a generation state (JSON) and print the state after it'
        }
        &'cgen;help;agents;list'= {
        }
        &'cgen;help;agents;show'= {
        }
        &'cgen;help;agents;run'= {
        }
        &'cgen;help;templates'= {
            cand list 'List templates (built-in and your own)'
            cand show 'Print a template''s source'
            cand add 'Add (or replace) your own template from a file; its name is the file''s stem unless --name'
            cand rm 'Remove one of your templates (built-ins cannot be removed)'
            cand render 'Render a template on a sample article'
        }
        &'cgen;help;templates;list'= {
        }
        &'cgen;help;templates;show'= {
        }
        &'cgen;help;templates;add'= {
        }
        &'cgen;help;templates;rm'= {
        }
        &'cgen;help;templates;render'= {
        }
        &'cgen;help;quality'= {
        }
        &'cgen;help;ingest'= {
        }
        &'cgen;help;search'= {
        }
        &'cgen;help;docs'= {
            cand list 'List documents'
            cand show 'Show a document and its chunks'
            cand rm 'Remove a document from the knowledge base'
        }
        &'cgen;help;docs;list'= {
        }
        &'cgen;help;docs;show'= {
        }
        &'cgen;help;docs;rm'= {
        }
        &'cgen;help;collections'= {
            cand list 'List the collections this key may read, with their owner, sizes and how many chunks have an embedding vector (when kb.embeddings is configured)'
            cand rm 'Remove a collection and all its documents (its owner''s or an admin''s to remove)'
            cand share 'Let every key read a collection (admin); its owner still alone changes it'
        }
        &'cgen;help;collections;list'= {
        }
        &'cgen;help;collections;rm'= {
        }
        &'cgen;help;collections;share'= {
        }
        &'cgen;help;jobs'= {
            cand list 'List jobs, newest first: what each is, how it stands, and why a failed one failed'
            cand show 'Show one job: what it was asked to do, how it stands, and what it made'
            cand wait 'Wait for a job to finish (your latest when no id is given); the exit code says how it ended (0 succeeded, 6 failed or cancelled, 8 timed out)'
            cand watch 'Follow a job''s events live until it finishes (your latest when no id is given; exit codes as for wait)'
            cand cancel 'Cancel a queued, paused or running job'
            cand retry 'Queue a failed or cancelled job again'
            cand rm 'Remove a finished job and its events'
            cand logs 'The daemon''s log lines written while the job ran'
            cand pause 'Hold a queued job'
            cand resume 'Release a held job'
        }
        &'cgen;help;jobs;list'= {
        }
        &'cgen;help;jobs;show'= {
        }
        &'cgen;help;jobs;wait'= {
        }
        &'cgen;help;jobs;watch'= {
        }
        &'cgen;help;jobs;cancel'= {
        }
        &'cgen;help;jobs;retry'= {
        }
        &'cgen;help;jobs;rm'= {
        }
        &'cgen;help;jobs;logs'= {
        }
        &'cgen;help;jobs;pause'= {
        }
        &'cgen;help;jobs;resume'= {
        }
        &'cgen;help;articles'= {
            cand list 'Articles generated, newest first (a user key sees its own)'
            cand show 'One article: where it went, how it was made and its quality verdict'
            cand search 'Articles whose topic or title holds every one of WORDS, best match first'
        }
        &'cgen;help;articles;list'= {
        }
        &'cgen;help;articles;show'= {
        }
        &'cgen;help;articles;search'= {
        }
        &'cgen;help;queue'= {
            cand pause 'Stop starting new jobs (running ones finish). Survives daemon restarts'
            cand resume 'Start jobs again'
            cand status 'Queue depth and running jobs by kind'
        }
        &'cgen;help;queue;pause'= {
        }
        &'cgen;help;queue;resume'= {
        }
        &'cgen;help;queue;status'= {
        }
        &'cgen;help;daemon'= {
        }
        &'cgen;help;config'= {
            cand show 'Print the configuration: defaults, the config file, the profile and environment overrides merged, secrets redacted'
            cand validate 'Check a config file (default: the one in use) with every profile it defines; exit 1 naming each bad key, where its value came from and why'
            cand path 'Print where cgen keeps its config, data, logs and socket'
            cand reload 'Make the daemon read its config file again (like SIGHUP). An invalid file is refused and the configuration in force stays; settings that need a restart are listed'
        }
        &'cgen;help;config;show'= {
        }
        &'cgen;help;config;validate'= {
        }
        &'cgen;help;config;path'= {
        }
        &'cgen;help;config;reload'= {
        }
        &'cgen;help;status'= {
        }
        &'cgen;help;ping'= {
        }
        &'cgen;help;health'= {
        }
        &'cgen;help;metrics'= {
        }
        &'cgen;help;admin'= {
            cand backup 'An online, verified copy of the database (jobs keep running)'
            cand restore 'Replace the database with a backup. The daemon must be stopped; the current database is kept beside it as cgen.db.before-restore-TIMESTAMP'
            cand purge 'Remove finished jobs (and their events) older than the retention period'
            cand vacuum 'Return free pages to the file system'
            cand audit 'The audit log: key and session changes, admin calls, failed authentications, the bootstrap. Newest first'
            cand flags 'The feature flags of [features]: value in force, default, whether a reload changes it'
        }
        &'cgen;help;admin;backup'= {
        }
        &'cgen;help;admin;restore'= {
        }
        &'cgen;help;admin;purge'= {
        }
        &'cgen;help;admin;vacuum'= {
        }
        &'cgen;help;admin;audit'= {
        }
        &'cgen;help;admin;flags'= {
        }
        &'cgen;help;keys'= {
            cand create 'Make an API key; its secret is printed once'
            cand list 'Every key, with its role and state (never the secrets)'
            cand revoke 'Stop a key, and every session made with it, at once'
            cand rotate 'Give a key a new secret (printed once); the old one works for the grace period'
            cand budget 'A key''s daily model budget and what its jobs spent today (UTC); with a flag, set it (admin). A job that would pass it fails with budget_exceeded'
        }
        &'cgen;help;keys;create'= {
        }
        &'cgen;help;keys;list'= {
        }
        &'cgen;help;keys;revoke'= {
        }
        &'cgen;help;keys;rotate'= {
        }
        &'cgen;help;keys;budget'= {
        }
        &'cgen;help;login'= {
        }
        &'cgen;help;logout'= {
        }
        &'cgen;help;whoami'= {
        }
        &'cgen;help;sessions'= {
            cand create 'A short-lived token for a script or CI run, never more powerful than this key'
            cand list 'Sessions of this key (an admin sees every key''s)'
            cand revoke 'End a session at once'
        }
        &'cgen;help;sessions;create'= {
        }
        &'cgen;help;sessions;list'= {
        }
        &'cgen;help;sessions;revoke'= {
        }
        &'cgen;help;providers'= {
            cand list 'Every configured provider: kind, model, embedding model, breaker, secret'
            cand show 'One provider in full, with its model aliases'
            cand status 'Breaker state, recent errors, latency and tokens today, per provider'
            cand test 'One real round trip ("Say OK") through the resilient client; exits 9 when the provider fails or refuses (7 means the daemon could not be reached)'
            cand key 'Keep or remove a provider''s secret in the OS keyring'
        }
        &'cgen;help;providers;list'= {
        }
        &'cgen;help;providers;show'= {
        }
        &'cgen;help;providers;status'= {
        }
        &'cgen;help;providers;test'= {
        }
        &'cgen;help;providers;key'= {
            cand set 'Read the secret from stdin and keep it in the OS keyring for this daemon'
            cand rm 'Remove the secret from the OS keyring'
        }
        &'cgen;help;providers;key;set'= {
        }
        &'cgen;help;providers;key;rm'= {
        }
        &'cgen;help;completions'= {
        }
        &'cgen;help;help'= {
        }
    ]
    $completions[$command]
}
