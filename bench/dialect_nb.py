#!/usr/bin/env python3
"""A trained baseline for the dialect annotation, for comparison only (nothing it learns ships).

Multinomial naive Bayes over character 2-4-grams (within words, with word boundaries) and
words, trained on the dialect-labelled tweets of langid-dev and tested on a held-out split
(one row in five, chosen by a hash of the id, so the split is the same on every run). Prints
per-group accuracy on the held-out split for this model and for ghirbal's shipped lexicon
annotation (from `ghirbal lid` output), and writes the held-out ids.

Usage:
  ghirbal lid /tmp/langid-dev.jsonl > /tmp/lid-pred.jsonl
  python3 bench/dialect_nb.py /tmp/langid-dev.jsonl /tmp/lid-pred.jsonl /tmp/dialect-heldout.txt

Why it does not ship: the labelled tweets come from corpora whose licences (GPL-2.0,
CC BY-NC-SA, none stated) do not allow shipping weights derived from them in an Apache-2.0
tool, and each dialect group comes mostly from one corpus, so the model learns each corpus's
style along with its dialect: the held-out figure (same corpora) overstates it.
"""
import collections
import hashlib
import json
import math
import re
import sys

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from lid_eval import dialect_group  # noqa: E402

GROUPS = ["msa", "egy", "glf", "lev", "mgr"]
DIAC = re.compile("[\u064B-\u065F\u0670\u0640]")


def features(text):
    text = DIAC.sub("", text)
    words = re.findall(r"\w+", text)
    out = []
    for w in words:
        out.append("w:" + w)
        b = "<" + w + ">"
        for n in (2, 3, 4):
            for i in range(len(b) - n + 1):
                out.append(b[i:i + n])
    return out


def held_out(id_):
    return int(hashlib.sha1(id_.encode()).hexdigest(), 16) % 5 == 0


def main():
    gold_path, pred_path, heldout_path = sys.argv[1:4]
    rows = []
    for line in open(gold_path, encoding="utf-8"):
        r = json.loads(line)
        g = dialect_group(r.get("dialect"))
        if g:
            rows.append((r["id"], g, r["text"]))
    counts = {g: collections.Counter() for g in GROUPS}
    docs = collections.Counter()
    for id_, g, text in rows:
        if not held_out(id_):
            counts[g].update(features(text))
            docs[g] += 1
    vocab = set()
    for c in counts.values():
        vocab.update(c)
    totals = {g: sum(c.values()) for g, c in counts.items()}
    ndocs = sum(docs.values())
    prior = {g: math.log(docs[g] / ndocs) for g in GROUPS}
    V = len(vocab)

    def predict(text):
        best, score = None, -1e300
        for g in GROUPS:
            s = prior[g]
            denom = math.log(totals[g] + V)
            c = counts[g]
            for f in features(text):
                if f in vocab:
                    s += math.log(c.get(f, 0) + 1) - denom
            if s > score:
                best, score = g, s
        return best

    lexicon = {}
    for line in open(pred_path, encoding="utf-8"):
        p = json.loads(line)
        lexicon[p["id"]] = p.get("dialect")
    nb_right, lex_right, total = (collections.Counter() for _ in range(3))
    nb_conf = collections.defaultdict(collections.Counter)
    with open(heldout_path, "w") as out:
        for id_, g, text in rows:
            if not held_out(id_):
                continue
            out.write(id_ + "\n")
            total[g] += 1
            p = predict(text)
            nb_conf[g][p] += 1
            nb_right[g] += p == g
            lex_right[g] += lexicon.get(id_) == g
    print(f"trained on {ndocs} tweets; held-out split: {sum(total.values())} tweets")
    print("| gold | held-out texts | naive Bayes (not shipped) | lexicon (shipped) |")
    print("|---|---:|---:|---:|")
    for g in GROUPS:
        if total[g]:
            print(f"| {g} | {total[g]} | {100 * nb_right[g] / total[g]:.1f} % | "
                  f"{100 * lex_right[g] / total[g]:.1f} % |")
    print()
    print("naive Bayes confusion (rows gold, columns predicted): " + " ".join(GROUPS))
    for g in GROUPS:
        print(g, [nb_conf[g].get(x, 0) for x in GROUPS])


if __name__ == "__main__":
    main()
