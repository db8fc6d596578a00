//! The configuration file: TOML, `version = 1`, unknown fields refused everywhere, then
//! resolved (every default filled in) and written beside the output so any run can be repeated.
//!
//! ```toml
//! version = 1
//! [reader]
//! text_field = "content"
//! [writer]
//! format = "parquet"
//! [[steps]]
//! type = "length"
//! min_chars = 50
//! ```

use crate::PipelineError;
use ghirbal_core::Element;
use ghirbal_io::{FieldOptions, OutputFormat};
use serde::{Deserialize, Serialize};

pub const CONFIG_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    /// Format version of this file; only 1 exists.
    pub version: u32,
    #[serde(default)]
    pub reader: ReaderConfig,
    #[serde(default)]
    pub writer: WriterConfig,
    /// The steps in order; each table has a `type` and that type's options.
    #[serde(default)]
    pub steps: Vec<toml::Table>,
}

/// How records are read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReaderConfig {
    /// Field holding the document id (a record without one gets `<file>:<line>`).
    pub id_field: String,
    /// Field holding the text.
    pub text_field: String,
    /// Larger records are rejected (`too_large`) without being held in memory.
    pub max_doc_bytes: u64,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        let f = FieldOptions::default();
        Self {
            id_field: f.id_field,
            text_field: f.text_field,
            max_doc_bytes: 64 << 20,
        }
    }
}

impl ReaderConfig {
    pub fn fields(&self) -> FieldOptions {
        FieldOptions {
            id_field: self.id_field.clone(),
            text_field: self.text_field.clone(),
        }
    }
}

/// How outputs are written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WriterConfig {
    /// `jsonl.zst`, `jsonl.gz`, `jsonl` or `parquet` (kept and removed; rejected records are
    /// always JSON lines, zstd-compressed when the format is `parquet`).
    pub format: OutputFormat,
    /// A shard is closed before it grows past this many bytes (as written, compressed).
    pub shard_bytes: u64,
    /// zstd compression level for `jsonl.zst` (1–19; 3 is zstd's own default).
    pub zstd_level: i32,
}

impl Default for WriterConfig {
    fn default() -> Self {
        Self {
            format: OutputFormat::JsonlZst,
            shard_bytes: 256 << 20,
            zstd_level: 3,
        }
    }
}

impl ConfigFile {
    /// Parses a configuration; `origin` names it in error messages.
    pub fn parse(text: &str, origin: &str) -> Result<Self, PipelineError> {
        let cfg: ConfigFile = toml::from_str(text).map_err(|e| PipelineError::Config {
            origin: origin.to_string(),
            message: e.to_string(),
        })?;
        if cfg.version != CONFIG_VERSION {
            return Err(PipelineError::Config {
                origin: origin.to_string(),
                message: format!(
                    "version = {} is not supported (this ghirbal reads version = {CONFIG_VERSION})",
                    cfg.version
                ),
            });
        }
        if !(1..=22).contains(&cfg.writer.zstd_level) {
            return Err(PipelineError::Config {
                origin: origin.to_string(),
                message: format!(
                    "writer.zstd_level = {} is outside 1..=22",
                    cfg.writer.zstd_level
                ),
            });
        }
        if cfg.reader.max_doc_bytes == 0 || cfg.writer.shard_bytes == 0 {
            return Err(PipelineError::Config {
                origin: origin.to_string(),
                message: "reader.max_doc_bytes and writer.shard_bytes must be positive".into(),
            });
        }
        Ok(cfg)
    }

    /// Builds the pipeline and returns it with the configuration in which every step's options
    /// are spelled out.
    pub fn resolve(&self) -> Result<(Vec<Element>, ConfigFile), PipelineError> {
        let mut elements = Vec::with_capacity(self.steps.len());
        let mut resolved = self.clone();
        resolved.steps.clear();
        for (i, table) in self.steps.iter().enumerate() {
            let built = ghirbal_steps::build(i + 1, table)?;
            elements.push(built.element);
            resolved.steps.push(built.resolved);
        }
        Ok((elements, resolved))
    }

    pub fn to_toml(&self) -> Result<String, PipelineError> {
        toml::to_string(self).map_err(|e| PipelineError::Internal(e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_fields_are_refused() {
        let err = ConfigFile::parse("version = 1\nstepz = []", "t").expect_err("refused");
        assert!(err.to_string().contains("stepz"), "{err}");
        let err = ConfigFile::parse("version = 1\n[writer]\nformatt = 'jsonl'", "t")
            .expect_err("refused");
        assert!(err.to_string().contains("formatt"), "{err}");
    }

    #[test]
    fn version_is_required_and_checked() {
        assert!(ConfigFile::parse("", "t").is_err());
        let err = ConfigFile::parse("version = 2", "t").expect_err("refused");
        assert!(err.to_string().contains("version = 2"), "{err}");
    }

    #[test]
    fn resolved_config_round_trips() {
        let cfg = ConfigFile::parse(
            "version = 1\n[[steps]]\ntype = 'length'\n[writer]\nformat = 'parquet'",
            "t",
        )
        .expect("valid");
        let (elements, resolved) = cfg.resolve().expect("resolves");
        assert_eq!(elements.len(), 1);
        let text = resolved.to_toml().expect("serializes");
        let again = ConfigFile::parse(&text, "resolved").expect("reparses");
        assert_eq!(again, resolved);
        assert!(text.contains("min_chars"), "{text}");
    }
}
