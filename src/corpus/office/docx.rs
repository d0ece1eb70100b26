//! DOCX: `word/document.xml`'s paragraphs (`w:p`) and their runs' text (`w:t`), line breaks,
//! tabs and non-breaking hyphens; a page break ends a paragraph. Left out: paragraph and run
//! properties, deleted and moved-away tracked text, field codes, and the fallback copy of a
//! drawing's text (`mc:Fallback`, a second copy of what `mc:Choice` holds). Title, author and
//! creation date from `docProps/core.xml`.

use roxmltree::{Document, Node};

use super::{Edge, Flow, Office, OfficeError, Package, Paragraphs, first_date, first_text, walk};

pub(super) fn read(bytes: &[u8]) -> Result<Flow, OfficeError> {
    let mut package = Package::open(bytes, Office::Docx)?;
    // The main part is where the package's relationships say (`word/document.xml` as a rule).
    let main = if package.has("_rels/.rels") {
        package
            .xml("_rels/.rels", |doc| {
                doc.descendants()
                    .filter(|n| n.tag_name().name() == "Relationship")
                    .find(|n| {
                        n.attribute("Type")
                            .is_some_and(|t| t.ends_with("/officeDocument"))
                    })
                    .and_then(|n| n.attribute("Target"))
                    .map(|t| t.trim_start_matches('/').to_owned())
            })
            .ok()
            .flatten()
    } else {
        None
    };
    let main = main.unwrap_or_else(|| "word/document.xml".to_owned());
    let text = package.xml(&main, body)?;
    let mut flow = Flow {
        text,
        ..Flow::default()
    };
    if package.has("docProps/core.xml") {
        // Metadata is a help, not a condition: a broken core.xml leaves the text as it is.
        if let Ok((title, date, author)) = package.xml("docProps/core.xml", |doc| {
            (
                first_text(doc, "title"),
                first_date(doc, &["created", "modified"]),
                first_text(doc, "creator"),
            )
        }) {
            (flow.title, flow.date, flow.author) = (title, date, author);
        }
    }
    Ok(flow)
}

fn skipped(node: &Node<'_, '_>) -> bool {
    matches!(
        node.tag_name().name(),
        "pPr" | "rPr" | "sectPr" | "delText" | "del" | "moveFrom" | "instrText" | "Fallback"
    )
}

/// The text of the document's body.
fn body(doc: &Document<'_>) -> String {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let mut out = Paragraphs::default();
    walk(doc.root(), skipped, |edge| match edge {
        Edge::Open(node) if node.is_element() => match node.tag_name().name() {
            "t" => out.push(node.text().unwrap_or("")),
            "tab" | "ptab" => out.push_char(' '),
            "noBreakHyphen" => out.push_char('-'),
            "br" if node.attribute((W, "type")) == Some("page") => out.end(),
            "br" | "cr" => out.push_char('\n'),
            _ => {}
        },
        Edge::Close(node) if matches!(node.tag_name().name(), "p" | "tc") => out.end(),
        _ => {}
    });
    out.finish()
}

#[cfg(test)]
pub(super) mod tests {
    use std::io::Write;

    use super::*;

    /// A DOCX package holding `body` (the children of `w:body`) and, if given, `core` (the
    /// children of `cp:coreProperties`).
    pub(in crate::corpus) fn docx(body: &str, core: Option<&str>) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let mut put = |name: &str, text: String| {
            zip.start_file(name, options).expect("start");
            zip.write_all(text.as_bytes()).expect("write");
        };
        put(
            "word/document.xml",
            format!(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
                 <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                 xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">\
                 <w:body>{body}</w:body></w:document>"
            ),
        );
        if let Some(core) = core {
            put(
                "docProps/core.xml",
                format!(
                    "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
                     xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\">{core}</cp:coreProperties>"
                ),
            );
        }
        zip.finish().expect("finish").into_inner()
    }

    #[test]
    fn paragraphs_runs_breaks_and_tables_are_read_in_order() {
        let bytes = docx(
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\"/></w:tabs></w:pPr>\
             <w:r><w:t>Peru and </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>Chile</w:t></w:r>\
             <w:r><w:tab/><w:t>sign</w:t><w:br/><w:t>a deal</w:t></w:r></w:p>\
             <w:p/>\
             <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Lima</w:t></w:r></w:p></w:tc>\
             <w:tc><w:p><w:r><w:t>Santiago</w:t></w:r></w:p></w:tc></w:tr></w:tbl>\
             <w:p><w:r><w:t>Before</w:t><w:br w:type=\"page\"/><w:t>after &amp; more</w:t></w:r></w:p>",
            None,
        );
        let flow = read(&bytes).expect("read");
        assert_eq!(
            flow.text,
            "Peru and Chile sign\na deal\n\nLima\n\nSantiago\n\nBefore\n\nafter & more"
        );
        assert_eq!(flow.title, None);
    }

    #[test]
    fn deleted_text_field_codes_and_fallback_copies_are_left_out() {
        let bytes = docx(
            "<w:p><w:del><w:r><w:delText>Japan</w:delText></w:r></w:del>\
             <w:r><w:instrText>HYPERLINK \"x\"</w:instrText></w:r>\
             <w:r><w:t>Kenya</w:t></w:r>\
             <mc:AlternateContent><mc:Choice><w:t> in a box</w:t></mc:Choice>\
             <mc:Fallback><w:t> in a box</w:t></mc:Fallback></mc:AlternateContent></w:p>",
            None,
        );
        assert_eq!(read(&bytes).expect("read").text, "Kenya in a box");
    }

    #[test]
    fn title_author_and_date_come_from_the_core_properties() {
        let bytes = docx(
            "<w:p><w:r><w:t>Text.</w:t></w:r></w:p>",
            Some(
                "<dc:title>Port talks</dc:title><dc:creator>A. Writer</dc:creator>\
                 <dcterms:created>2019-03-04T10:00:00Z</dcterms:created>",
            ),
        );
        let flow = read(&bytes).expect("read");
        super::super::tests::metadata(&flow, "Port talks", "A. Writer", "2019-03-04");
    }

    #[test]
    fn the_main_part_is_found_through_the_package_relationships() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("_rels/.rels", options).expect("start");
        zip.write_all(
            b"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
              <Relationship Id=\"rId1\" Target=\"/word/main.xml\" \
              Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\"/>\
              </Relationships>",
        )
        .expect("write");
        zip.start_file("word/main.xml", options).expect("start");
        zip.write_all(
            b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
              <w:body><w:p><w:r><w:t>Kenya</w:t></w:r></w:p></w:body></w:document>",
        )
        .expect("write");
        let bytes = zip.finish().expect("finish").into_inner();
        assert_eq!(read(&bytes).expect("read").text, "Kenya");
    }

    #[test]
    fn a_package_without_a_document_part_is_damaged() {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("other.xml", zip::write::SimpleFileOptions::default())
            .expect("start");
        let bytes = zip.finish().expect("finish").into_inner();
        let err = read(&bytes).err().map(|e| e.to_string());
        assert_eq!(
            err.as_deref(),
            Some("not a readable DOCX document (it has no word/document.xml)")
        );
    }
}
