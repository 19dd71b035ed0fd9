"""Inline suppressions: HTML comments in a draft that excuse findings, with a reason.

    <!-- framing-disable-next-line distancing/so-called -- the party's official name -->
    <!-- framing-disable emotive -- a quoted manifesto follows --> ... <!-- framing-enable emotive -->
    <!-- framing-disable-file -- a satire column -->

A rule may be a rule id or a category id; none means every rule. The reason follows ` -- `.
Comments inside code are code, not suppressions (framing.check.markup finds the comments).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_DIRECTIVE = re.compile(r"<!--\s*framing-(disable-next-line|disable-file|disable|enable)\b(.*?)-->", re.DOTALL)
_SPLIT = re.compile(r"[\s,]+")
ALL = "*"


@dataclass
class Suppression:
    kind: str  # "next-line", "range", "file"
    rules: tuple[str, ...]  # rule or category ids; empty: every rule
    reason: str | None
    start: int  # offsets of the comment
    end: int
    first_line: int  # the lines it covers, inclusive
    last_line: int
    used: int = field(default=0)

    def covers(self, rule: str, category: str, line: int) -> bool:
        if not self.first_line <= line <= self.last_line:
            return False
        return not self.rules or rule in self.rules or category in self.rules


@dataclass(frozen=True)
class Directive:
    action: str  # disable-next-line, disable, enable, disable-file
    rules: tuple[str, ...]
    reason: str | None
    start: int
    end: int


def directives(text: str, comments: tuple[tuple[int, int], ...]) -> list[Directive]:
    """The framing- directives among a file's HTML comments, in order."""
    found = []
    for start, end in comments:
        match = _DIRECTIVE.fullmatch(text, start, end) or _DIRECTIVE.match(text, start, end)
        if match is None:
            continue
        body, _, reason = match.group(2).partition(" -- ")
        if not reason and body.rstrip().endswith("--"):
            body = body.rstrip()[:-2]
        rules = tuple(r for r in _SPLIT.split(body.strip()) if r)
        found.append(Directive(match.group(1), rules, reason.strip() or None, start, end))
    return found


def suppressions(found: list[Directive], line_of, last_line: int) -> list[Suppression]:
    """The lines each directive covers: `line_of(offset)` gives a 1-based line."""
    result: list[Suppression] = []
    open_ranges: list[Suppression] = []
    for directive in found:
        line = line_of(directive.start)
        end_line = line_of(max(directive.start, directive.end - 1))
        if directive.action == "disable-next-line":
            result.append(Suppression("next-line", directive.rules, directive.reason, directive.start, directive.end,
                                      end_line + 1, end_line + 1))
        elif directive.action == "disable-file":
            result.append(Suppression("file", directive.rules, directive.reason, directive.start, directive.end,
                                      1, last_line))
        elif directive.action == "disable":
            suppression = Suppression("range", directive.rules, directive.reason, directive.start, directive.end,
                                      line, last_line)
            result.append(suppression)
            open_ranges.append(suppression)
        else:  # enable: closes the ranges it names (all of them when it names none)
            for suppression in list(open_ranges):
                if not directive.rules or set(suppression.rules) & set(directive.rules) or not suppression.rules:
                    suppression.last_line = line
                    open_ranges.remove(suppression)
    return result
