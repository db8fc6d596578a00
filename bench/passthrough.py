#!/usr/bin/env python3
"""Speed of a pipeline with no steps (read JSONL.zst, write JSONL.zst) against
`zstd -dc FILE | zstd -c > /dev/null` on the same file, in the same run.

Runs are interleaved and repeated; the median wall time of each is reported with the ratio,
so that a noisy shared machine affects both sides alike. Peak RSS of ghirbal is read from
wait4(). Usage:

    cargo build --release
    python3 bench/passthrough.py [FILE ...] [--repeat 5] [--json OUT.json]
"""
import argparse, json, os, shutil, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GHIRBAL = os.path.join(ROOT, "target", "release", "ghirbal")
DEFAULT = [os.path.join(ROOT, "..", "shared", "data", "news", "saudinewsnet.jsonl.zst")]


def timed(cmd, shell=False):
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, shell=shell, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"command failed ({status}): {cmd}")
    return wall, usage.ru_maxrss / 1024  # MB


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", default=DEFAULT)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--json")
    args = ap.parse_args()
    if not os.path.exists(GHIRBAL):
        sys.exit("build first: cargo build --release")
    results = []
    for f in args.files:
        size = int(subprocess.run(f"zstd -dc '{f}' | wc -c", shell=True, capture_output=True, text=True).stdout)
        runs = {"zstd pipe": [], "ghirbal 1 thread": [], "ghirbal 2 threads": []}
        rss = {}
        tmp = tempfile.mkdtemp(prefix="ghirbal-bench-")
        for _ in range(args.repeat):
            runs["zstd pipe"].append(timed(f"zstd -dc '{f}' | zstd -c > /dev/null", shell=True)[0])
            for threads, key in ((1, "ghirbal 1 thread"), (2, "ghirbal 2 threads")):
                out = os.path.join(tmp, "out")
                shutil.rmtree(out, ignore_errors=True)
                wall, peak = timed([GHIRBAL, "run", f, "-o", out, "--preset", "none", "-q", "--threads", str(threads)])
                runs[key].append(wall)
                rss[key] = max(rss.get(key, 0), peak)
        shutil.rmtree(tmp, ignore_errors=True)
        base = statistics.median(runs["zstd pipe"])
        print(f"\n{os.path.basename(f)}: {size / 1e6:.1f} MB uncompressed, median of {args.repeat}")
        print(f"{'run':<20} {'wall s':>8} {'MB/s':>8} {'vs zstd pipe':>13} {'peak RSS MB':>12}")
        for key, walls in runs.items():
            med = statistics.median(walls)
            print(f"{key:<20} {med:>8.3f} {size / 1e6 / med:>8.1f} {base / med:>12.2f}x {rss.get(key, float('nan')):>12.1f}")
            results.append({"file": f, "run": key, "wall_median_s": med, "mb_per_s": size / 1e6 / med,
                            "speed_vs_zstd_pipe": base / med, "peak_rss_mb": rss.get(key)})
    if args.json:
        with open(args.json, "w") as fh:
            json.dump(results, fh, indent=1)


if __name__ == "__main__":
    main()
