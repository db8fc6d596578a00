//! Checks that the `boilerplate` stage, built through the step registry, judges any UTF-8 text
//! without a panic or an error: per document (`cross_document = false`, with and without
//! annotations and the comments rule), and with the cross-document rule after observing the
//! same page twice under one site. The cross-document stage is built once and reset to its
//! saved empty state before each input (building it costs a tenth of a second), so every input
//! is judged the same way on every run.
#![no_main]

use ghirbal_core::{Cx, Document, Element, Stage};
use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};

fn page(text: &str) -> Document {
    let mut doc = Document::new("fuzz", text);
    doc.meta
        .insert("url".into(), "https://example.com/news/1".into());
    doc
}

/// The cross-document stage and its state before any observation.
struct CrossDocument {
    stage: Box<dyn Stage>,
    empty: Vec<u8>,
}

fn cross_document() -> CrossDocument {
    // Lines recurring in 2 of 2 documents of the site are templates.
    let Element::Stage(stage) = ghirbal_fuzz::build(
        "type = \"boilerplate\"\nsketch_mb = 1\ntemplate_min_docs = 2\ncorpus_min_docs = 2\nannotate = true",
    ) else {
        panic!("boilerplate is a stage");
    };
    let mut empty = Vec::new();
    assert!(stage.save_state(&mut empty).expect("state saved"));
    CrossDocument { stage, empty }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    static PER_DOC: OnceLock<[Element; 2]> = OnceLock::new();
    let per_doc = PER_DOC.get_or_init(|| {
        [
            ghirbal_fuzz::build("type = \"boilerplate\"\ncross_document = false"),
            ghirbal_fuzz::build(
                "type = \"boilerplate\"\ncross_document = false\nannotate = true\ncomments = false",
            ),
        ]
    });
    for stage in per_doc {
        let mut doc = page(text);
        let verdict = ghirbal_fuzz::process(stage, &mut doc).expect("boilerplate never fails");
        ghirbal_fuzz::check_verdict(&verdict);
    }

    static CROSS: OnceLock<Mutex<CrossDocument>> = OnceLock::new();
    let mut cross = CROSS
        .get_or_init(|| Mutex::new(cross_document()))
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    let CrossDocument { stage, empty } = &mut *cross;
    stage
        .load_state(&mut empty.as_slice())
        .expect("empty state restored");
    let doc = page(text);
    stage.observe(&doc, 0).expect("observe");
    stage.observe(&doc, 1).expect("observe");
    stage.finish().expect("finish");
    let mut doc = page(text);
    let verdict = stage
        .decide(&mut doc, 1, &mut Cx::default())
        .expect("boilerplate never fails");
    ghirbal_fuzz::check_verdict(&verdict);
});
