#!/usr/bin/env bash
# Ingest benchmark: `corridor-atlas export --format json` against the read-and-count-lines floor
# and the Python pipelines an analyst would otherwise write, on one generated corpus, in one
# interleaved run; prints medians, MB/s, peak memory and the ratios.
#
#   bash benches/ingest.sh                 # 100 MB, pyahocorasick + networkx
#   MB=1000 PEERS=aho,flashtext RUNS=3 bash benches/ingest.sh
#
# Needs ../shared/bench beside the repository (it generates the corpus and runs the peers, and
# caches both under ~/.cache/corridor-atlas-bench).
set -euo pipefail
cd "$(dirname "$0")/.."
bench=../shared/bench/side_by_side.py
if [[ ! -f $bench ]]; then
    echo "benches/ingest.sh: $bench not found (the shared folder must sit beside the repository)" >&2
    exit 2
fi
cargo build --release --quiet
python3 "$bench" --mb "${MB:-100}" --runs "${RUNS:-5}" --peers "${PEERS:-aho}" -- \
    target/release/corridor-atlas export --format json -o /dev/null '{corpus}'
