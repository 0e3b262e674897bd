//! Owns turning what a user typed into an FTS5 `MATCH` expression that cannot fail to parse.
//!
//! Plain queries are reduced to their words; each word is quoted, so FTS5 operators and
//! punctuation (`"`, `NEAR`, `AND`, `*`, `:`, `^`, `-`, parentheses) are only ever matched as
//! text, never interpreted. Words are OR-ed: BM25 ranks documents containing more of them higher,
//! which is what a user expects from a search box. Advanced users opt into raw FTS5 syntax.

use crate::text::is_stopword;

/// Bounds the work FTS5 does for one query and the size of the expression.
const MAX_TERMS: usize = 32;

/// A query as FTS5 expressions. `all` (every term) is tried first and `any` (at least one)
/// fills up the rest: results holding every word come first, and a multi-word query on a large
/// corpus stays fast because the AND narrows what BM25 has to score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FtsQuery {
    pub all: Option<String>,
    pub any: String,
    /// The words to mark in snippets, folded like the index folds them.
    pub terms: Vec<String>,
}

/// Builds the `MATCH` expressions for `query`, or `None` when nothing searchable remains.
/// With `syntax`, the query is passed through (trimmed) and FTS5 reports any error.
pub fn to_fts5(query: &str, syntax: bool) -> Option<FtsQuery> {
    if syntax {
        let trimmed = query.trim();
        // Words of the expression, less its operators, are what a snippet marks.
        let words: Vec<String> = terms(trimmed)
            .into_iter()
            .filter(|w| !trimmed.contains(&w.to_uppercase()) || !is_operator(w))
            .map(|w| crate::kb::snippet::fold(&w))
            .collect();
        return (!trimmed.is_empty()).then(|| FtsQuery {
            all: None,
            any: trimmed.to_string(),
            terms: words,
        });
    }
    let mut terms = terms(query);
    // Function words match nearly every chunk and only add noise to ranking and snippets;
    // a query made of nothing else ("what is it") keeps them.
    if terms.iter().any(|t| !is_stopword(t)) {
        terms.retain(|t| !is_stopword(t));
    }
    if terms.is_empty() {
        return None;
    }
    let quoted: Vec<String> = terms.iter().map(|term| quote(term)).collect();
    let all = (quoted.len() > 1).then(|| quoted.join(" AND "));
    Some(FtsQuery {
        all,
        any: quoted.join(" OR "),
        terms: terms.iter().map(|t| crate::kb::snippet::fold(t)).collect(),
    })
}

/// FTS5's operators, which syntax queries may use.
fn is_operator(word: &str) -> bool {
    matches!(word, "and" | "or" | "not" | "near")
}

/// Distinct lowercase words in order of first appearance, at most `MAX_TERMS`, split the way
/// FTS5's unicode61 tokenizer splits text (`snippet::is_word_char`).
fn terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    let words = query
        .split(|c: char| !crate::kb::snippet::is_word_char(c))
        .filter(|w| w.chars().any(char::is_alphanumeric));
    for word in words {
        let term = word.to_lowercase();
        if !terms.contains(&term) {
            terms.push(term);
            if terms.len() == MAX_TERMS {
                break;
            }
        }
    }
    terms
}

/// An FTS5 string literal: double quotes around, inner quotes doubled.
fn quote(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::Connection;

    /// The OR expression, which every query has.
    fn any(query: &str, syntax: bool) -> Option<String> {
        to_fts5(query, syntax).map(|q| q.any)
    }

    #[test]
    fn several_terms_also_get_an_and_expression() {
        let q = to_fts5("restic snapshot", false).unwrap();
        assert_eq!(q.all.as_deref(), Some(r#""restic" AND "snapshot""#));
        assert_eq!(to_fts5("restic", false).unwrap().all, None);
        assert_eq!(to_fts5("a AND b", true).unwrap().all, None);
    }

    #[test]
    fn stopwords_are_dropped_unless_nothing_else_remains() {
        assert_eq!(
            any("How do I restore a backup?", false).unwrap(),
            r#""restore" OR "backup""#
        );
        assert_eq!(
            any("what is it", false).unwrap(),
            r#""what" OR "is" OR "it""#
        );
    }

    const HOSTILE: &[&str] = &[
        "\"",
        "a\"b",
        "NEAR(",
        "NEAR(a b, 2)",
        "foo*",
        "col:x",
        "(((",
        ")))",
        "AND",
        "OR NOT",
        "-x",
        "^start",
        "a + b",
        "{body}: x",
        "😀🚀",
        "",
        "   ",
        "x AND (y OR",
        "\u{0}",
        "e\u{0301}te",
    ];

    fn fts() -> Connection {
        let db = Connection::open_in_memory().unwrap();
        db.execute_batch(
            "CREATE VIRTUAL TABLE t USING fts5(body);
             INSERT INTO t(body) VALUES ('foo bar and near the start'), ('x marks col'),
                 ('Ünïcode café story'), ('nothing here');",
        )
        .unwrap();
        db
    }

    fn search(db: &Connection, expr: &str) -> rusqlite::Result<Vec<i64>> {
        let mut stmt = db.prepare("SELECT rowid FROM t WHERE t MATCH ?1 ORDER BY bm25(t)")?;
        let rows = stmt.query_map([expr], |row| row.get(0))?;
        rows.collect()
    }

    #[test]
    fn plain_terms_are_quoted_and_ored() {
        assert_eq!(
            any("Foo  bar!", false).as_deref(),
            Some("\"foo\" OR \"bar\"")
        );
        assert_eq!(any("foo*", false).as_deref(), Some("\"foo\""));
        assert_eq!(any("col:x", false).as_deref(), Some("\"col\" OR \"x\""));
        assert_eq!(any("AND", false).as_deref(), Some("\"and\""));
        assert_eq!(any("the THE the", false).as_deref(), Some("\"the\""));
    }

    #[test]
    fn nothing_searchable_is_none() {
        for query in ["", "  ", "\"", "(((", "😀🚀", "-- *"] {
            assert_eq!(any(query, false), None, "{query:?}");
        }
        assert_eq!(any("  ", true), None);
    }

    #[test]
    fn terms_are_capped() {
        let many: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let expr = any(&many.join(" "), false).unwrap();
        assert_eq!(expr.matches(" OR ").count(), MAX_TERMS - 1);
    }

    #[test]
    fn syntax_mode_passes_through_trimmed() {
        assert_eq!(
            any("  foo NEAR bar* ", true).as_deref(),
            Some("foo NEAR bar*")
        );
    }

    #[test]
    fn hostile_plain_queries_never_error_in_fts5() {
        let db = fts();
        for query in HOSTILE {
            if let Some(expr) = any(query, false) {
                search(&db, &expr).unwrap_or_else(|e| panic!("{query:?} -> {expr}: {e}"));
            }
        }
    }

    #[test]
    fn plain_queries_find_and_rank() {
        let db = fts();
        let hits = search(&db, &any("near START, nothing", false).unwrap()).unwrap();
        assert_eq!(hits, vec![1, 4]);
        let hits = search(&db, &any("ÜNÏCODE", false).unwrap()).unwrap();
        assert_eq!(hits, vec![3]);
        assert_eq!(search(&db, &any("col:x", false).unwrap()).unwrap(), vec![2]);
    }

    #[test]
    fn syntax_mode_errors_are_fts5_errors() {
        let db = fts();
        assert!(search(&db, &any("NEAR(", true).unwrap()).is_err());
        assert_eq!(search(&db, &any("foo*", true).unwrap()).unwrap(), vec![1]);
    }
}
