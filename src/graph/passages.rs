//! The sentences behind a country, corridor or link: what the side panel lists and the evidence
//! export quotes.

use std::collections::BTreeMap;

use super::Analysis;
use crate::corpus::{Document, Span};
use crate::extract::Mention;
use crate::gazetteer::EntityId;

/// One document's part of the evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passages {
    /// Index of the document.
    pub doc: u32,
    /// How often the entity is named in it (for one entity; `None` for a link).
    pub mentions: Option<u32>,
    /// The sentences quoted, in text order.
    pub sentences: Vec<u32>,
}

/// The documents naming `entity` (among those `analysis` counts), each with the sentences
/// naming it.
pub fn of_entity(
    documents: &[Document],
    mentions: &[Vec<Mention>],
    analysis: &Analysis,
    entity: EntityId,
) -> Vec<Passages> {
    let mut out = Vec::new();
    for (d, (doc, mentions)) in documents.iter().zip(mentions).enumerate() {
        if !analysis.params.counts(doc) {
            continue;
        }
        let mut sentences: Vec<u32> = Vec::new();
        let mut n = 0;
        for m in mentions.iter().filter(|m| m.entity == entity) {
            n += 1;
            if sentences.last() != Some(&m.sentence) {
                sentences.push(m.sentence);
            }
        }
        if n > 0 {
            out.push(Passages {
                doc: d as u32,
                mentions: Some(n),
                sentences,
            });
        }
    }
    out
}

/// The evidence of the link `a`–`b` by document: inside each window naming both, the
/// sentences naming either.
pub fn of_link(
    mentions: &[Vec<Mention>],
    analysis: &Analysis,
    a: EntityId,
    b: EntityId,
) -> Vec<Passages> {
    let Some(link) = analysis.link(a, b) else {
        return Vec::new();
    };
    let mut by_doc: BTreeMap<u32, Vec<Span>> = BTreeMap::new();
    for ev in &link.evidence {
        by_doc.entry(ev.doc).or_default().push(ev.span);
    }
    let mut out = Vec::new();
    for (doc, spans) in by_doc {
        let Some(mentions) = mentions.get(doc as usize) else {
            continue;
        };
        let mut shown: Vec<u32> = Vec::new();
        for span in spans {
            for m in mentions.iter().filter(|m| {
                (m.entity == a || m.entity == b) && span.start <= m.start && m.end <= span.end
            }) {
                if !shown.contains(&m.sentence) {
                    shown.push(m.sentence);
                }
            }
        }
        shown.sort_unstable();
        out.push(Passages {
            doc,
            mentions: None,
            sentences: shown,
        });
    }
    out
}
