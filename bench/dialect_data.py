#!/usr/bin/env python3
"""Builds the rows the dialect model is trained and evaluated on, from ../shared/data.

Writes one JSONL file, each row {"text", "region", "source", "ship"}:
- "ship": true for rows whose licence allows shipping weights trained on them (with
  attribution): ArSarcasm-v2 (MIT), the Saudi irony, Iraqi and AfriSenti Algerian/Moroccan
  tweets of dialect-train (CC0-1.0 / CC-BY-4.0), sentences of the ANT news corpus
  (Apache-2.0), the words of FineWeb-2's dialect word lists (Apache-2.0), one row each, and
  the texts written for the model in bench/dialect-written/ (the repository's licence).
  Only these train the shipped model (crates/ghirbal-lid/examples/train_dialect.rs).
- "ship": false for rows used only to evaluate, never to train what ships: ASTD (GPL-2.0),
  Shami (no licence stated), MAC (no licence stated), lingua-py's Arabic sentences (Leipzig
  web sentences).

Regions: msa, egy, glf (Iraqi included: `irq` is written as glf), lev, mgr. Labels are per
dataset, not per sentence; the trainer moves to MSA the dialect rows it reads as MSA.
The output is the same, byte for byte, on every run (.ci/dialect-model checks the model).

Usage: python3 bench/dialect_data.py [SHARED_DATA_DIR] > /tmp/dialect-rows.jsonl
"""
import hashlib
import json
import os
import re
import subprocess
import sys

DATA = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
LEXICON = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "ghirbal-lid", "lexicon")
# ANT sentences kept for the msa group: enough to teach news style, few enough that tweets
# still dominate the group (the annotation mostly meets news, but MSA tweets must stay msa).
ANT_SENTENCES = 4000


def zst(path):
    out = subprocess.run(["zstd", "-dc", path], check=True, capture_output=True).stdout
    for line in out.decode("utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def emit(text, region, source, ship):
    text = " ".join(text.split())
    if text:
        print(json.dumps({"text": text, "region": region, "source": source, "ship": ship},
                         ensure_ascii=False))


def main():
    for r in zst(f"{DATA}/langid/dialect-train.jsonl.zst"):
        src = r["source"]
        name = {"SA": "saudi-irony", "IQ": "iraqi", "MA": "afrisenti-ma",
                "DZ": "afrisenti-dz"}[r["country"]]
        if "Facebook" in src:
            name = "iraqi-facebook"
        emit(r["text"], "glf" if r["region"] == "irq" else r["region"], name, True)

    arsarcasm = {"region:msa": "msa", "region:egypt": "egy", "region:gulf": "glf",
                 "region:levant": "lev", "region:magreb": "mgr"}
    for r in zst(f"{DATA}/langid/langid-dev.jsonl.zst"):
        src, d = r["source"], r.get("dialect") or ""
        if src.startswith("iabufarha/ArSarcasm-v2"):
            region = arsarcasm[d]
            emit(r["text"], region, f"arsarcasm-{region}", True)
        elif src.startswith("mahmoudnabil/ASTD"):
            emit(r["text"], "egy", "astd", False)
        elif src.startswith("GU-CLASP/shami"):
            emit(r["text"], "lev", "shami-" + d.split(":")[1].lower(), False)
        elif src.startswith("LeMGarouani/MAC"):
            if d.endswith(":dialectal"):
                emit(r["text"], "mgr", "mac-dialectal", False)
            else:
                emit(r["text"], "msa", "mac-standard", False)
        elif r["lang"] == "arb" and r["unit"] == "sentences":
            emit(r["text"], "msa", "lingua-ar", False)

    # FineWeb-2's word lists of dialect words (Apache-2.0), each word a row of its region:
    # the only Levantine and Egyptian evidence besides ArSarcasm-v2 that may ship.
    lists = {"arz": "egy", "apc": "lev", "ars": "glf", "acm": "glf", "ary": "mgr",
             "aeb": "mgr", "arq": "mgr"}
    for code, region in lists.items():
        with open(f"{LEXICON}/{code}_Arab.txt", encoding="utf-8") as f:
            for word in f:
                emit(word, region, "fineweb2-lists", True)

    # Texts written for the model in each group's variety (bench/dialect-written/README.md):
    # the shippable data has few Levantine rows, and informal MSA and greetings mostly in
    # Gulf tweets.
    written = os.path.join(os.path.dirname(os.path.abspath(__file__)), "dialect-written")
    # A written text that is also in a blind test set (common formulas: "الحمد لله على كل
    # حال"; compared with spaces collapsed) is left out, so that no written text trained on is
    # a test text. The public rows are not checked: they were gathered before the blind sets
    # were written, by other people.
    blind = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blind-lid")
    seen = set()
    for name in sorted(os.listdir(blind)) if os.path.isdir(blind) else []:
        if name.startswith("dialect-") and name.endswith(".jsonl"):
            with open(os.path.join(blind, name), encoding="utf-8") as f:
                seen.update(" ".join(json.loads(line)["text"].split()) for line in f if line.strip())
    for name in sorted(os.listdir(written)) if os.path.isdir(written) else []:
        if name.endswith(".jsonl"):
            with open(os.path.join(written, name), encoding="utf-8") as f:
                for line in f:
                    if line.strip():
                        r = json.loads(line)
                        text = " ".join(r["text"].split())
                        if text not in seen:
                            seen.add(text)
                            emit(r["text"], r["region"], "written", True)

    sentences = []
    for r in zst(f"{DATA}/news/ant-corpus.jsonl.zst"):
        for s in re.split(r"(?<=[.!؟?])\s+|\n+", r.get("text") or ""):
            s = s.strip()
            if 20 <= len(s) <= 400:
                sentences.append(s)
    sentences = sorted(set(sentences), key=lambda s: hashlib.sha1(s.encode()).hexdigest())
    for s in sentences[:ANT_SENTENCES]:
        emit(s, "msa", "ant-news", True)


if __name__ == "__main__":
    main()
