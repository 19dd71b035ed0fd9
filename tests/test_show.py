"""`framing show` and the layout under it (framing.highlight): segments at every finding's ends,
overlaps nested or crossing, plain markers, colour with rich, notes and legend."""

from __future__ import annotations

import io
import re
from pathlib import Path

from typer.testing import CliRunner

from framing.cli import app
from framing.document import Document
from framing.highlight import PALETTE, colours, segments
from framing.report import DocumentResult, Finding
from framing.show import coloured, plain, wants_colour

ROOT = Path(__file__).resolve().parents[1]
TEXT = "Intro\nThe so-called regime crushed the brave protesters."
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def finding(rule: str, start: int, end: int, text: str = TEXT, explanation: str = "Why.", suggestion: str = "Fix.",
            quoted: bool = False) -> Finding:
    category = rule.split("/")[0]
    return Finding(rule, category, "lexicon", text[start:end], start, end, 2, start - 5, 0, "warning", 1.0,
                   explanation, suggestion, text[start:end], quoted)


def result(findings: list[Finding], text: str = TEXT) -> DocumentResult:
    doc = Document(id="a.md", text=text, title="The title", outlet="Herald", date="2026-01-02", body_start=6)
    return DocumentResult(doc, findings, {}, 8, 1, 0.0)


def overlapping() -> list[Finding]:
    start = TEXT.index("so-called")
    regime = TEXT.index("regime")
    return [
        finding("classifier/biased-sentence", 6, len(TEXT), explanation="Probability 0.9."),  # the whole sentence
        finding("distancing/so-called", start, start + 9, explanation="Distances."),
        finding("scare/cross", start + 3, regime + 6, explanation="Crosses."),  # "called regime": crosses so-called
        finding("actor-labels/regime", regime, regime + 6, explanation="Delegitimises.", suggestion="government"),
        finding("emotive/brave", TEXT.index("brave"), TEXT.index("brave") + 5),
        finding("emotive/brave", TEXT.index("brave"), TEXT.index("brave") + 5, quoted=True),  # same rule again
    ]


def test_segments_cover_the_body_and_list_covering_findings_innermost_first():
    found = overlapping()
    parts = segments(TEXT, found, 6)
    assert "".join(TEXT[s.start:s.end] for s in parts) == TEXT[6:]
    assert all(a.end == b.start for a, b in zip(parts, parts[1:]))
    at = {TEXT[s.start:s.end]: s.findings for s in parts}
    assert at["so-"] == (1, 0)  # so-called (9 characters) inside the sentence
    assert at["called"] == (1, 2, 0)  # so-called and the crossing finding
    assert at["regime"] == (3, 2, 0)  # the regime label is innermost
    assert at[" crushed the "] == (0,)
    assert at["brave"] == (4, 5, 0)
    assert segments(TEXT, [], 6) == [segments(TEXT, [], 6)[0]] and segments(TEXT, [], 6)[0].findings == ()
    assert segments("abc", [finding("x/y", 5, 9, "abcdefghij")]) == [segments("abc", [])[0]]  # outside: left out


def test_colours_are_stable_per_category_order():
    assert colours(["a", "b", "a"]) == {"a": PALETTE[0], "b": PALETTE[1]}
    many = colours([f"c{i}" for i in range(len(PALETTE) + 1)])
    assert many[f"c{len(PALETTE)}"] == PALETTE[0]
    assert len(set(PALETTE)) == len(PALETTE)


def test_plain_markers_nest_and_notes_explain_each_number():
    out = io.StringIO()
    plain([result(overlapping())], out)
    text = out.getvalue()
    assert text.startswith("The title — Herald · 2026-01-02\n")
    assert "Intro" not in text  # the front matter is not shown
    assert "[The [so-[called][2] [regime][4]][3] crushed the [[brave][5]][6] protesters.][1]" in text
    # Stripping the markers gives the text back.
    body = text.split("\n")[2]
    assert re.sub(r"\]\[\d+\]|\[", "", body) == TEXT[6:]
    assert "[2] distancing · distancing/so-called: “so-called”\n    Distances. Instead: Fix.\n" in text
    assert "[4] actor-labels · actor-labels/regime: “regime”\n    Delegitimises. Instead: government\n" in text
    assert "[6] emotive · emotive/brave (in a quotation): “brave”\n    As [5].\n" in text
    assert "Categories: classifier (1), distancing (1), scare (1), actor-labels (1), emotive (2)" in text
    empty = io.StringIO()
    plain([result([])], empty)
    assert "No findings." in empty.getvalue()


def test_colour_mode_colours_each_category_and_has_a_legend():
    out = io.StringIO()
    coloured([result(overlapping())], out, ["distancing", "actor-labels"], width=100, force_terminal=True,
              color_system="truecolor")
    raw = out.getvalue()
    assert "\x1b[" in raw
    text = ANSI.sub("", raw)
    assert "so-called[2]" in text and "regime[4]" in text and "[" + "so-called" not in text
    assert "Legend: ■ classifier (1)" in text and "■ actor-labels (1)" in text
    assert "[4] actor-labels · actor-labels/regime: “regime”" in text and "Delegitimises. Instead: government" in text
    # "regime" in actor-labels' colour (the second in the order given), bold; underlined, as others cover it too.
    regime = re.search(r"((?:\x1b\[[0-9;]*m)+)regime", raw).group(1)
    codes = set(";".join(re.findall(r"\x1b\[([0-9;]*)m", regime)).split(";"))
    assert {"1", "4"} <= codes  # bold and underline
    r, g, b = (int(PALETTE[1][i:i + 2], 16) for i in (1, 3, 5))
    assert f"38;2;{r};{g};{b}" in regime
    distancing = re.search(r"((?:\x1b\[[0-9;]*m)+)so-", raw).group(1)
    assert distancing != regime  # another category, another colour


def test_wants_colour():
    class Tty(io.StringIO):
        def isatty(self):
            return True

    assert wants_colour(Tty()) and not wants_colour(Tty(), no_color=True) and not wants_colour(io.StringIO())


def test_show_command_plain_when_not_a_terminal(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: Night raid\noutlet: Herald\n---\nThe so-called regime sent its thugs.\n", "utf-8")
    runner = CliRunner()
    shown = runner.invoke(app, ["show", str(article), "--no-classifier"])
    assert shown.exit_code == 0, shown.output
    assert "\x1b[" not in shown.stdout
    assert "The [so-called][1] [regime][2] sent its [thugs][3]." in shown.stdout
    assert "[2] actor-labels · actor-labels/regime: “regime”" in shown.stdout and "Legend" not in shown.stdout
    again = runner.invoke(app, ["show", str(article), "--no-classifier", "--no-color"])
    assert again.stdout == shown.stdout
    missing = runner.invoke(app, ["show", str(tmp_path / "none.md")])
    assert missing.exit_code == 2 and "none.md" in missing.stderr
