//! Paragraphs and sentences.
//!
//! Paragraphs: blank lines always separate them. Inside a block of consecutive lines, each line is
//! a paragraph (web text puts one paragraph per line) unless the block is hard-wrapped, in which
//! case lines join and only a short line ending a sentence closes a paragraph.
//!
//! Sentences: a terminator (`.`, `!`, `?`, `…`), any closing quotes or brackets, white space, and
//! then something that can start a sentence. A period does not end a sentence after a known
//! abbreviation ("Dr.", "approx."), an initial ("J. Smith"), or a dotted acronym ("U.S.") unless
//! a typical sentence opening follows. Decimals ("2.5") never have white space after the point.

use super::Span;

/// Paragraph spans of `text` from byte `from` on, trimmed of surrounding white space.
pub fn paragraphs(text: &str, from: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut block: Vec<(usize, usize)> = Vec::new();
    for (start, end) in lines(text, from) {
        if text[start..end].trim().is_empty() {
            flush_block(text, &block, &mut out);
            block.clear();
        } else {
            block.push((start, end));
        }
    }
    flush_block(text, &block, &mut out);
    out
}

/// Line ranges (without the line break) from byte `from` on.
fn lines(text: &str, from: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut pos = from.min(text.len());
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let start = pos;
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i);
        pos = end + 1;
        let end = if text[start..end].ends_with('\r') {
            end - 1
        } else {
            end
        };
        Some((start, end))
    })
}

fn flush_block(text: &str, block: &[(usize, usize)], out: &mut Vec<Span>) {
    if block.is_empty() {
        return;
    }
    let widths: Vec<usize> = block
        .iter()
        .map(|&(s, e)| text[s..e].trim_end().chars().count())
        .collect();
    let widest = widths.iter().copied().max().unwrap_or(0);
    let wrapped = is_hard_wrapped(&widths);
    let mut para_start = block[0].0;
    for i in 0..block.len() {
        let (start, end) = block[i];
        let line = text[start..end].trim_end();
        let last = i + 1 == block.len();
        let closes = last
            || !wrapped
            || (ends_sentence(line) && widths[i] + 12 < widest)
            || starts_list_item(&text[block[i + 1].0..block[i + 1].1]);
        if closes {
            push_trimmed(text, para_start, end, out);
            if !last {
                para_start = block[i + 1].0;
            }
        }
    }
}

/// A block is hard-wrapped when its lines (all but the last) fill a similar width of 40–100
/// characters, as text wrapped at a fixed column does.
fn is_hard_wrapped(widths: &[usize]) -> bool {
    if widths.len() < 3 {
        return false;
    }
    let body = &widths[..widths.len() - 1];
    let widest = body.iter().copied().max().unwrap_or(0);
    if !(40..=100).contains(&widest) {
        return false;
    }
    let full = body.iter().filter(|&&w| w + 15 >= widest).count();
    full * 10 >= body.len() * 7
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end_matches(['"', '\'', '”', '’', ')', ']', '»'])
        .ends_with(['.', '!', '?', '…', ':'])
}

fn starts_list_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ") || t.starts_with("* ") || t.starts_with("• ") || t.starts_with("– ")
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if !body.is_empty() {
        out.push(Span::new(start + lead, start + lead + body.len()));
    }
}

/// Abbreviations after which a period does not end a sentence (lower case, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "col", "lt", "maj",
    "sgt", "capt", "cmdr", "adm", "gov", "sen", "rep", "pres", "rev", "hon", "amb", "no", "nos",
    "vol", "vols", "fig", "figs", "p", "pp", "para", "art", "sec", "ch", "inc", "ltd", "co",
    "corp", "dept", "univ", "assn", "bros", "vs", "v", "etc", "approx", "ca", "cf", "al", "e.g",
    "i.e", "viz", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "est", "min", "max", "avg", "dist", "ave", "blvd", "rd", "mln", "bln", "bn", "mn", "tr",
    // State abbreviations of US datelines and the inverted names of statistical tables
    // ("Congo, Dem. Rep.", "Micronesia, Fed. Sts.").
    "dem", "fed", "sts", "calif", "ore", "pa", "tenn", "ga", "va", "ky", "ariz", "colo", "conn",
    "fla", "ill", "ind", "kan", "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev",
    "okla", "tex", "vt", "wash", "wis", "wyo", "ont", "que", "alta", "sask",
];

/// [`ABBREVIATIONS`] sorted, for a binary search at every period.
static ABBREVIATION_SET: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let mut sorted = ABBREVIATIONS.to_vec();
    sorted.sort_unstable();
    sorted
});

/// A word in lower case when it is short enough to be an abbreviation (no allocation: this runs
/// at every period).
struct ShortLower {
    bytes: [u8; 8],
    len: usize,
}

impl ShortLower {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

fn short_lower(word: &str) -> Option<ShortLower> {
    if word.len() > 8 {
        return None;
    }
    let mut bytes = [0; 8];
    bytes[..word.len()].copy_from_slice(word.as_bytes());
    bytes[..word.len()].make_ascii_lowercase();
    Some(ShortLower {
        bytes,
        len: word.len(),
    })
}

/// Abbreviations that also end sentences often: a sentence break when a typical opening follows.
const AMBIGUOUS: &[&str] = &[
    "etc", "inc", "ltd", "co", "corp", "jr", "sr", "no", "dem", "fed", "sts", "calif", "ore", "pa",
    "tenn", "ga", "va", "ky", "ariz", "colo", "conn", "fla", "ill", "ind", "kan", "md", "mass",
    "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "tex", "vt", "wash", "wis", "wyo",
    "ont", "que", "alta", "sask",
];

/// Words that typically open a sentence; after "U.S." or "etc." they mean a new sentence.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "In",
    "It",
    "He",
    "She",
    "They",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "But",
    "And",
    "On",
    "At",
    "As",
    "For",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "There",
    "However",
    "Meanwhile",
    "After",
    "When",
    "While",
    "If",
    "According",
    "Officials",
    "Both",
    "Last",
    "Earlier",
    "Later",
    "Since",
    "Under",
    "During",
    "Some",
    "Many",
    "Most",
    "Such",
    "So",
    "Yet",
    "Also",
];

static ELLIPSIS: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
    std::sync::LazyLock::new(|| memchr::memmem::Finder::new("…"));

/// Sentence spans inside `paragraph`.
pub fn sentences(text: &str, paragraph: Span) -> Vec<Span> {
    let para = &text[paragraph.range()];
    let bytes = para.as_bytes();
    let base = paragraph.start as usize;
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    let mut ellipsis = ELLIPSIS.find(bytes);
    // Jump from terminator to terminator: `.`, `!`, `?` with memchr, the ellipsis with a search
    // kept one step ahead.
    loop {
        let ascii = memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map(|k| i + k);
        if ellipsis.is_some_and(|e| e < i) {
            ellipsis = ELLIPSIS.find(&bytes[i..]).map(|k| i + k);
        }
        let (term, at) = match (ascii, ellipsis) {
            (Some(a), Some(e)) if e < a => ('…', e),
            (Some(a), _) => (char::from(bytes[a]), a),
            (None, Some(e)) => ('…', e),
            (None, None) => break,
        };
        // Extend over further terminators and closing punctuation.
        let mut end = at + term.len_utf8();
        for d in para[end..].chars() {
            if matches!(
                d,
                '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']' | '»'
            ) {
                end += d.len_utf8();
            } else {
                break;
            }
        }
        i = end;
        let rest = &para[end..];
        let after_space = rest.trim_start();
        if after_space.is_empty() {
            break;
        }
        if after_space.len() == rest.len() {
            continue; // No white space: "2.5", "News.Az", "U.S.-based".
        }
        if !is_break(&para[start..at], term, after_space) {
            continue;
        }
        push_sentence(para, base, start, end, &mut out);
        start = end + (rest.len() - after_space.len());
    }
    push_sentence(para, base, start, para.len(), &mut out);
    out
}

fn push_sentence(para: &str, base: usize, start: usize, end: usize, out: &mut Vec<Span>) {
    let s = &para[start..end];
    let lead = s.len() - s.trim_start().len();
    let body = s.trim();
    if !body.is_empty() {
        out.push(Span::new(
            base + start + lead,
            base + start + lead + body.len(),
        ));
    }
}

/// Whether a terminator `term` after `before` (the sentence so far) ends the sentence, given the
/// text that follows it.
fn is_break(before: &str, term: char, after: &str) -> bool {
    let next = after.chars().next().unwrap_or(' ');
    if next.is_lowercase() {
        return false;
    }
    if term != '.' {
        return true;
    }
    let word = before
        .rsplit(|c: char| c.is_whitespace() || "(\"'“‘[".contains(c))
        .next()
        .unwrap_or("");
    if word.is_empty() {
        return true;
    }
    let next_word = after
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let opens_sentence = OPENERS.contains(&next_word);
    if let Some(lower) = short_lower(word)
        && ABBREVIATION_SET.binary_search(&lower.as_str()).is_ok()
    {
        return AMBIGUOUS.contains(&lower.as_str()) && opens_sentence;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    // An initial: "J." in "J. Smith".
    if letters == 1 && word.chars().count() == 1 && word.chars().all(char::is_uppercase) {
        return false;
    }
    // A dotted acronym: "U.S", "U.K", "E.U" (the final period is the terminator).
    if word.contains('.')
        && word
            .split('.')
            .all(|p| p.chars().count() <= 2 && !p.is_empty())
    {
        return opens_sentence;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        for p in paragraphs(text, 0) {
            for s in sentences(text, p) {
                out.push(&text[s.range()]);
            }
        }
        out
    }

    #[test]
    fn abbreviations_initials_decimals() {
        assert_eq!(
            split("Dr. Smith met J. R. Doe in the U.S. on Monday. Growth was 2.5 percent. Fine."),
            vec![
                "Dr. Smith met J. R. Doe in the U.S. on Monday.",
                "Growth was 2.5 percent.",
                "Fine."
            ]
        );
    }

    #[test]
    fn state_abbreviations_and_table_names() {
        assert_eq!(
            split("SALEM, Ore. (AP) — Lawmakers met. He fell ill. The session ended."),
            vec![
                "SALEM, Ore. (AP) — Lawmakers met.",
                "He fell ill.",
                "The session ended."
            ]
        );
        assert_eq!(
            split("Congo, Dem. Rep. 4.1 3.9"),
            vec!["Congo, Dem. Rep. 4.1 3.9"]
        );
    }

    #[test]
    fn acronym_then_a_new_sentence() {
        assert_eq!(
            split("Sanctions hit the U.S. The EU agreed."),
            vec!["Sanctions hit the U.S.", "The EU agreed."]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            split("He said “we agree.” Then he left! Did he? Yes."),
            vec!["He said “we agree.”", "Then he left!", "Did he?", "Yes."]
        );
    }

    #[test]
    fn lower_case_after_a_period_continues() {
        assert_eq!(
            split("It cost approx. five million. Done."),
            vec!["It cost approx. five million.", "Done."]
        );
        assert_eq!(
            split("See e.g. the map. Done."),
            vec!["See e.g. the map.", "Done."]
        );
    }

    #[test]
    fn one_paragraph_per_line_in_web_text() {
        let text = "Headline without a period\nFirst paragraph here.\nSecond one.\n";
        let p = paragraphs(text, 0);
        assert_eq!(p.len(), 3);
        assert_eq!(&text[p[0].range()], "Headline without a period");
    }

    #[test]
    fn hard_wrapped_lines_join() {
        let text = "Azerbaijan and Turkmenistan have reviewed priorities for their\r\n\
                    2026 cooperation agenda, reaffirming a commitment to deepen\r\n\
                    bilateral ties across energy and transport. A second sentence\r\n\
                    ends here.\r\n\r\nNext paragraph.";
        let p = paragraphs(text, 0);
        assert_eq!(p.len(), 2, "{p:?}");
        let s = sentences(text, p[0]);
        assert_eq!(s.len(), 2);
        assert!(text[s[0].range()].ends_with("energy and transport."));
        assert_eq!(&text[p[1].range()], "Next paragraph.");
    }

    #[test]
    fn crlf_and_blank_lines() {
        let text = "One.\r\n\r\n\r\nTwo.\r\n \r\nThree.";
        let p = paragraphs(text, 0);
        let got: Vec<&str> = p.iter().map(|s| &text[s.range()]).collect();
        assert_eq!(got, vec!["One.", "Two.", "Three."]);
    }

    #[test]
    fn empty_and_whitespace_text() {
        assert!(paragraphs("", 0).is_empty());
        assert!(paragraphs(" \n\t\n", 0).is_empty());
        assert!(paragraphs("abc", 10).is_empty());
    }
}
