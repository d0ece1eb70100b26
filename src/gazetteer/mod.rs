//! The gazetteer: every entity the text can name (countries, regions, corridors), each with its
//! surface forms, compiled once into a single Aho-Corasick automaton.
//!
//! The bundled data lives in `assets/` (see `assets/README.md` for sources and licences):
//! `countries.json` (generated), `regions.json` and `corridors.json` (hand-written). An
//! [`EntityId`] is an index into [`Gazetteer::entities`]; it is stable for one gazetteer only.

mod data;

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use serde::Serialize;

pub use data::{AssetError, CorridorRecord, CountryRecord, RegionRecord};

/// Index of an entity in [`Gazetteer::entities`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct EntityId(pub u32);

impl EntityId {
    /// The index as `usize`.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// An ISO 3166-1 country or territory (and Kosovo): a node of the graph.
    Country,
    /// A world region (Central Asia, Europe …): found and shown, never counted as a country.
    Region,
    /// A named corridor with a route: tags the links co-mentioned with it.
    Corridor,
}

impl EntityKind {
    /// The lower-case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Region => "region",
            Self::Corridor => "corridor",
        }
    }
}

/// How a surface form names its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// The entity's display or official name.
    Name,
    /// Another current name or abbreviation ("Turkey", "U.S.", "Britain").
    Variant,
    /// A former name mapped to today's country ("Burma").
    Former,
    /// A demonym or adjective ("Tajik", "Tajiks", "Tajikistani").
    Demonym,
    /// The country's capital ("Baku").
    Capital,
    /// An alias of a region or corridor ("TITR", "Central Asian").
    Alias,
}

impl Via {
    /// The lower-case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Variant => "variant",
            Self::Former => "former name",
            Self::Demonym => "demonym",
            Self::Capital => "capital",
            Self::Alias => "alias",
        }
    }

    /// The export spelling (no spaces).
    pub fn code(self) -> &'static str {
        match self {
            Self::Former => "former",
            other => other.as_str(),
        }
    }
}

/// One country, region or corridor.
#[derive(Clone, Debug)]
pub struct Entity {
    /// ISO 3166-1 alpha-3 for countries (Kosovo: `XKX`), a slug for regions and corridors.
    pub code: String,
    /// Display name.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Longitude of the node or label, degrees.
    pub lon: f64,
    /// Latitude of the node or label, degrees.
    pub lat: f64,
    /// The capital's name, for countries that have one.
    pub capital: Option<String>,
    /// Member countries (regions) or the ordered route (corridors).
    pub members: Vec<EntityId>,
    /// Points a corridor's drawn route passes through, `[lon, lat]`.
    pub waypoints: Vec<[f64; 2]>,
}

/// A string that names an entity.
#[derive(Clone, Debug)]
pub struct SurfaceForm {
    /// The form as written in the gazetteer.
    pub text: String,
    /// The entity it names.
    pub entity: EntityId,
    /// How it names it.
    pub via: Via,
    /// Acronyms ("US", "UAE", "U.S.") match only in exactly this case.
    pub exact_case: bool,
}

/// All entities and their surface forms, with the compiled matcher.
pub struct Gazetteer {
    entities: Vec<Entity>,
    forms: Vec<SurfaceForm>,
    matcher: AhoCorasick,
    by_code: HashMap<String, EntityId>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("entities", &self.entities.len())
            .field("forms", &self.forms.len())
            .finish_non_exhaustive()
    }
}

impl Gazetteer {
    /// The gazetteer built from the assets compiled into the binary.
    pub fn bundled() -> Result<Self, AssetError> {
        let countries = data::parse_countries(data::COUNTRIES_JSON)?;
        let regions = data::parse_regions(data::REGIONS_JSON)?;
        let corridors = data::parse_corridors(data::CORRIDORS_JSON)?;
        Self::from_records(&countries, &regions, &corridors)
    }

    /// Builds a gazetteer from parsed records. Codes referenced by regions and corridors must exist.
    pub fn from_records(
        countries: &[CountryRecord],
        regions: &[RegionRecord],
        corridors: &[CorridorRecord],
    ) -> Result<Self, AssetError> {
        let mut builder = Builder::default();
        for c in countries {
            builder.add_country(c)?;
        }
        for r in regions {
            builder.add_region(r)?;
        }
        for c in corridors {
            builder.add_corridor(c)?;
        }
        builder.finish()
    }

    /// Every entity, indexed by [`EntityId`].
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity behind an id.
    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id.index()]
    }

    /// The entity with this code (ISO3 for countries, slug otherwise).
    pub fn by_code(&self, code: &str) -> Option<EntityId> {
        self.by_code.get(code).copied()
    }

    /// Every surface form, indexed by the matcher's pattern id.
    pub fn forms(&self) -> &[SurfaceForm] {
        &self.forms
    }

    /// The compiled matcher over all surface forms (ASCII case-insensitive, overlapping).
    pub fn matcher(&self) -> &AhoCorasick {
        &self.matcher
    }
}

#[derive(Default)]
struct Builder {
    entities: Vec<Entity>,
    forms: Vec<SurfaceForm>,
    by_code: HashMap<String, EntityId>,
    /// Form text -> index in `forms`, so a string names one entity only (first claim wins).
    seen: HashMap<String, usize>,
}

impl Builder {
    fn push_entity(&mut self, entity: Entity) -> Result<EntityId, AssetError> {
        let id = EntityId(self.entities.len() as u32);
        if self.by_code.insert(entity.code.clone(), id).is_some() {
            return Err(AssetError::Invalid(format!(
                "duplicate entity code {}",
                entity.code
            )));
        }
        self.entities.push(entity);
        Ok(id)
    }

    fn code(&self, code: &str, owner: &str) -> Result<EntityId, AssetError> {
        self.by_code
            .get(code)
            .copied()
            .ok_or_else(|| AssetError::Invalid(format!("{owner} names unknown country {code}")))
    }

    /// Adds a surface form and, for names with letters outside ASCII, their upper-case spelling
    /// (the automaton folds ASCII case only).
    fn add_form(&mut self, text: &str, entity: EntityId, via: Via) {
        let text = text.trim();
        if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
            return;
        }
        let exact_case = is_acronym(text);
        let mut variants = vec![text.to_string()];
        if !text.is_ascii() {
            let upper = text.to_uppercase();
            if upper != text {
                variants.push(upper);
            }
        }
        for variant in variants {
            if self.seen.contains_key(&variant) {
                continue;
            }
            self.seen.insert(variant.clone(), self.forms.len());
            self.forms.push(SurfaceForm {
                text: variant,
                entity,
                via,
                exact_case,
            });
        }
    }

    fn add_country(&mut self, c: &CountryRecord) -> Result<(), AssetError> {
        let id = self.push_entity(Entity {
            code: c.iso3.clone(),
            name: c.name.clone(),
            kind: EntityKind::Country,
            lon: c.lon,
            lat: c.lat,
            capital: c.capital.as_ref().map(|cap| cap.name.clone()),
            members: Vec::new(),
            waypoints: Vec::new(),
        })?;
        self.add_form(&c.name, id, Via::Name);
        for name in &c.names {
            let via = if name == &c.name {
                Via::Name
            } else {
                Via::Variant
            };
            self.add_form(name, id, via);
        }
        for name in &c.former {
            self.add_form(name, id, Via::Former);
        }
        for name in &c.demonyms {
            self.add_form(name, id, Via::Demonym);
        }
        if let Some(capital) = &c.capital {
            self.add_form(&capital.name, id, Via::Capital);
            for name in &capital.names {
                self.add_form(name, id, Via::Capital);
            }
        }
        Ok(())
    }

    fn add_region(&mut self, r: &RegionRecord) -> Result<(), AssetError> {
        let members = r
            .members
            .iter()
            .map(|code| self.code(code, &r.id))
            .collect::<Result<Vec<_>, _>>()?;
        let id = self.push_entity(Entity {
            code: r.id.clone(),
            name: r.name.clone(),
            kind: EntityKind::Region,
            lon: r.lon,
            lat: r.lat,
            capital: None,
            members,
            waypoints: Vec::new(),
        })?;
        self.add_form(&r.name, id, Via::Name);
        for alias in &r.aliases {
            self.add_form(alias, id, Via::Alias);
        }
        Ok(())
    }

    fn add_corridor(&mut self, c: &CorridorRecord) -> Result<(), AssetError> {
        let members = c
            .route
            .iter()
            .map(|code| self.code(code, &c.id))
            .collect::<Result<Vec<_>, _>>()?;
        let (lon, lat) = midpoint(
            &c.waypoints,
            members.iter().map(|m| &self.entities[m.index()]),
        );
        let id = self.push_entity(Entity {
            code: c.id.clone(),
            name: c.name.clone(),
            kind: EntityKind::Corridor,
            lon,
            lat,
            capital: None,
            members,
            waypoints: c.waypoints.clone(),
        })?;
        self.add_form(&c.name, id, Via::Name);
        for alias in &c.aliases {
            self.add_form(alias, id, Via::Alias);
        }
        Ok(())
    }

    fn finish(self) -> Result<Gazetteer, AssetError> {
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            // A full DFA: one table lookup per byte, the fastest scan, for a few MB of memory.
            .kind(Some(AhoCorasickKind::DFA))
            .build(self.forms.iter().map(|f| f.text.as_str()))
            .map_err(|e| AssetError::Invalid(format!("cannot compile the matcher: {e}")))?;
        Ok(Gazetteer {
            entities: self.entities,
            forms: self.forms,
            matcher,
            by_code: self.by_code,
        })
    }
}

/// The middle waypoint of a route, or the mean of its countries' centres.
fn midpoint<'a>(waypoints: &[[f64; 2]], countries: impl Iterator<Item = &'a Entity>) -> (f64, f64) {
    if let Some(mid) = waypoints.get(waypoints.len() / 2) {
        return (mid[0], mid[1]);
    }
    let (mut lon, mut lat, mut n) = (0.0, 0.0, 0.0);
    for c in countries {
        lon += c.lon;
        lat += c.lat;
        n += 1.0;
    }
    if n > 0.0 {
        (lon / n, lat / n)
    } else {
        (0.0, 0.0)
    }
}

/// "US", "UAE", "U.S.", "DPRK": short forms whose letters are all capitals. These only match in
/// exactly this case, so "us" and "Us" never become the United States.
fn is_acronym(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty()
        && letters.len() <= 6
        && letters.iter().all(|c| c.is_uppercase())
        && !text.contains(' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_are_exact_case() {
        assert!(is_acronym("US"));
        assert!(is_acronym("U.S."));
        assert!(is_acronym("UAE"));
        assert!(!is_acronym("Iran"));
        assert!(!is_acronym("TÜRKİYE ABC DEF"));
    }

    #[test]
    fn bundled_gazetteer_has_every_country_and_the_corridors() {
        let g = Gazetteer::bundled().expect("bundled assets parse");
        let countries = g
            .entities()
            .iter()
            .filter(|e| e.kind == EntityKind::Country)
            .count();
        assert!(countries >= 250, "only {countries} countries");
        for code in ["AZE", "TUR", "TKM", "TJK", "XKX", "USA"] {
            assert!(g.by_code(code).is_some(), "{code} missing");
        }
        for corridor in [
            "middle-corridor",
            "zangezur-corridor",
            "southern-gas-corridor",
            "baku-tbilisi-kars",
        ] {
            let id = g.by_code(corridor).expect("corridor present");
            assert_eq!(g.entity(id).kind, EntityKind::Corridor);
            assert!(g.entity(id).members.len() >= 2);
        }
    }

    #[test]
    fn one_string_names_one_entity() {
        let g = Gazetteer::bundled().expect("bundled assets parse");
        let mut seen = HashMap::new();
        for f in g.forms() {
            if let Some(prev) = seen.insert(f.text.as_str(), f.entity) {
                panic!("{} names both {:?} and {:?}", f.text, prev, f.entity);
            }
        }
    }
}
