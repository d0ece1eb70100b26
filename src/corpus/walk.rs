//! Sources to a list of files: folders are walked (sorted, symlink loops cut), files given by name
//! are taken whatever their extension. Every file found is either listed to be read or reported
//! ("not a supported format (.xyz)"); only hidden entries and the clutter systems and editors
//! leave (`.DS_Store`, `Thumbs.db`, `desktop.ini`, backups ending in `~`, Office lock files) are
//! passed over, and those are counted.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::Problem;

/// Extensions read when walking a folder. A file named explicitly is read whatever it is called.
const TEXT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "jsonl", "ndjson", "json", "csv",
    "eml", "mbox", "docx", "docm", "odt", "epub", "rtf", "pdf",
];

/// Extensions of archives and compressed files, whose members are read.
pub const ARCHIVE_EXTENSIONS: &[&str] = &["zip", "tar", "tgz", "gz", "warc"];

/// Every extension a folder's file is read by, for file dialogs.
pub fn read_extensions() -> impl Iterator<Item = &'static str> {
    TEXT_EXTENSIONS.iter().chain(ARCHIVE_EXTENSIONS).copied()
}

/// The start of the reason given for a file of a kind that is not read.
pub const UNSUPPORTED: &str = "not a supported format";

/// What the walk does with a file it finds in a folder (or in an archive).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found {
    /// Read it.
    Read,
    /// Hidden, or clutter left by a system or an editor: passed over, counted.
    Clutter,
    /// Of a kind that is not read: reported, with its extension (lower case, empty for none).
    Unsupported(String),
}

/// What becomes of a file called `name` (the last part of its path) found in a folder or an
/// archive: its extension (under a `.gz`, the one inside) says whether it is read.
pub fn found(name: &str) -> Found {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with('.')
        || lower.ends_with('~')
        || lower.starts_with("~$")
        || (lower.starts_with('#') && lower.ends_with('#'))
        || matches!(lower.as_str(), "thumbs.db" | "desktop.ini" | "ehthumbs.db")
    {
        return Found::Clutter;
    }
    if matches!(
        super::Container::of(&lower),
        Some(
            super::Container::Zip
                | super::Container::Tar
                | super::Container::TarGz
                | super::Container::Warc
                | super::Container::WarcGz
        )
    ) {
        return Found::Read;
    }
    let inner = super::archive::without_gz(&lower);
    match inner.rsplit_once('.') {
        Some((_, ext)) if TEXT_EXTENSIONS.contains(&ext) => Found::Read,
        Some((_, ext)) if !ext.contains('/') => Found::Unsupported(ext.to_owned()),
        _ => Found::Unsupported(String::new()),
    }
}

/// The reason a file of extension `ext` is not read.
pub fn unsupported_reason(ext: &str) -> String {
    if ext.is_empty() {
        format!("{UNSUPPORTED} (no extension)")
    } else {
        format!("{UNSUPPORTED} (.{ext})")
    }
}

/// What a folder walk found: the files to read, the ones that cannot be, and how many hidden
/// entries and clutter were passed over.
#[derive(Debug, Default)]
pub struct Walked {
    /// The files to read.
    pub files: Vec<SourceFile>,
    /// Files and folders that cannot be read, and why.
    pub problems: Vec<Problem>,
    /// Hidden entries (a hidden folder counts once) and clutter passed over.
    pub skipped: u64,
}

/// A file to read, with the id it will have in the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the root it was found under (a file given directly: its name).
    pub id: String,
    /// Where to read it.
    pub path: PathBuf,
}

/// Lists the files under `roots`, in a stable order. Unreadable folders, paths that do not
/// exist and files of kinds that are not read become problems; the walk goes on.
pub fn walk(roots: &[PathBuf]) -> Walked {
    let mut walked = Walked::default();
    for root in roots {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                walked.problems.push(problem(root, &io_reason(&e)));
                continue;
            }
        };
        if meta.is_dir() {
            let mut visited = HashSet::new();
            walk_dir("", root, &mut visited, &mut walked);
        } else {
            let id = root
                .file_name()
                .map_or_else(|| display(root), |n| n.to_string_lossy().into_owned());
            walked.files.push(SourceFile {
                id,
                path: root.clone(),
            });
        }
    }
    disambiguate(&mut walked.files);
    walked
}

/// Walks `dir`, whose files get ids starting with `prefix` (their path below the root).
fn walk_dir(prefix: &str, dir: &Path, visited: &mut HashSet<PathBuf>, walked: &mut Walked) {
    // Following a symlink back into a folder already walked would never end.
    let Ok(canonical) = dir.canonicalize() else {
        walked
            .problems
            .push(problem(dir, "folder cannot be resolved"));
        return;
    };
    if !visited.insert(canonical) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            walked.problems.push(problem(dir, &io_reason(&e)));
            return;
        }
    };
    // The kind of each entry comes with the listing on most file systems; only links (and
    // file systems that do not say) need a look at what they point to.
    // Entries of one folder sort by name (comparing whole paths costs more).
    let mut entries: Vec<(std::ffi::OsString, Option<std::fs::FileType>)> = entries
        .filter_map(|e| e.ok().map(|e| (e.file_name(), e.file_type().ok())))
        .collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    for (name, kind) in entries {
        let name_text = name.to_string_lossy();
        if name_text.starts_with('.') || name_text == "__MACOSX" {
            walked.skipped += 1;
            continue;
        }
        let path = dir.join(&name);
        let id = if prefix.is_empty() {
            name_text.to_string()
        } else {
            format!("{prefix}/{name_text}")
        };
        let is_dir = match kind {
            Some(k) if k.is_dir() => Ok(true),
            Some(k) if k.is_file() => Ok(false),
            _ => std::fs::metadata(&path).map(|m| m.is_dir()),
        };
        match is_dir {
            Ok(true) => walk_dir(&id, &path, visited, walked),
            Ok(false) => match found(&name_text) {
                Found::Read => walked.files.push(SourceFile { id, path }),
                Found::Clutter => walked.skipped += 1,
                Found::Unsupported(ext) => walked
                    .problems
                    .push(problem(&path, &unsupported_reason(&ext))),
            },
            Err(_) if std::fs::symlink_metadata(&path).is_ok() => {
                walked
                    .problems
                    .push(problem(&path, "dangling link: its target does not exist"));
            }
            Err(e) => walked.problems.push(problem(&path, &io_reason(&e))),
        }
    }
}

/// Two roots can yield the same relative id; later ones get their root's name in front.
fn disambiguate(files: &mut [SourceFile]) {
    let mut seen = HashSet::new();
    for f in files.iter_mut() {
        if !seen.insert(f.id.clone()) {
            let mut n = 2;
            let base = f.id.clone();
            while !seen.insert(format!("{base} ({n})")) {
                n += 1;
            }
            f.id = format!("{base} ({n})");
        }
    }
}

fn display(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn problem(path: &Path, reason: &str) -> Problem {
    Problem {
        path: display(path),
        reason: reason.to_owned(),
    }
}

/// A plain reason for an I/O error.
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "does not exist".to_owned(),
        std::io::ErrorKind::PermissionDenied => "unreadable: permission denied".to_owned(),
        _ => format!("unreadable: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_sorted_skips_hidden_and_other_extensions() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/.git")).expect("mkdir");
        std::fs::write(root.join("b/2.txt"), "x").expect("write");
        std::fs::write(root.join("a.md"), "x").expect("write");
        std::fs::write(root.join("image.png"), "x").expect("write");
        std::fs::write(root.join("b/.git/config.txt"), "x").expect("write");
        std::fs::write(root.join("b/notes.txt~"), "x").expect("write");
        std::fs::write(root.join("Thumbs.db"), "x").expect("write");
        std::fs::write(root.join("c.JSONL.gz"), "x").expect("write");
        std::fs::write(root.join("d.tgz"), "x").expect("write");
        std::fs::write(root.join("README"), "x").expect("write");
        let walked = walk(&[root.to_path_buf()]);
        let ids: Vec<&str> = walked.files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, vec!["a.md", "b/2.txt", "c.JSONL.gz", "d.tgz"]);
        let problems: Vec<String> = walked
            .problems
            .iter()
            .map(|p| {
                let name = Path::new(&p.path).file_name().expect("a name");
                format!("{}: {}", name.to_string_lossy(), p.reason)
            })
            .collect();
        assert_eq!(
            problems,
            vec![
                "README: not a supported format (no extension)",
                "image.png: not a supported format (.png)"
            ]
        );
        assert_eq!(walked.skipped, 3, "b/.git, the backup and Thumbs.db");
    }

    #[test]
    fn found_by_name() {
        assert_eq!(found("a.TXT"), Found::Read);
        assert_eq!(found("a.html.gz"), Found::Read);
        assert_eq!(found("a.tar"), Found::Read);
        assert_eq!(found("CC-NEWS-20260301.warc.gz"), Found::Read);
        assert_eq!(found("a.pdf.gz"), Found::Read);
        assert_eq!(found("a.doc.gz"), Found::Unsupported("doc".into()));
        assert_eq!(found("Report.DOCX"), Found::Read);
        assert_eq!(found("~$report.docx"), Found::Clutter);
        assert_eq!(found("#draft.txt#"), Found::Clutter);
        assert_eq!(found(".DS_Store"), Found::Clutter);
        assert_eq!(found("desktop.ini"), Found::Clutter);
    }

    #[test]
    fn missing_root_is_a_problem() {
        let walked = walk(&[PathBuf::from("/no/such/place")]);
        assert!(walked.files.is_empty());
        assert_eq!(walked.problems.len(), 1);
        assert!(walked.problems[0].reason.contains("does not exist"));
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_end_and_dangling_links_are_reported() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path();
        std::fs::create_dir(root.join("sub")).expect("mkdir");
        std::fs::write(root.join("sub/a.txt"), "x").expect("write");
        std::os::unix::fs::symlink(root, root.join("sub/loop")).expect("symlink");
        std::os::unix::fs::symlink(root.join("nowhere.txt"), root.join("dangling.txt"))
            .expect("symlink");
        let walked = walk(&[root.to_path_buf()]);
        assert_eq!(walked.files.len(), 1);
        assert_eq!(walked.problems.len(), 1, "{:?}", walked.problems);
        assert!(walked.problems[0].reason.contains("dangling"));
    }
}
