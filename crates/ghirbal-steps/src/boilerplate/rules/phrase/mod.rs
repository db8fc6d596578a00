//! `phrase`: theme phrases from the lexicon ("شارك", "اترك تعليقاً", "جميع الحقوق محفوظة",
//! "Leave a Reply", ...) cover at least `phrase_coverage` of the line's letters; or the line
//! starts with a lead phrase ("اقرأ أيضاً: ..."; with a colon for those written "^…:",
//! such as "التصنيفات:") and is at most `lead_max_words` words long, unless it is a plain
//! sentence (a full stop at the end, no colon: "رابط الخبر لم يعد يعمل …."); or the line is a
//! whole-line phrase (`=`: "رد") or a link-list header (`>`). Matching is on the matching
//! normalization, on whole words, so spelling variants match and an article sentence that
//! merely contains a phrase does not. In a line without any punctuation and with function
//! words under 15 % (no sentence: glued menu words and site links), phrases covering 15 % of
//! it suffice if one of them has two words or more; not in the headline of a document of
//! several lines (a one-line record is judged like any line). A site notice (`©`,
//! or a lexicon phrase marked `*`: rights, disclaimers, cookie notices, "powered by")
//! anywhere in a line of at most 40 words also counts as `phrase`, as do a call to follow
//! the site on a platform, a share label ending with a colon ("شارك التدوينة:") or a button
//! naming the part of the page it shares ("شارك التغطية"), a photo's credit under its label
//! ("الصورة: وكالة السودان للأنباء"), a link to a player ("▶ شاهد التقرير | 02:35") and an
//! author's box under the article. A row of a table
//! in the article is no theme line ("تاجورة | 70 كم | ساعة و15 دقيقة").
//!
//! Sub-codes: `header`, `whole_line`, `copyright`, `notice`, `lead`, `follow`, `share`, `credit`,
//! `media`, `click`, `author_box`, `theme`, `unpunctuated` (see the constants below).

use super::{removal, rule, Cut, LineRule, Pass, Rule, Scratch};
use crate::boilerplate::lexicon::{builtin_words, WordList};
use crate::boilerplate::lines::{
    blank, bracketed, colon_after_words, label_and_value, pad, plain_sentence,
    starts_with_list_marker, Line, PHRASE_SCAN_MAX_WORDS,
};
use crate::boilerplate::page::Page;
use crate::boilerplate::Boilerplate;
use ghirbal_text::script::is_any_digit;
use std::sync::LazyLock;

mod labels;
pub(in crate::boilerplate) use labels::label_of;
use labels::{
    bare_source, bracketed_credit, click_here, follow_call, media_link, photo_credit, share_button,
    share_label, source_credit, CLICK_MAX_WORDS, MEDIA_MAX_WORDS, PHOTO_CREDIT_MAX_WORDS,
    SHARE_BUTTON_MAX_WORDS,
};

removal!(
    /// A link-list header alone on its line ("مقالات ذات صلة"); it takes the titles after it
    /// (see `link_list/related`).
    HEADER, Phrase, "phrase/header"
);
removal!(
    /// A whole-line phrase alone on its line ("رد").
    WHOLE_LINE, Phrase, "phrase/whole_line"
);
removal!(
    /// A rights notice written with `©`.
    COPYRIGHT, Phrase, "phrase/copyright"
);
removal!(
    /// A site notice of the lexicon (`*`) anywhere in the line.
    NOTICE, Phrase, "phrase/notice"
);
removal!(
    /// A lead phrase (`^`) opening the line.
    LEAD, Phrase, "phrase/lead"
);
removal!(
    /// A call to follow the site on a platform ("تابعوا … عبر قناتنا على تيليجرام").
    FOLLOW, Phrase, "phrase/follow"
);
removal!(
    /// A share label ending with a colon ("شارك التدوينة:"), or a button naming what it shares
    /// ("شارك التغطية").
    SHARE, Phrase, "phrase/share"
);
removal!(
    /// A photo's credit under its label ("الصورة: وكالة السودان للأنباء"), or the story's
    /// source under its own ("المصدر: وكالات").
    CREDIT, Phrase, "phrase/credit"
);
removal!(
    /// A player's link to the report's video or audio ("▶ شاهد التقرير | 02:35").
    MEDIA, Phrase, "phrase/media"
);
removal!(
    /// A call to click, the line ending with "click here" ("للاطلاع على النتائج اضغط هنا").
    CLICK, Phrase, "phrase/click"
);
removal!(
    /// An author's box under the article: the name, then a bio opening with a profession.
    AUTHOR_BOX, Phrase, "phrase/author_box"
);
removal!(
    /// Theme phrases covering `phrase_coverage` of the line.
    THEME, Phrase, "phrase/theme"
);
removal!(
    /// Theme phrases covering 15 % of an unpunctuated line with hardly a function word.
    UNPUNCTUATED, Phrase, "phrase/unpunctuated"
);

pub(in crate::boilerplate) struct Phrase;

impl LineRule for Phrase {
    fn fires(&self, bp: &Boilerplate, page: &Page<'_>, i: usize, st: &mut Scratch) -> Cut {
        let line = &page.lines[i];
        let key = page.key(i);
        pad(key, &mut st.padded);
        if let Some(takes) = bp.whole_line(line, key) {
            return Some(if takes { &HEADER } else { &WHOLE_LINE });
        }
        // (A vote with its answers runs longer than a whole line of the lexicon: shorter lines
        // were asked in `whole_line`.)
        if line.words > bp.lex.header_max_words + 2 && labels::helpful_question(line.raw, key) {
            return Some(&WHOLE_LINE);
        }
        if bp.copyright(line) {
            return Some(&COPYRIGHT);
        }
        if follow_call(key, line.words) {
            return Some(&FOLLOW);
        }
        // A share label heads the buttons, short lines or none; a tip's heading ("شارك
        // مشاعرك:") its paragraph.
        if share_label(line.raw, key, line.words)
            && (i + 1..page.lines.len())
                .find(|&k| !blank(&page.lines[k]))
                .is_none_or(|k| page.lines[k].words <= SHARE_BUTTON_MAX_WORDS)
        {
            return Some(&SHARE);
        }
        if line.words <= PHOTO_CREDIT_MAX_WORDS + 3
            && Some(i) != page.headline_at
            && (photo_credit(line.raw)
                || source_credit(line.raw)
                || (bare_source(line.raw) && source_below_paragraph(page, i))
                || (bracketed_credit(line.raw, key) && under_caption(page, i)))
        {
            return Some(&CREDIT);
        }
        if line.words <= MEDIA_MAX_WORDS && media_link(line.raw, key) {
            return Some(&MEDIA);
        }
        if line.words <= CLICK_MAX_WORDS && click_here(line.raw, key) {
            return Some(&CLICK);
        }
        let cut = bp.phrase_rule(
            line,
            &st.padded,
            &mut st.mask,
            bp.opts.phrase_coverage,
            false,
        );
        // A row of figures in a table of the article is covered by its units and times
        // ("تاجورة | 70 كم | ساعة و15 دقيقة"), not by a site's words. A header row of theme
        // words is a listing's ("الموضوع | الردود | المشاهدات"), unless the table stands
        // between the article's paragraphs ("المواصفة | التفاصيل" over a phone's specs).
        if cut == Some(&THEME)
            && ((line.raw.matches('|').count() >= 2
                && line.raw.chars().any(is_any_digit)
                && super::navigation::table_header(page, i))
                || page.article_table[i])
        {
            return None;
        }
        // A share button the lexicon does not name ("شارك التغطية"); those it names ("شارك
        // الخبر") keep their code.
        if cut.is_none()
            && line.words == 2
            && Some(i) != page.headline_at
            && share_button(line.raw, key)
        {
            return Some(&SHARE);
        }
        cut
    }
}

/// Fewest words of the caption above a credit in brackets (a verse above a bracketed verse
/// is shorter).
const CAPTION_MIN_WORDS: usize = 6;

/// Whether the line above `i` may be a photo's caption: kept text of a few words or more, after
/// the page's headline, that announces nothing (no colon at its end), is no item of a list
/// (a column's items name their source in brackets below), quotes nobody (a quote's author
/// stands in brackets under it) and is no credit itself.
fn under_caption(page: &Page<'_>, i: usize) -> bool {
    page.headline_at.is_some_and(|h| i > h)
        && (0..i)
            .rev()
            .find(|&k| !blank(&page.lines[k]))
            .is_some_and(|k| {
                let raw = page.lines[k].raw.trim();
                // A quote opens or closes the line; a caption may quote a name inside it.
                const QUOTES: [char; 7] = ['«', '»', '"', '“', '”', '﴿', '﴾'];
                let quotes = raw.starts_with(QUOTES)
                    || raw
                        .trim_end_matches(['.', '!', '؟', '?', '،'])
                        .ends_with(QUOTES);
                page.lines[k].words >= CAPTION_MIN_WORDS
                    && !raw.ends_with(':')
                    && !starts_with_list_marker(raw)
                    && bracketed(raw).is_none()
                    && !quotes
            })
}

/// Whether a source that names no agency (`bare_source`: "المصدر: الصفحة الرسمية للشركة
/// العامة للكهرباء") stands where a story's source does: right under a paragraph, with no
/// sentence right after it and no label and value beside it. An infobox's or a lesson's
/// "المصدر: …" stands among other labels ("المصب: …", "الفعل: …"), an interview's answer
/// before the next question.
fn source_below_paragraph(page: &Page<'_>, i: usize) -> bool {
    let lines = &page.lines[..];
    let above = (0..i).rev().find(|&k| !blank(&lines[k]));
    let below = (i + 1..lines.len()).find(|&k| !blank(&lines[k]));
    above.is_some_and(|k| {
        lines[k].ends_sentence
            && lines[k].words > SOURCE_PARAGRAPH_MIN_WORDS
            && !label_and_value(lines[k].raw)
    }) && below.is_none_or(|k| !lines[k].ends_sentence && !label_and_value(lines[k].raw))
}

/// A paragraph above a story's source has more words than this.
const SOURCE_PARAGRAPH_MIN_WORDS: usize = 8;

/// Site phrases glued to menu words with no sentence around them ("… منتدى مجاني للدعم
/// المساعدة إتصل بنا …"): a lower phrase coverage suffices; not for the headline of an
/// article (a one-line record is no article: its line is judged like any other). Runs right
/// after `keyword_list`, whose measure of the line it reuses.
pub(in crate::boilerplate) struct Unpunctuated;

impl LineRule for Unpunctuated {
    fn fires(&self, bp: &Boilerplate, page: &Page<'_>, i: usize, st: &mut Scratch) -> Cut {
        let k = st.signals.take()?;
        if k.function_share < UNPUNCTUATED_MAX_FUNCTION_SHARE
            && !(Some(i) == page.first && page.more_lines)
        {
            pad(page.key(i), &mut st.padded);
            return bp.phrase_rule(
                &page.lines[i],
                &st.padded,
                &mut st.mask,
                UNPUNCTUATED_COVERAGE,
                true,
            );
        }
        None
    }
}

/// Longest line a rights notice (`©`, "جميع الحقوق محفوظة") removes wherever it stands in it:
/// footers run long ("جميع الحقوق محفوظة لدار … ويحظر نشر أو توزيع …"), articles that quote
/// such a notice are longer.
const ANYWHERE_MAX_WORDS: usize = 40;
/// An unpunctuated line with fewer function words than this share is no sentence; theme
/// phrases covering `UNPUNCTUATED_COVERAGE` of it make it boilerplate.
const UNPUNCTUATED_MAX_FUNCTION_SHARE: f64 = 0.15;
const UNPUNCTUATED_COVERAGE: f64 = 0.15;

/// Fewest words of a sentence that single theme words do not make boilerplate.
const SENTENCE_MIN_WORDS: usize = 8;

/// Kinds of pages that sites list under a header after one word of their own ("فتاوى ذات
/// صلة", "قصائد أخرى للمتنبي"), folded.
static LISTED_KINDS: LazyLock<WordList> = LazyLock::new(|| builtin_words("listed_kinds"));

/// The site's own parts that a list of "more from" names, folded ("حلقات أخرى من البرنامج").
const SITE_PARTS: [&str; 12] = [
    "البرنامج",
    "القسم",
    "الموقع",
    "الكاتب",
    "الكاتبه",
    "المؤلف",
    "الشاعر",
    "السلسله",
    "المدونه",
    "المجله",
    "الملف",
    "التصنيف",
];

impl Boilerplate {
    /// `padded` is the line's key with a space on each side (see [`pad`]). With `multi_only`,
    /// at least one of the matched phrases must have two words or more: single words such as
    /// "الإدارة" or "مشاركة" are too common in headlines to decide at a low coverage.
    pub(in crate::boilerplate) fn phrase_rule(
        &self,
        line: &Line<'_>,
        padded: &str,
        mask: &mut Vec<bool>,
        min_coverage: f64,
        multi_only: bool,
    ) -> Cut {
        let words = line.words;
        let Some(ac) = &self.lex.phrases else {
            return None;
        };
        let mut matched = false;
        let mut multi = false;
        // In a long line only a lead phrase at its start can matter (and, up to
        // `ANYWHERE_MAX_WORDS` words, a site notice in its folded start): searching anchored
        // there keeps article paragraphs, most of the text, nearly free.
        if words > PHRASE_SCAN_MAX_WORDS {
            let lead = words <= self.opts.lead_max_words
                && !plain_sentence(line.raw)
                && self.lex.lead_keys.iter().any(|(k, colon)| {
                    padded.starts_with(k.as_str())
                        && colon.is_none_or(|n| colon_after_words(line.raw, n))
                });
            if lead {
                return Some(&LEAD);
            }
            let notice = words <= ANYWHERE_MAX_WORDS
                && ac
                    .find_overlapping_iter(padded)
                    .any(|m| self.lex.anywhere[m.pattern().as_usize()]);
            return notice.then_some(&NOTICE);
        }
        for m in ac.find_overlapping_iter(padded) {
            let pattern = m.pattern().as_usize();
            if self.lex.anywhere[pattern] {
                return Some(&NOTICE);
            }
            if self.lex.lead[pattern] {
                // A lead phrase opens a link or a label; a line ending with a full stop is a
                // sentence that starts with the same words ("رابط الخبر لم يعد يعمل …").
                if m.start() == 0
                    && words <= self.opts.lead_max_words
                    && !plain_sentence(line.raw)
                    && self.lex.lead_colon[pattern].is_none_or(|n| colon_after_words(line.raw, n))
                {
                    return Some(&LEAD);
                }
                continue;
            }
            multi |= self.lex.multi_word[pattern];
            if !matched {
                matched = true;
                mask.clear();
                mask.resize(padded.len(), false);
            }
            mask[m.start() + 1..m.end() - 1]
                .iter_mut()
                .for_each(|b| *b = true);
        }
        if !matched || (multi_only && !multi) {
            return None;
        }
        // A line announcing a list with a single theme word among words of its own
        // ("التواريخ الرئيسية:", "النقاط الرئيسية:") is the article's; a site's label is a
        // phrase of its own, with function words at most ("بحث عن:").
        if !multi && words >= 2 && line.raw.trim_end().ends_with(':') {
            let mut start = 0;
            for word in padded.split(' ') {
                let end = start + word.len();
                if !word.is_empty()
                    && !mask[start..end].iter().any(|&c| c)
                    && !self.lex.function_words.contains(word)
                {
                    return None;
                }
                start = end + 1;
            }
        }
        // A long sentence whose theme words are single words (`دقيقة`, `يوم`, `ساعات`) is the
        // article's ("عشرون دقيقة كل يوم أنفع من ثلاث ساعات يوم الجمعة."): a counter or a stamp
        // is short and ends with no full stop.
        if !multi && words >= SENTENCE_MIN_WORDS && plain_sentence(line.raw) {
            return None;
        }
        // Characters counted by their first byte, so no decoding is needed.
        let (mut covered, mut total) = (0usize, 0usize);
        for (i, &b) in padded.as_bytes().iter().enumerate() {
            if b != b' ' && (b & 0xC0) != 0x80 {
                total += 1;
                covered += usize::from(mask[i]);
            }
        }
        (total > 0 && covered as f64 >= min_coverage * total as f64).then_some(if multi_only {
            &UNPUNCTUATED
        } else {
            &THEME
        })
    }

    /// A rights notice written with `©`, in a line of at most `ANYWHERE_MAX_WORDS` words (site
    /// notices of the lexicon are found by [`Boilerplate::phrase_rule`]).
    fn copyright(&self, line: &Line<'_>) -> bool {
        line.words <= ANYWHERE_MAX_WORDS
            && memchr::memmem::find(line.raw.as_bytes(), "©".as_bytes()).is_some()
    }

    /// For a line that is only a header (`>`) or whole-line phrase (`=`) of the lexicon,
    /// whether it takes the titles after it (headers do).
    pub(in crate::boilerplate) fn whole_line(&self, line: &Line<'_>, key: &str) -> Option<bool> {
        // Longer lines (most) skip the lookups: a header after a site word has one word more,
        // a header for a time two more ("الأكثر قراءة هذا الشهر").
        if line.words > self.lex.header_max_words + 2 {
            return None;
        }
        let key = key.trim();
        if let Some(&takes) = self.lex.headers.get(key) {
            return (line.words <= self.lex.header_max_words).then_some(takes);
        }
        // A vote on the page ("هل كان هذا الشرح مفيداً؟"), whatever it names.
        if labels::helpful_question(line.raw, key) {
            return Some(false);
        }
        // A list's header for a time ("الأكثر قراءة اليوم", "الأكثر قراءة هذا الشهر").
        if let Some(&takes) = HEADER_TIMES
            .iter()
            .find_map(|t| key.strip_suffix(t).and_then(|h| h.strip_suffix(' ')))
            .and_then(|h| self.lex.headers.get(h))
        {
            return takes.then_some(true);
        }
        // "More by": "قصائد أخرى للمتنبي", "محاضرات أخرى للشيخ", "مقالات أخرى للكاتب", or
        // "more" alone ("إعلانات أخرى"); and the
        // suffixed headers ("فتاوى ذات صلة"). Only after a kind of page a site lists
        // (`LISTED_KINDS`): "أسباب أخرى للصداع" and "أمراض ذات صلة" are the article's.
        if line.ends_sentence {
            return None;
        }
        let (kind, rest) = key.split_once(' ')?;
        // "Latest" lists: "آخر المستجدات", "أحدث الفتاوى", "جديد الإعلانات". (Not of one
        // subject: "آخر أخبار سد النهضة" is a headline as often.)
        if matches!(kind, "اخر" | "احدث" | "جديد")
            && rest
                .strip_prefix("ال")
                .is_some_and(|k| LISTED_KINDS.contains(&k))
        {
            return Some(true);
        }
        // The kind may take an adjective of relation ("أخبار علمية ذات صلة", "أخبار محلية
        // أخرى").
        let rest = rest
            .split_once(' ')
            .filter(|(adjective, after)| {
                adjective.chars().count() > 3
                    && (adjective.ends_with("يه") || adjective.ends_with('ي'))
                    && (*after == "اخري"
                        || self
                            .lex
                            .header_suffixes
                            .iter()
                            .any(|h| h.trim_start() == *after))
            })
            .map_or(rest, |(_, after)| after);
        // The shape first (cheap), the kind last. "More from" the site's own parts too
        // ("حلقات أخرى من البرنامج", "مقالات أخرى في القسم"; "دروس أخرى من الجائحة" is a
        // subheading), and the news of a place "other" than this ("أخبار نابلس الأخرى").
        let mut w = rest.split(' ');
        let more_by = match (w.next(), w.next(), w.next(), w.next()) {
            (Some("اخري"), Some(by), None, _) => by.starts_with('ل') && by.chars().count() > 2,
            (Some("اخري"), None, _, _) => true,
            (Some("اخري"), Some("من" | "في"), Some(part), None) => {
                SITE_PARTS.contains(&part)
            }
            (Some(_), Some("الاخري"), None, _) => matches!(kind, "اخبار" | "مقالات"),
            _ => false,
        };
        ((more_by
            || self
                .lex
                .header_suffixes
                .iter()
                .any(|h| h.trim_start() == rest))
            && LISTED_KINDS.contains(&kind))
        .then_some(true)
    }

    /// Whether a line is words of its own: no date, no header or whole-line phrase of the
    /// lexicon, no theme phrase (what a title is, beside its length and punctuation).
    pub(in crate::boilerplate) fn own_words(
        &self,
        line: &Line<'_>,
        key: &str,
        padded: &mut String,
        mask: &mut Vec<bool>,
    ) -> bool {
        pad(key, padded);
        !self.is_date(line, key, false)
            && self.whole_line(line, key).is_none()
            && self
                .phrase_rule(line, padded, mask, self.opts.phrase_coverage, false)
                .is_none()
    }
}

/// Times a list's header may name after it, folded ("الأكثر قراءة هذا الأسبوع").
const HEADER_TIMES: [&str; 7] = [
    "اليوم",
    "هذا الاسبوع",
    "هذا الشهر",
    "هذا العام",
    "الاسبوع",
    "الشهر",
    "خلال 24 ساعه",
];

/// Longest author's bio, in words.
const BIO_MAX_WORDS: usize = 60;
/// A byline holds the author's name and at most this many words more ("بقلم: سمير الحاج").
const BYLINE_EXTRA_WORDS: usize = 2;
/// An author's name above the bio: two to four words ("سمير الحاج", "د. ليلى حداد").
const NAME_MAX_WORDS: usize = 4;

static BIO_OPENERS: LazyLock<WordList> = LazyLock::new(|| builtin_words("bio_openers"));

/// The author's box under the article: the author's name alone on its line, signed in another
/// line of the page too (the byline), then a bio opening with a profession ("سمير أبو جودة",
/// then "كاتب وصحافي لبناني، يكتب في الشؤون الاقتصادية …") that is the page's last long line,
/// with the page's furniture after it. Under the byline at the top the same two lines are the
/// article's credit ("كاتبة وروائية"); a profile's subject or a subheading above a paragraph is
/// no signed name; a poet's profile goes on with verses.
pub(in crate::boilerplate) struct AuthorBox;

impl Pass for AuthorBox {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let Some(body) = page.body else { return };
        // The last paragraph: a bio is the page's last long line or sentence.
        let Some(last) = super::link_list::last_paragraph(bp, page, body + 1, verdicts) else {
            return;
        };
        if lines[last].words > BIO_MAX_WORDS {
            return;
        }
        // Where the profession stands: first, or after the author's name in the same line
        // ("سمير الحاج كاتب وصحافي لبناني، …", "محمد الصبري: صحفي وباحث يمني …").
        let opener = page
            .key(last)
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(NAME_MAX_WORDS + 1)
            .position(|w| BIO_OPENERS.contains(&w));
        // The page's furniture follows the box: a poet's profile goes on with verses, short
        // lines the rules keep, and an article may end with a subheading and a paragraph.
        let furniture_after = || {
            (last + 1..lines.len())
                .find(|&k| !blank(&lines[k]))
                .is_some_and(|k| verdicts[k].is_some())
        };
        // The author signed the article: the name stands in another line too, the byline
        // ("بقلم: سمير أبو جودة"); a subheading ("رأي الخبراء") or a profile's subject does not.
        let signed = |at: usize, name_text: &str| {
            lines
                .iter()
                .enumerate()
                .any(|(k, other)| k != at && other.raw.contains(name_text))
        };
        match opener {
            // Most pages end with no bio: settled before the name is looked for.
            None | Some(1) => return,
            Some(0) => {}
            Some(n) => {
                // "هو"/"هي" may join the name to the profession ("سمير الحاج هو كاتب …").
                let n = match page
                    .key(last)
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .nth(n - 1)
                {
                    Some("هو" | "هي") if n > 2 => n - 1,
                    _ => n,
                };
                let raw = lines[last].raw.trim_start();
                let name_text = raw.split_whitespace().take(n).collect::<Vec<_>>().join(" ");
                let name_text = name_text.trim_end_matches([':', '،', ',']);
                // A name has no function word ("بعد مسيرة صحافية حافلة، …" is a sentence). It
                // is signed in a byline: a line of the name and at most two words more ("بقلم:
                // سمير الحاج", "بيروت - سمير الحاج"), not a headline or a caption naming the
                // subject of a profile or an obituary; and no paragraph of the article names it.
                let mut name_words = page.key(last).split(' ').filter(|w| !w.is_empty()).take(n);
                let byline = lines.iter().enumerate().any(|(k, other)| {
                    k != last
                        && other.words <= n + BYLINE_EXTRA_WORDS
                        && other.raw.contains(name_text)
                });
                let named_in_article = (body..last).any(|k| {
                    super::link_list::paragraph(bp, &lines[k]) && lines[k].raw.contains(name_text)
                });
                if raw.starts_with(name_text)
                    && !name_text.chars().any(is_any_digit)
                    && name_words.all(|w| !bp.lex.function_words.contains(w))
                    && furniture_after()
                    && byline
                    && !named_in_article
                {
                    verdicts[last] = Some(&AUTHOR_BOX);
                }
                return;
            }
        }
        let Some(name) = (body + 1..last).rev().find(|&k| !blank(&lines[k])) else {
            return;
        };
        let l = &lines[name];
        // The name may have gone already, as a copy of the byline or with the share buttons
        // above it as a menu.
        let name_like = matches!(
            rule(verdicts[name]),
            None | Some(Rule::RepeatedParagraph | Rule::MenuBlock)
        ) && (2..=NAME_MAX_WORDS).contains(&l.words)
            && !l.ends_sentence
            && !l.raw.contains([':', '|', '-', '–'])
            && !l.raw.chars().any(is_any_digit);
        // The signature is looked for last: the other tests settle almost every page. The
        // subject of an obituary or an interview, whose bio closes the page, is named in the
        // article's paragraphs; its author is not.
        // (A descriptor may follow the name on its line: "سمير أبو جودة الروائي".)
        let named_in_article = |name_text: &str| {
            let shorter = name_text
                .rsplit_once(' ')
                .map(|(rest, _)| rest)
                .filter(|rest| rest.contains(' '));
            (body..name).any(|k| {
                super::link_list::paragraph(bp, &lines[k])
                    && (lines[k].raw.contains(name_text)
                        || shorter.is_some_and(|s| lines[k].raw.contains(s)))
            })
        };
        if name_like
            && furniture_after()
            && signed(name, l.raw.trim())
            && !named_in_article(l.raw.trim())
        {
            verdicts[name] = Some(&AUTHOR_BOX);
            verdicts[last] = Some(&AUTHOR_BOX);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::follow_call;
    use crate::boilerplate::testing::*;

    #[test]
    fn site_notices_anywhere_in_a_line() {
        let cookies =
            "يستخدم هذا الموقع ملفات تعريف الارتباط لتحسين تجربتك. بمواصلة التصفح فإنك توافق على ذلك.";
        assert_eq!(between(cookies), Some("phrase"));
        // Disclaimers: the site speaks of what it publishes.
        for notice in [
            "إخلاء مسؤولية: البيانات المنشورة في هذه الصفحة لأغراض إعلامية فقط ولا تمثل توصية بالشراء.",
            "المحتوى لأغراض التوعية الصحية فقط، ولا يغني عن استشارة الطبيب المختص.",
            // A newsletter's pitch, a sentence addressed to the reader.
            "اشترك لتصلك أبرز مقالات الثقافة والرأي كل جمعة.",
            "الآراء الواردة لا تعبر بالضرورة عن رأي الموقع، والموقع غير مسؤول عن محتوى المواقع الخارجية.",
        ] {
            assert_eq!(between(notice), Some("phrase"), "{notice}");
        }
        let news = "وأكد الطبيب أن الدواء لا يغني عن النظام الغذائي الصحي والرياضة المنتظمة.";
        assert_eq!(between(news), None);
        let reading = "مدة القراءة: 3 دقائق";
        let text = format!("عنوان الخبر الرئيسي اليوم\n{reading}\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, reading), Some("phrase"));
    }

    #[test]
    fn list_headers_for_a_time_or_with_an_adjective() {
        for header in [
            "الأكثر قراءة هذا الشهر",
            "الأكثر قراءة اليوم",
            "أخبار علمية ذات صلة",
            "أخبار محلية أخرى",
            "حلقات أخرى من البرنامج",
            "أخبار نابلس الأخرى",
        ] {
            let title = "ابيضاض جماعي جديد يضرب الحاجز المرجاني العظيم";
            let text = format!("{BODY}\n{BODY2}\n{header}\n{title}\nجميع الحقوق محفوظة © 2025");
            assert_eq!(rule_of(&text, header), Some("phrase"), "{:?}", rules(&text));
            assert_eq!(
                rule_of(&text, title),
                Some("link_list"),
                "{:?}",
                rules(&text)
            );
        }
        // The article's own heading with a kind of page and a word that is no adjective.
        let text = format!("{BODY}\n{BODY2}\nأسباب كثيرة ذات صلة\n{BODY3}");
        assert_eq!(rule_of(&text, "أسباب كثيرة ذات صلة"), None);
        // Nor is a longer line that starts like a latest list, or "more" of no listed kind.
        for kept in [
            "آخر أخبار المفاوضات بين الطرفين في العاصمة القطرية",
            "آخر أخبار سد النهضة",
            "أسباب أخرى من الحياة اليومية",
            "دروس أخرى من الجائحة",
            "مشاريع أخرى في الطريق",
            "هل كان هذا الاتفاق مفيداً؟",
        ] {
            let text = format!("{BODY}\n{BODY2}\n{kept}\n{BODY3}");
            assert_eq!(rule_of(&text, kept), None, "{kept}");
        }
    }

    #[test]
    fn calls_to_click_here() {
        for call in [
            "للاطلاع على البلاغ في صيغته الأصلية اضغط هنا",
            "لقراءة الحوار كاملا أنقر هنــا",
            "للتسجيل في الدورة اضغط على الرابط",
        ] {
            assert_eq!(deep(call), Some("phrase"), "{call}");
        }
        // A label and its value, a list's step and a sentence stay.
        for kept in [
            "رابط التقديم: اضغط هنا",
            "١- فتح المنبه المعالج المزود بالتطبيق اضغط هنا.",
            "وقال إن على المواطنين الدخول إلى الموقع ثم اضغط هنا.",
        ] {
            assert_eq!(deep(kept), None, "{kept}");
        }
    }

    #[test]
    fn a_vote_on_whether_the_page_helped() {
        for vote in [
            "هل كان هذا الشرح مفيداً؟",
            "هل كانت هذه الوصفة مفيدة لك؟",
            "هل كان هذا المقال مفيدا",
            "هل كان هذا التقييم مفيداً؟ نعم (14) | لا (1)",
            "هل كانت هذه المقالة مفيدة؟ نعم (14) | لا (1)",
        ] {
            assert_eq!(deep(vote), Some("phrase"), "{vote}");
        }
        for kept in [
            "هل كان هذا القرار مفيداً للاقتصاد الوطني في ظل الأزمة الراهنة؟",
            "هل كان الدواء مفيداً؟",
            "هل كان الدرس مفيداً؟",
            "هل كان هذا المحتوى مفيداً؟ نعم 78 | لا 22",
        ] {
            assert_eq!(deep(kept), None, "{kept}");
        }
    }

    #[test]
    fn a_storys_source_on_its_own_line() {
        for source in [
            "المصدر: المدى 24 + وكالات",
            "(المصدر: مديرية أوقاف حلب)",
            "المصدر: \"النهار الجديد\"",
            "مصدر الخبر: وكالة الأنباء الرسمية",
        ] {
            assert_eq!(deep(source), Some("phrase"), "{source}");
        }
        for sentence in [
            "المصدر: الوزارة أعلنت أن الخطة ستنفذ على ثلاث مراحل خلال العام المقبل",
            "المصدر: تقرير البنك الدولي.",
            "مصدر الدخل الرئيسي: الزراعة",
            "المصدر: استغفار",
            "المصدر: بحيرة فيكتوريا",
            "المصادر: الأسماك الدهنية وصفار البيض",
            "المصدر: ذاكرة جدتي",
        ] {
            assert_eq!(deep(sentence), None, "{sentence}");
        }
    }

    #[test]
    fn links_to_a_player() {
        for link in [
            "▶ شاهد التقرير | 02:35",
            "▶ شاهد ملخص المباراة (03:58)",
            "► استمع إلى المقابلة",
            "استمع إلى الحوار كاملاً مع المخرجة في برنامج «ضيف الصباح» ▶ 12:47",
            "شاهدوا الحلقة كاملة (1:02:10)",
            "شاهد: لحظة وصول الوفد إلى المطار | ٠٢:١٥",
            "شاهد التقرير كاملاً",
        ] {
            assert_eq!(between(link), Some("phrase"), "{link}");
            assert!(
                super::media_link(link, &ghirbal_text::fold::fold(link)),
                "{link}"
            );
        }
        // An eyewitness, a clock time, a past tense, a result, a verse's reference, a list's
        // bullet, a schedule: no player.
        for line in [
            "شاهد عيان يروي تفاصيل الحادث الذي وقع فجر اليوم في 04:30",
            "وتبدأ المباراة في تمام الساعة 21:00 بتوقيت القاهرة.",
            "▶ ارتفاع أسعار الخبز بنسبة 10 في المئة منذ 01:00",
            "استمع القاضي إلى أقوال الشهود.",
            "شاهد اللقاء أكثر من 26 ألف متفرج ملأوا المدرجات قبل صافرة البداية 20:00",
            "شاهد عشرات الآلاف على جانبي الطريق العداء الكيني يعبر خط النهاية مسجلاً 2:01:09",
            "شاهد سكان الرياض وجدة الخسوف الكلي الذي بلغ ذروته (21:11) بتوقيت مكة المكرمة",
            "اسمعوا كلام الرب يا قضاة سدوم (إشعياء 1:10)",
            "► استمع إلى ابنك حتى النهاية دون مقاطعة",
            "► مسلسل «إش إش» | 19:30",
        ] {
            assert!(
                !super::media_link(line, &ghirbal_text::fold::fold(line)),
                "{line}"
            );
            assert_eq!(deep(line), None, "{line}");
        }
    }

    #[test]
    fn phrase_whole_line_and_variants() {
        let text = format!("{BODY}\nاترك تعليقاً\n{BODY2}\nجميع الحقوق محفوظة © 2024");
        assert_eq!(rule_of(&text, "اترك تعليقاً"), Some("phrase"));
        assert_eq!(rule_of(&text, "جميع الحقوق محفوظة © 2024"), Some("phrase"));
        // Written without hamza and with tatweel: the matching normalization finds it.
        let text = format!("{BODY}\nاتـــرك تعليقا\n{BODY2}");
        assert_eq!(rule_of(&text, "اتـــرك تعليقا"), Some("phrase"));
    }

    #[test]
    fn a_live_pages_controls_and_audio_players() {
        for line in [
            "تحديث تلقائي: مفعّل",
            "اضغط لعرض 2 تحديثات جديدة",
            "الاستماع إلى المقال",
            "استمعي إلى المقال",
            "الصفحة تتحدث تلقائياً",
            "الآن على الهواء: \"صباحكم مدينة\" مع هالة بن سالم",
        ] {
            assert_eq!(between(line), Some("phrase"), "{line}");
        }
        // Earlier coverage, a kind a site lists, heads a list.
        let title = "مباشر | موسم الأمطار 2024: السيول تجتاح ولايات الشرق";
        let text = format!("{BODY}\n{BODY2}\nتغطيات سابقة\n{title}");
        assert_eq!(
            rule_of(&text, title),
            Some("link_list"),
            "{:?}",
            rules(&text)
        );
        // A how-to's subheadings, a sentence from the stadium and a timeline's line stay.
        for line in [
            "تحديثات جديدة",
            "التحديث التلقائي",
            "الآن على الهواء مباشرة من ملعب رادس حيث تقام المباراة النهائية",
            "بدأت يوم السبت 3 فبراير",
        ] {
            assert_eq!(deep(line), None, "{line}");
        }
    }

    #[test]
    fn phrase_inside_a_sentence_is_kept() {
        let line = "وشارك في الاجتماع وزراء الخارجية والدفاع من الدول الأعضاء في الحلف.";
        assert_eq!(between(line), None);
        // Counter words making most of a sentence: still a sentence.
        let line = "عشرون دقيقة كل يوم أنفع من ثلاث ساعات يوم الجمعة.";
        assert_eq!(between(line), None);
        // (A time ago goes, as a stamp first.)
        assert!(between("منذ 3 ساعات").is_some());
        // The boundary: seven such words with a full stop still go, eight stay.
        assert_eq!(
            between("ساعة دقيقة يوم ساعات أيام دقائق منذ."),
            Some("phrase")
        );
        assert_eq!(between("ساعة دقيقة يوم ساعات أيام دقائق منذ زيارة."), None);
    }

    #[test]
    fn a_tables_rows_of_units_and_times_are_the_articles() {
        let rows = [
            "من | المسافة | المدة",
            "تاجورة | 70 كم | ساعة و15 دقيقة",
            "أبهي | 230 كم | 4 ساعات",
        ];
        let text = format!("{BODY}\n{}\n{BODY2}", rows.join("\n"));
        for row in rows {
            assert_eq!(rule_of(&text, row), None, "{row}");
        }
        // Alone, without a table around it, the same row is a stamp's words.
        assert_eq!(between("70 كم | ساعة و15 دقيقة | منذ يوم"), Some("phrase"));
    }

    #[test]
    fn mastheads_and_photo_credits() {
        for line in [
            "رئيس التحرير المسؤول: نضال الحباشنة",
            "مدير النشر: كريم بناني",
            "عدسة: باسل الأحمد",
        ] {
            assert_eq!(between(line), Some("phrase"), "{line}");
        }
        // A sentence naming the editor has no colon after the title.
        let sentence = "وقال رئيس التحرير المسؤول إن الصحيفة ستصدر عددا خاصا بالمناسبة.";
        assert_eq!(between(sentence), None);
    }

    #[test]
    fn photo_credits_under_their_label() {
        for credit in [
            "الصورة: Shutterstock",
            "(صورة: سبور تونس - وليد الماجري)",
            "مصدر الصورة: مصلحة الموانئ والنقل البحري",
            "Photo: EWA / الصورة: هيئة الكهرباء والماء",
        ] {
            assert_eq!(between(credit), Some("phrase"), "{credit}");
        }
        // Captions under the same label describe the picture.
        for caption in [
            "الصورة: جانب من الاجتماع",
            "الصورة: الرئيس الجزائري عبد المجيد تبون",
            "صور: إضراب المعلمين يشل المدارس",
            "الصورة: أم تقرأ قصة لطفلها قبل النوم",
            "الصورة: مزارعون يقطفون ثمار الزيتون في إحدى قرى جنين (أرشيف)",
        ] {
            assert_eq!(between(caption), None, "{caption}");
        }
        // A credit alone in brackets under its caption; a nickname under a name, a source
        // under a column's item and a verse in brackets under a verse stay.
        let headline = "موسم الزيتون في الكورة: حقول خلف خطوط النار";
        let caption = "نساء يقطفن الزيتون في أحد بساتين قضاء الكورة شمالي لبنان";
        for credit in ["(المنبر/ جاد حداد)", "(رويترز)", "(من أرشيف المحطة)"]
        {
            let text = format!("{headline}\n{BODY}\n{caption}\n{credit}\n{BODY2}");
            assert_eq!(rule_of(&text, credit), Some("phrase"), "{:?}", rules(&text));
        }
        for (above, kept) in [
            ("المربي الفاضل الأستاذ عبد الرحمن خليل الدالي", "(أبو خليل)"),
            ("* كل أعضاء اتحاد الكرة سيحضرون في لندن", "(أحمد عيد)"),
            (
                "حركتي الأشجان في القلب العليل",
                "(ماشي مظلة واحترق وسط المقيل)",
            ),
            (caption, "(سورة البقرة: 255)"),
            (
                "قال رسول الله ﷺ: من لا يرحم الناس لا يرحمه الله عز وجل",
                "(رواه مسلم)",
            ),
            (
                "إن الحرية لا تعطى بل تؤخذ ولا تمنح بل تنتزع من بين أنياب الطغاة",
                "(جبران خليل جبران)",
            ),
            (
                "وأكد الرئيس في كلمته أمام البرلمان أن البلاد ماضية في الإصلاح",
                "(تصفيق حار)",
            ),
        ] {
            let text = format!("{headline}\n{BODY}\n{above}\n{kept}\n{BODY2}");
            assert_eq!(rule_of(&text, kept), None, "{:?}", rules(&text));
        }
    }

    #[test]
    fn an_authors_box_under_the_article() {
        let bio = "كاتب وصحافي لبناني، يكتب في الشؤون الاقتصادية والاجتماعية، عمل سابقا محررا في عدد من الصحف العربية.";
        let text = format!(
            "بقلم: سمير أبو جودة\n{BODY}\n{BODY2}\nسمير أبو جودة\n{bio}\nجميع الحقوق محفوظة © 2024"
        );
        assert_eq!(
            rule_of(&text, "سمير أبو جودة"),
            Some("phrase"),
            "{:?}",
            rules(&text)
        );
        assert_eq!(rule_of(&text, bio), Some("phrase"));
        // The name may have gone as a copy of the byline.
        let text = format!(
            "سمير أبو جودة\n{BODY}\n{BODY2}\nسمير أبو جودة\n{bio}\nجميع الحقوق محفوظة © 2024"
        );
        assert_eq!(rule_of(&text, bio), Some("phrase"), "{:?}", rules(&text));
        // A short bio is a sentence, no longer than a title.
        let short = "كاتب وباحث في علم الاجتماع التربوي، أستاذ سابق بالمعهد العالي للتربية والتكوين المستمر.";
        let text = format!("سامي الغربي\n{BODY}\n{BODY2}\nسامي الغربي\n{short}\nمقالات أخرى للكاتب");
        assert_eq!(rule_of(&text, short), Some("phrase"), "{:?}", rules(&text));
        // The name opening the bio's own line, with or without a colon.
        for signed in [
            "سمير أبو جودة كاتب وصحافي لبناني، يكتب في الشؤون الاقتصادية والاجتماعية.",
            "سمير أبو جودة: كاتب وصحافي لبناني، يكتب في الشؤون الاقتصادية والاجتماعية.",
        ] {
            let text = format!(
                "بقلم: سمير أبو جودة\n{BODY}\n{BODY2}\n{signed}\nجميع الحقوق محفوظة © 2024"
            );
            assert_eq!(rule_of(&text, signed), Some("phrase"), "{:?}", rules(&text));
        }
        // Nor is an interview's subject, named in its paragraphs, with a descriptor after the
        // name.
        let bio =
            "روائي وكاتب لبناني من مواليد طرابلس، صدرت له سبع روايات، وفاز بجائزة عربية للرواية.";
        let text = format!(
            "حوار مع الروائي سمير أبو جودة: الكتابة فعل مقاومة\nسمير أبو جودة الروائي\n\
             في روايته الجديدة يعود سمير أبو جودة إلى بيروت الثمانينيات ليكتب عن مدينة لم تعد موجودة.\n\
             {BODY}\nسمير أبو جودة الروائي\n{bio}\nاقرأ أيضاً\nجميع الحقوق محفوظة © 2024"
        );
        assert_eq!(rule_of(&text, bio), None, "{:?}", rules(&text));
        // An obituary's subject, named in its headline, is no author.
        let poet = "مظفر النواب شاعر عراقي ولد في بغداد عام 1934، وعرف بقصائده السياسية.";
        let text = format!("رحيل الشاعر مظفر النواب عن 88 عاماً\n{BODY}\n{BODY2}\n{poet}\nشارك\nجميع الحقوق محفوظة © 2024");
        assert_eq!(rule_of(&text, poet), None, "{:?}", rules(&text));
        // "هو" between the name and the profession.
        let with_pronoun = "سمير أبو جودة هو كاتب وصحافي لبناني، يكتب في الشؤون الاقتصادية.";
        let text = format!(
            "بقلم: سمير أبو جودة\n{BODY}\n{BODY2}\n{with_pronoun}\nجميع الحقوق محفوظة © 2024"
        );
        assert_eq!(
            rule_of(&text, with_pronoun),
            Some("phrase"),
            "{:?}",
            rules(&text)
        );
        // A sentence opening with a profession's word is no name, even repeated on the page.
        let news =
            "بعد مسيرة صحافية حافلة، مؤسس وناشر صحيفة السفير يرحل عن عمر ناهز خمسة وثمانين عامًا.";
        let text = format!("{news}\n{BODY}\n{BODY2}\n{news}\nجميع الحقوق محفوظة © 2024");
        assert_ne!(rule_of(&text, news), Some("phrase"), "{:?}", rules(&text));
        // Unsigned, the same line is the article's (a profile of someone else).
        let profile = "نادر الحلبي كاتب وصحافي لبناني، يكتب في الشؤون الاقتصادية والاجتماعية.";
        let text =
            format!("بقلم: سمير أبو جودة\n{BODY}\n{BODY2}\n{profile}\nجميع الحقوق محفوظة © 2024");
        assert_eq!(rule_of(&text, profile), None);
        // A poet's profile goes on with his verses: no box.
        let text = format!("{BODY}\nتروي صدايق لهفتي\n{bio}\nنمنا كثير وشد ناس ونزل ناس\nيوم الليالي كل مطرود ملحوق");
        assert_eq!(rule_of(&text, bio), None, "{:?}", rules(&text));
        // A subheading over the article's last paragraph names no author.
        let text = format!("{BODY}\nرأي الخبراء\n{bio}\nجميع الحقوق محفوظة © 2024");
        assert_eq!(rule_of(&text, bio), None, "{:?}", rules(&text));
    }

    #[test]
    fn share_labels_end_with_a_colon() {
        for label in ["شارك التدوينة:", "انشر الخبر:", "شاركوا المقال :"]
        {
            let text = format!("{BODY}\n{BODY2}\n{label}\nواتساب | إكس | فيسبوك\n{BODY3}");
            assert_eq!(rule_of(&text, label), Some("phrase"), "{label}");
        }
        // A tip's heading over its paragraph.
        assert_eq!(between("شارك مشاعرك:"), None);
        // A button naming what it shares.
        for button in ["شارك التغطية", "شارك الألبوم"] {
            assert_eq!(between(button), Some("phrase"), "{button}");
        }
        for line in ["شارك الجمهور", "شاركوا الفرحة"] {
            assert_eq!(between(line), None, "{line}");
        }
        // A headline opening with the same verb has no colon; a sentence runs longer.
        for line in ["شارك الآلاف في المسيرة", "شاركي الوصفة مع صديقاتك:"]
        {
            assert_eq!(between(line), None, "{line}");
        }
    }

    #[test]
    fn calls_to_follow_the_site() {
        let key = |s: &str| ghirbal_text::fold::fold(s);
        for line in [
            "تابعوا آخر أخبار السوق عبر قناة مؤشر المال على تيليجرام",
            "انضم لقناتنا على واتساب لتصلك الأخبار العاجلة",
            "تابعوا صوت عمّان عبر تطبيق نبض",
            "تابعينا على سناب شات وإنستغرام",
            "تابعوا الجزيرة الآن على غوغل نيوز",
            "اشترك في قناة «المرصد» على واتساب لتصلك آخر الأخبار أولاً بأول",
            "تابع بوابة النيل اليوم على جوجل نيوز",
            "تابعوا آخر الأخبار من أكادير أنفو على Google News",
        ] {
            let k = key(line);
            assert!(follow_call(&k, k.split(' ').count()), "{line}");
        }
        for line in [
            "تابع الرئيس الاجتماع عبر الفيديو من مكتبه في العاصمة",
            "انضم المذيع إلى قناة العربية قبل عامين",
            "أعلنت الشركة أن المستخدمين يمكنهم متابعة القناة على تيليجرام",
            "تابعوا معنا تفاصيل الحلقة القادمة",
            "تابع الرئيس نشرة سكاي نيوز مساء أمس",
        ] {
            let k = key(line);
            assert!(!follow_call(&k, k.split(' ').count()), "{line}");
        }
    }

    #[test]
    fn lead_phrase_removes_read_also_links() {
        let line = "اقرأ أيضاً: تفاصيل الاتفاق الجديد بين الحكومة والنقابات";
        assert_eq!(between(line), Some("phrase"));
    }

    #[test]
    fn site_phrases_glued_to_menu_words() {
        // A one-line record (so also its headline): section names and a forum footer.
        let footer =
            "الرياضة الهوايات كرة القدم منتدى مجاني للدعم والمساعدة اتصل بنا الحصول على مدونة";
        assert_eq!(rule_of(footer, footer), Some("phrase"));
        // The same phrases in a sentence stay.
        let sentence =
            "يمكن للأعضاء الحصول على مدونة من خلال المنتدى أو عن طريق صفحة اتصل بنا في الموقع";
        assert_eq!(rule_of(sentence, sentence), None);
    }

    #[test]
    fn rights_notices_and_footers() {
        for line in [
            "© 2013 Cable News Network. Turner Broadcasting System, Inc. All Rights Reserved.",
            "جميع الحقوق محفوظة لدار الصباح ويحظر نشر أو توزيع أو طبع أي مادة دون إذن مسبق من الإدارة",
            "خدمة آخر خبر للرسائل النصية | خدمة آخر خبر للبريد الإلكتروني | RSS | شاشة CNN على الهاتف المحمول | Twitter | Facebook",
            "شروط الخدمة | بيان الخصوصية | الإعلانات | من نحن؟",
        ] {
            let text = format!("{BODY}\n{line}\n{BODY2}");
            assert!(rule_of(&text, line).is_some(), "{line}");
        }
        // Quotes and credits with separators stay: they are sentences.
        for line in [
            "وهل تعلم أن «هتلر» كان رساماً وقتل «17» مليون نسمة؟",
            "1- إسمعني / كلمات: سعود بن محمد العبدالله / ألحان: سهم / توزيع: رأفت",
        ] {
            assert_eq!(between(line), None, "{line}");
        }
    }

    #[test]
    fn forum_shop_recipe_and_fatwa_chrome() {
        for line in [
            "عضو متميز",
            "اقتباس: المشاركة الأصلية كتبت بواسطة مهندس_الرياض",
            "الأعضاء الذين شكروا أبو فيصل الشمري على المشاركة: مهندس_الرياض، ناصر 77",
            "عبدالرحمن ع. - مشتري موثّق",
            "قدّم الآن",
            "هل جربت هذه الوصفة؟ شاركنا صورتك على إنستغرام",
            "قيّم الوصفة: ★★★★★ (4.8 من 5 - 312 تقييم)",
            "مدة قراءة الصفحة: دقيقتان",
            "بحث في الموقع...",
            "الكلمات الدالة: بغداد، مكافحة الإجرام، سرقة السيارات، وزارة الداخلية",
            "تنبيه: الفتاوى المنشورة خاصة بحال السائل، ويرجى عند اختلاف الحال مراسلة الموقع لطلب فتوى خاصة.",
            "الفتاوى المنشورة على الموقع تتعلق بأسئلة أصحابها وأحوالهم",
            "نصائح الأمان: لا تقم أبدا بتحويل أي مبالغ مالية قبل معاينة السلعة",
            "التوقيع: اللهم اغفر لوالدي 🤲",
            "بدء الموضوع بواسطة فيصل_الرياض، 28 سبتمبر 2025",
            "أعجب بهذا: أبو_سلطان_٩٩، نجار_الكهرباء و 14 آخرين",
            "الذين يشاهدون محتوى الموضوع الآن : 3 ( الأعضاء 1 والزوار 2)",
        ] {
            assert_eq!(deep(line), Some("phrase"), "{line}");
        }
        // The same words in the article's sentences stay.
        for line in [
            "وقال إن الشركة ستقدم الآن خدماتها في جميع المدن بعد توسيع شبكتها.",
            "هل جربت يوما أن تطبخ الأرز على نار هادئة دون أن تحركه؟ النتيجة مدهشة.",
        ] {
            assert_eq!(deep(line), None, "{line}");
        }
    }
}
