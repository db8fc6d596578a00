//! Word frequencies: how often a word occurs in running Arabic, Persian and Urdu text, from the
//! `wordfreq` project's small lists (3.1.1; CC-BY-SA-4.0, see `lexicon/README.md`), drawn
//! from Wikipedia, subtitles, web text and social media.
//!
//! Why: FineWeb-2's high-precision lists keep only words nearly exclusive to one language, so
//! the everyday vocabulary that Urdu shares with Persian (`عالمی`, `مالیاتی`, `ملاقات`) says
//! nothing there; its frequency does (a word common in Urdu text and rare in Persian text is
//! evidence for Urdu). Each word contributes, per language, the log-ratio of its frequency to
//! its highest frequency among the three; a word in none of the lists contributes nothing.

use crate::spelling::{push_normalized, spelling_variant};

/// The languages with a list, in the order of every score array.
pub(crate) const LANGUAGES: [&str; 3] = ["ar", "fa", "ur"];

const LISTS: [&str; 3] = [
    include_str!("../lexicon/wordfreq-ar.txt"),
    include_str!("../lexicon/wordfreq-fa.txt"),
    include_str!("../lexicon/wordfreq-ur.txt"),
];

/// The bucket given to a word missing from a language's list: 10^-7, ten times rarer than the
/// rarest listed word (the lists stop at about 10^-6).
const ABSENT: u16 = 700;

/// Calls `add(word, language, bucket)` for every word of the lists (normalized), and for each
/// Arabic word also for its informal spelling (ة written ه, final ي and ى swapped: `واسطه`,
/// `مسخره`, which would otherwise read as Persian spellings). Words that normalize alike: the
/// caller keeps the more frequent spelling's bucket.
pub(crate) fn for_each(mut add: impl FnMut(&str, usize, u16)) {
    let mut key = String::new();
    for (k, list) in LISTS.iter().enumerate() {
        for line in list.lines() {
            let Some((bucket, words)) = line.split_once('\t') else {
                continue;
            };
            let Ok(bucket) = bucket.parse::<u16>() else {
                continue;
            };
            for word in words.split(' ') {
                key.clear();
                push_normalized(word, &mut key);
                if key.is_empty() {
                    continue;
                }
                add(&key, k, bucket);
                if k == 0 {
                    if let Some(variant) = spelling_variant(&key) {
                        add(&variant, k, bucket);
                    }
                }
            }
        }
    }
}

/// Frequency buckets of a word in no list.
pub(crate) const NONE: [u16; 3] = [ABSENT; 3];

/// For a normalized word and its buckets (looked up with the word lists, `words.rs`): per
/// language, log10 of its frequency there over its highest frequency among the three (0 for
/// the most frequent, negative for the others); None for a word none of the lists holds.
pub(crate) fn scores(word: &str, buckets: &[u16; 3]) -> Option<[f32; 3]> {
    // One-letter words ("و", "ب" written apart in informal Arabic) are frequent in every
    // language and mislead more than they tell.
    word.chars().nth(1)?;
    if *buckets == NONE {
        return None;
    }
    let best = buckets.iter().copied().min().unwrap_or(ABSENT);
    Some(buckets.map(|b| -f32::from(b - best) / 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_words_lean_to_the_language_that_uses_them_more() {
        let of = |w: &str| scores(w, &crate::words::entry(w).freq);
        let s = of("کے").expect("a common Urdu word");
        assert_eq!(s[2], 0.0);
        assert!(s[1] < -2.0, "{s:?}");
        let s = of("است").expect("a common Persian word");
        assert_eq!(s[1], 0.0);
        assert!(s[2] < 0.0, "{s:?}");
        assert!(of("qqqzzz").is_none());
    }
}
