//! Identifies each record of JSONL on standard input (`id`, `text`) and prints `id`,
//! `language`, `score` and `dialect` as JSON lines: a quick check without the whole CLI.
use std::io::{BufRead, Write};
fn main() {
    let id = match ghirbal_lid::Identifier::get() {
        Ok(i) => i,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let text = v["text"].as_str().unwrap_or_default();
        let g = id.identify(text, ghirbal_lid::Limits::default());
        let d = (g.language == "ar")
            .then(|| ghirbal_lid::dialect(text, 2048))
            .flatten();
        let rec = serde_json::json!({"id": v["id"], "language": g.language, "score": g.score,
            "dialect": d.map(|d| d.dialect.code()), "dialect_score": d.map(|d| d.score)});
        let _ = writeln!(out, "{rec}");
    }
}
