//! WARC and WET files as input: each record becomes a raw item. A WET `conversion` record is
//! a document (its text as Common Crawl extracted it); `warcinfo`, `request`, `metadata`,
//! `revisit` and the other records that are not pages are skipped and counted by type; damage
//! is a rejection with the file offset where it was found.
//!
//! HTML `response` records need main-content extraction, which ghirbal does not have yet: they
//! are rejected as `html_not_supported` (never dropped silently), so that the same WARC read
//! by a later version gives every page.

use crate::reader::{RawItem, RawRecord};
use ghirbal_core::Metadata;
use ghirbal_warc::{Item, Record};
use serde_json::Value;
use std::sync::Arc;

/// A record's type, as a stable skip reason when it is not a page.
fn skip_reason(kind: &str) -> &'static str {
    match kind {
        "warcinfo" => "warcinfo",
        "request" => "request",
        "metadata" => "metadata",
        "revisit" => "revisit",
        "resource" => "resource",
        "continuation" => "continuation",
        _ => "unknown_record_type",
    }
}

/// The raw item for one item of a WARC file named `input`.
pub(crate) fn to_raw(input: &Arc<str>, seq: u64, item: Item, max_doc: usize) -> RawItem {
    let record = match item {
        Item::Damaged { offset, message } => RawRecord::Failed {
            code: "damaged_input",
            message: format!("WARC damaged at offset {offset}: {message}"),
            raw: None,
        },
        Item::Record(r) => from_record(input, r, max_doc),
    };
    RawItem {
        input: Arc::clone(input),
        line: seq,
        record,
    }
}

fn from_record(input: &Arc<str>, r: Record, max_doc: usize) -> RawRecord {
    let kind = r.field("WARC-Type").unwrap_or("").to_ascii_lowercase();
    let too_large = || RawRecord::Failed {
        code: "too_large",
        message: format!(
            "WARC record at offset {} of {} bytes exceeds max_doc_bytes ({max_doc})",
            r.offset, r.block_len
        ),
        raw: None,
    };
    match kind.as_str() {
        "conversion" => {
            if r.block_skipped || r.block.len() > max_doc {
                return too_large();
            }
            let meta = metadata(input, &r);
            let id = record_id(&r);
            RawRecord::Page {
                id,
                text: r.block,
                meta: Box::new(meta),
            }
        }
        "response" => RawRecord::Failed {
            code: "html_not_supported",
            message: format!(
                "WARC response at offset {} ({}): reading pages from HTML needs main-content extraction, which this version lacks; read the crawl's WET file instead",
                r.offset,
                r.field("WARC-Target-URI").unwrap_or("no URI")
            ),
            raw: None,
        },
        other => RawRecord::Skipped {
            reason: skip_reason(other),
        },
    }
}

/// The record's id without the angle brackets WARC puts around it.
fn record_id(r: &Record) -> String {
    r.field("WARC-Record-ID")
        .map(|v| {
            v.trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_string()
        })
        .unwrap_or_else(|| format!("offset-{}", r.offset))
}

/// Where the document came from and what the crawler said of it.
fn metadata(input: &Arc<str>, r: &Record) -> Metadata {
    let mut meta = Metadata::new();
    let mut put = |key: &str, field: &str| {
        if let Some(v) = r.field(field) {
            meta.insert(key.to_string(), Value::from(v.trim()));
        }
    };
    put("url", "WARC-Target-URI");
    put("warc_date", "WARC-Date");
    put("warc_refers_to", "WARC-Refers-To");
    put("content_type", "Content-Type");
    put("cc_languages", "WARC-Identified-Content-Language");
    put("warc_truncated", "WARC-Truncated");
    meta.insert("source_file".into(), Value::from(input.as_ref()));
    meta.insert("source_offset".into(), Value::from(r.offset));
    meta
}
