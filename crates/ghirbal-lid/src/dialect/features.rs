//! What the dialect model looks at: the words of a cleaned sample, folded to one spelling, as
//! hashed features (the word, its letter 3- and 4-grams with word boundaries, its dialect
//! affixes) and, for words that FineWeb-2's lists place in one variety, that variety.
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
/// land in different buckets, and passed to the sink above the bucket (`KIND_SHIFT`) so that
/// the reader can weigh them. (Kind 2 was the pair of words: removed, it reads real tweets
/// better, see `each_feature`.)
pub(crate) const WORD: u8 = 1;
pub(crate) const GRAM: u8 = 3;
pub(crate) const LIST: u8 = 4;
pub(crate) const AFFIX: u8 = 5;

/// A sink's value is a bucket with its feature's kind in the bits from here up.
pub(crate) const KIND_SHIFT: u32 = 24;
const BUCKET_BITS: u32 = (1 << KIND_SHIFT) - 1;

/// The bucket and the kind of a value passed to a sink (not `WORD_END`).
pub(crate) fn split(value: u32) -> (u32, u8) {
    (value & BUCKET_BITS, (value >> KIND_SHIFT) as u8)
}

fn tagged(kind: u8, bucket: u32) -> u32 {
    bucket | (u32::from(kind) << KIND_SHIFT)
}

/// Appends the buckets of `sample`'s features to `out` (cleared first). `sample` is already
/// cleaned (`sample::clean`): no URLs, mentions, laughter or stretched letters.
pub(crate) fn features(sample: &str, out: &mut Vec<u32>) {
    out.clear();
    each_feature(sample, |b| {
        if b != WORD_END {
            out.push(split(b).0);
        }
    });
}

/// Passed to a sink after the last feature of each word (never a bucket).
pub(crate) const WORD_END: u32 = u32::MAX;

/// Calls `sink` with the bucket of each of `sample`'s features (its kind in the bits from
/// `KIND_SHIFT`), in order, and `WORD_END` after each word's.
///
/// The pair of each word with the one before was a feature until the session that added the
/// affixes: without it the real tweets of sources that never train read 0.5–2 points better
/// in every group but MSA (pairs are rare, and what a dataset's pairs say is mostly its
/// topics), and a word costs one lookup less.
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
    /// What the word before says of the next one (`عم`, `رح` before a verb).
    prev: Before,
}

/// The words that mark the verb after them.
#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Before {
    #[default]
    Other,
    /// `عم`: the Levantine progressive.
    Am,
    /// `رح`, `راح`, `ح`: the Levantine (and Iraqi) future.
    Future,
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
        out(tagged(WORD, bucket(hash(WORD, word.as_bytes()))));
        grams(word, &mut |b| out(tagged(GRAM, b)));
        let bits = bits & (MSA | EGY | LEV | GLF | MGR);
        if bits != 0 {
            out(tagged(LIST, bucket(hash(LIST, &[bits]))));
        }
        affixes(word, self.prev, &mut |a| {
            out(tagged(AFFIX, bucket(hash(AFFIX, a.as_bytes()))))
        });
        self.prev = match word {
            "عم" => Before::Am,
            "رح" | "راح" | "ح" => Before::Future,
            _ => Before::Other,
        };
        out(WORD_END);
        self.folded.clear();
    }
}

/// The dialect affixes of a folded word, by name: the verb prefixes, the negation's `ش`, the
/// demonstrative `هال`, pronoun endings, and letters of one region. Each name is a feature whose
/// weights training learns like any other's; the reader counts it beside the word rather than
/// inside the word's mean (see `model.rs`), so that `بتروح` says "b-imperfective" as loudly
/// as a dialect word, not a tenth as loudly as one of the word's n-grams. Many MSA words match
/// these shapes too (`بيان`, `هاله`, `كتابه`): the weights say how much each shape is worth.
fn affixes(word: &str, before: Before, out: &mut impl FnMut(&str)) {
    // The first three letters, the last two and the length, without allocating.
    let mut head = ['\0'; 3];
    let mut n = 0usize;
    for (i, c) in word.chars().enumerate() {
        if i < 3 {
            head[i] = c;
        }
        n = i + 1;
    }
    let mut tail = word.chars().rev();
    let last = tail.next().unwrap_or('\0');
    let before_last = tail.next().unwrap_or('\0');
    let [c0, c1, c2] = head;
    let person = |c: char| matches!(c, 'ي' | 'ت' | 'ن' | 'ا');
    // Levantine and Egyptian `ب` before the imperfective (`بتروح`, `بيعمل`), not `بال`.
    if n >= 4 && c0 == 'ب' && person(c1) && !(c1 == 'ا' && c2 == 'ل') {
        out("b-imperfective");
    }
    // Levantine first person plural `منروح`.
    if n >= 5 && c0 == 'م' && c1 == 'ن' && matches!(c2, 'ي' | 'ت' | 'ن') {
        out("mn-imperfective");
    }
    if n >= 3 && person(c0) {
        match before {
            Before::Am => out("am-verb"),
            Before::Future => out("future-verb"),
            Before::Other => {}
        }
    }
    // The demonstrative glued to its noun (`هالمشكله`).
    if n >= 5 && c0 == 'ه' && c1 == 'ا' && c2 == 'ل' {
        out("hal-noun");
    }
    // Egyptian future `ح`/`ه` before the imperfective (`حيروح`, `هنروح`).
    if n >= 4 && c0 == 'ح' && matches!(c1, 'ي' | 'ت' | 'ن') {
        out("h-future");
    }
    if n >= 4 && c0 == 'ه' && matches!(c1, 'ي' | 'ت' | 'ن') {
        out("ha-future");
    }
    // The negation `ما…ش`, and a final `ش` alone (`مشيتش`, Maghrebi `والوش`).
    if n >= 4 && c0 == 'م' && c1 == 'ا' && last == 'ش' {
        out("ma-sh");
    } else if n >= 3 && last == 'ش' {
        out("sh-end");
    }
    // `ما` glued to a verb (`مابعرف`, `مايجي`).
    if n >= 5 && c0 == 'م' && c1 == 'ا' && (person(c2) || c2 == 'ب') && last != 'ش' {
        out("ma-verb");
    }
    // Maghrebi `كا`/`تا` and `كي`/`كت`/`كن` before the imperfective (`كايدير`, `كيستحقو`,
    // `كنمشي`); `كانت`, `كانوا` and `كيف…` are not.
    if n >= 5
        && (c0 == 'ك' || c0 == 'ت')
        && c1 == 'ا'
        && matches!(c2, 'ي' | 'ت' | 'ن')
        && !word.starts_with("كانو")
        && !word.starts_with("كانت")
    {
        out("ka-imperfective");
    }
    if n >= 5 && c0 == 'ك' && c1 == 'ي' && c2 != 'ف' {
        out("ki-imperfective");
    }
    if n >= 5 && c0 == 'ك' && c1 == 'ت' {
        out("kt-imperfective");
    }
    if n >= 4 && c0 == 'ك' && c1 == 'ن' && c2 != 'ت' {
        out("kn-imperfective");
    }
    // Maghrebi first person plural `نمشيو`.
    if n >= 4 && c0 == 'ن' && last == 'و' {
        out("n-u");
    }
    if word.starts_with("ديال") {
        out("dyal");
    }
    // Gulf and Iraqi letters and endings (`چان`, `گال`, `عليج`).
    if word.contains('چ') {
        out("che");
    }
    if word.contains('گ') {
        out("gaf");
    }
    if n >= 3 && last == 'ج' && before_last == 'ي' {
        out("ij-end");
    }
    // The imperfective's `-ون` and `-ين` kept (`يفوزون`, `تحكمون علي`, `يبغونا`, `تسوين`):
    // Gulf, Iraqi and Yemeni keep them where Egyptian, Levantine and Maghrebi drop them
    // (`يفوزوا`, `تسوي`); MSA keeps them too, so the weights mostly tell Gulf from the other
    // dialects.
    let (stem, stem_len) = if let Some(s) = word.strip_prefix("ما") {
        (s, n.saturating_sub(2))
    } else if let Some(s) = word.strip_prefix('و') {
        (s, n - 1)
    } else {
        (word, n)
    };
    let s0 = stem.chars().next().unwrap_or('\0');
    if stem_len >= 5 && matches!(s0, 'ي' | 'ت') {
        if ["ون", "ونه", "ونا", "ونك", "وني", "ونهم", "ونها"]
            .iter()
            .any(|e| stem.ends_with(e))
        {
            out("un-imperfective");
        }
        if s0 == 'ت' && ["ين", "ينه", "يني"].iter().any(|e| stem.ends_with(e)) {
            out("in-imperfective");
        }
    }
    // Levantine pronoun endings: `-و` for `-ه` (`قلبو`), `-كن`, `-هن`.
    if n >= 4 && last == 'و' && before_last != 'ا' {
        out("u-end");
    }
    if n >= 4 && before_last == 'ك' && last == 'ن' {
        out("kon-end");
    }
    if n >= 4 && before_last == 'ه' && last == 'ن' {
        out("hon-end");
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

    fn affix_names(text: &str) -> Vec<String> {
        let mut names = Vec::new();
        let mut before = Before::Other;
        for w in text.split_whitespace() {
            affixes(w, before, &mut |a| names.push(a.to_string()));
            before = if w == "عم" {
                Before::Am
            } else {
                Before::Other
            };
        }
        names
    }

    #[test]
    fn dialect_affixes_are_named() {
        assert_eq!(affix_names("بتروح"), ["b-imperfective"]);
        assert_eq!(affix_names("بالبيت"), Vec::<String>::new());
        assert_eq!(affix_names("عم يعمل"), ["am-verb"]);
        assert_eq!(affix_names("هالمشكله"), ["hal-noun"]);
        assert_eq!(affix_names("مابعرفش"), ["ma-sh"]);
        assert_eq!(affix_names("ديالي"), ["dyal"]);
        assert!(affix_names("كانت").is_empty());
        assert_eq!(affix_names("يفوزون"), ["un-imperfective"]);
        assert_eq!(affix_names("مايبغونا"), ["ma-verb", "un-imperfective"]);
        assert_eq!(affix_names("تسوين"), ["in-imperfective"]);
        assert!(affix_names("يفوزوا").is_empty());
        // The kinds reach the sink above the bucket.
        let mut kinds = Vec::new();
        each_feature("بتروح", |v| {
            if v != WORD_END {
                let (b, k) = split(v);
                assert!((b as usize) < BUCKETS);
                kinds.push(k);
            }
        });
        assert!(kinds.contains(&WORD) && kinds.contains(&GRAM) && kinds.contains(&AFFIX));
    }

    #[test]
    fn buckets_are_in_range() {
        assert!(of("شو عم تعمل هلق يا زلمة")
            .iter()
            .all(|&b| (b as usize) < BUCKETS));
    }
}
