#!/usr/bin/env python3
"""Regenerates fuzz/seeds/<target>/: the committed starting corpora of the fuzz targets.

Seeds come only from what the repository already ships or what is made here: the embedded sample
(sample/*.jsonl.zst: ANT corpus, Apache-2.0; OSCAR-2019 dummy, CC0), the project's own test
fixtures and presets, and hand-written edge cases; for `lid`, a few CC0 Saudi and Iraqi dialect
lines from ../shared/data/langid/dialect-train.jsonl.zst when that file is there (see
fuzz/README.md for attribution). Parquet seeds are written with pyarrow.

Needs: python3, the `zstd` command, and pyarrow (`pip install pyarrow` in a throwaway venv).
Run from anywhere: python3 fuzz/make_seeds.py. The output is deterministic for the same inputs.
"""

import gzip
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

FUZZ = Path(__file__).resolve().parent
ROOT = FUZZ.parent
SEEDS = FUZZ / "seeds"
FIXTURES = ROOT / "crates/ghirbal-steps/tests/fixtures"
SHARED = ROOT.parent / "shared/data"


def zstd_lines(path):
    out = subprocess.run(["zstd", "-dc", str(path)], check=True, capture_output=True).stdout
    return [l for l in out.split(b"\n") if l.strip()]


def zstd_compress(data, *extra):
    return subprocess.run(
        ["zstd", "-q", "-c", "--no-check", *extra], input=data, check=True, capture_output=True
    ).stdout


def write(target, name, data):
    d = SEEDS / target
    d.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (d / name).write_bytes(data)


def sample_records():
    ant = [json.loads(l) for l in zstd_lines(ROOT / "sample/ant-corpus-300.jsonl.zst")]
    oscar = [json.loads(l) for l in zstd_lines(ROOT / "sample/oscar2019-dummy.jsonl.zst")]
    return ant, oscar


def line(obj):
    return json.dumps(obj, ensure_ascii=False).encode()


def short(records, n, limit):
    """The first n records whose JSON line is under `limit` bytes, in file order."""
    picked = [r for r in records if len(line(r)) < limit]
    return picked[:n]


def pages():
    """The project's boilerplate fixtures as whole pages (their lines joined)."""
    out = []
    for f in ["theme-pages.jsonl", "blind-pages.jsonl", "blind-pages-2.jsonl", "written-pages.jsonl"]:
        for l in (FIXTURES / f).read_text(encoding="utf-8").splitlines():
            d = json.loads(l)
            out.append((d["id"], "\n".join(x["text"] for x in d["lines"])))
    return out


# Hand-written texts with what the text steps treat specially.
EDGE_TEXTS = {
    "empty": "",
    "spaces-and-blank-lines": "  \n\n\n  \t \r\n\u00a0\u2009\u3000x  y \n\n\n",
    "tatweel-and-diacritics": "العـــــربيـــة جَمِيلَةٌ ـ وَالـلُّـغَـةُ",
    "presentation-forms": "ﺍﻟﺴﻼﻡ ﻋﻠﻴﻜﻢ ﷲ ﷺ ﻻ ﻵ",
    "zero-width-and-direction": "\u200fمرحبا\u200e \u200bبك\u200c\u200dفي\u202bالموقع\u202c\u2066x\u2069\u061c",
    "zwnj-persian": "می\u200cخواهم کتاب\u200cها را \u200c بخوانم\u200c",
    "proptest-regression-normalize": "\ufe81\u200d\u06d6",
    "proptest-regression-steps": "\u00bb\ufb50",
    "combining-hamza-madda": "ا\u0653 ا\u0654 و\u0654 ي\u0654 ا\u0655",
    "line-separators": "سطر\u2028سطر\u2029فقرة\u0085نهاية\r\nآخر\rقديم",
    "controls": "a\u0000b\u0007c\u001bd\u007fe\u0080f\u009fg",
    "mixed-digits": "٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ 0123456789 ١٢:٣٠ 2024/10/14",
    "emoji-and-symbols": "😀👍🏽 ❤️ مرحبا 🇸🇦 ©®™ « » … – —",
    "latin-and-arabic": "Breaking News | أخبار عاجلة » الرئيسية » سياسة\nRead More »",
    "surrogate-range-neighbours": "\ud7ff\ue000\uffff\U0001f600\U0010ffff",
}

MOJIBAKE_SOURCES = [
    "مرحبا بكم في موقعنا",
    "الأخبار العاجلة اليوم",
    "قراءة المزيد",
]


def mojibake_texts():
    out = {}
    for i, s in enumerate(MOJIBAKE_SOURCES):
        once = s.encode("utf-8").decode("cp1252", errors="replace")
        out[f"mojibake-cp1252-{i}"] = once
        out[f"mojibake-latin1-{i}"] = s.encode("utf-8").decode("latin-1")
        out[f"mojibake-twice-{i}"] = once.encode("utf-8").decode("cp1252", errors="replace")
        out[f"mojibake-in-sentence-{i}"] = f"النص: {once} - نهاية"
    return out


def seeds_text_targets(ant, oscar):
    """normalize_idempotent, boilerplate, pii, lid."""
    texts = dict(EDGE_TEXTS)
    texts.update(mojibake_texts())
    for k, v in texts.items():
        write("normalize_idempotent", k, v)
    for r in short(ant, 10, 2500):
        write("normalize_idempotent", f"ant-{r['id']}", r["text"])
    for r in [o for o in oscar if "deduplicated" in o["id"] and len(o["text"].encode()) < 4000]:
        write("normalize_idempotent", r["id"], r["text"])

    # boilerplate: whole pages, a news page, articles, and the edge texts.
    for pid, text in pages():
        write("boilerplate", f"page-{pid}", text)
    write("boilerplate", "news-page", (FIXTURES / "news-page.txt").read_bytes())
    for r in short(ant, 6, 3000):
        write("boilerplate", f"ant-{r['id']}", r["text"])
    for k in ["empty", "spaces-and-blank-lines", "latin-and-arabic", "tatweel-and-diacritics"]:
        write("boilerplate", k, EDGE_TEXTS[k])

    # pii: the strings of the step's own unit tests, and more of each kind.
    src = (ROOT / "crates/ghirbal-steps/src/pii/mod.rs").read_text(encoding="utf-8")
    literals = re.findall(r'masked\(\s*"((?:[^"\\]|\\.)*)"', src)
    for i, lit in enumerate(dict.fromkeys(literals)):
        write("pii", f"unit-test-{i:02}", lit.encode().decode("unicode_escape").encode("latin-1"))
    extra = {
        "email-obfuscated": "راسلنا على ali [at] example [dot] com أو ali(at)example(dot)org",
        "phones-every-script": "اتصل +966 50 123 4567 أو ٠٠٩٦٦٥٠١٢٣٤٥٦٧ أو ۰۵۰۱۲۳۴۵۶۷ أو (02) 2345-6789",
        "ips": "الخادم 8.8.8.8 و 192.168.1.1 و 2001:4860:4860::8888 و ::1 و 10.0.0.256",
        "iban-and-card": "IBAN: AE07 0331 2345 6789 0123 456 بطاقة 4111 1111 1111 1111 و 5500-0000-0000-0004",
        "national-ids": "رقم الهوية 1012345678 الرقم القومي 29001011234567 السجل المدني ١٠١٢٣٤٥٦٧٨",
        "numbers-not-pii": "عدد السكان 12345678901 نسمة عام 2024 بنسبة 3.5% والسعر 1,234,567 ريال",
    }
    for k, v in extra.items():
        write("pii", k, v)
    for r in short(ant, 4, 2000):
        write("pii", f"ant-{r['id']}", r["text"])

    # lid: several languages and scripts, dialects, and text with no letter.
    for r in [o for o in oscar if "deduplicated" in o["id"] and len(o["text"].encode()) < 4000]:
        write("lid", r["id"], r["text"])
    for r in short(ant, 4, 1500):
        write("lid", f"ant-{r['id']}", r["text"])
    dialect = SHARED / "langid/dialect-train.jsonl.zst"
    if dialect.exists():
        rows = [json.loads(l) for l in zstd_lines(dialect)]
        for source in ["Saudi-Dialect-Irony-Dataset", "Iraqi-Arabic-Dialect-Dataset"]:
            picked = [r for r in rows if source in r["source"] and r["license"].startswith("CC0")]
            for r in picked[:5]:
                write("lid", f"dialect-{r['region']}-{r['id'][-8:]}", r["text"])
    more = {
        "english": "The quick brown fox jumps over the lazy dog near the river bank.",
        "french": "Le gouvernement a annoncé de nouvelles mesures pour l'économie.",
        "arabizi": "ana msh 3aref a2ol eh bgad el donya 7elwa awy",
        "digits-only": "١٢٣ 456 ۷۸۹ - 2024/10/14",
        "mixed-paragraphs": "هذا نص عربي طويل بما يكفي ليحكم عليه.\nThis line is English and long enough to judge.\nاین یک جمله فارسی است که به اندازه کافی طولانی است.",
        "urls-mentions": "@user https://example.com/ar #هاشتاق هههههههه جمييييل",
        "single-letter": "ب",
    }
    for k, v in more.items():
        write("lid", k, v)
    for k in ["empty", "presentation-forms", "zwnj-persian", "emoji-and-symbols"]:
        write("lid", k, EDGE_TEXTS[k])


def seeds_jsonl_record(ant, oscar):
    t = "jsonl_record"
    for r in short(ant, 12, 1500):
        write(t, f"ant-{r['id']}", line(r))
    for r in short(oscar, 4, 800):
        write(t, r["id"], line(r))
    edge = {
        "bom": b"\xef\xbb\xbf" + b'{"id":"a","text":"\\u0645\\u0631\\u062d\\u0628\\u0627"}',
        "invalid-utf8": b'{"text":"\xff\xfe\xd8"}',
        "truncated-utf8": b'{"text":"\xd9"}',
        "not-an-object": b"[1,2,3]",
        "string-record": b'"text"',
        "missing-text": b'{"id":"a","body":"x"}',
        "text-number": b'{"text":5}',
        "text-null": b'{"text":null}',
        "id-array": b'{"id":[1],"text":"x"}',
        "id-number": b'{"id":-1.5e300,"text":"x"}',
        "id-null": b'{"id":null,"text":"x"}',
        "duplicate-keys": b'{"text":"a","text":"b","id":"1","id":2}',
        "lone-surrogate-escape": b'{"text":"\\ud800\\udc00 \\udfff"}',
        "metadata-json-column": b'{"text":"x","metadata":"{\\"url\\":\\"u\\",\\"text\\":\\"inner\\"}"}',
        "metadata-not-object": b'{"text":"x","metadata":"[1,2]"}',
        "deep-nesting": b'{"text":"x","m":' + b"[" * 100 + b"]" * 100 + b"}",
        "big-number": b'{"text":"x","n":123456789012345678901234567890e-400}',
        "arabic-field-names": '{"المعرف":"١","النص":"مرحبا"}'.encode(),
        "whitespace-around": b' \t{"text":"x"}\t ',
        "trailing-garbage": b'{"text":"x"} {"text":"y"}',
        "empty": b"",
    }
    for k, v in edge.items():
        write(t, k, v)


def seeds_compressed_input(ant):
    t = "compressed_input"
    recs = short(ant, 40, 900)
    plain = b"\n".join(line(r) for r in recs[:4]) + b"\n"
    write(t, "plain", plain)
    write(t, "plain-crlf-blank-lines", plain.replace(b"\n", b"\r\n\r\n"))
    write(t, "plain-no-final-newline", plain.rstrip(b"\n"))
    write(t, "plain-overlong-line", b'{"text":"' + b"x" * 5000 + b'"}\nshort\n{"text":"ok"}\n')
    write(t, "plain-invalid-lines", b'{"text":"a"}\n[1]\n\xff\xfe\n{"id":[1],"text":"b"}\n')
    write(t, "empty", b"")
    write(t, "blank-only", b"\n \n\t\r\n")
    gz = lambda d: gzip.compress(d, compresslevel=9, mtime=0)
    write(t, "gzip", gz(plain))
    write(t, "gzip-multi-member", gz(plain) + gz(b'{"text":"second member"}\n'))
    write(t, "gzip-truncated", gz(plain)[:-20])
    write(t, "gzip-empty", gz(b""))
    write(t, "gzip-bad-crc", gz(plain)[:-8] + b"\0\0\0\0" + gz(plain)[-4:])
    write(t, "gzip-overlong-line", gz(b'{"text":"' + b"y" * 20000 + b'"}\n{"text":"ok"}\n'))
    for r in recs[4:8]:
        write(t, f"gzip-ant-{r['id']}", gz(line(r) + b"\n"))
    zs = zstd_compress(plain)
    write(t, "zstd", zs)
    write(t, "zstd-checksum", subprocess.run(["zstd", "-q", "-c", "--check"], input=plain, check=True, capture_output=True).stdout)
    write(t, "zstd-two-frames", zs + zstd_compress(b'{"text":"second frame"}\n'))
    write(t, "zstd-truncated", zs[:-7])
    write(t, "zstd-empty", zstd_compress(b""))
    write(t, "zstd-level-19", zstd_compress(plain, "-19"))
    write(t, "zstd-overlong-line", zstd_compress(b'{"text":"' + b"z" * 50000 + b'"}\n{"text":"ok"}\n'))
    # A skippable frame (magic 0x184D2A50) before a real one.
    write(t, "zstd-skippable-frame", bytes.fromhex("502a4d18") + (4).to_bytes(4, "little") + b"skip" + zs)
    for r in recs[8:12]:
        write(t, f"zstd-ant-{r['id']}", zstd_compress(line(r) + b"\n"))
    write(t, "magic-only-gzip", b"\x1f\x8b")
    write(t, "magic-only-zstd", b"\x28\xb5\x2f\xfd")


def seeds_parquet():
    import pyarrow as pa
    import pyarrow.parquet as pq

    t = "parquet_input"
    texts = ["مرحبا بالعالم", None, "نص ثان", "", "English text", "ﻻ " * 30]
    base = pa.table(
        {
            "id": pa.array(["a", "b", None, "d", "e", "f"]),
            "text": pa.array(texts, pa.string()),
            "views": pa.array([10, 20, 30, None, 50, 60], pa.int64()),
        }
    )

    def emit(name, table, **kw):
        kw.setdefault("store_schema", False)
        buf = io.BytesIO()
        pq.write_table(table, buf, **kw)
        write(t, name, buf.getvalue())

    for codec in ["none", "snappy", "gzip", "zstd", "lz4", "brotli"]:
        emit(f"codec-{codec}", base, compression=codec)
    emit("no-dictionary", base, use_dictionary=False, compression="none")
    emit("data-page-v2", base, data_page_version="2.0", compression="snappy")
    emit("small-row-groups", base, row_group_size=2, compression="none")
    emit("no-statistics", base, write_statistics=False, compression="none")
    emit("arrow-schema-stored", base, store_schema=True, compression="none")
    emit("empty-table", base.slice(0, 0), compression="none")
    emit(
        "typed-columns",
        pa.table(
            {
                "text": pa.array(["أ", "ب", "ج"]),
                "f": pa.array([1.5, float("nan"), None], pa.float64()),
                "b": pa.array([True, None, False]),
                "ts": pa.array([0, 1_700_000_000_000, None], pa.timestamp("ms")),
                "d": pa.array([0, 19000, None], pa.date32()),
                "bin": pa.array([b"\x00\xff", None, b""], pa.binary()),
                "dec": pa.array([1, 2, None], pa.decimal128(10, 2)),
                "i8": pa.array([-128, 127, None], pa.int8()),
                "u64": pa.array([0, 2**64 - 1, None], pa.uint64()),
            }
        ),
        compression="none",
    )
    emit(
        "nested-columns",
        pa.table(
            {
                "text": pa.array(["نص", "x"]),
                "tags": pa.array([["a", "b"], None], pa.list_(pa.string())),
                "meta": pa.array([{"url": "u", "n": 1}, None], pa.struct([("url", pa.string()), ("n", pa.int32())])),
                "kv": pa.array([[("k", "v")], []], pa.map_(pa.string(), pa.string())),
            }
        ),
        compression="none",
    )
    emit(
        "ghirbal-metadata-column",
        pa.table(
            {
                "id": pa.array(["x:1"]),
                "text": pa.array(["مرحبا"]),
                "metadata": pa.array([json.dumps({"url": "https://a.example/1", "lang": "ar"})]),
            }
        ),
        compression="zstd",
    )
    emit("no-text-column", pa.table({"body": pa.array(["x", "y"])}), compression="none")
    emit("text-not-string", pa.table({"text": pa.array([1, 2], pa.int32())}), compression="none")
    emit(
        "large-string-and-dictionary-type",
        pa.table({"text": pa.array(["أ", "ب", "أ"]).dictionary_encode(), "l": pa.array(["x", "y", "z"], pa.large_string())}),
        compression="none",
    )
    buf = io.BytesIO()
    pq.write_table(base, buf, compression="none", store_schema=False)
    whole = buf.getvalue()
    write(t, "truncated-footer", whole[:-10])
    write(t, "magic-only", b"PAR1PAR1")
    write(t, "not-parquet", b'{"text":"x"}\n')


def seeds_config():
    t = "config_toml"
    for p in sorted((ROOT / "crates/ghirbal-steps/src/presets").glob("*.toml")):
        write(t, f"preset-{p.stem}", p.read_bytes())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```toml\n(.*?)```", readme, re.S)
    for i, b in enumerate(blocks):
        if "version" in b:
            write(t, f"readme-{i:02}", b)
    extra = {
        "minimal": "version = 1\n",
        "reader-writer": 'version = 1\n[reader]\nid_field = "url"\ntext_field = "content"\nmax_doc_bytes = 1\n[writer]\nformat = "parquet"\nshard_bytes = 1\nzstd_level = 22\n',
        "every-format": 'version = 1\n[writer]\nformat = "jsonl.gz"\n',
        "bad-version": "version = 2\n",
        "unknown-field": "version = 1\nstepz = []\n",
        "unknown-step": 'version = 1\n[[steps]]\ntype = "nope"\n',
        "missing-type": "version = 1\n[[steps]]\nmin_chars = 3\n",
        "wrong-option-type": 'version = 1\n[[steps]]\ntype = "length"\nmin_chars = "ten"\n',
        "lid-options": 'version = 1\n[[steps]]\ntype = "lid"\nkeep = ["ar", "fa", "other"]\nmin_score = 0.0\nparagraphs = true\nmax_bytes = 1\n',
        "pii-placeholders": 'version = 1\n[[steps]]\ntype = "pii"\nannotate = true\n[steps.placeholders]\nemail = ""\nphone = "☎"\n',
        "boilerplate-options": 'version = 1\n[[steps]]\ntype = "boilerplate"\nsketch_mb = 1\nextra_phrases = ["^اقرأ أيضا:", "=رد", "*حقوق"]\nphrase_coverage = 1e-9\ncross_document = false\n',
        "float-specials": 'version = 1\n[[steps]]\ntype = "boilerplate"\nsketch_mb = 1\nphrase_coverage = nan\ntemplate_min_share = inf\n',
        "quality-steps": 'version = 1\n[[steps]]\ntype = "gopher-quality"\n[[steps]]\ntype = "gopher-repetition"\n[[steps]]\ntype = "c4-quality"\n[[steps]]\ntype = "fineweb-quality"\n',
        "dedup-steps": 'version = 1\n[[steps]]\ntype = "exact-dedup"\n[[steps]]\ntype = "minhash-dedup"\n',
        "inline-tables": 'version = 1\nreader = { text_field = "t" }\nsteps = [{ type = "normalize" }, { type = "length", min_chars = 0 }]\n',
        "unicode-keys": 'version = 1\n[reader]\ntext_field = "النص"\nid_field = "\\u0000"\n',
    }
    for k, v in extra.items():
        write(t, k, v)


def warc_record(kind, uri, block, extra=b"", version=b"WARC/1.0"):
    head = (version + b"\r\nWARC-Type: " + kind + b"\r\nWARC-Target-URI: " + uri +
            b"\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-" + str(len(block)).zfill(12).encode() +
            b">\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n" + extra +
            b"Content-Length: " + str(len(block)).encode() + b"\r\n\r\n")
    return head + block + b"\r\n\r\n"


def http(body, ctype=b"text/html; charset=utf-8", status=b"200 OK", extra=b""):
    return (b"HTTP/1.1 " + status + b"\r\nContent-Type: " + ctype + b"\r\n" + extra +
            b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body)


def sample_pages():
    """The HTML bodies of the embedded sample's crawl (pages written for ghirbal)."""
    raw = gzip.decompress((ROOT / "sample/pages.warc.gz").read_bytes())
    out = []
    for rec in raw.split(b"WARC/1.1\r\n")[1:]:
        if b"WARC-Type: response" in rec.split(b"\r\n\r\n", 1)[0]:
            block = rec.split(b"\r\n\r\n", 1)[1]
            if b"\r\n\r\n" in block:
                out.append(block.split(b"\r\n\r\n", 1)[1].rsplit(b"\r\n\r\n", 1)[0])
    return out


def seeds_crawl():
    """warc_input and extract_html."""
    t = "warc_input"
    write(t, "sample-pages.warc.gz", (ROOT / "sample/pages.warc.gz").read_bytes())
    page = b"<html><head><title>t</title></head><body><p>" + "نص الصفحة".encode() + b"</p></body></html>"
    plain = (warc_record(b"warcinfo", b"", b"software: seeds\r\n") +
             warc_record(b"response", b"http://a.example/", http(page)) +
             warc_record(b"response", b"http://a.example/x", http(b"gone", status=b"404 Not Found")) +
             warc_record(b"response", b"http://a.example/i", http(b"\x89PNG", ctype=b"image/png")) +
             warc_record(b"conversion", b"http://a.example/", "نص مستخرج".encode()))
    write(t, "plain", plain)
    write(t, "gzip-members", b"".join(gzip.compress(r, mtime=0) for r in [
        warc_record(b"response", b"http://b.example/", http(page)),
        warc_record(b"request", b"http://b.example/", b"GET / HTTP/1.1\r\n\r\n")]))
    chunked = b"5\r\n<html\r\n6\r\n><p>ok\r\n0\r\n\r\n"
    write(t, "chunked", warc_record(b"response", b"http://c.example/",
                                    http(chunked, extra=b"Transfer-Encoding: chunked\r\n")))
    write(t, "gzip-body", warc_record(b"response", b"http://d.example/",
                                      http(gzip.compress(page, mtime=0), extra=b"Content-Encoding: gzip\r\n")))
    write(t, "wrong-length", plain.replace(b"Content-Length: ", b"Content-Length: 1", 1))
    write(t, "cut", plain[: len(plain) * 2 // 3])
    write(t, "clueweb-018", warc_record(b"response", b"http://e.example/", http(page), version=b"WARC/0.18"))
    write(t, "zstd", zstd_compress(plain))
    t = "extract_html"
    for i, body in enumerate(sample_pages()):
        write(t, f"sample-page-{i}", body)
    write(t, "nested", b"<div>" * 600 + b"deep" + b"</div>" * 600)
    write(t, "attributes", b"<p" + b" a" * 400 + b">x</p>")
    write(t, "unclosed-script", b"<p>before</p><script>var a='<p>no</p>';")
    write(t, "table-layout", b"<table><tr><td><p>one</p><p>two</p></td><td>x | y</td></tr></table>")
    write(t, "jsonld", b'<script type="application/ld+json">{"@type":"NewsArticle","articleBody":"' + b"word " * 60 + b'"}</script><p>x</p>')
    write(t, "windows-1256", '<meta charset="windows-1256"><p>نص عربي قديم</p>'.encode("cp1256"))
    write(t, "nul-and-bad-utf8", b"<p>a\0b \xff\xfe c</p>")


def main():
    if SEEDS.exists():
        shutil.rmtree(SEEDS)
    ant, oscar = sample_records()
    seeds_jsonl_record(ant, oscar)
    seeds_compressed_input(ant)
    seeds_parquet()
    seeds_config()
    seeds_text_targets(ant, oscar)
    seeds_crawl()
    total = 0
    for d in sorted(SEEDS.iterdir()):
        files = list(d.iterdir())
        size = sum(f.stat().st_size for f in files)
        total += size
        print(f"{d.name}: {len(files)} files, {size} bytes")
    print(f"total: {total} bytes")


if __name__ == "__main__":
    sys.exit(main())
