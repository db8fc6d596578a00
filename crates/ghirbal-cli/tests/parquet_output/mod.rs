//! Parquet output: typed metadata columns that query engines read directly, read back by
//! ghirbal as exactly the records the JSON lines output holds, the same bytes for any thread
//! count.

use super::*;
use ::parquet::basic::{LogicalType, Type as Physical};
use ::parquet::file::reader::{FileReader, SerializedFileReader};

/// Records whose fields differ from one to the next: missing fields, nulls, another key order,
/// integers beside floats, a field that changes type, nested objects and arrays, Arabic keys.
fn varied_corpus(count: usize) -> String {
    let text = |i| {
        format!("الخبر رقم {i}: وقال الأمين العام للصحفيين إن المفاوضات يجب أن تجد طريقة لتخفيف التوترات في المنطقة.")
    };
    (0..count)
        .map(|i| {
            let v = match i % 5 {
                0 => serde_json::json!({"id": format!("v{i}"), "text": text(i), "url": format!("https://a.example/{i}"), "score": 0.25, "views": i}),
                1 => serde_json::json!({"views": i, "text": text(i), "id": format!("v{i}"), "url": null, "tags": ["أ", i]}),
                2 => serde_json::json!({"id": format!("v{i}"), "text": text(i), "score": 1, "meta": {"site": "ب", "depth": i}}),
                3 => serde_json::json!({"id": format!("v{i}"), "text": text(i), "views": "many", "المصدر": "وكالة"}),
                _ => serde_json::json!({"id": format!("v{i}"), "text": text(i), "flag": i % 2 == 0, "removal": "a field of the input's own"}),
            };
            v.to_string() + "\n"
        })
        .collect()
}

/// The lines of the plain JSON lines shards in `dir`, in shard order.
fn lines_of(dir: &Path) -> Vec<String> {
    shard_files(dir)
        .iter()
        .flat_map(|f| {
            let text = fs::read_to_string(f).expect("UTF-8 JSON lines");
            text.lines().map(str::to_string).collect::<Vec<_>>()
        })
        .collect()
}

/// The same corpus written as JSON lines and as Parquet; the Parquet shards, read back by
/// ghirbal (into JSON lines, with no step), give the JSON lines output line for line: the
/// same fields, values and key order, for the kept and the removed documents.
#[test]
fn parquet_reads_back_as_the_json_lines_records() {
    let tmp = tempfile::tempdir().expect("tmp");
    let varied = tmp.path().join("varied.jsonl");
    fs::write(&varied, varied_corpus(200)).expect("write");
    let run = |format: &str| {
        let out = tmp.path().join(format);
        let o = ghirbal(&[
            "run",
            path_str(&sample_dir()),
            path_str(&varied),
            "-o",
            path_str(&out),
            "-q",
            "--format",
            format,
            "--batch-docs",
            "7",
            "--shard-size",
            "100K",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        out
    };
    let (jsonl, parquet) = (run("jsonl"), run("parquet"));
    for sub in ["kept", "removed"] {
        let back = tmp.path().join(format!("back-{sub}"));
        run_ok(
            &parquet.join(sub),
            &back,
            &["--preset", "none", "--format", "jsonl"],
        );
        let expected = lines_of(&jsonl.join(sub));
        let got = lines_of(&back.join("kept"));
        assert!(expected.len() > 20, "{sub}: {} records", expected.len());
        assert_eq!(got.len(), expected.len(), "{sub}");
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(g, e, "{sub}");
        }
    }
}

/// The columns a query engine sees: strings, doubles, int64, and the removal reason as a
/// struct of three strings.
#[test]
fn parquet_metadata_columns_are_typed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    run_ok(&sample_dir(), &out, &["--format", "parquet"]);
    let types = |path: PathBuf| -> Vec<(String, Physical, bool)> {
        let reader =
            SerializedFileReader::new(fs::File::open(&path).expect("shard")).expect("Parquet");
        let schema = reader.metadata().file_metadata().schema_descr_ptr();
        schema
            .columns()
            .iter()
            .map(|c| {
                (
                    c.path().string(),
                    c.physical_type(),
                    matches!(c.logical_type_ref(), Some(LogicalType::String)),
                )
            })
            .collect()
    };
    let kept = types(out.join("kept/00000.parquet"));
    let of = |cols: &[(String, Physical, bool)], name: &str| {
        cols.iter()
            .find(|c| c.0 == name)
            .map(|c| (c.1, c.2))
            .unwrap_or_else(|| panic!("no column {name} in {cols:?}"))
    };
    assert_eq!(of(&kept, "id"), (Physical::BYTE_ARRAY, true));
    assert_eq!(of(&kept, "language"), (Physical::BYTE_ARRAY, true));
    assert_eq!(of(&kept, "language_score"), (Physical::DOUBLE, false));
    assert!(
        !kept.iter().any(|c| c.0 == "metadata"),
        "no JSON blob column any more: {kept:?}"
    );
    let removed = types(out.join("removed/00000.parquet"));
    for child in ["removal.step", "removal.code", "removal.detail"] {
        assert_eq!(of(&removed, child), (Physical::BYTE_ARRAY, true), "{child}");
    }
}

/// Schema decisions are made on the writer thread from the batches in order: the Parquet
/// shards are the same bytes for any thread count.
#[test]
fn parquet_same_bytes_for_any_thread_count() {
    let tmp = tempfile::tempdir().expect("tmp");
    let varied = tmp.path().join("varied.jsonl");
    fs::write(&varied, varied_corpus(300)).expect("write");
    let mut trees = Vec::new();
    for threads in ["1", "3"] {
        let out = tmp.path().join(threads);
        let o = ghirbal(&[
            "run",
            path_str(&sample_dir()),
            path_str(&varied),
            "-o",
            path_str(&out),
            "-q",
            "--format",
            "parquet",
            "--threads",
            threads,
            "--batch-docs",
            "7",
            "--shard-size",
            "40K",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        trees.push((
            tree_bytes(&out.join("kept")),
            tree_bytes(&out.join("removed")),
        ));
    }
    assert!(trees[0].0.len() > 1, "several shards expected");
    assert_eq!(trees[0], trees[1]);
}
