//! Running a pipeline over the inputs.
//!
//! Threads: one reader streams raw records in input order and cuts them into batches; worker
//! threads parse, run the steps, serialize and compress whole batches; the calling thread
//! writes batch results strictly in batch order. Batches are cut by record count and size only,
//! so batch contents, shard boundaries and output bytes do not depend on the thread count.
//! A fixed number of batch "slots" circulates between the reader and the writer: the reader
//! cannot run ahead of the writer by more than that, so memory does not grow with the corpus.
//!
//! Stages: a pipeline `s1 s2 STAGE s3` runs in two passes. Pass 1 runs `s1 s2` and feeds every
//! surviving document to `STAGE.observe`; pass 2 runs everything and writes. Each extra stage
//! adds a pass. Passes re-read the input instead of spilling it, which keeps disk use at zero.
//!
//! Resume: every `checkpoint_every` batches of the final pass the writers flush to disk and
//! `OUT/.ghirbal/checkpoint.json` records how many records are done, the shard states and the
//! statistics so far. A rerun with the same configuration and inputs cuts the outputs back to
//! the checkpoint and continues from the next record; the batches that follow are cut exactly as
//! in an uninterrupted run, so the finished output is the same.
//!
//! Stages take part: once a stage has decided, its decisions are saved
//! (`OUT/.ghirbal/stage-N-NAME.state`) and a rerun restores them without observing again; during
//! an observation pass, every 16 × `checkpoint_every` batches once `observe_checkpoint_secs`
//! have passed since the last time, a stage that can (the
//! deduplication stages) spills what it has observed and `stage-N-NAME.observed` records the
//! runs and how many records are done, so a rerun resumes the pass from there. Documents that
//! other threads observed past that point are observed again; such stages ignore repeats.

use crate::config::ConfigFile;
use crate::output::{self, OutputFolder};
use crate::PipelineError;
use crossbeam_channel::bounded;
use ghirbal_core::{
    Cx, Document, Element, Reason, RunStats, Stage, StepCatalog, StepStats, Verdict,
};
use ghirbal_io::encode::{self, BatchEncoder, EncodedBatch, Encoding};
use ghirbal_io::shards::ShardInfo;
use ghirbal_io::{
    FieldOptions, Inputs, Ledger, RawItem, RawRecord, RecordReader, Rejection, ShardState,
    ShardWriter,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// Everything a run needs.
#[derive(Debug, Clone)]
pub struct RunOptions {
    pub inputs: Vec<PathBuf>,
    pub output: PathBuf,
    pub config: ConfigFile,
    /// Worker threads (0: one per core).
    pub threads: usize,
    /// Replace an output written with another configuration (or by something else).
    pub overwrite: bool,
    /// The command line, recorded in `OUT/config.toml`.
    pub command_line: String,
    /// A batch is cut at this many records or bytes, whichever comes first.
    pub batch_docs: usize,
    pub batch_bytes: usize,
    /// Batches of the final pass between checkpoints.
    pub checkpoint_every: u64,
    /// Least time between two checkpoints of an observation pass, in seconds: each one makes
    /// the deduplication stages write what they observed to disk, which a short pass does not
    /// need. 0 checks at every 16 × `checkpoint_every` batches.
    pub observe_checkpoint_secs: u64,
    /// Set from elsewhere (a Ctrl-C handler) to stop the run at the next batch, after a
    /// checkpoint, with [`PipelineError::Interrupted`].
    pub cancel: Option<Arc<std::sync::atomic::AtomicBool>>,
}

impl RunOptions {
    fn cancelled(&self) -> bool {
        self.cancel
            .as_ref()
            .is_some_and(|c| c.load(Ordering::Relaxed))
    }
}

impl RunOptions {
    pub fn new(inputs: Vec<PathBuf>, output: PathBuf, config: ConfigFile) -> Self {
        Self {
            inputs,
            output,
            config,
            threads: 0,
            overwrite: false,
            command_line: String::new(),
            batch_docs: 1000,
            batch_bytes: 4 << 20,
            checkpoint_every: 16,
            observe_checkpoint_secs: 300,
            cancel: None,
        }
    }
}

/// Receives progress from the executor. Implementations must be cheap: they are called once
/// per batch from the writing thread.
pub trait Progress: Sync {
    /// A pass starts; `total_input_bytes` is known when every input is a file.
    fn pass(&self, _label: &str, _total_input_bytes: Option<u64>) {}
    /// After each batch: documents and text bytes in it, and input bytes read so far.
    fn advance(&self, _docs: u64, _text_bytes: u64, _input_bytes: u64) {}
    fn pass_done(&self) {}
}

/// A [`Progress`] that ignores everything.
pub struct NoProgress;
impl Progress for NoProgress {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Ran from the start.
    Completed,
    /// Continued an interrupted run (from `StatsFile::resumed_from_record`).
    Resumed,
    /// The output was already complete for this configuration; nothing was done.
    AlreadyComplete,
}

/// The content of `OUT/stats.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StatsFile {
    pub ghirbal_version: String,
    #[serde(flatten)]
    pub counts: RunStats,
    pub outputs: Outputs,
    pub inputs: Vec<String>,
    /// Inputs that held no record.
    pub empty_inputs: Vec<String>,
    /// Files inside input folders that ghirbal does not read (by name).
    pub skipped_files: Vec<String>,
    pub outcome: Outcome,
    /// The record an interrupted run was resumed from (with `outcome = "resumed"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resumed_from_record: Option<u64>,
    /// Wall-clock seconds of the last invocation (not of the interrupted ones before it).
    pub wall_seconds: f64,
    /// Wall-clock time of each stage's observation pass and finish, in this invocation.
    #[serde(default)]
    pub observation_passes: Vec<PassTime>,
    pub threads: usize,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Outputs {
    pub kept: Vec<ShardInfo>,
    pub removed: Vec<ShardInfo>,
    pub rejected: Vec<ShardInfo>,
}

/// What `run` returns to the caller.
#[derive(Debug, Clone)]
pub struct RunReport {
    pub stats: StatsFile,
    pub output: PathBuf,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct RunManifest {
    fingerprint: String,
    inputs: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Checkpoint {
    fingerprint: String,
    records_done: u64,
    finished: bool,
    stats: RunStats,
    kept: ShardState,
    removed: ShardState,
    rejected: ShardState,
}

const STATE_DIR: &str = ghirbal_io::ledger::STATE_DIR;

/// Runs the configured pipeline over the inputs into `opts.output`, with the step types that
/// `catalog` knows.
pub fn run(
    opts: &RunOptions,
    catalog: &dyn StepCatalog,
    progress: &dyn Progress,
) -> Result<RunReport, PipelineError> {
    let started = Instant::now();
    let (mut elements, resolved) = opts.config.resolve(catalog)?;
    let config_toml = resolved.to_toml()?;
    // Files the steps read (a phrase list, an index) are part of the run's identity: editing
    // one makes the output another run's.
    let files_read = resolved.files_read(catalog)?;
    let out = &opts.output;
    output::check_inputs_outside(&opts.inputs, out)?;
    // An output folder inside an input folder is not read as input.
    let out_real = output::real_path(out);
    let inputs = ghirbal_io::input::discover_excluding(&opts.inputs, out_real.as_slice())?;
    // Links inside input folders can lead into the output folder, and a step's output file
    // (`save_index`) can name an input: both would be overwritten or deleted by the run.
    output::check_files_outside(
        &inputs,
        out_real.as_deref(),
        &resolved.files_written(catalog)?,
    )?;
    if inputs.files.is_empty() {
        return Err(PipelineError::Usage(format!(
            "no readable input among {} (folders are searched for .jsonl, .jsonl.gz, .jsonl.zst, .txt, .parquet, .warc, .wet and .html files)",
            opts.inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
        )));
    }
    let has_stage = elements.iter().any(Element::observes);
    if has_stage && inputs.reads_stdin() {
        return Err(PipelineError::Usage(
            "this pipeline has a whole-corpus stage, which reads the input more than once; standard input can be read only once, so save it to a file first".into(),
        ));
    }
    let threads = resolve_threads(opts.threads);
    let mut inputs = inputs;
    let fingerprint = fingerprint(&config_toml, &inputs, &files_read);

    let state_dir = out.join(STATE_DIR);
    let mut folder = OutputFolder::claim(out, &opts.command_line)?;
    let resume = prepare_output(&mut folder, out, &fingerprint, opts.overwrite)?;
    let ledger = Arc::clone(folder.ledger());
    if resume.is_some() {
        // The same files, perhaps spelled otherwise: keep the names of the run resumed, which
        // are in its ids and rejection records.
        if let Some(names) = read_manifest(out).map(|m| m.inputs) {
            if names.len() == inputs.files.len() {
                for (file, name) in inputs.files.iter_mut().zip(names) {
                    file.name = Some(name);
                }
            }
        }
    }
    let input_names: Vec<String> = inputs.files.iter().map(|f| f.display_name()).collect();
    if let Some(cp) = &resume {
        if cp.finished {
            let stats_path = out.join("stats.json");
            let text =
                std::fs::read_to_string(&stats_path).map_err(|source| PipelineError::File {
                    path: stats_path.clone(),
                    source,
                })?;
            let mut stats: StatsFile =
                serde_json::from_str(&text).map_err(|e| PipelineError::State {
                    path: stats_path,
                    message: e.to_string(),
                })?;
            stats.outcome = Outcome::AlreadyComplete;
            return Ok(RunReport {
                stats,
                output: out.clone(),
            });
        }
        if inputs.reads_stdin() {
            return Err(PipelineError::Usage(format!(
                "{} holds an interrupted run that read standard input, which cannot be read again; rerun with --overwrite",
                out.display()
            )));
        }
    }
    write_atomic(
        &ledger,
        &state_dir.join("run.json"),
        &serde_json::to_vec_pretty(&RunManifest {
            fingerprint: fingerprint.clone(),
            inputs: input_names.clone(),
        })
        .map_err(|e| PipelineError::Internal(e.to_string()))?,
    )?;
    let header = format!(
        "# The resolved configuration of a ghirbal run: every option spelled out.\n# Repeat the run with: ghirbal run INPUT... -o OUT --config config.toml\n# Command: {}\n\n",
        opts.command_line
    );
    write_atomic(
        &ledger,
        &out.join("config.toml"),
        format!("{header}{config_toml}").as_bytes(),
    )?;

    let fields = opts.config.reader.fields();
    let max_doc = usize::try_from(opts.config.reader.max_doc_bytes).unwrap_or(usize::MAX);
    let shape = Shape {
        threads,
        batch_docs: opts.batch_docs.max(1),
        batch_bytes: opts.batch_bytes.max(1),
    };
    let total_bytes = inputs.total_bytes();
    let n_passes = elements.iter().filter(|e| e.observes()).count() + 1;

    // Observation passes, one per stage.
    let passes = observe_stages(
        &mut elements,
        &PassPlan {
            inputs: &inputs,
            fields: &fields,
            max_doc,
            shape,
            progress,
            n_passes,
            state: Some(RunState {
                dir: &state_dir,
                fingerprint: &fingerprint,
                ledger: &ledger,
            }),
            // Each checkpoint spills a run; rarer than the final pass's keeps runs few.
            observe_checkpoint_every: opts.checkpoint_every.max(1).saturating_mul(16),
            observe_checkpoint_interval: std::time::Duration::from_secs(
                opts.observe_checkpoint_secs,
            ),
            cancel: opts.cancel.as_deref(),
        },
    )?;

    // The final pass.
    let encoding = Encoding {
        format: opts.config.writer.format,
        zstd_level: opts.config.writer.zstd_level,
        fields: &fields,
    };
    let shard_bytes = opts.config.writer.shard_bytes;
    let columns = |w: ShardWriter| w.parquet_columns(&fields.id_field, &fields.text_field);
    let fresh = (
        ShardState::default(),
        ShardState::default(),
        ShardState::default(),
    );
    let (kept_at, removed_at, rejected_at) = match &resume {
        Some(cp) => (&cp.kept, &cp.removed, &cp.rejected),
        None => (&fresh.0, &fresh.1, &fresh.2),
    };
    let writer = |name: &str, format, at| {
        ShardWriter::resume(
            &out.join(name),
            format,
            shard_bytes,
            at,
            Some(Arc::clone(&ledger)),
        )
    };
    let mut kept_w = columns(writer("kept", encoding.format, kept_at)?);
    let mut removed_w = columns(writer("removed", encoding.format, removed_at)?);
    let mut rejected_w = writer("rejected", encoding.rejected_format(), rejected_at)?;
    let (mut stats, skip) = match &resume {
        Some(cp) => (cp.stats.clone(), cp.records_done),
        None => (empty_stats(&elements), 0),
    };
    progress.pass(
        &if n_passes > 1 {
            format!("pass {n_passes}/{n_passes}: write")
        } else {
            "processing".to_string()
        },
        total_bytes,
    );
    let reader = RecordReader::new(inputs.files.clone(), max_doc);
    let elements = &elements;
    let work = |batch: Batch| process_batch(batch, elements, encoding);
    let mut records_done = skip;
    let mut batches = 0u64;
    let reader = stream(
        reader,
        skip,
        shape,
        &work,
        |result: Result<BatchOutput, PipelineError>, consumed| {
            let b = result?;
            kept_w.append(b.encoded.kept, b.stats.kept)?;
            removed_w.append(b.encoded.removed, b.stats.removed)?;
            rejected_w.append(b.encoded.rejected, b.stats.rejected)?;
            progress.advance(b.stats.read, b.stats.bytes_read, consumed);
            stats.merge(&b.stats);
            records_done += b.records;
            batches += 1;
            let cancelled = opts.cancelled();
            if cancelled || batches.is_multiple_of(opts.checkpoint_every.max(1)) {
                let cp = Checkpoint {
                    fingerprint: fingerprint.clone(),
                    records_done,
                    finished: false,
                    stats: stats.clone(),
                    kept: kept_w.checkpoint()?,
                    removed: removed_w.checkpoint()?,
                    rejected: rejected_w.checkpoint()?,
                };
                save_checkpoint(&ledger, &state_dir, &cp)?;
            }
            if cancelled {
                return Err(PipelineError::Interrupted {
                    records_done,
                    during: "the final pass".into(),
                });
            }
            Ok(())
        },
    )?;
    progress.pass_done();
    let outputs = Outputs {
        kept: kept_w.finish()?,
        removed: removed_w.finish()?,
        rejected: rejected_w.finish()?,
    };
    if !stats.balanced() {
        return Err(PipelineError::Internal(format!(
            "accounting does not balance: read {} != kept {} + removed {} + rejected {} + skipped {}",
            stats.read, stats.kept, stats.removed, stats.rejected, stats.skipped
        )));
    }
    let report = StatsFile {
        ghirbal_version: env!("CARGO_PKG_VERSION").to_string(),
        counts: stats.clone(),
        outputs: outputs.clone(),
        inputs: input_names,
        empty_inputs: reader.empty_inputs().to_vec(),
        skipped_files: inputs
            .skipped
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        outcome: match skip {
            0 => Outcome::Completed,
            _ => Outcome::Resumed,
        },
        resumed_from_record: (skip > 0).then_some(skip),
        wall_seconds: started.elapsed().as_secs_f64(),
        observation_passes: passes,
        threads,
    };
    write_atomic(
        &ledger,
        &out.join("stats.json"),
        &serde_json::to_vec_pretty(&report).map_err(|e| PipelineError::Internal(e.to_string()))?,
    )?;
    save_checkpoint(
        &ledger,
        &state_dir,
        &Checkpoint {
            fingerprint,
            records_done,
            finished: true,
            stats,
            kept: ShardState::default(),
            removed: ShardState::default(),
            rejected: ShardState::default(),
        },
    )?;
    Ok(RunReport {
        stats: report,
        output: out.clone(),
    })
}

/// The worker thread count: `requested`, or one per core when it is 0.
pub(crate) fn resolve_threads(requested: usize) -> usize {
    if requested == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        requested
    }
}

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

/// Where a writing run keeps its state.
#[derive(Clone, Copy)]
pub(crate) struct RunState<'a> {
    pub dir: &'a Path,
    pub fingerprint: &'a str,
    pub ledger: &'a Ledger,
}

/// Where one stage keeps its work files, its saved state and its observation checkpoint.
struct StageFiles<'a> {
    state: PathBuf,
    observed: PathBuf,
    work: PathBuf,
    fingerprint: &'a str,
    ledger: &'a Ledger,
}

impl<'a> StageFiles<'a> {
    fn new(run: RunState<'a>, k: usize, name: &str) -> Self {
        Self {
            state: run.dir.join(format!("stage-{k}-{name}.state")),
            observed: run.dir.join(format!("stage-{k}-{name}.observed")),
            work: run.dir.join(format!("stage-{k}-{name}")),
            fingerprint: run.fingerprint,
            ledger: run.ledger,
        }
    }

    /// Hands the stage its work folder, recorded in the ledger as a scratch folder first.
    fn give_work_dir(&self, stage: &mut dyn Stage) -> Result<(), PipelineError> {
        self.ledger.scratch(&self.work)?;
        stage.set_work_dir(&self.work);
        Ok(())
    }

    /// Opens a file written by [`StageFiles::write`] by a run with the same fingerprint,
    /// positioned after the header; also returns the header's second line.
    fn open(&self, path: &Path) -> Option<(String, impl std::io::Read)> {
        use std::io::BufRead;
        let mut input = std::io::BufReader::new(std::fs::File::open(path).ok()?);
        let (mut first, mut second) = (String::new(), String::new());
        input.read_line(&mut first).ok()?;
        input.read_line(&mut second).ok()?;
        if first.trim_end() != self.fingerprint {
            return None;
        }
        let body = zstd::stream::read::Decoder::with_buffer(input).ok()?;
        Some((second.trim_end().to_string(), body))
    }

    /// Writes `path` atomically: the fingerprint and `note` on two lines, then what `body`
    /// writes, zstd-compressed (a sketch sized for a large corpus is mostly zeros after a
    /// small one). Nothing is left when `body` returns false (the stage has nothing to save).
    fn write(
        &self,
        path: &Path,
        note: &str,
        stage: &dyn Stage,
        body: impl FnOnce(&dyn Stage, &mut dyn std::io::Write) -> Result<bool, ghirbal_core::StepError>,
    ) -> Result<bool, PipelineError> {
        use std::io::Write;
        let tmp = path.with_extension("partial");
        let file_err = |source| PipelineError::File {
            path: tmp.clone(),
            source,
        };
        self.ledger.file(&tmp)?;
        self.ledger.file(path)?;
        let file = std::fs::File::create(&tmp).map_err(file_err)?;
        let mut out = std::io::BufWriter::new(file);
        writeln!(out, "{}\n{note}", self.fingerprint).map_err(file_err)?;
        let mut compressed = zstd::stream::write::Encoder::new(out, 1).map_err(file_err)?;
        let saved = body(stage, &mut compressed).map_err(|source| PipelineError::Stage {
            stage: stage.name(),
            source,
        })?;
        let out = compressed.finish().map_err(file_err)?;
        let file = out.into_inner().map_err(|e| file_err(e.into_error()))?;
        if !saved {
            drop(file);
            std::fs::remove_file(&tmp).map_err(file_err)?;
            self.ledger.gone(&tmp)?;
            self.ledger.gone(path)?;
            return Ok(false);
        }
        file.sync_all().map_err(file_err)?;
        std::fs::rename(&tmp, path).map_err(|source| PipelineError::File {
            path: path.to_path_buf(),
            source,
        })?;
        self.ledger.gone(&tmp)?;
        Ok(true)
    }

    /// Restores the stage from the decisions a run with the same fingerprint saved. False
    /// when there are none or they cannot be read (the stage then observes again, which gives
    /// the same decisions).
    fn restore(&self, stage: &mut dyn Stage) -> bool {
        self.open(&self.state)
            .is_some_and(|(_, mut input)| stage.load_state(&mut input).is_ok())
    }

    /// Where an interrupted observation pass stopped: the stage adopts what it had made
    /// durable, and the pass resumes after that many records (0: from the start).
    fn resume_observation(&self, stage: &mut dyn Stage) -> u64 {
        let Some((records, mut input)) = self.open(&self.observed) else {
            return 0;
        };
        match records.parse::<u64>() {
            Ok(n) if stage.resume_observation(&mut input).is_ok() => n,
            _ => 0,
        }
    }

    /// Records that the pass has observed `records` records; false when the stage cannot
    /// resume an observation pass, so that the executor stops asking.
    fn checkpoint_observation(
        &self,
        stage: &dyn Stage,
        records: u64,
    ) -> Result<bool, PipelineError> {
        self.write(&self.observed, &records.to_string(), stage, |s, out| {
            s.checkpoint_observation(out)
        })
    }

    /// Saves what the stage decided; the observation checkpoint is then obsolete.
    fn save(&self, stage: &dyn Stage) -> Result<(), PipelineError> {
        self.write(&self.state, "decided", stage, |s, out| s.save_state(out))?;
        match std::fs::remove_file(&self.observed) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(PipelineError::File {
                    path: self.observed.clone(),
                    source: e,
                })
            }
            _ => self.ledger.gone(&self.observed)?,
        }
        // The stage removes its work folder when done (only its own files in it).
        if !self.work.exists() {
            self.ledger.gone(&self.work)?;
        }
        Ok(())
    }
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

fn empty_stats(elements: &[Element]) -> RunStats {
    RunStats {
        steps: elements
            .iter()
            .map(|e| StepStats::new(e.name(), e.kind()))
            .collect(),
        ..RunStats::default()
    }
}

/// Runs `elements` on a document in an observation pass; errors count as removal here (the
/// final pass rejects and reports them).
fn survives(elements: &[Element], doc: &mut Document, seq: u64) -> bool {
    let mut cx = Cx::default();
    elements
        .iter()
        .all(|e| matches!(e.apply(doc, seq, &mut cx), Ok(Verdict::Keep)))
}

struct BatchOutput {
    records: u64,
    encoded: EncodedBatch,
    stats: RunStats,
}

fn process_batch(
    batch: Batch,
    elements: &[Element],
    encoding: Encoding<'_>,
) -> Result<BatchOutput, PipelineError> {
    let fields = encoding.fields;
    let mut out = BatchEncoder::new(encoding);
    let mut stats = empty_stats(elements);
    let records = batch.items.len() as u64;
    let mut cx = Cx::default();
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
                reject(&mut stats, &mut out, &rej);
                continue;
            }
        };
        stats.bytes_read += doc.text.len() as u64;
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
                out.kept(&doc);
            }
            Ok(Some(reason)) => {
                stats.removed += 1;
                out.removed(&doc, &reason);
            }
            Err(rej) => reject(&mut stats, &mut out, &rej),
        }
    }
    let encoded = out
        .finish()
        .map_err(|e| PipelineError::Internal(format!("compression failed: {e}")))?;
    Ok(BatchOutput {
        records,
        encoded,
        stats,
    })
}

fn reject(stats: &mut RunStats, out: &mut BatchEncoder<'_>, rej: &Rejection) {
    stats.rejected += 1;
    *stats
        .rejected_by_error
        .entry(rej.code.to_string())
        .or_default() += 1;
    out.rejected(rej);
}

#[derive(Clone, Copy)]
pub(crate) struct Shape {
    pub(crate) threads: usize,
    pub(crate) batch_docs: usize,
    pub(crate) batch_bytes: usize,
}

pub(crate) struct Batch {
    index: u64,
    first_seq: u64,
    items: Vec<RawItem>,
}

/// Streams the reader's records through `work` on `shape.threads` workers and hands the results
/// to `consume` in batch order, with the input bytes read so far. The first `skip` records are
/// read but not processed (resume). Returns the reader when the input is exhausted.
fn stream<R: Send>(
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
            for (this, item) in (0u64..).zip(reader.by_ref()) {
                if this < skip {
                    continue;
                }
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

/// Decides how to treat the claimed output folder: a fresh start (None) or a checkpoint to
/// resume from. A folder written with another configuration is refused unless `overwrite`;
/// what is cleared is only what ghirbal recorded as written (see [`crate::output`]).
fn prepare_output(
    folder: &mut OutputFolder,
    out: &Path,
    fingerprint: &str,
    overwrite: bool,
) -> Result<Option<Checkpoint>, PipelineError> {
    let state_dir = out.join(STATE_DIR);
    let manifest = read_manifest(out);
    let same = manifest
        .as_ref()
        .is_some_and(|m| m.fingerprint == fingerprint);
    if overwrite || manifest.is_none() {
        // Without a manifest, whatever is here is the start of a run that stopped before it
        // recorded one: ghirbal's own files, which the claim has checked.
        folder.clear()?;
    } else if same {
        let cp_path = state_dir.join("checkpoint.json");
        if let Ok(bytes) = std::fs::read(&cp_path) {
            let cp: Checkpoint =
                serde_json::from_slice(&bytes).map_err(|e| PipelineError::State {
                    path: cp_path.clone(),
                    message: format!("unreadable checkpoint ({e}); rerun with --overwrite"),
                })?;
            if cp.fingerprint == fingerprint {
                return Ok(Some(cp));
            }
        }
    } else {
        return Err(PipelineError::ConfigChanged {
            path: out.to_path_buf(),
        });
    }
    // Prove the folder is writable before any work starts.
    let probe = state_dir.join("write-test");
    let unusable = |path: &Path| {
        let path = path.to_path_buf();
        move |source| PipelineError::OutputUnusable { path, source }
    };
    folder.ledger().file(&probe)?;
    std::fs::write(&probe, b"ok").map_err(unusable(&probe))?;
    std::fs::remove_file(&probe).map_err(unusable(&probe))?;
    folder.ledger().gone(&probe)?;
    Ok(None)
}

/// The identity of the run that wrote `out`, if one did.
fn read_manifest(out: &Path) -> Option<RunManifest> {
    std::fs::read(out.join(STATE_DIR).join("run.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
}

fn save_checkpoint(
    ledger: &Ledger,
    state_dir: &Path,
    cp: &Checkpoint,
) -> Result<(), PipelineError> {
    let bytes = serde_json::to_vec(cp).map_err(|e| PipelineError::Internal(e.to_string()))?;
    // What the checkpoint makes durable is listed in a durable ledger.
    ledger.sync()?;
    write_atomic(ledger, &state_dir.join("checkpoint.json"), &bytes)
}

/// Writes a file so that readers see either the old or the new content, never a mix; both
/// names are recorded in the ledger first.
fn write_atomic(ledger: &Ledger, path: &Path, bytes: &[u8]) -> Result<(), PipelineError> {
    let tmp = path.with_extension("tmp");
    let err = |p: &Path| {
        let path = p.to_path_buf();
        move |source| PipelineError::File { path, source }
    };
    ledger.file(&tmp)?;
    ledger.file(path)?;
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp).map_err(err(&tmp))?;
        f.write_all(bytes).map_err(err(&tmp))?;
        f.sync_all().map_err(err(&tmp))?;
    }
    std::fs::rename(&tmp, path).map_err(err(path))?;
    ledger.gone(&tmp)?;
    Ok(())
}

/// Identifies a run: the resolved configuration, the content of every file it reads, and the
/// inputs (resolved path, size, modification time). The thread count is left out on purpose: it does not change the output.
fn fingerprint(config_toml: &str, inputs: &Inputs, files_read: &[(PathBuf, u64)]) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(config_toml.as_bytes());
    for (path, hash) in files_read {
        h.update(path.as_os_str().as_encoded_bytes());
        h.update(&hash.to_le_bytes());
    }
    for f in &inputs.files {
        h.update(f.identity().as_bytes());
        h.update(&f.size.unwrap_or(u64::MAX).to_le_bytes());
        h.update(&f.modified_ns.unwrap_or(0).to_le_bytes());
    }
    format!("{:032x}", h.digest128())
}
