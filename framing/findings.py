"""Placing findings in a document (line, column, sentence, context) and resolving overlaps:
the helpers detectors build their findings with. The Finding type is framing.report's."""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from framing.report import Finding, new_finding

if TYPE_CHECKING:
    from framing.document import Document


def locate(doc: Document, start: int, end: int, **fields: Any) -> Finding:
    """A finding at text[start:end] with its line, column, sentence and context filled in."""
    line, column = doc.line_col(start)
    sentence = doc.sentence_index(start)
    spans = doc.sentence_spans
    return new_finding(
        fields["rule"], fields["category"], fields["detector"], doc.text[start:end], start, end, line, column,
        sentence, fields["severity"], fields["weight"], fields["explanation"], fields["suggestion"],
        doc.context(start, end, sentence=spans[sentence] if spans else None), fields.get("quoted", False),
    )


def locate_many(doc: Document, matches: list[tuple[int, int, tuple]]) -> list[Finding]:
    """Findings for many (start, end, (rule, category, detector, severity, weight,
    explanation, suggestion)) matches at once: the per-document geometry is looked up
    once, which matters when a corpus yields millions of findings. Same findings as locate()."""
    if not matches:
        return []
    text = doc.text
    line_starts = doc.line_starts
    spans = doc.sentence_spans
    sentence_starts = [s for s, _ in spans] if spans else [doc.body_start]
    if not spans:
        spans = [(doc.body_start, len(text))]
    context = doc.context
    findings = []
    append = findings.append
    for start, end, (rule, category, detector, severity, weight, explanation, suggestion) in matches:
        line = bisect_right(line_starts, start) - 1
        sentence = bisect_right(sentence_starts, start) - 1
        if sentence < 0:
            sentence = 0
        append(new_finding(rule, category, detector, text[start:end], start, end, line + 1,
                           start - line_starts[line] + 1, sentence, severity, weight, explanation, suggestion,
                           context(start, end, sentence=spans[sentence])))
    return findings


def resolve_overlaps(items: list, key=None) -> list:
    """Keep non-overlapping items: longest first, then earliest; returned in text order.
    Items are (start, end, ...) tuples, or anything `key` maps to (start, end)."""
    if key is None:
        if len(items) < 2:
            return list(items)
        in_order = sorted(items)  # (start, end, payload) tuples: no key function to call
        if all(a[1] <= b[0] for a, b in zip(in_order, in_order[1:])):
            return in_order  # the common case: nothing overlaps
        key = _start_end
    else:
        in_order = sorted(items, key=key)
        if all(key(a)[1] <= key(b)[0] for a, b in zip(in_order, in_order[1:])):
            return in_order
    ordered = sorted(items, key=lambda item: (key(item)[0] - key(item)[1], key(item)[0]))
    starts: list[int] = []
    ends: list[int] = []
    kept: list = []
    for item in ordered:
        start, end = key(item)
        index = bisect_right(starts, start)
        if index and ends[index - 1] > start:
            continue
        if index < len(starts) and starts[index] < end:
            continue
        starts.insert(index, start)
        ends.insert(index, end)
        kept.append(item)
    kept.sort(key=key)
    return kept


def _start_end(item) -> tuple[int, int]:
    return item[0], item[1]
