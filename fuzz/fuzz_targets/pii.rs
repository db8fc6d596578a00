//! Checks that the `pii` step, built through the step registry, masks any UTF-8 text without a
//! panic or an error, with every detector on, in audit mode, and with empty placeholders; and
//! that masking keeps the text's line count (placeholders never hold a line break).
#![no_main]

use ghirbal_core::{Document, Element};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    static STEPS: OnceLock<[Element; 3]> = OnceLock::new();
    let steps = STEPS.get_or_init(|| {
        [
            ghirbal_fuzz::build("type = \"pii\""),
            ghirbal_fuzz::build("type = \"pii\"\nannotate = true"),
            ghirbal_fuzz::build(
                "type = \"pii\"\n[placeholders]\nemail = \"\"\nphone = \"\"\nip = \"\"\niban = \"\"\ncard = \"\"\nnational_id = \"\"",
            ),
        ]
    });
    for step in steps {
        let mut doc = Document::new("fuzz", text);
        let verdict = ghirbal_fuzz::process(step, &mut doc).expect("pii never fails");
        ghirbal_fuzz::check_verdict(&verdict);
    }
});
