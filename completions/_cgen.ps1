
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'cgen' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'cgen'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'cgen' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write an article on a topic from the knowledge base (waits and prints the path)')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Generate many articles: one parent job with a child per topic')
            [CompletionResult]::new('topics', 'topics', [CompletionResultType]::ParameterValue, 'Topics the knowledge base covers, best covered first')
            [CompletionResult]::new('workflows', 'workflows', [CompletionResultType]::ParameterValue, 'List and show workflows')
            [CompletionResult]::new('agents', 'agents', [CompletionResultType]::ParameterValue, 'List, show and run the stages workflows are made of')
            [CompletionResult]::new('templates', 'templates', [CompletionResultType]::ParameterValue, 'List, show, add, remove and render article templates')
            [CompletionResult]::new('quality', 'quality', [CompletionResultType]::ParameterValue, 'The quality report of a Markdown file; exit 0 when it passes, 1 when it does not')
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Add files, folders, globs or URLs to the knowledge base (an ingest job)')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the knowledge base')
            [CompletionResult]::new('docs', 'docs', [CompletionResultType]::ParameterValue, 'List, show and remove ingested documents')
            [CompletionResult]::new('collections', 'collections', [CompletionResultType]::ParameterValue, 'List and remove collections')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'Inspect and steer jobs')
            [CompletionResult]::new('articles', 'articles', [CompletionResultType]::ParameterValue, 'The history of generated articles: list, show, search')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'Pause, resume or inspect the whole queue')
            [CompletionResult]::new('daemon', 'daemon', [CompletionResultType]::ParameterValue, 'Run the daemon in the foreground, or manage a background one')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show, validate, locate or reload the configuration')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Daemon version and uptime, queue depth, running jobs, store size')
            [CompletionResult]::new('ping', 'ping', [CompletionResultType]::ParameterValue, 'Liveness: exit 0 when the daemon answers (never starts one)')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Readiness: exit 0 only when the store, the queue and the disk are healthy')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'The Prometheus text exposition of every metric')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'Backups, restores, retention, the audit log and feature flags')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Make, list, revoke and rotate API keys (admin)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Check an API key or session token and keep it for this daemon (the OS keyring)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the key and session kept for this daemon; the session is revoked there too')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Who this daemon takes you for: key, role, session, and where the credential came from')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'Short-lived tokens for scripts and CI runs')
            [CompletionResult]::new('providers', 'providers', [CompletionResultType]::ParameterValue, 'Model providers: list, state, a test call, and their secrets')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script of a shell to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;generate' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--from', '--from', [CompletionResultType]::ParameterName, 'Ingest these paths first (into the first --collection, or `default`)')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow (see `cgen workflows list`)')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow (see `cgen workflows list`)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Draw on these collections only (repeatable); all by default')
            [CompletionResult]::new('--collection', '--collection', [CompletionResultType]::ParameterName, 'Draw on these collections only (repeatable); all by default')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output folder; `-` prints the article to standard output instead (no file; `generate` only)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Output folder; `-` prints the article to standard output instead (no file; `generate` only)')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'blog (out/SLUG/index.md) or flat (out/SLUG.md); the workflow''s by default')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--tone', '--tone', [CompletionResultType]::ParameterName, 'Tone profile (TOML)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Body template (see `cgen templates list`); the workflow''s by default')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'Template variable (repeatable); `author` and `draft` also set the front matter')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Publication date (YYYY-MM-DD); today by default. Fix it for byte-identical reruns')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Write with this provider instead of the workflow''s chain (see `cgen providers list`)')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model alias (fast, smart) or id of the provider')
            [CompletionResult]::new('--max-tokens', '--max-tokens', [CompletionResultType]::ParameterName, 'Stop the job before its model tokens (in and out) pass N')
            [CompletionResult]::new('--max-cost', '--max-cost', [CompletionResultType]::ParameterName, 'Stop the job before its model cost passes X (the currency of the configured prices)')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Higher runs first (-1000 to 1000)')
            [CompletionResult]::new('--idempotency-key', '--idempotency-key', [CompletionResultType]::ParameterName, 'A second submit with the same key returns the first job')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline of one attempt (30s, 5m, 1h)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--auto-topic', '--auto-topic', [CompletionResultType]::ParameterName, 'Write about the best-covered topic that has no article yet')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail the job when the quality report fails')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing article; the old one is kept as FILE.prev')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Ask the model even when the response cache holds the answer')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Print the job id and return instead of waiting')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;batch' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('-w', '-w', [CompletionResultType]::ParameterName, 'Workflow (see `cgen workflows list`)')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Workflow (see `cgen workflows list`)')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Draw on these collections only (repeatable); all by default')
            [CompletionResult]::new('--collection', '--collection', [CompletionResultType]::ParameterName, 'Draw on these collections only (repeatable); all by default')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output folder; `-` prints the article to standard output instead (no file; `generate` only)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Output folder; `-` prints the article to standard output instead (no file; `generate` only)')
            [CompletionResult]::new('--layout', '--layout', [CompletionResultType]::ParameterName, 'blog (out/SLUG/index.md) or flat (out/SLUG.md); the workflow''s by default')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'format')
            [CompletionResult]::new('--tone', '--tone', [CompletionResultType]::ParameterName, 'Tone profile (TOML)')
            [CompletionResult]::new('--template', '--template', [CompletionResultType]::ParameterName, 'Body template (see `cgen templates list`); the workflow''s by default')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'Template variable (repeatable); `author` and `draft` also set the front matter')
            [CompletionResult]::new('--date', '--date', [CompletionResultType]::ParameterName, 'Publication date (YYYY-MM-DD); today by default. Fix it for byte-identical reruns')
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'Write with this provider instead of the workflow''s chain (see `cgen providers list`)')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'Model alias (fast, smart) or id of the provider')
            [CompletionResult]::new('--max-tokens', '--max-tokens', [CompletionResultType]::ParameterName, 'Stop the job before its model tokens (in and out) pass N')
            [CompletionResult]::new('--max-cost', '--max-cost', [CompletionResultType]::ParameterName, 'Stop the job before its model cost passes X (the currency of the configured prices)')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Higher runs first (-1000 to 1000)')
            [CompletionResult]::new('--idempotency-key', '--idempotency-key', [CompletionResultType]::ParameterName, 'A second submit with the same key returns the first job')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline of one attempt (30s, 5m, 1h)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--strict', '--strict', [CompletionResultType]::ParameterName, 'Fail the job when the quality report fails')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing article; the old one is kept as FILE.prev')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Ask the model even when the response cache holds the answer')
            [CompletionResult]::new('--detach', '--detach', [CompletionResultType]::ParameterName, 'Print the job id and return instead of waiting')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;topics' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Only topics of these collections (repeatable); all by default')
            [CompletionResult]::new('--collection', '--collection', [CompletionResultType]::ParameterName, 'Only topics of these collections (repeatable); all by default')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many topics')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many topics')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;workflows' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List workflows (built-in and your own)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a workflow''s stages and parameters')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;workflows;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;workflows;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;workflows;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List workflows (built-in and your own)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a workflow''s stages and parameters')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;workflows;help;list' {
            break
        }
        'cgen;workflows;help;show' {
            break
        }
        'cgen;workflows;help;help' {
            break
        }
        'cgen;agents' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the stages ("agents") workflows are made of')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show what a stage reads and writes')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run one stage on a generation state (JSON) and print the state after it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;agents;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;agents;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;agents;run' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'The input state as JSON; `-` for stdin')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;agents;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the stages ("agents") workflows are made of')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show what a stage reads and writes')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run one stage on a generation state (JSON) and print the state after it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;agents;help;list' {
            break
        }
        'cgen;agents;help;show' {
            break
        }
        'cgen;agents;help;run' {
            break
        }
        'cgen;agents;help;help' {
            break
        }
        'cgen;templates' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List templates (built-in and your own)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a template''s source')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add (or replace) your own template from a file; its name is the file''s stem unless --name')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one of your templates (built-ins cannot be removed)')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render a template on a sample article')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;templates;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;templates;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;templates;add' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'name')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;templates;rm' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;templates;render' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--var', '--var', [CompletionResultType]::ParameterName, 'var')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;templates;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List templates (built-in and your own)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a template''s source')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add (or replace) your own template from a file; its name is the file''s stem unless --name')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one of your templates (built-ins cannot be removed)')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render a template on a sample article')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;templates;help;list' {
            break
        }
        'cgen;templates;help;show' {
            break
        }
        'cgen;templates;help;add' {
            break
        }
        'cgen;templates;help;rm' {
            break
        }
        'cgen;templates;help;render' {
            break
        }
        'cgen;templates;help;help' {
            break
        }
        'cgen;quality' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--tone', '--tone', [CompletionResultType]::ParameterName, 'Check against this tone profile (TOML) instead of the default')
            [CompletionResult]::new('--workflow', '--workflow', [CompletionResultType]::ParameterName, 'Check the parts this workflow promises (code for a tutorial, word targets). Default: the workflow in the manifest beside FILE, if there is one')
            [CompletionResult]::new('--topic', '--topic', [CompletionResultType]::ParameterName, 'What the article is about, for the off-topic check. Default: the manifest''s topic, else the front matter title')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;ingest' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'c')
            [CompletionResult]::new('--collection', '--collection', [CompletionResultType]::ParameterName, 'collection')
            [CompletionResult]::new('--base-url', '--base-url', [CompletionResultType]::ParameterName, 'Public address of the ingested folders (http or https): citations link to it joined with each file''s relative path, unless a page names its canonical URL')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Ingest files matching GLOB even where the default rules skip them (site assets, search indexes, print copies, redirect stubs, navigation pages). Repeatable')
            [CompletionResult]::new('--exclude', '--exclude', [CompletionResultType]::ParameterName, 'Never ingest files matching GLOB (relative to the folder; without `/`, any file name). Repeatable; wins over --include')
            [CompletionResult]::new('--priority', '--priority', [CompletionResultType]::ParameterName, 'Higher runs first (-1000 to 1000)')
            [CompletionResult]::new('--idempotency-key', '--idempotency-key', [CompletionResultType]::ParameterName, 'A second submit with the same key returns the first job')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Deadline of one attempt (30s, 5m, 1h)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--prune', '--prune', [CompletionResultType]::ParameterName, 'Remove documents under these folders whose files are gone')
            [CompletionResult]::new('--explain', '--explain', [CompletionResultType]::ParameterName, 'Wait for the job, then list every source it skipped and why (implies --wait)')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'Wait for the job and exit with its outcome')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;search' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'c')
            [CompletionResult]::new('--collection', '--collection', [CompletionResultType]::ParameterName, 'collection')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'n')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'limit')
            [CompletionResult]::new('--mode', '--mode', [CompletionResultType]::ParameterName, 'Ranking: bm25 (full text), hybrid (full text and embedding vectors fused), or auto (hybrid when kb.embeddings is configured and the collections searched have vectors). The output says which ranking was used, and why BM25 when hybrid was not possible')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--syntax', '--syntax', [CompletionResultType]::ParameterName, 'Interpret the query as FTS5 syntax (AND, OR, NOT, "phrases", prefix*)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;docs' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List documents')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a document and its chunks')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a document from the knowledge base')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;docs;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'c')
            [CompletionResult]::new('--collection', '--collection', [CompletionResultType]::ParameterName, 'collection')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'limit')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;docs;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;docs;rm' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;docs;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List documents')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a document and its chunks')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a document from the knowledge base')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;docs;help;list' {
            break
        }
        'cgen;docs;help;show' {
            break
        }
        'cgen;docs;help;rm' {
            break
        }
        'cgen;docs;help;help' {
            break
        }
        'cgen;collections' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the collections this key may read, with their owner, sizes and how many chunks have an embedding vector (when kb.embeddings is configured)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a collection and all its documents (its owner''s or an admin''s to remove)')
            [CompletionResult]::new('share', 'share', [CompletionResultType]::ParameterValue, 'Let every key read a collection (admin); its owner still alone changes it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;collections;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;collections;rm' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;collections;share' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--off', '--off', [CompletionResultType]::ParameterName, 'Stop sharing: only its owner (and admin and viewer keys) read it again')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;collections;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the collections this key may read, with their owner, sizes and how many chunks have an embedding vector (when kb.embeddings is configured)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a collection and all its documents (its owner''s or an admin''s to remove)')
            [CompletionResult]::new('share', 'share', [CompletionResultType]::ParameterValue, 'Let every key read a collection (admin); its owner still alone changes it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;collections;help;list' {
            break
        }
        'cgen;collections;help;rm' {
            break
        }
        'cgen;collections;help;share' {
            break
        }
        'cgen;collections;help;help' {
            break
        }
        'cgen;jobs' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List jobs, newest first: what each is, how it stands, and why a failed one failed')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one job: what it was asked to do, how it stands, and what it made')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for a job to finish (your latest when no id is given); the exit code says how it ended (0 succeeded, 6 failed or cancelled, 8 timed out)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow a job''s events live until it finishes (your latest when no id is given; exit codes as for wait)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a queued, paused or running job')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Queue a failed or cancelled job again')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a finished job and its events')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'The daemon''s log lines written while the job ran')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Hold a queued job')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Release a held job')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;jobs;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--state', '--state', [CompletionResultType]::ParameterName, 'Only jobs in this state (queued, running, paused, succeeded, failed, cancelled)')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only jobs of this kind (ingest, generate, batch)')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many jobs (1 to 1000)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many jobs (1 to 1000)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times as UTC timestamps instead of "3 min ago"')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;jobs;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times as UTC timestamps instead of "3 min ago"')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;jobs;wait' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up after this long (30s, 5m, 1h)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;jobs;watch' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Stop following after this long (30s, 5m, 1h)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;jobs;cancel' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;jobs;retry' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;jobs;rm' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;jobs;logs' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;jobs;pause' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;jobs;resume' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;jobs;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List jobs, newest first: what each is, how it stands, and why a failed one failed')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one job: what it was asked to do, how it stands, and what it made')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for a job to finish (your latest when no id is given); the exit code says how it ended (0 succeeded, 6 failed or cancelled, 8 timed out)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow a job''s events live until it finishes (your latest when no id is given; exit codes as for wait)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a queued, paused or running job')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Queue a failed or cancelled job again')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a finished job and its events')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'The daemon''s log lines written while the job ran')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Hold a queued job')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Release a held job')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;jobs;help;list' {
            break
        }
        'cgen;jobs;help;show' {
            break
        }
        'cgen;jobs;help;wait' {
            break
        }
        'cgen;jobs;help;watch' {
            break
        }
        'cgen;jobs;help;cancel' {
            break
        }
        'cgen;jobs;help;retry' {
            break
        }
        'cgen;jobs;help;rm' {
            break
        }
        'cgen;jobs;help;logs' {
            break
        }
        'cgen;jobs;help;pause' {
            break
        }
        'cgen;jobs;help;resume' {
            break
        }
        'cgen;jobs;help;help' {
            break
        }
        'cgen;articles' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Articles generated, newest first (a user key sees its own)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One article: where it went, how it was made and its quality verdict')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Articles whose topic or title holds every one of WORDS, best match first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;articles;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many articles (1 to 1000)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many articles (1 to 1000)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times as UTC timestamps instead of "3 min ago"')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;articles;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times as UTC timestamps instead of "3 min ago"')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;articles;search' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'Show at most this many articles (1 to 1000)')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Show at most this many articles (1 to 1000)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--utc', '--utc', [CompletionResultType]::ParameterName, 'Show times as UTC timestamps instead of "3 min ago"')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;articles;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Articles generated, newest first (a user key sees its own)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One article: where it went, how it was made and its quality verdict')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Articles whose topic or title holds every one of WORDS, best match first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;articles;help;list' {
            break
        }
        'cgen;articles;help;show' {
            break
        }
        'cgen;articles;help;search' {
            break
        }
        'cgen;articles;help;help' {
            break
        }
        'cgen;queue' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Stop starting new jobs (running ones finish). Survives daemon restarts')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Start jobs again')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Queue depth and running jobs by kind')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;queue;pause' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;queue;resume' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;queue;status' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;queue;help' {
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Stop starting new jobs (running ones finish). Survives daemon restarts')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Start jobs again')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Queue depth and running jobs by kind')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;queue;help;pause' {
            break
        }
        'cgen;queue;help;resume' {
            break
        }
        'cgen;queue;help;status' {
            break
        }
        'cgen;queue;help;help' {
            break
        }
        'cgen;daemon' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a background daemon (a no-op when one is running)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the daemon gracefully: running jobs get the grace period, the rest re-queue')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Say whether a daemon is running; exit 7 when none is')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Stop, then start')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;daemon;start' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;daemon;stop' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;daemon;status' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;daemon;restart' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;daemon;help' {
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start a background daemon (a no-op when one is running)')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the daemon gracefully: running jobs get the grace period, the rest re-queue')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Say whether a daemon is running; exit 7 when none is')
            [CompletionResult]::new('restart', 'restart', [CompletionResultType]::ParameterValue, 'Stop, then start')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;daemon;help;start' {
            break
        }
        'cgen;daemon;help;stop' {
            break
        }
        'cgen;daemon;help;status' {
            break
        }
        'cgen;daemon;help;restart' {
            break
        }
        'cgen;daemon;help;help' {
            break
        }
        'cgen;config' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the configuration: defaults, the config file, the profile and environment overrides merged, secrets redacted')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a config file (default: the one in use) with every profile it defines; exit 1 naming each bad key, where its value came from and why')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where cgen keeps its config, data, logs and socket')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Make the daemon read its config file again (like SIGHUP). An invalid file is refused and the configuration in force stays; settings that need a restart are listed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;config;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--effective', '--effective', [CompletionResultType]::ParameterName, 'Say where each setting that is not a default came from (file, profile, environment)')
            [CompletionResult]::new('--running', '--running', [CompletionResultType]::ParameterName, 'The configuration in force in the running daemon instead (as of its last reload)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;config;validate' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;config;path' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;config;reload' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the configuration: defaults, the config file, the profile and environment overrides merged, secrets redacted')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a config file (default: the one in use) with every profile it defines; exit 1 naming each bad key, where its value came from and why')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where cgen keeps its config, data, logs and socket')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Make the daemon read its config file again (like SIGHUP). An invalid file is refused and the configuration in force stays; settings that need a restart are listed')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;config;help;show' {
            break
        }
        'cgen;config;help;validate' {
            break
        }
        'cgen;config;help;path' {
            break
        }
        'cgen;config;help;reload' {
            break
        }
        'cgen;config;help;help' {
            break
        }
        'cgen;status' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;ping' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;health' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;metrics' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;admin' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'An online, verified copy of the database (jobs keep running)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Replace the database with a backup. The daemon must be stopped; the current database is kept beside it as cgen.db.before-restore-TIMESTAMP')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Remove finished jobs (and their events) older than the retention period')
            [CompletionResult]::new('vacuum', 'vacuum', [CompletionResultType]::ParameterValue, 'Return free pages to the file system')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log: key and session changes, admin calls, failed authentications, the bootstrap. Newest first')
            [CompletionResult]::new('flags', 'flags', [CompletionResultType]::ParameterValue, 'The feature flags of [features]: value in force, default, whether a reload changes it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;admin;backup' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'Where to write the copy; a timestamped file in the state dir''s backups/ otherwise')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;admin;restore' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;admin;purge' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Age instead of the configured retention (7d, 12h)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Count what would be removed; remove nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;admin;vacuum' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;admin;audit' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only entries newer than this age (1h, 7d) or time (2026-11-26T12:00:00Z)')
            [CompletionResult]::new('--key', '--key', [CompletionResultType]::ParameterName, 'Only entries of this key id')
            [CompletionResult]::new('-n', '-n', [CompletionResultType]::ParameterName, 'n')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'limit')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;admin;flags' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;admin;help' {
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'An online, verified copy of the database (jobs keep running)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Replace the database with a backup. The daemon must be stopped; the current database is kept beside it as cgen.db.before-restore-TIMESTAMP')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Remove finished jobs (and their events) older than the retention period')
            [CompletionResult]::new('vacuum', 'vacuum', [CompletionResultType]::ParameterValue, 'Return free pages to the file system')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log: key and session changes, admin calls, failed authentications, the bootstrap. Newest first')
            [CompletionResult]::new('flags', 'flags', [CompletionResultType]::ParameterValue, 'The feature flags of [features]: value in force, default, whether a reload changes it')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;admin;help;backup' {
            break
        }
        'cgen;admin;help;restore' {
            break
        }
        'cgen;admin;help;purge' {
            break
        }
        'cgen;admin;help;vacuum' {
            break
        }
        'cgen;admin;help;audit' {
            break
        }
        'cgen;admin;help;flags' {
            break
        }
        'cgen;admin;help;help' {
            break
        }
        'cgen;keys' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Make an API key; its secret is printed once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every key, with its role and state (never the secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Stop a key, and every session made with it, at once')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give a key a new secret (printed once); the old one works for the grace period')
            [CompletionResult]::new('budget', 'budget', [CompletionResultType]::ParameterValue, 'A key''s daily model budget and what its jobs spent today (UTC); with a flag, set it (admin). A job that would pass it fails with budget_exceeded')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;keys;create' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'role')
            [CompletionResult]::new('--expires', '--expires', [CompletionResultType]::ParameterName, 'The key stops working after this long (30d, 12h); never by default')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;keys;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;keys;revoke' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;keys;rotate' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long the old secret keeps working (0s ends it at once)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;keys;budget' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--daily-tokens', '--daily-tokens', [CompletionResultType]::ParameterName, 'Model tokens (input and output) the key''s jobs may use per day')
            [CompletionResult]::new('--daily-cost', '--daily-cost', [CompletionResultType]::ParameterName, 'What the key''s jobs may spend per day, in the providers'' price unit')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--unlimited', '--unlimited', [CompletionResultType]::ParameterName, 'No daily limit for this key, whatever [budgets] says')
            [CompletionResult]::new('--follow-config', '--follow-config', [CompletionResultType]::ParameterName, 'Drop the key''s own limits: the [budgets] defaults of the config apply')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;keys;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Make an API key; its secret is printed once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every key, with its role and state (never the secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Stop a key, and every session made with it, at once')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give a key a new secret (printed once); the old one works for the grace period')
            [CompletionResult]::new('budget', 'budget', [CompletionResultType]::ParameterValue, 'A key''s daily model budget and what its jobs spent today (UTC); with a flag, set it (admin). A job that would pass it fails with budget_exceeded')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;keys;help;create' {
            break
        }
        'cgen;keys;help;list' {
            break
        }
        'cgen;keys;help;revoke' {
            break
        }
        'cgen;keys;help;rotate' {
            break
        }
        'cgen;keys;help;budget' {
            break
        }
        'cgen;keys;help;help' {
            break
        }
        'cgen;login' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--stdin', '--stdin', [CompletionResultType]::ParameterName, 'Read the key from stdin without a prompt (or give --key-file FILE)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;logout' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--session', '--session', [CompletionResultType]::ParameterName, 'Forget only the session token, keeping the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;whoami' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;sessions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'A short-lived token for a script or CI run, never more powerful than this key')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Sessions of this key (an admin sees every key''s)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'End a session at once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;sessions;create' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--ttl', '--ttl', [CompletionResultType]::ParameterName, 'Lifetime (15m, 1h, 7d); the daemon''s auth.session_ttl by default')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'A lesser role than this key''s')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Keep the token for this daemon: later commands present it instead of the key')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;sessions;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;sessions;revoke' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;sessions;help' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'A short-lived token for a script or CI run, never more powerful than this key')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Sessions of this key (an admin sees every key''s)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'End a session at once')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;sessions;help;create' {
            break
        }
        'cgen;sessions;help;list' {
            break
        }
        'cgen;sessions;help;revoke' {
            break
        }
        'cgen;sessions;help;help' {
            break
        }
        'cgen;providers' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every configured provider: kind, model, embedding model, breaker, secret')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One provider in full, with its model aliases')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Breaker state, recent errors, latency and tokens today, per provider')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'One real round trip ("Say OK") through the resilient client; exits 9 when the provider fails or refuses (7 means the daemon could not be reached)')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Keep or remove a provider''s secret in the OS keyring')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;providers;list' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;providers;show' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;providers;status' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;providers;test' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--model', '--model', [CompletionResultType]::ParameterName, 'A model alias (fast, smart) or id; the provider''s default otherwise')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;providers;key' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Read the secret from stdin and keep it in the OS keyring for this daemon')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove the secret from the OS keyring')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;providers;key;set' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;providers;key;rm' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;providers;key;help' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Read the secret from stdin and keep it in the OS keyring for this daemon')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove the secret from the OS keyring')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;providers;key;help;set' {
            break
        }
        'cgen;providers;key;help;rm' {
            break
        }
        'cgen;providers;key;help;help' {
            break
        }
        'cgen;providers;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every configured provider: kind, model, embedding model, breaker, secret')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One provider in full, with its model aliases')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Breaker state, recent errors, latency and tokens today, per provider')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'One real round trip ("Say OK") through the resilient client; exits 9 when the provider fails or refuses (7 means the daemon could not be reached)')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Keep or remove a provider''s secret in the OS keyring')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;providers;help;list' {
            break
        }
        'cgen;providers;help;show' {
            break
        }
        'cgen;providers;help;status' {
            break
        }
        'cgen;providers;help;test' {
            break
        }
        'cgen;providers;help;key' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Read the secret from stdin and keep it in the OS keyring for this daemon')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove the secret from the OS keyring')
            break
        }
        'cgen;providers;help;key;set' {
            break
        }
        'cgen;providers;help;key;rm' {
            break
        }
        'cgen;providers;help;help' {
            break
        }
        'cgen;completions' {
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file (default: config.toml in the config dir)')
            [CompletionResult]::new('--key-file', '--key-file', [CompletionResultType]::ParameterName, 'Present the API key or session token in FILE (before CGEN_API_KEY and the keyring)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Apply the config file''s [profiles.NAME] tables over its base sections')
            [CompletionResult]::new('--call-timeout', '--call-timeout', [CompletionResultType]::ParameterName, 'Give up (exit 8) when the daemon has not answered a call within this time ("0s": wait forever). Streams (`--wait`, `jobs wait`, `jobs watch`), stage runs, provider tests, backups and vacuums are not bounded by it')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document (NDJSON for streams) instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only ids')
            [CompletionResult]::new('--no-autostart', '--no-autostart', [CompletionResultType]::ParameterName, 'Do not start the daemon when none answers')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'cgen;help' {
            [CompletionResult]::new('generate', 'generate', [CompletionResultType]::ParameterValue, 'Write an article on a topic from the knowledge base (waits and prints the path)')
            [CompletionResult]::new('batch', 'batch', [CompletionResultType]::ParameterValue, 'Generate many articles: one parent job with a child per topic')
            [CompletionResult]::new('topics', 'topics', [CompletionResultType]::ParameterValue, 'Topics the knowledge base covers, best covered first')
            [CompletionResult]::new('workflows', 'workflows', [CompletionResultType]::ParameterValue, 'List and show workflows')
            [CompletionResult]::new('agents', 'agents', [CompletionResultType]::ParameterValue, 'List, show and run the stages workflows are made of')
            [CompletionResult]::new('templates', 'templates', [CompletionResultType]::ParameterValue, 'List, show, add, remove and render article templates')
            [CompletionResult]::new('quality', 'quality', [CompletionResultType]::ParameterValue, 'The quality report of a Markdown file; exit 0 when it passes, 1 when it does not')
            [CompletionResult]::new('ingest', 'ingest', [CompletionResultType]::ParameterValue, 'Add files, folders, globs or URLs to the knowledge base (an ingest job)')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Search the knowledge base')
            [CompletionResult]::new('docs', 'docs', [CompletionResultType]::ParameterValue, 'List, show and remove ingested documents')
            [CompletionResult]::new('collections', 'collections', [CompletionResultType]::ParameterValue, 'List and remove collections')
            [CompletionResult]::new('jobs', 'jobs', [CompletionResultType]::ParameterValue, 'Inspect and steer jobs')
            [CompletionResult]::new('articles', 'articles', [CompletionResultType]::ParameterValue, 'The history of generated articles: list, show, search')
            [CompletionResult]::new('queue', 'queue', [CompletionResultType]::ParameterValue, 'Pause, resume or inspect the whole queue')
            [CompletionResult]::new('daemon', 'daemon', [CompletionResultType]::ParameterValue, 'Run the daemon in the foreground, or manage a background one')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show, validate, locate or reload the configuration')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Daemon version and uptime, queue depth, running jobs, store size')
            [CompletionResult]::new('ping', 'ping', [CompletionResultType]::ParameterValue, 'Liveness: exit 0 when the daemon answers (never starts one)')
            [CompletionResult]::new('health', 'health', [CompletionResultType]::ParameterValue, 'Readiness: exit 0 only when the store, the queue and the disk are healthy')
            [CompletionResult]::new('metrics', 'metrics', [CompletionResultType]::ParameterValue, 'The Prometheus text exposition of every metric')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'Backups, restores, retention, the audit log and feature flags')
            [CompletionResult]::new('keys', 'keys', [CompletionResultType]::ParameterValue, 'Make, list, revoke and rotate API keys (admin)')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Check an API key or session token and keep it for this daemon (the OS keyring)')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Forget the key and session kept for this daemon; the session is revoked there too')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Who this daemon takes you for: key, role, session, and where the credential came from')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'Short-lived tokens for scripts and CI runs')
            [CompletionResult]::new('providers', 'providers', [CompletionResultType]::ParameterValue, 'Model providers: list, state, a test call, and their secrets')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print the completion script of a shell to stdout')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'cgen;help;generate' {
            break
        }
        'cgen;help;batch' {
            break
        }
        'cgen;help;topics' {
            break
        }
        'cgen;help;workflows' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List workflows (built-in and your own)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a workflow''s stages and parameters')
            break
        }
        'cgen;help;workflows;list' {
            break
        }
        'cgen;help;workflows;show' {
            break
        }
        'cgen;help;agents' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the stages ("agents") workflows are made of')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show what a stage reads and writes')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run one stage on a generation state (JSON) and print the state after it')
            break
        }
        'cgen;help;agents;list' {
            break
        }
        'cgen;help;agents;show' {
            break
        }
        'cgen;help;agents;run' {
            break
        }
        'cgen;help;templates' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List templates (built-in and your own)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print a template''s source')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add (or replace) your own template from a file; its name is the file''s stem unless --name')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove one of your templates (built-ins cannot be removed)')
            [CompletionResult]::new('render', 'render', [CompletionResultType]::ParameterValue, 'Render a template on a sample article')
            break
        }
        'cgen;help;templates;list' {
            break
        }
        'cgen;help;templates;show' {
            break
        }
        'cgen;help;templates;add' {
            break
        }
        'cgen;help;templates;rm' {
            break
        }
        'cgen;help;templates;render' {
            break
        }
        'cgen;help;quality' {
            break
        }
        'cgen;help;ingest' {
            break
        }
        'cgen;help;search' {
            break
        }
        'cgen;help;docs' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List documents')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show a document and its chunks')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a document from the knowledge base')
            break
        }
        'cgen;help;docs;list' {
            break
        }
        'cgen;help;docs;show' {
            break
        }
        'cgen;help;docs;rm' {
            break
        }
        'cgen;help;collections' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the collections this key may read, with their owner, sizes and how many chunks have an embedding vector (when kb.embeddings is configured)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a collection and all its documents (its owner''s or an admin''s to remove)')
            [CompletionResult]::new('share', 'share', [CompletionResultType]::ParameterValue, 'Let every key read a collection (admin); its owner still alone changes it')
            break
        }
        'cgen;help;collections;list' {
            break
        }
        'cgen;help;collections;rm' {
            break
        }
        'cgen;help;collections;share' {
            break
        }
        'cgen;help;jobs' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List jobs, newest first: what each is, how it stands, and why a failed one failed')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one job: what it was asked to do, how it stands, and what it made')
            [CompletionResult]::new('wait', 'wait', [CompletionResultType]::ParameterValue, 'Wait for a job to finish (your latest when no id is given); the exit code says how it ended (0 succeeded, 6 failed or cancelled, 8 timed out)')
            [CompletionResult]::new('watch', 'watch', [CompletionResultType]::ParameterValue, 'Follow a job''s events live until it finishes (your latest when no id is given; exit codes as for wait)')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel a queued, paused or running job')
            [CompletionResult]::new('retry', 'retry', [CompletionResultType]::ParameterValue, 'Queue a failed or cancelled job again')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove a finished job and its events')
            [CompletionResult]::new('logs', 'logs', [CompletionResultType]::ParameterValue, 'The daemon''s log lines written while the job ran')
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Hold a queued job')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Release a held job')
            break
        }
        'cgen;help;jobs;list' {
            break
        }
        'cgen;help;jobs;show' {
            break
        }
        'cgen;help;jobs;wait' {
            break
        }
        'cgen;help;jobs;watch' {
            break
        }
        'cgen;help;jobs;cancel' {
            break
        }
        'cgen;help;jobs;retry' {
            break
        }
        'cgen;help;jobs;rm' {
            break
        }
        'cgen;help;jobs;logs' {
            break
        }
        'cgen;help;jobs;pause' {
            break
        }
        'cgen;help;jobs;resume' {
            break
        }
        'cgen;help;articles' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Articles generated, newest first (a user key sees its own)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One article: where it went, how it was made and its quality verdict')
            [CompletionResult]::new('search', 'search', [CompletionResultType]::ParameterValue, 'Articles whose topic or title holds every one of WORDS, best match first')
            break
        }
        'cgen;help;articles;list' {
            break
        }
        'cgen;help;articles;show' {
            break
        }
        'cgen;help;articles;search' {
            break
        }
        'cgen;help;queue' {
            [CompletionResult]::new('pause', 'pause', [CompletionResultType]::ParameterValue, 'Stop starting new jobs (running ones finish). Survives daemon restarts')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Start jobs again')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Queue depth and running jobs by kind')
            break
        }
        'cgen;help;queue;pause' {
            break
        }
        'cgen;help;queue;resume' {
            break
        }
        'cgen;help;queue;status' {
            break
        }
        'cgen;help;daemon' {
            break
        }
        'cgen;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print the configuration: defaults, the config file, the profile and environment overrides merged, secrets redacted')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check a config file (default: the one in use) with every profile it defines; exit 1 naming each bad key, where its value came from and why')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print where cgen keeps its config, data, logs and socket')
            [CompletionResult]::new('reload', 'reload', [CompletionResultType]::ParameterValue, 'Make the daemon read its config file again (like SIGHUP). An invalid file is refused and the configuration in force stays; settings that need a restart are listed')
            break
        }
        'cgen;help;config;show' {
            break
        }
        'cgen;help;config;validate' {
            break
        }
        'cgen;help;config;path' {
            break
        }
        'cgen;help;config;reload' {
            break
        }
        'cgen;help;status' {
            break
        }
        'cgen;help;ping' {
            break
        }
        'cgen;help;health' {
            break
        }
        'cgen;help;metrics' {
            break
        }
        'cgen;help;admin' {
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'An online, verified copy of the database (jobs keep running)')
            [CompletionResult]::new('restore', 'restore', [CompletionResultType]::ParameterValue, 'Replace the database with a backup. The daemon must be stopped; the current database is kept beside it as cgen.db.before-restore-TIMESTAMP')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Remove finished jobs (and their events) older than the retention period')
            [CompletionResult]::new('vacuum', 'vacuum', [CompletionResultType]::ParameterValue, 'Return free pages to the file system')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'The audit log: key and session changes, admin calls, failed authentications, the bootstrap. Newest first')
            [CompletionResult]::new('flags', 'flags', [CompletionResultType]::ParameterValue, 'The feature flags of [features]: value in force, default, whether a reload changes it')
            break
        }
        'cgen;help;admin;backup' {
            break
        }
        'cgen;help;admin;restore' {
            break
        }
        'cgen;help;admin;purge' {
            break
        }
        'cgen;help;admin;vacuum' {
            break
        }
        'cgen;help;admin;audit' {
            break
        }
        'cgen;help;admin;flags' {
            break
        }
        'cgen;help;keys' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Make an API key; its secret is printed once')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every key, with its role and state (never the secrets)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Stop a key, and every session made with it, at once')
            [CompletionResult]::new('rotate', 'rotate', [CompletionResultType]::ParameterValue, 'Give a key a new secret (printed once); the old one works for the grace period')
            [CompletionResult]::new('budget', 'budget', [CompletionResultType]::ParameterValue, 'A key''s daily model budget and what its jobs spent today (UTC); with a flag, set it (admin). A job that would pass it fails with budget_exceeded')
            break
        }
        'cgen;help;keys;create' {
            break
        }
        'cgen;help;keys;list' {
            break
        }
        'cgen;help;keys;revoke' {
            break
        }
        'cgen;help;keys;rotate' {
            break
        }
        'cgen;help;keys;budget' {
            break
        }
        'cgen;help;login' {
            break
        }
        'cgen;help;logout' {
            break
        }
        'cgen;help;whoami' {
            break
        }
        'cgen;help;sessions' {
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'A short-lived token for a script or CI run, never more powerful than this key')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Sessions of this key (an admin sees every key''s)')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'End a session at once')
            break
        }
        'cgen;help;sessions;create' {
            break
        }
        'cgen;help;sessions;list' {
            break
        }
        'cgen;help;sessions;revoke' {
            break
        }
        'cgen;help;providers' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'Every configured provider: kind, model, embedding model, breaker, secret')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'One provider in full, with its model aliases')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Breaker state, recent errors, latency and tokens today, per provider')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'One real round trip ("Say OK") through the resilient client; exits 9 when the provider fails or refuses (7 means the daemon could not be reached)')
            [CompletionResult]::new('key', 'key', [CompletionResultType]::ParameterValue, 'Keep or remove a provider''s secret in the OS keyring')
            break
        }
        'cgen;help;providers;list' {
            break
        }
        'cgen;help;providers;show' {
            break
        }
        'cgen;help;providers;status' {
            break
        }
        'cgen;help;providers;test' {
            break
        }
        'cgen;help;providers;key' {
            [CompletionResult]::new('set', 'set', [CompletionResultType]::ParameterValue, 'Read the secret from stdin and keep it in the OS keyring for this daemon')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Remove the secret from the OS keyring')
            break
        }
        'cgen;help;providers;key;set' {
            break
        }
        'cgen;help;providers;key;rm' {
            break
        }
        'cgen;help;completions' {
            break
        }
        'cgen;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
