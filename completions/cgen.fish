complete --keep-order --exclusive --command cgen --arguments "(CGEN_COMPLETE=fish cgen -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
