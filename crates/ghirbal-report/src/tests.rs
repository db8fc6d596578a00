//! Unit tests of the report: escaping of corpus text, determinism, the size bound, loading.

use super::*;
use ghirbal_core::{BottomK, Mark, Metric, Sample, Scale};
use serde_json::json;

fn stats(threads: u64, wall: f64) -> Value {
    json!({
        "ghirbal_version": "0.1.0",
        "read": 10, "kept": 6, "removed": 3, "rejected": 1, "skipped": 0,
        "skipped_by_reason": {}, "bytes_read": 1000, "bytes_kept": 600,
        "rejected_by_error": {"invalid_json": 1},
        "steps": [
            {"name": "length", "kind": "step", "docs_in": 9, "docs_out": 7, "removed": {"too_short": 2},
             "errors": 0, "bytes_in": 900, "bytes_out": 700, "seconds": wall / 3.0},
            {"name": "boilerplate", "kind": "step", "docs_in": 7, "docs_out": 6, "removed": {"empty": 1},
             "errors": 0, "counters": {"lines_removed:phrase": 4}, "bytes_in": 700, "bytes_out": 600,
             "seconds": wall / 2.0}
        ],
        "outputs": {"kept": [], "removed": [], "rejected": []},
        "inputs": ["in.jsonl"], "empty_inputs": [], "skipped_files": [],
        "outcome": "completed", "wall_seconds": wall, "observation_passes": [], "spool_bytes": 0,
        "threads": threads
    })
}

fn sample(hash: u64, text: &str, step: &str, code: &str) -> Sample {
    Sample {
        hash,
        input: "in.jsonl".into(),
        line: hash,
        id: format!("doc-{hash}"),
        text: text.into(),
        truncated_from: None,
        step: step.into(),
        code: code.into(),
        detail: if code.is_empty() {
            String::new()
        } else {
            "12 < 50".into()
        },
        marks: Vec::new(),
    }
}

fn observations() -> Observations {
    let mut obs = Observations::new(&[
        (
            "length".to_string(),
            vec![Metric::new("chars", "characters", Scale::COUNT).min(50.0, "too_short")],
        ),
        ("boilerplate".to_string(), Vec::new()),
    ]);
    obs.elements[0].add("chars", 12.0);
    obs.elements[0].add("chars", 400.0);
    obs.length_kept.add(&Scale::COUNT, 600.0);
    obs.kept
        .offer(5, || sample(5, "نص عربي محفوظ\nسطر ثان", "", ""));
    obs.removed_sample("length", "too_short").offer(7, || {
        let mut s = sample(7, "قصير", "length", "too_short");
        s.marks.push(Mark {
            line: 1,
            rule: "boilerplate/phrase".into(),
            text: "اقرأ أيضا".into(),
        });
        s
    });
    obs
}

fn input(threads: u64, wall: f64, obs: Option<Observations>) -> ReportInput {
    ReportInput {
        stats: stats(threads, wall),
        config_toml: format!(
            "# The resolved configuration\n# Command: ghirbal run in.jsonl -o OUT -j {threads}\nversion = 1\n[[steps]]\ntype = \"length\"\n"
        ),
        observations: obs,
    }
}

/// The JSON of the `<script type="application/json" id=ID>` element, as a browser reads it.
fn block(html: &str, id: &str) -> Value {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = html.find(&open).expect("block present") + open.len();
    let end = start + html[start..].find("</script>").expect("block closed");
    serde_json::from_str(&html[start..end]).expect("block is JSON")
}

#[test]
fn hostile_document_text_stays_inside_the_data_block() {
    let mut obs = observations();
    let hostile = "</script><img src=x onerror=alert(1)><!--<script>\u{2028}\u{2029}{{JS}}";
    obs.kept.offer(1, || sample(1, hostile, "", ""));
    let html = render(&input(2, 1.0, Some(obs)), true);
    // Three script elements (data, run, code), each closed once: the text closed none.
    assert_eq!(html.matches("</script>").count(), 3);
    // Script data may hold `<img`: it is text there. Outside the data block there is none.
    let open = "<script type=\"application/json\" id=\"ghirbal-data\">";
    let start = html.find(open).expect("data block") + open.len();
    let end = start + html[start..].find("</script>").expect("closed");
    assert!(!html[..start].contains("<img") && !html[end..].contains("<img"));
    assert!(html[start..end].contains("<img"));
    assert!(!html.contains("<!--"));
    assert!(!html.contains('\u{2028}'));
    // The text is read back unchanged, and the placeholder in it was not filled.
    let data = block(&html, "ghirbal-data");
    let texts: Vec<&str> = data["samples"]
        .as_array()
        .expect("samples")
        .iter()
        .filter_map(|s| s["text"].as_str())
        .collect();
    assert!(texts.contains(&hostile), "{texts:?}");
    // The script never builds markup from strings.
    assert!(!JS.contains("innerHTML") && !JS.contains("outerHTML"));
    assert!(!JS.contains("insertAdjacentHTML") && !JS.contains("document.write"));
}

#[test]
fn escaping_keeps_json_valid() {
    let s = json!({"t": "a</b<!--c\u{2028}d\u{2029}<e"}).to_string();
    let e = escape_json_for_script(&s);
    assert_eq!(e, r#"{"t":"a<\/b\u003c!--c\u2028d\u2029<e"}"#);
    assert_eq!(
        serde_json::from_str::<Value>(&e).expect("valid"),
        json!({"t": "a</b<!--c\u{2028}d\u{2029}<e"})
    );
}

#[test]
fn stable_reports_ignore_threads_and_timing() {
    let one = render(&input(1, 3.5, Some(observations())), true);
    let two = render(&input(2, 1.25, Some(observations())), true);
    assert_eq!(one, two);
    assert_eq!(block(&one, "ghirbal-run"), json!({}));
    // Without --stable, only the run block differs.
    let one = render(&input(1, 3.5, Some(observations())), false);
    let two = render(&input(2, 1.25, Some(observations())), false);
    let differing: Vec<(&str, &str)> = one
        .lines()
        .zip(two.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(differing.len(), 1);
    assert!(differing[0].0.contains("id=\"ghirbal-run\""));
    let run = block(&one, "ghirbal-run");
    assert_eq!(run["threads"], 1);
    assert_eq!(run["step_seconds"].as_array().map(Vec::len), Some(2));
    let data = block(&one, "ghirbal-data");
    assert!(data.get("threads").is_none() && data.get("wall_seconds").is_none());
    assert!(data["steps"][0].get("seconds").is_none());
    // The command line (with -j) is the run's, not the configuration's.
    assert_eq!(run["command"], "ghirbal run in.jsonl -o OUT -j 1");
    let config = data["config"].as_str().expect("config");
    assert!(
        config.starts_with("# The resolved configuration\nversion = 1\n"),
        "{config}"
    );
}

#[test]
fn the_data_holds_funnel_metrics_and_samples() {
    let html = render(&input(2, 1.0, Some(observations())), true);
    assert!(html.contains("Content-Security-Policy"));
    assert!(!html.contains("{{"), "every placeholder filled");
    let data = block(&html, "ghirbal-data");
    assert_eq!(data["observed"], true);
    assert_eq!(data["read"], 10);
    let m = &data["steps"][0]["metrics"][0];
    assert_eq!(m["key"], "chars");
    assert_eq!(m["total"], 2);
    assert_eq!(m["limits"][0]["removes"], "below");
    assert_eq!(
        m["edges"].as_array().map(Vec::len),
        Some(Scale::COUNT.buckets() + 1)
    );
    let kinds: Vec<&str> = data["samples"]
        .as_array()
        .expect("samples")
        .iter()
        .filter_map(|s| s["kind"].as_str())
        .collect();
    // What was thrown away comes first.
    assert_eq!(kinds, ["removed", "kept"]);
    assert_eq!(data["samples"][0]["reason"], "length/too_short");
    assert_eq!(data["samples"][0]["marks"][0]["rule"], "boilerplate/phrase");
    assert_eq!(data["seen"]["removed:length/too_short"], 1);
}

#[test]
fn a_run_without_observations_still_renders() {
    let html = render(&input(2, 1.0, None), false);
    let data = block(&html, "ghirbal-data");
    assert_eq!(data["observed"], false);
    assert_eq!(data["samples"], json!([]));
    assert!(data["steps"][0].get("metrics").is_none());
}

/// `reasons` removal reasons, each with a full reservoir of long Arabic texts and struck lines.
fn worst_case(reasons: usize) -> Observations {
    let mut obs = observations();
    let text: String = "كلمة عربية طويلة ".repeat(60).chars().take(1_000).collect();
    let marks: Vec<Mark> = (0..20)
        .map(|i| Mark {
            line: i + 1,
            rule: "boilerplate/phrase".into(),
            text: "سطر محذوف من الصفحة ".repeat(5),
        })
        .collect();
    for r in 0..reasons {
        let b = obs
            .removed
            .entry(format!("step{r}/code{r}"))
            .or_insert_with(|| BottomK::new(8));
        for i in 0..8u64 {
            let h = (r as u64) * 1_000 + i;
            b.offer(h, || {
                let mut s = sample(h, &text, "step", "code");
                s.marks = marks.clone();
                s.truncated_from = Some(50_000);
                s
            });
        }
    }
    obs
}

#[test]
fn the_worst_catalogue_fits_in_five_megabytes() {
    let html = render(&input(2, 1.0, Some(worst_case(60))), false);
    assert!(html.len() < 5_000_000, "{} bytes", html.len());
    let data = block(&html, "ghirbal-data");
    assert_eq!(
        data["samples"].as_array().map(Vec::len),
        Some(1 + 1 + 60 * 8)
    );
}

#[test]
fn too_many_samples_are_cut_deterministically_keeping_every_reason() {
    let obs = worst_case(400);
    let html = render(&input(2, 1.0, Some(obs.clone())), true);
    assert!(html.len() < 5_000_000, "{} bytes", html.len());
    assert_eq!(html, render(&input(1, 9.0, Some(obs)), true));
    let data = block(&html, "ghirbal-data");
    let samples = data["samples"].as_array().expect("samples");
    assert!(samples.len() < 400 * 8);
    for r in 0..400 {
        let reason = format!("step{r}/code{r}");
        let kept: Vec<u64> = samples
            .iter()
            .filter(|s| s["reason"] == reason.as_str())
            .filter_map(|s| s["line"].as_u64())
            .collect();
        assert!(!kept.is_empty(), "{reason} lost every sample");
        // The smallest hashes stay.
        assert_eq!(kept[0], r as u64 * 1_000);
    }
    // The small reservoirs were not touched.
    assert!(samples.iter().any(|s| s["kind"] == "kept"));
}

#[test]
fn against_embeds_both_runs_and_a_samples() {
    let a = input(2, 1.0, Some(observations()));
    let mut b = input(1, 2.0, None);
    b.stats["kept"] = json!(4);
    let html = render_against(&a, &b, true);
    let data = block(&html, "ghirbal-data");
    assert_eq!(data["compare"], true);
    assert_eq!(data["a"]["kept"], 6);
    assert_eq!(data["b"]["kept"], 4);
    assert_eq!(data["a"]["samples"].as_array().map(Vec::len), Some(2));
    assert_eq!(data["b"].get("samples"), None);
    assert_eq!(block(&html, "ghirbal-run"), json!({}));
    let run = block(&render_against(&a, &b, false), "ghirbal-run");
    assert_eq!(run["b"]["threads"], 1);
}

#[test]
fn load_reads_a_folder_and_names_what_is_missing() {
    let dir = std::env::temp_dir().join(format!("ghirbal-report-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("mkdir");
    let err = load(&dir).expect_err("no stats");
    assert!(matches!(err, ReportError::NotOutput { .. }));
    assert!(err
        .to_string()
        .contains("is not a ghirbal output folder (no stats.json)"));
    std::fs::write(dir.join("stats.json"), "{\"x\": 1}").expect("write");
    assert!(matches!(load(&dir), Err(ReportError::NotStats { .. })));
    std::fs::write(dir.join("stats.json"), stats(2, 1.0).to_string()).expect("write");
    let got = load(&dir).expect("loads without config or observations");
    assert!(got.observations.is_none() && got.config_toml.is_empty());
    let obs = observations();
    let bytes = serde_json::to_vec(&obs).expect("json");
    std::fs::write(
        dir.join("observations.json.zst"),
        zstd::encode_all(&bytes[..], 3).expect("zstd"),
    )
    .expect("write");
    std::fs::write(dir.join("config.toml"), "version = 1\n").expect("write");
    let got = load(&dir).expect("loads");
    assert_eq!(got.observations, Some(obs));
    assert_eq!(got.config_toml, "version = 1\n");
    std::fs::write(dir.join("observations.json.zst"), b"not zstd").expect("write");
    assert!(matches!(load(&dir), Err(ReportError::Read { .. })));
    std::fs::remove_dir_all(&dir).expect("clean up");
}
