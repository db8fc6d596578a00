//! `template_line` (whole-corpus, `cross_document = true`): a short line (at most
//! `template_max_words` words) that recurs in many documents of the same site (URL host, or
//! the `source` field where there is no URL) or of the whole corpus. Counted in a fixed-size
//! count-min sketch (`sketch_mb`), so memory does not grow with the corpus.
//!
//! Sub-codes: `site`, `corpus` (see the constants below).

use super::{removal, Cut, LineRule, Scratch};
use crate::boilerplate::page::Page;
use crate::boilerplate::Boilerplate;

removal!(
    /// Recurs in `template_min_docs` documents and `template_min_share` of the site's.
    SITE, TemplateLine, "template_line/site"
);
removal!(
    /// Recurs in `corpus_min_docs` documents and `corpus_min_share` of the corpus's.
    CORPUS, TemplateLine, "template_line/corpus"
);

pub(in crate::boilerplate) struct Template;

impl LineRule for Template {
    fn fires(&self, bp: &Boilerplate, page: &Page<'_>, i: usize, _: &mut Scratch) -> Cut {
        let sketch = bp.sketch.as_ref()?;
        if page.protected[i] {
            return None;
        }
        sketch.template(
            &bp.opts,
            page.site.as_deref(),
            page.key(i),
            page.lines[i].words,
        )
    }
}
