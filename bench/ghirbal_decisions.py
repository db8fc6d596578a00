#!/usr/bin/env python3
"""Turns a ghirbal output folder into the decisions format of ../shared/bench/compare_decisions.py
(one line per input document, in input order: id, kept, filter, reason, chars_in, chars_out),
naming ghirbal's steps and reason codes as datatrove names its filters and reasons, so that the
two runs compare document by document. Then, with --against, prints the agreement on keep/drop
and on the first failing filter (and reason) among the documents both drop.

    python3 bench/ghirbal_decisions.py OUT INPUT.jsonl > decisions.jsonl
    python3 bench/ghirbal_decisions.py OUT INPUT.jsonl --against DATATROVE/decisions.jsonl --out decisions.jsonl
"""
import argparse, json, os, re, sys
from collections import Counter

from ghirbal_out import records

FILTER = {
    "gopher-repetition": "GopherRepetitionFilter",
    "gopher-quality": "GopherQualityFilter",
    "c4-quality": "C4QualityFilter",
    "fineweb-quality": "FineWebQualityFilter",
}
REASON = {
    ("gopher-repetition", "duplicate_lines"): "dup_line_frac",
    ("gopher-repetition", "duplicate_paragraphs"): "dup_para_frac",
    ("gopher-repetition", "duplicate_line_chars"): "dup_line_char_frac",
    ("gopher-repetition", "duplicate_paragraph_chars"): "dup_para_char_frac",
    ("gopher-quality", "too_few_words"): "gopher_short_doc",
    ("gopher-quality", "too_many_words"): "gopher_long_doc",
    ("gopher-quality", "short_words"): "gopher_below_avg_threshold",
    ("gopher-quality", "long_words"): "gopher_above_avg_threshold",
    ("gopher-quality", "too_many_hashes"): "gopher_too_many_hashes",
    ("gopher-quality", "too_many_ellipses"): "gopher_too_many_ellipsis",
    ("gopher-quality", "bullet_lines"): "gopher_too_many_bullets",
    ("gopher-quality", "ellipsis_lines"): "gopher_too_many_end_ellipsis",
    ("gopher-quality", "few_alphabetic_words"): "gopher_below_alpha_threshold",
    ("gopher-quality", "few_stop_words"): "gopher_enough_stop_words",
    ("fineweb-quality", "empty"): "empty",
    ("fineweb-quality", "few_terminal_lines"): "line_punct_ratio",
    ("fineweb-quality", "short_lines"): "short_line_ratio",
    ("fineweb-quality", "duplicate_line_chars"): "char_dup_ratio",
    ("fineweb-quality", "list_like"): "list_ratio",
    ("c4-quality", "too_few_sentences"): "too_few_sentences",
    ("c4-quality", "lorem_ipsum"): "lorem_ipsum",
    ("c4-quality", "curly_bracket"): "curly_bracket",
}




def names(removal):
    step, code, detail = removal.get("step"), removal.get("code"), removal.get("detail", "")
    if step == "gopher-repetition" and code == "empty":
        # datatrove's reader skips documents with empty text before any filter.
        return "JsonlReader", "empty_text"
    m = re.match(r"(\d+)-gram", detail or "")
    if code == "top_ngram_share" and m:
        return FILTER[step], f"top_{m.group(1)}_gram"
    if code == "duplicate_ngram_share" and m:
        return FILTER[step], f"duplicated_{m.group(1)}_n_grams"
    return FILTER.get(step, step), REASON.get((step, code), code)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out")
    ap.add_argument("input")
    ap.add_argument("--against")
    ap.add_argument("--out", dest="dest")
    args = ap.parse_args()
    kept = {str(d["id"]): len(d.get("text", "")) for d in records(os.path.join(args.out, "kept"))}
    removed = {str(d["id"]): d.get("removal") or {} for d in records(os.path.join(args.out, "removed"))}
    rejected = {str(d.get("id")) for d in records(os.path.join(args.out, "rejected"))}
    dest = open(args.dest, "w", encoding="utf-8") if args.dest else sys.stdout
    mine = {}
    with open(args.input, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            doc = json.loads(line)
            did = str(doc["id"])
            filt = reason = None
            if did in removed:
                filt, reason = names(removed[did])
            elif did in rejected:
                filt, reason = "rejected", "rejected"
            rec = {"id": did, "kept": did in kept, "filter": filt, "reason": reason,
                   "chars_in": len(doc.get("text") or ""), "chars_out": kept.get(did)}
            mine[did] = rec
            dest.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if args.dest:
        dest.close()
    if not args.against:
        return
    theirs = {}
    with open(args.against, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                theirs[str(d["id"])] = d
    common = [i for i in mine if i in theirs]
    agree = sum(mine[i]["kept"] == theirs[i]["kept"] for i in common)
    both_drop = [i for i in common if not mine[i]["kept"] and not theirs[i]["kept"]]
    same_filter = sum(mine[i]["filter"] == theirs[i]["filter"] for i in both_drop)
    same_reason = sum(mine[i]["filter"] == theirs[i]["filter"] and mine[i]["reason"] == theirs[i]["reason"]
                      for i in both_drop)
    diffs = Counter()
    for i in common:
        a, b = mine[i], theirs[i]
        if a["kept"] != b["kept"] or (not a["kept"] and (a["filter"], a["reason"]) != (b["filter"], b["reason"])):
            diffs[(f"{a['filter']}:{a['reason']}", f"{b['filter']}:{b['reason']}")] += 1
    print(json.dumps({
        "docs": len(common),
        "kept_ghirbal": sum(mine[i]["kept"] for i in common),
        "kept_datatrove": sum(theirs[i]["kept"] for i in common),
        "keep_drop_agreement": round(agree / len(common), 6) if common else None,
        "both_drop": len(both_drop),
        "first_filter_agreement": round(same_filter / len(both_drop), 6) if both_drop else None,
        "first_reason_agreement": round(same_reason / len(both_drop), 6) if both_drop else None,
        "differences": [{"ghirbal": k[0], "datatrove": k[1], "count": n} for k, n in diffs.most_common(20)],
    }, indent=1))


if __name__ == "__main__":
    main()
