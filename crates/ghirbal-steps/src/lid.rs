//! `lid`: language identification; removes documents that are not in the languages kept.
//!
//! What it does: identifies the language of the document (its first `max_bytes` bytes) with
//! fastText's lid.176 model embedded in ghirbal, restricted to the languages of the text's
//! script and weighed with letter and word evidence for the Arabic-script languages (see the
//! `ghirbal-lid` crate). Writes `language`, `language_score` and `script` to the metadata, and
//! for Arabic `dialect` and `dialect_score` (an annotation only: nothing is removed by
//! dialect). Removes the document when its language is not in `keep` (`wrong_language`) or
//! when its score is under `min_score` (`low_score`). With `paragraphs = true`, lines of at
//! least `paragraph_min_chars` characters that are confidently in a language not kept are
//! removed first (a Persian or English paragraph inside an Arabic page), and the document is
//! judged on what remains.
//! Why: Persian, Urdu, Pashto, Sorani Kurdish, Sindhi and Uyghur share the Arabic script, so a
//! script test keeps them all; short dialect text must not be thrown out as "not Arabic".
//! Example: `همه چیز درباره‌ی این شهر را بخوانید و از آن لذت ببرید.` is removed with
//! `wrong_language`, detail `fa (score 1.00) not in keep [ar]`.
//! Languages: `ar` (every variety), `fa`, `ur`, `ps`, `ckb`, `sd`, `ug`, `en`, `fr` by name;
//! any other lid.176 code is written as it is and matches `other` in `keep`; `und` when the
//! text has no letter.

use crate::check::{self, Validate};
use crate::options::{option_infos, options, Built, ConfigError};
use ghirbal_core::{Cx, Document, Element, Metric, Scale, Step, StepError, StepInfo, Verdict};
use ghirbal_lid::{Dialect, Guess, Identifier, Limits, NAMED_LANGUAGES};
use serde::{Deserialize, Serialize};
use serde_json::Value;

const NAME: &str = "lid";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Languages kept: codes (`ar`, `fa`, `ur`, `ps`, `ckb`, `sd`, `ug`, `en`, `fr`, or any
    /// lid.176 code), and `other` for every language ghirbal does not name.
    pub keep: Vec<String>,
    /// Lowest language score a kept document has.
    pub min_score: f32,
    /// Remove lines in a language not kept before judging the document.
    pub paragraphs: bool,
    /// Lines shorter than this (characters) are never removed as foreign.
    pub paragraph_min_chars: usize,
    /// Annotate Arabic documents with a dialect group.
    pub dialect: bool,
    /// Bytes of the document identified (its beginning).
    pub max_bytes: usize,
    /// Write removed paragraphs and their language to metadata `lid_removed`.
    pub annotate: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            keep: vec!["ar".to_string()],
            min_score: 0.5,
            paragraphs: false,
            paragraph_min_chars: 40,
            dialect: true,
            max_bytes: Limits::default().max_bytes,
            annotate: false,
        }
    }
}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "step",
        summary: "identifies the language (fastText lid.176 embedded, with Arabic-script letter and word evidence), writes language, language_score, script and for Arabic dialect, dialect_score; removes documents not in keep or under min_score",
        options: option_infos::<Options>(&[
            ("keep", "languages kept: ar, fa, ur, ps, ckb, sd, ug, en, fr or any lid.176 code; other = every language not named"),
            ("min_score", "lowest language score (0 to 1) a kept document has"),
            ("paragraphs", "remove lines confidently in a language not kept before judging the document"),
            ("paragraph_min_chars", "lines shorter than this (characters) are never removed as foreign"),
            ("dialect", "annotate Arabic documents with dialect (msa, egy (with Sudanese), glf (with Iraqi and Yemeni), lev, mgr, or unknown when the model is not sure) and dialect_score"),
            ("max_bytes", "bytes of the document identified (its beginning)"),
            ("annotate", "write removed paragraphs and their language to metadata lid_removed"),
        ]),
        reasons: vec![
            ("wrong_language", "the language identified is not in keep (detail: language and score)"),
            ("low_score", "the language is kept but its score is under min_score"),
        ],
    }
}

pub fn build(index: usize, table: toml::Table) -> Result<Built, ConfigError> {
    let (opts, resolved) = options::<Options>(NAME, index, table)?;
    let identifier = Identifier::get().map_err(|e| ConfigError::BadOptions {
        index,
        name: NAME.to_string(),
        message: e.to_string(),
    })?;
    Ok(Built {
        element: Element::Step(Box::new(Lid { opts, identifier })),
        resolved,
    })
}

/// The labels of fastText's lid.176 model embedded in `ghirbal-lid`, sorted (pinned to the
/// model file by a test). The identifier outputs one of them, `ar` for `ar` and `arz` pooled,
/// or `und`.
const LID176_LABELS: &[&str] = &[
    "af", "als", "am", "an", "ar", "arz", "as", "ast", "av", "az", "azb", "ba", "bar", "bcl", "be",
    "bg", "bh", "bn", "bo", "bpy", "br", "bs", "bxr", "ca", "cbk", "ce", "ceb", "ckb", "co", "cs",
    "cv", "cy", "da", "de", "diq", "dsb", "dty", "dv", "el", "eml", "en", "eo", "es", "et", "eu",
    "fa", "fi", "fr", "frr", "fy", "ga", "gd", "gl", "gn", "gom", "gu", "gv", "he", "hi", "hif",
    "hr", "hsb", "ht", "hu", "hy", "ia", "id", "ie", "ilo", "io", "is", "it", "ja", "jbo", "jv",
    "ka", "kk", "km", "kn", "ko", "krc", "ku", "kv", "kw", "ky", "la", "lb", "lez", "li", "lmo",
    "lo", "lrc", "lt", "lv", "mai", "mg", "mhr", "min", "mk", "ml", "mn", "mr", "mrj", "ms", "mt",
    "mwl", "my", "myv", "mzn", "nah", "nap", "nds", "ne", "new", "nl", "nn", "no", "oc", "or",
    "os", "pa", "pam", "pfl", "pl", "pms", "pnb", "ps", "pt", "qu", "rm", "ro", "ru", "rue", "sa",
    "sah", "sc", "scn", "sco", "sd", "sh", "si", "sk", "sl", "so", "sq", "sr", "su", "sv", "sw",
    "ta", "te", "tg", "th", "tk", "tl", "tr", "tt", "tyv", "ug", "uk", "ur", "uz", "vec", "vep",
    "vi", "vls", "vo", "wa", "war", "wuu", "xal", "xmf", "yi", "yo", "yue", "zh",
];

/// Varieties of Arabic that the identifier reports as `ar`, never under their own code.
const POOLED_INTO_AR: &[&str] = &["arz"];

/// English names of the languages ghirbal names, for a hint when `keep` has a name instead
/// of a code.
const LANGUAGE_NAMES: &[(&str, &str)] = &[
    ("arabic", "ar"),
    ("persian", "fa"),
    ("farsi", "fa"),
    ("urdu", "ur"),
    ("pashto", "ps"),
    ("kurdish", "ckb"),
    ("sorani", "ckb"),
    ("sindhi", "sd"),
    ("uyghur", "ug"),
    ("english", "en"),
    ("french", "fr"),
];

const DIALECTS: [Dialect; 6] = [
    Dialect::Msa,
    Dialect::Egyptian,
    Dialect::Gulf,
    Dialect::Levantine,
    Dialect::Maghrebi,
    Dialect::Unknown,
];

/// Why a `keep` entry can never match what the identifier outputs, if it cannot.
fn keep_entry_problem(k: &str) -> Option<String> {
    if k == "other" || k == "und" || (LID176_LABELS.contains(&k) && !POOLED_INTO_AR.contains(&k)) {
        return None;
    }
    if POOLED_INTO_AR.contains(&k) {
        return Some(format!(
            "keep: \"{k}\" is never output: every variety of Arabic is identified as ar (its dialect group is written to metadata dialect, not filtered on)"
        ));
    }
    if DIALECTS.iter().any(|d| d.code() == k) {
        let dialects: Vec<&str> = DIALECTS.iter().map(|d| d.code()).collect();
        return Some(format!(
            "keep: \"{k}\" is a dialect group, not a language: lid keeps every variety of Arabic as ar and only annotates the dialect (metadata dialect: {})",
            dialects.join(", ")
        ));
    }
    let lower = k.trim().to_lowercase();
    let hint = LANGUAGE_NAMES
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, code)| *code)
        .or_else(|| (lower != k && keep_entry_problem(&lower).is_none()).then_some(lower.as_str()))
        .map(|code| format!("did you mean \"{code}\"? "))
        .unwrap_or_default();
    Some(format!(
        "keep: \"{k}\" is not a language code ({hint}codes look like ar, fa, ur: ghirbal names {}; any other of lid.176's codes, such as de or tr, is allowed; und is text without letters; other is every language not named)",
        NAMED_LANGUAGES.join(", ")
    ))
}

impl Validate for Options {
    fn validate(&self) -> Result<(), String> {
        if self.keep.is_empty() {
            return Err(
                "keep = [] lists no language, so every document would be removed (allowed: language codes such as [\"ar\"])"
                    .to_string(),
            );
        }
        if let Some(problem) = self.keep.iter().find_map(|k| keep_entry_problem(k)) {
            return Err(problem);
        }
        check::share("min_score", self.min_score)?;
        check::at_least("max_bytes", self.max_bytes, 1)?;
        Ok(())
    }
}

pub struct Lid {
    opts: Options,
    identifier: &'static Identifier,
}

impl Lid {
    fn kept(&self, guess: &Guess) -> bool {
        self.opts
            .keep
            .iter()
            .any(|k| *k == guess.language || (k == "other" && !guess.is_named()))
    }

    fn keep_list(&self) -> String {
        format!("[{}]", self.opts.keep.join(", "))
    }

    /// Removes lines confidently in a language not kept; returns them with their guess.
    fn remove_paragraphs(&self, doc: &mut Document) -> Vec<(usize, Guess, String)> {
        let limits = Limits {
            max_bytes: self.opts.max_bytes,
            ..Limits::default()
        };
        let mut removed = Vec::new();
        let mut kept = String::with_capacity(doc.text.len());
        for (i, line) in doc.text.split('\n').enumerate() {
            if line.chars().count() >= self.opts.paragraph_min_chars {
                let g = self.identifier.identify(line, limits);
                if !self.kept(&g) && g.score >= self.opts.min_score {
                    removed.push((i + 1, g, line.to_string()));
                    continue;
                }
            }
            if !kept.is_empty() {
                kept.push('\n');
            }
            kept.push_str(line);
        }
        if !removed.is_empty() {
            doc.text = kept;
        }
        removed
    }
}

fn round(x: f32) -> Value {
    Value::from((f64::from(x) * 10_000.0).round() / 10_000.0)
}

impl Step for Lid {
    fn name(&self) -> &'static str {
        NAME
    }

    fn metrics(&self) -> Vec<Metric> {
        let mut out = vec![Metric::new(
            "language_score",
            "score of the language identified, in a kept language",
            Scale::RATIO,
        )
        // The option is an f32: 0.65 is shown as 0.65, not 0.6499999761581421.
        .min(
            (f64::from(self.opts.min_score) * 1e6).round() / 1e6,
            "low_score",
        )];
        if self.opts.dialect {
            out.push(Metric::new(
                "dialect_score",
                "score of the dialect group (Arabic documents)",
                Scale::RATIO,
            ));
        }
        out
    }

    fn process(&self, doc: &mut Document, cx: &mut Cx) -> Result<Verdict, StepError> {
        if self.opts.paragraphs {
            let removed = self.remove_paragraphs(doc);
            if !removed.is_empty() {
                cx.count("documents_changed", 1);
                cx.count("paragraphs_removed", removed.len() as u64);
                if self.opts.annotate {
                    let list: Vec<Value> = removed
                        .iter()
                        .map(|(line, g, text)| serde_json::json!({"line": line, "language": g.language, "score": round(g.score), "text": text}))
                        .collect();
                    *doc.claim("lid_removed") = Value::Array(list);
                }
            }
        }
        let guess = self.identifier.identify(
            &doc.text,
            Limits {
                max_bytes: self.opts.max_bytes,
                ..Limits::default()
            },
        );
        *doc.claim("language") = Value::from(guess.language.clone());
        *doc.claim("language_score") = round(guess.score);
        *doc.claim("script") = Value::from(guess.script.code());
        cx.observe_label("language", &guess.language);
        cx.observe_label("script", guess.script.code());
        if self.opts.dialect {
            if let Some(d) = guess.dialect {
                *doc.claim("dialect") = Value::from(d.dialect.code());
                *doc.claim("dialect_score") = round(d.score);
                cx.observe("dialect_score", f64::from(d.score));
                cx.observe_label("dialect", d.dialect.code());
            }
        }
        if !self.kept(&guess) {
            return Ok(Verdict::drop(
                NAME,
                "wrong_language",
                format!(
                    "{} (score {:.2}) not in keep {}",
                    guess.language,
                    guess.score,
                    self.keep_list()
                ),
            ));
        }
        // Only documents in a kept language meet `min_score`: the histogram under that
        // threshold holds just them.
        cx.observe("language_score", f64::from(guess.score));
        if guess.score < self.opts.min_score {
            return Ok(Verdict::drop(
                NAME,
                "low_score",
                format!(
                    "{} score {:.2} < {}",
                    guess.language, guess.score, self.opts.min_score
                ),
            ));
        }
        Ok(Verdict::Keep)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(opts: Options) -> Lid {
        Lid {
            opts,
            identifier: Identifier::get().expect("the embedded model loads"),
        }
    }

    fn run(text: &str, opts: Options) -> (Verdict, Document) {
        let mut doc = Document::new("d", text);
        let v = step(opts)
            .process(&mut doc, &mut Cx::default())
            .expect("lid never fails");
        (v, doc)
    }

    fn code(v: &Verdict) -> &str {
        match v {
            Verdict::Drop(r) => r.code,
            Verdict::Keep => "keep",
        }
    }

    #[test]
    fn keeps_arabic_and_annotates() {
        let (v, doc) = run(
            "حذر الأمين العام للأمم المتحدة من تصعيد التوترات بين روسيا وحلف شمال الأطلسي",
            Options::default(),
        );
        assert_eq!(v, Verdict::Keep);
        assert_eq!(doc.meta["language"], "ar");
        assert_eq!(doc.meta["script"], "Arab");
        assert_eq!(doc.meta["dialect"], "msa");
        assert!(doc.meta["language_score"].as_f64().unwrap_or(0.0) > 0.9);
    }

    #[test]
    fn keeps_short_dialect_text() {
        let (v, doc) = run("انا عايز اروح البيت دلوقتي", Options::default());
        assert_eq!(v, Verdict::Keep, "{:?}", doc.meta);
        assert_eq!(doc.meta["dialect"], "egy");
    }

    #[test]
    fn wrong_language_names_the_language() {
        let (v, _) = run(
            "همه چیز درباره‌ی این شهر را بخوانید و از آن لذت ببرید.",
            Options::default(),
        );
        assert_eq!(code(&v), "wrong_language");
        let Verdict::Drop(r) = v else { return };
        assert!(r.detail.starts_with("fa (score "), "{}", r.detail);
        assert!(r.detail.ends_with("not in keep [ar]"), "{}", r.detail);
    }

    #[test]
    fn urdu_is_not_arabic() {
        let (v, doc) = run(
            "میں نے کل اپنے دوست کے ساتھ بازار جانے کا فیصلہ کیا تھا۔",
            Options::default(),
        );
        assert_eq!(code(&v), "wrong_language");
        assert_eq!(doc.meta["language"], "ur");
    }

    #[test]
    fn low_score() {
        let opts = Options {
            min_score: 1.0,
            ..Options::default()
        };
        let (v, _) = run("مرحبا", opts);
        assert_eq!(code(&v), "low_score");
        let Verdict::Drop(r) = v else { return };
        assert!(r.detail.starts_with("ar score "), "{}", r.detail);
    }

    #[test]
    fn other_in_keep_matches_unnamed_languages() {
        let opts = Options {
            keep: vec!["other".to_string()],
            ..Options::default()
        };
        let (v, doc) = run(
            "Der schnelle braune Fuchs springt über den faulen Hund.",
            opts,
        );
        assert_eq!(v, Verdict::Keep);
        assert_eq!(doc.meta["language"], "de");
    }

    #[test]
    fn paragraphs_removes_a_foreign_paragraph() {
        let opts = Options {
            paragraphs: true,
            annotate: true,
            ..Options::default()
        };
        let text = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في العاصمة بسعة مئتي سرير.\nThe hospital was built with funding from the government and several private donors.\nوقال الوزير إن المستشفى سيخدم أكثر من مليون نسمة في المنطقة.";
        let mut doc = Document::new("d", text);
        let mut cx = Cx::default();
        let v = step(opts)
            .process(&mut doc, &mut cx)
            .expect("lid never fails");
        assert_eq!(v, Verdict::Keep);
        assert!(!doc.text.contains("hospital"), "{}", doc.text);
        assert_eq!(doc.text.lines().count(), 2);
        assert_eq!(doc.meta["lid_removed"][0]["language"], "en");
        assert!(cx.drain().any(|(k, n)| k == "paragraphs_removed" && n == 1));
    }

    #[test]
    fn bad_options_are_refused() {
        for bad in [
            "min_score = 1.5",
            "keep = []",
            "max_bytes = 0",
            "keep = \"ar\"",
        ] {
            let t: toml::Table = toml::from_str(bad).expect("toml");
            assert!(build(1, t).is_err(), "{bad}");
        }
    }

    fn build_error(options: &str) -> String {
        let t: toml::Table = toml::from_str(options).expect("toml");
        build(2, t).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn keep_refuses_a_language_name() {
        let err = build_error("keep = [\"arabic\"]");
        assert!(
            err.starts_with("step #2 (lid): keep: \"arabic\" is not a language code (did you mean \"ar\"? codes look like ar, fa, ur"),
            "{err}"
        );
        let err = build_error("keep = [\"ar\", \"Persian\"]");
        assert!(err.contains("did you mean \"fa\"?"), "{err}");
        let err = build_error("keep = [\"AR\"]");
        assert!(err.contains("did you mean \"ar\"?"), "{err}");
        let err = build_error("keep = [\"xx\"]");
        assert!(
            err.contains("\"xx\" is not a language code (codes look like"),
            "{err}"
        );
    }

    #[test]
    fn keep_refuses_codes_the_identifier_never_outputs() {
        // Egyptian Arabic is pooled into ar; dialect groups are annotations, not languages.
        assert!(build_error("keep = [\"arz\"]").contains("identified as ar"));
        assert!(build_error("keep = [\"ar\", \"egy\"]").contains("is a dialect group"));
    }

    #[test]
    fn keep_accepts_every_code_the_identifier_outputs() {
        for k in [
            "ar", "fa", "ur", "ps", "ckb", "sd", "ug", "en", "fr", "de", "tr", "und", "other",
        ] {
            assert_eq!(build_error(&format!("keep = [\"{k}\"]")), "", "{k}");
        }
    }

    #[test]
    fn labels_are_those_of_the_embedded_model() {
        // The model file stores each label as `__label__CODE` followed by a NUL byte.
        let model = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../ghirbal-lid/model/lid.176.ftz");
        let bytes = std::fs::read(&model).expect("the lid.176 model is in the repository");
        let mut labels: Vec<String> = Vec::new();
        let marker = b"__label__";
        let mut at = 0;
        while let Some(pos) = bytes[at..].windows(marker.len()).position(|w| w == marker) {
            let start = at + pos + marker.len();
            let end = start
                + bytes[start..]
                    .iter()
                    .position(|&b| b == 0)
                    .expect("label ends with NUL");
            labels.push(String::from_utf8_lossy(&bytes[start..end]).into_owned());
            at = end;
        }
        labels.sort();
        assert_eq!(labels.len(), 176);
        assert_eq!(labels, LID176_LABELS);
        for named in NAMED_LANGUAGES {
            assert!(LID176_LABELS.contains(named), "{named}");
        }
    }

    #[test]
    fn no_letters_is_undetermined() {
        let (v, doc) = run("12:30 — 45 ٪ !!", Options::default());
        assert_eq!(code(&v), "wrong_language");
        assert_eq!(doc.meta["language"], "und");
    }
}
