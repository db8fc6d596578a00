//! What lets a run resume: the manifest and fingerprint that identify it, checkpoints of the
//! final pass, the files in which stages save what they observed and decided, and atomic
//! writes of all of these.

use crate::output::OutputFolder;
use crate::PipelineError;
use ghirbal_core::{RunStats, Stage};
use ghirbal_io::{Inputs, Ledger, ShardState};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct RunManifest {
    pub(super) fingerprint: String,
    pub(super) inputs: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Checkpoint {
    pub(super) fingerprint: String,
    pub(super) records_done: u64,
    pub(super) finished: bool,
    pub(super) stats: RunStats,
    pub(super) kept: ShardState,
    pub(super) removed: ShardState,
    pub(super) rejected: ShardState,
    /// Tag mode's `attributes/`.
    #[serde(default)]
    pub(super) attributes: ShardState,
}

pub(super) const STATE_DIR: &str = ghirbal_io::ledger::STATE_DIR;

/// Where a writing run keeps its state.
#[derive(Clone, Copy)]
pub(crate) struct RunState<'a> {
    pub dir: &'a Path,
    pub fingerprint: &'a str,
    pub ledger: &'a Ledger,
}

/// Where one stage keeps its work files, its saved state and its observation checkpoint.
pub(super) struct StageFiles<'a> {
    state: PathBuf,
    observed: PathBuf,
    work: PathBuf,
    fingerprint: &'a str,
    ledger: &'a Ledger,
}

impl<'a> StageFiles<'a> {
    pub(super) fn new(run: RunState<'a>, k: usize, name: &str) -> Self {
        Self {
            state: run.dir.join(format!("stage-{k}-{name}.state")),
            observed: run.dir.join(format!("stage-{k}-{name}.observed")),
            work: run.dir.join(format!("stage-{k}-{name}")),
            fingerprint: run.fingerprint,
            ledger: run.ledger,
        }
    }

    /// Hands the stage its work folder, recorded in the ledger as a scratch folder first.
    pub(super) fn give_work_dir(&self, stage: &mut dyn Stage) -> Result<(), PipelineError> {
        self.ledger.scratch(&self.work)?;
        stage.set_work_dir(&self.work);
        Ok(())
    }

    /// Opens a file written by [`StageFiles::write`] by a run with the same fingerprint,
    /// positioned after the header; also returns the header's second line.
    pub(super) fn open(&self, path: &Path) -> Option<(String, impl std::io::Read)> {
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
    pub(super) fn write(
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
    pub(super) fn restore(&self, stage: &mut dyn Stage) -> bool {
        self.open(&self.state)
            .is_some_and(|(_, mut input)| stage.load_state(&mut input).is_ok())
    }

    /// Where an interrupted observation pass stopped: the stage adopts what it had made
    /// durable, and the note written with it says where the pass stood (None: start afresh).
    pub(super) fn resume_observation(&self, stage: &mut dyn Stage) -> Option<String> {
        let (note, mut input) = self.open(&self.observed)?;
        stage.resume_observation(&mut input).ok()?;
        Some(note)
    }

    /// Records what the stage has observed so far, with `note` (one line) saying where the
    /// pass stands; false when the stage cannot resume an observation pass, so that the
    /// executor stops asking.
    pub(super) fn checkpoint_observation(
        &self,
        stage: &dyn Stage,
        note: &str,
    ) -> Result<bool, PipelineError> {
        self.write(&self.observed, note, stage, |s, out| {
            s.checkpoint_observation(out)
        })
    }

    /// Saves what the stage decided; the observation checkpoint is then obsolete.
    pub(super) fn save(&self, stage: &dyn Stage) -> Result<(), PipelineError> {
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

/// Decides how to treat the claimed output folder: a fresh start (None) or a checkpoint to
/// resume from. A folder written with another configuration is refused unless `overwrite`;
/// what is cleared is only what ghirbal recorded as written (see [`crate::output`]).
pub(super) fn prepare_output(
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
pub(super) fn read_manifest(out: &Path) -> Option<RunManifest> {
    std::fs::read(out.join(STATE_DIR).join("run.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
}

pub(super) fn save_checkpoint(
    ledger: &Ledger,
    state_dir: &Path,
    cp: &Checkpoint,
) -> Result<(), PipelineError> {
    let bytes = serde_json::to_vec(cp).map_err(|e| PipelineError::Internal(e.to_string()))?;
    // What the checkpoint makes durable is listed in a durable ledger.
    ledger.sync()?;
    write_atomic(ledger, &state_dir.join("checkpoint.json"), &bytes)
}

/// Writes `OUT/config.toml`: the resolved configuration, with how to repeat the run.
pub(super) fn write_config(
    ledger: &Ledger,
    out: &Path,
    command_line: &str,
    config_toml: &str,
) -> Result<(), PipelineError> {
    let header = format!(
        "# The resolved configuration of a ghirbal run: every option spelled out.\n# Repeat the run with: ghirbal run INPUT... -o OUT --config config.toml\n# Command: {command_line}\n\n"
    );
    write_atomic(
        ledger,
        &out.join("config.toml"),
        format!("{header}{config_toml}").as_bytes(),
    )
}

/// The file of an output folder that holds what the run observed for its report (histograms,
/// labels, samples: [`ghirbal_core::Observations`] as zstd-compressed JSON).
pub const OBSERVATIONS_FILE: &str = "observations.json.zst";

/// Writes a finished run's `stats.json`, and its observations beside it.
pub(super) fn write_stats(
    ledger: &Ledger,
    out: &Path,
    report: &mut super::StatsFile,
) -> Result<(), PipelineError> {
    let internal = |e: &dyn std::fmt::Display| PipelineError::Internal(e.to_string());
    if let Some(obs) = report.counts.observations.take() {
        let json = serde_json::to_vec(&obs).map_err(|e| internal(&e))?;
        let bytes = zstd::encode_all(&json[..], 3).map_err(|e| internal(&e))?;
        write_atomic(ledger, &out.join(OBSERVATIONS_FILE), &bytes)?;
    }
    let json = serde_json::to_vec_pretty(report).map_err(|e| internal(&e))?;
    write_atomic(ledger, &out.join("stats.json"), &json)
}

/// The run report's file in an output folder.
pub const REPORT_FILE: &str = "report.html";

/// Writes `OUT/report.html` from what a finished run left in `out` (`stats.json`,
/// `config.toml`, `observations.json.zst`), the same page `ghirbal report OUT` writes.
pub(super) fn write_report(ledger: &Ledger, out: &Path) -> Result<(), PipelineError> {
    let failed = |e: &dyn std::fmt::Display| {
        PipelineError::Internal(format!(
            "the run finished (its outputs and stats.json are complete), but its report could not be written: {e}; `ghirbal report {}` tries again",
            out.display()
        ))
    };
    let input = ghirbal_report::load(out).map_err(|e| failed(&e))?;
    let html = ghirbal_report::render(&input, false);
    write_atomic(ledger, &out.join(REPORT_FILE), html.as_bytes()).map_err(|e| failed(&e))
}

/// Writes a report page at `path`, replacing any page there atomically. Beside a run's outputs
/// (a folder with a ledger) it is written under the folder's lock and recorded in its ledger,
/// so that a later `run --overwrite` knows it as ghirbal's; anywhere else it is an ordinary
/// file. The temporary file's name is unique, so nothing of the user's is ever replaced but
/// `path` itself.
pub fn write_page(path: &Path, bytes: &[u8], command_line: &str) -> Result<(), PipelineError> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Some(name) = path.file_name() else {
        return Err(PipelineError::Usage(format!(
            "{} is not a file name",
            path.display()
        )));
    };
    let path = dir.join(name);
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    if dir.join(ghirbal_io::ledger::LEDGER_PATH).is_file() {
        let folder = crate::output::OutputFolder::claim(&dir, command_line)?;
        write_through(folder.ledger(), &tmp, &path, bytes)?;
        folder.ledger().sync()?;
        return Ok(());
    }
    let written = (|| -> std::io::Result<()> {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.map_err(|source| PipelineError::File { path, source })
}

/// Writes a file so that readers see either the old or the new content, never a mix; both
/// names are recorded in the ledger first.
pub(super) fn write_atomic(
    ledger: &Ledger,
    path: &Path,
    bytes: &[u8],
) -> Result<(), PipelineError> {
    write_through(ledger, &path.with_extension("tmp"), path, bytes)
}

/// [`write_atomic`] through the temporary file `tmp` (a name of the caller's choice: tasks of
/// a distributed run that may write the same file at once each take their own).
pub(super) fn write_through(
    ledger: &Ledger,
    tmp: &Path,
    path: &Path,
    bytes: &[u8],
) -> Result<(), PipelineError> {
    let err = |p: &Path| {
        let path = p.to_path_buf();
        move |source| PipelineError::File { path, source }
    };
    ledger.file(tmp)?;
    ledger.file(path)?;
    {
        use std::io::Write;
        let mut f = std::fs::File::create(tmp).map_err(err(tmp))?;
        f.write_all(bytes).map_err(err(tmp))?;
        f.sync_all().map_err(err(tmp))?;
    }
    std::fs::rename(tmp, path).map_err(err(path))?;
    ledger.gone(tmp)?;
    Ok(())
}

/// Identifies a run: the resolved configuration, the content of every file it reads, and the
/// inputs (resolved path, size, modification time). The thread count is left out on purpose: it does not change the output.
pub(super) fn fingerprint(
    config_toml: &str,
    inputs: &Inputs,
    files_read: &[(PathBuf, u64)],
) -> String {
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
