//! The two whole-corpus deduplication stages, `exact-dedup` ([`exact`]) and `minhash-dedup`
//! ([`minhash`]), and the machinery they share.
//!
//! Both stages work the same way, which is why they live together: while observing, every
//! document becomes a fixed-width record of `u64` words (exact: the text's hash and its input
//! position; MinHash: the position and the signature) with the document id as a byte tail,
//! pushed into one [`spill::Sorter`] behind a mutex. Up to `memory_mb` the records stay in
//! memory; beyond it they are written to the run's work folder as sorted runs. At `finish`
//! the sorter's records come back in order (merged from the runs when there are any) and the
//! stage decides; then its scratch files are removed ([`spill::remove_work_dir`]).
//!
//! [`state`] makes both resumable the same way: an observation checkpoint spills the sorter
//! and records the names of its runs, which a resumed process adopts (both stages count a
//! document observed twice across a resume once); and once `finish` has decided, the
//! decisions are saved as JSON in a stable order, so that a resumed run skips observation
//! and equal decisions give equal files.
//!
//! `spill` and `state` are private to this folder: nothing else in ghirbal uses them.

pub(crate) mod exact;
pub(crate) mod minhash;
mod spill;
mod state;
