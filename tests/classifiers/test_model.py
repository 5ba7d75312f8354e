"""The learned model: built from non-held-out templates, pooled with the rules, optional at run time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("fixtures.render")
pytest.importorskip("sklearn")

from classifiers import pages as pages_mod  # noqa: E402
from classifiers.labels import DocType  # noqa: E402
from classifiers.learned import MODEL_FILE  # noqa: E402
from classifiers.pages import RULES_ONLY_CAP, label_from_evidence  # noqa: E402
from classifiers.rules import score_page  # noqa: E402
from classifiers.textmodel import ENV_DIR, default_model, load_model  # noqa: E402
from classifiers.train import ocr_noise, train  # noqa: E402
from tests.classifiers.samples import sample  # noqa: E402


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("model")
    train(out, docs_per_template=1, seed=5, folds=2)
    return out


def test_training_keeps_heldout_templates_out(model_path: Path) -> None:
    meta = json.loads((model_path / "meta.json").read_text(encoding="utf-8"))
    assert meta["heldout_excluded"]
    assert not set(meta["templates"]) & set(meta["heldout_excluded"])
    assert 0 <= meta["calibration"]["rule_weight"] <= 1


def test_model_and_rules_agree_on_a_clear_page(model_path: Path) -> None:
    model = load_model(model_path)
    assert model is not None
    p = sample(DocType.customs_declaration, "ru")
    probs = model.predict(p.text)
    assert abs(sum(probs.values()) - 1) < 1e-6
    label = label_from_evidence(1, score_page(p), model)
    assert label.doc_type == DocType.customs_declaration
    assert "rules+model" in label.reason


def test_without_a_model_rules_decide_with_capped_confidence(monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_DIR, str(tmp_path / "nothing-built"))
    assert default_model() is None
    label = pages_mod.classify_page(sample(DocType.cmr, "ru"))
    assert label.doc_type == DocType.cmr and label.confidence <= RULES_ONLY_CAP


def test_corrupt_model_file_falls_back_to_rules(model_path: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "meta.json").write_text((model_path / "meta.json").read_text(encoding="utf-8"), encoding="utf-8")
    (broken / MODEL_FILE).write_bytes(b"not a pickle")
    assert load_model(broken) is None


def test_noise_augmentation_changes_text_but_keeps_most_of_it() -> None:
    import random

    text = "Международная товарно-транспортная накладная. Қабылдау-тапсыру актісі"
    noisy = ocr_noise(text, random.Random(3))
    assert noisy != text
    assert len(noisy) > 0.8 * len(text)
