//! Documents and sentences as one long list, drawn only where it is visible: a country named in
//! thousands of sentences scrolls as smoothly as one named in three.
//!
//! Row heights start as estimates and are replaced by the measured height the first time a row is
//! drawn, so only the rows on screen are ever laid out.

use eframe::egui::{self, Color32, RichText};

use super::text::{Highlight, highlighted};
use super::{Command, Model};
use crate::corpus::{Document, Span};
use crate::extract::Mention;
use crate::gazetteer::{EntityId, EntityKind};
use crate::scene::Pick;
use crate::search::TextHits;

/// One line of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// A document: title, date, file, and how often the selection is named in it.
    Document {
        /// Index of the document.
        doc: u32,
        /// Mentions of the selection in it, when that is what the list is about.
        mentions: Option<u32>,
    },
    /// A sentence, under its document.
    Sentence {
        /// Index of the document.
        doc: u32,
        /// Index of the sentence.
        sentence: u32,
        /// A searched phrase to mark in it.
        hit: Option<Span>,
    },
}

/// What a list shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Subject {
    /// Every document.
    Overview,
    /// The evidence of a country, link or corridor.
    Pick(Pick),
    /// Sentences containing a phrase.
    Search(String),
}

/// A list and what is known of its row heights.
#[derive(Default)]
pub struct RowList {
    key: Option<(u64, Subject)>,
    /// The rows.
    pub rows: Vec<Row>,
    primary: Vec<EntityId>,
    heights: Vec<f32>,
    width: f32,
    /// For a link: its weight under the sentence, paragraph and article windows.
    pub pair_weights: [u32; 3],
}

impl RowList {
    /// Makes the list show `subject` for the model of `generation`, rebuilding the rows only when
    /// either changed.
    pub fn prepare(&mut self, model: &Model, subject: &Subject, hits: Option<&TextHits>) {
        let key = (model.analysis_generation, subject.clone());
        if self.key.as_ref() == Some(&key) {
            return;
        }
        let (rows, primary) = match subject {
            Subject::Overview => (
                model
                    .dataset
                    .documents
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| model.analysis.params.counts(d))
                    .map(|(i, _)| Row::Document {
                        doc: i as u32,
                        mentions: None,
                    })
                    .collect(),
                Vec::new(),
            ),
            Subject::Pick(Pick::Country(c)) => (entity_rows(model, *c), vec![*c]),
            Subject::Pick(Pick::Corridor(k)) => (entity_rows(model, *k), vec![*k]),
            Subject::Pick(Pick::Link(a, b)) => (link_rows(model, *a, *b), vec![*a, *b]),
            Subject::Search(_) => (hits.map(hit_rows).unwrap_or_default(), Vec::new()),
        };
        self.pair_weights = match subject {
            Subject::Pick(Pick::Link(a, b)) => {
                model.dataset.pair_weights(&model.analysis.params, *a, *b)
            }
            _ => [0; 3],
        };
        self.key = Some(key);
        self.rows = rows;
        self.primary = primary;
        self.heights.clear();
        self.width = 0.0;
    }

    /// Draws the visible rows in a scroll area filling the rest of `ui`.
    pub fn show(&mut self, ui: &mut egui::Ui, model: &Model, commands: &mut Vec<Command>) {
        let width = ui.available_width();
        if self.heights.len() != self.rows.len() || (width - self.width).abs() > 0.5 {
            self.width = width;
            self.heights = self
                .rows
                .iter()
                .map(|r| estimate(model, r, width))
                .collect();
        }
        let marks = super::side_panel::marks(ui);
        let primary: Vec<(EntityId, Color32)> = self
            .primary
            .iter()
            .zip(marks)
            .map(|(e, c)| (*e, c))
            .collect();
        let total: f32 = self.heights.iter().sum();
        let mut remeasured = false;
        egui::ScrollArea::vertical()
            .id_salt("evidence_rows")
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                ui.set_height(total);
                let top = ui.max_rect().top();
                let left = ui.max_rect().left();
                let mut y = 0.0;
                for (i, row) in self.rows.iter().enumerate() {
                    let h = self.heights[i];
                    if y + h < viewport.min.y {
                        y += h;
                        continue;
                    }
                    if y > viewport.max.y {
                        break;
                    }
                    let rect = egui::Rect::from_min_size(
                        egui::pos2(left, top + y),
                        egui::vec2(width, f32::INFINITY),
                    );
                    let mut child = ui.new_child(egui::UiBuilder::new().max_rect(rect));
                    row_ui(&mut child, model, *row, &primary, commands);
                    let measured = child.min_rect().height() + ui.spacing().item_spacing.y;
                    if (measured - h).abs() > 0.5 {
                        self.heights[i] = measured;
                        remeasured = true;
                    }
                    y += h;
                }
            });
        if remeasured {
            ui.ctx().request_repaint();
        }
    }
}

/// A first guess at a row's height, before it is drawn.
fn estimate(model: &Model, row: &Row, width: f32) -> f32 {
    match row {
        Row::Document { .. } => 48.0,
        Row::Sentence { doc, sentence, .. } => {
            let chars = model
                .dataset
                .documents
                .get(*doc as usize)
                .and_then(|d| d.sentences.get(*sentence as usize))
                .map_or(80, |s| (s.span.end - s.span.start) as usize);
            let lines = (chars as f32 * 7.4 / (width - 16.0).max(40.0))
                .ceil()
                .max(1.0);
            lines * 18.5 + 10.0
        }
    }
}

/// Each document of `passages`, followed by its sentences.
fn passage_rows(passages: Vec<crate::graph::passages::Passages>) -> Vec<Row> {
    let mut rows = Vec::new();
    for p in passages {
        rows.push(Row::Document {
            doc: p.doc,
            mentions: p.mentions,
        });
        rows.extend(p.sentences.into_iter().map(|s| Row::Sentence {
            doc: p.doc,
            sentence: s,
            hit: None,
        }));
    }
    rows
}

/// Documents naming `entity` (admitted by the date filter), each followed by the sentences
/// naming it.
fn entity_rows(model: &Model, entity: EntityId) -> Vec<Row> {
    passage_rows(crate::graph::passages::of_entity(
        &model.dataset.documents,
        &model.dataset.mentions,
        &model.analysis,
        entity,
    ))
}

/// The evidence of a link by document: inside each window, the sentences naming either end.
fn link_rows(model: &Model, a: EntityId, b: EntityId) -> Vec<Row> {
    passage_rows(crate::graph::passages::of_link(
        &model.dataset.mentions,
        &model.analysis,
        a,
        b,
    ))
}

/// Search hits under their documents.
fn hit_rows(hits: &TextHits) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut last = None;
    for h in &hits.hits {
        if last != Some(h.doc) {
            rows.push(Row::Document {
                doc: h.doc,
                mentions: None,
            });
            last = Some(h.doc);
        }
        rows.push(Row::Sentence {
            doc: h.doc,
            sentence: h.sentence,
            hit: Some(h.span),
        });
    }
    rows
}

fn row_ui(
    ui: &mut egui::Ui,
    model: &Model,
    row: Row,
    primary: &[(EntityId, Color32)],
    commands: &mut Vec<Command>,
) {
    match row {
        Row::Document { doc, mentions } => {
            let Some(d) = model.dataset.documents.get(doc as usize) else {
                return;
            };
            ui.add_space(4.0);
            document_header_ui(ui, d, doc, mentions, commands);
        }
        Row::Sentence { doc, sentence, hit } => {
            let (Some(d), Some(ms)) = (
                model.dataset.documents.get(doc as usize),
                model.dataset.mentions.get(doc as usize),
            ) else {
                return;
            };
            sentence_ui(ui, model, d, doc, ms, sentence, hit, primary, commands);
        }
    }
}

/// A document's title (click to read it) and its date, file and mention count.
pub fn document_header_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    index: u32,
    mentions: Option<u32>,
    commands: &mut Vec<Command>,
) {
    let title = ui
        .add(egui::Label::new(RichText::new(&doc.title).strong()).sense(egui::Sense::click()))
        .on_hover_text("Read the article");
    if title.hovered() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
    }
    if title.clicked() {
        commands.push(Command::OpenReader {
            doc: index,
            sentence: None,
        });
    }
    let date = doc
        .date
        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
    let count = mentions
        .map(|n| format!(" · {}", super::text::count(n, "mention")))
        .unwrap_or_default();
    ui.weak(format!("{date} · {}{count}", doc.id));
}

/// "“…sentence…” — Title, 2026-01-30, file.txt".
pub fn citation(doc: &Document, sentence: u32) -> String {
    let text = doc
        .sentences
        .get(sentence as usize)
        .map_or("", |s| doc.slice(s.span));
    let text = crate::corpus::one_line(text);
    let date = doc
        .date
        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
    format!("“{text}” — {}, {date}, {}", doc.title, doc.id)
}

/// One sentence, the `primary` entities in their colours, corridors and regions in quieter ones,
/// a searched phrase underlined; hovering explains every mention, clicking opens the reader.
#[expect(
    clippy::too_many_arguments,
    reason = "one row's data, passed apart to avoid a struct used once"
)]
fn sentence_ui(
    ui: &mut egui::Ui,
    model: &Model,
    doc: &Document,
    doc_index: u32,
    mentions: &[Mention],
    sentence: u32,
    hit: Option<Span>,
    primary: &[(EntityId, Color32)],
    commands: &mut Vec<Command>,
) {
    let Some(s) = doc.sentences.get(sentence as usize) else {
        return;
    };
    let span = s.span;
    let [_, _, corridor_mark, region_mark] = super::side_panel::marks(ui);
    let inside = mentions_in(mentions, span);
    let mut highlights: Vec<Highlight> = inside
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
    if let Some(hit) = hit
        && !highlights
            .iter()
            .any(|h| h.start < hit.end as usize && (hit.start as usize) < h.end)
    {
        highlights.push(Highlight {
            start: hit.start as usize,
            end: hit.end as usize,
            background: ui.visuals().selection.bg_fill.gamma_multiply(0.6),
        });
    }
    let job = highlighted(ui, doc, span, &highlights);
    let mut explained: Vec<String> = inside
        .iter()
        .map(|m| super::side_panel::explain(model, doc, m))
        .collect();
    explained.push("Click to read it in the article; right-click to copy it".to_owned());
    egui::Frame::new()
        .inner_margin(egui::Margin::symmetric(6, 3))
        .show(ui, |ui| {
            let response = ui
                .add(egui::Label::new(job).sense(egui::Sense::click()))
                .on_hover_text(explained.join("\n"));
            if response.hovered() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            }
            if response.clicked() {
                commands.push(Command::OpenReader {
                    doc: doc_index,
                    sentence: Some(sentence),
                });
            }
            response.context_menu(|ui| {
                if ui.button("Open in the reader").clicked() {
                    commands.push(Command::OpenReader {
                        doc: doc_index,
                        sentence: Some(sentence),
                    });
                    ui.close();
                }
                if ui.button("Copy with citation").clicked() {
                    ui.ctx().copy_text(citation(doc, sentence));
                    ui.close();
                }
            });
        });
}

/// The mentions inside `span` (mentions are sorted by position).
pub fn mentions_in(mentions: &[Mention], span: Span) -> &[Mention] {
    let first = mentions.partition_point(|m| m.start < span.start);
    let last = mentions.partition_point(|m| m.start < span.end);
    let inside = &mentions[first..last.max(first)];
    let end = inside.partition_point(|m| m.end <= span.end);
    &inside[..end]
}
