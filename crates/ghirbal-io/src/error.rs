//! Errors of the I/O layer (an underlying I/O error is the `source`, not repeated in the
//! message: `{:#}` prints the chain) that stop a run (a bad record never does: it becomes a
//! [`crate::Rejection`]).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum IoError {
    #[error("input {path}")]
    Input {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("input {path}: unsupported file type; expected .jsonl, .jsonl.gz, .jsonl.zst, .ndjson, .txt, .parquet, .warc(.gz|.zst) or .wet(.gz|.zst) (or a folder, or - for standard input)")]
    UnknownKind { path: PathBuf },
    #[error("input {path}: not a regular file (a FIFO, socket or device): ghirbal reads inputs from files it can read more than once; for a stream, pipe it into standard input: `cat {path} | ghirbal run - ...`")]
    NotAFile { path: PathBuf },
    #[error("input {second} is the same file as {first}: each input may be named once")]
    NamedTwice { first: PathBuf, second: PathBuf },
    #[error("input {path} changed during the run ({message}): whole-corpus decisions would come from another corpus than the one written; rerun once the inputs no longer change")]
    Changed { path: PathBuf, message: String },
    #[error("output {path}")]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("output {path}: Parquet: {message}")]
    Parquet { path: PathBuf, message: String },
    #[error("output {path}: {message}")]
    Resume { path: PathBuf, message: String },
}
