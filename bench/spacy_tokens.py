#!/usr/bin/env python3
"""Compare ghirbal's spaCy-compatible word splitter with datatrove's Arabic word tokenizer.

  .venv-peers/bin/python bench/spacy_tokens.py CORPUS.jsonl [--every N] [--ghirbal BIN]

Takes every N-th document of CORPUS, tokenizes it with datatrove's `split_into_words(text, "ar")`
(spaCy's blank Arabic pipeline) and with `ghirbal-text`'s example `words spacy-compat`, and prints
how many documents get the identical word list, the token-count difference, and the first
differing tokens of a few documents.
"""
import argparse
import json
import subprocess
import sys

from datatrove.utils.text import split_into_words


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--every", type=int, default=10)
    ap.add_argument("--ghirbal", default="target/release/examples/words")
    ap.add_argument("--show", type=int, default=10)
    args = ap.parse_args()
    docs = []
    with open(args.corpus, encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i % args.every == 0:
                d = json.loads(line)
                if d.get("text"):
                    docs.append({"id": str(d["id"]), "text": d["text"]})
    inp = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    res = subprocess.run([args.ghirbal, "spacy-compat"], input=inp.encode(), capture_output=True, check=True)
    ours = [json.loads(l)["tokens"] for l in res.stdout.decode().splitlines()]
    same = 0
    diff_tokens = 0
    shown = 0
    for d, o in zip(docs, ours):
        t = split_into_words(d["text"], "ar")
        if t == o:
            same += 1
            continue
        diff_tokens += abs(len(t) - len(o))
        if shown < args.show:
            shown += 1
            k = next((i for i, (a, b) in enumerate(zip(t, o)) if a != b), min(len(t), len(o)))
            print(f"{d['id']}: spacy {t[max(0, k - 2):k + 3]} ghirbal {o[max(0, k - 2):k + 3]}", file=sys.stderr)
    print(json.dumps({"docs": len(docs), "identical": same, "identical_share": round(same / len(docs), 4),
                      "abs_token_count_diff": diff_tokens}))


if __name__ == "__main__":
    main()
