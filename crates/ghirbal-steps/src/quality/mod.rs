//! Quality filters (Gopher quality, Gopher repetition, C4, FineWeb) and the language profiles
//! they read.
//!
//! A profile (`profiles/*.toml`) holds everything language-specific as data: how text splits
//! into words, which characters are symbols and which end a sentence, how word length is
//! measured, the stop words, and each filter's thresholds. A step names its profile
//! (`profile = "ar"`) and may override any threshold; the resolved configuration written beside
//! the output shows every value the step ran with. A profile can also be a path to a TOML file
//! of the same shape, so Persian or Urdu profiles need no code.
//!
//! Built in: `ar` (ghirbal's Arabic rules), `fineweb2-arb` (FineWeb-2's Arabic thresholds with
//! datatrove's word and character rules, for decisions at parity with datatrove) and `en`.

pub mod c4;
pub mod fineweb;
pub mod gopher_quality;
pub mod gopher_repetition;
mod words;

pub(crate) use words::{char_prefix, keep_char_prefix, word_count, words_of};

use crate::check::Validate;
use crate::options::{options, ConfigError, FileUse, PathOption};
use ghirbal_core::{Cx, Document, Verdict};
use ghirbal_text::words::{is_mark, is_punctuation, Splitter};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock, Mutex};

const BUILTIN: &[(&str, &str)] = &[
    ("ar", include_str!("profiles/ar.toml")),
    ("en", include_str!("profiles/en.toml")),
    ("fineweb2-arb", include_str!("profiles/fineweb2-arb.toml")),
];

/// Options that name files: `profile`, when it is not a built-in profile's name, is a profile
/// file read when the filter is built.
pub(crate) const PATHS: &[PathOption] = &[PathOption {
    option: "profile",
    used: FileUse::Read,
    is_path: is_profile_path,
}];

/// Whether a `profile` value names a file rather than a built-in profile.
fn is_profile_path(name: &str) -> bool {
    !BUILTIN.iter().any(|(n, _)| *n == name) && (name.ends_with(".toml") || name.contains('/'))
}

/// The filter sections a profile carries thresholds for.
const SECTIONS: &[&str] = &[
    "gopher-repetition",
    "gopher-quality",
    "fineweb-quality",
    "c4-quality",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    name: String,
    #[allow(dead_code)]
    description: String,
    splitter: String,
    symbol_chars: String,
    terminal_punctuation: String,
    line_end_skip: String,
    word_length: String,
    alpha_ratio_over: String,
    fold_stop_words: bool,
    stop_words: Vec<String>,
    #[serde(default)]
    stop_word_prefixes: Vec<String>,
    #[serde(default)]
    skip_blank_lines: bool,
    #[serde(default = "one")]
    top_ngram_min_count: usize,
    c4_terminal_punctuation: String,
}

/// Characters that do not count in a word's length in letters: combining marks (Arabic
/// diacritics), tatweel and the zero-width joiners.
fn is_length_free(c: char) -> bool {
    match c as u32 {
        0..=0x7F => false,
        0x80..=0x5FF => is_mark(c),
        0x600..=0x6FF => matches!(c as u32,
            0x610..=0x61A | 0x640 | 0x64B..=0x65F | 0x670 | 0x6D6..=0x6DC | 0x6DF..=0x6E4
            | 0x6E7..=0x6E8 | 0x6EA..=0x6ED),
        0x200C | 0x200D => true,
        _ => is_mark(c),
    }
}

fn one() -> usize {
    1
}

/// A set of characters with a fast path for ASCII.
#[derive(Debug, Clone)]
pub struct CharSet {
    ascii: [bool; 128],
    other: Vec<char>,
}

impl CharSet {
    pub fn new(chars: &str) -> Self {
        let mut ascii = [false; 128];
        let mut other = Vec::new();
        for c in chars.chars() {
            if c.is_ascii() {
                ascii[c as usize] = true;
            } else {
                other.push(c);
            }
        }
        other.sort_unstable();
        other.dedup();
        Self { ascii, other }
    }

    pub fn contains(&self, c: char) -> bool {
        if c.is_ascii() {
            self.ascii[c as usize]
        } else {
            self.other.binary_search(&c).is_ok()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.other.is_empty() && !self.ascii.iter().any(|&b| b)
    }
}

/// A language profile, parsed.
#[derive(Debug)]
pub struct Profile {
    pub name: String,
    pub splitter: Splitter,
    /// Empty: Unicode punctuation and symbols.
    symbol_chars: CharSet,
    pub terminal: CharSet,
    pub line_end_skip: CharSet,
    pub letters_only_length: bool,
    pub alpha_over_words: bool,
    fold_stop_words: bool,
    stop_words: HashSet<String>,
    /// Clitics that may be attached to a stop word (Arabic و and ف), on the fold.
    stop_word_prefixes: Vec<String>,
    pub c4_terminal: Vec<char>,
    /// Blank and whitespace-only lines are not lines for the repetition checks.
    pub skip_blank_lines: bool,
    /// The most frequent n-gram counts only when it occurs at least this often.
    pub top_ngram_min_count: usize,
    sections: toml::Table,
}

impl Profile {
    fn parse(text: &str) -> Result<Self, String> {
        let mut table: toml::Table = toml::from_str(text).map_err(|e| e.message().to_string())?;
        let mut sections = toml::Table::new();
        for s in SECTIONS {
            match table.remove(*s) {
                Some(toml::Value::Table(t)) => {
                    sections.insert((*s).to_string(), toml::Value::Table(t));
                }
                Some(_) => return Err(format!("[{s}] must be a table")),
                None => return Err(format!("missing section [{s}]")),
            }
        }
        let file: ProfileFile = toml::Value::Table(table)
            .try_into()
            .map_err(|e: toml::de::Error| e.message().to_string())?;
        let splitter = Splitter::from_name(&file.splitter).ok_or_else(|| {
            format!(
                "splitter \"{}\" is not one of: arabic, spacy-compat",
                file.splitter
            )
        })?;
        let letters_only_length = match file.word_length.as_str() {
            "letters" => true,
            "chars" => false,
            other => {
                return Err(format!(
                    "word_length \"{other}\" is not one of: letters, chars"
                ))
            }
        };
        let alpha_over_words = match file.alpha_ratio_over.as_str() {
            "words" => true,
            "tokens" => false,
            other => {
                return Err(format!(
                    "alpha_ratio_over \"{other}\" is not one of: words, tokens"
                ))
            }
        };
        let mut stop_words = HashSet::new();
        for w in &file.stop_words {
            stop_words.insert(if file.fold_stop_words {
                ghirbal_text::fold::fold(w)
            } else {
                w.clone()
            });
        }
        Ok(Self {
            name: file.name,
            splitter,
            symbol_chars: CharSet::new(&file.symbol_chars),
            terminal: CharSet::new(&file.terminal_punctuation),
            line_end_skip: CharSet::new(&file.line_end_skip),
            letters_only_length,
            alpha_over_words,
            fold_stop_words: file.fold_stop_words,
            stop_words,
            stop_word_prefixes: file
                .stop_word_prefixes
                .iter()
                .map(|p| {
                    if file.fold_stop_words {
                        ghirbal_text::fold::fold(p)
                    } else {
                        p.clone()
                    }
                })
                .collect(),
            c4_terminal: file.c4_terminal_punctuation.chars().collect(),
            skip_blank_lines: file.skip_blank_lines,
            top_ngram_min_count: file.top_ngram_min_count,
            sections,
        })
    }

    /// A word made only of symbol characters is not counted as a word.
    pub fn is_symbol_word(&self, w: &str) -> bool {
        // Fast path: a word starting with an Arabic or ASCII letter is a word in any profile.
        if w.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || ('\u{0621}'..='\u{064A}').contains(&c))
        {
            return false;
        }
        if self.symbol_chars.is_empty() {
            w.chars()
                .all(|c| !(c.is_alphanumeric() || is_mark(c)) || is_punctuation(c))
        } else {
            w.chars().all(|c| self.symbol_chars.contains(c))
        }
    }

    /// A word's length as the profile measures it.
    pub fn word_len(&self, w: &str) -> usize {
        if self.letters_only_length {
            w.chars().filter(|&c| !is_length_free(c)).count()
        } else {
            char_len(w)
        }
    }

    /// The stop word `w` is, if any (as the profile compares them).
    pub fn stop_word<'a>(&'a self, w: &str, buf: &mut String) -> Option<&'a str> {
        if self.fold_stop_words {
            // Stop words are short; folding long words would only cost time.
            if w.len() > 24 {
                return None;
            }
            buf.clear();
            ghirbal_text::fold::fold_into(w, buf);
            self.lookup_stop_word(buf)
        } else {
            self.lookup_stop_word(w)
        }
    }

    /// The stop word `w` is, as written or after one attached clitic (وفي, فإن).
    fn lookup_stop_word(&self, w: &str) -> Option<&str> {
        if let Some(sw) = self.stop_words.get(w) {
            return Some(sw);
        }
        self.stop_word_prefixes.iter().find_map(|p| {
            let rest = w.strip_prefix(p.as_str())?;
            if rest.chars().count() < 2 {
                return None;
            }
            self.stop_words.get(rest).map(String::as_str)
        })
    }

    /// Does this line end in terminal punctuation (after the characters the profile skips)?
    pub fn ends_in_terminal(&self, line: &str) -> bool {
        line.chars()
            .rev()
            .find(|&c| !self.line_end_skip.contains(c))
            .is_some_and(|c| self.terminal.contains(c))
    }
}

static CACHE: LazyLock<Mutex<HashMap<String, Arc<Profile>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// A built-in profile by name, or a profile file by path.
pub fn profile(name: &str) -> Result<Arc<Profile>, String> {
    if let Ok(cache) = CACHE.lock() {
        if let Some(p) = cache.get(name) {
            return Ok(Arc::clone(p));
        }
    }
    let parsed = if let Some((_, text)) = BUILTIN.iter().find(|(n, _)| *n == name) {
        Profile::parse(text).map_err(|e| format!("built-in profile {name}: {e}"))?
    } else if is_profile_path(name) {
        let text = std::fs::read_to_string(name)
            .map_err(|e| format!("cannot read profile file {name}: {e}"))?;
        Profile::parse(&text).map_err(|e| format!("profile file {name}: {e}"))?
    } else {
        let known: Vec<&str> = BUILTIN.iter().map(|b| b.0).collect();
        return Err(format!(
            "unknown profile \"{name}\" (built in: {}; or a path to a .toml profile)",
            known.join(", ")
        ));
    };
    let p = Arc::new(parsed);
    if let Ok(mut cache) = CACHE.lock() {
        cache.insert(name.to_string(), Arc::clone(&p));
    }
    Ok(p)
}

/// The names of the built-in profiles (tests check that each parses).
#[cfg(test)]
pub fn builtin_profiles() -> Vec<&'static str> {
    BUILTIN.iter().map(|b| b.0).collect()
}

/// Resolves a filter's options: the profile's section for `step`, then the user's values on
/// top, then `profile` itself; returns the settings, the profile and the resolved table.
pub(crate) fn settings<T: DeserializeOwned + Serialize + Default + Validate>(
    step: &'static str,
    index: usize,
    mut table: toml::Table,
) -> Result<(T, Arc<Profile>, toml::Table), ConfigError> {
    let bad = |message: String| ConfigError::BadOptions {
        index,
        name: step.to_string(),
        message,
    };
    let name = match table.remove("profile") {
        None => "ar".to_string(),
        Some(toml::Value::String(s)) => s,
        Some(other) => return Err(bad(format!("profile must be a string, not {other}"))),
    };
    let prof = profile(&name).map_err(bad)?;
    let mut merged = match prof.sections.get(step) {
        Some(toml::Value::Table(t)) => t.clone(),
        _ => toml::Table::new(),
    };
    merged.insert("profile".into(), toml::Value::String(name));
    merged.extend(table);
    let (opts, resolved) = options::<T>(step, index, merged)?;
    Ok((opts, prof, resolved))
}

/// A quality filter: its settings and the language profile they were resolved against. Each
/// filter module implements `Step` for its own `Filter<Options>`.
pub struct Filter<S> {
    pub(crate) opts: S,
    pub(crate) profile: Arc<Profile>,
}

/// Builds a filter from its configuration table: its settings resolved against its profile
/// and checked (the profile's values as much as the user's).
pub(crate) fn build_filter<T>(
    step: &'static str,
    index: usize,
    table: toml::Table,
) -> Result<crate::options::Built, ConfigError>
where
    T: DeserializeOwned + Serialize + Default + Validate + Send + Sync + 'static,
    Filter<T>: ghirbal_core::Step,
{
    let (opts, profile, resolved) = settings::<T>(step, index, table)?;
    Ok(crate::options::Built {
        element: ghirbal_core::Element::Step(Box::new(Filter { opts, profile })),
        resolved,
    })
}

/// The `T::default()` of a filter: the `ar` profile's values, so `ghirbal steps` shows them.
pub(crate) fn ar_defaults<T: DeserializeOwned>(step: &str) -> T {
    let prof = profile("ar").expect("the built-in ar profile parses (unit-tested)");
    let mut t = match prof.sections.get(step) {
        Some(toml::Value::Table(t)) => t.clone(),
        _ => toml::Table::new(),
    };
    t.insert("profile".into(), toml::Value::String("ar".into()));
    toml::Value::Table(t)
        .try_into()
        .expect("the built-in ar profile has every threshold (unit-tested)")
}

/// Writes a filter's measured values under `quality.<key>` in the document's metadata.
pub(crate) fn annotate(
    doc: &mut Document,
    key: &str,
    values: serde_json::Map<String, serde_json::Value>,
) {
    let entry = doc.claim("quality");
    if !entry.is_object() {
        *entry = serde_json::Value::Object(serde_json::Map::new());
    }
    if let Some(obj) = entry.as_object_mut() {
        obj.insert(key.to_string(), serde_json::Value::Object(values));
    }
}

/// Rounds a ratio for metadata (six decimals are plenty to study thresholds).
/// Help of the `profile` option, the same for every filter.
pub(crate) const PROFILE_HELP: &str =
    "language profile: ar, fineweb2-arb, en, or a path to a profile .toml (relative to the configuration file)";

pub(crate) fn r6(x: f64) -> serde_json::Value {
    if x.is_finite() {
        serde_json::json!((x * 1e6).round() / 1e6)
    } else {
        serde_json::Value::Null
    }
}

/// Python's `str.strip()` (what datatrove uses): trims characters for which `isspace()` holds.
pub(crate) fn py_strip(s: &str) -> &str {
    s.trim_matches(ghirbal_text::words::is_py_space)
}

/// Python's `str.splitlines()`: line boundaries are \n \r \r\n \v \f \x1c \x1d \x1e \x85
/// U+2028 U+2029, and a final boundary does not start an empty line.
pub(crate) fn py_splitlines(s: &str) -> Vec<&str> {
    let b = s.as_bytes();
    // Fast path: only \n breaks lines (no byte of another break occurs).
    if memchr::memchr3(b'\r', 0x0b, 0x0c, b).is_none()
        && memchr::memchr3(0x1c, 0x1d, 0x1e, b).is_none()
        && memchr::memmem::find(b, "\u{85}".as_bytes()).is_none()
        && memchr::memmem::find(b, "\u{2028}".as_bytes()).is_none()
        && memchr::memmem::find(b, "\u{2029}".as_bytes()).is_none()
    {
        let mut out: Vec<&str> = s.split('\n').collect();
        if out.last().is_some_and(|l| l.is_empty()) {
            out.pop();
        }
        return out;
    }
    let mut out = Vec::new();
    let (mut start, mut i) = (0, 0);
    while i < b.len() {
        // Length of the line break starting at i, if any.
        let brk = match b[i] {
            b'\r' if b.get(i + 1) == Some(&b'\n') => 2,
            b'\n' | b'\r' | 0x0b | 0x0c | 0x1c | 0x1d | 0x1e => 1,
            0xC2 if b.get(i + 1) == Some(&0x85) => 2,
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => 3,
            _ => 0,
        };
        if brk > 0 {
            out.push(&s[start..i]);
            i += brk;
            start = i;
        } else {
            i += 1;
        }
    }
    if start < b.len() {
        out.push(&s[start..]);
    }
    out
}

/// Characters (Unicode scalar values) of `s`: its bytes that do not continue a sequence.
pub(crate) fn char_len(s: &str) -> usize {
    s.bytes().filter(|&b| b & 0xC0 != 0x80).count()
}

/// Duplicate elements and their characters, counting every occurrence after the first
/// (Gopher's definition, shared by the repetition and FineWeb filters).
pub(crate) fn find_duplicates<'a>(items: impl IntoIterator<Item = &'a str>) -> (usize, usize) {
    let items = items.into_iter();
    // Sized for every item at once: growing the set as it fills rehashed it several times.
    let mut seen: HashSet<&str, xxhash_rust::xxh3::Xxh3Builder> = HashSet::with_capacity_and_hasher(
        items.size_hint().0,
        xxhash_rust::xxh3::Xxh3Builder::new(),
    );
    let (mut n, mut chars) = (0, 0);
    for it in items {
        if !seen.insert(it) {
            n += 1;
            chars += char_len(it);
        }
    }
    (n, chars)
}

/// The first failing check of a filter, and the measured values when annotating.
pub(crate) struct Checks {
    pub first: Option<(&'static str, String)>,
    pub values: serde_json::Map<String, serde_json::Value>,
    pub annotate: bool,
    /// Every value measured, for the run report (see [`Cx::observe`]): unlike annotations,
    /// always gathered.
    observed: Vec<(&'static str, f64)>,
}

impl Checks {
    pub fn new(annotate: bool) -> Self {
        Self {
            first: None,
            values: serde_json::Map::new(),
            annotate,
            observed: Vec::new(),
        }
    }

    /// True when the filter can stop measuring: a check failed and nobody wants the rest.
    pub fn done(&self) -> bool {
        self.first.is_some() && !self.annotate
    }

    /// Writes `value` under `key` when annotating (values with no report histogram).
    pub fn record(&mut self, key: &str, value: serde_json::Value) {
        if self.annotate {
            self.values.insert(key.to_string(), value);
        }
    }

    /// A measured share or mean: reported, and written (rounded) when annotating.
    pub fn measure(&mut self, key: &'static str, value: f64) {
        self.observed.push((key, value));
        self.record(key, r6(value));
    }

    /// A measured count: reported, and written when annotating.
    pub fn measure_count(&mut self, key: &'static str, n: usize) {
        self.observed.push((key, n as f64));
        self.record(key, serde_json::json!(n));
    }

    pub fn fail(&mut self, code: &'static str, detail: impl FnOnce() -> String) {
        if self.first.is_none() {
            self.first = Some((code, detail()));
        }
    }

    /// Measures `value` under `key` and fails with `code` when `limit` is set (above 0) and
    /// `value` exceeds it: the shape of most ratio checks.
    pub fn above(
        &mut self,
        key: &'static str,
        value: f64,
        limit: f64,
        code: &'static str,
        detail: impl FnOnce() -> String,
    ) {
        self.measure(key, value);
        if limit > 0.0 && value > limit {
            self.fail(code, detail);
        }
    }

    /// The verdict of `step`, after reporting the measured values and writing them to
    /// `quality.<key>` when annotating.
    pub fn finish(
        mut self,
        doc: &mut Document,
        cx: &mut Cx,
        step: &'static str,
        key: &str,
    ) -> Verdict {
        for (k, v) in self.observed.drain(..) {
            cx.observe(k, v);
        }
        if self.annotate {
            annotate(doc, key, std::mem::take(&mut self.values));
        }
        match self.first {
            Some((code, detail)) => Verdict::drop(step, code, detail),
            None => Verdict::Keep,
        }
    }
}

/// Helpers shared by the filters' unit tests.
#[cfg(test)]
pub(crate) mod testing {
    use super::{settings, Profile};
    use crate::check::Validate;
    use ghirbal_core::{Cx, Document, Step, Verdict};
    use serde::{de::DeserializeOwned, Serialize};
    use std::sync::Arc;

    /// A filter's settings from its profile and the TOML lines `extra`.
    pub fn load<T: DeserializeOwned + Serialize + Default + Validate>(
        step: &'static str,
        extra: &str,
    ) -> (T, Arc<Profile>) {
        let table = toml::from_str(extra).expect("test TOML");
        let (opts, profile, _) = settings::<T>(step, 1, table).unwrap_or_else(|e| panic!("{e}"));
        (opts, profile)
    }

    /// The reason code a verdict carries, if any.
    pub fn code_of(v: &Verdict) -> Option<&'static str> {
        match v {
            Verdict::Drop(r) => Some(r.code),
            Verdict::Keep => None,
        }
    }

    /// The reason code `step` removes `text` for, if any.
    pub fn code(step: &dyn Step, text: &str) -> Option<&'static str> {
        let v = step
            .process(&mut Document::new("d", text), &mut Cx::default())
            .expect("filters never fail");
        code_of(&v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_parse_and_have_every_section() {
        for name in builtin_profiles() {
            let p = profile(name).unwrap_or_else(|e| panic!("{e}"));
            for s in SECTIONS {
                assert!(p.sections.contains_key(*s), "{name} lacks {s}");
            }
        }
    }

    #[test]
    fn unknown_profile_is_explained() {
        let err = profile("xx").err().unwrap_or_default();
        assert!(err.contains("built in: ar, en, fineweb2-arb"), "{err}");
    }

    #[test]
    fn arabic_stop_words_match_on_the_fold() {
        let p = profile("ar").unwrap_or_else(|e| panic!("{e}"));
        let mut buf = String::new();
        assert!(p.stop_word("الى", &mut buf).is_some());
        assert!(p.stop_word("علي", &mut buf).is_some());
        assert!(p.stop_word("الرياض", &mut buf).is_none());
        // An attached conjunction: وذلك is ذلك, فإن is إن; but و alone is not a stop word.
        assert!(p.stop_word("وذلك", &mut buf).is_some());
        assert!(p.stop_word("فإن", &mut buf).is_some());
        assert!(p.stop_word("وما", &mut buf).is_some());
        let fw = profile("fineweb2-arb").unwrap_or_else(|e| panic!("{e}"));
        assert!(fw.stop_word("الى", &mut buf).is_none());
        assert!(fw.stop_word("،", &mut buf).is_some());
    }

    #[test]
    fn line_ends() {
        let p = profile("ar").unwrap_or_else(|e| panic!("{e}"));
        assert!(p.ends_in_terminal("قال إنه سيعود.» "));
        assert!(p.ends_in_terminal("هل يعود؟"));
        assert!(!p.ends_in_terminal("أخبار السعودية"));
        let fw = profile("fineweb2-arb").unwrap_or_else(|e| panic!("{e}"));
        assert!(!fw.ends_in_terminal("قال إنه سيعود.»"));
        assert!(fw.ends_in_terminal("هل يعود؟"));
    }

    #[test]
    fn char_len_counts_scalar_values_at_any_length() {
        for s in [
            "",
            "a",
            "قال",
            "abcdefgh",
            "الرئيسُ قال ٣٫٥ 😀 é",
            "ـــــــــــــــx",
        ] {
            for end in (0..=s.len()).filter(|&i| s.is_char_boundary(i)) {
                assert_eq!(
                    char_len(&s[..end]),
                    s[..end].chars().count(),
                    "{:?}",
                    &s[..end]
                );
            }
        }
    }

    #[test]
    fn python_line_splitting() {
        assert_eq!(py_splitlines("a\r\nb\n\nc\n"), vec!["a", "b", "", "c"]);
        assert_eq!(py_strip("\u{1f} أ \u{a0}"), "أ");
    }
}
