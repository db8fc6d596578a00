#!/usr/bin/env python3
"""A snapshot of everything a ghirbal binary decides, for proving a refactor changed nothing.

  python3 bench/behaviour_snapshot.py GHIRBAL SNAPDIR
  python3 bench/behaviour_snapshot.py /tmp/old/ghirbal /tmp/snap-old
  python3 bench/behaviour_snapshot.py target/release/ghirbal /tmp/snap-new
  diff -r /tmp/snap-old /tmp/snap-new && echo identical

What it records, each as plain text so `diff` shows any change line by line:
- every labelled boilerplate fixture (crates/ghirbal-steps/tests/fixtures): each removed line with
  its rule, and the fixture's line precision and recall;
- the shared corpora (../shared/data/news and web) under every filtering preset, with --annotate:
  per document its fate (kept, or the removing step, reason code and detail) and a hash of the whole
  output record, every line boilerplate removed with its rule, and the run's removal and counter
  tables from stats.json (timings dropped);
- the seed page (../shared/seed/news-page.txt) under the default preset, whole.

Boilerplate rules may carry a sub-code (`link_list/toc`); the snapshot folds `rule/sub` to `rule`
(and leaves out the per-sub-code counters) so that adding sub-codes does not count as a change,
and lists the sub-codes apart (`SNAPDIR.subcodes.txt`, informative, not expected to match an
older build).
"""
import glob
import hashlib
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fixture_eval  # noqa: E402  (the fixtures' run and scoring, shared)

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SHARED = os.path.join(ROOT, "..", "shared")
FIXTURES = os.path.join(ROOT, "crates", "ghirbal-steps", "tests", "fixtures")
PRESETS = ["default", "arabic", "fineweb2-arb", "full"]


def fold(rule):
    return rule.split("/", 1)[0]


def run(binary, inputs, out, extra):
    subprocess.run([binary, "run", *inputs, "-o", out, "--annotate", "--format", "jsonl", "-q",
                    "--threads", "2", *extra], check=True)


def records(out):
    for path in sorted(glob.glob(os.path.join(out, "*", "*.jsonl"))):
        fate = os.path.basename(os.path.dirname(path))
        with open(path, encoding="utf-8") as f:
            for line in f:
                yield fate, json.loads(line)


def canonical(rec):
    rec = dict(rec)
    if rec.get("boilerplate_removed"):
        rec["boilerplate_removed"] = [dict(r, rule=fold(r.get("rule", "?")))
                                      for r in rec["boilerplate_removed"]]
    return json.dumps(rec, ensure_ascii=False, sort_keys=True)


def folded_counters(counters):
    """The counters without the per-sub-code ones (`lines_removed:link_list/toc`): those detail
    the per-rule totals, which are compared."""
    return dict(sorted((k, v) for k, v in counters.items() if "/" not in k.partition(":")[2]))


def dump_run(out, dest, subcodes):
    docs, lines = [], []
    for fate, rec in records(out):
        removal = rec.get("removal") or {}
        what = fate if fate != "removed" else \
            f"removed\t{removal.get('step')}\t{removal.get('code')}\t{removal.get('detail')}"
        digest = hashlib.sha1(canonical(rec).encode()).hexdigest()[:16]
        docs.append(f"{rec.get('id')}\t{what}\t{digest}")
        for r in rec.get("boilerplate_removed") or []:
            rule = r.get("rule", "?")
            subcodes[rule] = subcodes.get(rule, 0) + 1
            lines.append(f"{rec.get('id')}\t{r.get('line')}\t{fold(rule)}\t{r.get('text')}")
    with open(dest + ".docs.tsv", "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(docs)) + "\n")
    with open(dest + ".lines.tsv", "w", encoding="utf-8") as f:
        f.write("\n".join(sorted(lines)) + "\n")
    stats = json.load(open(os.path.join(out, "stats.json"), encoding="utf-8"))
    table = {k: stats[k] for k in ("read", "kept", "removed", "rejected", "skipped", "bytes_read",
                                   "bytes_kept")}
    table["steps"] = [{"name": s["name"], "docs_in": s["docs_in"], "docs_out": s["docs_out"],
                       "removed": s["removed"], "bytes_out": s["bytes_out"],
                       "counters": folded_counters(s.get("counters", {}))}
                      for s in stats["steps"]]
    with open(dest + ".stats.json", "w", encoding="utf-8") as f:
        json.dump(table, f, ensure_ascii=False, indent=1, sort_keys=True)


def fixtures(binary, snap, tmp):
    for path in sorted(glob.glob(os.path.join(FIXTURES, "*.jsonl"))):
        docs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        if not docs or "lines" not in docs[0]:
            continue
        name = os.path.basename(path)[:-len(".jsonl")]
        work = os.path.join(tmp, "fixture-" + name)
        os.makedirs(work)
        removed = fixture_eval.removed_lines(docs, binary, work)
        tp, fp, fn, lines = fixture_eval.score(docs, removed)
        rows = [f"{d['id']}\t{n}\t{fold(removed[d['id']][n])}\t{x['label']}"
                for d, n, x, cut, _ in lines if cut]
        with open(os.path.join(snap, f"fixture-{name}.tsv"), "w", encoding="utf-8") as f:
            f.write(f"# precision {tp / max(tp + fp, 1):.4f} recall {tp / max(tp + fn, 1):.4f}\n")
            f.write("\n".join(rows) + "\n")

def main():
    binary, snap = os.path.abspath(sys.argv[1]), sys.argv[2]
    os.makedirs(snap, exist_ok=True)
    subcodes = {}
    with tempfile.TemporaryDirectory() as tmp:
        fixtures(binary, snap, tmp)
        corpora = sorted(glob.glob(os.path.join(SHARED, "data", "news", "*.jsonl.zst")) +
                         glob.glob(os.path.join(SHARED, "data", "web", "*.jsonl*")))
        for corpus in corpora:
            name = os.path.basename(corpus).split(".")[0]
            for preset in PRESETS:
                out = os.path.join(tmp, f"out-{name}-{preset}")
                run(binary, [corpus], out, ["--preset", preset])
                dump_run(out, os.path.join(snap, f"{name}-{preset}"), subcodes)
                print(f"{name} {preset}", file=sys.stderr)
        seed = os.path.join(SHARED, "seed", "news-page.txt")
        out = os.path.join(tmp, "out-seed")
        run(binary, [seed], out, [])
        with open(os.path.join(snap, "seed.jsonl"), "w", encoding="utf-8") as f:
            for _, rec in records(out):
                f.write(canonical(rec) + "\n")
    with open(os.path.join(snap + ".subcodes.txt"), "w", encoding="utf-8") as f:
        for rule, n in sorted(subcodes.items()):
            f.write(f"{rule}\t{n}\n")


if __name__ == "__main__":
    main()
