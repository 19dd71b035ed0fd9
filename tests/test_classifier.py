"""The classifier: training and evaluating on your own data, safe model files, findings."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.errors import FramingError
from framing.labelled import read_labelled
from framing.model import load

from conftest import ROOT

runner = CliRunner()
CORPUS = ROOT / "corpora" / "bias-sentences"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def small_csv(tmp_path_factory) -> Path:
    """A labelled CSV cut from the project's own corpus: 300 rows, labels spelled 1/0, plus junk rows."""
    rows = []
    for line in (CORPUS / "politics.jsonl").read_text("utf-8").splitlines()[:300]:
        row = json.loads(line)
        rows.append((row["text"], "1" if row["label"] == "biased" else "0", row["group"]))
    path = tmp_path_factory.mktemp("data") / "labelled.csv"
    buffer = io.StringIO()
    import csv

    writer = csv.writer(buffer)
    writer.writerow(["sentence", "bias", "group"])
    writer.writerows(rows)
    writer.writerow(["An undecided row.", "maybe", "g-x"])
    writer.writerow(["", "1", "g-y"])
    path.write_text(buffer.getvalue(), "utf-8")
    return path


@pytest.fixture(scope="module")
def trained(small_csv, tmp_path_factory) -> Path:
    model = tmp_path_factory.mktemp("model") / "m.skops"
    result = run("train", small_csv, "-o", model, "--text-field", "sentence", "--label-field", "bias", "--folds", "3")
    # One row has no text: it is reported, the model is still trained, and the status says so.
    assert result.exit_code == 2 and "1 row(s) could not be read" in result.stderr, result.output
    assert model.is_file()
    assert "trained on 300 rows" in result.stdout
    assert "skipped: label 'maybe' (1), unreadable (1)" in result.stdout
    assert "3-fold cross-validation (folds keep each group together)" in result.stdout  # the default "group" field
    for metric in ("precision", "recall", "f1", "macro_f1"):
        assert metric in result.stdout
    return model


def test_labels_are_recognised_or_named(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in [
        {"text": "a", "label": "Biased"}, {"text": "b", "label": "Non-biased"}, {"text": "c", "label": "No agreement"},
    ]) + "\n", "utf-8")
    data = read_labelled([str(path)])
    assert (data.positive, data.negative, data.labels) == ("Biased", "Non-biased", [1, 0])
    assert data.skipped == {"label 'No agreement'": 1}
    path.write_text('{"text": "a", "label": "left"}\n{"text": "b", "label": "right"}\n', "utf-8")
    with pytest.raises(FramingError, match="use --positive"):
        read_labelled([str(path)])
    assert read_labelled([str(path)], positive="left").labels == [1, 0]


def test_model_card_and_evaluation(trained, small_csv):
    card = json.loads(trained.with_suffix(".card.json").read_text("utf-8"))
    assert card["data"]["rows"] == 300 and len(card["data"]["sha256"]) == 64
    assert card["data"]["labels"] == {"biased": "1", "not_biased": "0"}
    assert set(card["versions"]) >= {"framing", "scikit-learn", "python"}
    assert set(card["cross_validation"]["macro_f1"]) == {"mean", "std"}
    result = run("evaluate", trained, small_csv, "--text-field", "sentence", "--label-field", "bias", "-f", "json")
    assert result.exit_code == 2 and "1 row(s) could not be read" in result.stderr, result.output
    report = json.loads(result.stdout)
    assert {"n", "precision", "recall", "f1", "macro_f1", "confusion_matrix"} <= set(report)
    assert report["n"] == 300 and sum(map(sum, report["confusion_matrix"])) == 300
    assert report["macro_f1"] > 0.8  # on its own training rows
    table = run("evaluate", trained, small_csv, "--text-field", "sentence", "--label-field", "bias").stdout
    assert "calibration: Brier score" in table and "predicted biased" in table
    assert "skipped: label 'maybe' (1), unreadable (1)" in table


def test_default_model_is_shipped_and_evaluates():
    result = run("evaluate", "default", CORPUS / "justice.jsonl", "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["macro_f1"] > 0.9  # in-domain (it was trained on these rows)


def test_classify_and_analyze_with_a_model(trained, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The council approved the budget on Tuesday, officials said. "
                       "The regime's reckless and shameful scheme will devastate families.\n", "utf-8")
    rows = json.loads(run("classify", article, "--model", trained, "-f", "json").stdout)["sentences"]
    assert [r["sentence"] for r in rows] == [0, 1]
    assert rows[0]["probability"] < rows[1]["probability"]
    assert rows[1]["biased"] and rows[1]["features"]
    csv_out = run("classify", article, "--model", trained, "-f", "csv").stdout.splitlines()
    assert csv_out[0].startswith("document,sentence,start,end,line,column,probability,biased")
    analysed = json.loads(run("analyze", article, "--model", trained, "-f", "json").stdout)["documents"][0]
    section = analysed["scores"]["classifier"]
    assert set(section) == {"mean_probability", "biased_share", "threshold", "top_sentences"}
    assert section["top_sentences"][0]["sentence"] == 1
    flagged = [f for f in analysed["findings"] if f["rule"] == "classifier/biased-sentence"]
    assert flagged and flagged[0]["text"].startswith("The regime's") and flagged[0]["features"]
    off = json.loads(run("analyze", article, "--no-classifier", "-f", "json").stdout)["documents"][0]
    assert "classifier" not in off["scores"]


def test_training_without_groups_says_how_folds_are_made(small_csv, tmp_path):
    result = run("train", small_csv, "-o", tmp_path / "m.skops", "--text-field", "sentence", "--label-field", "bias",
                 "--group-field", "none-such", "--folds", "2")
    assert result.exit_code == 2 and "2-fold cross-validation (stratified by label)" in result.stdout


def test_batched_scoring_matches_one_document_at_a_time(trained):
    """analyze_all scores the sentences of many documents in one model call; the results must
    be exactly those of analysing each document on its own, in input order."""
    from framing.pipeline import Analyzer
    from framing.readers import read_paths

    def documents():
        return [d for d in read_paths([str(ROOT / "corpora" / "demo")]) if not isinstance(d, Exception)]

    analyzer = Analyzer.from_options(detectors=["classifier"], model=trained)
    one_by_one = [analyzer.analyze(d) for d in documents()]
    batched = list(analyzer.analyze_all(documents(), batch=5))
    assert [r.document.id for r in batched] == [r.document.id for r in one_by_one]
    assert [r.to_dict() for r in batched] == [r.to_dict() for r in one_by_one]
    assert sum(len(r.findings) for r in batched) > 0


def test_assess_in_chunks_gives_the_same_scores(trained, monkeypatch):
    import framing.model

    model = load(str(trained))
    texts = ["The council met on Tuesday.", "The regime's reckless scheme will devastate families.", "Talks went on."] * 3
    whole = model.assess(texts, lambda i, p: p >= 0.5)
    monkeypatch.setattr(framing.model, "ASSESS_CHUNK", 2)
    assert model.assess(texts, lambda i, p: p >= 0.5) == whole
    assert whole[0] == model.probabilities(texts)


def test_fragments_are_scored_but_never_flagged(trained, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("The council approved the budget on Tuesday.\n\nRead more:\n\nRelated news\n", "utf-8")
    rows = json.loads(run("classify", article, "--model", trained, "--threshold", "0", "-f", "json").stdout)["sentences"]
    assert [r["text"] for r in rows] == ["The council approved the budget on Tuesday.", "Read more:", "Related news"]
    assert [r["biased"] for r in rows] == [True, False, False]
    assert all(r["probability"] > 0 for r in rows)
    analysed = json.loads(run("analyze", article, "--model", trained, "--threshold", "0", "-f", "json").stdout)
    document = analysed["documents"][0]
    assert [f["text"] for f in document["findings"] if f["category"] == "classifier"] == [rows[0]["text"]]
    assert document["scores"]["classifier"]["biased_share"] == round(1 / 3, 4)


def test_tampered_truncated_and_foreign_model_files_are_refused(trained, tmp_path):
    truncated = tmp_path / "truncated.skops"
    truncated.write_bytes(trained.read_bytes()[:5000])
    result = run("classify", ROOT / "corpora" / "demo", "--model", truncated)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"framing: error: {truncated}: not a readable model file")
    assert "Traceback" not in result.stderr

    # Tampered: a model whose schema names a function to call on load.
    tampered = tmp_path / "tampered.skops"
    with zipfile.ZipFile(trained) as source, zipfile.ZipFile(tampered, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "schema.json":
                schema = json.loads(data)
                schema["content"]["pipeline"]["__module__"] = "os"
                schema["content"]["pipeline"]["__class__"] = "system"
                data = json.dumps(schema).encode()
            target.writestr(item, data)
    with pytest.raises(FramingError, match="not allowed in a framing model: os.system"):
        load(tampered)

    import skops.io as sio

    foreign = tmp_path / "foreign.skops"
    sio.dump({"format": "framing-model@99", "card": {}, "pipeline": None}, foreign)
    with pytest.raises(FramingError, match="model format 'framing-model@99' is not one this framing"):
        load(foreign)
    not_a_model = tmp_path / "text.skops"
    not_a_model.write_text("hello", "utf-8")
    with pytest.raises(FramingError, match="not a readable model file"):
        load(not_a_model)


def test_compare_shows_classifier_columns(trained, tmp_path):
    (tmp_path / "a.md").write_text("---\noutlet: Wire\n---\nThe council approved the budget, officials said.\n", "utf-8")
    (tmp_path / "b.md").write_text("---\noutlet: Herald\n---\nThe regime's reckless, shameful scheme will devastate "
                                   "families.\n", "utf-8")
    data = json.loads(run("compare", tmp_path, "--with", "classifier", "--model", trained, "-f", "json").stdout)
    assert data["measures"][-2:] == ["classifier.mean_probability", "classifier.biased_share"]
    by_name = {Path(g["key"]["document"]).name: g["measures"] for g in data["groups"]}
    assert by_name["b.md"]["classifier.mean_probability"]["mean"] > by_name["a.md"]["classifier.mean_probability"]["mean"]
    assert by_name["b.md"]["classifier.biased_share"]["mean"] == 1.0
    assert by_name["a.md"]["classifier.biased_share"]["mean"] == 0.0


def test_model_card_is_reproducible_and_records_the_lexicons(small_csv, trained, tmp_path):
    """Training twice on the same data gives the same card, byte for byte: no dates or timings."""
    again = tmp_path / "again.skops"
    result = run("train", small_csv, "-o", again, "--text-field", "sentence", "--label-field", "bias", "--folds", "3")
    assert result.exit_code == 2, result.output  # the same unreadable row as the first training
    first = trained.with_suffix(".card.json").read_bytes()
    assert again.with_suffix(".card.json").read_bytes() == first
    card = json.loads(first)
    assert "created" not in card and "training_seconds" not in card
    from framing.lexicon.load import default_lexicon_digest

    assert card["lexicon_sha256"] == default_lexicon_digest()


def test_the_shipped_model_was_trained_on_the_shipped_lexicons():
    """Edit a default lexicon and this fails until the model is retrained (`make model`): its
    lexicon features would otherwise drift from the scores its card reports."""
    from framing.lexicon.load import default_lexicon_digest

    card = json.loads((ROOT / "framing" / "models" / "default.card.json").read_text("utf-8"))
    assert card["lexicon_sha256"] == default_lexicon_digest()
    assert load("default").card["lexicon_sha256"] == card["lexicon_sha256"]


def test_a_model_trained_on_other_lexicons_loads_with_a_warning(trained, tmp_path, monkeypatch):
    import warnings

    from framing import model as models

    drifted = tmp_path / "drifted.skops"
    original = load(trained)
    models.save(models.Model(original.pipeline, {**original.card, "lexicon_sha256": "0" * 64}, original.threshold), drifted)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load(drifted)
        load(trained)
    assert [type(w.message).__name__ for w in caught] == ["LexiconDriftWarning"]
    assert "drifted.skops: trained with other default lexicons" in str(caught[0].message)
    result = runner.invoke(app, ["classify", "-", "--model", str(drifted)], input="The regime's thugs attacked crowds.\n")
    assert result.exit_code == 0 and "framing: warning: " in result.stderr
