//! PDF: the text layer, page by page in the order the pages' content draws it (which for the
//! single-column pages of reports and news-database exports is reading order; a multi-column
//! page whose columns are drawn out of order reads out of order, a limit stated in the README).
//! Characters are put into lines by their position and the lines of a paragraph joined into one;
//! a vertical gap wider than a line's spacing (or a move back up the page, to a new column)
//! starts a new paragraph; typographic ligatures (ﬁ, ﬂ) are spelled out; a word hyphenated at a line end ("inter-\nnational") is joined when
//! the next line starts in lower case; running heads and feet (a line at the top or bottom of
//! most pages, page numbers changed) are left out. Title, author and creation date from the
//! document information dictionary. A PDF that opens but draws no text is "scanned".
//!
//! The PDF parser and text extractor is `pdf-extract` (on `lopdf`); a panic inside it on a
//! malformed file is caught and reported as damage, not a crash.

use std::cell::Cell;
use std::sync::Once;

use pdf_extract::{MediaBox, Object, OutputDev, OutputError, Transform};

use super::{Flow, OfficeError};
use crate::corpus::Date;

pub(super) fn read(bytes: &[u8]) -> Result<Flow, OfficeError> {
    quietly(|| std::panic::catch_unwind(|| read_unguarded(bytes))).unwrap_or_else(|_| {
        Err(OfficeError::Damaged {
            kind: "PDF",
            reason: "its content could not be parsed".to_owned(),
        })
    })
}

fn damaged(e: impl std::fmt::Display) -> OfficeError {
    OfficeError::Damaged {
        kind: "PDF",
        reason: e.to_string(),
    }
}

fn read_unguarded(bytes: &[u8]) -> Result<Flow, OfficeError> {
    if !bytes.starts_with(b"%PDF")
        && !bytes[..bytes.len().min(1024)]
            .windows(4)
            .any(|w| w == b"%PDF")
    {
        return Err(damaged("it does not start with %PDF"));
    }
    let mut doc = pdf_extract::Document::load_mem(bytes).map_err(damaged)?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err(OfficeError::Encrypted);
    }
    let mut lines = Lines::default();
    pdf_extract::output_doc(&doc, &mut lines).map_err(|e| match e {
        OutputError::PdfError(e) => damaged(e),
        other => damaged(format!("{other:?}")),
    })?;
    let info = |key: &[u8]| -> Option<String> {
        let Ok(Object::Reference(id)) = doc.trailer.get(b"Info") else {
            return None;
        };
        let Ok(Object::Dictionary(dict)) = doc.get_object(*id) else {
            return None;
        };
        match dict.get(key) {
            Ok(Object::String(bytes, _)) => Some(text_string(bytes)),
            _ => None,
        }
        .map(|s| crate::corpus::one_line(&s))
        .filter(|s| !s.is_empty())
    };
    Ok(Flow {
        text: lines.text(),
        title: info(b"Title"),
        date: info(b"CreationDate").and_then(|d| pdf_date(&d)),
        author: info(b"Author"),
    })
}

/// Runs `f` with the panic message of this thread silenced (a caught panic in the PDF reader
/// is reported as a problem, not printed).
fn quietly<T>(f: impl FnOnce() -> T) -> T {
    thread_local! {
        static QUIET: Cell<bool> = const { Cell::new(false) };
    }
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let out = f();
    QUIET.with(|q| q.set(false));
    out
}

/// A PDF text string: UTF-16 with a byte-order mark, UTF-8 with one, else PDFDocEncoding
/// (read as Latin-1, which it matches for letters).
fn text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units = utf16
            .chunks_exact(2)
            .map(|p| u16::from_be_bytes([p[0], p[1]]));
        return char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect();
    }
    if let Some(utf8) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// `D:YYYYMMDDHHmmSS…` as a date.
fn pdf_date(s: &str) -> Option<Date> {
    let digits = s.trim().strip_prefix("D:").unwrap_or(s.trim());
    let num = |r: std::ops::Range<usize>| digits.get(r)?.parse::<u16>().ok();
    Date::new(
        num(0..4)?,
        u8::try_from(num(4..6)?).ok()?,
        u8::try_from(num(6..8)?).ok()?,
    )
}

/// A line of text as drawn: its characters, baseline height and font size.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    y: f64,
    size: f64,
}

/// A character as drawn.
struct Glyph {
    text: String,
    x: f64,
    y: f64,
    /// Where it ends, when its font gives its width.
    end: Option<f64>,
    size: f64,
    /// First of a run of text drawn by one operator.
    run_start: bool,
}

/// Characters gathered page by page, then into lines.
#[derive(Default)]
struct Lines {
    pages: Vec<Vec<Line>>,
    glyphs: Vec<Glyph>,
    run_start: bool,
}

/// A page's characters as lines. A space is put between two runs of text where the gap between
/// them is wider than a tenth of the font size; where the font gives no width for the character
/// before the gap, only when the gap is wider than any glyph (a broken width table must not split
/// "document" into "do cumen t").
fn lay_out(glyphs: &[Glyph]) -> Vec<Line> {
    let explicit_spaces = glyphs.iter().filter(|g| g.text == " ").count() * 50 >= glyphs.len();
    let mut lines: Vec<Line> = Vec::new();
    let mut previous: Option<&Glyph> = None;
    for g in glyphs {
        let new_line = match (previous, lines.last()) {
            (Some(_), Some(line)) => (g.y - line.y).abs() > 0.5 * g.size.max(line.size),
            _ => true,
        };
        if new_line {
            lines.push(Line {
                text: String::new(),
                y: g.y,
                size: g.size,
            });
        } else if let (Some(prev), Some(line)) = (previous, lines.last_mut())
            && g.run_start
            && !line.text.ends_with(' ')
        {
            let gap = match prev.end {
                Some(end) => g.x - end > 0.1 * g.size,
                // No glyph is wider than its font size: farther than that is a gap (a table's
                // next cell even where the page draws its own spaces).
                None => g.x - prev.x > if explicit_spaces { 1.5 } else { 0.9 } * g.size,
            };
            if gap {
                line.text.push(' ');
            }
        }
        if let Some(line) = lines.last_mut() {
            line.text.push_str(&g.text);
        }
        previous = Some(g);
    }
    lines.retain(|l| !l.text.trim().is_empty());
    lines
}

impl Lines {
    fn end_page(&mut self) {
        let lines = lay_out(&self.glyphs);
        self.glyphs.clear();
        self.pages.push(lines);
    }

    /// The text of every page, running heads and feet left out, paragraphs separated by blank
    /// lines and hyphenated words joined.
    fn text(mut self) -> String {
        if !self.glyphs.is_empty() {
            self.end_page();
        }
        let running = running_lines(&self.pages);
        let mut out = String::new();
        let mut previous: Option<(usize, &Line)> = None;
        for (p, page) in self.pages.iter().enumerate() {
            for (l, line) in page.iter().enumerate() {
                if running.contains(&(p, l)) {
                    continue;
                }
                let text = line.text.trim();
                if let Some((prev_page, prev)) = previous {
                    // Down the page by more than a line's spacing, or back up (a new column).
                    let gap = prev.y - line.y;
                    let spacing = prev.size.max(line.size);
                    let paragraph = prev_page == p && (gap > 1.6 * spacing || gap < -0.5 * spacing);
                    if paragraph {
                        out.push_str("\n\n");
                    } else if hyphenated(&out, text) {
                        out.pop();
                    } else {
                        // Lines of one paragraph are one line of text: a narrow column's short
                        // lines are not paragraphs of their own.
                        out.push(' ');
                    }
                }
                out.extend(text.chars().flat_map(unligated));
                previous = Some((p, line));
            }
        }
        out
    }
}

/// A typographic ligature (ﬁ, ﬂ, ﬀ …, which PDF fonts often draw as one glyph) as its letters,
/// so that "Paciﬁc" reads "Pacific"; other characters as they are.
fn unligated(c: char) -> impl Iterator<Item = char> {
    let letters: &'static str = match c {
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        _ => "",
    };
    let own = letters.is_empty().then_some(c);
    letters.chars().chain(own)
}

/// Whether the text so far ends in a word broken by a hyphen that `next` continues.
fn hyphenated(before: &str, next: &str) -> bool {
    let mut tail = before.chars().rev();
    tail.next() == Some('-')
        && tail.next().is_some_and(char::is_alphabetic)
        && next.chars().next().is_some_and(char::is_lowercase)
}

/// `(page, line)` of lines that run at the top or bottom of most pages (page numbers as `#`).
fn running_lines(pages: &[Vec<Line>]) -> std::collections::HashSet<(usize, usize)> {
    use std::collections::{HashMap, HashSet};
    let mut found = HashSet::new();
    if pages.len() < 3 {
        return found;
    }
    let key = |line: &Line| -> String {
        line.text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .chars()
            .map(|c| if c.is_ascii_digit() { '#' } else { c })
            .collect()
    };
    let edges = |page: &Vec<Line>| -> Vec<usize> {
        let n = page.len();
        let mut at: Vec<usize> = [0, 1, n.saturating_sub(2), n.saturating_sub(1)]
            .into_iter()
            .filter(|&i| i < n)
            .collect();
        at.dedup();
        at.sort_unstable();
        at.dedup();
        at
    };
    let mut counts: HashMap<String, usize> = HashMap::new();
    for page in pages {
        let keys: HashSet<String> = edges(page).into_iter().map(|i| key(&page[i])).collect();
        for k in keys {
            *counts.entry(k).or_default() += 1;
        }
    }
    let most = pages.len() / 2 + 1;
    for (p, page) in pages.iter().enumerate() {
        for i in edges(page) {
            if counts.get(&key(&page[i])).is_some_and(|&c| c >= most) {
                found.insert((p, i));
            }
        }
    }
    found
}

impl OutputDev for Lines {
    fn begin_page(
        &mut self,
        _page_num: u32,
        _media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Lines::end_page(self);
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        let (x, y) = (trm.m31, trm.m32);
        let size = (font_size * (trm.m11 + trm.m21) * font_size * (trm.m12 + trm.m22))
            .abs()
            .sqrt()
            .max(0.1);
        self.glyphs.push(Glyph {
            text: char.to_owned(),
            x,
            y,
            end: (width > 0.0).then_some(x + width * size),
            size,
            run_start: std::mem::take(&mut self.run_start),
        });
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        self.run_start = true;
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
pub(in crate::corpus) mod tests {
    use super::*;

    /// A PDF of `pages`, each a list of lines `(x, y, size, text)` drawn in Helvetica, with an
    /// information dictionary of `info` (`/Key (value)` pairs).
    pub(in crate::corpus) fn pdf(pages: &[Vec<(f64, f64, f64, &str)>], info: &str) -> Vec<u8> {
        let mut objects: Vec<String> = Vec::new();
        let n = pages.len();
        // 1 catalog, 2 pages, 3 font, 4 info, then per page: page, content.
        let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 5 + 2 * i)).collect();
        objects.push("<< /Type /Catalog /Pages 2 0 R >>".to_owned());
        objects.push(format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            kids.join(" ")
        ));
        objects.push(
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
                .to_owned(),
        );
        objects.push(format!("<< {info} >>"));
        for (i, lines) in pages.iter().enumerate() {
            let content: String = lines
                .iter()
                .map(|(x, y, size, text)| format!("BT /F1 {size} Tf {x} {y} Td ({text}) Tj ET\n"))
                .collect::<Vec<_>>()
                .concat();
            objects.push(format!(
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] \
                 /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
                6 + 2 * i
            ));
            objects.push(format!(
                "<< /Length {} >>\nstream\n{content}endstream",
                content.len()
            ));
        }
        let mut out = b"%PDF-1.4\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
        }
        let xref = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for o in offsets {
            out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }

    #[test]
    fn lines_join_into_paragraphs_with_hyphenated_words_joined() {
        let bytes = pdf(
            &[vec![
                (72.0, 700.0, 12.0, "Peru and Chile signed an inter-"),
                (72.0, 686.0, 12.0, "national port deal in Lima."),
                (72.0, 650.0, 12.0, "Japan welcomed it."),
            ]],
            "/Title (Port talks) /Author (A. Writer) /CreationDate (D:20190304101500+01'00')",
        );
        let flow = read(&bytes).expect("read");
        assert_eq!(
            flow.text,
            "Peru and Chile signed an international port deal in Lima.\n\nJapan welcomed it."
        );
        super::super::tests::metadata(&flow, "Port talks", "A. Writer", "2019-03-04");
    }

    #[test]
    fn running_heads_and_page_numbers_are_left_out() {
        let page = |n: &'static str, body: &'static str| {
            vec![
                (72.0, 760.0, 9.0, "The Daily Wire - Export"),
                (72.0, 700.0, 12.0, body),
                (300.0, 40.0, 9.0, n),
            ]
        };
        let bytes = pdf(
            &[
                page("Page 1 of 3", "Peru signed."),
                page("Page 2 of 3", "Chile signed."),
                page("Page 3 of 3", "Japan signed."),
            ],
            "",
        );
        assert_eq!(
            read(&bytes).expect("read").text,
            "Peru signed. Chile signed. Japan signed."
        );
    }

    #[test]
    fn a_pdf_without_text_is_scanned_and_a_broken_one_damaged() {
        let bytes = pdf(&[vec![]], "");
        assert_eq!(
            super::super::read(super::super::Office::Pdf, &bytes),
            Err(OfficeError::Scanned)
        );
        assert!(matches!(
            read(b"not a pdf"),
            Err(OfficeError::Damaged { kind: "PDF", .. })
        ));
    }

    #[test]
    fn text_strings_and_dates_are_decoded() {
        assert_eq!(text_string(b"\xFE\xFF\x00T\x00\xFC\x00r\x00k"), "T\u{fc}rk");
        assert_eq!(text_string(b"Caf\xe9"), "Caf\u{e9}");
        assert_eq!(pdf_date("D:20190304"), Date::new(2019, 3, 4));
        assert_eq!(pdf_date("garbage"), None);
    }
}
