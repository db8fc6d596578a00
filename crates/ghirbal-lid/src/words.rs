//! Word evidence: FineWeb-2's high-precision word lists (Apache-2.0, see `lexicon/README.md`).
//!
//! Each list holds the words that, in the GlotLID corpus, occur in one language at least 85 %
//! of the time. A text's words found in a list are evidence for that language, and for Arabic,
//! for a dialect group: Egyptian (`arz`), Levantine (`apc`), Gulf and Iraqi (`ars`, `acm`),
//! Maghrebi (`ary`, `aeb`, `arq`), against Modern Standard Arabic (`arb`).

use crate::script::is_letter_or_digit;
use crate::spelling::{push_normalized, spelling_variant, Fnv};
use ghirbal_text::script::{is_diacritic, TATWEEL, ZWNJ};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

/// Bits of a word's entry: which lists hold it.
pub(crate) const MSA: u8 = 1;
pub(crate) const FA: u8 = 1 << 1;
pub(crate) const UR: u8 = 1 << 2;
pub(crate) const EGY: u8 = 1 << 3;
pub(crate) const LEV: u8 = 1 << 4;
pub(crate) const GLF: u8 = 1 << 5;
pub(crate) const MGR: u8 = 1 << 6;
/// Any list of an Arabic variety.
pub(crate) const ARABIC: u8 = MSA | EGY | LEV | GLF | MGR;
/// Some Arabic list holds the word (vowelled entries: without telling which variety).
pub(crate) const AR: u8 = 1 << 7;

const LISTS: &[(u8, &str)] = &[
    (MSA, include_str!("../lexicon/arb_Arab.txt")),
    (FA, include_str!("../lexicon/fas_Arab.txt")),
    (UR, include_str!("../lexicon/urd_Arab.txt")),
    (EGY, include_str!("../lexicon/arz_Arab.txt")),
    (LEV, include_str!("../lexicon/apc_Arab.txt")),
    (GLF, include_str!("../lexicon/ars_Arab.txt")),
    (GLF, include_str!("../lexicon/acm_Arab.txt")),
    (MGR, include_str!("../lexicon/ary_Arab.txt")),
    (MGR, include_str!("../lexicon/aeb_Arab.txt")),
    (MGR, include_str!("../lexicon/arq_Arab.txt")),
    (EGY, MARKERS_EGY),
    (LEV, MARKERS_LEV),
    (GLF, MARKERS_GLF),
    (MGR, MARKERS_MGR),
];

// Hand-written marker words of each dialect group: pronouns, demonstratives, negations,
// question words, adverbs and particles that grammars of each dialect list (a word may mark two
// groups: `مش` is Egyptian and Levantine, `ليش` and `وين` Levantine and Gulf). The Gulf lists of
// FineWeb-2 are short (62 and 49 words), so these matter most there.
const MARKERS_EGY: &str = "ده\nدي\nدا\nدول\nازاي\nإزاي\nازيك\nإزيك\nعايز\nعاوز\nعايزة\nعاوزة\nعايزين\nعاوزين\nبتاع\nبتاعة\nبتاعت\nبتوع\nدلوقتي\nدلوقت\nاوي\nأوي\nخالص\nكده\nكدا\nكدة\nمفيش\nمافيش\nفين\nامتى\nإمتى\nليه\nإيه\nايه\nعلشان\nعشان\nبرضه\nبرضو\nبقى\nحاجة\nحاجه\nاهو\nأهو\nالنهارده\nانهارده\nمعلش\nياعم\nيابني\nمش\nلسه\nازاى\nإزاى";
const MARKERS_LEV: &str = "هيك\nشو\nهلق\nهلأ\nكتير\nبدي\nبدك\nبدو\nبدها\nبدنا\nبدكن\nمنيح\nمنيحة\nهاد\nهيدا\nهيدي\nهدول\nهيدول\nلشو\nليش\nمبارح\nعنجد\nقديش\nوين\nيلي\nلسا\nكمان\nمافي\nتبع\nتبعي\nتبعك\nتبعو\nزلمة\nزلمي\nهون\nهونيك\nمنشان\nمشان\nشوي\nمش\nعم";
const MARKERS_GLF: &str = "وايد\nشلون\nابغى\nأبغى\nابغي\nتبغى\nيبغى\nنبغى\nتبي\nيبي\nهاذي\nشفيك\nعساك\nالحين\nچذي\nجذي\nوش\nشنو\nماكو\nاكو\nهواية\nليش\nوين\nحيل\nمب\nمو\nيبه\nيمه\nترى\nواجد\nخوش\nاشلون";
const MARKERS_MGR: &str = "بزاف\nديال\nديالي\nديالك\nديالو\nديالها\nديالنا\nواش\nكيفاش\nدابا\nبلي\nعلاش\nحنا\nكاين\nكاينة\nماكاينش\nغادي\nبرشا\nياسر\nتوا\nكيما\nنتا\nنتي\nنتوما\nهادشي\nوالو\nمزيان\nمزيانة\nبغيت\nخاصك\nشحال\nصافي\nراه\nراني\nراك\nراهي\nزعما\nهكا\nكيفاه\nعلاه\nشنوة\nباش\nبرك\nياخي";

/// What the lists say about one normalized word: which high-precision lists hold it, and its
/// frequency bucket in each of `wordfreq::LANGUAGES`. One table, so that a word costs one
/// lookup.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Entry {
    pub bits: u8,
    pub freq: [u16; 3],
}

const NOWHERE: Entry = Entry {
    bits: 0,
    freq: crate::wordfreq::NONE,
};

type Lexicon = HashMap<String, Entry, BuildHasherDefault<Fnv>>;

/// The entry of a normalized word (`NOWHERE` for a word in no list).
#[cfg(test)]
pub(crate) fn entry(word: &str) -> Entry {
    lexicon().get(word).copied().unwrap_or(NOWHERE)
}

/// How common a word is in the most frequent of the wordfreq lists that hold it (its bucket:
/// lower is commoner), with a word only in the high-precision lists just past the rarest
/// bucket, and one in no list last.
pub(crate) fn rarity(word: &str) -> u16 {
    let mut key = String::new();
    push_normalized(word, &mut key);
    match lexicon().get(&key) {
        Some(e) if e.freq != crate::wordfreq::NONE => {
            e.freq.iter().copied().min().unwrap_or(u16::MAX)
        }
        Some(_) => u16::MAX - 1,
        None => u16::MAX,
    }
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| {
        let mut map = Lexicon::default();
        let mut key = String::new();
        for (bit, list) in LISTS {
            for word in list.lines() {
                // A vowelled entry was measured as written; without its marks it is often a
                // common word of other varieties (Tunisian `نْقُولْ` is `نقول`): it still says
                // "Arabic", but not which variety.
                let bit = if *bit & ARABIC != 0 {
                    if word.chars().any(is_diacritic) {
                        AR
                    } else {
                        bit | AR
                    }
                } else {
                    *bit
                };
                key.clear();
                push_normalized(word, &mut key);
                if key.is_empty() {
                    continue;
                }
                map.entry(key.clone()).or_insert(NOWHERE).bits |= bit;
                // Arabic as typed on social media: ة written ه, final ي and ى swapped, so that
                // `مسخره` (Persian list, and Arabic `مسخرة` without its dots) counts for both
                // languages, not for one.
                // The variants say "Arabic", not which variety: in dialect text these
                // spellings are the rule, and matching them to one list's words misleads.
                if bit & AR != 0 {
                    if let Some(variant) = spelling_variant(&key) {
                        map.entry(variant).or_insert(NOWHERE).bits |= AR;
                    }
                }
            }
        }
        crate::wordfreq::for_each(|word, k, bucket| {
            let e = match map.get_mut(word) {
                Some(e) => e,
                None => map.entry(word.to_string()).or_insert(NOWHERE),
            };
            e.freq[k] = e.freq[k].min(bucket);
        });
        map
    })
}

/// How many of a text's words each list holds.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Hits {
    pub arabic: u32,
    pub fa: u32,
    pub ur: u32,
    pub msa: u32,
    pub egy: u32,
    pub lev: u32,
    pub glf: u32,
    pub mgr: u32,
    /// Words of the text (of at least one letter).
    pub words: u32,
    /// Per language of `wordfreq::LANGUAGES`, the sum over the text's words of the log10 ratio
    /// of the word's frequency there to its highest frequency among them (0 or negative).
    pub freq: [f32; 3],
}

/// Calls `f` with each word of `text` (normalized: letters and digits without diacritics or
/// tatweel), the byte offset in `text` where it starts, and what the lists say about it (`None`
/// for a word in no list).
pub(crate) fn for_each_word(text: &str, mut f: impl FnMut(usize, &str, Option<&Entry>)) {
    let lexicon = lexicon();
    let start = text.as_ptr() as usize;
    let mut word = String::new();
    for token in text.split(|c: char| c.is_whitespace() || is_separator(c)) {
        word.clear();
        push_normalized(token, &mut word);
        if !word.is_empty() {
            f(
                token.as_ptr() as usize - start,
                &word,
                lexicon.get(word.as_str()),
            );
        }
    }
}

impl Hits {
    #[cfg(test)]
    pub(crate) fn of(text: &str) -> Hits {
        Hits::and_words(text, 0, |_, _| {})
    }

    /// The hits of `text`; `words` is also called with each word that starts in the first
    /// `word_bytes` bytes (for the dialect features, which read a shorter sample).
    pub(crate) fn and_words(
        text: &str,
        word_bytes: usize,
        mut words: impl FnMut(&str, &Entry),
    ) -> Hits {
        let mut hits = Hits::default();
        for_each_word(text, |at, word, found| {
            hits.words += 1;
            if at < word_bytes {
                words(word, found.unwrap_or(&NOWHERE));
            }
            let Some(found) = found else {
                return;
            };
            if let Some(s) = crate::wordfreq::scores(word, &found.freq) {
                for (sum, v) in hits.freq.iter_mut().zip(s) {
                    *sum += v;
                }
            }
            let bits = found.bits;
            let add = |bit: u8, n: &mut u32| *n += u32::from(bits & bit != 0);
            add(AR, &mut hits.arabic);
            add(FA, &mut hits.fa);
            add(UR, &mut hits.ur);
            add(MSA, &mut hits.msa);
            add(EGY, &mut hits.egy);
            add(LEV, &mut hits.lev);
            add(GLF, &mut hits.glf);
            add(MGR, &mut hits.mgr);
        });
        hits
    }

    /// The word-frequency log-ratio for a lid.176 label. A label without a list (Pashto,
    /// Sindhi, …) gets the best of the three: the frequencies then only rank Arabic, Persian
    /// and Urdu among themselves, and do not favour a language merely for lacking a list.
    pub(crate) fn freq_for_label(&self, code: &str) -> f32 {
        let code = if code == "arz" { "ar" } else { code };
        match crate::wordfreq::LANGUAGES.iter().position(|l| *l == code) {
            Some(k) => self.freq[k],
            None => self.freq.iter().copied().fold(f32::MIN, f32::max),
        }
    }

    /// Hits for a lid.176 label (0 for labels without a list).
    pub(crate) fn for_label(&self, code: &str) -> u32 {
        match code {
            "ar" | "arz" => self.arabic,
            "fa" => self.fa,
            "ur" => self.ur,
            _ => 0,
        }
    }
}

/// Punctuation that separates words without a space (Arabic comma, question mark, ...).
fn is_separator(c: char) -> bool {
    !is_letter_or_digit(c) && !is_diacritic(c) && c != TATWEEL && c != ZWNJ
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_match_without_diacritics() {
        let h = Hits::of("ذهبتُ إلى المدرسة، وكانت مغلقة");
        assert!(h.msa >= 1, "{h:?}");
        let h = Hits::of("شو عم تعمل هلق؟");
        assert!(h.lev >= 1, "{h:?}");
        let h = Hits::of("میں نے کہا تھا");
        assert!(h.ur >= 1, "{h:?}");
    }
}
