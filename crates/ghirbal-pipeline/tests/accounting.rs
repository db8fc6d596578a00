//! The accounting identity with toy steps (a length filter, and a deduplicating stage so that
//! observation passes take part); the CLI's tests check the same with the default preset.

#[path = "common/accounting.rs"]
mod accounting;
mod toy;

use accounting::{holds, rec};
use ghirbal_pipeline::ConfigFile;
use proptest::prelude::*;
use toy::Toys;

/// Short records are removed by length, repeated ones by the stage.
const PIPELINE: &str =
    "version = 1\n[[steps]]\ntype = 'length'\nmin_chars = 6\n[[steps]]\ntype = 'dedup'\n";

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]
    #[test]
    fn every_record_is_accounted_for(recs in prop::collection::vec(rec(), 0..300), threads in 1usize..4, batch in 1usize..50) {
        let config = ConfigFile::parse(PIPELINE, "toys", &Toys).expect("valid");
        holds(&recs, threads, batch, config, &Toys)?;
    }
}
