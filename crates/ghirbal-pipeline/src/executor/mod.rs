//! Running a pipeline over the inputs: [`run`] (the final pass and the run's files),
//! `passes` (the spooled passes of whole-corpus stages), `spool` (the records between passes),
//! `batch` (judging and encoding one batch on a worker), `stream` (the reader, workers and
//! ordered writer threads), `resume` (checkpoints, saved stage state, the run's fingerprint)
//! and `observe` (observation passes that re-read the input, for `inspect`).
//!
//! Threads: one reader streams raw records in input order and cuts them into batches; worker
//! threads parse, run the steps, serialize and compress whole batches; the calling thread
//! writes batch results strictly in batch order. Batches are cut by record count and size only,
//! so batch contents, shard boundaries and output bytes do not depend on the thread count.
//! A fixed number of batch "slots" circulates between the reader and the writer: the reader
//! cannot run ahead of the writer by more than that, so memory does not grow with the corpus.
//!
//! Stages: a pipeline `s1 s2 STAGE s3` runs in two passes, and each element runs once per
//! document. Pass 1 reads the inputs, runs `s1 s2`, feeds every surviving document to
//! `STAGE.observe` and spools every record (living, removed or rejected, in input order) to
//! `OUT/.ghirbal/spool-1/`; pass 2 reads the spool, applies `STAGE`'s decisions, runs `s3` and
//! writes. Each extra stage adds a pass and a spool; a spool is deleted once read, so at most
//! two exist at a time, each about the size of the input as `jsonl.zst` (`stats.json` gives
//! the largest as `spool_bytes`).
//!
//! Resume: every `checkpoint_every` batches of the final pass the writers flush to disk and
//! `OUT/.ghirbal/checkpoint.json` records how many records are done, the shard states and the
//! statistics so far. A rerun with the same configuration and inputs cuts the outputs back to
//! the checkpoint and continues from the next record; the batches that follow are cut exactly as
//! in an uninterrupted run, so the finished output is the same.
//!
//! Stages take part: once a stage has decided, its decisions are saved
//! (`OUT/.ghirbal/stage-N-NAME.state`, with `pass-N.json`) and a rerun restores them without
//! running the pass again; during a pass, every 16 × `checkpoint_every` batches once `observe_checkpoint_secs`
//! have passed since the last time, a stage that can (the
//! deduplication stages) spills what it has observed and `stage-N-NAME.observed` records the
//! runs and where the pass and its spool stood, so a rerun resumes the pass from there. Documents that
//! other threads observed past that point are observed again; such stages ignore repeats.

mod batch;
pub mod distributed;
mod observe;
mod passes;
mod resume;
mod run;
mod spool;
mod stream;

pub(crate) use batch::remove_prepared;
pub use passes::PassTime;
pub use resume::{write_page, OBSERVATIONS_FILE, REPORT_FILE};
pub use run::run;

pub(crate) use observe::{observe_stages, PassPlan};
pub(crate) use stream::{resolve_threads, Shape, Take};

use crate::config::ConfigFile;
use ghirbal_core::RunStats;
use ghirbal_io::shards::ShardInfo;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use std::sync::Arc;

/// Everything a run needs.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub inputs: Vec<PathBuf>,
    pub output: PathBuf,
    pub config: ConfigFile,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Replace an output written with another configuration (or by something else).
    pub overwrite: bool,
    /// The command line, recorded in `OUT/config.toml`.
    pub command_line: String,
    /// A batch is cut at this many records or bytes, whichever comes first.
    pub batch_docs: usize,
    pub batch_bytes: usize,
    /// Batches of the final pass between checkpoints.
    pub checkpoint_every: u64,
    /// Least time between two checkpoints of an observation pass, in seconds: each one makes
    /// the deduplication stages write what they observed to disk, which a short pass does not
    /// need. 0 checks at every 16 × `checkpoint_every` batches.
    pub observe_checkpoint_secs: u64,
    /// Set from elsewhere (a Ctrl-C handler) to stop the run at the next batch, after a
    /// checkpoint, with [`PipelineError::Interrupted`].
    pub cancel: Option<Arc<std::sync::atomic::AtomicBool>>,
    /// Write `OUT/report.html`, the run report, once the run has finished (default true).
    pub report: bool,
}

impl RunOptions {
    fn cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

impl RunOptions {
    pub fn new(inputs: Vec<PathBuf>, output: PathBuf, config: ConfigFile) -> Self {
        Self {
            inputs,
            output,
            config,
            threads: 0,
            overwrite: false,
            command_line: String::new(),
            batch_docs: 1000,
            batch_bytes: 4 << 20,
            checkpoint_every: 16,
            observe_checkpoint_secs: 300,
            cancel: None,
            report: true,
        }
    }
}

/// Receives progress from the executor. Implementations must be cheap: they are called once
/// per batch from the writing thread.
pub trait Progress: Sync {
    /// A pass starts; `total_input_bytes` is known when every input is a file.
    fn pass(&self, _label: &str, _total_input_bytes: Option<u64>) {}
    /// After each batch: documents and text bytes in it, and input bytes read so far.
    fn advance(&self, _docs: u64, _text_bytes: u64, _input_bytes: u64) {}
    fn pass_done(&self) {}
}

/// A [`Progress`] that ignores everything.
pub struct NoProgress;
impl Progress for NoProgress {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Ran from the start.
    Completed,
    /// Continued an interrupted run (from `StatsFile::resumed_from_record`).
    Resumed,
    /// The output was already complete for this configuration; nothing was done.
    AlreadyComplete,
}

/// The content of `OUT/stats.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatsFile {
    pub ghirbal_version: String,
    #[serde(flatten)]
    pub counts: RunStats,
    pub outputs: Outputs,
    pub inputs: Vec<String>,
    /// Inputs that held no record.
    pub empty_inputs: Vec<String>,
    /// How each `.json` input held its records: "array" (one JSON array) or "lines".
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub json_inputs: std::collections::BTreeMap<String, String>,
    /// Files inside input folders that ghirbal does not read (by name).
    pub skipped_files: Vec<String>,
    pub outcome: Outcome,
    /// The record an interrupted run was resumed from (with `outcome = "resumed"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resumed_from_record: Option<u64>,
    /// Wall-clock seconds of the last invocation (not of the interrupted ones before it).
    pub wall_seconds: f64,
    /// Wall-clock time of each stage's pass and finish, in this invocation.
    #[serde(default)]
    pub observation_passes: Vec<PassTime>,
    /// The largest spool between two passes, compressed (0 without whole-corpus stages): the
    /// disk a run with stages needs beyond its outputs, at most twice this at any moment.
    #[serde(default)]
    pub spool_bytes: u64,
    pub threads: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Outputs {
    pub kept: Vec<ShardInfo>,
    pub removed: Vec<ShardInfo>,
    pub rejected: Vec<ShardInfo>,
    /// Tag mode: the attributes of the kept documents, shard for shard.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<ShardInfo>,
}

/// What `run` returns to the caller.
#[derive(Debug, Clone)]
pub struct RunReport {
    pub stats: StatsFile,
    pub output: PathBuf,
}

impl RunReport {
    /// A message when more than `limit` of the records that were meant to be documents (a
    /// WARC's request records are skipped, not rejected) could not be read: such a run is
    /// almost surely misconfigured. `limit_name` and `field_name` are the caller's spelling of
    /// the limit and of the text field option (`--max-rejected`, `--text-field` on the
    /// command line).
    pub fn too_many_rejected(
        &self,
        limit: f64,
        limit_name: &str,
        field_name: &str,
        text_field: &str,
    ) -> Option<String> {
        let c = &self.stats.counts;
        let share = if c.documents() == 0 {
            0.0
        } else {
            c.rejected as f64 / c.documents() as f64
        };
        let out = self.output.display();
        (share > limit).then(|| {
            format!(
                "{:.1} % of the records ({} of {}) could not be read, more than {limit_name} {limit}: is {field_name} \"{text_field}\" right? The reasons are in {out}/stats.json (rejected_by_error) and the records in {out}/rejected/",
                100.0 * share,
                c.rejected,
                c.documents(),
            )
        })
    }
}
