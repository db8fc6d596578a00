#!/usr/bin/env python3
"""Deterministic test WARC writer (standard library only: no warcio).

Builds WARC/1.0 files from the shared extraction pages, for reader, charset and end-to-end tests
and benchmarks. The same arguments always give byte-identical files (fixed dates, record ids
derived from a seeded SHA-1, gzip members with mtime 0).

  python3 bench/make_warc.py --from-wcxb N OUT.warc.gz     # first N WCXB dev pages (N = all or 0: all 1,358)
  python3 bench/make_warc.py --from-arabic OUT.warc.gz     # the 5 Arabic pages x 4 charset variants
  options: --gzip-per-record (default; Common Crawl style, one gzip member per record)
           --plain (uncompressed)   --zstd-whole (whole file as one zstd frame: python `zstandard`
           if installed, else the `zstd` command; skipped with a message if neither exists)
           --extras (after the first page: a metadata record, a 404 response, an image/png
           response and a revisit record, to test a reader's skip accounting)
           --seed S (record-id seed, default "ghirbal")
  inputs:  --wcxb PATH (default ../shared/data/extraction/wcxb-dev.jsonl.gz)
           --arabic PATH (default ../shared/data/html/arabic-pages.jsonl.zst; needs the zstd command)

File layout: one `warcinfo` record, then per page a `request` record and a `response` record
(WARC-Target-URI: the page's url, or https://wcxb.invalid/<id> for the 3 WCXB pages without
one; WARC-Date, WARC-Record-ID <urn:uuid:...>, Content-Type application/http;
msgtype=response, exact Content-Length, WARC-Block-Digest and WARC-Payload-Digest as sha1:BASE32,
WARC-Identified-Payload-Type, WARC-Concurrent-To the request) holding `HTTP/1.1 200 OK`,
`Content-Type: text/html[; charset=...]` and `Content-Length`, then the page bytes (not chunked,
not content-encoded, as in Common Crawl).

Arabic variants, per page: `utf8` (original bytes; charset in the HTTP header and in the page's own
<meta>), and the page re-encoded as windows-1256 (characters it cannot encode become &#NNNN;
references; a leading BOM is dropped) with every charset-declaring <meta> removed and the charset
declared (i) `cp1256-http`: only in the HTTP Content-Type header, (ii) `cp1256-meta`: only in a
<meta charset="windows-1256"> inserted right after <head> (within the first 1,024 bytes),
(iii) `cp1256-none`: nowhere. The variants get distinct URLs (`?charset-variant=...`).

Sidecar OUT.truth.jsonl (for OUT.warc[.gz|.zst]), one line per response record and per extra record
(record_id is the WARC-Record-ID value as written, angle brackets included):
  {"record_id", "url", "warc_type", "kind": "document" | "skipped:<reason>",
   "charset_declared_in": "http+meta" | "http" | "meta" | "none" | null,
   "encoding" (bytes' real charset), "source_id" (WCXB or Arabic page id), "variant"}
Skip reasons: http_status (404), content_type (image/png), revisit, metadata.
"""
import argparse
import base64
import datetime as dt
import gzip
import hashlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import uuid
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data"))
DEFAULT_WCXB = os.path.join(SHARED, "extraction", "wcxb-dev.jsonl.gz")
DEFAULT_ARABIC = os.path.join(SHARED, "html", "arabic-pages.jsonl.zst")
BASE_DATE = dt.datetime(2024, 9, 15, 12, 0, 0, tzinfo=dt.timezone.utc)
META_CHARSET = re.compile(rb"<meta\b[^>]*charset[^>]*>", re.I)
HEAD_OPEN = re.compile(rb"<head\b[^>]*>", re.I)


def sha1_b32(data: bytes) -> str:
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode("ascii")


class Writer:
    def __init__(self, path, mode, seed):
        self.path, self.mode, self.seed = path, mode, seed
        self.n = 0
        self.f = open(path + (".tmp" if mode == "zstd" else ""), "wb")

    def record_id(self, key: str) -> str:
        h = hashlib.sha1(f"{self.seed}\0{key}".encode("utf-8")).digest()[:16]
        return f"<urn:uuid:{uuid.UUID(bytes=h, version=4)}>"

    def date(self) -> str:
        return (BASE_DATE + dt.timedelta(seconds=self.n)).strftime("%Y-%m-%dT%H:%M:%SZ")

    def write(self, headers, block: bytes):
        """headers: list of (name, value), without Content-Length (added here)."""
        head = "WARC/1.0\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers)
        head += f"Content-Length: {len(block)}\r\n\r\n"
        rec = head.encode("utf-8") + block + b"\r\n\r\n"
        if self.mode == "gzip":
            rec = gzip.compress(rec, compresslevel=6, mtime=0)
        self.f.write(rec)
        self.n += 1

    def close(self):
        self.f.close()
        if self.mode != "zstd":
            return True
        tmp = self.path + ".tmp"
        try:
            import zstandard  # type: ignore
            with open(tmp, "rb") as fi, open(self.path, "wb") as fo:
                zstandard.ZstdCompressor(level=3).copy_stream(fi, fo)
        except ImportError:
            if not shutil.which("zstd"):
                os.remove(tmp)
                print("make_warc: --zstd-whole skipped: neither python zstandard nor the zstd command",
                      file=sys.stderr)
                return False
            subprocess.run(["zstd", "-q", "-f", "-3", tmp, "-o", self.path], check=True)
        os.remove(tmp)
        return True


def http_response(status: str, content_type: str, body: bytes) -> bytes:
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode("latin-1") + body


def host_path(url):
    m = re.match(r"^[a-z]+://([^/?#]+)([^#]*)", url, re.I)
    if not m:
        return "example.invalid", "/"
    return m.group(1), (m.group(2) or "/")


class Builder:
    def __init__(self, w: Writer):
        self.w = w
        self.truth = []
        self.info_id = w.record_id("warcinfo")
        body = ("software: ghirbal bench/make_warc.py (deterministic test WARC)\r\n"
                "format: WARC File Format 1.0\r\n"
                "conformsTo: https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.0/\r\n"
                f"isPartOf: ghirbal-bench-{w.seed}\r\n").encode("utf-8")
        w.write([("WARC-Type", "warcinfo"), ("WARC-Date", w.date()),
                 ("WARC-Filename", os.path.basename(w.path)), ("WARC-Record-ID", self.info_id),
                 ("Content-Type", "application/warc-fields")], body)

    def capture(self, key, url, status, content_type, payload, identified, truth):
        """A request record, then the response record. Returns the response's id and digest."""
        w = self.w
        host, path = host_path(url)
        req_id, resp_id = w.record_id(key + "\0request"), w.record_id(key + "\0response")
        req = (f"GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: ghirbal-bench/1.0\r\n"
               "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
               "Accept-Encoding: identity\r\n\r\n").encode("utf-8")
        date = w.date()
        w.write([("WARC-Type", "request"), ("WARC-Date", date), ("WARC-Record-ID", req_id),
                 ("WARC-Target-URI", url), ("WARC-Warcinfo-ID", self.info_id),
                 ("Content-Type", "application/http; msgtype=request"),
                 ("WARC-Block-Digest", sha1_b32(req))], req)
        block = http_response(status, content_type, payload)
        digest = sha1_b32(payload)
        w.write([("WARC-Type", "response"), ("WARC-Date", date), ("WARC-Record-ID", resp_id),
                 ("WARC-Target-URI", url), ("WARC-Warcinfo-ID", self.info_id),
                 ("WARC-Concurrent-To", req_id),
                 ("Content-Type", "application/http; msgtype=response"),
                 ("WARC-Block-Digest", sha1_b32(block)), ("WARC-Payload-Digest", digest),
                 ("WARC-Identified-Payload-Type", identified)], block)
        self.truth.append({"record_id": resp_id, "url": url, "warc_type": "response", **truth})
        return resp_id, digest, date

    def page(self, key, url, html: bytes, charset, declared_in, encoding, source_id, variant):
        ctype = "text/html" + (f"; charset={charset}" if charset else "")
        return self.capture(key, url, "200 OK", ctype, html, "text/html",
                            {"kind": "document", "charset_declared_in": declared_in, "encoding": encoding,
                             "source_id": source_id, "variant": variant})

    def extras(self, first_url, first_id, first_digest, first_date):
        w = self.w
        # metadata record about the first capture (Common Crawl writes one per capture)
        meta_id = w.record_id("extra\0metadata")
        body = b"fetchTimeMs: 120\r\ncharset-detected: UTF-8\r\n"
        w.write([("WARC-Type", "metadata"), ("WARC-Date", first_date), ("WARC-Record-ID", meta_id),
                 ("WARC-Target-URI", first_url), ("WARC-Warcinfo-ID", self.info_id),
                 ("WARC-Concurrent-To", first_id), ("Content-Type", "application/warc-fields"),
                 ("WARC-Block-Digest", sha1_b32(body))], body)
        self.truth.append({"record_id": meta_id, "url": first_url, "warc_type": "metadata",
                           "kind": "skipped:metadata", "charset_declared_in": None, "encoding": None,
                           "source_id": None, "variant": "extra-metadata"})
        # a 404 page that is HTML (a reader ignoring the status would extract it)
        nf = (b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404 Not Found</title></head>"
              b"<body><h1>Not Found</h1><p>The requested URL was not found on this server. "
              b"Please check the address and try again.</p></body></html>")
        self.capture("extra\0404", "https://example.com/missing-page.html", "404 Not Found",
                     "text/html; charset=utf-8", nf, "text/html",
                     {"kind": "skipped:http_status", "charset_declared_in": "http+meta", "encoding": "utf-8",
                      "source_id": None, "variant": "extra-404"})
        # a non-HTML response: a valid 1x1 PNG
        self.capture("extra\0png", "https://example.com/pixel.png", "200 OK", "image/png", tiny_png(),
                     "image/png", {"kind": "skipped:content_type", "charset_declared_in": None,
                                   "encoding": None, "source_id": None, "variant": "extra-png"})
        # a revisit of the first capture (identical payload digest): HTTP headers only
        rev_id = w.record_id("extra\0revisit")
        block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
        w.write([("WARC-Type", "revisit"), ("WARC-Date", w.date()), ("WARC-Record-ID", rev_id),
                 ("WARC-Target-URI", first_url), ("WARC-Warcinfo-ID", self.info_id),
                 ("WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/identical-payload-digest"),
                 ("WARC-Refers-To", first_id), ("WARC-Refers-To-Target-URI", first_url),
                 ("WARC-Refers-To-Date", first_date),
                 ("Content-Type", "application/http; msgtype=response"),
                 ("WARC-Block-Digest", sha1_b32(block)), ("WARC-Payload-Digest", first_digest)], block)
        self.truth.append({"record_id": rev_id, "url": first_url, "warc_type": "revisit",
                           "kind": "skipped:revisit", "charset_declared_in": None, "encoding": None,
                           "source_id": None, "variant": "extra-revisit"})


def tiny_png() -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = zlib.compress(b"\x00\xff\x00\x00", 9)  # one filter byte + one RGB pixel
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def read_jsonl(path):
    if path.endswith(".zst"):
        p = subprocess.run(["zstd", "-dc", path], check=True, stdout=subprocess.PIPE)
        lines = p.stdout.decode("utf-8").splitlines()
    elif path.endswith(".gz"):
        lines = gzip.open(path, "rt", encoding="utf-8")
    else:
        lines = open(path, encoding="utf-8")
    for line in lines:
        if line.strip():
            yield json.loads(line)


def has_meta_charset(html: bytes) -> bool:
    return META_CHARSET.search(html) is not None


def cp1256_variants(html: str):
    """Yields (variant, bytes, header charset or None, declared_in)."""
    body = html[1:] if html.startswith("\ufeff") else html
    enc = body.encode("cp1256", errors="xmlcharrefreplace")
    stripped = META_CHARSET.sub(b"", enc)
    stripped = re.sub(rb'(<\?xml[^>]*?)\s+encoding=["\'][^"\']*["\']', rb"\1", stripped, count=1)
    yield "cp1256-http", stripped, "windows-1256", "http"
    meta = b'<meta charset="windows-1256">'
    m = HEAD_OPEN.search(stripped, 0, 1024)
    at = m.end() if m else 0
    with_meta = stripped[:at] + meta + stripped[at:]
    assert with_meta.find(meta) + len(meta) <= 1024, "meta charset not within the first 1,024 bytes"
    yield "cp1256-meta", with_meta, None, "meta"
    yield "cp1256-none", stripped, None, "none"


def with_variant(url, variant):
    return url + ("&" if "?" in url else "?") + "charset-variant=" + variant


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--from-wcxb", metavar="N", help="first N WCXB pages (all or 0: every page)")
    src.add_argument("--from-arabic", action="store_true", help="the Arabic pages in four charset variants")
    ap.add_argument("out", help="output WARC path")
    comp = ap.add_mutually_exclusive_group()
    comp.add_argument("--gzip-per-record", dest="mode", action="store_const", const="gzip")
    comp.add_argument("--plain", dest="mode", action="store_const", const="plain")
    comp.add_argument("--zstd-whole", dest="mode", action="store_const", const="zstd")
    ap.set_defaults(mode="gzip")
    ap.add_argument("--extras", action="store_true", help="add metadata, 404, image/png and revisit records")
    ap.add_argument("--seed", default="ghirbal")
    ap.add_argument("--wcxb", default=DEFAULT_WCXB)
    ap.add_argument("--arabic", default=DEFAULT_ARABIC)
    a = ap.parse_args()

    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    w = Writer(a.out, a.mode, a.seed)
    b = Builder(w)
    first = None
    pages = 0
    if a.from_wcxb is not None:
        limit = 0 if a.from_wcxb.lower() == "all" else int(a.from_wcxb)
        for d in read_jsonl(a.wcxb):
            if limit and pages >= limit:
                break
            html = d["html"].encode("utf-8")
            declared = "http+meta" if has_meta_charset(html) else "http"
            url = d["url"] or f"https://wcxb.invalid/{d['id']}"   # 3 dev pages have no url
            r = b.page(f"wcxb\0{d['id']}", url, html, "utf-8", declared, "utf-8", d["id"], "utf8")
            pages += 1
            if first is None:
                first = (url, *r)
                if a.extras:
                    b.extras(*first)
    else:
        for d in read_jsonl(a.arabic):
            url = d.get("url") or f"https://example.com/{d['id']}"
            html = d["html"].encode("utf-8")
            declared = "http+meta" if has_meta_charset(html) else "http"
            r = b.page(f"arabic\0{d['id']}\0utf8", url, html, "utf-8", declared, "utf-8", d["id"], "utf8")
            if first is None:
                first = (url, *r)
                if a.extras:
                    b.extras(*first)
            for variant, data, charset, decl in cp1256_variants(d["html"]):
                b.page(f"arabic\0{d['id']}\0{variant}", with_variant(url, variant), data, charset, decl,
                       "windows-1256", d["id"], variant)
            pages += 1
    if not w.close():
        return 0
    truth = re.sub(r"(\.warc)?(\.gz|\.zst)?$", "", a.out, count=1) + ".truth.jsonl"
    with open(truth, "w", encoding="utf-8") as f:
        for t in b.truth:
            f.write(json.dumps(t, ensure_ascii=False) + "\n")
    docs = sum(t["kind"] == "document" for t in b.truth)
    print(f"make_warc: {a.out}: {w.n} records, {pages} source pages, {docs} documents expected, "
          f"{len(b.truth) - docs} skips expected; truth in {truth}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
