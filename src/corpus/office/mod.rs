//! Office and print documents read to plain text: DOCX, ODT and EPUB (zip packages of XML), RTF
//! and PDF. Each gives its text one paragraph per block with blank lines between (so the
//! paragraphs the author made are the paragraphs the reader sees) and the title, date and author
//! of the document's own metadata where it has them.
//!
//! What is read: the body's text in document order, tables cell by cell; not headers, footers,
//! footnotes, comments, deleted tracked changes or field codes. A document that opens but holds
//! no text is a problem (for a PDF, "no text: scanned image?"); so is a password.

mod docx;
mod epub;
mod odt;
mod pdf;
mod rtf;

use std::io::Cursor;

use super::Date;
use super::archive::{self, ArchiveError};

/// Office and print formats, by extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Office {
    /// Word (Office Open XML).
    Docx,
    /// OpenDocument text.
    Odt,
    /// An e-book: XHTML chapters in a zip package.
    Epub,
    /// Rich Text Format.
    Rtf,
    /// Portable Document Format: its text layer.
    Pdf,
}

impl Office {
    /// The format of a (lower-case) extension.
    pub fn of_extension(ext: &str) -> Option<Self> {
        match ext {
            "docx" | "docm" => Some(Self::Docx),
            "odt" => Some(Self::Odt),
            "epub" => Some(Self::Epub),
            "rtf" => Some(Self::Rtf),
            "pdf" => Some(Self::Pdf),
            _ => None,
        }
    }

    /// What the user calls it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Docx => "DOCX",
            Self::Odt => "ODT",
            Self::Epub => "EPUB",
            Self::Rtf => "RTF",
            Self::Pdf => "PDF",
        }
    }
}

/// A document's text and metadata.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Flow {
    /// Paragraphs separated by blank lines.
    pub text: String,
    /// The title its metadata gives.
    pub title: Option<String>,
    /// The date its metadata gives (created, else dated).
    pub date: Option<Date>,
    /// The author its metadata gives.
    pub author: Option<String>,
}

/// Why a document could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OfficeError {
    /// Not of the kind its name says, or broken.
    #[error("not a readable {kind} document ({reason})")]
    Damaged {
        /// The kind its name says.
        kind: &'static str,
        /// What the reader found.
        reason: String,
    },
    /// Protected by a password.
    #[error("encrypted: it needs a password")]
    Encrypted,
    /// A PDF whose pages have no text layer.
    #[error("no text: scanned image? (the PDF has no text layer to read)")]
    Scanned,
    /// Opens, but holds no text.
    #[error("no text in the {0} document")]
    NoText(&'static str),
    /// One of its parts inflates past the limit.
    #[error("a part inflates past {} MB: not read (a zip bomb?)", PART_LIMIT / 1_000_000)]
    TooLarge,
}

/// The largest part of a zip package read (a document's XML); larger is not a real document.
const PART_LIMIT: u64 = 64 * 1024 * 1024;

/// Reads a document of kind `kind` from its bytes.
pub fn read(kind: Office, bytes: &[u8]) -> Result<Flow, OfficeError> {
    let flow = match kind {
        Office::Docx => docx::read(bytes)?,
        Office::Odt => odt::read(bytes)?,
        Office::Epub => epub::read(bytes)?,
        Office::Rtf => rtf::read(bytes)?,
        Office::Pdf => pdf::read(bytes)?,
    };
    if flow.text.trim().is_empty() {
        return Err(match kind {
            Office::Pdf => OfficeError::Scanned,
            other => OfficeError::NoText(other.label()),
        });
    }
    Ok(flow)
}

/// Text gathered paragraph by paragraph: white space inside a line collapsed to one space, empty
/// paragraphs dropped, paragraphs separated by a blank line.
#[derive(Default)]
struct Paragraphs {
    out: String,
    current: String,
}

impl Paragraphs {
    fn push(&mut self, text: &str) {
        self.current.push_str(text);
    }

    fn push_char(&mut self, c: char) {
        self.current.push(c);
    }

    fn end(&mut self) {
        let mut para = String::new();
        for line in self.current.split('\n') {
            let mut words = line.split_whitespace().peekable();
            if words.peek().is_none() {
                continue;
            }
            if !para.is_empty() {
                para.push('\n');
            }
            for (i, word) in words.enumerate() {
                if i > 0 {
                    para.push(' ');
                }
                para.push_str(word);
            }
        }
        self.current.clear();
        if para.is_empty() {
            return;
        }
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
        self.out.push_str(&para);
    }

    fn finish(mut self) -> String {
        self.end();
        self.out
    }
}

/// A zip package (DOCX, ODT, EPUB) opened from its bytes.
struct Package<'a> {
    zip: archive::Zip<Cursor<&'a [u8]>>,
    kind: Office,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8], kind: Office) -> Result<Self, OfficeError> {
        // Office encrypts a document by wrapping it in a compound file (the old binary container).
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return Err(OfficeError::Encrypted);
        }
        let zip = archive::open_zip(Cursor::new(bytes)).map_err(|e| OfficeError::Damaged {
            kind: kind.label(),
            reason: match e {
                ArchiveError::Damaged { reason, .. } => reason,
                other => other.to_string(),
            },
        })?;
        Ok(Self { zip, kind })
    }

    fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// A part's text (UTF-8, as XML packages are written).
    fn part(&mut self, name: &str) -> Result<String, OfficeError> {
        let kind = self.kind.label();
        let index = self
            .zip
            .index_for_name(name)
            .ok_or_else(|| OfficeError::Damaged {
                kind,
                reason: format!("it has no {name}"),
            })?;
        let bytes =
            archive::zip_member_within(&mut self.zip, index, PART_LIMIT).map_err(|e| match e {
                ArchiveError::Encrypted => OfficeError::Encrypted,
                ArchiveError::TooLarge { .. } => OfficeError::TooLarge,
                other => OfficeError::Damaged {
                    kind,
                    reason: format!("{name}: {other}"),
                },
            })?;
        let bytes = bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&bytes)
            .to_vec();
        String::from_utf8(bytes).map_err(|e| OfficeError::Damaged {
            kind,
            reason: format!("{name} is not UTF-8 ({e})"),
        })
    }

    /// A part parsed as XML and handed to `read`.
    fn xml<T>(
        &mut self,
        name: &str,
        read: impl FnOnce(&roxmltree::Document<'_>) -> T,
    ) -> Result<T, OfficeError> {
        let text = self.part(name)?;
        let doc = roxmltree::Document::parse(&text).map_err(|e| OfficeError::Damaged {
            kind: self.kind.label(),
            reason: format!("{name}: {e}"),
        })?;
        Ok(read(&doc))
    }
}

/// The trimmed text of the first element named `name` (local name), if not empty.
fn first_text(doc: &roxmltree::Document<'_>, name: &str) -> Option<String> {
    doc.descendants()
        .find(|n| n.is_element() && n.tag_name().name() == name)
        .map(|n| {
            n.descendants()
                .filter(roxmltree::Node::is_text)
                .filter_map(|t| t.text())
                .collect::<String>()
        })
        .map(|s| super::one_line(&s))
        .filter(|s| !s.is_empty())
}

/// The first of `names` that holds a date.
fn first_date(doc: &roxmltree::Document<'_>, names: &[&str]) -> Option<Date> {
    names
        .iter()
        .find_map(|name| first_text(doc, name).and_then(|s| super::meta::loose_date(&s)))
}

/// A step of a walk through an XML tree: an element or text node entered, or an element left.
enum Edge<'a, 'input> {
    Open(roxmltree::Node<'a, 'input>),
    Close(roxmltree::Node<'a, 'input>),
}

/// Walks the tree under `root` in document order, without recursion (however deep the file),
/// handing each node entered and each element left to `visit`; the subtrees of elements `skip`
/// chooses are passed over whole.
fn walk<'a, 'input>(
    root: roxmltree::Node<'a, 'input>,
    skip: impl Fn(&roxmltree::Node<'a, 'input>) -> bool,
    mut visit: impl FnMut(Edge<'a, 'input>),
) {
    let mut node = root;
    'nodes: loop {
        if !(node.is_element() && skip(&node)) {
            visit(Edge::Open(node));
            if let Some(child) = node.first_child() {
                node = child;
                continue;
            }
            if node.is_element() {
                visit(Edge::Close(node));
            }
        }
        // `node` is done: on to its next sibling, or up, leaving each ancestor finished.
        loop {
            if node == root {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                continue 'nodes;
            }
            let Some(parent) = node.parent() else {
                return;
            };
            node = parent;
            if node.is_element() {
                visit(Edge::Close(node));
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Asserts the title, author and date (`YYYY-MM-DD`) a document's metadata gave.
    pub(in crate::corpus::office) fn metadata(flow: &Flow, title: &str, author: &str, date: &str) {
        assert_eq!(flow.title.as_deref(), Some(title));
        assert_eq!(flow.author.as_deref(), Some(author));
        assert_eq!(flow.date.map(|d| d.to_string()).as_deref(), Some(date));
    }

    #[test]
    fn paragraphs_collapse_white_space_and_drop_empty_ones() {
        let mut p = Paragraphs::default();
        p.push("  Peru  and\tChile ");
        p.end();
        p.push("   ");
        p.end();
        p.push("Line one\n  line two ");
        assert_eq!(p.finish(), "Peru and Chile\n\nLine one\nline two");
    }

    #[test]
    fn an_office_file_wrapped_for_a_password_is_encrypted() {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.resize(512, 0);
        assert_eq!(read(Office::Docx, &bytes), Err(OfficeError::Encrypted));
    }

    #[test]
    fn a_file_that_is_not_a_package_is_damaged_naming_the_kind() {
        let err = read(Office::Odt, b"just text").err();
        assert!(
            matches!(err, Some(OfficeError::Damaged { kind: "ODT", .. })),
            "{err:?}"
        );
    }
}
