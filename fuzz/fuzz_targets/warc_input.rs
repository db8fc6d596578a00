//! Checks that a `.warc` input of any bytes (plain, gzip members, zstd) is read to the end
//! without a panic: every item is a page for `extract`, a text page (WET), a record skipped by
//! reason, or a rejection with a known code; no page is larger than `max_doc_bytes`, the HTTP
//! body decoding included; and each page runs through the `extract` step.
#![no_main]

use ghirbal_io::parse::to_document;
use ghirbal_io::{discover, FieldOptions, RawRecord, RecordReader};
use libfuzzer_sys::fuzz_target;

const MAX_DOC_BYTES: usize = 64 << 10;
const ALLOCATION_CAP: usize = 64 << 20;

fuzz_target!(|data: &[u8]| {
    ghirbal_fuzz::cap_allocations(ALLOCATION_CAP);
    let path = ghirbal_fuzz::scratch_file("x.warc", data);
    let inputs = discover(&[path]).expect("scratch input is discovered");
    let fields = FieldOptions::default();
    let extract = ghirbal_fuzz::build("type = \"extract\"");
    for item in RecordReader::new(inputs.files, MAX_DOC_BYTES) {
        match &item.record {
            RawRecord::Html { html, .. } => assert!(html.bytes.len() <= MAX_DOC_BYTES),
            RawRecord::Page { text, .. } => assert!(text.len() <= MAX_DOC_BYTES),
            RawRecord::Skipped { .. } => continue,
            RawRecord::Failed { code, .. } => assert!(
                ["too_large", "damaged_input", "bad_http", "unreadable_input"].contains(code),
                "unexpected code {code}"
            ),
            other => panic!("a WARC input gave {other:?}"),
        }
        if let Ok(mut doc) = to_document(item, &fields) {
            if let Ok(verdict) = ghirbal_fuzz::process(&extract, &mut doc) {
                ghirbal_fuzz::check_verdict(&verdict);
            }
            assert!(doc.html.is_none(), "extract leaves no HTML behind");
        }
    }
});
