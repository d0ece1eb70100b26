//! Archives and compressed files read in place, never unpacked to disk: `.gz` (one file of any
//! readable kind inside), `.zip`, `.tar` and `.tar.gz` / `.tgz`. Each member is read into memory
//! on its own, up to [`MAX_MEMBER_BYTES`] inflated, so a member that inflates without end (a zip
//! bomb) is stopped there. An archive inside an archive is not opened: it is reported.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;

/// A member larger than this once inflated is reported, not read (the limit for files on disk).
pub const MAX_MEMBER_BYTES: u64 = 256 * 1024 * 1024;

/// How a file is packed, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Container {
    /// One gzip-compressed file: `notes.txt.gz` holds `notes.txt`.
    Gzip,
    /// A zip archive.
    Zip,
    /// A tar archive.
    Tar,
    /// A gzip-compressed tar archive.
    TarGz,
    /// A web archive (WARC).
    Warc,
    /// A web archive with each record gzipped (`.warc.gz`, as Common Crawl writes them).
    WarcGz,
}

impl Container {
    /// The container a file name says, if any (case does not matter).
    pub fn of(name: &str) -> Option<Self> {
        let ends = |suffix: &str| {
            name.len() >= suffix.len()
                && name.as_bytes()[name.len() - suffix.len()..]
                    .eq_ignore_ascii_case(suffix.as_bytes())
        };
        if ends(".warc.gz") {
            Some(Self::WarcGz)
        } else if ends(".warc") {
            Some(Self::Warc)
        } else if ends(".tar.gz") || ends(".tgz") {
            Some(Self::TarGz)
        } else if ends(".gz") {
            Some(Self::Gzip)
        } else if ends(".zip") {
            Some(Self::Zip)
        } else if ends(".tar") {
            Some(Self::Tar)
        } else {
            None
        }
    }

    /// What the user calls it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Gzip => "gzip",
            Self::Zip => "zip",
            Self::Tar => "tar",
            Self::TarGz => "tar.gz",
            Self::Warc => "WARC",
            Self::WarcGz => "WARC.gz",
        }
    }
}

/// The name of what a `.gz` file holds: `notes.txt.gz` → `notes.txt` (other names unchanged).
pub fn without_gz(name: &str) -> &str {
    match name.len().checked_sub(3) {
        Some(cut) if name.is_char_boundary(cut) && name[cut..].eq_ignore_ascii_case(".gz") => {
            &name[..cut]
        }
        _ => name,
    }
}

/// Why an archive, or one of its members, could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ArchiveError {
    /// The archive's own structure is broken (or it is not of the kind its name says).
    #[error("not a readable {kind} archive ({reason})")]
    Damaged {
        /// The kind its name says.
        kind: &'static str,
        /// What the reader found.
        reason: String,
    },
    /// The member's data is broken.
    #[error("damaged: {0}")]
    DamagedMember(String),
    /// Encrypted: it needs a password.
    #[error("encrypted: it needs a password")]
    Encrypted,
    /// It inflates past the limit ([`MAX_MEMBER_BYTES`]).
    #[error("inflates past {} MB: not read (a zip bomb?)", limit / 1_000_000)]
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// Compressed with a method this reader does not have.
    #[error("compressed with {0}, which cannot be read (re-pack it with deflate)")]
    Method(String),
    /// An archive or compressed file inside this one.
    #[error("an archive inside an archive is not opened (unpack the outer one first)")]
    Nested,
}

const TOO_LARGE: ArchiveError = ArchiveError::TooLarge {
    limit: MAX_MEMBER_BYTES,
};

/// Reads all of `reader`, refusing more than `limit` bytes.
fn read_bounded(reader: impl Read, size_hint: u64, limit: u64) -> Result<Vec<u8>, ArchiveError> {
    let mut data = Vec::with_capacity(usize::try_from(size_hint.min(limit)).unwrap_or(0));
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut data)
        .map_err(|e| ArchiveError::DamagedMember(e.to_string()))?;
    if data.len() as u64 > limit {
        return Err(ArchiveError::TooLarge { limit });
    }
    Ok(data)
}

/// The file a `.gz` holds (several gzip members one after another are one file, as `gunzip`
/// reads them).
pub fn gunzip(reader: impl Read) -> Result<Vec<u8>, ArchiveError> {
    gunzip_within(reader, MAX_MEMBER_BYTES)
}

fn gunzip_within(reader: impl Read, limit: u64) -> Result<Vec<u8>, ArchiveError> {
    read_bounded(flate2::read::MultiGzDecoder::new(reader), 0, limit).map_err(|e| match e {
        ArchiveError::DamagedMember(reason) => ArchiveError::Damaged {
            kind: Container::Gzip.label(),
            reason,
        },
        other => other,
    })
}

/// A file opened once and read from any thread at any offset: each clone keeps its own
/// position, so the members of one zip archive are inflated in parallel without reopening it.
#[derive(Clone)]
pub struct SharedFile {
    file: Arc<File>,
    len: u64,
    pos: u64,
}

impl SharedFile {
    /// Wraps an open file.
    pub fn new(file: File) -> std::io::Result<Self> {
        let len = file.metadata()?.len();
        Ok(Self {
            file: Arc::new(file),
            len,
            pos: 0,
        })
    }
}

impl Read for SharedFile {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::read_at(&*self.file, buf, self.pos)?;
        #[cfg(windows)]
        let n = std::os::windows::fs::FileExt::seek_read(&*self.file, buf, self.pos)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for SharedFile {
    fn seek(&mut self, to: SeekFrom) -> std::io::Result<u64> {
        let pos = match to {
            SeekFrom::Start(n) => Some(n),
            SeekFrom::End(d) => self.len.checked_add_signed(d),
            SeekFrom::Current(d) => self.pos.checked_add_signed(d),
        };
        self.pos = pos.ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "seek before the start")
        })?;
        Ok(self.pos)
    }
}

/// A member's path as its documents are named: `./world/a.txt` (as `tar -C dir .` writes) and
/// `/world//a.txt` are `world/a.txt`; a folder's trailing `/` is kept.
pub fn member_name(raw: &str) -> String {
    let parts: Vec<&str> = raw
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    let mut name = parts.join("/");
    if raw.ends_with('/') && !name.is_empty() {
        name.push('/');
    }
    name
}

/// A zip archive whose members can be read from several threads (clone it for each).
pub type Zip<R> = zip::ZipArchive<R>;

/// Opens a zip archive (its central directory is read once).
pub fn open_zip<R: Read + Seek>(reader: R) -> Result<Zip<R>, ArchiveError> {
    zip::ZipArchive::new(reader).map_err(|e| ArchiveError::Damaged {
        kind: Container::Zip.label(),
        reason: e.to_string(),
    })
}

/// The files of a zip archive, `(index, name)` in the archive's order; folders left out.
pub fn zip_files<R: Read + Seek>(archive: &Zip<R>) -> Vec<(usize, String)> {
    (0..archive.len())
        .filter_map(|i| {
            let name = archive.name_for_index(i)?.ok()?;
            (!name.ends_with('/')).then(|| (i, name.into_owned()))
        })
        .collect()
}

/// The bytes of the zip member at `index`.
pub fn zip_member<R: Read + Seek>(
    archive: &mut Zip<R>,
    index: usize,
) -> Result<Vec<u8>, ArchiveError> {
    zip_member_within(archive, index, MAX_MEMBER_BYTES)
}

/// The bytes of the zip member at `index`, refused past `limit` bytes inflated.
pub fn zip_member_within<R: Read + Seek>(
    archive: &mut Zip<R>,
    index: usize,
    limit: u64,
) -> Result<Vec<u8>, ArchiveError> {
    let too_large = ArchiveError::TooLarge { limit };
    {
        let raw = archive
            .by_index_raw(index)
            .map_err(|e| ArchiveError::DamagedMember(e.to_string()))?;
        if raw.encrypted() {
            return Err(ArchiveError::Encrypted);
        }
        if raw.size() > limit {
            return Err(too_large);
        }
    }
    match archive.by_index(index) {
        Ok(member) => {
            let size = member.size();
            read_bounded(member, size, limit)
        }
        Err(zip::result::ZipError::UnsupportedArchive(what)) => {
            Err(ArchiveError::Method(what.to_owned()))
        }
        Err(zip::result::ZipError::CompressionMethodNotSupported(code)) => {
            Err(ArchiveError::Method(format!("method {code}")))
        }
        Err(zip::result::ZipError::InvalidPassword) => Err(ArchiveError::Encrypted),
        Err(e) => Err(ArchiveError::DamagedMember(e.to_string())),
    }
}

/// The bytes of the zip member named `name`.
pub fn zip_member_named<R: Read + Seek>(
    archive: &mut Zip<R>,
    name: &str,
) -> Result<Vec<u8>, ArchiveError> {
    let index = archive
        .index_for_name(name)
        .ok_or_else(|| ArchiveError::DamagedMember(format!("no member {name}")))?;
    zip_member(archive, index)
}

/// What [`tar_files`] hands out for each file of a tar archive: its name and bytes (or why they
/// could not be read).
pub type TarMember = (String, Result<Vec<u8>, ArchiveError>);

/// Walks the files of a tar archive in order, handing each to `visit` (which returns `false` to
/// stop). An error is returned when the archive itself breaks off; the members before it have
/// been handed out.
pub fn tar_files(
    reader: impl Read,
    kind: Container,
    visit: &mut dyn FnMut(TarMember) -> bool,
) -> Result<(), ArchiveError> {
    let damaged = |e: std::io::Error| ArchiveError::Damaged {
        kind: kind.label(),
        reason: e.to_string(),
    };
    let mut archive = tar::Archive::new(reader);
    for entry in archive.entries().map_err(damaged)? {
        let entry = entry.map_err(damaged)?;
        let kind_of = entry.header().entry_type();
        if !(kind_of.is_file() || kind_of == tar::EntryType::Continuous) {
            continue;
        }
        let name = member_name(&String::from_utf8_lossy(&entry.path_bytes()));
        let size = entry.size();
        let data = if size > MAX_MEMBER_BYTES {
            Err(TOO_LARGE)
        } else {
            read_bounded(entry, size, MAX_MEMBER_BYTES)
        };
        if !visit((name, data)) {
            break;
        }
    }
    Ok(())
}

/// The bytes of the tar member named `name` (the archive is read up to it).
pub fn tar_member_named(
    reader: impl Read,
    kind: Container,
    name: &str,
) -> Result<Vec<u8>, ArchiveError> {
    let mut found = None;
    tar_files(reader, kind, &mut |(member, data)| {
        if member == name {
            found = Some(data);
            false
        } else {
            true
        }
    })?;
    found.unwrap_or_else(|| Err(ArchiveError::DamagedMember(format!("no member {name}"))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    #[test]
    fn containers_by_name() {
        assert_eq!(Container::of("a/news.TAR.GZ"), Some(Container::TarGz));
        assert_eq!(Container::of("news.tgz"), Some(Container::TarGz));
        assert_eq!(Container::of("notes.txt.gz"), Some(Container::Gzip));
        assert_eq!(Container::of("x.zip"), Some(Container::Zip));
        assert_eq!(Container::of("x.tar"), Some(Container::Tar));
        assert_eq!(Container::of("CC-NEWS-1.warc.gz"), Some(Container::WarcGz));
        assert_eq!(Container::of("crawl.WARC"), Some(Container::Warc));
        assert_eq!(Container::of("x.txt"), None);
        assert_eq!(without_gz("notes.jsonl.GZ"), "notes.jsonl");
        assert_eq!(without_gz("notes.txt"), "notes.txt");
        assert_eq!(without_gz("é.gz"), "é");
        assert_eq!(member_name("./world/a.txt"), "world/a.txt");
        assert_eq!(member_name("/world//./a.txt"), "world/a.txt");
        assert_eq!(member_name("./world/"), "world/");
        assert_eq!(member_name("./"), "");
    }

    #[test]
    fn a_member_that_inflates_past_the_limit_is_stopped() {
        // Zeros compress about a thousand to one: 8 MB in, a few kilobytes on disk.
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&vec![0u8; 8 << 20]).expect("compress");
        let bytes = gz.finish().expect("compress");
        assert!(bytes.len() < 64 << 10, "{} bytes", bytes.len());
        let limit = 1 << 20;
        assert_eq!(
            gunzip_within(bytes.as_slice(), limit),
            Err(ArchiveError::TooLarge { limit })
        );
        assert_eq!(gunzip(bytes.as_slice()).map(|d| d.len()), Ok(8 << 20));
    }

    #[test]
    fn a_broken_gzip_stream_says_so() {
        let err = gunzip(&b"\x1f\x8b\x08\x00not really"[..]).expect_err("broken");
        assert!(
            err.to_string().contains("not a readable gzip archive"),
            "{err}"
        );
    }
}
