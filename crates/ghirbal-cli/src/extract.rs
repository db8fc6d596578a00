//! `ghirbal extract`: the main text of each HTML page of the inputs, printed as JSON lines,
//! without running a pipeline: the view to evaluate and debug extraction, as `ghirbal lid` is
//! for language identification.

use anyhow::anyhow;
use clap::Args;
use ghirbal_core::Document;
use ghirbal_html::{Favor, Options};
use ghirbal_io::{FieldOptions, RawRecord, RecordReader};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

pub const EXAMPLES: &str = "\
Examples:
  # Every HTML page of a Common Crawl WARC file (request, metadata and non-HTML records are
  # skipped and counted on standard error)
  ghirbal extract CC-MAIN-20240722-00000.warc.gz > pages.jsonl

  # Saved pages
  ghirbal extract page.html site-dump/

  # Records whose HTML is in the field \"html\" (the URL is read from \"url\" when present)
  ghirbal extract pages.jsonl.zst --html-field html --favor precision

  # Why a page gave what it gave: every block with its class, and the region chosen
  ghirbal extract pages.jsonl --html-field html --explain 0042

Output, one object per page: {\"id\", \"url\", \"title\", \"author\", \"date\", \"lang\", \"dir\",
\"text\", \"charset\", \"charset_source\", \"extraction\": \"main\" | \"fallback\", \"path\"}.
`path` is how the text was found: main (the content region), items (repeated items: a listing,
a thread, with the text before them), pruned_body (every block not judged boilerplate), jsonld
(the body the page gave in its JSON-LD), all_text (everything visible) or no_text (not one block
of text on the page: menus, links and labels only). A record that arrived as text (a WET record, a JSONL record without the HTML field)
is printed with \"extraction\": \"text\". Records that could not be read are printed as
{\"id\", \"error\", \"message\"}.";

#[derive(Args)]
pub struct ExtractArgs {
    /// WARC files (.warc, .warc.gz, .warc.zst), .html / .htm files, JSONL or Parquet records
    /// with --html-field, or folders of them.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Field holding the page's HTML in JSON or Parquet records.
    #[arg(long, value_name = "FIELD")]
    html_field: Option<String>,
    /// Field holding the record's id in JSON or Parquet records.
    #[arg(long, value_name = "FIELD", default_value = "id")]
    id_field: String,
    /// Which way to lean when a block is uncertain.
    #[arg(long, value_name = "FAVOR", default_value = "balanced", value_parser = ["precision", "balanced", "recall"])]
    favor: String,
    /// Write headings (#), list items (- ) and table rows (| a | b |) in Markdown.
    #[arg(long)]
    markdown: bool,
    /// Every visible text of each page, choosing no main content (what Common Crawl's WET
    /// files hold).
    #[arg(long)]
    all_text: bool,
    /// Print, for the page with this id, every block with its class and whether it was kept
    /// (on standard error).
    #[arg(long, value_name = "ID")]
    explain: Option<String>,
    /// Worker threads; the output order is the input order whatever the number [default: all
    /// cores].
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<usize>,
    /// Larger records are reported and skipped without being loaded (bytes; K, M, G
    /// suffixes).
    #[arg(long, value_name = "SIZE", value_parser = crate::parse_size, default_value = "64M")]
    max_doc_bytes: u64,
}

/// Records handed to the workers at a time.
const BATCH: usize = 256;

pub fn run(args: &ExtractArgs) -> Result<ExitCode, (anyhow::Error, u8)> {
    if args.threads == Some(0) {
        return Err((anyhow!("--threads must be at least 1"), 2));
    }
    let inputs = ghirbal_io::discover(&args.inputs).map_err(|e| (e.into(), 2))?;
    if inputs.files.is_empty() {
        return Err((
            anyhow!("no readable input (WARC, .html, JSONL or Parquet files)"),
            2,
        ));
    }
    extract_all(args, inputs.files).map_err(|e| (e, 1))
}

fn extract_all(args: &ExtractArgs, files: Vec<ghirbal_io::InputFile>) -> anyhow::Result<ExitCode> {
    let opts = Options {
        favor: Favor::parse(&args.favor).unwrap_or_default(),
        markdown: args.markdown,
        all_text: args.all_text,
    };
    let fields = FieldOptions {
        id_field: args.id_field.clone(),
        text_field: "text".to_string(),
        html_field: args.html_field.clone(),
    };
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let max_doc = usize::try_from(args.max_doc_bytes).unwrap_or(usize::MAX);
    let mut reader = RecordReader::new(files, max_doc);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut skipped: BTreeMap<&'static str, u64> = BTreeMap::new();
    let mut pages = 0u64;
    loop {
        let mut batch = Vec::with_capacity(BATCH);
        for item in reader.by_ref() {
            match item.record {
                RawRecord::Skipped { reason } => *skipped.entry(reason).or_default() += 1,
                _ => batch.push(item),
            }
            if batch.len() == BATCH {
                break;
            }
        }
        if batch.is_empty() {
            break;
        }
        pages += batch.len() as u64;
        let results = process(batch, &fields, &opts, args.explain.as_deref(), threads);
        for value in results {
            if !crate::lid::emit(&mut out, &value)? {
                return Ok(ExitCode::SUCCESS);
            }
        }
    }
    if let Some(e) = reader.take_changed() {
        return Err(e.into());
    }
    match out.flush() {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    let skipped_total: u64 = skipped.values().sum();
    if skipped_total > 0 {
        let reasons: Vec<String> = skipped.iter().map(|(k, v)| format!("{k} {v}")).collect();
        crate::say(&format!(
            "ghirbal: {pages} records printed; {skipped_total} skipped as not pages ({})",
            reasons.join(", ")
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// Extracts a batch on `threads` threads, returning the results in input order.
fn process(
    batch: Vec<ghirbal_io::RawItem>,
    fields: &FieldOptions,
    opts: &Options,
    explain: Option<&str>,
    threads: usize,
) -> Vec<Value> {
    let docs: Vec<Result<Document, ghirbal_io::Rejection>> = batch
        .into_iter()
        .map(|item| ghirbal_io::parse::to_document(item, fields))
        .collect();
    let chunk = docs.len().div_ceil(threads.max(1)).max(1);
    let mut results: Vec<Value> = Vec::with_capacity(docs.len());
    std::thread::scope(|scope| {
        let handles: Vec<_> = docs
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|d| one(d, opts, explain))
                        .collect::<Vec<Value>>()
                })
            })
            .collect();
        for h in handles {
            match h.join() {
                Ok(values) => results.extend(values),
                Err(_) => results.push(serde_json::json!({
                    "error": "extract_failed",
                    "message": "extraction failed on a page of this batch"
                })),
            }
        }
    });
    results
}

fn one(
    doc: &Result<Document, ghirbal_io::Rejection>,
    opts: &Options,
    explain: Option<&str>,
) -> Value {
    let doc = match doc {
        Ok(d) => d,
        Err(r) => {
            return serde_json::json!({
                "id": r.id.clone().unwrap_or_else(|| format!("{}:{}", r.input, r.line)),
                "error": r.code,
                "message": r.message,
            })
        }
    };
    let url = doc.meta.get("url").and_then(Value::as_str);
    let mut obj = Map::new();
    obj.insert("id".into(), Value::from(doc.id.clone()));
    if let Some(u) = url {
        obj.insert("url".into(), Value::from(u));
    }
    let Some(html) = &doc.html else {
        obj.insert("text".into(), Value::from(doc.text.clone()));
        obj.insert("extraction".into(), Value::from("text"));
        return Value::Object(obj);
    };
    if explain == Some(doc.id.as_str()) {
        let decoded = ghirbal_html::decode(&html.bytes, html.http_charset.as_deref(), url);
        crate::say(&ghirbal_html::extract::explain(&decoded.text, opts));
    }
    let page = ghirbal_html::extract_page(&html.bytes, html.http_charset.as_deref(), url, opts);
    let ex = page.extraction;
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            obj.insert(k.into(), Value::from(v));
        }
    };
    put("title", ex.meta.title);
    put("author", ex.meta.author);
    put("date", ex.meta.date);
    put("lang", ex.meta.lang);
    put("dir", ex.meta.dir);
    obj.insert("text".into(), Value::from(ex.text));
    obj.insert("charset".into(), Value::from(page.charset));
    obj.insert(
        "charset_source".into(),
        Value::from(page.charset_source.code()),
    );
    obj.insert("extraction".into(), Value::from(ex.path.kind()));
    obj.insert("path".into(), Value::from(ex.path.code()));
    if page.truncated {
        obj.insert("truncated".into(), Value::Bool(true));
    }
    Value::Object(obj)
}
