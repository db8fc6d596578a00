//! `menu_block`: a run of at least `menu_min_lines` consecutive short lines (at most
//! `menu_max_words` words, no sentence punctuation, no blank line between them) in which
//! function words make up less than a tenth of the words: menus, category lists,
//! accessibility toolbars, footers (poems and letters, also short lines, are sentences).
//! Lines with numbers (results, prices, ingredients, numbered lists) do not count. Before
//! the article's first sentence, items of one or two words next to a menu item of the
//! lexicon may have up to half of them with a function word ("عن المدونة", "تواصل معي").
//! A run that follows a line ending with a colon ("…، وهي:", not one removed by another
//! rule), or continues such a list, is a list of the article and stays, here and in the
//! keyword runs; so does a run standing alone between two paragraphs (the second may be a
//! sentence announcing a quote, "وقالت الباحثة:"); so does a run's last line right above
//! the article's first sentence, under its headline, when it has a function word (the
//! article's first subheading, "عن الحملة"). Lines with a comma
//! are no items; a label and its value ("الماركة: تويوتا") ends a run. Also: a site's
//! tagline above the menu when a title follows below it; the site's banner, short lines
//! (at most `BANNER_MAX_WORDS` words, shorter than the title to come) above the page's
//! first one-line menu; a poll's yes/no answers after its question, and a poll closed by
//! its vote button ("صوّت"): heading, question, answers, button, results link. Also
//! `menu_block`: one or two short unpunctuated lines (at most `edge_max_words` words)
//! directly between two removed lines with words (the author's name between a comment's
//! "رد" and its time stamp, a poll's "نعم" / "لا"); not across blank lines or between
//! separators such as "***". Short labels
//! alternating with dates are a timeline or a schedule, not a menu (a user name is no
//! date: a member's rank under it goes).
//!
//! Sub-codes: `run`, `poll`, `table`, `between`, `tagline`, `banner` (see the constants below).

use super::{introduced, removal, rule, symbols, Cut, Pass, Rule, Scratch};
use crate::boilerplate::lexicon::{builtin_words, WordList};
use crate::boilerplate::lines::{blank, full_stop, label_and_value, user_name};
use crate::boilerplate::page::Page;
use crate::boilerplate::Boilerplate;
use ghirbal_text::script::{is_any_digit, is_diacritic};
use std::sync::LazyLock;

/// Menus carry almost no function words: under this share of a run's words, a run of short
/// lines is a menu (poems and letters, also short lines, are sentences).
const MENU_MAX_FUNCTION_SHARE: f64 = 0.1;
/// Items of a terse menu above the article, in words per item on average ("عن المدونة",
/// "اتصل بنا", "السفر").
const TERSE_MAX_WORDS_PER_ITEM: usize = 2;
/// A poll's answers after its question: at most this many lines...
const POLL_MAX_ANSWERS: usize = 3;
/// ... of at most this many words ("نعم", "لا", "ربما").
const POLL_ANSWER_MAX_WORDS: usize = 2;

/// A line with at least this many vowel marks is vowelled (verse, a quoted text), which no
/// menu item is.
const VOWELLED_MIN_MARKS: usize = 2;

removal!(
    /// A run of short lines with hardly a function word.
    RUN, MenuBlock, "menu_block/run"
);
removal!(
    /// A poll's answers after its question; a poll closed by its vote button, heading,
    /// question, answers and button.
    POLL, MenuBlock, "menu_block/poll"
);
removal!(
    /// A widget's table below the article, under column names that went as furniture.
    TABLE, MenuBlock, "menu_block/table"
);
removal!(
    /// One or two short lines between two removed lines.
    BETWEEN, MenuBlock, "menu_block/between"
);
removal!(
    /// The site's tagline above its menu.
    TAGLINE, MenuBlock, "menu_block/tagline"
);
removal!(
    /// The site's banner above its first one-line menu.
    BANNER, MenuBlock, "menu_block/banner"
);

/// The answers of a feedback poll ("هل كان هذا المقال مفيداً؟"), folded: an interview's
/// answer to a question stays.
static POLL_ANSWERS: LazyLock<WordList> = LazyLock::new(|| builtin_words("poll_answers"));

/// Longest site name or tagline above a page's menu, in words: headlines are longer.
const BANNER_MAX_WORDS: usize = 6;

/// Menu blocks: runs of consecutive short unpunctuated lines (lines already removed by another
/// rule continue a run without counting towards its length, but a sports widget counts once,
/// as the header it stands for would). A label and its value
/// ("الماركة: تويوتا", "اللون: أبيض") is a fact of the page (a car's specifications, a match
/// card), not a menu item: it ends a run.
pub(in crate::boilerplate) struct Blocks;

impl Pass for Blocks {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let keys = page.keys.as_str();
        let dateline = &page.protected;
        let short = |i: usize| {
            let l = &lines[i];
            !dateline[i]
                && l.words <= bp.opts.menu_max_words
                && !l.ends_sentence
                && !label_and_value(l.raw)
        };
        let between_paragraphs = |i: usize, j: usize, verdicts: &[Cut]| {
            // A sentence of the article: twice as long as a menu item, ending a sentence.
            let paragraph = |k: usize| {
                verdicts[k].is_none()
                    && lines[k].ends_sentence
                    && lines[k].words > 2 * bp.opts.menu_max_words
            };
            // After the list, the article may also go on with a sentence that announces a
            // quote ("وقالت الباحثة الرئيسية في الدراسة:"), longer than a menu item.
            let lead_in = |k: usize| {
                verdicts[k].is_none()
                    && lines[k].raw.trim_end().ends_with(':')
                    && lines[k].words > bp.opts.menu_max_words
                    && !label_and_value(lines[k].raw)
            };
            (i..j).all(|k| verdicts[k].is_none())
                && (0..i)
                    .rev()
                    .find(|&k| !blank(&lines[k]))
                    .is_some_and(paragraph)
                && (j..lines.len())
                    .find(|&k| !blank(&lines[k]))
                    .is_some_and(|k| paragraph(k) || lead_in(k))
        };
        let mut i = 0;
        while i < lines.len() {
            let mut j = i;
            let mut shorts = 0;
            while j < lines.len() && !blank(&lines[j]) && (verdicts[j].is_some() || short(j)) {
                // Lines with numbers (results, prices, scores) are tables of the article more
                // often than menu items: they do not count towards a menu.
                // Nor do lines with a comma ("الرياض، المملكة العربية السعودية"): items of a
                // menu are names, not phrases.
                // A sports widget's table or fixtures counts once, as the item it replaces
                // would (its header).
                shorts += usize::from(
                    (verdicts[j].is_none()
                        && !lines[j]
                            .raw
                            .chars()
                            .any(|c| is_any_digit(c) || c == '،' || c == ','))
                        || (verdicts[j].is_some_and(symbols::is_widget)
                            && !(j > i && verdicts[j - 1].is_some_and(symbols::is_widget))),
                );
                j += 1;
            }
            // Poems and letters also come in short lines; menus carry almost no function words.
            let (mut words, mut function, mut items, mut with_function) = (0, 0, 0, 0);
            // Verse is often vowelled, a menu item never ("فعجّتْ بقلبي دماءُ الشبابِ").
            let mut vowelled = 0;
            for k in (i..j).filter(|&k| verdicts[k].is_none()) {
                let f = bp.function_words_in(&keys[lines[k].key.clone()]);
                words += lines[k].words;
                function += f;
                items += 1;
                with_function += usize::from(f > 0);
                vowelled += usize::from(
                    lines[k]
                        .raw
                        .chars()
                        .filter(|&c| is_diacritic(c))
                        .nth(VOWELLED_MIN_MARKS - 1)
                        .is_some(),
                );
            }
            // Items of one or two words ("عن المدونة", "اتصل بنا", "السفر") are a menu when
            // at most half carry a function word ("عن المدونة", "تواصل معي"), even if those
            // weigh more than a tenth of so few words; poem lines are longer.
            // Only before the article's first sentence: free verse in the article also comes
            // in lines of a word or two ("كم امرأة / بين الأنقاض / تلمّ زينتها").
            // And only next to a menu item of the lexicon ("الرئيسية", "اتصل بنا"): a poem
            // may open the document.
            let terse = page.title_before_body.is_some_and(|t| j <= t)
                && verdicts[i..j]
                    .iter()
                    .any(|v| matches!(rule(*v), Some(Rule::Phrase | Rule::Navigation)))
                && words <= TERSE_MAX_WORDS_PER_ITEM * items
                && 2 * with_function <= items;
            // Short labels alternating with dates (stamps with words) are a timeline or a
            // schedule of the article, not a menu.
            // (Only dates and stamps: a widget's weather, quotes or league table under a run of
            // tags is no timeline.)
            let stamps = (i..j)
                .filter(|&k| {
                    verdicts[k].is_some_and(|v| *v == symbols::DATE || *v == symbols::STAMPS)
                        && lines[k].letters
                })
                .count();
            if shorts >= bp.opts.menu_min_lines
                && ((function as f64) < MENU_MAX_FUNCTION_SHARE * words as f64 || terse)
                && 2 * vowelled < items.max(1)
                && !introduced(lines, verdicts, i)
                // Nor inside such a list whose first items were longer than a menu's.
                && !page.after_colon[i]
                // Nor a list of short lines standing alone between two paragraphs of the
                // article ("أسباب أخرى للصداع" / "التوتر والقلق" / "قلة النوم" / …): a menu
                // in the body comes with a header or a widget removed around it.
                && !between_paragraphs(i, j, verdicts)
                && !(stamps >= 2 && stamps + 1 >= shorts)
                && !article_list(bp, page, verdicts, i, j)
            {
                // The run's last line right above the article's first sentence, with the
                // headline above the run, is the article's first subheading ("عن الحملة" under
                // a donation widget) when it has a function word, as menu items seldom do,
                // and names what the headline or that sentence names ("مع الناس" and "تبرع عن
                // والديك" are a menu's), or has two (a greeting opening a post, "السلام عليكم
                // يا جماعة").
                let function = bp.function_words_in(&keys[lines[j - 1].key.clone()]);
                let heading = verdicts[j - 1].is_none()
                    && page.body == Some(j)
                    && function > 0
                    && page.headline_at.is_some_and(|h| {
                        h < i
                            && (function >= 2
                                || shares_a_word(
                                    bp,
                                    page.key(j - 1),
                                    (h..i)
                                        .chain([j])
                                        .filter(|&k| verdicts[k].is_none() || k == j)
                                        .map(|k| page.key(k)),
                                ))
                    });
                for v in &mut verdicts[i..j - usize::from(heading)] {
                    v.get_or_insert(&RUN);
                }
            }
            i = j.max(i + 1);
        }
    }
}

/// Whether `key` (folded) has a word of its own, not a function word, of three letters or more
/// once its article is off, that one of `others` also has ("عن الحملة" and "حملة دفء الشتاء").
fn shares_a_word<'k>(
    bp: &Boilerplate,
    key: &str,
    mut others: impl Iterator<Item = &'k str>,
) -> bool {
    fn stem(w: &str) -> &str {
        w.strip_prefix("ال").unwrap_or(w)
    }
    let own: Vec<&str> = key
        .split(' ')
        .filter(|w| !w.is_empty() && !bp.lex.function_words.contains(*w))
        .map(stem)
        .filter(|w| w.chars().count() >= 3)
        .collect();
    !own.is_empty()
        && others.any(|o| {
            o.split(' ')
                .filter(|w| !w.is_empty())
                .any(|w| own.contains(&stem(w)))
        })
}

/// Kept lines that may continue a list of the article below a run of short lines (longer items,
/// the next subheading) before the paragraph that follows it.
const ARTICLE_LIST_MAX_TAIL: usize = 8;

/// Kept lines that may stand between the paragraph above and a list of the article (a
/// caption, the list's question, its first longer items, a first list: "الأعراض الشائعة" and
/// its items over "الأسباب" and its own), none a label and its value; more, and the run is
/// further down the page.
const ARTICLE_LIST_MAX_HEAD: usize = 6;

/// A run of short lines inside the article: a list of the article ("المميزات" / "بطارية تدوم
/// يومين" / "شاشة ساطعة", "الأعراض الشائعة" / "تعب وإرهاق مستمر"), not a menu, when it
/// stands after the article's first sentence, with a paragraph right above it (past at most
/// six kept lines without a colon or a bar: a caption, the list's question, a first list) and
/// one below it through kept lines only (its longer items, the
/// next subheading), when no line of it went already (a footer's menu names the site's pages
/// in the lexicon's words: "من نحن", "اتصل بنا") and at least half of its items have two words
/// or more (a section menu's are single names: "سياسة", "رياضة"). The paragraphs on both
/// sides right next to it are `between_paragraphs`.
fn article_list(bp: &Boilerplate, page: &Page<'_>, verdicts: &[Cut], i: usize, j: usize) -> bool {
    let lines = &page.lines[..];
    let paragraph = |k: usize| {
        verdicts[k].is_none()
            && lines[k].ends_sentence
            && lines[k].words > 2 * bp.opts.menu_max_words
    };
    // Nothing in the run went already (a run takes removed lines in: "كلمات دلالية: …" above a
    // league table).
    if page.body.is_none_or(|b| b >= i) || verdicts[i..j].iter().any(Option::is_some) {
        return false;
    }
    // A paragraph on each side, reached through kept lines only: a widget below the article
    // (a league table after the tags, a match card) has furniture that went next to it.
    let reached = |near: &mut dyn Iterator<Item = usize>, most: usize| {
        near.filter(|&k| !blank(&lines[k]))
            .take(most + 1)
            .take_while(|&k| verdicts[k].is_none())
            .any(paragraph)
    };
    // Above, the lines passed are the article's (a caption, the list's question, its first
    // longer items), not a widget's labels and values ("تقييم القراء: 4.2 من 5", "اشترِ
    // الكتاب من: مكتبة نوبل | جملون").
    let labelled = (0..i)
        .rev()
        .filter(|&k| !blank(&lines[k]))
        .take_while(|&k| !paragraph(k))
        .take(ARTICLE_LIST_MAX_HEAD)
        .any(|k| lines[k].raw.contains([':', '|']));
    if labelled
        || !reached(&mut (j..lines.len()), ARTICLE_LIST_MAX_TAIL)
        || !reached(&mut (0..i).rev(), ARTICLE_LIST_MAX_HEAD)
    {
        return false;
    }
    let items = (i..j).filter(|&k| !blank(&lines[k])).count();
    let phrases = (i..j).filter(|&k| lines[k].words >= 2).count();
    // Items of the article's list say something ("بطارية تدوم يومين"); tags and a widget's
    // teams are names, mostly of one word ("دمشق", "الذاكرة").
    items > 0 && 2 * phrases >= items
}

/// A poll's answers: up to three lines of a word or two right after its question, removed as
/// a theme phrase ("هل كان هذا المقال مفيداً؟" / "نعم" / "لا").
pub(in crate::boilerplate) struct PollAnswers;

impl Pass for PollAnswers {
    fn run(&self, _: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let keys = page.keys.as_str();
        for i in 0..lines.len() {
            if rule(verdicts[i]) != Some(Rule::Phrase)
                || !lines[i].raw.trim_end().ends_with(['?', '؟'])
            {
                continue;
            }
            let mut k = i + 1;
            let mut answers = 0;
            while k < lines.len() && answers < POLL_MAX_ANSWERS {
                let l = &lines[k];
                if blank(l) {
                    break;
                }
                if verdicts[k].is_none() {
                    let first = keys[l.key.clone()].split(' ').next().unwrap_or("");
                    if l.words > POLL_ANSWER_MAX_WORDS
                        || l.ends_sentence
                        || !POLL_ANSWERS.contains(&first)
                    {
                        break;
                    }
                    verdicts[k] = Some(&POLL);
                }
                answers += 1;
                k += 1;
            }
        }
    }
}

/// Most answers a poll closed by its vote button may list...
const POLL_BOX_MAX_ANSWERS: usize = 8;
/// ... each of at most this many words ("خلال آخر 6 أشهر", "لم أجرِ الفحص من قبل").
const POLL_BOX_ANSWER_MAX_WORDS: usize = 6;
/// Longest question of such a poll, in words.
const POLL_QUESTION_MAX_WORDS: usize = 30;

/// Vote buttons, the word that closes a poll ("صوّت", "التصويت"); a poll's heading
/// ("استطلاع الرأي", "الاستفتاء") and the link to its results ("عرض النتائج"), folded.
static VOTE_BUTTONS: LazyLock<WordList> = LazyLock::new(|| builtin_words("vote_buttons"));
static POLL_HEADINGS: LazyLock<WordList> = LazyLock::new(|| builtin_words("poll_headings"));
static POLL_RESULTS: LazyLock<WordList> = LazyLock::new(|| builtin_words("poll_results"));

/// A poll closed by its vote button: a question (ending with a question mark), two to
/// `POLL_BOX_MAX_ANSWERS` short answer lines, then the button ("صوّت", "التصويت"), with the
/// poll's heading above the question and the link to its results after the button; below
/// the article's last paragraph, or above it under the poll's heading. The button is what
/// makes it a poll: an interview's question is followed by its answer, a quiz by sentences;
/// an election story's list of stages may end with "التصويت", but not under a heading.
pub(in crate::boilerplate) struct Polls;

impl Pass for Polls {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        // Below the article's last paragraph; above it only under a poll's heading (an
        // election story lists its stages down to "التصويت").
        let last = page
            .body
            .and_then(|body| super::link_list::last_paragraph(bp, page, body, verdicts));
        let question = |k: usize| {
            lines[k].raw.trim_end().ends_with(['?', '؟'])
                && lines[k].words <= POLL_QUESTION_MAX_WORDS
                && Some(k) != page.headline_at
        };
        for button in 2..lines.len() {
            if lines[button].words > 3 || !VOTE_BUTTONS.contains(&page.key(button).trim()) {
                continue;
            }
            // Up from the button: the answers, then the question.
            let mut k = button - 1;
            let mut answers = 0;
            while answers < POLL_BOX_MAX_ANSWERS
                && !blank(&lines[k])
                && !question(k)
                && lines[k].words <= POLL_BOX_ANSWER_MAX_WORDS
                && !full_stop(lines[k].raw)
                && k > 0
            {
                answers += 1;
                k -= 1;
            }
            if answers < 2 || !question(k) {
                continue;
            }
            let heading = k.checked_sub(1).filter(|&h| {
                lines[h].words <= 3
                    && page
                        .key(h)
                        .split(' ')
                        .find(|w| !w.is_empty())
                        .is_some_and(|w| POLL_HEADINGS.contains(&w))
            });
            if heading.is_none() && last.is_none_or(|last| k < last) {
                continue;
            }
            let first = heading.unwrap_or(k);
            let mut end = button;
            if let Some(r) = Some(button + 1)
                .filter(|&r| r < lines.len() && POLL_RESULTS.contains(&page.key(r).trim()))
            {
                end = r;
            }
            for v in &mut verdicts[first..=end] {
                v.get_or_insert(&POLL);
            }
        }
    }
}

/// The cells of a line written as a table's row ("السهم | السعر | التغير"), 0 for a line
/// without a pipe inside.
pub(super) fn cells(raw: &str) -> usize {
    let raw = raw.trim().trim_matches('|');
    if raw.contains('|') {
        raw.split('|').count()
    } else {
        0
    }
}

/// Longest label between two tables of one widget ("الأكثر انخفاضاً"), in words.
const TABLE_LABEL_MAX_WORDS: usize = 4;

/// A widget's table below the article: under a row of column names that went as the site's
/// furniture (`# | الفريق | لعب | نقاط` in a run of menu lines), the rows of as many cells with
/// figures go too, and a short label between two such tables of one widget ("الأكثر
/// ارتفاعاً" / rows / "الأكثر انخفاضاً" / rows). The other way round, kept column names over
/// rows that went (`اليوم | الإمساك | المغرب` over `1 رمضان | 5:08 | 6:20`) go, with the
/// widget's title right above them. Only below the article's last paragraph: a table in the
/// article keeps its header (`navigation` knows it), and its rows stay.
pub(in crate::boilerplate) struct WidgetTables;

impl Pass for WidgetTables {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let Some(last) = page
            .body
            .and_then(|body| super::link_list::last_paragraph(bp, page, body, verdicts))
        else {
            return;
        };
        let mut h = last + 1;
        while h < lines.len() {
            let columns = cells(lines[h].raw);
            if columns < 3 || lines[h].raw.chars().any(is_any_digit) {
                h += 1;
                continue;
            }
            if verdicts[h].is_none() {
                // Kept column names over rows that went (a timetable's dates and times read as
                // stamps): the widget's head goes with them, and its title right above.
                let went = |k: usize| {
                    k < lines.len()
                        && verdicts[k].is_some()
                        && cells(lines[k].raw) == columns
                        && lines[k].raw.chars().any(is_any_digit)
                };
                if went(h + 1) && went(h + 2) {
                    verdicts[h] = Some(&TABLE);
                    let title = h - 1;
                    if title > last
                        && verdicts[title].is_none()
                        && !blank(&lines[title])
                        && lines[title].words <= TABLE_LABEL_MAX_WORDS
                        && cells(lines[title].raw) == 0
                        && !full_stop(lines[title].raw)
                    {
                        verdicts[title] = Some(&TABLE);
                    }
                }
                h += 1;
                continue;
            }
            let row = |k: usize, verdicts: &[Cut]| {
                k < lines.len()
                    && verdicts[k].is_none()
                    && !page.protected[k]
                    && cells(lines[k].raw) == columns
                    && lines[k].raw.chars().any(is_any_digit)
            };
            let mut k = h + 1;
            loop {
                if row(k, verdicts) {
                    verdicts[k] = Some(&TABLE);
                    k += 1;
                } else if k > h + 1
                    && k + 1 < lines.len()
                    && !blank(&lines[k])
                    && lines[k].words <= TABLE_LABEL_MAX_WORDS
                    && cells(lines[k].raw) == 0
                    && !full_stop(lines[k].raw)
                    && row(k + 1, verdicts)
                {
                    verdicts[k].get_or_insert(&TABLE);
                    k += 1;
                } else {
                    break;
                }
            }
            h = k.max(h + 1);
        }
    }
}

/// A short unpunctuated line directly between two removed lines with words belongs to their
/// block: the author's name between a comment's "رد" and its time stamp, a label between
/// widgets. Two such lines in a row too: the answers "نعم" and "لا" of a poll between its
/// question and a disclaimer. Not across blank lines, and not between separators ("***"),
/// which frame stanzas and sections of the article.
pub(in crate::boilerplate) struct Between;

impl Pass for Between {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let orphan = |i: usize, verdicts: &[Cut]| {
            let line = &lines[i];
            verdicts[i].is_none()
                && !blank(line)
                && !page.protected[i]
                && line.words <= bp.opts.edge_max_words
                && !line.ends_sentence
                // Facts ("الحكم: محمد عادل") and items of a list announced by a colon stay.
                && !label_and_value(line.raw)
                && !page.after_colon[i]
        };
        for i in 1..lines.len().saturating_sub(1) {
            if !orphan(i, verdicts) {
                continue;
            }
            let run = if orphan(i + 1, verdicts) { 2 } else { 1 };
            let (before, after) = (i - 1, i + run);
            let removed = |k: usize| verdicts[k].is_some() && lines[k].letters;
            if after < lines.len()
                && removed(before)
                && removed(after)
                // Labels alternating with dates are a timeline or a schedule of the article; a
                // user name is no date (a member's rank under it: "مشرف قسم الصيانة").
                && ![before, after]
                    .iter()
                    .all(|&k| rule(verdicts[k]) == Some(Rule::Symbols) && !user_name(lines[k].raw))
            {
                for v in &mut verdicts[i..after] {
                    *v = Some(&BETWEEN);
                }
            }
        }
    }
}

/// After the edges (the site's name above it is removed there), a site's tagline: at the top,
/// a title-like line between two removed lines, with a menu below it and a title still to
/// come before the article: the headline stands below the menu, the tagline above it ("مدونة
/// شخصية عن السفر والكتب والحياة" between the site's name and "الرئيسية"). Right under the
/// site's name at the top edge, the menu may be one line ("محليات | اقتصاد | ثقافة").
pub(in crate::boilerplate) struct Tagline;

impl Pass for Tagline {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        if let Some(body) = page.body {
            let kept_title = |k: usize, verdicts: &[Cut]| {
                verdicts[k].is_none()
                    && !blank(&lines[k])
                    && (lines[k].words > bp.opts.edge_max_words || Some(k) == page.short_headline)
            };
            let neighbour = |from: usize, back: bool| {
                if back {
                    (0..from).rev().find(|&k| !blank(&lines[k]))
                } else {
                    (from + 1..lines.len()).find(|&k| !blank(&lines[k]))
                }
            };
            for i in 0..body {
                let line = &lines[i];
                if !kept_title(i, verdicts)
                    || page.protected[i]
                    || line.ends_sentence
                    || line.words > bp.opts.link_max_words
                {
                    continue;
                }
                let removed = |k: Option<usize>| k.is_some_and(|k| verdicts[k].is_some());
                if !(removed(neighbour(i, true)) && removed(neighbour(i, false))) {
                    continue;
                }
                // The menu below, then a title before the article's first sentence.
                // A menu of lines, not a single line of tags below a headline; under the
                // site's name at the top edge, a menu on one line too.
                let under_name = neighbour(i, true).is_some_and(|k| {
                    rule(verdicts[k]) == Some(Rule::EdgeShort) || verdicts[k] == Some(&BANNER)
                });
                let menu = (i + 1..body).find(|&k| {
                    (rule(verdicts[k]) == Some(Rule::MenuBlock)
                        && (k + 1..body)
                            .find(|&n| !blank(&lines[n]))
                            .is_some_and(|n| rule(verdicts[n]) == Some(Rule::MenuBlock)))
                        || (under_name && rule(verdicts[k]) == Some(Rule::Navigation))
                });
                if let Some(m) = menu {
                    // A title, not a label and its value ("عدد الكيلومترات: 95,000 كم").
                    if (m + 1..body)
                        .any(|k| kept_title(k, verdicts) && !label_and_value(lines[k].raw))
                        && (i + 1..m).all(|k| blank(&lines[k]) || verdicts[k].is_some())
                    {
                        verdicts[i] = Some(&TAGLINE);
                    }
                }
            }
        }
    }
}

/// The site's banner: above the page's first menu written on one line with separators, with
/// at least one more removed line before the title that is still to come, the short lines
/// that stayed are the site's name, tagline or offer ("شبكة الوطن برس الإخبارية" above
/// "الرئيسية | محليات | …"). Not above menu items one per line: a shop's product name stands
/// above its options. An article's headline above its section links is longer than a
/// banner, and than its subtitle.
pub(in crate::boilerplate) struct Banner;

impl Pass for Banner {
    fn run(&self, _: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        if let Some(title) = page.title_before_body {
            let menu = (0..title).find(|&k| {
                rule(verdicts[k]) == Some(Rule::Navigation)
                    && (k + 1..title).any(|n| verdicts[n].is_some())
            });
            if let Some(m) = menu {
                for k in 0..m {
                    let line = &lines[k];
                    if verdicts[k].is_none()
                        && !blank(line)
                        && !page.protected[k]
                        && !line.ends_sentence
                        && line.words <= BANNER_MAX_WORDS
                        && line.words < lines[title].words
                    {
                        verdicts[k] = Some(&BANNER);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::boilerplate::testing::*;

    #[test]
    fn a_list_of_the_article_after_a_caption_and_before_its_longer_items() {
        let text = format!(
            "{BODY}\n{BODY2}\nصورة ملتقطة بالكاميرا الرئيسية للهاتف\nالمميزات\nبطارية تدوم يومين\n\
             شاشة ساطعة وممتازة\nمقاومة IP68\nالعيوب\nأداء ضعيف للكاميرا في الإضاءة المنخفضة\n\
             الخلاصة\n{BODY3}"
        );
        let r = rules(&text);
        assert!(r.iter().all(|(_, v)| v.is_none()), "{r:?}");
        // Tags under the article: names of one word, furniture above them.
        let text = format!(
            "{BODY}\n{BODY2}\nتقييم القراء: 4.2 من 5\nقيّم الكتاب\nاشترِ الكتاب من: مكتبة نوبل\n\
             رواية سورية\nدمشق\nالذاكرة\nبيروت\n{BODY3}"
        );
        let r = rules(&text);
        assert_eq!(r[6].1, Some("menu_block"), "{r:?}");
        // A section menu near the article's paragraphs, not right beside them: single names.
        let text = format!(
            "{BODY}\nصورة من أرشيف الموقع للاجتماع الأخير\nسياسة\nرياضة\nاقتصاد\nثقافة\n\
             المزيد من الأخبار المحلية والدولية اليوم\n{BODY2}"
        );
        let r = rules(&text);
        assert_eq!(r[2].1, Some("menu_block"), "{r:?}");
    }
    #[test]
    fn a_second_list_of_the_article_under_the_first() {
        let text = format!(
            "{BODY}\nالأعراض الشائعة\nتعب وإرهاق مستمر\nشحوب البشرة\nالرغبة في أكل الثلج أو التراب\n\
             الأسباب\nقلة تناول اللحوم والبقوليات\nالنزيف المزمن\n{BODY2}"
        );
        let r = rules(&text);
        assert!(r.iter().all(|(_, v)| v.is_none()), "{r:?}");
    }

    #[test]
    fn vowelled_verse_is_no_menu() {
        let verses = [
            "ركبتُ المنى ونسيتُ الحذرْ",
            "ولم أتجنّبْ وعورَ الشعابِ",
            "ولا كبّةَ اللهبِ المستعرْ",
            "فعجّتْ بقلبي دماءُ الشبابِ",
            "وضجّتْ بصدري رياحٌ أُخَرْ",
        ];
        let text = format!("{BODY}\n{}\nالرئيسية\n{BODY2}", verses.join("\n"));
        for v in verses {
            assert_eq!(rule_of(&text, v), None, "{v}: {:?}", rules(&text));
        }
    }

    #[test]
    fn kept_column_names_over_a_widgets_rows_that_went() {
        // A timetable's rows read as stamps; its column names and its title go with them.
        let text = format!(
            "{BODY}\n{BODY2}\nإمساكية رمضان – مسقط\nاليوم | الإمساك | المغرب\n1 رمضان | 5:08 | 6:20\n2 رمضان | 5:07 | 6:21\n3 رمضان | 5:06 | 6:21\nجميع الحقوق محفوظة © 2025"
        );
        for line in ["إمساكية رمضان – مسقط", "اليوم | الإمساك | المغرب"]
        {
            assert_eq!(
                rule_of(&text, line),
                Some("menu_block"),
                "{:?}",
                rules(&text)
            );
        }
        // In the article, a table's head stays, whatever its rows.
        let text = format!(
            "{BODY}\nمواعيد الإمساك والإفطار\nاليوم | الإمساك | المغرب\n1 رمضان | 5:08 | 6:20\n2 رمضان | 5:07 | 6:21\n{BODY2}\n{BODY3}"
        );
        assert_eq!(
            rule_of(&text, "اليوم | الإمساك | المغرب"),
            None,
            "{:?}",
            rules(&text)
        );
    }

    #[test]
    fn a_widgets_table_below_the_article_under_its_removed_column_names() {
        let widget = "ترتيب البطولة\nالترتيب | الفريق | لعب | نقاط\n1 | الترجي الرياضي | 8 | 20\n2 | الاتحاد المنستيري | 8 | 18\nالأكثر انخفاضاً\n3 | النادي الإفريقي | 7 | 16\nالترتيب الكامل";
        let text = format!(
            "{BODY}\n{BODY2}\nالرابطة الأولى\nالرابطة الثانية\nكرة اليد\n{widget}\nآخر الأخبار"
        );
        for row in [
            "1 | الترجي الرياضي | 8 | 20",
            "الأكثر انخفاضاً",
            "3 | النادي الإفريقي | 7 | 16",
        ] {
            assert_eq!(rule_of(&text, row), Some("menu_block"), "{row}");
        }
        // The same table in the article keeps its rows.
        let text = format!("{BODY}\n{widget}\n{BODY2}");
        assert_eq!(rule_of(&text, "1 | الترجي الرياضي | 8 | 20"), None);
    }

    #[test]
    fn a_poll_closed_by_its_vote_button() {
        let poll = [
            "الاستفتاء",
            "هل تؤيد تغيير نظام امتحان التوجيهي بصيغته الحالية؟",
            "نعم",
            "لا",
            "لا أعرف",
            "التصويت",
            "عرض النتائج",
        ];
        let text = format!("{BODY}\n{BODY2}\n{}\n{BODY3}", poll.join("\n"));
        for line in poll {
            assert_eq!(rule_of(&text, line), Some("menu_block"), "{line}");
        }
        // Answers in brackets are no sentences.
        let text = format!("{BODY}\n{BODY2}\nمن أفضل لاعب في الجولة 19؟\nياسين بلحاج (الوكرة)\nخالد المهندي (الوكرة)\nصوّت");
        assert_eq!(rule_of(&text, "خالد المهندي (الوكرة)"), Some("menu_block"));
        // Between the article's paragraphs, without a poll's heading: an election story.
        let stages = "كيف تشارك في الانتخابات؟\nالتسجيل\nالتحقق من القوائم\nالتصويت";
        let text = format!("{BODY}\n{BODY2}\n{stages}\n{BODY3}\n{BODY4}");
        assert_eq!(
            rule_of(&text, "كيف تشارك في الانتخابات؟"),
            None,
            "{:?}",
            rules(&text)
        );
        // Without a vote button a question over short answers is the article's (a quiz).
        let quiz = "ما عاصمة موريتانيا؟";
        let text = format!("{BODY}\n{quiz}\nنواكشوط\nنواذيبو\nأطار\n{BODY2}");
        assert_eq!(rule_of(&text, quiz), None);
    }

    #[test]
    fn the_site_banner_above_its_menu() {
        let headline = "الجنيه يواصل التراجع أمام الدولار وسط شح النقد الأجنبي";
        let text = format!(
            "شبكة الوطن برس الإخبارية\nالرئيسية | محليات | القدس | غزة | اقتصاد\nالرئيسية » محليات » تعليم\n{headline}\n{BODY}\n{BODY2}"
        );
        let r = rules(&text);
        assert_eq!(r[0].1, Some("menu_block"), "{r:?}");
        assert_eq!(r[3].1, None, "{r:?}");
        // A product's name above its options, one per line, stays.
        let text = format!(
            "مبثوث خلطة الملوك المطور\nلمسة من العود\nالزهرية\nالاخشاب\nالعنبر\nشحن مجاني للطلبات فوق 25 دينار\n{BODY}\n{BODY2}"
        );
        assert_eq!(rule_of(&text, "مبثوث خلطة الملوك المطور"), None);
        // An article's headline above a share bar and its subtitle stays.
        let text = format!(
            "{headline}\nفيسبوك | تويتر | واتساب\nالأحد 9 فبراير 2025\nعنوان فرعي طويل يشرح الخبر للقارئ\n{BODY}\n{BODY2}"
        );
        assert_eq!(rule_of(&text, headline), None, "{:?}", rules(&text));
        // Nor above its section links, its date and a subtitle without a full stop.
        let text = format!(
            "{headline}\nسياسة | اقتصاد | رياضة\nالأحد 9 فبراير 2025\nعنوان فرعي يشرح الخبر للقارئ\n{BODY}\n{BODY2}"
        );
        assert_eq!(rule_of(&text, headline), None, "{:?}", rules(&text));
    }

    #[test]
    fn a_run_of_section_names_between_paragraphs() {
        let text = format!(
            "{BODY}\nالرئيسية\nالاقتصاد\nالرياضة الدولية\nالثقافة والفنون\nالتكنولوجيا\n{BODY2}"
        );
        for item in [
            "الاقتصاد",
            "الرياضة الدولية",
            "الثقافة والفنون",
            "التكنولوجيا",
        ] {
            assert_eq!(rule_of(&text, item), Some("menu_block"), "{item}");
        }
    }

    #[test]
    fn the_top_bar_menus_of_a_blog_and_a_poll() {
        // The site's date is a stamp, and the lines after it are still scanned as the top edge.
        let text = format!(
            "الأحد 9 فبراير 2025\nالرباط 17\nالرئيسية - سياسة - مجتمع - اقتصاد - رياضة\nمجتمع\nنسبة ملء السدود ترتفع بعد التساقطات الأخيرة\n{BODY}"
        );
        let r = rules(&text);
        assert_eq!(r[0].1, Some("symbols"), "the date: {r:?}");
        assert_eq!(r[3].1, Some("edge_short"), "the section label: {r:?}");
        assert_eq!(r[4].1, None, "the headline: {r:?}");
        // An agency's dateline may be followed by the author's name: the scan ends there.
        let text = format!("الوفاق/ خاص\nسهامه مجلسي\n{BODY}");
        assert_eq!(rule_of(&text, "سهامه مجلسي"), None);
        // A menu of one- and two-word items, one of them with a function word, before the
        // article's first sentence.
        let text = format!(
            "مدونة شخصية عن السفر والكتب والحياة\nالرئيسية\nعن المدونة\nالسفر\nقراءات\nتأملات\nتواصل معي\nعن المدن التي نحبها ولا نعود إليها\n{BODY}\n{BODY2}"
        );
        let r = rules(&text);
        assert!(r[1..7].iter().all(|(_, rule)| rule.is_some()), "{r:?}");
        assert_eq!(r[2].1, Some("menu_block"), "{r:?}");
        assert_eq!(r[7].1, None, "the headline: {r:?}");
        // Free verse opening a document, in lines as short, stays.
        let poem = "أيها القمر الدمشقيّ\nكم لحنا على شفتيها؟\n***\nأيها القمر الدمشقيّ\nكم امرأة\nبين الأنقاض\nتلمّ زينتها\nوتنتظر\nفارسا\nيأتي من غُرّة الفجر الوليد";
        let text = format!("{poem}\n{BODY}");
        let r = rules(&text);
        assert!(r[4..].iter().all(|(_, rule)| rule.is_none()), "{r:?}");
        // A poll's answers between its question and a disclaimer continuing a sentence.
        let text = format!(
            "{BODY}\n{BODY2}\nهل كان هذا المقال مفيداً؟\nنعم\nلا\nتنبيه: المعلومات الواردة في هذا المقال للتثقيف فقط ولا تغني عن استشارة الطبيب المختص.\n{BODY3}"
        );
        let r = rules(&text);
        assert_eq!(r[3].1, Some("menu_block"), "{r:?}");
        assert_eq!(r[4].1, Some("menu_block"), "{r:?}");
        // A disclaimer of the site stays when it is written as a sentence of the article
        // would be: a doctor quoted in an article says the same.
        assert_eq!(r[5].1, None, "{r:?}");
        assert_eq!(r[6].1, None, "{r:?}");
    }

    #[test]
    fn taglines_breadcrumbs_tabs_ratings_and_forum_strings() {
        // A tagline above the menu goes; the headline below it stays.
        let text = format!(
            "أرشيف المعرفة\nأكبر موسوعة عربية على الإنترنت\nالرئيسية\nصحة\nتعليم\nسياحة وسفر\nجغرافيا\nعن المدن التي نحبها ولا نعود إليها\n{BODY}"
        );
        let r = rules(&text);
        assert_eq!(r[1].1, Some("menu_block"), "{r:?}");
        assert_eq!(r[7].1, None, "{r:?}");
        // A headline between a menu and a share bar, with a standfirst after it, stays.
        let text = format!(
            "الرئيسية\nصحة\nتعليم\nجغرافيا\nعن المدن التي نحبها ولا نعود إليها\nشارك\nرحلة في ذاكرة المدن القديمة وأهلها\n{BODY}"
        );
        let r = rules(&text);
        assert_eq!(r[4].1, None, "{r:?}");
        // Under the site's name, above a menu written on one line.
        let lead = "أعلنت وزارة الزراعة اليوم بدء موسم قطف الزيتون في محافظات الشمال، وسط توقعات بإنتاج وفير يفوق العام الماضي بنحو الربع.";
        let text = format!(
            "السبت 12 نيسان 2025\nالأفق\nصحيفة يومية أردنية شاملة\nمحليات | اقتصاد | عربي ودولي | ثقافة\nموسم الزيتون ينطلق بتوقعات إنتاج وفير\n{lead}\n{BODY}"
        );
        let r = rules(&text);
        assert_eq!(r[2].1, Some("menu_block"), "{r:?}");
        assert_eq!(r[4].1, None, "{r:?}");
        // A breadcrumb ending with the page's title.
        let crumb = "منتديات أحلى شباب > الأقسام العامة > منتدى الصحة > نصائح مجربة للتخلص من إجهاد العين أمام الكمبيوتر";
        assert_eq!(between(crumb), Some("navigation"));
        // Tabs with a count, a rating.
        assert_eq!(
            between("الوصف | المواصفات | التقييمات (128)"),
            Some("navigation")
        );
        // Below the first three lines, where datelines are protected.
        let rating = "★★★★☆ (128 تقييم)";
        assert_eq!(deep(rating), Some("symbols"));
        // vBulletin's quote header and welcome notice.
        assert_eq!(
            between("المشاركة الأصلية كتبت بواسطة دكتور_هيثم"),
            Some("phrase")
        );
        assert_eq!(
            between("مرحباً بك زائرنا الكريم، إذا كانت هذه زيارتك الأولى للمنتدى فيرجى الإطلاع على التعليمات بالضغط هنا."),
            Some("phrase")
        );
        // Reviews close a product page like comments.
        let review = "والله ممتازة وسريعة، البطاطس تطلع مقرمشة وما تحتاج زيت ابد";
        let text = format!("{BODY}\n{BODY2}\n{BODY3}\nشارك\nتقييمات العملاء\n{review}");
        assert_eq!(rule_of(&text, review), Some("comments"));
        // A member's rank between the user name and the join date.
        let text = format!(
            "{BODY}\n{BODY2}\nمهندس_الديزل\nمشرف قسم الصيانة\nتاريخ التسجيل: Aug 2011\n{BODY3}"
        );
        assert_eq!(rule_of(&text, "مشرف قسم الصيانة"), Some("menu_block"));
        // A label between two dates is a timeline's.
        let text = format!("{BODY}\n{BODY2}\n9 مايو 2024\nالافتتاح\n10 مايو 2024\n{BODY3}");
        assert_eq!(rule_of(&text, "الافتتاح"), None);
    }

    #[test]
    fn the_articles_first_subheading_under_a_widget() {
        let text = format!(
            "حملة دفء الشتاء 2025 لتدفئة الأسر النازحة واللاجئة\nمبلغ آخر\nالزكاة\nتبرع الآن\nأضف إلى السلة\n\
             الكفالات\nالأضاحي\nالسقيا\nالوقف الخيري\nكسوة الشتاء\nعن الحملة\n{BODY}\n{BODY2}"
        );
        assert_eq!(rule_of(&text, "عن الحملة"), None, "{:?}", rules(&text));
        assert_eq!(
            rule_of(&text, "الكفالات"),
            Some("menu_block"),
            "{:?}",
            rules(&text)
        );
        // A menu item without a function word goes.
        let text = format!(
            "حملة دفء الشتاء 2025 لتدفئة الأسر النازحة واللاجئة\nمبلغ آخر\nالزكاة\nتبرع الآن\nأضف إلى السلة\n\
             الكفالات\n{BODY}\n{BODY2}"
        );
        assert!(rule_of(&text, "الكفالات").is_some(), "{:?}", rules(&text));
        // A menu item with a function word that names nothing of the article goes.
        let text = format!(
            "وزارة التعليم تعلن موعد امتحانات الثانوية العامة\nالرئيسية\nأخبار مصر\nعربي وعالمي\n\
             رياضة\nاقتصاد\nسياسة\nحوادث\nمنوعات\nمع الناس\n{BODY}\n{BODY2}"
        );
        assert_eq!(
            rule_of(&text, "مع الناس"),
            Some("menu_block"),
            "{:?}",
            rules(&text)
        );
    }

    #[test]
    fn a_menu_announced_by_a_colon_is_a_list_of_the_article() {
        let items = ["مرضى السكري", "مرضى ضعف القلب", "مرضى الربو", "الحوامل"];
        let text = format!("{BODY}\nويستثنى من ذلك:\n{}\n{BODY2}", items.join("\n"));
        assert!(items.iter().all(|l| rule_of(&text, l).is_none()));
        let text = format!("{BODY}\nالرئيسية\n{}\n{BODY2}", items.join("\n"));
        assert!(items
            .iter()
            .all(|l| rule_of(&text, l) == Some("menu_block")));
        // Alone between two paragraphs, the same lines are a list of the article; so they are
        // before a sentence that announces a quote.
        let text = format!("{BODY}\n{}\n{BODY2}", items.join("\n"));
        assert!(items.iter().all(|l| rule_of(&text, l).is_none()));
        let text = format!(
            "{BODY}\n{}\nوقالت الباحثة الرئيسية في الدراسة لقناة الأفق:\n{BODY2}",
            items.join("\n")
        );
        assert!(items.iter().all(|l| rule_of(&text, l).is_none()));
    }
}
