//! A scene as SVG: outlines as paths, links and routes as polylines, nodes as circles, labels as
//! real `<text>`, placed like on screen (greedily, most important first, never overlapping).

use std::fmt::Write as _;

use super::{Basemap, Color, Scene, Shape, Style, View};

/// Font family named in the SVG; the PNG renderer is given `DejaVu Sans` under this name.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// Writes `scene` over the outlines of `basemap` (filled by `land`) as a complete SVG document.
pub fn svg(
    scene: &Scene,
    basemap: Option<&Basemap>,
    land: &dyn Fn(&super::CountryShape) -> Color,
    style: &Style,
    view: &View,
) -> String {
    let [w, h] = view.size;
    let mut out = String::with_capacity(1 << 20);
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family="{FONT_FAMILY}">"#
    );
    let _ = writeln!(
        out,
        r#"<rect width="{w}" height="{h}" fill="{}"/>"#,
        style.sea.css_hex()
    );
    if let Some(basemap) = basemap {
        write_outlines(&mut out, basemap, land, style, view);
    }
    out.push_str("<g id=\"data\" stroke-linecap=\"round\" stroke-linejoin=\"round\">\n");
    let mut placed: Vec<[f32; 4]> = Vec::new();
    for item in &scene.items {
        match &item.shape {
            Shape::Path {
                points,
                width_px,
                color,
            } => {
                let mut pts = String::new();
                for p in points {
                    let [x, y] = view.picture_from_map(*p);
                    let _ = write!(pts, "{x:.1},{y:.1} ");
                }
                let _ = writeln!(
                    out,
                    r#"<polyline fill="none" points="{}" stroke="{}" stroke-opacity="{:.3}" stroke-width="{width_px:.2}"/>"#,
                    pts.trim_end(),
                    color.css_hex(),
                    opacity(*color)
                );
            }
            Shape::Circle {
                center,
                radius_px,
                fill,
                stroke_px,
                stroke,
            } => {
                let [x, y] = view.picture_from_map(*center);
                let _ = writeln!(
                    out,
                    r#"<circle cx="{x:.1}" cy="{y:.1}" r="{radius_px:.2}" fill="{}" fill-opacity="{:.3}" stroke="{}" stroke-opacity="{:.3}" stroke-width="{stroke_px:.2}"/>"#,
                    fill.css_hex(),
                    opacity(*fill),
                    stroke.css_hex(),
                    opacity(*stroke)
                );
                placed.push([
                    x - radius_px * 0.7,
                    y - radius_px * 0.7,
                    x + radius_px * 0.7,
                    y + radius_px * 0.7,
                ]);
            }
            Shape::Label {
                anchor,
                offset_px,
                text,
                size_px,
                color,
                halo,
            } => {
                let [x, y] = view.picture_from_map(*anchor);
                if x < 0.0 || y < 0.0 || x > w || y > h {
                    continue;
                }
                let size = [text_width(text, *size_px), size_px * 1.2];
                let Some(spot) = super::place_label([x, y], *offset_px, size, [w, h], &placed)
                else {
                    continue;
                };
                placed.push(spot);
                let baseline = spot[1] + size[1] * 0.8;
                let _ = writeln!(
                    out,
                    r#"<text x="{:.1}" y="{baseline:.1}" font-size="{size_px}" fill="{}" fill-opacity="{:.3}" stroke="{}" stroke-opacity="{:.3}" stroke-width="3" paint-order="stroke" stroke-linejoin="round">{}</text>"#,
                    spot[0],
                    color.css_hex(),
                    opacity(*color),
                    halo.css_hex(),
                    opacity(*halo),
                    xml_escaped(text)
                );
            }
        }
    }
    out.push_str("</g>\n</svg>\n");
    out
}

/// The countries' outlines, filled by `land`, as one group.
fn write_outlines(
    out: &mut String,
    basemap: &Basemap,
    land: &dyn Fn(&super::CountryShape) -> Color,
    style: &Style,
    view: &View,
) {
    let _ = writeln!(
        out,
        r#"<g id="countries" stroke="{}" stroke-width="0.6" fill-rule="evenodd">"#,
        style.border.css_hex()
    );
    for country in &basemap.countries {
        let d = outline_path(country, view);
        if !d.is_empty() {
            let _ = writeln!(
                out,
                r#"<path data-id="{}" fill="{}" d="{d}"/>"#,
                country.code,
                land(country).css_hex()
            );
        }
    }
    out.push_str("</g>\n");
}

/// A country's rings as one path in picture coordinates; rings smaller than half a pixel or
/// wholly outside the picture are left out.
fn outline_path(country: &super::CountryShape, view: &View) -> String {
    let [x0, y0] = view.picture_from_map([country.bounds[0], country.bounds[1]]);
    let [x1, y1] = view.picture_from_map([country.bounds[2], country.bounds[3]]);
    if x1 < 0.0 || y1 < 0.0 || x0 > view.size[0] || y0 > view.size[1] {
        return String::new();
    }
    let mut d = String::new();
    for ring in &country.rings {
        let pts = &country.vertices[ring.clone()];
        let (mut lo, mut hi) = ([f32::MAX; 2], [f32::MIN; 2]);
        let projected: Vec<[f32; 2]> = pts
            .iter()
            .map(|p| {
                let q = view.picture_from_map(*p);
                lo = [lo[0].min(q[0]), lo[1].min(q[1])];
                hi = [hi[0].max(q[0]), hi[1].max(q[1])];
                q
            })
            .collect();
        if (hi[0] - lo[0]).max(hi[1] - lo[1]) < 0.5 {
            continue;
        }
        for (i, [x, y]) in projected.iter().enumerate() {
            let _ = write!(d, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" });
        }
        d.push('Z');
    }
    d
}

/// Text width estimate for `DejaVu Sans` (about 0.6 em per character).
pub fn text_width(text: &str, size_px: f32) -> f32 {
    text.chars().count() as f32 * size_px * 0.6
}

fn opacity(c: Color) -> f32 {
    f32::from(c.0[3]) / 255.0
}

/// Text for an XML attribute or element: `& < > " '` escaped, and characters XML 1.0 does not
/// allow (most control characters) left out.
pub fn xml_escaped(s: &str) -> std::borrow::Cow<'_, str> {
    let needs = |c: char| {
        matches!(c, '&' | '<' | '>' | '"' | '\'') || (c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
    };
    if !s.contains(needs) {
        return s.into();
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c < ' ' && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out.into()
}

/// Why a picture could not be made into a PNG.
#[derive(Debug, thiserror::Error)]
pub enum PngError {
    /// The document does not parse as SVG.
    #[error("the picture is not valid SVG: {0}")]
    NotSvg(#[from] resvg::usvg::Error),
    /// No pixel buffer of that size (zero, or too large for memory).
    #[error("cannot make a {width}×{height} picture")]
    Size {
        /// Width in pixels.
        width: u32,
        /// Height in pixels.
        height: u32,
    },
    /// The encoder failed.
    #[error("cannot encode PNG: {0}")]
    Encode(String),
}

/// Rasterises an SVG document to PNG bytes with resvg, text drawn with the bundled font.
pub fn png(svg: &str, font: &'static [u8]) -> Result<Vec<u8>, PngError> {
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_font_data(font.to_vec());
    FONT_FAMILY.clone_into(&mut options.font_family);
    let tree = resvg::usvg::Tree::from_str(svg, &options)?;
    let size = tree.size().to_int_size();
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or(PngError::Size {
            width: size.width(),
            height: size.height(),
        })?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| PngError::Encode(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::xml_escaped;

    #[test]
    fn text_is_escaped_for_xml_and_forbidden_characters_left_out() {
        assert_eq!(
            xml_escaped("a<b & \"c\" 'd'>\u{1}\te"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;\te"
        );
        assert!(matches!(
            xml_escaped("Türkiye"),
            std::borrow::Cow::Borrowed("Türkiye")
        ));
    }
}
