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
//! And tags written as hashtags alone on their line.
//!
//! Sub-codes: `hashtags`, `dated_title`, `toc`, `toc_entry`, `related`, `tags`, `cards` (see the
//! constants below).

use super::{removal, rule, Cut, LineRule, Pass, Rule, Scratch};
use crate::boilerplate::lexicon::{builtin_words, WordList};
use crate::boilerplate::lines::{blank, full_stop, label_and_value, Line};
use crate::boilerplate::page::Page;
use crate::boilerplate::Boilerplate;
use std::sync::LazyLock;

/// Shortest listing row with a glued date stamp, in words: four of a title and the stamp.
const DATED_TITLE_MIN_WORDS: usize = 6;
/// Longest table-of-contents header, in words ("جدول المحتويات").
const TOC_HEADER_MAX_WORDS: usize = 3;
/// Longest tags label, in words ("كلمات مفتاحية:").
const TAGS_LABEL_MAX_WORDS: usize = 3;
/// Longest fact (a label and its value, "الحكم: محمد عادل") that a list passes over, in words.
const FACT_MAX_WORDS: usize = 5;
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

pub(in crate::boilerplate) struct Hashtags;

impl LineRule for Hashtags {
    fn fires(&self, _: &Boilerplate, page: &Page<'_>, i: usize, _: &mut Scratch) -> Cut {
        hashtags(page.lines[i].raw).then_some(&HASHTAGS)
    }
}

/// Tags written as hashtags, alone on their line ("#كهرباء_لبنان #المولدات #الطاقة").
fn hashtags(raw: &str) -> bool {
    if !raw.trim_start().starts_with('#') {
        return false;
    }
    let mut n = 0;
    for w in raw.split_whitespace() {
        if !w.starts_with('#') || w.len() < 3 {
            return false;
        }
        n += 1;
    }
    n >= 2
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
/// prose ("… أمس الأربعاء 9 سبتمبر 2015", "يوم الاثنين …").
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
/// question mark ("متى يكون خطيراً؟").
fn subheading(bp: &Boilerplate, lines: &[Line<'_>], k: usize, verdicts: &[Cut]) -> bool {
    (k + 1..lines.len())
        .find(|&n| !blank(&lines[n]))
        .is_some_and(|n| {
            verdicts[n].is_none()
                && lines[n].ends_sentence
                && lines[n].words > 2 * bp.opts.menu_max_words
                && (full_stop(lines[n].raw) || lines[n].words > bp.opts.link_max_words)
        })
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
            for k in i + 1..lines.len() {
                let l = &lines[k];
                if blank(l) || verdicts[k].is_some() {
                    continue;
                }
                if l.words > bp.opts.link_max_words
                    || full_stop(l.raw)
                    || l.long
                    || subheading(bp, lines, k, verdicts)
                {
                    break;
                }
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
                if (taking || tags)
                    && line.words <= item_max
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
