//! The step catalog contract: how a configuration's step tables (`[[steps]]`, each with a
//! `type` and that type's options) become pipeline [`Element`]s.
//!
//! The pipeline resolves configurations and runs them without knowing any step type; whoever
//! wires the program (the `ghirbal` binary) hands it a [`StepCatalog`] that does. So the
//! pipeline compiles, and is tested, without compiling a single real step, and a program with
//! other steps needs no change to the pipeline.

use crate::{Element, StepInfo};

/// A configuration error in one step's table.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("step #{index}: missing `type` (one of: {known})")]
    MissingType { index: usize, known: String },
    #[error("step #{index}: unknown step type \"{name}\" (one of: {known}; `ghirbal steps` lists them with their options)")]
    UnknownStep {
        index: usize,
        name: String,
        known: String,
    },
    #[error("step #{index} ({name}): {message}")]
    BadOptions {
        index: usize,
        name: String,
        message: String,
    },
}

/// A built step and its options with every default filled in (what `OUT/config.toml` records,
/// so that a run can be repeated).
pub struct Built {
    pub element: Element,
    pub resolved: toml::Table,
}

/// How a step uses the file that one of its options names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileUse {
    /// Read when the step is built or while it runs: part of what the run depends on.
    Read,
    /// Written by the run.
    Write,
}

/// What a visitor of file options is handed: the option's name, how the step uses the file,
/// and the path as written, which the visitor may rewrite.
pub type PathVisitor<'a> =
    dyn FnMut(&'static str, FileUse, &mut String) -> Result<(), ConfigError> + 'a;

/// The step types a program knows: builds each from its table, and says which options name
/// files. [`StepCatalog::enable_annotations`] follows from the three it requires.
pub trait StepCatalog {
    /// Builds the `index`-th step (1-based, for messages) of a configuration from its table.
    fn build(&self, index: usize, table: &toml::Table) -> Result<Built, ConfigError>;

    /// Calls `f` with every file path among the options of a step's table (the pipeline makes
    /// relative paths absolute against the configuration file's folder, and hashes the files
    /// read). A table of an unknown type, and a value of the wrong type, are left alone:
    /// building the step reports them.
    fn visit_paths(
        &self,
        table: &mut toml::Table,
        f: &mut PathVisitor<'_>,
    ) -> Result<(), ConfigError>;

    /// Every step type with its options, for help and for [`StepCatalog::enable_annotations`].
    fn step_types(&self) -> Vec<StepInfo>;

    /// Sets `annotate = true` on every step whose type has that option, so that steps record
    /// their measured values and line-level edits in metadata (`ghirbal run --annotate`,
    /// `ghirbal inspect`).
    fn enable_annotations(&self, steps: &mut [toml::Table]) {
        let types = self.step_types();
        for table in steps {
            let ty = table
                .get("type")
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            let has = types
                .iter()
                .any(|i| i.name == ty && i.options.iter().any(|o| o.name == "annotate"));
            if has {
                table.insert("annotate".into(), toml::Value::Boolean(true));
            }
        }
    }
}
