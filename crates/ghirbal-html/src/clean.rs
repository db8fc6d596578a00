//! Which elements are page chrome rather than content: by tag, by attribute, and by the tokens
//! of their `class` and `id`. The vocabulary is the one web themes share (the lists of
//! resiliparse and trafilatura agree on most of it); Arabic themes use the same global vendors'
//! names (Jannah, Newspaper, Blogger, vBulletin), their Arabic is in labels, handled later.
//!
//! Tokens match whole, never as substrings: `[class*=hidden]` hid Drupal's
//! `field-label-hidden` articles (ZachSaucier/Just-Read#62) and `widget` as a substring
//! stripped Elementor pages (us/crw#365).

use crate::tree::{Node, Tree};
use html5ever::{local_name, LocalName};
use std::collections::HashMap;
use std::sync::OnceLock;

/// Why an element is not content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Drop {
    /// Never text: script, style, forms controls, media.
    Tag,
    /// `hidden`, `aria-hidden`, `display:none`.
    Hidden,
    /// An ARIA landmark of chrome (`role=navigation` …).
    Role,
    /// nav, header, footer, aside.
    Landmark,
    /// A class or id token of chrome (menus, sharing, related links, ads, cookie banners).
    Token(Kind),
}

/// Families of class/id tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Navigation,
    Chrome,
    Share,
    Related,
    /// Bylines, tags, dates, ratings: kept when favouring recall.
    PostMeta,
    Comments,
    /// Content hints: never removed by token rules, scored up.
    Positive,
}

/// Tags whose content is never text.
pub fn always_dropped(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("script")
            | local_name!("style")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("math")
            | local_name!("canvas")
            | local_name!("iframe")
            | local_name!("frame")
            | local_name!("frameset")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("applet")
            | local_name!("video")
            | local_name!("audio")
            | local_name!("picture")
            | local_name!("source")
            | local_name!("track")
            | local_name!("map")
            | local_name!("button")
            | local_name!("input")
            | local_name!("select")
            | local_name!("option")
            | local_name!("optgroup")
            | local_name!("datalist")
            | local_name!("textarea")
            | local_name!("meter")
            | local_name!("progress")
            | local_name!("dialog")
            | local_name!("menu")
            | local_name!("head")
            | local_name!("title")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("noembed")
            | local_name!("noframes")
            | local_name!("label")
    )
}

/// `hidden`, `aria-hidden=true`, or an inline style that hides.
pub fn hidden(n: &Node) -> bool {
    if n.has_attr(&local_name!("hidden")) {
        return true;
    }
    if n.attr(&local_name!("aria-hidden"))
        .eq_ignore_ascii_case("true")
    {
        return true;
    }
    let style = n.attr(&local_name!("style"));
    if !style.is_empty() {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    false
}

/// ARIA roles of page chrome.
pub fn chrome_role(n: &Node) -> bool {
    let role = n.attr(&local_name!("role"));
    matches!(
        role.to_ascii_lowercase().as_str(),
        "navigation"
            | "banner"
            | "contentinfo"
            | "complementary"
            | "search"
            | "menu"
            | "menubar"
            | "toolbar"
            | "dialog"
            | "alertdialog"
            | "tooltip"
    )
}

/// Tab panels, accordions and the like hold real content behind a click (product pages): the
/// hiding rules do not apply to them.
pub fn disclosure(n: &Node) -> bool {
    if n.attr(&local_name!("role"))
        .eq_ignore_ascii_case("tabpanel")
    {
        return true;
    }
    let mut found = false;
    for_each_class_name(n, |name| {
        let t = name.to_ascii_lowercase();
        if t.split(['-', '_']).any(|p| {
            matches!(
                p,
                "tab" | "tabs" | "pane" | "panel" | "accordion" | "collapse" | "faq" | "answer"
            )
        }) {
            found = true;
        }
    });
    found
}

fn for_each_class_name(n: &Node, mut f: impl FnMut(&str)) {
    for v in [n.attr(&local_name!("class")), n.attr(&local_name!("id"))] {
        for name in v.split_ascii_whitespace().take(16) {
            f(name);
        }
    }
}

/// Page-builder prefixes: after them only the remaining tokens count (`elementor-widget-text`
/// is a text widget, not a widget area). `cmp` is Adobe Experience Manager's component prefix
/// (`cmp-container`, `cmp-text`), not a consent platform.
const BUILDER_PREFIXES: &[&str] = &[
    "elementor",
    "cmp",
    "aem",
    "et",
    "pb",
    "vc",
    "wpb",
    "wp",
    "block",
    "fl",
    "brxe",
    "gb",
    "uagb",
    "kb",
    "td",
    "tdb",
    "tdi",
    "jeg",
    "mvp",
    "g1",
    "bb",
    "x",
    "js",
    "is",
    "has",
    "c",
    "u",
    "l",
    "o",
];

/// Looked up for every class name of every element: a fast non-cryptographic hash (the
/// tokens are the page's, but the table is ours and fixed, so flooding cannot grow it).
type Table = HashMap<&'static str, Kind, xxhash_rust::xxh3::Xxh3Builder>;

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let mut m = Table::default();
        let mut put = |kind: Kind, words: &'static str| {
            for w in words.split_whitespace() {
                m.insert(w, kind);
            }
        };
        put(
            Kind::Navigation,
            "nav navbar navigation navi menu menus submenu megamenu mainmenu topmenu breadcrumb breadcrumbs crumbs crumb pagination pager paging nav-links post-navigation skip-link skiplink skip-to-content toc-nav site-nav",
        );
        put(
            Kind::Chrome,
            "masthead topbar top-bar site-header site-footer footer copyright colophon sidebar side-bar widget-area widgets offcanvas off-canvas drawer modal popup pop-up overlay lightbox cookie cookies consent gdpr onetrust cookiebot newsletter subscribe subscription signup sign-up login signin sign-in register searchform search-form search-box searchbox search-bar go-to-top back-to-top scroll-top screen-reader-text sr-only visually-hidden element-invisible hidden-xs hidden-sm banner header-bar announcement notice-bar promo-bar disclaimer",
        );
        put(
            Kind::Share,
            "share sharing social sharedaddy addthis addtoany a2a sociable share-buttons post-share jp-sharing post-sharing follow-us social-links social-icons socials",
        );
        put(
            Kind::Related,
            "related related-posts related-articles yarpp jp-relatedposts crp recommended recommendations read-next more-stories most-read most-popular popular-posts trending also-read check-also read-more-links outbrain taboola mgid revcontent zergnet ads advert adverts advertisement advertising adsbygoogle ad-slot adslot ad-container ad-banner ad-unit ad-wrapper ad-box sponsor sponsored promo",
        );
        put(
            Kind::PostMeta,
            "post-meta entry-meta entry-footer meta-info article-meta byline author-box author-bio about-author post-author post-date tags tag-list post-tags tagcloud tag-cloud cat-links rating reactions views reading-time share-count comment-count print",
        );
        put(
            Kind::Comments,
            "comment comments comment-list commentlist comments-area respond reply disqus disqus_thread dsq-comments fb-comments wpdiscuz",
        );
        put(
            Kind::Positive,
            "article article-body articlebody article-content entry-content entry post-content post-body post-entry post-text story-body story-content content-body main-content page-content single-content body-text prose rich-text rte td-post-content message-body messagetext bbwrapper postcontent post_message postbody post_body cooked post-message product-description itemprop-articlebody blog-post post-body-inner",
        );
        m
    })
}

/// Buffers reused between calls of [`token_kind`], which runs for every element.
#[derive(Default)]
pub struct Scratch {
    lower: String,
    parts: Vec<(usize, usize)>,
    pair: String,
}

/// The strongest rule an element's `class` and `id` tokens match, if any. A class name that
/// matches whole wins over its parts; otherwise a chrome token anywhere in the name wins
/// over a content hint (`sidebar-content` is in the sidebar).
pub fn token_kind(n: &Node, sc: &mut Scratch) -> Option<Kind> {
    let t = table();
    let mut best: Option<Kind> = None;
    for_each_class_name(n, |name| {
        if name.len() > 64 {
            return;
        }
        sc.lower.clear();
        sc.lower
            .extend(name.chars().map(|c| c.to_ascii_lowercase()));
        let kind = match t.get(sc.lower.as_str()) {
            Some(k) => Some(*k),
            None => {
                split_tokens(name, &mut sc.lower, &mut sc.parts);
                let text = sc.lower.as_str();
                let start = sc
                    .parts
                    .iter()
                    .take_while(|&&(a, b)| BUILDER_PREFIXES.contains(&&text[a..b]))
                    .count();
                let parts = &sc.parts[start..];
                let mut found: Option<Kind> = None;
                // Pairs first (`entry-content`, `post-meta`), then single tokens.
                for w in parts.windows(2) {
                    sc.pair.clear();
                    sc.pair.push_str(&text[w[0].0..w[0].1]);
                    sc.pair.push('-');
                    sc.pair.push_str(&text[w[1].0..w[1].1]);
                    if let Some(k) = t.get(sc.pair.as_str()) {
                        found = merge(found, *k);
                    }
                }
                for &(a, b) in parts {
                    if let Some(k) = t.get(&text[a..b]) {
                        found = merge(found, *k);
                    }
                }
                found
            }
        };
        if let Some(k) = kind {
            best = Some(match best {
                None => k,
                Some(b) => strongest(b, k),
            });
        }
    });
    best
}

/// Inside one class name: chrome beats a content hint.
fn merge(a: Option<Kind>, b: Kind) -> Option<Kind> {
    Some(match a {
        None => b,
        Some(Kind::Positive) => b,
        Some(x) if b == Kind::Positive => x,
        Some(x) => strongest(x, b),
    })
}

/// Across class names of one element: a content class (`entry-content`) outweighs post
/// metadata, but not chrome: Jannah marks each comment `comment-content entry`.
fn strongest(a: Kind, b: Kind) -> Kind {
    match (a, b) {
        (Kind::Positive, Kind::PostMeta) | (Kind::PostMeta, Kind::Positive) => {
            return Kind::Positive
        }
        (Kind::Positive, x) | (x, Kind::Positive) => return x,
        _ => {}
    }
    fn rank(k: Kind) -> u8 {
        match k {
            Kind::Navigation => 6,
            Kind::Chrome => 5,
            Kind::Share => 4,
            Kind::Related => 3,
            Kind::Comments => 2,
            Kind::PostMeta => 1,
            Kind::Positive => 0,
        }
    }
    if rank(a) >= rank(b) {
        a
    } else {
        b
    }
}

/// Splits a class name on `- _ :`, digits and camelCase into lowercase tokens, written
/// into `out` with their spans in `parts`.
fn split_tokens(name: &str, out: &mut String, parts: &mut Vec<(usize, usize)>) {
    out.clear();
    parts.clear();
    let mut start = 0;
    let mut prev_lower = false;
    for ch in name.chars() {
        if ch.is_ascii_alphabetic() {
            if ch.is_ascii_uppercase() && prev_lower && out.len() > start {
                parts.push((start, out.len()));
                start = out.len();
            }
            prev_lower = ch.is_ascii_lowercase();
            out.push(ch.to_ascii_lowercase());
        } else {
            prev_lower = false;
            if out.len() > start {
                parts.push((start, out.len()));
            }
            start = out.len();
        }
    }
    if out.len() > start {
        parts.push((start, out.len()));
    }
}

/// The tree's elements flagged as not content, by rule, before any guard.
pub fn tag_rule(tree: &Tree, id: u32) -> Option<Drop> {
    let n = tree.node(id);
    let tag = n.tag()?;
    if always_dropped(tag) {
        // JSON-LD and other scripts were read by the metadata pass already.
        return Some(Drop::Tag);
    }
    if hidden(n) && !disclosure(n) {
        return Some(Drop::Hidden);
    }
    if chrome_role(n) {
        return Some(Drop::Role);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_class_names() {
        let (mut s, mut v) = (String::new(), Vec::new());
        split_tokens("postNavigation-links_2", &mut s, &mut v);
        let words: Vec<&str> = v.iter().map(|&(a, b)| &s[a..b]).collect();
        assert_eq!(words, ["post", "navigation", "links"]);
    }

    #[test]
    fn whole_tokens_only() {
        let t = crate::tree::parse(
            "<div class='field-label-hidden'>a</div><div class='sidebar-content'>b</div><div class='entry-content post-meta'>c</div><div class='elementor-widget-text-editor'>d</div>",
        );
        let divs: Vec<u32> = t
            .preorder(0)
            .filter(|&i| t.node(i).is(&local_name!("div")))
            .collect();
        let mut sc = Scratch::default();
        assert_eq!(token_kind(t.node(divs[0]), &mut sc), None);
        assert_eq!(token_kind(t.node(divs[1]), &mut sc), Some(Kind::Chrome));
        assert_eq!(token_kind(t.node(divs[2]), &mut sc), Some(Kind::Positive));
        assert_eq!(token_kind(t.node(divs[3]), &mut sc), None);
    }
}
