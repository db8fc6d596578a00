#!/usr/bin/env python3
"""Second look at the "extra" pairs of a near-duplicate run: pairs (copy, x) that a tool put in
one cluster although x is neither the copy's source nor another copy of it. The peer scorer
(../shared/bench/eval_neardups.py) splits them by the Jaccard of datatrove-normalized shingles,
which does not fold Arabic letter variants (ی/ي, ک/ك, ة/ه, أ/ا) or strip tatweel; so a
letter-variant copy clustered with a natural reprint of the same story already in the corpus
counts as dissimilar there. This script measures the same pairs with the folding of
make_neardups.py (letters, diacritics, tatweel) and reports both views.

    python3 bench/neardup_extra.py TRUTH CORPUS CLUSTERS
"""
import json, sys
from collections import defaultdict

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from make_neardups import shingles  # noqa: E402


def main():
    truth_path, corpus_path, clusters_path = sys.argv[1:4]
    truth = [json.loads(l) for l in open(truth_path, encoding="utf-8") if l.strip()]
    source = {t["id"]: t["source"] for t in truth}
    group = defaultdict(set)
    for c, s in source.items():
        group[s] |= {s, c}
    texts = {}
    for line in open(corpus_path, encoding="utf-8"):
        d = json.loads(line)
        texts[d["id"]] = d["text"]
    clusters = defaultdict(list)
    for line in open(clusters_path, encoding="utf-8"):
        d = json.loads(line)
        if d["cluster"] != -1:
            clusters[d["cluster"]].append(d["id"])
    cache = {}

    def sh(i):
        if i not in cache:
            cache[i] = shingles(texts[i])
        return cache[i]

    extra = similar = 0
    for members in clusters.values():
        for c in (m for m in members if m in source):
            g = group[source[c]]
            for x in members:
                if x in g:
                    continue
                extra += 1
                a, b = sh(c), sh(x)
                if len(a & b) / max(1, len(a | b)) >= 0.5:
                    similar += 1
    print(json.dumps({"extra_pairs": extra, "folded_jaccard_ge_0.5": similar,
                      "folded_jaccard_lt_0.5": extra - similar}))


if __name__ == "__main__":
    main()
