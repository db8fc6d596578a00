//! Letter evidence for the languages written in Arabic script.
//!
//! Each of these languages has letters the others do not use: Arabic writes ة, ي, ك and ى, and
//! never ی or ک in careful text; Persian adds پ چ ژ گ and writes ی and ک; Urdu adds ٹ ڈ ڑ ں ے ہ;
//! Pashto ټ ډ ړ ږ ښ ځ څ ګ ڼ ۍ ې; Sorani Kurdish ڕ ڵ ۆ ێ ە; Sindhi ٻ ڄ ڃ ڇ ڊ ڌ ڍ ڏ ڙ ڦ ڪ ڱ ڳ ڻ ٺ ٽ
//! ٿ; Uyghur ۇ ۈ ۋ ڭ ې ى ە. On one or two words the model's character n-grams are weak
//! evidence, but a single letter outside a language's alphabet is strong evidence against it.
//!
//! For each candidate language this module gives a likelihood factor: 1 when every
//! distinctive letter of the text belongs to the language's alphabet, times [`WEAK`] for each
//! distinct letter that the language's text shows only through keyboard habits (Persian typed
//! with Arabic ي and ك, Arabic dialect words with گ or چ), times [`STRONG`] for each distinct
//! letter that the language does not write at all. Absence is evidence too: a Persian text
//! of thirty letters without one of ی ک پ چ ژ گ (or the Arabic-keyboard ي ى ك) is rare, so
//! a text with none of a language's usual letters gets `(1 - rate)^letters`, `rate` being
//! how often those letters occur in running text (Persian: ی about 9 %, ک 3.5 %, گ 1.5 %, پ
//! and چ under 1 % each, so 0.16). Arabic's (ة ي ى ك إ, about 12 % in edited text) get 0.06:
//! social-media Arabic
//! writes ة as ه and drops them more often. The factors multiply the model's probabilities,
//! as independent evidence would.

use ghirbal_text::script::is_arabic_letter;
use std::sync::OnceLock;

/// Factor for a distinct letter the language does not write.
pub(crate) const STRONG: f32 = 0.02;
/// Factor for a distinct letter the language writes only by habit or in loans. Measured on
/// langid-dev: of 2,599 Persian sentences 16 hold an Arabic ي and 8 an Arabic ك (under 1 %), so
/// 0.1 is still generous; it was 0.25 until dialect tweets with ي read as Persian showed it
/// (at 0.1: 9 more of 62,112 Arabic tweets found, 2 fewer of 1,000 Persian word pairs, no
/// change on Persian and Urdu sentences or on 11,455 Gulf, Iraqi and Maghrebi tweets).
pub(crate) const WEAK: f32 = 0.1;

/// Letters that tell the Arabic-script languages apart (each used by some and not others).
const DISTINCTIVE: &str = "ةيكىإیکپچژگٹڈڑںےۓہۂھۃټډړږښځڅګڼۍېڕڵۆێەٻڄڃڇڊڌڍڎڏڙڦڪڱڳڻٺٽٿۇۈۋڭ";

const NOT_DISTINCTIVE: u8 = u8::MAX;

/// For each character of the Arabic block, its position in [`DISTINCTIVE`].
fn distinctive_index() -> &'static [u8; 256] {
    static INDEX: OnceLock<[u8; 256]> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = [NOT_DISTINCTIVE; 256];
        for (i, c) in DISTINCTIVE.chars().enumerate() {
            if let (n @ 0x0600..=0x06FF, Ok(i)) = (c as u32, u8::try_from(i)) {
                index[(n - 0x0600) as usize] = i;
            }
        }
        index
    })
}

/// A language's alphabet among the distinctive letters: letters it writes, and letters its
/// texts show by habit (weak evidence against it).
struct Alphabet {
    codes: &'static [&'static str],
    writes: &'static str,
    habit: &'static str,
    /// Letters of which a text in the language almost always has one, and how often they
    /// occur together (per letter of running text).
    marks: &'static str,
    rate: f32,
}

const ALPHABETS: &[Alphabet] = &[
    Alphabet {
        codes: &["ar", "arz"],
        writes: "ةيكىإ",
        habit: "یکپچژگڤھۃ",
        marks: "ةيىكإ",
        rate: 0.06,
    },
    Alphabet {
        codes: &["fa", "mzn", "glk", "lrc", "azb"],
        writes: "یکپچژگ",
        habit: "ةيكىإۆ",
        marks: "یکپچژگيىك",
        rate: 0.16,
    },
    Alphabet {
        codes: &["ur", "pnb"],
        writes: "یکپچژگٹڈڑںےۓہۂھۃ",
        habit: "ةيكىإ",
        marks: "یےکہںٹڈڑھگپچيكى",
        rate: 0.2,
    },
    Alphabet {
        codes: &["ps"],
        writes: "یکپچژگيټډړږښځڅګڼۍې",
        habit: "ةكىإںھہے",
        marks: "یېۍيکګټډړږښځڅڼپچژگ",
        rate: 0.15,
    },
    Alphabet {
        codes: &["ckb", "ku"],
        writes: "یکپچژگڕڵۆێەھ",
        habit: "ةيكى",
        marks: "یێکەۆڕڵپچژگھ",
        rate: 0.2,
    },
    Alphabet {
        codes: &["sd"],
        writes: "یکپچژگھٻڄڃڇڊڌڍڎڏڙڦڪڱڳڻٺٽٿ",
        habit: "ةيكىںےہ",
        marks: "یکھٻڄڃڇڊڌڍڎڏڙڦڪڱڳڻٺٽٿپچژگ",
        rate: 0.15,
    },
    Alphabet {
        codes: &["ug"],
        writes: "يكىپچژگھۇۈۋڭېەۆ",
        habit: "یک",
        marks: "يكىۇۈۋڭېەۆھپچژگ",
        rate: 0.2,
    },
];

/// The distinct distinctive letters of a text, as a bit set over [`DISTINCTIVE`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Seen {
    bits: u64,
    /// Letters of the Arabic script in the text.
    letters: u32,
}

impl Seen {
    pub(crate) fn of(text: &str) -> Seen {
        let index = distinctive_index();
        let mut bits = 0u64;
        let mut letters = 0u32;
        for c in text.chars() {
            if let n @ 0x0600..=0x06FF = c as u32 {
                letters += u32::from(is_arabic_letter(c));
                let i = index[(n - 0x0600) as usize];
                if i != NOT_DISTINCTIVE {
                    bits |= 1 << i;
                }
            }
        }
        Seen { bits, letters }
    }

    /// The likelihood factor of the letters seen for language `code`; 1 for a language
    /// without an alphabet here (the Latin-script ones, which the caller rules out anyway).
    pub(crate) fn factor(self, code: &str) -> f32 {
        let Some(alphabet) = ALPHABETS.iter().find(|a| a.codes.contains(&code)) else {
            return 1.0;
        };
        let mut f = 1.0f32;
        for (i, c) in DISTINCTIVE.chars().enumerate() {
            if self.bits & (1 << i) == 0 || alphabet.writes.contains(c) {
                continue;
            }
            f *= if alphabet.habit.contains(c) {
                WEAK
            } else {
                STRONG
            };
        }
        // None of the letters the language can hardly do without: as likely as `letters`
        // draws that all miss them.
        let has_mark = DISTINCTIVE
            .chars()
            .enumerate()
            .any(|(i, c)| self.bits & (1 << i) != 0 && alphabet.marks.contains(c));
        if !has_mark {
            f *= (1.0 - alphabet.rate).powi(self.letters.min(400) as i32);
        }
        f.max(1e-30)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinctive_letters_fit_in_the_bit_set() {
        assert!(DISTINCTIVE.chars().count() <= 64);
    }

    #[test]
    fn factors() {
        let arabic = Seen::of("مدينة كبيرة");
        assert_eq!(arabic.factor("ar"), 1.0);
        assert!(arabic.factor("fa") < 0.1);
        let urdu = Seen::of("میں ٹھیک ہوں");
        assert_eq!(urdu.factor("ur"), 1.0);
        assert!(urdu.factor("fa") < 0.001 && urdu.factor("ar") < 0.001);
        // No distinctive letter at all: weak evidence against both, more against Persian,
        // which can hardly write five letters without ی, ک, پ, چ, ژ or گ.
        let neutral = Seen::of("بانها");
        assert!(neutral.factor("fa") < neutral.factor("ar"));
        assert!(neutral.factor("ar") > 0.5);
    }
}
