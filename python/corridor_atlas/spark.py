"""The Corridor Atlas analysis on Apache Spark: a corpus in, an atlas (Parquet tables) out.

    python -m corridor_atlas.spark [--master URL] [--names FILE] [--evidence K]
                                   [--articles] [--reader auto|spark] INPUT... OUTPUT

INPUT: folders or files on any file system Spark reads (``/data/news``, ``hdfs://…``,
``s3a://…``), read as the command line reads a corpus; with ``--articles``, tables of articles
instead (Parquet, or JSON Lines with ``.json``/``.jsonl``) with the columns ``id``, ``text`` and
optionally ``title``, ``date``, ``url`` (a table's articles are in the order of their ids, the
inputs in the order given: the first of a group of copies is the one kept).

Each task reads its files and counts their articles in Rust (``mapInArrow``, one gazetteer per
Python worker): the files are listed on the driver and read by the tasks through Arrow's file
systems (local, HDFS, S3, GCS) where those reach them, else through Spark's ``binaryFile``
source. Spark SQL groups copies and sums. OUTPUT is an *atlas*, a folder of Parquet
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

#: Files handed to Rust at once: at most this many, and this many bytes (files can be large).
FILES_PER_BATCH = 1000
BYTES_PER_BATCH = 16 * 1024 * 1024

#: A task reading files itself reads about this many bytes, or this many files (each task
#: costs PySpark a fraction of a second to start: it refreshes Python's import caches).
TASK_BYTES = 128 * 1024 * 1024
TASK_FILES = 20_000

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
    """Files under `root` (a folder or a file): the root's qualified path (as Spark names its
    files), whether it is a folder, and (path, id relative to the root, size) for each file.
    Listed by Arrow's file systems where they reach the root (local, S3, GCS, HDFS: one call
    for the whole tree), else through Hadoop's file system (one call per file)."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    path = jvm.org.apache.hadoop.fs.Path(root)
    fs = path.getFileSystem(conf)
    status = fs.getFileStatus(path)
    qualified = str(fs.makeQualified(path))
    arrow = _arrow_location(root)
    listed = _arrow_files(arrow, qualified) if status.isDirectory() else None
    if listed is not None:
        return qualified.rstrip("/") + "/", True, listed, arrow
    if not status.isDirectory():
        name = status.getPath().getName()
        single = [(qualified, name, status.getLen(), arrow[1] if arrow else None)]
        return qualified, False, single, arrow
    base = qualified.rstrip("/") + "/"
    files = []
    it = fs.listFiles(path, True)
    while it.hasNext():
        f = it.next()
        full = str(f.getPath())
        rel = full[len(base):] if full.startswith(base) else full.rsplit("/", 1)[-1]
        files.append((full, rel, f.getLen(), None))
    return base, True, files, None


def _arrow_location(root: str):
    """Where Arrow's file systems find `root`: (URI of its file system, path in it), or None
    where they do not reach it (then Spark's own file source reads it)."""
    try:
        import pyarrow.fs as pafs

        uri = root if "://" in root else os.path.abspath(root)
        for hadoop_only in ("s3a://", "s3n://"):
            if uri.startswith(hadoop_only):
                uri = "s3://" + uri[len(hadoop_only):]
        fs, path = pafs.FileSystem.from_uri(uri)
        fs.get_file_info(path)
    except Exception:  # noqa: BLE001 (no Arrow file system for it)
        return None
    return uri, path.rstrip("/") or "/"


def _arrow_files(arrow, qualified: str):
    """A folder's files through Arrow's file systems (one call for the tree), or None where
    they cannot list it. Each file: (path as Spark names it, id, size, path in Arrow's file
    system)."""
    if arrow is None:
        return None
    try:
        import pyarrow.fs as pafs

        fs, path = pafs.FileSystem.from_uri(arrow[0])
        path = path.rstrip("/")
        infos = fs.get_file_info(pafs.FileSelector(path, recursive=True))
    except Exception:  # noqa: BLE001 (no Arrow file system for it: Hadoop lists it)
        return None
    base = qualified.rstrip("/") + "/"
    files = []
    for info in infos:
        if info.type == pafs.FileType.File and info.path.startswith(path + "/"):
            rel = info.path[len(path) + 1:]
            files.append((base + rel, rel, info.size or 0, info.path))
    return files


def _verdict(rel: str, in_folder: bool) -> str:
    """What the command line does with a file: "read", "skip", or the problem. A file named
    as an input is read whatever it is called; in a folder, hidden folders and clutter are
    skipped and the name decides."""
    from corridor_atlas import classify

    if not in_folder:
        return "read"
    parts = rel.split("/")
    if any(p.startswith(".") or p == "__MACOSX" for p in parts[:-1]):
        return "skip"
    return classify(parts[-1])


def _is_archive(name: str) -> bool:
    from corridor_atlas import EXTENSIONS

    low = name.lower()
    return any(low.endswith("." + e) for e in ("zip", "tar", "tgz", "gz", "warc")
               if e in EXTENSIONS)


def _over_limit(rel: str, size: int) -> bool:
    """Whether the command line leaves a file unread as too large (archives are streamed)."""
    from corridor_atlas import MAX_FILE_BYTES

    return size > MAX_FILE_BYTES and not _is_archive(rel)


def list_corpus(spark, roots: list[str]):
    """The inputs listed as the command line walks them: the roots (number, qualified path,
    whether a folder, the URI of the Arrow file system reaching it or None), the readable files
    as (root number, path, id, size, path in that Arrow file system or None), problems as (path,
    reason), and how many files were skipped."""
    from corridor_atlas import MAX_FILE_BYTES

    listed_roots, files, problems, skipped = [], [], [], 0
    for n, root in enumerate(roots):
        try:
            base, is_dir, listed, arrow = _hadoop_files(spark, root)
        except Exception as e:  # noqa: BLE001 (a Py4J error: the message is the reason)
            problems.append((root, f"cannot be listed: {str(e).splitlines()[0]}"))
            continue
        listed_roots.append((n, base, is_dir, arrow[0] if arrow else None))
        for path, rel, size, located in sorted(listed, key=lambda f: f[1].split("/")):
            verdict = _verdict(rel, is_dir)
            if verdict == "skip":
                skipped += 1
            elif verdict != "read":
                problems.append((path, verdict))
            elif _over_limit(rel, size):
                problems.append((path, f"too large: {size // 1_000_000} MB (files over "
                                       f"{MAX_FILE_BYTES // 1_000_000} MB are not read)"))
            elif size >= _SPARK_MAX_BYTES:
                problems.append((path, f"too large for Spark's file source: {size // 1_000_000} "
                                       "MB (2 GiB at most; split the archive, or read it with "
                                       "the command line)"))
            else:
                files.append((n, path, rel, size, located))
    return listed_roots, files, problems, skipped


#: The largest file Spark's binaryFile source reads (one byte array).
_SPARK_MAX_BYTES = 2**31 - 1


# ---------------------------------------------------------------------------------------------
# Extraction: in mapInArrow, one Rust call per small batch.


def _count_files(names: str | None, roots: list[tuple[int, str, bool, str | None]]):
    """The mapInArrow function for files: each row's id (its path below its root) and root
    found from the path, files the command line would not read dropped, the rest counted; a
    `root` column added for the corpus order."""
    # Longest root first: a root inside another is matched before it.
    bases = sorted(roots, key=lambda r: -len(r[1]))

    def root_of(path: str):
        for n, base, is_dir, _ in bases:
            if is_dir and path.startswith(base):
                return n, path[len(base):], True
            if not is_dir and path == base:
                return n, base.rsplit("/", 1)[-1], False
        return None

    def run(batches: Iterator) -> Iterator:
        import pyarrow as pa

        ex = _extractor(names)
        for batch in batches:
            for start, end in _pieces(batch.column("length").to_pylist()):
                part = batch.slice(start, end - start)
                keep, ids, root = [], [], {}
                sizes = part.column("length").to_pylist()
                for i, path in enumerate(part.column("path").to_pylist()):
                    found = root_of(path)
                    if found is None:
                        continue
                    n, rel, in_folder = found
                    if _verdict(rel, in_folder) != "read" or _over_limit(rel, sizes[i]):
                        continue  # listed as skipped or as a problem on the driver
                    keep.append(i)
                    ids.append(rel)
                    root[rel] = n
                if not keep:
                    continue
                files = pa.record_batch({
                    "id": pa.array(ids, pa.string()),
                    "content": part.column("content").take(pa.array(keep, pa.int32())),
                })
                out = ex.count_files(files)
                files_of = out.column("file").to_pylist()
                roots_out = [_root_of_file(root, f) for f in files_of]
                yield out.append_column("root", pa.array(roots_out, pa.int32()))

    return run


def _pieces(sizes: list[int]):
    """(start, end) of consecutive runs of files handed to Rust at once: at most
    FILES_PER_BATCH files and BYTES_PER_BATCH bytes (a larger file goes alone)."""
    start = 0
    while start < len(sizes):
        end, total = start, 0
        while end < len(sizes) and end - start < FILES_PER_BATCH and (
                end == start or total + (sizes[end] or 0) <= BYTES_PER_BATCH):
            total += sizes[end] or 0
            end += 1
        yield start, end
        start = end


def _problem_rows(rows: list[tuple[str, str, int]]):
    """Problem rows (id, reason, root) in the counts' schema with its root column."""
    import pyarrow as pa

    from corridor_atlas import counts_schema

    schema = counts_schema().append(pa.field("root", pa.int32()))
    columns = {f.name: pa.nulls(len(rows), f.type) for f in schema}
    columns["id"] = pa.array([r[0] for r in rows], pa.string())
    columns["file"] = columns["id"]
    columns["problem"] = pa.array([r[1] for r in rows], pa.string())
    columns["root"] = pa.array([r[2] for r in rows], pa.int32())
    return pa.RecordBatch.from_pydict(columns, schema=schema)


def _count_located(names: str | None, systems: dict[int, str]):
    """The mapInArrow function for files the workers read themselves through Arrow's file
    systems (rows: root, id, location, length): only paths cross from the JVM, the bytes are
    read where the task runs. A file that cannot be read becomes a problem row."""

    def run(batches: Iterator) -> Iterator:
        import pyarrow as pa
        import pyarrow.fs as pafs

        ex = _extractor(names)
        opened: dict[int, object] = {}
        for batch in batches:
            roots = batch.column("root").to_pylist()
            ids = batch.column("id").to_pylist()
            located = batch.column("location").to_pylist()
            for start, end in _pieces(batch.column("length").to_pylist()):
                good, contents, root, bad = [], [], {}, []
                for i in range(start, end):
                    try:
                        fs = opened.get(roots[i])
                        if fs is None:
                            fs = opened[roots[i]] = pafs.FileSystem.from_uri(
                                systems[roots[i]])[0]
                        with fs.open_input_stream(located[i]) as f:
                            contents.append(f.readall())
                    except Exception as e:  # noqa: BLE001 (the reason is the message)
                        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
                        bad.append((ids[i], f"cannot be read: {reason}", roots[i]))
                        continue
                    good.append(ids[i])
                    root[ids[i]] = roots[i]
                if good:
                    out = ex.count_files(pa.record_batch({
                        "id": pa.array(good, pa.string()),
                        "content": pa.array(contents, pa.binary()),
                    }))
                    files_of = out.column("file").to_pylist()
                    yield out.append_column("root", pa.array(
                        [_root_of_file(root, f) for f in files_of], pa.int32()))
                if bad:
                    yield _problem_rows(bad)

    return run


def _root_of_file(root: dict[str, int], file: str) -> int:
    """The root of a row's file: the file's own, or for an archive's member its archive's
    (looked for only then: a scan of the batch's files)."""
    n = root.get(file)
    return n if n is not None else _root_by_prefix(root, file)


def _root_by_prefix(root: dict[str, int], file: str) -> int:
    """The root of a row naming something inside a file (an archive's member)."""
    for rel, n in root.items():
        if file.startswith(rel):
            return n
    return 0


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
        rows.append((p, len(content), bytearray(content)))
    return spark.createDataFrame(rows, "path string, length long, content binary"), problems


def read_counts(spark, inputs: list[str], names: str | None, articles: bool,
                reader: str = "auto"):
    """Per-article counts of the inputs with their corpus order (`root`, `parts`, `index`), and
    the listing's problems and skipped files."""
    import pyarrow as pa
    from pyspark.sql import functions as F
    from pyspark.sql.pandas.types import from_arrow_schema

    from corridor_atlas import EXTENSIONS, counts_schema

    schema = counts_struct()
    if articles:
        frames = []
        for n, path in enumerate(inputs):
            low = path.lower()
            load = spark.read.json if low.endswith((".json", ".jsonl")) else spark.read.parquet
            df = load(path)
            cols = [c for c in ("id", "text", "title", "date", "url") if c in df.columns]
            if "date" in cols:
                df = df.withColumn("date", F.col("date").cast("string"))
            frames.append(df.select(*cols).mapInArrow(_count_articles(names), schema)
                          .withColumn("root", F.lit(n)))
        counts = frames[0]
        for f in frames[1:]:
            counts = counts.unionByName(f)
        return counts.withColumn("parts", F.array(F.col("id"))), [], 0
    roots, files, problems, skipped = list_corpus(spark, inputs)
    if not files:
        return None, problems, skipped
    with_root = from_arrow_schema(counts_schema().append(pa.field("root", pa.int32())))
    parts = []
    # Files an Arrow file system reaches are read by the tasks themselves: only their paths
    # cross from the JVM to Python (Spark's file source would read every byte in the JVM and
    # hand it over: about three times slower for news-sized files).
    if reader == "spark":
        files = [(n, path, rel, size, None) for n, path, rel, size, _ in files]
    located = [(n, rel, loc, size) for n, _, rel, size, loc in files if loc is not None]
    if located:
        systems = {n: uri for n, _, _, uri in roots if uri is not None}
        total = sum(f[3] for f in located)
        slices = max(spark.sparkContext.defaultParallelism, -(-total // TASK_BYTES),
                     -(-len(located) // TASK_FILES))
        # Handed to Spark as one Arrow table (rows through Python would cost seconds).
        table = spark.createDataFrame(pa.table({
            "root": pa.array([f[0] for f in located], pa.int32()),
            "id": pa.array([f[1] for f in located], pa.string()),
            "location": pa.array([f[2] for f in located], pa.string()),
            "length": pa.array([f[3] for f in located], pa.int64()),
        })).repartition(min(slices, len(located)))
        parts.append(table.mapInArrow(_count_located(names, systems), with_root))
    # The others through Spark's binaryFile source: folders listed by Spark itself (a path
    # list of millions would be listed by a job of its own), only names the command line
    # reads, no file too large for one byte array; each row's id and root from its path.
    elsewhere = {n for n, _, _, _, loc in files if loc is None}
    glob = "*.{" + ",".join(_any_case(e) for e in EXTENSIONS) + "}"
    frames = []
    for n, base, is_dir, _ in roots:
        if n not in elsewhere:
            continue
        source = spark.read.format("binaryFile")
        if is_dir:
            source = source.option("recursiveFileLookup", "true").option("pathGlobFilter", glob)
        frames.append(source.load(base).filter(F.col("length") < _SPARK_MAX_BYTES))
    # Spark's file sources pass over names that start with "_" or "." (its own bookkeeping
    # files), which the command line reads: those are read here.
    hidden = [p for n, p, rel, _, _ in files if n in elsewhere and _spark_hides(rel)]
    if hidden:
        read, unread = _read_on_driver(spark, hidden)
        frames.append(read)
        problems.extend(unread)
    if frames:
        binary = frames[0].select("path", "length", "content")
        for f in frames[1:]:
            binary = binary.unionByName(f.select("path", "length", "content"))
        parts.append(binary.mapInArrow(_count_files(names, roots), with_root))
    counts = parts[0]
    for p in parts[1:]:
        counts = counts.unionByName(p)
    return counts.withColumn("parts", F.split(F.col("file"), "/")), problems, skipped


def _any_case(ext: str) -> str:
    """A glob matching an extension in any case: "txt" -> "[tT][xX][tT]"."""
    return "".join(f"[{c.lower()}{c.upper()}]" if c.isalpha() else c for c in ext)


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

    # Extracted once: the problems and the articles both come from these rows.
    counts = counts.persist()
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
    # The sample is chosen by position; its passages' texts (an article's windows, each once)
    # join it afterwards, so only the chosen ones travel.
    sample = (
        named.withColumn("n", F.row_number().over(first))
        .filter(F.col("n") <= evidence)
        .join(counted.select("seq", "passages"), "seq")
        .withColumn("passage", F.element_at("passages", F.col("passage") + 1))
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
        articles: bool = False, reader: str = "auto") -> dict:
    """Reads `inputs`, writes the atlas to `output` and returns its manifest. `reader`: "auto"
    (tasks read the files through Arrow's file systems where those reach them, else Spark's
    binaryFile source does) or "spark" (always Spark's source)."""
    from pyspark.sql import functions as F

    import corridor_atlas

    if names:
        spark.sparkContext.addFile(names)
    counts, listing_problems, skipped = read_counts(spark, inputs, names, articles, reader)
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
        "gazetteer": {"entities": len(_extractor(names)),
                      "fingerprint": _extractor(names).fingerprint},
        "counts": {**summary, "problems": tables["problems"].count(), "skipped": skipped},
        "tables": sorted(tables),
    }
    _write_text(spark, f"{output.rstrip('/')}/manifest.json", json.dumps(manifest, indent=2) + "\n")
    return manifest


def session(master: str | None, app: str = "corridor-atlas"):
    """A Spark session set up for the job (Arrow batches of plain 32-bit offsets)."""
    from pyspark.sql import SparkSession

    from pyspark import SparkConf

    given = SparkConf()  # what spark-submit's --conf set: left as given
    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    if not given.contains("spark.sql.files.openCostInBytes"):
        # News files are small (a few KB): at Spark's 4 MB per file a task would get about 30
        # of them and spend more on its start than on the text. At 128 KB a task reads about a
        # thousand.
        builder = builder.config("spark.sql.files.openCostInBytes", str(128 * 1024))
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
    ap.add_argument("--reader", choices=("auto", "spark"), default="auto",
                    help="who reads the files: the tasks, through Arrow's file systems where "
                         "those reach them (auto, the default: about three times faster for "
                         "news-sized files), or always Spark's binaryFile source (spark: when "
                         "only Spark's Hadoop settings reach the storage)")
    ap.add_argument("inputs", nargs="+", metavar="INPUT")
    ap.add_argument("output", metavar="OUTPUT")
    args = ap.parse_args(argv)
    if args.evidence < 0:
        ap.error("--evidence must be 0 or more")
    if args.names and not os.path.isfile(args.names):
        ap.error(f"--names: {args.names} does not exist")
    spark = session(args.master)
    try:
        manifest = run(spark, args.inputs, args.output, args.names, args.evidence, args.articles,
                       args.reader)
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
