//! Run statistics: the accounting identity `read = kept + removed + rejected + skipped`, and
//! per-step counts, removals by reason code, bytes and time.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Counts for one step of the pipeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepStats {
    pub name: String,
    /// `"step"` or `"stage"`.
    pub kind: String,
    pub docs_in: u64,
    pub docs_out: u64,
    /// Removals by reason code.
    pub removed: BTreeMap<String, u64>,
    /// Documents this step could not judge (rejected with the step's error).
    pub errors: u64,
    /// What the step changed, by kind (for example `tatweel_removed`, `lines_removed`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub counters: BTreeMap<String, u64>,
    /// UTF-8 bytes of text entering the step, and leaving it in the documents it kept.
    pub bytes_in: u64,
    pub bytes_out: u64,
    /// Time spent in the step, summed over threads.
    pub seconds: f64,
}

impl StepStats {
    pub fn new(name: &str, kind: &str) -> Self {
        Self {
            name: name.to_string(),
            kind: kind.to_string(),
            ..Self::default()
        }
    }

    pub fn merge(&mut self, other: &StepStats) {
        self.docs_in += other.docs_in;
        self.docs_out += other.docs_out;
        for (code, n) in &other.removed {
            *self.removed.entry(code.clone()).or_default() += n;
        }
        self.errors += other.errors;
        for (k, n) in &other.counters {
            *self.counters.entry(k.clone()).or_default() += n;
        }
        self.bytes_in += other.bytes_in;
        self.bytes_out += other.bytes_out;
        self.seconds += other.seconds;
    }
}

/// Counts for a whole run, written to `OUT/stats.json`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunStats {
    /// Records read from the inputs: every one ends up kept, removed, rejected or skipped.
    pub read: u64,
    pub kept: u64,
    pub removed: u64,
    pub rejected: u64,
    /// Records that were never documents (a WARC file's request and metadata records, say),
    /// counted by reason in `skipped_by_reason`; not rejections: nothing was wrong with them.
    #[serde(default)]
    pub skipped: u64,
    #[serde(default)]
    pub skipped_by_reason: BTreeMap<String, u64>,
    /// Text bytes (UTF-8) of the documents read and of those kept, after editing steps.
    pub bytes_read: u64,
    pub bytes_kept: u64,
    /// Rejections by kind of error (`invalid_json`, `missing_text`, `too_large`, ...).
    pub rejected_by_error: BTreeMap<String, u64>,
    pub steps: Vec<StepStats>,
    /// What the run observed for its report (histograms, labels, samples): carried and merged
    /// with the counts, so checkpoints and passes keep it, but written to
    /// `observations.json.zst` rather than `stats.json`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observations: Option<crate::Observations>,
}

impl RunStats {
    /// True when every record read is accounted for.
    pub fn balanced(&self) -> bool {
        self.read == self.kept + self.removed + self.rejected + self.skipped
    }

    /// Records that were documents (or meant to be): kept, removed or rejected.
    pub fn documents(&self) -> u64 {
        self.kept + self.removed + self.rejected
    }

    /// Adds the counts of `other`, whose `steps` must describe the same pipeline.
    pub fn merge(&mut self, other: &RunStats) {
        self.read += other.read;
        self.kept += other.kept;
        self.removed += other.removed;
        self.rejected += other.rejected;
        self.skipped += other.skipped;
        for (reason, n) in &other.skipped_by_reason {
            *self.skipped_by_reason.entry(reason.clone()).or_default() += n;
        }
        self.bytes_read += other.bytes_read;
        self.bytes_kept += other.bytes_kept;
        for (code, n) in &other.rejected_by_error {
            *self.rejected_by_error.entry(code.clone()).or_default() += n;
        }
        if self.steps.is_empty() {
            self.steps = other.steps.clone();
        } else {
            for (mine, theirs) in self.steps.iter_mut().zip(&other.steps) {
                mine.merge(theirs);
            }
        }
        match (&mut self.observations, &other.observations) {
            (Some(mine), Some(theirs)) => mine.merge(theirs),
            (None, Some(theirs)) => self.observations = Some(theirs.clone()),
            _ => {}
        }
    }
}
