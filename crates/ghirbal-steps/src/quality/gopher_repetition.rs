//! `gopher-repetition`: removes documents that repeat themselves (Gopher, Rae et al. 2021,
//! table A1, as datatrove implements it).
//!
//! What it does, in order, stopping at the first failure:
//! - duplicate paragraphs (split on blank lines) as a share of paragraphs, and their characters
//!   as a share of the text;
//! - duplicate lines as a share of lines, and their characters as a share of the text;
//! - for each `[n, limit]` of `top_n_grams`: the characters covered by the most frequent word
//!   n-gram (its length with spaces times its count) as a share of the text;
//! - for each `[n, limit]` of `dup_n_grams`: the characters of n-grams seen before, scanning
//!   left to right and jumping past each repeat, as a share of the text.
//!
//! A limit of 0 turns its check off. Why: scraper loops, doubled articles and spam repeat text;
//! a model trained on them learns to repeat. Example: an almayadeen page whose body appears
//! twice fails `duplicate_ngram_share` with `5-gram: 0.497 > 0.165`.

use super::{find_duplicates, py_strip, r6, Checks};
use crate::check::{self, Validate};
use crate::options::{option_infos, Built, ConfigError};
use ghirbal_core::{Cx, Document, Metric, Scale, Step, StepError, StepInfo, Verdict};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

const NAME: &str = "gopher-repetition";

/// The keys of the n-gram measures the run report counts, by n (larger n are written as
/// annotations only): the report's keys are fixed names.
const TOP_KEYS: [&str; 11] = [
    "top_0_gram",
    "top_1_gram",
    "top_2_gram",
    "top_3_gram",
    "top_4_gram",
    "top_5_gram",
    "top_6_gram",
    "top_7_gram",
    "top_8_gram",
    "top_9_gram",
    "top_10_gram",
];
const DUP_KEYS: [&str; 11] = [
    "dup_0_grams",
    "dup_1_grams",
    "dup_2_grams",
    "dup_3_grams",
    "dup_4_grams",
    "dup_5_grams",
    "dup_6_grams",
    "dup_7_grams",
    "dup_8_grams",
    "dup_9_grams",
    "dup_10_grams",
];

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    pub profile: String,
    pub dup_line_frac: f64,
    pub dup_para_frac: f64,
    pub dup_line_char_frac: f64,
    pub dup_para_char_frac: f64,
    pub top_n_grams: Vec<(usize, f64)>,
    pub dup_n_grams: Vec<(usize, f64)>,
    #[serde(default)]
    pub annotate: bool,
}

impl Default for Options {
    fn default() -> Self {
        super::ar_defaults(NAME)
    }
}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "step",
        summary: "removes documents with repeated paragraphs, lines or word n-grams (Gopher); thresholds from the profile",
        options: option_infos::<Options>(&[
            ("profile", super::PROFILE_HELP),
            ("dup_line_frac", "most duplicate lines as a share of lines (0 = off)"),
            ("dup_para_frac", "most duplicate paragraphs as a share of paragraphs (0 = off)"),
            ("dup_line_char_frac", "most characters in duplicate lines as a share of the text (0 = off)"),
            ("dup_para_char_frac", "most characters in duplicate paragraphs as a share of the text (0 = off)"),
            ("top_n_grams", "[n, limit] pairs: most characters covered by the most frequent n-gram"),
            ("dup_n_grams", "[n, limit] pairs: most characters in repeated n-grams"),
            ("annotate", "write the measured values to metadata quality.gopher_repetition"),
        ]),
        reasons: vec![
            ("empty", "the text is empty"),
            ("duplicate_paragraphs", "too many paragraphs are repeats"),
            ("duplicate_paragraph_chars", "too many characters are in repeated paragraphs"),
            ("duplicate_lines", "too many lines are repeats"),
            ("duplicate_line_chars", "too many characters are in repeated lines"),
            ("top_ngram_share", "the most frequent word n-gram covers too much of the text"),
            ("duplicate_ngram_share", "repeated word n-grams cover too much of the text"),
        ],
    }
}

pub fn build(index: usize, table: toml::Table) -> Result<Built, ConfigError> {
    super::build_filter::<Options>(NAME, index, table)
}

/// Longest word n-gram checked: Gopher checks 2 to 10.
const MAX_NGRAM: usize = 100;

/// The `[n, limit]` pairs of `top_n_grams` or `dup_n_grams`: n from 1, each n once, and a
/// limit above 0 (unlike the line and paragraph limits, 0 is no "off" here: it would remove
/// every document with any repeated n-gram) and at most 1.
fn check_ngrams(name: &str, pairs: &[(usize, f64)]) -> Result<(), String> {
    for (i, &(n, limit)) in pairs.iter().enumerate() {
        check::within(&format!("{name}: n"), n, 1, MAX_NGRAM)?;
        if !(limit > 0.0 && limit <= 1.0) {
            return Err(format!(
                "{name}: [{n}, {limit}] has a limit outside 0 (excluded) to 1 (leave the pair out to turn its check off)"
            ));
        }
        if pairs[..i].iter().any(|&(m, _)| m == n) {
            return Err(format!("{name}: n = {n} is given twice"));
        }
    }
    Ok(())
}

impl Validate for Options {
    fn validate(&self) -> Result<(), String> {
        // Shares of lines, paragraphs or characters; 0 turns the check off.
        check::share("dup_line_frac", self.dup_line_frac)?;
        check::share("dup_para_frac", self.dup_para_frac)?;
        check::share("dup_line_char_frac", self.dup_line_char_frac)?;
        check::share("dup_para_char_frac", self.dup_para_char_frac)?;
        check_ngrams("top_n_grams", &self.top_n_grams)?;
        check_ngrams("dup_n_grams", &self.dup_n_grams)?;
        Ok(())
    }
}

pub type GopherRepetition = super::Filter<Options>;

/// Polynomial hashing with wrapping 64-bit arithmetic and an odd base: the hash of a
/// concatenation is computed from the hashes of its parts, so every n-gram is hashed without
/// building it. (Its known weak inputs are artificial Thue-Morse strings, not text.)
const BASE: u64 = 0x9e37_79b9_7f4a_7c15 | 1;

const B2: u64 = BASE.wrapping_mul(BASE);
const B3: u64 = B2.wrapping_mul(BASE);
const B4: u64 = B3.wrapping_mul(BASE);

/// `h` extended by `bytes` (each byte b as b + 1), four bytes per step so that the multiplications
/// of one step run in parallel and only one is on the dependency chain.
#[inline]
fn extend_hash(mut h: u64, bytes: &[u8]) -> u64 {
    let mut chunks = bytes.chunks_exact(4);
    for c in &mut chunks {
        let v = (u64::from(c[0]) + 1)
            .wrapping_mul(B3)
            .wrapping_add((u64::from(c[1]) + 1).wrapping_mul(B2))
            .wrapping_add((u64::from(c[2]) + 1).wrapping_mul(BASE))
            .wrapping_add(u64::from(c[3]) + 1);
        h = h.wrapping_mul(B4).wrapping_add(v);
    }
    for &b in chunks.remainder() {
        h = h.wrapping_mul(BASE).wrapping_add(u64::from(b) + 1);
    }
    h
}

/// BASE^e, from a table for the usual sizes.
fn pow(e: usize) -> u64 {
    const TABLE: usize = 1 << 14;
    static POWS: LazyLock<Vec<u64>> = LazyLock::new(|| {
        let mut v = Vec::with_capacity(TABLE);
        let mut x = 1u64;
        for _ in 0..TABLE {
            v.push(x);
            x = x.wrapping_mul(BASE);
        }
        v
    });
    if e < TABLE {
        return POWS[e];
    }
    let (mut result, mut base, mut e) = (1u64, BASE, e);
    while e > 0 {
        if e & 1 == 1 {
            result = result.wrapping_mul(base);
        }
        base = base.wrapping_mul(base);
        e >>= 1;
    }
    result
}

/// Prefix hashes of the words, so that the hash of any run of words costs one multiplication.
/// Kept in the context between documents ([`Cx::memo`]) so that its buffers are reused.
#[derive(Default)]
struct Words {
    /// Prefix sums of the words' characters.
    chars: Vec<usize>,
    /// Joined with nothing: hash and byte length of words[..i] concatenated.
    flat: Vec<(u64, usize)>,
    /// The sequence of words (what joining with spaces identifies, since words have no
    /// spaces): a polynomial over the words' own hashes.
    seq: Vec<u64>,
    /// Per word start: may an n-gram starting here equal another one? False when the next
    /// `WINDOW` bytes of the concatenated words occur at no other word start, which rules out
    /// every equal n-gram at least `WINDOW` bytes long (shorter ones are always checked).
    candidate: Vec<bool>,
    /// The positions of the candidates, in order.
    cand_positions: Vec<u32>,
    /// Scratch for [`candidates`]: the window key at each word start.
    keys: Vec<u64>,
}

/// Bytes of the concatenated words compared at each word start to find where repeats can be.
const WINDOW: usize = 32;

/// The base of the word-sequence polynomial.
const SEQ_BASE: u64 = 0xc2b2_ae3d_27d4_eb4f;

impl Words {
    /// The prefix hashes of `words`.
    #[cfg(test)]
    fn new(words: &[&str]) -> Self {
        let mut me = Self::default();
        me.fill(words, None);
        me
    }

    /// Replaces the contents with the prefix hashes of `words`, reusing the buffers. Their
    /// lengths in characters come as prefix sums when another filter has counted them
    /// (`known_chars`), and are counted here otherwise.
    fn fill(&mut self, words: &[&str], known_chars: Option<&[usize]>) {
        let n = words.len();
        self.flat.clear();
        self.flat.reserve(n + 1);
        self.chars.clear();
        self.chars.reserve(n + 1);
        self.seq.clear();
        self.seq.reserve(n + 1);
        let (mut hf, mut lf, mut hq, mut nc) = (0u64, 0usize, 0u64, 0usize);
        self.flat.push((0, 0));
        self.seq.push(0);
        self.chars.push(0);
        for (i, w) in words.iter().enumerate() {
            let hw = extend_hash(0, w.as_bytes());
            nc = match known_chars.and_then(|k| k.get(i + 1)) {
                Some(&c) => c,
                None => nc + w.bytes().filter(|&b| b & 0xC0 != 0x80).count(),
            };
            hf = hf.wrapping_mul(pow(w.len())).wrapping_add(hw);
            lf += w.len();
            // Mixed so that the two polynomials do not interact.
            let mixed = (hw ^ (hw >> 31)).wrapping_mul(0x94d0_49bb_1331_11eb) ^ (w.len() as u64);
            hq = hq.wrapping_mul(SEQ_BASE).wrapping_add(mixed);
            self.flat.push((hf, lf));
            self.seq.push(hq);
            self.chars.push(nc);
        }
        candidates(words, &self.flat, &mut self.keys, &mut self.candidate);
        self.cand_positions.clear();
        self.cand_positions.extend(
            self.candidate
                .iter()
                .enumerate()
                .filter(|&(_, &c)| c)
                .map(|(i, _)| i as u32),
        );
    }

    /// Must the n-gram at `i` be hashed and looked up? Only if it may equal another one.
    fn check(&self, i: usize, n: usize) -> bool {
        self.candidate[i] || self.flat[i + n].1 - self.flat[i].1 < WINDOW
    }

    fn len(&self) -> usize {
        self.seq.len() - 1
    }

    /// Hash of words[i..j] joined with nothing.
    fn flat_hash(&self, i: usize, j: usize) -> u64 {
        let (he, le) = self.flat[j];
        let (hs, ls) = self.flat[i];
        he.wrapping_sub(hs.wrapping_mul(pow(le - ls)))
    }

    /// Hash of the word sequence words[i..i+n]; `base_n` is SEQ_BASE^n.
    fn seq_hash(&self, i: usize, n: usize, base_n: u64) -> u64 {
        self.seq[i + n].wrapping_sub(self.seq[i].wrapping_mul(base_n))
    }

    fn chars(&self, i: usize, j: usize) -> usize {
        self.chars[j] - self.chars[i]
    }

    /// The most characters of any n-gram joined with spaces.
    fn max_spaced_len(&self, n: usize) -> usize {
        if self.len() < n {
            return 0;
        }
        (0..=self.len() - n)
            .map(|i| self.chars(i, i + n))
            .max()
            .map_or(0, |c| c + n - 1)
    }
}

/// Marks in `candidate` the word starts whose next `WINDOW` bytes of concatenated words occur
/// at another word start (`keys` is scratch).
fn candidates(
    words: &[&str],
    flat: &[(u64, usize)],
    keys: &mut Vec<u64>,
    candidate: &mut Vec<bool>,
) {
    // The window's polynomial hash, from the prefix hashes of the whole words it covers and the
    // bytes it takes from the next word: equal windows give equal keys, and an accidental equal
    // key only makes a candidate more (never a wrong count).
    let n = words.len();
    let total = flat.last().map_or(0, |f| f.1);
    let mut k = 0;
    keys.clear();
    keys.extend((0..n).map(|i| {
        let start = flat[i].1;
        let target = (start + WINDOW).min(total);
        while k < n && flat[k + 1].1 <= target {
            k += 1;
        }
        let (he, le) = flat[k];
        let mut h = he.wrapping_sub(flat[i].0.wrapping_mul(pow(le - start)));
        if k < n {
            h = extend_hash(h, &words[k].as_bytes()[..target - le]);
        }
        h ^ ((target - start) as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }));
    // One pass: a key seen the second time marks its first position and this one; any later
    // time, this one.
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        t.reset(n);
        candidate.clear();
        candidate.resize(n, false);
        for (i, &key) in keys.iter().enumerate() {
            let (count, first) = t.add(key, i);
            if count > 1 {
                candidate[i] = true;
                if count == 2 {
                    candidate[first as usize] = true;
                }
            }
        }
    });
}

/// A set of n-gram hashes with a count and first position per hash: open addressing with
/// generation stamps, so one allocation serves every n-gram size of every document on a thread
/// and "clearing" it is one increment.
#[derive(Default)]
struct Table {
    slots: Vec<Slot>,
    gen: u32,
    bits: u32,
}

#[derive(Default, Clone, Copy)]
struct Slot {
    key: u64,
    stamp: u32,
    count: u32,
    first: u32,
}

impl Table {
    fn reset(&mut self, items: usize) {
        let bits = (items.max(8) * 2).next_power_of_two().trailing_zeros();
        let size = 1usize << bits;
        if size > self.slots.len() {
            self.slots = vec![Slot::default(); size];
            self.gen = 0;
        }
        if self.gen == u32::MAX {
            self.slots.iter_mut().for_each(|s| s.stamp = 0);
            self.gen = 0;
        }
        self.gen += 1;
        self.bits = bits;
    }

    /// Adds one occurrence of `key` at `pos`; returns its count and first position.
    fn add(&mut self, key: u64, pos: usize) -> (u32, u32) {
        let mask = (1usize << self.bits) - 1;
        let mut i = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - self.bits)) as usize;
        loop {
            let gen = self.gen;
            let slot = &mut self.slots[i];
            if slot.stamp != gen {
                *slot = Slot {
                    key,
                    stamp: gen,
                    count: 1,
                    first: pos as u32,
                };
                return (1, pos as u32);
            }
            if slot.key == key {
                slot.count += 1;
                return (slot.count, slot.first);
            }
            i = (i + 1) & mask;
        }
    }
}

thread_local! {
    static TABLE: std::cell::RefCell<Table> = std::cell::RefCell::new(Table::default());
}

/// The most frequent n-gram: its count and the characters it covers (its length with spaces
/// times its count); among equally frequent ones, the first seen (as `Counter.most_common`
/// picks).
fn top_ngram(ws: &Words, n: usize) -> Option<(usize, usize)> {
    if ws.len() < n {
        return None;
    }
    let base_n = (0..n).fold(1u64, |acc, _| acc.wrapping_mul(SEQ_BASE));
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        t.reset(ws.len());
        // Every n-gram occurs at least once, the first one first: that is the answer unless a
        // candidate occurs more often.
        let (mut best_count, mut best_first) = (1u32, 0u32);
        for i in 0..=ws.len() - n {
            if !ws.check(i, n) {
                continue;
            }
            let (count, first) = t.add(ws.seq_hash(i, n, base_n), i);
            if count > best_count || (count == best_count && first < best_first) {
                best_count = count;
                best_first = first;
            }
        }
        let f = best_first as usize;
        let count = best_count as usize;
        Some((count, (ws.chars(f, f + n) + n - 1) * count))
    })
}

/// Characters in n-grams seen before (joined without spaces), scanning left to right and
/// jumping past each repeat.
#[cfg(test)]
fn duplicate_ngram_chars(ws: &Words, n: usize) -> usize {
    let short: Vec<u32> = (0..(ws.len() + 1).saturating_sub(n))
        .filter(|&i| ws.flat[i + n].1 - ws.flat[i].1 < WINDOW)
        .map(|i| i as u32)
        .collect();
    duplicate_ngram_chars_at(ws, n, &short)
}

/// The same scan, visiting only the positions where an n-gram may repeat: the candidates and
/// `short` (the positions whose n-gram is shorter than the window, sorted). Every other
/// position holds an n-gram that occurs nowhere else, which the scan would step over.
fn duplicate_ngram_chars_at(ws: &Words, n: usize, short: &[u32]) -> usize {
    if ws.len() < n {
        return 0;
    }
    let last = ws.len() - n;
    TABLE.with(|t| {
        let mut t = t.borrow_mut();
        t.reset(ws.len());
        let mut repeated = 0;
        let mut next = 0;
        let mut visit = |p: usize| {
            if p < next || p > last {
                return;
            }
            if t.add(ws.flat_hash(p, p + n), p).0 > 1 {
                repeated += ws.chars(p, p + n);
                next = p + n;
            }
        };
        // Merge the two sorted position lists.
        let (mut a, mut b) = (0, 0);
        let cands = &ws.cand_positions;
        while a < cands.len() || b < short.len() {
            let pa = cands.get(a).copied().unwrap_or(u32::MAX);
            let pb = short.get(b).copied().unwrap_or(u32::MAX);
            let p = pa.min(pb);
            if pa == p {
                a += 1;
            }
            if pb == p {
                b += 1;
            }
            visit(p as usize);
        }
        repeated
    })
}

/// Splits `text` at every run of at least `min_run` newlines, as `re.split("\n{min_run,}")`
/// does: leading and trailing runs give empty pieces, shorter runs stay inside a piece.
fn split_newline_runs(text: &str, min_run: usize) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let (mut start, mut from) = (0, 0);
    while let Some(k) = memchr::memchr(b'\n', &bytes[from..]) {
        let i = from + k;
        let run = bytes[i..].iter().take_while(|&&b| b == b'\n').count();
        if run >= min_run {
            out.push(&text[start..i]);
            start = i + run;
        }
        from = i + run;
    }
    out.push(&text[start..]);
    out
}

/// Paragraphs: separated by blank lines.
fn paragraphs(text: &str) -> Vec<&str> {
    split_newline_runs(text, 2)
}

/// Lines: separated by runs of newlines.
fn lines(text: &str) -> Vec<&str> {
    split_newline_runs(text, 1)
}

impl Step for GopherRepetition {
    fn name(&self) -> &'static str {
        NAME
    }

    fn metrics(&self) -> Vec<Metric> {
        let o = &self.opts;
        let ratio = |key: &str, label: &str, limit: f64, code: &str| {
            let m = Metric::new(key, label, Scale::RATIO);
            if limit > 0.0 {
                m.max(limit, code)
            } else {
                m
            }
        };
        let mut out = Vec::new();
        // The paragraph checks run only when on (or annotating), as in `process`.
        if o.annotate || o.dup_para_frac > 0.0 || o.dup_para_char_frac > 0.0 {
            out.push(ratio(
                "dup_para_frac",
                "share of paragraphs that repeat one before",
                o.dup_para_frac,
                "duplicate_paragraphs",
            ));
            out.push(ratio(
                "dup_para_char_frac",
                "share of characters in repeated paragraphs",
                o.dup_para_char_frac,
                "duplicate_paragraph_chars",
            ));
        }
        out.extend([
            ratio(
                "dup_line_frac",
                "share of lines that repeat one before",
                o.dup_line_frac,
                "duplicate_lines",
            ),
            ratio(
                "dup_line_char_frac",
                "share of characters in repeated lines",
                o.dup_line_char_frac,
                "duplicate_line_chars",
            ),
        ]);
        for &(n, limit) in &o.top_n_grams {
            if let Some(key) = TOP_KEYS.get(n) {
                let label = format!("share of characters in the most frequent {n}-gram");
                out.push(Metric::new(key, &label, Scale::RATIO).max(limit, "top_ngram_share"));
            }
        }
        for &(n, limit) in &o.dup_n_grams {
            if let Some(key) = DUP_KEYS.get(n) {
                let label = format!("share of characters in repeated {n}-grams");
                out.push(
                    Metric::new(key, &label, Scale::RATIO).max(limit, "duplicate_ngram_share"),
                );
            }
        }
        out
    }

    fn process(&self, doc: &mut Document, cx: &mut Cx) -> Result<Verdict, StepError> {
        let o = &self.opts;
        if doc.text.is_empty() {
            return Ok(Verdict::drop(NAME, "empty", "0 characters"));
        }
        let mut ck = Checks::new(o.annotate);
        let text = doc.text.as_str();
        let n_chars = text.chars().count() as f64;

        // Paragraph checks that are off cost nothing unless their values are wanted.
        if o.annotate || o.dup_para_frac > 0.0 || o.dup_para_char_frac > 0.0 {
            let paras = paragraphs(py_strip(text));
            let (para_dups, para_chars) = find_duplicates(paras.iter().copied());
            let frac = para_dups as f64 / paras.len() as f64;
            ck.above(
                "dup_para_frac",
                frac,
                o.dup_para_frac,
                "duplicate_paragraphs",
                || {
                    format!(
                        "{frac:.3} > {} of paragraphs are repeats ({para_dups} of {})",
                        o.dup_para_frac,
                        paras.len()
                    )
                },
            );
            let frac = para_chars as f64 / n_chars;
            ck.above(
                "dup_para_char_frac",
                frac,
                o.dup_para_char_frac,
                "duplicate_paragraph_chars",
                || {
                    format!(
                        "{frac:.3} > {} of characters are in repeated paragraphs",
                        o.dup_para_char_frac
                    )
                },
            );
        }
        if !ck.done() {
            let mut ls = lines(text);
            if self.profile.skip_blank_lines {
                ls.retain(|l| !py_strip(l).is_empty());
            }
            let (line_dups, line_chars) = find_duplicates(ls.iter().copied());
            let frac = line_dups as f64 / ls.len().max(1) as f64;
            ck.above(
                "dup_line_frac",
                frac,
                o.dup_line_frac,
                "duplicate_lines",
                || {
                    format!(
                        "{frac:.3} > {} of lines are repeats ({line_dups} of {})",
                        o.dup_line_frac,
                        ls.len()
                    )
                },
            );
            let frac = line_chars as f64 / n_chars;
            ck.above(
                "dup_line_char_frac",
                frac,
                o.dup_line_char_frac,
                "duplicate_line_chars",
                || {
                    format!(
                        "{frac:.3} > {} of characters are in repeated lines",
                        o.dup_line_char_frac
                    )
                },
            );
        }
        let any_ngrams = !o.top_n_grams.is_empty() || !o.dup_n_grams.is_empty();
        if !ck.done() && any_ngrams {
            let mut words = Vec::new();
            super::words_of(cx, self.profile.splitter, text, &mut words);
            // The last document's buffers, taken out of the context while it is in use and
            // put back at the end of this block.
            let mut ws = std::mem::take(cx.memo::<Words>());
            ws.fill(&words, super::char_prefix(cx, &words));
            // The words' lengths, counted while hashing them, for Gopher quality after this.
            super::keep_char_prefix(cx, &words, &ws.chars);
            // An n-gram occurs at most as often as its first words, so the count of the most
            // frequent smaller n-gram bounds the larger ones' and lets a check that cannot
            // fail be skipped (only when its value is not wanted in metadata).
            let mut computed: Vec<(usize, usize)> = Vec::new();
            for &(n, limit) in &o.top_n_grams {
                if !o.annotate {
                    let bound = computed
                        .iter()
                        .filter(|(m, _)| *m < n)
                        .map(|(_, c)| *c)
                        .min();
                    if let Some(count) = bound {
                        let most = count.saturating_mul(ws.max_spaced_len(n));
                        if most as f64 / n_chars <= limit {
                            continue;
                        }
                    }
                }
                let Some((count, chars)) = top_ngram(&ws, n) else {
                    continue;
                };
                computed.push((n, count));
                // A profile may ask that the top n-gram be repeated to count at all (otherwise
                // any short text "repeats" its only n-gram).
                let chars = if count < self.profile.top_ngram_min_count {
                    0
                } else {
                    chars
                };
                let frac = chars as f64 / n_chars;
                match TOP_KEYS.get(n) {
                    Some(key) => ck.measure(key, frac),
                    None => ck.record(&format!("top_{n}_gram"), r6(frac)),
                }
                if frac > limit {
                    ck.fail("top_ngram_share", || {
                        format!("{n}-gram: {frac:.3} > {limit} of characters in the most frequent {n}-gram")
                    });
                    if ck.done() {
                        break;
                    }
                }
            }
            if !ck.done() {
                // Positions whose n-gram is shorter than the window: those of a larger n are
                // among those of a smaller one, so the list only shrinks in the usual order.
                let mut short: Option<(usize, Vec<u32>)> = None;
                for &(n, limit) in &o.dup_n_grams {
                    let list: Vec<u32> = match &short {
                        Some((m, prev)) if *m <= n => prev
                            .iter()
                            .copied()
                            .filter(|&i| {
                                let i = i as usize;
                                i + n <= ws.len() && ws.flat[i + n].1 - ws.flat[i].1 < WINDOW
                            })
                            .collect(),
                        _ => (0..(ws.len() + 1).saturating_sub(n))
                            .filter(|&i| ws.flat[i + n].1 - ws.flat[i].1 < WINDOW)
                            .map(|i| i as u32)
                            .collect(),
                    };
                    let frac = duplicate_ngram_chars_at(&ws, n, &list) as f64 / n_chars;
                    short = Some((n, list));
                    match DUP_KEYS.get(n) {
                        Some(key) => ck.measure(key, frac),
                        None => ck.record(&format!("dup_{n}_grams"), r6(frac)),
                    }
                    if frac > limit {
                        ck.fail("duplicate_ngram_share", || {
                            format!(
                                "{n}-gram: {frac:.3} > {limit} of characters in repeated {n}-grams"
                            )
                        });
                        if ck.done() {
                            break;
                        }
                    }
                }
            }
            // A very long document's buffers are let go rather than held for the rest of the
            // batch (a million words is about 50 MB of them).
            if ws.seq.capacity() <= 1 << 20 {
                *cx.memo::<Words>() = ws;
            }
        }
        Ok(ck.finish(doc, cx, NAME, "gopher_repetition"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::quality::testing::{code_of as code, load};

    fn build_error(options: &str) -> String {
        let t: toml::Table = toml::from_str(options).expect("test TOML");
        build(6, t).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn shares_and_ngrams_are_checked() {
        assert!(build_error("dup_line_frac = 30.4").contains("dup_line_frac = 30.4 is not a share"));
        assert!(build_error("dup_para_frac = -0.3").contains("is not a share"));
        assert!(build_error("top_n_grams = [[0, 0.2]]")
            .contains("top_n_grams: n = 0 is outside 1 to 100"));
        assert_eq!(
            build_error("dup_n_grams = [[5, 0.0]]"),
            "step #6 (gopher-repetition): dup_n_grams: [5, 0] has a limit outside 0 (excluded) to 1 (leave the pair out to turn its check off)"
        );
        assert!(build_error("top_n_grams = [[2, 0.2], [2, 0.3]]").contains("n = 2 is given twice"));
        assert_eq!(build_error("top_n_grams = []\ndup_line_frac = 0.0"), "");
    }

    fn step(extra: &str) -> GopherRepetition {
        let (opts, profile) = load::<Options>(NAME, extra);
        GopherRepetition { opts, profile }
    }

    fn run(s: &GopherRepetition, text: &str) -> Verdict {
        s.process(&mut Document::new("d", text), &mut Cx::default())
            .expect("never fails")
    }

    const PROSE: &str =
        "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة ثلاثمائة سرير، \
ويضم المستشفى أقساما متخصصة في جراحة القلب وطب الأطفال والعناية المركزة. \
وقال المتحدث باسم الوزارة إن المشروع يأتي ضمن خطة لتوسيع الخدمات الصحية في المناطق الشمالية.";

    #[test]
    fn keeps_prose() {
        assert_eq!(run(&step(""), PROSE), Verdict::Keep);
    }

    #[test]
    fn empty() {
        assert_eq!(code(&run(&step(""), "")), Some("empty"));
    }

    #[test]
    fn duplicate_lines() {
        let text = "اقرأ أيضا\nخبر أول عن الطقس\nاقرأ أيضا\nخبر ثان عن الاقتصاد\nاقرأ أيضا";
        let v = run(&step(""), text);
        assert_eq!(code(&v), Some("duplicate_lines"), "{v:?}");
    }

    #[test]
    fn duplicate_paragraphs_and_their_characters() {
        let text = format!("{PROSE}\n\n{PROSE}\n\nخاتمة قصيرة");
        let v = run(&step("dup_para_frac = 0.3"), &text);
        assert_eq!(code(&v), Some("duplicate_paragraphs"), "{v:?}");
        let v = run(&step("dup_para_char_frac = 0.2"), &text);
        assert_eq!(code(&v), Some("duplicate_paragraph_chars"), "{v:?}");
    }

    #[test]
    fn duplicate_line_characters() {
        let text = format!("{PROSE}\nسطر\n{PROSE}");
        let v = run(
            &step("dup_line_char_frac = 0.2\ndup_line_frac = 0.0"),
            &text,
        );
        assert_eq!(code(&v), Some("duplicate_line_chars"), "{v:?}");
    }

    #[test]
    fn top_ngram_check() {
        let text = "سعر الذهب سعر الذهب سعر الذهب اليوم في الأسواق المحلية";
        let v = run(&step(""), text);
        assert_eq!(code(&v), Some("top_ngram_share"), "{v:?}");
        let Verdict::Drop(r) = v else { return };
        assert!(r.detail.starts_with("2-gram: "), "{}", r.detail);
    }

    #[test]
    fn repeated_body() {
        let text = format!("{PROSE} {PROSE}");
        let v = run(&step("top_n_grams = []"), &text);
        assert_eq!(code(&v), Some("duplicate_ngram_share"), "{v:?}");
    }

    #[test]
    fn ngram_counting_follows_the_reference_definitions() {
        let words = ["a", "b", "a", "b", "a", "b", "c"];
        let ws = Words::new(&words);
        // "a b" three times, 3 characters each.
        assert_eq!(top_ngram(&ws, 2), Some((3, 9)));
        // idx0 "ab" new, idx1 "ba" new, idx2 "ab" seen -> 2 chars, jump to 4: "ab" seen -> 2,
        // jump to 6: no bigram left.
        assert_eq!(duplicate_ngram_chars(&ws, 2), 4);
        // Joined without spaces, "ab"+"c" and "a"+"bc" are the same n-gram.
        let ws = Words::new(&["ab", "c", "a", "bc"]);
        assert_eq!(duplicate_ngram_chars(&ws, 2), 3);
    }

    /// The reference definitions on strings: `Counter.most_common(1)` over n-grams joined with
    /// spaces, and the left-to-right scan over n-grams joined with nothing.
    fn naive_top(words: &[&str], n: usize) -> Option<usize> {
        if words.len() < n {
            return None;
        }
        let grams: Vec<String> = words.windows(n).map(|w| w.join(" ")).collect();
        let mut order: Vec<&String> = Vec::new();
        let mut counts = std::collections::HashMap::new();
        for g in &grams {
            let c = counts.entry(g).or_insert(0usize);
            if *c == 0 {
                order.push(g);
            }
            *c += 1;
        }
        let best = order
            .iter()
            .copied()
            .max_by(|a, b| counts[a].cmp(&counts[b]).then(std::cmp::Ordering::Greater))?;
        Some(best.chars().count() * counts[best])
    }

    fn naive_dup(words: &[&str], n: usize) -> usize {
        let mut seen = std::collections::HashSet::new();
        let (mut rep, mut i) = (0, 0);
        while i + n <= words.len() {
            let g: String = words[i..i + n].concat();
            if seen.contains(&g) {
                rep += g.chars().count();
                i += n;
            } else {
                seen.insert(g);
                i += 1;
            }
        }
        rep
    }

    proptest::proptest! {
        #[test]
        fn fast_counts_equal_the_reference(
            picks in proptest::collection::vec(0usize..9, 0..80),
            n in 1usize..8,
        ) {
            // Short words that concatenate ambiguously, and long ones that pass the window.
            const VOCAB: [&str; 9] = ["a", "b", "ab", "ba", "في", "من", "المملكة_العربية_السعودية",
                "الحكومة_اليوم_الاثنين", "x"];
            let words: Vec<&str> = picks.iter().map(|&k| VOCAB[k]).collect();
            let ws = Words::new(&words);
            proptest::prop_assert_eq!(top_ngram(&ws, n).map(|t| t.1), naive_top(&words, n));
            proptest::prop_assert_eq!(duplicate_ngram_chars(&ws, n), naive_dup(&words, n));
        }
    }

    #[test]
    fn annotate_records_every_value() {
        let s = step("annotate = true");
        let mut doc = Document::new("d", PROSE);
        s.process(&mut doc, &mut Cx::default()).expect("ok");
        let q = &doc.meta["quality"]["gopher_repetition"];
        assert!(
            q["dup_line_frac"].is_number() && q["dup_10_grams"].is_number(),
            "{q}"
        );
    }

    #[test]
    fn line_and_paragraph_splitting_follow_python() {
        assert_eq!(lines("\na\n\nb\n"), vec!["", "a", "b", ""]);
        assert_eq!(paragraphs("a\nb\n\n\nc"), vec!["a\nb", "c"]);
    }
}
