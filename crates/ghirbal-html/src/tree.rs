//! Parsing a page into a flat tree: html5ever's WHATWG tokenizer and tree builder (the parse a
//! browser does, so implied end tags decide block boundaries as on screen) feeding our own
//! arena of nodes indexed by `u32`.
//!
//! Why our own sink rather than a DOM crate: every html5ever front end costs the same (the tree
//! builder dominates), and a flat `Vec` lets every later pass be a loop over indices, with no
//! reference counting and no recursion, so no page can overflow the stack, in the passes or
//! when the tree is dropped.
//!
//! Two guards bound the work on hostile pages:
//! - depth: html5ever's tree builder is quadratic in nesting depth for some elements
//!   (servo/html5ever#788: 100,000 nested `<div>` take about 50 s), so start tags that would nest
//!   deeper than [`MAX_DEPTH`] are dropped before the builder sees them; their text still lands
//!   in the deepest element, as browsers that cap depth do;
//! - attributes: html5ever's tokenizer checks each new attribute against the tag's earlier ones
//!   (quadratic: a tag with a million attributes takes many minutes), so a byte scan before
//!   parsing cuts tags down to [`MAX_TAG_ATTRS`] attributes; of those, only the ones extraction
//!   reads are kept, at most [`MAX_ATTRS`] per element.

use html5ever::interface::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{TreeBuilder, TreeBuilderOpts};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};
use std::borrow::Cow;
use std::cell::{Cell, Ref, RefCell};

/// No node: the end of a sibling or child chain.
pub const NONE: u32 = u32::MAX;
/// Deepest nesting kept. Browsers cap at 512; no page of the WCXB benchmark goes deeper.
pub const MAX_DEPTH: u32 = 512;
/// Attributes kept per element (a page with a million attributes keeps the first few).
pub const MAX_ATTRS: usize = 32;
/// Attributes a tag may have when it reaches the tokenizer; the rest are cut before parsing.
pub const MAX_TAG_ATTRS: usize = 256;
/// Bytes kept of one attribute value (a `style` or `content` of megabytes is cut).
const MAX_ATTR_VALUE: u32 = 4096;

#[derive(Debug)]
pub enum Data {
    Document,
    Element {
        name: QualName,
        attrs: Vec<(LocalName, StrTendril)>,
        /// For `<template>`: the fragment holding its contents (never rendered).
        template: u32,
    },
    Text(StrTendril),
    /// Comments, doctypes and processing instructions: kept as nodes so that the builder's
    /// handles stay valid, never read.
    Other,
}

#[derive(Debug)]
pub struct Node {
    pub parent: u32,
    pub first: u32,
    pub last: u32,
    pub prev: u32,
    pub next: u32,
    pub data: Data,
}

impl Node {
    fn new(data: Data) -> Self {
        Node {
            parent: NONE,
            first: NONE,
            last: NONE,
            prev: NONE,
            next: NONE,
            data,
        }
    }

    /// The element's local name, or `None` for other nodes.
    pub fn tag(&self) -> Option<&LocalName> {
        match &self.data {
            Data::Element { name, .. } => Some(&name.local),
            _ => None,
        }
    }

    pub fn is(&self, tag: &LocalName) -> bool {
        self.tag() == Some(tag)
    }

    /// An attribute's value ("" when absent).
    pub fn attr(&self, key: &LocalName) -> &str {
        match &self.data {
            Data::Element { attrs, .. } => attrs
                .iter()
                .find(|(k, _)| k == key)
                .map_or("", |(_, v)| v.as_ref()),
            _ => "",
        }
    }

    pub fn has_attr(&self, key: &LocalName) -> bool {
        match &self.data {
            Data::Element { attrs, .. } => attrs.iter().any(|(k, _)| k == key),
            _ => false,
        }
    }

    pub fn text(&self) -> Option<&str> {
        match &self.data {
            Data::Text(t) => Some(t.as_ref()),
            _ => None,
        }
    }
}

/// A parsed page. Node 0 is the document.
#[derive(Debug)]
pub struct Tree {
    pub nodes: Vec<Node>,
    /// Start tags dropped because they nested deeper than [`MAX_DEPTH`].
    pub depth_capped: u32,
}

impl Tree {
    pub fn node(&self, id: u32) -> &Node {
        &self.nodes[id as usize]
    }

    /// The first element named `tag` in document order, if any.
    pub fn find(&self, tag: &LocalName) -> Option<u32> {
        self.preorder(0).find(|&id| self.node(id).is(tag))
    }

    /// Every node under `root` (itself included) in document order, without recursion.
    pub fn preorder(&self, root: u32) -> Preorder<'_> {
        Preorder {
            tree: self,
            root,
            next: root,
        }
    }

    /// The node after `id` in document order once `id`'s subtree is skipped, staying under
    /// `root`.
    pub fn skip_subtree(&self, root: u32, id: u32) -> u32 {
        let mut cur = id;
        loop {
            if cur == root {
                return NONE;
            }
            let n = self.node(cur);
            if n.next != NONE {
                return n.next;
            }
            cur = n.parent;
            if cur == NONE {
                return NONE;
            }
        }
    }

    /// Children of `id`, in order.
    pub fn children(&self, id: u32) -> Children<'_> {
        Children {
            tree: self,
            next: self.node(id).first,
        }
    }
}

pub struct Preorder<'a> {
    tree: &'a Tree,
    root: u32,
    next: u32,
}

impl Iterator for Preorder<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let id = self.next;
        if id == NONE {
            return None;
        }
        let n = self.tree.node(id);
        self.next = if n.first != NONE {
            n.first
        } else {
            self.tree.skip_subtree(self.root, id)
        };
        Some(id)
    }
}

pub struct Children<'a> {
    tree: &'a Tree,
    next: u32,
}

impl Iterator for Children<'_> {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        let id = self.next;
        if id == NONE {
            return None;
        }
        self.next = self.tree.node(id).next;
        Some(id)
    }
}

/// Parses `html` as a browser with scripting off would (so `<noscript>` content is markup, as
/// a crawler without JavaScript sees it: Discourse serves whole threads that way).
pub fn parse(html: &str) -> Tree {
    let stripped = strip_script_bodies(html);
    let html = cap_attributes(&stripped, MAX_TAG_ATTRS);
    let html: &str = &html;
    let opts = TreeBuilderOpts {
        scripting_enabled: false,
        ..Default::default()
    };
    let builder = TreeBuilder::new(Sink::default(), opts);
    let tokenizer = Tokenizer::new(
        DepthGuard {
            builder,
            dropped: Cell::new(0),
        },
        TokenizerOpts::default(),
    );
    let queue = BufferQueue::default();
    // A tendril holds at most 4 GiB; callers cap pages far below that.
    queue.push_back(StrTendril::from_slice(html));
    // `feed` returns at every `</script>` (for a scripting host to run it): keep feeding.
    while !matches!(tokenizer.feed(&queue), html5ever::TokenizerResult::Done) {}
    tokenizer.end();
    let guard = tokenizer.sink;
    let dropped = guard.dropped.get();
    let sink = guard.builder.sink;
    Tree {
        nodes: sink.nodes.into_inner(),
        depth_capped: dropped,
    }
}

/// `html` without the bodies of `<script>` and `<style>` elements, which are never text and
/// are about 40 % of a crawled page's bytes (WCXB: scripts 29 %, styles 14 %): the tokenizer
/// then has far less to walk. JSON-LD scripts are kept for the metadata. A script body holding
/// `<!--` is left whole, since the tokenizer's escaped states may end it elsewhere than the
/// first `</script`; otherwise the first `</script` or `</style` followed by whitespace, `/`
/// or `>` ends it, as in the tokenizer.
pub fn strip_script_bodies(html: &str) -> Cow<'_, str> {
    let b = html.as_bytes();
    let len = b.len();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let start = i + p;
        i = start + 1;
        let name: &[u8] = if starts_with_tag(&b[start + 1..], b"script") {
            b"script"
        } else if starts_with_tag(&b[start + 1..], b"style") {
            b"style"
        } else {
            continue;
        };
        let Some(open_end) = start_tag_end(b, start + 1 + name.len()) else {
            break;
        };
        let body_start = open_end + 1;
        let Some(body_end) = find_end_tag(b, body_start, name) else {
            break;
        };
        let body = &b[body_start..body_end];
        let keep = (name == b"script" && ascii_contains(&b[start..open_end], b"ld+json"))
            || memchr::memmem::find(body, b"<!--").is_some();
        if !keep && !body.is_empty() {
            let s = out.get_or_insert_with(|| String::with_capacity(len));
            s.push_str(&html[copied..body_start]);
            copied = body_end;
        }
        i = body_end.max(i);
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut s) => {
            s.push_str(&html[copied..]);
            Cow::Owned(s)
        }
    }
}

/// `rest` starts with the tag name `name` (any case) followed by whitespace, `/` or `>`.
fn starts_with_tag(rest: &[u8], name: &[u8]) -> bool {
    rest.len() > name.len()
        && rest[..name.len()].eq_ignore_ascii_case(name)
        && matches!(
            rest[name.len()],
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>'
        )
}

/// The `>` ending a start tag whose attributes begin at `from` (quotes respected).
fn start_tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut k = from;
    let mut quote: Option<u8> = None;
    while k < b.len() {
        let c = b[k];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => {
                // A quote opens a value only after `=` (possibly with spaces before it).
                let mut j = k;
                while j > from && b[j - 1].is_ascii_whitespace() {
                    j -= 1;
                }
                if j > from && b[j - 1] == b'=' {
                    quote = Some(c);
                }
            }
            None if c == b'>' => return Some(k),
            None => {}
        }
        k += 1;
    }
    None
}

/// Where the end tag `</name` (any case, then whitespace, `/` or `>`) starts, from `from`.
fn find_end_tag(b: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut k = from;
    while let Some(p) = memchr::memmem::find(&b[k..], b"</") {
        let at = k + p;
        if starts_with_tag(&b[at + 2..], name) {
            return Some(at);
        }
        k = at + 2;
    }
    None
}

fn ascii_contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// `html` with every start tag cut to `max` attributes (the attributes after the `max`-th, up to
/// the tag's `>`, removed). Borrowed unchanged when no tag has more, which is every real page.
/// The scan follows the tokenizer's rules closely enough to count: a tag starts at `<` and a
/// letter, attribute values may be quoted (a `>` inside quotes does not end the tag).
pub fn cap_attributes(html: &str, max: usize) -> Cow<'_, str> {
    let b = html.as_bytes();
    let len = b.len();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(p) = memchr::memchr(b'<', &b[i..]) {
        let start = i + p;
        let mut k = start + 1;
        if k >= len || !b[k].is_ascii_alphabetic() {
            i = k;
            continue;
        }
        while k < len && !b[k].is_ascii_whitespace() && b[k] != b'>' && b[k] != b'/' {
            k += 1;
        }
        let mut attrs = 0usize;
        let mut cut_at = None;
        loop {
            while k < len && (b[k].is_ascii_whitespace() || b[k] == b'/') {
                k += 1;
            }
            if k >= len || b[k] == b'>' {
                break;
            }
            attrs += 1;
            if attrs == max + 1 {
                cut_at = Some(k);
            }
            // The name, then an optional `= value`.
            k += 1;
            while k < len && !b[k].is_ascii_whitespace() && !matches!(b[k], b'>' | b'=' | b'/') {
                k += 1;
            }
            while k < len && b[k].is_ascii_whitespace() {
                k += 1;
            }
            if k < len && b[k] == b'=' {
                k += 1;
                while k < len && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                if k < len && (b[k] == b'"' || b[k] == b'\'') {
                    let q = b[k];
                    k = match memchr::memchr(q, &b[k + 1..]) {
                        Some(e) => k + 1 + e + 1,
                        None => len,
                    };
                } else {
                    while k < len && !b[k].is_ascii_whitespace() && b[k] != b'>' {
                        k += 1;
                    }
                }
            }
        }
        if let Some(cut) = cut_at {
            // Cuts fall after whitespace or a quote and before `>` or the end: on
            // character boundaries, since both are ASCII.
            let s = out.get_or_insert_with(|| String::with_capacity(len));
            s.push_str(&html[copied..cut]);
            copied = k.min(len);
        }
        i = k.min(len);
        if i >= len {
            break;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut s) => {
            s.push_str(&html[copied..]);
            Cow::Owned(s)
        }
    }
}

/// Sits between the tokenizer and the tree builder to drop start tags nested too deep.
struct DepthGuard {
    builder: TreeBuilder<u32, Sink>,
    dropped: Cell<u32>,
}

fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
            | local_name!("param")
            | local_name!("keygen")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("frame")
    )
}

impl TokenSink for DepthGuard {
    type Handle = u32;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<u32> {
        if let Token::TagToken(Tag {
            kind: TagKind::StartTag,
            ref name,
            self_closing,
            ..
        }) = token
        {
            if !self_closing && !is_void(name) && self.builder.sink.depth.get() >= MAX_DEPTH {
                self.dropped.set(self.dropped.get().saturating_add(1));
                return TokenSinkResult::Continue;
            }
        }
        self.builder.process_token(token, line)
    }

    fn end(&self) {
        self.builder.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// The tree builder's sink: appends into the arena. Interior mutability because html5ever's
/// `TreeSink` takes `&self`.
struct Sink {
    nodes: RefCell<Vec<Node>>,
    /// Depth of the element most recently appended to (ancestors counted up to the cap).
    depth: Cell<u32>,
    /// Returned by `elem_name` for a handle that is not an element, which html5ever never
    /// asks; a value rather than a panic all the same.
    placeholder: RefCell<QualName>,
}

impl Default for Sink {
    fn default() -> Self {
        let mut nodes = Vec::with_capacity(2048);
        nodes.push(Node::new(Data::Document));
        Sink {
            nodes: RefCell::new(nodes),
            depth: Cell::new(0),
            placeholder: RefCell::new(QualName::new(None, ns!(html), local_name!("div"))),
        }
    }
}

impl Sink {
    fn push(&self, data: Data) -> u32 {
        let mut n = self.nodes.borrow_mut();
        n.push(Node::new(data));
        (n.len() - 1) as u32
    }

    fn note_depth(&self, parent: u32) {
        let n = self.nodes.borrow();
        let mut d = 0u32;
        let mut p = parent;
        while p != NONE && d <= MAX_DEPTH {
            d += 1;
            p = n[p as usize].parent;
        }
        self.depth.set(d);
    }

    fn detach(n: &mut [Node], id: u32) {
        let (p, prev, next) = {
            let x = &n[id as usize];
            (x.parent, x.prev, x.next)
        };
        if p == NONE {
            return;
        }
        if prev != NONE {
            n[prev as usize].next = next;
        } else {
            n[p as usize].first = next;
        }
        if next != NONE {
            n[next as usize].prev = prev;
        } else {
            n[p as usize].last = prev;
        }
        let x = &mut n[id as usize];
        x.parent = NONE;
        x.prev = NONE;
        x.next = NONE;
    }

    fn append_id(n: &mut [Node], parent: u32, id: u32) {
        Self::detach(n, id);
        let last = n[parent as usize].last;
        n[id as usize].parent = parent;
        n[id as usize].prev = last;
        if last != NONE {
            n[last as usize].next = id;
        } else {
            n[parent as usize].first = id;
        }
        n[parent as usize].last = id;
    }

    fn insert_before_id(n: &mut [Node], sibling: u32, id: u32) {
        Self::detach(n, id);
        let (p, prev) = (n[sibling as usize].parent, n[sibling as usize].prev);
        if p == NONE {
            return;
        }
        n[id as usize].parent = p;
        n[id as usize].prev = prev;
        n[id as usize].next = sibling;
        n[sibling as usize].prev = id;
        if prev != NONE {
            n[prev as usize].next = id;
        } else {
            n[p as usize].first = id;
        }
    }

    /// Text to place next to `neighbour`: merged into it when it is text (adjacent text is one
    /// node, as in the DOM), else a new node to be placed, returned.
    fn text_node(n: &mut Vec<Node>, neighbour: u32, t: StrTendril) -> Option<u32> {
        if let Some(Data::Text(s)) = n.get_mut(neighbour as usize).map(|x| &mut x.data) {
            s.push_tendril(&t);
            return None;
        }
        n.push(Node::new(Data::Text(t)));
        Some((n.len() - 1) as u32)
    }
}

/// Attributes extraction reads; the rest are dropped at creation.
fn keep_attr(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("class")
            | local_name!("id")
            | local_name!("role")
            | local_name!("itemprop")
            | local_name!("itemtype")
            | local_name!("href")
            | local_name!("rel")
            | local_name!("hidden")
            | local_name!("aria-hidden")
            | local_name!("aria-label")
            | local_name!("style")
            | local_name!("type")
            | local_name!("lang")
            | local_name!("dir")
            | local_name!("datetime")
            | local_name!("content")
            | local_name!("property")
            | local_name!("name")
            | local_name!("http-equiv")
            | local_name!("charset")
            | local_name!("alt")
    )
}

fn filter_attrs(attrs: Vec<Attribute>) -> Vec<(LocalName, StrTendril)> {
    attrs
        .into_iter()
        .filter(|a| keep_attr(&a.name.local))
        .take(MAX_ATTRS)
        .map(|a| {
            let mut v = a.value;
            if v.len32() > MAX_ATTR_VALUE {
                // Cut at a character boundary.
                let mut end = MAX_ATTR_VALUE as usize;
                while !v.is_char_boundary(end) {
                    end -= 1;
                }
                v.pop_back(v.len32() - end as u32);
            }
            (a.name.local, v)
        })
        .collect()
}

pub struct Name<'a>(Ref<'a, QualName>);

impl std::fmt::Debug for Name<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl html5ever::interface::ElemName for Name<'_> {
    fn ns(&self) -> &html5ever::Namespace {
        &self.0.ns
    }
    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

impl TreeSink for Sink {
    type Handle = u32;
    type Output = Self;
    type ElemName<'a> = Name<'a>;

    fn finish(self) -> Self {
        self
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> u32 {
        0
    }

    fn elem_name<'a>(&'a self, target: &u32) -> Name<'a> {
        let nodes = self.nodes.borrow();
        match Ref::filter_map(nodes, |n| match n.get(*target as usize).map(|x| &x.data) {
            Some(Data::Element { name, .. }) => Some(name),
            _ => None,
        }) {
            Ok(name) => Name(name),
            // html5ever asks only for elements; anything else gets a harmless name.
            Err(_) => Name(self.placeholder.borrow()),
        }
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> u32 {
        let is_template = name.local == local_name!("template");
        let id = self.push(Data::Element {
            name,
            attrs: filter_attrs(attrs),
            template: NONE,
        });
        if is_template {
            let contents = self.push(Data::Document);
            if let Data::Element { template, .. } = &mut self.nodes.borrow_mut()[id as usize].data {
                *template = contents;
            }
        }
        id
    }

    fn create_comment(&self, _text: StrTendril) -> u32 {
        self.push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> u32 {
        self.push(Data::Other)
    }

    fn append(&self, parent: &u32, child: NodeOrText<u32>) {
        self.note_depth(*parent);
        match child {
            NodeOrText::AppendNode(id) => {
                Self::append_id(&mut self.nodes.borrow_mut(), *parent, id)
            }
            NodeOrText::AppendText(t) => {
                let mut n = self.nodes.borrow_mut();
                let last = n[*parent as usize].last;
                if let Some(id) = Self::text_node(&mut n, last, t) {
                    Self::append_id(&mut n, *parent, id);
                }
            }
        }
    }

    fn append_based_on_parent_node(&self, element: &u32, prev: &u32, child: NodeOrText<u32>) {
        let has_parent = self.nodes.borrow()[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child)
        } else {
            self.append(prev, child)
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let id = self.push(Data::Other);
        Self::append_id(&mut self.nodes.borrow_mut(), 0, id);
    }

    fn get_template_contents(&self, target: &u32) -> u32 {
        let template = match &self.nodes.borrow()[*target as usize].data {
            Data::Element { template, .. } => *template,
            _ => NONE,
        };
        if template != NONE {
            return template;
        }
        // Not a template: html5ever never asks; give it a detached fragment (the borrow
        // above has ended, so this push cannot find the nodes borrowed).
        self.push(Data::Document)
    }

    fn same_node(&self, x: &u32, y: &u32) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &u32, child: NodeOrText<u32>) {
        match child {
            NodeOrText::AppendNode(id) => {
                Self::insert_before_id(&mut self.nodes.borrow_mut(), *sibling, id)
            }
            NodeOrText::AppendText(t) => {
                let mut n = self.nodes.borrow_mut();
                let prev = n[*sibling as usize].prev;
                if let Some(id) = Self::text_node(&mut n, prev, t) {
                    Self::insert_before_id(&mut n, *sibling, id);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &u32, add: Vec<Attribute>) {
        if let Data::Element { attrs, .. } = &mut self.nodes.borrow_mut()[*target as usize].data {
            for (k, v) in filter_attrs(add) {
                if attrs.len() < MAX_ATTRS && !attrs.iter().any(|(b, _)| *b == k) {
                    attrs.push((k, v));
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &u32) {
        Self::detach(&mut self.nodes.borrow_mut(), *target)
    }

    fn reparent_children(&self, node: &u32, new_parent: &u32) {
        let mut n = self.nodes.borrow_mut();
        let mut c = n[*node as usize].first;
        while c != NONE {
            let next = n[c as usize].next;
            Self::append_id(&mut n, *new_parent, c);
            c = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_and_style_bodies_are_left_out() {
        let page = "<p>a</p><SCRIPT type=x>var s = '</scr' + 'ipt>'; if (a<b) {}</script ><style>p{}</style><p>b</p>";
        assert_eq!(
            strip_script_bodies(page),
            "<p>a</p><SCRIPT type=x></script ><style></style><p>b</p>"
        );
        // JSON-LD stays for the metadata; an escaped body is left to the tokenizer.
        let kept = "<script type=\"application/ld+json\">{}</script><script><!-- <script></script> --></script>";
        assert!(matches!(strip_script_bodies(kept), Cow::Borrowed(_)));
        // A `>` in a quoted attribute does not end the start tag; an unclosed script is kept.
        assert_eq!(
            strip_script_bodies("<script data-x=\"a>b\">x</script><script>y"),
            "<script data-x=\"a>b\"></script><script>y"
        );
        assert_eq!(
            strip_script_bodies("<scripts>t</scripts>"),
            "<scripts>t</scripts>"
        );
    }

    #[test]
    fn tags_are_cut_to_the_attribute_limit() {
        assert!(matches!(
            cap_attributes("<div a=1 b='>'>x</div>", 2),
            Cow::Borrowed(_)
        ));
        assert_eq!(
            cap_attributes("<p>a</p><div a=1 b=\"x > y\" c d=4>x</div>", 2),
            "<p>a</p><div a=1 b=\"x > y\" >x</div>"
        );
        assert_eq!(cap_attributes("<i a b c", 1), "<i a ");
        assert_eq!(cap_attributes("a < b and c<d e f>", 1), "a < b and c<d e >");
    }
}
