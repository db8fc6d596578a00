//! End-to-end tests of the `ghirbal` binary: every bad-input case, round trips for every
//! format, determinism across thread counts, and resume after a kill. One test binary, as in
//! ripgrep, so the crate is linked once.

use serde_json::Value;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod accounting;
mod crawl;
mod distributed;
mod parquet_output;
mod report;
mod resume;
mod safety;
mod trial;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_ghirbal"))
}

fn ghirbal(args: &[&str]) -> Output {
    bin().args(args).output().expect("ghirbal runs")
}

/// The arguments of `ghirbal run INPUT -o OUT -q EXTRA...`.
fn run_args(input: &Path, out: &Path, extra: &[&str]) -> Vec<String> {
    ["run", path_str(input), "-o", path_str(out), "-q"]
        .iter()
        .chain(extra)
        .map(|a| a.to_string())
        .collect()
}

/// `ghirbal run INPUT -o OUT -q EXTRA...`, whatever its outcome.
fn run_out(input: &Path, out: &Path, extra: &[&str]) -> Output {
    bin()
        .args(run_args(input, out, extra))
        .output()
        .expect("ghirbal runs")
}

/// `ghirbal run INPUT -o OUT -q EXTRA...`, which must succeed.
fn run_ok(input: &Path, out: &Path, extra: &[&str]) {
    let o = run_out(input, out, extra);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

fn sample_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample")
}

fn stats(out: &Path) -> Value {
    let text = fs::read_to_string(out.join("stats.json")).expect("stats.json written");
    serde_json::from_str(&text).expect("stats.json is JSON")
}

/// What the run observed for its report (`observations.json.zst`), as JSON bytes.
fn observations(out: &Path) -> Vec<u8> {
    let bytes = fs::read(out.join("observations.json.zst")).expect("observations written");
    zstd::decode_all(&bytes[..]).expect("observations are zstd")
}

/// The run's `report.html` without its run block (threads, timings, outcome): what must be the
/// same for equivalent runs.
fn report_without_run_block(out: &Path) -> String {
    let html = fs::read_to_string(out.join("report.html")).expect("report written");
    html.lines()
        .filter(|l| !l.contains("id=\"ghirbal-run\""))
        .collect::<Vec<_>>()
        .join("\n")
}

fn n(v: &Value, key: &str) -> u64 {
    v[key]
        .as_u64()
        .unwrap_or_else(|| panic!("{key} missing in {v}"))
}

fn assert_balanced(s: &Value) {
    assert_eq!(
        n(s, "read"),
        n(s, "kept") + n(s, "removed") + n(s, "rejected"),
        "{s}"
    );
}

/// The files in `dir`, sorted: shards in shard order.
fn shard_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("output folder exists")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
}

/// The records of one JSONL shard, whatever its compression.
fn read_jsonl_file(f: &Path) -> Vec<Value> {
    let raw = fs::read(f).expect("shard readable");
    let name = path_str(f).to_string();
    assert!(
        !name.ends_with(".partial"),
        "partial shard left behind: {name}"
    );
    let mut text = String::new();
    if name.ends_with(".zst") {
        zstd::stream::read::Decoder::new(&raw[..])
            .expect("zstd")
            .read_to_string(&mut text)
            .expect("valid zstd");
    } else if name.ends_with(".gz") {
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_string(&mut text)
            .expect("valid gzip");
    } else {
        text = String::from_utf8(raw).expect("UTF-8");
    }
    text.lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("JSON line"))
        .collect()
}

/// All records of the shards in `dir`, in shard order, whatever the JSONL compression.
fn read_jsonl_dir(dir: &Path) -> Vec<Value> {
    shard_files(dir)
        .iter()
        .flat_map(|f| read_jsonl_file(f))
        .collect()
}

fn tree_bytes(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .expect("folder")
        .map(|e| {
            let p = e.expect("entry").path();
            (
                path_str(&p)
                    .rsplit('/')
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                fs::read(&p).expect("read"),
            )
        })
        .collect();
    files.sort();
    files
}

fn record(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text, "source": "test"}).to_string()
}

/// A corpus of `count` distinct Arabic records.
fn corpus(count: usize) -> String {
    (0..count)
        .map(|i| record(&format!("d{i}"), &format!("الخبر رقم {i}: وقال الأمين العام للصحفيين إن المفاوضات يجب أن تجد طريقة لتخفيف التوترات.")) + "\n")
        .collect()
}

#[test]
fn sample_runs_end_to_end() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let o = ghirbal(&["run", path_str(&sample_dir()), "-o", path_str(&out)]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = stats(&out);
    // 320 records of text, and the crawl: 8 pages and 16 records that are not pages.
    assert_eq!(n(&s, "read"), 344);
    assert_eq!(n(&s, "skipped"), 16);
    assert_balanced_with_skips(&s);
    assert_eq!(s["steps"][0]["name"], "extract", "{s}");
    assert!(n(&s, "removed") > 0);
    let removed = read_jsonl_dir(&out.join("removed"));
    assert_eq!(removed.len() as u64, n(&s, "removed"));
    for doc in &removed {
        let r = &doc["removal"];
        assert!(
            r["step"].is_string() && r["code"].is_string() && r["detail"].is_string(),
            "{doc}"
        );
    }
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(
        summary.contains("kept") && summary.contains("exact-dedup"),
        "{summary}"
    );
    assert!(out.join("config.toml").exists());
}

#[test]
fn same_bytes_for_any_thread_count() {
    let tmp = tempfile::tempdir().expect("tmp");
    // `full` adds minhash-dedup, whose clusters must not depend on thread scheduling either.
    for preset in ["default", "full"] {
        let mut trees = Vec::new();
        for threads in ["1", "2", "3"] {
            let out = tmp.path().join(format!("{preset}{threads}"));
            let o = ghirbal(&[
                "run",
                path_str(&sample_dir()),
                "-o",
                path_str(&out),
                "--preset",
                preset,
                "--threads",
                threads,
                "-q",
                "--batch-docs",
                "7",
                "--shard-size",
                "40K",
            ]);
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            trees.push((
                tree_bytes(&out.join("kept")),
                tree_bytes(&out.join("removed")),
                observations(&out),
                report_without_run_block(&out),
            ));
        }
        assert!(trees[0].0.len() > 1, "several shards expected");
        assert_eq!(trees[0], trees[1], "{preset}");
        assert_eq!(trees[0], trees[2], "{preset}");
    }
}

#[test]
fn bad_records_are_rejected_with_reasons_and_nothing_is_lost() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("mixed.jsonl");
    let mut bytes = Vec::new();
    bytes.extend(record("ok1", "نص سليم").as_bytes());
    bytes.extend(b"\n{\"id\": \"broken\", \"text\": \"unterminated\n");
    bytes.extend(b"{\"id\": \"latin1\", \"text\": \"caf\xe9\"}\n");
    bytes.extend(b"{\"id\": \"notext\", \"body\": \"x\"}\n");
    bytes.extend(b"{\"id\": \"numtext\", \"text\": 42}\n");
    bytes.extend(b"[\"an\", \"array\"]\n");
    bytes.extend(b"\n   \n");
    bytes.extend(record("ok2", "نص سليم آخر").as_bytes());
    fs::write(&input, &bytes).expect("write");
    let out = tmp.path().join("out");
    let o = ghirbal(&[
        "run",
        path_str(&input),
        "-o",
        path_str(&out),
        "--preset",
        "none",
        "--max-rejected",
        "1",
    ]);
    assert!(
        o.status.success(),
        "rejections within --max-rejected do not fail the run: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let s = stats(&out);
    assert_eq!((n(&s, "read"), n(&s, "kept"), n(&s, "rejected")), (7, 2, 5));
    let by = &s["rejected_by_error"];
    for code in [
        "invalid_json",
        "invalid_utf8",
        "missing_text",
        "text_not_string",
        "not_an_object",
    ] {
        assert_eq!(by[code], 1, "{code}: {by}");
    }
    let rejected = read_jsonl_dir(&out.join("rejected"));
    assert_eq!(rejected.len(), 5);
    let latin1 = rejected
        .iter()
        .find(|r| r["error_code"] == "invalid_utf8")
        .expect("present");
    assert!(
        latin1["raw_base64"].is_string(),
        "invalid UTF-8 kept as base64: {latin1}"
    );
    assert_eq!(latin1["line"], 3);
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(
        summary.contains("rejected") && summary.contains("/rejected/"),
        "{summary}"
    );
}

#[test]
fn empty_inputs_are_reported() {
    let tmp = tempfile::tempdir().expect("tmp");
    let empty = tmp.path().join("empty.jsonl");
    fs::write(&empty, b"").expect("write");
    let out = tmp.path().join("out");
    let o = ghirbal(&["run", path_str(&empty), "-o", path_str(&out)]);
    assert!(o.status.success());
    let s = stats(&out);
    assert_eq!(n(&s, "read"), 0);
    assert_eq!(s["empty_inputs"][0], path_str(&empty));
    assert!(String::from_utf8_lossy(&o.stdout).contains("holds no record"));
}

fn truncated(compress: fn(&[u8]) -> Vec<u8>, name: &str) {
    let tmp = tempfile::tempdir().expect("tmp");
    let full = compress(corpus(3000).as_bytes());
    let input = tmp.path().join(name);
    fs::write(&input, &full[..full.len() * 6 / 10]).expect("write");
    let out = tmp.path().join("out");
    let o = ghirbal(&[
        "run",
        path_str(&input),
        "-o",
        path_str(&out),
        "--preset",
        "none",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = stats(&out);
    assert_balanced(&s);
    assert_eq!(s["rejected_by_error"]["damaged_input"], 1, "{s}");
    let kept = n(&s, "kept");
    assert!(
        kept > 1000 && kept < 3000,
        "records before the damage are processed: {kept}"
    );
    let docs = read_jsonl_dir(&out.join("kept"));
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(
            d["id"],
            format!("d{i}"),
            "in order, none lost before the damage"
        );
    }
}

#[test]
fn truncated_gzip_keeps_what_came_before() {
    truncated(
        |b| {
            let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            e.write_all(b).expect("gzip");
            e.finish().expect("gzip")
        },
        "in.jsonl.gz",
    );
}

#[test]
fn truncated_zstd_keeps_what_came_before() {
    truncated(|b| zstd::encode_all(b, 3).expect("zstd"), "in.jsonl.zst");
}

#[test]
fn oversized_record_is_rejected_without_loading_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let mut child = bin()
        .args([
            "run",
            "-",
            "-o",
            path_str(&out),
            "--preset",
            "none",
            "--max-doc-bytes",
            "1M",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    {
        let mut stdin = child.stdin.take().expect("stdin");
        writeln!(stdin, "{}", record("before", "قبل")).expect("write");
        stdin
            .write_all(b"{\"id\":\"huge\",\"text\":\"")
            .expect("write");
        let chunk = "ا".repeat(1 << 19);
        for _ in 0..40 {
            stdin.write_all(chunk.as_bytes()).expect("write");
        }
        stdin.write_all(b"\"}\n").expect("write");
        writeln!(stdin, "{}", record("after", "بعد")).expect("write");
    }
    let o = child.wait_with_output().expect("finishes");
    assert!(o.status.success());
    let s = stats(&out);
    assert_eq!((n(&s, "kept"), n(&s, "rejected")), (2, 1));
    let rej = read_jsonl_dir(&out.join("rejected"));
    assert_eq!(rej[0]["error_code"], "too_large");
    assert_eq!(rej[0]["line"], 2);
    assert!(
        rej[0]["error"]
            .as_str()
            .unwrap_or_default()
            .contains("41943"),
        "{}",
        rej[0]
    );
}

#[test]
fn unreadable_inputs_and_unwritable_outputs_are_refused_before_work() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let o = ghirbal(&["run", "/nonexistent/corpus.jsonl", "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/nonexistent/corpus.jsonl"));
    assert!(!out.exists(), "nothing written");

    let odd = tmp.path().join("notes.docx");
    fs::write(&odd, b"x").expect("write");
    let o = ghirbal(&["run", path_str(&odd), "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unsupported file type"));

    let blocker = tmp.path().join("a-file");
    fs::write(&blocker, b"x").expect("write");
    let good = tmp.path().join("in.jsonl");
    fs::write(&good, corpus(3)).expect("write");
    let o = ghirbal(&["run", path_str(&good), "-o", path_str(&blocker.join("out"))]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot be used"));
}

#[test]
fn configuration_errors_are_usage_errors() {
    let tmp = tempfile::tempdir().expect("tmp");
    let good = tmp.path().join("in.jsonl");
    fs::write(&good, corpus(3)).expect("write");
    let cases = [
        (
            "version = 1\n[[steps]]\ntype = \"length\"\nmin_charz = 3\n",
            "min_charz",
        ),
        (
            "version = 1\n[[steps]]\ntype = \"no-such-step\"\n",
            "no-such-step",
        ),
        ("version = 1\nsteps = []\nthreads = 3\n", "threads"),
        ("version = 9\n", "version = 9"),
    ];
    for (text, needle) in cases {
        let cfg = tmp.path().join("c.toml");
        fs::write(&cfg, text).expect("write");
        let o = ghirbal(&[
            "run",
            path_str(&good),
            "-o",
            path_str(&tmp.path().join("o")),
            "--config",
            path_str(&cfg),
        ]);
        assert_eq!(o.status.code(), Some(2), "{text}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(needle), "{needle} not in: {err}");
    }
    let o = ghirbal(&["run", path_str(&good), "-o", "x", "--preset", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    let o = ghirbal(&["run", path_str(&good)]);
    assert_eq!(o.status.code(), Some(2), "missing -o is a usage error");
}

#[test]
fn a_different_configuration_is_refused_unless_overwrite() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(50)).expect("write");
    let out = tmp.path().join("out");
    let args = |extra: &[&str]| {
        let mut a = vec!["run", path_str(&input), "-o", path_str(&out), "-q"];
        a.extend_from_slice(extra);
        ghirbal(&a)
    };
    assert!(args(&[]).status.success());
    let again = args(&[]);
    assert!(
        again.status.success(),
        "same command on a finished output is fine"
    );
    let other = args(&["--preset", "none"]);
    assert_eq!(other.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&other.stderr).contains("different configuration"));
    assert!(args(&["--preset", "none", "--overwrite"]).status.success());
    assert_eq!(stats(&out)["steps"].as_array().map(Vec::len), Some(0));

    let foreign = tmp.path().join("foreign");
    fs::create_dir(&foreign).expect("mkdir");
    fs::write(foreign.join("thesis.pdf"), b"x").expect("write");
    let o = ghirbal(&["run", path_str(&input), "-o", path_str(&foreign)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(foreign.join("thesis.pdf").exists());
}

/// Runs `input` with `--preset none` into `out` in `format` and returns the documents read
/// back through ghirbal as plain JSONL.
fn through_format(tmp: &Path, input: &Path, format: &str, extra: &[&str]) -> Vec<Value> {
    let out = tmp.join(format!("out-{format}"));
    let mut args = vec![
        "run",
        path_str(input),
        "-o",
        path_str(&out),
        "--preset",
        "none",
        "--format",
        format,
        "-q",
    ];
    args.extend_from_slice(extra);
    let o = ghirbal(&args);
    assert!(
        o.status.success(),
        "{format}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let back = tmp.join(format!("back-{format}"));
    let kept = out.join("kept");
    let mut args = vec![
        "run",
        path_str(&kept),
        "-o",
        path_str(&back),
        "--preset",
        "none",
        "--format",
        "jsonl",
        "-q",
    ];
    args.extend_from_slice(extra);
    let o = ghirbal(&args);
    assert!(
        o.status.success(),
        "{format} read back: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    read_jsonl_dir(&back.join("kept"))
}

#[test]
fn every_format_round_trips() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    let mut text = String::new();
    for i in 0..500 {
        let v = serde_json::json!({
            "url": format!("https://example.com/{i}"),
            "content": format!("نص رقم {i}\nسطر ثانٍ «مقتبس» \u{200f}"),
            "id": format!("r{i}"),
            "score": i as f64 / 7.0,
            "tags": ["أ", "ب"],
        });
        text.push_str(&v.to_string());
        text.push('\n');
    }
    fs::write(&input, &text).expect("write");
    let original: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    for format in ["jsonl", "jsonl.gz", "jsonl.zst", "parquet"] {
        let docs = through_format(
            tmp.path(),
            &input,
            format,
            &["--text-field", "content", "--shard-size", "20K"],
        );
        assert_eq!(docs.len(), original.len(), "{format}");
        for (a, b) in docs.iter().zip(&original) {
            assert_eq!(
                a.as_object().map(|o| o.len()),
                b.as_object().map(|o| o.len()),
                "{format}"
            );
            for (k, v) in b.as_object().expect("object") {
                assert_eq!(&a[k], v, "{format}: field {k}");
            }
        }
    }
}

#[test]
fn text_folders_are_read_recursively_in_order() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("pages");
    fs::create_dir_all(dir.join("b")).expect("mkdir");
    fs::write(dir.join("b/2.txt"), "صفحة ثانية").expect("write");
    fs::write(dir.join("a.txt"), "صفحة أولى").expect("write");
    fs::write(dir.join("b/notes.md"), "# skip").expect("write");
    fs::write(dir.join("c.txt"), b"\xff\xfe bad").expect("write");
    let out = tmp.path().join("out");
    let o = ghirbal(&[
        "run",
        path_str(&dir),
        "-o",
        path_str(&out),
        "--preset",
        "none",
    ]);
    assert!(o.status.success());
    let kept = read_jsonl_dir(&out.join("kept"));
    let ids: Vec<&str> = kept
        .iter()
        .map(|d| d["id"].as_str().unwrap_or_default())
        .collect();
    assert!(
        ids[0].ends_with("pages/a.txt") && ids[1].ends_with("pages/b/2.txt"),
        "{ids:?}"
    );
    assert_eq!(kept[0]["text"], "صفحة أولى");
    let s = stats(&out);
    assert_eq!(s["skipped_files"].as_array().map(Vec::len), Some(1));
    assert_eq!(s["rejected_by_error"]["invalid_utf8"], 1);
}

#[test]
fn standard_input_is_read_as_jsonl_and_compression_is_detected() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    let mut child = bin()
        .args(["run", "-", "-o", path_str(&out), "--preset", "none", "-q"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("spawn");
    let data = zstd::encode_all(corpus(10).as_bytes(), 3).expect("zstd");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(&data)
        .expect("write");
    assert!(child.wait().expect("finishes").success());
    assert_eq!(n(&stats(&out), "kept"), 10);

    // With whole-corpus stages, standard input is read once, by the first pass, and the
    // later passes continue from the spool, deleted at the end. The duplicates go
    // (exact-dedup), and the records still name their input `-`.
    let o2 = tmp.path().join("o2");
    let mut child = bin()
        .args(["run", "-", "-o", path_str(&o2), "--preset", "full", "-q"])
        .args(["--format", "jsonl"])
        .stdin(Stdio::piped())
        .spawn()
        .expect("spawn");
    let twice = format!("{}{}", corpus(10), corpus(10));
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(twice.as_bytes())
        .expect("write");
    assert!(child.wait().expect("finishes").success());
    let s = stats(&o2);
    assert_eq!(n(&s, "read"), 20);
    assert_eq!(n(&s, "kept"), 10);
    assert_eq!(s["inputs"][0], "-");
    assert!(n(&s, "spool_bytes") > 0);
    assert!(!o2.join(".ghirbal/spool-1").exists());
    assert_eq!(read_jsonl_dir(&o2.join("kept")).len(), 10);
}

#[test]
fn steps_lists_types_options_and_reason_codes() {
    let o = ghirbal(&["steps"]);
    assert!(o.status.success());
    let text = String::from_utf8_lossy(&o.stdout);
    for needle in [
        "length",
        "min_chars",
        "too_short",
        "exact-dedup",
        "duplicate",
        "whole-corpus",
        "default",
        "none",
    ] {
        assert!(text.contains(needle), "{needle} missing:\n{text}");
    }
    let o = ghirbal(&["steps", "--preset", "default"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("version = 1"));
}

#[test]
fn help_teaches_with_examples() {
    let o = ghirbal(&["run", "--help"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("Examples:") && text.contains("Exit codes"),
        "{text}"
    );
}

/// A crawled page the tests make: a glued breadcrumb, a headline, the article, theme lines.
fn crawled_page() -> String {
    [
        "أخبار محليةالرئيسية",
        "",
        "الحكومة تعلن خطة جديدة لدعم المشاريع الصغيرة والمتوسطة في المناطق",
        "",
        "أعلنت الحكومة اليوم عن خطة جديدة لدعم المشاريع الصغيرة والمتوسطة، تشمل قروضاً ميسرة وإعفاءات ضريبية.",
        "",
        "وقال وزير الاقتصاد في مؤتمر صحفي إن الخطة تستهدف خلق آلاف الوظائف خلال السنوات المقبلة.",
        "",
        "شارك الخبر",
        "",
        "|",
        "",
        "جميع الحقوق محفوظة ©",
    ]
    .join("\n")
}

#[test]
fn inspect_marks_removed_lines_with_their_rules() {
    let tmp = tempfile::tempdir().expect("tmp");
    let page = tmp.path().join("page.txt");
    fs::write(&page, crawled_page()).expect("write");
    let o = ghirbal(&["inspect", path_str(&page), "--record", "0", "--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let trace: Value = serde_json::from_slice(&o.stdout).expect("JSON trace");
    assert_eq!(trace["kept"], true);
    let bp = trace["steps"]
        .as_array()
        .and_then(|s| s.iter().find(|s| s["step"] == "boilerplate"))
        .expect("boilerplate step");
    let rules: Vec<(&str, &str)> = bp["removed_lines"]
        .as_array()
        .expect("lines")
        .iter()
        .map(|l| {
            (
                l["text"].as_str().unwrap_or(""),
                l["rule"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        rules,
        [
            ("أخبار محليةالرئيسية", "edge_short/top"),
            ("شارك الخبر", "phrase/theme"),
            ("|", "symbols/no_word"),
            ("جميع الحقوق محفوظة ©", "phrase/copyright"),
        ]
    );
    assert!(trace["result"]
        .as_str()
        .unwrap_or("")
        .starts_with("الحكومة تعلن"));
    let o = ghirbal(&["inspect", path_str(&page), "--record", "0"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("✗ phrase") && text.contains("result: kept"),
        "{text}"
    );
    let o = ghirbal(&["inspect", path_str(&page), "--id", "nope"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn keep_edits_records_removed_lines_in_metadata() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, record("p1", &crawled_page()) + "\n").expect("write");
    let out = tmp.path().join("out");
    let o = ghirbal(&[
        "run",
        path_str(&input),
        "-o",
        path_str(&out),
        "--keep-edits",
        "-q",
    ]);
    assert!(o.status.success());
    let kept = read_jsonl_dir(&out.join("kept"));
    let edits = kept[0]["boilerplate_removed"]
        .as_array()
        .expect("edits recorded");
    assert_eq!(edits.len(), 4);
    assert_eq!(edits[0]["rule"], "edge_short/top");
    let s = stats(&out);
    let bp = &s["steps"][1];
    assert_eq!(bp["name"], "boilerplate");
    assert_eq!(bp["counters"]["lines_removed:phrase"], 2);
    // Each rule's count is detailed by sub-code.
    assert_eq!(bp["counters"]["lines_removed:edge_short/top"], 1);
}

#[test]
fn annotate_writes_quality_values_for_kept_and_removed_documents() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    let article =
        "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة ثلاثمائة سرير، \
ويضم المستشفى أقساما متخصصة في جراحة القلب وطب الأطفال والعناية المركزة.\\n\
وقال المتحدث باسم الوزارة إن المشروع يأتي ضمن خطة لتوسيع الخدمات الصحية في المناطق الشمالية \
التي تشهد نموا سكانيا كبيرا خلال السنوات الأخيرة، وأضاف أن العمل على المرحلة الثانية سيبدأ \
بعد شهرين من الآن على أن تنتهي خلال عامين.";
    let lines = [
        format!("{{\"id\":\"a\",\"text\":\"{article}\"}}"),
        "{\"id\":\"b\",\"text\":\"عنوان قصير بلا جمل\"}".to_string(),
    ];
    fs::write(&input, lines.join("\n") + "\n").expect("write");
    let out = tmp.path().join("out");
    run_ok(&input, &out, &["--preset", "fineweb2-arb", "--annotate"]);
    let kept = read_jsonl_dir(&out.join("kept"));
    assert_eq!(kept.len(), 1);
    let q = &kept[0]["quality"];
    assert!(
        q["gopher_quality"]["words"].as_u64().unwrap_or(0) >= 50,
        "{q}"
    );
    assert!(q["fineweb_quality"]["line_punct_ratio"].is_number(), "{q}");
    let removed = read_jsonl_dir(&out.join("removed"));
    assert_eq!(removed.len(), 1);
    // datatrove's rules: a four-word text fails on its "most frequent" 2-gram, seen once.
    assert_eq!(removed[0]["removal"]["step"], "gopher-repetition");
    assert_eq!(removed[0]["removal"]["code"], "top_ngram_share");
    assert!(removed[0]["quality"]["gopher_repetition"]["top_2_gram"].is_number());
}

#[test]
fn lid_reads_jsonl_and_plain_lines_from_stdin() {
    let input = "{\"id\":\"a1\",\"text\":\"حذر الأمين العام للأمم المتحدة من تصعيد التوترات بين روسيا وحلف شمال الأطلسي\"}\n\
                 {\"id\":2,\"text\":\"شو عم تعمل هلق يا زلمة\"}\n\
                 \n\
                 همه چیز درباره‌ی این شهر را بخوانید و از آن لذت ببرید.\n\
                 میں نے کل اپنے دوست کے ساتھ بازار جانے کا فیصلہ کیا تھا۔\n\
                 The weather in Cairo was hot and sunny all week.\n";
    let mut child = bin()
        .arg("lid")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("ghirbal lid runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("ghirbal lid finishes");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let got: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or_default(),
                r["language"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a1", "ar"),
            ("2", "ar"),
            ("4", "fa"),
            ("5", "ur"),
            ("6", "en")
        ]
    );
    assert_eq!(rows[0]["dialect"], "msa");
    assert_eq!(rows[1]["dialect"], "lev");
    assert!(rows[2].get("dialect").is_none());
    assert!(rows.iter().all(|r| r["score"].as_f64().is_some()));
}

#[test]
fn lid_step_removes_persian_in_a_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in.jsonl");
    fs::write(
        &input,
        format!(
            "{}\n{}\n",
            record(
                "ar",
                "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة بسعة مئتي سرير."
            ),
            record(
                "fa",
                "همه چیز درباره‌ی این شهر را بخوانید و از آن لذت ببرید."
            )
        ),
    )
    .expect("write input");
    let config = dir.path().join("lid.toml");
    fs::write(&config, "version = 1\n[[steps]]\ntype = \"lid\"\n").expect("write config");
    let out = dir.path().join("out");
    run_ok(
        &input,
        &out,
        &["--config", path_str(&config), "--format", "jsonl"],
    );
    let kept = read_jsonl_dir(&out.join("kept"));
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0]["language"], "ar");
    let removed = read_jsonl_dir(&out.join("removed"));
    assert_eq!(removed[0]["removal"]["code"], "wrong_language");
    let s = stats(&out);
    assert_balanced(&s);
}

/// WET files give their text records as documents with the crawler's metadata; WARC records
/// that are not pages are skipped by type; damage is one rejection with its offset; and every
/// record is accounted for: read = kept + removed + rejected + skipped.
#[test]
fn warc_and_wet_records_are_all_accounted_for() {
    let warc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/warc");
    if !warc.exists() {
        return; // the shared data is not on this machine
    }
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("wet");
    run_ok(
        &warc.join("whirlwind.warc.wet.gz"),
        &out,
        &["--preset", "none"],
    );
    let s = stats(&out);
    assert_eq!(
        (n(&s, "read"), n(&s, "kept"), n(&s, "skipped")),
        (2, 1, 1),
        "{s}"
    );
    assert_eq!(s["skipped_by_reason"]["warcinfo"], 1);
    let doc = &read_jsonl_dir(&out.join("kept"))[0];
    assert!(
        doc["id"]
            .as_str()
            .is_some_and(|id| id.starts_with("urn:uuid:")),
        "{doc}"
    );
    assert_eq!(doc["url"], "https://an.wikipedia.org/wiki/Escopete");
    assert!(doc["source_offset"].is_u64());
    // HTML responses and damaged files: see crawl::every_shared_warc_file_is_accounted_for.
}

fn assert_balanced_with_skips(s: &Value) {
    assert_eq!(
        n(s, "read"),
        n(s, "kept") + n(s, "removed") + n(s, "rejected") + n(s, "skipped"),
        "{s}"
    );
}
