//! Watching the open corpus: file-system events are gathered until the disk has been quiet for
//! a moment, then the files they name (and any the folders gained or lost) are read again on a
//! background thread and applied to the corpus on screen — the rest is not read again.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

use notify::Watcher as _;

use crate::gazetteer::Gazetteer;
use crate::pipeline::{self, Refresh, Source};

/// How long the disk must be quiet before changes are applied (a file being copied in sends
/// many events).
pub const QUIET: Duration = Duration::from_millis(400);

/// Watches the files of a corpus.
pub struct Watch {
    source: Source,
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    /// Files named by events not yet applied.
    pending: HashSet<PathBuf>,
    /// An event without paths, or an error: the folders are listed again anyway.
    dirty: bool,
    last_event: Option<Instant>,
    /// Changes being read on a background thread.
    reading: Option<Receiver<Refresh>>,
}

/// Why the corpus cannot be watched for changes.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The system's watcher could not be made.
    #[error("cannot watch the corpus: {0}")]
    Start(#[source] notify::Error),
    /// A folder or file could not be watched.
    #[error("cannot watch {}: {source}", path.display())]
    Path {
        /// What was to be watched.
        path: std::path::PathBuf,
        /// The watcher's reason.
        #[source]
        source: notify::Error,
    },
}

impl Watch {
    /// Starts watching the folders and files of `source` (the bundled articles: nothing to
    /// watch). `wake` is called when there is news.
    pub fn start(
        source: &Source,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Result<Option<Self>, WatchError> {
        let Source::Paths(roots) = source else {
            return Ok(None);
        };
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = tx.send(event);
            wake();
        })
        .map_err(WatchError::Start)?;
        for root in roots {
            // A file given by name is watched through its folder: editors often save by
            // replacing the file, which would end a watch on the file itself.
            let (target, mode) = if root.is_dir() {
                (root.as_path(), notify::RecursiveMode::Recursive)
            } else {
                let folder = root
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or_else(|| std::path::Path::new("."));
                (folder, notify::RecursiveMode::NonRecursive)
            };
            watcher
                .watch(target, mode)
                .map_err(|source| WatchError::Path {
                    path: target.to_path_buf(),
                    source,
                })?;
        }
        Ok(Some(Self {
            source: source.clone(),
            _watcher: watcher,
            events,
            pending: HashSet::new(),
            dirty: false,
            last_event: None,
            reading: None,
        }))
    }

    /// What is watched.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// Takes the events so far; once the disk has been quiet for [`QUIET`] and no refresh is
    /// under way, starts reading the changed files for the corpus whose files are `known`.
    /// Returns how long to wait before asking again, when changes are waiting.
    pub fn poll(
        &mut self,
        known: impl FnOnce() -> HashSet<PathBuf>,
        gazetteer: &Arc<Gazetteer>,
        wake: Arc<dyn Fn() + Send + Sync>,
    ) -> Option<Duration> {
        loop {
            match self.events.try_recv() {
                Ok(Ok(event)) => {
                    if matches!(event.kind, notify::EventKind::Access(_)) {
                        continue;
                    }
                    if event.paths.is_empty() {
                        self.dirty = true;
                    }
                    self.pending.extend(event.paths);
                    self.last_event = Some(Instant::now());
                }
                Ok(Err(_)) => {
                    self.dirty = true;
                    self.last_event = Some(Instant::now());
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => break,
            }
        }
        if self.pending.is_empty() && !self.dirty {
            return None;
        }
        let quiet_for = self.last_event.map_or(QUIET, |t| t.elapsed());
        if quiet_for < QUIET {
            return Some(QUIET.saturating_sub(quiet_for));
        }
        if self.reading.is_some() {
            return Some(QUIET);
        }
        let changed = std::mem::take(&mut self.pending);
        self.dirty = false;
        let known = known();
        let source = self.source.clone();
        let gazetteer = Arc::clone(gazetteer);
        let (tx, rx) = channel();
        let spawned = std::thread::Builder::new()
            .name("corridor-atlas-watch".into())
            .spawn(move || {
                let refresh =
                    pipeline::refresh(&source, &known, &changed, &gazetteer, pipeline::Texts::Kept);
                let _ = tx.send(refresh);
                wake();
            });
        if spawned.is_ok() {
            self.reading = Some(rx);
        }
        None
    }

    /// The changes read, once a refresh is done.
    pub fn take_refresh(&mut self) -> Option<Refresh> {
        let rx = self.reading.as_ref()?;
        match rx.try_recv() {
            Ok(refresh) => {
                self.reading = None;
                Some(refresh)
            }
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                self.reading = None;
                None
            }
        }
    }
}
