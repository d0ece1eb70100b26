//! The Python package (`python/`): its API on Arrow data (`python/tests/api.py`), and the Spark
//! job giving the command line's answer (`python/tests/same_answer.py` runs `python -m
//! corridor_atlas.spark --master local[2]` on a generated corpus of a few MB and compares its
//! atlas with `corridor-atlas export` for every window and measure).
//!
//! Needs Python with the package (`pip install ./python`), Spark (the `pyspark` package) and
//! Java 17; where they are missing the tests say so and pass, unless
//! `CORRIDOR_ATLAS_REQUIRE_TOOLS` is set (CI), where they fail.

use std::path::Path;
use std::process::{Command, Output};

/// Why the package (and, with `spark`, the Spark job) cannot run here, or `None` when it can.
fn missing_tools(spark: bool) -> Option<String> {
    let imports = if spark {
        "import corridor_atlas, pyspark, pyarrow"
    } else {
        "import corridor_atlas, pyarrow"
    };
    match Command::new("python3").args(["-c", imports]).output() {
        Err(e) => return Some(format!("python3 cannot be started ({e})")),
        Ok(out) if !out.status.success() => {
            let reason = String::from_utf8_lossy(&out.stderr);
            let last = reason.lines().last().unwrap_or("no message").to_string();
            return Some(format!(
                "python3 lacks the package or PySpark ({last}; pip install ./python pyspark)"
            ));
        }
        Ok(_) => {}
    }
    if !spark {
        return None;
    }
    match Command::new("java").arg("-version").output() {
        Ok(out) if out.status.success() => None,
        _ => Some("java is not installed (apt install openjdk-17-jre-headless)".into()),
    }
}

/// Runs `python/tests/<script>` with `args`, or `None` (with a note) where it cannot run.
fn run_script(script: &str, args: &[&str], spark: bool) -> Option<Output> {
    if let Some(reason) = missing_tools(spark) {
        assert!(
            std::env::var_os("CORRIDOR_ATLAS_REQUIRE_TOOLS").is_none(),
            "{script} needs its tools: {reason}"
        );
        eprintln!("{script} is skipped: {reason}");
        return None;
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("python/tests")
        .join(script);
    // From a folder of its own, so the source tree's `python/` cannot shadow the installed
    // package.
    let work = tempfile::tempdir().expect("a temporary folder");
    let out = Command::new("python3")
        .arg(&path)
        .args(args)
        .current_dir(work.path())
        .output()
        .expect("python3 runs");
    Some(out)
}

/// The script's messages without Spark's own log lines.
fn said(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| !l.contains(" WARN ") && !l.contains(" INFO "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_python_package_reads_and_counts_arrow_batches() {
    let Some(out) = run_script("api.py", &[], false) else {
        return;
    };
    let said = said(&out);
    assert!(out.status.success(), "the package's API:\n{said}");
    assert!(said.contains("works as documented"), "no verdict:\n{said}");
}

#[test]
fn the_spark_job_and_the_command_line_count_the_same_links() {
    let binary = env!("CARGO_BIN_EXE_corridor-atlas");
    let Some(out) = run_script("same_answer.py", &["--binary", binary], true) else {
        return;
    };
    let said = said(&out);
    assert!(
        out.status.success(),
        "the atlas and the export differ:\n{said}"
    );
    assert!(
        said.contains("the atlas and the command line agree"),
        "no verdict from the comparison:\n{said}"
    );
    // The files (read by the tasks, then by Spark's own source) and the table of articles
    // were compared, every window.
    for window in ["sentence", "paragraph", "article"] {
        assert_eq!(
            said.matches(&format!("{window}: ")).count(),
            3,
            "the {window} window was not compared three times:\n{said}"
        );
    }
}
