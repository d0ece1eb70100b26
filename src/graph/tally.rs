//! Counting windows and co-mentions over the corpus, fast enough to redo on every click.
//!
//! Countries get dense indices, so a pair of countries is a slot in a flat `n × n` table rather
//! than a hash-map key. A first pass over chunks of documents, in parallel, counts mentions and
//! pairs and keeps each window that names two countries or more as (evidence, its countries) —
//! a few integers, not one record per pair. Once the counts have decided which links survive the
//! filters, a second pass fills each surviving link's evidence straight into its own vector,
//! allocated at its final size: the links are split into groups by pair, one group per thread,
//! and each group replays the stored windows in document order. No hashing, no intermediate
//! record per pair, no copy.

use rayon::prelude::*;

use super::{Evidence, Params, Window, window_span};
use crate::corpus::Document;
use crate::extract::Mention;
use crate::gazetteer::{EntityId, EntityKind, Gazetteer};

/// Dense indices of the countries, in entity order.
pub struct Countries {
    /// `dense[entity]` is the country's index, or `u32::MAX` for other kinds.
    dense: Vec<u32>,
    /// `ids[index]` is the country's entity.
    pub ids: Vec<EntityId>,
}

impl Countries {
    pub fn new(gazetteer: &Gazetteer) -> Self {
        let mut dense = vec![u32::MAX; gazetteer.entities().len()];
        let mut ids = Vec::new();
        for (i, e) in gazetteer.entities().iter().enumerate() {
            if e.kind == EntityKind::Country {
                dense[i] = ids.len() as u32;
                ids.push(EntityId(i as u32));
            }
        }
        Self { dense, ids }
    }

    fn index(&self, e: EntityId) -> Option<u32> {
        self.dense
            .get(e.index())
            .copied()
            .filter(|&i| i != u32::MAX)
    }

    /// The slot of the pair `(a, b)`, `a < b`.
    pub fn pair(&self, a: u32, b: u32) -> usize {
        a as usize * self.ids.len() + b as usize
    }
}

/// What one chunk of documents counted.
pub struct Chunk {
    /// Per entity: mentions, windows naming it, documents naming it.
    pub mentions: Vec<u32>,
    pub windows: Vec<u32>,
    pub documents: Vec<u32>,
    /// Windows and documents admitted.
    pub total_windows: u64,
    pub total_documents: u32,
    /// Windows naming each pair of countries, by pair slot.
    pub counts: Vec<u32>,
    /// Windows naming two countries or more: the evidence and the range of its countries in
    /// `countries`.
    windows_found: Vec<(Evidence, u32, u32)>,
    countries: Vec<u32>,
    /// Corridors named in a window with a pair: `(pair, corridor)`, unsorted.
    pub corridors: Vec<(u32, EntityId)>,
}

/// Counts every chunk of the admitted documents.
pub fn tally(
    gazetteer: &Gazetteer,
    countries: &Countries,
    docs: &[Document],
    mentions: &[Vec<Mention>],
    params: &Params,
) -> Vec<Chunk> {
    let chunk_len = docs
        .len()
        .div_ceil(rayon::current_num_threads().max(1) * 4)
        .max(256);
    let starts: Vec<usize> = (0..docs.len()).step_by(chunk_len).collect();
    starts
        .into_par_iter()
        .map(|first| {
            let last = (first + chunk_len).min(docs.len());
            count_chunk(gazetteer, countries, docs, mentions, params, first..last)
        })
        .collect()
}

fn count_chunk(
    gazetteer: &Gazetteer,
    countries: &Countries,
    docs: &[Document],
    mentions: &[Vec<Mention>],
    params: &Params,
    range: std::ops::Range<usize>,
) -> Chunk {
    let entities = gazetteer.entities().len();
    let n = countries.ids.len();
    let mut chunk = Chunk {
        mentions: vec![0; entities],
        windows: vec![0; entities],
        documents: vec![0; entities],
        total_windows: 0,
        total_documents: 0,
        counts: vec![0; n * n],
        windows_found: Vec::new(),
        countries: Vec::new(),
        corridors: Vec::new(),
    };
    let mut named: Vec<EntityId> = Vec::new();
    let mut in_window: Vec<u32> = Vec::new();
    let mut corridors: Vec<EntityId> = Vec::new();
    let window = params.window;
    let key = |m: &Mention| window.key(m);
    for d in range {
        let (doc, ms) = (&docs[d], &mentions[d]);
        if !params.counts(doc) {
            continue;
        }
        chunk.total_documents += 1;
        chunk.total_windows += window_count(doc, window);
        named.clear();
        for m in ms {
            chunk.mentions[m.entity.index()] += 1;
            named.push(m.entity);
        }
        named.sort_unstable();
        named.dedup();
        for e in &named {
            chunk.documents[e.index()] += 1;
        }
        for group in ms.chunk_by(|a, b| key(a) == key(b)) {
            named.clear();
            in_window.clear();
            corridors.clear();
            for m in group {
                named.push(m.entity);
                if let Some(i) = countries.index(m.entity) {
                    in_window.push(i);
                } else if gazetteer.entity(m.entity).kind == EntityKind::Corridor {
                    corridors.push(m.entity);
                }
            }
            named.sort_unstable();
            named.dedup();
            for e in &named {
                chunk.windows[e.index()] += 1;
            }
            in_window.sort_unstable();
            in_window.dedup();
            if in_window.len() < 2 {
                continue;
            }
            let span = window_span(doc, window, key(&group[0]));
            let from = chunk.countries.len() as u32;
            chunk.countries.extend_from_slice(&in_window);
            chunk.windows_found.push((
                Evidence {
                    doc: d as u32,
                    span,
                },
                from,
                chunk.countries.len() as u32,
            ));
            for (i, &a) in in_window.iter().enumerate() {
                for &b in &in_window[i + 1..] {
                    let p = countries.pair(a, b);
                    chunk.counts[p] += 1;
                    for &k in &corridors {
                        chunk.corridors.push((p as u32, k));
                    }
                }
            }
        }
    }
    chunk
}

/// The evidence of each link in `pairs` (pair slots, ascending, with their weights), in
/// document order: one vector per link, allocated at its final size.
pub fn evidence(
    countries: &Countries,
    chunks: &[Chunk],
    pairs: &[(usize, u32)],
) -> Vec<Vec<Evidence>> {
    let mut link_of = vec![u32::MAX; countries.ids.len() * countries.ids.len()];
    for (k, &(p, _)) in pairs.iter().enumerate() {
        link_of[p] = k as u32;
    }
    // Contiguous groups of links of about equal total weight, one per thread.
    let total: u64 = pairs.iter().map(|&(_, w)| u64::from(w)).sum();
    let groups = rayon::current_num_threads().max(1) as u64;
    let mut bounds = vec![0usize];
    let mut acc = 0u64;
    for (k, &(_, w)) in pairs.iter().enumerate() {
        acc += u64::from(w);
        if acc * groups >= total * bounds.len() as u64 && bounds.len() < groups as usize {
            bounds.push(k + 1);
        }
    }
    if bounds.last() != Some(&pairs.len()) {
        bounds.push(pairs.len());
    }
    let ranges: Vec<(usize, usize)> = bounds.windows(2).map(|b| (b[0], b[1])).collect();
    let filled: Vec<Vec<Vec<Evidence>>> = ranges
        .into_par_iter()
        .map(|(lo, hi)| {
            // Pairs are ordered by their first country: this group's first countries.
            let n = countries.ids.len().max(1);
            let first_a = pairs.get(lo).map_or(0, |p| p.0 / n) as u32;
            let last_a = pairs.get(hi.max(1) - 1).map_or(0, |p| p.0 / n) as u32;
            let mut out: Vec<Vec<Evidence>> = pairs[lo..hi]
                .iter()
                .map(|&(_, w)| Vec::with_capacity(w as usize))
                .collect();
            for chunk in chunks {
                for &(evidence, from, to) in &chunk.windows_found {
                    let named = &chunk.countries[from as usize..to as usize];
                    for (i, &a) in named.iter().enumerate() {
                        if a < first_a {
                            continue;
                        }
                        if a > last_a {
                            break;
                        }
                        for &b in &named[i + 1..] {
                            let k = link_of[countries.pair(a, b)] as usize;
                            if (lo..hi).contains(&k) {
                                out[k - lo].push(evidence);
                            }
                        }
                    }
                }
            }
            out
        })
        .collect();
    filled.into_iter().flatten().collect()
}

/// The number of windows a document offers: counted sentences, paragraphs holding one, or 1.
pub(super) fn window_count(doc: &Document, window: Window) -> u64 {
    match window {
        Window::Sentence => doc.sentences.iter().filter(|s| !s.boilerplate).count() as u64,
        Window::Paragraph => {
            let mut last = None;
            let mut n = 0;
            for s in doc.sentences.iter().filter(|s| !s.boilerplate) {
                if last != Some(s.paragraph) {
                    n += 1;
                    last = Some(s.paragraph);
                }
            }
            n
        }
        Window::Article => 1,
    }
}
