//! `gopher-quality`: removes documents that do not look like running prose (Gopher, Rae et al.
//! 2021, as datatrove implements it).
//!
//! What it does, in order, stopping at the first failure (a limit of 0 turns its check off):
//! - words (tokens that are not only symbols) between `min_doc_words` and `max_doc_words`;
//! - their mean length between `min_avg_word_length` and `max_avg_word_length`;
//! - `#` and ellipses (`...`, `…`) per token at most `max_symbol_word_ratio` each;
//! - lines starting with a bullet (`•`, `-`) at most `max_bullet_lines_ratio` of lines, lines
//!   ending with an ellipsis at most `max_ellipsis_lines_ratio`;
//! - tokens with a letter at least `min_alpha_words_ratio` (over all tokens, or over words
//!   only, as the profile says);
//! - at least `min_stop_words` distinct stop words of the profile.
//!
//! Why: menus, tables, keyword lists, code and spam fail one of these while prose passes all.
//! Example: a 30-word headline list fails `too_few_words` with `30 < 50 words`.

use super::{py_splitlines, Checks};
use crate::check::{self, Validate};
use crate::options::{option_infos, Built, ConfigError};
use ghirbal_core::{Cx, Document, Metric, Scale, Step, StepError, StepInfo, Verdict};
use ghirbal_text::words::is_letter;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

const NAME: &str = "gopher-quality";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    pub profile: String,
    pub min_doc_words: usize,
    pub max_doc_words: usize,
    pub min_avg_word_length: f64,
    pub max_avg_word_length: f64,
    pub max_symbol_word_ratio: f64,
    pub max_bullet_lines_ratio: f64,
    pub max_ellipsis_lines_ratio: f64,
    pub min_alpha_words_ratio: f64,
    pub min_stop_words: usize,
    #[serde(default)]
    pub annotate: bool,
}

impl Default for Options {
    fn default() -> Self {
        super::ar_defaults(NAME)
    }
}

impl Validate for Options {
    /// Limits are 0 (off) or more, shares at most 1, and a minimum set with its maximum may
    /// not exceed it (no document could pass both).
    fn validate(&self) -> Result<(), String> {
        if self.min_doc_words > 0 && self.max_doc_words > 0 {
            check::ordered(
                "min_doc_words",
                self.min_doc_words,
                "max_doc_words",
                self.max_doc_words,
            )?;
        }
        check::non_negative("min_avg_word_length", self.min_avg_word_length)?;
        check::non_negative("max_avg_word_length", self.max_avg_word_length)?;
        if self.min_avg_word_length > 0.0 && self.max_avg_word_length > 0.0 {
            check::ordered(
                "min_avg_word_length",
                self.min_avg_word_length,
                "max_avg_word_length",
                self.max_avg_word_length,
            )?;
        }
        // Per token, not a share: "### …" has more hashes than tokens.
        check::non_negative("max_symbol_word_ratio", self.max_symbol_word_ratio)?;
        check::share("max_bullet_lines_ratio", self.max_bullet_lines_ratio)?;
        check::share("max_ellipsis_lines_ratio", self.max_ellipsis_lines_ratio)?;
        check::share("min_alpha_words_ratio", self.min_alpha_words_ratio)?;
        Ok(())
    }
}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "step",
        summary: "removes documents that are not running prose: word count, word length, symbols, bullets, alphabetic words, stop words (Gopher); thresholds from the profile",
        options: option_infos::<Options>(&[
            ("profile", super::PROFILE_HELP),
            ("min_doc_words", "fewest words (tokens that are not only symbols); 0 = off"),
            ("max_doc_words", "most words; 0 = off"),
            ("min_avg_word_length", "shortest mean word length (letters or characters, per profile); 0 = off"),
            ("max_avg_word_length", "longest mean word length; 0 = off"),
            ("max_symbol_word_ratio", "most `#` and most ellipses per token; 0 = off"),
            ("max_bullet_lines_ratio", "most lines starting with • or -; 0 = off"),
            ("max_ellipsis_lines_ratio", "most lines ending with an ellipsis; 0 = off"),
            ("min_alpha_words_ratio", "least share of tokens with a letter (datatrove: max_non_alpha_words_ratio); 0 = off"),
            ("min_stop_words", "fewest distinct stop words of the profile; 0 = off"),
            ("annotate", "write the measured values to metadata quality.gopher_quality"),
        ]),
        reasons: vec![
            ("too_few_words", "fewer words than min_doc_words"),
            ("too_many_words", "more words than max_doc_words"),
            ("short_words", "mean word length below min_avg_word_length"),
            ("long_words", "mean word length above max_avg_word_length"),
            ("too_many_hashes", "too many # per token"),
            ("too_many_ellipses", "too many ellipses per token"),
            ("bullet_lines", "too many lines start with a bullet"),
            ("ellipsis_lines", "too many lines end with an ellipsis"),
            ("few_alphabetic_words", "too few tokens contain a letter"),
            ("few_stop_words", "too few distinct stop words"),
        ],
    }
}

pub fn build(index: usize, table: toml::Table) -> Result<Built, ConfigError> {
    super::build_filter::<Options>(NAME, index, table)
}

pub type GopherQuality = super::Filter<Options>;

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Step for GopherQuality {
    fn name(&self) -> &'static str {
        NAME
    }

    fn metrics(&self) -> Vec<Metric> {
        let o = &self.opts;
        let limit = |m: Metric, min: f64, max: f64, low: &str, high: &str| {
            let m = if min > 0.0 { m.min(min, low) } else { m };
            if max > 0.0 {
                m.max(max, high)
            } else {
                m
            }
        };
        vec![
            limit(
                Metric::new("words", "words (symbols excluded)", Scale::COUNT),
                o.min_doc_words as f64,
                o.max_doc_words as f64,
                "too_few_words",
                "too_many_words",
            ),
            limit(
                Metric::new(
                    "avg_word_length",
                    "mean word length",
                    Scale::Linear {
                        lo: 0.0,
                        hi: 20.0,
                        n: 80,
                    },
                ),
                o.min_avg_word_length,
                o.max_avg_word_length,
                "short_words",
                "long_words",
            ),
            limit(
                Metric::new("hash_ratio", "# per token", Scale::RATIO),
                0.0,
                o.max_symbol_word_ratio,
                "",
                "too_many_hashes",
            ),
            limit(
                Metric::new("ellipsis_ratio", "ellipses per token", Scale::RATIO),
                0.0,
                o.max_symbol_word_ratio,
                "",
                "too_many_ellipses",
            ),
            limit(
                Metric::new(
                    "bullet_lines_ratio",
                    "share of lines starting with a bullet",
                    Scale::RATIO,
                ),
                0.0,
                o.max_bullet_lines_ratio,
                "",
                "bullet_lines",
            ),
            limit(
                Metric::new(
                    "ellipsis_lines_ratio",
                    "share of lines ending with an ellipsis",
                    Scale::RATIO,
                ),
                0.0,
                o.max_ellipsis_lines_ratio,
                "",
                "ellipsis_lines",
            ),
            limit(
                Metric::new(
                    "alpha_words_ratio",
                    "share of words with a letter",
                    Scale::RATIO,
                ),
                o.min_alpha_words_ratio,
                0.0,
                "few_alphabetic_words",
                "",
            ),
            limit(
                Metric::new(
                    "stop_words",
                    "distinct stop words (counted up to the limit)",
                    Scale::COUNT,
                ),
                o.min_stop_words as f64,
                0.0,
                "few_stop_words",
                "",
            ),
        ]
    }

    fn process(&self, doc: &mut Document, cx: &mut Cx) -> Result<Verdict, StepError> {
        let o = &self.opts;
        let p = &self.profile;
        let text = doc.text.as_str();
        let mut ck = Checks::new(o.annotate);
        let mut tokens = Vec::new();
        super::words_of(cx, p.splitter, text, &mut tokens);
        // A length in characters is the one the repetition filter measures too: taken from
        // the shared words when that filter has counted them already. A length in letters
        // (diacritics left out) is this filter's own.
        let shared = if p.letters_only_length {
            None
        } else {
            super::char_prefix(cx, &tokens)
        };
        let word_len = |i: usize, w: &str| match shared {
            Some(prefix) => match (prefix.get(i), prefix.get(i + 1)) {
                (Some(a), Some(b)) => b - a,
                _ => p.word_len(w),
            },
            None => p.word_len(w),
        };
        let n_tokens = tokens.len();
        let mut n_words = 0usize;
        let mut len_sum = 0usize;
        let mut n_alpha_words = 0usize;
        let mut n_alpha_tokens = 0usize;
        for (i, w) in tokens.iter().enumerate() {
            // Most tokens of Arabic text start with an Arabic letter (U+0621..=U+064A): a word
            // with a letter in every profile; only its length needs measuring.
            if w.chars()
                .next()
                .is_some_and(|c| ('\u{0621}'..='\u{064A}').contains(&c))
            {
                n_alpha_tokens += 1;
                n_words += 1;
                n_alpha_words += 1;
                len_sum += word_len(i, w);
                continue;
            }
            let has_letter = w.chars().any(is_letter);
            n_alpha_tokens += usize::from(has_letter);
            if !p.is_symbol_word(w) {
                n_words += 1;
                len_sum += word_len(i, w);
                n_alpha_words += usize::from(has_letter);
            }
        }
        ck.measure_count("words", n_words);
        if o.min_doc_words > 0 && n_words < o.min_doc_words {
            ck.fail("too_few_words", || {
                format!("{n_words} < {} words", o.min_doc_words)
            });
        }
        if o.max_doc_words > 0 && n_words > o.max_doc_words {
            ck.fail("too_many_words", || {
                format!("{n_words} > {} words", o.max_doc_words)
            });
        }
        // The mean of no words is NaN, and NaN fails no comparison (as with numpy).
        let avg = len_sum as f64 / n_words as f64;
        ck.measure("avg_word_length", avg);
        if !ck.done() {
            if o.min_avg_word_length > 0.0 && avg < o.min_avg_word_length {
                ck.fail("short_words", || {
                    format!("mean word length {avg:.2} < {}", o.min_avg_word_length)
                });
            }
            if o.max_avg_word_length > 0.0 && avg > o.max_avg_word_length {
                ck.fail("long_words", || {
                    format!("mean word length {avg:.2} > {}", o.max_avg_word_length)
                });
            }
        }
        if !ck.done() {
            // Counted on the bytes (SIMD search): `#` is one byte, and the non-overlapping
            // matches of "..." and "…" are those `str::matches` gives.
            let bytes = text.as_bytes();
            let hashes = ratio(memchr::memchr_iter(b'#', bytes).count(), n_tokens);
            ck.above(
                "hash_ratio",
                hashes,
                o.max_symbol_word_ratio,
                "too_many_hashes",
                || format!("{hashes:.3} > {} # per token", o.max_symbol_word_ratio),
            );
            let ell = ratio(
                memchr::memmem::find_iter(bytes, b"...").count()
                    + memchr::memmem::find_iter(bytes, "…".as_bytes()).count(),
                n_tokens,
            );
            ck.above(
                "ellipsis_ratio",
                ell,
                o.max_symbol_word_ratio,
                "too_many_ellipses",
                || format!("{ell:.3} > {} ellipses per token", o.max_symbol_word_ratio),
            );
        }
        if !ck.done() {
            let lines = py_splitlines(text);
            let ws = ghirbal_text::words::is_py_space;
            let bullets = lines
                .iter()
                .filter(|l| {
                    let l = l.trim_start_matches(ws);
                    l.starts_with('•') || l.starts_with('-')
                })
                .count();
            let frac = ratio(bullets, lines.len());
            ck.above(
                "bullet_lines_ratio",
                frac,
                o.max_bullet_lines_ratio,
                "bullet_lines",
                || {
                    format!(
                        "{frac:.3} > {} of lines start with a bullet",
                        o.max_bullet_lines_ratio
                    )
                },
            );
            let ell = lines
                .iter()
                .filter(|l| {
                    let l = l.trim_end_matches(ws);
                    l.ends_with("...") || l.ends_with('…')
                })
                .count();
            let frac = ratio(ell, lines.len());
            ck.above(
                "ellipsis_lines_ratio",
                frac,
                o.max_ellipsis_lines_ratio,
                "ellipsis_lines",
                || {
                    format!(
                        "{frac:.3} > {} of lines end with an ellipsis",
                        o.max_ellipsis_lines_ratio
                    )
                },
            );
        }
        if !ck.done() {
            let (alpha, over, what) = if p.alpha_over_words {
                (n_alpha_words, n_words, "words")
            } else {
                (n_alpha_tokens, n_tokens, "tokens")
            };
            let frac = ratio(alpha, over);
            ck.measure("alpha_words_ratio", frac);
            if o.min_alpha_words_ratio > 0.0 && frac < o.min_alpha_words_ratio {
                ck.fail("few_alphabetic_words", || {
                    format!(
                        "{frac:.3} < {} of {what} have a letter ({alpha} of {over})",
                        o.min_alpha_words_ratio
                    )
                });
            }
        }
        if !ck.done() {
            let mut found: HashSet<&str> = HashSet::new();
            let mut buf = String::new();
            for w in &tokens {
                if let Some(sw) = p.stop_word(w, &mut buf) {
                    found.insert(sw);
                    if found.len() >= o.min_stop_words && !o.annotate {
                        break;
                    }
                }
            }
            ck.measure_count("stop_words", found.len());
            if o.min_stop_words > 0 && found.len() < o.min_stop_words {
                ck.fail("few_stop_words", || {
                    format!(
                        "{} < {} distinct stop words of profile {}",
                        found.len(),
                        o.min_stop_words,
                        p.name
                    )
                });
            }
        }
        Ok(ck.finish(doc, cx, NAME, "gopher_quality"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::quality::testing::{code, load};

    fn step(extra: &str) -> GopherQuality {
        let (opts, profile) = load::<Options>(NAME, extra);
        GopherQuality { opts, profile }
    }

    const PROSE: &str =
        "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض بسعة ثلاثمائة سرير، \
ويضم المستشفى أقساما متخصصة في جراحة القلب وطب الأطفال والعناية المركزة. \
وقال المتحدث باسم الوزارة إن المشروع يأتي ضمن خطة لتوسيع الخدمات الصحية في المناطق الشمالية \
التي تشهد نموا سكانيا كبيرا خلال السنوات الأخيرة، وأضاف أن العمل على المرحلة الثانية سيبدأ \
بعد شهرين من الآن على أن تنتهي خلال عامين.";

    #[test]
    fn keeps_prose() {
        assert_eq!(code(&step(""), PROSE), None);
        assert_eq!(code(&step("profile = \"fineweb2-arb\""), PROSE), None);
    }

    #[test]
    fn too_few_and_too_many_words() {
        assert_eq!(code(&step(""), "أخبار الرياض اليوم"), Some("too_few_words"));
        assert_eq!(
            code(&step("min_doc_words = 5\nmax_doc_words = 10"), PROSE),
            Some("too_many_words")
        );
    }

    fn build_error(options: &str) -> String {
        let t: toml::Table = toml::from_str(options).expect("test TOML");
        build(5, t).err().map(|e| e.to_string()).unwrap_or_default()
    }

    #[test]
    fn limits_no_document_can_pass_are_refused() {
        // The `ar` profile's min_doc_words is 50: a maximum of 10 words would remove everything.
        assert_eq!(
            build_error("max_doc_words = 10"),
            "step #5 (gopher-quality): min_doc_words = 50 is greater than max_doc_words = 10"
        );
        assert_eq!(build_error("min_doc_words = 0\nmax_doc_words = 10"), "");
        assert!(build_error("min_avg_word_length = 12.0")
            .contains("min_avg_word_length = 12 is greater than max_avg_word_length = 9"));
        assert!(build_error("min_alpha_words_ratio = 78.7").contains("is not a share"));
        assert!(build_error("max_symbol_word_ratio = -0.1").contains("0 or more"));
        assert_eq!(build_error("max_symbol_word_ratio = 2.0"), "");
    }

    #[test]
    fn word_length() {
        assert_eq!(
            code(&step("min_avg_word_length = 6.0"), PROSE),
            Some("short_words")
        );
        assert_eq!(
            code(&step("max_avg_word_length = 3.0"), PROSE),
            Some("long_words")
        );
    }

    #[test]
    fn word_length_in_letters_ignores_diacritics() {
        let p = super::super::profile("ar").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.word_len("كَتَبَ"), 3);
        let f = super::super::profile("fineweb2-arb").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(f.word_len("كَتَبَ"), 6);
    }

    #[test]
    fn hashes_and_ellipses() {
        let tags = format!(
            "{PROSE} {}",
            "#الرياض #السعودية #أخبار #عاجل #اليوم ".repeat(3)
        );
        assert_eq!(code(&step(""), &tags), Some("too_many_hashes"));
        let dots = format!("{PROSE} ... ... ... ... ... ... ... ... ...");
        assert_eq!(code(&step(""), &dots), Some("too_many_ellipses"));
    }

    #[test]
    fn ellipses_are_counted_without_overlap_as_str_matches_does() {
        for t in ["....", ".....", "......", "…...…", "a...b....c"] {
            let b = t.as_bytes();
            assert_eq!(
                memchr::memmem::find_iter(b, b"...").count(),
                t.matches("...").count(),
                "{t}"
            );
        }
    }

    #[test]
    fn word_lengths_shared_by_the_repetition_filter_measure_the_same() {
        use crate::quality::gopher_repetition::{GopherRepetition, Options as RepOptions};
        let (opts, profile) = load::<RepOptions>("gopher-repetition", "profile = \"fineweb2-arb\"");
        let repetition = GopherRepetition { opts, profile };
        let quality = step("profile = \"fineweb2-arb\"\nannotate = true");
        let text = format!("{PROSE} كَتَبَ ١٢. 😀 ... «الرياض»");
        let measured = |shared: bool| {
            let mut cx = Cx::default();
            let mut doc = Document::new("d", &text);
            if shared {
                // The repetition filter splits the text first and leaves the lengths.
                let _ = repetition.process(&mut doc, &mut cx);
                let mut words = Vec::new();
                crate::quality::words_of(&mut cx, quality.profile.splitter, &doc.text, &mut words);
                assert!(crate::quality::char_prefix(&mut cx, &words).is_some());
            }
            let _ = quality.process(&mut doc, &mut cx);
            doc.claim("quality").get("gopher_quality").cloned()
        };
        let alone = measured(false);
        assert!(alone
            .as_ref()
            .is_some_and(|v| v.get("avg_word_length").is_some()));
        assert_eq!(measured(true), alone);
    }

    #[test]
    fn bullet_and_ellipsis_lines() {
        let bullets: String = (0..60)
            .map(|i| format!("- بند رقم {i} في القائمة\n"))
            .collect();
        assert_eq!(
            code(
                &step("min_stop_words = 0\nmin_alpha_words_ratio = 0.0"),
                &bullets
            ),
            Some("bullet_lines")
        );
        let teasers: String = (0..20)
            .map(|i| format!("وقال المتحدث إن العمل في المشروع رقم {i} سيبدأ قريبا في المدينة…\n"))
            .collect();
        assert_eq!(
            code(&step("max_symbol_word_ratio = 0.0"), &teasers),
            Some("ellipsis_lines")
        );
    }

    #[test]
    fn few_alphabetic_words() {
        let table: String = (0..80).map(|i| format!("{i} {} ", i * 7)).collect();
        let text = format!("في من {table} الجدول");
        assert_eq!(code(&step(""), &text), Some("few_alphabetic_words"));
    }

    #[test]
    fn few_stop_words() {
        let list =
            "الرياض جدة الدمام مكة المدينة أبها تبوك حائل القصيم نجران جازان الباحة ".repeat(6);
        assert_eq!(code(&step(""), &list), Some("few_stop_words"));
    }

    #[test]
    fn detail_shows_value_against_limit() {
        let s = step("");
        let v = s
            .process(
                &mut Document::new("d", "أخبار الرياض اليوم"),
                &mut Cx::default(),
            )
            .expect("ok");
        assert_eq!(v, Verdict::drop(NAME, "too_few_words", "3 < 50 words"));
    }
}
