//! `extract`: turns a page that arrived as HTML into its main text, one paragraph per line.
//!
//! What it does: decodes the page with the charset it declares or shows (`ghirbal_html::charset`),
//! parses it as a browser would, drops what is never content (scripts, hidden elements,
//! navigation, footers, sharing and cookie widgets, comment threads), finds the region that
//! holds the content and writes its blocks in reading order. It records how: `extraction` is
//! `main` when a content region was found and `fallback` otherwise (`extraction_path` says
//! which fallback), plus the page's title, author, date, `lang`, `dir` and charset.
//! Documents that arrive as text pass untouched, so a run may mix crawls and corpora.
//! Why: everything after it judges text, and a menu or a footer glued into an article is
//! what the Arabic web's pages look like when extraction is careless.
//! Example: a WordPress news page gives its headline, then its paragraphs; its breadcrumb,
//! "اقرأ أيضاً" links, tags, comments and footer are gone. A page with no text at all is
//! removed with `no_text`.

use crate::check::Validate;
use crate::options::{option_infos, options, Built, ConfigError};
use ghirbal_core::{Cx, Document, Element, Step, StepError, StepInfo, Verdict};
use ghirbal_html::{Favor, Options as HtmlOptions};
use serde::{Deserialize, Serialize};
use serde_json::Value;

const NAME: &str = "extract";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// `precision`, `balanced` or `recall`: which way to lean when a block is uncertain.
    pub favor: String,
    /// Write headings, list items and table rows in Markdown.
    pub markdown: bool,
    /// Keep every visible text, choosing no main content (what Common Crawl's WET files hold).
    pub all_text: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            favor: "balanced".to_string(),
            markdown: false,
            all_text: false,
        }
    }
}

impl Validate for Options {
    fn validate(&self) -> Result<(), String> {
        match Favor::parse(&self.favor) {
            Some(_) => Ok(()),
            None => Err(format!(
                "favor = \"{}\": expected precision, balanced or recall",
                self.favor
            )),
        }
    }
}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "step",
        summary: "turns pages that arrived as HTML (WARC responses, .html files, --html-field) into their main text, one paragraph per line, with title, author, date, lang, dir and charset in metadata; text documents pass untouched. First in any pipeline fed HTML",
        options: option_infos::<Options>(&[
            ("favor", "precision, balanced or recall: which way to lean on uncertain blocks"),
            ("markdown", "write headings (#), list items (- ) and table rows (| a | b |) in Markdown"),
            ("all_text", "keep every visible text, choosing no main content (as Common Crawl's WET files do)"),
        ]),
        reasons: vec![(
            "no_text",
            "the page holds no visible text, or no block of text at all (only menus, links and labels)",
        )],
    }
}

pub fn build(index: usize, table: toml::Table) -> Result<Built, ConfigError> {
    let (opts, resolved) = options::<Options>(NAME, index, table)?;
    let html = HtmlOptions {
        favor: Favor::parse(&opts.favor).unwrap_or_default(),
        markdown: opts.markdown,
        all_text: opts.all_text,
    };
    Ok(Built {
        element: Element::Step(Box::new(Extract(html))),
        resolved,
    })
}

pub struct Extract(pub HtmlOptions);

impl Step for Extract {
    fn name(&self) -> &'static str {
        NAME
    }

    fn process(&self, doc: &mut Document, cx: &mut Cx) -> Result<Verdict, StepError> {
        let Some(html) = doc.html.take() else {
            return Ok(Verdict::Keep);
        };
        let url = doc.meta.get("url").and_then(Value::as_str);
        let page =
            ghirbal_html::extract_page(&html.bytes, html.http_charset.as_deref(), url, &self.0);
        let ex = page.extraction;
        cx.count(
            match ex.path.kind() {
                "main" => "main",
                _ => "fallback",
            },
            1,
        );
        if page.decode_errors {
            cx.count("decode_errors", 1);
        }
        if page.truncated {
            cx.count("truncated", 1);
        }
        if ex.depth_capped > 0 {
            cx.count("depth_capped", 1);
        }
        cx.observe_label("charset", page.charset);
        cx.observe_label("charset_source", page.charset_source.code());
        cx.observe_label("extraction_path", ex.path.code());
        let meta = &mut doc.meta;
        let mut put = |key: &str, value: Option<String>| {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                if !meta.contains_key(key) {
                    meta.insert(key.to_string(), Value::from(v));
                }
            }
        };
        put("title", ex.meta.title);
        put("author", ex.meta.author);
        put("date", ex.meta.date);
        put("page_lang", ex.meta.lang);
        put("page_dir", ex.meta.dir);
        put("charset", Some(page.charset.to_string()));
        put(
            "charset_source",
            Some(page.charset_source.code().to_string()),
        );
        put("extraction", Some(ex.path.kind().to_string()));
        put("extraction_path", Some(ex.path.code().to_string()));
        if page.truncated {
            *doc.claim("html_truncated") = Value::Bool(true);
        }
        let nothing_but_chrome = ex.path == ghirbal_html::Path::NoText;
        doc.text = ex.text;
        if doc.text.trim().is_empty() {
            let detail = if nothing_but_chrome {
                format!(
                    "no block of text in {} bytes of HTML (only menus, links and labels)",
                    html.bytes.len()
                )
            } else {
                format!("0 characters of text in {} bytes of HTML", html.bytes.len())
            };
            return Ok(Verdict::drop(NAME, "no_text", detail));
        }
        Ok(Verdict::Keep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ghirbal_core::Html;

    fn page(html: &str) -> Document {
        let mut d = Document::new("p", "");
        d.html = Some(Box::new(Html {
            bytes: html.as_bytes().to_vec(),
            http_charset: None,
        }));
        d
    }

    #[test]
    fn text_documents_pass_untouched() {
        let mut d = Document::new("t", "نص كما هو");
        let v = Extract(HtmlOptions::default())
            .process(&mut d, &mut Cx::default())
            .expect("no error");
        assert_eq!(v, Verdict::Keep);
        assert_eq!(d.text, "نص كما هو");
        assert!(d.meta.is_empty());
    }

    #[test]
    fn a_page_becomes_its_text_with_metadata() {
        let body = "هذه فقرة طويلة من نص المقال تتحدث عن موضوع مهم في المدينة، وقد قال المسؤولون إن العمل سيستمر حتى نهاية العام المقبل في جميع المناطق. ";
        let html = format!(
            "<html lang='ar' dir='rtl'><head><title>عنوان المقال | الموقع</title></head><body><nav><a href='/'>الرئيسية</a><a href='/x'>أخبار</a></nav><article><h1>عنوان المقال</h1><p>{}</p><p>{}</p></article><footer>جميع الحقوق محفوظة ©</footer></body></html>",
            body.repeat(2),
            body
        );
        let mut d = page(&html);
        let v = Extract(HtmlOptions::default())
            .process(&mut d, &mut Cx::default())
            .expect("no error");
        assert_eq!(v, Verdict::Keep);
        assert!(d.html.is_none());
        assert!(d.text.contains("هذه فقرة طويلة"), "{}", d.text);
        assert!(!d.text.contains("الرئيسية"), "{}", d.text);
        assert!(!d.text.contains("محفوظة"), "{}", d.text);
        assert_eq!(d.meta["page_lang"], "ar");
        assert_eq!(d.meta["page_dir"], "rtl");
        assert_eq!(d.meta["extraction"], "main");
        assert_eq!(d.meta["charset"], "UTF-8");
    }

    #[test]
    fn an_empty_page_is_removed() {
        let mut d = page("<html><body><script>var x = 1;</script></body></html>");
        let v = Extract(HtmlOptions::default())
            .process(&mut d, &mut Cx::default())
            .expect("no error");
        assert!(
            matches!(v, Verdict::Drop(ref r) if r.code == "no_text"),
            "{v:?}"
        );
    }
}
