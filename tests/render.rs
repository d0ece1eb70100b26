//! `corridor-atlas render`: the map and the network as SVG and PNG files.

use std::path::Path;
use std::process::Command;

fn render(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_corridor-atlas"))
        .arg("render")
        .args(args)
        .output()
        .expect("runs")
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (be(16), be(20))
}

fn labels(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0.to_owned()))
        .collect()
}

fn check_svg(path: &Path, expect_outlines: bool) -> Vec<String> {
    let svg = std::fs::read_to_string(path).expect("written");
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("the SVG parses");
    assert_eq!(svg.contains("id=\"countries\""), expect_outlines);
    labels(&svg)
}

#[test]
fn map_as_svg_has_outlines_and_country_labels() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("map.svg");
    let run = render(&["-o", out.to_str().expect("utf-8")]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let labels = check_svg(&out, true);
    for name in ["Azerbaijan", "Türkiye", "Tajikistan", "Turkmenistan"] {
        assert!(
            labels.iter().any(|l| l == name),
            "{name} missing from {labels:?}"
        );
    }
    let svg = std::fs::read_to_string(&out).expect("written");
    assert!(
        svg.contains("data-id=\"AZE\""),
        "outlines are paths named by country"
    );
}

#[test]
fn network_as_svg_has_labels_and_no_outlines() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("net.svg");
    assert!(
        render(&["--view", "network", "-o", out.to_str().expect("utf-8")])
            .status
            .success()
    );
    let labels = check_svg(&out, false);
    assert!(labels.iter().any(|l| l == "Azerbaijan"), "{labels:?}");
}

#[test]
fn png_has_the_requested_size() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (view, size, w, h) in [
        ("map", "800x500", 800, 500),
        ("network", "640x640", 640, 640),
    ] {
        let out = dir.path().join(format!("{view}.png"));
        let run = render(&[
            "--view",
            view,
            "--size",
            size,
            "-o",
            out.to_str().expect("utf-8"),
        ]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(png_size(&std::fs::read(&out).expect("written")), (w, h));
    }
}

#[test]
fn bad_requests_are_usage_errors() {
    let dir = tempfile::tempdir().expect("temp dir");
    let gif = dir.path().join("map.gif");
    assert_eq!(
        render(&["-o", gif.to_str().expect("utf-8")]).status.code(),
        Some(2)
    );
    let png = dir.path().join("map.png");
    assert_eq!(
        render(&["--size", "big", "-o", png.to_str().expect("utf-8")])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        render(&["--size", "10x10", "-o", png.to_str().expect("utf-8")])
            .status
            .code(),
        Some(2)
    );
    assert!(!png.exists() && !gif.exists());
}

#[test]
fn a_wrong_size_or_picture_format_is_a_usage_error_naming_the_option() {
    let dir = tempfile::tempdir().expect("temp dir");
    let png = dir.path().join("map.png");
    let png = png.to_str().expect("utf-8");
    let gif = dir.path().join("map.gif");
    for (args, option) in [
        (&["--size", "10x10", "-o", png][..], "--size"),
        (&["--size", "1600", "-o", png], "--size"),
        (&["--size", "1600x90000", "-o", png], "--size"),
        (&["-o", gif.to_str().expect("utf-8")], "--output"),
    ] {
        let run = render(args);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        let said = String::from_utf8_lossy(&run.stderr);
        assert!(said.contains(option), "{args:?}: {said}");
        assert!(!Path::new(png).exists() && !gif.exists(), "nothing written");
    }
    // A size with either separator, spaces trimmed, draws a picture of that size.
    let run = render(&["--size", "640×480", "-o", png]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(png_size(&std::fs::read(png).expect("written")), (640, 480));
}
