"""Each phrase matcher's hits in a document, found once and shared.

Detectors read their phrases' hits with `hits(document, matcher)`. The analyzer first scans each
batch of documents for the phrases of all its detectors together (framing.matcher.SharedScan) and
leaves every matcher's hits on the documents; a detector used on its own finds them itself, with
the same result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from framing.document import Document
    from framing.matcher import PhraseMatcher, SharedScan

Hits = list[tuple[int, int, int, int]]  # (start, end, payload, kind), as PhraseMatcher.find gives them


def _key(matcher: PhraseMatcher) -> tuple[str, int]:
    return ("phrase-hits", id(matcher))


def hits(document: Document, matcher: PhraseMatcher) -> Hits:
    """matcher.find over the document's body: its text from body_start, with its scan bytes."""
    return document.derived(_key(matcher), lambda doc: matcher.find(doc.text, doc.body_start, doc.scan))


def hits_many(documents: Sequence[Document], matcher: PhraseMatcher) -> list[Hits]:
    """hits() for many documents; those not scanned yet are scanned together (find_many)."""
    key = _key(matcher)
    todo = [d for d in documents if not d.has_derived(key)]
    if todo:
        for document, found in zip(todo, matcher.find_many([(d.text, d.body_start, d.scan) for d in todo])):
            document.set_derived(key, found)
    return [hits(d, matcher) for d in documents]


def scan_together(documents: Sequence[Document], scan: SharedScan) -> None:
    """Leaves the hits of each of the scan's matchers on each document, from one pass."""
    if not documents:
        return
    found = scan.find_many([(d.text, d.body_start, d.scan) for d in documents])
    for matcher, per_document in zip(scan.matchers, found):
        key = _key(matcher)
        for document, mine in zip(documents, per_document):
            document.set_derived(key, mine)
