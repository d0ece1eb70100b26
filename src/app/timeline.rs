//! The timeline: mentions per day, week or month for the corpus and for the selection; drag
//! across it to filter the graph to a date range, or play through time.

use eframe::egui::{self, Color32};
use egui_plot::{Bar, BarChart, Plot, PlotPoints, Polygon};

use super::{Command, Model};
use crate::corpus::Date;
use crate::gazetteer::EntityKind;
use crate::graph::{Bucket, Histogram};
use crate::scene::Pick;

/// How long each step of the playback shows, in seconds.
const PLAY_STEP: f64 = 0.9;

/// The timeline's own state: caches, a drag under way, playback.
#[derive(Default)]
pub struct Timeline {
    corpus: Option<(u64, Bucket, Histogram)>,
    selected: Option<(u64, Bucket, Option<Pick>, Histogram)>,
    drag_from: Option<f64>,
    /// While playing: when the last step was taken, in egui's input time.
    pub playing: Option<f64>,
    /// Where the plot was last drawn.
    pub plot_rect: Option<egui::Rect>,
    /// The corpus's dates, for the corpus of that generation.
    dates: Option<(u64, Dates)>,
}

/// Mentions of countries per counted document (copies left out), with its date.
fn corpus_counts(model: &Model) -> Vec<(Option<Date>, u32)> {
    if let Some(atlas) = &model.dataset.atlas {
        return atlas.sums.country_mentions(&model.gazetteer);
    }
    model
        .dataset
        .counted()
        .map(|(d, ms)| {
            let n = ms
                .iter()
                .filter(|m| model.gazetteer.entity(m.entity).kind == EntityKind::Country)
                .count();
            (d.date, n as u32)
        })
        .collect()
}

/// Mentions of the selection per counted document: a country's or corridor's mentions, a link's
/// windows (over the whole corpus, whatever the date filter).
fn selection_counts(model: &Model, pick: Pick) -> Vec<(Option<Date>, u32)> {
    let window = model.analysis.params.window;
    if let Some(atlas) = &model.dataset.atlas {
        return match pick {
            Pick::Country(e) | Pick::Corridor(e) => atlas.sums.mentions_of(e),
            Pick::Link(a, b) => atlas.sums.weights_of(a, b, window),
        };
    }
    model
        .dataset
        .counted()
        .map(|(d, ms)| {
            let n = match pick {
                Pick::Country(e) | Pick::Corridor(e) => {
                    ms.iter().filter(|m| m.entity == e).count() as u32
                }
                Pick::Link(a, b) => window.naming_both(ms, a, b),
            };
            (d.date, n)
        })
        .collect()
}

/// What the timeline needs to know of a corpus's dates, worked out once per corpus: the bar
/// width that suits their span, and how many documents have none.
#[derive(Clone, Copy)]
struct Dates {
    auto: Bucket,
    dated: usize,
    undated: usize,
}

impl Dates {
    fn of(model: &Model) -> Self {
        // Documents per date: one each, or an atlas's articles per day.
        let days: Vec<(Option<Date>, u32)> = match &model.dataset.atlas {
            Some(atlas) => atlas.sums.documents_per_day(),
            None => model
                .dataset
                .documents
                .iter()
                .map(|d| (d.date, 1))
                .collect(),
        };
        let (mut first, mut last, mut dated, mut undated) = (i32::MAX, i32::MIN, 0, 0);
        for (date, n) in days {
            match date {
                Some(date) => {
                    first = first.min(date.days());
                    last = last.max(date.days());
                    dated += n as usize;
                }
                None => undated += n as usize,
            }
        }
        Self {
            auto: Bucket::for_span(if first <= last { last - first } else { 0 }),
            dated,
            undated,
        }
    }
}

impl Timeline {
    fn histograms(
        &mut self,
        model: &Model,
        bucket: Bucket,
        selection: Option<Pick>,
    ) -> (Histogram, Option<Histogram>) {
        let id = model.dataset_generation;
        if !matches!(&self.corpus, Some((g, b, _)) if *g == id && *b == bucket) {
            self.corpus = Some((id, bucket, Histogram::new(bucket, corpus_counts(model))));
        }
        let window = model.analysis.params.window as u64;
        let key = id ^ (window << 60);
        if !matches!(&self.selected, Some((g, b, p, _)) if *g == key && *b == bucket && *p == selection)
        {
            let h = selection.map_or_else(Histogram::default, |p| {
                Histogram::new(bucket, selection_counts(model, p))
            });
            self.selected = Some((key, bucket, selection, h));
        }
        let corpus = self
            .corpus
            .as_ref()
            .map(|c| c.2.clone())
            .unwrap_or_default();
        let selected = self
            .selected
            .as_ref()
            .filter(|s| s.2.is_some())
            .map(|s| s.3.clone());
        (corpus, selected)
    }

    /// Draws the timeline; the chosen range and playback become commands.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        model: &Model,
        selection: Option<Pick>,
        range: Option<(Date, Date)>,
        chosen_bucket: Option<Bucket>,
        commands: &mut Vec<Command>,
    ) {
        let id = model.dataset_generation;
        let facts = match self.dates {
            Some((g, facts)) if g == id => facts,
            _ => {
                let facts = Dates::of(model);
                self.dates = Some((id, facts));
                facts
            }
        };
        let bucket = chosen_bucket.unwrap_or(facts.auto);
        let undated = facts.undated;
        let dated = facts.dated;
        let selection_name = selection.map(|p| match p {
            Pick::Country(c) | Pick::Corridor(c) => model.name(c).to_owned(),
            Pick::Link(a, b) => format!("{} — {}", model.name(a), model.name(b)),
        });
        self.step_playback(ui.ctx(), model, bucket, range, commands);
        let (corpus, selected) = self.histograms(model, bucket, selection);
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new("Timeline").strong());
            let playing = self.playing.is_some();
            let play = ui
                .add_enabled(
                    dated > 0,
                    egui::Button::new(if playing { "Pause" } else { "▶ Play" }),
                )
                .on_hover_text("Step through time, one bar at a time; the map follows");
            if play.clicked() {
                if playing {
                    self.playing = None;
                } else {
                    self.playing = Some(ui.input(|i| i.time));
                    let (h, _) = self.histograms(model, bucket, selection);
                    if let Some((first, _)) = h.range() {
                        let width = range
                            .map_or(bucket.next(first) - first, |(f, t)| t.days() - f.days() + 1);
                        commands.push(Command::SetDateRange(dates(first, first + width - 1)));
                    }
                }
            }
            let mut chosen = chosen_bucket;
            egui::ComboBox::from_id_salt("timeline_bucket")
                .selected_text(chosen.map_or_else(
                    || format!("Auto ({})", bucket.label()),
                    |b| b.label().to_owned(),
                ))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut chosen, None, "Auto");
                    for b in Bucket::ALL {
                        ui.selectable_value(&mut chosen, Some(b), b.label());
                    }
                })
                .response
                .on_hover_text("Width of a bar");
            if chosen != chosen_bucket {
                commands.push(Command::SetBucket(chosen));
            }
            if let Some((from, to)) = range {
                ui.label(format!("Showing {from} to {to}"));
                if ui
                    .button("All dates")
                    .on_hover_text("Clear the date filter")
                    .clicked()
                {
                    self.playing = None;
                    commands.push(Command::SetDateRange(None));
                }
                if undated > 0 {
                    ui.weak(format!(
                        "{} left out while a range is set",
                        super::text::count(undated as u64, "undated document")
                    ));
                }
            } else {
                ui.weak("Drag across the bars to keep only those dates.");
                if undated > 0 {
                    ui.weak(format!(
                        "{} not on the timeline",
                        super::text::count(undated as u64, "undated document")
                    ));
                }
            }
            if let Some(name) = &selection_name {
                ui.separator();
                let undated_selected = selected.as_ref().map_or(0, |h| h.undated);
                let label = if undated_selected > 0 {
                    format!("■ {name} ({undated_selected} in undated documents)")
                } else {
                    format!("■ {name}")
                };
                ui.colored_label(selected_color(ui), label);
            }
        });
        if corpus.bars.is_empty() {
            ui.weak("No document is dated: dates come from a “date YYYY-MM-DD” header, a file name starting with one, or a dateline with the year near the top (“BAKU, Jan. 30, 2026”).");
            return;
        }
        self.plot_ui(ui, &corpus, selected.as_ref(), range, bucket, commands);
    }

    /// The bars of the corpus and of the selection; dragging across them sets the range.
    fn plot_ui(
        &mut self,
        ui: &mut egui::Ui,
        corpus: &Histogram,
        selected: Option<&Histogram>,
        range: Option<(Date, Date)>,
        bucket: Bucket,
        commands: &mut Vec<Command>,
    ) {
        let corpus_bars = bars(corpus, ui.visuals().weak_text_color().gamma_multiply(0.6));
        let selected_bars = selected.map(|h| bars(h, selected_color(ui)));
        let (first, last) = corpus.range().unwrap_or((0, 1));
        let top = f64::from(corpus.max().max(1)) * 1.1;
        let drag_from = self.drag_from;
        let shade = ui.visuals().selection.bg_fill.gamma_multiply(0.35);
        let response = Plot::new("timeline_plot")
            .height(ui.available_height().clamp(60.0, 140.0))
            .allow_drag(false)
            .allow_zoom(false)
            .allow_scroll(false)
            .allow_boxed_zoom(false)
            .allow_double_click_reset(false)
            .show_axes([true, false])
            .show_grid([false, false])
            .include_x(f64::from(first) - 1.0)
            .include_x(f64::from(last) + 1.0)
            .include_y(0.0)
            .include_y(top)
            .x_axis_formatter(|mark, _| {
                Date::from_days(mark.value.round() as i32)
                    .map_or_else(String::new, |d| d.to_string())
            })
            .label_formatter(|hover| {
                let point = match hover {
                    egui_plot::HoverPosition::NearDataPoint { position, .. }
                    | egui_plot::HoverPosition::Elsewhere { position } => position,
                };
                Date::from_days(point.x.floor() as i32).map(|d| format!("{d}: {:.0}", point.y))
            })
            .show(ui, |plot| {
                plot.bar_chart(corpus_bars.name("All countries"));
                if let Some(b) = selected_bars {
                    plot.bar_chart(b.name("Selection"));
                }
                let shown = match (drag_from, plot.pointer_coordinate()) {
                    (Some(a), Some(p)) if plot.response().dragged() => {
                        Some((a.min(p.x), a.max(p.x)))
                    }
                    _ => range.map(|(f, t)| (f64::from(f.days()), f64::from(t.days() + 1))),
                };
                if let Some((a, b)) = shown {
                    plot.polygon(
                        Polygon::new(
                            "Range",
                            PlotPoints::from(vec![[a, 0.0], [b, 0.0], [b, top], [a, top]]),
                        )
                        .fill_color(shade)
                        .stroke(egui::Stroke::NONE),
                    );
                }
                plot.pointer_coordinate()
            });
        let pointer = response.inner;
        let r = &response.response;
        self.plot_rect = Some(r.rect);
        if r.drag_started() {
            self.drag_from = pointer.map(|p| p.x);
            self.playing = None;
        }
        if r.drag_stopped()
            && let (Some(a), Some(p)) = (self.drag_from.take(), pointer)
        {
            let (lo, hi) = (a.min(p.x), a.max(p.x));
            // Snap outwards to whole bars.
            let from = Date::from_days(lo.floor() as i32).map(|d| bucket.start(d));
            let to = Date::from_days(hi.floor() as i32).map(|d| bucket.next(bucket.start(d)) - 1);
            if let (Some(from), Some(to)) = (from, to) {
                commands.push(Command::SetDateRange(dates(from, to)));
            }
        }
        if r.clicked() && range.is_some() {
            commands.push(Command::SetDateRange(None));
        }
    }

    /// Moves the range one bar on when a step is due; stops past the last date.
    fn step_playback(
        &mut self,
        ctx: &egui::Context,
        model: &Model,
        bucket: Bucket,
        range: Option<(Date, Date)>,
        commands: &mut Vec<Command>,
    ) {
        let Some(since) = self.playing else { return };
        let now = ctx.input(|i| i.time);
        let wait = PLAY_STEP - (now - since);
        if wait > 0.0 {
            ctx.request_repaint_after_secs(wait as f32);
            return;
        }
        let last = self
            .histograms(model, bucket, None)
            .0
            .range()
            .map_or(i32::MIN, |r| r.1);
        let Some((from, to)) = range else {
            self.playing = None;
            return;
        };
        // One bar on at both ends, so months stay whole months.
        let next = bucket.next(bucket.start(from));
        let next_to = bucket.next(bucket.next(bucket.start(to))) - 1;
        if next > last {
            self.playing = None;
            return;
        }
        commands.push(Command::SetDateRange(dates(next, next_to)));
        self.playing = Some(now);
        ctx.request_repaint_after_secs(PLAY_STEP as f32);
    }
}

fn dates(from: i32, to: i32) -> Option<(Date, Date)> {
    Some((Date::from_days(from)?, Date::from_days(to)?))
}

fn selected_color(ui: &egui::Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(0xf0, 0xa0, 0x50)
    } else {
        Color32::from_rgb(0xd0, 0x6a, 0x10)
    }
}

fn bars(h: &Histogram, color: Color32) -> BarChart {
    let bars = h
        .bars
        .iter()
        .map(|&(start, n)| {
            let width = f64::from(h.bucket.next(start) - start);
            Bar::new(f64::from(start) + width / 2.0, f64::from(n))
                .width(width * 0.85)
                .fill(color)
        })
        .collect();
    BarChart::new("bars", bars).color(color)
}
