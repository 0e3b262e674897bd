//! Citations: footnotes and their definitions, and the front matter `sources` they cite.

use super::*;

pub(super) fn check_citations(
    doc: &Doc,
    fields: Option<&Map<String, Value>>,
    resolve_chunk: &dyn Fn(&str) -> bool,
) -> Check {
    let mut problems = Vec::new();
    let defined: HashSet<&str> = doc.footnote_defs.iter().map(|d| d.label.as_str()).collect();
    let used: HashSet<&str> = doc.footnote_refs.iter().map(|r| r.label.as_str()).collect();
    for reference in &doc.footnote_refs {
        if !defined.contains(reference.label.as_str()) {
            problems.push(format!(
                "footnote [^{}] on line {} has no definition",
                clean_short(&reference.label),
                reference.line
            ));
        }
    }
    for definition in &doc.footnote_defs {
        if !used.contains(definition.label.as_str()) {
            problems.push(format!(
                "footnote definition [^{}] on line {} is never referenced",
                clean_short(&definition.label),
                definition.line
            ));
        }
    }

    let sources = fields.and_then(|f| f.get("sources"));
    let (sources, chunk_count) = match sources {
        None => (None, 0),
        Some(value) => {
            let checked = check_sources(value, resolve_chunk, &mut problems);
            let chunks = checked.iter().map(|s| s.chunks).sum();
            (Some(checked), chunks)
        }
    };
    if let Some(sources) = &sources {
        cited_sources(doc, sources, &mut problems);
    }

    let source_count = sources.as_ref().map_or(0, Vec::len);
    let summary =
        if doc.footnote_refs.is_empty() && doc.footnote_defs.is_empty() && source_count == 0 {
            "no citations".to_owned()
        } else {
            format!(
                "{} footnote references, {} definitions; {source_count} sources with {chunk_count} \
             chunks, all resolved",
                doc.footnote_refs.len(),
                doc.footnote_defs.len()
            )
        };
    finish(
        "citations",
        problems,
        summary,
        ("citation problem", "citation problems"),
    )
}

/// A front matter source as far as citations care.
pub(super) struct CheckedSource {
    pub(super) id: String,
    pub(super) chunks: usize,
    /// Every chunk resolved, and there was at least one.
    pub(super) resolved: bool,
}

/// Validates the front matter `sources` list and resolves every chunk hash once.
pub(super) fn check_sources(
    value: &Value,
    resolve_chunk: &dyn Fn(&str) -> bool,
    problems: &mut Vec<String>,
) -> Vec<CheckedSource> {
    let Value::Array(items) = value else {
        problems.push("front matter `sources` must be a list".to_owned());
        return Vec::new();
    };
    // The resolver may be a database query; the same chunk cited twice is asked about once.
    let mut cache: HashMap<&str, bool> = HashMap::new();
    let mut seen_ids = HashSet::new();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let id = match item.get("id") {
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_owned(),
            _ => {
                problems.push(format!("`sources[{i}]` has no `id`"));
                continue;
            }
        };
        if !seen_ids.insert(id.clone()) {
            problems.push(format!("source id {} appears twice", quote(&id)));
        }
        let Some(Value::Array(chunks)) = item.get("chunks") else {
            problems.push(format!(
                "source {} has no `chunks` list, so it cites nothing in the knowledge base",
                quote(&id)
            ));
            out.push(CheckedSource {
                id,
                chunks: 0,
                resolved: false,
            });
            continue;
        };
        let mut resolved = !chunks.is_empty();
        if chunks.is_empty() {
            problems.push(format!(
                "source {} lists no chunks, so it cites nothing in the knowledge base",
                quote(&id)
            ));
        }
        for chunk in chunks {
            let Some(hash) = chunk.as_str() else {
                problems.push(format!(
                    "source {} has a chunk that is not a hash string",
                    quote(&id)
                ));
                resolved = false;
                continue;
            };
            let ok = *cache.entry(hash).or_insert_with(|| resolve_chunk(hash));
            if !ok {
                problems.push(format!(
                    "source {}: chunk {} is not in the knowledge base",
                    quote(&id),
                    quote_long(hash)
                ));
                resolved = false;
            }
        }
        out.push(CheckedSource {
            id,
            chunks: chunks.len(),
            resolved,
        });
    }
    out
}

/// A numeric footnote cites the source with that id: it must exist and resolve. Named
/// footnotes (`[^note]`) are asides and only need a definition.
pub(super) fn cited_sources(doc: &Doc, sources: &[CheckedSource], problems: &mut Vec<String>) {
    let by_id: HashMap<&str, &CheckedSource> = sources.iter().map(|s| (s.id.as_str(), s)).collect();
    let mut lines_by_label: Vec<(&str, Vec<usize>)> = Vec::new();
    for reference in &doc.footnote_refs {
        if !reference.label.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        match lines_by_label
            .iter_mut()
            .find(|(l, _)| *l == reference.label)
        {
            Some((_, lines)) => lines.push(reference.line),
            None => lines_by_label.push((&reference.label, vec![reference.line])),
        }
    }
    for (label, lines) in lines_by_label {
        let where_ = lines_text(&lines);
        // `[^01]` and `id: 1` are the same source.
        let key = label.trim_start_matches('0');
        let source = by_id
            .get(label)
            .or_else(|| by_id.get(if key.is_empty() { "0" } else { key }));
        match source {
            None => problems.push(format!(
                "footnote [^{label}] ({where_}) matches no id in the front matter `sources`"
            )),
            Some(source) if !source.resolved => problems.push(format!(
                "footnote [^{label}] ({where_}) cites source {}, which does not resolve to \
                 ingested chunks",
                quote(&source.id)
            )),
            Some(_) => {}
        }
    }
}
