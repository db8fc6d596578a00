//! A document read as a page: its lines, and the landmarks the rules share, computed once and
//! named (the protected lines, the headline, the article's first sentence, the lists announced
//! by a colon).

use super::lines::{
    self, blank, full_stop, is_byline, market_quotes, pad, score_line, ticker, weather, Line,
};
use super::rules::symbols::top_bar_quote;
use super::sketch::site_of;
use super::Boilerplate;
use ghirbal_core::Document;
use ghirbal_text::script::is_any_digit;

/// Datelines stand among the first lines of a page ("الرياض – واس", "الخميس 13 يناير 2022").
const DATELINE_LINES: usize = 3;
/// Longest dateline, in words.
const DATELINE_MAX_WORDS: usize = 15;

/// Longest dateline of a place and a source between the headline and the article ("حضرموت -
/// تهامة نيوز - خاص"), in words.
const PLACE_AND_SOURCE_MAX_WORDS: usize = 6;

/// A dateline of a place and a source on either side of a dash ("بغداد – سومر نيوز", "الدبة –
/// خاص", "الموصل - عمر الجبوري"): two or three parts, each of at most three words with letters,
/// no digit (a date and a time there are a stamp), no sentence's end (a colon may close it:
/// "مسقط - العُمانية:").
fn place_and_source(line: &Line<'_>) -> bool {
    if line.words > PLACE_AND_SOURCE_MAX_WORDS
        || line.raw.trim_end().ends_with(['.', '!', '؟', '?'])
        || !line.letters
        || line.raw.chars().any(is_any_digit)
    {
        return false;
    }
    let raw = line.raw.trim().trim_end_matches(':');
    // An Arabic place first ("English - Français" is a language switch).
    if !raw
        .chars()
        .next()
        .is_some_and(ghirbal_text::script::is_arabic_letter)
    {
        return false;
    }
    let words: Vec<&str> = raw.split_whitespace().collect();
    let mut parts = 0;
    words.split(|w| matches!(*w, "-" | "–" | "—")).all(|part| {
        parts += 1;
        let lettered = part
            .iter()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        (1..=3).contains(&lettered)
    }) && (2..=3).contains(&parts)
}

pub(super) struct Page<'a> {
    pub lines: Vec<Line<'a>>,
    /// The folded lines, one after another (`Line::key` ranges into it).
    pub keys: String,
    /// The site (URL host or `source`) whose template lines count, when they are counted.
    pub site: Option<String>,
    /// Lines no structural rule (`menu_block`, `template_line`, `edge_short`) may remove:
    /// datelines among the first three lines ("الرياض – واس", "الخميس 13 يناير 2022",
    /// "إعداد: فريق التحرير"), a byline between the headline and the article, a short title
    /// before a byline, the title under a breadcrumb.
    pub protected: Vec<bool>,
    /// The first dateline, or the first date stamp among the first three lines: short lines
    /// after it may be the headline (see `edge_short`).
    pub first_dateline: Option<usize>,
    /// The first line longer than an edge line (`edge_max_words`): the headline as the
    /// keyword rule sees it (a menu glued into one line may come first).
    pub first: Option<usize>,
    /// The items of a list announced by a line ending with a colon (a schedule).
    pub after_colon: Vec<bool>,
    /// Whether the document has more than one non-blank line (a one-line record is judged
    /// like any line, not as an article with a headline).
    pub more_lines: bool,
    /// The article's first sentence: a line longer than a title that ends a sentence.
    pub body: Option<usize>,
    /// The last title-like line before the article's first sentence.
    pub title_before_body: Option<usize>,
    /// The article's headline as a reader finds it: the first line before the first sentence,
    /// longer than an edge line, that is no menu, breadcrumb, ticker, theme phrase or date.
    pub headline_at: Option<usize>,
    /// A short title right before a byline ("مدينة القيروان", then "كتابة: …").
    pub short_headline: Option<usize>,
    /// The first line as `headline_at` finds it after the last menu or breadcrumb before the
    /// article's first sentence (the headline when a slogan above the menus took `headline_at`).
    pub title_after_menus: Option<usize>,
    /// Rows of a table the article holds (`rules::navigation::article_tables`), found once per
    /// page.
    pub article_table: Vec<bool>,
}

impl<'a> Page<'a> {
    /// The folded text of line `i` (for a long line, of its start).
    pub(super) fn key(&self, i: usize) -> &str {
        &self.keys[self.lines[i].key.clone()]
    }

    /// Splits `text` into lines and finds the landmarks. `padded` and `mask` are buffers for
    /// the phrase checks (see `Scratch`).
    pub(super) fn read(
        bp: &Boilerplate,
        doc: &Document,
        text: &'a str,
        padded: &mut String,
        mask: &mut Vec<bool>,
    ) -> Self {
        let site = if bp.sketch.is_some() {
            site_of(doc)
        } else {
            None
        };
        let mut keys = String::new();
        let lines = lines::split(text, &mut keys);
        // Datelines: among the first three non-blank lines, short, with a dash between words
        // or a digit. The passes below add the other protected lines (bylines before the
        // article, a short title before a byline or under a breadcrumb): `dateline` holds
        // every line no structural rule may remove.
        let mut dateline = vec![false; lines.len()];
        // The first of them, or the first date stamp there: short lines after it may be the
        // headline (see `edge`).
        let mut first_dateline = None;
        for (i, line) in lines
            .iter()
            .enumerate()
            .filter(|(_, l)| !blank(l))
            .take(DATELINE_LINES)
        {
            if line.words > DATELINE_MAX_WORDS || !line.letters {
                continue;
            }
            let dash = [" – ", " - ", " — ", "- ", " -", "/ ", " /"]
                .iter()
                .any(|d| line.raw.contains(d));
            let digit = line.raw.chars().any(is_any_digit);
            // A byline or label ("إعداد: فريق التحرير", "بقلم: …") belongs to the article.
            let byline = is_byline(line.raw);
            // The site's date alone on its line is a stamp like any other, not the article's
            // dateline ("الرياض - واس", "القاهرة 15 مارس").
            let stamp = digit
                && !byline
                && (weather(line.raw)
                    || bp.is_date(line, &keys[line.key.clone()], false)
                    || crate::boilerplate::rules::symbols::prayer_times(
                        line.raw,
                        &keys[line.key.clone()],
                    )
                    || bp.stamps(line.raw));
            dateline[i] = (dash || digit || byline) && !stamp;
            if (dateline[i] || stamp) && first_dateline.is_none() {
                first_dateline = Some(i);
            }
        }
        // The headline (the first line longer than an edge line) is exempt from the keyword
        // rule; so is a one-line document, which the quality filters judge better whole.
        let first = lines
            .iter()
            .position(|l| !blank(l) && l.words > bp.opts.edge_max_words);
        // Lines right after a line ending with a colon (the items of a schedule).
        // Lines of a list announced by a colon (a schedule): the short lines after a line
        // ending with a colon (not boilerplate itself: "مقالات الكاتب:", "لا توجد تعليقات:"),
        // up to a sentence or a blank line after the first item.
        let mut after_colon = vec![false; lines.len()];
        // 0: no list; 1: announced, no item yet; 2: in the list.
        let mut state = 0u8;
        for (i, line) in lines.iter().enumerate() {
            if blank(line) {
                if state == 2 {
                    state = 0;
                }
                continue;
            }
            let short = line.words <= bp.opts.link_max_words && !full_stop(line.raw);
            after_colon[i] = state > 0 && short;
            // A byline closed by a colon announces no list.
            let announces = line.raw.trim_end().ends_with(':') && !is_byline(line.raw) && {
                let key = &keys[line.key.clone()];
                pad(key, padded);
                bp.whole_line(line, key).is_none()
                    && bp
                        .phrase_rule(line, padded, mask, bp.opts.phrase_coverage, false)
                        .is_none()
            };
            state = if announces {
                1
            } else if state > 0 && short {
                2
            } else {
                0
            };
        }
        let more_lines = lines.iter().filter(|l| !blank(l)).nth(1).is_some();
        // The headline is also the last title-like line before the article's first sentence
        // (a site's name or a section title may come first).
        // The article's first sentence: a line longer than a title that ends a sentence.
        let body = lines.iter().position(|l| {
            l.words > bp.opts.link_max_words.max(bp.opts.edge_max_words) && l.ends_sentence
        });
        let title_before_body = body.and_then(|body| {
            (0..body).rev().find(|&k| {
                // Words of letters: a date line ("تاريخ النشر: 2025/02/10") is no title.
                let lettered = keys[lines[k].key.clone()]
                    .split(' ')
                    .filter(|w| !w.is_empty() && !w.bytes().any(|b| b.is_ascii_digit()))
                    .count();
                // A title may end with a bracket or a quote ("… (الجزء الأول)"), not with a
                // full stop or a colon.
                !blank(&lines[k])
                    && lettered > bp.opts.edge_max_words
                    && !full_stop(lines[k].raw)
                    && !bp.is_date(&lines[k], &keys[lines[k].key.clone()], false)
            })
        });
        // The article's byline: between the headline and the first sentence, a byline ("كتب:
        // المركز الإعلامي") is protected as a dateline. Dates there stay stamps: post meta
        // ("15 مايو 2024", "آخر تحديث: …") is what readers of these pages label boilerplate,
        // and reference extractions leave it out.
        // The article's headline as a reader finds it: the first line before the first
        // sentence longer than an edge line that is no menu, breadcrumb, theme phrase or date
        // (`first` may be a menu glued into one line).
        let mut headline_like = |k: usize| {
            let l = &lines[k];
            if blank(l) || l.words <= bp.opts.edge_max_words || l.ends_sentence {
                return false;
            }
            // A ticker, or a live score among a ticker's items or alone with its two
            // names ("الريان 2 - 1 الوكرة | انتهت", "النصر 2-1 الفيحاء"), is no headline; a
            // headline with a score is one.
            let scored = (l.raw.contains('|') || l.raw.split_whitespace().nth(5).is_none())
                && score_line(l.raw);
            // Nor is the top bar's place and date ("بيروت | الجمعة 22 تشرين الثاني 2024"), or
            // its rate written as a label and a value ("سعر صرف الدولار في السوق الموازية:
            // 14,850 ل.س"; a headline "الدولار يرتفع إلى 50 جنيها" has no such label).
            let rate = || l.raw.contains([':', '=']) && top_bar_quote(l.raw, &keys[l.key.clone()]);
            // Nor is a widget of the top bar that its own rule removes above the article: the
            // weather ("الكويت 44° م") or quotes joined by pipes.
            !(bp.navigation_rule(l).is_some()
                || ticker(l.raw)
                || scored
                || weather(l.raw)
                || market_quotes(l.raw, true)
                || bp.placed_date(l.raw)
                || rate())
                && bp.own_words(l, &keys[l.key.clone()], padded, mask)
        };
        let headline_at = (0..body.unwrap_or(lines.len())).find(|&k| headline_like(k));
        // A site's slogan above its menus may pass for the headline: the first such line after
        // the last menu or breadcrumb before the article is a headline too.
        // Only menus after `headline_at` matter, so the scan stops there.
        let title_after_menus = body.zip(headline_at).and_then(|(body, h)| {
            let last = (h + 1..body)
                .rev()
                .find(|&k| !blank(&lines[k]) && bp.navigation_rule(&lines[k]).is_some())?;
            (last + 1..body).find(|&k| headline_like(k))
        });
        if let Some(body) = body {
            let headline = headline_at
                .or(title_before_body)
                .or(first)
                .filter(|&h| h < body);
            for k in headline.map_or(0, |h| h + 1)..body {
                let line = &lines[k];
                if blank(line) || dateline[k] {
                    continue;
                }
                // Post meta written as a byline is a stamp ("نشر بواسطة: … في ٨:٤٥ م"). A
                // place and a source on either side of a dash ("بغداد – سومر نيوز") is the
                // article's dateline wherever it stands between the headline and the text.
                // Not an item of a menu written one item a line, some with dashes ("محليات",
                // "سياسة - برلمان", "اقتصاد"): a dateline stands alone, beside the headline, a
                // byline, stamps with figures.
                let dashed = |n: Option<usize>| {
                    n.is_some_and(|n| {
                        let l = &lines[n];
                        place_and_source(l)
                            || (l.words <= 2
                                && l.letters
                                && !l.ends_sentence
                                && !l.raw.contains(':')
                                && !l.raw.chars().any(is_any_digit))
                    })
                };
                let above = (0..k).rev().find(|&n| !blank(&lines[n]));
                let below = (k + 1..lines.len()).find(|&n| !blank(&lines[n]));
                dateline[k] = (is_byline(line.raw)
                    && !bp.is_date(line, &keys[line.key.clone()], false))
                    || (place_and_source(line)
                        && !dashed(above)
                        && !dashed(below)
                        && bp.navigation_rule(line).is_none());
            }
        }
        // A byline follows the headline: a short title right before one ("مدينة القيروان",
        // then "كتابة: …") is the headline, however few its words.
        let mut short_headline = None;
        if let Some(b) = (0..body.unwrap_or(lines.len())).find(|&k| is_byline(lines[k].raw)) {
            short_headline = (0..b).rev().find(|&k| !blank(&lines[k])).filter(|&k| {
                let l = &lines[k];
                l.letters
                    && !l.ends_sentence
                    && l.words <= bp.opts.link_max_words
                    && !l.raw.contains(':')
                    && !bp.is_date(l, &keys[l.key.clone()], false)
            });
        }
        if let Some(k) = short_headline {
            dateline[k] = true;
        }
        // An encyclopedia's title stands right above its tagline ("من ويكيبيديا، الموسوعة
        // الحرة"), however short.
        if let Some(t) = (0..body.unwrap_or(lines.len()))
            .find(|&k| !blank(&lines[k]) && encyclopedia_tagline(&keys[lines[k].key.clone()]))
        {
            if let Some(k) = (0..t).rev().find(|&k| !blank(&lines[k])) {
                let l = &lines[k];
                if l.letters && !l.ends_sentence && l.words <= bp.opts.link_max_words {
                    dateline[k] = true;
                }
            }
        }
        // A breadcrumb stands right above the page's title: the first title-like line after
        // the last breadcrumb before the article is a headline, however short ("محاسب عام"
        // after "الوظائف > المحاسبة والمالية > الرياض").
        let crumb = |l: &Line<'_>| {
            !l.ends_sentence
                && memchr::memchr3(b'>', 0xE2, 0xC2, l.raw.as_bytes()).is_some()
                && l.raw.contains(['>', '›', '»'])
                && bp.navigation_rule(l).is_some()
        };
        if let Some(c) = (0..body.unwrap_or(lines.len()))
            .rev()
            .find(|&k| crumb(&lines[k]))
        {
            let title = (c + 1..lines.len())
                .find(|&k| !blank(&lines[k]))
                .filter(|&k| {
                    let l = &lines[k];
                    l.letters
                        && !l.ends_sentence
                        && l.words <= bp.opts.link_max_words
                        && !l.raw.contains(':')
                        && bp.own_words(l, &keys[l.key.clone()], padded, mask)
                });
            if let Some(k) = title {
                dateline[k] = true;
            }
        }
        // Under a trail written with any other separator ("الرئيسية / الخدمات / جوازات السفر /
        // تجديد جواز السفر العادي"), the line that repeats its last item right above the
        // article's first sentence is the page's title.
        for c in 0..body.unwrap_or(lines.len()) {
            let l = &lines[c];
            if blank(l) || l.ends_sentence || bp.navigation_rule(l).is_none() {
                continue;
            }
            let Some(k) = (c + 1..lines.len()).find(|&k| !blank(&lines[k])) else {
                break;
            };
            let mut items = crate::boilerplate::rules::navigation::trail_items(l.raw);
            let last = items.next_back();
            // Its section under it stands above a headline ("بنوك", then the news): the title
            // stands right above the text.
            let text_below = (k + 1..lines.len()).find(|&n| !blank(&lines[n])) == body;
            if text_below
                && items.count() >= 2
                && last.is_some_and(|last| {
                    ghirbal_text::fold::fold(last) == keys[lines[k].key.clone()].trim()
                })
            {
                dateline[k] = true;
            }
        }
        let article_table = crate::boilerplate::rules::navigation::article_tables(&lines, body);
        Page {
            lines,
            keys,
            site,
            protected: dateline,
            first_dateline,
            first,
            after_colon,
            more_lines,
            body,
            title_before_body,
            headline_at,
            short_headline,
            title_after_menus,
            article_table,
        }
    }
}

/// An encyclopedia's tagline under an article's title: "من ويكيبيديا، الموسوعة الحرة", "من
/// الموسوعة العربية المفتوحة" (a folded key: a short line opening with "من" that names the
/// encyclopedia).
fn encyclopedia_tagline(key: &str) -> bool {
    let mut words = key.split(' ').filter(|w| !w.is_empty());
    words.next() == Some("من")
        && key.split(' ').filter(|w| !w.is_empty()).nth(6).is_none()
        && words.any(|w| matches!(w, "ويكيبيديا" | "الموسوعه" | "wikipedia"))
}

#[cfg(test)]
mod tests {
    use crate::boilerplate::testing::*;

    #[test]
    fn the_title_under_a_trail_of_slashes_that_ends_with_it() {
        let text = format!(
            "الرئيسية\nعن الدائرة\nالخدمات\nجوازات السفر\nالمركز الإعلامي\n\
             الرئيسية / الخدمات / جوازات السفر / تجديد جواز السفر العادي\n\
             تجديد جواز السفر العادي\n{BODY}\n{BODY2}"
        );
        let r = rules(&text);
        assert_eq!(r[6].1, None, "{r:?}");
        // A section under the trail stands above a headline: it may go.
        let text = format!(
            "الرئيسية\nسياسة\nرياضة\nالرئيسية / اقتصاد / بنوك\nبنوك\n\
             البنك المركزي يرفع أسعار الفائدة للمرة الثالثة هذا العام\n{BODY}\n{BODY2}"
        );
        let r = rules(&text);
        assert!(r[4].1.is_some(), "{r:?}");
    }

    #[test]
    fn a_place_and_a_source_between_the_headline_and_the_text_stay() {
        let text = format!(
            "قناة سومر نيوز\nالرئيسية | أخبار العراق | سياسة | اقتصاد | رياضة\nأخبار العراق\n\
             انقطاع الإنترنت عن بغداد وسبع محافظات جراء قطع في الكابل الضوئي\n\
             2025-06-03 | 04:18 م\n5.2K مشاهدة\nبغداد – سومر نيوز\n▶ شاهد التقرير | 02:35\n\
             {BODY}\n{BODY2}"
        );
        let r = rules(&text);
        assert_eq!(r[6].1, None, "{r:?}");
        assert_eq!(r[7].1, Some("phrase"), "{r:?}");
        // A menu written with dashes, one item a line, is no dateline.
        let text = format!(
            "صوت الوطن الإخبارية - من قلب الحدث\nالرئيسية\nمحليات\nسياسة - برلمان\nاقتصاد\n\
             رياضة - كرة قدم\nنتائج الثانوية العامة: نسبة النجاح 68 بالمئة\n{BODY}\n{BODY2}"
        );
        let r = rules(&text);
        assert!(r[3].1.is_some(), "{r:?}");
        for dateline in ["حضرموت - تهامة نيوز - خاص", "الموصل - عمر الجبوري:"]
        {
            let line = crate::boilerplate::lines::split(dateline, &mut String::new());
            assert!(super::place_and_source(&line[0]), "{dateline}");
        }
        // A date and a time, a sentence, a long line, a language switch: no place and source.
        for other in [
            "English - Français",
            "17 مارس 2024 - 15:32",
            "الوزير - كما قال - لم يحضر.",
            "مجلس الوزراء يقر الموازنة العامة - تفاصيل",
        ] {
            let line = crate::boilerplate::lines::split(other, &mut String::new());
            assert!(!super::place_and_source(&line[0]), "{other}");
        }
    }

    #[test]
    fn an_encyclopedia_title_above_its_tagline_stays() {
        let text = format!(
            "ابن بطوطة\nمن ويكيبيديا، الموسوعة الحرة\nلمعانٍ أخرى، طالع ابن بطوطة (توضيح).\n{BODY}\n{BODY2}"
        );
        let r = rules(&text);
        assert_eq!(r[0].1, None, "{r:?}");
        assert_eq!(r[1].1, Some("phrase"), "{r:?}");
        assert_eq!(r[2].1, Some("phrase"), "{r:?}");
        // A long sentence that sends readers elsewhere stays (notices are short lines).
        let long = "ويستعمل اللفظ في كتب الفقه واللغة لمعان أخرى، انظر مثلا ما فصله ابن منظور في لسان العرب والزبيدي في تاج العروس، وما ذكره الفقهاء في أبواب البيوع والإجارة والرهن والوقف والوصايا والمواريث، وما كتبه المعاصرون في بحوثهم ومقالاتهم المنشورة خلال العقود الماضية في المجلات المحكمة والدوريات المتخصصة.";
        assert!(long.split_whitespace().count() > 40);
        assert_eq!(deep(long), None);
    }

    #[test]
    fn facts_lists_and_short_headlines_of_the_article_stay() {
        // A list announced by a colon whose first item is longer than a menu item.
        let text = format!(
            "{BODY}\nوتناول المؤتمر المحاور التالية:\nتكنولوجيا الطاقة الشمسية وطاقة الرياح\nالهيدروجين الأخضر وتخزين الطاقة\nكفاءة الطاقة في المباني\nالسياسات والتشريعات البيئية\n{BODY2}"
        );
        assert!(
            rules(&text).iter().all(|(_, r)| r.is_none()),
            "{:?}",
            rules(&text)
        );
        // Labels and values (a car's specifications) are facts, not a menu.
        let text = format!(
            "{BODY}\nتفاصيل السيارة\nالماركة: تويوتا\nالموديل: كامري\nنوع الوقود: هايبرد\nاللون: أبيض لؤلؤي\n{BODY2}"
        );
        let r = rules(&text);
        assert!(r[2..6].iter().all(|(_, r)| r.is_none()), "{r:?}");
        // A short headline right before a byline stays, after a menu.
        let text =
            format!("الرئيسية\nصحة\nتعليم\nجغرافيا\nمدينة القيروان\nكتابة: سلمى الحمدي\n{BODY}");
        let r = rules(&text);
        assert_eq!(r[4].1, None, "{r:?}");
        assert_eq!(r[5].1, None, "{r:?}");
        assert!(r[1].1.is_some(), "{r:?}");
        // The headline of an ad, after a menu glued into one line, is no keyword list.
        let title = "تويوتا كامري 2018 هايبرد فل كامل فحص كامل للبيع";
        let text = format!("سيارات ومركبات | عقارات | موبايلات | وظائف\n{title}\n{BODY}");
        assert_eq!(rule_of(&text, title), None);
        // A link-list header after a word of the site's own.
        let text = format!("{BODY}\n{BODY2}\nفتاوى ذات صلة\nحكم القصر لمن يسافر أسبوعياً إلى مكان عمله\nمسافة القصر عند المذاهب الأربعة");
        let r = rules(&text);
        assert_eq!(r[2].1, Some("phrase"), "{r:?}");
        assert_eq!(r[3].1, Some("link_list"), "{r:?}");
        // French cookie notices of Maghrebi sites.
        let notice = "Cette plateforme utilise des cookies pour améliorer votre expérience.";
        assert_eq!(between(notice), Some("phrase"));
    }

    #[test]
    fn a_byline_at_the_top_stays() {
        let text = format!("إعداد: فريق التحرير\nعنوان الخبر الرئيسي اليوم\n{BODY}");
        assert_eq!(rule_of(&text, "إعداد: فريق التحرير"), None);
        // A label that is not a byline word is no byline.
        let text = format!("الطبعة: العربية\nعنوان الخبر الرئيسي اليوم\n{BODY}");
        assert_eq!(rule_of(&text, "الطبعة: العربية"), Some("edge_short"));
    }
}
