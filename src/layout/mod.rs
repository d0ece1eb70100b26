//! Where nodes go. The geographic layout projects each country's centre with a map projection;
//! positions are in "map space": projected units, x to the east, y to the south (screen-like),
//! so a view only scales and translates them.

mod projection;

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

    /// The position of a node.
    pub fn pos(&self, node: NodeIndex) -> MapPos {
        self.positions
            .get(node.index())
            .copied()
            .unwrap_or([0.0, 0.0])
    }
}
