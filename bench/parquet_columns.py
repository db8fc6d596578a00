#!/usr/bin/env python3
"""Checks that ghirbal's Parquet output has typed metadata columns that pyarrow and DuckDB read
directly: runs ghirbal on the embedded sample with `--format parquet`, prints each output's
Arrow schema and the file's description of its columns, and queries fields with DuckDB.

    python3 -m venv /tmp/pq-venv && /tmp/pq-venv/bin/pip install pyarrow duckdb
    /tmp/pq-venv/bin/python bench/parquet_columns.py [GHIRBAL]

GHIRBAL defaults to target/release/ghirbal, else target/debug/ghirbal. Exits non-zero when a
column is not of the expected type.
"""

import json
import os
import subprocess
import sys
import tempfile

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def ghirbal_binary():
    if len(sys.argv) > 1:
        return sys.argv[1]
    for build in ("release", "debug"):
        path = os.path.join(ROOT, "target", build, "ghirbal")
        if os.path.exists(path):
            return path
    sys.exit("no ghirbal binary: build it or pass its path")


def main():
    out = os.path.join(tempfile.mkdtemp(prefix="ghirbal-pq-"), "out")
    subprocess.run(
        [ghirbal_binary(), "run", os.path.join(ROOT, "sample"), "-o", out, "-q", "--format", "parquet"],
        check=True,
    )
    for sub in ("kept", "removed"):
        schema = pq.read_schema(os.path.join(out, sub, "00000.parquet"))
        print(f"== {sub}: Arrow schema")
        print(schema.to_string(show_schema_metadata=False))
        columns = json.loads(schema.metadata[b"ghirbal.columns"])
        json_fields = [name for name, kind in columns["fields"] if kind == "json"]
        print(f"JSON-text columns (ghirbal.columns): {json_fields}; layouts: {len(columns['layouts'])}")
    kept = pq.read_schema(os.path.join(out, "kept", "00000.parquet"))
    removed = pq.read_schema(os.path.join(out, "removed", "00000.parquet"))
    expected = [
        (kept.field("language").type, pa.string()),
        (kept.field("language_score").type, pa.float64()),
        (removed.field("removal").type,
         pa.struct([("step", pa.string()), ("code", pa.string()), ("detail", pa.string())])),
    ]
    bad = [(got, want) for got, want in expected if got != want]
    print("== DuckDB")
    q = f"select language, language_score from '{out}/kept/*.parquet' order by language_score desc limit 5"
    print(q.replace(out, "OUT"))
    print(duckdb.sql(q))
    q = f"select removal.step, removal.code, count(*) as n from '{out}/removed/*.parquet' group by all order by n desc"
    print(q.replace(out, "OUT"))
    print(duckdb.sql(q))
    if bad:
        sys.exit(f"unexpected column types: {bad}")
    print("ok: metadata columns are typed")


if __name__ == "__main__":
    main()
