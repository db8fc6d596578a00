//! A run: claims the output folder, resumes from a checkpoint or starts afresh, runs the
//! spooled passes of whole-corpus stages, then the final pass over the inputs (or the last
//! spool), which writes the kept, removed and rejected outputs, the statistics and the resolved
//! configuration.

use super::batch::{empty_stats, process_batch, BatchOutput, PassWork, Written};
use super::passes::{remove_spool_dir, run_spooled, ReaderInfo, SpoolPlan};
use super::resume::{
    fingerprint, prepare_output, read_manifest, save_checkpoint, write_atomic, write_config,
    write_report, write_stats, Checkpoint, RunManifest, RunState, REPORT_FILE, STATE_DIR,
};
use super::stream::{resolve_threads, stream, Batch, Shape, Take};
use super::{Outcome, Outputs, Progress, RunOptions, RunReport, StatsFile};
use crate::output::{self, OutputFolder};
use crate::PipelineError;
use ghirbal_core::StepCatalog;
use ghirbal_io::encode::{Encoded, Encoding, OutputFormat};
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
    // Tag mode keeps every measured value: every step that can annotate does.
    let config = if opts.config.writer.tag {
        let mut config = opts.config.clone();
        catalog.enable_annotations(&mut config.steps);
        std::borrow::Cow::Owned(config)
    } else {
        std::borrow::Cow::Borrowed(&opts.config)
    };
    let (mut elements, resolved) = config.resolve(catalog)?;
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
    // Standard input cannot be read again, and a checkpoint or a finished pass of a run that
    // read it says nothing about what arrives this time.
    let interrupted = resume.as_ref().is_none_or(|cp| !cp.finished)
        && read_manifest(out).is_some_and(|m| m.fingerprint == fingerprint);
    if inputs.reads_stdin() && interrupted {
        return Err(PipelineError::Usage(format!(
            "{} holds an interrupted run that read standard input, which cannot be read again; rerun with --overwrite",
            out.display()
        )));
    }
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
            // A run finished without its report (--no-report, or stopped before writing it)
            // gets it now.
            if opts.report && !out.join(REPORT_FILE).exists() {
                write_report(&ledger, out)?;
            }
            return Ok(RunReport {
                stats,
                output: out.clone(),
            });
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
    write_config(&ledger, out, &opts.command_line, &config_toml)?;

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

    let run_state = RunState {
        dir: &state_dir,
        fingerprint: &fingerprint,
        ledger: &ledger,
    };
    let keep_original = opts.config.writer.keep_original;
    // The passes of whole-corpus stages, each spooling what it leaves for the next.
    let no_counts = empty_stats(&elements);
    let spooled = run_spooled(
        &mut elements,
        no_counts,
        &SpoolPlan {
            inputs: &inputs,
            fields: &fields,
            max_doc,
            shape,
            progress,
            n_passes,
            run: run_state,
            ledger: &ledger,
            shard_bytes: opts.config.writer.shard_bytes,
            keep_original,
            tag: opts.config.writer.tag,
            // Each checkpoint spills a stage's run; rarer than the final pass's keeps runs few.
            checkpoint_every: opts.checkpoint_every.max(1).saturating_mul(16),
            checkpoint_interval: std::time::Duration::from_secs(opts.observe_checkpoint_secs),
            cancel: opts.cancel.as_deref(),
        },
    )?;

    // A checkpoint of the final pass over a spool that had to be written again is void.
    let resume = resume.filter(|_| !spooled.as_ref().is_some_and(|sp| sp.ran));

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
    // Tag mode's attributes follow kept/'s shards one for one, so they never cut by size.
    let mut attributes_w = match &resume {
        _ if !opts.config.writer.tag => None,
        Some(cp) => Some(ShardWriter::resume(
            &out.join("attributes"),
            OutputFormat::JsonlZst,
            u64::MAX,
            &cp.attributes,
            Some(Arc::clone(&ledger)),
        )?),
        None => Some(ShardWriter::resume(
            &out.join("attributes"),
            OutputFormat::JsonlZst,
            u64::MAX,
            &ShardState::default(),
            Some(Arc::clone(&ledger)),
        )?),
    };
    let (mut stats, skip) = match (&resume, &spooled) {
        (Some(cp), _) => (cp.stats.clone(), cp.records_done),
        (None, Some(spooled)) => (spooled.stats.clone(), 0),
        (None, None) => (empty_stats(&elements), 0),
    };
    // The final pass reads the last spool, or the inputs when there is none.
    let first_element = spooled.as_ref().map_or(0, |sp| sp.first_element);
    let final_spool = spooled.as_ref().and_then(|sp| sp.spool.as_ref());
    let (reader, final_shape, final_bytes) = match final_spool {
        Some(spool) => (
            RecordReader::new(spool.clone(), usize::MAX),
            Shape {
                take: Take::default(),
                ..shape
            },
            spool.iter().map(|f| f.size).sum(),
        ),
        None => (
            RecordReader::new(inputs.files.clone(), max_doc),
            shape,
            total_bytes,
        ),
    };
    progress.pass(
        &if n_passes > 1 {
            format!("pass {n_passes}/{n_passes}: write")
        } else {
            "processing".to_string()
        },
        final_bytes,
    );
    let work = PassWork {
        elements: &elements,
        blank: empty_stats(&elements),
        range: first_element..elements.len(),
        observer: None,
        seq_offset: 0,
        from_spool: final_spool.is_some(),
        fields: &fields,
        keep_original,
        tag: opts.config.writer.tag,
        zstd_level: opts.config.writer.zstd_level,
        outputs: Some(encoding),
        spool: false,
    };
    let work = |batch: Batch| process_batch(batch, &work);
    let mut records_done = skip;
    let mut batches = 0u64;
    let reader = stream(
        reader,
        skip,
        final_shape,
        &work,
        |result: Result<BatchOutput, PipelineError>, consumed| {
            let b = result?;
            if let Written::Outputs(encoded, lineage, attributes) = b.written {
                kept_w.append_from(encoded.kept, b.stats.kept, &lineage.kept)?;
                if let (Some(w), Some(bytes)) = (&mut attributes_w, attributes) {
                    w.follow(kept_w.shard_index())?;
                    w.append_from(Encoded::Bytes(bytes), b.stats.kept, &lineage.kept)?;
                }
                removed_w.append_from(encoded.removed, b.stats.removed, &lineage.removed)?;
                rejected_w.append_from(encoded.rejected, b.stats.rejected, &lineage.rejected)?;
            }
            progress.advance(b.docs, b.text_bytes, consumed);
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
                    attributes: match &mut attributes_w {
                        Some(w) => w.checkpoint()?,
                        None => ShardState::default(),
                    },
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
    let reader_info = match &spooled {
        Some(sp) if sp.spool.is_some() => sp.reader.clone(),
        _ => ReaderInfo::of(&reader),
    };
    let outputs = Outputs {
        kept: kept_w.finish()?,
        removed: removed_w.finish()?,
        rejected: rejected_w.finish()?,
        attributes: match attributes_w {
            Some(w) => w.finish()?,
            None => Vec::new(),
        },
    };
    if !stats.balanced() {
        return Err(PipelineError::Internal(format!(
            "accounting does not balance: read {} != kept {} + removed {} + rejected {} + skipped {}",
            stats.read, stats.kept, stats.removed, stats.rejected, stats.skipped
        )));
    }
    let mut report = StatsFile {
        ghirbal_version: env!("CARGO_PKG_VERSION").to_string(),
        counts: stats.clone(),
        outputs: outputs.clone(),
        inputs: input_names,
        empty_inputs: reader_info.empty_inputs,
        json_inputs: reader_info.json_inputs,
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
        spool_bytes: spooled.as_ref().map_or(0, |s| s.spool_bytes),
        observation_passes: spooled
            .as_ref()
            .map(|s| s.times.clone())
            .unwrap_or_default(),
        threads,
    };
    write_stats(&ledger, out, &mut report)?;
    save_checkpoint(
        &ledger,
        &state_dir,
        &Checkpoint {
            fingerprint: fingerprint.clone(),
            records_done,
            finished: true,
            stats,
            kept: ShardState::default(),
            removed: ShardState::default(),
            rejected: ShardState::default(),
            attributes: ShardState::default(),
        },
    )?;
    // After the run is marked finished: the report is made from what it wrote, and a run
    // stopped before it gets it when run again (above).
    if opts.report {
        write_report(&ledger, out)?;
    }
    // The last spool is no longer needed once the run is finished.
    if let Some(sp) = &spooled {
        remove_spool_dir(run_state, &sp.spool_dir)?;
    }
    Ok(RunReport {
        stats: report,
        output: out.clone(),
    })
}
