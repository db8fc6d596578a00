//! The script a text is written in, by a count of its letters.

use ghirbal_text::script::is_arabic_letter;
use std::sync::OnceLock;

/// The script most of a text's letters belong to (ISO 15924 names in [`Script::code`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Arabic,
    Latin,
    Cyrillic,
    /// Letters, but mostly of another script (Hebrew, Devanagari, Han, ...).
    Other,
    /// No letter at all (digits, punctuation, emoji).
    None,
}

impl Script {
    /// The ISO 15924 code: `Arab`, `Latn`, `Cyrl`, `Zyyy` (other), `Zzzz` (no letter).
    pub fn code(self) -> &'static str {
        match self {
            Script::Arabic => "Arab",
            Script::Latin => "Latn",
            Script::Cyrillic => "Cyrl",
            Script::Other => "Zyyy",
            Script::None => "Zzzz",
        }
    }

    /// The script with the most letters in `text` (ties go to Arabic, then Latin).
    pub fn of(text: &str) -> Script {
        let (mut arabic, mut latin, mut cyrillic, mut other) = (0u32, 0u32, 0u32, 0u32);
        for c in text.chars() {
            if c.is_ascii() {
                latin += u32::from(c.is_ascii_alphabetic());
            } else if is_arabic_letter(c) {
                arabic += 1;
            } else if is_letter(c) {
                match c {
                    '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => latin += 1,
                    '\u{0400}'..='\u{04FF}' => cyrillic += 1,
                    _ => other += 1,
                }
            }
        }
        let max = arabic.max(latin).max(cyrillic).max(other);
        if max == 0 {
            Script::None
        } else if arabic == max {
            Script::Arabic
        } else if latin == max {
            Script::Latin
        } else if cyrillic == max {
            Script::Cyrillic
        } else {
            Script::Other
        }
    }
}

/// `char::is_alphabetic` and `char::is_alphanumeric` for the Arabic block, looked up once:
/// Unicode's slow path for these characters was a fifth of identification time on Arabic text.
fn arabic_block() -> &'static [(bool, bool); 256] {
    static TABLE: OnceLock<[(bool, bool); 256]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [(false, false); 256];
        for (i, slot) in t.iter_mut().enumerate() {
            if let Some(c) = char::from_u32(0x0600 + i as u32) {
                *slot = (c.is_alphabetic(), c.is_alphanumeric());
            }
        }
        t
    })
}

/// `char::is_alphabetic`, fast for ASCII and the Arabic block.
pub(crate) fn is_letter(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphabetic(),
        n @ 0x0600..=0x06FF => arabic_block()[(n - 0x0600) as usize].0,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric`, fast for ASCII and the Arabic block.
pub(crate) fn is_letter_or_digit(c: char) -> bool {
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        n @ 0x0600..=0x06FF => arabic_block()[(n - 0x0600) as usize].1,
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(Script::of("مرحبا بكم in Cairo"), Script::Arabic);
        assert_eq!(Script::of("hello مرحبا world"), Script::Latin);
        assert_eq!(Script::of("привет"), Script::Cyrillic);
        assert_eq!(Script::of("12:30 !!"), Script::None);
    }

    #[test]
    fn fast_letter_tests_agree_with_unicode() {
        for c in ('\u{0}'..='\u{07FF}').chain('\u{FB50}'..='\u{FEFF}') {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?} U+{:04X}", c as u32);
            assert_eq!(
                is_letter_or_digit(c),
                c.is_alphanumeric(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
    }
}
