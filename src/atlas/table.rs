//! An atlas's tables as Parquet, read and written through the Arrow reader and writer.
//!
//! Reading is lenient about how a table was written (Spark's part files, one file of ours, or a
//! table rewritten by `DuckDB` or Polars): columns are found by name, any integer width, any
//! string layout; a column that is missing or of the wrong kind is an error naming the file.

use std::collections::{BTreeSet, HashMap};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Date32Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type,
    UInt64Type,
};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Date32Array, Int32Array, Int64Array, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::{
    Atlas, AtlasError, Copy, Counts, GazetteerFacts, KIND, MANIFEST, Manifest, Parameters, SCHEMA,
    Sample, country,
};
use crate::corpus::{Date, Problem};
use crate::gazetteer::{EntityId, Gazetteer};
use crate::graph::Window;
use crate::graph::article::{PASSAGE_BYTES, article_counts, passage};
use crate::graph::summed::{EntityDay, PairDay, Sums, TagDay, WindowDay};
use crate::pipeline::Dataset;

/// The tables, in the manifest's order.
pub(super) const TABLES: [&str; 7] = [
    "copies", "entities", "evidence", "pairs", "problems", "tags", "windows",
];

/// Copies listed at most (the manifest counts them all): a large crawl has millions.
const COPIES_LISTED: usize = 10_000;

/// Rows per batch read.
const BATCH_ROWS: usize = 64 * 1024;

/// The Parquet files of a table: `root/name/*.parquet` (Spark's part files, or ours), names
/// starting with `_` or `.` (Spark's markers and checksums) left out.
fn parts(root: &Path, name: &str) -> Result<Vec<PathBuf>, AtlasError> {
    let dir = root.join(name);
    let entries = std::fs::read_dir(&dir)
        .map_err(|e| AtlasError::new(&dir, format!("the table {name} cannot be read: {e}")))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !n.starts_with(['_', '.']) && n.ends_with(".parquet"))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Every batch of a table, each with its file (for messages), read one at a time.
fn batches(
    root: &Path,
    name: &str,
) -> Result<impl Iterator<Item = Result<(PathBuf, RecordBatch), AtlasError>>, AtlasError> {
    Ok(parts(root, name)?.into_iter().flat_map(|path| {
        let reader = File::open(&path)
            .map_err(|e| AtlasError::new(&path, format!("cannot open: {e}")))
            .and_then(|file| {
                ParquetRecordBatchReaderBuilder::try_new(file)
                    .and_then(|b| b.with_batch_size(BATCH_ROWS).build())
                    .map_err(|e| {
                        AtlasError::new(&path, format!("not a readable Parquet file: {e}"))
                    })
            });
        let (reader, failed) = match reader {
            Ok(r) => (Some(r), None),
            Err(e) => (None, Some(Err(e))),
        };
        failed
            .into_iter()
            .chain(reader.into_iter().flatten().map(move |batch| {
                batch
                    .map(|b| (path.clone(), b))
                    .map_err(|e| AtlasError::new(&path, format!("damaged: {e}")))
            }))
    }))
}

/// A string column of any layout; a missing optional column reads as nulls.
enum Strings<'a> {
    Small(&'a StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
    Missing,
}

impl<'a> Strings<'a> {
    fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Self::Small(a) => a.is_valid(i).then(|| a.value(i)),
            Self::Large(a) => a.is_valid(i).then(|| a.value(i)),
            Self::View(a) => a.is_valid(i).then(|| a.value(i)),
            Self::Missing => None,
        }
    }
}

/// One batch's columns, found by name.
struct Columns<'a> {
    path: &'a Path,
    batch: &'a RecordBatch,
}

impl<'a> Columns<'a> {
    fn column(&self, name: &str, required: bool) -> Result<Option<&'a ArrayRef>, AtlasError> {
        match self.batch.column_by_name(name) {
            Some(c) => Ok(Some(c)),
            None if required => Err(AtlasError::new(self.path, format!("no column {name:?}"))),
            None => Ok(None),
        }
    }

    fn strings(&self, name: &str, required: bool) -> Result<Strings<'a>, AtlasError> {
        let Some(c) = self.column(name, required)? else {
            return Ok(Strings::Missing);
        };
        if let Some(a) = c.as_string_opt::<i32>() {
            Ok(Strings::Small(a))
        } else if let Some(a) = c.as_string_opt::<i64>() {
            Ok(Strings::Large(a))
        } else if let Some(a) = c.as_string_view_opt() {
            Ok(Strings::View(a))
        } else {
            Err(self.wrong(name, c, "text"))
        }
    }

    /// An integer column as counts: nulls are 0, negatives 0, too large the largest.
    fn counts(&self, name: &str) -> Result<Vec<u64>, AtlasError> {
        let Some(c) = self.column(name, true)? else {
            return Ok(Vec::new());
        };
        macro_rules! widen {
            ($t:ty) => {
                c.as_primitive::<$t>()
                    .iter()
                    .map(|v| v.map_or(0, |v| u64::try_from(v).unwrap_or(0)))
                    .collect()
            };
        }
        Ok(match c.data_type() {
            DataType::Int64 => widen!(Int64Type),
            DataType::Int32 => widen!(Int32Type),
            DataType::Int16 => widen!(Int16Type),
            DataType::Int8 => widen!(Int8Type),
            DataType::UInt64 => widen!(UInt64Type),
            DataType::UInt32 => widen!(UInt32Type),
            DataType::UInt16 => widen!(UInt16Type),
            DataType::UInt8 => widen!(UInt8Type),
            _ => return Err(self.wrong(name, c, "whole numbers")),
        })
    }

    /// A date column (days, or `YYYY-MM-DD` text); nulls are undated.
    fn dates(&self, name: &str, required: bool) -> Result<Vec<Option<Date>>, AtlasError> {
        let Some(c) = self.column(name, required)? else {
            return Ok(vec![None; self.batch.num_rows()]);
        };
        if let Some(a) = c.as_primitive_opt::<Date32Type>() {
            return Ok(a.iter().map(|d| d.and_then(Date::from_days)).collect());
        }
        let text = self
            .strings(name, required)
            .map_err(|_| self.wrong(name, c, "dates"))?;
        Ok((0..self.batch.num_rows())
            .map(|i| text.get(i).and_then(|s| s.parse().ok()))
            .collect())
    }

    fn booleans(&self, name: &str) -> Result<Vec<bool>, AtlasError> {
        let Some(c) = self.column(name, false)? else {
            return Ok(vec![false; self.batch.num_rows()]);
        };
        let a = c
            .as_boolean_opt()
            .ok_or_else(|| self.wrong(name, c, "true or false"))?;
        Ok(a.iter().map(|v| v.unwrap_or(false)).collect())
    }

    fn wrong(&self, name: &str, c: &ArrayRef, want: &str) -> AtlasError {
        AtlasError::new(
            self.path,
            format!("column {name:?} holds {}, not {want}", c.data_type()),
        )
    }
}

/// Entity codes resolved once each; codes this gazetteer does not know are collected.
struct Codes<'g> {
    gazetteer: &'g Gazetteer,
    known: HashMap<String, Option<EntityId>>,
    unknown: BTreeSet<String>,
}

impl Codes<'_> {
    fn id(&mut self, code: Option<&str>) -> Option<EntityId> {
        let code = code?;
        if let Some(&id) = self.known.get(code) {
            return id;
        }
        let id = self.gazetteer.by_code(code);
        if id.is_none() {
            self.unknown.insert(code.to_owned());
        }
        self.known.insert(code.to_owned(), id);
        id
    }

    /// A pair of countries in order, or `None` (unknown, not countries, or the same).
    fn pair(&mut self, a: Option<&str>, b: Option<&str>) -> Option<(EntityId, EntityId)> {
        let (a, b) = (self.id(a)?, self.id(b)?);
        if a == b || !country(self.gazetteer, a) || !country(self.gazetteer, b) {
            return None;
        }
        Some(if a < b { (a, b) } else { (b, a) })
    }
}

fn window_of(text: Option<&str>) -> Option<Window> {
    text?.parse().ok()
}

fn count32(v: u64) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

/// Reads every table of the atlas at `root`.
pub(super) fn read(root: &Path, gazetteer: &Gazetteer) -> Result<Atlas, AtlasError> {
    let mut codes = Codes {
        gazetteer,
        known: HashMap::new(),
        unknown: BTreeSet::new(),
    };
    let mut atlas = Atlas::default();
    read_entities(root, &mut codes, &mut atlas)?;
    read_windows(root, &mut atlas)?;
    read_pairs(root, &mut codes, &mut atlas)?;
    read_tags(root, &mut codes, &mut atlas)?;
    read_evidence(root, &mut codes, &mut atlas)?;
    read_copies(root, &mut atlas)?;
    read_problems(root, &mut atlas)?;
    atlas.unknown = codes.unknown;
    Ok(atlas)
}

fn read_entities(root: &Path, codes: &mut Codes, atlas: &mut Atlas) -> Result<(), AtlasError> {
    for item in batches(root, "entities")? {
        let (path, batch) = item?;
        let c = Columns {
            path: &path,
            batch: &batch,
        };
        let (entity, day) = (c.strings("entity", true)?, c.dates("day", true)?);
        let (mentions, documents) = (c.counts("mentions")?, c.counts("documents")?);
        let (sentence, paragraph) = (c.counts("sentence")?, c.counts("paragraph")?);
        for i in 0..batch.num_rows() {
            if let Some(id) = codes.id(entity.get(i)) {
                atlas.sums.entities.push(EntityDay {
                    entity: id,
                    day: day[i],
                    mentions: count32(mentions[i]),
                    documents: count32(documents[i]),
                    sentence: count32(sentence[i]),
                    paragraph: count32(paragraph[i]),
                });
            }
        }
    }
    Ok(())
}

fn read_windows(root: &Path, atlas: &mut Atlas) -> Result<(), AtlasError> {
    for item in batches(root, "windows")? {
        let (path, batch) = item?;
        let c = Columns {
            path: &path,
            batch: &batch,
        };
        let (day, documents) = (c.dates("day", true)?, c.counts("documents")?);
        let (sentence, paragraph) = (c.counts("sentence")?, c.counts("paragraph")?);
        for i in 0..batch.num_rows() {
            atlas.sums.windows.push(WindowDay {
                day: day[i],
                documents: count32(documents[i]),
                sentence: sentence[i],
                paragraph: paragraph[i],
            });
        }
    }
    Ok(())
}

fn read_pairs(root: &Path, codes: &mut Codes, atlas: &mut Atlas) -> Result<(), AtlasError> {
    for item in batches(root, "pairs")? {
        let (path, batch) = item?;
        let c = Columns {
            path: &path,
            batch: &batch,
        };
        let (a, b, window) = (
            c.strings("a", true)?,
            c.strings("b", true)?,
            c.strings("window", true)?,
        );
        let (day, weight, documents) = (
            c.dates("day", true)?,
            c.counts("weight")?,
            c.counts("documents")?,
        );
        for i in 0..batch.num_rows() {
            let (Some((a, b)), Some(window)) =
                (codes.pair(a.get(i), b.get(i)), window_of(window.get(i)))
            else {
                continue;
            };
            atlas.sums.pairs.push(PairDay {
                a,
                b,
                window,
                day: day[i],
                weight: count32(weight[i]),
                documents: count32(documents[i]),
            });
        }
    }
    Ok(())
}

fn read_tags(root: &Path, codes: &mut Codes, atlas: &mut Atlas) -> Result<(), AtlasError> {
    for item in batches(root, "tags")? {
        let (path, batch) = item?;
        let c = Columns {
            path: &path,
            batch: &batch,
        };
        let (a, b, window, corridor) = (
            c.strings("a", true)?,
            c.strings("b", true)?,
            c.strings("window", true)?,
            c.strings("corridor", true)?,
        );
        let (day, documents) = (c.dates("day", true)?, c.counts("documents")?);
        for i in 0..batch.num_rows() {
            let (Some((a, b)), Some(window), Some(corridor)) = (
                codes.pair(a.get(i), b.get(i)),
                window_of(window.get(i)),
                codes.id(corridor.get(i)),
            ) else {
                continue;
            };
            atlas.sums.tags.push(TagDay {
                a,
                b,
                window,
                corridor,
                day: day[i],
                documents: count32(documents[i]),
            });
        }
    }
    Ok(())
}

fn read_evidence(root: &Path, codes: &mut Codes, atlas: &mut Atlas) -> Result<(), AtlasError> {
    for item in batches(root, "evidence")? {
        let (path, batch) = item?;
        let c = Columns {
            path: &path,
            batch: &batch,
        };
        let (a, b, window, id) = (
            c.strings("a", true)?,
            c.strings("b", true)?,
            c.strings("window", true)?,
            c.strings("id", true)?,
        );
        let (title, url, passage) = (
            c.strings("title", false)?,
            c.strings("url", false)?,
            c.strings("passage", true)?,
        );
        let date = c.dates("date", false)?;
        for i in 0..batch.num_rows() {
            let (Some((a, b)), Some(window), Some(text)) = (
                codes.pair(a.get(i), b.get(i)),
                window_of(window.get(i)),
                passage.get(i),
            ) else {
                continue;
            };
            atlas.samples.push(Sample {
                a,
                b,
                window,
                id: id.get(i).unwrap_or("").to_owned(),
                title: title.get(i).filter(|t| !t.is_empty()).map(str::to_owned),
                url: url.get(i).filter(|t| !t.is_empty()).map(str::to_owned),
                date: date.get(i).copied().flatten(),
                passage: text.to_owned(),
            });
        }
    }
    Ok(())
}

fn read_copies(root: &Path, atlas: &mut Atlas) -> Result<(), AtlasError> {
    for item in batches(root, "copies")? {
        let (path, batch) = item?;
        let c = Columns {
            path: &path,
            batch: &batch,
        };
        let (id, of, exact) = (
            c.strings("id", true)?,
            c.strings("of", true)?,
            c.booleans("exact")?,
        );
        for i in 0..batch.num_rows() {
            if atlas.copies.len() >= COPIES_LISTED {
                return Ok(());
            }
            atlas.copies.push(Copy {
                id: id.get(i).unwrap_or("").to_owned(),
                of: of.get(i).unwrap_or("").to_owned(),
                exact: exact.get(i).copied().unwrap_or(false),
            });
        }
    }
    Ok(())
}

fn read_problems(root: &Path, atlas: &mut Atlas) -> Result<(), AtlasError> {
    for item in batches(root, "problems")? {
        let (path, batch) = item?;
        let c = Columns {
            path: &path,
            batch: &batch,
        };
        let (file, reason) = (c.strings("path", true)?, c.strings("reason", true)?);
        for i in 0..batch.num_rows() {
            atlas.problems.push(Problem {
                path: file.get(i).unwrap_or("").to_owned(),
                reason: reason.get(i).unwrap_or("").to_owned(),
            });
        }
    }
    Ok(())
}

fn text_field(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true)
}

fn count_field(name: &str) -> Field {
    Field::new(name, DataType::Int64, true)
}

fn date_field(name: &str) -> Field {
    Field::new(name, DataType::Date32, true)
}

fn texts<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(values.collect::<StringArray>())
}

fn counts(values: impl Iterator<Item = u64>) -> ArrayRef {
    Arc::new(
        values
            .map(|v| Some(i64::try_from(v).unwrap_or(i64::MAX)))
            .collect::<Int64Array>(),
    )
}

fn dates(values: impl Iterator<Item = Option<Date>>) -> ArrayRef {
    Arc::new(values.map(|d| d.map(Date::days)).collect::<Date32Array>())
}

/// Writes one table as `dir/name/part-00000.parquet` (Snappy, as Spark writes).
fn write_table(
    dir: &Path,
    name: &str,
    fields: Vec<Field>,
    columns: Vec<ArrayRef>,
) -> Result<(), AtlasError> {
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder)
        .map_err(|e| AtlasError::new(&folder, format!("cannot create: {e}")))?;
    // A table written before (by us or by Spark) is replaced whole.
    for old in parts(dir, name)? {
        std::fs::remove_file(&old)
            .map_err(|e| AtlasError::new(&old, format!("cannot replace: {e}")))?;
    }
    let path = folder.join("part-00000.parquet");
    let failed = |e: &dyn std::fmt::Display| AtlasError::new(&path, format!("cannot write: {e}"));
    let batch =
        RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).map_err(|e| failed(&e))?;
    let file = File::create(&path).map_err(|e| failed(&e))?;
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let mut writer =
        ArrowWriter::try_new(file, batch.schema(), Some(props)).map_err(|e| failed(&e))?;
    writer.write(&batch).map_err(|e| failed(&e))?;
    writer.close().map_err(|e| failed(&e))?;
    Ok(())
}

/// Whether `dir` may receive an atlas: missing, empty, or an atlas already (replaced).
fn writable(dir: &Path) -> Result<(), AtlasError> {
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(AtlasError::new(
            dir,
            "is a file: an atlas is written to a folder",
        ));
    }
    let mut entries =
        std::fs::read_dir(dir).map_err(|e| AtlasError::new(dir, format!("cannot read: {e}")))?;
    if entries.next().is_none() || dir.join(MANIFEST).is_file() {
        return Ok(());
    }
    Err(AtlasError::new(
        dir,
        "holds other files: an atlas is written to a new or empty folder (or over an atlas)",
    ))
}

/// The counts' tables: entities, windows, pairs and tags.
fn write_sums(dir: &Path, gazetteer: &Gazetteer, sums: &Sums) -> Result<(), AtlasError> {
    let code = |e: EntityId| gazetteer.entity(e).code.as_str();
    let e = &sums.entities;
    write_table(
        dir,
        "entities",
        vec![
            text_field("entity"),
            text_field("kind"),
            date_field("day"),
            count_field("mentions"),
            count_field("documents"),
            count_field("sentence"),
            count_field("paragraph"),
        ],
        vec![
            texts(e.iter().map(|r| Some(code(r.entity)))),
            texts(
                e.iter()
                    .map(|r| Some(gazetteer.entity(r.entity).kind.as_str())),
            ),
            dates(e.iter().map(|r| r.day)),
            counts(e.iter().map(|r| u64::from(r.mentions))),
            counts(e.iter().map(|r| u64::from(r.documents))),
            counts(e.iter().map(|r| u64::from(r.sentence))),
            counts(e.iter().map(|r| u64::from(r.paragraph))),
        ],
    )?;
    let w = &sums.windows;
    write_table(
        dir,
        "windows",
        vec![
            date_field("day"),
            count_field("documents"),
            count_field("sentence"),
            count_field("paragraph"),
            count_field("article"),
        ],
        vec![
            dates(w.iter().map(|r| r.day)),
            counts(w.iter().map(|r| u64::from(r.documents))),
            counts(w.iter().map(|r| r.sentence)),
            counts(w.iter().map(|r| r.paragraph)),
            counts(w.iter().map(|r| u64::from(r.documents))),
        ],
    )?;
    let p = &sums.pairs;
    write_table(
        dir,
        "pairs",
        vec![
            text_field("a"),
            text_field("b"),
            text_field("window"),
            date_field("day"),
            count_field("weight"),
            count_field("documents"),
        ],
        vec![
            texts(p.iter().map(|r| Some(code(r.a)))),
            texts(p.iter().map(|r| Some(code(r.b)))),
            texts(p.iter().map(|r| Some(r.window.as_str()))),
            dates(p.iter().map(|r| r.day)),
            counts(p.iter().map(|r| u64::from(r.weight))),
            counts(p.iter().map(|r| u64::from(r.documents))),
        ],
    )?;
    let t = &sums.tags;
    write_table(
        dir,
        "tags",
        vec![
            text_field("a"),
            text_field("b"),
            text_field("window"),
            text_field("corridor"),
            date_field("day"),
            count_field("documents"),
        ],
        vec![
            texts(t.iter().map(|r| Some(code(r.a)))),
            texts(t.iter().map(|r| Some(code(r.b)))),
            texts(t.iter().map(|r| Some(r.window.as_str()))),
            texts(t.iter().map(|r| Some(code(r.corridor)))),
            dates(t.iter().map(|r| r.day)),
            counts(t.iter().map(|r| u64::from(r.documents))),
        ],
    )
}

/// A sampled passage to write: the first window naming a pair in one article.
struct EvidenceRow<'d> {
    pair: (EntityId, EntityId, Window),
    doc: &'d crate::corpus::Document,
    start: usize,
    end: usize,
}

/// The first `evidence` articles (corpus order) naming each pair, per window kind, with the
/// first window naming it in each.
fn write_evidence(
    dir: &Path,
    gazetteer: &Gazetteer,
    dataset: &Dataset,
    evidence: u32,
) -> Result<(), AtlasError> {
    let code = |e: EntityId| gazetteer.entity(e).code.as_str();
    let mut taken: HashMap<(EntityId, EntityId, Window), u32> = HashMap::new();
    let mut rows: Vec<EvidenceRow> = Vec::new();
    for (doc, ms) in dataset.counted() {
        for pc in article_counts(gazetteer, doc, ms).pairs {
            let key = (pc.a, pc.b, pc.window);
            let n = taken.entry(key).or_default();
            if *n < evidence {
                *n += 1;
                rows.push(EvidenceRow {
                    pair: key,
                    doc,
                    start: pc.first.start as usize,
                    end: pc.first.end as usize,
                });
            }
        }
    }
    rows.sort_by_key(|r| r.pair);
    let span = |r: &EvidenceRow| crate::corpus::Span::new(r.start, r.end);
    write_table(
        dir,
        "evidence",
        vec![
            text_field("a"),
            text_field("b"),
            text_field("window"),
            text_field("id"),
            text_field("title"),
            text_field("url"),
            date_field("date"),
            Field::new("start", DataType::Int32, true),
            Field::new("end", DataType::Int32, true),
            text_field("passage"),
        ],
        vec![
            texts(rows.iter().map(|r| Some(code(r.pair.0)))),
            texts(rows.iter().map(|r| Some(code(r.pair.1)))),
            texts(rows.iter().map(|r| Some(r.pair.2.as_str()))),
            texts(rows.iter().map(|r| Some(r.doc.id.as_str()))),
            texts(rows.iter().map(|r| Some(r.doc.title.as_str()))),
            texts(rows.iter().map(|r| r.doc.source.as_deref())),
            dates(rows.iter().map(|r| r.doc.date)),
            Arc::new(
                rows.iter()
                    .map(|r| i32::try_from(r.start).ok())
                    .collect::<Int32Array>(),
            ),
            Arc::new(
                rows.iter()
                    .map(|r| i32::try_from(r.end).ok())
                    .collect::<Int32Array>(),
            ),
            texts(rows.iter().map(|r| Some(passage(&r.doc.text, span(r))))),
        ],
    )
}

/// Writes `dataset` (read with its texts kept) as an atlas in `dir`, with up to `evidence`
/// passages per link and window kind; `inputs` are recorded in the manifest.
pub fn write(
    dir: &Path,
    gazetteer: &Gazetteer,
    dataset: &Dataset,
    evidence: u32,
    inputs: Vec<String>,
) -> Result<Manifest, AtlasError> {
    writable(dir)?;
    let docs = &dataset.documents;
    let sums = Sums::of(gazetteer, docs, &dataset.mentions);

    write_sums(dir, gazetteer, &sums)?;
    write_evidence(dir, gazetteer, dataset, evidence)?;

    let id = |i: u32| docs.get(i as usize).map_or("", |d| d.id.as_str());
    let dup = &dataset.duplicates;
    write_table(
        dir,
        "copies",
        vec![
            text_field("id"),
            text_field("of"),
            Field::new("exact", DataType::Boolean, true),
        ],
        vec![
            texts(dup.iter().map(|d| Some(id(d.doc)))),
            texts(dup.iter().map(|d| Some(id(d.of)))),
            Arc::new(dup.iter().map(|d| Some(d.exact)).collect::<BooleanArray>()),
        ],
    )?;
    let pr = &dataset.problems;
    write_table(
        dir,
        "problems",
        vec![text_field("path"), text_field("reason")],
        vec![
            texts(pr.iter().map(|p| Some(p.path.as_str()))),
            texts(pr.iter().map(|p| Some(p.reason.as_str()))),
        ],
    )?;

    let manifest = Manifest {
        schema: SCHEMA,
        kind: KIND.to_owned(),
        version: env!("CARGO_PKG_VERSION").to_owned(),
        inputs,
        parameters: Parameters {
            names: None,
            evidence,
            articles: false,
            passage_bytes: PASSAGE_BYTES as u32,
        },
        gazetteer: GazetteerFacts {
            entities: gazetteer.entities().len() as u64,
            fingerprint: Some(gazetteer.fingerprint()),
        },
        counts: Counts {
            articles: docs.len() as u64,
            counted: dataset.counted().count() as u64,
            copies: dup.len() as u64,
            exact_copies: dup.iter().filter(|d| d.exact).count() as u64,
            problems: pr.len() as u64,
            skipped: dataset.skipped,
        },
        tables: TABLES.iter().map(|&t| t.to_owned()).collect(),
    };
    let path = dir.join(MANIFEST);
    let mut text = serde_json::to_string_pretty(&manifest)
        .map_err(|e| AtlasError::new(&path, e.to_string()))?;
    text.push('\n');
    std::fs::write(&path, text)
        .map_err(|e| AtlasError::new(&path, format!("cannot write: {e}")))?;
    Ok(manifest)
}
