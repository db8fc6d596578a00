//! Gzip files read member by member, able to start again after damage.
//!
//! Common Crawl compresses each WARC record as a gzip member of its own, so that a record can
//! be fetched by its offset; other writers compress the whole file as one member. A decoder that
//! treats the file as one stream (`MultiGzDecoder`) loses everything after the first damaged
//! member. Here the gzip header is parsed by hand and the deflate data inflated with
//! `flate2::Decompress`, so the reader always knows where the current member began (the record's
//! offset) and, after damage, can look for the next member's header and go on from there.

use flate2::{Crc, Decompress, FlushDecompress, Status};
use std::io::{self, Read};

const RAW_BUFFER: usize = 256 * 1024;
/// Bytes of a damaged member scanned for the next member's header before giving up on the
/// file: scanning is cheap, but a file that is all damage need not be read to its end.
const MAX_RESYNC_SCAN: u64 = 64 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before a member's header (or at the end of the file).
    Header,
    Body,
    /// The last member ended damaged; the next read looks for another header.
    Damaged,
    Eof,
}

/// Decompressed bytes of a gzip file, member after member.
pub(crate) struct Members<R> {
    src: R,
    buf: Box<[u8]>,
    start: usize,
    end: usize,
    /// File offset of `buf[start]`.
    pos: u64,
    src_eof: bool,
    inflate: Decompress,
    crc: Crc,
    state: State,
    member_start: u64,
    members: u64,
    /// Damage found after some bytes were returned: reported by the next read.
    pending: Option<io::Error>,
}

impl<R: Read> Members<R> {
    pub(crate) fn new(src: R) -> Self {
        Self {
            src,
            buf: vec![0u8; RAW_BUFFER].into_boxed_slice(),
            start: 0,
            end: 0,
            pos: 0,
            src_eof: false,
            inflate: Decompress::new(false),
            crc: Crc::new(),
            state: State::Header,
            member_start: 0,
            members: 0,
            pending: None,
        }
    }

    /// File offset of the member being read (the last one begun).
    pub(crate) fn member_start(&self) -> u64 {
        self.member_start
    }

    /// Makes at least `n` raw bytes available in the buffer if the file has them; false at
    /// the end of the file with fewer.
    fn want(&mut self, n: usize) -> io::Result<bool> {
        while self.end - self.start < n {
            if self.src_eof {
                return Ok(false);
            }
            if self.start > 0 {
                self.buf.copy_within(self.start..self.end, 0);
                self.end -= self.start;
                self.start = 0;
            }
            if self.end == self.buf.len() {
                return Ok(false);
            }
            let got = loop {
                match self.src.read(&mut self.buf[self.end..]) {
                    Ok(g) => break g,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => return Err(e),
                }
            };
            if got == 0 {
                self.src_eof = true;
            }
            self.end += got;
        }
        Ok(true)
    }

    fn consume(&mut self, n: usize) {
        self.start += n;
        self.pos += n as u64;
    }

    /// Parses a gzip header at the current position. `Ok(false)`: not a header (damage);
    /// `Err`: an I/O error of the file itself.
    fn header(&mut self) -> io::Result<bool> {
        if !self.want(10)? {
            return Ok(false);
        }
        let h = &self.buf[self.start..self.start + 10];
        if h[0] != 0x1f || h[1] != 0x8b || h[2] != 8 {
            return Ok(false);
        }
        let flags = h[3];
        if flags & 0xe0 != 0 {
            return Ok(false);
        }
        let mut at = 10;
        if flags & 0x04 != 0 {
            if !self.want(at + 2)? {
                return Ok(false);
            }
            let b = &self.buf[self.start + at..];
            let xlen = usize::from(u16::from_le_bytes([b[0], b[1]]));
            at += 2 + xlen;
            if !self.want(at)? {
                return Ok(false);
            }
        }
        for flag in [0x08u8, 0x10] {
            if flags & flag != 0 {
                // A zero-terminated name or comment, at most a few KB in practice.
                loop {
                    if !self.want(at + 1)? || at > 64 * 1024 {
                        return Ok(false);
                    }
                    at += 1;
                    if self.buf[self.start + at - 1] == 0 {
                        break;
                    }
                }
            }
        }
        if flags & 0x02 != 0 {
            at += 2;
            if !self.want(at)? {
                return Ok(false);
            }
        }
        self.member_start = self.pos;
        self.consume(at);
        Ok(true)
    }

    /// Looks for the next member header after a damaged member, from one byte past the
    /// damaged member's start (or the current position, if further). True when one is found.
    fn resync(&mut self) -> io::Result<bool> {
        let mut scanned = 0u64;
        loop {
            if !self.want(3)? {
                // Fewer than three bytes left: no header can follow.
                let rest = self.end - self.start;
                self.consume(rest);
                return Ok(false);
            }
            let window = &self.buf[self.start..self.end];
            match memchr::memmem::find(window, &[0x1f, 0x8b, 0x08]) {
                Some(i) => {
                    self.consume(i);
                    if self.header()? {
                        return Ok(true);
                    }
                    self.consume(1);
                    scanned += i as u64 + 1;
                }
                None => {
                    // Keep the last two bytes: a header may straddle the refill.
                    let skip = window.len() - 2;
                    self.consume(skip);
                    scanned += skip as u64;
                }
            }
            if scanned > MAX_RESYNC_SCAN {
                return Ok(false);
            }
        }
    }

    /// Reads the 8-byte trailer and checks the CRC and the size.
    fn trailer(&mut self) -> io::Result<()> {
        if !self.want(8)? {
            return Err(damage("gzip member cut short before its trailer"));
        }
        let t = &self.buf[self.start..self.start + 8];
        let crc = u32::from_le_bytes([t[0], t[1], t[2], t[3]]);
        let size = u32::from_le_bytes([t[4], t[5], t[6], t[7]]);
        self.consume(8);
        if crc != self.crc.sum() || size != self.crc.amount() {
            return Err(damage("gzip member fails its CRC check"));
        }
        Ok(())
    }

    fn fail(&mut self, e: io::Error) -> io::Error {
        self.state = State::Damaged;
        // Never scan the damaged member's own header again.
        if self.pos == self.member_start {
            self.consume(1.min(self.end - self.start));
        }
        e
    }
}

fn damage(message: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message.to_string())
}

impl<R: Read> Read for Members<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        loop {
            match self.state {
                State::Eof => return Ok(0),
                State::Damaged => {
                    if !self.resync()? {
                        self.state = State::Eof;
                        return Ok(0);
                    }
                    self.start_body();
                }
                State::Header => {
                    if !self.want(1)? {
                        self.state = State::Eof;
                        return Ok(0);
                    }
                    if !self.header()? {
                        let e = if self.members == 0 {
                            damage("not a gzip file (no gzip header at its start)")
                        } else {
                            damage("bytes that are not a gzip member after the last member")
                        };
                        return Err(self.fail(e));
                    }
                    self.start_body();
                }
                State::Body => {
                    if !self.want(1)? {
                        return Err(self.fail(damage("gzip member cut short (file truncated)")));
                    }
                    let input = &self.buf[self.start..self.end];
                    let (before_in, before_out) =
                        (self.inflate.total_in(), self.inflate.total_out());
                    let status = self.inflate.decompress(input, out, FlushDecompress::None);
                    let used = (self.inflate.total_in() - before_in) as usize;
                    let made = (self.inflate.total_out() - before_out) as usize;
                    self.consume(used);
                    self.crc.update(&out[..made]);
                    match status {
                        Err(e) => {
                            // What was inflated before the damage is returned first; the
                            // error comes with the next read.
                            let e = self.fail(damage(&format!("damaged gzip data: {e}")));
                            if made > 0 {
                                self.pending = Some(e);
                                return Ok(made);
                            }
                            return Err(e);
                        }
                        Ok(Status::StreamEnd) => {
                            if let Err(e) = self.trailer() {
                                let e = self.fail(e);
                                if made > 0 {
                                    self.pending = Some(e);
                                    return Ok(made);
                                }
                                return Err(e);
                            }
                            self.state = State::Header;
                            if made > 0 {
                                return Ok(made);
                            }
                        }
                        Ok(_) => {
                            if made > 0 {
                                return Ok(made);
                            }
                            if used == 0 && self.src_eof {
                                return Err(
                                    self.fail(damage("gzip member cut short (file truncated)"))
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}

impl<R: Read> Members<R> {
    fn start_body(&mut self) {
        self.inflate.reset(false);
        self.crc.reset();
        self.members += 1;
        self.state = State::Body;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn member(text: &str) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(text.as_bytes()).expect("in memory");
        e.finish().expect("in memory")
    }

    /// Reads everything, noting each damage and going on after it.
    fn read_all(bytes: &[u8]) -> (String, usize) {
        let mut m = Members::new(bytes);
        let mut out = Vec::new();
        let mut damages = 0;
        let mut buf = [0u8; 7];
        loop {
            match m.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(_) => damages += 1,
            }
        }
        (String::from_utf8_lossy(&out).into_owned(), damages)
    }

    #[test]
    fn members_are_read_in_turn() {
        let mut bytes = member("الأول\n");
        bytes.extend(member("الثاني\n"));
        assert_eq!(read_all(&bytes), ("الأول\nالثاني\n".to_string(), 0));
    }

    #[test]
    fn a_damaged_member_costs_itself_only() {
        let first = member("one\n");
        let mut second = member(&"two two two two\n".repeat(50));
        let mid = second.len() / 2;
        second[mid] ^= 0xff;
        second[mid + 1] ^= 0x55;
        let third = member("three\n");
        let mut bytes = first.clone();
        bytes.extend(&second);
        bytes.extend(&third);
        let (text, damages) = read_all(&bytes);
        assert!(text.starts_with("one\n"), "{text}");
        assert!(text.ends_with("three\n"), "{text}");
        assert_eq!(damages, 1);
    }

    #[test]
    fn a_truncated_file_keeps_the_members_before_the_cut() {
        let mut bytes = member("one\n");
        let second = member("two\n");
        bytes.extend(&second[..second.len() - 5]);
        let (text, damages) = read_all(&bytes);
        assert!(text.starts_with("one\n"));
        assert_eq!(damages, 1);
    }

    #[test]
    fn offsets_are_those_of_each_members_start() {
        let first = member("one\n");
        let mut bytes = first.clone();
        bytes.extend(member("two\n"));
        let mut m = Members::new(&bytes[..]);
        let mut buf = [0u8; 4];
        assert_eq!(m.read(&mut buf).expect("read"), 4);
        assert_eq!(m.member_start(), 0);
        assert_eq!(m.read(&mut buf).expect("read"), 4);
        assert_eq!(m.member_start(), first.len() as u64);
    }
}
