//! Loading on a named background thread: the window stays responsive, progress comes over a
//! channel, and a load can be cancelled. The gazetteer and outlines are built once and shared.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::gazetteer::{AssetError, Gazetteer};
use crate::layout::Projection;
use crate::pipeline::{self, Dataset, LoadError, Progress, Source};
use crate::scene::Basemap;

/// What a finished load hands to the window.
pub struct Loaded {
    /// The gazetteer used.
    pub gazetteer: Arc<Gazetteer>,
    /// Country outlines.
    pub basemap: Arc<Basemap>,
    /// What was loaded.
    pub source: Source,
    /// The extracted corpus.
    pub dataset: Dataset,
}

/// Why a load did not give a corpus. The messages are the status bar's.
#[derive(Debug, thiserror::Error)]
pub enum LoadFailure {
    /// The user cancelled (or another load took its place).
    #[error("cancelled")]
    Cancelled,
    /// The user's names file could not be used (the error names the file and the reason).
    #[error(transparent)]
    NamesFile(AssetError),
    /// The names built into the binary could not be read.
    #[error("the bundled gazetteer is damaged: {0}")]
    BundledNames(AssetError),
    /// The outlines built into the binary could not be read.
    #[error("the bundled map outlines are damaged: {0}")]
    Outlines(AssetError),
    /// No thread could be started for the load.
    #[error("cannot start loading: {0}")]
    Thread(std::io::Error),
    /// An atlas could not be read (the error names the file and the reason).
    #[error(transparent)]
    Atlas(crate::atlas::AtlasError),
    /// The loading thread ended without a word (it panicked).
    #[error("loading stopped unexpectedly")]
    Stopped,
}

impl From<LoadError> for LoadFailure {
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Cancelled => Self::Cancelled,
        }
    }
}

/// A message from the loading thread.
pub enum LoadMsg {
    /// Files done so far.
    Progress(Progress),
    /// The next documents in corpus order (the dataset holds only them).
    Batch(Box<Loaded>),
    /// Finished (the dataset is empty: the batches hold the documents).
    Done(Box<Loaded>),
    /// Could not load.
    Failed(LoadFailure),
}

/// What a load may reuse.
pub enum Shared {
    /// The gazetteer and outlines of an earlier load.
    Reuse(Arc<Gazetteer>, Arc<Basemap>),
    /// Build them, with the user's gazetteer file if any.
    Build {
        /// The user's gazetteer file.
        gazetteer_file: Option<std::path::PathBuf>,
        /// What counts as a mention (seats of government or not).
        options: crate::gazetteer::Options,
    },
}

/// A load in progress.
pub struct Loader {
    rx: Receiver<LoadMsg>,
    cancel: Arc<AtomicBool>,
    /// Latest progress.
    pub progress: Progress,
    /// Where it is read from.
    source: Source,
    /// When the load started.
    pub started: std::time::Instant,
    /// Batches read and not yet taken ([`Loader::take_batches`]).
    incoming: Option<Loaded>,
}

/// How a poll of the loader went.
pub enum Poll {
    /// Still working.
    Pending,
    /// Finished with this result.
    Finished(Result<Box<Loaded>, LoadFailure>),
}

impl Loader {
    /// Starts loading `source` on a background thread, reusing or building the gazetteer and
    /// outlines; `repaint` is called whenever there is news.
    pub fn start(
        source: Source,
        shared: Shared,
        repaint: impl Fn() + Send + Sync + 'static,
    ) -> Self {
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let kept = source.clone();
        let thread_cancel = Arc::clone(&cancel);
        let spawned = std::thread::Builder::new()
            .name("corridor-atlas-loader".into())
            .spawn(move || {
                let progress_tx = tx.clone();
                let msg = match load(
                    source,
                    shared,
                    &thread_cancel,
                    &|p| {
                        let _ = progress_tx.send(LoadMsg::Progress(p));
                        repaint();
                    },
                    &mut |batch| {
                        let _ = tx.send(LoadMsg::Batch(Box::new(batch)));
                    },
                ) {
                    Ok(loaded) => LoadMsg::Done(Box::new(loaded)),
                    Err(e) => LoadMsg::Failed(e),
                };
                let _ = tx.send(msg);
                repaint();
            });
        if let Err(e) = spawned {
            // Without a thread, report it through the same channel the window polls.
            let (tx, rx2) = channel();
            let _ = tx.send(LoadMsg::Failed(LoadFailure::Thread(e)));
            return Self {
                rx: rx2,
                cancel,
                progress: Progress::default(),
                source: kept,
                started: std::time::Instant::now(),
                incoming: None,
            };
        }
        Self {
            rx,
            cancel,
            progress: Progress::default(),
            source: kept,
            started: std::time::Instant::now(),
            incoming: None,
        }
    }

    /// Where the load reads from.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// Asks the load to stop; it finishes with [`LoadFailure::Cancelled`].
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Takes the news from the thread. When it finishes, the dataset holds the documents not
    /// taken by [`Loader::take_batches`]; copies are not yet marked (see
    /// [`Dataset::find_duplicates`]).
    pub fn poll(&mut self) -> Poll {
        loop {
            match self.rx.try_recv() {
                Ok(msg) => {
                    if let Some(end) = self.receive(msg) {
                        return Poll::Finished(end);
                    }
                }
                Err(TryRecvError::Empty) => return Poll::Pending,
                Err(TryRecvError::Disconnected) => {
                    return Poll::Finished(Err(LoadFailure::Stopped));
                }
            }
        }
    }

    /// The documents read since the last call (in corpus order), if any.
    pub fn take_batches(&mut self) -> Option<Loaded> {
        self.incoming.take()
    }

    fn receive(&mut self, msg: LoadMsg) -> Option<Result<Box<Loaded>, LoadFailure>> {
        match msg {
            LoadMsg::Progress(p) => self.progress = p,
            LoadMsg::Batch(batch) => match &mut self.incoming {
                Some(incoming) => incoming.dataset.append(batch.dataset),
                None => self.incoming = Some(*batch),
            },
            LoadMsg::Done(mut done) => {
                if let Some(incoming) = self.incoming.take() {
                    done.dataset = incoming.dataset;
                }
                return Some(Ok(done));
            }
            LoadMsg::Failed(e) => return Some(Err(e)),
        }
        None
    }

    /// Blocks until the load ends (tests and the command line), and returns the whole corpus
    /// with its copies marked.
    pub fn wait(mut self) -> Result<Box<Loaded>, LoadFailure> {
        loop {
            let Ok(msg) = self.rx.recv() else {
                return Err(LoadFailure::Stopped);
            };
            if let Some(end) = self.receive(msg) {
                let mut loaded = end?;
                loaded.dataset.find_duplicates();
                return Ok(loaded);
            }
        }
    }
}

/// Everything a load does, on the loading thread.
fn load(
    source: Source,
    shared: Shared,
    cancel: &AtomicBool,
    progress: &(dyn Fn(Progress) + Sync),
    batch: &mut dyn FnMut(Loaded),
) -> Result<Loaded, LoadFailure> {
    let atlas = match &source {
        Source::Paths(paths) => crate::atlas::single(paths),
        Source::Seeds => None,
    };
    let (prepared, listing) = rayon::join(
        || -> Result<(Arc<Gazetteer>, Arc<Basemap>), LoadFailure> {
            match shared {
                Shared::Reuse(g, b) => Ok((g, b)),
                Shared::Build {
                    gazetteer_file,
                    options,
                } => {
                    let g =
                        Gazetteer::load_with(gazetteer_file.as_deref(), options).map_err(|e| {
                            match e {
                                AssetError::File { .. } => LoadFailure::NamesFile(e),
                                other => LoadFailure::BundledNames(other),
                            }
                        })?;
                    let b = Basemap::bundled(Projection::default(), &g)
                        .map_err(LoadFailure::Outlines)?;
                    Ok((Arc::new(g), Arc::new(b)))
                }
            }
        },
        || atlas.is_none().then(|| pipeline::list(&source)),
    );
    let (gazetteer, basemap) = prepared?;
    if let Some(root) = atlas {
        // An atlas: its counts and passages, read at once (no file-by-file progress).
        let dataset = crate::atlas::open(&root, &gazetteer)
            .map_err(LoadFailure::Atlas)?
            .into_dataset(&gazetteer);
        if cancel.load(Ordering::Relaxed) {
            return Err(LoadFailure::Cancelled);
        }
        return Ok(Loaded {
            gazetteer,
            basemap,
            source,
            dataset,
        });
    }
    // Listed beside the names unless an atlas was found (then returned above).
    let listing = listing.unwrap_or_else(|| pipeline::list(&source));
    let reading = pipeline::Reading {
        source: &source,
        gazetteer: &gazetteer,
        texts: pipeline::Texts::Kept,
        progress,
        cancel,
    };
    pipeline::read_batches(reading, listing, &mut |dataset| {
        batch(Loaded {
            gazetteer: Arc::clone(&gazetteer),
            basemap: Arc::clone(&basemap),
            source: source.clone(),
            dataset,
        });
    })?;
    Ok(Loaded {
        gazetteer,
        basemap,
        source,
        dataset: Dataset::default(),
    })
}
