//! What every area's tests share: the window on a corpus under `egui_kittest`, ways to find
//! widgets by what they say, and to step the window until the background work it waits for ends.

use corridor_atlas::app::AtlasApp;
use corridor_atlas::pipeline::Source;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

pub fn harness() -> Harness<'static, AtlasApp> {
    harness_on(Source::Seeds)
}

/// The window on `source`, loaded and drawn.
pub fn harness_on(source: Source) -> Harness<'static, AtlasApp> {
    let app = AtlasApp::loaded(source).expect("loads");
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
    h.run();
    h
}

/// The widget whose label starts with `prefix` (labels with counts vary with the data).
pub fn starting_with<'t>(h: &'t Harness<'_, AtlasApp>, prefix: &'t str) -> egui_kittest::Node<'t> {
    h.get_all_by_label_contains(prefix)
        .find(|n| {
            let node = n.accesskit_node();
            node.label()
                .or_else(|| node.value())
                .is_some_and(|l| l.starts_with(prefix))
        })
        .unwrap_or_else(|| panic!("no widget labelled {prefix}…"))
}

pub fn entity(h: &Harness<'_, AtlasApp>, code: &str) -> corridor_atlas::gazetteer::EntityId {
    h.state()
        .model
        .as_ref()
        .and_then(|m| m.gazetteer.by_code(code))
        .expect("known code")
}

/// Steps the harness, 10 ms apart, until `done` holds right after a frame (the disk and the
/// threads take their time); at most `frames` frames.
pub fn poll_until(
    h: &mut Harness<'_, AtlasApp>,
    frames: usize,
    what: &str,
    done: impl Fn(&AtlasApp) -> bool,
) {
    for _ in 0..frames {
        h.step();
        if done(h.state()) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("{what} did not happen");
}

/// Steps the harness until the background load ends.
pub fn wait_for_load(h: &mut Harness<'_, AtlasApp>) {
    poll_until(h, 500, "the end of the load", |app| !app.is_loading());
    h.run();
}

/// The first widget whose label or value contains `text`.
pub fn containing<'t>(h: &'t Harness<'_, AtlasApp>, text: &'t str) -> egui_kittest::Node<'t> {
    h.get_all_by_label_contains(text)
        .next()
        .unwrap_or_else(|| panic!("no widget containing {text}"))
}

pub fn doc_text(h: &Harness<'_, AtlasApp>, doc: u32, sentence: u32) -> String {
    let model = h.state().model.as_ref().expect("model");
    let d = &model.dataset.documents[doc as usize];
    d.slice(d.sentences[sentence as usize].span).to_owned()
}

/// Steps the window until `done` holds, then lets it lay out what changed.
pub fn step_until(h: &mut Harness<'_, AtlasApp>, what: &str, done: impl Fn(&AtlasApp) -> bool) {
    poll_until(h, 1000, what, done);
    // A few frames to lay out what changed (long lists measure their rows).
    h.run_steps(8);
}

/// Storage in memory, as eframe's is on disk.
#[derive(Default)]
pub struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// What the window stores when it closes, as eframe calls it.
pub fn saved(app: &mut AtlasApp) -> MemoryStorage {
    let mut storage = MemoryStorage::default();
    eframe::App::save(app, &mut storage);
    storage
}

/// A window started as eframe starts it, from `storage`, drawn once its corpus is read.
pub fn restarted(storage: &MemoryStorage) -> Harness<'static, AtlasApp> {
    let remembered = eframe::get_value(storage, corridor_atlas::app::STORAGE_KEY);
    let app = AtlasApp::starting(remembered, None, None, || {});
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
    wait_for_load(&mut h);
    h
}

/// Opens a menu of the menu bar and clicks an item in it (and in a submenu).
pub fn menu(h: &mut Harness<'_, AtlasApp>, path: &[&str]) {
    for item in path {
        // The menus are drawn over the window, after what it already shows with the same label
        // (the toolbar's Network); an item with a shortcut has the shortcut in its label.
        h.get_all_by_label_contains(item)
            .rfind(|n| {
                n.accesskit_node()
                    .label()
                    .is_some_and(|l| l == *item || l.starts_with(&format!("{item} ")))
            })
            .unwrap_or_else(|| panic!("no menu item {item}"))
            .click();
        h.run_steps(4);
    }
}

/// Applies an export and waits for its notice.
pub fn export(
    h: &mut Harness<'_, AtlasApp>,
    kind: corridor_atlas::app::ExportKind,
    path: &std::path::Path,
) {
    h.state_mut().apply(corridor_atlas::app::Command::Export(
        kind,
        path.to_path_buf(),
    ));
    let name = path.display().to_string();
    poll_until(h, 300, "the export's notice", |app| {
        app.notice().is_some_and(|n| n.contains(&name))
    });
    let notice = h.state().notice().unwrap_or_default();
    assert!(notice.starts_with("Exported"), "{notice}");
}

/// Steps the window until the network layout has settled (at most `frames` frames).
pub fn until_the_network_settles(h: &mut Harness<'_, AtlasApp>, frames: usize) {
    for _ in 0..frames {
        h.step();
        if h.state()
            .model
            .as_ref()
            .is_some_and(|m| m.network.is_settled())
        {
            break;
        }
    }
}
