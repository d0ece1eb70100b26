"""The Corridor Atlas analysis on Apache Spark: a corpus in, an atlas (Parquet tables) out.

    python -m corridor_atlas.spark [--master URL] [--names FILE] [--evidence K]
                                   [--articles] INPUT... OUTPUT

INPUT: folders or files on any file system Spark reads (``/data/news``, ``hdfs://…``,
``s3a://…``), read as the command line reads a corpus; with ``--articles``, tables of articles
instead (Parquet, or JSON Lines with ``.json``/``.jsonl``) with the columns ``id``, ``text`` and
optionally ``title``, ``date``, ``url`` (a table's articles are in the order of their ids, the
inputs in the order given: the first of a group of copies is the one kept).

Each task reads its files and counts their articles in Rust (``mapInArrow``, one gazetteer per
Python worker); Spark SQL groups copies and sums. OUTPUT is an *atlas*, a folder of Parquet
tables and a manifest (``manifest.json``, schema ``ATLAS_SCHEMA``):

- ``entities``: entity, kind, day, mentions, documents, sentence, paragraph (windows of each kind
  naming it; an article window is a document)
- ``pairs``: a, b, window, day, weight (windows naming both), documents
- ``windows``: day, documents, sentence, paragraph, article (windows of each kind)
- ``tags``: a, b, window, corridor, day, documents (corridors named in windows naming the pair)
- ``evidence``: a, b, window, id, title, url, date, start, end, passage — the first window
  naming the pair in each of the first K articles (corpus order) naming it
- ``copies``: id, of, exact — articles counted once, as on one machine (the same fingerprints;
  near copies are grouped in Spark and joined under the earliest article)
- ``problems``: path, reason — every file or record that could not be used

``day`` is the article's date (null: undated). Everything the window and ``export`` compute —
every window kind, measure, date range and filter — is a sum over these rows.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from typing import Iterator

ATLAS_SCHEMA = 1

#: Files per Arrow batch handed to Rust: files can be large, so batches stay small.
FILES_PER_BATCH = 64

_EXTRACTOR = None


def _extractor(names: str | None):
    """The worker process's extractor, built on first use (Rust objects are not pickled)."""
    global _EXTRACTOR
    if _EXTRACTOR is None or _EXTRACTOR[0] != names:
        from corridor_atlas import Extractor

        path = names
        if names and not os.path.isfile(names):
            # On a cluster the names file reaches each worker through SparkFiles.
            from pyspark import SparkFiles

            path = SparkFiles.get(os.path.basename(names))
        _EXTRACTOR = (names, Extractor(path))
    return _EXTRACTOR[1]


def counts_struct():
    """The Spark schema of the per-article counts, from the Arrow schema Rust writes."""
    from pyspark.sql.pandas.types import from_arrow_schema

    from corridor_atlas import counts_schema

    return from_arrow_schema(counts_schema())


# ---------------------------------------------------------------------------------------------
# Listing: every file under the inputs is read, skipped as clutter (counted), or a problem.


def _hadoop_files(spark, root: str):
    """Files under `root` (a folder or a file) through Hadoop's file system: (path, relative id)."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(root)
    fs = path.getFileSystem(conf)
    status = fs.getFileStatus(path)
    if not status.isDirectory():
        yield str(status.getPath()), status.getPath().getName()
        return
    base = str(fs.makeQualified(path)).rstrip("/") + "/"
    it = fs.listFiles(path, True)
    while it.hasNext():
        full = str(it.next().getPath())
        yield full, full[len(base):] if full.startswith(base) else full.rsplit("/", 1)[-1]


def list_corpus(spark, roots: list[str]):
    """Readable files as (root number, path, id), problems as (path, reason), skipped count."""
    from corridor_atlas import classify

    files, problems, skipped = [], [], 0
    for n, root in enumerate(roots):
        try:
            listed = list(_hadoop_files(spark, root))
        except Exception as e:  # noqa: BLE001 (a Py4J error: the message is the reason)
            problems.append((root, f"cannot be listed: {str(e).splitlines()[0]}"))
            continue
        for path, rel in sorted(listed, key=lambda f: f[1].split("/")):
            parts = rel.split("/")
            if any(p.startswith(".") or p == "__MACOSX" for p in parts[:-1]):
                skipped += 1
                continue
            verdict = classify(parts[-1])
            if verdict == "read":
                files.append((n, path, rel))
            elif verdict == "skip":
                skipped += 1
            else:
                problems.append((path, verdict))
    return files, problems, skipped


# ---------------------------------------------------------------------------------------------
# Extraction: in mapInArrow, one Rust call per small batch.


def _count_files(names: str | None, ids: dict[str, str]):
    def run(batches: Iterator) -> Iterator:
        import pyarrow as pa

        ex = _extractor(names)
        for batch in batches:
            for start in range(0, batch.num_rows, FILES_PER_BATCH):
                part = batch.slice(start, FILES_PER_BATCH)
                paths = part.column("path").to_pylist()
                files = pa.record_batch(
                    {
                        "id": pa.array([ids.get(p, p) for p in paths], pa.string()),
                        "content": part.column("content"),
                    }
                )
                yield ex.count_files(files)

    return run


def _count_articles(names: str | None):
    def run(batches: Iterator) -> Iterator:
        ex = _extractor(names)
        for batch in batches:
            yield ex.count_articles(batch)

    return run


def _spark_hides(rel: str) -> bool:
    """Whether Spark's file index would pass over this file (a component starting with "_" or
    ".", or a copy still being written)."""
    return rel.endswith("._COPYING_") or any(p[:1] in ("_", ".") for p in rel.split("/"))


def _read_on_driver(spark, paths: list[str]):
    """The files Spark's file sources will not read, read through Hadoop's file system on the
    driver (they are few: a corpus's own files rarely start with "_"). A file that cannot be
    read becomes a problem with its path."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    rows, problems = [], []
    for p in paths:
        path = jvm.org.apache.hadoop.fs.Path(p)
        try:
            stream = path.getFileSystem(conf).open(path)
            try:
                content = bytes(jvm.org.apache.commons.io.IOUtils.toByteArray(stream))
            finally:
                stream.close()
        except Exception as e:  # noqa: BLE001 (a Py4J error: its first line is the reason)
            problems.append((p, f"cannot be read: {str(e).splitlines()[0]}"))
            continue
        rows.append((p, bytearray(content)))
    return spark.createDataFrame(rows, "path string, content binary"), problems


def read_counts(spark, inputs: list[str], names: str | None, articles: bool):
    """Per-article counts of the inputs with their corpus order (`root`, `parts`, `index`), and
    the listing's problems and skipped files."""
    from pyspark.sql import functions as F

    schema = counts_struct()
    if articles:
        frames = []
        for n, path in enumerate(inputs):
            low = path.lower()
            reader = spark.read.json if low.endswith((".json", ".jsonl")) else spark.read.parquet
            df = reader(path)
            cols = [c for c in ("id", "text", "title", "date", "url") if c in df.columns]
            if "date" in cols:
                df = df.withColumn("date", F.col("date").cast("string"))
            frames.append(df.select(*cols).mapInArrow(_count_articles(names), schema)
                          .withColumn("root", F.lit(n)))
        counts = frames[0]
        for f in frames[1:]:
            counts = counts.unionByName(f)
        return counts.withColumn("parts", F.array(F.col("id"))), [], 0
    files, problems, skipped = list_corpus(spark, inputs)
    if not files:
        return None, problems, skipped
    ids = {path: rel for _, path, rel in files}
    roots = {path: n for n, path, _ in files}
    # Spark's file sources pass over names that start with "_" or "." (its own bookkeeping
    # files), even named one by one; the command line reads them, so they are read here.
    shown = [p for _, p, rel in files if not _spark_hides(rel)]
    hidden = [p for _, p, rel in files if _spark_hides(rel)]
    frames = []
    if shown:
        frames.append(spark.read.format("binaryFile").load(shown).select("path", "content"))
    if hidden:
        read, unread = _read_on_driver(spark, hidden)
        frames.append(read)
        problems.extend(unread)
    binary = frames[0] if len(frames) == 1 else frames[0].unionByName(frames[1])
    counts = binary.mapInArrow(_count_files(names, ids), schema)
    # The corpus order: roots in the order given, then paths below them component by component
    # (the command line's walk), then the place of an article in its file.
    root_of = F.create_map(*[x for p, n in roots.items() for x in (F.lit(ids[p]), F.lit(n))])
    counts = counts.withColumn("root", F.coalesce(root_of[F.col("file")], F.lit(0)))
    return counts.withColumn("parts", F.split(F.col("file"), "/")), problems, skipped


# ---------------------------------------------------------------------------------------------
# Copies: the same fingerprints as on one machine, grouped in Spark.


class _Groups:
    """Union-find that joins groups under the earliest article."""

    def __init__(self):
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(x, x) != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            low, high = min(ra, rb), max(ra, rb)
            self.parent[high] = low
            self.parent.setdefault(low, low)


def copies(spark, arts):
    """`arts` (articles with `seq`, their corpus order) to (seq, root, exact): every article
    with the earliest article of its group of copies (itself when it repeats none)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F
    from pyspark.sql.types import DoubleType

    from corridor_atlas import KEY_SPAN, MAX_BUCKET, NEAR, similarity

    by_print = Window.partitionBy("exact")
    exact = (
        arts.filter(F.col("exact") != 0)
        .withColumn("first", F.min("seq").over(by_print))
        .select("seq", "first")
    )
    roots = arts.select("seq", "sketch").join(exact, "seq", "left").withColumn(
        "first", F.coalesce("first", "seq")
    )
    # Near copies among articles that repeat no earlier one exactly: articles that share one of
    # their smallest shingle hashes (not a stock phrase many share) are compared.
    candidates = roots.filter(F.col("first") == F.col("seq"))
    keys = candidates.select("seq", F.posexplode("sketch").alias("pos", "h")).filter(
        F.col("pos") < KEY_SPAN
    )
    buckets = (
        keys.groupBy("h")
        .agg(F.collect_list("seq").alias("members"))
        .filter((F.size("members") >= 2) & (F.size("members") <= MAX_BUCKET))
    )
    pairs = (
        buckets.select(F.explode("members").alias("a"), "members")
        .select("a", F.explode("members").alias("b"))
        .filter(F.col("a") < F.col("b"))
        .distinct()
    )
    sim = F.udf(lambda x, y: similarity(x, y), DoubleType())
    sketches = candidates.select("seq", "sketch")
    similar = (
        pairs.join(sketches.withColumnRenamed("seq", "a").withColumnRenamed("sketch", "sa"), "a")
        .join(sketches.withColumnRenamed("seq", "b").withColumnRenamed("sketch", "sb"), "b")
        .filter(sim("sa", "sb") >= NEAR)
        .select("a", "b")
    )
    # Near copies are few next to the articles: their groups are joined on the driver.
    groups = _Groups()
    for row in similar.toLocalIterator():
        groups.union(row["a"], row["b"])
    near = [(x, groups.find(x)) for x in groups.parent]
    near_schema = "seq long, near_root long"
    near_df = spark.createDataFrame(near or [], near_schema)
    joined = roots.join(near_df.withColumnRenamed("seq", "first"), "first", "left")
    return joined.select(
        "seq",
        F.coalesce("near_root", "first").alias("root"),
        (F.col("first") != F.col("seq")).alias("exact"),
    )


# ---------------------------------------------------------------------------------------------
# The atlas.


def build_atlas(spark, counts, evidence: int):
    """The atlas's tables as DataFrames, from per-article counts with their corpus order."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    problems = counts.filter(F.col("problem").isNotNull()).select(
        F.col("id").alias("path"), F.col("problem").alias("reason")
    )
    arts = (
        counts.filter(F.col("problem").isNull())
        .orderBy("root", "parts", "index")
        .withColumn("seq", F.monotonically_increasing_id())
        .drop("problem")
    )
    arts = arts.persist()
    groups = copies(spark, arts).persist()
    ids = arts.select("seq", "id")
    copy_table = (
        groups.filter(F.col("root") != F.col("seq"))
        .join(ids, "seq")
        .join(ids.select(F.col("seq").alias("root"), F.col("id").alias("of")), "root")
        .select("id", "of", "exact")
    )
    counted = arts.join(groups.filter(F.col("root") == F.col("seq")).select("seq"), "seq")
    counted = counted.withColumn("day", F.col("date")).persist()

    entities = (
        counted.select("day", F.explode("entities").alias("e"))
        .groupBy("e.entity", "e.kind", "day")
        .agg(
            F.sum("e.mentions").alias("mentions"),
            F.count(F.lit(1)).alias("documents"),
            F.sum("e.sentence").alias("sentence"),
            F.sum("e.paragraph").alias("paragraph"),
        )
    )
    windows = counted.groupBy("day").agg(
        F.count(F.lit(1)).alias("documents"),
        F.sum("sentences").alias("sentence"),
        F.sum("paragraphs").alias("paragraph"),
        F.count(F.lit(1)).alias("article"),
    )
    named = counted.select(
        "seq", "id", "title", "url", "date", "day", F.explode("pairs").alias("p")
    ).select("seq", "id", "title", "url", "date", "day", "p.*")
    pairs = named.groupBy("a", "b", "window", "day").agg(
        F.sum("weight").alias("weight"), F.count(F.lit(1)).alias("documents")
    )
    tags = (
        named.select("a", "b", "window", "day", F.explode("corridors").alias("corridor"))
        .groupBy("a", "b", "window", "corridor", "day")
        .agg(F.count(F.lit(1)).alias("documents"))
    )
    first = Window.partitionBy("a", "b", "window").orderBy("seq")
    sample = (
        named.withColumn("n", F.row_number().over(first))
        .filter(F.col("n") <= evidence)
        .select("a", "b", "window", "id", "title", "url", "date", "start", "end", "passage")
    )
    return {
        "entities": entities,
        "pairs": pairs,
        "windows": windows,
        "tags": tags,
        "evidence": sample,
        "copies": copy_table,
        "problems": problems,
    }, (arts, counted)


def _write_text(spark, path: str, text: str) -> None:
    """Writes a small text file through Hadoop's file system (local, HDFS, object stores)."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    target = jvm.org.apache.hadoop.fs.Path(path)
    out = target.getFileSystem(conf).create(target, True)
    try:
        out.write(bytearray(text.encode("utf-8")))
    finally:
        out.close()


def run(spark, inputs: list[str], output: str, names: str | None = None, evidence: int = 5,
        articles: bool = False) -> dict:
    """Reads `inputs`, writes the atlas to `output` and returns its manifest."""
    from pyspark.sql import functions as F

    import corridor_atlas

    if names:
        spark.sparkContext.addFile(names)
    counts, listing_problems, skipped = read_counts(spark, inputs, names, articles)
    listed = spark.createDataFrame(listing_problems or [], "path string, reason string")
    if counts is None:
        tables = {"problems": listed}
        summary = {"articles": 0, "counted": 0, "copies": 0}
    else:
        tables, (arts, counted) = build_atlas(spark, counts, evidence)
        tables["problems"] = listed.unionByName(tables["problems"])
        copies_n = tables["copies"].agg(
            F.count(F.lit(1)).alias("n"), F.sum(F.col("exact").cast("int")).alias("exact")
        ).first()
        summary = {
            "articles": arts.count(),
            "counted": counted.count(),
            "copies": copies_n["n"],
            "exact_copies": copies_n["exact"] or 0,
        }
    for name, df in tables.items():
        df.write.mode("overwrite").parquet(f"{output.rstrip('/')}/{name}")
    manifest = {
        "schema": ATLAS_SCHEMA,
        "kind": "corridor-atlas atlas",
        "version": corridor_atlas.__version__,
        "inputs": inputs,
        "parameters": {"names": names, "evidence": evidence, "articles": articles,
                       "passage_bytes": corridor_atlas.PASSAGE_BYTES},
        "gazetteer": {"entities": len(_extractor(names))},
        "counts": {**summary, "problems": tables["problems"].count(), "skipped": skipped},
        "tables": sorted(tables),
    }
    _write_text(spark, f"{output.rstrip('/')}/manifest.json", json.dumps(manifest, indent=2) + "\n")
    return manifest


def session(master: str | None, app: str = "corridor-atlas"):
    """A Spark session set up for the job (Arrow batches of plain 32-bit offsets)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        # On one machine a few shuffle partitions per core, not Spark's cluster-sized 200.
        cores = os.cpu_count() or 2
        builder = builder.config("spark.sql.shuffle.partitions", str(4 * cores))
    builder = builder.config("spark.sql.execution.arrow.useLargeVarTypes", "false")
    # Stage progress bars would bury the job's own messages.
    builder = builder.config("spark.ui.showConsoleProgress", "false")
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", str(FILES_PER_BATCH))
    return builder.getOrCreate()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m corridor_atlas.spark",
        description="The Corridor Atlas analysis on Apache Spark: a corpus in, an atlas out.",
    )
    ap.add_argument("--master", help="Spark master URL (local[*] to try it on this machine)")
    ap.add_argument("--names", help="a names file added to the bundled names (as --gazetteer)")
    ap.add_argument("--evidence", type=int, default=5, metavar="K",
                    help="passages kept per link and window (default 5)")
    ap.add_argument("--articles", action="store_true",
                    help="the inputs are tables of articles (Parquet or JSON Lines), not files")
    ap.add_argument("inputs", nargs="+", metavar="INPUT")
    ap.add_argument("output", metavar="OUTPUT")
    args = ap.parse_args(argv)
    if args.evidence < 0:
        ap.error("--evidence must be 0 or more")
    if args.names and not os.path.isfile(args.names):
        ap.error(f"--names: {args.names} does not exist")
    spark = session(args.master)
    try:
        manifest = run(spark, args.inputs, args.output, args.names, args.evidence, args.articles)
    finally:
        spark.stop()
    c = manifest["counts"]
    print(
        f"{c['articles']} articles read, {c['counted']} counted ({c['copies']} copies), "
        f"{c['problems']} problems, {c['skipped']} skipped -> {args.output}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
