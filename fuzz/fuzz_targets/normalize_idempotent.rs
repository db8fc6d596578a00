//! Checks that `ghirbal_text::normalize::normalize` is idempotent on any UTF-8 text
//! (normalize(normalize(x)) == normalize(x)), borrows only when it changes nothing, and that
//! the `normalize` step writes the same text.
#![no_main]

use ghirbal_core::Document;
use ghirbal_text::normalize::{normalize, Changes};
use libfuzzer_sys::fuzz_target;
use std::borrow::Cow;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut changes = Changes::default();
    let once = normalize(text, &mut changes);
    if let Cow::Borrowed(b) = &once {
        assert_eq!(*b, text);
    }

    static STEP: OnceLock<ghirbal_core::Element> = OnceLock::new();
    let step = STEP.get_or_init(|| ghirbal_fuzz::build("type = \"normalize\""));
    let mut doc = Document::new("fuzz", text);
    let verdict = ghirbal_fuzz::process(step, &mut doc).expect("normalize never fails");
    ghirbal_fuzz::check_verdict(&verdict);
    assert_eq!(doc.text, once.as_ref(), "the step and the function differ");

    let mut again_changes = Changes::default();
    let twice = normalize(&once, &mut again_changes);
    assert_eq!(
        once.as_ref(),
        twice.as_ref(),
        "not idempotent; second pass changed {:?}",
        again_changes
    );
});
