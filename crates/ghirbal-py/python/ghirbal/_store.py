"""Distributed runs whose inputs or output are in an object store (``s3://bucket/prefix``).

The tasks of a run read and write an output *folder* (see DISTRIBUTED.md). With an object
store, each task works in a local folder of its own: it fetches what it reads (the plan, the
objects of its unit, the spools, partitions and decisions of the tasks before it), runs, then
uploads what it committed, its ``done.json`` last, so that a reader sees a task's files only
once they are all there. The driver's folder is local too; at the end it moves the shards to
their final names in the store and uploads ``stats.json``.

Stores are opened with pyarrow's file systems (``pyarrow.fs.S3FileSystem``), whose options
(``endpoint_override``, ``region``, credentials) come from ``storage_options``.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from typing import Any, Iterable, Optional

from . import _ghirbal

DIST = ".ghirbal/dist"
# What a run writes at the top of its output; nothing else is ever deleted or replaced.
OWN = (
    "kept",
    "removed",
    "rejected",
    "attributes",
    "stats.json",
    "config.toml",
    "observations.json.zst",
    "report.html",
    ".ghirbal",
)


def is_url(path: str) -> bool:
    return "://" in path


class Store:
    """A prefix of an object store: ``s3://bucket/prefix`` opened with ``storage_options``."""

    def __init__(self, url: str, storage_options: Optional[dict[str, Any]] = None) -> None:
        from pyarrow import fs

        scheme, _, rest = url.partition("://")
        if scheme != "s3":
            raise ValueError(f"{url}: only s3:// URLs are supported")
        self.url = url.rstrip("/")
        self.options = dict(storage_options or {})
        self.fs = fs.S3FileSystem(**self.options)
        self.root = rest.rstrip("/")

    def path(self, rel: str) -> str:
        return f"{self.root}/{rel}" if rel else self.root

    def exists(self, rel: str) -> bool:
        from pyarrow import fs

        return self.fs.get_file_info(self.path(rel)).type != fs.FileType.NotFound

    def read(self, rel: str) -> bytes:
        with self.fs.open_input_stream(self.path(rel)) as f:
            return f.read()

    def get(self, rel: str, local: str) -> None:
        os.makedirs(os.path.dirname(local), exist_ok=True)
        with self.fs.open_input_stream(self.path(rel)) as src, open(local, "wb") as dst:
            shutil.copyfileobj(src, dst, 1 << 20)

    def put(self, local: str, rel: str) -> None:
        with open(local, "rb") as src, self.fs.open_output_stream(self.path(rel)) as dst:
            shutil.copyfileobj(src, dst, 1 << 20)

    def put_bytes(self, data: bytes, rel: str) -> None:
        with self.fs.open_output_stream(self.path(rel)) as dst:
            dst.write(data)

    def listing(self, rel: str = "") -> list[tuple[str, int]]:
        """Every object under `rel`, as (path relative to the prefix, size), sorted."""
        from pyarrow import fs

        base = self.path(rel)
        info = self.fs.get_file_info(base)
        if info.type == fs.FileType.File:
            return [(rel, info.size)]
        if info.type == fs.FileType.NotFound:
            return []
        found = self.fs.get_file_info(fs.FileSelector(base, recursive=True))
        out = [(i.path[len(self.root) + 1:], i.size) for i in found if i.type == fs.FileType.File]
        return sorted(out)


def list_inputs(urls: Iterable[str], storage_options: Optional[dict[str, Any]]) -> list[tuple[str, int]]:
    """The input objects under each URL, in order (a prefix is listed recursively, by name,
    keeping the kinds ghirbal reads), as (URL, size)."""
    inputs = []
    for url in urls:
        store = Store(url, storage_options)
        scheme = url.partition("://")[0]
        found = store.listing()
        if not found:
            raise FileNotFoundError(f"{url}: no such object or prefix")
        for rel, size in found:
            full = f"{scheme}://{store.root}/{rel}" if rel else f"{scheme}://{store.root}"
            if rel == "" or _ghirbal.readable(rel):
                inputs.append((full, size))
    return inputs


def prepare_output(store: Store, fingerprint_plan: bytes, overwrite: bool) -> None:
    """Checks the output prefix before a job starts: it holds nothing, or only a run's own
    files. An unfinished job of the same plan is kept (its committed tasks are reused) unless
    `overwrite`; a finished or other one is replaced only with `overwrite`."""
    existing = store.listing()
    foreign = [rel for rel, _ in existing if rel.split("/", 1)[0] not in OWN]
    if foreign:
        raise _error(
            f"{store.url} holds objects ghirbal did not write (e.g. {foreign[0]}); "
            "give an empty prefix or one holding an earlier run's output", 2)
    if not existing:
        return
    plan = f"{DIST}/plan.json"
    same = store.exists(plan) and json.loads(store.read(plan))["fingerprint"] == json.loads(fingerprint_plan)["fingerprint"]
    if same and not overwrite:
        return
    if not overwrite:
        raise _error(
            f"{store.url} holds another run's output (another configuration or other inputs); "
            "pass overwrite to replace it", 2)
    for name in OWN:
        info = store.fs.get_file_info(store.path(name))
        if info.type.name == "Directory":
            store.fs.delete_dir(store.path(name))
        elif info.type.name == "File":
            store.fs.delete_file(store.path(name))


def _error(message: str, code: int) -> Exception:
    from ._errors import GhirbalError

    return GhirbalError(message, code)


class Mirror:
    """A task's local copy of the output folder's state: created empty, filled with what the
    task reads, removed afterwards."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.dir = tempfile.mkdtemp(prefix="ghirbal-task-")
        self.out = os.path.join(self.dir, "out")
        os.makedirs(os.path.join(self.out, ".ghirbal"), exist_ok=True)
        self.fetch(f"{DIST}/plan.json")

    def local(self, rel: str) -> str:
        return os.path.join(self.out, rel)

    def fetch(self, rel: str) -> str:
        self.store.get(rel, self.local(rel))
        return self.local(rel)

    def push_tree(self, rel: str, last: Optional[str] = None) -> None:
        """Uploads every file under `rel`, the file `last` (relative to `rel`) after the others."""
        base = self.local(rel)
        later = []
        for folder, _, files in os.walk(base):
            for name in sorted(files):
                path = os.path.join(folder, name)
                sub = os.path.relpath(path, base).replace(os.sep, "/")
                if sub == last:
                    later.append((path, sub))
                else:
                    self.store.put(path, f"{rel}/{sub}")
        for path, sub in later:
            self.store.put(path, f"{rel}/{sub}")

    def close(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)


def _done_rel(pass_: int, unit: int) -> str:
    return f"{DIST}/pass-{pass_}/unit-{unit:05}/done.json"


def _fetch_done(m: Mirror, pass_: int, unit: int) -> dict[str, Any]:
    return json.loads(open(m.fetch(_done_rel(pass_, unit)), "rb").read())


def unit_task(url: str, options: dict[str, Any], pass_: int, unit: int, offset: int, threads: int,
              inputs: Optional[list[str]]) -> str:
    """A unit task against the store; `inputs` are the unit's input URLs in a store (None:
    files every node reads)."""
    store = Store(url, options)
    if store.exists(_done_rel(pass_, unit)):
        return store.read(_done_rel(pass_, unit)).decode()
    m = Mirror(store)
    try:
        local_files = None
        if pass_ == 1 and inputs:
            local_files = fetch_inputs(inputs, options, os.path.join(m.dir, "in"))
        if pass_ > 1:
            before = _fetch_done(m, pass_ - 1, unit)
            attempt = f"{DIST}/pass-{pass_ - 1}/unit-{unit:05}/{before['attempt']}"
            for shard in before["spool"]:
                m.fetch(f"{attempt}/spool/{shard['file']}")
            m.fetch(f"{DIST}/pass-{pass_ - 1}/state.zst")
        done = _ghirbal.dist_unit(m.out, pass_, unit, offset, threads, local_files)
        m.push_tree(f"{DIST}/pass-{pass_}/unit-{unit:05}", last="done.json")
        return done
    finally:
        m.close()


def fetch_inputs(inputs: list[str], options: dict[str, Any], folder: str) -> list[str]:
    """Local copies of a unit's input objects, in order, named as the objects are (their
    extension tells their kind)."""
    local = []
    for i, src in enumerate(inputs):
        s = Store(src, options)
        dst = os.path.join(folder, f"{i:04}-{os.path.basename(s.root)}")
        s.get("", dst)
        local.append(dst)
    return local


def _fetch_units(m: Mirror, pass_: int, units: int, name: str) -> None:
    for u in range(units):
        done = _fetch_done(m, pass_, u)
        m.fetch(f"{DIST}/pass-{pass_}/unit-{u:05}/{done['attempt']}/{name}")


def reduce_task(url: str, options: dict[str, Any], pass_: int, partition: int, offsets: list[int]) -> None:
    store = Store(url, options)
    rel = f"{DIST}/pass-{pass_}/reduce-{partition:05}.zst"
    if store.exists(rel):
        return
    m = Mirror(store)
    try:
        _fetch_units(m, pass_, len(offsets), f"map-{partition:05}.zst")
        _ghirbal.dist_reduce(m.out, pass_, partition, offsets)
        store.put(m.local(rel), rel)
    finally:
        m.close()


def combine_task(url: str, options: dict[str, Any], pass_: int, partitions: int, offsets: list[int]) -> None:
    store = Store(url, options)
    rel = f"{DIST}/pass-{pass_}/state.zst"
    if store.exists(rel):
        return
    m = Mirror(store)
    try:
        _fetch_units(m, pass_, len(offsets), "side.zst")
        for k in range(partitions):
            m.fetch(f"{DIST}/pass-{pass_}/reduce-{k:05}.zst")
        _ghirbal.dist_combine(m.out, pass_, offsets)
        store.put(m.local(rel), rel)
    finally:
        m.close()


def finish(job: Any, store: Store, local_out: str, passes: int, units: int, workers: int) -> str:
    """The driver's end of a job whose output is in the store: the units' results fetched
    (small), the shards moved to their names, `stats.json`, `config.toml`, the observations
    and the report uploaded, the work prefix deleted."""
    for p in range(1, passes + 1):
        for u in range(units):
            store.get(_done_rel(p, u), os.path.join(local_out, _done_rel(p, u)))
    stats, moves = job.finish(workers, False)
    for mv in json.loads(moves):
        store.fs.move(store.path(mv["from"]), store.path(mv["to"]))
    for name in ("config.toml", ".ghirbal/run.json", "observations.json.zst", "report.html"):
        if os.path.exists(os.path.join(local_out, name)):
            store.put(os.path.join(local_out, name), name)
    store.put_bytes(stats.encode(), "stats.json")
    store.fs.delete_dir(store.path(DIST))
    return stats
