//! The part of a text that is identified, cleaned of what says nothing about its language.
//!
//! Web and social-media text carries tokens in no language (URLs, @mentions, e-mail addresses),
//! hashtags whose words are joined by `_`, letters stretched for emphasis (`عجييييب`,
//! `sooooo`), and Arabic presentation forms (`ﺍﻟﻠﻪ`) that the model never saw. Left in, a URL
//! makes a short Arabic tweet "Latin script" and a stretched word looks like no language.

use crate::script::{is_letter, is_letter_or_digit};
use crate::words::rarity;
use ghirbal_text::normalize::{normalize, Changes};
use ghirbal_text::script::is_arabic_letter;

/// Returns the cleaned text of `sample`, in `out` (cleared first).
pub(crate) fn clean(sample: &str, out: &mut String) {
    out.clear();
    let mut changes = Changes::default();
    let text = normalize(sample, &mut changes);
    // Hashtags in Latin letters (`#MannequinChallenge`, trending tags) say nothing of an
    // Arabic-script tweet's language, yet outnumber its few letters: they are dropped when the
    // text has Arabic-script letters outside hashtags.
    let arabic_outside_tags = tokens(&text).any(|t| {
        let t = trim_punctuation(t);
        !t.starts_with('#') && !is_address(t) && t.chars().any(is_arabic_letter)
    });
    for token in tokens(&text) {
        // A URL glued to the word before it (`لههههhttps://t.co/...`).
        let token = match token.find("http") {
            Some(at) if at > 0 => &token[..at],
            _ => token,
        };
        // Quotes and brackets around a mention or a hashtag (`"@user`, `(#tag)`).
        let bare = trim_punctuation(token);
        if is_address(bare) || is_laughter(bare) {
            continue;
        }
        if arabic_outside_tags && is_latin_hashtag(bare) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let start = out.len();
        if push_unstretched(token, 1, out) {
            // A letter three or more times in a row is emphasis: one is kept, unless the word
            // with two is a commoner word (`الحمدللللله` is `الحمدلله`, not `الحمدله`). Word
            // by word: a hashtag's `_` became spaces.
            let mut two = String::new();
            push_unstretched(token, 2, &mut two);
            let one = out.split_off(start);
            for (k, (a, b)) in one.split(' ').zip(two.split(' ')).enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                let commoner = a != b && rarity(trim_punctuation(b)) < rarity(trim_punctuation(a));
                out.push_str(if commoner { b } else { a });
            }
        }
    }
}

/// Pushes `token` to `out` with `#` left out, `_` as a space, and each letter repeated three or
/// more times in a row kept `keep` times. Returns whether a run was shortened.
fn push_unstretched(token: &str, keep: usize, out: &mut String) -> bool {
    let mut last = '\0';
    let mut run = 0usize;
    let mut shortened = false;
    for c in token.chars() {
        let c = match c {
            '#' => continue,
            '_' => ' ',
            // Alef wasla, Quranic spelling, used for any alef in stylized text.
            'ٱ' => 'ا',
            c => c,
        };
        if c == last {
            run += 1;
        } else {
            last = c;
            run = 1;
        }
        if run == 3 && is_letter(c) {
            shortened = true;
            if keep < 2 {
                let mut tail = [0u8; 4];
                let len = c.encode_utf8(&mut tail).len();
                out.truncate(out.len() - len);
            }
        }
        if run < 3 || !is_letter(c) {
            out.push(c);
        }
    }
    shortened
}

/// The whitespace-separated tokens of `text`, a hashtag glued to what comes before it by an
/// emoji or punctuation made a token of its own (`😻😻#MannequinChallenge`): without the split
/// the tag's letters would count as text.
fn tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace().flat_map(|rest| Pieces { rest })
}

/// The pieces of one token, cut before each `#` that follows neither a letter, a digit, `_`
/// nor another `#`.
struct Pieces<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        // Most tokens hold no `#` after their first byte: no scan.
        if !self.rest.as_bytes()[1..].contains(&b'#') {
            return Some(std::mem::take(&mut self.rest));
        }
        let mut prev = None;
        let cut = self.rest.char_indices().find_map(|(i, c)| {
            let here = c == '#'
                && prev.is_some_and(|p: char| !p.is_alphanumeric() && p != '#' && p != '_');
            prev = Some(c);
            here.then_some(i)
        });
        let (piece, rest) = self.rest.split_at(cut.unwrap_or(self.rest.len()));
        self.rest = rest;
        Some(piece)
    }
}

/// The token without the punctuation around it (quotes, brackets, commas).
fn trim_punctuation(token: &str) -> &str {
    token.trim_matches(|c: char| {
        c.is_ascii_punctuation() && c != '#' && c != '@' || "«»“”‘’،؛؟".contains(c)
    })
}

/// A hashtag whose letters are all Latin (`#Christmas`, `#save_aleppo`).
fn is_latin_hashtag(token: &str) -> bool {
    token.len() > 1
        && token.starts_with('#')
        && token.chars().any(|c| c.is_ascii_alphabetic())
        && !token.chars().any(is_arabic_letter)
}

/// Written laughter (`هههه`, `هاهاها`, `خخخخ`), shared by Arabic and Persian: no evidence for
/// either. Emoji and punctuation glued to it (`ههههه😂`) do not hide it.
fn is_laughter(token: &str) -> bool {
    laughs(token) > 0
}

/// How many laughing letters `token` holds when its letters are laughter alone (else 0), emoji
/// and punctuation aside: at least two `ه` (with `ا` among them, `هاها`), or a lone `ه`; at
/// least three `خ` and nothing else (fewer is a word: `خخ` is not written for laughter).
fn laughs(token: &str) -> usize {
    let (mut h, mut kh, mut alef, mut letters) = (0usize, 0usize, false, 0usize);
    for c in token.chars() {
        match c {
            'ه' => h += 1,
            'خ' => kh += 1,
            'ا' => alef = true,
            // Most tokens are words: their first other letter ends the check, as a digit does
            // ("1445ه" is a year).
            c if is_letter_or_digit(c) => return 0,
            _ => continue,
        }
        letters += 1;
    }
    match (h, kh) {
        (1, 0) if letters == 1 => 1,
        (2.., 0) => h,
        (0, 3..) if !alef => kh,
        _ => 0,
    }
}

/// Whether `text` is written laughter alone (`ههههه`, `هاهاها 😂`, `خخخخ`): besides addresses,
/// emoji and punctuation, only laughter, with at least three laughing letters in one token.
pub(crate) fn laughter_only(text: &str) -> bool {
    let mut laughed = false;
    for token in text.split_whitespace() {
        let bare = trim_punctuation(token);
        let n = laughs(bare);
        if n > 0 {
            laughed |= n >= 3;
        } else if !is_address(bare) && bare.chars().any(crate::script::is_letter) {
            return false;
        }
    }
    laughed
}

/// URLs, @mentions and e-mail addresses.
fn is_address(token: &str) -> bool {
    token.starts_with('@')
        || token.starts_with("http")
        || token.starts_with("www.")
        || token.contains("://")
        || (token.contains('@') && token.contains('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cleaned(s: &str) -> String {
        let mut out = String::new();
        clean(s, &mut out);
        out
    }

    #[test]
    fn addresses_hashtags_and_stretched_letters() {
        assert_eq!(cleaned("واخيرااااااا https://t.co/QBtt6YHiT4"), "واخيرا");
        assert_eq!(cleaned("@user #غزة_تحت_القصف"), "غزة تحت القصف");
        assert_eq!(cleaned("عجييييييب جدا"), "عجيب جدا");
        // Two of a stretched letter when that makes the commoner word.
        assert_eq!(cleaned("الحمدللللله"), "الحمدلله");
        assert_eq!(cleaned("يا اللللله"), "يا الله");
        assert_eq!(cleaned("خلااااص"), "خلاص");
        assert_eq!(cleaned("#الحمدللللله_رب_العالمين"), "الحمدلله رب العالمين");
        assert_eq!(cleaned("الله"), "الله");
        assert_eq!(cleaned("ﺍﻟﻠﻪ"), "الله");
        assert_eq!(
            cleaned("اشتقت لههههههههههhttps://t.co/akgJuknWAO"),
            "اشتقت له"
        );
        assert_eq!(cleaned("هه انا عارفه هههههه"), "انا عارفه");
        assert_eq!(cleaned("ههههههههه😂 تستاهل خخخخ"), "تستاهل");
        // A Hijri year is no laughter.
        assert_eq!(cleaned("عام 1445ه"), "عام 1445ه");
        assert_eq!(cleaned("\"@user_1 @x ياخي وقح\""), "ياخي وقح\"");
        assert_eq!(
            cleaned("عجيب 😻 #MannequinChallenge https://t.co/x"),
            "عجيب 😻"
        );
        // Glued to emoji before it, a Latin hashtag is still a hashtag.
        assert_eq!(
            cleaned("\"عجييييب 😻😻#MannequinChallenge https://t.co/x\""),
            "\"عجيب 😻😻"
        );
        // A Latin hashtag alone is all the text there is: kept.
        assert_eq!(cleaned("#Christmas"), "Christmas");
        assert_eq!(cleaned("#غزة_تحت_القصف"), "غزة تحت القصف");
    }

    #[test]
    fn laughter_alone() {
        for s in [
            "ههههههه",
            "هاهاهاها",
            "😂😂 ههه",
            "ههههه، @user",
            "ههههه😂",
            "خخخخ",
            "خخخخخ 😂😂",
        ] {
            assert!(laughter_only(s), "{s}");
        }
        for s in ["هه", "هههه خلاص", "ہاہاہا", "😂", "", "خخ", "خاخ", "ههخ"]
        {
            assert!(!laughter_only(s), "{s}");
        }
    }
}
