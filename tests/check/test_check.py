"""`framing check` end to end, as a newsroom would run it: a folder of drafts, a policy file,
exit statuses 0/1/2, suppressions, baselines, thresholds, allowed terms and fixes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app

runner = CliRunner()

DRAFT = """\
---
title: Council vote
framing-allow: [Regime Records]
---
# Council vote

The so-called reform passed on Tuesday, and the utterly divided council went home.

```bash
echo "the so-called regime"   # code is not prose
```

Critics called it "reckless", and the `regime` variable is code. Regime Records sponsored the hall.
See [the regime report](https://example.org/regime) for details.
"""

NEUTRAL = """\
# Budget

The council approved the budget on Tuesday by seven votes to two.
"""


def run(project: Path, *args, input=None):
    import os

    here = os.getcwd()
    os.chdir(project)
    try:
        return runner.invoke(app, [str(a) for a in args], input=input)
    finally:
        os.chdir(here)


def findings(result) -> list[dict]:
    return json.loads(result.stdout)["findings"]


def counted(result) -> list[tuple[str, int, str]]:
    return [(f["path"], f["line"], f["rule"]) for f in findings(result) if f["suppressed"] is None]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "vote.md").write_text(DRAFT, "utf-8")
    (tmp_path / "drafts" / "budget.md").write_text(NEUTRAL, "utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.md").write_text("The so-called thing.\n", "utf-8")
    (tmp_path / ".framing.toml").write_text('exclude = ["drafts/archive/**"]\n', "utf-8")
    return tmp_path


def test_markdown_prose_is_checked_and_code_links_and_front_matter_are_not(project):
    result = run(project, "check", "-f", "json")
    assert result.exit_code == 1, result.output
    rows = counted(result)
    assert ("drafts/vote.md", 7, "distancing/so-called") in rows
    assert ("drafts/vote.md", 7, "intensifiers/utterly") in rows
    assert all(path == "drafts/vote.md" for path, _, _ in rows)  # node_modules never, budget is clean
    assert 10 not in {line for _, line, _ in rows}  # the code block
    line_13 = [f for f in findings(result) if f["line"] == 13 and f["suppressed"] is None]
    assert [f["text"] for f in line_13 if f["rule"].startswith("actor-labels")] == []  # `regime` code, allowed name
    link = DRAFT.splitlines()[13]
    line_14 = [(f["column"], f["text"]) for f in findings(result) if f["line"] == 14]
    assert line_14 == [(link.index("regime") + 1, "regime")]  # the link text is prose, its target is not
    allowed = [f for f in findings(result) if f["suppressed"] == "allowed"]
    assert [f["text"] for f in allowed] == ["Regime"]
    report = json.loads(result.stdout)
    assert report["files"] == 2 and report["failed"] is True and report["schema"] == "framing/check@1"


def test_exit_status_follows_fail_on_and_exit_zero(project):
    assert run(project, "check", "drafts/budget.md").exit_code == 0
    assert run(project, "check", "--fail-on", "error").exit_code == 0  # only warnings and info in the drafts
    assert run(project, "check", "--exit-zero").exit_code == 0
    assert run(project, "check", "--fail-on", "loud").exit_code == 2
    missing = run(project, "check", "drafts/nope.md", "drafts/vote.md")
    assert missing.exit_code == 2 and "drafts/nope.md: no such file or folder" in missing.stderr


def test_policy_rules_regrade_and_turn_off(project):
    (project / ".framing.toml").write_text('[rules]\ndistancing = "error"\n"intensifiers/utterly" = "off"\n')
    result = run(project, "check", "-f", "json", "--fail-on", "error")
    assert result.exit_code == 1
    graded = {(f["rule"], f["severity"]) for f in findings(result)}
    assert ("distancing/so-called", "error") in graded
    assert not any(rule == "intensifiers/utterly" for rule, _ in graded)


@pytest.mark.parametrize("config, where, message", [
    ('fail-on = "warning"\nfial-on = "error"\n', ":2:", "unknown key 'fial-on' (did you mean 'fail-on'?)"),
    ('quoted = "no"\n', ":1:", "'quoted' must be true or false"),
    ('[rules]\n"distancing/so-caled" = "off"\n', ":2:", "unknown rule or category 'distancing/so-caled' in [rules] "
     "(did you mean 'distancing/so-called'?)"),
    ('[rules]\ndistancing = "loud"\n', ":2:", "must be one of off, info, warning, error"),
    ('[thresholds]\nframing-idx = 3\n', ":2:", "did you mean 'framing-index'?"),
    ('include = ["drafts/[abc.md"]\n', ":1:", "unbalanced brackets"),
])
def test_policy_mistakes_are_usage_errors_with_file_and_line(project, config, where, message):
    (project / ".framing.toml").write_text(config)
    result = run(project, "check")
    assert result.exit_code == 2
    assert f".framing.toml{where} " in result.stderr and message in result.stderr
    assert result.stderr.count("\n") == 1


def test_tool_framing_in_pyproject_is_the_policy(project):
    (project / ".framing.toml").unlink()
    (project / "pyproject.toml").write_text('[project]\nname = "paper"\n\n[tool.framing]\nfail-on = "error"\n')
    assert run(project, "check").exit_code == 0
    assert run(project, "check", "--isolated").exit_code == 1


def test_each_suppression_form(project):
    draft = project / "drafts" / "vote.md"
    text = DRAFT.replace(
        "The so-called reform",
        "<!-- framing-disable-next-line distancing/so-called -- the party's own name -->\nThe so-called reform",
    )
    draft.write_text(text)
    result = run(project, "check", "-f", "json")
    rules = [f["rule"] for f in findings(result) if f["suppressed"] is None]
    inline = [f["rule"] for f in findings(result) if f["suppressed"] == "inline"]
    assert inline == ["distancing/so-called"] and "intensifiers/utterly" in rules
    draft.write_text(DRAFT.replace("# Council vote\n", "# Council vote\n<!-- framing-disable intensifiers -->\n")
                     .replace("went home.", "went home.\n<!-- framing-enable intensifiers -->"))
    result = run(project, "check", "-f", "json")
    assert [f["rule"] for f in findings(result) if f["suppressed"] == "inline"] == ["intensifiers/utterly"]
    draft.write_text("<!-- framing-disable-file -- a satire column -->\n" + DRAFT.split("---\n", 2)[2])
    result = run(project, "check", "-f", "json")
    assert result.exit_code == 0 and counted(result) == []
    assert {f["suppressed"] for f in findings(result)} == {"file"}


def test_suppression_problems_are_findings(project):
    draft = project / "drafts" / "vote.md"
    draft.write_text(DRAFT.replace("# Council vote\n", "# Council vote\n<!-- framing-disable-next-line distancin -->\n"
                                   "<!-- framing-disable-next-line emotive -->\n"))
    result = run(project, "check", "-f", "json", "--require-reason", "--report-unused-suppressions")
    rules = [f["rule"] for f in findings(result) if f["suppressed"] is None]
    assert rules.count("suppression/unknown-rule") == 1
    assert rules.count("suppression/missing-reason") == 2
    assert rules.count("suppression/unused") == 2
    unknown = next(f for f in findings(result) if f["rule"] == "suppression/unknown-rule")
    assert unknown["line"] == 6 and "'distancin'" in unknown["message"]


def test_a_comment_in_code_suppresses_nothing(project):
    draft = project / "drafts" / "vote.md"
    draft.write_text(DRAFT.replace("```bash\n", "```bash\n<!-- framing-disable-file -->\n"))
    assert ("drafts/vote.md", 7, "distancing/so-called") in counted(run(project, "check", "-f", "json"))


def test_a_baseline_survives_edits_and_catches_new_findings(project, tmp_path):
    base = tmp_path / "baseline.json"
    written = run(project, "check", "--write-baseline", base)
    assert written.exit_code == 0 and base.is_file()
    assert run(project, "check", "--baseline", base).exit_code == 0
    draft = project / "drafts" / "vote.md"
    # Paragraphs inserted above, lines re-wrapped: the old findings are still known.
    edited = DRAFT.replace("# Council vote\n", "# Council vote\n\nA new opening paragraph.\n\nAnd another one.\n")
    edited = edited.replace("passed on Tuesday, and the", "passed on Tuesday,\nand the")
    draft.write_text(edited)
    result = run(project, "check", "--baseline", base, "-f", "json")
    assert result.exit_code == 0, result.stdout
    assert {f["suppressed"] for f in findings(result) if f["rule"] == "distancing/so-called"} == {"baseline"}
    # The same phrase again in a new sentence is new.
    draft.write_text(edited + "\nThe so-called budget fell.\n")
    result = run(project, "check", "--baseline", base, "-f", "json")
    assert result.exit_code == 1
    assert [(f["rule"], f["text"]) for f in findings(result) if f["suppressed"] is None and f["severity"] != "info"] == [
        ("distancing/so-called", "so-called")]
    # Fixed findings are gone: reported, failing with --strict-baseline, dropped with --prune-baseline.
    draft.write_text(NEUTRAL)
    result = run(project, "check", "--baseline", base, "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout)["gone"]
    assert run(project, "check", "--baseline", base, "--strict-baseline").exit_code == 1
    assert run(project, "check", "--baseline", base, "--prune-baseline").exit_code == 0
    assert json.loads(base.read_text())["findings"] == []


def test_a_baseline_counts_repeats(project, tmp_path):
    base = tmp_path / "baseline.json"
    draft = project / "drafts" / "vote.md"
    draft.write_text("# Notes\n\nThe so-called plan. The so-called plan.\n")
    run(project, "check", "--write-baseline", base)
    draft.write_text("# Notes\n\nThe so-called plan. The so-called plan. The so-called plan.\n")
    result = run(project, "check", "--baseline", base, "-f", "json")
    assert [f["suppressed"] for f in findings(result) if f["rule"] == "distancing/so-called"] == [
        "baseline", "baseline", None]


def test_thresholds_are_findings_at_the_first_line(project):
    (project / ".framing.toml").write_text("[thresholds]\nframing-index = 5\ndistancing = 100\n")
    result = run(project, "check", "-f", "json", "--fail-on", "error")
    assert result.exit_code == 1
    breach = [f for f in findings(result) if f["rule"].startswith("threshold/")]
    assert [(f["path"], f["rule"], f["line"], f["column"], f["severity"]) for f in breach] == [
        ("drafts/vote.md", "threshold/framing-index", 1, 1, "error")]
    assert "above the policy's maximum of 5" in breach[0]["message"]


def test_quoted_findings_count_only_when_the_policy_says(project):
    draft = project / "drafts" / "vote.md"
    draft.write_text('# Quote\n\n"The so-called reform is a disgrace," the mayor said.\n')
    result = run(project, "check", "-f", "json")
    assert result.exit_code == 0 and {f["suppressed"] for f in findings(result)} == {"quoted"}
    shown = run(project, "check", "--show-quoted")
    assert "so-called" in shown.stdout and "(quoted)" in shown.stdout
    (project / ".framing.toml").write_text("quoted = true\n")
    assert run(project, "check").exit_code == 1


def test_fix_applies_safe_replacements_in_place(project):
    draft = project / "drafts" / "vote.md"
    result = run(project, "check", "--fix")
    text = draft.read_text()
    assert "The reform passed on Tuesday, and the divided council went home." in text
    assert 'echo "the so-called regime"' in text  # code is never touched
    assert "fixed 2 finding(s) in 1 file(s)" in result.stderr


def test_list_rules_shows_policy_severities(project):
    (project / ".framing.toml").write_text('[rules]\ndistancing = "error"\n"emotive/brutal" = "off"\n')
    result = run(project, "check", "--list-rules")
    assert result.exit_code == 0
    rows = dict(line.split("\t") for line in result.stdout.splitlines())
    assert rows["distancing/so-called"] == "error" and rows["emotive/brutal"] == "off"
    assert rows["scare-quotes/quoted-term"] == "warning" and "threshold/framing-index" in rows


def test_text_format_is_one_line_per_finding(project):
    result = run(project, "check", "drafts/vote.md")
    first = result.stdout.splitlines()[0]
    assert first.startswith("drafts/vote.md:7:5: warning distancing/so-called ")
    assert first.endswith("]")  # the suggestion, in brackets
    assert "failed" in result.stdout.splitlines()[-1]


def test_check_is_deterministic(project):
    first = run(project, "check", "-f", "sarif").stdout
    assert first == run(project, "check", "-f", "sarif").stdout
    assert str(project) not in first
