#!/usr/bin/env python3
"""Writes wordfreq-{ar,fa,ur}.txt from the `wordfreq` wheel's `small_*.msgpack.gz` files.

  pip download wordfreq==3.1.1 --no-deps -d /tmp/wf && unzip -q /tmp/wf/*.whl -d /tmp/wf
  python3 extract_wordfreq.py /tmp/wf/wordfreq/data .      # needs `msgpack`

Each output line is one frequency bucket: the bucket number B, a tab, then the words of that
bucket separated by spaces; a word of bucket B has a frequency of 10^(-B/100) per word of
running text (wordfreq's "cB" format). Buckets without words are left out.
"""
import gzip
import sys

import msgpack


def main():
    src, out = sys.argv[1], sys.argv[2]
    for lang in ("ar", "fa", "ur"):
        with gzip.open(f"{src}/small_{lang}.msgpack.gz") as f:
            data = msgpack.unpackb(f.read(), raw=False)
        header, buckets = data[0], data[1:]
        assert header == {"format": "cB", "version": 1}, header
        with open(f"{out}/wordfreq-{lang}.txt", "w", encoding="utf-8") as w:
            for b, words in enumerate(buckets):
                words = [x for x in words if " " not in x and "\t" not in x]
                if words:
                    w.write(f"{b}\t{' '.join(words)}\n")


if __name__ == "__main__":
    main()
