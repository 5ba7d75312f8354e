"""The learned half of the page classifier: a text model trained on the fixture corpus, loaded if built.

The model is never committed: ``python -m classifiers.train`` builds it into a git-ignored cache directory
(``var/models/classifier`` or ``$DOCSCREEN_CLASSIFIER_DIR``). Without it, classification runs on rules alone.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Protocol

from classifiers.labels import DocType

ROOT = Path(__file__).resolve().parents[1]
ENV_DIR = "DOCSCREEN_CLASSIFIER_DIR"
META = "meta.json"


@dataclass(frozen=True)
class Calibration:
    """How rule scores become probabilities and how they are pooled with the model's (fitted at training)."""

    temperature: float = 1.5
    floor: float = 2.0
    rule_weight: float = 0.5

    def to_json(self) -> dict[str, float]:
        return asdict(self)


class TextModel(Protocol):
    calibration: Calibration

    def predict(self, text: str) -> dict[DocType, float]: ...


def model_dir() -> Path:
    env = os.environ.get(ENV_DIR)
    return Path(env) if env else ROOT / "var" / "models" / "classifier"


_lock = threading.Lock()
_loaded: dict[Path, TextModel | None] = {}


def load_model(path: Path) -> TextModel | None:
    """The model stored at ``path``, or None when none was built there (or it is unreadable)."""
    meta_file = path / META
    if not meta_file.is_file():
        return None
    try:
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return None
    from classifiers.learned import load_learned

    return load_learned(path, meta)


def default_model() -> TextModel | None:
    """The built model, loaded once per process; None when there is none (``$DOCSCREEN_CLASSIFIER_DIR=off``)."""
    if os.environ.get(ENV_DIR, "").lower() == "off":
        return None
    path = model_dir()
    with _lock:
        if path not in _loaded:
            _loaded[path] = load_model(path)
        return _loaded[path]
