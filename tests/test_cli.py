import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from framing.cli import app

from conftest import DEMO

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def test_analyze_json_has_exactly_the_documented_shape(lexicon_file, tmp_path):
    article = tmp_path / "a.md"
    article.write_text("---\noutlet: Herald\ndate: 2026-01-02\n---\nHeadline\n\nThe so-called regime said.\n", "utf-8")
    result = run("analyze", article, "--format", "json", "--no-default-lexicons", "--lexicon", lexicon_file)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == ["schema", "framing_version", "documents"]
    assert data["schema"] == "framing/analysis@1"
    (doc,) = data["documents"]
    assert list(doc) == ["id", "source", "title", "outlet", "date", "words", "sentences", "scores", "findings"]
    assert (doc["source"], doc["title"], doc["outlet"], doc["date"]) == (str(article), "Headline", "Herald", "2026-01-02")
    assert (doc["words"], doc["sentences"]) == (5, 2)
    assert list(doc["scores"]) == ["framing_index", "categories", "attribution", "agency", "actors", "classifier"]
    assert doc["scores"]["categories"]["test-cat"] == {"count": 2, "per_1000_words": 400.0}
    assert doc["scores"]["framing_index"] == 400.0
    keys = ["rule", "category", "detector", "text", "start", "end", "line", "column", "sentence",
            "severity", "weight", "explanation", "suggestion", "context", "quoted"]
    finding = next(f for f in doc["findings"] if f["detector"] == "lexicon")
    assert list(finding) == keys
    for scored in (f for f in doc["findings"] if f["rule"] == "classifier/biased-sentence"):
        assert list(scored) == keys + ["probability", "features"]
        assert 0.5 <= scored["probability"] <= 1 and scored["weight"] == 0.0
    for word in (f for f in doc["findings"] if f["rule"] == "classifier/word"):
        assert list(word) == keys and word["weight"] == 0.0
    text = article.read_text("utf-8")
    assert text[finding["start"] : finding["end"]] == finding["text"] == "so-called"
    assert (finding["line"], finding["column"], finding["sentence"]) == (7, 5, 1)


def test_output_is_deterministic(lexicon_file):
    args = ("analyze", DEMO, "--format", "jsonl", "--lexicon", lexicon_file)
    assert run(*args).stdout == run(*args).stdout


def test_every_format_renders(lexicon_file, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The so-called regime.\n", "utf-8")
    base = ("analyze", article, "--no-default-lexicons", "--lexicon", lexicon_file, "--no-classifier")
    table = run(*base).stdout
    assert "1:5" in table and "so-called" in table and "framing index" in table and "Drop it." in table
    assert "3 words, 1 sentence, 2 findings" in table
    lines = run(*base, "-f", "jsonl").stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["schema"] == "framing/analysis@1"
    csv_lines = run(*base, "-f", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("document,source,outlet,rule,category") and len(csv_lines) == 3
    assert csv_lines[0].endswith(",context,quoted,probability,features") and csv_lines[1].endswith(",false,,")
    markdown = run(*base, "-f", "markdown").stdout
    assert markdown.startswith("# Framing analysis") and "| line:col" in markdown
    assert run(*base, "-f", "yaml").exit_code == 2


def test_category_and_severity_filters(lexicon_file, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The regime slaughtered them; \"damage\" done.\n", "utf-8")
    base = ("analyze", article, "-f", "json", "--no-default-lexicons", "--lexicon", lexicon_file, "--no-classifier")
    rules = lambda *extra: [f["rule"] for f in json.loads(run(*base, *extra).stdout)["documents"][0]["findings"]]
    assert rules() == ["test-cat/regime", "test-cat/slaughter", "scare-quotes/quoted-term", "test-cat/damage"]
    assert rules("--min-severity", "error") == ["test-cat/slaughter"]
    assert rules("--category", "scare-quotes") == ["scare-quotes/quoted-term"]
    bad = run(*base, "--category", "nope")
    assert bad.exit_code == 2 and "unknown category nope" in bad.stderr


def test_bad_inputs_are_reported_and_the_rest_analysed(lexicon_file, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("The regime.\n", "utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00binary")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "regime here"}\n{broken\n', "utf-8")
    result = run("analyze", bad, good, corpus, "-f", "jsonl", "--no-default-lexicons", "-l", lexicon_file)
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 2
    errors = result.stderr.splitlines()
    assert errors[0] == f"framing: {bad}: binary file (contains NUL bytes), not text"
    assert errors[1].startswith(f"framing: {corpus}:2: invalid JSON")
    assert errors[2] == "framing: 2 input(s) could not be read"


def test_stdin_and_input_format(lexicon_file):
    result = run("analyze", "-", "-f", "json", "--no-default-lexicons", "-l", lexicon_file, input="a regime\n")
    assert json.loads(result.stdout)["documents"][0]["source"] == "-"
    table = run("analyze", "-", "--no-default-lexicons", "-l", lexicon_file, "--no-classifier", input="a regime\n")
    assert table.stdout.startswith("(standard input)\n")
    rows = '{"text": "a regime", "outlet": "X"}\n'
    result = run("compare", "-", "--input-format", "jsonl", "--by", "outlet", "-f", "json",
                 "--no-default-lexicons", "-l", lexicon_file, input=rows)
    assert json.loads(result.stdout)["groups"][0]["key"] == {"outlet": "X"}


def test_compare_by_document_and_outlet(lexicon_file, tmp_path):
    for name, outlet, text in [("a", "Wire", "Calm words only here."), ("b", "Herald", "The regime and the regime."),
                               ("c", "Herald", "Words, then the regime.")]:
        (tmp_path / f"{name}.md").write_text(f"---\noutlet: {outlet}\n---\n{text}\n", "utf-8")
    base = ("compare", tmp_path, "--no-default-lexicons", "-l", lexicon_file)
    data = json.loads(run(*base, "-f", "json").stdout)
    assert data["schema"] == "framing/comparison@2" and data["by"] == ["document"]
    assert data["measures"][:2] == ["framing_index", "test-cat"] and "attribution.sources" in data["measures"]
    assert [Path(g["key"]["document"]).name for g in data["groups"]] == ["b.md", "c.md", "a.md"]
    assert all(g["small"] and g["measures"]["framing_index"]["ci95"] == [None, None] for g in data["groups"])
    assert data["pairwise"] == []  # groups of one article are never tested
    outlets = json.loads(run(*base, "--by", "outlet", "--min-documents", "2", "-f", "json").stdout)
    herald, wire = outlets["groups"]
    assert herald["key"] == {"outlet": "Herald"} and herald["documents"] == 2 and not herald["small"]
    assert wire["small"]  # one article, under --min-documents 2
    # The mean over articles of each article's density, not the pooled density.
    assert herald["measures"]["test-cat"]["mean"] == round((2 / 5 * 1000 + 1 / 4 * 1000) / 2, 4)
    assert outlets["pairwise"] == []  # Wire is small: nothing to test against
    lines = run(*base).stdout.splitlines()
    assert lines[0].startswith("3 group(s) by document")
    assert lines[2].split()[1:3] == ["b.md", "c.md"]  # a column per document, highest framing index first
    assert next(line for line in lines if line.startswith("test-cat")).split()[1] == "400.0"  # 2 in 5 words
    assert "+---" in run(*base, "-f", "grid").stdout
    assert run(*base, "-f", "nope").exit_code == 2
    assert run(*base, "--by", "outlet,outlet").exit_code == 2
    assert "--adjust must be" in run(*base, "--adjust", "bonferroni").stderr


def test_explain_and_lexicon_commands(lexicon_file):
    result = run("explain", "Iran-backed", "--no-default-lexicons", "-l", lexicon_file)
    assert result.exit_code == 0 and "test-cat/any-backed" in result.stdout and "Outside hand." in result.stdout
    assert run("explain", "calm", "--no-default-lexicons", "-l", lexicon_file).exit_code == 1
    listing = run("lexicon", "list", "--no-default-lexicons", "-l", lexicon_file).stdout
    assert "test-cat" in listing and "7 entries in 1 lexicon categories" in listing
    shown = run("lexicon", "show", "test-cat", "--no-default-lexicons", "-l", lexicon_file).stdout
    assert "Test reference." in shown and "collateral damage" in shown
    detector_category = run("lexicon", "show", "scare-quotes")
    assert detector_category.exit_code == 0 and "framing.detectors.quotes (no lexicon entries)" in detector_category.stdout
    assert run("lexicon", "show", "no-such-category").exit_code == 1
    entry = run("lexicon", "show", "test-cat/slaughter", "--no-default-lexicons", "-l", lexicon_file).stdout
    assert "forms:       slew" in entry and f"{lexicon_file}:" in entry
    assert run("lexicon", "validate", lexicon_file).exit_code == 0


def test_explain_says_when_a_phrase_is_an_exception():
    result = run("explain", "mortgage-backed securities")
    assert result.exit_code == 0
    assert result.stdout.startswith("'mortgage-backed securities' is an exception of foreign-agency/any-backed")
    assert "foreign-agency/any-backed" in run("explain", "Iran-backed").stdout


def test_validate_reports_problems_with_exit_status(tmp_path):
    path = tmp_path / "x.toml"
    path.write_text("[category]\nid = 'x'\n", "utf-8")
    result = run("lexicon", "validate", path)
    assert result.exit_code == 1 and f"{path}:" in result.stderr


def test_real_process_errors_are_one_line_without_traceback(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[category\n", "utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "framing", "analyze", str(DEMO), "--lexicon", str(broken)],
        capture_output=True, text=True,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().count("\n") == 0
    assert proc.stderr.startswith(f"framing: error: {broken}:1: invalid TOML")
    assert "Traceback" not in proc.stderr


def test_extract_prints_the_analysed_text(tmp_path):
    from test_readers import HTML

    page = tmp_path / "page.html"
    page.write_text(HTML, "utf-8")
    result = run("extract", page)
    assert result.exit_code == 0
    assert result.stdout.startswith("Strikes hit Telmar") and "so-called security zone" in result.stdout
    analysed = json.loads(run("analyze", page, "-f", "json").stdout)["documents"][0]
    finding = next(f for f in analysed["findings"] if f["rule"] == "distancing/so-called")
    assert result.stdout[finding["start"] : finding["end"]] == "so-called"
    article = tmp_path / "a.md"
    article.write_text("---\ntitle: T\n---\nThe so-called body.\n", "utf-8")
    extracted = run("extract", article).stdout
    assert extracted == "---\ntitle: T\n---\nThe so-called body.\n"  # offsets count from the top of the file
    (finding,) = json.loads(run("analyze", article, "-f", "json", "-d", "lexicon").stdout)["documents"][0]["findings"]
    assert extracted[finding["start"] : finding["end"]] == "so-called"
    assert run("extract", tmp_path / "missing.html").exit_code == 2
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"text": "One."}\n{"text": "Two."}\n', "utf-8")
    refused = run("extract", corpus)
    assert refused.exit_code == 2 and "extract takes one HTML, text or Markdown file" in refused.stderr


def test_help_and_lexicon_runs_do_not_import_heavy_libraries(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The so-called regime.\n", "utf-8")
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from framing.cli import app\n"
        f"r = CliRunner().invoke(app, ['analyze', {str(article)!r}, '-f', 'json', '--detector', 'lexicon',"
        " '--detector', 'quotes', '--detector', 'attribution', '--detector', 'agency'])\n"
        "assert r.exit_code == 0, r.output\n"
        "CliRunner().invoke(app, ['--help'])\n"
        "print(sorted(m for m in ('sklearn', 'nltk', 'trafilatura', 'yaml') if m in sys.modules))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_detector_selection_and_measure_columns(tmp_path):
    article = tmp_path / "a.md"
    article.write_text("---\noutlet: Herald\n---\nThe regime said civilians were killed, officials said.\n", "utf-8")
    only = json.loads(run("analyze", article, "-f", "json", "--detector", "lexicon").stdout)["documents"][0]
    assert list(only["scores"]) == ["framing_index", "categories"]
    assert {f["detector"] for f in only["findings"]} == {"lexicon"}
    full = json.loads(run("analyze", article, "-f", "json", "-d", "all").stdout)["documents"][0]
    assert list(full["scores"])[2:] == ["attribution", "agency", "tone", "actors", "classifier"]
    without = json.loads(run("analyze", article, "-f", "json", "-d", "all", "--no-detector", "tone",
                             "--no-detector", "classifier").stdout)
    without = without["documents"][0]
    assert "tone" not in without["scores"] and without["scores"]["agency"]["agentless"] == 1
    assert without["scores"]["attribution"]["anonymous"] == 1
    bad = run("analyze", article, "--detector", "telepathy")
    assert bad.exit_code == 2 and "unknown detector telepathy" in bad.stderr
    table = json.loads(run("compare", article, "-f", "json", "--with", "attribution", "--with", "agency",
                           "--with", "tone").stdout)
    assert table["measures"][-8:] == ["attribution.sources", "attribution.anonymous_share",
                                      "attribution.one_sided_share", "agency.agentless_share",
                                      "agency.agentless_per_1000_words", "tone.mean", "tone.subjectivity",
                                      "tone.negative_share"]
    measures = table["groups"][0]["measures"]
    # one of two attributions anonymous; the one passive agentless
    assert measures["attribution.anonymous_share"]["mean"] == 0.5
    assert measures["agency.agentless_share"]["mean"] == 1.0
    assert run("compare", article, "--with", "mood").exit_code == 2
