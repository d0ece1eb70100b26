#!/usr/bin/env python3
"""The Python package's API on Arrow data, without Spark: the module's documented example, the
input layouts Arrow producers hand over, files in several formats, and bad input.

    python3 python/tests/api.py

Exits 1 naming every check that failed.
"""

from __future__ import annotations

import doctest
import io
import os
import sys
import zipfile

import pyarrow as pa

import corridor_atlas
from corridor_atlas import Extractor, classify, counts_schema, similarity

failed: list[str] = []


def check(what: str, ok: bool, got=None) -> None:
    if not ok:
        failed.append(f"{what}: got {got!r}")


def pairs_of(counts: pa.RecordBatch, row: int, window: str) -> set[tuple[str, str]]:
    return {(p["a"], p["b"]) for p in counts.column("pairs")[row].as_py() if p["window"] == window}


def main() -> int:
    # The example in the package's documentation runs as written.
    result = doctest.testmod(corridor_atlas, verbose=False)
    check("the package's example", result.failed == 0 and result.attempted > 0, result)

    ex = Extractor()
    check("the gazetteer holds the countries", len(ex) > 250, len(ex))
    check("the names' print", len(ex.fingerprint) == 16 and ex.fingerprint == Extractor().fingerprint,
          ex.fingerprint)
    text = ("Kazakhstan and China agreed new rail quotas.\n\n"
            "Georgia hosted the talks. Azerbaijan sent a minister.")
    # Every string layout an Arrow producer may hand over counts the same.
    for kind in (pa.string(), pa.large_string(), pa.string_view()):
        batch = pa.record_batch({
            "id": pa.array(["a"], kind),
            "text": pa.array([text], kind),
            "date": pa.array(["2025-03-04"], kind),
        })
        counts = ex.count_articles(batch)
        check(f"{kind}: the schema", counts.schema.equals(counts_schema()), counts.schema)
        check(f"{kind}: sentence pairs", pairs_of(counts, 0, "sentence") == {("CHN", "KAZ")},
              pairs_of(counts, 0, "sentence"))
        check(f"{kind}: paragraph pairs",
              pairs_of(counts, 0, "paragraph") == {("CHN", "KAZ"), ("AZE", "GEO")},
              pairs_of(counts, 0, "paragraph"))
        check(f"{kind}: article pairs", len(pairs_of(counts, 0, "article")) == 6,
              pairs_of(counts, 0, "article"))
        check(f"{kind}: the date", str(counts.column("date")[0]) == "2025-03-04",
              counts.column("date")[0])
        check(f"{kind}: windows", (counts.column("sentences")[0].as_py(),
                                   counts.column("paragraphs")[0].as_py()) == (3, 2),
              (counts.column("sentences")[0], counts.column("paragraphs")[0]))
    # A date column of dates, not text.
    import datetime

    batch = pa.record_batch({"id": ["d"], "text": [text],
                             "date": pa.array([datetime.date(2024, 1, 2)], pa.date32())})
    check("a date column", str(ex.count_articles(batch).column("date")[0]) == "2024-01-02")

    # The passage quoted for a pair is the window naming both.
    # An article's windows are quoted once each, its pairs point at them.
    counts = ex.count_articles(pa.record_batch({"id": ["a"], "text": [text]}))
    passages = counts.column("passages")[0].as_py()
    check("each window's passage once", len(passages) == len(set(passages)), passages)
    for p in counts.column("pairs")[0].as_py():
        quoted = passages[p["passage"]]
        check("the window's passage", quoted == text[p["start"]:p["end"]], (p, quoted))
        if p["window"] == "sentence":
            check("the sentence's passage", "Kazakhstan" in quoted and "China" in quoted, p)

    # Mentions, with offsets into the text.
    mentions = ex.mentions(pa.record_batch({"id": ["a"], "text": [text]})).to_pylist()
    check("mentions", [m["entity"] for m in mentions] == ["KAZ", "CHN", "GEO", "AZE"],
          [m["entity"] for m in mentions])
    for m in mentions:
        b = text.encode("utf-8")[m["start"]:m["end"]].decode("utf-8")
        check("a mention's offsets", b == m["text"], (b, m))

    # Files' bytes in several formats; a bad file is a row naming it, the rest are read.
    page = (b"<html><head><title>Rail</title></head><body><nav>Home | World</nav><article>"
            b"<p>Kazakhstan and China agreed new rail quotas.</p></article></body></html>")
    records = (b'{"id": "r1", "text": "Armenia and Iran opened the road."}\n'
               b'{"title": "no text"}\n')
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("inner/one.txt", "Chile and Peru signed a treaty.")
    files = pa.record_batch({
        "id": ["news/page.html", "news/records.jsonl", "news/bundle.zip", "news/broken.zip",
               "news/latin1.txt"],
        "content": pa.array([page, records, archive.getvalue(), b"PK\x03\x04 not a zip",
                             "Türkiye and Greece".encode("latin-1", "replace")], pa.binary()),
    })
    counts = ex.count_files(files).to_pylist()
    read = {(r["file"], r["index"]): r for r in counts if r["problem"] is None}
    problems = {r["id"]: r["problem"] for r in counts if r["problem"] is not None}
    check("a web page's article", ("news/page.html", 0) in read
          and read[("news/page.html", 0)]["title"] == "Rail", sorted(read))
    check("the page's menu is not counted",
          [e["entity"] for e in read[("news/page.html", 0)]["entities"]] == ["CHN", "KAZ"],
          read.get(("news/page.html", 0)))
    check("a record read", ("news/records.jsonl", 0) in read, sorted(read))
    check("an archive's member", any(f.startswith("news/bundle.zip") for f, _ in read), sorted(read))
    check("a record without text is a problem naming the file",
          any(k.startswith("news/records.jsonl") and "no text" in v for k, v in problems.items()),
          problems)
    check("a broken archive is a problem naming it", "news/broken.zip" in problems, problems)
    check("a file in a legacy encoding", ("news/latin1.txt", 0) in read, sorted(read))

    # Articles without text are problems, not empty articles.
    counts = ex.count_articles(pa.record_batch({"id": ["x", "y"], "text": ["  ", None]}))
    check("articles without text", counts.column("problem").to_pylist() == ["no text"] * 2,
          counts.column("problem"))
    # A batch without the text column is refused with a message naming it.
    try:
        ex.count_articles(pa.record_batch({"id": ["x"]}))
        check("a batch without text is refused", False, "accepted")
    except KeyError as e:
        check("the refusal names the column", "text" in str(e), str(e))

    # What the command line does with a file name.
    check("classify", [classify(n) for n in ("a.txt", "b.pdf", ".hidden.txt")]
          == ["read", "read", "skip"], [classify(n) for n in ("a.txt", "b.pdf", ".hidden.txt")])
    check("classify an unsupported file", classify("notes.xyz") not in ("read", "skip"))
    # Near copies: the same sketches are similar, different ones are not.
    import random

    words = ("port rail freight ministers talks border tariff grain pipeline ferry customs "
             "quota transit bridge road convoy treaty summit loan harbour depot wagons").split()
    draws = [random.Random(seed) for seed in (1, 2)]
    prose = [" ".join(r.choice(words) for _ in range(300)) + "." for r in draws]
    # (A text's first line is its headline; copies are told by the body below it.)
    long_one = "Georgia and Azerbaijan\n\n" + prose[0]
    long_two = "Chile and Peru\n\n" + prose[1]
    one = ex.count_articles(pa.record_batch({"id": ["a", "b"], "text": [long_one, long_two]}))
    sketches = one.column("sketch").to_pylist()
    check("long articles have sketches", all(len(s) > 10 for s in sketches),
          [len(s) for s in sketches])
    check("a sketch is similar to itself", similarity(sketches[0], sketches[0]) == 1.0,
          similarity(sketches[0], sketches[0]))
    edited = long_one.replace("port", "harbour", 2)
    again = ex.count_articles(pa.record_batch({"id": ["c"], "text": [edited]}))
    near = similarity(sketches[0], again.column("sketch").to_pylist()[0])
    check("an article with two words changed is a near copy", near >= corridor_atlas.NEAR, near)
    check("different articles are not near copies",
          similarity(sketches[0], sketches[1]) < corridor_atlas.NEAR,
          similarity(sketches[0], sketches[1]))

    # A Spark task reading files itself: a file gone since the listing is a problem row naming
    # it, the others are counted (the function mapInArrow runs, without Spark).
    import tempfile

    from corridor_atlas import spark as job

    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "a.txt"), "w", encoding="utf-8") as f:
            f.write(text)
        paths = pa.record_batch({
            "root": pa.array([0, 0], pa.int32()),
            "id": ["a.txt", "gone.txt"],
            "location": [os.path.join(d, "a.txt"), os.path.join(d, "gone.txt")],
            "length": pa.array([len(text), 10], pa.int64()),
        })
        rows = pa.Table.from_batches(list(job._count_located(None, {0: d})(iter([paths]))))
        got = dict(zip(rows.column("id").to_pylist(), rows.column("problem").to_pylist()))
        check("a file read by the task is counted", got.get("a.txt", "missing") is None, got)
        check("a file gone since the listing is a problem naming it",
              "cannot be read" in (got.get("gone.txt") or ""), got)
        check("rows carry their root", rows.column("root").to_pylist() == [0, 0],
              rows.column("root"))

    for f in failed:
        print("FAILED:", f, file=sys.stderr)
    if failed:
        return 1
    print("the package's API works as documented", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
