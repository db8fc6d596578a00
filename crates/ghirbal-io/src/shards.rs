//! Size-bounded output shards, written atomically: a shard is written as `NNNNN.EXT.partial`
//! and renamed to `NNNNN.EXT` only when complete, so a crash never leaves a half-written shard
//! that looks finished.
//!
//! For resume, [`ShardWriter::checkpoint`] flushes to disk and returns the writer's
//! [`ShardState`]; [`ShardWriter::resume`] cuts the partial shard back to that length and
//! removes anything written after it. JSONL outputs are only ever appended whole compressed
//! frames, so the cut always falls on a frame boundary. A Parquet file cannot be reopened for
//! appending, so a checkpoint closes the open Parquet shard instead.

use crate::encode::{Encoded, OutputFormat, ParquetRow};
use crate::ledger::Ledger;
use crate::IoError;
use parquet::basic::{Compression, ZstdLevel};
use parquet::data_type::{ByteArray, ByteArrayType};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
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
}

enum Open {
    Bytes(File),
    Parquet {
        writer: Box<SerializedFileWriter<File>>,
        pending: Vec<ParquetRow>,
        pending_bytes: u64,
    },
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

/// Rows buffered before a Parquet row group is written.
const ROW_GROUP_BYTES: u64 = 64 << 20;

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
            Encoded::Rows(rows) => rows.iter().map(row_bytes).sum(),
        };
        if self.open.is_some()
            && self.state.partial_bytes > 0
            && self.state.partial_bytes + size > self.max_bytes
        {
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
            (
                Some(Open::Parquet {
                    pending,
                    pending_bytes,
                    ..
                }),
                Encoded::Rows(rows),
            ) => {
                *pending_bytes += size;
                pending.extend(rows);
                if *pending_bytes >= ROW_GROUP_BYTES {
                    self.flush_row_group()?;
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
            OutputFormat::Parquet => {
                let schema = parquet_schema(&self.columns.0, &self.columns.1)
                    .map_err(|e| self.parquet_err(e))?;
                let level = ZstdLevel::try_new(3).map_err(|e| self.parquet_err(e))?;
                let props = WriterProperties::builder()
                    .set_compression(Compression::ZSTD(level))
                    .build();
                let writer = SerializedFileWriter::new(file, Arc::new(schema), Arc::new(props))
                    .map_err(|e| self.parquet_err(e))?;
                Open::Parquet {
                    writer: Box::new(writer),
                    pending: Vec::new(),
                    pending_bytes: 0,
                }
            }
            _ => Open::Bytes(file),
        });
        Ok(())
    }

    fn flush_row_group(&mut self) -> Result<(), IoError> {
        let Some(Open::Parquet {
            writer,
            pending,
            pending_bytes,
        }) = &mut self.open
        else {
            return Ok(());
        };
        if pending.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(pending);
        *pending_bytes = 0;
        let result = (|| -> Result<(), parquet::errors::ParquetError> {
            let mut group = writer.next_row_group()?;
            let columns: [Vec<ByteArray>; 3] = [
                rows.iter()
                    .map(|r| ByteArray::from(r.id.as_str()))
                    .collect(),
                rows.iter()
                    .map(|r| ByteArray::from(r.text.as_str()))
                    .collect(),
                rows.iter()
                    .map(|r| ByteArray::from(r.metadata.as_str()))
                    .collect(),
            ];
            for values in &columns {
                if let Some(mut col) = group.next_column()? {
                    col.typed::<ByteArrayType>()
                        .write_batch(values, None, None)?;
                    col.close()?;
                }
            }
            group.close()?;
            Ok(())
        })();
        result.map_err(|e| self.parquet_err(e))
    }

    /// Finishes the current shard: flush, sync, rename.
    /// The index of the shard being written (or to be written next).
    pub fn shard_index(&self) -> u32 {
        self.state.index
    }

    /// Closes the shard in progress and moves on to shard `index`, so that this writer's
    /// shards follow another's one for one (tag mode's `attributes/` beside `kept/`).
    pub fn follow(&mut self, index: u32) -> Result<(), IoError> {
        while self.state.index < index {
            if self.open.is_some() {
                self.close_shard()?;
            } else {
                self.state.index = index;
            }
        }
        Ok(())
    }

    fn close_shard(&mut self) -> Result<(), IoError> {
        self.flush_row_group()?;
        let Some(open) = self.open.take() else {
            return Ok(());
        };
        match open {
            Open::Bytes(f) => f.sync_all().map_err(|e| self.io_err(e))?,
            Open::Parquet { writer, .. } => {
                let f = writer.into_inner().map_err(|e| self.parquet_err(e))?;
                f.sync_all().map_err(|e| self.io_err(e))?;
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
            Some(Open::Parquet { .. }) => self.close_shard()?,
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

fn parquet_schema(
    id: &str,
    text: &str,
) -> Result<parquet::schema::types::Type, parquet::errors::ParquetError> {
    use parquet::basic::{ConvertedType, Repetition, Type as Physical};
    use parquet::schema::types::Type;
    let column = |name: &str| {
        Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
            .with_repetition(Repetition::REQUIRED)
            .with_converted_type(ConvertedType::UTF8)
            .build()
            .map(Arc::new)
    };
    Type::group_type_builder("document")
        .with_fields(vec![column(id)?, column(text)?, column("metadata")?])
        .build()
}

fn row_bytes(r: &ParquetRow) -> u64 {
    (r.id.len() + r.text.len() + r.metadata.len()) as u64
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
