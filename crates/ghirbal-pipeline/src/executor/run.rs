//! The final pass: claims the output folder, resumes from a checkpoint or starts afresh, runs
//! the observation passes, then runs every element over the input and writes the kept, removed
//! and rejected outputs, the statistics and the resolved configuration.

use super::batch::{empty_stats, process_batch, BatchOutput};
use super::passes::{observe_stages, PassPlan};
use super::resume::{
    fingerprint, prepare_output, read_manifest, save_checkpoint, write_atomic, Checkpoint,
    RunManifest, RunState, STATE_DIR,
};
use super::spool;
use super::stream::{resolve_threads, stream, Batch, Shape, Take};
use super::{Outcome, Outputs, Progress, RunOptions, RunReport, StatsFile};
use crate::output::{self, OutputFolder};
use crate::PipelineError;
use ghirbal_core::{Element, StepCatalog};
use ghirbal_io::encode::Encoding;
use ghirbal_io::{RecordReader, ShardState, ShardWriter};
use std::sync::Arc;
use std::time::Instant;

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
    // A whole-corpus stage reads the input more than once: standard input is copied first.
    let mut stdin_spool = None;
    if has_stage && inputs.reads_stdin() {
        for file in inputs.files.iter_mut().filter(|f| f.path.is_none()) {
            *file = spool::spool_stdin(&ledger, &state_dir)?;
            stdin_spool = file.path.clone();
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
        take: Take::of(&opts.config.reader),
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
    let keep_original = opts.config.writer.keep_original;
    let work = |batch: Batch| process_batch(batch, elements, encoding, keep_original);
    let mut records_done = skip;
    let mut batches = 0u64;
    let reader = stream(
        reader,
        skip,
        shape,
        &work,
        |result: Result<BatchOutput, PipelineError>, consumed| {
            let b = result?;
            kept_w.append_from(b.encoded.kept, b.stats.kept, &b.inputs.kept)?;
            removed_w.append_from(b.encoded.removed, b.stats.removed, &b.inputs.removed)?;
            rejected_w.append_from(b.encoded.rejected, b.stats.rejected, &b.inputs.rejected)?;
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
        json_inputs: reader
            .json_layouts()
            .iter()
            .map(|(name, layout)| (name.clone(), layout.to_string()))
            .collect(),
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
    spool::remove(&ledger, &stdin_spool)?;
    Ok(RunReport {
        stats: report,
        output: out.clone(),
    })
}
