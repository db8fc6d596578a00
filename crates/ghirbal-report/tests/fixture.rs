//! The committed fixture (a real run's stats and configuration with observations in the
//! format the run writes) loads and renders: the file format and the report agree.

use std::path::Path;

#[test]
fn the_fixture_run_loads_and_renders_with_charts_and_samples() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sample-full");
    let input = ghirbal_report::load(&dir).expect("fixture loads");
    let obs = input.observations.as_ref().expect("observations present");
    assert_eq!(
        obs.elements.len(),
        input.stats["steps"].as_array().map_or(0, Vec::len)
    );
    assert!(!obs.removed.is_empty());
    let html = ghirbal_report::render(&input, true);
    assert!(html.contains("\"observed\":true"));
    assert!(html.contains("\"kind\":\"removed\""));
    assert!(html.contains("\"language_score\""));
    assert_eq!(html, ghirbal_report::render(&input, true));
}
