//! Serializing documents and rejections to JSON lines, and compressing whole batches on the
//! worker threads, so that the single writer thread only appends bytes.
//!
//! Each batch becomes one complete zstd frame or gzip member: concatenated frames and members
//! are valid streams for `zstd -d`, `gzip -d` and every common library, and compressing batches
//! independently is what lets compression use every core while the bytes stay identical for any
//! thread count.

use crate::parse::{FieldOptions, Rejection};
use crate::shards::OutputFormat;
use base64::Engine;
use ghirbal_core::{Document, Reason};
use serde::ser::{SerializeMap, Serializer};
use std::io::Write;

/// A document as a Parquet row: id, text, and every other field as one JSON object.
#[derive(Debug, Clone, PartialEq)]
pub struct ParquetRow {
    pub id: String,
    pub text: String,
    pub metadata: String,
}

/// A batch's worth of output for one of kept/removed/rejected, ready to append.
#[derive(Debug)]
pub enum Encoded {
    Bytes(Vec<u8>),
    Rows(Vec<ParquetRow>),
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

/// The document as a Parquet row; the removal reason goes into the metadata object.
pub fn to_parquet_row(doc: &Document, removal: Option<&Reason>) -> ParquetRow {
    let mut meta = doc.meta.clone();
    if let Some(r) = removal {
        meta.insert(REMOVAL_KEY.to_string(), removal_value(r));
    }
    ParquetRow {
        id: doc.id.clone(),
        text: doc.text.clone(),
        metadata: serde_json::Value::Object(meta).to_string(),
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
