//! Exports from the window: every format, pictures framed as on screen, the file dialogs.

use corridor_atlas::app::AtlasApp;
use corridor_atlas::pipeline::Source;
use corridor_atlas::scene::Pick;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::harness::{entity, export, harness, menu, poll_until, starting_with, wait_for_load};

#[test]
fn the_current_view_exports_as_png_and_svg() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness();
    h.get_by_label("Export");
    for (name, png) in [("map.png", true), ("map.svg", false)] {
        let path = dir.path().join(name);
        h.state_mut().apply(corridor_atlas::app::Command::Export(
            corridor_atlas::app::ExportKind::Picture,
            path.clone(),
        ));
        for _ in 0..300 {
            if h.state().notice().is_some_and(|n| n.contains(name)) {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        let notice = h.state().notice().unwrap_or_default();
        assert!(
            notice.starts_with("Exported") && notice.contains(name),
            "{notice}"
        );
        let bytes = std::fs::read(&path).expect("written");
        if png {
            assert_eq!(&bytes[..4], b"\x89PNG");
        } else {
            assert!(String::from_utf8_lossy(&bytes).contains(">Azerbaijan</text>"));
        }
    }
    h.state_mut().apply(corridor_atlas::app::Command::Export(
        corridor_atlas::app::ExportKind::Picture,
        dir.path().join("map.gif"),
    ));
    assert!(
        h.state()
            .notice()
            .is_some_and(|n| n.contains("must end in .png or .svg"))
    );
}

#[test]
fn esc_clears_the_selection_and_the_evidence_export_needs_one() {
    let mut h = harness();
    h.get_by_label("Export").click();
    h.run_steps(4);
    assert!(
        h.get_by_label("Evidence of the selection (Markdown)…")
            .accesskit_node()
            .is_disabled(),
        "nothing selected"
    );
    h.key_press(egui::Key::Escape);
    h.run_steps(4);
    starting_with(&h, "Azerbaijan  ·").click();
    h.run();
    assert!(h.state().selection.is_some());
    h.get_by_label("Export").click();
    h.run_steps(4);
    assert!(
        !h.get_by_label("Evidence of the selection (Markdown)…")
            .accesskit_node()
            .is_disabled()
    );
    h.key_press(egui::Key::Escape);
    h.run_steps(4);
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().selection, None);
}

#[test]
fn every_export_of_the_window_writes_its_format() {
    use corridor_atlas::app::ExportKind;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness();
    let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).expect("written");

    let path = dir.path().join("e.md");
    h.state_mut().apply(corridor_atlas::app::Command::Export(
        ExportKind::Evidence,
        path.clone(),
    ));
    assert!(
        h.state()
            .notice()
            .is_some_and(|n| n.contains("select a country")),
        "no selection, no evidence"
    );
    assert!(!path.exists());

    let (aze, tur) = (entity(&h, "AZE"), entity(&h, "TUR"));
    h.state_mut()
        .apply(corridor_atlas::app::Command::Select(Some(Pick::link(
            aze, tur,
        ))));
    h.run();
    for (kind, name) in [
        (ExportKind::Gexf, "g.gexf"),
        (ExportKind::GraphMl, "g.graphml"),
        (ExportKind::CountriesCsv, "countries.csv"),
        (ExportKind::LinksCsv, "links.csv"),
        (ExportKind::Json, "a.json"),
        (ExportKind::Evidence, "e.md"),
        (ExportKind::Picture, "p.svg"),
    ] {
        export(&mut h, kind, &dir.path().join(name));
    }
    let model = h.state().model.as_ref().expect("model");
    let countries = model.analysis.graph.node_count();
    let links = model.analysis.graph.edge_count();
    assert_eq!(read("g.gexf").matches("<node id=").count(), countries);
    assert_eq!(read("g.graphml").matches("<edge source=").count(), links);
    assert_eq!(read("countries.csv").lines().count(), countries + 1);
    assert_eq!(read("links.csv").lines().count(), links + 1);
    let json: serde_json::Value = serde_json::from_str(&read("a.json")).expect("JSON");
    assert_eq!(json["links"].as_array().map(Vec::len), Some(links));
    assert!(read("p.svg").contains(">Azerbaijan</text>"));

    // The evidence: a heading, each document cited, both names in bold in every quote.
    let md = read("e.md");
    assert!(md.starts_with("# Azerbaijan — Türkiye\n"), "{md}");
    let link = model.analysis.link(aze, tur).expect("linked");
    let quotes: Vec<&str> = md.lines().filter(|l| l.starts_with("> ")).collect();
    assert!(!quotes.is_empty());
    for q in &quotes {
        assert!(q.contains("**"), "{q}");
    }
    assert!(md.contains("[^1]: "), "{md}");
    let cited = md.lines().filter(|l| l.starts_with("[^")).count();
    assert_eq!(cited, link.documents as usize);
    assert!(md.contains(&format!("{} sentence windows", link.weight)));
}

#[test]
fn a_picture_export_is_framed_and_coloured_as_the_view_on_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = harness();
    let picture = |h: &mut Harness<'_, AtlasApp>, name: &str| {
        let path = dir.path().join(name);
        export(h, corridor_atlas::app::ExportKind::Picture, &path);
        std::fs::read_to_string(path).expect("written")
    };
    let rect = h.state().map.rect.expect("map drawn");
    let whole = picture(&mut h, "whole.svg");
    assert!(
        whole.contains(&format!("width=\"{}\"", rect.width())),
        "the size of the map on screen"
    );
    assert!(whole.contains(">Japan</text>"));
    // Zoomed in on the Caucasus: Japan is off the picture as it is off the screen.
    let aze = entity(&h, "AZE");
    let model = h.state().model.as_ref().expect("model");
    let centre = model.layout.pos(model.analysis.node(aze).expect("node"));
    let camera = h.state().map.camera.expect("fitted");
    h.state_mut().map.camera = Some(corridor_atlas::app::Camera {
        center: centre,
        px_per_unit: camera.px_per_unit * 5.0,
    });
    h.run();
    let zoomed = picture(&mut h, "zoomed.svg");
    let labels = |svg: &str| -> Vec<String> {
        svg.split("</text>")
            .filter_map(|t| t.rsplit('>').next().map(str::to_owned))
            .collect()
    };
    assert!(
        zoomed.contains(">Azerbaijan</text>"),
        "{:?}",
        labels(&zoomed)
    );
    assert!(!zoomed.contains(">Japan</text>"));
    // The theme on screen.
    let light = corridor_atlas::scene::Style::light().sea.css_hex();
    let dark = corridor_atlas::scene::Style::dark().sea.css_hex();
    menu(&mut h, &["View", "Theme", "Dark"]);
    h.run();
    let night = picture(&mut h, "dark.svg");
    assert!(night.contains(&dark) && !night.contains(&light));
    menu(&mut h, &["View", "Theme", "Light"]);
    h.run();
    let day = picture(&mut h, "light.svg");
    assert!(day.contains(&light) && !day.contains(&dark));
}

#[test]
fn ctrl_o_and_ctrl_e_ask_for_a_place_and_each_answer_goes_where_it_was_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = dir.path().join("news");
    std::fs::create_dir(&corpus).expect("folder");
    std::fs::write(
        corpus.join("a.txt"),
        "Kazakhstan and China opened a new rail crossing.",
    )
    .expect("written");
    let names = dir.path().join("names.json");
    std::fs::write(&names, r#"{"remove": ["China"]}"#).expect("written");
    let picture = dir.path().join("view.svg");
    let mut h = harness();
    h.state_mut().scripted_dialogs = Some(vec![
        vec![corpus.clone()],
        vec![picture.clone()],
        vec![names.clone()],
    ]);
    // Ctrl+O: the folder chosen is opened.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    poll_until(&mut h, 100, "the folder to open", AtlasApp::is_loading);
    wait_for_load(&mut h);
    let source = h.state().model.as_ref().map(|m| m.source.clone());
    assert_eq!(source, Some(Source::Paths(vec![corpus.clone()])));
    // Ctrl+E: the picture is written where it was asked to go.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    poll_until(&mut h, 300, "the picture", |_| picture.exists());
    // Names file…: the answer is a names file, not a corpus to open.
    h.get_by_label("Names file…").click();
    poll_until(
        &mut h,
        100,
        "the reload with the names file",
        AtlasApp::is_loading,
    );
    wait_for_load(&mut h);
    let model = h.state().model.as_ref().expect("model");
    assert_eq!(model.source, Source::Paths(vec![corpus]));
    assert!(model.gazetteer.by_code("CHN").is_some());
    let china_named = model
        .dataset
        .mentions
        .iter()
        .flatten()
        .any(|m| model.gazetteer.entity(m.entity).code == "CHN");
    assert!(!china_named, "the names file was applied");
}
