#!/usr/bin/env python3
"""Line-level precision and recall of a ghirbal binary's boilerplate step on a labelled fixture.

  python3 bench/fixture_eval.py crates/ghirbal-steps/tests/fixtures/blind-pages.jsonl [GHIRBAL] [--errors]

Each fixture document (lines labelled "content" or "boilerplate") is joined into one text and run
through `ghirbal run` with normalize and boilerplate (`cross_document = false`, `--annotate`);
a line counts as removed when the step's `boilerplate_removed` metadata names it. GHIRBAL
defaults to target/release/ghirbal; give another build (an older commit's) to compare.
`--errors` also lists every line removed but labelled content (FP, with its rule) and every
boilerplate line kept (FN), with the document's id and the line's number.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile

CONFIG = 'version = 1\n[[steps]]\ntype = "normalize"\n[[steps]]\ntype = "boilerplate"\ncross_document = false\n'


def removed_lines(docs, binary, tmp):
    """Runs a fixture's documents through normalize and boilerplate in `tmp`; returns, per
    document id, the removed line numbers (from 1) with their rules."""
    with open(os.path.join(tmp, "in.jsonl"), "w", encoding="utf-8") as f:
        for d in docs:
            text = "\n".join(x["text"] for x in d["lines"])
            f.write(json.dumps({"id": d["id"], "text": text}, ensure_ascii=False) + "\n")
    with open(os.path.join(tmp, "config.toml"), "w") as f:
        f.write(CONFIG)
    out = os.path.join(tmp, "out")
    subprocess.run([binary, "run", os.path.join(tmp, "in.jsonl"), "-o", out,
                    "--config", os.path.join(tmp, "config.toml"), "--annotate",
                    "--format", "jsonl", "-q", "--overwrite"], check=True)
    removed = {}
    for path in glob.glob(os.path.join(out, "*", "*.jsonl")):
        for l in open(path, encoding="utf-8"):
            d = json.loads(l)
            removed[d["id"]] = {r["line"]: r.get("rule", "?") for r in (d.get("boilerplate_removed") or [])}
    return removed


def score(docs, removed):
    """Line counts (tp, fp, fn) against the labels, and every line as (doc, number, line,
    removed?, labelled boilerplate?)."""
    tp = fp = fn = 0
    lines = []
    for d in docs:
        gone = removed.get(d["id"], {})
        for i, x in enumerate(d["lines"]):
            truth, cut = x["label"] == "boilerplate", (i + 1) in gone
            tp += truth and cut
            fp += cut and not truth
            fn += truth and not cut
            lines.append((d, i + 1, x, cut, truth))
    return tp, fp, fn, lines


def main():
    args = [a for a in sys.argv[1:] if a != "--errors"]
    errors = "--errors" in sys.argv[1:]
    fixture = args[0]
    binary = args[1] if len(args) > 1 else "target/release/ghirbal"
    docs = [json.loads(l) for l in open(fixture, encoding="utf-8") if l.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        removed = removed_lines(docs, binary, tmp)
    tp, fp, fn, lines = score(docs, removed)
    for d, n, x, cut, truth in lines:
        if errors and truth != cut:
            kind = f"FP {removed[d['id']][n]:<18}" if cut else f"FN {'':<18}"
            print(f"{kind} {d['id']}:{n} | {x['text']}")
    print(f"{fixture}: lines {sum(len(d['lines']) for d in docs)}, boilerplate {tp + fn}, "
          f"precision {tp / max(tp + fp, 1):.3f}, recall {tp / max(tp + fn, 1):.3f}; "
          f"body kept {1 - fp / max(len(lines) - tp - fn, 1):.3f}, "
          f"boilerplate removed {tp / max(tp + fn, 1):.3f}")

if __name__ == "__main__":
    main()
