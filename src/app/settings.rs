//! What the user chooses and the window remembers between runs (eframe's storage, serde with
//! `#[serde(default)]` so that a settings file from an older version still loads).

use eframe::egui;

use crate::corpus::Date;
use crate::graph::{Bucket, Measure, Params, Window};
use crate::layout::Projection;
use crate::scene::{Palette, SceneKind};

/// What the user has chosen; kept across sources.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Co-mention window.
    pub window: Window,
    /// Smallest link weight shown.
    pub min_weight: u32,
    /// Whether corridor routes are drawn.
    pub show_corridors: bool,
    /// Map projection.
    pub projection: Projection,
    /// What the centre shows: the map, the network or the tables.
    pub centre: Centre,
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

/// What the centre of the window shows. The toolbar and the View menu both offer them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Centre {
    /// Countries at their places.
    #[default]
    Map,
    /// Countries placed by their links.
    Network,
    /// The measures tables.
    Tables,
}

impl Centre {
    /// Every choice, in menu order.
    pub const ALL: [Self; 3] = [Self::Map, Self::Network, Self::Tables];

    /// The scene the centre draws, if it draws one.
    pub fn scene(self) -> Option<SceneKind> {
        match self {
            Self::Map => Some(SceneKind::Map),
            Self::Network => Some(SceneKind::Network),
            Self::Tables => None,
        }
    }

    /// The toolbar's and menu's label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Map => "Map",
            Self::Network => "Network",
            Self::Tables => "Tables",
        }
    }

    /// What the choice shows, for its hover text.
    pub fn hint(self) -> &'static str {
        match self {
            Self::Map => "Countries at their places",
            Self::Network => "Countries placed by their links, coloured by community",
            Self::Tables => "Countries and links with their measures, sortable",
        }
    }
}

impl From<SceneKind> for Centre {
    fn from(kind: SceneKind) -> Self {
        match kind {
            SceneKind::Map => Self::Map,
            SceneKind::Network => Self::Network,
        }
    }
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

    pub(super) fn preference(self) -> egui::ThemePreference {
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
            centre: Centre::Map,
            hidden_corridors: std::collections::BTreeSet::new(),
            shade_by_mentions: true,
            measure: Measure::Count,
            top_n: 0,
            min_mentions: 0,
            bucket: None,
            show_timeline: true,
            recent: Vec::new(),
            date_range: None,
            theme: Theme::System,
            palette: Palette::Standard,
        }
    }
}

/// The graph parameters these settings ask for.
pub(super) fn params_of(settings: &Settings) -> Params {
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

/// How many corpora the Open recent menu remembers.
pub(super) const MAX_RECENT: usize = 8;
