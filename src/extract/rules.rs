//! Context rules for names that are not always countries. Each rule reads the sentence around a
//! mention and keeps it, drops it, or — for a city name several countries share — moves it to
//! the country the text names.
//!
//! - A city or capital followed by ", <US state>" or ", <another country>" is another place of
//!   that name ("Paris, Texas", "Moscow, Idaho"), or the named country's city of that name
//!   ("Valencia, Spain").
//! - Georgia is the US state when the sentence speaks of the United States (Atlanta, a governor,
//!   a county, "X, Georgia") and not of the Caucasus.
//! - Names that are also given names or surnames (Jordan, Chad, Washington …) are a person when
//!   they stand between capitalised words ("Michael Jordan", "Chad Smith said").
//! - "Turkey" is the bird and "China" the porcelain in a sentence about food or tableware.
//!
//! Lower-case "turkey", "china" and "guinea pig" never match at all (names need their capitals),
//! and fixed phrases ("Indian Ocean", "Georgia Tech", "Lake Chad") are shielded in the gazetteer.

use std::ops::Range;
use std::sync::LazyLock;

use super::Found;
use crate::gazetteer::{EntityId, Gazetteer, Via};

/// Subdivisions that, written after "<place>, ", say which country the place is in: the states of
/// the United States (full names, AP abbreviations and postal codes), the provinces and
/// territories of Canada and the states of Australia. "SALEM, Ore.", "Lebanon, Pa." and
/// "London, Ontario" are places of those countries, whatever else bears their names.
const SUBDIVISIONS: &[(&str, &str)] = &[
    ("Alabama", "USA"),
    ("Ala.", "USA"),
    ("AL", "USA"),
    ("Alaska", "USA"),
    ("AK", "USA"),
    ("Arizona", "USA"),
    ("Ariz.", "USA"),
    ("AZ", "USA"),
    ("Arkansas", "USA"),
    ("Ark.", "USA"),
    ("AR", "USA"),
    ("California", "USA"),
    ("Calif.", "USA"),
    ("CA", "USA"),
    ("Colorado", "USA"),
    ("Colo.", "USA"),
    ("CO", "USA"),
    ("Connecticut", "USA"),
    ("Conn.", "USA"),
    ("CT", "USA"),
    ("Delaware", "USA"),
    ("Del.", "USA"),
    ("DE", "USA"),
    ("Florida", "USA"),
    ("Fla.", "USA"),
    ("FL", "USA"),
    ("Georgia", "USA"),
    ("Ga.", "USA"),
    ("GA", "USA"),
    ("Hawaii", "USA"),
    ("HI", "USA"),
    ("Idaho", "USA"),
    ("ID", "USA"),
    ("Illinois", "USA"),
    ("Ill.", "USA"),
    ("IL", "USA"),
    ("Indiana", "USA"),
    ("Ind.", "USA"),
    ("IN", "USA"),
    ("Iowa", "USA"),
    ("IA", "USA"),
    ("Kansas", "USA"),
    ("Kan.", "USA"),
    ("Kans.", "USA"),
    ("KS", "USA"),
    ("Kentucky", "USA"),
    ("Ky.", "USA"),
    ("KY", "USA"),
    ("Louisiana", "USA"),
    ("La.", "USA"),
    ("LA", "USA"),
    ("Maine", "USA"),
    ("ME", "USA"),
    ("Maryland", "USA"),
    ("Md.", "USA"),
    ("MD", "USA"),
    ("Massachusetts", "USA"),
    ("Mass.", "USA"),
    ("MA", "USA"),
    ("Michigan", "USA"),
    ("Mich.", "USA"),
    ("MI", "USA"),
    ("Minnesota", "USA"),
    ("Minn.", "USA"),
    ("MN", "USA"),
    ("Mississippi", "USA"),
    ("Miss.", "USA"),
    ("MS", "USA"),
    ("Missouri", "USA"),
    ("Mo.", "USA"),
    ("MO", "USA"),
    ("Montana", "USA"),
    ("Mont.", "USA"),
    ("MT", "USA"),
    ("Nebraska", "USA"),
    ("Neb.", "USA"),
    ("Nebr.", "USA"),
    ("NE", "USA"),
    ("Nevada", "USA"),
    ("Nev.", "USA"),
    ("NV", "USA"),
    ("New Hampshire", "USA"),
    ("N.H.", "USA"),
    ("NH", "USA"),
    ("New Jersey", "USA"),
    ("N.J.", "USA"),
    ("NJ", "USA"),
    ("New Mexico", "USA"),
    ("N.M.", "USA"),
    ("NM", "USA"),
    ("New York", "USA"),
    ("N.Y.", "USA"),
    ("NY", "USA"),
    ("North Carolina", "USA"),
    ("N.C.", "USA"),
    ("NC", "USA"),
    ("North Dakota", "USA"),
    ("N.D.", "USA"),
    ("ND", "USA"),
    ("Ohio", "USA"),
    ("OH", "USA"),
    ("Oklahoma", "USA"),
    ("Okla.", "USA"),
    ("OK", "USA"),
    ("Oregon", "USA"),
    ("Ore.", "USA"),
    ("OR", "USA"),
    ("Pennsylvania", "USA"),
    ("Pa.", "USA"),
    ("Penn.", "USA"),
    ("PA", "USA"),
    ("Rhode Island", "USA"),
    ("R.I.", "USA"),
    ("RI", "USA"),
    ("South Carolina", "USA"),
    ("S.C.", "USA"),
    ("SC", "USA"),
    ("South Dakota", "USA"),
    ("S.D.", "USA"),
    ("SD", "USA"),
    ("Tennessee", "USA"),
    ("Tenn.", "USA"),
    ("TN", "USA"),
    ("Texas", "USA"),
    ("Tex.", "USA"),
    ("TX", "USA"),
    ("Utah", "USA"),
    ("UT", "USA"),
    ("Vermont", "USA"),
    ("Vt.", "USA"),
    ("VT", "USA"),
    ("Virginia", "USA"),
    ("Va.", "USA"),
    ("VA", "USA"),
    ("Washington", "USA"),
    ("Wash.", "USA"),
    ("WA", "USA"),
    ("West Virginia", "USA"),
    ("W.Va.", "USA"),
    ("W. Va.", "USA"),
    ("WV", "USA"),
    ("Wisconsin", "USA"),
    ("Wis.", "USA"),
    ("Wisc.", "USA"),
    ("WI", "USA"),
    ("Wyoming", "USA"),
    ("Wyo.", "USA"),
    ("WY", "USA"),
    ("D.C.", "USA"),
    ("DC", "USA"),
    ("Ontario", "CAN"),
    ("Ont.", "CAN"),
    ("Quebec", "CAN"),
    ("Québec", "CAN"),
    ("Que.", "CAN"),
    ("British Columbia", "CAN"),
    ("B.C.", "CAN"),
    ("Alberta", "CAN"),
    ("Alta.", "CAN"),
    ("Manitoba", "CAN"),
    ("Man.", "CAN"),
    ("Saskatchewan", "CAN"),
    ("Sask.", "CAN"),
    ("Nova Scotia", "CAN"),
    ("N.S.", "CAN"),
    ("New Brunswick", "CAN"),
    ("N.B.", "CAN"),
    ("Newfoundland", "CAN"),
    ("Nfld.", "CAN"),
    ("Prince Edward Island", "CAN"),
    ("P.E.I.", "CAN"),
    ("Yukon", "CAN"),
    ("Nunavut", "CAN"),
    ("Northwest Territories", "CAN"),
    ("New South Wales", "AUS"),
    ("N.S.W.", "AUS"),
    ("NSW", "AUS"),
    ("Queensland", "AUS"),
    ("Qld", "AUS"),
    ("Tasmania", "AUS"),
    ("Western Australia", "AUS"),
    ("South Australia", "AUS"),
    ("Northern Territory", "AUS"),
];

/// Words that put a sentence in the United States.
const US_CUES: &[&str] = &[
    "Atlanta",
    "Savannah",
    "Augusta",
    "Macon",
    "Kemp",
    "governor",
    "Governor",
    "Gov.",
    "county",
    "County",
    "Republican",
    "Republicans",
    "Democrat",
    "Democrats",
    "Democratic",
    "GOP",
    "Peach",
    "Bulldogs",
    "state senator",
    "State Senate",
    "state legislature",
    "statewide",
    "Alabama",
    "Florida",
    "Tennessee",
    "Carolina",
    "U.S. state",
    "US state",
    "Senate race",
    "Braves",
    "Falcons",
    "Hawks",
    "Emory",
    "Fulton",
    "voters in",
];

/// Words that put a sentence in the Caucasus.
const CAUCASUS_CUES: &[&str] = &[
    "Tbilisi",
    "Batumi",
    "Kutaisi",
    "Caucasus",
    "Georgian Dream",
    "Kobakhidze",
    "Abkhazia",
    "Ossetia",
    "Black Sea",
    "lari",
    "Saakashvili",
    "Zourabichvili",
    "Kavelashvili",
    "Ivanishvili",
    "Armenia",
    "Azerbaijan",
    "Russia",
    "Türkiye",
    "Turkey",
    "Ukraine",
    "Kremlin",
    "Moscow",
    "Brussels",
    "EU",
    "European Union",
    "NATO",
    "Abkhaz",
    "Tskhinvali",
];

/// Country names that are also people's names.
const PERSON_NAMES: &[&str] = &[
    "Jordan",
    "Chad",
    "Georgia",
    "Washington",
    "India",
    "Israel",
    "Kenya",
    "Sofia",
    "Lima",
    "Victoria",
    "Austin",
    "Houston",
    "Charlotte",
    "Columbus",
    "Dallas",
    "Jackson",
    "Paris",
    "Chelsea",
    "Brazil",
    "Cuba",
    "America",
    "Holland",
];

/// Capitalised words that may stand before a country's name without making it a person's.
const BEFORE_NAME_OK: &[&str] = &[
    "The",
    "In",
    "On",
    "At",
    "From",
    "To",
    "For",
    "With",
    "By",
    "Of",
    "And",
    "But",
    "As",
    "If",
    "King",
    "Queen",
    "President",
    "Prime",
    "Minister",
    "Kingdom",
    "Republic",
    "State",
    "Hashemite",
    "Both",
    "While",
    "When",
    "After",
    "Before",
    "Since",
    "Like",
    "Unlike",
    "Neighbouring",
    "Neighboring",
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Central",
    "Across",
    "Across",
    "Outside",
    "Inside",
    "Within",
    "Into",
    "Via",
    "Through",
    "Near",
    "Beyond",
    "Today",
    "Yesterday",
    "Officials",
    "Ministers",
    "Delegates",
    "Troops",
    "Forces",
    "Visiting",
    "Rural",
    "Modern",
    "Independent",
    "Greater",
    "Post-war",
    "Democratic",
    "Federal",
    "Islamic",
    "People's",
    "United",
    "Said",
    "Meanwhile",
    "However",
    "Also",
    "Only",
    "Even",
    "Mr",
    "Mrs",
    "Ms",
];

/// Capitalised words that may follow a country's name without making it a person's.
const AFTER_NAME_OK: &[&str] = &[
    "Government",
    "Ministry",
    "Foreign",
    "Prime",
    "President",
    "Army",
    "Armed",
    "National",
    "Central",
    "Bank",
    "Parliament",
    "Embassy",
    "Airways",
    "Airlines",
    "Valley",
    "Basin",
    "Times",
    "Post",
    "Today",
    "Tuesday",
    "Monday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Dream",
    "Cup",
    "Summit",
    "Forum",
    "Council",
    "Customs",
    "Defence",
    "Defense",
    "Energy",
    "Railways",
    "Railway",
    "Gas",
    "Oil",
    "Trade",
    "Investment",
    "Development",
    "Football",
    "Olympic",
    "State",
    "Statistics",
    "Border",
    "Coast",
    "Navy",
    "Police",
    "Security",
    "Supreme",
    "Constitutional",
    "Electoral",
    "Interior",
    "Health",
    "Finance",
    "Economy",
    "Agriculture",
    "Transport",
    "Culture",
    "Education",
    "I",
    "II",
    "And",
    "Is",
    "Has",
    "Was",
    "Will",
    "Says",
    "Said",
    "On",
    "In",
    "To",
    "And",
    "Or",
    "With",
];

/// Food and tableware, where "Turkey" and "China" are not countries.
const FOOD_CUES: &[&str] = &[
    "Thanksgiving",
    "roast",
    "roasted",
    "oven",
    "recipe",
    "stuffing",
    "gravy",
    "carve",
    "carved",
    "feathers",
    "gobble",
    "sandwich",
    "sandwiches",
    "drumstick",
    "drumsticks",
    "porcelain",
    "tableware",
    "dishwasher",
    "teacup",
    "teacups",
    "saucer",
    "saucers",
    "plates",
    "dinnerware",
    "cranberry",
    "brine",
    "brined",
    "basted",
    "baste",
];

/// What one document has said about its names so far: a form written once as another place
/// ("Palestine, Texas", "Dublin, Ohio") or as a person ("Georgia Smith") is that place or person
/// throughout the article — one sense per discourse — unless the article also qualifies it as
/// the country ("Paris, France").
///
/// Within the sentence that qualifies a name, a bare repeat is a contrast ("Hotels in Panama
/// City, Florida, were full, while Panama City itself …") and keeps its own reading.
#[derive(Default)]
pub(super) struct Senses {
    /// Forms read as another place or a person, with the sentence that said so.
    elsewhere: Vec<(usize, usize)>,
    confirmed: Vec<usize>,
    /// Forms read as a town of another country, with that country and the sentence.
    moved: Vec<(usize, EntityId, usize)>,
    /// The sentence being judged.
    sentence: usize,
    /// Whether a sentence read "Georgia" as the US state.
    georgia_state: bool,
}

impl Senses {
    /// Drops, from a whole document's matches, every match of a form the document used in
    /// another sense, and moves every match of a city the document placed in another country
    /// ("Athens, Ga." … "Athens").
    pub(super) fn settle<T>(
        &self,
        items: &mut Vec<T>,
        form_and_sentence: impl Fn(&T) -> (usize, usize),
        entity: impl Fn(&mut T) -> &mut EntityId,
    ) {
        if self.elsewhere.is_empty() && self.moved.is_empty() {
            return;
        }
        items.retain(|item| {
            let (f, s) = form_and_sentence(item);
            self.confirmed.contains(&f) || !self.elsewhere.iter().any(|(g, at)| *g == f && *at != s)
        });
        for item in items.iter_mut() {
            let (f, s) = form_and_sentence(item);
            if self.confirmed.contains(&f) {
                continue;
            }
            if let Some((_, to, _)) = self.moved.iter().find(|(g, _, at)| *g == f && *at != s) {
                *entity(item) = *to;
            }
        }
    }

    /// Whether the article has already read this form one way or the other.
    pub(super) fn decided(&self, form: usize) -> bool {
        self.confirmed.contains(&form)
            || self.elsewhere.iter().any(|(f, _)| *f == form)
            || self.moved.iter().any(|(f, _, _)| *f == form)
    }

    /// Starts judging the sentence with this index.
    pub(super) fn at_sentence(&mut self, sentence: usize) {
        self.sentence = sentence;
    }

    fn moved(&mut self, form: usize, to: EntityId) {
        if !self.moved.iter().any(|(f, _, _)| *f == form) {
            self.moved.push((form, to, self.sentence));
        }
    }

    fn another_place(&mut self, form: usize) {
        if !self.elsewhere.iter().any(|(f, _)| *f == form) {
            self.elsewhere.push((form, self.sentence));
        }
    }

    fn confirm(&mut self, form: usize) {
        if !self.confirmed.contains(&form) {
            self.confirmed.push(form);
        }
    }
}

/// Judges the mentions found in one sentence (`span` of `text`), in place.
pub(super) fn apply(
    gazetteer: &Gazetteer,
    text: &str,
    span: Range<usize>,
    found: &mut Vec<Found>,
    senses: &mut Senses,
) {
    let sentence = text.get(span.clone()).unwrap_or("");
    let mut keep = vec![true; found.len()];
    for i in 0..found.len() {
        let f = found[i];
        let form = &gazetteer.forms()[f.form];
        let surface = &text[f.start..f.end];
        let entity = gazetteer.entity(f.entity);
        let code = entity.code.as_str();
        let country = entity.kind == crate::gazetteer::EntityKind::Country;

        if country
            && matches!(
                form.via,
                Via::City | Via::Capital | Via::Name | Via::Variant | Via::Translation
            )
            && !judge_after_comma(gazetteer, text, span.end, found, i, senses)
        {
            keep[i] = false;
            continue;
        }
        if country && a_town_named_like_it(gazetteer, text, f) {
            keep[i] = false;
            senses.another_place(f.form);
            continue;
        }
        if country && !matches!(form.via, Via::City | Via::Capital | Via::Custom) {
            match inside_longer_name(text, f.start, f.end, form.via == Via::Demonym) {
                Longer::No => {}
                Longer::Place => {
                    keep[i] = false;
                    continue;
                }
                Longer::Town => {
                    keep[i] = false;
                    senses.another_place(f.form);
                    continue;
                }
                Longer::Business { everywhere } => {
                    keep[i] = false;
                    if everywhere && form.via != Via::Demonym {
                        senses.another_place(f.form);
                    }
                    continue;
                }
            }
        }
        if form.via == Via::Demonym && a_cuisine(text, f.end) {
            keep[i] = false;
            continue;
        }
        if form.via == Via::Demonym && demonym_as_surname(text, f.start, f.end) {
            keep[i] = false;
            senses.another_place(f.form);
            continue;
        }
        if form.via == Via::Demonym && is_a_language(text, f.start, f.end) {
            keep[i] = false;
            continue;
        }
        let english_georgia =
            surface.eq_ignore_ascii_case("Georgia") || surface.starts_with("Georgian");
        if code == "GEO"
            && english_georgia
            && georgia_is_the_us_state(gazetteer, text, sentence, f, found)
        {
            keep[i] = false;
            senses.georgia_state = true;
            continue;
        }
        // The headline test reads the whole sentence; only names that are also people's need it.
        if let Some(person) = persons_name(text, f.start, f.end, surface)
            && !is_title_case(sentence)
        {
            keep[i] = false;
            if person == Person::Certain {
                senses.another_place(f.form);
            }
            continue;
        }
        if surface == "US" && pronoun_us(text, f.start) {
            keep[i] = false;
            continue;
        }
        if matches!(code, "TUR" | "CHN")
            && surface.starts_with(['T', 'C'])
            && surface.len() <= 6
            && has_any_word(sentence, &FOOD)
        {
            keep[i] = false;
        }
    }
    sovereign_after_territory(gazetteer, text, found, &mut keep);
    let mut k = keep.into_iter();
    found.retain(|_| k.next().unwrap_or(true));
}

/// What a place or a state after the name's comma says: "Atlanta, Georgia" confirms the state,
/// "Moscow, Idaho" is another Moscow, "Valencia, Spain" moves the city to Spain. Returns whether
/// the mention stays.
fn judge_after_comma(
    gazetteer: &Gazetteer,
    text: &str,
    limit: usize,
    found: &mut [Found],
    i: usize,
    senses: &mut Senses,
) -> bool {
    let f = found[i];
    let form = &gazetteer.forms()[f.form];
    let code = gazetteer.entity(f.entity).code.as_str();
    match place_after_comma(gazetteer, text, f.end, limit, found) {
        AfterComma::Nothing => {}
        // "Armenia, Georgia and Azerbaijan" is a list of countries.
        AfterComma::Subdivision("Georgia", _) if !matches!(form.via, Via::City | Via::Capital) => {}
        AfterComma::Subdivision(state, in_country) => {
            // "Atlanta, Georgia" is in the United States; "Moscow, Idaho" is not Moscow
            // and "Lebanon, Pa." is not Lebanon.
            let there = gazetteer.by_code(in_country);
            let is_city = matches!(form.via, Via::City | Via::Capital);
            if Some(f.entity) == there || (state == "Georgia" && code == "GEO") {
                senses.confirm(f.form);
            } else if let Some(town) = there.filter(|u| is_city && form.alternatives.contains(u)) {
                found[i].entity = town;
                senses.moved(f.form, town);
            } else {
                senses.another_place(f.form);
                return false;
            }
        }
        AfterComma::Country(_) if !matches!(form.via, Via::City | Via::Capital) => {}
        AfterComma::Country(country) if country == f.entity => senses.confirm(f.form),
        AfterComma::Country(country) => {
            if form.alternatives.contains(&country) {
                found[i].entity = country;
            } else {
                return false;
            }
        }
    }
    true
}

/// Territories and the state they belong to (ISO 3166-1 codes). Taiwan and Western Sahara, whose
/// status is disputed, and Antarctica are left out.
const TERRITORIES: &[(&str, &[&str])] = &[
    ("USA", &["ASM", "GUM", "MNP", "PRI", "VIR", "UMI"]),
    (
        "GBR",
        &[
            "AIA", "BMU", "IOT", "VGB", "CYM", "FLK", "GIB", "MSR", "PCN", "SHN", "SGS", "TCA",
            "GGY", "JEY", "IMN",
        ],
    ),
    (
        "FRA",
        &[
            "GUF", "PYF", "ATF", "GLP", "MTQ", "MYT", "NCL", "REU", "BLM", "MAF", "SPM", "WLF",
        ],
    ),
    ("NLD", &["ABW", "CUW", "SXM", "BES"]),
    ("DNK", &["FRO", "GRL"]),
    ("NOR", &["SJM", "BVT"]),
    ("AUS", &["CXR", "CCK", "HMD", "NFK"]),
    ("NZL", &["COK", "NIU", "TKL"]),
    ("CHN", &["HKG", "MAC"]),
    ("FIN", &["ALA"]),
];

/// A territory qualified by its sovereign state — "Hong Kong, China", "American Samoa (US)",
/// "Greenland (Denmark)", "Puerto Rico, USA" — names the territory only: the state after it says
/// where the territory belongs, as "Paris, France" says where Paris is, and is not counted.
/// "China and Hong Kong", or "Hong Kong, China and Japan" and "Hong Kong, China, Japan" in a
/// list, name both: the state must close the phrase (a bracket, the end of the sentence or a
/// clause, a comma before a lower-case word).
fn sovereign_after_territory(
    gazetteer: &Gazetteer,
    text: &str,
    found: &[Found],
    keep: &mut [bool],
) {
    for i in 1..found.len() {
        let (territory, state) = (found[i - 1], found[i]);
        let code = |f: Found| gazetteer.entity(f.entity).code.as_str();
        let belongs = TERRITORIES
            .iter()
            .any(|(s, ts)| *s == code(state) && ts.contains(&code(territory)));
        if !belongs || !keep[i - 1] {
            continue;
        }
        let between = text.get(territory.end..state.start).unwrap_or("");
        let after = text.get(state.end..).unwrap_or("").trim_start();
        let qualifier = match between.trim() {
            // Not a list: "Hong Kong, China and Japan", "Hong Kong, China, Japan".
            "," => {
                if after.starts_with("and ") || after.starts_with("or ") {
                    false
                } else if let Some(rest) = after.strip_prefix(',') {
                    rest.trim_start().starts_with(char::is_lowercase)
                } else {
                    true
                }
            }
            "(" => after.starts_with(')'),
            _ => false,
        };
        if qualifier {
            keep[i] = false;
        }
    }
}

enum AfterComma {
    Nothing,
    /// A state or province (its name as written, the code of its country).
    Subdivision(&'static str, &'static str),
    Country(EntityId),
}

/// What follows ", " after a place name: a state or province, or a country mention.
fn place_after_comma(
    gazetteer: &Gazetteer,
    text: &str,
    end: usize,
    limit: usize,
    found: &[Found],
) -> AfterComma {
    let rest = &text[end..limit.max(end)];
    let Some(after) = rest.strip_prefix(", ") else {
        return AfterComma::Nothing;
    };
    let at = end + 2;
    if let Some((state, in_country)) = SUBDIVISIONS.iter().find(|(s, _)| {
        after.starts_with(*s) && !after[s.len()..].starts_with(|c: char| c.is_alphanumeric())
            || (s.len() > 3
                && after.len() >= s.len()
                && after.is_char_boundary(s.len())
                && after[..s.len()].eq_ignore_ascii_case(s)
                && after[..s.len()].chars().all(|c| !c.is_lowercase())
                && !after[s.len()..].starts_with(|c: char| c.is_alphanumeric()))
    }) {
        // "Hawaii and Guam, Louisiana, Nevada": a list of states, not Guam in Louisiana.
        let tail = &after[state.len()..];
        let tail = tail
            .strip_prefix(", ")
            .or_else(|| tail.strip_prefix(" and "))
            .or_else(|| tail.strip_prefix(" or "));
        let listed = tail.is_some_and(|t| {
            SUBDIVISIONS
                .iter()
                .any(|(s, c)| c == in_country && s.len() > 2 && t.starts_with(s))
        });
        if !listed {
            return AfterComma::Subdivision(state, in_country);
        }
        return AfterComma::Nothing;
    }
    // Only a country's own name says which country a place is in; "Baku, Tbilisi and Ankara" is a
    // list of capitals.
    match found.iter().find(|g| g.start == at) {
        Some(g)
            if gazetteer.entity(g.entity).kind == crate::gazetteer::EntityKind::Country
                && !matches!(
                    gazetteer.forms()[g.form].via,
                    Via::Capital | Via::City | Via::Demonym
                ) =>
        {
            AfterComma::Country(g.entity)
        }
        _ => AfterComma::Nothing,
    }
}

/// Whether a country's name is a word of a longer name that is not the country.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Longer {
    No,
    /// Another place: "New Jersey", "Western Australia", "Guernsey County", "Jersey City",
    /// "Niger Delta", "Korean Peninsula", "Stade de France", the party "United Russia".
    Place,
    /// A town's institution: "Palestine Independent School District", "Jordan Elementary",
    /// "Lebanon Township"; the name is the town's throughout the article.
    Town,
    /// A business named after the country: "Iceland Foods", "the Iceland supermarket",
    /// "Egypt Telecom"; `everywhere` when the name is the shop's throughout the article.
    Business {
        everywhere: bool,
    },
}

/// Words that, capitalised right before a country's name or demonym, make it part of the name of
/// a state, a neighbourhood or a party rather than the country: "New Mexico", "New England",
/// "Little Portugal", "United Russia". A whole name that is itself a country ("New Zealand") is
/// matched as the longer form and never reaches this.
///
/// Compass words are not among them: "South Venezuela" and "the Western US" are parts of the
/// country, and the established names of regions ("Western Australia", "East Azerbaijan") are
/// fixed phrases of the gazetteer.
const PLACE_PREFIXES: &[&str] = &["New", "Little", "United"];

/// Capitalised nouns that, right after a name, make it part of the name of a smaller place or a
/// feature: "Guernsey County", "Jersey City", "Niger Delta", "Korean Peninsula", "Cuba Street".
/// A quarter named after a people is a neighbourhood of another city ("the French Quarter" of New
/// Orleans, "the Armenian Quarter" of Jerusalem).
const PLACE_SUFFIXES: &[&str] = &[
    "County",
    "Quarter",
    "City",
    "Delta",
    "Peninsula",
    "Province",
    "Parish",
    "Township",
    "Borough",
    "River",
    "Lake",
    "Street",
    "Avenue",
    "Road",
    "Boulevard",
    "Drive",
    "Lane",
];

/// Continents and origins that make "American" part of the name of a people.
const ETHNIC_PREFIXES: &[&str] = &[
    "African", "Native", "Asian", "Latin", "Arab", "Hispanic", "Pacific", "Central", "South",
    "North",
];

/// Capitalised words after a name that make it a town's institution, which countries do not have
/// ("Palestine Independent School District", "Jordan Elementary", "Lebanon Township").
const LOCAL_INSTITUTIONS: &[&str] = &[
    "Independent",
    "School",
    "Schools",
    "Elementary",
    "High",
    "Middle",
    "Township",
    "Library",
    "Cemetery",
    "Chamber",
    "Rotary",
    "Kiwanis",
    "Borough",
    "Village",
    "Area",
    "Fire",
    "Civic",
];

/// Lower-case words after a place's name that make it where people live: "a Palestine man",
/// "Lebanon residents".
const RESIDENTS: &[&str] = &[
    "man",
    "woman",
    "men",
    "women",
    "resident",
    "residents",
    "teen",
    "teenager",
    "boy",
    "girl",
    "couple",
    "homeowner",
    "homeowners",
];

/// Street words of an address ("Locust St., Lebanon").
const STREET_WORDS: &[&str] = &[
    "St",
    "Street",
    "Ave",
    "Avenue",
    "Rd",
    "Road",
    "Blvd",
    "Boulevard",
    "Dr",
    "Drive",
    "Ln",
    "Lane",
    "Pike",
    "Hwy",
    "Highway",
];

/// "Jamaica High Commission", "Kenya High Court": national after all.
fn after_next_is_national(text: &str, end: usize, next: &str) -> bool {
    let at = text[end..].find(next).map_or(end, |i| end + i + next.len());
    matches!(
        next_word(text, at),
        "Commission" | "Commissioner" | "Court" | "Council"
    )
}

/// Words after a name that make it a shop, which an article then names by the bare name too
/// ("Iceland Foods", "the Iceland supermarket" … "Iceland has released a cake"). National
/// carriers and telecoms ("Air Canada", "British Airways") are left to the country: they speak for
/// it, and annotators count them both ways.
const SHOP_SUFFIXES: &[&str] = &[
    "Foods",
    "supermarket",
    "supermarkets",
    "Supermarket",
    "Supermarkets",
];

/// Nouns after a demonym that make it a cuisine or a place to eat, named after a people's cooking
/// rather than speaking of the country: "Mexican food", "Polish sausage", "an Irish pub", "the
/// Greek and Italian Grill", "Yokohama Japanese Restaurant".
const CUISINE: &[&str] = &[
    "food",
    "foods",
    "cuisine",
    "cooking",
    "dish",
    "dishes",
    "fare",
    "sausage",
    "sausages",
    "restaurant",
    "restaurants",
    "Restaurant",
    "Restaurants",
    "grill",
    "Grill",
    "pub",
    "Pub",
    "bistro",
    "Bistro",
    "bakery",
    "Bakery",
    "deli",
    "Deli",
    "grocery",
    "Grocery",
    "Kitchen",
    "Cafe",
    "Café",
    "Marketplace",
];

/// Whether a demonym ending at `end` names a cuisine: the cuisine noun follows, or a list of
/// demonyms leads to one ("Greek and Italian Grill").
fn a_cuisine(text: &str, end: usize) -> bool {
    let mut at = end;
    for _ in 0..4 {
        let next = next_word(text, at);
        if CUISINE.contains(&next) {
            return true;
        }
        if !(matches!(next, "and" | "or") || LANGUAGES.contains(&next)) {
            return false;
        }
        at += 1 + next.len();
        // "Greek and Italian Grill's": the possessive is part of the noun.
    }
    false
}

/// Verbs of saying after a surname.
const SAID: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "explained",
    "wrote",
    "asked",
    "noted",
    "recalled",
];

/// "Public Information Officer Monica French said", "Police Chief Thomas Finn said", "“We
/// cooperated,” French said": a demonym that is a surname (French, English, Finn, Dane) is a
/// person when a given name stands before it, or it speaks right after a quotation, and a verb of
/// saying follows. A people speaks with its article ("the French said").
fn demonym_as_surname(text: &str, start: usize, end: usize) -> bool {
    if !SAID.contains(&next_word(text, end)) {
        return false;
    }
    let head = text[..start].trim_end_matches(' ');
    if head.ends_with('”') || head.ends_with(",\"") {
        return true;
    }
    let previous = previous_word(text, start);
    if !previous.starts_with(char::is_uppercase)
        || previous.chars().all(char::is_uppercase)
        || BEFORE_NAME_OK.contains(&previous)
        || LANGUAGES.contains(&previous)
        || ETHNIC_PREFIXES.contains(&previous)
    {
        return false;
    }
    // The word before the given name must not open the sentence ("Many French said").
    let before = text[..start - previous.len() - 1].trim_end_matches(' ');
    !(before.is_empty() || before.ends_with(['.', '!', '?', '"', '“', '”', ':']))
}

/// A country's name that names a town here: "the city of Turkey", "City of Lebanon" (a country
/// is no city, unless its capital bears its name: "the city of Singapore", "Mexico City"), or
/// "Joyce Glover, 22, Palestine, …" (a person's age, then where they live — a town of a country
/// with states, when the name is also such a town's).
fn a_town_named_like_it(gazetteer: &Gazetteer, text: &str, f: Found) -> bool {
    let form = &gazetteer.forms()[f.form];
    if !matches!(form.via, Via::Name | Via::Variant) {
        return false;
    }
    let surface = &text[f.start..f.end];
    let capital_named_alike = gazetteer
        .entity(f.entity)
        .capital
        .as_deref()
        .is_some_and(|c| c.starts_with(surface) || surface.starts_with(c));
    (a_town_by_name(text, f.start) && !capital_named_alike)
        || (hometown_after_age(text, f.start, f.end)
            && form
                .alternatives
                .iter()
                .any(|a| SUBDIVISION_COUNTRIES.contains(&gazetteer.entity(*a).code.as_str())))
}

/// "the city of Turkey", "the Town of Lebanon": a place called by the name, as opposed to "the
/// largest city of Turkey", a place in the country.
fn a_town_by_name(text: &str, start: usize) -> bool {
    let head = &text[..start];
    let Some(head) = head
        .strip_suffix("city of ")
        .or_else(|| head.strip_suffix("City of "))
        .or_else(|| head.strip_suffix("town of "))
        .or_else(|| head.strip_suffix("Town of "))
        .or_else(|| head.strip_suffix("village of "))
    else {
        return false;
    };
    head.strip_suffix("the ")
        .or_else(|| head.strip_suffix("The "))
        .is_some_and(|h| !h.ends_with(char::is_alphanumeric))
}

/// "Terry Lee Jolly, 60, Lebanon, was arrested": the name stands after a capitalised name and an
/// age between commas, and ends its clause — the style of police and court notes in local news,
/// where it is where the person lives.
fn hometown_after_age(text: &str, start: usize, end: usize) -> bool {
    let Some(head) = text[..start].strip_suffix(", ") else {
        return false;
    };
    let digits = head.len() - head.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let Some(name) = head[..head.len() - digits].strip_suffix(", ") else {
        return false;
    };
    let last = name.rsplit(' ').next().unwrap_or("");
    last.starts_with(char::is_uppercase)
        && last
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '-'))
        && text[end..].starts_with([',', '.', ';'])
}

/// Whether the name at `start..end` is a word of a longer name that is not its country.
fn inside_longer_name(text: &str, start: usize, end: usize, demonym: bool) -> Longer {
    let next = next_word(text, end);
    let caps = |w: &str, of: &str| {
        w == of || (w.len() > 1 && w.eq_ignore_ascii_case(of) && !w.chars().any(char::is_lowercase))
    };
    if SHOP_SUFFIXES.iter().any(|s| caps(next, s)) {
        return Longer::Business { everywhere: true };
    }
    if LOCAL_INSTITUTIONS.contains(&next) && !after_next_is_national(text, end, next) {
        return Longer::Town;
    }
    // "a 36-year-old Palestine man": a country's people take its demonym, a town's its name.
    if RESIDENTS.contains(&next) && !demonym {
        return Longer::Town;
    }
    // "400 S. Locust St., Lebanon": the town of a street address.
    let head = text[..start].trim_end_matches(' ');
    if let Some(head) = head.strip_suffix(',') {
        let last = head.rsplit(' ').next().unwrap_or("").trim_end_matches('.');
        if STREET_WORDS.contains(&last) {
            return Longer::Town;
        }
    }
    if PLACE_SUFFIXES.iter().any(|s| caps(next, s)) {
        return Longer::Place;
    }
    let previous = previous_word(text, start);
    let word = &text[start..end];
    // Peoples named by a continent and a country: "African Americans", "Native American",
    // "Latin American", "American Indians" are neither the United States nor India.
    if word.starts_with("American")
        && (ETHNIC_PREFIXES.contains(&previous) || next.starts_with("Indian"))
        || (word.starts_with("Indian") && matches!(previous, "American" | "Native" | "Plains"))
    {
        return Longer::Place;
    }
    if PLACE_PREFIXES.iter().any(|p| caps(previous, p)) {
        return Longer::Place;
    }
    // "Stade de France", "Banque de France": a French name with the country in it.
    if matches!(previous, "de" | "du" | "des") {
        let before = previous_word(text, start - previous.len() - 1);
        if before.starts_with(char::is_uppercase) {
            return Longer::Place;
        }
    }
    Longer::No
}

/// The word right after `end` (one space between), or "".
fn next_word(text: &str, end: usize) -> &str {
    text[end..].strip_prefix(' ').map_or("", |t| {
        t.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("")
    })
}

/// The word right before `start` (one space between), or "".
fn previous_word(text: &str, start: usize) -> &str {
    text.get(..start)
        .and_then(|t| t.strip_suffix(' '))
        .map_or("", |t| {
            t.rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
        })
}

/// Names of languages that are also the adjective of a country ("French", "Turkish").
const LANGUAGES: &[&str] = &[
    "English",
    "French",
    "Spanish",
    "Portuguese",
    "German",
    "Italian",
    "Dutch",
    "Russian",
    "Chinese",
    "Japanese",
    "Korean",
    "Arabic",
    "Turkish",
    "Greek",
    "Polish",
    "Swedish",
    "Norwegian",
    "Danish",
    "Finnish",
    "Hungarian",
    "Czech",
    "Romanian",
    "Hebrew",
    "Persian",
    "Farsi",
    "Hindi",
    "Urdu",
    "Bengali",
    "Thai",
    "Vietnamese",
    "Indonesian",
    "Malay",
    "Swahili",
    "Ukrainian",
    "Serbian",
    "Croatian",
    "Bulgarian",
    "Albanian",
    "Armenian",
    "Georgian",
    "Icelandic",
    "Irish",
    "Welsh",
    "Latvian",
    "Lithuanian",
    "Estonian",
    "Slovak",
    "Slovenian",
    "Filipino",
    "Tagalog",
    "Mongolian",
    "Nepali",
    "Pashto",
    "Dari",
    "Amharic",
    "Somali",
    "Khmer",
    "Lao",
    "Burmese",
    "Sinhala",
    "Sinhalese",
    "Tamil",
    "Kurdish",
    "Azerbaijani",
    "Azeri",
    "Kazakh",
    "Uzbek",
    "Tajik",
    "Turkmen",
    "Kyrgyz",
    "Belarusian",
    "Macedonian",
    "Bosnian",
    "Maltese",
    "Catalan",
    "Basque",
    "Mandarin",
    "Cantonese",
    "Latin",
    "Yiddish",
    "Punjabi",
    "Gujarati",
];

/// Words after which a language's name is the language: "speaks French", "studying
/// Portuguese", "translated into Arabic".
const LANGUAGE_VERBS: &[&str] = &[
    "speak",
    "speaks",
    "spoke",
    "speaking",
    "spoken",
    "learn",
    "learns",
    "learned",
    "learnt",
    "learning",
    "study",
    "studies",
    "studied",
    "studying",
    "teach",
    "teaches",
    "taught",
    "teaching",
    "into",
    "fluent",
    "understand",
    "understands",
    "read",
    "reads",
    "write",
    "writes",
    "wrote",
];

/// Words that may follow "in French" and leave it the language ("in Spanish after he saw …").
const AFTER_LANGUAGE: &[&str] = &[
    "and",
    "or",
    "but",
    "after",
    "before",
    "with",
    "to",
    "for",
    "as",
    "on",
    "at",
    "by",
    "from",
    "while",
    "when",
    "which",
    "that",
    "the",
    "a",
    "an",
    "is",
    "was",
    "so",
    "because",
    "only",
    "too",
    "instead",
    "rather",
    "than",
    "language",
    "languages",
    "translation",
    "subtitles",
    "speakers",
    "speaking",
    "fluently",
    "where",
    "who",
    "during",
    "until",
    "since",
    "in",
    "if",
];

/// A language and not its country: "speaks French", "in Spanish.", "English and Spanish,",
/// "French-speaking", "Chinese-language".
fn is_a_language(text: &str, start: usize, end: usize) -> bool {
    let word = &text[start..end];
    if !LANGUAGES.contains(&word) {
        return false;
    }
    let after = &text[end..];
    if [
        "-speaking",
        "-language",
        " language",
        " speakers",
        " translation",
        " subtitles",
    ]
    .iter()
    .any(|s| after.starts_with(s))
    {
        return true;
    }
    // Walk back over a list of languages ("English, French and Spanish") to the word before it.
    let mut at = start;
    let mut before = previous_word_loose(text, at);
    while matches!(
        before.0,
        "and" | "or" | "only" | "mostly" | "mainly" | "both" | "also" | "some" | "little" | "good"
    ) || LANGUAGES.contains(&before.0)
    {
        at = before.1;
        before = previous_word_loose(text, at);
    }
    if LANGUAGE_VERBS.contains(&before.0) {
        return true;
    }
    if before.0 != "in" {
        return false;
    }
    // "in French" is the language when the list ends the clause or runs into a small word;
    // "in French politics" is the country's.
    let mut at = end;
    loop {
        let rest = &text[at..];
        let trimmed = rest.trim_start_matches([' ', ',']);
        let word: &str = trimmed
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("");
        if word.is_empty() {
            // "in French." ends the clause; "in Turkmen-Azerbaijani relations" is an adjective.
            return !trimmed.starts_with(['-', '–', '/']);
        }
        if LANGUAGES.contains(&word) {
            at = text.len() - trimmed.len() + word.len();
            continue;
        }
        if word == "and" || word == "or" {
            // "in Turkish, and also …" ends the list; "in English and Spanish" goes on.
            let next_at = text.len() - trimmed.len() + word.len();
            let next = next_word(text, next_at);
            if LANGUAGES.contains(&next) {
                at = next_at;
                continue;
            }
            return true;
        }
        return AFTER_LANGUAGE.contains(&word);
    }
}

/// The word before `start` across spaces and commas, and where it starts.
fn previous_word_loose(text: &str, start: usize) -> (&str, usize) {
    let head = text[..start].trim_end_matches([' ', ',']);
    let from = super::after_last(head, |c| !c.is_alphanumeric());
    (&head[from..], from)
}

/// Names of states and provinces whose mention places an article in their country: full names
/// anywhere ("Texas", "Ontario") in one automaton, abbreviations after a comma (", Pa.", ", TX")
/// looked up at each comma. Georgia and Washington are left out: each is also a country or a
/// capital.
static SUBDIVISION_NAMES: LazyLock<SubdivisionNames> = LazyLock::new(|| {
    let mut full = Vec::new();
    let mut codes = Vec::new();
    let mut abbreviations = std::collections::HashMap::new();
    for (name, code) in SUBDIVISIONS {
        if matches!(*name, "Georgia" | "Washington") {
            continue;
        }
        if name.chars().any(char::is_lowercase) && !name.ends_with('.') {
            full.push(*name);
            codes.push(*code);
        } else {
            abbreviations.insert(*name, *code);
        }
    }
    let matcher = aho_corasick::AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(&full)
        .ok();
    SubdivisionNames {
        matcher,
        codes,
        abbreviations,
    }
});

struct SubdivisionNames {
    matcher: Option<aho_corasick::AhoCorasick>,
    /// The country of each full name, by pattern.
    codes: Vec<&'static str>,
    /// Abbreviations and postal codes ("Pa.", "TX") and their country.
    abbreviations: std::collections::HashMap<&'static str, &'static str>,
}

/// The countries of [`SUBDIVISIONS`].
const SUBDIVISION_COUNTRIES: &[&str] = &["USA", "CAN", "AUS"];

/// The countries whose states or provinces `text` names.
fn countries_by_subdivision(text: &str) -> Vec<&'static str> {
    let names = &*SUBDIVISION_NAMES;
    let mut out: Vec<&'static str> = Vec::new();
    let mut add = |code| {
        if !out.contains(&code) {
            out.push(code);
        }
    };
    if let Some(matcher) = &names.matcher {
        for m in matcher.find_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                add(names.codes[m.pattern().as_usize()]);
            }
        }
    }
    for comma in memchr::memmem::find_iter(text.as_bytes(), ", ") {
        let rest = &text.as_bytes()[comma + 2..];
        if !rest.first().is_some_and(u8::is_ascii_uppercase) {
            continue;
        }
        // "Pa." with its period, "TX" without one, "N.Y." and "W. Va." with theirs: candidate
        // ends after each period and at the first byte that is no letter, within eight bytes.
        let head = &rest[..rest.len().min(8)];
        for end in 1..=head.len() {
            let closes =
                head[end - 1] == b'.' || !rest.get(end).is_some_and(u8::is_ascii_alphanumeric);
            if !closes || rest.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            let word = std::str::from_utf8(&rest[..end]).unwrap_or("");
            if let Some(code) = names.abbreviations.get(word) {
                add(code);
                break;
            }
        }
    }
    out
}

/// Towns named like a foreign city ("Dublin", "Alexandria", "Athens" in local US news): where an
/// article names states or provinces of a country that has a town of that name, and never names
/// the city's country except by such shared names, the name is the town and counts for the
/// town's country. A country's own name is not moved this way: "the border with Mexico" in an
/// article about Texas is the country; its towns ("Palestine Independent School District") are
/// told by what follows the name (`inside_longer_name`) or by a state after it.
pub(super) fn namesakes<T>(
    gazetteer: &Gazetteer,
    text: &str,
    senses: &Senses,
    items: &mut [T],
    place: impl Fn(&T) -> (usize, EntityId),
    entity: impl Fn(&mut T) -> &mut EntityId,
) {
    let forms = gazetteer.forms();
    // A name the article qualified itself ("Paris, Texas") has been judged already.
    let shared = |form: usize| !forms[form].alternatives.is_empty() && !senses.decided(form);
    if !items.iter().any(|i| shared(place(i).0)) {
        return;
    }
    // Countries the article names in ways no town shares.
    let plain: Vec<EntityId> = items
        .iter()
        .map(&place)
        .filter(|(form, _)| !shared(*form))
        .map(|(_, e)| e)
        .collect();
    // Only cities of countries the article does not name plainly, with towns in countries that
    // have states or provinces to tell them by, can move: read the text for states only then.
    let movable = items.iter().any(|i| {
        let (form, current) = place(i);
        shared(form)
            && !plain.contains(&current)
            && forms[form]
                .alternatives
                .iter()
                .any(|a| SUBDIVISION_COUNTRIES.contains(&gazetteer.entity(*a).code.as_str()))
    });
    if !movable {
        return;
    }
    let home = countries_by_subdivision(text);
    if home.is_empty() {
        return;
    }
    let town_of = |form: usize, current: EntityId| -> Option<EntityId> {
        if plain.contains(&current) {
            return None;
        }
        forms[form]
            .alternatives
            .iter()
            .copied()
            .find(|a| home.contains(&gazetteer.entity(*a).code.as_str()))
    };
    for item in items.iter_mut() {
        let (form, current) = place(item);
        if shared(form)
            && matches!(forms[form].via, Via::City | Via::Capital)
            && let Some(town) = town_of(form, current)
        {
            *entity(item) = town;
        }
    }
}

/// Georgia the US state: "Atlanta, Georgia", "X County, Georgia", or US words without Caucasus
/// words in the sentence.
fn georgia_is_the_us_state(
    gazetteer: &Gazetteer,
    text: &str,
    sentence: &str,
    f: Found,
    found: &[Found],
) -> bool {
    // "the Georgia state line", "Georgia State University": the country's is "Georgian state".
    if next_word(text, f.end).eq_ignore_ascii_case("state") {
        return true;
    }
    // "<Place>, Georgia" where the place is not in Georgia the country.
    let before = &text[..f.start];
    if let Some(head) = before.strip_suffix(", ") {
        let prev_word_start =
            super::after_last(head, |c| !(c.is_alphanumeric() || c == '.' || c == ' '));
        let prev = head[prev_word_start..].trim();
        // "Tbilisi, Georgia" and "Armenia, Georgia" are the country; "Athens, Georgia" is not.
        let prev_is_country_place = found.iter().any(|g| {
            g.end == head.len()
                && (gazetteer.entity(g.entity).code == "GEO"
                    || (gazetteer.entity(g.entity).kind == crate::gazetteer::EntityKind::Country
                        && !matches!(gazetteer.forms()[g.form].via, Via::Capital | Via::City)))
        });
        if !prev.is_empty() && prev.starts_with(char::is_uppercase) && !prev_is_country_place {
            return true;
        }
    }
    has_any_word(sentence, &US) && !has_any_word(sentence, &CAUCASUS)
}

/// Georgia throughout an article that speaks of the US state: where one sentence read it as the
/// state, or the article names other states of the United States, and nothing in the article
/// speaks of the Caucasus (its cities, neighbours, leaders, "Georgian"), every bare "Georgia" is
/// the state — one sense per discourse, as for towns named like countries. Sentences without
/// cues of their own ("a Georgia jail", "Georgia communities") are the common case in local news.
pub(super) fn georgia_throughout<T>(
    gazetteer: &Gazetteer,
    text: &str,
    senses: &Senses,
    items: &mut Vec<T>,
    form_of: impl Fn(&T) -> usize,
) {
    let forms = gazetteer.forms();
    let is_georgia = |item: &T| {
        let form = &forms[form_of(item)];
        form.via == Via::Name
            && form.text.eq_ignore_ascii_case("Georgia")
            && gazetteer.entity(form.entity).code == "GEO"
    };
    if !items.iter().any(is_georgia) {
        return;
    }
    if !senses.georgia_state && !countries_by_subdivision(text).contains(&"USA") {
        return;
    }
    if has_any_word(text, &CAUCASUS) || has_any_word(text, &GEORGIAN) {
        return;
    }
    items.retain(|item| !is_georgia(item));
}

/// "Michael Jordan", "Chad Smith said", "Denzel Washington": the name stands between capitalised
/// words that are not the usual company of a country's name.
fn persons_name(text: &str, start: usize, end: usize, surface: &str) -> Option<Person> {
    if !PERSON_NAMES.contains(&surface) {
        return None;
    }
    let before = &text[..start];
    if let Some(head) = before.strip_suffix(' ') {
        let word = head
            .rsplit(|c: char| !c.is_alphanumeric() && c != '\'' && c != '.')
            .next()
            .unwrap_or("");
        let sentence_start = head[..head.len() - word.len()]
            .trim_end()
            .ends_with(['.', '!', '?', '"', '“'])
            || head.len() == word.len();
        if word.starts_with(char::is_uppercase)
            && !BEFORE_NAME_OK.contains(&word.trim_end_matches('.'))
            && !sentence_start
        {
            return Some(Person::Certain);
        }
    }
    let after = &text[end..];
    // "Georgia's father", "Jordan's mother": countries have no parents.
    if let Some(tail) = after
        .strip_prefix("'s ")
        .or_else(|| after.strip_prefix("’s "))
    {
        let word = tail
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if KIN.contains(&word) {
            return Some(Person::Certain);
        }
    }
    if let Some(tail) = after.strip_prefix(' ') {
        let word: &str = tail
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .next()
            .unwrap_or("");
        if word.starts_with(char::is_uppercase)
            && word.chars().count() > 1
            && !AFTER_NAME_OK.contains(&word)
            && !word.chars().all(char::is_uppercase)
        {
            // "Georgia Smith" is a person for the whole article; "of Georgia Salome
            // Zourabichvili" only here.
            let previous = previous_word(text, start);
            let after_small_word = previous.starts_with(char::is_lowercase);
            return Some(if after_small_word {
                Person::Here
            } else {
                Person::Certain
            });
        }
    }
    None
}

/// Family words after a possessive name: a person's ("Georgia's father").
const KIN: &[&str] = &[
    "father",
    "mother",
    "parents",
    "dad",
    "mom",
    "mum",
    "son",
    "daughter",
    "husband",
    "wife",
    "brother",
    "sister",
    "grandmother",
    "grandfather",
    "boyfriend",
    "girlfriend",
    "fiance",
    "fiancee",
];

/// How sure a person's-name reading is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Person {
    /// Only this mention.
    Here,
    /// The name is a person's throughout the article.
    Certain,
}

/// "LET US TRADE", "JOIN US": in text written in capitals, "US" after a verb or preposition is
/// the pronoun.
fn pronoun_us(text: &str, start: usize) -> bool {
    const BEFORE_PRONOUN: &[&str] = &[
        "LET", "JOIN", "TELL", "HELP", "GIVE", "SHOW", "CONTACT", "FOLLOW", "FOR", "WITH", "ABOUT",
        "AMONG", "OF", "BEHIND", "LEAVE", "SEND", "CALL", "VISIT", "TRUST", "BELIEVE", "SAVE",
    ];
    let previous = text[..start].split_whitespace().next_back().unwrap_or("");
    if !BEFORE_PRONOUN.contains(&previous) {
        return false;
    }
    // Only where the next word is in capitals too, as in a banner or a shouted headline.
    let next = text[start + 2..].split_whitespace().next().unwrap_or("");
    let next_letters: Vec<char> = next.chars().filter(|c| c.is_alphabetic()).collect();
    next_letters.is_empty()
        || (next_letters.len() >= 2 && next_letters.iter().all(|c| c.is_uppercase()))
}

/// Whether any of `words` stands in `sentence` as whole words.
fn has_any_word(sentence: &str, words: &WordList) -> bool {
    words.0.as_ref().is_some_and(|matcher| {
        matcher.find_overlapping_iter(sentence).any(|m| {
            let before = sentence[..m.start()].chars().next_back();
            let after = sentence[m.end()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// A list of cue words compiled once, so a sentence is read once for all of them.
struct WordList(Option<aho_corasick::AhoCorasick>);

impl WordList {
    fn new(words: &[&str]) -> Self {
        Self(aho_corasick::AhoCorasick::new(words).ok())
    }
}

static US: LazyLock<WordList> = LazyLock::new(|| WordList::new(US_CUES));
static CAUCASUS: LazyLock<WordList> = LazyLock::new(|| WordList::new(CAUCASUS_CUES));
static GEORGIAN: LazyLock<WordList> =
    LazyLock::new(|| WordList::new(&["Georgian", "Georgians", "GEORGIAN"]));
static FOOD: LazyLock<WordList> = LazyLock::new(|| WordList::new(FOOD_CUES));

/// A headline in Title Case ("Aliyev and Erdoğan Strengthen Energy Ties"), where capitals say
/// nothing about names.
fn is_title_case(sentence: &str) -> bool {
    let words: Vec<&str> = sentence
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    if words.len() < 4 {
        return false;
    }
    let capitalised = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    capitalised * 10 >= words.len() * 7
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use crate::gazetteer::Gazetteer;

    static GAZ: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::bundled().expect("gazetteer"));

    /// `(surface, code)` of every country found, the text read as an article of its own (one
    /// sentence after another).
    fn found(text: &str) -> Vec<(String, String)> {
        let doc = crate::corpus::Document::from_text(
            "test.txt".to_owned(),
            None,
            text.to_owned(),
            text.len() as u64,
        );
        crate::extract::extract(&GAZ, &doc)
            .into_iter()
            .filter(|m| GAZ.entity(m.entity).kind == crate::gazetteer::EntityKind::Country)
            .map(|m| {
                (
                    doc.text[m.range()].to_owned(),
                    GAZ.entity(m.entity).code.clone(),
                )
            })
            .collect()
    }

    fn codes(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(_, c)| c).collect()
    }

    #[test]
    fn a_name_with_a_father_is_a_person() {
        let text = "Georgia's father said she trained daily. Georgia was in the top six.";
        assert!(codes(text).is_empty(), "{:?}", codes(text));
        assert_eq!(
            codes("Georgia's president met Armenia's."),
            vec!["GEO", "ARM"]
        );
    }

    #[test]
    fn surnames_like_holland_are_people() {
        assert!(codes("Former reporter Bill Holland covered the case for years.").is_empty());
        assert_eq!(
            codes("Holland beat Spain in the final."),
            vec!["NLD", "ESP"]
        );
    }

    #[test]
    fn territories_qualified_by_their_sovereign_are_the_territory_only() {
        assert_eq!(
            codes("Protests spread in Hong Kong, China, on Monday."),
            vec!["HKG"]
        );
        assert_eq!(
            codes("Flights to American Samoa (US) resumed."),
            vec!["ASM"]
        );
        assert_eq!(codes("She was born in Greenland (Denmark)."), vec!["GRL"]);
        assert_eq!(codes("Hurricane season hit Puerto Rico, USA."), vec!["PRI"]);
        // A list names both.
        assert_eq!(
            codes("Exports to Hong Kong, China and Japan rose."),
            vec!["HKG", "CHN", "JPN"]
        );
        assert_eq!(
            codes("Delegates from Hong Kong, China, Japan and Korea met."),
            vec!["HKG", "CHN", "JPN", "KOR"]
        );
        // A state that is not the territory's sovereign is another country.
        assert_eq!(
            codes("Hong Kong, Japan and Taiwan agreed."),
            vec!["HKG", "JPN", "TWN"]
        );
    }

    #[test]
    fn dateline_city_with_us_state_abbreviation() {
        // Salem, Oregon is a city of the United States, not Salem in India.
        assert_eq!(
            codes("SALEM, Ore. — The legislature adjourned."),
            vec!["USA"]
        );
        assert_eq!(codes("SAN JOSE, Calif. — Apple shares rose."), vec!["USA"]);
        assert_eq!(codes("ATHENS, Ga. (AP) — The Bulldogs won."), vec!["USA"]);
        assert_eq!(codes("Paris, TX — The county fair opened."), vec!["USA"]);
        assert_eq!(
            codes("Protests in Athens, Greece, turned violent."),
            vec!["GRC", "GRC"]
        );
    }

    #[test]
    fn country_named_town_with_a_state_is_the_town() {
        assert!(codes("The film festival in Palestine, Texas, drew a crowd.").is_empty());
        assert!(codes("LEBANON, Pa. — A fire destroyed a barn.").is_empty());
        assert!(codes("Police in Mexico, Mo., arrested two men.").is_empty());
        assert_eq!(
            codes("Fighting resumed in Lebanon, officials said."),
            vec!["LBN"]
        );
    }

    #[test]
    fn city_in_a_canadian_province() {
        assert_eq!(codes("She grew up in London, Ontario."), vec!["CAN"]);
        assert_eq!(codes("She grew up in London, England."), vec!["GBR", "GBR"]);
    }

    #[test]
    fn a_list_of_states_is_not_a_dateline() {
        assert_eq!(
            codes("Teams are heading to Hawaii and Guam, Louisiana, Nevada and Texas."),
            vec!["GUM"]
        );
    }

    #[test]
    fn one_sense_per_article() {
        let article = "PALESTINE, Texas — The school board met Monday. \
                       Palestine Independent School District will add a bus route.";
        assert!(codes(article).is_empty());
        let athens = "ATHENS, Ga. — The city council met. Athens will repave Broad Street.";
        assert_eq!(codes(athens), vec!["USA", "USA"]);
        // Qualified both ways, each mention keeps its own reading.
        assert_eq!(
            codes("Paris, France, and Paris, Texas, both held fairs."),
            vec!["FRA", "FRA", "USA"]
        );
    }

    #[test]
    fn town_in_local_news_without_its_state_in_the_sentence() {
        let dublin = "The Dublin city council approved the budget. \
                      Ohio lawmakers had cut local funding.";
        assert_eq!(codes(dublin), vec!["USA"]);
        // Without a state, Dublin stays the Irish capital.
        assert_eq!(
            codes("The Dublin city council approved the budget."),
            vec!["IRL"]
        );
        // Where the article names the country too, the capital keeps it.
        let irish = "Ireland's government met in Dublin. Ohio investors attended.";
        assert_eq!(codes(irish), vec!["IRL", "IRL"]);
    }

    #[test]
    fn prominent_cities_below_half_a_million() {
        for (city, code) in [
            ("Frankfurt", "DEU"),
            ("Zurich", "CHE"),
            ("Geneva", "CHE"),
            ("Bonn", "DEU"),
            ("Porto", "PRT"),
            ("Lyon", "FRA"),
        ] {
            assert_eq!(
                codes(&format!("Talks were held in {city} on Monday.")),
                vec![code]
            );
        }
    }

    #[test]
    fn new_york_dateline() {
        assert_eq!(codes("NEW YORK, March 3 - Stocks fell."), vec!["USA"]);
        assert_eq!(codes("He flew to New York on Monday."), vec!["USA"]);
    }

    #[test]
    fn country_name_inside_longer_names() {
        for text in [
            "Vancouver is the largest city in British Columbia.",
            "The senator from New Jersey spoke.",
            "Jersey City officials met on Monday.",
            "Oil spills continue in the Niger Delta.",
            "Talks on the Korean Peninsula resumed.",
            "Perth is the capital of Western Australia.",
            "An earthquake struck East Azerbaijan province.",
            "The Guernsey County commissioners met.",
            "The final was played at the Stade de France.",
            "United Russia won the Duma election.",
            "Belfast is the capital of Northern Ireland.",
            "Fish and chips are popular in New England.",
            "She runs a bakery in Little Portugal.",
        ] {
            let kept: Vec<_> = found(text)
                .into_iter()
                .filter(|(s, _)| {
                    [
                        "British",
                        "Jersey",
                        "Niger",
                        "Korean",
                        "Australia",
                        "Azerbaijan",
                    ]
                    .contains(&s.as_str())
                        || [
                            "Guernsey", "France", "Russia", "Ireland", "England", "Portugal",
                        ]
                        .contains(&s.as_str())
                })
                .collect();
            assert!(kept.is_empty(), "{text}: {kept:?}");
        }
        // A compass word alone describes a part of the country.
        assert_eq!(codes("Mines in South Venezuela reopened."), vec!["VEN"]);
    }

    #[test]
    fn country_named_town_institutions() {
        let text = "Palestine Independent School District will add a bus route. \
                    Palestine voters approved the bond.";
        assert!(codes(text).is_empty());
        assert!(codes("Jordan Elementary gets a reward.").is_empty());
        assert_eq!(
            codes("The Jamaica High Commission issued visas."),
            vec!["JAM"]
        );
        // The border with Mexico is the country, whatever states the article names.
        assert_eq!(
            codes("Texas troopers patrol the border with Mexico. Arizona joined them."),
            vec!["MEX"]
        );
    }

    #[test]
    fn country_named_town_residents_and_addresses() {
        assert!(codes("A 36-year-old Palestine man was arrested.").is_empty());
        assert!(codes("Services at 400 S. Locust St., Lebanon. Burial follows.").is_empty());
        assert_eq!(codes("A Lebanese man was arrested."), vec!["LBN"]);
    }

    #[test]
    fn common_short_and_inverted_forms() {
        for (text, code) in [
            ("Korea posted record chip exports.", "KOR"),
            ("N. Korea fired a missile.", "PRK"),
            ("S. Korea protested.", "KOR"),
            ("ROK forces joined the drill.", "KOR"),
            ("He praised what T&T had done.", "TTO"),
            ("Exports went to the U.S", "USA"),
            ("Korea, Rep. 1.2 3.4", "KOR"),
            ("Congo, Dem. Rep. 0.5 0.7", "COD"),
            ("Iran, Islamic Rep. 2.0 2.1", "IRN"),
            ("Micronesia, Fed. Sts. 0.1 0.1", "FSM"),
            ("Bahamas, The 4.4 4.5", "BHS"),
        ] {
            assert_eq!(codes(text), vec![code], "{text}");
        }
    }

    #[test]
    fn sa_stands_for_south_africa_only_beside_it() {
        assert_eq!(
            codes("South Africa exports platinum. SA holds the largest reserves."),
            vec!["ZAF", "ZAF"]
        );
        assert!(codes("The supplier, Acme SA, reported a loss.").is_empty());
    }

    #[test]
    fn seats_of_government_stand_for_their_country() {
        assert_eq!(
            found("The Kremlin rejected the plan, Downing Street said."),
            vec![
                ("Kremlin".to_owned(), "RUS".to_owned()),
                ("Downing Street".to_owned(), "GBR".to_owned())
            ]
        );
        assert_eq!(
            codes("A White House spokesman declined to comment."),
            vec!["USA"]
        );
        assert!(codes("They painted the white house on the hill.").is_empty());
        let seat = GAZ
            .forms()
            .iter()
            .find(|f| f.text == "Kremlin")
            .expect("a form");
        assert_eq!(
            GAZ.explain(seat, seat.entity),
            "seat of government of Russia"
        );
    }

    #[test]
    fn iceland_the_supermarket() {
        let text = "The Iceland supermarket chain launched a cake. \
                    Iceland said the cake sold out.";
        assert!(codes(text).is_empty());
        assert_eq!(codes("Iceland said the volcano erupted."), vec!["ISL"]);
    }

    #[test]
    fn georgia_as_a_given_name_for_the_whole_article() {
        let text = "Georgia Smith won the regional title. Georgia began skating at four.";
        assert!(codes(text).is_empty());
        assert_eq!(
            codes(
                "A speech by the president of Georgia Salome Zourabichvili was broadcast on \
                 television. Georgia joined the talks."
            ),
            vec!["GEO"]
        );
    }

    #[test]
    fn languages_are_not_countries() {
        assert!(codes("Ms. Moayyad spoke only French and Farsi when she arrived.").is_empty());
        assert!(codes("The gunman shouted in Turkish, and also in Arabic.").is_empty());
        assert!(codes("The ad ran in English and Spanish, where it aired.").is_empty());
        assert!(codes("She is studying Portuguese.").is_empty());
        assert_eq!(
            codes("A new chapter in Turkmen-Azerbaijani ties."),
            vec!["TKM", "AZE"]
        );
        assert!(codes("A French-speaking region voted.").is_empty());
        assert_eq!(codes("He was born in French Guiana.").len(), 1);
        assert_eq!(codes("A shift in French politics."), vec!["FRA"]);
        assert_eq!(codes("The French president spoke."), vec!["FRA"]);
    }

    #[test]
    fn peoples_named_with_america() {
        assert!(codes("Enslaved African Americans built the road.").is_empty());
        assert!(codes("Native American tribes signed the accord.").is_empty());
        assert!(codes("Growth in Latin American economies slowed.").is_empty());
        assert_eq!(codes("American troops left."), vec!["USA"]);
    }

    #[test]
    fn georgia_the_us_state() {
        assert_eq!(codes("Delta is based in Atlanta, Georgia."), vec!["USA"]);
        assert!(codes("Georgia's governor Brian Kemp signed the bill.").is_empty());
        assert!(codes("Voters in Fulton County, Georgia, lined up early.").is_empty());
        assert!(codes("He studied at the University of Georgia.").is_empty());
        assert!(codes("Georgia Tech won again.").is_empty());
        assert!(codes("The line runs from Kentucky to the Georgia state line.").is_empty());
    }

    #[test]
    fn georgia_the_country() {
        assert_eq!(
            codes("Protests continued in Tbilisi, Georgia, on Sunday."),
            vec!["GEO", "GEO"]
        );
        assert_eq!(
            codes("Armenia, Georgia and Azerbaijan met."),
            vec!["ARM", "GEO", "AZE"]
        );
        assert_eq!(
            codes("Georgia's parliament in Tbilisi passed the law."),
            vec!["GEO", "GEO"]
        );
        assert_eq!(codes("The Georgian Dream party won."), vec!["GEO"]);
    }

    #[test]
    fn georgia_throughout_an_article_about_the_us_state() {
        // One sentence settles it ("Georgia State Ethics Commission"), or the article's other
        // states do; the sentences without cues follow.
        assert!(
            codes(
                "The bill would prohibit Georgia communities from restricting modular homes. \
                 Rick Thompson heads the Georgia State Ethics Commission."
            )
            .is_empty()
        );
        assert!(
            codes(
                "The dealer hanged himself in a Georgia jail last summer. \
                 She mailed payments to Arizona and California."
            )
            .is_empty()
        );
        // An article that speaks of the Caucasus anywhere keeps the country.
        assert_eq!(
            found(
                "Observers were sent to Georgia. They travelled on from Tbilisi. \
                 A senator from Arizona joined them."
            ),
            vec![
                ("Georgia".into(), "GEO".into()),
                ("Tbilisi".into(), "GEO".into())
            ]
        );
    }

    #[test]
    fn towns_named_like_countries_where_people_live() {
        // Police and court notes: a name, an age, then the hometown; the whole article follows.
        assert!(
            codes(
                "Joyce Glover, 22, Palestine, date of alleged offense, Nov. 23. \
                 The driver, Galen Miller of Palestine, was treated at the scene."
            )
            .is_empty()
        );
        assert!(codes("The fair is held past the Palestine Civic Center.").is_empty());
        // Not a town of a country with states: the country.
        assert_eq!(codes("Ahmed Ali, 34, Egypt, won the race."), vec!["EGY"]);
        assert_eq!(
            codes("Talks on Palestine, the envoy said, resume."),
            vec!["PSE"]
        );
    }

    #[test]
    fn the_city_of_a_country_name_is_a_town() {
        assert!(
            codes("The celebration returns to Turkey on Thursday. Tickets are sold by the city of Turkey.")
                .is_empty()
        );
        assert_eq!(
            codes("Ankara is not the largest city of Turkey."),
            vec!["TUR", "TUR"]
        );
        // A country whose capital bears its name is also a city.
        assert_eq!(codes("He lives in the city of Singapore."), vec!["SGP"]);
    }

    #[test]
    fn quarters_named_after_a_people_and_breeds_are_no_countries() {
        assert_eq!(
            codes("The hotel stands in the French Quarter of New Orleans."),
            vec!["USA"]
        );
        assert!(codes("Their French bulldog died in the hold.").is_empty());
        assert_eq!(codes("French troops left Mali."), vec!["FRA", "MLI"]);
    }

    #[test]
    fn cuisines_are_no_countries() {
        assert!(codes("You can get Mexican food like taco in a bag for $2.").is_empty());
        assert!(codes("Walk over to the Greek and Italian Grill's booth for gyros.").is_empty());
        assert!(codes("The party at McHale's Irish pub spills onto Main Street.").is_empty());
        assert_eq!(codes("Mexican officials met in Texas."), vec!["MEX"]);
    }

    #[test]
    fn demonyms_that_are_surnames_are_people() {
        assert!(
            codes(
                "Public Information Officer Monica French said the grant was late. \
                 “We cooperated,” French said."
            )
            .is_empty()
        );
        assert!(codes("Boulder City Police Chief Thomas Finn said the plan works.").is_empty());
        // A people speaks with its article; a sentence may open with the demonym.
        assert_eq!(codes("The French said no."), vec!["FRA"]);
        assert_eq!(codes("Many British said they would stay."), vec!["GBR"]);
    }

    #[test]
    fn given_names_are_not_countries() {
        assert!(codes("Michael Jordan retired in 2003.").is_empty());
        assert!(codes("Jordan Peterson gave a lecture.").is_empty());
        assert!(codes("Drummer Chad Smith said the tour was over.").is_empty());
        assert!(codes("Actor Denzel Washington arrived.").is_empty());
        assert_eq!(codes("King Abdullah of Jordan met the envoy."), vec!["JOR"]);
        assert_eq!(codes("Chad's army withdrew from the border."), vec!["TCD"]);
        assert_eq!(
            codes("Jordan and Egypt signed a gas deal."),
            vec!["JOR", "EGY"]
        );
    }

    #[test]
    fn porcelain_and_poultry() {
        assert!(codes("She set out the fine china on the table.").is_empty());
        assert!(codes("The turkey was roasted for six hours.").is_empty());
        assert!(codes("Turkey sandwiches were served at lunch.").is_empty());
        assert!(codes("Roast the Turkey in a hot oven with the stuffing.").is_empty());
        assert!(codes("A guinea pig escaped.").is_empty());
        assert_eq!(
            codes("Turkey and China signed a trade deal."),
            vec!["TUR", "CHN"]
        );
    }

    #[test]
    fn shared_city_names() {
        // The towns of the United States, not the capitals.
        assert_eq!(codes("The film is set in Paris, Texas."), vec!["USA"]);
        assert_eq!(codes("Moscow, Idaho, is a college town."), vec!["USA"]);
        assert_eq!(codes("Paris hosted the talks."), vec!["FRA"]);
        assert_eq!(codes("Paris, France hosted the talks."), vec!["FRA", "FRA"]);
        assert_eq!(
            codes("The port of Valencia, Spain, reopened."),
            vec!["ESP", "ESP"]
        );
        assert_eq!(
            codes("Valencia, Venezuela, lost power."),
            vec!["VEN", "VEN"]
        );
    }

    #[test]
    fn fixed_phrases_shield_the_name_inside() {
        assert!(codes("Ships crossed the Indian Ocean and the Persian Gulf.").is_empty());
        assert!(codes("Tensions rose in the South China Sea.").is_empty());
        assert!(codes("Fishermen on Lake Chad reported low water.").is_empty());
        assert!(codes("Farmers in New Mexico and New South Wales").is_empty());
    }

    #[test]
    fn lists_of_capitals_are_not_addresses() {
        assert_eq!(
            codes("Ministers from Baku, Tbilisi and Ankara met."),
            vec!["AZE", "GEO", "TUR"]
        );
        assert_eq!(
            codes("The campus in Athens, Georgia, reopened."),
            vec!["USA"]
        );
    }

    #[test]
    fn us_the_pronoun_in_capitals() {
        assert!(codes("A BANNER READING LET US TRADE GREETED THEM").is_empty());
        assert_eq!(codes("US AND CHINA SIGN TRADE DEAL"), vec!["USA", "CHN"]);
    }

    #[test]
    fn headlines_keep_their_capitals() {
        assert_eq!(
            codes("Jordan Opens New Border Crossing With Syria"),
            vec!["JOR", "SYR"]
        );
    }

    #[test]
    fn inflected_names_in_other_languages() {
        assert_eq!(
            found("В Азербайджане прошли переговоры."),
            vec![("Азербайджане".into(), "AZE".into())]
        );
        assert_eq!(
            found("Делегация Ирана прибыла в Армению."),
            vec![
                ("Ирана".into(), "IRN".into()),
                ("Армению".into(), "ARM".into())
            ]
        );
        assert_eq!(
            found("Azərbaycanın paytaxtı Bakıdır."),
            vec![("Azərbaycanın".into(), "AZE".into())]
        );
        assert_eq!(
            found("Russlands Wirtschaft wächst."),
            vec![("Russlands".into(), "RUS".into())]
        );
        assert!(
            found("Azərbaycanlı idmançılar qalib gəldi.").is_empty(),
            "a derived word, not a case"
        );
        assert_eq!(
            codes("Türkiye'nin başkenti Ankara'dır."),
            vec!["TUR", "TUR"]
        );
    }

    #[test]
    fn scripts_without_spaces() {
        assert_eq!(codes("日本と中国の首脳が会談した。"), vec!["JPN", "CHN"]);
    }
}
