//! A document's lines with what the rules need of each (folded key, words, letters, sentence
//! end), and the predicates on one line's text that several rules share.

use super::lexicon::{builtin_words, WordList};
use ghirbal_text::fold::fold_into;
use ghirbal_text::script::{is_any_digit, is_terminal_punctuation};
use std::sync::LazyLock;

/// Lines longer than this (in words) are checked for lead phrases only: theme phrases cannot
/// cover enough of such a line to matter.
pub(super) const PHRASE_SCAN_MAX_WORDS: usize = 30;
/// How much of a long line is folded for the lead-phrase check, in bytes.
pub(super) const LONG_LINE_PREFIX: usize = 256;

/// One line of a document, with what the rules need.
pub(super) struct Line<'a> {
    pub raw: &'a str,
    /// The folded line; for a long line only its start (see `lines`).
    pub key: std::ops::Range<usize>,
    pub long: bool,
    pub words: usize,
    /// Whether a word of two letters or more is in it: a line without one ("|", "***", a
    /// date, "A A" of a font-size control) is no text.
    pub letters: bool,
    pub ends_sentence: bool,
}

/// A blank line: no rule removes it, and runs of lines pass over it.
pub(super) fn blank(line: &Line<'_>) -> bool {
    line.raw.trim().is_empty()
}

/// Splits the text into lines with what the rules need. Long lines (article paragraphs,
/// most of the text) are folded only at their start: no rule but the lead-phrase check and
/// the repetition check looks at them, and the latter hashes the line as it is.
pub(super) fn split<'a>(text: &'a str, keys: &mut String) -> Vec<Line<'a>> {
    keys.clear();
    text.split('\n')
        .map(|raw| {
            let raw_words = ascii_words(raw);
            let long = raw_words > PHRASE_SCAN_MAX_WORDS;
            let start = keys.len();
            if long {
                let mut cut = raw.len().min(LONG_LINE_PREFIX);
                while !raw.is_char_boundary(cut) {
                    cut -= 1;
                }
                fold_into(&raw[..cut], keys);
            } else {
                fold_into(raw, keys);
            }
            let key = start..keys.len();
            // The folded key holds letters, digits and single spaces only.
            let folded = &keys.as_bytes()[key.clone()];
            let words = if long {
                raw_words
            } else if folded.is_empty() {
                0
            } else {
                folded.iter().filter(|&&b| b == b' ').count() + 1
            };
            let letters = has_word(folded);
            keys.push('\n');
            Line {
                raw,
                key,
                long,
                words,
                letters,
                ends_sentence: without_note_marks(raw)
                    .chars()
                    .last()
                    .is_some_and(is_terminal_punctuation),
            }
        })
        .collect()
}

/// Whether a folded key (letters, digits, single spaces) holds a word of two letters or more;
/// characters are counted by their first byte.
pub(super) fn has_word(folded: &[u8]) -> bool {
    let mut letters = 0;
    for &b in folded {
        if b == b' ' {
            letters = 0;
        } else if (b & 0xC0) != 0x80 && !b.is_ascii_digit() {
            letters += 1;
            if letters == 2 {
                return true;
            }
        }
    }
    false
}

/// The number of words separated by ASCII whitespace, as `split_ascii_whitespace().count()`
/// gives it, for lines of up to `EXACT_WORDS_MAX` gaps. Longer lines (paragraphs, most of the
/// bytes of a document) are counted by their spaces and tabs, a loop that vectorizes: every
/// threshold on words lies far below, so doubled spaces there change no decision.
pub(super) fn ascii_words(raw: &str) -> usize {
    const EXACT_WORDS_MAX: usize = 64;
    let b = raw.as_bytes();
    let gaps = b.iter().filter(|&&c| c == b' ' || c == b'\t').count();
    if gaps > EXACT_WORDS_MAX {
        return gaps + 1;
    }
    raw.split_ascii_whitespace().count()
}

/// Whether the bytes hold an Eastern Arabic or Persian digit (U+0660–U+0669, U+06F0–U+06F9).
pub(super) fn eastern_digit(b: &[u8]) -> bool {
    b.windows(2).any(|w| {
        (w[0] == 0xD9 && (0xA0..=0xA9).contains(&w[1]))
            || (w[0] == 0xDB && (0xB0..=0xB9).contains(&w[1]))
    })
}

/// A clock time written in any digits ("١٤:٣٠").
pub(super) fn eastern_clock(raw: &str) -> bool {
    let chars: Vec<char> = raw.chars().collect();
    chars
        .windows(4)
        .any(|w| is_any_digit(w[0]) && w[1] == ':' && is_any_digit(w[2]) && is_any_digit(w[3]))
}

/// Whether the line holds a clock time ("10:15", "9:05") or a date in numbers ("2022-09-26",
/// "18/09/2024", "12.05.2015").
pub(super) fn has_clock_time(raw: &str) -> bool {
    let b = raw.as_bytes();
    // "14:30" and the French "10h45" on bytes; "١٤:٣٠" only when an Eastern digit is there.
    let clock = b.windows(4).any(|w| {
        w[0].is_ascii_digit()
            && matches!(w[1], b':' | b'h')
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
    }) || (memchr::memchr(b':', b).is_some() && eastern_digit(b) && eastern_clock(raw));
    clock || {
        // Three numbers joined by the same separator.
        let mut numbers = raw.split(|c: char| !c.is_ascii_digit() && !matches!(c, '-' | '/' | '.'));
        numbers.any(|t| {
            ['-', '/', '.'].iter().any(|&sep| {
                let parts: Vec<&str> = t.split(sep).collect();
                parts.len() == 3
                    && parts
                        .iter()
                        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            })
        })
    }
}

/// What a line holds inside the brackets around all of it ("(رويترز)" → "رويترز"), or `None`.
pub(super) fn bracketed(raw: &str) -> Option<&str> {
    raw.trim().strip_prefix('(')?.strip_suffix(')')
}

/// Whether the line starts like an item of a list: "- ", "* ", "• ", "1. ", "2) ", "3- ",
/// "٣ - ".
pub(super) fn starts_with_list_marker(raw: &str) -> bool {
    let t = raw.trim_start();
    if t.starts_with(['-', '*', '•', '–', '·']) {
        return true;
    }
    // A number in any digits, then a stop: not "12-05-2015", "12.5" or "3 مدن".
    let rest = t.trim_start_matches(is_any_digit);
    if rest.len() == t.len() {
        return false;
    }
    if let Some(after) = rest.strip_prefix(['.', ')']) {
        return after.starts_with(char::is_whitespace);
    }
    // A dash, spaced or not ("3 - تطبيق", "1- تطبيق"), after at most two digits (a year
    // before one heads a title: "2024 - عام الحسم") and before a word (a range of days is a
    // date: "15 - 20 مايو 2024").
    let number = t[..t.len() - rest.len()].chars().count();
    number <= 2
        && rest
            .trim_start()
            .strip_prefix(['-', '–'])
            .is_some_and(|after| {
                after.starts_with(char::is_whitespace)
                    && after.trim_start().starts_with(|c: char| c.is_alphabetic())
            })
}

/// Whether the line ends with a full stop (not an ellipsis).
pub(super) fn ends_with_period(raw: &str) -> bool {
    let end = without_note_marks(raw);
    end.ends_with(['.', '۔']) && !end.ends_with("..")
}

/// Longest footnote mark at a line's end, inside its brackets, in characters ("[٢]", "[12]",
/// "[ب]", "[n 3]").
const NOTE_MARK_MAX_CHARS: usize = 5;

/// The line without trailing space and footnote marks ("… في المنطقة.[٢]", "… 1988.[3][4]"):
/// an encyclopedia's sentence ends before them.
pub(super) fn without_note_marks(raw: &str) -> &str {
    let mut end = raw.trim_end();
    while let Some(inner) = end.strip_suffix(']') {
        match inner.rfind('[') {
            Some(open)
                if inner[open + 1..].chars().count() <= NOTE_MARK_MAX_CHARS
                    && !inner[open + 1..].trim().is_empty() =>
            {
                end = inner[..open].trim_end();
            }
            _ => break,
        }
    }
    end
}

/// A sentence that merely starts with the words of a lead phrase ("رابط الخبر الذي نشرته
/// الوكالة لم يعد يعمل."): it ends with a full stop and has no colon, which links and labels
/// written with a lead phrase have ("اقرأ أيضاً: … .", "رابط الخبر بصحيفة …: … .").
pub(super) fn plain_sentence(raw: &str) -> bool {
    ends_with_period(raw) && !raw.contains(':')
}

/// Whether the line has a colon right after its first `n` words ("الوسوم: …", "الوسوم : …",
/// "Tags:news").
pub(super) fn colon_after_words(raw: &str, n: usize) -> bool {
    // A sign before the label counts as no word ("⚠ نصيحة أمان: …", "⚡ تنبيه: …").
    let mut words = raw
        .split_whitespace()
        .skip_while(|w| !w.chars().any(char::is_alphanumeric));
    match words.nth(n.saturating_sub(1)) {
        Some(w) if w.contains(':') => true,
        Some(_) => words.next().is_some_and(|w| w.starts_with(':')),
        None => false,
    }
}

/// Writes `key` with a space on each side into `out`, so that phrases match whole words.
pub(super) fn pad(key: &str, out: &mut String) {
    out.clear();
    out.push(' ');
    out.push_str(key);
    out.push(' ');
}

/// A paragraph of the article as the rules around a table or a sign-off look for it: a
/// sentence of at least `SENTENCE_PARAGRAPH_MIN_WORDS` words.
pub(super) fn sentence_paragraph(line: &Line<'_>) -> bool {
    line.ends_sentence && line.words >= SENTENCE_PARAGRAPH_MIN_WORDS
}

/// Fewest words of such a paragraph.
const SENTENCE_PARAGRAPH_MIN_WORDS: usize = 8;

/// A line ending with a full stop or a colon, not an ellipsis: a sentence, not a title. Titles
/// may end with a question mark, a closing quote or an ellipsis.
pub(super) fn full_stop(raw: &str) -> bool {
    ends_with_period(raw) || raw.trim_end().ends_with(':')
}

/// A weather widget: a short line with a temperature ("الرباط 17°C", "بغداد ١٤°", "القدس 31° |
/// غزة 30°"). Above the article this is the site's widget; below it, only with another beside
/// it (`rules::symbols`).
pub(super) fn weather(raw: &str) -> bool {
    let raw = raw.trim_end();
    !raw.ends_with('.')
        && raw.split_whitespace().count() <= 8
        && raw.char_indices().any(|(at, c)| {
            // A degree after a number and before no other number (coordinates: 35°40′).
            matches!(c, '°' | '℃')
                && raw[..at].chars().last().is_some_and(is_any_digit)
                && !raw[at + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(is_any_digit)
        })
}

/// Market or currency quotes: short quotes with an up or down arrow ("تاسي 11,812.45 ▲
/// 0.62%"), or quotes joined by pipes, each a few words around a number ("الدولار 49.35 جنيه |
/// اليورو 52.10 جنيه"). The pipe form only above the article (`above`): an article's table
/// rows are written the same way.
pub(super) fn market_quotes(raw: &str, above: bool) -> bool {
    let raw = raw.trim();
    let has_digit = |t: &str| t.chars().any(is_any_digit);
    let words = raw.split_whitespace().count();
    let arrow = raw.contains(['▲', '▼', '🔺', '🔻', '⬆', '⬇']);
    if arrow && words <= 8 && has_digit(raw) && !raw.ends_with('.') {
        return true;
    }
    if !above || !raw.contains('|') {
        return false;
    }
    let mut segments = 0;
    for seg in raw.split('|') {
        let seg = seg.trim();
        if seg.is_empty() {
            continue;
        }
        // A quote names what it prices; a date or a time ("12-03-2025 | 19:47", a dateline)
        // does not, and is written with digits around ':', '/' or '-'.
        let names = seg
            .split_whitespace()
            .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
        let chars: Vec<char> = seg.chars().collect();
        let dated = chars
            .windows(3)
            .any(|w| is_any_digit(w[0]) && matches!(w[1], ':' | '/' | '-') && is_any_digit(w[2]));
        // Six words only when a currency closes it ("جرام الذهب عيار 21: 3150 جنيه"); a
        // headline's part is as long ("إطلاق 5 مشاريع سياحية في العلا").
        let seg_words = seg.split_whitespace().count();
        let priced = seg
            .split_whitespace()
            .last()
            .is_some_and(|w| CURRENCIES.contains(&w));
        if !has_digit(seg) || !names || dated || seg_words > 6 || (seg_words == 6 && !priced) {
            return false;
        }
        segments += 1;
    }
    segments >= 2
}

/// Currencies closing a quote, as written.
pub(super) const CURRENCIES: [&str; 12] = [
    "جنيه",
    "جنيها",
    "ريال",
    "ريالا",
    "دولار",
    "دولارا",
    "درهم",
    "دينار",
    "ليرة",
    "يورو",
    "شيكل",
    "ل.س",
];

/// The address of an image or other media file alone on its line
/// ("https://…/uploads/2024/05/building.jpg"): what a page's `<img>` leaves in a plain text
/// conversion. An article quotes a page's address, never its picture's file.
pub(super) fn media_url(raw: &str) -> bool {
    let raw = raw.trim();
    let lower = raw.to_ascii_lowercase();
    let is_url =
        lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("www.");
    if !is_url || raw.split_whitespace().nth(1).is_some() {
        return false;
    }
    // The path without its query or fragment ("….jpg?w=800").
    let path = lower.split(['?', '#']).next().unwrap_or("");
    const MEDIA: &[&str] = &[
        ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".bmp", ".tif", ".tiff",
        ".heic", ".mp4", ".webm", ".mp3",
    ];
    MEDIA.iter().any(|ext| path.ends_with(ext))
}

/// A user name alone on its line, written with an underscore between letters ("دكتور_هيثم",
/// "green_eagle85"): forums and comment threads print them; prose never joins words so.
pub(super) fn user_name(raw: &str) -> bool {
    let raw = raw.trim();
    let mut words = raw.split_whitespace();
    memchr::memchr(b'_', raw.as_bytes()).is_some()
        && words.next().is_some_and(|w| {
            w.split('_').filter(|p| !p.is_empty()).count() >= 2
                && w.split('_').all(|p| p.chars().all(char::is_alphanumeric))
        })
        && words.next().is_none()
}

/// A label, a colon and a value: "الماركة: تويوتا", "سنة الصنع: 2018" (not a time, 10:15).
pub(super) fn label_and_value(raw: &str) -> bool {
    raw.split_once(':').is_some_and(|(label, value)| {
        let label = label.trim();
        !value.trim().is_empty()
            && label.chars().any(char::is_alphabetic)
            && label.split_whitespace().count() <= 3
    })
}

/// A title as link lists print it: words only, after an optional list marker ("- ", "• ").
/// Lists of the article itself carry punctuation inside their items ("المجموعة الأولى: …",
/// "اللاعب … (سباحة) ذهبية", «…»).
pub(super) fn bare_title(raw: &str) -> bool {
    let text = raw.trim();
    let text = text
        .strip_prefix(['-', '*', '•', '–', '·'])
        .map_or(text, str::trim_start);
    !text.chars().any(|c| {
        c.is_ascii_punctuation()
            || matches!(c, '،' | '؛' | '؟' | '«' | '»' | '…' | '–' | '—' | '“' | '”')
    })
}

/// The folded text of a whole line: its key, or for a long line (whose key holds only its
/// start) the fold of the line.
pub(super) fn whole_key<'k>(line: &Line<'_>, key: &'k str) -> std::borrow::Cow<'k, str> {
    if line.long {
        std::borrow::Cow::Owned(ghirbal_text::fold::fold(line.raw))
    } else {
        std::borrow::Cow::Borrowed(key)
    }
}

/// Words that open a byline ("إعداد: فريق التحرير", "بقلم: …"), on the matching
/// normalization.
static BYLINE_WORDS: LazyLock<WordList> = LazyLock::new(|| builtin_words("byline_words"));

/// A byline: a byline word, a colon, then a name ("إعداد: فريق المركز", "بقلم : أحمد").
pub(super) fn is_byline(raw: &str) -> bool {
    let Some((head, rest)) = raw.split_once(':') else {
        return false;
    };
    // Or the colon closes it: "كتب - حسن عبدالله الستري:".
    if rest.trim().is_empty() && head.len() <= 64 {
        let head = ghirbal_text::fold::fold(head);
        let mut words = head.split(' ');
        return words.next().is_some_and(|w| BYLINE_WORDS.contains(&w))
            && (1..=4).contains(&words.count());
    }
    // A byline word is one short word: a sentence with a colon ("وقال الوزير: …") is
    // settled without folding its start.
    if head.trim().len() > 32 {
        return false;
    }
    let head = ghirbal_text::fold::fold(head);
    !rest.trim().is_empty() && BYLINE_WORDS.contains(&head.as_str())
}

/// Whether every « is closed by a » before the next «, and there is at least one pair.
pub(super) fn quotes_in_pairs(raw: &str) -> bool {
    let mut open = false;
    let mut pairs = 0;
    for c in raw.chars() {
        match (c, open) {
            ('«', false) => open = true,
            ('»', true) => {
                open = false;
                pairs += 1;
            }
            ('«', true) | ('»', false) => return false,
            _ => {}
        }
    }
    !open && pairs > 0
}

/// A match's score or fixture, as live-score tickers print them above an article ("الريان 2 -
/// 1 الوكرة | انتهت", "الوكرة × السد - الأربعاء 18:30"): a score of two numbers joined by a
/// dash, or names joined by "×", in a line of at most twelve words.
pub(super) fn score_line(raw: &str) -> bool {
    let tokens: Vec<&str> = raw.split_whitespace().collect();
    // A label and its value gives a range ("عمر البناء: 5 - 9 سنوات").
    if tokens.len() < 3 || tokens.len() > 12 || ends_with_period(raw) || label_and_value(raw) {
        return false;
    }
    let number = |t: &str| !t.is_empty() && t.chars().all(is_any_digit);
    tokens.contains(&"×")
        || tokens
            .windows(3)
            .any(|w| number(w[0]) && matches!(w[1], "-" | "–") && number(w[2]))
        || tokens.iter().any(|t| {
            t.split_once('-')
                .is_some_and(|(a, b)| number(a) && number(b) && a.len() <= 2 && b.len() <= 2)
        })
}

/// Labels of a news ticker, folded.
pub(super) static TICKER_LABELS: LazyLock<WordList> =
    LazyLock::new(|| builtin_words("ticker_labels"));

/// Labels of a live score or coverage before a separator ("مباشر | ليفربول 1 - 0 …"): alone on
/// their line they may stand above the headline itself.
static LIVE_LABELS: LazyLock<WordList> = LazyLock::new(|| builtin_words("live_labels"));

/// Kickers of a live page besides the live labels ("تغطية مستمرة"), folded.
static LIVE_KICKERS: LazyLock<WordList> = LazyLock::new(|| builtin_words("live_kickers"));

/// A live label ("مباشر"), alone or before a separator, or with `kicker` also a live page's
/// kicker ("تغطية مستمرة"): `raw` is the line.
pub(super) fn live_label(raw: &str, kicker: bool) -> bool {
    let raw = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
    let head = raw.split(['|', ':', '-', '–', '—']).next().unwrap_or(raw);
    let head = ghirbal_text::fold::fold(head.trim());
    LIVE_LABELS.contains(&head.as_str()) || (kicker && LIVE_KICKERS.contains(&head.as_str()))
}

/// A news ticker: a label and a separator before a headline ("عاجل | مجلس الوزراء يوافق على
/// …", "آخر الأخبار: الركراكي يكشف …"), or several headlines of at least four words each
/// joined by bullets ("البنك المركزي يثبت … ••• وزير التموين: …"). Only above the article's
/// headline does this mean the site's ticker: a headline may itself start with "عاجل:".
pub(super) fn ticker(raw: &str) -> bool {
    const SEPARATORS: [char; 12] = [':', '|', '◂', '▸', '◄', '►', '•', '»', '›', '-', '–', '—'];
    const BULLETS: [char; 7] = ['•', '◂', '▸', '◄', '►', '●', '■'];
    // A red dot or a flash before the label.
    let raw = raw.trim_start_matches(|c: char| !c.is_alphanumeric());
    if let Some(at) = raw.find(SEPARATORS) {
        let (head, tail) = raw.split_at(at);
        if head.len() <= 32 && tail.split_whitespace().count() >= 4 {
            let label = ghirbal_text::fold::fold(head);
            if TICKER_LABELS.contains(&label.as_str()) || LIVE_LABELS.contains(&label.as_str()) {
                return true;
            }
        }
    }
    let items: Vec<usize> = raw
        .split(BULLETS)
        .map(|item| item.split_whitespace().count())
        .filter(|&n| n > 0)
        .collect();
    items.len() >= 2 && items.iter().all(|&n| n >= 4)
}

#[cfg(test)]
mod tests {
    use super::{ascii_words, starts_with_list_marker};

    #[test]
    fn a_sign_before_a_label_is_no_word() {
        assert!(super::colon_after_words(
            "⚠ نصيحة أمان: عاين السيارة شخصيًا",
            2
        ));
        assert!(super::colon_after_words(
            "نصيحة أمان: عاين السيارة شخصيًا",
            2
        ));
        assert!(!super::colon_after_words(
            "⚠ نصيحة أمان مهمة: عاين السيارة",
            2
        ));
    }

    #[test]
    fn a_sentence_ends_before_its_footnote_marks() {
        assert_eq!(
            super::without_note_marks("… في المنطقة.[٢]"),
            "… في المنطقة."
        );
        assert_eq!(super::without_note_marks("… 1988.[3][4] "), "… 1988.");
        assert_eq!(super::without_note_marks("[عدل]"), "");
        assert_eq!(
            super::without_note_marks("قائمة [مصادر أخرى كثيرة]"),
            "قائمة [مصادر أخرى كثيرة]"
        );
        assert!(super::ends_with_period(
            "اسم نبات صحراوي كان ينمو في المنطقة.[٢]"
        ));
    }

    #[test]
    fn list_markers_in_any_digits() {
        for item in [
            "- بند",
            "• بند",
            "1. بند",
            "2) بند",
            "3 - تطبيق",
            "1- تطبيق",
            "٤. بند",
            "۵ - بند",
        ] {
            assert!(starts_with_list_marker(item), "{item}");
        }
        for line in [
            "12-05-2015 الساعة",
            "12.5 مليون",
            "3 مدن جديدة",
            "2024 - عام الحسم",
            "15 - 20 مايو 2024",
        ] {
            assert!(!starts_with_list_marker(line), "{line}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_words_counts_as_split_does(s in "[ a\t\nب.]{0,40}") {
            proptest::prop_assert_eq!(ascii_words(&s), s.split_ascii_whitespace().count());
        }

        /// Long lines are counted by their gaps: exact for words separated by single spaces,
        /// as normalized text is.
        #[test]
        fn ascii_words_on_long_normalized_lines(words in proptest::collection::vec("[aب.،]{1,6}", 0..200)) {
            let line = words.join(" ");
            proptest::prop_assert_eq!(ascii_words(&line), words.len());
        }
    }
}
