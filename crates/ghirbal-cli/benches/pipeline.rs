//! Per-stage throughput on the embedded sample (or on `GHIRBAL_BENCH_INPUT`): parsing records,
//! serializing and compressing them, and the steps shipped so far. Run with
//! `cargo bench -p ghirbal-cli --bench pipeline`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ghirbal_core::{Cx, Document, Element};
use ghirbal_io::encode;
use ghirbal_io::parse::to_document;
use ghirbal_io::{discover, FieldOptions, OutputFormat, RawItem, RawRecord, RecordReader};
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

/// The embedded sample, or the file or folder named by `GHIRBAL_BENCH_INPUT` (to measure on
/// another corpus: `GHIRBAL_BENCH_INPUT=../shared/data/news/almayadeen.jsonl.zst cargo bench`).
fn sample_lines() -> Vec<Vec<u8>> {
    let dir = std::env::var_os("GHIRBAL_BENCH_INPUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample"));
    let inputs = discover(&[dir]).expect("bench input present");
    RecordReader::new(inputs.files, 64 << 20)
        .filter_map(|item| match item.record {
            RawRecord::JsonLine(b) => Some(b),
            _ => None,
        })
        .collect()
}

fn item(bytes: &[u8]) -> RawItem {
    RawItem {
        input: Arc::from("sample"),
        line: 1,
        record: RawRecord::JsonLine(bytes.to_vec()),
    }
}

fn benches(c: &mut Criterion) {
    let lines = sample_lines();
    let total: u64 = lines.iter().map(|l| l.len() as u64).sum();
    let fields = FieldOptions::default();
    let docs: Vec<Document> = lines
        .iter()
        .filter_map(|l| to_document(item(l), &fields).ok())
        .collect();

    let mut g = c.benchmark_group("io");
    g.throughput(Throughput::Bytes(total));
    g.bench_function("parse_jsonl", |b| {
        b.iter(|| {
            for l in &lines {
                let _ = black_box(to_document(item(l), &fields));
            }
        })
    });
    g.bench_function("serialize_jsonl", |b| {
        let mut out = Vec::with_capacity(total as usize * 2);
        b.iter(|| {
            out.clear();
            for d in &docs {
                encode::write_document_line(&mut out, d, &fields, None);
            }
            black_box(out.len())
        })
    });
    let mut serialized = Vec::new();
    for d in &docs {
        encode::write_document_line(&mut serialized, d, &fields, None);
    }
    g.bench_function("compress_zstd3", |b| {
        b.iter(|| encode::compress(OutputFormat::JsonlZst, 3, serialized.clone()))
    });
    g.finish();

    let mut g = c.benchmark_group("steps");
    g.throughput(Throughput::Bytes(
        docs.iter().map(|d| d.text.len() as u64).sum(),
    ));
    for name in ["length", "normalize", "pii"] {
        let table: toml::Table = toml::from_str(&format!("type = \"{name}\"")).expect("toml");
        let Element::Step(step) = ghirbal_steps::build(1, &table).expect("builds").element else {
            continue;
        };
        g.bench_function(name, |b| {
            b.iter(|| {
                for d in &docs {
                    let mut d = d.clone();
                    let _ = black_box(step.process(&mut d, &mut Cx::default()));
                }
            })
        });
    }
    // The quality filters as the two presets chain them (each document until its first
    // removal), and the word splitting they share.
    for (label, profile) in [
        ("quality chain fineweb2-arb", "fineweb2-arb"),
        ("quality chain ar", "ar"),
    ] {
        let steps: Vec<_> = ["gopher-repetition", "gopher-quality", "fineweb-quality"]
            .iter()
            .filter_map(|name| {
                let table: toml::Table =
                    toml::from_str(&format!("type = \"{name}\"\nprofile = \"{profile}\""))
                        .expect("toml");
                match ghirbal_steps::build(1, &table).expect("builds").element {
                    Element::Step(step) => Some(step),
                    Element::Stage(_) => None,
                }
            })
            .collect();
        g.bench_function(label, |b| {
            b.iter(|| {
                for d in &docs {
                    let mut d = d.clone();
                    for step in &steps {
                        let v = step.process(&mut d, &mut Cx::default());
                        if !matches!(v, Ok(ghirbal_core::Verdict::Keep)) {
                            break;
                        }
                    }
                    black_box(&d);
                }
            })
        });
    }
    for splitter in [
        ghirbal_text::words::Splitter::SpacyCompat,
        ghirbal_text::words::Splitter::Arabic,
    ] {
        g.bench_function(format!("words {splitter:?}"), |b| {
            let mut words = Vec::new();
            b.iter(|| {
                for d in &docs {
                    words.clear();
                    splitter.words(&d.text, &mut words);
                    black_box(words.len());
                }
            })
        });
    }
    // The per-document part of boilerplate (the decision pass), after normalization, and the
    // two together as the default pipeline runs them.
    let table: toml::Table = toml::from_str("type = \"normalize\"").expect("toml");
    let Element::Step(normalize) = ghirbal_steps::build(1, &table).expect("builds").element else {
        return;
    };
    let normalized: Vec<Document> = docs
        .iter()
        .map(|d| {
            let mut d = d.clone();
            let _ = normalize.process(&mut d, &mut Cx::default());
            d
        })
        .collect();
    let table: toml::Table = toml::from_str("type = \"boilerplate\"").expect("toml");
    if let Element::Stage(mut stage) = ghirbal_steps::build(1, &table).expect("builds").element {
        for (i, d) in normalized.iter().enumerate() {
            let _ = stage.observe(d, i as u64);
        }
        let _ = stage.finish();
        g.bench_function("boilerplate (per document)", |b| {
            b.iter(|| {
                for (i, d) in normalized.iter().enumerate() {
                    let _ = black_box(stage.decide(&mut d.clone(), i as u64, &mut Cx::default()));
                }
            })
        });
        g.bench_function("normalize + boilerplate", |b| {
            b.iter(|| {
                for (i, d) in docs.iter().enumerate() {
                    let mut d = d.clone();
                    let _ = normalize.process(&mut d, &mut Cx::default());
                    let _ = black_box(stage.decide(&mut d, i as u64, &mut Cx::default()));
                }
            })
        });
        g.bench_function("boilerplate (observe)", |b| {
            b.iter(|| {
                for (i, d) in normalized.iter().enumerate() {
                    let _ = black_box(stage.observe(d, i as u64));
                }
            })
        });
    }
    let table: toml::Table = toml::from_str("type = \"exact-dedup\"").expect("toml");
    if let Element::Stage(mut stage) = ghirbal_steps::build(1, &table).expect("builds").element {
        g.bench_function("exact-dedup (observe, finish, decide)", |b| {
            b.iter(|| {
                for (i, d) in docs.iter().enumerate() {
                    let _ = stage.observe(d, i as u64);
                }
                let _ = stage.finish();
                for (i, d) in docs.iter().enumerate() {
                    let _ = black_box(stage.decide(&mut d.clone(), i as u64, &mut Cx::default()));
                }
            })
        });
    }
    g.finish();
}

criterion_group!(name = group; config = Criterion::default().sample_size(20); targets = benches);
criterion_main!(group);
