//! Language identification for ghirbal: which language a text is in, with a score, and for
//! Arabic text which dialect group it reads as.
//!
//! The language model is fastText's `lid.176` (176 languages, quantized, 938 KB), embedded in
//! the library with `include_bytes!` so that nothing is read or downloaded at run time, and run
//! by this crate's own inference code (`fasttext.rs`). Its licence is CC-BY-SA-3.0 (see
//! `model/README.md`). On top of it, for the languages that share the Arabic script:
//!
//! - the sample is cleaned of URLs, mentions, hashtag marks, stretched letters and written
//!   laughter (`sample.rs`);
//! - only Arabic-script languages can win for Arabic-script text (an Arabic tweet is never
//!   called Japanese);
//! - the model's probabilities are multiplied by the likelihood of the letters seen
//!   (`letters.rs`) and of the words found in FineWeb-2's high-precision word lists
//!   (`words.rs`, Apache-2.0), and by a web prior for regional languages that Wikipedia
//!   over-represents;
//! - Arabic varieties (`ar`, `arz`) are pooled into `ar`, and Arabic text gets a dialect group
//!   from a naive Bayes model trained on openly licensed dialect text (`dialect/`).

mod dialect;
mod fasttext;
mod letters;
mod sample;
mod script;
mod spelling;
mod wordfreq;
mod words;

pub use dialect::{
    dialect, train, Dialect, DialectGuess, DialectModel, TrainOptions, TrainReport, TrainRow,
    WRITTEN_SOURCE,
};
pub use script::Script;

use dialect::Featurizer;
use fasttext::Model;
use letters::Seen;
use std::borrow::Cow;
use std::sync::OnceLock;
use words::Hits;

/// The fastText language-identification model, CC-BY-SA-3.0 (Facebook AI Research).
static MODEL_BYTES: &[u8] = include_bytes!("../model/lid.176.ftz");

/// Errors of this crate.
#[derive(Debug, Clone, thiserror::Error)]
pub enum LidError {
    #[error("the embedded language model could not be loaded: {0}")]
    Model(String),
}

/// Languages that ghirbal names; any other code the model returns counts as "other" in
/// keep-lists.
pub const NAMED_LANGUAGES: &[&str] = &["ar", "fa", "ur", "ps", "ckb", "sd", "ug", "en", "fr"];

/// Codes of lid.176 whose usual script is Arabic.
const ARABIC_SCRIPT_LABELS: &[&str] = &[
    "ar", "arz", "fa", "ur", "ps", "ckb", "sd", "ug", "azb", "mzn", "glk", "pnb", "lrc", "ku",
];

/// The score of a text that is written laughter alone (`ههههه 😂`): Arabic, as a prior rather
/// than evidence. Persian writes laughter with the same letter, but Arabic social-media text
/// far outnumbers Persian in the crawls ghirbal reads, and Urdu writes it with `ہ`; half, so
/// that a language filter with any threshold above 0.5 still drops it.
pub const LAUGHTER_SCORE: f32 = 0.5;

/// Codes that are varieties of Arabic, reported as `ar` (their probabilities are added).
const ARABIC_VARIETIES: &[&str] = &["ar", "arz"];

/// One identification.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    /// A language code: `ar` (every variety of Arabic), `fa`, `ur`, `ps`, `ckb`, `sd`, `ug`,
    /// `en`, `fr`, or any other lid.176 code; `und` when the text has no letter.
    pub language: String,
    /// The model's probability for that language (varieties of Arabic added), 0 to 1.
    pub score: f32,
    /// The script most of the letters are in.
    pub script: Script,
    /// For Arabic, the dialect group, from the words of the same sample (its first
    /// [`DIALECT_BYTES`] bytes); `None` for other languages and with `Limits::evidence` off.
    pub dialect: Option<DialectGuess>,
}

impl Guess {
    /// True when the language is one ghirbal names (see [`NAMED_LANGUAGES`]).
    pub fn is_named(&self) -> bool {
        NAMED_LANGUAGES.contains(&self.language.as_str())
    }

    fn undetermined(script: Script) -> Self {
        Self {
            language: "und".to_string(),
            score: 0.0,
            script,
            dialect: None,
        }
    }
}

/// How much of a text is looked at.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Bytes of text given to the model (cut at a character boundary). Longer documents are
    /// judged on their beginning; `usize::MAX` reads everything.
    pub max_bytes: usize,
    /// Clean the sample and weigh the model with script, letter and word evidence; false
    /// gives lid.176's own answer (Arabic varieties still pooled), for comparison.
    pub evidence: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 1024,
            evidence: true,
        }
    }
}

/// The language identifier. Build it once with [`Identifier::get`]; it is shared by threads.
pub struct Identifier {
    model: Model,
    /// Per label: written in Arabic script, a variety of Arabic, prior weight.
    arabic_script: Vec<bool>,
    arabic_variety: Vec<bool>,
    prior: Vec<f32>,
}

static IDENTIFIER: OnceLock<Result<Identifier, LidError>> = OnceLock::new();

impl Identifier {
    /// The process-wide identifier (the model is decoded on first use, about 20 ms).
    pub fn get() -> Result<&'static Identifier, LidError> {
        IDENTIFIER
            .get_or_init(|| {
                let model =
                    Model::from_bytes(MODEL_BYTES).map_err(|e| LidError::Model(e.to_string()))?;
                let labels = model.labels();
                Ok(Identifier {
                    arabic_script: labels
                        .iter()
                        .map(|l| ARABIC_SCRIPT_LABELS.contains(&l.as_str()))
                        .collect(),
                    arabic_variety: labels
                        .iter()
                        .map(|l| ARABIC_VARIETIES.contains(&l.as_str()))
                        .collect(),
                    prior: labels.iter().map(|l| prior(l)).collect(),
                    model,
                })
            })
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Identifies the language of `text` (its first `limits.max_bytes` bytes).
    pub fn identify(&self, text: &str, limits: Limits) -> Guess {
        let mut cleaned = String::new();
        let sample = if limits.evidence {
            sample::clean(prefix(text, limits.max_bytes), &mut cleaned);
            cleaned.as_str()
        } else {
            prefix(text, limits.max_bytes)
        };
        let script = Script::of(sample);
        let restrict = limits.evidence && script == Script::Arabic;
        if script == Script::None {
            if limits.evidence && sample::laughter_only(prefix(text, limits.max_bytes)) {
                return Guess {
                    language: "ar".to_string(),
                    score: LAUGHTER_SCORE,
                    script: Script::Arabic,
                    dialect: None,
                };
            }
            return Guess::undetermined(script);
        }
        let input = model_input(sample);
        let mut probs = Vec::new();
        if !self.model.predict(&input, &mut probs) {
            return Guess::undetermined(script);
        }
        let labels = self.model.labels();
        // The dialect model's features come from the same word lookups as the word evidence.
        let mut scorer = DialectModel::embedded().ok().map(DialectModel::scorer);
        let evidence = restrict.then(|| {
            let mut words = Featurizer::default();
            let hits = Hits::and_words(
                prefix(sample, WORD_EVIDENCE_BYTES),
                DIALECT_BYTES,
                |w, e| {
                    if let Some(s) = scorer.as_mut() {
                        words.word(w, e.bits, &mut |b| s.add(b));
                    }
                },
            );
            (Seen::of(sample), hits)
        });
        // Bayes: the model's probability times the likelihood of the letters and listed
        // words seen, normalized over every label (f64: the factors span many decades).
        let mut total = 0.0f64;
        let mut arabic = 0.0f64;
        let mut best: Option<(usize, f64)> = None;
        for (i, &p) in probs.iter().enumerate() {
            let mut w = f64::from(p);
            if let Some((seen, hits)) = &evidence {
                if self.arabic_script[i] {
                    let code = labels[i].as_str();
                    w *= f64::from(seen.factor(code) * self.prior[i]);
                    w *= f64::from(WORD_EVIDENCE).powi(hits.for_label(code).min(200) as i32);
                    w *= 10f64.powf(f64::from(hits.freq_for_label(code)) * WORD_FREQ_WEIGHT);
                }
            }
            total += w;
            if restrict && !self.arabic_script[i] {
                continue;
            }
            if self.arabic_variety[i] {
                arabic += w;
            } else if best.is_none_or(|(_, s)| w > s) {
                best = Some((i, w));
            }
        }
        let best = best.map(|(i, s)| (labels[i].as_str(), s));
        let (language, score) = match best {
            Some((code, s)) if s > arabic => (code, s),
            _ if arabic > 0.0 => ("ar", arabic),
            _ => return Guess::undetermined(script),
        };
        let score = if total > 0.0 {
            (score / total) as f32
        } else {
            0.0
        };
        let dialect = match &evidence {
            Some(_) if language == "ar" => scorer.and_then(|s| s.guess()),
            _ => None,
        };
        Guess {
            language: language.to_string(),
            score: score.min(1.0),
            script,
            dialect,
        }
    }
}

/// The longest prefix of `text` of at most `max` bytes that ends at a character boundary.
pub(crate) fn prefix(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The text as the model expects it: one line; Latin text that is mostly upper case is
/// lowered (the model saw little all-caps text and calls it Japanese or Korean).
fn model_input(sample: &str) -> Cow<'_, str> {
    let (mut upper, mut lower) = (0usize, 0usize);
    for c in sample.chars() {
        if c.is_ascii_uppercase() {
            upper += 1;
        } else if c.is_ascii_lowercase() {
            lower += 1;
        }
    }
    if upper > 4 * lower {
        Cow::Owned(sample.to_lowercase())
    } else {
        Cow::Borrowed(sample)
    }
}

/// Prior weight of a label on web text relative to the model's training mix: regional
/// languages that share Urdu's or Persian's alphabet (Western Punjabi, South Azerbaijani,
/// Mazanderani, Gilaki, Northern Luri) are far rarer on the web than Wikipedia made them.
fn prior(code: &str) -> f32 {
    match code {
        "pnb" | "azb" | "mzn" | "glk" | "lrc" => MINOR_PRIOR,
        _ => 1.0,
    }
}

const MINOR_PRIOR: f32 = 0.05;

/// Likelihood ratio of one word found in a language's high-precision list (the lists keep
/// words seen in their language at least 85 % of the time: 0.85 / 0.15 is about 5.7).
const WORD_EVIDENCE: f32 = 5.7;

/// Weight of the word-frequency evidence, as an exponent of the frequency ratios (1 would
/// be naive Bayes). Below 1 because the ratios overstate Persian for Arabic dialect words: the
/// Arabic list is drawn mostly from Modern Standard Arabic, where clitics glue onto words and
/// spread each word over more forms. Chosen on the dev set among 0.5, 0.75 and 1 (with and
/// without a cap per word): 1 gives the best word pairs, 0.75 keeps dialect tweets Arabic.
const WORD_FREQ_WEIGHT: f64 = 0.75;

/// Bytes of the sample whose words the dialect model reads (about forty-five Arabic words: on
/// a news article more words do not change the group, and each word costs about ten lookups
/// in the model's table).
pub const DIALECT_BYTES: usize = 256;

/// Bytes of the sample whose words are looked up (about seventy Arabic words: beyond that,
/// more words do not change a decision, and looking them up costs a sixth of the time). 512
/// and 384 give the same language on every one of langid-dev's 72,263 texts and the 39,416
/// almayadeen and saudinewsnet articles; 384 pays for the dialect model's lookups.
const WORD_EVIDENCE_BYTES: usize = 384;
