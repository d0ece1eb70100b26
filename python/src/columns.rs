//! Input batches to Rust values: columns found by name, any of Arrow's string and binary
//! layouts (plain, large, view) and dates as `date32`, `date64`, timestamps or ISO strings.

use arrow_array::cast::AsArray;
use arrow_array::types::Date32Type;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::DataType;
use corridor_atlas::corpus::Date;
use pyo3::PyResult;
use pyo3::exceptions::{PyKeyError, PyTypeError};

/// One article given as fields.
pub struct Article {
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    pub date: Option<Date>,
    pub url: Option<String>,
}

fn column<'a>(batch: &'a RecordBatch, name: &str) -> PyResult<&'a ArrayRef> {
    batch.column_by_name(name).ok_or_else(|| {
        let have: Vec<&str> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        PyKeyError::new_err(format!(
            "the batch has no column '{name}' (it has: {})",
            have.join(", ")
        ))
    })
}

fn cast(array: &ArrayRef, to: &DataType, name: &str) -> PyResult<ArrayRef> {
    arrow_cast::cast(array, to).map_err(|e| {
        PyTypeError::new_err(format!(
            "column '{name}' ({}) cannot be read as {to}: {e}",
            array.data_type()
        ))
    })
}

/// A text column as optional strings.
fn strings(batch: &RecordBatch, name: &str) -> PyResult<Vec<Option<String>>> {
    let array = cast(column(batch, name)?, &DataType::LargeUtf8, name)?;
    let array = array.as_string::<i64>();
    Ok((0..array.len())
        .map(|i| array.is_valid(i).then(|| array.value(i).to_owned()))
        .collect())
}

fn optional_strings(batch: &RecordBatch, name: &str) -> PyResult<Vec<Option<String>>> {
    if batch.column_by_name(name).is_some() {
        strings(batch, name)
    } else {
        Ok(vec![None; batch.num_rows()])
    }
}

/// A date column: dates, timestamps (their day) or text starting `YYYY-MM-DD`.
fn dates(batch: &RecordBatch, name: &str) -> PyResult<Vec<Option<Date>>> {
    let Some(array) = batch.column_by_name(name) else {
        return Ok(vec![None; batch.num_rows()]);
    };
    if matches!(
        array.data_type(),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
    ) {
        return Ok(strings(batch, name)?
            .into_iter()
            .map(|s| s.and_then(|s| Date::parse_prefix(s.trim())))
            .collect());
    }
    let array = cast(array, &DataType::Date32, name)?;
    let array = array.as_primitive::<Date32Type>();
    Ok((0..array.len())
        .map(|i| {
            array
                .is_valid(i)
                .then(|| Date::from_days(array.value(i)))
                .flatten()
        })
        .collect())
}

/// Rows of files: `id` (the file's path in the corpus; its extension says its format) and
/// `content` (its bytes).
pub fn files(batch: &RecordBatch) -> PyResult<Vec<(String, Vec<u8>)>> {
    let ids = strings(batch, "id")?;
    let content = cast(column(batch, "content")?, &DataType::LargeBinary, "content")?;
    let content = content.as_binary::<i64>();
    Ok(ids
        .into_iter()
        .enumerate()
        .map(|(i, id)| {
            let bytes = if content.is_valid(i) {
                content.value(i).to_vec()
            } else {
                Vec::new()
            };
            (id.unwrap_or_default(), bytes)
        })
        .collect())
}

/// Rows of articles: `id`, `text`, and where present `title`, `date`, `url`.
pub fn articles(batch: &RecordBatch) -> PyResult<Vec<Article>> {
    let ids = strings(batch, "id")?;
    let texts = strings(batch, "text")?;
    let titles = optional_strings(batch, "title")?;
    let urls = optional_strings(batch, "url")?;
    let dates = dates(batch, "date")?;
    Ok(ids
        .into_iter()
        .zip(texts)
        .zip(titles)
        .zip(urls)
        .zip(dates)
        .enumerate()
        .map(|(row, ((((id, text), title), url), date))| Article {
            id: id.unwrap_or_else(|| format!("row {row}")),
            text: text.unwrap_or_default(),
            title,
            date,
            url,
        })
        .collect())
}
