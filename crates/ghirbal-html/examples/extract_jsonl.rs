//! Extracts every page of a JSONL file (`id`, `html`, optional `url`) and prints
//! `{"id","text","path"}` per line: a development aid for scoring against a benchmark.
//! `cargo run --release -p ghirbal-html --example extract_jsonl -- PAGES.jsonl [favor]`
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or("usage: extract_jsonl PAGES.jsonl [favor]")?;
    let favor = args
        .next()
        .and_then(|f| ghirbal_html::Favor::parse(&f))
        .unwrap_or_default();
    let opts = ghirbal_html::Options {
        favor,
        all_text: std::env::var("ALL_TEXT").is_ok(),
        ..Default::default()
    };
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let mut secs = 0f64;
    for line in file.lines() {
        let v: serde_json::Value = serde_json::from_str(&line?)?;
        let html = v["html"].as_str().unwrap_or("");
        if let Ok(want) = std::env::var("EXPLAIN") {
            if v["id"].as_str() == Some(want.as_str()) {
                eprintln!("{}", ghirbal_html::extract::explain(html, &opts));
            }
        }
        let t = std::time::Instant::now();
        let page =
            ghirbal_html::extract_page(html.as_bytes(), Some("utf-8"), v["url"].as_str(), &opts);
        secs += t.elapsed().as_secs_f64();
        let rec = serde_json::json!({"id": v["id"], "text": page.extraction.text, "path": page.extraction.path.code()});
        writeln!(out, "{rec}")?;
    }
    eprintln!("extraction seconds: {secs:.2}");
    Ok(())
}
