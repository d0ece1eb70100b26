//! Paragraphs that are not the article: photo captions, share lines, cookie and legal notices,
//! "see also" blocks. They stay in the text (the reader shows them) but are never counted.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

/// Paragraph openings that mark page furniture (compared case-insensitively).
const OPENINGS: &[&str] = &[
    "photo:",
    "photo credit",
    "photos:",
    "image:",
    "picture:",
    "caption:",
    "credit:",
    "share on",
    "share this",
    "see also",
    "read also",
    "read more",
    "related:",
    "related articles",
    "follow us",
    "subscribe",
    "sign up for",
    "legal warning",
    "copyright",
    "©",
    "all rights reserved",
    "our website uses cookies",
    "this website uses cookies",
    "we use cookies",
    "by clicking",
    "advertisement",
];

/// Phrases that mark a notice wherever they stand in a paragraph.
const ANYWHERE: &[&str] = &[
    "all rights reserved",
    "cookie policy",
    "accept cookies",
    "use of cookies",
];

static ANYWHERE_MATCHER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(ANYWHERE)
        .ok()
});

/// Notices are short; a longer paragraph that merely quotes such a phrase is article text.
const NOTICE_MAX_BYTES: usize = 1200;

/// A quick SIMD pre-check for the words every `ANYWHERE` phrase contains ("cookie", "reserved"),
/// so most paragraphs skip the case-insensitive search.
fn has_notice_word(text: &[u8]) -> bool {
    static WORDS: LazyLock<[memchr::memmem::Finder<'static>; 4]> =
        LazyLock::new(|| ["ookie", "OOKIE", "eserved", "ESERVED"].map(memchr::memmem::Finder::new));
    WORDS.iter().any(|w| w.find(text).is_some())
}

/// Captions and credits are short: a line under a picture, not a paragraph.
const CREDIT_MAX_BYTES: usize = 160;

/// Words that introduce a picture's credit ("… (Foto: Privat)", "Photo: Reuters").
const CREDIT_WORDS: &[&str] = &[
    "foto:",
    "fotos:",
    "photo:",
    "photos:",
    "bild:",
    "image:",
    "crédito:",
    "credit:",
    "picture:",
];

/// Whether a short paragraph is a picture's caption or credit: it holds "©", or it ends with a
/// credit ("Foto: LN", "(Photo: AFP)").
fn is_credit(paragraph: &str) -> bool {
    let text = paragraph.trim();
    if text.len() > CREDIT_MAX_BYTES {
        return false;
    }
    if text.contains('©') {
        return true;
    }
    // Every credit word ends with a colon: most paragraphs need no lower-case copy.
    if !text.contains(':') {
        return false;
    }
    let lower = text.to_lowercase();
    CREDIT_WORDS.iter().any(|word| {
        lower.rfind(word).is_some_and(|at| {
            let after = lower[at + word.len()..].trim_end_matches([')', ']', ' ']);
            // A name or two, no sentence after it.
            after.len() <= 40 && !after.contains(['.', '!', '?'])
        })
    })
}

/// Whether a paragraph is page furniture rather than article text.
pub(super) fn is_boilerplate(paragraph: &str) -> bool {
    if is_credit(paragraph) {
        return true;
    }
    let text = paragraph.trim_start().as_bytes();
    let opens_as_notice = OPENINGS.iter().any(|o| {
        text.get(..o.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(o.as_bytes()))
    });
    opens_as_notice
        || (text.len() <= NOTICE_MAX_BYTES
            && has_notice_word(text)
            && ANYWHERE_MATCHER.as_ref().is_some_and(|m| m.is_match(text)))
}

/// A closing notice is a line or two, not a paragraph of prose.
const CLOSING_MAX_BYTES: usize = 600;

/// Whether a paragraph is the notice that closes an article: short, and either a legal warning,
/// a line saying the rights are reserved, or a copyright line with its year ("© 2026 The Wire",
/// "Copyright (c) 2019 …"). A picture's credit ("© Reuters") has no year and closes nothing; a
/// sentence that starts with the word ("Copyright lawyers said …") neither.
pub(super) fn is_closing_notice(paragraph: &str) -> bool {
    let text = paragraph.trim_start().as_bytes();
    if text.len() > CLOSING_MAX_BYTES {
        return false;
    }
    let opens = |o: &str| {
        text.get(..o.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(o.as_bytes()))
    };
    if opens("legal warning") {
        return true;
    }
    // "eserved" first: most paragraphs have none, and need no lower-case copy.
    if has_notice_word(text)
        && memchr::memmem::find(&text.to_ascii_lowercase(), b"rights reserved").is_some()
    {
        return true;
    }
    let year_soon = || {
        text[..text.len().min(40)].windows(4).any(|w| {
            (w.starts_with(b"19") || w.starts_with(b"20")) && w.iter().all(u8::is_ascii_digit)
        })
    };
    (opens("©") || opens("copyright") || opens("(c)")) && year_soon()
}

#[cfg(test)]
mod tests {
    use super::{is_boilerplate, is_closing_notice};

    #[test]
    fn closing_notices_are_legal_warnings_and_copyright_lines() {
        assert!(is_closing_notice(
            "LEGAL WARNING: All rights of the published news are reserved."
        ));
        assert!(is_closing_notice("© 2026 The Daily Wire"));
        assert!(is_closing_notice(
            "Copyright 2026 Wire. All Rights Reserved."
        ));
        assert!(is_closing_notice("The Daily Wire. All rights reserved."));
        assert!(!is_closing_notice("Photo: AZERTAC"));
        assert!(!is_closing_notice("We use cookies to improve the site."));
        assert!(!is_closing_notice(
            "Copyright lawyers in Peru and Chile disagreed on the reach of the new law. "
                .repeat(20)
                .as_str()
        ));
    }

    #[test]
    fn notices_and_captions() {
        assert!(is_boilerplate("Photo: AZERTAC"));
        assert!(is_boilerplate("photo: Azerbaijan's embassy in Tajikistan"));
        assert!(is_boilerplate("Share on social media"));
        assert!(is_boilerplate(
            "LEGAL WARNING: All rights of the published news are reserved."
        ));
        assert!(is_boilerplate(
            "Our website uses cookies. By clicking on \"I accept cookies\"…"
        ));
        assert!(!is_boilerplate(
            "Azerbaijan and Türkiye signed a plan to share data."
        ));
        assert!(!is_boilerplate("Photographers from Baku exhibited."));
        // Captions and credits.
        assert!(is_boilerplate(
            "Marco Odermatt, Ski-Star aus der Schweiz. © AFP / MARCO BERTORELLO"
        ));
        assert!(is_boilerplate("La bendición se realizará mañana. Foto: LN"));
        assert!(is_boilerplate("Die Mannschaft in Tokio (Foto: Privat)"));
        assert!(!is_boilerplate(
            "Photo: the minister said the picture was taken in Baku. Talks went on."
                .trim_start_matches("Photo: ")
        ));
        assert!(!is_boilerplate(
            "The agency's photo: a ministers' meeting in Baku, then talks on the route west."
        ));
    }
}
