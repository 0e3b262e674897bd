//! Owns deciding when two texts are the same passage: an exact fingerprint (SHA-256 of the
//! text's words, lowercased, so layout and case do not count) and a near one (a 64-bit SimHash
//! over word 3-shingles; two texts are near duplicates when their SimHashes differ in at most
//! `NEAR_BITS` bits). `DupIndex` remembers the documents of a collection and answers whether a
//! new one repeats one of them. Pure computation; the ingest job and the store call it.
//!
//! Why these numbers (measured in docs/KNOWLEDGE.md): 3-shingles make a reworded sentence
//! change several shingles, so a page with a new paragraph moves a few bits while another page
//! on the same subject moves about half of them; 3 of 64 bits is the usual threshold for
//! web-page near duplicates. Short texts have too few shingles for a stable SimHash, so below
//! `MIN_NEAR_WORDS` words only the exact fingerprint counts. A translation shares almost no
//! shingles with its original, so it is never a duplicate.

use sha2::{Digest, Sha256};

/// Most differing bits for two SimHashes to be near duplicates.
pub const NEAR_BITS: u32 = 3;
/// Fewest words for a text to be compared by SimHash rather than only exactly.
pub const MIN_NEAR_WORDS: usize = 40;
/// Words per shingle.
const SHINGLE: usize = 3;

/// The fingerprints of one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// SHA-256 of the normalised words, first 16 bytes.
    pub exact: [u8; 16],
    pub simhash: u64,
    pub words: usize,
}

impl Fingerprint {
    pub fn of(text: &str) -> Fingerprint {
        Words::of(text).fingerprint()
    }

    /// The exact fingerprint as stored (hex).
    pub fn exact_hex(&self) -> String {
        hex::encode(self.exact)
    }

    /// The SimHash as stored: 0 for a text too short to compare by SimHash.
    pub fn stored_simhash(&self) -> u64 {
        if self.words >= MIN_NEAR_WORDS {
            self.simhash
        } else {
            0
        }
    }

    /// Whether `self` and `other` are the same passage: identical words, or both long enough
    /// and within `NEAR_BITS` of each other.
    pub fn same_as(&self, other: &Fingerprint) -> bool {
        self.exact == other.exact || self.near(other.simhash, other.words)
    }

    /// Whether a text of `words` words with this `simhash` is a near duplicate of `self`.
    pub fn near(&self, simhash: u64, words: usize) -> bool {
        self.words >= MIN_NEAR_WORDS
            && words >= MIN_NEAR_WORDS
            && (self.simhash ^ simhash).count_ones() <= NEAR_BITS
    }
}

/// The exact fingerprint of a text alone (`Fingerprint::exact`), without the SimHash.
pub fn exact(text: &str) -> [u8; 16] {
    Words::of(text).exact()
}

/// The stored SimHash of each of a document's chunks, and the fingerprint of the whole
/// document: `Fingerprint::of` the chunks joined by line breaks. A line break ends a word, so
/// the words of the whole are those of the chunks one after another: each chunk's words are
/// gathered once and serve both.
pub fn of_chunks<'a>(texts: impl Iterator<Item = &'a str>) -> (Vec<u64>, Fingerprint) {
    let mut whole = Words::default();
    let simhashes = texts
        .map(|text| {
            let words = Words::of(text);
            whole.extend(&words);
            words.stored_simhash()
        })
        .collect();
    (simhashes, whole.fingerprint())
}

/// Fewest words for a passage to count when judging whether a document repeats other pages:
/// a sentence of this length standing verbatim in two pages is one passage copied, while
/// "Returns the length." is a phrase any two pages may share.
pub const PASSAGE_MIN_WORDS: usize = 10;

/// The exact fingerprints of the passages of chunk texts, each once: paragraphs (split at blank
/// lines) and list items (lines opening with `- `), of `PASSAGE_MIN_WORDS` words or more.
/// Passages rather than chunks, because a page that gathers others cuts its chunks elsewhere,
/// and writes as list items what they write as paragraphs: the words stay the same.
pub fn passages<'a>(chunk_texts: impl Iterator<Item = &'a str>) -> Vec<[u8; 16]> {
    let mut seen = std::collections::HashSet::new();
    chunk_texts
        .flat_map(|text| text.split("\n\n"))
        .flat_map(|para| para.split("\n- "))
        .map(Words::of)
        .filter(|w| w.len() >= PASSAGE_MIN_WORDS)
        .map(|w| w.exact())
        .filter(|exact| seen.insert(*exact))
        .collect()
}

/// A text's words: runs of letters and digits, lowercased, in one buffer, each followed by a
/// space. Both fingerprints read the words as that buffer's bytes (the exact one all of
/// them, a shingle the words it spans with the spaces between), so a text costs one
/// allocation rather than one per word.
#[derive(Default)]
struct Words {
    buffer: String,
    /// Where each word starts in `buffer`; it ends one byte before the next starts.
    starts: Vec<usize>,
}

impl Words {
    fn of(text: &str) -> Words {
        let mut buffer = String::with_capacity(text.len() + 1);
        let mut starts = Vec::new();
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if word.is_empty() {
                continue;
            }
            let start = buffer.len();
            starts.push(start);
            // `to_lowercase` of a whole word, since its Greek final sigma depends on the word;
            // ASCII, most words, lowercases in place alike.
            if word.is_ascii() {
                buffer.push_str(word);
                buffer[start..].make_ascii_lowercase();
            } else {
                buffer.push_str(&word.to_lowercase());
            }
            buffer.push(' ');
        }
        Words { buffer, starts }
    }

    fn len(&self) -> usize {
        self.starts.len()
    }

    /// Appends the words of `other`, as if its text followed this one after a separator.
    fn extend(&mut self, other: &Words) {
        let offset = self.buffer.len();
        self.buffer.push_str(&other.buffer);
        self.starts.extend(other.starts.iter().map(|s| s + offset));
    }

    /// The fingerprint of these words.
    fn fingerprint(&self) -> Fingerprint {
        Fingerprint {
            exact: self.exact(),
            simhash: self.simhash(),
            words: self.len(),
        }
    }

    /// `Fingerprint::stored_simhash` of these words, computed only when there are enough.
    fn stored_simhash(&self) -> u64 {
        if self.len() >= MIN_NEAR_WORDS {
            self.simhash()
        } else {
            0
        }
    }

    /// Words `from..to`, with the spaces between them.
    fn span(&self, from: usize, to: usize) -> &[u8] {
        let end = self.starts.get(to).map_or(self.buffer.len(), |s| *s) - 1;
        &self.buffer.as_bytes()[self.starts[from]..end]
    }

    /// SHA-256 of the words, each followed by a space; the first 16 bytes.
    fn exact(&self) -> [u8; 16] {
        let mut exact = [0u8; 16];
        exact.copy_from_slice(&Sha256::digest(self.buffer.as_bytes())[..16]);
        exact
    }

    /// SimHash over the word shingles (the words themselves when there are fewer than a
    /// shingle): a bit is set when more than half of the shingles' hashes set it.
    fn simhash(&self) -> u64 {
        let width = if self.len() < SHINGLE { 1 } else { SHINGLE };
        let shingles = (self.len() + 1).saturating_sub(width);
        let mut ones = [0u32; 64];
        // The ones of each bit are counted eight bits to a word, a byte each (`SPREAD`), up to
        // 255 hashes at a time before the counts move on: a few additions per hash where
        // one per bit cost most of the SimHash.
        let mut from = 0;
        while from < shingles {
            let to = shingles.min(from + 255);
            let mut lanes = [0u64; 8];
            for i in from..to {
                let h = fnv1a(self.span(i, i + width));
                for (k, lane) in lanes.iter_mut().enumerate() {
                    *lane += SPREAD[(h >> (8 * k)) as usize & 0xff];
                }
            }
            for (k, lane) in lanes.iter().enumerate() {
                for j in 0..8 {
                    ones[8 * k + j] += (lane >> (8 * j)) as u32 & 0xff;
                }
            }
            from = to;
        }
        ones.iter()
            .enumerate()
            .filter(|(_, ones)| 2 * **ones as usize > shingles)
            .fold(0, |h, (bit, _)| h | 1 << bit)
    }
}

/// Byte `b` spread over a word, bit `j` of `b` in the low bit of byte `j`.
const SPREAD: [u64; 256] = {
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut j = 0;
        while j < 8 {
            table[b] |= ((b as u64 >> j) & 1) << (8 * j);
            j += 1;
        }
        b += 1;
    }
    table
};

/// FNV-1a, 64 bits: stable across builds and platforms, unlike `DefaultHasher`, because
/// fingerprints are stored.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    // FNV's low bits mix poorly for short inputs; a final avalanche (from SplitMix64) spreads
    // every input bit over all 64 before SimHash counts them.
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// The documents of a collection by fingerprint, to find the one a new document repeats.
#[derive(Debug, Default)]
pub struct DupIndex {
    entries: Vec<(String, Fingerprint)>,
}

impl DupIndex {
    /// Remembers `source` (a document already stored or just accepted).
    pub fn add(&mut self, source: String, fingerprint: Fingerprint) {
        self.entries.push((source, fingerprint));
    }

    /// Forgets `source` (it is being replaced by a new version of itself).
    pub fn remove(&mut self, source: &str) {
        self.entries.retain(|(s, _)| s != source);
    }

    /// The first other source whose document is the same as one with `fingerprint`, and
    /// whether its words are exactly the same (rather than nearly).
    pub fn duplicate_of(&self, source: &str, fingerprint: &Fingerprint) -> Option<(&str, bool)> {
        self.entries
            .iter()
            .find(|(s, f)| s != source && f.same_as(fingerprint))
            .map(|(s, f)| (s.as_str(), f.exact == fingerprint.exact))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "Ownership is a set of rules that govern how a Rust program manages \
        memory. All programs have to manage the way they use a computer's memory while \
        running. Some languages have garbage collection that regularly looks for no-longer-used \
        memory as the program runs; in other languages, the programmer must explicitly \
        allocate and free the memory. Rust uses a third approach: memory is managed through a \
        system of ownership with a set of rules that the compiler checks.";

    #[test]
    fn layout_and_case_do_not_count_but_words_do() {
        let a = Fingerprint::of(PAGE);
        let b = Fingerprint::of(&PAGE.to_uppercase().replace(' ', "\n  "));
        assert_eq!(a.exact, b.exact);
        assert_eq!(a.simhash, b.simhash);
        assert_ne!(
            a.exact,
            Fingerprint::of(&PAGE.replace("third", "fourth")).exact
        );
    }

    #[test]
    fn fingerprints_stay_the_ones_stored() {
        // Fingerprints are stored and compared across ingests: these are the values of the
        // first implementation (a word list, then SHA-256 and FNV-1a over it).
        let f = Fingerprint::of(PAGE);
        assert_eq!(f.exact_hex(), "90ba8a309b98c51cdd9120ff508e2c0a");
        assert_eq!((f.simhash, f.words), (0x9824_61a3_db12_3592, 80));
        assert_eq!(f.stored_simhash(), Words::of(PAGE).stored_simhash());
        let short = Fingerprint::of("Two words");
        assert_eq!(short.exact_hex(), "aa2fc7529d0b7d5a0c77b0dfed01072b");
        assert_eq!(short.simhash, 0x6008_1a91_9494_aa10);
        assert_eq!(
            (
                short.stored_simhash(),
                Words::of("Two words").stored_simhash()
            ),
            (0, 0)
        );
        assert_eq!(exact("two, WORDS"), short.exact);
        // A word is lowercased as a whole: a Greek final sigma by its place in the word.
        assert_eq!(Words::of("ΟΔΥΣΣΕΥΣ, Straße").buffer, "οδυσσευς straße ");
    }

    #[test]
    fn simhash_counts_every_bit_of_every_shingle() {
        // The counts kept a byte per bit, 255 hashes at a time, against one count per bit.
        let by_bit = |words: &Words| {
            let width = if words.len() < SHINGLE { 1 } else { SHINGLE };
            let hashes: Vec<u64> = (0..(words.len() + 1).saturating_sub(width))
                .map(|i| fnv1a(words.span(i, i + width)))
                .collect();
            (0..64)
                .filter(|bit| {
                    2 * hashes.iter().filter(|h| *h >> bit & 1 == 1).count() > hashes.len()
                })
                .fold(0u64, |h, bit| h | 1 << bit)
        };
        for n in [0, 1, 2, 3, 40, 256, 257, 600, 1000] {
            let text: String = (0..n).map(|i| format!("w{} ", i % 97)).collect();
            let words = Words::of(&text);
            assert_eq!(words.simhash(), by_bit(&words), "{n} words");
        }
    }

    #[test]
    fn a_documents_fingerprint_from_its_chunks_is_that_of_its_text() {
        let long: String = (0..60).map(|i| format!("Step {i} runs. ")).collect();
        let chunks = [
            PAGE,
            "Two words",
            "",
            "ΟΔΥΣΣΕΥΣ, Straße;",
            long.as_str(),
            "end",
        ];
        let (simhashes, whole) = of_chunks(chunks.iter().copied());
        assert_eq!(whole, Fingerprint::of(&chunks.join("\n")));
        let each: Vec<u64> = chunks
            .iter()
            .map(|c| Fingerprint::of(c).stored_simhash())
            .collect();
        assert_eq!(simhashes, each);
    }

    #[test]
    fn an_edited_copy_is_near_and_another_page_is_not() {
        // A page of a few hundred words with one word changed, as a versioned copy differs.
        let long: String = (0..40)
            .map(|i| format!("Section {i} explains step {i}. "))
            .collect();
        let page = format!("{PAGE} {long}");
        let a = Fingerprint::of(&page);
        let edited = Fingerprint::of(&page.replace("regularly looks", "looks"));
        assert_ne!(a.exact, edited.exact);
        assert!(
            a.same_as(&edited),
            "{} bits",
            (a.simhash ^ edited.simhash).count_ones()
        );
        let other = Fingerprint::of(
            "References allow you to refer to some value without taking ownership of it. \
             A reference is like a pointer in that it is an address we can follow to access \
             the data stored at that address; that data is owned by some other variable. \
             Unlike a pointer, a reference is guaranteed to point to a valid value of a \
             particular type for the life of that reference. Here is how you would define \
             and use a calculate_length function that has a reference to an object.",
        );
        assert!(!a.same_as(&other));
    }

    #[test]
    fn passages_are_the_same_words_however_chunked_or_listed() {
        let para = "The close routine is the destructor of the connection object and frees it.";
        let other = "Applications should finalize every prepared statement before they close it.";
        let on_a_page = format!("{para}\n\n{other}");
        let in_a_list = format!("- {}\n- {}\n- Short item.", para.to_uppercase(), other);
        assert_eq!(
            passages([on_a_page.as_str()].into_iter()),
            passages([in_a_list.as_str()].into_iter())
        );
        assert_eq!(
            passages(["Returns the length.", para, para].into_iter()).len(),
            1
        );
    }

    #[test]
    fn short_texts_are_compared_exactly_only() {
        let a = Fingerprint::of("Returns the length of the vector.");
        let b = Fingerprint::of("Returns the length of the string.");
        assert!(!a.same_as(&b));
        assert!(a.same_as(&Fingerprint::of("returns the LENGTH of the vector")));
        assert_eq!(Fingerprint::of("").words, 0);
    }

    #[test]
    fn the_index_finds_the_first_other_copy_and_not_the_source_itself() {
        let mut index = DupIndex::default();
        let f = Fingerprint::of(PAGE);
        index.add("a.html".into(), f);
        assert_eq!(index.duplicate_of("a.html", &f), None);
        assert_eq!(index.duplicate_of("b.html", &f), Some(("a.html", true)));
        index.remove("a.html");
        assert_eq!(index.duplicate_of("b.html", &f), None);
    }
}
