//! Archives and compressed files read in place: each member is read as a file of its own, with
//! the id `archive/member` and the archive as its path, and each member that cannot be read is a
//! problem of the archive naming the member. Zip members are inflated in parallel (the archive
//! is opened once and read at offsets from every thread); a tar archive, a stream, is read in
//! order on a thread of its own while its members are read as articles on the others; a web
//! archive (WARC) the same way, each page record an article `file#n` (n its record number) with
//! its address as the source.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::{FileRead, RereadError, Tick, analysed, read_bytes};
use crate::corpus::{self, ArchiveError, Container, Document, Found, Problem, SourceFile};
use crate::gazetteer::Gazetteer;

/// Members in flight between the thread reading a tar archive and those reading articles.
const TAR_QUEUE: usize = 64;

/// The container a file on disk is, by its name.
pub(super) fn container_of(path: &Path) -> Option<Container> {
    Container::of(&path.file_name()?.to_string_lossy())
}

/// Reads an archive or compressed file: its members' articles in member-name order, and its
/// problems (the archive's path in each, the member named in the reason). A cancelled read stops
/// between members.
pub(super) fn read_archive(
    file: &SourceFile,
    container: Container,
    gazetteer: &Gazetteer,
    cancel: &AtomicBool,
    tick: &(dyn Fn(Tick) + Sync),
) -> FileRead {
    let place = file.path.display().to_string();
    let fail = |reason: String| FileRead {
        problems: vec![Problem {
            path: place.clone(),
            reason,
        }],
        ..FileRead::default()
    };
    let handle = match File::open(&file.path) {
        Ok(h) => h,
        Err(e) => return fail(corpus::io_reason(&e)),
    };
    let bytes = handle.metadata().map_or(0, |m| m.len());
    tick(Tick::Size(bytes));
    // Streams tell their progress as their bytes are read; a zip as each member is.
    let handle = Ticking {
        inner: handle,
        tick,
    };
    let mut read = match container {
        Container::Gzip => {
            if Container::of(corpus::without_gz(&file.id)).is_some() {
                return fail(ArchiveError::Nested.to_string());
            }
            match corpus::gunzip(BufReader::new(handle)) {
                Ok(data) => read_bytes(&file.id, Some(&file.path), data, gazetteer),
                Err(e) => return fail(e.to_string()),
            }
        }
        Container::Zip => match read_zip(file, handle.inner, gazetteer, cancel, tick) {
            Ok(read) => read,
            Err(e) => return fail(e.to_string()),
        },
        Container::Tar => read_tar(file, BufReader::new(handle), container, gazetteer, cancel),
        Container::TarGz => read_tar(
            file,
            flate2::read::MultiGzDecoder::new(BufReader::new(handle)),
            container,
            gazetteer,
            cancel,
        ),
        Container::Warc => read_warc(file, BufReader::new(handle), gazetteer, cancel),
        Container::WarcGz => read_warc(
            file,
            BufReader::new(flate2::read::MultiGzDecoder::new(BufReader::new(handle))),
            gazetteer,
            cancel,
        ),
    };
    read.bytes = bytes;
    for p in &mut read.problems {
        p.path.clone_from(&place);
    }
    read
}

/// A file that tells how many of its bytes have been read.
struct Ticking<'a> {
    inner: File,
    tick: &'a (dyn Fn(Tick) + Sync),
}

impl Read for Ticking<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        (self.tick)(Tick::Read(n as u64));
        Ok(n)
    }
}

/// What becomes of a member before its bytes are read: `Ok` with its clean path when it is to
/// be read, else what it counts as (clutter passed over, or a problem naming it).
fn admitted(raw: &str) -> Result<String, FileRead> {
    let name = corpus::member_name(raw);
    let problem = |reason: String| FileRead {
        problems: vec![Problem {
            path: String::new(),
            reason: format!("{name}: {reason}"),
        }],
        ..FileRead::default()
    };
    let clutter = || FileRead {
        skipped: 1,
        ..FileRead::default()
    };
    let base = name.rsplit('/').next().unwrap_or(&name);
    if name.is_empty()
        || name.starts_with("__MACOSX/")
        || name.split('/').any(|part| part.starts_with('.'))
    {
        return Err(clutter());
    }
    match corpus::found(base) {
        Found::Read => {}
        Found::Clutter => return Err(clutter()),
        Found::Unsupported(ext) => return Err(problem(corpus::unsupported_reason(&ext))),
    }
    if Container::of(base).is_some() {
        return Err(problem(ArchiveError::Nested.to_string()));
    }
    Ok(name)
}

/// One member read as a file of its own, `raw` its path as the archive stores it (hidden files
/// and clutter are passed over, counted). `data` is only asked for a member that is read.
fn read_member(
    file: &SourceFile,
    raw: &str,
    data: impl FnOnce() -> Result<Vec<u8>, ArchiveError>,
    gazetteer: &Gazetteer,
) -> FileRead {
    // The name as stored finds the member again; the documents are named by its clean path.
    let name = match admitted(raw) {
        Ok(name) => name,
        Err(read) => return read,
    };
    let data = match data() {
        Ok(data) => data,
        Err(e) => {
            return FileRead {
                problems: vec![Problem {
                    path: String::new(),
                    reason: format!("{name}: {e}"),
                }],
                ..FileRead::default()
            };
        }
    };
    let id = format!("{}/{name}", file.id);
    let mut read = read_bytes(&id, Some(&file.path), data, gazetteer);
    let member: Arc<str> = Arc::from(raw);
    for (doc, _, _) in &mut read.articles {
        doc.member = Some(Arc::clone(&member));
    }
    for p in &mut read.problems {
        p.reason = format!("{name}: {}", p.reason);
    }
    read
}

/// Puts the reads of an archive's members together, in member-name order.
fn merged(mut reads: Vec<(String, usize, FileRead)>) -> FileRead {
    reads.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out = FileRead::default();
    for (_, _, read) in reads {
        out.articles.extend(read.articles);
        out.problems.extend(read.problems);
        out.skipped += read.skipped;
        out.other_records += read.other_records;
    }
    out
}

fn read_zip(
    file: &SourceFile,
    handle: File,
    gazetteer: &Gazetteer,
    cancel: &AtomicBool,
    tick: &(dyn Fn(Tick) + Sync),
) -> Result<FileRead, ArchiveError> {
    let shared = corpus::SharedFile::new(handle).map_err(|e| ArchiveError::Damaged {
        kind: Container::Zip.label(),
        reason: corpus::io_reason(&e),
    })?;
    let archive = corpus::open_zip(shared)?;
    let members = corpus::zip_files(&archive);
    let reads = members
        .into_par_iter()
        .map_init(
            || archive.clone(),
            |archive, (index, name)| {
                if cancel.load(Ordering::Relaxed) {
                    return (name, index, FileRead::default());
                }
                let read = read_member(
                    file,
                    &name,
                    || corpus::zip_member(archive, index),
                    gazetteer,
                );
                if let Ok(member) = archive.by_index_raw(index) {
                    tick(Tick::Read(member.compressed_size()));
                }
                (name, index, read)
            },
        )
        .collect();
    Ok(merged(reads))
}

fn read_tar(
    file: &SourceFile,
    reader: impl Read + Send,
    kind: Container,
    gazetteer: &Gazetteer,
    cancel: &AtomicBool,
) -> FileRead {
    let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, corpus::TarMember)>(TAR_QUEUE);
    let (reads, walked) = std::thread::scope(|scope| {
        let walker = scope.spawn(move || {
            let mut index = 0;
            corpus::tar_files(reader, kind, &mut |member| {
                index += 1;
                !cancel.load(Ordering::Relaxed) && tx.send((index, member)).is_ok()
            })
        });
        let reads: Vec<(String, usize, FileRead)> = rx
            .into_iter()
            .par_bridge()
            .map(|(index, (name, data))| {
                let read = read_member(file, &name, || data, gazetteer);
                (name, index, read)
            })
            .collect();
        (reads, walker.join())
    });
    with_damage(merged(reads), walked, "members")
}

/// `read` with the damage that stopped a streamed archive, if any, as a problem: `parts` (the
/// members, the records) before it have been read.
fn with_damage(
    mut read: FileRead,
    walked: std::thread::Result<Result<(), ArchiveError>>,
    parts: &str,
) -> FileRead {
    let broken = match walked {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e.to_string()),
        Err(_) => Some("the archive reader stopped unexpectedly".to_owned()),
    };
    if let Some(reason) = broken {
        read.problems.push(Problem {
            path: String::new(),
            reason: if read.articles.is_empty() {
                reason
            } else {
                format!("{reason}; the {parts} before the damage were read")
            },
        });
    }
    read
}

/// A web archive's pages as articles, read on the pool while a thread of its own walks the
/// records; records that are not pages, and pages with no article text, are counted as passed
/// over.
fn read_warc(
    file: &SourceFile,
    reader: impl std::io::BufRead + Send,
    gazetteer: &Gazetteer,
    cancel: &AtomicBool,
) -> FileRead {
    let (tx, rx) = std::sync::mpsc::sync_channel::<corpus::WarcRecord>(TAR_QUEUE);
    let (reads, walked) = std::thread::scope(|scope| {
        let walker = scope.spawn(move || {
            corpus::warc_records(reader, &mut |record| {
                !cancel.load(Ordering::Relaxed) && tx.send(record).is_ok()
            })
        });
        let reads: Vec<(usize, FileRead)> = rx
            .into_iter()
            .par_bridge()
            .map(|record| match record {
                corpus::WarcRecord::Page(page) => {
                    (page.number, warc_page_read(file, page, gazetteer))
                }
                corpus::WarcRecord::Other => (
                    0,
                    FileRead {
                        other_records: 1,
                        ..FileRead::default()
                    },
                ),
                corpus::WarcRecord::Broken(number, e) => (
                    number,
                    FileRead {
                        problems: vec![Problem {
                            path: String::new(),
                            reason: format!("record {number}: {e}"),
                        }],
                        ..FileRead::default()
                    },
                ),
            })
            .collect();
        (reads, walker.join())
    });
    let read = merged(
        reads
            .into_iter()
            .map(|(n, read)| (String::new(), n, read))
            .collect(),
    );
    with_damage(read, walked, "records")
}

/// One page of a web archive as a document: `file#n`, its address the source, its date from the
/// page, else from when it was fetched.
fn warc_page_document(
    id: String,
    path: &Path,
    page: corpus::WarcPage,
) -> Result<Option<Document>, corpus::DecodeError> {
    let bytes = page.html.len() as u64;
    let text = corpus::decode(page.html)?;
    let html = corpus::page(&text);
    if html.text.trim().is_empty() {
        return Ok(None);
    }
    let mut doc = Document::from_text(id, Some(path.to_path_buf()), html.text, bytes);
    doc.apply(html.title, html.date.or(page.date), page.uri.or(html.url));
    doc.left_out = html.left_out;
    doc.member = Some(Arc::from(page.number.to_string()));
    Ok(Some(doc))
}

fn warc_page_read(file: &SourceFile, page: corpus::WarcPage, gazetteer: &Gazetteer) -> FileRead {
    let number = page.number;
    match warc_page_document(format!("{}#{number}", file.id), &file.path, page) {
        Ok(Some(doc)) => FileRead {
            articles: vec![analysed(doc, gazetteer)],
            ..FileRead::default()
        },
        Ok(None) => FileRead {
            other_records: 1,
            ..FileRead::default()
        },
        Err(e) => FileRead {
            problems: vec![Problem {
                path: String::new(),
                reason: format!("record {number}: {e}"),
            }],
            ..FileRead::default()
        },
    }
}

/// Whether a file is a web archive.
pub(super) fn is_warc(path: &Path) -> bool {
    matches!(
        container_of(path),
        Some(Container::Warc | Container::WarcGz)
    )
}

/// A web archive document's `(id, text)` read again from its record's page.
pub(super) fn warc_article(
    doc: &Document,
    path: &Path,
    html: Vec<u8>,
) -> Result<(String, String), RereadError> {
    let page = corpus::WarcPage {
        number: 0,
        uri: None,
        date: None,
        html,
    };
    let unreadable = |reason: String| RereadError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    match warc_page_document(doc.id.clone(), path, page) {
        Ok(Some(read)) => Ok((read.id, read.text)),
        Ok(None) => Err(unreadable("the page holds no article text".to_owned())),
        Err(e) => Err(unreadable(e.to_string())),
    }
}

/// The bytes of the file a document of an archive or compressed file was read from.
pub(super) fn member_bytes(
    path: &Path,
    container: Container,
    member: Option<&str>,
) -> Result<Vec<u8>, RereadError> {
    let unreadable = |reason: String| RereadError::Unreadable {
        path: path.to_path_buf(),
        reason,
    };
    let handle = File::open(path).map_err(|e| unreadable(corpus::io_reason(&e)))?;
    let data = match (container, member) {
        (Container::Gzip, _) => corpus::gunzip(BufReader::new(handle)),
        (_, None) => return Err(unreadable("no member named for the document".to_owned())),
        (Container::Zip, Some(name)) => {
            let shared =
                corpus::SharedFile::new(handle).map_err(|e| unreadable(corpus::io_reason(&e)))?;
            corpus::open_zip(shared).and_then(|mut zip| corpus::zip_member_named(&mut zip, name))
        }
        (Container::Tar, Some(name)) => {
            corpus::tar_member_named(BufReader::new(handle), container, name)
        }
        (Container::TarGz, Some(name)) => corpus::tar_member_named(
            flate2::read::MultiGzDecoder::new(BufReader::new(handle)),
            container,
            name,
        ),
        (Container::Warc | Container::WarcGz, Some(number)) => {
            let number: usize = number
                .parse()
                .map_err(|_| unreadable(format!("no record {number}")))?;
            let page = if container == Container::Warc {
                corpus::warc_page(BufReader::new(handle), number)
            } else {
                corpus::warc_page(
                    BufReader::new(flate2::read::MultiGzDecoder::new(BufReader::new(handle))),
                    number,
                )
            };
            page.map(|p| p.html)
        }
    };
    data.map_err(|e| unreadable(e.to_string()))
}
