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

use super::{annotate, find_duplicates, py_strip, r6, settings, Checks, Profile};
use crate::registry::{option_infos, Built, ConfigError};
use ghirbal_core::{Cx, Document, Element, Step, StepError, StepInfo, Verdict};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

const NAME: &str = "gopher-repetition";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
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

impl Default for Settings {
    fn default() -> Self {
        super::ar_defaults(NAME)
    }
}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "step",
        summary: "removes documents with repeated paragraphs, lines or word n-grams (Gopher); thresholds from the profile",
        options: option_infos::<Settings>(&[
            ("profile", "language profile: ar, fineweb2-arb, en, or a path to a profile .toml"),
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
    let (opts, profile, resolved) = settings::<Settings>(NAME, index, table)?;
    for &(n, _) in opts.top_n_grams.iter().chain(&opts.dup_n_grams) {
        if n == 0 {
            return Err(ConfigError::BadOptions {
                index,
                name: NAME.into(),
                message: "n-gram sizes start at 1".into(),
            });
        }
    }
    Ok(Built {
        element: Element::Step(Box::new(GopherRepetition { opts, profile })),
        resolved,
    })
}

pub struct GopherRepetition {
    opts: Settings,
    profile: Arc<Profile>,
}

/// Polynomial hashing modulo the Mersenne prime 2^61 - 1: the hash of a concatenation is
/// computed from the hashes of its parts, so every n-gram is hashed without building it.
const MOD: u64 = (1 << 61) - 1;
const BASE: u64 = 0x1f3d_5b79_a2c4_e681 % MOD;

fn mulmod(a: u64, b: u64) -> u64 {
    let p = (a as u128) * (b as u128);
    let lo = (p as u64) & MOD;
    let hi = (p >> 61) as u64;
    let s = lo + hi;
    if s >= MOD {
        s - MOD
    } else {
        s
    }
}

fn addmod(a: u64, b: u64) -> u64 {
    let s = a + b;
    if s >= MOD {
        s - MOD
    } else {
        s
    }
}

struct Word {
    hash: u64,
    /// BASE^(bytes of the word)
    pow: u64,
    chars: usize,
}

fn word_stats(words: &[&str]) -> Vec<Word> {
    words
        .iter()
        .map(|w| {
            let mut hash = 0u64;
            let mut pow = 1u64;
            for &b in w.as_bytes() {
                hash = addmod(mulmod(hash, BASE), u64::from(b) + 1);
                pow = mulmod(pow, BASE);
            }
            Word {
                hash,
                pow,
                chars: w.chars().count(),
            }
        })
        .collect()
}

/// Hash of the words joined with `sep` (`None`: joined with nothing).
fn ngram_hash(ws: &[Word], sep: Option<u8>) -> u64 {
    let mut h = 0u64;
    for (k, w) in ws.iter().enumerate() {
        if k > 0 {
            if let Some(s) = sep {
                h = addmod(mulmod(h, BASE), u64::from(s) + 1);
            }
        }
        h = addmod(mulmod(h, w.pow), w.hash);
    }
    h
}

/// Characters covered by the most frequent n-gram: its length (with spaces) times its count;
/// among equally frequent ones, the first seen (as `Counter.most_common` picks).
fn top_ngram_chars(ws: &[Word], n: usize) -> Option<usize> {
    if ws.len() < n {
        return None;
    }
    let mut counts: HashMap<u64, (usize, usize)> = HashMap::with_capacity(ws.len());
    for i in 0..=ws.len() - n {
        let e = counts.entry(ngram_hash(&ws[i..i + n], Some(b' '))).or_insert((0, i));
        e.0 += 1;
    }
    let (count, first) = counts
        .values()
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .copied()?;
    let len: usize = ws[first..first + n].iter().map(|w| w.chars).sum::<usize>() + n - 1;
    Some(len * count)
}

/// Characters in n-grams seen before (joined without spaces), scanning left to right and
/// jumping past each repeat.
fn duplicate_ngram_chars(ws: &[Word], n: usize) -> usize {
    let mut seen: HashSet<u64> = HashSet::with_capacity(ws.len());
    let mut repeated = 0;
    let mut i = 0;
    while i + n <= ws.len() {
        let g = &ws[i..i + n];
        if !seen.insert(ngram_hash(g, None)) {
            repeated += g.iter().map(|w| w.chars).sum::<usize>();
            i += n;
        } else {
            i += 1;
        }
    }
    repeated
}

/// Splits on runs of two or more newlines (paragraphs).
fn paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'\n').count();
            if run >= 2 {
                out.push(&text[start..i]);
                start = i + run;
            }
            i += run;
        } else {
            i += 1;
        }
    }
    out.push(&text[start..]);
    out
}

/// Splits on runs of newlines; leading and trailing runs give empty lines, as `re.split` does.
fn lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let run = bytes[i..].iter().take_while(|&&b| b == b'\n').count();
            out.push(&text[start..i]);
            start = i + run;
            i += run;
        } else {
            i += 1;
        }
    }
    out.push(&text[start..]);
    out
}

impl Step for GopherRepetition {
    fn name(&self) -> &'static str {
        NAME
    }

    fn process(&self, doc: &mut Document, _cx: &mut Cx) -> Result<Verdict, StepError> {
        let o = &self.opts;
        if doc.text.is_empty() {
            return Ok(Verdict::drop(NAME, "empty", "0 characters"));
        }
        let mut ck = Checks::new(o.annotate);
        let text = doc.text.as_str();
        let n_chars = text.chars().count() as f64;

        let paras = paragraphs(py_strip(text));
        let (para_dups, para_chars) = find_duplicates(paras.iter().copied());
        let frac = para_dups as f64 / paras.len() as f64;
        ck.record("dup_para_frac", r6(frac));
        if o.dup_para_frac > 0.0 && frac > o.dup_para_frac {
            ck.fail("duplicate_paragraphs", || {
                format!(
                    "{frac:.3} > {} of paragraphs are repeats ({para_dups} of {})",
                    o.dup_para_frac,
                    paras.len()
                )
            });
        }
        let frac = para_chars as f64 / n_chars;
        ck.record("dup_para_char_frac", r6(frac));
        if o.dup_para_char_frac > 0.0 && frac > o.dup_para_char_frac {
            ck.fail("duplicate_paragraph_chars", || {
                format!(
                    "{frac:.3} > {} of characters are in repeated paragraphs",
                    o.dup_para_char_frac
                )
            });
        }
        if !ck.done() {
            let ls = lines(text);
            let (line_dups, line_chars) = find_duplicates(ls.iter().copied());
            let frac = line_dups as f64 / ls.len() as f64;
            ck.record("dup_line_frac", r6(frac));
            if o.dup_line_frac > 0.0 && frac > o.dup_line_frac {
                ck.fail("duplicate_lines", || {
                    format!(
                        "{frac:.3} > {} of lines are repeats ({line_dups} of {})",
                        o.dup_line_frac,
                        ls.len()
                    )
                });
            }
            let frac = line_chars as f64 / n_chars;
            ck.record("dup_line_char_frac", r6(frac));
            if o.dup_line_char_frac > 0.0 && frac > o.dup_line_char_frac {
                ck.fail("duplicate_line_chars", || {
                    format!(
                        "{frac:.3} > {} of characters are in repeated lines",
                        o.dup_line_char_frac
                    )
                });
            }
        }
        if !ck.done() && !(o.top_n_grams.is_empty() && o.dup_n_grams.is_empty()) {
            let mut words = Vec::new();
            self.profile.splitter.words(text, &mut words);
            let ws = word_stats(&words);
            for &(n, limit) in &o.top_n_grams {
                let Some(chars) = top_ngram_chars(&ws, n) else {
                    continue;
                };
                let frac = chars as f64 / n_chars;
                ck.record(&format!("top_{n}_gram"), r6(frac));
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
                for &(n, limit) in &o.dup_n_grams {
                    let frac = duplicate_ngram_chars(&ws, n) as f64 / n_chars;
                    ck.record(&format!("dup_{n}_grams"), r6(frac));
                    if frac > limit {
                        ck.fail("duplicate_ngram_share", || {
                            format!("{n}-gram: {frac:.3} > {limit} of characters in repeated {n}-grams")
                        });
                        if ck.done() {
                            break;
                        }
                    }
                }
            }
        }
        if o.annotate {
            annotate(doc, "gopher_repetition", std::mem::take(&mut ck.values));
        }
        Ok(match ck.first {
            Some((code, detail)) => Verdict::drop(NAME, code, detail),
            None => Verdict::Keep,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(extra: &str) -> GopherRepetition {
        let t: toml::Table = toml::from_str(extra).expect("toml");
        let b = build(1, t).unwrap_or_else(|e| panic!("{e}"));
        let _ = b.resolved;
        let (opts, profile, _) = settings::<Settings>(NAME, 1, toml::from_str(extra).expect("toml"))
            .unwrap_or_else(|e| panic!("{e}"));
        GopherRepetition { opts, profile }
    }

    fn run(s: &GopherRepetition, text: &str) -> Verdict {
        s.process(&mut Document::new("d", text), &mut Cx::default())
            .expect("never fails")
    }

    fn code(v: &Verdict) -> Option<&'static str> {
        match v {
            Verdict::Drop(r) => Some(r.code),
            Verdict::Keep => None,
        }
    }

    const PROSE: &str = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة ثلاثمائة سرير، \
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
        let v = run(&step("dup_line_char_frac = 0.2\ndup_line_frac = 0.0"), &text);
        assert_eq!(code(&v), Some("duplicate_line_chars"), "{v:?}");
    }

    #[test]
    fn top_ngram() {
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
        let ws = word_stats(&words);
        // "a b" three times, 3 characters each.
        assert_eq!(top_ngram_chars(&ws, 2), Some(9));
        // idx0 "ab" new, idx1 "ba" new, idx2 "ab" seen -> 2 chars, jump to 4: "ab" seen -> 2,
        // jump to 6: no bigram left.
        assert_eq!(duplicate_ngram_chars(&ws, 2), 4);
        // Joined without spaces, "ab"+"c" and "a"+"bc" are the same n-gram.
        let ws = word_stats(&["ab", "c", "a", "bc"]);
        assert_eq!(duplicate_ngram_chars(&ws, 2), 3);
    }

    #[test]
    fn annotate_records_every_value() {
        let s = step("annotate = true");
        let mut doc = Document::new("d", PROSE);
        s.process(&mut doc, &mut Cx::default()).expect("ok");
        let q = &doc.meta["quality"]["gopher_repetition"];
        assert!(q["dup_line_frac"].is_number() && q["dup_10_grams"].is_number(), "{q}");
    }

    #[test]
    fn line_and_paragraph_splitting_follow_python() {
        assert_eq!(lines("\na\n\nb\n"), vec!["", "a", "b", ""]);
        assert_eq!(paragraphs("a\nb\n\n\nc"), vec!["a\nb", "c"]);
    }
}
