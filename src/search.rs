//! The search box's two halves: entities by any of their names (any language, forgiving typos)
//! and sentences of the corpus containing a phrase.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rayon::prelude::*;

use crate::corpus::{Document, Span};
use crate::gazetteer::{EntityId, EntityKind, Gazetteer, search_key};

/// An entity found by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameHit {
    /// The entity.
    pub entity: EntityId,
    /// The name that matched, as the gazetteer spells it.
    pub form: String,
    /// Typos between the query and the name (0 = exact or a prefix).
    pub distance: u32,
}

/// Every name of every country and corridor, folded for loose comparison.
pub struct NameIndex {
    names: Vec<(String, EntityId, u32)>,
}

impl NameIndex {
    /// Indexes the names of the gazetteer's countries and corridors.
    pub fn new(gazetteer: &Gazetteer) -> Self {
        let mut names: Vec<(String, EntityId, u32)> = Vec::new();
        for e in gazetteer.entities() {
            if matches!(e.kind, EntityKind::Country | EntityKind::Corridor)
                && let Some(id) = gazetteer.by_code(&e.code)
            {
                names.push((search_key(&e.name), id, u32::MAX));
            }
        }
        for (i, f) in gazetteer.forms().iter().enumerate() {
            if f.blocks
                || !matches!(
                    gazetteer.entity(f.entity).kind,
                    EntityKind::Country | EntityKind::Corridor
                )
            {
                continue;
            }
            names.push((search_key(&f.text), f.entity, i as u32));
        }
        names.sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
        names.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        Self { names }
    }

    /// The entities whose names best match `query`: exact names first, then names starting
    /// with it; only when neither exists, the names closest to it within one typo (two for
    /// queries of eight letters or more). At most `limit`, one hit per entity.
    pub fn find(&self, gazetteer: &Gazetteer, query: &str, limit: usize) -> Vec<NameHit> {
        let q = search_key(query.trim());
        let q_chars: Vec<char> = q.chars().collect();
        if q_chars.is_empty() {
            return Vec::new();
        }
        let allowed = match q_chars.len() {
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        // (rank, distance, name length, entity) — lower is better.
        let mut best: std::collections::HashMap<EntityId, (u32, u32, usize, usize)> =
            std::collections::HashMap::new();
        for (i, (name, entity, _)) in self.names.iter().enumerate() {
            let rank_distance = if *name == q {
                Some((0, 0))
            } else if name.starts_with(&q) {
                Some((1, 0))
            } else if allowed > 0 {
                let n_chars: Vec<char> = name.chars().collect();
                // A typo anywhere in the name, or in the part typed so far.
                let whole = edit_distance(&q_chars, &n_chars, allowed);
                let prefix = if n_chars.len() > q_chars.len() {
                    edit_distance(&q_chars, &n_chars[..q_chars.len()], allowed)
                } else {
                    None
                };
                match (whole, prefix) {
                    (Some(d), _) => Some((2, d)),
                    (None, Some(d)) => Some((3, d)),
                    (None, None) => None,
                }
            } else {
                None
            };
            let Some((rank, distance)) = rank_distance else {
                continue;
            };
            let key = (rank, distance, name.chars().count(), i);
            best.entry(*entity)
                .and_modify(|k| *k = (*k).min(key))
                .or_insert(key);
        }
        // Typos only when nothing closer matched: "Tajikstan" is Tajikistan, not Kazajistán.
        let closest = best.values().map(|k| k.1).min().unwrap_or(0);
        let mut hits: Vec<_> = best.into_iter().filter(|(_, k)| k.1 <= closest).collect();
        hits.sort_by_key(|(entity, (rank, distance, len, _))| {
            (
                *rank,
                *distance,
                gazetteer.entity(*entity).kind != EntityKind::Country,
                *len,
                *entity,
            )
        });
        hits.into_iter()
            .take(limit)
            .map(|(entity, (_, distance, _, i))| {
                let form = self.names[i].2;
                let spelled = match gazetteer.forms().get(form as usize) {
                    Some(f) => f.source_spelling.clone().unwrap_or_else(|| f.text.clone()),
                    None => gazetteer.entity(entity).name.clone(),
                };
                NameHit {
                    entity,
                    form: spelled,
                    distance,
                }
            })
            .collect()
    }
}

/// Optimal string alignment distance (Levenshtein with transpositions) when it is at most
/// `max`.
fn edit_distance(a: &[char], b: &[char], max: u32) -> Option<u32> {
    if a.len().abs_diff(b.len()) > max as usize {
        return None;
    }
    let width = b.len() + 1;
    let mut rows = vec![vec![0u32; width]; 3];
    // Row 0 is the empty prefix of `a`: turning it into b[..j] takes j insertions.
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j as u32;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i as u32;
        let mut row_min = rows[cur][0];
        for j in 1..width {
            let cost = u32::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = d;
            row_min = row_min.min(d);
        }
        if row_min > max {
            return None;
        }
    }
    let d = rows[a.len() % 3][b.len()];
    (d <= max).then_some(d)
}

/// A sentence containing the searched phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextHit {
    /// Index of the document.
    pub doc: u32,
    /// Index of the sentence in the document.
    pub sentence: u32,
    /// Where the phrase is (first occurrence in the sentence).
    pub span: Span,
}

/// The sentences found, in corpus order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextHits {
    /// The first hits, up to the limit asked for.
    pub hits: Vec<TextHit>,
    /// Every sentence containing the phrase.
    pub total: usize,
}

/// Finds the sentences of `documents` containing `phrase`, ignoring case; keeps the first
/// `limit` and counts the rest. Phrases shorter than two characters find nothing.
pub fn find_text(documents: &[Document], phrase: &str, limit: usize) -> TextHits {
    let phrase = phrase.trim();
    if phrase.chars().count() < 2 {
        return TextHits::default();
    }
    let Some(matcher) = phrase_matcher(phrase) else {
        return TextHits::default();
    };
    let per_doc: Vec<(Vec<TextHit>, usize)> = documents
        .par_iter()
        .enumerate()
        .map(|(d, doc)| {
            let mut hits: Vec<TextHit> = Vec::new();
            let mut count = 0;
            let mut last_sentence = None;
            for m in matcher.find_iter(doc.text.as_str()) {
                let Some(s) = doc.sentence_at(m.start() as u32) else {
                    continue;
                };
                if last_sentence == Some(s) {
                    continue;
                }
                last_sentence = Some(s);
                count += 1;
                if hits.len() < limit {
                    hits.push(TextHit {
                        doc: d as u32,
                        sentence: s as u32,
                        span: Span::new(m.start(), m.end()),
                    });
                }
            }
            (hits, count)
        })
        .collect();
    let mut out = TextHits::default();
    for (hits, count) in per_doc {
        out.total += count;
        let room = limit.saturating_sub(out.hits.len());
        out.hits.extend(hits.into_iter().take(room));
    }
    out
}

/// The phrase in its ASCII-insensitive form plus its lower, upper and title-case spellings (for
/// letters outside ASCII).
fn phrase_matcher(phrase: &str) -> Option<AhoCorasick> {
    let mut title = String::new();
    let mut chars = phrase.chars();
    if let Some(first) = chars.next() {
        title.extend(first.to_uppercase());
        title.push_str(&chars.as_str().to_lowercase());
    }
    let mut patterns = vec![
        phrase.to_owned(),
        phrase.to_lowercase(),
        phrase.to_uppercase(),
        title,
    ];
    patterns.sort_unstable();
    patterns.dedup();
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gazetteer() -> Gazetteer {
        Gazetteer::bundled().expect("gazetteer")
    }

    fn first(index: &NameIndex, g: &Gazetteer, q: &str) -> Option<String> {
        index
            .find(g, q, 5)
            .first()
            .map(|h| g.entity(h.entity).code.clone())
    }

    #[test]
    fn finds_countries_by_any_name_and_with_typos() {
        let g = gazetteer();
        let index = NameIndex::new(&g);
        assert_eq!(first(&index, &g, "Azerbaijan").as_deref(), Some("AZE"));
        assert_eq!(
            first(&index, &g, "azerbaidjan").as_deref(),
            Some("AZE"),
            "a typo"
        );
        assert_eq!(first(&index, &g, "Türkiye").as_deref(), Some("TUR"));
        assert_eq!(
            first(&index, &g, "turkiye").as_deref(),
            Some("TUR"),
            "no accents"
        );
        assert_eq!(
            first(&index, &g, "Deutschland").as_deref(),
            Some("DEU"),
            "German"
        );
        assert_eq!(
            first(&index, &g, "Грузия").as_deref(),
            Some("GEO"),
            "Russian"
        );
        assert_eq!(
            first(&index, &g, "Kazak").as_deref(),
            Some("KAZ"),
            "a prefix"
        );
        assert_eq!(
            first(&index, &g, "Baku").as_deref(),
            Some("AZE"),
            "a capital"
        );
        assert_eq!(
            first(&index, &g, "middle corridor").as_deref(),
            Some("middle-corridor")
        );
        assert!(index.find(&g, "zzqxw", 5).is_empty());
        let typo = index.find(&g, "Tajikstan", 5);
        assert_eq!(typo.len(), 1, "only the closest spelling: {typo:?}");
        assert!(index.find(&g, "  ", 5).is_empty());
        let hits = index.find(&g, "Georgia", 5);
        assert_eq!(
            hits.iter()
                .filter(|h| g.entity(h.entity).code == "GEO")
                .count(),
            1,
            "one hit per entity"
        );
    }

    #[test]
    fn edit_distance_counts_typos_and_swaps() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(edit_distance(&c("armenia"), &c("armenia"), 2), Some(0));
        assert_eq!(edit_distance(&c("armneia"), &c("armenia"), 2), Some(1));
        assert_eq!(edit_distance(&c("armnia"), &c("armenia"), 2), Some(1));
        assert_eq!(edit_distance(&c("xrmnia"), &c("armenia"), 1), None);
        assert_eq!(
            edit_distance(&c("zerbaijan"), &c("azerbaijan"), 2),
            Some(1),
            "a first letter missing"
        );
        assert_eq!(edit_distance(&c("ab"), &c("xxab"), 2), Some(2));
        assert_eq!(edit_distance(&c("rmenia"), &c("armenia"), 0), None);
    }

    #[test]
    fn finds_sentences_ignoring_case_and_counts_past_the_limit() {
        let text =
            "The pipeline opened. Another PIPELINE closed.\n\nNo match here. Pipeline again.";
        let doc = Document::from_text("a.txt".into(), None, text.into(), text.len() as u64);
        let docs = vec![doc.clone(), doc];
        let found = find_text(&docs, "Pipeline", 3);
        assert_eq!(found.total, 6);
        let one = find_text(&docs, "Pipeline", 1);
        assert_eq!(
            one.total, 6,
            "sentences are counted past the limit, not matches"
        );
        assert_eq!(found.hits.len(), 3);
        assert_eq!(found.hits[0].doc, 0);
        let third = found.hits[2];
        assert_eq!(
            docs[0].slice(docs[0].sentences[third.sentence as usize].span),
            "Pipeline again."
        );
        assert_eq!(&text[found.hits[1].span.range()], "PIPELINE");
        let accented = "Les relations avec la TÜRKIYE et la Türkiye.";
        let doc = Document::from_text("b.txt".into(), None, accented.into(), 1);
        assert_eq!(find_text(&[doc], "türkiye", 10).total, 1, "one sentence");
        assert_eq!(find_text(&docs, "x", 10).total, 0);
    }
}
