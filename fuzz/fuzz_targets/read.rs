//! Any bytes, read as a file of each format: decoding (UTF-8, UTF-16, legacy encodings, binary),
//! HTML, JSON Lines, JSON, CSV and mail (.eml, .mbox) readers, segmentation, matching and
//! fingerprints. Nothing may panic, and every document read must be well formed.
#![no_main]

mod check;

use std::sync::LazyLock;

use corridor_atlas::gazetteer::Gazetteer;
use corridor_atlas::pipeline;
use libfuzzer_sys::fuzz_target;

static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::bundled().expect("the bundled gazetteer"));

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let names = [
        "a.txt", "a.html", "a.jsonl", "a.json", "a.csv", "a.md", "a.eml", "a.mbox",
    ];
    let name = names[kind as usize % names.len()];
    let read = pipeline::read_bytes(name, None, bytes.to_vec(), &GAZETTEER);
    for (doc, mentions, _) in &read.articles {
        check::document(doc, mentions);
    }
});
