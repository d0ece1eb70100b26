//! The same story in several files: exact copies and near copies (a wire story with another
//! headline, a changed word, other case or spacing, or an added credit line).
//!
//! Each document gets two fingerprints of its counted text: a hash of its length and of the bytes
//! at its two ends, and a bottom-k sketch — the [`SKETCH`] smallest hashes of the distinct
//! three-word shingles of the whole text (words compare whatever their case and the spacing
//! between them), from which the Jaccard similarity of two texts is estimated. Exact copies share the first; near copies have an estimated similarity of
//! at least [`NEAR`]. Pairs are not all compared: two similar texts almost surely share one of
//! their smallest shingle hashes, so only documents that share one (and no stock phrase that
//! many documents share) are.

use rayon::prelude::*;

use super::Document;

/// Texts this similar (estimated Jaccard similarity of their shingles) are near copies.
pub const NEAR: f64 = 0.8;

/// Shingle hashes kept per text.
const SKETCH: usize = 64;

/// How far into a sketch rare keys are looked for.
pub const KEY_SPAN: usize = 16;

/// A shingle hash found in more sketches than this is a stock phrase, not a sign of a copy: it
/// is not used to find candidates.
pub const MAX_BUCKET: u32 = 16;

/// Texts with fewer distinct shingles than this are only checked for exact copies.
const MIN_SHINGLES: usize = 24;

/// Bytes at each end of a text that, with its length, identify an exact copy.
const EXACT_ENDS: usize = 512;

/// A document found to repeat an earlier one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duplicate {
    /// The repeating document (index).
    pub doc: u32,
    /// The document it repeats: the first of its group in corpus order.
    pub of: u32,
    /// The same text exactly (else nearly: other case, spacing or a few words).
    pub exact: bool,
}

/// A document's fingerprints, made while its text is at hand ([`fingerprint`]).
#[derive(Clone, Debug, Default)]
pub struct Print {
    words: u64,
    /// Ascending; empty when the text is too short to judge.
    sketch: Vec<u32>,
}

impl Print {
    /// The exact-copy fingerprint: texts with the same length and ends share it (0: no text).
    pub fn exact(&self) -> u64 {
        self.words
    }

    /// The bottom-k sketch of the text's shingle hashes, ascending (empty when the text is too
    /// short to judge near copies).
    pub fn sketch(&self) -> &[u32] {
        &self.sketch
    }
}

/// Finds the copies among `docs`; each is reported against the first document of its group.
pub fn duplicates(docs: &[Document]) -> Vec<Duplicate> {
    let prints: Vec<Print> = docs.par_iter().map(fingerprint).collect();
    duplicates_of(&prints)
}

/// [`duplicates`] from fingerprints made beforehand (`prints[i]` of document `i`).
pub fn duplicates_of(prints: &[Print]) -> Vec<Duplicate> {
    let n = prints.len();
    let mut parent: Vec<u32> = (0..n as u32).collect();
    let mut exact = vec![false; n];
    // Exact copies: runs of equal fingerprints once sorted.
    let mut by_print: Vec<(u64, u32)> = prints
        .iter()
        .enumerate()
        .filter(|(_, p)| p.words != 0)
        .map(|(i, p)| (p.words, i as u32))
        .collect();
    by_print.par_sort_unstable();
    for run in by_print.chunk_by(|a, b| a.0 == b.0) {
        for &(_, i) in &run[1..] {
            parent[i as usize] = run[0].1;
            exact[i as usize] = true;
        }
    }
    // Near copies, among documents that are not exact copies already: documents sharing one of
    // their smallest shingle hashes are candidates, unless the hash is a stock phrase many share.
    let mut by_key: Vec<(u32, u32)> = prints
        .iter()
        .enumerate()
        .filter(|(i, _)| !exact[*i])
        .flat_map(|(i, p)| p.sketch.iter().take(KEY_SPAN).map(move |&h| (h, i as u32)))
        .collect();
    by_key.par_sort_unstable();
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    for run in by_key.chunk_by(|a, b| a.0 == b.0) {
        if run.len() < 2 || run.len() > MAX_BUCKET as usize {
            continue;
        }
        for (k, &(_, a)) in run.iter().enumerate() {
            for &(_, b) in &run[k + 1..] {
                pairs.push((a.min(b), a.max(b)));
            }
        }
    }
    pairs.par_sort_unstable();
    pairs.dedup();
    let similar: Vec<(u32, u32)> = pairs
        .into_par_iter()
        .filter(|&(a, b)| {
            similarity(&prints[a as usize].sketch, &prints[b as usize].sketch) >= NEAR
        })
        .collect();
    for (a, b) in similar {
        union(&mut parent, a, b);
    }
    (0..n as u32)
        .filter_map(|i| {
            let root = find(&mut parent, i);
            (root != i).then_some(Duplicate {
                doc: i,
                of: root,
                exact: exact[i as usize],
            })
        })
        .collect()
}

/// The Jaccard similarity two sketches estimate: of the smallest hashes of their union, the share
/// both hold.
pub fn similarity(a: &[u32], b: &[u32]) -> f64 {
    let k = a.len().min(b.len());
    if k == 0 {
        return 0.0;
    }
    let (mut i, mut j, mut taken, mut shared) = (0, 0, 0, 0);
    while taken < k && i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
        taken += 1;
    }
    f64::from(shared) / k as f64
}

fn find(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        let grand = parent[parent[i as usize] as usize];
        parent[i as usize] = grand;
        i = grand;
    }
    i
}

/// Joins two groups under the earlier document.
fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        let (low, high) = (ra.min(rb), ra.max(rb));
        parent[high as usize] = low;
    }
}

/// A strong 64-bit mix (splitmix64's finaliser).
fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// Where a word's hash starts.
const WORD_SEED: u64 = 0x9E37_79B9_7F4A_7C15;

/// A quick hash step for the bytes of a word (the shingle made of three gets the strong mix).
fn quick(h: u64, packed: u64) -> u64 {
    (h.rotate_left(5) ^ packed).wrapping_mul(0x517c_c1b7_2722_0a95)
}

/// The hash of the word `text[start..end]`, eight bytes at a time, ASCII letters folded to lower
/// case (setting bit 0x20 also changes bytes of other scripts, the same way in every text).
#[inline]
fn word_hash(text: &[u8], start: usize, end: usize) -> u64 {
    let mut h = WORD_SEED;
    let mut at = start;
    while at < end {
        let n = (end - at).min(8);
        // Eight bytes at once where the text has them, the rest masked off.
        let mut word = [0u8; 8];
        if let Some(eight) = text.get(at..at + 8) {
            word.copy_from_slice(eight);
        } else {
            word[..n].copy_from_slice(&text[at..at + n]);
        }
        let raw = u64::from_le_bytes(word);
        let keep = u64::MAX >> (64 - 8 * n);
        h = quick(h, (raw | 0x2020_2020_2020_2020) & keep);
        at += n;
    }
    h
}

/// The fingerprints of one document.
pub fn fingerprint(doc: &Document) -> Print {
    let from = (doc.content_start as usize).min(doc.text.len());
    let content = doc.text.as_bytes().get(from..).unwrap_or(&[]);
    // Exact copies: the same length, first and last bytes. (Texts that differ only in between
    // are near copies anyway; hashing every byte of every text cost more than all the rest.)
    let ends = EXACT_ENDS.min(content.len());
    let mut bytes = content.len() as u64;
    for part in [&content[..ends], &content[content.len() - ends..]] {
        let mut chunks = part.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            bytes = mix(bytes ^ u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            bytes = mix(bytes ^ u64::from(b));
        }
    }
    // Words are runs of ASCII letters and digits and of any non-ASCII bytes (letters of other
    // scripts), found 64 bytes at a time as bit masks; each word is hashed eight bytes at a time
    // with ASCII case folded, and each shingle (three words) gets a strong mix.
    let mut shingles: Vec<u64> = Vec::with_capacity(content.len() / 6);
    let mut window = [0u64; 3];
    let mut count = 0usize;
    let mut push_word = |h: u64| {
        window = [window[1], window[2], h];
        count += 1;
        if count >= 3 {
            shingles.push(mix(window[0]
                ^ window[1].rotate_left(21)
                ^ window[2].rotate_left(42)));
        }
    };
    // A word that runs on past the end of a block: where it began.
    let mut open: Option<usize> = None;
    let mut block_start = 0;
    while block_start < content.len() {
        let block = &content[block_start..(block_start + crate::scan::BLOCK).min(content.len())];
        let mut words = crate::scan::mask(block, |b| (b >= 0x80) | crate::scan::ascii_word(b));
        let len = block.len() as u32;
        // `words` is shifted as the block is walked: bit 0 is the byte at `pos`.
        let mut pos = 0u32;
        loop {
            let gap = if words == 0 {
                len - pos
            } else {
                words.trailing_zeros()
            };
            if gap > 0 {
                if let Some(start) = open.take() {
                    push_word(word_hash(content, start, block_start + pos as usize));
                }
                pos += gap;
                if pos >= len {
                    break;
                }
                words >>= gap;
            }
            // A run of word bytes; it may go on in the next block.
            let run = (!words).trailing_zeros();
            open.get_or_insert(block_start + pos as usize);
            pos += run;
            if pos >= len {
                break;
            }
            words >>= run;
        }
        block_start += block.len();
    }
    if let Some(start) = open.take() {
        push_word(word_hash(content, start, content.len()));
    }
    // The smallest distinct hashes, without sorting them all.
    let keep = (2 * SKETCH).min(shingles.len());
    if keep > 0 && keep < shingles.len() {
        shingles.select_nth_unstable(keep - 1);
        shingles.truncate(keep);
    }
    shingles.sort_unstable();
    shingles.dedup();
    if shingles.len() < MIN_SHINGLES {
        shingles.clear();
    }
    shingles.truncate(SKETCH);
    Print {
        words: if content.iter().all(u8::is_ascii_whitespace) {
            0
        } else {
            bytes | 1
        },
        // The top 32 bits of each hash are enough to tell shingles apart and halve the memory
        // a large corpus holds until its copies are found.
        sketch: {
            let mut top: Vec<u32> = shingles.iter().map(|&h| (h >> 32) as u32).collect();
            top.dedup();
            top
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str) -> Document {
        Document::from_text(id.into(), None, text.into(), text.len() as u64)
    }

    /// 300 words drawn from a vocabulary of 2,000 made-up ones, different for each seed.
    fn story(seed: u64) -> String {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..300)
            .map(|_| {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                format!("w{}", (x >> 33) % 2000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn exact_copies_and_copies_in_other_case_and_spacing() {
        let long = story(7);
        let shouted = long.to_uppercase().replace(' ', "  \n");
        let docs = vec![
            doc("a.txt", "Chile and Peru met in Lima."),
            doc("b.txt", "Armenia and Georgia met."),
            doc("c.txt", "Chile and Peru met in Lima."),
            doc("d.txt", &long),
            doc("e.txt", &shouted),
        ];
        assert_eq!(
            duplicates(&docs),
            vec![
                Duplicate {
                    doc: 2,
                    of: 0,
                    exact: true
                },
                Duplicate {
                    doc: 4,
                    of: 3,
                    exact: false
                }
            ]
        );
    }

    #[test]
    fn a_wire_story_with_small_changes_is_a_near_copy() {
        let original = story(1);
        let mut edited: Vec<&str> = original.split(' ').collect();
        edited[40] = "Tuesday";
        edited.insert(0, "UPDATED:");
        let edited = format!("{}\n\nPhoto: Reuters", edited.join(" "));
        let docs = vec![
            doc("a.txt", &original),
            doc("b.txt", &story(2)),
            doc("c.txt", &edited),
            doc("d.txt", &story(3)),
        ];
        let found = duplicates(&docs);
        assert_eq!(
            found,
            vec![Duplicate {
                doc: 2,
                of: 0,
                exact: false
            }],
            "only the edited copy"
        );
    }

    #[test]
    fn a_repetitive_story_with_a_credit_line_is_a_near_copy() {
        let story: Vec<String> = (0..60)
            .map(|i| {
                format!("Officials in Armenia and Georgia discussed transit route number {i}.")
            })
            .collect();
        let story = story.join(" ");
        let docs = vec![
            doc("a.txt", &story),
            doc("c.txt", &format!("{story}Photo: wire service.")),
        ];
        let (a, c) = (fingerprint(&docs[0]), fingerprint(&docs[1]));
        let s = similarity(&a.sketch, &c.sketch);
        assert!(s >= NEAR, "similarity {s}");
        assert_eq!(duplicates(&docs).len(), 1);
    }

    #[test]
    fn articles_that_only_open_alike_are_not_copies() {
        let lead = story(11);
        let docs = vec![
            doc("a.txt", &format!("{lead} {}", story(12).repeat(3))),
            doc("b.txt", &format!("{lead} {}", story(13).repeat(3))),
        ];
        assert!(duplicates(&docs).is_empty());
    }

    #[test]
    fn short_or_empty_texts_are_only_exact_copies() {
        let docs = vec![
            doc("a.txt", "Chile and Peru met."),
            doc("b.txt", "Chile and Peru talked."),
            doc("c.txt", " "),
            doc("d.txt", " "),
        ];
        assert!(duplicates(&docs).is_empty());
    }
}
