#!/usr/bin/env bash
# Near-duplicate benchmark, ghirbal's minhash-dedup against datatrove's four MinHash stages, in
# one run, one core each: builds the benchmark from a corpus (bench/make_neardups.py), runs both
# tools, scores both with the peer scorer, and prints times and ratios.
#
#   python3 -m venv .venv-peers && .venv-peers/bin/pip install "datatrove[processing]" spacy orjson aiohttp
#   cargo build --release
#   bench/minhash_vs_datatrove.sh [CORPUS] [OUTDIR]      # VENV=path/to/venv to use another venv
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/news/saudinewsnet.jsonl.zst}
out=${2:-/tmp/ghirbal-minhash-bench}
venv=${VENV:-.venv-peers}
rm -rf "$out" && mkdir -p "$out"
python3 bench/make_neardups.py "$corpus" "$out/bench"
printf 'version = 1\n[[steps]]\ntype = "minhash-dedup"\n' > "$out/minhash.toml"

/usr/bin/time -f "%e %M" -o "$out/ghirbal.time" ./target/release/ghirbal run "$out/bench/corpus.jsonl" \
  -o "$out/ghirbal" -q --config "$out/minhash.toml" --threads 1
# The same stage under a memory budget far below the signatures' size: sorted runs spill to disk.
printf 'version = 1\n[[steps]]\ntype = "minhash-dedup"\nmemory_mb = %s\n' "${SPILL_MB:-4}" > "$out/minhash-spill.toml"
/usr/bin/time -f "%e %M" -o "$out/ghirbal-spill.time" ./target/release/ghirbal run "$out/bench/corpus.jsonl" \
  -o "$out/ghirbal-spill" -q --config "$out/minhash-spill.toml" --threads 1
/usr/bin/time -f "%e %M" -o "$out/ghirbal-none.time" ./target/release/ghirbal run "$out/bench/corpus.jsonl" \
  -o "$out/ghirbal-none" -q --preset none --threads 1
python3 bench/ghirbal_clusters.py "$out/ghirbal" > "$out/ghirbal_clusters.jsonl"

/usr/bin/time -f "%e %M" -o "$out/datatrove.time" "$venv/bin/python" ../shared/bench/datatrove_minhash.py \
  "$out/bench/corpus.jsonl" "$out/datatrove" > "$out/datatrove.log" 2>&1

"$venv/bin/python" ../shared/bench/eval_neardups.py "$out/bench/truth.jsonl" "$out/bench/corpus.jsonl" \
  "$out/datatrove/clusters.jsonl" "$out/ghirbal_clusters.jsonl" --out "$out/eval.json" > /dev/null 2>&1
for tool in datatrove/clusters ghirbal_clusters; do
  printf '%s, extra pairs by folded Jaccard: ' "$tool"
  python3 bench/neardup_extra.py "$out/bench/truth.jsonl" "$out/bench/corpus.jsonl" "$out/$tool.jsonl"
done
python3 - "$out" <<'PY'
import json, sys
out = sys.argv[1]
ev = json.load(open(f"{out}/eval.json"))
for path, r in ev.items():
    name = "datatrove" if "datatrove" in path else "ghirbal"
    print(f"{name:10} recall {r['recall']:.3f} precision {r['precision']:.3f} lenient {r['precision_lenient']:.3f} copy_recall {r['copy_recall']:.3f}")
    print(f"{'':10} by edit: {r['recall_by_single_edit']}")
g_wall, g_rss = map(float, open(f"{out}/ghirbal.time").read().split())
n_wall, _ = map(float, open(f"{out}/ghirbal-none.time").read().split())
d_wall, d_rss = map(float, open(f"{out}/datatrove.time").read().split())
st = json.load(open(f"{out}/ghirbal/stats.json"))
step = st["steps"][0]
passes = st["observation_passes"][0]
stage = passes["observe_seconds"] + passes["finish_seconds"] + step["seconds"]
dt = json.load(open(f"{out}/datatrove/summary.json"))
docs = st["read"]
print(f"documents {docs}")
print(f"datatrove 4 stages: {dt['wall_s']:.1f} s ({docs / dt['wall_s']:.0f} docs/s), process {d_wall:.1f} s, peak RSS {d_rss / 1024:.0f} MB")
print(f"ghirbal whole run (read, MinHash, write): {g_wall:.2f} s, peak RSS {g_rss / 1024:.0f} MB; same run without steps {n_wall:.2f} s")
print(f"ghirbal MinHash stage (observation pass incl. reading, finish, decisions): {stage:.2f} s ({docs / stage:.0f} docs/s)")
print(f"ratio datatrove / ghirbal: whole run {dt['wall_s'] / g_wall:.0f}x, MinHash stage {dt['wall_s'] / stage:.0f}x")
s_wall, s_rss = map(float, open(f"{out}/ghirbal-spill.time").read().split())
sp = json.load(open(f"{out}/ghirbal-spill/stats.json"))
sp_pass = sp["observation_passes"][0]
sp_stage = sp_pass["observe_seconds"] + sp_pass["finish_seconds"] + sp["steps"][0]["seconds"]
import filecmp, os
same = sp["steps"][0]["removed"] == step["removed"] and all(
    filecmp.cmp(f"{out}/ghirbal/{d}/{f}", f"{out}/ghirbal-spill/{d}/{f}", shallow=False)
    for d in ("kept", "removed") for f in os.listdir(f"{out}/ghirbal/{d}"))
print(f"ghirbal with memory_mb = small (spills to disk): whole run {s_wall:.2f} s, stage {sp_stage:.2f} s, peak RSS {s_rss / 1024:.0f} MB; same removals as in memory: {same}")
PY
