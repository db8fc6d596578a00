//! Interrupted runs: killed with `kill -9` during the final pass or an observation pass, rerun,
//! and the output is the uninterrupted run's, byte for byte; stages that spill to disk give the
//! same output as those that do not.

use super::*;

/// True once the final pass of the run writing `out` has a checkpoint with records done.
fn in_final_pass(out: &Path) -> bool {
    fs::read_to_string(out.join(".ghirbal/checkpoint.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<Value>(&text).ok())
        .is_some_and(|v| v["records_done"].as_u64().unwrap_or(0) > 0 && v["finished"] == false)
}

/// Runs `args(reference)` to the end, then `args(out)` until `midway(out)` holds and kills it
/// (`kill -9`), up to five attempts; true when a run was killed midway.
fn run_then_kill_midway(
    reference: &Path,
    out: &Path,
    args: &dyn Fn(&Path) -> Vec<String>,
    midway: impl Fn(&Path) -> bool,
) -> bool {
    assert!(bin()
        .args(args(reference))
        .status()
        .expect("runs")
        .success());
    for _attempt in 0..5 {
        let _ = fs::remove_dir_all(out);
        let mut child = bin().args(args(out)).spawn().expect("spawn");
        loop {
            if midway(out) {
                child.kill().expect("kill -9");
                let _ = child.wait();
                return true;
            }
            if child.try_wait().expect("wait").is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
    }
    false
}

#[test]
fn resume_after_kill_gives_the_uninterrupted_output() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("big.jsonl");
    let mut text = corpus(60_000);
    text.push_str(&corpus(2_000)); // duplicates for the stage to remove
    fs::write(&input, &text).expect("write");
    let args = |out: &Path| {
        run_args(
            &input,
            out,
            &[
                "--batch-docs",
                "100",
                "--checkpoint-every",
                "2",
                "--shard-size",
                "300K",
            ],
        )
    };
    let (reference, out) = (tmp.path().join("reference"), tmp.path().join("interrupted"));
    let killed_mid_run = run_then_kill_midway(&reference, &out, &args, in_final_pass);
    assert!(killed_mid_run, "could not interrupt the run mid-way");
    let o = bin()
        .args(args(&out))
        .arg("--threads")
        .arg("1")
        .output()
        .expect("resumes");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = stats(&out);
    // The outcome is a plain string, as the README says; where it resumed is a field.
    assert_eq!(s["outcome"], "resumed", "{s}");
    assert!(s["resumed_from_record"].as_u64().is_some(), "{s}");
    assert_eq!(n(&s, "read"), 62_000);
    assert_eq!(n(&s, "removed"), 2_000);
    assert_balanced(&s);
    for sub in ["kept", "removed", "rejected"] {
        assert_eq!(
            tree_bytes(&out.join(sub)),
            tree_bytes(&reference.join(sub)),
            "{sub}"
        );
    }
    let r = stats(&reference);
    assert_eq!(s["steps"][0]["removed"], r["steps"][0]["removed"]);
    // The report's histograms and samples, carried by the checkpoint, are the same too.
    assert_eq!(observations(&out), observations(&reference));
    assert_eq!(
        report_without_run_block(&out),
        report_without_run_block(&reference)
    );
    // The stages' decisions were saved before the final pass: the resumed run restores them
    // instead of observing the corpus again.
    let passes = s["observation_passes"].as_array().expect("passes");
    assert!(!passes.is_empty());
    for p in passes {
        assert_eq!(p["restored"], true, "{p}");
    }
}

/// Tag mode's attributes resume with the documents they describe: cut back to the checkpoint
/// and continued, shard for shard as an uninterrupted run writes them.
#[test]
fn tag_mode_resumes_its_attributes_with_its_documents() {
    final_pass_killed_resumes(
        corpus(30_000),
        &[
            "--tag",
            "--preset",
            "fineweb2-arb",
            "--checkpoint-every",
            "2",
            "--shard-size",
            "20K",
        ],
        &["kept", "attributes"],
    );
}

/// Parquet shards are closed at each checkpoint and carry their columns in the checkpoint:
/// killed and resumed, the run gives the uninterrupted run's shards byte for byte.
#[test]
fn parquet_resume_after_kill_gives_the_uninterrupted_output() {
    let mut text = corpus(12_000);
    text.push_str(&corpus(500));
    final_pass_killed_resumes(
        text,
        &[
            "--format",
            "parquet",
            "--checkpoint-every",
            "5",
            "--shard-size",
            "300K",
        ],
        &["kept", "removed", "rejected"],
    );
}

/// Runs `extra` over `text` in batches of 100, kills it once the final pass has a checkpoint,
/// resumes it, and compares the folders `subs` with an uninterrupted run's, byte for byte.
fn final_pass_killed_resumes(text: String, extra: &[&str], subs: &[&str]) {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("big.jsonl");
    fs::write(&input, text).expect("write");
    let args = |out: &Path| run_args(&input, out, &[extra, &["--batch-docs", "100"]].concat());
    let (reference, out) = (tmp.path().join("reference"), tmp.path().join("interrupted"));
    let killed_mid_run = run_then_kill_midway(&reference, &out, &args, in_final_pass);
    assert!(killed_mid_run, "could not interrupt the run mid-way");
    let o = bin().args(args(&out)).output().expect("resumes");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(stats(&out)["outcome"], "resumed");
    for sub in subs {
        let written = tree_bytes(&out.join(sub));
        assert_eq!(written, tree_bytes(&reference.join(sub)), "{sub}");
        if *sub == "kept" {
            assert!(written.len() > 1, "{sub}: several shards");
        }
    }
    assert_eq!(observations(&out), observations(&reference));
    assert_eq!(
        report_without_run_block(&out),
        report_without_run_block(&reference)
    );
}

#[test]
fn an_observation_pass_killed_midway_resumes_where_it_stopped() {
    pass_killed_midway_resumes(
        "[[steps]]\ntype = \"minhash-dedup\"\nmemory_mb = 1\n",
        "stage-0-minhash-dedup.observed",
        0,
    );
}

/// The second stage's pass reads the first one's spool: killed there, the rerun restores the
/// first stage, keeps its spool, and continues in it.
#[test]
fn a_pass_reading_a_spool_killed_midway_resumes_where_it_stopped() {
    pass_killed_midway_resumes(
        "[[steps]]\ntype = \"exact-dedup\"\n[[steps]]\ntype = \"minhash-dedup\"\nmemory_mb = 1\n",
        "stage-1-minhash-dedup.observed",
        1,
    );
}

fn pass_killed_midway_resumes(steps: &str, observed: &str, pass: usize) {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("big.jsonl");
    let mut text = corpus(40_000);
    text.push_str(&corpus(2_000)); // copies for the stage to cluster
    fs::write(&input, &text).expect("write");
    let config = tmp.path().join("c.toml");
    fs::write(&config, format!("version = 1\n{steps}")).expect("config");
    let args = |out: &Path| {
        run_args(
            &input,
            out,
            &[
                "--config",
                path_str(&config),
                "--format",
                "jsonl",
                "--batch-docs",
                "100",
                "--checkpoint-every",
                "1",
                "--observe-checkpoint-secs",
                "0",
            ],
        )
    };
    let (reference, out) = (tmp.path().join("reference"), tmp.path().join("interrupted"));
    let killed_mid_pass = run_then_kill_midway(&reference, &out, &args, |out| {
        out.join(".ghirbal").join(observed).exists()
    });
    assert!(killed_mid_pass, "could not interrupt the pass");
    let o = bin().args(args(&out)).output().expect("resumes");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let s = stats(&out);
    let passes = &s["observation_passes"];
    assert!(
        passes[pass]["resumed_from_record"]
            .as_u64()
            .is_some_and(|n| n > 0),
        "{passes}"
    );
    for earlier in 0..pass {
        assert_eq!(passes[earlier]["restored"], true, "{passes}");
    }
    assert_eq!(n(&s, "read"), 42_000);
    assert_eq!(s["removed"], stats(&reference)["removed"]);
    for sub in ["kept", "removed"] {
        assert_eq!(
            tree_bytes(&out.join(sub)),
            tree_bytes(&reference.join(sub)),
            "{sub}"
        );
    }
    assert_eq!(observations(&out), observations(&reference));
    assert_eq!(
        report_without_run_block(&out),
        report_without_run_block(&reference)
    );
    // The spools are gone once the run has finished.
    let spools = fs::read_dir(out.join(".ghirbal"))
        .expect("state")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with("spool"))
        .count();
    assert_eq!(spools, 0);
}

#[test]
fn stages_that_spill_to_disk_give_the_same_output() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    // Distinct stories, each also present as an exact copy and as a letter-variant copy.
    let mut text = String::new();
    for i in 0..1500 {
        let story = format!(
            "أعلنت الهيئة العامة للإحصاء في تقريرها رقم {i} أن معدل النمو في الربع {} بلغ {}.{} في المئة مقارنة بالفترة نفسها من العام الماضي، وأن قطاع {} سجل أعلى زيادة بين القطاعات الأخرى.",
            i % 4,
            i % 7,
            i % 10,
            ["الصناعة", "التجارة", "الخدمات", "الزراعة", "النقل"][i % 5]
        );
        text.push_str(&record(&format!("a{i}"), &story));
        text.push('\n');
        if i % 3 == 0 {
            text.push_str(&record(&format!("b{i}"), &story));
            text.push('\n');
            text.push_str(&record(
                &format!("c{i}"),
                &story.replace('ة', "ه").replace('أ', "ا"),
            ));
            text.push('\n');
        }
    }
    fs::write(&input, &text).expect("write");
    let config = |mb: usize| {
        let path = tmp.path().join(format!("c{mb}.toml"));
        fs::write(
            &path,
            format!("version = 1\n[[steps]]\ntype = \"exact-dedup\"\nmemory_mb = {mb}\n[[steps]]\ntype = \"minhash-dedup\"\nmemory_mb = {mb}\n"),
        )
        .expect("config");
        path
    };
    let (small, large) = (tmp.path().join("small"), tmp.path().join("large"));
    run_ok(
        &input,
        &small,
        &["--config", path_str(&config(1)), "--format", "jsonl"],
    );
    run_ok(
        &input,
        &large,
        &["--config", path_str(&config(1024)), "--format", "jsonl"],
    );
    for sub in ["kept", "removed"] {
        assert_eq!(
            tree_bytes(&small.join(sub)),
            tree_bytes(&large.join(sub)),
            "{sub}"
        );
    }
    let s = stats(&small);
    assert_eq!(n(&s, "read"), 2500);
    assert!(n(&s, "removed") >= 1000, "{}", n(&s, "removed"));
    // Scratch files are gone; the saved states stay for a resume.
    let state = fs::read_dir(small.join(".ghirbal"))
        .expect("state folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect::<Vec<_>>();
    assert!(
        state
            .iter()
            .all(|name| !name.starts_with("stage-") || name.ends_with(".state")),
        "{state:?}"
    );
    assert!(
        state
            .iter()
            .any(|name| name.ends_with("minhash-dedup.state")),
        "{state:?}"
    );
}
