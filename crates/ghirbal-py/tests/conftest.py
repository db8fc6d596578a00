"""Shared fixtures: the repository's root and its embedded sample, and the CLI binary."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def ghirbal_bin() -> str:
    """The `ghirbal` binary to compare with: $GHIRBAL_BIN, else cargo's release or debug build,
    else one on PATH. The comparison is skipped (with the reason) when there is none."""
    candidates = [
        os.environ.get("GHIRBAL_BIN"),
        os.environ.get("CARGO_TARGET_DIR") and str(Path(os.environ["CARGO_TARGET_DIR"]) / "release/ghirbal"),
        str(ROOT / "target/release/ghirbal"),
        str(ROOT / "target/debug/ghirbal"),
        shutil.which("ghirbal"),
    ]
    for c in candidates:
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return c
    pytest.skip("no ghirbal binary: build it with `cargo build --release` or set GHIRBAL_BIN")
