"""Detectors: objects built once (from lexicons or rules) and applied to many documents.

A detector has a `name`, the `categories` it reports, and `detect(document)` returning
findings; one that measures the whole document also has a `section` name and
`summarize(document, findings)`, whose result joins the document's scores. It keeps no per-document state and pickles small, so a pool of worker
processes or a Dask cluster can receive it once and reuse it.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from framing.document import Document
from framing.findings import Finding
from framing.lexicon import Category


# Detectors by name, for --detector/--no-detector, in the order they run.
NAMES = ("lexicon", "quotes", "attribution", "agency", "tone", "actors", "classifier")
# Tone (VADER, about 2 MB/s) is the one measure slow enough to leave to those who ask.
DEFAULT = ("lexicon", "quotes", "attribution", "agency", "actors", "classifier")


@runtime_checkable
class Detector(Protocol):
    name: str

    @property
    def categories(self) -> list[Category]: ...

    def detect(self, document: Document) -> list[Finding]: ...


class Summarizer(Protocol):
    """A detector that also measures the whole document adds a section to its scores."""

    section: str

    def summarize(self, document: Document, findings: list[Finding]) -> dict: ...
