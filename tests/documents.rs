//! Office and print documents (DOCX, ODT, EPUB, RTF, PDF) and news-database exports (Nexis Uni,
//! LexisNexis, Factiva) read through the whole pipeline, from fixtures written here: one
//! article per document with the metadata its file gives, several per export (`file#n`), texts
//! read back from disk and from archives, and a plain problem for each document that cannot be
//! read.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::AtomicBool;

use corridor_atlas::corpus::Document;
use corridor_atlas::gazetteer::Gazetteer;
use corridor_atlas::pipeline::{self, Dataset, Source, Texts};

static GAZETTEER: LazyLock<Gazetteer> =
    LazyLock::new(|| Gazetteer::bundled().expect("the bundled gazetteer"));

fn load(path: PathBuf, texts: Texts) -> Dataset {
    let source = Source::Paths(vec![path]);
    pipeline::read(
        &source,
        pipeline::list(&source),
        &GAZETTEER,
        texts,
        &|_| {},
        &AtomicBool::new(false),
    )
    .expect("read")
}

fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in files {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .expect("start");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

fn xml_escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A DOCX of `paragraphs` (a paragraph each) with core properties `core`.
fn docx(paragraphs: &[&str], core: &str) -> Vec<u8> {
    let body = paragraphs
        .iter()
        .map(|p| {
            format!(
                "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                xml_escaped(p)
            )
        })
        .collect::<Vec<_>>()
        .concat();
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document \
         xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}\
         </w:body></w:document>"
    );
    let core = format!(
        "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">{core}\
         </cp:coreProperties>"
    );
    zip(&[
        ("word/document.xml", document.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
    ])
}

fn odt(paragraphs: &[&str]) -> Vec<u8> {
    let body = paragraphs
        .iter()
        .map(|p| format!("<text:p>{}</text:p>", xml_escaped(p)))
        .collect::<Vec<_>>()
        .concat();
    let content = format!(
        "<office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"><office:body><office:text>\
         {body}</office:text></office:body></office:document-content>"
    );
    zip(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", content.as_bytes()),
    ])
}

fn epub(title: &str, chapters: &[&str]) -> Vec<u8> {
    let items = (0..chapters.len())
        .map(|i| {
            format!("<item id=\"c{i}\" href=\"c{i}.xhtml\" media-type=\"application/xhtml+xml\"/>")
        })
        .collect::<Vec<_>>()
        .concat();
    let spine = (0..chapters.len())
        .map(|i| format!("<itemref idref=\"c{i}\"/>"))
        .collect::<Vec<_>>()
        .concat();
    let opf = format!(
        "<package xmlns=\"http://www.idpf.org/2007/opf\"><metadata \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{title}</dc:title>\
         <dc:date>2021-06-01</dc:date></metadata><manifest>{items}</manifest>\
         <spine>{spine}</spine></package>"
    );
    let pages: Vec<(String, String)> = chapters
        .iter()
        .enumerate()
        .map(|(i, text)| {
            (
                format!("OEBPS/c{i}.xhtml"),
                format!(
                    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>c</title></head>\
                     <body><p>{}</p></body></html>",
                    xml_escaped(text)
                ),
            )
        })
        .collect();
    let container = "<container xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\
        <rootfiles><rootfile full-path=\"OEBPS/book.opf\"/></rootfiles></container>";
    let mut files: Vec<(&str, &[u8])> = vec![
        ("mimetype", b"application/epub+zip"),
        ("META-INF/container.xml", container.as_bytes()),
        ("OEBPS/book.opf", opf.as_bytes()),
    ];
    files.extend(pages.iter().map(|(n, t)| (n.as_str(), t.as_bytes())));
    zip(&files)
}

/// A one-page PDF drawing `lines` (12-point Helvetica, 14 points apart) with a title.
fn pdf(lines: &[&str], title: &str) -> Vec<u8> {
    let content = lines
        .iter()
        .enumerate()
        .map(|(i, l)| format!("BT /F1 12 Tf 72 {} Td ({l}) Tj ET\n", 700 - 14 * i))
        .collect::<Vec<_>>()
        .concat();
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>".to_owned(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}endstream", content.len()),
        format!("<< /Title ({title}) /CreationDate (D:20200405120000Z) >>"),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R /Info 6 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn by_id<'a>(dataset: &'a Dataset, id: &str) -> &'a Document {
    dataset
        .documents
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| panic!("no {id} among {:?}", ids(dataset)))
}

fn ids(dataset: &Dataset) -> Vec<&str> {
    dataset.documents.iter().map(|d| d.id.as_str()).collect()
}

/// Codes of the countries mentioned in a document.
fn countries(dataset: &Dataset, id: &str) -> Vec<String> {
    let at = dataset
        .documents
        .iter()
        .position(|d| d.id == id)
        .expect("document");
    let mut codes: Vec<String> = dataset.mentions[at]
        .iter()
        .map(|m| GAZETTEER.entity(m.entity).code.clone())
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

fn reason<'a>(dataset: &'a Dataset, file: &str) -> &'a str {
    dataset
        .problems
        .iter()
        .find(|p| p.path.ends_with(file))
        .map_or("", |p| p.reason.as_str())
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("write");
}

/// A DOCX, ODT, EPUB, RTF and PDF article each, and a scanned PDF, a locked DOCX and a broken ODT.
fn write_office_documents(root: &Path) {
    write(
        root,
        "report.docx",
        &docx(
            &[
                "Peru and Chile signed a port agreement in Lima on Monday.",
                "Japan welcomed it.",
            ],
            "<dc:title>Port report</dc:title><dc:creator>A. Writer</dc:creator>\
             <dcterms:created>2019-03-04T10:00:00Z</dcterms:created>",
        ),
    );
    write(
        root,
        "notes.odt",
        &odt(&["Kenya and Uganda opened a border post."]),
    );
    write(
        root,
        "book.epub",
        &epub(
            "Rails",
            &["Egypt and Sudan planned a railway.", "India watched."],
        ),
    );
    write(
        root,
        "memo.rtf",
        br"{\rtf1\ansi\ansicpg1252{\info{\title Memo}{\creatim\yr2018\mo5\dy6}}
Norway and Sweden agreed on fishing quotas.\par Canada and Mexico talked in a caf\'e9.\par}",
    );
    write(
        root,
        "paper.pdf",
        &pdf(
            &["Vietnam and Cambodia signed a trade pact in Hanoi."],
            "Pact",
        ),
    );
    write(root, "scan.pdf", &pdf(&[], "Scan"));
    let mut locked = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    locked.resize(1024, 0);
    write(root, "locked.docx", &locked);
    write(root, "broken.odt", b"PK\x03\x04 not really");
}

#[test]
fn office_documents_are_articles_with_their_metadata_and_unreadable_ones_say_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write_office_documents(root);
    let kept = load(root.to_path_buf(), Texts::Kept);
    let mut got = ids(&kept);
    got.sort_unstable();
    assert_eq!(
        got,
        [
            "book.epub",
            "memo.rtf",
            "notes.odt",
            "paper.pdf",
            "report.docx"
        ]
    );

    let report = by_id(&kept, "report.docx");
    assert_eq!(report.title, "Port report");
    assert_eq!(
        report.date.map(|d| d.to_string()).as_deref(),
        Some("2019-03-04")
    );
    assert_eq!(report.byline.as_deref(), Some("A. Writer"));
    assert_eq!(countries(&kept, "report.docx"), ["CHL", "JPN", "PER"]);
    assert_eq!(countries(&kept, "notes.odt"), ["KEN", "UGA"]);
    let book = by_id(&kept, "book.epub");
    assert_eq!(book.title, "Rails");
    assert_eq!(countries(&kept, "book.epub"), ["EGY", "IND", "SDN"]);
    let memo = by_id(&kept, "memo.rtf");
    assert_eq!(memo.title, "Memo");
    assert_eq!(
        memo.date.map(|d| d.to_string()).as_deref(),
        Some("2018-05-06")
    );
    assert_eq!(countries(&kept, "memo.rtf"), ["CAN", "MEX", "NOR", "SWE"]);
    assert!(
        memo.text.ends_with("talked in a caf\u{e9}."),
        "{}",
        memo.text
    );
    let paper = by_id(&kept, "paper.pdf");
    assert_eq!(paper.title, "Pact");
    assert_eq!(
        paper.date.map(|d| d.to_string()).as_deref(),
        Some("2020-04-05")
    );
    assert_eq!(countries(&kept, "paper.pdf"), ["KHM", "VNM"]);

    assert_eq!(
        reason(&kept, "scan.pdf"),
        "no text: scanned image? (the PDF has no text layer to read)"
    );
    assert_eq!(
        reason(&kept, "locked.docx"),
        "encrypted: it needs a password"
    );
    assert!(
        reason(&kept, "broken.odt").starts_with("not a readable ODT document"),
        "{:?}",
        kept.problems
    );

    // Texts let go after reading come back from the files as they were.
    let on_disk = load(root.to_path_buf(), Texts::OnDisk);
    for doc in &on_disk.documents {
        let text = pipeline::reread(doc).expect("read back");
        assert_eq!(text, by_id(&kept, &doc.id).text, "{}", doc.id);
    }
}

const UNI_ARTICLES: &[&str] = &[
    "Date and Time: Friday, 5. July 2019 09:31:00 CEST",
    "Job Number: 1",
    "Documents (2)",
    "1. Port deal signed",
    "2. Border post opens",
    "Port deal signed",
    "The Wire (London)",
    "July 1, 2019 Monday 9:20 AM GMT",
    "Copyright 2019 The Wire All Rights Reserved",
    "Section:\u{a0}WORLD; Version:2",
    "Length:\u{a0}355 words",
    "Byline:\u{a0}A. Writer",
    "Body",
    "Peru and Chile signed a port agreement in Lima on Monday.",
    "Classification",
    "Language:\u{a0}ENGLISH",
    "Geographic:\u{a0}LIMA, PERU (90%); NORWAY (50%)",
    "Load-Date:\u{a0}July 2, 2019",
    "End of Document",
    "Border post opens",
    "The Evening Post",
    "July 3, 2019 Wednesday",
    "Length:\u{a0}100 words",
    "Body",
    "Kenya and Uganda opened a border post.",
    "End of Document",
];

/// A Factiva export saved as a web page: each article a table of coded rows.
fn factiva_html() -> String {
    let row = |code: &str, value: &str| {
        format!("<tr><td class=\"index\"><b>{code}</b>&nbsp;</td><td>{value}</td></tr>")
    };
    let article = |rows: &[(&str, &str)]| {
        let rows: Vec<String> = rows.iter().map(|(c, v)| row(c, v)).collect();
        format!(
            "<div class=\"article\"><table>{}</table></div>",
            rows.concat()
        )
    };
    format!(
        "<html><head><title>Factiva</title></head><body><div id=\"navcontainer\">\
         <table><tr><td><h1>Factiva</h1></td><td><span>Dow Jones</span></td></tr></table></div>\
         {}{}<div class=\"copyright\">© 2012 Factiva, Inc. All rights reserved.</div></body></html>",
        article(&[
            ("HD", "<b>Rail talks</b>"),
            ("BY", "D. Writer"),
            ("WC", "120 words"),
            ("PD", "9 March 2012"),
            ("SN", "The Daily Wire"),
            ("LA", "English"),
            ("LP", "<p>Egypt and Sudan planned a railway on Friday.</p>"),
            ("TD", "<p>Ministers met in Cairo.</p>"),
            ("RE", "nor : Norway | afr : Africa"),
            ("AN", "Document DWIRE00020120309e8390000c"),
        ]),
        article(&[
            ("HD", "<b>Quotas</b>"),
            ("PD", "10 March 2012"),
            ("SN", "Evening Post"),
            ("LP", "<p>Canada and Mexico agreed on quotas.</p>"),
            ("AN", "Document EVPOST0020120310e83a0000d"),
        ]),
    )
}

/// A Nexis Uni DOCX, a LexisNexis text and a Factiva RTF export of two articles each.
fn write_exports(root: &Path) {
    write(root, "nexis-uni.docx", &docx(UNI_ARTICLES, ""));
    write(
        root,
        "nexis.txt",
        "Download Request: Selected Items: 1-2\r\n\r\n\
                                   1 of 2 DOCUMENTS\r\n\r\n\r\n\
                               The Daily Wire\r\n\r\n\
                            January 11, 2010 Monday\r\n\r\n\
        Rail link\r\n\r\nBYLINE: B. Writer\r\n\r\nLENGTH: 20 words\r\n\r\n\
        Egypt and Sudan planned a railway.\r\n\r\nLOAD-DATE: January 12, 2010\r\n\r\n\
        LANGUAGE: ENGLISH\r\n\r\n\
                                   2 of 2 DOCUMENTS\r\n\r\n\r\n\
                               The Daily Wire\r\n\r\n\
                            January 12, 2010 Tuesday\r\n\r\n\
        Quotas\r\n\r\nLENGTH: 20 words\r\n\r\nNorway and Sweden agreed on quotas.\r\n"
            .as_bytes(),
    );
    write(
        root,
        "factiva.rtf",
        br"{\rtf1\ansi{\fonttbl{\f0 Arial;}}
{\b Trade pact\par}C. Writer\par 1,234 words\par 6 March 2012\par 10:32\par The Daily Wire\par DWIRE\par English\par (c) 2012 The Daily Wire. All Rights Reserved.\par
Vietnam and Cambodia signed a trade pact in Hanoi.\par Document DWIRE00020120306e8360000a\par
Fishing talks\par 20 words\par 7 March 2012\par Evening Post\par EVPOST\par English\par Copyright 2012 Evening Post\par
Canada and Mexico talked about fish in a caf\'e9.\par Document EVPOST0020120307e8370000b\par}",
    );
    write(root, "factiva.html", factiva_html().as_bytes());
}

#[test]
fn news_database_exports_are_split_into_their_articles() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write_exports(root);
    let kept = load(root.to_path_buf(), Texts::Kept);
    let mut got = ids(&kept);
    got.sort_unstable();
    assert_eq!(
        got,
        [
            "factiva.html#1",
            "factiva.html#2",
            "factiva.rtf#1",
            "factiva.rtf#2",
            "nexis-uni.docx#1",
            "nexis-uni.docx#2",
            "nexis.txt#1",
            "nexis.txt#2"
        ]
    );
    let expect = |id: &str, title: &str, source: &str, date: &str, byline: Option<&str>| {
        let doc = by_id(&kept, id);
        assert_eq!(doc.title, title, "{id}");
        assert_eq!(doc.source.as_deref(), Some(source), "{id}");
        assert_eq!(
            doc.date.map(|d| d.to_string()).as_deref(),
            Some(date),
            "{id}"
        );
        assert_eq!(doc.byline.as_deref(), byline, "{id}");
    };
    expect(
        "nexis-uni.docx#1",
        "Port deal signed",
        "The Wire (London)",
        "2019-07-01",
        Some("A. Writer"),
    );
    expect(
        "nexis-uni.docx#2",
        "Border post opens",
        "The Evening Post",
        "2019-07-03",
        None,
    );
    expect(
        "nexis.txt#1",
        "Rail link",
        "The Daily Wire",
        "2010-01-11",
        Some("B. Writer"),
    );
    expect(
        "nexis.txt#2",
        "Quotas",
        "The Daily Wire",
        "2010-01-12",
        None,
    );
    expect(
        "factiva.rtf#1",
        "Trade pact",
        "The Daily Wire",
        "2012-03-06",
        Some("C. Writer"),
    );
    expect(
        "factiva.rtf#2",
        "Fishing talks",
        "Evening Post",
        "2012-03-07",
        None,
    );
    expect(
        "factiva.html#1",
        "Rail talks",
        "The Daily Wire",
        "2012-03-09",
        Some("D. Writer"),
    );
    expect(
        "factiva.html#2",
        "Quotas",
        "Evening Post",
        "2012-03-10",
        None,
    );
    // The database's index terms ("Geographic: … NORWAY", "RE nor : Norway") are not the
    // article's words.
    assert_eq!(countries(&kept, "factiva.html#1"), ["EGY", "SDN"]);
    assert_eq!(countries(&kept, "nexis-uni.docx#1"), ["CHL", "PER"]);
    assert_eq!(countries(&kept, "nexis-uni.docx#2"), ["KEN", "UGA"]);
    assert_eq!(countries(&kept, "nexis.txt#1"), ["EGY", "SDN"]);
    assert_eq!(countries(&kept, "factiva.rtf#1"), ["KHM", "VNM"]);
    assert_eq!(countries(&kept, "factiva.rtf#2"), ["CAN", "MEX"]);
}

#[test]
fn exported_articles_read_back_from_disk_and_from_a_zip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write_exports(root);
    let kept = load(root.to_path_buf(), Texts::Kept);
    let on_disk = load(root.to_path_buf(), Texts::OnDisk);
    for doc in &on_disk.documents {
        let text = pipeline::reread(doc).expect("read back");
        assert_eq!(text, by_id(&kept, &doc.id).text, "{}", doc.id);
    }
    let packed = tempfile::tempdir().expect("temp dir");
    let files: Vec<(String, Vec<u8>)> =
        ["nexis-uni.docx", "nexis.txt", "factiva.rtf", "factiva.html"]
            .iter()
            .map(|n| ((*n).to_owned(), std::fs::read(root.join(n)).expect("read")))
            .collect();
    let refs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    write(packed.path(), "exports.zip", &zip(&refs));
    let zipped = load(packed.path().join("exports.zip"), Texts::OnDisk);
    let mut got: Vec<&str> = zipped.documents.iter().map(|d| d.id.as_str()).collect();
    got.sort_unstable();
    assert_eq!(got.len(), 8, "{got:?}");
    assert!(got.contains(&"exports.zip/nexis-uni.docx#2"), "{got:?}");
    for doc in &zipped.documents {
        let text = pipeline::reread(doc).expect("read back from the zip");
        let plain = doc.id.trim_start_matches("exports.zip/");
        assert_eq!(text, by_id(&kept, plain).text, "{}", doc.id);
    }
}
