//! Reading WARC files (ISO 28500: WARC/1.0 and 1.1, and the WARC/0.18 of ClueWeb), as crawlers
//! write them: plain, one gzip member per record (Common Crawl), the whole file in one gzip
//! member, or zstd. WET files are WARC files whose `conversion` records hold extracted text.
//!
//! [`open`] detects the compression from the first bytes and returns [`Records`], which yields
//! an [`Item`] per record: the record with its fields and block, or the damage found where a
//! record should have been, with its offset. Reading always goes on after damage (a damaged gzip
//! member, a record cut short, a wrong `Content-Length`), so a file cut in the middle gives every
//! record before the cut.
//!
//! [`http`] reads the HTTP response a `response` record holds: status, headers, and the body
//! with chunking and content encoding undone. What the body means (a page, its charset, its
//! text) is read by the layers above.

pub mod http;
mod members;
mod record;

pub use http::{parse_response, HttpError, Response};
pub use record::{Item, Record, Records};

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

/// Opens a WARC file. Blocks longer than `max_block` bytes are skipped without being held
/// ([`Record::block_skipped`]).
pub fn open(path: &Path, max_block: u64) -> std::io::Result<Records<File>> {
    let mut file = File::open(path)?;
    let mut magic = [0u8; 4];
    let mut got = 0;
    while got < magic.len() {
        match file.read(&mut magic[got..])? {
            0 => break,
            n => got += n,
        }
    }
    drop(file);
    let file = File::open(path)?;
    let source = if magic[..got].starts_with(&[0x1f, 0x8b]) {
        record::Source::Gzip(members::Members::new(file))
    } else if magic[..got] == [0x28, 0xb5, 0x2f, 0xfd] {
        let decoder = zstd::stream::read::Decoder::new(file)?;
        record::Source::Other(Box::new(decoder))
    } else {
        record::Source::Other(Box::new(BufReader::with_capacity(256 * 1024, file)))
    };
    Ok(Records::new(source, max_block))
}
