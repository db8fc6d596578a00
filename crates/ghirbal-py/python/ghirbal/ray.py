"""Runs a ghirbal pipeline on a Ray cluster, with the same decisions as ``ghirbal.run``.

    >>> import ghirbal.ray
    >>> stats = ghirbal.ray.run(["/data/crawl/"], "/data/out", preset="full")

or from a shell, on a node of the cluster::

    python -m ghirbal.ray /data/crawl/ -o /data/out --preset full --address auto
    python -m ghirbal.ray s3://bucket/crawl/ -o s3://bucket/out --preset full --address auto

Ray schedules the work; ghirbal brings the work units. The inputs are cut into units (whole
files in order, about ``unit_bytes`` each). Each pass of the pipeline (one per whole-corpus
stage, plus the last, which writes) runs a task per unit; a stage that ends a pass then runs
a task per partition of its shuffle (exact deduplication by text key, MinHash by band) and one
that combines them into decisions. Every task reads and writes the output folder, which must
be a file system every node sees (NFS, a cloud file system, or a single machine's disk).

Faults: a task whose worker or node dies is retried by Ray (``max_retries``); each task
commits its output atomically, so a retried or repeated task changes nothing. Calling ``run``
again with the same arguments after a failure reuses every task that had finished.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from typing import Any, Callable, Optional, Sequence, Union

from . import _ghirbal, _store
from ._errors import GhirbalError

PathLike = Union[str, "os.PathLike[str]"]

# A callback told, after each task, the phase (e.g. "pass 2/3: exact-dedup"), and the tasks
# done and in all of that phase.
Progress = Callable[[str, int, int], None]


def _unit(output: str, options: dict[str, Any], pass_: int, unit: int, offset: int, threads: int,
          inputs: Optional[list[str]]) -> dict[str, Any]:
    if _store.is_url(output):
        text = _store.unit_task(output, options, pass_, unit, offset, threads, inputs)
    elif pass_ == 1 and inputs:
        folder = tempfile.mkdtemp(prefix="ghirbal-in-")
        try:
            local = _store.fetch_inputs(inputs, options, folder)
            text = _ghirbal.dist_unit(output, pass_, unit, offset, threads, local)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    else:
        text = _ghirbal.dist_unit(output, pass_, unit, offset, threads)
    done = json.loads(text)
    # Only what the driver needs travels back through Ray's object store.
    return {"records": done["records"], "seconds": done["seconds"]}


def _reduce(output: str, options: dict[str, Any], pass_: int, partition: int, offsets: list[int]) -> None:
    if _store.is_url(output):
        _store.reduce_task(output, options, pass_, partition, offsets)
    else:
        _ghirbal.dist_reduce(output, pass_, partition, offsets)


def _combine(output: str, options: dict[str, Any], pass_: int, partitions: int, offsets: list[int]) -> None:
    if _store.is_url(output):
        _store.combine_task(output, options, pass_, partitions, offsets)
    else:
        _ghirbal.dist_combine(output, pass_, offsets)


def _wait_all(ray: Any, refs: list[Any], label: str, progress: Optional[Progress]) -> list[Any]:
    """The results of `refs` in order, telling `progress` as each task finishes."""
    pending = list(refs)
    done = 0
    if progress:
        progress(label, 0, len(refs))
    while pending:
        ready, pending = ray.wait(pending, num_returns=1)
        ray.get(ready)  # raises the task's error at once
        done += len(ready)
        if progress:
            progress(label, done, len(refs))
    return ray.get(refs)


def run(
    inputs: Union[PathLike, Sequence[PathLike]],
    output: PathLike,
    preset: Optional[str] = None,
    config: Optional[PathLike] = None,
    address: Optional[str] = None,
    overwrite: bool = False,
    unit_bytes: int = 64 << 20,
    partitions: Optional[int] = None,
    threads_per_task: int = 1,
    max_retries: int = 3,
    progress: Optional[Progress] = None,
    storage_options: Optional[dict[str, Any]] = None,
) -> dict[str, Any]:
    """Runs a pipeline over files on a Ray cluster; returns ``OUTPUT/stats.json``.

    Args:
        inputs, output, preset, config, overwrite: as :func:`ghirbal.run`. The output folder
            must be visible to every node at the same path.
        address: the Ray cluster to join (``"auto"``, ``"ray://host:10001"``); None joins the
            cluster this process is already connected to, or starts a local one.
        unit_bytes: a work unit gathers whole input files, in order, up to about this many
            bytes; a unit is a task of each pass.
        partitions: partitions of exact deduplication's shuffle (default: twice the
            cluster's CPUs); MinHash uses one per band, the line counts one.
        threads_per_task: threads each task uses (and the CPUs it asks Ray for).
        max_retries: how many times Ray runs again a task whose worker or node died.
        progress: called as ``progress(phase, done, total)`` after each task.
        storage_options: for inputs or an output in an object store (``s3://bucket/prefix``):
            the options of ``pyarrow.fs.S3FileSystem`` (``endpoint_override``, ``region``,
            ``access_key``, ``secret_key``, ``scheme``); by default its own (the environment's
            AWS settings). Inputs are listed by the driver and each unit's objects fetched by
            its task; with the output in a store the tasks exchange their work through it and
            no shared file system is needed.

    Returns:
        The content of ``OUTPUT/stats.json``, the same schema as a local run's. The kept,
        removed and rejected records equal a local run's with the same configuration (shards
        are cut per unit, named ``UNIT-INPUT-SHARD``).

    Raises:
        GhirbalError: with the CLI's exit code (2: bad configuration, inputs or output folder).
    """
    import ray

    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    inputs = [os.fspath(p) for p in inputs]
    options = dict(storage_options or {})
    remote_in = [_store.is_url(p) for p in inputs]
    if any(remote_in) and not all(remote_in):
        raise GhirbalError("give inputs all in an object store or all as files, not both", 2)
    remote_inputs = _store.list_inputs(inputs, options) if any(remote_in) else None
    output = os.fspath(output)
    store = _store.Store(output, options) if _store.is_url(output) else None
    # With the output in a store, the driver's own folder is local and small (the plan and the
    # tasks' results); the tasks exchange everything else through the store.
    scratch = tempfile.mkdtemp(prefix="ghirbal-driver-") if store else None
    out = os.path.join(scratch, "out") if scratch else os.path.abspath(output)
    # Joining a named cluster comes first (its size sets the default partitions); a local Ray
    # starts only once the inputs and output folder are known to be good.
    if address is not None and not ray.is_initialized():
        ray.init(address=address, log_to_driver=False, configure_logging=False)
    if ray.is_initialized():
        cpus = int(ray.cluster_resources().get("CPU", 1)) or 1
    else:
        cpus = os.cpu_count() or 1
    try:
        job = _ghirbal.DistributedJob(
            inputs,
            out,
            preset=preset,
            config=os.fspath(config) if config is not None else None,
            overwrite=overwrite,
            unit_bytes=unit_bytes,
            partitions=partitions or 2 * cpus,
            command_line=f"ghirbal.ray.run({inputs!r}, {output!r}, preset={preset!r}, config={config!r})",
            remote_inputs=remote_inputs,
        )
        if not ray.is_initialized():
            ray.init(log_to_driver=False, configure_logging=False)
        plan_text = job.plan_json()
        plan = json.loads(plan_text)
        # Where tasks find the job: the store's prefix, or the shared folder.
        where = output if store else out
        if store:
            _store.prepare_output(store, plan_text.encode(), overwrite)
            store.put(os.path.join(out, _store.DIST, "plan.json"), f"{_store.DIST}/plan.json")
        task = {"max_retries": max_retries, "num_cpus": threads_per_task}
        unit = ray.remote(**task)(_unit)
        reduce = ray.remote(**task)(_reduce)
        combine = ray.remote(**task)(_combine)
        units = len(plan["units"])
        n_passes = len(plan["passes"])
        offsets = [0] * units
        files = [[f["path"] for f in u["files"]] if remote_inputs else None for u in plan["units"]]
        for p, pass_ in enumerate(plan["passes"], start=1):
            stage = pass_["stage_name"]
            label = f"pass {p}/{n_passes}: {stage or 'write'}"
            refs = [unit.remote(where, options, p, u, offsets[u], threads_per_task, files[u]) for u in range(units)]
            results = _wait_all(ray, refs, label, progress)
            if p == 1:
                at = 0
                for u, r in enumerate(results):
                    offsets[u] = at
                    at += r["records"]
            if stage is not None:
                k = pass_["partitions"]
                refs = [reduce.remote(where, options, p, i, offsets) for i in range(k)]
                _wait_all(ray, refs, f"pass {p}/{n_passes}: {stage} shuffle", progress)
                refs = [combine.remote(where, options, p, k, offsets)]
                _wait_all(ray, refs, f"pass {p}/{n_passes}: {stage} decide", progress)
        if store:
            stats = _store.finish(job, store, out, n_passes, units, cpus)
        else:
            stats, _ = job.finish(cpus)
        return json.loads(stats)
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """``python -m ghirbal.ray``: the command-line entry point."""
    parser = argparse.ArgumentParser(
        prog="python -m ghirbal.ray",
        description="Run a ghirbal pipeline on a Ray cluster: the same decisions as `ghirbal run`, "
        "with the work spread over the cluster's nodes. The output folder must be visible to "
        "every node at the same path.",
        epilog="Example: python -m ghirbal.ray /data/crawl/ -o /data/out --preset full --address auto",
    )
    parser.add_argument("inputs", nargs="+", help="files or folders (JSONL, JSON, Parquet, text, WARC/WET, HTML)")
    parser.add_argument("-o", "--output", required=True, help="output folder, on a file system every node sees")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--preset", help="an embedded pipeline: " + ", ".join(_ghirbal.presets()))
    group.add_argument("--config", help="a pipeline configuration file (TOML)")
    parser.add_argument("--address", help='the Ray cluster to join ("auto" for the one this node belongs to); default: a local one')
    parser.add_argument("--overwrite", action="store_true", help="replace an earlier run's output made otherwise")
    parser.add_argument("--unit-mb", type=int, default=64, help="MiB of input files per work unit (default 64)")
    parser.add_argument("--partitions", type=int, help="partitions of exact deduplication (default: twice the CPUs)")
    parser.add_argument(
        "--storage-option", action="append", default=[], metavar="KEY=VALUE",
        help="an option of pyarrow.fs.S3FileSystem for s3:// inputs or output "
        "(e.g. endpoint_override=http://127.0.0.1:9000, region=eu-west-1); repeatable",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    args = parser.parse_args(argv)

    options: dict[str, Any] = {}
    for item in args.storage_option:
        key, eq, value = item.partition("=")
        if not eq:
            parser.error(f"--storage-option {item}: expected KEY=VALUE")
        options[key] = value
    started = time.monotonic()

    def show(label: str, done: int, total: int) -> None:
        print(f"\r{label}: {done}/{total} tasks", end="\n" if done == total else "", file=sys.stderr, flush=True)

    try:
        stats = run(
            args.inputs,
            args.output,
            preset=args.preset,
            config=args.config,
            address=args.address,
            overwrite=args.overwrite,
            unit_bytes=args.unit_mb << 20,
            partitions=args.partitions,
            progress=None if args.quiet else show,
            storage_options=options,
        )
    except GhirbalError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.code
    if not args.quiet:
        print(
            f"ghirbal on Ray: finished in {time.monotonic() - started:.1f} s\n"
            f"  read {stats['read']}  kept {stats['kept']}  removed {stats['removed']}  "
            f"rejected {stats['rejected']}  skipped {stats['skipped']}\n"
            f"  details: {os.path.join(args.output, 'stats.json')}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
