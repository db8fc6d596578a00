//! WARC records out of a decompressed byte stream: the version line, the named fields, the
//! block of `Content-Length` bytes, and the blank lines that close it.
//!
//! Damage never ends the file early: a record whose header cannot be read, whose block is cut
//! short, or whose `Content-Length` does not end where the next record begins is reported with
//! its offset, and reading starts again at the next line that begins with `WARC/` (or, in a
//! gzip file, at the next gzip member).

use crate::members::Members;
use std::io::{self, Read};

/// Longest header line and most header bytes read before a record is judged damaged.
const MAX_LINE: usize = 64 * 1024;
const MAX_HEADER: usize = 1 << 20;
const READ_CHUNK: usize = 64 * 1024;

/// A record as read: its fields in order, and its block (empty when the block was larger than
/// the limit, see [`Record::block_len`]).
#[derive(Debug, Clone)]
pub struct Record {
    /// Where the record starts in the file: the offset of its gzip member in a gzip file,
    /// else the byte offset of its `WARC/` line (in the decompressed stream of a zstd file).
    pub offset: u64,
    /// `1.0`, `1.1`, `0.18`, ...
    pub version: String,
    pub fields: Vec<(String, String)>,
    pub block: Vec<u8>,
    /// The block's length as declared (and read).
    pub block_len: u64,
    /// True when the block was longer than the limit and was skipped unread.
    pub block_skipped: bool,
}

impl Record {
    /// The first field of that name, compared without regard to case.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One item of a WARC file.
#[derive(Debug)]
pub enum Item {
    Record(Record),
    /// Something that could not be read as a record, where it started, and why.
    Damaged {
        offset: u64,
        message: String,
    },
}

/// A source of decompressed bytes that may know the gzip member being read.
pub(crate) enum Source<R: Read> {
    Gzip(Members<R>),
    Other(Box<dyn Read + Send>),
}

impl<R: Read> Source<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        match self {
            Source::Gzip(m) => m.read(out),
            Source::Other(r) => r.read(out),
        }
    }
}

/// Reads records from a source, with a buffer that bytes can be pushed back into (the rest of
/// a block whose `Content-Length` was wrong is read again as what follows).
pub struct Records<R: Read> {
    src: Source<R>,
    buf: Vec<u8>,
    start: usize,
    /// Offset in the decompressed stream of `buf[start]`.
    stream_pos: u64,
    eof: bool,
    max_block: u64,
}

impl<R: Read> Records<R> {
    pub(crate) fn new(src: Source<R>, max_block: u64) -> Self {
        Self {
            src,
            buf: Vec::new(),
            start: 0,
            stream_pos: 0,
            eof: false,
            max_block,
        }
    }

    fn available(&self) -> &[u8] {
        &self.buf[self.start..]
    }

    fn consume(&mut self, n: usize) {
        self.start += n;
        self.stream_pos += n as u64;
        if self.start == self.buf.len() {
            self.buf.clear();
            self.start = 0;
        }
    }

    /// Reads more bytes; Ok(false) at the end of the stream. An error is damage of the
    /// compressed stream: what is buffered belongs to the damaged part and is dropped.
    fn fill(&mut self) -> io::Result<bool> {
        if self.eof {
            return Ok(false);
        }
        if self.start > 0 && self.start >= self.buf.len() / 2 {
            self.buf.drain(..self.start);
            self.start = 0;
        }
        let old = self.buf.len();
        self.buf.resize(old + READ_CHUNK, 0);
        let got = loop {
            match self.src.read(&mut self.buf[old..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buf.truncate(old);
                    let dropped = self.buf.len() - self.start;
                    self.consume(dropped);
                    // Gzip members resynchronise at the next member; a damaged zstd frame or
                    // a failing plain file does not (its decoder would fail again on every
                    // read): reading that file ends here, after this one report.
                    if !matches!(self.src, Source::Gzip(_)) {
                        self.eof = true;
                    }
                    return Err(e);
                }
            }
        };
        self.buf.truncate(old + got);
        if got == 0 {
            self.eof = true;
        }
        Ok(got > 0)
    }

    /// The offset a record starting at the current position gets.
    fn offset_here(&self) -> u64 {
        match &self.src {
            Source::Gzip(m) => m.member_start(),
            Source::Other(_) => self.stream_pos,
        }
    }

    /// Skips the line breaks between records. False at the end of the stream.
    fn skip_blank(&mut self) -> io::Result<bool> {
        loop {
            let n = self
                .available()
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            self.consume(n);
            if !self.available().is_empty() {
                return Ok(true);
            }
            if !self.fill()? {
                return Ok(false);
            }
        }
    }

    /// The next line without its line break; None at the end of the stream or when longer
    /// than `MAX_LINE`.
    fn line(&mut self) -> io::Result<Option<String>> {
        loop {
            if let Some(i) = memchr::memchr(b'\n', self.available()) {
                let raw = &self.available()[..i];
                let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
                let line = String::from_utf8_lossy(raw).into_owned();
                self.consume(i + 1);
                return Ok(Some(line));
            }
            if self.available().len() > MAX_LINE {
                return Ok(None);
            }
            if !self.fill()? {
                if self.available().is_empty() {
                    return Ok(None);
                }
                // The last line of a file without a final line break.
                let line = String::from_utf8_lossy(self.available()).into_owned();
                let n = self.available().len();
                self.consume(n);
                return Ok(Some(line));
            }
        }
    }

    /// Skips to the next line that begins with `WARC/` (not consumed). False at the end.
    fn resync(&mut self) -> io::Result<bool> {
        loop {
            let avail = self.available();
            if avail.starts_with(b"WARC/") {
                return Ok(true);
            }
            match memchr::memmem::find(avail, b"\nWARC/") {
                Some(i) => {
                    self.consume(i + 1);
                    return Ok(true);
                }
                None => {
                    // Keep a possible partial "\nWARC" at the end.
                    let keep = avail.len().min(5);
                    let skip = avail.len() - keep;
                    self.consume(skip);
                    if !self.fill()? {
                        let rest = self.available().len();
                        self.consume(rest);
                        return Ok(false);
                    }
                }
            }
        }
    }

    /// Puts bytes back in front of the buffer: they are read again next.
    fn push_back(&mut self, bytes: &[u8]) {
        let rest = self.buf.split_off(self.start);
        self.buf.clear();
        self.buf.extend_from_slice(bytes);
        self.buf.extend_from_slice(&rest);
        self.start = 0;
        self.stream_pos -= bytes.len() as u64;
    }

    /// Reads exactly `n` bytes into a vector, or skips them when `keep` is false; returns the
    /// bytes and how many were there (fewer at the end of the stream).
    fn block(&mut self, n: u64, keep: bool) -> io::Result<(Vec<u8>, u64)> {
        let mut out = Vec::new();
        if keep {
            out.reserve(usize::try_from(n).unwrap_or(0).min(1 << 24));
        }
        let mut left = n;
        while left > 0 {
            if self.available().is_empty() && !self.fill()? {
                break;
            }
            let take = (self.available().len() as u64).min(left) as usize;
            if keep {
                out.extend_from_slice(&self.available()[..take]);
            }
            self.consume(take);
            left -= take as u64;
        }
        Ok((out, n - left))
    }

    /// After a block: true when the record ends properly, that is when nothing but line
    /// breaks comes before the next `WARC/` line or the end of the stream.
    fn ends_cleanly(&mut self) -> io::Result<bool> {
        // The record's own terminator, whatever follows it (stray bytes after it are the next
        // item's damage, not this record's).
        while self.available().len() < 4 && self.fill()? {}
        let avail = self.available();
        if avail.starts_with(b"\r\n\r\n") || avail.starts_with(b"\n\n") {
            return Ok(true);
        }
        loop {
            let avail = self.available();
            let blanks = avail
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
            if blanks < avail.len() {
                let rest = &avail[blanks..];
                if rest.len() >= 5 || self.eof {
                    return Ok(rest.starts_with(b"WARC/"));
                }
            }
            if !self.fill()? {
                let avail = self.available();
                let blanks = avail
                    .iter()
                    .take_while(|&&b| b == b'\r' || b == b'\n')
                    .count();
                return Ok(blanks == avail.len() || avail[blanks..].starts_with(b"WARC/"));
            }
        }
    }

    fn damaged(&mut self, offset: u64, message: String) -> io::Result<Item> {
        Ok(Item::Damaged { offset, message })
    }

    /// The next item, None at the end of the stream.
    pub fn next_item(&mut self) -> Option<Item> {
        match self.try_next() {
            Ok(item) => item,
            Err(e) => {
                // Damage of the compressed stream: the reader has dropped the damaged part.
                Some(Item::Damaged {
                    offset: self.offset_here(),
                    message: e.to_string(),
                })
            }
        }
    }

    fn try_next(&mut self) -> io::Result<Option<Item>> {
        if !self.skip_blank()? {
            return Ok(None);
        }
        let offset = self.offset_here();
        let Some(first) = self.line()? else {
            return self
                .damaged(
                    offset,
                    "a line longer than 64 KiB where a WARC record should start".into(),
                )
                .map(Some);
        };
        let Some(version) = first.strip_prefix("WARC/") else {
            let found = self.resync()?;
            let what = if found {
                "; reading resumes at the next record"
            } else {
                ""
            };
            return self
                .damaged(
                    offset,
                    format!(
                        "no WARC record starts here (found {:?}){what}",
                        shorten(&first)
                    ),
                )
                .map(Some);
        };
        let version = version.trim().to_string();
        let mut fields: Vec<(String, String)> = Vec::new();
        let mut header_bytes = first.len();
        loop {
            let Some(line) = self.line()? else {
                return self
                    .damaged(
                        offset,
                        "record header cut short or with a line over 64 KiB".into(),
                    )
                    .map(Some);
            };
            header_bytes += line.len() + 2;
            if header_bytes > MAX_HEADER {
                self.resync()?;
                return self
                    .damaged(offset, "record header over 1 MiB".into())
                    .map(Some);
            }
            if line.is_empty() {
                break;
            }
            if line.starts_with([' ', '\t']) {
                // A folded line continues the previous field (WARC 1.0 allows it).
                if let Some((_, v)) = fields.last_mut() {
                    v.push(' ');
                    v.push_str(line.trim());
                }
                continue;
            }
            match line.split_once(':') {
                Some((k, v)) => fields.push((k.trim().to_string(), v.trim().to_string())),
                None if line.starts_with("WARC/") => {
                    // A new record began inside this header: this one is damaged.
                    self.push_back(format!("{line}\r\n").as_bytes());
                    return self
                        .damaged(offset, "record header interrupted by another record".into())
                        .map(Some);
                }
                None => {} // tolerated: some writers emit stray lines
            }
        }
        let declared = fields
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
            .map(|(_, v)| v.trim().parse::<u64>());
        let len = match declared {
            Some(Ok(n)) => n,
            Some(Err(_)) | None => {
                self.resync()?;
                return self
                    .damaged(offset, "record without a valid Content-Length".into())
                    .map(Some);
            }
        };
        let keep = len <= self.max_block;
        let (block, got) = self.block(len, keep)?;
        if got < len {
            return self
                .damaged(
                    offset,
                    format!("record cut short: {got} of its {len} bytes (file truncated)"),
                )
                .map(Some);
        }
        if !self.ends_cleanly()? {
            // The declared length is wrong. When the block holds the start of the next
            // record, read on from there.
            if keep {
                if let Some(i) = memchr::memmem::find(&block, b"\nWARC/") {
                    self.push_back(&block[i + 1..]);
                }
            }
            self.resync()?;
            return self
                .damaged(
                    offset,
                    format!("Content-Length {len} does not end where the next record begins"),
                )
                .map(Some);
        }
        Ok(Some(Item::Record(Record {
            offset,
            version,
            fields,
            block,
            block_len: len,
            block_skipped: !keep,
        })))
    }
}

fn shorten(s: &str) -> String {
    s.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, body: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        )
    }

    fn items(bytes: &[u8]) -> Vec<Item> {
        let src: Source<&[u8]> = Source::Other(Box::new(std::io::Cursor::new(bytes.to_vec())));
        let mut r = Records::new(src, 1 << 20);
        std::iter::from_fn(|| r.next_item()).collect()
    }

    fn kinds(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::Record(r) => r.field("warc-type").unwrap_or("?").to_string(),
                Item::Damaged { .. } => "DAMAGED".to_string(),
            })
            .collect()
    }

    #[test]
    fn records_and_their_offsets() {
        let a = record("warcinfo", "software: x\r\n");
        let b = record("response", "HTTP/1.1 200 OK\r\n\r\nمرحبا");
        let all = format!("{a}{b}");
        let got = items(all.as_bytes());
        assert_eq!(kinds(&got), ["warcinfo", "response"]);
        let Item::Record(r) = &got[1] else {
            panic!("a record")
        };
        assert_eq!(r.offset, a.len() as u64);
        assert!(r.block.ends_with("مرحبا".as_bytes()));
    }

    #[test]
    fn a_wrong_content_length_is_damage_and_the_next_record_is_read() {
        let good = record("response", "body one");
        let bad = good.replace("Content-Length: 8", "Content-Length: 3");
        let long = good.replace("Content-Length: 8", "Content-Length: 40");
        for wrong in [bad, long] {
            let all = format!(
                "{wrong}{}{}",
                record("request", "r"),
                record("metadata", "m")
            );
            let got = items(all.as_bytes());
            assert_eq!(kinds(&got)[0], "DAMAGED", "{wrong}");
            assert_eq!(
                kinds(&got).last().map(String::as_str),
                Some("metadata"),
                "{wrong}"
            );
        }
    }

    #[test]
    fn a_truncated_file_keeps_the_records_before_the_cut() {
        let all = format!(
            "{}{}",
            record("warcinfo", "x"),
            record("response", "a body")
        );
        let cut = &all.as_bytes()[..all.len() - 8];
        let got = items(cut);
        assert_eq!(kinds(&got), ["warcinfo", "DAMAGED"]);
    }

    #[test]
    fn garbage_between_records_is_skipped_once() {
        let all = format!(
            "{}garbage line\r\nmore\r\n{}",
            record("warcinfo", "x"),
            record("response", "y")
        );
        assert_eq!(
            kinds(&items(all.as_bytes())),
            ["warcinfo", "DAMAGED", "response"]
        );
    }

    #[test]
    fn warc_0_18_and_folded_fields() {
        let all = "WARC/0.18\r\nWARC-Type: response\r\nWARC-Target-URI: http://a.example/\r\n x\r\nContent-Length: 2\r\n\r\nok\r\n\r\n";
        let got = items(all.as_bytes());
        let Item::Record(r) = &got[0] else {
            panic!("a record")
        };
        assert_eq!(r.version, "0.18");
        assert_eq!(r.field("WARC-Target-URI"), Some("http://a.example/ x"));
    }
}
