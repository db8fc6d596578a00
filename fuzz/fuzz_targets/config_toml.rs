//! Checks that any text given as a configuration is parsed and resolved, or refused with an
//! error, without a panic; and that a resolved configuration, written back as TOML, parses and
//! resolves again to the same configuration (what `OUT/config.toml` promises: any run can be
//! repeated from it).
#![no_main]

use ghirbal_pipeline::ConfigFile;
use ghirbal_steps::Registry;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(config) = ConfigFile::parse(text, "fuzz", &Registry) else {
        return;
    };
    let Ok((_, resolved)) = config.resolve(&Registry) else {
        return;
    };
    let written = resolved
        .to_toml()
        .expect("a resolved configuration serializes");
    let again = match ConfigFile::parse(&written, "fuzz (resolved)", &Registry) {
        Ok(c) => c,
        Err(e) => panic!("resolved configuration does not parse: {e}\n---\n{written}"),
    };
    let (_, resolved_again) = match again.resolve(&Registry) {
        Ok(r) => r,
        Err(e) => panic!("resolved configuration does not resolve: {e}\n---\n{written}"),
    };
    // Compared as TOML text: a NaN option would make the structs unequal to themselves.
    let written_again = resolved_again.to_toml().expect("serializes");
    assert_eq!(written, written_again, "resolving is not idempotent");
});
