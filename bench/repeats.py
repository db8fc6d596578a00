#!/usr/bin/env python3
"""Counts in-document repetition in a JSONL corpus (plain or .zst, or a ghirbal output folder):
documents whose lead paragraph appears again later in the text, and documents that contain
their whole body twice. Compares paragraphs after light normalization (whitespace collapsed,
direction marks removed).

    python3 bench/repeats.py ../shared/data/news/almayadeen.jsonl.zst
    python3 bench/repeats.py OUT/kept
"""
import glob, json, os, re, subprocess, sys

MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u0640]")


def records(path):
    files = sorted(glob.glob(os.path.join(path, "*"))) if os.path.isdir(path) else [path]
    for f in files:
        if f.endswith(".zst"):
            out = subprocess.run(["zstd", "-dc", f], capture_output=True, text=True).stdout
        else:
            out = open(f, encoding="utf-8").read()
        for line in out.splitlines():
            if line.strip():
                yield json.loads(line)


def paragraphs(text):
    return [p for p in (" ".join(MARKS.sub("", l).split()) for l in text.split("\n")) if p]


def main():
    docs = lead_repeated = body_twice = 0
    for d in records(sys.argv[1]):
        docs += 1
        ps = paragraphs(d.get("text", ""))
        if len(ps) >= 2 and ps[0] in ps[1:]:
            lead_repeated += 1
        # The whole body twice: some block of at least two paragraphs appears again right after.
        n = len(ps)
        for k in range(2, n // 2 + 1):
            if any(ps[i:i + k] == ps[i + k:i + 2 * k] for i in range(0, n - 2 * k + 1)):
                body_twice += 1
                break
    print(json.dumps({"documents": docs, "lead_paragraph_repeated": lead_repeated,
                      "body_block_repeated": body_twice}))


if __name__ == "__main__":
    main()
