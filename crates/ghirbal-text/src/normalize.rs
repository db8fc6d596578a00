//! The text-preserving normalization written to output: it changes how the text is encoded,
//! never what it says.
//!
//! In order: mojibake repair; Arabic presentation forms to standard letters; removal of
//! direction controls, zero-width characters, tatweel and other control characters; ZWNJ kept
//! only between two letters (it is meaningful in Persian); odd spaces to plain spaces; line
//! separators to `\n`; runs of spaces collapsed; lines trimmed; at most one blank line in a row;
//! Unicode NFC last (removing a character can bring a base and a mark together). Every change is
//! counted by kind. Applying it twice gives the same text as applying it once.

use crate::mojibake;
use crate::script::*;
use std::borrow::Cow;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Counts of what [`normalize`] changed, by kind.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    pub mojibake_tokens: u64,
    pub presentation_forms: u64,
    pub direction_controls: u64,
    pub zero_width: u64,
    pub zwnj_removed: u64,
    pub tatweel: u64,
    pub control_chars: u64,
    pub odd_spaces: u64,
    pub spaces_collapsed: u64,
    pub lines_trimmed: u64,
    pub blank_lines_removed: u64,
    pub nfc: u64,
}

impl Changes {
    /// `(kind, count)` pairs for the statistics, under stable names.
    pub fn pairs(&self) -> [(&'static str, u64); 12] {
        [
            ("mojibake_tokens_repaired", self.mojibake_tokens),
            ("presentation_forms", self.presentation_forms),
            ("direction_controls_removed", self.direction_controls),
            ("zero_width_removed", self.zero_width),
            ("zwnj_removed", self.zwnj_removed),
            ("tatweel_removed", self.tatweel),
            ("control_chars_removed", self.control_chars),
            ("odd_spaces", self.odd_spaces),
            ("spaces_collapsed", self.spaces_collapsed),
            ("lines_trimmed", self.lines_trimmed),
            ("blank_lines_removed", self.blank_lines_removed),
            ("nfc_changed", self.nfc),
        ]
    }
}

fn is_letter(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphabetic() || is_diacritic(c))
}

/// True for characters that no rule changes and that NFC leaves alone whatever follows them:
/// printable ASCII, the line break, guillemets, general punctuation (dashes, quotes, ellipsis,
/// bullets), and the Arabic block except tatweel, the Arabic letter mark and the combining
/// hamza and madda (which NFC composes with a preceding alef or waw). A text made only of these
/// cannot hold Arabic mojibake either: that always shows Latin-1 symbols such as § or Ø.
#[inline]
fn plain(c: char) -> bool {
    matches!(c, '\n' | ' '..='~' | '«' | '»' | '\u{2010}'..='\u{2027}')
        || (matches!(c, '\u{0600}'..='\u{06FF}')
            && !matches!(c, TATWEEL | '\u{061C}' | '\u{0653}'..='\u{0655}'))
}

/// [`plain`] over bytes, for the common case: the width of the character starting at
/// `bytes[i]` when it is printable ASCII, `\n`, or a two-byte Arabic sequence other than the
/// excluded ones; 0 for anything else, which needs decoding.
fn plain_width(bytes: &[u8], i: usize) -> usize {
    let b = bytes[i];
    if b == b'\n' || (0x20..0x7F).contains(&b) {
        return 1;
    }
    if (0xD8..=0xDB).contains(&b) && i + 1 < bytes.len() {
        let cp = ((u32::from(b) & 0x1F) << 6) | (u32::from(bytes[i + 1]) & 0x3F);
        if !matches!(cp, 0x0640 | 0x061C | 0x0653..=0x0655) {
            return 2;
        }
    }
    0
}

/// Whether every character is plain by [`plain_width`]; anything else sends the text to the
/// full path.
fn all_plain(bytes: &[u8]) -> bool {
    let mut i = 0;
    while i < bytes.len() {
        match plain_width(bytes, i) {
            0 => return false,
            w => i += w,
        }
    }
    true
}

/// True when [`clean_lines`] would change nothing: no double space, no space at a line's
/// edge, no run of blank lines, no blank line at either end.
fn lines_clean(bytes: &[u8]) -> bool {
    use memchr::memmem::find;
    !(bytes.first().is_some_and(|&b| b == b' ' || b == b'\n')
        || bytes.last().is_some_and(|&b| b == b' ' || b == b'\n')
        || find(bytes, b"  ").is_some()
        || find(bytes, b" \n").is_some()
        || find(bytes, b"\n ").is_some()
        || find(bytes, b"\n\n\n").is_some())
}

/// Normalizes `text`, counting each change into `ch`; borrows when nothing changes.
pub fn normalize<'a>(text: &'a str, ch: &mut Changes) -> Cow<'a, str> {
    // Fast path: most text needs only its spaces and lines tidied, and often not even that.
    if all_plain(text.as_bytes()) {
        if lines_clean(text.as_bytes()) {
            return Cow::Borrowed(text);
        }
        return Cow::Owned(clean_lines(text, ch));
    }
    Cow::Owned(normalize_full(text, ch))
}

/// Every rule, for text with characters outside the plain set.
fn normalize_full(text: &str, ch: &mut Changes) -> String {
    let mut out = normalize_once(text, ch);
    // Removing a character can leave mojibake that it hid (`\0ÙŠÙ…`: the NUL kept the token
    // from repairing; found by fuzzing): normalize again while the result still holds some, so
    // that a second normalization finds nothing to do.
    for _ in 0..3 {
        if mojibake::repair(&out).1 == 0 {
            break;
        }
        out = normalize_once(&out, ch);
    }
    out
}

/// One pass of every rule.
fn normalize_once(text: &str, ch: &mut Changes) -> String {
    // Mojibake can be layered (encoded wrongly twice); repair until stable so that a second
    // normalization finds nothing left to do.
    let mut owned: Option<String> = None;
    for _ in 0..3 {
        let current = owned.as_deref().unwrap_or(text);
        let (fixed, n) = mojibake::repair(current);
        if n == 0 {
            break;
        }
        ch.mojibake_tokens += n;
        owned = Some(fixed.into_owned());
    }
    let text = owned.as_deref().unwrap_or(text);

    // Characters, one pass: mapping and removal. ZWNJ and ZWJ are decided afterwards,
    // between their surviving neighbours.
    let mut mapped = String::with_capacity(text.len());
    let mut after_cr = false;
    let mut joiners = false;
    // NFC can only change text that keeps a character outside the plain set.
    let mut needs_nfc = false;
    // Runs of plain characters are copied as slices; only the others are looked at one by one.
    let mut run_start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Bytes first, as `all_plain` does: plain characters need no decoding (most of the
        // text), except the \n of a \r\n.
        let width = plain_width(bytes, i);
        if width > 0 && !(after_cr && bytes[i] == b'\n') {
            after_cr = false;
            i += width;
            continue;
        }
        // `i` is at a character's start: every step above is a whole character.
        let at = i;
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        i += c.len_utf8();
        let was_cr = std::mem::replace(&mut after_cr, c == '\r');
        if plain(c) && !(c == '\n' && was_cr) {
            continue;
        }
        mapped.push_str(&text[run_start..at]);
        run_start = at + c.len_utf8();
        if c == '\n' {
            continue; // the \n of \r\n: the \r already became a line break
        }
        match c {
            '\r' | '\u{2028}' | '\u{2029}' | '\u{000B}' | '\u{000C}' | '\u{0085}' => {
                mapped.push('\n')
            }
            TATWEEL => ch.tatweel += 1,
            ZWNJ | ZWJ => {
                joiners = true;
                mapped.push(c);
            }
            c if is_direction_control(c) => ch.direction_controls += 1,
            c if is_zero_width(c) => ch.zero_width += 1,
            c if is_odd_space(c) => {
                ch.odd_spaces += 1;
                mapped.push(' ');
            }
            c if c.is_control() => ch.control_chars += 1,
            c if is_presentation_form(c) => {
                ch.presentation_forms += 1;
                let mut any = false;
                needs_nfc = true;
                unicode_normalization::char::decompose_compatible(c, |d| {
                    any = true;
                    if d != TATWEEL {
                        mapped.push(d);
                    }
                });
                if !any {
                    mapped.push(c);
                }
            }
            c => {
                needs_nfc = true;
                mapped.push(c);
            }
        }
    }
    mapped.push_str(&text[run_start..]);
    if joiners {
        mapped = resolve_joiners(&mapped, ch);
    }
    let out = clean_lines(&mapped, ch);
    if needs_nfc && is_nfc_quick(out.chars()) != IsNormalized::Yes {
        let nfc: String = out.nfc().collect();
        if nfc != out {
            ch.nfc += 1;
            return nfc;
        }
    }
    out
}

/// ZWNJ survives only between two letters; ZWJ only between two non-Arabic characters (emoji
/// sequences); repeated joiners collapse to one. Neighbours are judged by their base
/// characters, since NFC may later merge a base with its marks.
fn resolve_joiners(text: &str, ch: &mut Changes) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut joined: Vec<char> = Vec::with_capacity(chars.len());
    for (idx, &c) in chars.iter().enumerate() {
        if c != ZWNJ && c != ZWJ {
            joined.push(c);
            continue;
        }
        let prev = joined
            .iter()
            .rev()
            .copied()
            .find(|&p| !is_combining_mark(p));
        let next = chars[idx + 1..]
            .iter()
            .copied()
            .find(|&n| n != ZWNJ && n != ZWJ && !is_combining_mark(n));
        let keep = joined.last() != Some(&c)
            && if c == ZWNJ {
                is_letter(prev) && is_letter(next)
            } else {
                prev.is_some_and(|p| !is_arabic_letter(p) && !p.is_whitespace())
                    && next.is_some_and(|n| !is_arabic_letter(n) && !n.is_whitespace())
            };
        if keep {
            joined.push(c);
        } else if c == ZWNJ {
            ch.zwnj_removed += 1;
        } else {
            ch.zero_width += 1;
        }
    }
    joined.into_iter().collect()
}

/// Collapses runs of spaces, trims lines, keeps at most one blank line in a row and none at the
/// start or end. Works on bytes: a space is one byte in UTF-8.
fn clean_lines(text: &str, ch: &mut Changes) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0usize;
    for line in text.split('\n') {
        let trimmed = line.trim_matches(' ');
        if trimmed.is_empty() {
            if !out.is_empty() {
                blank_run += 1;
            }
            if !line.is_empty() {
                ch.lines_trimmed += 1;
            }
            continue;
        }
        if trimmed.len() != line.len() {
            ch.lines_trimmed += 1;
        }
        if !out.is_empty() {
            if blank_run > 1 {
                ch.blank_lines_removed += (blank_run - 1) as u64;
            }
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        if trimmed.contains("  ") {
            let mut prev_space = false;
            for c in trimmed.chars() {
                if c == ' ' && prev_space {
                    ch.spaces_collapsed += 1;
                    continue;
                }
                prev_space = c == ' ';
                out.push(c);
            }
        } else {
            out.push_str(trimmed);
        }
    }
    if blank_run > 1 {
        ch.blank_lines_removed += (blank_run - 1) as u64;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn norm(s: &str) -> (String, Changes) {
        let mut ch = Changes::default();
        (normalize(s, &mut ch).into_owned(), ch)
    }

    #[test]
    fn removes_tatweel_marks_and_odd_spaces() {
        let (t, ch) = norm("مـــرحبا\u{00A0}\u{00A0}بكم \u{200F}في   الموقع\u{200B}");
        assert_eq!(t, "مرحبا بكم في الموقع");
        assert_eq!(ch.tatweel, 3);
        assert_eq!(ch.odd_spaces, 2);
        assert_eq!(ch.direction_controls, 1);
        assert_eq!(ch.zero_width, 1);
    }

    #[test]
    fn presentation_forms_become_letters() {
        // ﻻ (lam-alef ligature) and ﺃ (alef with hamza above, isolated form)
        let (t, ch) = norm("\u{FEFB} \u{FE83}حمد");
        assert_eq!(t, "لا أحمد");
        assert_eq!(ch.presentation_forms, 2);
    }

    #[test]
    fn zwnj_kept_between_letters_only() {
        let (t, _) = norm("می\u{200C}خواهم \u{200C}x");
        assert_eq!(t, "می\u{200C}خواهم x");
    }

    #[test]
    fn lines_trimmed_and_blank_lines_limited() {
        let (t, ch) = norm("\n\n  عنوان  \r\n\r\n\r\n\r\nفقرة\n\n\n");
        assert_eq!(t, "عنوان\n\nفقرة");
        assert!(ch.blank_lines_removed >= 2, "{ch:?}");
    }

    /// Found by fuzzing (fuzz/regressions/normalize_idempotent): a control character inside
    /// a mojibake token kept it from being repaired until a second normalization.
    #[test]
    fn mojibake_behind_a_control_character_is_repaired_at_once() {
        let text = "\u{0}\u{d9}\u{160}\u{d9}\u{2026}";
        let once = normalize(text, &mut Changes::default()).into_owned();
        let twice = normalize(&once, &mut Changes::default()).into_owned();
        assert_eq!(once, twice);
        assert_eq!(once, "يم");
    }

    #[test]
    fn repairs_mojibake() {
        let (t, ch) = norm("Ø§Ù„ÙƒØªØ§Ø¨ Ø¬Ø¯ÙŠØ¯");
        assert_eq!(t, "الكتاب جديد");
        assert_eq!(ch.mojibake_tokens, 2);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, .. ProptestConfig::default() })]
        #[test]
        fn idempotent_on_arbitrary_unicode(s in "\\PC*|[\\u{0600}-\\u{06FF}\\u{FB50}-\\u{FEFF}\\u{200B}-\\u{200F} \\n\\r\\t]{0,40}") {
            let once = norm(&s).0;
            let twice = norm(&once).0;
            prop_assert_eq!(twice, once);
        }

        #[test]
        fn idempotent_on_any_chars(s in any::<String>()) {
            let once = norm(&s).0;
            prop_assert_eq!(norm(&once).0, once);
        }
    }
}
