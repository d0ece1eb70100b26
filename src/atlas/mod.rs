//! Atlases: a corpus's counts by day, with a sample of evidence, as Parquet tables and a
//! manifest — what the Spark job (`python -m corridor_atlas.spark`) writes from a cluster and
//! `export --format parquet` writes from one machine.
//!
//! ```text
//! ATLAS/manifest.json       schema, kind, version, parameters, counts
//! ATLAS/entities/*.parquet  entity, kind, day, mentions, documents, sentence, paragraph
//! ATLAS/windows/*.parquet   day, documents, sentence, paragraph, article
//! ATLAS/pairs/*.parquet     a, b, window, day, weight, documents
//! ATLAS/tags/*.parquet      a, b, window, corridor, day, documents
//! ATLAS/evidence/*.parquet  a, b, window, id, title, url, date, start, end, passage
//! ATLAS/copies/*.parquet    id, of, exact
//! ATLAS/problems/*.parquet  path, reason
//! ```
//!
//! Entities are named by their codes (ISO 3166 alpha-3 for countries, slugs otherwise), so an
//! atlas outlives the gazetteer's numbering. Opened, an atlas becomes a [`Dataset`] whose
//! documents are its sampled passages and whose counts are the atlas's sums
//! ([`crate::graph::summed`]): every window, measure, date range and filter works from the
//! counts; only what needs whole texts (the reader beyond the passage, full-text search) is
//! limited to the samples.

mod table;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::{Date, Document, Problem, Span};
use crate::gazetteer::{EntityId, EntityKind, Gazetteer};
use crate::graph::summed::Sums;
use crate::graph::{Evidence, Params, Window};
use crate::pipeline::Dataset;

pub use table::write;

/// The atlas layout this build reads and writes.
pub const SCHEMA: u32 = 1;

/// The manifest's `kind`.
pub const KIND: &str = "corridor-atlas atlas";

/// The manifest's file name.
pub const MANIFEST: &str = "manifest.json";

/// What is said of an atlas counted with other names than the ones it is opened with (after
/// "it was" or the atlas's path and "was").
pub const OTHER_NAMES: &str = "counted with other names than these (another gazetteer or names \
                               file): its counts stand as counted";

/// Why an atlas cannot be opened or written.
#[derive(Debug, thiserror::Error)]
#[error("atlas {}: {reason}", path.display())]
pub struct AtlasError {
    /// The file or folder at fault.
    pub path: PathBuf,
    /// What is wrong, in plain words.
    pub reason: String,
}

impl AtlasError {
    pub(crate) fn new(path: &Path, reason: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            reason: reason.into(),
        }
    }
}

/// `manifest.json`: what an atlas holds and how it was made.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Manifest {
    /// The layout's version ([`SCHEMA`]).
    pub schema: u32,
    /// Always [`KIND`].
    pub kind: String,
    /// The version of the program that wrote it.
    pub version: String,
    /// What was read.
    pub inputs: Vec<String>,
    /// How it was counted.
    pub parameters: Parameters,
    /// The gazetteer it was counted with.
    pub gazetteer: GazetteerFacts,
    /// What it counts.
    pub counts: Counts,
    /// Its tables.
    pub tables: Vec<String>,
}

/// How an atlas was counted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Parameters {
    /// The user's names file, if any.
    pub names: Option<String>,
    /// Passages kept per link and window kind.
    pub evidence: u32,
    /// Whether the inputs were tables of articles.
    pub articles: bool,
    /// The longest passage, in bytes.
    pub passage_bytes: u32,
}

/// The gazetteer an atlas was counted with.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GazetteerFacts {
    /// How many entities it had.
    pub entities: u64,
    /// Its [`Gazetteer::fingerprint`].
    pub fingerprint: Option<String>,
}

/// What an atlas counts.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Counts {
    /// Articles read.
    pub articles: u64,
    /// Articles counted (copies counted once).
    pub counted: u64,
    /// Copies of an earlier article.
    pub copies: u64,
    /// Of which exact.
    pub exact_copies: u64,
    /// Files or records that could not be used.
    pub problems: u64,
    /// Hidden files and clutter passed over.
    pub skipped: u64,
}

/// One sampled passage: the first window naming a pair in one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sample {
    /// The first country (`a < b`).
    pub a: EntityId,
    /// The second country.
    pub b: EntityId,
    /// The window kind.
    pub window: Window,
    /// The article's id.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Its date.
    pub date: Option<Date>,
    /// The window's text (cut to the passage length).
    pub passage: String,
}

/// An article counted once: a copy of an earlier one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Copy {
    /// The repeating article.
    pub id: String,
    /// The article it repeats.
    pub of: String,
    /// The same text exactly (else nearly).
    pub exact: bool,
}

/// An atlas as read.
#[derive(Clone, Debug, Default)]
pub struct Atlas {
    /// Its folder.
    pub root: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
    /// Its counts.
    pub sums: Sums,
    /// Its sampled passages.
    pub samples: Vec<Sample>,
    /// Articles counted once.
    pub copies: Vec<Copy>,
    /// What could not be used when it was made.
    pub problems: Vec<Problem>,
    /// Entity codes this gazetteer does not know (their rows are left out).
    pub unknown: BTreeSet<String>,
}

/// What a dataset opened from an atlas keeps besides its documents: the counts, and where each
/// link's sampled passages are among the documents.
#[derive(Debug, Default)]
pub struct Held {
    /// The atlas's folder.
    pub root: PathBuf,
    /// Its manifest.
    pub manifest: Manifest,
    /// Its counts.
    pub sums: Sums,
    /// Articles counted once.
    pub copies: Vec<Copy>,
    /// Whether it was counted with other names than the ones it was opened with (its
    /// manifest's gazetteer print differs).
    pub other_names: bool,
    /// The documents quoting each pair under each window kind, in atlas order.
    samples: HashMap<(EntityId, EntityId, Window), Vec<u32>>,
}

impl Held {
    /// The sampled windows of a link under `params` (its window kind and date range), as
    /// evidence in `docs` (the dataset's documents).
    pub fn evidence(
        &self,
        docs: &[Document],
        params: &Params,
        a: EntityId,
        b: EntityId,
    ) -> Vec<Evidence> {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let Some(list) = self.samples.get(&(a, b, params.window)) else {
            return Vec::new();
        };
        let mut out: Vec<Evidence> = list
            .iter()
            .filter_map(|&i| {
                let doc = docs.get(i as usize)?;
                params.admits(doc.date).then(|| Evidence {
                    doc: i,
                    span: Span::new(doc.content_start as usize, doc.text.len()),
                })
            })
            .collect();
        out.sort_unstable();
        out
    }
}

/// The atlas `path` belongs to: `path` itself when it holds a manifest, or the atlas of a
/// manifest, of a table (its folder) or of a table's Parquet file. `None` when `path` is none
/// of these.
pub fn root_of(path: &Path) -> Option<PathBuf> {
    let is_root = |p: &Path| {
        std::fs::read(p.join(MANIFEST))
            .ok()
            .and_then(|b| serde_json::from_slice::<Manifest>(&b).ok())
            .is_some_and(|m| m.kind == KIND)
    };
    let is_table = |p: &Path| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| table::TABLES.contains(&n))
    };
    if path.is_dir() {
        if is_root(path) {
            return Some(path.to_path_buf());
        }
        let parent = path.parent()?;
        return (is_table(path) && is_root(parent)).then(|| parent.to_path_buf());
    }
    let parent = path.parent()?;
    if path.file_name().is_some_and(|n| n == MANIFEST) {
        return is_root(parent).then(|| parent.to_path_buf());
    }
    let is_parquet = path.extension().is_some_and(|e| e == "parquet");
    let atlas = parent.parent()?;
    (is_parquet && is_table(parent) && is_root(atlas)).then(|| atlas.to_path_buf())
}

/// The atlas among `paths`, when they are one atlas (its folder, manifest or tables).
pub fn single(paths: &[PathBuf]) -> Option<PathBuf> {
    let mut roots = paths.iter().map(|p| root_of(p));
    let first = roots.next()??;
    roots.all(|r| r.as_ref() == Some(&first)).then_some(first)
}

/// Reads the atlas at `root` (its folder), with entity codes resolved by `gazetteer`.
pub fn open(root: &Path, gazetteer: &Gazetteer) -> Result<Atlas, AtlasError> {
    let manifest_path = root.join(MANIFEST);
    let bytes = std::fs::read(&manifest_path)
        .map_err(|e| AtlasError::new(&manifest_path, format!("cannot read it: {e}")))?;
    let manifest: Manifest = serde_json::from_slice(&bytes)
        .map_err(|e| AtlasError::new(&manifest_path, format!("not an atlas manifest: {e}")))?;
    if manifest.kind != KIND {
        return Err(AtlasError::new(
            &manifest_path,
            format!("kind is {:?}, not {KIND:?}", manifest.kind),
        ));
    }
    if manifest.schema > SCHEMA {
        return Err(AtlasError::new(
            &manifest_path,
            format!(
                "written in layout {} by a newer version ({}); this one reads layout {SCHEMA}",
                manifest.schema, manifest.version
            ),
        ));
    }
    let mut atlas = table::read(root, gazetteer)?;
    root.clone_into(&mut atlas.root);
    atlas.manifest = manifest;
    Ok(atlas)
}

impl Atlas {
    /// The atlas as a dataset: its passages as documents (with their mentions, for highlighting
    /// and the reader), its problems, and its counts held for the analysis.
    pub fn into_dataset(self, gazetteer: &Gazetteer) -> Dataset {
        // One document per passage: an article's first window often names several pairs.
        let mut doc_of = Vec::with_capacity(self.samples.len());
        let mut first = Vec::with_capacity(self.samples.len());
        {
            let mut seen: HashMap<(&str, &str), u32> = HashMap::new();
            for s in &self.samples {
                let next = seen.len() as u32;
                let doc = *seen
                    .entry((s.id.as_str(), s.passage.as_str()))
                    .or_insert(next);
                first.push(doc == next);
                doc_of.push(doc);
            }
        }
        let mut samples: HashMap<(EntityId, EntityId, Window), Vec<u32>> = HashMap::new();
        for (s, &doc) in self.samples.iter().zip(&doc_of) {
            samples.entry((s.a, s.b, s.window)).or_default().push(doc);
        }
        // The passages' texts move into their documents.
        let documents: Vec<Document> = self
            .samples
            .into_par_iter()
            .zip(first)
            .filter_map(|(s, first)| {
                if !first {
                    return None;
                }
                let len = s.passage.len() as u64;
                let title = s.title.unwrap_or_else(|| s.id.clone());
                let mut doc = Document::from_text(s.id, None, s.passage, len);
                doc.apply(Some(title), None, s.url);
                doc.date = s.date;
                doc.sentences.shrink_to_fit();
                doc.paragraphs.shrink_to_fit();
                Some(doc)
            })
            .collect();
        let mentions = documents
            .par_iter()
            .map(|d| {
                let mut found = crate::extract::extract(gazetteer, d);
                found.shrink_to_fit();
                found
            })
            .collect();
        let mut problems = self.problems;
        if !self.unknown.is_empty() {
            let codes: Vec<&str> = self.unknown.iter().map(String::as_str).collect();
            problems.push(Problem {
                path: self.root.join(MANIFEST).display().to_string(),
                reason: format!(
                    "counted with names this gazetteer does not have, left out: {}",
                    codes.join(", ")
                ),
            });
        }
        Dataset {
            documents,
            mentions,
            prints: Vec::new(),
            problems,
            duplicates: Vec::new(),
            skipped: self.manifest.counts.skipped,
            other_records: 0,
            atlas: Some(Arc::new(Held {
                other_names: self
                    .manifest
                    .gazetteer
                    .fingerprint
                    .as_ref()
                    .is_some_and(|f| *f != gazetteer.fingerprint()),
                root: self.root,
                manifest: self.manifest,
                sums: self.sums,
                copies: self.copies,
                samples,
            })),
        }
    }
}

/// Whether an entity code names a country in `gazetteer`.
pub(crate) fn country(gazetteer: &Gazetteer, id: EntityId) -> bool {
    gazetteer
        .entities()
        .get(id.index())
        .is_some_and(|e| e.kind == EntityKind::Country)
}
