//! WARC and WET files as input: each record becomes a raw item. A WET `conversion` record is
//! a document (its text as Common Crawl extracted it); `warcinfo`, `request`, `metadata`,
//! `revisit` and the other records that are not pages are skipped and counted by type; damage
//! is a rejection with the file offset where it was found.
//!
//! A `response` record holding an HTML page with status 200 becomes a page for the `extract`
//! step: the HTTP body with chunking and content encoding undone, and the charset its header
//! declared. Other statuses and media types are skipped by reason (`http_status`,
//! `not_html`): they were never documents.

use crate::raw::{RawItem, RawRecord};
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
        "response" => {
            if r.block_skipped || r.block.len() > max_doc {
                return too_large();
            }
            response(input, r, max_doc)
        }
        other => RawRecord::Skipped {
            reason: skip_reason(other),
        },
    }
}

/// Media types read as HTML. A response without a `Content-Type` is read as HTML when its
/// body starts like markup.
fn is_html(media: Option<&str>, body: &[u8]) -> bool {
    match media {
        Some("text/html" | "application/xhtml+xml" | "application/xhtml") => true,
        Some(_) => false,
        None => {
            let start = body
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(body.len());
            body[start..].first() == Some(&b'<')
        }
    }
}

fn response(input: &Arc<str>, r: Record, max_doc: usize) -> RawRecord {
    let http = match ghirbal_warc::parse_response(&r.block, max_doc) {
        Ok(h) => h,
        Err(ghirbal_warc::HttpError::TooLarge { limit }) => {
            return RawRecord::Failed {
                code: "too_large",
                message: format!(
                    "WARC response at offset {}: its decoded body exceeds max_doc_bytes ({limit})",
                    r.offset
                ),
                raw: None,
            }
        }
        Err(e) => {
            return RawRecord::Failed {
                code: "bad_http",
                message: format!(
                    "WARC response at offset {} ({}): {e}",
                    r.offset,
                    r.field("WARC-Target-URI").unwrap_or("no URI")
                ),
                raw: None,
            }
        }
    };
    if http.status != 200 {
        return RawRecord::Skipped {
            reason: "http_status",
        };
    }
    let media = http.media_type();
    if !is_html(media.as_deref(), &http.body) {
        return RawRecord::Skipped { reason: "not_html" };
    }
    let mut meta = metadata(input, &r);
    if let Some(ct) = http.header("Content-Type") {
        meta.insert("content_type".into(), Value::from(ct.trim()));
    }
    if !http.notes.is_empty() {
        meta.insert("http_notes".into(), Value::from(http.notes.clone()));
    }
    let id = record_id(&r);
    RawRecord::Html {
        id,
        html: Box::new(ghirbal_core::Html {
            http_charset: http.charset(),
            bytes: http.body,
        }),
        meta: Box::new(meta),
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
