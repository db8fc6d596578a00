//! Finding the input files: explicit files, folders walked recursively in sorted order, and `-`
//! for standard input. Everything is opened once here so that an unreadable path stops the run
//! before any work starts.

use crate::IoError;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// How a file is read, decided by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// JSON Lines; compression (gzip, zstd) is detected from the content, not the name.
    Jsonl,
    /// One document per file; the id is the file's path.
    Text,
    Parquet,
}

#[derive(Debug, Clone)]
pub struct InputFile {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    pub kind: InputKind,
    /// Size on disk (compressed), when known.
    pub size: Option<u64>,
    /// Modification time in nanoseconds since the epoch, used to notice changed inputs on resume.
    pub modified_ns: Option<u128>,
}

impl InputFile {
    /// The name used in ids (`<file>:<line>`) and in rejection records.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "-".to_string(),
        }
    }
}

/// The resolved list of inputs.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub files: Vec<InputFile>,
    /// Files found in folders whose names ghirbal does not read (reported, not fatal).
    pub skipped: Vec<PathBuf>,
}

impl Inputs {
    /// Total bytes on disk, when every input's size is known (not for standard input).
    pub fn total_bytes(&self) -> Option<u64> {
        self.files.iter().map(|f| f.size).sum()
    }
    pub fn reads_stdin(&self) -> bool {
        self.files.iter().any(|f| f.path.is_none())
    }
}

/// The kind of a file from its name, or `None` when ghirbal does not read it.
pub fn kind_of(path: &Path) -> Option<InputKind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    const JSONL: [&str; 8] = [
        ".jsonl",
        ".jsonl.gz",
        ".jsonl.zst",
        ".jsonl.zstd",
        ".ndjson",
        ".ndjson.gz",
        ".ndjson.zst",
        ".json.gz",
    ];
    if JSONL.iter().any(|ext| name.ends_with(ext)) {
        Some(InputKind::Jsonl)
    } else if name.ends_with(".txt") {
        Some(InputKind::Text)
    } else if name.ends_with(".parquet") {
        Some(InputKind::Parquet)
    } else {
        None
    }
}

fn describe(path: &Path, kind: InputKind) -> Result<InputFile, IoError> {
    let err = |source| IoError::Input {
        path: path.to_path_buf(),
        source,
    };
    // Opening proves readability now rather than hours into the run.
    let file = File::open(path).map_err(err)?;
    let meta = file.metadata().map_err(err)?;
    let modified_ns = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos());
    Ok(InputFile {
        path: Some(path.to_path_buf()),
        kind,
        size: Some(meta.len()),
        modified_ns,
    })
}

/// Resolves the command-line inputs. Explicit files must have a known kind; files inside
/// folders with other names are skipped and listed in [`Inputs::skipped`].
pub fn discover(args: &[PathBuf]) -> Result<Inputs, IoError> {
    let mut inputs = Inputs::default();
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.files.push(InputFile {
                path: None,
                kind: InputKind::Jsonl,
                size: None,
                modified_ns: None,
            });
            continue;
        }
        let meta = std::fs::metadata(arg).map_err(|source| IoError::Input {
            path: arg.clone(),
            source,
        })?;
        if meta.is_dir() {
            let walker = walkdir::WalkDir::new(arg)
                .follow_links(true)
                .sort_by_file_name();
            for entry in walker {
                let entry = entry.map_err(|e| IoError::Input {
                    path: e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| arg.clone()),
                    source: e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("filesystem loop")),
                })?;
                if !entry.file_type().is_file() {
                    continue;
                }
                match kind_of(entry.path()) {
                    Some(kind) => inputs.files.push(describe(entry.path(), kind)?),
                    None => inputs.skipped.push(entry.path().to_path_buf()),
                }
            }
        } else {
            let kind = kind_of(arg).ok_or_else(|| IoError::UnknownKind { path: arg.clone() })?;
            inputs.files.push(describe(arg, kind)?);
        }
    }
    Ok(inputs)
}
