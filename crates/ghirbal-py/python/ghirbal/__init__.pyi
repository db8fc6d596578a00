# Type stub of the public API (documented in __init__.py).
import os
from typing import Callable, Any, Iterable, Iterator, Mapping, Sequence, Union

import pyarrow

from ._errors import GhirbalError as GhirbalError

__version__: str

PathLike = Union[str, os.PathLike[str]]

def run(
    inputs: Union[PathLike, Sequence[PathLike]],
    output: PathLike,
    preset: str | None = None,
    config: PathLike | None = None,
    threads: int | None = None,
    overwrite: bool = False,
    max_rejected: float = 0.5,
    progress: Callable[[str, int, int | None, int], None] | Any | None = None,
    report: bool = True,
) -> dict[str, Any]: ...

class Pipeline:
    def __init__(
        self,
        preset: str | None = None,
        config: PathLike | None = None,
        *,
        per_document: bool = False,
    ) -> None: ...
    @property
    def steps(self) -> list[str]: ...
    @property
    def left_out(self) -> list[str]: ...
    def process(self, records: Iterable[Mapping[str, Any]]) -> Iterator[dict[str, Any]]: ...
    def process_list(self, records: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]: ...
    def process_arrow(
        self, batch: Union[pyarrow.RecordBatch, pyarrow.Table]
    ) -> pyarrow.RecordBatch: ...

def normalize(text: str) -> str: ...
def lid(texts: Union[str, Iterable[str]]) -> list[dict[str, Any]]: ...
def extract(html: str, url: str | None = None) -> str | None: ...
def presets() -> list[str]: ...
