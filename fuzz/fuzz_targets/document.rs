//! Any bytes, read as an office or print document (DOCX, ODT, EPUB, RTF, PDF) and as a
//! news-database export: raw, and packed the way each format packs its text (the bytes as a
//! DOCX's `word/document.xml`, an ODT's `content.xml`, an EPUB chapter, the body of an RTF group),
//! so that the XML, RTF and PDF readers and the export splitter all see them. Nothing may panic,
//! and every document read must be well formed.
#![no_main]

mod check;

use std::io::Write as _;
use std::sync::LazyLock;

use corridor_atlas::gazetteer::Gazetteer;
use corridor_atlas::pipeline;
use libfuzzer_sys::fuzz_target;

static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::bundled().expect("the bundled gazetteer"));

fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        if zip
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .is_err()
            || zip.write_all(bytes).is_err()
        {
            return Vec::new();
        }
    }
    zip.finish().map(|c| c.into_inner()).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let (name, packed) = match kind % 10 {
        0 => ("a.docx", bytes.to_vec()),
        1 => ("a.docx", zip(&[("word/document.xml", bytes)])),
        2 => ("a.odt", bytes.to_vec()),
        3 => ("a.odt", zip(&[("content.xml", bytes)])),
        4 => ("a.epub", bytes.to_vec()),
        5 => (
            "a.epub",
            zip(&[
                (
                    "META-INF/container.xml",
                    b"<container><rootfiles><rootfile full-path=\"b.opf\"/></rootfiles></container>",
                ),
                (
                    "b.opf",
                    b"<package><manifest><item id=\"c\" href=\"c.xhtml\"/></manifest>\
                      <spine><itemref idref=\"c\"/></spine></package>",
                ),
                ("c.xhtml", bytes),
            ]),
        ),
        6 => ("a.rtf", bytes.to_vec()),
        7 => ("a.rtf", [b"{\\rtf1 ".as_slice(), bytes].concat()),
        8 => ("a.pdf", bytes.to_vec()),
        // Through the export splitter as plain text.
        _ => ("a.txt", bytes.to_vec()),
    };
    let read = pipeline::read_bytes(name, None, packed, &GAZETTEER);
    for (doc, mentions, _) in &read.articles {
        check::document(doc, mentions);
    }
});
