//! The contract every part of ghirbal shares: one [`Document`] type that flows through the
//! pipeline, the [`Step`] and [`Stage`] traits, [`Verdict`]s that carry a stable reason code and
//! a detail with the measured value against the limit, the run statistics, and the
//! [`StepCatalog`] through which a program tells the pipeline which step types exist.
//!
//! This crate does no I/O, so that steps can be tested on strings alone.

mod catalog;
mod document;
mod error;
mod observe;
mod shuffle;
mod stats;
mod step;
mod verdict;

pub use catalog::{Built, ConfigError, FileUse, PathVisitor, StepCatalog};
pub use document::{Document, Html, Metadata};
pub use error::StepError;
pub use observe::{
    cut_chars, cut_marks, BottomK, ElementObs, Hist, Limit, Mark, Metric, MetricObs, Observations,
    Sample, Scale, Side, OBSERVATIONS_VERSION, SAMPLE_KEPT, SAMPLE_MARK_CHARS, SAMPLE_PER_REASON,
    SAMPLE_PER_REJECTION, SAMPLE_TEXT_CHARS,
};
pub use shuffle::{bytes, MapOutput, Mapper, Shuffle, UnitPart};
pub use stats::{RunStats, StepStats};
pub use step::{is_scratch_file_name, Cx, Element, Observed, OptionInfo, Stage, Step, StepInfo};
pub use verdict::{Reason, Verdict};
