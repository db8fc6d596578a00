//! One batch on a worker thread: each record parsed (or read back from the spool), judged by
//! the pass's elements in turn (counted, timed, and its edits' counters gathered), shown to the
//! stage that ends the pass, and encoded for the next pass's spool or for the run's kept,
//! removed and rejected outputs.

use super::spool::{self, Entry, Place};
use super::stream::Batch;
use crate::PipelineError;
use ghirbal_core::{
    cut_chars, cut_marks, Cx, Element, Mapper, Mark, Metric, Observations, Observed, Reason,
    RunStats, Sample, Scale, Stage, StepStats, Verdict, SAMPLE_TEXT_CHARS,
};
use ghirbal_io::encode::{self, BatchEncoder, EncodedBatch, Encoding};
use ghirbal_io::{FieldOptions, RawItem, RawRecord, Rejection};
use std::ops::Range;
use std::sync::Arc;
use std::time::Instant;

pub(super) fn empty_stats(elements: &[Element]) -> RunStats {
    let metrics: Vec<(String, Vec<Metric>)> = elements
        .iter()
        .map(|e| (e.name().to_string(), e.metrics()))
        .collect();
    RunStats {
        steps: elements
            .iter()
            .map(|e| StepStats::new(e.name(), e.kind()))
            .collect(),
        observations: Some(Observations::new(&metrics)),
        ..RunStats::default()
    }
}

/// The seed of the report's samples: another than `--sample-seed`'s default, so that the
/// report's sample of a sampled run is not the sampled records' first few.
const REPORT_SEED: u64 = 0x7265_706f_7274_3031;

/// The report's sampling hash of a record: where it stands in the input, so the sample does
/// not depend on threads, batches or passes.
fn sample_hash(place: &Place) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::with_seed(REPORT_SEED);
    h.update(place.input.as_bytes());
    h.update(&[0]);
    h.update(&place.line.to_le_bytes());
    h.digest()
}

/// Characters of a sample's id and of its removal's detail kept for the report: both come
/// from the data (an id field, a rejection's message), so both are bounded like the text.
const SAMPLE_FIELD_CHARS: usize = 300;

fn sample_of(place: &Place, id: &str, text: &str, marks: &[Mark]) -> Sample {
    let (text, truncated_from) = cut_chars(text, SAMPLE_TEXT_CHARS);
    Sample {
        hash: 0,
        input: cut_chars(&place.input, SAMPLE_FIELD_CHARS).0,
        line: place.line,
        id: cut_chars(id, SAMPLE_FIELD_CHARS).0,
        text,
        truncated_from,
        step: String::new(),
        code: String::new(),
        detail: String::new(),
        marks: cut_marks(marks.to_vec()),
    }
}

/// Counts a record's length and offers it to the report's samples, as it is written.
fn observe_written(obs: &mut Observations, place: &Place, entry: &Entry) {
    let hash = sample_hash(place);
    match entry {
        Entry::Live { doc, .. } => {
            obs.length_kept.add(&Scale::COUNT, doc.text.len() as f64);
            obs.kept.offer(hash, || Sample {
                hash,
                ..sample_of(place, &doc.id, &doc.text, &doc.marks)
            });
        }
        Entry::Removed { doc, reason, .. } => {
            obs.length_removed.add(&Scale::COUNT, doc.text.len() as f64);
            obs.removed_sample(reason.step, reason.code)
                .offer(hash, || Sample {
                    hash,
                    step: reason.step.to_string(),
                    code: reason.code.to_string(),
                    detail: cut_chars(&reason.detail, SAMPLE_FIELD_CHARS).0,
                    ..sample_of(place, &doc.id, &doc.text, &doc.marks)
                });
        }
        Entry::Rejected(rej) => {
            obs.rejected_sample(rej.code).offer(hash, || {
                let raw = rej
                    .raw
                    .as_deref()
                    .map(String::from_utf8_lossy)
                    .unwrap_or_default();
                Sample {
                    hash,
                    code: rej.code.to_string(),
                    detail: cut_chars(&rej.message, SAMPLE_FIELD_CHARS).0,
                    ..sample_of(place, rej.id.as_deref().unwrap_or(""), &raw, &[])
                }
            });
        }
    }
}

/// What a pass does to each record.
pub(super) struct PassWork<'a> {
    pub(super) elements: &'a [Element],
    /// A batch's counts before its first record ([`empty_stats`] of `elements`), made once per
    /// pass: the steps' metric descriptors are asked for once, not per batch.
    pub(super) blank: RunStats,
    /// The elements this pass runs.
    pub(super) range: Range<usize>,
    /// What sees every document that leaves the pass alive: the stage that ends it, or in
    /// a distributed run that stage's mapper for one work unit.
    pub(super) observer: Option<Observer<'a>>,
    /// Added to a record's position for the stages' decisions: a distributed work unit
    /// numbers its records from 0 and learns where it starts in the whole input only after
    /// its first pass (observers are given the unit's own positions).
    pub(super) seq_offset: u64,
    /// True when the records come from the previous pass's spool, false from the inputs.
    pub(super) from_spool: bool,
    pub(super) fields: &'a FieldOptions,
    pub(super) keep_original: bool,
    /// Tag mode: a removal is noted and the document goes on (see [`crate::WriterConfig::tag`]).
    pub(super) tag: bool,
    /// The zstd level of tag mode's attributes.
    pub(super) zstd_level: i32,
    /// The run's outputs (the final pass), or None for the next pass's spool.
    pub(super) outputs: Option<Encoding<'a>>,
    /// False for a pass that only observes, its records read again by the next pass.
    pub(super) spool: bool,
}

#[derive(Clone, Copy)]
pub(super) enum Observer<'a> {
    Stage(&'a dyn Stage),
    /// A stage's mapper, and the stage's name for its errors.
    Map(&'a dyn Mapper, &'static str),
}

impl Observer<'_> {
    fn observe(&self, doc: &ghirbal_core::Document, seq: u64) -> Result<(), PipelineError> {
        match self {
            Observer::Stage(stage) => {
                stage
                    .observe(doc, seq)
                    .map_err(|source| PipelineError::Stage {
                        stage: stage.name(),
                        source,
                    })
            }
            Observer::Map(mapper, stage) => mapper
                .observe(doc, seq)
                .map_err(|source| PipelineError::Stage { stage, source }),
        }
    }
}

pub(super) struct BatchOutput {
    pub(super) records: u64,
    pub(super) written: Written,
    pub(super) stats: RunStats,
    /// Documents in the batch and their text bytes, for progress.
    pub(super) docs: u64,
    pub(super) text_bytes: u64,
}

pub(super) enum Written {
    /// The run's outputs, the inputs behind each, and in tag mode the kept documents'
    /// attributes (compressed JSON lines, one per kept document, in the same order).
    Outputs(Box<EncodedBatch>, Lineage, Option<Vec<u8>>),
    /// A compressed stretch of the spool, and how many records it holds.
    Spool(Vec<u8>, u64),
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

/// Makes a removed document ready to be written with its reason: the removal goes under
/// `removal`, so an input field of that name is kept as `removal_input`; with
/// `--keep-original` (`as_read`), the text as read goes under `text_as_read`, only when the
/// steps changed it.
pub(crate) fn remove_prepared(doc: &mut ghirbal_core::Document, as_read: Option<String>) {
    if doc.meta.contains_key(encode::REMOVAL_KEY) {
        doc.claim(encode::REMOVAL_KEY);
        doc.meta.shift_remove(encode::REMOVAL_KEY);
    }
    if let Some(text) = as_read.filter(|t| *t != doc.text) {
        *doc.claim(TEXT_AS_READ) = text.into();
    }
}

/// Where the records of a batch go.
enum Sink<'a> {
    /// The outputs, their lineage, and the attributes of tag mode.
    Outputs(Box<BatchEncoder<'a>>, Lineage, Option<Vec<u8>>),
    Spool(Vec<u8>, u64),
    /// A pass that only observes.
    Nothing,
}

/// The field of an attributes record that lists what the steps would have removed.
const WOULD_REMOVE: &str = "would_remove";

impl Sink<'_> {
    fn put(&mut self, stats: &mut RunStats, place: &Place, entry: Entry) {
        let (out, lineage, attributes) = match self {
            Sink::Spool(bytes, n) => {
                spool::write(bytes, place, &entry);
                *n += 1;
                return;
            }
            Sink::Outputs(out, lineage, attributes) => (out, lineage, attributes),
            Sink::Nothing => return,
        };
        if let Some(obs) = &mut stats.observations {
            observe_written(obs, place, &entry);
        }
        match entry {
            Entry::Live { mut doc, flags, .. } => {
                stats.kept += 1;
                stats.bytes_kept += doc.text.len() as u64;
                note(&mut lineage.kept, &place.input);
                if let Some(attributes) = attributes {
                    // What the steps wrote goes beside the document, not into it.
                    let written = doc.take_annotations();
                    write_attributes(attributes, &doc.id, &flags, written);
                }
                out.kept(&doc);
            }
            Entry::Removed {
                mut doc,
                reason,
                as_read,
            } => {
                stats.removed += 1;
                remove_prepared(&mut doc, as_read);
                note(&mut lineage.removed, &place.input);
                out.removed(&doc, &reason);
            }
            Entry::Rejected(rej) => {
                note(&mut lineage.rejected, &rej.input);
                stats.rejected += 1;
                *stats
                    .rejected_by_error
                    .entry(rej.code.to_string())
                    .or_default() += 1;
                out.rejected(&rej);
            }
        }
    }
}

/// One attributes record: the id, what the steps would have removed the document for, then
/// every field the steps wrote (measured values, language, spans).
fn write_attributes(
    out: &mut Vec<u8>,
    id: &str,
    flags: &[Reason],
    written: ghirbal_core::Metadata,
) {
    let mut record = ghirbal_core::Metadata::new();
    record.insert("id".into(), id.into());
    record.insert(
        WOULD_REMOVE.into(),
        flags
            .iter()
            .map(|r| serde_json::json!({"step": r.step, "code": r.code, "detail": r.detail}))
            .collect(),
    );
    for (k, v) in written {
        // A step's field named like one of the record's own keeps the step's name first.
        let k = if k == "id" || k == WOULD_REMOVE {
            format!("{k}_step")
        } else {
            k
        };
        record.insert(k, v);
    }
    // Writing into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, &record);
    out.push(b'\n');
}

pub(super) fn process_batch(batch: Batch, work: &PassWork) -> Result<BatchOutput, PipelineError> {
    let mut sink = match work.outputs {
        Some(encoding) => Sink::Outputs(
            Box::new(BatchEncoder::new(encoding)),
            Lineage::default(),
            work.tag.then(Vec::new),
        ),
        None if work.spool => Sink::Spool(Vec::new(), 0),
        None => Sink::Nothing,
    };
    let mut stats = work.blank.clone();
    let records = batch.items.len() as u64;
    let (mut docs, mut text_bytes) = (0u64, 0u64);
    let mut cx = Cx::default();
    let mut observed = Observed::default();
    let mut last_input = None;
    for (i, item) in batch.items.into_iter().enumerate() {
        let (place, entry) = if work.from_spool {
            read_spooled(item, &mut last_input)?
        } else {
            let place = Place {
                seq: batch.first_seq + i as u64,
                input: Arc::clone(&item.input),
                line: item.line,
            };
            match first_read(item, work, &mut stats) {
                Some(entry) => (place, entry),
                None => continue,
            }
        };
        let entry = match entry {
            Entry::Live {
                mut doc,
                as_read,
                mut flags,
            } => {
                docs += 1;
                text_bytes += doc.text.len() as u64;
                let fate = judge(
                    work,
                    &mut doc,
                    &place,
                    &mut stats,
                    (&mut cx, &mut observed),
                    &mut flags,
                );
                match fate {
                    Ok(None) => {
                        if let Some(observer) = work.observer {
                            observer.observe(&doc, place.seq)?;
                        }
                        Entry::Live {
                            doc,
                            as_read,
                            flags,
                        }
                    }
                    Ok(Some(reason)) => Entry::Removed {
                        doc,
                        reason,
                        as_read,
                    },
                    Err(rej) => Entry::Rejected(rej),
                }
            }
            other => other,
        };
        sink.put(&mut stats, &place, entry);
    }
    let compression =
        |e: std::io::Error| PipelineError::Internal(format!("compression failed: {e}"));
    let written = match sink {
        Sink::Outputs(out, lineage, attributes) => Written::Outputs(
            Box::new(out.finish().map_err(compression)?),
            lineage,
            match attributes {
                Some(a) if !a.is_empty() => Some(
                    encode::compress(encode::OutputFormat::JsonlZst, work.zstd_level, a)
                        .map_err(compression)?,
                ),
                _ => None,
            },
        ),
        Sink::Spool(bytes, n) => Written::Spool(
            encode::compress(
                encode::OutputFormat::JsonlZst,
                spool::SPOOL_ZSTD_LEVEL,
                bytes,
            )
            .map_err(|e| PipelineError::Internal(format!("compression failed: {e}")))?,
            n,
        ),
        Sink::Nothing => Written::Spool(Vec::new(), 0),
    };
    Ok(BatchOutput {
        records,
        written,
        stats,
        docs,
        text_bytes,
    })
}

/// A record read from the inputs: counted, and parsed into a document or a rejection. None
/// for a record that is not a document (counted as skipped, and gone from later passes).
fn first_read(item: RawItem, work: &PassWork, stats: &mut RunStats) -> Option<Entry> {
    stats.read += 1;
    if let RawRecord::Skipped { reason } = item.record {
        stats.skipped += 1;
        *stats
            .skipped_by_reason
            .entry(reason.to_string())
            .or_default() += 1;
        return None;
    }
    Some(match ghirbal_io::parse::to_document(item, work.fields) {
        Ok(doc) => {
            stats.bytes_read += doc.text.len() as u64;
            let as_read = work.keep_original.then(|| doc.text.clone());
            Entry::Live {
                doc,
                as_read,
                flags: Vec::new(),
            }
        }
        Err(rej) => Entry::Rejected(rej),
    })
}

fn read_spooled(
    item: RawItem,
    last_input: &mut Option<Arc<str>>,
) -> Result<(Place, Entry), PipelineError> {
    let RawRecord::JsonLine(bytes) = item.record else {
        return Err(spool::damaged(
            &item.input,
            item.line,
            "not a JSON line".into(),
        ));
    };
    spool::read(&bytes, last_input).map_err(|e| spool::damaged(&item.input, item.line, e))
}

/// Runs the pass's elements on a living document: None when it survives them, the removal
/// reason, or a rejection when a step failed. In tag mode a removal is added to `flags`
/// (and counted as `would_remove:CODE`) and the document goes on.
fn judge(
    work: &PassWork,
    doc: &mut ghirbal_core::Document,
    place: &Place,
    stats: &mut RunStats,
    (cx, observed): (&mut Cx, &mut Observed),
    flags: &mut Vec<Reason>,
) -> Result<Option<Reason>, Rejection> {
    let range = work.range.clone();
    for (at, (element, st)) in work.elements[range.clone()]
        .iter()
        .zip(stats.steps[range.clone()].iter_mut())
        .enumerate()
    {
        st.docs_in += 1;
        st.bytes_in += doc.text.len() as u64;
        let t = Instant::now();
        let verdict = element.apply(doc, place.seq + work.seq_offset, cx);
        st.seconds += t.elapsed().as_secs_f64();
        for (key, n) in cx.drain() {
            *st.counters.entry(key.to_string()).or_default() += n;
        }
        cx.drain_observed(observed);
        if let Some(el) = stats
            .observations
            .as_mut()
            .and_then(|o| o.elements.get_mut(range.start + at))
        {
            for (key, v) in observed.values.drain(..) {
                el.add(key, v);
            }
            for (key, label) in observed.labels.drain(..) {
                el.add_label(key, &label);
            }
        } else {
            observed.values.clear();
            observed.labels.clear();
        }
        match verdict {
            Ok(Verdict::Keep) => {
                st.docs_out += 1;
                st.bytes_out += doc.text.len() as u64;
            }
            Ok(Verdict::Drop(reason)) if work.tag => {
                *st.counters
                    .entry(format!("would_remove:{}", reason.code))
                    .or_default() += 1;
                st.docs_out += 1;
                st.bytes_out += doc.text.len() as u64;
                flags.push(reason);
            }
            Ok(Verdict::Drop(reason)) => {
                *st.removed.entry(reason.code.to_string()).or_default() += 1;
                return Ok(Some(reason));
            }
            Err(e) => {
                st.errors += 1;
                let mut raw = Vec::new();
                encode::write_document_line(&mut raw, doc, work.fields, None);
                raw.pop();
                return Err(Rejection {
                    input: Arc::clone(&place.input),
                    line: place.line,
                    code: "step_error",
                    message: e.to_string(),
                    raw: Some(raw),
                    id: Some(doc.id.clone()),
                });
            }
        }
    }
    Ok(None)
}
