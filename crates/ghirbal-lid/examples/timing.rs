//! Times the parts of identification on the first 2,000 documents of a JSONL file.
use std::io::BufRead;
use std::time::Instant;
fn main() {
    let path = std::env::args().nth(1).unwrap_or_default();
    let Ok(f) = std::fs::File::open(&path) else {
        return;
    };
    let Ok(r) = ghirbal_io::decompressed(f) else {
        return;
    };
    let texts: Vec<String> = r
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .take(2000)
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let Ok(id) = ghirbal_lid::Identifier::get() else {
        return;
    };
    for mb in [512usize, 1024, 2048] {
        let t = Instant::now();
        for x in &texts {
            std::hint::black_box(id.identify(x, ghirbal_lid::Limits { max_bytes: mb }));
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "identify max_bytes={mb}: {:.1} MB/s",
            bytes as f64 / s / 1e6
        );
    }
    ghirbal_lid::debug_timing(&texts);
}
