//! The status bar (loading progress, notices, errors, what is on screen), the placeholder before
//! a corpus is read, the empty-corpus message and the skipped-files window.

use eframe::egui;

use super::model::Model;
use super::{AtlasApp, Command, text};

/// What the map area says when a corpus has no readable article. Returns whether the user asked
/// to see the skipped files.
pub(super) fn empty_corpus_ui(ui: &mut egui::Ui, model: &Model) -> bool {
    let mut clicked = false;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.heading(format!("No readable article in {}", model.source.label()));
        let problems = model.dataset.problems.len();
        if problems == 0 {
            ui.label("The folder holds no article. Open a folder of articles, or files by name.");
        } else {
            ui.label(format!("Found {}.", model.dataset.why_nothing()));
            ui.label(format!(
                "{} could not be used; every reason is listed.",
                text::count(problems as u64, "file")
            ));
            clicked = ui.button("Show skipped files").clicked();
        }
    });
    clicked
}

impl AtlasApp {
    pub(super) fn status_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(loader) = &self.loader {
                    ui.spinner();
                    let p = loader.progress;
                    ui.add(
                        egui::ProgressBar::new(p.fraction())
                            .desired_width(220.0)
                            .text(format!(
                                "Reading {}: {} of {} files",
                                loader.source().label(),
                                p.files_done,
                                p.files_total
                            )),
                    );
                    ui.label(text::load_rate(p, loader.started.elapsed()));
                    if ui.button("Cancel").clicked() {
                        commands.push(Command::CancelLoad);
                    }
                    ui.separator();
                }
                if let Some(notice) = self.notice() {
                    ui.label(notice);
                    ui.separator();
                }
                if let Some(error) = &self.error {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("Could not load: {error}"),
                    );
                    ui.separator();
                }
                if let Some(model) = &self.model {
                    let a = &model.analysis;
                    ui.label(format!(
                        "{} · {} · {} · {} · {}",
                        model.source.label(),
                        model.holdings(),
                        text::count(a.graph.node_count() as u64, "country"),
                        text::count(a.graph.edge_count() as u64, "link"),
                        text::count(a.corridors.len() as u64, "corridor")
                    ));
                    let copies = model.copy_count();
                    if copies > 0 {
                        ui.separator();
                        if ui
                            .link(format!(
                                "{copies} {} counted once",
                                if copies == 1 { "copy" } else { "copies" }
                            ))
                            .on_hover_text(
                                "Articles that repeat an earlier one: shown, not counted",
                            )
                            .clicked()
                        {
                            self.show_problems = true;
                        }
                    }
                    let problems = model.dataset.problems.len();
                    if problems > 0 {
                        ui.separator();
                        let text = format!(
                            "{problems} file{} skipped",
                            if problems == 1 { "" } else { "s" }
                        );
                        if ui
                            .link(text)
                            .on_hover_text("Show the files that could not be read, and why")
                            .clicked()
                        {
                            self.show_problems = true;
                        }
                    }
                }
            });
        });
    }

    pub(super) fn placeholder_ui(&self, ui: &mut egui::Ui) {
        ui.centered_and_justified(|ui| {
            if self.loader.is_some() {
                ui.label("Reading the articles…");
            } else if let Some(error) = &self.error {
                ui.label(format!("Nothing to show: {error}"));
            } else {
                ui.label("No corpus open.");
            }
        });
    }

    pub(super) fn problems_window(&mut self, ui: &mut egui::Ui) {
        let Some(model) = &self.model else { return };
        let mut open = true;
        egui::Window::new("Skipped files")
            .open(&mut open)
            .default_width(520.0)
            .show(ui.ctx(), |ui| {
                if model.dataset.problems.is_empty() {
                    ui.label("Every file was read.");
                } else {
                    ui.label("These files could not be used; everything else was analysed.");
                }
                egui::ScrollArea::vertical()
                    .id_salt("problems")
                    .max_height(300.0)
                    .show(ui, |ui| problem_rows(ui, &model.dataset));
                let copies = model.copies();
                if !copies.is_empty() {
                    ui.separator();
                    ui.label("These articles repeat an earlier one: counted once.");
                    let total = model.copy_count();
                    if total > copies.len() as u64 {
                        ui.weak(format!("The first {} of {total} are listed.", copies.len()));
                    }
                    egui::ScrollArea::vertical()
                        .id_salt("duplicates")
                        .max_height(200.0)
                        .show(ui, |ui| {
                            for (doc, of, exact) in copies {
                                ui.horizontal_wrapped(|ui| {
                                    ui.strong(doc);
                                    ui.label(if exact {
                                        format!("a copy of {of}")
                                    } else {
                                        format!("nearly a copy of {of}")
                                    });
                                });
                            }
                        });
                }
            });
        self.show_problems = open;
    }
}

/// The skipped files: each problem, except files of kinds that are not read, which are grouped
/// by extension (a group opens to list its files); then the clutter passed over, counted.
fn problem_rows(ui: &mut egui::Ui, dataset: &crate::pipeline::Dataset) {
    for p in dataset
        .problems
        .iter()
        .filter(|p| p.unsupported().is_none())
    {
        ui.horizontal_wrapped(|ui| {
            ui.strong(&p.path);
            ui.label(&p.reason);
        });
    }
    for (ext, n) in crate::corpus::unsupported_counts(&dataset.problems) {
        let heading = format!(
            "{}: {}",
            crate::corpus::unsupported_summary(&[(ext.clone(), n)]),
            crate::corpus::UNSUPPORTED
        );
        egui::CollapsingHeader::new(heading)
            .id_salt(("unsupported", &ext))
            .show(ui, |ui| {
                for p in dataset
                    .problems
                    .iter()
                    .filter(|p| p.unsupported() == Some(ext.as_str()))
                {
                    if p.reason.starts_with(crate::corpus::UNSUPPORTED) {
                        ui.label(&p.path);
                    } else {
                        ui.label(p.to_string());
                    }
                }
            });
    }
    if dataset.other_records > 0 {
        ui.weak(format!(
            "{} passed over: not a page with article text (requests, metadata, images)",
            text::count(dataset.other_records, "web-archive record")
        ));
    }
    if dataset.skipped > 0 {
        ui.weak(format!(
            "{} passed over (hidden files and clutter such as .DS_Store or editor backups)",
            text::count(dataset.skipped, "file")
        ));
    }
}
