//! The configuration file: TOML, `version = 1`, unknown fields refused everywhere, then
//! resolved (every default filled in) and written beside the output so any run can be repeated.
//!
//! The steps' own options are the business of the [`StepCatalog`] the caller hands in (the
//! `ghirbal` binary hands ghirbal-steps' registry): it builds each step from its table and says
//! which options name files. This module only knows the file's shape and what the paths mean.
//!
//! Options that name files (`boilerplate.extra_phrases_file`, a quality filter's `profile`
//! file, `minhash-dedup`'s `against` and `save_index`; each step declares its own) are made
//! absolute when the configuration is read: relative to the configuration file's folder for
//! [`ConfigFile::load`], to the current directory for text without a file (presets, the
//! command line). So `OUT/config.toml` names them absolutely and works from any folder, and
//! [`ConfigFile::files_read`] hashes the content of every file a run reads, for the run's
//! fingerprint.
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
use ghirbal_core::{ConfigError, Element, FileUse, StepCatalog};
use ghirbal_io::{FieldOptions, OutputFormat};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};

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
    /// Field holding a page's HTML in JSON and Parquet records: such a record is a page for
    /// the `extract` step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub html_field: Option<String>,
    /// Read only the first this many records (over all inputs, in input order): a quick trial
    /// on a big input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u64>,
    /// Keep this share of the records, chosen by a hash of each record's input and position
    /// with `sample_seed`: the same records whatever the thread count, pass or run. The
    /// others count as skipped (`not_sampled`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sample: Option<f64>,
    #[serde(skip_serializing_if = "is_zero")]
    pub sample_seed: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Default for ReaderConfig {
    fn default() -> Self {
        let f = FieldOptions::default();
        Self {
            id_field: f.id_field,
            text_field: f.text_field,
            max_doc_bytes: 64 << 20,
            html_field: None,
            limit: None,
            sample: None,
            sample_seed: 0,
        }
    }
}

impl ReaderConfig {
    pub fn fields(&self) -> FieldOptions {
        FieldOptions {
            id_field: self.id_field.clone(),
            text_field: self.text_field.clone(),
            html_field: self.html_field.clone(),
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
    /// Removed documents carry the text as it was read, before any step changed it, in the
    /// metadata field `text_as_read` (when the steps changed it): an `empty_after_removal`
    /// can then be audited.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub keep_original: bool,
    /// Tag mode: nothing is removed. Every document is written to `kept/` as the editing
    /// steps left it, and what the steps measured and would have removed goes to
    /// `attributes/`, one record per document, shard for shard beside `kept/`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tag: bool,
}

impl Default for WriterConfig {
    fn default() -> Self {
        Self {
            format: OutputFormat::JsonlZst,
            shard_bytes: 256 << 20,
            zstd_level: 3,
            keep_original: false,
            tag: false,
        }
    }
}

impl ConfigFile {
    /// Reads and parses a configuration file; relative file paths in step options are taken
    /// relative to the folder of `path` and made absolute.
    pub fn load(path: &Path, catalog: &dyn StepCatalog) -> Result<Self, PipelineError> {
        let origin = path.display().to_string();
        let config_error = |message: String| PipelineError::Config {
            origin: origin.clone(),
            message,
        };
        let text = std::fs::read_to_string(path)
            .map_err(|e| config_error(format!("cannot be read: {e}")))?;
        let absolute = std::path::absolute(path)
            .map_err(|e| config_error(format!("its folder cannot be found: {e}")))?;
        let folder = absolute
            .parent()
            .ok_or_else(|| config_error("is not a file".to_string()))?;
        // The folder exists (the file was just read): canonical, "cfg/../cfg/x" is "cfg/x".
        let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        Self::parse_relative_to(&text, &origin, &folder, catalog)
    }

    /// Parses a configuration that has no file of its own (a preset, the command line);
    /// `origin` names it in error messages. Relative file paths in step options are taken
    /// relative to the current directory and made absolute.
    pub fn parse(
        text: &str,
        origin: &str,
        catalog: &dyn StepCatalog,
    ) -> Result<Self, PipelineError> {
        let mut cfg = Self::parse_only(text, origin)?;
        absolute_paths(catalog, &mut cfg.steps, None)?;
        Ok(cfg)
    }

    /// Parses a configuration whose relative file paths are relative to `folder` (absolute,
    /// normally: the folder of the file the text was read from); they are made absolute.
    pub fn parse_relative_to(
        text: &str,
        origin: &str,
        folder: &Path,
        catalog: &dyn StepCatalog,
    ) -> Result<Self, PipelineError> {
        let mut cfg = Self::parse_only(text, origin)?;
        absolute_paths(catalog, &mut cfg.steps, Some(folder))?;
        Ok(cfg)
    }

    /// Parses and checks the file's own fields (the steps' options are checked when they are
    /// built, by [`ConfigFile::resolve`]).
    fn parse_only(text: &str, origin: &str) -> Result<Self, PipelineError> {
        let config_error = |message: String| PipelineError::Config {
            origin: origin.to_string(),
            message,
        };
        let cfg: ConfigFile = toml::from_str(text).map_err(|e| config_error(e.to_string()))?;
        if cfg.version != CONFIG_VERSION {
            return Err(config_error(format!(
                "version = {} is not supported (this ghirbal reads version = {CONFIG_VERSION})",
                cfg.version
            )));
        }
        if !(1..=22).contains(&cfg.writer.zstd_level) {
            return Err(config_error(format!(
                "writer.zstd_level = {} is outside 1 to 22",
                cfg.writer.zstd_level
            )));
        }
        if let Some(share) = cfg.reader.sample {
            if !(share > 0.0 && share <= 1.0) {
                return Err(config_error(format!(
                    "reader.sample = {share} is not a share of the records (allowed: more than 0, at most 1)"
                )));
            }
        }
        if cfg.reader.limit == Some(0) {
            return Err(config_error(
                "reader.limit = 0 would read nothing (allowed: 1 or more)".into(),
            ));
        }
        if cfg.reader.max_doc_bytes == 0 {
            return Err(config_error(
                "reader.max_doc_bytes = 0 would reject every record (allowed: 1 or more)".into(),
            ));
        }
        if cfg.writer.shard_bytes == 0 {
            return Err(config_error(
                "writer.shard_bytes = 0 is too small (allowed: 1 or more)".into(),
            ));
        }
        if cfg.reader.text_field.is_empty() {
            return Err(config_error(
                "reader.text_field = \"\" names no field, so every record would be rejected".into(),
            ));
        }
        let extract_at = cfg
            .steps
            .iter()
            .position(|s| s.get("type").and_then(toml::Value::as_str) == Some("extract"));
        if let Some(i) = extract_at.filter(|&i| i > 0) {
            return Err(config_error(format!(
                "step #{} is extract: it must be the first step, since every step before it would judge pages still in HTML",
                i + 1
            )));
        }
        Ok(cfg)
    }

    /// The configuration a run starts from, chosen as `ghirbal run` chooses it: the file
    /// `config` when one is given (its relative paths taken against its folder), else the
    /// embedded preset `preset` (`default` when None), looked up in `presets` (name,
    /// description, TOML text: ghirbal-steps' `PRESETS`, which this crate does not know).
    /// Shared by the CLI and the Python bindings so that both resolve a run alike.
    pub fn choose(
        config: Option<&Path>,
        preset: Option<&str>,
        presets: &[(&str, &str, &str)],
        catalog: &dyn StepCatalog,
    ) -> Result<Self, PipelineError> {
        if let Some(path) = config {
            return Self::load(path, catalog);
        }
        let name = preset.unwrap_or("default");
        let text = presets
            .iter()
            .find(|p| p.0 == name)
            .map(|p| p.2)
            .ok_or_else(|| {
                PipelineError::Usage(format!(
                    "unknown preset \"{name}\" (one of: {})",
                    presets.iter().map(|p| p.0).collect::<Vec<_>>().join(", ")
                ))
            })?;
        Self::parse(text, &format!("preset {name}"), catalog)
    }

    /// [`ConfigFile::read_html`] when the inputs can hold HTML (a `reader.html_field`, a WARC
    /// or `.html` input among `inputs`); `from_preset` as there. Inputs that cannot be listed
    /// are left for the run to report. The output folder `output`, when inside an input
    /// folder, is not looked at (its `report.html` is not an input page), as the run does not
    /// read it. Returns the step types added.
    pub fn read_html_for(
        &mut self,
        inputs: &[PathBuf],
        output: Option<&std::path::Path>,
        from_preset: bool,
    ) -> Vec<&'static str> {
        let out_real = output.and_then(crate::output::real_path);
        let html_inputs = self.reader.html_field.is_some()
            || ghirbal_io::input::discover_excluding(inputs, out_real.as_slice())
                .map(|i| i.files.iter().any(|f| f.kind.may_hold_html()))
                .unwrap_or(false);
        if html_inputs {
            self.read_html(from_preset)
        } else {
            Vec::new()
        }
    }

    /// The configuration parsed again from its own TOML, so that whatever was changed in it
    /// after parsing (flags, added steps) is checked as a file would be.
    pub fn revalidated(
        &self,
        origin: &str,
        catalog: &dyn StepCatalog,
    ) -> Result<Self, PipelineError> {
        Self::parse(&self.to_toml()?, origin, catalog)
    }

    /// Makes the pipeline able to read pages that arrive as HTML: `extract` first, unless the
    /// configuration already has it; and for a preset that filters but has no language
    /// identification, `lid` right after it, as FineWeb-2 does, so that pages in other languages cost little and
    /// are removed for their language rather than by filters tuned for another. Returns the
    /// step types added, to be told to the user.
    pub fn read_html(&mut self, from_preset: bool) -> Vec<&'static str> {
        let has = |steps: &[toml::Table], t: &str| {
            steps
                .iter()
                .any(|s| s.get("type").and_then(toml::Value::as_str) == Some(t))
        };
        let mut added = Vec::new();
        let filters = !self.steps.is_empty();
        if !has(&self.steps, "extract") {
            let mut t = toml::Table::new();
            t.insert("type".into(), toml::Value::from("extract"));
            self.steps.insert(0, t);
            added.push("extract");
            if from_preset && filters && !has(&self.steps, "lid") {
                let mut t = toml::Table::new();
                t.insert("type".into(), toml::Value::from("lid"));
                self.steps.insert(1, t);
                added.push("lid");
            }
        }
        added
    }

    /// Builds the pipeline and returns it with the configuration in which every step's options
    /// are spelled out and every file path is absolute.
    pub fn resolve(
        &self,
        catalog: &dyn StepCatalog,
    ) -> Result<(Vec<Element>, ConfigFile), PipelineError> {
        let mut steps = self.steps.clone();
        // A configuration built in code rather than parsed may still hold relative paths.
        absolute_paths(catalog, &mut steps, None)?;
        let mut elements = Vec::with_capacity(steps.len());
        let mut resolved = self.clone();
        resolved.steps.clear();
        for (i, table) in steps.iter().enumerate() {
            let built = catalog.build(i + 1, table)?;
            elements.push(built.element);
            resolved.steps.push(built.resolved);
        }
        Ok((elements, resolved))
    }

    /// Every file the configured steps read (phrase files, profile files, earlier runs'
    /// MinHash indexes), in step order, with the xxh3-64 hash of its content: what a run
    /// depends on besides its configuration and its inputs, so that editing such a file
    /// changes the run's fingerprint. Files a step writes (`save_index`) are not listed. A
    /// file that cannot be read is a configuration error naming the option and the path.
    pub fn files_read(
        &self,
        catalog: &dyn StepCatalog,
    ) -> Result<Vec<(PathBuf, u64)>, PipelineError> {
        let mut steps = self.steps.clone();
        absolute_paths(catalog, &mut steps, None)?;
        let mut files = Vec::new();
        for (i, table) in steps.iter_mut().enumerate() {
            let step = step_type(table);
            let mut named = Vec::new();
            catalog.visit_paths(table, &mut |option, used, value| {
                if used == FileUse::Read && !value.trim().is_empty() {
                    named.push((option, PathBuf::from(value.as_str())));
                }
                Ok(())
            })?;
            for (option, path) in named {
                let hash = hash_file(&path).map_err(|e| {
                    step_error(
                        i + 1,
                        &step,
                        format!("{option} = \"{}\": {e}", path.display()),
                    )
                })?;
                files.push((path, hash));
            }
        }
        Ok(files)
    }

    /// Every file the configured steps write (`save_index`), as absolute paths, with the
    /// option that names it: the executor makes sure none is an input or lies in the output.
    pub fn files_written(
        &self,
        catalog: &dyn StepCatalog,
    ) -> Result<Vec<(&'static str, PathBuf)>, PipelineError> {
        let mut steps = self.steps.clone();
        absolute_paths(catalog, &mut steps, None)?;
        let mut files = Vec::new();
        for table in steps.iter_mut() {
            catalog.visit_paths(table, &mut |option, used, value| {
                if used == FileUse::Write && !value.trim().is_empty() {
                    files.push((option, PathBuf::from(value.as_str())));
                }
                Ok(())
            })?;
        }
        Ok(files)
    }

    pub fn to_toml(&self) -> Result<String, PipelineError> {
        toml::to_string(self).map_err(|e| PipelineError::Internal(e.to_string()))
    }
}

/// The `type` of a step's table, for messages.
fn step_type(table: &toml::Table) -> String {
    table
        .get("type")
        .and_then(toml::Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn step_error(index: usize, step: &str, message: String) -> ConfigError {
    ConfigError::BadOptions {
        index,
        name: step.to_string(),
        message,
    }
}

/// Makes every relative file path in the steps' options absolute: joined to `folder`, or to
/// the current directory (looked up only when a relative path needs it). Empty values are left
/// for the step's own checks to refuse.
fn absolute_paths(
    catalog: &dyn StepCatalog,
    steps: &mut [toml::Table],
    folder: Option<&Path>,
) -> Result<(), PipelineError> {
    let mut current_dir: Option<PathBuf> = None;
    for (i, table) in steps.iter_mut().enumerate() {
        let step = step_type(table);
        catalog.visit_paths(table, &mut |option, _, value| {
            if value.trim().is_empty() || Path::new(value.as_str()).is_absolute() {
                return Ok(());
            }
            let base = match (folder, &current_dir) {
                (Some(folder), _) => folder.to_path_buf(),
                (None, Some(dir)) => dir.clone(),
                (None, None) => {
                    let dir = std::env::current_dir().map_err(|e| {
                        step_error(
                            i + 1,
                            &step,
                            format!("{option} = \"{value}\" is relative and the current directory is unknown: {e}"),
                        )
                    })?;
                    current_dir = Some(dir.clone());
                    dir
                }
            };
            // `components` drops the `.` of "./phrases.txt".
            let joined: PathBuf = base.join(value.as_str()).components().collect();
            match joined.into_os_string().into_string() {
                Ok(absolute) => {
                    *value = absolute;
                    Ok(())
                }
                Err(joined) => Err(step_error(
                    i + 1,
                    &step,
                    format!(
                        "{option} = \"{value}\" resolves to {}, which is not UTF-8 and cannot be written in the configuration",
                        joined.to_string_lossy()
                    ),
                )),
            }
        })?;
    }
    Ok(())
}

/// The xxh3-64 hash of a file's content, read in blocks (an index of earlier runs may be
/// large).
fn hash_file(path: &Path) -> std::io::Result<u64> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(hasher.digest());
        }
        hasher.update(&buf[..n]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::toy::Toys;

    #[test]
    fn unknown_fields_are_refused() {
        let err = ConfigFile::parse("version = 1\nstepz = []", "t", &Toys).expect_err("refused");
        assert!(err.to_string().contains("stepz"), "{err}");
        let err = ConfigFile::parse("version = 1\n[writer]\nformatt = 'jsonl'", "t", &Toys)
            .expect_err("refused");
        assert!(err.to_string().contains("formatt"), "{err}");
    }

    #[test]
    fn version_is_required_and_checked() {
        assert!(ConfigFile::parse("", "t", &Toys).is_err());
        let err = ConfigFile::parse("version = 2", "t", &Toys).expect_err("refused");
        assert!(err.to_string().contains("version = 2"), "{err}");
    }

    #[test]
    fn resolved_config_round_trips() {
        let cfg = ConfigFile::parse(
            "version = 1\n[[steps]]\ntype = 'length'\n[writer]\nformat = 'parquet'",
            "t",
            &Toys,
        )
        .expect("valid");
        let (elements, resolved) = cfg.resolve(&Toys).expect("resolves");
        assert_eq!(elements.len(), 1);
        let text = resolved.to_toml().expect("serializes");
        let again = ConfigFile::parse(&text, "resolved", &Toys).expect("reparses");
        assert_eq!(again, resolved);
        assert!(text.contains("min_chars"), "{text}");
    }

    /// The canonical path of `name` in a temporary folder (where `load` resolves it).
    fn in_dir(dir: &tempfile::TempDir, name: &str) -> PathBuf {
        std::fs::canonicalize(dir.path())
            .expect("temp dir exists")
            .join(name)
    }

    /// A folder holding `config.toml` and the phrase file it names relatively.
    fn folder_with_phrases(phrases: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("phrases.txt"), phrases).expect("write phrases");
        let config = dir.path().join("config.toml");
        std::fs::write(
            &config,
            "version = 1\n[[steps]]\ntype = 'length'\n[[steps]]\ntype = 'phrases'\nphrases_file = 'phrases.txt'\n",
        )
        .expect("write config");
        (dir, config)
    }

    #[test]
    fn a_relative_phrase_file_is_found_beside_the_config_from_any_working_directory() {
        // The tests run in the crate's folder, not in the configuration's.
        let (dir, config) = folder_with_phrases("^تابعوا آخر الأخبار\n");
        assert_ne!(std::env::current_dir().ok().as_deref(), Some(dir.path()));
        let cfg = ConfigFile::load(&config, &Toys).expect("loads");
        let phrases = in_dir(&dir, "phrases.txt");
        assert_eq!(cfg.steps[1]["phrases_file"].as_str(), phrases.to_str());
        let (elements, resolved) = cfg.resolve(&Toys).expect("the phrase file is read");
        assert_eq!(elements.len(), 2);
        // OUT/config.toml names the file absolutely, and `--config OUT/config.toml` works
        // from another folder.
        let text = resolved.to_toml().expect("serializes");
        assert!(
            text.contains(&format!(
                "phrases_file = {:?}",
                phrases.display().to_string()
            )),
            "{text}"
        );
        let out = tempfile::tempdir().expect("temp dir");
        std::fs::write(out.path().join("config.toml"), &text).expect("write");
        let again = ConfigFile::load(&out.path().join("config.toml"), &Toys).expect("reparses");
        assert_eq!(again, resolved);
        again.resolve(&Toys).expect("builds again");
    }

    #[test]
    fn a_config_named_through_dot_dot_gives_a_plain_path() {
        let (dir, _) = folder_with_phrases("");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        let cfg = ConfigFile::load(
            &dir.path().join("sub").join("..").join("config.toml"),
            &Toys,
        )
        .expect("loads");
        assert_eq!(
            cfg.steps[1]["phrases_file"].as_str(),
            in_dir(&dir, "phrases.txt").to_str()
        );
    }

    #[test]
    fn the_content_hash_of_a_file_read_changes_when_the_file_changes() {
        let (dir, config) = folder_with_phrases("اقرأ أيضا\n");
        let cfg = ConfigFile::load(&config, &Toys).expect("loads");
        let phrases = in_dir(&dir, "phrases.txt");
        let before = cfg.files_read(&Toys).expect("hashes");
        assert_eq!(before.len(), 1);
        assert_eq!(before[0].0, phrases);
        assert_eq!(
            cfg.files_read(&Toys).expect("hashes"),
            before,
            "same content, same hash"
        );
        std::fs::write(&phrases, "اقرأ أيضا\nشارك\n").expect("edit phrases");
        let after = cfg.files_read(&Toys).expect("hashes");
        assert_eq!(after[0].0, phrases);
        assert_ne!(after[0].1, before[0].1);
    }

    #[test]
    fn a_missing_file_names_the_option_and_the_resolved_path() {
        let (dir, config) = folder_with_phrases("");
        std::fs::remove_file(dir.path().join("phrases.txt")).expect("remove");
        let cfg = ConfigFile::load(&config, &Toys).expect("parsing does not read step files");
        let expected = format!(
            "step #2 (phrases): phrases_file = \"{}\": ",
            in_dir(&dir, "phrases.txt").display()
        );
        let err = cfg.files_read(&Toys).expect_err("missing").to_string();
        assert!(err.starts_with(&expected), "{err}");
        assert!(cfg.files_read(&Toys).expect_err("missing").is_usage());
        let err = cfg
            .resolve(&Toys)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.starts_with(&expected), "{err}");
    }

    #[test]
    fn text_without_a_file_resolves_against_the_current_directory() {
        let cfg = ConfigFile::parse(
            "version = 1\n[[steps]]\ntype = 'phrases'\nphrases_file = './lists/phrases.txt'",
            "command line",
            &Toys,
        )
        .expect("parses");
        let expected = std::env::current_dir()
            .expect("current dir")
            .join("lists")
            .join("phrases.txt");
        assert_eq!(cfg.steps[0]["phrases_file"].as_str(), expected.to_str());
        // Absolute paths are kept as written.
        let cfg = ConfigFile::parse(
            "version = 1\n[[steps]]\ntype = 'phrases'\nphrases_file = '/srv/ghirbal/phrases.txt'",
            "command line",
            &Toys,
        )
        .expect("parses");
        assert_eq!(
            cfg.steps[0]["phrases_file"].as_str(),
            Some("/srv/ghirbal/phrases.txt")
        );
    }

    #[test]
    fn every_path_option_is_resolved_and_only_files_read_are_hashed() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("old.idx"), b"GHMHIDX1").expect("write");
        let cfg = ConfigFile::parse_relative_to(
            "version = 1\n\
             [[steps]]\ntype = 'profiled'\nprofile = 'profiles/fa.toml'\n\
             [[steps]]\ntype = 'profiled'\nprofile = 'ar'\n\
             [[steps]]\ntype = 'index'\nagainst = ['old.idx']\nsave_index = 'new.idx'\n",
            "t",
            dir.path(),
            &Toys,
        )
        .expect("parses");
        let at = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
        assert_eq!(
            cfg.steps[0]["profile"].as_str(),
            Some(at("profiles/fa.toml").as_str())
        );
        assert_eq!(
            cfg.steps[1]["profile"].as_str(),
            Some("ar"),
            "a built-in profile is no path"
        );
        assert_eq!(
            cfg.steps[2]["against"][0].as_str(),
            Some(at("old.idx").as_str())
        );
        assert_eq!(
            cfg.steps[2]["save_index"].as_str(),
            Some(at("new.idx").as_str())
        );
        // The profile file does not exist: reported with its option and resolved path.
        let err = cfg
            .files_read(&Toys)
            .expect_err("no profile file")
            .to_string();
        assert!(
            err.starts_with(&format!(
                "step #1 (profiled): profile = \"{}\": ",
                at("profiles/fa.toml")
            )),
            "{err}"
        );
        let mut without_profile = cfg.clone();
        without_profile.steps.remove(0);
        let files = without_profile.files_read(&Toys).expect("hashes");
        assert_eq!(files.len(), 1, "save_index is written, not read: {files:?}");
        assert_eq!(files[0].0, dir.path().join("old.idx"));
    }

    #[test]
    fn reader_and_writer_values_name_the_field() {
        let err = ConfigFile::parse("version = 1\n[reader]\ntext_field = ''", "t", &Toys)
            .expect_err("refused");
        assert!(
            err.to_string()
                .contains("reader.text_field = \"\" names no field"),
            "{err}"
        );
        let err = ConfigFile::parse("version = 1\n[writer]\nshard_bytes = 0", "t", &Toys)
            .expect_err("refused");
        assert!(err.to_string().contains("writer.shard_bytes = 0"), "{err}");
        let err = ConfigFile::parse("version = 1\n[writer]\nzstd_level = 30", "t", &Toys)
            .expect_err("refused");
        assert!(
            err.to_string()
                .contains("writer.zstd_level = 30 is outside 1 to 22"),
            "{err}"
        );
    }
}
