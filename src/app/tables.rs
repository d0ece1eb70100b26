//! Measures as sortable tables: countries and links; click a row to select it.

use eframe::egui;
use egui_extras::{Column, TableBuilder};
use petgraph::visit::EdgeRef as _;

use super::{Command, Model};
use crate::gazetteer::EntityId;
use crate::graph::Measure;
use crate::scene::Pick;

/// Which table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// One row per country.
    #[default]
    Countries,
    /// One row per link.
    Links,
}

/// The tables' state: the tab and each table's sort column and direction.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tables {
    /// The table shown.
    pub tab: Tab,
    /// Country column sorted by, and whether descending.
    pub country_sort: (usize, bool),
    /// Link column sorted by, and whether descending.
    pub link_sort: (usize, bool),
}

impl Default for Tables {
    fn default() -> Self {
        Self {
            tab: Tab::Countries,
            country_sort: (1, true),
            link_sort: (2, true),
        }
    }
}

const COUNTRY_COLUMNS: [(&str, &str); 6] = [
    ("Country", "Name"),
    ("Mentions", "How often it is named"),
    ("Documents", "In how many documents"),
    ("Weighted degree", "Sum of its link weights"),
    (
        "Betweenness",
        "Share of shortest paths between other countries that pass through it",
    ),
    (
        "Community",
        "Its group of closely linked countries (Louvain)",
    ),
];

const LINK_COLUMNS: [(&str, &str); 5] = [
    ("Source", "First country"),
    ("Target", "Second country"),
    ("Weight", "Windows naming both"),
    ("Score", "The weight under the chosen measure"),
    ("Documents", "Documents among those windows"),
];

/// A table row of a country.
struct CountryRow<'a> {
    entity: EntityId,
    name: &'a str,
    mentions: u32,
    documents: u32,
    degree: u32,
    betweenness: f64,
    community: u32,
}

/// A table row of a link.
struct LinkRow<'a> {
    a: EntityId,
    b: EntityId,
    source: &'a str,
    target: &'a str,
    weight: u32,
    score: f64,
    documents: u32,
}

/// A cell's text; not selectable, so a click selects the row.
fn cell(ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) {
    ui.add(egui::Label::new(text).selectable(false).truncate());
}

/// Draws the tables.
pub fn tables_ui(
    ui: &mut egui::Ui,
    model: &Model,
    selection: Option<Pick>,
    state: &mut Tables,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.selectable_value(&mut state.tab, Tab::Countries, "Countries");
        ui.selectable_value(&mut state.tab, Tab::Links, "Links");
        ui.separator();
        ui.weak("Click a column to sort, a row to select.");
    });
    ui.separator();
    match state.tab {
        Tab::Countries => countries_table(ui, model, selection, &mut state.country_sort, commands),
        Tab::Links => links_table(ui, model, selection, &mut state.link_sort, commands),
    }
}

fn header_ui(ui: &mut egui::Ui, label: &str, hint: &str, column: usize, sort: &mut (usize, bool)) {
    let arrow = match *sort {
        (c, true) if c == column => " ▼",
        (c, false) if c == column => " ▲",
        _ => "",
    };
    if ui
        .add(
            egui::Button::new(egui::RichText::new(format!("{label}{arrow}")).strong()).frame(false),
        )
        .on_hover_text(hint)
        .clicked()
    {
        *sort = if sort.0 == column {
            (column, !sort.1)
        } else {
            // Names ascending first, numbers descending first.
            (column, column != 0)
        };
    }
}

fn countries_table(
    ui: &mut egui::Ui,
    model: &Model,
    selection: Option<Pick>,
    sort: &mut (usize, bool),
    commands: &mut Vec<Command>,
) {
    let g = &model.analysis.graph;
    let mut rows: Vec<CountryRow> = g
        .node_weights()
        .map(|n| CountryRow {
            entity: n.entity,
            name: model.name(n.entity),
            mentions: n.mentions,
            documents: n.documents,
            degree: n.weighted_degree,
            betweenness: n.betweenness,
            community: n.community,
        })
        .collect();
    rows.sort_by(|x, y| {
        let order = match sort.0 {
            1 => x.mentions.cmp(&y.mentions),
            2 => x.documents.cmp(&y.documents),
            3 => x.degree.cmp(&y.degree),
            4 => x.betweenness.total_cmp(&y.betweenness),
            5 => x.community.cmp(&y.community),
            _ => x.name.cmp(y.name),
        };
        // Ties read in name order whichever way the column runs.
        if sort.1 { order.reverse() } else { order }.then_with(|| x.name.cmp(y.name))
    });
    let mut clicked = None;
    TableBuilder::new(ui)
        .id_salt("countries_table")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(180.0).at_least(90.0).clip(true))
        .columns(Column::initial(100.0).at_least(60.0), 4)
        .column(Column::remainder().at_least(80.0))
        .header(22.0, |mut header| {
            for (i, (label, hint)) in COUNTRY_COLUMNS.iter().enumerate() {
                header.col(|ui| header_ui(ui, label, hint, i, sort));
            }
        })
        .body(|body| {
            body.rows(22.0, rows.len(), |mut row| {
                let r = &rows[row.index()];
                row.set_selected(selection == Some(Pick::Country(r.entity)));
                row.col(|ui| {
                    cell(ui, r.name);
                });
                row.col(|ui| {
                    cell(ui, r.mentions.to_string());
                });
                row.col(|ui| {
                    cell(ui, r.documents.to_string());
                });
                row.col(|ui| {
                    cell(ui, r.degree.to_string());
                });
                row.col(|ui| {
                    cell(ui, format!("{:.3}", r.betweenness));
                });
                row.col(|ui| {
                    cell(ui, (r.community + 1).to_string());
                });
                if row.response().clicked() {
                    clicked = Some(r.entity);
                }
            });
        });
    if let Some(e) = clicked {
        commands.push(Command::Select(Some(Pick::Country(e))));
    }
}

fn links_table(
    ui: &mut egui::Ui,
    model: &Model,
    selection: Option<Pick>,
    sort: &mut (usize, bool),
    commands: &mut Vec<Command>,
) {
    let g = &model.analysis.graph;
    let mut rows: Vec<LinkRow> = g
        .edge_references()
        .map(|e| {
            let (mut a, mut b) = (g[e.source()].entity, g[e.target()].entity);
            if model.name(b) < model.name(a) {
                std::mem::swap(&mut a, &mut b);
            }
            LinkRow {
                a,
                b,
                source: model.name(a),
                target: model.name(b),
                weight: e.weight().weight,
                score: e.weight().score,
                documents: e.weight().documents,
            }
        })
        .collect();
    rows.sort_by(|x, y| {
        let order = match sort.0 {
            0 => x.source.cmp(y.source),
            1 => x.target.cmp(y.target),
            2 => x.weight.cmp(&y.weight),
            3 => x.score.total_cmp(&y.score),
            _ => x.documents.cmp(&y.documents),
        };
        if sort.1 { order.reverse() } else { order }
            .then_with(|| (x.source, x.target).cmp(&(y.source, y.target)))
    });
    let scored = model.analysis.params.measure != Measure::Count;
    let mut clicked = None;
    TableBuilder::new(ui)
        .id_salt("links_table")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .columns(Column::initial(170.0).at_least(90.0).clip(true), 2)
        .columns(Column::initial(100.0).at_least(60.0), 2)
        .column(Column::remainder().at_least(80.0))
        .header(22.0, |mut header| {
            for (i, (label, hint)) in LINK_COLUMNS.iter().enumerate() {
                header.col(|ui| header_ui(ui, label, hint, i, sort));
            }
        })
        .body(|body| {
            body.rows(22.0, rows.len(), |mut row| {
                let r = &rows[row.index()];
                row.set_selected(selection == Some(Pick::link(r.a, r.b)));
                row.col(|ui| {
                    cell(ui, r.source);
                });
                row.col(|ui| {
                    cell(ui, r.target);
                });
                row.col(|ui| {
                    cell(ui, r.weight.to_string());
                });
                row.col(|ui| {
                    cell(
                        ui,
                        if scored {
                            format!("{:.3}", r.score)
                        } else {
                            r.weight.to_string()
                        },
                    );
                });
                row.col(|ui| {
                    cell(ui, r.documents.to_string());
                });
                if row.response().clicked() {
                    clicked = Some(Pick::link(r.a, r.b));
                }
            });
        });
    if let Some(p) = clicked {
        commands.push(Command::Select(Some(p)));
    }
}
