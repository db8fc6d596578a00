//! `repeated_paragraph`: the same paragraph (matching normalization, at least
//! `repeated_min_words` words) already appeared earlier in the document: the lead repeated at
//! the end, a body pasted twice. The first copy stays, except when it was removed as
//! boilerplate and the copy is a subheading (a short line followed by a sentence): a table
//! of contents lists the subheadings that follow it.
//!
//! Sub-codes: `copy` (see the constants below).

use super::{link_list, removal, rule, Cut, LineRule, Pass, Rule, Scratch};
use crate::boilerplate::lines::blank;
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
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::boilerplate::testing::*;

    #[test]
    fn repeated_paragraph_keeps_the_first_copy() {
        let text = format!("{BODY}\n\n{BODY2}\n\n{BODY}");
        let r = rules(&text);
        assert_eq!(r[0].1, None);
        assert_eq!(r[4].1, Some("repeated_paragraph"));
    }
}
