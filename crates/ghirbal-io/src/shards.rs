//! Size-bounded output shards, written atomically: a shard is written as `NNNNN.EXT.partial`
//! and renamed to `NNNNN.EXT` only when complete, so a crash never leaves a half-written shard
//! that looks finished.
//!
//! For resume, [`ShardWriter::checkpoint`] flushes to disk and returns the writer's
//! [`ShardState`]; [`ShardWriter::resume`] cuts the partial shard back to that length and
//! removes anything written after it. JSONL outputs are only ever appended whole compressed
//! frames, so the cut always falls on a frame boundary. A Parquet file cannot be reopened for
//! appending, so a checkpoint closes the open Parquet shard instead; a Parquet shard also
//! closes when a batch brings fields its schema cannot hold (see [`crate::parquet_shard`]).

use crate::columns::Fields;
use crate::encode::{Encoded, OutputFormat};
use crate::ledger::Ledger;
use crate::parquet_shard::ParquetShard;
use crate::IoError;
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A finished shard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardInfo {
    pub file: String,
    pub docs: u64,
    pub bytes: u64,
    /// The inputs its records came from, in order: a shard holds a stretch of the input.
    #[serde(default)]
    pub inputs: Vec<String>,
}

/// Where a writer stands, as saved in a checkpoint.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardState {
    /// Index of the shard being written (or to be written next).
    pub index: u32,
    pub partial_bytes: u64,
    pub partial_docs: u64,
    /// The inputs of the shard being written, so far.
    #[serde(default)]
    pub partial_inputs: Vec<String>,
    pub finished: Vec<ShardInfo>,
    /// Parquet: the metadata columns of the last finished shard, which the next one starts
    /// from (so that a resumed run gives its shards the columns the uninterrupted run would).
    #[serde(default, skip_serializing_if = "Fields::is_empty")]
    pub parquet_columns: Fields,
}

enum Open {
    Bytes(File),
    Parquet(Box<ParquetShard>),
}

/// Writes one output (kept, removed or rejected) as a series of shards in one folder.
pub struct ShardWriter {
    dir: PathBuf,
    format: OutputFormat,
    max_bytes: u64,
    state: ShardState,
    open: Option<Open>,
    /// Parquet column names for the id and the text (the reader's field names, so that the
    /// output reads back with the same options).
    columns: (String, String),
    /// Where every folder and shard is recorded before it is created.
    ledger: Option<Arc<Ledger>>,
}

impl ShardWriter {
    /// A writer into `dir` (created if missing) starting at shard 0. With a ledger, the
    /// folder and every shard are recorded in it before they are created.
    pub fn create(
        dir: &Path,
        format: OutputFormat,
        max_bytes: u64,
        ledger: Option<Arc<Ledger>>,
    ) -> Result<Self, IoError> {
        Self::resume(dir, format, max_bytes, &ShardState::default(), ledger)
    }

    /// A writer that continues from `state`: the partial shard is cut back to the checkpointed
    /// length, and shards written after the checkpoint are removed. The caller has made sure
    /// that every shard-named file in `dir` is one ghirbal wrote (see [`crate::ledger`]).
    pub fn resume(
        dir: &Path,
        format: OutputFormat,
        max_bytes: u64,
        state: &ShardState,
        ledger: Option<Arc<Ledger>>,
    ) -> Result<Self, IoError> {
        let err = |path: &Path, source| IoError::Output {
            path: path.to_path_buf(),
            source,
        };
        match &ledger {
            Some(l) => l.create_dir_all(dir)?,
            None => fs::create_dir_all(dir).map_err(|e| err(dir, e))?,
        }
        let mut w = Self {
            dir: dir.to_path_buf(),
            format,
            max_bytes: max_bytes.max(1),
            state: state.clone(),
            open: None,
            columns: ("id".into(), "text".into()),
            ledger,
        };
        let ext = format.extension();
        let entries = fs::read_dir(dir).map_err(|e| err(dir, e))?;
        for entry in entries {
            let entry = entry.map_err(|e| err(dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some((index, partial)) = parse_shard_name(&name, ext) else {
                continue;
            };
            let path = entry.path();
            if index < state.index && !partial {
                continue;
            }
            if index == state.index && state.partial_bytes > 0 {
                // The shard in progress at the checkpoint: it may have been finished (renamed)
                // or grown since; either way cut it back.
                let target = w.partial_path(index);
                if path != target {
                    if let Some(ledger) = &w.ledger {
                        ledger.file(&target)?;
                    }
                    fs::rename(&path, &target).map_err(|e| err(&path, e))?;
                    if let Some(ledger) = &w.ledger {
                        ledger.gone(&path)?;
                    }
                }
                let f = OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .map_err(|e| err(&target, e))?;
                let len = f.metadata().map_err(|e| err(&target, e))?.len();
                if len < state.partial_bytes {
                    return Err(IoError::Resume {
                        path: target,
                        message: format!(
                            "shard is shorter ({len} bytes) than at the last checkpoint ({} bytes); rerun with --overwrite",
                            state.partial_bytes
                        ),
                    });
                }
                f.set_len(state.partial_bytes)
                    .map_err(|e| err(&target, e))?;
                continue;
            }
            fs::remove_file(&path).map_err(|e| err(&path, e))?;
            if let Some(ledger) = &w.ledger {
                ledger.gone(&path)?;
            }
        }
        if state.partial_bytes > 0 {
            let target = w.partial_path(state.index);
            let f = OpenOptions::new()
                .append(true)
                .open(&target)
                .map_err(|e| err(&target, e))?;
            w.open = Some(Open::Bytes(f));
        }
        Ok(w)
    }

    /// Names the Parquet id and text columns (default `id` and `text`).
    pub fn parquet_columns(mut self, id: &str, text: &str) -> Self {
        self.columns = (id.to_string(), text.to_string());
        self
    }

    fn name(&self, index: u32) -> String {
        format!("{index:05}.{}", self.format.extension())
    }

    fn partial_path(&self, index: u32) -> PathBuf {
        self.dir.join(format!("{}.partial", self.name(index)))
    }

    fn io_err(&self, source: std::io::Error) -> IoError {
        IoError::Output {
            path: self.partial_path(self.state.index),
            source,
        }
    }

    fn parquet_err(&self, e: parquet::errors::ParquetError) -> IoError {
        IoError::Parquet {
            path: self.partial_path(self.state.index),
            message: e.to_string(),
        }
    }

    /// Appends one batch holding `docs` documents, starting a new shard first when this batch
    /// would take the current one past the size limit.
    pub fn append(&mut self, data: Encoded, docs: u64) -> Result<(), IoError> {
        self.append_from(data, docs, &[])
    }

    /// As [`ShardWriter::append`], noting the inputs the batch's records came from (in
    /// order), which the shard lists when it is finished.
    pub fn append_from(
        &mut self,
        data: Encoded,
        docs: u64,
        inputs: &[Arc<str>],
    ) -> Result<(), IoError> {
        if data.is_empty() {
            return Ok(());
        }
        let size = match &data {
            Encoded::Bytes(b) => b.len() as u64,
            Encoded::Rows(rows) => rows.bytes,
        };
        let full = self.state.partial_bytes > 0 && self.state.partial_bytes + size > self.max_bytes;
        let other_columns = match (&self.open, &data) {
            (Some(Open::Parquet(shard)), Encoded::Rows(rows)) => !shard.takes(rows),
            _ => false,
        };
        if self.open.is_some() && (full || other_columns) {
            self.close_shard()?;
        }
        if self.open.is_none() {
            self.open_shard()?;
        }
        // Batches come in input order: an input is new unless it is the last one noted.
        for input in inputs {
            if self.state.partial_inputs.last().map(String::as_str) != Some(&**input) {
                self.state.partial_inputs.push(input.to_string());
            }
        }
        match (&mut self.open, data) {
            (Some(Open::Bytes(f)), Encoded::Bytes(b)) => {
                if let Err(e) = f.write_all(&b) {
                    return Err(self.io_err(e));
                }
            }
            (Some(Open::Parquet(shard)), Encoded::Rows(rows)) => {
                if let Err(e) = shard.push(rows) {
                    return Err(self.parquet_err(e));
                }
            }
            _ => {
                return Err(self.io_err(std::io::Error::other(
                    "batch encoding does not match the output format",
                )))
            }
        }
        self.state.partial_bytes += size;
        self.state.partial_docs += docs;
        Ok(())
    }

    fn open_shard(&mut self) -> Result<(), IoError> {
        let path = self.partial_path(self.state.index);
        if let Some(ledger) = &self.ledger {
            ledger.file(&path)?;
            ledger.file(&self.dir.join(self.name(self.state.index)))?;
        }
        let file = File::create(&path).map_err(|e| self.io_err(e))?;
        self.open = Some(match self.format {
            OutputFormat::Parquet => Open::Parquet(Box::new(ParquetShard::new(
                file,
                &self.columns.0,
                &self.columns.1,
                &self.state.parquet_columns,
            ))),
            _ => Open::Bytes(file),
        });
        Ok(())
    }

    /// Finishes the current shard: flush, sync, rename.
    fn close_shard(&mut self) -> Result<(), IoError> {
        let Some(open) = self.open.take() else {
            return Ok(());
        };
        match open {
            Open::Bytes(f) => f.sync_all().map_err(|e| self.io_err(e))?,
            Open::Parquet(shard) => {
                let (f, columns) = shard.finish().map_err(|e| self.parquet_err(e))?;
                f.sync_all().map_err(|e| self.io_err(e))?;
                self.state.parquet_columns = columns;
            }
        }
        let from = self.partial_path(self.state.index);
        let name = self.name(self.state.index);
        let to = self.dir.join(&name);
        fs::rename(&from, &to).map_err(|e| self.io_err(e))?;
        if let Some(ledger) = &self.ledger {
            ledger.gone(&from)?;
        }
        let bytes = fs::metadata(&to).map(|m| m.len()).unwrap_or(0);
        self.state.finished.push(ShardInfo {
            file: name,
            docs: self.state.partial_docs,
            bytes,
            inputs: std::mem::take(&mut self.state.partial_inputs),
        });
        self.state.index += 1;
        self.state.partial_bytes = 0;
        self.state.partial_docs = 0;
        Ok(())
    }

    /// Makes everything appended so far durable and returns the state to save in a checkpoint.
    pub fn checkpoint(&mut self) -> Result<ShardState, IoError> {
        match &self.open {
            Some(Open::Bytes(f)) => f.sync_data().map_err(|e| self.io_err(e))?,
            Some(Open::Parquet(_)) => self.close_shard()?,
            None => {}
        }
        Ok(self.state.clone())
    }

    /// Closes the last shard and returns the list of finished shards.
    pub fn finish(mut self) -> Result<Vec<ShardInfo>, IoError> {
        self.close_shard()?;
        Ok(self.state.finished)
    }
}

/// `00012.jsonl.zst` → (12, false); `00012.jsonl.zst.partial` → (12, true).
fn parse_shard_name(name: &str, ext: &str) -> Option<(u32, bool)> {
    let (stem, partial) = match name.strip_suffix(".partial") {
        Some(s) => (s, true),
        None => (name, false),
    };
    let digits = stem.strip_suffix(ext)?.strip_suffix('.')?;
    if digits.len() != 5 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((digits.parse().ok()?, partial))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_names() {
        assert_eq!(
            parse_shard_name("00012.jsonl.zst", "jsonl.zst"),
            Some((12, false))
        );
        assert_eq!(
            parse_shard_name("00012.jsonl.zst.partial", "jsonl.zst"),
            Some((12, true))
        );
        assert_eq!(parse_shard_name("00012.jsonl", "jsonl.zst"), None);
        assert_eq!(parse_shard_name("notes.txt", "jsonl"), None);
    }

    #[test]
    fn rotates_at_size_and_renames_atomically() -> Result<(), IoError> {
        let dir = tempfile::tempdir().map_err(|e| IoError::Output {
            path: PathBuf::new(),
            source: e,
        })?;
        let mut w = ShardWriter::create(dir.path(), OutputFormat::Jsonl, 10, None)?;
        w.append(Encoded::Bytes(b"aaaaaa\n".to_vec()), 1)?;
        assert!(dir.path().join("00000.jsonl.partial").exists());
        w.append(Encoded::Bytes(b"bbbbbb\n".to_vec()), 1)?;
        assert!(dir.path().join("00000.jsonl").exists());
        let shards = w.finish()?;
        assert_eq!(shards.len(), 2);
        assert!(!dir.path().join("00001.jsonl.partial").exists());
        Ok(())
    }

    #[test]
    fn resume_cuts_back_to_checkpoint() -> Result<(), IoError> {
        let dir = tempfile::tempdir().map_err(|e| IoError::Output {
            path: PathBuf::new(),
            source: e,
        })?;
        let mut w = ShardWriter::create(dir.path(), OutputFormat::Jsonl, 100, None)?;
        w.append(Encoded::Bytes(b"one\n".to_vec()), 1)?;
        let state = w.checkpoint()?;
        w.append(Encoded::Bytes(b"two\n".to_vec()), 1)?;
        drop(w); // as if killed
        let mut w = ShardWriter::resume(dir.path(), OutputFormat::Jsonl, 100, &state, None)?;
        w.append(Encoded::Bytes(b"three\n".to_vec()), 1)?;
        w.finish()?;
        let text =
            fs::read_to_string(dir.path().join("00000.jsonl")).map_err(|e| IoError::Output {
                path: PathBuf::new(),
                source: e,
            })?;
        assert_eq!(text, "one\nthree\n");
        Ok(())
    }
}
