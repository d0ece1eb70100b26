//! Files that hold many articles: JSON Lines (one object per line), JSON (an array of objects,
//! one object, or an object with an array under `articles`, `items`, `data`, `results`, `posts` or
//! `documents`) and CSV with a header row. Fields are found by name, whatever their case:
//! the text in `text`, `body`, `content`, `article`, `full_text` or `description`; `title` or
//! `headline`; `date`, `published`, `published_at`, `publishedAt`, `pubDate`, `datetime` or
//! `created_at`; `url`, `source` or `link`. A record that cannot be used is reported with its line
//! or number; the others are read.

use serde_json::Value;

use super::Date;

/// One article of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// Where it is: line (JSON Lines), position from 1 (JSON) or record number (CSV).
    pub at: usize,
    /// Its text (visible text, when the field held HTML).
    pub text: String,
    /// Its title, if given.
    pub title: Option<String>,
    /// Its date, if given and readable.
    pub date: Option<Date>,
    /// Its URL or source, if given.
    pub source: Option<String>,
}

/// What a file of records gave: the articles, and why others could not be used.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Records {
    /// The articles.
    pub records: Vec<Record>,
    /// `(line or number, reason)` of the records that could not be used.
    pub problems: Vec<(usize, String)>,
}

const TEXT: &[&str] = &[
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "fulltext",
    "description",
];
const TITLE: &[&str] = &["title", "headline"];
const DATE: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publishedat",
    "pubdate",
    "datetime",
    "created_at",
];
const SOURCE: &[&str] = &["url", "source", "link"];
const LISTS: &[&str] = &["articles", "items", "data", "results", "posts", "documents"];

/// Reads JSON Lines.
pub fn json_lines(text: &str) -> Records {
    let mut out = Records::default();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Value>(line) {
            Ok(value) => push(&mut out, line_no, &value),
            Err(e) => out
                .problems
                .push((line_no, format!("line {line_no}: not valid JSON ({e})"))),
        }
    }
    out
}

/// Why a JSON or CSV file holds no records at all.
#[derive(Debug, thiserror::Error)]
pub enum RecordsError {
    /// The JSON does not parse.
    #[error("not valid JSON at line {}, column {} ({error})", error.line(), error.column())]
    Json {
        /// The parser's error, with where it stopped.
        #[source]
        error: serde_json::Error,
    },
    /// JSON that is a string, number or the like.
    #[error("not a JSON object or array of objects")]
    NotObjects,
    /// A CSV file whose first row cannot be read.
    #[error("no CSV header row ({0})")]
    NoHeader(#[source] csv::Error),
    /// A CSV header row without a column of text.
    #[error("no text column (one of {}) in the header row", TEXT.join(", "))]
    NoTextColumn,
}

/// Reads a JSON document.
pub fn json(text: &str) -> Result<Records, RecordsError> {
    let value: Value = serde_json::from_str(text).map_err(|error| RecordsError::Json { error })?;
    let mut out = Records::default();
    let items = match &value {
        Value::Array(items) => items.as_slice(),
        Value::Object(map) => match LISTS
            .iter()
            .find_map(|k| field(map, &[k]).and_then(Value::as_array))
        {
            Some(items) => items.as_slice(),
            None => std::slice::from_ref(&value),
        },
        _ => return Err(RecordsError::NotObjects),
    };
    for (i, item) in items.iter().enumerate() {
        push(&mut out, i + 1, item);
    }
    Ok(out)
}

/// Reads CSV with a header row.
pub fn csv(text: &str) -> Result<Records, RecordsError> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(RecordsError::NoHeader)?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    let column = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| headers.iter().position(|h| h == n))
    };
    let Some(text_column) = column(TEXT) else {
        return Err(RecordsError::NoTextColumn);
    };
    let (title, date, source) = (column(TITLE), column(DATE), column(SOURCE));
    let mut out = Records::default();
    for (i, row) in reader.records().enumerate() {
        let number = i + 1;
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                out.problems
                    .push((number, format!("record {number}: not valid CSV ({e})")));
                continue;
            }
        };
        let get = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let Some(body) = get(Some(text_column)) else {
            out.problems
                .push((number, format!("record {number}: empty text")));
            continue;
        };
        out.records.push(Record {
            at: number,
            text: body_text(body),
            title: get(title).map(str::to_owned),
            date: get(date).and_then(super::meta::loose_date),
            source: get(source).map(str::to_owned),
        });
    }
    Ok(out)
}

/// Adds one JSON object as a record, or a problem saying why it is none.
fn push(out: &mut Records, at: usize, value: &Value) {
    let Value::Object(map) = value else {
        out.problems
            .push((at, format!("{}: not a JSON object", place(at))));
        return;
    };
    let Some(body) = field(map, TEXT)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
    else {
        out.problems.push((
            at,
            format!("{}: no text (a field named {})", place(at), TEXT.join(", ")),
        ));
        return;
    };
    let string = |names: &[&str]| {
        field(map, names)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
    };
    let date = field(map, DATE).and_then(|v| match v {
        Value::String(s) => super::meta::loose_date(s),
        // Seconds (or milliseconds) since 1970.
        Value::Number(n) => n.as_i64().and_then(|t| {
            let seconds = if t > 100_000_000_000 { t / 1000 } else { t };
            i32::try_from(seconds.div_euclid(86_400))
                .ok()
                .and_then(Date::from_days)
        }),
        _ => None,
    });
    out.records.push(Record {
        at,
        text: body_text(body),
        title: string(TITLE),
        date,
        source: string(SOURCE),
    });
}

fn place(at: usize) -> String {
    format!("record {at}")
}

/// A field by any of `names`, ignoring case.
fn field<'a>(map: &'a serde_json::Map<String, Value>, names: &[&str]) -> Option<&'a Value> {
    names.iter().find_map(|n| {
        map.iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(n))
            .map(|(_, v)| v)
    })
}

/// A text field's article text: its visible text when it holds HTML.
fn body_text(body: &str) -> String {
    if body.contains("</") || body.contains("<p") || body.contains("<br") {
        super::html::page(body).text
    } else {
        body.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_with_a_bad_line() {
        let text = concat!(
            r#"{"title": "Talks", "text": "Chile and Peru met.", "date": "2026-01-30T10:00:00Z", "url": "https://example.org/a"}"#,
            "\n\n",
            "{not json\n",
            r#"{"Body": "<p>Georgia <b>and</b> Armenia</p>", "publishedAt": 1769731200}"#,
            "\n",
            r#"{"title": "No text"}"#,
            "\n",
            "[1, 2]\n"
        );
        let r = json_lines(text);
        assert_eq!(r.records.len(), 2);
        assert_eq!(r.records[0].at, 1);
        assert_eq!(r.records[0].title.as_deref(), Some("Talks"));
        assert_eq!(
            r.records[0].date.map(|d| d.to_string()).as_deref(),
            Some("2026-01-30")
        );
        assert_eq!(
            r.records[0].source.as_deref(),
            Some("https://example.org/a")
        );
        assert_eq!(r.records[1].at, 4);
        assert_eq!(r.records[1].text, "Georgia and Armenia");
        assert_eq!(
            r.records[1].date.map(|d| d.to_string()).as_deref(),
            Some("2026-01-30"),
            "seconds since 1970"
        );
        let lines: Vec<usize> = r.problems.iter().map(|p| p.0).collect();
        assert_eq!(lines, [3, 5, 6]);
        assert!(r.problems[0].1.starts_with("line 3: not valid JSON"));
        assert!(r.problems[1].1.contains("no text"));
    }

    #[test]
    fn json_arrays_objects_and_wrapped_lists() {
        let array = json(r#"[{"content": "Chile."}, {"content": "Peru."}]"#).expect("array");
        assert_eq!(array.records.len(), 2);
        let one = json(r#"{"headline": "H", "article": "Bolivia."}"#).expect("object");
        assert_eq!(one.records[0].title.as_deref(), Some("H"));
        let wrapped = json(r#"{"status": "ok", "articles": [{"description": "Ecuador.", "pubDate": "Fri, 30 Jan 2026 10:00:00 GMT"}]}"#)
            .expect("wrapped");
        assert_eq!(
            wrapped.records[0].date.map(|d| d.to_string()).as_deref(),
            Some("2026-01-30")
        );
        let err = json("{\n  \"text\": oops\n}")
            .expect_err("bad JSON")
            .to_string();
        assert!(err.contains("line 2"), "{err}");
        assert!(json("42").is_err());
    }

    #[test]
    fn csv_by_header_name_with_quotes_and_line_breaks() {
        let text = "id,Title,Published,Text,URL\n\
                    1,Talks,2026-01-30,\"Chile and Peru met.\nThey agreed, at last.\",https://x/1\n\
                    2,Empty,2026-01-31,,\n\
                    3,Ties,30 January 2026,Georgia and Armenia.,\n";
        let r = csv(text).expect("csv");
        assert_eq!(r.records.len(), 2);
        assert_eq!(
            r.records[0].text,
            "Chile and Peru met.\nThey agreed, at last."
        );
        assert_eq!(r.records[0].title.as_deref(), Some("Talks"));
        assert_eq!(r.records[0].source.as_deref(), Some("https://x/1"));
        assert_eq!(
            r.records[1].date.map(|d| d.to_string()).as_deref(),
            Some("2026-01-30")
        );
        assert_eq!(r.problems, vec![(2, "record 2: empty text".to_owned())]);
        assert!(
            csv("a,b\n1,2\n")
                .expect_err("no text column")
                .to_string()
                .contains("no text column")
        );
    }
}
