//! Mentions: where each entity is named in a document, and how.
//!
//! One pass of the gazetteer's automaton over the text finds every candidate (overlapping, ASCII
//! case folded). A candidate is kept when it stands as whole words, its case fits (acronyms exactly,
//! names with their capitals), and it is not inside an e-mail address, URL, hashtag or code-like
//! token. Then, separately for places (countries and regions) and for corridors, the longest
//! candidate wins where candidates overlap, so "Papua New Guinea" is not Guinea while the
//! "Baku–Tbilisi–Kars railway" is both a corridor and three mentions of places.

mod language;
mod rules;

use std::ops::Range;

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
/// order of position. The text is scanned once; each match is then placed in its sentence and
/// judged in that sentence's context.
pub fn extract(gazetteer: &Gazetteer, doc: &Document) -> Vec<Mention> {
    let from = (doc.content_start as usize).min(doc.text.len());
    // A story split from a page is judged by the page's language, not its own few words.
    let english = doc.english_context || reads_as_english(&doc.text[from..]);
    let found = find_in(gazetteer, &doc.text, from, doc.date, english);
    let mut out = Vec::with_capacity(found.len());
    let mut senses = rules::Senses::default();
    let mut next = 0;
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let (s_start, s_end) = (sentence.span.start as usize, sentence.span.end as usize);
        while next < found.len() && found[next].start < s_start {
            next += 1;
        }
        let first = next;
        while next < found.len() && found[next].end <= s_end {
            next += 1;
        }
        if sentence.boilerplate || first == next {
            continue;
        }
        let mut in_sentence = found[first..next].to_vec();
        senses.at_sentence(index);
        rules::apply(
            gazetteer,
            &doc.text,
            s_start..s_end,
            &mut in_sentence,
            &mut senses,
        );
        for f in in_sentence {
            out.push(Mention {
                entity: f.entity,
                via: gazetteer.forms()[f.form].via,
                form: f.form as u32,
                start: f.start as u32,
                end: f.end as u32,
                sentence: index as u32,
                paragraph: sentence.paragraph,
            });
        }
    }
    language::keep_names_in_their_language(gazetteer, &doc.text, &mut out, |m| {
        let paragraph = doc
            .paragraphs
            .get(m.paragraph as usize)
            .map_or(m.start as usize..m.end as usize, |p| {
                p.start as usize..p.end as usize
            });
        (m.form as usize, paragraph)
    });
    keep_short_forms_in_context(gazetteer, &mut out, |m| (m.form as usize, m.entity));
    senses.settle(
        &mut out,
        |m| (m.form as usize, m.sentence as usize),
        |m| &mut m.entity,
    );
    rules::georgia_throughout(gazetteer, &doc.text, &senses, &mut out, |m| m.form as usize);
    rules::namesakes(
        gazetteer,
        &doc.text,
        &senses,
        &mut out,
        |m| (m.form as usize, m.entity),
        |m| &mut m.entity,
    );
    out
}

/// Drops the short forms ("SA") of countries the article names no other way.
fn keep_short_forms_in_context<T>(
    gazetteer: &Gazetteer,
    items: &mut Vec<T>,
    place: impl Fn(&T) -> (usize, EntityId),
) {
    let forms = gazetteer.forms();
    if !items.iter().any(|i| forms[place(i).0].needs_context) {
        return;
    }
    let named: Vec<EntityId> = items
        .iter()
        .map(&place)
        .filter(|(f, _)| !forms[*f].needs_context)
        .map(|(_, e)| e)
        .collect();
    items.retain(|i| {
        let (f, e) = place(i);
        !forms[f].needs_context || named.contains(&e)
    });
}

/// A match that passed the word, case and token checks and won its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    /// First byte.
    pub start: usize,
    /// One past the last byte (inflection included).
    pub end: usize,
    /// Index in [`Gazetteer::forms`].
    pub form: usize,
    /// The entity meant (a shared city name may be reassigned by context).
    pub entity: crate::gazetteer::EntityId,
    /// Where the form itself ends (before any inflection).
    pub raw_end: usize,
}

/// The mentions in `text`, judged with the whole text as one sentence, sorted by start.
pub fn find(gazetteer: &Gazetteer, text: &str) -> Vec<Found> {
    // Undated text: forms that hold for a time do not apply.
    let mut found = find_in(gazetteer, text, 0, None, reads_as_english(text));
    let mut senses = rules::Senses::default();
    rules::apply(gazetteer, text, 0..text.len(), &mut found, &mut senses);
    language::keep_names_in_their_language(gazetteer, text, &mut found, |f| {
        (f.form, 0..text.len())
    });
    keep_short_forms_in_context(gazetteer, &mut found, |f| (f.form, f.entity));
    senses.settle(&mut found, |f| (f.form, 0), |f| &mut f.entity);
    rules::georgia_throughout(gazetteer, text, &senses, &mut found, |f| f.form);
    rules::namesakes(
        gazetteer,
        text,
        &senses,
        &mut found,
        |f| (f.form, f.entity),
        |f| &mut f.entity,
    );
    found
}

/// The accepted matches in `text[from..]`, judged with the text before `from` as context.
fn find_in(
    gazetteer: &Gazetteer,
    text: &str,
    from: usize,
    date: Option<crate::corpus::Date>,
    english: bool,
) -> Vec<Found> {
    let forms = gazetteer.forms();
    let mut places = Vec::new();
    let mut corridors = Vec::new();
    // The automata beyond the first are compiled on first use: ask for one only when needed.
    let mut take = |matcher: &crate::gazetteer::Matcher, span: Range<usize>| {
        matcher.for_each_match(text, span, |start, raw_end, pattern| {
            let index = matcher.forms[pattern] as usize;
            let form = &forms[index];
            let Some(end) = accept(text, start, raw_end, form) else {
                return;
            };
            let found = Found {
                start,
                end,
                form: index,
                entity: form.entity,
                raw_end,
            };
            if !form.blocks && gazetteer.entity(form.entity).kind == EntityKind::Corridor {
                corridors.push(found);
            } else {
                places.push(found);
            }
        });
    };
    take(gazetteer.ascii_matcher(), from..text.len());
    if let Some(foreign) = (!english).then(|| gazetteer.foreign_matcher()).flatten() {
        take(foreign, from..text.len());
    }
    if let Some(lower) = written_without_capitals(&text[from..])
        .then(|| gazetteer.lower_case_matcher())
        .flatten()
    {
        take(lower, from..text.len());
    }
    let (before, after) = gazetteer.wide_reach();
    let windows = wide_windows(text, from, before, after, &|c| gazetteer.in_wide_form(c));
    if let Some(wide) = (!windows.is_empty())
        .then(|| gazetteer.wide_matcher())
        .flatten()
    {
        for window in &windows {
            take(wide, window.range.clone());
        }
    }
    let other_script = windows.iter().any(|w| w.other_script);
    if let Some(script) = other_script.then(|| gazetteer.script_matcher()).flatten() {
        for window in windows.iter().filter(|w| w.other_script) {
            take(script, window.range.clone());
        }
    }
    let mut out = longest_non_overlapping(places);
    out.retain(|f| !forms[f.form].blocks);
    out.extend(longest_non_overlapping(corridors));
    // A user's form that holds for a time ("Erdoğan" from 2003) only in text of that time.
    out.retain(|f| forms[f.form].holds.is_none_or(|p| p.contains(date)));
    out.sort_unstable_by_key(|f| (f.start, f.end));
    out
}

/// Whether a text is plainly English ("the" and "and" several times in its first kilobytes), so
/// names in other languages written in ASCII need not be looked for. Short or unclear texts are
/// searched for everything.
pub fn reads_as_english(text: &str) -> bool {
    static WORDS: std::sync::LazyLock<[memchr::memmem::Finder<'static>; 3]> =
        std::sync::LazyLock::new(|| [" the ", " and ", " The "].map(memchr::memmem::Finder::new));
    let head = &text.as_bytes()[..text.len().min(4096)];
    let mut count = 0;
    for word in WORDS.iter() {
        count += word.find_iter(head).take(4).count();
        if count >= 4 {
            return true;
        }
    }
    false
}

/// Whether a text is written (nearly) without capitals, as chat and comments often are, so that
/// countries' names are looked for in lower case too ("afghanistan"). Edited text has a capital
/// every thirty letters or so; this asks for fewer than one in a hundred, over its first
/// kilobyte.
pub fn written_without_capitals(text: &str) -> bool {
    // Over the first kilobyte; edited text shows its eleventh capital long before the end.
    let head = &text.as_bytes()[..text.len().min(1024)];
    let (mut letters, mut capitals) = (0_usize, 0_usize);
    for &b in head {
        if b.is_ascii_uppercase() {
            capitals += 1;
            if capitals > 10 {
                return false;
            }
        }
        letters += usize::from(b.is_ascii_alphabetic());
    }
    letters >= 12 && capitals * 100 < letters
}

/// Stretches of `text[from..]` around the words that have non-ASCII letters, widened by `before`
/// and `after` bytes and merged where they overlap: where a form with such letters can match.
fn wide_windows(
    text: &str,
    from: usize,
    before: usize,
    after: usize,
    in_wide_form: &dyn Fn(char) -> bool,
) -> Vec<Window> {
    let bytes = text.as_bytes();
    let mut windows: Vec<Window> = Vec::new();
    let mut i = from;
    while let Some(k) = next_non_ascii(&bytes[i..]) {
        let at = i + k;
        let c = text[at..].chars().next().unwrap_or(' ');
        let (word_start, word_end) = if is_word_char(c) {
            (
                text[..at]
                    .char_indices()
                    .rev()
                    .take_while(|(_, c)| is_word_char(*c))
                    .last()
                    .map_or(at, |(j, _)| j),
                text[at..]
                    .char_indices()
                    .find(|(_, c)| !is_word_char(*c))
                    .map_or(text.len(), |(j, _)| at + j),
            )
        } else if in_wide_form(c) {
            (at, at + c.len_utf8())
        } else {
            i = at + c.len_utf8();
            continue;
        };
        let start = floor_char(text, word_start.saturating_sub(before).max(from));
        let end = ceil_char(text, (word_end + after).min(text.len()));
        let other_script = text[word_start..word_end]
            .chars()
            .any(|c| c.is_alphabetic() && !crate::gazetteer::is_latin(c));
        match windows.last_mut() {
            Some(last) if start <= last.range.end => {
                last.range.end = last.range.end.max(end);
                last.other_script |= other_script;
            }
            _ => windows.push(Window {
                range: start..end,
                other_script,
            }),
        }
        i = word_end.max(at + c.len_utf8());
    }
    windows
}

/// A stretch of text that forms with non-ASCII letters may match in.
struct Window {
    range: Range<usize>,
    /// It has letters of a script other than Latin.
    other_script: bool,
}

/// Offset of the first byte ≥ 0x80, eight bytes at a time.
fn next_non_ascii(bytes: &[u8]) -> Option<usize> {
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        if word & 0x8080_8080_8080_8080 != 0 {
            return chunk.iter().position(|b| *b >= 0x80).map(|p| offset + p);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|b| *b >= 0x80)
        .map(|p| offset + p)
}

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Leftmost-longest selection among candidates that may overlap.
fn longest_non_overlapping(mut candidates: Vec<Found>) -> Vec<Found> {
    // Leftmost, then longest, then the one that needed the least inflection ("Nigeria" is
    // Nigeria, not "Niger" + "ia").
    candidates.sort_unstable_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(b.raw_end.cmp(&a.raw_end))
            .then(a.form.cmp(&b.form))
    });
    let mut out: Vec<Found> = Vec::with_capacity(candidates.len());
    let mut taken_to = 0;
    for c in candidates {
        if c.start >= taken_to {
            taken_to = c.end;
            out.push(c);
        }
    }
    out
}

/// Whether a raw automaton match is a real mention; if so, where it ends (an inflected name
/// takes its case ending along).
fn accept(text: &str, start: usize, end: usize, form: &SurfaceForm) -> Option<usize> {
    let matched = text.get(start..end)?;
    if !case_fits(matched, form) {
        return None;
    }
    if form.unspaced {
        return Some(end);
    }
    if !left_boundary(text, start) {
        return None;
    }
    let end = if right_boundary(text, end) {
        end
    } else {
        // "Азербайджан|е", "Росси|и", "Russland|s": a few letters of inflection, then a boundary.
        let suffix: usize = text[end..]
            .chars()
            .take_while(|c| is_word_char(*c))
            .take(usize::from(form.max_suffix) + 1)
            .map(char::len_utf8)
            .sum();
        let ending = &text[end..end + suffix];
        let letters = ending.chars().count();
        // Turkic "-lı/-li/-lu/-lü" makes a new word ("Azərbaycanlı", an Azerbaijani), not a case.
        let derivation = ["lı", "li", "lu", "lü"]
            .iter()
            .any(|d| ending.starts_with(d));
        if derivation
            || form.max_suffix == 0
            || letters > usize::from(form.max_suffix)
            || !right_boundary(text, end + suffix)
        {
            return None;
        }
        end + suffix
    };
    (!in_code_like_token(text, start, end)).then_some(end)
}

/// Letters, digits, the underscore and combining marks (so a word in Devanagari or with
/// decomposed accents stays one word).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || unicode_normalization::char::is_combining_mark(c)
}

/// No word character runs on into the match from the left.
fn left_boundary(text: &str, start: usize) -> bool {
    let before = text[..start].chars().next_back();
    let first = text[start..].chars().next();
    !matches!((before, first), (Some(b), Some(f)) if is_word_char(b) && is_word_char(f))
}

/// No word character runs on out of the match to the right.
fn right_boundary(text: &str, end: usize) -> bool {
    let last = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    !matches!((last, after), (Some(l), Some(a)) if is_word_char(l) && is_word_char(a))
}

/// Acronyms match in exactly their case; other forms need their capitals where the form has
/// them (so "turkey" the bird and "china" the porcelain are not countries), in title or upper case.
fn case_fits(matched: &str, form: &SurfaceForm) -> bool {
    if matched == form.text || (form.lower_case && !matched.chars().any(char::is_uppercase)) {
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

/// Where the text after the last character matching `pred` begins (0 if none does): the next
/// character boundary, however many bytes that character takes ("”", a no-break space).
fn after_last(text: &str, pred: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .rev()
        .find(|(_, c)| pred(*c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// E-mail addresses, URLs, hashtags, handles, file names and dotted or `key=value` tokens
/// ("news.az", "Iran.json", "country=ARM") are not prose.
fn in_code_like_token(text: &str, start: usize, end: usize) -> bool {
    let token_start = after_last(&text[..start], char::is_whitespace);
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
    let after = &text[end..token_end];
    if before.ends_with(['#', '@', '=', '/', '\\', '_'])
        || after.starts_with(['=', '/', '\\', '_', '('])
    {
        return true;
    }
    // A dot glued between letters joins this word to another: a domain or an identifier.
    let dot_before = before.ends_with('.')
        && before[..before.len() - 1]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
    let dot_after =
        after.starts_with('.') && after[1..].chars().next().is_some_and(char::is_alphanumeric);
    dot_before || (dot_after && !text[start..end].ends_with('.'))
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
            .map(|f| GAZ.entity(f.entity).code.clone())
            .collect()
    }

    /// Every match of `matcher` in `text` that passes `accept`, as (start, end, form).
    fn accepted(
        text: &str,
        matcher: &crate::gazetteer::Matcher,
        all: impl Fn(&str) -> Vec<(usize, usize, usize)>,
    ) -> Vec<(usize, usize, usize)> {
        let mut out: Vec<_> = all(text)
            .into_iter()
            .filter_map(|(start, end, pattern)| {
                let form = matcher.forms[pattern] as usize;
                accept(text, start, end, &GAZ.forms()[form]).map(|end| (start, end, form))
            })
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    #[test]
    fn the_start_filter_loses_no_match_that_counts() {
        // The ASCII matcher runs only from the places its start filter lets through; a plain
        // unanchored scan over the same forms is the reference.
        let matcher = GAZ.ascii_matcher();
        assert!(
            matcher.starts.is_some(),
            "the ASCII forms have a start filter"
        );
        let reference = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(
                matcher
                    .forms
                    .iter()
                    .map(|&f| GAZ.forms()[f as usize].text.as_str()),
            )
            .expect("reference automaton");
        let mut texts: Vec<String> = crate::pipeline::seed_texts().map(str::to_owned).collect();
        texts.extend(
            [
                "sub-Saharan Africa and Sub-Saharan Africa, SUB-SAHARAN AFRICA",
                "chicken Kiev in Kyiv; Chicken Kiev",
                "US-led talks, the U.S. and the UAE; USA! us. (Iran) «Georgia» 'Chile'",
                "xGeorgia Georgiax _Chile Chile_ 9Peru Peru9 Papua New Guinea, Guinea-Bissau",
                "the Gambia, The Gambia, THE GAMBIA; Türkiye, Turkey's; Côte d'Ivoire",
                "Kazakhstan",
                "K",
                "",
            ]
            .map(str::to_owned),
        );
        for text in &texts {
            let filtered = accepted(text, matcher, |t| {
                let mut v = Vec::new();
                matcher.for_each_match(t, 0..t.len(), |s, e, p| v.push((s, e, p)));
                v
            });
            let plain = accepted(text, matcher, |t| {
                reference
                    .find_overlapping_iter(t)
                    .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                    .collect()
            });
            assert_eq!(filtered, plain, "in {text:?}");
        }
    }

    #[test]
    fn names_after_multibyte_punctuation_and_spaces() {
        // A closing quote before ", Georgia" and no-break or thin spaces before a name.
        assert_eq!(
            codes("He said “so”, Georgia and Armenia agreed."),
            ["GEO", "ARM"]
        );
        assert_eq!(
            codes("Talks in\u{a0}Georgia and\u{2009}Armenia."),
            ["GEO", "ARM"]
        );
    }

    #[test]
    fn english_is_recognised_and_other_languages_are_searched_in_full() {
        assert!(reads_as_english(
            "The talks in Baku and the meeting in Ankara ended, and the envoys left."
        ));
        assert!(!reads_as_english(
            "Die Gespräche in Baku und das Treffen in Ankara endeten."
        ));
        assert!(!reads_as_english("Baku and Ankara."));
        assert_eq!(
            codes("Die Türkei und Aserbaidschan unterzeichneten ein Abkommen."),
            vec!["TUR", "AZE"]
        );
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
    fn lower_case_names_count_in_text_without_capitals() {
        assert_eq!(
            codes("lol my cousin just got back from afghanistan and saint lucia"),
            ["AFG", "LCA"]
        );
        // English words stay words, even there.
        assert!(codes("we had turkey and chad brought a guinea pig from jordan").is_empty());
        // Edited text is not searched in lower case.
        assert_eq!(
            codes("The Minister flew to Kenya. A local band played afghanistan blues."),
            ["KEN"]
        );
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
