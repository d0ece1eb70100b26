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

/// Cuts `s` to at most `max` characters at a word boundary, with an ellipsis.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
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
