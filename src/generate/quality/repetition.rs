//! Repeated text: paragraphs that repeat each other.

use super::*;

pub(super) fn check_duplicate_paragraphs(doc: &Doc) -> Check {
    // (first occurrence as written, lines), in order of first occurrence.
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::Prose) {
        if block.words() < MIN_DUPLICATE_WORDS {
            continue;
        }
        let normal = collapse(&block.text).to_lowercase();
        let line = doc.line_of(block.start);
        match index.get(&normal) {
            Some(&i) => groups[i].1.push(line),
            None => {
                index.insert(normal, groups.len());
                groups.push((&block.text, vec![line]));
            }
        }
    }
    let problems = groups
        .iter()
        .filter(|(_, lines)| lines.len() > 1)
        .map(|(text, lines)| format!("{} appears on {}", quote(text), lines_text(lines)))
        .collect();
    finish(
        "duplicate_paragraphs",
        problems,
        "no repeated paragraphs".to_owned(),
        ("repeated paragraph", "repeated paragraphs"),
    )
}
