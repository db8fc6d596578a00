//! Property test: no step or stage panics on arbitrary text, whatever its script, controls or
//! digits; every verdict is Keep or a Drop with a step, a code and a detail.

use ghirbal_core::{Cx, Document, Element, Verdict};
use proptest::prelude::*;

fn elements() -> Vec<Element> {
    ghirbal_steps::catalog()
        .iter()
        .map(|info| {
            // A small sketch keeps each case cheap; the rules are the same.
            let extra = if info.name == "boilerplate" {
                "\nsketch_mb = 1"
            } else {
                ""
            };
            let table: toml::Table =
                toml::from_str(&format!("type = \"{}\"{extra}", info.name)).expect("toml");
            ghirbal_steps::build(1, &table)
                .expect("builds with defaults")
                .element
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]
    #[test]
    fn no_step_panics(texts in prop::collection::vec(
        "\\PC*|[\\u{0600}-\\u{06FF}\\u{FB50}-\\u{FEFF}\\u{200B}-\\u{200F}0-9٠-٩۰-۹ .:@/|»\\n\\r\\t-]{0,80}", 1..6)
    ) {
        for mut element in elements() {
            if let Element::Stage(stage) = &mut element {
                for (i, t) in texts.iter().enumerate() {
                    let mut doc = Document::new(format!("d{i}"), t.as_str());
                    doc.meta.insert("url".into(), "https://example.com/a".into());
                    stage.observe(&doc, i as u64).expect("observe");
                }
                stage.finish().expect("finish");
            }
            for (i, t) in texts.iter().enumerate() {
                let mut doc = Document::new(format!("d{i}"), t.as_str());
                let verdict = element.apply(&mut doc, i as u64, &mut Cx::default());
                match verdict.expect("no step fails on text") {
                    Verdict::Keep => {}
                    Verdict::Drop(r) => prop_assert!(!r.code.is_empty() && !r.detail.is_empty()),
                }
            }
        }
    }
}
