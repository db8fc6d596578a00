//! `c4-quality`: C4's line and document rules (Raffel et al. 2020, as datatrove implements
//! them).
//!
//! What it does: removes lines (stripped) that have a word longer than `max_word_length`
//! characters, that do not end in the profile's C4 end punctuation (or end in `...`), that
//! have fewer than `min_words_per_line` words, that mention "javascript", or that mention a
//! cookie or terms-of-use policy; removes Wikipedia-style citation marks (`[1]`, `[edit]`);
//! then removes the document if a kept line contains "lorem ipsum" or a curly bracket, or if
//! the kept lines have fewer than `min_num_sentences` sentences. The document's text becomes
//! the kept lines.
//!
//! Why: C4's rules keep only sentence-like lines. They were made for English: the five-sentence
//! rule removes most short Arabic news items (measured in the README), so the `arabic` preset
//! does not run this step; it is here for English and for comparisons.
//! Example: a three-sentence news brief fails `too_few_sentences` with `3 < 5 sentences`.

use super::{annotate, py_splitlines, py_strip};
use crate::check::Validate;
use crate::options::{option_infos, Built, ConfigError};
use ghirbal_core::{Cx, Document, Metric, Scale, Step, StepError, StepInfo, Verdict};
use ghirbal_text::words::is_py_space;
use regex::Regex;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::sync::LazyLock;

const NAME: &str = "c4-quality";

const POLICY: &[&str] = &[
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
];

static CITATION: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"\[\d*\]|\[edit\]|\[citation needed\]").ok());

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    pub profile: String,
    pub min_num_sentences: usize,
    pub min_words_per_line: usize,
    pub max_word_length: usize,
    pub remove_citations: bool,
    pub filter_no_terminal_punct: bool,
    pub filter_lorem_ipsum: bool,
    pub filter_javascript: bool,
    pub filter_curly_bracket: bool,
    pub filter_policy: bool,
    #[serde(default)]
    pub annotate: bool,
}

impl Default for Options {
    fn default() -> Self {
        super::ar_defaults(NAME)
    }
}

impl Validate for Options {
    /// Counts and lengths where 0 turns the rule off, and switches: nothing to refuse.
    fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "step",
        summary: "keeps only sentence-like lines and removes documents with too few sentences, lorem ipsum or curly brackets (C4); thresholds from the profile",
        options: option_infos::<Options>(&[
            ("profile", super::PROFILE_HELP),
            ("min_num_sentences", "fewest sentences in the kept lines; 0 = off"),
            ("min_words_per_line", "a kept line has at least this many words; 0 = off"),
            ("max_word_length", "a line with a longer word (characters) is removed; 0 = off"),
            ("remove_citations", "remove [1], [edit], [citation needed]"),
            ("filter_no_terminal_punct", "remove lines not ending in the profile's C4 end punctuation"),
            ("filter_lorem_ipsum", "remove documents containing lorem ipsum"),
            ("filter_javascript", "remove lines mentioning javascript"),
            ("filter_curly_bracket", "remove documents containing {"),
            ("filter_policy", "remove lines about cookies and terms of use"),
            ("annotate", "write the line counts to metadata quality.c4_quality"),
        ]),
        reasons: vec![
            ("lorem_ipsum", "a kept line contains lorem ipsum"),
            ("curly_bracket", "a kept line contains a curly bracket"),
            ("too_few_sentences", "the kept lines have fewer than min_num_sentences sentences"),
        ],
    }
}

pub fn build(index: usize, table: toml::Table) -> Result<Built, ConfigError> {
    super::build_filter::<Options>(NAME, index, table)
}

pub type C4Quality = super::Filter<Options>;

impl Step for C4Quality {
    fn name(&self) -> &'static str {
        NAME
    }

    fn metrics(&self) -> Vec<Metric> {
        let m = Metric::new("sentences", "sentences in the kept lines", Scale::COUNT);
        match self.opts.min_num_sentences {
            0 => vec![m],
            n => vec![m.min(n as f64, "too_few_sentences")],
        }
    }

    fn process(&self, doc: &mut Document, cx: &mut Cx) -> Result<Verdict, StepError> {
        let o = &self.opts;
        let p = &self.profile;
        let terminal = |c: char| p.terminal.contains(c);
        let mut kept: Vec<String> = Vec::new();
        let mut sentences = 0usize;
        let (mut long_word, mut no_end, mut few_words, mut js, mut policy) = (0, 0, 0, 0, 0);
        let mut n_lines = 0u64;
        for raw in py_splitlines(&doc.text) {
            n_lines += 1;
            let mut line = py_strip(raw).to_string();
            // A blank line is dropped like any line without end punctuation, but it is layout,
            // not a removed line worth counting.
            if line.is_empty() {
                continue;
            }
            let n_words = line.split(is_py_space).filter(|w| !w.is_empty()).count();
            if o.max_word_length > 0
                && line
                    .split(is_py_space)
                    .any(|w| w.chars().count() > o.max_word_length)
            {
                long_word += 1;
                continue;
            }
            if o.remove_citations {
                if let Some(re) = CITATION.as_ref() {
                    if re.is_match(&line) {
                        line = re.replace_all(&line, "").into_owned();
                    }
                }
            }
            if o.filter_no_terminal_punct
                && (!line.ends_with(p.c4_terminal.as_slice()) || line.ends_with("..."))
            {
                no_end += 1;
                continue;
            }
            if n_words < o.min_words_per_line {
                few_words += 1;
                continue;
            }
            let lower = line.to_lowercase();
            if o.filter_lorem_ipsum && lower.contains("lorem ipsum") {
                return Ok(Verdict::drop(
                    NAME,
                    "lorem_ipsum",
                    "a line contains \"lorem ipsum\"",
                ));
            }
            if o.filter_javascript && lower.contains("javascript") {
                js += 1;
                continue;
            }
            if o.filter_curly_bracket && line.contains('{') {
                return Ok(Verdict::drop(
                    NAME,
                    "curly_bracket",
                    "a line contains \"{\"",
                ));
            }
            if o.filter_policy && POLICY.iter().any(|x| lower.contains(x)) {
                policy += 1;
                continue;
            }
            if o.min_num_sentences > 0 {
                sentences += p.splitter.sentences(&line, &terminal);
            }
            kept.push(line);
        }
        cx.count("lines_removed:long_word", long_word);
        cx.count("lines_removed:no_end_punctuation", no_end);
        cx.count("lines_removed:few_words", few_words);
        cx.count("lines_removed:javascript", js);
        cx.count("lines_removed:policy", policy);
        if o.annotate {
            let mut v = serde_json::Map::new();
            v.insert("lines".into(), json!(n_lines));
            v.insert("lines_kept".into(), json!(kept.len()));
            v.insert("sentences".into(), json!(sentences));
            annotate(doc, "c4_quality", v);
        }
        cx.observe("sentences", sentences as f64);
        if sentences < o.min_num_sentences {
            return Ok(Verdict::drop(
                NAME,
                "too_few_sentences",
                format!(
                    "{sentences} < {} sentences in {} kept of {n_lines} lines",
                    o.min_num_sentences,
                    kept.len()
                ),
            ));
        }
        let joined = kept.join("\n");
        let trimmed = py_strip(&joined);
        if trimmed.len() != doc.text.len() || trimmed != doc.text {
            doc.text = trimmed.to_string();
        }
        Ok(Verdict::Keep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::quality::testing::{code_of as code, load};

    fn step(extra: &str) -> C4Quality {
        let (opts, profile) = load::<Options>(NAME, extra);
        C4Quality { opts, profile }
    }

    fn run(s: &C4Quality, text: &str) -> (Verdict, String) {
        let mut doc = Document::new("d", text);
        let v = s
            .process(&mut doc, &mut Cx::default())
            .expect("never fails");
        (v, doc.text)
    }

    #[test]
    fn keeps_sentence_lines_and_drops_the_rest() {
        let text = "الرئيسية > أخبار\n\
قال الوزير إن الخطة ستنجح. وأضاف أنها بدأت. وأكد أنها مستمرة.\n\
هل تنجح الخطة؟ يرى المحللون ذلك. ويتوقعون نتائج سريعة.\n\
This site uses cookies to improve your experience.";
        let (v, out) = run(&step(""), text);
        assert_eq!(v, Verdict::Keep);
        assert_eq!(
            out,
            "قال الوزير إن الخطة ستنجح. وأضاف أنها بدأت. وأكد أنها مستمرة.\n\
هل تنجح الخطة؟ يرى المحللون ذلك. ويتوقعون نتائج سريعة."
        );
    }

    #[test]
    fn too_few_sentences() {
        let (v, _) = run(&step(""), "قال الوزير إن الخطة ستنجح. وأضاف أنها بدأت.");
        assert_eq!(code(&v), Some("too_few_sentences"));
        let Verdict::Drop(r) = v else { return };
        assert_eq!(r.detail, "2 < 5 sentences in 1 kept of 1 lines");
    }

    #[test]
    fn lorem_ipsum_and_curly_bracket() {
        let (v, _) = run(&step(""), "Lorem ipsum dolor sit amet.");
        assert_eq!(code(&v), Some("lorem_ipsum"));
        let (v, _) = run(&step(""), "var x = {a: 1} هذا سطر برمجي.");
        assert_eq!(code(&v), Some("curly_bracket"));
    }

    #[test]
    fn arabic_question_mark_ends_a_line_for_the_arabic_profile_only() {
        let text = "هل تنجح الخطة في موعدها؟";
        let (_, out) = run(&step("min_num_sentences = 0"), text);
        assert_eq!(out, text);
        let (_, out) = run(
            &step("min_num_sentences = 0\nprofile = \"fineweb2-arb\""),
            text,
        );
        assert_eq!(out, "");
    }
}
