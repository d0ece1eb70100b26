//! The gazetteer: every entity the text can name (countries, regions, corridors), each with its
//! surface forms, compiled once into a single Aho-Corasick automaton.
//!
//! The bundled data lives in `assets/` (see `assets/README.md` for sources and licences):
//! `countries.json` (generated), `regions.json` and `corridors.json` (hand-written). An
//! [`EntityId`] is an index into [`Gazetteer::entities`]; it is stable for one gazetteer only.

mod build;
mod custom;
mod data;
mod spelling;

use std::collections::HashMap;

use aho_corasick::AhoCorasick;
use serde::Serialize;

pub use custom::{CustomForm, CustomGazetteer, OrganisationRecord};
pub use data::{
    AssetError, CityRecord, CorridorRecord, CountryRecord, FormerStateRecord, RegionRecord,
};
pub use spelling::{is_latin, search_key};

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
    /// An organisation from a user's gazetteer file: found and shown, never counted.
    Organisation,
}

impl EntityKind {
    /// The lower-case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Region => "region",
            Self::Corridor => "corridor",
            Self::Organisation => "organisation",
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
    /// A major city of the country ("Istanbul").
    City,
    /// The name in another language ("Азербайджан", "Türkei").
    Translation,
    /// An alias of a region, corridor or organisation ("TITR", "Central Asian").
    Alias,
    /// A form from the user's own gazetteer file.
    Custom,
    /// The seat of a country's government standing for it ("the Kremlin", "Downing Street").
    Seat,
}

impl Via {
    /// The export spelling.
    pub fn code(self) -> &'static str {
        match self {
            Self::Name => "name",
            Self::Variant => "variant",
            Self::Former => "former",
            Self::Demonym => "demonym",
            Self::Capital => "capital",
            Self::City => "city",
            Self::Translation => "translation",
            Self::Alias => "alias",
            Self::Custom => "custom",
            Self::Seat => "seat",
        }
    }

    /// Parses the export spelling.
    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::Name,
            Self::Variant,
            Self::Former,
            Self::Demonym,
            Self::Capital,
            Self::City,
            Self::Translation,
            Self::Alias,
            Self::Custom,
            Self::Seat,
        ]
        .into_iter()
        .find(|v| v.code() == code)
    }
}

/// One country, region, corridor or organisation.
#[derive(Clone, Debug)]
pub struct Entity {
    /// ISO 3166-1 alpha-3 for countries (Kosovo: `XKX`), a slug otherwise.
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
    /// Member countries (regions, organisations) or the ordered route (corridors).
    pub members: Vec<EntityId>,
    /// Points a corridor's drawn route passes through, `[lon, lat]`.
    pub waypoints: Vec<[f64; 2]>,
}

/// A string that names an entity, and how.
#[derive(Clone, Debug)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "each flag is an independent property of a form, read where it matters"
)]
pub struct SurfaceForm {
    /// The string the matcher looks for.
    pub text: String,
    /// The entity it names.
    pub entity: EntityId,
    /// How it names it.
    pub via: Via,
    /// The spelling in the sources when `text` is derived from it (upper case, no accents, a
    /// stem), for explanations.
    pub source_spelling: Option<String>,
    /// For translations: the languages it belongs to ("de", "ru").
    pub languages: Vec<String>,
    /// For capitals and cities: where the place is, `[lon, lat]`.
    pub place: Option<[f64; 2]>,
    /// For a city name several countries share: the other countries, largest city first.
    pub alternatives: Vec<EntityId>,
    /// Acronyms ("US", "UAE", "U.S.") match only in exactly this case.
    pub exact_case: bool,
    /// Letters of inflection that may follow ("Азербайджан|е", "Росси|и").
    pub max_suffix: u8,
    /// Written in a script without spaces between words: no word-boundary check.
    pub unspaced: bool,
    /// A phrase that is no mention ("Indian Ocean"): it shields the name inside it, then is
    /// dropped.
    pub blocks: bool,
    /// A short form that stands for its country only where the article also names the country
    /// another way ("SA" beside "South Africa").
    pub needs_context: bool,
    /// The days a form from the user's names file holds ("Erdoğan" for Türkiye from 2003).
    pub holds: Option<Period>,
    /// A country's name that also counts written all in lower case, as in informal text
    /// ("afghanistan", "saint lucia"): its lower case is no English word ("turkey", "chad").
    pub lower_case: bool,
}

/// The days a form holds, both ends included; an open end is unbounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub from: Option<crate::corpus::Date>,
    /// The last day.
    pub to: Option<crate::corpus::Date>,
}

impl Period {
    /// " (from 2003-03-14)", " (until 1991-12-26)", " (2003-03-14 to 2014-08-28)".
    pub fn describe(&self) -> String {
        match (self.from, self.to) {
            (Some(f), Some(t)) => format!(" ({f} to {t})"),
            (Some(f), None) => format!(" (from {f})"),
            (None, Some(t)) => format!(" (until {t})"),
            (None, None) => String::new(),
        }
    }

    /// Whether an article of this date may use the form (an undated one may not).
    pub fn contains(&self, date: Option<crate::corpus::Date>) -> bool {
        date.is_some_and(|d| self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t))
    }
}

/// An automaton over some of the forms, with the form index of each of its patterns.
pub struct Matcher {
    /// The automaton.
    pub automaton: AhoCorasick,
    /// `forms[pattern]` is the index in [`Gazetteer::forms`].
    pub forms: Vec<u32>,
    /// Where a match can start (a first byte after a word boundary, then the first bytes of
    /// some form), when that can be told: the automaton is then anchored and run only from those
    /// places.
    pub starts: Option<Box<Starts>>,
}

impl Matcher {
    /// Calls `found(start, end, pattern)` for every match of a pattern in `text[span]`,
    /// overlapping ones included — or at least for every match that can pass the word-boundary
    /// and case checks (a match inside a word, or in lower case where its form has a capital,
    /// may be left out).
    pub fn for_each_match(
        &self,
        text: &str,
        span: std::ops::Range<usize>,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        let Some(starts) = &self.starts else {
            let input = aho_corasick::Input::new(text).span(span);
            for m in self.automaton.find_overlapping_iter(input) {
                found(m.start(), m.end(), m.pattern().as_usize());
            }
            return;
        };
        let bytes = text.as_bytes();
        let end = span.end.min(bytes.len());
        let mut after_word = span
            .start
            .checked_sub(1)
            .is_some_and(|i| bytes.get(i).copied().is_some_and(crate::scan::ascii_word));
        let mut block_start = span.start;
        while block_start < end {
            let block = &bytes[block_start..(block_start + crate::scan::BLOCK).min(end)];
            // Whether each byte follows a word byte, and a superset of the places a match can
            // begin, 64 bytes at a time; each place is then checked exactly.
            let words = crate::scan::mask(block, crate::scan::ascii_word);
            let follows = words << 1 | u64::from(after_word);
            let mut places = crate::scan::mask(block, |b| starts.firsts.may_begin(b))
                & (!follows | starts.firsts.unbounded_mask(block));
            after_word = words >> (block.len() - 1) & 1 == 1;
            let base = block_start;
            block_start += block.len();
            while places != 0 {
                let i = places.trailing_zeros() as usize;
                places &= places - 1;
                let at = base + i;
                let follows_word = follows >> i & 1 == 1;
                if !starts.at[usize::from(follows_word) << 8 | bytes[at] as usize]
                    || !starts.known_prefix(&bytes[at..end])
                {
                    continue;
                }
                let input = aho_corasick::Input::new(text)
                    .span(at..end)
                    .anchored(aho_corasick::Anchored::Yes);
                let mut state = aho_corasick::automaton::OverlappingState::start();
                loop {
                    self.automaton.find_overlapping(input.clone(), &mut state);
                    let Some(m) = state.get_match() else { break };
                    // A state also reports the shorter patterns ending there ("Guinea" inside
                    // "New Guinea"): those are found from their own start.
                    if m.start() == at {
                        found(m.start(), m.end(), m.pattern().as_usize());
                    }
                }
            }
        }
    }
}

/// What the first bytes of a match can be, and which first bytes need no word boundary before
/// them: a prefilter that lets the automaton skip most of a text.
pub struct Starts {
    /// `at[after_word << 8 | byte]`: a match can begin with `byte` there (after a word
    /// byte only when its form does not begin with a letter or digit).
    at: [bool; 512],
    /// The bytes a match can begin with, as the vector pass tests them.
    firsts: Firsts,
    /// Bit set for the hash of every form's first `min(len, 8)` bytes, ASCII folded.
    prefixes: Box<[u64]>,
    /// Bit `n - 1` set when some form is shorter than eight bytes and `n` long.
    short_lengths: u8,
}

/// Bits in the prefix table: a few thousand forms set about 1 % of them.
const PREFIX_BITS: u32 = 18;
const PREFIX_WORDS: usize = 1 << (PREFIX_BITS - 6);

impl Starts {
    /// The start filter of `forms` as the matcher folds ASCII case, or `None` when some form
    /// matches inside words (scripts without spaces) and every place must be tried.
    pub fn of<'a>(forms: impl IntoIterator<Item = &'a SurfaceForm>) -> Option<Box<Self>> {
        let mut starts = Box::new(Self {
            at: [false; 512],
            firsts: Firsts::default(),
            prefixes: vec![0; PREFIX_WORDS].into_boxed_slice(),
            short_lengths: 0,
        });
        for form in forms {
            let bytes = form.text.as_bytes();
            let (Some(&first), false) = (bytes.first(), form.unspaced) else {
                return None;
            };
            // A form with a capital matches only with that capital (case_fits); one in lower
            // case also at the start of a sentence, capitalised.
            let firsts = if first.is_ascii_lowercase() && !form.exact_case {
                vec![first, first.to_ascii_uppercase()]
            } else {
                vec![first]
            };
            let word_first = form
                .text
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
            for &a in &firsts {
                starts.at[a as usize] = true;
                // After a word byte a boundary is needed, unless the form or the byte does not
                // begin a word (a non-ASCII letter is left to the full check).
                starts.at[256 | a as usize] |= !word_first || !crate::scan::ascii_word(a);
            }
            let len = bytes.len().min(8);
            if len < 8 {
                starts.short_lengths |= 1 << (len - 1);
            }
            let bit = prefix_hash(folded(bytes), len);
            starts.prefixes[bit / 64] |= 1 << (bit % 64);
        }
        starts.firsts = Firsts::of(&starts.at);
        Some(starts)
    }

    /// Whether `rest` begins with the first bytes of some form (or a false positive, rarely).
    #[inline]
    fn known_prefix(&self, rest: &[u8]) -> bool {
        let head = folded(rest);
        let has = |len: usize| {
            let bit = prefix_hash(head, len);
            self.prefixes[bit / 64] & (1 << (bit % 64)) != 0
        };
        (rest.len() >= 8 && has(8))
            || (1..8).any(|len| {
                self.short_lengths & (1 << (len - 1)) != 0 && rest.len() >= len && has(len)
            })
    }
}

/// A superset of the bytes a match can begin with, in a form tested 64 bytes at a time: every
/// capital, up to eight other bytes, and up to four bytes that begin a match even after a word
/// byte. When the start table does not fit, every byte is a candidate.
#[derive(Default)]
struct Firsts {
    /// Every byte is a candidate.
    all: bool,
    others: [u8; 8],
    unbounded: [u8; 4],
    any_unbounded: bool,
}

impl Firsts {
    fn of(at: &[bool; 512]) -> Self {
        let others: Vec<u8> = (0..=255u8)
            .filter(|&b| (at[b as usize] || at[256 | b as usize]) && !crate::scan::ascii_upper(b))
            .collect();
        let unbounded: Vec<u8> = (0..=255u8).filter(|&b| at[256 | b as usize]).collect();
        if others.len() > 8 || unbounded.len() > 4 {
            return Self {
                all: true,
                ..Self::default()
            };
        }
        // Unused slots repeat a capital, which is a candidate anyway.
        let mut firsts = Self {
            all: false,
            others: [b'A'; 8],
            unbounded: [0; 4],
            any_unbounded: !unbounded.is_empty(),
        };
        firsts.others[..others.len()].copy_from_slice(&others);
        let fill = unbounded.first().copied().unwrap_or(0);
        firsts.unbounded = [fill; 4];
        firsts.unbounded[..unbounded.len()].copy_from_slice(&unbounded);
        firsts
    }

    #[inline]
    fn may_begin(&self, b: u8) -> bool {
        let mut hit = self.all | crate::scan::ascii_upper(b);
        for &o in &self.others {
            hit |= b == o;
        }
        hit
    }

    /// The bytes of `block` that begin a match even after a word byte.
    #[inline]
    fn unbounded_mask(&self, block: &[u8]) -> u64 {
        if self.all {
            return u64::MAX;
        }
        if !self.any_unbounded {
            return 0;
        }
        crate::scan::mask(block, |b| {
            let mut hit = false;
            for &u in &self.unbounded {
                hit |= b == u;
            }
            hit
        })
    }
}

/// The first eight bytes (fewer at the end), ASCII folded to lower case, little-endian.
#[inline]
fn folded(bytes: &[u8]) -> u64 {
    let mut head = [0u8; 8];
    let n = bytes.len().min(8);
    head[..n].copy_from_slice(&bytes[..n]);
    u64::from_le_bytes(head.map(|b| b.to_ascii_lowercase()))
}

/// The prefix table's bit for the first `len` (1–8) bytes of `head`.
#[inline]
fn prefix_hash(head: u64, len: usize) -> usize {
    let kept = if len >= 8 {
        head
    } else {
        head & ((1u64 << (8 * len)) - 1)
    };
    ((kept ^ len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - PREFIX_BITS)) as usize
}

/// Forms compiled into an automaton the first time a text needs them, so an English corpus never
/// pays to compile the names of 77 other languages.
pub struct LazyMatcher {
    ids: Vec<u32>,
    kind: aho_corasick::AhoCorasickKind,
    /// Whether the start filter of its forms applies.
    filtered: bool,
    cell: std::sync::OnceLock<Option<Matcher>>,
}

impl LazyMatcher {
    fn get(&self, forms: &[SurfaceForm]) -> Option<&Matcher> {
        // The error is dropped on purpose: `compile` falls back to a contiguous NFA, whose only
        // limit is 2^32 states, far beyond the forms of any gazetteer that loads; and a failure
        // would leave these names unmatched, never make a wrong match.
        self.cell
            .get_or_init(|| build::compile(forms, self.ids.clone(), self.kind, self.filtered).ok())
            .as_ref()
    }
}

/// All entities and their surface forms, with the compiled matchers.
///
/// Forms written in ASCII are in DFAs that scan at a table lookup per byte: one for English and
/// shared forms, which reads every text, and one for names in other languages written in ASCII
/// ("Aserbaidschan", "Rusya"), which reads every text that does not read as English. Forms with
/// other letters are in compact automata that only run around the words of a text that have such
/// letters: one for accented Latin ("Türkiye"), one for other scripts ("Азербайджан"). The last
/// three are compiled when a text first needs them, so an English corpus pays almost nothing for
/// the 77 other languages and a Russian or Turkish one pays what it needs.
pub struct Gazetteer {
    entities: Vec<Entity>,
    forms: Vec<SurfaceForm>,
    ascii: Matcher,
    foreign: LazyMatcher,
    wide: LazyMatcher,
    script: LazyMatcher,
    /// Countries' names in lower case, for informal text.
    lower: LazyMatcher,
    /// The most bytes a wide form has before its first non-ASCII character.
    wide_reach_before: usize,
    /// The most bytes a wide form has after its last non-ASCII character, suffix included.
    wide_reach_after: usize,
    /// Non-ASCII characters other than letters that wide forms contain ("–" in
    /// "Baku–Tbilisi–Kars"): a window opens around them too.
    wide_punctuation: Vec<char>,
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

/// What counts as a mention, beyond the names themselves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Seats of government stand for their country ("the Kremlin" for Russia).
    pub seats: bool,
    /// What a state that no longer exists ("the Soviet Union") counts as.
    pub former: Former,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            seats: true,
            former: Former::Own,
        }
    }
}

/// What a state that no longer exists counts as (`assets/former.json`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Former {
    /// An entity of its own (ISO 3166-3: SUN, YUG, CSK, DDR), a node at its territory.
    #[default]
    Own,
    /// Merged into the one state that continued it (the Soviet Union into Russia, East Germany
    /// into Germany); a state without a single heir (Yugoslavia, Czechoslovakia) stays its own.
    Successor,
}

impl Gazetteer {
    /// The gazetteer built from the assets compiled into the binary.
    pub fn bundled() -> Result<Self, AssetError> {
        Self::with_custom(&CustomGazetteer::default())
    }

    /// The bundled gazetteer with a user's additions and overrides.
    pub fn with_custom(custom: &CustomGazetteer) -> Result<Self, AssetError> {
        Self::with_custom_and(custom, Options::default())
    }

    /// The bundled gazetteer with a user's additions and the user's choices.
    pub fn with_custom_and(custom: &CustomGazetteer, options: Options) -> Result<Self, AssetError> {
        let countries = data::parse_countries(data::COUNTRIES_JSON)?;
        let former = data::parse_former(data::FORMER_JSON)?;
        let mut regions = data::parse_regions(data::REGIONS_JSON)?;
        let mut corridors = data::parse_corridors(data::CORRIDORS_JSON)?;
        // A user's region or corridor with a bundled id replaces the bundled one.
        for r in &custom.regions {
            regions.retain(|b| b.id != r.id);
            regions.push(r.clone());
        }
        for c in &custom.corridors {
            corridors.retain(|b| b.id != c.id);
            corridors.push(c.clone());
        }
        build::Builder::new(custom, options).build(
            &countries,
            &former,
            &regions,
            &corridors,
            &custom.organisations,
        )
    }

    /// The bundled gazetteer, with the user's file at `path` if one is given.
    pub fn load(path: Option<&std::path::Path>) -> Result<Self, AssetError> {
        Self::load_with(path, Options::default())
    }

    /// [`Gazetteer::load`] with the choices a user can make about what counts as a mention.
    pub fn load_with(path: Option<&std::path::Path>, options: Options) -> Result<Self, AssetError> {
        let custom = match path {
            None => CustomGazetteer::default(),
            Some(path) => CustomGazetteer::read(path)?,
        };
        Self::with_custom_and(&custom, options)
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

    /// A print of the names (entities and surface forms, 16 hex digits): an atlas records the
    /// one it was counted with, so opening it with other names can say so.
    pub fn fingerprint(&self) -> String {
        // FNV-1a over the entities' codes and kinds and the sorted forms with what they name:
        // the same names give the same print on every machine and build.
        fn feed(h: &mut u64, bytes: &[u8]) {
            for &b in bytes.iter().chain(&[0xff]) {
                *h ^= u64::from(b);
                *h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for e in &self.entities {
            feed(&mut h, e.code.as_bytes());
            feed(&mut h, &[e.kind as u8]);
        }
        let mut forms: Vec<(&str, &str, bool)> = self
            .forms
            .iter()
            .map(|f| {
                (
                    f.text.as_str(),
                    self.entity(f.entity).code.as_str(),
                    f.exact_case,
                )
            })
            .collect();
        forms.sort_unstable();
        for (text, code, exact) in forms {
            feed(&mut h, text.as_bytes());
            feed(&mut h, code.as_bytes());
            feed(&mut h, &[u8::from(exact)]);
        }
        format!("{h:016x}")
    }

    /// Every surface form.
    pub fn forms(&self) -> &[SurfaceForm] {
        &self.forms
    }

    /// The DFA over English and shared forms written in ASCII (case-insensitive, overlapping).
    pub fn ascii_matcher(&self) -> &Matcher {
        &self.ascii
    }

    /// The DFA over names in other languages written in ASCII, compiled on first use.
    pub fn foreign_matcher(&self) -> Option<&Matcher> {
        self.foreign.get(&self.forms)
    }

    /// The automaton of countries' names that also count in lower case ("afghanistan"), for
    /// text written without capitals; compiled on first use.
    pub fn lower_case_matcher(&self) -> Option<&Matcher> {
        self.lower.get(&self.forms)
    }

    /// The automaton over forms with accented Latin letters, compiled on first use.
    pub fn wide_matcher(&self) -> Option<&Matcher> {
        self.wide.get(&self.forms)
    }

    /// The automaton over forms in other scripts (Cyrillic, Greek, Arabic, CJK …), compiled on
    /// first use.
    pub fn script_matcher(&self) -> Option<&Matcher> {
        self.script.get(&self.forms)
    }

    /// How far around a word with non-ASCII letters a wide form can reach: bytes before, after.
    pub fn wide_reach(&self) -> (usize, usize) {
        (self.wide_reach_before, self.wide_reach_after)
    }

    /// Whether a non-ASCII character that is not a letter occurs in some wide form.
    pub fn in_wide_form(&self, c: char) -> bool {
        self.wide_punctuation.contains(&c)
    }

    /// Memory held by the matchers compiled so far, in bytes.
    pub fn matcher_bytes(&self) -> usize {
        [
            self.foreign.cell.get(),
            self.wide.cell.get(),
            self.script.cell.get(),
            self.lower.cell.get(),
        ]
        .into_iter()
        .flatten()
        .flatten()
        .map(|m| m.automaton.memory_usage())
        .sum::<usize>()
            + self.ascii.automaton.memory_usage()
    }

    /// Why a form names its entity, for people: "capital of Azerbaijan", "Türkiye in Russian".
    pub fn explain(&self, form: &SurfaceForm, entity: EntityId) -> String {
        let name = &self.entity(entity).name;
        let spelled = form
            .source_spelling
            .as_ref()
            .map(|s| format!(" (as “{s}”)"))
            .unwrap_or_default();
        match form.via {
            Via::Name => format!("name of {name}{spelled}"),
            Via::Variant | Via::Alias => format!("another name for {name}{spelled}"),
            Via::Former => format!("former name of {name}{spelled}"),
            Via::Demonym => format!("demonym of {name}{spelled}"),
            Via::Capital => format!("capital of {name}{spelled}"),
            Via::City => format!("city in {name}{spelled}"),
            Via::Translation => {
                let langs: Vec<&str> = form.languages.iter().map(|l| language_name(l)).collect();
                format!("{name} in {}{spelled}", langs.join(", "))
            }
            Via::Custom => format!(
                "{name}, from your gazetteer file{spelled}{}",
                form.holds.map(|p| p.describe()).unwrap_or_default()
            ),
            Via::Seat => format!("seat of government of {name}{spelled}"),
        }
    }
}

/// English name of a language code, for explanations.
fn language_name(code: &str) -> &str {
    match code {
        "ar" => "Arabic",
        "az" => "Azerbaijani",
        "be" => "Belarusian",
        "bg" => "Bulgarian",
        "cs" => "Czech",
        "da" => "Danish",
        "de" => "German",
        "el" => "Greek",
        "es" => "Spanish",
        "et" => "Estonian",
        "fa" => "Persian",
        "fi" => "Finnish",
        "fr" => "French",
        "he" => "Hebrew",
        "hi" => "Hindi",
        "hr" => "Croatian",
        "hu" => "Hungarian",
        "hy" => "Armenian",
        "it" => "Italian",
        "ja" => "Japanese",
        "ka" => "Georgian",
        "kk" => "Kazakh",
        "ko" => "Korean",
        "ky" => "Kyrgyz",
        "lt" => "Lithuanian",
        "lv" => "Latvian",
        "nl" => "Dutch",
        "no" | "nb" => "Norwegian",
        "pl" => "Polish",
        "pt" => "Portuguese",
        "ro" => "Romanian",
        "ru" => "Russian",
        "sk" => "Slovak",
        "sl" => "Slovenian",
        "sr" => "Serbian",
        "sv" => "Swedish",
        "tk" => "Turkmen",
        "tr" => "Turkish",
        "uk" => "Ukrainian",
        "uz" => "Uzbek",
        "zh" => "Chinese",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::build::is_acronym;
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
    fn former_states_are_their_own_or_their_heirs() {
        let entity_of = |g: &Gazetteer, text: &str| {
            let form = g.forms().iter().find(|f| f.text == text).expect(text);
            (g.entity(form.entity).code.clone(), form.via)
        };
        let own = Gazetteer::bundled().expect("bundled assets parse");
        for code in ["SUN", "YUG", "CSK", "DDR"] {
            let id = own.by_code(code).expect(code);
            let e = own.entity(id);
            assert_eq!(e.kind, EntityKind::Country);
            // Its successors are known and drawn apart from it.
            assert!(!e.members.is_empty(), "{code} without successors");
        }
        assert_eq!(entity_of(&own, "USSR"), ("SUN".into(), Via::Variant));
        assert_eq!(entity_of(&own, "Soviet"), ("SUN".into(), Via::Demonym));
        assert_eq!(entity_of(&own, "East Germany"), ("DDR".into(), Via::Name));
        assert_eq!(entity_of(&own, "West Germany"), ("DEU".into(), Via::Former));
        let merged = Gazetteer::with_custom_and(
            &CustomGazetteer::default(),
            Options {
                former: Former::Successor,
                ..Options::default()
            },
        )
        .expect("bundled assets parse");
        assert!(merged.by_code("SUN").is_none());
        assert!(merged.by_code("DDR").is_none());
        assert_eq!(entity_of(&merged, "USSR"), ("RUS".into(), Via::Former));
        assert_eq!(
            entity_of(&merged, "East Germany"),
            ("DEU".into(), Via::Former)
        );
        assert_eq!(entity_of(&merged, "Yugoslavia"), ("YUG".into(), Via::Name));
        assert_eq!(
            entity_of(&merged, "Czechoslovak"),
            ("CSK".into(), Via::Demonym)
        );
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
