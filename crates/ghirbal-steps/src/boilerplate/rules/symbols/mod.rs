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
    ascii_words, blank, bracketed, has_clock_time, market_quotes, media_url, sentence_paragraph,
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
                || (line.words <= PRAYER_TIMES_MAX_WORDS
                    && !page.after_colon[i]
                    && prayer_times(line.raw, key)))
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
            && ((sign_off(line.raw) && under_paragraph(page, i) && !above_paragraph(page, i))
                || own_mark(line.raw))
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

/// A site's name and its mark of a story of its own or a photo from its archive, in brackets
/// around a dash (`(ليبيا الغد – خاص)`, `(أرشيف - سودان الآن)`): under a paragraph or a photo's
/// caption alike.
fn own_mark(raw: &str) -> bool {
    let Some(inner) = bracketed(raw) else {
        return false;
    };
    if inner.chars().any(is_any_digit) {
        return false;
    }
    let parts: Vec<&str> = inner.split_whitespace().collect();
    let mut halves = parts.split(|w| matches!(*w, "-" | "–" | "—"));
    let (Some(a), Some(b), None) = (halves.next(), halves.next(), halves.next()) else {
        return false;
    };
    let name = |h: &[&str]| {
        (1..=3).contains(&h.len()) && h.iter().all(|w| w.chars().all(char::is_alphabetic))
    };
    let mark = |h: &[&str]| OWN_MARKS.contains(&ghirbal_text::fold::fold(&h.join(" ")).as_str());
    (mark(a) && name(b)) || (mark(b) && name(a))
}

/// A site's marks of where a story comes from, beside its name in a sign-off, folded.
const OWN_MARKS: [&str; 5] = ["خاص", "ارشيف", "ارشيفيه", "متابعات", "وكالات"];

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
    (key.contains("مواقيت الصلاه") || key.contains("اوقات الصلاه"))
        && clock_times(raw).nth(1).is_some()
        // Settled on the folded line first: most lines name neither.
        || (key.contains("الامساك") && key.contains("الافطار") && fast_times(raw))
}

/// Ramadan's fast times as a widget writes them: "الإمساك" and "الإفطار" each right before its
/// clock time ("الإمساك 04:03 | الإفطار 17:47", "إمساكية رمضان: الإمساك 05:19 | …"); a sentence
/// puts words between them ("ويحين الإمساك في القاهرة عند 04:21 …").
fn fast_times(raw: &str) -> bool {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let timed = |name: &str| {
        words.windows(2).any(|p| {
            ghirbal_text::fold::fold(p[0].trim_matches(|c: char| !c.is_alphabetic())) == name
                && clock_times(p[1]).next().is_some()
        })
    };
    timed("الامساك") && timed("الافطار")
}

/// Longest prayer-time line with its label, in words (six prayers, their times, a label and a
/// place).
const PRAYER_TIMES_MAX_WORDS: usize = 20;

/// Units of time after "منذ" or "قبل" and a count, folded: a time ago ("منذ 4 أشهر").
const TIME_UNITS: [&str; 25] = [
    "دقيقه",
    "دقائق",
    "دقيقتين",
    "ساعه",
    "ساعات",
    "ساعتين",
    "يوم",
    "ايام",
    "يومين",
    "يوما",
    "اسبوع",
    "اسابيع",
    "اسبوعين",
    "اسبوعا",
    "شهر",
    "اشهر",
    "شهور",
    "شهرين",
    "شهرا",
    "سنه",
    "سنوات",
    "سنتين",
    "عام",
    "اعوام",
    "عاما",
];

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
        // The two words before this one: "منذ 3" before a unit of time is a time ago, which
        // anchors a stamp only after a verb of posting ("نُشر قبل 3 أيام", "طُرح منذ 4 أشهر";
        // "قبل 6 أشهر" alone heads a checklist's part). "قبل" is no date word otherwise ("قبل
        // 30 يونيو 2013" heads an essay's part).
        let (mut before, mut last) = ("", "");
        let (mut ago_seen, mut qabl, mut posted) = (false, false, false);
        for w in key.split(' ') {
            let ago = matches!(before, "منذ" | "قبل")
                && !last.is_empty()
                && last.bytes().all(|b| b.is_ascii_digit());
            (before, last) = (last, w);
            if ago && TIME_UNITS.contains(&w) {
                ago_seen = true;
                continue;
            }
            if w == "قبل" {
                qabl = true;
                continue;
            }
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
                posted |= matches!(rest, "طرح" | "طرحت" | "نشط" | "النشر");
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
        if qabl && !ago_seen {
            return false;
        }
        anchored |= ago_seen && (labelled || posted);
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
mod tests;
