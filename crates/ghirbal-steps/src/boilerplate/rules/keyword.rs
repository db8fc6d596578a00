//! `keyword_list`: a long line (at least `keyword_min_words` words) without any
//! punctuation in which function words (في، من، على، أن، ...) make up less than
//! `keyword_max_function_share` of the words: tag lists, glued menus and breadcrumbs, SEO
//! keyword lines; or in which one word recurs at least `keyword_min_repeats` times and
//! recurring words make up `keyword_repeated_share` of the line, with hardly any function
//! words (category lists such as "وظائف جدة وظائف الرياض …", a title repeated for search
//! engines, an archive list of months). The headline (the first line longer than
//! `edge_max_words`, and the last title-like line before the first sentence) and the two
//! lines after it before the first sentence (its subtitle) are exempt from the first signal,
//! not from the second. Also over
//! lines: a run of at least `link_card_min_lines` bare titles (words only after a list
//! marker, at most `link_max_words` words, mostly without digits) with function words (and
//! name particles) under 10 %, in which one word recurs in half of the lines: links
//! generated around a keyword. The headline stays unless written as a list item.
//!
//! Sub-codes: `sparse`, `stuffed`, `run` (see the constants below).

use super::{introduced, removal, Cut, LineRule, Pass, Scratch};
use crate::boilerplate::lexicon::{builtin_words, WordList};
use crate::boilerplate::lines::{
    bare_title, blank, is_byline, starts_with_list_marker, whole_key, Line,
};
use crate::boilerplate::page::Page;
use crate::boilerplate::Boilerplate;
use ghirbal_text::script::is_any_digit;
use std::sync::LazyLock;

/// Keyword lists by repetition and over lines carry hardly any function words: under this
/// share of their words.
const LIST_MAX_FUNCTION_SHARE: f64 = 0.1;

removal!(
    /// Hardly a function word in a long unpunctuated line.
    SPARSE, KeywordList, "keyword_list/sparse"
);
removal!(
    /// The same words recurring through a long unpunctuated line.
    STUFFED, KeywordList, "keyword_list/stuffed"
);
removal!(
    /// A run of bare titles around one recurring word.
    RUN, KeywordList, "keyword_list/run"
);

/// Particles of Arabic personal names, on the matching normalization.
static NAME_PARTICLES: LazyLock<WordList> = LazyLock::new(|| builtin_words("name_particles"));

/// The headline is exempt from the sparse-words signal (headlines are terse), not from
/// repetition.
pub(in crate::boilerplate) struct Keyword;

impl LineRule for Keyword {
    fn fires(&self, bp: &Boilerplate, page: &Page<'_>, i: usize, st: &mut Scratch) -> Cut {
        st.signals = bp.keyword_rule(&page.lines[i], page.key(i));
        let k = st.signals.as_ref()?;
        if k.stuffed {
            Some(&STUFFED)
        } else if k.sparse
            && Some(i) != page.first
            && Some(i) != page.title_before_body
            && Some(i) != page.headline_at
            && Some(i) != page.title_after_menus
            && !in_title_block(page, i)
            && !caption(page, i)
        {
            Some(&SPARSE)
        } else {
            None
        }
    }
}

/// Longest photo credit under a caption, in words.
const CREDIT_MAX_WORDS: usize = 8;

/// A photo's caption, terse like a keyword line ("لاعبو المحرق يحتفلون بهدف الفوز أمام
/// مدرجات جماهيرهم"): right above its credit ("تصوير: علي الستراوي", "(تصوير: …)") or beside
/// a gallery's counter ("7 / 10").
fn caption(page: &Page<'_>, i: usize) -> bool {
    let lines = &page.lines[..];
    // A credit is short ("تصوير: علي الستراوي"); a teaser that opens with "صورة: …" runs on.
    let credit = |k: usize| {
        lines[k].words <= CREDIT_MAX_WORDS
            && super::phrase::label_of(lines[k].raw).is_some_and(|(label, _)| {
                matches!(
                    label.as_str(),
                    "تصوير" | "صوره" | "الصوره" | "عدسه" | "بعدسه" | "مصدر الصوره"
                )
            })
    };
    let counter = |k: usize| {
        let t: String = lines[k]
            .raw
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        t.split_once('/').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && a.chars()
                    .chain(b.chars())
                    .all(ghirbal_text::script::is_any_digit)
        })
    };
    let above = (0..i).rev().find(|&k| !blank(&lines[k]));
    let below = (i + 1..lines.len()).find(|&k| !blank(&lines[k]));
    below.is_some_and(|k| credit(k) || counter(k)) || above.is_some_and(counter)
}

/// Lines of the article's title block: the two lines after the headline, before the first
/// sentence (a subtitle, a second deck: terse and unpunctuated like the headline itself,
/// "الحملة تنطلق الأحد المقبل وتستمر ثلاثة أسابيع عبر 48 ولاية"); and the two lines above
/// the article's byline or dateline there ("كتب: …", "الرياض - عبدالله السبيعي"), the
/// headline and its subtitle when a slogan above the menus passed for the headline.
fn in_title_block(page: &Page<'_>, i: usize) -> bool {
    let Some(body) = page.body.filter(|&b| i < b) else {
        return false;
    };
    page.headline_at
        .is_some_and(|h| h < i && i <= h + TITLE_BLOCK_LINES)
        || (i + 1..body)
            .filter(|&k| !blank(&page.lines[k]))
            .take(TITLE_BLOCK_LINES)
            .any(|k| is_byline(page.lines[k].raw) || dateline_form(page.lines[k].raw))
}

/// An agency's or a reporter's dateline: a place and a name on either side of a dash, a few
/// words each, no figure ("الرياض - عبدالله السبيعي", "حلب – خاص").
fn dateline_form(raw: &str) -> bool {
    let Some((place, name)) = raw.split_once(['-', '–', '—']) else {
        return false;
    };
    let words = |t: &str| t.split_whitespace().count();
    (1..=3).contains(&words(place))
        && (1..=3).contains(&words(name))
        && !raw.chars().any(is_any_digit)
}

/// Lines after the headline that may still belong to its title block.
const TITLE_BLOCK_LINES: usize = 2;

/// What the keyword-list rule measured on a long unpunctuated line.
pub(in crate::boilerplate) struct KeywordSignals {
    pub sparse: bool,
    pub stuffed: bool,
    /// Function words (and one-letter words, name particles) per word.
    pub function_share: f64,
}

impl Boilerplate {
    /// A function word of the list, a one-letter token ("و" written apart) or a particle of
    /// Arabic names (بن، أبو، آل): words that make a line a sentence or a list of people.
    pub(in crate::boilerplate) fn function_like(&self, w: &str) -> bool {
        self.lex.function_words.contains(w)
            || w.chars().nth(1).is_none()
            || NAME_PARTICLES.contains(&w)
    }

    pub(in crate::boilerplate) fn function_words_in(&self, key: &str) -> usize {
        key.split(' ')
            .filter(|w| self.lex.function_words.contains(*w))
            .count()
    }

    /// Sentences, even headlines and list items, carry punctuation or function words;
    /// keyword lists carry neither. Returns None for a line too short or punctuated to judge,
    /// else whether function words are nearly absent (`sparse`) and whether the same words
    /// recur through it (`stuffed`: "وظائف جدة وظائف الرياض وظائف الدمام …", a title
    /// repeated for search engines, a list of months).
    fn keyword_rule(&self, line: &Line<'_>, key: &str) -> Option<KeywordSignals> {
        if line.words < self.opts.keyword_min_words
            || line
                .raw
                .chars()
                .any(|c| c.is_ascii_punctuation() || matches!(c, '،' | '؛' | '؟' | '«' | '»' | '…'))
        {
            return None;
        }
        let key = whole_key(line, key);
        // One-letter tokens ("و" written apart) and the particles of Arabic names (بن، أبو، آل)
        // count with the function words, so that a sentence listing people ("صاحب السمو
        // الأمير … بن … و صاحب السمو الأمير …") is not taken for a keyword list. Repetition:
        // one content word at least `keyword_min_repeats` times, and words seen more than once
        // making up `keyword_repeated_share` of the line.
        let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        let mut function_like = 0;
        for w in key.split(' ').filter(|w| !w.is_empty()) {
            if self.function_like(w) {
                function_like += 1;
            } else {
                *counts.entry(w).or_default() += 1;
            }
        }
        let sparse =
            (function_like as f64) < self.opts.keyword_max_function_share * line.words as f64;
        let top = counts.values().copied().max().unwrap_or(0);
        let repeated: usize = counts.values().filter(|&&n| n > 1).sum();
        let stuffed = self.opts.keyword_min_repeats > 0
            && top >= self.opts.keyword_min_repeats
            && repeated as f64 >= self.opts.keyword_repeated_share * line.words as f64
            && (function_like as f64) < LIST_MAX_FUNCTION_SHARE * line.words as f64;
        Some(KeywordSignals {
            sparse,
            stuffed,
            function_share: function_like as f64 / line.words.max(1) as f64,
        })
    }
}

/// Keyword lists spread over lines: a run of at least `link_card_min_lines` title lines (at
/// most `link_max_words` words, no full stop) with hardly any function words, in which one
/// content word recurs in at least half of the lines: the lists of links a page generates for
/// search engines around one keyword ("- تستخدم كسارة …", "- تستخدم الة طحن …", …). The
/// headline stays when the run ends on it.
pub(in crate::boilerplate) struct Runs;

impl Pass for Runs {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let keys = page.keys.as_str();
        let headline = page.first;
        let min_lines = bp.opts.link_card_min_lines;
        if min_lines == 0 {
            return;
        }
        let titles: Vec<bool> = lines
            .iter()
            .map(|l| {
                l.words > 0 && l.words <= bp.opts.link_max_words && !l.long && bare_title(l.raw)
            })
            .collect();
        let title = |i: usize| titles[i];
        let mut i = 0;
        while i < lines.len() {
            if verdicts[i].is_some() || !title(i) {
                i += 1;
                continue;
            }
            // Blank lines and lines removed by other rules continue a run without counting.
            let mut j = i;
            let mut run = Vec::new();
            while j < lines.len() && (lines[j].words == 0 || verdicts[j].is_some() || title(j)) {
                if verdicts[j].is_none() && title(j) {
                    run.push(j);
                }
                j += 1;
            }
            if run.len() >= min_lines && !introduced(lines, verdicts, i) {
                let (mut words, mut function) = (0, 0);
                // In how many lines each content word appears (once per line).
                let mut in_lines: std::collections::HashMap<&str, usize> =
                    std::collections::HashMap::new();
                for &k in &run {
                    let key = &keys[lines[k].key.clone()];
                    let mut seen: Vec<&str> = Vec::new();
                    for w in key.split(' ').filter(|w| !w.is_empty()) {
                        words += 1;
                        if bp.function_like(w) {
                            function += 1;
                        } else if !seen.contains(&w) {
                            seen.push(w);
                            *in_lines.entry(w).or_default() += 1;
                        }
                    }
                }
                let top = in_lines.values().copied().max().unwrap_or(0);
                let digits = run
                    .iter()
                    .filter(|&&k| lines[k].raw.chars().any(is_any_digit))
                    .count();
                if 2 * top >= run.len()
                    && 2 * digits < run.len()
                    && (function as f64) < LIST_MAX_FUNCTION_SHARE * words as f64
                {
                    // The headline stays wherever it stands in the run, unless it is written as
                    // an item of the list ("- …").
                    let keep = headline.filter(|&h| !starts_with_list_marker(lines[h].raw));
                    for &k in run.iter().filter(|&&k| Some(k) != keep) {
                        verdicts[k] = Some(&RUN);
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
    fn a_terse_caption_above_its_credit_or_in_a_gallery() {
        let caption = "لاعبو المحرق يحتفلون بهدف الفوز أمام مدرجات جماهيرهم الغفيرة";
        let text = format!("{BODY}\n{BODY2}\n{caption}\nتصوير: علي الستراوي\n{BODY3}");
        assert_eq!(rule_of(&text, caption), None, "{:?}", rules(&text));
        let text = format!("{BODY}\n{BODY2}\n7 / 10\n{caption}\n8 / 10\n{BODY3}");
        assert_eq!(rule_of(&text, caption), None, "{:?}", rules(&text));
    }

    #[test]
    fn a_line_of_recurring_keywords() {
        let line = "وظائف الرياض وظائف جدة وظائف الدمام وظائف مكة وظائف المدينة وظائف الخبر";
        assert_eq!(between(line), Some("keyword_list"));
    }

    #[test]
    fn keyword_lists_by_repetition() {
        let line = "وظائف في السعودية وظائف جدة وظائف الدمام وظائف الرياض وظائف الخبر وظائف مكة";
        assert_eq!(
            rule_of(&format!("{BODY}\n{line}\n{BODY2}"), line),
            Some("keyword_list")
        );
        // A sentence naming people repeats titles, with the particles of names.
        let names = "حضر الحفل صاحب السمو الأمير تركي بن سعد و صاحب السمو الأمير فيصل بن سعود و صاحب السمو الأمير سعود بن فيصل";
        assert_eq!(rule_of(&format!("{BODY}\n{names}\n{BODY2}"), names), None);
    }

    #[test]
    fn keyword_lists_over_lines() {
        // Links generated around one keyword, with or without list markers.
        let links = [
            "- شقق للبيع في جدة حي الروضة",
            "- شقق للبيع بالتقسيط",
            "- ارخص شقق للبيع شمال الرياض",
            "- شقق للايجار الشهري",
            "- فلل وشقق للبيع مباشرة بدون وسيط",
            "- شقق مفروشة قريبة من البحر",
        ];
        let text = format!("{BODY}\n{}\n{BODY2}", links.join("\n"));
        for l in links {
            assert_eq!(
                rule_of(&text, l),
                Some("keyword_list"),
                "{l} {:?}",
                rules(&text)
            );
        }
        // A list announced by a colon belongs to the article, however bare its items.
        let text = format!(
            "{BODY}\nوتشمل الفئات الأكثر عرضة:\n{}\n{BODY2}",
            links.join("\n")
        );
        assert!(links.iter().all(|l| rule_of(&text, l).is_none()));
        // Lists of the article carry punctuation in their items.
        let groups = [
            "* المجموعة الأولى: هولندا.. فرنسا.. السويد",
            "* المجموعة الثانية: البرتغال.. سويسرا.. المجر",
            "* المجموعة الثالثة: ألمانيا.. التشيك.. النرويج",
            "* المجموعة الرابعة: ويلز.. النمسا.. صربيا",
            "* المجموعة الخامسة: رومانيا.. الدنمارك.. بولندا",
            "* المجموعة السادسة: إنجلترا.. سلوفاكيا.. مالطا",
        ];
        let text = format!("{BODY}\n{}\n{BODY2}", groups.join("\n"));
        assert!(groups.iter().all(|l| rule_of(&text, l).is_none()));
    }

    #[test]
    fn the_headline_under_the_menus_when_a_slogan_is_above_them() {
        // The slogan is the first headline-like line; the terse headline after the menus and
        // the breadcrumb is the article's all the same.
        let headline = "السجن المشدد 10 سنوات لموظف بحي شرق مدينة نصر بتهمة تقاضي رشوة";
        let text = format!(
            "بوابة النيل اليوم\nأول موقع إخباري مصري على مدار الساعة\nالرئيسية\nأخبار مصر\nحوادث وقضايا\nرياضة\nالرئيسية / حوادث وقضايا / محاكم\n{headline}\nكتب: محمود عبد الرازق\n{BODY}\n{BODY2}"
        );
        assert_eq!(rule_of(&text, headline), None, "{:?}", rules(&text));
        // Menus without a breadcrumb: the headline and its subtitle stand above the dateline.
        let headline = "أمانة الرياض تبدأ تنفيذ 40 حديقة جديدة ضمن برنامج أنسنة الأحياء";
        let subtitle = "المشروع يشمل ممرات مشاة بطول 65 كيلومترا وينجز على ثلاث مراحل خلال عامين";
        let text = format!(
            "صحيفة نجد اليوم\nيومية سعودية تصدر عن مؤسسة نجد للصحافة والنشر\nمحليات\nاقتصاد\nدولي\nرياضة\nالرئيسية\n{headline}\n{subtitle}\nالرياض - عبدالله السبيعي\n{BODY}\n{BODY2}"
        );
        for line in [headline, subtitle] {
            assert_eq!(rule_of(&text, line), None, "{:?}", rules(&text));
        }
    }
}
