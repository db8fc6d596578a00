//! `ghirbal report`: the HTML run report of an output folder (or two, compared), written
//! atomically beside the run's outputs.

use anyhow::anyhow;
use clap::Args;
use std::path::PathBuf;
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
    let command_line = std::env::args().collect::<Vec<_>>().join(" ");
    ghirbal_pipeline::write_page(&path, html.as_bytes(), &command_line).map_err(|e| {
        let code = if e.is_usage() { 2 } else { 1 };
        (anyhow!(e), code)
    })?;
    crate::print_out(&format!("{}\n", path.display())).map_err(|e| (e, 1))?;
    Ok(ExitCode::SUCCESS)
}
