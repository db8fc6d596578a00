//! Reading lines with a size limit: a line longer than the limit is skipped without being held
//! in memory, so a single 500 MB line cannot exhaust memory.

use std::io::{self, BufRead};

pub(crate) enum Line {
    /// A complete line is in the buffer (without its `\n` or `\r\n`).
    Complete,
    /// The line was longer than the limit; its length in bytes.
    TooLarge(u64),
    Eof,
}

/// Reads the next line into `buf` (cleared first). On an I/O error, `buf` holds the part of the
/// line read before it, so the caller can report it.
pub(crate) fn next_line<R: BufRead>(r: &mut R, buf: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    buf.clear();
    let mut seen: u64 = 0;
    let mut overflow = false;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(match (seen, overflow) {
                (0, _) => Line::Eof,
                (n, true) => Line::TooLarge(n),
                _ => {
                    trim_cr(buf);
                    Line::Complete
                }
            });
        }
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        seen += take as u64;
        if !overflow && buf.len() + take > max {
            overflow = true;
            buf.clear();
            buf.shrink_to(64 * 1024);
        }
        if !overflow {
            buf.extend_from_slice(&chunk[..take]);
        }
        r.consume(if done { take + 1 } else { take });
        if done {
            if overflow {
                return Ok(Line::TooLarge(seen));
            }
            trim_cr(buf);
            return Ok(Line::Complete);
        }
    }
}

fn trim_cr(buf: &mut Vec<u8>) {
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8], max: usize) -> Vec<String> {
        let mut r = io::BufReader::with_capacity(4, input);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            match next_line(&mut r, &mut buf, max).expect("in-memory read") {
                Line::Complete => out.push(String::from_utf8_lossy(&buf).into_owned()),
                Line::TooLarge(n) => out.push(format!("<{n}>")),
                Line::Eof => return out,
            }
        }
    }

    #[test]
    fn splits_lines_and_strips_crlf() {
        assert_eq!(all(b"a\r\nbb\nccc", 100), ["a", "bb", "ccc"]);
    }

    #[test]
    fn overlong_line_is_skipped_and_measured() {
        assert_eq!(
            all(b"short\n0123456789abc\nok\n", 8),
            ["short", "<13>", "ok"]
        );
        assert_eq!(all(b"0123456789abc", 8), ["<13>"]);
    }

    #[test]
    fn blank_lines_are_returned_empty() {
        assert_eq!(all(b"\n\nx\n", 8), ["", "", "x"]);
    }

    /// Yields `len` bytes of one line without ever holding them, then a newline and "ok\n".
    struct HugeLine {
        left: u64,
        tail: &'static [u8],
    }

    impl io::Read for HugeLine {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            if self.left > 0 {
                let n = buf.len().min(self.left as usize);
                buf[..n].fill(b'x');
                self.left -= n as u64;
                return Ok(n);
            }
            let n = buf.len().min(self.tail.len());
            buf[..n].copy_from_slice(&self.tail[..n]);
            self.tail = &self.tail[n..];
            Ok(n)
        }
    }

    #[test]
    fn a_500_mb_line_is_skipped_in_bounded_memory() {
        let len = 500u64 << 20;
        let mut r = io::BufReader::with_capacity(
            1 << 20,
            HugeLine {
                left: len,
                tail: b"\nok\n",
            },
        );
        let mut buf = Vec::new();
        let max = 64 << 20;
        let first = next_line(&mut r, &mut buf, max).expect("read");
        assert!(matches!(first, Line::TooLarge(n) if n == len));
        assert!(buf.capacity() <= max, "held {} bytes", buf.capacity());
        assert!(matches!(
            next_line(&mut r, &mut buf, max).expect("read"),
            Line::Complete
        ));
        assert_eq!(buf, b"ok");
    }
}
