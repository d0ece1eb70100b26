//! Atlases on the command line: `export --format parquet` writes one, and every export of the
//! analysis from the atlas equals the export from the corpus itself.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corridor-atlas"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// The seeds three times over, each round telling other stories (a seed alone, then joined
/// with another), dated over three months (every fourth undated), with a copy and a file that
/// is not read.
fn corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut names: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .expect("seeds")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    names.sort();
    let body = |i: usize| {
        let text = std::fs::read_to_string(&names[i % names.len()]).expect("seed");
        match text.strip_prefix("date ") {
            Some(t) => t
                .split_once('\n')
                .map_or(String::new(), |(_, rest)| rest.to_owned()),
            None => text,
        }
    };
    assert!(names.len() >= 4, "the seeds");
    for round in 0..3 {
        for i in 0..names.len() {
            let text = match round {
                0 => body(i),
                1 => format!("{}\n\n{}", body(i), body(i + 1)),
                _ => format!("{}\n\n{}", body(i + 3), body(i)),
            };
            let text = if i % 4 == 3 {
                text
            } else {
                format!("date 2025-{:02}-{:02}\n{text}", 3 + round, 1 + 2 * i)
            };
            std::fs::write(corpus.join(format!("r{round}-{i:02}.txt")), text).expect("write");
        }
    }
    let first = std::fs::read_to_string(corpus.join("r0-00.txt")).expect("first");
    std::fs::write(corpus.join("zz-copy.txt"), first).expect("write");
    std::fs::write(corpus.join("broken.pdf"), b"%PDF-1.4 not really").expect("write");
    corpus
}

/// Exports the analysis from the corpus and from the atlas under every window and a few
/// measures and filters, asserts they are equal, and returns the rows compared.
fn same_exports(corpus: &Path, atlas: &Path) -> usize {
    let mut compared = 0;
    for window in ["sentence", "paragraph", "article"] {
        for (measure, extra) in [
            ("count", &[][..]),
            ("npmi", &["--top", "3"][..]),
            (
                "jaccard",
                &["--from", "2025-04-01", "--min-weight", "2"][..],
            ),
        ] {
            for format in ["csv", "nodes"] {
                let mut args = vec!["export", "--format", format, "--window", window];
                args.extend(["--measure", measure]);
                args.extend(extra);
                let mut on_corpus = args.clone();
                on_corpus.push(path(corpus));
                let mut on_atlas = args.clone();
                on_atlas.push(path(atlas));
                let want = stdout(&on_corpus);
                assert_eq!(stdout(&on_atlas), want, "{args:?}");
                compared += want.lines().count();
            }
        }
    }
    compared
}

#[test]
fn an_atlas_gives_the_exports_of_its_corpus() {
    let dir = tempfile::tempdir().expect("temp dir");
    let corpus = corpus(dir.path());
    let atlas = dir.path().join("atlas");
    let out = run(&[
        "export",
        "--format",
        "parquet",
        "-o",
        path(&atlas),
        path(&corpus),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(atlas.join("manifest.json")).expect("manifest"))
            .expect("JSON");
    assert_eq!(manifest["kind"], "corridor-atlas atlas");
    assert_eq!(manifest["counts"]["problems"], 1, "{manifest}");
    // The copies are those the corpus's own export marks.
    let whole: Value = serde_json::from_str(&stdout(&["export", path(&corpus)])).expect("JSON");
    let docs = whole["documents"].as_array().expect("documents");
    let copies = docs.iter().filter(|d| !d["duplicate_of"].is_null()).count() as u64;
    assert!(copies >= 1);
    assert_eq!(
        manifest["counts"]["copies"].as_u64(),
        Some(copies),
        "{manifest}"
    );
    assert_eq!(
        manifest["counts"]["articles"].as_u64(),
        Some(docs.len() as u64)
    );
    assert_eq!(
        manifest["counts"]["counted"].as_u64(),
        Some(docs.len() as u64 - copies)
    );
    for table in [
        "entities", "windows", "pairs", "tags", "evidence", "copies", "problems",
    ] {
        assert!(
            atlas.join(table).join("part-00000.parquet").is_file(),
            "{table}"
        );
    }

    let compared = same_exports(&corpus, &atlas);
    assert!(compared > 200, "rows compared: {compared}");

    // The JSON's links carry the sampled passages as evidence, at most five per link.
    let v: Value = serde_json::from_str(&stdout(&["export", path(&atlas)])).expect("JSON");
    let links = v["links"].as_array().expect("links");
    assert!(!links.is_empty());
    for l in links {
        let n = l["evidence"].as_array().map_or(0, Vec::len);
        let weight = l["weight"].as_u64().expect("weight");
        assert!((1..=5).contains(&n) && n as u64 <= weight, "{l}");
    }
    // The table or the manifest opens the same atlas.
    let nodes = stdout(&["export", "--format", "nodes", path(&atlas)]);
    assert_eq!(
        stdout(&["export", "--format", "nodes", path(&atlas.join("pairs"))]),
        nodes
    );
    assert_eq!(
        stdout(&[
            "export",
            "--format",
            "nodes",
            path(&atlas.join("manifest.json"))
        ]),
        nodes
    );
    // Markdown quotes the samples.
    let md = stdout(&[
        "export",
        "--format",
        "markdown",
        "--select",
        "AZE,TUR",
        path(&atlas),
    ]);
    assert!(
        md.contains("**Azerbaijan**") || md.contains("**Türkiye**"),
        "{md}"
    );
}

#[test]
fn what_needs_texts_is_refused_on_an_atlas_and_bad_atlases_are_named() {
    let dir = tempfile::tempdir().expect("temp dir");
    let atlas = dir.path().join("atlas");
    stdout(&["export", "--format", "parquet", "-o", path(&atlas)]);
    for format in ["mentions", "documents", "parquet"] {
        let out = run(&[
            "export",
            "--format",
            format,
            "-o",
            path(&dir.path().join("x")),
            path(&atlas),
        ]);
        assert_eq!(out.status.code(), Some(2), "{format}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is an atlas") && err.contains("not the articles' texts"),
            "{err}"
        );
    }
    // The manifest records the names' print; other names say so, and the counts stand.
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(atlas.join("manifest.json")).expect("manifest"))
            .expect("JSON");
    let print = manifest["gazetteer"]["fingerprint"]
        .as_str()
        .expect("a print");
    assert!(
        print.len() == 16 && print.chars().all(|c| c.is_ascii_hexdigit()),
        "{print}"
    );
    let quiet = run(&["export", "--format", "nodes", path(&atlas)]);
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("other names"));
    let names = dir.path().join("names.json");
    std::fs::write(
        &names,
        r#"{"forms": [{"text": "Bakı", "entity": "AZE", "via": "capital"}]}"#,
    )
    .expect("write");
    let other = run(&[
        "export",
        "--gazetteer",
        path(&names),
        "--format",
        "nodes",
        path(&atlas),
    ]);
    assert!(other.status.success());
    assert!(String::from_utf8_lossy(&other.stderr).contains("counted with other names"));
    assert_eq!(other.stdout, quiet.stdout, "the counts stand as counted");

    // Parquet needs a folder, new, empty or an atlas already.
    let out = run(&["export", "--format", "parquet"]);
    assert_eq!(out.status.code(), Some(2));
    let busy = dir.path().join("busy");
    std::fs::create_dir(&busy).expect("mkdir");
    std::fs::write(busy.join("notes.txt"), "mine").expect("write");
    let out = run(&["export", "--format", "parquet", "-o", path(&busy)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds other files"));
    assert_eq!(
        std::fs::read_to_string(busy.join("notes.txt")).expect("kept"),
        "mine"
    );
    stdout(&["export", "--format", "parquet", "-o", path(&atlas)]);

    // A damaged table names its file.
    let part = atlas.join("pairs").join("part-00000.parquet");
    std::fs::write(&part, b"PAR1 not parquet").expect("write");
    let out = run(&["export", path(&atlas)]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("part-00000.parquet") && err.contains("not a readable Parquet file"),
        "{err}"
    );
    // A newer layout is refused with the reason.
    std::fs::write(
        atlas.join("manifest.json"),
        r#"{"schema": 99, "kind": "corridor-atlas atlas", "version": "9.0"}"#,
    )
    .expect("write");
    let err = String::from_utf8_lossy(&run(&["export", path(&atlas)]).stderr).to_string();
    assert!(
        err.contains("layout 99") && err.contains("newer version"),
        "{err}"
    );
}
