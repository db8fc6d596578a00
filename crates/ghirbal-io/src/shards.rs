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
    /// Parquet: bytes of rows buffered per row group.
    row_group_bytes: u64,
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
            row_group_bytes: crate::parquet_shard::ROW_GROUP_BYTES,
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

    /// Smaller Parquet row groups, so that tests see schemas decided and shards split on
    /// a few rows.
    #[cfg(test)]
    fn parquet_row_group_bytes(mut self, bytes: u64) -> Self {
        self.row_group_bytes = bytes;
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
                (&self.columns.0, &self.columns.1),
                &self.state.parquet_columns,
                self.row_group_bytes,
            ))),
            _ => Open::Bytes(file),
        });
        Ok(())
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

    /// Parquet: documents with typed metadata, read back by the reader into the records the
    /// JSON lines output holds for them.
    mod parquet_output {
        use super::*;
        use crate::columns::{Kind, ParquetRows};
        use crate::encode::to_parquet_row;
        use crate::{discover, parse, RecordReader};
        use ::parquet::basic::LogicalType;
        use ::parquet::file::reader::{FileReader, SerializedFileReader};
        use ghirbal_core::{Document, Reason};
        use serde_json::{json, Value};

        fn doc(id: &str, meta: Value) -> Document {
            let mut d = Document::new(id, "نص عربي قصير");
            if let Value::Object(m) = meta {
                d.meta = m;
            }
            d
        }

        fn batch(docs: &[Document], removal: Option<&Reason>) -> ParquetRows {
            let mut rows = ParquetRows::default();
            for d in docs {
                rows.push(to_parquet_row(d, removal));
            }
            rows
        }

        fn tmp() -> tempfile::TempDir {
            tempfile::tempdir().expect("temporary folder")
        }

        /// The records a folder of Parquet shards reads back as, in order.
        fn read_back(dir: &Path) -> Vec<String> {
            let mut paths: Vec<PathBuf> = fs::read_dir(dir)
                .expect("folder")
                .map(|e| e.expect("entry").path())
                .collect();
            paths.sort();
            let inputs = discover(&paths).expect("inputs");
            RecordReader::new(inputs.files, 1 << 20)
                .map(|item| {
                    let d = parse::to_document(item, &parse::FieldOptions::default())
                        .expect("a document");
                    let mut line = Vec::new();
                    crate::encode::write_document_line(
                        &mut line,
                        &d,
                        &parse::FieldOptions::default(),
                        None,
                    );
                    String::from_utf8(line).expect("UTF-8")
                })
                .collect()
        }

        fn json_lines(docs: &[Document], removal: Option<&Reason>) -> Vec<String> {
            docs.iter()
                .map(|d| {
                    let mut line = Vec::new();
                    crate::encode::write_document_line(
                        &mut line,
                        d,
                        &parse::FieldOptions::default(),
                        removal,
                    );
                    String::from_utf8(line).expect("UTF-8")
                })
                .collect()
        }

        fn columns(path: &Path) -> Vec<(String, String)> {
            let reader =
                SerializedFileReader::new(File::open(path).expect("file")).expect("a Parquet file");
            let schema = reader.metadata().file_metadata().schema_descr_ptr();
            schema
                .columns()
                .iter()
                .map(|c| {
                    let logical = match c.logical_type_ref() {
                        Some(LogicalType::String) => "/string",
                        _ => "",
                    };
                    (c.path().string(), format!("{}{logical}", c.physical_type()))
                })
                .collect()
        }

        fn removal() -> Reason {
            Reason {
                step: "length",
                code: "too_short",
                detail: "12 < 50".into(),
            }
        }

        #[test]
        fn fields_get_typed_columns_and_the_removal_a_struct() -> Result<(), IoError> {
            let dir = tmp();
            let docs = [
                doc(
                    "a",
                    json!({"url": "https://a.example", "language_score": 0.97, "n": 3, "ok": true, "tags": ["أ"]}),
                ),
                doc(
                    "b",
                    json!({"url": null, "language_score": 0.5, "n": -1, "ok": false, "tags": []}),
                ),
            ];
            let mut w = ShardWriter::create(dir.path(), OutputFormat::Parquet, 1 << 20, None)?;
            let reason = removal();
            w.append(Encoded::Rows(batch(&docs, Some(&reason))), 2)?;
            w.finish()?;
            let path = dir.path().join("00000.parquet");
            let cols = columns(&path);
            let expected = [
                ("id", "BYTE_ARRAY/string"),
                ("text", "BYTE_ARRAY/string"),
                ("url", "BYTE_ARRAY/string"),
                ("language_score", "DOUBLE"),
                ("n", "INT64"),
                ("ok", "BOOLEAN"),
                ("tags", "BYTE_ARRAY/string"),
                ("removal.step", "BYTE_ARRAY/string"),
                ("removal.code", "BYTE_ARRAY/string"),
                ("removal.detail", "BYTE_ARRAY/string"),
            ];
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(cols, expected);
            // The file says which column holds JSON text.
            let reader = SerializedFileReader::new(File::open(&path).expect("file"))
                .expect("a Parquet file");
            let kv = reader
                .metadata()
                .file_metadata()
                .key_value_metadata()
                .cloned();
            let text = kv
                .unwrap_or_default()
                .into_iter()
                .find(|e| e.key == crate::columns::FILE_METADATA_KEY)
                .and_then(|e| e.value)
                .expect("a description of the columns");
            let described: crate::columns::FileColumns = serde_json::from_str(&text).expect("JSON");
            assert_eq!(described.fields.0[4], ("tags".to_string(), Kind::Json));
            assert_eq!(read_back(dir.path()), json_lines(&docs, Some(&reason)));
            Ok(())
        }

        /// Missing fields, nulls, other key orders, a field whose type changes, integers
        /// beside floats, a document with a `removal` field of its own: all come back as the
        /// JSON lines have them.
        #[test]
        fn rows_that_differ_read_back_exactly() -> Result<(), IoError> {
            let dir = tmp();
            let docs = [
                doc("a", json!({"url": "u1", "score": 1, "meta": {"k": 1}})),
                doc("b", json!({"score": 0.5, "url": "u2"})),
                doc(
                    "c",
                    json!({"url": null, "score": null, "meta": {"j": [1, 2]}, "extra": "x"}),
                ),
                doc("d", json!({"removal": "mine", "كلمة": "قيمة"})),
                doc("e", json!({})),
            ];
            let reason = removal();
            for (sub, removal) in [("kept", None), ("removed", Some(&reason))] {
                let out = dir.path().join(sub);
                let mut w = ShardWriter::create(&out, OutputFormat::Parquet, 1 << 20, None)?
                    .parquet_row_group_bytes(1);
                for pair in docs.chunks(2) {
                    w.append(Encoded::Rows(batch(pair, removal)), pair.len() as u64)?;
                }
                w.finish()?;
                assert_eq!(read_back(&out), json_lines(&docs, removal), "{sub}");
            }
            Ok(())
        }

        /// Once a row group is written its schema is fixed: a batch with a new field, or
        /// with a value of another type, starts a new shard, whose columns widen the last
        /// shard's (a field that became JSON stays JSON).
        #[test]
        fn a_batch_the_schema_cannot_hold_starts_a_shard_with_wider_columns() -> Result<(), IoError>
        {
            let dir = tmp();
            let mut w = ShardWriter::create(dir.path(), OutputFormat::Parquet, 1 << 20, None)?
                .parquet_row_group_bytes(1);
            let batches = [
                vec![doc("a", json!({"n": 1}))],
                vec![doc("b", json!({"n": 2}))],
                vec![doc("c", json!({"n": 3, "lang": "ar"}))],
                vec![doc("d", json!({"n": "four"}))],
                vec![doc("e", json!({"n": 5}))],
            ];
            for b in &batches {
                w.append(Encoded::Rows(batch(b, None)), 1)?;
            }
            let shards = w.finish()?;
            let docs: Vec<u64> = shards.iter().map(|s| s.docs).collect();
            assert_eq!(docs, [2, 1, 2]);
            let n_type = |i: usize| {
                columns(&dir.path().join(format!("{i:05}.parquet")))
                    .into_iter()
                    .map(|(c, t)| format!("{c}:{t}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            assert_eq!(
                n_type(0),
                "id:BYTE_ARRAY/string text:BYTE_ARRAY/string n:INT64"
            );
            assert_eq!(
                n_type(1),
                "id:BYTE_ARRAY/string text:BYTE_ARRAY/string n:INT64 lang:BYTE_ARRAY/string"
            );
            assert_eq!(
                n_type(2),
                "id:BYTE_ARRAY/string text:BYTE_ARRAY/string n:BYTE_ARRAY/string lang:BYTE_ARRAY/string"
            );
            let all: Vec<Document> = batches.concat();
            assert_eq!(read_back(dir.path()), json_lines(&all, None));
            Ok(())
        }

        /// A checkpoint closes the Parquet shard and carries its columns; after a kill, the
        /// resumed writer gives the files the uninterrupted one gives.
        #[test]
        fn resume_after_a_checkpoint_gives_the_same_files() -> Result<(), IoError> {
            let batches = [
                vec![doc("a", json!({"n": 1, "tags": [1]}))],
                vec![doc("b", json!({"n": 2.5}))],
                vec![doc("c", json!({"lang": "ar"}))],
            ];
            let whole = tmp();
            let mut w = ShardWriter::create(whole.path(), OutputFormat::Parquet, 1 << 20, None)?;
            for (i, b) in batches.iter().enumerate() {
                w.append(Encoded::Rows(batch(b, None)), 1)?;
                if i == 0 {
                    w.checkpoint()?;
                }
            }
            w.finish()?;

            let cut = tmp();
            let mut w = ShardWriter::create(cut.path(), OutputFormat::Parquet, 1 << 20, None)?;
            w.append(Encoded::Rows(batch(&batches[0], None)), 1)?;
            let state = w.checkpoint()?;
            w.append(Encoded::Rows(batch(&batches[1], None)), 1)?;
            drop(w); // as if killed: a partial file is left behind
            let saved = serde_json::to_string(&state).expect("state serializes");
            let state: ShardState = serde_json::from_str(&saved).expect("state reads back");
            let mut w =
                ShardWriter::resume(cut.path(), OutputFormat::Parquet, 1 << 20, &state, None)?;
            for b in &batches[1..] {
                w.append(Encoded::Rows(batch(b, None)), 1)?;
            }
            w.finish()?;
            let files = |d: &Path| {
                let mut names: Vec<(String, Vec<u8>)> = fs::read_dir(d)
                    .expect("folder")
                    .map(|e| {
                        let p = e.expect("entry").path();
                        let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                        (name.unwrap_or_default(), fs::read(&p).expect("read"))
                    })
                    .collect();
                names.sort();
                names
            };
            assert_eq!(files(cut.path()), files(whole.path()));
            assert_eq!(files(cut.path()).len(), 2);
            Ok(())
        }
    }
}
