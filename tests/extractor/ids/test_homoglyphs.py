"""Latin/Cyrillic look-alikes and code-like tokens."""

from __future__ import annotations

import pytest
from hypothesis import given

from extractor.ids import homoglyphs

from .strategies import FAST, noisy_text


def test_to_latin_and_back() -> None:
    cyrillic = "АВЕКМНОРСТХУ"
    assert homoglyphs.to_latin(cyrillic) == "ABEKMHOPCTXY"
    assert homoglyphs.to_cyrillic("ABEKMHOPCTXY") == cyrillic
    assert homoglyphs.to_latin("Москва") == "Mockвa"  # only look-alikes change (lower-case к and k alike)
    assert homoglyphs.to_cyrillic("Zug 5") == "Zug 5"  # no look-alikes, no change


def test_to_digits() -> None:
    assert homoglyphs.to_digits("87О3 2З 9O8 l") == "8703 23 908 1"
    assert homoglyphs.to_digits("Б00D") == "6000"


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("XW8ZZZ61ZDG000001", True), ("55201/150324/0012345", True), ("8703239087", True), ("87032390", True),
        ("A123BC", True), ("1234567", False), ("Москва", False), ("INV-1", False), ("ABC", False), ("", False),
        ("--------", False),
    ],
)  # fmt: skip
def test_looks_like_code(token: str, expected: bool) -> None:
    assert homoglyphs.looks_like_code(token) is expected


def test_normalise_code_token() -> None:
    assert homoglyphs.normalise_code_token("хw8zzz") == "XW8ZZZ"
    assert homoglyphs.normalise_code_token("а123вс") == "A123BC"
    assert homoglyphs.normalise_code_token("xwo") == "XWO"  # no digit repair outside a known code


@FAST
@given(noisy_text)
def test_maps_are_letter_for_letter(text: str) -> None:
    for f in (
        homoglyphs.to_latin,
        homoglyphs.to_cyrillic,
        homoglyphs.to_digits,
        homoglyphs.normalise_code_token,
    ):
        assert len(f(text)) == len(text)
    latin = homoglyphs.to_latin(text)
    assert homoglyphs.to_latin(latin) == latin
    assert homoglyphs.normalise_code_token(
        homoglyphs.normalise_code_token(text)
    ) == homoglyphs.normalise_code_token(text)
    assert isinstance(homoglyphs.looks_like_code(text), bool)
