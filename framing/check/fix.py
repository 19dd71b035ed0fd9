"""`framing check --fix`: the safe replacements lexicon entries offer (`fix = "..."` in the
lexicon format), applied in place. Only counted findings are fixed, last first, so earlier
offsets stay true; an empty replacement deletes the match and the space after it."""

from __future__ import annotations

from framing.check.run import Checked


def fixed_text(text: str, spans: list[tuple[int, int, str]]) -> str:
    """`text` with each (start, end, replacement) applied; overlapping spans after the first are skipped."""
    pieces = []
    position = len(text)
    for start, end, replacement in sorted(spans, reverse=True):
        if end > position:
            continue  # overlaps a replacement already made
        if replacement == "":
            if end < len(text) and text[end] == " ":
                end += 1
            elif start > 0 and text[start - 1] == " ":
                start -= 1
        pieces.append(text[end:position])
        pieces.append(replacement)
        position = start
    pieces.append(text[:position])
    return "".join(reversed(pieces))


def apply_fixes(checked: list[Checked]) -> tuple[int, int]:
    """Fix every file; returns (findings fixed, files changed)."""
    fixes = files = 0
    for item in checked:
        spans = [(f.finding.start, f.finding.end, f.fix) for f in item.findings if f.fix is not None and f.suppressed is None]
        if not spans:
            continue
        new = fixed_text(item.text, spans)
        if new != item.text:
            item.path.write_bytes(new.encode("utf-8"))
            fixes += len(spans)
            files += 1
    return fixes, files
