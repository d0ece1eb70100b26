//! The picture as plain shapes. A [`Scene`] holds what to draw in map space, with sizes in screen
//! pixels so nodes and lines keep their size while the map zooms. The window paints a scene with
//! egui; exporters write the same scene, so the picture on screen and on file agree.

mod basemap;
mod style;
mod svg;
mod view;

pub use basemap::{Basemap, CountryShape};
pub use style::{Color, FONT, Palette, Style};
pub use svg::{FONT_FAMILY, PngError, png, svg, text_width, xml_escaped};
pub use view::{View, padded_bounds};

use petgraph::visit::EdgeRef as _;

use crate::gazetteer::{EntityId, Gazetteer};
use crate::graph::Analysis;
use crate::layout::{Layout, MapPos, Projection};

/// Something the user can point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pick {
    /// A country node.
    Country(EntityId),
    /// A link, ends in increasing id order.
    Link(EntityId, EntityId),
    /// A corridor route.
    Corridor(EntityId),
}

impl Pick {
    /// A link pick with its ends ordered.
    pub fn link(a: EntityId, b: EntityId) -> Self {
        if a <= b {
            Self::Link(a, b)
        } else {
            Self::Link(b, a)
        }
    }
}

/// One shape. Positions are in map space, sizes in screen pixels.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// An open polyline.
    Path {
        /// Points in order.
        points: Vec<MapPos>,
        /// Line width.
        width_px: f32,
        /// Colour.
        color: Color,
    },
    /// A filled circle with an outline.
    Circle {
        /// Centre.
        center: MapPos,
        /// Radius.
        radius_px: f32,
        /// Fill.
        fill: Color,
        /// Outline width.
        stroke_px: f32,
        /// Outline colour.
        stroke: Color,
    },
    /// A text label beside an anchor point, placed only where it does not overlap one placed
    /// before it (items come in order of importance).
    Label {
        /// The point labelled.
        anchor: MapPos,
        /// Offset of the text's left-centre from the anchor.
        offset_px: [f32; 2],
        /// The text.
        text: String,
        /// Font size.
        size_px: f32,
        /// Text colour.
        color: Color,
        /// Outline drawn behind the text for legibility.
        halo: Color,
    },
}

/// A shape, and what it stands for when pointed at.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// What to draw.
    pub shape: Shape,
    /// What it is.
    pub pick: Option<Pick>,
}

/// What the user is looking at: the rest of the picture dims.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Focus {
    /// Under the pointer.
    pub hovered: Option<Pick>,
    /// Clicked.
    pub selected: Option<Pick>,
}

impl Focus {
    /// The pick that dims the rest: the hovered one, else the selected one.
    pub fn active(&self) -> Option<Pick> {
        self.hovered.or(self.selected)
    }
}

/// The most links a scene draws: beyond it the lightest are left out (they fade into a haze
/// anyway, and each costs vertices every frame); tables, exports and the side panel keep them
/// all.
pub const MAX_DRAWN_LINKS: usize = 10_000;

/// The links of an analysis a scene leaves out ([`MAX_DRAWN_LINKS`]).
pub fn links_left_out(analysis: &Analysis) -> usize {
    analysis.graph.edge_count().saturating_sub(MAX_DRAWN_LINKS)
}

/// Everything drawn over the country outlines, bottom to top, with labels last.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scene {
    /// Shapes, bottom first.
    pub items: Vec<Item>,
    /// Map-space bounds of the data (nodes and drawn corridors), `[min_x, min_y, max_x, max_y]`.
    pub data_bounds: Option<[f32; 4]>,
}

impl Scene {
    /// The topmost pickable item within `tolerance_px` of `pos` (map space), given the current
    /// scale in pixels per map unit. Labels are not picked.
    pub fn pick_at(&self, pos: MapPos, px_per_unit: f32, tolerance_px: f32) -> Option<Pick> {
        let mut best: Option<(f32, Pick, u8)> = None;
        for item in self.items.iter().rev() {
            let Some(pick) = item.pick else { continue };
            let (dist_px, reach_px, rank) = match &item.shape {
                Shape::Circle {
                    center, radius_px, ..
                } => (
                    distance(pos, *center) * px_per_unit,
                    radius_px + tolerance_px,
                    0,
                ),
                Shape::Path {
                    points, width_px, ..
                } => {
                    let d = points
                        .windows(2)
                        .map(|w| segment_distance(pos, w[0], w[1]))
                        .fold(f32::MAX, f32::min);
                    let rank = if matches!(pick, Pick::Link(..)) { 1 } else { 2 };
                    (d * px_per_unit, width_px / 2.0 + tolerance_px, rank)
                }
                Shape::Label { .. } => continue,
            };
            if dist_px <= reach_px {
                let better = best.is_none_or(|(d, _, r)| rank < r || (rank == r && dist_px < d));
                if better {
                    best = Some((dist_px, pick, rank));
                }
            }
        }
        best.map(|(_, p, _)| p)
    }
}

fn distance(a: MapPos, b: MapPos) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)).sqrt()
}

fn segment_distance(p: MapPos, a: MapPos, b: MapPos) -> f32 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    distance(p, [a[0] + t * dx, a[1] + t * dy])
}

/// Whether `pick` belongs to the neighbourhood of the focused `active` pick.
fn in_focus(analysis: &Analysis, gazetteer: &Gazetteer, active: Pick, pick: Pick) -> bool {
    if active == pick {
        return true;
    }
    match (active, pick) {
        (Pick::Country(c), Pick::Link(a, b)) | (Pick::Link(a, b), Pick::Country(c)) => {
            a == c || b == c
        }
        (Pick::Country(c), Pick::Country(other)) => analysis.link(c, other).is_some(),
        (Pick::Corridor(k), Pick::Country(c)) => gazetteer.entity(k).members.contains(&c),
        (Pick::Corridor(k), Pick::Link(a, b)) => analysis
            .link(a, b)
            .is_some_and(|l| l.corridors.contains(&k)),
        (Pick::Link(a, b), Pick::Corridor(k)) => analysis
            .link(a, b)
            .is_some_and(|l| l.corridors.contains(&k)),
        _ => false,
    }
}

/// Builds the map scene: corridor routes, then links as arcs, then nodes, then labels.
pub fn map_scene(
    analysis: &Analysis,
    layout: &Layout,
    gazetteer: &Gazetteer,
    projection: Projection,
    style: &Style,
    focus: Focus,
) -> Scene {
    build(
        analysis,
        layout,
        gazetteer,
        projection,
        style,
        focus,
        SceneKind::Map,
    )
}

/// Builds the network scene: links, then nodes coloured by community and sized by weighted
/// degree, then labels; no corridor routes (they belong to geography).
pub fn network_scene(
    analysis: &Analysis,
    layout: &Layout,
    gazetteer: &Gazetteer,
    style: &Style,
    focus: Focus,
) -> Scene {
    build(
        analysis,
        layout,
        gazetteer,
        Projection::default(),
        style,
        focus,
        SceneKind::Network,
    )
}

/// Which picture a scene is.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum SceneKind {
    /// Countries at their places, corridors as routes.
    #[default]
    Map,
    /// Countries placed by their links (force-directed), coloured by community.
    Network,
}

fn build(
    analysis: &Analysis,
    layout: &Layout,
    gazetteer: &Gazetteer,
    projection: Projection,
    style: &Style,
    focus: Focus,
    kind: SceneKind,
) -> Scene {
    let mut b = SceneBuild {
        analysis,
        layout,
        gazetteer,
        style,
        focus,
        kind,
        scene: Scene::default(),
        bounds: None,
    };
    if kind == SceneKind::Map {
        b.corridors(projection);
    }
    b.links();
    b.nodes();
    b.scene.data_bounds = b.bounds;
    b.scene
}

/// A scene being built: corridors, then links, then nodes and their labels, each drawn over the
/// last.
struct SceneBuild<'a> {
    analysis: &'a Analysis,
    layout: &'a Layout,
    gazetteer: &'a Gazetteer,
    style: &'a Style,
    focus: Focus,
    kind: SceneKind,
    scene: Scene,
    /// What the data covers, in map units: min x, min y, max x, max y.
    bounds: Option<[f32; 4]>,
}

impl SceneBuild<'_> {
    /// How opaque `pick` is drawn: dimmed when something else has the focus.
    fn alpha_for(&self, pick: Pick) -> f32 {
        match self.focus.active() {
            Some(a) if !in_focus(self.analysis, self.gazetteer, a, pick) => self.style.dimmed_alpha,
            _ => 1.0,
        }
    }

    fn grow(&mut self, p: MapPos) {
        let b = self.bounds.get_or_insert([p[0], p[1], p[0], p[1]]);
        *b = [
            b[0].min(p[0]),
            b[1].min(p[1]),
            b[2].max(p[0]),
            b[3].max(p[1]),
        ];
    }

    /// Corridors: wide translucent bands along their waypoints (the map only).
    fn corridors(&mut self, projection: Projection) {
        for (i, stat) in self.analysis.corridors.iter().enumerate() {
            let entity = self.gazetteer.entity(stat.entity);
            let points: Vec<MapPos> = if entity.waypoints.len() >= 2 {
                densify(
                    &entity
                        .waypoints
                        .iter()
                        .map(|w| projection.map_from_lonlat(w[0], w[1]))
                        .collect::<Vec<_>>(),
                )
            } else {
                entity
                    .members
                    .iter()
                    .map(|m| {
                        let e = self.gazetteer.entity(*m);
                        projection.map_from_lonlat(e.lon, e.lat)
                    })
                    .collect()
            };
            for p in &points {
                self.grow(*p);
            }
            let pick = Pick::Corridor(stat.entity);
            let selected = self.focus.selected == Some(pick) || self.focus.hovered == Some(pick);
            self.scene.items.push(Item {
                shape: Shape::Path {
                    points,
                    width_px: if selected { 7.0 } else { 5.0 },
                    color: self
                        .style
                        .corridor_color(i)
                        .with_alpha_factor(0.75 * self.alpha_for(pick)),
                },
                pick: Some(pick),
            });
        }
    }

    /// Links: arcs, lightest first so heavy links end up on top; beyond [`MAX_DRAWN_LINKS`]
    /// the lightest (a faint haze by then) are left out, the selected or hovered one never.
    fn links(&mut self) {
        let max_score = self.analysis.max_score();
        let mut edges: Vec<_> = self.analysis.graph.edge_references().collect();
        edges.sort_by(|x, y| x.weight().score.total_cmp(&y.weight().score));
        // 0 up to 300 links, 1 from 2,000: how much the drawing must thin out.
        let density = ((edges.len() as f32 - 300.0) / 1700.0).clamp(0.0, 1.0);
        let left_out = edges.len().saturating_sub(MAX_DRAWN_LINKS);
        for (i, edge) in edges.into_iter().enumerate() {
            let (a, b) = (
                self.analysis.graph[edge.source()].entity,
                self.analysis.graph[edge.target()].entity,
            );
            let pick = Pick::link(a, b);
            if i < left_out && self.focus.selected != Some(pick) && self.focus.hovered != Some(pick)
            {
                continue;
            }
            let t = self
                .analysis
                .params
                .measure
                .strength(edge.weight().score, max_score) as f32;
            let highlighted = self.focus.selected == Some(pick) || self.focus.hovered == Some(pick);
            let color = if highlighted {
                self.style.link_highlight
            } else {
                self.style.link
            };
            let (pa, pb) = if a <= b {
                (
                    self.layout.pos(edge.source()),
                    self.layout.pos(edge.target()),
                )
            } else {
                (
                    self.layout.pos(edge.target()),
                    self.layout.pos(edge.source()),
                )
            };
            // With thousands of links, light ones fade into a haze and heavy ones stand out.
            let (width_px, alpha) = if highlighted {
                (1.5 + 6.0 * t, 1.0)
            } else {
                let sparse = (1.2 + 6.0 * t, 0.45 + 0.5 * t);
                let dense = (0.6 + 5.0 * t, 0.04 + 0.9 * t * t);
                (
                    sparse.0 + (dense.0 - sparse.0) * density,
                    sparse.1 + (dense.1 - sparse.1) * density,
                )
            };
            self.scene.items.push(Item {
                shape: Shape::Path {
                    points: arc(pa, pb),
                    width_px,
                    color: color.with_alpha_factor(alpha * self.alpha_for(pick)),
                },
                pick: Some(pick),
            });
        }
    }

    /// Nodes: largest first, so small ones stay visible on top. On the map size is mentions; in
    /// the network it is weighted degree, and colour is the community. Labels follow, the
    /// focused neighbourhood's first.
    fn nodes(&mut self) {
        let kind = self.kind;
        let size_of = |n: &crate::graph::Node| match kind {
            SceneKind::Map => n.mentions,
            SceneKind::Network => n.weighted_degree.max(1),
        };
        let max_mentions = self
            .analysis
            .graph
            .node_weights()
            .map(size_of)
            .max()
            .unwrap_or(1)
            .max(1) as f32;
        let mut nodes: Vec<_> = self.analysis.graph.node_indices().collect();
        nodes.sort_by(|x, y| {
            size_of(&self.analysis.graph[*y]).cmp(&size_of(&self.analysis.graph[*x]))
        });
        let mut labels = Vec::new();
        for n in &nodes {
            let node = &self.analysis.graph[*n];
            let pick = Pick::Country(node.entity);
            let pos = self.layout.pos(*n);
            self.grow(pos);
            let radius_px = 3.5 + 10.0 * (size_of(node) as f32 / max_mentions).sqrt();
            let fill = match self.kind {
                SceneKind::Map => self.style.node,
                SceneKind::Network => self.style.community_color(node.community),
            };
            let a = self.alpha_for(pick);
            let selected = self.focus.selected == Some(pick);
            self.scene.items.push(Item {
                shape: Shape::Circle {
                    center: pos,
                    radius_px,
                    fill: fill.with_alpha_factor(a),
                    stroke_px: if selected { 3.0 } else { 1.5 },
                    stroke: if selected {
                        self.style.selection
                    } else {
                        self.style.node_stroke.with_alpha_factor(a)
                    },
                },
                pick: Some(pick),
            });
            let focused = self
                .focus
                .active()
                .is_some_and(|f| in_focus(self.analysis, self.gazetteer, f, pick));
            labels.push((
                !focused,
                Item {
                    shape: Shape::Label {
                        anchor: pos,
                        offset_px: [radius_px + 3.0, 0.0],
                        text: self.gazetteer.entity(node.entity).name.clone(),
                        size_px: if size_of(node) as f32 >= max_mentions * 0.25 {
                            14.0
                        } else {
                            12.0
                        },
                        color: self.style.label.with_alpha_factor(a.max(0.35)),
                        halo: self.style.label_halo.with_alpha_factor(a.max(0.35)),
                    },
                    pick: None,
                },
            ));
        }
        // Labels in order of importance: the focused neighbourhood first, then by mentions (a stable
        // sort keeps the mention order within each group).
        labels.sort_by_key(|(unfocused, _)| *unfocused);
        self.scene
            .items
            .extend(labels.into_iter().map(|(_, item)| item));
    }
}

/// Where a picture looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Frame {
    /// Everything drawn, fitted into a picture of this size (pixels).
    Fit([f32; 2]),
    /// Exactly this view (the window's camera).
    View(View),
}

/// The whole picture of a view as an SVG document in `style`: the map (outlines shaded by
/// mentions, corridors, links, nodes, labels) or the network, framed by `frame`. The command
/// line's `render` and the window's export both draw it.
#[expect(
    clippy::too_many_arguments,
    reason = "one call site each in the CLI and the window"
)]
pub fn picture(
    analysis: &Analysis,
    layout: &Layout,
    gazetteer: &Gazetteer,
    basemap: &Basemap,
    kind: SceneKind,
    hidden_corridors: &dyn Fn(EntityId) -> bool,
    style: &Style,
    frame: Frame,
) -> String {
    let projection = basemap.projection;
    match kind {
        SceneKind::Map => {
            let mut scene = map_scene(
                analysis,
                layout,
                gazetteer,
                projection,
                style,
                Focus::default(),
            );
            scene
                .items
                .retain(|i| !matches!(i.pick, Some(Pick::Corridor(k)) if hidden_corridors(k)));
            let view = match frame {
                Frame::Fit(size) => {
                    let bounds = scene
                        .data_bounds
                        .map_or_else(|| projection.world_bounds(), padded_bounds);
                    View::fit(bounds, size, 24.0)
                }
                Frame::View(view) => view,
            };
            let mentions: std::collections::HashMap<EntityId, u32> = analysis
                .graph
                .node_weights()
                .map(|n| (n.entity, n.mentions))
                .collect();
            let max = analysis.max_mentions();
            let land = |c: &CountryShape| {
                style.land_fill(
                    c.entity
                        .and_then(|e| mentions.get(&e).copied())
                        .unwrap_or(0),
                    max,
                )
            };
            svg(&scene, Some(basemap), &land, style, &view)
        }
        SceneKind::Network => {
            let scene = network_scene(analysis, layout, gazetteer, style, Focus::default());
            let view = match frame {
                Frame::Fit(size) => View::fit(
                    scene.data_bounds.unwrap_or([-1.0, -1.0, 1.0, 1.0]),
                    size,
                    48.0,
                ),
                Frame::View(view) => view,
            };
            svg(&scene, None, &|_| style.land, style, &view)
        }
    }
}

/// Where a label of `size` goes beside the point `anchor`: right of it, left, above or below
/// (`offset[0]` away), inside a picture of `bounds`, overlapping none of `placed`. Rectangles are
/// `[x0, y0, x1, y1]`.
pub fn place_label(
    anchor: [f32; 2],
    offset: [f32; 2],
    size: [f32; 2],
    bounds: [f32; 2],
    placed: &[[f32; 4]],
) -> Option<[f32; 4]> {
    let [ax, ay] = anchor;
    let [dx, dy] = offset;
    let [w, h] = size;
    let candidates = [
        [ax + dx, ay + dy - h / 2.0],
        [ax - dx - w, ay + dy - h / 2.0],
        [ax - w / 2.0, ay - dx - h],
        [ax - w / 2.0, ay + dx],
    ];
    candidates
        .into_iter()
        .map(|[x, y]| [x, y, x + w, y + h])
        .find(|r| {
            r[0] >= 0.0
                && r[1] >= 0.0
                && r[2] <= bounds[0]
                && r[3] <= bounds[1]
                && !placed.iter().any(|p| {
                    r[0] < p[2] + 1.0 && p[0] < r[2] + 1.0 && r[1] < p[3] + 1.0 && p[1] < r[3] + 1.0
                })
        })
}

/// A gentle arc from `a` to `b`: a quadratic Bézier bowed to one side, flattened.
pub fn arc(a: MapPos, b: MapPos) -> Vec<MapPos> {
    // A gentle bow reads as a curve with a dozen segments.
    const SEGMENTS: usize = 12;
    const BOW: f32 = 0.18;
    let (mx, my) = (f32::midpoint(a[0], b[0]), f32::midpoint(a[1], b[1]));
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let control = [mx - dy * BOW, my + dx * BOW];
    (0..=SEGMENTS)
        .map(|i| {
            let t = i as f32 / SEGMENTS as f32;
            let u = 1.0 - t;
            [
                u * u * a[0] + 2.0 * u * t * control[0] + t * t * b[0],
                u * u * a[1] + 2.0 * u * t * control[1] + t * t * b[1],
            ]
        })
        .collect()
}

/// Adds points along long straight segments so routes bend with the projection's curvature.
fn densify(points: &[MapPos]) -> Vec<MapPos> {
    let mut out = Vec::with_capacity(points.len() * 2);
    for w in points.windows(2) {
        let steps = ((distance(w[0], w[1]) / 0.02).ceil() as usize).clamp(1, 32);
        for i in 0..steps {
            let t = i as f32 / steps as f32;
            out.push([
                w[0][0] + t * (w[1][0] - w[0][0]),
                w[0][1] + t * (w[1][1] - w[0][1]),
            ]);
        }
    }
    if let Some(last) = points.last() {
        out.push(*last);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arc_starts_and_ends_at_its_ends_and_bows() {
        let pts = arc([0.0, 0.0], [1.0, 0.0]);
        assert_eq!(pts.first(), Some(&[0.0, 0.0]));
        let last = pts.last().copied().unwrap_or_default();
        assert!((last[0] - 1.0).abs() < 1e-6 && last[1].abs() < 1e-6);
        assert!(pts[pts.len() / 2][1].abs() > 0.05);
    }

    #[test]
    fn picks_the_nearest_topmost_item() {
        let a = EntityId(1);
        let b = EntityId(2);
        let scene = Scene {
            items: vec![
                Item {
                    shape: Shape::Path {
                        points: vec![[0.0, 0.0], [10.0, 0.0]],
                        width_px: 2.0,
                        color: Color::BLACK,
                    },
                    pick: Some(Pick::link(a, b)),
                },
                Item {
                    shape: Shape::Circle {
                        center: [0.0, 0.0],
                        radius_px: 5.0,
                        fill: Color::BLACK,
                        stroke_px: 0.0,
                        stroke: Color::BLACK,
                    },
                    pick: Some(Pick::Country(a)),
                },
            ],
            data_bounds: None,
        };
        assert_eq!(scene.pick_at([0.1, 0.0], 10.0, 2.0), Some(Pick::Country(a)));
        assert_eq!(scene.pick_at([5.0, 0.1], 10.0, 2.0), Some(Pick::Link(a, b)));
        assert_eq!(scene.pick_at([5.0, 3.0], 10.0, 2.0), None);
    }

    /// An analysis of more links than a scene draws: the lightest are left out (the selected
    /// one never), the legend's count says how many.
    #[test]
    fn beyond_the_most_links_drawn_the_lightest_are_left_out() {
        use crate::graph::summed::{EntityDay, PairDay, Sums, WindowDay};
        use crate::graph::{Params, Window};
        let g = Gazetteer::bundled().expect("gazetteer");
        let countries: Vec<EntityId> = (0..g.entities().len() as u32)
            .map(EntityId)
            .filter(|&e| g.entity(e).kind == crate::gazetteer::EntityKind::Country)
            .collect();
        let mut sums = Sums {
            windows: vec![WindowDay {
                day: None,
                documents: 1000,
                sentence: 100_000,
                paragraph: 50_000,
            }],
            ..Sums::default()
        };
        for &entity in &countries {
            sums.entities.push(EntityDay {
                entity,
                day: None,
                mentions: 100,
                documents: 10,
                sentence: 50,
                paragraph: 40,
            });
        }
        let mut weight = 0;
        'pairs: for (i, &a) in countries.iter().enumerate() {
            for &b in &countries[i + 1..] {
                weight += 1;
                sums.pairs.push(PairDay {
                    a,
                    b,
                    window: Window::Sentence,
                    day: None,
                    weight,
                    documents: 1,
                });
                if weight == 12_000 {
                    break 'pairs;
                }
            }
        }
        let analysis =
            crate::graph::summed::build_from_sums(&g, &sums, &Params::default(), &|_, _| {
                Vec::new()
            });
        assert_eq!(analysis.graph.edge_count(), 12_000);
        assert_eq!(links_left_out(&analysis), 2_000);
        let layout = Layout::geographic(&analysis, &g, Projection::default());
        let links = |focus: Focus| {
            map_scene(
                &analysis,
                &layout,
                &g,
                Projection::default(),
                &Style::light(),
                focus,
            )
            .items
            .iter()
            .filter(|i| matches!(i.pick, Some(Pick::Link(..))))
            .count()
        };
        assert_eq!(links(Focus::default()), MAX_DRAWN_LINKS);
        // The lightest link of all, selected, is drawn.
        let lightest = Pick::link(sums.pairs[0].a, sums.pairs[0].b);
        let focus = Focus {
            hovered: None,
            selected: Some(lightest),
        };
        assert_eq!(links(focus), MAX_DRAWN_LINKS + 1);
    }
}
