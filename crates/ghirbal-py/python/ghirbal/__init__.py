"""ghirbal (غربال, "sieve"): Arabic-first cleaning of web text for language-model corpora.

Every record ends up kept, removed with the step, a stable reason code and a detail (the
measured value against the limit), or rejected with the error that made it unreadable.

    >>> import ghirbal
    >>> stats = ghirbal.run(["sample/"], "out/py")           # the same as `ghirbal run`
    >>> stats["kept"], stats["removed"], stats["rejected"]
    >>> ghirbal.Pipeline(per_document=True).process([{"id": "1", "text": "..."}])
    >>> ghirbal.normalize("العـــربية"), ghirbal.lid(["مرحبا بكم"])

The work is done in Rust with the GIL released; nothing is printed. Failures raise
:class:`GhirbalError`, whose ``code`` is the exit code the CLI would give.
"""

from __future__ import annotations

import json
import os
from itertools import islice
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Mapping, Optional, Sequence, Union

from . import _ghirbal
from ._errors import GhirbalError

if TYPE_CHECKING:  # pyarrow is optional: only process_arrow needs it
    import pyarrow

__all__ = [
    "GhirbalError",
    "Pipeline",
    "extract",
    "lid",
    "normalize",
    "presets",
    "run",
    "__version__",
]

__version__: str = _ghirbal.__version__

PathLike = Union[str, "os.PathLike[str]"]

# Records handed to Rust at a time by Pipeline.process: large enough that the crossing costs
# nothing, small enough that a generator of records is not held in memory whole.
_CHUNK = 1000


def run(
    inputs: Union[PathLike, Sequence[PathLike]],
    output: PathLike,
    preset: str | None = None,
    config: PathLike | None = None,
    threads: int | None = None,
    overwrite: bool = False,
    max_rejected: float = 0.5,
    progress: Any = None,
    report: bool = True,
) -> dict[str, Any]:
    """Runs a pipeline over files, as ``ghirbal run INPUTS -o OUTPUT`` does.

    Args:
        inputs: files or folders (JSONL, JSON, Parquet, text, WARC/WET, HTML; folders are read
            recursively), or one of them.
        output: the output folder: new, empty, or holding an earlier run's output (which the
            same run resumes, or which ``overwrite=True`` replaces).
        preset: an embedded pipeline (:func:`presets` lists them); ``"default"`` when neither
            this nor ``config`` is given.
        config: a pipeline configuration file (TOML, ``version = 1``); ``OUT/config.toml`` of
            an earlier run repeats it.
        threads: worker threads (default: one per core); the output is the same for every value.
        overwrite: replace an earlier run's output made with another configuration or inputs.
        max_rejected: raise ``GhirbalError`` (code 1) when more than this share of the records
            could not be read (the outputs are written either way), as the CLI's
            ``--max-rejected``.
        progress: nothing is shown unless this is given, either a callable, called about ten
            times a second as ``progress(phase, done_bytes, total_bytes, documents)`` (the
            input bytes read in this pass, their total or None, the documents judged), or a
            tqdm-compatible bar (anything with ``update``, e.g. ``tqdm(unit="B",
            unit_scale=True)``), advanced by input bytes, one pass after another. An
            exception raised by the callback stops the run at its next checkpoint and is
            raised here.
        report: write ``OUTPUT/report.html``, the run report (one HTML page: the funnel, the
            distributions the steps measured with their thresholds, sample documents per
            reason), as the CLI does unless ``--no-report``.

    Returns:
        The content of ``OUTPUT/stats.json``: ``read``, ``kept``, ``removed``, ``rejected``,
        ``skipped``, the per-step counts, the output shards, and so on.

    Raises:
        GhirbalError: with ``code`` 2 for a bad configuration or output folder (nothing was
            written), 1 when the run failed.
        KeyboardInterrupt: on Ctrl-C, once the run has stopped after the batch in flight and
            written its checkpoint; the same call resumes it, as with the CLI.
    """
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    text = _ghirbal.run(
        [os.fspath(i) for i in inputs],
        os.fspath(output),
        preset=preset,
        config=None if config is None else os.fspath(config),
        threads=threads,
        overwrite=overwrite,
        max_rejected=max_rejected,
        progress=_progress_callback(progress),
        report=report,
    )
    return json.loads(text)


def _progress_callback(progress: Any) -> Any:
    """`progress` as the compiled module calls it: a callable as given, or a tqdm-like bar
    advanced by input bytes, reset at each pass."""
    if progress is None or not hasattr(progress, "update"):
        return progress
    bar = progress
    state = {"phase": None, "done": 0}

    def tell(phase: str, done: int, total: Optional[int], documents: int) -> None:
        if phase != state["phase"]:
            state["phase"], state["done"] = phase, 0
            if hasattr(bar, "reset"):
                bar.reset(total=total)
            if hasattr(bar, "set_description"):
                bar.set_description(phase)
        bar.update(done - state["done"])
        state["done"] = done

    return tell


class Pipeline:
    """A pipeline that judges records in memory: no files, for notebooks, ``datasets.map``
    and Ray Data's ``map_batches``.

    Args:
        preset: an embedded pipeline (``"default"`` when neither this nor ``config`` is given).
        config: a pipeline configuration file (TOML); its ``[reader]`` section names the id
            and text fields, and ``writer.keep_original`` adds ``text_as_read`` to removed
            records.
        per_document: whole-corpus stages (``exact-dedup``, ``minhash-dedup``, and
            ``boilerplate``'s cross-document line counts) must see every document before
            deciding on any, so they cannot judge one batch at a time. By default a pipeline
            holding one is refused with a ``GhirbalError`` (code 2) naming it: use
            :func:`run` for them. With ``per_document=True`` they are left out instead, and
            ``boilerplate`` runs with its per-page rules only (``cross_document = false``);
            :attr:`left_out` says what was changed.

    Records are dicts with an id and a text field (``id`` and ``text`` by default); every other
    field is kept. Each record comes back as a run would write it: a kept record with the
    steps' edits and annotations; a removed one with ``removal``: ``{"step", "code",
    "detail"}``; a record that cannot be read (no text field, say) as the line a run writes in
    ``rejected/``: ``{"input": "python", "line", "error_code", "error", "raw"}``.
    """

    def __init__(
        self,
        preset: str | None = None,
        config: PathLike | None = None,
        *,
        per_document: bool = False,
    ) -> None:
        self._inner = _ghirbal.Pipeline(
            preset=preset,
            config=None if config is None else os.fspath(config),
            per_document=per_document,
        )

    @property
    def steps(self) -> list[str]:
        """The steps that run, in order."""
        return list(self._inner.steps)

    @property
    def left_out(self) -> list[str]:
        """What ``per_document=True`` left out or ran without its whole-corpus part."""
        return list(self._inner.left_out)

    def __repr__(self) -> str:
        return f"ghirbal.Pipeline(steps={self.steps!r})"

    def process(self, records: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]:
        """Judges records, lazily: an iterator of dicts, one per record, in order.

        Records are taken from ``records`` a thousand at a time, so a generator over a large
        corpus is never held in memory whole. Values must be JSON-serializable (a
        ``TypeError`` says which is not).
        """
        it = iter(records)
        seq = 0
        while True:
            chunk = list(islice(it, _CHUNK))
            if not chunk:
                return
            for line in self._judge(chunk, seq):
                yield line
            seq += len(chunk)

    def process_list(self, records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
        """:meth:`process`, as a list."""
        return list(self.process(records))

    def process_arrow(self, batch: "pyarrow.RecordBatch") -> "pyarrow.RecordBatch":
        """Judges the rows of a ``pyarrow.RecordBatch`` (or ``Table``) and returns a
        ``RecordBatch`` of the results, one row per input row, in order.

        Columns are those of the records :meth:`process` returns: the input's, the steps'
        annotations (``language``, ``language_score``, ...), and ``removal`` (a struct of
        ``step``, ``code``, ``detail``; null for kept rows). Each row goes through
        :meth:`process` as a dict (``to_pylist``), and the results are typed by pyarrow.
        """
        import pyarrow as pa

        rows = batch.to_pylist()
        if not rows:
            return pa.RecordBatch.from_pylist([], schema=batch.schema)
        out = self._judge(rows, 0)
        # Every field of every result, in order of first appearance: pyarrow's from_pylist
        # would take the first row's keys only, losing `removal` when that row was kept.
        names: dict[str, None] = {}
        for record in out:
            names.update(dict.fromkeys(record))
        columns = {name: [record.get(name) for record in out] for name in names}
        return pa.RecordBatch.from_pydict(columns)

    def _judge(self, records: list[Mapping[str, Any]], first: int) -> list[dict[str, Any]]:
        # JSON text is what a run parses and writes, so the records go through the same code
        # as in a run; ensure_ascii=False keeps Arabic as it is (smaller, and faster to parse).
        lines = [json.dumps(r, ensure_ascii=False) for r in records]
        return [json.loads(line) for line in self._inner.process_json(lines, first)]


def normalize(text: str) -> str:
    """The text as the ``normalize`` step leaves it (default options): mojibake repaired,
    presentation forms mapped to letters, direction controls, zero-width characters and
    tatweel removed, spaces collapsed, lines trimmed, NFC.

    >>> normalize("العـــربية")
    'العربية'
    """
    return _ghirbal.normalize(text)


def lid(texts: Union[str, Iterable[str]]) -> list[dict[str, Any]]:
    """Identifies the language of each text, as the ``lid`` step does (default options).

    Returns one dict per text: ``language`` (``ar`` for every Arabic variety, ``fa``, ``ur``,
    ``en``, ... any lid.176 code, ``und`` with no letter), ``score`` (0 to 1), ``script``
    (ISO 15924, ``Arab``, ``Latn``...), and for Arabic ``dialect`` (``msa``, ``egy``,
    ``glf``, ``lev``, ``mgr``, or ``unknown`` under a probability of 0.35) with
    ``dialect_score``; those two are None otherwise. A single string is taken as a list of
    one.
    """
    if isinstance(texts, str):
        texts = [texts]
    return _ghirbal.lid(list(texts))


def extract(html: str, url: str | None = None) -> str | None:
    """The main text of an HTML page, as the ``extract`` step gives it (menus, sidebars,
    comments and footers left out), or None when the page holds no main text. ``url`` helps
    a little (the site's template); the page is taken as already decoded text.
    """
    return _ghirbal.extract(html, url)


def presets() -> list[str]:
    """The names of the embedded pipelines (``ghirbal steps`` describes them)."""
    return list(_ghirbal.presets())
