//! The page's tail, after the article: teasers under a related list's heading, and tags after
//! a label of their own on one line. Both shapes also stand in articles (a section's title
//! over its paragraph, a list after a label), so both look for the page's furniture around
//! them. Sub-codes `related` and `tags` of `link_list` (see `mod.rs`).

use super::{last_paragraph, paragraph, RELATED, TAGS, TAGS_LABEL_MAX_WORDS};
use crate::boilerplate::lexicon::{builtin_words, WordList};
use crate::boilerplate::lines::{blank, full_stop, is_byline};
use crate::boilerplate::page::Page;
use crate::boilerplate::rules::phrase::HEADER;
use crate::boilerplate::rules::{next_to_removed, Cut, Pass, Scratch};
use crate::boilerplate::Boilerplate;
use std::sync::LazyLock;

/// Longest tag of a labelled list on one line, in words ("حمى الضنك", "هيئة تنظيم قطاع
/// الاتصالات").
const TAG_MAX_WORDS: usize = 5;
/// Words that start a label of tags ("وسوم", "مواضيع", "كلمات"), folded.
static TAG_LABELS: LazyLock<WordList> = LazyLock::new(|| builtin_words("tag_labels"));
/// Tags after a label of their own on one line (`labelled_tags`), among the page's furniture:
/// next to a removed line, or below the article's last paragraph. Between the article's
/// paragraphs the same shape is the article's ("الأقسام: الطوارئ، الباطنية، الجراحة").
pub(in crate::boilerplate) struct TagLines;

impl Pass for TagLines {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let Some(body) = page.body else { return };
        let last = last_paragraph(bp, page, body, verdicts).unwrap_or(body);
        for i in 0..lines.len() {
            if verdicts[i].is_some() || blank(&lines[i]) || !labelled_tags(lines[i].raw) {
                continue;
            }
            if i > last || next_to_removed(lines, verdicts, i) {
                verdicts[i] = Some(&TAGS);
            }
        }
    }
}

/// Tags after a label of their own, on one line: "مواضيع: الخرطوم، حمى الضنك، الأوبئة",
/// "وسوم الموضوع: الفضاء، علم الفلك". The label is at most `TAGS_LABEL_MAX_WORDS` words and
/// starts with a word for tags (`tag_labels`); two or more short items follow, separated by
/// commas or bars, with no sentence ending and no label of their own: a lyricist's credit
/// ("كلمات: أحمد رامي، ألحان: رياض السنباطي") names its parts, and a sentence listing topics
/// ("ناقش المؤتمر عدة مواضيع: …") has a longer label.
fn labelled_tags(raw: &str) -> bool {
    let Some((label, value)) = raw.split_once(':') else {
        return false;
    };
    let mut label_words = label.split_whitespace();
    let first = label_words.next().map(ghirbal_text::fold::fold);
    if label_words.count() >= TAGS_LABEL_MAX_WORDS
        || !first.is_some_and(|w| TAG_LABELS.contains(&w.as_str()))
        || value.contains(':')
        || full_stop(value)
    {
        return false;
    }
    let items: Vec<usize> = value
        .split(['،', ',', '|', '؛'])
        .map(|item| item.split_whitespace().count())
        .collect();
    items.len() >= 2 && items.iter().all(|&n| (1..=TAG_MAX_WORDS).contains(&n))
}

/// Longest run under a link-list header at the page's tail that may hold teasers: titles and
/// the leads of related stories, in lines (those other rules removed among them count).
const TEASER_RUN_MAX_LINES: usize = 12;
/// A teaser's title is a headline: at least this many words ("وادي شاب" or "«أم محمد، 45
/// عاماً»" over a paragraph are the article's own sections).
const TEASER_TITLE_MIN_WORDS: usize = 5;

/// Teasers at the page's tail: under a link-list header after the article ("أخبار متعلقة",
/// "تحليلات أخرى"), a short run of lines up to the next removed line, in which every paragraph
/// (a related story's lead) has a title of its own, when no kept paragraph follows anywhere
/// after it. The header pass stops at such a lead, which has the shape of a subheading's
/// paragraph; at the page's tail nothing of the article is left to keep it for.
pub(in crate::boilerplate) struct Teasers;

impl Pass for Teasers {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let Some(body) = page.body.filter(|_| bp.opts.link_max_words > 0) else {
            return;
        };
        // The last kept paragraph bounds where a tail may start.
        let Some(last) = last_paragraph(bp, page, body + 1, verdicts) else {
            return;
        };
        // Back from it to a link-list header, and on from it to the next removed line.
        let mut window = Vec::new();
        let mut header = None;
        for k in (body + 1..=last).rev() {
            if blank(&lines[k]) {
                continue;
            }
            if verdicts[k] == Some(&HEADER) {
                header = Some(k);
                break;
            }
            window.push(k);
            if window.len() > TEASER_RUN_MAX_LINES {
                return;
            }
        }
        let Some(header) = header else { return };
        let end = (last + 1..lines.len()).find(|&k| verdicts[k].is_some());
        let Some(end) = end else { return };
        window.extend((last + 1..end).filter(|&k| !blank(&lines[k])));
        window.sort_unstable();
        // "اقرأ أيضاً:" and its kin link from inside the article, whose last paragraph may
        // follow the link ("يذكر أن …"): only a list's own heading counts.
        if window.len() > TEASER_RUN_MAX_LINES || page.key(header).starts_with("اقرا") {
            return;
        }
        // Every lead under a title: a paragraph right after a title line (kept or removed) of
        // a headline's length.
        let titled = window.iter().enumerate().all(|(n, &k)| {
            !paragraph(bp, &lines[k])
                || (n > 0 && {
                    let above = &lines[window[n - 1]];
                    window[n - 1] + 1 == k
                        && !paragraph(bp, above)
                        && !full_stop(above.raw)
                        && above.words >= TEASER_TITLE_MIN_WORDS
                })
        });
        // A list the article announces stays whole; a byline inside the run stays alone.
        if titled && window.iter().all(|&k| !page.after_colon[k]) {
            for k in window {
                if verdicts[k].is_none() && !is_byline(lines[k].raw) {
                    verdicts[k] = Some(&RELATED);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::boilerplate::testing::*;

    #[test]
    fn a_teaser_under_a_list_heading_at_the_pages_tail() {
        let title = "جنين: مشروع لزراعة 10 آلاف شجرة زيتون في الأراضي المهددة";
        let lead = "أطلقت مديرية زراعة جنين بالشراكة مع مؤسسات أهلية مشروعاً لزراعة عشرة آلاف شجرة زيتون في أراضٍ مهددة، على أن يستمر العمل فيه حتى نهاية الشتاء...";
        let text = format!(
            "{BODY}\n{BODY2}\nأخبار متعلقة\n{title}\n{lead}\nالتعليقات مغلقة على هذا الخبر.\nجميع الحقوق محفوظة © 2025"
        );
        for line in [title, lead] {
            assert_eq!(
                rule_of(&text, line),
                Some("link_list"),
                "{:?}",
                rules(&text)
            );
        }
        // Titles each with its lead, one title removed by another rule.
        let lead2 = "يتوقع المركز الوطني للأرصاد هطول أمطار رعدية متفرقة على مناطق الجبل الأخضر خلال عطلة نهاية الأسبوع المقبل.";
        let text = format!(
            "{BODY}\n{BODY2}\nموضوعات متعلقة\n{title}\n{lead}\nتوقعات بأمطار رعدية على الجبل الأخضر نهاية الأسبوع\n{lead2}\nالمصرف المركزي يعلن عن آلية جديدة لصرف المرتبات\nتابعنا\nفيسبوك | إكس | يوتيوب"
        );
        for line in [lead, lead2] {
            assert_eq!(
                rule_of(&text, line),
                Some("link_list"),
                "{:?}",
                rules(&text)
            );
        }
        // The article's own closing sections under "X أخرى" stay.
        let wadi = "على بعد ساعتين من العاصمة، يمتد وادي شاب بين جبلين، وتكثر فيه العيون والبساتين الصغيرة.";
        let text = format!(
            "{BODY}\n{BODY2}\nوجهات أخرى\nوادي شاب\n{wadi}\nشارك\nجميع الحقوق محفوظة © 2025"
        );
        assert_eq!(rule_of(&text, wadi), None, "{:?}", rules(&text));
        // After an inline "اقرأ أيضاً:" the article's last paragraph may follow the link.
        let closing =
            "يذكر أن اليمن سجل خلال الأعوام الماضية تفشياً متكرراً لأمراض يمكن الوقاية منها باللقاحات.";
        let text = format!(
            "{BODY}\n{BODY2}\nاقرأ أيضا:\nارتفاع أسعار الأدوية في تعز بنسبة 30% خلال شهرين\n{closing}\nمشاركة\nفيسبوك"
        );
        assert_eq!(rule_of(&text, closing), None, "{:?}", rules(&text));
        // Under a heading between the article's paragraphs, the article goes on.
        let text = format!("{BODY}\nأخبار متعلقة\n{title}\n{BODY2}\n{BODY3}\n{BODY4}\nمشاركة");
        assert_eq!(rule_of(&text, BODY2), None, "{:?}", rules(&text));
    }

    #[test]
    fn tags_after_a_label_of_their_own_on_one_line() {
        for tags in [
            "مواضيع: الخرطوم، حمى الضنك، وزارة الصحة، الأوبئة",
            "كلمات: الجيل الخامس، هيئة تنظيم قطاع الاتصالات، الألياف الضوئية",
            "وسوم الموضوع: الفضاء، علم الفلك، تلسكوب جيمس ويب",
        ] {
            let text = format!("{BODY}\n{BODY2}\n{tags}\nشارك\nجميع الحقوق محفوظة © 2025");
            assert_eq!(rule_of(&text, tags), Some("link_list"), "{tags}");
        }
        // Between the article's paragraphs, the article's own list.
        let units = "الأقسام: الطوارئ، الباطنية، الجراحة العامة، طب الأطفال";
        let text = format!("{BODY}\n{units}\n{BODY2}\n{BODY3}");
        assert_eq!(rule_of(&text, units), None, "{:?}", rules(&text));
        // A lyricist's credit names its parts; a sentence listing topics has a longer label;
        // a label with one value is a fact.
        for kept in [
            "كلمات: أحمد رامي، ألحان: رياض السنباطي",
            "ناقش المؤتمر عدة مواضيع: الصحة، التعليم، النقل",
            "مواضيع: الصحة والتعليم",
            "الموضوعات: ناقش المجلس الميزانية، وأقر القانون.",
        ] {
            assert_eq!(deep(kept), None, "{kept}");
        }
    }
}
