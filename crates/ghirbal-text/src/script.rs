//! Character classes of the Arabic script and of invisible or unusual characters.

/// Arabic tatweel (kashida), used to stretch words for layout.
pub const TATWEEL: char = '\u{0640}';
pub const ZWNJ: char = '\u{200C}';
pub const ZWJ: char = '\u{200D}';

/// Harakat, tanween, shadda, sukun, superscript alef and Quranic annotation marks.
pub fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0610}'..='\u{061A}' | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E8}' | '\u{06EA}'..='\u{06ED}')
}

/// Bidirectional formatting characters: marks, embeddings, overrides and isolates.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Zero-width characters other than ZWNJ and ZWJ (handled by context).
pub fn is_zero_width(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}' | '\u{00AD}'
    )
}

/// Spaces other than U+0020 that become a plain space.
pub fn is_odd_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Arabic presentation forms A and B (ligatures and positional shapes).
pub fn is_presentation_form(c: char) -> bool {
    matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}') && c != '\u{FEFF}'
}

/// Letters of the Arabic script block (including Persian and Urdu letters), without marks.
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}' | '\u{066F}' | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}' | '\u{06EF}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}')
}

/// A decimal digit in ASCII, Arabic-Indic (٠-٩) or Persian (۰-۹) script.
pub fn is_any_digit(c: char) -> bool {
    ascii_digit(c).is_some()
}

/// The ASCII digit for a digit of any of the three scripts.
pub fn ascii_digit(c: char) -> Option<char> {
    let zero = match c {
        '0'..='9' => return Some(c),
        '\u{0660}'..='\u{0669}' => 0x0660,
        '\u{06F0}'..='\u{06F9}' => 0x06F0,
        _ => return None,
    };
    char::from_u32(c as u32 - zero + u32::from(b'0'))
}

/// Sentence-ending punctuation, Arabic and Latin, including closing quotes after it.
pub fn is_terminal_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '؟' | '۔' | '…' | ':' | '"' | '”' | '»' | ')' | '\'' | '’' | '」'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_diacritic('\u{064E}'));
        assert!(!is_diacritic('ب'));
        assert!(is_arabic_letter('ی') && is_arabic_letter('ة') && !is_arabic_letter(TATWEEL));
        assert!(is_presentation_form('\u{FEFB}') && !is_presentation_form('\u{FEFF}'));
    }
}
