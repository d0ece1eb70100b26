//! Mentions: where each entity is named in a document, and how.
//!
//! One pass of the gazetteer's automaton over the text finds every candidate (overlapping, ASCII
//! case folded). A candidate is kept when it stands as whole words, its case fits (acronyms exactly,
//! names with their capitals), and it is not inside an e-mail address, URL, hashtag or code-like
//! token. Then, separately for places (countries and regions) and for corridors, the longest
//! candidate wins where candidates overlap, so "Papua New Guinea" is not Guinea while the
//! "Baku–Tbilisi–Kars railway" is both a corridor and three mentions of places.

use serde::Serialize;

use crate::corpus::Document;
use crate::gazetteer::{EntityId, EntityKind, Gazetteer, SurfaceForm, Via};

/// One place where the text names an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// Who is named.
    pub entity: EntityId,
    /// How.
    pub via: Via,
    /// Index of the surface form in [`Gazetteer::forms`].
    pub form: u32,
    /// First byte in the document text.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Index in [`Document::sentences`].
    pub sentence: u32,
    /// Index in [`Document::paragraphs`].
    pub paragraph: u32,
}

impl Mention {
    /// The byte range in the document text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// Finds the mentions in a document's counted text (header and boilerplate are skipped), in
/// order of position. The text is scanned once; each match is then placed in its sentence.
pub fn extract(gazetteer: &Gazetteer, doc: &Document) -> Vec<Mention> {
    let from = (doc.content_start as usize).min(doc.text.len());
    let mut out = Vec::new();
    let mut sentences = doc.sentences.iter().enumerate().peekable();
    for (start, end, form) in find_in(gazetteer, &doc.text, from) {
        // Matches come in order of position, so the sentence pointer only moves forward.
        while sentences
            .peek()
            .is_some_and(|(_, s)| s.span.end as usize <= start)
        {
            sentences.next();
        }
        let Some(&(index, sentence)) = sentences.peek() else {
            break;
        };
        let inside = sentence.span.start as usize <= start && end <= sentence.span.end as usize;
        if !inside || sentence.boilerplate {
            continue;
        }
        let f = &gazetteer.forms()[form];
        out.push(Mention {
            entity: f.entity,
            via: f.via,
            form: form as u32,
            start: start as u32,
            end: end as u32,
            sentence: index as u32,
            paragraph: sentence.paragraph,
        });
    }
    out
}

/// The accepted matches in `text`: `(start, end, form index)`, sorted by start.
pub fn find(gazetteer: &Gazetteer, text: &str) -> Vec<(usize, usize, usize)> {
    find_in(gazetteer, text, 0)
}

/// The accepted matches in `text[from..]`, judged with the text before `from` as context.
fn find_in(gazetteer: &Gazetteer, text: &str, from: usize) -> Vec<(usize, usize, usize)> {
    let forms = gazetteer.forms();
    let mut places = Vec::new();
    let mut corridors = Vec::new();
    let input = aho_corasick::Input::new(text).span(from..text.len());
    for m in gazetteer.matcher().find_overlapping_iter(input) {
        let (start, end) = (m.start(), m.end());
        let form = &forms[m.pattern().as_usize()];
        if !accept(text, start, end, form) {
            continue;
        }
        let candidate = (start, end, m.pattern().as_usize());
        if gazetteer.entity(form.entity).kind == EntityKind::Corridor {
            corridors.push(candidate);
        } else {
            places.push(candidate);
        }
    }
    let mut out = longest_non_overlapping(places);
    out.extend(longest_non_overlapping(corridors));
    out.sort_unstable();
    out
}

/// Leftmost-longest selection among candidates that may overlap.
fn longest_non_overlapping(
    mut candidates: Vec<(usize, usize, usize)>,
) -> Vec<(usize, usize, usize)> {
    candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let mut out: Vec<(usize, usize, usize)> = Vec::with_capacity(candidates.len());
    let mut taken_to = 0;
    for c in candidates {
        if c.0 >= taken_to {
            taken_to = c.1;
            out.push(c);
        }
    }
    out
}

/// Whether a raw automaton match is a real mention.
fn accept(text: &str, start: usize, end: usize, form: &SurfaceForm) -> bool {
    let Some(matched) = text.get(start..end) else {
        return false;
    };
    whole_word(text, start, end)
        && case_fits(matched, form)
        && !in_code_like_token(text, start, end)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The match is not part of a longer word on either side.
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let left_ok = match (before, first) {
        (Some(b), Some(f)) => !(is_word_char(b) && is_word_char(f)),
        _ => true,
    };
    let right_ok = match (last, after) {
        (Some(l), Some(a)) => !(is_word_char(l) && is_word_char(a)),
        _ => true,
    };
    left_ok && right_ok
}

/// Acronyms match in exactly their case; other forms need their capitals where the form has
/// them (so "turkey" the bird and "china" the porcelain are not countries), in title or upper case.
fn case_fits(matched: &str, form: &SurfaceForm) -> bool {
    if matched == form.text {
        return true;
    }
    if form.exact_case {
        return false;
    }
    let mut word_start = true;
    for (m, f) in matched.chars().zip(form.text.chars()) {
        if word_start && f.is_uppercase() && !m.is_uppercase() {
            return false;
        }
        word_start = !f.is_alphanumeric();
    }
    true
}

/// E-mail addresses, URLs, hashtags, handles and dotted names ("news.az", "x.gov") are not prose.
fn in_code_like_token(text: &str, start: usize, end: usize) -> bool {
    let token_start = text[..start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let token_end = text[end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| end + i);
    let token = &text[token_start..token_end];
    if token.contains('@')
        || token.contains("://")
        || token.to_ascii_lowercase().starts_with("www.")
    {
        return true;
    }
    let before = &text[token_start..start];
    if before.ends_with('#') || before.ends_with('@') {
        return true;
    }
    // A dot glued between letters joins this word to another: a domain or an identifier.
    let dot_before = before.ends_with('.')
        && before[..before.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    let after = &text[end..token_end];
    let dot_after =
        after.starts_with('.') && after[1..].chars().next().is_some_and(char::is_alphanumeric);
    dot_before || (dot_after && !text[start..end].ends_with('.'))
}

/// Entity kind of a mention, for exports.
pub fn kind_of(gazetteer: &Gazetteer, m: &Mention) -> EntityKind {
    gazetteer.entity(m.entity).kind
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::LazyLock;

    static GAZ: LazyLock<Gazetteer> =
        LazyLock::new(|| Gazetteer::bundled().expect("bundled gazetteer"));

    fn codes(text: &str) -> Vec<String> {
        find(&GAZ, text)
            .into_iter()
            .map(|(_, _, f)| GAZ.entity(GAZ.forms()[f].entity).code.clone())
            .collect()
    }

    #[test]
    fn turkmen_is_turkmenistan_and_turkic_is_nothing() {
        assert_eq!(codes("Turkmen-Azerbaijani relations"), vec!["TKM", "AZE"]);
        assert_eq!(
            codes("the Organization of Turkic States"),
            Vec::<String>::new()
        );
        assert_eq!(codes("Turkmenistan’s Foreign Ministry"), vec!["TKM"]);
    }

    #[test]
    fn all_spellings_of_turkiye() {
        for text in [
            "Türkiye", "Turkey", "Turkish", "Ankara", "TÜRKIYE", "TURKEY", "Turkiye",
        ] {
            assert_eq!(codes(text), vec!["TUR"], "{text}");
        }
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(codes("Papua New Guinea"), vec!["PNG"]);
        assert_eq!(codes("Guinea-Bissau"), vec!["GNB"]);
        assert_eq!(codes("South Sudan"), vec!["SSD"]);
        assert_eq!(codes("Niger and Nigeria"), vec!["NER", "NGA"]);
        assert_eq!(codes("the Republic of Azerbaijan"), vec!["AZE"]);
    }

    #[test]
    fn addresses_and_urls_match_nothing() {
        assert!(codes("Send CV to redaktion@caucasuswatch.de or azerbaijan@news.az").is_empty());
        assert!(codes("see https://turkey.example.com/iran and www.georgia.gov").is_empty());
        assert!(codes("#Azerbaijan trends").is_empty());
        assert!(codes("News.Az reports").is_empty());
    }

    #[test]
    fn acronyms_need_their_case() {
        assert_eq!(codes("the US and the UK"), vec!["USA", "GBR"]);
        assert!(codes("let us go").is_empty());
        assert!(codes("Us too").is_empty());
    }

    #[test]
    fn lower_case_common_words_are_not_countries() {
        assert!(codes("roast turkey with fine china").is_empty());
    }

    #[test]
    fn corridors_and_places_both_count() {
        let found = codes("the Baku–Tbilisi–Kars railway opened");
        assert!(
            found.contains(&"baku-tbilisi-kars".to_string()),
            "{found:?}"
        );
        assert!(
            found.contains(&"AZE".to_string()) && found.contains(&"GEO".to_string()),
            "{found:?}"
        );
        let found =
            codes("the Middle Corridor (Trans-Caspian International Transport Route, TITR)");
        let corridors: Vec<&String> = found.iter().filter(|c| *c == "middle-corridor").collect();
        assert_eq!(corridors.len(), 3, "{found:?}");
    }
}
