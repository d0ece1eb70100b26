//! A page's text as it is read, block by block: what is counted as the article and what is left
//! out, and why.

use super::{LeftOut, Why};
use crate::corpus::meta::one_line;

/// The page's blocks as they are read: the counted text, and the blocks left out where they
/// stood. Text of an inline element left out inside a counted block (a share link in a
/// paragraph) becomes a left-out block of its own after it.
#[derive(Default)]
pub(super) struct Blocks {
    /// Every block in reading order, with why it is left out if it is.
    all: Vec<(String, Option<Why>)>,
    current: String,
    current_left: String,
    current_why: Option<Why>,
}

/// Characters from which a paragraph outside the article's element, standing between the
/// headline and the article's end (a lead, a summary, a paragraph in its own wrapper), is
/// counted with the article: shorter ones there are datelines, bylines, captions and credits.
const LEAD_CHARS: usize = 100;

/// How many blocks before the first counted one a long paragraph outside the article's element
/// may stand and still be its lead.
const LEAD_BEFORE: usize = 2;

impl Blocks {
    /// Adds text to the current block, counted or left out.
    pub(super) fn push(&mut self, text: &str, why: Option<Why>) {
        match why {
            None => self.current.push_str(text),
            Some(why) => {
                if self.current_why.is_some_and(|w| w != why) {
                    self.flush_left();
                }
                self.current_why = Some(why);
                self.current_left.push_str(text);
            }
        }
    }

    /// Ends the current block.
    pub(super) fn flush(&mut self) {
        let counted = one_line(&self.current);
        self.current.clear();
        if !counted.is_empty() {
            self.all.push((counted, None));
        }
        self.flush_left();
    }

    fn flush_left(&mut self) {
        let text = one_line(&self.current_left);
        self.current_left.clear();
        if let Some(why) = self.current_why.take()
            && !text.is_empty()
        {
            self.all.push((text, Some(why)));
        }
    }

    /// The counted text and the blocks left out. Long paragraphs outside the article's element
    /// but between counted blocks join the article (see [`LEAD_CHARS`]).
    pub(super) fn finish(mut self) -> (String, Vec<LeftOut>) {
        self.flush();
        let first = self.all.iter().position(|(_, why)| why.is_none());
        let last = self.all.iter().rposition(|(_, why)| why.is_none());
        for (i, (block, why)) in self.all.iter_mut().enumerate() {
            // Between the headline and the article's end, or just before the first counted
            // block (a lead set above the headline).
            let near = first.is_some_and(|f| i < f && f - i <= LEAD_BEFORE)
                || (first.is_some_and(|f| f < i) && last.is_some_and(|l| i < l));
            if *why == Some(Why::OutsideArticle) && near && block.chars().count() >= LEAD_CHARS {
                *why = None;
            }
        }
        // A sentence standing next to the article's text (a standfirst, a paragraph set apart
        // in a box of its own) joins it.
        let counted: Vec<usize> = (0..self.all.len())
            .filter(|&i| self.all[i].1.is_none())
            .collect();
        for (i, (block, why)) in self.all.iter_mut().enumerate() {
            let next_to = counted
                .binary_search(&i)
                .err()
                .is_some_and(|k| k > 0 && k < counted.len())
                && counted.iter().any(|&c| c.abs_diff(i) <= SENTENCE_NEAR);
            if *why == Some(Why::OutsideArticle)
                && next_to
                && ends_sentence(block)
                && block.chars().count() >= SENTENCE_CHARS
            {
                *why = None;
            }
        }
        // Headings of what is left out go with it (several short lines before it, too); the
        // page's first counted line (its headline, often followed by a left-out byline) stays.
        let first = self.all.iter().position(|(_, why)| why.is_none());
        for i in (0..self.all.len().saturating_sub(1)).rev() {
            if self.all[i + 1].1.is_some()
                && self.all[i].1.is_none()
                && Some(i) != first
                && is_heading_like(&self.all[i].0)
            {
                self.all[i].1 = Some(Why::Heading);
            }
        }
        // A left-out block stands where the next counted block starts (after its blank line),
        // or at the end.
        let mut text = String::new();
        let mut left_out: Vec<LeftOut> = Vec::new();
        let mut placed = 0;
        for (block, why) in self.all {
            match why {
                None => {
                    if !text.is_empty() {
                        text.push_str("\n\n");
                    }
                    for waiting in &mut left_out[placed..] {
                        waiting.at = text.len();
                    }
                    placed = left_out.len();
                    text.push_str(&nfc(block));
                }
                Some(why) => left_out.push(LeftOut {
                    at: 0,
                    text: nfc(block),
                    why,
                }),
            }
        }
        for waiting in &mut left_out[placed..] {
            waiting.at = text.len();
        }
        (text, left_out)
    }
}

/// Characters from which a sentence outside the article's element, between its counted blocks
/// and at most [`SENTENCE_NEAR`] blocks from one, counts with them.
const SENTENCE_CHARS: usize = 70;
const SENTENCE_NEAR: usize = 2;

/// Whether a block ends as a sentence ends (after any closing quotes or brackets).
fn ends_sentence(block: &str) -> bool {
    block
        .trim_end_matches(['"', '”', '»', ')', '’', ' '])
        .ends_with(['.', '!', '?', '…'])
}

/// Characters below which a line that does not end a sentence reads as a heading.
const HEADING_CHARS: usize = 60;

/// Whether a block reads as a heading or label rather than prose: short, with no sentence end.
fn is_heading_like(block: &str) -> bool {
    block.chars().count() < HEADING_CHARS && !ends_sentence(block)
}

/// Decomposed letters ("e" + combining acute) as one, so names match however they were typed.
pub(super) fn nfc(text: String) -> String {
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        text
    } else {
        unicode_normalization::UnicodeNormalization::nfc(text.as_str()).collect()
    }
}
