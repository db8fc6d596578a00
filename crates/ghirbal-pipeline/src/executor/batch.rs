//! One batch on a worker thread: each record parsed, judged by every element in turn (counted,
//! timed, and its edits' counters gathered), and encoded as kept, removed or rejected.

use super::stream::Batch;
use crate::PipelineError;
use ghirbal_core::{Cx, Element, Reason, RunStats, StepStats, Verdict};
use ghirbal_io::encode::{self, BatchEncoder, EncodedBatch, Encoding};
use ghirbal_io::{RawRecord, Rejection};
use std::sync::Arc;
use std::time::Instant;

pub(super) fn empty_stats(elements: &[Element]) -> RunStats {
    RunStats {
        steps: elements
            .iter()
            .map(|e| StepStats::new(e.name(), e.kind()))
            .collect(),
        ..RunStats::default()
    }
}

pub(super) struct BatchOutput {
    pub(super) records: u64,
    pub(super) encoded: EncodedBatch,
    pub(super) stats: RunStats,
    /// The inputs the kept, removed and rejected records came from, in order (lineage).
    pub(super) inputs: Lineage,
}

/// The inputs behind each output of a batch, each listed once, in order: records come in
/// input order, so an input once left does not come back.
#[derive(Default)]
pub(super) struct Lineage {
    pub(super) kept: Vec<Arc<str>>,
    pub(super) removed: Vec<Arc<str>>,
    pub(super) rejected: Vec<Arc<str>>,
}

fn note(inputs: &mut Vec<Arc<str>>, input: &Arc<str>) {
    if inputs.last().is_none_or(|last| **last != **input) {
        inputs.push(Arc::clone(input));
    }
}

/// The metadata field of `--keep-original`.
const TEXT_AS_READ: &str = "text_as_read";

pub(super) fn process_batch(
    batch: Batch,
    elements: &[Element],
    encoding: Encoding<'_>,
    keep_original: bool,
) -> Result<BatchOutput, PipelineError> {
    let fields = encoding.fields;
    let mut out = BatchEncoder::new(encoding);
    let mut stats = empty_stats(elements);
    let records = batch.items.len() as u64;
    let mut cx = Cx::default();
    let mut lineage = Lineage::default();
    for (i, item) in batch.items.into_iter().enumerate() {
        let seq = batch.first_seq + i as u64;
        stats.read += 1;
        if let RawRecord::Skipped { reason } = item.record {
            stats.skipped += 1;
            *stats
                .skipped_by_reason
                .entry(reason.to_string())
                .or_default() += 1;
            continue;
        }
        let (input, line) = (Arc::clone(&item.input), item.line);
        let mut doc = match ghirbal_io::parse::to_document(item, fields) {
            Ok(d) => d,
            Err(rej) => {
                note(&mut lineage.rejected, &rej.input);
                reject(&mut stats, &mut out, &rej);
                continue;
            }
        };
        stats.bytes_read += doc.text.len() as u64;
        let as_read = keep_original.then(|| doc.text.clone());
        let mut fate: Result<Option<Reason>, Rejection> = Ok(None);
        for (element, st) in elements.iter().zip(stats.steps.iter_mut()) {
            st.docs_in += 1;
            st.bytes_in += doc.text.len() as u64;
            let t = Instant::now();
            let verdict = element.apply(&mut doc, seq, &mut cx);
            st.seconds += t.elapsed().as_secs_f64();
            for (key, n) in cx.drain() {
                *st.counters.entry(key.to_string()).or_default() += n;
            }
            match verdict {
                Ok(Verdict::Keep) => {
                    st.docs_out += 1;
                    st.bytes_out += doc.text.len() as u64;
                }
                Ok(Verdict::Drop(reason)) => {
                    *st.removed.entry(reason.code.to_string()).or_default() += 1;
                    fate = Ok(Some(reason));
                    break;
                }
                Err(e) => {
                    st.errors += 1;
                    let mut raw = Vec::new();
                    encode::write_document_line(&mut raw, &doc, fields, None);
                    raw.pop();
                    fate = Err(Rejection {
                        input: Arc::clone(&input),
                        line,
                        code: "step_error",
                        message: e.to_string(),
                        raw: Some(raw),
                        id: Some(doc.id.clone()),
                    });
                    break;
                }
            }
        }
        match fate {
            Ok(None) => {
                stats.kept += 1;
                stats.bytes_kept += doc.text.len() as u64;
                note(&mut lineage.kept, &input);
                out.kept(&doc);
            }
            Ok(Some(reason)) => {
                stats.removed += 1;
                // The removal is written under `removal`: an input field of that name is
                // kept as `removal_input`.
                if doc.meta.contains_key(ghirbal_io::encode::REMOVAL_KEY) {
                    doc.claim(ghirbal_io::encode::REMOVAL_KEY);
                    doc.meta.shift_remove(ghirbal_io::encode::REMOVAL_KEY);
                }
                // Only when the steps changed the text.
                if let Some(text) = as_read.filter(|t| *t != doc.text) {
                    *doc.claim(TEXT_AS_READ) = text.into();
                }
                note(&mut lineage.removed, &input);
                out.removed(&doc, &reason);
            }
            Err(rej) => {
                note(&mut lineage.rejected, &rej.input);
                reject(&mut stats, &mut out, &rej);
            }
        }
    }
    let encoded = out
        .finish()
        .map_err(|e| PipelineError::Internal(format!("compression failed: {e}")))?;
    Ok(BatchOutput {
        records,
        encoded,
        stats,
        inputs: lineage,
    })
}

pub(super) fn reject(stats: &mut RunStats, out: &mut BatchEncoder<'_>, rej: &Rejection) {
    stats.rejected += 1;
    *stats
        .rejected_by_error
        .entry(rej.code.to_string())
        .or_default() += 1;
    out.rejected(rej);
}
