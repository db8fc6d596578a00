#!/usr/bin/env bash
# HTML main-content extraction, quality and speed: `ghirbal extract` against trafilatura 2.3.1, in
# one run, both on one thread (pinned to the same core when taskset exists; PIN_CORE=N picks the
# core, PIN_CORE=none disables).
#
#   bench/extract_vs_trafilatura.sh [--arabic] [GHIRBAL_BIN]     # GHIRBAL_BIN: target/release/ghirbal
#
# Part 1 (skipped with --arabic): the 1,358 WCXB dev pages (../shared/data/extraction/wcxb-dev.jsonl.gz).
#  (a) trafilatura 2.3.1 with default settings, `trafilatura.extract(html)` (no url: on a sample of
#      pages the shared baseline baselines/trafilatura-2.3.1.jsonl.gz is reproduced byte for byte
#      with or without url=; the script counts how many of its predictions equal that file). The
#      pages are loaded into memory first and one warm-up call is made; only the extraction loop
#      is timed.
#  (b) ghirbal: the pages are written once to bench/out/wcxb-pages.jsonl ({id,url,html}); timed with
#      /usr/bin/time (wall s, peak RSS), best of GHIRBAL_RUNS (default 3) runs of
#        GHIRBAL_BIN extract bench/out/wcxb-pages.jsonl --html-field html --threads 1
#      which prints one {"id","text",...} line per page (the record's `url` field is the page's
#      url, as for any record). This is the whole process (reading 416 MB
#      of JSONL, parsing, extracting, writing), so it is charged more than trafilatura's loop. A
#      no-op pass (`ghirbal run ... --preset none --text-field html`: read, validate and write the
#      same JSONL) is timed too, to show what the I/O costs. If GHIRBAL_BIN is missing or the command
#      fails, the script says so and reports trafilatura's half.
#  (c) both scored by ../shared/bench/wcxb_score.py (the benchmark's own metric) against a copy of
#      the ground truth without the HTML (bench/out/extract/wcxb-gt.jsonl: same fields, same scores,
#      loads in a second); Markdown tables: macro F1/P/R, pages/s, ghirbal/trafilatura speed ratio,
#      F1 per page type; the shared baselines of the other peers are scored too (F1 only, not timed).
# Part 2: the Arabic pages (../shared/data/html/arabic-pages.jsonl.zst), both extractors, scored
#  with --arabic-norm on the pages that have a reference text (4 of 5; goose3's fixture reference
#  is a 149-character prefix of the same CNN article, so the full CNN reference is used for it).
#
# Venv: ${VENV_EXTRACT:-../.venv-extract} (created if missing: trafilatura==2.3.1 lxml==6.2.0
# lxml_html_clean==0.4.7). Outputs: bench/out/extract/ (git-ignored). About 2 minutes.
set -uo pipefail
cd "$(dirname "$0")/.."
arabic_only=0
if [ "${1:-}" = "--arabic" ]; then arabic_only=1; shift; fi
bin=${1:-target/release/ghirbal}
runs=${GHIRBAL_RUNS:-3}
venv=$(realpath -m "${VENV_EXTRACT:-../.venv-extract}")
out=bench/out/extract
scorer=../shared/bench/wcxb_score.py
wcxb=../shared/data/extraction/wcxb-dev.jsonl.gz
mkdir -p "$out"

if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import trafilatura, sys; sys.exit(trafilatura.__version__ != "2.3.1")' 2>/dev/null; then
  echo "creating $venv (trafilatura 2.3.1)" >&2
  python3 -m venv "$venv" && "$venv/bin/pip" install -q trafilatura==2.3.1 lxml==6.2.0 lxml_html_clean==0.4.7 || {
    echo "ERROR: could not create $venv" >&2; exit 1; }
fi
pin=""   # PIN_CORE=none: no pinning (on a busy shared machine the scheduler may do better)
if [ "${PIN_CORE:-0}" != none ] && command -v taskset > /dev/null; then pin="taskset -c ${PIN_CORE:-0}"; fi
ghirbal_ok=1
if [ ! -x "$bin" ]; then
  ghirbal_ok=0
  echo "!! ghirbal binary not found at '$bin': only trafilatura's half is measured" >&2
fi

# The records' `url` field is read as the page's url without a flag.
url_args=()

# Runs GHIRBAL_BIN extract on $1 into $2 (best of $3 runs, times in $2.time); returns non-zero on failure.
ghirbal_extract() {
  local in=$1 pred=$2 n=$3 best="" i t
  local rc
  for i in $(seq 1 "$n"); do
    /usr/bin/time -f "%e %M" -o "$pred.time.$i" $pin "$bin" extract "$in" --html-field html "${url_args[@]}" \
      --threads 1 > "$pred" 2> "$pred.stderr"
    rc=$?
    if [ "$rc" != 0 ]; then
      echo "!! ghirbal extract FAILED (exit code $rc) on $in: $bin extract $in --html-field html ${url_args[*]} --threads 1" >&2
      grep -v '^Command exited' "$pred.stderr" | tail -5 | sed 's/^/   /' >&2
      return 1
    fi
    t=$(tail -1 "$pred.time.$i" | cut -d' ' -f1)
    if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $t < $best else 1)"; then best=$t; tail -1 "$pred.time.$i" > "$pred.time"; fi
  done
  # at least one line with id and text per input page
  python3 - "$in" "$pred" <<'PY' || return 1
import json, sys
want = sum(1 for l in open(sys.argv[1], encoding="utf-8") if l.strip())
got = set()
for n, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    if not line.strip():
        continue
    try:
        d = json.loads(line)
        assert "id" in d and "text" in d
    except Exception:
        sys.exit(f"!! ghirbal output line {n} is not a JSON object with id and text: {line[:120]!r}")
    got.add(str(d["id"]))
if len(got) != want:
    print(f"!! ghirbal printed {len(got)} distinct ids for {want} pages (missing ones score 0)", file=sys.stderr)
PY
}

# ---------------------------------------------------------------- part 1: WCXB
if [ "$arabic_only" = 0 ]; then
  # Pages once, uncompressed, plus the ground truth without the HTML (not timed).
  if [ ! -s bench/out/wcxb-pages.jsonl ] || [ ! -s "$out/wcxb-gt.jsonl" ] || [ "$wcxb" -nt bench/out/wcxb-pages.jsonl ]; then
    python3 - "$wcxb" bench/out/wcxb-pages.jsonl "$out/wcxb-gt.jsonl" <<'PY'
import gzip, json, sys
src, pages, gt = sys.argv[1:]
with gzip.open(src, "rt", encoding="utf-8") as f, open(pages + ".partial", "w", encoding="utf-8") as fp, \
        open(gt, "w", encoding="utf-8") as fg:
    for line in f:
        d = json.loads(line)
        fp.write(json.dumps({"id": d["id"], "url": d["url"], "html": d["html"]}, ensure_ascii=False) + "\n")
        fg.write(json.dumps({k: d.get(k) for k in ("id", "page_type", "main_content", "with", "without")},
                            ensure_ascii=False) + "\n")
import os; os.replace(pages + ".partial", pages)
PY
  fi
  pages=$(wc -l < bench/out/wcxb-pages.jsonl)
  echo "WCXB dev: $pages pages, $(( $(stat -c %s bench/out/wcxb-pages.jsonl) / 1000000 )) MB of JSONL" >&2

  # (a) trafilatura
  echo "trafilatura 2.3.1: extracting (about 1 minute)..." >&2
  $pin "$venv/bin/python" - bench/out/wcxb-pages.jsonl "$out/trafilatura-pred.jsonl" "$out/trafilatura.json" <<'PY'
import json, resource, sys, time
import trafilatura
src, pred, summ = sys.argv[1:]
pages = [json.loads(l) for l in open(src, encoding="utf-8") if l.strip()]     # in memory first
trafilatura.extract("<html><body><p>warm-up paragraph for the first call.</p></body></html>")
texts = []
t0 = time.perf_counter()
for d in pages:
    texts.append(trafilatura.extract(d["html"]))          # default settings, as in the shared baseline
wall = time.perf_counter() - t0
with open(pred, "w", encoding="utf-8") as f:
    for d, t in zip(pages, texts):
        f.write(json.dumps({"id": d["id"], "text": t or ""}, ensure_ascii=False) + "\n")
json.dump({"pages": len(pages), "wall_s": wall, "pages_per_s": len(pages) / wall,
           "empty": sum(not t for t in texts), "version": trafilatura.__version__,
           "peak_rss_kb_incl_pages": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}, open(summ, "w"))
PY
  [ $? = 0 ] || { echo "ERROR: trafilatura run failed" >&2; exit 1; }

  # (b) ghirbal
  if [ "$ghirbal_ok" = 1 ]; then
    echo "ghirbal: $bin extract, best of $runs..." >&2
    ghirbal_extract bench/out/wcxb-pages.jsonl "$out/ghirbal-pred.jsonl" "$runs" || ghirbal_ok=0
    rm -rf "$out/ghirbal-noop"
    if ! /usr/bin/time -f "%e %M" -o "$out/ghirbal-noop.time" $pin "$bin" run bench/out/wcxb-pages.jsonl \
        -o "$out/ghirbal-noop" -q --preset none --text-field html --threads 1 --format jsonl > /dev/null 2>&1; then
      echo "(no-op pass failed; not reported)" >&2; rm -f "$out/ghirbal-noop.time"
    fi
    rm -rf "$out/ghirbal-noop"     # 416 MB copy of the pages
  fi
  [ "$ghirbal_ok" = 1 ] || rm -f "$out/ghirbal-pred.jsonl.time"

  # (c) scores
  python3 "$scorer" --gt "$out/wcxb-gt.jsonl" --pred "$out/trafilatura-pred.jsonl" --per-type > "$out/trafilatura.score.txt"
  python3 "$scorer" --gt "$out/wcxb-gt.jsonl" --pred "$out/trafilatura-pred.jsonl" --json > "$out/trafilatura.score.json"
  if [ "$ghirbal_ok" = 1 ]; then
    python3 "$scorer" --gt "$out/wcxb-gt.jsonl" --pred "$out/ghirbal-pred.jsonl" --per-type > "$out/ghirbal.score.txt"
    python3 "$scorer" --gt "$out/wcxb-gt.jsonl" --pred "$out/ghirbal-pred.jsonl" --json > "$out/ghirbal.score.json"
  else
    rm -f "$out/ghirbal.score.json"
  fi
  for b in ../shared/data/extraction/baselines/*.jsonl.gz; do
    python3 "$scorer" --gt "$out/wcxb-gt.jsonl" --pred "$b" --json > "$out/baseline-$(basename "$b" .jsonl.gz).score.json"
  done

  python3 - "$out" "$pages" <<'PY'
import glob, gzip, json, os, sys
out, pages = sys.argv[1], int(sys.argv[2])
tr = json.load(open(f"{out}/trafilatura.json"))
ts = json.load(open(f"{out}/trafilatura.score.json"))
base = {d["id"]: d["text"] for d in map(json.loads, gzip.open("../shared/data/extraction/baselines/trafilatura-2.3.1.jsonl.gz", "rt"))}
same = sum(base.get(d["id"]) == d["text"] for d in map(json.loads, open(f"{out}/trafilatura-pred.jsonl")))
gs = json.load(open(f"{out}/ghirbal.score.json")) if os.path.exists(f"{out}/ghirbal.score.json") else None
g_wall = g_rss = None
if gs and os.path.exists(f"{out}/ghirbal-pred.jsonl.time"):
    g_wall, g_rss = map(float, open(f"{out}/ghirbal-pred.jsonl.time").read().split())
    g_wall = max(g_wall, 0.01)
print(f"\n## WCXB dev, {pages} pages, one thread\n")
print("| extractor | macro F1 | P | R | pages/s | ghirbal ÷ trafilatura speed |")
print("|---|---:|---:|---:|---:|---:|")
print(f"| trafilatura {tr['version']} `extract(html)` (loop only) | {ts['f1']:.4f} | {ts['precision']:.4f} | {ts['recall']:.4f} | {tr['pages_per_s']:.1f} | 1 |")
if gs:
    gp = pages / g_wall
    print(f"| ghirbal extract (whole process) | {gs['f1']:.4f} | {gs['precision']:.4f} | {gs['recall']:.4f} | {gp:.1f} | {gp / tr['pages_per_s']:.1f}x |")
else:
    print("| ghirbal extract | **not run: binary missing or command failed** | | | | |")
for f in sorted(glob.glob(f"{out}/baseline-*.score.json")):
    s = json.load(open(f)); name = os.path.basename(f)[len("baseline-"):-len(".score.json")]
    print(f"| {name} (shared baseline file, not timed) | {s['f1']:.4f} | {s['precision']:.4f} | {s['recall']:.4f} | | |")
types = list(ts["per_type"])
print("\n| page type | n | trafilatura F1 | ghirbal F1 |")
print("|---|---:|---:|---:|")
for t in types:
    g = f"{gs['per_type'][t]['f1']:.3f}" if gs and t in gs["per_type"] else "–"
    print(f"| {t} | {ts['per_type'][t]['n']} | {ts['per_type'][t]['f1']:.3f} | {g} |")
print(f"\ntrafilatura: {tr['wall_s']:.1f} s extraction loop, {tr['empty']} empty outputs, "
      f"{same}/{pages} predictions identical to the shared baseline file")
if gs and g_wall:
    print(f"ghirbal: {g_wall:.2f} s wall (best run), peak RSS {g_rss / 1024:.0f} MB, whole process incl. reading the JSONL")
    if os.path.exists(f"{out}/ghirbal-noop.time"):
        n_wall, n_rss = map(float, open(f"{out}/ghirbal-noop.time").read().split())
        print(f"ghirbal no-op pass (run --preset none on the same JSONL: read, validate, write it): "
              f"{n_wall:.2f} s, peak RSS {n_rss / 1024:.0f} MB")
PY
fi

# ---------------------------------------------------------------- part 2: Arabic pages
zstd -dc ../shared/data/html/arabic-pages.jsonl.zst | python3 -c '
import json, sys
docs = [json.loads(l) for l in sys.stdin if l.strip()]
ref = {}
for d in docs:   # a reference that is a prefix of a longer one for the same URL (goose3) gets the longer one
    t = (d.get("text") or "").strip()
    for e in docs:
        u = (e.get("text") or "").strip()
        if e.get("url") == d.get("url") and len(u) > len(t) and u.startswith(t[:100]) and t:
            t = u
    ref[d["id"]] = t
with open(sys.argv[1], "w") as fp, open(sys.argv[2], "w") as fg:
    for d in docs:
        fp.write(json.dumps({"id": d["id"], "url": d.get("url") or "", "html": d["html"]}, ensure_ascii=False) + "\n")
        if ref[d["id"]]:
            fg.write(json.dumps({"id": d["id"], "page_type": "article", "main_content": ref[d["id"]],
                                 "with": [], "without": []}, ensure_ascii=False) + "\n")
' bench/out/arabic-pages.jsonl "$out/arabic-gt.jsonl"
"$venv/bin/python" - bench/out/arabic-pages.jsonl "$out/arabic-trafilatura-pred.jsonl" <<'PY'
import json, sys, trafilatura
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for d in map(json.loads, open(sys.argv[1], encoding="utf-8")):
        f.write(json.dumps({"id": d["id"], "text": trafilatura.extract(d["html"]) or ""}, ensure_ascii=False) + "\n")
PY
python3 "$scorer" --gt "$out/arabic-gt.jsonl" --pred "$out/arabic-trafilatura-pred.jsonl" --arabic-norm \
  --per-page "$out/arabic-trafilatura.pages.jsonl" > /dev/null
ar_ghirbal=0
if [ "$ghirbal_ok" = 1 ] || { [ "$arabic_only" = 1 ] && [ -x "$bin" ]; }; then
  if ghirbal_extract bench/out/arabic-pages.jsonl "$out/arabic-ghirbal-pred.jsonl" 1; then
    python3 "$scorer" --gt "$out/arabic-gt.jsonl" --pred "$out/arabic-ghirbal-pred.jsonl" --arabic-norm \
      --per-page "$out/arabic-ghirbal.pages.jsonl" > /dev/null && ar_ghirbal=1
  fi
fi
[ "$ar_ghirbal" = 1 ] || rm -f "$out/arabic-ghirbal.pages.jsonl"
python3 - "$out" <<'PY'
import json, os, sys
out = sys.argv[1]
def load(p):
    return {r["id"]: r for r in map(json.loads, open(p))} if os.path.exists(p) else None
tr, gh = load(f"{out}/arabic-trafilatura.pages.jsonl"), load(f"{out}/arabic-ghirbal.pages.jsonl")
lens = {}
for name in ("trafilatura", "ghirbal"):
    p = f"{out}/arabic-{name}-pred.jsonl"
    if os.path.exists(p) and (name == "trafilatura" or gh):
        lens[name] = {d["id"]: len(d["text"] or "") for d in map(json.loads, open(p))}
print("\n## Arabic pages (scorer --arabic-norm; pages with a reference text)\n")
print("| page | trafilatura F1 (P/R) | ghirbal F1 (P/R) |")
print("|---|---:|---:|")
fmt = lambda r: f"{r['f1']:.3f} ({r['precision']:.2f}/{r['recall']:.2f})"
for i, r in tr.items():
    print(f"| {i} | {fmt(r)} | {fmt(gh[i]) if gh and i in gh else '–'} |")
mean = lambda rows: sum(r["f1"] for r in rows.values()) / len(rows)
print(f"| **mean** | {mean(tr):.3f} | {f'{mean(gh):.3f}' if gh else 'not run'} |")
unscored = [i for i in lens["trafilatura"] if i not in tr]
for i in unscored:
    print(f"\n{i}: no reference text; extracted characters: "
          + ", ".join(f"{n} {l.get(i, 0)}" for n, l in lens.items()))
if not gh:
    print("\nghirbal: not run on the Arabic pages (binary missing or `extract` failed; see above)")
PY
