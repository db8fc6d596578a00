//! Arabic dialect annotation: Modern Standard Arabic, Egyptian, Gulf, Levantine or Maghrebi,
//! from the words of a text found in FineWeb-2's dialect word lists (see `words.rs`) and a few
//! hand-written marker words.
//!
//! A text with no dialect word is MSA. Otherwise the group with the most dialect words wins,
//! and the score is its share of the words that point anywhere (MSA words count a quarter:
//! the MSA list is forty times longer than any dialect list, and dialect text uses MSA words
//! freely).

use crate::words::Hits;

/// A dialect group of Arabic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Msa,
    Egyptian,
    Gulf,
    Levantine,
    Maghrebi,
}

impl Dialect {
    /// The code written to metadata: `msa`, `egy`, `glf`, `lev`, `mgr`.
    pub fn code(self) -> &'static str {
        match self {
            Dialect::Msa => "msa",
            Dialect::Egyptian => "egy",
            Dialect::Gulf => "glf",
            Dialect::Levantine => "lev",
            Dialect::Maghrebi => "mgr",
        }
    }
}

/// A dialect group with a score between 0 and 1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DialectGuess {
    pub dialect: Dialect,
    pub score: f32,
}

/// Weight of a word of the MSA list against a word of a dialect list.
const MSA_WEIGHT: f32 = 0.25;

/// The dialect group of an Arabic text (its first `max_bytes` bytes); `None` when the text
/// has no word at all.
pub fn dialect(text: &str, max_bytes: usize) -> Option<DialectGuess> {
    let mut cleaned = String::new();
    crate::sample::clean(crate::prefix(text, max_bytes), &mut cleaned);
    let hits = Hits::of(&cleaned);
    if hits.words == 0 {
        return None;
    }
    Some(from_hits(&hits))
}

pub(crate) fn from_hits(hits: &Hits) -> DialectGuess {
    let groups = [
        (Dialect::Egyptian, hits.egy),
        (Dialect::Levantine, hits.lev),
        (Dialect::Gulf, hits.glf),
        (Dialect::Maghrebi, hits.mgr),
    ];
    let dialectal: u32 = groups.iter().map(|g| g.1).sum();
    let msa = hits.msa as f32 * MSA_WEIGHT;
    let mut best = (Dialect::Msa, 0u32);
    for g in groups {
        if g.1 > best.1 {
            best = g;
        }
    }
    let total = dialectal as f32 + msa;
    if best.1 == 0 || (best.1 as f32) < msa {
        let score = if total > 0.0 { msa / total } else { 0.5 };
        return DialectGuess {
            dialect: Dialect::Msa,
            score,
        };
    }
    DialectGuess {
        dialect: best.0,
        score: best.1 as f32 / total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(text: &str) -> Dialect {
        dialect(text, usize::MAX).map_or(Dialect::Msa, |d| d.dialect)
    }

    #[test]
    fn groups() {
        assert_eq!(group("انا عايز اروح البيت ازاي"), Dialect::Egyptian);
        assert_eq!(group("شو عم تعمل هلق يا زلمة"), Dialect::Levantine);
        assert_eq!(group("شلون حالك وايد زين"), Dialect::Gulf);
        assert_eq!(group("واش كاين شي حاجة بزاف دابا"), Dialect::Maghrebi);
        assert_eq!(
            group("أعلنت وزارة الصحة عن افتتاح مستشفى جديد في المدينة"),
            Dialect::Msa
        );
    }
}
