//! Spellings derived from a surface form: upper case (with the Turkish dotted İ), without
//! diacritics, and the stem of a name in an inflecting language; and the scripts written
//! without spaces between words.

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

/// Languages whose nouns take case endings, so a country's name appears inflected
/// ("в Азербайджане", "Azərbaycanın", "Russlands").
const INFLECTING: &[&str] = &[
    "az", "be", "bg", "bs", "cs", "de", "el", "et", "fi", "hr", "hu", "hy", "ka", "kk", "ky", "lt",
    "lv", "mk", "pl", "ru", "sk", "sl", "sr", "tk", "tr", "uk", "uz",
];

/// Whether a language inflects nouns.
pub(super) fn inflects(lang: &str) -> bool {
    INFLECTING.contains(&lang)
}

/// The upper-case spellings of `text` that differ from it: the standard one and, when the text
/// has an `i` or `ı`, the Turkish one (i → İ, ı → I).
pub(super) fn upper_variants(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let upper = text.to_uppercase();
    if upper != text {
        out.push(upper);
    }
    if text.contains(['i', 'ı']) {
        let turkish: String = text
            .chars()
            .map(|c| match c {
                'i' => 'İ',
                'ı' => 'I',
                other => other,
            })
            .collect::<String>()
            .to_uppercase();
        if turkish != text && !out.contains(&turkish) {
            out.push(turkish);
        }
    }
    out
}

/// A key for loose comparison: lower case, no diacritics ("Türkiye" → "turkiye").
pub fn search_key(text: &str) -> String {
    without_diacritics(text)
        .unwrap_or_else(|| text.to_owned())
        .to_lowercase()
}

/// `text` without diacritics ("Türkiye" → "Turkiye", "Côte d'Ivoire" → "Cote d'Ivoire"), when
/// that differs from it. Letters that do not decompose are spelled out (ı → i, ø → o, ß → ss).
pub(super) fn without_diacritics(text: &str) -> Option<String> {
    if text.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            'ı' => out.push('i'),
            'ø' => out.push('o'),
            'Ø' => out.push('O'),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'œ' => out.push_str("oe"),
            'ß' => out.push_str("ss"),
            'đ' => out.push('d'),
            'Đ' => out.push('D'),
            'ł' => out.push('l'),
            'Ł' => out.push('L'),
            'ə' => out.push('e'),
            'Ə' => out.push('E'),
            '’' | 'ʻ' | 'ʼ' => out.push('\''),
            c if c.is_ascii() => out.push(c),
            c => {
                // Only Latin letters lose their marks: "й" stays "й".
                let mut parts = std::iter::once(c).nfd();
                match parts.next() {
                    Some(base) if base.is_ascii_alphabetic() && parts.all(is_combining_mark) => {
                        out.push(base);
                    }
                    _ => out.push(c),
                }
            }
        }
    }
    (out != text).then_some(out)
}

/// How many letters of case ending may follow a name in an inflecting language: four after a
/// name of five letters or more, two after a four-letter name ending in a consonant ("Иран|а"),
/// none after shorter names or short ones ending in a vowel ("Мали" is not "Малина").
pub(super) fn max_suffix(text: &str) -> u8 {
    let count = text.chars().count();
    let ends_in_vowel = text
        .chars()
        .next_back()
        .is_some_and(|c| VOWELS.contains(&c));
    match count {
        5.. => 4,
        4 if !ends_in_vowel => 2,
        _ => 0,
    }
}

const VOWELS: &[char] = &[
    'а', 'я', 'о', 'е', 'ь', 'й', 'ы', 'и', 'і', 'ї', 'у', 'ю', 'a', 'e', 'i', 'ı', 'ə', 'o', 'u',
    'y',
];

/// For a name in an inflecting language ending in a vowel, the stem that its case forms share
/// ("Россия" → "Росси": России, Россию). Short names have none: their stems are other words.
pub(super) fn stem(text: &str) -> Option<String> {
    let count = text.chars().count();
    let last = text.chars().next_back()?;
    if count < 5 || !VOWELS.contains(&last) || text.contains(' ') {
        return None;
    }
    let stem = &text[..text.len() - last.len_utf8()];
    // In Latin letters a short stem is too often the start of an English word ("Indi|ana").
    if stem.is_ascii() && stem.len() < 5 {
        return None;
    }
    Some(stem.to_owned())
}

/// Whether a letter is Latin (ASCII, Latin-1, Latin Extended A/B and Additional, IPA).
pub fn is_latin(c: char) -> bool {
    matches!(u32::from(c), 0..=0x024F | 0x0250..=0x02AF | 0x1E00..=0x1EFF)
}

/// Whether text in this form's script is written without spaces between words (Chinese,
/// Japanese, Korean, Thai, Lao, Khmer, Burmese, Tibetan), so word boundaries cannot be checked.
pub(super) fn unspaced(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(u32::from(c),
            0x3040..=0x30FF      // Hiragana, Katakana
            | 0x3400..=0x4DBF    // CJK extension A
            | 0x4E00..=0x9FFF    // CJK unified ideographs
            | 0xAC00..=0xD7AF    // Hangul syllables
            | 0x0E00..=0x0EFF    // Thai, Lao
            | 0x1780..=0x17FF    // Khmer
            | 0x1000..=0x109F    // Myanmar
            | 0x0F00..=0x0FFF) // Tibetan
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn upper_case_with_the_turkish_i() {
        assert_eq!(
            upper_variants("Türkiye"),
            vec!["TÜRKIYE".to_string(), "TÜRKİYE".to_string()]
        );
        assert_eq!(
            upper_variants("Азербайджан"),
            vec!["АЗЕРБАЙДЖАН".to_string()]
        );
        assert!(upper_variants("USA").is_empty());
    }

    #[test]
    fn diacritics_dropped() {
        assert_eq!(without_diacritics("Türkiye").as_deref(), Some("Turkiye"));
        assert_eq!(
            without_diacritics("Côte d’Ivoire").as_deref(),
            Some("Cote d'Ivoire")
        );
        assert_eq!(
            without_diacritics("São Tomé and Príncipe").as_deref(),
            Some("Sao Tome and Principe")
        );
        assert_eq!(
            without_diacritics("Azərbaycan").as_deref(),
            Some("Azerbaycan")
        );
        assert_eq!(without_diacritics("Curaçao").as_deref(), Some("Curacao"));
        assert_eq!(without_diacritics("Iran"), None);
        assert_eq!(without_diacritics("Россия"), None);
        assert_eq!(without_diacritics("Китай"), None);
    }

    #[test]
    fn stems_of_inflected_names() {
        assert_eq!(stem("Россия").as_deref(), Some("Росси"));
        assert_eq!(stem("Türkiyə").as_deref(), Some("Türkiy"));
        assert_eq!(stem("Мали"), None);
        assert_eq!(stem("Росія").as_deref(), Some("Росі"));
        assert_eq!(stem("Indie"), None);
        assert_eq!(max_suffix("Иран"), 2);
        assert_eq!(max_suffix("Мали"), 0);
        assert_eq!(max_suffix("Азербайджан"), 4);
        assert_eq!(stem("Азербайджан"), None);
    }

    #[test]
    fn scripts_without_spaces() {
        assert!(unspaced("日本"));
        assert!(unspaced("トルコ"));
        assert!(!unspaced("Türkiye"));
        assert!(!unspaced("Турция"));
    }
}
