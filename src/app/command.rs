//! What the user asks for, as [`Command`]s: the frame's widgets push them and they are applied
//! after the frame, so that drawing never changes the model mid-frame.

use std::sync::Arc;

use crate::corpus::Date;
use crate::graph::{Bucket, Measure, Window};
use crate::layout::Projection;
use crate::pipeline::Source;
use crate::scene::{Basemap, Palette, Pick};

use super::settings::{Centre, MAX_RECENT, Theme};
use super::{AtlasApp, ExportKind, Reader, dialog};

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
    /// Show the map, the network or the tables in the centre.
    SetCentre(Centre),
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

impl Command {
    /// The family of commands this one belongs to, which says what it changes.
    fn family(&self) -> Family {
        match self {
            Self::Select(_)
            | Self::OpenReader { .. }
            | Self::CloseReader
            | Self::Search(_)
            | Self::Notice(_) => Family::Reading,
            Self::SetWindow(_)
            | Self::SetMinWeight(_)
            | Self::SetMeasure(_)
            | Self::SetTopN(_)
            | Self::SetMinMentions(_)
            | Self::SetDateRange(_) => Family::Analysis,
            Self::FitView
            | Self::SetCentre(_)
            | Self::SetProjection(_)
            | Self::ToggleCorridor(_)
            | Self::ToggleShading
            | Self::SetBucket(_)
            | Self::ToggleTimeline
            | Self::SetTheme(_)
            | Self::SetPalette(_)
            | Self::Zoom(_)
            | Self::ToggleFullscreen
            | Self::ShowAbout(_)
            | Self::Quit => Family::View,
            Self::ChooseExport(_)
            | Self::Export(..)
            | Self::CancelLoad
            | Self::ChooseGazetteer
            | Self::UseGazetteer(_)
            | Self::UseOptions(_)
            | Self::ChooseFolder
            | Self::ChooseFiles
            | Self::Open(_)
            | Self::OpenSeeds
            | Self::Reload => Family::Files,
        }
    }
}

/// What a command changes.
enum Family {
    /// What is selected, read or searched for, and the status line.
    Reading,
    /// The analysis: the graph is built again.
    Analysis,
    /// How the analysis is shown: views, camera, colours, panels, the window itself.
    View,
    /// Corpora, names files and exports: files read or written, dialogs asked.
    Files,
}

impl AtlasApp {
    /// Applies a command now.
    pub fn apply(&mut self, command: Command) {
        match command.family() {
            Family::Reading => self.apply_reading(command),
            Family::Analysis => self.apply_analysis(command),
            Family::View => self.apply_view(command),
            Family::Files => self.apply_files(command),
        }
    }

    fn apply_reading(&mut self, command: Command) {
        match command {
            Command::Select(pick) => {
                self.selection = pick;
                // Choosing something shows it, not the search that led there.
                if pick.is_some() {
                    self.search.results = None;
                    self.search.changed = None;
                }
            }
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
            Command::Notice(text) => self.set_notice(text),
            other => debug_assert!(false, "{other:?} is no reading command"),
        }
    }

    /// Every command here changes what the graph is built from; the selection stays even when
    /// the new filters hide it (the panel says so, and widening the filters brings it back).
    fn apply_analysis(&mut self, command: Command) {
        let settings = &mut self.settings;
        match command {
            Command::SetWindow(window) => settings.window = window,
            Command::SetMinWeight(w) => settings.min_weight = w.max(1),
            Command::SetMeasure(measure) => settings.measure = measure,
            Command::SetTopN(n) => settings.top_n = n,
            Command::SetMinMentions(n) => settings.min_mentions = n,
            Command::SetDateRange(range) => settings.date_range = range,
            other => {
                debug_assert!(false, "{other:?} is no analysis command");
                return;
            }
        }
        if let Some(model) = &mut self.model {
            model.rebuild(&self.settings);
        }
    }

    fn apply_view(&mut self, command: Command) {
        match command {
            Command::FitView => self.map.reset_camera(),
            Command::Zoom(factor) => self.map.zoom_by(factor),
            Command::SetCentre(centre) => {
                // A scene other than the one last drawn starts framed; back from the tables to
                // the same scene, the camera stays.
                if centre
                    .scene()
                    .is_some_and(|kind| kind != self.drawn_scene())
                {
                    self.map.reset_camera();
                }
                self.settings.centre = centre;
            }
            Command::SetProjection(projection) => {
                self.settings.projection = projection;
                let mut damaged = None;
                if let Some(model) = &mut self.model {
                    match Basemap::bundled(projection, &model.gazetteer) {
                        Ok(basemap) => model.basemap = Arc::new(basemap),
                        Err(e) => damaged = Some(e),
                    }
                    model.rebuild(&self.settings);
                }
                if let Some(e) = damaged {
                    self.set_notice(format!(
                        "The bundled map outlines are damaged ({e}): the land keeps the last \
                         projection"
                    ));
                }
                self.map.reset_camera();
            }
            Command::ToggleCorridor(id) => {
                if !self.settings.hidden_corridors.remove(&id) {
                    self.settings.hidden_corridors.insert(id);
                }
            }
            Command::ToggleShading => {
                self.settings.shade_by_mentions = !self.settings.shade_by_mentions;
            }
            Command::SetBucket(bucket) => self.settings.bucket = bucket,
            Command::ToggleTimeline => self.settings.show_timeline = !self.settings.show_timeline,
            Command::SetTheme(theme) => self.settings.theme = theme,
            Command::SetPalette(palette) => self.settings.palette = palette,
            Command::ToggleFullscreen => self.fullscreen_asked = true,
            Command::ShowAbout(show) => self.show_about = show,
            Command::Quit => self.quit_asked = true,
            other => debug_assert!(false, "{other:?} is no view command"),
        }
    }

    fn apply_files(&mut self, command: Command) {
        match command {
            Command::ChooseFolder => self.ask(dialog::Purpose::Open, dialog::pick_folder),
            Command::ChooseFiles => self.ask(dialog::Purpose::Open, dialog::pick_articles),
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
            Command::CancelLoad => {
                if let Some(loader) = &self.loader {
                    loader.cancel();
                }
            }
            Command::ChooseGazetteer => self.ask(dialog::Purpose::Gazetteer, |repaint| {
                dialog::pick_json("Choose a gazetteer file", repaint)
            }),
            Command::UseGazetteer(file) => self.read_again_with_names(file),
            Command::UseOptions(options) => {
                self.gazetteer_options = options;
                self.read_again_with_names(self.gazetteer_file.clone());
            }
            Command::ChooseExport(kind) => {
                if kind == ExportKind::Evidence && self.selection.is_none() {
                    self.set_notice(
                        "Nothing to export: select a country, link or corridor first".into(),
                    );
                    return;
                }
                let name = kind.file_name(self.drawn_scene());
                self.ask(dialog::Purpose::Export(kind), |repaint| {
                    dialog::save_as(kind.filters(), name, repaint)
                });
            }
            Command::Export(kind, path) => self.export(kind, path),
            other => debug_assert!(false, "{other:?} is no files command"),
        }
    }
}
