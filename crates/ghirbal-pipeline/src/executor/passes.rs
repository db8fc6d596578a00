//! The observation passes: one per whole-corpus stage that needs one, each reading the input
//! again, running the elements before the stage and feeding it every document that survives
//! them, with checkpoints so that an interrupted pass resumes.

use super::resume::{RunState, StageFiles};
use super::stream::{stream, Batch, Shape};
use super::Progress;
use crate::PipelineError;
use ghirbal_core::{Cx, Document, Element, Verdict};
use ghirbal_io::{FieldOptions, Inputs, RecordReader};
use serde::{Deserialize, Serialize};
use std::sync::atomic::Ordering;
use std::time::Instant;

/// What the observation passes need to know about the run.
pub(crate) struct PassPlan<'a> {
    pub inputs: &'a Inputs,
    pub fields: &'a FieldOptions,
    pub max_doc: usize,
    pub shape: Shape,
    pub progress: &'a dyn Progress,
    pub n_passes: usize,
    /// The run's state folder, fingerprint and ledger: stages keep their work files there and
    /// save what they decided, so that an interrupted run does not observe again. None for
    /// commands that write no output (`inspect`).
    pub state: Option<RunState<'a>>,
    /// Batches between observation checkpoints (0: none), and the least time between two.
    pub observe_checkpoint_every: u64,
    pub observe_checkpoint_interval: std::time::Duration,
    /// Stops the pass at the next batch when set (after an observation checkpoint).
    pub cancel: Option<&'a std::sync::atomic::AtomicBool>,
}

/// Runs one observation pass per stage that needs one, so that every stage has seen every
/// document that reaches it before any document passes it. A stage saved by an interrupted
/// run of the same configuration and inputs is restored instead.
pub(crate) fn observe_stages(
    elements: &mut [Element],
    plan: &PassPlan,
) -> Result<Vec<PassTime>, PipelineError> {
    let PassPlan {
        inputs,
        fields,
        max_doc,
        shape,
        progress,
        n_passes,
        state,
        observe_checkpoint_every,
        observe_checkpoint_interval,
        cancel,
    } = *plan;
    let total_bytes = inputs.total_bytes();
    let mut pass_no = 0;
    let mut times = Vec::new();
    for k in 0..elements.len() {
        if !elements[k].observes() {
            continue;
        }
        pass_no += 1;
        let started = Instant::now();
        let files = state.map(|run| StageFiles::new(run, k, elements[k].name()));
        if let (Some(files), Element::Stage(stage)) = (&files, &mut elements[k]) {
            if files.restore(stage.as_mut()) {
                times.push(PassTime {
                    stage: stage.name().to_string(),
                    observe_seconds: 0.0,
                    finish_seconds: 0.0,
                    restored: true,
                    resumed_from_record: None,
                });
                continue;
            }
            files.give_work_dir(stage.as_mut())?;
        }
        let skip = match (&files, &mut elements[k]) {
            (Some(files), Element::Stage(stage)) => files.resume_observation(stage.as_mut()),
            _ => 0,
        };
        progress.pass(
            &format!("pass {pass_no}/{n_passes}: {}", elements[k].name()),
            total_bytes,
        );
        let reader = RecordReader::new(inputs.files.clone(), max_doc);
        let (before, rest) = elements.split_at(k);
        let Element::Stage(stage) = &rest[0] else {
            continue;
        };
        let work = |batch: Batch| -> Result<(u64, u64, u64), PipelineError> {
            let mut docs = 0;
            let mut bytes = 0;
            let records = batch.items.len() as u64;
            for (i, item) in batch.items.into_iter().enumerate() {
                let seq = batch.first_seq + i as u64;
                let Ok(mut doc) = ghirbal_io::parse::to_document(item, fields) else {
                    continue;
                };
                docs += 1;
                bytes += doc.text.len() as u64;
                if survives(before, &mut doc, seq) {
                    stage
                        .observe(&doc, seq)
                        .map_err(|source| PipelineError::Stage {
                            stage: stage.name(),
                            source,
                        })?;
                }
            }
            Ok((records, docs, bytes))
        };
        let (mut records_done, mut batches) = (skip, 0u64);
        let mut last_checkpoint = Instant::now();
        let mut checkpoints = files.as_ref().filter(|_| observe_checkpoint_every > 0);
        stream(
            reader,
            skip,
            shape,
            &work,
            |r: Result<(u64, u64, u64), PipelineError>, consumed| {
                let (records, docs, bytes) = r?;
                progress.advance(docs, bytes, consumed);
                records_done += records;
                batches += 1;
                let cancelled = cancel.is_some_and(|c| c.load(Ordering::Relaxed));
                if let Some(files) = checkpoints {
                    if cancelled
                        || (batches.is_multiple_of(observe_checkpoint_every)
                            && last_checkpoint.elapsed() >= observe_checkpoint_interval)
                    {
                        last_checkpoint = Instant::now();
                        if !files.checkpoint_observation(stage.as_ref(), records_done)? {
                            checkpoints = None;
                        }
                    }
                }
                if cancelled {
                    return Err(PipelineError::Interrupted {
                        records_done,
                        during: format!("the observation pass of {}", stage.name()),
                    });
                }
                Ok(())
            },
        )?;
        progress.pass_done();
        let observe_seconds = started.elapsed().as_secs_f64();
        let finishing = Instant::now();
        if let Element::Stage(stage) = &mut elements[k] {
            stage.finish().map_err(|source| PipelineError::Stage {
                stage: stage.name(),
                source,
            })?;
            if let Some(files) = &files {
                files.save(stage.as_ref())?;
            }
        }
        times.push(PassTime {
            stage: elements[k].name().to_string(),
            observe_seconds,
            finish_seconds: finishing.elapsed().as_secs_f64(),
            restored: false,
            resumed_from_record: (skip > 0).then_some(skip),
        });
    }
    Ok(times)
}

/// Wall-clock time of a stage's observation pass (reading the input again and running the
/// steps before it) and of its `finish`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PassTime {
    pub stage: String,
    pub observe_seconds: f64,
    pub finish_seconds: f64,
    /// True when the stage was restored from the state an interrupted run saved, without
    /// observing the corpus again.
    #[serde(default)]
    pub restored: bool,
    /// When an interrupted observation pass resumed: the record it resumed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resumed_from_record: Option<u64>,
}

/// Runs `elements` on a document in an observation pass; errors count as removal here (the
/// final pass rejects and reports them).
pub(super) fn survives(elements: &[Element], doc: &mut Document, seq: u64) -> bool {
    let mut cx = Cx::default();
    elements
        .iter()
        .all(|e| matches!(e.apply(doc, seq, &mut cx), Ok(Verdict::Keep)))
}
