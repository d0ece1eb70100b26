//! The map as triangles: country outlines projected and tessellated into meshes, scene items
//! (routes, links, nodes) into one mesh per frame, and labels placed so that none overlaps.

use std::collections::HashMap;
use std::sync::Arc;

use eframe::egui::{self, Color32, Mesh, Pos2, Rect, Shape as EguiShape, Stroke, vec2};

use super::Model;
use super::map_view::Camera;
use crate::gazetteer::EntityId;
use crate::scene::{Color, Scene, Shape, Style};

/// Fills and borders of every country as two meshes in screen space.
pub fn basemap_shapes(
    pixels_per_point: f32,
    model: &Model,
    style: &Style,
    camera: Camera,
    rect: Rect,
    selected: Option<EntityId>,
) -> Vec<Arc<Mesh>> {
    let mentions: HashMap<EntityId, u32> = model
        .analysis
        .graph
        .node_weights()
        .map(|n| (n.entity, n.mentions))
        .collect();
    let max = model.analysis.max_mentions();
    // Every country, on screen or not: panning brings the others into view without a rebuild.
    let mut mesh = Mesh::default();
    let mut borders = Vec::new();
    let border = Stroke::new(0.6, to_egui(style.border));
    let mut highlight = Vec::new();
    for country in &model.basemap.countries {
        let n = country
            .entity
            .and_then(|e| mentions.get(&e).copied())
            .unwrap_or(0);
        let fill = to_egui(style.land_fill(n, max));
        let base = mesh.vertices.len() as u32;
        for p in &country.vertices {
            mesh.colored_vertex(camera.screen_from_map(rect, *p), fill);
        }
        for t in country.triangles.chunks_exact(3) {
            mesh.add_triangle(base + t[0], base + t[1], base + t[2]);
        }
        let is_selected = country.entity.is_some() && country.entity == selected;
        for ring in &country.rings {
            let points: Vec<Pos2> = country.vertices[ring.clone()]
                .iter()
                .map(|p| camera.screen_from_map(rect, *p))
                .collect();
            let size = Rect::from_points(&points).size();
            if size.x.max(size.y) < 1.5 {
                continue;
            }
            if is_selected {
                highlight.push(EguiShape::closed_line(
                    points,
                    Stroke::new(2.0, to_egui(style.selection)),
                ));
            } else {
                borders.push(EguiShape::closed_line(points, border));
            }
        }
    }
    // Borders are tessellated here, once per camera, not by egui every frame.
    let mut tessellator = egui::epaint::Tessellator::new(
        pixels_per_point,
        egui::epaint::TessellationOptions::default(),
        [1, 1],
        Vec::new(),
    );
    let mut lines = Mesh::default();
    for shape in borders.into_iter().chain(highlight) {
        tessellator.tessellate_shape(shape, &mut lines);
    }
    vec![Arc::new(mesh), Arc::new(lines)]
}

/// The paths and circles of a scene as one triangle mesh in screen space (labels need fonts and
/// are placed by [`paint_scene`]). Lines are tessellated here as strips with a one-pixel
/// feathered edge: cheaper than general path tessellation with joins, which thousands of gently
/// curved links do not need.
pub fn scene_mesh(scene: &Scene, camera: Camera, rect: Rect) -> Mesh {
    let mut mesh = Mesh::default();
    fill_scene_mesh(&mut mesh, scene, camera, rect);
    mesh
}

/// [`scene_mesh`] into an existing mesh, reusing its memory: a frame then allocates nothing.
pub fn fill_scene_mesh(mesh: &mut Mesh, scene: &Scene, camera: Camera, rect: Rect) {
    mesh.clear();
    let mut points: Vec<Pos2> = Vec::new();
    // Thousands of links blend into each other: their edges need no feathering, and leaving it
    // out halves the vertices.
    let feather = scene.items.len() < 3000;
    let (mut vertices, mut triangles) = (0usize, 0usize);
    for item in &scene.items {
        if let Shape::Path { points, .. } = &item.shape {
            let per_point = if feather { 4 } else { 2 };
            vertices += points.len() * per_point;
            triangles += points.len().saturating_sub(1) * 2 * (per_point - 1);
        } else {
            vertices += 61;
            triangles += 60;
        }
    }
    mesh.reserve_vertices(vertices);
    mesh.reserve_triangles(triangles);
    for item in &scene.items {
        match &item.shape {
            Shape::Path {
                points: path,
                width_px,
                color,
            } => {
                // Points closer than a few pixels add vertices, not shape.
                points.clear();
                for p in path {
                    let q = camera.screen_from_map(rect, *p);
                    if points
                        .last()
                        .is_none_or(|last: &Pos2| last.distance_sq(q) >= 36.0)
                    {
                        points.push(q);
                    }
                }
                if let (Some(last), Some(end)) = (points.last_mut(), path.last()) {
                    *last = camera.screen_from_map(rect, *end);
                }
                add_strip(mesh, &points, *width_px, to_egui(*color), feather);
            }
            Shape::Circle {
                center,
                radius_px,
                fill,
                stroke_px,
                stroke,
            } => {
                let c = camera.screen_from_map(rect, *center);
                add_disc(
                    mesh,
                    c,
                    *radius_px,
                    *stroke_px,
                    to_egui(*fill),
                    to_egui(*stroke),
                );
            }
            Shape::Label { .. } => {}
        }
    }
}

/// A polyline of `width` as a triangle strip, with a feathered pixel on each side if asked.
fn add_strip(mesh: &mut Mesh, points: &[Pos2], width: f32, color: Color32, feather: bool) {
    if points.len() < 2 {
        return;
    }
    let clear = Color32::TRANSPARENT;
    let half = if feather {
        (width / 2.0 - 0.5).max(0.0)
    } else {
        width / 2.0
    };
    let edges: &[(f32, bool)] = if feather {
        &[(1.0, false), (0.0, true), (0.0, true), (1.0, false)]
    } else {
        &[(0.0, true), (0.0, true)]
    };
    let per_point = edges.len() as u32;
    let base = mesh.vertices.len() as u32;
    for (i, p) in points.iter().enumerate() {
        let before = points[i.saturating_sub(1)];
        let after = points[(i + 1).min(points.len() - 1)];
        let dir = (after - before).normalized();
        let normal = vec2(-dir.y, dir.x);
        for (k, (extra, solid)) in edges.iter().enumerate() {
            let side = if k < edges.len() / 2 { 1.0 } else { -1.0 };
            mesh.colored_vertex(
                *p + normal * side * (half + extra),
                if *solid { color } else { clear },
            );
        }
    }
    for i in 0..points.len() as u32 - 1 {
        let (a, b) = (base + per_point * i, base + per_point * (i + 1));
        for k in 0..per_point - 1 {
            mesh.add_triangle(a + k, a + k + 1, b + k);
            mesh.add_triangle(a + k + 1, b + k + 1, b + k);
        }
    }
}

/// A filled disc with an outline ring, as triangle fans.
fn add_disc(mesh: &mut Mesh, c: Pos2, radius: f32, stroke: f32, fill: Color32, ring: Color32) {
    const SIDES: u32 = 20;
    let base = mesh.vertices.len() as u32;
    mesh.colored_vertex(c, fill);
    let inner = (radius - stroke).max(0.0);
    for i in 0..SIDES {
        let angle = i as f32 / SIDES as f32 * std::f32::consts::TAU;
        let d = vec2(angle.cos(), angle.sin());
        mesh.colored_vertex(c + d * inner, fill);
        mesh.colored_vertex(c + d * inner, ring);
        mesh.colored_vertex(c + d * radius, ring);
    }
    for i in 0..SIDES {
        let (a, b) = (base + 1 + 3 * i, base + 1 + 3 * ((i + 1) % SIDES));
        mesh.add_triangle(base, a, b);
        mesh.add_triangle(a + 1, a + 2, b + 1);
        mesh.add_triangle(a + 2, b + 2, b + 1);
    }
}

/// Paints scene items; labels are placed greedily so none overlaps one placed before it.
pub(super) fn paint_scene(
    painter: &egui::Painter,
    scene: &Scene,
    camera: Camera,
    rect: Rect,
    mesh: &mut Arc<Mesh>,
) {
    let painter = painter.with_clip_rect(rect);
    // Last frame's mesh is ours again once egui has drawn it: refill its memory in place.
    match Arc::get_mut(mesh) {
        Some(reused) => fill_scene_mesh(reused, scene, camera, rect),
        None => *mesh = Arc::new(scene_mesh(scene, camera, rect)),
    }
    painter.add(EguiShape::mesh(Arc::clone(mesh)));
    let mut placed: Vec<[f32; 4]> = Vec::new();
    for item in &scene.items {
        match &item.shape {
            Shape::Path { .. } => {}
            Shape::Circle {
                center, radius_px, ..
            } => {
                let c = camera.screen_from_map(rect, *center);
                let (x, y) = (c.x - rect.left(), c.y - rect.top());
                let r = radius_px * 0.7;
                placed.push([x - r, y - r, x + r, y + r]);
            }
            Shape::Label {
                anchor,
                offset_px,
                text,
                size_px,
                color,
                halo,
            } => {
                let a = camera.screen_from_map(rect, *anchor);
                if !rect.contains(a) {
                    continue;
                }
                let font = egui::FontId::proportional(*size_px);
                let galley = painter.layout_no_wrap(text.clone(), font.clone(), to_egui(*color));
                let size = galley.size();
                let anchor_in_rect = [a.x - rect.left(), a.y - rect.top()];
                let bounds = [rect.width(), rect.height()];
                let Some(r) = crate::scene::place_label(
                    anchor_in_rect,
                    *offset_px,
                    [size.x, size.y],
                    bounds,
                    &placed,
                ) else {
                    continue;
                };
                placed.push(r);
                let spot = Rect::from_min_size(rect.min + vec2(r[0], r[1]), size);
                let halo_galley = painter.layout_no_wrap(text.clone(), font, to_egui(*halo));
                for d in [
                    vec2(-1.0, 0.0),
                    vec2(1.0, 0.0),
                    vec2(0.0, -1.0),
                    vec2(0.0, 1.0),
                ] {
                    painter.galley(spot.min + d, halo_galley.clone(), Color32::TRANSPARENT);
                }
                painter.galley(spot.min, galley, Color32::TRANSPARENT);
            }
        }
    }
}

/// egui colour from a scene colour.
pub fn to_egui(c: Color) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}
