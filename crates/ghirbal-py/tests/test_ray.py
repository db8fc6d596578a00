"""`ghirbal.ray.run` on a three-node Ray cluster (a head and two worker nodes, each its own
raylet, all on 127.0.0.1) gives the same kept, removed and rejected records as `ghirbal run`
with the same configuration: once undisturbed, once with a worker node killed mid-run, and
when rerun over a job that stopped half way."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

# Before Ray is imported: a local Ray binds loopback only (see conftest.py).
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")

ray = pytest.importorskip("ray")
zstd = pytest.importorskip("zstandard")
from ray.cluster_utils import Cluster  # noqa: E402

import ghirbal  # noqa: E402
import ghirbal.ray  # noqa: E402

NEWS = ["saudinewsnet.jsonl.zst", "ant-corpus.jsonl.zst", "almayadeen.jsonl.zst"]


@pytest.fixture(scope="module")
def cluster():
    """A head with no CPUs (the driver only) and two worker nodes of one CPU each. Node deaths
    are noticed within about two seconds."""
    c = Cluster(
        initialize_head=True,
        head_node_args={
            "num_cpus": 0,
            "node_ip_address": "127.0.0.1",
            "include_dashboard": False,
            "_system_config": {"health_check_period_ms": 500, "health_check_failure_threshold": 4},
        },
    )
    for _ in range(2):
        c.add_node(num_cpus=1, node_ip_address="127.0.0.1")
    ray.init(address=c.address, log_to_driver=False, configure_logging=False)
    yield c
    ray.shutdown()
    c.shutdown()


def loopback_only() -> None:
    """No Ray process listens beyond 127.0.0.1 (checked with iproute2's `ss` where it is)."""
    if shutil.which("ss") is None:
        return
    out = subprocess.run(["ss", "-ltnp"], capture_output=True, text=True).stdout
    wide = [l for l in out.splitlines()[1:] if "127.0.0.1" not in l and ("ray" in l or "gcs" in l or "python" in l)]
    assert not wide, wide


def records(out: Path, kind: str) -> list[str]:
    """Every record of `out/kind/`, one JSON text each (keys as written), sorted by id then text."""
    rows = []
    for f in sorted((out / kind).glob("*.jsonl.zst")) if (out / kind).exists() else []:
        with zstd.ZstdDecompressor().stream_reader(f.open("rb")) as r:
            for line in io.TextIOWrapper(r, encoding="utf-8"):
                rows.append((json.loads(line).get("id", ""), line.rstrip("\n")))
    return [line for _, line in sorted(rows)]


def same_output(local: Path, dist: Path) -> None:
    for kind in ("kept", "removed", "rejected"):
        a, b = records(local, kind), records(dist, kind)
        assert len(a) == len(b), f"{kind}: {len(a)} local, {len(b)} on Ray"
        assert a == b, f"{kind} differs"
    sa, sb = (json.loads((d / "stats.json").read_text()) for d in (local, dist))
    for key in ("read", "kept", "removed", "rejected", "skipped", "bytes_kept"):
        assert sa[key] == sb[key], key
    assert [s["removed"] for s in sa["steps"]] == [s["removed"] for s in sb["steps"]]


@pytest.fixture(scope="module")
def news(root: Path, ghirbal_bin: str, tmp_path_factory) -> tuple[list[str], Path]:
    """The three shared news corpora and a local `ghirbal run --preset full` over them."""
    shared = root.parent / "shared/data/news"
    inputs = [str(shared / n) for n in NEWS]
    if not all(Path(p).is_file() for p in inputs):
        pytest.skip(f"the shared news corpora are not in {shared}")
    local = tmp_path_factory.mktemp("ray") / "local"
    subprocess.run([ghirbal_bin, "run", *inputs, "-o", str(local), "-q", "--preset", "full"], check=True)
    return inputs, local


def test_full_preset_on_three_nodes_equals_a_local_run(cluster, news, tmp_path: Path) -> None:
    inputs, local = news
    seen: list[tuple[str, int, int]] = []
    stats = ghirbal.ray.run(
        inputs, tmp_path / "ray", preset="full", unit_bytes=1,
        progress=lambda phase, done, total: seen.append((phase, done, total)),
    )
    loopback_only()
    same_output(local, tmp_path / "ray")
    assert stats["kept"] > 0 and stats["removed"] > 0
    # The work ran on both worker nodes, and progress covered every phase.
    assert ("pass 4/4: write", 3, 3) in seen
    assert any(p.endswith("minhash-dedup shuffle") for p, _, _ in seen)
    assert not (tmp_path / "ray/.ghirbal/dist").exists()


def test_a_worker_node_killed_mid_run_changes_nothing(cluster, news, tmp_path: Path) -> None:
    inputs, local = news
    out = tmp_path / "ray"
    result: dict = {}

    def drive() -> None:
        try:
            result["stats"] = ghirbal.ray.run(inputs, out, preset="full", unit_bytes=1, max_retries=5)
        except BaseException as e:  # reported by the test below
            result["error"] = e

    t = threading.Thread(target=drive)
    t.start()
    # Wait until pass 1 is under way (its attempt folders exist), then kill a worker node.
    deadline = time.monotonic() + 120
    pass1 = out / ".ghirbal/dist/pass-1"
    while time.monotonic() < deadline and not any(pass1.glob("unit-*/attempt-*")):
        time.sleep(0.1)
    time.sleep(2)
    victim = [n for n in cluster.worker_nodes][0]
    cluster.remove_node(victim, allow_graceful=False)
    # A fresh node joins, as an autoscaler would bring one.
    cluster.add_node(num_cpus=1, node_ip_address="127.0.0.1")
    t.join(timeout=900)
    assert not t.is_alive(), "the run did not finish"
    assert "error" not in result, result.get("error")
    same_output(local, out)


def test_a_rerun_reuses_finished_tasks(cluster, news, tmp_path: Path) -> None:
    """A job interrupted after pass 1 (here: its driver gave up) is finished by a second call,
    which reruns none of pass 1's tasks."""
    inputs, local = news
    out = tmp_path / "ray"
    job = ghirbal._ghirbal.DistributedJob(inputs, str(out), preset="full", unit_bytes=1)
    plan = json.loads(job.plan_json())
    first = [json.loads(ghirbal._ghirbal.dist_unit(str(out), 1, u, 0, 1)) for u in range(len(plan["units"]))]
    del job  # the driver stops; its lock is released
    reused: list[bool] = []

    def check(phase: str, done: int, total: int) -> None:
        # When pass 2 starts, pass 1's committed attempts are still the first call's.
        if phase.startswith("pass 2/") and done == 0 and not reused:
            dones = [json.loads(p.read_text()) for p in sorted(out.glob(".ghirbal/dist/pass-1/unit-*/done.json"))]
            reused.append([d["attempt"] for d in dones] == [d["attempt"] for d in first])

    stats = ghirbal.ray.run(inputs, out, preset="full", unit_bytes=1, progress=check)
    assert reused == [True]
    same_output(local, out)
    assert stats["read"] == sum(d["records"] for d in first)


@pytest.fixture(scope="module")
def s3():
    """A local S3-compatible server (moto) on 127.0.0.1, with a bucket, and the options every
    task opens it with."""
    moto_server = pytest.importorskip("moto.server")
    from pyarrow import fs

    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    options = {
        "endpoint_override": f"http://{host}:{port}",
        "scheme": "http",
        "access_key": "testing",
        "secret_key": "testing",
        "region": "us-east-1",
        "allow_bucket_creation": True,
    }
    store = fs.S3FileSystem(**options)
    store.create_dir("corpus")
    yield store, options
    server.stop()


def test_inputs_and_output_on_a_local_s3_server(cluster, news, s3, tmp_path: Path) -> None:
    store, options = s3
    inputs, local = news
    for p in inputs:
        fs_copy = store.open_output_stream(f"corpus/in/{Path(p).name}")
        fs_copy.write(Path(p).read_bytes())
        fs_copy.close()
    # Named one by one, in the local run's order (a prefix is listed by name).
    urls = [f"s3://corpus/in/{Path(p).name}" for p in inputs]
    stats = ghirbal.ray.run(urls, "s3://corpus/out", preset="full", unit_bytes=1,
                            storage_options=options)
    # The output, fetched from the store, is a local run's; ids name the objects instead of
    # the files, so records are compared without them.
    from pyarrow import fs

    fetched = tmp_path / "fetched"
    for info in store.get_file_info(fs.FileSelector("corpus/out", recursive=True)):
        if info.type == fs.FileType.File:
            dest = fetched / info.path[len("corpus/out/"):]
            dest.parent.mkdir(parents=True, exist_ok=True)
            with store.open_input_stream(info.path) as f:
                dest.write_bytes(f.read())
    assert not (fetched / ".ghirbal/dist").exists()
    names = {str(Path(p)): f"s3://corpus/in/{Path(p).name}" for p in inputs}
    for kind in ("kept", "removed", "rejected"):
        a = records(local, kind)
        for path, url in names.items():
            a = [line.replace(json.dumps(path)[1:-1], url) for line in a]
        b = records(fetched, kind)
        assert len(a) == len(b), kind
        assert sorted(a) == sorted(b), f"{kind} differs"
    assert stats["read"] == json.loads((local / "stats.json").read_text())["read"]


def test_the_command_line_teaches_and_refuses_bad_input_before_starting_ray(tmp_path: Path) -> None:
    import sys

    help_text = subprocess.run([sys.executable, "-m", "ghirbal.ray", "--help"], capture_output=True, text=True)
    assert help_text.returncode == 0
    assert "--storage-option" in help_text.stdout and "Example" in help_text.stdout
    started = time.monotonic()
    bad = subprocess.run(
        [sys.executable, "-m", "ghirbal.ray", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "out"), "-q"],
        capture_output=True, text=True,
    )
    assert bad.returncode == 2, bad.stderr
    assert "missing.jsonl" in bad.stderr
    assert time.monotonic() - started < 60
