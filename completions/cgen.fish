# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_cgen_global_optspecs
    string join \n json q/quiet no-autostart config= key-file= profile= call-timeout= h/help V/version
end

function __fish_cgen_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_cgen_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_cgen_using_subcommand
    set -l cmd (__fish_cgen_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c cgen -n "__fish_cgen_needs_command" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_needs_command" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_needs_command" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_needs_command" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_needs_command" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_needs_command" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_needs_command" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_needs_command" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_needs_command" -s V -l version -d 'Print version'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "generate" -d 'Write an article on a topic from the knowledge base (waits and prints the path)'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "batch" -d 'Generate many articles: one parent job with a child per topic'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "topics" -d 'Topics the knowledge base covers, best covered first'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "workflows" -d 'List and show workflows'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "agents" -d 'List, show and run the stages workflows are made of'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "templates" -d 'List, show, add, remove and render article templates'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "quality" -d 'The quality report of a Markdown file; exit 0 when it passes, 1 when it does not'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "ingest" -d 'Add files, folders, globs or URLs to the knowledge base (an ingest job)'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "search" -d 'Search the knowledge base'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "docs" -d 'List, show and remove ingested documents'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "collections" -d 'List and remove collections'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "jobs" -d 'Inspect and steer jobs'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "articles" -d 'The history of generated articles: list, show, search'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "queue" -d 'Pause, resume or inspect the whole queue'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "daemon" -d 'Run the daemon in the foreground, or manage a background one'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "config" -d 'Show, validate, locate or reload the configuration'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "status" -d 'Daemon version and uptime, queue depth, running jobs, store size'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "ping" -d 'Liveness: exit 0 when the daemon answers (never starts one)'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "health" -d 'Readiness: exit 0 only when the store, the queue and the disk are healthy'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "metrics" -d 'The Prometheus text exposition of every metric'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "admin" -d 'Backups, restores, retention, the audit log and feature flags'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "keys" -d 'Make, list, revoke and rotate API keys (admin)'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "login" -d 'Check an API key or session token and keep it for this daemon (the OS keyring)'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "logout" -d 'Forget the key and session kept for this daemon; the session is revoked there too'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "whoami" -d 'Who this daemon takes you for: key, role, session, and where the credential came from'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "sessions" -d 'Short-lived tokens for scripts and CI runs'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "providers" -d 'Model providers: list, state, a test call, and their secrets'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "completions" -d 'Print the completion script of a shell to stdout'
complete -c cgen -n "__fish_cgen_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l from -d 'Ingest these paths first (into the first --collection, or `default`)' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -s w -l workflow -d 'Workflow (see `cgen workflows list`)' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -s c -l collection -d 'Draw on these collections only (repeatable); all by default' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -s o -l out -d 'Output folder; `-` prints the article to standard output instead (no file; `generate` only)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l layout -d 'blog (out/SLUG/index.md) or flat (out/SLUG.md); the workflow\'s by default' -r -f -a "blog\t''
flat\t''"
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l format -r -f -a "md\t''
html\t''
json\t''"
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l tone -d 'Tone profile (TOML)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l template -d 'Body template (see `cgen templates list`); the workflow\'s by default' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l var -d 'Template variable (repeatable); `author` and `draft` also set the front matter' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l date -d 'Publication date (YYYY-MM-DD); today by default. Fix it for byte-identical reruns' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l provider -d 'Write with this provider instead of the workflow\'s chain (see `cgen providers list`)' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l model -d 'Model alias (fast, smart) or id of the provider' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l max-tokens -d 'Stop the job before its model tokens (in and out) pass N' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l max-cost -d 'Stop the job before its model cost passes X (the currency of the configured prices)' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l priority -d 'Higher runs first (-1000 to 1000)' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l idempotency-key -d 'A second submit with the same key returns the first job' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l timeout -d 'Deadline of one attempt (30s, 5m, 1h)' -r
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand generate" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l auto-topic -d 'Write about the best-covered topic that has no article yet'
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l strict -d 'Fail the job when the quality report fails'
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l force -d 'Replace an existing article; the old one is kept as FILE.prev'
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l no-cache -d 'Ask the model even when the response cache holds the answer'
complete -c cgen -n "__fish_cgen_using_subcommand generate" -l detach -d 'Print the job id and return instead of waiting'
complete -c cgen -n "__fish_cgen_using_subcommand generate" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -s w -l workflow -d 'Workflow (see `cgen workflows list`)' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -s c -l collection -d 'Draw on these collections only (repeatable); all by default' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -s o -l out -d 'Output folder; `-` prints the article to standard output instead (no file; `generate` only)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l layout -d 'blog (out/SLUG/index.md) or flat (out/SLUG.md); the workflow\'s by default' -r -f -a "blog\t''
flat\t''"
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l format -r -f -a "md\t''
html\t''
json\t''"
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l tone -d 'Tone profile (TOML)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l template -d 'Body template (see `cgen templates list`); the workflow\'s by default' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l var -d 'Template variable (repeatable); `author` and `draft` also set the front matter' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l date -d 'Publication date (YYYY-MM-DD); today by default. Fix it for byte-identical reruns' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l provider -d 'Write with this provider instead of the workflow\'s chain (see `cgen providers list`)' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l model -d 'Model alias (fast, smart) or id of the provider' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l max-tokens -d 'Stop the job before its model tokens (in and out) pass N' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l max-cost -d 'Stop the job before its model cost passes X (the currency of the configured prices)' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l priority -d 'Higher runs first (-1000 to 1000)' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l idempotency-key -d 'A second submit with the same key returns the first job' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l timeout -d 'Deadline of one attempt (30s, 5m, 1h)' -r
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand batch" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l strict -d 'Fail the job when the quality report fails'
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l force -d 'Replace an existing article; the old one is kept as FILE.prev'
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l no-cache -d 'Ask the model even when the response cache holds the answer'
complete -c cgen -n "__fish_cgen_using_subcommand batch" -l detach -d 'Print the job id and return instead of waiting'
complete -c cgen -n "__fish_cgen_using_subcommand batch" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand topics" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand topics" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand topics" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand topics" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand topics" -s c -l collection -d 'Only topics of these collections (repeatable); all by default' -r
complete -c cgen -n "__fish_cgen_using_subcommand topics" -s n -l limit -d 'Show at most this many topics' -r
complete -c cgen -n "__fish_cgen_using_subcommand topics" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand topics" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand topics" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand topics" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and not __fish_seen_subcommand_from list show help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and not __fish_seen_subcommand_from list show help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and not __fish_seen_subcommand_from list show help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and not __fish_seen_subcommand_from list show help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and not __fish_seen_subcommand_from list show help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and not __fish_seen_subcommand_from list show help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and not __fish_seen_subcommand_from list show help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and not __fish_seen_subcommand_from list show help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and not __fish_seen_subcommand_from list show help" -f -a "list" -d 'List workflows (built-in and your own)'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and not __fish_seen_subcommand_from list show help" -f -a "show" -d 'Show a workflow\'s stages and parameters'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and not __fish_seen_subcommand_from list show help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from list" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from list" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from list" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from list" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from show" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from show" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from show" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from show" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from show" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from help" -f -a "list" -d 'List workflows (built-in and your own)'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a workflow\'s stages and parameters'
complete -c cgen -n "__fish_cgen_using_subcommand workflows; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and not __fish_seen_subcommand_from list show run help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand agents; and not __fish_seen_subcommand_from list show run help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand agents; and not __fish_seen_subcommand_from list show run help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand agents; and not __fish_seen_subcommand_from list show run help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand agents; and not __fish_seen_subcommand_from list show run help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and not __fish_seen_subcommand_from list show run help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and not __fish_seen_subcommand_from list show run help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and not __fish_seen_subcommand_from list show run help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and not __fish_seen_subcommand_from list show run help" -f -a "list" -d 'List the stages ("agents") workflows are made of'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and not __fish_seen_subcommand_from list show run help" -f -a "show" -d 'Show what a stage reads and writes'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and not __fish_seen_subcommand_from list show run help" -f -a "run" -d 'Run one stage on a generation state (JSON) and print the state after it'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and not __fish_seen_subcommand_from list show run help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from list" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from list" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from list" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from list" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from show" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from show" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from show" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from show" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from show" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from run" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from run" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from run" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from run" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from run" -l input -d 'The input state as JSON; `-` for stdin' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from run" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from run" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from run" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from run" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the stages ("agents") workflows are made of'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show what a stage reads and writes'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from help" -f -a "run" -d 'Run one stage on a generation state (JSON) and print the state after it'
complete -c cgen -n "__fish_cgen_using_subcommand agents; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -f -a "list" -d 'List templates (built-in and your own)'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -f -a "show" -d 'Print a template\'s source'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -f -a "add" -d 'Add (or replace) your own template from a file; its name is the file\'s stem unless --name'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -f -a "rm" -d 'Remove one of your templates (built-ins cannot be removed)'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -f -a "render" -d 'Render a template on a sample article'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and not __fish_seen_subcommand_from list show add rm render help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from list" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from list" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from list" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from list" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from show" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from show" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from show" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from show" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from show" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from add" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from add" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from add" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from add" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from add" -l name -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from add" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from add" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from add" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from add" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from rm" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from rm" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from rm" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from rm" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from rm" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from rm" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from render" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from render" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from render" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from render" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from render" -l var -r
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from render" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from render" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from render" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from render" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from help" -f -a "list" -d 'List templates (built-in and your own)'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print a template\'s source'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from help" -f -a "add" -d 'Add (or replace) your own template from a file; its name is the file\'s stem unless --name'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove one of your templates (built-ins cannot be removed)'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from help" -f -a "render" -d 'Render a template on a sample article'
complete -c cgen -n "__fish_cgen_using_subcommand templates; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand quality" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand quality" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand quality" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand quality" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand quality" -l tone -d 'Check against this tone profile (TOML) instead of the default' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand quality" -l workflow -d 'Check the parts this workflow promises (code for a tutorial, word targets). Default: the workflow in the manifest beside FILE, if there is one' -r
complete -c cgen -n "__fish_cgen_using_subcommand quality" -l topic -d 'What the article is about, for the off-topic check. Default: the manifest\'s topic, else the front matter title' -r
complete -c cgen -n "__fish_cgen_using_subcommand quality" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand quality" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand quality" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand quality" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -s c -l collection -r
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l base-url -d 'Public address of the ingested folders (http or https): citations link to it joined with each file\'s relative path, unless a page names its canonical URL' -r
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l include -d 'Ingest files matching GLOB even where the default rules skip them (site assets, search indexes, print copies, redirect stubs, navigation pages). Repeatable' -r
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l exclude -d 'Never ingest files matching GLOB (relative to the folder; without `/`, any file name). Repeatable; wins over --include' -r
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l priority -d 'Higher runs first (-1000 to 1000)' -r
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l idempotency-key -d 'A second submit with the same key returns the first job' -r
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l timeout -d 'Deadline of one attempt (30s, 5m, 1h)' -r
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l prune -d 'Remove documents under these folders whose files are gone'
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l explain -d 'Wait for the job, then list every source it skipped and why (implies --wait)'
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -l wait -d 'Wait for the job and exit with its outcome'
complete -c cgen -n "__fish_cgen_using_subcommand ingest" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand search" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand search" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand search" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand search" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand search" -s c -l collection -r
complete -c cgen -n "__fish_cgen_using_subcommand search" -s n -l limit -r
complete -c cgen -n "__fish_cgen_using_subcommand search" -l mode -d 'Ranking: bm25 (full text), hybrid (full text and embedding vectors fused), or auto (hybrid when kb.embeddings is configured and the collections searched have vectors). The output says which ranking was used, and why BM25 when hybrid was not possible' -r -f -a "auto\t''
bm25\t''
hybrid\t''"
complete -c cgen -n "__fish_cgen_using_subcommand search" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand search" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand search" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand search" -l syntax -d 'Interpret the query as FTS5 syntax (AND, OR, NOT, "phrases", prefix*)'
complete -c cgen -n "__fish_cgen_using_subcommand search" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and not __fish_seen_subcommand_from list show rm help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand docs; and not __fish_seen_subcommand_from list show rm help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand docs; and not __fish_seen_subcommand_from list show rm help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand docs; and not __fish_seen_subcommand_from list show rm help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand docs; and not __fish_seen_subcommand_from list show rm help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and not __fish_seen_subcommand_from list show rm help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and not __fish_seen_subcommand_from list show rm help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and not __fish_seen_subcommand_from list show rm help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and not __fish_seen_subcommand_from list show rm help" -f -a "list" -d 'List documents'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and not __fish_seen_subcommand_from list show rm help" -f -a "show" -d 'Show a document and its chunks'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and not __fish_seen_subcommand_from list show rm help" -f -a "rm" -d 'Remove a document from the knowledge base'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and not __fish_seen_subcommand_from list show rm help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from list" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from list" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from list" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from list" -s c -l collection -r
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from list" -l limit -r
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from list" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from show" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from show" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from show" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from show" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from show" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from rm" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from rm" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from rm" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from rm" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from rm" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from rm" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "list" -d 'List documents'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show a document and its chunks'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove a document from the knowledge base'
complete -c cgen -n "__fish_cgen_using_subcommand docs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and not __fish_seen_subcommand_from list rm share help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand collections; and not __fish_seen_subcommand_from list rm share help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand collections; and not __fish_seen_subcommand_from list rm share help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand collections; and not __fish_seen_subcommand_from list rm share help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand collections; and not __fish_seen_subcommand_from list rm share help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and not __fish_seen_subcommand_from list rm share help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and not __fish_seen_subcommand_from list rm share help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and not __fish_seen_subcommand_from list rm share help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and not __fish_seen_subcommand_from list rm share help" -f -a "list" -d 'List the collections this key may read, with their owner, sizes and how many chunks have an embedding vector (when kb.embeddings is configured)'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and not __fish_seen_subcommand_from list rm share help" -f -a "rm" -d 'Remove a collection and all its documents (its owner\'s or an admin\'s to remove)'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and not __fish_seen_subcommand_from list rm share help" -f -a "share" -d 'Let every key read a collection (admin); its owner still alone changes it'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and not __fish_seen_subcommand_from list rm share help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from list" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from list" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from list" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from list" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from rm" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from rm" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from rm" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from rm" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from rm" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from rm" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from share" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from share" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from share" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from share" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from share" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from share" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from share" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from share" -l off -d 'Stop sharing: only its owner (and admin and viewer keys) read it again'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from share" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the collections this key may read, with their owner, sizes and how many chunks have an embedding vector (when kb.embeddings is configured)'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove a collection and all its documents (its owner\'s or an admin\'s to remove)'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from help" -f -a "share" -d 'Let every key read a collection (admin); its owner still alone changes it'
complete -c cgen -n "__fish_cgen_using_subcommand collections; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -f -a "list" -d 'List jobs, newest first: what each is, how it stands, and why a failed one failed'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -f -a "show" -d 'Show one job: what it was asked to do, how it stands, and what it made'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -f -a "wait" -d 'Wait for a job to finish (your latest when no id is given); the exit code says how it ended (0 succeeded, 6 failed or cancelled, 8 timed out)'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -f -a "watch" -d 'Follow a job\'s events live until it finishes (your latest when no id is given; exit codes as for wait)'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -f -a "cancel" -d 'Cancel a queued, paused or running job'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -f -a "retry" -d 'Queue a failed or cancelled job again'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -f -a "rm" -d 'Remove a finished job and its events'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -f -a "logs" -d 'The daemon\'s log lines written while the job ran'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -f -a "pause" -d 'Hold a queued job'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -f -a "resume" -d 'Release a held job'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and not __fish_seen_subcommand_from list show wait watch cancel retry rm logs pause resume help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from list" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from list" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from list" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from list" -l state -d 'Only jobs in this state (queued, running, paused, succeeded, failed, cancelled)' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from list" -l kind -d 'Only jobs of this kind (ingest, generate, batch)' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from list" -s n -l limit -d 'Show at most this many jobs (1 to 1000)' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from list" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from list" -l utc -d 'Show times as UTC timestamps instead of "3 min ago"'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from show" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from show" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from show" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from show" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from show" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from show" -l utc -d 'Show times as UTC timestamps instead of "3 min ago"'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from wait" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from wait" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from wait" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from wait" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from wait" -l timeout -d 'Give up after this long (30s, 5m, 1h)' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from wait" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from wait" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from wait" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from wait" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from watch" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from watch" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from watch" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from watch" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from watch" -l timeout -d 'Stop following after this long (30s, 5m, 1h)' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from watch" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from watch" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from watch" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from watch" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from cancel" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from cancel" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from cancel" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from cancel" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from cancel" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from cancel" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from retry" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from retry" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from retry" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from retry" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from retry" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from retry" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from retry" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from retry" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from rm" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from rm" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from rm" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from rm" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from rm" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from rm" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from rm" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from logs" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from logs" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from logs" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from logs" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from logs" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from logs" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from logs" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from logs" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from pause" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from pause" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from pause" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from pause" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from pause" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from pause" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from pause" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from resume" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from resume" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from resume" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from resume" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from resume" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from resume" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from resume" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from resume" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "list" -d 'List jobs, newest first: what each is, how it stands, and why a failed one failed'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one job: what it was asked to do, how it stands, and what it made'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "wait" -d 'Wait for a job to finish (your latest when no id is given); the exit code says how it ended (0 succeeded, 6 failed or cancelled, 8 timed out)'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "watch" -d 'Follow a job\'s events live until it finishes (your latest when no id is given; exit codes as for wait)'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel a queued, paused or running job'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "retry" -d 'Queue a failed or cancelled job again'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "rm" -d 'Remove a finished job and its events'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "logs" -d 'The daemon\'s log lines written while the job ran'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Hold a queued job'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "resume" -d 'Release a held job'
complete -c cgen -n "__fish_cgen_using_subcommand jobs; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and not __fish_seen_subcommand_from list show search help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand articles; and not __fish_seen_subcommand_from list show search help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand articles; and not __fish_seen_subcommand_from list show search help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand articles; and not __fish_seen_subcommand_from list show search help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand articles; and not __fish_seen_subcommand_from list show search help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and not __fish_seen_subcommand_from list show search help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and not __fish_seen_subcommand_from list show search help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and not __fish_seen_subcommand_from list show search help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and not __fish_seen_subcommand_from list show search help" -f -a "list" -d 'Articles generated, newest first (a user key sees its own)'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and not __fish_seen_subcommand_from list show search help" -f -a "show" -d 'One article: where it went, how it was made and its quality verdict'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and not __fish_seen_subcommand_from list show search help" -f -a "search" -d 'Articles whose topic or title holds every one of WORDS, best match first'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and not __fish_seen_subcommand_from list show search help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from list" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from list" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from list" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from list" -s n -l limit -d 'Show at most this many articles (1 to 1000)' -r
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from list" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from list" -l utc -d 'Show times as UTC timestamps instead of "3 min ago"'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from show" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from show" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from show" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from show" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from show" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from show" -l utc -d 'Show times as UTC timestamps instead of "3 min ago"'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from search" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from search" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from search" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from search" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from search" -s n -l limit -d 'Show at most this many articles (1 to 1000)' -r
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from search" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from search" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from search" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from search" -l utc -d 'Show times as UTC timestamps instead of "3 min ago"'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from search" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from help" -f -a "list" -d 'Articles generated, newest first (a user key sees its own)'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from help" -f -a "show" -d 'One article: where it went, how it was made and its quality verdict'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from help" -f -a "search" -d 'Articles whose topic or title holds every one of WORDS, best match first'
complete -c cgen -n "__fish_cgen_using_subcommand articles; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and not __fish_seen_subcommand_from pause resume status help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand queue; and not __fish_seen_subcommand_from pause resume status help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand queue; and not __fish_seen_subcommand_from pause resume status help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand queue; and not __fish_seen_subcommand_from pause resume status help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand queue; and not __fish_seen_subcommand_from pause resume status help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and not __fish_seen_subcommand_from pause resume status help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and not __fish_seen_subcommand_from pause resume status help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and not __fish_seen_subcommand_from pause resume status help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and not __fish_seen_subcommand_from pause resume status help" -f -a "pause" -d 'Stop starting new jobs (running ones finish). Survives daemon restarts'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and not __fish_seen_subcommand_from pause resume status help" -f -a "resume" -d 'Start jobs again'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and not __fish_seen_subcommand_from pause resume status help" -f -a "status" -d 'Queue depth and running jobs by kind'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and not __fish_seen_subcommand_from pause resume status help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from pause" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from pause" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from pause" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from pause" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from pause" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from pause" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from pause" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from pause" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from resume" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from resume" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from resume" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from resume" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from resume" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from resume" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from resume" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from resume" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from status" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from status" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from status" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from status" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from status" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "pause" -d 'Stop starting new jobs (running ones finish). Survives daemon restarts'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "resume" -d 'Start jobs again'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "status" -d 'Queue depth and running jobs by kind'
complete -c cgen -n "__fish_cgen_using_subcommand queue; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart help" -f -a "start" -d 'Start a background daemon (a no-op when one is running)'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart help" -f -a "stop" -d 'Stop the daemon gracefully: running jobs get the grace period, the rest re-queue'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart help" -f -a "status" -d 'Say whether a daemon is running; exit 7 when none is'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart help" -f -a "restart" -d 'Stop, then start'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and not __fish_seen_subcommand_from start stop status restart help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from start" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from start" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from start" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from start" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from start" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from start" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from stop" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from stop" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from status" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from status" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from status" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from status" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from status" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from restart" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from restart" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from restart" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start a background daemon (a no-op when one is running)'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop the daemon gracefully: running jobs get the grace period, the rest re-queue'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "status" -d 'Say whether a daemon is running; exit 7 when none is'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "restart" -d 'Stop, then start'
complete -c cgen -n "__fish_cgen_using_subcommand daemon; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand config; and not __fish_seen_subcommand_from show validate path reload help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand config; and not __fish_seen_subcommand_from show validate path reload help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand config; and not __fish_seen_subcommand_from show validate path reload help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand config; and not __fish_seen_subcommand_from show validate path reload help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand config; and not __fish_seen_subcommand_from show validate path reload help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand config; and not __fish_seen_subcommand_from show validate path reload help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand config; and not __fish_seen_subcommand_from show validate path reload help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand config; and not __fish_seen_subcommand_from show validate path reload help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand config; and not __fish_seen_subcommand_from show validate path reload help" -f -a "show" -d 'Print the configuration: defaults, the config file, the profile and environment overrides merged, secrets redacted'
complete -c cgen -n "__fish_cgen_using_subcommand config; and not __fish_seen_subcommand_from show validate path reload help" -f -a "validate" -d 'Check a config file (default: the one in use) with every profile it defines; exit 1 naming each bad key, where its value came from and why'
complete -c cgen -n "__fish_cgen_using_subcommand config; and not __fish_seen_subcommand_from show validate path reload help" -f -a "path" -d 'Print where cgen keeps its config, data, logs and socket'
complete -c cgen -n "__fish_cgen_using_subcommand config; and not __fish_seen_subcommand_from show validate path reload help" -f -a "reload" -d 'Make the daemon read its config file again (like SIGHUP). An invalid file is refused and the configuration in force stays; settings that need a restart are listed'
complete -c cgen -n "__fish_cgen_using_subcommand config; and not __fish_seen_subcommand_from show validate path reload help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from show" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from show" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from show" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from show" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from show" -l effective -d 'Say where each setting that is not a default came from (file, profile, environment)'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from show" -l running -d 'The configuration in force in the running daemon instead (as of its last reload)'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from validate" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from validate" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from validate" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from validate" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from validate" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from validate" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from validate" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from validate" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from path" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from path" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from path" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from path" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from path" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from path" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from reload" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from reload" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from reload" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from reload" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from reload" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from reload" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from reload" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from reload" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print the configuration: defaults, the config file, the profile and environment overrides merged, secrets redacted'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "validate" -d 'Check a config file (default: the one in use) with every profile it defines; exit 1 naming each bad key, where its value came from and why'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print where cgen keeps its config, data, logs and socket'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "reload" -d 'Make the daemon read its config file again (like SIGHUP). An invalid file is refused and the configuration in force stays; settings that need a restart are listed'
complete -c cgen -n "__fish_cgen_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand status" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand status" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand status" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand status" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand status" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand status" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand status" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand status" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand ping" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand ping" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand ping" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand ping" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand ping" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand ping" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand ping" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand ping" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand health" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand health" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand health" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand health" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand health" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand health" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand health" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand health" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand metrics" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand metrics" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand metrics" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand metrics" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand metrics" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand metrics" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand metrics" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand metrics" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -f -a "backup" -d 'An online, verified copy of the database (jobs keep running)'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -f -a "restore" -d 'Replace the database with a backup. The daemon must be stopped; the current database is kept beside it as cgen.db.before-restore-TIMESTAMP'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -f -a "purge" -d 'Remove finished jobs (and their events) older than the retention period'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -f -a "vacuum" -d 'Return free pages to the file system'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -f -a "audit" -d 'The audit log: key and session changes, admin calls, failed authentications, the bootstrap. Newest first'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -f -a "flags" -d 'The feature flags of [features]: value in force, default, whether a reload changes it'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and not __fish_seen_subcommand_from backup restore purge vacuum audit flags help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from backup" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from backup" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from backup" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from backup" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from backup" -l to -d 'Where to write the copy; a timestamped file in the state dir\'s backups/ otherwise' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from backup" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from backup" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from backup" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from restore" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from restore" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from restore" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from restore" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from restore" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from restore" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from restore" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from restore" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from purge" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from purge" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from purge" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from purge" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from purge" -l older-than -d 'Age instead of the configured retention (7d, 12h)' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from purge" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from purge" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from purge" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from purge" -l dry-run -d 'Count what would be removed; remove nothing'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from purge" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from vacuum" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from vacuum" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from vacuum" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from vacuum" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from vacuum" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from vacuum" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from vacuum" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from vacuum" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from audit" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from audit" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from audit" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from audit" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from audit" -l since -d 'Only entries newer than this age (1h, 7d) or time (2026-11-26T12:00:00Z)' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from audit" -l key -d 'Only entries of this key id' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from audit" -s n -l limit -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from audit" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from audit" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from audit" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from audit" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from flags" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from flags" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from flags" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from flags" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from flags" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from flags" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from flags" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from flags" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "backup" -d 'An online, verified copy of the database (jobs keep running)'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "restore" -d 'Replace the database with a backup. The daemon must be stopped; the current database is kept beside it as cgen.db.before-restore-TIMESTAMP'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "purge" -d 'Remove finished jobs (and their events) older than the retention period'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "vacuum" -d 'Return free pages to the file system'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "audit" -d 'The audit log: key and session changes, admin calls, failed authentications, the bootstrap. Newest first'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "flags" -d 'The feature flags of [features]: value in force, default, whether a reload changes it'
complete -c cgen -n "__fish_cgen_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -f -a "create" -d 'Make an API key; its secret is printed once'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -f -a "list" -d 'Every key, with its role and state (never the secrets)'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -f -a "revoke" -d 'Stop a key, and every session made with it, at once'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -f -a "rotate" -d 'Give a key a new secret (printed once); the old one works for the grace period'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -f -a "budget" -d 'A key\'s daily model budget and what its jobs spent today (UTC); with a flag, set it (admin). A job that would pass it fails with budget_exceeded'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and not __fish_seen_subcommand_from create list revoke rotate budget help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from create" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from create" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from create" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from create" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from create" -l role -r -f -a "admin\t''
user\t''
viewer\t''"
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from create" -l expires -d 'The key stops working after this long (30d, 12h); never by default' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from create" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from list" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from list" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from list" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from list" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from revoke" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from revoke" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from revoke" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from revoke" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from revoke" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from revoke" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l grace -d 'How long the old secret keeps working (0s ends it at once)' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from rotate" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from rotate" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from rotate" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from budget" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from budget" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from budget" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from budget" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from budget" -l daily-tokens -d 'Model tokens (input and output) the key\'s jobs may use per day' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from budget" -l daily-cost -d 'What the key\'s jobs may spend per day, in the providers\' price unit' -r
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from budget" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from budget" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from budget" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from budget" -l unlimited -d 'No daily limit for this key, whatever [budgets] says'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from budget" -l follow-config -d 'Drop the key\'s own limits: the [budgets] defaults of the config apply'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from budget" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "create" -d 'Make an API key; its secret is printed once'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every key, with its role and state (never the secrets)'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Stop a key, and every session made with it, at once'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "rotate" -d 'Give a key a new secret (printed once); the old one works for the grace period'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "budget" -d 'A key\'s daily model budget and what its jobs spent today (UTC); with a flag, set it (admin). A job that would pass it fails with budget_exceeded'
complete -c cgen -n "__fish_cgen_using_subcommand keys; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand login" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand login" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand login" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand login" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand login" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand login" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand login" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand login" -l stdin -d 'Read the key from stdin without a prompt (or give --key-file FILE)'
complete -c cgen -n "__fish_cgen_using_subcommand login" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand logout" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand logout" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand logout" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand logout" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand logout" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand logout" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand logout" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand logout" -l session -d 'Forget only the session token, keeping the key'
complete -c cgen -n "__fish_cgen_using_subcommand logout" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand whoami" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand whoami" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand whoami" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand whoami" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand whoami" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand whoami" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand whoami" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand whoami" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and not __fish_seen_subcommand_from create list revoke help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and not __fish_seen_subcommand_from create list revoke help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and not __fish_seen_subcommand_from create list revoke help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and not __fish_seen_subcommand_from create list revoke help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and not __fish_seen_subcommand_from create list revoke help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and not __fish_seen_subcommand_from create list revoke help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and not __fish_seen_subcommand_from create list revoke help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and not __fish_seen_subcommand_from create list revoke help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and not __fish_seen_subcommand_from create list revoke help" -f -a "create" -d 'A short-lived token for a script or CI run, never more powerful than this key'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and not __fish_seen_subcommand_from create list revoke help" -f -a "list" -d 'Sessions of this key (an admin sees every key\'s)'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and not __fish_seen_subcommand_from create list revoke help" -f -a "revoke" -d 'End a session at once'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and not __fish_seen_subcommand_from create list revoke help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from create" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from create" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from create" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from create" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from create" -l ttl -d 'Lifetime (15m, 1h, 7d); the daemon\'s auth.session_ttl by default' -r
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from create" -l role -d 'A lesser role than this key\'s' -r -f -a "admin\t''
user\t''
viewer\t''"
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from create" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from create" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from create" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from create" -l save -d 'Keep the token for this daemon: later commands present it instead of the key'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from list" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from list" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from list" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from list" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "create" -d 'A short-lived token for a script or CI run, never more powerful than this key'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "list" -d 'Sessions of this key (an admin sees every key\'s)'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'End a session at once'
complete -c cgen -n "__fish_cgen_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -f -a "list" -d 'Every configured provider: kind, model, embedding model, breaker, secret'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -f -a "show" -d 'One provider in full, with its model aliases'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -f -a "status" -d 'Breaker state, recent errors, latency and tokens today, per provider'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -f -a "test" -d 'One real round trip ("Say OK") through the resilient client; exits 9 when the provider fails or refuses (7 means the daemon could not be reached)'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -f -a "key" -d 'Keep or remove a provider\'s secret in the OS keyring'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and not __fish_seen_subcommand_from list show status test key help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from list" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from list" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from list" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from list" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from list" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from show" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from show" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from show" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from show" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from show" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from show" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from status" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from status" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from status" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from status" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from status" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from status" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from test" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from test" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from test" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from test" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from test" -l model -d 'A model alias (fast, smart) or id; the provider\'s default otherwise' -r
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from test" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from test" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from test" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from key" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from key" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from key" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from key" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from key" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from key" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from key" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from key" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from key" -f -a "set" -d 'Read the secret from stdin and keep it in the OS keyring for this daemon'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from key" -f -a "rm" -d 'Remove the secret from the OS keyring'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from key" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from help" -f -a "list" -d 'Every configured provider: kind, model, embedding model, breaker, secret'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from help" -f -a "show" -d 'One provider in full, with its model aliases'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from help" -f -a "status" -d 'Breaker state, recent errors, latency and tokens today, per provider'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from help" -f -a "test" -d 'One real round trip ("Say OK") through the resilient client; exits 9 when the provider fails or refuses (7 means the daemon could not be reached)'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from help" -f -a "key" -d 'Keep or remove a provider\'s secret in the OS keyring'
complete -c cgen -n "__fish_cgen_using_subcommand providers; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand completions" -l config -d 'Config file (default: config.toml in the config dir)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand completions" -l key-file -d 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)' -r -F
complete -c cgen -n "__fish_cgen_using_subcommand completions" -l profile -d 'Apply the config file\'s [profiles.NAME] tables over its base sections' -r
complete -c cgen -n "__fish_cgen_using_subcommand completions" -l call-timeout -d 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it' -r
complete -c cgen -n "__fish_cgen_using_subcommand completions" -l json -d 'Print one JSON document (NDJSON for streams) instead of text'
complete -c cgen -n "__fish_cgen_using_subcommand completions" -s q -l quiet -d 'Print only ids'
complete -c cgen -n "__fish_cgen_using_subcommand completions" -l no-autostart -d 'Do not start the daemon when none answers'
complete -c cgen -n "__fish_cgen_using_subcommand completions" -s h -l help -d 'Print help'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "generate" -d 'Write an article on a topic from the knowledge base (waits and prints the path)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "batch" -d 'Generate many articles: one parent job with a child per topic'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "topics" -d 'Topics the knowledge base covers, best covered first'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "workflows" -d 'List and show workflows'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "agents" -d 'List, show and run the stages workflows are made of'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "templates" -d 'List, show, add, remove and render article templates'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "quality" -d 'The quality report of a Markdown file; exit 0 when it passes, 1 when it does not'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "ingest" -d 'Add files, folders, globs or URLs to the knowledge base (an ingest job)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "search" -d 'Search the knowledge base'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "docs" -d 'List, show and remove ingested documents'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "collections" -d 'List and remove collections'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "jobs" -d 'Inspect and steer jobs'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "articles" -d 'The history of generated articles: list, show, search'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "queue" -d 'Pause, resume or inspect the whole queue'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "daemon" -d 'Run the daemon in the foreground, or manage a background one'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "config" -d 'Show, validate, locate or reload the configuration'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "status" -d 'Daemon version and uptime, queue depth, running jobs, store size'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "ping" -d 'Liveness: exit 0 when the daemon answers (never starts one)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "health" -d 'Readiness: exit 0 only when the store, the queue and the disk are healthy'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "metrics" -d 'The Prometheus text exposition of every metric'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "admin" -d 'Backups, restores, retention, the audit log and feature flags'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "keys" -d 'Make, list, revoke and rotate API keys (admin)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "login" -d 'Check an API key or session token and keep it for this daemon (the OS keyring)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "logout" -d 'Forget the key and session kept for this daemon; the session is revoked there too'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "whoami" -d 'Who this daemon takes you for: key, role, session, and where the credential came from'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "sessions" -d 'Short-lived tokens for scripts and CI runs'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "providers" -d 'Model providers: list, state, a test call, and their secrets'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "completions" -d 'Print the completion script of a shell to stdout'
complete -c cgen -n "__fish_cgen_using_subcommand help; and not __fish_seen_subcommand_from generate batch topics workflows agents templates quality ingest search docs collections jobs articles queue daemon config status ping health metrics admin keys login logout whoami sessions providers completions help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from workflows" -f -a "list" -d 'List workflows (built-in and your own)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from workflows" -f -a "show" -d 'Show a workflow\'s stages and parameters'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from agents" -f -a "list" -d 'List the stages ("agents") workflows are made of'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from agents" -f -a "show" -d 'Show what a stage reads and writes'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from agents" -f -a "run" -d 'Run one stage on a generation state (JSON) and print the state after it'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from templates" -f -a "list" -d 'List templates (built-in and your own)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from templates" -f -a "show" -d 'Print a template\'s source'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from templates" -f -a "add" -d 'Add (or replace) your own template from a file; its name is the file\'s stem unless --name'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from templates" -f -a "rm" -d 'Remove one of your templates (built-ins cannot be removed)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from templates" -f -a "render" -d 'Render a template on a sample article'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from docs" -f -a "list" -d 'List documents'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from docs" -f -a "show" -d 'Show a document and its chunks'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from docs" -f -a "rm" -d 'Remove a document from the knowledge base'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from collections" -f -a "list" -d 'List the collections this key may read, with their owner, sizes and how many chunks have an embedding vector (when kb.embeddings is configured)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from collections" -f -a "rm" -d 'Remove a collection and all its documents (its owner\'s or an admin\'s to remove)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from collections" -f -a "share" -d 'Let every key read a collection (admin); its owner still alone changes it'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "list" -d 'List jobs, newest first: what each is, how it stands, and why a failed one failed'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "show" -d 'Show one job: what it was asked to do, how it stands, and what it made'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "wait" -d 'Wait for a job to finish (your latest when no id is given); the exit code says how it ended (0 succeeded, 6 failed or cancelled, 8 timed out)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "watch" -d 'Follow a job\'s events live until it finishes (your latest when no id is given; exit codes as for wait)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "cancel" -d 'Cancel a queued, paused or running job'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "retry" -d 'Queue a failed or cancelled job again'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "rm" -d 'Remove a finished job and its events'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "logs" -d 'The daemon\'s log lines written while the job ran'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "pause" -d 'Hold a queued job'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from jobs" -f -a "resume" -d 'Release a held job'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from articles" -f -a "list" -d 'Articles generated, newest first (a user key sees its own)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from articles" -f -a "show" -d 'One article: where it went, how it was made and its quality verdict'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from articles" -f -a "search" -d 'Articles whose topic or title holds every one of WORDS, best match first'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "pause" -d 'Stop starting new jobs (running ones finish). Survives daemon restarts'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "resume" -d 'Start jobs again'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from queue" -f -a "status" -d 'Queue depth and running jobs by kind'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print the configuration: defaults, the config file, the profile and environment overrides merged, secrets redacted'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "validate" -d 'Check a config file (default: the one in use) with every profile it defines; exit 1 naming each bad key, where its value came from and why'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print where cgen keeps its config, data, logs and socket'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "reload" -d 'Make the daemon read its config file again (like SIGHUP). An invalid file is refused and the configuration in force stays; settings that need a restart are listed'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "backup" -d 'An online, verified copy of the database (jobs keep running)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "restore" -d 'Replace the database with a backup. The daemon must be stopped; the current database is kept beside it as cgen.db.before-restore-TIMESTAMP'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "purge" -d 'Remove finished jobs (and their events) older than the retention period'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "vacuum" -d 'Return free pages to the file system'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "audit" -d 'The audit log: key and session changes, admin calls, failed authentications, the bootstrap. Newest first'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "flags" -d 'The feature flags of [features]: value in force, default, whether a reload changes it'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "create" -d 'Make an API key; its secret is printed once'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "list" -d 'Every key, with its role and state (never the secrets)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "revoke" -d 'Stop a key, and every session made with it, at once'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "rotate" -d 'Give a key a new secret (printed once); the old one works for the grace period'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from keys" -f -a "budget" -d 'A key\'s daily model budget and what its jobs spent today (UTC); with a flag, set it (admin). A job that would pass it fails with budget_exceeded'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "create" -d 'A short-lived token for a script or CI run, never more powerful than this key'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "list" -d 'Sessions of this key (an admin sees every key\'s)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "revoke" -d 'End a session at once'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from providers" -f -a "list" -d 'Every configured provider: kind, model, embedding model, breaker, secret'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from providers" -f -a "show" -d 'One provider in full, with its model aliases'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from providers" -f -a "status" -d 'Breaker state, recent errors, latency and tokens today, per provider'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from providers" -f -a "test" -d 'One real round trip ("Say OK") through the resilient client; exits 9 when the provider fails or refuses (7 means the daemon could not be reached)'
complete -c cgen -n "__fish_cgen_using_subcommand help; and __fish_seen_subcommand_from providers" -f -a "key" -d 'Keep or remove a provider\'s secret in the OS keyring'
