"""Settings: defaults, then a config file (found as ruff finds its own), then flags; every
wrong key or value is one error naming the file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.config import AnalyzerSettings, Fields, discover, find_config, load_config, settings_from_config
from framing.errors import ConfigError, ExitStatus

runner = CliRunner()
ARTICLE = "The so-called council met on Monday. Its \"reform\" was a brutal cut to services, officials said.\n"


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def rules(result) -> list[str]:
    assert result.exit_code == 0, result.output
    return [f["rule"] for f in json.loads(result.stdout)["documents"][0]["findings"]]


def test_fields_take_key_name_pairs():
    assert Fields().with_pairs(["text=body", "outlet = source "]) == Fields(text="body", outlet="source")
    for bad, message in [("text", "takes KEY=NAME"), ("text=", "takes KEY=NAME"), ("body=text", "unknown field 'body'")]:
        with pytest.raises(ConfigError, match=message):
            Fields().with_pairs([bad])


def test_discovery_stops_at_the_repository_root(tmp_path):
    (tmp_path / ".framing.toml").write_text("min-severity = 'error'\n")
    repository = tmp_path / "repo"
    (repository / ".git").mkdir(parents=True)
    (repository / "docs").mkdir()
    assert find_config(repository / "docs") is None  # a config above the repository is not the project's
    (repository / ".framing.toml").write_text("")
    assert find_config(repository / "docs") == repository / ".framing.toml"


def test_config_and_isolated_exclude_each_other(tmp_path):
    with pytest.raises(ConfigError, match="exclude each other"):
        discover(tmp_path / "x.toml", isolated=True)


def test_a_broken_pyproject_without_framing_is_not_our_business(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project\nname = 'x'\n")
    assert find_config(tmp_path) is None
    (tmp_path / "pyproject.toml").write_text("[tool.framing]\ndetectors = [\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        discover(find_config(tmp_path))


def test_the_nearest_config_file_is_found(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert find_config(deep) is None  # a pyproject.toml without [tool.framing] is not a config
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.framing]\ndetectors = ['lexicon']\n")
    assert find_config(deep) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / ".framing.toml").write_text("min-severity = 'warning'\n")
    assert find_config(deep) == tmp_path / "a" / ".framing.toml"
    monkeypatch.chdir(deep)
    assert discover().path == tmp_path / "a" / ".framing.toml"
    assert discover(isolated=True) is None
    assert discover(tmp_path / "pyproject.toml").data == {"detectors": ["lexicon"]}


def test_config_values_become_settings_with_paths_relative_to_the_file(tmp_path):
    (tmp_path / "conf").mkdir()
    path = tmp_path / "conf" / ".framing.toml"
    (tmp_path / "conf" / "house.toml").write_text("")
    path.write_text('lexicons = ["house.toml"]\ndetectors = ["lexicon", "quotes"]\nquoted-weight = 1\n'
                    'input-format = "jsonl"\n\n[fields]\ntext = "body"\n')
    analyzer, inputs = settings_from_config(load_config(path))
    assert analyzer == {"lexicons": (tmp_path / "conf" / "house.toml",), "detectors": ("lexicon", "quotes"),
                        "quoted_weight": 1.0}
    assert inputs == {"input_format": "jsonl", "fields": Fields(text="body")}
    assert AnalyzerSettings(**analyzer).detector_names() == ["lexicon", "quotes"]


@pytest.mark.parametrize("text, line, message", [
    ('detectors = ["lexicon"]\nmin-severty = "warning"\n', 2, "unknown key 'min-severty'"),
    ('\n\nmin-severity = "loud"\n', 3, "'min-severity' must be one of info, warning, error"),
    ('quoted-weight = 2\n', 1, "'quoted-weight' must be a number between 0 and 1"),
    ('detectors = "lexicon"\ndefault-lexicons = "no"\n', 2, "'default-lexicons' must be true or false"),
    ('[fields]\ntext = "body"\nbody = "text"\n', 3, "unknown field 'body'"),
    ('model = "default"\n\n[fields]\ntext = 3\n', 4, "[fields] 'text' must be a field name"),
    ('quoted-weight = 1\nfields = "body"\n', 2, "'fields' must be a table of field names"),
    ('detectors = ["lexicon", "quote"]\n', 1, "unknown detector 'quote' (did you mean 'quotes'?)"),
    ('\ncategories = ["distancing", "emotiv"]\n', 2, "unknown category 'emotiv' (did you mean 'emotive'?)"),
    ('lexicons = ["nope.toml"]\n', 1, "'lexicons': no such file or folder 'nope.toml'"),
    ('model = "nope.skops"\n', 1, "'model': no such file 'nope.skops'"),
    ('model = "m.skops"\ndetectors = [\n', 2, "invalid TOML"),  # "at end of document": its last line
])
def test_every_config_problem_names_file_and_line(tmp_path, text, line, message):
    path = tmp_path / ".framing.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as caught:
        settings_from_config(load_config(path))
    assert str(caught.value).startswith(f"{path}:{line}: ") and message in str(caught.value)


def test_tool_framing_lines_are_found_in_pyproject(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text('[project]\nname = "x"\ndetectors = 1\n\n[tool.framing]\nmodel = "default"\ndetectrs = []\n')
    with pytest.raises(ConfigError, match=r"pyproject.toml:7: unknown key 'detectrs'"):
        settings_from_config(load_config(path))


def test_analyze_reads_the_config_and_flags_win(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE)
    every = rules(run("analyze", "a.md", "-f", "json", "--no-classifier"))
    assert "scare-quotes/quoted-term" in every and "distancing/so-called" in every
    (tmp_path / ".framing.toml").write_text('detectors = ["quotes"]\n')
    assert rules(run("analyze", "a.md", "-f", "json")) == ["scare-quotes/quoted-term"]
    assert rules(run("analyze", "a.md", "-f", "json", "-d", "lexicon")) == ["distancing/so-called", "emotive/brutal"]
    assert rules(run("analyze", "a.md", "-f", "json", "--isolated", "--no-classifier")) == every
    (tmp_path / "other.toml").write_text('detectors = ["lexicon"]\nmin-severity = "warning"\n')
    found = rules(run("analyze", "a.md", "-f", "json", "--config", "other.toml"))
    assert found and "scare-quotes/quoted-term" not in found and "distancing/so-called" in found


def test_a_bad_config_is_one_line_with_status_2_and_debug_shows_the_traceback(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE)
    (tmp_path / ".framing.toml").write_text('detectors = ["lexicon"]\ndetector = ["quotes"]\n')
    result = run("analyze", "a.md")
    assert result.exit_code == ExitStatus.USAGE == 2
    assert result.stderr.startswith("framing: error: ") and result.stderr.count("\n") == 1
    assert ".framing.toml:2: unknown key 'detector'" in result.stderr
    debug = run("--debug", "analyze", "a.md")
    assert isinstance(debug.exception, ConfigError)
    missing = run("analyze", "a.md", "--config", "nope.toml")
    assert missing.exit_code == 2 and "nope.toml: no such config file" in missing.stderr


def test_field_option_names_corpus_fields(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"key": "k1", "body": "The regime spoke.", "paper": "Gazette"}) + "\n")
    result = run("analyze", corpus, "-f", "json", "-d", "lexicon", "--isolated",
                 "--field", "text=body", "--field", "id=key", "--field", "outlet=paper")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)["documents"][0]
    assert (document["id"], document["outlet"], document["findings"][0]["text"]) == ("k1", "Gazette", "regime")
    bad = run("analyze", corpus, "--isolated", "--field", "txt=body")
    assert bad.exit_code == 2 and "--field: unknown field 'txt'" in bad.stderr


def test_formats_a_view_cannot_render_are_usage_errors(tmp_path):
    from conftest import DEMO

    for args in (["actors", DEMO, "-f", "nope"], ["analyze", DEMO, "-f", "grid"], ["classify", DEMO, "-f", "markdown"],
                 ["evaluate", "default", DEMO, "-f", "csv"]):
        result = run(*args, "--isolated") if args[0] != "evaluate" else run(*args)
        assert result.exit_code == 2 and "--format must be" in result.stderr, args


def test_the_old_field_options_still_work_with_a_warning(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"key": "k1", "body": "The regime spoke."}) + "\n")
    result = run("analyze", corpus, "-f", "json", "-d", "lexicon", "--isolated", "--text-field", "body", "--id-field=key")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["documents"][0]["id"] == "k1"
    assert "--text-field is deprecated; use --field text=NAME" in result.stderr


def test_compare_keeps_the_config_files_detectors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text(ARTICLE)
    def measures():
        return json.loads(run("compare", "a.md", "-f", "json").stdout)["measures"]

    assert "sourcing" in measures()  # compare's own default
    (tmp_path / ".framing.toml").write_text('detectors = ["lexicon"]\n')
    found = measures()
    assert "distancing" in found and "sourcing" not in found and "scare-quotes" not in found


def test_analyzer_rules_are_those_its_detectors_can_emit():
    from framing.pipeline import Analyzer

    rules = Analyzer.from_options(detectors=["lexicon", "agency"], categories=["distancing", "agency"]).rules()
    assert {r.category for r in rules} == {"distancing", "agency"} and "agency/agentless-harm" in rules
    assert "scare-quotes/quoted-term" not in rules and set(rules.categories) == {"distancing", "agency"}
