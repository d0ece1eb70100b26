//! The graph from sums: the counts of an atlas (a corpus counted elsewhere, by day) instead of
//! documents and their mentions.
//!
//! Every count [`super::build`] tallies is a sum over articles ([`super::article`]); an atlas
//! holds those sums per day, so any date range, window kind, measure and filter is a sum over
//! its rows. [`build_from_sums`] goes through the same steps as `build` — the same totals, the
//! same nodes, candidates in the same pair order, the same top-N filter and node measures — so
//! the two agree exactly (tested against `build` on the bundled corpus).

use std::collections::{BTreeMap, BTreeSet};

use super::{
    Analysis, Candidate, Evidence, Link, Params, Totals, Window, article, finish, nodes, top_links,
};
use crate::corpus::{Date, Document};
use crate::extract::Mention;
use crate::gazetteer::{EntityId, EntityKind, Gazetteer};

/// One entity on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EntityDay {
    /// The entity.
    pub entity: EntityId,
    /// The articles' date (`None`: undated).
    pub day: Option<Date>,
    /// Times named.
    pub mentions: u32,
    /// Articles naming it (its article windows).
    pub documents: u32,
    /// Sentences naming it.
    pub sentence: u32,
    /// Paragraphs naming it.
    pub paragraph: u32,
}

impl EntityDay {
    /// Windows of a kind naming the entity.
    pub fn windows(&self, window: Window) -> u32 {
        match window {
            Window::Sentence => self.sentence,
            Window::Paragraph => self.paragraph,
            Window::Article => self.documents,
        }
    }
}

/// The articles of one day and their windows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WindowDay {
    /// The date (`None`: undated).
    pub day: Option<Date>,
    /// Articles counted.
    pub documents: u32,
    /// Their sentences.
    pub sentence: u64,
    /// Their paragraphs.
    pub paragraph: u64,
}

impl WindowDay {
    /// Windows of a kind (an article is its own window).
    pub fn windows(&self, window: Window) -> u64 {
        match window {
            Window::Sentence => self.sentence,
            Window::Paragraph => self.paragraph,
            Window::Article => u64::from(self.documents),
        }
    }
}

/// A pair of countries named together on one day, for one window kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairDay {
    /// The first country (`a < b`).
    pub a: EntityId,
    /// The second country.
    pub b: EntityId,
    /// The window kind.
    pub window: Window,
    /// The date (`None`: undated).
    pub day: Option<Date>,
    /// Windows naming both.
    pub weight: u32,
    /// Articles among them.
    pub documents: u32,
}

/// A corridor named in windows naming a pair, on one day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TagDay {
    /// The first country (`a < b`).
    pub a: EntityId,
    /// The second country.
    pub b: EntityId,
    /// The window kind.
    pub window: Window,
    /// The corridor.
    pub corridor: EntityId,
    /// The date (`None`: undated).
    pub day: Option<Date>,
    /// Articles where a window naming the pair names the corridor.
    pub documents: u32,
}

/// Every count of a corpus, by day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sums {
    /// Entities named, by entity and day.
    pub entities: Vec<EntityDay>,
    /// Articles and windows, by day.
    pub windows: Vec<WindowDay>,
    /// Pairs named together, by pair, window kind and day.
    pub pairs: Vec<PairDay>,
    /// Corridors named with pairs, by pair, window kind, corridor and day.
    pub tags: Vec<TagDay>,
}

impl Sums {
    /// The sums of the counted documents (`mentions[i]` belongs to `docs[i]`), rows sorted by
    /// their keys.
    pub fn of(gazetteer: &Gazetteer, docs: &[Document], mentions: &[Vec<Mention>]) -> Self {
        type Day = Option<Date>;
        let mut entities: BTreeMap<(EntityId, Day), [u32; 4]> = BTreeMap::new();
        let mut windows: BTreeMap<Day, (u32, u64, u64)> = BTreeMap::new();
        let mut pairs: BTreeMap<(EntityId, EntityId, Window, Day), (u32, u32)> = BTreeMap::new();
        let mut tags: BTreeMap<(EntityId, EntityId, Window, EntityId, Day), u32> = BTreeMap::new();
        for (doc, ms) in docs.iter().zip(mentions) {
            if doc.duplicate_of.is_some() {
                continue;
            }
            let day = doc.date;
            let counts = article::article_counts(gazetteer, doc, ms);
            let w = windows.entry(day).or_default();
            w.0 += 1;
            w.1 += counts.windows[0];
            w.2 += counts.windows[1];
            for e in &counts.entities {
                let row = entities.entry((e.entity, day)).or_default();
                row[0] += e.mentions;
                row[1] += 1;
                row[2] += e.windows[0];
                row[3] += e.windows[1];
            }
            for p in &counts.pairs {
                let row = pairs.entry((p.a, p.b, p.window, day)).or_default();
                row.0 += p.weight;
                row.1 += 1;
                for &corridor in &p.corridors {
                    *tags.entry((p.a, p.b, p.window, corridor, day)).or_default() += 1;
                }
            }
        }
        Self {
            entities: entities
                .into_iter()
                .map(|((entity, day), c)| EntityDay {
                    entity,
                    day,
                    mentions: c[0],
                    documents: c[1],
                    sentence: c[2],
                    paragraph: c[3],
                })
                .collect(),
            windows: windows
                .into_iter()
                .map(|(day, w)| WindowDay {
                    day,
                    documents: w.0,
                    sentence: w.1,
                    paragraph: w.2,
                })
                .collect(),
            pairs: pairs
                .into_iter()
                .map(|((a, b, window, day), (weight, documents))| PairDay {
                    a,
                    b,
                    window,
                    day,
                    weight,
                    documents,
                })
                .collect(),
            tags: tags
                .into_iter()
                .map(|((a, b, window, corridor, day), documents)| TagDay {
                    a,
                    b,
                    window,
                    corridor,
                    day,
                    documents,
                })
                .collect(),
        }
    }

    /// How many sentences, paragraphs and articles name both `a` and `b` on the days `params`
    /// admits: the link's weight under each window.
    pub fn pair_weights(&self, params: &Params, a: EntityId, b: EntityId) -> [u32; 3] {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let mut out = [0u32; 3];
        for p in &self.pairs {
            if p.a == a && p.b == b && params.admits(p.day) {
                let k = Window::ALL.iter().position(|&w| w == p.window).unwrap_or(0);
                out[k] = out[k].saturating_add(p.weight);
            }
        }
        out
    }

    /// Countries' mentions per day (the timeline of the whole corpus).
    pub fn country_mentions(&self, gazetteer: &Gazetteer) -> Vec<(Option<Date>, u32)> {
        self.entities
            .iter()
            .filter(|e| {
                gazetteer
                    .entities()
                    .get(e.entity.index())
                    .is_some_and(|x| x.kind == EntityKind::Country)
            })
            .map(|e| (e.day, e.mentions))
            .collect()
    }

    /// One entity's mentions per day.
    pub fn mentions_of(&self, entity: EntityId) -> Vec<(Option<Date>, u32)> {
        self.entities
            .iter()
            .filter(|e| e.entity == entity)
            .map(|e| (e.day, e.mentions))
            .collect()
    }

    /// A pair's windows of one kind per day.
    pub fn weights_of(&self, a: EntityId, b: EntityId, window: Window) -> Vec<(Option<Date>, u32)> {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        self.pairs
            .iter()
            .filter(|p| p.a == a && p.b == b && p.window == window)
            .map(|p| (p.day, p.weight))
            .collect()
    }

    /// Articles per day.
    pub fn documents_per_day(&self) -> Vec<(Option<Date>, u32)> {
        self.windows.iter().map(|w| (w.day, w.documents)).collect()
    }
}

/// Builds the graph from sums. `evidence(a, b)` gives the windows a link quotes (for an atlas:
/// its sampled passages as documents); the link's weight and documents are the sums'.
pub fn build_from_sums(
    gazetteer: &Gazetteer,
    sums: &Sums,
    params: &Params,
    evidence: &dyn Fn(EntityId, EntityId) -> Vec<Evidence>,
) -> Analysis {
    let n = gazetteer.entities().len();
    let mut totals = Totals {
        mentions: vec![0; n],
        windows_of: vec![0; n],
        documents_of: vec![0; n],
        windows: 0,
        documents: 0,
    };
    for e in &sums.entities {
        let i = e.entity.index();
        if i >= n || !params.admits(e.day) {
            continue;
        }
        totals.mentions[i] = totals.mentions[i].saturating_add(e.mentions);
        totals.windows_of[i] = totals.windows_of[i].saturating_add(e.windows(params.window));
        totals.documents_of[i] = totals.documents_of[i].saturating_add(e.documents);
    }
    for w in &sums.windows {
        if params.admits(w.day) {
            totals.windows += w.windows(params.window);
            totals.documents = totals.documents.saturating_add(w.documents);
        }
    }
    let mut built = nodes(gazetteer, &totals, params);

    let mut weights: BTreeMap<(EntityId, EntityId), (u32, u32)> = BTreeMap::new();
    for p in &sums.pairs {
        if p.window == params.window && params.admits(p.day) {
            let row = weights.entry((p.a, p.b)).or_default();
            row.0 = row.0.saturating_add(p.weight);
            row.1 = row.1.saturating_add(p.documents);
        }
    }
    let mut tags: BTreeMap<(EntityId, EntityId), BTreeSet<EntityId>> = BTreeMap::new();
    for t in &sums.tags {
        if t.window == params.window && t.documents > 0 && params.admits(t.day) {
            tags.entry((t.a, t.b)).or_default().insert(t.corridor);
        }
    }
    // Candidates in the pair order `build` uses (countries by entity, the smaller first).
    let mut candidates = Vec::new();
    let mut keys = Vec::new();
    for (&(a, b), &(weight, documents)) in &weights {
        if weight < params.min_weight.max(1) {
            continue;
        }
        let (Some(&na), Some(&nb)) = (built.node_of.get(&a), built.node_of.get(&b)) else {
            continue;
        };
        let score = params.measure.score(
            weight,
            built.graph[na].windows,
            built.graph[nb].windows,
            totals.windows,
        );
        candidates.push(Candidate {
            a: na,
            b: nb,
            pair: keys.len(),
            weight,
            score,
        });
        keys.push((a, b, documents));
    }
    let keep = top_links(built.graph.node_count(), &candidates, params.top_n);
    for (c, keep) in candidates.into_iter().zip(keep) {
        if !keep {
            continue;
        }
        let (a, b, documents) = keys[c.pair];
        let link = Link {
            weight: c.weight,
            score: c.score,
            documents,
            corridors: tags
                .get(&(a, b))
                .map(|t| t.iter().copied().collect())
                .unwrap_or_default(),
            evidence: evidence(a, b),
        };
        built.graph.add_edge(c.a, c.b, link);
    }
    finish(params, built, &totals)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Measure, build};
    use crate::pipeline::{Source, load};

    /// The bundled corpus five times over, each round on other days (every third article
    /// undated, the last of the five a copy of the first), with its mentions.
    fn corpus(g: &Gazetteer) -> (Vec<Document>, Vec<Vec<Mention>>) {
        let data = load(
            &Source::Seeds,
            g,
            &|_| {},
            &std::sync::atomic::AtomicBool::new(false),
        )
        .expect("seeds");
        let (mut docs, mut mentions) = (Vec::new(), Vec::new());
        for round in 0..5 {
            for (i, (doc, ms)) in data.documents.iter().zip(&data.mentions).enumerate() {
                let mut doc = doc.clone();
                doc.date = (i % 3 != 2)
                    .then(|| Date::from_days(20_000 + round * 40 + i as i32))
                    .flatten();
                if round == 4 && i == 0 {
                    doc.duplicate_of = Some(0);
                }
                docs.push(doc);
                mentions.push(ms.clone());
            }
        }
        (docs, mentions)
    }

    /// The sums of a corpus give the graph `build` gives, for every window, measure and filter,
    /// with a date range that cuts the corpus.
    #[test]
    fn the_graph_from_sums_is_the_graph_from_documents() {
        let g = Gazetteer::bundled().expect("gazetteer");
        let (docs, mentions) = corpus(&g);
        let sums = Sums::of(&g, &docs, &mentions);
        let mut dates: Vec<Date> = docs.iter().filter_map(|d| d.date).collect();
        dates.sort_unstable();
        assert!(dates.len() > 10, "the corpus is dated");
        let middle = dates[dates.len() / 2];
        let mut checked = 0;
        for window in Window::ALL {
            for measure in [Measure::Count, Measure::Npmi, Measure::Jaccard] {
                for (min_weight, top_n, min_mentions, from) in
                    [(1, 0, 0, None), (2, 3, 2, None), (1, 0, 0, Some(middle))]
                {
                    let params = Params {
                        window,
                        measure,
                        min_weight,
                        top_n,
                        min_mentions,
                        from,
                        to: None,
                    };
                    let want = build(&g, &docs, &mentions, &params);
                    let got = build_from_sums(&g, &sums, &params, &|_, _| Vec::new());
                    assert_eq!(got.documents, want.documents);
                    assert_eq!(got.windows, want.windows);
                    assert_eq!(got.corridors, want.corridors);
                    assert_eq!(got.regions, want.regions);
                    let nodes = |a: &Analysis| a.graph.node_weights().cloned().collect::<Vec<_>>();
                    assert_eq!(nodes(&got), nodes(&want), "{params:?}");
                    let links = |a: &Analysis| {
                        a.graph
                            .edge_indices()
                            .filter_map(|e| {
                                let (x, y) = a.graph.edge_endpoints(e)?;
                                let l = &a.graph[e];
                                Some((
                                    a.graph[x].entity,
                                    a.graph[y].entity,
                                    l.weight,
                                    l.score.to_bits(),
                                    l.documents,
                                    l.corridors.clone(),
                                ))
                            })
                            .collect::<Vec<_>>()
                    };
                    assert_eq!(links(&got), links(&want), "{params:?}");
                    checked += want.graph.edge_count();
                }
            }
        }
        assert!(
            checked > 300,
            "the corpus gives links to compare: {checked}"
        );
    }

    #[test]
    fn pair_weights_from_sums_are_the_pair_weights_of_documents() {
        let g = Gazetteer::bundled().expect("gazetteer");
        let (docs, mentions) = corpus(&g);
        let sums = Sums::of(&g, &docs, &mentions);
        let (aze, tur) = (
            g.by_code("AZE").expect("AZE"),
            g.by_code("TUR").expect("TUR"),
        );
        let params = Params::default();
        let want = crate::graph::pair_weights(&docs, &mentions, &params, aze, tur);
        assert!(want[0] > 0);
        assert_eq!(sums.pair_weights(&params, tur, aze), want);
        let per_day: u32 = sums
            .weights_of(aze, tur, Window::Paragraph)
            .iter()
            .map(|r| r.1)
            .sum();
        assert_eq!(per_day, want[1]);
    }
}
