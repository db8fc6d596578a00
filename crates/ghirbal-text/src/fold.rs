//! The matching normalization: an aggressive folding used only to compare text (phrase
//! lookup, repeated lines, deduplication hashes), never written to output.
//!
//! Diacritics and tatweel are dropped; أ إ آ ٱ become ا; ى and Persian ی become ي; ة becomes ه;
//! Persian ک becomes ك; Arabic-Indic and Persian digits become ASCII digits; Latin letters are
//! lowercased; every other character that is neither a letter nor a digit (punctuation, symbols,
//! invisible characters) becomes a space; runs of spaces collapse to one; the result is trimmed.

use crate::script::{ascii_digit, is_arabic_letter, is_diacritic, TATWEEL};

/// The folded form of one character: `Some(c)` to keep (possibly mapped), `None` to drop, and
/// `Some(' ')` for separators.
#[inline]
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' => 'ا',
        'ى' | 'ی' | 'ې' => 'ي',
        'ة' => 'ه',
        'ک' => 'ك',
        '٠'..='٩' | '۰'..='۹' => return ascii_digit(c),
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

/// What one input character becomes: dropped, a separator, or up to four UTF-8 bytes, with
/// its script (for splitting glued Latin and Arabic words).
#[derive(Clone, Copy)]
struct Entry {
    /// 0: drop; `SPACE`: separator; 1: emit `ch`.
    len: u8,
    script: Script,
    ch: char,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Script {
    Other,
    Latin,
    Arabic,
}

const SPACE: u8 = u8::MAX;

fn entry(c: char) -> Entry {
    match fold_char(c) {
        None => Entry {
            len: 0,
            script: Script::Other,
            ch: ' ',
        },
        Some(' ') => Entry {
            len: SPACE,
            script: Script::Other,
            ch: ' ',
        },
        Some(f) => {
            let script = if f.is_ascii_alphabetic() {
                Script::Latin
            } else if is_arabic_letter(f) {
                Script::Arabic
            } else {
                Script::Other
            };
            Entry {
                len: 1,
                script,
                ch: f,
            }
        }
    }
}

/// `fold_char` precomputed for ASCII and the Arabic block (U+0600–U+06FF), which make up
/// nearly all of the text, so the hot loop works on bytes without Unicode table lookups.
struct Tables {
    ascii: [Entry; 128],
    arabic: [Entry; 256],
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let blank = entry(' ');
        let mut t = Tables {
            ascii: [blank; 128],
            arabic: [blank; 256],
        };
        for (i, slot) in t.ascii.iter_mut().enumerate() {
            *slot = entry(char::from(i as u8));
        }
        for (i, slot) in t.arabic.iter_mut().enumerate() {
            *slot = char::from_u32(0x0600 + i as u32).map_or(blank, entry);
        }
        t
    })
}

/// Appends the folded form of `text` to `out`. A change of script between two letters
/// (Latin glued to Arabic, as in crawled "Read Moreكسارة") also separates words.
pub fn fold_into(text: &str, out: &mut String) {
    let t = tables();
    let bytes = text.as_bytes();
    let start = out.len();
    let mut pending_space = false;
    let mut prev = Script::Other;
    // Whether the current word was written starting with a bare alef (ا, not آ أ إ): only
    // then is a lone "ال" the article split off its word, not the name particle "آل".
    let mut bare_alef_word = false;
    let mut word_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let mut bare_alef = false;
        let e = if b < 0x80 {
            i += 1;
            t.ascii[usize::from(b)]
        } else if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
            // Two-byte sequences D8 80 – DB BF are exactly U+0600 – U+06FF.
            let cp = ((usize::from(b) & 0x1F) << 6) | (usize::from(bytes[i + 1]) & 0x3F);
            i += 2;
            bare_alef = cp == 0x627;
            t.arabic[cp - 0x600]
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            entry(c)
        };
        match e.len {
            0 => {}
            SPACE => {
                pending_space = true;
                word_start = true;
            }
            _ => {
                if e.script != Script::Other {
                    if prev != Script::Other && prev != e.script {
                        pending_space = true;
                    }
                    prev = e.script;
                }
                // The article "ال" standing alone was split off its word by some corpora's
                // preprocessing ("ال صفحة", "أطف ال"): it joins the next Arabic letter again.
                // Only at the first letter of a word: most letters skip all of this.
                if pending_space || word_start {
                    let split_article =
                        pending_space && bare_alef_word && e.script == Script::Arabic && {
                            let done = &out.as_bytes()[start..];
                            done.ends_with("ال".as_bytes())
                                && (done.len() == 4 || done[done.len() - 5] == b' ')
                        };
                    if pending_space && out.len() > start && !split_article {
                        out.push(' ');
                    }
                    if !split_article {
                        bare_alef_word = bare_alef;
                    }
                    word_start = false;
                    pending_space = false;
                }
                out.push(e.ch);
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
        assert_eq!(fold("ال صفحة الأخيرة"), fold("الصفحة الأخيرة"));
        assert_eq!(fold("قال ال رئيس"), "قال الرئيس");
        // "آل" is a name's particle, not a split article.
        assert_eq!(fold("عبدالله آل سرحان"), "عبدالله ال سرحان");
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
