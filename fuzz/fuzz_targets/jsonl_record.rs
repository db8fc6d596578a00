//! Checks that `ghirbal_io::parse::to_document` turns any bytes, read as a JSONL line, as a whole
//! text file, or (when they are a JSON object) as a Parquet row, into a document or a rejection
//! with a documented code, under the default field names and odd ones, and never panics.
#![no_main]

use ghirbal_io::parse::to_document;
use ghirbal_io::{FieldOptions, RawItem, RawRecord};
use libfuzzer_sys::fuzz_target;
use std::sync::Arc;

/// Rejection codes `to_document` may give for these records (see `Rejection::code`).
const CODES: &[&str] = &[
    "invalid_utf8",
    "invalid_json",
    "not_an_object",
    "missing_text",
    "text_not_string",
    "bad_id",
];

fn fields(id: &str, text: &str) -> FieldOptions {
    FieldOptions {
        id_field: id.to_string(),
        text_field: text.to_string(),
        html_field: None,
    }
}

fn field_options() -> Vec<FieldOptions> {
    vec![
        FieldOptions::default(),
        // A record holding a page in "html" (its text field then optional).
        FieldOptions {
            html_field: Some("html".to_string()),
            ..FieldOptions::default()
        },
        // One field for both: the text is taken first, so the id falls back to file:line.
        fields("text", "text"),
        // Swapped, empty, non-ASCII, and the name ghirbal's own Parquet output unfolds.
        fields("text", "id"),
        fields("", ""),
        fields("المعرف", "النص"),
        fields("metadata", "metadata"),
    ]
}

fn item(record: RawRecord) -> RawItem {
    RawItem {
        input: Arc::from("fuzz.jsonl"),
        line: 1,
        record,
    }
}

fuzz_target!(|data: &[u8]| {
    for fields in field_options() {
        match to_document(item(RawRecord::JsonLine(data.to_vec())), &fields) {
            Ok(doc) => assert!(
                !doc.meta.contains_key(&fields.text_field),
                "text field left in metadata"
            ),
            Err(r) => assert!(CODES.contains(&r.code), "undocumented code {}", r.code),
        }

        let text = to_document(item(RawRecord::Text(data.to_vec())), &fields);
        match (&text, std::str::from_utf8(data)) {
            (Ok(doc), Ok(s)) => assert_eq!(doc.text, s),
            (Err(r), Err(_)) => assert_eq!(r.code, "invalid_utf8"),
            (got, utf8) => panic!("text file: {got:?} for UTF-8 check {utf8:?}"),
        }

        if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(data) {
            match to_document(item(RawRecord::Object(map)), &fields) {
                Ok(doc) => assert!(!doc.meta.contains_key(&fields.text_field)),
                Err(r) => assert!(CODES.contains(&r.code), "undocumented code {}", r.code),
            }
        }
    }
});
