#!/usr/bin/env python3
"""Turns a ghirbal output folder of a run with `minhash-dedup` into the clusters format read by
../shared/bench/eval_neardups.py: {"id", "cluster", "removed"} per document, cluster -1 when
the document is in no cluster.

    python3 bench/ghirbal_clusters.py OUT > clusters.jsonl
"""
import json, os, sys

from ghirbal_out import records


def main():
    out = sys.argv[1]
    for sub in ("kept", "removed"):
        for d in records(os.path.join(out, sub)):
            removal = d.get("removal") or {}
            print(json.dumps({
                "id": d["id"],
                "cluster": d.get("minhash_cluster", -1),
                "removed": removal.get("step") == "minhash-dedup",
            }, ensure_ascii=False))


if __name__ == "__main__":
    main()
