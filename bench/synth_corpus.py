#!/usr/bin/env python3
"""Writes a large synthetic corpus for memory and scale measurements (not for quality).

  synth_corpus.py SOURCE.jsonl[.zst] N OUT.jsonl [--words 120] [--seed 1]

Each of the N documents is `--words` words drawn at random (seeded) from the running text of
SOURCE, so word frequencies are those of real Arabic news while documents are all distinct:
a worst case for deduplication memory (every document is kept, no cluster shrinks anything).
"""
import argparse
import io
import json
import random
import subprocess


def texts(path):
    if path.endswith(".zst"):
        proc = subprocess.Popen(["zstd", "-dc", path], stdout=subprocess.PIPE)
        lines = io.TextIOWrapper(proc.stdout, encoding="utf-8")
    else:
        lines = open(path, encoding="utf-8")
    with lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)["text"]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("source")
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--words", type=int, default=120)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    pool = []
    for t in texts(args.source):
        pool.extend(t.split())
        if len(pool) > 2_000_000:
            break
    rng = random.Random(args.seed)
    with open(args.out, "w", encoding="utf-8") as out:
        for i in range(args.n):
            words = rng.choices(pool, k=args.words)
            out.write(json.dumps({"id": f"s{i}", "text": " ".join(words)}, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
