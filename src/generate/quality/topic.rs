//! Off-topic sections: a body section must be about the article's topic.
//!
//! The topic is the one the article was generated for (the manifest's `topic`, or `--topic`),
//! else the front matter title. Its distinctive terms are its words less stop words and words
//! that say what kind of article it is ("guide", "introduction"). A section is on topic when
//! its heading names one of them, or its prose uses them at least once per
//! [`WORDS_PER_TERM`] words, or a footnote it cites names one (it draws on a page about the
//! topic: the "Default-deny ruleset" of a page on nftables firewalls), or it shares enough recurring words with the sections that do
//! (a close neighbour, see [`NEIGHBOUR_PERCENT`]). Words are compared on a light stem (plural
//! `s`, `-ing`, `-ed` dropped) and by prefix, so "borrowing" finds "borrowed" and "backups"
//! finds "backup".

use super::*;

/// Prose words a section may run per use of a topic term before it is about something else.
const WORDS_PER_TERM: usize = 150;
/// Share of a section's distinct longer words (stems of five letters or more) that must recur
/// (twice or more) in the rest of the article (introduction, sections that name the topic,
/// FAQ, conclusion), for a section
/// that does not name it to count as its close neighbour. Measured on the sample knowledge
/// base's articles: a "Key concepts" section of a firewall article shares 34 %, glossaries of
/// DNS terms 16-24 %, an unrelated section 4 %.
const NEIGHBOUR_PERCENT: usize = 30;

/// Words of a topic that do not say what it is about.
const GENERIC: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "of",
    "in",
    "on",
    "for",
    "to",
    "with",
    "without",
    "how",
    "what",
    "why",
    "when",
    "guide",
    "tutorial",
    "introduction",
    "intro",
    "overview",
    "using",
    "use",
    "basics",
    "basic",
    "getting",
    "started",
    "best",
    "practices",
    "practice",
    "tips",
    "complete",
    "beginner",
    "beginners",
    "vs",
    "versus",
    "your",
    "my",
    "about",
    "into",
    "from",
    "by",
    "at",
    "is",
    "are",
    "do",
    "does",
    "explained",
    "understanding",
    "learn",
    "learning",
    "working",
    "writing",
    "part",
    "notes",
    "faq",
];

/// A light stem: lowercase, and `-ies`, `-s`, `-ing`, `-ed` taken off where a stem of four
/// letters or more remains.
fn stem(word: &str) -> String {
    // One allocation, cut in place: the off-topic rules stem every word of every candidate
    // section, so this is among the composer's hottest functions.
    let mut w = String::with_capacity(word.len());
    w.extend(
        word.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase),
    );
    let kept = |w: &str, suffix: &str, least: usize| {
        w.strip_suffix(suffix)
            .filter(|rest| rest.chars().count() >= least)
            .map(str::len)
    };
    if let Some(len) = kept(&w, "ies", 4) {
        w.truncate(len);
        w.push('y');
    } else if let Some(len) = kept(&w, "s", 3).filter(|_| !w.ends_with("ss")) {
        // "logs" → "log", as the composer stems it (`compose::stem`).
        w.truncate(len);
    } else if let Some(len) = kept(&w, "ing", 4).or_else(|| kept(&w, "ed", 4)) {
        w.truncate(len);
    }
    w
}

/// The topic's distinctive terms, stemmed, in order, without repeats.
pub(super) fn topic_terms(topic: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in topic.split(|c: char| c.is_whitespace() || c == '-' || c == '/') {
        let lower = word.to_lowercase();
        let lower = lower.trim_matches(|c: char| !c.is_alphanumeric());
        if lower.is_empty() || GENERIC.contains(&lower) {
            continue;
        }
        let term = stem(lower);
        if term.chars().count() >= 2 && !terms.contains(&term) {
            terms.push(term);
        }
    }
    terms
}

/// Words that join the subjects of a topic naming several ("ownership and borrowing"): each
/// conjunct has a head of its own.
const CONJUNCTIONS: &[&str] = &["and", "or", "&", "vs", "versus"];

/// Nouns documentation uses of everything: as the last word of a topic ("unsafe code",
/// "window functions", "foreign key support") they leave the word before them to say what
/// the topic is, and a title naming only them ("Base Code", "Aggregate Functions") names
/// another subject.
const BROAD_HEADS: &[&str] = &[
    "code", "data", "support", "system", "type", "value", "function", "file", "object", "program",
    "feature", "mode", "command", "tool", "library", "language",
];

/// The heads of the topic: the last distinctive term of each conjunct, as English puts the
/// head of a noun phrase last ("emitters" of "event emitters", "Box" of "smart pointers with
/// Box"), or the term before a broad one (see [`BROAD_HEADS`]), and every term that is a name
/// by its digits ("FTS5"). Stemmed like [`topic_terms`].
pub(super) fn head_terms(topic: &str) -> Vec<String> {
    let mut heads: Vec<String> = Vec::new();
    // The distinctive terms of the conjunct read so far.
    let mut conjunct: Vec<String> = Vec::new();
    let close = |conjunct: &mut Vec<String>, heads: &mut Vec<String>| {
        let head = match conjunct.as_slice() {
            [.., before, last] if BROAD_HEADS.contains(&last.as_str()) => before.clone(),
            [.., last] => last.clone(),
            [] => return,
        };
        heads.push(head);
        conjunct.clear();
    };
    for word in topic.split(|c: char| c.is_whitespace() || c == '-' || c == '/') {
        if is_conjunction(word) {
            close(&mut conjunct, &mut heads);
            continue;
        }
        let lower = word.to_lowercase();
        let lower = lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '&');
        if !lower.is_empty() && !GENERIC.contains(&lower) {
            let term = stem(lower);
            let named_by_digits =
                lower.chars().any(|c| c.is_ascii_digit()) && lower.chars().any(char::is_alphabetic);
            if named_by_digits {
                heads.push(term.clone());
            }
            if term.chars().count() >= 2 {
                conjunct.push(term);
            }
        }
        if word.ends_with(',') {
            close(&mut conjunct, &mut heads);
        }
    }
    close(&mut conjunct, &mut heads);
    let mut seen = HashSet::new();
    heads.retain(|h| seen.insert(h.clone()));
    heads
}

/// Whether a topic joins several subjects ("ownership and borrowing", "closures, iterators"):
/// a page on one of them is not the page on all.
pub fn joins_subjects(topic: &str) -> bool {
    topic.contains(',') || topic.split_whitespace().any(is_conjunction)
}

/// The subjects a topic joins ("ownership" and "borrowing" of "ownership and borrowing"), in
/// its order; the topic alone when it joins none.
pub fn subjects(topic: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in topic.split(',') {
        let mut words: Vec<&str> = Vec::new();
        for word in part.split_whitespace() {
            if is_conjunction(word) {
                out.push(words.join(" "));
                words.clear();
            } else {
                words.push(word);
            }
        }
        out.push(words.join(" "));
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Whether a word of a topic is one of [`CONJUNCTIONS`], whatever its case and punctuation.
fn is_conjunction(word: &str) -> bool {
    let lower = word.to_lowercase();
    CONJUNCTIONS.contains(&lower.trim_matches(|c: char| !c.is_alphanumeric() && c != '&'))
}

/// A topic as the off-topic check reads it: its distinctive terms (see [`topic_terms`]) and
/// its heads (see [`head_terms`]).
pub(super) struct TopicWords {
    terms: Vec<String>,
    heads: Vec<String>,
}

impl TopicWords {
    pub(super) fn of(topic: &str) -> Self {
        Self {
            terms: topic_terms(topic),
            heads: head_terms(topic),
        }
    }

    /// For a title that names some of the topic's terms but none of its heads, how many
    /// words of its own it adds; `None` for any other title.
    fn headless_title_words(&self, title: &str) -> Option<usize> {
        let named = |word: &str| uses(word, &self.terms) > 0;
        let words = crate::text::content_words(title);
        let extra = words
            .iter()
            .filter(|w| !named(w) && !GENERIC.contains(&w.as_str()))
            .count();
        (words.iter().any(|w| named(w)) && !self.names_head(title)).then_some(extra)
    }

    /// Whether a page titled `title` is about a neighbouring subject that shares a word with
    /// the topic: the title names some of the topic's terms but none of its heads, and adds
    /// words of its own. "Trace events" beside "event emitters", "Rc<T>, the Reference
    /// Counted Smart Pointer" beside "smart pointers with Box" and `git-bisect(1)` beside
    /// "git rebase" are other subjects; "Events" and "Smart Pointers", which add nothing,
    /// are the broader subject the topic belongs to.
    fn sibling(&self, title: &str) -> bool {
        self.headless_title_words(title)
            .is_some_and(|extra| extra > 0)
    }

    fn names_head(&self, text: &str) -> bool {
        uses(text, &self.heads) > 0
    }
}

/// Whether a page titled `title` is on the broader subject `topic` belongs to: it names some
/// of the topic's terms, none of its heads, and nothing else ("Lifetimes" for "lifetime
/// elision", "Events" for "event emitters").
pub fn broader_subject(title: &str, topic: &str) -> bool {
    TopicWords::of(topic).headless_title_words(title) == Some(0)
}

/// Whether `title` names a head of `topic` (see [`head_terms`]): "match" names "pattern
/// matching with match", "Smart Pointers" does not name "smart pointers with Box".
pub fn names_head(title: &str, topic: &str) -> bool {
    TopicWords::of(topic).names_head(title)
}

/// Whether a page titled `title` is about a neighbouring subject of `topic` (see
/// [`TopicWords::sibling`]): the composer does not count such a page as one on the topic.
pub fn sibling_subject(title: &str, topic: &str) -> bool {
    TopicWords::of(topic).sibling(title)
}

/// The stems of five letters or more in `text`: enough to be content words.
fn neighbour_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split_whitespace()
        .map(stem)
        .filter(|w| w.chars().count() >= 5)
}

/// Uses of the terms in `text`: words whose stem starts with a term's. Compounds count by
/// their parts: `git-cherry-pick(1)` uses "cherry" and "pick".
fn uses(text: &str, terms: &[String]) -> usize {
    // A word's stem starts with its first alphanumeric, lowercased: a word no term starts
    // like is not stemmed at all.
    let could_use = |word: &str| {
        word.chars()
            .find(|c| c.is_alphanumeric())
            .and_then(|c| c.to_lowercase().next())
            .is_some_and(|first| terms.iter().any(|t| t.starts_with(first)))
    };
    text.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
        .filter(|w| could_use(w))
        .map(stem)
        .filter(|w| terms.iter().any(|t| w.starts_with(t.as_str())))
        .count()
}

/// The text of each footnote definition (for a generated article, the title and headings of
/// a source page) cited from the lines `lines`, in label order.
fn definitions_cited(doc: &Doc, lines: std::ops::Range<usize>) -> Vec<String> {
    let mut defs: Vec<&Label> = doc.footnote_defs.iter().collect();
    defs.sort_by_key(|d| d.line);
    let definition = |label: &str| -> String {
        let Some(at) = defs.iter().position(|d| d.label == label) else {
            return String::new();
        };
        let (from, to) = (
            defs[at].line,
            defs.get(at + 1).map_or(usize::MAX, |d| d.line),
        );
        doc.blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Footnote)
            .filter(|b| (from..to).contains(&doc.line_of(b.start)))
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut labels: Vec<&str> = doc
        .footnote_refs
        .iter()
        .filter(|r| lines.contains(&r.line))
        .map(|r| r.label.as_str())
        .collect();
    labels.sort_unstable();
    labels.dedup();
    labels.into_iter().map(definition).collect()
}

/// The lines part `i` spans.
fn part_lines(doc: &Doc, i: usize) -> std::ops::Range<usize> {
    let start = doc.parts[i].line;
    start..doc.parts.get(i + 1).map_or(usize::MAX, |p| p.line)
}

/// The footnote definitions part `i` cites, joined: for a generated article, the title and
/// headings of each source page the part draws on.
fn cited_sources(doc: &Doc, i: usize) -> String {
    definitions_cited(doc, part_lines(doc, i)).join(" ")
}

/// Part `i`'s heading and text, footnote definitions left out.
fn part_text(doc: &Doc, i: usize) -> String {
    let mut text = doc.parts[i].heading.clone();
    for b in doc
        .blocks
        .iter()
        .filter(|b| b.part == i && b.kind != BlockKind::Footnote)
    {
        text.push(' ');
        text.push_str(&b.text);
    }
    text
}

/// A body section the check rejects: its part index, the topic terms it uses and needs, and
/// the share of its words that recur in the on-topic text.
struct OffTopic {
    part: usize,
    hits: usize,
    needed: usize,
    percent: usize,
}

/// The body sections of `doc` that are not about the topic whose distinctive terms are
/// `terms`.
fn off_topic_parts(doc: &Doc, topic: &TopicWords) -> Vec<OffTopic> {
    let terms = &topic.terms;
    let text_of = |i: usize| part_text(doc, i);
    let topic_pages = topic_page_references(doc, topic);
    let below_topic_pages = |i: usize| {
        let cited = definitions_cited(doc, part_lines(doc, i));
        !cited.is_empty()
            && cited.iter().all(|d| {
                page_title_of(d).is_some_and(|(page, _)| {
                    let reference = page_reference(page);
                    topic_pages.iter().any(|p| reference_below(reference, p))
                })
            })
    };
    // First the direct test: the section names the topic often enough, or is drawn from
    // nested chapters of a page on it.
    let mut verdicts: Vec<(usize, String, usize, usize)> = Vec::new();
    let mut core: HashMap<String, usize> = HashMap::new();
    for (i, part) in doc.parts.iter().enumerate() {
        let text = text_of(i);
        let (hits, needed) = (
            uses(&text, terms),
            part.words.div_ceil(WORDS_PER_TERM).max(1),
        );
        let direct = uses(&part.heading, terms) > 0
            || hits >= needed
            || uses(&cited_sources(doc, i), terms) > 0
            || below_topic_pages(i);
        match part.kind {
            PartKind::Section if !direct => verdicts.push((i, text, hits, needed)),
            // Everything else the article says about the topic is its on-topic text.
            PartKind::Exempt => {}
            _ => {
                for word in neighbour_words(&text) {
                    *core.entry(word).or_default() += 1;
                }
            }
        }
    }
    // Then the neighbours: a section that does not name the topic but shares enough of the
    // on-topic text's recurring words is about it too ("Key concepts" of a firewall article).
    verdicts
        .into_iter()
        .filter_map(|(part, text, hits, needed)| {
            let words: HashSet<String> = neighbour_words(&text).collect();
            let shared = words
                .iter()
                .filter(|w| core.get(*w).is_some_and(|&n| n >= 2))
                .count();
            let percent = if words.is_empty() {
                0
            } else {
                shared * 100 / words.len()
            };
            (percent < NEIGHBOUR_PERCENT).then_some(OffTopic {
                part,
                hits,
                needed,
                percent,
            })
        })
        .collect()
}

/// A cited page's name without the headings under it (its title and reference, "pgbench —
/// pgbench.html"), when the footnote gives a title, and how deep in the page the cited
/// passage is: the headings after the reference ("pgbench › Notes › Per-Transaction
/// Logging" is three).
fn page_title_of(definition: &str) -> Option<(&str, usize)> {
    let mut parts = definition.split(" › ");
    let page = parts.next()?;
    page.contains(" — ").then_some((page, parts.count()))
}

/// Whether the heading a footnote cites last is headed by the topic: its last word is the
/// topic's last term, as English puts the head of a noun phrase last ("for and iterators",
/// "FFI and unwinding"), where "Per-Transaction Logging" is about logging.
fn headed_by_topic(definition: &str, terms: &[String]) -> bool {
    let leaf = definition.rsplit(" › ").next().unwrap_or(definition);
    let last_word = leaf
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .rfind(|w| !w.is_empty())
        .unwrap_or("");
    terms
        .last()
        .is_some_and(|t| !last_word.contains('-') && uses(last_word, std::slice::from_ref(t)) > 0)
}

/// Headings from a page's title down to a cited passage at which it is a detail of the page's
/// own subject rather than a page of the site's (a child page of a topic, "RAII" under
/// ownership, sits at the top of its own page).
const NEIGHBOUR_DEPTH: usize = 3;

/// The path of a page's public reference: a relative path as it is, a URL's path without its
/// host; neither with a fragment or query.
pub fn reference_path(reference: &str) -> &str {
    let reference = reference.split(['#', '?']).next().unwrap_or("");
    match reference.split_once("://") {
        Some((_, rest)) => rest.split_once('/').map_or("", |(_, path)| path),
        None => reference,
    }
}

/// The folder of a page's public reference ("fn/closures/" of `fn/closures/capture.html`),
/// or "" at the top.
fn reference_folder(reference: &str) -> &str {
    let path = reference_path(reference);
    path.rfind('/').map_or("", |i| &path[..=i])
}

/// Whether two pages lie in the same folder below the top of their site
/// (`fn/closures/capture.html` and `fn/closures/input_parameters.html`): chapters of one part
/// of a book. Pages at the top share no part.
pub fn same_subfolder(a: &str, b: &str) -> bool {
    let folder = reference_folder(a);
    !folder.is_empty() && folder == reference_folder(b)
}

/// Whether the page at `reference` lies in the folder named after the page at `parent`
/// (`scope/move/partial_move.html` below `scope/move.html`): a nested chapter of a book.
pub fn reference_below(reference: &str, parent: &str) -> bool {
    let folder = reference_folder(reference);
    reference_path(parent)
        .rsplit_once('.')
        .is_some_and(|(stem, extension)| {
            !extension.contains('/')
                && folder
                    .strip_prefix(stem)
                    .is_some_and(|r| r.starts_with('/'))
        })
}

/// The public reference in a cited page's name ("fn/closures/capture.html" of "Capturing —
/// fn/closures/capture.html"; the last dash, as titles may hold one), or "".
fn page_reference(page: &str) -> &str {
    page.rsplit_once(" — ").map_or("", |(_, r)| r.trim())
}

/// The references of the pages the article cites whose titles name the topic (half its
/// terms): the topic's own pages.
fn topic_page_references(doc: &Doc, topic: &TopicWords) -> Vec<String> {
    definitions_cited(doc, 0..usize::MAX)
        .iter()
        .filter_map(|d| page_title_of(d))
        .filter(|(page, _)| names_half(page, &topic.terms) && !topic.sibling(page_title(page)))
        .map(|(page, _)| page_reference(page).to_owned())
        .collect()
}

/// The title in a cited page's name ("Capturing" of "Capturing — fn/closures/capture.html").
fn page_title(page: &str) -> &str {
    page.rsplit_once(" — ")
        .map_or(page, |(title, _)| title.trim())
}

/// Body sections drawn only from pages on subjects that share a word with the topic (see
/// [`TopicWords::sibling`]), beside a page on the topic itself, whose headings name none of the
/// topic's heads: "Trace events" in an article on event emitters that cites "Events". Each
/// with the titles of the pages it cites.
fn sibling_page_parts(doc: &Doc, topic: &TopicWords) -> Vec<(usize, String)> {
    if topic_page_references(doc, topic).is_empty() {
        return Vec::new();
    }
    sections_citing_pages(doc)
        .filter(|(i, pages)| {
            !topic.names_head(&doc.parts[*i].heading)
                && pages.iter().all(|p| topic.sibling(p.title()))
        })
        .map(|(i, pages)| (i, joined(&pages, CitedPage::title)))
        .collect()
}

/// A page a body section cites, read from the footnote: the page's name ("pgbench —
/// pgbench.html"), how deep in it the passage is (see [`page_title_of`]) and the whole
/// footnote, headings included.
struct CitedPage {
    name: String,
    depth: usize,
    definition: String,
}

impl CitedPage {
    /// The page's title, without its reference.
    fn title(&self) -> &str {
        page_title(&self.name)
    }

    fn name(&self) -> &str {
        &self.name
    }
}

/// The body sections whose every footnote names a page (a generated article's do), each with
/// the pages it cites: the sections the checks on neighbouring pages judge.
fn sections_citing_pages(doc: &Doc) -> impl Iterator<Item = (usize, Vec<CitedPage>)> + '_ {
    doc.parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PartKind::Section)
        .filter_map(|(i, _)| {
            let defs = definitions_cited(doc, part_lines(doc, i));
            let pages: Vec<CitedPage> = defs
                .iter()
                .filter_map(|d| {
                    page_title_of(d).map(|(name, depth)| CitedPage {
                        name: name.to_owned(),
                        depth,
                        definition: d.clone(),
                    })
                })
                .collect();
            (!pages.is_empty() && pages.len() == defs.len()).then_some((i, pages))
        })
}

/// `pages`' names as `name` reads them, joined for a problem's text.
fn joined(pages: &[CitedPage], name: impl Fn(&CitedPage) -> &str) -> String {
    pages.iter().map(name).collect::<Vec<_>>().join("; ")
}

/// Body sections drawn only from neighbouring pages beside the topic's own: the article cites
/// a page whose title names the topic (half its terms, as "Events" names event emitters),
/// and every page the section cites has a title naming none of the topic's terms and is
/// either cited deep inside it (pgbench's "Per-Transaction Logging", HTTP/2's "Event:
/// 'frameError'") or, with headings naming none of the terms either, lies outside the
/// folders of the topic's own pages (the closures chapter's "Capturing",
/// `fn/closures/capture.html`, beside `scope/borrow.html` in "ownership and borrowing").
/// Their headings may name the topic; their pages are about something else. Each with the
/// titles of the pages it cites.
fn neighbour_page_parts(doc: &Doc, topic: &TopicWords) -> Vec<(usize, String)> {
    let terms = &topic.terms;
    let own_folders: Vec<String> = topic_page_references(doc, topic)
        .iter()
        .map(|r| reference_folder(r).to_owned())
        .collect();
    if own_folders.is_empty() {
        return Vec::new();
    }
    let beside_own = |page: &str| {
        let folder = reference_folder(page_reference(page));
        own_folders
            .iter()
            .any(|own| folder.starts_with(own.as_str()))
    };
    sections_citing_pages(doc)
        .filter(|(_, pages)| {
            !pages.iter().any(|p| headed_by_topic(&p.definition, terms))
                && pages.iter().all(|p| {
                    named_terms(&p.name, terms) == 0
                        && (p.depth >= NEIGHBOUR_DEPTH
                            || (!beside_own(&p.name) && named_terms(&p.definition, terms) == 0))
                })
        })
        .map(|(i, pages)| (i, joined(&pages, CitedPage::name)))
        .collect()
}

/// Body sections drawn only from pages on the broader subject the topic belongs to (see
/// [`broader_subject`]: "Lifetimes" for "lifetime elision") that never name a head of the
/// topic, where the article cites a page on the whole topic ("Lifetime Elision"): the broader
/// page's own matter ("The area covered by a lifetime") is a neighbour of the topic, which has
/// a page of its own. Without such a page, the broader one is the topic's page ("Events" for
/// event emitters) and its sections stand. Each with the titles of the pages it cites.
fn broader_page_parts(doc: &Doc, topic: &TopicWords) -> Vec<(usize, String)> {
    let whole_topic_page = definitions_cited(doc, 0..usize::MAX).iter().any(|d| {
        page_title_of(d).is_some_and(|(page, _)| {
            named_terms(page_title(page), &topic.terms) == topic.terms.len()
        })
    });
    if !whole_topic_page || topic.terms.len() < 2 {
        return Vec::new();
    }
    sections_citing_pages(doc)
        .filter(|(i, pages)| {
            pages
                .iter()
                .all(|p| topic.headless_title_words(p.title()) == Some(0))
                && !topic.names_head(&part_text(doc, *i))
        })
        .map(|(i, pages)| (i, joined(&pages, CitedPage::title)))
        .collect()
}

/// Words that open a reference entry declaring a named thing: "Class: Blob" (Node.js),
/// "Struct `Box`", "Interface: `Stream`".
const ENTITY_KINDS: &[&str] = &[
    "class",
    "struct",
    "enum",
    "trait",
    "interface",
    "union",
    "exception",
    "module",
    "namespace",
];

/// The name a reference entry's heading declares: "Blob" of "Class: Blob",
/// "readline.Interface" of "Class: `readline.Interface`", `Box` of "Struct `Box`". A heading
/// in words ("Struct visibility", "Class variables") declares nothing: the name must follow a
/// colon or be code.
fn declared_entity(heading: &str) -> Option<&str> {
    let text = heading.trim_start_matches('#').trim();
    let (kind, rest) = text.split_once(|c: char| c == ':' || c.is_whitespace())?;
    if !ENTITY_KINDS.contains(&kind.to_lowercase().as_str()) {
        return None;
    }
    let after_colon = text[kind.len()..].starts_with(':');
    let rest = rest.trim_start();
    if !after_colon && !rest.starts_with('`') {
        return None;
    }
    let name = rest
        .trim_start_matches('`')
        .trim_start_matches("new ")
        .split(|c: char| c.is_whitespace() || matches!(c, '`' | '(' | '<' | '['))
        .next()?;
    name.chars().any(char::is_alphanumeric).then_some(name)
}

/// Body sections whose heading declares a reference entry for a thing the topic does not
/// name, with its name: a page documents several classes ("Class: Blob" on Node's buffer
/// page), and the article is about one of them. The name counts with its module
/// ("readline.Interface" names readline), so an entry of the topic's own module stays. A
/// name made only of the topic's words other than its heads is the broader thing the topic
/// narrows ("Class: Event" beside event emitters); "EventEmitter" names the head among its
/// words.
fn other_entity_parts(doc: &Doc, topic: &TopicWords) -> Vec<(usize, String)> {
    doc.parts
        .iter()
        .enumerate()
        .filter(|(_, p)| p.kind == PartKind::Section)
        .filter_map(|(i, p)| {
            let name = declared_entity(&p.heading)?;
            let words = identifier_words(name);
            let mut words = words
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty());
            let broader = words
                .clone()
                .all(|w| uses(w, &topic.terms) > 0 && !topic.names_head(w));
            let other = uses(name, &topic.terms) == 0;
            (other || (broader && words.next().is_some())).then(|| (i, name.to_owned()))
        })
        .collect()
}

/// An identifier's words apart: a space where a lowercase letter or a digit meets a capital
/// ("AbstractEventLoop" is "Abstract Event Loop").
fn identifier_words(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 8);
    let mut before: Option<char> = None;
    for c in name.chars() {
        if c.is_uppercase() && before.is_some_and(|b| b.is_lowercase() || b.is_ascii_digit()) {
            out.push(' ');
        }
        out.push(c);
        before = Some(c);
    }
    out
}

/// Every body section the off-topic check rejects, in article order, each once, with why.
fn rejected_sections(doc: &Doc, topic: &TopicWords) -> Vec<(usize, String)> {
    let mut rejected: Vec<(usize, String)> = off_topic_parts(doc, topic)
        .into_iter()
        .map(|o| {
            let words = count(doc.parts[o.part].words, "word", "words");
            let why = format!(
                "{} of the topic's terms in {words} (at least {} expected), and {}% of its \
                 words recur in the on-topic text (at least {NEIGHBOUR_PERCENT}% expected)",
                o.hits, o.needed, o.percent
            );
            (o.part, why)
        })
        .chain(neighbour_page_parts(doc, topic).into_iter().map(|(i, pages)| {
            let why = format!(
                "drawn only from pages about other subjects ({pages}), beside a page on the \
                 topic"
            );
            (i, why)
        }))
        .chain(sibling_page_parts(doc, topic).into_iter().map(|(i, pages)| {
            let why = format!(
                "drawn only from pages on neighbouring subjects that share a word with the \
                 topic ({pages}), beside a page on the topic"
            );
            (i, why)
        }))
        .chain(broader_page_parts(doc, topic).into_iter().map(|(i, pages)| {
            let why = format!(
                "drawn only from pages on the broader subject ({pages}) and never naming the \
                 topic itself, beside a page on the whole topic"
            );
            (i, why)
        }))
        .chain(other_entity_parts(doc, topic).into_iter().map(|(i, name)| {
            let why = format!("the reference entry of {}, which the topic does not name", quote(&name));
            (i, why)
        }))
        .collect();
    rejected.sort_by_key(|(i, _)| *i);
    rejected.dedup_by_key(|(i, _)| *i);
    rejected
}

/// The headings (as plain text) of the body sections of a Markdown body that the off-topic
/// check rejects for `topic`: the composer drops these before it writes a conclusion.
pub fn off_topic_headings(body: &str, topic: &str) -> Vec<String> {
    let doc = Doc::parse(body, 1);
    rejected_sections(&doc, &TopicWords::of(topic))
        .into_iter()
        .map(|(part, _)| {
            doc.parts[part]
                .heading
                .trim_start_matches('#')
                .trim()
                .to_owned()
        })
        .collect()
}

/// Whether `text` (a page's title and headings) uses at least half of `terms`; a topic with a
/// term that is a name by its digits is named by that name ("SQLite FTS5 Extension" names
/// "FTS5 full-text search", "Full Text" does not).
fn names_half(text: &str, terms: &[String]) -> bool {
    let names: Vec<String> = terms
        .iter()
        .filter(|t| t.chars().any(|c| c.is_ascii_digit()) && t.chars().any(|c| c.is_alphabetic()))
        .cloned()
        .collect();
    if names.is_empty() {
        named_terms(text, terms) * 2 >= terms.len()
    } else {
        named_terms(text, &names) == names.len()
    }
}

/// Whether a page whose title and headings are `page_name` is about `topic` as the report
/// judges an introduction's sources: it names at least half of the topic's terms. The
/// composer asks before it opens an article with the page.
pub fn page_names_topic(page_name: &str, topic: &str) -> bool {
    names_half(page_name, &topic_terms(topic))
}

/// Whether a page whose title and headings are `page_name` names every one of the topic's
/// terms: an introduction drawn from another page, when the article cites such a page,
/// opens on a neighbouring subject.
pub fn page_names_whole_topic(page_name: &str, topic: &str) -> bool {
    let terms = topic_terms(topic);
    !terms.is_empty() && named_terms(page_name, &terms) == terms.len()
}

/// How many of `terms` `text` uses.
fn named_terms(text: &str, terms: &[String]) -> usize {
    terms
        .iter()
        .filter(|t| uses(text, std::slice::from_ref(*t)) > 0)
        .count()
}

/// The introduction's problem when it draws only on pages about something else: it cites
/// sources, and none of their footnotes (title and headings) names at least half of the
/// topic's terms. An introduction stitched from the openings of neighbouring pages
/// (`cached_property` for "decorators") is about their subjects. An introduction that cites
/// nothing is not judged here.
fn introduction_elsewhere(doc: &Doc, terms: &[String]) -> Option<String> {
    let intro = doc
        .parts
        .iter()
        .position(|p| p.kind == PartKind::Introduction)?;
    let cited = definitions_cited(doc, part_lines(doc, intro));
    if cited.is_empty() {
        return None;
    }
    if !names_half(&cited.join(" "), terms) {
        return Some(format!(
            "the introduction draws only on pages about other subjects: none of the pages it \
             cites names {} in its title or headings",
            terms.join(", ")
        ));
    }
    // The article cites a page named after the whole topic (`git-bisect(1)`), and the
    // introduction opens on a page that names less of it (`git-worktree(1)` names "git").
    let best = |defs: &[String]| {
        defs.iter()
            .map(|d| named_terms(d, terms))
            .max()
            .unwrap_or(0)
    };
    let everywhere = definitions_cited(doc, 0..usize::MAX);
    (terms.len() >= 2 && best(&everywhere) == terms.len() && best(&cited) < terms.len()).then(
        || {
            format!(
                "the introduction draws on pages that name fewer of {} than a page the article \
                 cites elsewhere",
                terms.join(", ")
            )
        },
    )
}

pub(super) fn check_off_topic(doc: &Doc, topic: &str) -> Check {
    let words = TopicWords::of(topic);
    let terms = &words.terms;
    if terms.is_empty() {
        return Check {
            name: "off_topic_sections".to_owned(),
            passed: true,
            detail: format!(
                "the topic {} has no distinctive terms to check",
                quote(topic)
            ),
        };
    }
    let problems: Vec<String> = introduction_elsewhere(doc, terms)
        .into_iter()
        .chain(
            rejected_sections(doc, &words)
                .into_iter()
                .map(|(i, why)| format!("{}: {why}", heading_label(&doc.parts[i]))),
        )
        .collect();
    let checked = doc
        .parts
        .iter()
        .filter(|p| p.kind == PartKind::Section)
        .count();
    finish(
        "off_topic_sections",
        problems,
        format!(
            "{} about {} ({})",
            count(checked, "section", "sections"),
            quote(topic),
            terms.join(", ")
        ),
        ("off-topic section", "off-topic sections"),
    )
}
