//! `navigation`: at least `nav_min_items` short items with letters separated by | » « • · ›
//! ‹ > " / " and the like, and no sentence ending; table rows (ending with `|`) are exempt,
//! and guillemets in pairs quote («داعش») rather than separate. Also four or more items of
//! at most three words separated by spaced dashes, without digits ("الرئيسية - سياسة -
//! مجتمع - اقتصاد"; a dateline "الرياض - واس" has two). A breadcrumb may end with the
//! page's long title; tabs may end with a count ("التقييمات (128)"); a short line closed by a
//! bracket naming a file format is a download link ("تحميل التفريغ (PDF)"), as is a short line
//! with a file's name ("الدليل.pdf"). Pagers: page
//! numbers and paging words only ("صفحة 1 من 4 1 2 3 > الأخيرة »"), alone or among a
//! forum's short items, and a listing's row that ends with its topic's page links after an
//! ellipsis ("عنوان الموضوع ... 1 2 3 الصفحة الأخيرة"). News tickers above the article's
//! headline: a ticker label and a separator before a headline ("عاجل | …", "آخر الأخبار:
//! …"), or headlines of four words or more joined by bullets, but not a live page's own
//! headline under its live kicker ("مباشر", then "مباشر | …"); live scores and fixtures
//! there ("الريان 2 - 1 الوكرة | انتهت", "الوكرة × السد"). A post's navigation: two
//! titles on adjacent lines, one after a left arrow, the other before a right arrow (or
//! guillemets, when both lines say "previous" or "next"); a link to the previous or next
//! page of a series with its title ("الدرس التالي: …", for the kinds of `SEQUEL_KINDS`).
//!
//! Also a search box's prompt ("ابحث عن منتج…", "بحث في الموقع…") and a link to a whole list
//! with its count ("عرض جميع إعلانات المعلن (27)").
//!
//! Sub-codes: `separators`, `dashes`, `download`, `pager`, `sequel`, `ticker`, `score`,
//! `post_arrows`, `ticker_headlines`, `search`, `view_all` (see the constants below).

use super::{removal, Cut, LineRule, Pass, Scratch};
use crate::boilerplate::lexicon::{builtin_words, WordList};
use crate::boilerplate::lines::{
    blank, full_stop, has_clock_time, live_label, quotes_in_pairs, score_line, sentence_paragraph,
    ticker, Line, TICKER_LABELS,
};
use crate::boilerplate::page::Page;
use crate::boilerplate::Boilerplate;
use ghirbal_text::script::is_any_digit;
use std::sync::LazyLock;

/// Longest ticker label alone on its line, in words ("عاجل", "Dernière minute :").
const TICKER_LABEL_MAX_WORDS: usize = 3;
/// Headlines a ticker's label takes, at least: a badge above the article's own headline
/// ("عاجل") has one.
const TICKER_MIN_HEADLINES: usize = 2;

removal!(
    /// Short items between separators: a menu, a breadcrumb, tabs.
    SEPARATORS, Navigation, "navigation/separators"
);
removal!(
    /// Four or more short items between spaced dashes.
    DASHES, Navigation, "navigation/dashes"
);
removal!(
    /// A download link naming a file format in brackets.
    DOWNLOAD, Navigation, "navigation/download"
);
removal!(
    /// Page numbers and paging words.
    PAGER, Navigation, "navigation/pager"
);
removal!(
    /// A link to the previous or next page of a series.
    SEQUEL, Navigation, "navigation/sequel"
);
removal!(
    /// A news ticker above the article's title.
    TICKER, Navigation, "navigation/ticker"
);
removal!(
    /// A live score or fixture above the article's title.
    SCORE, Navigation, "navigation/score"
);
removal!(
    /// Links to the previous and next post, with arrows.
    POST_ARROWS, Navigation, "navigation/post_arrows"
);
removal!(
    /// Headlines after a ticker's label above the article.
    TICKER_HEADLINES, Navigation, "navigation/ticker_headlines"
);
removal!(
    /// A search box's prompt.
    SEARCH, Navigation, "navigation/search"
);
removal!(
    /// A link to all the items of a list, with their count.
    VIEW_ALL, Navigation, "navigation/view_all"
);

pub(in crate::boilerplate) struct Navigation;

impl LineRule for Navigation {
    fn fires(&self, bp: &Boilerplate, page: &Page<'_>, i: usize, _: &mut Scratch) -> Cut {
        let line = &page.lines[i];
        if let Some(cut) = bp.navigation_rule(line) {
            return (!table_header(page, i) && !page.article_table[i]).then_some(cut);
        }
        if pagination(line.raw, page.key(i)) {
            return Some(&PAGER);
        }
        if !line.long && sequel_link(line.raw) {
            return Some(&SEQUEL);
        }
        // (Never the page's headline: "بحث جديد يكشف …" is one.)
        if line.words <= PROMPT_MAX_WORDS && Some(i) != page.headline_at {
            if search_prompt(line.raw, page.key(i)) {
                return Some(&SEARCH);
            }
            // (Not an item of the article's list after a colon: "… ثلاثة خيارات هي:".)
            if view_all(line.raw, page.key(i)) && !page.after_colon[i] {
                return Some(&VIEW_ALL);
            }
        }
        if page.title_before_body.is_some_and(|t| i < t) {
            if ticker(line.raw) && !live_headline(bp, page, i) {
                return Some(&TICKER);
            }
            if Some(i) != page.headline_at && score_line(line.raw) {
                return Some(&SCORE);
            }
        }
        None
    }
}

/// A live page's own headline, written as a ticker's line ("مباشر | انتخابات المجلس البلدي
/// 2025: انتهاء التصويت …"): its live label, the page's live kicker alone on one of the two
/// lines above ("مباشر", "تغطية مستمرة"), no ticker's line beside it, and the page's stamp or
/// byline within the two lines below ("آخر تحديث: …", after a standfirst or not). A ticker in
/// the top bar runs on for several headlines ("مباشر", then "الآن | …" twice), or the page's
/// own headline follows it, then the article.
fn live_headline(bp: &Boilerplate, page: &Page<'_>, i: usize) -> bool {
    /// Longest stamp with a clock time ("بدأت التغطية: 05:40 ص").
    const STAMP_MAX_WORDS: usize = 6;
    let lines = &page.lines;
    let above = || (0..i).rev().filter(|&k| !blank(&lines[k]));
    let mut below = (i + 1..lines.len()).filter(|&k| !blank(&lines[k]));
    let next = below.next();
    live_label(lines[i].raw, false)
        && above()
            .take(2)
            .any(|k| lines[k].words <= 2 && live_label(lines[k].raw, true))
        && !above()
            .next()
            .into_iter()
            .chain(next)
            .any(|k| ticker(lines[k].raw))
        && next.into_iter().chain(below.next()).any(|k| {
            let l = &lines[k];
            page.protected[k]
                || (l.words <= STAMP_MAX_WORDS && has_clock_time(l.raw))
                || bp.is_date(l, page.key(k), false)
        })
}

/// Longest search prompt or "view all" link, in words.
const PROMPT_MAX_WORDS: usize = 10;

/// A search box's prompt: "search" and where or among what ("ابحث في المقالات والأمراض
/// والأدوية...", "بحث في الموقع…", "ابحث بين أكثر من مليون سؤال..."), or the imperative with
/// the alternatives a box takes, at least two in a short line ("ابحث عن منتج، علامة تجارية أو
/// فئة"). An article's subheadings open with the imperative too ("ابحث عن شغفك، ثم اعمل
/// عليه", "ابحث عن الدعم من الأصدقاء أو العائلة"), and "بحث" is also "research" ("بحث جديد
/// يكشف سر الشيخوخة...").
fn search_prompt(raw: &str, key: &str) -> bool {
    let raw = raw.trim_end();
    let mut words = key.split(' ').filter(|w| !w.is_empty());
    let (first, second) = (words.next(), words.next());
    if !matches!(first, Some("ابحث" | "بحث")) {
        return false;
    }
    if raw.ends_with("...") || raw.ends_with('…') {
        return matches!(second, Some("في" | "بين"));
    }
    let alternatives = raw.matches(['،', ',']).count() + key.matches(" او ").count();
    first == Some("ابحث")
        && alternatives >= 2
        && raw
            .split_whitespace()
            .nth(SEARCH_ALTERNATIVES_MAX_WORDS)
            .is_none()
        && !raw.ends_with(['.', '!', '؟', '?'])
}

/// Longest search prompt that lists alternatives, in words.
const SEARCH_ALTERNATIVES_MAX_WORDS: usize = 8;

/// A link to a whole list with its count in brackets at the end ("عرض جميع إعلانات المعلن
/// (27)", "عرض كل القصائد (326)", "عرض التعليقات (14)"): "show" and "all" or what is listed.
/// A review of a book in parts ("عرض كتاب: تاريخ الأندلس (3)") has other words there.
/// Without a count, "show all" and one thing listed ("عرض جميع الصور", "عرض كل الحلقات").
fn view_all(raw: &str, key: &str) -> bool {
    let mut words = key.split(' ').filter(|w| !w.is_empty());
    if words.next() != Some("عرض") || raw.contains(':') {
        return false;
    }
    let second = words.next();
    if !matches!(
        second,
        Some("كل" | "جميع" | "المزيد" | "باقي" | "التعليقات" | "الصور" | "الردود")
    ) {
        return false;
    }
    let counted = raw
        .trim_end()
        .strip_suffix(')')
        .and_then(|r| r.rsplit_once('('))
        .is_some_and(|(_, n)| !n.is_empty() && n.chars().all(is_any_digit));
    counted
        || (matches!(second, Some("كل" | "جميع"))
            && words.next().is_some_and(|w| w.starts_with("ال"))
            && words.next().is_none()
            && !raw.trim_end().ends_with(['.', '!', '؟', '?']))
}

/// A table's header row: cells between pipes, followed by a row of as many cells one of
/// which is a number ("الشهر | الكمية | القيمة" over "نوفمبر 2023 | 21,4 | 612"). It reads
/// like a menu, but a menu is not followed by a row of figures in the same columns. In the
/// article (after its first sentence) a row is a table's too when a row beside it has as many
/// cells and one of the two holds a measure, a figure with at most a unit ("مسندم | 20 - 40
/// ملم | 25° | الخميس ليلا"), or, with three cells or more, any figure.
pub(super) fn table_header(page: &Page<'_>, i: usize) -> bool {
    fn cells(raw: &str) -> Vec<&str> {
        raw.trim()
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect()
    }
    let figure = |c: &&str| {
        c.chars().any(is_any_digit)
            && c.chars()
                .all(|ch| is_any_digit(ch) || matches!(ch, ',' | '.' | '٫' | '٬' | '%' | '٪' | ' '))
    };
    let measure = |c: &&str| {
        c.chars().any(is_any_digit)
            && c.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphabetic))
                .count()
                <= 1
    };
    let head = cells(page.lines[i].raw);
    if head.len() < 2 {
        return false;
    }
    let row = |k: usize| page.lines.get(k).map(|l| cells(l.raw));
    if row(i + 1).is_some_and(|r| r.len() == head.len() && r.iter().any(figure)) {
        return true;
    }
    page.body.is_some_and(|b| i > b)
        && [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter_map(row)
            .any(|r| {
                // Three columns or more: a figure anywhere in either row will do ("الأولى |
                // 4 آبار في حقل الضباب | شهران"); menus side by side have none.
                let digit = |c: &&str| c.chars().any(is_any_digit);
                r.len() == head.len()
                    && (r.iter().any(measure)
                        || head.iter().any(measure)
                        || (head.len() >= 3 && (r.iter().any(digit) || head.iter().any(digit))))
            })
}

/// Fewest rows of a table written between the article's paragraphs.
const TABLE_MIN_ROWS: usize = 3;
/// How far (in lines) a table's paragraphs may stand from it: a heading may come between.
const TABLE_NEAR_LINES: usize = 3;

/// Which lines are rows of a table the article holds, figures or none: at least
/// `TABLE_MIN_ROWS` rows of as many cells (two or more) one after the other, after the
/// article's first sentence, a paragraph of the article (a sentence of eight words or more)
/// shortly above them and a sentence shortly below ("المقارنة | الشريحة التقليدية | الشريحة
/// الإلكترونية", "الشكل | بطاقة بلاستيكية قابلة للإزالة | …"). Menus and a footer's rows of
/// links have no sentence after them. One pass over the page: each run is measured once.
pub(in crate::boilerplate) fn article_tables(lines: &[Line<'_>], body: Option<usize>) -> Vec<bool> {
    let mut rows = vec![false; lines.len()];
    let Some(body) = body else { return rows };
    let counts: Vec<usize> = lines.iter().map(|l| super::menu::cells(l.raw)).collect();
    let mut first = body + 1;
    while first < lines.len() {
        let n = counts[first];
        if n < 2 {
            first += 1;
            continue;
        }
        let mut end = first + 1;
        while end < lines.len() && counts[end] == n {
            end += 1;
        }
        let paragraph_above =
            (first.saturating_sub(TABLE_NEAR_LINES)..first).any(|k| sentence_paragraph(&lines[k]));
        let sentence_below = (end..lines.len().min(end + TABLE_NEAR_LINES)).any(|k| {
            let raw = lines[k].raw.trim_end();
            lines[k].words >= 4 && raw.ends_with(['.', '!', '؟', '?']) && !raw.contains('©')
        });
        if end - first >= TABLE_MIN_ROWS && paragraph_above && sentence_below {
            rows[first..end].iter_mut().for_each(|r| *r = true);
        }
        first = end;
    }
    rows
}

/// The home page's link, folded: the first item of a breadcrumb.
const HOME: [&str; 5] = ["الرئيسيه", "الصفحه الرئيسيه", "home", "accueil", "الرئيسه"];

/// Arrows of links to the previous and the next post.
const LEFT_ARROWS: [char; 5] = ['←', '⟵', '⇐', '⬅', '❮'];
const RIGHT_ARROWS: [char; 5] = ['→', '⟶', '⇒', '➡', '❯'];

/// Every separator is ASCII or starts with the UTF-8 byte C2 or E2 (`navigation_rule` relies
/// on it to skip lines without any).
/// The guillemets first (`navigation_rule` drops them when they quote).
pub(in crate::boilerplate) const NAV_SEPARATORS: &[char] = &[
    '«', '»', '|', '•', '·', '›', '‹', '>', '<', '►', '◄', '▸', '◂', '⟩', '⟨', '\\', '¦', '∙', '●',
    '▪', '■',
];

/// The items of a trail or a menu line, trimmed, split at its separators or at slashes
/// ("الرئيسية / الخدمات / جوازات السفر"): what a breadcrumb names, read by the page's title
/// and its section.
pub(in crate::boilerplate) fn trail_items(raw: &str) -> impl DoubleEndedIterator<Item = &str> {
    raw.split(|c| c == '/' || NAV_SEPARATORS.contains(&c))
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// Words of page links, folded: a pager holds nothing else besides page numbers.
static PAGE_WORDS: LazyLock<WordList> = LazyLock::new(|| builtin_words("page_words"));

/// Page links, a pager ("صفحة 1 من 4 1 2 3 > الأخيرة »", "« السابق 1 2 3 4 التالي »"): only
/// page numbers and words of `PAGE_WORDS`, at least two numbers and a word of paging, alone
/// or as one of a line's short items separated by bullets or pipes. Also a
/// listing's row that ends with its topic's page links after an ellipsis ("عنوان الموضوع ...
/// 1 2 3 الصفحة الأخيرة"): forums print them after each topic of several pages. `key` is the
/// folded line.
fn pagination(raw: &str, key: &str) -> bool {
    let number = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let paging = |w: &str| !matches!(w, "من" | "of" | "sur") && PAGE_WORDS.contains(&w);
    let page_word = |w: &str| PAGE_WORDS.contains(&w) || number(w);
    // Every form ends with a page number or a word of paging; most lines end with another
    // word, and their last word alone settles them.
    if !key.rsplit(' ').next().is_some_and(page_word) {
        return false;
    }
    let pager = |key: &str| {
        let mut numbers = 0;
        let mut words = false;
        for w in key.split(' ') {
            if number(w) {
                numbers += 1;
            } else if paging(w) {
                words = true;
            } else if !PAGE_WORDS.contains(&w) {
                return false;
            }
        }
        numbers >= 2 && words
    };
    if key.split(' ').next().is_some_and(page_word) && pager(key) {
        return true;
    }
    // A pager among a forum's short items ("12 مشاركة • صفحة 1 من 2 • 1, 2").
    const ITEM_SEPARATORS: [char; 3] = ['•', '|', '·'];
    // '•' starts with the byte E2, '·' with C2: one scan skips lines without separators.
    if memchr::memchr3(b'|', 0xE2, 0xC2, raw.as_bytes()).is_some()
        && raw.contains(ITEM_SEPARATORS)
        && (key.contains("صفحه") || key.contains("page"))
    {
        let items: Vec<&str> = raw.split(ITEM_SEPARATORS).map(str::trim).collect();
        if items.len() > 1
            && items
                .iter()
                .all(|item| item.split_whitespace().count() <= 4)
            && items
                .iter()
                .any(|item| pager(&ghirbal_text::fold::fold(item)))
        {
            return true;
        }
    }
    if !(key.ends_with("الاخيره") || key.ends_with("last") || key.ends_with("dernière")) {
        return false;
    }
    let raw = raw.trim_end();
    let Some(at) = raw.rfind("...").or_else(|| raw.rfind('…')) else {
        return false;
    };
    let tail = ghirbal_text::fold::fold(&raw[at..]);
    raw[..at].chars().any(char::is_alphabetic)
        && tail.split(' ').all(page_word)
        && tail.split(' ').any(paging)
}

/// Kinds of pages a site links to as the previous or the next one, folded (singular).
static SEQUEL_KINDS: LazyLock<WordList> = LazyLock::new(|| builtin_words("sequel_kinds"));

/// A link to the previous or the next page of a series, with its title after a colon
/// ("الدرس التالي: شرح حديث جبريل ←", "المقال السابق: …"), for the kinds of `SEQUEL_KINDS`:
/// "الخطوة التالية:" leads a step of the article.
fn sequel_link(raw: &str) -> bool {
    // The colon comes within the first 40 bytes: lines without one there are settled without
    // scanning the rest.
    let start = &raw.as_bytes()[..raw.len().min(41)];
    let Some(at) = memchr::memchr(b':', start) else {
        return false;
    };
    let head = &raw[..at];
    let head = ghirbal_text::fold::fold(head);
    let mut words = head.split(' ');
    matches!(
        (words.next(), words.next(), words.next()),
        (Some(kind), Some("التالي" | "التاليه" | "السابق" | "السابقه"), None)
            if SEQUEL_KINDS.contains(&kind)
    )
}

/// Longest line with a file's name that is a link to the file, in words.
const FILE_LINK_MAX_WORDS: usize = 8;

/// A download link: a short line naming a file's format in brackets ("تحميل البلاغ (PDF -
/// 245 Ko)", "دليل المستخدم (PDF)", "تحميل المحاضرة (MP3 - ٢١٫٨ ميجابايت)"), or a file's
/// name with its format's extension ("قائمة مراكز التطعيم.pdf (1.2 ميجابايت)"): an article
/// names a document, not its file.
fn download_link(raw: &str) -> bool {
    static FORMATS: LazyLock<WordList> = LazyLock::new(|| builtin_words("file_formats"));
    let raw = raw.trim_end();
    if raw.split_whitespace().nth(12).is_some() || raw.ends_with('.') {
        return false;
    }
    let format = |word: &str| FORMATS.contains(&word.to_ascii_lowercase().as_str());
    // A file name closing the line, or only its size in brackets after it ("التقرير.pdf",
    // "قائمة المراكز.pdf (1.2 ميجابايت)"): letters before a dot and a format's extension; not
    // a web address, which the media rule reads. A sentence goes on after the name ("قم بتحميل
    // ملف WhatsApp.apk من الموقع الرسمي").
    let named = match raw.strip_suffix(')').and_then(|r| r.rsplit_once('(')) {
        Some((before, inside)) if inside.chars().any(is_any_digit) => before.trim_end(),
        _ => raw,
    };
    let file_name = raw.split_whitespace().nth(FILE_LINK_MAX_WORDS).is_none()
        && named.split_whitespace().last().is_some_and(|w| {
            !w.contains('/')
                && w.rsplit_once('.')
                    .is_some_and(|(name, ext)| name.chars().any(char::is_alphabetic) && format(ext))
        });
    // The bracket closes the line, as a link's title does; a sentence goes on or ends with a
    // full stop ("… ملخص التقرير (PDF، 40 صفحة) متاح للعموم.").
    file_name
        || (raw.ends_with(')')
            && raw.rsplit('(').next().into_iter().any(|inside| {
                let word: String = inside
                    .trim_start()
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect();
                format(&word)
            }))
}

/// A menu or tag list separated by spaced dashes ("الرئيسية - سياسة - مجتمع - اقتصاد"): at
/// least four items of at most three words, each with letters and no digit, quote or bracket.
/// Datelines ("الرياض - واس") have two items, scores and dates have digits.
fn dash_menu(raw: &str) -> bool {
    // Most lines hold neither dash ('–' starts with the byte E2): one SIMD scan settles them.
    let bytes = raw.as_bytes();
    if memchr::memchr2(b'-', 0xE2, bytes).is_none()
        || memchr::memmem::find_iter(bytes, " - ").count()
            + memchr::memmem::find_iter(bytes, " – ").count()
            < 3
    {
        return false;
    }
    let mut items = 0;
    for item in raw.split(" - ").flat_map(|p| p.split(" – ")) {
        let item = item.trim();
        let words = item.split_whitespace().count();
        if words == 0
            || words > 3
            || !item.chars().any(char::is_alphabetic)
            || item.chars().any(|c| {
                c.is_numeric() || matches!(c, '"' | '«' | '»' | '(' | ')' | '“' | '”' | '-' | '–')
            })
        {
            return false;
        }
        items += 1;
    }
    items >= 4
}

impl Boilerplate {
    /// Items between separators; a slash separates only with spaces around it, so dates
    /// (2013/12/03) and units (شخصا/ كيلومتر) stay whole. A line ending with `|` is a table row,
    /// and items without a letter (numbers, times) do not count as menu items.
    pub(in crate::boilerplate) fn navigation_rule(&self, line: &Line<'_>) -> Cut {
        // Most lines hold no separator at all: every one of `NAV_SEPARATORS` is an ASCII
        // '|' '>' '<' '\\' (or '/' of " / "), or starts with the byte C2 (· « » ¦) or E2
        // (• ‹ › ► ●, …). A SIMD scan for those bytes settles such lines.
        let bytes = line.raw.as_bytes();
        if !line.long && !line.ends_sentence && dash_menu(line.raw) {
            return Some(&DASHES);
        }
        if !line.long && download_link(line.raw) {
            return Some(&DOWNLOAD);
        }
        if memchr::memchr3(b'|', b'>', b'/', bytes).is_none()
            && memchr::memchr3(b'<', b'\\', 0xC2, bytes).is_none()
            && memchr::memchr(0xE2, bytes).is_none()
        {
            return None;
        }
        let raw = line.raw.trim_end();
        // Pipes and bullets separate links only; guillemets, angle marks and slashes also
        // quote words or join credits in sentences («…», "كلمات: … / ألحان: …"), so with
        // those every item must be short and no sentence end.
        let links_only =
            raw.contains(['|', '•', '·']) && !raw.contains(['«', '»', '‹', '›', '<', '>', '/']);
        // A full stop ends a sentence; a question mark may end a menu item ("من نحن؟").
        // Nor does a closing bracket: a count ("التقييمات (128)").
        if raw.ends_with('|')
            || (line.ends_sentence && !(links_only && raw.ends_with(['?', '؟', '!', ')'])))
        {
            return None;
        }
        let max = if links_only {
            2 * self.opts.nav_max_item_words
        } else {
            self.opts.nav_max_item_words
        };
        let short = self.opts.nav_max_item_words;
        // Guillemets in pairs quote a name («آي تونز»); breadcrumbs repeat one of them.
        let separators = if raw.contains('«') && quotes_in_pairs(raw) {
            &NAV_SEPARATORS[2..]
        } else {
            NAV_SEPARATORS
        };
        // A breadcrumb ends with the page's own title, however long: "منتديات … > الأقسام
        // العامة > منتدى الصحة > نصائح مجربة للتخلص من إجهاد العين أمام الكمبيوتر". A long
        // item passes only after three short ones or more ("الدخل > الإنفاق > تحقيق فائض في
        // …" is a sentence's flow), and only as the last.
        // A trail that starts with the home page's link ends with the page's title after any
        // separator, once a section stands between ("الرئيسية | صحة | ارتفاع مقلق في حالات
        // الكوليرا بتعز", "الرئيسية / أخبار محلية / عودة المياه …").
        // (Asked last: most lines are settled before.)
        let home = || {
            raw.split(|c| c == '/' || separators.contains(&c))
                .next()
                .is_some_and(|first| {
                    HOME.contains(&ghirbal_text::fold::fold(first.trim()).as_str())
                })
        };
        let (mut items, mut long, mut seen) = (0usize, 0usize, 0usize);
        let (mut title, mut last_long) = (false, false);
        for part in raw.split(" / ") {
            for item in part
                .split(separators)
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                if title {
                    return None;
                }
                seen += 1;
                let words = item.split_whitespace().count();
                // Footers mix short links with a few longer ones ("خدمة آخر خبر للرسائل
                // النصية"); a segment longer than twice an item is prose.
                if words > max {
                    if long == 0
                        && words <= self.opts.link_max_words
                        && ((seen > self.opts.nav_min_items && raw.contains(['>', '›', '»']))
                            || (seen >= 3 && home()))
                    {
                        title = true;
                        items += 1;
                        continue;
                    }
                    return None;
                }
                last_long = words > short;
                long += usize::from(last_long);
                items += usize::from(item.chars().any(char::is_alphabetic));
            }
        }
        (items >= self.opts.nav_min_items
            && (long == 0
                || (items >= 4 && 2 * long <= items)
                || (long == 1 && last_long && seen >= 3 && home())))
        .then_some(&SEPARATORS)
    }
}

/// A post's navigation: the previous post's title after a left arrow, the next one's before a
/// right arrow ("← دليلي لأرخص تذاكر الطيران" / "كازبيجي: الطريق إلى الغيوم →"), on two lines
/// next to each other. Lists with arrows for bullets put the same arrow on the same side of
/// every line.
pub(in crate::boilerplate) struct PostArrows;

impl Pass for PostArrows {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let keys = page.keys.as_str();
        for i in 0..lines.len() {
            let Some(n) = (i + 1..lines.len()).find(|&k| !blank(&lines[k])) else {
                break;
            };
            let (a, b) = (lines[i].raw.trim(), lines[n].raw.trim());
            // Guillemets also quote over two lines: with them, both lines say "previous" or
            // "next" ("« الآية السابقة ٢٥٤" / "الآية التالية ٢٥٦ »").
            let quotes = || {
                ((a.starts_with(['«', '‹']) && b.ends_with(['»', '›']))
                    || (a.ends_with(['»', '›']) && b.starts_with(['«', '‹'])))
                    && [i, n].iter().all(|&k| {
                        let key = &keys[lines[k].key.clone()];
                        ["السابق", "التالي", "previous", "next"]
                            .iter()
                            .any(|w| key.contains(w))
                    })
            };
            let arrows = (a.starts_with(LEFT_ARROWS) && b.ends_with(RIGHT_ARROWS))
                || (a.ends_with(RIGHT_ARROWS) && b.starts_with(LEFT_ARROWS))
                || quotes();
            if arrows
                && [i, n]
                    .iter()
                    .all(|&k| lines[k].words <= bp.opts.link_max_words && !full_stop(lines[k].raw))
            {
                for k in [i, n] {
                    if !page.protected[k] {
                        verdicts[k].get_or_insert(&POST_ARROWS);
                    }
                }
            }
        }
    }
}

/// Above the article's title, a ticker's label alone on its line ("عاجل", "Dernière minute
/// :") takes the headlines after it, two or more, up to a removed line (the breadcrumb, the
/// date) or a section's name that stands before the article's title.
pub(in crate::boilerplate) struct TickerHeadlines;

impl Pass for TickerHeadlines {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let keys = page.keys.as_str();
        let dateline = &page.protected;
        if let Some(title) = page.title_before_body {
            let mut k = 0;
            while k < title {
                let label = verdicts[k].is_some()
                    && lines[k].words <= TICKER_LABEL_MAX_WORDS
                    && TICKER_LABELS.contains(&keys[lines[k].key.clone()].trim());
                k += 1;
                if !label {
                    continue;
                }
                let start = k;
                // A short line (a section's name) ends the headlines too.
                while k < title
                    && verdicts[k].is_none()
                    && !blank(&lines[k])
                    && !dateline[k]
                    && lines[k].words > bp.opts.edge_max_words
                    && lines[k].words <= bp.opts.link_max_words
                    && !full_stop(lines[k].raw)
                {
                    k += 1;
                }
                // Two headlines at least: a badge above the article's own headline
                // ("عاجل") has one.
                if k >= start + TICKER_MIN_HEADLINES
                    && k < title
                    && (verdicts[k].is_some()
                        || (!dateline[k] && lines[k].words <= bp.opts.edge_max_words))
                {
                    for v in &mut verdicts[start..k] {
                        *v = Some(&TICKER_HEADLINES);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NAV_SEPARATORS;
    use crate::boilerplate::testing::*;

    #[test]
    fn a_tables_header_row_is_not_a_menu() {
        let table = format!(
            "{BODY}\nالشهر | الكمية (ألف طن) | القيمة (مليون دينار)\nنوفمبر 2023 | 21,4 | 612\nديسمبر 2023 | ٢٧٫٨ | 871\n{BODY2}"
        );
        assert_eq!(
            rule_of(&table, "الشهر | الكمية (ألف طن) | القيمة (مليون دينار)"),
            None
        );
        // Two menus in a row stay menus, and so does a menu over a line of figures in other
        // columns.
        let menus = format!("{BODY}\nالرئيسية | أخبار | رياضة\nسياسة | اقتصاد | ثقافة\n{BODY2}");
        assert!(rule_of(&menus, "الرئيسية | أخبار | رياضة").is_some());
        let other = format!("{BODY}\nالرئيسية | أخبار | رياضة\n2024 | 12\n{BODY2}");
        assert!(rule_of(&other, "الرئيسية | أخبار | رياضة").is_some());
        // In the article, rows whose cells hold measures with their units are a table's,
        // the last one too.
        let rows = [
            "مسندم | 20 - 40 ملم | 25° | الخميس ليلا",
            "مسقط | 10 - 30 ملم | 28° | الجمعة مساء",
        ];
        let table = format!(
            "{BODY}\nالمحافظة | الأمطار المتوقعة | درجة الحرارة العظمى | ذروة التأثير\n{}\n{}\n{BODY2}",
            rows[0], rows[1]
        );
        for row in rows {
            assert_eq!(rule_of(&table, row), None, "{row}");
        }
        // Three columns: a figure anywhere in the row under the header.
        let head = "المرحلة | عدد الآبار | المدة المتوقعة";
        let table = format!(
            "{BODY}\n{head}\nالأولى | 4 آبار في حقل الضباب | شهران\nالثانية | 5 آبار في أحياء المظفر | ثلاثة أشهر\n{BODY2}"
        );
        assert_eq!(rule_of(&table, head), None);
    }

    #[test]
    fn pagers_and_the_page_links_of_a_listing_row() {
        for line in [
            "صفحة 1 من 4 1 2 3 > الأخيرة »",
            "الصفحة ٢ من ١٥",
            "12 مشاركة • صفحة 1 من 2 • 1, 2",
            "Page 1 of 3 1 2 3 Next",
            "طريقة توصيل الكيبل إلى الرسيفر ... 1 2 3 الصفحة الأخيرة",
            "مثبت نسخة جديدة من البرنامج ... ال صفحة الأخيرة",
        ] {
            assert_eq!(between(line), Some("navigation"), "{line}");
        }
        for line in [
            "نشرت الصحيفة الخبر في الصفحة الأخيرة.",
            "قرأت الرواية حتى الصفحة الأخيرة",
            "صفحة 12",
            "الفصل 1 من 3 2 4",
            "وقال إن المباراة ... كانت الأخيرة",
            "فاز الفريق 2 1 في المباراة الأخيرة",
        ] {
            assert_ne!(between(line), Some("navigation"), "{line}");
        }
    }

    #[test]
    fn a_news_ticker_above_the_headline() {
        let headline = "المملكة تدعو إلى تحرك دولي عاجل لوقف التصعيد في المنطقة";
        for tick in [
            "عاجل | مجلس الوزراء يوافق على تنظيم الهيئة العامة للعقار",
            "🔴 عاجل ◂ وزارة التربية: النتائج متاحة على الموقع الإلكتروني",
            "آخر الأخبار: الركراكي يكشف عن لائحة الأسود لوديتي أنغولا وموريتانيا",
            "البنك المركزي يثبت أسعار الفائدة للمرة الثالثة ••• وزير التموين: لا زيادة في سعر الخبز",
        ] {
            let text = under_menu(tick, headline);
            let r = rules(&text);
            assert_eq!(r[1].1, Some("navigation"), "{r:?}");
            assert_eq!(r[2].1, None, "{r:?}");
        }
        // A live score, and a label alone on its line with the headlines after it, up to the
        // breadcrumb.
        let live = "مباشر | ليفربول 1 - 0 مانشستر سيتي | 67'";
        let text = under_menu(live, headline);
        assert_eq!(rule_of(&text, live), Some("navigation"));
        let items = [
            "وزير الطاقة: زيادة ساعات التغذية الكهربائية اعتباراً من الأسبوع المقبل",
            "الجيش: إقفال طريق ضهر البيدر أمام السيارات بسبب الثلوج",
        ];
        let text = format!(
            "الرئيسية | محليات | رياضة | اقتصاد\nعاجل\n{}\n{}\nالرئيسية » اقتصاد » محليات\n{headline}\n{BODY}\n{BODY2}",
            items[0], items[1]
        );
        let r = rules(&text);
        assert_eq!(r[2].1, Some("navigation"), "{r:?}");
        assert_eq!(r[3].1, Some("navigation"), "{r:?}");
        assert_eq!(r[5].1, None, "{r:?}");
        // A badge above the headline, its date or share bar and its subtitle takes nothing.
        for under in ["الأحد 9 فبراير 2025", "شارك", "محليات"] {
            let text = format!(
                "الرئيسية | محليات | رياضة | اقتصاد\nعاجل\n{headline}\n{under}\nعنوان فرعي يشرح الخبر للقارئ العادي\n{BODY}\n{BODY2}"
            );
            assert_eq!(rule_of(&text, headline), None, "{:?}", rules(&text));
        }
        // Live scores and fixtures above the headline; a range in the listing's facts stays.
        for score in [
            "الريان 2 - 1 الوكرة | انتهت",
            "الوكرة × السد | الأربعاء 18:30",
            "النصر 2-1 الفيحاء",
        ] {
            let text = under_menu(score, headline);
            assert_eq!(rule_of(&text, score), Some("navigation"), "{score}");
        }
        // A headline with a score, above its subtitle, stays.
        let text = format!("الرئيسية | رياضة | دوري روشن\nالهلال يفوز على النصر 2-1 في ديربي الرياض\nمواجهة مثيرة حسمها المهاجم في الدقائق الأخيرة من اللقاء\n{BODY}\n{BODY2}");
        assert_eq!(
            rule_of(&text, "الهلال يفوز على النصر 2-1 في ديربي الرياض"),
            None
        );
        let range = "عمر البناء: 5 - 9 سنوات";
        let text = under_menu(range, headline);
        assert_ne!(rule_of(&text, range), Some("navigation"));
        // The headline itself may start with the label.
        let own = "عاجل: مجلس الوزراء يوافق على تنظيم الهيئة العامة للعقار";
        let text = format!("الرئيسية | محليات | رياضة | اقتصاد\n{own}\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, own), None);
        let text = format!("{own}\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, own), None);
    }

    #[test]
    fn a_live_pages_headline_written_as_a_ticker() {
        let own = "مباشر | انتخابات المجلس البلدي 2025: انتهاء التصويت وبدء الفرز في الدوائر العشر";
        let stamp = "آخر تحديث: 24 مايو 2025 - 10:48 مساءً";
        let deck =
            "نسبة المشاركة بلغت 41.3% حسب الأرقام الأولية.. والنتائج الرسمية متوقعة بعد منتصف الليل";
        for kicker in ["مباشر", "مباشر\nتغطية مستمرة"] {
            for under in [stamp.to_string(), format!("{deck}\n{stamp}")] {
                let text =
                    format!("الرئيسية\nمحليات\nاقتصاد\n{kicker}\n{own}\n{under}\n{BODY}\n{BODY2}");
                assert_eq!(rule_of(&text, own), None, "{:?}", rules(&text));
            }
        }
        // A ticker under a menu's "live" item, with the page's own headline below it.
        let text = format!(
            "الرئيسية\nسياسة\nاقتصاد\nمباشر\n{own}\nوزير الخارجية يصل إلى دمشق في أول زيارة منذ سنوات\n{BODY}\n{BODY2}"
        );
        assert_eq!(
            rule_of(&text, own),
            Some("navigation"),
            "{:?}",
            rules(&text)
        );
        // A headline after a kicker's words is no ticker.
        let headline = "متابعة مباشرة | الانتخابات الرئاسية الأمريكية 2024";
        let text = format!("{headline}\nترامب يتقدم في الولايات المتأرجحة وهاريس تراهن على بنسلفانيا\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, headline), None, "{:?}", rules(&text));
        // Under a menu item, or one of several tickers under the label, it is the ticker.
        let text = format!("الرئيسية\nمحليات\nاقتصاد\n{own}\nعنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\n{BODY2}");
        assert_eq!(
            rule_of(&text, own),
            Some("navigation"),
            "{:?}",
            rules(&text)
        );
        let items = [
            "الآن | إشكال في طرابلس على خلفية أفضلية المرور وتوقيف شخصين",
            "الآن | ارتفاع جديد في سعر صفيحة البنزين 95 أوكتان",
        ];
        let text = format!(
            "الرئيسية\nمحليات\nمباشر\n{}\n{}\nعنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\n{BODY2}",
            items[0], items[1]
        );
        for item in items {
            assert_eq!(
                rule_of(&text, item),
                Some("navigation"),
                "{:?}",
                rules(&text)
            );
        }
    }

    #[test]
    fn a_trail_from_the_home_page_ends_with_the_title() {
        for crumbs in [
            "الرئيسية | صحة | ارتفاع مقلق في حالات الكوليرا بتعز",
            "الرئيسية / أخبار محلية / عودة المياه لأحياء ديم مدينة وسلبونا بعد انقطاع 11 يوماً",
        ] {
            let text = format!("{crumbs}\nعنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\n{BODY2}");
            assert_eq!(rule_of(&text, crumbs), Some("navigation"), "{crumbs}");
        }
        // Not without a section between, nor with a second long item.
        for kept in [
            "الرئيسية | ارتفاع مقلق في حالات الكوليرا بتعز",
            "الرئيسية | ارتفاع مقلق في حالات الكوليرا | وتحذيرات من انتشار الوباء في المدينة",
        ] {
            let text = format!("{kept}\nعنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\n{BODY2}");
            assert_ne!(rule_of(&text, kept), Some("navigation"), "{kept}");
        }
    }

    #[test]
    fn a_posts_navigation_with_arrows() {
        let prev = "← دليلي لأرخص تذاكر الطيران من بيروت";
        let next = "كازبيجي: الطريق إلى الغيوم (الجزء التاني) →";
        let text = format!("{BODY}\n{BODY2}\n{prev}\n{next}\n");
        assert_eq!(rule_of(&text, prev), Some("navigation"));
        assert_eq!(rule_of(&text, next), Some("navigation"));
        let (prev, next) = ("« الآية السابقة ٢٥٤", "الآية التالية ٢٥٦ »");
        let text = format!("{BODY}\n{BODY2}\n{BODY3}\n{prev}\n{next}\n");
        assert_eq!(rule_of(&text, prev), Some("navigation"));
        assert_eq!(rule_of(&text, next), Some("navigation"));
        // A quotation over two lines stays.
        let quote = ["«لن نتراجع عن قرارنا", "مهما كانت الضغوط»"];
        let text = format!("{BODY}\n{}\n{}\n{BODY2}", quote[0], quote[1]);
        assert_eq!(rule_of(&text, quote[0]), None);
        // A list with arrows for bullets keeps them on one side.
        let items = ["→ اشرب الماء بكثرة", "→ نم ثماني ساعات"];
        let text = format!("{BODY}\n{}\n{}\n{BODY2}", items[0], items[1]);
        assert_eq!(rule_of(&text, items[0]), None);
    }

    #[test]
    fn a_breadcrumb_above_the_article() {
        let line = "الرئيسية » أخبار » عربي ودولي";
        let text = format!("{line}\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, line), Some("navigation"));
        // After two items a long one is a sentence's flow as often as a page's title.
        let flow =
            "الدخل > الإنفاق > تحقيق فائض في الميزانية العامة للدولة خلال السنوات الثلاث المقبلة";
        assert_eq!(deep(flow), None);
    }

    #[test]
    fn a_table_of_words_between_the_articles_paragraphs() {
        let rows = [
            "المقارنة | الشريحة التقليدية | الشريحة الإلكترونية eSIM",
            "الشكل | بطاقة بلاستيكية قابلة للإزالة | مدمجة داخل الهاتف",
            "تغيير المشغل | استبدال الشريحة يدوياً | تحميل ملف جديد",
        ];
        let text = format!(
            "{BODY}\n{BODY2}\n{}\nوتدعم أغلب الهواتف الحديثة هذه التقنية اليوم.\n{BODY3}",
            rows.join("\n")
        );
        for row in rows {
            assert_eq!(rule_of(&text, row), None, "{row}");
        }
        // A footer's rows of links have no sentence after them.
        let footer = [
            "من نحن | اتصل بنا | أعلن معنا",
            "الخصوصية | الشروط | خريطة الموقع",
            "وظائف | الأرشيف | النشرة",
        ];
        let text = format!(
            "{BODY}\n{BODY2}\n{}\nجميع الحقوق محفوظة © 2025.",
            footer.join("\n")
        );
        assert!(rule_of(&text, footer[1]).is_some());
    }

    /// Dates, table rows and names in guillemets («داعش», a pair quotes) are not menus.
    #[test]
    fn dates_table_rows_and_quoted_names_are_not_navigation() {
        for line in [
            "وطنية 2013/12/03 18:35",
            "لواء كفرنجة | 42310 | 420 شخصا/ كيلومتر مربع |",
            "1 - لعبة «ماينكرافت» Minecraft",
            "معاقل «داعش».. ومصادر تمويله",
        ] {
            assert_eq!(between(line), None, "{line}");
        }
        for crumbs in [
            "رياضة / كرة القدم / الدوري السعودي",
            "محليات » الرياض » تعليم",
        ] {
            let text = format!("{crumbs}\n{BODY}\n{BODY2}");
            assert_eq!(rule_of(&text, crumbs), Some("navigation"), "{crumbs}");
        }
    }

    #[test]
    fn menus_separated_by_dashes() {
        let menu = "الرئيسية - سياسة - مجتمع - اقتصاد - رياضة";
        assert_eq!(between(menu), Some("navigation"));
        for kept in [
            "الرياض - واس",
            "ليفربول 1 - 0 مانشستر سيتي",
            "الهلال - النصر - الاتحاد",
        ] {
            assert_eq!(between(kept), None, "{kept}");
        }
    }

    #[test]
    fn every_navigation_separator_passes_the_byte_prefilter() {
        for c in NAV_SEPARATORS {
            let mut b = [0u8; 4];
            let first = c.encode_utf8(&mut b).as_bytes()[0];
            assert!(
                matches!(first, b'|' | b'>' | b'<' | b'\\' | 0xC2 | 0xE2),
                "{c:?} starts with {first:#x}"
            );
        }
    }

    #[test]
    fn search_prompts_and_links_to_whole_lists() {
        for line in [
            "ابحث في المقالات والأمراض والأدوية...",
            "ابحث عن منتج، علامة تجارية أو فئة",
            "عرض جميع إعلانات المعلن (27)",
            "عرض كل القصائد (326)",
            "عرض جميع الصور",
            "عرض كل الحلقات",
        ] {
            assert_eq!(deep(line), Some("navigation"), "{line}");
        }
        // (A prompt whose words are the lexicon's goes as a phrase first.)
        assert!(deep("بحث في الأرشيف…").is_some());
        assert_eq!(deep("ابحث بين أكثر من مليون سؤال..."), Some("navigation"));
        // An article's subheadings and headlines stay: an imperative alone, research.
        for line in [
            "ابحث عن البديل الأفضل عندما تفقد هدفك ولا تعجزن!",
            "ابحث عن غاندي في بومباي",
            "ابحث عن شغفك، ثم اعمل عليه",
            "ابحث عن الدعم من الأصدقاء أو العائلة",
            "ابحث عن المرأة...",
            "بحث جديد يكشف سر الشيخوخة...",
            "عرض مسرحي جديد في دار الأوبرا (2)",
            "عرض كتاب: تاريخ الأندلس (3)",
            "عرض جميع المشاركين أعمالهم في المعرض",
        ] {
            assert_eq!(deep(line), None, "{line}");
        }
    }
}
