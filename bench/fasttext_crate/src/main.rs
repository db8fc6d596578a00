//! Compare ghirbal's own fastText inference with crates.io implementations on lid.176.ftz.
//!
//! ft-compare check                         identical-output comparison, every corpus
//! ft-compare bench IMPL CORPUS MODE        inference-only throughput (one thread)
//! ft-compare step  WHICH CORPUS            whole `Identifier::identify` throughput
//! ft-compare load  IMPL                    model load time and resident memory
//!
//! IMPL: ours | adapter | purers | ft08 | cpp ; CORPUS: langid | news ; MODE: evidence | raw
//! WHICH: ours | crate

use std::collections::HashMap;
use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::time::Instant;

use ghirbal_lid::Limits;

const LANGID: &str = "/work/shared/data/langid/langid-dev.jsonl.zst";
const NEWS: &str = "/work/shared/data/news/saudinewsnet.jsonl.zst";
const CPP_MODEL_PATH: &str = "/tmp/ft-compare-lid.176.ftz";

fn texts(corpus: &str) -> Vec<String> {
    let path = match corpus {
        "langid" => LANGID,
        "news" => NEWS,
        other => panic!("unknown corpus {other}"),
    };
    let f = std::fs::File::open(path).expect("corpus");
    let r = BufReader::new(zstd::Decoder::new(f).expect("zstd"));
    r.lines()
        .map(|l| l.expect("line"))
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(&l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect()
}

fn limits(mode: &str) -> Limits {
    match mode {
        "evidence" => Limits::default(),
        "raw" => Limits {
            evidence: false,
            ..Limits::default()
        },
        other => panic!("unknown mode {other}"),
    }
}

/// The strings the lid step gives the model (ghirbal's own preprocessing).
fn inputs(texts: &[String], mode: &str) -> Vec<String> {
    let l = limits(mode);
    texts
        .iter()
        .filter_map(|t| ghirbal_lid::bench::model_input(t, l))
        .collect()
}

/// This thread's time on a processor, in seconds (first field of schedstat, ns).
fn cpu_secs() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse::<u64>().ok()))
        .map_or(0.0, |ns| ns as f64 / 1e9)
}

fn rss_kib() -> u64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// A distribution keyed by label name (without `__label__`).
type Dist = HashMap<String, f32>;

fn strip(l: &str) -> String {
    l.strip_prefix("__label__").unwrap_or(l).to_string()
}

struct All {
    ours: ghirbal_lid::bench::Model,
    purers: fasttext_pure_rs::FastText,
    ft08: fasttext::FastText,
    cpp: fasttext07::FastText,
}

fn write_cpp_model() {
    std::fs::write(CPP_MODEL_PATH, ghirbal_lid::bench::model_bytes()).expect("write model");
}

impl All {
    fn load() -> All {
        let bytes = ghirbal_lid::bench::model_bytes();
        write_cpp_model();
        let mut cpp = fasttext07::FastText::new();
        cpp.load_model(CPP_MODEL_PATH).expect("cpp load");
        All {
            ours: ghirbal_lid::bench::Model::from_bytes(bytes).expect("ours"),
            purers: fasttext_pure_rs::FastText::load_from_reader(bytes).expect("purers"),
            ft08: fasttext::FastText::load(&mut &bytes[..]).expect("ft08"),
            cpp,
        }
    }
    fn ours(&self, t: &str) -> Dist {
        let mut p = Vec::new();
        if !self.ours.predict(t, &mut p) {
            return Dist::new();
        }
        self.ours
            .labels()
            .iter()
            .cloned()
            .zip(p)
            .collect()
    }
    fn purers(&self, t: &str) -> Dist {
        match self.purers.predict(t, 176, 0.0) {
            Ok(v) => v.into_iter().map(|p| (strip(&p.label), p.probability)).collect(),
            Err(_) => Dist::new(),
        }
    }
    fn ft08(&self, t: &str) -> Dist {
        self.ft08
            .predict(t, 176, 0.0)
            .into_iter()
            .map(|p| (strip(&p.label), p.prob))
            .collect()
    }
    /// C++ fastText as the Python binding calls it: one line, ended by '\n' (which gives `</s>`).
    fn cpp(&self, t: &str) -> Option<Dist> {
        if t.contains('\n') || t.contains('\0') {
            return None; // predictLine would stop at the first line
        }
        let line = format!("{t}\n");
        Some(match self.cpp.predict(&line, 176, 0.0) {
            Ok(v) => v.into_iter().map(|p| (strip(&p.label), p.prob)).collect(),
            Err(_) => Dist::new(),
        })
    }
}

fn top(d: &Dist) -> Option<&str> {
    d.iter()
        .max_by(|a, b| a.1.total_cmp(b.1).then_with(|| b.0.cmp(a.0)))
        .map(|(k, _)| k.as_str())
}

#[derive(Default)]
struct Cmp {
    n: usize,
    max_abs: f32,
    max_at: String,
    over_1e4: usize,
    top_diff: usize,
    len_diff: usize,
    examples: Vec<String>,
}

impl Cmp {
    fn add(&mut self, a: &Dist, b: &Dist, text: &str) {
        self.n += 1;
        if a.len() != b.len() {
            self.len_diff += 1;
        }
        let mut m = 0.0f32;
        for (k, &pa) in a {
            let pb = b.get(k).copied().unwrap_or(0.0);
            m = m.max((pa - pb).abs());
        }
        for (k, &pb) in b {
            if !a.contains_key(k) {
                m = m.max(pb);
            }
        }
        if m > self.max_abs {
            self.max_abs = m;
            self.max_at = text.chars().take(60).collect();
        }
        if m > 1e-4 {
            self.over_1e4 += 1;
        }
        if top(a) != top(b) {
            self.top_diff += 1;
            if self.examples.len() < 3 {
                self.examples.push(format!(
                    "{:?} vs {:?} on {:?}",
                    top(a),
                    top(b),
                    text.chars().take(50).collect::<String>()
                ));
            }
        }
    }
    fn print(&self, name: &str) {
        println!(
            "  {name:<18} n={:<6} max|dp|={:.3e} texts>1e-4={:<6} top-label differs={:<6} label-count differs={}",
            self.n, self.max_abs, self.over_1e4, self.top_diff, self.len_diff
        );
        if self.max_abs > 1e-4 {
            println!("      largest at {:?}", self.max_at);
        }
        for e in &self.examples {
            println!("      e.g. {e}");
        }
    }
}

fn check() {
    let all = All::load();
    for corpus in ["langid", "news"] {
        let ts = texts(corpus);
        for mode in ["evidence", "raw"] {
            let ins = inputs(&ts, mode);
            let (mut op, mut oc, mut pc, mut fc) =
                (Cmp::default(), Cmp::default(), Cmp::default(), Cmp::default());
            for t in &ins {
                let o = all.ours(t);
                let p = all.purers(t);
                op.add(&o, &p, t);
                let f = all.ft08(t);
                if let Some(c) = all.cpp(t) {
                    oc.add(&o, &c, t);
                    pc.add(&p, &c, t);
                    fc.add(&f, &c, t);
                }
            }
            println!(
                "{corpus} ({} texts, {} model inputs), mode {mode}:",
                ts.len(),
                ins.len()
            );
            op.print("ours vs pure-rs");
            oc.print("ours vs C++");
            pc.print("pure-rs vs C++");
            fc.print("fasttext0.8 vs C++");
        }
        // The whole step: ghirbal-lid as it is vs the same code with the crate adapter.
        let a = ghirbal_lid::Identifier::get().expect("ours");
        let b = ghirbal_lid_crate::Identifier::get().expect("crate");
        for (mode, l) in [("evidence", Limits::default()), ("raw", limits("raw"))] {
            let (mut lang, mut dia, mut maxs) = (0usize, 0usize, 0.0f32);
            for t in &ts {
                let ga = a.identify(t, l);
                let gb = b.identify(t, ghirbal_lid_crate::Limits { max_bytes: l.max_bytes, evidence: l.evidence });
                if ga.language != gb.language {
                    lang += 1;
                }
                if format!("{:?}", ga.dialect) != format!("{:?}", gb.dialect) {
                    dia += 1;
                }
                maxs = maxs.max((ga.score - gb.score).abs());
            }
            println!(
                "  identify() ours vs crate adapter, {mode}: {} texts, language differs {lang}, dialect differs {dia}, max |score diff| {maxs:.3e}",
                ts.len()
            );
        }
    }
}

fn bench(imp: &str, corpus: &str, mode: &str) {
    let ts = texts(corpus);
    let ins = inputs(&ts, mode);
    drop(ts);
    let bytes: usize = ins.iter().map(String::len).sum();
    let model_bytes = ghirbal_lid::bench::model_bytes();
    let mut run: Box<dyn FnMut(&str) -> f32> = match imp {
        "ours" => {
            let m = ghirbal_lid::bench::Model::from_bytes(model_bytes).expect("ours");
            let mut p = Vec::new();
            Box::new(move |t| {
                m.predict(t, &mut p);
                p[0]
            })
        }
        "adapter" => {
            let m = ghirbal_lid_crate::bench::Model::from_bytes(model_bytes).expect("adapter");
            let mut p = Vec::new();
            Box::new(move |t| {
                m.predict(t, &mut p);
                p[0]
            })
        }
        "purers" => {
            let m = fasttext_pure_rs::FastText::load_from_reader(model_bytes).expect("purers");
            Box::new(move |t| m.predict(t, 176, 0.0).map(|v| v[0].probability).unwrap_or(0.0))
        }
        "purers1" => {
            let m = fasttext_pure_rs::FastText::load_from_reader(model_bytes).expect("purers");
            Box::new(move |t| m.predict(t, 1, 0.0).map(|v| v[0].probability).unwrap_or(0.0))
        }
        "purers16" => {
            let m = fasttext_pure_rs::FastText::load_from_reader(model_bytes).expect("purers");
            Box::new(move |t| m.predict(t, 16, 0.0).map(|v| v[0].probability).unwrap_or(0.0))
        }
        "ours1" => {
            // ours has no top-k: the whole distribution, then the maximum
            let m = ghirbal_lid::bench::Model::from_bytes(model_bytes).expect("ours");
            let mut p = Vec::new();
            Box::new(move |t| {
                m.predict(t, &mut p);
                p.iter().copied().fold(0.0, f32::max)
            })
        }
        "ft08" => {
            let m = fasttext::FastText::load(&mut &model_bytes[..]).expect("ft08");
            Box::new(move |t| m.predict(t, 176, 0.0)[0].prob)
        }
        "cpp" => {
            write_cpp_model();
            let mut m = fasttext07::FastText::new();
            m.load_model(CPP_MODEL_PATH).expect("cpp");
            let mut line = String::new();
            Box::new(move |t| {
                line.clear();
                line.push_str(t);
                line.push('\n');
                m.predict(&line, 176, 0.0).map(|v| v[0].prob).unwrap_or(0.0)
            })
        }
        other => panic!("unknown impl {other}"),
    };
    // One warm-up pass, then the timed pass.
    let mut s = 0.0f32;
    for t in &ins {
        s += run(t);
    }
    let cpu0 = cpu_secs();
    let start = Instant::now();
    for t in &ins {
        s += black_box(run(black_box(t)));
    }
    let wall = start.elapsed().as_secs_f64();
    let secs = cpu_secs() - cpu0;
    println!(
        "bench wall={wall:.4} impl={imp} corpus={corpus} mode={mode} texts={} bytes={} cpu_secs={secs:.4} texts_per_s={:.0} mib_per_s={:.2} (checksum {s:.1})",
        ins.len(),
        bytes,
        ins.len() as f64 / secs,
        bytes as f64 / secs / 1048576.0
    );
}

fn step(which: &str, corpus: &str) {
    let ts = texts(corpus);
    let bytes: usize = ts.iter().map(String::len).sum();
    let mut run: Box<dyn FnMut(&str) -> f32> = match which {
        "ours" => {
            let id = ghirbal_lid::Identifier::get().expect("ours");
            Box::new(move |t| id.identify(t, Limits::default()).score)
        }
        "crate" => {
            let id = ghirbal_lid_crate::Identifier::get().expect("crate");
            Box::new(move |t| id.identify(t, ghirbal_lid_crate::Limits::default()).score)
        }
        other => panic!("unknown {other}"),
    };
    let mut s = 0.0f32;
    for t in &ts {
        s += run(t);
    }
    let cpu0 = cpu_secs();
    let start = Instant::now();
    for t in &ts {
        s += black_box(run(black_box(t)));
    }
    let wall = start.elapsed().as_secs_f64();
    let secs = cpu_secs() - cpu0;
    println!(
        "step wall={wall:.4} which={which} corpus={corpus} texts={} bytes={} cpu_secs={secs:.4} texts_per_s={:.0} mib_per_s={:.2} (checksum {s:.1})",
        ts.len(),
        bytes,
        ts.len() as f64 / secs,
        bytes as f64 / secs / 1048576.0
    );
}

fn load(imp: &str) {
    let bytes = ghirbal_lid::bench::model_bytes();
    if imp == "cpp" {
        write_cpp_model();
    }
    let before = rss_kib();
    let start = Instant::now();
    let keep: Box<dyn std::any::Any> = match imp {
        "ours" => Box::new(ghirbal_lid::bench::Model::from_bytes(bytes).expect("ours")),
        "adapter" => Box::new(ghirbal_lid_crate::bench::Model::from_bytes(bytes).expect("a")),
        "purers" => Box::new(fasttext_pure_rs::FastText::load_from_reader(bytes).expect("p")),
        "ft08" => Box::new(fasttext::FastText::load(&mut &bytes[..]).expect("f")),
        "cpp" => {
            let mut m = fasttext07::FastText::new();
            m.load_model(CPP_MODEL_PATH).expect("cpp");
            Box::new(m)
        }
        other => panic!("unknown {other}"),
    };
    let ms = start.elapsed().as_secs_f64() * 1000.0;
    let after = rss_kib();
    println!(
        "load impl={imp} ms={ms:.1} rss_delta_kib={}",
        after.saturating_sub(before)
    );
    black_box(keep);
}

/// Ours with C++'s unclamped sigmoid, against C++ fastText.
fn damaged() {
    let bytes = ghirbal_lid::bench::model_bytes();
    for cut in [0, 3, 8, 60, 1000, bytes.len() / 2] {
        let r = std::panic::catch_unwind(|| {
            ghirbal_lid_crate::bench::Model::from_bytes(&bytes[..cut]).is_err()
        });
        println!("cut {cut}: {:?}", r.map_err(|_| "PANIC"));
    }
    let r = std::panic::catch_unwind(|| {
        ghirbal_lid_crate::bench::Model::from_bytes(b"not a model at all").is_err()
    });
    println!("garbage: {:?}", r.map_err(|_| "PANIC"));
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let a = |i: usize| args.get(i).map(String::as_str).unwrap_or("");
    match a(1) {
        "check" => check(),
        "bench" => bench(a(2), a(3), a(4)),
        "step" => step(a(2), a(3)),
        "load" => load(a(2)),
        "damaged" => damaged(),
        _ => eprintln!("usage: see the top of src/main.rs"),
    }
}
