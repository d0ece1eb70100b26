//! Paragraphs that are not the article: photo captions, share lines, cookie and legal notices,
//! "see also" blocks. They stay in the text (the reader shows them) but are never counted.

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

/// Whether a paragraph is page furniture rather than article text.
pub(super) fn is_boilerplate(paragraph: &str) -> bool {
    let lower = paragraph.trim_start().to_lowercase();
    OPENINGS.iter().any(|o| lower.starts_with(o)) || ANYWHERE.iter().any(|a| lower.contains(a))
}

#[cfg(test)]
mod tests {
    use super::is_boilerplate;

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
    }
}
