//! The HTTP response inside a WARC `response` record: status, headers, and the body as the
//! server meant it — chunked transfer encoding removed and `Content-Encoding` (gzip, deflate,
//! br) undone, as wget and other crawlers store bodies raw while Common Crawl stores them
//! decoded (keeping the original headers under `X-Crawler-…` names).
//!
//! Crawled headers lie: a body announced as chunked that is not, or as gzip that is plain. Each
//! decoding is tried and, when it fails at once, the body is kept as it came, with a note.

use std::io::Read;

/// A parsed response.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// What was done to the body, or found wrong with it: `dechunked`, `gunzipped`,
    /// `inflated`, `unbrotlied`, `bad_chunks`, `bad_content_encoding`, `body_truncated`.
    pub notes: Vec<&'static str>,
}

impl Response {
    /// The first header of that name, compared without regard to case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The media type of `Content-Type`, lower-cased, without parameters.
    pub fn media_type(&self) -> Option<String> {
        let ct = self.header("Content-Type")?;
        let media = ct.split(';').next()?.trim().to_ascii_lowercase();
        (!media.is_empty()).then_some(media)
    }

    /// The `charset` parameter of `Content-Type`, if any.
    pub fn charset(&self) -> Option<String> {
        let ct = self.header("Content-Type")?;
        ct.split(';').skip(1).find_map(|p| {
            let (k, v) = p.split_once('=')?;
            k.trim()
                .eq_ignore_ascii_case("charset")
                .then(|| v.trim().trim_matches(['"', '\'']).to_string())
        })
    }
}

/// Why a block is not an HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpError {
    /// No `HTTP/x.y NNN` status line.
    NoStatusLine,
    /// The header does not end (no blank line) within the block or within 256 KiB.
    HeaderUnterminated,
    /// The decoded body would be larger than the limit.
    TooLarge { limit: usize },
}

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            HttpError::NoStatusLine => write!(f, "no HTTP status line"),
            HttpError::HeaderUnterminated => write!(f, "HTTP header without its end"),
            HttpError::TooLarge { limit } => {
                write!(f, "decoded body larger than {limit} bytes")
            }
        }
    }
}

impl std::error::Error for HttpError {}

const MAX_HEADER: usize = 256 * 1024;

/// Parses an HTTP response block. `max_body` bounds the decoded body, so that a small gzip
/// body cannot expand without limit.
pub fn parse_response(block: &[u8], max_body: usize) -> Result<Response, HttpError> {
    let head_end = find_head_end(block).ok_or(HttpError::HeaderUnterminated)?;
    let (head, body_at) = head_end;
    let head_text = String::from_utf8_lossy(&block[..head]);
    let mut lines = head_text.split('\n').map(|l| l.trim_end_matches('\r'));
    let status_line = lines.next().ok_or(HttpError::NoStatusLine)?;
    let status = parse_status(status_line).ok_or(HttpError::NoStatusLine)?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some((_, v)) = headers.last_mut() {
                v.push(' ');
                v.push_str(line.trim());
            }
            continue;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let mut response = Response {
        status,
        headers,
        body: Vec::new(),
        notes: Vec::new(),
    };
    let raw = &block[body_at..];
    let chunked = response
        .header("Transfer-Encoding")
        .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
    let mut body = if chunked {
        match dechunk(raw) {
            Some((b, complete)) => {
                response.notes.push("dechunked");
                if !complete {
                    response.notes.push("body_truncated");
                }
                b
            }
            None => {
                response.notes.push("bad_chunks");
                raw.to_vec()
            }
        }
    } else {
        raw.to_vec()
    };
    if body.len() > max_body {
        return Err(HttpError::TooLarge { limit: max_body });
    }
    let encoding = response
        .header("Content-Encoding")
        .map(|v| v.trim().to_ascii_lowercase());
    if let Some(enc) = encoding.as_deref() {
        let decoded = match enc {
            "gzip" | "x-gzip" => Some((
                decode(flate2::read::MultiGzDecoder::new(&body[..]), max_body),
                "gunzipped",
            )),
            "deflate" => {
                // Servers send zlib-wrapped or raw deflate under this name.
                let zlib = decode(flate2::read::ZlibDecoder::new(&body[..]), max_body);
                let either = match zlib {
                    Decoded::Failed => {
                        decode(flate2::read::DeflateDecoder::new(&body[..]), max_body)
                    }
                    other => other,
                };
                Some((either, "inflated"))
            }
            "br" => Some((
                decode(
                    brotli_decompressor::Decompressor::new(&body[..], 64 * 1024),
                    max_body,
                ),
                "unbrotlied",
            )),
            _ => None,
        };
        match decoded {
            Some((Decoded::Whole(b), note)) => {
                body = b;
                response.notes.push(note);
            }
            Some((Decoded::Partial(b), note)) => {
                body = b;
                response.notes.push(note);
                response.notes.push("body_truncated");
            }
            Some((Decoded::TooLarge, _)) => return Err(HttpError::TooLarge { limit: max_body }),
            Some((Decoded::Failed, _)) => response.notes.push("bad_content_encoding"),
            None => {}
        }
    }
    response.body = body;
    Ok(response)
}

/// Where the header ends: its length and where the body begins.
fn find_head_end(block: &[u8]) -> Option<(usize, usize)> {
    let window = &block[..block.len().min(MAX_HEADER)];
    let crlf = memchr::memmem::find(window, b"\r\n\r\n").map(|i| (i, i + 4));
    let lf = memchr::memmem::find(window, b"\n\n").map(|i| (i, i + 2));
    match (crlf, lf) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b).or_else(|| {
            // A response with headers only and no blank line at the end of the block.
            (block.len() < MAX_HEADER && block.starts_with(b"HTTP/"))
                .then_some((block.len(), block.len()))
        }),
    }
}

fn parse_status(line: &str) -> Option<u16> {
    let rest = line.strip_prefix("HTTP/")?;
    let mut parts = rest.split_whitespace();
    parts.next()?;
    let code = parts.next()?;
    code.get(..3)?.parse().ok()
}

/// Removes chunked transfer encoding. None when the body does not start with a chunk size
/// (it was not chunked after all); the flag is false when the chunks stop before the last one.
fn dechunk(raw: &[u8]) -> Option<(Vec<u8>, bool)> {
    let mut out = Vec::with_capacity(raw.len());
    let mut at = 0;
    let mut first = true;
    loop {
        let line_end = match memchr::memchr(b'\n', &raw[at..]) {
            Some(i) => at + i,
            None => return (!first).then_some((out, false)),
        };
        let line = std::str::from_utf8(&raw[at..line_end]).ok()?.trim();
        let size_text = line.split(';').next().unwrap_or("").trim();
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            // Not a chunk size: not chunked at all, or damage after some chunks.
            return (!first).then_some((out, false));
        };
        first = false;
        at = line_end + 1;
        if size == 0 {
            return Some((out, true));
        }
        let end = at.saturating_add(size);
        if end > raw.len() {
            out.extend_from_slice(&raw[at..]);
            return Some((out, false));
        }
        out.extend_from_slice(&raw[at..end]);
        at = end;
        // The line break after the chunk's data.
        while at < raw.len() && (raw[at] == b'\r' || raw[at] == b'\n') {
            at += 1;
            if raw[at - 1] == b'\n' {
                break;
            }
        }
    }
}

enum Decoded {
    Whole(Vec<u8>),
    /// Decoded up to damage or a cut.
    Partial(Vec<u8>),
    TooLarge,
    Failed,
}

fn decode(mut r: impl Read, max: usize) -> Decoded {
    let mut out = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        match r.read(&mut buf) {
            Ok(0) => return Decoded::Whole(out),
            Ok(n) => {
                if out.len() + n > max {
                    return Decoded::TooLarge;
                }
                out.extend_from_slice(&buf[..n]);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) if out.is_empty() => return Decoded::Failed,
            Err(_) => return Decoded::Partial(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn response(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut b = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        b.extend_from_slice(body);
        b
    }

    #[test]
    fn status_headers_and_charset() {
        let r = parse_response(
            &response(
                "Content-Type: text/html; charset=\"windows-1256\"\r\n",
                b"<html>",
            ),
            1 << 20,
        )
        .expect("parses");
        assert_eq!(r.status, 200);
        assert_eq!(r.media_type().as_deref(), Some("text/html"));
        assert_eq!(r.charset().as_deref(), Some("windows-1256"));
        assert_eq!(r.body, b"<html>");
    }

    #[test]
    fn chunked_bodies_are_joined_and_false_chunking_is_kept() {
        let body = "4\r\nمر\r\n6;ext=1\r\nحبا\r\n0\r\n\r\n".as_bytes();
        let r = parse_response(&response("Transfer-Encoding: chunked\r\n", body), 1 << 20)
            .expect("parses");
        assert_eq!(String::from_utf8_lossy(&r.body), "مرحبا");
        assert_eq!(r.notes, ["dechunked"]);
        let r = parse_response(
            &response("Transfer-Encoding: chunked\r\n", b"<html>not chunked"),
            1 << 20,
        )
        .expect("parses");
        assert_eq!(r.body, b"<html>not chunked");
        assert_eq!(r.notes, ["bad_chunks"]);
    }

    #[test]
    fn content_encodings_are_undone_within_the_limit() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all("<p>نص</p>".repeat(100).as_bytes())
            .expect("mem");
        let gz = gz.finish().expect("mem");
        let block = response("Content-Encoding: gzip\r\n", &gz);
        let r = parse_response(&block, 1 << 20).expect("parses");
        assert!(r.body.starts_with("<p>نص</p>".as_bytes()));
        assert_eq!(r.notes, ["gunzipped"]);
        assert_eq!(
            parse_response(&block, 100).err(),
            Some(HttpError::TooLarge { limit: 100 })
        );
        // Announced as gzip, sent plain: kept, noted.
        let r = parse_response(&response("Content-Encoding: gzip\r\n", b"<html>"), 1 << 20)
            .expect("parses");
        assert_eq!(r.body, b"<html>");
        assert_eq!(r.notes, ["bad_content_encoding"]);
    }

    #[test]
    fn a_block_that_is_not_a_response_is_refused() {
        assert_eq!(
            parse_response(b"GET / HTTP/1.1\r\n\r\n", 10).err(),
            Some(HttpError::NoStatusLine)
        );
    }
}
