//! Communities by the Louvain method (Blondel et al. 2008) on link weights: nodes move to the
//! neighbouring community that raises modularity most, communities fold into single nodes, and
//! this repeats until nothing moves. Nodes are visited in index order, so the result is
//! deterministic for a given graph.

/// The community of each of `n` nodes, numbered from 0 by first appearance.
pub fn louvain(n: usize, edges: &[(usize, usize, f64)]) -> Vec<u32> {
    let mut membership: Vec<usize> = (0..n).collect();
    let mut level_edges: Vec<(usize, usize, f64)> = edges.to_vec();
    let mut level_n = n;
    for _ in 0..32 {
        let assignment = one_level(level_n, &level_edges);
        let (renumbered, count) = renumber(&assignment);
        if count == level_n {
            break;
        }
        for m in &mut membership {
            *m = renumbered[*m];
        }
        let mut folded: std::collections::BTreeMap<(usize, usize), f64> =
            std::collections::BTreeMap::new();
        for &(a, b, w) in &level_edges {
            let (ca, cb) = (renumbered[a], renumbered[b]);
            *folded.entry((ca.min(cb), ca.max(cb))).or_default() += w;
        }
        level_edges = folded.into_iter().map(|((a, b), w)| (a, b, w)).collect();
        level_n = count;
    }
    renumber(&membership)
        .0
        .into_iter()
        .map(|c| c as u32)
        .collect()
}

/// One pass of local moves; returns each node's community.
fn one_level(n: usize, edges: &[(usize, usize, f64)]) -> Vec<usize> {
    let mut adjacency: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
    let mut degree = vec![0.0f64; n];
    let mut total = 0.0f64;
    for &(a, b, w) in edges {
        if a == b {
            degree[a] += 2.0 * w;
        } else {
            adjacency[a].push((b, w));
            adjacency[b].push((a, w));
            degree[a] += w;
            degree[b] += w;
        }
        total += w;
    }
    let mut community: Vec<usize> = (0..n).collect();
    if total <= 0.0 {
        return community;
    }
    let m2 = 2.0 * total;
    let mut tot: Vec<f64> = degree.clone();
    for _ in 0..100 {
        let mut moved = false;
        for i in 0..n {
            let own = community[i];
            tot[own] -= degree[i];
            let mut weights: Vec<(usize, f64)> = Vec::new();
            for &(j, w) in &adjacency[i] {
                let c = community[j];
                match weights.iter_mut().find(|(k, _)| *k == c) {
                    Some(entry) => entry.1 += w,
                    None => weights.push((c, w)),
                }
            }
            let gain = |c: usize, w: f64| w - tot[c] * degree[i] / m2;
            let stay = weights.iter().find(|(c, _)| *c == own).map_or(0.0, |e| e.1);
            let mut best = (own, gain(own, stay));
            for &(c, w) in &weights {
                let g = gain(c, w);
                if g > best.1 + 1e-12 {
                    best = (c, g);
                }
            }
            community[i] = best.0;
            tot[best.0] += degree[i];
            moved |= best.0 != own;
        }
        if !moved {
            break;
        }
    }
    community
}

/// Community labels renumbered 0.. by first appearance, with their count.
fn renumber(labels: &[usize]) -> (Vec<usize>, usize) {
    let mut map = std::collections::HashMap::new();
    let out = labels
        .iter()
        .map(|l| {
            let next = map.len();
            *map.entry(*l).or_insert(next)
        })
        .collect();
    (out, map.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_cliques_joined_by_one_edge_are_two_communities() {
        let mut edges = Vec::new();
        for a in 0..5 {
            for b in a + 1..5 {
                edges.push((a, b, 1.0));
                edges.push((a + 5, b + 5, 1.0));
            }
        }
        edges.push((4, 5, 1.0));
        let c = louvain(10, &edges);
        assert!(c[..5].iter().all(|x| *x == c[0]));
        assert!(c[5..].iter().all(|x| *x == c[5]));
        assert_ne!(c[0], c[5]);
    }

    #[test]
    fn isolated_nodes_are_their_own_communities() {
        assert_eq!(louvain(3, &[]), vec![0, 1, 2]);
        assert!(louvain(0, &[]).is_empty());
    }
}
