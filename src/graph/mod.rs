//! Mentions to the co-mention graph.
//!
//! For the chosen [`Window`], every window (sentence, paragraph or whole article) that names two
//! countries adds 1 to their link, however often each is named inside it. Each link keeps its
//! evidence — the windows, by document and span — and the corridors named in those windows.
//! Building is cheap and reads no file, so a change of parameter rebuilds the graph from the
//! stored mentions.

pub mod article;
mod community;
mod measure;
pub mod passages;
pub mod summed;
mod tally;
mod timeline;

use std::collections::HashMap;

use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{Date, Document, Span};
use crate::extract::Mention;
use crate::gazetteer::{EntityId, EntityKind, Gazetteer};

pub use measure::{Measure, betweenness};
pub use timeline::{Bucket, Histogram};

/// The unit of text in which two countries count as mentioned together.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Window {
    /// Both in one sentence (the default: the tightest evidence).
    #[default]
    Sentence,
    /// Both in one paragraph.
    Paragraph,
    /// Both in one article.
    Article,
}

impl Window {
    /// Every window, in order of size.
    pub const ALL: [Self; 3] = [Self::Sentence, Self::Paragraph, Self::Article];

    /// The lower-case name used on the command line and in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sentence => "sentence",
            Self::Paragraph => "paragraph",
            Self::Article => "article",
        }
    }
}

impl Window {
    /// The index of the window a mention falls in: its sentence, its paragraph, or 0 for the
    /// article. Mentions are in text order, so a window's mentions are contiguous.
    pub fn key(self, m: &Mention) -> u32 {
        match self {
            Self::Sentence => m.sentence,
            Self::Paragraph => m.paragraph,
            Self::Article => 0,
        }
    }

    /// How many of this kind of window in one document's `mentions` name both `a` and `b`.
    pub fn naming_both(self, mentions: &[Mention], a: EntityId, b: EntityId) -> u32 {
        mentions
            .chunk_by(|x, y| self.key(x) == self.key(y))
            .filter(|g| g.iter().any(|m| m.entity == a) && g.iter().any(|m| m.entity == b))
            .count() as u32
    }
}

impl std::str::FromStr for Window {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|w| w.as_str() == s)
            .ok_or_else(|| format!("unknown window '{s}' (sentence, paragraph or article)"))
    }
}

/// What the graph is built from: everything a user can change without re-reading files.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Params {
    /// Co-mention window.
    pub window: Window,
    /// Links lighter than this are left out (nodes stay).
    pub min_weight: u32,
    /// How links are scored ([`Link::score`]); top-N and widths follow the score.
    pub measure: Measure,
    /// Keep only each country's N best-scored links (a link stays when it is among the best of
    /// either end); 0 keeps all.
    pub top_n: u32,
    /// Countries named fewer times than this are left out, with their links.
    pub min_mentions: u32,
    /// Only documents dated on or after this day (undated ones are left out when set).
    pub from: Option<Date>,
    /// Only documents dated on or before this day (undated ones are left out when set).
    pub to: Option<Date>,
}

impl Params {
    /// Whether a document is counted: it passes the date filter and repeats no earlier one.
    pub fn counts(&self, doc: &Document) -> bool {
        doc.duplicate_of.is_none() && self.admits(doc.date)
    }

    /// Whether a date passes the date filter.
    pub fn admits(&self, date: Option<Date>) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(d) = date else { return false };
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }
}

/// A country in the graph.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Node {
    /// The country.
    pub entity: EntityId,
    /// How often it is named (counted text only).
    pub mentions: u32,
    /// In how many documents.
    pub documents: u32,
    /// Sum of the weights of its links.
    pub weighted_degree: u32,
    /// Its community (Louvain on link weights), numbered from 0.
    pub community: u32,
    /// How many windows (of the analysis's kind) name it.
    pub windows: u32,
    /// Betweenness centrality, 0–1.
    pub betweenness: f64,
}

/// One window that names both ends of a link.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Evidence {
    /// Index of the document in the corpus.
    pub doc: u32,
    /// The window's span in that document's text.
    pub span: Span,
}

/// A co-mention link between two countries.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Link {
    /// Number of windows naming both.
    pub weight: u32,
    /// The weight scored by the analysis's [`Measure`] (equal to the weight for a raw count).
    pub score: f64,
    /// Number of documents among those windows.
    pub documents: u32,
    /// Corridors named in those windows.
    pub corridors: Vec<EntityId>,
    /// The windows, sorted by document and position.
    pub evidence: Vec<Evidence>,
}

/// How present a corridor, region or organisation is in the corpus.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntityStat {
    /// The entity.
    pub entity: EntityId,
    /// How often it is named.
    pub mentions: u32,
    /// In how many documents.
    pub documents: u32,
}

/// The co-mention graph for one set of parameters.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// What it was built with.
    pub params: Params,
    /// Countries and their links.
    pub graph: UnGraph<Node, Link>,
    /// Corridors named at least once, by decreasing mentions.
    pub corridors: Vec<EntityStat>,
    /// Regions and organisations named at least once, by decreasing mentions (never counted
    /// as countries).
    pub regions: Vec<EntityStat>,
    /// Windows (of the analysis's kind) in the documents admitted.
    pub windows: u64,
    /// Documents admitted by the date filter.
    pub documents: u32,
    node_of: HashMap<EntityId, NodeIndex>,
}

impl Analysis {
    /// The node of a country, if it is mentioned.
    pub fn node(&self, entity: EntityId) -> Option<NodeIndex> {
        self.node_of.get(&entity).copied()
    }

    /// The link between two countries, if any.
    pub fn link(&self, a: EntityId, b: EntityId) -> Option<&Link> {
        let edge = self.graph.find_edge(self.node(a)?, self.node(b)?)?;
        Some(&self.graph[edge])
    }

    /// The heaviest link weight (0 when there is none).
    pub fn max_weight(&self) -> u32 {
        self.graph
            .edge_weights()
            .map(|l| l.weight)
            .max()
            .unwrap_or(0)
    }

    /// The highest link score (0 when there is none).
    pub fn max_score(&self) -> f64 {
        self.graph
            .edge_weights()
            .map(|l| l.score)
            .fold(0.0, f64::max)
    }

    /// The largest mention count of a node (0 when there is none).
    pub fn max_mentions(&self) -> u32 {
        self.graph
            .node_weights()
            .map(|n| n.mentions)
            .max()
            .unwrap_or(0)
    }
}

/// Builds the graph from the documents and their mentions (`mentions[i]` belongs to `docs[i]`).
pub fn build(
    gazetteer: &Gazetteer,
    docs: &[Document],
    mentions: &[Vec<Mention>],
    params: &Params,
) -> Analysis {
    let countries = tally::Countries::new(gazetteer);
    let chunks = tally::tally(gazetteer, &countries, docs, mentions, params);
    let totals = Totals::of(&chunks, gazetteer.entities().len());
    let mut built = nodes(gazetteer, &totals, params);
    let candidates = candidates(
        &countries,
        &chunks,
        &built.graph,
        &built.node_of,
        totals.windows,
        params,
    );
    let keep = top_links(built.graph.node_count(), &candidates, params.top_n);
    let kept: Vec<Candidate> = candidates
        .into_iter()
        .zip(keep)
        .filter_map(|(c, keep)| keep.then_some(c))
        .collect();
    for (a, b, link) in links(&countries, &chunks, kept) {
        built.graph.add_edge(a, b, link);
    }
    finish(params, built, &totals)
}

/// The analysis of a graph whose links are all in: node measures, then the whole.
fn finish(params: &Params, nodes: Nodes, totals: &Totals) -> Analysis {
    let Nodes {
        mut graph,
        node_of,
        corridors,
        regions,
    } = nodes;
    measure_nodes(&mut graph);
    Analysis {
        params: params.clone(),
        graph,
        corridors,
        regions,
        windows: totals.windows,
        documents: totals.documents,
        node_of,
    }
}

/// The chunks' counts summed: per entity, and over the corpus.
struct Totals {
    /// Mentions of each entity.
    mentions: Vec<u32>,
    /// Windows naming each entity.
    windows_of: Vec<u32>,
    /// Documents naming each entity.
    documents_of: Vec<u32>,
    /// Windows of the chosen kind in the corpus.
    windows: u64,
    /// Documents counted.
    documents: u32,
}

impl Totals {
    fn of(chunks: &[tally::Chunk], entities: usize) -> Self {
        let mut t = Self {
            mentions: vec![0; entities],
            windows_of: vec![0; entities],
            documents_of: vec![0; entities],
            windows: 0,
            documents: 0,
        };
        for c in chunks {
            for i in 0..entities {
                t.mentions[i] += c.mentions[i];
                t.windows_of[i] += c.windows[i];
                t.documents_of[i] += c.documents[i];
            }
            t.windows += c.total_windows;
            t.documents += c.total_documents;
        }
        t
    }
}

/// The countries that are nodes, and the corridors and regions named, busiest first.
struct Nodes {
    graph: UnGraph<Node, Link>,
    node_of: HashMap<EntityId, NodeIndex>,
    corridors: Vec<EntityStat>,
    regions: Vec<EntityStat>,
}

fn nodes(gazetteer: &Gazetteer, totals: &Totals, params: &Params) -> Nodes {
    let mut out = Nodes {
        graph: UnGraph::default(),
        node_of: HashMap::new(),
        corridors: Vec::new(),
        regions: Vec::new(),
    };
    for (i, &mentions) in totals.mentions.iter().enumerate() {
        if mentions == 0 {
            continue;
        }
        let entity = EntityId(i as u32);
        let stat = EntityStat {
            entity,
            mentions,
            documents: totals.documents_of[i],
        };
        match gazetteer.entity(entity).kind {
            EntityKind::Country => {
                if mentions < params.min_mentions {
                    continue;
                }
                let node = out.graph.add_node(Node {
                    entity,
                    mentions,
                    documents: totals.documents_of[i],
                    weighted_degree: 0,
                    community: 0,
                    windows: totals.windows_of[i],
                    betweenness: 0.0,
                });
                out.node_of.insert(entity, node);
            }
            EntityKind::Corridor => out.corridors.push(stat),
            EntityKind::Region | EntityKind::Organisation => out.regions.push(stat),
        }
    }
    let busiest =
        |a: &EntityStat, b: &EntityStat| b.mentions.cmp(&a.mentions).then(a.entity.cmp(&b.entity));
    out.corridors.sort_by(busiest);
    out.regions.sort_by(busiest);
    out
}

/// A link that passed the weight filter, before the top-N filter.
#[derive(Clone, Copy)]
struct Candidate {
    a: NodeIndex,
    b: NodeIndex,
    /// The pair's index in the tallies.
    pair: usize,
    /// Windows naming both.
    weight: u32,
    score: f64,
}

/// Links that pass the weight filter between countries that are nodes, in pair order.
fn candidates(
    countries: &tally::Countries,
    chunks: &[tally::Chunk],
    graph: &UnGraph<Node, Link>,
    node_of: &HashMap<EntityId, NodeIndex>,
    total_windows: u64,
    params: &Params,
) -> Vec<Candidate> {
    let n = countries.ids.len();
    let mut out = Vec::new();
    for a in 0..n {
        let Some(&na) = node_of.get(&countries.ids[a]) else {
            continue;
        };
        for b in a + 1..n {
            let pair = countries.pair(a as u32, b as u32);
            let weight: u32 = chunks.iter().map(|c| c.counts[pair]).sum();
            if weight < params.min_weight.max(1) {
                continue;
            }
            let Some(&nb) = node_of.get(&countries.ids[b]) else {
                continue;
            };
            let score =
                params
                    .measure
                    .score(weight, graph[na].windows, graph[nb].windows, total_windows);
            out.push(Candidate {
                a: na,
                b: nb,
                pair,
                weight,
                score,
            });
        }
    }
    out
}

/// The kept candidates as links, with their evidence and corridor tags.
fn links(
    countries: &tally::Countries,
    chunks: &[tally::Chunk],
    kept: Vec<Candidate>,
) -> Vec<(NodeIndex, NodeIndex, Link)> {
    let mut tags: Vec<(u32, EntityId)> = chunks
        .iter()
        .flat_map(|c| c.corridors.iter().copied())
        .collect();
    tags.sort_unstable();
    tags.dedup();
    let pairs: Vec<(usize, u32)> = kept.iter().map(|c| (c.pair, c.weight)).collect();
    let evidence = tally::evidence(countries, chunks, &pairs);
    kept.into_iter()
        .zip(evidence)
        .map(|(c, evidence)| {
            let mut documents = 0;
            let mut last = None;
            for e in &evidence {
                if last != Some(e.doc) {
                    documents += 1;
                    last = Some(e.doc);
                }
            }
            let first = tags.partition_point(|t| (t.0 as usize) < c.pair);
            let corridors = tags[first..]
                .iter()
                .take_while(|t| t.0 as usize == c.pair)
                .map(|t| t.1)
                .collect();
            let link = Link {
                weight: evidence.len() as u32,
                score: c.score,
                documents,
                corridors,
                evidence,
            };
            (c.a, c.b, link)
        })
        .collect()
}

/// Metrics over the finished graph: weighted degree, communities, betweenness.
fn measure_nodes(graph: &mut UnGraph<Node, Link>) {
    let edges: Vec<(usize, usize, f64)> = graph
        .edge_indices()
        .filter_map(|e| {
            graph
                .edge_endpoints(e)
                .map(|(a, b)| (a.index(), b.index(), f64::from(graph[e].weight)))
        })
        .collect();
    for &(a, b, w) in &edges {
        graph[NodeIndex::new(a)].weighted_degree += w as u32;
        graph[NodeIndex::new(b)].weighted_degree += w as u32;
    }
    for (i, c) in community::louvain(graph.node_count(), &edges)
        .into_iter()
        .enumerate()
    {
        graph[NodeIndex::new(i)].community = c;
    }
    for (i, b) in betweenness(graph).into_iter().enumerate() {
        graph[NodeIndex::new(i)].betweenness = b;
    }
}

/// Which candidate links survive a top-N filter: each node keeps its `n` best (by score, ties
/// to the pair that sorts first), and a link stays when either end keeps it. `n = 0` keeps
/// everything.
fn top_links(nodes: usize, candidates: &[Candidate], n: u32) -> Vec<bool> {
    if n == 0 {
        return vec![true; candidates.len()];
    }
    let mut incident: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    for (i, c) in candidates.iter().enumerate() {
        incident[c.a.index()].push(i);
        incident[c.b.index()].push(i);
    }
    let mut keep = vec![false; candidates.len()];
    for list in &mut incident {
        list.sort_by(|&x, &y| {
            candidates[y]
                .score
                .total_cmp(&candidates[x].score)
                .then(x.cmp(&y))
        });
        for &i in list.iter().take(n as usize) {
            keep[i] = true;
        }
    }
    keep
}

/// How many sentences, paragraphs and articles name both `a` and `b`, in the documents the date
/// filter of `params` admits: the link's weight under each window.
pub fn pair_weights(
    docs: &[Document],
    mentions: &[Vec<Mention>],
    params: &Params,
    a: EntityId,
    b: EntityId,
) -> [u32; 3] {
    let named = |ms: &[Mention], e: EntityId| ms.iter().any(|m| m.entity == e);
    docs.par_iter()
        .zip(mentions.par_iter())
        .filter(|(doc, ms)| params.counts(doc) && named(ms, a) && named(ms, b))
        .map(|(_, ms)| {
            [
                Window::Sentence.naming_both(ms, a, b),
                Window::Paragraph.naming_both(ms, a, b),
                1,
            ]
        })
        .reduce(|| [0; 3], |x, y| [x[0] + y[0], x[1] + y[1], x[2] + y[2]])
}

/// The span of window `index` in a document.
fn window_span(doc: &Document, window: Window, index: u32) -> Span {
    match window {
        Window::Sentence => doc
            .sentences
            .get(index as usize)
            .map(|s| s.span)
            .unwrap_or_default(),
        Window::Paragraph => doc
            .paragraphs
            .get(index as usize)
            .copied()
            .unwrap_or_default(),
        Window::Article => match (doc.paragraphs.first(), doc.paragraphs.last()) {
            (Some(first), Some(last)) => Span {
                start: first.start,
                end: last.end,
            },
            _ => Span::default(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::extract;

    /// The gazetteer, documents of `texts` (named `0.txt`, `1.txt` …) and their mentions.
    fn corpus<T: AsRef<str>>(texts: &[T]) -> (Gazetteer, Vec<Document>, Vec<Vec<Mention>>) {
        let g = Gazetteer::bundled().expect("gazetteer");
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let t = t.as_ref();
                Document::from_text(format!("{i}.txt"), None, t.to_owned(), t.len() as u64)
            })
            .collect();
        let mentions: Vec<Vec<Mention>> = docs.iter().map(|d| extract(&g, d)).collect();
        (g, docs, mentions)
    }

    fn analyse(texts: &[&str], params: &Params) -> (Gazetteer, Analysis) {
        let (g, docs, mentions) = corpus(texts);
        let a = build(&g, &docs, &mentions, params);
        (g, a)
    }

    fn weight(g: &Gazetteer, a: &Analysis, x: &str, y: &str) -> u32 {
        let (Some(x), Some(y)) = (g.by_code(x), g.by_code(y)) else {
            return 0;
        };
        a.link(x, y).map_or(0, |l| l.weight)
    }

    #[test]
    fn one_per_window_however_many_mentions() {
        let text = "Armenia, Armenia and Georgia met. Georgia hosted.\n\nArmenia thanked Georgia.";
        let (g, a) = analyse(&[text], &Params::default());
        assert_eq!(weight(&g, &a, "ARM", "GEO"), 2);
        let (g, a) = analyse(
            &[text],
            &Params {
                window: Window::Paragraph,
                ..Params::default()
            },
        );
        assert_eq!(weight(&g, &a, "ARM", "GEO"), 2);
        let (g, a) = analyse(
            &[text],
            &Params {
                window: Window::Article,
                ..Params::default()
            },
        );
        assert_eq!(weight(&g, &a, "ARM", "GEO"), 1);
        let arm = a.node(g.by_code("ARM").expect("ARM")).expect("node");
        assert_eq!(a.graph[arm].mentions, 3);
    }

    #[test]
    fn evidence_points_at_the_sentence_and_corridors_tag() {
        let text = "Nothing here. Azerbaijan and Georgia back the Middle Corridor. Done.";
        let (g, a) = analyse(&[text], &Params::default());
        let link = a
            .link(
                g.by_code("AZE").expect("AZE"),
                g.by_code("GEO").expect("GEO"),
            )
            .expect("link");
        assert_eq!(link.evidence.len(), 1);
        assert_eq!(
            &text[link.evidence[0].span.range()],
            "Azerbaijan and Georgia back the Middle Corridor."
        );
        assert_eq!(
            link.corridors,
            vec![g.by_code("middle-corridor").expect("corridor")]
        );
        assert_eq!(a.corridors.len(), 1);
    }

    #[test]
    fn min_weight_and_date_filters() {
        let (g, a) = analyse(
            &["Chile and Peru met."],
            &Params {
                min_weight: 2,
                ..Params::default()
            },
        );
        assert_eq!(weight(&g, &a, "CHL", "PER"), 0);
        assert_eq!(a.graph.node_count(), 2);
        let from = "2026-01-01".parse().ok();
        let dated = " date 2026-02-01\nChile and Peru met.";
        let (g, a) = analyse(
            &["Chile and Peru met.", dated],
            &Params {
                from,
                ..Params::default()
            },
        );
        assert_eq!(weight(&g, &a, "CHL", "PER"), 1);
        assert_eq!(
            a.graph.edge_weights().next().map(|l| l.evidence[0].doc),
            Some(1)
        );
        let _ = g;
    }

    #[test]
    fn the_graph_is_the_same_whatever_the_thread_count() {
        // Enough documents for several chunks; countries vary with the index.
        let names = [
            "Chile",
            "Peru",
            "Bolivia",
            "Ecuador",
            "Kazakhstan",
            "Georgia",
            "Armenia",
        ];
        let texts: Vec<String> = (0..900)
            .map(|i| {
                let a = names[i % names.len()];
                let b = names[(i / 3) % names.len()];
                let c = names[(i / 7) % names.len()];
                format!("{a} and {b} met in spring. {c} waited.\n\n{b} and {c} spoke with {a}.")
            })
            .collect();
        let (g, docs, mentions) = corpus(&texts);
        let summary = |threads: usize, window: Window| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("pool");
            let params = Params {
                window,
                measure: Measure::Npmi,
                ..Params::default()
            };
            let a = pool.install(|| build(&g, &docs, &mentions, &params));
            let mut links: Vec<(EntityId, EntityId, Vec<Evidence>, u64)> = a
                .graph
                .edge_indices()
                .filter_map(|e| {
                    let (x, y) = a.graph.edge_endpoints(e)?;
                    let l = &a.graph[e];
                    Some((
                        a.graph[x].entity,
                        a.graph[y].entity,
                        l.evidence.clone(),
                        l.score.to_bits(),
                    ))
                })
                .collect();
            links.sort_by_key(|l| (l.0, l.1));
            (links, a.windows)
        };
        for window in Window::ALL {
            let one = summary(1, window);
            assert!(one.0.len() >= 10);
            assert!(
                one.0.iter().all(|l| l.2.windows(2).all(|w| w[0] <= w[1])),
                "evidence in order"
            );
            assert_eq!(one, summary(3, window), "{window:?}");
            assert_eq!(one, summary(8, window), "{window:?}");
        }
    }

    #[test]
    fn the_graph_is_the_same_whatever_the_document_order() {
        type Summary = Vec<(String, String, u32, u64, Vec<EntityId>, Vec<(String, Span)>)>;
        let texts: Vec<String> = (0..400)
            .map(|i| {
                let names = ["Chile", "Peru", "Bolivia", "Georgia", "Armenia", "Japan"];
                format!(
                    "{} and {} met. {} spoke on the Middle Corridor with {}.",
                    names[i % 6],
                    names[(i / 2) % 6],
                    names[(i / 5) % 6],
                    names[(i / 11) % 6]
                )
            })
            .collect();
        let (g, docs, mentions) = corpus(&texts);
        // A fixed shuffle: i -> (i * 7919) mod 400 is a permutation.
        let order: Vec<usize> = (0..docs.len()).map(|i| (i * 7919) % docs.len()).collect();
        let shuffled_docs: Vec<Document> = order.iter().map(|&i| docs[i].clone()).collect();
        let shuffled_mentions: Vec<Vec<Mention>> =
            order.iter().map(|&i| mentions[i].clone()).collect();
        let summary = |docs: &[Document], mentions: &[Vec<Mention>]| -> Summary {
            let a = build(
                &g,
                docs,
                mentions,
                &Params {
                    measure: Measure::Association,
                    ..Params::default()
                },
            );
            let mut out: Summary = a
                .graph
                .edge_indices()
                .filter_map(|e| {
                    let (x, y) = a.graph.edge_endpoints(e)?;
                    let mut ends = [
                        g.entity(a.graph[x].entity).code.clone(),
                        g.entity(a.graph[y].entity).code.clone(),
                    ];
                    ends.sort();
                    let l = &a.graph[e];
                    let mut evidence: Vec<(String, Span)> = l
                        .evidence
                        .iter()
                        .map(|ev| (docs[ev.doc as usize].id.clone(), ev.span))
                        .collect();
                    evidence.sort();
                    let [p, q] = ends;
                    Some((
                        p,
                        q,
                        l.weight,
                        l.score.to_bits(),
                        l.corridors.clone(),
                        evidence,
                    ))
                })
                .collect();
            out.sort();
            out
        };
        let straight = summary(&docs, &mentions);
        assert!(straight.len() >= 10);
        assert_eq!(straight, summary(&shuffled_docs, &shuffled_mentions));
    }

    #[test]
    fn pair_weights_agree_with_the_graph_under_each_window() {
        let texts = [
            "Armenia and Georgia met. Georgia hosted.\n\nArmenia thanked Georgia. Armenia left.",
            "Armenia spoke.\n\nGeorgia answered.",
            "Chile only.",
        ];
        let (g, docs, mentions) = corpus(&texts);
        let (arm, geo) = (
            g.by_code("ARM").expect("ARM"),
            g.by_code("GEO").expect("GEO"),
        );
        let weights = pair_weights(&docs, &mentions, &Params::default(), arm, geo);
        for (i, window) in Window::ALL.into_iter().enumerate() {
            let params = Params {
                window,
                ..Params::default()
            };
            let a = build(&g, &docs, &mentions, &params);
            assert_eq!(
                a.link(arm, geo).map_or(0, |l| l.weight),
                weights[i],
                "{window:?}"
            );
        }
        assert_eq!(weights, [2, 2, 2]);
    }

    #[test]
    fn measures_score_links_and_count_windows() {
        // Four sentences: A–B twice, A–C once, then C alone.
        let text =
            "Chile and Peru met. Chile and Peru agreed. Chile and Bolivia spoke. Bolivia waited.";
        let params = Params {
            measure: Measure::Jaccard,
            ..Params::default()
        };
        let (g, a) = analyse(&[text], &params);
        assert_eq!(a.windows, 4);
        assert_eq!(a.documents, 1);
        let chl = a.node(g.by_code("CHL").expect("CHL")).expect("node");
        assert_eq!(a.graph[chl].windows, 3);
        let link = |x: &str, y: &str| {
            a.link(g.by_code(x).expect("code"), g.by_code(y).expect("code"))
                .expect("link")
                .clone()
        };
        // Chile 3 windows, Peru 2, both 2: 2 / (3 + 2 - 2).
        assert!((link("CHL", "PER").score - 2.0 / 3.0).abs() < 1e-9);
        // Chile 3, Bolivia 2, both 1: 1 / 4.
        assert!((link("BOL", "CHL").score - 0.25).abs() < 1e-9);
        let (_, counted) = analyse(&[text], &Params::default());
        assert!(
            counted
                .graph
                .edge_weights()
                .all(|l| (l.score - f64::from(l.weight)).abs() < 1e-12)
        );
        // Betweenness: Chile joins Peru and Bolivia.
        assert!((a.graph[chl].betweenness - 1.0).abs() < 1e-9);
    }

    #[test]
    fn top_n_keeps_each_countrys_best_and_min_mentions_drops_the_rare() {
        // Chile–Peru 3, Chile–Bolivia 2, Chile–Ecuador 1, Peru–Ecuador 1.
        let text = "Chile and Peru met. Chile and Peru agreed. Chile and Peru signed. \
                    Chile and Bolivia spoke. Chile and Bolivia agreed. Chile and Ecuador met. \
                    Peru and Ecuador talked.";
        let top1 = Params {
            top_n: 1,
            ..Params::default()
        };
        let (g, a) = analyse(&[text], &top1);
        let mut kept: Vec<(String, String)> = a
            .graph
            .edge_indices()
            .filter_map(|e| a.graph.edge_endpoints(e))
            .map(|(x, y)| {
                let mut pair = [
                    g.entity(a.graph[x].entity).code.clone(),
                    g.entity(a.graph[y].entity).code.clone(),
                ];
                pair.sort();
                (pair[0].clone(), pair[1].clone())
            })
            .collect();
        kept.sort();
        // Chile's best and Peru's: CHL–PER; Bolivia's: BOL–CHL; Ecuador's best ties (1 and 1):
        // the earlier pair, CHL–ECU.
        assert_eq!(
            kept,
            [("BOL", "CHL"), ("CHL", "ECU"), ("CHL", "PER")]
                .map(|(x, y)| (x.to_owned(), y.to_owned()))
                .to_vec()
        );
        let (g, a) = analyse(
            &[text],
            &Params {
                min_mentions: 3,
                ..Params::default()
            },
        );
        assert!(
            a.node(g.by_code("BOL").expect("BOL")).is_none(),
            "Bolivia is named twice"
        );
        assert!(
            a.node(g.by_code("ECU").expect("ECU")).is_none(),
            "so is Ecuador"
        );
        assert!(a.node(g.by_code("PER").expect("PER")).is_some());
        assert_eq!(weight(&g, &a, "BOL", "CHL"), 0);
        assert_eq!(weight(&g, &a, "CHL", "PER"), 3);
    }
}
