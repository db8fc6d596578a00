//! The ledger of an output folder: every file and folder ghirbal creates there is written down
//! in `OUT/.ghirbal/ledger` *before* it is created, so that ghirbal can later tell its own
//! files from anything else and never deletes what it did not write.
//!
//! One entry per line, a kind letter and a path relative to the output folder with `/`
//! separators:
//! - `f kept/00000.jsonl.zst` — a file;
//! - `d kept` — a folder;
//! - `s .ghirbal/stage-5-exact-dedup` — a scratch folder handed to a whole-corpus stage: the
//!   files directly in it whose names [`ghirbal_core::is_scratch_file_name`] accepts are the
//!   stage's (it names them itself, so they cannot be listed one by one in advance);
//! - `x config.tmp` — a path ghirbal wrote and then renamed or removed: no longer its own, so
//!   that a file the user puts there later is not taken for ghirbal's.
//!
//! The ledger is append-only and each entry is handed to the operating system before the file
//! it names exists, so a killed process can leave an entry without its file (harmless), never a
//! file without its entry. It is forced to disk ([`Ledger::sync`]) with each checkpoint rather
//! than with each entry: an fsync per shard and state file cost a small run a tenth of a second.

use crate::IoError;
use std::collections::BTreeSet;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// Where the ledger lives, relative to the output folder.
pub const LEDGER_PATH: &str = ".ghirbal/ledger";
/// The state folder holding the ledger, relative to the output folder.
pub const STATE_DIR: &str = ".ghirbal";

/// What the ledger says about one path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EntryKind {
    File,
    Dir,
    Scratch,
    Gone,
}

impl EntryKind {
    fn letter(self) -> char {
        match self {
            EntryKind::File => 'f',
            EntryKind::Dir => 'd',
            EntryKind::Scratch => 's',
            EntryKind::Gone => 'x',
        }
    }
}

/// The recorded entries of an output folder, as read back.
#[derive(Debug, Clone, Default)]
pub struct Entries {
    pub files: BTreeSet<String>,
    pub dirs: BTreeSet<String>,
    pub scratch: BTreeSet<String>,
}

impl Entries {
    /// Reads `OUT/.ghirbal/ledger`; an absent ledger has no entries. Lines that cannot be
    /// parsed are ignored: they only make fewer paths ghirbal's, which is the safe side.
    pub fn read(out: &Path) -> Result<Self, IoError> {
        let path = out.join(LEDGER_PATH);
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(source) => return Err(IoError::Output { path, source }),
        };
        let mut entries = Self::default();
        for line in String::from_utf8_lossy(&text).lines() {
            let Some((kind, rel)) = line.split_once(' ') else {
                continue;
            };
            if !is_clean_relative(rel) {
                continue;
            }
            let set = match kind {
                "f" => &mut entries.files,
                "d" => &mut entries.dirs,
                "s" => &mut entries.scratch,
                "x" => {
                    entries.files.remove(rel);
                    entries.dirs.remove(rel);
                    entries.scratch.remove(rel);
                    continue;
                }
                _ => continue,
            };
            set.insert(rel.to_string());
        }
        Ok(entries)
    }

    /// True when ghirbal recorded `rel` (a path relative to the output folder, `/`-separated)
    /// as a folder of its own, scratch folders included.
    pub fn owns_dir(&self, rel: &str) -> bool {
        self.dirs.contains(rel) || self.scratch.contains(rel)
    }

    /// True when ghirbal recorded `rel` as a file of its own, or it is a stage's file directly
    /// inside a recorded scratch folder.
    pub fn owns_file(&self, rel: &str) -> bool {
        if self.files.contains(rel) {
            return true;
        }
        match rel.rsplit_once('/') {
            Some((parent, name)) => {
                self.scratch.contains(parent) && ghirbal_core::is_scratch_file_name(name)
            }
            None => false,
        }
    }
}

/// A path of the ledger is relative, has no `..` and no empty or `.` components: a ledger
/// edited by hand cannot make ghirbal delete anything outside the output folder.
fn is_clean_relative(rel: &str) -> bool {
    !rel.is_empty()
        && !rel.starts_with('/')
        && rel
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..")
}

/// Appends entries to an output folder's ledger. Shared by the threads that create files.
#[derive(Debug)]
pub struct Ledger {
    root: PathBuf,
    file: Mutex<File>,
    known: Mutex<BTreeSet<(EntryKind, String)>>,
    /// Entries written since the last [`Ledger::sync`].
    dirty: std::sync::atomic::AtomicBool,
}

impl Ledger {
    /// Opens (creating if needed) the ledger of the output folder `out`, whose state folder
    /// must exist.
    pub fn open(out: &Path) -> Result<Self, IoError> {
        let path = out.join(LEDGER_PATH);
        let entries = Entries::read(out)?;
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(|source| IoError::Output {
                path: path.clone(),
                source,
            })?;
        let mut known = BTreeSet::new();
        known.extend(entries.files.into_iter().map(|p| (EntryKind::File, p)));
        known.extend(entries.dirs.into_iter().map(|p| (EntryKind::Dir, p)));
        known.extend(entries.scratch.into_iter().map(|p| (EntryKind::Scratch, p)));
        // `Gone` entries are never kept in `known`: they only undo others.
        Ok(Self {
            root: out.to_path_buf(),
            file: Mutex::new(file),
            known: Mutex::new(known),
            dirty: std::sync::atomic::AtomicBool::new(false),
        })
    }

    /// The output folder this ledger belongs to.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Records that the file `path` (inside the output folder) is about to be created.
    pub fn file(&self, path: &Path) -> Result<(), IoError> {
        self.record(EntryKind::File, path)
    }

    /// Records that the folder `path` is about to be created.
    pub fn dir(&self, path: &Path) -> Result<(), IoError> {
        self.record(EntryKind::Dir, path)
    }

    /// Records a scratch folder handed to a stage.
    pub fn scratch(&self, path: &Path) -> Result<(), IoError> {
        self.record(EntryKind::Scratch, path)
    }

    /// Records that ghirbal renamed or removed `path`: the name is no longer its own.
    pub fn gone(&self, path: &Path) -> Result<(), IoError> {
        self.record(EntryKind::Gone, path)
    }

    /// Creates the folder `path` and every missing parent inside the output folder, each
    /// recorded first.
    pub fn create_dir_all(&self, path: &Path) -> Result<(), IoError> {
        let rel = self.relative(path)?;
        let mut at = self.root.clone();
        for part in rel.split('/') {
            at.push(part);
            if !at.is_dir() {
                self.dir(&at)?;
                match std::fs::create_dir(&at) {
                    Ok(()) => {}
                    // Another process (a task of a distributed run) made it in between.
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && at.is_dir() => {}
                    Err(source) => {
                        return Err(IoError::Output {
                            path: at.clone(),
                            source,
                        })
                    }
                }
            }
        }
        Ok(())
    }

    fn relative(&self, path: &Path) -> Result<String, IoError> {
        let outside = || IoError::Output {
            path: path.to_path_buf(),
            source: std::io::Error::other("not inside the output folder"),
        };
        let rel = path.strip_prefix(&self.root).map_err(|_| outside())?;
        let mut parts = Vec::new();
        for c in rel.components() {
            match c {
                Component::Normal(s) => parts.push(s.to_str().ok_or_else(outside)?),
                Component::CurDir => {}
                _ => return Err(outside()),
            }
        }
        if parts.is_empty() {
            return Err(outside());
        }
        Ok(parts.join("/"))
    }

    fn record(&self, kind: EntryKind, path: &Path) -> Result<(), IoError> {
        let rel = self.relative(path)?;
        let mut known = self.known.lock().map_err(|_| IoError::Output {
            path: path.to_path_buf(),
            source: std::io::Error::other("ledger lock poisoned"),
        })?;
        if kind == EntryKind::Gone {
            // Only a name that was recorded can go; it may be recorded again later.
            // Every kind is removed (no short circuit): a name is only ever one of them.
            let mut had = false;
            for k in [EntryKind::File, EntryKind::Dir, EntryKind::Scratch] {
                had |= known.remove(&(k, rel.clone()));
            }
            if !had {
                return Ok(());
            }
        } else if !known.insert((kind, rel.clone())) {
            return Ok(());
        }
        let mut file = self.file.lock().map_err(|_| IoError::Output {
            path: path.to_path_buf(),
            source: std::io::Error::other("ledger lock poisoned"),
        })?;
        let ledger_path = self.root.join(LEDGER_PATH);
        self.dirty.store(true, std::sync::atomic::Ordering::Relaxed);
        file.write_all(format!("{} {rel}\n", kind.letter()).as_bytes())
            .map_err(|source| IoError::Output {
                path: ledger_path,
                source,
            })
    }

    /// Forces the entries written so far to disk (nothing to do when there are none new).
    pub fn sync(&self) -> Result<(), IoError> {
        if !self.dirty.swap(false, std::sync::atomic::Ordering::Relaxed) {
            return Ok(());
        }
        let path = self.root.join(LEDGER_PATH);
        let file = self.file.lock().map_err(|_| IoError::Output {
            path: path.clone(),
            source: std::io::Error::other("ledger lock poisoned"),
        })?;
        file.sync_data()
            .map_err(|source| IoError::Output { path, source })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A temporary output folder with its state folder, as a claimed run has it.
    fn output_folder() -> Result<tempfile::TempDir, IoError> {
        let err = |source| IoError::Output {
            path: PathBuf::new(),
            source,
        };
        let dir = tempfile::tempdir().map_err(err)?;
        std::fs::create_dir(dir.path().join(STATE_DIR)).map_err(err)?;
        Ok(dir)
    }

    #[test]
    fn recorded_paths_are_owned_and_nothing_else() -> Result<(), IoError> {
        let dir = output_folder()?;
        let out = dir.path();
        let ledger = Ledger::open(out)?;
        ledger.create_dir_all(&out.join("kept"))?;
        ledger.file(&out.join("kept/00000.jsonl.zst"))?;
        ledger.scratch(&out.join(".ghirbal/stage-5-exact-dedup"))?;
        drop(ledger);
        let e = Entries::read(out)?;
        assert!(e.owns_dir("kept"));
        assert!(e.owns_file("kept/00000.jsonl.zst"));
        assert!(!e.owns_file("kept/00001.jsonl.zst"));
        assert!(!e.owns_file("kept/mydata.jsonl"));
        assert!(e.owns_file(".ghirbal/stage-5-exact-dedup/texts-12-0.run"));
        assert!(!e.owns_file(".ghirbal/stage-5-exact-dedup/notes.txt"));
        assert!(!e.owns_file(".ghirbal/notes.txt"));
        Ok(())
    }

    #[test]
    fn a_name_renamed_away_is_no_longer_owned() -> Result<(), IoError> {
        let dir = output_folder()?;
        let out = dir.path();
        let ledger = Ledger::open(out)?;
        ledger.file(&out.join("config.tmp"))?;
        ledger.file(&out.join("config.toml"))?;
        ledger.gone(&out.join("config.tmp"))?;
        assert!(!Entries::read(out)?.owns_file("config.tmp"));
        assert!(Entries::read(out)?.owns_file("config.toml"));
        // Written again by a later checkpoint: owned again.
        ledger.file(&out.join("config.tmp"))?;
        assert!(Entries::read(out)?.owns_file("config.tmp"));
        Ok(())
    }

    #[test]
    fn paths_outside_the_folder_are_never_recorded_or_read() -> Result<(), IoError> {
        let dir = output_folder()?;
        let out = dir.path();
        let ledger = Ledger::open(out)?;
        assert!(ledger.file(&out.join("../elsewhere.jsonl")).is_err());
        assert!(ledger.file(Path::new("/etc/passwd")).is_err());
        drop(ledger);
        std::fs::write(
            out.join(LEDGER_PATH),
            "f ../x\nf /etc/passwd\nf a/./b\nf ok.json\nbroken\n",
        )
        .map_err(|e| IoError::Output {
            path: out.to_path_buf(),
            source: e,
        })?;
        let e = Entries::read(out)?;
        assert_eq!(e.files.iter().collect::<Vec<_>>(), ["ok.json"]);
        Ok(())
    }
}
