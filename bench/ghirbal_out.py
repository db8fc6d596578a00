"""Reading a ghirbal output folder from the bench scripts: every record of kept/, removed/ or
rejected/, in shard order, whatever the shard format (.jsonl or .jsonl.zst)."""
import glob
import json
import os
import subprocess


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
