//! Sources to an extracted corpus: read each file once, decode, segment and extract mentions in
//! parallel, reporting progress and honouring cancellation. The graph is then built from the
//! result as often as parameters change ([`crate::graph::build`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::corpus::{self, Document, Problem, SourceFile};
use crate::extract::{self, Mention};
use crate::gazetteer::{EntityId, Gazetteer};
use crate::graph::{self, Analysis, Params};

mod archives;

include!(concat!(env!("OUT_DIR"), "/seeds.rs"));

/// The texts of the bundled corpus that are UTF-8 (all of them), for tests.
#[cfg(test)]
pub(crate) fn seed_texts() -> impl Iterator<Item = &'static str> {
    SEEDS
        .iter()
        .filter_map(|(_, bytes)| std::str::from_utf8(bytes).ok())
}

/// What the formats that are read are, for messages about the others.
pub const UNSUPPORTED_TAIL: &str = "the formats read are .txt, .md, .html, .json, .jsonl, .csv, \
.eml, .mbox, .warc, and those in .zip, .tar, .tar.gz and .gz";

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
    /// `prints[i]` fingerprints `documents[i]`, to find copies again when files change (the
    /// command line lets them go once the copies are found).
    pub prints: Vec<corpus::Print>,
    /// Files that could not be used.
    pub problems: Vec<Problem>,
    /// Documents that repeat an earlier one, shown but not counted.
    pub duplicates: Vec<corpus::Duplicate>,
    /// Hidden files and clutter passed over (`.DS_Store`, editor backups …), counted.
    pub skipped: u64,
    /// Web-archive records passed over: not pages (requests, metadata, images …) or pages
    /// with no article text.
    pub other_records: u64,
    /// For an atlas opened ([`crate::atlas`]): its counts, from which the graph is built; the
    /// documents are then its sampled passages.
    pub atlas: Option<Arc<crate::atlas::Held>>,
}

impl Dataset {
    /// The co-mention graph for `params`: from the documents' mentions, or for an atlas from
    /// its counts with its passages as evidence.
    pub fn analysis(&self, gazetteer: &Gazetteer, params: &Params) -> Analysis {
        match &self.atlas {
            None => graph::build(gazetteer, &self.documents, &self.mentions, params),
            Some(atlas) => {
                graph::summed::build_from_sums(gazetteer, &atlas.sums, params, &|a, b| {
                    atlas.evidence(&self.documents, params, a, b)
                })
            }
        }
    }

    /// A link's weight under each window kind, in the documents (or the atlas's days) the
    /// date filter of `params` admits.
    pub fn pair_weights(&self, params: &Params, a: EntityId, b: EntityId) -> [u32; 3] {
        match &self.atlas {
            None => graph::pair_weights(&self.documents, &self.mentions, params, a, b),
            Some(atlas) => atlas.sums.pair_weights(params, a, b),
        }
    }

    /// The documents that count (not copies of an earlier one), with their mentions.
    pub fn counted(&self) -> impl Iterator<Item = (&Document, &[Mention])> {
        self.documents
            .iter()
            .zip(&self.mentions)
            .filter(|(d, _)| d.duplicate_of.is_none())
            .map(|(d, ms)| (d, ms.as_slice()))
    }

    /// Adds a batch read after this one ([`read_batches`]); copies across the two are found by
    /// [`Dataset::find_duplicates`] once all is in.
    pub fn append(&mut self, batch: Dataset) {
        self.documents.extend(batch.documents);
        self.mentions.extend(batch.mentions);
        self.prints.extend(batch.prints);
        self.problems.extend(batch.problems);
        self.skipped += batch.skipped;
        self.other_records += batch.other_records;
    }

    /// Finds the copies among the documents from their fingerprints and marks them: each is
    /// shown but not counted.
    pub fn find_duplicates(&mut self) {
        if self.atlas.is_some() {
            // An atlas's copies were found where it was counted.
            return;
        }
        let duplicates = if self.prints.len() == self.documents.len() {
            corpus::duplicates_of(&self.prints)
        } else {
            Vec::new()
        };
        for doc in &mut self.documents {
            doc.duplicate_of = None;
        }
        for d in &duplicates {
            if let Some(doc) = self.documents.get_mut(d.doc as usize) {
                doc.duplicate_of = Some(d.of);
            }
        }
        self.duplicates = duplicates;
    }

    /// The files this corpus was read from: the documents' and the problems' paths.
    pub fn files(&self) -> HashSet<PathBuf> {
        self.documents
            .iter()
            .filter_map(|d| d.path.clone())
            .chain(self.problems.iter().map(|p| PathBuf::from(&p.path)))
            .collect()
    }

    /// Applies a [`Refresh`]: the documents and problems of files gone or changed leave, those
    /// read again come in, corpus order is restored and copies are found again.
    pub fn apply(&mut self, refresh: Refresh) {
        let Refresh { gone, batch } = refresh;
        let keep: Vec<bool> = self
            .documents
            .iter()
            .map(|d| d.path.as_ref().is_none_or(|p| !gone.contains(p)))
            .collect();
        retain_where(&mut self.documents, &keep);
        retain_where(&mut self.mentions, &keep);
        if self.prints.len() == keep.len() {
            retain_where(&mut self.prints, &keep);
        } else {
            self.prints.clear();
        }
        self.problems
            .retain(|p| !gone.contains(std::path::Path::new(&p.path)));
        self.append(batch);
        // Corpus order is id order.
        let mut order: Vec<usize> = (0..self.documents.len()).collect();
        order.sort_by(|&a, &b| self.documents[a].id.cmp(&self.documents[b].id));
        self.documents = in_order(std::mem::take(&mut self.documents), &order);
        self.mentions = in_order(std::mem::take(&mut self.mentions), &order);
        if self.prints.len() == order.len() {
            self.prints = in_order(std::mem::take(&mut self.prints), &order);
        }
        self.find_duplicates();
    }

    /// What was found when no article could be read, for "nothing to analyse in …: {this}":
    /// the files of kinds that are not read by extension, and how many others failed.
    pub fn why_nothing(&self) -> String {
        let counts = corpus::unsupported_counts(&self.problems);
        let unsupported: usize = counts.iter().map(|c| c.1).sum();
        let others = self.problems.len() - unsupported;
        let mut parts = Vec::new();
        if unsupported > 0 {
            parts.push(format!(
                "{}, 0 readable ({UNSUPPORTED_TAIL})",
                corpus::unsupported_summary(&counts)
            ));
        }
        if others > 0 {
            // By kind, with the first reason: "12 .pdf files could not be read (no text: …)".
            let mut kinds = std::collections::BTreeMap::<String, usize>::new();
            let mut first: Option<&str> = None;
            let mut alike = true;
            for p in self.problems.iter().filter(|p| p.unsupported().is_none()) {
                let name = p.path.rsplit(['/', '\\']).next().unwrap_or(&p.path);
                let ext = name
                    .rsplit_once('.')
                    .map(|(_, e)| format!(".{} ", e.to_ascii_lowercase()))
                    .unwrap_or_default();
                *kinds.entry(ext).or_default() += 1;
                alike &= first.is_none_or(|f| f == p.reason);
                first.get_or_insert(p.reason.as_str());
            }
            let kinds: Vec<String> = kinds
                .iter()
                .map(|(ext, n)| format!("{n} {ext}file{}", if *n == 1 { "" } else { "s" }))
                .collect();
            parts.push(format!(
                "{} could not be read ({}{})",
                kinds.join(", "),
                if alike { "" } else { "the first: " },
                first.unwrap_or_default()
            ));
        }
        if self.other_records > 0 {
            parts.push(format!(
                "{} web-archive record{}, none a page with article text",
                self.other_records,
                if self.other_records == 1 { "" } else { "s" }
            ));
        }
        if parts.is_empty() {
            "no readable article".to_owned()
        } else {
            parts.join("; ")
        }
    }

    /// Total bytes of the documents read.
    pub fn bytes(&self) -> u64 {
        self.documents.iter().map(|d| d.bytes).sum()
    }
}

/// The items of `v` in the order of the indexes in `order` (a permutation).
fn in_order<T>(v: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = v.into_iter().map(Some).collect();
    order.iter().filter_map(|&i| slots[i].take()).collect()
}

/// Keeps the items of `v` whose flag in `keep` is set.
fn retain_where<T>(v: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    v.retain(|_| flags.next().copied().unwrap_or(true));
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
    /// Bytes of all the files found, estimated from those read so far (and at least the size
    /// of the archives opened).
    pub bytes_total: u64,
}

impl Progress {
    /// How far the load is, 0 to 1: by files, or by bytes while a few large files (an archive
    /// being read member by member) hold the files' count still.
    pub fn fraction(&self) -> f32 {
        let files = if self.files_total > 0 {
            self.files_done as f32 / self.files_total as f32
        } else {
            0.0
        };
        let bytes = if self.bytes_total > 0 {
            self.bytes_done as f32 / self.bytes_total as f32
        } else {
            0.0
        };
        files.max(bytes).min(1.0)
    }
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
    skipped: u64,
}

/// Lists a source's files (walking folders). Cheap next to reading them, and independent of the
/// gazetteer, so the two can be prepared at once.
pub fn list(source: &Source) -> Listing {
    match source {
        Source::Seeds => Listing::default(),
        Source::Paths(roots) => {
            let corpus::Walked {
                files,
                problems,
                skipped,
            } = corpus::walk(roots);
            Listing {
                files,
                problems,
                skipped,
            }
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
    let mut dataset = Dataset::default();
    let reading = Reading {
        source,
        gazetteer,
        texts,
        progress,
        cancel,
    };
    read_batches(reading, listing, &mut |batch| dataset.append(batch))?;
    dataset.find_duplicates();
    if texts == Texts::OnDisk {
        dataset.prints = Vec::new();
    }
    Ok(dataset)
}

/// Files read between two batches handed over by [`read_batches`]: the first is small, so a
/// window has something to show early.
const FIRST_BATCH_FILES: usize = 256;
const BATCH_FILES: usize = 2048;

/// How a corpus is read: from where, with which names, keeping the texts or not, reporting
/// progress and watching for a cancellation.
#[derive(Clone, Copy)]
pub struct Reading<'a> {
    /// What is read.
    pub source: &'a Source,
    /// The names to find.
    pub gazetteer: &'a Gazetteer,
    /// Whether documents keep their text.
    pub texts: Texts,
    /// Told of the files done now and then.
    pub progress: &'a (dyn Fn(Progress) + Sync),
    /// Set to stop the read.
    pub cancel: &'a AtomicBool,
}

/// Reads and extracts the listed files of a source in batches of files, in corpus order, so the
/// caller can show a corpus while it is read: `batch` gets each one's documents, mentions,
/// fingerprints and problems; appended one after another they are the whole corpus, whose
/// copies [`Dataset::find_duplicates`] then finds.
pub fn read_batches(
    reading: Reading<'_>,
    listing: Listing,
    batch: &mut dyn FnMut(Dataset),
) -> Result<(), LoadError> {
    let Listing {
        mut files,
        problems,
        skipped,
    } = listing;
    let total = match reading.source {
        Source::Seeds => SEEDS.len(),
        Source::Paths(_) => files.len(),
    };
    let counter = Counter::new(total, reading.progress);
    // Corpus order is document id order, so batches read in turn append in order; an
    // archive's documents are `archive/member`.
    if files
        .iter()
        .any(|f| archives::container_of(&f.path).is_some())
    {
        files.sort_by_cached_key(|f| match archives::container_of(&f.path) {
            Some(_) => format!("{}/", f.id),
            None => f.id.clone(),
        });
    } else {
        files.sort_by(|a, b| a.id.cmp(&b.id));
    }
    let mut first = Dataset {
        problems,
        skipped,
        ..Dataset::default()
    };
    let mut hand_over = |results: Vec<FileRead>| {
        let mut out = std::mem::take(&mut first);
        for read in results {
            for (doc, ms, print) in read.articles {
                out.documents.push(doc);
                out.mentions.push(ms);
                out.prints.push(print);
            }
            out.problems.extend(read.problems);
            out.skipped += read.skipped;
            out.other_records += read.other_records;
        }
        batch(out);
    };
    match reading.source {
        Source::Seeds => hand_over(read_seeds(reading.gazetteer, &counter)),
        Source::Paths(_) => {
            let mut rest = files.as_slice();
            let mut size = FIRST_BATCH_FILES;
            while !rest.is_empty() {
                let (chunk, tail) = rest.split_at(size.min(rest.len()));
                rest = tail;
                size = BATCH_FILES;
                let results = read_files(chunk, reading, &counter);
                if reading.cancel.load(Ordering::Relaxed) {
                    return Err(LoadError::Cancelled);
                }
                hand_over(results);
            }
            if files.is_empty() {
                hand_over(Vec::new());
            }
        }
    }
    if reading.cancel.load(Ordering::Relaxed) {
        return Err(LoadError::Cancelled);
    }
    Ok(())
}

/// Counts the files and bytes read (from any thread) and tells `progress` now and then. Sizes
/// are not asked of every file up front (that is a pass over the disk of its own): the total is
/// estimated from the files read so far.
struct Counter<'a> {
    total: usize,
    done: AtomicUsize,
    bytes: AtomicU64,
    /// Bytes of files still being read (an archive's, as its members are read).
    partial: AtomicU64,
    /// Sizes of the archives opened so far: a total to show before any file is done.
    opened: AtomicU64,
    progress: &'a (dyn Fn(Progress) + Sync),
}

/// What a file being read says of itself, for progress within one large file.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Tick {
    /// It is an archive of this many bytes.
    Size(u64),
    /// This many more of its bytes have been read.
    Read(u64),
}

/// Progress within files is told at most once per this many bytes read.
const TICK_BYTES: u64 = 1 << 20;

impl<'a> Counter<'a> {
    fn new(total: usize, progress: &'a (dyn Fn(Progress) + Sync)) -> Self {
        progress(Progress {
            files_done: 0,
            files_total: total,
            bytes_done: 0,
            bytes_total: 0,
        });
        Self {
            total,
            done: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            partial: AtomicU64::new(0),
            opened: AtomicU64::new(0),
            progress,
        }
    }

    /// One more file done, of `n` bytes, `ticked` of which were told as read while it was read.
    fn step(&self, n: u64, ticked: u64) {
        let files_done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        self.partial.fetch_sub(ticked, Ordering::Relaxed);
        self.bytes.fetch_add(n, Ordering::Relaxed);
        if files_done.is_multiple_of(64) || files_done == self.total {
            self.report(files_done);
        }
    }

    /// What a file under way says: its size, or bytes of it read.
    fn tick(&self, tick: Tick) {
        match tick {
            Tick::Size(size) => {
                self.opened.fetch_add(size, Ordering::Relaxed);
            }
            Tick::Read(n) => {
                let before = self.partial.fetch_add(n, Ordering::Relaxed);
                if (before + n) / TICK_BYTES != before / TICK_BYTES {
                    self.report(self.done.load(Ordering::Relaxed));
                }
            }
        }
    }

    fn report(&self, files_done: usize) {
        let done = self.bytes.load(Ordering::Relaxed);
        let bytes_done = done + self.partial.load(Ordering::Relaxed);
        let estimate = if files_done == 0 {
            0
        } else {
            done / files_done as u64 * self.total as u64
        };
        (self.progress)(Progress {
            files_done,
            files_total: self.total,
            bytes_done,
            bytes_total: estimate
                .max(self.opened.load(Ordering::Relaxed))
                .max(bytes_done),
        });
    }
}

/// The bundled articles, read in parallel, in name order.
fn read_seeds(gazetteer: &Gazetteer, counter: &Counter) -> Vec<FileRead> {
    let mut results: Vec<(&str, FileRead)> = SEEDS
        .par_iter()
        .map(|(name, data)| {
            counter.step(data.len() as u64, 0);
            (*name, read_bytes(name, None, data.to_vec(), gazetteer))
        })
        .collect();
    results.sort_by(|a, b| a.0.cmp(b.0));
    results.into_iter().map(|r| r.1).collect()
}

/// One batch of files, read in parallel (nothing more once the read is cancelled).
fn read_files(chunk: &[SourceFile], reading: Reading<'_>, counter: &Counter) -> Vec<FileRead> {
    chunk
        .par_iter()
        .map(|file| {
            if reading.cancel.load(Ordering::Relaxed) {
                return FileRead::default();
            }
            let ticked = AtomicU64::new(0);
            let tick = |t: Tick| {
                if let Tick::Read(n) = t {
                    ticked.fetch_add(n, Ordering::Relaxed);
                }
                counter.tick(t);
            };
            let mut result = read_file(file, reading.gazetteer, reading.cancel, &tick);
            if reading.texts == Texts::OnDisk {
                for (doc, _, _) in &mut result.articles {
                    doc.release_text();
                }
            }
            counter.step(result.bytes, ticked.load(Ordering::Relaxed));
            result
        })
        .collect()
}

/// Files that changed on disk, read again: what [`Dataset::apply`] needs to bring a corpus up
/// to date without reading the rest.
#[derive(Debug, Default)]
pub struct Refresh {
    /// Files whose documents and problems go: removed, changed or no longer listed.
    pub gone: HashSet<PathBuf>,
    /// The documents, mentions, fingerprints and problems of the files added or changed.
    pub batch: Dataset,
}

/// Brings a corpus read from `source` up to date with the disk: the folders are listed again (a
/// cheap pass), and only files that are new, or in `changed`, are read; files no longer there
/// go. `known` are the files the corpus holds now (documents' and problems' paths).
#[expect(
    clippy::implicit_hasher,
    reason = "the sets come from Dataset::files and the watcher"
)]
pub fn refresh(
    source: &Source,
    known: &HashSet<PathBuf>,
    changed: &HashSet<PathBuf>,
    gazetteer: &Gazetteer,
    texts: Texts,
) -> Refresh {
    let Source::Paths(_) = source else {
        return Refresh::default();
    };
    let Listing {
        files, problems, ..
    } = list(source);
    let listed: HashSet<&Path> = files.iter().map(|f| f.path.as_path()).collect();
    let mut gone: HashSet<PathBuf> = known
        .iter()
        .filter(|p| !listed.contains(p.as_path()) || changed.contains(*p))
        .cloned()
        .collect();
    let to_read: Vec<SourceFile> = files
        .into_iter()
        .filter(|f| !known.contains(&f.path) || changed.contains(&f.path))
        .collect();
    // A folder that could not be listed keeps its problem; it replaces an older one.
    gone.extend(problems.iter().map(|p| PathBuf::from(&p.path)));
    let listing = Listing {
        files: to_read,
        problems,
        skipped: 0,
    };
    let mut batch = Dataset::default();
    let never = AtomicBool::new(false);
    // A refresh reads a handful of files: it is not cancelled or reported on.
    let reading = Reading {
        source,
        gazetteer,
        texts,
        progress: &|_| {},
        cancel: &never,
    };
    let _ = read_batches(reading, listing, &mut |b| batch.append(b));
    Refresh { gone, batch }
}

/// Why a document's text could not be read back from its file. The messages name the file.
#[derive(Debug, thiserror::Error)]
pub enum RereadError {
    /// The document came from no file.
    #[error("{id}: no file to read the text from")]
    NoFile {
        /// The document.
        id: String,
    },
    /// The file could not be read or decoded.
    #[error("{}: {reason}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// The file no longer holds the text that was read.
    #[error("{place}: the file changed since it was read (reload the corpus)")]
    Changed {
        /// The file, or the document's id when it has none.
        place: String,
    },
}

/// Reads a document's text back from its file, for a document read with [`Texts::OnDisk`] (or
/// any other: its text is then simply copied). The file is decoded and split into articles again;
/// an error says why the text is not what was read (gone, changed, unreadable).
pub fn reread(doc: &Document) -> Result<String, RereadError> {
    if doc.on_disk.is_none() {
        return Ok(doc.text.clone());
    }
    text_in(doc, &reread_file(doc)?)
}

/// The bytes of a document's file.
fn file_of(doc: &Document) -> Result<(&Path, Vec<u8>), RereadError> {
    let path = doc
        .path
        .as_deref()
        .ok_or_else(|| RereadError::NoFile { id: doc.id.clone() })?;
    if let Some(container) = archives::container_of(path) {
        let data = archives::member_bytes(path, container, doc.member.as_deref())?;
        return Ok((path, data));
    }
    let data = std::fs::read(path).map_err(|e| RereadError::Unreadable {
        path: path.to_path_buf(),
        reason: corpus::io_reason(&e),
    })?;
    Ok((path, data))
}

/// The articles of a document's file, read again: `(id, text)` in file order. Several documents
/// of one file take their texts from one reading with [`text_in`].
pub fn reread_file(doc: &Document) -> Result<Vec<(String, String)>, RereadError> {
    let (path, data) = file_of(doc)?;
    if archives::is_warc(path) {
        return archives::warc_article(doc, path, data).map(|page| vec![page]);
    }
    let (articles, _) =
        decoded_articles(corpus::file_id(&doc.id), Some(path), data).map_err(|reason| {
            RereadError::Unreadable {
                path: path.to_path_buf(),
                reason: reason.to_string(),
            }
        })?;
    Ok(articles.into_iter().map(|a| (a.id, a.text)).collect())
}

/// A web page document's page read again, with the blocks left out of its text (`None` for
/// documents that are not a page of their own: text files, records). Checked against what was
/// read like [`text_in`].
pub fn page_of(doc: &Document) -> Result<Option<corpus::Page>, RereadError> {
    if doc.path.is_none() {
        return Ok(None);
    }
    let format = corpus::Format::of(&doc.id);
    if corpus::file_id(&doc.id) != doc.id
        || !matches!(format, corpus::Format::Html | corpus::Format::Text)
    {
        return Ok(None);
    }
    let (path, data) = file_of(doc)?;
    let text = corpus::decode(data).map_err(|e| RereadError::Unreadable {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })?;
    if format == corpus::Format::Text && !corpus::looks_like_html(&text) {
        return Ok(None);
    }
    let mut page = corpus::page(&text);
    // A page with briefs after its article: the document is the article.
    let end = corpus::first_story_len(&page.text);
    page.text.truncate(end);
    page.left_out.retain(|l| l.at <= end);
    if end != doc.on_disk.unwrap_or(doc.text.len()) {
        return Err(RereadError::Changed {
            place: path.display().to_string(),
        });
    }
    Ok(Some(page))
}

/// `doc`'s text among the articles of its file read again, checked against what was read.
pub fn text_in(doc: &Document, articles: &[(String, String)]) -> Result<String, RereadError> {
    let expected = doc.on_disk.unwrap_or(doc.text.len());
    articles
        .iter()
        .find(|(id, text)| *id == doc.id && text.len() == expected)
        .map(|(_, text)| text.clone())
        .ok_or_else(|| RereadError::Changed {
            place: doc
                .path
                .as_deref()
                .map_or(doc.id.clone(), |p| p.display().to_string()),
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
    /// Hidden files and clutter passed over in an archive.
    pub skipped: u64,
    /// Web-archive records that are not pages with article text, passed over.
    pub other_records: u64,
}

/// Reads one file of a corpus as the load does — an archive's members, a news-database export's
/// articles — with its articles' mentions and fingerprints; for engines that read files one by
/// one (the Python package reads a Spark task's files with it).
pub fn read_one(file: &SourceFile, gazetteer: &Gazetteer) -> FileRead {
    read_file(file, gazetteer, &AtomicBool::new(false), &|_| {})
}

fn read_file(
    file: &SourceFile,
    gazetteer: &Gazetteer,
    cancel: &AtomicBool,
    tick: &(dyn Fn(Tick) + Sync),
) -> FileRead {
    let fail = |reason: String| FileRead {
        problems: vec![Problem {
            path: file.path.display().to_string(),
            reason,
        }],
        ..FileRead::default()
    };
    if let Some(container) = archives::container_of(&file.path) {
        return archives::read_archive(file, container, gazetteer, cancel, tick);
    }
    // One open: the size comes from the open file, not a second lookup of its path.
    let mut handle = match std::fs::File::open(&file.path) {
        Ok(h) => h,
        Err(e) => return fail(corpus::io_reason(&e)),
    };
    let size = match handle.metadata() {
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
    let mut data = Vec::with_capacity(usize::try_from(size).unwrap_or(0).saturating_add(1));
    if let Err(e) = std::io::Read::read_to_end(&mut handle, &mut data) {
        return fail(corpus::io_reason(&e));
    }
    let mut read = read_bytes(&file.id, Some(&file.path), data, gazetteer);
    for p in &mut read.problems {
        p.path = file.path.display().to_string();
    }
    read
}

/// One file's bytes decoded and read as articles in its format (by the id's extension), with
/// the reasons parts of it could not be used; an error when none of it can (binary, empty).
fn decoded_articles(
    id: &str,
    path: Option<&Path>,
    data: Vec<u8>,
) -> Result<(Vec<Document>, Vec<String>), corpus::DecodeError> {
    if data.is_empty() {
        return Err(corpus::DecodeError::Empty);
    }
    if let Some(read) = corpus::raw_articles(id, path, &data) {
        return Ok(read);
    }
    let bytes = data.len() as u64;
    let text = corpus::decode(data)?;
    if text.trim().is_empty() {
        return Err(corpus::DecodeError::Blank);
    }
    Ok(corpus::articles(id, path, text, bytes))
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
    let (docs, reasons) = match decoded_articles(id, path, data) {
        Ok(read) => read,
        Err(reason) => {
            return FileRead {
                problems: vec![problem(reason.to_string())],
                bytes,
                ..FileRead::default()
            };
        }
    };
    let articles = docs
        .into_iter()
        .map(|doc| analysed(doc, gazetteer))
        .collect();
    FileRead {
        articles,
        problems: reasons.into_iter().map(problem).collect(),
        bytes,
        skipped: 0,
        other_records: 0,
    }
}

/// A document with its mentions and fingerprint.
fn analysed(doc: Document, gazetteer: &Gazetteer) -> (Document, Vec<Mention>, corpus::Print) {
    let mentions = extract::extract(gazetteer, &doc);
    // While the text is in the cache.
    let print = corpus::fingerprint(&doc);
    (doc, mentions, print)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_load_with_no_problem() {
        let g = Gazetteer::bundled().expect("gazetteer");
        let d = load(&Source::Seeds, &g, &|_| {}, &AtomicBool::new(false)).expect("loads");
        // One article per seed file; the page of 002 carries three briefs after its legal
        // notice, each a story of its own.
        let articles = d
            .documents
            .iter()
            .filter(|doc| corpus::file_id(&doc.id) == doc.id)
            .count();
        assert_eq!(articles, SEEDS.len());
        let briefs: Vec<&str> = d
            .documents
            .iter()
            .map(|doc| doc.id.as_str())
            .filter(|id| id.starts_with("002_") && id.contains('#'))
            .collect();
        assert_eq!(briefs.len(), 3, "{briefs:?}");
        assert_eq!(d.documents.len(), SEEDS.len() + 3);
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
            assert_eq!(
                reread(d).expect("rereads").as_str(),
                k.text.as_str(),
                "{}",
                d.id
            );
        }
        // A file changed since: its documents say so rather than show other text.
        std::fs::write(dir.path().join("a.txt"), "Something else entirely.").expect("write");
        let a = let_go
            .documents
            .iter()
            .find(|d| d.id == "a.txt")
            .expect("a.txt");
        let error = reread(a).expect_err("changed");
        assert!(matches!(error, RereadError::Changed { .. }), "{error}");
        let message = error.to_string();
        assert!(
            message.contains("a.txt") && message.contains("changed"),
            "{message}"
        );
    }

    /// What a dataset says, independent of how it was put together.
    fn summary(d: &Dataset) -> Vec<(String, usize, Option<u32>)> {
        d.documents
            .iter()
            .zip(&d.mentions)
            .map(|(doc, ms)| (doc.id.clone(), ms.len(), doc.duplicate_of))
            .collect()
    }

    #[test]
    fn a_refresh_reads_only_what_changed_and_ends_as_a_fresh_read() {
        let dir = tempfile::tempdir().expect("temp dir");
        let write = |name: &str, text: &str| {
            std::fs::write(dir.path().join(name), text).expect("write");
        };
        write("a.txt", "Chile and Peru met in Lima.");
        write("b.txt", "Armenia and Georgia signed a deal.");
        write("c.txt", "Iran and Iraq.");
        write("bad.txt", "");
        let g = Gazetteer::bundled().expect("gazetteer");
        let source = Source::Paths(vec![dir.path().to_path_buf()]);
        let mut d = load(&source, &g, &|_| {}, &AtomicBool::new(false)).expect("loads");
        assert_eq!(d.documents.len(), 3);
        assert_eq!(d.problems.len(), 1);

        // One file added (a copy of another), one changed, one removed, the empty one filled.
        write("0-new.txt", "Armenia and Georgia signed a deal.");
        write("a.txt", "Chile, Peru and Bolivia met in Lima.");
        std::fs::remove_file(dir.path().join("c.txt")).expect("remove");
        write("bad.txt", "Kenya and Uganda.");
        let changed: HashSet<PathBuf> = ["a.txt", "bad.txt"]
            .iter()
            .map(|n| dir.path().join(n))
            .collect();
        let refresh = refresh(&source, &d.files(), &changed, &g, Texts::Kept);
        // b.txt was neither new nor changed: it is not read again.
        let read: Vec<&str> = refresh
            .batch
            .documents
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert_eq!(read, ["0-new.txt", "a.txt", "bad.txt"]);
        d.apply(refresh);

        let fresh = load(&source, &g, &|_| {}, &AtomicBool::new(false)).expect("loads");
        assert_eq!(summary(&d), summary(&fresh));
        assert_eq!(d.mentions, fresh.mentions);
        assert!(d.problems.is_empty(), "{:?}", d.problems);
        assert_eq!(d.duplicates.len(), 1, "the added copy is found");
    }

    #[test]
    fn batches_append_to_the_whole_corpus() {
        let dir = tempfile::tempdir().expect("temp dir");
        let n = FIRST_BATCH_FILES + BATCH_FILES + 40;
        for i in 0..n {
            let text = if i % 500 == 7 {
                "Chile and Peru met in Lima to talk about trade and the port.".to_owned()
            } else {
                format!("Report {i}: Armenia and Georgia, number {i}.")
            };
            std::fs::write(dir.path().join(format!("{i:05}.txt")), text).expect("write");
        }
        let g = Gazetteer::bundled().expect("gazetteer");
        let source = Source::Paths(vec![dir.path().to_path_buf()]);
        let mut sizes = Vec::new();
        let mut joined = Dataset::default();
        let never = AtomicBool::new(false);
        let reading = Reading {
            source: &source,
            gazetteer: &g,
            texts: Texts::Kept,
            progress: &|_| {},
            cancel: &never,
        };
        read_batches(reading, list(&source), &mut |b| {
            sizes.push(b.documents.len());
            joined.append(b);
        })
        .expect("reads");
        assert_eq!(sizes, [FIRST_BATCH_FILES, BATCH_FILES, 40]);
        joined.find_duplicates();
        let whole = load(&source, &g, &|_| {}, &AtomicBool::new(false)).expect("loads");
        assert_eq!(summary(&joined), summary(&whole));
        // The copies in different batches are found across them.
        assert_eq!(whole.duplicates.len(), n.div_ceil(500) - 1);
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
