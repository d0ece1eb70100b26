//! Native file dialogs, run off the UI thread so the window keeps drawing while one is open.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// A dialog the user has not answered yet.
pub struct Pending {
    rx: Receiver<Option<PathBuf>>,
}

/// What the user answered.
pub enum Answer {
    /// The dialog is still open.
    Waiting,
    /// A file was chosen.
    Chosen(PathBuf),
    /// The dialog was closed without a choice.
    Cancelled,
}

impl Pending {
    /// The answer, once there is one.
    pub fn take(&mut self) -> Answer {
        match self.rx.try_recv() {
            Ok(Some(path)) => Answer::Chosen(path),
            Ok(None) | Err(TryRecvError::Disconnected) => Answer::Cancelled,
            Err(TryRecvError::Empty) => Answer::Waiting,
        }
    }
}

/// Asks for one JSON file.
pub fn pick_json(title: &str, repaint: Arc<dyn Fn() + Send + Sync>) -> Pending {
    let (tx, rx) = channel();
    let dialog = rfd::FileDialog::new()
        .set_title(title)
        .add_filter("JSON", &["json"]);
    let ask = move || {
        let _ = tx.send(dialog.pick_file());
        repaint();
    };
    // macOS wants dialogs on the main thread; elsewhere a helper thread keeps the UI live.
    if cfg!(target_os = "macos") {
        ask();
    } else if std::thread::Builder::new()
        .name("corridor-atlas-dialog".into())
        .spawn(ask)
        .is_err()
    {
        // Without a thread the dialog cannot open; the pending answer reads as cancelled.
    }
    Pending { rx }
}
