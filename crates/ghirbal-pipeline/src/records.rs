//! Judging records in memory, one after another, with no files, passes or checkpoints: the
//! path of the Python bindings' `Pipeline.process`. A record is parsed, judged and encoded as
//! a run's final pass does it, so it comes out as the run would write it (kept, or removed
//! with its `removal`), or as the line `rejected/` would hold.
//!
//! Whole-corpus stages that observe the corpus first cannot judge a record on its own: a
//! pipeline with one is refused here, naming the stage. Stages that decide from each document
//! alone (`needs_observation` false) are applied like steps, as the executor does.

use crate::executor::remove_prepared;
use crate::{ConfigFile, PipelineError};
use ghirbal_core::{Cx, Element, StepCatalog, Verdict};
use ghirbal_io::encode;
use ghirbal_io::{FieldOptions, RawItem, RawRecord, Rejection};
use std::sync::Arc;

/// A resolved pipeline that judges JSON records in memory.
pub struct InMemory {
    elements: Vec<Element>,
    fields: FieldOptions,
    keep_original: bool,
    /// The name rejections give as their input.
    input: Arc<str>,
}

impl InMemory {
    /// Builds the pipeline of `config`. Refused (as a usage error) when a stage must observe
    /// the whole corpus, or in tag mode, whose attributes only a run writes.
    pub fn new(
        config: &ConfigFile,
        catalog: &dyn StepCatalog,
        input: &str,
    ) -> Result<Self, PipelineError> {
        if config.writer.tag {
            return Err(PipelineError::Usage(
                "tag mode (writer.tag) writes attributes beside a run's output: it needs a run into a folder".into(),
            ));
        }
        let (elements, _) = config.resolve(catalog)?;
        let observing: Vec<&str> = elements
            .iter()
            .filter(|e| e.observes())
            .map(Element::name)
            .collect();
        if !observing.is_empty() {
            return Err(PipelineError::Usage(format!(
                "{} must see the whole corpus before deciding on any document, so the pipeline cannot judge records one batch at a time: run it over files instead",
                observing.join(", ")
            )));
        }
        Ok(Self {
            elements,
            fields: config.reader.fields(),
            keep_original: config.writer.keep_original,
            input: input.into(),
        })
    }

    /// The elements' names, in order.
    pub fn names(&self) -> Vec<&'static str> {
        self.elements.iter().map(Element::name).collect()
    }

    /// Judges one JSON record (`line` numbers it, 1-based, in rejections; `seq` is its
    /// position for stages) and appends what a run would write for it, as one JSON line.
    pub fn judge_line(&self, json: Vec<u8>, line: u64, seq: u64, cx: &mut Cx, out: &mut Vec<u8>) {
        let item = RawItem {
            input: Arc::clone(&self.input),
            line,
            record: RawRecord::JsonLine(json),
        };
        let mut doc = match ghirbal_io::parse::to_document(item, &self.fields) {
            Ok(doc) => doc,
            Err(rejection) => return encode::write_rejection_line(out, &rejection),
        };
        let as_read = self.keep_original.then(|| doc.text.clone());
        for element in &self.elements {
            let verdict = element.apply(&mut doc, seq, cx);
            // Counts and measured values are a run's business; nobody reads them here, and
            // kept they would grow with every record of the call.
            cx.clear();
            match verdict {
                Ok(Verdict::Keep) => {}
                Ok(Verdict::Drop(reason)) => {
                    remove_prepared(&mut doc, as_read);
                    return encode::write_document_line(out, &doc, &self.fields, Some(&reason));
                }
                Err(e) => {
                    // As the executor rejects a document a step failed on: with the document
                    // as it stood.
                    let mut raw = Vec::new();
                    encode::write_document_line(&mut raw, &doc, &self.fields, None);
                    raw.pop();
                    let rejection = Rejection {
                        input: Arc::clone(&self.input),
                        line,
                        code: "step_error",
                        message: e.to_string(),
                        raw: Some(raw),
                        id: Some(doc.id.clone()),
                    };
                    return encode::write_rejection_line(out, &rejection);
                }
            }
        }
        encode::write_document_line(out, &doc, &self.fields, None);
    }
}
