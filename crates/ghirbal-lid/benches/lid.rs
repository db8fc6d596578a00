//! Throughput of language identification on whole documents: the embedded sample (Arabic
//! news), and, when `GHIRBAL_LID_CORPUS` names a JSONL file (plain, gzip or zstd), its first
//! 2,000 documents. Bytes are the documents' full UTF-8 text, whatever part is read.
//! Run with `cargo bench -p ghirbal-lid`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ghirbal_lid::{Identifier, Limits};
use std::hint::black_box;
use std::io::BufRead;
use std::path::PathBuf;

fn texts_of(path: &std::path::Path, limit: usize) -> Vec<String> {
    let Ok(file) = std::fs::File::open(path) else {
        return Vec::new();
    };
    let Ok(reader) = ghirbal_io::decompressed(file) else {
        return Vec::new();
    };
    reader
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .filter(|t| !t.is_empty())
        .take(limit)
        .collect()
}

fn sample_texts() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.sort();
    files.iter().flat_map(|f| texts_of(f, usize::MAX)).collect()
}

fn group(c: &mut Criterion, name: &str, texts: &[String]) {
    let Ok(id) = Identifier::get() else { return };
    let bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();
    let mut g = c.benchmark_group(name);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("document", |b| {
        b.iter(|| {
            for t in texts {
                black_box(id.identify(t, Limits::default()));
            }
        })
    });
    g.sample_size(10);
    g.bench_function("whole_text", |b| {
        b.iter(|| {
            for t in texts {
                black_box(id.identify(
                    t,
                    Limits {
                        max_bytes: usize::MAX,
                        ..Limits::default()
                    },
                ));
            }
        })
    });
    g.finish();
}

fn lid(c: &mut Criterion) {
    group(c, "lid_sample", &sample_texts());
    if let Some(path) = std::env::var_os("GHIRBAL_LID_CORPUS") {
        let texts = texts_of(std::path::Path::new(&path), 2000);
        if !texts.is_empty() {
            group(c, "lid_corpus", &texts);
        }
    }
}

criterion_group!(benches, lid);
criterion_main!(benches);
