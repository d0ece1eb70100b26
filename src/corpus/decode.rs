//! Bytes to text: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and
//! legacy encodings (Windows-1252, Latin-1, KOI8-R, `Shift_JIS` …) guessed by `chardetng` and decoded
//! by `encoding_rs` when the bytes are not UTF-8.

/// Why a file's bytes are not usable text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Zero bytes.
    #[error("empty file")]
    Empty,
    /// NUL bytes: an image, archive or executable.
    #[error("not text: binary content")]
    Binary,
    /// Bytes that are not UTF-8 and not text in any encoding either.
    #[error("not valid UTF-8 text (first bad byte at offset {0}), nor text in another encoding")]
    InvalidUtf8(usize),
    /// A UTF-16 byte-order mark followed by an odd byte count or unpaired surrogates.
    #[error("not valid UTF-16 text")]
    InvalidUtf16,
    /// Text, but white space only.
    #[error("empty file (white space only)")]
    Blank,
}

/// Decodes a file's bytes. The byte-order mark is dropped, so offsets count from the first
/// character of the text.
/// UTF-8 input is taken over without a copy.
pub fn decode(mut bytes: Vec<u8>) -> Result<String, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let head = &bytes[..bytes.len().min(8192)];
    if memchr::memchr(0, head).is_some() {
        return Err(DecodeError::Binary);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            if mostly_utf8(&bytes) {
                String::from_utf8_lossy(&bytes).into_owned()
            } else if let Some(encoding) = declared(&bytes) {
                encoding.decode_without_bom_handling(&bytes).0.into_owned()
            } else {
                legacy(&bytes).ok_or(DecodeError::InvalidUtf8(bad))?
            }
        }
    };
    if mostly_controls(&text) {
        return Err(DecodeError::Binary);
    }
    Ok(text)
}

/// Whether the first kilobyte of a text has more than 1 % control characters (other than line
/// breaks, tabs and form feeds): text has almost none, binary data read as text has many. Bytes
/// are looked at, not characters: every control character of note is ASCII.
fn mostly_controls(text: &str) -> bool {
    let head = &text.as_bytes()[..text.len().min(1024)];
    let controls = head
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)) || b == 0x7f)
        .count();
    controls * 100 > head.len()
}

/// Whether bytes that are not valid UTF-8 are UTF-8 all the same, with a few broken sequences
/// (a page pasted together from parts, a truncated character): many valid multi-byte characters
/// and at most one broken sequence per hundred of them. Text in a legacy encoding has the
/// opposite: its accented letters are single bytes, which are broken UTF-8.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut broken = 0usize;
    let mut multi_byte = 0usize;
    for chunk in bytes.utf8_chunks() {
        multi_byte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += usize::from(!chunk.invalid().is_empty());
    }
    broken > 0 && multi_byte >= 100 * broken
}

/// The single-byte or East Asian encoding a web page or XML file declares in its first
/// kilobyte (`<meta charset="iso-8859-1">`, `content="text/html; charset=windows-1251"`,
/// `<?xml … encoding="…"?>`), when the bytes are not UTF-8. A declaration of UTF-8 or UTF-16
/// is not believed of bytes that are not: the guess decides then.
fn declared(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let at = ["charset=", "encoding="].iter().find_map(|key| {
        memchr::memmem::find_iter(head, key.as_bytes())
            .next()
            .map(|i| i + key.len())
    })?;
    let rest = head.get(at..)?;
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')))
        .unwrap_or(rest.len());
    let encoding = encoding_rs::Encoding::for_label(rest.get(..end)?)?;
    (encoding != encoding_rs::UTF_8
        && encoding != encoding_rs::UTF_16LE
        && encoding != encoding_rs::UTF_16BE
        && encoding != encoding_rs::REPLACEMENT)
        .then_some(encoding)
}

fn guess(bytes: &[u8]) -> &'static encoding_rs::Encoding {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, false)
}

/// Decodes bytes in the legacy encoding they most likely use; `None` when they do not decode
/// cleanly in it.
fn legacy(bytes: &[u8]) -> Option<String> {
    guess(bytes)
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(std::borrow::Cow::into_owned)
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, DecodeError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(DecodeError::InvalidUtf16);
    }
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| DecodeError::InvalidUtf16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Türkiye".into()).as_deref(), Ok("Türkiye"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Baku".as_bytes());
        assert_eq!(decode(bom).as_deref(), Ok("Baku"));
    }

    #[test]
    fn utf16_both_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in "Türkiye".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(le).as_deref(), Ok("Türkiye"));
        assert_eq!(decode(be).as_deref(), Ok("Türkiye"));
        assert_eq!(
            decode(vec![0xFF, 0xFE, 0x41]),
            Err(DecodeError::InvalidUtf16)
        );
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert_eq!(decode(Vec::new()), Err(DecodeError::Empty));
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0".to_vec()),
            Err(DecodeError::Binary)
        );
        // No NUL in the head, but control bytes throughout: not text in any encoding.
        let noise: Vec<u8> = (0..2000u32).map(|i| (i * 7 % 31 + 1) as u8).collect();
        assert!(decode(noise).is_err());
    }

    #[test]
    fn legacy_encodings_are_detected_and_decoded() {
        // Latin-1 / Windows-1252: "Türkiye and Côte d'Ivoire signed."
        let latin1 =
            b"T\xfcrkiye and C\xf4te d'Ivoire signed a trade accord with Germany.".to_vec();
        assert_eq!(
            decode(latin1.clone()).as_deref(),
            Ok("Türkiye and Côte d'Ivoire signed a trade accord with Germany.")
        );
        assert_eq!(guess(&latin1).name(), "windows-1252");
        // Windows-1251 Cyrillic: "Россия и Казахстан подписали соглашение."
        let (cp1251, _, _) =
            encoding_rs::WINDOWS_1251.encode("Россия и Казахстан подписали соглашение о транзите.");
        assert_eq!(
            decode(cp1251.into_owned()).as_deref(),
            Ok("Россия и Казахстан подписали соглашение о транзите.")
        );
        // Shift_JIS: "日本と中国の首脳が会談した。"
        let (sjis, _, _) = encoding_rs::SHIFT_JIS
            .encode("日本と中国の首脳が北京で会談し、貿易について話し合った。");
        assert_eq!(
            decode(sjis.into_owned()).as_deref(),
            Ok("日本と中国の首脳が北京で会談し、貿易について話し合った。")
        );
    }

    #[test]
    fn utf8_with_one_broken_byte_stays_utf8() {
        // A Polish page in UTF-8 with one stray byte: decoding it all as Windows-1252 would turn
        // every "ś" into "Å›".
        let mut bytes = "Świat: Polska i Węgry podpisały umowę. "
            .repeat(30)
            .into_bytes();
        bytes.extend_from_slice(b"broken \xc3 byte");
        let text = decode(bytes).unwrap_or_default();
        assert!(text.starts_with("Świat: Polska i Węgry"), "{text:.40}");
        assert!(text.ends_with("broken \u{fffd} byte"));
    }

    #[test]
    fn a_declared_encoding_is_believed_of_bytes_that_are_not_utf8() {
        // KOI8-R declared: bytes that Windows-1252 would also decode, differently.
        let (koi8, _, _) = encoding_rs::KOI8_R.encode("Россия и Казахстан");
        let mut page = b"<html><head><meta charset=\"koi8-r\"></head><body>".to_vec();
        page.extend_from_slice(&koi8);
        let text = decode(page).unwrap_or_default();
        assert!(text.ends_with("<body>Россия и Казахстан"), "{text}");
        assert_eq!(
            declared(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">"
            ),
            Some(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(declared(b"<meta charset='utf-8'>"), None);
        assert_eq!(declared(b"charset=nonsense"), None);
    }
}
