//! From configuration to finished output: [`config`] parses and resolves TOML configurations and
//! presets into a pipeline of steps and stages; [`executor`] runs it over the inputs in
//! parallel with bounded memory and the same output for every thread count, checkpointing so
//! that an interrupted run can be resumed.
//! [`records`] judges records in memory, one after another, as a run's final pass would
//! (the Python bindings' `Pipeline.process`).
//!
//! The pipeline knows no step type: the caller hands it a [`ghirbal_core::StepCatalog`] (the
//! `ghirbal` binary hands ghirbal-steps' registry), so this crate builds and is tested without
//! compiling a real step; its tests use the toy steps of `tests/toy/`.

pub mod config;
mod error;
pub mod executor;
pub mod inspect;
mod output;
pub mod records;

// The toy step types, shared with the integration tests.
#[cfg(test)]
#[path = "../tests/toy/mod.rs"]
mod toy;

pub use config::{ConfigFile, ReaderConfig, WriterConfig};
pub use error::PipelineError;
pub use executor::distributed;
pub use executor::{
    run, write_page, NoProgress, Outcome, Progress, RunOptions, RunReport, StatsFile,
    OBSERVATIONS_FILE, REPORT_FILE,
};
pub use inspect::{inspect, InspectOptions, Inspection, Target};
pub use records::InMemory;
