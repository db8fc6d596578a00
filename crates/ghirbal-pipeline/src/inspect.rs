//! Following one document through the pipeline: the text before and after each step, the
//! verdict, and every line a step removed with its rule. Whole-corpus stages first observe all
//! the inputs, exactly as in a run, so that the document is judged as a run would judge it.

use crate::executor::{observe_stages, resolve_threads, PassPlan, Progress, Shape, Take};
use crate::{ConfigFile, PipelineError};
use ghirbal_core::{Cx, StepCatalog, Verdict};
use ghirbal_io::{discover, RecordReader};
use serde::Serialize;
use std::path::PathBuf;

/// Which document to follow.
#[derive(Debug, Clone)]
pub enum Target {
    /// The first document with this id.
    Id(String),
    /// The record at this position in the input (0-based, over all inputs).
    Record(u64),
}

#[derive(Debug, Clone)]
pub struct InspectOptions {
    pub inputs: Vec<PathBuf>,
    pub config: ConfigFile,
    pub target: Target,
    pub threads: usize,
}

/// A line removed by a step, with the rule that removed it.
#[derive(Debug, Clone, Serialize)]
pub struct RemovedLine {
    /// 1-based line number in the text the step received.
    pub line: u64,
    pub rule: String,
    pub text: String,
}

/// What one step did to the document.
#[derive(Debug, Clone, Serialize)]
pub struct StepTrace {
    pub step: String,
    /// `kept`, `removed` or `error`.
    pub outcome: String,
    /// Reason code and detail when removed, the error when it failed.
    pub code: Option<String>,
    pub detail: Option<String>,
    pub text_changed: bool,
    pub counters: Vec<(String, u64)>,
    pub removed_lines: Vec<RemovedLine>,
    /// The text the step received, when it removed lines (their numbers refer to it).
    pub text_before: Option<String>,
}

/// The whole trace of one document.
#[derive(Debug, Clone, Serialize)]
pub struct Inspection {
    pub id: String,
    pub record: u64,
    pub input: String,
    pub original: String,
    pub steps: Vec<StepTrace>,
    /// The text as written to output (or as it stood when a step removed the document).
    pub result: String,
    pub kept: bool,
}

/// Follows one document through the configured pipeline, with the step types that `catalog`
/// knows.
pub fn inspect(
    opts: &InspectOptions,
    catalog: &dyn StepCatalog,
    progress: &dyn Progress,
) -> Result<Inspection, PipelineError> {
    // Ask every step that can record its line edits to do so.
    let mut config = opts.config.clone();
    catalog.enable_annotations(&mut config.steps);
    let (mut elements, _) = config.resolve(catalog)?;
    let mut inputs = discover(&opts.inputs)?;
    let fields = config.reader.fields();
    let max_doc = usize::try_from(config.reader.max_doc_bytes).unwrap_or(usize::MAX);
    let shape = Shape {
        threads: resolve_threads(opts.threads),
        batch_docs: 1000,
        batch_bytes: 4 << 20,
        take: Take::of(&opts.config.reader),
    };
    let observing = elements.iter().filter(|e| e.observes()).count();
    // The stages' passes read the input again, standard input only once: it is copied to a
    // temporary file first (inspect has no output folder), deleted when inspect returns.
    let _stdin_copy = if observing > 0 && inputs.reads_stdin() {
        Some(copy_stdin(&mut inputs)?)
    } else {
        None
    };
    observe_stages(
        &mut elements,
        &PassPlan {
            inputs: &inputs,
            fields: &fields,
            max_doc,
            shape,
            progress,
        },
    )?;

    for (seq, item) in (0u64..).zip(RecordReader::new(inputs.files.clone(), max_doc)) {
        let wanted = match &opts.target {
            Target::Record(n) => *n == seq,
            Target::Id(_) => true,
        };
        if !wanted {
            continue;
        }
        let input = item.input.to_string();
        let Ok(mut doc) = ghirbal_io::parse::to_document(item, &fields) else {
            if matches!(opts.target, Target::Record(_)) {
                return Err(PipelineError::Usage(format!(
                    "record {seq} could not be read (a run would reject it; see OUT/rejected/)"
                )));
            }
            continue;
        };
        if let Target::Id(id) = &opts.target {
            if &doc.id != id {
                continue;
            }
        }
        let original = doc.text.clone();
        let mut steps = Vec::new();
        let mut kept = true;
        for element in &elements {
            let before = doc.text.clone();
            let mut cx = Cx::default();
            let verdict = element.apply(&mut doc, seq, &mut cx);
            let removed_lines = match doc.meta.shift_remove("boilerplate_removed") {
                Some(serde_json::Value::Array(list)) => list
                    .iter()
                    .map(|v| RemovedLine {
                        line: v["line"].as_u64().unwrap_or(0),
                        rule: v["rule"].as_str().unwrap_or_default().to_string(),
                        text: v["text"].as_str().unwrap_or_default().to_string(),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let counters = cx.drain().map(|(k, n)| (k.to_string(), n)).collect();
            let (outcome, code, detail) = match &verdict {
                Ok(Verdict::Keep) => ("kept", None, None),
                Ok(Verdict::Drop(r)) => {
                    ("removed", Some(r.code.to_string()), Some(r.detail.clone()))
                }
                Err(e) => ("error", Some("step_error".to_string()), Some(e.to_string())),
            };
            steps.push(StepTrace {
                step: element.name().to_string(),
                outcome: outcome.to_string(),
                code,
                detail,
                text_changed: before != doc.text,
                text_before: (!removed_lines.is_empty()).then_some(before),
                counters,
                removed_lines,
            });
            if !matches!(verdict, Ok(Verdict::Keep)) {
                kept = false;
                break;
            }
        }
        return Ok(Inspection {
            id: doc.id,
            record: seq,
            input,
            original,
            steps,
            result: doc.text,
            kept,
        });
    }
    Err(PipelineError::Usage(match &opts.target {
        Target::Id(id) => format!("no readable document with id \"{id}\" in the input"),
        Target::Record(n) => format!("the input holds fewer than {} records", n + 1),
    }))
}

/// Copies standard input, zstd-compressed, to a temporary file that stands in for it (still
/// named `-` in ids); the file is deleted when the returned handle is dropped.
fn copy_stdin(inputs: &mut ghirbal_io::Inputs) -> Result<tempfile::NamedTempFile, PipelineError> {
    use std::io::Write;
    let copy = tempfile::Builder::new()
        .prefix("ghirbal-inspect-stdin-")
        .suffix(".jsonl.zst")
        .tempfile()
        .map_err(|source| PipelineError::File {
            path: std::env::temp_dir(),
            source,
        })?;
    let err = |source| PipelineError::File {
        path: copy.path().to_path_buf(),
        source,
    };
    // Level 1: the copy is read once per pass and then deleted.
    let mut z = zstd::Encoder::new(std::io::BufWriter::new(copy.as_file()), 1).map_err(err)?;
    std::io::copy(&mut std::io::stdin().lock(), &mut z).map_err(err)?;
    z.finish().map_err(err)?.flush().map_err(err)?;
    for file in inputs.files.iter_mut().filter(|f| f.path.is_none()) {
        let mut described = ghirbal_io::input::describe(copy.path(), ghirbal_io::InputKind::Jsonl)?;
        described.name = Some("-".to_string());
        *file = described;
    }
    Ok(copy)
}
