//! Owns recognising a site's template: the blocks a site repeats verbatim on many of its pages
//! (a tagline, a menu, a "Table Of Contents" label, a copyright line) are the frame around
//! the content, not content, and are dropped from every page of the ingest.
//!
//! The template is learnt before the ingest stores anything, from a sample of its HTML pages
//! spread over the walk, so that the first pages lose the template like the last ones and a
//! second ingest of the same folder (whose unchanged pages are not read again) finds the same
//! template. A block is template when it stands on at least `MIN_PAGES` sampled pages and on
//! at least one in `SHARE_DIVISOR` of them: a sentence two pages share is content, and so is
//! one a few pages of a big site share. Headings and code are never template: "Examples" is a
//! section on every reference page, and the same code on two pages is two examples.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::dedup::{self, Fingerprint};
use super::parse::{BlockKind, ParsedDoc, parse};
use super::sniff::{Format, decode_text};
use super::sources::SizedFile;

/// HTML pages parsed to learn the template: enough that a block on every page is seen on
/// many, few enough that learning costs a fraction of the ingest.
pub const SAMPLE_PAGES: usize = 64;
/// Fewest sampled pages a template block stands on.
const MIN_PAGES: usize = 3;
/// A template block stands on at least one in this many sampled pages.
const SHARE_DIVISOR: usize = 5;
/// Pages bigger than this are left out of the sample: an all-in-one page would cost seconds
/// and repeats the template once, like any page.
const MAX_SAMPLE_BYTES: u64 = 2 << 20;

/// A page parsed to learn the template, kept so that the ingest need not parse it again.
#[derive(Debug)]
pub struct SampledPage {
    /// SHA-256 of the bytes parsed (hex, as the ingest hashes a source): the parse stands for
    /// the page only while its bytes are the same.
    pub content_hash: String,
    pub parsed: ParsedDoc,
}

/// The blocks a site repeats on many pages, by the exact fingerprint of their words.
#[derive(Debug, Default)]
pub struct SiteTemplate {
    blocks: HashSet<[u8; 16]>,
}

/// Whether a block of this kind can be template.
fn can_be_template(kind: &BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Paragraph | BlockKind::ListItem { .. } | BlockKind::Table | BlockKind::Quote
    )
}

impl SiteTemplate {
    /// The template of `pages`: blocks that stand on `MIN_PAGES` of them and one in
    /// `SHARE_DIVISOR` of them. Copies of one page (the same text in a second folder, an
    /// untranslated copy) count once: what they share is the page, not a frame around it.
    pub fn learn<'a>(pages: impl IntoIterator<Item = &'a ParsedDoc>) -> SiteTemplate {
        let mut distinct_pages: Vec<Fingerprint> = Vec::new();
        let mut on_pages: HashMap<[u8; 16], usize> = HashMap::new();
        for page in pages {
            let whole: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
            let fingerprint = Fingerprint::of(&whole.join("\n"));
            if distinct_pages.iter().any(|f| f.same_as(&fingerprint)) {
                continue;
            }
            distinct_pages.push(fingerprint);
            let distinct: HashSet<[u8; 16]> = page
                .blocks
                .iter()
                .filter(|b| can_be_template(&b.kind))
                .map(|b| dedup::exact(&b.text))
                .collect();
            for key in distinct {
                *on_pages.entry(key).or_default() += 1;
            }
        }
        let needed = MIN_PAGES.max(distinct_pages.len().div_ceil(SHARE_DIVISOR));
        SiteTemplate {
            blocks: on_pages
                .into_iter()
                .filter(|(_, n)| *n >= needed)
                .map(|(key, _)| key)
                .collect(),
        }
    }

    /// Learns the template of the HTML pages among `files` (in ingest order) from a sample
    /// spread evenly over them; `read` gives a file's bytes, or None when it cannot be read.
    /// The sample is parsed on all cores, and each page parsed is returned by path, so that
    /// the ingest need not parse it again.
    pub fn learn_from_files(
        files: &[SizedFile],
        read: impl Fn(&Path) -> Option<Vec<u8>> + Sync,
    ) -> (SiteTemplate, HashMap<PathBuf, SampledPage>) {
        let pages: Vec<&Path> = files
            .iter()
            .filter(|f| {
                let html = f
                    .path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| {
                        e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm")
                    });
                html && f.bytes.is_some_and(|b| b <= MAX_SAMPLE_BYTES)
            })
            .map(|f| f.path.as_path())
            .collect();
        let step = pages.len().div_ceil(SAMPLE_PAGES).max(1);
        let sample: Vec<&Path> = pages.into_iter().step_by(step).collect();
        let sampled = |part: &[&Path]| -> Vec<(PathBuf, SampledPage)> {
            part.iter()
                .filter_map(|path| {
                    let bytes = read(path)?;
                    let page = SampledPage {
                        content_hash: hex::encode(Sha256::digest(&bytes)),
                        parsed: parse(&Format::Html, &decode_text(&bytes).0),
                    };
                    Some((path.to_path_buf(), page))
                })
                .collect()
        };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let parsed: Vec<(PathBuf, SampledPage)> = std::thread::scope(|scope| {
            let parts: Vec<_> = sample
                .chunks(sample.len().div_ceil(cores).max(1))
                .map(|part| scope.spawn(move || sampled(part)))
                .collect();
            // In sample order: the first of two copies of a page is the one counted.
            parts
                .into_iter()
                .flat_map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        let docs = parsed.iter().map(|(_, page)| &page.parsed);
        (SiteTemplate::learn(docs), parsed.into_iter().collect())
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// Drops the template's blocks from `doc`; returns how many it dropped. A list item
    /// with a list inside it stays, whatever its words: "`options` `<Object>`" stands on
    /// every page of a reference, and the options listed under it are the page's own, which
    /// without it would read as items of the item before.
    pub fn strip(&self, doc: &mut ParsedDoc) -> usize {
        if self.blocks.is_empty() {
            return 0;
        }
        let before = doc.blocks.len();
        let heads_list: Vec<bool> = (0..doc.blocks.len())
            .map(|i| {
                let next = doc.blocks.get(i + 1).map(|n| &n.kind);
                matches!(
                    (&doc.blocks[i].kind, next),
                    (BlockKind::ListItem { depth, .. }, Some(BlockKind::ListItem { depth: inner, .. }))
                        if inner > depth
                )
            })
            .collect();
        let mut heads = heads_list.into_iter();
        doc.blocks.retain(|b| {
            let heads_list = heads.next().unwrap_or(false);
            heads_list || !can_be_template(&b.kind) || !self.blocks.contains(&dedup::exact(&b.text))
        });
        before - doc.blocks.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of a hand-written site: tagline, menu, a label, then its own text.
    fn page(own: &str) -> ParsedDoc {
        parse(
            &Format::Html,
            &format!(
                "<html><body><div class=\"tagline\">Small. Fast. Reliable.<br>Choose any \
                 three.</div><ul><li><a href=\"index.html\">Home</a></li><li><a \
                 href=\"about.html\">About</a></li></ul><p><b>Table Of Contents</b></p>\
                 <h2>Overview</h2><p>{own}</p></body></html>"
            ),
        )
    }

    fn texts(doc: &ParsedDoc) -> Vec<&str> {
        doc.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn blocks_on_many_pages_are_template_and_own_text_stays() {
        let pages: Vec<ParsedDoc> = (0..6)
            .map(|i| page(&format!("Page {i} explains its own subject.")))
            .collect();
        let template = SiteTemplate::learn(&pages);
        let mut doc = page("A page explains a new subject.");
        assert_eq!(template.strip(&mut doc), 4);
        assert_eq!(
            texts(&doc),
            vec!["Overview", "A page explains a new subject."]
        );
    }

    #[test]
    fn a_template_item_with_a_list_inside_stays_with_it() {
        let reference = |own: &str| {
            parse(
                &Format::Html,
                &format!(
                    "<html><body><h2>Call</h2><ul><li><code>name</code> string</li>\
                     <li><code>options</code> Object<ul><li><code>{own}</code> what it \
                     does.</li></ul></li><li><code>options</code> Object</li></ul></body></html>"
                ),
            )
        };
        let pages: Vec<ParsedDoc> = (0..6).map(|i| reference(&format!("opt{i}"))).collect();
        let template = SiteTemplate::learn(&pages);
        let mut doc = reference("signal");
        template.strip(&mut doc);
        // The item heading its options stays; the same words alone are template.
        assert_eq!(
            texts(&doc),
            vec!["Call", "`options` Object", "`signal` what it does."]
        );
    }

    #[test]
    fn a_sentence_two_pages_share_is_content() {
        let shared = "Every statement must be finalized before the connection closes.";
        let mut pages = vec![page(shared), page(shared)];
        let template = SiteTemplate::learn(&pages);
        assert!(template.is_empty(), "two pages are not a template");
        // On a bigger site, a block on fewer than one in five pages is content too.
        pages.extend((0..18).map(|i| page(&format!("Page {i} has its own text."))));
        pages.push(page(shared));
        let template = SiteTemplate::learn(&pages);
        let mut doc = page(shared);
        template.strip(&mut doc);
        assert_eq!(texts(&doc), vec!["Overview", shared]);
        // Three copies of one page share every block: they are one page, not a template.
        let copies = vec![page(shared), page(shared), page(shared)];
        assert!(SiteTemplate::learn(&copies).is_empty());
    }

    #[test]
    fn the_sample_is_spread_over_the_html_pages() {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Vec::new();
        for i in 0..200 {
            let path = dir.path().join(format!("p{i:03}.html"));
            let body =
                format!("<html><body><p>Site banner text.</p><p>Page {i} text.</p></body></html>");
            std::fs::write(&path, &body).unwrap();
            files.push(SizedFile {
                path,
                bytes: Some(body.len() as u64),
            });
        }
        let data = dir.path().join("data.json");
        std::fs::write(&data, "{}").unwrap();
        files.push(SizedFile {
            path: data,
            bytes: Some(2),
        });
        let read_count = std::sync::atomic::AtomicUsize::new(0);
        let (template, sampled) = SiteTemplate::learn_from_files(&files, |p| {
            read_count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            std::fs::read(p).ok()
        });
        let read_count = read_count.into_inner();
        assert!(read_count <= SAMPLE_PAGES, "{read_count}");
        // Every page read is kept as parsed, with the hash of its bytes.
        assert_eq!(sampled.len(), read_count);
        let (path, page) = sampled.iter().next().unwrap();
        let bytes = std::fs::read(path).unwrap();
        assert_eq!(page.content_hash, hex::encode(Sha256::digest(&bytes)));
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(page.parsed, parse(&Format::Html, &text));
        let mut doc = parse(
            &Format::Html,
            "<body><p>Site banner text.</p><p>Mine.</p></body>",
        );
        template.strip(&mut doc);
        assert_eq!(texts(&doc), vec!["Mine."]);
    }
}
