#!/usr/bin/env python3
"""The Spark job's atlas and the command line agree, link for link, on the same files.

    python3 python/tests/same_answer.py --binary target/debug/corridor-atlas [--mb 3] [--keep DIR]

Builds a corpus in a temporary folder — a few MB of generated news (``../shared/bench/
make_corpus.py``, beside the repository) in folders, the bundled seeds, an exact and a near copy
of an article, JSON Lines records, an HTML page, a zip archive, a file whose name starts with an
underscore, an unsupported file and a hidden one — runs the Spark job (``corridor_atlas.spark``'s
command line, ``--master local[2]``) on it (again with ``--reader spark``, and with ``--articles``
on a table of articles made of the same news; the three runs share one Python process, so Spark's
JVM starts once), and for every window compares with ``corridor-atlas export --format
json --window W``: every node's mentions and documents, every link's weight, documents and
corridors, and the scores of every measure (recomputed from the atlas's sums, to the export's six decimals);
then the copies and the problems; and ``corridor-atlas export`` opening the atlas itself
gives the links and countries of the corpus for every window. Exits 1 with the differences
when they disagree.

Needs the package (``pip install ./python``), PySpark and Java 17.
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import math
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
WINDOWS = ("sentence", "paragraph", "article")
MEASURES = ("association", "jaccard", "npmi")


def build_corpus(root: Path, mb: float) -> None:
    gen = REPO.parent / "shared" / "bench" / "make_corpus.py"
    news = root / "news"
    subprocess.run([sys.executable, str(gen), str(mb), str(news)], check=True,
                   stdout=subprocess.DEVNULL)
    shutil.copytree(REPO / "seeds", root / "seeds")
    files = sorted(p for p in news.rglob("*") if p.is_file())
    if len(files) < 3:
        sys.exit(f"the generator wrote {len(files)} files to {news}")
    # An exact copy, and a near copy (another headline, one word changed).
    shutil.copy(files[0], root / "copy-exact.txt")
    text = files[1].read_text(encoding="utf-8")
    lines = text.splitlines()
    near = "A different headline\n" + "\n".join(lines[1:]).replace(" the ", " this ", 1)
    (root / "copy-near.txt").write_text(near, encoding="utf-8")
    (root / "records.jsonl").write_text(
        json.dumps({"id": "r1", "title": "Ports", "date": "2025-05-01",
                    "text": "Georgia and Azerbaijan opened the Middle Corridor port at Alat."})
        + "\n" + json.dumps({"title": "no text here"}) + "\n",
        encoding="utf-8",
    )
    (root / "page.html").write_text(
        "<html><head><title>Rail</title></head><body><nav>Home | World</nav><article>"
        "<h1>Rail</h1><p>Kazakhstan and China agreed new rail freight quotas through Khorgos, "
        "officials in Astana said on Monday.</p></article></body></html>",
        encoding="utf-8",
    )
    with zipfile.ZipFile(root / "bundle.zip", "w", zipfile.ZIP_DEFLATED) as z:
        for f in files[2:5]:
            z.write(f, f"inner/{f.name}")
        z.writestr("inner/picture.png", b"\x89PNG\r\n\x1a\n")
    (root / "_underscore.txt").write_text(
        "Armenia and Iran discussed the North-South road on Tuesday.\n", encoding="utf-8")
    (root / "_folder").mkdir()
    (root / "_folder" / "brief.txt").write_text(
        "Uzbekistan and Turkmenistan signed a transit deal on Friday.\n", encoding="utf-8")
    (root / "notes.xyz").write_text("Japan and Korea", encoding="utf-8")
    (root / ".hidden.txt").write_text("Chile and Peru", encoding="utf-8")


def build_table(corpus: Path, table: Path) -> None:
    """A table of articles (JSON Lines: id, title, date, text) from the generated news: each
    file's text a record, with a repeated record and one without text."""
    files = sorted(p for p in (corpus / "news").rglob("*") if p.is_file())[:150]
    records = [{"text": f.read_text(encoding="utf-8"), "date": f"2025-0{1 + n % 9}-1{n % 10}"}
               for n, f in enumerate(files)]
    records.insert(7, dict(records[3]))
    records.insert(20, {"title": "a record without text", "text": "  "})
    with table.open("w", encoding="utf-8") as out:
        for n, r in enumerate(records, start=1):
            out.write(json.dumps({"id": record_id(n), **r}) + "\n")


def record_id(line: int) -> str:
    """A record's id: ids sort as the lines do (an atlas orders a table's articles by id)."""
    return f"a{line:05d}"


@functools.cache
def run_export(binary: str, path: Path, args: tuple[str, ...]) -> str:
    """`corridor-atlas export ARGS PATH`'s output, or the exit status and message when it fails
    (once per binary, path and arguments: the comparisons ask for the same exports again)."""
    done = subprocess.run([binary, "export", *args, str(path)], capture_output=True)
    if done.returncode != 0:
        return f"exit {done.returncode}: {done.stderr.decode(errors='replace')}"
    return done.stdout.decode()


def export(binary: str, corpus: Path, window: str, measure: str) -> dict:
    out = run_export(binary, corpus, ("--format", "json", "--window", window, "--measure", measure))
    try:
        return json.loads(out)
    except json.JSONDecodeError:
        sys.exit(f"export of {corpus} failed: {out[:500]}")


def opened(binary: str, corpus: Path, atlas: Path, windows=WINDOWS) -> list[str]:
    """Differences between `export` on the corpus and `export` opening the atlas itself: links
    (with two measures) and countries, for each of `windows`."""
    wrong = []
    for window in windows:
        for args in (["--format", "csv", "--measure", "count"],
                     ["--format", "csv", "--measure", "npmi", "--top", "5"],
                     ["--format", "nodes"]):
            args = (*args, "--window", window)
            want, got = run_export(binary, corpus, args), run_export(binary, atlas, args)
            if want != got:
                wrong.append(f"export {' '.join(args)} of the atlas differs: "
                             f"{got[:300]!r} … want {want[:300]!r} …")
    return wrong


def read_table(atlas: Path, name: str) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(atlas / name).to_pylist()


def score(measure: str, both: int, a: int, b: int, total: int) -> float:
    """The measures as the command line computes them (src/graph/measure.rs)."""
    if both <= 0 or a <= 0 or b <= 0 or total <= 0:
        return 0.0
    if measure == "association":
        return total * both / (a * b)
    if measure == "jaccard":
        return both / max(a + b - both, both)
    p_ab = min(both / total, 1.0)
    pmi = math.log(p_ab / ((a / total) * (b / total)))
    denominator = -math.log(p_ab)
    return 1.0 if denominator <= sys.float_info.epsilon else max(-1.0, min(1.0, pmi / denominator))


def compare(binary: str, corpus: Path, atlas: Path, copies: int, ids=None) -> list[str]:
    """Differences between the atlas and `export` on `corpus`; `ids` maps the export's document
    ids to the atlas's where they are named differently (a table of articles: the export names
    a record by its file and line, the atlas by its id); `copies`: how many copies the corpus
    holds (the comparison must not pass by finding none on either side)."""
    rename = ids or (lambda x: x)
    wrong: list[str] = []
    entities = read_table(atlas, "entities")
    pairs = read_table(atlas, "pairs")
    tags = read_table(atlas, "tags")
    windows = read_table(atlas, "windows")
    for window in WINDOWS:
        nodes: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
        for e in entities:
            if e["kind"] == "country":
                n = nodes[e["entity"]]
                n[0] += e["mentions"]
                n[1] += e["documents"]
                n[2] += e["documents"] if window == "article" else e[window]
        total = sum(w[window] for w in windows)
        links: dict[tuple, list] = collections.defaultdict(lambda: [0, 0, set()])
        for p in pairs:
            if p["window"] == window:
                link = links[(p["a"], p["b"])]
                link[0] += p["weight"]
                link[1] += p["documents"]
        for t in tags:
            if t["window"] == window:
                links[(t["a"], t["b"])][2].add(t["corridor"])
        for measure in MEASURES:
            cli = export(binary, corpus, window, measure)
            cli_nodes = {n["id"]: [n["mentions"], n["documents"]] for n in cli["nodes"]}
            atlas_nodes = {k: v[:2] for k, v in nodes.items()}
            if cli_nodes != atlas_nodes:
                diff = sorted(k for k in cli_nodes.keys() | atlas_nodes.keys()
                              if cli_nodes.get(k) != atlas_nodes.get(k))
                wrong.append(f"{window}: nodes differ at {diff[:10]}")
            cli_links = {}
            for link in cli["links"]:
                key = tuple(sorted((link["source"], link["target"])))
                cli_links[key] = (link["weight"], link["documents"],
                                  sorted(link["corridors"]), link["score"])
            atlas_links = {}
            for (a, b), (weight, documents, corridors) in links.items():
                s = score(measure, weight, nodes[a][2], nodes[b][2], total)
                atlas_links[tuple(sorted((a, b)))] = (weight, documents, sorted(corridors), s)
            if cli_links.keys() != atlas_links.keys():
                only_cli = sorted(cli_links.keys() - atlas_links.keys())[:10]
                only_atlas = sorted(atlas_links.keys() - cli_links.keys())[:10]
                wrong.append(f"{window}: links only in export {only_cli}, only in atlas {only_atlas}")
            for key in sorted(cli_links.keys() & atlas_links.keys()):
                c, s = cli_links[key], atlas_links[key]
                if c[:3] != s[:3] or abs(c[3] - s[3]) > 1e-6:
                    wrong.append(f"{window}/{measure}: {key} export {c} atlas {s}")
            if measure == MEASURES[0]:
                print(f"{window}: {len(cli_nodes)} nodes, {len(cli_links)} links, "
                      f"{total} windows compared", file=sys.stderr)
    # Copies: the same articles counted once, each against the same first article.
    cli = export(binary, corpus, "sentence", "count")
    cli_copies = {rename(d["id"]): rename(d["duplicate_of"])
                  for d in cli["documents"] if d.get("duplicate_of")}
    atlas_copies = {c["id"]: c["of"] for c in read_table(atlas, "copies")}
    if cli_copies != atlas_copies:
        wrong.append(f"copies: export {cli_copies}, atlas {atlas_copies}")
    if len(atlas_copies) < copies:
        wrong.append(f"the corpus's {copies} copies were not found: {atlas_copies}")
    counted = len(cli["documents"]) - len(cli_copies)
    atlas_counted = sum(w["documents"] for w in windows)
    if counted != atlas_counted:
        wrong.append(f"documents counted: export {counted}, atlas {atlas_counted}")
    # Problems: the same files and reasons (paths as each names them).
    def problems(rows, key_path, key_reason):
        return sorted((Path(str(r[key_path]).removeprefix("file:")).name, r[key_reason])
                      for r in rows)
    cli_problems = problems(cli["problems"], "path", "reason")
    atlas_problems = problems(read_table(atlas, "problems"), "path", "reason")
    if ids is not None:
        # Records are named and explained in each one's own words: the same number of them.
        cli_problems, atlas_problems = len(cli_problems), len(atlas_problems)
    if cli_problems != atlas_problems:
        wrong.append(f"problems: export {cli_problems}, atlas {atlas_problems}")
    evidence = read_table(atlas, "evidence")
    if not evidence or any(not e["passage"] for e in evidence):
        wrong.append("the atlas holds no evidence passages, or empty ones")
    return wrong


def spark_job(*args: str) -> None:
    """Runs the job's command line (`python -m corridor_atlas.spark --master local[2] ARGS`) in
    this process: each run starts and stops its own Spark session, as from the shell, but the
    JVM behind them starts once."""
    from corridor_atlas import spark

    status = spark.main(["--master", "local[2]", *args])
    if status != 0:
        sys.exit(f"the Spark job exited with {status}: {' '.join(args)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--binary", required=True, help="the corridor-atlas binary")
    ap.add_argument("--mb", type=float, default=3.0, help="generated news, MB (default 3)")
    ap.add_argument("--keep", help="build the corpus and atlas here and keep them")
    args = ap.parse_args()
    # The job's module runs as a program too (its usage, without starting Spark).
    usage = subprocess.run([sys.executable, "-m", "corridor_atlas.spark", "--help"],
                           capture_output=True, text=True)
    if usage.returncode != 0 or "an atlas out" not in usage.stdout:
        sys.exit(f"python -m corridor_atlas.spark --help failed: {usage.stderr[-500:]}")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="atlas-test-"))
    try:
        corpus, atlas = work / "corpus", work / "atlas"
        shutil.rmtree(corpus, ignore_errors=True)
        corpus.mkdir(parents=True)
        build_corpus(corpus, args.mb)
        spark_job("--evidence", "3", str(corpus), str(atlas))
        wrong = compare(args.binary, corpus, atlas, copies=2)
        wrong += opened(args.binary, corpus, atlas)
        # The same with every file read by Spark's own file source.
        through = work / "atlas-spark-reader"
        spark_job("--evidence", "3", "--reader", "spark", str(corpus), str(through))
        wrong += [f"--reader spark: {w}" for w in compare(args.binary, corpus, through, copies=2)]
        # The same from a table of articles (--articles).
        table, atlas = work / "table" / "articles.jsonl", work / "atlas-table"
        table.parent.mkdir(exist_ok=True)
        build_table(corpus, table)
        spark_job("--articles", str(table), str(atlas))
        wrong += [f"--articles: {w}" for w in compare(
            args.binary, table, atlas, copies=1, ids=lambda i: record_id(int(i.rsplit("#", 1)[1])))]
        # Opening a table's atlas is opening an atlas: one window is enough here.
        wrong += [f"--articles: {w}" for w in opened(args.binary, table, atlas, WINDOWS[:1])]
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    for w in wrong:
        print("DIFFERS:", w, file=sys.stderr)
    if wrong:
        return 1
    print("the atlas and the command line agree", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
