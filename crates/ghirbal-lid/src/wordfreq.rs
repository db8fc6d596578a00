//! Word frequencies: how often a word occurs in running Arabic, Persian and Urdu text, from the
//! `wordfreq` project's small lists (3.1.1; CC-BY-SA-4.0, see `lexicon/README.md`), drawn
//! from Wikipedia, subtitles, web text and social media.
//!
//! Why: FineWeb-2's high-precision lists keep only words nearly exclusive to one language, so
//! the everyday vocabulary that Urdu shares with Persian (`عالمی`, `مالیاتی`, `ملاقات`) says
//! nothing there; its frequency does (a word common in Urdu text and rare in Persian text is
//! evidence for Urdu). Each word contributes, per language, the log-ratio of its frequency to
//! its highest frequency among the three; a word in none of the lists contributes nothing.

use crate::spelling::{push_normalized, spelling_variant, Fnv};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

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

type Table = HashMap<String, [u16; 3], BuildHasherDefault<Fnv>>;

/// Per word, its frequency bucket in each language (centibels: frequency 10^(-bucket/100)).
fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Table::default();
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
                    let entry = table.entry(key.clone()).or_insert([ABSENT; 3]);
                    // Words that normalize alike: the more frequent spelling counts.
                    entry[k] = entry[k].min(bucket);
                    // Arabic as typed informally: ة written ه, final ي and ى swapped
                    // (`واسطه`, `مسخره`), which would otherwise read as Persian spellings.
                    if k == 0 {
                        if let Some(variant) = spelling_variant(&key) {
                            let entry = table.entry(variant).or_insert([ABSENT; 3]);
                            entry[0] = entry[0].min(bucket);
                        }
                    }
                }
            }
        }
        table
    })
}

/// For a normalized word: per language, log10 of its frequency there over its highest
/// frequency among the three (0 for the most frequent, negative for the others); None for a
/// word none of the lists holds.
pub(crate) fn scores(word: &str) -> Option<[f32; 3]> {
    // One-letter words ("و", "ب" written apart in informal Arabic) are frequent in every
    // language and mislead more than they tell.
    word.chars().nth(1)?;
    let buckets = table().get(word)?;
    let best = buckets.iter().copied().min().unwrap_or(ABSENT);
    Some(buckets.map(|b| -f32::from(b - best) / 100.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_words_lean_to_the_language_that_uses_them_more() {
        let s = scores("کے").expect("a common Urdu word");
        assert_eq!(s[2], 0.0);
        assert!(s[1] < -2.0, "{s:?}");
        let s = scores("است").expect("a common Persian word");
        assert_eq!(s[1], 0.0);
        assert!(s[2] < 0.0, "{s:?}");
        assert!(scores("qqqzzz").is_none());
    }
}
