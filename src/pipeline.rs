//! Sources to an extracted corpus: read each file once, decode, segment and extract mentions in
//! parallel, reporting progress and honouring cancellation. The graph is then built from the
//! result as often as parameters change ([`crate::graph::build`]).

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::corpus::{self, Document, Problem, SourceFile};
use crate::extract::{self, Mention};
use crate::gazetteer::Gazetteer;

include!(concat!(env!("OUT_DIR"), "/seeds.rs"));

/// The texts of the bundled corpus that are UTF-8 (all of them), for tests.
#[cfg(test)]
pub(crate) fn seed_texts() -> impl Iterator<Item = &'static str> {
    SEEDS
        .iter()
        .filter_map(|(_, bytes)| std::str::from_utf8(bytes).ok())
}

/// Files larger than this are reported, not read: a news article is never this big.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Where the articles come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// The corpus bundled into the binary.
    Seeds,
    /// Folders and files on disk.
    Paths(Vec<PathBuf>),
}

impl Source {
    /// The bundled corpus when no path is given.
    pub fn from_paths(paths: Vec<PathBuf>) -> Self {
        if paths.is_empty() {
            Self::Seeds
        } else {
            Self::Paths(paths)
        }
    }

    /// A short human name ("bundled seeds", "news/", "3 paths").
    pub fn label(&self) -> String {
        match self {
            Self::Seeds => "bundled seeds".to_owned(),
            Self::Paths(p) if p.len() == 1 => p[0].display().to_string(),
            Self::Paths(p) => format!("{} paths", p.len()),
        }
    }
}

/// A corpus read and searched: documents, their mentions and the files that could not be used.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    /// Documents by file id, and in file order within a file of many articles.
    pub documents: Vec<Document>,
    /// `mentions[i]` are the mentions of `documents[i]`, in text order.
    pub mentions: Vec<Vec<Mention>>,
    /// Files that could not be used.
    pub problems: Vec<Problem>,
    /// Documents that repeat an earlier one, shown but not counted.
    pub duplicates: Vec<corpus::Duplicate>,
}

impl Dataset {
    /// The documents that count (not copies of an earlier one), with their mentions.
    pub fn counted(&self) -> impl Iterator<Item = (&Document, &[Mention])> {
        self.documents
            .iter()
            .zip(&self.mentions)
            .filter(|(d, _)| d.duplicate_of.is_none())
            .map(|(d, ms)| (d, ms.as_slice()))
    }

    /// Total bytes of the documents read.
    pub fn bytes(&self) -> u64 {
        self.documents.iter().map(|d| d.bytes).sum()
    }
}

/// How far a load has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files finished (read or failed).
    pub files_done: usize,
    /// Files found.
    pub files_total: usize,
    /// Bytes read so far.
    pub bytes_done: u64,
    /// Bytes of all the files found, estimated from those read so far.
    pub bytes_total: u64,
}

/// A load that did not finish.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The user cancelled.
    #[error("cancelled")]
    Cancelled,
}

/// The files of a source, listed before any is read.
#[derive(Clone, Debug, Default)]
pub struct Listing {
    files: Vec<SourceFile>,
    problems: Vec<Problem>,
}

/// Lists a source's files (walking folders). Cheap next to reading them, and independent of the
/// gazetteer, so the two can be prepared at once.
pub fn list(source: &Source) -> Listing {
    match source {
        Source::Seeds => Listing::default(),
        Source::Paths(roots) => {
            let (files, problems) = corpus::walk(roots);
            Listing { files, problems }
        }
    }
}

/// What becomes of a document's text once its mentions are found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Texts {
    /// Kept in memory (the window shows and searches them).
    Kept,
    /// Let go: only offsets are kept, and a text is read back from its file when asked for
    /// ([`reread`]). The bundled articles are always kept.
    OnDisk,
}

/// Reads and extracts a source, keeping the texts. `progress` is called from worker threads now
/// and then.
pub fn load(
    source: &Source,
    gazetteer: &Gazetteer,
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> Result<Dataset, LoadError> {
    read(
        source,
        list(source),
        gazetteer,
        Texts::Kept,
        progress,
        cancel,
    )
}

/// Reads and extracts the listed files of a source.
pub fn read(
    source: &Source,
    listing: Listing,
    gazetteer: &Gazetteer,
    texts: Texts,
    progress: &(dyn Fn(Progress) + Sync),
    cancel: &AtomicBool,
) -> Result<Dataset, LoadError> {
    let Listing {
        files,
        mut problems,
    } = listing;
    let total = match source {
        Source::Seeds => SEEDS.len(),
        Source::Paths(_) => files.len(),
    };
    // Sizes are not asked of every file up front (that is a pass over the disk of its own):
    // the total is estimated from the files read so far.
    let estimate = |bytes_done: u64, files_done: usize| {
        if files_done == 0 {
            0
        } else {
            bytes_done / files_done as u64 * total as u64
        }
    };
    let done = AtomicUsize::new(0);
    let bytes = AtomicU64::new(0);
    let step = |n: u64| {
        let files_done = done.fetch_add(1, Ordering::Relaxed) + 1;
        let bytes_done = bytes.fetch_add(n, Ordering::Relaxed) + n;
        if files_done.is_multiple_of(64) || files_done == total {
            progress(Progress {
                files_done,
                files_total: total,
                bytes_done,
                bytes_total: estimate(bytes_done, files_done),
            });
        }
    };
    progress(Progress {
        files_done: 0,
        files_total: total,
        bytes_done: 0,
        bytes_total: 0,
    });

    let mut results: Vec<(String, FileRead)> = match source {
        Source::Seeds => SEEDS
            .par_iter()
            .map(|(name, data)| {
                step(data.len() as u64);
                (
                    (*name).to_owned(),
                    read_bytes(name, None, data.to_vec(), gazetteer),
                )
            })
            .collect(),
        Source::Paths(_) => files
            .par_iter()
            .map(|file| {
                if cancel.load(Ordering::Relaxed) {
                    return (file.id.clone(), FileRead::default());
                }
                let mut result = read_file(file, gazetteer);
                if texts == Texts::OnDisk {
                    for (doc, _, _) in &mut result.articles {
                        doc.release_text();
                    }
                }
                step(result.bytes);
                (file.id.clone(), result)
            })
            .collect(),
    };
    if cancel.load(Ordering::Relaxed) {
        return Err(LoadError::Cancelled);
    }
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let mut documents = Vec::with_capacity(results.len());
    let mut mentions = Vec::with_capacity(results.len());
    let mut prints = Vec::with_capacity(results.len());
    for (_, read) in results {
        for (doc, ms, print) in read.articles {
            documents.push(doc);
            mentions.push(ms);
            prints.push(print);
        }
        problems.extend(read.problems);
    }
    let duplicates = corpus::duplicates_of(&prints);
    for d in &duplicates {
        if let Some(doc) = documents.get_mut(d.doc as usize) {
            doc.duplicate_of = Some(d.of);
        }
    }
    Ok(Dataset {
        documents,
        mentions,
        problems,
        duplicates,
    })
}

/// Reads a document's text back from its file, for a document read with [`Texts::OnDisk`] (or
/// any other: its text is then simply copied). The file is decoded and split into articles again;
/// an error says why the text is not what was read (gone, changed, unreadable).
pub fn reread(doc: &Document) -> Result<String, String> {
    if doc.on_disk.is_none() {
        return Ok(doc.text.clone());
    }
    text_in(doc, &reread_file(doc)?)
}

/// The articles of a document's file, read again: `(id, text)` in file order. Several documents
/// of one file take their texts from one reading with [`text_in`].
pub fn reread_file(doc: &Document) -> Result<Vec<(String, String)>, String> {
    let path = doc
        .path
        .as_deref()
        .ok_or_else(|| format!("{}: no file to read the text from", doc.id))?;
    let data = std::fs::read(path)
        .map_err(|e| format!("{}: {}", path.display(), corpus::io_reason(&e)))?;
    let bytes = data.len() as u64;
    let text = corpus::decode(data).map_err(|e| format!("{}: {e}", path.display()))?;
    // A file of many articles names each `file#n`.
    let file_id = match doc.id.rsplit_once('#') {
        Some((file, _))
            if !matches!(
                corpus::Format::of(file),
                corpus::Format::Text | corpus::Format::Html
            ) =>
        {
            file
        }
        _ => doc.id.as_str(),
    };
    let (articles, _) = corpus::articles(file_id, Some(path), text, bytes);
    Ok(articles.into_iter().map(|a| (a.id, a.text)).collect())
}

/// `doc`'s text among the articles of its file read again, checked against what was read.
pub fn text_in(doc: &Document, articles: &[(String, String)]) -> Result<String, String> {
    let expected = doc.on_disk.unwrap_or(doc.text.len());
    articles
        .iter()
        .find(|(id, text)| *id == doc.id && text.len() == expected)
        .map(|(_, text)| text.clone())
        .ok_or_else(|| {
            format!(
                "{}: the file changed since it was read (reload the corpus)",
                doc.path
                    .as_deref()
                    .map_or(doc.id.clone(), |p| p.display().to_string())
            )
        })
}

/// What one file gave: its articles with their mentions, and its problems.
#[derive(Default)]
pub struct FileRead {
    /// The articles, in file order, with their mentions and fingerprints.
    pub articles: Vec<(Document, Vec<Mention>, corpus::Print)>,
    /// What could not be used, the file named in each.
    pub problems: Vec<Problem>,
    /// The file's size.
    pub bytes: u64,
}

fn read_file(file: &SourceFile, gazetteer: &Gazetteer) -> FileRead {
    let fail = |reason: String| FileRead {
        problems: vec![Problem {
            path: file.path.display().to_string(),
            reason,
        }],
        ..FileRead::default()
    };
    let size = match std::fs::metadata(&file.path) {
        Ok(m) => m.len(),
        Err(e) => return fail(corpus::io_reason(&e)),
    };
    if size > MAX_FILE_BYTES {
        return fail(format!(
            "too large: {} MB (files over {} MB are not read)",
            size / 1_000_000,
            MAX_FILE_BYTES / 1_000_000
        ));
    }
    let data = match std::fs::read(&file.path) {
        Ok(d) => d,
        Err(e) => return fail(corpus::io_reason(&e)),
    };
    let mut read = read_bytes(&file.id, Some(&file.path), data, gazetteer);
    for p in &mut read.problems {
        p.path = file.path.display().to_string();
    }
    read
}

/// Decodes one file's bytes, reads its articles in its format (by the id's extension), segments
/// them and extracts their mentions.
pub fn read_bytes(
    id: &str,
    path: Option<&std::path::Path>,
    data: Vec<u8>,
    gazetteer: &Gazetteer,
) -> FileRead {
    let bytes = data.len() as u64;
    let problem = |reason: String| Problem {
        path: id.to_owned(),
        reason,
    };
    let text = match corpus::decode(data) {
        Ok(text) => text,
        Err(e) => {
            return FileRead {
                problems: vec![problem(e.to_string())],
                bytes,
                ..FileRead::default()
            };
        }
    };
    if text.trim().is_empty() {
        return FileRead {
            problems: vec![problem("empty file (white space only)".into())],
            bytes,
            ..FileRead::default()
        };
    }
    let (docs, reasons) = corpus::articles(id, path, text, bytes);
    let articles = docs
        .into_iter()
        .map(|doc| {
            let mentions = extract::extract(gazetteer, &doc);
            // While the text is in the cache.
            let print = corpus::fingerprint(&doc);
            (doc, mentions, print)
        })
        .collect();
    FileRead {
        articles,
        problems: reasons.into_iter().map(problem).collect(),
        bytes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_load_with_no_problem() {
        let g = Gazetteer::bundled().expect("gazetteer");
        let d = load(&Source::Seeds, &g, &|_| {}, &AtomicBool::new(false)).expect("loads");
        assert_eq!(d.documents.len(), SEEDS.len());
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert!(d.mentions.iter().all(|m| !m.is_empty()));
        let ids: Vec<&str> = d.documents.iter().map(|d| d.id.as_str()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        assert_eq!(ids, sorted);
    }

    #[test]
    fn bad_files_become_problems_and_the_rest_loads() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("good.txt"), "Chile and Peru met.").expect("write");
        std::fs::write(dir.path().join("bad.txt"), b"\x00\x01\x02binary").expect("write");
        std::fs::write(dir.path().join("latin1.txt"), b"T\xfcrkiye").expect("write");
        std::fs::write(dir.path().join("empty.txt"), b"").expect("write");
        let g = Gazetteer::bundled().expect("gazetteer");
        let source = Source::Paths(vec![dir.path().to_path_buf()]);
        let d = load(&source, &g, &|_| {}, &AtomicBool::new(false)).expect("loads");
        // The Latin-1 file is decoded and its "Türkiye" found.
        assert_eq!(d.documents.len(), 2);
        let latin1 = d
            .documents
            .iter()
            .position(|doc| doc.id == "latin1.txt")
            .expect("latin1.txt loads");
        assert_eq!(d.documents[latin1].text, "Türkiye");
        let tur = g.by_code("TUR").expect("TUR");
        assert!(d.mentions[latin1].iter().any(|m| m.entity == tur));
        let mut reasons: Vec<String> = d.problems.iter().map(ToString::to_string).collect();
        reasons.sort();
        assert_eq!(reasons.len(), 2, "{reasons:?}");
        assert!(reasons[0].contains("bad.txt") && reasons[0].contains("binary"));
        assert!(reasons[1].contains("empty.txt") && reasons[1].contains("empty"));
    }

    #[test]
    fn texts_let_go_are_read_back_from_their_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.txt"), "Chile and Peru met in Lima.").expect("write");
        std::fs::write(
            dir.path().join("feed.jsonl"),
            "{\"text\": \"Armenia and Georgia.\"}\n{\"text\": \"T\\u00fcrkiye and Iran.\"}\n",
        )
        .expect("write");
        std::fs::write(dir.path().join("latin1.txt"), b"Chile y T\xfcrkiye.").expect("write");
        let g = Gazetteer::bundled().expect("gazetteer");
        let source = Source::Paths(vec![dir.path().to_path_buf()]);
        let no = AtomicBool::new(false);
        let kept = read(&source, list(&source), &g, Texts::Kept, &|_| {}, &no).expect("loads");
        let let_go = read(&source, list(&source), &g, Texts::OnDisk, &|_| {}, &no).expect("loads");
        assert_eq!(kept.documents.len(), 4);
        assert_eq!(
            kept.mentions, let_go.mentions,
            "the same mentions either way"
        );
        for (k, d) in kept.documents.iter().zip(&let_go.documents) {
            assert!(
                d.text.is_empty() && d.on_disk == Some(k.text.len()),
                "{}",
                d.id
            );
            assert_eq!(reread(d).as_deref(), Ok(k.text.as_str()), "{}", d.id);
        }
        // A file changed since: its documents say so rather than show other text.
        std::fs::write(dir.path().join("a.txt"), "Something else entirely.").expect("write");
        let a = let_go
            .documents
            .iter()
            .find(|d| d.id == "a.txt")
            .expect("a.txt");
        let error = reread(a).expect_err("changed");
        assert!(
            error.contains("a.txt") && error.contains("changed"),
            "{error}"
        );
    }

    #[test]
    fn cancel_stops_a_load() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.txt"), "Chile.").expect("write");
        let g = Gazetteer::bundled().expect("gazetteer");
        let source = Source::Paths(vec![dir.path().to_path_buf()]);
        assert!(matches!(
            load(&source, &g, &|_| {}, &AtomicBool::new(true)),
            Err(LoadError::Cancelled)
        ));
    }
}
