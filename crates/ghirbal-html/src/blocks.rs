//! The page as a sequence of blocks (one paragraph, heading, list item or table row each, in
//! reading order) with the features that judge them, and their classification in the manner
//! of jusText (Pomikálek 2011): link density, length, share of function words, then context.

use crate::tree::{Data, Tree, NONE};
use crate::words::{self, Counts};
use html5ever::{local_name, LocalName};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Para,
    Heading(u8),
    Item,
    Row,
    Pre,
    Quote,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    /// Links or a notice: boilerplate.
    Bad,
    Short,
    /// Long enough, without links, but not prose (few function words): specifications,
    /// names, code, keyword lists.
    Plain,
    NearGood,
    Good,
}

#[derive(Debug, Clone)]
pub struct Block {
    /// The innermost block-level element holding the block.
    pub node: u32,
    pub kind: BlockKind,
    pub text: String,
    pub counts: Counts,
    /// Letters inside links.
    pub link_letters: u32,
    /// Links in the block.
    pub links: u32,
    /// A copyright or rights notice.
    pub notice: bool,
    pub class: Class,
}

impl Block {
    pub fn link_density(&self) -> f32 {
        if self.counts.letters == 0 {
            0.0
        } else {
            self.link_letters as f32 / self.counts.letters as f32
        }
    }
}

/// Elements that start and end a block.
pub fn is_block(tag: &LocalName) -> bool {
    matches!(
        *tag,
        local_name!("p")
            | local_name!("div")
            | local_name!("section")
            | local_name!("article")
            | local_name!("main")
            | local_name!("header")
            | local_name!("footer")
            | local_name!("nav")
            | local_name!("aside")
            | local_name!("h1")
            | local_name!("h2")
            | local_name!("h3")
            | local_name!("h4")
            | local_name!("h5")
            | local_name!("h6")
            | local_name!("ul")
            | local_name!("ol")
            | local_name!("li")
            | local_name!("dl")
            | local_name!("dt")
            | local_name!("dd")
            | local_name!("table")
            | local_name!("thead")
            | local_name!("tbody")
            | local_name!("tfoot")
            | local_name!("tr")
            | local_name!("caption")
            | local_name!("blockquote")
            | local_name!("pre")
            | local_name!("figure")
            | local_name!("figcaption")
            | local_name!("address")
            | local_name!("form")
            | local_name!("fieldset")
            | local_name!("details")
            | local_name!("summary")
            | local_name!("hr")
            | local_name!("center")
            | local_name!("body")
            | local_name!("html")
            | local_name!("noscript")
            | local_name!("legend")
    )
}

fn heading_level(tag: &LocalName) -> Option<u8> {
    Some(match *tag {
        local_name!("h1") => 1,
        local_name!("h2") => 2,
        local_name!("h3") => 3,
        local_name!("h4") => 4,
        local_name!("h5") => 5,
        local_name!("h6") => 6,
        _ => return None,
    })
}

/// Splits the kept part of the tree into blocks. `dropped[id]` marks removed subtrees;
/// `layout[id]` marks table cells that hold blocks (layout tables: cells are containers).
pub fn segment(tree: &Tree, dropped: &[bool], layout: &[bool]) -> Vec<Block> {
    let mut b = Builder {
        blocks: Vec::new(),
        text: String::new(),
        letters_in_link: 0,
        links: 0,
        pending_space: false,
        cells_in_row: 0,
        word_buf: String::new(),
    };
    // Explicit walk with enter and leave events: no recursion whatever the depth.
    let mut id = tree.node(0).first;
    let mut link_depth = 0u32;
    let mut pre_depth = 0u32;
    while id != NONE {
        let n = tree.node(id);
        let mut descend = false;
        if !dropped[id as usize] {
            match &n.data {
                Data::Text(t) => b.push_text(t, link_depth > 0, pre_depth > 0),
                Data::Element { name, .. } => {
                    let tag = &name.local;
                    descend = n.first != NONE;
                    b.enter(tree, id, tag, layout[id as usize]);
                    if *tag == local_name!("a") {
                        link_depth += 1;
                    }
                    if *tag == local_name!("pre") {
                        pre_depth += 1;
                    }
                    if !descend {
                        b.leave(tree, id, tag, layout[id as usize]);
                        if *tag == local_name!("a") {
                            link_depth -= 1;
                        }
                        if *tag == local_name!("pre") {
                            pre_depth -= 1;
                        }
                    }
                }
                _ => {}
            }
        }
        if descend {
            id = n.first;
            continue;
        }
        // Climb until a next sibling, leaving elements on the way.
        let mut cur = id;
        loop {
            let c = tree.node(cur);
            if c.next != NONE {
                id = c.next;
                break;
            }
            cur = c.parent;
            if cur == NONE || cur == 0 {
                id = NONE;
                break;
            }
            if let Some(tag) = tree.node(cur).tag() {
                b.leave(tree, cur, tag, layout[cur as usize]);
                if *tag == local_name!("a") {
                    link_depth = link_depth.saturating_sub(1);
                }
                if *tag == local_name!("pre") {
                    pre_depth = pre_depth.saturating_sub(1);
                }
            }
        }
    }
    b.flush(tree, 0);
    b.blocks
}

struct Builder {
    blocks: Vec<Block>,
    text: String,
    letters_in_link: u32,
    links: u32,
    pending_space: bool,
    cells_in_row: u32,
    word_buf: String,
}

impl Builder {
    fn enter(&mut self, tree: &Tree, id: u32, tag: &LocalName, layout: bool) {
        let cell = matches!(*tag, local_name!("td") | local_name!("th"));
        if is_block(tag) || (cell && layout) || *tag == local_name!("br") {
            self.flush(tree, id);
            if *tag == local_name!("tr") {
                self.cells_in_row = 0;
            }
        } else if cell {
            if self.cells_in_row > 0 && !self.text.trim().is_empty() {
                self.text.push_str(" | ");
            }
            self.cells_in_row += 1;
        } else if *tag == local_name!("a") {
            self.pending_space = true;
            self.links += 1;
        } else if *tag == local_name!("li") {
            self.pending_space = true;
        } else if *tag == local_name!("img") {
            // An image between two words separates them.
            self.pending_space = true;
        }
    }

    fn leave(&mut self, tree: &Tree, id: u32, tag: &LocalName, layout: bool) {
        let cell = matches!(*tag, local_name!("td") | local_name!("th"));
        if is_block(tag) || (cell && layout) {
            self.flush(tree, id);
        } else if *tag == local_name!("a") {
            self.pending_space = true;
        }
    }

    fn push_text(&mut self, t: &str, in_link: bool, pre: bool) {
        let mut last_space = self.text.is_empty() || self.text.ends_with([' ', '\n']);
        if self.pending_space {
            if !last_space && t.starts_with(|c: char| !c.is_whitespace() && !is_closing(c)) {
                self.text.push(' ');
                last_space = true;
            }
            self.pending_space = false;
        }
        for ch in t.chars() {
            if pre && ch == '\n' {
                self.text.push('\n');
                last_space = true;
            } else if ch.is_whitespace() && ch != '\u{00A0}' {
                if !last_space {
                    self.text.push(' ');
                    last_space = true;
                }
            } else if ch != '\0' {
                self.text.push(ch);
                last_space = false;
                if in_link && ch.is_alphanumeric() {
                    self.letters_in_link += 1;
                }
            }
        }
    }

    /// Ends the current block; `at` is the element whose boundary ends it.
    fn flush(&mut self, tree: &Tree, at: u32) {
        let text = self.text.trim();
        if !text.is_empty() {
            let counts = words::count(text, &mut self.word_buf);
            if counts.letters > 0 {
                let node = block_owner(tree, at);
                let kind = kind_of(tree, node);
                let lower = text.to_lowercase();
                let notice = counts.words <= 40
                    && (text.contains('©')
                        || lower.contains("copyright")
                        || lower.contains("all rights reserved")
                        || text.contains("جميع الحقوق")
                        || text.contains("حقوق النشر")
                        || text.contains("الحقوق محفوظة"));
                self.blocks.push(Block {
                    node,
                    kind,
                    text: text.to_string(),
                    counts,
                    link_letters: self.letters_in_link.min(counts.letters),
                    links: self.links,
                    notice,
                    class: Class::Short,
                });
            }
        }
        self.text.clear();
        self.letters_in_link = 0;
        self.links = 0;
        self.pending_space = false;
    }
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | ')' | ']' | '!' | '?' | '،' | '؛' | '؟'
    )
}

/// The innermost block element at or above `id`.
fn block_owner(tree: &Tree, id: u32) -> u32 {
    let mut cur = id;
    let mut steps = 0;
    while cur != NONE && steps < 1024 {
        if let Some(tag) = tree.node(cur).tag() {
            if is_block(tag) || matches!(*tag, local_name!("td") | local_name!("th")) {
                return cur;
            }
        }
        cur = tree.node(cur).parent;
        steps += 1;
    }
    id
}

fn kind_of(tree: &Tree, node: u32) -> BlockKind {
    let Some(tag) = tree.node(node).tag() else {
        return BlockKind::Para;
    };
    if let Some(l) = heading_level(tag) {
        return BlockKind::Heading(l);
    }
    match *tag {
        local_name!("li") | local_name!("dt") | local_name!("dd") => BlockKind::Item,
        local_name!("tr") | local_name!("td") | local_name!("th") => BlockKind::Row,
        local_name!("pre") => BlockKind::Pre,
        local_name!("blockquote") => BlockKind::Quote,
        _ => BlockKind::Para,
    }
}

/// Words outside links that make a linked block a sentence rather than a menu.
const LINKED_PROSE_WORDS: f32 = 6.0;

/// Thresholds of the classification, set by `favor`.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_link_density: f32,
    pub length_low: u32,
    pub length_high: u32,
}

/// Classifies every block on its own features, then revises short blocks by their
/// neighbours (jusText's context step).
pub fn classify(blocks: &mut [Block], lim: &Limits) {
    for b in blocks.iter_mut() {
        b.class = own_class(b, lim);
    }
    // Headings just before good text are part of it.
    let n = blocks.len();
    for i in 0..n {
        if blocks[i].class != Class::Short {
            continue;
        }
        let prev = (0..i)
            .rev()
            .map(|j| blocks[j].class)
            .find(|c| *c != Class::Short && *c != Class::NearGood);
        let next = (i + 1..n)
            .map(|j| blocks[j].class)
            .find(|c| *c != Class::Short && *c != Class::NearGood);
        let near_next = (i + 1..n)
            .map(|j| blocks[j].class)
            .find(|c| *c != Class::Short);
        // A run of links is a list of links wherever it stands ("read also" titles between
        // paragraphs); a single linked line among paragraphs may be part of the text.
        let linky = |j: usize| blocks[j].link_density() > lim.max_link_density;
        if linky(i) && ((i > 0 && linky(i - 1)) || (i + 1 < n && linky(i + 1))) {
            continue;
        }
        let heading = matches!(blocks[i].kind, BlockKind::Heading(_));
        let between_good = prev == Some(Class::Good) && next == Some(Class::Good);
        let heads_content =
            heading && matches!(near_next, Some(Class::Good) | Some(Class::NearGood));
        if between_good || heads_content {
            blocks[i].class = Class::NearGood;
        }
    }
}

fn own_class(b: &Block, lim: &Limits) -> Class {
    let ld = b.link_density();
    if b.notice || is_bare_url(&b.text) {
        return Class::Bad;
    }
    if ld > lim.max_link_density {
        // A link of five words or more is a title (a listing's card, a forum's thread), not
        // a menu: neither content nor boilerplate on its own.
        let words_per_link = b.counts.words as f32 * ld / b.links.max(1) as f32;
        // A sentence with a link or two in it (documentation, "see also" prose) is text.
        let unlinked_words = b.counts.words as f32 * (1.0 - ld);
        return if words_per_link >= 5.0 {
            Class::Short
        } else if ld <= 0.5 && unlinked_words >= LINKED_PROSE_WORDS {
            Class::Plain
        } else {
            Class::Bad
        };
    }
    let letters = b.counts.letters;
    if letters < lim.length_low {
        return Class::Short;
    }
    let c = &b.counts;
    let latin_or_arabic = c.is_arabic() || c.function > 0 || is_mostly_latin(&b.text);
    let (low, high) = if c.is_arabic() {
        (0.10, 0.18)
    } else {
        (0.20, 0.28)
    };
    let density = if c.words == 0 {
        0.0
    } else {
        c.function as f32 / c.words as f32
    };
    if !latin_or_arabic {
        // No function-word list for this script: sentences decide.
        return if c.stops + c.commas > 0 {
            Class::Good
        } else {
            Class::NearGood
        };
    }
    if letters >= lim.length_high {
        if density >= high {
            Class::Good
        } else if density >= low {
            Class::NearGood
        } else {
            Class::Plain
        }
    } else if density >= low {
        Class::NearGood
    } else {
        Class::Plain
    }
}

/// A block that is only an address (an image URL printed by a template, a link written out).
fn is_bare_url(t: &str) -> bool {
    let t = t.trim();
    !t.contains(char::is_whitespace)
        && (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www."))
}

fn is_mostly_latin(t: &str) -> bool {
    let mut latin = 0u32;
    let mut other = 0u32;
    for ch in t.chars().take(400) {
        if ch.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&ch) {
            latin += 1;
        } else if ch.is_alphabetic() {
            other += 1;
        }
    }
    latin > other
}
