//! From configuration to finished output: [`config`] parses and resolves TOML configurations and
//! presets into a pipeline of steps and stages; [`executor`] runs it over the inputs in
//! parallel with bounded memory and the same output for every thread count, checkpointing so
//! that an interrupted run can be resumed.

pub mod config;
mod error;
pub mod executor;
pub mod inspect;
mod output;

pub use config::{ConfigFile, ReaderConfig, WriterConfig};
pub use error::PipelineError;
pub use executor::{run, NoProgress, Outcome, Progress, RunOptions, RunReport, StatsFile};
pub use inspect::{inspect, InspectOptions, Inspection, Target};
