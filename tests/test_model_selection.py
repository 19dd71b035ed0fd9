"""`framing train --regularization auto`: C chosen by an inner cross-validation on the training rows
only, and the cross-validated scores then nested."""

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from framing import model as models
from framing.cli import app
from framing.cues import default_categories
from framing.errors import FramingError

from conftest import ROOT

runner = CliRunner()


def _corpus(n: int = 240):
    texts, labels, groups = [], [], []
    for line in (ROOT / "corpora" / "bias-sentences" / "politics.jsonl").read_text("utf-8").splitlines()[:n]:
        row = json.loads(line)
        texts.append(row["text"])
        labels.append(int(row["label"] == "biased"))
        groups.append(row["group"])
    return texts, np.asarray(labels), groups


@pytest.mark.parametrize("value, expected", [("auto", "auto"), (" AUTO ", "auto"), ("0.5", 0.5), ("2", 2.0), (0.3, 0.3)])
def test_regularization_values_read(value, expected):
    assert models.parse_regularization(value) == expected


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "strong", ""])
def test_bad_regularization_values_are_one_clear_error(value):
    with pytest.raises(FramingError, match="--regularization must be 'auto' or a positive number"):
        models.parse_regularization(value)


def test_a_bad_regularization_on_the_command_line_is_one_line(tmp_path):
    data = tmp_path / "d.jsonl"
    data.write_text('{"text": "a", "label": "biased"}\n{"text": "b", "label": "neutral"}\n', "utf-8")
    result = runner.invoke(app, ["train", str(data), "-o", str(tmp_path / "m.npz"), "--regularization", "lots"])
    assert result.exit_code == 2
    assert "--regularization must be 'auto' or a positive number, not 'lots'" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "m.npz").exists()


def test_the_search_scores_held_out_rows_as_a_saved_model_does():
    """choose_c scores inner folds from the design matrix alone; that must equal the numpy scorer."""
    texts, labels, _ = _corpus()
    categories = default_categories()
    counts, cues = models._design(texts, models.BITS, categories, True)
    train, test = np.arange(0, 180), np.arange(180, len(texts))
    params = models._fit(counts[train], cues[train], labels[train], models.BITS, categories, 0, True, 0.5)
    _, idf_all, _, scale = models._values(counts[train], cues[train], labels[train])
    matrix = models._matrix(counts[test], cues[test], idf_all, scale, models.BITS)
    full = np.zeros(matrix.shape[1])
    full[params.columns] = params.weights
    full[counts.shape[1]:] = params.cue_weights * scale / models.CUE_SCALE
    from_matrix = matrix @ full + params.intercept
    scored = models.Model(params, {}).decisions([texts[i] for i in test])
    assert np.allclose(from_matrix, scored, atol=1e-9)
    assert np.ptp(scored) > 1  # the sentences are told apart, so the comparison means something


def test_the_chosen_c_is_the_best_of_the_grid_and_ties_go_to_the_smaller():
    texts, labels, groups = _corpus()
    counts, cues = models._design(texts, models.BITS, default_categories(), False)
    choice = models.choose_c(counts, cues, labels, groups, models.BITS, grid=(1e-4, 1.0, 0.5))
    assert list(choice.scores) == ["0.0001", "0.5", "1"]
    # So small a C leaves the model next to no weights: it cannot tell the classes apart.
    assert choice.scores["0.0001"] < choice.scores["1"] - 0.1
    best = max(choice.scores.values())
    assert choice.c == min(float(c) for c, s in choice.scores.items() if s == best)
    assert choice.calibration[0] > 0  # a higher score means more likely biased
    same = models.choose_c(counts, cues, labels, groups, models.BITS, grid=(1.0, 1.0))
    assert same.c == 1.0


def test_nested_cross_validation_chooses_c_without_the_fold_it_is_judged_on(monkeypatch):
    texts, labels, groups = _corpus()
    groups = [f"row-{i}" for i in range(len(texts))]  # each row its own group, so rows can be traced
    seen = []
    original = models.choose_c

    def spy(counts, cues, labels_, groups_, *args, **kwargs):
        seen.append(set(groups_))
        return original(counts, cues, labels_, groups_, *args, **kwargs)

    monkeypatch.setattr(models, "choose_c", spy)
    summary, _ = models.cross_validate(texts, labels, groups, folds=3, c="auto", chars=False)
    splits = models._folds(labels, groups, 3, 0)
    assert len(seen) == 3
    for rows, (train, test) in zip(seen, splits):
        assert rows == {groups[i] for i in train} and not rows & {groups[i] for i in test}
    assert summary["nested"]["inner_folds"] == models.INNER_FOLDS
    assert len(summary["nested"]["chosen_c"]) == 3 and set(summary["nested"]["chosen_c"]) <= set(models.C_GRID)
    assert 0.5 < summary["macro_f1"]["mean"] <= 1


def test_a_fixed_c_is_neither_searched_nor_recorded(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("searched")

    monkeypatch.setattr(models, "choose_c", refuse)
    texts, labels, groups = _corpus(120)
    summary, _ = models.cross_validate(texts, labels, groups, folds=2, c=0.3, chars=False)
    assert "nested" not in summary


def test_train_records_the_chosen_c_in_the_card(tmp_path):
    texts, labels, groups = _corpus()
    data = tmp_path / "d.jsonl"
    data.write_text("".join(json.dumps({"text": t, "label": "biased" if y else "neutral", "group": g}) + "\n"
                            for t, y, g in zip(texts, labels, groups)), "utf-8")
    out = tmp_path / "m.npz"
    result = runner.invoke(app, ["train", str(data), "-o", str(out), "--folds", "3", "--no-char-ngrams"])
    assert result.exit_code == 0, result.output
    card = json.loads(out.with_suffix(".card.json").read_text("utf-8"))
    chosen = card["regularization"]
    assert chosen["c"] in models.C_GRID and set(chosen["macro_f1_by_c"]) == {f"{c:g}" for c in models.C_GRID}
    assert chosen["macro_f1_by_c"][f"{chosen['c']:g}"] == max(chosen["macro_f1_by_c"].values())
    assert f"C={chosen['c']}" in card["model"]
    assert f"regularization: C = {chosen['c']:g}, chosen by 3-fold" in result.stdout
    assert card["cross_validation"]["nested"]["inner_folds"] == 3
    loaded = models.load(out)
    assert loaded.params.calibration == tuple(loaded.params.calibration) and loaded.params.calibration[0] > 0
    fixed = tmp_path / "f.npz"
    result = runner.invoke(app, ["train", str(data), "-o", str(fixed), "--folds", "3", "--no-char-ngrams",
                                 "--regularization", "0.3"])
    assert result.exit_code == 0, result.output
    card = json.loads(fixed.with_suffix(".card.json").read_text("utf-8"))
    assert "regularization" not in card and "nested" not in card["cross_validation"] and "C=0.3" in card["model"]
    assert "regularization:" not in result.stdout
