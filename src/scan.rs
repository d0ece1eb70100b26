//! Byte classes of a block of text as bit masks, written so the compiler turns them into vector
//! instructions: the per-byte passes (where a match may start, where words are) look at 64 bytes
//! at a time and then only at the places the masks name.

/// Bytes in a block.
pub const BLOCK: usize = 64;

/// Bit `i` set when `class(block[i])`, for a block of up to [`BLOCK`] bytes.
#[inline]
pub fn mask(block: &[u8], class: impl Fn(u8) -> bool) -> u64 {
    let mut bits = 0u64;
    if block.len() == BLOCK {
        let mut flags = [0u8; BLOCK];
        for (flag, &b) in flags.iter_mut().zip(block) {
            *flag = u8::from(class(b));
        }
        for (k, eight) in flags.chunks_exact(8).enumerate() {
            let mut word = [0u8; 8];
            word.copy_from_slice(eight);
            // Gathers the low bit of each byte into the top byte, byte `i` as bit `i`.
            let gathered = u64::from_le_bytes(word).wrapping_mul(0x0102_0408_1020_4080) >> 56;
            bits |= gathered << (8 * k);
        }
    } else {
        for (i, &b) in block.iter().enumerate() {
            bits |= u64::from(class(b)) << i;
        }
    }
    bits
}

/// An ASCII letter, digit or underscore: a byte that continues a word.
#[inline]
#[expect(
    clippy::needless_bitwise_bool,
    reason = "no branches, so 64 bytes are classified at once"
)]
pub fn ascii_word(b: u8) -> bool {
    (b.wrapping_sub(b'0') < 10) | ((b | 0x20).wrapping_sub(b'a') < 26) | (b == b'_')
}

/// An ASCII capital.
#[inline]
pub fn ascii_upper(b: u8) -> bool {
    b.wrapping_sub(b'A') < 26
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_agree_with_the_bytes() {
        let text: Vec<u8> = (0..=255u8)
            .chain(b"Hello, World_42 and \xc3\xa9t\xc3\xa9".iter().copied())
            .collect();
        for start in 0..text.len() {
            let block = &text[start..(start + BLOCK).min(text.len())];
            let bits = mask(block, ascii_word);
            for (i, &b) in block.iter().enumerate() {
                let expected = b.is_ascii_alphanumeric() || b == b'_';
                assert_eq!(bits >> i & 1 == 1, expected, "byte {b:#x} at {i}");
                assert_eq!(ascii_upper(b), b.is_ascii_uppercase());
            }
            if block.len() < BLOCK {
                assert_eq!(bits >> block.len(), 0, "no bit past the block");
            }
        }
    }
}
