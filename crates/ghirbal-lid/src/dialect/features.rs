//! What the dialect model looks at: the words of a cleaned sample, folded to one spelling, as
//! hashed features (the word, the pair of words it ends, its letter 3- and 4-grams with word
//! boundaries) and, for words that FineWeb-2's lists place in one variety, that variety.
//!
//! Training and inference share this code, so the shipped weights mean what the reader
//! computes. Feature hashing keeps the model one flat table of fixed size with no vocabulary to
//! ship. At 2^16 buckets the table (320 KB) stays in the processor cache; 2^17 and 2^18 read
//! the blind sets no better, although the training text has a few hundred thousand distinct
//! features (collisions mostly join rare features, whose weights are near zero).

use crate::spelling::Fnv;
use crate::words::{self, EGY, GLF, LEV, MGR, MSA};
use std::hash::Hasher;

/// log2 of the number of hash buckets.
pub(crate) const BUCKETS_LOG2: u32 = 16;
pub(crate) const BUCKETS: usize = 1 << BUCKETS_LOG2;

/// Kinds of feature, mixed into the hash so that a word and an n-gram of the same letters
/// land in different buckets.
const WORD: u8 = 1;
const PAIR: u8 = 2;
const GRAM: u8 = 3;
const LIST: u8 = 4;

/// Appends the buckets of `sample`'s features to `out` (cleared first). `sample` is already
/// cleaned (`sample::clean`): no URLs, mentions, laughter or stretched letters.
pub(crate) fn features(sample: &str, out: &mut Vec<u32>) {
    out.clear();
    each_feature(sample, |b| {
        if b != WORD_END {
            out.push(b);
        }
    });
}

/// Passed to a sink after the last feature of each word (never a bucket).
pub(crate) const WORD_END: u32 = u32::MAX;

/// Calls `sink` with the bucket of each of `sample`'s features, in order, and `WORD_END`
/// after each word's.
pub(crate) fn each_feature(sample: &str, mut sink: impl FnMut(u32)) {
    let mut words = Featurizer::default();
    words::for_each_word(sample, |_, word, entry| {
        words.word(word, entry.map_or(0, |e| e.bits), &mut sink)
    });
}

/// Turns a text's words, one after the other, into features. Fed by the word lookups of
/// `words.rs`, so that a word is looked up once for both the language and the dialect.
#[derive(Default)]
pub(crate) struct Featurizer {
    folded: String,
    prev: Option<u64>,
}

impl Featurizer {
    /// The features of one word: `word` as normalized for the word lists (letters and digits,
    /// no diacritics or tatweel) and the lists that hold it. Characters that are not Arabic
    /// letters split it (`2025م` gives `م`); only a word of Arabic letters alone counts its
    /// lists.
    pub(crate) fn word(&mut self, word: &str, bits: u8, sink: &mut impl FnMut(u32)) {
        let mut whole = true;
        self.folded.clear();
        for c in word.chars() {
            if let Some(f) = fold(c) {
                self.folded.push(f);
            } else {
                whole = false;
                self.flush(0, sink);
            }
        }
        let bits = if whole { bits } else { 0 };
        self.flush(bits, sink);
    }

    fn flush(&mut self, bits: u8, out: &mut impl FnMut(u32)) {
        if self.folded.is_empty() {
            return;
        }
        let word = self.folded.as_str();
        let h = hash(WORD, word.as_bytes());
        out(bucket(h));
        if let Some(p) = self.prev {
            out(bucket(mix(p, h) ^ u64::from(PAIR)));
        }
        self.prev = Some(h);
        grams(word, out);
        let bits = bits & (MSA | EGY | LEV | GLF | MGR);
        if bits != 0 {
            out(bucket(hash(LIST, &[bits])));
        }
        out(WORD_END);
        self.folded.clear();
    }
}

/// Letter 3- and 4-grams of `<word>`, hashed straight from the word's bytes (2-grams were
/// tried: they add a third of the lookups and no accuracy).
fn grams(word: &str, out: &mut impl FnMut(u32)) {
    // Byte offsets of the padded word's characters: `<`, the letters, `>`.
    let bytes = word.as_bytes();
    let mut starts = [0usize; 64];
    let mut n = 0usize;
    for (i, _) in word.char_indices() {
        if n == starts.len() {
            break;
        }
        starts[n] = i;
        n += 1;
    }
    // A word of more than 63 letters (no real word) is cut to its first 63.
    let len = if n == starts.len() {
        n -= 1;
        starts[n]
    } else {
        bytes.len()
    };
    // Position k of the padded word: 0 is `<`, 1..=n the letters, n+1 is `>`.
    let piece = |from: usize, to: usize| -> u64 {
        // Hash of padded[from..to].
        let mut h = Fnv::default();
        h.write(&[GRAM]);
        if from == 0 {
            h.write(b"<");
        }
        let lo = if from == 0 { 0 } else { starts[from - 1] };
        let hi = if to > n { len } else { starts[to - 1] };
        h.write(&bytes[lo..hi]);
        if to == n + 2 {
            h.write(b">");
        }
        h.finish()
    };
    for g in 3..=4 {
        if g > n + 2 {
            break;
        }
        for from in 0..=(n + 2 - g) {
            out(bucket(piece(from, from + g)));
        }
    }
}

/// The letter as the model sees it, or `None` when it is not an Arabic-script letter: hamza
/// forms of alef, taa marbuta, alef maqsura and Persian-keyboard letters are folded, because
/// informal writing swaps them freely and the swap says nothing about the region.
fn fold(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' | 'ی' | 'ې' => 'ي',
        'ک' => 'ك',
        'ە' => 'ه',
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' => c,
        _ => return None,
    })
}

/// FNV-1a (the word lists' hash) over the kind byte and `bytes`.
fn hash(kind: u8, bytes: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.write(&[kind]);
    h.write(bytes);
    h.finish()
}

fn mix(a: u64, b: u64) -> u64 {
    (a ^ b.rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The bucket of a hash: its high bits folded onto its low ones (FNV's low bits alone are
/// weak for short keys).
fn bucket(h: u64) -> u32 {
    let h = h ^ (h >> 31);
    let h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    ((h ^ (h >> 29)) >> (64 - BUCKETS_LOG2)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(s: &str) -> Vec<u32> {
        let mut v = Vec::new();
        features(s, &mut v);
        v
    }

    #[test]
    fn spelling_variants_give_the_same_features() {
        // The word-list feature may differ (the lists spell with hamza); nothing else does.
        let close = |a: &str, b: &str| {
            let (a, b) = (of(a), of(b));
            let differ = a.iter().filter(|x| !b.contains(x)).count()
                + b.iter().filter(|x| !a.contains(x)).count();
            assert!(differ <= 2, "{a:?} {b:?}");
        };
        close("إزاي الصحة", "ازاي الصحه");
        close("على", "علي");
        assert_eq!(of("مُدرسة"), of("مدرسة"));
        assert_eq!(of("مـدرسة"), of("مدرسة"));
    }

    #[test]
    fn non_arabic_text_has_no_feature() {
        assert!(of("hello 123 !!").is_empty());
        assert!(!of("hello شلونك").is_empty());
    }

    #[test]
    fn grams_hash_the_padded_word() {
        for word in ["ب", "من", "شلونك", "ابغاااه"] {
            let mut fast = Vec::new();
            grams(word, &mut |b| fast.push(b));
            let padded: Vec<char> = format!("<{word}>").chars().collect();
            let mut slow = Vec::new();
            for n in 3..=4 {
                for w in padded.windows(n) {
                    let s: String = w.iter().collect();
                    slow.push(bucket(hash(GRAM, s.as_bytes())));
                }
            }
            assert_eq!(fast, slow, "{word}");
        }
        let long = "ب".repeat(100);
        let mut v = Vec::new();
        grams(&long, &mut |b| v.push(b));
        assert!(!v.is_empty());
    }

    #[test]
    fn buckets_are_in_range() {
        assert!(of("شو عم تعمل هلق يا زلمة")
            .iter()
            .all(|&b| (b as usize) < BUCKETS));
    }
}
