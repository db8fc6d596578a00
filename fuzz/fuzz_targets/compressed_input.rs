//! Checks that a `.jsonl` input of any bytes (gzip, zstd or plain, told apart by their first
//! bytes in `ghirbal_io::decompressed`) is read by `RecordReader` to the end without a panic,
//! that no record it hands out exceeds `max_doc_bytes`, and that each record parses or is
//! rejected. No single allocation may exceed 64 MiB (see `ghirbal_fuzz::cap_allocations`), and
//! the runs use `-rss_limit_mb` so that holding memory beyond the limit is a crash too (zstd's
//! own window buffer, up to 128 MiB for a frame that asks for it, is allocated by C code and
//! counts only there).
#![no_main]

use ghirbal_io::parse::to_document;
use ghirbal_io::{discover, FieldOptions, RawRecord, RecordReader};
use libfuzzer_sys::fuzz_target;

/// Small, so that overlong lines (skipped without being held) are common.
const MAX_DOC_BYTES: usize = 4096;

/// Read buffers are 256 KiB; nothing the reader holds should come near this.
const ALLOCATION_CAP: usize = 64 << 20;

fuzz_target!(|data: &[u8]| {
    ghirbal_fuzz::cap_allocations(ALLOCATION_CAP);
    let path = ghirbal_fuzz::scratch_file("x.jsonl", data);
    let inputs = discover(&[path]).expect("scratch input is discovered");
    let fields = FieldOptions::default();
    for item in RecordReader::new(inputs.files, MAX_DOC_BYTES) {
        match &item.record {
            RawRecord::JsonLine(line) => assert!(line.len() <= MAX_DOC_BYTES, "{}", line.len()),
            RawRecord::Failed { code, raw, .. } => {
                assert!(
                    ["too_large", "damaged_input"].contains(code),
                    "unexpected code {code}"
                );
                assert!(raw.as_ref().map_or(0, Vec::len) <= MAX_DOC_BYTES);
            }
            other => panic!("a JSONL input gave {other:?}"),
        }
        let _ = to_document(item, &fields);
    }
});
