//! Sentences with their mentions highlighted.

use eframe::egui::{self, Color32, FontId, TextFormat, text::LayoutJob};

use crate::corpus::{Document, Span};

/// A text span to highlight, in document byte offsets, with its background.
#[derive(Clone, Copy, Debug)]
pub struct Highlight {
    /// Where.
    pub start: usize,
    /// Until.
    pub end: usize,
    /// Background colour.
    pub background: Color32,
}

/// A wrapped layout of `span` of `doc` with `highlights` drawn behind the named words.
pub fn highlighted(
    ui: &egui::Ui,
    doc: &Document,
    span: Span,
    highlights: &[Highlight],
) -> LayoutJob {
    let font = FontId::proportional(14.0);
    let text_color = ui.visuals().text_color();
    let strong_color = ui.visuals().strong_text_color();
    let plain = TextFormat {
        font_id: font.clone(),
        color: text_color,
        ..Default::default()
    };
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping::default(),
        ..Default::default()
    };
    let mut highlights: Vec<Highlight> = highlights.to_vec();
    highlights.sort_by_key(|h| h.start);
    let mut pos = span.start as usize;
    let end = span.end as usize;
    for h in highlights {
        if h.start < pos || h.end > end {
            continue;
        }
        job.append(
            squash(doc.text.get(pos..h.start).unwrap_or("")).as_str(),
            0.0,
            plain.clone(),
        );
        let format = TextFormat {
            font_id: font.clone(),
            color: strong_color,
            background: h.background,
            ..Default::default()
        };
        job.append(doc.text.get(h.start..h.end).unwrap_or(""), 0.0, format);
        pos = h.end;
    }
    job.append(
        squash(doc.text.get(pos..end).unwrap_or("")).as_str(),
        0.0,
        plain,
    );
    job
}

/// Line breaks inside a hard-wrapped sentence read as spaces.
fn squash(s: &str) -> String {
    s.replace("\r\n", " ").replace('\n', " ")
}

/// "1 mention", "3 mentions", "1 country", "2 countries".
pub fn count(n: impl Into<u64>, noun: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {noun}")
    } else if let Some(stem) = noun.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else {
        format!("{n} {noun}s")
    }
}

/// "3 mentions in 1 document".
pub fn mentions_in(mentions: u32, documents: u32) -> String {
    format!(
        "{} in {}",
        count(mentions, "mention"),
        count(documents, "document")
    )
}

/// "45 of 100 MB · 120 MB/s · 1 s left" for a load under way.
pub fn load_rate(p: crate::pipeline::Progress, elapsed: std::time::Duration) -> String {
    use std::fmt::Write as _;
    let mb = |b: u64| b as f64 / 1e6;
    let mut out = format!("{:.0} of ≈{:.0} MB", mb(p.bytes_done), mb(p.bytes_total));
    let seconds = elapsed.as_secs_f64();
    if seconds > 0.2 && p.bytes_done > 0 {
        let rate = mb(p.bytes_done) / seconds;
        let _ = write!(out, " · {rate:.0} MB/s");
        let left = mb(p.bytes_total.saturating_sub(p.bytes_done)) / rate.max(1e-9);
        if left >= 1.0 {
            let _ = write!(out, " · {left:.0} s left");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_rate_reads_well() {
        let p = crate::pipeline::Progress {
            files_done: 10,
            files_total: 40,
            bytes_done: 50_000_000,
            bytes_total: 200_000_000,
        };
        assert_eq!(
            load_rate(p, std::time::Duration::from_secs(1)),
            "50 of ≈200 MB · 50 MB/s · 3 s left"
        );
        assert_eq!(
            load_rate(p, std::time::Duration::from_millis(10)),
            "50 of ≈200 MB",
            "no rate before there is one"
        );
        assert_eq!(count(1u64, "country"), "1 country");
        assert_eq!(count(2u64, "country"), "2 countries");
    }
}
