//! Sources to a list of files: folders are walked (sorted, hidden entries skipped, symlink loops
//! cut), files given by name are taken whatever their extension.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::Problem;

/// Extensions read when walking a folder. A file named explicitly is read whatever it is called.
const TEXT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "jsonl", "ndjson", "json", "csv",
];

/// A file to read, with the id it will have in the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the root it was found under (a file given directly: its name).
    pub id: String,
    /// Where to read it.
    pub path: PathBuf,
}

/// Lists the files under `roots`, in a stable order. Unreadable folders and paths that do not
/// exist become problems; the walk goes on.
pub fn walk(roots: &[PathBuf]) -> (Vec<SourceFile>, Vec<Problem>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for root in roots {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                problems.push(problem(root, &io_reason(&e)));
                continue;
            }
        };
        if meta.is_dir() {
            let mut visited = HashSet::new();
            walk_dir("", root, &mut visited, &mut files, &mut problems);
        } else {
            let id = root
                .file_name()
                .map_or_else(|| display(root), |n| n.to_string_lossy().into_owned());
            files.push(SourceFile {
                id,
                path: root.clone(),
            });
        }
    }
    disambiguate(&mut files);
    (files, problems)
}

/// Walks `dir`, whose files get ids starting with `prefix` (their path below the root).
fn walk_dir(
    prefix: &str,
    dir: &Path,
    visited: &mut HashSet<PathBuf>,
    files: &mut Vec<SourceFile>,
    problems: &mut Vec<Problem>,
) {
    // Following a symlink back into a folder already walked would never end.
    let Ok(canonical) = dir.canonicalize() else {
        problems.push(problem(dir, "folder cannot be resolved"));
        return;
    };
    if !visited.insert(canonical) {
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(problem(dir, &io_reason(&e)));
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
        if name_text.starts_with('.') {
            continue;
        }
        let path = dir.join(&name);
        let id = if prefix.is_empty() {
            name_text.into_owned()
        } else {
            format!("{prefix}/{name_text}")
        };
        let is_dir = match kind {
            Some(k) if k.is_dir() => Ok(true),
            Some(k) if k.is_file() => Ok(false),
            _ => std::fs::metadata(&path).map(|m| m.is_dir()),
        };
        match is_dir {
            Ok(true) => walk_dir(&id, &path, visited, files, problems),
            Ok(false) => {
                if has_text_extension(&path) {
                    files.push(SourceFile { id, path });
                }
            }
            Err(_) if std::fs::symlink_metadata(&path).is_ok() => {
                problems.push(problem(&path, "dangling link: its target does not exist"));
            }
            Err(e) => problems.push(problem(&path, &io_reason(&e))),
        }
    }
}

fn has_text_extension(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| TEXT_EXTENSIONS.iter().any(|t| e.eq_ignore_ascii_case(t)))
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
pub(crate) fn io_reason(e: &std::io::Error) -> String {
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
        let (files, problems) = walk(&[root.to_path_buf()]);
        let ids: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, vec!["a.md", "b/2.txt"]);
        assert!(problems.is_empty());
    }

    #[test]
    fn missing_root_is_a_problem() {
        let (files, problems) = walk(&[PathBuf::from("/no/such/place")]);
        assert!(files.is_empty());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].reason.contains("does not exist"));
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
        let (files, problems) = walk(&[root.to_path_buf()]);
        assert_eq!(files.len(), 1);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].reason.contains("dangling"));
    }
}
