//! Document metadata read from the text: a leading `date YYYY-MM-DD` header line, the title, and
//! a date at the start of a file name.

use super::{Date, Sentence, Span};

/// What the first line of a document says about it.
pub(super) struct Header {
    /// The date it gives.
    pub date: Option<Date>,
    /// Where the article proper starts.
    pub content_start: usize,
}

/// Reads a header line such as ` date 2026-01-30 …` (also `Date: 2026-01-30`). Scraped pages put
/// page furniture after the date (` + ↺ − 16 px`); text that reads as words stays content.
pub(super) fn header(text: &str) -> Header {
    let none = Header {
        date: None,
        content_start: 0,
    };
    let line_end = text.find('\n').unwrap_or(text.len());
    let line = &text[..line_end];
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let Some(keyword) = trimmed.get(..4) else {
        return none;
    };
    if !keyword.eq_ignore_ascii_case("date") {
        return none;
    }
    let after = &trimmed[4..];
    let after_sep = after.trim_start_matches([':', ' ', '\t']);
    if after_sep.len() == after.len() {
        return none;
    }
    let Some(date) = Date::parse_prefix(after_sep) else {
        return none;
    };
    let rest_start = lead + 4 + (after.len() - after_sep.len()) + 10;
    let rest = &line[rest_start..];
    let words = rest
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    let content_start = if words >= 3 {
        rest_start + (rest.len() - rest.trim_start().len())
    } else {
        (line_end + 1).min(text.len())
    };
    Header {
        date: Some(date),
        content_start,
    }
}

/// How far into the article a dateline is looked for.
const DATELINE_BYTES: usize = 200;

/// A dateline or a date line at the top of the article: `BAKU, Jan. 30, 2026 —`, `30 January
/// 2026 | Politics`, `Published 2026-01-30`. Only the first three lines (at most 200 bytes) are
/// read, and a date there counts only where a dateline or a date line puts it: after nothing but
/// capitalised words (a place, "Published"), and followed by a separator, a time or the end of
/// the line. A date the article talks about ("the bonds mature on June 30, 2031") is not its
/// date, and a month and day without a year ("HOUSTON, Feb. 26 —") leave it undated.
pub(super) fn dateline(text: &str, from: usize) -> Option<Date> {
    let mut end = (from + DATELINE_BYTES).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(from..end)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(3)
        // Every date spelled here has a year in digits.
        .filter(|l| l.bytes().any(|b| b.is_ascii_digit()))
        .find_map(|line| date_line(line.trim()))
}

/// The date of one line at the top, where a dateline or a date line puts it.
fn date_line(top: &str) -> Option<Date> {
    let placed =
        |start: usize, end: usize| at_the_top(&top[..start]) && ends_a_date_line(&top[end..]);
    // ISO dates.
    for (i, c) in top.char_indices() {
        if c.is_ascii_digit()
            && (i == 0 || !top.as_bytes()[i - 1].is_ascii_alphanumeric())
            && let Some(d) = Date::parse_prefix(&top[i..])
            && placed(i, i + 10)
        {
            return Some(d);
        }
    }
    // Words: "Jan. 30, 2026", "January 30 2026", "30 January 2026".
    let mut tokens: Vec<(usize, &str)> = Vec::new();
    let mut at = None;
    for (i, c) in top.char_indices().chain(std::iter::once((top.len(), ' '))) {
        match (c.is_alphanumeric(), at) {
            (true, None) => at = Some(i),
            (false, Some(s)) => {
                tokens.push((s, &top[s..i]));
                at = None;
            }
            _ => {}
        }
    }
    let day = |t: &str| t.parse::<u8>().ok().filter(|d| (1..=31).contains(d));
    let year = |t: &str| {
        t.parse::<u16>()
            .ok()
            .filter(|y| t.len() == 4 && (1900..=2100).contains(y))
    };
    for w in tokens.windows(3) {
        let found = match (month(w[0].1), month(w[1].1)) {
            (Some(m), _) => day(w[1].1).zip(year(w[2].1)).map(|(d, y)| (y, m, d)),
            (None, Some(m)) => day(w[0].1).zip(year(w[2].1)).map(|(d, y)| (y, m, d)),
            (None, None) => None,
        };
        if let Some((y, m, d)) = found
            && placed(w[0].0, w[2].0 + w[2].1.len())
            && let Some(date) = Date::new(y, m, d)
        {
            return Some(date);
        }
    }
    None
}

/// Whether what comes before a date on the first line is a dateline's place or a date line's
/// label: at most eight words, each capitalised, a number or punctuation ("BAKU,", "NEW YORK,",
/// "Published", "Fri,"), or one of the small words of date lines ("on", "updated").
fn at_the_top(before: &str) -> bool {
    let words: Vec<&str> = before.split_whitespace().collect();
    words.len() <= 8
        && words.iter().all(|w| {
            let first = w.chars().find(|c| c.is_alphanumeric());
            first.is_none_or(|c| !c.is_lowercase())
                || matches!(
                    w.trim_matches(|c: char| !c.is_alphanumeric()),
                    "on" | "at" | "updated" | "published" | "posted" | "last"
                )
        })
}

/// Whether what follows a date ends a dateline or a date line: nothing, a separator ("—", "|",
/// "(AP)", ":"), a time, or a few words of a short line.
fn ends_a_date_line(after: &str) -> bool {
    let rest = after.trim_start_matches([' ', ',', '.']);
    rest.is_empty()
        || rest.starts_with(['—', '–', '-', '(', ':', '|', '/', '·', '•', '['])
        || rest.starts_with(|c: char| c.is_ascii_digit())
        || (after.len() <= 40 && rest.split_whitespace().count() <= 3)
}

/// A date written any common way at the start of a metadata value: `2026-01-30`,
/// `2026-01-30T10:00:00Z`, `Fri, 30 Jan 2026 10:00:00 GMT`, `January 30, 2026`.
pub(super) fn loose_date(value: &str) -> Option<Date> {
    let value = value.trim();
    Date::parse_prefix(value).or_else(|| dateline(value, 0))
}

/// An English month name or its abbreviation (`Jan`, `Sept`), case-insensitive.
pub(super) fn month(word: &str) -> Option<u8> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 || word.len() > 9 {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() <= 4 && m.starts_with(lower.as_str())))
        .map(|i| i as u8 + 1)
}

/// A date at the start of a file name: `2026-01-30-baku-talks.txt`, `2026-01-30_x.md`.
pub(super) fn date_from_name(id: &str) -> Option<Date> {
    let name = id.rsplit(['/', '\\']).next().unwrap_or(id);
    Date::parse_prefix(name)
}

/// The title: a short first line that does not read as a sentence (a headline), or else the
/// first sentence, shortened. Boilerplate (captions, notices) is passed over.
pub(super) fn title(text: &str, paragraphs: &[Span], sentences: &[Sentence]) -> Option<String> {
    const HEADLINE_MAX_CHARS: usize = 160;
    const TITLE_MAX_CHARS: usize = 110;
    let first = sentences.iter().find(|s| !s.boilerplate)?;
    let paragraph = paragraphs.get(first.paragraph as usize)?;
    let para_text = text.get(paragraph.range())?.trim();
    let headline = para_text.chars().count() <= HEADLINE_MAX_CHARS
        && !para_text.ends_with(['.', ':', ';', ','])
        && !para_text.contains('\n');
    let candidate = if headline {
        para_text
    } else {
        text.get(first.span.range())?.trim()
    };
    let candidate = candidate
        .trim_start_matches(['|', '-', '–', '—', ' '])
        .trim();
    if candidate.is_empty() {
        return None;
    }
    Some(shorten(candidate, TITLE_MAX_CHARS))
}

/// `s` on one line: runs of white space (line breaks too) become one space, none at the ends.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Cuts `s` to at most `max` characters at a word boundary, with an ellipsis.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    let one_line = one_line(s);
    if one_line.chars().count() <= max {
        return one_line;
    }
    let cut: String = one_line.chars().take(max).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|&i| i > max / 2)
        .map_or(cut.as_str(), |i| &cut[..i]);
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines_near_the_top_are_read() {
        let d = |t: &str| dateline(t, 0).map(|d| d.to_string());
        assert_eq!(
            d("BAKU, Jan. 30, 2026 (AP) — Azerbaijan said").as_deref(),
            Some("2026-01-30")
        );
        assert_eq!(
            d("30 January 2026 | Politics\n\nText").as_deref(),
            Some("2026-01-30")
        );
        assert_eq!(
            d("Published 2026-02-27 09:00").as_deref(),
            Some("2026-02-27")
        );
        assert_eq!(d("Sept 3 2025: talks").as_deref(), Some("2025-09-03"));
        assert_eq!(
            d("The 1998 treaty was signed on 30 March.").as_deref(),
            None
        );
        assert_eq!(d("February 30, 2026").as_deref(), None, "no such day");
        let far = format!("{}On 30 January 2026 they met.", "Words here. ".repeat(30));
        assert_eq!(d(&far), None, "too far from the top");
    }

    #[test]
    fn dates_in_the_body_are_not_the_articles() {
        let d = |t: &str| dateline(t, 0).map(|d| d.to_string());
        assert_eq!(
            d("The bonds mature on June 30, 2031, the treasury said."),
            None
        );
        assert_eq!(d("Oil rose. Contracts for 2031-06-30 delivery fell."), None);
        assert_eq!(
            d("HOUSTON, Feb. 26 - Oil prices rose on Monday."),
            None,
            "no year"
        );
        assert_eq!(
            d("Title of the story\nBAKU, Jan. 30, 2026 — text").as_deref(),
            Some("2026-01-30"),
            "a dateline under the title"
        );
        assert_eq!(
            d("WASHINGTON, March 3, 2019 (Reuters) - The bonds mature on June 30, 2031.")
                .as_deref(),
            Some("2019-03-03")
        );
        assert_eq!(
            d("Updated: Fri, 30 Jan 2026 10:00 GMT").as_deref(),
            Some("2026-01-30")
        );
    }

    #[test]
    fn header_with_page_furniture_is_skipped() {
        let h = header(" date 2026-01-30 + ↺ − 16 px\n\nText");
        assert_eq!(h.date.map(|d| d.to_string()).as_deref(), Some("2026-01-30"));
        assert_eq!(h.content_start, " date 2026-01-30 + ↺ − 16 px\n".len());
    }

    #[test]
    fn header_followed_by_text_keeps_the_text() {
        let text = " date 2026-02-27 On February 27, Azerbaijan's Minister met.";
        let h = header(text);
        assert_eq!(&text[h.content_start..h.content_start + 2], "On");
    }

    #[test]
    fn no_header_no_date() {
        let h = header("Dates and figs are sweet.");
        assert!(h.date.is_none());
        assert_eq!(h.content_start, 0);
        assert!(header("date night").date.is_none());
    }

    #[test]
    fn file_name_dates() {
        assert_eq!(
            date_from_name("news/2026-01-30-baku.txt")
                .map(|d| d.to_string())
                .as_deref(),
            Some("2026-01-30")
        );
        assert!(date_from_name("000_c520c3b6962b579c.txt").is_none());
    }

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("short title", 50), "short title");
        let s = shorten(
            "During the seventh Consultative Meeting of Central Asian Heads of State",
            30,
        );
        assert!(s.ends_with('…') && s.chars().count() <= 31, "{s}");
    }
}
