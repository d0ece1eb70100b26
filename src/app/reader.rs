//! The reader: a whole article, every mention highlighted and clickable, scrolled to the sentence
//! the user came from.

use eframe::egui::{self, Color32, FontId, TextFormat, text::LayoutJob};

use super::evidence::citation;
use super::{Command, Model};
use crate::corpus::Document;
use crate::extract::Mention;
use crate::gazetteer::{EntityId, EntityKind};
use crate::scene::Pick;

/// Articles longer than this are shown around the sentence, not whole: laying out megabytes of
/// text would stall the window.
const MAX_SHOWN_BYTES: usize = 200_000;

/// An open article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reader {
    /// Index of the document.
    pub doc: u32,
    /// The sentence to show and mark, if any.
    pub sentence: Option<u32>,
    /// Whether the view still has to scroll to the sentence.
    pub scroll_pending: bool,
    /// Whether a web page's blocks left out of the count (menus, lists of links, captions) are
    /// shown, dimmed, where they stood.
    pub show_left_out: bool,
}

impl Reader {
    /// Opens `doc` at `sentence`.
    pub fn new(doc: u32, sentence: Option<u32>) -> Self {
        Self {
            doc,
            sentence,
            scroll_pending: true,
            show_left_out: true,
        }
    }
}

/// Draws the reader window; returns false when the user closed it.
pub fn reader_ui(
    ctx: &egui::Context,
    reader: &mut Reader,
    model: &Model,
    selection: Option<Pick>,
    commands: &mut Vec<Command>,
) -> bool {
    let (Some(doc), Some(mentions)) = (
        model.dataset.documents.get(reader.doc as usize),
        model.dataset.mentions.get(reader.doc as usize),
    ) else {
        return false;
    };
    let mut open = true;
    egui::Window::new("Reader")
        .id(egui::Id::unique("reader"))
        .open(&mut open)
        .default_size([560.0, 620.0])
        .default_pos([260.0, 90.0])
        .vscroll(false)
        .show(ctx, |ui| {
            ui.heading(&doc.title);
            let date = doc
                .date
                .map_or_else(|| "undated".to_owned(), |d| d.to_string());
            ui.weak(format!("{date} · {}", doc.id));
            ui.horizontal(|ui| {
                if let Some(s) = reader.sentence
                    && ui
                        .button("Copy sentence with citation")
                        .on_hover_text("The sentence, the article's title, date and file")
                        .clicked()
                {
                    ui.ctx().copy_text(citation(doc, s));
                    commands.push(Command::Notice(
                        "Copied the sentence with its citation".into(),
                    ));
                }
                match &doc.source {
                    Some(url) if crate::corpus::is_web_address(url) => {
                        ui.hyperlink_to("Original", url).on_hover_text(url);
                    }
                    Some(source) => {
                        ui.weak(source);
                    }
                    None => {}
                }
                if let Some(byline) = &doc.byline {
                    ui.weak(format!("by {byline}"));
                }
                if let Some(path) = &doc.path {
                    ui.weak(path.display().to_string());
                }
            });
            if model.dataset.atlas.is_some() {
                ui.label(
                    "A passage sampled in the atlas: the article's whole text is not in it \
                     (follow Original, where there is one, to read it).",
                );
            }
            ui.horizontal(|ui| {
                ui.weak("Click a highlighted name to select it.");
                if !doc.left_out.is_empty() {
                    ui.checkbox(&mut reader.show_left_out, "Show what was left out")
                        .on_hover_text(
                            "The page's menus, lists of links, captions and other blocks that \
                             are not the article: shown dimmed where they stood, never counted",
                        );
                }
            });
            ui.separator();
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    article_ui(ui, reader, model, doc, mentions, selection, commands);
                });
        });
    open
}

fn article_ui(
    ui: &mut egui::Ui,
    reader: &mut Reader,
    model: &Model,
    doc: &Document,
    mentions: &[Mention],
    selection: Option<Pick>,
    commands: &mut Vec<Command>,
) {
    let focus = reader
        .sentence
        .and_then(|s| doc.sentences.get(s as usize))
        .map(|s| s.span.range());
    let shown = shown_range(doc, focus.clone());
    if shown.len() < doc.text.len() {
        ui.weak(format!(
            "A long article: showing {} KB of {} KB around the sentence.",
            shown.len() / 1024,
            doc.text.len() / 1024
        ));
    }
    let selected: Vec<EntityId> = match selection {
        Some(Pick::Country(c) | Pick::Corridor(c)) => vec![c],
        Some(Pick::Link(a, b)) => vec![a, b],
        None => Vec::new(),
    };
    let job = article_job(
        ui,
        model,
        doc,
        mentions,
        shown.clone(),
        focus.as_ref(),
        &selected,
        reader.show_left_out,
    );
    let (job, inserted) = job;
    let display = job.text.clone();
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let (rect, response) = ui.allocate_exact_size(galley.size(), egui::Sense::click());
    // Screen readers read the article as one text.
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, display.as_str()));
    ui.painter()
        .galley(rect.min, galley.clone(), ui.visuals().text_color());
    let under = |pos: egui::Pos2| {
        let byte = char_under(&galley, rect, pos)
            .and_then(|k| display.char_indices().nth(k))
            .and_then(|(b, _)| doc_byte(&inserted, shown.start, b))?;
        let byte = u32::try_from(byte).ok()?;
        mentions.iter().find(|m| m.start <= byte && byte < m.end)
    };
    if let Some(pos) = response.hover_pos()
        && let Some(m) = under(pos)
    {
        ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
        response.clone().on_hover_text(format!(
            "{}\nClick to select {}",
            super::side_panel::explain(model, doc, m),
            model.name(m.entity)
        ));
    }
    if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
        && let Some(m) = under(pos)
    {
        let pick = match model.gazetteer.entity(m.entity).kind {
            EntityKind::Country => Some(Pick::Country(m.entity)),
            EntityKind::Corridor => Some(Pick::Corridor(m.entity)),
            EntityKind::Region | EntityKind::Organisation => None,
        };
        if let Some(pick) = pick {
            commands.push(Command::Select(Some(pick)));
        }
    }
    if reader.scroll_pending {
        reader.scroll_pending = false;
        if let Some(focus) = focus {
            let before = inserted
                .iter()
                .filter(|i| i.doc_at <= focus.start)
                .map(|i| i.len)
                .sum::<usize>();
            let chars = display
                .get(..focus.start.saturating_sub(shown.start) + before)
                .map_or(0, |s| s.chars().count());
            let at = galley
                .pos_from_cursor(egui::text::CCursor::new(chars))
                .translate(rect.min.to_vec2());
            ui.scroll_to_rect(at, Some(egui::Align::Center));
        }
    }
}

/// The part of the text to show: all of it, or about [`MAX_SHOWN_BYTES`] around the focus when
/// it is long — whole paragraphs when they fit, else whole sentences, else character boundaries.
fn shown_range(doc: &Document, focus: Option<std::ops::Range<usize>>) -> std::ops::Range<usize> {
    let len = doc.text.len();
    if len <= MAX_SHOWN_BYTES {
        return 0..len;
    }
    let centre = focus.map_or(0, |f| f.start);
    let start = centre.saturating_sub(MAX_SHOWN_BYTES / 2);
    let end = (start + MAX_SHOWN_BYTES).min(len);
    let snap = |spans: &mut dyn Iterator<Item = crate::corpus::Span>| {
        let spans: Vec<_> = spans.collect();
        let s = spans
            .iter()
            .map(|p| p.start as usize)
            .filter(|&s| s <= start)
            .max()
            .unwrap_or(0);
        let e = spans
            .iter()
            .map(|p| p.end as usize)
            .filter(|&e| e >= end)
            .min()
            .unwrap_or(len);
        (e - s <= 2 * MAX_SHOWN_BYTES).then_some((s, e))
    };
    let (start, end) = snap(&mut doc.paragraphs.iter().copied())
        .or_else(|| snap(&mut doc.sentences.iter().map(|s| s.span)))
        .unwrap_or((start, end));
    let mut start = start.min(len);
    while !doc.text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = end.min(len);
    while !doc.text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// A left-out block put into the shown text: where it went in the document's text and in the
/// shown text, and how many bytes it took there.
struct Inserted {
    doc_at: usize,
    display_start: usize,
    len: usize,
}

/// The text of `range` with every mention highlighted (the selection's entities in their
/// colours), the focused sentence shaded, and what is not counted (the header, notices and
/// captions, and with `left_out` a web page's blocks left out of the article) dimmed. Single
/// line breaks (hard-wrapped text) read as spaces; blank lines stay. Every replacement keeps byte
/// length, so offsets map one to one outside the inserted blocks, which are returned.
#[expect(
    clippy::too_many_arguments,
    reason = "the pieces of one layout; a struct would only rename them"
)]
fn article_job(
    ui: &egui::Ui,
    model: &Model,
    doc: &Document,
    mentions: &[Mention],
    range: std::ops::Range<usize>,
    focus: Option<&std::ops::Range<usize>>,
    selected: &[EntityId],
    left_out: bool,
) -> (LayoutJob, Vec<Inserted>) {
    let [mark_a, mark_b, corridor_mark, region_mark] = super::side_panel::marks(ui);
    let country_mark = if ui.visuals().dark_mode {
        Color32::from_rgb(0x45, 0x3a, 0x5c)
    } else {
        Color32::from_rgb(0xe4, 0xdc, 0xf3)
    };
    let focus_bg = ui.visuals().selection.bg_fill.gamma_multiply(0.25);
    let font = FontId::proportional(15.0);
    let text = display_text(doc.text.get(range.clone()).unwrap_or(""));
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping::default(),
        ..Default::default()
    };
    job.wrap.max_width = ui.available_width();
    let content_start = doc.content_start as usize;
    let not_counted: Vec<std::ops::Range<usize>> = doc
        .sentences
        .iter()
        .filter(|s| s.boilerplate)
        .map(|s| s.span.range())
        .filter(|r| r.end > range.start && r.start < range.end)
        .collect();
    let blocks: Vec<&crate::corpus::LeftOut> = if left_out {
        doc.left_out
            .iter()
            .filter(|b| range.start <= b.at && b.at <= range.end)
            .collect()
    } else {
        Vec::new()
    };
    let mut left = LeftOutInserter::new(ui, blocks.clone(), doc.text.len());
    let format = |bg: Color32, strong: bool, header: bool| TextFormat {
        font_id: font.clone(),
        color: if header {
            ui.visuals().weak_text_color()
        } else if strong {
            ui.visuals().strong_text_color()
        } else {
            ui.visuals().text_color()
        },
        background: bg,
        line_height: Some(22.0),
        ..Default::default()
    };
    let inside: Vec<&Mention> = mentions
        .iter()
        .filter(|m| range.start <= m.start as usize && (m.end as usize) <= range.end)
        .collect();
    let cuts = cut_points(&range, content_start, &inside, focus, &not_counted, &blocks);
    let mut next_mention = 0;
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        while next_mention < inside.len() && (inside[next_mention].end as usize) <= a {
            next_mention += 1;
        }
        let mention = inside
            .get(next_mention)
            .filter(|m| m.start as usize <= a && b <= m.end as usize);
        let in_focus = focus.as_ref().is_some_and(|f| f.start <= a && b <= f.end);
        let background = match mention {
            Some(m) => match selected.iter().position(|e| *e == m.entity) {
                Some(0) => mark_a,
                Some(_) => mark_b,
                None => match model.gazetteer.entity(m.entity).kind {
                    EntityKind::Country => country_mark,
                    EntityKind::Corridor => corridor_mark,
                    EntityKind::Region | EntityKind::Organisation => region_mark,
                },
            },
            None if in_focus => focus_bg,
            None => Color32::TRANSPARENT,
        };
        left.insert(&mut job, a);
        let piece = text.get(a - range.start..b - range.start).unwrap_or("");
        let dimmed = b <= content_start || not_counted.iter().any(|r| r.start <= a && b <= r.end);
        job.append(piece, 0.0, format(background, mention.is_some(), dimmed));
    }
    left.insert(&mut job, range.end);
    (job, left.inserted)
}

/// Where the article's text changes format: the range's ends, where the content starts, mention
/// edges, focus edges, boilerplate edges and the places of left-out blocks; sorted, once each.
fn cut_points(
    range: &std::ops::Range<usize>,
    content_start: usize,
    inside: &[&Mention],
    focus: Option<&std::ops::Range<usize>>,
    not_counted: &[std::ops::Range<usize>],
    blocks: &[&crate::corpus::LeftOut],
) -> Vec<usize> {
    let clamp = |at: usize| at.clamp(range.start, range.end);
    let mut cuts: Vec<usize> = vec![range.start, range.end, clamp(content_start)];
    for m in inside {
        cuts.push(m.start as usize);
        cuts.push(m.end as usize);
    }
    if let Some(f) = focus {
        cuts.push(clamp(f.start));
        cuts.push(clamp(f.end));
    }
    for r in not_counted {
        cuts.push(clamp(r.start));
        cuts.push(clamp(r.end));
    }
    // A block stands before the paragraph that follows it: after the blank line.
    cuts.extend(blocks.iter().map(|b| b.at));
    cuts.sort_unstable();
    cuts.dedup();
    cuts
}

/// Appends the left-out blocks that stood at a place as dimmed paragraphs: a run of blocks left
/// out for one reason (the items of a menu) as one paragraph, its reason said once.
struct LeftOutInserter<'a> {
    blocks: Vec<&'a crate::corpus::LeftOut>,
    next: usize,
    /// The document's length: blocks at its end come after the last paragraph.
    end: usize,
    left_format: TextFormat,
    why_format: TextFormat,
    /// Where the blocks went in the displayed text.
    inserted: Vec<Inserted>,
}

impl<'a> LeftOutInserter<'a> {
    fn new(ui: &egui::Ui, blocks: Vec<&'a crate::corpus::LeftOut>, end: usize) -> Self {
        Self {
            blocks,
            next: 0,
            end,
            left_format: TextFormat {
                font_id: FontId::proportional(13.0),
                color: ui.visuals().weak_text_color(),
                line_height: Some(20.0),
                ..Default::default()
            },
            why_format: TextFormat {
                font_id: FontId::proportional(11.0),
                color: ui.visuals().weak_text_color(),
                italics: true,
                line_height: Some(20.0),
                ..Default::default()
            },
            inserted: Vec::new(),
        }
    }

    /// Appends the blocks that stood at or before `at` and are not in yet.
    fn insert(&mut self, job: &mut LayoutJob, at: usize) {
        while let Some(first) = self.blocks.get(self.next).filter(|b| b.at <= at) {
            let run = self.blocks[self.next..]
                .iter()
                .take_while(|b| b.at == first.at && b.why == first.why)
                .count();
            let items: Vec<&str> = self.blocks[self.next..self.next + run]
                .iter()
                .map(|b| b.text.as_str())
                .collect();
            self.next += run;
            let display_start = job.text.len();
            // Blocks stand before a paragraph (after its blank line), or after the last one.
            let at_end = at >= self.end;
            let lead = if at_end && display_start > 0 {
                "\n\n"
            } else {
                ""
            };
            let tail = if at_end { "" } else { "\n\n" };
            job.append(
                &format!("{lead}left out: {} · ", first.why),
                0.0,
                self.why_format.clone(),
            );
            job.append(
                &format!("{}{tail}", items.join(" · ")),
                0.0,
                self.left_format.clone(),
            );
            self.inserted.push(Inserted {
                doc_at: at,
                display_start,
                len: job.text.len() - display_start,
            });
        }
    }
}

/// A byte of the shown text as the document's byte (`None` inside a left-out block).
fn doc_byte(inserted: &[Inserted], shown_start: usize, byte: usize) -> Option<usize> {
    let mut shift = 0;
    for ins in inserted {
        if byte < ins.display_start {
            break;
        }
        if byte < ins.display_start + ins.len {
            return None;
        }
        shift += ins.len;
    }
    Some(byte - shift + shown_start)
}

/// The character under the pointer, if any: the one whose glyph holds the pointer (the cursor
/// rounds to the nearest edge, so the one before it is tried too).
fn char_under(galley: &egui::Galley, rect: egui::Rect, pos: egui::Pos2) -> Option<usize> {
    let local = pos - rect.min;
    let nearest = galley.cursor_from_pos(local).index.0;
    let glyph = |k: usize| {
        let left = galley.pos_from_cursor(egui::text::CCursor::new(k));
        let right = galley.pos_from_cursor(egui::text::CCursor::new(k + 1));
        ((left.top() - right.top()).abs() < 0.5
            && left.left() <= local.x
            && local.x < right.left()
            && left.top() <= local.y
            && local.y < left.bottom())
        .then_some(k)
    };
    glyph(nearest).or_else(|| nearest.checked_sub(1).and_then(glyph))
}

/// Line breaks inside paragraphs become spaces and carriage returns vanish into spaces, byte for
/// byte; blank lines stay as they are.
fn display_text(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        match c {
            '\r' => out.push(' '),
            '\n' => {
                let blank_before = i > 0
                    && matches!(bytes[i - 1], b'\n' | b'\r')
                    && (i < 2 || bytes[i - 2] == b'\n' || bytes[i - 1] == b'\n');
                let blank_after = matches!(bytes.get(i + 1), Some(b'\n' | b'\r'));
                if blank_before || blank_after {
                    out.push('\n');
                } else {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::display_text;

    #[test]
    fn a_long_article_is_cut_around_the_sentence_on_boundaries() {
        // One paragraph of 600 KB: paragraphs cannot bound it, sentences can.
        let sentence = "Türkiye and Georgia signed a long accord on transit. ";
        let text = sentence.repeat(600_000 / sentence.len());
        let doc = crate::corpus::Document::from_text("long.txt".into(), None, text.clone(), 1);
        let focus = doc.sentences[5_000].span.range();
        let shown = super::shown_range(&doc, Some(focus.clone()));
        assert!(shown.len() <= 2 * super::MAX_SHOWN_BYTES, "{}", shown.len());
        assert!(shown.start <= focus.start && focus.end <= shown.end);
        assert!(text.get(shown.clone()).is_some(), "character boundaries");
        assert!(text[shown].starts_with("Türkiye"), "starts on a sentence");
    }

    #[test]
    fn hard_wraps_read_as_spaces_and_paragraphs_stay() {
        let text = "One line\nwrapped.\n\nNext para.\r\n\r\nLast.";
        let shown = display_text(text);
        assert_eq!(shown.len(), text.len());
        assert_eq!(shown, "One line wrapped.\n\nNext para. \n \nLast.");
    }
}
