//! Web archives (WARC 1.0 and 1.1, as Common Crawl's CC-NEWS writes them, plain or with each
//! record gzipped): read as a stream, record by record, never whole, so a file of any size is
//! read in bounded memory. A `response` record whose HTTP payload is an HTML page (chunked
//! transfer encoding undone, gzip inflated), or a `resource` record that is one, is an article;
//! every other record (requests, metadata, images, redirects) is passed over and counted.

use std::io::{BufRead, Read};

use super::Date;
use super::archive::{ArchiveError, MAX_MEMBER_BYTES};

/// One page of a web archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WarcPage {
    /// The record's number in the file, from 1 (every record counts).
    pub number: usize,
    /// `WARC-Target-URI`: the page's address.
    pub uri: Option<String>,
    /// `WARC-Date`: when it was fetched.
    pub date: Option<Date>,
    /// The HTTP payload: the page's bytes.
    pub html: Vec<u8>,
}

/// What [`records`] hands out for each record: a page, a record passed over, or a page that
/// cannot be read (with its number).
#[derive(Debug, PartialEq, Eq)]
pub enum WarcRecord {
    /// An HTML page.
    Page(WarcPage),
    /// Not a page (request, metadata, warcinfo, an image, a redirect …).
    Other,
    /// A page record that cannot be read.
    Broken(usize, ArchiveError),
}

fn damaged(reason: impl Into<String>) -> ArchiveError {
    ArchiveError::Damaged {
        kind: "WARC",
        reason: reason.into(),
    }
}

/// Reads a line (up to 64 KiB) without its line end; `None` at the end of the stream.
fn line(reader: &mut impl BufRead) -> Result<Option<String>, ArchiveError> {
    let mut buf = Vec::new();
    let n = reader
        .by_ref()
        .take(64 * 1024)
        .read_until(b'\n', &mut buf)
        .map_err(|e| damaged(e.to_string()))?;
    if n == 0 {
        return Ok(None);
    }
    while buf.last().is_some_and(|b| matches!(b, b'\n' | b'\r')) {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// Walks the records of a WARC stream in order, handing each to `visit` (which returns `false`
/// to stop). An error is returned when the stream itself breaks off.
pub fn records(
    mut reader: impl BufRead,
    visit: &mut dyn FnMut(WarcRecord) -> bool,
) -> Result<(), ArchiveError> {
    let mut number = 0;
    loop {
        // Records are separated by blank lines.
        let version = loop {
            match line(&mut reader)? {
                None => return Ok(()),
                Some(l) if l.trim().is_empty() => {}
                Some(l) => break l,
            }
        };
        number += 1;
        if !version.starts_with("WARC/") {
            return Err(damaged(format!(
                "record {number} does not start with a WARC/ version line"
            )));
        }
        let mut kind = String::new();
        let mut uri = None;
        let mut date = None;
        let mut length: Option<u64> = None;
        let mut content_type = String::new();
        loop {
            let Some(header) = line(&mut reader)? else {
                return Err(damaged(format!("record {number} ends in its headers")));
            };
            if header.is_empty() {
                break;
            }
            let Some((name, value)) = header.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => kind = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    uri = Some(value.trim_matches(|c| c == '<' || c == '>').to_owned());
                }
                "warc-date" => date = Date::parse_prefix(value),
                "content-length" => length = value.parse().ok(),
                "content-type" => content_type = value.to_ascii_lowercase(),
                _ => {}
            }
        }
        let Some(length) = length else {
            return Err(damaged(format!("record {number} has no Content-Length")));
        };
        let resource_page = kind == "resource" && is_html_type(&content_type);
        let wanted =
            resource_page || (kind == "response" && content_type.starts_with("application/http"));
        if !wanted || length > MAX_MEMBER_BYTES {
            // Passed over without keeping it.
            let skipped = std::io::copy(&mut reader.by_ref().take(length), &mut std::io::sink())
                .map_err(|e| damaged(e.to_string()))?;
            if skipped < length {
                return Err(damaged(format!("record {number} is cut short")));
            }
            let record = if wanted {
                WarcRecord::Broken(
                    number,
                    ArchiveError::TooLarge {
                        limit: MAX_MEMBER_BYTES,
                    },
                )
            } else {
                WarcRecord::Other
            };
            if !visit(record) {
                return Ok(());
            }
            continue;
        }
        let mut block = Vec::with_capacity(usize::try_from(length).unwrap_or(0));
        reader
            .by_ref()
            .take(length)
            .read_to_end(&mut block)
            .map_err(|e| damaged(e.to_string()))?;
        if (block.len() as u64) < length {
            return Err(damaged(format!("record {number} is cut short")));
        }
        let page = if resource_page {
            Some(block)
        } else {
            http_page(&block)
        };
        let record = match page {
            Some(html) => WarcRecord::Page(WarcPage {
                number,
                uri,
                date,
                html,
            }),
            None => WarcRecord::Other,
        };
        if !visit(record) {
            return Ok(());
        }
    }
}

/// The payload of an HTTP response block when it is a page that was served (status 200) as
/// HTML (or with no type and HTML inside); a gzipped payload is inflated.
fn http_page(block: &[u8]) -> Option<Vec<u8>> {
    let end = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|p| (p, p + 4));
    let end = end.or_else(|| {
        block
            .windows(2)
            .position(|w| w == b"\n\n")
            .map(|p| (p, p + 2))
    });
    let (head_end, body_start) = end?;
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next()?;
    if status.split_whitespace().nth(1) != Some("200") {
        return None;
    }
    let mut content_type = None;
    let mut encoding = None;
    let mut chunked = false;
    for header in lines {
        if let Some((name, value)) = header.split_once(':') {
            match name.trim().to_ascii_lowercase().as_str() {
                "content-type" => content_type = Some(value.trim().to_ascii_lowercase()),
                "content-encoding" => encoding = Some(value.trim().to_ascii_lowercase()),
                "transfer-encoding" => {
                    chunked |= value.trim().eq_ignore_ascii_case("chunked");
                }
                _ => {}
            }
        }
    }
    let body = &block[body_start..];
    // Archives keep the transfer encoding as it came; a body whose chunks do not add up is
    // taken as it stands.
    let dechunked = if chunked { dechunk(body) } else { None };
    let body = dechunked.as_deref().unwrap_or(body);
    let body = if encoding.as_deref() == Some("gzip") || body.starts_with(&[0x1f, 0x8b]) {
        super::archive::gunzip(body).ok()?
    } else {
        body.to_vec()
    };
    let html = match content_type.as_deref() {
        Some(t) => is_html_type(t),
        None => {
            super::html::looks_like_html(&String::from_utf8_lossy(&body[..body.len().min(1024)]))
        }
    };
    html.then_some(body)
}

fn is_html_type(content_type: &str) -> bool {
    content_type.starts_with("text/html") || content_type.starts_with("application/xhtml")
}

/// A body in HTTP's chunked transfer encoding put back together (`None` when the chunks do not
/// add up).
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let end = body.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..end]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?.strip_prefix(b"\r\n")?;
    }
}

/// The page of record `number` (read up to it).
pub fn warc_page(reader: impl BufRead, number: usize) -> Result<WarcPage, ArchiveError> {
    let mut found = None;
    records(reader, &mut |record| match record {
        WarcRecord::Page(page) if page.number == number => {
            found = Some(Ok(page));
            false
        }
        WarcRecord::Broken(n, e) if n == number => {
            found = Some(Err(e));
            false
        }
        _ => true,
    })?;
    found.unwrap_or_else(|| {
        Err(ArchiveError::DamagedMember(format!(
            "no page in record {number}"
        )))
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A WARC record with `headers` and `block`.
    pub(crate) fn record(kind: &str, extra: &str, block: &[u8]) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\n{extra}Content-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    /// An HTTP response record of a page at `uri`.
    pub(crate) fn page(uri: &str, status: &str, content_type: &str, body: &str) -> Vec<u8> {
        let http = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n\r\n{body}");
        record(
            "response",
            &format!(
                "WARC-Target-URI: {uri}\r\nWARC-Date: 2026-03-01T10:00:00Z\r\n\
                 Content-Type: application/http; msgtype=response\r\n"
            ),
            http.as_bytes(),
        )
    }

    #[test]
    fn pages_are_handed_out_and_the_other_records_counted() {
        let mut warc = record("warcinfo", "", b"software: test\r\n");
        warc.extend(record("request", "", b"GET / HTTP/1.1\r\n\r\n"));
        warc.extend(page(
            "https://news.example/a",
            "200 OK",
            "text/html; charset=utf-8",
            "<p>Peru.</p>",
        ));
        warc.extend(page(
            "https://news.example/logo.png",
            "200 OK",
            "image/png",
            "\u{1}PNG",
        ));
        warc.extend(page(
            "https://news.example/old",
            "301 Moved",
            "text/html",
            "",
        ));
        let mut pages = Vec::new();
        let mut others = 0;
        records(warc.as_slice(), &mut |r| {
            match r {
                WarcRecord::Page(p) => pages.push(p),
                WarcRecord::Other => others += 1,
                WarcRecord::Broken(n, e) => panic!("record {n}: {e}"),
            }
            true
        })
        .expect("reads");
        assert_eq!(others, 4);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].number, 3);
        assert_eq!(pages[0].uri.as_deref(), Some("https://news.example/a"));
        assert_eq!(
            pages[0].date.map(|d| d.to_string()).as_deref(),
            Some("2026-03-01")
        );
        assert_eq!(pages[0].html, b"<p>Peru.</p>");
        assert_eq!(
            warc_page(warc.as_slice(), 3).map(|p| p.html),
            Ok(b"<p>Peru.</p>".to_vec())
        );
    }

    #[test]
    fn chunked_bodies_are_put_together_and_resource_records_are_pages() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n7;x=y\r\n, world\r\n0\r\n\r\n").as_deref(),
            Some(&b"Hello, world"[..])
        );
        assert_eq!(dechunk(b"zz\r\nHello"), None);
        let http =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n\
            5\r\n<p>Pe\r\n7\r\nru.</p>\r\n0\r\n\r\n";
        assert_eq!(http_page(http).as_deref(), Some(&b"<p>Peru.</p>"[..]));
        let warc = record(
            "resource",
            "WARC-Target-URI: https://x.example/\r\nContent-Type: text/html; charset=utf-8\r\n",
            b"<p>Chile.</p>",
        );
        assert_eq!(
            warc_page(warc.as_slice(), 1).map(|p| p.html),
            Ok(b"<p>Chile.</p>".to_vec())
        );
    }

    #[test]
    fn a_stream_cut_short_or_not_warc_says_so() {
        let warc = page("https://x.example/", "200 OK", "text/html", "<p>Chile.</p>");
        let cut = &warc[..warc.len() - 10];
        let err = records(cut, &mut |_| true).expect_err("cut");
        assert!(err.to_string().contains("cut short"), "{err}");
        let err = records(&b"<html>not an archive</html>"[..], &mut |_| true).expect_err("not");
        assert!(
            err.to_string().contains("not a readable WARC archive"),
            "{err}"
        );
    }
}
