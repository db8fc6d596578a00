//! Each step runs once per document, however many whole-corpus stages follow it: the passes
//! of the stages continue from a spool instead of running the steps before them again. (A
//! test binary of its own: the `count` toy counts calls for the whole process.)

mod toy;

use ghirbal_pipeline::{run, ConfigFile, NoProgress, RunOptions};
use toy::Toys;

#[test]
fn each_step_runs_once_per_document_and_the_spools_are_gone() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    let mut text = String::new();
    for i in 0..3000 {
        // Every third text repeats an earlier one; every fifth is too short.
        let body = if i % 5 == 0 {
            "قصير".to_string()
        } else {
            format!("النص رقم {} هنا", i - i % 3)
        };
        text.push_str(&serde_json::json!({"id": i, "text": body}).to_string());
        text.push('\n');
    }
    std::fs::write(&input, text).expect("write");
    let config = ConfigFile::parse(
        "version = 1\n[[steps]]\ntype = 'count'\n[[steps]]\ntype = 'length'\nmin_chars = 6\n\
         [[steps]]\ntype = 'dedup'\n[[steps]]\ntype = 'count'\n[[steps]]\ntype = 'dedup'\n\
         [[steps]]\ntype = 'count'\n",
        "toys",
        &Toys,
    )
    .expect("valid");
    for threads in [1, 2] {
        let before = toy::calls();
        let out = tmp.path().join(format!("out{threads}"));
        let mut opts = RunOptions::new(vec![input.clone()], out.clone(), config.clone());
        opts.threads = threads;
        opts.batch_docs = 97;
        let report = run(&opts, &Toys, &NoProgress).expect("runs");
        let counted: u64 = report
            .stats
            .counts
            .steps
            .iter()
            .filter(|s| s.name == "count")
            .map(|s| s.docs_in)
            .sum();
        assert_eq!(toy::calls() - before, counted, "threads {threads}");
        // The first count sees all 3000, the second the 2400 long ones less the copies.
        assert_eq!(report.stats.counts.steps[0].docs_in, 3000);
        assert_eq!(report.stats.counts.read, 3000);
        assert!(report.stats.counts.balanced());
        assert!(report.stats.spool_bytes > 0);
        assert_eq!(report.stats.observation_passes.len(), 2);
        let state = out.join(".ghirbal");
        let left: Vec<_> = std::fs::read_dir(&state)
            .expect("state folder")
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with("spool"))
            .collect();
        assert!(left.is_empty(), "spools left behind: {left:?}");
    }
}

/// A stage with nothing before it has no work to save: its pass writes no spool, and the next
/// pass reads the inputs again, counting each record once.
#[test]
fn a_first_stage_reads_the_inputs_again_instead_of_a_spool() {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    let text: String = (0..500)
        .map(|i| {
            serde_json::json!({"id": i, "text": format!("النص {}", i % 250)}).to_string() + "\n"
        })
        .collect();
    std::fs::write(&input, text).expect("write");
    let config = ConfigFile::parse(
        "version = 1\n[[steps]]\ntype = 'dedup'\n[[steps]]\ntype = 'length'\nmin_chars = 2\n",
        "toys",
        &Toys,
    )
    .expect("valid");
    let out = tmp.path().join("out");
    let report = run(
        &RunOptions::new(vec![input], out.clone(), config),
        &Toys,
        &NoProgress,
    )
    .expect("runs");
    let counts = &report.stats.counts;
    assert_eq!((counts.read, counts.kept, counts.removed), (500, 250, 250));
    assert!(counts.balanced());
    assert_eq!(report.stats.spool_bytes, 0);
    assert!(!out.join(".ghirbal/spool-1").exists());
}
