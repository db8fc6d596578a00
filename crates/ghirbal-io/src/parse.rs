//! Turning a raw record into a [`Document`], or into a [`Rejection`] that says exactly what was
//! wrong and where, so that nothing is lost silently.

use crate::raw::{RawItem, RawRecord};
use ghirbal_core::{Document, Metadata};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::Arc;

/// Which fields of an input record hold the id and the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldOptions {
    pub id_field: String,
    pub text_field: String,
    /// A field holding a page's HTML: a record with it becomes a page for `extract` (its text
    /// field, if any, is replaced by the extraction).
    pub html_field: Option<String>,
}

impl Default for FieldOptions {
    fn default() -> Self {
        Self {
            id_field: "id".to_string(),
            text_field: "text".to_string(),
            html_field: None,
        }
    }
}

/// A record that could not become a document, with where it was and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Rejection {
    pub input: Arc<str>,
    pub line: u64,
    /// Stable code: `invalid_utf8`, `invalid_json`, `not_an_object`, `missing_text`,
    /// `text_not_string`, `bad_id`, `too_large`, `damaged_input`, `unreadable_input`,
    /// `invalid_parquet`, `step_error`.
    pub code: &'static str,
    pub message: String,
    /// The record's bytes, when there are any to keep.
    pub raw: Option<Vec<u8>>,
    /// The document's id, when it was known.
    pub id: Option<String>,
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Parses one raw record.
pub fn to_document(item: RawItem, fields: &FieldOptions) -> Result<Document, Rejection> {
    let reject = |code, message: String, raw: Option<Vec<u8>>| Rejection {
        input: Arc::clone(&item.input),
        line: item.line,
        code,
        message,
        raw,
        id: None,
    };
    match item.record {
        RawRecord::Failed { code, message, raw } => Err(reject(code, message, raw)),
        RawRecord::Skipped { reason } => Err(reject(
            "skipped",
            format!("not a document ({reason}); count it as skipped, not rejected"),
            None,
        )),
        RawRecord::Page { id, text, meta } => match String::from_utf8(text) {
            Ok(text) => Ok(Document {
                id,
                text,
                input_fields: meta.len(),
                meta: *meta,
                html: None,
                marks: Vec::new(),
            }),
            Err(e) => {
                let msg = format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to());
                Err(reject("invalid_utf8", msg, Some(e.into_bytes())))
            }
        },
        RawRecord::Html { id, html, meta } => Ok(Document {
            id,
            text: String::new(),
            input_fields: meta.len(),
            meta: *meta,
            html: Some(html),
            marks: Vec::new(),
        }),
        RawRecord::Text(bytes) => match String::from_utf8(bytes) {
            Ok(text) => Ok(Document::new(item.input.to_string(), text)),
            Err(e) => {
                let msg = format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to());
                Err(reject("invalid_utf8", msg, Some(e.into_bytes())))
            }
        },
        RawRecord::JsonLine(bytes) => {
            let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(&bytes);
            // SIMD validation (Arabic text is all multi-byte, where the standard check is
            // slowest); the standard one only to say where a bad record goes wrong.
            let body = match simdutf8::basic::from_utf8(body) {
                Ok(s) => s,
                Err(_) => {
                    let at = std::str::from_utf8(body)
                        .err()
                        .map_or(0, |e| e.valid_up_to());
                    let msg = format!("invalid UTF-8 at byte {at}");
                    return Err(reject("invalid_utf8", msg, Some(bytes)));
                }
            };
            // Parsing from the validated &str spares serde_json a second UTF-8 check.
            let value: Value = match serde_json::from_str(body) {
                Ok(v) => v,
                Err(e) => {
                    return Err(reject(
                        "invalid_json",
                        format!("invalid JSON: {e}"),
                        Some(bytes),
                    ))
                }
            };
            match value {
                Value::Object(map) => from_object(map, &item.input, item.line, fields)
                    .map_err(|(code, msg)| reject(code, msg, Some(bytes))),
                other => Err(reject(
                    "not_an_object",
                    format!("expected a JSON object, found {}", kind_name(&other)),
                    Some(bytes),
                )),
            }
        }
        // A Parquet row, already turned back into its record by the reader.
        RawRecord::Object(map) => {
            let raw = || serde_json::to_vec(&map).ok();
            let raw_copy = raw();
            from_object(map, &item.input, item.line, fields)
                .map_err(|(code, msg)| reject(code, msg, raw_copy))
        }
    }
}

fn from_object(
    mut map: Metadata,
    input: &str,
    line: u64,
    fields: &FieldOptions,
) -> Result<Document, (&'static str, String)> {
    let html = match fields.html_field.as_ref().map(|f| (f, map.shift_remove(f))) {
        Some((_, Some(Value::String(h)))) => Some(Box::new(ghirbal_core::Html {
            bytes: h.into_bytes(),
            http_charset: Some("utf-8".to_string()),
        })),
        Some((f, Some(other))) => {
            return Err((
                "text_not_string",
                format!(
                    "field \"{f}\" is {}, not a string of HTML",
                    kind_name(&other)
                ),
            ))
        }
        _ => None,
    };
    let text = match map.shift_remove(&fields.text_field) {
        Some(Value::String(s)) => s,
        None if html.is_some() => String::new(),
        Some(other) => {
            return Err((
                "text_not_string",
                format!(
                    "field \"{}\" is {}, not a string",
                    fields.text_field,
                    kind_name(&other)
                ),
            ))
        }
        None => {
            return Err((
                "missing_text",
                format!(
                    "no field \"{}\" (set --text-field to read another field)",
                    fields.text_field
                ),
            ))
        }
    };
    let id = match map.shift_remove(&fields.id_field) {
        None | Some(Value::Null) => format!("{input}:{line}"),
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => {
            return Err((
                "bad_id",
                format!(
                    "field \"{}\" is {}, expected a string or number",
                    fields.id_field,
                    kind_name(&other)
                ),
            ))
        }
    };
    Ok(Document {
        id,
        text,
        input_fields: map.len(),
        meta: map,
        html,
        marks: Vec::new(),
    })
}

fn kind_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(bytes: &[u8]) -> Result<Document, Rejection> {
        let item = RawItem {
            input: Arc::from("in.jsonl"),
            line: 7,
            record: RawRecord::JsonLine(bytes.to_vec()),
        };
        to_document(item, &FieldOptions::default())
    }

    #[test]
    fn keeps_other_fields_in_order() {
        let doc = line(br#"{"url":"u","id":"a","text":"\u0645\u0631\u062d\u0628\u0627","n":1}"#)
            .expect("valid record");
        assert_eq!(doc.id, "a");
        assert_eq!(doc.text, "مرحبا");
        assert_eq!(doc.meta.keys().collect::<Vec<_>>(), ["url", "n"]);
    }

    #[test]
    fn missing_id_becomes_file_and_line() {
        let doc = line(br#"{"text":"x"}"#).expect("valid record");
        assert_eq!(doc.id, "in.jsonl:7");
    }

    #[test]
    fn numeric_id_is_kept_as_text() {
        assert_eq!(line(br#"{"id":42,"text":"x"}"#).expect("valid").id, "42");
    }

    #[test]
    fn bad_records_are_rejected_with_codes() {
        let code = |b: &[u8]| line(b).expect_err("must be rejected").code;
        assert_eq!(code(b"{\"text\": \"abc"), "invalid_json");
        assert_eq!(code(b"{\"text\": \"\xff\xfe\"}"), "invalid_utf8");
        assert_eq!(code(b"[1,2]"), "not_an_object");
        assert_eq!(code(br#"{"id":"a"}"#), "missing_text");
        assert_eq!(code(br#"{"text":5}"#), "text_not_string");
        assert_eq!(code(br#"{"text":"x","id":[1]}"#), "bad_id");
    }

    #[test]
    fn rejection_keeps_the_raw_bytes() {
        let r = line(b"{oops").expect_err("invalid");
        assert_eq!(r.raw.as_deref(), Some(&b"{oops"[..]));
        assert_eq!(r.line, 7);
    }

    #[test]
    fn bom_is_ignored() {
        assert!(line(b"\xEF\xBB\xBF{\"text\":\"x\"}").is_ok());
    }
}
