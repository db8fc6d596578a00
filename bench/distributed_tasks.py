#!/usr/bin/env python3
"""The tasks of a distributed run (`ghirbal.ray`) called one after another in this process, no
Ray: their total time against `ghirbal run` on the same inputs, and what each stage shuffles
(bytes per observed document, from the tasks' done.json), the figures behind DISTRIBUTED.md's
cost model and BENCHMARKS.md's "tasks against a local run".

    pip install ./crates/ghirbal-py          # into any venv
    cargo build --release
    python bench/distributed_tasks.py [--preset full] [INPUT ...]   # default: the news corpora
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time

from ghirbal import _ghirbal

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWS = [os.path.join(REPO, "..", "shared", "data", "news", f"{n}.jsonl.zst")
        for n in ("saudinewsnet", "ant-corpus", "almayadeen")]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("inputs", nargs="*", default=NEWS)
    ap.add_argument("--preset", default="full")
    args = ap.parse_args()
    scratch = tempfile.mkdtemp(prefix="ghirbal-dist-bench-")
    try:
        local = os.path.join(scratch, "local")
        t = time.perf_counter()
        subprocess.run([os.path.join(REPO, "target/release/ghirbal"), "run", *args.inputs, "-o", local,
                        "-q", "--preset", args.preset, "-j", "1"], check=True)
        local_s = time.perf_counter() - t

        out = os.path.join(scratch, "dist")
        t = time.perf_counter()
        job = _ghirbal.DistributedJob(args.inputs, out, preset=args.preset, unit_bytes=1)
        plan = json.loads(job.plan_json())
        units = len(plan["units"])
        offsets = [0] * units
        shuffled = []
        for p, pass_ in enumerate(plan["passes"], start=1):
            dones = [json.loads(_ghirbal.dist_unit(out, p, u, offsets[u], 1)) for u in range(units)]
            if p == 1:
                at = 0
                for u, d in enumerate(dones):
                    offsets[u], at = at, at + d["records"]
            if pass_["stage"] is not None:
                k = pass_["stage"]
                observed = sum(d["stats"]["steps"][k - 1]["docs_out"] if k else d["stats"]["read"] for d in dones)
                shuffled.append((pass_["stage_name"], observed, sum(sum(d["parts"]) for d in dones),
                                 sum(d["side_bytes"] for d in dones)))
                for i in range(pass_["partitions"]):
                    _ghirbal.dist_reduce(out, p, i, offsets)
                _ghirbal.dist_combine(out, p, offsets)
        stats = json.loads(job.finish(1)[0])
        tasks_s = time.perf_counter() - t
        print(f"{stats['read']} documents, {units} units")
        print(f"ghirbal run -j 1: {local_s:.2f} s; the tasks in order: {tasks_s:.2f} s ({tasks_s / local_s:.3f})")
        for name, observed, parts, side in shuffled:
            print(f"  {name}: {observed} observed, shuffled {parts / observed:.1f} B/doc, side files {side / observed:.1f} B/doc")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
