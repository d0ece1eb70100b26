//! Opening corpora: loading, cancelling, copies, files changed on disk, names files and the
//! switches that read the corpus again.

use corridor_atlas::app::AtlasApp;
use corridor_atlas::pipeline::Source;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

use crate::harness::{
    entity, harness, harness_on, poll_until, restarted, saved, starting_with, step_until,
    wait_for_load,
};

#[test]
fn a_corpus_with_no_readable_article_says_so_and_lists_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("scan.txt"), b"\x00\x01\x02\x03binary").expect("write");
    std::fs::write(dir.path().join("notes.txt"), b"  \n ").expect("write");
    let mut h = harness_on(Source::Paths(vec![dir.path().to_path_buf()]));
    starting_with(&h, "No readable article in ");
    h.get_by_label("Show skipped files").click();
    h.run();
    h.get_by_label("Skipped files");
    h.get_by_label_contains("scan.txt");
    h.get_by_label_contains("2 .txt files could not be read");
    assert!(h.get_all_by_label("not text: binary content").count() >= 1);
    assert!(h.get_all_by_label_contains("empty file").count() >= 1);
}

#[test]
fn a_gazetteer_file_chosen_in_the_app_reloads_the_corpus_with_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let names = dir.path().join("names.json");
    std::fs::write(
        &names,
        r#"{"organisations": [{"id": "ots", "name": "Organization of Turkic States", "aliases": ["OTS"],
             "members": ["AZE", "KAZ", "KGZ", "TUR", "UZB"]}]}"#,
    )
    .expect("write");
    let mut h = harness();
    h.get_by_label("Names file…");
    assert!(
        h.query_by_label_contains("Organization of Turkic States ×")
            .is_none()
    );
    h.state_mut()
        .apply(corridor_atlas::app::Command::UseGazetteer(Some(names)));
    wait_for_load(&mut h);
    h.get_by_label("Names: names.json");
    h.get_by_label_contains("Organization of Turkic States ×");

    // Back to the bundled names with the ✕ next to the file name.
    h.get_by_label("✕").click();
    h.step();
    wait_for_load(&mut h);
    h.get_by_label("Names file…");
}

#[test]
fn a_broken_gazetteer_file_keeps_the_corpus_and_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let names = dir.path().join("broken.json");
    std::fs::write(&names, "{ not json").expect("write");
    let mut h = harness();
    h.state_mut()
        .apply(corridor_atlas::app::Command::UseGazetteer(Some(names)));
    wait_for_load(&mut h);
    assert!(h.state().model.is_some(), "the previous corpus stays");
    starting_with(&h, "Could not load: ");
    h.get_by_label_contains("broken.json");
    h.get_by_label("Names file…");
}

#[test]
fn opening_a_folder_keeps_the_old_corpus_until_the_new_one_is_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.jsonl"),
        "{\"title\": \"Andes\", \"text\": \"Chile and Peru met in Lima.\"}\n",
    )
    .expect("write");
    let mut h = harness();
    h.state_mut().apply(corridor_atlas::app::Command::Open(vec![
        dir.path().to_path_buf(),
    ]));
    assert!(h.state().is_loading());
    assert_eq!(
        h.state().model.as_ref().map(|m| m.source.clone()),
        Some(Source::Seeds),
        "the seeds stay on screen while the folder is read"
    );
    wait_for_load(&mut h);
    let model = h.state().model.as_ref().expect("model");
    assert_eq!(model.source, Source::Paths(vec![dir.path().to_path_buf()]));
    assert_eq!(model.dataset.documents.len(), 1);
    assert_eq!(model.dataset.documents[0].title, "Andes");
    assert_eq!(
        h.state().settings.recent,
        vec![vec![dir.path().to_path_buf()]]
    );
    starting_with(&h, "Andes");

    // F5 reads it again; the File menu opens the recent corpus and the bundled articles.
    let before = h.state().model.as_ref().map(|m| m.dataset_generation);
    // (A corpus this small may be read again within the frame that asked for it, so the test
    // looks for the new dataset rather than for the load under way.)
    h.key_press(egui::Key::F5);
    h.step();
    wait_for_load(&mut h);
    assert_ne!(
        h.state().model.as_ref().map(|m| m.dataset_generation),
        before
    );
    h.get_by_label("File").click();
    h.run();
    starting_with(&h, "Open folder…");
    h.get_by_label("Open files…");
    h.get_by_label("Bundled articles").click();
    h.step();
    wait_for_load(&mut h);
    assert_eq!(
        h.state().model.as_ref().map(|m| m.source.clone()),
        Some(Source::Seeds)
    );
}

#[test]
fn copies_are_listed_and_counted_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let story = "Chile and Peru signed a long-awaited transit accord in Lima on Monday.";
    std::fs::write(dir.path().join("a.txt"), story).expect("write");
    std::fs::write(dir.path().join("b.txt"), story).expect("write");
    let mut h = harness_on(Source::Paths(vec![dir.path().to_path_buf()]));
    let model = h.state().model.as_ref().expect("model");
    assert_eq!(model.dataset.documents.len(), 2);
    assert_eq!(model.analysis.documents, 1, "the copy is not counted");
    h.get_by_label("1 copy counted once").click();
    h.run();
    h.get_by_label("b.txt");
    h.get_by_label("a copy of a.txt");
}

#[test]
fn files_changed_on_disk_are_applied_to_the_open_corpus() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), "Chile and Peru met in Lima.").expect("write");
    std::fs::write(
        dir.path().join("b.txt"),
        "Armenia and Georgia signed a deal.",
    )
    .expect("write");
    let mut h = harness_on(Source::Paths(vec![dir.path().to_path_buf()]));
    let before = h.state().model.as_ref().map(|m| m.dataset_generation);
    let has = |app: &AtlasApp, code: &str| {
        app.model.as_ref().is_some_and(|m| {
            m.analysis
                .graph
                .node_weights()
                .any(|n| m.gazetteer.entity(n.entity).code == code)
        })
    };
    assert!(!has(h.state(), "KEN"));

    // A new file: its countries join the map; the others are not read again.
    std::fs::write(
        dir.path().join("c.txt"),
        "Kenya and Uganda opened a railway.",
    )
    .expect("write");
    step_until(&mut h, "the new file", |app| has(app, "KEN"));
    assert_ne!(
        h.state().model.as_ref().map(|m| m.dataset_generation),
        before
    );
    assert_eq!(
        h.state().model.as_ref().map(|m| m.dataset.documents.len()),
        Some(3)
    );
    starting_with(&h, "Updated from disk: 1 file changed");

    // A removed file leaves; a changed one is read again.
    std::fs::remove_file(dir.path().join("a.txt")).expect("remove");
    std::fs::write(dir.path().join("b.txt"), "Ghana and Togo.").expect("write");
    step_until(&mut h, "the removal and the change", |app| {
        !has(app, "CHL") && !has(app, "ARM") && has(app, "GHA")
    });
    let ids: Vec<String> = h
        .state()
        .model
        .as_ref()
        .map(|m| m.dataset.documents.iter().map(|d| d.id.clone()).collect())
        .unwrap_or_default();
    assert_eq!(ids, ["b.txt", "c.txt"]);
}

#[test]
fn a_corpus_opened_on_an_empty_window_ends_whole_and_with_its_copies_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    let n = 2500;
    for i in 0..n {
        let text = if i % 1000 == 3 {
            "Chile and Peru met in Lima to talk about trade and the new port.".to_owned()
        } else {
            format!("Report {i}: Armenia and Georgia, item {i}.")
        };
        std::fs::write(dir.path().join(format!("{i:05}.txt")), text).expect("write");
    }
    let app = AtlasApp::loading(Source::Paths(vec![dir.path().to_path_buf()]), None, || {});
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
    step_until(&mut h, "the load", |app| {
        !app.is_loading() && app.model.is_some()
    });
    let model = h.state().model.as_ref().expect("model");
    assert_eq!(model.dataset.documents.len(), n);
    assert_eq!(
        model.dataset.duplicates.len(),
        2,
        "copies in different batches"
    );
    let dup = &model.dataset.documents[1003];
    assert_eq!(dup.duplicate_of, Some(3));
}

#[test]
fn cancelling_a_corpus_that_fills_the_window_keeps_what_was_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let n = 12_000;
    for i in 0..n {
        std::fs::write(
            dir.path().join(format!("{i:05}.txt")),
            format!("Report {i}: Armenia and Georgia, item {i}."),
        )
        .expect("write");
    }
    let app = AtlasApp::loading(Source::Paths(vec![dir.path().to_path_buf()]), None, || {});
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
    // The first articles are on screen while the rest is read; the user cancels at once.
    poll_until(&mut h, 1000, "the first articles on screen", |app| {
        app.model.is_some()
    });
    assert!(h.state().is_loading(), "the rest is still being read");
    h.state_mut()
        .apply(corridor_atlas::app::Command::CancelLoad);
    step_until(&mut h, "the load to stop", |app| !app.is_loading());
    let model = h.state().model.as_ref().expect("what was read stays");
    let read = model.dataset.documents.len();
    assert!(read > 0 && read < n, "{read} documents");
    // The documents read are the corpus's first ones, in order, with their mentions.
    for (i, doc) in model.dataset.documents.iter().enumerate() {
        assert_eq!(doc.id, format!("{i:05}.txt"));
    }
    assert_eq!(model.dataset.mentions.len(), read);
    starting_with(&h, "Reading cancelled: showing the");
}

#[test]
fn a_change_on_disk_wakes_the_window_by_itself() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("a.txt"), "Chile and Peru met in Lima.").expect("write");
    let woken = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&woken);
    let app = AtlasApp::loading(
        Source::Paths(vec![dir.path().to_path_buf()]),
        None,
        move || flag.store(true, Ordering::SeqCst),
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
    step_until(&mut h, "the load", |app| {
        !app.is_loading() && app.model.is_some()
    });
    // No frame is drawn from here on: only the watcher can ask for one.
    woken.store(false, Ordering::SeqCst);
    std::fs::write(dir.path().join("b.txt"), "Kenya and Uganda.").expect("write");
    let asked = (0..500).any(|_| {
        std::thread::sleep(std::time::Duration::from_millis(10));
        woken.load(Ordering::SeqCst)
    });
    assert!(
        asked,
        "the window was asked to redraw when the folder changed"
    );
}

#[test]
fn a_file_opened_by_name_is_read_again_when_it_is_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "Chile and Peru met in Lima.").expect("write");
    std::fs::write(dir.path().join("other.txt"), "Iran and Iraq.").expect("write");
    let mut h = harness_on(Source::Paths(vec![file.clone()]));
    // Saved the way editors do, twice: a new file renamed over the old one.
    for text in ["Kenya and Uganda opened a railway.", "Ghana and Togo."] {
        let fresh = dir.path().join(".a.txt.swp");
        std::fs::write(&fresh, text).expect("write");
        std::fs::rename(&fresh, &file).expect("rename");
        step_until(&mut h, "the replaced file", |app| {
            app.model.as_ref().is_some_and(|m| {
                m.dataset.documents.len() == 1 && m.dataset.documents[0].text == text
            })
        });
    }
    // The folder's other files are not part of the corpus.
    assert_eq!(
        h.state().model.as_ref().map(|m| m.dataset.documents.len()),
        Some(1)
    );
}

#[test]
fn a_names_file_given_at_start_is_in_use_and_remembered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let names = dir.path().join("names.json");
    std::fs::write(&names, r#"{"remove": ["China"]}"#).expect("written");
    let app = AtlasApp::starting(None, Some(Source::Seeds), Some(names.clone()), || {});
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_ui_state(|ui, app: &mut AtlasApp| app.show(ui), app);
    wait_for_load(&mut h);
    // Shown as the file in use, and kept for the next run.
    let file_name = names.file_name().and_then(|n| n.to_str()).expect("name");
    assert!(h.get_all_by_label_contains(file_name).count() >= 1);
    let remembered = h.state().remembered();
    assert_eq!(remembered.names_file, Some(names.clone()));
    let storage = saved(h.state_mut());
    let again = restarted(&storage);
    assert_eq!(again.state().remembered().names_file, Some(names));
}

#[test]
fn seats_of_government_switch_off_and_the_corpus_is_read_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "Azerbaijan signed the accord. The Kremlin said it welcomed the deal with Azerbaijan.\n",
    )
    .expect("write");
    let mut h = harness_on(Source::from_paths(vec![dir.path().to_path_buf()]));
    let rus = entity(&h, "RUS");
    let has_russia = |h: &Harness<'_, AtlasApp>| {
        h.state()
            .model
            .as_ref()
            .is_some_and(|m| m.analysis.node(rus).is_some())
    };
    assert!(has_russia(&h), "the Kremlin stands for Russia by default");
    h.get_by_label("Seats").click();
    h.step();
    wait_for_load(&mut h);
    assert!(!has_russia(&h), "with seats off, nothing names Russia");
    h.get_by_label("Seats").click();
    h.step();
    wait_for_load(&mut h);
    assert!(has_russia(&h));
}

#[test]
fn former_states_merge_into_their_heirs_and_the_corpus_is_read_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("a.txt"),
        "Azerbaijan left the Soviet Union in 1991. Yugoslavia broke apart later.\n",
    )
    .expect("write");
    let mut h = harness_on(Source::from_paths(vec![dir.path().to_path_buf()]));
    let node = |h: &Harness<'_, AtlasApp>, code: &str| {
        h.state().model.as_ref().is_some_and(|m| {
            m.gazetteer
                .by_code(code)
                .is_some_and(|id| m.analysis.node(id).is_some())
        })
    };
    assert!(
        node(&h, "SUN"),
        "the Soviet Union is a country of its own by default"
    );
    assert!(!node(&h, "RUS"));
    h.get_by_label("Former as heirs").click();
    h.step();
    wait_for_load(&mut h);
    assert!(node(&h, "RUS"), "merged, the Soviet Union counts as Russia");
    assert!(!node(&h, "SUN"));
    assert!(node(&h, "YUG"), "Yugoslavia has no single heir and stays");
    h.get_by_label("Former as heirs").click();
    h.step();
    wait_for_load(&mut h);
    assert!(node(&h, "SUN"));
}
