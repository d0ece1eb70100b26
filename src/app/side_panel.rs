//! The side panel: what the selection stands on — documents, sentences, partners, routes.

use std::collections::BTreeMap;

use eframe::egui::{self, Color32, RichText};
use petgraph::visit::EdgeRef as _;

use super::text::{Highlight, highlighted};
use super::{Command, Model};
use crate::corpus::Span;
use crate::extract::Mention;
use crate::gazetteer::{EntityId, EntityKind};
use crate::scene::Pick;

/// Highlight colours (first entity, second entity, corridor, region) for the current theme.
fn marks(ui: &egui::Ui) -> [Color32; 4] {
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

/// Draws the panel for the current selection (or an overview).
pub fn side_panel_ui(
    ui: &mut egui::Ui,
    model: &Model,
    selection: Option<Pick>,
    commands: &mut Vec<Command>,
) {
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(6.0);
            match selection {
                None => overview_ui(ui, model, commands),
                Some(Pick::Country(c)) => country_ui(ui, model, c, commands),
                Some(Pick::Link(a, b)) => link_ui(ui, model, a, b, commands),
                Some(Pick::Corridor(k)) => corridor_ui(ui, model, k, commands),
            }
        });
}

fn overview_ui(ui: &mut egui::Ui, model: &Model, commands: &mut Vec<Command>) {
    let a = &model.analysis;
    ui.heading(model.source.label());
    ui.label(format!(
        "{} · {} · {}",
        super::text::count(model.dataset.documents.len() as u64, "document"),
        super::text::count(a.graph.node_count() as u64, "country"),
        super::text::count(a.graph.edge_count() as u64, "link")
    ));
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
    ui.add_space(8.0);
    ui.label(RichText::new("Documents").strong());
    for doc in &model.dataset.documents {
        document_header_ui(ui, doc, None);
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
    let [mark, ..] = marks(ui);
    back_button(ui, commands);
    let entity = model.gazetteer.entity(country);
    ui.heading(&entity.name);
    let Some(node_index) = model.analysis.node(country) else {
        ui.label("Not mentioned in this corpus.");
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

    entity_documents_ui(ui, model, country, mark);
}

fn link_ui(
    ui: &mut egui::Ui,
    model: &Model,
    a: EntityId,
    b: EntityId,
    commands: &mut Vec<Command>,
) {
    let [mark_a, mark_b, ..] = marks(ui);
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
    ui.add_space(8.0);
    ui.label(RichText::new("Evidence").strong());
    let mut by_doc: BTreeMap<u32, Vec<Span>> = BTreeMap::new();
    for ev in &link.evidence {
        by_doc.entry(ev.doc).or_default().push(ev.span);
    }
    for (doc_index, spans) in by_doc {
        let doc = &model.dataset.documents[doc_index as usize];
        let mentions = &model.dataset.mentions[doc_index as usize];
        ui.separator();
        document_header_ui(ui, doc, None);
        for window_span in spans {
            // Within a paragraph or article window, show the sentences that name either country.
            let mut shown = Vec::new();
            for m in mentions.iter().filter(|m| {
                (m.entity == a || m.entity == b)
                    && window_span.start <= m.start
                    && m.end <= window_span.end
            }) {
                if shown.last() != Some(&m.sentence) {
                    shown.push(m.sentence);
                }
            }
            shown.dedup();
            for s in shown {
                let span = doc.sentences[s as usize].span;
                sentence_ui(ui, model, doc, mentions, span, &[(a, mark_a), (b, mark_b)]);
            }
        }
    }
}

fn corridor_ui(ui: &mut egui::Ui, model: &Model, corridor: EntityId, commands: &mut Vec<Command>) {
    let [_, _, mark, _] = marks(ui);
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
    entity_documents_ui(ui, model, corridor, mark);
}

/// The documents that name `entity`, each with the sentences naming it, highlighted in `mark`.
fn entity_documents_ui(ui: &mut egui::Ui, model: &Model, entity: EntityId, mark: Color32) {
    ui.add_space(8.0);
    ui.label(RichText::new("Documents").strong());
    for (doc, mentions) in model.dataset.documents.iter().zip(&model.dataset.mentions) {
        let own: Vec<_> = mentions.iter().filter(|m| m.entity == entity).collect();
        if own.is_empty() || !model.analysis.params.admits(doc.date) {
            continue;
        }
        ui.separator();
        document_header_ui(ui, doc, Some(own.len()));
        let mut sentences: Vec<u32> = own.iter().map(|m| m.sentence).collect();
        sentences.dedup();
        for s in sentences {
            let span = doc.sentences[s as usize].span;
            sentence_ui(ui, model, doc, mentions, span, &[(entity, mark)]);
        }
    }
}

fn document_header_ui(ui: &mut egui::Ui, doc: &crate::corpus::Document, mentions: Option<usize>) {
    ui.label(RichText::new(&doc.title).strong());
    let date = doc
        .date
        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
    let count = mentions
        .map(|n| format!(" · {n} mention{}", if n == 1 { "" } else { "s" }))
        .unwrap_or_default();
    ui.weak(format!("{date} · {}{count}", doc.id));
}

/// One sentence, the `primary` entities highlighted in their colours, corridors and regions in
/// quieter ones; hovering explains every mention in it.
fn sentence_ui(
    ui: &mut egui::Ui,
    model: &Model,
    doc: &crate::corpus::Document,
    mentions: &[Mention],
    span: Span,
    primary: &[(EntityId, Color32)],
) {
    let [_, _, corridor_mark, region_mark] = marks(ui);
    let inside: Vec<&Mention> = mentions
        .iter()
        .filter(|m| span.start <= m.start && m.end <= span.end)
        .collect();
    let highlights: Vec<Highlight> = inside
        .iter()
        .filter_map(|m| {
            let background = match primary.iter().find(|(e, _)| *e == m.entity) {
                Some((_, color)) => *color,
                None => match model.gazetteer.entity(m.entity).kind {
                    EntityKind::Corridor => corridor_mark,
                    EntityKind::Region | EntityKind::Organisation => region_mark,
                    EntityKind::Country => return None,
                },
            };
            Some(Highlight {
                start: m.start as usize,
                end: m.end as usize,
                background,
            })
        })
        .collect();
    let job = highlighted(ui, doc, span, &highlights);
    let explained: Vec<String> = inside.iter().map(|m| explain(model, doc, m)).collect();
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(6, 3))
        .show(ui, |ui| {
            let response = ui.label(job);
            if !explained.is_empty() {
                response.on_hover_text(explained.join("\n"));
            }
        });
}

/// "“Baku” — capital of Azerbaijan".
fn explain(model: &Model, doc: &crate::corpus::Document, m: &Mention) -> String {
    let form = &model.gazetteer.forms()[m.form as usize];
    let text = doc.text.get(m.range()).unwrap_or("");
    format!("“{text}” — {}", model.gazetteer.explain(form, m.entity))
}
