//! Native file dialogs, run off the UI thread so the window keeps drawing while one is open.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use super::{Command, ExportKind};

/// A dialog the user has not answered yet.
pub struct Pending {
    rx: Receiver<Option<Vec<PathBuf>>>,
}

/// What the user answered.
pub enum Answer {
    /// The dialog is still open.
    Waiting,
    /// Files or folders were chosen (at least one).
    Chosen(Vec<PathBuf>),
    /// The dialog was closed without a choice.
    Cancelled,
}

impl Pending {
    /// A dialog already answered with `paths` (`None`: closed without a choice).
    pub fn answered(paths: Option<Vec<PathBuf>>) -> Self {
        let (tx, rx) = channel();
        let _ = tx.send(paths);
        Self { rx }
    }

    /// The answer, once there is one.
    pub fn take(&mut self) -> Answer {
        match self.rx.try_recv() {
            Ok(Some(paths)) if !paths.is_empty() => Answer::Chosen(paths),
            Ok(_) | Err(TryRecvError::Disconnected) => Answer::Cancelled,
            Err(TryRecvError::Empty) => Answer::Waiting,
        }
    }
}

/// Asks for one JSON file.
pub fn pick_json(title: &str, repaint: Arc<dyn Fn() + Send + Sync>) -> Pending {
    let dialog = rfd::FileDialog::new()
        .set_title(title)
        .add_filter("JSON", &["json"]);
    ask(move || dialog.pick_file().map(|p| vec![p]), repaint)
}

/// Asks for a folder of articles.
pub fn pick_folder(repaint: Arc<dyn Fn() + Send + Sync>) -> Pending {
    let dialog = rfd::FileDialog::new().set_title("Open a folder of articles");
    ask(move || dialog.pick_folder().map(|p| vec![p]), repaint)
}

/// Asks for article files.
pub fn pick_articles(repaint: Arc<dyn Fn() + Send + Sync>) -> Pending {
    let dialog = rfd::FileDialog::new()
        .set_title("Open articles")
        .add_filter(
            "Articles and archives",
            &crate::corpus::read_extensions().collect::<Vec<_>>(),
        )
        .add_filter("All files", &["*"]);
    ask(move || dialog.pick_files(), repaint)
}

/// Asks where to save a file of one of `filters` (name, extensions), suggesting `file_name`.
pub fn save_as(
    filters: &[(&str, &[&str])],
    file_name: &str,
    repaint: Arc<dyn Fn() + Send + Sync>,
) -> Pending {
    let mut dialog = rfd::FileDialog::new()
        .set_title("Export")
        .set_file_name(file_name);
    for (name, extensions) in filters {
        dialog = dialog.add_filter(*name, extensions);
    }
    ask(move || dialog.save_file().map(|p| vec![p]), repaint)
}

/// Shows a dialog and hands its answer back through a [`Pending`].
fn ask(
    show: impl FnOnce() -> Option<Vec<PathBuf>> + Send + 'static,
    repaint: Arc<dyn Fn() + Send + Sync>,
) -> Pending {
    let (tx, rx) = channel();
    let run = move || {
        let _ = tx.send(show());
        repaint();
    };
    // macOS wants dialogs on the main thread; elsewhere a helper thread keeps the UI live.
    if cfg!(target_os = "macos") {
        run();
    } else if std::thread::Builder::new()
        .name("corridor-atlas-dialog".into())
        .spawn(run)
        .is_err()
    {
        // Without a thread the dialog cannot open; the pending answer reads as cancelled.
    }
    Pending { rx }
}

/// What an open file dialog is asking for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Purpose {
    Gazetteer,
    Export(ExportKind),
    Open,
}

impl super::AtlasApp {
    /// Opens a file dialog (`native`) whose answer is for `purpose`; with `scripted_dialogs`
    /// set, takes the next scripted answer instead.
    pub(super) fn ask(
        &mut self,
        purpose: Purpose,
        native: impl FnOnce(Arc<dyn Fn() + Send + Sync>) -> Pending,
    ) {
        let pending = match &mut self.scripted_dialogs {
            Some(answers) => Pending::answered((!answers.is_empty()).then(|| answers.remove(0))),
            None => native(Arc::clone(&self.repaint)),
        };
        self.dialog = Some((pending, purpose));
    }

    /// Turns the answer of the open dialog, once given, into the command it was asked for.
    pub(super) fn poll_dialog(&mut self) {
        let Some((pending, purpose)) = &mut self.dialog else {
            return;
        };
        match pending.take() {
            Answer::Waiting => {}
            Answer::Cancelled => self.dialog = None,
            Answer::Chosen(paths) => {
                let purpose = *purpose;
                self.dialog = None;
                let first = paths.first().cloned().unwrap_or_default();
                self.commands.push(match purpose {
                    Purpose::Gazetteer => Command::UseGazetteer(Some(first)),
                    Purpose::Export(kind) => Command::Export(kind, first),
                    Purpose::Open => Command::Open(paths),
                });
            }
        }
    }
}
