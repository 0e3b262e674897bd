//! The article model every writing stage fills in and every output format renders: the text
//! with its structure, its SEO fields, and the sources each part drew on. Values only.

use serde::{Deserialize, Serialize};

/// One passage of the knowledge base, as retrieval hands it to the writing stages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    pub chunk_id: i64,
    pub document_id: i64,
    /// SHA-256 (hex) of the chunk text: the stable identity cited in the output.
    pub chunk_hash: String,
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub heading_path: Vec<String>,
    pub text: String,
    /// Retrieval relevance, higher is better.
    pub score: f64,
    /// The chunk its text starts in: a passage read as a whole section keeps its best chunk's
    /// identity (`chunk_id`), and is placed in its page's order by where it starts.
    #[serde(default)]
    pub starts_in: i64,
}

#[cfg(test)]
impl Passage {
    /// A passage of one test document, for the composition tests.
    pub(crate) fn of_text(text: &str, score: f64) -> Passage {
        Passage {
            chunk_id: 1,
            document_id: 1,
            chunk_hash: String::new(),
            source: "doc.md".into(),
            title: None,
            heading_path: Vec::new(),
            text: text.into(),
            score,
            starts_in: 1,
        }
    }
}

/// A finished article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    pub title: String,
    pub seo_title: String,
    pub description: String,
    pub slug: String,
    /// YYYY-MM-DD.
    pub date: String,
    pub author: String,
    pub draft: bool,
    pub tags: Vec<String>,
    pub keywords: Vec<String>,
    pub introduction: Section,
    pub sections: Vec<Section>,
    pub conclusion: Section,
    pub faq: Vec<Faq>,
    pub code_examples: Vec<CodeExample>,
    /// Numbered from 1; `Section::citations` and friends refer to these numbers.
    pub sources: Vec<Source>,
}

/// A part of the article with its own heading (empty for the introduction).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    /// Markdown paragraphs, citations written as `[^N]` footnote references.
    pub body: String,
    /// Source numbers this section cites.
    pub citations: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Faq {
    pub question: String,
    pub answer: String,
    pub citations: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CodeExample {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    pub code: String,
    /// One sentence saying what the example shows.
    pub caption: String,
    pub citation: usize,
}

/// A cited document, with the chunks the article drew on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub id: usize,
    pub title: String,
    /// Path or URL of the ingested document.
    pub source: String,
    pub heading_path: Vec<String>,
    pub chunks: Vec<String>,
}
