//! The character set of a crawled page, and its text.
//!
//! Arabic pages are still often windows-1256 or ISO-8859-6, and their declarations are often
//! wrong or missing. The order of evidence is the browser's (WHATWG "encoding sniffing"): a
//! byte-order mark, which cannot be there by accident; then the HTTP `Content-Type` charset;
//! then a `<meta charset>` or `<meta http-equiv="Content-Type">` in the first bytes of the page;
//! then detection from the bytes themselves (`chardetng`, Firefox's detector, which also weighs
//! the country of the URL's domain). A declared charset that the bytes plainly contradict (a
//! page declared windows-1256 that is valid UTF-8 with Arabic in it, a common CMS mistake) is
//! overruled by UTF-8.

use encoding_rs::{Encoding, UTF_8};

/// Where the charset came from, recorded in each document's metadata.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CharsetSource {
    Bom,
    Http,
    Meta,
    /// Declared otherwise, but the bytes are valid UTF-8 with non-ASCII text in them.
    Utf8Override,
    Detected,
}

impl CharsetSource {
    pub fn code(self) -> &'static str {
        match self {
            CharsetSource::Bom => "bom",
            CharsetSource::Http => "http",
            CharsetSource::Meta => "meta",
            CharsetSource::Utf8Override => "utf8_override",
            CharsetSource::Detected => "detected",
        }
    }
}

/// A page's text with the charset it was read in.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// The WHATWG name of the encoding (`UTF-8`, `windows-1256`, `ISO-8859-6`, ...).
    pub charset: &'static str,
    pub source: CharsetSource,
    /// True when some bytes were not valid in that charset and were replaced.
    pub had_errors: bool,
}

/// How far into the page `<meta>` declarations are looked for. The standard says 1,024 bytes;
/// Arabic CMS themes often put a kilobyte of scripts and styles before the meta tag.
const META_SCAN: usize = 8 * 1024;

/// Decodes a page. `http_charset` is the `charset` parameter of the HTTP `Content-Type`, and
/// `url` (when known) lends its top-level domain to detection.
pub fn decode(bytes: &[u8], http_charset: Option<&str>, url: Option<&str>) -> Decoded {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        return finish(enc, &bytes[bom_len..], CharsetSource::Bom);
    }
    let declared = http_charset
        .and_then(label)
        .map(|e| (e, CharsetSource::Http))
        .or_else(|| meta_charset(bytes).map(|e| (e, CharsetSource::Meta)));
    if let Some((enc, source)) = declared {
        if enc != UTF_8 && looks_like_utf8_text(bytes) {
            return finish(UTF_8, bytes, CharsetSource::Utf8Override);
        }
        return finish(enc, bytes, source);
    }
    // ISO-2022-JP is allowed: ghirbal runs no script of the page, the reason browsers refuse it.
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Allow);
    detector.feed(bytes, true);
    let tld = url.and_then(top_level_domain);
    let enc = detector.guess(
        tld.as_deref().map(str::as_bytes),
        chardetng::Utf8Detection::Allow,
    );
    finish(enc, bytes, CharsetSource::Detected)
}

fn finish(enc: &'static Encoding, bytes: &[u8], source: CharsetSource) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded {
        text: text.into_owned(),
        charset: enc.name(),
        source,
        had_errors,
    }
}

/// An encoding label as pages write it. A page cannot declare UTF-16 in a `<meta>` that was
/// read as ASCII, and a UTF-16 header without a BOM is almost always wrong: both mean UTF-8,
/// as browsers take them.
fn label(name: &str) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(name.trim().trim_matches(['"', '\'']).as_bytes())?;
    Some(enc.output_encoding())
}

/// True for bytes that are valid UTF-8 and hold multi-byte characters (so not plain ASCII,
/// which every charset reads the same).
fn looks_like_utf8_text(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// The charset of the first `<meta charset=…>` or `<meta http-equiv="content-type"
/// content="…; charset=…">` in the page's first bytes.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + i + 5;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |j| start + j);
        let tag = &lower[start..end];
        if let Some(value) = charset_in(tag) {
            if let Some(enc) = label(&value) {
                return Some(enc);
            }
        }
        from = end;
    }
    None
}

/// The value after `charset=` in a lower-cased tag's text, up to a quote, space or `;`.
fn charset_in(tag: &[u8]) -> Option<String> {
    let at = memchr::memmem::find(tag, b"charset")? + 7;
    let rest = &tag[at..];
    let rest = rest.iter().position(|&b| b != b' ').map(|p| &rest[p..])?;
    let rest = rest.strip_prefix(b"=")?;
    let rest = rest.iter().position(|&b| b != b' ').map(|p| &rest[p..])?;
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|&b| matches!(b, b'"' | b'\'' | b' ' | b';' | b'/' | b'>'))
        .unwrap_or(rest.len());
    let value = std::str::from_utf8(&rest[..end]).ok()?;
    (!value.is_empty()).then(|| value.to_string())
}

/// `sa` of `https://www.spa.gov.sa/...`.
fn top_level_domain(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let tld = host.rsplit('.').next()?;
    (tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        .then(|| tld.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{ISO_8859_6, WINDOWS_1256};

    const ARTICLE: &str = "<p>أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض، ويضم المستشفى ثلاثمائة سرير.</p>";

    fn page(meta: &str) -> String {
        format!(
            "<html dir=\"rtl\"><head>{meta}<title>خبر</title></head><body>{ARTICLE}</body></html>"
        )
    }

    #[test]
    fn the_http_charset_decodes_a_windows_1256_page() {
        let text = page("");
        let (bytes, _, _) = WINDOWS_1256.encode(&text);
        let d = decode(&bytes, Some("windows-1256"), None);
        assert_eq!((d.charset, d.source), ("windows-1256", CharsetSource::Http));
        assert_eq!(d.text, text);
    }

    #[test]
    fn meta_declarations_in_both_forms() {
        for meta in [
            "<meta charset=\"ISO-8859-6\">",
            "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=iso-8859-6\">",
        ] {
            let text = page(meta);
            let (bytes, _, _) = ISO_8859_6.encode(&text);
            let d = decode(&bytes, None, None);
            assert_eq!(
                (d.charset, d.source),
                ("ISO-8859-6", CharsetSource::Meta),
                "{meta}"
            );
            assert_eq!(d.text, text);
        }
    }

    #[test]
    fn undeclared_arabic_is_detected() {
        let text = page("").repeat(3);
        let (bytes, _, _) = WINDOWS_1256.encode(&text);
        let d = decode(&bytes, None, Some("http://www.example.com.sa/news/1"));
        assert_eq!(
            (d.charset, d.source),
            ("windows-1256", CharsetSource::Detected)
        );
        assert_eq!(d.text, text);
        let d = decode(text.as_bytes(), None, None);
        assert_eq!(d.charset, "UTF-8");
    }

    #[test]
    fn a_wrong_declaration_is_overruled_by_valid_utf8() {
        let text = page("<meta charset=\"windows-1256\">");
        let d = decode(text.as_bytes(), None, None);
        assert_eq!(
            (d.charset, d.source),
            ("UTF-8", CharsetSource::Utf8Override)
        );
        assert_eq!(d.text, text);
    }

    #[test]
    fn a_bom_wins() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(page("<meta charset=\"windows-1256\">").as_bytes());
        let d = decode(&bytes, Some("iso-8859-6"), None);
        assert_eq!((d.charset, d.source), ("UTF-8", CharsetSource::Bom));
    }

    #[test]
    fn utf16_with_a_bom_is_read() {
        let text = page("");
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let d = decode(&bytes, Some("utf-8"), None);
        assert_eq!((d.charset, d.source), ("UTF-16LE", CharsetSource::Bom));
        assert_eq!(d.text, text);
    }
}
