"""One `framing check` run: files -> prose -> findings -> policy -> suppressions -> baseline -> report."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable

from framing.check import baseline as baselines
from framing.check import rules as check_rules
from framing.check.policy import DETECTORS, FRAMING_INDEX, Policy
from framing.config import AnalyzerSettings
from framing.document import Document
from framing.errors import InputError
from framing.findings import locate
from framing.report import CheckFinding, CheckReport, DocumentResult, Finding, fingerprints
from framing.rules import Registry
from framing.rules.core import SEVERITY_RANK

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdx"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}


@dataclass(frozen=True)
class CheckOptions:
    show_quoted: bool = False
    require_reason: bool = False
    report_unused: bool = False
    baseline: Path | None = None
    strict_baseline: bool = False
    fail_on: str | None = None  # overrides the policy's


@dataclass
class Checked:
    """A checked file: its report rows, and what a baseline or --fix needs to know about them."""

    path: Path
    text: str
    findings: list[CheckFinding]
    sentences: list[str]  # baseline sentence hash per finding


def analyzer_settings(settings: AnalyzerSettings, configured_detectors: bool) -> AnalyzerSettings:
    """check runs the word-level detectors unless the config or the command names others."""
    return settings if configured_detectors else replace(settings, detectors=DETECTORS)


def build_registry(analyzer, policy: Policy) -> Registry:
    registry = analyzer.rules()
    for category in check_rules.CATEGORIES:
        registry.categories.setdefault(category.id, category)
    for rule in check_rules.RULES:
        registry.add(rule)
    for measure in policy.thresholds:
        if measure != FRAMING_INDEX:
            name = registry.categories[measure].name.lower() if measure in registry.categories else measure
            registry.add(check_rules.threshold_rule(measure, f"{name} density"))
    return registry


def check(paths: Iterable[str], policy: Policy, settings: AnalyzerSettings, options: CheckOptions,
          configured_detectors: bool = False) -> tuple[CheckReport, list[Checked]]:
    from framing.check.files import discover
    from framing.pipeline import Analyzer

    analyzer = Analyzer.from_settings(analyzer_settings(settings, configured_detectors))
    registry = build_registry(analyzer, policy)
    policy.check_names(registry, registry.categories)
    errors: list[InputError] = []
    checked: list[Checked] = []
    files = 0
    for item in discover(paths, policy):
        if isinstance(item, InputError):
            errors.append(item)
            continue
        path, shown = item
        files += 1
        try:
            checked.append(_check_file(path, shown, analyzer, registry, policy, options))
        except InputError as exc:
            errors.append(exc)
    findings = [f for c in checked for f in c.findings]
    gone = []
    if options.baseline is not None:
        known = baselines.read(options.baseline)
        keys = [baselines.key(f, s) if f.suppressed is None else None for c in checked
                for f, s in zip(c.findings, c.sentences)]
        matched, gone = baselines.apply(keys, known)
        findings = [replace(f, suppressed="baseline") if hit else f for f, hit in zip(findings, matched)]
        _redistribute(checked, findings)
    fail_on = options.fail_on or policy.fail_on
    floor = SEVERITY_RANK[fail_on]
    failed = any(f.suppressed is None and SEVERITY_RANK[f.severity] >= floor for f in findings)
    failed = failed or bool(gone and options.strict_baseline)
    report = CheckReport(
        root=".", files=files, findings=findings, fail_on=fail_on, rules=registry, errors=errors, gone=gone,
        failed=failed, show_quoted=options.show_quoted,
    )
    return report, checked


def _redistribute(checked: list[Checked], findings: list[CheckFinding]) -> None:
    index = 0
    for item in checked:
        item.findings = findings[index : index + len(item.findings)]
        index += len(item.findings)


def prose(path: Path, text: str, body_start: int):
    """The masked text (framing.check.markup) of a file, by its kind."""
    from framing.check import markup

    suffix = path.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES:
        return markup.mask_markdown(text, body_start)
    if suffix in HTML_SUFFIXES:
        return markup.mask_html(text)
    return markup.mask_text(text, body_start)


def _check_file(path: Path, shown: str, analyzer, registry: Registry, policy: Policy,
                options: CheckOptions) -> Checked:
    from framing.check.suppress import directives, suppressions
    from framing.readers import decode, read_bytes, split_front_matter

    raw = read_bytes(path, shown)  # regular files only, at most MAX_BYTES: never a FIFO or a device
    text = decode(raw, shown, html=path.suffix.lower() in HTML_SUFFIXES)
    meta, body_start = ({}, 0) if path.suffix.lower() in HTML_SUFFIXES else split_front_matter(text, shown)
    masked = prose(path, text, body_start)
    document = Document(id=shown, text=masked.text, source=shown, body_start=body_start)
    original = Document(id=shown, text=text, source=shown, body_start=body_start)
    result = analyzer.analyze(document)

    allowed = _allowed_spans(text, [*policy.allow, *_front_matter_allow(meta, shown)])
    rows: list[tuple[Finding, str, str | None]] = []  # finding, policy severity, suppressed
    for finding in result.findings:
        severity = policy.level(finding.rule, finding.category, finding.severity)
        if severity == "off":
            continue
        finding = _with_original_words(finding, original, document)
        suppressed = None
        if finding.quoted and not policy.quoted:
            suppressed = "quoted"
        elif any(s <= finding.start and finding.end <= e for s, e in allowed):
            suppressed = "allowed"
        rows.append((finding, severity, suppressed))
    rows += [(f, "error", None) for f in _threshold_findings(result, rows, policy, original)]

    found = directives(text, masked.comments)
    covered = suppressions(found, lambda offset: original.line_col(offset)[0], len(original.line_starts))
    graded: list[tuple[Finding, str, str | None]] = []
    for finding, severity, suppressed in rows:
        if suppressed is None:
            for suppression in covered:
                if suppression.covers(finding.rule, finding.category, finding.line):
                    suppression.used += 1
                    suppressed = "file" if suppression.kind == "file" else "inline"
                    break
        graded.append((finding, severity, suppressed))
    graded += [(f, registry.rule(f.rule).severity, None) for f in
               _suppression_findings(found, covered, registry, original, options)]
    graded.sort(key=lambda row: (row[0].line, row[0].column, row[0].rule, row[0].start))

    texts = [_sentence(original, document, f) for f, _, _ in graded]
    prints = fingerprints([f for f, _, _ in graded], texts)
    findings, sentences = [], []
    for (finding, severity, suppressed), fingerprint, sentence in zip(graded, prints, texts):
        rule = registry.rule(finding.rule)
        findings.append(CheckFinding(
            path=shown, finding=finding, severity=severity, fingerprint=fingerprint, suppressed=suppressed,
            fix=rule.fix if rule is not None else None, utf16_columns=_columns(original, finding, "utf-16-le", 2),
            utf8_columns=_columns(original, finding, "utf-8", 1),
        ))
        sentences.append(baselines.sentence_hash(sentence))
    return Checked(path, text, findings, sentences)


def _with_original_words(finding: Finding, original: Document, document: Document) -> Finding:
    """The finding as the file reads: its words and context from the original text (the masked
    copy has spaces where code and markup were)."""
    span = document.sentence_span(finding.start)
    text = original.text[finding.start : finding.end]
    context = original.context(finding.start, finding.end, sentence=span)
    if text == finding.text and context == finding.context:
        return finding
    return replace(finding, text=text, context=context)


def _sentence(original: Document, document: Document, finding: Finding) -> str:
    if not document.sentence_spans or finding.end == finding.start == 0:
        return ""
    start, end = document.sentence_span(finding.start)
    return original.text[start:end]


def _columns(original: Document, finding: Finding, encoding: str, unit: int) -> tuple[int, int]:
    """1-based start and (exclusive) end column counted in `encoding`'s units of `unit` bytes."""
    text = original.text
    line_start = original.line_starts[finding.line - 1]
    start = len(text[line_start : finding.start].encode(encoding)) // unit + 1
    end_line_start = text.rfind("\n", 0, finding.end) + 1 if finding.end > finding.start else line_start
    end = len(text[end_line_start : finding.end].encode(encoding)) // unit + 1
    return start, end


def _front_matter_allow(meta: dict, source: str) -> list[str]:
    value = meta.get("framing-allow")
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError("front matter 'framing-allow' must be a list of terms", source, 1)
    return value


def _allowed_spans(text: str, terms: list[str]) -> list[tuple[int, int]]:
    """Where allowed terms occur: whole words, any case, any run of spaces between words."""
    if not terms:
        return []
    pattern = "|".join(r"\s+".join(map(re.escape, t.split())) for t in sorted(set(terms), key=len, reverse=True))
    return [m.span() for m in re.finditer(rf"(?<!\w)(?:{pattern})(?!\w)", text, re.IGNORECASE)]


def _threshold_findings(result: DocumentResult, rows, policy: Policy, original: Document) -> list[Finding]:
    """A finding at the document's first line for each density above its maximum. Densities are
    of the findings that count under the policy (not off, quoted or allowed)."""
    if not policy.thresholds or not result.words:
        return []
    counted = [f for f, _, suppressed in rows if suppressed is None]
    per_word = 1000.0 / result.words
    measured = {FRAMING_INDEX: round(sum(f.weight for f in counted) * per_word, 3)}
    for finding in counted:
        measured[finding.category] = measured.get(finding.category, 0.0) + per_word
    found = []
    for measure, limit in sorted(policy.thresholds.items()):
        value = round(measured.get(measure, 0.0), 3)
        if value > limit:
            what = "framing index" if measure == FRAMING_INDEX else f"{measure} density"
            rule = check_rules.threshold_rule(measure, what)
            found.append(locate(
                original, 0, 0, rule=rule.id, category=rule.category, detector="check", severity="error", weight=0.0,
                explanation=f"The document's {what} is {value:g} per 1,000 words, above the policy's maximum of "
                f"{limit:g}.",
                suggestion=rule.suggestion,
            ))
    return found


def _suppression_findings(found, covered, registry: Registry, original: Document, options: CheckOptions) -> list[Finding]:
    """Findings about the suppression comments themselves."""
    problems = []

    def add(rule, directive, explanation):
        problems.append(locate(original, directive.start, directive.end, rule=rule.id, category=rule.category,
                               detector="check", severity=rule.severity, weight=0.0, explanation=explanation,
                               suggestion=rule.suggestion))

    for directive in found:
        for name in directive.rules:
            if name not in registry and name not in registry.categories:
                add(check_rules.UNKNOWN_RULE, directive, f"No rule or category is called {name!r}; "
                    + check_rules.UNKNOWN_RULE.explanation)
        if options.require_reason and directive.action != "enable" and not directive.reason:
            add(check_rules.MISSING_REASON, directive, check_rules.MISSING_REASON.explanation)
    if options.report_unused:
        by_start = {d.start: d for d in found}
        for suppression in covered:
            if not suppression.used:
                add(check_rules.UNUSED, by_start[suppression.start], check_rules.UNUSED.explanation)
    return problems


def baseline_counts(checked: list[Checked]) -> Counter:
    """The identities of the findings that count (for --write-baseline)."""
    counts: Counter = Counter()
    for item in checked:
        for finding, sentence in zip(item.findings, item.sentences):
            if finding.suppressed in (None, "baseline"):
                counts[baselines.key(finding, sentence)] += 1
    return counts
