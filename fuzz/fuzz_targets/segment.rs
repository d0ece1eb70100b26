//! Any text as one article: header, paragraphs, sentences, boilerplate and the matcher with its
//! context rules. Nothing may panic; spans and mentions stay on character boundaries, in order.
#![no_main]

mod check;

use std::sync::LazyLock;

use corridor_atlas::corpus::Document;
use corridor_atlas::extract;
use corridor_atlas::gazetteer::Gazetteer;
use libfuzzer_sys::fuzz_target;

static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::bundled().expect("the bundled gazetteer"));

fuzz_target!(|text: &str| {
    let doc = Document::from_text("a.txt".into(), None, text.to_owned(), text.len() as u64);
    let mentions = extract::extract(&GAZETTEER, &doc);
    check::document(&doc, &mentions);
    // The matcher on the whole text as one sentence, too.
    for found in extract::find(&GAZETTEER, text) {
        assert!(text.is_char_boundary(found.start) && text.is_char_boundary(found.end));
    }
});
