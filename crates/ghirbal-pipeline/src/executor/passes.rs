//! The passes before the final one, when the pipeline has whole-corpus stages: each step runs
//! once per document. Pass 1 reads the inputs, runs the elements before the first stage, shows
//! the stage every document that survives them and spools every record to
//! `OUT/.ghirbal/spool-1/`. Pass k reads spool k−1, applies stage k−1's decisions and the
//! elements up to stage k, and so on; the final pass (in `run`) reads the last spool. A spool
//! is deleted once the pass that reads it is done, so at most two exist at a time.
//!
//! Resume: a pass checkpoints with its stage's observation checkpoint (the spool writer's
//! state, the records done and the counts so far are the checkpoint's note), so an interrupted
//! pass continues from there; a finished pass leaves `pass-N.json` and its stage's saved
//! decisions, and is not run again.

use super::batch::{empty_stats, process_batch, BatchOutput, Observer, PassWork, Written};
use super::resume::{write_atomic, RunState, StageFiles};
use super::spool::{spool_dir, SPOOL_ZSTD_LEVEL};
use super::stream::{stream, Batch, Shape, Take};
use super::Progress;
use crate::PipelineError;
use ghirbal_core::{Element, RunStats};
use ghirbal_io::encode::{Encoded, OutputFormat};
use ghirbal_io::shards::ShardInfo;
use ghirbal_io::{FieldOptions, InputFile, InputKind, Inputs, RecordReader};
use ghirbal_io::{Ledger, ShardState, ShardWriter};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

/// What the spooled passes need to know about the run.
pub(super) struct SpoolPlan<'a> {
    pub(super) inputs: &'a Inputs,
    pub(super) fields: &'a FieldOptions,
    pub(super) max_doc: usize,
    pub(super) shape: Shape,
    pub(super) progress: &'a dyn Progress,
    pub(super) n_passes: usize,
    pub(super) run: RunState<'a>,
    /// The same ledger, shared with the spool writers.
    pub(super) ledger: &'a Arc<Ledger>,
    pub(super) shard_bytes: u64,
    pub(super) keep_original: bool,
    pub(super) tag: bool,
    /// Batches between observation checkpoints (0: none), and the least time between two.
    pub(super) checkpoint_every: u64,
    pub(super) checkpoint_interval: std::time::Duration,
    pub(super) cancel: Option<&'a std::sync::atomic::AtomicBool>,
}

/// What the reader of the inputs found, kept for `stats.json` when the final pass reads a
/// spool instead.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct ReaderInfo {
    pub(super) empty_inputs: Vec<String>,
    pub(super) json_inputs: BTreeMap<String, String>,
}

impl ReaderInfo {
    pub(super) fn of(reader: &RecordReader) -> Self {
        Self {
            empty_inputs: reader.empty_inputs().to_vec(),
            json_inputs: reader
                .json_layouts()
                .iter()
                .map(|(name, layout)| (name.clone(), layout.to_string()))
                .collect(),
        }
    }
}

/// Where the passes before the final one left the run.
pub(super) struct Spooled {
    /// The counts of every pass so far.
    pub(super) stats: RunStats,
    pub(super) reader: ReaderInfo,
    /// The last spool's shards, which the final pass reads (None: it reads the inputs), and
    /// the first element it runs.
    pub(super) spool: Option<Vec<InputFile>>,
    pub(super) spool_dir: PathBuf,
    pub(super) first_element: usize,
    pub(super) times: Vec<PassTime>,
    /// The largest spool, compressed.
    pub(super) spool_bytes: u64,
    /// True when a pass ran in this invocation: a checkpoint of the final pass, which read
    /// an earlier spool, is then void.
    pub(super) ran: bool,
}

/// A finished pass, as `OUT/.ghirbal/pass-N.json` records it.
#[derive(Serialize, Deserialize)]
struct PassDone {
    fingerprint: String,
    stats: RunStats,
    reader: ReaderInfo,
    spool: Vec<ShardInfo>,
    spool_bytes: u64,
    /// False for a pass that wrote no spool (the next pass reads the inputs).
    #[serde(default = "yes")]
    spooled: bool,
}

fn yes() -> bool {
    true
}

/// Where an unfinished pass stood at its last checkpoint.
#[derive(Serialize, Deserialize)]
struct PassCheckpoint {
    records_done: u64,
    stats: RunStats,
    spool: ShardState,
}

/// Wall-clock time of a stage's pass (running the steps before it, observing, spooling) and
/// of its `finish`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PassTime {
    pub stage: String,
    pub observe_seconds: f64,
    pub finish_seconds: f64,
    /// True when the pass had finished in an interrupted run: its stage's decisions were
    /// restored and it was not run again.
    #[serde(default)]
    pub restored: bool,
    /// When an interrupted pass resumed: the record it resumed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resumed_from_record: Option<u64>,
    /// The spool the pass wrote, compressed.
    #[serde(default)]
    pub spool_bytes: u64,
}

/// Runs every pass before the final one; None when the pipeline has no stage to observe.
pub(super) fn run_spooled(
    elements: &mut [Element],
    stats: RunStats,
    plan: &SpoolPlan,
) -> Result<Option<Spooled>, PipelineError> {
    let stages: Vec<usize> = (0..elements.len())
        .filter(|&k| elements[k].observes())
        .collect();
    if stages.is_empty() {
        return Ok(None);
    }
    // Passes an interrupted run finished: only while the last one's spool is whole can the
    // run continue from them (a finished run has deleted it; then every pass runs again).
    let mut done: Vec<PassDone> = Vec::new();
    for pass in 1..=stages.len() {
        match read_done(&pass_done_path(plan.run.dir, pass), plan.run.fingerprint) {
            Some(d) => done.push(d),
            None => break,
        }
    }
    if let Some(last) = done.last() {
        let dir = spool_dir(plan.run.dir, done.len());
        if !last.spool.iter().all(|s| dir.join(&s.file).is_file()) {
            done.clear();
        }
    }
    let mut done = done.into_iter();
    let mut ran = false;
    let mut stats = stats;
    let mut reader_info = ReaderInfo::default();
    let mut source: Option<Vec<InputFile>> = None;
    let mut restored: Option<(usize, Vec<ShardInfo>)> = None;
    let mut times = Vec::new();
    let mut largest = 0u64;
    for (j, &k) in stages.iter().enumerate() {
        let pass = j + 1;
        let start = if j == 0 { 0 } else { stages[j - 1] };
        let started = Instant::now();
        let files = StageFiles::new(plan.run, k, elements[k].name());
        let done_path = pass_done_path(plan.run.dir, pass);
        if let Some(done) = done.next() {
            let Element::Stage(stage) = &mut elements[k] else {
                continue;
            };
            if !files.restore(stage.as_mut()) {
                return Err(PipelineError::State {
                    path: done_path,
                    message: format!(
                        "pass {pass} finished but {}'s saved decisions do not read back; rerun with --overwrite",
                        stage.name()
                    ),
                });
            }
            stats = done.stats;
            reader_info = done.reader;
            largest = largest.max(done.spool_bytes);
            // Described when read: the spools of earlier finished passes are gone.
            restored = done.spooled.then_some((pass, done.spool));
            remove_spool(plan.run, pass - 1)?;
            times.push(PassTime {
                stage: stage.name().to_string(),
                observe_seconds: 0.0,
                finish_seconds: 0.0,
                restored: true,
                resumed_from_record: None,
                spool_bytes: done.spool_bytes,
            });
            continue;
        }
        ran = true;
        if let Some((pass, shards)) = restored.take() {
            source = Some(spool_inputs(plan.run.dir, pass, &shards)?);
        }
        let Element::Stage(stage) = &mut elements[k] else {
            continue;
        };
        files.give_work_dir(stage.as_mut())?;
        let resumed = files
            .resume_observation(stage.as_mut())
            .and_then(|note| serde_json::from_str::<PassCheckpoint>(&note).ok());
        let (skip, spool_at, mut pass_stats) = match resumed {
            Some(cp) => (cp.records_done, cp.spool, cp.stats),
            None => (0, ShardState::default(), stats.clone()),
        };
        let (reader, total_bytes, shape) = match &source {
            None => (
                RecordReader::new(plan.inputs.files.clone(), plan.max_doc),
                plan.inputs.total_bytes(),
                plan.shape,
            ),
            Some(spool) => (
                // A spooled record may be longer than the inputs' limit (it carries its
                // metadata and perhaps the text as read); the limit was applied in pass 1.
                RecordReader::new(spool.clone(), usize::MAX),
                spool.iter().map(|f| f.size).sum(),
                // Pass 1 took the records a --limit or --sample wants; later passes take all.
                Shape {
                    take: Take::default(),
                    ..plan.shape
                },
            ),
        };
        plan.progress.pass(
            &format!("pass {pass}/{}: {}", plan.n_passes, stage.name()),
            total_bytes,
        );
        // A first stage with nothing before it has no work to save: the next pass reads the
        // inputs again rather than a copy of them (standard input, read once, is copied).
        let spooled = !(j == 0 && k == 0 && !plan.inputs.reads_stdin());
        let mut spool_w = match spooled {
            true => Some(ShardWriter::resume(
                &spool_dir(plan.run.dir, pass),
                OutputFormat::JsonlZst,
                plan.shard_bytes,
                &spool_at,
                Some(Arc::clone(plan.ledger)),
            )?),
            false => None,
        };
        let (before, rest) = elements.split_at(k);
        let stage = match &rest[0] {
            Element::Stage(stage) => stage.as_ref(),
            Element::Step(_) => continue,
        };
        let work = PassWork {
            elements: before,
            blank: empty_stats(before),
            range: start..k,
            observer: Some(Observer::Stage(stage)),
            seq_offset: 0,
            from_spool: source.is_some(),
            fields: plan.fields,
            keep_original: plan.keep_original,
            tag: plan.tag,
            zstd_level: SPOOL_ZSTD_LEVEL,
            outputs: None,
            spool: spooled,
        };
        let work = |batch: Batch| process_batch(batch, &work);
        let (mut records_done, mut batches) = (skip, 0u64);
        let mut last_checkpoint = Instant::now();
        let mut checkpoints = plan.checkpoint_every > 0;
        let reader = stream(
            reader,
            skip,
            shape,
            &work,
            |r: Result<BatchOutput, PipelineError>, consumed| {
                let b = r?;
                plan.progress.advance(b.docs, b.text_bytes, consumed);
                // Without a spool, the next pass reads and counts the records again.
                if let (Some(w), Written::Spool(bytes, n)) = (&mut spool_w, b.written) {
                    w.append(Encoded::Bytes(bytes), n)?;
                    pass_stats.merge(&b.stats);
                }
                records_done += b.records;
                batches += 1;
                let cancelled = plan.cancel.is_some_and(|c| c.load(Ordering::Relaxed));
                if checkpoints
                    && (cancelled
                        || (batches.is_multiple_of(plan.checkpoint_every)
                            && last_checkpoint.elapsed() >= plan.checkpoint_interval))
                {
                    last_checkpoint = Instant::now();
                    let cp = PassCheckpoint {
                        records_done,
                        stats: pass_stats.clone(),
                        spool: match &mut spool_w {
                            Some(w) => w.checkpoint()?,
                            None => ShardState::default(),
                        },
                    };
                    plan.run.ledger.sync()?;
                    let note = serde_json::to_string(&cp)
                        .map_err(|e| PipelineError::Internal(e.to_string()))?;
                    checkpoints = files.checkpoint_observation(stage, &note)?;
                }
                if cancelled {
                    return Err(PipelineError::Interrupted {
                        records_done,
                        during: format!("pass {pass}, which {} observes", stage.name()),
                    });
                }
                Ok(())
            },
        )?;
        plan.progress.pass_done();
        if j == 0 {
            reader_info = ReaderInfo::of(&reader);
        }
        let spool = match spool_w {
            Some(w) => w.finish()?,
            None => Vec::new(),
        };
        let spool_bytes = spool.iter().map(|s| s.bytes).sum();
        let observe_seconds = started.elapsed().as_secs_f64();
        let finishing = Instant::now();
        if let Element::Stage(stage) = &mut elements[k] {
            stage.finish().map_err(|source| PipelineError::Stage {
                stage: stage.name(),
                source,
            })?;
            files.save(stage.as_ref())?;
        }
        plan.run.ledger.sync()?;
        let done = PassDone {
            fingerprint: plan.run.fingerprint.to_string(),
            stats: pass_stats,
            reader: reader_info.clone(),
            spool,
            spool_bytes,
            spooled,
        };
        write_atomic(
            plan.run.ledger,
            &done_path,
            &serde_json::to_vec(&done).map_err(|e| PipelineError::Internal(e.to_string()))?,
        )?;
        // The spool this pass read is no longer needed.
        remove_spool(plan.run, pass - 1)?;
        stats = done.stats;
        largest = largest.max(spool_bytes);
        if spooled {
            source = Some(spool_inputs(plan.run.dir, pass, &done.spool)?);
        }
        times.push(PassTime {
            stage: elements[k].name().to_string(),
            observe_seconds,
            finish_seconds: finishing.elapsed().as_secs_f64(),
            restored: false,
            resumed_from_record: (skip > 0).then_some(skip),
            spool_bytes,
        });
    }
    if let Some((pass, shards)) = restored.take() {
        source = Some(spool_inputs(plan.run.dir, pass, &shards)?);
    }
    let last = stages.len();
    Ok(Some(Spooled {
        stats,
        reader: reader_info,
        spool: source,
        spool_dir: spool_dir(plan.run.dir, last),
        first_element: stages[last - 1],
        times,
        spool_bytes: largest,
        ran,
    }))
}

fn pass_done_path(state_dir: &Path, pass: usize) -> PathBuf {
    state_dir.join(format!("pass-{pass}.json"))
}

fn read_done(path: &Path, fingerprint: &str) -> Option<PassDone> {
    let done: PassDone = serde_json::from_slice(&std::fs::read(path).ok()?).ok()?;
    (done.fingerprint == fingerprint).then_some(done)
}

/// The shards of a finished spool, as inputs for the next pass.
fn spool_inputs(
    state_dir: &Path,
    pass: usize,
    shards: &[ShardInfo],
) -> Result<Vec<InputFile>, PipelineError> {
    let dir = spool_dir(state_dir, pass);
    shards
        .iter()
        .map(|s| {
            Ok(ghirbal_io::input::describe(
                &dir.join(&s.file),
                InputKind::Jsonl,
            )?)
        })
        .collect()
}

/// Deletes the spool that pass `pass` wrote (nothing for pass 0, the inputs), file by file as
/// the ledger lists them: only ghirbal's own files, never the folder's other content.
pub(super) fn remove_spool(run: RunState, pass: usize) -> Result<(), PipelineError> {
    if pass == 0 {
        return Ok(());
    }
    remove_spool_dir(run, &spool_dir(run.dir, pass))
}

pub(super) fn remove_spool_dir(run: RunState, dir: &Path) -> Result<(), PipelineError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PipelineError::File { path, source }
    };
    for entry in entries {
        let path = entry.map_err(err(dir))?.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        // Shards (finished or partial) only.
        if name.contains(".jsonl.zst") && name.starts_with(|c: char| c.is_ascii_digit()) {
            std::fs::remove_file(&path).map_err(err(&path))?;
            run.ledger.gone(&path)?;
        }
    }
    if std::fs::remove_dir(dir).is_ok() {
        run.ledger.gone(dir)?;
    }
    Ok(())
}
