"""Each phrase matcher's hits in a document, found once and shared.

Detectors read their phrases' hits with `hits(document, matcher)`. The analyzer first scans each
batch of documents for the phrases of all its detectors together (framing.matcher.SharedScan) and
leaves every matcher's hits on the documents, then `release`s them once a document's result is
made (a result keeps its document: the raw hits would otherwise stay in memory with it); a
detector used on its own finds its hits itself, with the same result.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from framing.document import Document
    from framing.matcher import PhraseMatcher, SharedScan

Hits = list[tuple[int, int, int, int]]  # (start, end, payload, kind), as PhraseMatcher.find gives them

KEY = "phrase-hits"  # the Document.derived entry: {id(matcher): hits}


def _table(document: Document) -> dict[int, Hits]:
    return document.derived(KEY, lambda _: {})


def hits(document: Document, matcher: PhraseMatcher) -> Hits:
    """matcher.find over the document's body: its text from body_start, with its scan bytes."""
    table = _table(document)
    found = table.get(id(matcher))
    if found is None:
        found = table[id(matcher)] = matcher.find(document.text, document.body_start, document.scan)
    return found


def hits_many(documents: Sequence[Document], matcher: PhraseMatcher) -> list[Hits]:
    """hits() for many documents; those not scanned yet are scanned together (find_many)."""
    key = id(matcher)
    todo = [d for d in documents if key not in _table(d)]
    if todo:
        for document, found in zip(todo, matcher.find_many([(d.text, d.body_start, d.scan) for d in todo])):
            _table(document)[key] = found
    return [_table(d)[key] for d in documents]


def scan_together(documents: Sequence[Document], scan: SharedScan) -> None:
    """Leaves the hits of each of the scan's matchers on each document, from one pass."""
    if not documents:
        return
    found = scan.find_many([(d.text, d.body_start, d.scan) for d in documents])
    tables = [_table(d) for d in documents]
    for matcher, per_document in zip(scan.matchers, found):
        key = id(matcher)
        for table, mine in zip(tables, per_document):
            table[key] = mine


def release(document: Document) -> None:
    """Drops the document's phrase hits (what the detectors made of them stays)."""
    document.discard_derived(KEY)
