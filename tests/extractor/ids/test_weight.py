"""Numbers and weights: separators, units, and finding weights in text."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.ids import weight
from extractor.ids.exceptions import InvalidComponent, InvalidFormat, ValidationError

from .strategies import FAST, noisy_text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12 450,5", 12450.5), ("12,450.50", 12450.5), ("12.450,50", 12450.5), ("12450.5", 12450.5),
        ("12 450", 12450.0), ("12\u00a0450,5", 12450.5), ("1 234 567,25", 1234567.25), ("1'234.5", 1234.5),
        ("0,125", 0.125), ("0.125", 0.125), ("12,5", 12.5), ("12,45", 12.45), ("12450,5000", 12450.5),
        ("1,234,567", 1234567.0), ("1.234.567", 1234567.0), ("1.234.567,8", 1234567.8), ("7", 7.0),
        ("-5,5", -5.5),
    ],
)  # fmt: skip
def test_parse_number(text: str, value: float) -> None:
    assert weight.parse_number(text) == value


def test_ambiguous_single_separator_is_thousands_by_default() -> None:
    assert weight.parse_number("1.234") == 1234.0
    assert weight.parse_number("12,450") == 12450.0
    assert weight.parse_number("1.234", decimal=".") == 1.234
    assert weight.parse_number("12,450", decimal=",") == 12.45
    assert weight.parse_number("1234.567") == 1234.567  # four integer digits cannot be a group


@pytest.mark.parametrize(
    "text",
    ["", " ", "abc", "12,", ".5", "1,23,456", "12 45", "1.2.3", "12 450 5", "1,2.3,4", "12..5", "--5", "1e5"],
)
def test_parse_number_rejects(text: str) -> None:
    with pytest.raises(InvalidFormat):
        weight.parse_number(text)


def test_parse_number_with_forced_decimal_rejects_two_marks() -> None:
    with pytest.raises(InvalidFormat):
        weight.parse_number("1,2,3", decimal=",")
    with pytest.raises(ValueError):
        weight.parse_number("1", decimal=";")


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("12.45 т", 12450.0), ("12,45т", 12450.0), ("11 980 KGS", 11980.0), ("11980 kg", 11980.0),
        ("11980 кг.", 11980.0), ("5 тонн", 5000.0), ("2 tonnes", 2000.0), ("3 tn", 3000.0), ("3 t", 3000.0),
        ("100 lbs", 45.359), ("1 lb", 0.454), ("12450", 12450.0), ("500 г", 0.5),
        ("20 килограммов", 20.0), ("1 500,5 KG", 1500.5),
    ],
)  # fmt: skip
def test_parse_weight(text: str, kg: float) -> None:
    assert weight.parse_weight(text) == pytest.approx(kg, rel=1e-12)


def test_converted_weight_is_kept_to_the_gram() -> None:
    # the float product of a tonnes figure is not the printed weight (1.005 * 1000 == 1004.9999999999999), and a
    # pounds figure converted to the last digit claims a precision no paper has
    assert weight.parse_weight("1,005 т", decimal=",") == 1005.0
    assert weight.parse_weight("8,150 lbs") == 3696.778
    assert [kg for kg, *_ in weight.find_weights("Gross 8150 lbs, net 1.005 t", decimal=".")] == [3696.778, 1005.0]
    assert weight.parse_weight("12 450,5 кг") == 12450.5  # kilograms as printed, not rounded


def test_parse_weight_unknown_unit() -> None:
    with pytest.raises(InvalidComponent):
        weight.parse_weight("12 штук")
    with pytest.raises(InvalidFormat):
        weight.parse_weight("кг")


def test_find_weights() -> None:
    text = "Вес брутто 12 450,5 кг; нетто: 11980 KGS; 12.45 т; мест 3 12 450 кг; 2024 г.; 10 товаров; 3t"
    found = weight.find_weights(text)
    assert [(kg, raw) for kg, raw, _, _ in found] == [
        (12450.5, "12 450,5 кг"),
        (11980.0, "11980 KGS"),
        (12450.0, "12.45 т"),
        (12450.0, "12 450 кг"),
        (3000.0, "3t"),
    ]
    assert all(text[s:e] == raw for _, raw, s, e in found)


def test_find_weights_skips_numbers_inside_codes() -> None:
    assert weight.find_weights("VIN XTA210990Y2765432 kg; ABC12 kg; 1.2.3 кг; 5 T-shirts") == []


def _format(integer: int, fraction: str, style: str) -> str:
    grouped = f"{integer:,}"
    if style == "space_comma":
        text, mark = grouped.replace(",", " "), ","
    elif style == "comma_dot":
        text, mark = grouped, "."
    elif style == "dot_comma":
        text, mark = grouped.replace(",", "."), ","
    elif style == "plain_dot":
        text, mark = str(integer), "."
    else:
        text, mark = str(integer), ","
    return text + (mark + fraction if fraction else "")


STYLES = ["space_comma", "comma_dot", "dot_comma", "plain_dot", "plain_comma"]


@FAST
@given(
    st.integers(min_value=0, max_value=99_999_999),
    st.text(alphabet="0123456789", max_size=3),
    st.sampled_from(STYLES),
    st.sampled_from(["", " кг", "kg", " KGS", " т", " lbs"]),
)
def test_format_and_parse_round_trip(integer: int, fraction: str, style: str, unit: str) -> None:
    expected = float(f"{integer}.{fraction or '0'}")
    text = _format(integer, fraction, style)
    mark = "," if style in ("space_comma", "dot_comma", "plain_comma") else "."
    # With its decimal mark known every format round-trips.
    assert weight.parse_number(text, decimal=mark) == expected
    # Without the hint only the documented ambiguous shape (one mark, three digits after it,
    # a 1-3 digit non-zero integer part) reads differently.
    ambiguous = len(fraction) == 3 and 0 < integer < 1000 and text.count(".") + text.count(",") == 1
    if not ambiguous:
        assert weight.parse_number(text) == expected
        factor = weight.UNITS[unit.strip().lower()] if unit else 1.0
        assert weight.parse_weight(text + unit) == weight.in_kilograms(expected, factor)
        assert weight.parse_weight(text + unit) == pytest.approx(expected * factor, abs=0.0005)


@FAST
@given(st.integers(min_value=1, max_value=9_999_999), st.sampled_from(["space_comma", "dot_comma"]))
def test_find_weights_round_trip(integer: int, style: str) -> None:
    text = f"Масса нетто: {_format(integer, '5', style)} кг."
    found = weight.find_weights(text)
    assert [kg for kg, _, _, _ in found] == [integer + 0.5]


@FAST
@given(noisy_text)
def test_raise_only_typed_errors(text: str) -> None:
    with contextlib.suppress(ValidationError):
        weight.parse_number(text)
    with contextlib.suppress(ValidationError):
        weight.parse_weight(text)
    for kg, raw, start, end in weight.find_weights(text):
        assert text[start:end] == raw
        assert kg >= 0


@pytest.mark.parametrize(("raw", "kg", "expected"), [
    ("0.400", 0.4, 0.0005),  # a declaration's row to the gram
    ("7 кг", 7.0, 0.5),
    ("9 416,4", 9416.4, 0.05),
    ("10,482.20 kg", 10482.2, 0.005),
    ("4,37 т", 4370.0, 5.0),
    ("1,018", 1018.0, 0.5),  # the reader took the comma for thousands: a whole figure
    ("sum of lines", 9908.4, None),
])
def test_rounding_is_half_the_last_printed_digit(raw: str, kg: float, expected: float | None) -> None:
    assert weight.rounding(raw, kg) == expected


@pytest.mark.parametrize(("read", "other", "alike"), [
    (45048.0, 4504.8, True),  # the decimal mark lost
    (216.1, 8216.1, True),  # the leading digit lost
    (9575.0, 6957.5, True),  # both (6262-0023's photographed invoice against the declared line)
    (575.0, 6957.5, False),  # three digits in common are too few to tell a misreading from another weight
    (9675.0, 6957.5, False),  # the digits differ: another weight
])
def test_a_figure_misread_by_its_mark_or_leading_digits_is_told_by_its_digits(
        read: float, other: float, alike: bool) -> None:
    assert weight.misread_alike(read, other) is alike
