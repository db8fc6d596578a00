//! `template_line` (whole-corpus, `cross_document = true`): a short line (at most
//! `template_max_words` words) that recurs in many documents of the same site (URL host, or
//! the `source` field where there is no URL) or of the whole corpus. Counted in a fixed-size
//! count-min sketch (`sketch_mb`), so memory does not grow with the corpus.
//!
//! Sub-codes: `site`, `corpus` (see the constants below).

use super::{removal, Cut, LineRule, Scratch};
use crate::boilerplate::page::Page;
use crate::boilerplate::sketch::Scope;
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
        let words = page.lines[i].words;
        let scope = sketch.template(&bp.opts, page.site.as_deref(), page.key(i), words)?;
        Some(match scope {
            Scope::Site => &SITE,
            Scope::Corpus => &CORPUS,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::boilerplate::testing::*;

    #[test]
    fn template_lines_across_documents_of_a_site() {
        let mut stage = Boilerplate::new(Options {
            template_min_docs: 3,
            ..Options::default()
        })
        .expect("builds");
        let footer = "للتواصل مع الكاتب ارسل رسالة قصيرة";
        let docs: Vec<Document> = (0..5)
            .map(|i| {
                let mut d = Document::new(
                    format!("d{i}"),
                    format!("{BODY} رقم {i}.\n{footer}\n{BODY2} {i}."),
                );
                d.meta.insert(
                    "url".into(),
                    format!("https://www.example.com/news/{i}").into(),
                );
                d
            })
            .collect();
        for (i, d) in docs.iter().enumerate() {
            stage.observe(d, i as u64).expect("observe");
        }
        stage.finish().expect("finish");
        let mut d = docs[0].clone();
        let removed = stage.apply(&mut d, &mut Cx::default());
        assert_eq!(removed.len(), 1);
        assert_eq!(
            (removed[0].1.rule(), removed[0].2.as_str()),
            (Rule::TemplateLine, footer)
        );
        // The same line on another site, seen once there, stays.
        let mut other = docs[1].clone();
        other
            .meta
            .insert("url".into(), "https://another.example.org/a".into());
        let keep = Boilerplate::new(Options::default()).expect("builds");
        assert!(keep.apply(&mut other, &mut Cx::default()).is_empty());

        // A resumed run restores the counts instead of observing again.
        let mut saved = Vec::new();
        assert!(stage.save_state(&mut saved).expect("saves"));
        let mut restored = Boilerplate::new(Options {
            template_min_docs: 3,
            ..Options::default()
        })
        .expect("builds");
        restored.load_state(&mut saved.as_slice()).expect("loads");
        let mut d = docs[0].clone();
        assert_eq!(restored.apply(&mut d, &mut Cx::default()), removed);
        let mut smaller = Boilerplate::new(Options {
            sketch_mb: 1,
            ..Options::default()
        })
        .expect("builds");
        assert!(smaller.load_state(&mut saved.as_slice()).is_err());
    }
}
