//! Saving what a whole-corpus stage decided, for a resumed run: JSON of the stage's own
//! record type, written in a stable order so that equal decisions give equal files.

use ghirbal_core::StepError;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::Hash;
use std::io::{Read, Write};

/// The entries of a map sorted by key.
pub fn sorted<K: Ord + Copy + Hash, V: Clone>(map: &HashMap<K, V>) -> Vec<(K, V)> {
    let mut v: Vec<(K, V)> = map.iter().map(|(k, v)| (*k, v.clone())).collect();
    v.sort_unstable_by_key(|e| e.0);
    v
}

pub fn save<T: Serialize>(
    step: &'static str,
    out: &mut dyn Write,
    state: &T,
) -> Result<bool, StepError> {
    serde_json::to_writer(out, state)
        .map_err(|e| StepError::stage(step, format!("cannot save state: {e}")))?;
    Ok(true)
}

pub fn load<T: DeserializeOwned>(step: &'static str, input: &mut dyn Read) -> Result<T, StepError> {
    serde_json::from_reader(input)
        .map_err(|e| StepError::stage(step, format!("unreadable saved state: {e}")))
}

/// What an observation checkpoint records: the spilled runs holding what was observed.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct ObservedRuns {
    pub runs: Vec<String>,
}

/// Spills `sorter` and writes the names of its runs.
pub fn checkpoint_sorter(
    step: &'static str,
    sorter: &std::sync::Mutex<crate::dedup::spill::Sorter>,
    out: &mut dyn Write,
) -> Result<bool, StepError> {
    let runs = sorter
        .lock()
        .map_err(|_| StepError::stage(step, "observed records poisoned by an earlier panic"))?
        .checkpoint()
        .map_err(|e| StepError::stage(step, format!("cannot spill observed records: {e}")))?;
    save(step, out, &ObservedRuns { runs })
}

/// Reads what [`checkpoint_sorter`] wrote and adopts the runs into `sorter`.
pub fn resume_sorter(
    step: &'static str,
    sorter: &mut std::sync::Mutex<crate::dedup::spill::Sorter>,
    input: &mut dyn Read,
) -> Result<(), StepError> {
    let saved: ObservedRuns = load(step, input)?;
    sorter
        .get_mut()
        .map_err(|_| StepError::stage(step, "observed records poisoned by an earlier panic"))?
        .adopt(&saved.runs)
        .map_err(|e| StepError::stage(step, e.to_string()))
}
