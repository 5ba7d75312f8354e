"""The trained text model: TF-IDF over character n-grams and a logistic regression (scikit-learn).

Character n-grams survive OCR noise (a dropped or swapped letter spoils one n-gram, not the word), train in
seconds on one core and need no downloaded language model. Stored with joblib next to ``meta.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import joblib

from classifiers.labels import DocType
from classifiers.textmodel import Calibration

MODEL_FILE = "textcat.joblib"
FORMAT = 1
MAX_CHARS = 6000


class LearnedModel:
    def __init__(self, pipeline: Any, calibration: Calibration) -> None:
        self.pipeline = pipeline
        self.calibration = calibration
        self.classes = [DocType(c) for c in pipeline.classes_]

    def predict(self, text: str) -> dict[DocType, float]:
        probs = self.pipeline.predict_proba([text[:MAX_CHARS]])[0]
        out = {t: 0.0 for t in DocType}
        for t, p in zip(self.classes, probs, strict=True):
            out[t] = float(p)
        return out


def build_pipeline() -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2, max_features=60000,
                        lowercase=True),
        LogisticRegression(C=5.0, max_iter=500),
    )


def save_learned(path: Path, pipeline: Any, calibration: Calibration, info: dict[str, Any]) -> None:
    import json

    path.mkdir(parents=True, exist_ok=True)
    joblib.dump(pipeline, path / MODEL_FILE)
    meta = {"format": FORMAT, "kind": "tfidf-char-logreg", "calibration": calibration.to_json(), **info}
    (path / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2), encoding="utf-8")


def load_learned(path: Path, meta: dict[str, Any]) -> LearnedModel | None:
    if meta.get("format") != FORMAT or not (path / MODEL_FILE).is_file():
        return None
    try:
        pipeline = joblib.load(path / MODEL_FILE)
        cal = Calibration(**meta.get("calibration", {}))
    except Exception:  # a stale or foreign pickle is as good as no model: rules still classify
        return None
    return LearnedModel(pipeline, cal)
