//! Checks of option values when a step is built, shared by every step: ranges, relations
//! between options and non-empty paths. Each message names the option, the value given and
//! what is allowed ("min_chars = 500 is greater than max_chars = 100"), so that a
//! configuration that cannot mean what it says (a negative threshold, a minimum above its
//! maximum, a share above 1) stops the run before any document is read instead of silently
//! removing every document.
//!
//! Every step's options implement [`Validate`]; `options::options` calls it after parsing,
//! so no step can be built without its checks having run.

use std::fmt::Display;

/// The checks of one step's options; the error is the message (the registry adds the step).
pub(crate) trait Validate {
    fn validate(&self) -> Result<(), String>;
}

/// A share of something (of lines, of characters, of documents): a number from 0 to 1.
pub(crate) fn share<F: Into<f64> + Display + Copy>(name: &str, value: F) -> Result<(), String> {
    let v: f64 = value.into();
    if (0.0..=1.0).contains(&v) {
        Ok(())
    } else {
        Err(format!("{name} = {value} is not a share (allowed: 0 to 1)"))
    }
}

/// A threshold or a rate with no upper bound: a finite number, 0 or more.
pub(crate) fn non_negative<F: Into<f64> + Display + Copy>(
    name: &str,
    value: F,
) -> Result<(), String> {
    let v: f64 = value.into();
    if v.is_finite() && v >= 0.0 {
        Ok(())
    } else {
        Err(format!(
            "{name} = {value} is not allowed (allowed: a finite number, 0 or more)"
        ))
    }
}

/// A count or a size that must reach `min` (1 for counts where 0 means nothing).
pub(crate) fn at_least<T: PartialOrd + Display>(
    name: &str,
    value: T,
    min: T,
) -> Result<(), String> {
    if value >= min {
        Ok(())
    } else {
        Err(format!(
            "{name} = {value} is too small (allowed: {min} or more)"
        ))
    }
}

/// A count or a size within `lo..=hi`.
pub(crate) fn within<T: PartialOrd + Display>(
    name: &str,
    value: T,
    lo: T,
    hi: T,
) -> Result<(), String> {
    if value >= lo && value <= hi {
        Ok(())
    } else {
        Err(format!("{name} = {value} is outside {lo} to {hi}"))
    }
}

/// A count where 0 turns a rule off and otherwise `min` is the least that means anything
/// (a word "recurs" at least twice).
pub(crate) fn off_or_at_least(name: &str, value: usize, min: usize) -> Result<(), String> {
    if value == 0 || value >= min {
        Ok(())
    } else {
        Err(format!(
            "{name} = {value} is not allowed (allowed: 0 to turn the rule off, or {min} or more)"
        ))
    }
}

/// Two options that bound one quantity from both sides: the lower may not exceed the upper.
pub(crate) fn ordered<T: PartialOrd + Display>(
    low_name: &str,
    low: T,
    high_name: &str,
    high: T,
) -> Result<(), String> {
    if low <= high {
        Ok(())
    } else {
        Err(format!(
            "{low_name} = {low} is greater than {high_name} = {high}"
        ))
    }
}

/// A file path option: it must name something (relative paths were already resolved against
/// the configuration's folder by the pipeline).
pub(crate) fn path(name: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Err(format!("{name} = \"{value}\" names no file"))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_refuses_negative_above_one_and_nan() {
        assert!(share("phrase_coverage", 0.4).is_ok());
        assert!(share("phrase_coverage", 0.0).is_ok());
        assert!(share("phrase_coverage", 1.0).is_ok());
        assert_eq!(
            share("char_duplicates_ratio", -0.1).err().as_deref(),
            Some("char_duplicates_ratio = -0.1 is not a share (allowed: 0 to 1)")
        );
        assert!(share("x", 1.5).is_err());
        assert!(share("x", f64::NAN).is_err());
        // f32 values are shown as written, not widened (0.7, not 0.699999988079071).
        assert_eq!(
            share("min_score", 1.7f32).err().as_deref(),
            Some("min_score = 1.7 is not a share (allowed: 0 to 1)")
        );
    }

    #[test]
    fn non_negative_refuses_negative_and_infinite() {
        assert!(non_negative("new_line_ratio", 0.189).is_ok());
        assert!(non_negative("short_line_thr", 999.0).is_ok());
        assert!(non_negative("new_line_ratio", -0.3).is_err());
        assert!(non_negative("new_line_ratio", f64::INFINITY).is_err());
        assert!(non_negative("new_line_ratio", f64::NAN).is_err());
    }

    #[test]
    fn counts_and_ranges() {
        assert!(at_least("memory_mb", 1usize, 1).is_ok());
        assert_eq!(
            at_least("memory_mb", 0usize, 1).err().as_deref(),
            Some("memory_mb = 0 is too small (allowed: 1 or more)")
        );
        assert!(within("ngram", 5usize, 1, 100).is_ok());
        assert_eq!(
            within("ngram", 500usize, 1, 100).err().as_deref(),
            Some("ngram = 500 is outside 1 to 100")
        );
        assert!(off_or_at_least("keyword_min_repeats", 0, 2).is_ok());
        assert!(off_or_at_least("keyword_min_repeats", 3, 2).is_ok());
        assert!(off_or_at_least("keyword_min_repeats", 1, 2).is_err());
    }

    #[test]
    fn ordered_names_both_options() {
        assert!(ordered("min_chars", 20, "max_chars", 20).is_ok());
        assert_eq!(
            ordered("min_chars", 500, "max_chars", 100).err().as_deref(),
            Some("min_chars = 500 is greater than max_chars = 100")
        );
    }

    #[test]
    fn empty_path_is_refused() {
        assert!(path("extra_phrases_file", "/data/عبارات.txt").is_ok());
        assert!(path("extra_phrases_file", " ").is_err());
    }
}
