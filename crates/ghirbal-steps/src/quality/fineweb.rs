//! `fineweb-quality`: FineWeb's line-level document rules (Penedo et al. 2024, as datatrove
//! implements them).
//!
//! What it does, on the non-blank lines, in order, stopping at the first failure:
//! - lines ending in terminal punctuation at least `line_punct_thr` of lines (unless none does
//!   and `line_punct_exclude_zero` is set); the profile says which marks end a line and which
//!   closing quotes or brackets may follow them;
//! - lines of at most `short_line_length` characters at most `short_line_thr` of lines;
//! - characters in repeated lines at most `char_duplicates_ratio` of the text's characters
//!   (newlines not counted);
//! - newlines per word at most `new_line_ratio`.
//!
//! Why: navigation, lists and tables are lines without sentence ends, and pages made of them
//! teach no prose. Example: a page of 40 headline links, none ending in a full stop, fails
//! `few_terminal_lines` with `0.000 < 0.143 of lines end in terminal punctuation (0 of 40)`.

use super::{find_duplicates, py_strip, Checks};
use crate::check::{self, Validate};
use crate::options::{option_infos, Built, ConfigError};
use ghirbal_core::{Cx, Document, Metric, Scale, Step, StepError, StepInfo, Verdict};
use serde::{Deserialize, Serialize};

const NAME: &str = "fineweb-quality";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    pub profile: String,
    pub line_punct_thr: f64,
    pub line_punct_exclude_zero: bool,
    pub short_line_thr: f64,
    pub short_line_length: usize,
    pub char_duplicates_ratio: f64,
    pub new_line_ratio: f64,
    #[serde(default)]
    pub annotate: bool,
}

impl Default for Options {
    fn default() -> Self {
        super::ar_defaults(NAME)
    }
}

impl Validate for Options {
    /// Negative limits would remove every document (a measured share is never below 0):
    /// `char_duplicates_ratio = -0.1` fails every text, repeated lines or not.
    fn validate(&self) -> Result<(), String> {
        check::share("line_punct_thr", self.line_punct_thr)?;
        // Above 1 turns the check off (the Arabic profiles say 999).
        check::non_negative("short_line_thr", self.short_line_thr)?;
        check::share("char_duplicates_ratio", self.char_duplicates_ratio)?;
        check::non_negative("new_line_ratio", self.new_line_ratio)?;
        Ok(())
    }
}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "step",
        summary: "removes documents whose lines rarely end a sentence, are mostly short, repeat, or are list-like (FineWeb); thresholds from the profile",
        options: option_infos::<Options>(&[
            ("profile", super::PROFILE_HELP),
            ("line_punct_thr", "least share of lines ending in terminal punctuation"),
            ("line_punct_exclude_zero", "keep documents where no line ends in punctuation"),
            ("short_line_thr", "most share of short lines (above 1 = off)"),
            ("short_line_length", "a short line has at most this many characters"),
            ("char_duplicates_ratio", "most characters in repeated lines, as a share of the text"),
            ("new_line_ratio", "most newlines per word"),
            ("annotate", "write the measured values to metadata quality.fineweb_quality"),
        ]),
        reasons: vec![
            ("empty", "no line has text"),
            ("few_terminal_lines", "too few lines end in terminal punctuation"),
            ("short_lines", "too many lines are short"),
            ("duplicate_line_chars", "too many characters are in repeated lines"),
            ("list_like", "too many newlines per word"),
        ],
    }
}

pub fn build(index: usize, table: toml::Table) -> Result<Built, ConfigError> {
    super::build_filter::<Options>(NAME, index, table)
}

pub type FinewebQuality = super::Filter<Options>;

impl Step for FinewebQuality {
    fn name(&self) -> &'static str {
        NAME
    }

    fn metrics(&self) -> Vec<Metric> {
        let o = &self.opts;
        vec![
            Metric::new(
                "line_punct_ratio",
                "share of lines ending in terminal punctuation",
                Scale::RATIO,
            )
            .min(o.line_punct_thr, "few_terminal_lines"),
            Metric::new("short_line_ratio", "share of short lines", Scale::RATIO)
                .max(o.short_line_thr, "short_lines"),
            Metric::new(
                "char_dup_ratio",
                "share of characters in repeated lines",
                Scale::RATIO,
            )
            .max(o.char_duplicates_ratio, "duplicate_line_chars"),
            Metric::new("newline_per_word", "newlines per word", Scale::RATIO)
                .max(o.new_line_ratio, "list_like"),
        ]
    }

    fn process(&self, doc: &mut Document, cx: &mut Cx) -> Result<Verdict, StepError> {
        let o = &self.opts;
        let p = &self.profile;
        let text = doc.text.as_str();
        let lines: Vec<&str> = text
            .split('\n')
            .filter(|l| !py_strip(l).is_empty())
            .collect();
        if lines.is_empty() {
            return Ok(Verdict::drop(NAME, "empty", "no line has text"));
        }
        let n = lines.len();
        let mut ck = Checks::new(o.annotate);
        // Two checks count the newlines: on the bytes (SIMD), once.
        let newline_count = std::cell::OnceCell::new();
        let newlines =
            || *newline_count.get_or_init(|| memchr::memchr_iter(b'\n', text.as_bytes()).count());
        let ended = lines.iter().filter(|l| p.ends_in_terminal(l)).count();
        let frac = ended as f64 / n as f64;
        ck.measure("line_punct_ratio", frac);
        if frac < o.line_punct_thr && !(ended == 0 && o.line_punct_exclude_zero) {
            ck.fail("few_terminal_lines", || {
                format!(
                    "{frac:.3} < {} of lines end in terminal punctuation ({ended} of {n})",
                    o.line_punct_thr
                )
            });
        }
        if !ck.done() {
            let short = lines
                .iter()
                .filter(|l| l.chars().count() <= o.short_line_length)
                .count();
            let frac = short as f64 / n as f64;
            ck.measure("short_line_ratio", frac);
            if frac > o.short_line_thr {
                ck.fail("short_lines", || {
                    format!(
                        "{frac:.3} > {} of lines have at most {} characters ({short} of {n})",
                        o.short_line_thr, o.short_line_length
                    )
                });
            }
        }
        if !ck.done() {
            let (_, dup_chars) = find_duplicates(lines.iter().copied());
            let total = text.chars().count() - newlines();
            let frac = dup_chars as f64 / total as f64;
            ck.measure("char_dup_ratio", frac);
            if frac > o.char_duplicates_ratio {
                ck.fail("duplicate_line_chars", || {
                    format!(
                        "{frac:.3} > {} of characters are in repeated lines",
                        o.char_duplicates_ratio
                    )
                });
            }
        }
        if !ck.done() {
            let n_words = super::word_count(cx, p.splitter, text);
            let newlines = newlines();
            let frac = newlines as f64 / n_words as f64;
            ck.measure("newline_per_word", frac);
            if frac > o.new_line_ratio {
                ck.fail("list_like", || {
                    format!(
                        "{frac:.3} > {} newlines per word ({newlines} newlines, {} words)",
                        o.new_line_ratio, n_words
                    )
                });
            }
        }
        Ok(ck.finish(doc, cx, NAME, "fineweb_quality"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::quality::testing::{code, load};

    #[test]
    fn the_report_draws_the_limits_the_filter_decides_with() {
        let f = step("line_punct_thr = 0.3\nshort_line_thr = 0.5");
        let limits: Vec<(String, f64, String)> = f
            .metrics()
            .into_iter()
            .flat_map(|m| {
                m.limits
                    .into_iter()
                    .map(move |l| (m.key.clone(), l.value, l.code))
            })
            .collect();
        assert_eq!(
            limits[0],
            ("line_punct_ratio".into(), 0.3, "few_terminal_lines".into())
        );
        assert_eq!(
            limits[1],
            ("short_line_ratio".into(), 0.5, "short_lines".into())
        );
        assert_eq!(limits[2].1, f.opts.char_duplicates_ratio);
        // Every value it measures on a document is one it describes.
        let mut cx = Cx::default();
        let mut doc = Document::new("d", "سطر أول.\nسطر ثان\nسطر ثالث.");
        f.process(&mut doc, &mut cx).expect("judges");
        let mut seen = ghirbal_core::Observed::default();
        cx.drain_observed(&mut seen);
        let keys: Vec<String> = f.metrics().into_iter().map(|m| m.key).collect();
        assert!(!seen.values.is_empty());
        assert!(seen.values.iter().all(|(k, _)| keys.iter().any(|m| m == k)));
    }

    fn step(extra: &str) -> FinewebQuality {
        let (opts, profile) = load::<Options>(NAME, extra);
        FinewebQuality { opts, profile }
    }

    const ARTICLE: &str = "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض.\n\
وقال المتحدث باسم الوزارة: «المشروع يأتي ضمن خطة لتوسيع الخدمات الصحية».\n\
وأضاف أن العمل على المرحلة الثانية سيبدأ بعد شهرين من الآن على أن تنتهي خلال عامين.";

    fn build_error(options: &str) -> String {
        let t: toml::Table = toml::from_str(options).expect("test TOML");
        build(8, t).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn negative_thresholds_are_refused() {
        // Each of these removed every Arabic article: no measured share is below 0.
        assert_eq!(
            build_error("char_duplicates_ratio = -0.1"),
            "step #8 (fineweb-quality): char_duplicates_ratio = -0.1 is not a share (allowed: 0 to 1)"
        );
        assert!(build_error("new_line_ratio = -0.189").contains(
            "new_line_ratio = -0.189 is not allowed (allowed: a finite number, 0 or more)"
        ));
        assert!(build_error("short_line_thr = -1.0").contains("short_line_thr = -1"));
        assert!(
            build_error("line_punct_thr = 14.3").contains("line_punct_thr = 14.3 is not a share")
        );
        // Above 1 turns the short-line check off, as the Arabic profiles do.
        assert_eq!(build_error("short_line_thr = 999.0"), "");
        assert_eq!(build_error("profile = \"fineweb2-arb\""), "");
    }

    #[test]
    fn keeps_an_article() {
        assert_eq!(code(&step(""), ARTICLE), None);
    }

    #[test]
    fn empty() {
        assert_eq!(code(&step(""), " \n\n\t"), Some("empty"));
    }

    #[test]
    fn few_terminal_lines_counts_arabic_marks_and_closing_quotes() {
        let links: String = (0..10)
            .map(|i| format!("عنوان الخبر رقم {i} في الصفحة\n"))
            .collect();
        assert_eq!(code(&step(""), &links), Some("few_terminal_lines"));
        // A line ending `».` or `؟` ends a sentence for the Arabic profile...
        let quoted = "قال الوزير إن الخطة ستنجح.»\nهل تنجح الخطة؟\nعنوان";
        assert_eq!(code(&step("new_line_ratio = 1.0"), quoted), None);
        // ...and `.»` does not for datatrove's rule.
        let fw = step("profile = \"fineweb2-arb\"\nline_punct_thr = 0.9\nnew_line_ratio = 1.0");
        assert_eq!(code(&fw, quoted), Some("few_terminal_lines"));
    }

    #[test]
    fn short_lines() {
        let text = "قصير.\nقصير أيضا.\nسطر طويل بما يكفي ليتجاوز ثلاثين حرفا في العد.";
        assert_eq!(
            code(&step("short_line_thr = 0.5\nnew_line_ratio = 1.0"), text),
            Some("short_lines")
        );
    }

    #[test]
    fn duplicate_line_chars() {
        let text = format!("{ARTICLE}\n{ARTICLE}");
        assert_eq!(code(&step(""), &text), Some("duplicate_line_chars"));
    }

    #[test]
    fn list_like() {
        let text = "أولا.\nثانيا.\nثالثا.\nرابعا.\nخامسا وأخيرا.";
        assert_eq!(code(&step(""), text), Some("list_like"));
    }
}
