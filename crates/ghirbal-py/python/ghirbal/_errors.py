"""The exception every ghirbal failure raises."""

from __future__ import annotations

# The CLI's exit codes, which GhirbalError.code carries.
USAGE = 2
FAILED = 1
INTERRUPTED = 130

_KINDS = {USAGE: "usage", FAILED: "failed", INTERRUPTED: "interrupted"}


class GhirbalError(Exception):
    """A ghirbal error, with the exit code ``ghirbal`` would have given.

    Attributes:
        code: 2 for a usage or configuration error (nothing was written), 1 when the run
            could not complete or too many records were rejected, 130 when interrupted.
        kind: ``"usage"``, ``"failed"`` or ``"interrupted"``, the same thing in words.
    """

    def __init__(self, message: str, code: int = FAILED) -> None:
        super().__init__(message)
        self.code = code
        self.kind = _KINDS.get(code, "failed")

    def __reduce__(self):  # picklable, for multiprocessing and Ray
        return (type(self), (str(self), self.code))
