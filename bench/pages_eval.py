#!/usr/bin/env python3
"""Line-level precision and recall of ghirbal's default pipeline on raw news pages.

  python3 bench/pages_eval.py ../shared/data/html/arabic-pages.jsonl.zst [GHIRBAL]

Each page's visible text is taken one line per block element (a plain lxml walk: no
main-content extraction; needs `lxml`, e.g. the peers' venv). A line counts as content when
the page's reference main text (field `text`) contains it (at least 15 characters) or it is the
page's headline (its longest <h1>); every other line is boilerplate. Pages without a reference,
and repeated pages (same URL), are skipped. GHIRBAL defaults to target/release/ghirbal.
"""
import json
import re
import subprocess
import sys
import tempfile

import lxml.html

BLOCKS = set("p div li h1 h2 h3 h4 h5 h6 tr td th section article header footer nav ul ol dd dt "
             "figcaption blockquote".split())


def norm(t):
    return re.sub(r"\s+", " ", t).strip().lstrip("\ufeff")


def visible_lines(html):
    doc = lxml.html.fromstring(html)
    for bad in doc.xpath("//script|//style|//noscript|//svg|//head"):
        bad.drop_tree()
    for br in doc.xpath("//br"):
        br.tail = "\n" + (br.tail or "")

    def walk(el):
        parts = [el.text or ""]
        for c in el:
            if not isinstance(c.tag, str):
                parts.append(c.tail or "")
                continue
            inner = walk(c)
            parts.append("\n" + inner + "\n" if c.tag in BLOCKS else inner)
            parts.append(c.tail or "")
        return "".join(parts)

    # The headline: the longest <h1> (a page may also put its logo in one).
    heads = sorted((norm(h.text_content()) for h in doc.xpath("//h1")), key=len, reverse=True)
    text = "\n".join(re.sub(r"[ \t\u00a0]+", " ", x).strip() for x in walk(doc).split("\n"))
    return re.sub(r"\n{2,}", "\n", text).strip(), heads[:1]


def main():
    src = sys.argv[1]
    ghirbal = sys.argv[2] if len(sys.argv) > 2 else "target/release/ghirbal"
    raw = subprocess.run(["zstd", "-dc", src], capture_output=True, check=True).stdout.decode()
    pages, seen = [], set()
    for line in raw.splitlines():
        d = json.loads(line)
        if not d.get("text") or d.get("url") in seen:
            continue
        seen.add(d.get("url"))
        text, heads = visible_lines(d["html"])
        pages.append((d.get("url", ""), text, norm(d["text"]), set(heads)))
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for i, (_, text, _, _) in enumerate(pages):
            f.write(json.dumps({"id": f"page{i}", "text": text}, ensure_ascii=False) + "\n")
    print("| page | lines | content | boilerplate removed | content removed | boilerplate left | precision | recall |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for i, (url, _, ref, heads) in enumerate(pages):
        out = subprocess.run([ghirbal, "inspect", f.name, "--record", str(i), "--json"],
                             capture_output=True, text=True, check=True).stdout
        trace = json.loads(out)
        bp = next(s for s in trace["steps"] if s["step"] == "boilerplate")
        removed = {r["line"] for r in bp.get("removed_lines", [])}
        tp = fp = fn = tn = 0
        for n, line in enumerate(trace["original"].split("\n"), start=1):
            t = norm(line)
            if not t:
                continue
            content = (len(t) >= 15 and t in ref) or t in heads
            gone = n in removed
            tp += gone and not content
            fp += gone and content
            fn += not gone and not content
            tn += not gone and content
        print(f"| {url[:50]} | {tp + fp + fn + tn} | {fp + tn} | {tp} | {fp} | {fn} | "
              f"{tp / max(1, tp + fp):.3f} | {tp / max(1, tp + fn):.3f} |")


if __name__ == "__main__":
    main()
