#!/usr/bin/env bash
# Archive benchmark: the same generated corpus read as a folder, as a .zip and as a .tar.gz by
# `corridor-atlas export --format csv`, runs interleaved; prints each median and the ratios to
# the folder's (the target: both within 1.5x).
#
#   bash benches/archives.sh            # 100 MB, 5 runs
#   MB=500 RUNS=3 bash benches/archives.sh
#
# Needs ../shared/bench beside the repository (its make_corpus.py generates the corpus); the
# corpus and its archives are cached under ~/.cache/corridor-atlas-bench.
set -euo pipefail
cd "$(dirname "$0")/.."
make=../shared/bench/make_corpus.py
if [[ ! -f $make ]]; then
    echo "benches/archives.sh: $make not found (the shared folder must sit beside the repository)" >&2
    exit 2
fi
mb=${MB:-100}
runs=${RUNS:-5}
cache=${HOME}/.cache/corridor-atlas-bench/archives-${mb}
mkdir -p "$cache"
if [[ ! -d $cache/corpus ]]; then
    python3 "$make" "$mb" "$cache/corpus.part" >/dev/null
    mv "$cache/corpus.part" "$cache/corpus"
fi
if [[ ! -f $cache/corpus.zip ]]; then
    (cd "$cache" && python3 -c '
import os, sys, zipfile
with zipfile.ZipFile("corpus.zip.part", "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk("corpus"):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(root, f)
            z.write(p, os.path.relpath(p, "corpus"))
' && mv corpus.zip.part corpus.zip)
fi
if [[ ! -f $cache/corpus.tar.gz ]]; then
    tar -C "$cache/corpus" -czf "$cache/corpus.tar.gz.part" . && mv "$cache/corpus.tar.gz.part" "$cache/corpus.tar.gz"
fi
cargo build --release --quiet
bin=target/release/corridor-atlas
python3 - "$bin" "$cache" "$runs" <<'EOF'
import os, statistics, subprocess, sys, time
binary, cache, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
inputs = {"folder": "corpus", "zip": "corpus.zip", "tar.gz": "corpus.tar.gz"}
times = {k: [] for k in inputs}
outputs = {}
for _ in range(runs):
    for kind, name in inputs.items():
        start = time.perf_counter()
        out = subprocess.run([binary, "export", "--format", "csv", os.path.join(cache, name)],
                             capture_output=True, check=True)
        times[kind].append(time.perf_counter() - start)
        outputs[kind] = out.stdout
size = sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(os.path.join(cache, "corpus")) for f in fs)
print(f"{size / 1e6:.0f} MB corpus, {runs} runs each, interleaved")
base = statistics.median(times["folder"])
for kind, name in inputs.items():
    m = statistics.median(times[kind])
    on_disk = os.path.getsize(os.path.join(cache, name)) if kind != "folder" else size
    print(f"  {kind:7} median {m:.3f} s  (min {min(times[kind]):.3f}, max {max(times[kind]):.3f})"
          f"  {m / base:.2f}x the folder  ({on_disk / 1e6:.0f} MB on disk)")
same = outputs["zip"] == outputs["folder"] == outputs["tar.gz"]
print(f"  the three give the same links: {'yes' if same else 'NO'}")
sys.exit(0 if same else 1)
EOF
