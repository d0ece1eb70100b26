//! The map: country outlines, corridor routes, links and nodes, with pan, zoom, hover and click.
//! Only the camera persists between frames; the outline mesh and the scene are cached and rebuilt
//! when what they depend on changes.

use std::sync::Arc;

use eframe::egui::{self, Mesh, Pos2, Rect, Sense, Shape as EguiShape, Vec2, vec2};

use super::map_paint::{basemap_shapes, paint_scene, to_egui};
use super::{Command, Model, Settings};
use crate::gazetteer::EntityId;
use crate::layout::MapPos;
use crate::scene::{self, Focus, Pick, Scene, SceneKind, Shape, Style};

/// Where the map looks: a map-space centre and a scale.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// Map-space point at the centre of the view.
    pub center: MapPos,
    /// Screen points per map unit.
    pub px_per_unit: f32,
}

impl Camera {
    /// Screen position of a map-space point.
    pub fn screen_from_map(&self, rect: Rect, p: MapPos) -> Pos2 {
        rect.center()
            + vec2(
                (p[0] - self.center[0]) * self.px_per_unit,
                (p[1] - self.center[1]) * self.px_per_unit,
            )
    }

    /// Map-space point under a screen position.
    pub fn map_from_screen(&self, rect: Rect, p: Pos2) -> MapPos {
        let d = p - rect.center();
        [
            self.center[0] + d.x / self.px_per_unit,
            self.center[1] + d.y / self.px_per_unit,
        ]
    }

    /// The camera that shows `bounds` inside `rect` with a margin.
    pub fn fit(bounds: [f32; 4], rect: Rect, margin_px: f32) -> Self {
        let view = scene::View::fit(bounds, [rect.width(), rect.height()], margin_px);
        Self {
            center: view.center,
            px_per_unit: view.px_per_unit,
        }
    }

    /// Zooms by `factor`, keeping the map point under `anchor` where it is.
    pub fn zoom_around(&mut self, rect: Rect, anchor: Pos2, factor: f32, limits: (f32, f32)) {
        let before = self.map_from_screen(rect, anchor);
        self.px_per_unit = (self.px_per_unit * factor).clamp(limits.0, limits.1);
        let after = self.map_from_screen(rect, anchor);
        self.center[0] += before[0] - after[0];
        self.center[1] += before[1] - after[1];
    }
}

/// What the outlines on screen were drawn for: any change draws them again.
#[derive(Clone, Copy, PartialEq)]
struct BaseKey {
    /// The map area's size.
    size: Vec2,
    /// The zoom.
    px_per_unit: f32,
    /// The model's generation (data or layout).
    generation: u64,
    /// Land, mentioned land and border colours.
    colours: [[u8; 4]; 3],
    /// The selected country, drawn highlighted.
    selected: Option<EntityId>,
}

/// Outlines in screen space for one zoom: panning only moves them.
struct BaseCache {
    key: BaseKey,
    /// Where map point (0, 0) was on screen when `meshes` were last placed.
    origin: Pos2,
    meshes: Vec<Arc<Mesh>>,
}

/// The colours the map is drawn in: the theme's, the chosen palette, land shaded or not.
pub fn style_for(dark: bool, settings: &Settings) -> Style {
    let mut style =
        if dark { Style::dark() } else { Style::light() }.with_palette(settings.palette);
    if !settings.shade_by_mentions {
        style.land_mentioned = style.land;
    }
    style
}

/// The scene the settings ask the map view for (the tables ask for none: the last one stays).
pub(super) fn scene_of(settings: &Settings, last: SceneKind) -> SceneKind {
    settings.centre.scene().unwrap_or(last)
}

/// A fingerprint of which corridors are drawn, for the scene cache.
fn corridors_shown(settings: &Settings) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    settings.show_corridors.hash(&mut h);
    settings.hidden_corridors.hash(&mut h);
    h.finish()
}

/// What a scene was built for: any change builds it again.
#[derive(Clone, Copy, PartialEq)]
struct SceneKey {
    /// The model's generation (data or layout).
    generation: u64,
    /// What is selected or hovered.
    focus: Focus,
    /// Dark colours or light.
    dark: bool,
    /// Which corridors are drawn ([`corridors_shown`]).
    corridors: u64,
    /// Map or network.
    kind: SceneKind,
    /// The category colours.
    palette: crate::scene::Palette,
}

struct SceneCache {
    key: SceneKey,
    scene: Scene,
}

/// How long links take to fade in or out when the analysis changes, in seconds.
const FADE: f64 = 0.6;

/// Links fading in and out after the analysis changed (a filter, the timeline, playback).
struct Transition {
    /// When it started, in egui's input time.
    started: f64,
    /// Links new in this analysis.
    fresh: std::collections::HashSet<Pick>,
    /// Links of the previous analysis that are gone, as they were drawn.
    gone: Vec<crate::scene::Item>,
}

/// Above this many links a change is drawn at once: fading them would cost more than it shows.
const MAX_FADING_LINKS: usize = 3000;

/// The map's camera and caches.
#[derive(Default)]
pub struct MapView {
    /// The camera; `None` until the first frame fits the data.
    pub camera: Option<Camera>,
    /// What the pointer is over.
    pub hovered: Option<Pick>,
    /// The screen rectangle of the last frame.
    pub rect: Option<Rect>,
    /// The view drawn in the last frame.
    pub kind: SceneKind,
    /// How many times the outlines were projected and tessellated (once per zoom, not per pan).
    pub outline_builds: u64,
    /// The links and nodes of the last frame, refilled every frame.
    mesh: Arc<Mesh>,
    /// The user moved the camera since it was last fitted (a settling network is refitted
    /// until then).
    moved: bool,
    base: Option<BaseCache>,
    /// A zoom asked for from a menu or key, applied at the next frame around the centre.
    pending_zoom: Option<f32>,
    /// Whether the last frame was drawn in the dark theme.
    pub dark: bool,
    scene: Option<SceneCache>,
    /// The analysis the cached scene was built from.
    analysis_seen: u64,
    /// The input time of the last frame, in seconds.
    now: f64,
    transition: Option<Transition>,
}

impl Transition {
    /// The fade from `old` to `new`, if links came or went (and there are not too many).
    fn between(old: &Scene, new: &Scene, now: f64) -> Option<Self> {
        let links = |s: &Scene| -> std::collections::HashSet<Pick> {
            s.items
                .iter()
                .filter_map(|i| i.pick.filter(|p| matches!(p, Pick::Link(..))))
                .collect()
        };
        let (before, after) = (links(old), links(new));
        if before.len().max(after.len()) > MAX_FADING_LINKS || before == after {
            return None;
        }
        let fresh: std::collections::HashSet<Pick> = after.difference(&before).copied().collect();
        let gone = old
            .items
            .iter()
            .filter(|i| {
                i.pick
                    .is_some_and(|p| matches!(p, Pick::Link(..)) && !after.contains(&p))
            })
            .cloned()
            .collect();
        Some(Self {
            started: now,
            fresh,
            gone,
        })
    }

    /// The scene as it looks now: new links fading in, gone ones fading out beneath them.
    fn frame(&self, scene: &Scene, now: f64) -> Scene {
        let t = ((now - self.started) / FADE).clamp(0.0, 1.0) as f32;
        let fade = |item: &crate::scene::Item, factor: f32| {
            let mut item = item.clone();
            if let Shape::Path { color, .. } = &mut item.shape {
                *color = color.with_alpha_factor(factor);
            }
            item
        };
        let mut items: Vec<crate::scene::Item> =
            self.gone.iter().map(|i| fade(i, 1.0 - t)).collect();
        items.extend(scene.items.iter().map(|i| match i.pick {
            Some(p) if self.fresh.contains(&p) => fade(i, t),
            _ => i.clone(),
        }));
        Scene {
            items,
            data_bounds: scene.data_bounds,
        }
    }
}

impl MapView {
    /// Whether links are fading after a change of the analysis.
    pub fn is_fading(&self) -> bool {
        self.transition
            .as_ref()
            .is_some_and(|t| self.now - t.started < FADE)
    }

    /// Zooms by `factor` around the centre of the view at the next frame.
    pub fn zoom_by(&mut self, factor: f32) {
        self.pending_zoom = Some(self.pending_zoom.unwrap_or(1.0) * factor);
    }

    /// Fits the data again on the next frame.
    pub fn reset_camera(&mut self) {
        self.camera = None;
        self.moved = false;
    }

    /// Screen position of a country node in the last frame, if it is shown.
    pub fn screen_pos_of(&self, model: &Model, entity: EntityId) -> Option<Pos2> {
        let (camera, rect) = (self.camera?, self.rect?);
        let node = model.analysis.node(entity)?;
        Some(camera.screen_from_map(rect, model.layout_for(self.kind).pos(node)))
    }

    fn scene(
        &mut self,
        model: &Model,
        settings: &Settings,
        style: &Style,
        focus: Focus,
        dark: bool,
    ) -> &Scene {
        let kind = scene_of(settings, self.kind);
        let key = SceneKey {
            generation: model.generation,
            focus,
            dark,
            corridors: corridors_shown(settings),
            kind,
            palette: settings.palette,
        };
        if self.scene.as_ref().is_none_or(|c| c.key != key) {
            let mut scene = match kind {
                SceneKind::Map => scene::map_scene(
                    &model.analysis,
                    &model.layout,
                    &model.gazetteer,
                    settings.projection,
                    style,
                    focus,
                ),
                SceneKind::Network => scene::network_scene(
                    &model.analysis,
                    &model.network_layout,
                    &model.gazetteer,
                    style,
                    focus,
                ),
            };
            let hidden = |k: crate::gazetteer::EntityId| {
                !settings.show_corridors
                    || settings
                        .hidden_corridors
                        .contains(&model.gazetteer.entity(k).code)
            };
            scene
                .items
                .retain(|i| !matches!(i.pick, Some(Pick::Corridor(k)) if hidden(k)));
            let old = self.scene.take();
            if model.analysis_generation != self.analysis_seen {
                self.transition = old
                    .filter(|o| o.key.kind == kind)
                    .and_then(|o| Transition::between(&o.scene, &scene, self.now));
                self.analysis_seen = model.analysis_generation;
            }
            self.scene = Some(SceneCache { key, scene });
        }
        &self.scene.as_ref().expect("just filled").scene
    }

    /// Pan and zoom: drags, the wheel and pinches, double-clicks (on a country: frame it), the
    /// menu's zoom and the arrow keys. Returns where the camera is now.
    fn navigate(
        &mut self,
        ui: &egui::Ui,
        response: &egui::Response,
        mut camera: Camera,
        limits: (f32, f32),
        model: &Model,
        kind: SceneKind,
    ) -> Camera {
        let rect = response.rect;
        if response.dragged() {
            self.moved = true;
            let d = response.drag_delta() / camera.px_per_unit;
            camera.center[0] -= d.x;
            camera.center[1] -= d.y;
        }
        if let Some(pointer) = response.hover_pos() {
            let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
            let factor = zoom * (scroll * 0.0025).exp();
            if (factor - 1.0).abs() > 1e-4 {
                self.moved = true;
                camera.zoom_around(rect, pointer, factor, limits);
            }
        }
        if response.double_clicked()
            && let Some(pointer) = response.interact_pointer_pos()
        {
            self.moved = true;
            // On the map, a double-click on a country frames that country; elsewhere it zooms in.
            let on_map = camera.map_from_screen(rect, pointer);
            let country = (kind == SceneKind::Map)
                .then(|| model.basemap.country_at(on_map))
                .flatten();
            match country {
                Some(c) => {
                    let fitted = Camera::fit(scene::padded_bounds(c.bounds), rect, 24.0);
                    camera = Camera {
                        center: fitted.center,
                        px_per_unit: fitted.px_per_unit.clamp(limits.0, limits.1),
                    };
                }
                None => camera.zoom_around(rect, pointer, 2.0, limits),
            }
        }
        if let Some(factor) = self.pending_zoom.take() {
            self.moved = true;
            camera.zoom_around(rect, rect.center(), factor, limits);
        }
        // Arrows pan when no text field has the keyboard (+ and - zoom from the View menu).
        if response.hovered() || response.has_focus() {
            let pan = ui.input(|i| {
                vec2(
                    f32::from(u8::from(i.key_pressed(egui::Key::ArrowRight)))
                        - f32::from(u8::from(i.key_pressed(egui::Key::ArrowLeft))),
                    f32::from(u8::from(i.key_pressed(egui::Key::ArrowDown)))
                        - f32::from(u8::from(i.key_pressed(egui::Key::ArrowUp))),
                )
            });
            if !ui.ctx().egui_wants_keyboard_input() && pan != Vec2::ZERO {
                self.moved = true;
                let step = 80.0 / camera.px_per_unit;
                camera.center[0] += pan.x * step;
                camera.center[1] += pan.y * step;
            }
        }
        camera
    }

    /// Draws the map and handles its input.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        model: &Model,
        settings: &Settings,
        selection: Option<Pick>,
        commands: &mut Vec<Command>,
    ) {
        let dark = ui.visuals().dark_mode;
        self.dark = dark;
        // The scene asked for: the tables ask for none, and the last one stays.
        let kind = scene_of(settings, self.kind);
        let style = style_for(dark, settings);
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        let response = response.on_hover_cursor(if self.hovered.is_some() {
            egui::CursorIcon::PointingHand
        } else {
            egui::CursorIcon::Grab
        });
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "World map"));
        let rect = response.rect;
        self.rect = Some(rect);

        let world = settings.projection.world_bounds();
        let world_fit = Camera::fit(world, rect, 8.0).px_per_unit;
        let limits = (world_fit * 0.6, world_fit * 300.0);
        let previous_focus = Focus {
            hovered: self.hovered,
            selected: selection,
        };
        let data_bounds = self
            .scene(model, settings, &style, previous_focus, dark)
            .data_bounds;
        // A network that is still settling is refitted every frame, until the user moves the view.
        let network_settling = kind == SceneKind::Network && model.network.is_running();
        if self.kind != kind || (network_settling && !self.moved) {
            self.camera = None;
            self.kind = kind;
        }
        let camera = *self
            .camera
            .get_or_insert_with(|| match (data_bounds, kind) {
                (Some(b), SceneKind::Map) => Camera::fit(scene::padded_bounds(b), rect, 24.0),
                (Some(b), SceneKind::Network) => Camera::fit(b, rect, 48.0),
                (None, _) => Camera::fit(world, rect, 8.0),
            });
        let limits = match kind {
            SceneKind::Map => limits,
            SceneKind::Network => (camera.px_per_unit * 0.05, camera.px_per_unit * 100.0),
        };

        let camera = self.navigate(ui, &response, camera, limits, model, kind);
        self.camera = Some(camera);

        // What is under the pointer: a scene item, or else the land of a linked country.
        let pointer = response.hover_pos();
        let hovered = pointer.and_then(|p| {
            self.pick_at(
                model,
                settings,
                &style,
                previous_focus,
                dark,
                camera,
                rect,
                p,
            )
        });
        self.hovered = hovered;
        let focus = Focus {
            hovered,
            selected: selection,
        };

        painter.rect_filled(rect, 0.0, to_egui(style.sea));
        if kind == SceneKind::Map {
            self.paint_basemap(&painter, model, &style, camera, rect, selection);
        }
        let mut mesh = std::mem::take(&mut self.mesh);
        self.now = ui.input(|i| i.time);
        self.scene(model, settings, &style, focus, dark);
        let now = self.now;
        let fading = self.transition.as_ref().filter(|t| now - t.started < FADE);
        match (fading, &self.scene) {
            (Some(t), Some(cache)) => {
                paint_scene(
                    &painter,
                    &t.frame(&cache.scene, now),
                    camera,
                    rect,
                    &mut mesh,
                );
                ui.ctx().request_repaint();
            }
            (None, Some(cache)) => {
                self.transition = None;
                paint_scene(&painter, &cache.scene, camera, rect, &mut mesh);
            }
            (_, None) => {}
        }
        self.mesh = mesh;

        if let Some(pick) = hovered {
            response
                .clone()
                .on_hover_ui_at_pointer(|ui| tooltip_ui(ui, model, pick));
        }
        if response.clicked() {
            let at = response.interact_pointer_pos();
            let pick = at
                .and_then(|p| self.pick_at(model, settings, &style, focus, dark, camera, rect, p));
            commands.push(Command::Select(pick));
        }
        super::legend::legend_ui(ui, model, settings, &style, rect, commands);
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "the frame's pieces the scene and its caches are keyed by; called from ui only"
    )]
    fn pick_at(
        &mut self,
        model: &Model,
        settings: &Settings,
        style: &Style,
        focus: Focus,
        dark: bool,
        camera: Camera,
        rect: Rect,
        pointer: Pos2,
    ) -> Option<Pick> {
        let on_map = camera.map_from_screen(rect, pointer);
        let scene = self.scene(model, settings, style, focus, dark);
        scene.pick_at(on_map, camera.px_per_unit, 4.0).or_else(|| {
            let country = model.basemap.country_at(on_map)?.entity?;
            model.analysis.node(country).map(|_| Pick::Country(country))
        })
    }

    fn paint_basemap(
        &mut self,
        painter: &egui::Painter,
        model: &Model,
        style: &Style,
        camera: Camera,
        rect: Rect,
        selection: Option<Pick>,
    ) {
        let selected_country = match selection {
            Some(Pick::Country(c)) => Some(c),
            _ => None,
        };
        // Outlines are projected and tessellated once per zoom (and data or colour change); a pan
        // moves the finished meshes.
        let key = BaseKey {
            size: rect.size(),
            px_per_unit: camera.px_per_unit,
            generation: model.generation,
            colours: [style.land.0, style.land_mentioned.0, style.border.0],
            selected: selected_country,
        };
        let origin = camera.screen_from_map(rect, [0.0, 0.0]);
        if self.base.as_ref().is_none_or(|c| c.key != key) {
            let meshes = basemap_shapes(
                painter.pixels_per_point(),
                model,
                style,
                camera,
                rect,
                selected_country,
            );
            self.base = Some(BaseCache {
                key,
                origin,
                meshes,
            });
            self.outline_builds += 1;
        }
        if let Some(cache) = &mut self.base {
            let delta = origin - cache.origin;
            if delta != Vec2::ZERO {
                for mesh in &mut cache.meshes {
                    Arc::make_mut(mesh).translate(delta);
                }
                cache.origin = origin;
            }
            painter.extend(cache.meshes.iter().map(|m| EguiShape::mesh(Arc::clone(m))));
        }
    }
}

fn tooltip_ui(ui: &mut egui::Ui, model: &Model, pick: Pick) {
    match pick {
        Pick::Country(c) => {
            ui.strong(model.name(c));
            if let Some(n) = model.analysis.node(c) {
                let node = &model.analysis.graph[n];
                ui.label(super::text::mentions_in(node.mentions, node.documents));
                let links = model.analysis.graph.edges(n).count();
                ui.label(format!(
                    "linked with {}",
                    super::text::count(links as u64, "country")
                ));
            }
        }
        Pick::Link(a, b) => {
            ui.strong(format!("{} — {}", model.name(a), model.name(b)));
            if let Some(link) = model.analysis.link(a, b) {
                ui.label(format!(
                    "named together in {}, in {}",
                    super::text::count(link.weight, model.analysis.params.window.as_str()),
                    super::text::count(link.documents, "document")
                ));
            }
        }
        Pick::Corridor(k) => {
            ui.strong(model.name(k));
            let route: Vec<&str> = model
                .gazetteer
                .entity(k)
                .members
                .iter()
                .map(|m| model.name(*m))
                .collect();
            ui.label(route.join(" → "));
            if let Some(stat) = model.analysis.corridors.iter().find(|c| c.entity == k) {
                ui.label(super::text::mentions_in(stat.mentions, stat.documents));
            }
        }
    }
    ui.weak("Click to see the evidence");
}

#[cfg(test)]
mod tests {
    use super::*;
    use eframe::egui::pos2;

    #[test]
    fn camera_round_trips_and_zooms_around_the_anchor() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(800.0, 600.0));
        let mut cam = Camera::fit([-1.0, -1.0, 1.0, 1.0], rect, 0.0);
        let p = [0.3, -0.2];
        let s = cam.screen_from_map(rect, p);
        let back = cam.map_from_screen(rect, s);
        assert!((back[0] - p[0]).abs() < 1e-5 && (back[1] - p[1]).abs() < 1e-5);
        let anchor = pos2(600.0, 150.0);
        let under = cam.map_from_screen(rect, anchor);
        cam.zoom_around(rect, anchor, 3.0, (1.0, 1e6));
        let still = cam.map_from_screen(rect, anchor);
        assert!((under[0] - still[0]).abs() < 1e-5 && (under[1] - still[1]).abs() < 1e-5);
        assert!((cam.px_per_unit - 900.0).abs() < 1e-3);
    }
}
