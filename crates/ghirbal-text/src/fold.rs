//! The matching normalization: an aggressive folding used only to compare text (phrase
//! lookup, repeated lines, deduplication hashes), never written to output.
//!
//! Diacritics and tatweel are dropped; أ إ آ ٱ become ا; ى and Persian ی become ي; ة becomes ه;
//! Persian ک becomes ك; Arabic-Indic and Persian digits become ASCII digits; Latin letters are
//! lowercased; every other character that is neither a letter nor a digit (punctuation, symbols,
//! invisible characters) becomes a space; runs of spaces collapse to one; the result is trimmed.

use crate::script::{is_arabic_letter, is_diacritic, TATWEEL};

/// The folded form of one character: `Some(c)` to keep (possibly mapped), `None` to drop, and
/// `Some(' ')` for separators.
#[inline]
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ې' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        '٠'..='٩' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '۰'..='۹' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        'A'..='Z' => c.to_ascii_lowercase(),
        c if c.is_ascii_alphanumeric() => c,
        TATWEEL | '\u{200C}' | '\u{200D}' => return None,
        c if is_diacritic(c) => return None,
        c if c.is_alphanumeric() => {
            if c.is_uppercase() {
                return c.to_lowercase().next();
            }
            c
        }
        _ => ' ',
    })
}

/// `fold_char` precomputed for ASCII and the Arabic block (U+0600–U+06FF), which make up
/// nearly all of the text: Unicode table lookups per character would dominate otherwise.
/// `'\u{1}'` stands for "drop".
struct Tables {
    ascii: [char; 128],
    arabic: [char; 256],
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let entry = |c: char| fold_char(c).unwrap_or('\u{1}');
        let mut t = Tables {
            ascii: ['\u{1}'; 128],
            arabic: ['\u{1}'; 256],
        };
        for (i, slot) in t.ascii.iter_mut().enumerate() {
            *slot = entry(char::from(i as u8));
        }
        for (i, slot) in t.arabic.iter_mut().enumerate() {
            *slot = char::from_u32(0x0600 + i as u32).map_or(' ', entry);
        }
        t
    })
}

#[inline]
fn fold_fast(t: &Tables, c: char) -> Option<char> {
    let folded = match c as u32 {
        n @ 0..=0x7F => t.ascii[n as usize],
        n @ 0x0600..=0x06FF => t.arabic[(n - 0x0600) as usize],
        _ => return fold_char(c),
    };
    (folded != '\u{1}').then_some(folded)
}

/// Appends the folded form of `text` to `out`. A change of script between two letters
/// (Latin glued to Arabic, as in crawled "Read Moreكسارة") also separates words.
pub fn fold_into(text: &str, out: &mut String) {
    let t = tables();
    let start = out.len();
    let mut pending_space = false;
    let mut prev_latin: Option<bool> = None;
    for c in text.chars() {
        match fold_fast(t, c) {
            None => {}
            Some(' ') => pending_space = true,
            Some(f) => {
                let latin = f.is_ascii_alphabetic();
                let arabic = is_arabic_letter(f);
                if let Some(was_latin) = prev_latin {
                    if (latin && !was_latin) || (arabic && was_latin) {
                        pending_space = true;
                    }
                }
                prev_latin = if latin {
                    Some(true)
                } else if arabic {
                    Some(false)
                } else {
                    prev_latin
                };
                if pending_space && out.len() > start {
                    out.push(' ');
                }
                pending_space = false;
                out.push(f);
            }
        }
    }
}

/// The folded form of `text`.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn letter_variants_fold_together() {
        assert_eq!(fold("أحمد إلى آخر المدرسة"), fold("احمد الي اخر المدرسه"));
        assert_eq!(fold("كتاب"), fold("کتاب"));
        assert_eq!(fold("مـــرحـبـا"), "مرحبا");
        assert_eq!(fold("مَرْحَبًا"), "مرحبا");
        assert_eq!(fold("عام ٢٠٢٢ و۱۴۰۱"), "عام 2022 و1401");
    }

    #[test]
    fn glued_scripts_are_separated() {
        assert_eq!(fold("Read Moreكسارة للبيع"), "read more كساره للبيع");
    }

    #[test]
    fn punctuation_folds_to_single_spaces() {
        assert_eq!(
            fold("  اقرأ أيضاً: «خبر» — Leave a Reply!  "),
            "اقرا ايضا خبر leave a reply"
        );
    }

    proptest! {
        #[test]
        fn fold_is_idempotent(s in "\\PC*") {
            let once = fold(&s);
            prop_assert_eq!(fold(&once), once);
        }
    }
}
