//! Mentions to the co-mention graph.
//!
//! For the chosen [`Window`], every window (sentence, paragraph or whole article) that names two
//! countries adds 1 to their link, however often each is named inside it. Each link keeps its
//! evidence — the windows, by document and span — and the corridors named in those windows.
//! Building is cheap and reads no file, so a change of parameter rebuilds the graph from the
//! stored mentions.

mod community;

use std::collections::{BTreeSet, HashMap};

use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{Date, Document, Span};
use crate::extract::Mention;
use crate::gazetteer::{EntityId, EntityKind, Gazetteer};

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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    /// Number of windows naming both.
    pub weight: u32,
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

    /// The largest mention count of a node (0 when there is none).
    pub fn max_mentions(&self) -> u32 {
        self.graph
            .node_weights()
            .map(|n| n.mentions)
            .max()
            .unwrap_or(0)
    }
}

/// What one document contributes.
#[derive(Default)]
struct Partial {
    mentions: HashMap<EntityId, (u32, BTreeSet<u32>)>,
    links: HashMap<(EntityId, EntityId), (Vec<Evidence>, BTreeSet<EntityId>)>,
}

impl Partial {
    fn merge(mut self, other: Self) -> Self {
        for (k, (n, docs)) in other.mentions {
            let e = self.mentions.entry(k).or_default();
            e.0 += n;
            e.1.extend(docs);
        }
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
    for (entity, (mentions, documents)) in entities {
        let documents = documents.len() as u32;
        match gazetteer.entity(entity).kind {
            EntityKind::Country => {
                node_of.insert(
                    entity,
                    graph.add_node(Node {
                        entity,
                        mentions,
                        documents,
                        weighted_degree: 0,
                        community: 0,
                    }),
                );
            }
            EntityKind::Corridor => corridors.push(EntityStat {
                entity,
                mentions,
                documents,
            }),
            EntityKind::Region | EntityKind::Organisation => regions.push(EntityStat {
                entity,
                mentions,
                documents,
            }),
        }
    }
    corridors.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.entity.cmp(&b.entity)));
    regions.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.entity.cmp(&b.entity)));

    let mut links: Vec<_> = partial.links.into_iter().collect();
    links.sort_unstable_by_key(|(pair, _)| *pair);
    for ((a, b), (mut evidence, corridor_tags)) in links {
        let weight = evidence.len() as u32;
        if weight < params.min_weight.max(1) {
            continue;
        }
        let (Some(&na), Some(&nb)) = (node_of.get(&a), node_of.get(&b)) else {
            continue;
        };
        evidence.sort_unstable();
        let documents = evidence
            .iter()
            .map(|e| e.doc)
            .collect::<BTreeSet<_>>()
            .len() as u32;
        let link = Link {
            weight,
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
    Analysis {
        params: params.clone(),
        graph,
        corridors,
        regions,
        node_of,
    }
}

fn add_document(
    gazetteer: &Gazetteer,
    doc_index: u32,
    doc: &Document,
    mentions: &[Mention],
    window: Window,
    acc: &mut Partial,
) {
    for m in mentions {
        let e = acc.mentions.entry(m.entity).or_default();
        e.0 += 1;
        e.1.insert(doc_index);
    }
    let key = |m: &Mention| match window {
        Window::Sentence => m.sentence,
        Window::Paragraph => m.paragraph,
        Window::Article => 0,
    };
    // Mentions are in text order, so each window's mentions are contiguous.
    for group in mentions.chunk_by(|a, b| key(a) == key(b)) {
        let mut countries: Vec<EntityId> = Vec::new();
        let mut corridors: Vec<EntityId> = Vec::new();
        for m in group {
            match gazetteer.entity(m.entity).kind {
                EntityKind::Country => countries.push(m.entity),
                EntityKind::Corridor => corridors.push(m.entity),
                EntityKind::Region | EntityKind::Organisation => {}
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
}
