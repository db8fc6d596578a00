//! Counting words, letters and function words in a block of text: the few features that
//! decide whether a block reads like prose (Kohlschütter et al. 2010 found word counts and
//! link density carry most of the signal; jusText adds the share of function words).

use std::collections::HashSet;
use std::sync::OnceLock;

/// What a run of text holds.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Counts {
    pub words: u32,
    /// Letters and digits (combining marks not counted).
    pub letters: u32,
    /// Arabic-script letters among them.
    pub arabic: u32,
    /// Words in the function-word lists.
    pub function: u32,
    /// Sentence ends (`. ! ? … ؟ ۔`).
    pub stops: u32,
    /// Commas (`, ، ؛ ;`).
    pub commas: u32,
}

impl Counts {
    /// Mostly Arabic script.
    pub fn is_arabic(&self) -> bool {
        self.arabic * 2 > self.letters
    }
}

fn is_word_char(c: char) -> bool {
    // Combining marks (harakat) stay inside a word rather than splitting it.
    c.is_alphanumeric() || c == '_' || ('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0670}'
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Counts what `text` holds. `word_buf` is scratch space reused between calls.
pub fn count(text: &str, word_buf: &mut String) -> Counts {
    let lists = lists();
    let mut c = Counts::default();
    word_buf.clear();
    let flush = |w: &mut String, c: &mut Counts| {
        if !w.is_empty() {
            c.words += 1;
            if lists.contains(w.as_str()) {
                c.function += 1;
            }
            w.clear();
        }
    };
    for ch in text.chars() {
        if is_word_char(ch) {
            if ch.is_alphanumeric() {
                c.letters += 1;
                if is_arabic_letter(ch) {
                    c.arabic += 1;
                }
            }
            if ch.is_ascii() {
                word_buf.push(ch.to_ascii_lowercase());
            } else if !('\u{064B}'..='\u{065F}').contains(&ch) && ch != '\u{0640}' {
                word_buf.push(ch);
            }
        } else {
            flush(word_buf, &mut c);
            match ch {
                '.' | '!' | '?' | '…' | '؟' | '۔' | '。' => c.stops += 1,
                ',' | '،' | '؛' | ';' | '，' | '、' => c.commas += 1,
                _ => {}
            }
        }
    }
    flush(word_buf, &mut c);
    c
}

/// English function words (written for ghirbal: articles, pronouns, prepositions,
/// conjunctions, auxiliaries and the commonest adverbs) and Arabic ones from the project's
/// lexicon. Scripts without a list are judged on length, links and punctuation.
const ENGLISH: &str = "a an the this that these those there here i me my mine we us our ours you your yours he him his she her hers it its they them their theirs who whom whose which what when where why how and or but nor so yet if then than because as while although though unless until since of in on at by for with about against between into through during before after above below to from up down out off over under again further once all any both each few more most other some such no not only own same too very can could will would shall should may might must do does did done is am are was were be been being have has had having just also even still now ever never always often";
const ARABIC: &str = include_str!("../../ghirbal-steps/lexicon/function-words-ar.txt");

/// Looked up for every word of a page: a fast non-cryptographic hash over a fixed table.
type Set = HashSet<&'static str, xxhash_rust::xxh3::Xxh3Builder>;

fn lists() -> &'static Set {
    static SET: OnceLock<Set> = OnceLock::new();
    SET.get_or_init(|| {
        let mut s: Set = ENGLISH.split_whitespace().collect();
        for line in ARABIC.lines() {
            let w = line.trim();
            if !w.is_empty() && !w.starts_with('#') {
                s.insert(w);
            }
        }
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn harakat_do_not_split_arabic_words() {
        let mut b = String::new();
        let c = count("كَتَبَ الوَلَدُ في الدفتر.", &mut b);
        assert_eq!(c.words, 4);
        assert_eq!(c.function, 1);
        assert_eq!(c.stops, 1);
        assert!(c.is_arabic());
    }

    #[test]
    fn english_function_words() {
        let mut b = String::new();
        let c = count("The cat sat on the mat, and it was happy.", &mut b);
        assert_eq!(c.words, 10);
        assert_eq!(c.function, 6);
        assert_eq!(c.commas, 1);
    }
}
