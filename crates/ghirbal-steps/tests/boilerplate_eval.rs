//! Line-level precision and recall of the `boilerplate` step on the hand-labelled fixture
//! (`tests/fixtures/boilerplate-lines.jsonl`: documents from cc-web-capstone, oscar-sentences,
//! almayadeen and saudinewsnet with every line marked boilerplate or content). The per-document
//! rules are measured here; the cross-document rule needs a whole corpus and is measured by
//! `bench/boilerplate_eval.py`.

use ghirbal_core::{Cx, Document};
use ghirbal_steps::boilerplate::{Boilerplate, Options};
use serde_json::Value;

fn fixture() -> Vec<Value> {
    let text = include_str!("fixtures/boilerplate-lines.jsonl");
    text.lines()
        .map(|l| serde_json::from_str(l).expect("fixture line is JSON"))
        .collect()
}

#[test]
fn line_precision_and_recall_on_the_labelled_set() {
    let stage = Boilerplate::new(Options {
        cross_document: false,
        ..Options::default()
    })
    .expect("builds");
    let (mut tp, mut fp, mut fn_, mut tn) = (0u32, 0u32, 0u32, 0u32);
    let mut errors = Vec::new();
    for doc in fixture() {
        let lines = doc["lines"].as_array().expect("lines");
        let text: Vec<&str> = lines
            .iter()
            .map(|l| l["text"].as_str().expect("text"))
            .collect();
        let mut d = Document::new(doc["id"].as_str().unwrap_or_default(), text.join("\n"));
        let removed = stage.apply(&mut d, &mut Cx::default());
        for (i, line) in lines.iter().enumerate() {
            let truth = line["label"] == "boilerplate";
            let rule = removed
                .iter()
                .find(|(n, _, _)| *n == i + 1)
                .map(|r| r.1.code());
            match (truth, rule) {
                (true, Some(_)) => tp += 1,
                (false, None) => tn += 1,
                (false, Some(rule)) => {
                    fp += 1;
                    errors.push(format!("FP {rule:<18} {} | {}", doc["id"], text[i]));
                }
                (true, None) => {
                    fn_ += 1;
                    errors.push(format!(
                        "FN {:<18} {} | {}",
                        line["why"].as_str().unwrap_or(""),
                        doc["id"],
                        text[i]
                    ));
                }
            }
        }
    }
    let precision = f64::from(tp) / f64::from(tp + fp).max(1.0);
    let recall = f64::from(tp) / f64::from(tp + fn_).max(1.0);
    let report = format!(
        "lines {} (boilerplate {}), tp {tp} fp {fp} fn {fn_} tn {tn}: precision {precision:.3}, recall {recall:.3}\n{}",
        tp + fp + fn_ + tn,
        tp + fn_,
        errors.join("\n")
    );
    println!("{report}");
    assert!(precision >= 0.97, "{report}");
    assert!(recall >= 0.90, "{report}");
}
