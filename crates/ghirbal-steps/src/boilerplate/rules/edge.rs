//! `edge_short`: at the start and the end of the document, lines of at most
//! `edge_max_words` words without sentence punctuation (breadcrumbs, section names, glued
//! category links). The scan stops at the first longer line, which keeps the headline; at
//! the top it passes a protected date or short line with a number (the site's date and
//! weather in a top bar), not an agency's dateline or a byline, and past it removes a
//! short line only while a title is still to come. From the end, it stops at a byline, at
//! the page's tail and at a link-list header.
//!
//! Also the section's name (one or two words, one or two lines) between the site's
//! furniture and the headline.
//!
//! Sub-codes: `top`, `bottom`, `section` (see the constants below).

use super::navigation::NAV_SEPARATORS;
use super::{removal, rule, Cut, Pass, Rule, Scratch};
use crate::boilerplate::lines::{blank, full_stop, is_byline, label_and_value};
use crate::boilerplate::page::Page;
use crate::boilerplate::Boilerplate;

removal!(
    /// From the top.
    TOP, EdgeShort, "edge_short/top"
);
removal!(
    /// From the end.
    BOTTOM, EdgeShort, "edge_short/bottom"
);
removal!(
    /// A section's name right above the headline, under the site's furniture.
    SECTION, EdgeShort, "edge_short/section"
);

/// Most lines of a section's name above the headline ("أخبار مصر" / "نقل ومواصلات").
const SECTION_MAX_LINES: usize = 2;
/// Longest section name, in words.
const SECTION_MAX_WORDS: usize = 2;

/// Lines of at most `edge_max_words` words without sentence punctuation, from the top and from
/// the end of the document.
pub(in crate::boilerplate) struct Edges;

impl Pass for Edges {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let keys = page.keys.as_str();
        let dateline = &page.protected;
        let first_title = lines
            .iter()
            .position(|l| l.words > bp.opts.link_max_words.min(2 * bp.opts.edge_max_words));
        let edge = |i: usize, verdicts: &mut [Cut], forward: bool| -> bool {
            let line = &lines[i];
            // Keep scanning past blank and removed lines, and past a dateline that is a date
            // or a short line with a number and no dash or slash, which stays: the site's date
            // and weather in a top bar come before its menus. An agency's dateline ("الوفاق/
            // خاص", "كتب – …") may be followed by the author's name, and a longer line may be
            // a headline with a number: those end the scan as before.
            if blank(line) || verdicts[i].is_some() {
                return true;
            }
            // The article's credit at its end ("تحرير: رنا حداد") stays and ends the scan;
            // from the top, past a title (removed or not), so does a fact of the page, a label
            // and its value ("الماركة: تويوتا" under an ad's title; "الطبعة: العربية" above
            // any title is the site's).
            if is_byline(line.raw)
                || (forward && label_and_value(line.raw) && first_title.is_some_and(|t| t < i))
            {
                return false;
            }
            if dateline[i] {
                let dash = line.raw.contains(['-', '–', '—', '/', ':']);
                return bp.is_date(line, &keys[line.key.clone()], false)
                    || (!dash && line.words <= bp.opts.edge_max_words);
            }
            // Past a date at the top, a short line is the headline unless a title is still
            // to come ("حصاد الأسبوع" after "الجمعة 5 يناير 2024").
            let past_date = forward && page.first_dateline.is_some_and(|d| d < i);
            // The next kept line longer than an edge line: a title, or the article's first
            // sentence.
            let title_to_come = || {
                (i + 1..lines.len())
                    .find(|&k| {
                        verdicts[k].is_none()
                            && !blank(&lines[k])
                            && lines[k].words > bp.opts.edge_max_words
                    })
                    .is_some_and(|k| !lines[k].ends_sentence)
            };
            if line.words <= bp.opts.edge_max_words
                && !line.ends_sentence
                && (!past_date || title_to_come())
            {
                verdicts[i] = Some(if forward { &TOP } else { &BOTTOM });
                return true;
            }
            false
        };
        for i in 0..lines.len() {
            if !edge(i, verdicts, true) {
                break;
            }
        }
        // From the end, the scan stops at the page's tail or a link-list header: above them
        // stand the article's last lines (a poem's, a letter's signature, "والله أعلم").
        for i in (0..lines.len()).rev() {
            if rule(verdicts[i]) == Some(Rule::Comments)
                || (rule(verdicts[i]) == Some(Rule::Phrase)
                    && bp.whole_line(&lines[i], &keys[lines[i].key.clone()]) == Some(true))
            {
                break;
            }
            if !edge(i, verdicts, false) {
                break;
            }
        }
    }
}

/// The section's name between the site's furniture and the headline ("اقتصاد", "أخبار
/// مصر"): before the article's first sentence, one or two lines of one or two words, no
/// punctuation, digit or colon, with a removed line right above them and a title right below
/// (a kept line longer than an edge line, no sentence, not the first of a list of facts), and
/// named elsewhere on the page (its menu, a breadcrumb). A phrase about the story above the
/// headline (a supertitle) is longer, a short headline stands once; where the scan from the
/// top stopped at a ticker's headline it never reached these lines. Runs after the tickers are
/// found.
pub(in crate::boilerplate) struct Section;

impl Pass for Section {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let Some(body) = page.body else { return };
        let label = |k: usize, verdicts: &[Cut]| {
            let l = &lines[k];
            verdicts[k].is_none()
                && !blank(l)
                && (!page.protected[k] || breadcrumb_section(page, k))
                && l.words <= SECTION_MAX_WORDS.min(bp.opts.edge_max_words)
                && l.letters
                && !l.ends_sentence
                && !l.raw.contains([':', '|', '-', '–', '«', '"'])
                && !l.raw.chars().any(ghirbal_text::script::is_any_digit)
        };
        // A title: kept, longer than an edge line, no full stop (a headline may ask: "… هل يدخل
        // العراق موسم الصيف بلا زراعة؟"); not the first of a page's facts
        // ("تفاصيل الوظيفة" heads "المسمى الوظيفي: …", "مكان العمل: …").
        let title = |k: usize, verdicts: &[Cut]| {
            let facts = label_and_value(lines[k].raw)
                && (k + 1..lines.len())
                    .find(|&n| !blank(&lines[n]))
                    .is_some_and(|n| label_and_value(lines[n].raw));
            verdicts[k].is_none()
                && lines[k].words > bp.opts.edge_max_words
                && !full_stop(lines[k].raw)
                && !facts
        };
        let mut k = 1;
        while k < body {
            let furniture_above = verdicts[k - 1].is_some() && lines[k - 1].letters;
            if !furniture_above || !label(k, verdicts) {
                k += 1;
                continue;
            }
            let mut end = k + 1;
            while end < body && end - k < SECTION_MAX_LINES && label(end, verdicts) {
                end += 1;
            }
            // The site names its sections elsewhere on the page too (in its menu, a breadcrumb,
            // a list's header): a short headline or a subheading ("وداعا مارادونا", "مقدمة")
            // stands once.
            if end < body
                && title(end, verdicts)
                && (k..end).all(|n| named_elsewhere(page, n) || breadcrumb_section(page, n))
            {
                for v in &mut verdicts[k..end] {
                    *v = Some(&SECTION);
                }
            }
            k = end;
        }
    }
}

/// Whether line `k`, right under a breadcrumb, names one of its items before the last: the
/// section ("الرئيسية » اقتصاد » تموين", then "اقتصاد"), where the line under a breadcrumb is
/// otherwise protected as the page's title, which is the breadcrumb's last item ("الرئيسية >
/// وظائف > محاسب عام", then "محاسب عام"); or, of one word, names a word of an item in another
/// form of its stem (`Section` still wants a title below it).
fn breadcrumb_section(page: &Page<'_>, k: usize) -> bool {
    let Some(above) = (0..k).rev().find(|&n| !blank(&page.lines[n])) else {
        return false;
    };
    let items: Vec<String> = super::navigation::trail_items(page.lines[above].raw)
        .map(ghirbal_text::fold::fold)
        .filter(|item| !item.is_empty())
        .collect();
    let key = page.key(k).trim();
    if items.len() < 2 {
        return false;
    }
    if items.len() >= 3 && items[..items.len() - 1].iter().any(|item| item == key) {
        return true;
    }
    // A section of one word names one of its items in the singular ("› مراجعات ›", then
    // "مراجعة"; "/ تحليلات", then "تحليل"). The same word as the last item is the page's
    // title ("… › بدر شاكر السياب › المطر", then the poem "المطر").
    !key.contains(' ')
        && items
            .iter()
            .flat_map(|item| item.split(' '))
            .any(|word| word != key && same_stem(word, key))
}

/// Two folded words of one stem: the shorter, of at least four letters, is the longer's start
/// but for its last letter at most ("مراجعه" and "مراجعات", "تحليل" and "تحليلات").
fn same_stem(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let n = short.chars().count();
    if n < 4 {
        return false;
    }
    let common = short
        .chars()
        .zip(long.chars())
        .take_while(|(x, y)| x == y)
        .count();
    common + 1 >= n && long.chars().count() <= n + 2
}

/// Whether the text of line `n` stands in another line of the page too, alone or as an item
/// between separators ("اقتصاد" in "الرئيسية | اقتصاد | رياضة" or "الرئيسية › اقتصاد").
fn named_elsewhere(page: &Page<'_>, n: usize) -> bool {
    let key = page.key(n).trim();
    !key.is_empty()
        && (0..page.lines.len()).any(|k| {
            k != n
                && !blank(&page.lines[k])
                && page.lines[k].words <= 40
                && (page.key(k).trim() == key
                    || page.lines[k]
                        .raw
                        .split(NAV_SEPARATORS)
                        .any(|item| ghirbal_text::fold::fold(item.trim()) == key))
        })
}

#[cfg(test)]
mod tests {
    use crate::boilerplate::testing::*;

    #[test]
    fn edge_short_keeps_the_headline_and_datelines() {
        let headline = "الحكومة تعلن خطة جديدة لدعم المشاريع الصغيرة والمتوسطة";
        let text = format!("محليات\n{headline}\nالرياض - واس\n{BODY}\n{BODY2}\nأخبار ذات صلة");
        assert_eq!(rule_of(&text, "محليات"), Some("edge_short"));
        assert_eq!(rule_of(&text, headline), None);
        assert_eq!(rule_of(&text, "الرياض - واس"), None);
        assert_eq!(rule_of(&text, "أخبار ذات صلة"), Some("phrase"));
    }

    #[test]
    fn a_section_named_by_the_breadcrumb_above_it() {
        let headline = "أسعار جديدة للخبز الحر بداية من الأحد.. تعرف على الأوزان والأسعار";
        let text = format!(
            "الرئيسية\nسياسة\nرياضة\nالرئيسية » اقتصاد » تموين\nاقتصاد\n{headline}\n{BODY}\n{BODY2}"
        );
        assert_eq!(
            rule_of(&text, "اقتصاد"),
            Some("edge_short"),
            "{:?}",
            rules(&text)
        );
        assert_eq!(rule_of(&text, headline), None);
        // The breadcrumb's last item under it is the page's title.
        let text = format!(
            "الرئيسية > وظائف > محاسب عام\nمحاسب عام\nشركة النخبة للتجارة والمقاولات في الرياض\n{BODY}\n{BODY2}"
        );
        assert_eq!(rule_of(&text, "محاسب عام"), None, "{:?}", rules(&text));
    }

    #[test]
    fn a_section_of_one_word_under_a_breadcrumb_naming_it() {
        let headline =
            "مراجعة ريدمي نوت 15 برو: بطارية عملاقة وشاشة ممتازة.. لكن الكاميرا تخذلك ليلاً";
        for (crumb, section) in [
            ("الرئيسية › مراجعات › هواتف", "مراجعة"),
            ("الرئيسية / اقتصاد / تحليلات", "تحليل"),
        ] {
            let text = format!("الرئيسية\nسياسة\nرياضة\n{crumb}\n{section}\n{headline}\nكتب: عمر الدباغ\n{BODY}\n{BODY2}");
            assert!(rule_of(&text, section).is_some(), "{:?}", rules(&text));
            assert_eq!(rule_of(&text, headline), None);
        }
        // Words of one stem, not words that merely start alike.
        assert!(super::same_stem("مراجعات", "مراجعه"));
        assert!(super::same_stem("تحليلات", "تحليل"));
        assert!(!super::same_stem("محاكم", "محاكمات الفساد"));
        assert!(!super::same_stem("علم", "علوم"));
        // The same word as the breadcrumb's last item is the page's title.
        let text = format!("الرئيسية\nشعر\nالرئيسية › بدر شاكر السياب › المطر\nالمطر\nعيناك غابتا نخيل ساعة السحر أو شرفتان راح ينأى عنهما القمر\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, "المطر"), None, "{:?}", rules(&text));
    }

    #[test]
    fn the_section_name_between_the_menu_and_the_headline() {
        let headline = "افتتاح موسم صيد الأخطبوط بعد راحة بيولوجية";
        let lead = "أعلنت وزارة الصيد والاقتصاد البحري اليوم افتتاح موسم صيد الأخطبوط بعد راحة بيولوجية استمرت شهرين، وسط توقعات بإنتاج وفير هذا العام.";
        let text = format!(
            "الوزير الأول يستقبل سفير جمهورية السنغال في نواكشوط اليوم\nالرئيسية | محليات | رياضة | اقتصاد\nاقتصاد\n{headline}\nنشر يوم: 13 أكتوبر 2025 - 12:35\n{lead}\n{BODY2}"
        );
        assert_eq!(
            rule_of(&text, "اقتصاد"),
            Some("edge_short"),
            "{:?}",
            rules(&text)
        );
        assert_eq!(rule_of(&text, headline), None);
        // Under a kept line it is the story's supertitle.
        let text = format!("{BODY}\nحوار خاص\n{headline}\n{lead}\n{BODY2}");
        assert_eq!(rule_of(&text, "حوار خاص"), None, "{:?}", rules(&text));
        // A short headline under a removed line, over a subtitle, is named nowhere else.
        let text = format!(
            "أخبار عاجلة اليوم من كل مكان في العالم العربي والعالم\nشارك\nوداعا مارادونا\nرحل أسطورة كرة القدم الأرجنتينية عن عمر يناهز 60 عاما بعد أزمة قلبية\n{lead}\n{BODY2}"
        );
        assert_eq!(rule_of(&text, "وداعا مارادونا"), None, "{:?}", rules(&text));
        // Above a list of facts it is the page's subheading.
        let text = format!(
            "الرئيسية > وظائف في قطر > وظائف هندسة\nمهندس مدني أول - مشاريع البنية التحتية\nقدّم الآن\nشارك\nتفاصيل الوظيفة\nالمسمى الوظيفي: مهندس مدني أول\nمكان العمل: الدوحة، قطر\n{lead}"
        );
        assert_eq!(rule_of(&text, "تفاصيل الوظيفة"), None, "{:?}", rules(&text));
    }
}
