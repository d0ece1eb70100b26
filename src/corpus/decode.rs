//! Bytes to text: UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark.

/// Why a file's bytes are not usable text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// Zero bytes.
    #[error("empty file")]
    Empty,
    /// NUL bytes: an image, archive or executable.
    #[error("not text: binary content")]
    Binary,
    /// Bytes that are not UTF-8.
    #[error("not valid UTF-8 text (first bad byte at offset {0})")]
    InvalidUtf8(usize),
    /// A UTF-16 byte-order mark followed by an odd byte count or unpaired surrogates.
    #[error("not valid UTF-16 text")]
    InvalidUtf16,
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
    String::from_utf8(bytes).map_err(|e| DecodeError::InvalidUtf8(e.utf8_error().valid_up_to()))
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
        assert_eq!(
            decode(b"ab\xffcd".to_vec()),
            Err(DecodeError::InvalidUtf8(2))
        );
    }
}
