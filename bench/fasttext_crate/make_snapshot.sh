#!/bin/sh
# Builds the fastText comparison: a snapshot workspace of ghirbal-lid and ghirbal-text at COMMIT
# (default HEAD) with a hidden `bench` module (lib-bench.patch: the exact model input
# `identify` gives the model), the same crate with fasttext.rs replaced by the
# fasttext-pure-rs adapter (adapter.rs), then the harness. Run from this folder; it needs the
# crates from crates.io and a C++ compiler (fasttext 0.7.8 builds fastText's C++ sources, the
# reference).
set -eu
commit=${1:-HEAD}
here=$(pwd)
rm -rf snap && mkdir snap
(cd ../.. && git archive "$commit" Cargo.toml Cargo.lock crates/ghirbal-lid crates/ghirbal-text) |
    tar -x -C snap
# A workspace of the three crates: the snapshot's own dependency versions, nothing else.
sed -i '/^members = \[/,/^\]/c\members = ["crates/ghirbal-lid", "crates/ghirbal-text", "crates/ghirbal-lid-crate"]' \
    snap/Cargo.toml
sed -i '/^\[dev-dependencies\]/,$d' snap/crates/ghirbal-lid/Cargo.toml
printf '\n[lints]\nworkspace = true\n' >> snap/crates/ghirbal-lid/Cargo.toml
(cd snap && patch -p1 < "$here/lib-bench.patch")
cp -r snap/crates/ghirbal-lid snap/crates/ghirbal-lid-crate
sed -i 's/^name = "ghirbal-lid"/name = "ghirbal-lid-crate"/;
        s/^\[dependencies\]/[dependencies]\nfasttext-pure-rs = { version = "0.1", default-features = false }/' \
    snap/crates/ghirbal-lid-crate/Cargo.toml
cp adapter.rs snap/crates/ghirbal-lid-crate/src/fasttext.rs
cp snap/crates/ghirbal-lid/model/lid.176.ftz /tmp/ft-compare-lid.176.ftz
cargo build --release
