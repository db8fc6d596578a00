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
    /// `.json`: one JSON array of records, or JSON lines, told apart by the first byte
    /// (compression detected as for JSON lines).
    Json,
    /// One document per file; the id is the file's path.
    Text,
    Parquet,
    /// WARC or WET: one item per record (see [`crate::warc`]).
    Warc,
    /// One HTML page per file (`.html`, `.htm`); the id is the file's path.
    Html,
}

impl InputKind {
    /// Whether documents read from this kind of input may arrive as HTML, so that a pipeline
    /// fed with it needs the `extract` step.
    pub fn may_hold_html(self) -> bool {
        matches!(self, InputKind::Warc | InputKind::Html)
    }
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
    /// The name to use in ids and records instead of the path as given: a resumed run keeps
    /// the spelling of the run it continues (`in.jsonl` then `/data/in.jsonl`), so that its
    /// ids match.
    pub name: Option<String>,
    /// Only these bytes of an uncompressed JSON-lines file (a distributed run's work unit).
    pub range: Option<ByteRange>,
}

/// A stretch of whole lines of an uncompressed JSON-lines file: bytes `start..end`, both at
/// line starts (or the file's end), and how many lines come before `start`, so that records
/// keep the line numbers (and ids) they have when the whole file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ByteRange {
    pub start: u64,
    pub end: u64,
    pub lines_before: u64,
}

impl InputFile {
    /// The name used in ids (`<file>:<line>`) and in rejection records.
    pub fn display_name(&self) -> String {
        match (&self.name, &self.path) {
            (Some(name), _) => name.clone(),
            (None, Some(p)) => p.display().to_string(),
            (None, None) => "-".to_string(),
        }
    }

    /// What identifies the file whatever its spelling: the path with links and `..`
    /// resolved (`-` for standard input).
    pub fn identity(&self) -> String {
        match &self.path {
            Some(p) => p
                .canonicalize()
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string(),
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
        ".ndjson.zstd",
    ];
    if JSONL.iter().any(|ext| name.ends_with(ext)) {
        Some(InputKind::Jsonl)
    } else if [".json", ".json.gz", ".json.zst", ".json.zstd"]
        .iter()
        .any(|ext| name.ends_with(ext))
    {
        Some(InputKind::Json)
    } else if name.ends_with(".txt") {
        Some(InputKind::Text)
    } else if name.ends_with(".html") || name.ends_with(".htm") {
        Some(InputKind::Html)
    } else if name.ends_with(".parquet") {
        Some(InputKind::Parquet)
    } else if [
        ".warc",
        ".warc.gz",
        ".warc.zst",
        ".wet",
        ".wet.gz",
        ".wet.zst",
    ]
    .iter()
    .any(|ext| name.ends_with(ext))
    {
        Some(InputKind::Warc)
    } else {
        None
    }
}

/// Describes one input file of a known kind: opens it (which proves it readable now rather
/// than hours into the run) and notes its size and modification time. Anything but a regular
/// file is refused before it is opened: a FIFO would block the open, and neither it nor a
/// device can be read twice, which whole-corpus stages and resume need.
pub fn describe(path: &Path, kind: InputKind) -> Result<InputFile, IoError> {
    let err = |source| IoError::Input {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(err)?;
    if !meta.is_file() {
        return Err(IoError::NotAFile {
            path: path.to_path_buf(),
        });
    }
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
        name: None,
        range: None,
    })
}

/// Resolves the command-line inputs. Explicit files must have a known kind; files inside
/// folders with other names are skipped and listed in [`Inputs::skipped`].
pub fn discover(args: &[PathBuf]) -> Result<Inputs, IoError> {
    discover_excluding(args, &[])
}

/// As [`discover`], but folders whose resolved path is one of `exclude` are not walked (a
/// run's output folder inside an input folder is never read as input). A file named twice,
/// directly or through a folder, is refused: it would be read twice.
pub fn discover_excluding(args: &[PathBuf], exclude: &[PathBuf]) -> Result<Inputs, IoError> {
    let mut inputs = Inputs::default();
    for arg in args {
        if arg.as_os_str() == "-" {
            inputs.files.push(InputFile {
                path: None,
                kind: InputKind::Jsonl,
                size: None,
                modified_ns: None,
                name: None,
                range: None,
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
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    !(e.file_type().is_dir()
                        && !exclude.is_empty()
                        && e.path()
                            .canonicalize()
                            .is_ok_and(|real| exclude.contains(&real)))
                });
            for entry in walker {
                // A link that leads nowhere is skipped like any file ghirbal does not read.
                if let Err(e) = &entry {
                    if let Some(p) = e.path() {
                        if std::fs::symlink_metadata(p).is_ok_and(|m| m.file_type().is_symlink())
                            && std::fs::metadata(p).is_err()
                        {
                            inputs.skipped.push(p.to_path_buf());
                            continue;
                        }
                    }
                }
                let entry = entry.map_err(|e| IoError::Input {
                    path: e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| arg.clone()),
                    source: e
                        .into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("filesystem loop")),
                })?;
                if entry.file_type().is_dir() {
                    continue;
                }
                if !entry.file_type().is_file() {
                    // A FIFO, socket or device inside a folder is never read, but said.
                    inputs.skipped.push(entry.path().to_path_buf());
                    continue;
                }
                // A plain `.json` file in a folder is more often a dataset's own description
                // (`dataset_info.json`, `state.json`) than records: only one named on the
                // command line is read. Compressed ones (C4's `.json.gz`) are dumps.
                let description = entry
                    .path()
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"));
                match kind_of(entry.path()) {
                    Some(InputKind::Json) if description => {
                        inputs.skipped.push(entry.path().to_path_buf())
                    }
                    None => inputs.skipped.push(entry.path().to_path_buf()),
                    Some(kind) => inputs.files.push(describe(entry.path(), kind)?),
                }
            }
        } else {
            let kind = kind_of(arg).ok_or_else(|| IoError::UnknownKind { path: arg.clone() })?;
            inputs.files.push(describe(arg, kind)?);
        }
    }
    refuse_repeats(&inputs.files)?;
    if inputs.files.iter().filter(|f| f.path.is_none()).count() > 1 {
        return Err(IoError::NamedTwice {
            first: PathBuf::from("-"),
            second: PathBuf::from("-"),
        });
    }
    Ok(inputs)
}

/// Refuses a file that appears twice among the inputs, whatever the spelling (relative,
/// absolute, through a folder or a link).
fn refuse_repeats(files: &[InputFile]) -> Result<(), IoError> {
    let mut seen: std::collections::HashMap<FileKey, &Path> = std::collections::HashMap::new();
    for f in files {
        let Some(path) = &f.path else { continue };
        if let Some(first) = seen.insert(file_key(path), path) {
            return Err(IoError::NamedTwice {
                first: first.to_path_buf(),
                second: path.clone(),
            });
        }
    }
    Ok(())
}

/// What makes two paths the same file: device and inode where there are such (hard links
/// included), else the resolved path.
#[derive(PartialEq, Eq, Hash)]
enum FileKey {
    #[cfg_attr(not(unix), allow(dead_code))]
    Inode(u64, u64),
    Path(PathBuf),
}

fn file_key(path: &Path) -> FileKey {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(path) {
            return FileKey::Inode(m.dev(), m.ino());
        }
    }
    FileKey::Path(path.canonicalize().unwrap_or_else(|_| path.to_path_buf()))
}

/// Checks that an input file still has the size and modification time it had when it was
/// described: a file that changes during a run would give whole-corpus decisions made on
/// one corpus and outputs written from another.
pub fn unchanged(file: &InputFile) -> Result<(), IoError> {
    let Some(path) = &file.path else {
        return Ok(());
    };
    let now = std::fs::metadata(path).map_err(|e| IoError::Changed {
        path: path.clone(),
        message: format!("it can no longer be read: {e}"),
    })?;
    let modified_ns = now
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos());
    if Some(now.len()) != file.size || modified_ns != file.modified_ns {
        return Err(IoError::Changed {
            path: path.clone(),
            message: format!(
                "{} bytes when the run started, {} now{}",
                file.size.unwrap_or(0),
                now.len(),
                if modified_ns != file.modified_ns {
                    ", and modified since"
                } else {
                    ""
                }
            ),
        });
    }
    Ok(())
}
