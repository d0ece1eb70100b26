//! Compiling records into entities, surface forms and their matchers: five automata by the
//! letters a form is written in (English and shared forms in ASCII, built here; names in other
//! languages in ASCII, forms with accented Latin letters, forms in other scripts and the
//! lower-case names of informal text, each compiled on first use — see `Gazetteer`).
//!
//! Forms are added in phases of decreasing authority — the user's own forms, English names and
//! variants, former names, demonyms, capitals, regions, corridors and organisations, major
//! cities, then names in other languages — and a string names the entity of the first phase
//! that claims it. Each form brings its derived spellings (upper case, without diacritics, the
//! stem of an inflected name), which claim their strings after it.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind, StartKind};

use super::custom::{CustomGazetteer, OrganisationRecord};
use super::data::{AssetError, CorridorRecord, CountryRecord, FormerStateRecord, RegionRecord};
use super::spelling;
use super::{Entity, EntityId, EntityKind, Former, Gazetteer, Options, SurfaceForm, Via};

/// Names in other languages, and city names, that are everyday English words: in English text
/// they would nearly always be the word, not the place ("Island" is Iceland in Danish).
///
/// Cities whose names are also common given names or brands ("Jackson", "Florence", "Toyota")
/// are left out too: in news they are far more often the person or the company.
const COMMON_WORDS: &[&str] = &[
    "Benign",
    "Chili",
    "Grenade",
    "Man",
    "Island",
    "Togas",
    "Erode",
    "Perm",
    "Van",
    "Queens",
    "Natal",
    "Hamilton",
    "DU",
    "Du",
    "Mobile",
    "Nice",
    "Mary",
    "Corona",
    "Buffalo",
    "Batman",
    "Providence",
    "Oral",
    "Regina",
    "Eugene",
    "Irving",
    "Jackson",
    "Lincoln",
    "Henderson",
    "Orlando",
    "Florence",
    "Hassan",
    "Toyota",
    "Tonk",
    "Sari",
    "Mesa",
    "Richmond",
    "Windsor",
    "Durham",
    "Derby",
    "Victoria",
    "Santos",
    "Formosa",
    "Reading",
    "Bath",
    "Split",
    "Sale",
    "Tula",
    "Bade",
    "Guli",
    "Hami",
    "Loni",
    "Coro",
    "Kota",
    "Aba",
    "Pemba",
    "Springfield",
    "Concepción",
    "Concepcion",
    "Brest",
    "Chandler",
    "Garland",
    "Plano",
    "Fremont",
    "Pomona",
    "Glendale",
    "Hayward",
    "Arlington",
    "Lexington",
    "Madison",
    "Montgomery",
];

/// Phrases that contain a country's name or adjective but do not mention the country. They
/// are matched like any form and, being longer, win over the name inside them; then they are
/// dropped.
pub(super) const NOT_MENTIONS: &[&str] = &[
    "Indian Ocean",
    "Indian Ocean's",
    "American Indian",
    "American Indians",
    "West Indian",
    "West Indies",
    "East Indies",
    "Persian Gulf",
    "Arabian Sea",
    "Arabian Peninsula",
    "English Channel",
    "Gulf of Mexico",
    "New Mexico",
    "New Mexican",
    "New South Wales",
    "New Jersey",
    "New Guinea",
    // Regions whose established names hold a country's name (a compass word before a country
    // is otherwise a part of that country: "South Venezuela", "the Western US").
    "Western Australia",
    "Western Australian",
    "South Australia",
    "South Australian",
    "East Azerbaijan",
    "West Azerbaijan",
    "Northern Ireland",
    "British Columbia",
    "Guinea pig",
    "Guinea pigs",
    "Guinea fowl",
    "Guinea worm",
    "Dutch courage",
    "Chinese whispers",
    "French fries",
    "French fry",
    "French toast",
    "French kiss",
    "French horn",
    "French doors",
    "Turkish delight",
    "Swiss cheese",
    "Russian roulette",
    "Russian doll",
    "Russian dolls",
    "Danish pastry",
    "Brazil nut",
    "Brazil nuts",
    "Brussels sprouts",
    "Mexican standoff",
    "Mexican wave",
    // Breeds carry a country's name as a label, not a reference.
    "German shepherd",
    "German shepherds",
    "French bulldog",
    "French bulldogs",
    "English bulldog",
    "Irish setter",
    "Irish wolfhound",
    "Afghan hound",
    "Siamese cat",
    "Persian cat",
    "Persian cats",
    "Belgian Malinois",
    "Great Dane",
    "Scotch egg",
    "Irish coffee",
    "Spanish omelette",
    "Canadian bacon",
    "Turkey sandwich",
    "Turkey sandwiches",
    "Turkey breast",
    "Turkey dinner",
    "Turkey burger",
    "Georgia Tech",
    "Georgia Power",
    "Georgia Bulldogs",
    "University of Georgia",
    "Georgian architecture",
    "Georgian townhouses",
    "Georgian townhouse",
    "Georgian era",
    "Georgian period",
    "Georgian terrace",
    "Georgian terraces",
    "Jordan River",
    "River Jordan",
    "Lake Chad",
    "Jersey cow",
    "Jersey cows",
    "Panama hat",
    "Panama hats",
    "Panama Canal",
    "Suez Canal",
    "Turkic",
    "Washington state",
    "Washington State",
    "Washington Post",
    "George Washington",
    "Booker T. Washington",
    "Denzel Washington",
    "Michael Jordan",
    "Paris Hilton",
    "South China Sea",
    "East China Sea",
    "Sea of Japan",
    "Gulf of Oman",
    "Gulf of Guinea",
    "Korea Strait",
    "Port Sudan",
    "Shanghai Cooperation Organisation",
    "Shanghai Cooperation Organization",
    "Chicken Kiev",
    "chicken Kiev",
    "Afghan hound",
    "Afghan hounds",
    "Persian cat",
    "Persian cats",
    "Persian rug",
    "Persian rugs",
    "Siamese cat",
    "Siamese twins",
    "Burmese cat",
    "Belgian waffle",
    "Belgian waffles",
    "Swiss roll",
    "French press",
    "Irish setter",
    "Chinese checkers",
    "Chinese lantern",
    "Chinese lanterns",
    "Turkish bath",
    "Turkish coffee",
    "Russian dressing",
];

/// Seats of government that stand for their country in news ("the Kremlin said"). Names that
/// are also ordinary places or words elsewhere are left out or kept to their full form: "the
/// Chancellery" (Germany, Austria and others) is only "the German Chancellery"; "Whitehall" and
/// "Downing Street" are the British government, "the Pentagon" a ministry and not listed.
const SEATS: &[(&str, &str)] = &[
    ("Kremlin", "RUS"),
    ("White House", "USA"),
    ("Foggy Bottom", "USA"),
    ("Downing Street", "GBR"),
    ("Whitehall", "GBR"),
    ("Élysée", "FRA"),
    ("Élysée Palace", "FRA"),
    ("Elysee", "FRA"),
    ("Elysee Palace", "FRA"),
    ("Quai d'Orsay", "FRA"),
    ("Zhongnanhai", "CHN"),
    ("German Chancellery", "DEU"),
    ("Kanzleramt", "DEU"),
    ("Blue House", "KOR"),
    ("Kasumigaseki", "JPN"),
    ("Palazzo Chigi", "ITA"),
    ("Moncloa", "ESP"),
    ("Casa Rosada", "ARG"),
    ("Planalto", "BRA"),
    ("Malacañang", "PHL"),
    ("Malacanang", "PHL"),
    ("Ak Orda", "KAZ"),
    ("Bankova", "UKR"),
    ("Rashtrapati Bhavan", "IND"),
];

/// Abbreviations that stand for a country in an article that also names it another way, and
/// for many other things elsewhere: "SA" is South Africa beside "South Africa" or "South
/// Africans", and a company, South Australia or the Salvation Army otherwise.
/// Countries' names that are English words in lower case ("roast turkey", "fine china", "a
/// guinea pig", "the jersey"): they count only with their capital, even in informal text.
const LOWER_CASE_WORDS: &[&str] = &[
    "turkey", "chad", "jordan", "china", "guinea", "georgia", "japan", "india", "panama", "jersey",
    "guernsey", "holland", "brazil", "morocco", "bermuda", "reunion", "curacao", "niger", "togo",
    "chile", "tonga", "emirates",
];

const CONTEXT_FORMS: &[(&str, &str)] = &[("SA", "ZAF"), ("RSA", "ZAF"), ("NZ", "NZL")];

pub(super) struct Builder<'c> {
    custom: &'c CustomGazetteer,
    options: Options,
    entities: Vec<Entity>,
    forms: Vec<SurfaceForm>,
    by_code: HashMap<String, EntityId>,
    /// Form text -> index in `forms`: a string names one entity only.
    seen: HashMap<String, usize>,
    removed: HashSet<String>,
}

impl<'c> Builder<'c> {
    pub(super) fn new(custom: &'c CustomGazetteer, options: Options) -> Self {
        Self {
            custom,
            options,
            entities: Vec::new(),
            forms: Vec::new(),
            by_code: HashMap::new(),
            seen: HashMap::new(),
            removed: custom.remove.iter().cloned().collect(),
        }
    }

    pub(super) fn build(
        mut self,
        countries: &[CountryRecord],
        former: &[FormerStateRecord],
        regions: &[RegionRecord],
        corridors: &[CorridorRecord],
        organisations: &[OrganisationRecord],
    ) -> Result<Gazetteer, AssetError> {
        // Entities first, so every phase can refer to any of them.
        self.countries(countries)?;
        let former_forms = self.former_states(former)?;
        self.groups(regions, corridors, organisations)?;
        self.user_forms()?;
        self.fixed_forms(former_forms);
        self.country_forms(countries);
        self.group_forms(regions, corridors, organisations);
        self.city_forms(countries);
        self.translation_forms(countries);
        self.town_alternatives(countries);
        self.finish()
    }

    /// Today's countries, as entities.
    fn countries(&mut self, countries: &[CountryRecord]) -> Result<(), AssetError> {
        for c in countries {
            self.push_entity(Entity {
                code: c.iso3.clone(),
                name: c.name.clone(),
                kind: EntityKind::Country,
                lon: c.lon,
                lat: c.lat,
                capital: c.capital.as_ref().map(|cap| cap.name.clone()),
                members: Vec::new(),
                waypoints: Vec::new(),
            })?;
        }
        Ok(())
    }

    /// States that no longer exist: nodes of their own, or names of their heir. Returns their
    /// forms, added before today's countries claim the names.
    fn former_states(
        &mut self,
        former: &[FormerStateRecord],
    ) -> Result<Vec<(String, EntityId, Via)>, AssetError> {
        let mut former_forms = Vec::new();
        for f in former {
            let heir = match (self.options.former, &f.heir) {
                (Former::Successor, Some(heir)) => Some(self.code(heir, &f.code)?),
                _ => None,
            };
            let (entity, name_via, demonym_via) = if let Some(heir) = heir {
                (heir, Via::Former, Via::Former)
            } else {
                let successors = self.codes(&f.successors, &f.code)?;
                let id = self.push_entity(Entity {
                    code: f.code.clone(),
                    name: f.name.clone(),
                    kind: EntityKind::Country,
                    lon: f.lon,
                    lat: f.lat,
                    capital: None,
                    members: successors,
                    waypoints: Vec::new(),
                })?;
                (id, Via::Variant, Via::Demonym)
            };
            for name in &f.names {
                let via = if *name == f.name && heir.is_none() {
                    Via::Name
                } else {
                    name_via
                };
                former_forms.push((name.clone(), entity, via));
            }
            for demonym in &f.demonyms {
                former_forms.push((demonym.clone(), entity, demonym_via));
            }
        }
        Ok(former_forms)
    }

    /// Regions, corridors and organisations, as entities.
    fn groups(
        &mut self,
        regions: &[RegionRecord],
        corridors: &[CorridorRecord],
        organisations: &[OrganisationRecord],
    ) -> Result<(), AssetError> {
        for r in regions {
            let members = self.codes(&r.members, &r.id)?;
            self.push_entity(Entity {
                code: r.id.clone(),
                name: r.name.clone(),
                kind: EntityKind::Region,
                lon: r.lon,
                lat: r.lat,
                capital: None,
                members,
                waypoints: Vec::new(),
            })?;
        }
        for c in corridors {
            let members = self.codes(&c.route, &c.id)?;
            let (lon, lat) = midpoint(
                &c.waypoints,
                members.iter().map(|m| &self.entities[m.index()]),
            );
            self.push_entity(Entity {
                code: c.id.clone(),
                name: c.name.clone(),
                kind: EntityKind::Corridor,
                lon,
                lat,
                capital: None,
                members,
                waypoints: c.waypoints.clone(),
            })?;
        }
        for o in organisations {
            let members = self.codes(&o.members, &o.id)?;
            let (lon, lat) = match (o.lon, o.lat) {
                (Some(lon), Some(lat)) => (lon, lat),
                _ => midpoint(&[], members.iter().map(|m| &self.entities[m.index()])),
            };
            self.push_entity(Entity {
                code: o.id.clone(),
                name: o.name.clone(),
                kind: EntityKind::Organisation,
                lon,
                lat,
                capital: None,
                members,
                waypoints: Vec::new(),
            })?;
        }
        Ok(())
    }

    /// Phase 0: the user's own forms win over everything.
    fn user_forms(&mut self) -> Result<(), AssetError> {
        for f in &self.custom.forms {
            let entity = self.code(&f.entity, "a form")?;
            let via = f
                .via
                .as_deref()
                .and_then(Via::from_code)
                .unwrap_or(Via::Custom);
            let holds = f
                .holds()
                .map_err(|reason| self.custom.error(reason.to_string()))?;
            self.add(
                &f.text,
                entity,
                via,
                &Extra {
                    holds,
                    ..Extra::default()
                },
            );
        }
        Ok(())
    }

    /// Phase 1: phrases that are no mention, former states, seats of government and short forms
    /// that need context.
    fn fixed_forms(&mut self, former_forms: Vec<(String, EntityId, Via)>) {
        // Phase 1: phrases that are no mention (longest match lets them shield the name inside).
        for text in NOT_MENTIONS {
            self.add_blocker(text);
        }
        // States that no longer exist, before today's countries claim their names ("East
        // Germany" is a former name of Germany there).
        for (text, entity, via) in former_forms {
            self.add(&text, entity, via, &Extra::default());
        }
        // Seats of government, unless the user leaves them out.
        if self.options.seats {
            for (text, code) in SEATS {
                if let Some(&id) = self.by_code.get(*code) {
                    self.add(text, id, Via::Seat, &Extra::default());
                }
            }
        }
        // Short forms that need the country named elsewhere in the article.
        for (text, code) in CONTEXT_FORMS {
            if let Some(&id) = self.by_code.get(*code) {
                self.add(text, id, Via::Variant, &Extra::default());
                if let Some(&i) = self.seen.get(*text) {
                    self.forms[i].needs_context = true;
                }
            }
        }
    }

    /// Phases 2–5: English names, former names, demonyms, capitals.
    fn country_forms(&mut self, countries: &[CountryRecord]) {
        for (i, c) in countries.iter().enumerate() {
            let id = EntityId(i as u32);
            self.add(&c.name, id, Via::Name, &Extra::default());
            for name in &c.names {
                let via = if name == &c.name {
                    Via::Name
                } else {
                    Via::Variant
                };
                self.add(name, id, via, &Extra::default());
            }
        }
        for (i, c) in countries.iter().enumerate() {
            for name in &c.former {
                self.add(name, EntityId(i as u32), Via::Former, &Extra::default());
            }
        }
        for (i, c) in countries.iter().enumerate() {
            for name in &c.demonyms {
                self.add(name, EntityId(i as u32), Via::Demonym, &Extra::default());
            }
        }
        for (i, c) in countries.iter().enumerate() {
            if let Some(capital) = &c.capital {
                let place = capital.lon.zip(capital.lat).map(|(lon, lat)| [lon, lat]);
                for name in &capital.names {
                    self.add(
                        name,
                        EntityId(i as u32),
                        Via::Capital,
                        &Extra {
                            place,
                            ..Extra::default()
                        },
                    );
                }
            }
        }
    }

    /// Phase 6: the names of regions, corridors and organisations.
    fn group_forms(
        &mut self,
        regions: &[RegionRecord],
        corridors: &[CorridorRecord],
        organisations: &[OrganisationRecord],
    ) {
        let named: Vec<(EntityId, String, Vec<String>)> = regions
            .iter()
            .map(|r| (r.id.clone(), r.name.clone(), r.aliases.clone()))
            .chain(
                corridors
                    .iter()
                    .map(|c| (c.id.clone(), c.name.clone(), c.aliases.clone())),
            )
            .chain(
                organisations
                    .iter()
                    .map(|o| (o.id.clone(), o.name.clone(), o.aliases.clone())),
            )
            .filter_map(|(code, name, aliases)| {
                self.by_code.get(&code).map(|id| (*id, name, aliases))
            })
            .collect();
        for (id, name, aliases) in named {
            self.add(&name, id, Via::Name, &Extra::default());
            for alias in aliases {
                self.add(&alias, id, Via::Alias, &Extra::default());
            }
        }
    }

    /// Phase 7: major cities; a name several countries share goes to the largest city.
    fn city_forms(&mut self, countries: &[CountryRecord]) {
        let mut cities: HashMap<&str, Vec<CityPlace>> = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            for city in &c.cities {
                for name in std::iter::once(&city.name).chain(&city.names) {
                    cities.entry(name.as_str()).or_default().push((
                        city.population.unwrap_or(0),
                        EntityId(i as u32),
                        [city.lon, city.lat],
                    ));
                }
            }
        }
        let mut city_names: Vec<_> = cities.into_iter().collect();
        city_names.sort_by(|a, b| a.0.cmp(b.0));
        for (name, mut places) in city_names {
            if COMMON_WORDS.contains(&name) {
                continue;
            }
            places.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let (_, entity, place) = places[0];
            let alternatives = places[1..].iter().map(|p| p.1).collect();
            self.add(
                name,
                entity,
                Via::City,
                &Extra {
                    place: Some(place),
                    alternatives,
                    ..Extra::default()
                },
            );
        }
    }

    /// Phase 8: names in other languages, with the stems of inflected ones.
    fn translation_forms(&mut self, countries: &[CountryRecord]) {
        let mut translations: HashMap<(&str, EntityId), Vec<String>> = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            for (lang, names) in &c.translations {
                for name in names {
                    translations
                        .entry((name.as_str(), EntityId(i as u32)))
                        .or_default()
                        .push(lang.clone());
                }
            }
        }
        let mut translations: Vec<_> = translations.into_iter().collect();
        translations.sort_by(|a, b| a.0.cmp(&b.0));
        for ((name, entity), mut languages) in translations {
            if COMMON_WORDS.contains(&name) {
                continue;
            }
            languages.sort();
            let inflected = languages.iter().any(|l| spelling::inflects(l));
            let max_suffix = if inflected {
                spelling::max_suffix(name)
            } else {
                0
            };
            let extra = Extra {
                languages: languages.clone(),
                max_suffix,
                ..Extra::default()
            };
            self.add(name, entity, Via::Translation, &extra);
            if let Some(stem) = spelling::stem(name).filter(|_| inflected) {
                let extra = Extra {
                    languages,
                    max_suffix: 3,
                    stem_of: Some(name.to_owned()),
                    ..Extra::default()
                };
                self.add(&stem, entity, Via::Translation, &extra);
            }
        }
    }

    /// Phase 9: towns named like a country or its cities ("Paris, Texas", "Lebanon, Pa.")
    /// become alternatives of the English name, for context to choose.
    fn town_alternatives(&mut self, countries: &[CountryRecord]) {
        let folded = |t: &str| spelling::without_diacritics(t).unwrap_or_else(|| t.to_owned());
        let mut towns: HashMap<String, Vec<EntityId>> = HashMap::new();
        for (i, c) in countries.iter().enumerate() {
            for town in &c.towns {
                towns
                    .entry(folded(town))
                    .or_default()
                    .push(EntityId(i as u32));
            }
        }
        for form in &mut self.forms {
            if form.blocks
                || !matches!(
                    form.via,
                    Via::Name | Via::Variant | Via::Capital | Via::City
                )
            {
                continue;
            }
            if let Some(ids) = towns.get(&folded(&form.text)) {
                for id in ids {
                    if *id != form.entity && !form.alternatives.contains(id) {
                        form.alternatives.push(*id);
                    }
                }
            }
        }
    }

    fn push_entity(&mut self, entity: Entity) -> Result<EntityId, AssetError> {
        let id = EntityId(self.entities.len() as u32);
        if self.by_code.insert(entity.code.clone(), id).is_some() {
            return Err(AssetError::Invalid(format!(
                "two entities have the id {}",
                entity.code
            )));
        }
        self.entities.push(entity);
        Ok(id)
    }

    fn code(&self, code: &str, owner: &str) -> Result<EntityId, AssetError> {
        self.by_code.get(code).copied().ok_or_else(|| {
            let reason = format!("{owner} names an unknown entity {code}");
            // Whatever the user's file defines is the user's to fix.
            if owner == "a form"
                || self.custom.defines(owner)
                || self.custom.organisations.iter().any(|o| o.id == owner)
            {
                self.custom.error(reason)
            } else {
                AssetError::Invalid(reason)
            }
        })
    }

    fn codes(&self, codes: &[String], owner: &str) -> Result<Vec<EntityId>, AssetError> {
        codes.iter().map(|c| self.code(c, owner)).collect()
    }

    /// Adds a form and its derived spellings.
    fn add(&mut self, text: &str, entity: EntityId, via: Via, extra: &Extra) {
        // "The Netherlands" is mentioned as "Netherlands": the article is the sentence's.
        let text = text.trim();
        let text = text.strip_prefix("The ").unwrap_or(text);
        if text.chars().filter(|c| c.is_alphanumeric()).count() < 2 || self.removed.contains(text) {
            return;
        }
        let unspaced = spelling::unspaced(text);
        let base = extra.stem_of.clone();
        self.push_form(text.to_owned(), entity, via, extra, base.clone(), unspaced);
        // The matcher folds ASCII case itself; other letters need their upper case spelled out.
        let mut derived: Vec<String> = if text.is_ascii() {
            Vec::new()
        } else {
            spelling::upper_variants(text)
        };
        if let Some(plain) = spelling::without_diacritics(text) {
            derived.push(plain);
        }
        for d in derived {
            let source = base.clone().unwrap_or_else(|| text.to_owned());
            self.push_form(d, entity, via, extra, Some(source), unspaced);
        }
    }

    fn push_form(
        &mut self,
        text: String,
        entity: EntityId,
        via: Via,
        extra: &Extra,
        source: Option<String>,
        unspaced: bool,
    ) {
        if self.removed.contains(&text) {
            return;
        }
        if let Some(&existing) = self.seen.get(&text) {
            // The same word for the same country in two languages (a name that is also another
            // language's stem): it may take the larger inflection. English names never inflect.
            let earlier = &mut self.forms[existing];
            if earlier.entity == entity
                && earlier.via == Via::Translation
                && via == Via::Translation
            {
                earlier.max_suffix = earlier.max_suffix.max(extra.max_suffix);
            }
            return;
        }
        self.seen.insert(text.clone(), self.forms.len());
        self.forms.push(SurfaceForm {
            exact_case: is_acronym(&text),
            text,
            entity,
            via,
            source_spelling: source,
            languages: extra.languages.clone(),
            place: extra.place,
            alternatives: extra.alternatives.clone(),
            max_suffix: extra.max_suffix,
            unspaced,
            blocks: false,
            needs_context: false,
            holds: extra.holds,
            lower_case: false,
        });
    }

    fn add_blocker(&mut self, text: &str) {
        if self.seen.contains_key(text) {
            return;
        }
        self.seen.insert(text.to_owned(), self.forms.len());
        self.forms.push(SurfaceForm {
            text: text.to_owned(),
            entity: EntityId(0),
            via: Via::Name,
            source_spelling: None,
            languages: Vec::new(),
            place: None,
            alternatives: Vec::new(),
            exact_case: false,
            max_suffix: 0,
            unspaced: false,
            blocks: true,
            needs_context: false,
            holds: None,
            lower_case: false,
        });
    }

    fn finish(mut self) -> Result<Gazetteer, AssetError> {
        // Countries' names that also count in lower case, in informal text.
        for f in &mut self.forms {
            f.lower_case = matches!(f.via, Via::Name | Via::Variant)
                && !f.blocks
                && !f.exact_case
                && f.text.is_ascii()
                && f.text.len() >= 4
                && f.text.starts_with(|c: char| c.is_ascii_uppercase())
                && self.entities[f.entity.index()].kind == EntityKind::Country
                && !LOWER_CASE_WORDS.contains(&f.text.to_ascii_lowercase().as_str());
        }
        let lower: Vec<u32> = (0..self.forms.len() as u32)
            .filter(|&i| self.forms[i as usize].lower_case)
            .collect();
        // Four automata: English and shared ASCII forms; ASCII names in other languages; forms
        // with accented Latin letters; forms in other scripts.
        let (mut core, mut foreign, mut wide, mut script) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for (i, f) in self.forms.iter().enumerate() {
            let list = match (f.text.is_ascii(), f.via) {
                (false, _)
                    if f.text
                        .chars()
                        .any(|c| c.is_alphabetic() && !spelling::is_latin(c)) =>
                {
                    &mut script
                }
                (false, _) => &mut wide,
                (true, Via::Translation) => &mut foreign,
                (true, _) => &mut core,
            };
            list.push(i as u32);
        }
        let mut reach_before = 0;
        let mut reach_after = 0;
        let mut punctuation: Vec<char> = Vec::new();
        for &i in wide.iter().chain(&script) {
            let f = &self.forms[i as usize];
            for c in f
                .text
                .chars()
                .filter(|c| !c.is_ascii() && !c.is_alphanumeric())
            {
                if !punctuation.contains(&c) {
                    punctuation.push(c);
                }
            }
            let first = f.text.find(|c: char| !c.is_ascii()).unwrap_or(0);
            let last = f.text.rfind(|c: char| !c.is_ascii()).unwrap_or(0);
            reach_before = reach_before.max(first);
            // Suffix letters are at most 4 bytes each.
            reach_after = reach_after.max(f.text.len() - last + 4 * usize::from(f.max_suffix));
        }
        let lazy = |ids: Vec<u32>, kind| super::LazyMatcher {
            ids,
            kind,
            filtered: true,
            cell: std::sync::OnceLock::new(),
        };
        Ok(Gazetteer {
            ascii: compile(&self.forms, core, AhoCorasickKind::DFA, true)?,
            foreign: lazy(foreign, AhoCorasickKind::DFA),
            wide: lazy(wide, AhoCorasickKind::ContiguousNFA),
            script: lazy(script, AhoCorasickKind::ContiguousNFA),
            // The start filter lets only capitals through: this one runs over every word.
            lower: super::LazyMatcher {
                filtered: false,
                ..lazy(lower, AhoCorasickKind::DFA)
            },
            wide_reach_before: reach_before,
            wide_reach_after: reach_after,
            wide_punctuation: punctuation,
            entities: self.entities,
            forms: self.forms,
            by_code: self.by_code,
        })
    }
}

/// Compiles the forms `ids` into one automaton of `kind` (falling back to a compact NFA should a
/// DFA grow past its limits).
pub(super) fn compile(
    forms: &[SurfaceForm],
    ids: Vec<u32>,
    kind: AhoCorasickKind,
    filtered: bool,
) -> Result<super::Matcher, AssetError> {
    let starts = filtered
        .then(|| super::Starts::of(ids.iter().map(|&i| &forms[i as usize])))
        .flatten();
    // With a start filter the automaton is only run anchored, from the places it lets through.
    let start_kind = if starts.is_some() {
        StartKind::Anchored
    } else {
        StartKind::Unanchored
    };
    let build = |kind| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .start_kind(start_kind)
            .kind(Some(kind))
            .build(ids.iter().map(|&i| forms[i as usize].text.as_str()))
    };
    let automaton = build(kind)
        .or_else(|_| build(AhoCorasickKind::ContiguousNFA))
        .map_err(|e| AssetError::Invalid(format!("cannot compile the matcher: {e}")))?;
    Ok(super::Matcher {
        automaton,
        forms: ids,
        starts,
    })
}

/// A city of a country: (population, country, `[lon, lat]`).
type CityPlace = (u64, EntityId, [f64; 2]);

/// What a form carries beyond its text, entity and kind.
#[derive(Clone, Default)]
struct Extra {
    /// The days a user's form holds.
    holds: Option<super::Period>,
    languages: Vec<String>,
    place: Option<[f64; 2]>,
    alternatives: Vec<EntityId>,
    max_suffix: u8,
    /// The full name a stem was cut from.
    stem_of: Option<String>,
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
pub(super) fn is_acronym(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty()
        && letters.len() <= 6
        && letters.iter().all(|c| c.is_uppercase())
        && !text.contains(' ')
}
