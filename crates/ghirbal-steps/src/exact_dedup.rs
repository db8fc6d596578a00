//! `exact-dedup`: a whole-corpus stage that keeps the first occurrence (in input order) of each
//! text and removes later copies, naming the document they copy.
//!
//! What it does: hashes each text (128-bit xxh3) after a light normalization, remembers the
//! earliest input position per hash, and in the final pass removes every document that is not
//! the earliest holder of its hash.
//! Why a stage and not a step: "first in input order" can only be decided once every document
//! has been seen; deciding it on the fly would make the output depend on thread scheduling.
//! Normalization: the matching normalization of `ghirbal_text::fold` (letter variants,
//! diacritics, tatweel, digits, punctuation and spacing folded), so spelling variants of one
//! text count as the same text.
//! Memory: one entry (hash, position, id) per distinct text, about 60 bytes plus the id.

use crate::registry::{option_infos, options, Built, ConfigError};
use ghirbal_core::{Cx, Document, Element, Stage, StepError, StepInfo, Verdict};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;

const NAME: &str = "exact-dedup";
const SHARDS: usize = 64;

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "stage",
        summary: "whole-corpus: keeps the first occurrence of each text in input order and removes later copies, comparing texts on the matching normalization (letter variants, diacritics, tatweel, punctuation)",
        options: option_infos::<Options>(&[]),
        reasons: vec![("duplicate", "the same text as an earlier document, named in the detail")],
    }
}

pub fn build(index: usize, table: toml::Table) -> Result<Built, ConfigError> {
    let (_opts, resolved) = options::<Options>(NAME, index, table)?;
    Ok(Built {
        element: Element::Stage(Box::new(ExactDedup::new())),
        resolved,
    })
}

type FirstSeen = HashMap<u128, (u64, Box<str>)>;

pub struct ExactDedup {
    shards: Vec<Mutex<FirstSeen>>,
}

impl Default for ExactDedup {
    fn default() -> Self {
        Self::new()
    }
}

impl ExactDedup {
    pub fn new() -> Self {
        Self {
            shards: (0..SHARDS).map(|_| Mutex::new(HashMap::new())).collect(),
        }
    }

    fn shard(&self, key: u128) -> Result<std::sync::MutexGuard<'_, FirstSeen>, StepError> {
        self.shards[(key as usize) % SHARDS]
            .lock()
            .map_err(|_| StepError::Failed {
                step: NAME,
                id: String::new(),
                message: "hash table poisoned by an earlier panic".into(),
            })
    }
}

/// The hash of the text's matching normalization (`ghirbal_text::fold`): copies that differ
/// only in letter variants (أ/ا, ى/ي, ة/ه), diacritics, tatweel, digits' script, punctuation or
/// spacing hash the same.
pub fn text_key(text: &str) -> u128 {
    let mut key = String::with_capacity(text.len());
    ghirbal_text::fold::fold_into(text, &mut key);
    xxhash_rust::xxh3::xxh3_128(key.as_bytes())
}

impl Stage for ExactDedup {
    fn name(&self) -> &'static str {
        NAME
    }

    fn observe(&self, doc: &Document, seq: u64) -> Result<(), StepError> {
        let key = text_key(&doc.text);
        let mut shard = self.shard(key)?;
        let entry = shard
            .entry(key)
            .or_insert_with(|| (seq, doc.id.as_str().into()));
        if seq < entry.0 {
            *entry = (seq, doc.id.as_str().into());
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), StepError> {
        Ok(())
    }

    fn decide(&self, doc: &mut Document, seq: u64, _cx: &mut Cx) -> Result<Verdict, StepError> {
        let key = text_key(&doc.text);
        let shard = self.shard(key)?;
        match shard.get(&key) {
            Some((first, id)) if *first != seq => Ok(Verdict::drop(
                NAME,
                "duplicate",
                format!("same text as document {id} (record #{first}, this is #{seq})"),
            )),
            _ => Ok(Verdict::Keep),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_first_in_input_order_whatever_the_observation_order() {
        let mut stage = ExactDedup::new();
        let a = Document::new("a", "خبر عاجل من الرياض");
        let b = Document::new("b", "خَبَر  عاجـــل\nمِن الرّياض ");
        let c = Document::new("c", "خبر آخر");
        // Observed out of order, as several threads would.
        for (doc, seq) in [(&b, 5), (&c, 9), (&a, 2)] {
            stage.observe(doc, seq).expect("observe");
        }
        stage.finish().expect("finish");
        assert_eq!(
            stage
                .decide(&mut a.clone(), 2, &mut Cx::default())
                .expect("decide"),
            Verdict::Keep
        );
        assert_eq!(
            stage
                .decide(&mut c.clone(), 9, &mut Cx::default())
                .expect("decide"),
            Verdict::Keep
        );
        assert_eq!(
            stage
                .decide(&mut b.clone(), 5, &mut Cx::default())
                .expect("decide"),
            Verdict::drop(
                NAME,
                "duplicate",
                "same text as document a (record #2, this is #5)"
            )
        );
    }
}
