//! A user's own gazetteer file: extra or overriding surface forms, forms to ignore, and whole
//! entities (regions, corridors, organisations), read at start-up without rebuilding.
//!
//! The file is JSON; every key is optional:
//!
//! ```json
//! {
//!   "forms": [
//!     {"text": "Bakı", "entity": "AZE"},
//!     {"text": "Nakhchivan", "entity": "AZE", "via": "city"}
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
//!   custom).
//! - `remove`: strings never to match (exact spelling).
//! - `regions`, `corridors`: as in `assets/regions.json` and `assets/corridors.json`; an `id`
//!   that exists replaces the bundled entry.
//! - `organisations`: found and shown like regions, never counted as a country.

use std::path::Path;

use serde::Deserialize;

use super::data::{AssetError, CorridorRecord, RegionRecord};

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
        assert_eq!(custom.forms.len(), 2);
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
