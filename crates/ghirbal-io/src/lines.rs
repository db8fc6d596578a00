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
        let chunk = fill(r)?;
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
        keep(buf, &chunk[..take], max, &mut overflow);
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

/// How a `.json` file holds its records, found from its first byte that is not whitespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum JsonLayout {
    /// One JSON array of records (`[{…}, {…}]`): its `[` has been consumed.
    Array,
    /// JSON lines, one record per line.
    Lines,
}

/// Looks at the start of a `.json` input (after a UTF-8 byte-order mark and whitespace): an
/// array's `[` is consumed, anything else is left for the JSON lines reader.
pub(crate) fn json_layout<R: BufRead>(r: &mut R) -> io::Result<JsonLayout> {
    let mut start = true;
    loop {
        let chunk = fill(r)?;
        if start && chunk.starts_with(b"\xEF\xBB\xBF") {
            r.consume(3);
            start = false;
            continue;
        }
        start = false;
        match chunk.iter().position(|b| !b.is_ascii_whitespace()) {
            None if chunk.is_empty() => return Ok(JsonLayout::Lines),
            None => {
                let n = chunk.len();
                r.consume(n);
            }
            Some(i) => {
                let array = chunk[i] == b'[';
                r.consume(if array { i + 1 } else { i });
                return Ok(if array {
                    JsonLayout::Array
                } else {
                    JsonLayout::Lines
                });
            }
        }
    }
}

/// What [`next_element`] found.
pub(crate) enum Element {
    /// An element of the array is in the buffer.
    Complete,
    /// The element was longer than the limit; its length in bytes.
    TooLarge(u64),
    /// The closing `]`: the array is done.
    End,
}

/// Reads the next element of a JSON array whose `[` was consumed into `buf` (cleared first),
/// without parsing it: brackets and braces are counted outside strings, so an element ends at
/// the `,` or `]` that closes it at the top level. An element longer than `max` is skipped
/// without being held in memory. Input that ends inside the array is an error of kind
/// `UnexpectedEof`, with the part read in `buf`.
pub(crate) fn next_element<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    max: usize,
) -> io::Result<Element> {
    buf.clear();
    let mut seen: u64 = 0;
    let mut overflow = false;
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut started = false;
    loop {
        let chunk = fill(r)?;
        if chunk.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the JSON array ends before its closing ]",
            ));
        }
        let mut end = None;
        let mut from = 0;
        for (i, &b) in chunk.iter().enumerate() {
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' if depth > 0 => depth -= 1,
                b']' if !started => {
                    end = Some((i, true));
                    break;
                }
                b',' | b']' if depth == 0 => {
                    end = Some((i, false));
                    break;
                }
                _ => {}
            }
            if !started {
                if b.is_ascii_whitespace() || b == b',' {
                    from = i + 1;
                    continue;
                }
                started = true;
            }
        }
        let take = end.map_or(chunk.len(), |(i, _)| i);
        let part = &chunk[from.min(take)..take];
        seen += part.len() as u64;
        keep(buf, part, max, &mut overflow);
        match end {
            None => {
                let n = chunk.len();
                r.consume(n);
            }
            Some((i, closing)) => {
                // A `,` is consumed with its element; the array's `]` stays for the next
                // call, which then reports the end.
                let bracket = chunk[i] == b']';
                r.consume(if bracket && !closing { i } else { i + 1 });
                if closing {
                    return Ok(Element::End);
                }
                if overflow {
                    return Ok(Element::TooLarge(seen));
                }
                while buf.last().is_some_and(u8::is_ascii_whitespace) {
                    buf.pop();
                }
                return Ok(Element::Complete);
            }
        }
    }
}

/// The reader's next bytes, retrying a read that a signal interrupted.
fn fill<R: BufRead>(r: &mut R) -> io::Result<&[u8]> {
    loop {
        match r.fill_buf() {
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            // Re-borrowed: the loop's borrow ends with each attempt.
            Ok(_) => return r.fill_buf(),
            Err(e) => return Err(e),
        }
    }
}

/// Appends `part` to `buf` unless the record has outgrown `max`: then `buf` is emptied once,
/// `overflow` set, and the rest of the record only counted, never held.
fn keep(buf: &mut Vec<u8>, part: &[u8], max: usize, overflow: &mut bool) {
    if !*overflow && buf.len() + part.len() > max {
        *overflow = true;
        buf.clear();
        buf.shrink_to(64 * 1024);
    }
    if !*overflow {
        buf.extend_from_slice(part);
    }
}

fn trim_cr(buf: &mut Vec<u8>) {
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
}

#[cfg(test)]
mod tests {

    fn elements(json: &str, max: usize) -> Vec<String> {
        let mut r = std::io::BufReader::with_capacity(3, json.as_bytes());
        assert_eq!(json_layout(&mut r).expect("reads"), JsonLayout::Array);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            match next_element(&mut r, &mut buf, max) {
                Ok(Element::Complete) => out.push(String::from_utf8(buf.clone()).expect("utf-8")),
                Ok(Element::TooLarge(n)) => out.push(format!("too large: {n}")),
                Ok(Element::End) => return out,
                Err(e) => {
                    out.push(format!("error: {}", String::from_utf8_lossy(&buf)));
                    assert_eq!(e.kind(), io::ErrorKind::UnexpectedEof);
                    return out;
                }
            }
        }
    }

    /// Brackets, commas and escaped quotes inside strings do not end an element; a small
    /// reader buffer (3 bytes) makes every element cross chunks.
    #[test]
    fn array_elements_are_split_at_their_top_level_commas() {
        let json = "\u{feff} [ {\"id\": \"a\", \"text\": \"نص [مع] , \\\"اقتباس\\\" }\"},\n\t{\"t\": [1, {\"x\": \"]\"}]} , 7 ]";
        assert_eq!(
            elements(json, 1 << 20),
            [
                "{\"id\": \"a\", \"text\": \"نص [مع] , \\\"اقتباس\\\" }\"}",
                "{\"t\": [1, {\"x\": \"]\"}]}",
                "7",
            ]
        );
        assert!(elements("[]", 10).is_empty());
        assert!(elements("  [ \n ]  ", 10).is_empty());
    }

    #[test]
    fn a_long_element_is_skipped_and_a_cut_array_is_an_error() {
        assert_eq!(
            elements("[{\"a\": \"0123456789\"}, {\"b\": 1}]", 12),
            ["too large: 19", "{\"b\": 1}"]
        );
        assert_eq!(
            elements("[{\"a\": 1}, {\"b\": \"cut", 100),
            ["{\"a\": 1}", "error: {\"b\": \"cut"]
        );
    }

    #[test]
    fn json_that_is_no_array_is_read_as_lines() {
        let mut r = std::io::BufReader::new("\n  {\"id\": 1}\n".as_bytes());
        assert_eq!(json_layout(&mut r).expect("reads"), JsonLayout::Lines);
        let mut rest = String::new();
        std::io::Read::read_to_string(&mut r, &mut rest).expect("reads");
        assert_eq!(rest, "{\"id\": 1}\n");
    }

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
