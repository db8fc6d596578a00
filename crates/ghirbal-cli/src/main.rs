//! The `ghirbal` command: argument parsing, progress and the end-of-run summary. The work lives
//! in the library crates; this file only resolves flags into a run, hands the pipeline
//! ghirbal-steps' [`Registry`] of step types (the pipeline knows none itself), and reports on it.

mod extract;
mod inspect_view;
mod lid;
mod progress;
mod report;
mod summary;

use anyhow::anyhow;
use clap::{Args, Parser, Subcommand};
use ghirbal_core::StepCatalog;
use ghirbal_io::OutputFormat;
use ghirbal_pipeline::{ConfigFile, RunOptions};
use ghirbal_steps::Registry;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

const RUN_EXAMPLES: &str = "\
Examples:
  # The default pipeline over a compressed JSONL corpus, into OUT/
  ghirbal run news.jsonl.zst -o OUT

  # Every .jsonl/.jsonl.gz/.jsonl.zst/.txt/.parquet/.warc.gz/.html file under a folder, two threads
  ghirbal run crawl/ -o OUT --threads 2

  # A quick trial on a big input: the first 10,000 records, or a seeded 1 % sample
  ghirbal run news.jsonl.zst -o TRIAL --limit 10000
  ghirbal run news.jsonl.zst -o TRIAL --sample 0.01

  # From the crawl: pages of a Common Crawl WARC file through FineWeb-2's Arabic filters
  # (HTML input runs `extract` first, and `lid` after it when the preset has none)
  ghirbal run CC-MAIN-20240722-00000.warc.gz -o OUT --preset fineweb2-arb

  # Records that hold a page's HTML in the field \"html\"
  ghirbal run pages.jsonl.zst -o OUT --html-field html

  # Records whose text is in the field \"content\", written as Parquet
  ghirbal run dump.jsonl.gz -o OUT --text-field content --format parquet

  # Your own pipeline (see `ghirbal steps` for step types and options)
  ghirbal run in.jsonl -o OUT --config my.toml

  # From standard input, no steps: validate and convert
  zcat dump.jsonl.gz | ghirbal run - -o OUT --preset none

Interrupted runs (Ctrl-C, kill, crash) resume when the same command is run again.
Outputs: OUT/kept/, OUT/removed/ (with step, reason code and detail), OUT/rejected/
(records that could not be read, with the error), OUT/stats.json, OUT/config.toml.

The output folder: new, empty, or holding only an earlier ghirbal run's output. ghirbal
records every file it writes (OUT/.ghirbal/ledger) and refuses a folder holding anything
else, listing it; --overwrite removes only what an earlier run recorded. One folder takes
one run at a time: a second run into it exits with code 2 while the first is working.

Exit codes: 0 the run finished (even if some records were rejected: the summary says how
many and where), 1 the run could not complete or more than --max-rejected of the records
were rejected, 2 usage or configuration error (nothing was written), 130 interrupted by
Ctrl-C or SIGTERM (a checkpoint was written: the same command resumes).";

#[derive(Parser)]
#[command(
    name = "ghirbal",
    version,
    about = "Turns raw Arabic web text into a clean, deduplicated, quality-annotated corpus",
    long_about = "ghirbal (غربال, \"sieve\") turns raw Arabic web text into a clean, deduplicated, quality-annotated corpus for training language models. Every input record is accounted for: kept, removed with a step, reason code and detail, or rejected with the error.",
    after_help = "Start with `ghirbal run --help` and `ghirbal steps`."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a pipeline over inputs and write kept, removed and rejected documents.
    #[command(after_help = RUN_EXAMPLES)]
    Run(Box<RunArgs>),
    /// List every step type with its options, defaults and reason codes, and the presets.
    Steps(StepsArgs),
    /// Follow one document through the pipeline: each step's verdict, and the text with every
    /// removed line marked by the rule that removed it.
    #[command(after_help = INSPECT_EXAMPLES)]
    Inspect(Box<InspectArgs>),
    /// Identify the language (and for Arabic the dialect group) of each record or line, and
    /// print one JSON object per input: id, language, score, script, dialect, dialect_score.
    #[command(after_help = lid::EXAMPLES)]
    Lid(lid::LidArgs),
    /// Extract the main text of HTML pages (WARC responses, .html files, records with
    /// --html-field) and print one JSON object per page: id, url, title, text, charset,
    /// extraction (main or fallback).
    #[command(after_help = extract::EXAMPLES)]
    Extract(Box<extract::ExtractArgs>),
    /// Write the run report of an output folder: one self-contained HTML page with the
    /// funnel, the distributions with their thresholds, and samples of kept and removed
    /// documents (OUT/report.html).
    #[command(after_help = report::EXAMPLES)]
    Report(report::ReportArgs),
}

const INSPECT_EXAMPLES: &str = "\
Examples:
  # The seed page through the default pipeline
  ghirbal inspect news-page.txt --record 0

  # One article of a corpus, by id, as the default pipeline judges it (whole-corpus stages
  # read the whole input first, as in a run)
  ghirbal inspect news.jsonl.zst --id almayadeen-1669982

  # For a terminal without right-to-left support, reorder Arabic for display
  ghirbal inspect news.jsonl.zst --record 12 --visual";

#[derive(Args)]
struct InspectArgs {
    /// Input files or folders, as for `ghirbal run`.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// The id of the document to follow.
    #[arg(long, conflicts_with = "record", required_unless_present = "record")]
    id: Option<String>,
    /// The position of the record to follow (0-based, over all inputs).
    #[arg(long, value_name = "N")]
    record: Option<u64>,
    /// Pipeline configuration (TOML).
    #[arg(long, value_name = "FILE", conflicts_with = "preset")]
    config: Option<PathBuf>,
    /// A pipeline embedded in ghirbal [default: default].
    #[arg(long, value_name = "NAME")]
    preset: Option<String>,
    /// Field holding the document id [default: id].
    #[arg(long, value_name = "FIELD")]
    id_field: Option<String>,
    /// Field holding the text [default: text].
    #[arg(long, value_name = "FIELD")]
    text_field: Option<String>,
    /// Field holding a page's HTML in JSON or Parquet records: such records are extracted
    /// (the `extract` step runs first).
    #[arg(long, value_name = "FIELD")]
    html_field: Option<String>,
    /// Larger records are rejected without being loaded (bytes; K, M, G suffixes) [default: 64M].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_doc_bytes: Option<u64>,
    /// Print the trace as JSON.
    #[arg(long)]
    json: bool,
    /// Reorder right-to-left lines for terminals without bidi support.
    #[arg(long)]
    visual: bool,
}

#[derive(Args)]
struct RunArgs {
    /// Input files or folders: .jsonl, .jsonl.gz, .jsonl.zst, .json (one array of records, or
    /// JSON lines; gz or zst too), .txt (one document per file), .parquet, .warc.gz / .wet.gz
    /// (plain or zstd too; WARC HTML responses are extracted, WET text records are documents),
    /// .html / .htm (one page per file); folders are read recursively in name order; - reads
    /// JSONL from standard input.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output folder (created if missing).
    #[arg(short, long, value_name = "OUT")]
    output: PathBuf,
    /// Pipeline configuration (TOML, `version = 1`); `OUT/config.toml` of an earlier run works.
    #[arg(long, value_name = "FILE", conflicts_with = "preset")]
    config: Option<PathBuf>,
    /// A pipeline embedded in ghirbal (`ghirbal steps` lists them) [default: default].
    #[arg(long, value_name = "NAME")]
    preset: Option<String>,
    /// Worker threads; the output is the same for every value [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// Replace the output of an earlier run with another configuration or other inputs.
    /// Only files that run recorded as written are removed; a folder holding anything else is
    /// refused either way.
    #[arg(long)]
    overwrite: bool,
    /// Exit with code 1 when more than this fraction of the records could not be read (a
    /// wrong --text-field, say); the outputs are written either way [default: 0.5].
    #[arg(long, value_name = "FRACTION", value_parser = parse_fraction)]
    max_rejected: Option<f64>,
    /// No progress bar and no summary.
    #[arg(long, short)]
    quiet: bool,
    /// Record in each document's metadata, kept or removed alike, what the steps measured and
    /// changed: the quality filters' values (`quality.gopher_quality.words`,
    /// `quality.fineweb_quality.line_punct_ratio`, ...), so thresholds can be studied without
    /// rerunning, and the lines removed with their rule (`boilerplate_removed`) and masked PII
    /// (`pii_masked`).
    #[arg(long, visible_alias = "keep-edits")]
    annotate: bool,
    /// Removed documents carry the text as it was read, before any step changed it
    /// (`text_as_read`), so that a removal after boilerplate or PII masking can be audited.
    #[arg(long)]
    keep_original: bool,
    /// Tag mode: remove nothing. Every document goes to kept/ (as the editing steps left it),
    /// and what each filter and stage measured and would have removed goes to attributes/,
    /// one record per document in the same shards and order as kept/, so that thresholds can
    /// be chosen later (with DuckDB, jq, pandas) without running the steps again.
    #[arg(long)]
    tag: bool,
    /// Do not write OUT/report.html, the run report (one HTML page: the funnel, the
    /// distributions the steps measured with their thresholds, and sample documents per
    /// reason; see `ghirbal report --help`). `ghirbal report OUT` writes it later.
    #[arg(long)]
    no_report: bool,
    /// Output format of kept and removed documents.
    #[arg(long, value_name = "FORMAT", value_parser = ["jsonl.zst", "jsonl.gz", "jsonl", "parquet"])]
    format: Option<String>,
    /// Field holding the document id [default: id].
    #[arg(long, value_name = "FIELD")]
    id_field: Option<String>,
    /// Field holding the text [default: text].
    #[arg(long, value_name = "FIELD")]
    text_field: Option<String>,
    /// Field holding a page's HTML in JSON or Parquet records: such records are extracted
    /// (the `extract` step runs first).
    #[arg(long, value_name = "FIELD")]
    html_field: Option<String>,
    /// Larger records are rejected without being loaded (bytes; K, M, G suffixes) [default: 64M].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    max_doc_bytes: Option<u64>,
    /// Shards are closed before they grow past this size (bytes; K, M, G suffixes) [default: 256M].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    shard_size: Option<u64>,
    /// zstd level for jsonl.zst output (1-22) [default: 3].
    #[arg(long, value_name = "LEVEL")]
    zstd_level: Option<i32>,
    /// Resolve the configuration and list the inputs and the output folder, then stop:
    /// nothing is read past the inputs' names or written.
    #[arg(long)]
    dry_run: bool,
    /// Read only the first N records (over all inputs, in order): a quick trial on a big input.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    limit: Option<u64>,
    /// Process this share of the records, the same ones for every thread count and rerun
    /// (chosen by a hash of each record's input and line, with --seed); the others count as
    /// skipped (`not_sampled`).
    #[arg(long, value_name = "FRACTION", value_parser = parse_share)]
    sample: Option<f64>,
    /// Seed of --sample: another seed, another sample [default: 0].
    #[arg(long, value_name = "N", requires = "sample")]
    seed: Option<u64>,
    /// Records per batch (tuning and tests; does change shard boundaries).
    #[arg(long, hide = true, default_value_t = 1000)]
    batch_docs: usize,
    /// Batches between checkpoints (tuning and tests).
    #[arg(long, hide = true, default_value_t = 16)]
    checkpoint_every: u64,
    /// Least seconds between checkpoints of an observation pass (tuning and tests).
    #[arg(long, hide = true, default_value_t = 300)]
    observe_checkpoint_secs: u64,
}

#[derive(Args)]
struct StepsArgs {
    /// Print the configuration of this preset instead.
    #[arg(long, value_name = "NAME")]
    preset: Option<String>,
}

impl RunArgs {
    /// Arguments that only choose a configuration, for subcommands that share its loading.
    fn for_config(
        config: Option<PathBuf>,
        preset: Option<String>,
        id_field: Option<String>,
        text_field: Option<String>,
        html_field: Option<String>,
        max_doc_bytes: Option<u64>,
    ) -> Self {
        Self {
            inputs: Vec::new(),
            output: PathBuf::new(),
            config,
            preset,
            threads: None,
            overwrite: false,
            max_rejected: None,
            quiet: true,
            annotate: false,
            keep_original: false,
            tag: false,
            no_report: false,
            format: None,
            id_field,
            text_field,
            html_field,
            max_doc_bytes,
            shard_size: None,
            zstd_level: None,
            dry_run: false,
            limit: None,
            sample: None,
            seed: None,
            batch_docs: 1000,
            checkpoint_every: 16,
            observe_checkpoint_secs: 300,
        }
    }
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, mult) = match s.char_indices().last() {
        Some((i, c)) if c.is_ascii_alphabetic() => {
            let mult: u64 = match c.to_ascii_uppercase() {
                'K' => 1 << 10,
                'M' => 1 << 20,
                'G' => 1 << 30,
                'B' => 1,
                _ => return Err(format!("unknown size suffix '{c}' (use K, M or G)")),
            };
            (&s[..i], mult)
        }
        _ => (s, 1),
    };
    let n: u64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("'{s}' is not a size (examples: 1048576, 512K, 64M, 1G)"))?;
    match n.checked_mul(mult) {
        Some(0) => Err("size must be positive".into()),
        Some(v) => Ok(v),
        None => Err(format!("'{s}' is too large")),
    }
}

/// A fraction between 0 and 1, for --max-rejected.
/// `run --dry-run`: what a run would read, where it would write and with which configuration.
fn dry_run(args: &RunArgs, config: &ConfigFile) -> anyhow::Result<ExitCode> {
    use std::fmt::Write as _;
    let inputs = ghirbal_io::discover(&args.inputs)?;
    let mut o = String::new();
    let _ = writeln!(o, "ghirbal run --dry-run: nothing was read or written\n");
    let total = inputs.total_bytes().map_or_else(
        || "standard input".to_string(),
        |b| format!("{:.1} MB on disk", b as f64 / 1e6),
    );
    let _ = writeln!(o, "inputs: {} file(s), {total}", inputs.files.len());
    for f in &inputs.files {
        let size = f
            .size
            .map_or_else(String::new, |b| format!("{:>10.1} MB", b as f64 / 1e6));
        let _ = writeln!(
            o,
            "  {:<8} {size}  {}",
            format!("{:?}", f.kind).to_lowercase(),
            f.display_name()
        );
    }
    if !inputs.skipped.is_empty() {
        let _ = writeln!(
            o,
            "  {} file(s) in the folders would be skipped, e.g. {}",
            inputs.skipped.len(),
            inputs.skipped[0].display()
        );
    }
    let out = &args.output;
    let state = if !out.exists() {
        "new: it would be created"
    } else if out.join(".ghirbal").exists() {
        "holds an earlier ghirbal run: the same configuration and inputs resume it (or report it complete); others are refused without --overwrite"
    } else if out
        .read_dir()
        .map(|mut d| d.next().is_none())
        .unwrap_or(false)
    {
        "empty"
    } else {
        "holds other files: the run would refuse it"
    };
    let _ = writeln!(o, "\noutput: {} ({state})", out.display());
    let _ = writeln!(o, "\nconfiguration (as OUT/config.toml would hold it):\n");
    o.push_str(&config.to_toml()?);
    print_out(&o)?;
    Ok(ExitCode::SUCCESS)
}

fn parse_share(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v > 0.0 && v <= 1.0 => Ok(v),
        _ => Err(format!(
            "'{s}' is not a share of the records: more than 0, at most 1 (examples: 0.01, 0.5)"
        )),
    }
}

fn parse_fraction(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!(
            "'{s}' is not a fraction between 0 and 1 (examples: 0, 0.01, 0.5, 1)"
        )),
    }
}

/// Default of --max-rejected: a run that cannot read half its records is almost surely
/// misconfigured (a wrong field name, the wrong files), while a damaged but real corpus, with
/// a few percent of bad records, still passes.
const DEFAULT_MAX_REJECTED: f64 = 0.5;

/// Writes a line to standard error, ignoring a closed or full one (`eprintln!` would panic,
/// turning any exit code into 101).
fn say(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{text}");
}

/// Prints to standard output; a reader that has gone away (`| head`, `| true`) is not an
/// error of the run, so a closed pipe is ignored instead of panicking as `print!` would.
fn print_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => run(*args),
        Command::Steps(args) => steps(args).map_err(|e| (e, 2)),
        Command::Inspect(args) => inspect(*args),
        Command::Lid(args) => lid::run(&args),
        Command::Extract(args) => extract::run(&args),
        Command::Report(args) => report::run(&args),
    };
    match result {
        Ok(code) => code,
        Err((e, code)) => {
            say(&format!("error: {e:#}"));
            ExitCode::from(code)
        }
    }
}

fn load_config(args: &RunArgs) -> anyhow::Result<ConfigFile> {
    // Paths in a configuration file are resolved against the file's folder.
    let mut cfg = ConfigFile::choose(
        args.config.as_deref(),
        args.preset.as_deref(),
        ghirbal_steps::PRESETS,
        &Registry,
    )?;
    if let Some(f) = &args.format {
        cfg.writer.format = OutputFormat::parse(f).ok_or_else(|| anyhow!("unknown format {f}"))?;
    }
    if let Some(v) = &args.id_field {
        cfg.reader.id_field = v.clone();
    }
    if let Some(v) = &args.text_field {
        cfg.reader.text_field = v.clone();
    }
    if let Some(v) = &args.html_field {
        cfg.reader.html_field = Some(v.clone());
    }
    // Pages that arrive as HTML need `extract` first.
    let added = cfg.read_html_for(&args.inputs, Some(&args.output), args.config.is_none());
    if !added.is_empty() && !args.quiet {
        say(&format!(
            "ghirbal: the input holds HTML pages: running {} first",
            added.join(" then ")
        ));
    }
    if args.tag {
        cfg.writer.tag = true;
    }
    if args.keep_original {
        cfg.writer.keep_original = true;
    }
    if let Some(v) = args.limit {
        cfg.reader.limit = Some(v);
    }
    if let Some(v) = args.sample {
        cfg.reader.sample = Some(v);
        cfg.reader.sample_seed = args.seed.unwrap_or(0);
    }
    if let Some(v) = args.max_doc_bytes {
        cfg.reader.max_doc_bytes = v;
    }
    if let Some(v) = args.shard_size {
        cfg.writer.shard_bytes = v;
    }
    if let Some(v) = args.zstd_level {
        cfg.writer.zstd_level = v;
    }
    if args.annotate {
        Registry.enable_annotations(&mut cfg.steps);
    }
    if cfg.reader.id_field == cfg.reader.text_field {
        return Err(anyhow!(
            "the id field and the text field are both \"{}\": give each its own field (--id-field, --text-field)",
            cfg.reader.text_field
        ));
    }
    // Re-validate after the flags changed it.
    Ok(cfg.revalidated("command line", &Registry)?)
}

fn run(args: RunArgs) -> Result<ExitCode, (anyhow::Error, u8)> {
    let config = load_config(&args).map_err(|e| (e, 2))?;
    if args.threads == Some(0) {
        return Err((anyhow!("--threads must be at least 1"), 2));
    }
    if args.dry_run {
        return dry_run(&args, &config).map_err(|e| (e, 2));
    }
    let mut opts = RunOptions::new(args.inputs.clone(), args.output.clone(), config);
    opts.threads = args.threads.unwrap_or(0);
    opts.overwrite = args.overwrite;
    opts.batch_docs = args.batch_docs;
    opts.checkpoint_every = args.checkpoint_every;
    opts.observe_checkpoint_secs = args.observe_checkpoint_secs;
    opts.report = !args.no_report;
    opts.command_line = std::env::args().collect::<Vec<_>>().join(" ");
    let cancel = Arc::new(AtomicBool::new(false));
    opts.cancel = Some(Arc::clone(&cancel));
    catch_interrupts(cancel);
    let show = !args.quiet && std::io::stderr().is_terminal();
    let progress = progress::Bar::new(show);
    match ghirbal_pipeline::run(&opts, &Registry, &progress) {
        Ok(report) => {
            progress.clear();
            let limit = args.max_rejected.unwrap_or(DEFAULT_MAX_REJECTED);
            let too_many = report.too_many_rejected(
                limit,
                "--max-rejected",
                "--text-field",
                &opts.config.reader.text_field,
            );
            if !args.quiet {
                // The run is complete whatever happens to its summary (a full disk behind
                // `> file`): that is not a reason to say it failed.
                if let Err(e) = print_out(&summary::render(&report)) {
                    say(&format!("warning: the summary could not be printed: {e:#}"));
                }
            }
            if let Some(message) = too_many {
                return Err((anyhow!(message), 1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Err(ghirbal_pipeline::PipelineError::Interrupted {
            records_done,
            during,
        }) => {
            progress.clear();
            Err((
                anyhow!(
                    "interrupted during {during} ({records_done} records done); the progress is saved in {}: run the same command again to resume",
                    args.output.display()
                ),
                130,
            ))
        }
        Err(e) => {
            progress.clear();
            let code = if e.is_usage() { 2 } else { 1 };
            Err((anyhow::Error::new(e), code))
        }
    }
}

/// Ctrl-C and SIGTERM ask the run to stop at the next batch, after a checkpoint; a second one
/// ends the process at once (the last checkpoint still holds, as after `kill -9`).
fn catch_interrupts(cancel: Arc<AtomicBool>) {
    let result = ctrlc::set_handler(move || {
        if cancel.swap(true, Ordering::SeqCst) {
            say("\nghirbal: stopped at once; the same command resumes from the last checkpoint");
            std::process::exit(130);
        }
        say("\nghirbal: stopping after the batch in flight (Ctrl-C again to stop at once)");
    });
    if let Err(e) = result {
        say(&format!(
            "warning: Ctrl-C will stop the run without a checkpoint: {e}"
        ));
    }
}

fn inspect(args: InspectArgs) -> Result<ExitCode, (anyhow::Error, u8)> {
    let mut base = RunArgs::for_config(
        args.config.clone(),
        args.preset.clone(),
        args.id_field.clone(),
        args.text_field.clone(),
        args.html_field.clone(),
        args.max_doc_bytes,
    );
    base.inputs = args.inputs.clone();
    let config = load_config(&base).map_err(|e| (e, 2))?;
    let target = match (&args.id, args.record) {
        (Some(id), _) => ghirbal_pipeline::Target::Id(id.clone()),
        (None, Some(n)) => ghirbal_pipeline::Target::Record(n),
        (None, None) => return Err((anyhow!("give --id or --record"), 2)),
    };
    let opts = ghirbal_pipeline::InspectOptions {
        inputs: args.inputs.clone(),
        config,
        target,
        threads: 0,
    };
    let progress = progress::Bar::new(std::io::stderr().is_terminal());
    let result = ghirbal_pipeline::inspect(&opts, &Registry, &progress);
    progress.clear();
    match result {
        Ok(ins) => {
            let text = if args.json {
                let mut text = serde_json::to_string_pretty(&ins).map_err(|e| (e.into(), 1))?;
                text.push('\n');
                text
            } else {
                inspect_view::render(&ins, args.visual)
            };
            print_out(&text).map_err(|e| (e, 1))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            let code = if e.is_usage() { 2 } else { 1 };
            Err((anyhow::Error::new(e), code))
        }
    }
}

fn steps(args: StepsArgs) -> anyhow::Result<ExitCode> {
    if let Some(name) = args.preset {
        let text =
            ghirbal_steps::preset(&name).ok_or_else(|| anyhow!("unknown preset \"{name}\""))?;
        print_out(text)?;
        return Ok(ExitCode::SUCCESS);
    }
    print_out(&summary::catalog())?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("12Q").is_err());
        assert!(parse_size("M").is_err());
    }
}
