//! `comments`: after the article's headline, a header of the page's tail in the lexicon
//! (written `!phrase`: comments "التعليقات (3)", reviews, the author's box, references;
//! with a count also followed by the article's title, "5 تعليقات على …") takes everything
//! after it, when what is left after the header is at most half of what is left of the
//! article before it, and the header has a count at an edge or follows a removed line
//! (option `comments`).
//!
//! Sub-codes: `thread` (see the constants below).

use super::{removal, symbols, Cut, Pass, Scratch};
use crate::boilerplate::lexicon::{builtin_words, WordList};
use crate::boilerplate::lines::{blank, ends_with_period, has_clock_time, Line};
use crate::boilerplate::page::Page;
use crate::boilerplate::Boilerplate;
use std::sync::LazyLock;

removal!(
    /// A comments header and everything after it.
    THREAD, Comments, "comments/thread"
);

/// A stamped thread has a time stamp within this many lines after its header.
const STAMP_WITHIN_LINES: usize = 4;
/// Kept paragraphs after a thread's last stamp: its comment and the comment form's notice.
const AFTER_LAST_STAMP_MAX_PARAGRAPHS: usize = 2;
/// A commenter's name line above a stamp: at most this many words ("1 - رشيد من طنجة").
const NAME_LINE_MAX_WORDS: usize = 6;
/// A commenter's name over the comment, with the stamp under the comment: at most this many
/// words ("ولد صفاقس", "رفاعي وأفتخر").
const NAME_OVER_TEXT_MAX_WORDS: usize = 3;
/// Longest comments header, in words ("5 تعليقات على" and the article's title).
const COMMENT_HEADER_MAX_WORDS: usize = 25;
/// Words that give a count in a comments header ("تعليق واحد", "one thought on …"), folded.
static COUNT_WORDS: LazyLock<WordList> = LazyLock::new(|| builtin_words("count_words"));

impl Boilerplate {
    /// Whether a line is only a header of the page's tail (`!` in the lexicon: comments,
    /// reviews, the author's box), and if so whether it gives a count: the phrase with a
    /// number before it or in brackets after it ("5 تعليقات", "التعليقات (3)", "تعليق
    /// واحد"), or, for a phrase written with a final "…", a number and the phrase followed by
    /// the article's title ("5 تعليقات على \"…\""). A number inside ("تعليق على المادة 12")
    /// or a final colon ("تعليق:") makes a subheading of the article.
    pub(in crate::boilerplate) fn comment_header(
        &self,
        line: &Line<'_>,
        key: &str,
    ) -> Option<bool> {
        if self.lex.comment_headers.is_empty()
            || line.long
            || line.words > COMMENT_HEADER_MAX_WORDS
            || ends_with_period(line.raw)
        {
            return None;
        }
        // Most lines fail at their first word, without building anything.
        let first = key
            .split(' ')
            .find(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()));
        if !first.is_some_and(|w| {
            self.lex
                .comment_first_words
                .binary_search_by(|f| f.as_str().cmp(w))
                .is_ok()
        }) {
            return None;
        }
        // A count stands at an edge: "5 تعليقات …", "التعليقات (3)"; a number inside is the
        // article's ("تعليق على المادة 12", "رأي حول قانون المالية 2025").
        let all: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
        let digits = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
        let lead = all.iter().take_while(|w| digits(w)).count();
        let bracketed = line.raw.trim_end().ends_with(')')
            && all.last().is_some_and(|w| digits(w))
            && lead < all.len();
        let trail = usize::from(bracketed);
        let middle = &all[lead..all.len() - trail];
        // A number inside may belong to the article's title after a titled header only.
        let inner_number = middle.iter().any(|w| digits(w));
        let mut counted = lead > 0 || bracketed;
        let mut words = String::new();
        for w in middle {
            counted |= COUNT_WORDS.contains(w);
            if !words.is_empty() {
                words.push(' ');
            }
            words.push_str(w);
        }
        // Without a count, a final colon introduces the article's own commentary ("تعليق:");
        // Blogger writes its count with one ("3 تعليقات:").
        if !inner_number
            && self.lex.comment_headers.get(words.as_str()) == Some(&false)
            && (counted || !line.raw.trim_end().ends_with(':'))
        {
            return Some(counted);
        }
        // Titled, the header's count is a number before it, or its own word with the title
        // quoted after it ("تعليقان على \"…\""; "تعليقان على البيان" is a subheading).
        let quoted = || {
            line.raw
                .split_once([' ', '\u{a0}'])
                .and_then(|(_, rest)| rest.split_once([' ', '\u{a0}']))
                .is_some_and(|(_, title)| title.trim_start().starts_with(['"', '«', '“', '\'']))
        };
        self.lex
            .comment_headers
            .iter()
            .any(|(h, &titled)| {
                titled
                    && (lead > 0 || (h.split(' ').any(|w| COUNT_WORDS.contains(&w)) && quoted()))
                    && words.len() > h.len()
                    && words.starts_with(h.as_str())
                    && words.as_bytes()[h.len()] == b' '
            })
            .then_some(true)
    }
}

/// Readers' comments: after the article has begun, a comments header ("التعليقات (3)", "5
/// تعليقات على …", "اترك تعليقاً") starts the comments, which run to the end of the page with
/// their form and the footer. Only when what the rules left after the header is at most half
/// of what they left of the article before it: a thread longer than the article stays rather
/// than risk the article's end, unless its comments carry time stamps.
pub(in crate::boilerplate) struct Thread;

impl Pass for Thread {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, _: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let keys = page.keys.as_str();
        // The article starts at its headline, or without one at its first sentence; a
        // comment counter in the post meta before the body is passed over by the guard.
        let start = match (page.headline_at, page.body) {
            (Some(h), Some(b)) => Some(h.min(b)),
            (h, b) => h.or(b),
        };
        if let Some(body) = start.filter(|_| bp.opts.comments) {
            // The kept text before each line, so that a range's is a difference (a page may
            // hold many header-like lines).
            let mut kept_before = Vec::with_capacity(lines.len() + 1);
            kept_before.push(0usize);
            for (k, line) in lines.iter().enumerate() {
                let add = if verdicts[k].is_none() {
                    line.raw.trim().len()
                } else {
                    0
                };
                kept_before.push(kept_before[k] + add);
            }
            let text = |r: std::ops::Range<usize>| kept_before[r.end] - kept_before[r.start];
            let thread = StampedThread::new(bp, lines, verdicts, body);
            // A header without a count needs the page around it: the line before it removed
            // (a share bar, tags, "عرض جميع التقييمات"), not a paragraph of the article
            // ("عن المؤلف" as a subheading of a book review); or citations under it (a
            // reference list right after the article's last paragraph), or a thread of
            // stamped comments.
            let header = (body + 1..lines.len()).find(|&h| {
                !blank(&lines[h])
                    && bp
                        .comment_header(&lines[h], &keys[lines[h].key.clone()])
                        .is_some_and(|counted| {
                            counted
                                || (0..h)
                                    .rev()
                                    .find(|&k| !blank(&lines[k]))
                                    .is_some_and(|k| verdicts[k].is_some())
                                || (REFERENCE_HEADERS.contains(&keys[lines[h].key.clone()].trim())
                                    && citations_under(lines, verdicts, h))
                                || (page.body.is_some_and(|b| h > b) && thread.after(h))
                        })
                    && {
                        let after = text(h + 1..lines.len());
                        after > 0
                            && (2 * after <= text(body..h)
                                || (page.body.is_some_and(|b| h > b) && thread.after(h)))
                    }
            });
            if let Some(h) = header {
                for k in h..lines.len() {
                    if verdicts[k].is_none() && !blank(&lines[k]) {
                        verdicts[k] = Some(&THREAD);
                    }
                }
            }
        }
    }
}

/// Longest removed line read as a comment's stamp for its clock time or its time ago, in words.
const STAMP_MAX_WORDS: usize = 6;

/// A time ago ("منذ 12 دقيقة", "قبل ساعتين"): "منذ" or "قبل" and a count of time first.
fn time_ago(raw: &str) -> bool {
    let mut w = raw.split_whitespace();
    matches!(w.next(), Some("منذ" | "قبل"))
        && w.next().is_some_and(|n| {
            n.chars().all(ghirbal_text::script::is_any_digit)
                || matches!(
                    ghirbal_text::fold::fold(n).as_str(),
                    "دقيقه"
                        | "دقيقتين"
                        | "ساعه"
                        | "ساعتين"
                        | "يوم"
                        | "يومين"
                        | "اسبوع"
                        | "اسبوعين"
                        | "شهر"
                        | "شهرين"
                        | "سنه"
                        | "سنتين"
                )
        })
}

/// Headers of a reference list, folded: only these take citations without a removed line
/// above (code under a subheading "التعليقات" is Latin too).
const REFERENCE_HEADERS: [&str; 8] = [
    "المراجع",
    "المصادر",
    "مراجع",
    "المصادر والمراجع",
    "المراجع والمصادر",
    "الهوامش",
    "references",
    "sources",
];

/// Fewest citations under a header without a count that make it a reference list's.
const CITATIONS_MIN: usize = 2;
/// Longest citation, in words.
const CITATION_MAX_WORDS: usize = 30;

/// Whether the kept lines under line `h`, up to the first removed line or the page's end, are
/// at least `CITATIONS_MIN` citations and nothing else: short lines each holding a year in four
/// digits, opening with a back link (`↑`, `^`) or written mostly in Latin letters ("World
/// Health Organization. Anaemia fact sheet. 2023", "ابن خلدون، المقدمة، دار الفكر، 1988"). An
/// article's subheading of the same words ("المراجع") heads paragraphs.
fn citations_under(lines: &[Line<'_>], verdicts: &[Cut], h: usize) -> bool {
    let mut n = 0;
    for k in h + 1..lines.len() {
        if blank(&lines[k]) {
            continue;
        }
        if verdicts[k].is_some() {
            break;
        }
        if !citation(&lines[k]) {
            return false;
        }
        n += 1;
    }
    n >= CITATIONS_MIN
}

/// A line of a reference list (see `citations_under`).
fn citation(line: &Line<'_>) -> bool {
    if line.words > CITATION_MAX_WORDS {
        return false;
    }
    let year = line
        .raw
        .split(|c: char| !ghirbal_text::script::is_any_digit(c))
        .any(|d| {
            d.chars().count() == 4
                && matches!(d.chars().next(), Some('1' | '2' | '١' | '٢' | '۱' | '۲'))
        });
    // An encyclopedia's notes open with their back link ("↑ المرجع نفسه، ص ٨٨.").
    if line.raw.trim_start().starts_with(['↑', '^']) {
        return true;
    }
    let letters = line.raw.chars().filter(|c| c.is_alphabetic()).count();
    let latin = line.raw.chars().filter(char::is_ascii_alphabetic).count();
    year || (line.words >= 2 && latin > 0 && 2 * latin >= letters)
}

/// A thread of stamped comments below the article's first sentence is the readers', however
/// long: each comment a short name line, a time stamp, the text. Its first stamp stands within
/// `STAMP_WITHIN_LINES` lines of the header, at least two follow it, every one under a short
/// line (a name; a live page's dated entries stand under paragraphs), and at most two
/// paragraphs are kept after the last (its comment and the form's notice: the article does not
/// go on after the comments). Above the first sentence, a counter and a stamp are post meta.
struct StampedThread {
    /// The stamps after the article's start, in order.
    stamps: Vec<usize>,
    /// Whether every stamp from this one on stands under a short line.
    named_from: Vec<bool>,
    /// Non-blank lines before each line.
    nonblank_before: Vec<usize>,
    /// At most `AFTER_LAST_STAMP_MAX_PARAGRAPHS` paragraphs kept after the last stamp.
    ends_with_comment: bool,
}

impl StampedThread {
    fn new(bp: &Boilerplate, lines: &[Line<'_>], verdicts: &[Cut], body: usize) -> Self {
        // A stamp: a date or a time removed as one, or a short removed line with a clock time
        // ("18/11/2025 16:05", read as a line without words) or a time ago ("منذ 12 دقيقة",
        // read as theme words).
        let stamp = |k: usize| {
            verdicts[k].is_some_and(|v| {
                *v == symbols::DATE
                    || *v == symbols::STAMPS
                    || (lines[k].words <= STAMP_MAX_WORDS
                        && (has_clock_time(lines[k].raw) || time_ago(lines[k].raw)))
            })
        };
        let stamps: Vec<usize> = (body..lines.len()).filter(|&k| stamp(k)).collect();
        // A stamp under its commenter's name, or under the comment with the name above it
        // ("ولد صفاقس" / the comment / "18/11/2025 16:05"): a name of a few words, kept, no
        // stamp (a live page's entries stand under titles of a headline's length).
        let name =
            |k: usize, most: usize| lines[k].words <= most && !ends_with_period(lines[k].raw);
        let named = |s: usize| {
            super::line_above(lines, s).is_some_and(|k| {
                name(k, NAME_LINE_MAX_WORDS)
                    || super::line_above(lines, k).is_some_and(|n| {
                        verdicts[n].is_none()
                            && verdicts[k].is_none()
                            && name(n, NAME_OVER_TEXT_MAX_WORDS)
                    })
            })
        };
        let mut named_from = vec![true; stamps.len() + 1];
        for m in (0..stamps.len()).rev() {
            named_from[m] = named_from[m + 1] && named(stamps[m]);
        }
        let mut nonblank_before = Vec::with_capacity(lines.len() + 1);
        nonblank_before.push(0);
        for (k, line) in lines.iter().enumerate() {
            nonblank_before.push(nonblank_before[k] + usize::from(!blank(line)));
        }
        let ends_with_comment = stamps.last().is_some_and(|&s| {
            (s + 1..lines.len())
                .filter(|&k| verdicts[k].is_none() && super::link_list::paragraph(bp, &lines[k]))
                .count()
                <= AFTER_LAST_STAMP_MAX_PARAGRAPHS
        });
        StampedThread {
            stamps,
            named_from,
            nonblank_before,
            ends_with_comment,
        }
    }

    /// Whether the lines after header `h` are such a thread.
    fn after(&self, h: usize) -> bool {
        let m = self.stamps.partition_point(|&s| s <= h);
        self.ends_with_comment
            && self.stamps.len() - m >= 2
            && self.named_from[m]
            && self.nonblank_before[self.stamps[m]] - self.nonblank_before[h + 1]
                < STAMP_WITHIN_LINES
    }
}

#[cfg(test)]
mod tests {
    use crate::boilerplate::testing::*;

    #[test]
    fn code_under_a_comments_subheading_is_no_reference_list() {
        let text = format!(
            "عنوان الدرس الأول في لغة بايثون للمبتدئين\n{BODY}\n{BODY2}\nالتعليقات\n\
             # This is a single line comment\nprint(\"Hello\") # inline comment\n{BODY3}"
        );
        let r = rules(&text);
        assert!(r[4..].iter().all(|(_, v)| v.is_none()), "{r:?}");
    }

    #[test]
    fn a_reference_list_right_after_the_last_paragraph() {
        let text = format!(
            "عنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\n{BODY2}\n{BODY3}\nالمراجع\n\
             World Health Organization. Anaemia fact sheet. 2023\n\
             ابن خلدون، المقدمة، دار الفكر، 1988\nجميع الحقوق محفوظة © 2024"
        );
        let r = rules(&text);
        assert_eq!(r[4].1, Some("comments"), "{r:?}");
        assert_eq!(r[5].1, Some("comments"), "{r:?}");
        // An encyclopedia's notes, opening with their back links.
        let text = format!(
            "عنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\n{BODY2}\n{BODY3}\nالمراجع\n\
             ↑ المرجع نفسه، ص ٨٨.\n↑ الخليل النحوي، بلاد شنقيط: المنارة والرباط"
        );
        let r = rules(&text);
        assert_eq!(r[5].1, Some("comments"), "{r:?}");
        // The same word heading paragraphs is the article's subheading.
        let text = format!(
            "عنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\n{BODY2}\nالمراجع\n{BODY3}\n{BODY4}"
        );
        let r = rules(&text);
        assert_eq!(r[3].1, None, "{r:?}");
    }

    #[test]
    fn a_thread_with_each_stamp_under_its_comment() {
        let text = format!(
            "عنوان الخبر الرئيسي اليوم في العاصمة\n{BODY}\n{BODY2}\n{BODY3}\n\
             اقرأ أيضا في فلاحة\n\
             بنزرت: حجز 3 أطنان من البطاطا المخزنة بطريقة عشوائية في مخزن غير مرخص بمعتمدية ماطر وإحالة صاحبه على القضاء\n\
             سيدي بوزيد: انطلاق تركيز وحدة لتثمين فضلات المعاصر\nآراء القراء\nولد صفاقس\n\
             الزيت رخص عند الفلاح أما في الحانوت مازال غالي، شكون ياكل في الفرق\n18/11/2025 16:05\n\
             سنية\nربي يعين الفلاح، العام هذا الصابة باهية\nمنذ 30 دقيقة\nأضف تعليقك"
        );
        let r = rules(&text);
        assert!(r[..4].iter().all(|(_, v)| v.is_none()), "{r:?}");
        assert!(r[4..].iter().all(|(_, v)| v.is_some()), "{r:?}");
        assert!(super::time_ago("منذ 12 دقيقة"));
        assert!(super::time_ago("قبل ساعتين"));
        assert!(!super::time_ago("منذ بداية العام"));
    }

    #[test]
    fn readers_comments_go_from_their_header_to_the_end() {
        let comment = "الحمد لله على نعمة المطر، لكن يجب محاسبة المسؤولين عن التبذير.";
        let text = format!(
            "عنوان الخبر الرئيسي اليوم\n{BODY}\n{BODY2}\n{BODY3}\nالتعليقات (2)\n1 - مواطن غيور\n{comment}\n2 - Salma\nنتمنى أن تستمر الأمطار."
        );
        let r = rules(&text);
        assert!(r[..4].iter().all(|(_, rule)| rule.is_none()), "{r:?}");
        assert!(r[4].1.is_some(), "the header");
        assert!(r[5..].iter().all(|(_, rule)| rule.is_some()), "{r:?}");
        assert_eq!(rule_of(&text, comment), Some("comments"));
        // WordPress: a count and the article's title.
        let text =
            format!("{BODY}\n{BODY2}\n{BODY3}\n5 تعليقات على \"عن المدن التي نحبها\"\n{comment}");
        assert_eq!(rule_of(&text, comment), Some("comments"));
        // The dual is a count of its own ("تعليقان", two comments), alone as post meta too.
        let text = format!(
            "عنوان الخبر الرئيسي اليوم\nتعليقان\n{BODY}\n{BODY2}\n{BODY3}\nتعليقان على \"عن المدن التي نحبها\"\n{comment}"
        );
        assert_eq!(rule_of(&text, comment), Some("comments"));
        assert!(rule_of(&text, "تعليقان").is_some());
        // A thread longer than the article goes when its comments carry time stamps.
        let long = "الموقع مهمل منذ سنوات والأعشاب تغطي كل شيء، نتمنى أن يكون هذا الاكتشاف بداية لاهتمام حقيقي بالمكان وبالمدينة كلها.";
        let thread = (1..=6)
            .map(|n| format!("{n} - قارئ\nالثلاثاء 14 ماي 2024 - 11:2{n}\n{long}"))
            .collect::<Vec<_>>()
            .join("\n");
        let text = format!("عنوان الخبر الرئيسي اليوم\n{BODY}\n{BODY2}\nالتعليقات (6)\n{thread}");
        assert_eq!(rule_of(&text, long), Some("comments"), "{:?}", rules(&text));
        // The article going on after two quoted, stamped comments stays; so do a live page's
        // dated entries under a comment counter.
        let quoted = format!(
            "عنوان الخبر الرئيسي اليوم\n{BODY}\n{BODY2}\nمن التعليقات (2)\nأبو سامر\nالثلاثاء 14 ماي 2024 - 11:20\nكلام جميل ونتمنى التطبيق.\nأم علي\nالثلاثاء 14 ماي 2024 - 11:25\nننتظر النتائج.\n{BODY3}\n{BODY4}\nوختم الوزير حديثه بالتأكيد على أن الخطة ستراجع بعد ستة أشهر من بدء التنفيذ."
        );
        assert_eq!(rule_of(&quoted, BODY4), None, "{:?}", rules(&quoted));
        let live = format!(
            "عنوان الخبر الرئيسي اليوم\n{BODY}\nتعليق واحد\nالأحد 7 مايو 2023\n{BODY2}\nالسبت 6 مايو 2023\n{BODY3}\nالجمعة 5 مايو 2023\n{BODY4}\nجميع الحقوق محفوظة © 2025"
        );
        assert_eq!(rule_of(&live, BODY3), None, "{:?}", rules(&live));
        // The dual with an unquoted title is a subheading.
        let sub =
            format!("{BODY}\n{BODY2}\n{BODY3}\nتعليقان على البيان\n{BODY4}\nمقالات أخرى للكاتب");
        assert_eq!(rule_of(&sub, BODY4), None, "{:?}", rules(&sub));
        // Above the article's first sentence a counter and a stamp are post meta.
        let text = format!("عنوان الخبر الرئيسي اليوم\n0 تعليقات\n128 مشاهدة\n{BODY}\n{BODY2}\n{BODY3}\nنشر في 3 مارس 2023");
        assert_eq!(rule_of(&text, BODY2), None, "{:?}", rules(&text));
        // An obituary's condolences from its visitors.
        let condolence = "رحمه الله وغفر له، كان معلمنا في المدرسة وما زلنا نذكر فضله.";
        let text =
            format!("{BODY}\n{BODY2}\n{BODY3}\nتعازي الزوار (3)\nأبو سامر العلي\n{condolence}");
        assert_eq!(rule_of(&text, condolence), Some("comments"));
        // Without a count, "تعليقات على …" may be a subheading of the article.
        let sub = "تعليقات على القرار الحكومي الجديد بشأن الضرائب";
        assert_eq!(deep(sub), None);
        assert_eq!(rule_of(&text, BODY4), None);
        // A thread longer than what is left of the article stays: the header may stand
        // inside the article.
        let text = format!("{BODY}\nالتعليقات\n{BODY2}\n{BODY3}\n{BODY4}");
        assert!(rules(&text)[2..].iter().all(|(_, rule)| rule.is_none()));
        // Before the article's first sentence, a comment counter is post meta.
        let text = format!("عنوان الخبر الرئيسي اليوم\n3 تعليقات\n{BODY}\n{BODY2}");
        assert_eq!(rule_of(&text, BODY), None);
        // The option turns the rule off.
        let off = Boilerplate::new(Options {
            cross_document: false,
            comments: false,
            ..Options::default()
        })
        .expect("builds");
        let text = format!("{BODY}\n{BODY2}\nالتعليقات\n{comment}");
        let mut doc = Document::new("t", text.as_str());
        let removed = off.apply(&mut doc, &mut Cx::default());
        assert!(
            removed.iter().all(|r| r.1.rule() != Rule::Comments),
            "{removed:?}"
        );
    }
}
