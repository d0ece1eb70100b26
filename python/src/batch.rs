//! Output batches: per-article counts, mentions and articles, as Arrow record batches.

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::builder::{ArrayBuilder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::{
    ArrayRef, Date32Array, Int32Array, ListArray, RecordBatch, StringArray, StructArray,
};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema};
use corridor_atlas::gazetteer::Gazetteer;
use corridor_atlas::graph::article::{self, article_counts};

use crate::Batch;

fn field(name: &str, kind: DataType) -> Field {
    Field::new(name, kind, true)
}

fn list_of(kind: DataType) -> DataType {
    DataType::List(Arc::new(field("element", kind)))
}

fn entity_fields() -> Fields {
    Fields::from(vec![
        field("entity", DataType::Utf8),
        field("kind", DataType::Utf8),
        field("mentions", DataType::Int32),
        field("sentence", DataType::Int32),
        field("paragraph", DataType::Int32),
    ])
}

fn pair_fields() -> Fields {
    Fields::from(vec![
        field("a", DataType::Utf8),
        field("b", DataType::Utf8),
        field("window", DataType::Utf8),
        field("weight", DataType::Int32),
        field("start", DataType::Int32),
        field("end", DataType::Int32),
        // The window's text: an index into the article's `passages` (pairs named in one
        // window share it).
        field("passage", DataType::Int32),
        field("corridors", list_of(DataType::Utf8)),
    ])
}

/// The schema of per-article counts: one row per article read, or per problem (`problem` set,
/// `id` naming the file).
pub fn counts_schema() -> Schema {
    Schema::new(vec![
        field("id", DataType::Utf8),
        field("file", DataType::Utf8),
        field("index", DataType::Int32),
        field("title", DataType::Utf8),
        field("url", DataType::Utf8),
        field("date", DataType::Date32),
        field("problem", DataType::Utf8),
        field("exact", DataType::Int64),
        field("sketch", list_of(DataType::Int64)),
        field("sentences", DataType::Int64),
        field("paragraphs", DataType::Int64),
        field("passages", list_of(DataType::Utf8)),
        field("entities", list_of(DataType::Struct(entity_fields()))),
        field("pairs", list_of(DataType::Struct(pair_fields()))),
    ])
}

fn list(kind: DataType, offsets: Vec<i32>, values: ArrayRef) -> Result<ArrayRef, ArrowError> {
    Ok(Arc::new(ListArray::try_new(
        Arc::new(field("element", kind)),
        OffsetBuffer::new(offsets.into()),
        values,
        None,
    )?))
}

fn offset(n: usize) -> Result<i32, ArrowError> {
    i32::try_from(n).map_err(|_| ArrowError::ComputeError("a batch too large for one list".into()))
}

/// Columns of the entities named, per article.
#[derive(Default)]
struct Entities {
    offsets: Vec<i32>,
    entity: StringBuilder,
    kind: StringBuilder,
    mentions: Int32Builder,
    sentence: Int32Builder,
    paragraph: Int32Builder,
}

/// Columns of the pairs named together, per article.
#[derive(Default)]
struct Pairs {
    offsets: Vec<i32>,
    a: StringBuilder,
    b: StringBuilder,
    window: StringBuilder,
    weight: Int32Builder,
    start: Int32Builder,
    end: Int32Builder,
    passage: Int32Builder,
    corridor_offsets: Vec<i32>,
    corridors: StringBuilder,
}

/// Per-article counts of a batch ([`counts_schema`]); problems follow the articles.
#[expect(
    clippy::too_many_lines,
    reason = "one column after another, in the schema's order"
)]
pub fn counts(gazetteer: &Gazetteer, batch: &Batch) -> Result<RecordBatch, ArrowError> {
    let rows = batch.articles.len() + batch.problems.len();
    let mut id = StringBuilder::new();
    let mut file = StringBuilder::new();
    let mut index = Int32Builder::new();
    let mut title = StringBuilder::new();
    let mut url = StringBuilder::new();
    let mut date: Vec<Option<i32>> = Vec::with_capacity(rows);
    let mut problem = StringBuilder::new();
    let mut exact = Int64Builder::new();
    let mut sketch_offsets = vec![0i32];
    let mut sketch = Int64Builder::new();
    let mut sentences = Int64Builder::new();
    let mut paragraphs = Int64Builder::new();
    let mut entities = Entities {
        offsets: vec![0],
        ..Entities::default()
    };
    let mut pairs = Pairs {
        offsets: vec![0],
        corridor_offsets: vec![0],
        ..Pairs::default()
    };
    let code = |e| gazetteer.entity(e).code.as_str();
    let mut passage_offsets = vec![0i32];
    let mut passages = StringBuilder::new();
    // An article's windows already quoted, each with its place in the article's passages.
    let mut quoted: HashMap<corridor_atlas::corpus::Span, usize> = HashMap::new();
    for r in &batch.articles {
        let doc = &r.doc;
        let c = article_counts(gazetteer, doc, &r.mentions);
        id.append_value(&doc.id);
        file.append_value(&r.file);
        index.append_value(i32::try_from(r.index).unwrap_or(i32::MAX));
        title.append_value(&doc.title);
        url.append_option(doc.source.as_deref());
        date.push(doc.date.map(corridor_atlas::corpus::Date::days));
        problem.append_null();
        exact.append_value(r.print.exact() as i64);
        for &h in r.print.sketch() {
            sketch.append_value(i64::from(h));
        }
        sketch_offsets.push(offset(sketch.len())?);
        sentences.append_value(c.windows[0] as i64);
        paragraphs.append_value(c.windows[1] as i64);
        for e in &c.entities {
            entities.entity.append_value(code(e.entity));
            entities
                .kind
                .append_value(gazetteer.entity(e.entity).kind.as_str());
            entities.mentions.append_value(e.mentions as i32);
            entities.sentence.append_value(e.windows[0] as i32);
            entities.paragraph.append_value(e.windows[1] as i32);
        }
        entities.offsets.push(offset(entities.entity.len())?);
        quoted.clear();
        for p in &c.pairs {
            let next = quoted.len();
            let at = *quoted.entry(p.first).or_insert_with(|| {
                passages.append_value(article::passage(&doc.text, p.first));
                next
            });
            pairs.a.append_value(code(p.a));
            pairs.b.append_value(code(p.b));
            pairs.window.append_value(p.window.as_str());
            pairs.weight.append_value(p.weight as i32);
            pairs.start.append_value(p.first.start as i32);
            pairs.end.append_value(p.first.end as i32);
            pairs.passage.append_value(offset(at)?);
            for &k in &p.corridors {
                pairs.corridors.append_value(code(k));
            }
            pairs.corridor_offsets.push(offset(pairs.corridors.len())?);
        }
        pairs.offsets.push(offset(pairs.a.len())?);
        passage_offsets.push(offset(passages.len())?);
    }
    for p in &batch.problems {
        id.append_value(&p.path);
        file.append_value(&p.path);
        index.append_null();
        title.append_null();
        url.append_null();
        date.push(None);
        problem.append_value(&p.reason);
        exact.append_null();
        sketch_offsets.push(offset(sketch.len())?);
        sentences.append_null();
        paragraphs.append_null();
        passage_offsets.push(offset(passages.len())?);
        entities.offsets.push(offset(entities.entity.len())?);
        pairs.offsets.push(offset(pairs.a.len())?);
    }
    let entity_values = StructArray::try_new(
        entity_fields(),
        vec![
            Arc::new(entities.entity.finish()),
            Arc::new(entities.kind.finish()),
            Arc::new(entities.mentions.finish()),
            Arc::new(entities.sentence.finish()),
            Arc::new(entities.paragraph.finish()),
        ],
        None,
    )?;
    let corridors = list(
        DataType::Utf8,
        pairs.corridor_offsets,
        Arc::new(pairs.corridors.finish()),
    )?;
    let pair_values = StructArray::try_new(
        pair_fields(),
        vec![
            Arc::new(pairs.a.finish()),
            Arc::new(pairs.b.finish()),
            Arc::new(pairs.window.finish()),
            Arc::new(pairs.weight.finish()),
            Arc::new(pairs.start.finish()),
            Arc::new(pairs.end.finish()),
            Arc::new(pairs.passage.finish()),
            corridors,
        ],
        None,
    )?;
    let columns: Vec<ArrayRef> = vec![
        Arc::new(id.finish()),
        Arc::new(file.finish()),
        Arc::new(index.finish()),
        Arc::new(title.finish()),
        Arc::new(url.finish()),
        Arc::new(Date32Array::from(date)),
        Arc::new(problem.finish()),
        Arc::new(exact.finish()),
        list(DataType::Int64, sketch_offsets, Arc::new(sketch.finish()))?,
        Arc::new(sentences.finish()),
        Arc::new(paragraphs.finish()),
        list(DataType::Utf8, passage_offsets, Arc::new(passages.finish()))?,
        list(
            DataType::Struct(entity_fields()),
            entities.offsets,
            Arc::new(entity_values),
        )?,
        list(
            DataType::Struct(pair_fields()),
            pairs.offsets,
            Arc::new(pair_values),
        )?,
    ];
    RecordBatch::try_new(Arc::new(counts_schema()), columns)
}

/// One row per mention of a batch's articles.
pub fn mentions(gazetteer: &Gazetteer, batch: &Batch) -> Result<RecordBatch, ArrowError> {
    let mut id = StringBuilder::new();
    let mut entity = StringBuilder::new();
    let mut kind = StringBuilder::new();
    let mut via = StringBuilder::new();
    let mut text = StringBuilder::new();
    let (mut start, mut end, mut sentence, mut paragraph) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in &batch.articles {
        for m in &r.mentions {
            let e = gazetteer.entity(m.entity);
            id.append_value(&r.doc.id);
            entity.append_value(&e.code);
            kind.append_value(e.kind.as_str());
            via.append_value(m.via.code());
            text.append_value(r.doc.text.get(m.range()).unwrap_or(""));
            start.push(m.start as i32);
            end.push(m.end as i32);
            sentence.push(m.sentence as i32);
            paragraph.push(m.paragraph as i32);
        }
    }
    let schema = Schema::new(vec![
        field("id", DataType::Utf8),
        field("entity", DataType::Utf8),
        field("kind", DataType::Utf8),
        field("via", DataType::Utf8),
        field("text", DataType::Utf8),
        field("start", DataType::Int32),
        field("end", DataType::Int32),
        field("sentence", DataType::Int32),
        field("paragraph", DataType::Int32),
    ]);
    RecordBatch::try_new(
        Arc::new(schema),
        vec![
            Arc::new(id.finish()),
            Arc::new(entity.finish()),
            Arc::new(kind.finish()),
            Arc::new(via.finish()),
            Arc::new(text.finish()),
            Arc::new(Int32Array::from(start)),
            Arc::new(Int32Array::from(end)),
            Arc::new(Int32Array::from(sentence)),
            Arc::new(Int32Array::from(paragraph)),
        ],
    )
}

/// One row per article of a batch of files, then one per problem.
pub fn articles(batch: &Batch) -> Result<RecordBatch, ArrowError> {
    let n = batch.articles.len() + batch.problems.len();
    let docs = || batch.articles.iter().map(|r| &r.doc);
    let nulls = || std::iter::repeat_n(None::<String>, batch.problems.len());
    let no_numbers = || std::iter::repeat_n(None::<i32>, batch.problems.len());
    let strings = |it: Vec<Option<String>>| -> ArrayRef { Arc::new(StringArray::from(it)) };
    let id: Vec<Option<String>> = docs()
        .map(|d| Some(d.id.clone()))
        .chain(batch.problems.iter().map(|p| Some(p.path.clone())))
        .collect();
    let file: Vec<Option<String>> = batch
        .articles
        .iter()
        .map(|r| Some(r.file.clone()))
        .chain(batch.problems.iter().map(|p| Some(p.path.clone())))
        .collect();
    let index: Vec<Option<i32>> = batch
        .articles
        .iter()
        .map(|r| Some(i32::try_from(r.index).unwrap_or(i32::MAX)))
        .chain(no_numbers())
        .collect();
    let title = docs()
        .map(|d| Some(d.title.clone()))
        .chain(nulls())
        .collect();
    let date: Vec<Option<i32>> = docs()
        .map(|d| d.date.map(corridor_atlas::corpus::Date::days))
        .chain(no_numbers())
        .collect();
    let url = docs().map(|d| d.source.clone()).chain(nulls()).collect();
    let byline = docs().map(|d| d.byline.clone()).chain(nulls()).collect();
    let text = docs()
        .map(|d| Some(d.text.clone()))
        .chain(nulls())
        .collect();
    let problem = std::iter::repeat_n(None, batch.articles.len())
        .chain(batch.problems.iter().map(|p| Some(p.reason.clone())))
        .collect();
    debug_assert_eq!(id.len(), n);
    let schema = Schema::new(vec![
        field("id", DataType::Utf8),
        field("file", DataType::Utf8),
        field("index", DataType::Int32),
        field("title", DataType::Utf8),
        field("date", DataType::Date32),
        field("url", DataType::Utf8),
        field("byline", DataType::Utf8),
        field("text", DataType::Utf8),
        field("problem", DataType::Utf8),
    ]);
    RecordBatch::try_new(
        Arc::new(schema),
        vec![
            strings(id),
            strings(file),
            Arc::new(Int32Array::from(index)),
            strings(title),
            Arc::new(Date32Array::from(date)),
            strings(url),
            strings(byline),
            strings(text),
            strings(problem),
        ],
    )
}
