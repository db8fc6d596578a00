"""The Python package: run() against the CLI, Pipeline on records and Arrow batches, errors,
and the small functions, with Arabic text."""

from __future__ import annotations

import json
import pickle
import subprocess
from pathlib import Path

import pytest

import ghirbal
from ghirbal import GhirbalError

ARTICLE = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة، ويضم المستشفى مئتي سرير "
    "وقسماً للطوارئ يعمل على مدار الساعة. وقال الوزير في مؤتمر صحفي إن المشروع استغرق "
    "ثلاث سنوات من العمل المتواصل، وإنه سيخدم أكثر من نصف مليون نسمة في المنطقة.\n"
    "وأضاف أن الحكومة تعتزم بناء مراكز صحية صغيرة في القرى المجاورة خلال العام المقبل، "
    "وأن الأطباء الجدد سيتلقون تدريباً خاصاً على الأجهزة الحديثة التي وصلت من الخارج. "
    "ورحب السكان بالخبر، إذ كانوا يقطعون مسافات طويلة للوصول إلى أقرب مستشفى."
)

# What must be equal between two runs of the same pipeline on the same inputs (times,
# thread counts and the command line may differ).
COUNTS = ["read", "kept", "removed", "rejected", "skipped", "skipped_by_reason",
          "bytes_read", "bytes_kept", "rejected_by_error", "inputs", "skipped_files"]


def _steps(stats: dict) -> list:
    return [(s["name"], s["docs_in"], s["docs_out"], s.get("removed"), s.get("counters"))
            for s in stats["steps"]]


def _shards(stats: dict) -> dict:
    return {kind: [(s["file"], s["docs"], s["bytes"]) for s in shards]
            for kind, shards in stats["outputs"].items()}


def test_run_on_the_sample_matches_the_cli(root: Path, ghirbal_bin: str, tmp_path: Path):
    cli_out, py_out = tmp_path / "cli", tmp_path / "py"
    subprocess.run([ghirbal_bin, "run", "sample/", "-o", str(cli_out), "-q"],
                   cwd=root, check=True, capture_output=True)
    cli = json.loads((cli_out / "stats.json").read_text())

    # run() takes paths as given, relative to the working directory, as the CLI does.
    import os
    here = os.getcwd()
    os.chdir(root)
    try:
        stats = ghirbal.run(["sample/"], py_out)
    finally:
        os.chdir(here)

    assert stats == json.loads((py_out / "stats.json").read_text())
    assert {k: stats[k] for k in COUNTS} == {k: cli[k] for k in COUNTS}
    assert stats["kept"] > 0 and stats["removed"] > 0
    assert _steps(stats) == _steps(cli)
    # Same shards with the same document counts and compressed sizes: the same bytes.
    assert _shards(stats) == _shards(cli)
    # The same resolved configuration (extract added for the WARC input), command aside.
    def config(p: Path) -> list:
        return [l for l in (p / "config.toml").read_text().splitlines()
                if not l.startswith("# Command:")]
    assert config(py_out) == config(cli_out)
    # The same run report, apart from its one line of threads and timings.
    def report(p: Path) -> list:
        return [l for l in (p / "report.html").read_text().splitlines() if 'id="ghirbal-run"' not in l]
    assert report(py_out) == report(cli_out)


def test_run_writes_no_report_when_told_not_to(tmp_path: Path):
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False) + "\n")
    ghirbal.run(inp, tmp_path / "out", report=False)
    assert not (tmp_path / "out" / "report.html").exists()
    assert (tmp_path / "out" / "observations.json.zst").exists()


def test_run_a_second_time_reports_complete_and_overwrite_redoes_it(root: Path, tmp_path: Path):
    inp = tmp_path / "in.jsonl"
    inp.write_text(json.dumps({"id": "a", "text": ARTICLE}, ensure_ascii=False) + "\n")
    first = ghirbal.run(inp, tmp_path / "out", preset="arabic")
    assert first["outcome"] == "completed" and first["kept"] == 1
    assert ghirbal.run(inp, tmp_path / "out", preset="arabic")["outcome"] == "already_complete"
    with pytest.raises(GhirbalError) as e:
        ghirbal.run(inp, tmp_path / "out", preset="none")
    assert e.value.code == 2
    assert ghirbal.run(inp, tmp_path / "out", preset="none", overwrite=True)["kept"] == 1


def test_process_keeps_and_removes_with_the_reason():
    pipe = ghirbal.Pipeline(preset="arabic", per_document=True)
    records = [
        {"id": "kept", "text": ARTICLE, "source": "news"},
        {"id": "short", "text": "انتهى الاجتماع."},
        {"id": "english", "text": "The meeting ended late in the evening after a long debate "
                                  "about the budget and the new hospital."},
    ]
    out = list(pipe.process(iter(records)))
    assert [r["id"] for r in out] == ["kept", "short", "english"]
    kept, short, english = out
    assert "removal" not in kept
    assert kept["source"] == "news" and kept["language"] == "ar"
    assert short["removal"]["step"] == "length" or short["removal"]["code"] in ("too_short", "too_few_words")
    assert set(short["removal"]) == {"step", "code", "detail"}
    assert english["removal"] == {"step": "lid", "code": "wrong_language",
                                  "detail": english["removal"]["detail"]}


def test_process_gives_what_the_run_writes(tmp_path: Path, root: Path):
    """The README's example: a record removed by `length`, field for field as a run writes it."""
    record = {"id": "n1", "text": "انتهى الاجتماع."}
    pipe = ghirbal.Pipeline(per_document=True)
    [out] = pipe.process([record])
    assert out == {"id": "n1", "text": "انتهى الاجتماع.", "language": "ar",
                   "language_score": out["language_score"], "script": "Arab",
                   "dialect": "msa", "dialect_score": out["dialect_score"],
                   "removal": {"step": "length", "code": "too_short",
                               "detail": "15 < 20 characters"}}


def test_an_unreadable_record_comes_back_as_a_rejection():
    pipe = ghirbal.Pipeline(preset="none")
    out = pipe.process_list([{"id": "x", "body": "no text field"}, {"id": "y", "text": "نص"}])
    assert out[0]["error_code"] == "missing_text" and out[0]["line"] == 1
    assert out[1] == {"id": "y", "text": "نص"}


def test_whole_corpus_stages_are_refused_unless_left_out():
    with pytest.raises(GhirbalError) as e:
        ghirbal.Pipeline()  # the default preset ends with exact-dedup
    assert e.value.code == 2
    assert "exact-dedup" in str(e.value) and "ghirbal.run" in str(e.value)
    pipe = ghirbal.Pipeline(per_document=True)
    assert "exact-dedup" not in pipe.steps and "boilerplate" in pipe.steps
    assert "exact-dedup" in pipe.left_out


def test_process_arrow_round_trip():
    pa = pytest.importorskip("pyarrow")
    batch = pa.RecordBatch.from_pylist([
        {"id": "kept", "text": ARTICLE, "n": 1},
        {"id": "short", "text": "انتهى الاجتماع.", "n": 2},
    ])
    pipe = ghirbal.Pipeline(preset="arabic", per_document=True)
    out = pipe.process_arrow(batch)
    assert isinstance(out, pa.RecordBatch) and out.num_rows == 2
    assert out.column("id").to_pylist() == ["kept", "short"]
    assert out.column("n").to_pylist() == [1, 2]
    removal = out.column("removal").to_pylist()
    assert removal[0] is None and removal[1]["step"] == "length"
    # The same decisions as process() on the same records.
    assert out.to_pylist() == [
        {k: r.get(k) for k in out.schema.names}
        for r in pipe.process(batch.to_pylist())
    ]
    # A Table works too, and an empty batch comes back empty with its schema.
    assert pipe.process_arrow(pa.Table.from_batches([batch])).num_rows == 2
    empty = pipe.process_arrow(batch.slice(0, 0))
    assert empty.num_rows == 0 and empty.schema == batch.schema


def test_errors_carry_the_cli_exit_code(tmp_path: Path):
    with pytest.raises(GhirbalError) as e:
        ghirbal.run([tmp_path / "missing.jsonl"], tmp_path / "out")
    assert e.value.code == 2 and e.value.kind == "usage"
    with pytest.raises(GhirbalError) as e:
        ghirbal.Pipeline(preset="no-such-preset")
    assert e.value.code == 2 and "no-such-preset" in str(e.value)
    bad = tmp_path / "bad.toml"
    bad.write_text('version = 1\n[[steps]]\ntype = "length"\nmin_charz = 3\n')
    with pytest.raises(GhirbalError) as e:
        ghirbal.Pipeline(config=bad)
    assert e.value.code == 2 and "min_charz" in str(e.value)
    # A run whose records are mostly unreadable fails with 1, as the CLI does.
    inp = tmp_path / "in.jsonl"
    inp.write_text('{"id": "a", "body": "x"}\n')
    with pytest.raises(GhirbalError) as e:
        ghirbal.run(inp, tmp_path / "out2", preset="none")
    assert e.value.code == 1
    # Picklable, for multiprocessing and Ray.
    again = pickle.loads(pickle.dumps(e.value))
    assert again.code == 1 and str(again) == str(e.value)


def test_normalize_arabic():
    assert ghirbal.normalize("العـــربية") == "العربية"            # tatweel
    assert ghirbal.normalize("كتاب\u200b جديد") == "كتاب جديد"      # zero-width space
    assert ghirbal.normalize("ﻻ") == "لا"                           # presentation form
    text = ghirbal.normalize("  مرحبا   بكم  ")
    assert ghirbal.normalize(text) == text                          # idempotent


def test_lid_arabic_and_others():
    ar, en, nothing = ghirbal.lid([ARTICLE, "The weather is fine today in London.", "123 456"])
    assert ar["language"] == "ar" and ar["script"] == "Arab" and ar["score"] > 0.9
    assert ar["dialect"] == "msa" and 0 < ar["dialect_score"] <= 1
    assert en["language"] == "en" and en["dialect"] is None
    assert nothing["language"] == "und"
    egy = ghirbal.lid("انا مش عارف ازاي الموضوع ده حصل بجد يعني")[0]
    assert egy["language"] == "ar" and egy["dialect"] == "egy"


def test_extract_main_text():
    html = f"""<html><head><title>خبر</title></head><body>
    <nav><a href="/">الرئيسية</a> <a href="/news">أخبار</a></nav>
    <article><h1>افتتاح مستشفى جديد</h1><p>{ARTICLE.replace(chr(10), "</p><p>")}</p></article>
    <footer>جميع الحقوق محفوظة</footer></body></html>"""
    text = ghirbal.extract(html, url="https://example.com/news/1")
    assert text is not None and ARTICLE.split("\n")[0] in text
    assert "جميع الحقوق محفوظة" not in text
    assert ghirbal.extract("<html><body><nav><a href='/'>x</a></nav></body></html>") is None


def test_presets_and_version():
    assert {"default", "none", "full"} <= set(ghirbal.presets())
    assert ghirbal.__version__


def test_run_tells_progress_to_a_callback_and_to_a_bar(root: Path, tmp_path: Path) -> None:
    """Nothing is shown unless asked; a callback hears every pass with growing byte counts,
    and a tqdm-like bar ends at the input's size."""
    calls: list[tuple] = []
    ghirbal.run([root / "sample"], tmp_path / "a", progress=lambda *a: calls.append(a))
    assert calls, "the callback was called"
    phases = [c[0] for c in calls]
    assert all(isinstance(p, str) and p for p in phases)
    last = calls[-1]
    assert last[1] == last[2], f"the last call reports the whole input: {last}"
    assert last[3] > 0

    class Bar:
        def __init__(self) -> None:
            self.n, self.total, self.desc = 0, None, None

        def update(self, k: int) -> None:
            self.n += k

        def reset(self, total=None) -> None:
            self.n, self.total = 0, total

        def set_description(self, d: str) -> None:
            self.desc = d

    bar = Bar()
    ghirbal.run([root / "sample"], tmp_path / "b", preset="full", progress=bar)
    assert bar.total is not None and bar.n == bar.total, (bar.n, bar.total)
    assert bar.desc and "pass" in bar.desc

    def fail(*_a) -> None:
        raise RuntimeError("stop here")

    with pytest.raises(RuntimeError, match="stop here"):
        ghirbal.run([root / "sample"], tmp_path / "c", progress=fail)
