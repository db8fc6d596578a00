//! `normalize`: the text-preserving Arabic normalization (see `ghirbal_text::normalize`),
//! written to the document; every kind of change counted in the step's `counters`.
//!
//! What it does: repairs mojibake, maps presentation forms to letters, removes direction
//! controls, zero-width characters and tatweel, keeps ZWNJ only between letters, turns odd
//! spaces into plain ones, collapses spaces, trims lines, allows one blank line in a row, and
//! applies NFC. Why: later steps and the trained model should see one encoding of each word.
//! It never removes a document.

use crate::check::Validate;
use crate::options::{option_infos, options, Built, ConfigError};
use ghirbal_core::{Cx, Document, Element, Step, StepError, StepInfo, Verdict};
use ghirbal_text::normalize::{normalize, Changes};
use serde::{Deserialize, Serialize};

const NAME: &str = "normalize";

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

impl Validate for Options {
    /// No options, nothing to check.
    fn validate(&self) -> Result<(), String> {
        Ok(())
    }
}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "step",
        summary: "text-preserving Arabic normalization: mojibake repair, presentation forms, direction and zero-width characters, tatweel, spaces, blank lines, NFC (counted per kind)",
        options: option_infos::<Options>(&[]),
        reasons: vec![],
    }
}

pub fn build(index: usize, table: toml::Table) -> Result<Built, ConfigError> {
    let (_opts, resolved) = options::<Options>(NAME, index, table)?;
    Ok(Built {
        element: Element::Step(Box::new(Normalize)),
        resolved,
    })
}

pub struct Normalize;

impl Step for Normalize {
    fn name(&self) -> &'static str {
        NAME
    }

    fn process(&self, doc: &mut Document, cx: &mut Cx) -> Result<Verdict, StepError> {
        let mut changes = Changes::default();
        let changed = match normalize(&doc.text, &mut changes) {
            std::borrow::Cow::Borrowed(_) => None,
            std::borrow::Cow::Owned(text) => Some(text),
        };
        for (kind, n) in changes.pairs() {
            cx.count(kind, n);
        }
        if let Some(text) = changed {
            if text != doc.text {
                cx.count("documents_changed", 1);
                doc.text = text;
            }
        }
        Ok(Verdict::Keep)
    }
}
