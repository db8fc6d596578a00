//! Repairing Arabic mojibake: UTF-8 text that was decoded as Windows-1256 or as Latin-1 /
//! Windows-1252 and saved again, so that `الكتاب` reads `ط§ظ„ظƒطھط§ط¨` or `Ø§Ù„ÙƒØªØ§Ø¨`.
//!
//! A token (a run without spaces) is repaired only when the repair is unambiguous: every
//! character maps back to one byte in that code page, the bytes are valid UTF-8, and the
//! result holds at least two Arabic letters and no control characters. Genuine Arabic or Latin
//! text essentially never re-encodes into valid multi-byte UTF-8 like that.

use crate::script::is_arabic_letter;
use encoding_rs::{Encoding, WINDOWS_1252, WINDOWS_1256};
use std::borrow::Cow;

/// SIMD pre-check for [`suspicious`]: Latin-1/1252 mojibake of Arabic always holds `Ø`/`Ù`
/// (byte C3), and Windows-1256 mojibake holds `§` (C2 A7) wherever the text had an alef, the
/// most frequent Arabic letter.
fn may_be_mojibake(bytes: &[u8]) -> bool {
    memchr::memchr(0xC3, bytes).is_some() || memchr::memmem::find(bytes, "§".as_bytes()).is_some()
}

/// Quick test: does the text hold the marks of Arabic mojibake at all?
fn suspicious(text: &str) -> bool {
    if !may_be_mojibake(text.as_bytes()) {
        return false;
    }
    let mut prev = '\0';
    for c in text.chars() {
        // Latin-1/1252: lead bytes D8–DB show as Ø Ù Ú Û.
        if matches!(prev, 'Ø' | 'Ù' | 'Ú' | 'Û') && !c.is_alphanumeric() && !c.is_whitespace() {
            return true;
        }
        if matches!(prev, 'Ø' | 'Ù' | 'Ú' | 'Û') && matches!(c, '\u{0080}'..='\u{00BF}') {
            return true;
        }
        // Windows-1256: lead bytes D8–DB show as ط ظ ع غ, continuation bytes as symbols,
        // Persian letters or Latin ligatures that never follow them in real Arabic.
        if matches!(prev, 'ط' | 'ظ' | 'ع' | 'غ')
            && matches!(
                c,
                '€' | '‚'
                    | 'ƒ'
                    | '„'
                    | '…'
                    | '†'
                    | '‡'
                    | 'ˆ'
                    | '‰'
                    | '‹'
                    | 'Œ'
                    | '‘'
                    | '’'
                    | '“'
                    | '”'
                    | '•'
                    | '–'
                    | '—'
                    | '™'
                    | '›'
                    | 'œ'
                    | '¢'
                    | '£'
                    | '¤'
                    | '¥'
                    | '¦'
                    | '§'
                    | '¨'
                    | '©'
                    | '«'
                    | '¬'
                    | '®'
                    | '¯'
                    | '°'
                    | '±'
                    | '²'
                    | '³'
                    | '´'
                    | 'µ'
                    | '¶'
                    | '·'
                    | '¸'
                    | '¹'
                    | '»'
                    | '¼'
                    | '½'
                    | '¾'
                    | 'پ'
                    | 'ٹ'
                    | 'چ'
                    | 'ژ'
                    | 'ڈ'
                    | 'گ'
                    | 'ک'
                    | 'ڑ'
                    | 'ں'
                    | 'ھ'
            )
        {
            return true;
        }
        prev = c;
    }
    false
}

fn try_token(token: &str, enc: &'static Encoding) -> Option<String> {
    if token.is_ascii() {
        return None;
    }
    let (bytes, _, unmappable) = enc.encode(token);
    if unmappable {
        return None;
    }
    let fixed = std::str::from_utf8(&bytes).ok()?;
    let arabic = fixed.chars().filter(|&c| is_arabic_letter(c)).count();
    if arabic < 2 || fixed.chars().any(char::is_control) || fixed == token {
        return None;
    }
    Some(fixed.to_string())
}

/// Repairs mojibake tokens; returns the text and the number of tokens repaired.
pub fn repair(text: &str) -> (Cow<'_, str>, u64) {
    if !suspicious(text) {
        return (Cow::Borrowed(text), 0);
    }
    let mut out = String::with_capacity(text.len());
    let mut repaired = 0;
    let mut rest = text;
    while !rest.is_empty() {
        let split = rest.find([' ', '\n']).unwrap_or(rest.len());
        let (token, tail) = rest.split_at(split);
        match try_token(token, WINDOWS_1256).or_else(|| try_token(token, WINDOWS_1252)) {
            Some(fixed) => {
                out.push_str(&fixed);
                repaired += 1;
            }
            None => out.push_str(token),
        }
        let sep_len = tail.chars().next().map_or(0, char::len_utf8);
        out.push_str(&tail[..sep_len]);
        rest = &tail[sep_len..];
    }
    if repaired == 0 {
        return (Cow::Borrowed(text), 0);
    }
    (Cow::Owned(out), repaired)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn garble(text: &str, enc: &'static Encoding) -> String {
        enc.decode_without_bom_handling(text.as_bytes())
            .0
            .into_owned()
    }

    #[test]
    fn repairs_windows_1256_and_1252_mojibake() {
        let original = "الكتاب المفيد في 2022";
        for enc in [WINDOWS_1256, WINDOWS_1252] {
            let bad = garble(original, enc);
            assert_ne!(bad, original);
            let (fixed, n) = repair(&bad);
            assert_eq!(fixed, original, "{}", enc.name());
            assert_eq!(n, 3);
        }
    }

    #[test]
    fn leaves_real_text_alone() {
        for t in ["طالب ظريف عاد غدا", "Ødegaard scored; Ùber café", "خط § ٣"]
        {
            assert_eq!(repair(t).1, 0, "{t}");
        }
    }
}
