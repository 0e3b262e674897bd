//! The stages of a workflow (the "agents" of the original system): their names, the order a
//! full workflow runs them in, what each needs before it and what it reads and writes. Only
//! names and descriptions live here, so workflows can be checked without the implementations.

use serde::{Deserialize, Serialize};

/// Every stage, in the order a full workflow runs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Retrieve,
    Outline,
    Introduction,
    Sections,
    CodeExamples,
    Faq,
    Conclusion,
    Keywords,
    Seo,
    Frontmatter,
    Assemble,
    Quality,
    Write,
}

impl Stage {
    pub const ALL: [Stage; 13] = [
        Stage::Retrieve,
        Stage::Outline,
        Stage::Introduction,
        Stage::Sections,
        Stage::CodeExamples,
        Stage::Faq,
        Stage::Conclusion,
        Stage::Keywords,
        Stage::Seo,
        Stage::Frontmatter,
        Stage::Assemble,
        Stage::Quality,
        Stage::Write,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Stage::Retrieve => "retrieve",
            Stage::Outline => "outline",
            Stage::Introduction => "introduction",
            Stage::Sections => "sections",
            Stage::CodeExamples => "code-examples",
            Stage::Faq => "faq",
            Stage::Conclusion => "conclusion",
            Stage::Keywords => "keywords",
            Stage::Seo => "seo",
            Stage::Frontmatter => "frontmatter",
            Stage::Assemble => "assemble",
            Stage::Quality => "quality",
            Stage::Write => "write",
        }
    }

    pub fn parse(name: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.name() == name)
    }

    /// Stages whose output this one reads; a workflow must run them first.
    pub fn requires(self) -> &'static [Stage] {
        match self {
            Stage::Retrieve => &[],
            Stage::Outline
            | Stage::Introduction
            | Stage::Faq
            | Stage::CodeExamples
            | Stage::Keywords => &[Stage::Retrieve],
            Stage::Sections => &[Stage::Outline],
            Stage::Conclusion => &[Stage::Introduction],
            Stage::Seo => &[Stage::Introduction, Stage::Keywords],
            Stage::Frontmatter => &[Stage::Seo],
            Stage::Assemble => &[Stage::Frontmatter],
            Stage::Quality | Stage::Write => &[Stage::Assemble],
        }
    }

    /// What the stage does, for `cgen agents list|show`.
    pub fn describe(self) -> StageInfo {
        let (summary, reads, writes): (&str, &[&str], &[&str]) = match self {
            Stage::Retrieve => (
                "BM25 search of the knowledge base, re-ranked for diversity (MMR)",
                &["spec"],
                &["passages"],
            ),
            Stage::Outline => (
                "sections from the headings of the best sources, in their order; planned by the \
                 model when a provider is configured",
                &["passages"],
                &["outline"],
            ),
            Stage::Introduction => (
                "the most central sentences of the best passages; rewritten by the model when a \
                 provider is configured",
                &["passages"],
                &["article.introduction"],
            ),
            Stage::Sections => (
                "each section from its passages by extractive sentence selection, with citations",
                &["outline", "passages"],
                &["article.sections", "article.sources"],
            ),
            Stage::CodeExamples => (
                "relevant fenced code blocks lifted from the passages",
                &["passages"],
                &["article.code_examples", "article.sources"],
            ),
            Stage::Faq => (
                "questions from question headings and definitional sentences; written by the \
                 model from cited passages when a provider is configured",
                &["passages"],
                &["article.faq", "article.sources"],
            ),
            Stage::Conclusion => (
                "a summary of what the sections said",
                &["article"],
                &["article.conclusion"],
            ),
            Stage::Keywords => (
                "keywords scored by TF-IDF against the knowledge base",
                &["article", "passages"],
                &["article.keywords"],
            ),
            Stage::Seo => (
                "title, seo_title (≤ 60), description (≤ 160), tags and a unique slug",
                &["spec", "article"],
                &[
                    "article.title",
                    "article.seo_title",
                    "article.description",
                    "article.tags",
                    "article.slug",
                ],
            ),
            Stage::Frontmatter => (
                "date, author and draft flag",
                &["spec"],
                &["article.date", "article.author", "article.draft"],
            ),
            Stage::Assemble => (
                "renders the template and the output format",
                &["article", "spec"],
                &["body", "document"],
            ),
            Stage::Quality => (
                "the quality report (fails the job with --strict)",
                &["article", "body"],
                &["quality"],
            ),
            Stage::Write => (
                "writes the article and its manifest inside the output folder",
                &["document", "spec"],
                &["output"],
            ),
        };
        StageInfo {
            name: self.name().into(),
            summary: summary.into(),
            reads: reads.iter().map(|s| s.to_string()).collect(),
            writes: writes.iter().map(|s| s.to_string()).collect(),
            requires: self
                .requires()
                .iter()
                .map(|s| s.name().to_string())
                .collect(),
        }
    }
}

pub use crate::protocol::generate::StageInfo;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflows_name_stages_in_kebab_case() {
        assert_eq!(Stage::parse("code-examples"), Some(Stage::CodeExamples));
        assert_eq!(
            serde_json::to_string(&Stage::CodeExamples).unwrap(),
            "\"code-examples\""
        );
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.name()), Some(s));
            assert!(!s.describe().summary.is_empty());
        }
    }
}
