//! Trains and evaluates the dialect model.
//!
//! ```text
//! python3 bench/dialect_data.py > /tmp/dialect-rows.jsonl
//! # the shipped model: rows whose licence allows it only
//! cargo run --release -p ghirbal-lid --example train_dialect -- \
//!     train /tmp/dialect-rows.jsonl --ship-only --out crates/ghirbal-lid/model/dialect.bin
//! # accuracy per source and group, end to end (language first, then dialect)
//! cargo run --release -p ghirbal-lid --example train_dialect -- \
//!     eval crates/ghirbal-lid/model/dialect.bin /tmp/dialect-rows.jsonl bench/blind-lid/dialect-v1.jsonl
//! # the cross-source table: each source read by a model that never saw it
//! cargo run --release -p ghirbal-lid --example train_dialect -- cross /tmp/dialect-rows.jsonl
//! # the same if every source could train (never shipped: what the licences cost)
//! cargo run --release -p ghirbal-lid --example train_dialect -- cross /tmp/dialect-rows.jsonl --any-licence
//! ```
//!
//! Rows are JSON objects with `text` and `region` (`msa`, `egy`, `glf`, `irq`, `lev`, `mgr`),
//! and optionally `source` (default: the file name) and `ship` (default false).
//!
//! Options of `train` and `cross` (defaults: `TrainOptions::default()`, which made the shipped
//! model): `--alpha`, `--mu`, `--agree`, `--bound-support`, `--bound-margin` (0 support: no
//! bound), `--rounds`, `--temperature`, `--unknown-below`, `--min-sources`,
//! `--msa-prior`, `--relabel true|false`, `--tune-epochs` (0: naive Bayes alone), `--tune-rate`, `--balance true|false` (sources of a group weighed
//! alike; off), `--weigh SOURCE=W,...` (each row of SOURCE counts W times); `train` also takes
//! `--exclude SOURCE,...`. `eval` takes `--errors` (each text read wrong) and `--calibration`
//! (per score band, how often the group given is right); `explain MODEL TEXT` prints each
//! word's group probabilities alone, then the text's.

use ghirbal_lid::{train, Dialect, DialectModel, Identifier, Limits, TrainOptions, TrainRow};
use std::collections::BTreeMap;
use std::error::Error;
use std::io::BufRead;

struct Row {
    text: String,
    region: Dialect,
    source: String,
    ship: bool,
}

fn read_rows(path: &str) -> Result<Vec<Row>, Box<dyn Error>> {
    let stem = std::path::Path::new(path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(path)
        .to_string();
    let mut rows = Vec::new();
    let file = std::io::BufReader::new(std::fs::File::open(path)?);
    for (n, line) in file.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value =
            serde_json::from_str(&line).map_err(|e| format!("{path}:{}: {e}", n + 1))?;
        let region = v["region"]
            .as_str()
            .and_then(Dialect::from_code)
            .ok_or_else(|| {
                format!(
                    "{path}:{}: region is not one of msa, egy, glf, irq, lev, mgr",
                    n + 1
                )
            })?;
        rows.push(Row {
            text: v["text"].as_str().unwrap_or_default().to_string(),
            region,
            source: v["source"].as_str().unwrap_or(&stem).to_string(),
            ship: v["ship"].as_bool().unwrap_or(false),
        });
    }
    Ok(rows)
}

/// `--weigh SOURCE=W,...`: each row of SOURCE counts W times.
fn source_weights(a: &Args) -> Result<BTreeMap<String, f64>, Box<dyn Error>> {
    let mut out = BTreeMap::new();
    for pair in a.flags.get("weigh").map_or("", String::as_str).split(',') {
        if pair.is_empty() {
            continue;
        }
        let (source, w) = pair
            .split_once('=')
            .ok_or_else(|| format!("--weigh {pair}: write SOURCE=WEIGHT"))?;
        out.insert(
            source.to_string(),
            w.parse::<f64>()
                .map_err(|e| format!("--weigh {pair}: {e}"))?,
        );
    }
    Ok(out)
}

fn balance(a: &Args) -> bool {
    a.flags.get("balance").is_some_and(|v| v == "true")
}

struct Args {
    positional: Vec<String>,
    flags: BTreeMap<String, String>,
}

fn args() -> Args {
    let mut positional = Vec::new();
    let mut flags = BTreeMap::new();
    let mut it = std::env::args().skip(1).peekable();
    while let Some(a) = it.next() {
        if let Some(name) = a.strip_prefix("--") {
            let takes_value =
                !matches!(name, "ship-only" | "any-licence" | "errors" | "calibration");
            let value = if takes_value {
                it.next().unwrap_or_default()
            } else {
                String::new()
            };
            flags.insert(name.to_string(), value);
        } else {
            positional.push(a);
        }
    }
    Args { positional, flags }
}

fn options(a: &Args) -> Result<TrainOptions, Box<dyn Error>> {
    /// Parses flag `name` into `field` when it is given.
    fn set<T: std::str::FromStr>(a: &Args, name: &str, field: &mut T) -> Result<(), String>
    where
        T::Err: std::fmt::Display,
    {
        if let Some(v) = a.flags.get(name) {
            *field = v.parse().map_err(|e| format!("--{name} {v}: {e}"))?;
        }
        Ok(())
    }
    let mut o = TrainOptions::default();
    set(a, "alpha", &mut o.alpha)?;
    set(a, "rounds", &mut o.msa_rounds)?;
    set(a, "temperature", &mut o.temperature)?;
    set(a, "unknown-below", &mut o.unknown_below)?;
    set(a, "min-sources", &mut o.min_sources)?;
    set(a, "msa-prior", &mut o.msa_prior)?;
    set(a, "relabel", &mut o.relabel_msa)?;
    set(a, "mu", &mut o.mu)?;
    set(a, "agree", &mut o.agree)?;
    set(a, "bound-support", &mut o.bound_support)?;
    set(a, "bound-margin", &mut o.bound_margin)?;
    set(a, "tune-epochs", &mut o.tune_epochs)?;
    set(a, "tune-rate", &mut o.tune_rate)?;
    Ok(o)
}

/// The rows that may train a shipped model, less `exclude`'s sources. With `balance`, each
/// source of a group weighs as much as the group's average source, so that one large dataset
/// does not teach its own style as the group's.
fn training_rows(
    rows: &[Row],
    exclude: &[&str],
    balance: bool,
    any_licence: bool,
    weights: &BTreeMap<String, f64>,
) -> Vec<TrainRow> {
    let kept: Vec<&Row> = rows
        .iter()
        .filter(|r| (r.ship || any_licence) && !exclude.contains(&r.source.as_str()))
        .collect();
    let mut per_source: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for r in &kept {
        *per_source
            .entry((r.region.code(), r.source.as_str()))
            .or_default() += 1;
    }
    let mut per_group: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for ((g, _), n) in &per_source {
        let e = per_group.entry(g).or_default();
        e.0 += n;
        e.1 += 1;
    }
    kept.iter()
        .map(|r| {
            let weight = if balance {
                let (n, sources) = per_group[r.region.code()];
                (n as f64 / sources as f64)
                    / per_source[&(r.region.code(), r.source.as_str())] as f64
            } else {
                1.0
            } * weights.get(&r.source).copied().unwrap_or(1.0);
            TrainRow {
                text: r.text.clone(),
                dialect: r.region,
                weight,
                source: r.source.clone(),
            }
        })
        .collect()
}

/// Counts of one evaluation: per group found (or `not-ar`), by true group.
#[derive(Default)]
struct Tally {
    found: BTreeMap<&'static str, usize>,
    total: usize,
    /// Each group given (not `unknown`): its score and whether it was right.
    scored: Vec<(f32, bool)>,
}

fn evaluate(model: &DialectModel, rows: &[&Row], errors: bool) -> Tally {
    let id = Identifier::get().expect("the embedded language model loads");
    let mut t = Tally::default();
    for r in rows {
        let g = id.identify(&r.text, Limits::default());
        let found = if g.language != "ar" {
            "not-ar"
        } else {
            let guess = model.classify(&r.text, ghirbal_lid::DIALECT_BYTES);
            if let Some(d) = &guess {
                if d.dialect != Dialect::Unknown {
                    t.scored.push((d.score, d.dialect == r.region));
                }
            }
            guess.map_or("no-word", |d| d.dialect.code())
        };
        if errors && found != r.region.code() {
            println!("  {} → {found}: {}", r.region.code(), r.text);
        }
        *t.found.entry(found).or_default() += 1;
        t.total += 1;
    }
    t
}

/// How well `dialect_score` matches accuracy: per score band, the groups given, their mean
/// score and the share right.
fn calibration(scored: &[(f32, bool)]) {
    println!("| score | given | mean score | right |");
    println!("|---|---:|---:|---:|");
    let bands = [0.3f32, 0.4, 0.6, 0.8, 0.9, 0.99, 1.01];
    for w in bands.windows(2) {
        let inside: Vec<_> = scored
            .iter()
            .filter(|(s, _)| *s >= w[0] && *s < w[1])
            .collect();
        if inside.is_empty() {
            continue;
        }
        let n = inside.len() as f64;
        let mean = inside.iter().map(|(s, _)| f64::from(*s)).sum::<f64>() / n;
        let right = inside.iter().filter(|(_, ok)| *ok).count() as f64 / n;
        println!(
            "| {:.2}–{:.2} | {} | {mean:.3} | {right:.3} |",
            w[0],
            w[1].min(1.0),
            inside.len()
        );
    }
}

fn line(source: &str, region: Dialect, t: &Tally) -> String {
    let right = t.found.get(region.code()).copied().unwrap_or(0);
    let mut rest: Vec<String> = t
        .found
        .iter()
        .filter(|(k, _)| **k != region.code())
        .map(|(k, v)| format!("{k} {v}"))
        .collect();
    rest.sort();
    format!(
        "| {source} | {} | {} | {:.3} | {} |",
        region.code(),
        t.total,
        right as f64 / t.total.max(1) as f64,
        rest.join(", ")
    )
}

fn by_source(rows: &[Row]) -> BTreeMap<(String, &'static str), Vec<&Row>> {
    let mut m: BTreeMap<(String, &'static str), Vec<&Row>> = BTreeMap::new();
    for r in rows {
        m.entry((r.source.clone(), r.region.code()))
            .or_default()
            .push(r);
    }
    m
}

fn main() -> Result<(), Box<dyn Error>> {
    let a = args();
    let Some(cmd) = a.positional.first() else {
        return Err("usage: train_dialect train|eval|cross ... (see the source's header)".into());
    };
    match cmd.as_str() {
        "train" => {
            let rows = read_rows(a.positional.get(1).ok_or("train ROWS --out MODEL")?)?;
            let out = a.flags.get("out").ok_or("train needs --out MODEL")?;
            let exclude: Vec<&str> = a
                .flags
                .get("exclude")
                .map_or(Vec::new(), |s| s.split(',').collect());
            if !a.flags.contains_key("ship-only") {
                return Err("train takes --ship-only: the shipped model learns only from rows whose licence allows it".into());
            }
            let (bytes, report) = train(
                &training_rows(&rows, &exclude, balance(&a), false, &source_weights(&a)?),
                options(&a)?,
            );
            std::fs::write(out, &bytes)?;
            for (i, g) in Dialect::GROUPS.iter().enumerate() {
                eprintln!(
                    "{}: {} rows, {} read as MSA and moved there",
                    g.code(),
                    report.rows[i],
                    report.set_aside[i]
                );
            }
            eprintln!("wrote {out} ({} bytes)", bytes.len());
        }
        "explain" => {
            // Each word's group probabilities alone, then the text's.
            let model = DialectModel::from_bytes(&std::fs::read(
                a.positional.get(1).ok_or("explain MODEL TEXT")?,
            )?)?;
            let text = a.positional[2..].join(" ");
            let show = |p: Option<[f32; 5]>| {
                p.map_or(String::from("-"), |p| {
                    p.iter()
                        .zip(Dialect::GROUPS)
                        .map(|(v, g)| format!("{} {:.2}", g.code(), v))
                        .collect::<Vec<_>>()
                        .join("  ")
                })
            };
            for w in text.split_whitespace() {
                println!("{w}\t{}", show(model.probabilities(w)));
            }
            println!("ALL\t{}", show(model.probabilities(&text)));
        }
        "eval" => {
            let model = DialectModel::from_bytes(&std::fs::read(
                a.positional.get(1).ok_or("eval MODEL FILES")?,
            )?)?;
            let mut macro_sum = BTreeMap::<String, Vec<f64>>::new();
            let mut scored = Vec::new();
            for path in &a.positional[2..] {
                let rows = read_rows(path)?;
                for ((source, _), group) in by_source(&rows) {
                    let region = group[0].region;
                    let t = evaluate(&model, &group, a.flags.contains_key("errors"));
                    scored.extend_from_slice(&t.scored);
                    println!("{}", line(&source, region, &t));
                    let right = t.found.get(region.code()).copied().unwrap_or(0);
                    macro_sum
                        .entry(path.clone())
                        .or_default()
                        .push(right as f64 / t.total.max(1) as f64);
                }
            }
            if a.flags.contains_key("calibration") {
                calibration(&scored);
            }
            for (path, v) in macro_sum {
                println!(
                    "mean over sources of {path}: {:.3}",
                    v.iter().sum::<f64>() / v.len() as f64
                );
            }
        }
        "cross" => {
            // Each source read by a model trained without it; sources that may not ship are
            // never trained on, so the shipped model reads them as it is.
            let rows = read_rows(a.positional.get(1).ok_or("cross ROWS")?)?;
            let opts = options(&a)?;
            // --any-licence: every source may train (to measure what the licences cost; such
            // a model is never shipped).
            let any = a.flags.contains_key("any-licence");
            let (all, _) = train(
                &training_rows(&rows, &[], balance(&a), any, &source_weights(&a)?),
                opts,
            );
            let all = DialectModel::from_bytes(&all)?;
            println!(
                "| source | group | texts | found | read as instead |\n|---|---|---:|---:|---|"
            );
            for ((source, _), group) in by_source(&rows) {
                let region = group[0].region;
                if source == "fineweb2-lists" {
                    continue;
                }
                let t = if group[0].ship || any {
                    let left = training_rows(
                        &rows,
                        &[source.as_str()],
                        balance(&a),
                        any,
                        &source_weights(&a)?,
                    );
                    if !left
                        .iter()
                        .any(|r| r.dialect == region && r.source != "fineweb2-lists")
                    {
                        println!(
                            "| {source} | {} | {} | – | the only trainable source of its group |",
                            region.code(),
                            group.len()
                        );
                        continue;
                    }
                    let (m, _) = train(&left, opts);
                    evaluate(&DialectModel::from_bytes(&m)?, &group, false)
                } else {
                    evaluate(&all, &group, false)
                };
                println!("{}", line(&source, region, &t));
            }
        }
        other => return Err(format!("unknown command {other}: train, eval or cross").into()),
    }
    Ok(())
}
