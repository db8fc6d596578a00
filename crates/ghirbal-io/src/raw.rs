//! A record as a reader hands it on, before parsing: what every reader (JSONL, Parquet, text,
//! WARC) produces and what `parse` turns into a document.

use serde_json::{Map, Value};
use std::sync::Arc;

/// One record as read, before parsing, with where it came from.
#[derive(Debug)]
pub struct RawItem {
    /// The input's display name (`-` for standard input).
    pub input: Arc<str>,
    /// 1-based line number for JSONL, row number for Parquet, 1 for a text file.
    pub line: u64,
    pub record: RawRecord,
}

#[derive(Debug)]
pub enum RawRecord {
    /// One JSONL line, without its newline.
    JsonLine(Vec<u8>),
    /// A whole text file (one document).
    Text(Vec<u8>),
    /// A Parquet row converted to a JSON object.
    Object(Map<String, Value>),
    /// A document whose id, text and metadata the reader already knows (a WET record).
    Page {
        id: String,
        text: Vec<u8>,
        meta: Box<Map<String, Value>>,
    },
    /// A page as HTML (a WARC response, an `.html` file): its bytes as served, for the
    /// `extract` step.
    Html {
        id: String,
        html: Box<ghirbal_core::Html>,
        meta: Box<Map<String, Value>>,
    },
    /// A record that is not a document (a WARC request, say): counted by reason, not judged.
    Skipped { reason: &'static str },
    /// Something that could not be read; it becomes a rejection.
    Failed {
        code: &'static str,
        message: String,
        /// The bytes read, where there are any and they are small enough to keep.
        raw: Option<Vec<u8>>,
    },
}
