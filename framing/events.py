"""Events: which articles report the same story, from their text (`framing events`, and
`compare --by event` or `--within event` when the documents carry no `event` field).

Each article becomes a TF-IDF vector (scikit-learn's TfidfVectorizer, sublinear term frequency,
L2-normalised) over its content words (lowercased, three letters or more, English stop words
and numbers dropped) and, as features of their own, its capitalised words (names: "Steele",
"Brennick"), so a shared name counts twice. Articles are then clustered by agglomerative
clustering (average linkage, scipy.cluster.hierarchy) on cosine distance, cut at THRESHOLD: two groups of articles merge
while their mean pairwise distance is below it. Within the date window (WINDOW days by default),
articles further apart in time are never in one event; an article without a date is near every
date. THRESHOLD and WINDOW were tuned on BASIL (`benchmarks/events.py`).

Memory is not quadratic in the corpus. Under average linkage two groups can only merge when at
least one pair of their articles is closer than the threshold, so the clusters never cross the
connected components of the sparse graph of such close pairs. That graph is built from sparse
similarity products a block of rows at a time, and each component is clustered on its own with a
dense distance matrix of its size; the result is the same as clustering the whole corpus at once.
A component larger than MAX_COMPONENT articles (a corpus of one long-running story) is split into
runs of MAX_COMPONENT articles in date order before clustering: the one approximation, said in
the result's notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np

THRESHOLD = 0.8  # cosine distance at which average-linkage clustering stops merging
WINDOW = 7  # days: articles further apart are never one event (None: no window)
MAX_COMPONENT = 4000  # articles clustered with one dense distance matrix (4,000^2 floats: 128 MB)
BLOCK_CELLS = 20_000_000  # similarity cells computed at once when building the sparse graph
TOP_TERMS = 8
FAR = 1e6  # the distance given to pairs outside the date window: no average can fall under THRESHOLD

_WORD = re.compile(r"[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*")


@dataclass(frozen=True)
class Event:
    id: str
    members: list[int]  # positions of the articles in the input, in input order
    terms: list[str]  # the highest-weighted terms of the event's mean vector


@dataclass(frozen=True)
class Events:
    labels: list[str]  # each article's event id, in input order
    events: list[Event]  # largest first, ties by first member
    threshold: float
    window: int | None
    notes: list[str] = field(default_factory=list)


def features(text: str) -> str:
    """The words of a text that tell its story, as one space-separated string: content words,
    and each capitalised word again as a name feature (`@name`)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    out = []
    for match in _WORD.finditer(text):
        word = match.group()
        lower = word.lower().replace("’", "'")
        if lower.endswith("'s"):
            lower = lower[:-2]
        if len(lower) < 3 or lower in ENGLISH_STOP_WORDS:
            continue
        out.append(lower)
        if word[0].isupper() and not word.isupper():
            out.append("@" + lower)
    return " ".join(out)


def _vectors(texts: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=str.split, sublinear_tf=True, dtype=np.float64)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:  # no article has a content word
        from scipy.sparse import csr_matrix

        return csr_matrix((len(texts), 1)), np.array(["-"])
    return matrix.tocsr(), vectorizer.get_feature_names_out()


def _days(dates: list[str | None]) -> np.ndarray | None:
    from datetime import date

    from framing.grouping import parse_date

    days = []
    for value in dates:
        parsed = parse_date(value)
        if parsed is None or parsed[1] is None or parsed[2] is None:
            days.append(np.nan)
        else:
            days.append(date(*parsed).toordinal())
    return np.array(days, dtype=float)


def _close_pairs(matrix, threshold: float, days: np.ndarray | None, window: int | None):
    """The sparse graph of article pairs closer than the threshold (and within the window).

    Rows are taken a block at a time. With a window, the articles are taken in date order and
    each block is compared only with the articles dated within the window of it (and the undated
    ones), so the work grows with the articles per window, not with the square of the corpus."""
    from scipy.sparse import coo_matrix

    n = matrix.shape[0]
    found_rows, found_cols = [], []

    def compare(block: np.ndarray, candidates: np.ndarray) -> None:
        similar = (matrix[block] @ matrix[candidates].T).tocoo()
        keep = similar.data > 1.0 - threshold
        r, c = block[similar.row[keep]], candidates[similar.col[keep]]
        if window is not None and days is not None:
            near = ~(np.abs(days[r] - days[c]) > window)  # an undated article is near every date
            r, c = r[near], c[near]
        found_rows.append(r)
        found_cols.append(c)

    everyone = np.arange(n)
    if window is None or days is None:
        rows = max(1, BLOCK_CELLS // max(n, 1))
        for start in range(0, n, rows):
            compare(everyone[start:start + rows], everyone)
    else:
        dated = np.flatnonzero(~np.isnan(days))
        undated = np.flatnonzero(np.isnan(days))
        dated = dated[np.argsort(days[dated], kind="stable")]
        timeline = days[dated]
        start = 0
        while start < len(dated):
            # a block spans at most `window` days (so it meets at most three windows of articles),
            # and holds as many rows as keep its product near BLOCK_CELLS
            span = np.searchsorted(timeline, timeline[start] + window, side="right") - start
            near = np.searchsorted(timeline, timeline[start] + 2 * window, side="right") - start
            rows = max(1, min(span, BLOCK_CELLS // max(near + len(undated), 1)))
            block = dated[start:start + rows]
            low = np.searchsorted(timeline, timeline[start] - window, side="left")
            high = np.searchsorted(timeline, timeline[min(start + rows, len(dated)) - 1] + window, side="right")
            compare(block, np.concatenate([dated[low:high], undated]))
            start += rows
        rows = max(1, BLOCK_CELLS // max(n, 1))
        for begin in range(0, len(undated), rows):
            compare(undated[begin:begin + rows], everyone)
    r = np.concatenate(found_rows) if found_rows else np.array([], dtype=int)
    c = np.concatenate(found_cols) if found_cols else np.array([], dtype=int)
    return coo_matrix((np.ones(len(r), dtype=np.int8), (r, c)), shape=(n, n)).tocsr()


def _cluster(matrix, members: np.ndarray, threshold: float, days, window) -> list[np.ndarray]:
    """Average-linkage clusters of one component (scipy's hierarchy, the algorithm of
    scikit-learn's AgglomerativeClustering with a precomputed distance and a fraction of its
    overhead per call: a corpus has thousands of small components). Groups merge while their
    mean distance is below the threshold, as with scikit-learn's `distance_threshold`."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    if len(members) == 1:
        return [members]
    if len(members) == 2:  # a component of two is one close pair
        return [members]
    block = matrix[members]
    distance = 1.0 - (block @ block.T).toarray()
    np.clip(distance, 0.0, None, out=distance)
    np.fill_diagonal(distance, 0.0)
    if window is not None and days is not None:
        d = days[members]
        gap = np.abs(d[:, None] - d[None, :])
        distance[gap > window] = FAR
    tree = linkage(squareform(distance, checks=False), method="average")
    # fcluster keeps merges at or under its cut; "below the threshold" is under the float just below it
    labels = fcluster(tree, np.nextafter(threshold, 0.0), criterion="distance")
    return [members[labels == label] for label in np.unique(labels)]


def cluster(texts: list[str], dates: list[str | None] | None = None, threshold: float = THRESHOLD,
            window: int | None = WINDOW) -> Events:
    """Events of the articles whose `features` strings are `texts` (dates, ISO, for the window)."""
    from scipy.sparse.csgraph import connected_components

    if not 0 < threshold <= 1:
        from framing.errors import ConfigError

        raise ConfigError("--event-threshold must be above 0 and at most 1")
    if window is not None and window < 0:
        from framing.errors import ConfigError

        raise ConfigError("--event-window must be 0 days or more")
    n = len(texts)
    if not n:
        return Events([], [], threshold, window)
    matrix, vocabulary = _vectors(texts)
    days = _days(dates) if dates is not None and window is not None else None
    graph = _close_pairs(matrix, threshold, days if window is not None else None, window)
    count, component = connected_components(graph, directed=False)
    notes = []
    groups: list[np.ndarray] = []
    order = np.argsort(component, kind="stable")
    bounds = np.flatnonzero(np.diff(component[order])) + 1
    for members in np.split(order, bounds):
        if len(members) > MAX_COMPONENT:
            notes.append(f"{len(members)} articles are all linked by shared words: clustered in runs of "
                         f"{MAX_COMPONENT} in date order")
            when = _days(dates) if dates is not None else np.zeros(n)
            members = members[np.argsort(np.nan_to_num(when[members], nan=np.inf), kind="stable")]
            for start in range(0, len(members), MAX_COMPONENT):
                groups += _cluster(matrix, np.sort(members[start:start + MAX_COMPONENT]), threshold, days, window)
        else:
            groups += _cluster(matrix, members, threshold, days, window)
    groups = sorted((np.sort(g) for g in groups), key=lambda g: (-len(g), int(g[0])))
    width = len(str(len(groups)))
    labels = [""] * n
    events = []
    for number, members in enumerate(groups, 1):
        event_id = f"e{number:0{width}d}"
        for i in members:
            labels[int(i)] = event_id
        events.append(Event(event_id, [int(i) for i in members], _terms(matrix, members, vocabulary)))
    return Events(labels, events, threshold, window, notes)


def _terms(matrix, members: np.ndarray, vocabulary) -> list[str]:
    """The event's highest-weighted terms (ties by the term), names shown as words."""
    weights = np.asarray(matrix[members].mean(axis=0)).ravel()
    used = np.flatnonzero(weights > 0)
    if len(used) > 4 * TOP_TERMS:  # only the heaviest few need sorting
        used = used[np.argpartition(-weights[used], 4 * TOP_TERMS)[:4 * TOP_TERMS]]
    ranked = sorted(used, key=lambda i: (-weights[i], str(vocabulary[i])))
    terms: list[str] = []
    for index in ranked:
        term = str(vocabulary[index]).lstrip("@")
        if term not in terms:
            terms.append(term)
        if len(terms) == TOP_TERMS:
            break
    return terms


def event_table(documents, threshold: float | None = None, window: int | None | str = "default"):
    """`framing events`: the documents' events, each with its members (framing.report.EventTable).
    Only each document's identity and features are kept while the corpus is read."""
    from framing.report import EventGroup, EventMember, EventTable

    members, texts = [], []
    for doc in documents:
        members.append(EventMember(doc.id, doc.source, doc.outlet, doc.date))
        texts.append(features(doc.text[doc.body_start:]))
    threshold = THRESHOLD if threshold is None else threshold
    window = WINDOW if window == "default" else window
    found = cluster(texts, [m.date for m in members], threshold=threshold, window=window)
    groups = [EventGroup(e.id, e.terms, [members[i] for i in e.members]) for e in found.events]
    return EventTable(groups, list(zip(members, found.labels)), threshold, window, found.notes)


def read_assignments(path: str) -> dict[str, str]:
    """Saved events (`framing events -f csv`, perhaps corrected by hand): a CSV with an `event`
    column and an `id` or `source` column, as {id or source: event}. Both columns are keys when
    both are there, so records match by either."""
    import csv

    from framing.errors import ConfigError

    try:
        handle = open(path, newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the events file: {exc.strerror or exc}") from None
    with handle:
        reader = csv.DictReader(handle)
        columns = reader.fieldnames or []
        if "event" not in columns or not ({"id", "source"} & set(columns)):
            raise ConfigError(f"{path}:1: an events file needs an event column and an id or source column")
        assigned: dict[str, str] = {}
        for row in reader:
            event = (row.get("event") or "").strip()
            if not event:
                raise ConfigError(f"{path}:{reader.line_num}: no event")
            for key in ("id", "source"):
                if row.get(key):
                    assigned[row[key]] = event
    return assigned


def assign(records, assigned: dict[str, str]):
    """The records with the event saved for their id (or source), where there is one."""
    for record in records:
        event = assigned.get(record.get("id") or "") or assigned.get(record.get("source") or "")
        if event is not None:
            record["event"] = event
        yield record
