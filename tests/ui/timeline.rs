//! The timeline: filtering by a dragged range of dates, and playing through time.

use eframe::egui;
use egui_kittest::kittest::Queryable as _;

use crate::harness::{entity, harness, starting_with};

#[test]
fn dragging_across_the_timeline_filters_by_date() {
    let mut h = harness();
    let rect = h.state().timeline_plot_rect().expect("timeline drawn");
    h.get_by_label("6 undated documents not on the timeline");
    // The seeds are dated 2026-01-30 and 2026-02-27: drag over the left half.
    let y = rect.center().y;
    h.hover_at(egui::pos2(rect.left() + 2.0, y));
    h.run();
    h.drag_at(egui::pos2(rect.left() + 2.0, y));
    h.run();
    for x in [0.2, 0.35, 0.5] {
        h.hover_at(egui::pos2(rect.left() + rect.width() * x, y));
        h.run();
    }
    h.drop_at(egui::pos2(rect.left() + rect.width() * 0.5, y));
    h.run();
    let range = h.state().settings.date_range.expect("a range");
    assert!(range.0.to_string().as_str() <= "2026-01-30");
    assert!(range.1.to_string().as_str() >= "2026-01-30");
    assert!(range.1.to_string().as_str() < "2026-02-27");
    let model = h.state().model.as_ref().expect("model");
    assert_eq!(
        model.analysis.documents, 1,
        "one document in range, undated ones out"
    );
    let aze = entity(&h, "AZE");
    let tur = entity(&h, "TUR");
    assert!(
        h.state()
            .model
            .as_ref()
            .and_then(|m| m.analysis.link(aze, tur))
            .is_none()
    );
    starting_with(&h, &format!("Showing {} to {}", range.0, range.1));
    h.get_by_label("6 undated documents left out while a range is set");
    h.get_by_label("All dates").click();
    h.run();
    assert_eq!(h.state().settings.date_range, None);
    assert_eq!(
        h.state().model.as_ref().map(|m| m.analysis.documents),
        Some(8),
        "five pages, one with three briefs of its own"
    );
}

#[test]
fn play_steps_the_range_through_time() {
    let mut h = harness();
    h.get_by_label("▶ Play").click();
    h.step();
    h.step();
    assert!(h.state().is_playing());
    let first = h.state().settings.date_range.expect("playing sets a range");
    // Steps come every 0.9 s of the window's clock (a quarter second per test frame).
    for _ in 0..8 {
        if h.state().settings.date_range != Some(first) {
            break;
        }
        h.step();
    }
    let second = h.state().settings.date_range.expect("still a range");
    assert!(second.0 > first.0, "the range moved on");
    h.get_by_label("Pause").click();
    h.step();
    assert!(!h.state().is_playing());
}
