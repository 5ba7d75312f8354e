from __future__ import annotations

import json
from pathlib import Path

import pytest

from classifiers.labels import DocType
from classifiers.normalize import fold, squash
from classifiers.signals import DEFAULT_PATH, SignalsError, load_signals, parse_signals


def _data() -> dict:
    return json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


def test_packaged_signals_cover_every_type() -> None:
    sig = load_signals()
    assert set(sig.types) == set(DocType)
    assert all(ts.titles for ts in sig.types.values())


def test_missing_type_is_a_typed_error() -> None:
    data = _data()
    del data["types"]["cmr"]
    with pytest.raises(SignalsError, match="cmr"):
        parse_signals(data)


def test_bad_regex_is_a_typed_error() -> None:
    data = _data()
    data["types"]["invoice"]["patterns"] = [{"regex": "(unclosed", "weight": 1}]
    with pytest.raises(SignalsError, match="regular expression"):
        parse_signals(data)


def test_unknown_key_and_bad_weight_are_rejected() -> None:
    data = _data()
    data["types"]["invoice"]["titel"] = ["Invoice"]
    with pytest.raises(SignalsError):
        parse_signals(data)
    data = _data()
    data["types"]["invoice"]["titles"] = [{"text": "Invoice", "weight": -1}]
    with pytest.raises(SignalsError):
        parse_signals(data)


def test_unreadable_or_non_json_file(tmp_path: Path) -> None:
    with pytest.raises(SignalsError, match="cannot read"):
        load_signals(tmp_path / "absent.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(SignalsError, match="not JSON"):
        load_signals(bad)


def test_folding_joins_scripts_and_kazakh_letters() -> None:
    assert fold("CMR") == fold("СМR")  # Cyrillic С and М
    assert fold("Қабылдау-тапсыру актісі") == fold("Кабылдау тапсыру актiсi")
    assert fold("Счёт-фактура") == fold("счет фактура")
    assert squash("Упаковоч ный  лист") == squash("УПАКОВОЧНЫЙ ЛИСТ")
    assert fold("Invoice") != fold("Rechnung")
