//! The distributed runner's tasks, run one after another in this process as an engine would
//! schedule them, give the same decisions as a local run: the same kept, removed and rejected
//! records (sorted by id), and the same counts.

use super::{n, observations, read_jsonl_file, run_ok, sample_dir, shard_files, stats};
use ghirbal_pipeline::distributed::{combine_task, reduce_task, unit_task, Job, JobOptions};
use ghirbal_pipeline::ConfigFile;
use ghirbal_steps::Registry;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Runs every task of a job in order; `redo` repeats each unit task (a retried attempt after
/// a commit) to show that a task runs at most once in effect.
fn run_distributed(inputs: &[PathBuf], out: &Path, preset: &str, unit_bytes: u64, redo: bool) {
    let mut config =
        ConfigFile::choose(None, Some(preset), ghirbal_steps::PRESETS, &Registry).expect("preset");
    config.read_html_for(inputs, Some(out), true);
    let mut opts = JobOptions::new(inputs.to_vec(), out.to_path_buf(), config);
    opts.unit_bytes = unit_bytes;
    // Small files here: ranges as small as the test asks.
    opts.min_range_bytes = 1000;
    opts.partitions = 3;
    let job = Job::start(&opts, &Registry).expect("job starts");
    let plan = job.plan().clone();
    assert!(plan.units.len() > 1, "the test needs several units");
    let mut offsets = vec![0u64; plan.units.len()];
    for (p, pass) in plan.passes.iter().enumerate() {
        let pass_no = p + 1;
        let mut records = Vec::new();
        for (u, offset) in offsets.iter().enumerate() {
            let done = unit_task(out, pass_no, u, *offset, 2, None, &Registry).expect("unit task");
            if redo {
                let again = unit_task(out, pass_no, u, *offset, 1, None, &Registry).expect("again");
                assert_eq!(again.attempt, done.attempt);
            }
            records.push(done.records);
        }
        if pass_no == 1 {
            let mut at = 0;
            for (o, r) in offsets.iter_mut().zip(records) {
                *o = at;
                at += r;
            }
        }
        if pass.stage.is_some() {
            for k in 0..pass.partitions {
                reduce_task(out, pass_no, k, &offsets, &Registry).expect("reduce");
            }
            combine_task(out, pass_no, &offsets, &Registry).expect("combine");
        }
    }
    job.finish(2).expect("finish");
}

/// Every record of an output kind, as JSON lines, sorted by id then content.
fn sorted_records(out: &Path, kind: &str) -> Vec<String> {
    let dir = out.join(kind);
    if !dir.exists() {
        return Vec::new();
    }
    let mut lines: Vec<(String, String)> = shard_files(&dir)
        .iter()
        .flat_map(|f| read_jsonl_file(f))
        .map(|v: Value| {
            let id = v["id"].as_str().unwrap_or("").to_string();
            (id, v.to_string())
        })
        .collect();
    lines.sort();
    lines.into_iter().map(|(_, l)| l).collect()
}

/// Returns the distributed run's `stats.json`.
fn same_as_local(inputs: &[PathBuf], preset: &str, unit_bytes: u64, redo: bool) -> Value {
    let tmp = tempfile::tempdir().expect("tmp");
    let local = tmp.path().join("local");
    let dist = tmp.path().join("dist");
    let mut args: Vec<&str> = vec!["--preset", preset];
    let rest: Vec<String> = inputs[1..]
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    args.extend(rest.iter().map(String::as_str));
    run_ok(&inputs[0], &local, &args);
    run_distributed(inputs, &dist, preset, unit_bytes, redo);
    for kind in ["kept", "removed", "rejected"] {
        let (a, b) = (sorted_records(&local, kind), sorted_records(&dist, kind));
        assert_eq!(
            a.len(),
            b.len(),
            "{kind}: {} local, {} distributed",
            a.len(),
            b.len()
        );
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y, "{kind} differs");
        }
    }
    let (a, b) = (stats(&local), stats(&dist));
    for key in [
        "read",
        "kept",
        "removed",
        "rejected",
        "skipped",
        "bytes_kept",
    ] {
        assert_eq!(a[key], b[key], "{key}");
    }
    let removed = |s: &Value| -> Vec<Value> {
        s["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .map(|st| st["removed"].clone())
            .collect()
    };
    assert_eq!(removed(&a), removed(&b));
    // The run report's histograms and samples too: the tasks' counts carry them.
    assert_eq!(observations(&local), observations(&dist));
    // Every shard named after its unit and input; no work folder left.
    for f in shard_files(&dist.join("kept")) {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("");
        assert!(
            name.len() > 6 && name[..5].chars().all(|c| c.is_ascii_digit()),
            "{name}"
        );
    }
    assert!(!dist.join(".ghirbal/dist").exists());
    b
}

#[test]
fn sample_full_preset_equals_a_local_run() {
    // One unit per file: WARC, WET, HTML and JSONL inputs, three whole-corpus stages.
    let s = same_as_local(&[sample_dir()], "full", 100_000, false);
    assert!(n(&s, "removed") > 0);
}

#[test]
fn near_copies_across_units_equal_a_local_run_and_tasks_commit_once() {
    let tmp = tempfile::tempdir().expect("tmp");
    let story = "قال وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة إن المحادثات مع الجانب الآخر حققت تقدما ملموسا في عدد من الملفات العالقة وإن الجولة المقبلة ستعقد الشهر القادم بمشاركة وفود من الدول الأعضاء في المنظمة الإقليمية";
    let other = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة يضم مئتي سرير ويخدم سكان المنطقة الشمالية بأكملها بعد سنوات من الانتظار والمطالبات المتكررة من الأهالي والمجالس المحلية";
    let mut inputs = Vec::new();
    for f in 0..4 {
        let path = tmp.path().join(format!("part-{f}.jsonl"));
        let mut lines = String::new();
        for i in 0..6 {
            let text = match (f + i) % 4 {
                0 => story.to_string(),
                1 => story.replace('أ', "ا").replace("قال", "قـــال"),
                2 => format!("{other} {i}"),
                _ => format!("{story} وأضاف أن الحوار مستمر {f}"),
            };
            let v = serde_json::json!({"id": format!("f{f}-{i}"), "text": text});
            lines.push_str(&format!("{v}\n"));
        }
        std::fs::write(&path, lines).expect("write");
        inputs.push(path);
    }
    let s = same_as_local(&inputs, "full", 1, true);
    // Both deduplication stages removed copies, across units.
    let removed = |step: &str, code: &str| {
        s["steps"]
            .as_array()
            .and_then(|a| a.iter().find(|st| st["name"] == step))
            .map_or(0, |st| st["removed"][code].as_u64().unwrap_or(0))
    };
    assert!(removed("exact-dedup", "duplicate") >= 4, "{s}");
    assert!(removed("minhash-dedup", "near_duplicate") >= 2, "{s}");
}

#[test]
fn a_large_plain_file_cut_into_line_ranges_equals_a_local_run() {
    // Records without ids (named by file and line), blank lines, a bad line and no newline at
    // the end: the ranges must number lines as the whole file does.
    let tmp = tempfile::tempdir().expect("tmp");
    let path = tmp.path().join("big.jsonl");
    let story = "قال وزير الخارجية في مؤتمر صحفي عقده اليوم في العاصمة إن المحادثات مع الجانب الآخر حققت تقدما ملموسا في عدد من الملفات العالقة وإن الجولة المقبلة ستعقد الشهر القادم";
    let mut text = String::new();
    for i in 0..80 {
        let body = match i % 5 {
            0 => story.to_string(),
            1 => format!("{story} {i}"),
            2 => story.replace('أ', "ا"),
            _ => format!(
                "خبر رقم {i} عن الطقس في المدينة حيث تنخفض درجات الحرارة مساء اليوم مع رياح نشطة"
            ),
        };
        text.push_str(&format!("{}\n", serde_json::json!({ "text": body })));
        if i % 17 == 0 {
            text.push('\n');
        }
        if i == 40 {
            text.push_str("{not json\n");
        }
    }
    text.pop();
    std::fs::write(&path, &text).expect("write");
    let s = same_as_local(std::slice::from_ref(&path), "full", 8000, false);
    assert!(n(&s, "rejected") == 1 && n(&s, "removed") > 0, "{s}");
}
