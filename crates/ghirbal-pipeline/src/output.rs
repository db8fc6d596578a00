//! The output folder: claiming it for one run, and never touching what ghirbal did not write.
//!
//! - **One run at a time.** A run holds an exclusive lock on `OUT/.ghirbal/lock` (an OS file
//!   lock, released by the kernel when the process ends, so a crashed run leaves no stale lock);
//!   the file itself says which process holds it.
//! - **Only its own files.** Every file and folder ghirbal creates in `OUT` is recorded first in
//!   the ledger ([`ghirbal_io::ledger`]). Before a run writes anything, every path in `OUT`, at
//!   every depth, must be in the ledger; a folder holding anything else is refused with the list
//!   of foreign paths, with or without `--overwrite`. `--overwrite` deletes exactly the recorded
//!   paths.
//! - **Inputs stay inputs.** An input that is, or lies inside, the output folder is refused (a
//!   rerun would read ghirbal's own output, and `--overwrite` would delete the input); an output
//!   folder inside an input folder is skipped by the reader.

use crate::PipelineError;
use ghirbal_io::ledger::{Entries, LEDGER_PATH, STATE_DIR};
use ghirbal_io::Ledger;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The lock file, relative to the output folder.
const LOCK_PATH: &str = ".ghirbal/lock";
/// How many foreign paths an error message lists before it says how many more there are.
const LIST_AT_MOST: usize = 20;

/// An output folder claimed by this process: locked, and with its ledger open.
pub(crate) struct OutputFolder {
    root: PathBuf,
    ledger: Arc<Ledger>,
    /// Held for the whole run; dropping it releases the lock.
    _lock: File,
}

impl OutputFolder {
    /// Locks `out` for this process (creating it if missing) after checking that everything
    /// in it is ghirbal's. Nothing is written into a folder that is refused, and a folder
    /// created only to be refused is removed again.
    pub(crate) fn claim(out: &Path, command_line: &str) -> Result<Self, PipelineError> {
        let unusable = |path: &Path| {
            let path = path.to_path_buf();
            move |source| PipelineError::OutputUnusable { path, source }
        };
        if out.exists() && !out.is_dir() {
            return Err(PipelineError::OutputUnusable {
                path: out.to_path_buf(),
                source: std::io::Error::other("it exists and is not a folder"),
            });
        }
        // A first look before anything is created, so that a foreign folder is left exactly
        // as it was. A run at work in the folder can create a file between the reading of its
        // ledger and the listing of the folder: when the lock is held, say that instead.
        if out.is_dir() {
            if let Err(e) = foreign_check(out) {
                return Err(held_by(out).unwrap_or(e));
            }
        }
        std::fs::create_dir_all(out).map_err(unusable(out))?;
        let state_dir = out.join(STATE_DIR);
        let created_state_dir = !state_dir.exists();
        std::fs::create_dir_all(&state_dir).map_err(unusable(&state_dir))?;
        let lock_path = out.join(LOCK_PATH);
        let mut lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&lock_path)
            .map_err(unusable(&lock_path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                let _ = lock.read_to_string(&mut holder);
                return Err(PipelineError::OutputLocked {
                    path: out.to_path_buf(),
                    holder: holder.trim().to_string(),
                });
            }
            Err(TryLockError::Error(source)) => {
                return Err(PipelineError::OutputUnusable {
                    path: lock_path,
                    source,
                })
            }
        }
        // Under the lock, look again: another run may have written in between.
        if let Err(e) = foreign_check(out) {
            if created_state_dir {
                drop(lock);
                let _ = std::fs::remove_file(&lock_path);
                let _ = std::fs::remove_file(out.join(LEDGER_PATH));
                let _ = std::fs::remove_dir(&state_dir);
            }
            return Err(e);
        }
        let ledger = Ledger::open(out)?;
        ledger.dir(&state_dir)?;
        ledger.file(&lock_path)?;
        // Say who holds the lock, for the message a second run prints.
        let holder = format!(
            "process {} since {} ({})",
            std::process::id(),
            now_utc(),
            command_line.trim()
        );
        lock.set_len(0)
            .and_then(|()| lock.rewind())
            .and_then(|()| lock.write_all(holder.as_bytes()))
            .and_then(|()| lock.flush())
            .map_err(unusable(&lock_path))?;
        Ok(Self {
            root: out.to_path_buf(),
            ledger: Arc::new(ledger),
            _lock: lock,
        })
    }

    pub(crate) fn ledger(&self) -> &Arc<Ledger> {
        &self.ledger
    }

    /// Deletes every file and folder the ledger lists (but the lock and the ledger), deepest
    /// first, and starts a new ledger. A recorded folder that is not empty afterwards would
    /// hold something foreign, which [`OutputFolder::claim`] has ruled out; it is kept anyway.
    pub(crate) fn clear(&mut self) -> Result<(), PipelineError> {
        let entries = Entries::read(&self.root)?;
        let unusable = |path: &Path| {
            let path = path.to_path_buf();
            move |source| PipelineError::OutputUnusable { path, source }
        };
        for rel in &entries.scratch {
            let dir = self.root.join(rel);
            let Ok(list) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in list.filter_map(Result::ok) {
                let name = entry.file_name();
                let owned = name
                    .to_str()
                    .is_some_and(|n| entries.owns_file(&format!("{rel}/{n}")));
                if owned && entry.file_type().is_ok_and(|t| t.is_file()) {
                    std::fs::remove_file(entry.path()).map_err(unusable(&entry.path()))?;
                }
            }
        }
        for rel in &entries.files {
            if rel == LOCK_PATH || rel == LEDGER_PATH {
                continue;
            }
            let path = self.root.join(rel);
            match std::fs::symlink_metadata(&path) {
                Ok(m) if m.is_file() => std::fs::remove_file(&path).map_err(unusable(&path))?,
                _ => {}
            }
        }
        let mut dirs: Vec<&String> = entries
            .dirs
            .iter()
            .chain(&entries.scratch)
            .filter(|rel| rel.as_str() != STATE_DIR)
            .collect();
        // Deepest first, so that a folder is empty when its turn comes.
        dirs.sort_by_key(|rel| std::cmp::Reverse(rel.matches('/').count()));
        for rel in dirs {
            let _ = std::fs::remove_dir(self.root.join(rel));
        }
        let fresh = format!("d {STATE_DIR}\nf {LOCK_PATH}\n");
        let tmp = self.root.join(LEDGER_PATH).with_extension("tmp");
        std::fs::write(&tmp, fresh).map_err(unusable(&tmp))?;
        let ledger_path = self.root.join(LEDGER_PATH);
        std::fs::rename(&tmp, &ledger_path).map_err(unusable(&ledger_path))?;
        self.ledger = Arc::new(Ledger::open(&self.root)?);
        Ok(())
    }
}

/// Refuses the folder when anything in it, at any depth, is not recorded in its ledger.
fn foreign_check(out: &Path) -> Result<(), PipelineError> {
    let foreign = foreign_paths(out)?;
    if foreign.is_empty() {
        return Ok(());
    }
    let older = !out.join(LEDGER_PATH).exists() && out.join(STATE_DIR).join("run.json").exists();
    let mut list: Vec<String> = foreign
        .iter()
        .take(LIST_AT_MOST)
        .map(|p| format!("  {}", p.display()))
        .collect();
    if foreign.len() > LIST_AT_MOST {
        let more = if foreign.len() >= SCAN_AT_MOST {
            "at least "
        } else {
            ""
        };
        list.push(format!(
            "  ... and {more}{} more",
            foreign.len() - LIST_AT_MOST
        ));
    }
    Err(PipelineError::ForeignOutput {
        path: out.to_path_buf(),
        count: foreign.len(),
        list: list.join("\n"),
        older_version: older,
    })
}

/// The paths in `out` that ghirbal did not record as written (at most [`SCAN_AT_MOST`]):
/// files, links, and folders that hold nothing.
pub(crate) fn foreign_paths(out: &Path) -> Result<Vec<PathBuf>, PipelineError> {
    let entries = Entries::read(out)?;
    let mut foreign = Vec::new();
    let walk = walkdir::WalkDir::new(out)
        .min_depth(1)
        .follow_links(false)
        .sort_by_file_name();
    for entry in walk {
        let entry = entry.map_err(|e| PipelineError::OutputUnusable {
            path: e
                .path()
                .map_or_else(|| out.to_path_buf(), Path::to_path_buf),
            source: e
                .into_io_error()
                .unwrap_or_else(|| std::io::Error::other("cannot list")),
        })?;
        let rel = entry
            .path()
            .strip_prefix(out)
            .ok()
            .and_then(|r| r.to_str())
            .map(|r| r.replace(std::path::MAIN_SEPARATOR, "/"));
        let owned = match &rel {
            None => false,
            Some(rel) if entry.file_type().is_dir() => entries.owns_dir(rel) || rel == STATE_DIR,
            // ghirbal never makes hard links: a file with another name elsewhere is not its
            // own, whatever its name here (writing to it would write to the other name).
            Some(_) if entry.file_type().is_file() && linked_elsewhere(&entry) => false,
            Some(rel) if entry.file_type().is_file() => {
                entries.owns_file(rel) || is_state_file(entry.path(), rel)
            }
            // Links, FIFOs, sockets: ghirbal never makes them.
            Some(_) => false,
        };
        if owned {
            continue;
        }
        if entry.file_type().is_dir() {
            // A foreign folder is looked into, so that the user sees their files; listed
            // itself only when empty.
            let empty = std::fs::read_dir(entry.path()).is_ok_and(|mut d| d.next().is_none());
            if !empty {
                continue;
            }
        }
        foreign.push(entry.path().to_path_buf());
        if foreign.len() >= SCAN_AT_MOST {
            // Enough to refuse and to show; a home folder given as output is not walked whole.
            break;
        }
    }
    Ok(foreign)
}

/// Foreign paths found before the scan stops.
const SCAN_AT_MOST: usize = 1000;

/// The files that exist before anything can be recorded: the lock and the ledger itself,
/// recognised by their content too (a user's file called `.ghirbal/lock` is not the lock).
fn is_state_file(path: &Path, rel: &str) -> bool {
    let is_ledger = rel == LEDGER_PATH || rel == format!("{LEDGER_PATH}.tmp");
    if rel != LOCK_PATH && !is_ledger {
        return false;
    }
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let text = String::from_utf8_lossy(&bytes);
    if rel == LOCK_PATH {
        return text.is_empty() || text.starts_with("process ");
    }
    // A line cut by a crash mid-append (no final line break) proves nothing either way.
    let whole = match text.rfind('\n') {
        Some(i) => &text[..=i],
        None => "",
    };
    (!whole.is_empty() || text.is_empty())
        && whole.lines().all(|l| {
            l.len() > 2 && matches!(&l[..2], "f " | "d " | "s " | "x ") && !l[2..].contains(' ')
        })
}

#[cfg(unix)]
fn linked_elsewhere(entry: &walkdir::DirEntry) -> bool {
    use std::os::unix::fs::MetadataExt;
    entry.metadata().is_ok_and(|m| m.nlink() > 1)
}

#[cfg(not(unix))]
fn linked_elsewhere(_entry: &walkdir::DirEntry) -> bool {
    false
}

/// The error for a folder whose lock another run holds, if one does (the lock file is opened,
/// never created).
fn held_by(out: &Path) -> Option<PipelineError> {
    let mut lock = OpenOptions::new()
        .read(true)
        .open(out.join(LOCK_PATH))
        .ok()?;
    match lock.try_lock() {
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = lock.read_to_string(&mut holder);
            Some(PipelineError::OutputLocked {
                path: out.to_path_buf(),
                holder: holder.trim().to_string(),
            })
        }
        _ => None,
    }
}

/// Refuses inputs that are, or lie inside, the output folder.
pub(crate) fn check_inputs_outside(inputs: &[PathBuf], out: &Path) -> Result<(), PipelineError> {
    let Some(out_real) = real_path(out) else {
        return Ok(());
    };
    for input in inputs {
        if input.as_os_str() == "-" {
            continue;
        }
        let Some(real) = real_path(input) else {
            continue;
        };
        if real.starts_with(&out_real) {
            let what = if real == out_real {
                "is the output folder"
            } else {
                "lies inside the output folder"
            };
            return Err(PipelineError::Usage(format!(
                "input {} {what} {}: ghirbal would read its own output, and --overwrite would delete the input; write to another folder",
                input.display(),
                out.display()
            )));
        }
    }
    Ok(())
}

/// Refuses a discovered input file that lies inside the output folder (reached through a
/// link in an input folder), and a file a step writes that is an input or lies inside the
/// output folder.
pub(crate) fn check_files_outside(
    inputs: &ghirbal_io::Inputs,
    out_real: Option<&Path>,
    written: &[(&'static str, PathBuf)],
) -> Result<(), PipelineError> {
    let input_paths: Vec<PathBuf> = inputs
        .files
        .iter()
        .filter(|f| f.path.is_some())
        .map(|f| PathBuf::from(f.identity()))
        .collect();
    if let Some(out_real) = out_real {
        for (file, real) in inputs.files.iter().zip(&input_paths) {
            if real.starts_with(out_real) {
                return Err(PipelineError::Usage(format!(
                    "input {} is {} inside the output folder {}: ghirbal would read its own output, and --overwrite would delete the input",
                    file.display_name(),
                    real.display(),
                    out_real.display()
                )));
            }
        }
    }
    for (option, path) in written {
        let real = real_path(path).unwrap_or_else(|| path.clone());
        if input_paths.contains(&real) {
            return Err(PipelineError::Usage(format!(
                "{option} = \"{}\" is one of the inputs: the run would overwrite it",
                path.display()
            )));
        }
        if out_real.is_some_and(|o| real.starts_with(o)) {
            return Err(PipelineError::Usage(format!(
                "{option} = \"{}\" lies inside the output folder, which holds only what ghirbal records as its output: write it elsewhere",
                path.display()
            )));
        }
    }
    Ok(())
}

/// The absolute path with links resolved, for a path that may not exist yet (its nearest
/// existing ancestor is resolved and the rest appended).
pub(crate) fn real_path(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            out.extend(rest.iter().rev());
            return Some(out);
        }
        rest.push(existing.file_name()?.to_os_string());
        existing = existing.parent()?;
    }
}

/// The current time as `YYYY-MM-DD HH:MM:SS UTC`, without a date crate: days since the epoch
/// turned into a civil date (Howard Hinnant's algorithm).
fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02} UTC",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        let s = now_utc();
        assert!(s.starts_with("20") && s.ends_with(" UTC"), "{s}");
    }

    #[test]
    fn a_users_file_at_any_depth_is_foreign() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let out = dir.path();
        let claimed = OutputFolder::claim(out, "test")?;
        claimed.ledger().create_dir_all(&out.join("kept"))?;
        claimed.ledger().file(&out.join("kept/00000.jsonl.zst"))?;
        std::fs::write(out.join("kept/00000.jsonl.zst"), b"ours")?;
        assert!(foreign_paths(out)?.is_empty());
        std::fs::write(out.join("kept/mydata.jsonl"), b"x")?;
        std::fs::write(out.join(".ghirbal/notes.txt"), b"x")?;
        std::fs::create_dir(out.join("mine"))?;
        std::fs::write(out.join("mine/a.txt"), b"x")?;
        let foreign = foreign_paths(out)?;
        let names: Vec<String> = foreign
            .iter()
            .map(|p| p.strip_prefix(out).map(|r| r.display().to_string()))
            .collect::<Result<_, _>>()?;
        assert_eq!(
            names,
            [".ghirbal/notes.txt", "kept/mydata.jsonl", "mine/a.txt"]
        );
        Ok(())
    }

    #[test]
    fn a_second_claim_is_refused_while_the_first_holds() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let first = OutputFolder::claim(dir.path(), "ghirbal run a -o b")?;
        // A second open file description locks independently, as another process would.
        match OutputFolder::claim(dir.path(), "second") {
            Err(PipelineError::OutputLocked { holder, .. }) => {
                assert!(holder.contains("ghirbal run a -o b"), "{holder}");
                assert!(holder.contains(&std::process::id().to_string()), "{holder}");
            }
            Err(e) => return Err(e.into()),
            Ok(_) => return Err("second claim succeeded".into()),
        }
        drop(first);
        OutputFolder::claim(dir.path(), "third")?;
        Ok(())
    }

    #[test]
    fn clear_removes_exactly_what_was_recorded() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let out = dir.path();
        let mut claimed = OutputFolder::claim(out, "test")?;
        let l = Arc::clone(claimed.ledger());
        l.create_dir_all(&out.join("kept"))?;
        l.file(&out.join("kept/00000.jsonl"))?;
        std::fs::write(out.join("kept/00000.jsonl"), b"x")?;
        l.scratch(&out.join(".ghirbal/stage-1-exact-dedup"))?;
        std::fs::create_dir(out.join(".ghirbal/stage-1-exact-dedup"))?;
        std::fs::write(out.join(".ghirbal/stage-1-exact-dedup/texts-1-0.run"), b"x")?;
        claimed.clear()?;
        let left: Vec<_> = walkdir::WalkDir::new(out)
            .min_depth(1)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.path().strip_prefix(out).map(|p| p.display().to_string()))
            .collect::<Result<_, _>>()?;
        assert_eq!(left, [".ghirbal", ".ghirbal/ledger", ".ghirbal/lock"]);
        Ok(())
    }

    #[test]
    fn inputs_inside_the_output_are_refused() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("out");
        std::fs::create_dir_all(out.join("kept"))?;
        std::fs::write(out.join("kept/a.jsonl"), b"{}")?;
        let err = check_inputs_outside(&[out.join("kept/a.jsonl")], &out)
            .err()
            .ok_or("accepted")?;
        assert!(
            err.to_string().contains("inside the output folder"),
            "{err}"
        );
        assert!(check_inputs_outside(std::slice::from_ref(&out), &out).is_err());
        // The output inside an input folder is the reader's business (it skips it).
        assert!(check_inputs_outside(&[dir.path().to_path_buf()], &out).is_ok());
        // Spelled through `..`, still inside.
        let odd = out.join("kept/../kept/a.jsonl");
        assert!(check_inputs_outside(&[odd], &out).is_err());
        Ok(())
    }
}
