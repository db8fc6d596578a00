"""`Pipeline.process_arrow` inside the frameworks people run it from: Hugging Face `datasets`
(`Dataset.map`, batched, Arrow format) and Ray Data (`map_batches`, pyarrow batches, on a local
Ray on 127.0.0.1). Each must reach the same decisions as `ghirbal run` on the same records."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pyarrow as pa
import pytest

import ghirbal

# A chain of per-document steps only: `process_arrow` judges one batch at a time.
PRESET = "fineweb2-arb"


@pytest.fixture(scope="module")
def records_and_cli(root: Path, ghirbal_bin: str, tmp_path_factory) -> tuple[list[dict], dict]:
    """The embedded sample's records, and what `ghirbal run --preset fineweb2-arb` decided for
    each: id -> None (kept) or (step, code)."""
    tmp = tmp_path_factory.mktemp("frameworks")
    plain = tmp / "plain"
    subprocess.run(
        [ghirbal_bin, "run", str(root / "sample/ant-corpus-300.jsonl.zst"), "-o", str(plain),
         "-q", "--preset", "none", "--format", "jsonl"],
        check=True,
    )
    records = [json.loads(line) for f in sorted((plain / "kept").glob("*.jsonl")) for line in f.open()]
    judged = tmp / "judged"
    subprocess.run(
        [ghirbal_bin, "run", str(plain / "kept"), "-o", str(judged), "-q", "--preset", PRESET,
         "--format", "jsonl"],
        check=True,
    )
    decided: dict = {}
    for sub in ("kept", "removed"):
        for f in sorted((judged / sub).glob("*.jsonl")):
            for line in f.open():
                r = json.loads(line)
                removal = r.get("removal")
                decided[r["id"]] = (removal["step"], removal["code"]) if removal else None
    assert len(decided) == len(records) == 300
    assert any(v is not None for v in decided.values()), "the preset removes some of the sample"
    return records, decided


def decisions(rows: list[dict]) -> dict:
    return {
        r["id"]: (r["removal"]["step"], r["removal"]["code"]) if r.get("removal") else None
        for r in rows
    }


def judge_table(table: pa.Table) -> pa.Table:
    # Built where the batch is judged: a worker process of Ray or of `datasets` gets its own.
    return pa.Table.from_batches([ghirbal.Pipeline(preset=PRESET).process_arrow(table)])


def test_datasets_map_gives_the_cli_decisions(records_and_cli):
    import datasets

    records, cli = records_and_cli
    ds = datasets.Dataset.from_list(records).with_format("arrow")
    judged = ds.map(judge_table, batched=True, batch_size=64)
    rows = judged.with_format(None).to_list()
    assert len(rows) == len(records)
    assert decisions(rows) == cli
    kept = next(r for r in rows if r.get("removal") is None)
    assert kept["text"] == next(x["text"] for x in records if x["id"] == kept["id"])


def test_ray_data_map_batches_gives_the_cli_decisions(records_and_cli, monkeypatch):
    # A single-node Ray on Linux otherwise takes the machine's outward address; with cluster
    # mode off it uses loopback for every process and port.
    monkeypatch.setenv("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
    import ray

    records, cli = records_and_cli

    def judge(table: pa.Table) -> pa.Table:
        # Defined here so that Ray ships it by value to workers that cannot import this file.
        import ghirbal
        import pyarrow

        batch = ghirbal.Pipeline(preset=PRESET).process_arrow(table)
        return pyarrow.Table.from_batches([batch])

    ray.init(
        address="local",
        num_cpus=2,
        include_dashboard=False,
        log_to_driver=False,
        configure_logging=False,
    )
    try:
        assert [n["NodeManagerAddress"] for n in ray.nodes()] == ["127.0.0.1"]
        ds = ray.data.from_items(records).map_batches(judge, batch_format="pyarrow", batch_size=64)
        rows = ds.take_all()
    finally:
        ray.shutdown()
    assert len(rows) == len(records)
    assert decisions(rows) == cli
