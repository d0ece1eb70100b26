//! The evidence of a selection as Markdown: the passages quoted with the names in bold, each
//! document cited in a numbered note with its file, date and address.

use std::io::Write;

use crate::corpus::Document;
use crate::extract::Mention;
use crate::gazetteer::{EntityId, Gazetteer};
use crate::graph::{Analysis, passages};
use crate::pipeline::Dataset;

/// Markdown's own characters in article text, escaped so they stay text.
fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            // A passage is one quoted paragraph.
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// One sentence of `doc` with the mentions of `marked` in bold.
fn passage(doc: &Document, mentions: &[Mention], sentence: u32, marked: &[EntityId]) -> String {
    let Some(s) = doc.sentences.get(sentence as usize) else {
        return String::new();
    };
    let (start, end) = (s.span.start as usize, s.span.end as usize);
    let Some(text) = doc.text.get(start..end) else {
        return String::new();
    };
    let mut out = String::new();
    let mut at = start;
    for m in mentions
        .iter()
        .filter(|m| m.sentence == sentence && marked.contains(&m.entity))
    {
        let (m_start, m_end) = (m.start as usize, m.end as usize);
        if m_start < at || m_end > end {
            continue;
        }
        let (Some(before), Some(name)) = (doc.text.get(at..m_start), doc.text.get(m_start..m_end))
        else {
            continue;
        };
        out.push_str(&escaped(before));
        out.push_str("**");
        out.push_str(&escaped(name));
        out.push_str("**");
        at = m_end;
    }
    out.push_str(&escaped(doc.text.get(at..end).unwrap_or(text)));
    out.trim().to_owned()
}

/// Writes `heading` and `summary`, then each document of `passages` (document index and the
/// sentences quoted from it, in the order given) with its sentences quoted, the names of
/// `marked` in bold, and a numbered citation of the document at the end.
pub fn write_evidence(
    out: &mut dyn Write,
    heading: &str,
    summary: &str,
    dataset: &Dataset,
    passages: &[(u32, Vec<u32>)],
    marked: &[EntityId],
) -> std::io::Result<()> {
    writeln!(out, "# {}\n", escaped(heading))?;
    writeln!(out, "{}\n", escaped(summary))?;
    let mut notes = Vec::new();
    for (doc, sentences) in passages {
        let (Some(d), Some(mentions)) = (
            dataset.documents.get(*doc as usize),
            dataset.mentions.get(*doc as usize),
        ) else {
            continue;
        };
        notes.push(d);
        let n = notes.len();
        let title = if d.title.trim().is_empty() {
            d.id.as_str()
        } else {
            d.title.trim()
        };
        let date = d.date.map(|date| format!(" ({date})")).unwrap_or_default();
        writeln!(out, "## {}{date} [^{n}]\n", escaped(title))?;
        for &s in sentences {
            let text = passage(d, mentions, s, marked);
            if !text.is_empty() {
                writeln!(out, "> {text}\n")?;
            }
        }
    }
    for (i, d) in notes.iter().enumerate() {
        write!(out, "[^{}]: {}", i + 1, escaped(&d.id))?;
        if let Some(path) = &d.path {
            write!(out, " ({})", escaped(&path.display().to_string()))?;
        }
        if let Some(date) = d.date {
            write!(out, ", {date}")?;
        }
        match &d.source {
            Some(url) if crate::corpus::is_web_address(url) => {
                write!(out, ", <{}>", url.replace(['<', '>', ' '], ""))?;
            }
            Some(source) => write!(out, ", {}", escaped(source))?,
            None => {}
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Writes the evidence of a selection — one country or corridor, or two countries (their link)
/// — as [`write_evidence`] does, under a heading naming it and a line saying what was counted.
/// The dataset's texts must be in memory.
pub fn write_selection(
    out: &mut dyn Write,
    gazetteer: &Gazetteer,
    dataset: &Dataset,
    analysis: &Analysis,
    selection: &[EntityId],
) -> std::io::Result<()> {
    let version = env!("CARGO_PKG_VERSION");
    let name = |k: EntityId| gazetteer.entity(k).name.as_str();
    let found = match selection {
        [a, b] => passages::of_link(&dataset.mentions, analysis, *a, *b),
        [k] => passages::of_entity(&dataset.documents, &dataset.mentions, analysis, *k),
        _ => Vec::new(),
    };
    let documents = found.len();
    let (heading, summary) = match selection {
        [a, b] => (
            format!("{} — {}", name(*a), name(*b)),
            format!(
                "{} {} windows in {documents} documents name both (Corridor Atlas {version}).",
                analysis.link(*a, *b).map_or(0, |l| l.weight),
                analysis.params.window.as_str()
            ),
        ),
        _ => (
            selection
                .iter()
                .map(|k| name(*k))
                .collect::<Vec<_>>()
                .join(", "),
            format!(
                "Named {} times in {documents} documents (Corridor Atlas {version}).",
                found.iter().filter_map(|p| p.mentions).sum::<u32>()
            ),
        ),
    };
    let quoted: Vec<(u32, Vec<u32>)> = found.into_iter().map(|p| (p.doc, p.sentences)).collect();
    write_evidence(out, &heading, &summary, dataset, &quoted, selection)
}

#[cfg(test)]
mod tests {
    use super::escaped;

    #[test]
    fn article_text_stays_text() {
        assert_eq!(
            escaped("5*3 = [x]_1 <b>\n# `y`|z\\"),
            "5\\*3 = \\[x\\]\\_1 \\<b\\> \\# \\`y\\`\\|z\\\\"
        );
        assert_eq!(escaped("Türkiye – Azərbaycan"), "Türkiye – Azərbaycan");
    }
}
