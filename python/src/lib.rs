//! `corridor_atlas._core`: the Corridor Atlas core for Python, on Arrow data.
//!
//! Articles (or files' raw bytes) go in as Arrow record batches; their mentions and each
//! article's share of the graph's counts come out as record batches, through the Arrow
//! PyCapsule interface (no copy of the arrays between Rust and pyarrow). The gazetteer is built
//! once per [`Extractor`]; the interpreter lock is released while articles are read and matched.

mod batch;
mod columns;

use std::path::PathBuf;

use corridor_atlas::corpus::{self, Document, Found, Problem, SourceFile};
use corridor_atlas::extract::{self, Mention};
use corridor_atlas::gazetteer::Gazetteer;
use corridor_atlas::pipeline;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3_arrow::PyRecordBatch;

/// One article read, with what the counts need.
pub(crate) struct Read {
    /// The file it came from (its id in the corpus) and its place among the file's articles.
    pub file: String,
    pub index: usize,
    pub doc: Document,
    pub mentions: Vec<Mention>,
    pub print: corpus::Print,
}

/// What a batch of files or articles gave: articles, and problems naming their file.
#[derive(Default)]
pub(crate) struct Batch {
    pub articles: Vec<Read>,
    pub problems: Vec<Problem>,
}

/// Builds the gazetteer once (bundled names, plus a names file if given) and reads and counts
/// articles with it.
#[pyclass(frozen, module = "corridor_atlas._core")]
struct Extractor {
    gazetteer: Gazetteer,
}

#[pymethods]
impl Extractor {
    /// `names`: a names file (the command line's `--gazetteer`) added to the bundled names.
    #[new]
    #[pyo3(signature = (names = None))]
    fn new(py: Python<'_>, names: Option<PathBuf>) -> PyResult<Self> {
        let gazetteer = py
            .detach(|| Gazetteer::load(names.as_deref()))
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(Self { gazetteer })
    }

    /// Files' bytes (columns `id`: the file's path in the corpus, `content`: its bytes) read in
    /// every format the command line reads and counted: one row per article
    /// (`counts_schema()`), and one row per problem (`problem` set, naming the file).
    fn count_files(&self, py: Python<'_>, batch: PyRecordBatch) -> PyResult<Py<PyAny>> {
        let files = columns::files(&batch.into_inner())?;
        let out = py.detach(|| batch::counts(&self.gazetteer, &read_files(&self.gazetteer, files)));
        to_python(py, out)
    }

    /// Articles (columns `id`, `text`; optional `title`, `date`, `url`) counted: one row per
    /// article (`counts_schema()`), and one row per article without text (`problem` set).
    fn count_articles(&self, py: Python<'_>, batch: PyRecordBatch) -> PyResult<Py<PyAny>> {
        let articles = columns::articles(&batch.into_inner())?;
        let out =
            py.detach(|| batch::counts(&self.gazetteer, &read_articles(&self.gazetteer, articles)));
        to_python(py, out)
    }

    /// Articles (as for `count_articles`) to their mentions: one row per mention (`id`, `entity`,
    /// `kind`, `via`, `text`, `start`, `end`, `sentence`, `paragraph`; offsets in bytes of UTF-8).
    fn mentions(&self, py: Python<'_>, batch: PyRecordBatch) -> PyResult<Py<PyAny>> {
        let articles = columns::articles(&batch.into_inner())?;
        let out = py
            .detach(|| batch::mentions(&self.gazetteer, &read_articles(&self.gazetteer, articles)));
        to_python(py, out)
    }

    /// Files' bytes (as for `count_files`) to articles: `id`, `file`, `index`, `title`, `date`,
    /// `url`, `byline`, `text`, and `problem` on rows that name a file that could not be read.
    fn read_files(&self, py: Python<'_>, batch: PyRecordBatch) -> PyResult<Py<PyAny>> {
        let files = columns::files(&batch.into_inner())?;
        let out = py.detach(|| batch::articles(&read_files(&self.gazetteer, files)));
        to_python(py, out)
    }

    /// A print of the names in use (16 hex digits), as an atlas's manifest records it.
    #[getter]
    fn fingerprint(&self) -> String {
        self.gazetteer.fingerprint()
    }

    /// How many entities the gazetteer holds (countries, corridors, regions, organisations).
    fn __len__(&self) -> usize {
        self.gazetteer.entities().len()
    }
}

/// What the command line does with a file of this name: `"read"`, `"skip"` (hidden files and
/// clutter, passed over and counted) or the problem it reports (`"not a supported format
/// (.xyz)"`).
#[pyfunction]
fn classify(name: &str) -> String {
    match corpus::found(name) {
        Found::Read => "read".to_owned(),
        Found::Clutter => "skip".to_owned(),
        Found::Unsupported(ext) => corpus::unsupported_reason(&ext),
    }
}

/// The estimated Jaccard similarity of two texts' sketches (the `sketch` column of counts);
/// texts at least `NEAR` alike are near copies.
#[pyfunction]
fn similarity(a: Vec<u32>, b: Vec<u32>) -> f64 {
    corpus::copies::similarity(&a, &b)
}

/// The schema of `Extractor.count_files` and `count_articles` (a `pyarrow.Schema`).
#[pyfunction]
fn counts_schema(py: Python<'_>) -> PyResult<Py<PyAny>> {
    Ok(
        pyo3_arrow::PySchema::new(std::sync::Arc::new(batch::counts_schema()))
            .into_pyarrow(py)?
            .unbind(),
    )
}

fn to_python(
    py: Python<'_>,
    batch: Result<arrow_array::RecordBatch, arrow_schema::ArrowError>,
) -> PyResult<Py<PyAny>> {
    let batch = batch.map_err(|e| PyValueError::new_err(e.to_string()))?;
    Ok(PyRecordBatch::new(batch).into_pyarrow(py)?.unbind())
}

/// Reads files' bytes as the command line reads files: archives (zip, tar, gz, WARC) through a
/// temporary copy (their readers seek in a file), everything else from memory.
fn read_files(gazetteer: &Gazetteer, files: Vec<(String, Vec<u8>)>) -> Batch {
    let mut out = Batch::default();
    for (id, content) in files {
        let read = if corpus::Container::of(&id.to_ascii_lowercase()).is_some() {
            match read_container(&id, &content, gazetteer) {
                Ok(read) => read,
                Err(e) => {
                    out.problems.push(Problem {
                        path: id,
                        reason: corpus::io_reason(&e),
                    });
                    continue;
                }
            }
        } else {
            pipeline::read_bytes(&id, None, content, gazetteer)
        };
        push_read(&mut out, read);
    }
    out
}

fn read_container(
    id: &str,
    content: &[u8],
    gazetteer: &Gazetteer,
) -> std::io::Result<pipeline::FileRead> {
    let dir = tempfile::tempdir()?;
    // The copy keeps the archive's name: the reader knows its kind by it.
    let name = id.rsplit('/').next().unwrap_or(id);
    let path = dir.path().join(name);
    std::fs::write(&path, content)?;
    let mut read = pipeline::read_one(
        &SourceFile {
            id: id.to_owned(),
            path: path.clone(),
        },
        gazetteer,
    );
    let shown = path.display().to_string();
    for p in &mut read.problems {
        if let Some(rest) = p.path.strip_prefix(&shown) {
            p.path = format!("{id}{rest}");
        }
    }
    Ok(read)
}

fn push_read(out: &mut Batch, read: pipeline::FileRead) {
    for (index, (doc, mentions, print)) in read.articles.into_iter().enumerate() {
        out.articles.push(Read {
            file: corpus::file_id(&doc.id).to_owned(),
            index,
            doc,
            mentions,
            print,
        });
    }
    out.problems.extend(read.problems);
}

/// Articles given as fields, read as records of a JSON Lines file are.
fn read_articles(gazetteer: &Gazetteer, articles: Vec<columns::Article>) -> Batch {
    let mut out = Batch::default();
    for a in articles {
        if a.text.trim().is_empty() {
            // As the command line reports a record without text.
            out.problems.push(Problem {
                path: a.id,
                reason: "no text".to_owned(),
            });
            continue;
        }
        let len = a.text.len() as u64;
        let mut doc = Document::from_text(a.id.clone(), None, a.text, len);
        doc.apply(a.title, a.date, a.url);
        let mentions = extract::extract(gazetteer, &doc);
        let print = corpus::fingerprint(&doc);
        out.articles.push(Read {
            file: a.id,
            index: 0,
            doc,
            mentions,
            print,
        });
    }
    out
}

/// The module.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    m.add_function(wrap_pyfunction!(classify, m)?)?;
    m.add_function(wrap_pyfunction!(similarity, m)?)?;
    m.add_function(wrap_pyfunction!(counts_schema, m)?)?;
    m.add(
        "PASSAGE_BYTES",
        corridor_atlas::graph::article::PASSAGE_BYTES,
    )?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("EXTENSIONS", corpus::read_extensions().collect::<Vec<_>>())?;
    m.add("MAX_FILE_BYTES", pipeline::MAX_FILE_BYTES)?;
    m.add("NEAR", corpus::copies::NEAR)?;
    m.add("KEY_SPAN", corpus::copies::KEY_SPAN)?;
    m.add("MAX_BUCKET", corpus::copies::MAX_BUCKET)?;
    Ok(())
}
