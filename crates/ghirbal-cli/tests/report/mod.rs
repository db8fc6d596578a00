//! `ghirbal report`: the HTML page of a run's output folder, its data block, its escaping of
//! corpus text, byte-identical `--stable` reports, `--against`, and the errors a user meets.

use super::*;
use ghirbal_core::{Observations, Sample};

/// The JSON of `<script type="application/json" id=ID>`, as the page's script reads it.
fn block(html: &str, id: &str) -> Value {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = html.find(&open).expect("block present") + open.len();
    let end = start + html[start..].find("</script>").expect("block closed");
    serde_json::from_str(&html[start..end]).expect("block is JSON")
}

fn report(args: &[&str]) -> Output {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    ghirbal(&all)
}

fn report_ok(args: &[&str]) -> String {
    let o = report(args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}

#[test]
fn the_sample_runs_report_holds_its_counts_and_configuration() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    run_ok(&sample_dir(), &out, &[]);
    let printed = report_ok(&[path_str(&out)]);
    let page = out.join("report.html");
    assert_eq!(Path::new(&printed), page);
    let html = fs::read_to_string(&page).expect("report written");
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.len() < 5_000_000);
    let data = block(&html, "ghirbal-data");
    let s = stats(&out);
    assert_eq!(data["read"], s["read"]);
    assert_eq!(data["kept"], s["kept"]);
    assert_eq!(
        data["steps"].as_array().map(Vec::len),
        s["steps"].as_array().map(Vec::len)
    );
    assert!(data["config"]
        .as_str()
        .is_some_and(|c| c.contains("[[steps]]")));
    let run = block(&html, "ghirbal-run");
    assert_eq!(run["threads"], s["threads"]);
    // No temporary file left beside it.
    let names: Vec<String> = fs::read_dir(&out)
        .expect("list")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn a_folder_with_its_report_can_still_be_overwritten_by_a_run() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    run_ok(&sample_dir(), &out, &["--preset", "none", "--no-report"]);
    assert!(!out.join("report.html").exists());
    report_ok(&[path_str(&out)]);
    // The report is recorded as ghirbal's own, so the folder is not refused as foreign.
    run_ok(&sample_dir(), &out, &["--preset", "none", "--overwrite"]);
    assert!(out.join("report.html").exists());
}

#[test]
fn a_run_writes_its_report_unless_told_not_to() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    run_ok(&sample_dir(), &out, &["--preset", "full"]);
    let written = fs::read(out.join("report.html")).expect("the run wrote its report");
    // The same page `ghirbal report` makes from the folder, byte for byte.
    let again = tmp.path().join("again.html");
    report_ok(&[path_str(&out), "-o", path_str(&again)]);
    assert_eq!(written, fs::read(&again).expect("written"));
    let data = block(&String::from_utf8_lossy(&written), "ghirbal-data");
    assert_eq!(data["observed"], true);
    assert!(data["samples"].as_array().is_some_and(|s| !s.is_empty()));

    let quiet = tmp.path().join("quiet");
    run_ok(&sample_dir(), &quiet, &["--no-report"]);
    assert!(!quiet.join("report.html").exists());
    // Run again, the finished run gets the report it did not write.
    run_ok(&sample_dir(), &quiet, &[]);
    assert!(quiet.join("report.html").exists());
}

#[test]
fn stable_reports_are_identical_for_any_thread_count() {
    let tmp = tempfile::tempdir().expect("tmp");
    let one = tmp.path().join("one");
    let two = tmp.path().join("two");
    run_ok(&sample_dir(), &one, &["-j", "1", "--no-report"]);
    run_ok(&sample_dir(), &two, &["-j", "2", "--no-report"]);
    let page = |out: &Path, name: &str| {
        let file = tmp.path().join(name);
        report_ok(&[path_str(out), "--stable", "-o", path_str(&file)]);
        fs::read(&file).expect("written")
    };
    let a = page(&one, "a.html");
    assert_eq!(a, page(&one, "again.html"));
    assert_eq!(a, page(&two, "b.html"));
    // Without --stable only the run block (threads, timings, the command line) differs.
    let one_html = fs::read_to_string(one.join("report.html")).unwrap_or_default();
    assert!(one_html.is_empty(), "-o writes only where it is told");
    report_ok(&[path_str(&one)]);
    report_ok(&[path_str(&two)]);
    let x = fs::read_to_string(one.join("report.html")).expect("one");
    let y = fs::read_to_string(two.join("report.html")).expect("two");
    let differing: Vec<&str> = x
        .lines()
        .zip(y.lines())
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a)
        .collect();
    assert_eq!(differing.len(), 1, "{differing:?}");
    assert!(differing[0].contains("id=\"ghirbal-run\""));
}

#[test]
fn hostile_document_text_renders_inert() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = tmp.path().join("out");
    run_ok(&sample_dir(), &out, &["--preset", "none"]);
    let hostile = "</script><img src=x onerror=alert(1)><!--<script>";
    let mut obs = Observations::new(&[]);
    obs.kept.offer(1, || Sample {
        hash: 1,
        input: "in.jsonl".into(),
        line: 0,
        id: hostile.into(),
        text: format!("نص {hostile}"),
        truncated_from: None,
        step: String::new(),
        code: String::new(),
        detail: String::new(),
        marks: Vec::new(),
    });
    let json = serde_json::to_vec(&obs).expect("json");
    fs::write(
        out.join("observations.json.zst"),
        zstd::encode_all(&json[..], 3).expect("zstd"),
    )
    .expect("write");
    let file = tmp.path().join("r.html");
    report_ok(&[path_str(&out), "-o", path_str(&file)]);
    let html = fs::read_to_string(&file).expect("written");
    // Data, run and code: three script elements, each closed once.
    assert_eq!(html.matches("</script>").count(), 3);
    assert!(!html.contains("<!--"));
    let data = block(&html, "ghirbal-data");
    assert_eq!(data["samples"][0]["id"], hostile);
    assert_eq!(data["samples"][0]["text"], format!("نص {hostile}"));
}

#[test]
fn against_compares_two_runs() {
    let tmp = tempfile::tempdir().expect("tmp");
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    run_ok(&sample_dir(), &a, &[]);
    run_ok(&sample_dir(), &b, &["--preset", "none"]);
    let file = tmp.path().join("ab.html");
    report_ok(&[
        path_str(&a),
        "--against",
        path_str(&b),
        "-o",
        path_str(&file),
    ]);
    let data = block(&fs::read_to_string(&file).expect("written"), "ghirbal-data");
    assert_eq!(data["compare"], true);
    assert_eq!(data["a"]["kept"], stats(&a)["kept"]);
    assert_eq!(data["b"]["kept"], stats(&b)["kept"]);
}

#[test]
fn a_folder_that_is_not_a_runs_output_is_a_usage_error() {
    let tmp = tempfile::tempdir().expect("tmp");
    let o = report(&[path_str(tmp.path())]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("is not a ghirbal output folder (no stats.json)"),
        "{err}"
    );
    assert!(!tmp.path().join("report.html").exists());
    // And the help says what the page shows and how to open it.
    let help = report(&["--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("funnel") && text.contains("browser"),
        "{text}"
    );
}
