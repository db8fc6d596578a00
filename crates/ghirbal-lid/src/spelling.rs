//! What the word lists share: a word's letters without diacritics or tatweel, its other
//! informal spelling, and the hash their tables are keyed with.

use crate::script::is_letter_or_digit;
use ghirbal_text::script::{is_diacritic, TATWEEL, ZWNJ};
use std::hash::Hasher;

/// FNV-1a: the keys are short words, for which SipHash costs more than the lookup.
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The word with its last letter in the other spelling common in informal Arabic: ة as ه,
/// ي as ى and ى as ي.
pub(crate) fn spelling_variant(word: &str) -> Option<String> {
    let last = word.chars().next_back()?;
    let other = match last {
        'ة' => 'ه',
        'ي' => 'ى',
        'ى' => 'ي',
        _ => return None,
    };
    let mut v = String::with_capacity(word.len());
    v.push_str(&word[..word.len() - last.len_utf8()]);
    v.push(other);
    Some(v)
}

/// Appends the letters of `word` without diacritics, tatweel or punctuation.
pub(crate) fn push_normalized(word: &str, out: &mut String) {
    for c in word.chars() {
        if is_letter_or_digit(c) && !is_diacritic(c) && c != TATWEEL || c == ZWNJ {
            out.push(c);
        }
    }
}
