//! Coherence: text that leans on something the article does not contain. A section that
//! opens with "This", "So," or "Next, we'll" continues a page the reader never saw; "Listing
//! 4-6", "as we saw in Chapter 8" and "In this chapter" point into a book, not the article.

use super::*;

/// First words that need an antecedent. "It" and "They" are fine in an FAQ answer, where the
/// question is the antecedent; connectives are not.
const PRONOUNS: &[&str] = &[
    "this", "that", "these", "those", "it", "its", "they", "them", "their", "such", "another",
];
const CONNECTIVES: &[&str] = &[
    "so",
    "then",
    "next",
    "also",
    "however",
    "but",
    "and",
    "or",
    "thus",
    "therefore",
    "hence",
    "otherwise",
    "instead",
    "similarly",
    "likewise",
    "additionally",
    "furthermore",
    "moreover",
    "finally",
    "again",
    "still",
    "besides",
    "lastly",
    "now",
    "anyway",
    "alright",
    "okay",
    "ok",
];
/// Openings that refer back to earlier text.
const BACK_REFERENCES: &[&str] = &[
    "as mentioned",
    "as we saw",
    "as we've seen",
    "as we have seen",
    "as shown",
    "as noted",
    "as discussed",
    "as explained",
    "as before",
    "as above",
    "without it",
    "with it",
    "with this",
    "for this",
    "because of this",
    "in this case",
    "after that",
    "before that",
    "like this",
    "the above",
    "the previous",
    "the same",
    "in the previous",
    "in the last",
    "in fact",
    "indeed",
    "in addition",
    "as a result",
    "that said",
    // What was to be done, or the problem solved, is in the sentence before.
    "to do so",
    "to do this",
    "doing so",
    "in doing so",
    "one solution",
    "another solution",
    "the solution",
    "in such cases",
    "in such a case",
    "in that case",
    "in any case",
];
/// Phrases anywhere in a section's first sentence that refer back to text before it: the
/// reader's progress through the source ("Thus far, our queries…"), what was shown earlier
/// ("the latter", "one of these"), what the reader did there ("assuming you created…").
const LOOKING_BACK: &[&str] = &[
    "thus far",
    "seen so far",
    "so far, we",
    "so far we",
    "so far in",
    "the latter",
    "the former",
    "this latter",
    "this former",
    "of these",
    "of those",
    "these kinds",
    "those kinds",
    "we saw",
    "you saw",
    "we've seen",
    "you've seen",
    "we learned",
    "you learned",
    "we've learned",
    "you've learned",
    "we created",
    "you created",
    "we've created",
    "you've created",
    "we defined",
    "we've defined",
    "we wrote",
    "we've written",
    "still with me",
    "not to worry",
    "to recap",
];
/// Labels of an aside ("Note: This latter equivalence…"): what follows the label opens it.
const ASIDE_LABELS: &[&str] = &[
    "note:",
    "tip:",
    "warning:",
    "important:",
    "caution:",
    "hint:",
];
/// Words of a sentence's start within which "also" after a personal subject adds to
/// something before ("We can also join a table against itself."); after a named one it
/// names what it adds ("Build scripts are also allowed dependencies.").
const ALSO_WITHIN: usize = 4;
const PERSONAL_SUBJECTS: &[&str] = &["we", "you", "i", "one"];
/// Words within which a sentence's "this", "these" or "those" before a noun points back at
/// something named before it ("When an application receives this error message, …").
const DEMONSTRATIVE_WITHIN: usize = 10;
/// Words after "this" that make it a pronoun or part of a phrase, not a pointer at a named
/// thing: a pronoun leans too, but is read by the opener rules.
const NOT_A_NOUN: &[&str] = &[
    "is", "was", "are", "were", "will", "would", "can", "could", "may", "might", "should", "must",
    "means", "does", "did", "has", "have", "had", "makes", "allows", "lets", "gives", "works",
    "way", "time", "point", "case", "one", "and", "or", "to", "in", "on", "by", "for", "with",
    "of", "as", "also", "only", "not", "a", "an", "the",
];

/// The word after a demonstrative ("this", "these", "those") within a sentence's first words
/// that names a thing the sentence has not named before it: "this error message" in "When
/// an application receives this error message" points at a message shown before. A sentence
/// that introduces what follows ("Run this command:") or defines a term (`--quiet`: use this
/// option…) names its own.
fn demonstrative_pointer(lower: &str, heading: &str) -> Option<String> {
    if lower.trim_end().ends_with(':') {
        return None;
    }
    let words: Vec<&str> = lower
        .split_whitespace()
        .take(DEMONSTRATIVE_WITHIN)
        .collect();
    for (i, pair) in words.windows(2).enumerate() {
        let demonstrative = pair[0].trim_matches(|c: char| !c.is_alphanumeric());
        if !matches!(demonstrative, "this" | "these" | "those") || i == 0 {
            continue;
        }
        // A term and its definition ("`--quiet`: use this option to…").
        if words[..i].iter().any(|w| w.ends_with(':')) {
            return None;
        }
        // "If Rust did this, the operation…": the pronoun stands for what came before.
        if demonstrative == "this" && pair[0].ends_with([',', ';']) {
            return Some("this".to_owned());
        }
        let noun = pair[1].trim_matches(|c: char| !c.is_alphanumeric());
        if noun.is_empty() || NOT_A_NOUN.contains(&noun) || pair[0].ends_with([',', '.', ';']) {
            continue;
        }
        let stem = noun.trim_end_matches('s');
        let named_before = words[..i].iter().any(|w| w.contains(stem)) || heading.contains(stem);
        if !named_before && !SELF_NOUNS.contains(&noun) {
            return Some(format!("{demonstrative} {noun}"));
        }
    }
    None
}

/// Nouns after "This" that name the article itself, which is always there.
const SELF_NOUNS: &[&str] = &[
    "article", "guide", "tutorial", "post", "page", "section", "faq", "draft", "summary",
    "overview",
];

/// Phrases of `LOOKING_BACK` that point at what follows a colon ("Pick one of these:").
const POINTING_AHEAD: &[&str] = &["of these", "of those", "these kinds", "those kinds"];

/// The phrase by which a sentence (folded to lowercase) refers back to text before it, if it
/// does.
fn looking_back(lower: &str) -> Option<&'static str> {
    let folded = Folded::new(lower);
    let ahead = lower.trim_end().ends_with(':');
    LOOKING_BACK
        .iter()
        .copied()
        .filter(|p| !(ahead && POINTING_AHEAD.contains(p)))
        .find(|p| !folded.find_all(p).is_empty())
}

/// Whether `sentence` refers back to text before it ("Thus far, our queries have only
/// accessed one table at a time."): it is about the reader's way through the source, and
/// the sentences after it may still stand without it.
pub fn looks_back(sentence: &str) -> bool {
    looking_back(&sentence.to_lowercase()).is_some()
}

/// Why `sentence` cannot open a section, if it cannot.
fn dangling(sentence: &str, in_answer: bool, heading: &str) -> Option<String> {
    let mut lower = sentence
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if let Some(label) = ASIDE_LABELS.iter().find(|l| lower.starts_with(*l)) {
        lower = lower[label.len()..].trim_start().to_owned();
    }
    if let Some(phrase) = looking_back(&lower) {
        return Some(format!("refers back with {}", quote(phrase)));
    }
    if let Some(pointer) = demonstrative_pointer(&lower, &heading.to_lowercase()) {
        return Some(format!("points back with {}", quote(&pointer)));
    }
    let personal = lower
        .split_whitespace()
        .next()
        .is_some_and(|w| PERSONAL_SUBJECTS.contains(&w));
    if !in_answer
        && personal
        && lower
            .split_whitespace()
            .take(ALSO_WITHIN)
            .skip(1)
            .any(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()) == "also")
    {
        return Some(format!(
            "adds to something before it with {}",
            quote("also")
        ));
    }
    let mut words = lower.split_whitespace();
    let first = words.next().unwrap_or("");
    let word = first.trim_end_matches(|c: char| !c.is_alphanumeric());
    let next = words
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| !c.is_alphanumeric());
    if let Some(phrase) = BACK_REFERENCES
        .iter()
        .find(|p| lower.starts_with(*p) && !lower[p.len()..].starts_with(char::is_alphanumeric))
    {
        return Some(format!("opens with {}", quote(phrase)));
    }
    // "Instead of passing the option, set the key" is whole; "Instead, set the key" is not.
    if CONNECTIVES.contains(&word) && !(word == "instead" && next == "of") {
        return Some(format!("opens with the connective {}", quote(word)));
    }
    if PRONOUNS.contains(&word)
        && !in_answer
        && !SELF_NOUNS.contains(&next)
        && !extraposed_it(&lower)
    {
        return Some(format!("opens with {} and nothing before it", quote(word)));
    }
    if !in_answer && describes_unnamed_entry(sentence, heading) {
        return Some(format!(
            "describes an entry it does not name with {}",
            quote(sentence.split_whitespace().next().unwrap_or(""))
        ));
    }
    None
}

/// Words that say what a clause is ("possible", "recommended", "a good idea") in an opening
/// "It is … to/that …".
const CLAUSE_JUDGEMENTS: &[&str] = &[
    "possible",
    "impossible",
    "important",
    "necessary",
    "unnecessary",
    "recommended",
    "common",
    "useful",
    "easy",
    "hard",
    "difficult",
    "best",
    "better",
    "safe",
    "unsafe",
    "advisable",
    "idea",
    "worth",
    "fine",
    "sufficient",
    "enough",
    "convenient",
    "likely",
    "unlikely",
    "essential",
    "reasonable",
    "preferable",
    "allowed",
    "valid",
    "invalid",
    "error",
];
/// Words between "It is" and its judgement ("It is also often useful to").
const JUDGEMENT_LEAD: usize = 4;

/// Whether a sentence opens with an "it" that stands for the clause after it ("It is possible
/// to specify both…", "It's a good idea to pin…", "It may be necessary that…"), not for
/// something before the sentence.
fn extraposed_it(lower: &str) -> bool {
    // "It", its verb (at most three words) and the judgement's words up to "to"/"that".
    let words: Vec<&str> = lower
        .split_whitespace()
        .take(4 + JUDGEMENT_LEAD + 1)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}'))
        .collect();
    let rest = match words.as_slice() {
        ["it's" | "it\u{2019}s", rest @ ..] | ["it", "is" | "was", rest @ ..] => rest,
        [
            "it",
            "can" | "may" | "might" | "would" | "will" | "should",
            "be",
            rest @ ..,
        ] => rest,
        _ => return false,
    };
    let Some(clause) = rest
        .iter()
        .take(JUDGEMENT_LEAD + 1)
        .position(|w| *w == "to" || *w == "that")
    else {
        return false;
    };
    rest[..clause].iter().any(|w| CLAUSE_JUDGEMENTS.contains(w))
}

/// Words after a verb that open its object ("Returns a `Server` object.", "Closes all
/// connections"), where after a plural noun a verb follows ("Tests are run…").
const OBJECT_OPENERS: &[&str] = &[
    "a", "an", "the", "all", "any", "each", "every", "its", "this", "these", "those", "whether",
    "true", "false", "new", "one", "no",
];

/// Verbs a reference entry's description opens on in the imperative, as Python's docstrings
/// do ("Return the created two-interface instance.", "Raise a `RuntimeError` if…"), and that a
/// tutorial's instructions do not.
const API_IMPERATIVES: &[&str] = &["Return", "Raise", "Yield"];

/// Words of a sentence's start that end in "s" and are not verbs.
const NOT_VERBS: &[&str] = &[
    "Sometimes",
    "Perhaps",
    "Always",
    "Nevertheless",
    "Besides",
    "Afterwards",
    "Towards",
    "Regardless",
    "Nowadays",
    "Whereas",
    "Unless",
    "Various",
    "Numerous",
    "Previous",
];

/// Whether `sentence`, opening the section `heading`, is a reference entry's description
/// without the entry: it opens on a verb with no subject ("Returns a `Server` object." under
/// "Creating network servers", or [`API_IMPERATIVES`]' "Raise a `RuntimeError`…"), which
/// only the entry's signature or name before it makes a sentence, and the heading names no
/// entry (an API name is set in code, called, or dotted: `buf.compare()`, `Buffer.concat`; a
/// manual page's section is its command's). An introduction, under the article's title, is
/// not judged: a manual page's own description opens so ("Shows the commit logs.").
fn describes_unnamed_entry(sentence: &str, heading: &str) -> bool {
    let mut words = sentence.split_whitespace();
    let (Some(verb), Some(object)) = (words.next(), words.next()) else {
        return false;
    };
    if heading.trim().is_empty() {
        return false;
    }
    let imperative = API_IMPERATIVES.contains(&verb);
    let third_person = !NOT_VERBS.contains(&verb)
        && verb.len() > 3
        && verb.starts_with(|c: char| c.is_ascii_uppercase())
        && verb[1..].chars().all(|c| c.is_ascii_lowercase())
        && verb.ends_with('s')
        && !verb.ends_with("ss");
    let opens_object =
        object.starts_with('`') || OBJECT_OPENERS.contains(&object.to_lowercase().as_str());
    // A manual page's section ("DESCRIPTION") describes the page's own command.
    let manual_section =
        heading.chars().any(char::is_alphabetic) && !heading.chars().any(char::is_lowercase);
    let names_entry =
        heading.contains(['`', '(', '.', '_']) || heading.contains("::") || manual_section;
    (third_person || imperative) && opens_object && !names_entry
}

/// Sentence endings that announce what comes next as a colon does ("Let's start with an
/// example.", "It works as follows.").
const ANNOUNCING: &[&str] = &[
    "an example.",
    "for example.",
    "for instance.",
    "the following.",
    "as follows.",
    "like this.",
    "like so.",
    "shown below.",
    "see below.",
];

/// What a sentence points forward at with "below" ("the table below", "shown below").
const BELOW: &[&str] = &[
    "shown below",
    "listed below",
    "described below",
    "given below",
    "see below",
    "as below",
    "below is",
    "below are",
    "below shows",
    "below lists",
    "example below",
    "examples below",
    "table below",
    "list below",
    "code below",
    "command below",
    "commands below",
    "output below",
    "snippet below",
    "steps below",
    "options below",
];
/// What "the following" may name without pointing at a block ("the following day"), or
/// that is an absent reference of its own ("the following chapter").
const FOLLOWING_NOT_A_BLOCK: &[&str] = &[
    "day", "days", "week", "year", "month", "morning", "chapter", "chapters", "section",
    "sections", "release", "version",
];

/// Whether a paragraph introduces what follows it: it ends on a colon or on a sentence that
/// announces an example, or a sentence of it points forward ("The following bullets list the
/// options.", "the table below"). Without the code, list or table it introduces it points at
/// nothing.
pub fn is_lead_in(paragraph: &str) -> bool {
    let end = paragraph.trim_end();
    let lower = end.to_lowercase();
    end.ends_with(':')
        || ANNOUNCING.iter().any(|a| lower.ends_with(a))
        || BELOW.iter().any(|b| {
            lower
                .match_indices(b)
                .any(|(at, _)| !lower[at + b.len()..].starts_with(char::is_alphanumeric))
        })
        || lower.match_indices("the following ").any(|(at, p)| {
            let word_start = !lower[..at].ends_with(char::is_alphanumeric);
            let next = lower[at + p.len()..]
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            word_start && !next.is_empty() && !FOLLOWING_NOT_A_BLOCK.contains(&next)
        })
}

/// Whether the report would call `sentence` a dangling opener of a section: the composer asks
/// before it opens a part with it.
pub fn opens_dangling(sentence: &str) -> bool {
    opens_dangling_under(sentence, "")
}

/// [`opens_dangling`] for a sentence that opens the section `heading` heads: "this command"
/// under "The 'delete' command" names the heading's command.
pub fn opens_dangling_under(sentence: &str, heading: &str) -> bool {
    dangling(sentence, false, heading).is_some()
}

pub(super) fn check_dangling_openers(doc: &Doc) -> Check {
    let mut problems = Vec::new();
    // The first paragraph of the article and the first after each heading open something.
    let mut opening = true;
    // The heading right above, of any level: a subsection's names what its text points at
    // ("this server" under `server.closeAllConnections()`).
    let mut above = "";
    for block in &doc.blocks {
        match block.kind {
            BlockKind::Heading => {
                opening = true;
                above = &block.text;
            }
            BlockKind::Prose if opening => {
                opening = false;
                if block.in_list {
                    continue;
                }
                let Some(&(start, end, _)) = sentences(&block.text).first() else {
                    continue;
                };
                let in_answer = doc.parts[block.part].kind == PartKind::FaqAnswer;
                if let Some(why) = dangling(&block.text[start..end], in_answer, above) {
                    let line = doc.line_of(block.source_offset(start));
                    let heading = match doc.parts[block.part].heading.as_str() {
                        "" => "the introduction".to_owned(),
                        h => quote(h),
                    };
                    problems.push(format!(
                        "{heading} {why} (line {line}): {}",
                        quote(&block.text[start..end])
                    ));
                }
            }
            BlockKind::Prose | BlockKind::Cell => opening = false,
            BlockKind::Footnote => {}
        }
    }
    finish(
        "dangling_openers",
        problems,
        "every section opens on its own".to_owned(),
        (
            "section opens on something it does not contain",
            "sections open on something they do not contain",
        ),
    )
}

/// Numbered things an article does not have unless it labels them itself.
const LABELS: &[&str] = &[
    "listing", "figure", "fig.", "table", "example", "exercise", "chapter", "section", "appendix",
    "part", "step",
];
/// Phrases that point into a book or a site rather than into the article.
const BOOK_PHRASES: &[&str] = &[
    "this chapter",
    "next chapter",
    "previous chapter",
    "following chapter",
    "earlier chapter",
    "later chapter",
    "last chapter",
    "this book",
    "the book",
    "rest of the book",
    "later in the book",
    "earlier in the book",
    "next section",
    "previous section",
    "section below",
    "sections below",
    "the first section",
    "this document",
    "the remainder of the document",
    "the rest of this document",
    "the documentation for",
    // A book's exercise for its reader, not the article's.
    "exercise:",
    "chapter below",
    "examples chapter",
    // An example the source showed earlier on its page: an article built from excerpts
    // rarely has it in the same place.
    "the example above",
    "the previous example",
    "the examples from before",
    // What the reader of the page had read before this excerpt.
    "recall that",
    "going back to our",
    "as we saw",
    "as we discussed",
    "mentioned earlier",
    "discussed earlier",
    "described earlier",
    "defined earlier",
    "shown earlier",
    "seen earlier",
    "from before",
    "the above",
    // A figure or diagram of the page: an article built from its text has none.
    "shown on the left",
    "shown on the right",
    "figure below",
    "figure above",
    "diagram below",
    "diagram above",
    "the following figure",
    "the following diagram",
    "in the figure",
    "in this figure",
];

/// Whether `token` is the label of an item in an outline-numbered list (`b.2.`, `a.1`): a
/// lowercase letter, a dot and a number. Text that names one leans on that list ("the thing
/// fixed in b.2."), which an excerpt rarely carries.
fn is_outline_label(token: &str) -> bool {
    let token = token.trim_start_matches(['(', '"', '\'']);
    let token = token.trim_end_matches([',', ';', ':', ')', '"', '\'']);
    let token = token.strip_suffix('.').unwrap_or(token);
    let mut chars = token.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.next() == Some('.')
        && chars.as_str().len() <= 2
        && !chars.as_str().is_empty()
        && chars.as_str().chars().all(|c| c.is_ascii_digit())
}

/// `Listing 4-6`, `Chapter 8`, `Table 2.1`: a label word followed by a number; or a list
/// item's outline label (`b.2.`). Returns the reference folded to lowercase.
fn numbered_references(text: &str) -> Vec<(usize, String)> {
    let tokens: Vec<(usize, &str)> = tokens(text).collect();
    let mut out: Vec<(usize, String)> = tokens
        .iter()
        .filter(|(_, token)| is_outline_label(token))
        .map(|&(at, token)| {
            (
                at,
                token.trim_end_matches(['.', ',', ';', ':', ')']).to_owned(),
            )
        })
        .collect();
    for pair in tokens.windows(2) {
        let [(at, label), (_, number)] = pair else {
            continue;
        };
        let label = label
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let number = number.trim_end_matches(|c: char| !c.is_alphanumeric());
        let numbered = number.chars().next().is_some_and(|c| c.is_ascii_digit())
            && number
                .chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == '.');
        if LABELS.contains(&label.as_str()) && numbered {
            out.push((*at, format!("{label} {number}")));
        }
    }
    out.sort();
    out
}

/// Words after "see" within which a place in the page ("below", "above") makes it a pointer
/// to another part of the page ("see change detection below for more").
const SEE_WITHIN: usize = 5;
/// Where in a page a "see …" sends the reader.
const PAGE_PLACES: &[&str] = &["below", "above", "later", "earlier"];

/// Folded-text spans of "see" that sends the reader to another part of the source page
/// ("…, see change detection below", "(see the section on locking above)"): an article built
/// from excerpts rarely has that part where the sentence says. A "see" with a subject ("you
/// can see the output below:") shows what follows instead.
fn sees_elsewhere_in_page(folded: &Folded) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    for at in folded.find_all("see") {
        let before = folded.text[..at].trim_end();
        if !(before.is_empty() || before.ends_with([',', ';', '(', ':', '.', '—'])) {
            continue;
        }
        // Words after "see", past what touches it ("", ":" in "see: below"), each with
        // where it starts.
        let after = at + "see".len();
        let mut start = after;
        for (k, word) in folded.text[after..].split(' ').enumerate() {
            let word_start = start;
            start += word.len() + 1;
            if k == 0 {
                continue;
            }
            if k > SEE_WITHIN {
                break;
            }
            if PAGE_PLACES.contains(&word.trim_matches(|c: char| !c.is_alphanumeric())) {
                // "See the output below:" introduces what follows it, which the lead-in
                // check reads.
                if !word.ends_with(':') {
                    let place = word.trim_end_matches(|c: char| !c.is_alphanumeric());
                    found.push((at, word_start + place.len()));
                }
                break;
            }
        }
    }
    found
}

/// Whether the report would say `sentence` points into a book or site the article is not
/// ("the book", "Listing 4-6", "see change detection below"): the composer leaves such
/// sentences out.
pub fn points_into_book(sentence: &str) -> bool {
    let folded = Folded::new(sentence);
    !numbered_references(sentence).is_empty()
        || names_book_phrase(&folded)
        || !sees_elsewhere_in_page(&folded).is_empty()
}

/// Whether `text` says one of the phrases that point into a book or site ("this chapter",
/// "this document"): a heading "Organization of this document" is about its page, not a
/// subject a reader would look up.
pub fn points_at_its_page(text: &str) -> bool {
    names_book_phrase(&Folded::new(text))
}

fn names_book_phrase(folded: &Folded) -> bool {
    BOOK_PHRASES
        .iter()
        .any(|phrase| !folded.find_all(phrase).is_empty())
}

/// Paragraphs that introduce a code block, list or table ("Elision rules are as follows:",
/// "Let's start with an example.") with none after them: what follows is more prose, a
/// heading or the end. Code and tables are not text blocks, so they show as lines between the
/// lead-in and the next text.
fn lead_ins_to_nothing(doc: &Doc) -> Vec<String> {
    let mut problems = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if block.kind != BlockKind::Prose || block.in_list || !is_lead_in(&block.text) {
            continue;
        }
        let end = doc.line_of(block.source_offset(block.text.len().saturating_sub(1)));
        let introduced = doc.blocks.get(i + 1).is_some_and(|next| {
            next.kind == BlockKind::Cell
                || (next.kind == BlockKind::Prose && next.in_list)
                || doc.line_of(next.source_offset(0)) > end + 2
        });
        if !introduced {
            let all = sentences(&block.text);
            let sentence = all
                .iter()
                .find(|&&(s, e, _)| is_lead_in(&block.text[s..e]))
                .or(all.last())
                .map_or(block.text.as_str(), |&(s, e, _)| &block.text[s..e]);
            problems.push(format!(
                "line {end} introduces something that is not there: {}",
                quote(sentence)
            ));
        }
    }
    problems
}

/// What a paragraph may point at as code it follows ("This function is safe", "The above
/// example prints").
const CODE_NOUNS: &[&str] = &[
    "function",
    "code",
    "example",
    "program",
    "snippet",
    "listing",
    "output",
    "error",
    "query",
    "macro",
    "implementation",
];
/// Openings that point back at the block before.
const POINTING_BACK: &[&str] = &["this ", "these ", "the above ", "the previous ", "in this "];

/// Whether a paragraph opens by pointing at code just before it ("This function is safe and
/// correct.", "In this example, …"): without the code it talks about nothing.
pub fn points_at_code(paragraph: &str) -> bool {
    let lower = paragraph.trim_start().to_lowercase();
    POINTING_BACK.iter().any(|p| {
        lower.strip_prefix(p).is_some_and(|rest| {
            let noun = rest
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            let singular = noun.strip_suffix('s').unwrap_or(noun);
            CODE_NOUNS.contains(&noun) || CODE_NOUNS.contains(&singular)
        })
    })
}

/// Paragraphs that point at code before them ("This function is safe and correct.") where no
/// code, table or list comes between them and the text before.
fn code_pointers_to_nothing(doc: &Doc) -> Vec<String> {
    let mut problems = Vec::new();
    let mut previous_end: Option<usize> = None;
    for block in doc.blocks.iter().filter(|b| b.kind != BlockKind::Footnote) {
        let start = doc.line_of(block.source_offset(0));
        if block.kind == BlockKind::Prose && !block.in_list && points_at_code(&block.text) {
            let after_code = previous_end.is_some_and(|end| start > end + 2);
            if !after_code {
                let first = sentences(&block.text)
                    .first()
                    .map_or(block.text.as_str(), |&(s, e, _)| &block.text[s..e]);
                problems.push(format!(
                    "line {start} points at code that is not there: {}",
                    quote(first)
                ));
            }
        }
        previous_end = Some(doc.line_of(block.source_offset(block.text.len().saturating_sub(1))));
    }
    problems
}

pub(super) fn check_absent_references(doc: &Doc) -> Check {
    // A label the article gives itself (a heading "Step 2: ..." or a caption "Table 1. ...")
    // may be referred to.
    let defined: HashSet<String> = doc
        .blocks
        .iter()
        .filter_map(|b| {
            numbered_references(&b.text)
                .into_iter()
                .next()
                .filter(|(at, _)| *at == 0)
        })
        .map(|(_, r)| r)
        .collect();
    let mut problems = lead_ins_to_nothing(doc);
    problems.extend(code_pointers_to_nothing(doc));
    for block in doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Prose | BlockKind::Cell))
    {
        let text = block.masked();
        let folded = Folded::new(&text);
        let mut found: Vec<(usize, String)> = numbered_references(&text)
            .into_iter()
            .filter(|(_, r)| !defined.contains(r))
            .collect();
        for phrase in BOOK_PHRASES {
            if let Some(&at) = folded.find_all(phrase).first() {
                found.push((folded.original(at), (*phrase).to_owned()));
            }
        }
        if let Some(&(at, end)) = sees_elsewhere_in_page(&folded).first() {
            let phrase = folded.text.get(at..end).unwrap_or("see");
            found.push((folded.original(at), phrase.to_owned()));
        }
        found.sort();
        for (at, folded) in found {
            let line = doc.line_of(block.source_offset(at));
            // Quoted as written where the folded form maps back byte for byte.
            let reference = block.text.get(at..at + folded.len()).unwrap_or(&folded);
            problems.push(format!(
                "{} on line {line} points at something the article does not contain: {}",
                quote(reference),
                quote(&context(&block.text, at, at + reference.len()))
            ));
        }
    }
    finish(
        "absent_references",
        problems,
        "no references to listings, chapters or pages the article lacks".to_owned(),
        ("reference to absent text", "references to absent text"),
    )
}
