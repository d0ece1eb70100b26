//! One article's share of every count the graph needs, so that a corpus too large for one
//! machine can be counted article by article anywhere (a Spark task, a Dask partition) and
//! summed: per entity its mentions and the windows of each kind naming it, the article's
//! windows of each kind, per pair of countries and window kind the windows naming both, and
//! the corridors named in those windows.
//!
//! Summed over the counted articles, these are exactly the totals [`super::build`] tallies
//! (the tests below hold the two to each other on the bundled corpus for every window).

use super::{Window, window_span};
use crate::corpus::{Document, Span};
use crate::extract::Mention;
use crate::gazetteer::{EntityId, EntityKind, Gazetteer};

/// The longest passage kept as evidence, in bytes of UTF-8 (a window is a sentence or a
/// paragraph; a whole article as its window is quoted from its start).
pub const PASSAGE_BYTES: usize = 1000;

/// The text of a window as evidence quotes it: its leading [`PASSAGE_BYTES`] at most, cut at a
/// character boundary.
pub fn passage(text: &str, span: Span) -> &str {
    let s = text.get(span.range()).unwrap_or("");
    &s[..s.floor_char_boundary(PASSAGE_BYTES)]
}

/// One entity as named in one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityCount {
    /// The entity.
    pub entity: EntityId,
    /// How often the article names it.
    pub mentions: u32,
    /// Windows of each kind naming it ([`Window::ALL`] order; the article's is 1).
    pub windows: [u32; 3],
}

/// One pair of countries named together in one article, for one window kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PairCount {
    /// The two countries, the smaller entity first.
    pub a: EntityId,
    /// The second country.
    pub b: EntityId,
    /// The window kind.
    pub window: Window,
    /// Windows of this kind naming both (at least 1).
    pub weight: u32,
    /// The first such window in the article: the passage a sample of evidence can quote.
    pub first: Span,
    /// Corridors named in any of those windows, by entity order.
    pub corridors: Vec<EntityId>,
}

/// Everything one article adds to the counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleCounts {
    /// Windows of each kind in the article ([`Window::ALL`] order; the article's is 1).
    pub windows: [u64; 3],
    /// The entities it names, by entity order.
    pub entities: Vec<EntityCount>,
    /// The pairs of countries it names together, by window kind, then pair.
    pub pairs: Vec<PairCount>,
}

/// What one article adds to the counts (`mentions` are the article's, in text order).
pub fn article_counts(
    gazetteer: &Gazetteer,
    doc: &Document,
    mentions: &[Mention],
) -> ArticleCounts {
    let mut out = ArticleCounts {
        windows: Window::ALL.map(|w| super::tally::window_count(doc, w)),
        ..ArticleCounts::default()
    };
    let mut named: Vec<EntityId> = mentions.iter().map(|m| m.entity).collect();
    named.sort_unstable();
    named.dedup();
    out.entities = named
        .iter()
        .map(|&entity| EntityCount {
            entity,
            mentions: mentions.iter().filter(|m| m.entity == entity).count() as u32,
            windows: [0; 3],
        })
        .collect();
    let slot = |e: EntityId| named.binary_search(&e).ok();
    for (k, window) in Window::ALL.into_iter().enumerate() {
        let first_pair = out.pairs.len();
        for group in mentions.chunk_by(|a, b| window.key(a) == window.key(b)) {
            let mut in_window: Vec<EntityId> = group.iter().map(|m| m.entity).collect();
            in_window.sort_unstable();
            in_window.dedup();
            for e in &in_window {
                if let Some(i) = slot(*e) {
                    out.entities[i].windows[k] += 1;
                }
            }
            let corridors: Vec<EntityId> = in_window
                .iter()
                .copied()
                .filter(|&e| gazetteer.entity(e).kind == EntityKind::Corridor)
                .collect();
            in_window.retain(|&e| gazetteer.entity(e).kind == EntityKind::Country);
            if in_window.len() < 2 {
                continue;
            }
            let span = window_span(doc, window, window.key(&group[0]));
            for (i, &a) in in_window.iter().enumerate() {
                for &b in &in_window[i + 1..] {
                    if let Some(p) = find_pair(&mut out.pairs[first_pair..], a, b) {
                        p.weight += 1;
                        p.corridors.extend_from_slice(&corridors);
                    } else {
                        out.pairs.push(PairCount {
                            a,
                            b,
                            window,
                            weight: 1,
                            first: span,
                            corridors: corridors.clone(),
                        });
                    }
                }
            }
        }
        let this_kind = &mut out.pairs[first_pair..];
        this_kind.sort_by_key(|p| (p.a, p.b));
        for p in this_kind {
            p.corridors.sort_unstable();
            p.corridors.dedup();
        }
    }
    out
}

/// The pair `(a, b)` among one window kind's pairs, if the article has named it already.
fn find_pair(pairs: &mut [PairCount], a: EntityId, b: EntityId) -> Option<&mut PairCount> {
    pairs.iter_mut().find(|p| p.a == a && p.b == b)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_long_passage_is_cut_at_a_character_boundary() {
        // 'é' is two bytes: the limit falls inside one, which is left out whole.
        let text = format!("x{}", "é".repeat(PASSAGE_BYTES));
        let cut = passage(&text, Span::new(0, text.len()));
        assert_eq!(cut.len(), PASSAGE_BYTES - 1);
        assert!(cut.starts_with('x') && cut[1..].chars().all(|c| c == 'é'));
        assert_eq!(passage("a short one", Span::new(2, 7)), "short");
        assert_eq!(passage("out of range", Span::new(5, 99)), "");
    }

    use std::collections::BTreeMap;

    use super::*;
    use crate::graph::{Params, build};
    use crate::pipeline::{Source, load};

    /// The bundled corpus's per-article counts, summed, give every node's mentions, documents
    /// and windows and every link's weight, documents and corridors, for every window.
    #[test]
    fn summed_article_counts_are_the_graphs_counts() {
        let g = Gazetteer::bundled().expect("gazetteer");
        let data = load(
            &Source::Seeds,
            &g,
            &|_| {},
            &std::sync::atomic::AtomicBool::new(false),
        )
        .expect("seeds load");
        let counted: Vec<ArticleCounts> = data
            .counted()
            .map(|(doc, ms)| article_counts(&g, doc, ms))
            .collect();
        assert!(counted.len() > 3, "the seeds hold several articles");
        for (k, window) in Window::ALL.into_iter().enumerate() {
            let params = Params {
                window,
                ..Params::default()
            };
            let analysis = build(&g, &data.documents, &data.mentions, &params);
            // Nodes: mentions, documents and windows summed.
            let mut nodes: BTreeMap<EntityId, (u32, u32, u32)> = BTreeMap::new();
            for c in &counted {
                for e in &c.entities {
                    if g.entity(e.entity).kind == EntityKind::Country {
                        let n = nodes.entry(e.entity).or_default();
                        *n = (n.0 + e.mentions, n.1 + 1, n.2 + e.windows[k]);
                    }
                }
            }
            let from_graph: BTreeMap<EntityId, (u32, u32, u32)> = analysis
                .graph
                .node_weights()
                .map(|n| (n.entity, (n.mentions, n.documents, n.windows)))
                .collect();
            assert_eq!(nodes, from_graph, "nodes, {} window", window.as_str());
            // Links: weights, documents and corridor tags summed.
            let mut links: BTreeMap<(EntityId, EntityId), (u32, u32, Vec<EntityId>)> =
                BTreeMap::new();
            for c in &counted {
                for p in c.pairs.iter().filter(|p| p.window == window) {
                    let l = links.entry((p.a, p.b)).or_default();
                    l.0 += p.weight;
                    l.1 += 1;
                    l.2.extend_from_slice(&p.corridors);
                }
            }
            for l in links.values_mut() {
                l.2.sort_unstable();
                l.2.dedup();
            }
            let from_graph: BTreeMap<(EntityId, EntityId), (u32, u32, Vec<EntityId>)> = analysis
                .graph
                .edge_indices()
                .filter_map(|e| {
                    let (x, y) = analysis.graph.edge_endpoints(e)?;
                    let (a, b) = (analysis.graph[x].entity, analysis.graph[y].entity);
                    let l = &analysis.graph[e];
                    Some((
                        (a.min(b), a.max(b)),
                        (l.weight, l.documents, l.corridors.clone()),
                    ))
                })
                .collect();
            assert!(!links.is_empty(), "the seeds link countries");
            assert_eq!(links, from_graph, "links, {} window", window.as_str());
            let windows: u64 = counted.iter().map(|c| c.windows[k]).sum();
            assert_eq!(windows, analysis.windows, "{} windows", window.as_str());
        }
    }

    /// Each window kind's first passage naming a pair is a window that names both.
    #[test]
    fn a_pairs_first_passage_names_both_countries() {
        let g = Gazetteer::bundled().expect("gazetteer");
        let text = "Turkey and Georgia signed a deal. Azerbaijan joined later.\n\n\
                    Georgia and Turkey met again, with Azerbaijan, on the Middle Corridor."
            .to_owned();
        let doc = Document::from_text("a.txt".into(), None, text.clone(), text.len() as u64);
        let ms = crate::extract::extract(&g, &doc);
        let c = article_counts(&g, &doc, &ms);
        let tur = g.by_code("TUR").expect("TUR");
        let geo = g.by_code("GEO").expect("GEO");
        let sentence = c
            .pairs
            .iter()
            .find(|p| p.window == Window::Sentence && (p.a, p.b) == (tur.min(geo), tur.max(geo)))
            .expect("Türkiye and Georgia in a sentence");
        assert_eq!(sentence.weight, 2);
        // The corridor is named in the second sentence only, and tags the pair there.
        let middle = g.by_code("middle-corridor").expect("the Middle Corridor");
        assert_eq!(sentence.corridors, vec![middle]);
        let aze = g.by_code("AZE").expect("AZE");
        let with_azerbaijan = c
            .pairs
            .iter()
            .find(|p| p.window == Window::Sentence && (p.a, p.b) == (aze.min(geo), aze.max(geo)))
            .expect("Azerbaijan and Georgia in the second sentence");
        assert_eq!(with_azerbaijan.weight, 1);
        assert!(
            doc.slice(with_azerbaijan.first)
                .starts_with("Georgia and Turkey met again")
        );
        assert_eq!(
            doc.slice(sentence.first),
            "Turkey and Georgia signed a deal."
        );
        let article = c
            .pairs
            .iter()
            .find(|p| p.window == Window::Article && (p.a, p.b) == (tur.min(geo), tur.max(geo)))
            .expect("in the article");
        assert_eq!(article.weight, 1);
        assert_eq!(c.windows, [3, 2, 1]);
    }
}
