//! News-database exports: one file holding many articles, as Nexis Uni, LexisNexis and Factiva
//! write them (as DOCX, RTF, PDF, plain text or HTML — the layout is read from the file's text,
//! whatever format carried it). Each article becomes its own document, `file#n` counted from 1,
//! with its headline, publication, date and byline taken from the export's field lines and its
//! text being the headline and the body, without the index terms the database adds.
//!
//! Layouts, recognised by their separators (and a field line to confirm, so that an ordinary
//! article quoting one is left whole):
//! - **Nexis Uni**: each article ends with a line `End of Document`. Before it: headline,
//!   publication, date line (`July 1, 2019 Monday 9:20 AM GMT`), `Section:`, `Length:`,
//!   `Byline:`, then `Body` and the text, then an optional `Classification` block and `Load-Date:`.
//!   The cover page of the first chunk is passed over: the headline and publication are the two
//!   lines above the first date line.
//! - **LexisNexis (older)**: each article starts with `N of M DOCUMENTS`, then publication, date
//!   line, edition lines, headline, `BYLINE:`, `SECTION:`, `LENGTH:`, the text, and trailer fields
//!   (`LOAD-DATE:`, `LANGUAGE:`, `GRAPHIC:`, `PUBLICATION-TYPE:` …) and a copyright notice.
//! - **Factiva**: each article ends with a line `Document <accession number>`. Either coded
//!   fields (`HD` headline, `BY`, `WC`, `PD` date, `SN` source, `LP` and `TD` the text …), or the
//!   default display: headline, byline, `N words`, date, time, source, source code, language,
//!   copyright line, then the text.

use super::Date;
use super::meta::month;

/// A database export's layout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Nexis Uni / Lexis Advance (`End of Document`).
    NexisUni,
    /// LexisNexis Academic and nexis.com (`N of M DOCUMENTS`).
    Nexis,
    /// Factiva (`Document <id>`).
    Factiva,
}

/// One article of an export.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Story {
    pub title: Option<String>,
    pub source: Option<String>,
    pub date: Option<Date>,
    pub byline: Option<String>,
    /// Headline and body, paragraphs as the export has them.
    pub text: String,
}

/// Whether `text` may be an export: it holds one of the layouts' separators (one pass over the
/// text, so that files that are not exports, nearly all, cost nothing more).
pub fn maybe(text: &str) -> bool {
    static SEPARATORS: std::sync::LazyLock<Option<aho_corasick::AhoCorasick>> =
        std::sync::LazyLock::new(|| {
            aho_corasick::AhoCorasick::new(["Document ", " DOCUMENT", "End of Document"]).ok()
        });
    SEPARATORS
        .as_ref()
        .is_none_or(|separators| separators.is_match(text))
}

/// The articles of an export, or `None` when `text` is not laid out as one.
pub fn split(text: &str) -> Option<(Layout, Vec<Story>)> {
    if !maybe(text) {
        return None;
    }
    let lines: Vec<&str> = text.lines().map(clean).collect();
    if let Some(stories) = nexis_uni(&lines) {
        return Some((Layout::NexisUni, stories));
    }
    if let Some(stories) = nexis(&lines) {
        return Some((Layout::Nexis, stories));
    }
    factiva(&lines).map(|stories| (Layout::Factiva, stories))
}

fn clean(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Field labels of the exports (compared without case): header fields, then those of the trailer.
const HEADER_FIELDS: &[&str] = &[
    "byline",
    "author",
    "section",
    "length",
    "dateline",
    "highlight",
    "edition",
    "series",
    "type",
    "source",
    "date and time",
    "job number",
    "client/matter",
    "search terms",
    "search type",
    "narrowed by",
    "content type",
];
const TRAILER_FIELDS: &[&str] = &[
    "load-date",
    "language",
    "graphic",
    "publication-type",
    "journal code",
    "journal-code",
    "subject",
    "organization",
    "person",
    "geographic",
    "industry",
    "company",
    "ticker",
    "country",
    "city",
    "state",
    "notes",
    "update",
    "correction-date",
    "correction",
    "document-type",
    "url",
    "terms",
    "sprache",
    "langue",
];

/// The label and value of a field line (`Byline: A. Writer`, `LENGTH: 355 words`), for a label
/// in `labels`.
fn field<'a>(line: &'a str, labels: &[&str]) -> Option<(&'a str, &'a str)> {
    let (label, value) = line.split_once(':')?;
    let label = label.trim();
    labels
        .iter()
        .any(|l| l.eq_ignore_ascii_case(label))
        .then(|| (label, value.trim()))
}

fn is_field(line: &str) -> bool {
    field(line, HEADER_FIELDS).is_some() || field(line, TRAILER_FIELDS).is_some()
}

fn value_of(lines: &[&str], labels: &[&str]) -> Option<String> {
    lines
        .iter()
        .find_map(|l| field(l, labels))
        .map(|(_, v)| v.to_owned())
        .filter(|v| !v.is_empty())
}

/// A date at the start of a line: `July 1, 2019 Monday 9:20 AM GMT`, `Monday, July 1, 2019`,
/// `6 March 2012`, `2019-07-01`.
fn lead_date(line: &str) -> Option<Date> {
    const WEEKDAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    if let Some(d) = Date::parse_prefix(line) {
        return Some(d);
    }
    let tokens: Vec<&str> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .take(5)
        .collect();
    let skip = usize::from(
        tokens
            .first()
            .is_some_and(|t| WEEKDAYS.contains(&t.to_ascii_lowercase().as_str())),
    );
    let t = tokens.get(skip..skip + 3)?;
    let day = |s: &str| s.parse::<u8>().ok();
    let year = |s: &str| (s.len() == 4).then(|| s.parse::<u16>().ok()).flatten();
    let (y, m, d) = match (any_month(t[0]), any_month(t[1])) {
        (Some(m), _) => (year(t[2])?, m, day(t[1])?),
        (None, Some(m)) => (year(t[2])?, m, day(t[0])?),
        _ => return None,
    };
    // A date line is short: a date, a weekday, a time.
    (line.split_whitespace().count() <= 9).then_some(())?;
    Date::new(y, m, d)
}

/// A month's name in English (or its abbreviation), or in one of the languages the databases
/// write their dates in for users elsewhere: French, German, Spanish, Italian, Portuguese, Dutch.
fn any_month(word: &str) -> Option<u8> {
    const MONTHS: [[&str; 6]; 12] = [
        [
            "janvier", "januar", "enero", "gennaio", "janeiro", "januari",
        ],
        [
            "février",
            "februar",
            "febrero",
            "febbraio",
            "fevereiro",
            "februari",
        ],
        ["mars", "märz", "marzo", "marzo", "março", "maart"],
        ["avril", "april", "abril", "aprile", "abril", "april"],
        ["mai", "mai", "mayo", "maggio", "maio", "mei"],
        ["juin", "juni", "junio", "giugno", "junho", "juni"],
        ["juillet", "juli", "julio", "luglio", "julho", "juli"],
        ["août", "august", "agosto", "agosto", "agosto", "augustus"],
        [
            "septembre",
            "september",
            "septiembre",
            "settembre",
            "setembro",
            "september",
        ],
        [
            "octobre", "oktober", "octubre", "ottobre", "outubro", "oktober",
        ],
        [
            "novembre",
            "november",
            "noviembre",
            "novembre",
            "novembro",
            "november",
        ],
        [
            "décembre",
            "dezember",
            "diciembre",
            "dicembre",
            "dezembro",
            "december",
        ],
    ];
    month(word).or_else(|| {
        let lower = word.to_lowercase();
        MONTHS
            .iter()
            .position(|names| names.contains(&lower.as_str()))
            .map(|i| i as u8 + 1)
    })
}

/// `lines[from..to]` joined as text, blank lines kept between paragraphs, trimmed.
fn joined(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        if line.is_empty() {
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push_str("\n\n");
            }
        } else {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(line);
        }
    }
    out.trim().to_owned()
}

fn story(title: Option<String>, body: &[&str]) -> Story {
    let body = joined(body);
    let text = match &title {
        Some(t) if body.split("\n\n").next() != Some(t.as_str()) => format!("{t}\n\n{body}"),
        _ => body,
    };
    Story {
        title,
        text,
        ..Story::default()
    }
}

fn nonempty<'s, 'a>(
    lines: &'s [&'a str],
) -> impl DoubleEndedIterator<Item = (usize, &'a str)> + 's {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, l)| (i, *l))
}

/// Where the trailer starts: the first `Classification` line or trailer field after `from`.
fn trailer(lines: &[&str], from: usize) -> usize {
    lines
        .iter()
        .enumerate()
        .skip(from)
        .find(|(_, l)| **l == "Classification" || field(l, TRAILER_FIELDS).is_some())
        .map_or(lines.len(), |(i, _)| i)
}

fn nexis_uni(lines: &[&str]) -> Option<Vec<Story>> {
    let ends: Vec<usize> = nonempty(lines)
        .filter(|(_, l)| l.eq_ignore_ascii_case("End of Document"))
        .map(|(i, _)| i)
        .collect();
    let first = lines.get(..*ends.first()?)?;
    if !first
        .iter()
        .any(|l| *l == "Body" || field(l, &["length", "byline", "section", "load-date"]).is_some())
    {
        return None;
    }
    let mut stories = Vec::new();
    let mut start = 0;
    for end in ends {
        let chunk = &lines[start..end];
        start = end + 1;
        let body_at = chunk.iter().position(|l| *l == "Body" || *l == "Text");
        let header_end = body_at.unwrap_or_else(|| {
            nonempty(chunk)
                .take_while(|(_, l)| !is_field(l) || field(l, HEADER_FIELDS).is_some())
                .filter(|(_, l)| field(l, HEADER_FIELDS).is_some())
                .last()
                .map_or(0, |(i, _)| i + 1)
        });
        let header = &chunk[..header_end];
        let date_at = nonempty(header)
            .find(|(_, l)| !is_field(l) && lead_date(l).is_some())
            .map(|(i, _)| i);
        let above: Vec<&str> = match date_at {
            Some(d) => nonempty(&header[..d])
                .rev()
                .take(2)
                .map(|(_, l)| l)
                .collect(),
            None => Vec::new(),
        };
        let (title, source) = match above.as_slice() {
            [source, title, ..] => (Some(*title), Some(*source)),
            [title] => (Some(*title), None),
            [] => (nonempty(header).next().map(|(_, l)| l), None),
        };
        let body_start = body_at.map_or(header_end, |b| b + 1);
        let body_end = trailer(chunk, body_start);
        let mut s = story(title.map(str::to_owned), &chunk[body_start..body_end]);
        s.source = source.map(str::to_owned);
        s.date = date_at
            .and_then(|d| lead_date(header[d]))
            .or_else(|| value_of(&chunk[body_end..], &["load-date"]).and_then(|v| lead_date(&v)));
        s.byline = value_of(header, &["byline", "author"]);
        stories.push(s);
    }
    Some(stories)
}

/// `N of M DOCUMENTS` (and the German `Dokument N von M`).
fn is_nexis_separator(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    match words.as_slice() {
        [n, of, m, docs] if number(n) && number(m) => {
            of.eq_ignore_ascii_case("of")
                && (docs.eq_ignore_ascii_case("DOCUMENTS") || docs.eq_ignore_ascii_case("DOCUMENT"))
        }
        [dokument, n, von, m] if dokument.eq_ignore_ascii_case("Dokument") => {
            number(n) && *von == "von" && number(m)
        }
        _ => false,
    }
}

fn nexis(lines: &[&str]) -> Option<Vec<Story>> {
    let starts: Vec<usize> = nonempty(lines)
        .filter(|(_, l)| is_nexis_separator(l))
        .map(|(i, _)| i)
        .collect();
    let first = *starts.first()?;
    let confirmed = lines[first..]
        .iter()
        .take(60)
        .any(|l| field(l, &["length", "byline", "section", "load-date"]).is_some());
    if !confirmed {
        return None;
    }
    let mut stories = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let chunk = &lines[start + 1..end];
        let mut top = nonempty(chunk);
        let (source, date_at) = match (top.next(), top.next()) {
            (Some((d, l)), _) if lead_date(l).is_some() => (None, Some(d)),
            (Some((_, s)), Some((d, l))) if lead_date(l).is_some() => (Some(s), Some(d)),
            (Some((_, s)), _) => (Some(s), None),
            _ => (None, None),
        };
        // The header fields, and the headline above the first of them.
        let first_field = chunk
            .iter()
            .take(80)
            .position(|l| field(l, HEADER_FIELDS).is_some());
        let after_date = date_at.map_or(0, |d| d + 1);
        let (title, body_start) = match first_field {
            Some(f) if f >= after_date => {
                // Blank-separated groups between the date and the fields: edition lines first,
                // the headline last.
                let groups: Vec<&[&str]> = chunk[after_date..f]
                    .split(|l| l.is_empty())
                    .filter(|g| !g.is_empty())
                    .collect();
                let title = groups.last().map(|g| g.join(" "));
                let last_field = (f..chunk.len())
                    .take_while(|&i| {
                        chunk[i].is_empty() || field(chunk[i], HEADER_FIELDS).is_some()
                    })
                    .last()
                    .unwrap_or(f);
                (title, last_field + 1)
            }
            _ => (None, after_date),
        };
        let body_end = trailer(chunk, body_start);
        let mut s = story(title, &chunk[body_start..body_end]);
        s.source = source.map(str::to_owned);
        s.date = date_at
            .and_then(|d| lead_date(chunk[d]))
            .or_else(|| value_of(&chunk[body_end..], &["load-date"]).and_then(|v| lead_date(&v)));
        s.byline = value_of(&chunk[..body_start], &["byline"]);
        stories.push(s);
    }
    Some(stories)
}

/// `Document WSJO000020130521e95l0000p`: Factiva's accession number closing an article.
fn is_factiva_end(line: &str) -> bool {
    // Coded exports write it as the `AN` field.
    let line = line.strip_prefix("AN ").map_or(line, str::trim_start);
    line.strip_prefix("Document ").is_some_and(|id| {
        (10..=40).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric())
    })
}

/// `1,234 words` (`mots`, `Wörter`, `palabras`, `parole`, `palavras`, `woorden`).
fn is_word_count(line: &str) -> bool {
    line.rsplit_once(' ')
        .filter(|(_, unit)| {
            matches!(
                *unit,
                "words"
                    | "word"
                    | "mots"
                    | "Wörter"
                    | "palabras"
                    | "parole"
                    | "palavras"
                    | "woorden"
            )
        })
        .map(|(n, _)| n)
        .is_some_and(|n| {
            !n.is_empty()
                && n.bytes()
                    .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        })
}

/// Factiva's field codes, in the order its coded display writes them.
const FACTIVA_CODES: &[&str] = &[
    "CLM", "SE", "HD", "BY", "CR", "WC", "PD", "ET", "SN", "SC", "ED", "PG", "VOL", "LA", "CY",
    "LP", "TD", "CT", "RF", "CO", "IN", "NS", "RE", "IPC", "IPD", "PUB", "AN",
];

fn factiva_code(line: &str) -> Option<(&'static str, &str)> {
    let (code, rest) = line
        .split_once(|c: char| c.is_whitespace())
        .unwrap_or((line, ""));
    FACTIVA_CODES
        .iter()
        .find(|c| **c == code)
        .map(|c| (*c, rest.trim()))
}

fn factiva(lines: &[&str]) -> Option<Vec<Story>> {
    let ends: Vec<usize> = nonempty(lines)
        .filter(|(_, l)| is_factiva_end(l))
        .map(|(i, _)| i)
        .collect();
    let first = lines.get(..*ends.first()?)?;
    let coded = first
        .iter()
        .any(|l| factiva_code(l).is_some_and(|(c, _)| c == "HD"));
    if !coded && !first.iter().any(|l| is_word_count(l)) {
        return None;
    }
    let mut stories = Vec::new();
    let mut start = 0;
    for end in ends {
        let chunk = &lines[start..end];
        start = end + 1;
        stories.push(if coded {
            factiva_coded(chunk)
        } else {
            factiva_plain(chunk)
        });
    }
    Some(stories)
}

fn factiva_coded(chunk: &[&str]) -> Story {
    let mut fields: Vec<(&str, Vec<&str>)> = Vec::new();
    for line in chunk {
        match factiva_code(line) {
            Some((code, rest)) => fields.push((code, vec![rest])),
            None => {
                if let Some((_, values)) = fields.last_mut() {
                    values.push(line);
                }
            }
        }
    }
    let get = |code: &str| -> Option<String> {
        fields
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, v)| joined(v))
            .filter(|v| !v.is_empty())
    };
    let one_line = |v: Option<String>| v.map(|v| super::one_line(&v));
    let mut body: Vec<&str> = Vec::new();
    for (code, values) in &fields {
        if matches!(*code, "LP" | "TD") {
            body.extend(values.iter().copied());
            body.push("");
        }
    }
    let mut s = story(one_line(get("HD")), &body);
    s.byline = one_line(get("BY"));
    s.source = one_line(get("SN"));
    s.date = get("PD").and_then(|d| lead_date(&d));
    s
}

fn factiva_plain(chunk: &[&str]) -> Story {
    let top: Vec<(usize, &str)> = nonempty(chunk).collect();
    let Some(w) = top.iter().take(12).position(|(_, l)| is_word_count(l)) else {
        // Not in the usual display: the first line as headline, the rest as text.
        let title = top.first().map(|(_, l)| (*l).to_owned());
        let from = top.first().map_or(0, |(i, _)| i + 1);
        return story(title, &chunk[from..]);
    };
    let title = top.first().filter(|_| w > 0).map(|(_, l)| (*l).to_owned());
    let byline = (w > 1).then(|| {
        top[1..w]
            .iter()
            .map(|(_, l)| *l)
            .collect::<Vec<_>>()
            .join(" ")
    });
    let date_at = (w + 1..top.len().min(w + 4)).find(|&k| lead_date(top[k].1).is_some());
    let mut k = date_at.map_or(w + 1, |d| d + 1);
    let is_time = |l: &str| {
        l.len() <= 8
            && l.contains(':')
            && l.bytes().all(|b| {
                b.is_ascii_digit()
                    || b == b':'
                    || b.is_ascii_whitespace()
                    || b.is_ascii_alphabetic()
            })
            && l.bytes().next().is_some_and(|b| b.is_ascii_digit())
    };
    if top.get(k).is_some_and(|(_, l)| is_time(l)) {
        k += 1;
    }
    let source = top.get(k).map(|(_, l)| (*l).to_owned());
    // The text starts after the copyright line (after the language line when there is none).
    let notice = |l: &str| {
        l.starts_with("Copyright")
            || l.starts_with('©')
            || l.starts_with("(c)")
            || l.starts_with("(C)")
            || l.contains("All Rights Reserved")
            || l.contains("All rights reserved")
    };
    let header_end = (k + 1..top.len().min(k + 8))
        .find(|&j| notice(top[j].1))
        .or_else(|| (k + 1..top.len().min(k + 6)).find(|&j| is_language(top[j].1)))
        .unwrap_or((k + 1).min(top.len().saturating_sub(1)));
    let from = top.get(header_end).map_or(chunk.len(), |(i, _)| i + 1);
    let mut s = story(title, &chunk[from.min(chunk.len())..]);
    s.byline = byline;
    s.source = source;
    s.date = date_at.and_then(|d| lead_date(top[d].1));
    s
}

/// A language's English name alone on a line, as Factiva writes the article's language.
fn is_language(line: &str) -> bool {
    const LANGUAGES: &[&str] = &[
        "English",
        "German",
        "French",
        "Spanish",
        "Italian",
        "Portuguese",
        "Dutch",
        "Russian",
        "Chinese",
        "Japanese",
        "Arabic",
        "Swedish",
        "Norwegian",
        "Danish",
        "Finnish",
        "Polish",
        "Turkish",
        "Korean",
    ];
    LANGUAGES.contains(&line)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Asserts a story's headline, publication, date and byline.
    fn fields(s: &Story, title: &str, source: &str, date: Option<Date>, byline: Option<&str>) {
        assert_eq!(s.title.as_deref(), Some(title));
        assert_eq!(s.source.as_deref(), Some(source));
        assert_eq!(s.date, date);
        assert_eq!(s.byline.as_deref(), byline);
    }

    const UNI: &str = "Date and Time: Friday, 5. July 2019 09:31:00 CEST\n\nJob Number: 1\n\n\
        Documents (2)\n\n1. Port deal\n\nClient/Matter: -None-\n\n\
        Port deal signed\n\nThe Wire (London)\n\nJuly 1, 2019 Monday 9:20 AM GMT\n\n\
        Copyright 2019 The Wire All Rights Reserved\n\nSection: WORLD; Version:2\n\n\
        Length: 355 words\n\nByline: A. Writer\n\nBody\n\n\
        Peru and Chile signed a port deal in Lima.\n\nJapan welcomed it.\n\n\
        Classification\n\nLanguage: ENGLISH\n\nGeographic: LIMA, PERU (90%); KENYA (50%)\n\n\
        Load-Date: July 2, 2019\n\nEnd of Document\n\n\
        Talks in Nairobi\n\nThe Wire (London)\n\nJuly 3, 2019 Wednesday\n\n\
        Length: 100 words\n\nBody\n\nKenya and Uganda met in Nairobi.\n\nEnd of Document\n";

    #[test]
    fn nexis_uni_articles_end_with_end_of_document() {
        let (layout, stories) = split(UNI).expect("an export");
        assert_eq!(layout, Layout::NexisUni);
        assert_eq!(stories.len(), 2);
        let s = &stories[0];
        fields(
            s,
            "Port deal signed",
            "The Wire (London)",
            Date::new(2019, 7, 1),
            Some("A. Writer"),
        );
        assert_eq!(
            s.text,
            "Port deal signed\n\nPeru and Chile signed a port deal in Lima.\n\nJapan welcomed it."
        );
        assert_eq!(stories[1].title.as_deref(), Some("Talks in Nairobi"));
        assert_eq!(stories[1].date, Date::new(2019, 7, 3));
        assert_eq!(stories[1].byline, None);
    }

    const NEXIS: &str = "\u{feff}Download Request: Selected Items: 1-2\r\n\r\n\
        Terms: (Sample)\r\n\r\n\
                                       1 of 2 DOCUMENTS\r\n\r\n\r\n\r\n\
                                   The Daily Wire\r\n\r\n\
                                January 11, 2010 Monday\r\n\
                                       Edition 1;\r\n\
                                        Scotland\r\n\r\n\
        Port deal signed in\r\nLima by two neighbours\r\n\r\n\
        BYLINE: A. Writer\r\n\r\nSECTION: NEWS; Pg. 3\r\n\r\nLENGTH: 1,355 words\r\n\r\n\r\n\
        Peru and Chile signed a port deal\r\nin Lima on Monday.\r\n\r\nJapan welcomed it.\r\n\r\n\
        LOAD-DATE: January 12, 2010\r\n\r\nLANGUAGE: ENGLISH\r\n\r\nGRAPHIC: A map of Kenya\r\n\
        and Uganda\r\n\r\nPUBLICATION-TYPE: Newspaper\r\n\r\n\r\n\
                           Copyright 2010 The Daily Wire\r\n\
                                  All Rights Reserved\r\n\r\n\
                                       2 of 383 DOCUMENTS\r\n\r\n\r\n\
                                   Evening Post\r\n\r\n\
                                January 8, 2010\r\n\r\n\
        Talks\r\n\r\nLENGTH: 20 words\r\n\r\nKenya and Uganda met.\r\n\r\n\
        LOAD-DATE: January 9, 2010\r\n";

    #[test]
    fn nexis_articles_start_with_n_of_m_documents() {
        let (layout, stories) = split(NEXIS).expect("an export");
        assert_eq!(layout, Layout::Nexis);
        assert_eq!(stories.len(), 2);
        let s = &stories[0];
        fields(
            s,
            "Port deal signed in Lima by two neighbours",
            "The Daily Wire",
            Date::new(2010, 1, 11),
            Some("A. Writer"),
        );
        assert_eq!(
            s.text,
            "Port deal signed in Lima by two neighbours\n\nPeru and Chile signed a port deal\n\
             in Lima on Monday.\n\nJapan welcomed it."
        );
        assert_eq!(stories[1].title.as_deref(), Some("Talks"));
        assert_eq!(stories[1].source.as_deref(), Some("Evening Post"));
        assert_eq!(stories[1].date, Date::new(2010, 1, 8));
        assert_eq!(stories[1].text, "Talks\n\nKenya and Uganda met.");
    }

    const FACTIVA: &str = "Port deal signed\n\nA. Writer\n\n1,234 words\n\n6 March 2012\n\n10:32\n\n\
        The Daily Wire\n\nDWIRE\n\nEnglish\n\n(c) 2012 The Daily Wire. All Rights Reserved.\n\n\
        Peru and Chile signed a port deal in Lima.\n\nJapan welcomed it.\n\n\
        Document DWIRE00020120306e8360000a\n\n\
        Talks\n\n20 words\n\n7 March 2012\n\nEvening Post\n\nEVPOST\n\nEnglish\n\n\
        Copyright 2012 Evening Post\n\nKenya and Uganda met.\n\n\
        Document EVPOST0020120307e8370000b\n\nSearch Summary\n\nText: ports\n";

    #[test]
    fn factiva_articles_end_with_their_accession_number() {
        let (layout, stories) = split(FACTIVA).expect("an export");
        assert_eq!(layout, Layout::Factiva);
        assert_eq!(stories.len(), 2);
        let s = &stories[0];
        fields(
            s,
            "Port deal signed",
            "The Daily Wire",
            Date::new(2012, 3, 6),
            Some("A. Writer"),
        );
        assert_eq!(
            s.text,
            "Port deal signed\n\nPeru and Chile signed a port deal in Lima.\n\nJapan welcomed it."
        );
        assert_eq!(stories[1].title.as_deref(), Some("Talks"));
        assert_eq!(stories[1].byline, None);
        assert_eq!(stories[1].source.as_deref(), Some("Evening Post"));
        assert_eq!(stories[1].text, "Talks\n\nKenya and Uganda met.");
    }

    #[test]
    fn factiva_coded_fields_give_headline_source_date_and_text() {
        let text = "HD Port deal signed\nBY A. Writer\nWC 1,234 words\nPD 6 March 2012\n\
            SN The Daily Wire\nSC DWIRE\nLA English\nCY (c) 2012 The Daily Wire.\n\
            LP Peru and Chile signed a port deal in Lima.\n\nTD Japan welcomed it.\n\
            It hopes to join.\nNS c151 : Trade\nRE kenya : Kenya\n\
            AN Document DWIRE00020120306e8360000a\nDocument DWIRE00020120306e8360000a\n";
        let (layout, stories) = split(text).expect("an export");
        assert_eq!(layout, Layout::Factiva);
        let s = &stories[0];
        fields(
            s,
            "Port deal signed",
            "The Daily Wire",
            Date::new(2012, 3, 6),
            Some("A. Writer"),
        );
        assert_eq!(
            s.text,
            "Port deal signed\n\nPeru and Chile signed a port deal in Lima.\n\nJapan welcomed it.\nIt hopes to join."
        );
    }

    #[test]
    fn factiva_coded_articles_may_end_with_the_an_field_and_be_dated_in_french() {
        let text = "Factiva\n\nHD Essai\n\nWC 295 mots\n\nPD 29 décembre 2011\n\nSN Ouest France\n\n\
            LA Français\n\nLP\n\nLe Pérou et le Chili ont signé.\n\nRE fra : France\n\n\
            AN Document TESTFR0020111229e7ct0001r\n\nHD Deux\n\nPD 3 März 2012\n\nTD\n\nText.\n\n\
            AN Document TESTFR0020111229e7ct0015j\n\n© 2011 Factiva, Inc.";
        let (layout, stories) = split(text).expect("an export");
        assert_eq!(layout, Layout::Factiva);
        assert_eq!(stories.len(), 2);
        assert_eq!(stories[0].title.as_deref(), Some("Essai"));
        assert_eq!(stories[0].source.as_deref(), Some("Ouest France"));
        assert_eq!(stories[0].date, Date::new(2011, 12, 29));
        assert_eq!(stories[0].text, "Essai\n\nLe Pérou et le Chili ont signé.");
        assert_eq!(stories[1].date, Date::new(2012, 3, 3));
    }

    #[test]
    fn an_article_that_only_quotes_a_separator_is_left_whole() {
        for text in [
            "Peru and Chile met.\n\nEnd of Document\n\nThat was all.",
            "Peru and Chile met.\n\n1 of 2 DOCUMENTS\n\nThat was all.",
            "Peru and Chile met.\n\nDocument ABCDEFGHIJKLMNOP\n\nThat was all.",
            "Plain news about Peru.",
        ] {
            assert_eq!(split(text), None, "{text}");
        }
    }

    #[test]
    fn dates_at_the_start_of_a_line() {
        assert_eq!(
            lead_date("July 1, 2019 Monday 9:20 AM GMT"),
            Date::new(2019, 7, 1)
        );
        assert_eq!(lead_date("Monday, July 1, 2019"), Date::new(2019, 7, 1));
        assert_eq!(lead_date("6 March 2012"), Date::new(2012, 3, 6));
        assert_eq!(lead_date("Port deal signed in March 2012"), None);
        assert_eq!(lead_date("The Guardian(London)"), None);
    }
}
