//! The map and the network: drawing, picking, panning and zooming, projections, the legend,
//! the network layout.

use corridor_atlas::app::AtlasApp;
use corridor_atlas::scene::Pick;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::harness::{entity, harness, starting_with, until_the_network_settles};

#[test]
fn opens_on_the_seeds_with_an_overview() {
    let h = harness();
    assert!(h.state().model.is_some());
    h.get_by_label("Most mentioned countries");
    h.get_by_label("Regions named");
    h.get_by_label_contains("Central Asia ×");
    h.get_by_label("World map");
    assert!(h.get_all_by_label_contains("8 documents").count() >= 1);
}

#[test]
fn clicking_a_node_on_the_map_selects_it_and_hover_shows_a_tooltip() {
    let mut h = harness();
    let tjk = entity(&h, "TJK");
    let pos = {
        let app = h.state();
        let model = app.model.as_ref().expect("model");
        app.map
            .screen_pos_of(model, tjk)
            .expect("Tajikistan is on screen")
    };
    h.hover_at(pos);
    h.run();
    assert_eq!(h.state().map.hovered, Some(Pick::Country(tjk)));
    h.get_by_label_contains("mentions in 1 document");
    h.drag_at(pos);
    h.drop_at(pos);
    h.run();
    assert_eq!(h.state().selection, Some(Pick::Country(tjk)));
    h.get_by_label("Tajikistan");
}

#[test]
fn clicking_empty_sea_clears_the_selection() {
    let mut h = harness();
    starting_with(&h, "Azerbaijan  ·").click();
    h.run();
    assert!(h.state().selection.is_some());
    let rect = h.state().map.rect.expect("map drawn");
    // The top-right corner of the map: far from the data (the legend sits at the left).
    let sea = rect.right_top() + egui::vec2(-20.0, 20.0);
    h.drag_at(sea);
    h.drop_at(sea);
    h.run();
    assert_eq!(h.state().selection, None);
}

#[test]
fn dragging_pans_and_scrolling_zooms() {
    let mut h = harness();
    let before = h.state().map.camera.expect("fitted");
    let rect = h.state().map.rect.expect("map drawn");
    let start = rect.center() + egui::vec2(200.0, 150.0);
    h.drag_at(start);
    h.run();
    h.hover_at(start + egui::vec2(-120.0, 0.0));
    h.run();
    h.drop_at(start + egui::vec2(-120.0, 0.0));
    h.run();
    let panned = h.state().map.camera.expect("camera");
    assert!(
        panned.center[0] > before.center[0],
        "dragging left moves the view east"
    );
    assert!((panned.px_per_unit - before.px_per_unit).abs() < 1e-3);
    let builds = h.state().map.outline_builds;
    assert!(builds >= 1);

    h.hover_at(rect.center());
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 120.0),
        modifiers: egui::Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
    });
    h.run();
    let zoomed = h.state().map.camera.expect("camera");
    assert!(
        zoomed.px_per_unit > panned.px_per_unit,
        "scrolling up zooms in"
    );
    assert!(
        h.state().map.outline_builds > builds,
        "a zoom re-tessellates the outlines"
    );
}

#[test]
fn panning_moves_the_outlines_without_rebuilding_them() {
    let mut h = harness();
    let rect = h.state().map.rect.expect("map drawn");
    let builds = h.state().map.outline_builds;
    let before = h.state().map.camera.expect("fitted").center;
    let start = rect.center() + egui::vec2(200.0, 150.0);
    h.drag_at(start);
    h.run();
    for step in 1..=5 {
        h.hover_at(start + egui::vec2(-30.0 * step as f32, 10.0));
        h.run();
    }
    h.drop_at(start + egui::vec2(-150.0, 10.0));
    h.run();
    assert!(
        h.state().map.camera.expect("camera").center[0] > before[0],
        "the view moved"
    );
    assert_eq!(
        h.state().map.outline_builds,
        builds,
        "five pan frames, no outline rebuild"
    );
}

#[test]
fn switching_to_the_network_keeps_the_selection_and_the_layout_settles() {
    let mut h = harness();
    starting_with(&h, "Azerbaijan  ·").click();
    h.run();
    let aze = entity(&h, "AZE");
    h.get_by_label("Network").click();
    // The layout animates a few milliseconds per frame until it settles.
    until_the_network_settles(&mut h, 400);
    let app = h.state();
    assert_eq!(app.settings.centre, corridor_atlas::app::Centre::Network);
    assert_eq!(
        app.selection,
        Some(Pick::Country(aze)),
        "selecting in one view selects in the other"
    );
    let model = app.model.as_ref().expect("model");
    assert!(model.network.is_settled(), "the network settles");
    assert_eq!(
        model.network_layout.positions.len(),
        model.analysis.graph.node_count()
    );
    // The node is drawn where the network put it, and clicking it there selects it.
    let pos = app.map.screen_pos_of(model, aze).expect("on screen");
    h.get_by_label("Map").click();
    h.run();
    assert_eq!(h.state().settings.centre, corridor_atlas::app::Centre::Map);
    assert!(
        h.state()
            .map
            .screen_pos_of(h.state().model.as_ref().expect("model"), aze)
            != Some(pos)
    );
}

#[test]
fn choosing_a_projection_redraws_the_map() {
    let mut h = harness();
    let before = h
        .state()
        .model
        .as_ref()
        .map(|m| m.layout.positions.clone())
        .expect("model");
    h.state_mut()
        .apply(corridor_atlas::app::Command::SetProjection(
            corridor_atlas::layout::Projection::Equirectangular,
        ));
    h.run();
    let app = h.state();
    assert_eq!(
        app.settings.projection,
        corridor_atlas::layout::Projection::Equirectangular
    );
    let model = app.model.as_ref().expect("model");
    assert_ne!(model.layout.positions, before);
    assert_eq!(
        model.basemap.projection,
        corridor_atlas::layout::Projection::Equirectangular
    );
    assert!(
        h.query_by_value("Equirectangular").is_some()
            || h.query_by_label("Equirectangular").is_some()
    );
}

#[test]
fn the_network_legend_names_communities_by_their_countries() {
    let mut h = harness();
    h.get_by_label("Country: size by mentions");
    h.get_by_label("Network").click();
    for _ in 0..3 {
        h.step();
    }
    h.get_by_label("Country: size by link weight, colour by community");
    assert!(
        h.query_all_by_label_contains("Azerbaijan, ").count() >= 1,
        "a community named by its countries"
    );
    assert!(
        h.query_by_label("Middle Corridor").is_none(),
        "corridors belong to the map legend"
    );
}

#[test]
fn keys_zoom_and_pan_the_map() {
    let mut h = harness();
    let rect = h.state().map.rect.expect("map drawn");
    h.hover_at(rect.center());
    h.run();
    let before = h.state().map.camera.expect("fitted");
    h.key_press(egui::Key::Plus);
    h.run();
    let zoomed = h.state().map.camera.expect("camera");
    assert!(zoomed.px_per_unit > before.px_per_unit * 1.2);
    h.key_press(egui::Key::Minus);
    h.run();
    assert!((h.state().map.camera.expect("camera").px_per_unit - before.px_per_unit).abs() < 1e-3);
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert!(
        h.state().map.camera.expect("camera").center[0] > before.center[0],
        "the view moves east"
    );
}

#[test]
fn a_corridor_can_be_hidden_and_shown_from_the_legend() {
    let mut h = harness();
    let corridors = |h: &Harness<'_, AtlasApp>| h.state().settings.hidden_corridors.len();
    assert_eq!(corridors(&h), 0);
    h.get_all_by_label("hide")
        .next()
        .expect("a hide button per corridor")
        .click();
    h.run();
    assert_eq!(corridors(&h), 1);
    h.get_by_label("show").click();
    h.run();
    assert_eq!(corridors(&h), 0);
}

#[test]
fn land_shading_by_mentions_can_be_turned_off() {
    let mut h = harness();
    assert!(h.state().settings.shade_by_mentions);
    h.get_by_label_contains("Land shaded by mentions").click();
    h.run();
    assert!(!h.state().settings.shade_by_mentions);
}

#[test]
fn links_fade_in_and_out_when_the_analysis_changes() {
    let mut h = harness();
    assert!(!h.state().map.is_fading());
    h.get_by_label("Article").click();
    h.step();
    h.step();
    assert!(h.state().map.is_fading(), "new links fade in");
    h.step();
    h.step();
    h.step();
    assert!(!h.state().map.is_fading(), "and the fade ends within 0.6 s");
    // Hiding links fades them out.
    h.state_mut()
        .apply(corridor_atlas::app::Command::SetMinWeight(10));
    h.step();
    assert!(h.state().map.is_fading(), "hidden links fade out");
}

#[test]
fn a_filter_moves_the_network_rather_than_starting_it_over() {
    let mut h = harness();
    h.get_by_label("Network").click();
    until_the_network_settles(&mut h, 200);
    let aze = entity(&h, "AZE");
    let before = h.state().model.as_ref().map(|m| {
        let n = m.analysis.node(aze).expect("node");
        m.network_layout.pos(n)
    });
    h.state_mut()
        .apply(corridor_atlas::app::Command::SetMinWeight(2));
    let model = h.state().model.as_ref().expect("model");
    assert!(
        model.network.is_started(),
        "the layout goes on from where it was"
    );
    let after = model
        .network_layout
        .pos(model.analysis.node(aze).expect("node"));
    let before = before.expect("placed");
    assert!(
        (before[0] - after[0]).abs() < 0.05 && (before[1] - after[1]).abs() < 0.05,
        "{before:?} -> {after:?}"
    );
}

#[test]
fn a_settled_network_is_not_laid_out_again_until_the_analysis_changes() {
    let mut h = harness();
    assert!(
        h.state()
            .model
            .as_ref()
            .is_some_and(|m| !m.network.is_started()),
        "the map alone never lays out the network"
    );
    h.get_by_label("Network").click();
    until_the_network_settles(&mut h, 400);
    let generation = |h: &Harness<'_, AtlasApp>| h.state().model.as_ref().map(|m| m.generation);
    let settled = generation(&h);
    // Frames in the network, on the map and back leave the settled layout as it is.
    for _ in 0..5 {
        h.step();
    }
    h.get_by_label("Map").click();
    h.run();
    h.get_by_label("Network").click();
    h.run();
    let model = h.state().model.as_ref().expect("model");
    assert!(model.network.is_settled(), "still at rest");
    assert_eq!(generation(&h), settled, "nothing laid out again");
    // A new analysis sets it moving from where it was.
    h.state_mut()
        .apply(corridor_atlas::app::Command::SetMinWeight(2));
    let model = h.state().model.as_ref().expect("model");
    assert!(model.network.is_running(), "a new analysis sets it moving");
    assert_ne!(generation(&h), settled);
}
