//! Mail: a `.eml` file is one message, an `.mbox` file many (`file#n`, n counted from 1). Each
//! message is an article: the subject its title, the `Date:` header its date, the sender its
//! source, and its text the HTML part reduced to the visible article (as a web page is) or, when
//! there is none or it holds no text, the plain part. MIME is decoded by `mail-parser` from the
//! raw bytes, so each part's own character set is honoured.

use std::path::Path;

use mail_parser::{Message, MessageParser};

use super::{Date, Document};

/// The messages of a `.eml` (`mailbox == false`) or `.mbox` file as documents, with the reasons
/// messages could not be used.
pub fn articles(
    id: &str,
    path: Option<&Path>,
    bytes: &[u8],
    mailbox: bool,
) -> (Vec<Document>, Vec<String>) {
    let parser = MessageParser::default();
    if !mailbox {
        return match parser.parse(bytes) {
            Some(message) => match document(id.to_owned(), path, &message, bytes.len()) {
                Some(doc) => (vec![doc], Vec::new()),
                None => (Vec::new(), vec!["a mail message with no text".to_owned()]),
            },
            None => (Vec::new(), vec!["not a mail message".to_owned()]),
        };
    }
    let mut docs = Vec::new();
    let mut reasons = Vec::new();
    for (i, raw) in mail_parser::mailbox::mbox::MessageIterator::new(bytes).enumerate() {
        let n = i + 1;
        let raw = match raw {
            Ok(raw) => raw,
            Err(e) => {
                reasons.push(format!("message {n}: unreadable ({e})"));
                continue;
            }
        };
        let contents = raw.contents();
        match parser.parse(contents) {
            Some(message) => match document(format!("{id}#{n}"), path, &message, contents.len()) {
                Some(doc) => docs.push(doc),
                None => reasons.push(format!("message {n}: no text")),
            },
            None => reasons.push(format!("message {n}: not a mail message")),
        }
    }
    if docs.is_empty() && reasons.is_empty() {
        reasons.push("no message in the mailbox (messages start with a \"From \" line)".to_owned());
    }
    (docs, reasons)
}

/// One message as a document (`None` when it has no text).
fn document(
    id: String,
    path: Option<&Path>,
    message: &Message<'_>,
    bytes: usize,
) -> Option<Document> {
    let page = message
        .body_html(0)
        .map(|html| super::html::page(&html))
        .filter(|page| !page.text.trim().is_empty());
    let (text, left_out) = if let Some(page) = page {
        (page.text, page.left_out)
    } else {
        (message.body_text(0)?.trim().to_owned(), Vec::new())
    };
    if text.trim().is_empty() {
        return None;
    }
    let mut doc = Document::from_text(id, path.map(Path::to_path_buf), text, bytes as u64);
    let date = message
        .date()
        .and_then(|d| Date::new(d.year, d.month, d.day));
    let sender = message.from().and_then(|from| {
        let first = from.first()?;
        first.name().or_else(|| first.address()).map(str::to_owned)
    });
    let subject = message
        .subject()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned);
    doc.apply(subject, date, sender);
    doc.left_out = left_out;
    Some(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: &str = "From: Wire Desk <desk@example.org>\r\n\
        Subject: Peru and Chile sign a port deal\r\n\
        Date: Tue, 3 Mar 2026 09:15:00 +0100\r\n\
        Content-Type: text/plain; charset=utf-8\r\n\
        \r\n\
        Peru and Chile signed a port agreement in Lima on Monday.\r\n";

    #[test]
    fn an_eml_message_is_one_article_with_subject_date_and_sender() {
        let (docs, reasons) = articles("a.eml", None, PLAIN.as_bytes(), false);
        assert!(reasons.is_empty(), "{reasons:?}");
        let doc = &docs[0];
        assert_eq!(doc.id, "a.eml");
        assert_eq!(doc.title, "Peru and Chile sign a port deal");
        assert_eq!(
            doc.date.map(|d| d.to_string()).as_deref(),
            Some("2026-03-03")
        );
        assert_eq!(doc.source.as_deref(), Some("Wire Desk"));
        assert_eq!(
            doc.text,
            "Peru and Chile signed a port agreement in Lima on Monday."
        );
    }

    #[test]
    fn the_html_part_is_read_as_a_page_and_each_part_in_its_own_charset() {
        let mail = "From: news@example.org\r\n\
            Subject: =?ISO-8859-1?Q?T=FCrkiye_briefing?=\r\n\
            MIME-Version: 1.0\r\n\
            Content-Type: multipart/alternative; boundary=\"b\"\r\n\
            \r\n\
            --b\r\n\
            Content-Type: text/plain; charset=iso-8859-1\r\n\
            Content-Transfer-Encoding: quoted-printable\r\n\
            \r\n\
            T=FCrkiye and Georgia opened the line. [https://x.example/unsubscribe]\r\n\
            --b\r\n\
            Content-Type: text/html; charset=utf-8\r\n\
            \r\n\
            <html><body><nav><a href=\"/\">Home</a> <a href=\"/a\">World</a></nav>\
            <article><p>T\u{fc}rkiye and Georgia opened the line on Friday.</p></article>\
            <footer><p>Unsubscribe from this newsletter.</p></footer></body></html>\r\n\
            --b--\r\n";
        let (docs, reasons) = articles("n.eml", None, mail.as_bytes(), false);
        assert!(reasons.is_empty(), "{reasons:?}");
        assert_eq!(docs[0].title, "Türkiye briefing");
        assert_eq!(
            docs[0].text,
            "Türkiye and Georgia opened the line on Friday."
        );
        assert!(
            !docs[0].left_out.is_empty(),
            "the footer is left out, not lost"
        );
    }

    #[test]
    fn an_mbox_holds_a_document_per_message_and_says_which_could_not_be_used() {
        let mbox = format!(
            "From desk@example.org Tue Mar  3 09:15:00 2026\n{}\n\
             From x@example.org Wed Mar  4 10:00:00 2026\nSubject: empty\n\n\n\
             From y@example.org Thu Mar  5 10:00:00 2026\nSubject: Kenya\n\n\
             Kenya and Egypt met.\n>From the archive.\n",
            PLAIN.replace("\r\n", "\n")
        );
        let (docs, reasons) = articles("box.mbox", None, mbox.as_bytes(), true);
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, vec!["box.mbox#1", "box.mbox#3"]);
        assert_eq!(reasons, vec!["message 2: no text".to_owned()]);
        assert!(
            docs[1].text.starts_with("Kenya and Egypt met."),
            "{}",
            docs[1].text
        );
        let (none, reasons) = articles("x.mbox", None, b"just some text\n", true);
        assert!(none.is_empty());
        assert!(
            reasons[0].starts_with("no message in the mailbox"),
            "{reasons:?}"
        );
    }
}
