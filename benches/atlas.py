#!/usr/bin/env python3
"""Opening a large atlas: time and memory of `export` and of the window on an atlas of a million
links (pair rows: a pair of countries, a window kind and a day), as a cluster writes for a very
large corpus.

    python3 benches/atlas.py                      # 1,000,000 links, 3 runs each
    python3 benches/atlas.py --links 200000 --runs 5 --keep /tmp/big-atlas
    python3 benches/atlas.py --no-window          # without a display: export only

Generates the atlas with pyarrow (every country of assets/countries.json; 250 countries give at
most 31,125 pairs, so a million links spread the pairs over days), with five sampled passages
per pair and window kind and a manifest counting 10^8 articles. Then:

- `corridor-atlas export --format nodes ATLAS` (opens every table, builds the graph): wall time
  and peak resident memory (`/usr/bin/time -v`);
- the window (needs a display: `Xvfb :99 &` and DISPLAY=:99): seconds from launch until the
  atlas is read and on screen (CORRIDOR_ATLAS_TIMING=1), and the process's peak resident memory
  (VmHWM) a few seconds later, with the map drawn.

Build first: cargo build --release.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / "target" / "release" / "corridor-atlas"
WINDOWS = ("sentence", "paragraph", "article")
WORDS = ("ministers met to discuss transit trade energy corridor ports rail cargo agreement "
         "signed talks investment pipeline customs border freight summit").split()


def generate(root: Path, links: int, seed: int = 7) -> dict:
    import datetime

    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = random.Random(seed)
    countries = json.loads((REPO / "assets" / "countries.json").read_text())["countries"]
    codes = sorted(c["iso3"] for c in countries)
    pairs = [(a, b) for i, a in enumerate(codes) for b in codes[i + 1:]]
    per_pair = max(1, -(-links // (len(pairs) * len(WINDOWS))))
    start = datetime.date(2015, 1, 1)
    days = [start + datetime.timedelta(days=d) for d in range(3650)]
    cols = {k: [] for k in ("a", "b", "window", "day", "weight", "documents")}
    n = 0
    for a, b in pairs:
        for w in WINDOWS:
            for day in rng.sample(days, per_pair):
                if n == links:
                    break
                weight = rng.randint(1, 40)
                for k, v in zip(cols, (a, b, w, day, weight, max(1, weight // 2))):
                    cols[k].append(v)
                n += 1
    dirs = {t: root / t for t in ("entities", "windows", "pairs", "tags", "evidence",
                                  "copies", "problems")}
    for d in dirs.values():
        d.mkdir(parents=True)
    pq.write_table(pa.table(cols), dirs["pairs"] / "part-00000.parquet")
    ent = {k: [] for k in ("entity", "kind", "day", "mentions", "documents", "sentence",
                           "paragraph")}
    for code in codes:
        for day in days[::10]:
            m = rng.randint(1, 5000)
            for k, v in zip(ent, (code, "country", day, m, m // 2 + 1, m // 2 + 1, m // 3 + 1)):
                ent[k].append(v)
    pq.write_table(pa.table(ent), dirs["entities"] / "part-00000.parquet")
    win = {"day": days, "documents": [27_400] * len(days), "sentence": [600_000] * len(days),
           "paragraph": [250_000] * len(days), "article": [27_400] * len(days)}
    pq.write_table(pa.table(win), dirs["windows"] / "part-00000.parquet")
    pq.write_table(pa.table({"a": ["AZE"], "b": ["TUR"], "window": ["sentence"],
                             "corridor": ["middle-corridor"], "day": [days[0]],
                             "documents": [1]}), dirs["tags"] / "part-00000.parquet")
    ev = {k: [] for k in ("a", "b", "window", "id", "title", "url", "date", "start", "end",
                          "passage")}
    names = {c["iso3"]: c["name"] for c in countries}
    for a, b in pairs:
        for w in WINDOWS:
            for k in range(5):
                text = (f"{names[a]} and {names[b]} " + " ".join(rng.choices(WORDS, k=30))
                        + ".")
                row = (a, b, w, f"crawl/{a}-{b}-{w}-{k}", f"{names[a]} and {names[b]} talks",
                       f"https://news.example/{a}/{b}/{k}", rng.choice(days), 0, len(text), text)
                for key, v in zip(ev, row):
                    ev[key].append(v)
    pq.write_table(pa.table(ev), dirs["evidence"] / "part-00000.parquet")
    pq.write_table(pa.table({"id": pa.array([], pa.string()), "of": pa.array([], pa.string()),
                             "exact": pa.array([], pa.bool_())}), dirs["copies"] / "p.parquet")
    pq.write_table(pa.table({"path": pa.array([], pa.string()),
                             "reason": pa.array([], pa.string())}), dirs["problems"] / "p.parquet")
    manifest = {"schema": 1, "kind": "corridor-atlas atlas", "version": "bench",
                "counts": {"articles": 100_000_000, "counted": 100_000_000},
                "tables": sorted(dirs)}
    (root / "manifest.json").write_text(json.dumps(manifest))
    return {"links": n, "pairs": len(pairs), "passages": len(ev["a"])}


def export_once(binary: Path, atlas: Path) -> tuple[float, float]:
    t = time.monotonic()
    done = subprocess.run(["/usr/bin/time", "-v", str(binary), "export", "--format", "nodes",
                           str(atlas)], capture_output=True, text=True)
    wall = time.monotonic() - t
    if done.returncode != 0:
        sys.exit(f"export failed: {done.stderr[-2000:]}")
    kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    return wall, kb / 1024


def window_once(binary: Path, atlas: Path, settle: float) -> tuple[float, float]:
    memory = tempfile.mkdtemp(prefix="corridor-atlas-bench-")
    env = dict(os.environ, CORRIDOR_ATLAS_TIMING="1", XDG_DATA_HOME=memory, HOME=memory)
    proc = subprocess.Popen([str(binary), str(atlas)], env=env, stderr=subprocess.PIPE, text=True)
    read_at = None
    try:
        for line in proc.stderr:
            m = re.match(r"^timing: (.+?)(?: \(\d+ \w+\))? at ([0-9.]+) s$", line.strip())
            if m and m.group(1).startswith("corpus read"):
                read_at = float(m.group(2))
                break
        time.sleep(settle)
        status = Path(f"/proc/{proc.pid}/status").read_text()
        hwm = int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(memory, ignore_errors=True)
    if read_at is None:
        sys.exit("the window did not report reading the atlas")
    return read_at, hwm


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--links", type=int, default=1_000_000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", type=Path, default=BIN)
    ap.add_argument("--keep", type=Path, help="write the atlas here and keep it")
    ap.add_argument("--no-window", action="store_true", help="measure export only")
    ap.add_argument("--settle", type=float, default=3.0,
                    help="seconds the window draws before its memory is read")
    a = ap.parse_args()
    root = a.keep or Path(tempfile.mkdtemp(prefix="atlas-bench-")) / "atlas"
    try:
        if not (root / "manifest.json").exists():
            shutil.rmtree(root, ignore_errors=True)
            made = generate(root, a.links)
            print(f"atlas: {made['links']:,} links over {made['pairs']:,} pairs, "
                  f"{made['passages']:,} passages, "
                  f"{sum(f.stat().st_size for f in root.rglob('*') if f.is_file()) / 1e6:.0f} MB")
        runs = [export_once(a.bin, root) for _ in range(a.runs)]
        print(f"export --format nodes: median {statistics.median(r[0] for r in runs):.2f} s, "
              f"peak RSS {statistics.median(r[1] for r in runs):.0f} MB ({a.runs} runs)")
        if not a.no_window:
            if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
                sys.exit("no display: start one (Xvfb :99 &, DISPLAY=:99) or pass --no-window")
            runs = [window_once(a.bin, root, a.settle) for _ in range(a.runs)]
            print(f"window: atlas read at {statistics.median(r[0] for r in runs):.2f} s after "
                  f"launch, peak RSS {statistics.median(r[1] for r in runs):.0f} MB "
                  f"({a.runs} runs)")
    finally:
        if not a.keep:
            shutil.rmtree(root.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
