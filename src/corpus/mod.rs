//! Sources to documents: walk folders, decode files, read metadata, segment paragraphs and
//! sentences, and mark boilerplate.
//!
//! A file that cannot be used never stops the load: it becomes a [`Problem`] naming the file and
//! the reason, and the rest of the corpus is read. Nothing here writes to the corpus.

mod archive;
mod boilerplate;
mod date;
mod decode;
mod dedup;
mod html;
mod mail;
mod meta;
mod newsdb;
mod office;
mod records;
mod segment;
mod walk;
mod warc;

use std::path::PathBuf;

use serde::Serialize;

pub use archive::{
    ArchiveError, Container, MAX_MEMBER_BYTES, SharedFile, TarMember, gunzip, member_name,
    open_zip, tar_files, tar_member_named, without_gz, zip_files, zip_member, zip_member_named,
};
pub use date::Date;
pub use decode::{DecodeError, decode};
pub use dedup::{Duplicate, Print, duplicates, duplicates_of, fingerprint};
/// The rules of near copies, for engines that group copies themselves (the Spark job).
pub mod copies {
    pub use super::dedup::{KEY_SPAN, MAX_BUCKET, NEAR, similarity};
}
pub use html::{LeftOut, Page, Why, looks_like_html, page};
pub use meta::one_line;
pub use newsdb::Layout;
pub use office::{Flow, Office, OfficeError};
pub use records::{Record, Records, RecordsError, csv, json, json_lines};
pub use segment::{paragraphs, sentences};
pub use walk::io_reason;
pub use walk::{
    Found, SourceFile, UNSUPPORTED, Walked, found, read_extensions, unsupported_reason, walk,
};
pub use warc::{WarcPage, WarcRecord, records as warc_records, warc_page};

/// How a file holds its articles, by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown: one article (an HTML page saved as text is read as HTML).
    Text,
    /// A web page: one article, its visible text.
    Html,
    /// One JSON object per line.
    JsonLines,
    /// A JSON array of objects, an object, or an object with a list of them.
    Json,
    /// Comma-separated values with a header row.
    Csv,
    /// One mail message (`.eml`).
    Mail,
    /// A mailbox of messages (`.mbox`).
    Mbox,
    /// An office or print document (DOCX, ODT, EPUB, RTF, PDF), read from its bytes.
    Office(Office),
}

impl Format {
    /// The format of a file name (plain text when the extension says nothing else); a `.gz`
    /// file has the format of what it holds.
    pub fn of(name: &str) -> Self {
        let ext = archive::without_gz(name)
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "html" | "htm" | "xhtml" => Self::Html,
            "jsonl" | "ndjson" => Self::JsonLines,
            "json" => Self::Json,
            "csv" => Self::Csv,
            "eml" => Self::Mail,
            "mbox" => Self::Mbox,
            other => Office::of_extension(other).map_or(Self::Text, Self::Office),
        }
    }
}

/// The id of the file a document comes from: its own id, or for one of several articles of a
/// file (`file#n`, see [`articles`]) the part before the `#`.
pub fn file_id(doc_id: &str) -> &str {
    match doc_id.rsplit_once('#') {
        Some((file, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => file,
        _ => doc_id,
    }
}

/// The articles of one file, read in its format, and why parts of it could not be used
/// (`(reason)`; the caller names the file). Record ids are `file#n` (line, position or record).
pub fn articles(
    id: &str,
    path: Option<&std::path::Path>,
    text: String,
    bytes: u64,
) -> (Vec<Document>, Vec<String>) {
    let path_buf = path.map(std::path::Path::to_path_buf);
    let records = |r: Records| {
        let docs = r
            .records
            .into_iter()
            .map(|rec| {
                let len = rec.text.len() as u64;
                let mut doc = Document::from_text(
                    format!("{id}#{}", rec.at),
                    path_buf.clone(),
                    rec.text,
                    len,
                );
                doc.apply(rec.title, rec.date, rec.source);
                doc
            })
            .collect();
        (docs, r.problems.into_iter().map(|p| p.1).collect())
    };
    let format = match Format::of(id) {
        Format::Text if html::looks_like_html(&text) => Format::Html,
        f => f,
    };
    match format {
        Format::Text => exported(id, path, &text).unwrap_or_else(|| {
            (
                stories(Document::from_text(id.to_owned(), path_buf, text, bytes)),
                Vec::new(),
            )
        }),
        Format::Html => {
            let page = html::page(&text);
            if page.text.trim().is_empty() {
                let reason = match page.left_out.first() {
                    None => "no visible text in the page".to_owned(),
                    Some(block) => format!(
                        "no article text in the page, only page furniture ({})",
                        block.why
                    ),
                };
                return (Vec::new(), vec![reason]);
            }
            // An export saved as a page (Factiva's): its articles are laid out in tables the
            // page reader takes for furniture, so the split reads every visible block.
            if newsdb::maybe(&text)
                && let Some(read) = exported(id, path, &html::visible_text(&page))
            {
                return read;
            }
            let mut doc = Document::from_text(id.to_owned(), path_buf, page.text, bytes);
            doc.apply(page.title, page.date, page.url);
            doc.left_out = page.left_out;
            (stories(doc), Vec::new())
        }
        Format::JsonLines => records(records::json_lines(&text)),
        Format::Json => match records::json(&text) {
            Ok(r) => records(r),
            Err(e) => (Vec::new(), vec![e.to_string()]),
        },
        Format::Csv => match records::csv(&text) {
            Ok(r) => records(r),
            Err(e) => (Vec::new(), vec![e.to_string()]),
        },
        // Read from the raw bytes by `raw_articles`; as decoded text, the same.
        Format::Mail | Format::Mbox => {
            mail::articles(id, path, text.as_bytes(), format == Format::Mbox)
        }
        Format::Office(kind) => office_articles(id, path, kind, text.as_bytes()),
    }
}

/// The articles of a file read from its raw bytes rather than decoded text — mail (each MIME
/// part decoded in its own character set) and office and print documents; `None` for a file of
/// another format.
pub fn raw_articles(
    id: &str,
    path: Option<&std::path::Path>,
    bytes: &[u8],
) -> Option<(Vec<Document>, Vec<String>)> {
    match Format::of(id) {
        Format::Mail => Some(mail::articles(id, path, bytes, false)),
        Format::Mbox => Some(mail::articles(id, path, bytes, true)),
        Format::Office(kind) => Some(office_articles(id, path, kind, bytes)),
        _ => None,
    }
}

/// An office or print document as an article, its metadata applied.
fn office_articles(
    id: &str,
    path: Option<&std::path::Path>,
    kind: Office,
    bytes: &[u8],
) -> (Vec<Document>, Vec<String>) {
    match office::read(kind, bytes) {
        Ok(flow) => {
            if let Some(read) = exported(id, path, &flow.text) {
                return read;
            }
            let mut doc = Document::from_text(
                id.to_owned(),
                path.map(std::path::Path::to_path_buf),
                flow.text,
                bytes.len() as u64,
            );
            doc.apply(flow.title, flow.date, None);
            doc.byline = flow.author;
            (vec![doc], Vec::new())
        }
        Err(e) => (Vec::new(), vec![e.to_string()]),
    }
}

/// Several stories on one page. A page (or text file) whose article is closed by its legal
/// notice or copyright line (see `boilerplate::is_closing_notice`) and that goes on after it
/// carries other stories there — the briefs and teasers news sites put under an article. The
/// article keeps its id and its text up to and including the notice; each later paragraph that
/// reads as a story (not boilerplate, eight words or more) becomes a document of its own,
/// `id#2`, `id#3` …, dated and sourced as the page. So the article window never links a country
/// of the article with one of a brief, nor two briefs. Limits: a notice must close the article
/// (one at the very top is a header, not a close); a brief of several paragraphs is split into
/// one document per paragraph; a page with briefs but no closing notice stays one document.
fn stories(doc: Document) -> Vec<Document> {
    let Some((end, briefs)) = story_breaks(&doc.text, &doc.paragraphs) else {
        return vec![doc];
    };
    let mut out = Vec::with_capacity(1 + briefs.len());
    let english = crate::extract::reads_as_english(&doc.text);
    let mut main = Document::from_text(
        doc.id.clone(),
        doc.path.clone(),
        doc.text[..end].to_owned(),
        doc.bytes,
    );
    main.title.clone_from(&doc.title);
    main.date = doc.date;
    main.source.clone_from(&doc.source);
    main.byline.clone_from(&doc.byline);
    main.left_out = doc
        .left_out
        .iter()
        .filter(|l| l.at <= end)
        .cloned()
        .collect();
    out.push(main);
    for (i, span) in briefs.into_iter().enumerate() {
        let text = doc.text[span.range()].to_owned();
        let len = text.len() as u64;
        let mut brief =
            Document::from_text(format!("{}#{}", doc.id, i + 2), doc.path.clone(), text, len);
        brief.date = brief.date.or(doc.date);
        brief.source.clone_from(&doc.source);
        brief.english_context = english;
        out.push(brief);
    }
    out
}

/// Where a text's article ends (the end of its closing notice) and the paragraphs after it that
/// are stories of their own; `None` when it holds one story.
fn story_breaks(text: &str, paragraphs: &[Span]) -> Option<(usize, Vec<Span>)> {
    let at = paragraphs
        .iter()
        .enumerate()
        .skip(1)
        .find(|(_, p)| boilerplate::is_closing_notice(&text[p.range()]))
        .map(|(i, _)| i)?;
    let briefs: Vec<Span> = paragraphs[at + 1..]
        .iter()
        .filter(|p| {
            let body = &text[p.range()];
            !boilerplate::is_boilerplate(body) && body.split_whitespace().count() >= 8
        })
        .copied()
        .collect();
    (!briefs.is_empty()).then(|| (paragraphs[at].end as usize, briefs))
}

/// The length of the first story of a text read as one article (the whole text when it holds
/// one): what a document read from it keeps.
pub fn first_story_len(text: &str) -> usize {
    let header = meta::header(text);
    let paragraphs = segment::paragraphs(text, header.content_start);
    story_breaks(text, &paragraphs).map_or(text.len(), |(end, _)| end)
}

/// The articles of a news-database export (see [`newsdb`]) as documents `id#n`, n counted
/// from 1; `None` when the text is not laid out as an export.
fn exported(
    id: &str,
    path: Option<&std::path::Path>,
    text: &str,
) -> Option<(Vec<Document>, Vec<String>)> {
    let (_, stories) = newsdb::split(text)?;
    let mut docs = Vec::with_capacity(stories.len());
    let mut reasons = Vec::new();
    for (i, story) in stories.into_iter().enumerate() {
        let n = i + 1;
        if story.text.trim().is_empty() {
            reasons.push(format!("article {n} of the export has no text"));
            continue;
        }
        let len = story.text.len() as u64;
        let mut doc = Document::from_text(
            format!("{id}#{n}"),
            path.map(std::path::Path::to_path_buf),
            story.text,
            len,
        );
        doc.apply(story.title, story.date, story.source);
        doc.byline = story.byline;
        docs.push(doc);
    }
    Some((docs, reasons))
}

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
    /// The file on disk, when there is one (for a document read from an archive: the archive).
    pub path: Option<PathBuf>,
    /// For a document read from a zip or tar archive: the member of `path` it was read from.
    pub member: Option<std::sync::Arc<str>>,
    /// Title, from the text or the file's metadata.
    pub title: String,
    /// Where the article was published (a URL or a name), when the file says.
    pub source: Option<String>,
    /// Who wrote it, when the file says (a byline, a document's author).
    pub byline: Option<String>,
    /// A story split from a page that plainly reads as English: names in other languages need
    /// not be looked for in it, however few its words (see `extract::reads_as_english`).
    pub english_context: bool,
    /// The earlier document this one repeats (exactly or nearly): it is then shown but not
    /// counted.
    pub duplicate_of: Option<u32>,
    /// Publication date, when the document says.
    pub date: Option<Date>,
    /// The text as decoded to UTF-8, original line endings kept. Offsets point into it.
    /// Empty when the text was let go after reading ([`Document::on_disk`]).
    pub text: String,
    /// Set to the text's length when the text was let go after reading to save memory (the
    /// command line keeps offsets, not copies): read it back with `pipeline::reread`.
    pub on_disk: Option<usize>,
    /// Size of the file in bytes.
    pub bytes: u64,
    /// Where the article proper starts (after a metadata header line).
    pub content_start: u32,
    /// Paragraph spans, in order.
    pub paragraphs: Vec<Span>,
    /// Sentence spans, in order; no sentence crosses a paragraph.
    pub sentences: Vec<Sentence>,
    /// For a web page, the visible blocks left out of `text` as not the article (menus, lists
    /// of links, captions …), where they stood: shown dimmed by the reader, never counted.
    /// Let go with the text ([`pipeline::page_of`](crate::pipeline::page_of) reads them back).
    pub left_out: Vec<LeftOut>,
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
            member: None,
            title,
            source: None,
            byline: None,
            english_context: false,
            duplicate_of: None,
            date,
            text,
            on_disk: None,
            bytes,
            content_start: header.content_start as u32,
            paragraphs,
            sentences,
            left_out: Vec::new(),
        }
    }

    /// Metadata from the file's format: it takes precedence over what the text suggests.
    pub fn apply(&mut self, title: Option<String>, date: Option<Date>, source: Option<String>) {
        if let Some(t) = title {
            self.title = t;
        }
        if date.is_some() {
            self.date = date;
        }
        if source.is_some() {
            self.source = source;
        }
    }

    /// Lets the text go, keeping its length: spans and mentions stay valid, the text is read
    /// back from the file when needed.
    pub fn release_text(&mut self) {
        if self.path.is_some() && self.on_disk.is_none() {
            self.on_disk = Some(self.text.len());
            self.text = String::new();
            self.left_out = Vec::new();
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

/// Whether a source or link is an absolute web address (`http://` or `https://`).
pub fn is_web_address(text: &str) -> bool {
    text.starts_with("http://") || text.starts_with("https://")
}

/// A file that could not be used, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The file, as the user gave it or as found in a folder.
    pub path: String,
    /// A plain reason ("not text: binary content").
    pub reason: String,
}

impl Problem {
    /// The extension of a file reported as of a kind that is not read (empty for none).
    pub fn unsupported(&self) -> Option<&str> {
        // The reason may name an archive's member first ("inner/a.pdf: not a supported …").
        let at = self.reason.rfind(UNSUPPORTED)?;
        let rest = self.reason[at + UNSUPPORTED.len()..].trim_start();
        if rest == "(no extension)" {
            return Some("");
        }
        rest.strip_prefix("(.")?.strip_suffix(')')
    }
}

/// Files of kinds that are not read, counted by extension, most first: `[("pdf", 12), ...]`.
pub fn unsupported_counts(problems: &[Problem]) -> Vec<(String, usize)> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for ext in problems.iter().filter_map(Problem::unsupported) {
        *counts.entry(ext).or_default() += 1;
    }
    let mut counts: Vec<(String, usize)> =
        counts.into_iter().map(|(e, n)| (e.to_owned(), n)).collect();
    // Most first; files with no extension after the others of their count.
    counts.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| a.0.is_empty().cmp(&b.0.is_empty()))
            .then_with(|| a.0.cmp(&b.0))
    });
    counts
}

/// "12 .pdf files, 3 .png files and 1 file with no extension".
pub fn unsupported_summary(counts: &[(String, usize)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .map(|(ext, n)| {
            let files = if *n == 1 { "file" } else { "files" };
            if ext.is_empty() {
                format!("{n} {files} with no extension")
            } else {
                format!("{n} .{ext} {files}")
            }
        })
        .collect();
    match parts.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE_WITH_BRIEFS: &str = "date 2026-01-30\n\
        Peru and Chile sign a port deal\n\n\
        Peru and Chile signed a port agreement in Lima on Monday.\n\n\
        LEGAL WARNING: All rights of the published news are reserved by the agency.\n\n\
        The European Union extended its sanctions against Russia for six more months.\n\n\
        Share on social media\n\n\
        Japan is preparing to restart a nuclear power plant on the coast on Monday.\n";

    #[test]
    fn briefs_after_a_closing_notice_are_stories_of_their_own() {
        let (docs, reasons) = articles("a.txt", None, PAGE_WITH_BRIEFS.to_owned(), 0);
        assert!(reasons.is_empty());
        let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["a.txt", "a.txt#2", "a.txt#3"]);
        assert!(
            docs[0].text.ends_with("reserved by the agency."),
            "{}",
            docs[0].text
        );
        assert_eq!(docs[0].title, "Peru and Chile sign a port deal");
        assert_eq!(
            docs[1].text,
            "The European Union extended its sanctions against Russia for six more months."
        );
        // Dated as the page, and judged English as the page is (a sentence alone is too short).
        assert_eq!(docs[2].date, Date::new(2026, 1, 30));
        assert!(docs[1].english_context && docs[2].english_context);
        assert!(!docs[0].english_context);
        assert_eq!(first_story_len(PAGE_WITH_BRIEFS), docs[0].text.len());
        assert_eq!(file_id("a.txt#3"), "a.txt");
    }

    #[test]
    fn a_page_ending_with_its_notice_or_with_no_notice_is_one_story() {
        for text in [
            "Peru and Chile met.\n\nCopyright 2026 The Wire. All rights reserved.",
            "Peru and Chile met in Lima on Monday to talk.\n\nJapan and Kenya met in Nairobi on Tuesday to talk.",
            "Copyright 2026 The Wire.\n\nPeru and Chile met in Lima on Monday to talk again.",
        ] {
            let (docs, _) = articles("a.txt", None, text.to_owned(), 0);
            assert_eq!(docs.len(), 1, "{text}");
            assert_eq!(docs[0].text, text);
        }
    }

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
