//! The tasks of a distributed job: a pass over one unit, the reduction of one partition, and
//! the combination that gives a stage its decisions. Each reads the plan from the output
//! folder, commits its output atomically, and returns at once when it is already committed.

use super::{dist_dir, elements, file_err, no_counts, read_plan, to_json, Plan};
use crate::config::ConfigFile;
use crate::executor::batch::{
    empty_stats, process_batch, BatchOutput, Observer, PassWork, Written,
};
use crate::executor::passes::ReaderInfo;
use crate::executor::resume::write_through;
use crate::executor::spool::SPOOL_ZSTD_LEVEL;
use crate::executor::stream::{stream, Batch, Shape, Take};
use crate::executor::Outputs;
use crate::PipelineError;
use ghirbal_core::{Element, RunStats, StepCatalog, UnitPart};
use ghirbal_io::encode::{Encoded, Encoding, OutputFormat};
use ghirbal_io::shards::ShardInfo;
use ghirbal_io::{InputFile, InputKind, Ledger, RecordReader, ShardState, ShardWriter};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// What a committed unit task left (`pass-P/unit-U/done.json`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitDone {
    /// The attempt folder holding the outputs, beside `done.json`.
    pub attempt: String,
    /// This pass's counts for the unit.
    pub stats: RunStats,
    /// Records read (pass 1: every record of the unit's files, the length of its span of
    /// positions).
    pub records: u64,
    pub(crate) reader: ReaderInfo,
    /// The spool for the next pass (not in the last pass).
    pub spool: Vec<ShardInfo>,
    /// The last pass's shards, named inside the attempt folder.
    pub outputs: Outputs,
    /// Compressed bytes of each partition's records and of the side file.
    pub parts: Vec<u64>,
    pub side_bytes: u64,
    pub seconds: f64,
}

fn pass_dir(out: &Path, pass: usize) -> PathBuf {
    dist_dir(out).join(format!("pass-{pass}"))
}

fn unit_dir(out: &Path, pass: usize, unit: usize) -> PathBuf {
    pass_dir(out, pass).join(format!("unit-{unit:05}"))
}

fn reduce_path(out: &Path, pass: usize, partition: usize) -> PathBuf {
    pass_dir(out, pass).join(format!("reduce-{partition:05}.zst"))
}

fn state_path(out: &Path, pass: usize) -> PathBuf {
    pass_dir(out, pass).join("state.zst")
}

/// The committed result of a unit's pass and its attempt folder, or None when not committed.
pub(crate) fn read_done(
    out: &Path,
    pass: usize,
    unit: usize,
) -> Result<Option<(UnitDone, PathBuf)>, PipelineError> {
    let dir = unit_dir(out, pass, unit);
    let path = dir.join("done.json");
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(PipelineError::File { path, source }),
    };
    let done: UnitDone = serde_json::from_slice(&bytes).map_err(|e| PipelineError::State {
        path: path.clone(),
        message: e.to_string(),
    })?;
    let attempt = dir.join(&done.attempt);
    Ok(Some((done, attempt)))
}

/// A name no other attempt of the same task uses, on any node.
fn attempt_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let host = std::env::var("HOSTNAME").unwrap_or_default();
    let host: String = host
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .take(20)
        .collect();
    format!("attempt-{host}{}-{nanos}", std::process::id())
}

/// Writes `bytes` to `path` through a temporary file of this attempt's own, renamed into place:
/// readers see all of it or nothing, and two attempts never write the same temporary file.
fn write_unique(ledger: &Ledger, path: &Path, bytes: &[u8]) -> Result<(), PipelineError> {
    let tmp = PathBuf::from(format!("{}.{}", path.display(), attempt_name()));
    write_through(ledger, &tmp, path, bytes)
}

fn compress(bytes: &[u8]) -> Result<Vec<u8>, PipelineError> {
    zstd::bulk::compress(bytes, SPOOL_ZSTD_LEVEL)
        .map_err(|e| PipelineError::Internal(format!("compression failed: {e}")))
}

fn read_compressed(path: &Path) -> Result<Vec<u8>, PipelineError> {
    let f = std::fs::File::open(path).map_err(file_err(path))?;
    let mut out = Vec::new();
    zstd::stream::read::Decoder::new(f)
        .and_then(|mut d| d.read_to_end(&mut out))
        .map_err(file_err(path))?;
    Ok(out)
}

fn stage_index(plan: &Plan, pass: usize) -> Result<usize, PipelineError> {
    plan.passes
        .get(pass.wrapping_sub(1))
        .and_then(|p| p.stage)
        .ok_or_else(|| PipelineError::Usage(format!("pass {pass} of this job ends in no stage")))
}

fn stage_of(
    elements: &mut [Element],
    k: usize,
) -> Result<&mut Box<dyn ghirbal_core::Stage>, PipelineError> {
    match elements.get_mut(k) {
        Some(Element::Stage(stage)) => Ok(stage),
        _ => Err(PipelineError::Internal(format!(
            "element {k} is not a stage"
        ))),
    }
}

fn no_shuffle(name: &'static str) -> PipelineError {
    PipelineError::Internal(format!("{name} cannot run distributed"))
}

/// Gives the stage that ends pass `pass` the decisions its combine task saved.
fn restore_stage(
    out: &Path,
    plan: &Plan,
    elements: &mut [Element],
    pass: usize,
) -> Result<(), PipelineError> {
    let k = stage_index(plan, pass)?;
    let path = state_path(out, pass);
    let bytes = read_compressed(&path)?;
    let stage = stage_of(elements, k)?;
    stage
        .load_state(&mut bytes.as_slice())
        .map_err(|source| PipelineError::Stage {
            stage: stage.name(),
            source,
        })
}

/// Runs pass `pass` (1-based) over unit `unit`, whose first record is at `offset` in the
/// whole input (0 in pass 1, where it is not known yet and not needed), on `threads` threads.
/// `local_files`: copies of the unit's input files to read instead of the plan's paths (objects
/// of a store fetched by the caller), one per file of the unit, in order.
pub fn unit_task(
    out: &Path,
    pass: usize,
    unit: usize,
    offset: u64,
    threads: usize,
    local_files: Option<&[PathBuf]>,
    catalog: &dyn StepCatalog,
) -> Result<UnitDone, PipelineError> {
    let started = Instant::now();
    if let Some((done, _)) = read_done(out, pass, unit)? {
        return Ok(done);
    }
    let plan = read_plan(out)?;
    let pass_plan = plan
        .passes
        .get(pass.wrapping_sub(1))
        .ok_or_else(|| PipelineError::Usage(format!("this job has no pass {pass}")))?
        .clone();
    let unit_plan = plan
        .units
        .get(unit)
        .ok_or_else(|| PipelineError::Usage(format!("this job has no unit {unit}")))?;
    let last = pass == plan.passes.len();
    let config = ConfigFile::parse(&plan.config_toml, "the job's plan", catalog)?;
    let mut elements = elements(&plan, catalog)?;
    if pass > 1 {
        restore_stage(out, &plan, &mut elements, pass - 1)?;
    }
    let ledger = Arc::new(Ledger::open(out)?);
    let dir = unit_dir(out, pass, unit);
    let attempt_name = attempt_name();
    let attempt = dir.join(&attempt_name);
    ledger.create_dir_all(&attempt)?;

    let fields = config.reader.fields();
    let (files, max_doc, take) = if pass == 1 {
        if local_files.is_some_and(|l| l.len() != unit_plan.files.len()) {
            return Err(PipelineError::Usage(format!(
                "unit {unit} has {} files; {} local copies were given",
                unit_plan.files.len(),
                local_files.map_or(0, <[PathBuf]>::len)
            )));
        }
        let files = unit_plan
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let kind = ghirbal_io::input::kind_of(&f.path).ok_or_else(|| {
                    PipelineError::Usage(format!(
                        "{}: not a kind of file ghirbal reads",
                        f.path.display()
                    ))
                })?;
                let path = local_files.map_or(&f.path, |l| &l[i]);
                let mut file = ghirbal_io::input::describe(path, kind)?;
                file.name = Some(f.name.clone());
                file.range = f.range;
                Ok(file)
            })
            .collect::<Result<Vec<InputFile>, PipelineError>>()?;
        let max_doc = usize::try_from(config.reader.max_doc_bytes).unwrap_or(usize::MAX);
        (files, max_doc, Take::of(&config.reader))
    } else {
        let (before, before_attempt) = read_done(out, pass - 1, unit)?.ok_or_else(|| {
            PipelineError::Usage(format!(
                "unit {unit} has not finished pass {}: run the passes in order",
                pass - 1
            ))
        })?;
        let files = before
            .spool
            .iter()
            .map(|s| {
                Ok(ghirbal_io::input::describe(
                    &before_attempt.join("spool").join(&s.file),
                    InputKind::Jsonl,
                )?)
            })
            .collect::<Result<Vec<InputFile>, PipelineError>>()?;
        (files, usize::MAX, Take::default())
    };
    let shape = Shape {
        threads: threads.max(1),
        batch_docs: 1000,
        batch_bytes: 4 << 20,
        take,
    };
    let end = pass_plan.stage.unwrap_or(elements.len());
    let mapper = match pass_plan.stage {
        Some(k) => {
            let stage = stage_of(&mut elements, k)?;
            let name = stage.name();
            let shuffle = stage.shuffle().ok_or_else(|| no_shuffle(name))?;
            Some((shuffle.mapper(pass_plan.partitions), name))
        }
        None => None,
    };
    let stage_count = no_counts(&elements);
    let mut stats = stage_count;
    let shard_bytes = config.writer.shard_bytes;
    let encoding = Encoding {
        format: config.writer.format,
        zstd_level: config.writer.zstd_level,
        fields: &fields,
    };
    let writer = |name: &str, format| {
        ShardWriter::resume(
            &attempt.join(name),
            format,
            shard_bytes,
            &ShardState::default(),
            Some(Arc::clone(&ledger)),
        )
    };
    let columns = |w: ShardWriter| w.parquet_columns(&fields.id_field, &fields.text_field);
    let mut spool_w = match last {
        false => Some(writer("spool", OutputFormat::JsonlZst)?),
        true => None,
    };
    let mut outs = match last {
        true => Some((
            columns(writer("kept", encoding.format)?),
            columns(writer("removed", encoding.format)?),
            writer("rejected", encoding.rejected_format())?,
            match config.writer.tag {
                true => Some(ShardWriter::resume(
                    &attempt.join("attributes"),
                    OutputFormat::JsonlZst,
                    u64::MAX,
                    &ShardState::default(),
                    Some(Arc::clone(&ledger)),
                )?),
                false => None,
            },
        )),
        false => None,
    };
    let work = PassWork {
        elements: &elements,
        blank: empty_stats(&elements),
        range: pass_plan.first_element..end,
        observer: mapper
            .as_ref()
            .map(|(m, name)| Observer::Map(m.as_ref(), name)),
        seq_offset: offset,
        from_spool: pass > 1,
        fields: &fields,
        keep_original: config.writer.keep_original,
        tag: config.writer.tag,
        zstd_level: if last {
            config.writer.zstd_level
        } else {
            SPOOL_ZSTD_LEVEL
        },
        outputs: last.then_some(encoding),
        spool: !last,
    };
    let work_fn = |batch: Batch| process_batch(batch, &work);
    let mut records = 0u64;
    let reader = stream(
        RecordReader::new(files, max_doc),
        0,
        shape,
        &work_fn,
        |r: Result<BatchOutput, PipelineError>, _consumed| {
            let b = r?;
            match (b.written, &mut spool_w, &mut outs) {
                (Written::Spool(bytes, n), Some(w), _) => w.append(Encoded::Bytes(bytes), n)?,
                (
                    Written::Outputs(encoded, lineage, attributes),
                    _,
                    Some((kept_w, removed_w, rejected_w, attributes_w)),
                ) => {
                    kept_w.append_from(encoded.kept, b.stats.kept, &lineage.kept)?;
                    if let (Some(w), Some(bytes)) = (attributes_w, attributes) {
                        w.follow(kept_w.shard_index())?;
                        w.append_from(Encoded::Bytes(bytes), b.stats.kept, &lineage.kept)?;
                    }
                    removed_w.append_from(encoded.removed, b.stats.removed, &lineage.removed)?;
                    rejected_w.append_from(
                        encoded.rejected,
                        b.stats.rejected,
                        &lineage.rejected,
                    )?;
                }
                _ => {}
            }
            stats.merge(&b.stats);
            records += b.records;
            Ok(())
        },
    )?;
    let reader_info = ReaderInfo::of(&reader);
    let spool = match spool_w {
        Some(w) => w.finish()?,
        None => Vec::new(),
    };
    let outputs = match outs {
        Some((kept, removed, rejected, attributes)) => Outputs {
            kept: kept.finish()?,
            removed: removed.finish()?,
            rejected: rejected.finish()?,
            attributes: match attributes {
                Some(w) => w.finish()?,
                None => Vec::new(),
            },
        },
        None => Outputs::default(),
    };
    let (mut parts, mut side_bytes) = (Vec::new(), 0);
    if let Some((mapper, name)) = mapper {
        let map = mapper.finish().map_err(|source| PipelineError::Stage {
            stage: name,
            source,
        })?;
        for (k, part) in map.parts.iter().enumerate() {
            let bytes = compress(part)?;
            let path = attempt.join(format!("map-{k:05}.zst"));
            write_unique(&ledger, &path, &bytes)?;
            parts.push(bytes.len() as u64);
        }
        let bytes = compress(&map.side)?;
        side_bytes = bytes.len() as u64;
        write_unique(&ledger, &attempt.join("side.zst"), &bytes)?;
    }
    let done = UnitDone {
        attempt: attempt_name,
        stats,
        records,
        reader: if pass == 1 {
            reader_info
        } else {
            ReaderInfo::default()
        },
        spool,
        outputs,
        parts,
        side_bytes,
        seconds: started.elapsed().as_secs_f64(),
    };
    commit(&ledger, &attempt, &dir, &to_json(&done)?)?;
    // Another attempt may have committed first: its result is the unit's.
    Ok(read_done(out, pass, unit)?.map_or(done, |(d, _)| d))
}

/// Commits an attempt: its `done.json`, linked into the unit's folder only if no other
/// attempt's is there (a link never replaces), then unlinked from the attempt so that each
/// file has one name.
fn commit(ledger: &Ledger, attempt: &Path, dir: &Path, done: &[u8]) -> Result<(), PipelineError> {
    let mine = attempt.join("done.json");
    write_unique(ledger, &mine, done)?;
    ledger.sync()?;
    let target = dir.join("done.json");
    ledger.file(&target)?;
    match std::fs::hard_link(&mine, &target) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(source) => {
            return Err(PipelineError::File {
                path: target,
                source,
            })
        }
    }
    std::fs::remove_file(&mine).map_err(file_err(&mine))?;
    ledger.gone(&mine)?;
    Ok(())
}

/// The units' files for one partition (or the side files, `partition` None), with offsets.
fn unit_parts<'a>(
    out: &'a Path,
    pass: usize,
    units: usize,
    offsets: &'a [u64],
    partition: Option<usize>,
) -> impl Iterator<Item = Result<UnitPart, ghirbal_core::StepError>> + 'a {
    (0..units).map(move |u| {
        let fail = |e: PipelineError| ghirbal_core::StepError::stage("distributed", e.to_string());
        let (_, attempt) = read_done(out, pass, u).map_err(fail)?.ok_or_else(|| {
            fail(PipelineError::Usage(format!(
                "unit {u} has not finished pass {pass}"
            )))
        })?;
        let path = match partition {
            Some(k) => attempt.join(format!("map-{k:05}.zst")),
            None => attempt.join("side.zst"),
        };
        let offset = *offsets.get(u).ok_or_else(|| {
            fail(PipelineError::Usage(format!(
                "no offset given for unit {u}"
            )))
        })?;
        Ok(UnitPart {
            offset,
            bytes: read_compressed(&path).map_err(fail)?,
        })
    })
}

/// Reduces partition `partition` of the stage ending pass `pass`; `offsets` are the units'
/// first positions.
pub fn reduce_task(
    out: &Path,
    pass: usize,
    partition: usize,
    offsets: &[u64],
    catalog: &dyn StepCatalog,
) -> Result<(), PipelineError> {
    let path = reduce_path(out, pass, partition);
    if path.is_file() {
        return Ok(());
    }
    let plan = read_plan(out)?;
    let k = stage_index(&plan, pass)?;
    let mut elements = elements(&plan, catalog)?;
    let stage = stage_of(&mut elements, k)?;
    let name = stage.name();
    let shuffle = stage.shuffle().ok_or_else(|| no_shuffle(name))?;
    let mut parts = unit_parts(out, pass, plan.units.len(), offsets, Some(partition));
    let findings =
        shuffle
            .reduce(partition, &mut parts)
            .map_err(|source| PipelineError::Stage {
                stage: name,
                source,
            })?;
    let ledger = Ledger::open(out)?;
    write_unique(&ledger, &path, &compress(&findings)?)?;
    ledger.sync()?;
    Ok(())
}

/// Combines the partitions of the stage ending pass `pass` into its decisions, saved for the
/// next pass's unit tasks.
pub fn combine_task(
    out: &Path,
    pass: usize,
    offsets: &[u64],
    catalog: &dyn StepCatalog,
) -> Result<(), PipelineError> {
    let path = state_path(out, pass);
    if path.is_file() {
        return Ok(());
    }
    let plan = read_plan(out)?;
    let k = stage_index(&plan, pass)?;
    let partitions = plan.passes[pass - 1].partitions;
    let mut elements = elements(&plan, catalog)?;
    let stage = stage_of(&mut elements, k)?;
    let name = stage.name();
    let shuffle = stage.shuffle().ok_or_else(|| no_shuffle(name))?;
    let mut findings = (0..partitions).map(|p| {
        read_compressed(&reduce_path(out, pass, p))
            .map_err(|e| ghirbal_core::StepError::stage(name, e.to_string()))
    });
    let mut sides = unit_parts(out, pass, plan.units.len(), offsets, None);
    shuffle
        .combine(&mut findings, &mut sides)
        .map_err(|source| PipelineError::Stage {
            stage: name,
            source,
        })?;
    let mut state = Vec::new();
    stage
        .save_state(&mut state)
        .map_err(|source| PipelineError::Stage {
            stage: name,
            source,
        })?;
    let ledger = Ledger::open(out)?;
    // Compressed: every unit task of the next pass reads it, and a sketch is mostly zeros.
    write_unique(&ledger, &path, &compress(&state)?)?;
    ledger.sync()?;
    Ok(())
}
