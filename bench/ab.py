#!/usr/bin/env python3
"""Times two whole commands against each other, alternating A B A B ..., and prints the median
wall and CPU (user + system) seconds of each, the peak memory, and the median of the pair-by-pair
ratio A/B. Alternating keeps the ratio meaningful on a shared machine whose speed drifts.

    python3 bench/ab.py [-n RUNS] [--warmup N] --a 'NEW run IN -o A ...' --b 'OLD run IN -o B ...'

Each command is split as a shell splits words (no shell runs it: use sh -c '...' for a pipe);
its output is discarded. Only the standard library is used (os.wait4 gives the child's own CPU
accounting and peak resident memory).
"""

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import time


def once(argv):
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.monotonic() - start
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"command failed with exit code {code}: {shlex.join(argv)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--a", required=True, help="the command measured")
    ap.add_argument("--b", required=True, help="the yardstick")
    args = ap.parse_args()
    a, b = shlex.split(args.a), shlex.split(args.b)
    for _ in range(args.warmup):
        once(a)
        once(b)
    runs = {"A": [], "B": []}
    for _ in range(args.runs):
        runs["A"].append(once(a))
        runs["B"].append(once(b))
    for name in ("A", "B"):
        r = runs[name]
        print(
            f"{name}: wall {statistics.median(x[0] for x in r):.3f} s, "
            f"cpu {statistics.median(x[1] for x in r):.3f} s, "
            f"peak {max(x[2] for x in r):.0f} MB"
        )
    wall = statistics.median(x[0] / y[0] for x, y in zip(runs["A"], runs["B"]))
    cpu = statistics.median(x[1] / y[1] for x, y in zip(runs["A"], runs["B"]))
    print(f"A/B: wall {wall:.3f}, cpu {cpu:.3f} (median of {args.runs} pairs)")


if __name__ == "__main__":
    main()
