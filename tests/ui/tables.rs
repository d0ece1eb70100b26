//! The tables of countries and links: sorting and selecting.

use corridor_atlas::app::AtlasApp;
use corridor_atlas::scene::Pick;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::harness::{entity, harness, starting_with};

#[test]
fn tables_sort_and_select() {
    let mut h = harness();
    h.get_by_label("Tables").click();
    h.run();
    assert_eq!(
        h.state().settings.centre,
        corridor_atlas::app::Centre::Tables
    );
    starting_with(&h, "Betweenness").click();
    h.run();
    assert_eq!(h.state().tables.country_sort, (4, true));
    // Azerbaijan, the hub, tops betweenness; clicking its row selects it.
    let rows: Vec<_> = h.get_all_by_label("Azerbaijan").collect();
    assert!(!rows.is_empty());
    rows[0].click();
    h.run();
    let aze = entity(&h, "AZE");
    assert_eq!(h.state().selection, Some(Pick::Country(aze)));
    // Sorting by name reads A to Z, then Z to A (with nothing selected, so that only the table
    // names countries alone).
    h.key_press(egui::Key::Escape);
    h.run();
    starting_with(&h, "Country").click();
    h.run();
    assert_eq!(h.state().tables.country_sort, (0, false));
    let names = |h: &Harness<'_, AtlasApp>| -> Vec<String> {
        let model = h.state().model.as_ref().expect("model");
        let known: Vec<String> = model
            .analysis
            .graph
            .node_weights()
            .map(|n| model.name(n.entity).to_owned())
            .collect();
        h.root()
            .query_all(egui_kittest::kittest::by())
            .filter_map(|n| {
                let node = n.accesskit_node();
                node.label().or_else(|| node.value())
            })
            .filter(|l| known.contains(l))
            .collect()
    };
    let ascending = names(&h);
    assert!(ascending.len() >= 10);
    let mut sorted = ascending.clone();
    sorted.sort();
    assert_eq!(ascending, sorted);
    starting_with(&h, "Country").click();
    h.run();
    let descending = names(&h);
    sorted.reverse();
    assert_eq!(descending, sorted);

    h.get_by_label("Links").click();
    h.run();
    starting_with(&h, "Weight").click();
    h.run();
    assert_eq!(
        h.state().tables.link_sort,
        (2, false),
        "second click flips the order"
    );
    h.get_by_label("Map").click();
    h.run();
    assert_eq!(h.state().settings.centre, corridor_atlas::app::Centre::Map);
}
