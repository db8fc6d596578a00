//! Serializing documents and rejections to JSON lines or Parquet rows, and compressing whole
//! batches on the worker threads, so that the single writer thread only appends bytes. A
//! [`BatchEncoder`] collects one batch's kept, removed and rejected outputs in the run's format.
//!
//! Each batch becomes one complete zstd frame or gzip member: concatenated frames and members
//! are valid streams for `zstd -d`, `gzip -d` and every common library, and compressing batches
//! independently is what lets compression use every core while the bytes stay identical for any
//! thread count.

pub use crate::columns::{ParquetRow, ParquetRows};
use crate::parse::{FieldOptions, Rejection};
use base64::Engine;
use ghirbal_core::{Document, Reason};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::io::Write;

/// The format of the kept and removed outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum OutputFormat {
    #[default]
    #[serde(rename = "jsonl.zst")]
    JsonlZst,
    #[serde(rename = "jsonl.gz")]
    JsonlGz,
    #[serde(rename = "jsonl")]
    Jsonl,
    #[serde(rename = "parquet")]
    Parquet,
}

impl OutputFormat {
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::JsonlZst => "jsonl.zst",
            OutputFormat::JsonlGz => "jsonl.gz",
            OutputFormat::Jsonl => "jsonl",
            OutputFormat::Parquet => "parquet",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "jsonl.zst" | "zst" | "zstd" => OutputFormat::JsonlZst,
            "jsonl.gz" | "gz" | "gzip" => OutputFormat::JsonlGz,
            "jsonl" => OutputFormat::Jsonl,
            "parquet" => OutputFormat::Parquet,
            _ => return None,
        })
    }
}

/// A batch's worth of output for one of kept/removed/rejected, ready to append.
#[derive(Debug)]
pub enum Encoded {
    Bytes(Vec<u8>),
    Rows(ParquetRows),
}

impl Encoded {
    pub fn is_empty(&self) -> bool {
        match self {
            Encoded::Bytes(b) => b.is_empty(),
            Encoded::Rows(r) => r.is_empty(),
        }
    }
}

/// The key under which a removed document carries its reason.
pub const REMOVAL_KEY: &str = "removal";

/// Appends `doc` as one JSON line, with the configured field names so that the output reads
/// back with the same options, and the removal reason when there is one.
pub fn write_document_line(
    out: &mut Vec<u8>,
    doc: &Document,
    fields: &FieldOptions,
    removal: Option<&Reason>,
) {
    let mut ser = serde_json::Serializer::new(&mut *out);
    // Writing into a Vec cannot fail and every value is valid JSON already.
    let _ = (|| -> Result<(), serde_json::Error> {
        let mut map = ser.serialize_map(None)?;
        map.serialize_entry(&fields.id_field, &doc.id)?;
        map.serialize_entry(&fields.text_field, &doc.text)?;
        for (k, v) in &doc.meta {
            if removal.is_some() && k == REMOVAL_KEY {
                continue;
            }
            map.serialize_entry(k, v)?;
        }
        if let Some(r) = removal {
            map.serialize_entry(REMOVAL_KEY, &removal_value(r))?;
        }
        map.end()
    })();
    out.push(b'\n');
}

fn removal_value(r: &Reason) -> serde_json::Value {
    serde_json::json!({"step": r.step, "code": r.code, "detail": r.detail})
}

/// The document as a Parquet row, its fields in the order [`write_document_line`] writes them:
/// the removal reason last, in place of any field of that name the document had.
pub fn to_parquet_row(doc: &Document, removal: Option<&Reason>) -> ParquetRow {
    let mut metadata = doc.meta.clone();
    if let Some(r) = removal {
        metadata.shift_remove(REMOVAL_KEY);
        metadata.insert(REMOVAL_KEY.to_string(), removal_value(r));
    }
    ParquetRow {
        id: doc.id.clone(),
        text: doc.text.clone(),
        metadata,
    }
}

/// Appends a rejection as one JSON line: where, why, and the raw record (as text when it is
/// valid UTF-8, as base64 otherwise) so that nothing is lost.
pub fn write_rejection_line(out: &mut Vec<u8>, r: &Rejection) {
    let mut obj = serde_json::Map::new();
    obj.insert("input".into(), r.input.as_ref().into());
    obj.insert("line".into(), r.line.into());
    if let Some(id) = &r.id {
        obj.insert("id".into(), id.as_str().into());
    }
    obj.insert("error_code".into(), r.code.into());
    obj.insert("error".into(), r.message.as_str().into());
    if let Some(raw) = &r.raw {
        match std::str::from_utf8(raw) {
            Ok(s) => obj.insert("raw".into(), s.into()),
            Err(_) => obj.insert(
                "raw_base64".into(),
                base64::engine::general_purpose::STANDARD.encode(raw).into(),
            ),
        };
    }
    let _ = serde_json::to_writer(&mut *out, &serde_json::Value::Object(obj));
    out.push(b'\n');
}

/// Compresses a batch of JSON lines as one independent frame (zstd) or member (gzip).
pub fn compress(format: OutputFormat, zstd_level: i32, data: Vec<u8>) -> std::io::Result<Vec<u8>> {
    if data.is_empty() {
        return Ok(data);
    }
    match format {
        OutputFormat::JsonlZst => zstd::bulk::compress(&data, zstd_level),
        OutputFormat::JsonlGz => {
            let mut enc = flate2::write::GzEncoder::new(
                Vec::with_capacity(data.len() / 3),
                flate2::Compression::default(),
            );
            enc.write_all(&data)?;
            enc.finish()
        }
        OutputFormat::Jsonl | OutputFormat::Parquet => Ok(data),
    }
}

/// How a run's outputs are encoded: the format of the kept and removed outputs, the zstd level,
/// and the field names documents are written with (so that the output reads back with the same
/// options).
#[derive(Debug, Clone, Copy)]
pub struct Encoding<'a> {
    pub format: OutputFormat,
    pub zstd_level: i32,
    pub fields: &'a FieldOptions,
}

impl Encoding<'_> {
    /// The format of the rejected output: JSON lines always (a rejection carries the raw
    /// record, not a document's columns), zstd-compressed when the other outputs are Parquet.
    pub fn rejected_format(&self) -> OutputFormat {
        if self.format == OutputFormat::Parquet {
            OutputFormat::JsonlZst
        } else {
            self.format
        }
    }
}

/// One batch's three outputs, encoded and compressed, ready to append to their shards.
#[derive(Debug)]
pub struct EncodedBatch {
    pub kept: Encoded,
    pub removed: Encoded,
    pub rejected: Encoded,
}

/// Collects one batch's kept, removed and rejected outputs, in input order, on a worker
/// thread: JSON lines for the JSON formats, rows for Parquet.
pub struct BatchEncoder<'a> {
    encoding: Encoding<'a>,
    kept: Pending,
    removed: Pending,
    rejected: Vec<u8>,
}

/// What one output of a batch holds until it is finished.
enum Pending {
    Lines(Vec<u8>),
    Rows(ParquetRows),
}

impl Pending {
    fn new(format: OutputFormat) -> Self {
        if format == OutputFormat::Parquet {
            Pending::Rows(ParquetRows::default())
        } else {
            Pending::Lines(Vec::new())
        }
    }

    fn push(&mut self, doc: &Document, fields: &FieldOptions, removal: Option<&Reason>) {
        match self {
            Pending::Lines(out) => write_document_line(out, doc, fields, removal),
            Pending::Rows(rows) => rows.push(to_parquet_row(doc, removal)),
        }
    }

    fn finish(self, format: OutputFormat, zstd_level: i32) -> std::io::Result<Encoded> {
        match self {
            Pending::Lines(bytes) => compress(format, zstd_level, bytes).map(Encoded::Bytes),
            Pending::Rows(rows) => Ok(Encoded::Rows(rows)),
        }
    }
}

impl<'a> BatchEncoder<'a> {
    pub fn new(encoding: Encoding<'a>) -> Self {
        Self {
            kept: Pending::new(encoding.format),
            removed: Pending::new(encoding.format),
            rejected: Vec::new(),
            encoding,
        }
    }

    /// A document that passed every step.
    pub fn kept(&mut self, doc: &Document) {
        self.kept.push(doc, self.encoding.fields, None);
    }

    /// A document a step removed, with the reason.
    pub fn removed(&mut self, doc: &Document, reason: &Reason) {
        self.removed.push(doc, self.encoding.fields, Some(reason));
    }

    /// A record that could not be read or judged.
    pub fn rejected(&mut self, rejection: &Rejection) {
        write_rejection_line(&mut self.rejected, rejection);
    }

    /// The batch's outputs, each compressed as one frame or member.
    pub fn finish(self) -> std::io::Result<EncodedBatch> {
        let Encoding {
            format, zstd_level, ..
        } = self.encoding;
        let rejected_format = self.encoding.rejected_format();
        Ok(EncodedBatch {
            kept: self.kept.finish(format, zstd_level)?,
            removed: self.removed.finish(format, zstd_level)?,
            rejected: Pending::Lines(self.rejected).finish(rejected_format, zstd_level)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// One kept document, one removed and one rejection, encoded in `format`.
    fn one_of_each(format: OutputFormat) -> EncodedBatch {
        let fields = FieldOptions::default();
        let mut out = BatchEncoder::new(Encoding {
            format,
            zstd_level: 3,
            fields: &fields,
        });
        let doc = Document::new("d1", "نص قصير");
        out.kept(&doc);
        out.removed(
            &doc,
            &Reason {
                step: "length",
                code: "too_short",
                detail: "7 < 50".into(),
            },
        );
        out.rejected(&Rejection {
            input: Arc::from("in.jsonl"),
            line: 3,
            code: "invalid_json",
            message: "expected value".into(),
            raw: Some(b"{".to_vec()),
            id: None,
        });
        out.finish().expect("encodes")
    }

    fn text(e: &Encoded) -> String {
        match e {
            Encoded::Bytes(b) => String::from_utf8(b.clone()).expect("JSON lines"),
            Encoded::Rows(_) => panic!("rows where lines were expected"),
        }
    }

    #[test]
    fn json_lines_carry_the_removal_reason_and_the_rejection() {
        let b = one_of_each(OutputFormat::Jsonl);
        assert_eq!(text(&b.kept), "{\"id\":\"d1\",\"text\":\"نص قصير\"}\n");
        assert!(text(&b.removed).contains(
            "\"removal\":{\"step\":\"length\",\"code\":\"too_short\",\"detail\":\"7 < 50\"}"
        ));
        assert!(text(&b.rejected).contains("\"error_code\":\"invalid_json\""));
    }

    #[test]
    fn parquet_gives_rows_and_zstd_compressed_rejections() {
        let b = one_of_each(OutputFormat::Parquet);
        let Encoded::Rows(kept) = &b.kept else {
            panic!("rows expected")
        };
        assert!(kept.rows[0].metadata.is_empty());
        let Encoded::Rows(removed) = &b.removed else {
            panic!("rows expected")
        };
        assert_eq!(removed.rows[0].metadata[REMOVAL_KEY]["code"], "too_short");
        assert_eq!(removed.layouts, vec![vec![REMOVAL_KEY.to_string()]]);
        let Encoded::Bytes(rejected) = &b.rejected else {
            panic!("bytes expected")
        };
        let lines = zstd::decode_all(rejected.as_slice()).expect("one zstd frame");
        assert!(String::from_utf8_lossy(&lines).contains("invalid_json"));
    }

    #[test]
    fn an_empty_batch_is_empty_in_every_format() {
        let fields = FieldOptions::default();
        for format in [
            OutputFormat::Jsonl,
            OutputFormat::JsonlGz,
            OutputFormat::JsonlZst,
            OutputFormat::Parquet,
        ] {
            let b = BatchEncoder::new(Encoding {
                format,
                zstd_level: 3,
                fields: &fields,
            })
            .finish()
            .expect("encodes");
            assert!(b.kept.is_empty() && b.removed.is_empty() && b.rejected.is_empty());
        }
    }
}
