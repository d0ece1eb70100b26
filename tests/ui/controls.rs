//! Menus, keys and the choices that rebuild the analysis; what is remembered across runs.

use corridor_atlas::app::AtlasApp;
use corridor_atlas::graph::Window;
use corridor_atlas::pipeline::Source;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::harness::{
    MemoryStorage, entity, harness, harness_on, menu, restarted, saved, starting_with,
};

#[test]
fn changing_the_window_rebuilds_the_graph() {
    let mut h = harness();
    let links = |h: &Harness<'_, AtlasApp>| {
        h.state()
            .model
            .as_ref()
            .map_or(0, |m| m.analysis.graph.edge_count())
    };
    let sentence_links = links(&h);
    // Armenia and Türkiye share an article, never a sentence.
    let (arm, tur) = (entity(&h, "ARM"), entity(&h, "TUR"));
    let has_link = |h: &Harness<'_, AtlasApp>| {
        h.state()
            .model
            .as_ref()
            .is_some_and(|m| m.analysis.link(arm, tur).is_some())
    };
    assert!(!has_link(&h));
    h.get_by_label("Article").click();
    h.run();
    assert_eq!(h.state().settings.window, Window::Article);
    assert!(links(&h) > sentence_links);
    assert!(has_link(&h));
    h.get_by_label("Sentence").click();
    h.run();
    assert_eq!(links(&h), sentence_links);
}

#[test]
fn changing_the_window_and_measure_recomputes_the_graph() {
    let mut h = harness();
    let links = |h: &Harness<'_, AtlasApp>| {
        h.state()
            .model
            .as_ref()
            .map_or(0, |m| m.analysis.graph.edge_count())
    };
    let sentence = links(&h);
    h.get_by_label("Paragraph").click();
    h.run();
    let paragraph = links(&h);
    assert!(paragraph > sentence);
    starting_with(
        &h,
        &format!("bundled seeds · 8 documents · 14 countries · {paragraph} links"),
    );
    h.get_by_label("Article").click();
    h.run();
    assert!(links(&h) > paragraph);
    h.get_by_label("Sentence").click();
    h.run();
    assert_eq!(links(&h), sentence);
    // NPMI ranks Kazakhstan–Kyrgyzstan, always named together, above Azerbaijan–Tajikistan.
    h.get_by_value("Raw count").click();
    h.run();
    h.get_by_label("NPMI").click();
    h.run();
    let model = h.state().model.as_ref().expect("model");
    assert_eq!(
        model.analysis.params.measure,
        corridor_atlas::graph::Measure::Npmi
    );
    let g = &model.gazetteer;
    let score = |a: &str, b: &str| {
        model
            .analysis
            .link(g.by_code(a).expect("code"), g.by_code(b).expect("code"))
            .map(|l| l.score)
            .expect("link")
    };
    assert!(score("KAZ", "KGZ") > score("AZE", "TJK"));
}

#[test]
fn choices_and_the_last_corpus_are_remembered_across_runs() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "Georgia and Armenia signed a transit deal on Tuesday.",
    )
    .expect("written");
    let mut h = harness_on(Source::Paths(vec![dir.path().to_path_buf()]));
    menu(&mut h, &["View", "Network"]);
    menu(&mut h, &["View", "Theme", "Dark"]);
    menu(&mut h, &["View", "Colours", "Colour-blind safe colours"]);
    starting_with(&h, "Paragraph").click();
    h.run_steps(4);
    let settings = h.state().settings.clone();
    assert_eq!(settings.centre, corridor_atlas::app::Centre::Network);
    assert_eq!(settings.theme, corridor_atlas::app::Theme::Dark);
    assert_eq!(
        settings.palette,
        corridor_atlas::scene::Palette::ColourBlind
    );
    assert_eq!(settings.window, Window::Paragraph);
    assert!((h.ctx.theme() == egui::Theme::Dark));
    let storage = saved(h.state_mut());

    let again = restarted(&storage);
    assert_eq!(again.state().settings, settings);
    assert!(
        again.ctx.theme() == egui::Theme::Dark,
        "the theme is applied"
    );
    let model = again.state().model.as_ref().expect("loaded");
    assert_eq!(model.source, Source::Paths(vec![dir.path().to_path_buf()]));
    assert_eq!(model.dataset.documents.len(), 1);
    assert_eq!(model.analysis.params.window, Window::Paragraph);

    // The corpus gone: the bundled articles instead, and a word why.
    drop(dir);
    let fallback = restarted(&storage);
    let model = fallback.state().model.as_ref().expect("loaded");
    assert_eq!(model.source, Source::Seeds);
    assert!(
        fallback
            .state()
            .notice()
            .is_some_and(|n| n.contains("is gone")),
        "{:?}",
        fallback.state().notice()
    );
    assert_eq!(
        fallback.state().settings,
        settings,
        "the choices still apply"
    );
}

#[test]
fn nothing_remembered_starts_on_the_bundled_articles() {
    let h = restarted(&MemoryStorage::default());
    let app = h.state();
    assert_eq!(app.model.as_ref().map(|m| &m.source), Some(&Source::Seeds));
    assert_eq!(app.settings, corridor_atlas::app::Settings::default());
    assert_eq!(app.notice(), None);
}

#[test]
fn the_view_menu_zooms_switches_and_the_help_menu_shows_the_sources() {
    let mut h = harness();
    let before = h.state().map.camera.expect("fitted");
    menu(&mut h, &["View", "Zoom in"]);
    h.run();
    let zoomed = h.state().map.camera.expect("camera");
    assert!(zoomed.px_per_unit > before.px_per_unit * 1.2);
    menu(&mut h, &["View", "Zoom out"]);
    h.run();
    let back = h.state().map.camera.expect("camera").px_per_unit;
    assert!((back - before.px_per_unit).abs() < 1e-3);
    menu(&mut h, &["View", "Tables"]);
    assert_eq!(
        h.state().settings.centre,
        corridor_atlas::app::Centre::Tables
    );
    menu(&mut h, &["View", "Map"]);
    assert_eq!(h.state().settings.centre, corridor_atlas::app::Centre::Map);

    menu(&mut h, &["Help", "About Corridor Atlas"]);
    assert!(h.state().show_about);
    h.get_by_label_contains("Contains data from GeoNames");
    h.get_by_label("Made with Natural Earth.");
    h.get_by_label_contains("DejaVu Sans");

    // F11 asks the window for full screen.
    h.key_press(egui::Key::F11);
    let mut asked = false;
    for _ in 0..4 {
        h.step();
        asked |= h.output().viewport_output.values().any(|v| {
            v.commands
                .contains(&egui::ViewportCommand::Fullscreen(true))
        });
    }
    assert!(asked, "F11 asks for full screen");
    // File ▸ Quit closes the window (eframe then saves what it remembers).
    menu(&mut h, &["File"]);
    h.get_all_by_label_contains("Quit")
        .next_back()
        .expect("File ▸ Quit")
        .click();
    let mut closing = false;
    for _ in 0..4 {
        h.step();
        closing |= h
            .output()
            .viewport_output
            .values()
            .any(|v| v.commands.contains(&egui::ViewportCommand::Close));
    }
    assert!(closing, "Quit closes the window");
}

#[test]
fn tab_moves_the_keyboard_through_named_controls() {
    let mut h = harness();
    let mut seen = Vec::new();
    for _ in 0..6 {
        h.key_press(egui::Key::Tab);
        h.run_steps(2);
        let focused = h.ctx.memory(egui::Memory::focused);
        let focused = focused.expect("Tab gives a control the keyboard");
        if !seen.contains(&focused) {
            seen.push(focused);
        }
    }
    assert!(seen.len() >= 5, "Tab moves on: {seen:?}");
    // The focused control is in the accessibility tree with a name.
    let node = h
        .root()
        .query_all(egui_kittest::kittest::by())
        .find(|n| n.accesskit_node().is_focused())
        .expect("a focused node");
    let name = node.accesskit_node().label().unwrap_or_default();
    assert!(!name.is_empty(), "the focused control has a name");
}
