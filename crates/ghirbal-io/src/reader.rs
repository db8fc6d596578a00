//! Streaming raw records out of the inputs, in a fixed order (inputs in the order given, folders
//! sorted, records in file order), so that record `seq` numbers are the same on every run.
//!
//! Nothing here parses JSON: that happens on worker threads in [`crate::parse`].

use crate::columns::{Restorer, FILE_METADATA_KEY};
use crate::input::{InputFile, InputKind};
use crate::lines::{json_layout, next_element, next_line, Element, JsonLayout, Line};
use crate::raw::{RawItem, RawRecord};
use crate::IoError;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::reader::RowIter;
use serde_json::{Map, Value};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

impl RawItem {
    /// Bytes of the record as read (for batching by size).
    pub fn approx_bytes(&self) -> usize {
        match &self.record {
            RawRecord::JsonLine(b) | RawRecord::Text(b) => b.len(),
            RawRecord::Page { text, .. } => text.len(),
            RawRecord::Html { html, .. } => html.bytes.len(),
            RawRecord::Skipped { .. } => 0,
            RawRecord::Object(m) => m.values().map(|v| v.as_str().map_or(16, str::len)).sum(),
            RawRecord::Failed { raw, .. } => raw.as_ref().map_or(0, Vec::len),
        }
    }
}

/// Counts bytes as they are read from a file, before decompression, for progress and ETA.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

enum Current {
    Jsonl {
        reader: Box<dyn BufRead + Send>,
        line: u64,
    },
    /// The elements of one JSON array, numbered from 1.
    JsonArray {
        reader: Box<dyn BufRead + Send>,
        element: u64,
    },
    Parquet {
        rows: Box<RowIter<'static>>,
        row: u64,
        /// For a file ghirbal wrote with typed columns: turns its rows back into records.
        restorer: Option<Box<Restorer>>,
    },
    Warc {
        records: Box<ghirbal_warc::Records<File>>,
        seq: u64,
    },
}

/// Reads every input in turn. Use it as an iterator of [`RawItem`]s.
pub struct RecordReader {
    inputs: Vec<InputFile>,
    next_input: usize,
    current: Option<(Arc<str>, Current)>,
    max_doc_bytes: usize,
    consumed: Arc<AtomicU64>,
    line_buf: Vec<u8>,
    empty_inputs: Vec<String>,
    /// How each `.json` input held its records ("array" or "lines").
    json_layouts: Vec<(String, &'static str)>,
    records_in_current: u64,
    /// An input that changed while it was read: reading stops there.
    changed: Option<IoError>,
}

const READ_BUFFER: usize = 256 * 1024;
/// How much decompressed data is asked for at a time. A decoder that meets damage (a zstd
/// frame whose checksum fails, a gzip member cut short) returns an error for the whole call
/// and drops what it decoded in that call, so the smaller this is, the closer the damage the
/// last delivered record; 16 KiB loses far less than `zstd -dc` does (128 KiB), at the cost
/// of a function call per 16 KiB.
const DECODED_BUFFER: usize = 16 * 1024;
const KEEP_RAW_LIMIT: usize = 1 << 20;

impl RecordReader {
    pub fn new(inputs: Vec<InputFile>, max_doc_bytes: usize) -> Self {
        Self {
            inputs,
            next_input: 0,
            current: None,
            max_doc_bytes,
            consumed: Arc::new(AtomicU64::new(0)),
            line_buf: Vec::new(),
            empty_inputs: Vec::new(),
            json_layouts: Vec::new(),
            records_in_current: 0,
            changed: None,
        }
    }

    /// The input that changed (size or modification time) while it was read, if one did;
    /// reading stopped at its end. The caller must not treat the pass as complete.
    pub fn take_changed(&mut self) -> Option<IoError> {
        self.changed.take()
    }

    /// After an input was read to its end: notes it when it changed since the run began.
    fn check_finished_input(&mut self) {
        if self.changed.is_some() {
            return;
        }
        if let Some(file) = self
            .next_input
            .checked_sub(1)
            .and_then(|i| self.inputs.get(i))
        {
            if let Err(e) = crate::input::unchanged(file) {
                self.changed = Some(e);
            }
        }
    }

    /// Bytes read from the inputs so far (compressed size), shared for progress reporting.
    pub fn consumed_counter(&self) -> Arc<AtomicU64> {
        Arc::clone(&self.consumed)
    }

    /// Inputs that held no record at all.
    pub fn empty_inputs(&self) -> &[String] {
        &self.empty_inputs
    }

    /// How each `.json` input opened so far held its records: `"array"` (one JSON array) or
    /// `"lines"` (JSON lines).
    pub fn json_layouts(&self) -> &[(String, &'static str)] {
        &self.json_layouts
    }

    fn failed(input: &Arc<str>, line: u64, code: &'static str, message: String) -> RawItem {
        RawItem {
            input: Arc::clone(input),
            line,
            record: RawRecord::Failed {
                code,
                message,
                raw: None,
            },
        }
    }

    /// Opens the next input. Returns an item when opening it failed (the run goes on).
    fn open_next(&mut self) -> Option<Result<(), RawItem>> {
        let file = self.inputs.get(self.next_input)?.clone();
        self.next_input += 1;
        self.records_in_current = 0;
        let name: Arc<str> = Arc::from(file.display_name());
        match self.open(&file, &name) {
            Ok(Some(cur)) => {
                self.current = Some((name, cur));
                Some(Ok(()))
            }
            Ok(None) => Some(Ok(())),
            Err(item) => Some(Err(item)),
        }
    }

    fn open(&mut self, file: &InputFile, name: &Arc<str>) -> Result<Option<Current>, RawItem> {
        let unreadable =
            |e: &dyn std::fmt::Display| Self::failed(name, 0, "unreadable_input", e.to_string());
        match file.kind {
            InputKind::Jsonl | InputKind::Json => {
                let raw: Box<dyn Read + Send> = match (&file.path, file.range) {
                    (Some(p), Some(range)) => {
                        // Whole lines of a plain file, numbered as in the whole file.
                        use std::io::{Seek, SeekFrom};
                        let mut f = File::open(p).map_err(|e| unreadable(&e))?;
                        f.seek(SeekFrom::Start(range.start))
                            .map_err(|e| unreadable(&e))?;
                        let len = range.end.saturating_sub(range.start);
                        let counted = Counting {
                            inner: Box::new(f.take(len)) as Box<dyn Read + Send>,
                            counter: Arc::clone(&self.consumed),
                        };
                        let reader: Box<dyn BufRead + Send> =
                            Box::new(io::BufReader::with_capacity(READ_BUFFER, counted));
                        return Ok(Some(Current::Jsonl {
                            reader,
                            line: range.lines_before,
                        }));
                    }
                    (Some(p), None) => Box::new(File::open(p).map_err(|e| unreadable(&e))?),
                    (None, _) => Box::new(io::stdin()),
                };
                let counted = Counting {
                    inner: raw,
                    counter: Arc::clone(&self.consumed),
                };
                let mut reader = decompressed(counted).map_err(|e| unreadable(&e))?;
                if file.kind == InputKind::Json {
                    let layout = json_layout(&mut reader).map_err(|e| unreadable(&e))?;
                    let (label, current) = match layout {
                        JsonLayout::Array => ("array", Current::JsonArray { reader, element: 0 }),
                        JsonLayout::Lines => ("lines", Current::Jsonl { reader, line: 0 }),
                    };
                    self.json_layouts.push((name.to_string(), label));
                    return Ok(Some(current));
                }
                Ok(Some(Current::Jsonl { reader, line: 0 }))
            }
            InputKind::Parquet => {
                let path = file.path.as_ref().ok_or_else(|| {
                    Self::failed(name, 0, "unreadable_input", "no path".to_string())
                })?;
                let f = File::open(path).map_err(|e| unreadable(&e))?;
                let opened = std::panic::catch_unwind(|| SerializedFileReader::new(f))
                    .unwrap_or_else(|_| {
                        Err(parquet::errors::ParquetError::General(
                            "the Parquet reader failed on its metadata".into(),
                        ))
                    });
                let reader =
                    opened.map_err(|e| Self::failed(name, 0, "invalid_parquet", e.to_string()))?;
                let restorer = reader
                    .metadata()
                    .file_metadata()
                    .key_value_metadata()
                    .and_then(|kv| kv.iter().find(|e| e.key == FILE_METADATA_KEY))
                    .and_then(|e| e.value.as_deref())
                    .map(Restorer::new)
                    .transpose()
                    .map_err(|e| {
                        Self::failed(
                            name,
                            0,
                            "invalid_parquet",
                            format!("the description of ghirbal's columns ({FILE_METADATA_KEY}) is unusable: {e}"),
                        )
                    })?;
                let rows = RowIter::from_file_into(Box::new(reader));
                self.consumed
                    .fetch_add(file.size.unwrap_or(0), Ordering::Relaxed);
                Ok(Some(Current::Parquet {
                    rows: Box::new(rows),
                    row: 0,
                    restorer: restorer.map(Box::new),
                }))
            }
            InputKind::Text | InputKind::Html => Err(self.read_text(file, name)),
            InputKind::Warc => {
                let path = file.path.as_ref().ok_or_else(|| {
                    Self::failed(name, 0, "unreadable_input", "no path".to_string())
                })?;
                let records = ghirbal_warc::open(path, self.max_doc_bytes as u64)
                    .map_err(|e| unreadable(&e))?;
                self.consumed
                    .fetch_add(file.size.unwrap_or(0), Ordering::Relaxed);
                Ok(Some(Current::Warc {
                    records: Box::new(records),
                    seq: 0,
                }))
            }
        }
    }

    /// A text or HTML file is one record, returned through the error path of `open` for brevity of
    /// the state machine: it never becomes `current`.
    fn read_text(&mut self, file: &InputFile, name: &Arc<str>) -> RawItem {
        self.records_in_current = 1;
        let size = file.size.unwrap_or(0);
        self.consumed.fetch_add(size, Ordering::Relaxed);
        if size > self.max_doc_bytes as u64 {
            return Self::failed(
                name,
                1,
                "too_large",
                format!(
                    "document of {size} bytes exceeds max_doc_bytes ({})",
                    self.max_doc_bytes
                ),
            );
        }
        let Some(path) = &file.path else {
            return Self::failed(name, 1, "unreadable_input", "no path".to_string());
        };
        // Read at most one byte past the limit: the file may have grown since it was listed.
        let read = File::open(path).and_then(|f| {
            let mut bytes = Vec::new();
            f.take(self.max_doc_bytes as u64 + 1)
                .read_to_end(&mut bytes)
                .map(|_| bytes)
        });
        match read {
            Ok(bytes) if bytes.len() > self.max_doc_bytes => Self::failed(
                name,
                1,
                "too_large",
                format!(
                    "document larger than max_doc_bytes ({}); it grew while the run read it",
                    self.max_doc_bytes
                ),
            ),
            Ok(bytes) if file.kind == InputKind::Html => {
                let mut meta = Map::new();
                meta.insert("source_file".into(), Value::from(name.as_ref()));
                RawItem {
                    input: Arc::clone(name),
                    line: 1,
                    record: RawRecord::Html {
                        id: name.to_string(),
                        html: Box::new(ghirbal_core::Html {
                            bytes,
                            http_charset: None,
                        }),
                        meta: Box::new(meta),
                    },
                }
            }
            Ok(bytes) => RawItem {
                input: Arc::clone(name),
                line: 1,
                record: RawRecord::Text(bytes),
            },
            Err(e) => Self::failed(name, 1, "unreadable_input", e.to_string()),
        }
    }

    fn next_from_current(&mut self) -> Option<RawItem> {
        let (name, cur) = self.current.as_mut()?;
        let name = Arc::clone(name);
        match cur {
            Current::Jsonl { reader, line } => loop {
                *line += 1;
                match next_line(reader, &mut self.line_buf, self.max_doc_bytes) {
                    Ok(Line::Complete) => {
                        if self.line_buf.iter().all(u8::is_ascii_whitespace) {
                            continue;
                        }
                        return Some(RawItem {
                            input: name,
                            line: *line,
                            record: RawRecord::JsonLine(std::mem::take(&mut self.line_buf)),
                        });
                    }
                    Ok(Line::TooLarge(n)) => {
                        return Some(Self::failed(
                            &name,
                            *line,
                            "too_large",
                            format!(
                                "record of {n} bytes exceeds max_doc_bytes ({})",
                                self.max_doc_bytes
                            ),
                        ))
                    }
                    Ok(Line::Eof) => return None,
                    Err(e) => {
                        // Damaged compressed data: what came before was processed; report the
                        // damage once and move on to the next input.
                        let partial = std::mem::take(&mut self.line_buf);
                        // zstd's own words for a frame whose window is over the 128 MiB that
                        // decoding is allowed (`zstd --long=31` writes such frames).
                        let e = if e.to_string().contains("too much memory") {
                            format!("{e} (a zstd window over 128 MiB, as `zstd --long` writes; ghirbal bounds decoding memory: recompress without --long)")
                        } else {
                            e.to_string()
                        };
                        let item = RawItem {
                            input: name,
                            line: *line,
                            record: RawRecord::Failed {
                                code: "damaged_input",
                                message: if partial.is_empty() {
                                    format!("input damaged or truncated after line {}: {e}; what came before was read", *line - 1)
                                } else {
                                    format!(
                                        "input damaged or truncated at line {line}: {e}; the {} bytes of the line before the damage are in raw",
                                        partial.len()
                                    )
                                },
                                raw: (!partial.is_empty() && partial.len() <= KEEP_RAW_LIMIT)
                                    .then_some(partial),
                            },
                        };
                        self.current = None;
                        return Some(item);
                    }
                }
            },
            Current::JsonArray { reader, element } => loop {
                *element += 1;
                match next_element(reader, &mut self.line_buf, self.max_doc_bytes) {
                    Ok(Element::Complete) if self.line_buf.is_empty() => continue,
                    Ok(Element::Complete) => {
                        return Some(RawItem {
                            input: name,
                            line: *element,
                            record: RawRecord::JsonLine(std::mem::take(&mut self.line_buf)),
                        })
                    }
                    Ok(Element::TooLarge(n)) => {
                        return Some(Self::failed(
                            &name,
                            *element,
                            "too_large",
                            format!(
                                "array element of {n} bytes exceeds max_doc_bytes ({})",
                                self.max_doc_bytes
                            ),
                        ))
                    }
                    Ok(Element::End) => return None,
                    Err(e) => {
                        let partial = std::mem::take(&mut self.line_buf);
                        let item = RawItem {
                            input: name,
                            line: *element,
                            record: RawRecord::Failed {
                                code: "damaged_input",
                                message: format!(
                                    "input damaged or truncated in element {element} of its JSON array: {e}; the elements before it were read"
                                ),
                                raw: (!partial.is_empty() && partial.len() <= KEEP_RAW_LIMIT)
                                    .then_some(partial),
                            },
                        };
                        self.current = None;
                        return Some(item);
                    }
                }
            },
            Current::Warc { records, seq } => {
                let item = records.next_item()?;
                *seq += 1;
                Some(crate::warc::to_raw(&name, *seq, item, self.max_doc_bytes))
            }
            Current::Parquet {
                rows,
                row,
                restorer,
            } => {
                *row += 1;
                // The parquet crate panics on some damaged pages (a dictionary page shorter
                // than its length prefix, found by fuzzing): a damaged file must cost its
                // remaining rows, not the run.
                let next = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| rows.next()));
                let Ok(next) = next else {
                    let item = Self::failed(
                        &name,
                        *row,
                        "damaged_input",
                        format!(
                            "Parquet input damaged at row {row}: the Parquet reader failed on it"
                        ),
                    );
                    self.current = None;
                    return Some(item);
                };
                match next? {
                    // Converting a row panics on some values too (a timestamp outside the
                    // calendar, found by fuzzing): that costs the row, not the run.
                    Ok(r) => match std::panic::catch_unwind(|| r.to_json_value()) {
                        Err(_) => Some(Self::failed(
                            &name,
                            *row,
                            "damaged_input",
                            format!("Parquet row {row} holds a value the Parquet reader cannot convert (a timestamp out of range?)"),
                        )),
                        Ok(value) => match value {
                        Value::Object(m) if object_bytes(&m) > self.max_doc_bytes => {
                            Some(Self::failed(
                                &name,
                                *row,
                                "too_large",
                                format!(
                                    "Parquet row of {} bytes exceeds max_doc_bytes ({})",
                                    object_bytes(&m),
                                    self.max_doc_bytes
                                ),
                            ))
                        }
                        Value::Object(m) => match restorer.as_deref_mut() {
                            Some(restorer) => match restorer.restore(m) {
                                Ok(m) => Some(RawItem {
                                    input: name,
                                    line: *row,
                                    record: RawRecord::Object(m),
                                }),
                                // The file's description does not match its rows: nothing
                                // after this row can be trusted either.
                                Err(e) => {
                                    let item = Self::failed(
                                        &name,
                                        *row,
                                        "damaged_input",
                                        format!("Parquet row {row} does not match the file's description of its columns: {e}"),
                                    );
                                    self.current = None;
                                    Some(item)
                                }
                            },
                            None => Some(RawItem {
                                input: name,
                                line: *row,
                                record: RawRecord::Object(unfold_metadata(m)),
                            }),
                        },
                        other => Some(Self::failed(
                            &name,
                            *row,
                            "not_an_object",
                            format!("row is not a record: {other}"),
                        )),
                        },
                    },
                    Err(e) => {
                        let item = Self::failed(
                            &name,
                            *row,
                            "damaged_input",
                            format!("Parquet input damaged at row {row}: {e}"),
                        );
                        self.current = None;
                        Some(item)
                    }
                }
            }
        }
    }
}

impl Iterator for RecordReader {
    type Item = RawItem;

    fn next(&mut self) -> Option<RawItem> {
        loop {
            if self.changed.is_some() {
                return None;
            }
            if self.current.is_some() {
                if let Some(item) = self.next_from_current() {
                    self.records_in_current += 1;
                    return Some(item);
                }
                if let Some((name, _)) = self.current.take() {
                    if self.records_in_current == 0 {
                        self.empty_inputs.push(name.to_string());
                    }
                }
                self.check_finished_input();
                if self.changed.is_some() {
                    return None;
                }
            }
            match self.open_next()? {
                Ok(()) => {}
                Err(item) => {
                    // A text file is read whole at once; a file that failed to open is done.
                    self.check_finished_input();
                    return Some(item);
                }
            }
        }
    }
}

/// ghirbal's Parquet output before typed columns held the metadata as one JSON column: unfold
/// it so that such a file still reads back as the documents it was written from.
fn unfold_metadata(mut map: Map<String, Value>) -> Map<String, Value> {
    if let Some(Value::String(s)) = map.get("metadata") {
        if let Ok(Value::Object(inner)) = serde_json::from_str::<Value>(s) {
            map.shift_remove("metadata");
            map.extend(inner);
        }
    }
    map
}

/// Bytes of a row's string values (what the size limit is about), without serializing it.
fn object_bytes(m: &Map<String, Value>) -> usize {
    m.values()
        .map(|v| match v {
            Value::String(s) => s.len(),
            _ => 16,
        })
        .sum()
}

/// Wraps a byte stream in the decoder its first bytes call for: gzip, zstd, or none.
pub fn decompressed<R: Read + Send + 'static>(inner: R) -> io::Result<Box<dyn BufRead + Send>> {
    let mut buffered = BufReader::with_capacity(READ_BUFFER, inner);
    let head = buffered.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        let dec = flate2::bufread::MultiGzDecoder::new(buffered);
        Ok(Box::new(BufReader::with_capacity(DECODED_BUFFER, dec)))
    } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        let dec = zstd::stream::read::Decoder::with_buffer(buffered)?;
        Ok(Box::new(BufReader::with_capacity(DECODED_BUFFER, dec)))
    } else {
        Ok(Box::new(buffered))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::discover;
    use crate::parse::{to_document, FieldOptions};
    use parquet::data_type::{ByteArray, ByteArrayType, Int64Type};
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::parser::parse_message_type;

    /// A Parquet file shaped like a Hugging Face dataset: nullable text, other typed columns.
    fn write_dataset(path: &std::path::Path) -> Result<(), parquet::errors::ParquetError> {
        let schema = parse_message_type(
            "message s { optional binary text (UTF8); required int64 views; optional binary url (UTF8); }",
        )?;
        let file = File::create(path)
            .map_err(|e| parquet::errors::ParquetError::General(e.to_string()))?;
        let mut w = SerializedFileWriter::new(
            file,
            Arc::new(schema),
            Arc::new(WriterProperties::builder().build()),
        )?;
        let mut g = w.next_row_group()?;
        let mut col = g
            .next_column()?
            .ok_or_else(|| parquet::errors::ParquetError::General("col".into()))?;
        col.typed::<ByteArrayType>().write_batch(
            &[ByteArray::from("مرحبا بالعالم"), ByteArray::from("نص ثان")],
            Some(&[1, 1, 0]),
            None,
        )?;
        col.close()?;
        let mut col = g
            .next_column()?
            .ok_or_else(|| parquet::errors::ParquetError::General("col".into()))?;
        col.typed::<Int64Type>()
            .write_batch(&[10, 20, 30], None, None)?;
        col.close()?;
        let mut col = g
            .next_column()?
            .ok_or_else(|| parquet::errors::ParquetError::General("col".into()))?;
        col.typed::<ByteArrayType>().write_batch(
            &[ByteArray::from("https://a.example/1")],
            Some(&[1, 0, 0]),
            None,
        )?;
        col.close()?;
        g.close()?;
        w.close()?;
        Ok(())
    }

    #[test]
    fn parquet_rows_become_documents_with_typed_metadata() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("train-00000.parquet");
        write_dataset(&path).expect("parquet written");
        let inputs = discover(&[path]).expect("discovered");
        let items: Vec<RawItem> = RecordReader::new(inputs.files, 1 << 20).collect();
        assert_eq!(items.len(), 3);
        let docs: Vec<_> = items
            .into_iter()
            .map(|i| to_document(i, &FieldOptions::default()))
            .collect();
        let first = docs[0].as_ref().expect("readable");
        assert_eq!(first.text, "مرحبا بالعالم");
        assert!(first.id.ends_with("train-00000.parquet:1"), "{}", first.id);
        assert_eq!(first.meta["views"], 10);
        assert_eq!(first.meta["url"], "https://a.example/1");
        assert_eq!(docs[1].as_ref().expect("readable").meta["url"], Value::Null);
        assert_eq!(
            docs[2].as_ref().expect_err("null text").code,
            "text_not_string"
        );
    }

    /// A zstd frame whose checksum fails still yields its records up to the damage, as
    /// `zstd -dc` does (it used to lose the whole frame, up to 256 KiB of records).
    #[test]
    fn a_zstd_frame_with_a_bad_checksum_keeps_its_records() -> std::io::Result<()> {
        let frame = |from: usize| -> std::io::Result<Vec<u8>> {
            let mut enc = zstd::stream::write::Encoder::new(Vec::new(), 3)?;
            enc.include_checksum(true)?;
            for i in from..from + 1000 {
                std::io::Write::write_all(
                    &mut enc,
                    format!("{{\"id\": \"d{i}\", \"text\": \"نص رقم {i}\"}}\n").as_bytes(),
                )?;
            }
            enc.finish()
        };
        let mut bytes = frame(0)?;
        let mut second = frame(1000)?;
        let last = second.len() - 1;
        second[last] ^= 0xff; // the checksum of the second frame
        bytes.extend(second);
        bytes.extend(frame(2000)?);
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("damaged.jsonl.zst");
        std::fs::write(&path, bytes)?;
        let inputs = discover(&[path]).map_err(std::io::Error::other)?;
        let items: Vec<RawItem> = RecordReader::new(inputs.files, 1 << 20).collect();
        let lines = items
            .iter()
            .filter(|i| matches!(i.record, RawRecord::JsonLine(_)))
            .count();
        // The first frame and all but the last 16 KiB (about 450 records) of the second.
        assert!(lines >= 1500, "{lines} records before the damage");
        assert!(matches!(
            items.last().map(|i| &i.record),
            Some(RawRecord::Failed {
                code: "damaged_input",
                ..
            })
        ));
        Ok(())
    }

    /// A file whose dictionary page is shorter than its length prefix made the parquet
    /// crate panic, which stopped the run (found by fuzzing: fuzz/regressions/parquet_input).
    #[test]
    fn a_parquet_file_that_panics_the_reader_is_one_rejection() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("damaged.parquet");
        let bytes = include_bytes!(
            "../../../fuzz/regressions/parquet_input/dictionary-page-short-length-prefix"
        );
        std::fs::write(&path, bytes).expect("write");
        let inputs = discover(&[path]).expect("discovered");
        let items: Vec<RawItem> = RecordReader::new(inputs.files, 1 << 20).collect();
        assert!(matches!(
            items.last().map(|i| &i.record),
            Some(RawRecord::Failed {
                code: "damaged_input" | "invalid_parquet",
                ..
            })
        ));
    }

    /// A timestamp outside the calendar made the parquet crate panic while converting the
    /// row (found by fuzzing: fuzz/regressions/parquet_input/timestamp-millis-out-of-range).
    #[test]
    fn a_parquet_value_that_panics_the_conversion_costs_its_row() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("timestamps.parquet");
        let bytes =
            include_bytes!("../../../fuzz/regressions/parquet_input/timestamp-millis-out-of-range");
        std::fs::write(&path, bytes).expect("write");
        let inputs = discover(&[path]).expect("discovered");
        let items: Vec<RawItem> = RecordReader::new(inputs.files, 1 << 20).collect();
        assert!(items.iter().any(|i| matches!(
            i.record,
            RawRecord::Failed {
                code: "damaged_input",
                ..
            }
        )));
    }

    #[test]
    fn damaged_parquet_is_one_rejection() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("bad.parquet");
        std::fs::write(&path, b"PAR1 not really").expect("write");
        let inputs = discover(&[path]).expect("discovered");
        let items: Vec<RawItem> = RecordReader::new(inputs.files, 1 << 20).collect();
        assert_eq!(items.len(), 1);
        assert!(matches!(
            items[0].record,
            RawRecord::Failed {
                code: "invalid_parquet",
                ..
            }
        ));
    }
}
