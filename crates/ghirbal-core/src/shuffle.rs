//! Whole-corpus stages across machines: the contract a [`Stage`](crate::Stage) offers the
//! distributed runner (`ghirbal.ray`) so that no node ever holds the whole corpus's
//! observations.
//!
//! The runner cuts the input into work units (files). For each unit a task runs the steps
//! before the stage and shows every surviving document to a fresh [`Mapper`], numbering
//! documents from 0 within the unit; the mapper's output is cut into partitions (shuffled) and
//! a side file (kept with the unit, read back only by [`Shuffle::combine`]). One task per
//! partition then runs [`Shuffle::reduce`] over that partition's records from every unit,
//! given each unit's first position in the whole input, and one task runs
//! [`Shuffle::combine`] over the partitions' findings: afterwards the stage decides exactly as
//! after [`Stage::finish`](crate::Stage::finish) in a local run, and its
//! [`Stage::save_state`](crate::Stage::save_state) carries the decisions to the tasks of the
//! next pass.
//!
//! The result must equal a local run's, document for document: a stage whose decisions
//! depend on the order documents are seen in must restore input order from the positions.

use crate::{Document, StepError};

/// One unit's bytes for one partition or for the side, and the position in the whole input
/// of the unit's first record (so `offset + seq` is the position a local run uses).
pub struct UnitPart {
    pub offset: u64,
    pub bytes: Vec<u8>,
}

/// A stage's distributed observation.
pub trait Shuffle: Send + Sync {
    /// The number of partitions; `suggested` is the runner's choice from the cluster's size.
    fn partitions(&self, suggested: usize) -> usize;
    /// A mapper for one work unit.
    fn mapper(&self, partitions: usize) -> Box<dyn Mapper>;
    /// Reduces one partition: `parts` yields every unit's records for it, in input order.
    /// Returns the partition's findings for [`Shuffle::combine`].
    fn reduce(
        &self,
        partition: usize,
        parts: &mut dyn Iterator<Item = Result<UnitPart, StepError>>,
    ) -> Result<Vec<u8>, StepError>;
    /// Turns every partition's findings (`findings`, in partition order) into the stage's
    /// decisions; `sides` yields every unit's side file, in input order.
    fn combine(
        &mut self,
        findings: &mut dyn Iterator<Item = Result<Vec<u8>, StepError>>,
        sides: &mut dyn Iterator<Item = Result<UnitPart, StepError>>,
    ) -> Result<(), StepError>;
}

/// Observes the documents of one work unit (from several threads at once).
pub trait Mapper: Send + Sync {
    /// `seq` is the record's position within the unit.
    fn observe(&self, doc: &Document, seq: u64) -> Result<(), StepError>;
    /// The records for each partition (`parts[k]`) and the unit's side file.
    fn finish(self: Box<Self>) -> Result<MapOutput, StepError>;
}

/// What a [`Mapper`] leaves.
#[derive(Default)]
pub struct MapOutput {
    pub parts: Vec<Vec<u8>>,
    pub side: Vec<u8>,
}

/// Little-endian helpers for the records stages shuffle: fixed-width numbers and
/// length-prefixed strings, read back with a cursor that reports truncation instead of
/// panicking.
pub mod bytes {
    use crate::StepError;

    pub fn put_u64(out: &mut Vec<u8>, v: u64) {
        out.extend_from_slice(&v.to_le_bytes());
    }

    pub fn put_str(out: &mut Vec<u8>, s: &str) {
        put_u64(out, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
    }

    /// Reads what `put_u64` and `put_str` wrote.
    pub struct Cursor<'a> {
        buf: &'a [u8],
        at: usize,
        step: &'static str,
    }

    impl<'a> Cursor<'a> {
        pub fn new(step: &'static str, buf: &'a [u8]) -> Self {
            Self { buf, at: 0, step }
        }

        pub fn done(&self) -> bool {
            self.at >= self.buf.len()
        }

        fn take(&mut self, n: usize) -> Result<&'a [u8], StepError> {
            let end = self.at.checked_add(n).filter(|&e| e <= self.buf.len());
            let Some(end) = end else {
                return Err(StepError::stage(
                    self.step,
                    format!(
                        "shuffled records truncated at byte {} of {}",
                        self.at,
                        self.buf.len()
                    ),
                ));
            };
            let s = &self.buf[self.at..end];
            self.at = end;
            Ok(s)
        }

        pub fn u64(&mut self) -> Result<u64, StepError> {
            let b = self.take(8)?;
            let mut a = [0u8; 8];
            a.copy_from_slice(b);
            Ok(u64::from_le_bytes(a))
        }

        pub fn str(&mut self) -> Result<&'a str, StepError> {
            let n = usize::try_from(self.u64()?).unwrap_or(usize::MAX);
            let b = self.take(n)?;
            std::str::from_utf8(b)
                .map_err(|_| StepError::stage(self.step, "shuffled string is not UTF-8"))
        }
    }
}
