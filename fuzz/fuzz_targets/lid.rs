//! Checks that language identification never panics on any UTF-8 text: the `lid` step built
//! through the step registry (whole document, and paragraph removal with annotations), and
//! `ghirbal_lid::Identifier::identify` with and without evidence and with tiny samples; every
//! score is a probability (finite, 0 to 1).
#![no_main]

use ghirbal_core::{Document, Element};
use ghirbal_lid::{Identifier, Limits};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn check_score(score: f32, what: &str) {
    assert!(
        score.is_finite() && (0.0..=1.0 + 1e-4).contains(&score),
        "{what}: score {score} is not a probability"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    static STEPS: OnceLock<[Element; 2]> = OnceLock::new();
    let steps = STEPS.get_or_init(|| {
        [
            ghirbal_fuzz::build("type = \"lid\""),
            ghirbal_fuzz::build(
                "type = \"lid\"\nkeep = [\"ar\", \"other\"]\nparagraphs = true\nparagraph_min_chars = 1\nannotate = true\nmax_bytes = 7",
            ),
        ]
    });
    for step in steps {
        let mut doc = Document::new("fuzz", text);
        let verdict = ghirbal_fuzz::process(step, &mut doc).expect("lid never fails");
        ghirbal_fuzz::check_verdict(&verdict);
    }

    let id = Identifier::get().expect("the embedded model loads");
    for limits in [
        Limits::default(),
        Limits {
            max_bytes: usize::MAX,
            evidence: true,
        },
        Limits {
            max_bytes: 3,
            evidence: true,
        },
        Limits {
            max_bytes: 1024,
            evidence: false,
        },
    ] {
        let guess = id.identify(text, limits);
        check_score(guess.score, &guess.language);
        if let Some(d) = &guess.dialect {
            let _ = format!("{d:?}");
        }
    }
});
