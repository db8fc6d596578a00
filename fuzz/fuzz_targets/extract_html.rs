//! Checks that `ghirbal_html::extract_page` takes any bytes as a page, in every mode, without a
//! panic (the parse, the depth and attribute guards, the passes over the tree, rendering), and
//! that what it returns is text: no NUL, no line that is only whitespace, nothing longer than
//! the page's own visible text in the all-text mode.
#![no_main]

use ghirbal_html::{extract_page, Favor, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    ghirbal_fuzz::cap_allocations(256 << 20);
    let all = extract_page(
        data,
        None,
        Some("https://x.example/"),
        &Options {
            all_text: true,
            ..Options::default()
        },
    );
    for favor in [Favor::Precision, Favor::Balanced, Favor::Recall] {
        for markdown in [false, true] {
            let page = extract_page(
                data,
                None,
                Some("https://x.example/"),
                &Options {
                    favor,
                    markdown,
                    all_text: false,
                },
            );
            let text = &page.extraction.text;
            assert!(!text.contains('\0'));
            assert!(
                text.lines().all(|l| !l.trim().is_empty()),
                "an empty line in {text:?}"
            );
            if !markdown && page.extraction.path != ghirbal_html::Path::JsonLd {
                assert!(
                    text.chars().filter(|c| c.is_alphanumeric()).count()
                        <= all.extraction.text.chars().filter(|c| c.is_alphanumeric()).count(),
                    "more letters than the page shows"
                );
            }
        }
    }
});
