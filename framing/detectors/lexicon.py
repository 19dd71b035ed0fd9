"""The lexicon detector: every lexicon entry, in all its spellings and forms, as findings."""

from __future__ import annotations

import re
from bisect import bisect_right

from framing.document import Document
from framing.findings import locate_many, resolve_overlaps
from framing.lexicon import Entry, Lexicon
from framing.lexicon.compile import entry_phrases, exception_phrases
from framing.matcher import EXACT, PhraseMatcher, build_matcher
from framing.phrasehits import hits as phrase_hits
from framing.phrasehits import hits_many
from framing.report import Finding
from framing.rules.core import Category


RULES = ()  # a lexicon's rules are its entries (framing.rules.lexicon_rules)

# The word after a match, for entries with `unless_next`: a number (digits, then digits and
# separators) or a word, after spaces and at most one opening bracket or quotation mark.
_NEXT = re.compile(r"[ \t\n\r\u00a0]+[(\"'\u201c\u2018]?(\d[\d,.]*|[^\W\d_][\w'\u2019-]*)")
_SPACES = " \t\n\r\u00a0"
_CLOSERS = ")\"'\u201d\u2019"
_IN_WORD = "_'\u2019-"


def word_before(text: str, at: int) -> str | None:
    """The word before text[at:], for entries with `unless_prev`: read back across spaces (at
    least one) and at most one closing bracket or quotation mark; a number or a word (letters,
    digits, apostrophes and hyphens). None when punctuation stands in between."""
    i = at
    while i > 0 and text[i - 1] in _SPACES:
        i -= 1
    if i == at or i == 0:
        return None
    if text[i - 1] in _CLOSERS:
        i -= 1
    end = i
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in _IN_WORD or
                     (text[i - 1] in ",." and i > 1 and text[i - 2].isdigit() and text[i].isdigit())):
        i -= 1
    while i < end and not text[i].isalnum():  # a word starts with a letter or digit
        i += 1
    return text[i:end] if i < end and text[end - 1].isalnum() else None


class LexiconDetector:
    name = "lexicon"

    @classmethod
    def build(cls, settings, lexicon: Lexicon) -> LexiconDetector:
        # The whole lexicon, even with --category or --min-severity: overlaps are resolved among
        # all entries first ("mockery of justice" is one distancing phrase, not emotive "mockery"),
        # and the analyzer then keeps the findings asked for.
        return cls(lexicon, defaults_only=not settings.lexicons and settings.default_lexicons)

    def __init__(self, lexicon: Lexicon, defaults_only: bool = False):
        self.lexicon = lexicon
        # The default lexicons alone: the classifier's cues read the same matches
        # (DEFAULT_MATCHES), so a document is scanned for them once.
        self.defaults_only = defaults_only
        self._matcher: PhraseMatcher | None = None
        self._fields: list[tuple] | None = None
        self._exception_owners: list[frozenset[int]] = []
        self._context: dict[int, frozenset[str]] | None = None
        self._previous: dict[int, frozenset[str]] | None = None

    @property
    def categories(self) -> list[Category]:
        return list(self.lexicon.categories.values())

    @property
    def matcher(self) -> PhraseMatcher:
        if self._matcher is None:
            # The first registration of a string wins: exact entries before wildcards, the
            # user's own entries before the defaults, then the earlier file before the later one.
            entries = self.lexicon.entries
            pairs = [
                (phrase, index)
                for index, entry in sorted(enumerate(entries), key=lambda p: (p[1].is_wildcard, not p[1].custom))
                for phrase in sorted(entry_phrases(entry))
            ]
            # Exceptions ("tax regime" for "regime") are phrases too; a hit on one cancels its
            # entries' hits inside it. Payloads from len(entries) on name them.
            owners: dict[str, set[int]] = {}
            for index, entry in enumerate(entries):
                for phrase in exception_phrases(entry):
                    owners.setdefault(phrase, set()).add(index)
            self._exception_owners = [frozenset(owners[phrase]) for phrase in sorted(owners)]
            pairs += [(phrase, len(entries) + k) for k, phrase in enumerate(sorted(owners))]
            self._matcher = build_matcher(pairs)
        return self._matcher

    def matches(self, text: str, start: int = 0, scan: bytes | None = None, *,
                folded: str | None = None) -> list[tuple[int, int, Entry]]:
        """Non-overlapping (start, end, entry) matches in text[start:]: longest wins, exact before
        wildcard. `scan` (framing.matcher.scan_bytes(text)) and `folded` (normalize(text)) if the
        caller has them."""
        entries = self.lexicon.entries
        return [(b, e, entries[p]) for b, e, p in self._chosen(text, start, scan, folded)]

    def _chosen(self, text: str, start: int, scan: bytes | None = None,
                folded: str | None = None) -> list[tuple[int, int, int]]:
        return self._choose(text, self.matcher.find(text, start, scan, folded=folded))

    def matches_in(self, document: Document) -> list[tuple[int, int, Entry]]:
        """matches() over the document's body, from its shared phrase hits (framing.phrasehits)."""
        entries = self.lexicon.entries
        return [(b, e, entries[p]) for b, e, p in self._choose(document.text, phrase_hits(document, self.matcher))]

    def _chosen_many(self, documents: list[Document]) -> list[list[tuple[int, int, int]]]:
        """_chosen for each document, from their phrase hits (found for many at once)."""
        return [self._choose(d.text, hits) for d, hits in zip(documents, hits_many(documents, self.matcher))]

    def phrase_matchers(self) -> list[PhraseMatcher]:
        """The matchers whose hits this detector reads (the analyzer scans for them all at once)."""
        return [self.matcher]

    def _choose(self, text: str, hits: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int]]:
        if self._exception_owners:
            hits = self._without_exceptions(hits)
        if self.context or self.previous:
            hits = self._without_context(text, hits)
        if len({(b, e) for b, e, _, _ in hits}) == len(hits):  # the common case: one entry per span
            return resolve_overlaps([(b, e, p) for b, e, p, _ in hits])
        # For one span matched by several entries, the exact one beats a wildcard.
        best: dict[tuple[int, int], tuple[bool, int]] = {}
        for begin, end, payload, kind in hits:
            rank = (kind != EXACT, payload)
            if rank < best.get((begin, end), (True, len(self.lexicon.entries))):
                best[(begin, end)] = rank
        return resolve_overlaps([(b, e, p) for (b, e), (_, p) in best.items()])

    @property
    def context(self) -> dict[int, frozenset[str]]:
        """{entry index: its `unless_next` words} for the entries that have them."""
        if self._context is None:
            self._context = {i: frozenset(e.unless_next) for i, e in enumerate(self.lexicon.entries) if e.unless_next}
        return self._context

    @property
    def previous(self) -> dict[int, frozenset[str]]:
        """{entry index: its `unless_prev` words} for the entries that have them."""
        if self._previous is None:
            self._previous = {i: frozenset(e.unless_prev) for i, e in enumerate(self.lexicon.entries) if e.unless_prev}
        return self._previous

    def _without_context(self, text: str, hits: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
        """The hits whose next word is not one of their entry's `unless_next` words ("lies 20
        kilometres north", "lies ahead": the verb of place, not the accusation) and whose word before
        is not one of its `unless_prev` words ("traffic snarled", "the gas hissed"). A word is
        compared in lower case, with curly apostrophes straight; "#" stands for any number."""
        context = self.context
        previous = self.previous
        kept = []
        for hit in hits:
            words = context.get(hit[2])
            if words is not None:
                following = _NEXT.match(text, hit[1])
                if following is not None:
                    word = following.group(1)
                    if ("#" in words and word[0].isdigit()) or word.lower().replace("\u2019", "'") in words:
                        continue
            words = previous.get(hit[2])
            if words is not None:
                word = word_before(text, hit[0])
                if word is not None and (("#" in words and word[0].isdigit())
                                         or word.lower().replace("\u2019", "'") in words):
                    continue
            kept.append(hit)
        return kept

    def excepted(self, text: str) -> list[Entry]:
        """Entries with an exception that matches in `text`: why a term there goes unreported."""
        size = len(self.lexicon.entries)
        owners = {i for _, _, p, _ in self.matcher.find(text) if p >= size for i in self._exception_owners[p - size]}
        return [self.lexicon.entries[i] for i in sorted(owners)]

    def _without_exceptions(self, hits: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
        """The entry hits that lie inside no exception hit of their own entry. Exception spans are
        indexed per entry and sorted, so each hit looks at the few spans that start within one
        exception's length before it: linear in the hits, however dense ("tax regime" ten
        thousand times over)."""
        size = len(self.lexicon.entries)
        spans: dict[int, list[tuple[int, int]]] = {}
        longest = 0
        for begin, end, payload, _ in hits:
            if payload >= size:
                longest = max(longest, end - begin)
                for owner in self._exception_owners[payload - size]:
                    spans.setdefault(owner, []).append((begin, end))
        if not spans:
            return [hit for hit in hits if hit[2] < size]
        starts = {}
        for owner, owned in spans.items():
            owned.sort()
            starts[owner] = [b for b, _ in owned]
        kept = []
        for hit in hits:
            begin, end, payload, _ = hit
            if payload >= size:
                continue
            owned = spans.get(payload)
            if owned is not None:
                index = bisect_right(starts[payload], begin) - 1  # spans starting at or before the hit
                covered = False
                while index >= 0 and owned[index][0] >= end - longest:
                    if owned[index][1] >= end:
                        covered = True
                        break
                    index -= 1
                if covered:
                    continue
            kept.append(hit)
        return kept

    def detect(self, document: Document) -> list[Finding]:
        return self.detect_many([document])[0][0]

    def detect_many(self, documents: list[Document]) -> list[tuple[list[Finding], None]]:
        """The findings of many documents, their texts scanned in one pass (see `_chosen_many`)."""
        fields = self._fields
        if fields is None:
            fields = self._fields = [
                (e.rule, e.category, self.name, e.severity, e.weight, e.explanation, e.suggestion)
                for e in self.lexicon.entries
            ]
        if self.defaults_only:
            chosen = default_matches_many(documents, self)
        else:
            chosen = self._chosen_many(documents)
        return [(locate_many(document, [(s, e, fields[p]) for s, e, p in mine]), None)
                for document, mine in zip(documents, chosen)]

    def __getstate__(self):
        # The automaton is rebuilt on first use in the receiving process: small to ship.
        return {"lexicon": self.lexicon, "defaults_only": self.defaults_only, "_matcher": None, "_fields": None,
                "_exception_owners": [], "_context": None, "_previous": None}


DEFAULT_MATCHES = "default-lexicon-matches"


def default_matches(document: Document, detector: LexiconDetector) -> list[tuple[int, int, int]]:
    """The default lexicons' (start, end, entry index) matches in the document, found once and
    shared by the lexicon detector and the classifier's cue features. `detector` must hold the
    default lexicons alone (entry indices are the same in every such detector)."""
    return document.derived(DEFAULT_MATCHES,
                            lambda doc: detector._chosen(doc.text, doc.body_start, doc.scan))


def default_matches_many(documents: list[Document], detector: LexiconDetector) -> list[list[tuple[int, int, int]]]:
    """default_matches for many documents: those not yet scanned are scanned together."""
    todo = [d for d in documents if not d.has_derived(DEFAULT_MATCHES)]
    if todo:
        for document, chosen in zip(todo, detector._chosen_many(todo)):
            document.derived(DEFAULT_MATCHES, lambda _, chosen=chosen: chosen)
    return [default_matches(d, detector) for d in documents]
