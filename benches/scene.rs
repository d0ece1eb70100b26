//! Frame cost of the map: building the scene and tessellating it, with 250 countries and about
//! 10,000 links, plus the outlines (rebuilt only when the camera changes). Deterministic corpus;
//! prints medians. Run with `cargo bench --bench scene`.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use corridor_atlas::app::{AtlasApp, Camera, basemap_shapes, fill_scene_mesh};
use corridor_atlas::gazetteer::{EntityKind, Gazetteer};
use corridor_atlas::pipeline::Source;
use corridor_atlas::scene::{self, Focus, Style};
use eframe::egui::{self, Rect, pos2, vec2};

/// A corpus in which 250 countries are named in pairs, about 10,000 distinct pairs.
fn write_corpus(dir: &std::path::Path) {
    let g = Gazetteer::bundled().expect("gazetteer");
    let names: Vec<String> = g
        .entities()
        .iter()
        .filter(|e| {
            e.kind == EntityKind::Country && e.name.chars().all(|c| c.is_alphabetic() || c == ' ')
        })
        .take(250)
        .map(|e| e.name.clone())
        .collect();
    let mut seed: u64 = 42;
    let mut next = |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n
    };
    let mut pairs = HashSet::new();
    let mut text = String::new();
    let mut file = 0;
    while pairs.len() < 10_000 {
        let (a, b) = (next(names.len()), next(names.len()));
        if a == b {
            continue;
        }
        pairs.insert((a.min(b), a.max(b)));
        let _ = writeln!(
            text,
            "Officials from {} and {} signed an agreement on trade.\n",
            names[a], names[b]
        );
        if text.len() > 200_000 {
            std::fs::write(dir.join(format!("{file:03}.txt")), &text).expect("write");
            text.clear();
            file += 1;
        }
    }
    std::fs::write(dir.join(format!("{file:03}.txt")), &text).expect("write");
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    write_corpus(dir.path());
    let app = AtlasApp::loaded(Source::Paths(vec![dir.path().to_path_buf()])).expect("loads");
    let model = app.model.as_ref().expect("model");
    let a = &model.analysis;
    println!(
        "graph: {} nodes, {} links",
        a.graph.node_count(),
        a.graph.edge_count()
    );

    let rect = Rect::from_min_size(pos2(0.0, 0.0), vec2(1600.0, 1000.0));
    let style = Style::light();
    let projection = corridor_atlas::layout::Projection::default();
    let world = projection.world_bounds();
    let view = scene::View::fit(world, [rect.width(), rect.height()], 8.0);
    let camera = Camera {
        center: view.center,
        px_per_unit: view.px_per_unit,
    };

    let (mut frame, mut build, mut outlines) = (Vec::new(), Vec::new(), Vec::new());
    // The window refills one mesh frame after frame; so does this loop.
    let mut mesh = egui::Mesh::default();
    for _ in 0..15 {
        let t = Instant::now();
        let picture = scene::map_scene(
            a,
            &model.layout,
            &model.gazetteer,
            projection,
            &style,
            Focus::default(),
        );
        build.push(t.elapsed());
        fill_scene_mesh(&mut mesh, &picture, camera, rect);
        frame.push(t.elapsed());
        std::hint::black_box(&mesh);

        let t = Instant::now();
        std::hint::black_box(basemap_shapes(1.0, model, &style, camera, rect, None));
        outlines.push(t.elapsed());
    }
    println!(
        "scene build: median {:.2} ms",
        median(build).as_secs_f64() * 1e3
    );
    println!(
        "scene build + tessellation (per frame): median {:.2} ms",
        median(frame).as_secs_f64() * 1e3
    );
    println!(
        "outlines projected + tessellated (per camera change): median {:.2} ms",
        median(outlines).as_secs_f64() * 1e3
    );
}
