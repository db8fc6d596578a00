//! `link_list`: after the first sentence of the article, a line that is only a link-list
//! header of the lexicon (written `>phrase`: "مقالات ذات صلة", "المقال التالي", "الأكثر
//! قراءة") takes with it the title lines that follow it (at most `link_max_words` words,
//! not ending with a full stop or colon), up to the first sentence or longer line:
//! related-article lists, previous/next links, "most read" widgets. Also, without a
//! header: a run of at least `link_card_min_lines` such title lines in which at least two
//! short labels (one or two words) recur, one at least three times, making up a quarter of
//! the run: the category-and-title cards news sites put under an article ("أخبار لبنان",
//! "منوعات"). A header may also be a kind of page a site lists (`LISTED_KINDS`) followed by
//! a suffix of the lexicon (`>…ذات صلة`) or by "أخرى لـ…" ("قصائد أخرى للمتنبي"), or such
//! a kind after "latest" ("آخر المستجدات", "أحدث الفتاوى"). A tags
//! label ("كلمات مفتاحية:") takes the short lines after it; a table of contents
//! (`TOC_HEADERS`) takes its entries wherever it stands. Lists stop before a subheading (a
//! title followed by a paragraph) and pass facts ("الحكم: محمد عادل"). Also a title glued
//! to its date stamp without punctuation, digits or not ("… الأربعاء أغسطس"): a listing.
//! And tags written as hashtags alone on their line. Below the article's last paragraph,
//! title lines framed by the page's furniture (a removed phrase, link or widget above and
//! below them) go too: lists under a heading of the site's own.
//!
//! Sub-codes: `hashtags`, `dated_title`, `toc`, `toc_entry`, `related`, `tags`, `cards`,
//! `below` (see the constants below).

use super::phrase::{COPYRIGHT, HEADER, LEAD, UNPUNCTUATED};
use super::{beside, removal, rule, symbols, Cut, LineRule, Pass, Rule, Scratch};
use crate::boilerplate::lexicon::{builtin_words, WordList};
use crate::boilerplate::lines::{
    blank, full_stop, is_byline, label_and_value, starts_with_list_marker, Line,
};
use crate::boilerplate::page::Page;
use crate::boilerplate::Boilerplate;
use ghirbal_text::script::is_any_digit;
use std::sync::LazyLock;

mod tail;
pub(in crate::boilerplate) use tail::{TagLines, Teasers};

/// Shortest listing row with a glued date stamp, in words: four of a title and the stamp.
const DATED_TITLE_MIN_WORDS: usize = 6;
/// Longest table-of-contents header, in words ("جدول المحتويات").
const TOC_HEADER_MAX_WORDS: usize = 3;
/// Longest title a link-list header takes when it ends without any punctuation, in words: the
/// lists' headlines run to two dozen words; an article's paragraph ends a sentence.
const HEADED_TITLE_MAX_WORDS: usize = 30;
/// Longest tags label, in words ("كلمات مفتاحية:").
const TAGS_LABEL_MAX_WORDS: usize = 3;
/// Below the article, the block of removed lines above a run opens a frame through at most
/// this many lines read as a menu run ("نسخ", "تقارير مصورة أخرى").
const CROSS_MAX_LINES: usize = 2;
/// Longest fact (a label and its value, "الحكم: محمد عادل") that a list passes over, in words.
const FACT_MAX_WORDS: usize = 5;
/// Fewest words of a sentence that opens a list ("يمكن سداد الرسوم عبر:"); fewer, it is a
/// label ("المكونات:").
const LIST_OPENER_MIN_WORDS: usize = 3;
/// Longest lead phrase standing alone as the heading of a list under the article ("المزيد من
/// دين ودنيا"), in words.
const MORE_HEADING_MAX_WORDS: usize = 5;
/// A sentence of at least this many words is a paragraph of the article ("وقال الوزير إن
/// الخطة ستنفذ على مراحل."); a shorter one may be a button ("اشترك الآن.").
const PARAGRAPH_MIN_WORDS: usize = 6;
/// Article cards: labels are one or two words ("منوعات", "أخبار لبنان", "09:15"); a song's
/// refrain, also recurring, is longer.
const CARD_LABEL_MAX_WORDS: usize = 2;
/// At least this many labels recur...
const CARD_MIN_LABELS: usize = 2;
/// ... one of them at least this many times...
const CARD_LABEL_MIN_REPEATS: usize = 3;
/// ... and the recurring labels make up at least one line in this many of the run.
const CARD_LABELS_MIN_PARTS: usize = 4;

removal!(
    /// Hashtags alone on their line.
    HASHTAGS, LinkList, "link_list/hashtags"
);
removal!(
    /// A title glued to its date stamp: a listing's row.
    DATED_TITLE, LinkList, "link_list/dated_title"
);
removal!(
    /// A table of contents and its entries.
    TOC, LinkList, "link_list/toc"
);
removal!(
    /// The last entry of a table of contents, repeated by the subheading after it.
    TOC_ENTRY, LinkList, "link_list/toc_entry"
);
removal!(
    /// The titles after a link-list header.
    RELATED, LinkList, "link_list/related"
);
removal!(
    /// The tags after a tags label.
    TAGS, LinkList, "link_list/tags"
);
removal!(
    /// A run of article cards with recurring short labels.
    CARDS, LinkList, "link_list/cards"
);
removal!(
    /// Title lines between two removed lines below the article's last paragraph.
    BELOW, LinkList, "link_list/below"
);

pub(in crate::boilerplate) struct Hashtags;

impl LineRule for Hashtags {
    fn fires(&self, _: &Boilerplate, page: &Page<'_>, i: usize, _: &mut Scratch) -> Cut {
        // One tag per line: a list of them ("#معرض_الكتاب", then "#دمشق").
        let single = |k: usize| {
            page.lines
                .get(k)
                .is_some_and(|l| hashtag_words(l.raw) == Some(1))
        };
        let line = page.lines[i].raw;
        // (Not in a list the article announces: "وتصدرت الوسوم التالية:", then one per line.)
        (hashtags(line) || (!page.after_colon[i] && single(i) && beside(i, single)))
            .then_some(&HASHTAGS)
    }
}

/// Tags written as hashtags, alone on their line ("#كهرباء_لبنان #المولدات #الطاقة").
fn hashtags(raw: &str) -> bool {
    hashtag_words(raw).is_some_and(|n| n >= 2)
}

/// How many hashtags a line holds when it holds nothing else.
fn hashtag_words(raw: &str) -> Option<usize> {
    if !raw.trim_start().starts_with('#') {
        return None;
    }
    let mut n = 0;
    for w in raw.split_whitespace() {
        if !w.starts_with('#') || w.len() < 3 {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// Headers of a table of contents, folded and whole.
static TOC_HEADERS: LazyLock<WordList> = LazyLock::new(|| builtin_words("toc_headers"));

/// Words that name the day in a sentence ("يوم الاثنين", "أمس الأربعاء", "صباح الخميس").
static PROSE_DAY: LazyLock<WordList> = LazyLock::new(|| builtin_words("prose_day"));

impl Boilerplate {
    /// Whether a folded line ends with a date stamp glued after at least four words of a
    /// title: a weekday, a day's number, a month and a year's number, the numbers optional
    /// (some corpora strip digits: "… الثلاثاء فبراير"); not after a word that names the day
    /// in a sentence ("يوم", "أمس").
    fn glued_stamp(&self, key: &str) -> bool {
        // From the end, without collecting the words: most lines fail at their last word.
        let digits = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
        let mut words = key.rsplit(' ').filter(|w| !w.is_empty());
        let mut next = words.next();
        while next.is_some_and(digits) {
            next = words.next();
        }
        let is_month = |w: &str| {
            self.lex
                .months
                .binary_search_by(|m| m.as_str().cmp(w))
                .is_ok()
        };
        if !next.is_some_and(is_month) {
            return false;
        }
        next = words.next();
        while next.is_some_and(digits) {
            next = words.next();
        }
        if !next.is_some_and(|w| {
            self.lex
                .weekdays
                .binary_search_by(|d| d.as_str().cmp(w))
                .is_ok()
        }) {
            return false;
        }
        // At least four words of a title before the weekday, the last not naming the day.
        words.next().is_some_and(|w| !PROSE_DAY.contains(&w)) && words.count() >= 3
    }
}

/// A listing's line: a title glued to its date stamp, with no punctuation ("موضوع العاب بلاي
/// ستشن للتحميل … الأربعاء أغسطس", "… الخميس 12 سبتمبر 2019"). A sentence names the day in
/// prose ("… أمس الأربعاء 9 سبتمبر 2015", "يوم الاثنين …"), and a row of three cells or more of
/// the article's table ends with its date cell ("الباكالوريا | دورة المراقبة | من الإثنين 30
/// جوان إلى الجمعة 4 جويلية 2025"); a headline and its date alone are a listing's row still.
pub(in crate::boilerplate) struct DatedTitles;

impl Pass for DatedTitles {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let keys = page.keys.as_str();
        let landmarks = [page.first, page.title_before_body, page.headline_at];
        for (i, line) in lines.iter().enumerate() {
            if verdicts[i].is_some()
                || line.long
                || line.ends_sentence
                || line.words < DATED_TITLE_MIN_WORDS
                || line.raw.contains(['،', ','])
                || (page.article_table[i] && super::menu::cells(line.raw) >= 3)
                || (landmarks.contains(&Some(i)) && page.more_lines)
            {
                continue;
            }
            if bp.glued_stamp(&keys[line.key.clone()]) {
                verdicts[i] = Some(&DATED_TITLE);
            }
        }
    }
}

/// A title right before a paragraph of the article is its subheading, not an item of a list.
/// A paragraph ends with a full stop or is longer than a title: titles may end with a
/// question mark ("متى يكون خطيراً؟"). A short title (a menu item's length) is also a
/// subheading right before a sentence that opens a list ("يمكن سداد الرسوم عبر:") or before
/// a label and its value ("بيروت الإدارية: 10 ساعات"): the article's own list under its
/// heading, not a related title (those run to headline length and are followed by titles).
fn subheading(bp: &Boilerplate, lines: &[Line<'_>], k: usize, verdicts: &[Cut]) -> bool {
    let short = lines[k].words <= bp.opts.menu_max_words;
    let Some(n) = (k + 1..lines.len()).find(|&n| !blank(&lines[n])) else {
        return false;
    };
    let next = &lines[n];
    let paragraph = next.ends_sentence
        && next.words > 2 * bp.opts.menu_max_words
        && (full_stop(next.raw) || next.words > bp.opts.link_max_words);
    let opens_list = next.words >= LIST_OPENER_MIN_WORDS && next.raw.trim_end().ends_with(':');
    let fact = next.words <= FACT_MAX_WORDS
        && label_and_value(next.raw)
        && !next.raw.trim_end().ends_with(['?', '؟']);
    verdicts[n].is_none() && (paragraph || short && (opens_list || fact))
}

/// A table of contents ("المحتويات", "جدول المحتويات") takes the short lines after it,
/// wherever it stands: its entries come back as the subheadings below, which stay (see
/// `repeated::Subheadings`).
pub(in crate::boilerplate) struct Contents;

impl Pass for Contents {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let keys = page.keys.as_str();
        for i in 0..lines.len() {
            if lines[i].words > TOC_HEADER_MAX_WORDS
                || !TOC_HEADERS.contains(&keys[lines[i].key.clone()].trim())
            {
                continue;
            }
            verdicts[i].get_or_insert(&TOC);
            // Numbered entries ("5 انظر أيضا", "6 المراجع") go on numbered: the last one, right
            // above the article's first paragraph, is no subheading.
            let numbered = |l: &Line<'_>| l.raw.trim_start().starts_with(|c: char| is_any_digit(c));
            let mut previous_numbered = false;
            for k in i + 1..lines.len() {
                let l = &lines[k];
                if blank(l) || verdicts[k].is_some() {
                    continue;
                }
                if l.words > bp.opts.link_max_words
                    || full_stop(l.raw)
                    || l.long
                    || (subheading(bp, lines, k, verdicts) && !(previous_numbered && numbered(l)))
                {
                    break;
                }
                previous_numbered = numbered(l);
                verdicts[k] = Some(&TOC);
            }
        }
    }
}

/// Link lists: after the article has begun, a line that is only a link-list header ("مقالات
/// ذات صلة", "المقال التالي") takes with it the title lines that follow (short, no sentence
/// ending), up to the first sentence or longer line. Before the article (menus, tickers) the
/// next title may be the headline, so nothing is taken. A label of tags ("كلمات مفتاحية:",
/// "الوسوم:", removed as a theme phrase) takes the short lines after it the same way: the
/// tags, one per line.
pub(in crate::boilerplate) struct Headed;

impl Pass for Headed {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let keys = page.keys.as_str();
        if let Some(body) = page.body.filter(|_| bp.opts.link_max_words > 0) {
            let mut taking = false;
            let mut tags = false;
            for i in body + 1..lines.len() {
                let line = &lines[i];
                if blank(line) {
                    continue;
                }
                if rule(verdicts[i]) == Some(Rule::Phrase) {
                    // A link-list header may end with a colon ("مواضيع ذات صلة:"): it still
                    // takes titles, not the short items of a tags label.
                    let takes = bp.whole_line(line, &keys[line.key.clone()]) == Some(true);
                    taking |= takes;
                    tags = !takes
                        && line.words <= TAGS_LABEL_MAX_WORDS
                        && line.raw.trim_end().ends_with(':');
                    continue;
                }
                if verdicts[i].is_some() {
                    continue;
                }
                let item_max = if tags {
                    bp.opts.menu_max_words
                } else {
                    bp.opts.link_max_words
                };
                // Tags and titles are no short label and value ("الحكم: محمد عادل"): that is a
                // fact of the article (a title with a colon goes on longer).
                // It stays without ending the list.
                let fact = line.words <= FACT_MAX_WORDS
                    && label_and_value(line.raw)
                    && !line.raw.trim_end().ends_with(['?', '؟']);
                if (taking || tags) && fact {
                    continue;
                }
                // A headline of a related list may run long ("بورتسودان: انقطاع المياه عن
                // أحياء … – 26 أكتوبر 2024"), but ends no sentence at all.
                // The list must close on furniture or the page's end: after a header in the
                // middle of the article ("اقرأ أيضاً"), long lines without punctuation may be
                // the article's paragraphs, which go on to punctuated ones.
                let long_title = taking
                    && !tags
                    && !line.long
                    && !line.ends_sentence
                    && line.words <= HEADED_TITLE_MAX_WORDS
                    && (line.words <= bp.opts.link_max_words || closed_below(lines, verdicts, i));
                if (taking || tags)
                    && (line.words <= item_max || long_title)
                    && !full_stop(line.raw)
                    && !subheading(bp, lines, i, verdicts)
                {
                    verdicts[i] = Some(if tags { &TAGS } else { &RELATED });
                } else {
                    taking = false;
                    tags = false;
                }
            }
        }
    }
}

/// Whether the titles from line `i` on, each ending without punctuation and at most
/// `HEADED_TITLE_MAX_WORDS` words, run to a removed line or the page's end.
fn closed_below(lines: &[Line<'_>], verdicts: &[Cut], i: usize) -> bool {
    (i..lines.len())
        .filter(|&k| !blank(&lines[k]))
        .find(|&k| {
            verdicts[k].is_some()
                || lines[k].long
                || lines[k].ends_sentence
                || lines[k].words > HEADED_TITLE_MAX_WORDS
        })
        .is_none_or(|k| verdicts[k].is_some())
}

/// Card lists: after the article has begun, a run of title lines in which short labels recur
/// ("أخبار لبنان", "منوعات", a time): the category-and-title cards that news sites put under
/// an article, with no header to announce them.
pub(in crate::boilerplate) struct Cards;

impl Pass for Cards {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        if let Some(body) = page.body.filter(|_| bp.opts.link_card_min_lines > 0) {
            let title =
                |i: usize| lines[i].words <= bp.opts.link_max_words && !full_stop(lines[i].raw);
            let mut i = body + 1;
            while i < lines.len() {
                let mut j = i;
                let mut labels: std::collections::HashMap<&str, usize> =
                    std::collections::HashMap::new();
                let mut counted = 0;
                while j < lines.len() && (blank(&lines[j]) || verdicts[j].is_some() || title(j)) {
                    if !blank(&lines[j]) {
                        counted += 1;
                        // Labels are one or two words ("منوعات", "أخبار لبنان", "09:15");
                        // a song's refrain, also recurring, is longer.
                        if lines[j].words <= CARD_LABEL_MAX_WORDS {
                            *labels.entry(lines[j].raw.trim()).or_default() += 1;
                        }
                    }
                    j += 1;
                }
                let recurring: Vec<usize> = labels.values().copied().filter(|&n| n > 1).collect();
                if counted >= bp.opts.link_card_min_lines
                    && recurring.len() >= CARD_MIN_LABELS
                    && recurring.iter().any(|&n| n >= CARD_LABEL_MIN_REPEATS)
                    && CARD_LABELS_MIN_PARTS * recurring.iter().sum::<usize>() >= counted
                {
                    for k in i..j {
                        if verdicts[k].is_none() && !blank(&lines[k]) {
                            verdicts[k] = Some(&CARDS);
                        }
                    }
                }
                i = j.max(i + 1);
            }
        }
    }
}

/// Below the article: title lines between two removed lines, after the article's last
/// paragraph (a line longer than a title, or a sentence of at least `PARAGRAPH_MIN_WORDS`
/// words). Under the article, what the rules already removed (tags, share buttons, a "most
/// read" header, the footer) frames the lists no header of the lexicon announces: related
/// headlines under a heading of the site's own ("أخبار محلية أخرى", "مواد ذات صلة"), a video
/// strip, a newsletter box. A frame is furniture (see `frame`), not a line that may stand in
/// the article's own list or poem; the frame above is a header of the page's tail (a link-list
/// header, comments, a copyright, a short lead phrase without a colon: "اقرأ المزيد") or
/// stands in a block of removed lines, since one removed line alone ("اقرأ أيضاً: …", a
/// photo's credit, an ad's label) may stand between the article's own lines. Within the frame a byline or a fact ("تحرير:
/// رنا حداد", "الحكم: محمد عادل"), a short sentence and the items of a list the article
/// announces stay.
pub(in crate::boilerplate) struct Below;

/// Whether removed line `k` is the page's furniture, which frames a list below the article: a
/// phrase of the lexicon, a navigation link, a list, comments, a widget. Not what may stand
/// inside an article's own list or poem: a repeated paragraph, a run of short lines, a line
/// without words ("."), an edge line, or an item numbered or bulleted ("2. تطبيق «فيسبوك»"
/// read as a theme phrase: its neighbours are the same list's items).
fn frame(lines: &[Line<'_>], k: usize, verdicts: &[Cut]) -> bool {
    let furniture = verdicts[k].is_some_and(|r| match r.rule() {
        Rule::Phrase => r != &UNPUNCTUATED,
        Rule::Symbols => r != &symbols::NO_WORD,
        Rule::Navigation
        | Rule::LinkList
        | Rule::Comments
        | Rule::KeywordList
        | Rule::TemplateLine => true,
        // A poll's answers stand in no article's list.
        Rule::MenuBlock => r == &super::menu::POLL,
        Rule::RepeatedParagraph | Rule::EdgeShort => false,
    });
    furniture && lines[k].letters && !starts_with_list_marker(lines[k].raw)
}

/// Whether removed line `k`, below the article's last paragraph `last`, opens a frame: furniture
/// heading the page's tail (a link-list header, comments, a copyright, a lead phrase alone as a
/// heading: "اقرأ المزيد", "المزيد من دين ودنيا"), or furniture in a block of removed lines. A
/// lone removed line between the article's lines ("اقرأ أيضاً: …", a photo's credit, an ad's
/// label) stands inside the article.
fn opens_below(lines: &[Line<'_>], last: usize, k: usize, verdicts: &[Cut]) -> bool {
    // With a colon a lead phrase is a link itself ("اقرأ أيضاً: …").
    let heading = lines[k].words <= MORE_HEADING_MAX_WORDS && !lines[k].raw.contains(':');
    let tail = verdicts[k].is_some_and(|r| {
        r == &HEADER || r == &COPYRIGHT || r.rule() == Rule::Comments || (r == &LEAD && heading)
    });
    let block = (last + 1..k)
        .rev()
        .find(|&p| !blank(&lines[p]))
        .is_some_and(|p| verdicts[p].is_some());
    frame(lines, k, verdicts) && (tail || block)
}

/// A label and a value that is a figure, with a unit at most: a phone number, a count, a
/// price or a rate ("الهاتف: 71 840 222 (216+)", "عيار 21: 4620 جنيهًا", "الدولار: 3.74
/// شيكل"). Under the article, framed by furniture, it is the site's contact line or a
/// widget's quote, where a fact of the article names something ("الحكم: محمد عادل").
fn contact(raw: &str) -> bool {
    raw.split_once(':').is_some_and(|(_, value)| {
        let words: Vec<&str> = value.split_whitespace().collect();
        // An address to write to ("للتواصل: editor@marafi-om.com").
        matches!(words[..], [w] if email(w))
            || (value.chars().any(is_any_digit)
                && words
                    .iter()
                    .filter(|w| w.chars().any(char::is_alphabetic))
                    .count()
                    <= 1)
    })
}

/// An e-mail address: a name, `@`, and a domain with a dot.
fn email(word: &str) -> bool {
    word.split_once('@').is_some_and(|(name, domain)| {
        !name.is_empty() && domain.contains('.') && !domain.starts_with('.') && word.is_ascii()
    })
}

/// The article's last paragraph from `body` on: the last kept line longer than a title, or a
/// sentence of at least `PARAGRAPH_MIN_WORDS` words.
pub(super) fn last_paragraph(
    bp: &Boilerplate,
    page: &Page<'_>,
    body: usize,
    verdicts: &[Cut],
) -> Option<usize> {
    let lines = &page.lines[..];
    // A headline of a list, long but ending with no punctuation, under the list's heading
    // through other titles only ("المزيد من الرياضة", then the headlines), is no paragraph.
    let long_title = |k: usize| {
        !lines[k].long && !lines[k].ends_sentence && lines[k].words <= HEADED_TITLE_MAX_WORDS
    };
    let listed = |k: usize| {
        for n in (0..k).rev().filter(|&n| !blank(&lines[n])) {
            match verdicts[n] {
                None if long_title(n) => continue,
                None => return false,
                Some(r) => {
                    return r == &HEADER
                        || (r == &LEAD
                            && lines[n].words <= MORE_HEADING_MAX_WORDS
                            && !lines[n].raw.contains(':'))
                }
            }
        }
        false
    };
    (body..lines.len()).rev().find(|&k| {
        verdicts[k].is_none() && paragraph(bp, &lines[k]) && !(long_title(k) && listed(k))
    })
}

/// A line of an article's paragraph: longer than a title, or a sentence of at least
/// `PARAGRAPH_MIN_WORDS` words.
pub(super) fn paragraph(bp: &Boilerplate, line: &Line<'_>) -> bool {
    !blank(line)
        && (line.words > bp.opts.link_max_words
            || (line.words >= PARAGRAPH_MIN_WORDS && full_stop(line.raw)))
}

impl Pass for Below {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let Some(body) = page.body.filter(|_| bp.opts.link_max_words > 0) else {
            return;
        };
        let kept = |k: usize, verdicts: &[Cut]| verdicts[k].is_none() && !blank(&lines[k]);
        let Some(last) = last_paragraph(bp, page, body, verdicts) else {
            return;
        };
        // Titles only: a short sentence ("لاستفسارات الصحافة، يرجى الاتصال مع:") stays.
        let framed = |k: usize| {
            let fact = lines[k].words <= FACT_MAX_WORDS
                && label_and_value(lines[k].raw)
                && !contact(lines[k].raw);
            !(full_stop(lines[k].raw)
                || page.protected[k]
                || page.after_colon[k]
                || is_byline(lines[k].raw)
                || fact)
        };
        let mut i = last + 1;
        while i < lines.len() {
            if !kept(i, verdicts) {
                i += 1;
                continue;
            }
            // A run of kept lines (blank lines pass), from `i` to the next removed line.
            let mut j = i;
            while j < lines.len() && verdicts[j].is_none() {
                j += 1;
            }
            // `j`, where the run stops, is a removed line: the frame below. The frame above is
            // the block of removed lines right above the run, which opens a frame when one of
            // its lines does (a menu read as a run of short lines may stand under share
            // buttons: "شارك:", "فيسبوك", then "نسخ", "تقارير مصورة أخرى").
            // At most `CROSS_MAX_LINES` lines read as a menu run are crossed: a poem's first
            // lines, read so under its share buttons, do not open a frame for the rest.
            let mut crossed = 0;
            let opened = (last + 1..i)
                .rev()
                .filter(|&k| !blank(&lines[k]))
                .take_while(|&k| verdicts[k].is_some())
                .take_while(|&k| {
                    crossed += usize::from(verdicts[k] == Some(&super::menu::RUN));
                    crossed <= CROSS_MAX_LINES
                })
                .any(|k| opens_below(lines, last, k, verdicts));
            if opened && j < lines.len() && frame(lines, j, verdicts) {
                for k in i..j {
                    if !blank(&lines[k]) && framed(k) {
                        verdicts[k] = Some(&BELOW);
                    }
                }
            }
            i = j;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::boilerplate::testing::*;

    #[test]
    fn lists_framed_by_furniture_below_the_article_go() {
        // A heading of the site's own and its titles, between tags and a "most read" header.
        let text = format!(
            "{BODY}\n{BODY2}\nالوسوم: حلب، الأسواق القديمة، التراث\nتابعونا على تلغرام لتصلكم الأخبار أولاً بأول\nمواد ذات صلة\nالجامع الأموي في حلب: اكتمال ترميم المئذنة بعد عامين من العمل\nحمص: خطة لإعادة تأهيل 12 مدرسة في الأحياء القديمة\nتحرير: رنا حداد\nالحكم: محمد عادل\nالهاتف: 71 840 222 (216+)\nعيار 21: 4620 جنيهًا\nللتواصل: editor@marafi-om.com\nلاستفسارات الصحافة، يرجى الاتصال مع:\nالأكثر قراءة\nأسعار الذهب في الأسواق السورية اليوم"
        );
        assert!(rule_of(&text, "مواد ذات صلة").is_some());
        assert_eq!(
            rule_of(&text, "حمص: خطة لإعادة تأهيل 12 مدرسة في الأحياء القديمة"),
            Some("link_list")
        );
        // Under share buttons, a menu read as a run of short lines still opens a frame.
        let shared = format!(
            "{BODY}\n{BODY2}\nشارك:\nفيسبوك\nواتساب\nنسخ\nتقارير مصورة أخرى\n03:40 | نفوق أعداد كبيرة من الجاموس في الأهوار\n02:55 | أزمة السكن العشوائي في أطراف المدينة\nالأكثر مشاهدة\nالتربية تحدد موعد إعلان النتائج"
        );
        assert_eq!(
            rule_of(&shared, "02:55 | أزمة السكن العشوائي في أطراف المدينة"),
            Some("link_list")
        );
        // A poem's first lines read as a menu under its share buttons open no frame.
        let rest = [
            "يا وطناً يسكن في قلبي",
            "كلما سافرت عنه",
            "عاد إلي في المساء",
        ];
        let poem = format!(
            "{BODY}\n{BODY2}\nشارك القصيدة\nفيسبوك\nواتساب\nمدينتي\nقصيدتي الأولى\nنخلتي العالية\nبحري القديم\n{}\nقصائد أخرى للشاعرة\nفتافيت امرأة\nجميع الحقوق محفوظة © 2025",
            rest.join("\n")
        );
        for line in rest {
            assert_ne!(
                rule_of(&poem, line),
                Some("link_list"),
                "{line}: {:?}",
                rules(&poem)
            );
        }
        // A credit, a fact and a short sentence stay within the frame; a phone number goes.
        assert_eq!(rule_of(&text, "تحرير: رنا حداد"), None);
        assert_eq!(rule_of(&text, "الحكم: محمد عادل"), None);
        assert_eq!(
            rule_of(&text, "الهاتف: 71 840 222 (216+)"),
            Some("link_list")
        );
        assert_eq!(rule_of(&text, "عيار 21: 4620 جنيهًا"), Some("link_list"));
        assert_eq!(
            rule_of(&text, "للتواصل: editor@marafi-om.com"),
            Some("link_list")
        );
        assert_eq!(rule_of(&text, "لاستفسارات الصحافة، يرجى الاتصال مع:"), None);
        // A poll's answers frame the list under them.
        let nearby = "جزر موشا: الغطس مع أسماك القرش الحوتي في خليج تاجورة";
        let text = format!("{BODY}\n{BODY2}\nهل كان هذا المقال مفيداً؟\n👍 نعم\n👎 لا\nوجهات قريبة\n{nearby}\nبريدك الإلكتروني\nاشترك");
        assert_eq!(
            rule_of(&text, nearby),
            Some("link_list"),
            "{:?}",
            rules(&text)
        );
        // Not above the article's last paragraph.
        let title = "الجامع الأموي في حلب: اكتمال ترميم المئذنة بعد عامين من العمل";
        let text = format!("{BODY}\nالوسوم: حلب، التراث\n{title}\nالأكثر قراءة\n{BODY2}");
        assert_eq!(rule_of(&text, title), None);
    }

    #[test]
    fn a_poem_or_a_numbered_list_below_the_article_is_no_framed_list() {
        // Verses between lines without words.
        let text = format!("{BODY}\n{BODY2}\n.\nنادى القصيد وراعي النظم ولهان\nيسبح بفكره في بحور المعاني\n.\nجمعت عزم وحزم مع طيب وايمان\n.");
        assert_eq!(rule_of(&text, "نادى القصيد وراعي النظم ولهان"), None);
        // A numbered list whose items read as theme phrases ("فيسبوك").
        let text = format!("{BODY}\n{BODY2}\n1. تطبيق «فيسبوك ميسنجر» Facebook Messenger\n2. تطبيق «غوغل فوتوز» Google Photos\n3. تطبيق «فيسبوك» Facebook");
        assert_eq!(rule_of(&text, "2. تطبيق «غوغل فوتوز» Google Photos"), None);
        // "1- " numbers a list as "1. " does.
        let text = format!("{BODY}\n{BODY2}\n1- تطبيق «فيسبوك ميسنجر» Facebook Messenger\n2- تطبيق «غوغل فوتوز» Google Photos\n3- تطبيق «فيسبوك» Facebook");
        assert_eq!(rule_of(&text, "2- تطبيق «غوغل فوتوز» Google Photos"), None);
        // A lone link inside the article opens no frame: the article's closing tips stay.
        let tip = "تجنب التعرض المباشر لأشعة الشمس وقت الظهيرة";
        let text = format!("{BODY}\n{BODY2}\nاقرأ أيضاً: الأرصاد تحذر من موجة حر جديدة الأسبوع المقبل\nشرب كميات كافية من الماء على مدار اليوم\n{tip}\nالوسوم: الصيف، الحر، الصحة\nشارك الخبر");
        assert_eq!(rule_of(&text, tip), None, "{:?}", rules(&text));
    }

    #[test]
    fn latest_lists_of_a_listed_kind() {
        let title = "افتتاح مركز استشفائي جامعي جديد بأكادير";
        for header in [
            "آخر المستجدات",
            "أحدث الفتاوى",
            "جديد الإعلانات",
            "إعلانات أخرى",
        ] {
            let text = format!("{BODY}\n{BODY2}\n{header}\n{title}\n");
            assert_eq!(rule_of(&text, title), Some("link_list"), "{header}");
        }
        // Not a kind of page a site lists: the article's subheading.
        let text = format!("{BODY}\n{BODY2}\nآخر التطورات الميدانية\n{title}\n{BODY3}");
        assert_eq!(rule_of(&text, title), None);
    }

    #[test]
    fn sequels_hashtags_and_joined_stamps() {
        let next = "الدرس التالي: شرح حديث جبريل عليه السلام ←";
        assert_eq!(between(next), Some("navigation"));
        // A step of a tutorial stays.
        let step = "الخطوة التالية: افتح الإعدادات ثم اختر الحساب";
        assert_eq!(between(step), None);
        assert_eq!(
            between("#كهرباء_لبنان #المولدات #الطاقة"),
            Some("link_list")
        );
        // One tag per line: a list of them; one alone may be the article's campaign.
        let text = format!("{BODY}\n{BODY2}\nالوسوم\n#معرض_الكتاب\n#دمشق\n#النشر");
        for tag in ["#معرض_الكتاب", "#دمشق", "#النشر"] {
            assert_eq!(
                rule_of(&text, tag),
                Some("link_list"),
                "{tag}: {:?}",
                rules(&text)
            );
        }
        assert_eq!(deep("#أنقذوا_حي_الشيخ_جراح"), None);
        let text = format!("{BODY}\nوتصدرت الوسوم التالية منصة إكس في السعودية:\n#غزة_تباد\n#أوقفوا_الحرب\n{BODY2}");
        assert_eq!(rule_of(&text, "#غزة_تباد"), None, "{:?}", rules(&text));
        // A forum post's number before its date; a long dash before the time.
        assert_eq!(deep("#2 — 28 سبتمبر 2025"), Some("symbols"));
        assert_eq!(deep("18 أغسطس 2024 – 10:42 ص"), Some("symbols"));
        // A label, the Hijri and the Gregorian date: one stamp.
        assert_eq!(
            deep("تاريخ النشر: 05 ربيع الآخر 1447 هـ - 27 سبتمبر 2025 م"),
            Some("symbols")
        );
        let stamps = "نُشر: الأحد ١٤ أبريل ٢٠٢٤ - ١١:٤٢ ص | آخر تحديث: الأحد ١٤ أبريل ٢٠٢٤ - ١٢:١٠ م";
        assert_eq!(between(stamps), Some("symbols"));
        // A label and a date joined to words of the article stay.
        let mixed = "الافتتاح: الأحد ١٤ أبريل | الختام في العاصمة بحضور الوزير";
        assert_ne!(between(mixed), Some("symbols"));
        // Eastern Arabic clock times; a date and the weather.
        let meta = "نشر بواسطة بو عبدالله في ٩:٤٢ م";
        assert_eq!(deep(meta), Some("symbols"));
        let bar = "الأربعاء 17 ديسمبر 2025 | المنامة 19° غائم جزئياً";
        assert_eq!(deep(bar), Some("symbols"));
        // A byline closed by a colon announces no list: the date under it is a stamp.
        let headline = "«النواب» يوافق على تعديلات «الضمان الصحي» ويحيلها إلى «الشورى»";
        let text = format!("الرئيسية | محليات | برلمان\n{headline}\nكتب - حسن عبدالله الستري:\n17 ديسمبر 2025 - 01:20\n{BODY}\n{BODY2}");
        let r = rules(&text);
        assert_eq!(r[2].1, None, "{r:?}");
        assert_eq!(r[3].1, Some("symbols"), "{r:?}");
        // A link-list header with a colon takes titles.
        let title = "وزير التنمية الحيوانية يزور اترارزة لتفقد وضعية المراعي";
        let text = format!("{BODY}\n{BODY2}\nمواضيع ذات صلة:\n- {title}\n");
        assert_eq!(rule_of(&text, &format!("- {title}")), Some("link_list"));
        // French times.
        let meta = "Publié le 09/11/2025 à 10h45 | Mis à jour à 12h10";
        assert_eq!(deep(meta), Some("symbols"));
        // French phpBB post meta.
        let meta = "Message par hamza_casa » mar. 5 mars 2024 22:14";
        assert_eq!(deep(meta), Some("symbols"));
    }

    #[test]
    fn a_link_list_header_takes_the_titles_after_it() {
        let text = format!(
            "عنوان الخبر الرئيسي اليوم\n{BODY}\n{BODY2}\nمقالات ذات صلة\nولي العهد يستقبل رئيس الوزراء\nارتفاع أسعار النفط في التعاملات الآسيوية\n\nالمقال التالي\nافتتاح معرض الكتاب في الرياض"
        );
        let r = rules(&text);
        assert_eq!(r[0].1, None, "the headline stays");
        assert_eq!(r[3].1, Some("phrase"), "the header itself");
        assert_eq!(r[4].1, Some("link_list"));
        assert_eq!(r[5].1, Some("link_list"));
        assert_eq!(r[8].1, Some("link_list"));
        // A short heading right after the list, over the article's own list, stays.
        let text = format!(
            "عنوان الخبر الرئيسي اليوم\n{BODY}\nاقرأ أيضا\nالمرور يوضح عقوبة الوقوف في الأماكن المخصصة لذوي الإعاقة\nآلية الدفع\nيمكن للمستخدمين سداد رسوم الوقوف عبر:\nجدول التغذية المتوقع\nبيروت الإدارية: 10 ساعات"
        );
        let r = rules(&text);
        assert_eq!(r[3].1, Some("link_list"), "{r:?}");
        for k in 4..=7 {
            assert_eq!(r[k].1, None, "{k}: {r:?}");
        }
        // "More on this story" and lists of a fact-checker's checks or a tutorial site's
        // guides; an article's own "previous studies" is no listed kind of a site.
        let text = format!(
            "{BODY}\n{BODY2}\nالمزيد حول هذه القصة\nالسودان: أكبر أزمة نزوح في العالم بالأرقام\nتحققات ذات صلة\nصورة \"طوفان في دمشق\" تعود إلى عام 2019\nشروحات قد تهمك\nكيف تنقل بيانات واتساب من أندرويد إلى آيفون؟"
        );
        let r = rules(&text);
        for k in 2..=7 {
            assert!(r[k].1.is_some(), "{k}: {r:?}");
        }
        let text = format!("{BODY}\nدراسات سابقة\n{BODY2}");
        assert_eq!(rule_of(&text, "دراسات سابقة"), None);
        // Before the article, a header does not take the next title (it may be the headline).
        let text = format!("آخر الأخبار\nوزير الخارجية يلتقي نظيره الفرنسي في باريس\n{BODY}");
        let r = rules(&text);
        assert_eq!(r[1].1, None, "{r:?}");
        // A sentence that merely contains a header's words is not a header.
        assert_eq!(
            rule_of(
                &format!("{BODY}\nكان هذا الخبر الأكثر قراءة في الموقع هذا الأسبوع"),
                "كان هذا الخبر الأكثر قراءة في الموقع هذا الأسبوع"
            ),
            None
        );
    }

    #[test]
    fn tables_of_contents_breadcrumb_titles_and_comma_lines() {
        // A table of contents goes; the subheadings it lists stay, even when its last entry
        // stands right before the article's first paragraph.
        let text = format!(
            "عنوان المقال الرئيسي عن الصحة\nالمحتويات\nنبذة عن المرض\nأعراض الجفاف الشائعة\n{BODY}\nنبذة عن المرض\n{BODY2}\nأعراض الجفاف الشائعة\n{BODY3}"
        );
        let r = rules(&text);
        assert_eq!(r[1].1, Some("link_list"), "{r:?}");
        assert_eq!(r[2].1, Some("link_list"), "{r:?}");
        assert_eq!(r[3].1, Some("link_list"), "{r:?}");
        assert_eq!(r[5].1, None, "{r:?}");
        assert_eq!(r[7].1, None, "{r:?}");
        // The title right under a breadcrumb stays, however short; lines with commas are no
        // menu items.
        let text = format!(
            "الوظائف > المحاسبة والمالية > الرياض\nمحاسب عام\nشركة النخبة للتجارة\nالرياض، السعودية\nدوام كامل\n{BODY}"
        );
        let r = rules(&text);
        assert_eq!(r[0].1, Some("navigation"), "{r:?}");
        assert_eq!(r[1].1, None, "{r:?}");
        // Free verse in lines ending with commas.
        let verse = "حولنا عندليب\nرقيق يحوم،\nيغني لنا،\nويغمز لنا،\nهذا الصباح،";
        let text = format!("{BODY}\nالرئيسية\n{verse}\n{BODY2}");
        assert_eq!(rule_of(&text, "يغني لنا،"), None, "{:?}", rules(&text));
    }

    #[test]
    fn long_headlines_under_a_related_header() {
        let long = "بورتسودان: انقطاع المياه عن أحياء ديم عرب وسلبونا لليوم الخامس والمواطنون يشكون من ارتفاع سعر جركانة المياه – 26 أكتوبر 2024";
        let text = format!(
            "عنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\n{BODY2}\nمواد ذات صلة\n\
             القضارف: حملة رش ضد البعوض بعد ارتفاع إصابات حمى الضنك\n{long}\nالأكثر قراءة\n\
             أسعار الخبز في بورتسودان بعد زيادة الدقيق"
        );
        let r = rules(&text);
        for k in 3..8 {
            assert!(r[k].1.is_some(), "{r:?}");
        }
        // Long lines without punctuation under a header inside the article, going on to a
        // punctuated paragraph, are the article's.
        let long_line = "وبلغ سعر كيلو البندورة في سوق الهال نحو 12 ألف ليرة بعد أن كان لا يتجاوز سبعة آلاف ليرة قبل أسبوعين فقط بحسب التجار";
        let text = format!(
            "عنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\nاقرأ أيضاً\n{long_line}\n{BODY2}"
        );
        assert_eq!(rule_of(&text, long_line), None, "{:?}", rules(&text));
        // A paragraph under a header ends a sentence: it stays.
        let text = format!(
            "عنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\nاقرأ أيضاً\n\
             وقال المتحدث إن الوزارة ستواصل العمل مع الشركاء في القطاع الخاص لتوفير المياه لكل الأحياء التي تعاني من الانقطاع.\n{BODY2}"
        );
        let r = rules(&text);
        assert_eq!(r[3].1, None, "{r:?}");
    }

    #[test]
    fn titles_glued_to_their_date_stamp() {
        // A listing's line, with or without the digits some corpora strip.
        for line in [
            "موضوع العاب بلاي ستشن للتحميل لعبة سباق السيارات المرحه جدا الأربعاء أغسطس",
            "موضوع أحدث ألعاب الأكشن كاملة على أكثر من سيرفر الخميس 12 سبتمبر 2019",
        ] {
            assert!(between(line).is_some(), "{line}");
        }
        // A one-line record is judged like any line.
        let record = "موضوع العاب بلاي ستشن للتحميل لعبة سباق السيارات المرحه جدا الأربعاء أغسطس";
        assert_eq!(rule_of(record, record), Some("link_list"));
        // A sentence names the day in prose.
        for line in [
            "وذلك خلال الحملة الوطنية لمراقبة جودة المستلزمات التي جرت أمس الأربعاء 9 سبتمبر 2015",
            "تصرف المنح للعائلات المعوزة بداية من يوم الاثنين 05 سبتمبر 2016",
        ] {
            assert_eq!(between(line), None, "{line}");
        }
        // Rows of the article's table end with their dates.
        let rows = [
            "الامتحان | الدورة | التاريخ",
            "الباكالوريا (الاختبارات الكتابية) | الدورة الرئيسية | من الأربعاء 4 جوان إلى الأربعاء 11 جوان 2025",
            "الباكالوريا | دورة المراقبة | من الإثنين 30 جوان إلى الجمعة 4 جويلية 2025",
            "التربية البدنية للباكالوريا | - | من 12 ماي إلى 17 ماي 2025",
        ];
        let text = format!("{BODY}\n{}\n{BODY2}", rows.join("\n"));
        let r = rules(&text);
        assert!(r.iter().all(|(_, v)| v.is_none()), "{r:?}");
        // A headline and its date, two cells, are a listing's row still (the first, right under
        // the paragraph, may be its subheading).
        let rows = [
            "تراجع التضخم في مصر إلى 26 بالمئة خلال الشهر الماضي | الخميس 10 أكتوبر 2024",
            "الحكومة تطرح سندات دولية بقيمة ملياري دولار | الأربعاء 9 أكتوبر 2024",
            "صندوق النقد يوافق على صرف الشريحة الرابعة من القرض | الثلاثاء 8 أكتوبر 2024",
        ];
        let text = format!("{BODY}\n{}\n{BODY2}", rows.join("\n"));
        for row in &rows[1..] {
            assert_eq!(rule_of(&text, row), Some("link_list"), "{:?}", rules(&text));
        }
    }

    #[test]
    fn article_cards_go_and_a_song_with_a_refrain_stays() {
        let mut cards = vec![BODY.to_string()];
        for (label, title) in [
            ("أخبار لبنان", "وزير الداخلية يصدر قرارا بشأن تنظيم السير"),
            ("منوعات", "مهرجان الموسيقى يعود إلى بيروت هذا الصيف"),
            ("أخبار لبنان", "الحكومة تناقش الموازنة في جلسة مسائية"),
            ("أخبار دولية", "قمة أوروبية لبحث أزمة الطاقة"),
            ("أخبار لبنان", "افتتاح طريق جديد يربط الشمال بالعاصمة"),
            ("منوعات", "أطول جسر في العالم يفتح أبوابه للزوار"),
        ] {
            cards.push(label.to_string());
            cards.push(title.to_string());
        }
        let r = rules(&cards.join("\n"));
        assert!(
            r[1..].iter().all(|(_, rule)| *rule == Some("link_list")),
            "{r:?}"
        );
        // A song quoted in an article repeats its refrain, lines of three words or more.
        let refrain = [
            "نصراوي والله واعجبك",
            "قدامي كل يرتبك",
            "فايز عليك فايز عليك",
        ];
        let mut song = vec![BODY.to_string()];
        for verse in [
            ["متحدي وناوي السنة", "افوز واتصدر بعد"],
            ["قل للعواذل يحلمون", "والكاس نصراوي اكيد"],
            ["يا نجد فارسك البطل", "راجع لعرشه من جديد"],
        ] {
            song.extend(verse.iter().map(|s| s.to_string()));
            song.extend(refrain.iter().map(|s| s.to_string()));
        }
        let r = rules(&song.join("\n"));
        assert!(
            r.iter().all(|(_, rule)| *rule != Some("link_list")),
            "{r:?}"
        );
    }
}
