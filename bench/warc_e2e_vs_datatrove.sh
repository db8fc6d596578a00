#!/usr/bin/env bash
# End to end from a WARC: ghirbal (extract + FineWeb-2 Arabic filters) against datatrove running
# the FineWeb-style chain, in one run, each as one process on one thread (pinned to the same core
# when taskset exists; PIN_CORE=N picks the core, PIN_CORE=none disables). Measures documents
# read and kept, wall seconds, docs/s and peak RSS.
#
#   bench/warc_e2e_vs_datatrove.sh [GHIRBAL_BIN]                 # GHIRBAL_BIN: target/release/ghirbal
#
# Input: bench/out/wcxb-all.warc.gz, built by bench/make_warc.py --from-wcxb all (all 1,358 WCXB
# dev pages, one warcinfo, then a request and a text/html response record per page, one gzip member
# per record; rebuilt when missing or older than make_warc.py).
#  (a) datatrove 0.10.1, LocalPipelineExecutor(tasks=1, workers=1):
#        WarcReader -> Trafilatura(favour_precision=True; timeout left at its default, 1 s per page)
#        -> GopherRepetitionFilter -> GopherQualityFilter -> FineWebQualityFilter -> JsonlWriter
#      The three filters come from ../shared/bench/datatrove_filters.py's build_filters("fineweb2-arb")
#      (imported, not copied): FineWeb-2's arb_Arab thresholds and stop words, wired as FineWeb-2 does.
#      datatrove 0.10.1 requires trafilatura >=1.8,<1.12, so trafilatura 1.11.0 (which also needs
#      lxml_html_clean). FineWeb's URLFilter and LanguageFilter are left out (they need downloads).
#      NB the Trafilatura step runs extraction in a sandbox child process; /usr/bin/time's peak RSS
#      is the largest single process of the tree (main or child), not their sum.
#  (b) GHIRBAL_BIN run bench/out/wcxb-all.warc.gz -o bench/out/e2e-ghirbal --preset fineweb2-arb --threads 1
#      (ghirbal runs its extract step first for WARC input). If the binary is missing or the run
#      fails, the script says so and reports datatrove's half.
# WCXB pages are English, so the Arabic filters remove nearly all of them: this measures
# throughput (WARC reading, charset, extraction, filters), not quality.
#
# Venv: ${VENV_PEERS:-../.venv-peers} (created or completed if needed: datatrove[processing,io]==0.10.1
# spacy==3.8.18 orjson==3.13.0 aiohttp==3.14.5 datasketch==2.0.0 trafilatura==1.11.0 lxml_html_clean==0.4.7
# warcio==1.8.1 faust-cchardet==3.2.0 python-magic==0.4.27; python-magic needs libmagic).
# Outputs: bench/out/e2e-datatrove/, bench/out/e2e-ghirbal/, bench/out/e2e.*.time (git-ignored).
# About 2 to 3 minutes.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/ghirbal}
venv=$(realpath -m "${VENV_PEERS:-../.venv-peers}")
warc=bench/out/wcxb-all.warc.gz
mkdir -p bench/out

pins=('datatrove[processing,io]==0.10.1' spacy==3.8.18 orjson==3.13.0 aiohttp==3.14.5 datasketch==2.0.0
      trafilatura==1.11.0 lxml_html_clean==0.4.7 warcio==1.8.1 faust-cchardet==3.2.0 python-magic==0.4.27)
[ -x "$venv/bin/python" ] || { echo "creating $venv" >&2; python3 -m venv "$venv" || exit 1; }
if ! "$venv/bin/python" - <<'PY' 2>/dev/null
import sys, datatrove, trafilatura, warcio, cchardet, magic, spacy, orjson, lxml_html_clean
from importlib.metadata import version
sys.exit(version("datatrove") != "0.10.1" or trafilatura.__version__ != "1.11.0")
PY
then
  echo "installing into $venv: ${pins[*]}" >&2
  "$venv/bin/pip" install -q "${pins[@]}" || { echo "ERROR: pip install failed" >&2; exit 1; }
fi
pin=""   # PIN_CORE=none: no pinning (on a busy shared machine the scheduler may do better)
if [ "${PIN_CORE:-0}" != none ] && command -v taskset > /dev/null; then pin="taskset -c ${PIN_CORE:-0}"; fi

if [ ! -s "$warc" ] || [ bench/make_warc.py -nt "$warc" ]; then
  echo "building $warc ..." >&2
  python3 bench/make_warc.py --from-wcxb all "$warc" || { echo "ERROR: make_warc.py failed" >&2; exit 1; }
fi
expected=$(grep -c '"kind": "document"' bench/out/wcxb-all.truth.jsonl)
echo "WARC: $warc, $(( $(stat -c %s "$warc") / 1000000 )) MB, $expected HTML responses" >&2

# (a) datatrove
echo "datatrove: WarcReader -> Trafilatura -> FineWeb-2 Arabic filters (a few minutes)..." >&2
/usr/bin/time -f "%e %M" -o bench/out/e2e.datatrove.time $pin "$venv/bin/python" - "$warc" bench/out/e2e-datatrove \
    > bench/out/e2e.datatrove.log 2>&1 <<'PY'
import json, os, shutil, sys, time
sys.path.insert(0, os.path.abspath("../shared/bench"))
from datatrove_filters import build_filters, kept_adapter   # FineWeb-2 Arabic wiring, shared script
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.extractors import Trafilatura
from datatrove.pipeline.readers import WarcReader
from datatrove.pipeline.writers import JsonlWriter

warc, outdir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
shutil.rmtree(outdir, ignore_errors=True)
os.makedirs(outdir)
paths_file = os.path.join(outdir, "input_paths.txt")
with open(paths_file, "w") as f:      # exactly this file (a glob would also match other WARCs)
    f.write(os.path.basename(warc) + "\n")
filters = build_filters("fineweb2-arb", outdir)
names = [type(x).__name__ for x in filters]
pipeline = [
    WarcReader(os.path.dirname(warc), paths_file=paths_file, compression="infer"),
    Trafilatura(favour_precision=True),
    *filters,
    JsonlWriter(os.path.join(outdir, "kept"), compression=None, adapter=kept_adapter),
]
ex = LocalPipelineExecutor(pipeline=pipeline, tasks=1, workers=1, logging_dir=os.path.join(outdir, "logs"),
                           skip_completed=False)
t0 = time.perf_counter()
ex.run()
wall = time.perf_counter() - t0
stats = json.load(open(os.path.join(outdir, "logs", "stats.json")))
def val(s, k):
    v = s.get(k, 0)
    return v.get("total", 0) if isinstance(v, dict) else v
steps = [{"name": st["name"], **{k: val(st["stats"], k) for k in st["stats"]}} for st in stats]
read, extr = steps[0], steps[1]
kept = sum(1 for root, _, fs in os.walk(os.path.join(outdir, "kept")) for fn in fs
           for line in open(os.path.join(root, fn)) if line.strip())
summary = {"docs_read": val(stats[0]["stats"], "documents"), "extracted_nonempty": extr.get("forwarded", 0),
           "extract_timeouts": extr.get("timeout", 0), "extract_errors": extr.get("clean_error", 0),
           "extract_empty": extr.get("dropped", 0), "docs_kept": kept, "pipeline_wall_s": wall,
           "per_filter": {n: {"in": s.get("total", 0), "dropped": s.get("dropped", 0),
                              "reasons": {k[8:]: v for k, v in s.items() if k.startswith("dropped_")}}
                          for n, s in zip(names, steps[2:2 + len(filters)])},
           "step_seconds": {st["name"]: round(st["time_stats"]["total"], 2) if isinstance(st.get("time_stats"), dict)
                            else 0.0 for st in stats},
           "steps": steps}
json.dump(summary, open(os.path.join(outdir, "summary.json"), "w"), indent=1)
PY
dt_rc=$?
if [ "$dt_rc" != 0 ]; then
  echo "ERROR: datatrove pipeline failed (exit $dt_rc); last lines of bench/out/e2e.datatrove.log:" >&2
  tail -15 bench/out/e2e.datatrove.log >&2
fi

# (b) ghirbal
g_status="ok"
if [ ! -x "$bin" ]; then
  g_status="binary not found at '$bin'"
else
  echo "ghirbal: $bin run $warc -o bench/out/e2e-ghirbal --preset fineweb2-arb --threads 1" >&2
  rm -rf bench/out/e2e-ghirbal
  /usr/bin/time -f "%e %M" -o bench/out/e2e.ghirbal.time $pin "$bin" run "$warc" -o bench/out/e2e-ghirbal \
    --preset fineweb2-arb --threads 1 > bench/out/e2e.ghirbal.log 2>&1
  g_rc=$?
  if [ "$g_rc" != 0 ]; then
    g_status="\`ghirbal run\` FAILED with exit code $g_rc"
    echo "!! $g_status; last lines of bench/out/e2e.ghirbal.log:" >&2
    grep -v '^Command exited' bench/out/e2e.ghirbal.log | tail -8 | sed 's/^/   /' >&2
  elif [ ! -s bench/out/e2e-ghirbal/stats.json ]; then
    g_status="ghirbal wrote no stats.json"
  fi
  # The same work as datatrove's chain: extract then the three filters, no language
  # identification (the preset adds lid for HTML input; a configuration file does not).
  "$bin" steps --preset fineweb2-arb > bench/out/e2e-same-work.toml 2>/dev/null \
    || cp crates/ghirbal-steps/src/presets/fineweb2-arb.toml bench/out/e2e-same-work.toml
  python3 - <<'PY2'
p = "bench/out/e2e-same-work.toml"
s = open(p).read()
s = s.replace("[[steps]]", "[[steps]]\ntype = \"extract\"\n\n[[steps]]", 1)
open(p, "w").write(s)
PY2
  rm -rf bench/out/e2e-ghirbal-same
  /usr/bin/time -f "%e %M" -o bench/out/e2e.ghirbal-same.time $pin "$bin" run "$warc" -o bench/out/e2e-ghirbal-same \
    --config bench/out/e2e-same-work.toml --threads 1 > bench/out/e2e.ghirbal-same.log 2>&1 \
    || { g_status="ghirbal run --config (same work) failed"; tail -8 bench/out/e2e.ghirbal-same.log >&2; }
fi

python3 - "$dt_rc" "$g_status" "$expected" <<'PY'
import json, os, sys
dt_rc, g_status, expected = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
rows = []
if dt_rc == 0:
    s = json.load(open("bench/out/e2e-datatrove/summary.json"))
    wall, rss = map(float, open("bench/out/e2e.datatrove.time").read().split()[-2:])
    rows.append(("datatrove 0.10.1 + trafilatura 1.11.0", s["docs_read"], s["docs_kept"], wall, rss))
    print(f"datatrove: {s['docs_read']} documents read, {s['extracted_nonempty']} non-empty after Trafilatura "
          f"({s['extract_empty']} empty, {s['extract_timeouts']} timeouts, {s['extract_errors']} errors), "
          f"pipeline {s['pipeline_wall_s']:.1f} s of {wall:.1f} s process wall")
    print("  seconds per step: " + ", ".join(f"{k.split(': ')[-1]} {v:.1f}" for k, v in s["step_seconds"].items()))
    for n, f in s["per_filter"].items():
        print(f"  {n}: in {f['in']}, dropped {f['dropped']} {f['reasons']}")
if g_status == "ok":
    st = json.load(open("bench/out/e2e-ghirbal/stats.json"))
    wall, rss = map(float, open("bench/out/e2e.ghirbal.time").read().split()[-2:])
    docs = st["read"] - st.get("skipped", 0)
    rows.append(("ghirbal run --preset fineweb2-arb", docs, st["kept"], wall, rss))
    print(f"ghirbal: {st['read']} records read, {st.get('skipped', 0)} skipped {st.get('skipped_by_reason', {})}, "
          f"{st['rejected']} rejected {st.get('rejected_by_error', {})}, {st['removed']} removed, {st['kept']} kept")
    print("  steps (in -> out, seconds, removed): " + "; ".join(
        f"{x['name']} {x['docs_in']}->{x['docs_out']} {x['seconds']:.1f} s {x['removed'] or ''}" for x in st["steps"]))
    g_steps = {x["name"]: x for x in st["steps"]}
    st2 = json.load(open("bench/out/e2e-ghirbal-same/stats.json"))
    wall2, rss2 = map(float, open("bench/out/e2e.ghirbal-same.time").read().split()[-2:])
    rows.append(("ghirbal run --config (extract + the same three filters, no lid)",
                 st2["read"] - st2.get("skipped", 0), st2["kept"], wall2, rss2))
    print("  same work: " + "; ".join(
        f"{x['name']} {x['docs_in']}->{x['docs_out']} {x['seconds']:.1f} s {x['removed'] or ''}" for x in st2["steps"]))
    if "lid" in g_steps and dt_rc == 0:
        print("  NB ghirbal's preset runs language identification before the filters, datatrove's chain here has no"
              " LanguageFilter (offline): the filter stages saw different numbers of documents.")
print(f"\n## WARC end to end, {expected} WCXB pages (English: the Arabic filters remove nearly all; "
      "this measures throughput), one thread\n")
print("| pipeline | documents read | kept | wall s | docs/s | peak RSS MB |")
print("|---|---:|---:|---:|---:|---:|")
for name, docs, kept, wall, rss in rows:
    print(f"| {name} | {docs} | {kept} | {wall:.1f} | {docs / max(wall, 0.01):.1f} | {rss / 1024:.0f} |")
if g_status != "ok":
    print(f"| ghirbal | **not measured: {g_status}** | | | | |")
if len(rows) == 3:
    (_, d1, _, w1, r1), (_, d2, _, w2, r2), (_, d3, _, w3, r3) = rows
    print(f"\nghirbal preset ÷ datatrove: {(d2 / w2) / (d1 / w1):.1f}x docs/s, peak RSS {r2 / r1:.2f}x")
    print(f"ghirbal same work ÷ datatrove: {(d3 / w3) / (d1 / w1):.1f}x docs/s, peak RSS {r3 / r1:.2f}x")
    dx = next((v for k, v in s["step_seconds"].items() if "Trafilatura" in k), None)
    gx = g_steps.get("extract", {}).get("seconds")
    if dx and gx:
        print(f"extraction step alone: datatrove Trafilatura {dx:.1f} s ({d1 / dx:.1f} docs/s), "
              f"ghirbal extract {gx:.1f} s ({d2 / gx:.1f} docs/s): {dx / gx:.1f}x")
PY
