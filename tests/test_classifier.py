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
    model = tmp_path_factory.mktemp("model") / "m.npz"
    result = run("train", small_csv, "-o", model, "--text-field", "sentence", "--label-field", "bias", "--folds", "3")
    # One row has no text: it is reported, the model is still trained, and the status says so.
    assert result.exit_code == 2 and "1 row(s) could not be read" in result.stderr, result.output
    assert model.is_file()
    assert "trained on 300 rows" in result.stdout
    assert "skipped: label 'maybe' (1), unreadable (1)" in result.stdout
    assert "3-fold cross-validation (folds keep each group together; nested: C chosen in each fold by 3-fold " \
        "cross-validation of its training part)" in result.stdout  # the default "group" field; C is "auto"
    assert "regularization: C = " in result.stdout
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
    # In domain (trained on most of these rows), but strongly regularised and at its cautious threshold (0.7):
    # it leaves a share of the subtler biased rows unflagged (recall about 0.6).
    assert json.loads(result.stdout)["macro_f1"] > 0.75


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
    result = run("train", small_csv, "-o", tmp_path / "m.npz", "--text-field", "sentence", "--label-field", "bias",
                 "--group-field", "none-such", "--folds", "2")
    assert result.exit_code == 2 and "2-fold cross-validation (stratified by label; nested:" in result.stdout
    fixed = run("train", small_csv, "-o", tmp_path / "f.npz", "--text-field", "sentence", "--label-field", "bias",
                "--group-field", "none-such", "--folds", "2", "--regularization", "1")
    assert fixed.exit_code == 2 and "2-fold cross-validation (stratified by label):" in fixed.stdout


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


def _rewrite(source: Path, target: Path, change) -> Path:
    """A copy of a model file with change(name, bytes) -> bytes | None applied to each member (None drops it)."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for item in original.infolist():
            data = change(item.filename, original.read(item.filename))
            if data is not None:
                copy.writestr(item, data)
    return target


def _npy(array) -> bytes:
    import numpy as np

    buffer = io.BytesIO()
    np.lib.format.write_array(buffer, array, allow_pickle=True)
    return buffer.getvalue()


def test_tampered_truncated_and_foreign_model_files_are_refused(trained, tmp_path):
    import numpy as np

    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(trained.read_bytes()[:5000])
    result = run("classify", ROOT / "corpora" / "demo", "--model", truncated)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"framing: error: {truncated}: not a readable model file")
    assert "Traceback" not in result.stderr

    # Tampered: an array that would unpickle (run code) on load.
    pickled = _rewrite(trained, tmp_path / "pickled.npz",
                       lambda name, data: _npy(np.array([print], dtype=object)) if name == "weights.npy" else data)
    with pytest.raises(FramingError, match="refusing to load: weights holds Python objects"):
        load(pickled)
    extra = tmp_path / "extra.npz"
    _rewrite(trained, extra, lambda name, data: data)
    with zipfile.ZipFile(extra, "a") as archive:
        archive.writestr("payload.pkl", b"not for us")
    with pytest.raises(FramingError, match="unexpected or missing parts payload.pkl"):
        load(extra)
    wrong_type = _rewrite(trained, tmp_path / "wrong.npz",
                          lambda name, data: _npy(np.array(["x"])) if name == "columns.npy" else data)
    with pytest.raises(FramingError, match="not a framing model: columns is <U1"):
        load(wrong_type)
    outside = _rewrite(trained, tmp_path / "outside.npz",
                       lambda name, data: _npy(np.array([1, 2**40])) if name == "columns.npy" else
                       _npy(np.zeros(2)) if name in ("weights.npy", "idf.npy") else data)
    with pytest.raises(FramingError, match="columns must be increasing and within the hashed feature space"):
        load(outside)
    foreign = _rewrite(trained, tmp_path / "foreign.npz",
                       lambda name, data: _npy(np.array("framing-model@99")) if name == "format.npy" else data)
    with pytest.raises(FramingError, match="model format 'framing-model@99' is not one this framing"):
        load(foreign)
    legacy = tmp_path / "legacy.skops"
    with zipfile.ZipFile(legacy, "w") as archive:
        archive.writestr("schema.json", "{}")
    with pytest.raises(FramingError, match="'framing-model@1' \\(skops\\) is not one this framing .* retrain it"):
        load(legacy)
    not_a_model = tmp_path / "text.npz"
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
    again = tmp_path / "again.npz"
    result = run("train", small_csv, "-o", again, "--text-field", "sentence", "--label-field", "bias", "--folds", "3")
    assert result.exit_code == 2, result.output  # the same unreadable row as the first training
    first = trained.with_suffix(".card.json").read_bytes()
    assert again.with_suffix(".card.json").read_bytes() == first
    assert again.read_bytes() == trained.read_bytes()  # the model file too
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

    drifted = tmp_path / "drifted.npz"
    original = load(trained)
    models.save(models.Model(original.params, {**original.card, "lexicon_sha256": "0" * 64}, original.threshold), drifted)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load(drifted)
        load(trained)
    assert [type(w.message).__name__ for w in caught] == ["LexiconDriftWarning"]
    assert "drifted.npz: trained with other default lexicons" in str(caught[0].message)
    result = runner.invoke(app, ["classify", "-", "--model", str(drifted)], input="The regime's thugs attacked crowds.\n")
    assert result.exit_code == 0 and "framing: warning: " in result.stderr


def test_flagged_sentences_name_their_words_at_their_spans(trained, tmp_path):
    """Each word that raised a flagged sentence's score is a finding of its own (classifier/word),
    with the span, line and column of the word itself; the sentence's finding stays as the summary."""
    article = tmp_path / "a.txt"
    article.write_text("The council approved the budget on Tuesday, officials said.\n\n"
                       "Yet another reckless, shameful scheme by the regime will devastate families.\n", "utf-8")
    text = article.read_text("utf-8")
    document = json.loads(run("analyze", article, "--model", trained, "-f", "json").stdout)["documents"][0]
    sentences = [f for f in document["findings"] if f["rule"] == "classifier/biased-sentence"]
    words = [f for f in document["findings"] if f["rule"] == "classifier/word"]
    assert len(sentences) == 1 and sentences[0]["line"] == 3
    assert 1 <= len(words) <= 3
    for word in words:
        assert text[word["start"]:word["end"]] == word["text"]
        assert word["line"] == 3 and word["column"] == word["start"] - text.index("Yet") + 1
        assert sentences[0]["start"] <= word["start"] < word["end"] <= sentences[0]["end"]
        assert word["text"].lower() not in ("the", "by", "will")  # function words are never named
        assert f"'{word['text'].lower()}'" in sentences[0]["suggestion"] or len(words) > 2
    assert all(w["text"].lower() in sentences[0]["suggestion"].lower() for w in words)
    # The shipped model names the loaded words themselves.
    _, explained = load("default").assess([text.splitlines()[2]], lambda i, p: True)
    named = {w.text.lower() for w in explained[0].words}
    assert named and named <= {"yet another", "another", "yet", "reckless", "shameful", "regime", "devastate",
                               "scheme", "families"}
    assert named & {"yet another", "reckless", "shameful", "regime", "devastate"}


def test_word_pushes_add_up_to_the_score(trained):
    """The words named are the ones whose weights raise the score: removing them lowers it."""
    model = load(str(trained))
    text = "Yet another reckless, shameful scheme by the regime will devastate families."
    _, explained = model.assess([text], lambda i, p: True)
    words = explained[0].words
    assert words and all(w.push > 0 for w in words)
    plain = text
    for word in sorted(words, key=lambda w: -w.start):
        plain = plain[: word.start] + "the" + plain[word.end :]
    assert model.decisions([plain])[0] < model.decisions([text])[0]


def test_scoring_path_matches_training_features(trained):
    """The numpy scorer and the training design matrix compute the same scores."""
    import numpy as np

    model = load(str(trained))
    texts = ["The council met on Tuesday.", "The regime’s “reckless” scheme will devastate 12,000 families!", "",
             "İstanbul's mayor said — again — that talks went on."]
    assert np.allclose(model.decisions(texts), _decisions_from_params(model, texts))


def test_scoring_imports_no_scikit_learn():
    """Loading the shipped model and scoring sentences needs numpy only: start-up stays light."""
    import subprocess
    import sys

    code = ("import sys\nfrom framing.model import load\nm = load('default')\n"
            "assert 0 <= m.probabilities(['The regime lied again.'])[0] <= 1\n"
            "print(sorted(n for n in sys.modules if n.split('.')[0] in ('sklearn', 'scipy', 'skops')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_card_reports_calibration_and_held_out_figures(small_csv, tmp_path):
    model = tmp_path / "h.npz"
    result = run("train", small_csv, "-o", model, "--text-field", "sentence", "--label-field", "bias", "--folds", "3",
                 "--hold-out", "0.2")
    assert result.exit_code == 2, result.output  # the unreadable row, as always
    card = json.loads(model.with_suffix(".card.json").read_text("utf-8"))
    assert set(card["cross_validation"]["ece"]) == {"mean", "std"}
    assert 0 <= card["cross_validation"]["ece"]["mean"] < 0.5
    held = card["held_out"]
    assert held["fraction"] == 0.2 and 0 < held["rows"] < 300 and card["data"]["trained_rows"] == 300 - held["rows"]
    assert 0 <= held["ece"] <= 1 and 0 <= held["macro_f1"] <= 1
    evaluated = json.loads(run("evaluate", model, small_csv, "--text-field", "sentence", "--label-field", "bias",
                               "-f", "json").stdout)
    assert 0 <= evaluated["calibration"]["ece"] <= 1
    probabilities = load(model).probabilities(["The council met.", "The regime's thugs lied again."])
    assert all(0 < p < 1 for p in probabilities)
    bad = run("train", small_csv, "-o", model, "--text-field", "sentence", "--label-field", "bias", "--hold-out", "1")
    assert bad.exit_code == 2 and "--hold-out must be at least 0 and below 1" in bad.stderr


NEUTRAL_WIRE = [
    "Coalition air strikes hit targets near the northern border as fighting continues",
    "TELMAR, Varnia (Reuters) - The ministry said on Tuesday that 14 people had been killed.",
    "ORRIN BANK, March 14, 2026 — A navy frigate and a coast guard cutter ended a 31-hour standoff.",
    "The central bank held its benchmark interest rate at 4.5 percent on Thursday.",
    "Parliament voted 212 to 190 to approve the budget, which takes effect in January.",
]


def test_neutral_wire_texts_get_no_classifier_finding():
    """The project's own neutral reports (the demo's wire articles, the unseen neutral reports)
    and plain headlines and datelines: the shipped model flags none of their sentences."""
    from framing.pipeline import Analyzer
    from framing.readers import read_paths

    paths = [str(p) for p in sorted((ROOT / "corpora" / "demo").glob("*meridian-wire*"))]
    documents = [d for d in read_paths(paths) if not isinstance(d, Exception)]
    unseen = [d for d in read_paths([str(ROOT / "tests" / "data" / "unseen" / "articles.jsonl")])
              if not isinstance(d, Exception) and d.metadata.get("framing") == "neutral"]
    assert len(documents) == 6 and len(unseen) == 5
    from framing.document import Document

    documents += unseen + [Document(id=f"wire-{i}", text=t) for i, t in enumerate(NEUTRAL_WIRE)]
    analyzer = Analyzer.from_options(detectors=["classifier"])
    flagged = [(r.document.id, f.text) for r in analyzer.analyze_all(documents) for f in r.findings
               if f.rule == "classifier/biased-sentence"]
    assert flagged == []


def test_nb_weighting_trains_a_model_the_scorer_reads_unchanged(small_csv, tmp_path):
    """`--weighting nb` scales each column by its log-count ratio: the card says so, the numpy
    scorer gives the training design's scores, a column that leans to neither class counts for
    less than under TF-IDF, and an unknown weighting is one clear line."""
    import numpy as np

    from framing import model as models

    model_path = tmp_path / "nb.npz"
    result = run("train", small_csv, "-o", model_path, "--text-field", "sentence", "--label-field", "bias",
                 "--folds", "3", "--weighting", "nb")
    assert result.exit_code == 2 and model_path.is_file(), result.output  # the unreadable row, as always
    model = load(model_path)
    assert "NB weighting" in model.card["features"]
    texts = ["The council met on Tuesday.", "Yet another reckless scheme by the regime will devastate families."]
    assert np.allclose(model.decisions(texts), _decisions_from_params(model, texts))
    # The values are idf x |ratio|, learned from the training rows; "the", common in both classes, leans little.
    data = read_labelled([str(small_csv)], "sentence", "bias")
    train_counts, _ = models._design(data.texts, model.params.bits, model.params.categories, model.params.chars)
    ratios, _ = models._ratios(train_counts, np.asarray(data.labels))
    n = len(data.texts)
    df = np.bincount(train_counts.indices, minlength=train_counts.shape[1])
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    assert np.allclose(model.params.idf, (idf * np.abs(ratios))[model.params.columns])
    the = models._design(["the"], model.params.bits, model.params.categories)[0].indices[0]
    assert abs(ratios[the]) < 0.5 < np.abs(ratios).max()
    bad = run("train", small_csv, "-o", model_path, "--text-field", "sentence", "--label-field", "bias",
              "--weighting", "bm25")
    assert bad.exit_code == 2 and "--weighting must be one of tfidf, nb, not 'bm25'" in bad.stderr


def test_cues_from_the_documents_lexicon_matches_equal_a_scan_of_the_sentences():
    # The classifier reads the default lexicons' matches the lexicon detector found in the whole
    # document (one scan for both) instead of scanning its sentences again: same probabilities.
    from framing.detectors.classifier import ClassifierDetector
    from framing.detectors.lexicon import DEFAULT_MATCHES
    from framing.model import load
    from framing.readers import read_paths

    documents = [d for d in read_paths(["corpora/demo"])][:6]
    detector = ClassifierDetector(load("default"))
    shared = [a.probabilities for a in detector.assess(documents)]
    assert all(DEFAULT_MATCHES in (d._derived or {}) for d in documents)
    rescanned = [detector.model.probabilities(d.sentences()) for d in documents]
    assert shared == rescanned
    assert any(p >= detector.threshold for probabilities in shared for p in probabilities)  # cues matter here


def test_a_lexicon_match_never_runs_from_one_sentence_into_the_next():
    from framing.cues import cue_matrix, default_categories, lexicon_detector
    from framing.features import featurize

    # Joined by a newline, "so" + "called" reads as "so called": in the batch's scan that match
    # runs from the first text into the second, and the cues must not count it.
    texts = ["They say it is so", "called reform was passed on Monday"]
    batch = featurize(texts, 18, False)
    crossing = [(s, e) for s, e, _ in lexicon_detector().matches(batch.joined) if s < batch.offsets[1] - 1 < e]
    assert crossing  # the case exists
    sources: list = []
    cues = cue_matrix(batch, default_categories(), sources)
    (found,) = sources
    assert all(end <= batch.offsets[row + 1] - 1 for end, row in zip(found.ends.tolist(), found.rows.tolist()))
    assert cues[0, default_categories().index("distancing")] == 0


def _decisions_from_params(model, texts):
    """The linear scores recomputed from the model's stored parameters with the training featurizer."""
    import numpy as np

    from framing import model as models

    params = model.params
    counts, cues = models._design(texts, params.bits, params.categories, params.chars, params.bigrams)
    full = np.zeros(2 << params.bits)
    full[params.columns] = params.weights
    values = np.full(2 << params.bits, params.idf_default)
    values[params.columns] = params.idf
    return models._weighed(counts, values, params.bits) @ full + cues @ params.cue_weights + params.intercept


def test_word_bigrams_can_be_left_out_and_the_file_says_so(small_csv, trained, tmp_path):
    """`--no-word-bigrams`: single words only. The setting is in the file (and only when off, so a
    model with bigrams keeps its bytes), the scorer reads it, and a bad value is one clear line."""
    import numpy as np

    from framing.features import featurize

    batch = featurize(["Yet another reckless scheme.", "A plain report"], 18, False, bigrams=False)
    assert len(batch.bigram_rows) == 0 and len(batch.rows) == len(batch.word_rows) == 6
    model_path = tmp_path / "words.npz"
    result = run("train", small_csv, "-o", model_path, "--text-field", "sentence", "--label-field", "bias",
                 "--folds", "3", "--no-word-bigrams")
    assert result.exit_code == 2 and model_path.is_file(), result.output  # the unreadable row, as always
    model = load(model_path)
    assert model.params.bigrams is False and model.card["features"].startswith("words and character 3-4-grams")
    texts = ["The council met on Tuesday.", "Yet another reckless scheme by the regime will devastate families."]
    assert np.allclose(model.decisions(texts), _decisions_from_params(model, texts))
    # Word pairs are no features of this model: the same words in another order score the same.
    shuffled = ["the council approved the budget", "the budget approved the council"]
    assert np.allclose(*model.decisions(shuffled))
    with_bigrams = load(trained)
    assert with_bigrams.params.bigrams is True and "bigrams" not in with_bigrams.params.meta()
    assert not np.allclose(*with_bigrams.decisions(shuffled))

    def set_bigrams(name, data):
        if name != "meta.npy":
            return data
        meta = json.loads(str(np.lib.format.read_array(io.BytesIO(data))))
        meta["bigrams"] = "no"
        return _npy(np.array(json.dumps(meta)))

    bad = _rewrite(model_path, tmp_path / "bad.npz", set_bigrams)
    result = run("classify", ROOT / "corpora" / "demo", "--model", bad)
    assert result.exit_code == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == f"framing: error: {bad}: not a valid framing model: 'bigrams' must be true or false"


def test_every_training_file_keeps_the_corpus_format():
    """Each file of the corpus: known fields and labels, ids unique, every sentence 5 to 40 words, every
    group with both labels, no sentence in two places (the folder's README states these rules)."""
    texts: dict[str, str] = {}
    ids: set[str] = set()
    for path in sorted(CORPUS.glob("*.jsonl")):
        groups: dict[str, set[str]] = {}
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            row = json.loads(line)
            where = f"{path.name}:{number}"
            assert set(row) == {"id", "group", "topic", "text", "label", "lean"}, where
            assert row["label"] in ("biased", "neutral") and row["lean"] in ("left", "right", "none"), where
            assert row["label"] == "biased" or row["lean"] == "none", where
            assert row["id"].startswith(path.stem + "-") and row["group"].startswith(path.stem + "-g"), where
            assert row["id"] not in ids, where
            ids.add(row["id"])
            assert 5 <= len(row["text"].split()) <= 40, where
            key = " ".join(row["text"].lower().split())
            assert key not in texts, f"{where} repeats {texts.get(key)}"
            texts[key] = where
            groups.setdefault(row["group"], set()).add(row["label"])
        assert all(labels == {"biased", "neutral"} for labels in groups.values()), path.name


def test_a_batch_gives_each_text_the_features_it_has_alone():
    """Rows are read from positions in the joined batch: a text with newlines of its own, an empty
    text or a one-letter one must still get exactly the features it gets when featurized alone."""
    import numpy as np

    from framing.features import featurize

    texts = ["", "Officials said\nthe plan\n\nwas reckless.", "x", "a so-called reform", "", "İstanbul café 😀 ok", "ab"]
    batch = featurize(texts, 12)
    for row, text in enumerate(texts):
        alone = featurize([text], 12)
        assert sorted(batch.columns[batch.rows == row].tolist()) == sorted(alone.columns.tolist()), text
        mine = batch.char_rows == row
        assert sorted(batch.char_columns[mine].tolist()) == sorted(alone.char_columns.tolist()), text
        assert (batch.char_starts[mine] - batch.offsets[row]).tolist() == (alone.char_starts - alone.offsets[0]).tolist()
    assert np.array_equal(batch.words_per_row, [len(featurize([t], 12).word_rows) for t in texts])


def test_a_classifier_finding_made_fast_is_the_one_its_constructor_makes():
    import orjson

    from framing.report import ClassifierFinding, Finding, classifier_finding, new_finding

    fields = ("classifier/biased-sentence", "classifier", "classifier", "A loaded line.", 3, 17, 1, 4, 0, "info", 0.0,
              "why", "what instead", "A loaded line.")
    fast = classifier_finding(new_finding(*fields), 0.91, ("word: loaded",))
    slow = ClassifierFinding(*fields, probability=0.91, features=("word: loaded",))
    assert type(fast) is ClassifierFinding and fast == slow and hash(fast) == hash(slow)
    assert orjson.dumps(fast) == orjson.dumps(slow) and fast.to_dict() == slow.to_dict()
    assert isinstance(fast, Finding) and fast.quoted is False


def test_lexicon_matches_go_to_the_sentence_they_lie_in_across_documents():
    """_sentence_matches places many documents' matches at once; it must give each sentence the
    matches a per-sentence reading gives (in that sentence's offsets), leave out a match running
    past its sentence's end, and keep documents with front matter or no sentences apart."""
    from bisect import bisect_right

    from framing.cues import lexicon_detector
    from framing.detectors.classifier import _sentence_matches
    from framing.detectors.lexicon import default_matches
    from framing.document import Document
    from framing.readers import read_paths

    detector = lexicon_detector()
    demo = Path(__file__).resolve().parent.parent / "corpora" / "demo"
    documents = list(read_paths([str(demo)]))[:4]
    documents += [Document(id="empty", text=""), Document(id="cross", text="They say it is so\ncalled reform, a regime.")]
    found = _sentence_matches(documents, detector)
    expected = []
    row = 0
    for document in documents:
        spans = document.sentence_spans
        starts = [s for s, _ in spans]
        for begin, end, index in default_matches(document, detector):
            k = bisect_right(starts, begin) - 1
            if k >= 0 and end <= spans[k][1]:
                expected.append((row + k, begin - spans[k][0], end - spans[k][0], index))
        row += len(spans)
    got = list(zip(found.rows.tolist(), found.starts.tolist(), found.ends.tolist(), found.indices.tolist()))
    assert got == expected and len(got) > 20
    assert documents[0].body_start > 0  # front matter before the body
    middle = found.between(2, 5)
    assert middle.rows.tolist() == [r - 2 for r, *_ in expected if 2 <= r < 5]


def test_a_sentence_that_opens_inside_a_quotation_is_never_flagged():
    """The second sentence of a source's quoted words is theirs, as a sentence opening with the
    quotation mark is: scored, never flagged; the same words in the writer's voice are flagged."""
    from framing.detectors.classifier import ClassifierDetector
    from framing.document import Document

    detector = ClassifierDetector(load("default"))
    loaded = "The regime's thugs brutally crushed the heroic protesters in a shameful, cowardly assault."
    quoted = Document(id="q", text=f'The minister spoke at noon. "We will not stop. {loaded}" she said.')
    own = Document(id="o", text=f"The minister spoke at noon. {loaded}")
    (in_quote,), (in_voice,) = detector.assess([quoted]), detector.assess([own])
    assert in_voice.flagged == [1] and in_voice.probabilities[1] > 0.9
    assert in_quote.flagged == [] and in_quote.probabilities[2] > 0.9  # scored all the same


def test_the_cue_features_read_the_runs_lexicon_only_when_it_is_the_default_one(lexicon_file, monkeypatch):
    """With no lexicon files of the user's, the analyzer's lexicon serves the cue features (loaded
    once); with a file of the user's, the cues still read the default lexicons alone."""
    from framing import cues
    from framing.lexicon import load_lexicon
    from framing.pipeline import Analyzer

    monkeypatch.setattr(cues, "_DEFAULT_DETECTOR", None)
    analyzer = Analyzer.from_options()
    lexicon = next(d for d in analyzer.detectors if d.name == "lexicon").lexicon
    assert cues.lexicon_detector().lexicon is lexicon
    monkeypatch.setattr(cues, "_DEFAULT_DETECTOR", None)
    custom = Analyzer.from_options(lexicons=[lexicon_file])
    mine = next(d for d in custom.detectors if d.name == "lexicon").lexicon
    shared = cues.lexicon_detector().lexicon
    assert shared is not mine and len(shared.entries) == len(load_lexicon().entries) < len(mine.entries)
