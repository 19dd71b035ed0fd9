"""The Document: a text plus where it came from, with offset, sentence and token geometry.

Offsets are code-point offsets into `text` exactly as decoded from the source (BOM
removed, nothing else changed). Analysis covers text[body_start:], so front matter keeps
its place in the offsets without being analysed. Geometry is computed on first use and
cached, so a lexicon-only run never pays for tokens.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Callable, Iterable, Iterator

from framing import segment
from framing.matcher import normalize, scan_bytes


@dataclass
class Document:
    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    source: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    body_start: int = 0

    _line_starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _sentences: list[tuple[int, int]] | None = field(default=None, init=False, repr=False, compare=False)
    _sentence_starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _tokens: list[tuple[int, int]] | None = field(default=None, init=False, repr=False, compare=False)
    _derived: dict[str, Any] | None = field(default=None, init=False, repr=False, compare=False)
    _folded: str | None = field(default=None, init=False, repr=False, compare=False)
    _scan: bytes | None = field(default=None, init=False, repr=False, compare=False)
    _words: int | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    @property
    def sentence_spans(self) -> list[tuple[int, int]]:
        if self._sentences is None:
            self._sentences = segment.sentence_spans(self.text, self.body_start)
        return self._sentences

    @property
    def token_spans(self) -> list[tuple[int, int]]:
        if self._tokens is None:
            self._tokens = segment.token_spans(self.text, self.body_start)
        return self._tokens

    @property
    def folded(self) -> str:
        """The text lowercased with whitespace, hyphens and apostrophes unified, offsets kept:
        the matchers read its byte form, `scan`."""
        if self._folded is None:
            self._folded = normalize(self.text)
        return self._folded

    @property
    def scan(self) -> bytes:
        """The text folded (as `folded`) to one byte per character (framing.matcher.scan_bytes):
        what the phrase automata read and words are counted on."""
        if self._scan is None:
            self._scan = scan_bytes(self.text)
        return self._scan

    @property
    def word_count(self) -> int:
        if self._words is None:
            self._words = segment.word_count(self.text, self.body_start, scan=self.scan)
        return self._words

    def derived(self, name: str, compute: Callable[[Document], Any]) -> Any:
        """A value computed from this document once and shared by the detectors that need it
        (quotation spans, sentence tones): detectors stay stateless, the work is not repeated."""
        if self._derived is None:
            self._derived = {}
        if name not in self._derived:
            self._derived[name] = compute(self)
        return self._derived[name]

    def has_derived(self, name: str) -> bool:
        return self._derived is not None and name in self._derived

    def discard_derived(self, name: str) -> None:
        """Drops a derived value that is no longer needed (it is computed again if asked for)."""
        if self._derived is not None:
            self._derived.pop(name, None)

    def sentences(self) -> list[str]:
        return [self.text[s:e] for s, e in self.sentence_spans]

    def tokens(self) -> list[str]:
        return [self.text[s:e] for s, e in self.token_spans]

    @property
    def line_starts(self) -> list[int]:
        """Offsets where each line begins."""
        if self._line_starts is None:
            self._line_starts = segment.line_starts(self.text)
        return self._line_starts

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a code-point offset."""
        starts = self.line_starts
        index = bisect_right(starts, offset) - 1
        return index + 1, offset - starts[index] + 1

    def sentence_index(self, offset: int) -> int:
        """0-based index of the sentence containing (or preceding) offset."""
        if self._sentence_starts is None:
            self._sentence_starts = [s for s, _ in self.sentence_spans]
        index = bisect_right(self._sentence_starts, offset) - 1
        return index if index > 0 else 0

    def sentence_span(self, offset: int) -> tuple[int, int]:
        spans = self.sentence_spans
        if not spans:
            return self.body_start, len(self.text)
        return spans[self.sentence_index(offset)]

    def context(self, start: int, end: int, width: int = 60, sentence: tuple[int, int] | None = None) -> str:
        """The match with up to `width` characters of its sentence on either side."""
        s_start, s_end = sentence or self.sentence_span(start)
        left = start - width if start - width > s_start else s_start
        right = end + width if end + width < s_end else (s_end if s_end > end else end)
        snippet = self.text[left:right]
        if "\n" in snippet or "\t" in snippet or "\r" in snippet:
            snippet = " ".join(snippet.split())
        if left > s_start:
            snippet = "…" + snippet
        if right < s_end:
            snippet = snippet + "…"
        return snippet

    def __getstate__(self):
        # Ship only the data to worker processes; geometry is cheap to recompute.
        state = dict(self.__dict__)
        for key in ("_line_starts", "_sentences", "_sentence_starts", "_tokens", "_derived", "_folded", "_scan", "_words"):
            state[key] = None
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)


BATCH = 64  # documents a detector's detect_many() sees at once: enough to amortise a model call


def batched(items: Iterable, size: int) -> Iterator[list]:
    """Lists of `size` consecutive items (the last may be shorter), read lazily: documents
    for detectors that work on many at once."""
    iterator = iter(items)
    while group := list(islice(iterator, size)):
        yield group
