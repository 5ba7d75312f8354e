"""TN VED codes: structure, headings, vehicle headings and the nomenclature loader."""

from __future__ import annotations

import contextlib
import json
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.ids import hs_code
from extractor.ids.exceptions import InvalidComponent, InvalidFormat, InvalidLength, ValidationError

from .strategies import FAST, noisy_text

REFERENCE = hs_code.default_reference_dir()
needs_reference = pytest.mark.skipif(REFERENCE is None, reason="../shared/reference not available")


@pytest.mark.parametrize("printed", ["8703239087", "8703 23 908 7", "8703.23.90.87", " 8703-23-908-7 "])
def test_printed_forms(printed: str) -> None:
    assert hs_code.compact(printed) == "8703239087"
    assert hs_code.validate(printed) == "8703239087"
    assert hs_code.is_valid(printed)


def test_length_and_chapter() -> None:
    with pytest.raises(InvalidLength):
        hs_code.validate("870323908")
    with pytest.raises(InvalidLength):
        hs_code.validate("87032390871")
    with pytest.raises(InvalidFormat):
        hs_code.validate("код")
    for chapter in ("00", "98", "99"):
        with pytest.raises(InvalidComponent):
            hs_code.validate(chapter + "03239087")
    assert hs_code.validate("0101210000") == "0101210000"
    assert hs_code.validate("9701100000") == "9701100000"


def test_chapter_and_heading() -> None:
    assert hs_code.chapter("8703 23 908 7") == "87"
    assert hs_code.heading("8703.23.90.87") == "8703"
    with pytest.raises(InvalidLength):
        hs_code.heading("870")


@pytest.mark.parametrize(
    ("code", "vehicle"),
    [
        ("8701201000", True), ("8702109110", True), ("8703239087", True), ("8704229108", True),
        ("8705100001", True), ("8711201000", True), ("8429520010", True), ("8433510001", True),
        ("8706001100", False), ("8708109009", False), ("4011100003", False), ("87", False),
    ],
)  # fmt: skip
def test_is_vehicle(code: str, vehicle: bool) -> None:
    assert hs_code.is_vehicle(code) is vehicle


def _write_tiny_reference(directory: Path) -> None:
    tree = [
        {
            "chapter": "17",
            "naim": "РАЗДЕЛ XVII",
            "groups": [
                {
                    "code": "87",
                    "naim": "СРЕДСТВА НАЗЕМНОГО ТРАНСПОРТА",
                    "goods": [
                        {
                            "code": "8703",
                            "naim": "АВТОМОБИЛИ ЛЕГКОВЫЕ",
                            "subs": [
                                {"code": "8703239087", "naim": "- - - прочие"},
                                {"code": "8703239081", "naim": "- - - новые"},
                            ],
                        }
                    ],
                }
            ],
        }
    ]
    (directory / "tnved-eaeu-2023.json").write_text(json.dumps(tree, ensure_ascii=False), encoding="utf-8")
    (directory / "hs2022.csv").write_text(
        "section,hscode,description,parent,level\nXVII,87,Vehicles,TOTAL,2\n"
        'XVII,8703,Motor cars,87,4\nXVII,870323,"Cars, 1500-3000cc",8703,6\n',
        encoding="utf-8",
    )


def test_loader_on_a_tiny_reference(tmp_path: Path) -> None:
    _write_tiny_reference(tmp_path)
    nom = hs_code.load_nomenclature(tmp_path)
    assert nom is not None
    assert nom.edition == "TN VED EAEU 2023"
    assert nom.exists("8703 23 908 7")
    assert not nom.exists("8703239088")
    assert nom.name("8703239081") == "- - - новые"
    assert nom.name("8703") == "АВТОМОБИЛИ ЛЕГКОВЫЕ"
    assert nom.name("8703239088") is None
    assert nom.hs6_exists("8703239087")
    assert not nom.hs6_exists("870324")
    assert nom.closest("8703239088") == ["8703239081", "8703239087"]
    assert nom.closest("8703239078") == ["8703239087"]  # adjacent digits swapped
    assert nom.closest("8703239087") == ["8703239081"]  # neighbours, never the code itself
    assert nom.closest("8703239000") == []
    assert hs_code.load_nomenclature(tmp_path) is nom  # cached per path


def test_loader_without_files(tmp_path: Path) -> None:
    assert hs_code.load_nomenclature(tmp_path) is None
    assert hs_code.load_nomenclature(tmp_path / "missing") is None
    assert hs_code.load_nomenclature(None) is None


def test_default_reference_dir_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCSCREEN_REFERENCE_DIR", str(tmp_path))
    assert hs_code.default_reference_dir() == tmp_path
    monkeypatch.setenv("DOCSCREEN_REFERENCE_DIR", str(tmp_path / "missing"))
    assert hs_code.default_reference_dir() is None


def test_nomenclature_built_in_code() -> None:
    nom = hs_code.Nomenclature(edition="test", names={"4011100003": "шины"})
    assert nom.exists("4011 10 000 3")
    assert nom.hs6_exists("401110")  # falls back to the TN VED codes without an HS table
    assert not nom.hs6_exists("401120")
    assert nom.closest("4011100008") == ["4011100003"]
    assert nom.closest("4011100888", max_distance=2) == []
    assert nom.closest("4011100883", max_distance=2) == ["4011100003"]


@needs_reference
def test_real_nomenclature_loads_quickly_and_knows_cars() -> None:
    assert REFERENCE is not None
    hs_code._load.cache_clear()
    started = time.perf_counter()
    nom = hs_code.load_nomenclature(REFERENCE)
    assert time.perf_counter() - started < 1.0
    assert nom is not None
    assert nom.edition == "TN VED EAEU 2022"
    assert len(nom.names) > 12000
    assert nom.exists("8703239087")
    assert nom.exists("4011100003")
    assert "автомобил" in (nom.name("8703239087") or "")
    assert nom.hs6_exists("870323")
    assert not nom.hs6_exists("870399")
    assert "8703239087" in nom.closest("8703239037")


@needs_reference
def test_every_real_code_is_structurally_valid() -> None:
    nom = hs_code.load_nomenclature(REFERENCE)
    assert nom is not None
    assert all(hs_code.is_valid(code) for code in nom.names)
    assert all(nom.hs6_exists(code) for code in list(nom.names)[::50])


codes = st.builds(
    lambda ch, rest: f"{ch:02d}{rest}",
    st.integers(min_value=1, max_value=97),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
)


@FAST
@given(codes)
def test_generated_codes_round_trip_through_printed_forms(code: str) -> None:
    for printed in (
        code,
        f"{code[:4]} {code[4:6]} {code[6:9]} {code[9]}",
        f"{code[:4]}.{code[4:6]}.{code[6:8]}.{code[8:]}",
    ):
        assert hs_code.validate(printed) == code
    assert hs_code.heading(code) == code[:4]


@FAST
@given(noisy_text)
def test_raises_only_typed_errors(text: str) -> None:
    with contextlib.suppress(ValidationError):
        hs_code.validate(text)
    with contextlib.suppress(ValidationError):
        hs_code.heading(text)
    assert hs_code.compact(hs_code.compact(text)) == hs_code.compact(text)
    assert isinstance(hs_code.is_vehicle(text), bool)


def test_ocr_repair_takes_the_one_code_a_few_look_alike_digits_away() -> None:
    nom = hs_code.Nomenclature(
        edition="test", names={"4818201000": "бумага", "4818209100": "прочая", "8703239080": "новые", "8703239086": "прочие"}
    )
    assert nom.ocr_repair("4818201606") == "4818201000"  # two 0s read as 6
    assert nom.ocr_repair("4818201008") == "4818201000"
    assert nom.ocr_repair("4818201000") is None, "an existing code needs no repair"
    assert nom.ocr_repair("4818204000") is None, "4 and 0 do not look alike"
    assert nom.ocr_repair("4818208000") is None, "three changes away"
    assert nom.ocr_repair("8703239088") is None, "the last 8 could be a 0 or a 6: two codes, no answer"


def test_repair_by_name_takes_the_code_whose_heading_the_description_names() -> None:
    """`2802409000` is in no edition; `2302409000` (bran) is one look-alike digit away, `4802409000` (paper) one
    unlikely one: the row says paper, so paper it is. A description naming neither, or both alike, decides nothing."""
    nom = hs_code.Nomenclature(
        edition="test", names={"4802409000": "прочая", "2302409000": "прочие", "2302401000": "прочие"},
        headings={"4802": "БУМАГА И КАРТОН НЕМЕЛОВАННЫЕ, ИСПОЛЬЗУЕМЫЕ ДЛЯ ПИСЬМА, ПЕЧАТИ",
                  "2302": "ОТРУБИ, ВЫСЕВКИ И ПРОЧИЕ ОСТАТКИ ОТ ПРОСЕИВАНИЯ ЗЕРНА"})
    assert nom.repair_by_name("2802409000", "1 Бумага офсетная немелованная") == "4802409000"
    assert nom.repair_by_name("2802409000", "1 Отруби пшеничные") == "2302409000"
    assert nom.repair_by_name("2802409000", "1 Offset paper") is None, "no Russian words of either heading"
    assert nom.repair_by_name("2802409000", "1 Прочие изделия") is None, "generic words name no heading"
    assert nom.repair_by_name("2302409000", "1 Бумага") is None, "an existing code needs no repair"
    assert nom.repair_by_name("2802409000", "Бумага и отруби") is None, "a tie decides nothing"


def test_ocr_repair_tries_the_rarer_misreads_of_photos_too() -> None:
    nom = hs_code.Nomenclature(edition="test", names={"7010906101": "банки", "8703249094": "прочие", "8703249092": "б/у"})
    assert nom.ocr_repair("7020906101") == "7010906101"  # a 1's foot read as 2
    assert nom.ocr_repair("5703249094") == "8703249094"  # an 8 read as 5
    assert nom.ocr_repair("7040906101") is None, "4 and 1 do not look alike"
