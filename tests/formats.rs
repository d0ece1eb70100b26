//! The formats beyond plain text, read through the whole pipeline. Archives and compressed
//! files: a corpus read from a zip, a tar, a tar.gz or `.gz` files is the same corpus as unpacked;
//! broken, encrypted, nested and foreign members are problems naming the archive and the member.
//! Mail: `.eml` and `.mbox`, also inside archives, with texts read back. Files of kinds that are
//! not read are reported, never dropped.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;

use corridor_atlas::gazetteer::Gazetteer;
use corridor_atlas::graph::{self, Params, Window};
use corridor_atlas::pipeline::{self, Dataset, Source, Texts};

static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::bundled().expect("the bundled gazetteer"));

const COUNTRIES: &[&str] = &[
    "France", "Germany", "Japan", "Brazil", "Kenya", "Peru", "Chile", "Egypt", "India", "Canada",
    "Norway", "Vietnam",
];

/// A small generator of pseudo-random numbers (a fixed seed gives a fixed corpus).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }

    fn country(&mut self) -> &'static str {
        COUNTRIES[self.below(COUNTRIES.len())]
    }

    fn sentence(&mut self) -> String {
        let (a, b) = (self.country(), self.country());
        match self.below(3) {
            0 => format!("{a} and {b} signed a trade agreement on Monday."),
            1 => format!("Ministers from {a} met their counterparts from {b} in the capital."),
            _ => format!("Officials in {a} said talks would continue."),
        }
    }
}

/// A corpus of a few folders and formats: `(path inside the corpus, bytes)`.
fn corpus(seed: u64) -> Vec<(String, Vec<u8>)> {
    let mut rng = Lcg(seed);
    let mut files = Vec::new();
    let folders = ["", "world/", "world/asia/", "briefs/"];
    for i in 0..(4 + rng.below(8)) {
        let folder = folders[rng.below(folders.len())];
        let mut text = String::new();
        if rng.below(2) == 0 {
            let (month, day) = (1 + rng.below(9), rng.below(9));
            text = format!("Date: 2024-0{month}-1{day}\n\n");
        }
        for _ in 0..=rng.below(3) {
            for _ in 0..=rng.below(3) {
                text.push_str(&rng.sentence());
                text.push(' ');
            }
            text.push_str("\n\n");
        }
        let (name, bytes) = match rng.below(4) {
            0 => (format!("{folder}story-{i}.md"), text.into_bytes()),
            1 => {
                let records: Vec<String> = (0..=rng.below(3))
                    .map(|_| {
                        serde_json::json!({"title": rng.country(), "text": rng.sentence()})
                            .to_string()
                    })
                    .collect();
                (
                    format!("{folder}feed-{i}.jsonl"),
                    records.join("\n").into_bytes(),
                )
            }
            2 => (
                format!("{folder}page-{i}.html"),
                format!(
                    "<html><head><title>Page {i}</title></head><body><article><p>{}</p>\
                     <p>{}</p></article></body></html>",
                    rng.sentence(),
                    rng.sentence()
                )
                .into_bytes(),
            ),
            _ => (format!("{folder}story-{i}.txt"), text.into_bytes()),
        };
        files.push((name, bytes));
    }
    // A copy, found and counted once in both.
    if let Some((name, bytes)) = files.first().cloned() {
        files.push((format!("copies/{}", name.replace('/', "-")), bytes));
    }
    files
}

fn write_plain(dir: &Path, files: &[(String, Vec<u8>)]) {
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }
}

fn write_zip(path: &Path, files: &[(&str, &[u8], zip::CompressionMethod)]) {
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    for (name, bytes, method) in files {
        let options = zip::write::SimpleFileOptions::default().compression_method(*method);
        zip.start_file(*name, options).expect("member");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish");
}

fn tar_bytes(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    for (name, bytes) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, name, bytes.as_slice())
            .expect("append");
    }
    tar.into_inner().expect("tar")
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).expect("compress");
    gz.finish().expect("compress")
}

fn load(path: PathBuf, texts: Texts) -> Dataset {
    let g = &*GAZETTEER;
    let source = Source::Paths(vec![path]);
    pipeline::read(
        &source,
        pipeline::list(&source),
        g,
        texts,
        &|_| {},
        &AtomicBool::new(false),
    )
    .expect("read")
}

/// What a reader would compare: each document (id without `prefix`, text, title, date, source,
/// copy or not, mentions) and each link with its evidence.
fn facts(dataset: &Dataset, prefix: &str) -> (Vec<String>, Vec<String>) {
    let g = &*GAZETTEER;
    let docs = dataset
        .documents
        .iter()
        .zip(&dataset.mentions)
        .map(|(d, ms)| {
            let id = d.id.strip_prefix(prefix).unwrap_or("(not in the archive)");
            format!(
                "{id} {:?} {:?} {:?} {:?} {:?} {ms:?}",
                d.text, d.title, d.date, d.source, d.duplicate_of
            )
        })
        .collect();
    let params = Params {
        window: Window::Sentence,
        ..Params::default()
    };
    let analysis = graph::build(g, &dataset.documents, &dataset.mentions, &params);
    let mut links: Vec<String> = analysis
        .graph
        .edge_indices()
        .filter_map(|e| {
            let (a, b) = analysis.graph.edge_endpoints(e)?;
            let (a, b) = (analysis.graph[a].entity, analysis.graph[b].entity);
            let (a, b) = (&g.entity(a).code, &g.entity(b).code);
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            Some(format!("{a}-{b} {:?}", analysis.graph[e]))
        })
        .collect();
    links.sort();
    (docs, links)
}

#[test]
fn a_corpus_reads_the_same_from_a_zip_a_tar_and_a_tar_gz_as_unpacked() {
    for seed in 0..12 {
        let dir = tempfile::tempdir().expect("temp dir");
        let files = corpus(seed);
        let plain = dir.path().join("corpus");
        write_plain(&plain, &files);
        let members: Vec<(&str, &[u8], zip::CompressionMethod)> = files
            .iter()
            .enumerate()
            .map(|(i, (n, b))| {
                let method = if i % 2 == 0 {
                    zip::CompressionMethod::Deflated
                } else {
                    zip::CompressionMethod::Stored
                };
                (n.as_str(), b.as_slice(), method)
            })
            .collect();
        write_zip(&dir.path().join("corpus.zip"), &members);
        // A tar lists its members in any order: here reversed, and named as `tar -C dir .`
        // names them.
        let reversed: Vec<(String, Vec<u8>)> = files
            .iter()
            .rev()
            .map(|(n, b)| (format!("./{n}"), b.clone()))
            .collect();
        let tar = tar_bytes(&reversed);
        std::fs::write(dir.path().join("corpus.tar.gz"), gzip(&tar)).expect("write");
        std::fs::write(dir.path().join("corpus.tar"), tar).expect("write");

        let expected = facts(&load(plain, Texts::Kept), "");
        assert!(
            !expected.0.is_empty() && !expected.1.is_empty(),
            "seed {seed}"
        );
        for archive in ["corpus.zip", "corpus.tar", "corpus.tar.gz"] {
            let read = load(dir.path().join(archive), Texts::Kept);
            assert!(read.problems.is_empty(), "{archive}: {:?}", read.problems);
            let got = facts(&read, &format!("{archive}/"));
            assert_eq!(got.0, expected.0, "documents of {archive}, seed {seed}");
            assert_eq!(got.1, expected.1, "links of {archive}, seed {seed}");
        }
    }
}

#[test]
fn gz_files_read_as_what_they_hold_and_texts_come_back_from_archives() {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = corpus(99);
    let root = dir.path().join("in");
    std::fs::create_dir(&root).expect("mkdir");
    for (name, bytes) in &files {
        let flat = name.replace('/', "-");
        std::fs::write(root.join(format!("{flat}.gz")), gzip(bytes)).expect("write");
    }
    let member_list: Vec<(&str, &[u8], zip::CompressionMethod)> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice(), zip::CompressionMethod::Deflated))
        .collect();
    write_zip(&root.join("more.zip"), &member_list);
    std::fs::write(root.join("more.tgz"), gzip(&tar_bytes(&files))).expect("write");

    let kept = load(root.clone(), Texts::Kept);
    assert!(kept.problems.is_empty(), "{:?}", kept.problems);
    assert_eq!(
        kept.documents
            .iter()
            .filter(|d| !d.id.starts_with("more."))
            .count(),
        load(root.join("more.zip"), Texts::Kept).documents.len(),
        "each .gz file reads as what it holds"
    );
    // Texts let go after reading come back from each kind of archive, as read.
    let on_disk = load(root, Texts::OnDisk);
    assert_eq!(on_disk.documents.len(), kept.documents.len());
    for (back, kept) in on_disk.documents.iter().zip(&kept.documents) {
        assert!(back.text.is_empty());
        assert_eq!(
            pipeline::reread(back).expect("reads back"),
            kept.text,
            "{}",
            back.id
        );
    }
}

#[test]
fn broken_encrypted_nested_and_foreign_members_are_problems_naming_the_member() {
    let dir = tempfile::tempdir().expect("temp dir");
    let zip_path = dir.path().join("mixed.zip");
    let inner = {
        let mut buf = std::io::Cursor::new(Vec::new());
        let mut z = zip::ZipWriter::new(&mut buf);
        z.start_file("x.txt", zip::write::SimpleFileOptions::default())
            .expect("member");
        z.write_all(b"Peru and Chile.").expect("write");
        z.finish().expect("finish");
        buf.into_inner()
    };
    let stored = zip::CompressionMethod::Stored;
    write_zip(
        &zip_path,
        &[
            ("good/one.txt", b"Kenya and Egypt signed a deal.", stored),
            ("photos/a.jpg", b"\xff\xd8\xff", stored),
            ("inner.zip", &inner, stored),
            ("binary.txt", b"\x00\x01\x02", stored),
            ("__MACOSX/good/._one.txt", b"junk", stored),
            ("good/.DS_Store", b"junk", stored),
        ],
    );
    let read = load(zip_path.clone(), Texts::Kept);
    let ids: Vec<&str> = read.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, vec!["mixed.zip/good/one.txt"]);
    let reasons: Vec<&str> = read.problems.iter().map(|p| p.reason.as_str()).collect();
    assert!(
        read.problems
            .iter()
            .all(|p| Path::new(&p.path) == zip_path.as_path()),
        "{:?}",
        read.problems
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("photos/a.jpg: not a supported format (.jpg)"))
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("inner.zip: an archive inside an archive"))
    );
    assert!(
        reasons
            .iter()
            .any(|r| r.starts_with("binary.txt: not text"))
    );
    assert_eq!(read.problems.len(), 3, "{reasons:?}");
    assert_eq!(
        read.skipped, 2,
        "the macOS fork and .DS_Store are passed over, counted"
    );

    // An encrypted member: ZipCrypto, the method every zip tool offers.
    let locked = dir.path().join("locked.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&locked).expect("create"));
    let options = zip::unstable::write::FileOptionsExt::with_deprecated_encryption(
        zip::write::SimpleFileOptions::default(),
        b"password",
    )
    .expect("options");
    zip.start_file("secret.txt", options).expect("member");
    zip.write_all(b"Japan and India.").expect("write");
    zip.finish().expect("finish");
    let read = load(locked, Texts::Kept);
    assert!(read.documents.is_empty());
    assert_eq!(read.problems.len(), 1);
    assert_eq!(
        read.problems[0].reason,
        "secret.txt: encrypted: it needs a password"
    );

    // A file that is no archive at all, and a tar.gz cut short: the members before the cut load.
    std::fs::write(dir.path().join("fake.zip"), "not a zip").expect("write");
    let read = load(dir.path().join("fake.zip"), Texts::Kept);
    assert!(
        read.problems[0]
            .reason
            .starts_with("not a readable zip archive")
    );
    let files = corpus(7);
    let whole = gzip(&tar_bytes(&files));
    let cut = dir.path().join("cut.tar.gz");
    std::fs::write(&cut, &whole[..whole.len() * 2 / 3]).expect("write");
    let read = load(cut, Texts::Kept);
    assert_eq!(read.problems.len(), 1, "{:?}", read.problems);
    assert!(
        read.problems[0]
            .reason
            .contains("not a readable tar.gz archive"),
        "{:?}",
        read.problems
    );
}

#[test]
fn a_folder_of_files_that_are_not_read_says_what_it_found() {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in [
        "a.doc",
        "b.doc",
        "c.DOC",
        "scan.png",
        "README",
        ".hidden.txt",
        "x.txt~",
    ] {
        std::fs::write(dir.path().join(name), "x").expect("write");
    }
    let out = Command::new(env!("CARGO_BIN_EXE_corridor-atlas"))
        .args(["export", "--format", "csv"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("a.doc: not a supported format (.doc)"),
        "{said}"
    );
    assert!(
        said.contains(
            "5 files not read, not a supported format: 3 .doc files, 1 .png file and 1 file \
             with no extension"
        ),
        "{said}"
    );
    assert!(
        said.contains("passed over 2 hidden files and clutter"),
        "{said}"
    );
    assert!(
        said.contains("nothing to analyse in")
            && said
                .contains(": 3 .doc files, 1 .png file and 1 file with no extension, 0 readable"),
        "{said}"
    );

    // With one article beside them, the article is read and the rest still reported.
    std::fs::write(dir.path().join("news.txt"), "Peru and Chile signed a deal.").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_corridor-atlas"))
        .args(["export", "--format", "csv"])
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("CHL,PER"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("5 files not read"));
}

#[test]
fn mail_reads_a_message_per_article_in_folders_and_archives_and_reads_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let message = |n: u32, subject: &str, body: &str| {
        format!(
            "From: Desk <desk@example.org>\nSubject: {subject}\nDate: Tue, {n} Mar 2026 09:00:00 \
             +0000\nContent-Type: text/plain; charset=utf-8\n\n{body}\n"
        )
    };
    std::fs::write(
        dir.path().join("one.eml"),
        message(3, "Port deal", "Peru and Chile signed a port deal."),
    )
    .expect("write");
    let mut mbox = String::new();
    for m in [
        message(4, "Rail", "Kenya and Egypt agreed on rail."),
        message(5, "Grain", "Norway and Vietnam traded grain."),
    ] {
        mbox.push_str("From desk@example.org Tue Mar  3 09:00:00 2026\n");
        mbox.push_str(&m);
        mbox.push('\n');
    }
    std::fs::write(dir.path().join("box.mbox"), &mbox).expect("write");
    write_zip(
        &dir.path().join("mail.zip"),
        &[(
            "saved/box.mbox",
            mbox.as_bytes(),
            zip::CompressionMethod::Deflated,
        )],
    );
    let kept = load(dir.path().to_path_buf(), Texts::Kept);
    assert!(kept.problems.is_empty(), "{:?}", kept.problems);
    let seen: Vec<(&str, &str, String)> = kept
        .documents
        .iter()
        .map(|d| {
            let date = d.date.map(|d| d.to_string()).unwrap_or_default();
            (d.id.as_str(), d.title.as_str(), date)
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            ("box.mbox#1", "Rail", "2026-03-04".to_owned()),
            ("box.mbox#2", "Grain", "2026-03-05".to_owned()),
            ("mail.zip/saved/box.mbox#1", "Rail", "2026-03-04".to_owned()),
            (
                "mail.zip/saved/box.mbox#2",
                "Grain",
                "2026-03-05".to_owned()
            ),
            ("one.eml", "Port deal", "2026-03-03".to_owned()),
        ]
    );
    assert_eq!(kept.documents[4].source.as_deref(), Some("Desk"));
    assert_eq!(kept.documents[0].text, "Kenya and Egypt agreed on rail.");
    let on_disk = load(dir.path().to_path_buf(), Texts::OnDisk);
    for (back, kept) in on_disk.documents.iter().zip(&kept.documents) {
        assert_eq!(pipeline::reread(back).expect("reads back"), kept.text);
    }
}

/// A WARC record of `kind` with `extra` headers and `block`, each record gzipped on its own as
/// Common Crawl writes them.
fn warc_record(kind: &str, extra: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\n{extra}Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    gzip(&out)
}

fn warc_response(uri: &str, content_type: &str, body: &str) -> Vec<u8> {
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n{body}");
    warc_record(
        "response",
        &format!(
            "WARC-Target-URI: {uri}\r\nWARC-Date: 2026-03-01T10:00:00Z\r\n\
             Content-Type: application/http; msgtype=response\r\n"
        ),
        http.as_bytes(),
    )
}

#[test]
fn a_web_archive_reads_each_page_as_an_article_with_its_address_and_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut warc = warc_record("warcinfo", "", b"software: a crawler\r\n");
    warc.extend(warc_record("request", "", b"GET /a HTTP/1.1\r\n\r\n"));
    warc.extend(warc_response(
        "https://news.example/a",
        "text/html; charset=utf-8",
        "<html><head><title>Rail deal</title></head><body><nav><a href=\"/\">Home</a></nav>\
         <article><h1>Rail deal</h1><p>Kenya and Egypt agreed on a rail line on Monday.</p>\
         </article></body></html>",
    ));
    warc.extend(warc_response(
        "https://news.example/logo.png",
        "image/png",
        "PNG",
    ));
    warc.extend(warc_response(
        "https://news.example/b",
        "text/html",
        "<html><head><meta property=\"article:published_time\" content=\"2026-02-27\">\
         </head><body><p>Peru and Chile signed a port deal.</p></body></html>",
    ));
    let path = dir.path().join("CC-NEWS-20260301.warc.gz");
    std::fs::write(&path, &warc).expect("write");
    let kept = load(path.clone(), Texts::Kept);
    assert!(kept.problems.is_empty(), "{:?}", kept.problems);
    let seen: Vec<(&str, &str, Option<&str>, String)> = kept
        .documents
        .iter()
        .map(|d| {
            let date = d.date.map(|d| d.to_string()).unwrap_or_default();
            (d.id.as_str(), d.title.as_str(), d.source.as_deref(), date)
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                "CC-NEWS-20260301.warc.gz#3",
                "Rail deal",
                Some("https://news.example/a"),
                "2026-03-01".to_owned()
            ),
            (
                "CC-NEWS-20260301.warc.gz#5",
                "Peru and Chile signed a port deal.",
                Some("https://news.example/b"),
                "2026-02-27".to_owned()
            ),
        ]
    );
    assert_eq!(
        kept.other_records, 3,
        "warcinfo, request and the image are counted"
    );
    assert_eq!(
        kept.documents[0].text,
        "Rail deal\n\nKenya and Egypt agreed on a rail line on Monday."
    );
    let on_disk = load(path.clone(), Texts::OnDisk);
    for (back, kept) in on_disk.documents.iter().zip(&kept.documents) {
        assert_eq!(pipeline::reread(back).expect("reads back"), kept.text);
    }
    // Cut short: the pages before the cut are read, and the damage is reported.
    std::fs::write(&path, &warc[..warc.len() - 40]).expect("write");
    let cut = load(path, Texts::Kept);
    assert_eq!(cut.documents.len(), 1);
    assert!(
        cut.problems[0]
            .reason
            .contains("not a readable WARC archive"),
        "{:?}",
        cut.problems
    );
}

#[test]
fn a_large_archive_tells_its_progress_while_its_members_are_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    // 40 articles of 100 kB each, stored (so the archive is 4 MB on disk).
    let mut rng = Lcg(7);
    let files: Vec<(String, Vec<u8>)> = (0..40)
        .map(|i| {
            let mut text = String::new();
            while text.len() < 100_000 {
                text.push_str(&rng.sentence());
                text.push(' ');
            }
            (format!("a{i:02}.txt"), text.into_bytes())
        })
        .collect();
    let stored: Vec<(&str, &[u8], zip::CompressionMethod)> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice(), zip::CompressionMethod::Stored))
        .collect();
    write_zip(&dir.path().join("big.zip"), &stored);
    std::fs::write(dir.path().join("big.tar"), tar_bytes(&files)).expect("write");
    for name in ["big.zip", "big.tar"] {
        let path = dir.path().join(name);
        let size = std::fs::metadata(&path).expect("size").len();
        let seen = std::sync::Mutex::new(Vec::new());
        let source = Source::Paths(vec![path]);
        let read = pipeline::read(
            &source,
            pipeline::list(&source),
            &GAZETTEER,
            Texts::Kept,
            &|p| seen.lock().expect("lock").push(p),
            &AtomicBool::new(false),
        )
        .expect("read");
        assert_eq!(read.documents.len(), 40);
        let seen = seen.into_inner().expect("lock");
        // While the one file is still being read, its bytes move the bar.
        let within: Vec<f32> = seen
            .iter()
            .filter(|p| p.files_done == 0 && p.bytes_done > 0)
            .map(pipeline::Progress::fraction)
            .collect();
        assert!(within.len() >= 2, "{name}: {seen:?}");
        assert!(
            within.iter().all(|f| *f > 0.0 && *f < 1.0),
            "{name}: {within:?}"
        );
        assert!(
            seen.iter()
                .filter(|p| p.files_done == 0)
                .all(|p| p.bytes_total >= size.min(p.bytes_done)),
            "{name}: {seen:?}"
        );
        let last = seen.last().expect("a report");
        assert_eq!((last.files_done, last.fraction()), (1, 1.0), "{name}");
    }
}
