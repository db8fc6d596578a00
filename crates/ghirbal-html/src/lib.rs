//! HTML pages as crawled, turned into text: [`charset`] decodes a page's bytes with the
//! character set it declares or, failing that, the one its bytes show; [`extract`] finds its
//! main content and writes it one paragraph per line, with the page's metadata.
//!
//! The method, its sources and its measurements are in `DESIGN.md` beside this crate.

mod blocks;
pub mod charset;
mod clean;
pub mod extract;
pub mod meta;
pub mod tree;
mod words;

pub use charset::{decode, CharsetSource, Decoded};
pub use extract::{extract, Extraction, Favor, Options, Path};
pub use meta::PageMeta;

/// Largest page extracted, in bytes of decoded text; the rest is cut (at a character
/// boundary) and the page marked truncated. Common Crawl truncates payloads at 1 MiB; the
/// largest WCXB page is 5.3 MB.
pub const MAX_PAGE_BYTES: usize = 8 << 20;

/// A crawled page's main text and what was learnt on the way.
#[derive(Debug, Clone)]
pub struct Page {
    pub extraction: Extraction,
    pub charset: &'static str,
    pub charset_source: CharsetSource,
    /// The decoder met bytes invalid in the charset (replaced by U+FFFD).
    pub decode_errors: bool,
    /// The page was longer than [`MAX_PAGE_BYTES`] and was cut.
    pub truncated: bool,
}

/// Decodes and extracts one page. `http_charset` is the `charset` parameter of the HTTP
/// `Content-Type`, if any; `url` helps charset detection (the country of its domain).
pub fn extract_page(
    bytes: &[u8],
    http_charset: Option<&str>,
    url: Option<&str>,
    opts: &Options,
) -> Page {
    let decoded = charset::decode(bytes, http_charset, url);
    let mut text = decoded.text;
    let truncated = text.len() > MAX_PAGE_BYTES;
    if truncated {
        let mut end = MAX_PAGE_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    Page {
        extraction: extract(&text, opts),
        charset: decoded.charset,
        charset_source: decoded.source,
        decode_errors: decoded.had_errors,
        truncated,
    }
}
