"""Vehicle plates: compact form, finding plates in text, comparing plates."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.ids import plate
from extractor.ids.homoglyphs import to_cyrillic

from .strategies import FAST, noisy_text


def test_compact() -> None:
    assert plate.compact("А 123 ВС 77") == "A123BC77"
    assert plate.compact("123 abc-02") == "123ABC02"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Тягач 123ABC02", "123ABC02"),
        ("госномер 123 ABC 02", "123ABC02"),
        ("а/м 777 AB 01 (организация)", "777AB01"),
        ("старый номер A123BCD", "A123BCD"),
        ("Транспорт: А123ВС 77", "A123BC77"),
        ("A123BC777 RUS", "A123BC777RUS"),
        ("прицеп АВ 1234 77", "AB123477"),
        ("прицеп 45 XYZ 02", "45XYZ02"),
        ("Belarus 1234 AB-7", "1234AB7"),
        ("trailer A 1234 B-7", "A1234B7"),
        ("F 1234 02", "F123402"),
    ],
)
def test_find_in_text(text: str, expected: str) -> None:
    found = plate.find_in_text(text)
    assert [p for p, _, _ in found] == [expected]
    _, start, end = found[0]
    assert plate.compact(text[start:end]) == expected


@pytest.mark.parametrize(
    "text",
    [
        "VIN XTA210990Y2765432",
        "12.03.2024",
        "8703 23 908 7",
        "ИНН 123456789012",
        "ABC",
        "123 abc 02 (lower case)",
    ],
)
def test_no_plate(text: str) -> None:
    assert plate.find_in_text(text) == []


def test_two_plates_on_one_line() -> None:
    found = plate.find_in_text("Тягач/прицеп: 123ABC02 / 45XYZ02")
    assert [p for p, _, _ in found] == ["123ABC02", "45XYZ02"]


def test_same_plate() -> None:
    assert plate.same_plate("А123ВС 77 RUS", "A123BC77")
    assert plate.same_plate("123 ABC 02", "123авс02".upper())
    assert plate.same_plate("KZ 123ABC02", "123ABC02")
    assert plate.same_plate("123AB002", "123ABO02")  # O read for 0
    assert not plate.same_plate("123ABC02", "123ABC03")
    assert not plate.same_plate("", "")


@pytest.mark.parametrize(("read", "expected"), [
    ("45DEFO2", "45DEF02"), ("123ABCO2KZ", "123ABC02KZ"), ("232EDLO7", "232EDL07"),
    ("123ABC02", "123ABC02"),  # nothing to restore
    ("12ABS8", "12ABS8"),  # `58` is no region: left as read
    ("A123BC77", "A123BC77"),  # not a Kazakh shape
])
def test_repair_restores_a_kazakh_plates_region_digits(read: str, expected: str) -> None:
    assert plate.repair(read) == expected


kz_plates = st.builds(
    lambda n, letters, region: (f"{n:03d}", letters, f"{region:02d}"),
    st.integers(min_value=0, max_value=999),
    st.text(alphabet="ABCDEFGHJKLMNPRSTUVWXYZ", min_size=2, max_size=3),
    st.integers(min_value=1, max_value=20),
).filter(lambda parts: parts[1] not in plate._NOT_PLATE_LETTERS)  # months and units are not plates
ru_plates = st.builds(
    lambda a, n, bc, region: (a, f"{n:03d}", bc, str(region)),
    st.sampled_from("ABEKMHOPCTYX"),
    st.integers(min_value=1, max_value=999),
    st.text(alphabet="ABEKMHOPCTYX", min_size=2, max_size=2),
    st.integers(min_value=10, max_value=799),
)


@FAST
@given(kz_plates | ru_plates, st.sampled_from(["", " ", "-"]), st.booleans())
def test_generated_plates_are_found_and_compared(parts: tuple[str, ...], sep: str, cyrillic: bool) -> None:
    written = sep.join(parts)
    if cyrillic:
        written = to_cyrillic(written)
    compact = "".join(parts)
    text = f"Номер ТС: {written}; далее"
    assert [p for p, _, _ in plate.find_in_text(text)] == [compact]
    assert plate.same_plate(written, compact)
    assert plate.compact(plate.compact(written)) == compact


@FAST
@given(noisy_text)
def test_never_raises(text: str) -> None:
    for found, start, end in plate.find_in_text(text):
        assert found == plate.compact(text[start:end])
    assert plate.compact(plate.compact(text)) == plate.compact(text)
    assert isinstance(plate.same_plate(text, text), bool)
