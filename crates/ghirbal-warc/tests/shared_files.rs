//! Every WARC file of the shared test data (real Common Crawl, ClueWeb, wget and warcio files,
//! damaged ones included) is read to its end without a panic, with the damage reported.

use ghirbal_warc::{open, Item};
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/warc")
}

fn read(path: &Path) -> (Vec<ghirbal_warc::Record>, Vec<(u64, String)>) {
    let mut records = Vec::new();
    let mut damaged = Vec::new();
    let mut r = open(path, 64 << 20).expect("opens");
    while let Some(item) = r.next_item() {
        match item {
            Item::Record(rec) => records.push(rec),
            Item::Damaged { offset, message } => damaged.push((offset, message)),
        }
    }
    (records, damaged)
}

#[test]
fn every_shared_file_reads_to_its_end() {
    let dir = shared();
    if !dir.exists() {
        return; // the shared data is not on this machine
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("dir")
        .chain(std::fs::read_dir(dir.join("warcio")).expect("dir"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for f in &files {
        let (records, damaged) = read(f);
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        eprintln!(
            "{name}: {} records, {} damaged",
            records.len(),
            damaged.len()
        );
        if name.ends_with(".arc") || name.ends_with(".arc.gz") {
            continue; // ARC is another format: damage, never a panic
        }
        // A file clipped inside its only record has no whole record: one damage, reported.
        assert!(
            !records.is_empty() || !damaged.is_empty(),
            "{name}: neither a record nor damage"
        );
    }
}

#[test]
fn whirlwind_holds_its_response_and_common_crawl_offsets() {
    let path = shared().join("whirlwind.warc.gz");
    if !path.exists() {
        return;
    }
    let (records, damaged) = read(&path);
    assert!(damaged.is_empty(), "{damaged:?}");
    let kinds: Vec<&str> = records
        .iter()
        .map(|r| r.field("WARC-Type").unwrap_or("?"))
        .collect();
    assert_eq!(kinds, ["warcinfo", "request", "response", "metadata"]);
    let response = &records[2];
    assert!(response.block.starts_with(b"HTTP/1.1 200"));
    // Each record is its own gzip member: offsets grow and the first is 0.
    assert_eq!(records[0].offset, 0);
    assert!(records.windows(2).all(|w| w[0].offset < w[1].offset));
}

#[test]
fn clipped_files_report_the_cut_with_its_offset() {
    let path = shared().join("resiliparse-clipped.warc.gz");
    if !path.exists() {
        return;
    }
    // One response record of 88,275 bytes, cut after about 75,000.
    let (records, damaged) = read(&path);
    assert!(records.is_empty());
    assert_eq!(damaged.len(), 1, "{damaged:?}");
    assert_eq!(damaged[0].0, 0);
    let (records, damaged) = read(&shared().join("resiliparse-block-sized-records.warc.gz"));
    assert_eq!((records.len(), damaged.len()), (3, 0));
}

/// Every `response` record of the shared files is an HTTP response; chunked wget bodies and
/// gzip bodies come out as HTML.
#[test]
fn responses_are_decoded_to_their_bodies() {
    let dir = shared();
    if !dir.exists() {
        return;
    }
    let mut html = 0;
    for name in [
        "dolma-sample-0000.warc.gz",
        "whirlwind.warc.gz",
        "resiliparse-warcfile.warc.gz",
        "warcio/example-iana.org-chunked.warc",
        "warcio/example-bad-non-chunked.warc.gz",
        "warcio/example.warc.gz",
    ] {
        let (records, _) = read(&dir.join(name));
        for r in records
            .iter()
            .filter(|r| r.field("WARC-Type") == Some("response"))
        {
            let resp = ghirbal_warc::parse_response(&r.block, 64 << 20)
                .unwrap_or_else(|e| panic!("{name} @{}: {e}", r.offset));
            let body = String::from_utf8_lossy(&resp.body).to_ascii_lowercase();
            if resp.status == 200 && resp.media_type().as_deref() == Some("text/html") {
                assert!(
                    body.contains("<html") || body.contains("<!doctype") || body.contains("<head"),
                    "{name} @{}: {:?} {}",
                    r.offset,
                    resp.notes,
                    &body[..body.len().min(200)]
                );
                html += 1;
            }
        }
    }
    assert!(html >= 20, "{html} HTML pages");
}
