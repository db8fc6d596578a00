//! `symbols`: a user name alone on its line, written with an underscore ("دكتور_هيثم");
//! or the line has no word of two letters or more (a stray ".", "|", "***", a
//! counter, "A" of a font-size control, "(أ. ف. ب)"); or it is a lone date, time or counter
//! of at most fourteen words as written (a timetable of clock times may be longer, and a
//! prayer-time widget may carry its label and place): a number, otherwise only words of dates, times and
//! counters, at least one of them a month, a weekday, a counter, a clock time or a date in
//! numbers (`lexicon/date-words-ar.txt`: "4 مارس 2023 عند 10:15 ص", "1,234 مشاهدة",
//! "► فبراير (4)", "نشر في 3 مارس 2023 بواسطة أم سارة": the stamps of posts, comments, cards
//! and archive widgets). Not a dateline at the top, a list item, a line ending with a colon
//! or in the list of short lines after one (a schedule of the article), nor a line with
//! other punctuation than that of dates (a closing bracket may hold a count or a time zone).
//! Also stamps joined by pipes ("نُشر: … | آخر تحديث: …"); the site's date alone at the top
//! (an agency's dateline such as "الرياض - واس" stays); above the article, the weather
//! ("الرباط 17°C", not coordinates), and below it two weather lines or more together, without a
//! label ("عمّان 14° / 7°", then "إربد 13° / 8°"). In the top bar (above the headline, with other lines
//! between), a place before the date ("بيروت | الجمعة 22 تشرين الثاني 2024").
//!
//! Also the address of an image or media file alone on its line ("https://…/photo.jpg"), and
//! market or currency quotes ("تاسي 11,812.45 ▲ 0.62%"; quotes joined by pipes above the
//! article, or one per line there beside another quote, or one alone in the top bar: "سعر صرف
//! الدولار في السوق الموازية: 14,850 ل.س"; a market widget's share quotes one per line,
//! "أرامكو 32.15 +0.94%", not followed by a paragraph of the article).
//!
//! Also the entries of a horoscope widget (`الحمل: …` beside `الثور: …`).
//!
//! And a sports site's widgets: a league table under a league's header (`ترتيب الدوري`, then
//! `1. السد 23`, …), and fixtures with their kick-off times one per line (`الوكرة × السد -
//! الأربعاء 18:30`), neither in a list announced by a colon nor followed by a paragraph.
//!
//! Also an agency's sign-off right under a paragraph: its name between slashes or brackets
//! ("/مسقط للأنباء/", "(بترا)"), or editors' initials joined by slashes ("ونا/ س.م", "ع خ / س
//! ع").
//!
//! Sub-codes: `no_word`, `date`, `stamps`, `user_name`, `weather`, `media_url`, `quotes`,
//! `horoscope`, `standings`, `fixtures`, `sign_off` (see the constants below).

mod widgets;

use super::{beside, removal, Cut, LineRule, Scratch};
use crate::boilerplate::lexicon::{builtin_words, WordList};
use crate::boilerplate::lines::{
    ascii_words, blank, has_clock_time, market_quotes, media_url, sentence_paragraph,
    starts_with_list_marker, user_name, weather, Line, CURRENCIES,
};
use crate::boilerplate::page::Page;
use crate::boilerplate::Boilerplate;
use ghirbal_text::fold::fold_into;
use ghirbal_text::script::is_any_digit;
pub(in crate::boilerplate) use widgets::is_widget;
use widgets::{fixtures, standings, stock_quotes};

removal!(
    /// No word of two letters or more.
    NO_WORD, Symbols, "symbols/no_word"
);
removal!(
    /// A lone date, time or counter.
    DATE, Symbols, "symbols/date"
);
removal!(
    /// Stamps joined by pipes.
    STAMPS, Symbols, "symbols/stamps"
);
removal!(
    /// A user name alone on its line.
    USER_NAME, Symbols, "symbols/user_name"
);
removal!(
    /// A weather widget: above the article, or two lines or more together below it.
    WEATHER, Symbols, "symbols/weather"
);
removal!(
    /// The address of an image or media file alone on its line.
    MEDIA_URL, Symbols, "symbols/media_url"
);
removal!(
    /// Market or currency quotes.
    QUOTES, Symbols, "symbols/quotes"
);
removal!(
    /// A horoscope widget's entry.
    HOROSCOPE, Symbols, "symbols/horoscope"
);
removal!(
    /// A league table's header and rows.
    STANDINGS, Symbols, "symbols/standings"
);
removal!(
    /// Fixtures with their kick-off times.
    FIXTURES, Symbols, "symbols/fixtures"
);
removal!(
    /// An agency's sign-off under a paragraph.
    SIGN_OFF, Symbols, "symbols/sign_off"
);

pub(in crate::boilerplate) struct Symbols;

impl LineRule for Symbols {
    fn fires(&self, bp: &Boilerplate, page: &Page<'_>, i: usize, _: &mut Scratch) -> Cut {
        let line = &page.lines[i];
        let key = page.key(i);
        let protected = page.protected[i];
        if !line.letters {
            Some(&NO_WORD)
        } else if !protected
            && (bp.is_date(line, key, page.after_colon[i])
                || (line.words <= PRAYER_TIMES_MAX_WORDS && prayer_times(line.raw, key)))
        {
            Some(&DATE)
        } else if top_bar(page, i) && line.words <= DATE_MAX_WORDS && bp.placed_date(line.raw) {
            // In the top bar, a place before the date is the site's city; right above the
            // headline it may be an agency's dateline, and under it the article's.
            Some(&DATE)
        } else if !protected
            && !page.after_colon[i]
            && line.words <= 2 * DATE_MAX_WORDS + 1
            && bp.stamps(line.raw)
        {
            Some(&STAMPS)
        } else if user_name(line.raw) {
            Some(&USER_NAME)
        } else if media_url(line.raw) {
            Some(&MEDIA_URL)
        } else if line.words <= WEATHER_MAX_WORDS
            && weather(line.raw)
            && (page.body.is_some_and(|b| i < b) || weather_beside(page, i))
        {
            Some(&WEATHER)
        } else if market_quotes(line.raw, page.body.is_some_and(|b| i < b))
            || ticker_quote(page, i)
            || (top_bar(page, i) && top_bar_quote(line.raw, key))
            || (!page.after_colon[i] && stock_quotes(page, i))
        {
            Some(&QUOTES)
        } else if horoscope(page, i) {
            Some(&HOROSCOPE)
        } else if standings(page, i) {
            Some(&STANDINGS)
        } else if !page.after_colon[i] && fixtures(page, i) {
            Some(&FIXTURES)
        } else if line.words <= SIGN_OFF_MAX_WORDS
            && page.body.is_some_and(|b| i > b)
            && sign_off(line.raw)
            && under_paragraph(page, i)
            && !above_paragraph(page, i)
        {
            Some(&SIGN_OFF)
        } else {
            None
        }
    }
}

/// Longest agency sign-off, in words.
const SIGN_OFF_MAX_WORDS: usize = 6;

/// An agency's sign-off: its name between slashes or brackets ("/مسقط للأنباء/", "(بترا)",
/// "(الزيتونة برس)"), or editors' initials joined by slashes after it or alone ("(ننا) ع أ/ م
/// ح", "ونا/ س.م", "ع خ / س ع"). No figure: "(1)" and "(التتمة في الصفحة 3)" are other things.
fn sign_off(raw: &str) -> bool {
    let raw = raw.trim();
    if raw.chars().any(is_any_digit) {
        return false;
    }
    let name = |inner: &str| {
        let words = inner.split_whitespace().count();
        (1..=3).contains(&words) && inner.chars().all(|c| c.is_alphabetic() || c == ' ')
    };
    // In brackets, an agency's name: one word that is no common word with the article
    // (`بترا`, `واس`, not `(المكونات)`, `(يتبع)`, `(صحيح)`), or words naming an agency
    // (`الزيتونة برس`): a name of two words is a quotation's author (`(محمود درويش)`), a
    // hadith's grading (`(متفق عليه)`) or a column's heading as often.
    let agency_name = |inner: &str| {
        let folded = ghirbal_text::fold::fold(inner);
        let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        name(inner)
            && (words.iter().any(|w| AGENCY_WORDS.contains(w))
                || (words.len() == 1
                    && !words[0].starts_with("ال")
                    && !NOT_AGENCIES.contains(&words[0])))
    };
    if let Some(inner) = raw.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        if agency_name(inner) {
            return true;
        }
    }
    // Between slashes, any short name (`/مسقط للأنباء/`): only agencies write so.
    if let Some(inner) = raw.strip_prefix('/').and_then(|r| r.strip_suffix('/')) {
        if name(inner) {
            return true;
        }
    }
    // Initials joined by slashes, alone or after the agency's name: in brackets, between
    // slashes or one word before a slash.
    if !raw.contains('/') {
        return false;
    }
    let agency = raw
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .filter(|(inner, _)| agency_name(inner))
        .or_else(|| {
            raw.strip_prefix('/')
                .and_then(|r| r.split_once('/'))
                .filter(|(inner, _)| name(inner))
        })
        .map(|(_, tail)| tail);
    let (rest, least) = match agency {
        Some(tail) => (tail, 1),
        None => match raw.split_once('/') {
            Some((head, tail)) if head.split_whitespace().count() == 1 && name(head) => (tail, 1),
            _ => (raw, 2),
        },
    };
    let tokens: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | '.'))
        .filter(|t| !t.is_empty())
        .collect();
    // Initials, not words of two letters (`هو / هي`).
    tokens.len() >= least
        && tokens.iter().all(|t| {
            t.chars().count() <= 2
                && t.chars().all(char::is_alphabetic)
                && !SHORT_WORDS.contains(&ghirbal_text::fold::fold(t).as_str())
        })
}

/// Words that name an agency or a source, folded (`(الزيتونة برس)`, `( الوكالات)`).
const AGENCY_WORDS: [&str; 9] = [
    "وكاله",
    "الوكالات",
    "وكالات",
    "الانباء",
    "للانباء",
    "انباء",
    "برس",
    "نيوز",
    "الاناضول",
];

/// One-word notes in brackets that close an article's part or grade a quotation, folded.
const NOT_AGENCIES: [&str; 6] = ["يتبع", "انتهي", "صحيح", "حسن", "ضعيف", "تابع"];

/// Arabic words of one or two letters, folded: no editor's initials.
const SHORT_WORDS: [&str; 20] = [
    "هو", "هي", "هم", "هن", "من", "في", "عن", "ما", "لا", "او", "ان", "ثم", "قد", "لم", "لن", "كل",
    "مع", "بل", "يا", "اي",
];

/// Whether the line before line `i` (past blank lines) is a paragraph: a sentence longer than
/// a title's few words, not a quotation (under one, a name in brackets is its author's).
fn under_paragraph(page: &Page<'_>, i: usize) -> bool {
    (0..i)
        .rev()
        .find(|&k| !blank(&page.lines[k]))
        .is_some_and(|k| {
            sentence_paragraph(&page.lines[k])
                && !page.lines[k]
                    .raw
                    .trim_end()
                    .ends_with(['"', '»', '”', '\''])
        })
}

/// Whether the line after line `i` (past blank lines) is a paragraph: a name in brackets
/// between two paragraphs is the article's subheading ("(الدراما السورية)"), a sign-off
/// closes the article.
fn above_paragraph(page: &Page<'_>, i: usize) -> bool {
    (i + 1..page.lines.len())
        .find(|&k| !blank(&page.lines[k]))
        .is_some_and(|k| sentence_paragraph(&page.lines[k]))
}

/// Whether a line next to line `i` is a weather line too: below the article, a widget of
/// cities' temperatures ("عمّان 14° / 7°", then "إربد 13° / 8°"); one such line alone there may
/// be the article's.
fn weather_beside(page: &Page<'_>, i: usize) -> bool {
    // Not in a list the article announces ("… كالآتي:"), and no label and value ("الحرارة
    // الطبيعية: 36.5° إلى 37.5°", an infobox's "خط العرض: 33° شمالاً").
    let at = |k: usize| {
        page.lines
            .get(k)
            .is_some_and(|l| l.words <= WEATHER_MAX_WORDS && !l.raw.contains(':') && weather(l.raw))
            && !page.after_colon[k]
    };
    at(i) && beside(i, at)
}

/// Longest weather line, in words (as `lines::weather` counts them).
const WEATHER_MAX_WORDS: usize = 8;

/// The twelve signs of the zodiac, folded as keys are.
const SIGNS: [&str; 12] = [
    "الحمل",
    "الثور",
    "الجوزاء",
    "السرطان",
    "الاسد",
    "العذراء",
    "الميزان",
    "العقرب",
    "القوس",
    "الجدي",
    "الدلو",
    "الحوت",
];

/// An entry of a horoscope widget ("الحمل: يوم مناسب لحسم قرار مالي مؤجل."): a line opening
/// with a sign of the zodiac and a colon, beside another such line of another sign. One such
/// line alone may be an article's ("الحمل: فترة تمتد تسعة أشهر").
fn horoscope(page: &Page<'_>, i: usize) -> bool {
    // The sign first: most lines (article paragraphs) fail on their first word, unscanned.
    let sign = |k: usize| -> Option<&str> {
        let line = page.lines.get(k)?;
        let first = page.key(k).split(' ').find(|w| !w.is_empty())?;
        if !SIGNS.contains(&first) {
            return None;
        }
        let (head, _) = line.raw.trim_start().split_once(':')?;
        head.split_whitespace().nth(1).is_none().then_some(first)
    };
    let Some(own) = sign(i) else { return false };
    beside(i, |k| sign(k).is_some_and(|s| s != own))
}

/// What market tickers price (`[quote_names]`: currencies, gold, oil), folded.
static QUOTE_NAMES: std::sync::LazyLock<WordList> =
    std::sync::LazyLock::new(|| builtin_words("quote_names"));

/// A market quote of a ticker above the article, one per line: beside another such quote (or a
/// quote with an arrow) before the article's first sentence. Below that, the same lines may be
/// the article's own table; alone, a line such as "الدولار يرتفع إلى 50 جنيها" may be its
/// headline.
fn ticker_quote(page: &Page<'_>, i: usize) -> bool {
    let quote = |k: usize| {
        page.lines
            .get(k)
            .is_some_and(|l| single_quote(l.raw, page.key(k)) || market_quotes(l.raw, false))
    };
    page.body.is_some_and(|b| i < b)
        && single_quote(page.lines[i].raw, page.key(i))
        && beside(i, quote)
}

/// Whether line `i` stands above the headline with other lines between them: the top bar's
/// place (a line right above the headline may be the article's own). A headline asking a
/// question ("… أم إدارة للانهيار؟") is no `headline_at`: then the last title before the
/// article's first sentence stands for it.
fn top_bar(page: &Page<'_>, i: usize) -> bool {
    page.headline_at
        .or(page.title_before_body)
        .is_some_and(|h| (i + 1..h).any(|k| !blank(&page.lines[k])))
}

/// An exchange rate of the top bar, alone on its line: a quote of at most ten words, opening
/// with what it prices or with "سعر"/"أسعار" and naming it, or with "بورصة" and a label ("سعر صرف الدولار في
/// السوق الموازية: 14,850 ل.س", "بورصة الكفاح: 151,250 دينار لكل 100 دولار"). Rates joined
/// by pipes are judged by the first, each other with its figure ("أسعار الصرف: الدولار في عدن
/// 1,680 ريال | في صنعاء 535 ريال"). A currency's dotted abbreviation may close it ("ل.ل.").
pub(in crate::boilerplate) fn top_bar_quote(raw: &str, key: &str) -> bool {
    let raw = raw.trim();
    let Some((first, rest)) = raw.split_once('|') else {
        return rate(raw, key);
    };
    // Rates joined by pipes: the first names what they price, each other has its figure.
    if !rest.split('|').all(|p| p.chars().any(is_any_digit)) {
        return false;
    }
    let mut first_key = String::new();
    fold_into(first.trim(), &mut first_key);
    rate(first.trim(), &first_key)
}

/// One rate of the top bar (see `top_bar_quote`); `key` is `raw` folded.
fn rate(raw: &str, key: &str) -> bool {
    let mut words = key.split(' ').filter(|w| !w.is_empty());
    raw.split_whitespace().nth(10).is_none()
        && raw.chars().any(is_any_digit)
        && (!raw.ends_with('.') || dotted_abbreviation(raw))
        && match words.next() {
            Some(w) if QUOTE_NAMES.contains(&w) => true,
            // "للدولار" ("ل" before "الدولار") as the last word, after the figure ("… 89,500
            // ل.ل. للدولار"); inside, "سعر قياسي للذهب: 4000 دولار" is a headline.
            Some("سعر" | "اسعار") => {
                let last = key.split(' ').rfind(|w| !w.is_empty());
                words.any(|w| QUOTE_NAMES.contains(&w))
                    || last
                        .and_then(|w| w.strip_prefix("لل"))
                        .is_some_and(|r| QUOTE_NAMES.contains(&format!("ال{r}").as_str()))
            }
            // A market's rate names its currency ("بورصة الكفاح: 146,250 دينار لكل 100 دولار").
            Some("بورصه") => {
                raw.contains(':') && raw.split_whitespace().any(|w| CURRENCIES.contains(&w))
            }
            _ => false,
        }
}

/// Whether a line ends with a currency's dotted abbreviation ("ل.ل.", "ج.م.", "ر.س."): letters
/// of one or two between dots, which a full stop does not close.
fn dotted_abbreviation(raw: &str) -> bool {
    let last = raw.split_whitespace().last().unwrap_or_default();
    let pieces: Vec<&str> = last.trim_end_matches('.').split('.').collect();
    pieces.len() >= 2
        && pieces
            .iter()
            .all(|p| (1..=2).contains(&p.chars().count()) && p.chars().all(char::is_alphabetic))
}

/// One market quote: at most six words, opening with what it prices, with a figure and no
/// full stop ("برنت 85.34 دولار", "الدولار في السوق الموازية: 89,500 ل.ل").
fn single_quote(raw: &str, key: &str) -> bool {
    let raw = raw.trim();
    raw.split_whitespace().nth(6).is_none()
        && raw.chars().any(is_any_digit)
        && !raw.ends_with('.')
        && key
            .split(' ')
            .find(|w| !w.is_empty())
            .is_some_and(|w| QUOTE_NAMES.contains(&w))
}

/// A line of at least three clock times ("الفجر 06:04 الشروق 07:29 الظهر 13:20 …"): a
/// timetable widget, whose length says nothing against it (its other words must still be
/// words of dates, see `is_date`).
fn timetable(raw: &str) -> bool {
    clock_times(raw).nth(2).is_some()
}

/// The words of a line that are clock times ("06:04").
fn clock_times(raw: &str) -> impl Iterator<Item = &str> {
    raw.split_whitespace().filter(|w| {
        w.split_once(':').is_some_and(|(h, m)| {
            !h.is_empty()
                && !m.is_empty()
                && h.chars().all(is_any_digit)
                && m.chars().all(is_any_digit)
        })
    })
}

/// A prayer-time widget under its label, on one line ("مواقيت الصلاة - دبي: الظهر 12:07 |
/// العصر 3:27", "مواقيت الصلاة بالرباط: الفجر 06:18 …"): the label, a place and two clock
/// times or more (its caller keeps to lines of `PRAYER_TIMES_MAX_WORDS`); Ramadan's fast
/// times the same way ("إمساكية رمضان: الإمساك 05:19 | الإفطار 18:51", "الإمساك 04:03 |
/// الإفطار 17:47"). The prayers' names alone are lone times already.
pub(in crate::boilerplate) fn prayer_times(raw: &str, key: &str) -> bool {
    (key.contains("مواقيت الصلاه")
        || key.contains("اوقات الصلاه")
        || key.contains("امساكيه")
        || (key.contains("الامساك") && key.contains("الافطار")))
        && clock_times(raw).nth(1).is_some()
}

/// Longest prayer-time line with its label, in words (six prayers, their times, a label and a
/// place).
const PRAYER_TIMES_MAX_WORDS: usize = 20;

/// Longest line (in words) taken for a place and date in the top bar or a part of joined
/// stamps.
pub(in crate::boilerplate) const DATE_MAX_WORDS: usize = 10;

/// Longest line (in words) taken for a stamp of words of dates only: a label, the Hijri and
/// the Gregorian date and a time ("تاريخ النشر: 05 ربيع الآخر 1447 هـ - 27 سبتمبر 2025 م").
const STAMP_MAX_WORDS: usize = 14;

/// Whether a line is written with the punctuation of dates and times only, and of archive
/// widgets: a tree marker at its start ("► فبراير (4)") and a count or time zone in brackets
/// at its end.
fn date_punctuation_only(raw: &str) -> bool {
    let text = raw
        .trim_start()
        // Arrows of archive widgets, the stars of a rating ("★★★★☆ (128 تقييم)"), a forum
        // post's number ("#1 — 28 سبتمبر 2025").
        .trim_start_matches(['►', '▼', '▶', '◄', '◀', '▸', '▾', '★', '☆', '⭐', '#'])
        .trim_start()
        .trim_end();
    // A closing bracket: a count ("(4)") or a time zone ("(GMT+0400)"); its words are checked
    // with the others.
    let (text, bracket) = match text.strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        Some((before, inside)) => (before, inside.trim()),
        None => (text, "0"),
    };
    !bracket.is_empty()
        && bracket
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '+' | '-' | ':' | ' '))
        && text.chars().all(|c| {
            c.is_alphanumeric()
                || c.is_whitespace()
                // "»" after a forum post's author, "_" inside a user name, dashes of any
                // length between a date and a time.
                || matches!(c, ',' | '،' | '/' | '-' | '–' | '—' | ':' | '.' | '|' | '»' | '_')
        })
}

impl Boilerplate {
    /// A lone date, time or counter (see `lexicon/date-words-ar.txt`): a number, and
    /// otherwise only words of dates, times and counters, at least one of them a month, a
    /// weekday, a counter or a time such as 10:15 ("1436هـ" counts as a number and a word);
    /// after "by" / "بواسطة" up to three words of a name, after "بتوقيت" up to two of a place
    /// when the line has a date or a stamp's label too ("آخر تحديث: 14:00 بتوقيت بغداد"). Written with the punctuation of dates
    /// only, not as a list item, not ending with a colon and not right after a line ending
    /// with one (those head or fill a schedule of the article).
    pub(in crate::boilerplate) fn is_date(
        &self,
        line: &Line<'_>,
        key: &str,
        after_colon: bool,
    ) -> bool {
        // Cheapest first: most lines hold no digit. Words as written: "14:00" and
        // "2013/8/28" are one word each, not two or three.
        if line.words > 3 * DATE_MAX_WORDS
            || !key.bytes().any(|b| b.is_ascii_digit())
            || after_colon
            // Dashes between the Hijri and the Gregorian date are no words (counted only when
            // the line has too many words otherwise: most lines are settled by the first count).
            || (ascii_words(line.raw) > STAMP_MAX_WORDS
                && line
                    .raw
                    .split_ascii_whitespace()
                    .filter(|w| !w.chars().all(|c| matches!(c, '-' | '–' | '—' | '|' | '»' | '«')))
                    .count()
                    > STAMP_MAX_WORDS
                // A timetable (prayer times: six names, six times) is as long as it has entries.
                && !timetable(line.raw))
        {
            return false;
        }
        // A clock time also anchors a stamp; looked for last, once every word is a date word.
        let mut anchored = false;
        let mut by_seen = false;
        // Some(n): inside a name of n words right after "by" (or a place after "بتوقيت").
        let mut name: Option<usize> = None;
        // Whether a place named a time zone, and whether the line has a stamp's label.
        let (mut zone, mut zone_place, mut labelled) = (false, false, false);
        for w in key.split(' ') {
            let rest = w.trim_start_matches(|c: char| c.is_ascii_digit());
            // A number, or a French time ("10h45").
            if rest.is_empty()
                || (rest.len() < w.len()
                    && rest
                        .strip_prefix('h')
                        .is_some_and(|m| m.bytes().all(|b| b.is_ascii_digit())))
            {
                name = None;
                continue;
            }
            // The name's first word right after "by" is a name's, whatever else it is in a
            // stamp ("نشر بواسطة صوت حضرموت": a counter of votes elsewhere).
            if name == Some(0) && !zone && rest.len() == w.len() {
                name = Some(1);
                continue;
            }
            if let Some(&anchor) = self.lex.date_words.get(rest) {
                anchored |= anchor;
                labelled |= matches!(
                    rest,
                    "تحديث" | "التحديث" | "نشر" | "نشرت" | "نشره" | "بتاريخ"
                );
                if matches!(rest, "by" | "par" | "بواسطه") {
                    if by_seen {
                        return false;
                    }
                    by_seen = true;
                    name = Some(0);
                    zone = false;
                } else if rest == "بتوقيت" {
                    // A time zone may be named by its place ("بتوقيت بغداد", "بتوقيت
                    // الإمارات"), one or two words as an author's name is.
                    name = Some(0);
                    zone = true;
                } else {
                    name = None;
                }
                continue;
            }
            // A site's name after "by" may have three words ("صوت عدن الحر"), a place two.
            match name {
                Some(n) if n < if zone { 2 } else { 3 } => name = Some(n + 1),
                _ => return false,
            }
            zone_place |= zone;
        }
        // A time and its zone's place alone ("20:00 بتوقيت القاهرة") may be a match's
        // kick-off in the article; a stamp has a date or a label.
        if zone_place && !anchored && !labelled {
            return false;
        }
        (anchored || has_clock_time(line.raw))
            && !line.raw.trim_end().ends_with(':')
            && !starts_with_list_marker(line.raw)
            && date_punctuation_only(line.raw)
    }

    /// A place of one or two words, then a separator (`|`, `-`, `،`, "في") or a clock time,
    /// then a lone date or stamps: the top bar's "بيروت | الجمعة 22 تشرين الثاني 2024", "دبي -
    /// الجمعة 15 نوفمبر 2024", "تونس في 1 ديسمبر 2024", "المنامة 16:30 | الاثنين 18 نوفمبر
    /// 2024". Without the separator two words and a date are as often an event's headline
    /// ("قمة الرياض 11 نوفمبر 2024").
    pub(in crate::boilerplate) fn placed_date(&self, raw: &str) -> bool {
        // Cheapest first: a date has a digit.
        if !raw.chars().any(is_any_digit) {
            return false;
        }
        let mut rest = raw.trim();
        for words in 1..=2 {
            let Some((word, after)) = rest.split_once(' ') else {
                return false;
            };
            // A comma closing a one-word place separates it from the date as a dash does
            // ("دمشق، الأحد 02 تشرين الثاني 2025"); after two words it closes an event's name
            // ("قمة الرياض، 11 نوفمبر 2024").
            let place = word.trim_end_matches(['،', ',']);
            let comma = words == 1 && place.len() < word.len();
            let folded = ghirbal_text::fold::fold(place);
            if !place.chars().all(char::is_alphabetic)
                || self.lex.date_words.contains_key(folded.as_str())
            {
                return false;
            }
            rest = after.trim_start();
            let date = rest
                .trim_start_matches(['-', '–', '—', '|', '،', ','])
                .trim_start();
            let (date, joined) = match date.strip_prefix("في ") {
                Some(d) => (d, true),
                None => (date, comma || date.len() < rest.len()),
            };
            let clock = date
                .split_whitespace()
                .next()
                .is_some_and(|w| w.contains(':') && w.chars().any(is_any_digit));
            if !joined && !clock {
                continue;
            }
            if self.lone_date(date) || self.stamps(date) {
                return true;
            }
        }
        false
    }

    /// `is_date` of a part of a line (a stamp between pipes, the date after a place), folded
    /// here.
    fn lone_date(&self, part: &str) -> bool {
        let key = ghirbal_text::fold::fold(part);
        let line = Line {
            raw: part,
            key: 0..0,
            long: false,
            words: key.split(' ').filter(|w| !w.is_empty()).count(),
            letters: true,
            ends_sentence: false,
        };
        self.is_date(&line, &key, false)
    }

    /// Stamps joined by pipes ("نُشر: الأحد ١٤ أبريل ٢٠٢٤ - ١١:٤٢ ص | آخر تحديث: …"): each
    /// part a lone date, time or counter.
    pub(in crate::boilerplate) fn stamps(&self, raw: &str) -> bool {
        if memchr::memchr(b'|', raw.as_bytes()).is_none() {
            return false;
        }
        let mut parts = 0;
        for part in raw.split('|').map(str::trim) {
            // The site's date and the weather share a top bar ("الأربعاء 17 ديسمبر 2025 |
            // المنامة 19° غائم جزئياً").
            if !self.lone_date(part) && !weather(part) {
                return false;
            }
            parts += 1;
        }
        parts >= 2
    }
}

#[cfg(test)]
mod tests {
    use crate::boilerplate::testing::*;

    #[test]
    fn ramadans_fast_times_in_the_top_bar() {
        for times in [
            "الإمساك 04:03 | الإفطار 17:47",
            "إمساكية رمضان: الإمساك 05:19 | الإفطار 18:51",
        ] {
            let text = format!("الدوحة | الأحد 9 مارس 2025\n{times}\nEnglish\nعنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\n{BODY2}");
            assert_eq!(rule_of(&text, times), Some("symbols"), "{:?}", rules(&text));
        }
        // An article's sentence about the fast keeps its times.
        assert_eq!(deep("ويبدأ الإمساك في الساعة 04:03 فجراً."), None);
    }

    #[test]
    fn an_agencys_sign_off_under_a_paragraph() {
        for line in [
            "/مسقط للأنباء/",
            "(بترا)",
            "(الزيتونة برس)",
            "(ننا) ع أ/ م ح",
            "ونا/ س.م",
            "/مسند/ ع خ / س ع",
        ] {
            let text = format!("{BODY}\n{BODY2}\n{line}\nجميع الحقوق محفوظة © 2024");
            assert_eq!(rule_of(&text, line), Some("symbols"), "{line}");
        }
        // Not a note with a figure, a bracketed sentence, nor above the article.
        for line in [
            "(التتمة في الصفحة 3)",
            "(رحمه الله تعالى وأسكنه فسيح جناته)",
            // A hadith's grading and source, a verse's sura, a quotation's author, a heading, a
            // column's name, a serial's note, a grammar lesson's pronouns.
            "(متفق عليه)",
            "(رواه البخاري)",
            "(سورة الشرح)",
            "(محمود درويش)",
            "(المكونات)",
            "(بين قوسين)",
            "(يتبع)",
            "هو / هي",
        ] {
            let text = format!("{BODY}\n{BODY2}\n{line}\nجميع الحقوق محفوظة © 2024");
            assert_eq!(rule_of(&text, line), None, "{line}");
        }
        let text = format!("(بترا)\n{BODY}\n{BODY2}");
        assert_ne!(rule_of(&text, "(بترا)"), Some("symbols"));
        // Under a quotation it is the quoted author.
        let quote = "وقال الكاتب في روايته: \"وتنتهي الرواية ولا تنتهي مثل أغنية عتيقة جميلة ملتصقة بالشغاف\"";
        let text = format!("{BODY}\n{quote}\n(جان الكسان)\n***");
        assert_eq!(rule_of(&text, "(جان الكسان)"), None);
        // Between two paragraphs a name in brackets is a subheading.
        let text = format!("{BODY}\n(الدراما السورية)\n{BODY2}\n{BODY3}");
        assert_eq!(rule_of(&text, "(الدراما السورية)"), None);
    }

    #[test]
    fn a_time_zone_named_by_its_place() {
        for stamp in [
            "آخر تحديث: 14:00 بتوقيت بغداد",
            "آخر تحديث: 18 فبراير 2025 17:12 بتوقيت الإمارات",
        ] {
            assert_eq!(between(stamp), Some("symbols"), "{stamp}");
        }
        // A kick-off time in the article has neither date nor label; a label of a table's row
        // is no time zone.
        assert_eq!(between("20:00 بتوقيت القاهرة"), None);
        assert_eq!(
            between("| توقيت المباراة | 17:00 بتوقيت Asia/Riyadh |"),
            None
        );
    }

    #[test]
    fn a_top_bar_of_date_rate_and_weather_above_the_menus() {
        // The weather line is no headline: the date and the rate above it are the top bar's.
        for (date, rate) in [
            (
                "الدوحة | الثلاثاء 07 أكتوبر 2025",
                "سعر برميل النفط الكويتي: 69.84 دولار",
            ),
            (
                "الاثنين 22 سبتمبر 2025 - العدد 6418",
                "الريال العماني = 2.60 دولار",
            ),
            (
                "بيروت | السبت 11 تشرين الأول 2025",
                "سعر الصرف في السوق الموازية: 89,500 ل.ل. للدولار",
            ),
            // A currency's dotted abbreviation closes the rate; a market's rate has a label;
            // rates joined by pipes are named by the first.
            (
                "بيروت | السبت 11 تشرين الأول 2025",
                "الدولار في السوق الموازية: 89,500 ل.ل.",
            ),
            (
                "بغداد | الأحد 26 مايو 2024",
                "بورصة الكفاح: 146,250 دينار لكل 100 دولار",
            ),
            (
                "الاثنين 27 مايو 2024",
                "أسعار الصرف: الدولار في عدن 1,680 ريال | في صنعاء 535 ريال | السعودي في عدن 441 ريال",
            ),
        ] {
            let text = format!(
                "{date}\n{rate}\nالكويت 44° م\nالرئيسية\nمحليات\nاقتصاد\nرياضة\nمجلس الوزراء يوافق على مشروع قانون العمل التطوعي\n{BODY}\n{BODY2}"
            );
            let r = rules(&text);
            for line in [date, rate, "الكويت 44° م"] {
                assert_eq!(rule_of(&text, line), Some("symbols"), "{line}: {r:?}");
            }
            assert_eq!(
                rule_of(&text, "مجلس الوزراء يوافق على مشروع قانون العمل التطوعي"),
                None,
                "{r:?}"
            );
        }
    }

    #[test]
    fn a_timetable_longer_than_a_stamp_and_widgets_that_are_no_headline() {
        // Six prayers, their times and "ص"/"م": 18 words, past any stamp's length.
        let prayers = "الفجر 06:04 ص الشروق 07:29 ص الظهر 01:20 م العصر 04:40 م المغرب 07:09 م العشاء 08:25 م";
        assert!(prayers.split_whitespace().count() > 14);
        assert_eq!(deep(prayers), Some("symbols"));
        // The weather line under the top bar is no headline: the real headline below the
        // menu stays, and the date above counts as the top bar's.
        let text = format!(
            "الخميس 14 نوفمبر 2024\nالكويت 44° م\nالرئيسية\nمحليات\nاقتصاد\nرياضة\nمجلس الوزراء يوافق على مشروع قانون العمل التطوعي\n{BODY}\n{BODY2}"
        );
        let r = rules(&text);
        assert_eq!(r[1].1, Some("symbols"), "{r:?}");
        assert_eq!(r[6].1, None, "{r:?}");
        // Quotes joined by pipes are no headline either.
        let text = format!(
            "الدولار 49.35 جنيه | اليورو 52.10 جنيه\nسعر صرف الجنيه: 49.35 للدولار\nالرئيسية\nاقتصاد\nالبنك المركزي يثبت أسعار الفائدة للمرة الثالثة\n{BODY}\n{BODY2}"
        );
        let r = rules(&text);
        assert_eq!(r[0].1, Some("symbols"), "{r:?}");
        assert_eq!(r[4].1, None, "{r:?}");
    }

    #[test]
    fn prayer_times_under_their_label() {
        for line in [
            "مواقيت الصلاة - دبي: الظهر 12:07 | العصر 3:27",
            "مواقيت الصلاة بالرباط: الفجر 06:18 الظهر 12:35 العصر 15:22 المغرب 17:46",
        ] {
            assert_eq!(deep(line), Some("symbols"), "{line}");
        }
        // One time in a sentence of the article stays.
        assert_eq!(
            deep("وتتغير مواقيت الصلاة في رمضان إذ يؤذن للمغرب عند 18:42 في العاصمة"),
            None
        );
    }

    #[test]
    fn widgets_below_the_article_timetables_and_city_temperatures() {
        let prayers = "الفجر 06:04 الشروق 07:29 الظهر 13:20 العصر 16:40 المغرب 19:09 العشاء 20:25";
        let text =
            format!("{BODY}\n{BODY2}\n{BODY3}\nمواقيت الصلاة - الرباط\n{prayers}\nالأكثر قراءة");
        assert_eq!(
            rule_of(&text, prayers),
            Some("symbols"),
            "{:?}",
            rules(&text)
        );
        // Twelve words without times is no timetable.
        assert_eq!(
            deep("الفجر والشروق والظهر والعصر والمغرب والعشاء أوقات يحددها الفلكيون بدقة في 2025"),
            None
        );
        // Two or more weather lines together are a widget anywhere; one alone below the
        // article may be the article's.
        let text = format!(
            "{BODY}\n{BODY2}\n{BODY3}\nطقس المدن اليوم\nعمّان 14° / 7°\nإربد 13° / 8°\nالعقبة 24° / 15°\n{BODY4}"
        );
        let r = rules(&text);
        for line in ["عمّان 14° / 7°", "إربد 13° / 8°", "العقبة 24° / 15°"] {
            assert_eq!(rule_of(&text, line), Some("symbols"), "{line}: {r:?}");
        }
        assert_eq!(deep("عمّان 14° / 7°"), None);
        // A run of tags over the widget is still a menu: its weather lines are no stamps of a
        // timeline.
        let text = format!(
            "{BODY}\n{BODY2}\nالكلمات المفتاحية\nطقس\nمنخفض جوي\nالأرصاد الجوية\nطقس المدن\nعمّان ٩° / ٣°\nإربد ٧° / ٢°\nالعقبة ١٨° / ١٠°"
        );
        assert_eq!(
            rule_of(&text, "منخفض جوي"),
            Some("menu_block"),
            "{:?}",
            rules(&text)
        );
    }

    #[test]
    fn the_top_bar_place_and_date_and_a_lone_rate() {
        let bp = stage();
        for line in [
            "بيروت | الجمعة 22 تشرين الثاني 2024",
            "دبي - الجمعة 15 نوفمبر 2024",
            "تونس في 1 ديسمبر 2024",
            "المنامة 16:30 | الاثنين 18 نوفمبر 2024",
            "الجزائر العاصمة | الإثنين 06 جانفي 2025",
            "دمشق، الأحد 02 تشرين الثاني 2025",
        ] {
            assert!(bp.placed_date(line), "{line}");
        }
        for line in [
            "الرياض - واس",
            "الخميس 14 نوفمبر 2024",
            "بيروت",
            // An event's headline: no separator between the place and the date.
            "قمة الرياض 11 نوفمبر 2024",
            "قمة الرياض، 11 نوفمبر 2024",
            "انتخابات لبنان 15 أيار 2022",
            "مهرجان قرطاج الجمعة 22 نوفمبر",
        ] {
            assert!(!bp.placed_date(line), "{line}");
        }
        let text = format!(
            "بيروت | الجمعة 22 تشرين الثاني 2024\nالرئيسية\nسياسة\nاقتصاد\nكهرباء لبنان ترفع التغذية إلى ثماني ساعات يوميا\n{BODY}\n{BODY2}"
        );
        assert_eq!(
            rule_of(&text, "بيروت | الجمعة 22 تشرين الثاني 2024"),
            Some("symbols"),
            "{:?}",
            rules(&text)
        );
        // An exchange rate alone in the top bar; in the article, the same words are its own.
        let rate = "سعر صرف الدولار في السوق الموازية: 14,850 ل.س";
        let text = format!(
            "{rate}\nالرئيسية\nسياسة\nاقتصاد\nكهرباء لبنان ترفع التغذية إلى ثماني ساعات يوميا\n{BODY}\n{BODY2}"
        );
        assert_eq!(rule_of(&text, rate), Some("symbols"), "{:?}", rules(&text));
        let text = format!("{BODY}\n{rate}\n{BODY2}");
        assert_eq!(rule_of(&text, rate), None, "{:?}", rules(&text));
        // Above a headline that asks a question, too.
        let text = format!(
            "{rate}\nالرئيسية\nسياسة\nاقتصاد\nالودائع العالقة: خطة تعافٍ أم إدارة للانهيار؟\n{BODY}\n{BODY2}"
        );
        assert_eq!(rule_of(&text, rate), Some("symbols"), "{:?}", rules(&text));
        // Under the headline, the same line is the article's dateline.
        let text = format!(
            "كهرباء لبنان ترفع التغذية إلى ثماني ساعات يوميا\nبيروت - الجمعة 22 تشرين الثاني 2024\n{BODY}\n{BODY2}"
        );
        assert_eq!(
            rule_of(&text, "بيروت - الجمعة 22 تشرين الثاني 2024"),
            None,
            "{:?}",
            rules(&text)
        );
    }

    #[test]
    fn lines_without_a_word_of_two_letters() {
        for line in [".", "A", "+A -A", "19:05 ت م", "* * *"] {
            assert_eq!(between(line), Some("symbols"), "{line}");
        }
    }

    #[test]
    fn the_weather_above_the_article() {
        for widget in [
            "الرباط 17°C",
            "بغداد ١٤°",
            "القدس 31° | غزة 30° | نابلس 29°",
        ] {
            assert_eq!(on_top(widget), Some("symbols"), "{widget}");
        }
        // Coordinates, and a temperature in the article, stay.
        assert_ne!(on_top("إحداثيات المدينة: 35°40′41″ شمال"), Some("symbols"));
        let reading = "العظمى في الرياض 45°";
        let text = format!("{BODY}\n{BODY2}\n{reading}\n{BODY3}");
        assert_eq!(rule_of(&text, reading), None);
    }

    #[test]
    fn lone_dates_and_comment_blocks() {
        // A comment: author, time stamp, text, reply button.
        let text = format!(
            "{BODY}\n{BODY2}\n2 تعليقات\nنورة\n4 مارس 2023 عند 10:15 ص\nجربتها اليوم وكانت رائعة، شكرا.\nرد\nخالد\n5 مارس 2023 عند 8:40 م\nهل يمكن استخدام الدجاج؟\nرد"
        );
        let r = rules(&text);
        let kept: Vec<&str> = r
            .iter()
            .filter(|(_, rule)| rule.is_none())
            .map(|(l, _)| l.as_str())
            .collect();
        assert_eq!(kept, [BODY, BODY2], "the comments go with their header");
        assert_eq!(rule_of(&text, "هل يمكن استخدام الدجاج؟"), Some("comments"));
        assert_eq!(rule_of(&text, "4 مارس 2023 عند 10:15 ص"), Some("symbols"));
        // Counters and post meta lines are stamps too; a name follows "by" only.
        for stamp in [
            "1,234 إعجابات",
            "نشر في 3 مارس 2023 بواسطة أم سارة",
            "Posted on 12 يناير 2024 by admin",
            "الخميس، 5 آذار/مارس 2020، آخر تحديث 09:30 (GMT+0300)",
            // A site's name of three words, and a name whose first word is a counter's.
            "نشر بواسطة صوت عدن الحر في 10:42 ص",
            "نشر بواسطة: صوت حضرموت في ٨:٤٥ م",
            // The Hijri date "الموافق لـ" the Gregorian one, and "تشرين أول" without its article.
            "السبت 06 سبتمبر 2025 – الموافق لـ 13 ربيع الأول 1447",
            "الخميس 16 تشرين أول 2025 - 24 ربيع الثاني 1447",
        ] {
            assert_eq!(deep(stamp), Some("symbols"), "{stamp}");
        }
        assert_eq!(deep("نشر في 3 مارس 2023 تقرير اللجنة"), None);
        assert_eq!(deep("نشر في 3 مارس 2023 بواسطة لجنة من أربعة خبراء"), None);
        assert_eq!(rule_of(&text, "خالد"), Some("menu_block"));
        // A schedule of the article and an agency's dateline at the top stay; the site's date
        // at the top goes.
        let schedule = "* الثلاثاء 9 مايو :";
        let text = format!("{BODY}\n{schedule}\nمباراة الافتتاح في الملعب الكبير.\n{BODY2}");
        assert_eq!(rule_of(&text, schedule), None);
        let text = format!("الخميس 13 يناير 2022\nعنوان الخبر الرئيسي اليوم\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, "الخميس 13 يناير 2022"), Some("symbols"));
        let text = format!("القاهرة - 13 يناير 2022\nعنوان الخبر الرئيسي اليوم\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, "القاهرة - 13 يناير 2022"), None);
    }

    #[test]
    fn user_names_with_an_underscore() {
        assert_eq!(between("دكتور_هيثم"), Some("symbols"));
        assert_eq!(between("green_eagle85"), Some("symbols"));
        // Not a word with an underscore inside a sentence, nor a lone underscore run.
        assert_eq!(between("اسم الملف report_2024 في المجلد"), None);
        assert_eq!(between("__________________"), Some("symbols"));
    }

    #[test]
    fn horoscope_entries_beside_each_other() {
        let widget =
            "الحمل: يوم مناسب لحسم قرار مالي مؤجل.\nالثور: تتلقين دعوة مفاجئة من صديقة قديمة.";
        let text = format!("{BODY}\n{BODY2}\nأبراج اليوم\n{widget}");
        for line in widget.lines() {
            assert_eq!(rule_of(&text, line), Some("symbols"), "{line}");
        }
        // One sign alone is the article's word ("pregnancy").
        let line = "الحمل: فترة تمتد تسعة أشهر تتغير فيها احتياجات الجسم.";
        assert_eq!(between(line), None);
    }

    #[test]
    fn single_quotes_above_the_headline() {
        let quotes = "برنت 85.34 دولار\nالذهب 2,156 دولار للأونصة";
        for line in quotes.lines() {
            assert_eq!(
                rule_of(
                    &under_menu(quotes, "عنوان الخبر الرئيسي اليوم في العاصمة"),
                    line
                ),
                Some("symbols"),
                "{line}"
            );
            // In the article the same lines may be its own table.
            assert_eq!(rule_of(&format!("{BODY}\n{quotes}\n{BODY2}"), line), None);
        }
        // Alone above the article, a quote may be the headline.
        let headline = "الدولار يرتفع إلى 50 جنيها";
        assert_eq!(on_top(headline), None);
    }
}
