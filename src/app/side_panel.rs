//! The side panel: what the selection stands on — documents, sentences, partners, routes.

use std::collections::BTreeMap;

use eframe::egui::{self, Color32, RichText};
use petgraph::visit::EdgeRef as _;

use super::evidence::{RowList, Subject};
use super::{Command, Model, SearchResults};
use crate::extract::Mention;
use crate::gazetteer::{EntityId, EntityKind};
use crate::graph::Window;
use crate::scene::Pick;

/// Highlight colours (first entity, second entity, corridor, region) for the current theme.
pub(super) fn marks(ui: &egui::Ui) -> [Color32; 4] {
    if ui.visuals().dark_mode {
        [
            Color32::from_rgb(0x7a, 0x4a, 0x1c),
            Color32::from_rgb(0x1d, 0x4f, 0x72),
            Color32::from_rgb(0x15, 0x5e, 0x4a),
            Color32::from_rgb(0x3a, 0x40, 0x48),
        ]
    } else {
        [
            Color32::from_rgb(0xf9, 0xd7, 0xa6),
            Color32::from_rgb(0xc4, 0xe2, 0xf7),
            Color32::from_rgb(0xc3, 0xeb, 0xd9),
            Color32::from_rgb(0xe2, 0xe4, 0xe8),
        ]
    }
}

/// Draws the panel: search results while there is a query, else the selection (or an
/// overview) above the list of its documents and sentences.
pub fn side_panel_ui(
    ui: &mut egui::Ui,
    model: &Model,
    selection: Option<Pick>,
    search: Option<&SearchResults>,
    list: &mut RowList,
    commands: &mut Vec<Command>,
) {
    ui.add_space(6.0);
    let subject = match (search, selection) {
        (Some(results), _) => Subject::Search(results.query.clone()),
        (None, Some(pick)) => Subject::Pick(pick),
        (None, None) => Subject::Overview,
    };
    list.prepare(model, &subject, search.map(|r| &r.text));
    if let Some(results) = search {
        search_results_ui(ui, model, results, commands);
    } else {
        egui::ScrollArea::vertical()
            .id_salt("selection_summary")
            .max_height((ui.available_height() * 0.5).max(120.0))
            .auto_shrink([false, true])
            .show(ui, |ui| match selection {
                None => overview_ui(ui, model, commands),
                Some(Pick::Country(c)) => country_ui(ui, model, c, commands),
                Some(Pick::Link(a, b)) => link_ui(ui, model, a, b, list.pair_weights, commands),
                Some(Pick::Corridor(k)) => corridor_ui(ui, model, k, commands),
            });
    }
    ui.separator();
    let heading = match &subject {
        Subject::Overview if model.dataset.atlas.is_some() => {
            format!("Sampled passages ({})", list.rows.len())
        }
        Subject::Overview => format!("Documents ({})", list.rows.len()),
        Subject::Search(_) => "Sentences".to_owned(),
        Subject::Pick(Pick::Link(..)) => "Evidence".to_owned(),
        Subject::Pick(_) => "Documents and sentences".to_owned(),
    };
    ui.label(RichText::new(heading).strong()).on_hover_text(
        "Click a sentence to read it in its article; right-click to copy it with its citation",
    );
    if list.rows.is_empty() {
        ui.weak(match &subject {
            Subject::Search(_) if model.dataset.atlas.is_some() => {
                "No sampled passage contains it (an atlas holds no whole texts to search)."
            }
            Subject::Search(_) => "No sentence contains it.",
            _ => "Nothing to show with the current filters.",
        });
    }
    list.show(ui, model, commands);
}

/// Entities found by name, then how many sentences contain the phrase.
fn search_results_ui(
    ui: &mut egui::Ui,
    model: &Model,
    results: &SearchResults,
    commands: &mut Vec<Command>,
) {
    ui.heading(format!("Search: {}", results.query));
    if results.names.is_empty() {
        ui.weak("No country or corridor by that name.");
    }
    for hit in &results.names {
        let entity = model.gazetteer.entity(hit.entity);
        let pick = match entity.kind {
            EntityKind::Corridor => Pick::Corridor(hit.entity),
            _ => Pick::Country(hit.entity),
        };
        let present = model.has(pick);
        let mut text = entity.name.clone();
        if crate::gazetteer::search_key(&hit.form) != crate::gazetteer::search_key(&entity.name) {
            text = format!("{text}  ·  as “{}”", hit.form);
        }
        if !present {
            text.push_str("  ·  not in this corpus");
        }
        let kind = if entity.kind == EntityKind::Corridor {
            "corridor"
        } else {
            "country"
        };
        if ui
            .add_enabled(present, egui::Button::selectable(false, text))
            .on_hover_text(format!("Select this {kind}"))
            .clicked()
        {
            commands.push(Command::Select(Some(pick)));
            commands.push(Command::Search(String::new()));
        }
    }
    ui.add_space(4.0);
    let shown = results.text.hits.len();
    ui.label(match results.text.total {
        0 => "The phrase is in no sentence.".to_owned(),
        n if n > shown => format!(
            "In {} (the first {shown} listed)",
            super::text::count(n as u64, "sentence")
        ),
        n => format!("In {}", super::text::count(n as u64, "sentence")),
    });
}

/// What an atlas can and cannot show, said wherever it matters.
pub const ATLAS_NOTE: &str = "An atlas holds counts and sampled passages, not the articles' \
texts: every count, window, measure and date range is exact; the evidence shows up to a few \
passages per link, the reader shows a passage, and search finds words in the passages only.";

fn overview_ui(ui: &mut egui::Ui, model: &Model, commands: &mut Vec<Command>) {
    let a = &model.analysis;
    ui.heading(model.source.label());
    ui.label(format!(
        "{} · {} · {}",
        model.holdings(),
        super::text::count(a.graph.node_count() as u64, "country"),
        super::text::count(a.graph.edge_count() as u64, "link")
    ));
    if let Some(atlas) = &model.dataset.atlas {
        ui.label(ATLAS_NOTE);
        if atlas.other_names {
            ui.weak(format!("It was {}.", crate::atlas::OTHER_NAMES));
        }
    }
    ui.weak("Click a country, a link or a corridor on the map to read the sentences behind it.");
    ui.add_space(8.0);

    ui.label(RichText::new("Most mentioned countries").strong());
    let mut nodes: Vec<_> = a.graph.node_weights().collect();
    nodes.sort_by(|x, y| y.mentions.cmp(&x.mentions).then(x.entity.cmp(&y.entity)));
    for n in nodes.iter().take(12) {
        let text = format!(
            "{}  ·  {}",
            model.name(n.entity),
            super::text::count(n.mentions, "mention")
        );
        if ui.selectable_label(false, text).clicked() {
            commands.push(Command::Select(Some(Pick::Country(n.entity))));
        }
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Strongest links").strong());
    let mut edges: Vec<_> = a.graph.edge_references().collect();
    edges.sort_by_key(|e| std::cmp::Reverse(e.weight().weight));
    if edges.is_empty() {
        ui.weak("No two countries are named together in one window.");
    }
    for e in edges.iter().take(12) {
        let (x, y) = (a.graph[e.source()].entity, a.graph[e.target()].entity);
        let text = format!(
            "{} — {}  ·  {}",
            model.name(x),
            model.name(y),
            e.weight().weight
        );
        if ui.selectable_label(false, text).clicked() {
            commands.push(Command::Select(Some(Pick::link(x, y))));
        }
    }
    if !a.corridors.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new("Corridors").strong());
        for c in &a.corridors {
            let text = format!(
                "{}  ·  {}",
                model.name(c.entity),
                super::text::count(c.mentions, "mention")
            );
            if ui.selectable_label(false, text).clicked() {
                commands.push(Command::Select(Some(Pick::Corridor(c.entity))));
            }
        }
    }
    if !a.regions.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new("Regions named").strong())
            .on_hover_text("Found and shown in the sentences, never counted as a country");
        let names: Vec<String> = a
            .regions
            .iter()
            .take(12)
            .map(|r| format!("{} ×{}", model.name(r.entity), r.mentions))
            .collect();
        ui.label(names.join(" · "));
    }
}

fn back_button(ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    if ui
        .small_button("← Overview")
        .on_hover_text("Clear the selection (Esc)")
        .clicked()
    {
        commands.push(Command::Select(None));
    }
}

fn country_ui(ui: &mut egui::Ui, model: &Model, country: EntityId, commands: &mut Vec<Command>) {
    back_button(ui, commands);
    let entity = model.gazetteer.entity(country);
    ui.heading(&entity.name);
    let Some(node_index) = model.analysis.node(country) else {
        ui.label("Not among the countries shown: not named in this corpus, or hidden by the date range or the mention filter.");
        return;
    };
    let node = &model.analysis.graph[node_index];
    ui.label(super::text::mentions_in(node.mentions, node.documents));
    if let Some(capital) = &entity.capital {
        ui.weak(format!("Capital: {capital}"));
    }
    // How the text names it.
    let mut forms: BTreeMap<String, u32> = BTreeMap::new();
    for (doc, mentions) in model.dataset.documents.iter().zip(&model.dataset.mentions) {
        for m in mentions.iter().filter(|m| m.entity == country) {
            *forms.entry(explain(model, doc, m)).or_default() += 1;
        }
    }
    let mut forms: Vec<_> = forms.into_iter().collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.1));
    ui.add_space(4.0);
    ui.label(RichText::new("Found as").strong());
    for (explained, n) in forms.iter().take(8) {
        ui.label(format!("{explained}  ×{n}"));
    }
    if forms.len() > 8 {
        ui.weak(format!("and {} other spellings", forms.len() - 8));
    }

    ui.add_space(8.0);
    ui.label(RichText::new("Linked with").strong());
    let mut partners: Vec<_> = model
        .analysis
        .graph
        .edges(node_index)
        .map(|e| {
            let other = if e.source() == node_index {
                e.target()
            } else {
                e.source()
            };
            (model.analysis.graph[other].entity, e.weight().weight)
        })
        .collect();
    partners.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if partners.is_empty() {
        ui.weak(format!(
            "Never named in the same {} as another country.",
            model.analysis.params.window.as_str()
        ));
    }
    for (other, weight) in partners {
        let text = format!("{}  ·  {}", model.name(other), weight);
        if ui
            .selectable_label(false, text)
            .on_hover_text("Show the sentences naming both")
            .clicked()
        {
            commands.push(Command::Select(Some(Pick::link(country, other))));
        }
    }
}

fn link_ui(
    ui: &mut egui::Ui,
    model: &Model,
    a: EntityId,
    b: EntityId,
    weights: [u32; 3],
    commands: &mut Vec<Command>,
) {
    back_button(ui, commands);
    ui.horizontal_wrapped(|ui| {
        if ui.link(RichText::new(model.name(a)).heading()).clicked() {
            commands.push(Command::Select(Some(Pick::Country(a))));
        }
        ui.heading("—");
        if ui.link(RichText::new(model.name(b)).heading()).clicked() {
            commands.push(Command::Select(Some(Pick::Country(b))));
        }
    });
    let Some(link) = model.analysis.link(a, b) else {
        ui.label("These two countries are not linked with the current settings.");
        return;
    };
    let window = model.analysis.params.window.as_str();
    ui.label(format!(
        "Named together in {}, in {}",
        super::text::count(link.weight, window),
        super::text::count(link.documents, "document")
    ));
    if !link.corridors.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label("Corridors named alongside:");
            for k in &link.corridors {
                if ui.small_button(model.name(*k)).clicked() {
                    commands.push(Command::Select(Some(Pick::Corridor(*k))));
                }
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Weight by window:");
        for (w, n) in Window::ALL.into_iter().zip(weights) {
            let text = format!("{} {n}", w.as_str());
            if w == model.analysis.params.window {
                ui.strong(text);
            } else if ui
                .link(text)
                .on_hover_text(format!("Count co-mentions per {}", w.as_str()))
                .clicked()
            {
                commands.push(Command::SetWindow(w));
            }
        }
    });
    if model.analysis.params.measure != crate::graph::Measure::Count {
        ui.label(format!(
            "{}: {:.3}",
            model.analysis.params.measure.label(),
            link.score
        ))
        .on_hover_text(model.analysis.params.measure.explanation());
    }
}

fn corridor_ui(ui: &mut egui::Ui, model: &Model, corridor: EntityId, commands: &mut Vec<Command>) {
    back_button(ui, commands);
    let entity = model.gazetteer.entity(corridor);
    ui.heading(&entity.name);
    ui.horizontal_wrapped(|ui| {
        ui.label("Route:");
        for (i, m) in entity.members.iter().enumerate() {
            if i > 0 {
                ui.label("→");
            }
            let linked = model.analysis.node(*m).is_some();
            if ui
                .add_enabled(linked, egui::Link::new(model.name(*m)))
                .clicked()
            {
                commands.push(Command::Select(Some(Pick::Country(*m))));
            }
        }
    });
    if let Some(stat) = model
        .analysis
        .corridors
        .iter()
        .find(|c| c.entity == corridor)
    {
        ui.label(super::text::mentions_in(stat.mentions, stat.documents));
    }
    let tagged: Vec<_> = model
        .analysis
        .graph
        .edge_references()
        .filter(|e| e.weight().corridors.contains(&corridor))
        .map(|e| {
            (
                model.analysis.graph[e.source()].entity,
                model.analysis.graph[e.target()].entity,
                e.weight().weight,
            )
        })
        .collect();
    if !tagged.is_empty() {
        ui.add_space(8.0);
        ui.label(RichText::new("Links named alongside it").strong());
        for (x, y, w) in tagged {
            if ui
                .selectable_label(
                    false,
                    format!("{} — {}  ·  {w}", model.name(x), model.name(y)),
                )
                .clicked()
            {
                commands.push(Command::Select(Some(Pick::link(x, y))));
            }
        }
    }
}

/// "“Baku” — capital of Azerbaijan".
pub(super) fn explain(model: &Model, doc: &crate::corpus::Document, m: &Mention) -> String {
    let form = &model.gazetteer.forms()[m.form as usize];
    let text = doc.text.get(m.range()).unwrap_or("");
    format!("“{text}” — {}", model.gazetteer.explain(form, m.entity))
}
