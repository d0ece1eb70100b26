//! What the desktop sees of the app: the icons (drawn from one SVG), the desktop entry and the
//! packaging metadata.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The sizes the icon is shipped in (hicolor theme folders, packagers, the window).
const SIZES: [u32; 6] = [16, 32, 64, 128, 256, 512];

fn png_of(size: u32) -> PathBuf {
    root().join(format!("assets/icon/corridor-atlas-{size}.png"))
}

/// The icon drawn at `size` pixels from its SVG.
fn rendered(size: u32) -> resvg::tiny_skia::Pixmap {
    let svg = std::fs::read_to_string(root().join("assets/icon/corridor-atlas.svg")).expect("svg");
    let tree =
        resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("valid SVG");
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size, size).expect("pixmap");
    let scale = size as f32 / tree.size().width();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
}

/// The PNG icons are the SVG drawn at each size. `CORRIDOR_ATLAS_WRITE_ICONS=1 cargo test
/// --test desktop` draws them again after a change to the SVG.
#[test]
fn the_png_icons_are_the_svg_drawn_at_each_size() {
    let write = std::env::var_os("CORRIDOR_ATLAS_WRITE_ICONS").is_some();
    for size in SIZES {
        let drawn = rendered(size);
        if write {
            drawn.save_png(png_of(size)).expect("written");
        }
        let shipped = resvg::tiny_skia::Pixmap::load_png(png_of(size))
            .unwrap_or_else(|e| panic!("{}: {e}", png_of(size).display()));
        assert_eq!((shipped.width(), shipped.height()), (size, size));
        // Within a step of rounding: another rasteriser version may differ by a shade.
        let off = drawn
            .data()
            .iter()
            .zip(shipped.data())
            .filter(|(a, b)| a.abs_diff(**b) > 8)
            .count();
        assert!(
            off * 100 <= drawn.data().len(),
            "{} differs from the SVG in {off} bytes",
            png_of(size).display()
        );
        // Opaque in the middle, transparent in the corners (a rounded square).
        let at = |x: u32, y: u32| shipped.pixel(x, y).expect("inside").alpha();
        assert_eq!(at(size / 2, size / 2), 255);
        assert_eq!(at(0, 0), 0);
    }
}

/// `desktop-file-validate` (desktop-file-utils), or `None` with a note where it is not
/// installed; CI sets `CORRIDOR_ATLAS_REQUIRE_TOOLS` so a missing one fails there.
fn desktop_file_validate() -> Option<Command> {
    if Command::new("desktop-file-validate")
        .arg("--help")
        .output()
        .is_err()
    {
        assert!(
            std::env::var_os("CORRIDOR_ATLAS_REQUIRE_TOOLS").is_none(),
            "desktop-file-validate is required (apt install desktop-file-utils)"
        );
        eprintln!("desktop-file-validate not installed (apt install desktop-file-utils): skipped");
        return None;
    }
    Some(Command::new("desktop-file-validate"))
}

#[test]
fn the_desktop_entry_is_valid_and_opens_folders_and_articles() {
    let path = root().join("packaging/corridor-atlas.desktop");
    let entry = std::fs::read_to_string(&path).expect("desktop entry");
    let field = |key: &str| {
        entry
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{key}=")))
            .unwrap_or_else(|| panic!("no {key}= in {}", path.display()))
    };
    assert_eq!(field("Type"), "Application");
    assert_eq!(field("Name"), "Corridor Atlas");
    assert!(field("Exec").starts_with("corridor-atlas"));
    assert_eq!(field("Icon"), "corridor-atlas");
    // The window says it is this entry's (Wayland app id, X11 class).
    assert_eq!(field("StartupWMClass"), "corridor-atlas");
    // Folders and article files can be opened with it.
    for mime in [
        "inode/directory",
        "text/plain",
        "text/html",
        "text/csv",
        "application/zip",
        "application/gzip",
        "application/pdf",
        "application/rtf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ] {
        assert!(field("MimeType").split(';').any(|m| m == mime), "{mime}");
    }

    let Some(mut validate) = desktop_file_validate() else {
        return;
    };
    let out = validate.arg(&path).output().expect("runs");
    assert!(
        out.status.success() && out.stdout.is_empty(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_packaging_metadata_names_the_icons_and_entry_that_exist() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    let packager = &manifest[manifest
        .find("[package.metadata.packager]")
        .expect("packager section")..];
    for size in [32, 128, 256, 512] {
        let icon = format!("assets/icon/corridor-atlas-{size}.png");
        assert!(packager.contains(&icon), "{icon} not packaged");
        assert!(root().join(&icon).is_file());
    }
    for format in ["\"deb\"", "\"appimage\"", "\"app\"", "\"dmg\"", "\"nsis\""] {
        assert!(packager.contains(format), "{format} not declared");
    }
    assert!(packager.contains("packaging/corridor-atlas.desktop"));
}

#[cfg(feature = "gui")]
#[test]
fn the_window_icon_is_the_shipped_icon() {
    let icon = corridor_atlas::app::window_icon();
    assert_eq!((icon.width, icon.height), (256, 256));
    assert_eq!(icon.rgba.len(), 256 * 256 * 4);
    let shipped = resvg::tiny_skia::Pixmap::load_png(png_of(256)).expect("icon");
    // The middle pixel, opaque, in the same colour as the file.
    let at = (128 * 256 + 128) * 4;
    let p = shipped.pixel(128, 128).expect("inside").demultiply();
    assert_eq!(icon.rgba[at..at + 4], [p.red(), p.green(), p.blue(), 255]);
    assert_eq!(icon.rgba[3], 0, "transparent corner");
}

#[cfg(unix)]
#[test]
fn the_install_script_adds_a_valid_menu_entry_and_icons_and_removes_them() {
    let data = tempfile::tempdir().expect("temp dir");
    let script = |args: &[&str]| {
        let out = Command::new("bash")
            .arg(root().join("packaging/install.sh"))
            .args(args)
            .env("XDG_DATA_HOME", data.path())
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let binary = env!("CARGO_BIN_EXE_corridor-atlas");
    script(&["--desktop-only", "--exec", binary]);
    let entry = data.path().join("applications/corridor-atlas.desktop");
    let text = std::fs::read_to_string(&entry).expect("entry installed");
    assert!(text.contains(&format!("Exec={binary} %F")), "{text}");
    assert!(text.contains(&format!("TryExec={binary}")), "{text}");
    for size in SIZES {
        let icon = data.path().join(format!(
            "icons/hicolor/{size}x{size}/apps/corridor-atlas.png"
        ));
        assert!(icon.is_file(), "{}", icon.display());
    }
    if let Some(mut validate) = desktop_file_validate() {
        let out = validate.arg(&entry).output().expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    script(&["--uninstall", "--desktop-only"]);
    assert!(!entry.exists());
    assert!(
        !data
            .path()
            .join("icons/hicolor/256x256/apps/corridor-atlas.png")
            .exists()
    );
}
