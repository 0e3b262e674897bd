//! Parsing YAML that comes from outside (front matter of a file to check or ingest, a YAML
//! document in the knowledge base): a size cap and a nesting cap checked by a cheap linear scan
//! **before** serde_norway sees the text.
//!
//! Why before: serde_norway's scanner does work proportional to the flow nesting (`[`/`{`)
//! for every token, so deeply nested flow collections cost quadratic time, and its own
//! recursion limit only applies after the whole text was scanned. 100,000 nested lists took
//! minutes; with at most [`MAX_FLOW_DEPTH`] levels the scan is linear in the size.
//!
//! The scan over-estimates the nesting and never under-estimates it, whatever quotes, comments
//! or plain scalars the text holds (see [`flow_depth_bound`]), so no text can slip past it.

use serde::de::DeserializeOwned;

/// Deepest flow nesting parsed. serde_norway refuses more than 128 levels of any nesting
/// anyway, so no document it could read is refused for its real depth.
pub const MAX_FLOW_DEPTH: usize = 128;

/// Largest front matter parsed (a real one is a few KiB).
pub const MAX_FRONT_MATTER_BYTES: usize = 256 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum YamlError {
    #[error("YAML of {size} bytes is larger than the {max} bytes allowed")]
    TooLarge { size: usize, max: usize },
    #[error("YAML nests [ ] or {{ }} more than {MAX_FLOW_DEPTH} levels deep")]
    TooDeep,
    #[error("{0}")]
    Invalid(#[from] serde_norway::Error),
}

/// Parses `text` when it is at most `max_bytes` long and not nested too deep.
pub fn from_str<T: DeserializeOwned>(text: &str, max_bytes: usize) -> Result<T, YamlError> {
    check(text, max_bytes)?;
    Ok(serde_norway::from_str(text)?)
}

/// The size and nesting checks of [`from_str`], without parsing.
pub fn check(text: &str, max_bytes: usize) -> Result<(), YamlError> {
    if text.len() > max_bytes {
        return Err(YamlError::TooLarge {
            size: text.len(),
            max: max_bytes,
        });
    }
    if flow_depth_bound(text, MAX_FLOW_DEPTH).is_none() {
        return Err(YamlError::TooDeep);
    }
    Ok(())
}

/// An upper bound of the flow nesting of `text`, or `None` once it passes `limit`.
///
/// Every `[` and `{` counts as an opening, quoted or not. A `]` or `}` closes the innermost
/// counted opening only when no `'`, `"` or `#` lies between the two: then both are in the same
/// quoting state (nothing between them could start or end a quoted scalar or a comment), so
/// either both are real flow indicators or neither is, and the count never drops below the real
/// depth. Brackets inside quotes or plain scalars only make the bound larger. The price: a
/// collection holding a quoted string (`["a"]`) is never closed in the count, so a document
/// with more than [`MAX_FLOW_DEPTH`] of them is refused too.
fn flow_depth_bound(text: &str, limit: usize) -> Option<usize> {
    // For each counted opening: whether a quote or comment character followed it.
    let mut open: Vec<bool> = Vec::new();
    let mut deepest = 0;
    for b in text.bytes() {
        match b {
            b'[' | b'{' => {
                open.push(false);
                deepest = deepest.max(open.len());
                if deepest > limit {
                    return None;
                }
            }
            b']' | b'}' if open.last() == Some(&false) => {
                open.pop();
            }
            b'\'' | b'"' | b'#' => {
                if let Some(tainted) = open.last_mut() {
                    *tainted = true;
                }
            }
            _ => {}
        }
    }
    Some(deepest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_yaml_parses() {
        let v: serde_json::Value =
            from_str("title: a [b] c\ntags: [x, {k: v}]\nq: \"[\"\n", 1024).unwrap();
        assert_eq!(v["tags"][1]["k"], "v");
    }

    #[test]
    fn size_is_capped() {
        assert!(matches!(
            from_str::<serde_json::Value>("k: v", 3),
            Err(YamlError::TooLarge { size: 4, max: 3 })
        ));
    }

    #[test]
    fn deep_flow_nesting_is_refused_fast() {
        for text in [
            format!("k: {}", "[".repeat(100_000)),
            format!("k: {}{}", "[".repeat(129), "]".repeat(129)),
            format!("k: {}1{}", "{a: ".repeat(200), "}".repeat(200)),
        ] {
            let started = std::time::Instant::now();
            assert!(matches!(
                from_str::<serde_json::Value>(&text, usize::MAX),
                Err(YamlError::TooDeep)
            ));
            assert!(started.elapsed() < std::time::Duration::from_secs(1));
        }
        let ok = format!("k: {}{}", "[".repeat(100), "]".repeat(100));
        assert!(check(&ok, usize::MAX).is_ok());
    }

    #[test]
    fn quoted_closers_do_not_hide_depth() {
        // Each `"]"` is a string, so the real depth grows by one per repetition.
        let text = format!("k: {}", "[ \"]\" ".repeat(200));
        assert!(matches!(check(&text, usize::MAX), Err(YamlError::TooDeep)));
        let text = format!("k: {}", "[ \"]]\", ".repeat(200));
        assert!(matches!(check(&text, usize::MAX), Err(YamlError::TooDeep)));
        let text = format!("k: {}", "[ # ]\n".repeat(200));
        assert!(matches!(check(&text, usize::MAX), Err(YamlError::TooDeep)));
    }
}
