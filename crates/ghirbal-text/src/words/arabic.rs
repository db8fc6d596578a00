//! ghirbal's Arabic splitter: a word is a run of letters with their combining marks, or a
//! number in any digit script with its inner separators; every other visible character is a
//! token of its own.

use super::*;

// ghirbal's Arabic splitter

/// What a character is to the Arabic splitter.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Whitespace and direction marks: between tokens.
    Skip,
    /// Letters, combining marks, tatweel, joiners: inside a word.
    Letter,
    /// Digits of any script: inside a word, and they let a separator join a number.
    Digit,
    /// Anything else: a token of its own.
    Other,
}

/// The classes of U+0600..=U+06FF, by code point offset.
pub(super) const ARABIC_BLOCK: [Class; 256] = {
    let mut t = [Class::Other; 256];
    let mut k = 0;
    while k < 256 {
        let cp = 0x600 + k as u32;
        t[k] = match cp {
            0x610..=0x61A | 0x620..=0x65F | 0x66E..=0x66F | 0x670..=0x6D3 | 0x6D5..=0x6DC => {
                Class::Letter
            }
            0x6DF..=0x6E8 | 0x6EA..=0x6EF | 0x6FA..=0x6FC | 0x6FF => Class::Letter,
            0x660..=0x669 | 0x6F0..=0x6F9 => Class::Digit,
            0x61C => Class::Skip,
            _ => Class::Other,
        };
        k += 1;
    }
    t
};

pub(super) fn class(c: char) -> Class {
    if c.is_ascii() {
        return if c.is_ascii_alphabetic() {
            Class::Letter
        } else if c.is_ascii_digit() {
            Class::Digit
        } else if c.is_ascii_whitespace() || matches!(c, '\u{0b}' | '\u{1c}'..='\u{1f}') {
            Class::Skip
        } else {
            Class::Other
        };
    }
    if ('\u{0600}'..='\u{06FF}').contains(&c) {
        return ARABIC_BLOCK[c as usize - 0x600];
    }
    if c.is_whitespace() || crate::script::is_direction_control(c) {
        Class::Skip
    } else if c.is_numeric() {
        Class::Digit
    } else if c.is_alphabetic() || matches!(c, '\u{200c}' | '\u{200d}') || is_mark(c) {
        Class::Letter
    } else {
        Class::Other
    }
}

/// Separators that stay inside a number when a digit follows: `3.5`, `1,200`, `١٬٢٠٠`, `٣٫٥`,
/// `12:30`, `2020/10/05`.
pub(super) fn is_number_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | '\u{066b}' | '\u{066c}' | ':' | '/' | '-')
}

pub(super) fn arabic_words<'a>(text: &'a str, out: &mut Vec<&'a str>) {
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        let cl = class(c);
        if cl == Class::Skip {
            continue;
        }
        let mut end = start + c.len_utf8();
        if cl != Class::Other {
            let mut last_digit = cl == Class::Digit;
            while let Some(&(i, d)) = it.peek() {
                let dl = class(d);
                if dl == Class::Letter || dl == Class::Digit {
                    last_digit = dl == Class::Digit;
                    end = i + d.len_utf8();
                    it.next();
                } else if last_digit && is_number_joiner(d) {
                    // Only a digit after the separator keeps it inside the word.
                    let next = text[i + d.len_utf8()..].chars().next();
                    if next.is_some_and(|n| class(n) == Class::Digit) {
                        end = i + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                } else if d == '\'' || d == '’' {
                    // English contractions: "don't".
                    let next = text[i + d.len_utf8()..].chars().next();
                    if c.is_ascii_alphabetic() && next.is_some_and(|n| n.is_ascii_alphabetic()) {
                        end = i + d.len_utf8();
                        it.next();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
            }
        } else {
            while let Some(&(i, d)) = it.peek() {
                if d != c {
                    break;
                }
                end = i + d.len_utf8();
                it.next();
            }
        }
        out.push(&text[start..end]);
    }
}
