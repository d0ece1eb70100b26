#!/usr/bin/env python3
"""Extraction inside Spark against the command line, per core, and the whole local Spark job.

    cargo build --release && pip install ./python pyspark pandas
    python3 benches/spark.py [--mb 100] [--cores 1,2] [--runs 3] [--corpus DIR]

On a generated corpus (``../shared/bench/make_corpus.py``, beside the repository; made once in
``target/bench-corpus-<MB>`` unless ``--corpus`` is given):

- the command line: ``corridor-atlas export --format csv -o /dev/null`` with
  ``RAYON_NUM_THREADS`` set to each core count (it reads, extracts, finds copies and builds the
  graph: more than the extraction alone);
- Spark's extraction: every file read by the ``binaryFile`` source and counted in ``mapInArrow``
  (``corridor_atlas.spark.read_counts``), written to Spark's ``noop`` sink, in a session of
  ``local[N]`` already started;
- the whole job: ``corridor_atlas.spark.run`` to a temporary atlas (copies, sums, Parquet), in
  the same session.

Runs are interleaved and medians reported, with MB/s per core and the ratio of Spark's
extraction to the command line (the target is at least 0.7). Spark's session start (about ten
seconds) is reported apart.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def corpus_of(mb: float, given: str | None) -> Path:
    if given:
        return Path(given)
    path = REPO / "target" / f"bench-corpus-{mb:g}"
    if not path.is_dir():
        gen = REPO.parent / "shared" / "bench" / "make_corpus.py"
        subprocess.run([sys.executable, str(gen), str(mb), str(path)], check=True,
                       stdout=subprocess.DEVNULL)
    return path


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=100)
    ap.add_argument("--cores", default="1,2", help="core counts, comma-separated")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--corpus", help="an existing corpus folder instead of a generated one")
    ap.add_argument("--binary", default=str(REPO / "target" / "release" / "corridor-atlas"))
    args = ap.parse_args()
    if not os.access(args.binary, os.X_OK):
        sys.exit(f"{args.binary} is not built (cargo build --release)")
    corpus = corpus_of(args.mb, args.corpus)
    mb = size_mb(corpus)
    print(f"corpus {corpus}: {mb:.1f} MB", file=sys.stderr)

    import corridor_atlas
    from corridor_atlas import spark as job

    rows = []
    for cores in [int(c) for c in args.cores.split(",")]:
        started = time.perf_counter()
        session = job.session(f"local[{cores}]", "bench")
        session.sparkContext.setLogLevel("ERROR")
        start_s = time.perf_counter() - started
        cli, extract, whole = [], [], []
        env = {**os.environ, "RAYON_NUM_THREADS": str(cores)}
        for run in range(args.runs + 1):  # the first round warms caches and the JVM
            t = time.perf_counter()
            subprocess.run([args.binary, "export", "--format", "csv", "-o", "/dev/null",
                            str(corpus)], check=True, env=env, stderr=subprocess.DEVNULL)
            c = time.perf_counter() - t
            t = time.perf_counter()
            counts, _, _ = job.read_counts(session, [str(corpus)], None, False)
            counts.write.format("noop").mode("overwrite").save()
            e = time.perf_counter() - t
            out = tempfile.mkdtemp(prefix="atlas-bench-")
            t = time.perf_counter()
            job.run(session, [str(corpus)], out)
            w = time.perf_counter() - t
            # The job keeps its extraction cached: the next round must read again.
            session.catalog.clearCache()
            shutil.rmtree(out, ignore_errors=True)
            if run > 0:
                cli.append(c)
                extract.append(e)
                whole.append(w)
            print(f"local[{cores}] run {run}: export {c:.2f} s, Spark extraction {e:.2f} s, "
                  f"Spark job {w:.2f} s", file=sys.stderr)
        session.stop()
        rows.append((cores, start_s, statistics.median(cli), statistics.median(extract),
                     statistics.median(whole)))

    print(f"\n{mb:.0f} MB, medians of {args.runs} runs, corridor_atlas {corridor_atlas.__version__}")
    print("| cores | export (s) | MB/s/core | Spark extraction (s) | MB/s/core | ratio "
          "| Spark job (s) | session start (s) |")
    print("|---|---|---|---|---|---|---|---|")
    for cores, start_s, c, e, w in rows:
        print(f"| {cores} | {c:.2f} | {mb / c / cores:.0f} | {e:.2f} | {mb / e / cores:.0f} "
              f"| {c / e:.2f}× | {w:.2f} | {start_s:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
