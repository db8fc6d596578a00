//! The accounting property, shared by the pipeline's test (toy steps) and the CLI's (the
//! default preset): whatever mix of good, short, duplicate and unreadable records goes in,
//! every record read is kept, removed or rejected, the rejected ones are exactly the unreadable
//! ones, and the shards hold what the counts say.

use ghirbal_core::StepCatalog;
use ghirbal_pipeline::{run, ConfigFile, NoProgress, RunOptions};
use proptest::prelude::*;

#[derive(Debug, Clone)]
pub enum Rec {
    Good(String),
    Short(String),
    Broken,
    NoText,
    BadUtf8,
}

pub fn rec() -> impl Strategy<Value = Rec> {
    prop_oneof![
        4 => "[ء-ي ]{20,60}".prop_map(Rec::Good),
        2 => prop::sample::select(vec!["الخبر الأول كاملاً هنا وبالتفصيل", "الخبر الثاني كاملاً هنا وبالتفصيل"])
            .prop_map(|s| Rec::Good(s.to_string())),
        1 => "[ء-ي]{0,5}".prop_map(Rec::Short),
        1 => Just(Rec::Broken),
        1 => Just(Rec::NoText),
        1 => Just(Rec::BadUtf8),
    ]
}

fn line(i: usize, r: &Rec) -> Vec<u8> {
    let mut out = match r {
        Rec::Good(t) | Rec::Short(t) => serde_json::json!({"id": i, "text": t})
            .to_string()
            .into_bytes(),
        Rec::Broken => b"{\"id\": 1, \"text\": ".to_vec(),
        Rec::NoText => b"{\"id\": 2}".to_vec(),
        Rec::BadUtf8 => b"{\"text\": \"\xc3\x28\"}".to_vec(),
    };
    out.push(b'\n');
    out
}

/// Runs `config` over `recs` with `threads` workers and batches of `batch`, and checks the
/// accounting.
pub fn holds(
    recs: &[Rec],
    threads: usize,
    batch: usize,
    config: ConfigFile,
    catalog: &dyn StepCatalog,
) -> Result<(), TestCaseError> {
    let tmp = tempfile::tempdir().expect("tmp");
    let input = tmp.path().join("in.jsonl");
    let bytes: Vec<u8> = recs
        .iter()
        .enumerate()
        .flat_map(|(i, r)| line(i, r))
        .collect();
    std::fs::write(&input, bytes).expect("write");
    let mut opts = RunOptions::new(vec![input], tmp.path().join("out"), config);
    opts.threads = threads;
    opts.batch_docs = batch;
    opts.checkpoint_every = 3;
    let report = run(&opts, catalog, &NoProgress).expect("runs");
    let c = &report.stats.counts;
    prop_assert_eq!(c.read, recs.len() as u64);
    prop_assert_eq!(c.read, c.kept + c.removed + c.rejected);
    let unreadable = recs
        .iter()
        .filter(|r| matches!(r, Rec::Broken | Rec::NoText | Rec::BadUtf8))
        .count();
    prop_assert_eq!(c.rejected, unreadable as u64);
    let per_step: u64 = c.steps.iter().flat_map(|s| s.removed.values()).sum();
    prop_assert_eq!(per_step, c.removed);
    let shard_docs = |v: &Vec<ghirbal_io::shards::ShardInfo>| v.iter().map(|s| s.docs).sum::<u64>();
    prop_assert_eq!(shard_docs(&report.stats.outputs.kept), c.kept);
    prop_assert_eq!(shard_docs(&report.stats.outputs.removed), c.removed);
    prop_assert_eq!(shard_docs(&report.stats.outputs.rejected), c.rejected);
    Ok(())
}
