//! Writes an analysis for scripts: the JSON contract of `DESIGN.md` (schema 1) and mentions as
//! JSON Lines. Output is deterministic: documents by id, nodes by code, links by their ends.

mod graphs;
mod markdown;

pub use graphs::{write_gexf, write_graphml, write_nodes_csv};
pub use markdown::{write_evidence, write_selection};

use std::io::Write;

use petgraph::visit::EdgeRef as _;
use serde::Serialize;

use crate::corpus::{Date, Problem};
use crate::extract::Mention;
use crate::gazetteer::Gazetteer;
use crate::graph::{Analysis, Link, Measure};
use crate::pipeline::{self, Dataset};

/// The JSON contract's schema version.
pub const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct JsonExport<'a> {
    schema: u32,
    window: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    measure: Option<&'static str>,
    documents: Vec<JsonDocument<'a>>,
    problems: &'a [Problem],
    nodes: Vec<JsonNode<'a>>,
    links: Vec<JsonLink<'a>>,
    corridors: Vec<JsonCorridor<'a>>,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<Date>,
    bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    /// Who wrote it, when the file says (a database export's byline, a document's author).
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duplicate_of: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonNode<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'static str,
    lon: f64,
    lat: f64,
    mentions: u32,
    documents: u32,
}

#[derive(Serialize)]
struct JsonLink<'a> {
    source: &'a str,
    target: &'a str,
    weight: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<f64>,
    documents: u32,
    corridors: Vec<&'a str>,
    evidence: Vec<JsonEvidence<'a>>,
}

#[derive(Serialize)]
struct JsonEvidence<'a> {
    doc: &'a str,
    start: u32,
    end: u32,
}

#[derive(Serialize)]
struct JsonCorridor<'a> {
    id: &'a str,
    name: &'a str,
    route: Vec<&'a str>,
    mentions: u32,
    documents: u32,
}

/// Writes the analysis as the JSON contract (schema 1).
pub fn write_json(
    out: &mut dyn Write,
    gazetteer: &Gazetteer,
    dataset: &Dataset,
    analysis: &Analysis,
) -> std::io::Result<()> {
    let code = |id| gazetteer.entity(id).code.as_str();
    let documents = dataset
        .documents
        .iter()
        .filter(|d| analysis.params.admits(d.date))
        .map(|d| JsonDocument {
            id: &d.id,
            title: &d.title,
            date: d.date,
            bytes: d.bytes,
            source: d.source.as_deref(),
            byline: d.byline.as_deref(),
            duplicate_of: d
                .duplicate_of
                .and_then(|o| dataset.documents.get(o as usize))
                .map(|o| o.id.as_str()),
        })
        .collect();
    let mut nodes: Vec<JsonNode> = analysis
        .graph
        .node_weights()
        .map(|n| {
            let e = gazetteer.entity(n.entity);
            JsonNode {
                id: &e.code,
                name: &e.name,
                kind: e.kind.as_str(),
                lon: round2(e.lon),
                lat: round2(e.lat),
                mentions: n.mentions,
                documents: n.documents,
            }
        })
        .collect();
    nodes.sort_by(|a, b| a.id.cmp(b.id));
    let scored = analysis.params.measure != Measure::Count;
    let links: Vec<JsonLink> = sorted_links(gazetteer, analysis)
        .into_iter()
        .map(|(source, target, link)| {
            let mut corridors: Vec<&str> = link.corridors.iter().map(|c| code(*c)).collect();
            corridors.sort_unstable();
            JsonLink {
                source,
                target,
                weight: link.weight,
                score: scored.then(|| round6(link.score)),
                documents: link.documents,
                corridors,
                evidence: link
                    .evidence
                    .iter()
                    .map(|ev| JsonEvidence {
                        doc: &dataset.documents[ev.doc as usize].id,
                        start: ev.span.start,
                        end: ev.span.end,
                    })
                    .collect(),
            }
        })
        .collect();
    let corridors = analysis
        .corridors
        .iter()
        .map(|c| {
            let e = gazetteer.entity(c.entity);
            JsonCorridor {
                id: &e.code,
                name: &e.name,
                route: e.members.iter().map(|m| code(*m)).collect(),
                mentions: c.mentions,
                documents: c.documents,
            }
        })
        .collect();
    let export = JsonExport {
        schema: SCHEMA,
        window: analysis.params.window.as_str(),
        measure: scored.then(|| analysis.params.measure.as_str()),
        documents,
        problems: &dataset.problems,
        nodes,
        links,
        corridors,
    };
    serde_json::to_writer_pretty(&mut *out, &export)?;
    out.write_all(b"\n")
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The links with their ends' codes, `source < target`, sorted by ends.
fn sorted_links<'a>(
    gazetteer: &'a Gazetteer,
    analysis: &'a Analysis,
) -> Vec<(&'a str, &'a str, &'a Link)> {
    let code = |id| gazetteer.entity(id).code.as_str();
    let mut links: Vec<_> = analysis
        .graph
        .edge_references()
        .map(|e| {
            let (source, target) = (
                code(analysis.graph[e.source()].entity),
                code(analysis.graph[e.target()].entity),
            );
            if target < source {
                (target, source, e.weight())
            } else {
                (source, target, e.weight())
            }
        })
        .collect();
    links.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    links
}

/// A CSV field, quoted when it holds a comma, quote or line break (RFC 4180).
fn csv_field(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s.into()
    }
}

/// Writes the links as CSV with a header: `source,target,weight,score,documents` (the score is
/// the weight under the raw count).
pub fn write_csv(
    out: &mut dyn Write,
    gazetteer: &Gazetteer,
    analysis: &Analysis,
) -> std::io::Result<()> {
    out.write_all(b"source,target,weight,score,documents\n")?;
    for (source, target, link) in sorted_links(gazetteer, analysis) {
        writeln!(
            out,
            "{},{},{},{},{}",
            csv_field(source),
            csv_field(target),
            link.weight,
            round6(link.score),
            link.documents
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct JsonMention<'a> {
    doc: &'a str,
    start: u32,
    end: u32,
    text: &'a str,
    entity: &'a str,
    kind: &'static str,
    via: &'static str,
}

/// Documents' texts, read back from their files when they were let go after reading: each file
/// once, as the documents of a file come together.
#[derive(Default)]
struct TextsBack<'a> {
    /// The file (and archive member) last read, and its articles.
    file: Option<FileArticles<'a>>,
}

/// A file, the archive member read from it if any, and its articles `(id, text)`.
type FileArticles<'a> = (&'a std::path::Path, Option<&'a str>, Vec<(String, String)>);

impl<'a> TextsBack<'a> {
    fn of(
        &mut self,
        doc: &'a crate::corpus::Document,
    ) -> std::io::Result<std::borrow::Cow<'a, str>> {
        let (Some(_), Some(path)) = (doc.on_disk, doc.path.as_deref()) else {
            return Ok(std::borrow::Cow::Borrowed(doc.text.as_str()));
        };
        let member = doc.member.as_deref();
        if self
            .file
            .as_ref()
            .is_none_or(|(p, m, _)| *p != path || *m != member)
        {
            let articles = pipeline::reread_file(doc).map_err(std::io::Error::other)?;
            self.file = Some((path, member, articles));
        }
        let articles = self.file.as_ref().map_or(&[][..], |(_, _, a)| a.as_slice());
        pipeline::text_in(doc, articles)
            .map(std::borrow::Cow::Owned)
            .map_err(std::io::Error::other)
    }
}

/// Writes every mention of the documents `counts` accepts as one JSON object per line, documents
/// in id order.
pub fn write_mentions(
    out: &mut dyn Write,
    gazetteer: &Gazetteer,
    dataset: &Dataset,
    counts: &dyn Fn(&crate::corpus::Document) -> bool,
) -> std::io::Result<()> {
    let mut texts = TextsBack::default();
    for (doc, mentions) in dataset.documents.iter().zip(&dataset.mentions) {
        if !counts(doc) || mentions.is_empty() {
            continue;
        }
        let text = texts.of(doc)?;
        for m in mentions {
            write_mention(out, gazetteer, &doc.id, &text, m)?;
        }
    }
    Ok(())
}

/// One article as read, for `--format documents`.
#[derive(Serialize)]
struct JsonReadDocument<'a> {
    id: &'a str,
    title: &'a str,
    date: Option<String>,
    source: Option<&'a str>,
    /// Who wrote it, when the file says.
    #[serde(skip_serializing_if = "Option::is_none")]
    byline: Option<&'a str>,
    /// The source when it is a web address.
    url: Option<&'a str>,
    duplicate_of: Option<&'a str>,
    paragraphs: Vec<JsonParagraph<'a>>,
}

/// A block left out of a web page's article, as a paragraph that is not counted.
fn left_paragraph(block: &crate::corpus::LeftOut) -> JsonParagraph<'_> {
    JsonParagraph {
        text: &block.text,
        counted: false,
        why: Some(block.why.to_string()),
    }
}

/// A paragraph of an article as read: counted, or not and why.
#[derive(Serialize)]
struct JsonParagraph<'a> {
    text: &'a str,
    counted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<String>,
}

/// Each document as read, one JSON object per line: id, title, date, source (and `url` when
/// it is a web address), the document it repeats, and its paragraphs in reading order with whether each is counted and, if not, why:
/// "boilerplate" (a notice, caption or share line), and for web pages the blocks left out of the
/// article — "furniture (navigation)", "links", "outside the article" and the like.
pub fn write_documents(out: &mut dyn Write, dataset: &Dataset) -> std::io::Result<()> {
    let mut texts = TextsBack::default();
    for doc in &dataset.documents {
        // A page whose text was let go is read again whole, with what was left out of it.
        let page = if doc.on_disk.is_some() {
            pipeline::page_of(doc).map_err(std::io::Error::other)?
        } else {
            None
        };
        let (text, left_out) = match &page {
            Some(page) => (
                std::borrow::Cow::Borrowed(page.text.as_str()),
                &page.left_out,
            ),
            None => (texts.of(doc)?, &doc.left_out),
        };
        let mut left = left_out.iter().peekable();
        let mut paragraphs = Vec::new();
        for (i, p) in doc.paragraphs.iter().enumerate() {
            while let Some(block) = left.next_if(|b| b.at <= p.start as usize) {
                paragraphs.push(left_paragraph(block));
            }
            let Some(body) = text.get(p.range()).map(str::trim) else {
                continue;
            };
            if body.is_empty() {
                continue;
            }
            let boilerplate = doc
                .sentences
                .iter()
                .filter(|s| s.paragraph as usize == i)
                .all(|s| s.boilerplate);
            paragraphs.push(JsonParagraph {
                text: body,
                counted: !boilerplate,
                why: boilerplate.then(|| "boilerplate".to_owned()),
            });
        }
        paragraphs.extend(left.map(left_paragraph));
        let line = JsonReadDocument {
            id: &doc.id,
            title: &doc.title,
            date: doc.date.map(|d| d.to_string()),
            source: doc.source.as_deref(),
            byline: doc.byline.as_deref(),
            url: doc
                .source
                .as_deref()
                .filter(|s| crate::corpus::is_web_address(s)),
            duplicate_of: doc
                .duplicate_of
                .and_then(|i| dataset.documents.get(i as usize))
                .map(|d| d.id.as_str()),
            paragraphs,
        };
        serde_json::to_writer(&mut *out, &line).map_err(std::io::Error::other)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn write_mention(
    out: &mut dyn Write,
    gazetteer: &Gazetteer,
    doc: &str,
    text: &str,
    m: &Mention,
) -> std::io::Result<()> {
    let e = gazetteer.entity(m.entity);
    let line = JsonMention {
        doc,
        start: m.start,
        end: m.end,
        text: text.get(m.range()).unwrap_or(""),
        entity: &e.code,
        kind: e.kind.as_str(),
        via: m.via.code(),
    };
    serde_json::to_writer(&mut *out, &line)?;
    out.write_all(b"\n")
}
