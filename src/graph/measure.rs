//! Link scores that correct raw co-mention counts for how often each country is named, and
//! betweenness centrality.
//!
//! With `n` windows in the corpus, `n_a` and `n_b` windows naming each country and `n_ab` naming
//! both, a raw count favours countries named everywhere. The scores compare `n_ab` with what
//! chance would give:
//! - association strength `n · n_ab / (n_a · n_b)` (1 = as often as chance; van Eck & Waltman),
//! - Jaccard `n_ab / (n_a + n_b − n_ab)` (share of the windows naming either that name both),
//! - NPMI `ln(p_ab / (p_a · p_b)) / −ln p_ab` (−1 … 1; 0 = independent, 1 = always together).

use petgraph::graph::{NodeIndex, UnGraph};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// How a link is scored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// The number of windows naming both (the weight itself).
    #[default]
    Count,
    /// Co-mentions over what chance would give.
    Association,
    /// Windows naming both over windows naming either.
    Jaccard,
    /// Normalised pointwise mutual information.
    Npmi,
}

impl Measure {
    /// Every measure.
    pub const ALL: [Self; 4] = [Self::Count, Self::Association, Self::Jaccard, Self::Npmi];

    /// The lower-case name used on the command line and in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Count => "count",
            Self::Association => "association",
            Self::Jaccard => "jaccard",
            Self::Npmi => "npmi",
        }
    }

    /// A name for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Count => "Raw count",
            Self::Association => "Association strength",
            Self::Jaccard => "Jaccard",
            Self::Npmi => "NPMI",
        }
    }

    /// What the measure says, in one sentence.
    pub fn explanation(self) -> &'static str {
        match self {
            Self::Count => "How many windows name both countries",
            Self::Association => {
                "Co-mentions divided by what chance would give: 1 = as often as chance, above 1 = more"
            }
            Self::Jaccard => "Windows naming both, as a share of the windows naming either",
            Self::Npmi => {
                "Normalised pointwise mutual information: 0 = independent, 1 = always named together"
            }
        }
    }

    /// How strong a link of `score` looks, 0–1, when the best link scores `max`: the square root
    /// of the share for the unbounded measures (a few heavy links would flatten the rest), the
    /// share itself for the bounded ones; negative scores look like nothing.
    pub fn strength(self, score: f64, max: f64) -> f64 {
        if max <= 0.0 || score <= 0.0 {
            return 0.0;
        }
        let share = (score / max).min(1.0);
        match self {
            Self::Count | Self::Association => share.sqrt(),
            Self::Jaccard | Self::Npmi => share,
        }
    }

    /// The score of a link named in `both` of `total` windows, its ends in `a` and `b`.
    pub fn score(self, both: u32, a: u32, b: u32, total: u64) -> f64 {
        let (both, a, b) = (f64::from(both), f64::from(a), f64::from(b));
        let total = total as f64;
        match self {
            Self::Count => both,
            _ if both <= 0.0 || a <= 0.0 || b <= 0.0 || total <= 0.0 => 0.0,
            Self::Association => total * both / (a * b),
            Self::Jaccard => both / (a + b - both).max(both),
            Self::Npmi => {
                let p_ab = (both / total).min(1.0);
                let pmi = (p_ab / ((a / total) * (b / total))).ln();
                let denominator = -p_ab.ln();
                if denominator <= f64::EPSILON {
                    1.0
                } else {
                    (pmi / denominator).clamp(-1.0, 1.0)
                }
            }
        }
    }
}

impl std::str::FromStr for Measure {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|m| m.as_str() == s)
            .ok_or_else(|| format!("unknown measure '{s}' (count, association, jaccard or npmi)"))
    }
}

/// Betweenness centrality of every node (Brandes; unweighted shortest paths), normalised to 0–1
/// by the number of pairs that could pass through a node.
pub fn betweenness<N, E: Sync>(graph: &UnGraph<N, E>) -> Vec<f64>
where
    N: Sync,
{
    let n = graph.node_count();
    let neighbours: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            graph
                .neighbors(NodeIndex::new(i))
                .map(NodeIndex::index)
                .collect()
        })
        .collect();
    let mut total = (0..n)
        .into_par_iter()
        .fold(
            || vec![0.0; n],
            |mut acc, source| {
                accumulate_from(source, &neighbours, &mut acc);
                acc
            },
        )
        .reduce(
            || vec![0.0; n],
            |mut a, b| {
                for (x, y) in a.iter_mut().zip(b) {
                    *x += y;
                }
                a
            },
        );
    // Each unordered pair was counted from both ends.
    let pairs = if n > 2 {
        ((n - 1) * (n - 2)) as f64
    } else {
        1.0
    };
    for v in &mut total {
        *v /= pairs;
    }
    total
}

/// Brandes' single-source step: adds the dependencies of `source` to `acc`.
fn accumulate_from(source: usize, neighbours: &[Vec<usize>], acc: &mut [f64]) {
    let n = neighbours.len();
    let mut order = Vec::with_capacity(n);
    let mut paths = vec![0.0f64; n];
    let mut distance = vec![usize::MAX; n];
    let mut dependency = vec![0.0f64; n];
    paths[source] = 1.0;
    distance[source] = 0;
    let mut queue = std::collections::VecDeque::from([source]);
    while let Some(v) = queue.pop_front() {
        order.push(v);
        for &w in &neighbours[v] {
            if distance[w] == usize::MAX {
                distance[w] = distance[v] + 1;
                queue.push_back(w);
            }
            if distance[w] == distance[v] + 1 {
                paths[w] += paths[v];
            }
        }
    }
    for &w in order.iter().rev() {
        for &v in &neighbours[w] {
            if distance[v] != usize::MAX && distance[v] + 1 == distance[w] {
                dependency[v] += paths[v] / paths[w] * (1.0 + dependency[w]);
            }
        }
        if w != source {
            acc[w] += dependency[w];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_follow_their_definitions() {
        // 100 windows, A in 10, B in 20, both in 5.
        assert!((Measure::Count.score(5, 10, 20, 100) - 5.0).abs() < 1e-12);
        assert!((Measure::Association.score(5, 10, 20, 100) - 2.5).abs() < 1e-9);
        assert!((Measure::Jaccard.score(5, 10, 20, 100) - 0.2).abs() < 1e-9);
        let npmi = (0.05f64 / (0.1 * 0.2)).ln() / -(0.05f64.ln());
        assert!((Measure::Npmi.score(5, 10, 20, 100) - npmi).abs() < 1e-9);
        // Always together: NPMI 1, Jaccard 1.
        assert!((Measure::Npmi.score(7, 7, 7, 50) - 1.0).abs() < 1e-9);
        assert!((Measure::Jaccard.score(7, 7, 7, 50) - 1.0).abs() < 1e-9);
        // Independent: association 1, NPMI 0.
        assert!((Measure::Association.score(1, 10, 10, 100) - 1.0).abs() < 1e-9);
        assert!(Measure::Npmi.score(1, 10, 10, 100).abs() < 1e-9);
        // Nothing to score.
        assert!(Measure::Npmi.score(0, 0, 3, 10).abs() < 1e-12);
    }

    #[test]
    fn a_frequent_pair_does_not_swamp_a_faithful_one() {
        // A pair named in 30 of 1,000 windows, its ends in 400 and 500; another in 5, its ends
        // in 6 each. Raw count ranks the first, every other measure the second.
        let busy = (30, 400, 500, 1000);
        let faithful = (5, 6, 6, 1000);
        for m in Measure::ALL {
            let a = m.score(busy.0, busy.1, busy.2, busy.3);
            let b = m.score(faithful.0, faithful.1, faithful.2, faithful.3);
            if m == Measure::Count {
                assert!(a > b);
            } else {
                assert!(b > a, "{m:?}: {b} vs {a}");
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for m in Measure::ALL {
            assert_eq!(m.as_str().parse::<Measure>(), Ok(m));
        }
        assert!("pmi".parse::<Measure>().is_err());
    }

    #[test]
    fn betweenness_of_a_path_and_a_star() {
        // a - b - c - d: b and c each lie on 2 of the 3 pairs not involving themselves.
        let mut g = UnGraph::<(), ()>::new_undirected();
        let n: Vec<_> = (0..4).map(|_| g.add_node(())).collect();
        g.add_edge(n[0], n[1], ());
        g.add_edge(n[1], n[2], ());
        g.add_edge(n[2], n[3], ());
        let b = betweenness(&g);
        assert!((b[1] - 2.0 / 3.0).abs() < 1e-9, "{b:?}");
        assert!((b[2] - 2.0 / 3.0).abs() < 1e-9);
        assert!(b[0].abs() < 1e-12);
        // A star: the centre is on every path.
        let mut s = UnGraph::<(), ()>::new_undirected();
        let c = s.add_node(());
        for _ in 0..5 {
            let leaf = s.add_node(());
            s.add_edge(c, leaf, ());
        }
        let b = betweenness(&s);
        assert!((b[0] - 1.0).abs() < 1e-9, "{b:?}");
        assert!(b[1..].iter().all(|&x| x.abs() < 1e-12));
    }
}
