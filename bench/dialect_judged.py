#!/usr/bin/env python3
"""The dialect model read on real posts whose variety a reader judged one by one.

The public datasets label dialect per dataset, so a third to a half of their "dialect" rows
are MSA or carry no cue of any region; a figure against those labels says as much about the
dataset as about the model. Here four samples of 780 rows (60 from each of 13 sources) were
labelled, text by text, by a reader (an annotator session that saw only the texts: no
source, no dataset label, no model) as msa, egy (with Sudanese), glf (with Iraqi and Yemeni),
lev, mgr, dialect-unclear, unclear or not-arabic. The labels are in bench/dialect-judged/,
keyed by the row's position in the sample and a hash of its text (the texts themselves stay
in ../shared/data: several sources may not be redistributed).

Each source is read by a model that never trained on it: the shipped options for the sources
that may not train, and for the trainable ones the same training without that source (as
`train_dialect cross` does). Two tables per sample: per source, how many rows the reader
judged to be the dataset's label and how often the model finds that label on them; and,
taking the reader's label as the truth, recall per group over every text judged to be of one
group (macro = mean of the five).

Usage:
  python3 bench/dialect_data.py ../shared/data > /tmp/dialect-rows.jsonl
  cargo build --release -p ghirbal-lid --example train_dialect
  python3 bench/dialect_judged.py /tmp/dialect-rows.jsonl [target/release/examples/train_dialect]
"""
import collections
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCES = ["shami-lb", "shami-ps", "astd", "mac-dialectal", "mac-standard", "lingua-ar",
           "saudi-irony", "iraqi", "arsarcasm-glf", "arsarcasm-egy", "arsarcasm-lev",
           "afrisenti-ma", "afrisenti-dz"]
EVAL_ONLY = {"shami-lb", "shami-ps", "astd", "mac-dialectal", "mac-standard", "lingua-ar"}
# The seed of each sample; each leaves out the texts of those before it.
SEEDS = [20261206, 202612062, 202612063, 202612064]
PER_SOURCE = 60
GROUPS = ["msa", "egy", "glf", "lev", "mgr"]


def samples(rows):
    """The samples, rebuilt from the rows exactly as they were drawn."""
    used, out = set(), []
    for seed in SEEDS:
        rng = random.Random(seed)
        picked = []
        for s in SOURCES:
            seen, pool = set(), []
            for r in rows:
                if r.get("source") != s or r["text"] in seen or r["text"] in used:
                    continue
                seen.add(r["text"])
                pool.append(r)
            picked += rng.sample(pool, PER_SOURCE)
        rng.shuffle(picked)
        used |= {r["text"] for r in picked}
        out.append(picked)
    return out


def predictions(train_dialect, rows_path, sample, work):
    """The group each text is read as, by a model that never trained on its source."""
    by = collections.defaultdict(list)
    for r in sample:
        by[r["source"]].append(r)
    ship = os.path.join(work, "ship.bin")
    subprocess.run([train_dialect, "train", rows_path, "--ship-only", "--out", ship],
                   check=True, capture_output=True)
    pred = {}
    for s, group in by.items():
        path = os.path.join(work, s + ".jsonl")
        with open(path, "w") as f:
            for r in group:
                f.write(json.dumps({"text": r["text"], "region": r["region"], "source": s},
                                   ensure_ascii=False) + "\n")
        model = ship
        if s not in EVAL_ONLY:
            model = os.path.join(work, "without.bin")
            subprocess.run([train_dialect, "train", rows_path, "--ship-only", "--exclude", s,
                            "--out", model], check=True, capture_output=True)
        out = subprocess.run([train_dialect, "eval", model, path, "--errors"], check=True,
                             capture_output=True, text=True).stdout
        wrong = {}
        for line in out.splitlines():
            m = re.match(r"  (\S+) → (\S+): (.*)$", line)
            if m:
                wrong[m.group(3)] = m.group(2)
        for r in group:
            pred[r["text"]] = wrong.get(r["text"], r["region"])
    return pred


def report(n, sample, labels, pred):
    print(f"\n## Sample {n}\n")
    print("| source | dataset label | judged its label | judged msa | judged another group "
          "| dialect, region unclear | unclear | found, all rows | found, rows judged its label |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    rows_of = collections.defaultdict(list)
    for r, lab in zip(sample, labels):
        rows_of[r["source"]].append((r, lab["label"]))
    for s in sorted(rows_of, key=lambda s: (rows_of[s][0][0]["region"], s)):
        rs = rows_of[s]
        region = rs[0][0]["region"]
        judged = collections.Counter(lab for _, lab in rs)
        agree = [r for r, lab in rs if lab == region]
        other = sum(v for g, v in judged.items() if g in GROUPS and g not in (region, "msa"))
        found_all = sum(pred[r["text"]] == region for r, _ in rs) / len(rs)
        found = sum(pred[r["text"]] == region for r in agree)
        msa = "–" if region == "msa" else judged["msa"]
        print(f"| {s} | {region} | {len(agree)} | {msa} | {other} | {judged['dialect-unclear']} "
              f"| {judged['unclear']} | {found_all:.2f} | {found}/{len(agree)} = "
              f"{found / max(1, len(agree)):.2f} |")
    print("\nThe reader's label as the truth (every text judged to be of one group):\n")
    print("| group | texts | found | read as instead |")
    print("|---|---:|---:|---|")
    recalls = []
    for g in GROUPS:
        read = collections.Counter(pred[r["text"]] for r, lab in zip(sample, labels)
                                   if lab["label"] == g)
        total = sum(read.values())
        recalls.append(read[g] / total)
        instead = ", ".join(f"{k} {v}" for k, v in sorted(read.items()) if k != g)
        print(f"| {g} | {total} | {read[g] / total:.3f} | {instead} |")
    print(f"| **macro** | | **{sum(recalls) / len(recalls):.3f}** | |")


def main():
    rows_path = sys.argv[1]
    train_dialect = sys.argv[2] if len(sys.argv) > 2 else "target/release/examples/train_dialect"
    rows = [json.loads(l) for l in open(rows_path, encoding="utf-8")]
    with tempfile.TemporaryDirectory() as work:
        for n, sample in enumerate(samples(rows), 1):
            path = os.path.join(HERE, "dialect-judged", f"labels-{n}.jsonl")
            labels = [json.loads(l) for l in open(path, encoding="utf-8")]
            for r, lab in zip(sample, labels):
                digest = hashlib.sha1(r["text"].encode()).hexdigest()[:12]
                if (lab["source"], lab["sha1"]) != (r["source"], digest):
                    sys.exit(f"sample {n}, row {lab['id']}: the rows are not those that were "
                             "judged (rebuild them with bench/dialect_data.py)")
            report(n, sample, labels, predictions(train_dialect, rows_path, sample, work))


if __name__ == "__main__":
    main()
