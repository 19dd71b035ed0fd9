"""Detectors: objects built once (from lexicons or rules) and applied to many documents.

A detector has a `name`, the `categories` it reports, and `detect(document)` returning
findings. It keeps no per-document state and pickles small, so a pool of worker
processes or a Dask cluster can receive it once and reuse it.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from framing.document import Document
from framing.findings import Finding
from framing.lexicon import Category


@runtime_checkable
class Detector(Protocol):
    name: str

    @property
    def categories(self) -> list[Category]: ...

    def detect(self, document: Document) -> list[Finding]: ...
