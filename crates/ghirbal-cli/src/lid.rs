//! `ghirbal lid`: language identification of each record of a JSONL file or each line of a
//! text, printed as JSON lines, without running a pipeline.

use anyhow::anyhow;
use clap::Args;
use ghirbal_io::{InputFile, InputKind, RawRecord, RecordReader};
use ghirbal_lid::{Identifier, Limits};
use serde_json::{Map, Value};
use std::io::Write;
use std::path::{Path, PathBuf};
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
text of its own, with its line number as id. Blank lines are skipped. A .parquet file is read
by rows, a WARC or WET file by records (WET text, and the main text of HTML responses; other
records are left out), an .html file as one page. A line longer than --max-doc-bytes is not loaded: it is reported as
{\"id\", \"error\": \"too_large\", \"message\"} and the rest is read.
Output, one object per input: {\"id\", \"language\", \"score\", \"script\"} plus \"dialect\" and
\"dialect_score\" for Arabic. Languages: ar (every variety), fa, ur, ps, ckb, sd, ug, en, fr, any
other lid.176 code, und (no letter). Dialects: msa, egy (with Sudanese), glf (with Iraqi and
Yemeni), lev, mgr, or unknown when no group reaches a probability of 0.35; dialect_score is that
probability. It is a rough region tag on short text (about three in four right on blind
tweets and comments, Gulf weakest; one in two on real tweets from datasets it never saw) and a
reliable MSA-or-dialect tag on news.
The models (fastText lid.176, CC-BY-SA-3.0; ghirbal's dialect model, trained on openly licensed
tweets and news and on texts written for it) are embedded: nothing is downloaded.";

#[derive(Args)]
pub struct LidArgs {
    /// JSONL (plain, gzip or zstd), plain text or Parquet; - or nothing reads standard input.
    #[arg(value_name = "FILE", default_value = "-")]
    input: PathBuf,
    /// Longer records or lines are reported and skipped without being loaded (bytes; K, M,
    /// G suffixes).
    #[arg(long, value_name = "SIZE", value_parser = crate::parse_size, default_value = "64M")]
    max_doc_bytes: u64,
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
    let input = open(&args.input).map_err(|e| (e.into(), 2))?;
    identify_all(args, input).map_err(|e| (e, 1))
}

/// The input as the bounded record reader takes it: Parquet by rows, anything else by lines
/// (through the JSONL reader, which also undoes gzip and zstd).
fn open(path: &Path) -> Result<InputFile, ghirbal_io::IoError> {
    if path.as_os_str() == "-" {
        return Ok(InputFile {
            path: None,
            kind: InputKind::Jsonl,
            size: None,
            modified_ns: None,
            name: None,
            range: None,
        });
    }
    let kind = match ghirbal_io::input::kind_of(path) {
        Some(k @ (InputKind::Parquet | InputKind::Warc | InputKind::Html)) => k,
        _ => InputKind::Jsonl,
    };
    ghirbal_io::input::describe(path, kind)
}

fn identify_all(args: &LidArgs, input: InputFile) -> anyhow::Result<ExitCode> {
    let identifier = Identifier::get().map_err(|e| anyhow!(e))?;
    let limits = Limits {
        max_bytes: args.max_bytes,
        evidence: !args.model_only,
    };
    let max_doc = usize::try_from(args.max_doc_bytes).unwrap_or(usize::MAX);
    let reader = RecordReader::new(vec![input], max_doc);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for item in reader {
        let line_no = item.line;
        let (id, text) = match item.record {
            RawRecord::JsonLine(bytes) | RawRecord::Text(bytes) => {
                let line = String::from_utf8_lossy(&bytes);
                if line.trim().is_empty() {
                    continue;
                }
                record(&line, line_no, args)
            }
            RawRecord::Object(obj) => fields(obj, line_no, args),
            RawRecord::Page { id, text, .. } => (
                Value::String(id),
                String::from_utf8_lossy(&text).into_owned(),
            ),
            // A page as HTML: its main text, as `extract` would give it.
            RawRecord::Html { id, html, meta } => {
                let url = meta.get("url").and_then(Value::as_str);
                let page = ghirbal_html::extract_page(
                    &html.bytes,
                    html.http_charset.as_deref(),
                    url,
                    &ghirbal_html::Options::default(),
                );
                (Value::String(id), page.extraction.text)
            }
            RawRecord::Skipped { .. } => continue,
            RawRecord::Failed { code, message, .. } => {
                let obj = serde_json::json!({
                    "id": line_no.to_string(),
                    "error": code,
                    "message": message,
                });
                if !emit(&mut out, &obj)? {
                    return Ok(ExitCode::SUCCESS);
                }
                continue;
            }
        };
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
        if !emit(&mut out, &Value::Object(obj))? {
            return Ok(ExitCode::SUCCESS);
        }
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Writes one JSON line; false when the reader of standard output has gone (a closed pipe
/// ends the output quietly, as `head` expects).
pub(crate) fn emit(out: &mut impl Write, value: &Value) -> anyhow::Result<bool> {
    let written = serde_json::to_writer(&mut *out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"));
    match written {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// The id and text of one input line: a JSON object's fields, or the line itself.
fn record(line: &str, line_no: u64, args: &LidArgs) -> (Value, String) {
    if line.trim_start().starts_with('{') {
        if let Ok(Value::Object(obj)) = serde_json::from_str::<Value>(line) {
            return fields(obj, line_no, args);
        }
    }
    (Value::String(line_no.to_string()), line.to_string())
}

/// The id and text fields of a record (a missing id is the line or row number).
fn fields(mut obj: Map<String, Value>, line_no: u64, args: &LidArgs) -> (Value, String) {
    let id = match obj.remove(&args.id_field) {
        Some(Value::String(s)) => Value::String(s),
        Some(Value::Number(n)) => Value::String(n.to_string()),
        _ => Value::String(line_no.to_string()),
    };
    let text = match obj.remove(&args.text_field) {
        Some(Value::String(s)) => s,
        _ => String::new(),
    };
    (id, text)
}

fn round(x: f32) -> Value {
    Value::from((f64::from(x) * 10_000.0).round() / 10_000.0)
}
