//! Prints the words of each JSONL record (`{"id", "text"}` on stdin) as `{"id", "tokens"}`,
//! for checking a splitter against another tokenizer (`bench/spacy_tokens.py`).
//!
//!   cargo run --release -p ghirbal-text --example words -- spacy-compat < docs.jsonl

use ghirbal_text::words::Splitter;
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "spacy-compat".into());
    let splitter = Splitter::from_name(&name).ok_or("splitter: arabic or spacy-compat")?;
    let stdin = std::io::stdin();
    let mut out = std::io::BufWriter::new(std::io::stdout());
    for line in stdin.lock().lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let text = v["text"].as_str().unwrap_or_default();
        let mut words = Vec::new();
        splitter.words(text, &mut words);
        let rec = serde_json::json!({"id": v["id"], "tokens": words});
        writeln!(out, "{rec}")?;
    }
    Ok(())
}
