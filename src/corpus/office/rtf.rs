//! RTF: the body's text with its paragraphs (`\par`), line breaks, tabs and special characters;
//! `\uN` escapes (with their fallback characters skipped as `\ucN` says) and `\'hh` bytes decoded
//! in the code page in force — the document's (`\ansicpg`) or the current font's (`\fcharset`,
//! `\cpg` in the font table). Left out: the font, colour and style tables, pictures, objects,
//! headers, footers, footnotes, field instructions (their results are kept), shape properties and
//! every `\*` destination. Title, author and creation date from the `\info` group.

use encoding_rs::Encoding;

use super::{Flow, OfficeError, Paragraphs};
use crate::corpus::Date;

/// Where the text of the current group goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dest {
    Body,
    Skip,
    FontTable,
    /// The `\info` group: its title, author and creation time are read.
    Info,
    Title,
    Author,
    Created,
}

#[derive(Clone, Copy)]
struct State {
    dest: Dest,
    /// Fallback characters after `\uN`.
    uc: usize,
    /// The code page of the current font, if it has its own.
    font_page: Option<&'static Encoding>,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    state: State,
    stack: Vec<State>,
    doc_page: &'static Encoding,
    /// Code pages of the font table's fonts, by number.
    fonts: Vec<(i32, &'static Encoding)>,
    font_being_defined: i32,
    /// Bytes of `\'hh` escapes waiting to be decoded together (a multi-byte code page).
    pending: Vec<u8>,
    /// Fallback characters still to skip.
    to_skip: usize,
    /// The first half of a UTF-16 surrogate pair written as two `\uN`.
    high_surrogate: Option<u16>,
    out: Paragraphs,
    title: String,
    author: String,
    created: [Option<i32>; 3],
}

/// Nesting deeper than this is not a real document.
const MAX_DEPTH: usize = 1_000;

pub(super) fn read(bytes: &[u8]) -> Result<Flow, OfficeError> {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let bytes = bytes[start..]
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(&bytes[start..]);
    if !bytes.starts_with(b"{\\rtf") {
        return Err(OfficeError::Damaged {
            kind: "RTF",
            reason: "it does not start with {\\rtf".to_owned(),
        });
    }
    let mut reader = Reader {
        bytes,
        at: 0,
        state: State {
            dest: Dest::Body,
            uc: 1,
            font_page: None,
        },
        stack: Vec::new(),
        doc_page: encoding_rs::WINDOWS_1252,
        fonts: Vec::new(),
        font_being_defined: 0,
        pending: Vec::new(),
        to_skip: 0,
        high_surrogate: None,
        out: Paragraphs::default(),
        title: String::new(),
        author: String::new(),
        created: [None; 3],
    };
    reader.run()?;
    reader.flush();
    let [y, m, d] = reader.created;
    let date = match (y, m, d) {
        (Some(y), Some(m), Some(d)) => Date::new(
            u16::try_from(y).unwrap_or(0),
            u8::try_from(m).unwrap_or(0),
            u8::try_from(d).unwrap_or(0),
        ),
        _ => None,
    };
    let field = |s: &str| Some(crate::corpus::one_line(s)).filter(|s| !s.is_empty());
    Ok(Flow {
        title: field(&reader.title),
        author: field(&reader.author),
        date,
        text: reader.out.finish(),
    })
}

impl Reader<'_> {
    fn run(&mut self) -> Result<(), OfficeError> {
        while let Some(&b) = self.bytes.get(self.at) {
            self.at += 1;
            match b {
                b'{' => {
                    self.flush();
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(OfficeError::Damaged {
                            kind: "RTF",
                            reason: format!("groups nested over {MAX_DEPTH} deep"),
                        });
                    }
                    self.stack.push(self.state);
                }
                b'}' => {
                    self.flush();
                    self.to_skip = 0;
                    match self.stack.pop() {
                        Some(state) => self.state = state,
                        None => return Ok(()),
                    }
                }
                b'\\' => self.control(),
                b'\r' | b'\n' => {}
                _ => {
                    if self.to_skip > 0 {
                        self.to_skip -= 1;
                    } else if b.is_ascii() {
                        self.flush();
                        self.emit_char(char::from(b));
                    } else {
                        // Writers that do not escape 8-bit bytes: they are in the code page too.
                        self.pending.push(b);
                    }
                }
            }
        }
        Ok(())
    }

    fn control(&mut self) {
        let Some(&c) = self.bytes.get(self.at) else {
            return;
        };
        self.at += 1;
        match c {
            b'\'' => {
                let hex = self
                    .bytes
                    .get(self.at..self.at + 2)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                if let Some(byte) = hex {
                    self.at += 2;
                    if self.to_skip > 0 {
                        self.to_skip -= 1;
                    } else {
                        self.pending.push(byte);
                    }
                }
            }
            b'*' => self.state.dest = Dest::Skip,
            b'\\' | b'{' | b'}' => {
                self.flush();
                self.emit_char(char::from(c));
            }
            b'~' => self.emit_char('\u{a0}'),
            b'_' => self.emit_char('-'),
            b'\r' | b'\n' => self.word("par", None),
            c if c.is_ascii_alphabetic() => {
                let start = self.at - 1;
                while self.bytes.get(self.at).is_some_and(u8::is_ascii_alphabetic)
                    && self.at - start < 32
                {
                    self.at += 1;
                }
                let name = String::from_utf8_lossy(&self.bytes[start..self.at]).into_owned();
                let number_start = self.at;
                if self.bytes.get(self.at) == Some(&b'-') {
                    self.at += 1;
                }
                while self.bytes.get(self.at).is_some_and(u8::is_ascii_digit)
                    && self.at - number_start < 11
                {
                    self.at += 1;
                }
                let param = std::str::from_utf8(&self.bytes[number_start..self.at])
                    .ok()
                    .and_then(|n| n.parse::<i32>().ok());
                if self.bytes.get(self.at) == Some(&b' ') {
                    self.at += 1;
                }
                if name == "bin" {
                    let skip = usize::try_from(param.unwrap_or(0)).unwrap_or(0);
                    self.at = self.at.saturating_add(skip).min(self.bytes.len());
                    return;
                }
                self.word(&name, param);
            }
            _ => {}
        }
    }

    fn word(&mut self, name: &str, param: Option<i32>) {
        if name != "u" {
            self.flush();
        }
        let n = param.unwrap_or(0);
        match name {
            "par" | "sect" | "page" | "row" => self.end_paragraph(),
            "line" => self.emit_char('\n'),
            "tab" | "cell" | "emspace" | "enspace" | "qmspace" => self.emit_char(' '),
            "emdash" => self.emit_char('—'),
            "endash" => self.emit_char('–'),
            "lquote" => self.emit_char('‘'),
            "rquote" => self.emit_char('’'),
            "ldblquote" => self.emit_char('“'),
            "rdblquote" => self.emit_char('”'),
            "bullet" => self.emit_char('•'),
            "u" => self.unicode(n),
            "uc" => self.state.uc = usize::try_from(n).unwrap_or(1).min(8),
            "ansicpg" => {
                if let Some(page) = code_page(n) {
                    self.doc_page = page;
                }
            }
            "mac" => self.doc_page = encoding_rs::MACINTOSH,
            "f" if self.state.dest == Dest::FontTable => self.font_being_defined = n,
            "f" => {
                self.state.font_page = self
                    .fonts
                    .iter()
                    .find(|(font, _)| *font == n)
                    .map(|(_, page)| *page);
            }
            "fcharset" | "cpg" if self.state.dest == Dest::FontTable => {
                let page = if name == "cpg" {
                    code_page(n)
                } else {
                    charset_page(n)
                };
                if let Some(page) = page {
                    self.fonts
                        .retain(|(font, _)| *font != self.font_being_defined);
                    self.fonts.push((self.font_being_defined, page));
                }
            }
            "fonttbl" => self.state.dest = Dest::FontTable,
            "info" => self.state.dest = Dest::Info,
            "title" if self.state.dest == Dest::Info => self.state.dest = Dest::Title,
            "author" if self.state.dest == Dest::Info => self.state.dest = Dest::Author,
            "creatim" if self.state.dest == Dest::Info => self.state.dest = Dest::Created,
            "yr" | "mo" | "dy" if self.state.dest == Dest::Created => {
                let i = match name {
                    "yr" => 0,
                    "mo" => 1,
                    _ => 2,
                };
                self.created[i] = Some(n);
            }
            "colortbl" | "stylesheet" | "pict" | "object" | "header" | "headerl" | "headerr"
            | "headerf" | "footer" | "footerl" | "footerr" | "footerf" | "footnote"
            | "annotation" | "fldinst" | "themedata" | "colorschememapping" | "latentstyles"
            | "datastore" | "xmlnstbl" | "listtable" | "listoverridetable" | "rsidtbl"
            | "generator" | "revtbl" | "nonshppict" | "sp" | "pntxta" | "pntxtb" | "operator"
            | "company" | "keywords" | "comment" | "doccomm" | "subject" | "category"
            | "manager" | "hlinkbase" | "revtim" | "printim" | "buptim" | "userprops"
            | "txfieldtext" | "mmathPr" | "pgdsctbl" | "filetbl" => {
                self.state.dest = Dest::Skip;
            }
            _ => {}
        }
    }

    fn unicode(&mut self, n: i32) {
        self.flush();
        let unit = u16::try_from(if n < 0 { n + 65_536 } else { n }).unwrap_or(0xFFFD);
        self.to_skip = self.state.uc;
        let c = match (self.high_surrogate.take(), unit) {
            (_, 0xD800..=0xDBFF) => {
                self.high_surrogate = Some(unit);
                return;
            }
            (Some(high), 0xDC00..=0xDFFF) => char::decode_utf16([high, unit]).next(),
            (_, unit) => char::decode_utf16([unit]).next(),
        };
        self.emit_char(c.and_then(Result::ok).unwrap_or('\u{FFFD}'));
    }

    fn end_paragraph(&mut self) {
        if self.state.dest == Dest::Body {
            self.out.end();
        }
    }

    /// Decodes the waiting `\'hh` bytes in the code page in force.
    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let page = self.state.font_page.unwrap_or(self.doc_page);
        let bytes = std::mem::take(&mut self.pending);
        let (text, _) = page.decode_without_bom_handling(&bytes);
        for c in text.chars() {
            self.emit_char(c);
        }
    }

    fn emit_char(&mut self, c: char) {
        match self.state.dest {
            Dest::Body => self.out.push_char(c),
            Dest::Title => self.title.push(c),
            Dest::Author => self.author.push(c),
            Dest::Skip | Dest::FontTable | Dest::Info | Dest::Created => {}
        }
    }
}

/// A Windows code page number's encoding (those the WHATWG decoders have).
fn code_page(n: i32) -> Option<&'static Encoding> {
    Some(match n {
        874 => encoding_rs::WINDOWS_874,
        932 => encoding_rs::SHIFT_JIS,
        936 => encoding_rs::GBK,
        949 => encoding_rs::EUC_KR,
        950 => encoding_rs::BIG5,
        1250 => encoding_rs::WINDOWS_1250,
        1251 => encoding_rs::WINDOWS_1251,
        1252 => encoding_rs::WINDOWS_1252,
        1253 => encoding_rs::WINDOWS_1253,
        1254 => encoding_rs::WINDOWS_1254,
        1255 => encoding_rs::WINDOWS_1255,
        1256 => encoding_rs::WINDOWS_1256,
        1257 => encoding_rs::WINDOWS_1257,
        1258 => encoding_rs::WINDOWS_1258,
        866 => encoding_rs::IBM866,
        10000 => encoding_rs::MACINTOSH,
        20866 => encoding_rs::KOI8_R,
        28592 => encoding_rs::ISO_8859_2,
        28595 => encoding_rs::ISO_8859_5,
        28597 => encoding_rs::ISO_8859_7,
        65001 => encoding_rs::UTF_8,
        _ => return None,
    })
}

/// A font's `\fcharset` as a code page.
fn charset_page(charset: i32) -> Option<&'static Encoding> {
    code_page(match charset {
        0 => 1252,
        77 => 10000,
        128 => 932,
        129 | 130 => 949,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(rtf: &str) -> String {
        read(rtf.as_bytes()).expect("read").text
    }

    #[test]
    fn paragraphs_and_special_characters_are_read_without_the_tables() {
        let rtf = r"{\rtf1\ansi\deff0{\fonttbl{\f0\froman Times New Roman;}}
{\colortbl;\red0\green0\blue0;}{\stylesheet{\s0 Normal;}}
{\*\generator Writer;}\pard\plain Peru and \b Chile\b0  signed\tab a deal.\par
\ldblquote Yes,\rdblquote  said the minister\emdash twice.\line Next line.\par
{\header Page header\par}{\footnote A note.}Last\~word\par}";
        assert_eq!(
            text(rtf),
            "Peru and Chile signed a deal.\n\n\u{201c}Yes,\u{201d} said the minister\u{2014}twice.\nNext line.\n\nLast word"
        );
    }

    #[test]
    fn unicode_escapes_skip_their_fallback_characters() {
        let rtf =
            r"{\rtf1\ansi\uc1 T\u252?rkiye and \u-3913 ?\u-8451 ? \uc2 M\u233\'65\'65xico\par}";
        // U+0FC (ü); U+F0B7 (a private-use bullet, -3913); a surrogate pair would follow below.
        let read = text(rtf);
        assert!(read.starts_with("Türkiye and \u{f0b7}"), "{read}");
        assert!(read.ends_with("México"), "{read}");
        let pair = r"{\rtf1\u-10179?\u-8704?\par}";
        assert_eq!(text(pair), "\u{1F600}");
    }

    #[test]
    fn hex_bytes_are_decoded_in_the_document_and_font_code_pages() {
        let rtf = r"{\rtf1\ansi\ansicpg1251{\fonttbl{\f0\fcharset204 Arial;}{\f1\fcharset238 Arial;}}
\f0 \'cc\'ee\'f1\'ea\'e2\'e0 {\f1 \'8a\'e1}\par}";
        assert_eq!(text(rtf), "Москва Šá");
        let japanese = r"{\rtf1\ansi\ansicpg932 \'93\'fa\'96\'7b\par}";
        assert_eq!(text(japanese), "日本");
    }

    #[test]
    fn field_results_are_kept_and_instructions_and_pictures_left_out() {
        let rtf = r#"{\rtf1 See {\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt the report}} on
{\pict\pngblip 89504e47} Kenya.{\*\bkmkstart b}\par}"#;
        assert_eq!(text(rtf), "See the report on Kenya.");
    }

    #[test]
    fn info_gives_title_author_and_creation_date() {
        let rtf = r"{\rtf1{\info{\title Port talks}{\author A. Writer}{\operator B}
{\creatim\yr2019\mo3\dy4\hr10\min5}}Body.\par}";
        let flow = read(rtf.as_bytes()).expect("read");
        assert_eq!(flow.text, "Body.");
        super::super::tests::metadata(&flow, "Port talks", "A. Writer", "2019-03-04");
    }

    #[test]
    fn text_that_is_not_rtf_and_runaway_nesting_are_damaged() {
        assert!(matches!(
            read(b"plain text"),
            Err(OfficeError::Damaged { kind: "RTF", .. })
        ));
        let deep = format!("{{\\rtf1 {}", "{".repeat(5_000));
        assert!(matches!(
            read(deep.as_bytes()),
            Err(OfficeError::Damaged { kind: "RTF", .. })
        ));
        // Cut short: what came before is kept.
        assert_eq!(
            text(r"{\rtf1 Peru and Chile\par Lim"),
            "Peru and Chile\n\nLim"
        );
    }
}
