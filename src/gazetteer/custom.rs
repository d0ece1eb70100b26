//! A user's own gazetteer file: extra or overriding surface forms, forms to ignore, and whole
//! entities (regions, corridors, organisations), read at start-up without rebuilding.
//!
//! The file is JSON; every key is optional:
//!
//! ```json
//! {
//!   "forms": [
//!     {"text": "Bakı", "entity": "AZE"},
//!     {"text": "Nakhchivan", "entity": "AZE", "via": "city"},
//!     {"text": "Erdoğan", "entity": "TUR", "from": "2003-03-14"}
//!   ],
//!   "remove": ["Chad"],
//!   "organisations": [
//!     {"id": "ots", "name": "Organization of Turkic States", "aliases": ["OTS", "Turkic Council"],
//!      "members": ["AZE", "KAZ", "KGZ", "TUR", "UZB"]}
//!   ],
//!   "corridors": [
//!     {"id": "middle-corridor", "name": "Middle Corridor", "aliases": ["TITR"],
//!      "route": ["CHN", "KAZ", "AZE", "GEO", "TUR"], "waypoints": [[87.6, 43.8], [49.9, 40.4]]}
//!   ],
//!   "regions": [
//!     {"id": "turkic-world", "name": "Turkic world", "lon": 60.0, "lat": 42.0,
//!      "members": ["AZE", "KAZ", "KGZ", "TKM", "TUR", "UZB"]}
//!   ]
//! }
//! ```
//!
//! - `forms`: a string and the entity it names (an ISO 3166-1 alpha-3 code, or the id of a region,
//!   corridor or organisation). A form here wins over the bundled meaning of the same string.
//!   `via` is one of name, variant, former, demonym, capital, city, translation, alias (default:
//!   custom). `from` and `to` (`YYYY-MM-DD`, or a year) limit a form to articles dated in that
//!   range, both days included — office holders, renamed places; an undated article never
//!   matches it.
//! - `remove`: strings never to match (exact spelling).
//! - `regions`, `corridors`: as in `assets/regions.json` and `assets/corridors.json`; an `id`
//!   that exists replaces the bundled entry.
//! - `organisations`: found and shown like regions, never counted as a country.

use std::path::Path;

use serde::Deserialize;

use super::data::{AssetError, CorridorRecord, RegionRecord};
use crate::corpus::Date;

/// The contents of a user's gazetteer file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CustomGazetteer {
    /// Extra or overriding surface forms.
    pub forms: Vec<CustomForm>,
    /// Strings never to match.
    pub remove: Vec<String>,
    /// Regions to add or replace.
    pub regions: Vec<RegionRecord>,
    /// Corridors to add or replace.
    pub corridors: Vec<CorridorRecord>,
    /// Organisations to add.
    pub organisations: Vec<OrganisationRecord>,
    /// The file it was read from, for error messages.
    #[serde(skip)]
    pub path: Option<String>,
}

/// One extra surface form.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomForm {
    /// The string.
    pub text: String,
    /// The entity's code.
    pub entity: String,
    /// How it names the entity (default: custom).
    #[serde(default)]
    pub via: Option<String>,
    /// The first day it holds (`YYYY-MM-DD`, or a year: its first day).
    #[serde(default)]
    pub from: Option<String>,
    /// The last day it holds (`YYYY-MM-DD`, or a year: its last day).
    #[serde(default)]
    pub to: Option<String>,
}

/// Why a form's days (`from`, `to`) are wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FormError {
    /// A value that is neither `YYYY-MM-DD` nor a year.
    #[error("\"{value}\" of the form \"{form}\" is no date (use YYYY-MM-DD or a year)")]
    NoDate {
        /// The value as written.
        value: String,
        /// The form's text.
        form: String,
    },
    /// `to` before `from`.
    #[error("the form \"{form}\" ends before it begins")]
    EndsBeforeItBegins {
        /// The form's text.
        form: String,
    },
}

impl CustomForm {
    /// The days the form holds, when it is limited; an error names the value that is no date.
    pub fn holds(&self) -> Result<Option<super::Period>, FormError> {
        let day = |value: &Option<String>, last: bool| -> Result<Option<Date>, FormError> {
            let Some(value) = value else { return Ok(None) };
            let value = value.trim();
            let date = if value.len() == 4 {
                value.parse::<u16>().ok().and_then(|y| {
                    Date::new(y, if last { 12 } else { 1 }, if last { 31 } else { 1 })
                })
            } else {
                Date::parse_prefix(value).filter(|_| value.len() == 10)
            };
            date.map(Some).ok_or_else(|| FormError::NoDate {
                value: value.to_owned(),
                form: self.text.clone(),
            })
        };
        let (from, to) = (day(&self.from, false)?, day(&self.to, true)?);
        if let (Some(f), Some(t)) = (from, to)
            && f > t
        {
            return Err(FormError::EndsBeforeItBegins {
                form: self.text.clone(),
            });
        }
        Ok((from.is_some() || to.is_some()).then_some(super::Period { from, to }))
    }
}

/// An organisation (alliance, bloc, company …).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationRecord {
    /// Slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Member countries (ISO3).
    #[serde(default)]
    pub members: Vec<String>,
    /// Label longitude (default: the members' mean).
    #[serde(default)]
    pub lon: Option<f64>,
    /// Label latitude (default: the members' mean).
    #[serde(default)]
    pub lat: Option<f64>,
}

impl CustomGazetteer {
    /// Reads and checks a gazetteer file.
    pub fn read(path: &Path) -> Result<Self, AssetError> {
        let fail = |reason: String| AssetError::File {
            path: path.display().to_string(),
            reason,
        };
        let text = std::fs::read_to_string(path).map_err(|e| fail(crate::corpus::io_reason(&e)))?;
        let mut custom: Self = serde_json::from_str(&text).map_err(|e| {
            fail(format!(
                "not a gazetteer file: {e} (line {}, column {})",
                e.line(),
                e.column()
            ))
        })?;
        if let Some(v) = custom.forms.iter().find_map(|f| {
            f.via
                .as_deref()
                .filter(|v| super::Via::from_code(v).is_none())
        }) {
            return Err(fail(format!(
                "unknown \"via\": \"{v}\" (use name, variant, former, demonym, capital, city, translation or alias)"
            )));
        }
        if let Some(reason) = custom.forms.iter().find_map(|f| f.holds().err()) {
            return Err(fail(reason.to_string()));
        }
        custom.path = Some(path.display().to_string());
        Ok(custom)
    }

    /// An error about this file's contents.
    pub(super) fn error(&self, reason: String) -> AssetError {
        match &self.path {
            Some(path) => AssetError::File {
                path: path.clone(),
                reason,
            },
            None => AssetError::Invalid(reason),
        }
    }

    /// Whether a region or corridor id comes from this file.
    pub(super) fn defines(&self, id: &str) -> bool {
        self.regions.iter().any(|r| r.id == id) || self.corridors.iter().any(|c| c.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_hold_for_a_time_take_days_or_years() {
        let form = |from: Option<&str>, to: Option<&str>| CustomForm {
            text: "Erdoğan".into(),
            entity: "TUR".into(),
            via: None,
            from: from.map(Into::into),
            to: to.map(Into::into),
        };
        let day = |s: &str| Date::parse_prefix(s);
        let p = form(Some("2003-03-14"), Some("2014"))
            .holds()
            .expect("dates")
            .expect("limited");
        assert_eq!((p.from, p.to), (day("2003-03-14"), day("2014-12-31")));
        assert!(p.contains(day("2014-12-31")));
        assert!(!p.contains(day("2003-03-13")));
        assert!(!p.contains(None), "an undated article never matches");
        assert_eq!(form(None, None).holds(), Ok(None));
        assert!(form(Some("March 2003"), None).holds().is_err());
        assert!(form(Some("2010"), Some("2003")).holds().is_err());
    }

    #[test]
    fn reads_the_documented_example() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("g.json");
        let doc = include_str!("custom.rs");
        let json: String = doc
            .lines()
            .skip_while(|l| !l.starts_with("//! ```json"))
            .skip(1)
            .take_while(|l| !l.starts_with("//! ```"))
            .map(|l| l.trim_start_matches("//!"))
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&path, json).expect("write");
        let custom = CustomGazetteer::read(&path).expect("the documented example parses");
        assert_eq!(custom.forms.len(), 3);
        assert!(custom.forms[2].holds().is_ok_and(|p| p.is_some()));
        assert_eq!(custom.organisations[0].id, "ots");
    }

    #[test]
    fn errors_name_the_file_and_the_reason() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("bad.json");
        std::fs::write(&path, "{\"forms\": [{\"text\": \"X\"}]}").expect("write");
        let e = CustomGazetteer::read(&path)
            .expect_err("entity is missing")
            .to_string();
        assert!(
            e.contains("bad.json") && e.contains("entity") && e.contains("line 1"),
            "{e}"
        );
        let e = CustomGazetteer::read(&dir.path().join("none.json"))
            .expect_err("missing")
            .to_string();
        assert!(
            e.contains("none.json") && e.contains("does not exist"),
            "{e}"
        );
    }
}
