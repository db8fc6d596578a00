//! Everyday conveniences: trying the tool on a big input (`--limit`, `--sample`, `--dry-run`),
//! `.json` inputs, `--keep-original`, input fields kept, shard lineage.

use super::*;

fn ids(out: &Path) -> Vec<String> {
    let mut ids: Vec<String> = read_jsonl_dir(&out.join("kept"))
        .into_iter()
        .chain(read_jsonl_dir(&out.join("removed")))
        .map(|d| d["id"].as_str().unwrap_or_default().to_string())
        .collect();
    ids.sort();
    ids
}

#[test]
fn limit_reads_only_the_first_records_of_all_inputs() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(50)).expect("write");
    let out = tmp.path().join("out");
    // A whole-corpus stage reads the input twice: both passes stop at the limit.
    run_ok(&input, &out, &["--limit", "20", "--preset", "full"]);
    let s = stats(&out);
    assert_eq!(n(&s, "read"), 20);
    assert_balanced(&s);
    let mut want: Vec<String> = (0..20).map(|i| format!("d{i}")).collect();
    want.sort();
    assert_eq!(ids(&out), want);
    // The limit is part of the recorded configuration, so a rerun resumes the same run.
    let config = fs::read_to_string(out.join("config.toml")).expect("config");
    assert!(config.contains("limit = 20"), "{config}");
    let o = run_out(&input, &out, &["--limit", "0"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_sample_is_the_same_for_any_thread_count_and_another_seed_gives_another() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(400)).expect("write");
    let run = |name: &str, extra: &[&str]| {
        let out = tmp.path().join(name);
        run_ok(&input, &out, extra);
        out
    };
    let one = run("one", &["--sample", "0.25", "--seed", "3", "-j", "1"]);
    let two = run("two", &["--sample", "0.25", "--seed", "3", "-j", "2"]);
    let other = run("other", &["--sample", "0.25", "--seed", "4", "-j", "2"]);
    assert_eq!(tree_bytes(&one.join("kept")), tree_bytes(&two.join("kept")));
    let s = stats(&one);
    assert_balanced_with_skips(&s);
    let taken = ids(&one).len();
    assert!(
        (60..=140).contains(&taken),
        "{taken} of 400 for a share of 0.25"
    );
    assert_eq!(n(&s, "skipped"), 400 - taken as u64);
    assert_eq!(s["skipped_by_reason"]["not_sampled"], 400 - taken as u64);
    assert_ne!(ids(&one), ids(&other));
    let o = ghirbal(&[
        "run",
        path_str(&input),
        "-o",
        path_str(&tmp.path().join("x")),
        "--sample",
        "0",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a share"));
}

/// Dataset dumps named `.json`: one JSON array of records, or JSON lines, compressed or not;
/// the summary and stats.json say which each was.
#[test]
fn json_files_are_read_as_one_array_or_as_lines_and_the_run_says_which() {
    let tmp = tempfile::tempdir().expect("tmp");
    let array = tmp.path().join("dump.json");
    fs::write(
        &array,
        "[\n  {\"id\": \"a\", \"text\": \"النص الأول [بين قوسين], وفاصلة\"},\n  {\"text\": \"بلا معرف\"}\n]\n",
    )
    .expect("write");
    let lines = tmp.path().join("lines.json.zst");
    fs::write(
        &lines,
        zstd::encode_all(corpus(3).as_bytes(), 3).expect("zstd"),
    )
    .expect("write");
    let out = tmp.path().join("out");
    let o = bin()
        .args([
            "run",
            path_str(&array),
            path_str(&lines),
            "-o",
            path_str(&out),
        ])
        .args(["--preset", "none"])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(
        summary.contains("dump.json was read as one JSON array"),
        "{summary}"
    );
    assert!(
        summary.contains("lines.json.zst was read as JSON lines"),
        "{summary}"
    );
    let s = stats(&out);
    assert_eq!(n(&s, "kept"), 5);
    assert_eq!(s["json_inputs"][path_str(&array)], "array");
    assert_eq!(s["json_inputs"][path_str(&lines)], "lines");
    let kept = read_jsonl_dir(&out.join("kept"));
    assert_eq!(kept[0]["text"], "النص الأول [بين قوسين], وفاصلة");
    // A record without an id is named by its place in the array.
    assert_eq!(kept[1]["id"], format!("{}:2", path_str(&array)));
}

/// In a folder, a plain `.json` file is a dataset's description more often than records:
/// skipped and listed, while the records beside it, `.json.gz` dumps too, are read.
#[test]
fn json_files_inside_a_folder_are_skipped_and_listed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path().join("dataset");
    fs::create_dir(&dir).expect("mkdir");
    fs::write(
        dir.join("dataset_info.json"),
        "{\n  \"description\": \"أخبار\"\n}\n",
    )
    .expect("write");
    fs::write(dir.join("train.jsonl"), corpus(2)).expect("write");
    // C4's shards: JSON lines named .json.gz, read wherever they are.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(corpus(3).as_bytes()).expect("gzip");
    fs::write(
        dir.join("c4-train.00000-of-01024.json.gz"),
        gz.finish().expect("gzip"),
    )
    .expect("write");
    let out = tmp.path().join("out");
    run_ok(&dir, &out, &["--preset", "none"]);
    let s = stats(&out);
    assert_eq!(n(&s, "read"), 5);
    assert_eq!(n(&s, "rejected"), 0);
    assert!(s["skipped_files"][0]
        .as_str()
        .unwrap_or_default()
        .ends_with("dataset_info.json"));
}

#[test]
fn a_dry_run_lists_inputs_output_and_configuration_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    fs::write(&input, corpus(3)).expect("write");
    let out = tmp.path().join("out");
    let o = run_out(&input, &out, &["--dry-run", "--sample", "0.5"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("nothing was read or written"), "{text}");
    assert!(text.contains(path_str(&input)), "{text}");
    assert!(text.contains("new: it would be created"), "{text}");
    assert!(text.contains("sample = 0.5"), "{text}");
    assert!(text.contains("type = \"boilerplate\""), "{text}");
    assert!(!out.exists());
    // A bad configuration fails the dry run as it would fail the run.
    let o = run_out(&input, &out, &["--dry-run", "--preset", "nope"]);
    assert_eq!(o.status.code(), Some(2));
}

/// `--keep-original`: a document the steps emptied before removing it keeps the text it was
/// read with; a removed document whose text no step changed, and kept ones, carry nothing.
#[test]
fn keep_original_lets_an_emptied_document_be_audited() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    let theme = "Leave a Reply\nزر الذهاب إلى الأعلى";
    fs::write(
        &input,
        [
            record("theme", theme),
            record("short", "قصير جدا."),
            corpus(1).trim_end().to_string(),
        ]
        .join("\n")
            + "\n",
    )
    .expect("write");
    let out = tmp.path().join("out");
    run_ok(&input, &out, &["--keep-original", "--format", "jsonl"]);
    let removed = read_jsonl_dir(&out.join("removed"));
    let theme_doc = removed
        .iter()
        .find(|d| d["id"] == "theme")
        .expect("removed");
    assert_eq!(theme_doc["removal"]["code"], "empty_after_removal");
    assert_eq!(theme_doc["text_as_read"], theme);
    let short = removed
        .iter()
        .find(|d| d["id"] == "short")
        .expect("removed");
    assert!(short.get("text_as_read").is_none(), "{short}");
    let kept = read_jsonl_dir(&out.join("kept"));
    assert!(kept.iter().all(|d| d.get("text_as_read").is_none()));
    let config = fs::read_to_string(out.join("config.toml")).expect("config");
    assert!(config.contains("keep_original = true"), "{config}");
}

/// An input that already has fields a step writes (`language` from an earlier tool, its own
/// `removal`) keeps them, renamed `language_input` and `removal_input`, beside ghirbal's.
#[test]
fn input_fields_are_never_overwritten_by_a_step() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    let article = corpus(1);
    let mut kept: Value = serde_json::from_str(article.trim()).expect("json");
    kept["language"] = "arz".into();
    let removed = serde_json::json!({"id": "fa", "text": "این یک متن فارسی است که باید حذف شود زیرا عربی نیست.", "language": "fa", "removal": "manual"});
    fs::write(&input, format!("{kept}\n{removed}\n")).expect("write");
    let out = tmp.path().join("out");
    run_ok(&input, &out, &["--format", "jsonl"]);
    let k = &read_jsonl_dir(&out.join("kept"))[0];
    assert_eq!(k["language"], "ar");
    assert_eq!(k["language_input"], "arz");
    let r = &read_jsonl_dir(&out.join("removed"))[0];
    assert_eq!(r["language_input"], "fa");
    assert_eq!(r["removal_input"], "manual");
    assert_eq!(r["removal"]["step"], "lid");
}

/// Lineage: every output shard lists, in stats.json, the inputs its records came from.
#[test]
fn each_shard_names_the_inputs_it_holds() {
    let tmp = tempfile::tempdir().expect("tmp");
    let a = tmp.path().join("a.jsonl");
    let b = tmp.path().join("b.jsonl");
    fs::write(&a, corpus(30)).expect("write");
    fs::write(
        &b,
        (30..60)
            .map(|i| record(&format!("d{i}"), &format!("خبر آخر رقم {i}: وقال المتحدث إن الاجتماع بحث سبل التعاون بين البلدين في مجالات عدة.")) + "\n")
            .collect::<String>(),
    )
    .expect("write");
    let out = tmp.path().join("out");
    let o = bin()
        .args([
            "run",
            path_str(&a),
            path_str(&b),
            "-o",
            path_str(&out),
            "-q",
        ])
        .args([
            "--preset",
            "none",
            "--shard-size",
            "1K",
            "--batch-docs",
            "10",
        ])
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = stats(&out);
    let shards = s["outputs"]["kept"].as_array().expect("shards");
    assert!(shards.len() >= 2, "{shards:?}");
    let names = |v: &Value| -> Vec<String> {
        v["inputs"]
            .as_array()
            .expect("inputs")
            .iter()
            .map(|i| i.as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(names(&shards[0])[0], path_str(&a));
    assert_eq!(names(shards.last().expect("last")), [path_str(&b)]);
    // Every input is named by some shard, in order.
    let all: Vec<String> = shards.iter().flat_map(names).collect();
    assert!(all.contains(&path_str(&a).to_string()) && all.contains(&path_str(&b).to_string()));
}

fn shard_names(dir: &Path) -> Vec<String> {
    shard_files(dir)
        .iter()
        .map(|f| f.file_name().expect("name").to_string_lossy().into_owned())
        .collect()
}

/// Tag mode removes nothing: every document is kept, and `attributes/` holds, shard for shard
/// and line for line, what each step measured and would have removed it for; the first such
/// reason is the one a normal run removes it with.
#[test]
fn tag_mode_keeps_everything_and_writes_attributes_beside_the_documents() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = sample_dir().join("ant-corpus-300.jsonl.zst");
    let (normal, tagged) = (tmp.path().join("normal"), tmp.path().join("tagged"));
    let common = [
        "--preset",
        "fineweb2-arb",
        "--shard-size",
        "40K",
        "--batch-docs",
        "40",
    ];
    run_ok(&input, &normal, &common);
    run_ok(
        &input,
        &tagged,
        &[&common[..], &["--tag", "--threads", "2"]].concat(),
    );
    let s = stats(&tagged);
    assert_eq!(n(&s, "removed"), 0);
    assert_eq!(n(&s, "kept") + n(&s, "rejected"), n(&s, "read"));
    let (kept_dir, attr_dir) = (tagged.join("kept"), tagged.join("attributes"));
    let names = shard_names(&kept_dir);
    assert!(names.len() > 1, "several shards: {names:?}");
    assert_eq!(names, shard_names(&attr_dir));
    let mut attributes = Vec::new();
    for name in &names {
        let docs = read_jsonl_file(&kept_dir.join(name));
        let attrs = read_jsonl_file(&attr_dir.join(name));
        assert_eq!(docs.len(), attrs.len(), "{name}");
        for (d, a) in docs.iter().zip(&attrs) {
            assert_eq!(d["id"], a["id"]);
            // The measured values are beside the document, not in it.
            assert!(d.get("quality").is_none(), "{d}");
        }
        attributes.extend(attrs);
    }
    // Every filter measured every document (an empty one has no lines to measure).
    let measured = attributes
        .iter()
        .filter(|a| a["quality"]["fineweb_quality"]["line_punct_ratio"].is_number())
        .count();
    let empty = attributes
        .iter()
        .filter(|a| a["would_remove"][0]["code"] == "empty")
        .count();
    assert_eq!(measured + empty, attributes.len());
    let removed = read_jsonl_dir(&normal.join("removed"));
    assert!(!removed.is_empty());
    for r in &removed {
        let a = attributes
            .iter()
            .find(|a| a["id"] == r["id"])
            .expect("every document is tagged");
        assert_eq!(a["would_remove"][0]["code"], r["removal"]["code"], "{a}");
        assert_eq!(a["would_remove"][0]["step"], r["removal"]["step"], "{a}");
    }
    let flagged = attributes
        .iter()
        .filter(|a| a["would_remove"].as_array().is_some_and(|v| !v.is_empty()))
        .count();
    assert!(flagged >= removed.len());
    // The same attributes for any thread count.
    let again = tmp.path().join("again");
    run_ok(
        &input,
        &again,
        &[&common[..], &["--tag", "--threads", "1"]].concat(),
    );
    assert_eq!(tree_bytes(&attr_dir), tree_bytes(&again.join("attributes")));
}
