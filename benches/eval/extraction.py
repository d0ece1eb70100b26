#!/usr/bin/env python3
"""Article text from web pages, scored on pages written by others, beside three peers.

The development set is trafilatura's evaluation set (github.com/adbar/trafilatura, `tests/`):
990 real pages (`tests/cache/`, `tests/eval/`) and, for each, up to six snippets that must be in
the article text (`with`) and up to six that must not (`without`), in `tests/evaldata.json`. The
pages are others' work and are never committed: fetch the repository and give its `tests` path.

    python3 benches/eval/extraction.py --data PATH/TO/trafilatura/tests
        [--binary target/release/corridor-atlas] [--peers trafilatura,readability,justext]
        [--top 15] [--json FILE]

Scoring is trafilatura's own (`tests/eval_common.py`): the extracted text and every snippet are
whitespace-normalised; a `with` snippet found in the text is a true positive, one not found a
false negative; a `without` snippet found is a false positive, one not found a true negative.
Precision, recall and F1 are over all pages' snippets. A page whose extracted text is empty (or
whose extractor fails) counts every `with` snippet as missed; the number of such pages is
reported.

Corridor Atlas's text is the paragraphs `corridor-atlas export --format documents` marks as
counted (what the country detection reads), every page written as a file `N.html` into a
temporary folder. Pages per second are over the whole set on one core. For ours two figures:
the whole command (RAYON_NUM_THREADS=1; start-up, reading the files, country detection and
writing every paragraph as JSON included) and, like the peers, the extraction alone with the
pages already in memory (`cargo bench --bench pages`: decoding and reading each page, median
of five rounds). The peers' figure is their extraction calls in this process.

Peers (PyPI): `trafilatura` (extract(), its evaluation's settings: no comments, tables kept),
`readability-lxml` (Document(html).summary(), reduced to its text) and `justext` (paragraphs not
marked boilerplate; the stop words of all its languages and the settings trafilatura's
evaluation uses).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def load(data: Path):
    items = json.loads((data / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for url in sorted(items):
        item = items[url]
        for sub in ("cache", "eval"):
            path = data / sub / item["file"]
            if path.is_file():
                pages.append((url, item, path.read_bytes()))
                break
        else:
            sys.exit(f"{url}: {item['file']} not found under {data}/cache or {data}/eval")
    return pages


def write_pages(pages, folder: Path) -> None:
    folder.mkdir()
    for i, (_, _, html) in enumerate(pages):
        (folder / f"{i:04d}.html").write_bytes(html)


def run_ours(binary: Path, folder: Path, pages) -> tuple[list[str], float]:
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    start = time.perf_counter()
    out = subprocess.run(
        [str(binary), "export", "--format", "documents", str(folder)],
        check=True, capture_output=True, text=True, env=env,
    ).stdout
    seconds = time.perf_counter() - start
    texts = [""] * len(pages)
    for line in out.splitlines():
        doc = json.loads(line)
        i = int(doc["id"].split(".")[0])
        texts[i] = "\n".join(p["text"] for p in doc["paragraphs"] if p["counted"])
    return texts, seconds


def in_memory_speed(folder: Path) -> float | None:
    """Pages per second of `cargo bench --bench pages` (decode and read, pages in memory)."""
    run = subprocess.run(["cargo", "bench", "--quiet", "--bench", "pages", "--", str(folder)],
                         cwd=ROOT, capture_output=True, text=True)
    found = re.search(r"([0-9.]+) pages/s", run.stdout)
    if not found:
        print(f"  in-memory bench failed: {run.stderr.strip()[-300:]}", file=sys.stderr)
        return None
    return float(found.group(1))


def peer(name: str):
    if name == "trafilatura":
        from trafilatura import extract

        return lambda html: extract(html, include_comments=False, include_tables=True,
                                    include_formatting=False)
    if name == "readability":
        import lxml.html
        from readability import Document

        def run(html):
            summary = Document(html).summary()
            return lxml.html.fromstring(summary).text_content() if summary else ""
        return run
    if name == "justext":
        import justext

        # As trafilatura's evaluation runs it: the stop words of every language, its settings.
        stop = frozenset(w for lang in justext.get_stoplists() for w in justext.get_stoplist(lang))
        return lambda html: "\n".join(
            p.text for p in justext.justext(html, stop, 50, 200, 0.1, 0.2, 0.2, 200, True)
            if not p.is_boilerplate)
    raise SystemExit(f"unknown peer {name}")


def run_peer(name: str, pages) -> tuple[list[str], float]:
    fn = peer(name)
    texts = []
    start = time.perf_counter()
    for _, _, html in pages:
        try:
            texts.append(fn(html) or "")
        except Exception:  # a failing page is a page with no text, as trafilatura scores it
            texts.append("")
    return texts, time.perf_counter() - start


def score(pages, texts, misses=None, leaks=None):
    tp = fp = fn = tn = empty = 0
    for (url, item, _), text in zip(pages, texts):
        t = norm(text)
        if not t:
            empty += 1
        for w in item["with"]:
            if norm(w) in t:
                tp += 1
            else:
                fn += 1
                if misses is not None:
                    misses.append((url, w, not t))
        for w in item["without"]:
            if norm(w) in t:
                fp += 1
                if leaks is not None:
                    leaks.append((url, w))
            else:
                tn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f, empty


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, required=True, help="trafilatura's tests folder")
    ap.add_argument("--binary", type=Path, default=ROOT / "target" / "release" / "corridor-atlas")
    ap.add_argument("--peers", default="trafilatura,readability,justext")
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--json", type=Path)
    ap.add_argument("--no-in-memory", dest="in_memory", action="store_false",
                    help="skip the in-memory speed of ours (cargo bench --bench pages)")
    args = ap.parse_args()
    if not args.binary.exists():
        sys.exit(f"{args.binary} not found: build it with cargo build --release")
    pages = load(args.data)
    print(f"{len(pages)} pages, {sum(len(i['with']) for _, i, _ in pages)} snippets to keep, "
          f"{sum(len(i['without']) for _, i, _ in pages)} to leave out")
    with tempfile.TemporaryDirectory(prefix="extraction-") as tmp:
        folder = Path(tmp) / "pages"
        write_pages(pages, folder)
        systems = {"corridor-atlas": run_ours(args.binary, folder, pages)}
        memory_speed = in_memory_speed(folder) if args.in_memory else None
    for name in [p for p in args.peers.split(",") if p]:
        try:
            systems[name] = run_peer(name, pages)
        except ImportError as e:
            print(f"  {name}: not installed ({e.name})", file=sys.stderr)
    print(f"{'system':<16} {'P':>6} {'R':>6} {'F1':>6} {'empty':>6} {'pages/s':>8}")
    results = {}
    for name, (texts, seconds) in systems.items():
        p, r, f, empty = score(pages, texts)
        results[name] = {"P": round(p, 4), "R": round(r, 4), "F1": round(f, 4), "empty": empty,
                         "pages_per_s": round(len(pages) / seconds, 1)}
        print(f"{name:<16} {p:>6.3f} {r:>6.3f} {f:>6.3f} {empty:>6} {len(pages) / seconds:>8.1f}")
        if name == "corridor-atlas" and memory_speed:
            results["corridor-atlas (in memory)"] = {"pages_per_s": memory_speed}
            print(f"{'  (in memory)':<16} {'':>6} {'':>6} {'':>6} {'':>6} {memory_speed:>8.1f}")
    if args.top:
        misses, leaks = [], []
        score(pages, systems["corridor-atlas"][0], misses, leaks)
        empty_pages = sorted({u for u, _, e in misses if e})
        print(f"pages with no counted text but article snippets ({len(empty_pages)}):",
              ", ".join(empty_pages[: args.top]))
        print(f"missed snippets on pages with text (of {sum(1 for m in misses if not m[2])}):")
        for url, w, _ in [m for m in misses if not m[2]][: args.top]:
            print(f"  {url}  {w[:70]!r}")
        print(f"snippets counted that should not be (of {len(leaks)}):")
        for url, w in leaks[: args.top]:
            print(f"  {url}  {w[:70]!r}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
