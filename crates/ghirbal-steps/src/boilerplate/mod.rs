//! `boilerplate`: removes the page around the article, line by line, recording for each removed
//! line the rule that fired.
//!
//! The rules (their order is in `rules/mod.rs`):
//! - `symbols`: no word, a lone date, time or counter, a user name, the weather, an image
//!   address, market quotes (rules/symbols/mod.rs); a league table, fixtures and share quotes
//!   (rules/symbols/widgets.rs)
//! - `phrase`: theme phrases and site notices of the lexicon (rules/phrase/); a
//!   publication describing itself above or below the article (rules/masthead.rs)
//! - `navigation`: menus and breadcrumbs on one line, pagers, tickers, links to the previous
//!   or next page (rules/navigation.rs)
//! - `repeated_paragraph`: a paragraph already seen in the document (rules/repeated.rs)
//! - `template_line`: a short line recurring across a site or the corpus (rules/template.rs)
//! - `menu_block`: runs of short lines that are menus, and the short lines between removed
//!   blocks (rules/menu.rs)
//! - `keyword_list`: tag lists and SEO keyword lines (rules/keyword.rs)
//! - `link_list`: related-article lists, tags, cards, tables of contents, listings, title
//!   lines framed by furniture below the article (rules/link_list/mod.rs); teasers and
//!   one-line tag labels at the page's tail (rules/link_list/tail.rs)
//! - `comments`: readers' comments from their header to the end (rules/comments.rs)
//! - `edge_short`: short lines at the document's edges (rules/edge.rs)
//!
//! Every removal records its rule and a sub-code (`link_list/toc`, `phrase/lead`): in
//! `boilerplate_removed` with `--annotate`, and as `lines_removed:rule/sub` counters beside the
//! per-rule `lines_removed:rule` and `bytes_removed:rule` in stats.json. Each rule file starts
//! with what its rule removes and why, and lists its sub-codes.
//!
//! Layout: `lexicon` reads the phrase files' marker language; `lines` splits a document
//! into lines and holds the predicates several rules share; `page` finds the landmarks the
//! rules share (protected lines, headline, the article's first sentence); `sketch` counts
//! lines across documents; `rules` runs the line rules, then the passes, in the order written
//! there.
//!
//! Datelines are protected: among the first three lines, a short line with a dash between
//! words, a digit, or a byline ("الرياض – واس", "عين اليوم – جدة", "الخميس 13 يناير 2022",
//! "إعداد: فريق التحرير": a byline word such as بقلم، إعداد، كتب, a colon, a name) is never
//! removed by `menu_block`, `template_line` or `edge_short`, however often it recurs; nor are
//! a byline between the headline and the article, a short title before a byline, and the
//! title under a breadcrumb.
//!
//! A document with no line left is removed (`empty_after_removal`). With `annotate = true` the
//! removed lines and their rules are written to the metadata field `boilerplate_removed`.

#[cfg(test)]
mod across_rules;
mod lexicon;
mod lines;
mod page;
mod rules;
mod shuffle;
mod sketch;
#[cfg(test)]
mod testing;

use crate::check::{self, Validate};
use crate::options::{option_infos, options, Built, ConfigError, FileUse, PathOption};
use ghirbal_core::{cut_marks, Cx, Document, Element, Mark, Stage, StepError, StepInfo, Verdict};
use lexicon::Lexicon;
use page::Page;
pub use rules::{Removal, Rule, REMOVALS};
use serde::{Deserialize, Serialize};
use sketch::Sketch;
use std::io::{Read, Write};

const NAME: &str = "boilerplate";
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    pub builtin_lexicon: bool,
    pub extra_phrases: Vec<String>,
    pub extra_phrases_file: Option<String>,
    pub phrase_coverage: f64,
    pub lead_max_words: usize,
    pub nav_min_items: usize,
    pub nav_max_item_words: usize,
    pub repeated_min_words: usize,
    pub edge_max_words: usize,
    pub menu_min_lines: usize,
    pub menu_max_words: usize,
    pub keyword_min_words: usize,
    pub keyword_max_function_share: f64,
    pub keyword_min_repeats: usize,
    pub keyword_repeated_share: f64,
    pub link_max_words: usize,
    pub link_card_min_lines: usize,
    pub comments: bool,
    pub cross_document: bool,
    pub template_max_words: usize,
    pub template_min_docs: u64,
    pub template_min_share: f64,
    pub corpus_min_docs: u64,
    pub corpus_min_share: f64,
    pub sketch_mb: usize,
    pub annotate: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            builtin_lexicon: true,
            extra_phrases: Vec::new(),
            extra_phrases_file: None,
            phrase_coverage: 0.4,
            lead_max_words: 50,
            nav_min_items: 3,
            nav_max_item_words: 4,
            repeated_min_words: 3,
            edge_max_words: 3,
            menu_min_lines: 3,
            menu_max_words: 4,
            keyword_min_words: 8,
            keyword_max_function_share: 0.05,
            keyword_min_repeats: 3,
            keyword_repeated_share: 0.4,
            link_max_words: 15,
            link_card_min_lines: 6,
            comments: true,
            cross_document: true,
            template_max_words: 12,
            template_min_docs: 10,
            template_min_share: 0.01,
            corpus_min_docs: 100,
            corpus_min_share: 0.002,
            sketch_mb: 64,
            annotate: false,
        }
    }
}

/// Options that name files: the phrase file is read when the step is built.
pub(crate) const PATHS: &[PathOption] = &[PathOption::always("extra_phrases_file", FileUse::Read)];

/// Largest count-min sketch: 64 GiB is far beyond any corpus's distinct lines.
const MAX_SKETCH_MB: usize = 1 << 16;

impl Validate for Options {
    /// Zero and one are refused where they would make a rule fire on ordinary text (a
    /// "navigation line" of one item, a "template" seen in one document, a share of 0 of a
    /// site's documents): with `template_min_docs = 0` every short line of every document would
    /// be removed. Word limits may be 0, which turns their rule off.
    fn validate(&self) -> Result<(), String> {
        if let Some(path) = &self.extra_phrases_file {
            check::path("extra_phrases_file", path)?;
        }
        check::share("phrase_coverage", self.phrase_coverage)?;
        check::at_least("nav_min_items", self.nav_min_items, 2)?;
        check::at_least("nav_max_item_words", self.nav_max_item_words, 1)?;
        check::at_least("repeated_min_words", self.repeated_min_words, 1)?;
        check::at_least("menu_min_lines", self.menu_min_lines, 2)?;
        check::at_least("menu_max_words", self.menu_max_words, 1)?;
        check::at_least("keyword_min_words", self.keyword_min_words, 1)?;
        check::share(
            "keyword_max_function_share",
            self.keyword_max_function_share,
        )?;
        check::off_or_at_least("keyword_min_repeats", self.keyword_min_repeats, 2)?;
        check::share("keyword_repeated_share", self.keyword_repeated_share)?;
        check::off_or_at_least("link_card_min_lines", self.link_card_min_lines, 2)?;
        check::at_least("template_max_words", self.template_max_words, 1)?;
        check::at_least("template_min_docs", self.template_min_docs, 2)?;
        check::share("template_min_share", self.template_min_share)?;
        check::at_least("corpus_min_docs", self.corpus_min_docs, 2)?;
        check::share("corpus_min_share", self.corpus_min_share)?;
        check::within("sketch_mb", self.sketch_mb, 1, MAX_SKETCH_MB)?;
        Ok(())
    }
}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "stage",
        summary: "removes boilerplate lines (theme phrases, navigation, symbols, repeated paragraphs, lines recurring across a site, short lines at the edges) and records the rule for each",
        options: option_infos::<Options>(&[
            ("builtin_lexicon", "use the built-in Arabic and English theme phrases"),
            ("extra_phrases", "more phrases (markers as in the built-in lexicon: ^ lead, = whole line, * site notice, > link-list header, ! comments header)"),
            ("extra_phrases_file", "a file of more phrases, one per line, # for comments (a relative path is relative to the configuration file)"),
            ("phrase_coverage", "share of a line's letters that phrases must cover"),
            ("lead_max_words", "longest line a lead phrase (^...) removes, in words"),
            ("nav_min_items", "fewest separated items for a navigation line"),
            ("nav_max_item_words", "longest navigation item, in words"),
            ("repeated_min_words", "shortest paragraph the repetition rule considers"),
            ("edge_max_words", "longest unpunctuated line removed at the document's edges"),
            ("menu_min_lines", "fewest consecutive short lines that form a menu block"),
            ("menu_max_words", "longest line of a menu block, in words"),
            ("keyword_min_words", "shortest line the keyword-list rule considers, in words"),
            ("keyword_max_function_share", "share of function words below which a long unpunctuated line is a keyword list"),
            ("keyword_min_repeats", "times one word must recur for a long unpunctuated line to be a keyword list by repetition (0: off)"),
            ("keyword_repeated_share", "share of the line's words that recur, for the repetition signal"),
            ("link_max_words", "longest title line a link-list header takes with it (0: off)"),
            ("link_card_min_lines", "fewest title lines, with recurring short labels, that form a list of article cards (0: off)"),
            ("comments", "remove readers' comments after a comments header of the lexicon (!...) to the end of the page"),
            ("cross_document", "count lines across documents (adds a pass over the input)"),
            ("template_max_words", "longest line the cross-document rule considers"),
            ("template_min_docs", "documents of one site a template line appears in, at least"),
            ("template_min_share", "share of a site's documents it appears in, at least"),
            ("corpus_min_docs", "documents of the corpus a template line appears in, at least"),
            ("corpus_min_share", "share of the corpus's documents it appears in, at least"),
            ("sketch_mb", "memory for the cross-document line counts, in MB"),
            ("annotate", "write removed lines and rules to metadata boilerplate_removed"),
        ]),
        reasons: vec![(
            "empty_after_removal",
            "every line of the document was boilerplate (the detail counts lines per rule)",
        )],
    }
}

pub fn build(index: usize, table: toml::Table) -> Result<Built, ConfigError> {
    let (opts, resolved) = options::<Options>(NAME, index, table)?;
    let stage = Boilerplate::new(opts).map_err(|message| ConfigError::BadOptions {
        index,
        name: NAME.to_string(),
        message,
    })?;
    Ok(Built {
        element: Element::Stage(Box::new(stage)),
        resolved,
    })
}

pub struct Boilerplate {
    opts: Options,
    lex: Lexicon,
    /// The cross-document line counts (`cross_document = true`).
    sketch: Option<Sketch>,
}

impl Boilerplate {
    /// The stage for these options (checked as the configuration checks them), with its
    /// phrase file read; the error is the message.
    pub fn new(opts: Options) -> Result<Self, String> {
        opts.validate()?;
        let lex = Lexicon::new(&opts)?;
        let sketch = opts.cross_document.then(|| Sketch::new(opts.sketch_mb));
        Ok(Self { opts, lex, sketch })
    }

    /// Runs the rules on a document; returns the lines removed (numbered from 1) with what
    /// removed them.
    pub fn apply(&self, doc: &mut Document, cx: &mut Cx) -> Vec<(usize, &'static Removal, String)> {
        let text = std::mem::take(&mut doc.text);
        let mut st = rules::Scratch::new(0);
        let page = Page::read(self, doc, &text, &mut st.padded, &mut st.mask);
        st.repeat_of = vec![None; page.lines.len()];
        let verdicts = rules::judge_lines(self, &page, &mut st);
        if verdicts.iter().all(Option::is_none) {
            drop(page);
            doc.text = text;
            return Vec::new();
        }
        let lines = &page.lines;
        let mut out = String::with_capacity(text.len());
        let mut removed = Vec::new();
        let mut pending_blank = false;
        for (i, (line, verdict)) in lines.iter().zip(&verdicts).enumerate() {
            if let Some(removal) = verdict {
                let (lines_key, bytes_key) = removal.rule().counters();
                cx.count(lines_key, 1);
                cx.count(bytes_key, line.raw.len() as u64 + 1);
                cx.count(removal.lines_key(), 1);
                removed.push((i + 1, *removal, line.raw.to_string()));
                continue;
            }
            if line.raw.trim().is_empty() {
                pending_blank = !out.is_empty();
                continue;
            }
            if !out.is_empty() {
                out.push_str(if pending_blank { "\n\n" } else { "\n" });
            }
            pending_blank = false;
            out.push_str(line.raw);
        }
        doc.text = out;
        removed
    }
}

/// Counts a document's short lines in the cross-document sketch.
fn count_lines(sketch: &Sketch, opts: &Options, doc: &Document) {
    let site = sketch::site_of(doc);
    let mut keys = String::new();
    let lines = lines::split(&doc.text, &mut keys);
    sketch.observe(
        site.as_deref(),
        lines.iter().map(|l| (l.words, &keys[l.key.clone()])),
        opts.template_max_words,
    );
}

impl Stage for Boilerplate {
    fn name(&self) -> &'static str {
        NAME
    }

    fn needs_observation(&self) -> bool {
        self.sketch.is_some()
    }

    fn observe(&self, doc: &Document, _seq: u64) -> Result<(), StepError> {
        if let Some(sketch) = &self.sketch {
            count_lines(sketch, &self.opts, doc);
        }
        Ok(())
    }

    fn shuffle(&mut self) -> Option<&mut dyn ghirbal_core::Shuffle> {
        Some(self)
    }

    fn finish(&mut self) -> Result<(), StepError> {
        Ok(())
    }

    /// The number of documents observed, then the sketch's counters.
    fn save_state(&self, out: &mut dyn Write) -> Result<bool, StepError> {
        let Some(sketch) = &self.sketch else {
            return Ok(false);
        };
        sketch
            .save(out)
            .map_err(|e| StepError::stage(NAME, format!("cannot save state: {e}")))?;
        Ok(true)
    }

    fn load_state(&mut self, input: &mut dyn Read) -> Result<(), StepError> {
        let bad =
            |e: std::io::Error| StepError::stage(NAME, format!("unreadable saved state: {e}"));
        let Some(sketch) = &self.sketch else {
            return Err(StepError::stage(
                NAME,
                "no cross-document counts to restore",
            ));
        };
        sketch.load(input).map_err(bad)
    }

    fn decide(&self, doc: &mut Document, _seq: u64, cx: &mut Cx) -> Result<Verdict, StepError> {
        let removed = self.apply(doc, cx);
        if !removed.is_empty() {
            cx.count("documents_changed", 1);
        }
        if self.opts.annotate && !removed.is_empty() {
            let list: Vec<serde_json::Value> = removed
                .iter()
                .map(|(line, rule, text)| serde_json::json!({"line": line, "rule": rule.code(), "text": text}))
                .collect();
            *doc.claim("boilerplate_removed") = serde_json::Value::Array(list);
        }
        let emptied = doc.text.is_empty().then(|| {
            let mut per_rule = Vec::new();
            for rule in Rule::ALL {
                let n = removed.iter().filter(|(_, r, _)| r.rule() == rule).count();
                if n > 0 {
                    per_rule.push(format!("{} {n}", rule.code()));
                }
            }
            format!(
                "0 lines left of {} ({})",
                removed.len(),
                per_rule.join(", ")
            )
        });
        // The struck lines go with the document, for the run report to show them struck; the
        // report keeps a bounded share of them, and so does the document.
        doc.marks.extend(cut_marks(
            removed
                .into_iter()
                .map(|(line, rule, text)| Mark {
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    rule: format!("{NAME}/{}", rule.code()),
                    text,
                })
                .collect(),
        ));
        match emptied {
            Some(detail) => Ok(Verdict::drop(NAME, "empty_after_removal", detail)),
            None => Ok(Verdict::Keep),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::boilerplate::testing::*;

    fn build_error(options: &str) -> String {
        let t: toml::Table = toml::from_str(options).expect("test TOML");
        build(2, t).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn options_that_would_remove_ordinary_lines_are_refused() {
        // With template_min_docs = 0 every short line ("حذر الأمين العام") would be a template.
        assert_eq!(
            build_error("template_min_docs = 0"),
            "step #2 (boilerplate): template_min_docs = 0 is too small (allowed: 2 or more)"
        );
        assert!(
            build_error("phrase_coverage = 1.5").contains("phrase_coverage = 1.5 is not a share")
        );
        assert!(build_error("nav_min_items = 1").contains("nav_min_items = 1 is too small"));
        assert!(build_error("keyword_min_repeats = 1").contains("0 to turn the rule off, or 2"));
        assert!(build_error("sketch_mb = 0").contains("sketch_mb = 0 is outside 1 to 65536"));
        assert_eq!(
            build_error("keyword_min_repeats = 0\nlink_max_words = 0"),
            ""
        );
    }

    #[test]
    fn a_missing_phrase_file_names_the_option_and_the_path() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("عبارات.txt");
        let err = build_error(&format!(
            "extra_phrases_file = {:?}",
            path.display().to_string()
        ));
        assert!(
            err.starts_with(&format!(
                "step #2 (boilerplate): extra_phrases_file = \"{}\": ",
                path.display()
            )),
            "{err}"
        );
        assert!(build_error("extra_phrases_file = \"\"").contains("names no file"));
    }

    #[test]
    fn all_boilerplate_removes_the_document() {
        let mut doc = Document::new("d", "الرئيسية\nاتصل بنا\nجميع الحقوق محفوظة");
        let v = stage()
            .decide(&mut doc, 0, &mut Cx::default())
            .expect("decides");
        assert_eq!(
            v,
            Verdict::drop(NAME, "empty_after_removal", "0 lines left of 3 (phrase 3)")
        );
        // The struck lines go with the document, for the run report.
        let struck: Vec<(u32, &str)> = doc
            .marks
            .iter()
            .map(|m| (m.line, m.text.as_str()))
            .collect();
        assert_eq!(
            struck,
            [(1, "الرئيسية"), (2, "اتصل بنا"), (3, "جميع الحقوق محفوظة")]
        );
        assert!(doc
            .marks
            .iter()
            .all(|m| m.rule.starts_with("boilerplate/phrase")));
    }

    #[test]
    fn annotate_records_lines_and_their_rule_with_its_sub_code() {
        let stage = Boilerplate::new(Options {
            cross_document: false,
            annotate: true,
            ..Options::default()
        })
        .expect("builds");
        let mut doc = Document::new("d", format!("{BODY}\nLeave a Reply"));
        stage
            .decide(&mut doc, 0, &mut Cx::default())
            .expect("decides");
        assert_eq!(doc.text, BODY);
        assert_eq!(
            doc.meta["boilerplate_removed"],
            serde_json::json!([{"line": 2, "rule": "phrase/theme", "text": "Leave a Reply"}])
        );
    }

    /// The seed page as crawled: through normalize and boilerplate, exactly the headline and
    /// the ten article paragraphs remain, and each dropped line has the expected rule. The
    /// fixture is a copy of `../shared/seed/news-page.txt`, so the test runs in any checkout.
    #[test]
    fn seed_page_keeps_the_article_only() {
        let raw = include_str!("../../tests/fixtures/news-page.txt");
        let mut ch = ghirbal_text::normalize::Changes::default();
        let text = ghirbal_text::normalize::normalize(raw, &mut ch).into_owned();
        let mut doc = Document::new("seed", text.clone());
        let removed = stage().apply(&mut doc, &mut Cx::default());
        let got: Vec<(&str, &str)> = removed
            .iter()
            .map(|r| (r.2.as_str(), r.1.rule().code()))
            .collect();
        assert_eq!(
            got,
            [
                ("أوروبا وأمريكاالدولية", "edge_short"),
                (".", "symbols"),
                ("Leave a Reply", "phrase"),
                ("زر الذهاب إلى الأعلى", "phrase"),
            ]
        );
        let kept: Vec<&str> = doc.text.split('\n').filter(|l| !l.is_empty()).collect();
        assert_eq!(kept.len(), 11, "{kept:#?}");
        assert!(kept[0].starts_with("حذر الأمين العام"));
    }
}
