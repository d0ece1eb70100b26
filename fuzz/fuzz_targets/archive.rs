//! Any bytes, read as a zip, a tar, a tar.gz, a `.gz` and a web archive (WARC): every member the archive readers hand
//! out is read as a file of the format its name says. Nothing may panic, no member may come out
//! larger than the limit, and every document read must be well formed.
#![no_main]

mod check;

use std::io::Cursor;
use std::sync::LazyLock;

use corridor_atlas::corpus::{self, Container, MAX_MEMBER_BYTES};
use corridor_atlas::gazetteer::Gazetteer;
use corridor_atlas::pipeline;
use libfuzzer_sys::fuzz_target;

static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::bundled().expect("the bundled gazetteer"));

fn read(name: &str, data: Vec<u8>) {
    assert!(data.len() as u64 <= MAX_MEMBER_BYTES);
    let read = pipeline::read_bytes(name, None, data, &GAZETTEER);
    for (doc, mentions, _) in &read.articles {
        check::document(doc, mentions);
    }
}

fn tar(bytes: &[u8], kind: Container) {
    let _ = corpus::tar_files(bytes, kind, &mut |(name, data)| {
        if let Ok(data) = data {
            read(&name, data);
        }
        true
    });
}

fuzz_target!(|data: &[u8]| {
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    match kind % 5 {
        0 => {
            if let Ok(mut zip) = corpus::open_zip(Cursor::new(bytes)) {
                for (index, name) in corpus::zip_files(&zip) {
                    if let Ok(data) = corpus::zip_member(&mut zip, index) {
                        read(&name, data);
                    }
                }
            }
        }
        1 => tar(bytes, Container::Tar),
        2 => {
            if let Ok(inner) = corpus::gunzip(bytes) {
                tar(&inner, Container::TarGz);
            }
        }
        3 => {
            if let Ok(inner) = corpus::gunzip(bytes) {
                read("a.txt", inner);
            }
        }
        _ => {
            let _ = corpus::warc_records(bytes, &mut |record| {
                if let corpus::WarcRecord::Page(page) = record {
                    read("a.html", page.html);
                }
                true
            });
        }
    }
});
