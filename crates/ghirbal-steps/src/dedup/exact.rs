//! `exact-dedup`: a whole-corpus stage that keeps the first occurrence (in input order) of each
//! text and removes later copies, naming the document they copy.
//!
//! What it does: hashes each text (128-bit xxh3) after a light normalization; once every
//! document has been observed, sorts the (hash, input position, id) entries, and in the final
//! pass removes every document that is not the earliest holder of its hash.
//! Why a stage and not a step: "first in input order" can only be decided once every document
//! has been seen; deciding it on the fly would make the output depend on thread scheduling.
//! Normalization: the matching normalization of `ghirbal_text::fold` (letter variants,
//! diacritics, tatweel, digits, punctuation and spacing folded), so spelling variants of one
//! text count as the same text.
//! Memory: while observing, about 50 bytes plus the id per document, up to `memory_mb`;
//! beyond it the entries spill to disk as sorted runs, merged when observation ends. After
//! that only the copies are held (position, first position, id of the first).

use crate::check::{self, Validate};
use crate::dedup::spill::Sorter;
use crate::dedup::state;
use crate::options::{option_infos, options, Built, ConfigError};
use ghirbal_core::bytes::{put_str, put_u64, Cursor};
use ghirbal_core::{
    Cx, Document, Element, MapOutput, Mapper, Shuffle, Stage, StepError, StepInfo, UnitPart,
    Verdict,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

const NAME: &str = "exact-dedup";

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Options {
    /// Memory for the observed (hash, position, id) entries, in MiB; beyond it, sorted runs
    /// spill to the run's work folder.
    pub memory_mb: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self { memory_mb: 1024 }
    }
}

impl Validate for Options {
    fn validate(&self) -> Result<(), String> {
        check::at_least("memory_mb", self.memory_mb, 1)
    }
}

pub fn info() -> StepInfo {
    StepInfo {
        name: NAME,
        kind: "stage",
        summary: "whole-corpus: keeps the first occurrence of each text in input order and removes later copies, comparing texts on the matching normalization (letter variants, diacritics, tatweel, punctuation)",
        options: option_infos::<Options>(&[(
            "memory_mb",
            "MiB for the observed entries (about 50 bytes per document) before sorted runs spill to disk",
        )]),
        reasons: vec![("duplicate", "the same text as an earlier document, named in the detail")],
    }
}

pub fn build(index: usize, table: toml::Table) -> Result<Built, ConfigError> {
    let (opts, resolved) = options::<Options>(NAME, index, table)?;
    Ok(Built {
        element: Element::Stage(Box::new(ExactDedup::with_budget(
            opts.memory_mb.saturating_mul(1 << 20),
        ))),
        resolved,
    })
}

/// The first occurrence of a text: its input position and id.
type First = (u64, Box<str>);

pub struct ExactDedup {
    budget: usize,
    work_dir: PathBuf,
    /// Observed documents: records [key high, key low, seq] with the id as tail.
    observed: Mutex<Sorter>,
    /// After `finish`: each later copy's position, with the first occurrence of its text.
    duplicates: HashMap<u64, First>,
}

impl Default for ExactDedup {
    fn default() -> Self {
        Self::new()
    }
}

static WORK_DIRS: AtomicU64 = AtomicU64::new(0);

impl ExactDedup {
    pub fn new() -> Self {
        Self::with_budget(Options::default().memory_mb << 20)
    }

    /// A stage that spills sorted runs beyond `budget` bytes.
    pub fn with_budget(budget: usize) -> Self {
        // Used only when the executor gives no folder (library use); created on first spill.
        let work_dir = std::env::temp_dir().join(format!(
            "ghirbal-exact-{}-{}",
            std::process::id(),
            WORK_DIRS.fetch_add(1, Ordering::Relaxed)
        ));
        Self {
            observed: Mutex::new(Sorter::new(3, budget, &work_dir, "texts")),
            budget,
            work_dir,
            duplicates: HashMap::new(),
        }
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

/// What a resumed run reads back: (copy position, first position, first id).
#[derive(Serialize, Deserialize)]
struct SavedState {
    duplicates: Vec<(u64, u64, Box<str>)>,
}

impl Stage for ExactDedup {
    fn name(&self) -> &'static str {
        NAME
    }

    fn set_work_dir(&mut self, dir: &Path) {
        self.work_dir = dir.to_path_buf();
        if let Ok(observed) = self.observed.get_mut() {
            *observed = Sorter::new(3, self.budget, dir, "texts");
        }
    }

    fn observe(&self, doc: &Document, seq: u64) -> Result<(), StepError> {
        let key = text_key(&doc.text);
        self.observed
            .lock()
            .map_err(|_| StepError::stage(NAME, "hash table poisoned by an earlier panic"))?
            .push(&[(key >> 64) as u64, key as u64, seq], doc.id.as_bytes())
            .map_err(|e| {
                StepError::stage(
                    NAME,
                    format!("cannot spill to {}: {e}", self.work_dir.display()),
                )
            })
    }

    /// Sorted by (hash, position), the entries of one text are adjacent and its first
    /// occurrence comes first: every later entry is a copy of it.
    fn finish(&mut self) -> Result<(), StepError> {
        let io = |e: std::io::Error| {
            StepError::stage(
                NAME,
                format!("{e} (work folder {})", self.work_dir.display()),
            )
        };
        let observed = std::mem::replace(
            self.observed
                .get_mut()
                .map_err(|_| StepError::stage(NAME, "hash table poisoned by an earlier panic"))?,
            Sorter::new(3, self.budget, &self.work_dir, "texts"),
        );
        let mut merged = observed.finish().map_err(io)?;
        let mut first: Option<(u64, u64, First)> = None;
        while let Some((w, id)) = merged.next_record().map_err(io)? {
            match &first {
                // The same document observed twice (after a resumed observation pass).
                Some((hi, lo, kept)) if *hi == w[0] && *lo == w[1] && kept.0 == w[2] => {}
                Some((hi, lo, kept)) if *hi == w[0] && *lo == w[1] => {
                    self.duplicates.insert(w[2], kept.clone());
                }
                _ => {
                    let id: Box<str> = String::from_utf8_lossy(id).into();
                    first = Some((w[0], w[1], (w[2], id)));
                }
            }
        }
        drop(merged);
        crate::dedup::spill::remove_work_dir(&self.work_dir);
        Ok(())
    }

    fn checkpoint_observation(&self, out: &mut dyn Write) -> Result<bool, StepError> {
        state::checkpoint_sorter(NAME, &self.observed, out)
    }

    fn resume_observation(&mut self, input: &mut dyn Read) -> Result<(), StepError> {
        state::resume_sorter(NAME, &mut self.observed, input)
    }

    fn save_state(&self, out: &mut dyn Write) -> Result<bool, StepError> {
        let duplicates = state::sorted(&self.duplicates)
            .into_iter()
            .map(|(seq, (first, id))| (seq, first, id))
            .collect();
        state::save(NAME, out, &SavedState { duplicates })
    }

    fn load_state(&mut self, input: &mut dyn Read) -> Result<(), StepError> {
        let state: SavedState = state::load(NAME, input)?;
        self.duplicates = state
            .duplicates
            .into_iter()
            .map(|(seq, first, id)| (seq, (first, id)))
            .collect();
        Ok(())
    }

    fn shuffle(&mut self) -> Option<&mut dyn Shuffle> {
        Some(self)
    }

    fn decide(&self, _doc: &mut Document, seq: u64, _cx: &mut Cx) -> Result<Verdict, StepError> {
        match self.duplicates.get(&seq) {
            Some((first, id)) => Ok(Verdict::drop(
                NAME,
                "duplicate",
                format!("same text as document {id} (record #{first}, this is #{seq})"),
            )),
            None => Ok(Verdict::Keep),
        }
    }
}

/// Distributed: texts are partitioned by their key, each partition finds its later copies on
/// its own (the same key, a later position), and the findings together are the decisions.
impl Shuffle for ExactDedup {
    fn partitions(&self, suggested: usize) -> usize {
        suggested.max(1)
    }

    fn mapper(&self, partitions: usize) -> Box<dyn Mapper> {
        Box::new(KeyMapper {
            parts: (0..partitions.max(1))
                .map(|_| Mutex::new(Vec::new()))
                .collect(),
        })
    }

    /// Records are (key high, key low, position, id); findings are (position, first position,
    /// first id) for each later copy.
    fn reduce(
        &self,
        _partition: usize,
        parts: &mut dyn Iterator<Item = Result<UnitPart, StepError>>,
    ) -> Result<Vec<u8>, StepError> {
        let mut records: Vec<(u64, u64, u64, Box<str>)> = Vec::new();
        for part in parts {
            let part = part?;
            let mut c = Cursor::new(NAME, &part.bytes);
            while !c.done() {
                let (hi, lo, seq) = (c.u64()?, c.u64()?, c.u64()?);
                records.push((hi, lo, part.offset + seq, c.str()?.into()));
            }
        }
        records.sort_unstable();
        let mut out = Vec::new();
        let mut first: Option<&(u64, u64, u64, Box<str>)> = None;
        for r in &records {
            match first {
                Some(f) if f.0 == r.0 && f.1 == r.1 && f.2 != r.2 => {
                    put_u64(&mut out, r.2);
                    put_u64(&mut out, f.2);
                    put_str(&mut out, &f.3);
                }
                Some(f) if f.0 == r.0 && f.1 == r.1 => {}
                _ => first = Some(r),
            }
        }
        Ok(out)
    }

    fn combine(
        &mut self,
        findings: &mut dyn Iterator<Item = Result<Vec<u8>, StepError>>,
        _sides: &mut dyn Iterator<Item = Result<UnitPart, StepError>>,
    ) -> Result<(), StepError> {
        for found in findings {
            let bytes = found?;
            let mut c = Cursor::new(NAME, &bytes);
            while !c.done() {
                let (seq, first) = (c.u64()?, c.u64()?);
                self.duplicates.insert(seq, (first, c.str()?.into()));
            }
        }
        Ok(())
    }
}

/// One unit's texts, as (key, position, id) records per partition of the key.
struct KeyMapper {
    parts: Vec<Mutex<Vec<u8>>>,
}

impl Mapper for KeyMapper {
    fn observe(&self, doc: &Document, seq: u64) -> Result<(), StepError> {
        let key = text_key(&doc.text);
        let (hi, lo) = ((key >> 64) as u64, key as u64);
        let part = &self.parts[(hi % self.parts.len() as u64) as usize];
        let mut out = part
            .lock()
            .map_err(|_| StepError::stage(NAME, "records poisoned by an earlier panic"))?;
        put_u64(&mut out, hi);
        put_u64(&mut out, lo);
        put_u64(&mut out, seq);
        put_str(&mut out, &doc.id);
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<MapOutput, StepError> {
        let parts = self
            .parts
            .into_iter()
            .map(|p| p.into_inner().unwrap_or_else(|e| e.into_inner()))
            .collect();
        Ok(MapOutput {
            parts,
            side: Vec::new(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_memory_is_refused() {
        let t: toml::Table = toml::from_str("memory_mb = 0").expect("toml");
        let err = build(6, t).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(
            err,
            "step #6 (exact-dedup): memory_mb = 0 is too small (allowed: 1 or more)"
        );
    }

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

    #[test]
    fn saved_state_restores_the_decisions() {
        let mut stage = ExactDedup::new();
        let docs = [
            Document::new("a", "خبر عاجل من الرياض"),
            Document::new("b", "خَبَر عاجـــل من الرّياض"),
            Document::new("c", "خبر آخر"),
        ];
        for (seq, doc) in docs.iter().enumerate() {
            stage.observe(doc, seq as u64).expect("observe");
        }
        stage.finish().expect("finish");
        let mut saved = Vec::new();
        assert!(stage.save_state(&mut saved).expect("save"));
        let mut restored = ExactDedup::new();
        restored.load_state(&mut saved.as_slice()).expect("load");
        for (seq, doc) in docs.iter().enumerate() {
            let decide = |s: &ExactDedup| {
                s.decide(&mut doc.clone(), seq as u64, &mut Cx::default())
                    .expect("decide")
            };
            assert_eq!(decide(&stage), decide(&restored));
        }
        assert!(restored.load_state(&mut &saved[..saved.len() - 1]).is_err());
    }

    #[test]
    fn a_run_that_spills_decides_like_one_in_memory() {
        let texts: Vec<String> = (0..300)
            .map(|i| format!("خبر رقم {} من الرياض", i % 70))
            .collect();
        let dir = tempfile::tempdir().expect("tmp");
        let run = |mut stage: ExactDedup| {
            stage.set_work_dir(&dir.path().join("work"));
            for (seq, t) in texts.iter().enumerate().rev() {
                stage
                    .observe(&Document::new(format!("d{seq}"), t.as_str()), seq as u64)
                    .expect("observe");
            }
            let runs = stage.observed.lock().expect("lock").runs();
            stage.finish().expect("finish");
            let verdicts: Vec<Verdict> = texts
                .iter()
                .enumerate()
                .map(|(seq, t)| {
                    stage
                        .decide(
                            &mut Document::new(format!("d{seq}"), t.as_str()),
                            seq as u64,
                            &mut Cx::default(),
                        )
                        .expect("decide")
                })
                .collect();
            (runs, verdicts)
        };
        let (no_runs, in_memory) = run(ExactDedup::new());
        let (runs, spilled) = run(ExactDedup::with_budget(1024));
        assert_eq!(no_runs, 0);
        assert!(runs > 5, "{runs} runs");
        assert_eq!(in_memory, spilled);
        assert_eq!(spilled.iter().filter(|v| **v != Verdict::Keep).count(), 230);
        assert!(!dir.path().join("work").exists());
    }
}
