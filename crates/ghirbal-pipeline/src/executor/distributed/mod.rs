//! A run across machines (`ghirbal.ray`): the same pipeline, cut into tasks that an engine
//! such as Ray schedules, with the same decisions as [`crate::run`] on one machine.
//!
//! A [`Job`] (the driver) claims the output folder, finds the inputs and cuts them into work
//! units: runs of whole files in input order, of about [`JobOptions::unit_bytes`] each. The
//! pipeline's whole-corpus stages split it into passes, as in a local run. Each pass is:
//! - one [`unit_task`] per unit: reads the unit's input (pass 1) or its spool from the pass
//!   before, runs the pass's steps (applying the previous stage's decisions), and writes the
//!   unit's spool for the next pass, or in the last pass its kept, removed and rejected shards;
//!   the stage that ends the pass is shown the unit's documents through its mapper
//!   ([`ghirbal_core::Shuffle`]), whose output is cut into partitions;
//! - one [`reduce_task`] per partition of that stage, over every unit's records for it;
//! - one [`combine_task`], which gives the stage its decisions and saves them for the next
//!   pass's unit tasks.
//!
//! [`Job::finish`] then moves the last pass's shards into `kept/`, `removed/` and `rejected/`
//! (named `UNIT-INPUT-SHARD`, so each traces back to its input), adds the units' counts into
//! one `stats.json` of the same schema as a local run, and removes the work folder.
//!
//! Positions: a local run numbers records over the whole input, and the stages' choices
//! ("keep the first") and details (`record #12`) use those numbers. A unit numbers its records
//! from 0; its first position in the whole input (its offset) is the sum of the records of the
//! units before it, known once pass 1 is done, and is given to every later task.
//!
//! Commits: a task writes into a folder of its own attempt (`attempt-PID-NANOS`) and commits
//! by linking `done.json` beside it, which fails when another attempt committed first; a rerun
//! of the job reuses every committed task. Reduce and combine outputs are single files written
//! atomically. The output folder must be one file system that every node sees.
//!
//! Layout under `OUT/.ghirbal/dist/`: `plan.json`; `pass-P/unit-U/{done.json,attempt-*/}`;
//! `pass-P/reduce-K.zst`; `pass-P/state.zst`.

mod tasks;

pub use tasks::{combine_task, reduce_task, unit_task, UnitDone};

use super::batch::empty_stats;
use super::passes::ReaderInfo;
use super::resume::{
    fingerprint, read_manifest, save_checkpoint, write_atomic, write_config, write_report,
    write_stats, Checkpoint, RunManifest, STATE_DIR,
};
use super::{Outcome, Outputs, RunReport, StatsFile};
use crate::config::ConfigFile;
use crate::output::{self, OutputFolder};
use crate::PipelineError;
use ghirbal_core::{Element, RunStats, StepCatalog};
use ghirbal_io::input::ByteRange;
use ghirbal_io::shards::ShardInfo;
use ghirbal_io::{InputFile, InputKind, Ledger, ShardState};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// What a distributed job needs.
#[derive(Debug, Clone)]
pub struct JobOptions {
    pub inputs: Vec<PathBuf>,
    pub output: PathBuf,
    pub config: ConfigFile,
    pub overwrite: bool,
    pub command_line: String,
    /// A work unit gathers whole files, in order, up to about this many bytes.
    pub unit_bytes: u64,
    /// Partitions of a stage that lets the runner choose (exact deduplication).
    pub partitions: usize,
    /// A plain JSON-lines file is cut into line ranges only when it is larger than
    /// `unit_bytes` and than this, and no range is smaller: a tiny `unit_bytes` (one unit per
    /// file) does not make a unit of every line.
    pub min_range_bytes: u64,
    /// Inputs that are not files here (objects in a store, `s3://…`), listed by the caller
    /// with their sizes, in order; used instead of `inputs` when not empty. Each unit task is
    /// then given local copies of its unit's objects.
    pub remote_inputs: Vec<RemoteInput>,
}

/// An input object: its URL (the name it has in ids) and its size in bytes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RemoteInput {
    pub url: String,
    pub size: u64,
}

/// A shard to move into the output when the job finishes: from `from` (relative to the output
/// folder, inside a committed attempt) to `to`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShardMove {
    pub from: String,
    pub to: String,
}

impl JobOptions {
    pub fn new(inputs: Vec<PathBuf>, output: PathBuf, config: ConfigFile) -> Self {
        Self {
            inputs,
            output,
            config,
            overwrite: false,
            command_line: String::new(),
            unit_bytes: 64 << 20,
            partitions: 16,
            min_range_bytes: 1 << 20,
            remote_inputs: Vec::new(),
        }
    }
}

/// One input file of a unit.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnitFile {
    pub path: PathBuf,
    /// The name in ids and records (as a local run of the same arguments names it).
    pub name: String,
    /// A stretch of a large uncompressed JSON-lines file, when the unit holds only that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<ByteRange>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Unit {
    pub files: Vec<UnitFile>,
    /// The bytes on disk of its files.
    pub bytes: u64,
}

/// One pass: the element range it runs, and the stage that ends it (with its partitions).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PassPlan {
    pub first_element: usize,
    /// The stage ending the pass (an element index); None for the last pass, which writes.
    pub stage: Option<usize>,
    pub stage_name: Option<String>,
    pub partitions: usize,
}

/// What every task reads from `OUT/.ghirbal/dist/plan.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Plan {
    pub fingerprint: String,
    /// The resolved configuration, every option spelled out.
    pub config_toml: String,
    pub units: Vec<Unit>,
    pub passes: Vec<PassPlan>,
    /// Every input's name, in order, and the files skipped in input folders.
    pub inputs: Vec<String>,
    pub skipped_files: Vec<String>,
}

pub(crate) fn dist_dir(out: &Path) -> PathBuf {
    out.join(STATE_DIR).join("dist")
}

fn plan_path(out: &Path) -> PathBuf {
    dist_dir(out).join("plan.json")
}

fn file_err(path: &Path) -> impl Fn(std::io::Error) -> PipelineError + '_ {
    move |source| PipelineError::File {
        path: path.to_path_buf(),
        source,
    }
}

/// Reads the job's plan (tasks call it with the output folder they were given).
pub fn read_plan(out: &Path) -> Result<Plan, PipelineError> {
    let path = plan_path(out);
    let bytes = std::fs::read(&path).map_err(file_err(&path))?;
    serde_json::from_slice(&bytes).map_err(|e| PipelineError::State {
        path,
        message: format!("unreadable plan: {e}"),
    })
}

/// The elements of the plan's configuration.
fn elements(plan: &Plan, catalog: &dyn StepCatalog) -> Result<Vec<Element>, PipelineError> {
    let config = ConfigFile::parse(&plan.config_toml, "the job's plan", catalog)?;
    Ok(config.resolve(catalog)?.0)
}

/// A distributed run, from the driver's side: it holds the output folder's lock until
/// [`Job::finish`].
pub struct Job {
    folder: OutputFolder,
    out: PathBuf,
    plan: Plan,
    started: Instant,
}

impl Job {
    /// Checks the configuration and inputs, claims the output folder and writes the plan. A
    /// folder holding an unfinished job of the same configuration and inputs keeps its
    /// committed tasks, which the runner skips.
    pub fn start(opts: &JobOptions, catalog: &dyn StepCatalog) -> Result<Job, PipelineError> {
        let started = Instant::now();
        let config = if opts.config.writer.tag {
            let mut config = opts.config.clone();
            catalog.enable_annotations(&mut config.steps);
            config
        } else {
            opts.config.clone()
        };
        if config.reader.limit.is_some() {
            return Err(PipelineError::Usage(
                "a distributed run reads every record: --limit needs the records before it counted on one machine (use sample, which each unit applies alone)".into(),
            ));
        }
        let (mut elements, resolved) = config.resolve(catalog)?;
        let config_toml = resolved.to_toml()?;
        let files_read = resolved.files_read(catalog)?;
        let out = &opts.output;
        let inputs = if opts.remote_inputs.is_empty() {
            output::check_inputs_outside(&opts.inputs, out)?;
            let out_real = output::real_path(out);
            let inputs = ghirbal_io::input::discover_excluding(&opts.inputs, out_real.as_slice())?;
            output::check_files_outside(
                &inputs,
                out_real.as_deref(),
                &resolved.files_written(catalog)?,
            )?;
            inputs
        } else {
            remote(&opts.remote_inputs)?
        };
        if inputs.reads_stdin() {
            return Err(PipelineError::Usage(
                "a distributed run cannot read standard input: give files or folders that every node can read".into(),
            ));
        }
        if inputs.files.is_empty() {
            return Err(PipelineError::Usage(format!(
                "no readable input among {}",
                opts.inputs
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )));
        }
        let fingerprint = fingerprint(&config_toml, &inputs, &files_read);

        let mut passes = Vec::new();
        let mut first = 0;
        for (k, element) in elements.iter_mut().enumerate() {
            if !element.observes() {
                continue;
            }
            let Element::Stage(stage) = element else {
                continue;
            };
            let name = stage.name();
            let Some(shuffle) = stage.shuffle() else {
                return Err(PipelineError::Usage(format!(
                    "step #{} ({name}) cannot run distributed with these options (minhash-dedup's against and save_index need every signature on one machine)",
                    k + 1
                )));
            };
            passes.push(PassPlan {
                first_element: first,
                stage: Some(k),
                stage_name: Some(name.to_string()),
                partitions: shuffle.partitions(opts.partitions.max(1)),
            });
            first = k;
        }
        passes.push(PassPlan {
            first_element: first,
            stage: None,
            stage_name: None,
            partitions: 0,
        });

        let units = cut_units(
            &inputs.files,
            opts.unit_bytes.max(1),
            opts.min_range_bytes.max(1),
        )?;
        let plan = Plan {
            fingerprint: fingerprint.clone(),
            config_toml: config_toml.clone(),
            units,
            passes,
            inputs: inputs.files.iter().map(InputFile::display_name).collect(),
            skipped_files: inputs
                .skipped
                .iter()
                .map(|p| p.display().to_string())
                .collect(),
        };

        let mut folder = OutputFolder::claim(out, &opts.command_line)?;
        let manifest = read_manifest(out);
        let same = manifest
            .as_ref()
            .is_some_and(|m| m.fingerprint == fingerprint);
        // An unfinished job of the same configuration and inputs keeps its committed tasks;
        // `overwrite` starts afresh, as it does for a local run.
        let unfinished = same && plan_path(out).is_file();
        if !opts.overwrite && same && !unfinished && out.join("stats.json").is_file() {
            return Err(PipelineError::Usage(format!(
                "{} already holds this job's finished output; pass overwrite to run it again",
                out.display()
            )));
        }
        if !opts.overwrite && manifest.is_some() && !same {
            return Err(PipelineError::ConfigChanged {
                path: out.to_path_buf(),
            });
        }
        if opts.overwrite || !unfinished {
            folder.clear()?;
        }
        let ledger = Arc::clone(folder.ledger());
        let state_dir = out.join(STATE_DIR);
        write_atomic(
            &ledger,
            &state_dir.join("run.json"),
            &to_json(&RunManifest {
                fingerprint,
                inputs: plan.inputs.clone(),
            })?,
        )?;
        write_config(&ledger, out, &opts.command_line, &config_toml)?;
        ledger.create_dir_all(&dist_dir(out))?;
        write_atomic(&ledger, &plan_path(out), &to_json(&plan)?)?;
        ledger.sync()?;
        Ok(Job {
            folder,
            out: out.clone(),
            plan,
            started,
        })
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// After every task of every pass: the outputs in place, `stats.json`, the work folder
    /// removed. `workers` is recorded as the run's `threads`.
    pub fn finish(self, workers: usize) -> Result<RunReport, PipelineError> {
        Ok(self.finish_with(workers, true)?.0)
    }

    /// As [`Job::finish`]; with `move_shards` false the shards stay where the tasks wrote
    /// them and the moves are returned for the caller to make (in an object store), with
    /// `stats.json` naming the shards as they will be.
    pub fn finish_with(
        self,
        workers: usize,
        move_shards: bool,
    ) -> Result<(RunReport, Vec<ShardMove>), PipelineError> {
        let mut moves = Vec::new();
        let out = &self.out;
        let ledger = Arc::clone(self.folder.ledger());
        let n_passes = self.plan.passes.len();
        let mut stats: Option<RunStats> = None;
        let mut reader = ReaderInfo::default();
        let mut outputs = Outputs::default();
        let mut spool_bytes = 0u64;
        let mut times = Vec::new();
        for (p, pass) in self.plan.passes.iter().enumerate() {
            let pass_no = p + 1;
            let mut pass_spool = 0u64;
            let mut seconds = 0.0;
            for u in 0..self.plan.units.len() {
                let (done, attempt) = tasks::read_done(out, pass_no, u)?.ok_or_else(|| {
                    PipelineError::Internal(format!(
                        "pass {pass_no}, unit {u} has not finished: finish is called after every task"
                    ))
                })?;
                match &mut stats {
                    Some(s) => s.merge(&done.stats),
                    None => stats = Some(done.stats.clone()),
                }
                seconds += done.seconds;
                pass_spool += done.spool.iter().map(|s| s.bytes).sum::<u64>();
                if pass_no == 1 {
                    reader
                        .empty_inputs
                        .extend(done.reader.empty_inputs.iter().cloned());
                    reader.json_inputs.extend(done.reader.json_inputs.clone());
                }
                if pass_no == n_passes {
                    let stem = unit_stem(&self.plan.units[u], u);
                    for (kind, list, into) in [
                        ("kept", &done.outputs.kept, &mut outputs.kept),
                        ("removed", &done.outputs.removed, &mut outputs.removed),
                        ("rejected", &done.outputs.rejected, &mut outputs.rejected),
                        (
                            "attributes",
                            &done.outputs.attributes,
                            &mut outputs.attributes,
                        ),
                    ] {
                        for shard in list {
                            if move_shards {
                                into.push(move_shard(&ledger, out, &attempt, kind, &stem, shard)?);
                            } else {
                                let name = format!("{stem}-{}", shard.file);
                                let rel = |p: &Path| {
                                    p.strip_prefix(out)
                                        .unwrap_or(p)
                                        .to_string_lossy()
                                        .replace(std::path::MAIN_SEPARATOR, "/")
                                };
                                moves.push(ShardMove {
                                    from: rel(&attempt.join(kind).join(&shard.file)),
                                    to: format!("{kind}/{name}"),
                                });
                                into.push(ShardInfo {
                                    file: name,
                                    ..shard.clone()
                                });
                            }
                        }
                    }
                }
            }
            spool_bytes = spool_bytes.max(pass_spool);
            if let Some(name) = &pass.stage_name {
                times.push(super::PassTime {
                    stage: name.clone(),
                    observe_seconds: seconds,
                    finish_seconds: 0.0,
                    restored: false,
                    resumed_from_record: None,
                    spool_bytes: pass_spool,
                });
            }
        }
        let catalog_free_stats = stats.unwrap_or_default();
        if !catalog_free_stats.balanced() {
            let s = &catalog_free_stats;
            return Err(PipelineError::Internal(format!(
                "accounting does not balance: read {} != kept {} + removed {} + rejected {} + skipped {}",
                s.read, s.kept, s.removed, s.rejected, s.skipped
            )));
        }
        let mut report = StatsFile {
            ghirbal_version: env!("CARGO_PKG_VERSION").to_string(),
            counts: catalog_free_stats.clone(),
            outputs,
            inputs: self.plan.inputs.clone(),
            empty_inputs: reader.empty_inputs,
            json_inputs: reader.json_inputs,
            skipped_files: self.plan.skipped_files.clone(),
            outcome: Outcome::Completed,
            resumed_from_record: None,
            wall_seconds: self.started.elapsed().as_secs_f64(),
            observation_passes: times,
            spool_bytes,
            threads: workers,
        };
        write_stats(&ledger, out, &mut report)?;
        save_checkpoint(
            &ledger,
            &out.join(STATE_DIR),
            &Checkpoint {
                fingerprint: self.plan.fingerprint.clone(),
                records_done: catalog_free_stats.read,
                finished: true,
                stats: catalog_free_stats,
                kept: ShardState::default(),
                removed: ShardState::default(),
                rejected: ShardState::default(),
                attributes: ShardState::default(),
            },
        )?;
        write_report(&ledger, out)?;
        remove_tree(&ledger, &dist_dir(out))?;
        ledger.sync()?;
        Ok((
            RunReport {
                stats: report,
                output: out.clone(),
            },
            moves,
        ))
    }
}

/// Inputs described by their URLs and sizes (their kind from the name, as for files).
fn remote(list: &[RemoteInput]) -> Result<ghirbal_io::Inputs, PipelineError> {
    let mut inputs = ghirbal_io::Inputs::default();
    for r in list {
        let kind = ghirbal_io::input::kind_of(Path::new(&r.url)).ok_or_else(|| {
            PipelineError::Usage(format!(
                "{}: not a kind of file ghirbal reads (.jsonl, .json, .txt, .parquet, .warc, .wet, .html, plain or compressed)",
                r.url
            ))
        })?;
        inputs.files.push(InputFile {
            path: Some(PathBuf::from(&r.url)),
            kind,
            size: Some(r.size),
            modified_ns: None,
            name: Some(r.url.clone()),
            range: None,
        });
    }
    Ok(inputs)
}

/// The element stats of a pipeline with no counts, for a task that has nothing to count.
pub(crate) fn no_counts(elements: &[Element]) -> RunStats {
    empty_stats(elements)
}

fn to_json<T: Serialize>(value: &T) -> Result<Vec<u8>, PipelineError> {
    serde_json::to_vec_pretty(value).map_err(|e| PipelineError::Internal(e.to_string()))
}

/// Whole files in order, a unit closed once it reaches `unit_bytes`; an uncompressed
/// JSON-lines file larger than that (and than `min_range`) is cut into stretches of whole
/// lines of about that size, a unit each.
fn cut_units(
    files: &[InputFile],
    unit_bytes: u64,
    min_range: u64,
) -> Result<Vec<Unit>, PipelineError> {
    let range_bytes = unit_bytes.max(min_range);
    let mut units = Vec::new();
    let mut current = Unit {
        files: Vec::new(),
        bytes: 0,
    };
    let close = |current: &mut Unit, units: &mut Vec<Unit>| {
        if !current.files.is_empty() {
            units.push(std::mem::replace(
                current,
                Unit {
                    files: Vec::new(),
                    bytes: 0,
                },
            ));
        }
    };
    for f in files {
        let Some(path) = &f.path else { continue };
        let remote = path.to_str().is_some_and(|p| p.contains("://"));
        // Absolute: tasks run in other folders, on other nodes. The name stays as given, as
        // a local run spells it in ids.
        let local = match remote {
            true => path.clone(),
            false => std::path::absolute(path).unwrap_or_else(|_| path.clone()),
        };
        let size = f.size.unwrap_or(0);
        if !remote && size > range_bytes && plain_json_lines(f) {
            close(&mut current, &mut units);
            for range in line_ranges(&local, size, range_bytes)? {
                units.push(Unit {
                    files: vec![UnitFile {
                        path: local.clone(),
                        name: f.display_name(),
                        range: Some(range),
                    }],
                    bytes: range.end - range.start,
                });
            }
            continue;
        }
        current.files.push(UnitFile {
            path: local,
            name: f.display_name(),
            range: None,
        });
        current.bytes += size;
        if current.bytes >= unit_bytes {
            close(&mut current, &mut units);
        }
    }
    close(&mut current, &mut units);
    Ok(units)
}

/// An uncompressed JSON-lines file (by its name: compressed ones cannot be entered midway).
fn plain_json_lines(f: &InputFile) -> bool {
    let name = f
        .path
        .as_ref()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    f.kind == InputKind::Jsonl && (name.ends_with(".jsonl") || name.ends_with(".ndjson"))
}

/// Cuts a file of `size` bytes into about `size / every` stretches of whole lines of nearly
/// equal size (so no small remainder is left), each starting at the first line start at or
/// after its share, with the lines before each counted: one read of the file.
fn line_ranges(path: &Path, size: u64, every: u64) -> Result<Vec<ByteRange>, PipelineError> {
    use std::io::Read;
    let mut file = std::fs::File::open(path).map_err(file_err(path))?;
    let mut buf = vec![0u8; 1 << 20];
    let (mut at, mut lines) = (0u64, 0u64);
    let mut starts = vec![(0u64, 0u64)];
    let pieces = size.div_ceil(every.max(1)).max(1);
    let cut = |i: u64| -> u64 { (u128::from(size) * u128::from(i) / u128::from(pieces)) as u64 };
    let mut next = 1u64;
    let mut next_cut = if pieces > 1 { cut(1) } else { u64::MAX };
    loop {
        let n = file.read(&mut buf).map_err(file_err(path))?;
        if n == 0 {
            break;
        }
        let mut from = 0usize;
        while let Some(i) = memchr::memchr(b'\n', &buf[from..n]) {
            let line_end = from + i;
            lines += 1;
            let next_start = at + line_end as u64 + 1;
            if next_start >= next_cut {
                starts.push((next_start, lines));
                while next < pieces && cut(next) <= next_start {
                    next += 1;
                }
                next_cut = if next < pieces { cut(next) } else { u64::MAX };
            }
            from = line_end + 1;
        }
        at += n as u64;
    }
    let mut ranges = Vec::new();
    for (k, &(start, lines_before)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map_or(at, |s| s.0);
        if end > start {
            ranges.push(ByteRange {
                start,
                end,
                lines_before,
            });
        }
    }
    Ok(ranges)
}

/// `UNIT-NAME`: the unit's number and its first input's file name, letters, digits, `.`, `_`
/// and `-` only, so that a shard's name says where its records came from.
fn unit_stem(unit: &Unit, index: usize) -> String {
    let name = unit
        .files
        .first()
        .and_then(|f| f.path.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.split('.').next().unwrap_or("").to_string();
    let clean: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(60)
        .collect();
    format!("{index:05}-{clean}")
}

/// Moves one shard of a committed attempt into the output folder.
fn move_shard(
    ledger: &Ledger,
    out: &Path,
    attempt: &Path,
    kind: &str,
    stem: &str,
    shard: &ShardInfo,
) -> Result<ShardInfo, PipelineError> {
    let from = attempt.join(kind).join(&shard.file);
    let dir = out.join(kind);
    ledger.create_dir_all(&dir)?;
    let name = format!("{stem}-{}", shard.file);
    let to = dir.join(&name);
    ledger.file(&to)?;
    std::fs::rename(&from, &to).map_err(file_err(&to))?;
    ledger.gone(&from)?;
    Ok(ShardInfo {
        file: name,
        ..shard.clone()
    })
}

/// Removes the job's work folder: every file in it that the ledger lists (the tasks record
/// each before creating it), then the folders that are left empty.
fn remove_tree(ledger: &Ledger, dir: &Path) -> Result<(), PipelineError> {
    if !dir.exists() {
        return Ok(());
    }
    let entries = ghirbal_io::ledger::Entries::read(ledger.root())?;
    let mut dirs = Vec::new();
    for entry in walkdir::WalkDir::new(dir).contents_first(true) {
        let entry = entry.map_err(|e| PipelineError::File {
            path: dir.to_path_buf(),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("cannot list")),
        })?;
        let path = entry.path().to_path_buf();
        if entry.file_type().is_dir() {
            dirs.push(path);
        } else {
            let rel = path
                .strip_prefix(ledger.root())
                .ok()
                .and_then(|r| r.to_str())
                .map(|r| r.replace(std::path::MAIN_SEPARATOR, "/"));
            if rel.is_some_and(|r| entries.owns_file(&r)) {
                std::fs::remove_file(&path).map_err(file_err(&path))?;
                ledger.gone(&path)?;
            }
        }
    }
    for d in dirs {
        if std::fs::remove_dir(&d).is_ok() {
            ledger.gone(&d)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ranges_cover_the_file_at_line_starts_in_near_equal_pieces() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("f.jsonl");
        let lines: Vec<String> = (0..1000).map(|i| format!("{{\"n\":{i}}}")).collect();
        let text = lines.join("\n"); // no newline at the end
        std::fs::write(&path, &text).expect("write");
        let size = text.len() as u64;
        for every in [1u64, 1000, 4000, size - 1, size, size * 2] {
            let ranges = line_ranges(&path, size, every).expect("ranges");
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(ranges.last().map(|r| r.end), Some(size));
            for w in ranges.windows(2) {
                assert_eq!(w[0].end, w[1].start);
            }
            for r in &ranges {
                // Starts at a line start, and the lines before it are counted.
                let before = &text.as_bytes()[..r.start as usize];
                assert!(before.is_empty() || before.ends_with(b"\n"));
                assert_eq!(
                    r.lines_before,
                    memchr::memchr_iter(b'\n', before).count() as u64
                );
            }
            let want = size.div_ceil(every).min(1000);
            assert!(
                ranges.len() as u64 <= want && ranges.len() as u64 + 1 >= want.min(1000),
                "{every}: {} ranges",
                ranges.len()
            );
            if ranges.len() > 1 {
                let lens: Vec<u64> = ranges.iter().map(|r| r.end - r.start).collect();
                let (lo, hi) = (
                    lens.iter().min().copied().unwrap_or(0),
                    lens.iter().max().copied().unwrap_or(0),
                );
                assert!(hi - lo <= 2 * 12, "{every}: {lens:?}");
            }
        }
    }
}
