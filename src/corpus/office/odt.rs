//! ODT: `content.xml`'s paragraphs and headings (`text:p`, `text:h`) with their spans and links,
//! spaces (`text:s`), tabs and line breaks. Left out: notes (footnotes and endnotes), tracked
//! changes (which hold deleted text), and frames' drawings. Title, author and creation date
//! from `meta.xml`. A package whose manifest lists encrypted parts needs a password.

use roxmltree::{Document, Node};

use super::{Edge, Flow, Office, OfficeError, Package, Paragraphs, first_date, first_text, walk};

pub(super) fn read(bytes: &[u8]) -> Result<Flow, OfficeError> {
    let mut package = Package::open(bytes, Office::Odt)?;
    if package.has("META-INF/manifest.xml")
        && package.xml("META-INF/manifest.xml", |doc| {
            doc.descendants()
                .any(|n| n.is_element() && n.tag_name().name() == "encryption-data")
        })?
    {
        return Err(OfficeError::Encrypted);
    }
    let text = package.xml("content.xml", body)?;
    let mut flow = Flow {
        text,
        ..Flow::default()
    };
    if package.has("meta.xml")
        && let Ok((title, date, author)) = package.xml("meta.xml", |doc| {
            (
                first_text(doc, "title"),
                first_date(doc, &["creation-date", "date"]),
                first_text(doc, "initial-creator").or_else(|| first_text(doc, "creator")),
            )
        })
    {
        (flow.title, flow.date, flow.author) = (title, date, author);
    }
    Ok(flow)
}

fn skipped(node: &Node<'_, '_>) -> bool {
    matches!(
        node.tag_name().name(),
        "note" | "tracked-changes" | "annotation" | "sequence-decls"
    )
}

/// The text of the document.
fn body(doc: &Document<'_>) -> String {
    let mut out = Paragraphs::default();
    // Inside how many paragraphs (a frame's text box can hold paragraphs of its own).
    let mut depth = 0usize;
    walk(doc.root(), skipped, |edge| match edge {
        Edge::Open(node) if node.is_text() && depth > 0 => out.push(node.text().unwrap_or("")),
        Edge::Open(node) if node.is_element() => match node.tag_name().name() {
            "p" | "h" => depth += 1,
            "s" => {
                let n = node
                    .attributes()
                    .find(|a| a.name() == "c")
                    .and_then(|a| a.value().parse::<usize>().ok())
                    .unwrap_or(1);
                out.push(&" ".repeat(n.min(64)));
            }
            "tab" => out.push_char(' '),
            "line-break" => out.push_char('\n'),
            _ => {}
        },
        Edge::Close(node) if matches!(node.tag_name().name(), "p" | "h") => {
            depth = depth.saturating_sub(1);
            out.end();
        }
        _ => {}
    });
    out.finish()
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    const NS: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
        xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
        xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" \
        xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
        xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\"";

    fn odt(parts: &[(&str, String)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("mimetype", options).expect("start");
        zip.write_all(b"application/vnd.oasis.opendocument.text")
            .expect("write");
        for (name, text) in parts {
            zip.start_file(*name, options).expect("start");
            zip.write_all(text.as_bytes()).expect("write");
        }
        zip.finish().expect("finish").into_inner()
    }

    fn content(body: &str) -> (&'static str, String) {
        (
            "content.xml",
            format!(
                "<office:document-content {NS}><office:body><office:text>{body}\
                 </office:text></office:body></office:document-content>"
            ),
        )
    }

    #[test]
    fn headings_paragraphs_spaces_and_breaks_are_read_without_notes() {
        let bytes = odt(&[content(
            "<text:sequence-decls><text:sequence-decl text:name=\"Figure\"/></text:sequence-decls>\
             <text:h>Port deal</text:h>\
             <text:p>Peru<text:s text:c=\"3\"/>and <text:span>Chile</text:span>\
             <text:note><text:note-citation>1</text:note-citation>\
             <text:note-body><text:p>Japan, in a footnote.</text:p></text:note-body></text:note> \
             signed<text:line-break/>on Monday.</text:p>\
             <text:list><text:list-item><text:p>Lima</text:p></text:list-item></text:list>",
        )]);
        let flow = read(&bytes).expect("read");
        assert_eq!(
            flow.text,
            "Port deal\n\nPeru and Chile signed\non Monday.\n\nLima"
        );
    }

    #[test]
    fn metadata_gives_title_author_and_creation_date() {
        let bytes = odt(&[
            content("<text:p>Text.</text:p>"),
            (
                "meta.xml",
                format!(
                    "<office:document-meta {NS}><office:meta><dc:title>Port talks</dc:title>\
                     <meta:initial-creator>A. Writer</meta:initial-creator>\
                     <meta:creation-date>2018-11-02T09:00:00</meta:creation-date>\
                     <dc:date>2020-01-01T00:00:00</dc:date></office:meta></office:document-meta>"
                ),
            ),
        ]);
        let flow = read(&bytes).expect("read");
        super::super::tests::metadata(&flow, "Port talks", "A. Writer", "2018-11-02");
    }

    #[test]
    fn an_encrypted_package_needs_a_password() {
        let bytes = odt(&[
            content("<text:p>\u{1}garbled</text:p>"),
            (
                "META-INF/manifest.xml",
                format!(
                    "<manifest:manifest {NS}><manifest:file-entry manifest:full-path=\"content.xml\">\
                     <manifest:encryption-data/></manifest:file-entry></manifest:manifest>"
                ),
            ),
        ]);
        assert_eq!(read(&bytes), Err(OfficeError::Encrypted));
    }
}
