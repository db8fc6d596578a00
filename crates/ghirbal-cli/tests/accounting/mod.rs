//! The accounting identity with ghirbal's real default pipeline (the library calls the binary
//! makes, without a process per case); `ghirbal-pipeline` checks the same with toy steps, and
//! the property itself is written once, in that crate's tests.

#[path = "../../../ghirbal-pipeline/tests/common/accounting.rs"]
mod property;

use ghirbal_pipeline::ConfigFile;
use ghirbal_steps::Registry;
use property::{holds, rec};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]
    #[test]
    fn every_record_is_accounted_for(recs in prop::collection::vec(rec(), 0..300), threads in 1usize..4, batch in 1usize..50) {
        let config = ConfigFile::parse(ghirbal_steps::preset("default").expect("preset"), "default", &Registry).expect("valid");
        holds(&recs, threads, batch, config, &Registry)?;
    }
}
