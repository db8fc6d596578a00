//! Standard input for pipelines that read their input more than once: a whole-corpus stage
//! observes every document in a pass of its own, and standard input can be read only once. It
//! is first copied, zstd-compressed, into the run's state folder (`OUT/.ghirbal/stdin.jsonl.zst`,
//! recorded in the ledger), every pass reads that copy, and the copy is deleted when the run
//! has finished.

use crate::PipelineError;
use ghirbal_io::{InputFile, InputKind, Ledger};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The spool's name inside the state folder.
const STDIN_SPOOL: &str = "stdin.jsonl.zst";

/// Copies standard input into the state folder; returns the input to read instead, still
/// named `-` in ids and records.
pub(super) fn spool_stdin(ledger: &Ledger, state_dir: &Path) -> Result<InputFile, PipelineError> {
    spool_from(ledger, state_dir, &mut io::stdin().lock())
}

fn spool_from(
    ledger: &Ledger,
    state_dir: &Path,
    input: &mut dyn io::Read,
) -> Result<InputFile, PipelineError> {
    let path = state_dir.join(STDIN_SPOOL);
    let err = |source| PipelineError::File {
        path: path.clone(),
        source,
    };
    ledger.file(&path)?;
    let file = std::fs::File::create(&path).map_err(err)?;
    // Level 1: the spool is read back once per pass and then deleted; speed matters more
    // than its size.
    let mut z = zstd::Encoder::new(io::BufWriter::new(file), 1).map_err(err)?;
    io::copy(input, &mut z).map_err(err)?;
    z.finish().map_err(err)?.flush().map_err(err)?;
    let mut spooled = ghirbal_io::input::describe(&path, InputKind::Jsonl)?;
    spooled.name = Some("-".to_string());
    Ok(spooled)
}

/// Deletes the spool of standard input once the run no longer needs it.
pub(super) fn remove(ledger: &Ledger, spool: &Option<PathBuf>) -> Result<(), PipelineError> {
    if let Some(path) = spool {
        std::fs::remove_file(path).map_err(|source| PipelineError::File {
            path: path.clone(),
            source,
        })?;
        ledger.gone(path)?;
    }
    Ok(())
}
