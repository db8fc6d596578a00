//! Snapshot of the quality chains on hand-written fixtures (`fixtures/quality-docs.jsonl`): for
//! each document, the decision of FineWeb-2's chain (profile `fineweb2-arb`), of the same chain
//! with the Arabic profile `ar`, and of `c4-quality`, with the measured values. A change in a
//! definition, a threshold or a profile shows up here as a reviewed diff.

use ghirbal_core::{Cx, Document, Element, Step, Verdict};
use std::fmt::Write;

fn step(name: &str, profile: &str) -> Box<dyn Step> {
    let table: toml::Table = toml::from_str(&format!(
        "type = \"{name}\"\nprofile = \"{profile}\"\nannotate = true"
    ))
    .expect("toml");
    match ghirbal_steps::build(1, &table).expect("builds").element {
        Element::Step(s) => s,
        Element::Stage(_) => panic!("{name} is a step"),
    }
}

fn fixtures() -> Vec<(String, String)> {
    include_str!("fixtures/quality-docs.jsonl")
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("fixture json");
            (
                v["id"].as_str().unwrap_or_default().to_string(),
                v["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

fn chain(profile: &str, names: &[&str]) -> String {
    let steps: Vec<Box<dyn Step>> = names.iter().map(|n| step(n, profile)).collect();
    let mut out = String::new();
    for (id, text) in fixtures() {
        let mut doc = Document::new(id.clone(), text);
        let mut verdict = Verdict::Keep;
        for s in &steps {
            verdict = s
                .process(&mut doc, &mut Cx::default())
                .expect("never fails");
            if verdict != Verdict::Keep {
                break;
            }
        }
        match verdict {
            Verdict::Keep => {
                let _ = writeln!(out, "{id}: kept");
            }
            Verdict::Drop(r) => {
                let _ = writeln!(out, "{id}: {}/{}: {}", r.step, r.code, r.detail);
            }
        }
        if let Some(q) = doc.meta.get("quality") {
            let _ = writeln!(out, "  {q}");
        }
    }
    out
}

const FILTERS: [&str; 3] = ["gopher-repetition", "gopher-quality", "fineweb-quality"];

#[test]
fn fineweb2_arb_chain() {
    insta::assert_snapshot!(chain("fineweb2-arb", &FILTERS));
}

#[test]
fn arabic_profile_chain() {
    insta::assert_snapshot!(chain("ar", &FILTERS));
}

#[test]
fn c4_with_the_arabic_profile() {
    insta::assert_snapshot!(chain("ar", &["c4-quality"]));
}
