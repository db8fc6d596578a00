//! `repeated_paragraph`: the same paragraph (matching normalization, at least
//! `repeated_min_words` words) already appeared earlier in the document: the lead repeated at
//! the end, a body pasted twice. The first copy stays, except when it was removed as
//! boilerplate and the copy is a subheading (a short line followed by a sentence): a table
//! of contents lists the subheadings that follow it; nor does a short line the text says
//! twice between its own lines go (a poem's refrain, an article's subheading for each part).
//!
//! Sub-codes: `copy` (see the constants below).

use super::{introduced, link_list, removal, rule, Cut, LineRule, Pass, Rule, Scratch};
use crate::boilerplate::lines::{blank, full_stop};
use crate::boilerplate::page::Page;
use crate::boilerplate::Boilerplate;
use std::collections::hash_map::Entry;

removal!(
    /// A later copy of a paragraph.
    COPY, RepeatedParagraph, "repeated_paragraph/copy"
);

pub(in crate::boilerplate) struct Repeated;

impl LineRule for Repeated {
    fn fires(&self, bp: &Boilerplate, page: &Page<'_>, i: usize, st: &mut Scratch) -> Cut {
        let line = &page.lines[i];
        if line.words < bp.opts.repeated_min_words {
            return None;
        }
        // Long lines are folded only at their start: they are hashed as written.
        let h = xxhash_rust::xxh3::xxh3_128(if line.long {
            line.raw.trim().as_bytes()
        } else {
            page.key(i).as_bytes()
        });
        match st.seen.entry(h) {
            Entry::Occupied(e) => {
                st.repeat_of[i] = Some(*e.get());
                Some(&COPY)
            }
            Entry::Vacant(e) => {
                e.insert(i);
                None
            }
        }
    }
}
/// A subheading that repeats a line removed as boilerplate is not the repetition: a table of
/// contents lists the subheadings that follow. A subheading is a short line followed by a
/// sentence of the article (titles repeated in widgets are followed by more titles).
pub(in crate::boilerplate) struct Subheadings;

impl Pass for Subheadings {
    fn run(&self, bp: &Boilerplate, page: &Page<'_>, st: &mut Scratch, verdicts: &mut [Cut]) {
        let lines = &page.lines[..];
        let landmarks = [page.headline_at, page.title_before_body, page.first];
        contents_without_a_header(bp, page, verdicts);
        for i in 0..lines.len() {
            if let Some(k) = st.repeat_of[i] {
                let next = (i + 1..lines.len()).find(|&n| !blank(&lines[n]));
                if rule(verdicts[i]) == Some(Rule::RepeatedParagraph)
                    && !lines[i].long
                    && lines[i].words <= bp.opts.link_max_words
                    && verdicts[k].is_some()
                    && next.is_some_and(|n| {
                        verdicts[n].is_none()
                            && (lines[n].ends_sentence || lines[n].raw.trim_end().ends_with(':'))
                            && lines[n].words > bp.opts.edge_max_words
                    })
                {
                    verdicts[i] = None;
                }
                // The first copy kept at the end of a table of contents (the last entry, right
                // before the article's first paragraph), the later one a subheading: the entry
                // goes, the subheading stays.
                else if rule(verdicts[i]) == Some(Rule::RepeatedParagraph)
                    && verdicts[k].is_none()
                    && !lines[i].long
                    && lines[i].words <= bp.opts.link_max_words
                    && !landmarks.contains(&Some(k))
                    && (0..k)
                        .rev()
                        .find(|&n| !blank(&lines[n]))
                        .is_some_and(|n| rule(verdicts[n]) == Some(Rule::LinkList))
                    && next.is_some_and(|n| verdicts[n].is_none() && lines[n].ends_sentence)
                {
                    verdicts[k] = Some(&link_list::TOC_ENTRY);
                    verdicts[i] = None;
                }
                // A refrain: a short line (a verse, a slogan) the text itself says twice, after
                // its headline, kept lines of the text after the first copy and on either side
                // of the second (a poem may open with it, right under the page's buttons).
                // Widgets repeat the headline or a title among other removed lines.
                else if rule(verdicts[i]) == Some(Rule::RepeatedParagraph)
                    && verdicts[k].is_none()
                    && !lines[i].long
                    && lines[i].words <= bp.opts.link_max_words
                    && {
                        let kept = |n: Option<usize>| {
                            n.is_some_and(|n| verdicts[n].is_none() && !full_stop(lines[n].raw))
                        };
                        let after = |at: usize| (at + 1..lines.len()).find(|&n| !blank(&lines[n]));
                        kept(after(k))
                            && kept(after(i))
                            && kept((0..i).rev().find(|&n| !blank(&lines[n])))
                    }
                {
                    verdicts[i] = None;
                }
            }
        }
    }
}

/// Fewest entries of a table of contents that its subheadings repeat below.
const CONTENTS_MIN_REPEATED: usize = 2;

/// A table of contents whose header no lexicon names ("في هذا الدليل"): above the article's
/// first sentence, not after a colon, a run of short lines (at most `link_max_words` words, no
/// full stop) of which at least two, and at least half of those still kept, come back below as
/// subheadings (each right above a kept sentence of the
/// article, however short: "لماذا صلالة؟"). The run's kept lines go (not the page's headline
/// or protected lines: the byline above), and the subheadings stay.
fn contents_without_a_header(bp: &Boilerplate, page: &Page<'_>, verdicts: &mut [Cut]) {
    let lines = &page.lines[..];
    let short = |k: usize| {
        let l = &lines[k];
        !blank(l) && !l.long && l.words <= bp.opts.link_max_words && !full_stop(l.raw)
    };
    // Subheadings: short lines right above a kept sentence, kept or taken as repeats.
    let mut subheadings: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for i in 0..lines.len() {
        if short(i)
            && matches!(rule(verdicts[i]), None | Some(Rule::RepeatedParagraph))
            && (i + 1..lines.len())
                .find(|&n| !blank(&lines[n]))
                .is_some_and(|n| {
                    verdicts[n].is_none()
                        && lines[n].ends_sentence
                        && lines[n].words > bp.opts.menu_max_words * 2
                })
        {
            subheadings.entry(page.key(i).trim()).or_default().push(i);
        }
    }
    if subheadings.len() < CONTENTS_MIN_REPEATED {
        return;
    }
    let landmarks = [page.headline_at, page.title_before_body, page.first];
    let open = |k: usize, verdicts: &[Cut]| {
        verdicts[k].is_none() && !page.protected[k] && !landmarks.contains(&Some(k))
    };
    let mut a = 0;
    while a < lines.len() {
        if !short(a) {
            a += 1;
            continue;
        }
        let b = (a..lines.len()).find(|&k| !short(k)).unwrap_or(lines.len());
        // Above the article's first sentence only, and not announced by a colon: the article's
        // own list, between its paragraphs, may name the sections that follow ("… إلى سببين
        // رئيسيين:", a highlights box).
        if page.body.is_none_or(|body| b > body) || introduced(lines, verdicts, a) {
            a = b;
            continue;
        }
        let later = |k: usize| {
            subheadings
                .get(page.key(k).trim())
                .map(|at| at.iter().copied().filter(move |&i| i >= b))
                .into_iter()
                .flatten()
        };
        let entries = (a..b).filter(|&k| open(k, verdicts)).count();
        let repeated = (a..b)
            .filter(|&k| open(k, verdicts) && later(k).next().is_some())
            .count();
        if repeated >= CONTENTS_MIN_REPEATED && 2 * repeated >= entries {
            for k in a..b {
                for i in later(k) {
                    if rule(verdicts[i]) == Some(Rule::RepeatedParagraph) {
                        verdicts[i] = None;
                    }
                }
                if open(k, verdicts) {
                    verdicts[k] = Some(&link_list::TOC_ENTRY);
                }
            }
        }
        a = b;
    }
}

#[cfg(test)]
mod tests {
    use crate::boilerplate::testing::*;

    #[test]
    fn a_table_of_contents_under_a_header_no_lexicon_names() {
        let text = format!(
            "دليل السفر إلى صلالة: كل ما تحتاج معرفته قبل زيارة عروس الخريف\nبقلم: هشام القاسمي\n\
             في هذا الدليل\nلماذا صلالة؟\nأفضل وقت للزيارة\nالتنقل في صلالة\n{BODY}\n\
             لماذا صلالة؟\n{BODY2}\nأفضل وقت للزيارة\n{BODY3}\nالتنقل في صلالة\n{BODY4}"
        );
        let r = rules(&text);
        for k in 2..6 {
            assert_eq!(r[k].1, Some("link_list"), "{r:?}");
        }
        assert_eq!(r[0].1, None, "{r:?}");
        assert_eq!(r[1].1, None, "{r:?}");
        for k in [7, 9, 11] {
            assert_eq!(r[k].1, None, "{r:?}");
        }
        // One subheading repeated is no table of contents.
        let text =
            format!("أفضل وقت للزيارة\nنصائح سريعة\nأين تقيم\n{BODY}\nأفضل وقت للزيارة\n{BODY2}");
        let r = rules(&text);
        assert!(r.iter().all(|(_, v)| *v != Some("link_list")), "{r:?}");
    }

    #[test]
    fn repeated_paragraph_keeps_the_first_copy() {
        let text = format!("{BODY}\n\n{BODY2}\n\n{BODY}");
        let r = rules(&text);
        assert_eq!(r[0].1, None);
        assert_eq!(r[4].1, Some("repeated_paragraph"));
    }

    #[test]
    fn a_poems_refrain_stays_and_a_headline_in_a_list_goes() {
        let refrain = "لي نافذةٌ في بيتِ جدّتي القديمْ";
        let text = format!(
            "نافذةٌ في بيتِ جدّتي\nيوسف أبو حمدة\n🔊 استمع إلى القصيدة\n{refrain}\n\
             تطلُّ على زيتونتينِ وبئرٍ يابسةْ\nوعلى سماءٍ لا تُغلِقُ بابَها في المساءْ\n\
             في المنفى تعلّمتُ لغاتٍ كثيرةً\n{refrain}\nلا أحدَ يفتحُها الآنْ\n\
             لكنّ الضوءَ لا يحتاجُ إلى إذنٍ ليدخلْ"
        );
        let r = rules(&text);
        assert!(
            r.iter().all(|(_, v)| *v != Some("repeated_paragraph")),
            "{r:?}"
        );
        // The headline again among the related titles below the article.
        let headline = "وزارة الصحة تطلق حملة وطنية للتطعيم";
        let text = format!(
            "{headline}\n{BODY}\n{BODY2}\nأخبار ذات صلة\nافتتاح مستشفى جديد في المدينة\n\
             {headline}\nانطلاق العام الدراسي الجديد"
        );
        let r = rules(&text);
        assert_eq!(r[0].1, None, "{r:?}");
        assert!(r[5].1.is_some(), "{r:?}");
    }
}
