"""Distinctive terms: the words and phrases that set a group of documents (an outlet, say) apart
from the rest, by the weighted log-odds ratio with an informative Dirichlet prior.

Method (Monroe, Colaresi and Quinn 2008, "Fightin' Words", section 3.5.1). For a term w with
count y_iw in group i and y_jw in the comparison set j (the rest of the corpus, or one group with
`vs`), and n_i, n_j the groups' total term counts, the prior is the whole corpus: alpha_w = y_w,
the term's count in the corpus, and alpha_0 = n, the corpus total. Then

    delta_w = log((y_iw + alpha_w) / (n_i + alpha_0 - y_iw - alpha_w))
            - log((y_jw + alpha_w) / (n_j + alpha_0 - y_jw - alpha_w))
    var_w   ~ 1 / (y_iw + alpha_w) + 1 / (y_jw + alpha_w)
    z_w     = delta_w / sqrt(var_w)

A large positive z means the group uses the term more than the comparison set, beyond what its
frequency alone makes likely; the prior shrinks rare terms towards zero.

Counts are sparse and mergeable: documents are read in chunks, each chunk is counted by
scikit-learn's CountVectorizer into a scipy sparse matrix, summed per group and added to running
group x vocabulary totals. No documents x terms matrix outlives its chunk, so memory grows with
the vocabulary and the number of groups, not with the corpus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable

from framing.errors import ConfigError
from framing.matcher import normalize

if TYPE_CHECKING:
    from framing.document import Document
    from framing.lexicon import Lexicon

SCHEMA = "framing/terms@1"
SMALL = 5  # a group with fewer documents is marked small: its terms say little
MIN_COUNT = 5  # a term must occur this often in the whole corpus to be ranked
TOP = 20  # terms listed per group
MAX_N = 3  # 1- to 3-grams
CHUNK = 2000  # documents counted at once
# Distinct terms held in memory at most: past this, the counts so far are written to a sorted run on
# disk and counting starts afresh; the runs are merged, term by term, when the terms are ranked.
# Memory then follows this cap, not the corpus (real news: ~115 million distinct 1-3-grams in 10^6
# articles); disk holds the runs (tens of bytes a term).
MAX_TERMS = 3_000_000

# Words: a letter or digit, then letters, digits, apostrophes and inner hyphens ("so-called").
_WORD = re.compile(r"\w(?:[\w']|-(?=\w))*")
# Phrases never run across punctuation other than hyphens and apostrophes.
_BREAK = re.compile(r"[^\w\s'-]+")
_DOCUMENT_FIELDS = ("id", "title", "outlet", "date", "url", "source")


def parse_by(by: str) -> tuple[str, ...]:
    """Grouping fields, comma-separated, as `framing compare --by` takes them: `document`,
    `outlet`, `event`, a date period (`day`, `week`, `month`, `year`) or any metadata key."""
    fields = tuple(part.strip() for part in by.split(","))
    if not by.strip() or any(not part for part in fields):
        raise ConfigError("--by needs one or more field names, e.g. --by outlet")
    if "document" in fields and len(fields) > 1:
        raise ConfigError("--by document groups by document alone")
    if len(set(fields)) < len(fields):
        raise ConfigError("--by names a field twice")
    return fields


def group_key(document: Document, by: tuple[str, ...]) -> dict[str, str]:
    """The group a document belongs to: one value per field in `by`, read as the comparison reads
    a record (framing.grouping: dates to periods, `event` and other keys from the metadata,
    "unknown" where a document has no value)."""
    from framing import grouping

    record = {name: getattr(document, name) for name in _DOCUMENT_FIELDS}
    record["metadata"] = document.metadata
    return {name: grouping.value(record, name) for name in by}


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def _word(token: str) -> str:
    token = token.rstrip("'")
    return token[:-2] if token.endswith("'s") else token


def phrases(text: str, stop_words: frozenset[str], max_n: int = MAX_N) -> list[str]:
    """The 1- to `max_n`-grams of a text as terms are counted: lowercased (framing.matcher.normalize,
    as the lexicons match), within runs of words between punctuation, a possessive 's dropped, no
    n-gram starting or ending with a stop word or a single character, none containing a number."""
    grams: list[str] = []
    for run in _BREAK.split(normalize(text)):
        words = [_word(t) for t in _WORD.findall(run)]
        for i, first in enumerate(words):
            if first in stop_words or len(first) < 2 or not any(ch.isalpha() for ch in first):
                continue
            for n in range(1, max_n + 1):
                if i + n > len(words):
                    break
                last = words[i + n - 1]
                if not any(ch.isalpha() for ch in last):
                    break  # a number ends every longer phrase too
                if last not in stop_words and len(last) > 1:
                    grams.append(" ".join(words[i : i + n]))
    return grams


@dataclass
class TermCounts:
    """Group x vocabulary counts (and document frequencies), built chunk by chunk."""

    by: tuple[str, ...]
    max_n: int = MAX_N
    keys: list[dict[str, str]] = field(default_factory=list)
    documents: list[int] = field(default_factory=list)
    vocabulary: dict[str, int] = field(default_factory=dict)
    max_terms: int = MAX_TERMS

    def __post_init__(self) -> None:
        self._index: dict[tuple[str, ...], int] = {}
        self._counts = None  # scipy csr, groups x vocabulary
        self._frequencies = None
        self._pending: list[tuple] = []  # (rows, cols, counts, frequencies) not yet summed in
        self._pending_size = 0
        self._stop = _stop_words()
        self._runs: list[str] = []  # sorted runs on disk (spill), when the vocabulary passed max_terms
        self._spilled: list[int] = []  # per group: its counts written to the runs
        self._folder = None

    def add_all(self, documents: Iterable[Document], chunk: int = CHUNK) -> TermCounts:
        batch: list[Document] = []
        for document in documents:
            batch.append(document)
            if len(batch) >= chunk:
                self.add_chunk(batch)
                batch = []
        if batch:
            self.add_chunk(batch)
        return self

    def group_of(self, document: Document) -> int:
        key = group_key(document, self.by)
        values = tuple(key.values())
        index = self._index.get(values)
        if index is None:
            index = self._index[values] = len(self.keys)
            self.keys.append(key)
            self.documents.append(0)
        self.documents[index] += 1
        return index

    def add_chunk(self, documents: list[Document]) -> None:
        import numpy as np
        from scipy import sparse
        from sklearn.feature_extraction.text import CountVectorizer

        groups = np.array([self.group_of(d) for d in documents], dtype=np.int64)
        stop, max_n = self._stop, self.max_n
        vectorizer = CountVectorizer(analyzer=lambda text: phrases(text, stop, max_n), dtype=np.int64)
        try:
            matrix = vectorizer.fit_transform(d.body for d in documents)
        except ValueError:  # no term in the whole chunk
            return
        columns = np.fromiter((self.vocabulary.setdefault(t, len(self.vocabulary))
                               for t in vectorizer.get_feature_names_out()), dtype=np.int64)
        indicator = sparse.csr_matrix((np.ones(len(documents), dtype=np.int64), (groups, np.arange(len(documents)))),
                                      shape=(len(self.keys), len(documents)))
        present = matrix.copy()
        present.data[:] = 1
        summed, frequencies = (indicator @ matrix).tocsr(), (indicator @ present).tocsr()
        for product in (summed, frequencies):
            product.sum_duplicates()  # canonical: sorted, no duplicates, so both share one layout
        # A count is positive exactly where a document has the term: the two products have the
        # same sparsity pattern, and in canonical form the same order.
        counts, aligned = summed.tocoo(), frequencies.data
        self._pending.append((counts.row, columns[counts.col], counts.data, aligned))
        self._pending_size += counts.nnz
        if self._pending_size > max(1_000_000, 2 * (self._counts.nnz if self._counts is not None else 0)):
            self._merge()
        if len(self.vocabulary) > self.max_terms:
            self.spill()

    @property
    def spilled(self) -> bool:
        return bool(self._runs)

    def spill(self) -> None:
        """Write the counts held in memory to a run on disk, sorted by term (one line a term:
        `term<TAB>group:count:documents,...`), and start counting afresh."""
        import tempfile

        counts, frequencies = self.matrices()
        if counts is None or not self.vocabulary:
            return
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="framing-terms-")
        by_term, documents = counts.tocsc(), frequencies.tocsc()
        by_term.sort_indices()
        documents.sort_indices()
        names = self.terms()
        path = f"{self._folder.name}/run-{len(self._runs):05d}.tsv"
        with open(path, "w", encoding="utf-8") as out:
            for j in sorted(range(len(names)), key=names.__getitem__):
                start, end = by_term.indptr[j], by_term.indptr[j + 1]
                if start == end:
                    continue
                cells = zip(by_term.indices[start:end].tolist(), by_term.data[start:end].tolist(),
                            documents.data[start:end].tolist())
                out.write(names[j] + "\t" + ",".join(f"{g}:{c}:{d}" for g, c, d in cells) + "\n")
        totals = counts.sum(axis=1).A1.tolist()
        self._spilled += [0] * (len(totals) - len(self._spilled))
        for group, total in enumerate(totals):
            self._spilled[group] += int(total)
        self._runs.append(path)
        self.vocabulary = {}
        self._counts = self._frequencies = None

    def runs(self):
        """Every counted term once, in term order, merged from the runs on disk: (term, {group:
        (count, documents)}). The counts still in memory are spilled first."""
        import heapq

        self.spill()

        def read(path):
            with open(path, encoding="utf-8") as lines:
                for line in lines:
                    term, cells = line.rstrip("\n").split("\t")
                    yield term, cells

        current, summed = None, {}
        for term, cells in heapq.merge(*(read(path) for path in self._runs), key=lambda item: item[0]):
            if term != current:
                if current is not None:
                    yield current, summed
                current, summed = term, {}
            for cell in cells.split(","):
                group, count, documents = (int(v) for v in cell.split(":"))
                before = summed.get(group, (0, 0))
                summed[group] = (before[0] + count, before[1] + documents)
        if current is not None:
            yield current, summed

    def merge(self, other: TermCounts) -> TermCounts:
        """Add another count's totals to this one (counts made in parallel, or of another part of the
        corpus): its vocabulary and groups are mapped onto this one's."""
        import numpy as np

        if other.by != self.by:
            raise ConfigError(f"cannot merge counts grouped by {','.join(other.by)} into counts by {','.join(self.by)}")
        if other.spilled or self.spilled:
            raise ConfigError("counts that spilled to disk (more than max_terms distinct terms) cannot be merged")
        counts, frequencies = other.matrices()
        rows = []
        for key, documents in zip(other.keys, other.documents):
            values = tuple(key.values())
            index = self._index.get(values)
            if index is None:
                index = self._index[values] = len(self.keys)
                self.keys.append(dict(key))
                self.documents.append(0)
            self.documents[index] += documents
            rows.append(index)
        if counts is None:
            return self
        columns = np.fromiter((self.vocabulary.setdefault(t, len(self.vocabulary)) for t in other.terms()),
                              dtype=np.int64, count=len(other.vocabulary))
        coo = counts.tocoo()
        self._pending.append((np.asarray(rows, dtype=np.int64)[coo.row], columns[coo.col], coo.data, frequencies.data))
        self._pending_size += coo.nnz
        return self

    def _merge(self) -> None:
        import numpy as np
        from scipy import sparse

        shape = (len(self.keys), len(self.vocabulary))
        parts = self._pending
        self._pending, self._pending_size = [], 0
        if self._counts is None:
            self._counts = sparse.csr_matrix(shape, dtype=np.int64)
            self._frequencies = sparse.csr_matrix(shape, dtype=np.int64)
        self._counts.resize(shape)
        self._frequencies.resize(shape)
        if parts:
            rows = np.concatenate([p[0] for p in parts])
            cols = np.concatenate([p[1] for p in parts])
            self._counts = self._counts + sparse.csr_matrix((np.concatenate([p[2] for p in parts]), (rows, cols)),
                                                            shape=shape)
            self._frequencies = self._frequencies + sparse.csr_matrix(
                (np.concatenate([p[3] for p in parts]), (rows, cols)), shape=shape)

    def matrices(self):
        """(counts, document frequencies): groups x vocabulary, scipy csr in canonical form (sorted
        indices), the two with the same sparsity pattern."""
        self._merge()
        for matrix in (self._counts, self._frequencies):
            if matrix is not None:
                matrix.sum_duplicates()
        return self._counts, self._frequencies

    def terms(self) -> list[str]:
        names = [""] * len(self.vocabulary)
        for term, index in self.vocabulary.items():
            names[index] = term
        return names


def log_odds_z(group, other, prior, n_group: float | None = None, n_other: float | None = None,
               a0: float | None = None):
    """z-scores of the weighted log-odds ratio (module docstring): numpy arrays of the group's
    counts, the comparison set's counts and the prior (background counts), one value per term.
    The totals n_i, n_j and alpha_0 are the arrays' sums unless given (when the arrays hold only
    some of the vocabulary's terms)."""
    import numpy as np

    group = np.asarray(group, dtype=float)
    other = np.asarray(other, dtype=float)
    prior = np.asarray(prior, dtype=float)
    n_group = group.sum() if n_group is None else n_group
    n_other = other.sum() if n_other is None else n_other
    a0 = prior.sum() if a0 is None else a0
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log(group + prior) - np.log(n_group + a0 - group - prior)
                 - np.log(other + prior) + np.log(n_other + a0 - other - prior))
        z = delta / np.sqrt(1.0 / (group + prior) + 1.0 / (other + prior))
    return np.where(np.isfinite(z), z, 0.0)


@dataclass(frozen=True)
class Term:
    term: str
    z: float
    count: int
    other_count: int
    documents: int
    lexicon: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"term": self.term, "z": self.z, "count": self.count, "other_count": self.other_count,
                "documents": self.documents, "lexicon": self.lexicon}


@dataclass(frozen=True)
class TermGroup:
    key: dict[str, str]
    documents: int
    small: bool
    terms: list[Term]

    def to_dict(self) -> dict[str, Any]:
        return {"key": self.key, "documents": self.documents, "small": self.small,
                "terms": [t.to_dict() for t in self.terms]}


@dataclass(frozen=True)
class TermsReport:
    """Each group's most distinctive terms, highest z first; `vs` is the group every other one
    was compared with, or None for one against the rest."""

    by: list[str]
    groups: list[TermGroup]
    vs: dict[str, str] | None = None
    schema: str = SCHEMA

    def to_dict(self) -> dict[str, Any]:
        return {"schema": self.schema, "by": self.by, "groups": [g.to_dict() for g in self.groups]}


class LexiconLookup:
    """The rule id of a term that is a lexicon entry: the lexicon's own matcher finds one entry
    spanning the whole term."""

    def __init__(self, lexicon: Lexicon | None):
        from framing.detectors.lexicon import LexiconDetector

        self._detector = LexiconDetector(lexicon) if lexicon is not None and lexicon.entries else None
        self._seen: dict[str, str | None] = {}

    def __call__(self, term: str) -> str | None:
        if self._detector is None:
            return None
        if term not in self._seen:
            found = self._detector.matches(term)
            whole = [entry for start, end, entry in found if start == 0 and end == len(term)]
            self._seen[term] = whole[0].rule if len(found) == 1 and whole else None
        return self._seen[term]


def _matching_group(keys: list[dict[str, str]], wanted: str, by: tuple[str, ...]) -> int:
    """The index of the group `--vs` names: its value, or values joined with commas."""
    values = tuple(part.strip() for part in wanted.split(",")) if len(by) > 1 else (wanted,)
    for index, key in enumerate(keys):
        if tuple(key.values()) == values:
            return index
    known = ", ".join(sorted(",".join(k.values()) for k in keys)) or "none"
    raise ConfigError(f"--vs {wanted!r} is no group of --by {','.join(by)} (groups: {known})")


def distinctive_terms(counts: TermCounts, lexicon: Lexicon | None = None, vs: str | None = None,
                      min_count: int = MIN_COUNT, top: int = TOP, small: int = SMALL) -> TermsReport:
    """Each group's `top` terms by z (ties by term), among the terms it uses more than its comparison
    set (z > 0) that are counted at least `min_count` times in the corpus; one group against the
    rest, or every group against the group named by `vs`. Groups are in key order."""
    import numpy as np

    if min_count < 1:
        raise ConfigError("--min-count must be at least 1")
    if top < 0:
        raise ConfigError("--top must be 0 (all terms) or more")
    keys = counts.keys
    against = _matching_group(keys, vs, counts.by) if vs is not None else None
    lookup = LexiconLookup(lexicon)
    order = sorted(range(len(keys)), key=lambda i: tuple(keys[i].values()))
    if counts.spilled:
        return _from_runs(counts, lookup, against, order, min_count, top, small)
    matrix, frequencies = counts.matrices()
    names = counts.terms()
    if matrix is None or not names:
        return TermsReport(list(counts.by), [TermGroup(keys[i], counts.documents[i], counts.documents[i] < small, [])
                                             for i in order if i != against],
                           keys[against] if against is not None else None)
    total = np.asarray(matrix.sum(axis=0)).ravel()
    corpus_total = float(total.sum())
    versus = matrix.getrow(against).toarray().ravel() if against is not None else None
    groups = []
    for i in order:
        if i == against:
            continue
        # Only the terms the group uses can rank: z is computed on the row's nonzero columns, so
        # the work per group follows its own vocabulary, not the corpus's.
        start, end = matrix.indptr[i], matrix.indptr[i + 1]
        columns = matrix.indices[start:end]
        group = matrix.data[start:end].astype(float)
        docs = frequencies.data[frequencies.indptr[i]:frequencies.indptr[i + 1]]
        n_group = float(group.sum())
        if versus is None:
            other, n_other = total[columns] - group, corpus_total - n_group
        else:
            other, n_other = versus[columns], float(versus.sum())
        z = np.round(log_odds_z(group, other, total[columns], n_group, n_other, corpus_total), 4)
        keep = np.flatnonzero((total[columns] >= min_count) & (z > 0))
        ranked = sorted(keep.tolist(), key=lambda k: (-z[k], names[columns[k]]))
        if top:
            ranked = ranked[:top]
        terms = [Term(names[columns[k]], float(z[k]), int(group[k]), int(other[k]), int(docs[k]),
                      lookup(names[columns[k]])) for k in ranked]
        groups.append(TermGroup(keys[i], counts.documents[i], counts.documents[i] < small, terms))
    return TermsReport(list(counts.by), groups, keys[against] if against is not None else None)


class _Later:
    """A term that sorts in reverse: in a min-heap of (z, _Later(term)) the weakest entry (lowest z,
    then the alphabetically last term) is on top, so the heap keeps each group's best terms."""

    __slots__ = ("term",)

    def __init__(self, term: str):
        self.term = term

    def __lt__(self, other: _Later) -> bool:
        return other.term < self.term

    def __eq__(self, other) -> bool:
        return self.term == other.term


def _from_runs(counts: TermCounts, lookup, against, order, min_count: int, top: int, small: int) -> TermsReport:
    """distinctive_terms over counts that spilled to disk: the runs merged term by term, z computed
    in batches by the same formula (log_odds_z) as in memory, each group's best `top` terms kept in
    a heap. The same ranking as distinctive_terms would give with everything in memory."""
    import heapq

    import numpy as np

    stream = counts.runs()  # spills what is in memory first: the totals below are then complete
    totals = counts._spilled + [0] * (len(counts.keys) - len(counts._spilled))
    corpus_total = float(sum(totals))
    best: dict[int, list] = {i: [] for i in order if i != against}
    batch: list[tuple] = []

    def flush() -> None:
        if not batch:
            return
        group = np.array([b[2] for b in batch], dtype=float)
        other = np.array([b[3] for b in batch], dtype=float)
        prior = np.array([b[4] for b in batch], dtype=float)
        n_group = np.array([b[5] for b in batch], dtype=float)
        n_other = np.array([b[6] for b in batch], dtype=float)
        z = np.round(log_odds_z(group, other, prior, n_group, n_other, corpus_total), 4)
        for (index, term, count, other_count, _, _, _, documents), value in zip(batch, z.tolist()):
            if value <= 0:
                continue
            entry = (value, _Later(term), count, other_count, documents)
            heap = best[index]
            if not top or len(heap) < top:
                heapq.heappush(heap, entry)
            elif entry[:2] > heap[0][:2]:
                heapq.heapreplace(heap, entry)
        batch.clear()

    for term, cells in stream:
        total = sum(c for c, _ in cells.values())
        if total < min_count:
            continue
        versus = cells.get(against, (0, 0))[0] if against is not None else None
        for index, (count, documents) in cells.items():
            if index == against or index not in best:
                continue
            if versus is None:
                other, n_other = total - count, corpus_total - totals[index]
            else:
                other, n_other = versus, totals[against]
            batch.append((index, term, count, other, total, totals[index], n_other, documents))
        if len(batch) >= 100_000:
            flush()
    flush()
    groups = []
    for i in order:
        if i == against:
            continue
        ranked = sorted(best[i], key=lambda e: (-e[0], e[1].term))
        terms = [Term(e[1].term, float(e[0]), int(e[2]), int(e[3]), int(e[4]), lookup(e[1].term)) for e in ranked]
        groups.append(TermGroup(counts.keys[i], counts.documents[i], counts.documents[i] < small, terms))
    return TermsReport(list(counts.by), groups, counts.keys[against] if against is not None else None)
