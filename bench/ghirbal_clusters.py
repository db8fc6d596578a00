#!/usr/bin/env python3
"""Turns a ghirbal output folder of a run with `minhash-dedup` into the clusters format read by
../shared/bench/eval_neardups.py: {"id", "cluster", "removed"} per document, cluster -1 when
the document is in no cluster.

    python3 bench/ghirbal_clusters.py OUT > clusters.jsonl
"""
import glob, json, os, subprocess, sys


def records(folder):
    for f in sorted(glob.glob(os.path.join(folder, "*"))):
        if f.endswith(".zst"):
            data = subprocess.run(["zstd", "-dc", f], capture_output=True, check=True).stdout.decode("utf-8")
        elif f.endswith(".jsonl"):
            data = open(f, encoding="utf-8").read()
        else:
            continue
        for line in data.splitlines():
            if line.strip():
                yield json.loads(line)


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
