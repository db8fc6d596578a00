#!/usr/bin/env python3
"""Accuracy of ghirbal's language identification on the labelled langid-dev set.

Usage:
  zstd -dc ../shared/data/langid/langid-dev.jsonl.zst > /tmp/langid-dev.jsonl
  ghirbal lid /tmp/langid-dev.jsonl > /tmp/lid-pred.jsonl
  python3 bench/lid_eval.py /tmp/langid-dev.jsonl /tmp/lid-pred.jsonl [--split FILE] [-v]

Prints accuracy per unit (sentences, word pairs, single words, tweets) for Arabic vs Persian vs
Urdu, the share of dialect tweets identified as Arabic, a confusion matrix, and dialect accuracy
per group (only on the ids listed in FILE with --split); -v prints some errors per unit.
"""
import collections
import json
import sys

GOLD = {"arb": "ar", "ara": "ar", "ary": "ar", "apc": "ar", "fas": "fa", "urd": "ur"}
UNIT = {"sentences": "sentence", "sentence": "sentence", "word-pairs": "word pair",
        "single-words": "single word", "tweet": "tweet", "tweet/line": "tweet"}


def dialect_group(d):
    """The dialect group a dev-set label stands for, or None when it is not a group label."""
    if not d:
        return None
    if d.startswith("egy") or d == "region:egypt":
        return "egy"
    if d.startswith("lev") or d == "region:levant":
        return "lev"
    if d == "region:gulf":
        return "glf"
    if d == "maghrebi:MA:dialectal" or d == "region:magreb":
        return "mgr"
    if d == "region:msa":
        return "msa"
    return None


def main():
    args = [a for a in sys.argv[1:] if a != "-v"]
    verbose = "-v" in sys.argv
    held = None
    if "--split" in args:
        i = args.index("--split")
        held = set(l.strip() for l in open(args[i + 1]) if l.strip())
        del args[i:i + 2]
    gold_path, pred_path = args
    gold = {}
    for line in open(gold_path, encoding="utf-8"):
        r = json.loads(line)
        gold[r["id"]] = r
    right = collections.Counter()
    total = collections.Counter()
    confusion = collections.defaultdict(collections.Counter)
    dial_right = collections.Counter()
    dial_total = collections.Counter()
    dial_conf = collections.defaultdict(collections.Counter)
    errors = collections.defaultdict(list)
    for line in open(pred_path, encoding="utf-8"):
        p = json.loads(line)
        g = gold.get(p["id"])
        if g is None:
            continue
        want = GOLD[g["lang"]]
        unit = UNIT[g["unit"]]
        got = p["language"]
        total[unit] += 1
        right[unit] += got == want
        confusion[(unit, want)][got] += 1
        if got != want and len(errors[unit]) < 15:
            errors[unit].append((want, got, round(p["score"], 3), g["text"][:80]))
        grp = dialect_group(g.get("dialect"))
        if grp and (held is None or p["id"] in held) and got == "ar":
            dial_total[grp] += 1
            dial_right[grp] += p.get("dialect") == grp
            dial_conf[grp][p.get("dialect")] += 1
    print("| unit | texts | correct | accuracy |")
    print("|---|---:|---:|---:|")
    for u in ["sentence", "word pair", "single word", "tweet"]:
        if total[u]:
            print(f"| {u} | {total[u]} | {right[u]} | {100 * right[u] / total[u]:.2f} % |")
    print()
    labels = sorted({l for c in confusion.values() for l in c} | {"ar", "fa", "ur"},
                    key=lambda l: (l not in ("ar", "fa", "ur"), l))
    print("| unit | gold | " + " | ".join(labels) + " |")
    print("|---|---|" + "---:|" * len(labels))
    for (u, w), c in sorted(confusion.items(), key=lambda kv: (list(UNIT.values()).index(kv[0][0]), kv[0][1])):
        print(f"| {u} | {w} | " + " | ".join(str(c.get(l, 0)) for l in labels) + " |")
    if dial_total:
        print()
        print("dialect (Arabic-identified texts%s):" % (", held-out split" if held else ""))
        groups = ["msa", "egy", "glf", "lev", "mgr"]
        print("| gold | texts | correct | accuracy | " + " | ".join(groups) + " |")
        print("|---|---:|---:|---:|" + "---:|" * len(groups))
        for grp in groups:
            if dial_total[grp]:
                print(f"| {grp} | {dial_total[grp]} | {dial_right[grp]} | "
                      f"{100 * dial_right[grp] / dial_total[grp]:.1f} % | "
                      + " | ".join(str(dial_conf[grp].get(x, 0)) for x in groups) + " |")
    if verbose:
        print(file=sys.stderr)
        for u, es in errors.items():
            print(f"errors, {u}:", file=sys.stderr)
            for e in es:
                print("  ", e, file=sys.stderr)


if __name__ == "__main__":
    main()
