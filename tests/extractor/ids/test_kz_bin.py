"""BIN/IIN: 12 digits with a two-pass mod-11 check digit."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.ids import kz_bin
from extractor.ids.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from .strategies import FAST, noisy_text


def _reference_check(first11: str) -> int | None:
    """The rule as the tax code states it, written independently of the module."""
    digits = [int(c) for c in first11]
    first = sum(d * w for d, w in zip(digits, range(1, 12), strict=True)) % 11
    if first != 10:
        return first
    second = sum(d * w for d, w in zip(digits, [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2], strict=True)) % 11
    return None if second == 10 else second


def test_check_digit_by_hand() -> None:
    # 1*1 + 8*2 + 0*3 + 2*4 + 4*5 + 0*6 + 0*7 + 1*8 + 2*9 + 3*10 + 4*11 = 145; 145 mod 11 = 2
    assert kz_bin.calc_check_digit("18024001234") == "2"
    assert kz_bin.validate("180240012342") == "180240012342"


def test_second_weights_when_first_remainder_is_ten() -> None:
    # weights 1..11 give 1*10 = 10 -> second weights 3..11,1,2 give 1*1 = 1
    assert kz_bin.calc_check_digit("00000000010") == "1"
    assert kz_bin.is_valid("000000000101")


def test_no_check_digit_exists() -> None:
    # Find an 11-digit prefix where both passes give 10, by the independent reference rule.
    prefix = next(f"{n:011d}" for n in range(10**6) if _reference_check(f"{n:011d}") is None)
    with pytest.raises(InvalidChecksum):
        kz_bin.calc_check_digit(prefix)
    assert not any(kz_bin.is_valid(prefix + d) for d in "0123456789")


def test_contract_example_bin_has_a_wrong_check_digit() -> None:
    # The BIN in ../shared/CONTRACT.md is illustrative; its check digit would be 2.
    assert not kz_bin.is_valid("180240012345")
    with pytest.raises(InvalidChecksum):
        kz_bin.validate("180240012345")


def test_separators_and_errors() -> None:
    assert kz_bin.validate(" 1802-4001-2342 ") == "180240012342"
    with pytest.raises(InvalidLength):
        kz_bin.validate("18024001234")
    with pytest.raises(InvalidFormat):
        kz_bin.validate("18024001234A")
    with pytest.raises(InvalidFormat):
        kz_bin.validate("")


def test_kind() -> None:
    assert kz_bin.kind("180240012342") == "bin"  # 18-02 registration, 5th digit 4
    assert kz_bin.kind("900515300018") == "iin"  # born 1990-05-15, 7th digit 3
    assert kz_bin.kind("180240012345") is None  # invalid


@st.composite
def valid_numbers(draw: st.DrawFn) -> str:
    first11 = draw(st.text(alphabet="0123456789", min_size=11, max_size=11))
    check = _reference_check(first11)
    if check is None:
        first11 = first11[:10] + str((int(first11[10]) + 1) % 10)
        check = _reference_check(first11)
    assert check is not None
    return first11 + str(check)


@FAST
@given(valid_numbers())
def test_generated_numbers_round_trip(number: str) -> None:
    assert kz_bin.validate(number) == number
    assert kz_bin.validate(f"{number[:4]} {number[4:8]} {number[8:]}") == number
    assert kz_bin.calc_check_digit(number[:11]) == number[11]


@FAST
@given(valid_numbers(), st.integers(min_value=0, max_value=11), st.integers(min_value=1, max_value=9))
def test_changed_digits_agree_with_the_reference(number: str, position: int, delta: int) -> None:
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    assert kz_bin.is_valid(changed) == _is_ref_valid(changed)
    if position == 11:  # a different check digit is always wrong
        assert not kz_bin.is_valid(changed)


@FAST
@given(noisy_text)
def test_raises_only_typed_errors_and_compact_is_idempotent(text: str) -> None:
    with contextlib.suppress(ValidationError):
        kz_bin.validate(text)
    with contextlib.suppress(ValidationError):
        kz_bin.calc_check_digit(text)
    assert kz_bin.compact(kz_bin.compact(text)) == kz_bin.compact(text)
    assert kz_bin.is_valid(text) == (_is_ref_valid(kz_bin.compact(text)))


def _is_ref_valid(number: str) -> bool:
    if len(number) != 12 or not (number.isascii() and number.isdigit()):
        return False
    return _reference_check(number[:11]) == int(number[11])


def test_plausible_numbers_could_have_been_issued() -> None:
    assert kz_bin.plausible("020541149114")  # a BIN registered in May 2002
    assert not kz_bin.plausible("820541149111")  # valid, but a BIN registered in 1982
    assert kz_bin.plausible("900515300018")  # an IIN: born 15 May 1990
    assert not kz_bin.is_valid("180240012344") and not kz_bin.plausible("180240012344")
    assert kz_bin.is_valid("081246923131") and not kz_bin.plausible("081246923131")  # no BIN's sixth digit is 6


def test_a_repair_that_gives_a_bin_an_attribute_none_has_is_no_repair() -> None:
    """`081246923139`, 0 read as 6 in a scan: of the two numbers one confusion away that pass the check digit, one
    gives the BIN a sixth digit of 6, which none has."""
    assert kz_bin.repairs("081246923139") == ["081240923139"]


_CONFUSED = {"0": "8", "8": "0", "1": "7", "7": "1", "5": "6", "6": "5", "3": "8", "9": "0"}


@FAST
@given(valid_numbers(), st.integers(min_value=0, max_value=11))
def test_a_misread_digit_is_repaired_to_numbers_one_confusion_away_that_could_be_issued(number: str, at: int) -> None:
    misread = number[:at] + _CONFUSED.get(number[at], number[at]) + number[at + 1 :]
    repairs = kz_bin.repairs(misread)
    if kz_bin.is_valid(misread):
        assert repairs == []
        return
    assert all(kz_bin.plausible(r) and sum(a != b for a, b in zip(r, misread, strict=True)) == 1 for r in repairs)
    if kz_bin.plausible(number):
        assert number in repairs
