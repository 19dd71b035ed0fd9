"""Every lexicon category and every detector, checked against hit and miss examples kept in data files.

One file per category or detector: tests/examples/<id>.toml, where <id> is a lexicon category's
`[category] id` (lexicons/en/*.toml) or a detector's name (framing.detectors.NAMES). Each file holds
sentences written for the project, in news style:

    # what the category catches, one line
    [[hit]]                                   # the category or detector must report this sentence
    text = "Troops of the so-called coalition entered the town."
    rule = "distancing/so-called"             # a finding with this rule id must occur
    match = "so-called"                       # optional: that finding's exact matched text

    [[miss]]                                  # it must report nothing here at all
    text = "The coalition entered the town."

Keys, and nothing else (an unknown key, or a key in the wrong place, fails the file):

  hit.text, miss.text   required: the sentence (or short passage) to analyse.
  hit.rule              the rule id a finding must have (`<category>/<entry>`); required in every hit of a file
                        whose detector gives findings (all but `tone` and `actors`). For a category file the
                        rule must belong to that category.
  hit.match             optional, with `rule`: the exact text of that finding (case and spelling as in `text`).
  <section>             detector files only, in hits and misses, named after the detector (`attribution`,
                        `agency`, `tone`, `actors`, `classifier`): a table that must be contained in
                        `scores[<section>]`. Tables are compared key by key (other keys may be present),
                        arrays item by item (same length), numbers to within 0.0005, anything else exactly.
                        Required in every hit of `actors`.

What "reports" means:

  category file         a finding whose category is the file's id, from the `lexicon` detector (all default
                        categories loaded, as `framing.analyze_text(text, detectors=["lexicon"])` does).
  quotes, attribution,  any finding of that detector run alone.
  agency, classifier
  tone                  (no findings) a sentence scored negative: VADER compound <= -0.05, i.e.
                        `scores["tone"]["negative_share"] > 0`. A miss has no negative sentence.
  actors                (no findings) a concept set counted: `scores["actors"]` = {concept id: {member term:
                        count}} is not empty. A miss counts none.

The meta-tests fail when a lexicon file in lexicons/en/ with a `[category]` table, or a detector other than
`lexicon` (which the category files cover), has no examples file; when a file has no hit or no miss; and
when an examples file names no known category or detector. Each example is its own test case, with an id such
as `distancing:hit-3` (`pytest -k distancing`), and a failure names the file and line, the sentence, what was
expected and what was found.

Examples run through the public API: `framing.Analyzer.from_options(detectors=[name])` and
`analyzer.analyze(framing.Document(...))`, which is what `framing.analyze_text(text, detectors=[name])` does,
with the analyzer (lexicon automaton, classifier model) built once per session rather than once per sentence;
`test_same_as_analyze_text` checks the two agree. An example that fails is a finding about the detector: fix
the detector or lexicon, or, if the sentence is genuinely ambiguous, replace it; do not loosen the check.
"""

from __future__ import annotations

import math
import re
import tomllib
from functools import lru_cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = Path(__file__).resolve().parent / "examples"
LEXICONS = ROOT / "lexicons" / "en"

# Detectors that give no findings, only a summary section (see reports_something): no `rule` in their hits.
SUMMARY_ONLY = ("tone", "actors")
COMMON_KEYS = {"text"}
HIT_KEYS = {"rule", "match"}


# ----------------------------------------------------------------------------- what must be covered


def lexicon_categories() -> dict[str, Path]:
    """{category id: lexicon file} for the files of lexicons/en/ that define a category."""
    found = {}
    for path in sorted(LEXICONS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        category = data.get("category")
        if isinstance(category, dict) and "id" in category:
            found[category["id"]] = path
    return found


def detector_names() -> list[str]:
    """The detectors by name, from the registry, or from the modules if the registry moves."""
    try:
        from framing.detectors import NAMES

        return list(NAMES)
    except Exception:  # noqa: BLE001 - any breakage of the registry: fall back to the modules
        return sorted(p.stem for p in (ROOT / "framing" / "detectors").glob("*.py") if p.stem != "__init__")


CATEGORIES = lexicon_categories()
DETECTORS = [name for name in detector_names() if name != "lexicon"]  # the category files cover `lexicon`


# ----------------------------------------------------------------------------- reading the example files


class ExampleFile:
    """One tests/examples/<id>.toml: its examples, the line each starts on, and what is wrong with it."""

    def __init__(self, path: Path):
        self.path = path
        self.id = path.stem
        self.name = f"tests/examples/{path.name}"
        self.problems: list[str] = []
        self.hits: list[dict] = []
        self.misses: list[dict] = []
        self.lines: dict[tuple[str, int], int] = {}
        if self.id in CATEGORIES:
            self.detector = "lexicon"
        elif self.id in DETECTORS:
            self.detector = self.id
        else:
            self.detector = None
            self.problems.append(
                f"'{self.id}' is neither a lexicon category ({', '.join(sorted(CATEGORIES))}) "
                f"nor a detector ({', '.join(DETECTORS)})"
            )
        raw = path.read_text(encoding="utf-8")
        counters = {"hit": 0, "miss": 0}
        for number, line in enumerate(raw.splitlines(), 1):
            header = re.match(r"\s*\[\[\s*(hit|miss)\s*\]\]", line)
            if header:
                counters[header.group(1)] += 1
                self.lines[(header.group(1), counters[header.group(1)])] = number
        try:
            data = tomllib.loads(raw)
        except tomllib.TOMLDecodeError as error:
            self.problems.append(f"not valid TOML: {error}")
            return
        for key in sorted(set(data) - {"hit", "miss"}):
            self.problems.append(f"unknown top-level key '{key}' (only [[hit]] and [[miss]] tables)")
        for kind in ("hit", "miss"):
            items = data.get(kind, [])
            if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
                self.problems.append(f"'{kind}' must be an array of tables ([[{kind}]])")
                continue
            if not items:
                self.problems.append(f"no [[{kind}]] example (at least one hit and one miss)")
            for index, item in enumerate(items, 1):
                self._check(kind, index, item)
            (self.hits if kind == "hit" else self.misses).extend(items)
        texts = [item.get("text") for item in self.hits + self.misses]
        for text in sorted({t for t in texts if isinstance(t, str) and texts.count(t) > 1}):
            self.problems.append(f"the same text is given twice: {text!r}")

    @property
    def section(self) -> str | None:
        """The summary-section key a detector file may use (`attribution = {...}`); none for categories."""
        return self.detector if self.detector not in (None, "lexicon") else None

    def where(self, kind: str, index: int) -> str:
        line = self.lines.get((kind, index))
        return f"{self.name}:{line}" if line else self.name

    def _check(self, kind: str, index: int, item: dict) -> None:
        where = f"{self.where(kind, index)}: {kind} #{index}"
        allowed = COMMON_KEYS | (HIT_KEYS if kind == "hit" else set()) | ({self.section} if self.section else set())
        for key in sorted(set(item) - allowed):
            place = "a miss" if key in HIT_KEYS else "this file"
            self.problems.append(f"{where}: unknown key '{key}' in {place} (allowed: {', '.join(sorted(allowed))})")
        if not isinstance(item.get("text"), str) or not item.get("text", "").strip():
            self.problems.append(f"{where}: 'text' is required and must be a non-empty string")
        for key in ("rule", "match"):
            if key in item and not (isinstance(item[key], str) and item[key]):
                self.problems.append(f"{where}: '{key}' must be a non-empty string")
        if self.section and self.section in item and not isinstance(item[self.section], dict):
            self.problems.append(f"{where}: '{self.section}' must be a table of expected summary values")
        if kind != "hit" or self.detector is None:
            return
        if "match" in item and "rule" not in item:
            self.problems.append(f"{where}: 'match' needs a 'rule' (the finding whose text it is)")
        if self.detector not in SUMMARY_ONLY and "rule" not in item:
            self.problems.append(f"{where}: every hit needs the 'rule' it expects")
        if self.detector in SUMMARY_ONLY and "rule" in item:
            self.problems.append(f"{where}: the {self.detector} detector gives no findings, so no 'rule'")
        if self.detector == "lexicon" and isinstance(item.get("rule"), str) and not item["rule"].startswith(f"{self.id}/"):
            self.problems.append(f"{where}: rule '{item['rule']}' is not in category '{self.id}'")
        if self.detector == "actors" and "actors" not in item:
            self.problems.append(f"{where}: every actors hit needs an 'actors' table ({{concept = {{member = n}}}})")


FILES = [ExampleFile(path) for path in sorted(EXAMPLES.glob("*.toml"))]


# ----------------------------------------------------------------------------- running an example


@lru_cache(maxsize=None)
def analyzer(detector: str):
    """One analyzer per detector for the whole session: the classifier model loads once."""
    import framing

    return framing.Analyzer.from_options(detectors=[detector])


def analyze(detector: str, text: str):
    import framing

    return analyzer(detector).analyze(framing.Document(id="text", text=text))


def contains(expected, actual) -> bool:
    """Whether `actual` has everything `expected` states: tables key by key, numbers within 0.0005."""
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(k in actual and contains(v, actual[k]) for k, v in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(expected) == len(actual) and all(map(contains, expected, actual))
    if isinstance(expected, (int, float)) and not isinstance(expected, bool):
        return (isinstance(actual, (int, float)) and not isinstance(actual, bool)
                and math.isclose(expected, actual, abs_tol=5e-4))
    return expected == actual


def reported(file: ExampleFile, result) -> tuple[list, str]:
    """The findings that count for this file, and a description of everything it reported."""
    if file.detector == "lexicon":
        findings = [f for f in result.findings if f.category == file.id]
    else:
        findings = list(result.findings)
    shown = [f"{f.rule} {f.text!r} at {f.start}-{f.end}" for f in findings]
    if file.section:
        shown.append(f"scores[{file.section!r}] = {result.scores.get(file.section)!r}")
    return findings, "; ".join(shown) or "nothing"


def reports_something(file: ExampleFile, result, findings: list) -> bool:
    if file.detector == "tone":
        return result.scores["tone"]["negative_share"] > 0
    if file.detector == "actors":
        return bool(result.scores["actors"])
    return bool(findings)


def check(file: ExampleFile, kind: str, index: int, item: dict) -> list[str]:
    """What the example expects and did not get (empty when it passes)."""
    result = analyze(file.detector, item["text"])
    findings, _ = reported(file, result)
    wrong = []
    something = reports_something(file, result, findings)
    what = {"tone": "a negative sentence (compound <= -0.05)", "actors": "a concept set counted"}.get(
        file.detector, f"a finding of '{file.id}'")
    if kind == "hit" and not something and "rule" not in item:  # a missing rule says it more precisely
        wrong.append(what)
    if kind == "miss" and something:
        wrong.append(f"no {what.removeprefix('a ')}")
    if "rule" in item:
        match = item.get("match")
        if not any(f.rule == item["rule"] and (match is None or f.text == match) for f in findings):
            wrong.append(f"a finding {item['rule']}" + (f" on exactly {match!r}" if match is not None else ""))
    if file.section and file.section in item:
        actual = result.scores.get(file.section)
        if not contains(item[file.section], actual):
            wrong.append(f"scores[{file.section!r}] to contain {item[file.section]!r}")
    return wrong


# ----------------------------------------------------------------------------- the tests


def test_every_category_and_detector_has_examples():
    present = {file.id: file for file in FILES}
    missing = [f"lexicon category '{cid}' ({path.relative_to(ROOT)}): no tests/examples/{cid}.toml"
               for cid, path in CATEGORIES.items() if cid not in present]
    missing += [f"detector '{name}': no tests/examples/{name}.toml" for name in DETECTORS if name not in present]
    thin = [f"{file.name}: {len(file.hits)} hit(s) and {len(file.misses)} miss(es); needs at least one of each"
            for file in FILES if not (file.hits and file.misses)]
    assert CATEGORIES, f"no lexicon category found in {LEXICONS}"
    if missing or thin:
        pytest.fail("\n".join(missing + thin), pytrace=False)


@pytest.mark.parametrize("file", FILES, ids=[file.id for file in FILES])
def test_example_file_is_well_formed(file: ExampleFile):
    if file.problems:
        pytest.fail(f"{file.name}:\n  " + "\n  ".join(file.problems), pytrace=False)


def _cases():
    for file in FILES:
        if file.detector is None:
            continue
        for kind, items in (("hit", file.hits), ("miss", file.misses)):
            for index, item in enumerate(items, 1):
                yield pytest.param(file, kind, index, item, id=f"{file.id}:{kind}-{index}")


@pytest.mark.parametrize("file, kind, index, item", list(_cases()))
def test_example(file: ExampleFile, kind: str, index: int, item: dict):
    where = f"{file.where(kind, index)}: {kind} #{index}"
    if any(p.startswith(f"{where}:") for p in file.problems):
        pytest.fail(f"{where} is malformed: see test_example_file_is_well_formed[{file.id}]", pytrace=False)
    wrong = check(file, kind, index, item)
    if wrong:
        _, found = reported(file, analyze(file.detector, item["text"]))
        pytest.fail(
            f"{where} ({file.detector} detector)\n"
            f"  text:     {item['text']!r}\n"
            f"  expected: {'; '.join(wrong)}\n"
            f"  found:    {found}",
            pytrace=False,
        )


def test_same_as_analyze_text():
    """The session's cached analyzers give what `framing.analyze_text` gives (first hit of each file;
    the classifier is left out, as analyze_text would load its model again)."""
    import framing

    for file in FILES:
        if file.detector in (None, "classifier") or not file.hits or not isinstance(file.hits[0].get("text"), str):
            continue
        text = file.hits[0]["text"]
        cached, direct = analyze(file.detector, text), framing.analyze_text(text, detectors=[file.detector])
        assert [(f.rule, f.start, f.end) for f in cached.findings] == [(f.rule, f.start, f.end) for f in direct.findings], file.name
        assert cached.scores == direct.scores, file.name
