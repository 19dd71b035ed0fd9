"""The biased-sentence classifier: a scikit-learn Pipeline, its training, its safe
persistence, and explanations of its scores.

Features: word 1-2-gram and (hashed) character 3-4-gram TF-IDF, plus the project's own cues
(framing.cues). Model: logistic regression, its probabilities calibrated by
CalibratedClassifierCV (sigmoid). Linear, so each score explains itself: the features
whose weight times value pushed a sentence up the most.

Models are saved with skops, never raw pickle, and loaded only when every type in the
file is on the allow-list below: a tampered file cannot run code.
"""

from __future__ import annotations

import platform
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Sequence

from framing import __version__
from framing.config import THRESHOLD
from framing.errors import FramingError

FORMAT = "framing-model@1"
DEFAULT_THRESHOLD = THRESHOLD

# Every type a framing model may contain (as skops names them). Anything else in a model
# file, such as a function or a class from another package, makes loading refuse it.
ALLOWED_TYPES = frozenset(
    {
        "builtins.dict", "builtins.list", "builtins.tuple", "builtins.str", "builtins.int", "builtins.float",
        "builtins.bool", "builtins.NoneType", "builtins.slice", "builtins.type",
        "numpy.ndarray", "numpy.dtype", "numpy.float64", "numpy.int64", "numpy.int32", "numpy.bool_",
        "numpy.float32", "numpy.random.RandomState", "numpy.random.mtrand.RandomState",
        "scipy.sparse._csr.csr_matrix", "scipy.sparse._csr.csr_array",
        "sklearn.pipeline.Pipeline", "sklearn.pipeline.FeatureUnion",
        "sklearn.feature_extraction.text.TfidfVectorizer", "sklearn.feature_extraction.text.TfidfTransformer",
        "sklearn.feature_extraction.text.HashingVectorizer",
        "sklearn.preprocessing._data.MaxAbsScaler",
        "sklearn.calibration.CalibratedClassifierCV", "sklearn.calibration._CalibratedClassifier",
        "sklearn.calibration._SigmoidCalibration", "sklearn.linear_model._logistic.LogisticRegression",
        "sklearn.model_selection._split.StratifiedKFold",
        "framing.cues.CueFeatures",
    }
)


def build_pipeline(seed: int = 0):
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer, TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline
    from sklearn.preprocessing import MaxAbsScaler

    from framing.cues import CueFeatures

    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
            # Hashed, so the model carries no character vocabulary: it loads in a fraction of
            # the time and scores the same (measured on BABE: macro F1 within 0.003). 3-4-grams
            # score as well as 2-5-grams there and three times as fast.
            ("chars", Pipeline([
                ("hash", HashingVectorizer(analyzer="char_wb", ngram_range=(3, 4), n_features=2**18,
                                           alternate_sign=False, norm=None)),
                ("tfidf", TfidfTransformer(sublinear_tf=True)),
            ])),
            ("cues", Pipeline([("count", CueFeatures()), ("scale", MaxAbsScaler())])),
        ]
    )
    classifier = CalibratedClassifierCV(
        LogisticRegression(C=1.0, max_iter=3000, random_state=seed), method="sigmoid", cv=3
    )
    return Pipeline([("features", features), ("classifier", classifier)])


ASSESS_CHUNK = 2048  # sentences per feature matrix in Model.assess


@dataclass
class Model:
    pipeline: Any
    card: dict
    threshold: float = DEFAULT_THRESHOLD
    path: str = ""
    _view: tuple | None = None

    def probabilities(self, texts: Sequence[str]) -> list[float]:
        if not texts:
            return []
        return [float(p) for p in self.pipeline.predict_proba(list(texts))[:, 1]]

    def explain(self, texts: Sequence[str], top: int = 5) -> list[list[str]]:
        """For each text, what pushed its score up the most: its strongest words first, then
        the lexicon categories and other cues ("word: devastate", "lexicon:emotive")."""
        matrix = self.pipeline.named_steps["features"].transform(list(texts)).tocsr()
        return [self._explain_row(matrix, row, top) for row in range(matrix.shape[0])]

    def assess(self, texts: Sequence[str], flag: Callable[[int, float], bool], top: int = 5
               ) -> tuple[list[float], dict[int, list[str]]]:
        """Probabilities for all texts, and explanations for the ones `flag(index, probability)`
        picks, from one pass of feature extraction: features cost most of the time, and a large
        batch pays the model's fixed cost per call once."""
        probabilities: list[float] = []
        explained: dict[int, list[str]] = {}
        for offset in range(0, len(texts), ASSESS_CHUNK):  # bounded memory, even for one huge document
            matrix = self.pipeline.named_steps["features"].transform(list(texts[offset : offset + ASSESS_CHUNK])).tocsr()
            chunk = [float(p) for p in self.pipeline.named_steps["classifier"].predict_proba(matrix)[:, 1]]
            for row, probability in enumerate(chunk):
                if flag(offset + row, probability):
                    explained[offset + row] = self._explain_row(matrix, row, top)
            probabilities += chunk
        return probabilities, explained

    def _explain_row(self, matrix, row: int, top: int) -> list[str]:
        import numpy as np

        if self._view is None:
            self._view = _linear_view(self.pipeline)
        weights, names, readable = self._view
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        columns = matrix.indices[start:end]
        contributions = matrix.data[start:end] * weights[columns]
        keep = (contributions > 0) & readable[columns]  # hashed character n-grams have no name to show
        columns, contributions = columns[keep], contributions[keep]
        ranked = [names[columns[i]] for i in np.argsort(-contributions, kind="stable")]
        words = [n for n in ranked if n.startswith("word: ") and not _function_words(n[6:])][:3]
        others = [n for n in ranked if not n.startswith("word: ")]
        return (words + others)[:top]


@lru_cache(maxsize=65536)
def _function_words(ngram: str) -> bool:
    """'that', 'of the': words that carry weight in the model but explain nothing to a reader."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return all(word in ENGLISH_STOP_WORDS for word in ngram.split())


def _linear_view(pipeline) -> tuple[Any, list[str], Any]:
    """Mean weight per feature over the calibrated folds, readable feature names, and which
    features have one."""
    import numpy as np

    calibrated = pipeline.named_steps["classifier"].calibrated_classifiers_
    weights = np.mean([c.estimator.coef_[0] for c in calibrated], axis=0)
    blocks = dict(pipeline.named_steps["features"].transformer_list)
    names = [f"word: {w}" for w in blocks["words"].get_feature_names_out()]
    names += [""] * blocks["chars"].named_steps["hash"].n_features  # hashed: no readable name, never shown
    for feature in blocks["cues"].named_steps["count"].get_feature_names_out():
        names.append(feature if feature.startswith("lexicon:") else f"cue: {feature}")
    return weights, names, np.array([bool(name) for name in names])


def versions() -> dict[str, str]:
    import numpy
    import scipy
    import sklearn

    try:
        import skops

        skops_version = skops.__version__
    except ImportError:  # pragma: no cover - skops is a dependency
        skops_version = "missing"
    return {
        "framing": __version__,
        "python": platform.python_version(),
        "scikit-learn": sklearn.__version__,
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "skops": skops_version,
    }


def cross_validate(texts, labels, groups, folds: int = 5, seed: int = 0, threshold: float = DEFAULT_THRESHOLD) -> dict:
    """Precision, recall, F1 and macro F1 over folds (mean and standard deviation). Folds
    keep a group's texts together (several phrasings of one fact must not straddle a split)."""
    import numpy as np
    from sklearn.model_selection import StratifiedGroupKFold

    from framing.metrics import classification_report

    texts, labels, groups = list(texts), np.asarray(labels), np.asarray(groups)
    splitter = StratifiedGroupKFold(n_splits=folds, shuffle=True, random_state=seed)
    per_fold = []
    for train, test in splitter.split(texts, labels, groups):
        pipeline = build_pipeline(seed)
        pipeline.fit([texts[i] for i in train], labels[train])
        probabilities = pipeline.predict_proba([texts[i] for i in test])[:, 1]
        per_fold.append(classification_report(labels[test].tolist(), probabilities.tolist(), threshold))
    summary = {"folds": folds}
    for key in ("precision", "recall", "f1", "macro_f1"):
        values = [fold[key] for fold in per_fold]
        summary[key] = {"mean": round(float(np.mean(values)), 4), "std": round(float(np.std(values)), 4)}
    return summary


def train(data, folds: int = 5, seed: int = 0, threshold: float = DEFAULT_THRESHOLD) -> Model:
    """Cross-validate, then fit on all the data; the model card records how."""
    if folds < 2:
        raise FramingError("--folds must be at least 2")
    cv = cross_validate(data.texts, data.labels, data.groups, folds, seed, threshold)
    pipeline = build_pipeline(seed)
    pipeline.fit(data.texts, data.labels)
    from framing.cues import default_categories
    from framing.lexicon import load_lexicon
    from framing.lexicon.load import default_lexicon_digest

    lexicon = load_lexicon()
    # No dates or timings: the same data, seed and versions give the same card, byte for byte.
    card = {
        "format": FORMAT,
        "data": {
            "files": data.sources,
            "sha256": data.sha256,
            "rows": len(data.texts),
            "skipped": dict(sorted(data.skipped.items())),
            "labels": {"biased": data.positive, "not_biased": data.negative},
            "balance": data.balance,
        },
        "cross_validation": cv,
        "threshold": threshold,
        "seed": seed,
        "features": "word 1-2-gram TF-IDF, hashed character 3-4-gram TF-IDF, framing cues ("
        + ", ".join(default_categories()) + " per 20 words; scare quotes; sentiment-bearing words)",
        "lexicon_entries": len(lexicon.entries),
        "lexicon_sha256": default_lexicon_digest(),
        "model": "logistic regression (C=1), sigmoid-calibrated over 3 folds",
        "versions": versions(),
    }
    return Model(pipeline, card, threshold)


def save(model: Model, path: Path) -> None:
    import json

    import skops.io as sio

    path.parent.mkdir(parents=True, exist_ok=True)
    sio.dump({"format": FORMAT, "card": model.card, "threshold": model.threshold, "pipeline": model.pipeline},
             path, compression=8)
    card_path = path.with_suffix(".card.json")
    card_path.write_text(json.dumps(model.card, indent=2, ensure_ascii=False) + "\n", "utf-8")


def load(path: str | Path) -> Model:
    """A model from a skops file, refusing any type outside ALLOWED_TYPES; every failure
    is one FramingError naming the file."""
    from framing import resources

    display = str(path)
    if str(path) == "default":
        path = resources.default_model_path()
        display = "default model"
        if not path.is_file():
            raise FramingError("no default model in this installation (build it with `make model`)", display)
    path = Path(str(path)) if not hasattr(path, "read_bytes") else path
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FramingError(f"cannot read model: {exc.strerror or exc}", display) from None
    import skops.io as sio
    from skops.io.exceptions import UntrustedTypesFoundException

    try:
        stored = sio.loads(raw, trusted=sorted(ALLOWED_TYPES))
    except UntrustedTypesFoundException:
        refused = sorted(set(sio.get_untrusted_types(data=raw)) - ALLOWED_TYPES)
        raise FramingError(f"refusing to load: the model contains types not allowed in a framing model: "
                           f"{', '.join(refused[:5])}", display) from None
    except Exception as exc:  # a truncated or corrupted archive: zipfile, JSON, key and type errors
        raise FramingError(f"not a readable model file ({type(exc).__name__}: {exc})", display) from None
    if not isinstance(stored, dict) or stored.get("format") != FORMAT:
        found = stored.get("format") if isinstance(stored, dict) else type(stored).__name__
        raise FramingError(f"model format {found!r} is not one this framing {__version__} reads ({FORMAT})", display)
    card = stored.get("card") or {}
    made_with = card.get("versions", {})
    pipeline = stored.get("pipeline")
    try:
        pipeline.predict_proba(["A test sentence."])
    except Exception as exc:
        raise FramingError(
            f"model made with framing {made_with.get('framing', '?')} and scikit-learn "
            f"{made_with.get('scikit-learn', '?')} does not work with scikit-learn {versions()['scikit-learn']} "
            f"({type(exc).__name__}: {exc})",
            display,
        ) from None
    _check_lexicons(card, display)
    return Model(pipeline, card, float(stored.get("threshold", DEFAULT_THRESHOLD)), display)


class LexiconDriftWarning(UserWarning):
    """The model's lexicon features were computed from other lexicons than the installed ones."""


def _check_lexicons(card: dict, display: str) -> None:
    """The cue features read the default lexicons at scoring time; a model trained on other
    lexicons still works but scores differently from when it was evaluated: say so."""
    from framing.lexicon.load import default_lexicon_digest

    recorded = card.get("lexicon_sha256")
    if recorded and recorded != default_lexicon_digest():
        warnings.warn(f"{display}: trained with other default lexicons than these; its scores may differ "
                      "from its card's (retrain it: `make model` for the default)", LexiconDriftWarning, stacklevel=3)
