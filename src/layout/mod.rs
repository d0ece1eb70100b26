//! Where nodes go. The geographic layout projects each country's centre with a map projection;
//! positions are in "map space": projected units, x to the east, y to the south (screen-like),
//! so a view only scales and translates them.

mod force;
mod projection;

pub use force::ForceLayout;
pub use projection::Projection;

use petgraph::graph::NodeIndex;

use crate::gazetteer::Gazetteer;
use crate::graph::Analysis;

/// A point in map space.
pub type MapPos = [f32; 2];

/// Node positions, indexed like the analysis graph's nodes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    /// Position of each node, by `NodeIndex::index()`.
    pub positions: Vec<MapPos>,
}

impl Layout {
    /// Each country at its projected centre.
    pub fn geographic(analysis: &Analysis, gazetteer: &Gazetteer, projection: Projection) -> Self {
        let positions = analysis
            .graph
            .node_weights()
            .map(|n| {
                let e = gazetteer.entity(n.entity);
                projection.map_from_lonlat(e.lon, e.lat)
            })
            .collect();
        Self { positions }
    }

    /// Countries placed by their links: a force-directed layout started from the map, run until
    /// it settles. Deterministic for a given analysis.
    pub fn network(analysis: &Analysis, gazetteer: &Gazetteer, projection: Projection) -> Self {
        let mut force = Self::network_start(analysis, gazetteer, projection);
        force.settle(2000);
        Self {
            positions: force.positions,
        }
    }

    /// The force layout of [`Self::network`] before any step, for a window that animates it.
    pub fn network_start(
        analysis: &Analysis,
        gazetteer: &Gazetteer,
        projection: Projection,
    ) -> ForceLayout {
        Self::network_from(
            analysis,
            gazetteer,
            projection,
            &std::collections::HashMap::new(),
        )
    }

    /// A network layout that starts where `placed` puts each country (the previous layout), and
    /// at the map position for countries new to the graph: a change of filter moves the network,
    /// it does not start it over.
    pub fn network_from(
        analysis: &Analysis,
        gazetteer: &Gazetteer,
        projection: Projection,
        placed: &std::collections::HashMap<crate::gazetteer::EntityId, MapPos>,
    ) -> ForceLayout {
        let map = Self::geographic(analysis, gazetteer, projection);
        let scale = ForceLayout::SCALE;
        let start: Vec<MapPos> = analysis
            .graph
            .node_indices()
            .map(|n| {
                placed
                    .get(&analysis.graph[n].entity)
                    .copied()
                    .unwrap_or_else(|| {
                        let [x, y] = map.pos(n);
                        [x * scale, y * scale]
                    })
            })
            .collect();
        let edges: Vec<(usize, usize, f32)> = analysis
            .graph
            .edge_indices()
            .filter_map(|e| {
                let (a, b) = analysis.graph.edge_endpoints(e)?;
                Some((a.index(), b.index(), analysis.graph[e].weight as f32))
            })
            .collect();
        ForceLayout::in_layout_units(start, &edges)
    }

    /// The position of a node.
    pub fn pos(&self, node: NodeIndex) -> MapPos {
        self.positions
            .get(node.index())
            .copied()
            .unwrap_or([0.0, 0.0])
    }
}
