//! Hostile pages: each is extracted or given up on within bounded time and memory, without a
//! stack overflow (while parsing, walking or dropping the tree) and without a panic.
//! The bounds are loose (debug builds are slow, machines are shared): they catch quadratic
//! behaviour, which costs minutes, not a slower machine.

use ghirbal_html::{extract_page, Options};
use std::time::{Duration, Instant};

fn timed(name: &str, html: &[u8], limit: Duration) -> ghirbal_html::Page {
    let t = Instant::now();
    let page = extract_page(html, Some("utf-8"), None, &Options::default());
    let took = t.elapsed();
    assert!(took < limit, "{name}: {took:?} (limit {limit:?})");
    page
}

fn nested(open: &str, close: &str, n: usize, text: &str) -> String {
    let mut s = String::with_capacity(n * (open.len() + close.len()) + text.len() + 32);
    s.push_str("<html><body>");
    for _ in 0..n {
        s.push_str(open);
    }
    s.push_str(text);
    for _ in 0..n {
        s.push_str(close);
    }
    s.push_str("</body></html>");
    s
}

const TEXT: &str = "The nested text of a hostile page is still read and kept as content here.";

#[test]
fn a_hundred_thousand_nested_elements() {
    for (open, close) in [
        ("<div>", "</div>"),
        ("<ul><li>", "</li></ul>"),
        ("<a href=x><div>", "</div></a>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<b>", "</b>"),
        ("<span>", "</span>"),
        ("<blockquote>", "</blockquote>"),
    ] {
        let html = nested(open, close, 100_000, TEXT);
        let page = timed(open, html.as_bytes(), Duration::from_secs(60));
        assert!(
            page.extraction.text.contains("hostile page"),
            "{open}: {:?}",
            page.extraction.text.chars().take(200).collect::<String>()
        );
        // Dropping the page and its tree must not recurse either: reaching here proves it.
    }
}

#[test]
fn unclosed_formatting_elements_with_distinct_attributes() {
    let mut html = String::from("<html><body><p>");
    for i in 0..50_000 {
        html.push_str(&format!("<font color=c{i}><i>w{i} "));
    }
    html.push_str("</p><p>after</p></body></html>");
    timed("font", html.as_bytes(), Duration::from_secs(60));
}

#[test]
fn a_fifty_megabyte_text_node() {
    let mut html = String::from("<html><body><p>");
    while html.len() < 50 << 20 {
        html.push_str("كلمة طويلة في نص كبير جداً، ");
    }
    html.push_str("</p></body></html>");
    let page = timed("text node", html.as_bytes(), Duration::from_secs(120));
    assert!(page.truncated);
    assert!(!page.extraction.text.is_empty());
}

#[test]
fn a_million_attributes() {
    // Two bytes each, so that the page stays under the size at which pages are cut.
    let mut html = String::from("<html><body><div");
    for _ in 0..1_000_000 {
        html.push_str(" a");
    }
    html.push_str(
        ">The text after a million attributes is read as it should be.</div></body></html>",
    );
    let page = timed("attributes", html.as_bytes(), Duration::from_secs(60));
    assert!(
        page.extraction.text.contains("million attributes"),
        "{}",
        page.extraction.text
    );
    // Quotes that hide a `>` do not hide the attributes.
    let mut html = String::from("<html><body><div title=\">\"");
    for _ in 0..1_000_000 {
        html.push_str(" b");
    }
    html.push_str(">text</div></body></html>");
    timed(
        "quoted attributes",
        html.as_bytes(),
        Duration::from_secs(60),
    );
}

#[test]
fn an_unclosed_script() {
    let mut html = String::from(
        "<html><body><p>The paragraph before the script is a real paragraph of text.</p><script>",
    );
    for i in 0..200_000 {
        html.push_str(&format!("var x{i} = '<p>not text</p>';\n"));
    }
    let page = timed("script", html.as_bytes(), Duration::from_secs(60));
    assert!(!page.extraction.text.contains("not text"));
    assert!(page.extraction.text.contains("paragraph before"));
}

#[test]
fn nul_bytes_and_invalid_utf8() {
    let html = b"<html><body><p>NUL\0inside a paragraph of ordinary text, and \xff\xfe invalid bytes \xc3 in a page said to be UTF-8.</p></body></html>";
    let page = timed("bytes", html, Duration::from_secs(10));
    assert!(page.decode_errors);
    assert!(!page.extraction.text.contains('\0'));
    assert!(page.extraction.text.contains("ordinary text"));
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A deterministic stream of awkward fragments, glued at random.
    let parts: [&[u8]; 16] = [
        b"<",
        b">",
        b"</",
        b"<div class='a'>",
        b"<table>",
        b"<td>",
        b"<script>",
        b"</script>",
        b"<!--",
        b"-->",
        b"&amp;",
        b"\xd8\xb9",
        b"\xff",
        b"<svg><path/>",
        b"<p>",
        b"text ",
    ];
    let mut seed = 0x9e3779b97f4a7c15u64;
    for _ in 0..300 {
        let mut page = Vec::new();
        for _ in 0..400 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            page.extend_from_slice(parts[(seed % 16) as usize]);
        }
        let _ = extract_page(&page, None, Some("http://x.example/"), &Options::default());
    }
}
