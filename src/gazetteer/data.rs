//! The asset files behind the gazetteer, as serde records.

use serde::Deserialize;

pub(super) const COUNTRIES_JSON: &str = include_str!("../../assets/countries.json");
pub(super) const REGIONS_JSON: &str = include_str!("../../assets/regions.json");
pub(super) const CORRIDORS_JSON: &str = include_str!("../../assets/corridors.json");
pub(super) const FORMER_JSON: &str = include_str!("../../assets/former.json");

/// A gazetteer asset that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum AssetError {
    /// The file is not the JSON we expect.
    #[error("{file}: {source}")]
    Json {
        /// Which asset.
        file: &'static str,
        /// The parser's complaint.
        source: serde_json::Error,
    },
    /// The data is well-formed but inconsistent.
    #[error("{0}")]
    Invalid(String),
    /// A user's gazetteer file cannot be used.
    #[error("{path}: {reason}")]
    File {
        /// The file.
        path: String,
        /// Why.
        reason: String,
    },
}

/// A country as written in `assets/countries.json`.
#[derive(Clone, Debug, Deserialize)]
pub struct CountryRecord {
    /// ISO 3166-1 alpha-3.
    pub iso3: String,
    /// ISO 3166-1 alpha-2.
    #[serde(default)]
    pub iso2: Option<String>,
    /// ISO 3166-1 numeric, as in Natural Earth ids ("004").
    #[serde(default)]
    pub numeric: Option<String>,
    /// Display name.
    pub name: String,
    /// Centre longitude.
    pub lon: f64,
    /// Centre latitude.
    pub lat: f64,
    /// English names and variants.
    #[serde(default)]
    pub names: Vec<String>,
    /// Former names that unambiguously mean this country today.
    #[serde(default)]
    pub former: Vec<String>,
    /// Demonyms and adjectives.
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// The capital.
    #[serde(default)]
    pub capital: Option<CapitalRecord>,
    /// Major cities (over about 500,000 inhabitants).
    #[serde(default)]
    pub cities: Vec<CityRecord>,
    /// The name in other languages, by language code.
    #[serde(default)]
    pub translations: std::collections::BTreeMap<String, Vec<String>>,
    /// Towns of this country (10,000 people or more) named like another country, its capital or
    /// one of its cities ("Paris" and "Lebanon" for the United States).
    #[serde(default)]
    pub towns: Vec<String>,
}

/// A major city.
#[derive(Clone, Debug, Deserialize)]
pub struct CityRecord {
    /// Its name (as `GeoNames` spells it).
    pub name: String,
    /// Longitude.
    pub lon: f64,
    /// Latitude.
    pub lat: f64,
    /// Inhabitants.
    #[serde(default)]
    pub population: Option<u64>,
    /// Everyday short names ("Frankfurt" for "Frankfurt am Main").
    #[serde(default)]
    pub names: Vec<String>,
}

/// A capital city.
#[derive(Clone, Debug, Deserialize)]
pub struct CapitalRecord {
    /// Its English name.
    pub name: String,
    /// Other English spellings.
    #[serde(default)]
    pub names: Vec<String>,
    /// Longitude.
    #[serde(default)]
    pub lon: Option<f64>,
    /// Latitude.
    #[serde(default)]
    pub lat: Option<f64>,
}

/// A region as written in `assets/regions.json`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegionRecord {
    /// Slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Label longitude.
    pub lon: f64,
    /// Label latitude.
    pub lat: f64,
    /// Member countries (ISO3).
    #[serde(default)]
    pub members: Vec<String>,
}

/// A corridor as written in `assets/corridors.json`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorridorRecord {
    /// Slug.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other names.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Ordered countries (ISO3).
    pub route: Vec<String>,
    /// Drawn route, `[lon, lat]`.
    #[serde(default)]
    pub waypoints: Vec<[f64; 2]>,
}

/// A state that no longer exists, as written in `assets/former.json`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormerStateRecord {
    /// ISO 3166-3 alpha-3 ("SUN").
    pub code: String,
    /// Display name.
    pub name: String,
    /// The year it ceased to exist.
    pub until: i32,
    /// Its names, the display name included.
    pub names: Vec<String>,
    /// Demonyms and adjectives ("Soviet").
    #[serde(default)]
    pub demonyms: Vec<String>,
    /// The states on its territory today (ISO 3166-1 alpha-3).
    pub successors: Vec<String>,
    /// The one state that continued it, where there is one.
    #[serde(default)]
    pub heir: Option<String>,
    /// Node longitude.
    pub lon: f64,
    /// Node latitude.
    pub lat: f64,
}

#[derive(Deserialize)]
struct FormerFile {
    former_states: Vec<FormerStateRecord>,
}

#[derive(Deserialize)]
struct CountriesFile {
    countries: Vec<CountryRecord>,
}

#[derive(Deserialize)]
struct RegionsFile {
    regions: Vec<RegionRecord>,
}

#[derive(Deserialize)]
struct CorridorsFile {
    corridors: Vec<CorridorRecord>,
}

pub(super) fn parse_countries(json: &str) -> Result<Vec<CountryRecord>, AssetError> {
    serde_json::from_str::<CountriesFile>(json)
        .map(|f| f.countries)
        .map_err(|source| AssetError::Json {
            file: "countries.json",
            source,
        })
}

pub(super) fn parse_regions(json: &str) -> Result<Vec<RegionRecord>, AssetError> {
    serde_json::from_str::<RegionsFile>(json)
        .map(|f| f.regions)
        .map_err(|source| AssetError::Json {
            file: "regions.json",
            source,
        })
}

pub(super) fn parse_corridors(json: &str) -> Result<Vec<CorridorRecord>, AssetError> {
    serde_json::from_str::<CorridorsFile>(json)
        .map(|f| f.corridors)
        .map_err(|source| AssetError::Json {
            file: "corridors.json",
            source,
        })
}

pub(super) fn parse_former(json: &str) -> Result<Vec<FormerStateRecord>, AssetError> {
    serde_json::from_str::<FormerFile>(json)
        .map(|f| f.former_states)
        .map_err(|source| AssetError::Json {
            file: "former.json",
            source,
        })
}
