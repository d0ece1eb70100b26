//! Loading and watching glue: starting a load, taking its batches as a corpus fills the window,
//! finishing it, and applying the files changed on disk.

use std::sync::Arc;

use eframe::egui;

use crate::pipeline::Source;

use super::model::{Model, next_generation};
use super::settings::{Remembered, Settings};
use super::timing::timing;
use super::{AtlasApp, LoadFailure, Loaded, Loader, Shared, loader, post, watch};

/// The gazetteer file a load was started with (`None`: the bundled names only).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct GazetteerChoice(Option<std::path::PathBuf>);

/// How often a corpus that fills the window as it is read is analysed again.
pub(super) const FILL_INTERVAL: std::time::Duration = std::time::Duration::from_millis(500);

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
    pub fn loaded(source: Source) -> Result<Self, LoadFailure> {
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

    pub(super) fn finish_load(&mut self, loaded: Loaded) {
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
        if model.dataset.atlas.is_some() {
            // An atlas is a finished result, not a corpus that changes file by file.
            self.watch = None;
        } else if self
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
    pub(super) fn poll_watch(&mut self, ctx: &egui::Context) {
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

    /// Starts reading `source` in the background; the corpus on screen stays until it is read.
    /// The names in use are reused, so only the articles are read.
    pub(super) fn open(&mut self, source: Source) {
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
    pub(super) fn read_again_with_names(&mut self, file: Option<std::path::PathBuf>) {
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

    pub(super) fn poll_loader(&mut self) {
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
                    if matches!(e, LoadFailure::Cancelled) {
                        self.set_notice(format!("Reading cancelled: {shown}"));
                    } else {
                        self.error = Some(format!("{e}; {shown}"));
                    }
                } else if !matches!(e, LoadFailure::Cancelled) {
                    self.error = Some(e.to_string());
                }
            }
        }
    }

    /// Shows the documents read so far of a corpus being read, with nothing else on screen.
    pub(super) fn fill(&mut self, batch: Loaded) {
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
}
