//! Errors of the I/O layer that stop a run (a bad record never does: it becomes a
//! [`crate::Rejection`]).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum IoError {
    #[error("input {path}: {source}")]
    Input {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("input {path}: unsupported file type; expected .jsonl, .jsonl.gz, .jsonl.zst, .ndjson, .txt or .parquet (or a folder, or - for standard input)")]
    UnknownKind { path: PathBuf },
    #[error("output {path}: {source}")]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("output {path}: Parquet: {message}")]
    Parquet { path: PathBuf, message: String },
    #[error("output {path}: {message}")]
    Resume { path: PathBuf, message: String },
}
