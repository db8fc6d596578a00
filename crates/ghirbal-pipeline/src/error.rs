//! Errors that stop a run. Bad records never do: they are rejected and counted.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("configuration {origin}: {message}")]
    Config { origin: String, message: String },
    #[error(transparent)]
    Step(#[from] ghirbal_core::ConfigError),
    #[error(transparent)]
    Io(#[from] ghirbal_io::IoError),
    #[error("{0}")]
    Usage(String),
    #[error("output {path} was written by a run with a different configuration or different inputs; use another output folder, or --overwrite to replace it")]
    ConfigChanged { path: PathBuf },
    #[error("output {path} holds {count} path(s) that ghirbal did not write{}; ghirbal writes only into a new or empty folder, or one that holds nothing but an earlier run's output (--overwrite removes only what ghirbal recorded as written). Move these away or choose another folder:\n{list}", if *older_version { " (or that an earlier version of ghirbal wrote without recording them: delete that output yourself)" } else { "" })]
    ForeignOutput {
        path: PathBuf,
        count: usize,
        list: String,
        older_version: bool,
    },
    #[error("output {path} is in use by another ghirbal run ({}); one output folder takes one run at a time: wait for it to finish, or choose another folder", if holder.is_empty() { "starting up" } else { holder.as_str() })]
    OutputLocked { path: PathBuf, holder: String },
    #[error("output {path} cannot be used")]
    OutputUnusable {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    State { path: PathBuf, message: String },
    #[error("stage {stage}")]
    Stage {
        stage: &'static str,
        source: ghirbal_core::StepError,
    },
    #[error("interrupted during {during}, after {records_done} records")]
    Interrupted { records_done: u64, during: String },
    #[error("internal error: {0}")]
    Internal(String),
}

impl PipelineError {
    /// True when the error is in what the user asked for (flags, configuration, inputs that
    /// cannot be read, an output folder that cannot be used), found before any work started,
    /// rather than a failure of the run itself; the CLI exits with 2 for these.
    pub fn is_usage(&self) -> bool {
        matches!(
            self,
            PipelineError::Config { .. }
                | PipelineError::Step(_)
                | PipelineError::Usage(_)
                | PipelineError::ConfigChanged { .. }
                | PipelineError::ForeignOutput { .. }
                | PipelineError::OutputLocked { .. }
                | PipelineError::OutputUnusable { .. }
                | PipelineError::Io(ghirbal_io::IoError::UnknownKind { .. })
                | PipelineError::Io(ghirbal_io::IoError::Input { .. })
                | PipelineError::Io(ghirbal_io::IoError::NotAFile { .. })
                | PipelineError::Io(ghirbal_io::IoError::NamedTwice { .. })
        )
    }
}
