//! Names in other languages only in text of that language.
//!
//! A country's name in Romanian is "Columbia", in Finnish Estonia is "Viro", in a dozen
//! languages Iceland is "Island" and Norfolk Island "Norfolk": in English text these are a
//! university, a given name, a word and a county. A name in another language written in the
//! Latin script therefore counts only where the paragraph around it is identified (by
//! `whatlang`'s trigram model) as one of the languages the name belongs to, or a close relative
//! the model confuses it with. Names in other scripts ("Россия", "ایران") carry their language
//! in their letters and are not checked.

use std::collections::HashMap;
use std::ops::Range;

use super::floor_char;
use crate::gazetteer::{Gazetteer, SurfaceForm, Via, is_latin};

/// Paragraphs shorter than this are identified together with the text around them: a line of
/// a few words is too short for a trigram model.
const SHORT: usize = 160;
/// How far around a short paragraph the text is taken, bytes either side.
const AROUND: usize = 600;

/// Drops the matches of Latin-script names in other languages that stand in a paragraph not in
/// one of their languages. `key` gives an item's form and the span of its paragraph.
pub(super) fn keep_names_in_their_language<T>(
    gazetteer: &Gazetteer,
    text: &str,
    items: &mut Vec<T>,
    key: impl Fn(&T) -> (usize, Range<usize>),
) {
    let forms = gazetteer.forms();
    if !items.iter().any(|i| needs_check(&forms[key(i).0])) {
        return;
    }
    let mut identified: HashMap<(usize, usize), Option<&'static str>> = HashMap::new();
    items.retain(|item| {
        let (form, paragraph) = key(item);
        let form = &forms[form];
        if !needs_check(form) {
            return true;
        }
        let language = *identified
            .entry((paragraph.start, paragraph.end))
            .or_insert_with(|| identify(text, paragraph));
        written_in(form, language)
    });
}

/// A name in another language written in Latin letters.
fn needs_check(form: &SurfaceForm) -> bool {
    form.via == Via::Translation
        && form
            .text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(is_latin)
}

/// The language of a paragraph (ISO 639-1), from a wider stretch when it is short; `None` when
/// the model cannot tell.
fn identify(text: &str, paragraph: Range<usize>) -> Option<&'static str> {
    let span = if paragraph.len() < SHORT {
        floor_char(text, paragraph.start.saturating_sub(AROUND))
            ..floor_char(text, (paragraph.end + AROUND).min(text.len()))
    } else {
        paragraph
    };
    let info = whatlang::detect(text.get(span)?)?;
    Some(iso_639_1(info.lang()))
}

/// Whether a name in `form`'s languages may stand in text identified as `language`.
fn written_in(form: &SurfaceForm, language: Option<&str>) -> bool {
    match language {
        // English, or too little text to tell.
        None | Some("en") => false,
        Some(language) => form.languages.iter().any(|l| {
            l == language
                || RELATIVES
                    .iter()
                    .any(|group| group.contains(&l.as_str()) && group.contains(&language))
                || !IDENTIFIED.contains(&l.as_str())
        }),
    }
}

/// Languages the model tells apart poorly, and languages it does not know mapped to the ones it
/// reports for them (Bosnian as Croatian or Serbian, Norwegian as Bokmål or Danish, Malay as
/// Indonesian, Galician as Portuguese or Spanish).
const RELATIVES: &[&[&str]] = &[
    &["bs", "hr", "sr", "sl", "mk"],
    &["da", "nb", "nn", "no", "sv"],
    &["ms", "id", "tl"],
    &["cs", "sk"],
    &["gl", "pt", "es", "ca"],
    &["ru", "uk", "be", "bg"],
    &["af", "nl"],
];

/// The languages the model identifies (ISO 639-1): a name in any other language is kept in any
/// text not identified as English.
const IDENTIFIED: &[&str] = &[
    "af", "am", "ar", "az", "be", "bg", "bn", "ca", "cs", "cy", "da", "de", "el", "en", "eo", "es",
    "et", "fa", "fi", "fr", "gu", "he", "hi", "hr", "hu", "hy", "id", "it", "ja", "jv", "ka", "km",
    "kn", "ko", "la", "lt", "lv", "mk", "ml", "mr", "my", "nb", "ne", "nl", "or", "pa", "pl", "pt",
    "ro", "ru", "si", "sk", "sl", "sn", "sr", "sv", "ta", "te", "th", "tk", "tl", "tr", "uk", "ur",
    "uz", "vi", "yi", "zh", "zu", "ak",
];

/// The ISO 639-1 code of a language the model reports (its own codes are ISO 639-3).
fn iso_639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang as L;
    match lang {
        L::Epo => "eo",
        L::Eng => "en",
        L::Rus => "ru",
        L::Cmn => "zh",
        L::Spa => "es",
        L::Por => "pt",
        L::Ita => "it",
        L::Ben => "bn",
        L::Fra => "fr",
        L::Deu => "de",
        L::Ukr => "uk",
        L::Kat => "ka",
        L::Ara => "ar",
        L::Hin => "hi",
        L::Jpn => "ja",
        L::Heb => "he",
        L::Yid => "yi",
        L::Pol => "pl",
        L::Amh => "am",
        L::Jav => "jv",
        L::Kor => "ko",
        L::Nob => "nb",
        L::Dan => "da",
        L::Swe => "sv",
        L::Fin => "fi",
        L::Tur => "tr",
        L::Nld => "nl",
        L::Hun => "hu",
        L::Ces => "cs",
        L::Ell => "el",
        L::Bul => "bg",
        L::Bel => "be",
        L::Mar => "mr",
        L::Kan => "kn",
        L::Ron => "ro",
        L::Slv => "sl",
        L::Hrv => "hr",
        L::Srp => "sr",
        L::Mkd => "mk",
        L::Lit => "lt",
        L::Lav => "lv",
        L::Est => "et",
        L::Tam => "ta",
        L::Vie => "vi",
        L::Urd => "ur",
        L::Tha => "th",
        L::Guj => "gu",
        L::Uzb => "uz",
        L::Pan => "pa",
        L::Aze => "az",
        L::Ind => "id",
        L::Tel => "te",
        L::Pes => "fa",
        L::Mal => "ml",
        L::Ori => "or",
        L::Mya => "my",
        L::Nep => "ne",
        L::Sin => "si",
        L::Khm => "km",
        L::Tuk => "tk",
        L::Aka => "ak",
        L::Zul => "zu",
        L::Sna => "sn",
        L::Afr => "af",
        L::Lat => "la",
        L::Slk => "sk",
        L::Cat => "ca",
        L::Tgl => "tl",
        L::Hye => "hy",
        L::Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;
    use crate::extract::find;

    static GAZ: LazyLock<Gazetteer> =
        LazyLock::new(|| Gazetteer::bundled().expect("bundled assets parse"));

    fn codes(text: &str) -> Vec<String> {
        find(&GAZ, text)
            .iter()
            .map(|f| GAZ.entity(f.entity).code.clone())
            .collect()
    }

    #[test]
    fn other_languages_names_are_not_english_words_and_given_names() {
        // Each of these is a country's name in some language, and an English word or name.
        for text in [
            "Daniel Ortega spoke to reporters on Tuesday.",
            "Viro said the team would play on.",
            "Columbia Gas raised its rates this winter.",
            "Nice weather in Island Park today.",
            "Norfolk Southern trains run late again.",
        ] {
            assert!(codes(text).is_empty(), "{text}: {:?}", codes(text));
        }
        // In text of their own language they are the country.
        assert_eq!(
            codes("Hrvatska i Srbija potpisale su sporazum o suradnji u Zagrebu."),
            ["HRV", "SRB"]
        );
        assert_eq!(
            codes(
                "Die Bundesregierung will die Zusammenarbeit mit Deutschland und Polen \
                 ausbauen, sagte der Sprecher am Montag in Berlin."
            ),
            ["DEU", "POL", "DEU"]
        );
        // A translated name in an English paragraph is the English text quoting it: not counted.
        assert!(codes("The fans chanted Polska as the team came out.").is_empty());
    }

    #[test]
    fn every_language_the_model_reports_has_a_code() {
        for lang in whatlang::Lang::all() {
            let code = iso_639_1(*lang);
            assert!(IDENTIFIED.contains(&code), "{lang:?} -> {code}");
        }
    }
}
