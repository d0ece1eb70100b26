//! What must hold of any document read from any input.

use corridor_atlas::corpus::Document;
use corridor_atlas::extract::Mention;

/// Spans inside the text, on character boundaries, in order; sentences inside their paragraph;
/// mentions inside their sentence.
pub fn document(doc: &Document, mentions: &[Mention]) {
    let text = &doc.text;
    let on_boundaries = |start: usize, end: usize| {
        start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end)
    };
    assert!(doc.content_start as usize <= text.len());
    let mut last = 0;
    for p in &doc.paragraphs {
        assert!(
            on_boundaries(p.start as usize, p.end as usize),
            "paragraph {p:?}"
        );
        assert!(p.start as usize >= last, "paragraphs in order");
        last = p.end as usize;
    }
    let mut last = 0;
    for s in &doc.sentences {
        assert!(
            on_boundaries(s.span.start as usize, s.span.end as usize),
            "sentence {s:?}"
        );
        assert!(s.span.start as usize >= last, "sentences in order");
        last = s.span.end as usize;
        let p = doc.paragraphs[s.paragraph as usize];
        assert!(
            p.start <= s.span.start && s.span.end <= p.end,
            "sentence in its paragraph"
        );
    }
    for m in mentions {
        assert!(
            on_boundaries(m.start as usize, m.end as usize),
            "mention {m:?}"
        );
        let s = doc.sentences[m.sentence as usize].span;
        assert!(
            s.start <= m.start && m.end <= s.end,
            "mention in its sentence"
        );
        assert_eq!(doc.sentences[m.sentence as usize].paragraph, m.paragraph);
    }
}
