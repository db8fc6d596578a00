//! What a page says about itself, read before anything is pruned: JSON-LD, `<meta>` tags
//! (Open Graph, article:*, Dublin Core), `<title>`, `<html lang dir>`, `<time datetime>`. None of
//! it enters the text; it goes into the document's metadata and helps choose the title line.

use crate::tree::{Data, Tree};
use html5ever::local_name;
use serde_json::Value;

/// Page metadata found.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub author: Option<String>,
    /// As the page wrote it (ISO 8601 mostly), not reinterpreted.
    pub date: Option<String>,
    pub lang: Option<String>,
    pub dir: Option<String>,
    pub description: Option<String>,
    pub site_name: Option<String>,
    /// `@type`s of JSON-LD and microdata items (`NewsArticle`, `DiscussionForumPosting` …).
    pub types: Vec<String>,
    /// A body text the page put in JSON-LD (`articleBody`, `text`), used when the HTML holds
    /// too little.
    pub jsonld_body: Option<String>,
}

/// Largest JSON-LD script read (bytes).
const MAX_JSONLD: usize = 256 * 1024;
/// JSON-LD scripts read per page.
const MAX_JSONLD_SCRIPTS: usize = 16;

pub fn read(tree: &Tree) -> PageMeta {
    let mut m = PageMeta::default();
    let mut doc_title: Option<String> = None;
    let mut og_title = None;
    let mut meta_author = None;
    let mut meta_date = None;
    let mut first_time = None;
    let mut scripts = 0;
    for id in tree.preorder(0) {
        let n = tree.node(id);
        let Some(tag) = n.tag() else { continue };
        match *tag {
            local_name!("html") => {
                set(&mut m.lang, n.attr(&local_name!("lang")));
                set(&mut m.dir, n.attr(&local_name!("dir")));
            }
            local_name!("body") => {
                if m.dir.is_none() {
                    set(&mut m.dir, n.attr(&local_name!("dir")));
                }
            }
            local_name!("title") if doc_title.is_none() => {
                doc_title = Some(text_of(tree, id));
            }
            local_name!("meta") => {
                let key = {
                    let p = n.attr(&local_name!("property"));
                    if p.is_empty() {
                        n.attr(&local_name!("name"))
                    } else {
                        p
                    }
                }
                .to_ascii_lowercase();
                let content = n.attr(&local_name!("content"));
                match key.as_str() {
                    "og:title" | "twitter:title" => set(&mut og_title, content),
                    "og:site_name" => set(&mut m.site_name, content),
                    "description" | "og:description" => set(&mut m.description, content),
                    "author" | "article:author" | "byl" | "dc.creator" | "sailthru.author"
                        if !content.starts_with("http") =>
                    {
                        set(&mut meta_author, content)
                    }
                    "article:published_time"
                    | "date"
                    | "pubdate"
                    | "publishdate"
                    | "dc.date.issued"
                    | "dc.date"
                    | "citation_publication_date"
                    | "parsely-pub-date"
                    | "og:published_time" => set(&mut meta_date, content),
                    "og:locale" if m.lang.is_none() => set(&mut m.lang, content),
                    _ => {}
                }
            }
            local_name!("time") if first_time.is_none() => {
                set(&mut first_time, n.attr(&local_name!("datetime")));
            }
            local_name!("script")
                if scripts < MAX_JSONLD_SCRIPTS
                    && n.attr(&local_name!("type"))
                        .to_ascii_lowercase()
                        .contains("ld+json") =>
            {
                scripts += 1;
                let raw = text_of_raw(tree, id);
                if raw.len() <= MAX_JSONLD {
                    if let Ok(v) = serde_json::from_str::<Value>(raw.trim()) {
                        let mut budget = 10_000usize;
                        jsonld(&v, &mut m, &mut budget, 0);
                    }
                }
            }
            _ => {}
        }
    }
    if m.title.is_none() {
        m.title = og_title.or_else(|| doc_title.map(|t| strip_site_name(&t)));
    }
    if m.author.is_none() {
        m.author = meta_author.map(|a| clean_author(&a));
    }
    if m.date.is_none() {
        m.date = meta_date.or(first_time);
    }
    m
}

fn set(slot: &mut Option<String>, v: &str) {
    let v = v.trim();
    if slot.is_none() && !v.is_empty() {
        *slot = Some(collapse(v));
    }
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// All text under `id`, whitespace collapsed.
pub fn text_of(tree: &Tree, id: u32) -> String {
    collapse(&text_of_raw(tree, id))
}

fn text_of_raw(tree: &Tree, id: u32) -> String {
    let mut s = String::new();
    for i in tree.preorder(id) {
        if let Data::Text(t) = &tree.node(i).data {
            s.push_str(t);
        }
    }
    s
}

/// Walks a JSON-LD value (objects, lists, `@graph`), bounded in nodes and depth.
fn jsonld(v: &Value, m: &mut PageMeta, budget: &mut usize, depth: u32) {
    if *budget == 0 || depth > 12 {
        return;
    }
    *budget -= 1;
    match v {
        Value::Array(items) => {
            for i in items {
                jsonld(i, m, budget, depth + 1);
            }
        }
        Value::Object(o) => {
            let types: Vec<&str> = match o.get("@type") {
                Some(Value::String(s)) => vec![s.as_str()],
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            for t in &types {
                if m.types.len() < 16 && !m.types.iter().any(|x| x == t) {
                    m.types.push((*t).to_string());
                }
            }
            let is_content = types.iter().any(|t| {
                t.ends_with("Article")
                    || matches!(
                        *t,
                        "BlogPosting" | "Report" | "DiscussionForumPosting" | "Recipe" | "Review"
                    )
            });
            if is_content {
                if let Some(Value::String(h)) = o.get("headline").or_else(|| o.get("name")) {
                    set(&mut m.title, h);
                }
                if let Some(Value::String(d)) = o.get("datePublished") {
                    set(&mut m.date, d);
                }
                if let Some(a) = o.get("author") {
                    if let Some(name) = author_name(a) {
                        if m.author.is_none() {
                            m.author = Some(clean_author(&name));
                        }
                    }
                }
                for key in ["articleBody", "text", "reviewBody"] {
                    if let Some(Value::String(b)) = o.get(key) {
                        if m.jsonld_body.is_none() && b.len() > 200 {
                            m.jsonld_body = Some(b.clone());
                        }
                    }
                }
            }
            if let Some(g) = o.get("@graph") {
                jsonld(g, m, budget, depth + 1);
            }
            if let Some(e) = o.get("mainEntity") {
                jsonld(e, m, budget, depth + 1);
            }
        }
        _ => {}
    }
}

fn author_name(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.starts_with("http") => Some(s.clone()),
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
        Value::Array(a) => {
            let names: Vec<String> = a.iter().take(8).filter_map(author_name).collect();
            (!names.is_empty()).then(|| names.join(", "))
        }
        _ => None,
    }
}

/// Drops Arabic lead words of bylines ("بقلم", "كتب") and a trailing colon.
fn clean_author(a: &str) -> String {
    let mut s = collapse(a);
    for lead in ["بقلم", "كتب", "كتبت", "بواسطة", "إعداد", "By", "by"] {
        if let Some(rest) = s.strip_prefix(lead) {
            if rest.starts_with([' ', ':']) {
                s = rest.trim_start_matches([' ', ':']).to_string();
                break;
            }
        }
    }
    s.trim_end_matches([':', ' ']).to_string()
}

/// `<title>` without the site name: the longest part when split on the usual separators.
pub fn strip_site_name(t: &str) -> String {
    let t = collapse(t);
    for sep in [" | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "] {
        if t.contains(sep) {
            if let Some(best) = t.split(sep).max_by_key(|p| p.chars().count()) {
                return best.trim().to_string();
            }
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_jsonld_and_meta() {
        let t = crate::tree::parse(
            r#"<html lang="ar" dir="rtl"><head><title>عنوان الخبر | موقع</title>
            <meta property="og:site_name" content="موقع">
            <script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","headline":"عنوان الخبر الكامل","datePublished":"2024-05-01T10:00:00Z","author":{"@type":"Person","name":"بقلم: أحمد علي"}}]}</script>
            </head><body><p>نص</p></body></html>"#,
        );
        let m = read(&t);
        assert_eq!(m.title.as_deref(), Some("عنوان الخبر الكامل"));
        assert_eq!(m.author.as_deref(), Some("أحمد علي"));
        assert_eq!(m.date.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(m.lang.as_deref(), Some("ar"));
        assert_eq!(m.dir.as_deref(), Some("rtl"));
        assert_eq!(m.types, ["NewsArticle"]);
    }

    #[test]
    fn title_without_site_name() {
        assert_eq!(
            strip_site_name("Site | The real headline here"),
            "The real headline here"
        );
    }
}
