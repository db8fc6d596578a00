//! `ghirbal lid`: language identification of each record of a JSONL file or each line of a
//! text, printed as JSON lines, without running a pipeline.

use anyhow::{anyhow, Context};
use clap::Args;
use ghirbal_lid::{Identifier, Limits};
use serde_json::{Map, Value};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

pub const EXAMPLES: &str = "\
Examples:
  # Each record of a corpus (JSONL with id and text; gzip or zstd detected)
  ghirbal lid news.jsonl.zst

  # Plain lines from standard input (ids are line numbers)
  printf 'مرحبا بكم\\nسلام دوستان\\n' | ghirbal lid

  # Every line of each document judged on its own, as `lid` with paragraphs = true does
  ghirbal lid page.jsonl --paragraphs

Input: a line that is a JSON object is a record (its id and text fields); any other line is a
text of its own, with its line number as id. Blank lines are skipped.
Output, one object per input: {\"id\", \"language\", \"score\", \"script\"} plus \"dialect\" and
\"dialect_score\" for Arabic. Languages: ar (every variety), fa, ur, ps, ckb, sd, ug, en, fr, any
other lid.176 code, und (no letter). Dialects: msa, egy, glf, lev, mgr.
The model (fastText lid.176, CC-BY-SA-3.0) is embedded: nothing is downloaded.";

#[derive(Args)]
pub struct LidArgs {
    /// JSONL (plain, gzip or zstd) or plain text; - or nothing reads standard input.
    #[arg(value_name = "FILE", default_value = "-")]
    input: PathBuf,
    /// Field holding the id in JSON records.
    #[arg(long, value_name = "FIELD", default_value = "id")]
    id_field: String,
    /// Field holding the text in JSON records.
    #[arg(long, value_name = "FIELD", default_value = "text")]
    text_field: String,
    /// Bytes of each text identified (its beginning).
    #[arg(long, value_name = "N", default_value_t = Limits::default().max_bytes)]
    max_bytes: usize,
    /// Also identify each line of the text: adds "paragraphs": [{line, language, score}].
    #[arg(long)]
    paragraphs: bool,
    /// No dialect annotation.
    #[arg(long)]
    no_dialect: bool,
    /// lid.176's own answer, without cleaning, script restriction or letter and word
    /// evidence (Arabic varieties still reported as ar): for comparison.
    #[arg(long)]
    model_only: bool,
}

pub fn run(args: &LidArgs) -> Result<ExitCode, (anyhow::Error, u8)> {
    identify_all(args).map_err(|e| (e, 1))
}

fn open(path: &PathBuf) -> anyhow::Result<Box<dyn BufRead + Send>> {
    if path.as_os_str() == "-" {
        return Ok(ghirbal_io::decompressed(std::io::stdin())?);
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    Ok(ghirbal_io::decompressed(file)?)
}

fn identify_all(args: &LidArgs) -> anyhow::Result<ExitCode> {
    let identifier = Identifier::get().map_err(|e| anyhow!(e))?;
    let limits = Limits {
        max_bytes: args.max_bytes,
        evidence: !args.model_only,
    };
    let mut reader = open(&args.input)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("cannot read {}", args.input.display()))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            continue;
        }
        let (id, text) = record(line, line_no, args);
        let guess = identifier.identify(&text, limits);
        let mut obj = Map::new();
        obj.insert("id".into(), id);
        obj.insert("language".into(), Value::from(guess.language.clone()));
        obj.insert("score".into(), round(guess.score));
        obj.insert("script".into(), Value::from(guess.script.code()));
        if let Some(d) = guess.dialect.filter(|_| !args.no_dialect) {
            obj.insert("dialect".into(), Value::from(d.dialect.code()));
            obj.insert("dialect_score".into(), round(d.score));
        }
        if args.paragraphs {
            let paragraphs: Vec<Value> = text
                .split('\n')
                .enumerate()
                .filter(|(_, p)| !p.trim().is_empty())
                .map(|(i, p)| {
                    let g = identifier.identify(p, limits);
                    serde_json::json!({"line": i + 1, "language": g.language, "score": round(g.score)})
                })
                .collect();
            obj.insert("paragraphs".into(), Value::Array(paragraphs));
        }
        let written = serde_json::to_writer(&mut out, &Value::Object(obj))
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"));
        if let Err(e) = written {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(ExitCode::SUCCESS);
            }
            return Err(e.into());
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// The id and text of one input line: a JSON object's fields, or the line itself.
fn record(line: &str, line_no: u64, args: &LidArgs) -> (Value, String) {
    if line.trim_start().starts_with('{') {
        if let Ok(Value::Object(mut obj)) = serde_json::from_str::<Value>(line) {
            let id = match obj.remove(&args.id_field) {
                Some(Value::String(s)) => Value::String(s),
                Some(Value::Number(n)) => Value::String(n.to_string()),
                _ => Value::String(line_no.to_string()),
            };
            let text = match obj.remove(&args.text_field) {
                Some(Value::String(s)) => s,
                _ => String::new(),
            };
            return (id, text);
        }
    }
    (Value::String(line_no.to_string()), line.to_string())
}

fn round(x: f32) -> Value {
    Value::from((f64::from(x) * 10_000.0).round() / 10_000.0)
}
