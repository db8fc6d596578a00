//! Observation passes that read the input again, for `inspect`: it follows one document and
//! writes nothing, so it has no folder to spool into. Each whole-corpus stage gets a pass that
//! runs the elements before it and feeds it every document that survives them. (`run` spools
//! instead: see `passes`.)

use super::stream::{stream, Batch, Shape};
use super::Progress;
use crate::PipelineError;
use ghirbal_core::{Cx, Document, Element, Verdict};
use ghirbal_io::{FieldOptions, Inputs, RecordReader};

/// What the observation passes need to know.
pub(crate) struct PassPlan<'a> {
    pub inputs: &'a Inputs,
    pub fields: &'a FieldOptions,
    pub max_doc: usize,
    pub shape: Shape,
    pub progress: &'a dyn Progress,
}

/// Runs one observation pass per stage that needs one, so that every stage has seen every
/// document that reaches it before any document passes it.
pub(crate) fn observe_stages(
    elements: &mut [Element],
    plan: &PassPlan,
) -> Result<(), PipelineError> {
    let total_bytes = plan.inputs.total_bytes();
    let n_passes = elements.iter().filter(|e| e.observes()).count() + 1;
    let mut pass_no = 0;
    for k in 0..elements.len() {
        if !elements[k].observes() {
            continue;
        }
        pass_no += 1;
        plan.progress.pass(
            &format!("pass {pass_no}/{n_passes}: {}", elements[k].name()),
            total_bytes,
        );
        let reader = RecordReader::new(plan.inputs.files.clone(), plan.max_doc);
        let (before, rest) = elements.split_at(k);
        let Element::Stage(stage) = &rest[0] else {
            continue;
        };
        let work = |batch: Batch| -> Result<(u64, u64), PipelineError> {
            let (mut docs, mut bytes) = (0, 0);
            for (i, item) in batch.items.into_iter().enumerate() {
                let seq = batch.first_seq + i as u64;
                let Ok(mut doc) = ghirbal_io::parse::to_document(item, plan.fields) else {
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
            Ok((docs, bytes))
        };
        stream(
            reader,
            0,
            plan.shape,
            &work,
            |r: Result<(u64, u64), PipelineError>, consumed| {
                let (docs, bytes) = r?;
                plan.progress.advance(docs, bytes, consumed);
                Ok(())
            },
        )?;
        plan.progress.pass_done();
        if let Element::Stage(stage) = &mut elements[k] {
            stage.finish().map_err(|source| PipelineError::Stage {
                stage: stage.name(),
                source,
            })?;
        }
    }
    Ok(())
}

/// Runs `elements` on a document; errors count as removal here (a run rejects and reports
/// them).
fn survives(elements: &[Element], doc: &mut Document, seq: u64) -> bool {
    let mut cx = Cx::default();
    elements
        .iter()
        .all(|e| matches!(e.apply(doc, seq, &mut cx), Ok(Verdict::Keep)))
}
