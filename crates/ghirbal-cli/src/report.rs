//! `ghirbal report`: the HTML run report of an output folder (or two, compared), written
//! atomically beside the run's outputs.

use anyhow::{anyhow, Context};
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub const EXAMPLES: &str = "\
What the page shows: the funnel from records read, through each step, to documents kept (in
documents and bytes, with every removal's step and reason code, its count and share, and the
time per step); rejected and skipped records; the distributions the steps measured (document
length kept vs removed, language and dialect, each quality filter's value with its threshold
drawn and the removed side shaded); what the editing steps changed (boilerplate lines per rule,
PII masks per kind); a seeded sample of kept, removed and rejected documents, shown right to
left with the lines boilerplate struck and the PII masks marked, filterable by step, reason and
text; and the resolved configuration.

Open it in any browser: it is one file with everything inline and makes no network request
(xdg-open OUT/report.html, open OUT/report.html on macOS, or drag it into a browser window).
A filtered view of the samples is kept in the address (#reason=…), so it can be shared.

Examples:
  # The report of a run, written to OUT/report.html
  ghirbal report OUT

  # Tuning a threshold: run B against run A, removal rates per reason side by side
  ghirbal report OUT_A --against OUT_B -o compare.html

  # Byte-identical reports for equivalent runs (no threads or timings), for diffing
  ghirbal report OUT --stable -o /tmp/a.html

Runs made before ghirbal collected observations (no OUT/observations.json.zst) get the
funnel and configuration only.";

#[derive(Args)]
pub struct ReportArgs {
    /// The output folder of a `ghirbal run` (holding stats.json).
    #[arg(value_name = "OUT")]
    out: PathBuf,
    /// Compare with another run's output folder: removal rates per reason, the change in kept
    /// documents and bytes, histograms overlaid, both configurations (samples are OUT's).
    #[arg(long, value_name = "OUT_B")]
    against: Option<PathBuf>,
    /// Leave out everything that varies between equivalent runs (threads, wall time, time per
    /// step, outcome), so that the report is the same byte for byte.
    #[arg(long)]
    stable: bool,
    /// Where to write the page [default: OUT/report.html].
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: &ReportArgs) -> Result<ExitCode, (anyhow::Error, u8)> {
    let a = ghirbal_report::load(&args.out).map_err(|e| (anyhow!(e), 2))?;
    let html = match &args.against {
        None => ghirbal_report::render(&a, args.stable),
        Some(b) => {
            let b = ghirbal_report::load(b).map_err(|e| (anyhow!(e), 2))?;
            ghirbal_report::render_against(&a, &b, args.stable)
        }
    };
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| args.out.join("report.html"));
    write_replacing(&path, html.as_bytes()).map_err(|e| (e, 1))?;
    crate::print_out(&format!("{}\n", path.display())).map_err(|e| (e, 1))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes through a temporary file in the same folder and renames it over `path`, so a reader
/// never sees half a page and an interrupted write leaves the old one. Inside a run's output
/// folder, both names go in its ledger first (under the folder's lock): otherwise the next
/// `ghirbal run -o OUT --overwrite` would refuse the folder for holding a file it did not write.
fn write_replacing(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .ok_or_else(|| anyhow!("{} is not a file name", path.display()))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        std::process::id()
    ));
    let path = dir.join(name);
    let owned = OwnedFolder::claim(&dir)?;
    if let Some(o) = &owned {
        o.ledger.file(&tmp)?;
        o.ledger.file(&path)?;
    }
    let result = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("cannot write {}", path.display()))?;
    if let Some(o) = &owned {
        o.ledger.gone(&tmp)?;
        o.ledger.sync()?;
    }
    Ok(())
}

/// A run's output folder, locked against a run writing into it while the report is added.
struct OwnedFolder {
    ledger: ghirbal_io::Ledger,
    _lock: std::fs::File,
}

impl OwnedFolder {
    /// `None` when `dir` is not a run's output folder (no ledger): the report is then an
    /// ordinary file.
    fn claim(dir: &Path) -> anyhow::Result<Option<Self>> {
        if !dir.join(ghirbal_io::ledger::LEDGER_PATH).is_file() {
            return Ok(None);
        }
        let lock_path = dir.join(ghirbal_io::ledger::STATE_DIR).join("lock");
        let ledger = ghirbal_io::Ledger::open(dir)?;
        if !lock_path.exists() {
            ledger.file(&lock_path)?;
        }
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .with_context(|| format!("cannot open {}", lock_path.display()))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(anyhow!(
                    "a run is writing into {}; write the report when it has finished",
                    dir.display()
                ))
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(anyhow!(e).context(format!("cannot lock {}", lock_path.display())))
            }
        }
        Ok(Some(Self {
            ledger,
            _lock: lock,
        }))
    }
}
