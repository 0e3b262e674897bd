
set edit:completion:arg-completer[cgen] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) CGEN_COMPLETE="elvish" cgen -- $@words) | to-lines
}

