//! The threads of a pass: one reader cutting the input into batches, workers processing
//! them, and the calling thread consuming results strictly in batch order, with a fixed number
//! of batches in flight so that memory does not grow with the corpus.

use crate::PipelineError;
use crossbeam_channel::bounded;
use ghirbal_io::{RawItem, RawRecord, RecordReader};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The worker thread count: `requested`, or one per core when it is 0.
pub(crate) fn resolve_threads(requested: usize) -> usize {
    if requested == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        requested
    }
}

#[derive(Clone, Copy)]
pub(crate) struct Shape {
    pub(crate) threads: usize,
    pub(crate) batch_docs: usize,
    pub(crate) batch_bytes: usize,
    /// Which records a pass reads: every pass of a run takes the same ones.
    pub(crate) take: Take,
}

/// The records a run reads: the first `limit`, and of those a seeded `sample`.
#[derive(Clone, Copy, Default)]
pub(crate) struct Take {
    pub(crate) limit: Option<u64>,
    pub(crate) sample: Option<(f64, u64)>,
}

impl Take {
    pub(crate) fn of(reader: &crate::ReaderConfig) -> Self {
        Take {
            limit: reader.limit,
            sample: reader.sample.map(|share| (share, reader.sample_seed)),
        }
    }

    /// Whether the sample keeps the record at `line` of `input`: a hash of where the record
    /// stands, so the choice depends on neither threads nor batches.
    fn keeps(&self, item: &RawItem) -> bool {
        let Some((share, seed)) = self.sample else {
            return true;
        };
        let mut h = xxhash_rust::xxh3::Xxh3::with_seed(seed);
        h.update(item.input.as_bytes());
        h.update(&[0]);
        h.update(&item.line.to_le_bytes());
        (h.digest() as f64) < share * 18_446_744_073_709_551_616.0
    }
}

pub(crate) struct Batch {
    pub(super) index: u64,
    pub(super) first_seq: u64,
    pub(super) items: Vec<RawItem>,
}

/// Streams the reader's records through `work` on `shape.threads` workers and hands the results
/// to `consume` in batch order, with the input bytes read so far. The first `skip` records are
/// read but not processed (resume). Returns the reader when the input is exhausted.
pub(super) fn stream<R: Send>(
    reader: RecordReader,
    skip: u64,
    shape: Shape,
    work: &(dyn Fn(Batch) -> R + Sync),
    mut consume: impl FnMut(R, u64) -> Result<(), PipelineError>,
) -> Result<RecordReader, PipelineError> {
    let in_flight = (shape.threads * 4).max(4);
    let (slot_tx, slot_rx) = bounded::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = slot_tx.send(());
    }
    let (batch_tx, batch_rx) = bounded::<Batch>(in_flight);
    let (result_tx, result_rx) = bounded::<(u64, R)>(in_flight);
    let consumed: Arc<AtomicU64> = reader.consumed_counter();

    std::thread::scope(|scope| {
        let reader_thread = scope.spawn(move || {
            let mut reader = reader;
            let mut index = 0u64;
            let mut items = Vec::with_capacity(shape.batch_docs);
            let mut bytes = 0usize;
            let mut first_seq = skip;
            let send = |items: Vec<RawItem>, first_seq: u64, index: &mut u64| -> bool {
                if slot_rx.recv().is_err() {
                    return false;
                }
                let ok = batch_tx
                    .send(Batch {
                        index: *index,
                        first_seq,
                        items,
                    })
                    .is_ok();
                *index += 1;
                ok
            };
            // `take` stops before reading the record past the limit.
            let limit = usize::try_from(shape.take.limit.unwrap_or(u64::MAX)).unwrap_or(usize::MAX);
            for (this, item) in (0u64..).zip(reader.by_ref()).take(limit) {
                if this < skip {
                    continue;
                }
                let item = if shape.take.keeps(&item) {
                    item
                } else {
                    RawItem {
                        record: RawRecord::Skipped {
                            reason: "not_sampled",
                        },
                        ..item
                    }
                };
                if items.is_empty() {
                    first_seq = this;
                }
                bytes += item.approx_bytes();
                items.push(item);
                if items.len() >= shape.batch_docs || bytes >= shape.batch_bytes {
                    let full = std::mem::replace(&mut items, Vec::with_capacity(shape.batch_docs));
                    bytes = 0;
                    if !send(full, first_seq, &mut index) {
                        return reader;
                    }
                }
            }
            if !items.is_empty() {
                send(items, first_seq, &mut index);
            }
            reader
        });
        for _ in 0..shape.threads.max(1) {
            let batch_rx = batch_rx.clone();
            let result_tx = result_tx.clone();
            scope.spawn(move || {
                for batch in batch_rx {
                    let index = batch.index;
                    if result_tx.send((index, work(batch))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(batch_rx);
        drop(result_tx);

        let mut pending: BTreeMap<u64, R> = BTreeMap::new();
        let mut next = 0u64;
        let mut failure = None;
        'receive: for (index, r) in result_rx.iter() {
            pending.insert(index, r);
            while let Some(r) = pending.remove(&next) {
                if let Err(e) = consume(r, consumed.load(Ordering::Relaxed)) {
                    failure = Some(e);
                    break 'receive;
                }
                next += 1;
                let _ = slot_tx.send(());
            }
        }
        // On failure, dropping the channels lets the reader and the workers stop.
        drop(slot_tx);
        drop(result_rx);
        let mut reader = reader_thread
            .join()
            .map_err(|_| PipelineError::Internal("reader thread panicked".into()))?;
        if let Some(e) = failure {
            return Err(e);
        }
        // The reader stopped at an input that changed while it was read.
        if let Some(e) = reader.take_changed() {
            return Err(e.into());
        }
        if !pending.is_empty() {
            return Err(PipelineError::Internal(
                "a worker thread stopped early".into(),
            ));
        }
        Ok(reader)
    })
}
