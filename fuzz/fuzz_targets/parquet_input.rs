//! Checks that a `.parquet` input of any bytes is read by `RecordReader` without a panic: it
//! yields rows (each parsed into a document or rejected) or a rejection (`invalid_parquet`,
//! `damaged_input`, `not_an_object`) and ends; and that no single allocation exceeds 256 MiB
//! (a file of a few kilobytes must not make the reader reserve gigabytes).
//!
//! The parquet crate panics on some damaged files; ghirbal-io catches those panics and rejects
//! the rest of the file (`damaged_input`), so the harness lets caught panics pass
//! (`ghirbal_fuzz::let_caught_panics_pass`): only a panic that escapes `RecordReader` counts.
//!
//! With `GHIRBAL_FUZZ_TOLERATE=parquet-big-alloc` the allocation cap is lifted, for long runs
//! that explore past that known finding (`-rss_limit_mb` still bounds the memory actually
//! used). See fuzz/README.md.
#![no_main]

use ghirbal_io::parse::to_document;
use ghirbal_io::{discover, FieldOptions, RawRecord, RecordReader};
use libfuzzer_sys::fuzz_target;

const MAX_DOC_BYTES: usize = 1 << 20;
const ALLOCATION_CAP: usize = 256 << 20;

fn read_all(data: &[u8]) {
    let path = ghirbal_fuzz::scratch_file("x.parquet", data);
    let inputs = discover(&[path]).expect("scratch input is discovered");
    let fields = FieldOptions::default();
    for item in RecordReader::new(inputs.files, MAX_DOC_BYTES) {
        match &item.record {
            RawRecord::Object(_) => {}
            RawRecord::Failed { code, .. } => assert!(
                ["invalid_parquet", "damaged_input", "not_an_object"].contains(code),
                "unexpected code {code}"
            ),
            other => panic!("a Parquet input gave {other:?}"),
        }
        let _ = to_document(item, &fields);
    }
}

fuzz_target!(|data: &[u8]| {
    if !ghirbal_fuzz::tolerated("parquet-big-alloc") {
        ghirbal_fuzz::cap_allocations(ALLOCATION_CAP);
    }
    ghirbal_fuzz::let_caught_panics_pass();
    read_all(data);
});
