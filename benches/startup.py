#!/usr/bin/env python3
"""Start-up benchmark: launches the window (it needs a display: a desktop, or `Xvfb :99` with
DISPLAY=:99) several times and reads the timings it prints with CORRIDOR_ATLAS_TIMING=1: the
first frame, the first articles on screen and the whole corpus read, in seconds since launch.
Prints the median and range of each.

    python3 benches/startup.py                       # the bundled articles, 7 runs
    python3 benches/startup.py --runs 5 PATH         # a corpus of your own (or a generated one)
    python3 benches/startup.py --bin OTHER_BINARY    # another build, to compare two

Build first: cargo build --release.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BIN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "target", "release",
                   "corridor-atlas")
LINE = re.compile(r"^timing: (.+?)(?: \((\d+) \w+\))? at ([0-9.]+) s$")


def run_once(binary, paths, timeout):
    # A fresh memory each run: the window would otherwise reopen the corpus it last showed.
    memory = tempfile.mkdtemp(prefix="corridor-atlas-startup-")
    env = dict(os.environ, CORRIDOR_ATLAS_TIMING="1", XDG_DATA_HOME=memory, HOME=memory)
    proc = subprocess.Popen([binary, *paths], env=env, stderr=subprocess.PIPE, text=True)
    seen = {}
    deadline = time.monotonic() + timeout
    try:
        for line in proc.stderr:
            m = LINE.match(line.strip())
            if m:
                seen[m.group(1)] = float(m.group(3))
                if m.group(2):
                    seen[m.group(1) + " count"] = int(m.group(2))
            if ("corpus read" in seen and "articles on screen" in seen) or time.monotonic() > deadline:
                break
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(memory, ignore_errors=True)
    return seen


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", help="folders or files to open (none: the bundled articles)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--bin", help="the binary to start (default: target/release/corridor-atlas)")
    a = ap.parse_args()
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        sys.exit("startup.py: no display (start one, e.g. `Xvfb :99 &` and DISPLAY=:99)")
    binary = a.bin or BIN
    if not os.path.exists(binary):
        sys.exit(f"startup.py: {binary} not found (cargo build --release)")
    runs = [run_once(binary, a.paths, a.timeout) for _ in range(a.runs)]
    print(f"{len(runs)} runs of {' '.join(a.paths) or 'the bundled articles'}")
    for event in ["first frame", "articles on screen", "corpus read"]:
        values = [r[event] for r in runs if event in r]
        if not values:
            print(f"  {event:20} not seen")
            continue
        counts = [r.get(event + " count") for r in runs if event in r]
        extra = f"  ({statistics.median(c for c in counts if c is not None):.0f})" if any(
            c is not None for c in counts) else ""
        print(f"  {event:20} median {statistics.median(values):.3f} s  "
              f"(min {min(values):.3f}, max {max(values):.3f}){extra}")


if __name__ == "__main__":
    main()
