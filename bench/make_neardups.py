#!/usr/bin/env python3
"""Near-duplicate benchmark generator: takes a JSONL corpus ({"id", "text"}, plain or .zst),
draws source documents with a fixed seed, and injects copies with the edits syndicated Arabic
news shows: numbers and dates changed, a boilerplate line added, a paragraph dropped, the tail
trimmed, letter variants (أ/ا, ى/ي, ة/ه), tatweel, diacritics, Persian letter forms. Writes
the corpus with the copies shuffled in, and a ground-truth file in the format read by
../shared/bench/eval_neardups.py:

    {"id": copy_id, "source": source_id, "edits": [{"edit": "letters", ...}], "jaccard_norm": float}

Usage:
    python3 bench/make_neardups.py ../shared/data/news/saudinewsnet.jsonl.zst OUTDIR \
        [--sources 1500] [--seed 7]

OUTDIR/corpus.jsonl, OUTDIR/truth.jsonl. `jaccard_norm` is the Jaccard similarity of word
5-gram sets of copy and source after folding letter variants, diacritics and tatweel.
"""
import argparse, json, os, random, re, subprocess, sys

EDITS = ["numbers", "boiler_add", "line_remove", "trim", "letters", "tatweel", "diacritics", "persian"]
BOILER = [
    "اقرأ أيضاً: تفاصيل جديدة حول الموضوع",
    "شارك هذا الخبر",
    "جميع الحقوق محفوظة",
    "تابعونا على تويتر",
    "المصدر: وكالات",
    "للمزيد من الأخبار زوروا موقعنا",
]
DIACRITICS = ["\u064e", "\u064f", "\u0650", "\u0651", "\u0652", "\u064b"]
ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def read(path):
    if path.endswith(".zst"):
        data = subprocess.run(["zstd", "-dc", path], capture_output=True, check=True).stdout.decode("utf-8")
    else:
        data = open(path, encoding="utf-8").read()
    return [json.loads(l) for l in data.splitlines() if l.strip()]


def fold(text):
    text = re.sub("[\u064b-\u065f\u0670\u0640]", "", text)
    text = re.sub("[أإآٱ]", "ا", text).replace("ى", "ي").replace("ة", "ه").replace("ی", "ي").replace("ک", "ك")
    return re.sub(r"[^\w]+", " ", text).split()


def shingles(text, n=5):
    w = fold(text)
    return {tuple(w[i:i + n]) for i in range(max(1, len(w) - n + 1))}


def jaccard(a, b):
    sa, sb = shingles(a), shingles(b)
    return len(sa & sb) / max(1, len(sa | sb))


def apply(edit, text, rng):
    lines = text.split("\n")
    if edit == "numbers":
        nums = list(re.finditer(r"\d+", text))
        if not nums:
            return None
        for m in rng.sample(nums, min(3, len(nums)))[::-1]:
            new = str(int(m.group()) + rng.randint(1, 9))
            text = text[:m.start()] + new + text[m.end():]
        return text
    if edit == "boiler_add":
        line = rng.choice(BOILER)
        return text + "\n" + line if rng.random() < 0.5 else line + "\n" + text
    if edit == "line_remove":
        paras = [i for i, l in enumerate(lines) if len(l.split()) >= 8]
        if len(paras) < 3:
            return None
        del lines[rng.choice(paras[1:])]
        return "\n".join(lines)
    if edit == "trim":
        words = text.split(" ")
        if len(words) < 60:
            return None
        return " ".join(words[: int(len(words) * rng.uniform(0.85, 0.95))])
    if edit == "letters":
        out = text.replace("أ", "ا").replace("إ", "ا").replace("ى", "ي").replace("ة", "ه")
        return out if out != text else None
    if edit == "tatweel":
        words = text.split(" ")
        for i in rng.sample(range(len(words)), max(1, len(words) // 5)):
            w = words[i]
            if len(w) >= 3 and re.match(r"^[\u0628-\u064a]+$", w):
                k = rng.randint(1, len(w) - 2)
                words[i] = w[:k] + "\u0640" * rng.randint(1, 3) + w[k:]
        return " ".join(words)
    if edit == "diacritics":
        chars = list(text)
        for i in range(len(chars)):
            if "\u0628" <= chars[i] <= "\u064a" and rng.random() < 0.3:
                chars[i] += rng.choice(DIACRITICS)
        return "".join(chars)
    if edit == "persian":
        out = text.replace("ي", "ی").replace("ك", "ک")
        return out if out != text else None
    raise ValueError(edit)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus")
    ap.add_argument("outdir")
    ap.add_argument("--sources", type=int, default=1500)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    docs = [d for d in read(args.corpus) if isinstance(d.get("text"), str)]
    pool = [d for d in docs if len(d["text"].split()) >= 80]
    sources = rng.sample(pool, min(args.sources, len(pool)))
    copies, truth = [], []
    for n, src in enumerate(sources):
        for k in range(rng.randint(1, 2)):
            kinds = [rng.choice(EDITS)] if rng.random() < 0.7 else rng.sample(EDITS, rng.randint(2, 3))
            text, done = src["text"], []
            for e in kinds:
                new = apply(e, text, rng)
                if new is not None and new != text:
                    text, done = new, done + [{"edit": e}]
            if not done:
                continue
            cid = f"{src['id']}#copy{k}"
            copies.append({"id": cid, "text": text})
            truth.append({"id": cid, "source": src["id"], "edits": done,
                          "jaccard_norm": round(jaccard(src["text"], text), 4)})
    out = [{"id": d["id"], "text": d["text"]} for d in docs] + copies
    rng.shuffle(out)
    os.makedirs(args.outdir, exist_ok=True)
    with open(os.path.join(args.outdir, "corpus.jsonl"), "w", encoding="utf-8") as f:
        for d in out:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(os.path.join(args.outdir, "truth.jsonl"), "w", encoding="utf-8") as f:
        for t in truth:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    print(json.dumps({"documents": len(out), "copies": len(copies), "sources": len(sources)}))


if __name__ == "__main__":
    main()
