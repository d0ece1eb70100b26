//! The evidence: the side panel's documents and sentences, the reader, search.

use corridor_atlas::app::AtlasApp;
use corridor_atlas::pipeline::Source;
use corridor_atlas::scene::Pick;
use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::harness::{containing, doc_text, entity, harness, harness_on, starting_with};

#[test]
fn selecting_a_country_lists_its_documents_and_partners() {
    let mut h = harness();
    starting_with(&h, "Azerbaijan  ·").click();
    h.run();
    let aze = entity(&h, "AZE");
    assert_eq!(h.state().selection, Some(Pick::Country(aze)));
    h.get_by_label("Linked with");
    h.get_by_label("Capital: Baku");
    // How each spelling was matched, explained.
    starting_with(&h, "“Baku” — capital of Azerbaijan  ×");
    starting_with(&h, "“Azerbaijani” — demonym of Azerbaijan  ×");
    // The first document naming it, with its date, file and mention count, then its sentences.
    starting_with(&h, "2026-01-30 · 000_c520c3b6962b579c.txt · 7 mentions");
    h.get_by_label_contains("reaffirming a commitment to deepen bilateral ties");

    // From the partner list to the link's evidence.
    starting_with(&h, "Türkiye  ·").click();
    h.run();
    let tur = entity(&h, "TUR");
    assert_eq!(h.state().selection, Some(Pick::link(aze, tur)));
    h.get_by_label("Evidence");
    // The weight under each window, the current one first among equals.
    h.get_by_label("Weight by window:");
    h.get_by_label("sentence 15");
    starting_with(&h, "article ");

    // Escape clears.
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().selection, None);
}

#[test]
fn a_sentence_opens_the_article_in_the_reader_at_that_sentence() {
    let mut h = harness();
    starting_with(&h, "Azerbaijan  ·").click();
    h.run();
    containing(
        &h,
        "Hikmat Hajiyev, Assistant to the President of Azerbaijan",
    )
    .click();
    h.run();
    let reader = h.state().reader.clone().expect("the reader opens");
    assert_eq!(reader.doc, 0);
    let sentence = reader.sentence.expect("at a sentence");
    assert!(doc_text(&h, reader.doc, sentence).starts_with("Hikmat Hajiyev"));
    assert!(!reader.scroll_pending, "scrolled to the sentence");
    // The whole article is in the reader, beyond the sentences that name the selection.
    containing(
        &h,
        "The meeting highlighted an active bilateral agenda last year",
    );
    // The sentence copies with its citation.
    h.get_by_label("Copy sentence with citation").click();
    h.step();
    let copied: Vec<String> = h
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied.len(), 1);
    assert!(copied[0].starts_with("“Hikmat Hajiyev"));
    assert!(
        copied[0].ends_with("2026-01-30, 000_c520c3b6962b579c.txt"),
        "{}",
        copied[0]
    );
    // Esc closes the reader first; the selection stays.
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().reader.is_none());
    assert!(h.state().selection.is_some());
}

#[test]
fn a_name_in_the_reader_selects_its_country() {
    let mut h = harness();
    // The overview lists the documents; a title opens the article at its top.
    containing(&h, "Azerbaijan and Turkmenistan have reviewed priorities").click();
    h.run();
    assert_eq!(h.state().reader.as_ref().map(|r| r.doc), Some(0));
    assert_eq!(h.state().selection, None);
    // The article: a header line, a blank line, then "Azerbaijan and Turkmenistan …".
    let article = h
        .get_all_by_label_contains("regional connectivity")
        .find(|n| {
            let node = n.accesskit_node();
            node.label()
                .or_else(|| node.value())
                .is_some_and(|l| l.starts_with(" date"))
        })
        .expect("the article text")
        .rect();
    let at = egui::pos2(article.left() + 20.0, article.top() + 2.0 * 22.0 + 11.0);
    h.hover_at(at);
    h.run();
    h.drag_at(at);
    h.drop_at(at);
    h.run();
    let aze = entity(&h, "AZE");
    assert_eq!(h.state().selection, Some(Pick::Country(aze)));
}

#[test]
fn search_finds_countries_despite_typos_and_sentences_by_phrase() {
    let mut h = harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    h.run();
    let search = h.get_by_role(egui::accesskit::Role::TextInput);
    assert!(search.is_focused(), "Ctrl+F focuses the search box");
    search.type_text("Tajikstan");
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    h.get_by_label("Search: Tajikstan");
    starting_with(&h, "Tajikistan").click();
    h.run();
    let tjk = entity(&h, "TJK");
    assert_eq!(h.state().selection, Some(Pick::Country(tjk)));
    assert!(
        h.state().search.results.is_none(),
        "choosing a hit ends the search"
    );

    // A phrase: the sentences containing it, listed and counted.
    h.state_mut()
        .apply(corridor_atlas::app::Command::Search("gas".into()));
    h.run();
    let results = h.state().search.results.clone().expect("results");
    let model = h.state().model.as_ref().expect("model");
    let expected = model
        .dataset
        .documents
        .iter()
        .flat_map(|d| d.sentences.iter().map(|s| d.slice(s.span).to_lowercase()))
        .filter(|s| s.contains("gas"))
        .count();
    assert!(expected >= 3);
    assert_eq!(results.text.total, expected);
    starting_with(&h, &format!("In {expected} sentences"));
    containing(
        &h,
        "It was noted that Azerbaijan now exports gas to 14 countries",
    );
    containing(
        &h,
        "Officials also highlighted the launch of Azerbaijani gas supplies",
    );
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().search.results.is_none());
}

#[test]
fn thousands_of_sentences_are_drawn_only_where_visible() {
    let dir = tempfile::tempdir().expect("temp dir");
    for f in 0..300 {
        let text: Vec<String> = (0..15)
            .map(|s| format!("Chile and Peru signed accord {f}-{s} in Lima."))
            .collect();
        let text = text.join(" ");
        std::fs::write(dir.path().join(format!("{f:03}.txt")), text).expect("write");
    }
    let mut h = harness_on(Source::Paths(vec![dir.path().to_path_buf()]));
    let chile = entity(&h, "CHL");
    h.state_mut()
        .apply(corridor_atlas::app::Command::Select(Some(Pick::Country(
            chile,
        ))));
    h.run();
    let rows = h.state().rows.rows.len();
    assert_eq!(
        rows,
        300 + 300 * 15,
        "a header and 15 sentences per document"
    );
    let drawn = |h: &Harness<'_, AtlasApp>| -> Vec<String> {
        h.get_all_by_label_contains("Chile and Peru signed accord")
            .filter_map(|n| {
                let node = n.accesskit_node();
                node.label().or_else(|| node.value())
            })
            .collect()
    };
    let first = drawn(&h);
    assert!(
        !first.is_empty() && first.len() < 60,
        "{} drawn",
        first.len()
    );
    assert!(first[0].contains("accord 0-0 "));
    // Scrolling the list brings later sentences in and takes the first out.
    let list = h
        .get_all_by_label_contains("accord 0-0 ")
        .next()
        .expect("first sentence")
        .rect();
    h.hover_at(list.center());
    for _ in 0..20 {
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, -400.0),
            modifiers: egui::Modifiers::NONE,
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
        });
        h.step();
    }
    h.run_steps(10);
    let later = drawn(&h);
    assert!(!later.is_empty() && later.len() < 60);
    assert!(
        later.iter().all(|t| !t.contains("accord 0-0 ")),
        "{later:?}"
    );
}

#[test]
fn the_reader_shows_what_a_web_page_left_out_dimmed_and_can_hide_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let para = "Chile and Peru agreed on a new rail link across the Atacama, officials said \
                after two days of talks, and set out a timetable for the first freight trains.";
    let page = format!(
        "<html><head><title>Rail talks</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/fr\">France news</a></nav>\
         <article><h1>Chile and Peru plan a rail link</h1><p>{para}</p><p>{para}</p>\
         <p>{para}</p></article><footer>Contact the Norway desk</footer></body></html>"
    );
    std::fs::write(dir.path().join("page.html"), page).expect("write");
    let mut h = harness_on(Source::Paths(vec![dir.path().to_path_buf()]));
    let model = h.state().model.as_ref().expect("model");
    let doc = &model.dataset.documents[0];
    assert!(!doc.text.contains("France"), "the menu is not counted");
    assert_eq!(doc.left_out.len(), 2, "{:?}", doc.left_out);
    containing(&h, "Chile and Peru plan a rail link").click();
    h.run();
    assert_eq!(h.state().reader.as_ref().map(|r| r.doc), Some(0));
    let article = containing(&h, "left out: furniture (navigation) · Home France news");
    let node = article.accesskit_node();
    let label = node.label().or_else(|| node.value()).unwrap_or_default();
    assert!(
        label.starts_with("left out: furniture (navigation)"),
        "the menu stood first: {label:.80}"
    );
    assert!(label.ends_with("left out: furniture (footer) · Contact the Norway desk"));
    h.get_by_label("Show what was left out").click();
    h.run();
    assert!(
        h.query_by_label_contains("France news").is_none(),
        "hidden on request"
    );
    containing(&h, "set out a timetable");
}
