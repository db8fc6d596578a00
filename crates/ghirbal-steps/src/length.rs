//! `length`: removes documents that are empty, too short or too long.
//!
//! What it does: counts the characters (Unicode scalar values) of the text without leading and
//! trailing whitespace, and removes the document when the count is outside the limits.
//! Why: near-empty records (a title alone, a failed extraction) carry no training signal, and
//! a runaway document (a concatenated dump) skews everything downstream.
//! Example: a record whose text is "عاجل" (4 characters) is removed with `too_short`, detail
//! `4 < 20 characters`.

use crate::check::{self, Validate};
use crate::options::{option_infos, options, Built, ConfigError};
use ghirbal_core::{Cx, Document, Element, Metric, Scale, Step, StepError, StepInfo, Verdict};
use serde::{Deserialize, Serialize};

const NAME: &str = "length";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Fewest characters a kept document has.
    pub min_chars: usize,
    /// Most characters a kept document has; no limit when absent.
    pub max_chars: Option<usize>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            min_chars: 20,
            max_chars: None,
        }
    }
}

impl Validate for Options {
    /// `max_chars = 0` would keep only empty documents, and a minimum above the maximum none.
    fn validate(&self) -> Result<(), String> {
        if let Some(max) = self.max_chars {
            check::at_least("max_chars", max, 1)?;
            check::ordered("min_chars", self.min_chars, "max_chars", max)?;
        }
        Ok(())
    }
}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "step",
        summary: "removes documents whose trimmed text is empty, shorter than min_chars or longer than max_chars (characters, not bytes)",
        options: option_infos::<Options>(&[
            ("min_chars", "fewest characters a kept document has"),
            ("max_chars", "most characters a kept document has (no limit when absent)"),
        ]),
        reasons: vec![
            ("empty", "the text is empty or only whitespace"),
            ("too_short", "fewer characters than min_chars"),
            ("too_long", "more characters than max_chars"),
        ],
    }
}

pub fn build(index: usize, table: toml::Table) -> Result<Built, ConfigError> {
    let (opts, resolved) = options::<Options>(NAME, index, table)?;
    Ok(Built {
        element: Element::Step(Box::new(Length(opts))),
        resolved,
    })
}

pub struct Length(pub Options);

impl Step for Length {
    fn name(&self) -> &'static str {
        NAME
    }

    fn metrics(&self) -> Vec<Metric> {
        let mut m = Metric::new("chars", "characters after trimming", Scale::COUNT);
        if self.0.min_chars > 0 {
            m = m.min(self.0.min_chars as f64, "too_short");
        }
        if let Some(max) = self.0.max_chars {
            m = m.max(max as f64, "too_long");
        }
        vec![m]
    }

    fn process(&self, doc: &mut Document, cx: &mut Cx) -> Result<Verdict, StepError> {
        let text = doc.text.trim();
        if text.is_empty() {
            return Ok(if self.0.min_chars > 0 {
                Verdict::drop(NAME, "empty", "0 characters after trimming whitespace")
            } else {
                Verdict::Keep
            });
        }
        let n = text.chars().count();
        cx.observe("chars", n as f64);
        if n < self.0.min_chars {
            return Ok(Verdict::drop(
                NAME,
                "too_short",
                format!("{n} < {} characters", self.0.min_chars),
            ));
        }
        match self.0.max_chars {
            Some(max) if n > max => Ok(Verdict::drop(
                NAME,
                "too_long",
                format!("{n} > {max} characters"),
            )),
            _ => Ok(Verdict::Keep),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, opts: Options) -> Verdict {
        Length(opts)
            .process(&mut Document::new("d", text), &mut Cx::default())
            .expect("length never fails")
    }

    #[test]
    fn empty() {
        assert_eq!(
            run("  \n\t ", Options::default()),
            Verdict::drop(NAME, "empty", "0 characters after trimming whitespace")
        );
    }

    #[test]
    fn too_short_counts_characters_not_bytes() {
        assert_eq!(
            run(" عاجل ", Options::default()),
            Verdict::drop(NAME, "too_short", "4 < 20 characters")
        );
    }

    #[test]
    fn too_long() {
        let opts = Options {
            min_chars: 1,
            max_chars: Some(5),
        };
        assert_eq!(
            run("مرحبا بكم", opts),
            Verdict::drop(NAME, "too_long", "9 > 5 characters")
        );
    }

    fn build_error(options: &str) -> String {
        let table: toml::Table = toml::from_str(options).expect("test TOML");
        build(3, table)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn min_above_max_is_refused() {
        assert_eq!(
            build_error("min_chars = 500\nmax_chars = 100"),
            "step #3 (length): min_chars = 500 is greater than max_chars = 100"
        );
        assert!(build_error("max_chars = 0").contains("max_chars = 0 is too small"));
        assert_eq!(build_error("min_chars = 100\nmax_chars = 100"), "");
    }

    #[test]
    fn keeps_a_sentence() {
        let v = run(
            "حذر الأمين العام للأمم المتحدة من تصعيد التوترات",
            Options::default(),
        );
        assert_eq!(v, Verdict::Keep);
    }
}
