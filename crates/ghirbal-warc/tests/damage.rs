//! Damage that a decoder cannot get past ends the file after one report, instead of the same
//! report forever (found by the `warc_input` fuzz target: a corrupt zstd frame).

use std::io::Write;

#[test]
fn a_corrupt_zstd_stream_is_reported_once() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("x.warc.zst");
    let record =
        b"WARC/1.0\r\nWARC-Type: warcinfo\r\nContent-Length: 4\r\n\r\nabcd\r\n\r\n".repeat(200);
    let mut z = zstd::stream::encode_all(&record[..], 3).expect("compress");
    // Damage the compressed data after its header.
    for b in z.iter_mut().skip(12).take(40) {
        *b ^= 0x5a;
    }
    std::fs::File::create(&path)
        .and_then(|mut f| f.write_all(&z))
        .expect("write");
    let mut records = ghirbal_warc::open(&path, 1 << 20).expect("opens");
    let mut damaged = 0;
    let mut items = 0;
    while let Some(item) = records.next_item() {
        items += 1;
        if matches!(item, ghirbal_warc::Item::Damaged { .. }) {
            damaged += 1;
        }
        assert!(items < 1000, "no end to the items");
    }
    assert_eq!(damaged, 1);
}
