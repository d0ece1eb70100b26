//! Mentions to the co-mention graph.
//!
//! For the chosen [`Window`], every window (sentence, paragraph or whole article) that names two
//! countries adds 1 to their link, however often each is named inside it. Each link keeps its
//! evidence — the windows, by document and span — and the corridors named in those windows.
//! Building is cheap and reads no file, so a change of parameter rebuilds the graph from the
//! stored mentions.

mod community;
mod measure;
mod timeline;

use std::collections::{BTreeSet, HashMap};

use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{Date, Document, Span};
use crate::extract::Mention;
use crate::gazetteer::{EntityId, EntityKind, Gazetteer};

pub use measure::{Measure, betweenness};
pub use timeline::{Bucket, Histogram};

/// The unit of text in which two countries count as mentioned together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
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
    /// Whether a document passes the date filter.
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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

/// How often one entity is named: mentions, windows naming it, documents naming it.
#[derive(Default)]
struct Count {
    mentions: u32,
    windows: u32,
    documents: u32,
}

/// What some documents contribute.
#[derive(Default)]
struct Partial {
    mentions: HashMap<EntityId, Count>,
    links: HashMap<(EntityId, EntityId), (Vec<Evidence>, BTreeSet<EntityId>)>,
    windows: u64,
    documents: u32,
}

impl Partial {
    fn merge(mut self, other: Self) -> Self {
        for (k, c) in other.mentions {
            let e = self.mentions.entry(k).or_default();
            e.mentions += c.mentions;
            e.windows += c.windows;
            e.documents += c.documents;
        }
        self.windows += other.windows;
        self.documents += other.documents;
        for (k, (ev, cor)) in other.links {
            let e = self.links.entry(k).or_default();
            e.0.extend(ev);
            e.1.extend(cor);
        }
        self
    }
}

/// Builds the graph from the documents and their mentions (`mentions[i]` belongs to `docs[i]`).
pub fn build(
    gazetteer: &Gazetteer,
    docs: &[Document],
    mentions: &[Vec<Mention>],
    params: &Params,
) -> Analysis {
    let partial = docs
        .par_iter()
        .zip(mentions.par_iter())
        .enumerate()
        .filter(|(_, (doc, _))| params.admits(doc.date))
        .fold(Partial::default, |mut acc, (i, (doc, ms))| {
            add_document(gazetteer, i as u32, doc, ms, params.window, &mut acc);
            acc
        })
        .reduce(Partial::default, Partial::merge);

    let mut graph = UnGraph::default();
    let mut node_of = HashMap::new();
    let mut corridors = Vec::new();
    let mut regions = Vec::new();
    let mut entities: Vec<_> = partial.mentions.into_iter().collect();
    entities.sort_unstable_by_key(|(id, _)| *id);
    for (entity, count) in entities {
        let stat = EntityStat {
            entity,
            mentions: count.mentions,
            documents: count.documents,
        };
        match gazetteer.entity(entity).kind {
            EntityKind::Country => {
                if count.mentions < params.min_mentions {
                    continue;
                }
                node_of.insert(
                    entity,
                    graph.add_node(Node {
                        entity,
                        mentions: count.mentions,
                        documents: count.documents,
                        weighted_degree: 0,
                        community: 0,
                        windows: count.windows,
                        betweenness: 0.0,
                    }),
                );
            }
            EntityKind::Corridor => corridors.push(stat),
            EntityKind::Region | EntityKind::Organisation => regions.push(stat),
        }
    }
    corridors.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.entity.cmp(&b.entity)));
    regions.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.entity.cmp(&b.entity)));

    let mut links: Vec<_> = partial.links.into_iter().collect();
    links.sort_unstable_by_key(|(pair, _)| *pair);
    let mut candidates: Vec<Candidate> = Vec::with_capacity(links.len());
    for ((a, b), (evidence, corridor_tags)) in links {
        let weight = evidence.len() as u32;
        if weight < params.min_weight.max(1) {
            continue;
        }
        let (Some(&na), Some(&nb)) = (node_of.get(&a), node_of.get(&b)) else {
            continue;
        };
        let score = params.measure.score(
            weight,
            graph[na].windows,
            graph[nb].windows,
            partial.windows,
        );
        candidates.push((na, nb, evidence, corridor_tags, score));
    }
    let keep = top_links(graph.node_count(), &candidates, params.top_n);
    for (i, (na, nb, mut evidence, corridor_tags, score)) in candidates.into_iter().enumerate() {
        if !keep[i] {
            continue;
        }
        evidence.sort_unstable();
        let mut documents = 0;
        let mut last = None;
        for e in &evidence {
            if last != Some(e.doc) {
                documents += 1;
                last = Some(e.doc);
            }
        }
        let link = Link {
            weight: evidence.len() as u32,
            score,
            documents,
            corridors: corridor_tags.into_iter().collect(),
            evidence,
        };
        graph.add_edge(na, nb, link);
    }
    // Metrics over the finished graph.
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
    for (i, b) in betweenness(&graph).into_iter().enumerate() {
        graph[NodeIndex::new(i)].betweenness = b;
    }
    Analysis {
        params: params.clone(),
        graph,
        corridors,
        regions,
        windows: partial.windows,
        documents: partial.documents,
        node_of,
    }
}

/// A link before the top-N filter: its ends, evidence, corridor tags and score.
type Candidate = (NodeIndex, NodeIndex, Vec<Evidence>, BTreeSet<EntityId>, f64);

/// Which candidate links survive a top-N filter: each node keeps its `n` best (by score, ties
/// to the pair that sorts first), and a link stays when either end keeps it. `n = 0` keeps everything.
fn top_links<E, T>(
    nodes: usize,
    candidates: &[(NodeIndex, NodeIndex, E, T, f64)],
    n: u32,
) -> Vec<bool> {
    if n == 0 {
        return vec![true; candidates.len()];
    }
    let mut incident: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    for (i, (a, b, ..)) in candidates.iter().enumerate() {
        incident[a.index()].push(i);
        incident[b.index()].push(i);
    }
    let mut keep = vec![false; candidates.len()];
    for list in &mut incident {
        list.sort_by(|&x, &y| candidates[y].4.total_cmp(&candidates[x].4).then(x.cmp(&y)));
        for &i in list.iter().take(n as usize) {
            keep[i] = true;
        }
    }
    keep
}

fn add_document(
    gazetteer: &Gazetteer,
    doc_index: u32,
    doc: &Document,
    mentions: &[Mention],
    window: Window,
    acc: &mut Partial,
) {
    acc.documents += 1;
    acc.windows += match window {
        Window::Sentence => doc.sentences.iter().filter(|s| !s.boilerplate).count() as u64,
        Window::Paragraph => {
            let mut counted = doc
                .sentences
                .iter()
                .filter(|s| !s.boilerplate)
                .map(|s| s.paragraph)
                .collect::<Vec<_>>();
            counted.dedup();
            counted.len() as u64
        }
        Window::Article => 1,
    };
    let mut in_document: Vec<EntityId> = Vec::new();
    for m in mentions {
        acc.mentions.entry(m.entity).or_default().mentions += 1;
        in_document.push(m.entity);
    }
    in_document.sort_unstable();
    in_document.dedup();
    for e in in_document {
        acc.mentions.entry(e).or_default().documents += 1;
    }
    let key = |m: &Mention| match window {
        Window::Sentence => m.sentence,
        Window::Paragraph => m.paragraph,
        Window::Article => 0,
    };
    // Mentions are in text order, so each window's mentions are contiguous.
    let mut named: Vec<EntityId> = Vec::new();
    let mut countries: Vec<EntityId> = Vec::new();
    let mut corridors: Vec<EntityId> = Vec::new();
    for group in mentions.chunk_by(|a, b| key(a) == key(b)) {
        named.clear();
        countries.clear();
        corridors.clear();
        for m in group {
            named.push(m.entity);
            match gazetteer.entity(m.entity).kind {
                EntityKind::Country => countries.push(m.entity),
                EntityKind::Corridor => corridors.push(m.entity),
                EntityKind::Region | EntityKind::Organisation => {}
            }
        }
        named.sort_unstable();
        named.dedup();
        for e in &named {
            if let Some(c) = acc.mentions.get_mut(e) {
                c.windows += 1;
            }
        }
        countries.sort_unstable();
        countries.dedup();
        if countries.len() < 2 {
            continue;
        }
        let span = window_span(doc, window, key(&group[0]));
        for (i, &a) in countries.iter().enumerate() {
            for &b in &countries[i + 1..] {
                let entry = acc.links.entry((a, b)).or_default();
                entry.0.push(Evidence {
                    doc: doc_index,
                    span,
                });
                entry.1.extend(corridors.iter().copied());
            }
        }
    }
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
    let both = |group: &[Mention]| {
        group.iter().any(|m| m.entity == a) && group.iter().any(|m| m.entity == b)
    };
    docs.par_iter()
        .zip(mentions.par_iter())
        .filter(|(doc, ms)| params.admits(doc.date) && both(ms))
        .map(|(_, ms)| {
            let sentences = ms
                .chunk_by(|x, y| x.sentence == y.sentence)
                .filter(|g| both(g));
            let paragraphs = ms
                .chunk_by(|x, y| x.paragraph == y.paragraph)
                .filter(|g| both(g));
            [sentences.count() as u32, paragraphs.count() as u32, 1]
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

    fn analyse(texts: &[&str], params: &Params) -> (Gazetteer, Analysis) {
        let g = Gazetteer::bundled().expect("gazetteer");
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                Document::from_text(format!("{i}.txt"), None, (*t).to_string(), t.len() as u64)
            })
            .collect();
        let mentions: Vec<Vec<Mention>> = docs.iter().map(|d| extract(&g, d)).collect();
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
    fn pair_weights_agree_with_the_graph_under_each_window() {
        let texts = [
            "Armenia and Georgia met. Georgia hosted.\n\nArmenia thanked Georgia. Armenia left.",
            "Armenia spoke.\n\nGeorgia answered.",
            "Chile only.",
        ];
        let g = Gazetteer::bundled().expect("gazetteer");
        let docs: Vec<Document> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::from_text(format!("{i}.txt"), None, (*t).to_string(), 1))
            .collect();
        let mentions: Vec<Vec<Mention>> = docs.iter().map(|d| extract(&g, d)).collect();
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
