"""`framing report`: one self-contained HTML file an editor can open offline.

It holds the comparison of outlets (means with 95% intervals, pairwise differences with adjusted
p-values), charts (category density by outlet, the framing index over time, the actor-naming
heat map when the actors detector ran, the distinctive terms of each outlet), and up to
`max_articles` articles with their findings highlighted in place and explained on hover or
keyboard focus, browsable by outlet and event.

The corpus is read once. The statistics use every document; only the embedded articles are
kept whole (framing.sampling picks them to show every outlet and event), so the page stays a
few MB however large the corpus. Nothing is loaded from elsewhere: styles, the script and the
charts (SVG) are inline, and a Content-Security-Policy forbids any request. All text from the
corpus is escaped.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from html import escape
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from framing import __version__, records
from framing.actors import UNKNOWN_OUTLET
from framing.highlight import colours as category_colours, segments
from framing.sampling import Selection
from framing.terms import CHUNK, TermCounts, distinctive_terms

if TYPE_CHECKING:
    from framing.document import Document
    from framing.lexicon import Lexicon
    from framing.report import DocumentResult

MAX_ARTICLES = 200
TERMS_SHOWN = 12
CHART_GROUPS = 12  # outlets drawn in the charts (the largest); the tables hold them all
PAIRS_SHOWN = 15  # framing-index pairs shown open; more are folded away, significant ones kept in view


def event_of(document: Document) -> str | None:
    """The event a document reports, from its `event` metadata field."""
    value = document.metadata.get("event")
    return None if value is None or value == "" else str(value)


def outlet_of(document: Document) -> str:
    return document.outlet or UNKNOWN_OUTLET


def _day(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


@dataclass
class ReportData:
    """What the page shows, gathered in one pass over the results."""

    categories: dict[str, Any]  # id -> Category, in the analyzer's order
    used: set[str] = field(default_factory=set)  # categories some document has
    dated: list[tuple[str, date, float]] = field(default_factory=list)  # (outlet, day, framing index)
    actors: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)  # outlet -> concept -> term -> n
    actors_ran: bool = False
    events: set[str] = field(default_factory=set)
    # framing.records rows, for the statistics: their values, with the field names once (a tuple of
    # numbers is a third of the memory of the same record as a dict).
    record_values: list[tuple] = field(default_factory=list)
    measure_names: list[str] | None = None
    documents: int = 0
    selection: Selection = field(default_factory=lambda: Selection(MAX_ARTICLES))
    terms: TermCounts = field(default_factory=lambda: TermCounts(("outlet",)))

    def add(self, result: DocumentResult) -> None:
        doc = result.document
        outlet, event = outlet_of(doc), event_of(doc)
        self.documents += 1
        scores = result.scores
        self.used.update(cid for cid, values in scores.get("categories", {}).items() if values.get("per_1000_words"))
        if self.measure_names is None:
            self.measure_names = records.measures_of(result)
        self.record_values.append(tuple(records.record(result, self.measure_names).values()))
        day = _day(doc.date)
        if day is not None:
            self.dated.append((outlet, day, float(scores.get("framing_index", 0.0))))
        if event is not None:
            self.events.add(event)
        named = scores.get("actors")
        if isinstance(named, dict):
            self.actors_ran = True
            mine = self.actors.setdefault(outlet, {})
            for concept, members in named.items():
                cell = mine.setdefault(concept, {})
                for term, count in members.items():
                    cell[term] = cell.get(term, 0) + count
        self.selection.offer(outlet, event, result)

    @property
    def records(self) -> _Records:
        """The documents' records (framing.records), each rebuilt when it is read."""
        return _Records([*records.IDENTITY, "metadata", *(self.measure_names or ())], self.record_values)


class _Records(Sequence):
    """Records kept as tuples of values with their field names once, read back as dicts."""

    def __init__(self, keys: list[str], values: list[tuple]):
        self.keys, self.values = keys, values

    def __len__(self) -> int:
        return len(self.values)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [dict(zip(self.keys, v)) for v in self.values[index]]
        return dict(zip(self.keys, self.values[index]))

    def __iter__(self) -> Iterator[dict[str, Any]]:
        keys = self.keys
        return (dict(zip(keys, values)) for values in self.values)


def gather(results: Iterable[DocumentResult], categories: dict[str, Any], max_articles: int = MAX_ARTICLES) -> ReportData:
    """One pass: every result's numbers, its terms (counted in chunks), and the articles to embed."""
    data = ReportData(dict(categories), selection=Selection(max_articles))
    batch: list[Document] = []
    for result in results:
        data.add(result)
        batch.append(result.document)
        if len(batch) >= CHUNK:
            data.terms.add_chunk(batch)
            batch = []
    if batch:
        data.terms.add_chunk(batch)
    return data


# ------------------------------------------------------------------------------------- the page

def _period(days: list[date]) -> tuple[str, Callable[[date], str]]:
    span = (max(days) - min(days)).days if days else 0
    if span <= 45:
        return "day", date.isoformat
    if span <= 400:
        return "week", lambda d: "{}-W{:02d}".format(*d.isocalendar()[:2])
    return "month", lambda d: d.strftime("%Y-%m")


def _measures(data: ReportData) -> list[str]:
    used = [cid for cid in data.categories if cid in data.used]
    return ["framing_index", *used]


def _number(value, form: str = ".2f") -> str:
    """A number for a table cell; a measure no article of a group has is shown as a dash."""
    return "\u2013" if value is None else format(value, form)


def _cell(stats: dict | None) -> str:
    if not stats or stats.get("mean") is None:
        return "<td>\u2013</td>"
    low, high = stats["ci95"] or (None, None)
    return f'<td>{_number(stats["mean"])} <span class="ci">[{_number(low)}, {_number(high)}]</span></td>'


def _key_label(key: dict) -> str:
    return ", ".join(str(v) for v in key.values())


def _measure_label(measure: str, data: ReportData) -> str:
    if measure == "framing_index":
        return "framing index"
    category = data.categories.get(measure)
    return category.name if category is not None and getattr(category, "name", "") else measure


def _group_table(stats: dict, data: ReportData) -> str:
    groups = stats["groups"]
    head = "".join(
        f'<th scope="col">{escape(_key_label(g["key"]))}<br><span class="{"small" if g["small"] else "ci"}">'
        f'{g["documents"]} doc{"s" if g["documents"] != 1 else ""}{" · small" if g["small"] else ""}</span></th>'
        for g in groups
    )
    measures = list(groups[0]["measures"]) if groups else []
    rows = "".join(
        f'<tr><th scope="row">{escape(_measure_label(m, data))}</th>'
        + "".join(_cell(g["measures"].get(m)) for g in groups) + "</tr>"
        for m in measures
    )
    return (f'<div class="scroll"><table id="groups"><thead><tr><th scope="col">measure (per 1,000 words)</th>{head}'
            f"</tr></thead><tbody>{rows}</tbody></table></div>")


def _pair_rows(pairs: list[dict], data: ReportData) -> str:
    body = []
    for p in pairs:
        low, high = p["ci95"] or (None, None)
        events = "" if p.get("events") is None else str(p["events"])
        body.append(
            f'<tr class="{"sig" if p["significant"] else ""}"><td>{escape(_key_label(p["a"]))} vs '
            f'{escape(_key_label(p["b"]))}</td><td class="text">{escape(_measure_label(p["measure"], data))}</td>'
            f'<td>{_number(p["difference"], "+.2f")} <span class="ci">[{_number(low)}, {_number(high)}]</span></td>'
            f'<td>{_number(p["effect"])}</td><td>{_number(p["p"], ".4f")}</td><td>{_number(p["p_adjusted"], ".4f")}</td>'
            f'<td>{events}</td>'
            f'<td class="flag text">{"significant" if p["significant"] else ""}</td></tr>'
        )
    return (
        '<div class="scroll"><table class="pairwise"><thead><tr><th scope="col">groups</th>'
        '<th scope="col" class="text">measure</th><th scope="col">difference [95% CI]</th>'
        '<th scope="col" title="Cliff\'s delta: from -1 to 1, how often an article of the first group scores above one of '
        'the second, minus how often below">effect (Cliff\'s &delta;)</th><th scope="col">p</th><th scope="col">p adjusted</th>'
        '<th scope="col">events</th><th scope="col"></th></tr></thead>'
        f'<tbody>{"".join(body)}</tbody></table></div>'
    )


def _pairwise_table(stats: dict, data: ReportData) -> str:
    """The framing index's pairs in view; every other measure's pairs (significant ones first) one
    click away. p-values are adjusted over all of them."""
    pairs = stats["pairwise"]
    if not pairs:
        return '<p class="note">No pair of groups has enough documents to compare.</p>'
    index = [p for p in pairs if p["measure"] == "framing_index"]
    others = sorted((p for p in pairs if p["measure"] != "framing_index"), key=lambda p: not p["significant"])
    significant = sum(1 for p in pairs if p["significant"])
    parts = [f'<p class="note">{len(pairs)} comparisons, {significant} significant after adjustment.</p>']
    if index and len(index) <= PAIRS_SHOWN:
        parts.append(_pair_rows(index, data))
    elif index:  # many outlets: the significant pairs in view, every pair one click away
        flagged = [p for p in index if p["significant"]]
        if flagged:
            parts.append(_pair_rows(flagged, data))
        else:
            parts.append('<p class="note">No two outlets differ significantly in the framing index.</p>')
        parts.append(f"<details><summary>Framing index: all {len(index)} pairs of outlets</summary>"
                     f"{_pair_rows(index, data)}</details>")
    if others:
        flagged = sum(1 for p in others if p["significant"])
        parts.append(f"<details><summary>Every category: {len(others)} comparisons, {flagged} significant</summary>"
                     f"{_pair_rows(others, data)}</details>")
    return "".join(parts)


def _figure(name: str, svg: str, caption: str) -> str:
    return f'<figure id="chart-{name}">{svg}<figcaption id="{name}-title">{caption}</figcaption></figure>'


def _charts(data: ReportData, stats: dict, terms) -> str:
    from framing import charts

    groups = sorted(stats["groups"], key=lambda g: (-g["documents"], _key_label(g["key"])))[:CHART_GROUPS]
    shown = sorted(groups, key=lambda g: _key_label(g["key"]))
    note = f" The {CHART_GROUPS} largest outlets are drawn; the tables hold all." if len(stats["groups"]) > CHART_GROUPS else ""
    parts = []
    measures = [m for m in (list(stats["groups"][0]["measures"]) if stats["groups"] else []) if m != "framing_index"]
    if measures and shown:
        parts.append(_figure("density", charts.density_by_group(shown, measures, [_key_label(g["key"]) for g in shown]),
                             "Category density by outlet: mean per 1,000 words with its 95% bootstrap interval over "
                             "articles; intervals that do not overlap mark a difference worth a look." + note))
    names = {_key_label(g["key"]) for g in shown}
    days = [day for outlet, day, _ in data.dated if outlet in names]
    if days:
        period, label = _period(days)
        sums: dict[str, dict[str, list[float]]] = {}
        for outlet, day, value in data.dated:
            if outlet in names:
                cell = sums.setdefault(outlet, {}).setdefault(label(day), [0.0, 0])
                cell[0] += value
                cell[1] += 1
        series = {outlet: [(p, total / n, n) for p, (total, n) in sorted(points.items())]
                  for outlet, points in sorted(sums.items())}
        parts.append(_figure("time", charts.over_time(series, period),
                             f"Framing over time: the mean framing index of each outlet's articles per {period}."
                             + note))
    else:
        parts.append('<p class="note">No article has a date, so there is no chart over time.</p>')
    if data.actors_ran:
        heat = _heat(data, [_key_label(g["key"]) for g in shown])
        if heat:
            parts.append(_figure("actors", charts.heat_map(*heat),
                                 "Actor naming: for each outlet, the share of its mentions of a concept (an actor or "
                                 "an act) that use each word, with the counts written in; lines separate the concepts." + note))
        else:
            parts.append('<p class="note">The actors detector found no named actor.</p>')
    with_terms = [(_key_label(g.key) + (" (small)" if g.small else ""),
                   [(t.term, t.z, t.lexicon is not None) for t in g.terms[:10]])
                  for g in terms.groups if g.terms and _key_label(g.key) in {_key_label(s["key"]) for s in shown}]
    if with_terms:
        parts.append(_figure("terms", charts.distinctive(with_terms),
                             "Distinctive terms: each outlet's words and phrases by z-score of the weighted log-odds "
                             "ratio against the other outlets (red bars: lexicon entries)." + note))
    return "".join(parts)


def _heat(data: ReportData, outlets: list[str]):
    totals: dict[tuple[str, str], int] = {}
    for outlet in outlets:
        for concept, members in data.actors.get(outlet, {}).items():
            for term, count in members.items():
                totals[(concept, term)] = totals.get((concept, term), 0) + count
    columns = sorted(totals, key=lambda ct: (-totals[ct], ct))[:24]
    columns.sort()
    if not columns:
        return None
    rows = [o for o in outlets if o in data.actors]
    shares, counts = [], []
    for outlet in rows:
        named = data.actors[outlet]
        concept_totals = {c: sum(m.values()) for c, m in named.items()}
        counts.append([named.get(c, {}).get(t, 0) for c, t in columns])
        shares.append([named.get(c, {}).get(t, 0) / concept_totals[c] if concept_totals.get(c) else 0.0
                       for c, t in columns])
    return rows, [t for _, t in columns], shares, counts, [c for c, _ in columns]


def _terms_section(terms) -> str:
    tables = []
    for group in terms.groups:
        label = escape(_key_label(group.key))
        small = ' <span class="small">small group</span>' if group.small else ""
        if not group.terms:
            tables.append(f'<div><h3>{label}{small}</h3><p class="note">No term reaches the minimum count.</p></div>')
            continue
        rows = "".join(
            f'<tr><td>{escape(t.term)}</td><td>{t.z:.2f}</td><td>{t.count}</td><td>{t.other_count}</td>'
            f'<td>{t.documents}</td><td class="lex">{escape(t.lexicon or "")}</td></tr>'
            for t in group.terms[:TERMS_SHOWN]
        )
        tables.append(
            f'<div><h3>{label}{small}</h3><table><thead><tr><th scope="col">term</th><th scope="col">z</th>'
            '<th scope="col">here</th><th scope="col">others</th><th scope="col">docs</th>'
            f'<th scope="col">lexicon</th></tr></thead><tbody>{rows}</tbody></table></div>'
        )
    return f'<div class="terms">{"".join(tables)}</div>'


def _words(finding) -> str:
    words = " ".join(finding.text.split())
    if len(words) > 80:
        words = words[:77] + "..."
    return f"“{words}”" + (" (in a quotation)" if finding.quoted else "")


class Explanations:
    """Each distinct explanation (with its suggestion) once per page: notes point to it by id, so
    a rule found hundreds of times costs its text once."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, str, str], str] = {}

    def id(self, finding) -> str:
        key = (finding.rule, finding.explanation, finding.suggestion)
        if key not in self.ids:
            self.ids[key] = f"x{len(self.ids) + 1}"
        return self.ids[key]

    def html(self) -> str:
        items = "".join(
            f'<li id="{xid}"><code>{escape(rule)}</code>: <span class="x">{escape(explanation)}'
            + (f" Instead: {escape(suggestion)}" if suggestion else "") + "</span></li>"
            for (rule, explanation, suggestion), xid in self.ids.items()
        )
        return f'<details id="explanations"><summary>Every explanation ({len(self.ids)})</summary><ul>{items}</ul></details>'


def _article(number: int, result: DocumentResult, palette: dict[str, int], categories: dict[str, Any],
             explanations: Explanations) -> str:
    doc, findings = result.document, result.findings
    aid = f"a{number}"
    outlet, event = outlet_of(doc), event_of(doc)
    title = doc.title or doc.id
    meta = " · ".join(escape(part) for part in (outlet, doc.date or "", f"event {event}" if event else "") if part)
    text = doc.text
    why = [explanations.id(f) for f in findings]
    pieces = []
    for segment in segments(text, findings, doc.body_start):
        chunk = escape(text[segment.start:segment.end])
        if not segment.findings:
            pieces.append(chunk)
            continue
        inner = findings[segment.findings[0]]
        described = " ".join(f"{aid}-f{i + 1} {why[i]}" for i in segment.findings)
        many = " many" if len(segment.findings) > 1 else ""
        pieces.append(f'<mark class="f c{palette[inner.category]}{many}" tabindex="0" data-rule="{escape(inner.rule)}" '
                      f'aria-describedby="{described}">{chunk}</mark>')
    body = "".join(pieces).strip("\n")
    notes = "".join(
        f'<li id="{aid}-f{i}" class="c{palette[f.category]}"><span class="cat">'
        f'{escape(_category_name(f.category, categories))}</span> · <code>{escape(f.rule)}</code> · '
        f'{escape(_words(f))} <a href="#{why[i - 1]}" class="why">why</a></li>'
        for i, f in enumerate(findings, 1)
    )
    notes = f'<ol class="notes">{notes}</ol>' if findings else '<p class="note">No findings.</p>'
    score = result.scores.get("framing_index", 0.0)
    return (
        f'<article class="doc" id="{aid}" data-outlet="{escape(outlet)}" data-event="{escape(event or "")}">'
        f'<header><h3>{escape(title)}</h3><p>{meta} · {result.words} words · {len(findings)} findings · '
        f"framing index {score:.2f}</p></header>"
        f'<div class="body">{body}</div>{notes}</article>'
    )


def _category_name(cid: str, categories: dict[str, Any]) -> str:
    category = categories.get(cid)
    return category.name if category is not None and getattr(category, "name", "") else cid


def _browser(kept: list[DocumentResult], numbers: dict[int, int]) -> str:
    outlets = sorted({outlet_of(r.document) for r in kept})
    events = sorted({e for r in kept if (e := event_of(r.document)) is not None})
    options = "".join(f'<option value="{escape(o)}">{escape(o)}</option>' for o in outlets)
    controls = (f'<label for="pick-outlet">Outlet</label><select id="pick-outlet"><option value="">all outlets'
                f"</option>{options}</select>")
    if events:
        options = "".join(f'<option value="{escape(e)}">{escape(e)}</option>' for e in events)
        controls += (f'<label for="pick-event">Event</label><select id="pick-event"><option value="">all events'
                     f"</option>{options}</select>")
    listing = []
    for outlet in outlets:
        mine = [r for r in kept if outlet_of(r.document) == outlet]
        links = "".join(
            f'<li data-doc="a{numbers[id(r)]}"><a href="#a{numbers[id(r)]}">{escape(r.document.title or r.document.id)}'
            f'</a>{" · " + escape(event_of(r.document)) if event_of(r.document) else ""}</li>'
            for r in mine
        )
        listing.append(f'<div class="group">{escape(outlet)} ({len(mine)})</div><ul>{links}</ul>')
    return (f'<aside aria-label="Browse articles">{controls}<p class="note"><span id="shown-count">{len(kept)}'
            f'</span> shown</p>{"".join(listing)}</aside>')


def _asset(name: str) -> str:
    return resources.files("framing").joinpath(f"data/{name}").read_text("utf-8")


def render_html(data: ReportData, stats: dict, terms, inputs_failed: int = 0) -> str:
    """The page, from the gathered data, the comparison statistics (framing/comparison@2) and the
    distinctive terms (framing.terms.TermsReport)."""
    kept = sorted(data.selection.kept(), key=lambda r: (outlet_of(r.document), event_of(r.document) or "",
                                                        r.document.date or "", r.document.id))
    numbers = {id(r): n for n, r in enumerate(kept, 1)}
    used = list(dict.fromkeys([*data.categories, *(f.category for r in kept for f in r.findings)]))
    colour_of = category_colours(used)
    palette = {cid: i for i, cid in enumerate(colour_of)}
    css = _asset("report.css") + "".join(f".c{i}{{--c:{colour_of[cid]}}}" for cid, i in palette.items())
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    policy = (f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:; "
              "base-uri 'none'; form-action 'none'")
    outlets = len(stats["groups"])
    days = sorted(day for _, day, _ in data.dated)
    span = f", {days[0].isoformat()} to {days[-1].isoformat()}" if days else ""
    events = f", {len(data.events)} events" if data.events else ""
    failed = (f'<p class="small">{inputs_failed} input(s) could not be read and are not counted.</p>'
              if inputs_failed else "")
    seen_categories = [cid for cid in used if any(f.category == cid for r in kept for f in r.findings)]
    legend = "".join(f'<li class="c{palette[cid]}">{escape(_category_name(cid, data.categories))}</li>'
                     for cid in seen_categories)
    explanations = Explanations()
    articles = "".join(_article(numbers[id(r)], r, palette, data.categories, explanations) for r in kept)
    embedded = (f"{len(kept)} of {data.documents} articles are shown, chosen so that every outlet"
                f"{' and event' if data.events else ''} appears; the statistics above use all {data.documents}.")
    if data.documents == 0:
        body = '<p class="note">No documents were read.</p>'
    else:
        body = (
            f'<section id="comparison"><h2>Comparison</h2><p class="note">Means per outlet with 95% bootstrap '
            "intervals over articles (seeded); pairwise differences with permutation tests (paired over shared events "
            "when every article has one), Cliff's delta and p-values adjusted by Holm's method. "
            f"Small groups (fewer than 5 articles) are marked and left out of the tests.</p>"
            f"{_group_table(stats, data)}<h3>Pairwise differences</h3>{_pairwise_table(stats, data)}</section>"
            f'<section id="charts"><h2>Charts</h2>{_charts(data, stats, terms)}</section>'
            f'<section id="terms"><h2>Distinctive terms</h2><p class="note">Weighted log-odds ratio with an '
            "informative Dirichlet prior (Monroe, Colaresi &amp; Quinn 2008), each outlet against the others; the "
            f"lexicon column names the entry a term matches.</p>{_terms_section(terms)}</section>"
            f'<section id="articles"><h2>Articles</h2><p class="note">{embedded} Hover over or tab to a highlighted '
            f'passage for its explanation.</p><ul class="legend" aria-label="Categories">{legend}</ul>'
            f'<div class="browse">{_browser(kept, numbers)}<div>{articles}{explanations.html()}</div></div></section>'
        )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Framing report: {data.documents} articles, {outlets} outlets</title>"
        f"<style>{css}</style></head><body>"
        f'<header class="top"><h1>Framing report</h1><p>{data.documents} articles from {outlets} outlets{events}{span}.'
        f"</p>{failed}</header>"
        '<nav class="sections" aria-label="Sections"><a href="#comparison">Comparison</a><a href="#charts">Charts</a>'
        '<a href="#terms">Distinctive terms</a><a href="#articles">Articles</a></nav>'
        f"<main>{body}</main>"
        f'<div id="tip" role="tooltip" hidden></div>'
        f'<footer>Made by framing {escape(__version__)}: every style, script and chart in this one file.</footer>'
        f"<script>{script}</script></body></html>\n"
    )


def comparison_statistics(records: Iterable[dict[str, Any]], by: list[str], measures: list[str], seed: int = 0) -> dict:
    """The report's statistics: framing.comparison over the documents' records, outlets compared
    within events when every document has one (as `framing compare --by outlet` does)."""
    from framing.comparison import compare

    return compare(records, by=by, within="auto", seed=seed, measures=measures).to_dict()


def build_report(results: Iterable[DocumentResult], categories: dict[str, Any], lexicon: Lexicon | None = None,
                 max_articles: int = MAX_ARTICLES, seed: int = 0, inputs_failed: Callable[[], int] = lambda: 0,
                 statistics: Callable[..., dict] | None = None) -> str:
    """The whole page for a stream of results: gather, compute statistics and terms, render.
    `statistics(records, by, measures, seed=...)` returns the framing/comparison@2 dict
    (default: comparison_statistics, framing.comparison's)."""
    data = gather(results, categories, max_articles)
    stats = (statistics or comparison_statistics)(data.records, ["outlet"], _measures(data), seed=seed)
    terms = distinctive_terms(data.terms, lexicon, top=TERMS_SHOWN)
    return render_html(data, stats, terms, inputs_failed())
