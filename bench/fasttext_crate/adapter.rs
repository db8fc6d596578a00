//! Adapter: fastText inference by the `fasttext-pure-rs` crate, with the API lib.rs uses
//! (`Model::from_bytes`, `labels`, `predict` filling every label's probability).

use fasttext_pure_rs::FastText;
use std::collections::HashMap;

/// A model that could not be read.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct FormatError(String);

/// lid.176, run by fasttext-pure-rs.
pub struct Model {
    ft: FastText,
    /// Label codes without `__label__`, in the order of `predict`'s probabilities.
    labels: Vec<String>,
    /// `__label__xx` to its index in `labels`.
    index: HashMap<String, usize>,
}

/// More than any model's label count; only used once, to list the labels.
const MAX_LABELS: usize = 4096;

impl Model {
    /// Reads a model from the bytes of a `.bin` or `.ftz` file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, FormatError> {
        let ft = FastText::load_from_reader(bytes).map_err(|e| FormatError(e.to_string()))?;
        // The crate does not list its labels: ask for all of them once ("" still holds `</s>`).
        let mut all = ft
            .predict("", MAX_LABELS, 0.0)
            .map_err(|e| FormatError(e.to_string()))?;
        all.sort_by(|a, b| a.label.cmp(&b.label));
        let index = all
            .iter()
            .enumerate()
            .map(|(i, p)| (p.label.clone(), i))
            .collect();
        let labels = all
            .iter()
            .map(|p| p.label.strip_prefix("__label__").unwrap_or(&p.label).to_string())
            .collect();
        Ok(Model { ft, labels, index })
    }

    /// The labels, in the order of [`Model::predict`]'s probabilities.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The probability of every label for `text`, in `probs`; false when the text has no token.
    pub fn predict(&self, text: &str, probs: &mut Vec<f32>) -> bool {
        let Ok(preds) = self.ft.predict(text, self.labels.len(), 0.0) else {
            return false;
        };
        probs.clear();
        probs.resize(self.labels.len(), 0.0);
        for p in preds {
            if let Some(&i) = self.index.get(&p.label) {
                probs[i] = p.probability;
            }
        }
        true
    }
}
