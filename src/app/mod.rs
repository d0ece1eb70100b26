//! The window: a world map of the analysis with a side panel of evidence.
//!
//! `AtlasApp` keeps the settings a user chooses ([`Settings`], `settings.rs`) apart from the
//! runtime model (`model.rs`: the loaded corpus and its analysis). Clicks become [`Command`]s
//! (`command.rs`), applied after the frame, so that drawing never changes the model mid-frame.
//! This file only assembles the app; each concern has its file:
//!
//! - `menus.rs` the toolbar, menus and shortcuts; `status.rs` the status bar and the skipped
//!   files; `side_panel.rs`, `evidence.rs`, `reader.rs`, `tables.rs`, `timeline.rs`,
//!   `map_view.rs`, `search_box.rs` the panels;
//! - `loading.rs` (with `loader.rs`, `watch.rs`) reading corpora and following the disk;
//!   `dialog.rs` file dialogs; `exports.rs` exports; `timing.rs` start-up timings.

mod command;
mod dialog;
mod evidence;
mod exports;
mod legend;
mod loader;
mod loading;
mod map_paint;
mod map_view;
mod menus;
mod model;
mod reader;
mod search_box;
mod settings;
mod side_panel;
mod status;
mod tables;
mod text;
mod timeline;
mod timing;
mod watch;

use std::sync::Arc;

use eframe::egui;

use crate::pipeline::Source;
use crate::scene::{Pick, SceneKind};

pub use command::Command;
pub use evidence::{Row, RowList, Subject};
pub use exports::ExportKind;
pub use loader::{LoadFailure, Loaded, Loader, Shared};
pub use map_paint::{basemap_shapes, fill_scene_mesh, scene_mesh};
pub use map_view::{Camera, MapView, style_for};
pub use model::{Model, NetworkState};
pub use reader::Reader;
pub use search_box::{SearchResults, SearchState};
pub use settings::{Centre, Remembered, STORAGE_KEY, Settings, Theme};
pub use tables::{Tab, Tables};
pub use timing::mark_launch;

use loading::GazetteerChoice;
use timing::Timed;

/// Opens the window on `source` (`None`: the corpus of the last run, or the bundled articles) and
/// runs until it is closed. Window size and place, panel sizes and the user's choices are kept
/// between runs in the platform's data folder.
pub fn run(
    source: Option<Source>,
    gazetteer_file: Option<std::path::PathBuf>,
) -> eframe::Result<()> {
    mark_launch();
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport: egui::ViewportBuilder::default()
            .with_title("Corridor Atlas")
            .with_app_id("corridor-atlas")
            .with_inner_size([1400.0, 880.0])
            .with_min_inner_size([720.0, 480.0])
            .with_icon(window_icon()),
        ..Default::default()
    };
    eframe::run_native(
        "Corridor Atlas",
        options,
        Box::new(move |cc| {
            let ctx = cc.egui_ctx.clone();
            let remembered = cc
                .storage
                .and_then(|s| eframe::get_value::<Remembered>(s, STORAGE_KEY));
            Ok(Box::new(AtlasApp::starting(
                remembered,
                source,
                gazetteer_file,
                move || {
                    ctx.request_repaint();
                },
            )))
        }),
    )
}

/// The app's icon for the window and task bar (the 256-pixel PNG of `assets/icon/`).
pub fn window_icon() -> egui::IconData {
    let png = include_bytes!("../../assets/icon/corridor-atlas-256.png");
    match resvg::tiny_skia::Pixmap::decode_png(png) {
        Ok(pixmap) => egui::IconData {
            // tiny-skia keeps colours multiplied by alpha; the window system wants them plain.
            rgba: pixmap
                .pixels()
                .iter()
                .flat_map(|p| {
                    let c = p.demultiply();
                    [c.red(), c.green(), c.blue(), c.alpha()]
                })
                .collect(),
            width: pixmap.width(),
            height: pixmap.height(),
        },
        Err(_) => egui::IconData::default(),
    }
}

/// Adds `DejaVu` Sans behind egui's default font: articles bring arrows, Georgian, Armenian and
/// other scripts the default font lacks.
fn install_fonts(ctx: &egui::Context) {
    let data = egui::FontData::from_static(crate::scene::FONT);
    let families = [egui::FontFamily::Proportional, egui::FontFamily::Monospace]
        .into_iter()
        .map(|family| egui::epaint::text::InsertFontFamily {
            family,
            priority: egui::epaint::text::FontPriority::Lowest,
        })
        .collect();
    ctx.add_font(egui::epaint::text::FontInsert::new(
        "DejaVuSans",
        data,
        families,
    ));
}

/// The application.
#[expect(
    clippy::struct_excessive_bools,
    reason = "independent windows and requests, each open or not"
)]
pub struct AtlasApp {
    /// User choices.
    pub settings: Settings,
    /// The loaded corpus, once there is one.
    pub model: Option<Model>,
    /// What is selected.
    pub selection: Option<Pick>,
    /// The map's camera and caches.
    pub map: MapView,
    /// The open article, if any.
    pub reader: Option<Reader>,
    /// The measures tables' tab and sorting.
    pub tables: Tables,
    /// The side panel's list of documents and sentences.
    pub rows: RowList,
    /// The search box.
    pub search: SearchState,
    timeline: timeline::Timeline,
    loader: Option<Loader>,
    /// While a corpus fills the window as it is read: when the analysis was last redone.
    filling: Option<std::time::Instant>,
    /// Watches the files of the corpus on screen.
    watch: Option<watch::Watch>,
    timed: Timed,
    error: Option<String>,
    commands: Vec<Command>,
    show_problems: bool,
    /// Whether the About window is open.
    pub show_about: bool,
    /// Full screen was asked for (the viewport is told at the next frame).
    fullscreen_asked: bool,
    /// Closing the window was asked for (told at the next frame).
    quit_asked: bool,
    fonts_installed: bool,
    /// The user's gazetteer file in use.
    gazetteer_file: Option<std::path::PathBuf>,
    /// The gazetteer file of the load under way, applied when it succeeds.
    requested_gazetteer: Option<GazetteerChoice>,
    /// What counts as a mention in the names in use (seats of government or not).
    gazetteer_options: crate::gazetteer::Options,
    /// A file dialog waiting for the user, and what its answer is for.
    dialog: Option<(dialog::Pending, dialog::Purpose)>,
    /// Answers given in place of the system's file dialogs, in order (scripts and tests drive
    /// the window with them); `None`: the system's dialogs.
    pub scripted_dialogs: Option<Vec<Vec<std::path::PathBuf>>>,
    /// The outcome of the last export, shown in the status bar.
    notice: Arc<std::sync::Mutex<Option<String>>>,
    /// Wakes the window when a background task has news.
    repaint: Arc<dyn Fn() + Send + Sync>,
}

/// Puts a message in the status bar (from any thread).
fn post(notice: &std::sync::Mutex<Option<String>>, text: String) {
    *notice
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(text);
}

impl AtlasApp {
    fn empty() -> Self {
        Self {
            settings: Settings::default(),
            model: None,
            selection: None,
            map: MapView::default(),
            reader: None,
            tables: Tables::default(),
            rows: RowList::default(),
            search: SearchState::default(),
            timeline: timeline::Timeline::default(),
            loader: None,
            filling: None,
            watch: None,
            timed: Timed::default(),
            error: None,
            commands: Vec::new(),
            show_problems: false,
            show_about: false,
            fullscreen_asked: false,
            quit_asked: false,
            fonts_installed: false,
            gazetteer_file: None,
            requested_gazetteer: None,
            gazetteer_options: crate::gazetteer::Options::default(),
            dialog: None,
            scripted_dialogs: None,
            notice: Arc::default(),
            repaint: Arc::new(|| {}),
        }
    }

    fn set_notice(&self, text: String) {
        post(&self.notice, text);
    }

    /// Where the timeline's plot was last drawn, if it was.
    pub fn timeline_plot_rect(&self) -> Option<egui::Rect> {
        self.timeline.plot_rect
    }

    /// Whether the timeline is playing.
    pub fn is_playing(&self) -> bool {
        self.timeline.playing.is_some()
    }

    /// Whether a load is running.
    pub fn is_loading(&self) -> bool {
        self.loader.is_some()
    }

    /// The scene the centre draws, or, while it shows the tables, the one it drew last (what a
    /// picture export draws).
    pub fn drawn_scene(&self) -> SceneKind {
        map_view::scene_of(&self.settings, self.map.kind)
    }

    /// Queues a command for the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The outcome of the last export, if any.
    pub fn notice(&self) -> Option<String> {
        self.notice
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// One frame as eframe runs it: the background work, then the drawing (tests drive the
    /// window through this).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        self.background(ui.ctx());
        self.draw(ui);
    }

    /// Takes in what background work has finished — the load, the files changed on disk, a file
    /// dialog's answer, a search that is due, a step of the network layout — and asks for a frame
    /// when more is coming. Draws nothing (eframe also calls it while the window is hidden).
    pub fn background(&mut self, ctx: &egui::Context) {
        self.poll_loader();
        self.poll_watch(ctx);
        self.poll_dialog();
        if let Some(model) = &self.model
            && let Some(wait) = self.search.run_if_due(model, false)
        {
            ctx.request_repaint_after(wait);
        }
        if self.settings.centre == Centre::Network
            && let Some(model) = &mut self.model
            // A few milliseconds of layout per frame: the network settles in view, the window
            // never waits for it.
            && model.step_network(&self.settings, std::time::Duration::from_millis(6))
        {
            ctx.request_repaint();
        }
    }

    /// Draws one frame into `ui` and applies the commands it produced.
    pub fn draw(&mut self, ui: &mut egui::Ui) {
        self.first_frame(ui.ctx());
        self.keys_and_window(ui);
        let mut commands = std::mem::take(&mut self.commands);
        self.top_bar_ui(ui, &mut commands);
        self.status_bar_ui(ui, &mut commands);
        self.timeline_panel(ui, &mut commands);
        self.side_panel(ui, &mut commands);
        self.centre_panel(ui, &mut commands);
        if self.show_problems {
            self.problems_window(ui);
        }
        if self.show_about {
            self.about_window(ui);
        }
        drop_overlay(ui);
        if let (Some(reader), Some(model)) = (&mut self.reader, &self.model)
            && !reader::reader_ui(ui.ctx(), reader, model, self.selection, &mut commands)
        {
            commands.push(Command::CloseReader);
        }
        for c in commands {
            self.apply(c);
        }
    }

    /// Fonts on the first frame; the start-up timings of the first frame and first articles.
    fn first_frame(&mut self, ctx: &egui::Context) {
        if !self.fonts_installed {
            install_fonts(ctx);
            self.fonts_installed = true;
        }
        if !self.timed.frame {
            self.timed.frame = true;
            timing::timing("first frame");
        }
        if !self.timed.articles
            && let Some(model) = &self.model
        {
            self.timed.articles = true;
            timing::timing(&format!(
                "articles on screen ({} documents)",
                model.dataset.documents.len()
            ));
        }
    }

    /// Esc, the shortcuts and dropped files become commands; the theme, full screen and closing
    /// are told to the window.
    fn keys_and_window(&mut self, ui: &egui::Ui) {
        if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
            // Esc closes what is on top: the search, then the reader, then the selection.
            self.commands.push(if self.search.results.is_some() {
                Command::Search(String::new())
            } else if self.reader.is_some() {
                Command::CloseReader
            } else {
                Command::Select(None)
            });
        }
        self.shortcuts(ui);
        let preference = self.settings.theme.preference();
        if ui.ctx().options(|o| o.theme_preference) != preference {
            ui.ctx().set_theme(preference);
        }
        if std::mem::take(&mut self.quit_asked) {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        if std::mem::take(&mut self.fullscreen_asked) {
            let full = ui.input(|i| i.viewport().fullscreen.unwrap_or(false));
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
        }
        let dropped: Vec<std::path::PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.commands.push(Command::Open(dropped));
        }
    }

    fn timeline_panel(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        if self.settings.show_timeline
            && let Some(model) = &self.model
            && !model.dataset.documents.is_empty()
        {
            egui::Panel::bottom("timeline")
                .resizable(true)
                .default_size(150.0)
                .size_range(90.0..=320.0)
                .show(ui, |ui| {
                    self.timeline.ui(
                        ui,
                        model,
                        self.selection,
                        self.settings.date_range,
                        self.settings.bucket,
                        commands,
                    );
                });
        }
    }

    fn side_panel(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::Panel::right("side_panel")
            .resizable(true)
            .default_size(420.0)
            .size_range(280.0..=760.0)
            .show(ui, |ui| {
                if let Some(model) = &self.model {
                    side_panel::side_panel_ui(
                        ui,
                        model,
                        self.selection,
                        self.search.results.as_ref(),
                        &mut self.rows,
                        commands,
                    );
                } else {
                    ui.add_space(12.0);
                    ui.label("The analysis appears here once the articles are read.");
                }
            });
    }

    /// The map, the network or the tables; what an empty corpus says; a placeholder while the
    /// first articles are read.
    fn centre_panel(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let mut open_problems = false;
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| match &self.model {
                Some(model) if model.dataset.documents.is_empty() => {
                    open_problems = status::empty_corpus_ui(ui, model);
                }
                Some(model) if self.settings.centre == Centre::Tables => {
                    egui::Frame::central_panel(ui.style()).show(ui, |ui| {
                        tables::tables_ui(ui, model, self.selection, &mut self.tables, commands);
                    });
                }
                Some(model) => {
                    self.map
                        .ui(ui, model, &self.settings, self.selection, commands);
                }
                None => self.placeholder_ui(ui),
            });
        self.show_problems |= open_problems;
    }
}

/// What the window shows while files are dragged over it.
fn drop_overlay(ui: &egui::Ui) {
    if ui.input(|i| !i.raw.hovered_files.is_empty()) {
        let rect = ui.max_rect();
        let painter = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::unique("drop_overlay"),
        ));
        painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(170));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "Drop folders or files to open them",
            egui::FontId::proportional(26.0),
            egui::Color32::WHITE,
        );
    }
}

impl eframe::App for AtlasApp {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.background(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.draw(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.remembered());
    }
}
