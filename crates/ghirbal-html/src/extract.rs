//! Main-content extraction: one parse, then passes over flat arrays.
//!
//! 1. metadata ([`crate::meta`]), before anything is pruned;
//! 2. cleaning: elements that are never text, hidden, or chrome by landmark, role or class
//!    token ([`crate::clean`]), each rule with a guard so that a page that breaks it loses the
//!    rule, not its text;
//! 3. blocks and their classification ([`crate::blocks`]);
//! 4. the region: the subtree whose blocks hold the most content letters net of boilerplate
//!    letters (a maximum-weight subtree, computed bottom-up in one pass);
//! 5. rendering, one block per line; if the region holds too little, a fallback says so.

use crate::blocks::{self, Block, BlockKind, Class, Limits};
use crate::clean::{self, Drop, Kind};
use crate::meta::{self, PageMeta};
use crate::tree::{Data, Tree, NONE};
use crate::words;
use html5ever::local_name;

/// Which way to lean when unsure (trafilatura's switch).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Favor {
    Precision,
    #[default]
    Balanced,
    Recall,
}

impl Favor {
    pub fn parse(s: &str) -> Option<Favor> {
        Some(match s {
            "precision" => Favor::Precision,
            "balanced" => Favor::Balanced,
            "recall" => Favor::Recall,
            _ => return None,
        })
    }

    fn limits(self) -> Limits {
        match self {
            Favor::Precision => Limits {
                max_link_density: 0.15,
                length_low: 70,
                length_high: 200,
            },
            Favor::Balanced => Limits {
                max_link_density: 0.2,
                length_low: 70,
                length_high: 200,
            },
            Favor::Recall => Limits {
                max_link_density: 0.33,
                length_low: 50,
                length_high: 150,
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Options {
    pub favor: Favor,
    /// Headings as `#`, list items as `- `, table rows as `| a | b |`.
    pub markdown: bool,
    /// Every visible text of the page, without choosing the main content (what Common
    /// Crawl's WET files hold): the floor extraction is measured against, and a check of the
    /// reading and decoding that comes before it.
    pub all_text: bool,
}

/// How the text was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Path {
    /// The content region.
    Main,
    /// Items of one shape repeated (a listing, a thread), with the prose before them.
    Items,
    /// The region held too little: all blocks not judged boilerplate.
    PrunedBody,
    /// The body the page put in its JSON-LD.
    JsonLd,
    /// All visible text.
    AllText,
    /// The page holds no block of text at all: nothing is extracted.
    NoText,
}

impl Path {
    /// `main` or `fallback`, as the document's metadata says.
    pub fn kind(self) -> &'static str {
        match self {
            Path::Main | Path::Items => "main",
            _ => "fallback",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Path::Main => "main",
            Path::Items => "items",
            Path::PrunedBody => "pruned_body",
            Path::JsonLd => "jsonld",
            Path::AllText => "all_text",
            Path::NoText => "no_text",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Extraction {
    pub text: String,
    pub path: Path,
    pub meta: PageMeta,
    /// Start tags dropped for nesting deeper than the cap.
    pub depth_capped: u32,
}

/// Longest block (in words) that counts as template text when repeated.
const TEMPLATE_MAX_WORDS: u32 = 8;

/// Share of a region's prose a child must hold for the region to narrow to it.
const TIGHTEN_SHARE: f64 = 0.85;

/// How much more text repeated items must hold than the region of prose to be the content.
const ITEMS_OVER_MAIN: f32 = 2.0;

const PLAIN_WEIGHT: f64 = 0.5;
const SHORT_WEIGHT: f64 = 0.3;

/// The over-pruning undo applies only when fewer words than this are left.
const UNDO_BELOW_WORDS: u32 = 60;

/// Below this many letters the region is not trusted and a fallback is tried.
const MIN_MAIN_LETTERS: u32 = 150;

/// Extracts the main text of a decoded page.
pub fn extract(html: &str, opts: &Options) -> Extraction {
    let tree = crate::tree::parse(html);
    extract_tree(&tree, opts)
}

pub fn extract_tree(tree: &Tree, opts: &Options) -> Extraction {
    extract_inner(tree, opts, None)
}

/// Every block of the page with its class, whether it was kept, and the region chosen: the
/// view behind `ghirbal extract --explain`.
pub fn explain(html: &str, opts: &Options) -> String {
    let tree = crate::tree::parse(html);
    let mut out = String::new();
    extract_inner(&tree, opts, Some(&mut out));
    out
}

fn extract_inner(tree: &Tree, opts: &Options, explain: Option<&mut String>) -> Extraction {
    let meta = meta::read(tree);
    let n = tree.nodes.len();
    let order: Vec<u32> = tree.preorder(0).collect();
    let spans = Spans::new(tree, &order);

    // Words under each element, before any pruning (for the guards).
    let mut raw = vec![0u32; n];
    for &id in order.iter().rev() {
        let node = tree.node(id);
        match &node.data {
            Data::Text(t) => raw[id as usize] = quick_words(t),
            Data::Element { name, .. } if clean::always_dropped(&name.local) => {
                raw[id as usize] = 0
            }
            _ => {}
        }
        if node.parent != NONE {
            let w = raw[id as usize];
            raw[node.parent as usize] += w;
        }
    }
    let body = tree.find(&local_name!("body")).unwrap_or(0);
    let body_words = raw[body as usize].max(1);

    // Which elements hold a content hint or the page's title heading (never dropped by the
    // token rules).
    let title_h1 = title_heading(tree, &meta);
    let mut protected = vec![false; n];
    let mut kinds: Vec<Option<Kind>> = vec![None; n];
    let mut scratch = clean::Scratch::default();
    for &id in order.iter().rev() {
        let node = tree.node(id);
        if node.tag().is_some() {
            kinds[id as usize] = clean::token_kind(node, &mut scratch);
        }
        if node.tag().is_some()
            && (Some(id) == title_h1
                || kinds[id as usize] == Some(Kind::Positive)
                || is_article_body(node))
        {
            protected[id as usize] = true;
        }
        if node.parent != NONE && protected[id as usize] {
            protected[node.parent as usize] = true;
        }
    }

    if opts.all_text {
        let mut dropped = vec![false; n];
        for &id in &order {
            let node = tree.node(id);
            dropped[id as usize] = (node.parent != NONE && dropped[node.parent as usize])
                || matches!(clean::tag_rule(tree, id), Some(Drop::Tag));
        }
        let layout = layout_cells(tree, &order, &dropped);
        let blocks = blocks::segment(tree, &dropped, &layout);
        let all: Vec<usize> = (0..blocks.len()).collect();
        return Extraction {
            text: render(&blocks, &all, opts.markdown),
            path: Path::AllText,
            meta,
            depth_capped: tree.depth_capped,
        };
    }
    let forum = meta.types.iter().any(|t| {
        matches!(
            t.as_str(),
            "DiscussionForumPosting" | "QAPage" | "Question" | "Comment"
        )
    });
    let mut dropped = vec![false; n];
    let mut strict = true;
    let mut with_hidden = true;
    loop {
        dropped.iter_mut().for_each(|d| *d = false);
        mark_drops(
            tree,
            &order,
            &raw,
            body_words,
            &protected,
            &kinds,
            opts.favor,
            forum,
            strict,
            with_hidden,
            &mut dropped,
        );
        let kept: u32 = kept_words(tree, &order, &raw, &dropped, body);
        // Over-pruning undo (trafilatura's backup, defuddle#163): a page whose rules leave
        // under a seventh of its words loses the class-token rules, then the hiding rules.
        // Pages mostly chrome with a small real content (shop items) keep the rules when
        // what is left is still some text.
        let floor = match opts.favor {
            Favor::Recall => body_words / 3,
            _ => (body_words / 7).min(UNDO_BELOW_WORDS),
        };
        if kept >= floor || (!strict && !with_hidden) {
            break;
        }
        if strict {
            strict = false;
        } else {
            with_hidden = false;
        }
    }

    let layout = layout_cells(tree, &order, &dropped);
    let mut blocks = blocks::segment(tree, &dropped, &layout);
    let lim = opts.favor.limits();
    blocks::classify(&mut blocks, &lim);

    let mut region = best_region(tree, &order, &blocks, opts.favor);
    let mut path = Path::Main;
    let mut chosen: Vec<usize> = match region {
        Some(r) => select(&spans, &blocks, r, opts.favor),
        None => Vec::new(),
    };
    // Listings, collections and threads: items of one shape repeated. When they hold far
    // more text than the region of prose found above, they are the content.
    let mut from_group = false;
    if let Some(group) = best_group(tree, &order, &blocks) {
        let main_letters: u32 = chosen.iter().map(|&i| blocks[i].counts.letters).sum();
        // Against an article (paragraphs of prose), only the items' own text counts, not
        // their link titles: an archive or "more posts" list of links is not the content.
        let article = chosen
            .iter()
            .filter(|&&i| blocks[i].class == Class::Good)
            .count()
            >= 3;
        let items_letters = if article {
            group.letters - group.link_letters.min(group.letters)
        } else {
            group.letters
        };
        if items_letters as f32 >= ITEMS_OVER_MAIN * main_letters as f32 {
            region = Some(group.parent);
            from_group = true;
            path = Path::Items;
            let items: Vec<usize> = (0..blocks.len())
                .filter(|&i| {
                    let b = &blocks[i];
                    spans.inside(b.node, group.parent)
                        && !b.notice
                        && (b.class != Class::Bad || words_per_link(b) >= 2.0)
                })
                .collect();
            // The prose found before the items (a category's introduction, a thread's
            // question) stays with them.
            let first = items.first().copied().unwrap_or(0);
            chosen.retain(|&i| i < first);
            chosen.extend(items);
        }
    }
    // In a listing, items share their shape, and prices differ only in their numbers.
    drop_template_lines(&blocks, &mut chosen, !from_group);

    if let Some(out) = explain {
        use std::fmt::Write;
        let region_name = region.map_or(String::from("none"), |r| describe(tree, r));
        let _ = writeln!(out, "region: {region_name}");
        for (i, b) in blocks.iter().enumerate() {
            let mark = if chosen.contains(&i) { '+' } else { '-' };
            let snippet: String = b.text.chars().take(90).collect();
            let _ = writeln!(
                out,
                "{mark} {:?} ld={:.2} links={} w={} fw={} <{}> {snippet}",
                b.class,
                b.link_density(),
                b.links,
                b.counts.words,
                b.counts.function,
                describe(tree, b.node)
            );
        }
    }
    let letters = |ix: &[usize]| ix.iter().map(|&i| blocks[i].counts.letters).sum::<u32>();
    let mut text;
    if letters(&chosen) < MIN_MAIN_LETTERS {
        let pruned: Vec<usize> = (0..blocks.len())
            .filter(|&i| blocks[i].class >= Class::NearGood)
            .collect();
        if letters(&pruned) >= MIN_MAIN_LETTERS {
            chosen = pruned;
            path = Path::PrunedBody;
        }
    }
    text = render(&blocks, &chosen, opts.markdown);
    if letters(&chosen) < MIN_MAIN_LETTERS {
        if let Some(body) = meta.jsonld_body.as_ref().filter(|b| b.len() > text.len()) {
            text = body.trim().to_string();
            path = Path::JsonLd;
        } else if !blocks.iter().any(is_text) {
            // Not one block of text on the whole page (an error page, a shell that a script
            // fills, a page of menus and labels): no main text, rather than its menus.
            text.clear();
            path = Path::NoText;
        } else if !matches!(path, Path::Main | Path::Items) || text.is_empty() {
            let all: Vec<usize> = (0..blocks.len()).collect();
            let all_text = render(&blocks, &all, opts.markdown);
            if all_text.len() > text.len() {
                text = all_text;
                path = Path::AllText;
            }
        }
    }
    Extraction {
        text,
        path,
        meta,
        depth_capped: tree.depth_capped,
    }
}

/// Words in a text node, counted fast (runs of alphanumerics).
fn quick_words(t: &str) -> u32 {
    let mut n = 0;
    let mut in_word = false;
    for ch in t.chars() {
        let w = ch.is_alphanumeric();
        if w && !in_word {
            n += 1;
        }
        in_word = w;
    }
    n
}

fn is_article_body(node: &crate::tree::Node) -> bool {
    let ip = node.attr(&local_name!("itemprop"));
    ip.eq_ignore_ascii_case("articleBody") || ip.eq_ignore_ascii_case("text")
}

/// The `h1` that repeats the page's title, if any (a site logo in an `h1` does not).
fn title_heading(tree: &Tree, meta: &PageMeta) -> Option<u32> {
    let title = meta.title.as_ref()?.to_lowercase();
    let mut buf = String::new();
    for id in tree.preorder(0) {
        if tree.node(id).is(&local_name!("h1")) {
            let h = meta::text_of(tree, id).to_lowercase();
            let c = words::count(&h, &mut buf);
            if c.words >= 2 && (title.contains(&h) || h.contains(&title)) {
                return Some(id);
            }
        }
    }
    None
}

#[allow(clippy::too_many_arguments)]
fn mark_drops(
    tree: &Tree,
    order: &[u32],
    raw: &[u32],
    body_words: u32,
    protected: &[bool],
    kinds: &[Option<Kind>],
    favor: Favor,
    forum: bool,
    strict: bool,
    with_hidden: bool,
    dropped: &mut [bool],
) {
    for &id in order {
        let node = tree.node(id);
        if node.parent != NONE && dropped[node.parent as usize] {
            dropped[id as usize] = true;
            continue;
        }
        let Some(tag) = node.tag() else { continue };
        let share = raw[id as usize] as f32 / body_words as f32;
        let rule = match clean::tag_rule(tree, id) {
            Some(Drop::Hidden) if !with_hidden => None,
            Some(r) => Some(r),
            None => landmark(tree, id, tag, share, protected[id as usize]),
        };
        let rule = match rule {
            Some(r) => Some(r),
            None if strict && !protected[id as usize] => match kinds[id as usize] {
                Some(Kind::Positive) | None => None,
                Some(Kind::PostMeta) if favor == Favor::Recall => None,
                Some(Kind::Comments) if forum || share >= 0.5 => None,
                // A token rule never takes a third of the page.
                Some(_) if share >= 0.34 => None,
                Some(k) => Some(Drop::Token(k)),
            },
            None => None,
        };
        if rule.is_some() {
            dropped[id as usize] = true;
        }
    }
}

/// nav, header, footer, aside and forms, each with the guard that real pages needed.
fn landmark(
    tree: &Tree,
    id: u32,
    tag: &html5ever::LocalName,
    share: f32,
    protected: bool,
) -> Option<Drop> {
    let inside_article = || {
        let mut p = tree.node(id).parent;
        let mut steps = 0;
        while p != NONE && steps < 64 {
            let n = tree.node(p);
            if n.is(&local_name!("article")) || n.is(&local_name!("main")) {
                return true;
            }
            p = n.parent;
            steps += 1;
        }
        false
    };
    let drop = match *tag {
        local_name!("nav") => share < 0.5,
        local_name!("aside") => share < 0.4 && !protected,
        local_name!("header") => !protected && share < 0.34 && !inside_article(),
        local_name!("footer") => share < 0.34 && !protected,
        // ASP.NET and forum software wrap whole pages in a form.
        local_name!("form") => share < 0.5 && !protected,
        _ => false,
    };
    drop.then_some(Drop::Landmark)
}

fn kept_words(tree: &Tree, order: &[u32], raw: &[u32], dropped: &[bool], body: u32) -> u32 {
    // Words of text nodes under body not dropped.
    let mut total = 0;
    let mut in_body = false;
    for &id in order {
        if id == body {
            in_body = true;
        }
        if in_body && !dropped[id as usize] {
            if let Data::Text(_) = tree.node(id).data {
                total += raw[id as usize];
            }
        }
    }
    total
}

/// Table cells that hold block elements: the table is layout, its cells containers.
fn layout_cells(tree: &Tree, order: &[u32], dropped: &[bool]) -> Vec<bool> {
    let n = tree.nodes.len();
    let mut has_block = vec![false; n];
    let mut layout = vec![false; n];
    for &id in order.iter().rev() {
        if dropped[id as usize] {
            continue;
        }
        let node = tree.node(id);
        let Some(tag) = node.tag() else { continue };
        let is_cell = matches!(*tag, local_name!("td") | local_name!("th"));
        if is_cell && has_block[id as usize] {
            layout[id as usize] = true;
        }
        let b = has_block[id as usize]
            || (blocks::is_block(tag)
                && !matches!(
                    *tag,
                    local_name!("tr")
                        | local_name!("tbody")
                        | local_name!("thead")
                        | local_name!("tfoot")
                ));
        if node.parent != NONE && b {
            has_block[node.parent as usize] = true;
        }
    }
    // A table is layout as a whole when any of its cells is.
    layout
}

/// The element whose blocks weigh most: content letters count for, boilerplate letters
/// against. Returns `None` when no block is content.
fn best_region(tree: &Tree, order: &[u32], blocks: &[Block], favor: Favor) -> Option<u32> {
    let n = tree.nodes.len();
    let mut weight = vec![0f64; n];
    let bad_cost = match favor {
        Favor::Precision => 1.5,
        Favor::Balanced => 1.0,
        Favor::Recall => 0.5,
    };
    for b in blocks {
        let l = b.counts.letters as f64;
        weight[b.node as usize] += match b.class {
            Class::Good => l,
            Class::NearGood => 0.5 * l,
            Class::Plain => PLAIN_WEIGHT * l,
            Class::Short if b.links == 0 => SHORT_WEIGHT * l,
            Class::Short => -0.05 * l,
            Class::Bad => -bad_cost * l,
        };
    }
    let mut sum = weight.clone();
    for &id in order.iter().rev() {
        let p = tree.node(id).parent;
        if p != NONE {
            let s = sum[id as usize];
            sum[p as usize] += s;
        }
    }
    let mut best: Option<(f64, u32)> = None;
    for &id in order {
        if tree.node(id).tag().is_none() {
            continue;
        }
        let s = sum[id as usize];
        if s > 0.0 && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, id));
        }
    }
    let mut region = best.map(|(_, id)| id)?;
    // Small positive blocks all over a page (labels, prices, short lines) can make the whole
    // page the heaviest region; go down while one child holds nearly all of its prose.
    let mut prose = vec![0f64; n];
    for b in blocks {
        if b.class >= Class::NearGood {
            prose[b.node as usize] += b.counts.letters as f64;
        }
    }
    for &id in order.iter().rev() {
        let p = tree.node(id).parent;
        if p != NONE {
            let v = prose[id as usize];
            prose[p as usize] += v;
        }
    }
    loop {
        let total = prose[region as usize];
        if total <= 0.0 {
            break;
        }
        match tree
            .children(region)
            .find(|&c| prose[c as usize] >= TIGHTEN_SHARE * total)
        {
            Some(c) if tree.node(c).tag().is_some() => region = c,
            _ => break,
        }
    }
    Some(region)
}

/// Each node's place in document order and the end of its subtree, so that "is this node
/// inside that one" is two comparisons.
struct Spans {
    pos: Vec<u32>,
    end: Vec<u32>,
}

impl Spans {
    fn new(tree: &Tree, order: &[u32]) -> Spans {
        let n = tree.nodes.len();
        let mut pos = vec![u32::MAX; n];
        for (i, &id) in order.iter().enumerate() {
            pos[id as usize] = i as u32;
        }
        let mut size = vec![1u32; n];
        for &id in order.iter().rev() {
            let p = tree.node(id).parent;
            if p != NONE {
                let s = size[id as usize];
                size[p as usize] += s;
            }
        }
        let end = (0..n).map(|i| pos[i].saturating_add(size[i])).collect();
        Spans { pos, end }
    }

    fn inside(&self, id: u32, region: u32) -> bool {
        let (p, r) = (self.pos[id as usize], region as usize);
        p != u32::MAX && self.pos[r] <= p && p < self.end[r]
    }
}

/// A block that reads as text: long enough to be judged so, or a sentence of five words or
/// more without links (a short page's one paragraph), which menus and labels are not.
fn is_text(b: &Block) -> bool {
    b.class >= Class::Plain
        || (b.class == Class::Short && b.links == 0 && b.counts.words >= 5 && b.counts.stops > 0)
}

fn words_per_link(b: &Block) -> f32 {
    b.counts.words as f32 * b.link_density() / b.links.max(1) as f32
}

struct Group {
    parent: u32,
    letters: u32,
    link_letters: u32,
}

/// The first two class names without digits: the shape of an item. Page builders and CMSs
/// add a class unique to each element (`elementor-element-6b5c5ed`, `post-4512`), which must
/// not split a group.
fn first_classes(class: &str) -> (&str, &str) {
    let mut names = class
        .split_ascii_whitespace()
        .filter(|n| !n.bytes().any(|b| b.is_ascii_digit()));
    (names.next().unwrap_or(""), names.next().unwrap_or(""))
}

/// Children of one element that share a tag and a class, with what they hold together.
#[derive(Default)]
struct Shape<'a> {
    tag: Option<&'a html5ever::LocalName>,
    class: (&'a str, &'a str),
    members: u32,
    letters: u32,
    link_letters: u32,
    words: u32,
    links: u32,
}

/// The element whose children repeat one shape (same tag and classes) most, by the letters
/// they hold, if its items read like entries (titles, summaries), not like a menu.
fn best_group(tree: &Tree, order: &[u32], blocks: &[Block]) -> Option<Group> {
    let n = tree.nodes.len();
    let mut letters = vec![0u32; n];
    let mut link_letters = vec![0u32; n];
    let mut words = vec![0u32; n];
    let mut links = vec![0u32; n];
    for b in blocks {
        let i = b.node as usize;
        letters[i] += b.counts.letters;
        link_letters[i] += b.link_letters;
        words[i] += b.counts.words;
        links[i] += b.links;
    }
    for &id in order.iter().rev() {
        let p = tree.node(id).parent;
        if p != NONE {
            let (i, p) = (id as usize, p as usize);
            letters[p] += letters[i];
            link_letters[p] += link_letters[i];
            words[p] += words[i];
            links[p] += links[i];
        }
    }
    let mut best: Option<Group> = None;
    let mut sigs: Vec<Shape> = Vec::new();
    for &id in order {
        let node = tree.node(id);
        if node.tag().is_none() || letters[id as usize] == 0 {
            continue;
        }
        sigs.clear();
        for c in tree.children(id) {
            let ci = c as usize;
            let cn = tree.node(c);
            let Some(tag) = cn.tag() else { continue };
            if letters[ci] == 0 {
                continue;
            }
            let class = first_classes(cn.attr(&local_name!("class")));
            let i = match sigs
                .iter()
                .position(|s| s.tag == Some(tag) && s.class == class)
            {
                Some(i) => i,
                None => {
                    sigs.push(Shape {
                        tag: Some(tag),
                        class,
                        ..Shape::default()
                    });
                    sigs.len() - 1
                }
            };
            let s = &mut sigs[i];
            s.members += 1;
            s.letters += letters[ci];
            s.link_letters += link_letters[ci];
            s.words += words[ci];
            s.links += links[ci];
        }
        for Shape {
            members: m,
            letters: l,
            link_letters: ll,
            words: w,
            links: k,
            ..
        } in sigs.drain(..)
        {
            if m < 3 {
                continue;
            }
            let ld = ll as f32 / l.max(1) as f32;
            let link_words = w as f32 * ld;
            let per_link = if k == 0 {
                f32::INFINITY
            } else {
                link_words / k as f32
            };
            let per_member = w as f32 / m as f32;
            // Entries, not a menu: titles of several words, or text beside the links (a
            // description, a summary) in each item.
            let unlinked_per_member = (w as f32 - link_words) / m as f32;
            if per_member < 6.0 || (per_link < 2.5 && unlinked_per_member < 5.0) {
                continue;
            }
            if best.as_ref().is_none_or(|b| l > b.letters) {
                best = Some(Group {
                    parent: id,
                    letters: l,
                    link_letters: ll,
                });
            }
        }
    }
    best
}

/// Blocks of the region to keep.
fn select(spans: &Spans, blocks: &[Block], region: u32, favor: Favor) -> Vec<usize> {
    let keep: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            let b = &blocks[i];
            if !spans.inside(b.node, region) {
                return false;
            }
            match b.class {
                Class::Good | Class::NearGood | Class::Plain => true,
                // Short link titles belong to listings (the repeated-items path), not here.
                Class::Short => b.link_density() <= favor.limits().max_link_density,
                Class::Bad => favor == Favor::Recall && !b.notice && b.link_density() < 0.5,
            }
        })
        .collect();
    // A heading that only announces links left out ("اقرأ أيضاً", "Related posts") goes with
    // them: the next block after it is an excluded link, and no kept block follows before
    // the next heading.
    let limit = favor.limits().max_link_density;
    let mut kept = vec![false; blocks.len()];
    for &i in &keep {
        kept[i] = true;
    }
    keep.iter()
        .copied()
        .filter(|&i| {
            if !matches!(blocks[i].kind, BlockKind::Heading(_)) {
                return true;
            }
            let next = blocks.get(i + 1);
            let announces_links = next.is_some_and(|b| b.link_density() > limit && !kept[i + 1]);
            !announces_links
        })
        .collect()
}

/// Lines a page repeats are its template: a forum's "Joined … Posts …" panel and post header
/// under every post, a listing's "Read more". Short blocks whose text, numbers aside
/// ("تاريخ التسجيل: Mar 2011", "# 3"), the page holds three times or more are left out.
fn drop_template_lines(blocks: &[Block], chosen: &mut Vec<usize>, numbers_aside: bool) {
    let key = |b: &Block| -> Option<String> {
        if b.counts.words > TEMPLATE_MAX_WORDS {
            return None;
        }
        if !numbers_aside || !b.text.contains(|c: char| c.is_numeric()) {
            // Without numbers to set aside, only very short lines (labels, buttons).
            return (b.counts.words <= TEMPLATE_MAX_WORDS / 2).then(|| b.text.clone());
        }
        let mut k = String::with_capacity(b.text.len());
        let mut in_number = false;
        for c in b.text.chars() {
            if c.is_numeric() || (in_number && matches!(c, ',' | '.' | '٬' | '٫')) {
                if !in_number {
                    k.push('0');
                }
                in_number = true;
            } else {
                in_number = false;
                k.push(c);
            }
        }
        Some(k)
    };
    let keys: Vec<Option<String>> = blocks.iter().map(key).collect();
    let mut seen: std::collections::HashMap<&str, u32> = std::collections::HashMap::new();
    for k in keys.iter().flatten() {
        *seen.entry(k.as_str()).or_default() += 1;
    }
    chosen.retain(|&i| {
        keys[i]
            .as_deref()
            .is_none_or(|k| seen.get(k).copied().unwrap_or(0) < 3)
    });
}

/// One block per line, each text once.
fn render(blocks: &[Block], chosen: &[usize], markdown: bool) -> String {
    let mut out = String::new();
    // A block said twice (a page's mobile and desktop versions of one section, a heading
    // repeated in a sticky bar) is written once.
    let mut said: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for &i in chosen {
        let b = &blocks[i];
        if !said.insert(b.text.as_str()) {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        if markdown {
            match b.kind {
                BlockKind::Heading(l) => {
                    for _ in 0..l {
                        out.push('#');
                    }
                    out.push(' ');
                }
                BlockKind::Item => out.push_str("- "),
                BlockKind::Quote => out.push_str("> "),
                BlockKind::Row => out.push_str("| "),
                _ => {}
            }
        }
        out.push_str(&b.text);
        if markdown && b.kind == BlockKind::Row {
            out.push_str(" |");
        }
    }
    out
}

/// `tag.class#id` of an element, for explanations.
fn describe(tree: &Tree, id: u32) -> String {
    let n = tree.node(id);
    let mut s = n.tag().map_or(String::from("?"), |t| t.to_string());
    let class = n.attr(&local_name!("class"));
    if !class.is_empty() {
        s.push('.');
        s.push_str(
            &class
                .split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join("."),
        );
    }
    let idv = n.attr(&local_name!("id"));
    if !idv.is_empty() {
        s.push('#');
        s.push_str(idv);
    }
    s
}
