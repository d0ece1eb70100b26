//! EPUB: the chapters the package's spine lists, in its order, each an XHTML page reduced to its
//! visible text as a web page is; title, author and date from the package document's Dublin Core
//! metadata. A book whose chapters are encrypted (DRM, listed in `META-INF/encryption.xml`)
//! needs a password; fonts obfuscated the standard way are no obstacle.

use super::{Flow, Office, OfficeError, Package, first_date, first_text};

pub(super) fn read(bytes: &[u8]) -> Result<Flow, OfficeError> {
    let mut package = Package::open(bytes, Office::Epub)?;
    let damaged = |reason: &str| OfficeError::Damaged {
        kind: "EPUB",
        reason: reason.to_owned(),
    };
    let opf = package
        .xml("META-INF/container.xml", |doc| {
            doc.descendants()
                .find(|n| n.tag_name().name() == "rootfile")
                .and_then(|n| n.attribute("full-path"))
                .map(str::to_owned)
        })?
        .ok_or_else(|| damaged("its container names no package document"))?;
    let base = opf.rsplit_once('/').map_or("", |(dir, _)| dir).to_owned();
    let (chapters, title, date, author) = package.xml(&opf, |doc| {
        let manifest: Vec<(&str, &str, &str)> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "item")
            .filter_map(|n| {
                Some((
                    n.attribute("id")?,
                    n.attribute("href")?,
                    n.attribute("media-type").unwrap_or(""),
                ))
            })
            .collect();
        let chapters: Vec<String> = doc
            .descendants()
            .filter(|n| n.tag_name().name() == "itemref")
            .filter_map(|n| n.attribute("idref"))
            .filter_map(|idref| manifest.iter().find(|(id, _, _)| *id == idref))
            .filter(|(_, _, media)| media.contains("html") || media.is_empty())
            .map(|(_, href, _)| joined(&base, href))
            .collect();
        (
            chapters,
            first_text(doc, "title"),
            first_date(doc, &["date"]),
            first_text(doc, "creator"),
        )
    })?;
    if package.has("META-INF/encryption.xml") {
        let locked = package.xml("META-INF/encryption.xml", |doc| {
            doc.descendants()
                .filter(|n| n.tag_name().name() == "CipherReference")
                .filter_map(|n| n.attribute("URI"))
                .map(percent_decoded)
                .any(|uri| chapters.contains(&uri))
        })?;
        if locked {
            return Err(OfficeError::Encrypted);
        }
    }
    let mut text = String::new();
    for chapter in &chapters {
        // A chapter the spine names but the package lacks is passed over, as readers do.
        let Ok(xhtml) = package.part(chapter) else {
            continue;
        };
        let page = crate::corpus::html::page(&xhtml);
        let body = page.text.trim();
        if body.is_empty() {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(body);
    }
    Ok(Flow {
        text,
        title,
        date,
        author,
    })
}

/// `href` (relative to the package document's folder `base`, percent-encoded) as a member name.
fn joined(base: &str, href: &str) -> String {
    let href = percent_decoded(href.split('#').next().unwrap_or(href));
    let mut parts: Vec<&str> = base.split('/').filter(|p| !p.is_empty()).collect();
    for part in href.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// `%20` and the like decoded (invalid escapes kept as written).
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| char::from(b).to_digit(16);
        if bytes[i] == b'%'
            && let (Some(h), Some(l)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
pub(in crate::corpus) mod tests {
    use std::io::Write;

    use super::*;

    /// An EPUB whose spine lists `chapters` (file name, XHTML) in order.
    pub(in crate::corpus) fn epub(chapters: &[(&str, &str)], extra: &[(&str, &str)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let mut put = |name: &str, text: &str| {
            zip.start_file(name, options).expect("start");
            zip.write_all(text.as_bytes()).expect("write");
        };
        put("mimetype", "application/epub+zip");
        put(
            "META-INF/container.xml",
            "<container xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles>\
             <rootfile full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/>\
             </rootfiles></container>",
        );
        let items: String = chapters
            .iter()
            .enumerate()
            .map(|(i, (name, _))| {
                format!("<item id=\"c{i}\" href=\"{name}\" media-type=\"application/xhtml+xml\"/>")
            })
            .collect::<Vec<_>>()
            .concat();
        let spine: String = (0..chapters.len())
            .map(|i| format!("<itemref idref=\"c{i}\"/>"))
            .collect::<Vec<_>>()
            .concat();
        put(
            "OEBPS/content.opf",
            &format!(
                "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">\
                 <metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\
                 <dc:title>Ports of the Pacific</dc:title><dc:creator>A. Writer</dc:creator>\
                 <dc:date>2017-05-01</dc:date></metadata>\
                 <manifest>{items}</manifest><spine>{spine}</spine></package>"
            ),
        );
        for (name, xhtml) in chapters {
            put(&format!("OEBPS/{}", percent_decoded(name)), xhtml);
        }
        for (name, text) in extra {
            put(name, text);
        }
        zip.finish().expect("finish").into_inner()
    }

    fn chapter(text: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\"><head>\
             <title>x</title></head><body><p>{text}</p></body></html>"
        )
    }

    #[test]
    fn chapters_are_read_in_spine_order_with_the_books_metadata() {
        let one = chapter("Peru and Chile signed a port deal in Lima.");
        let two = chapter("Japan&#8217;s ships called at Callao.");
        let bytes = epub(&[("one.xhtml", &one), ("part%20two.xhtml", &two)], &[]);
        let flow = read(&bytes).expect("read");
        assert_eq!(
            flow.text,
            "Peru and Chile signed a port deal in Lima.\n\nJapan\u{2019}s ships called at Callao."
        );
        super::super::tests::metadata(&flow, "Ports of the Pacific", "A. Writer", "2017-05-01");
    }

    #[test]
    fn encrypted_chapters_need_a_password_but_obfuscated_fonts_do_not() {
        let one = chapter("Peru.");
        let cipher = |uri: &str| {
            format!(
                "<encryption xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\" \
                 xmlns:enc=\"http://www.w3.org/2001/04/xmlenc#\"><enc:EncryptedData>\
                 <enc:CipherData><enc:CipherReference URI=\"{uri}\"/></enc:CipherData>\
                 </enc:EncryptedData></encryption>"
            )
        };
        let locked = cipher("OEBPS/one.xhtml");
        let bytes = epub(
            &[("one.xhtml", &one)],
            &[("META-INF/encryption.xml", &locked)],
        );
        assert_eq!(read(&bytes), Err(OfficeError::Encrypted));
        let fonts = cipher("OEBPS/font.otf");
        let bytes = epub(
            &[("one.xhtml", &one)],
            &[("META-INF/encryption.xml", &fonts)],
        );
        assert_eq!(read(&bytes).expect("read").text, "Peru.");
    }

    #[test]
    fn hrefs_are_resolved_against_the_package_folder() {
        assert_eq!(
            joined("OEBPS", "text/a%20b.xhtml#x"),
            "OEBPS/text/a b.xhtml"
        );
        assert_eq!(joined("OEBPS/x", "../c.xhtml"), "OEBPS/c.xhtml");
        assert_eq!(joined("", "c.xhtml"), "c.xhtml");
    }
}
