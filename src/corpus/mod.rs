//! Sources to documents: walk folders, decode files, read metadata, segment paragraphs and
//! sentences, and mark boilerplate.
//!
//! A file that cannot be used never stops the load: it becomes a [`Problem`] naming the file and
//! the reason, and the rest of the corpus is read. Nothing here writes to the corpus.

mod boilerplate;
mod date;
mod decode;
mod meta;
mod segment;
mod walk;

use std::path::PathBuf;

use serde::Serialize;

pub use date::Date;
pub use decode::{DecodeError, decode};
pub use segment::{paragraphs, sentences};
pub(crate) use walk::io_reason;
pub use walk::{SourceFile, walk};

/// A byte range `[start, end)` in a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from `usize` offsets.
    pub fn new(start: usize, end: usize) -> Self {
        Self {
            start: start as u32,
            end: end as u32,
        }
    }

    /// The span as a `Range<usize>`, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Whether `offset` lies inside.
    pub fn contains(self, offset: u32) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// One sentence of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// Where it is in the text.
    pub span: Span,
    /// Index of its paragraph in [`Document::paragraphs`].
    pub paragraph: u32,
    /// Part of a notice, caption or share line rather than the article: shown, never counted.
    pub boilerplate: bool,
}

/// One article.
#[derive(Clone, Debug)]
pub struct Document {
    /// Path relative to the corpus root given (for the seeds: the file name).
    pub id: String,
    /// The file on disk, when there is one.
    pub path: Option<PathBuf>,
    /// Title, from the text.
    pub title: String,
    /// Publication date, when the document says.
    pub date: Option<Date>,
    /// The text as decoded to UTF-8, original line endings kept. Offsets point into it.
    pub text: String,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Where the article proper starts (after a metadata header line).
    pub content_start: u32,
    /// Paragraph spans, in order.
    pub paragraphs: Vec<Span>,
    /// Sentence spans, in order; no sentence crosses a paragraph.
    pub sentences: Vec<Sentence>,
}

impl Document {
    /// Reads a document from decoded text: metadata, paragraphs, sentences and boilerplate.
    pub fn from_text(id: String, path: Option<PathBuf>, text: String, bytes: u64) -> Self {
        let header = meta::header(&text);
        let paragraphs = segment::paragraphs(&text, header.content_start);
        let mut sentences = Vec::new();
        for (index, paragraph) in paragraphs.iter().enumerate() {
            let is_boilerplate = boilerplate::is_boilerplate(&text[paragraph.range()]);
            for span in segment::sentences(&text, *paragraph) {
                sentences.push(Sentence {
                    span,
                    paragraph: index as u32,
                    boilerplate: is_boilerplate,
                });
            }
        }
        let title = meta::title(&text, &paragraphs, &sentences).unwrap_or_else(|| id.clone());
        let date = header
            .date
            .or_else(|| meta::date_from_name(&id))
            .or_else(|| meta::dateline(&text, header.content_start));
        Self {
            id,
            path,
            title,
            date,
            text,
            bytes,
            content_start: header.content_start as u32,
            paragraphs,
            sentences,
        }
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// Index of the sentence holding byte `offset`, if any.
    pub fn sentence_at(&self, offset: u32) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.end <= offset);
        self.sentences
            .get(i)
            .filter(|s| s.span.contains(offset))
            .map(|_| i)
    }
}

/// A file that could not be used, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, as the user gave it or as found in a folder.
    pub path: String,
    /// A plain reason ("not text: binary content").
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_date_and_title_from_a_seed_like_text() {
        let text =
            " date 2026-01-30 + ↺ − 16 px\n\nAzerbaijan and Turkmenistan met. They agreed.\n";
        let doc = Document::from_text("a.txt".into(), None, text.into(), text.len() as u64);
        assert_eq!(
            doc.date.map(|d| d.to_string()).as_deref(),
            Some("2026-01-30")
        );
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(
            doc.slice(doc.sentences[0].span),
            "Azerbaijan and Turkmenistan met."
        );
        assert!(doc.content_start as usize > text.find("px").unwrap_or(0));
    }

    #[test]
    fn sentence_at_finds_the_sentence() {
        let text = "One here. Two there.";
        let doc = Document::from_text("a.txt".into(), None, text.into(), 20);
        assert_eq!(doc.sentence_at(0), Some(0));
        assert_eq!(doc.sentence_at(12), Some(1));
        assert_eq!(doc.sentence_at(9), None);
    }
}
