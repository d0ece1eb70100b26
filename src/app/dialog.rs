//! Native file dialogs, run off the UI thread so the window keeps drawing while one is open.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

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
            "Articles",
            &[
                "txt", "text", "md", "markdown", "html", "htm", "jsonl", "ndjson", "json", "csv",
            ],
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
