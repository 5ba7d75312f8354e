"""Kazakhstan BIN/IIN (business / individual identification number): 12 digits.

The 12th digit is a check digit: the sum of the first 11 digits weighted
1..11, modulo 11; if that gives 10, the weights 3..11, 1, 2 are used instead;
if that gives 10 again, no check digit exists and the number is never issued.

>>> validate('180240012344')
Traceback (most recent call last):
    ...
extractor.ids.exceptions.InvalidChecksum: The BIN/IIN check digit is wrong.
>>> calc_check_digit('18024001234')
'2'
>>> validate('1802 4001 2342')
'180240012342'
>>> is_valid('18024001234')
False
>>> kind('180240012342'), kind('900515300018')
('bin', 'iin')
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from extractor.ids.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

__all__ = ["calc_check_digit", "compact", "is_valid", "kind", "plausible", "repairs", "validate"]

_WEIGHTS_1 = tuple(range(1, 12))
_WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
_SEPARATORS_RE = re.compile(r"[\s\-.]+")


def compact(number: str) -> str:
    """Strip spaces, dashes and dots."""
    return _SEPARATORS_RE.sub("", number)


def calc_check_digit(number: str) -> str:
    """The check digit for the first 11 digits; raises InvalidChecksum when none exists."""
    digits = compact(number)[:11]
    if len(digits) != 11 or not (digits.isascii() and digits.isdigit()):
        raise InvalidFormat("The check digit needs 11 digits.")
    for weights in (_WEIGHTS_1, _WEIGHTS_2):
        check = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return str(check)
    raise InvalidChecksum("No check digit exists for these 11 digits; the number cannot be issued.")


def validate(number: str) -> str:
    """Return the 12 digits or raise a typed :class:`ValidationError`."""
    number = compact(number)
    if not (number.isascii() and number.isdigit()):
        raise InvalidFormat("A BIN/IIN consists of digits.")
    if len(number) != 12:
        raise InvalidLength("A BIN/IIN has 12 digits.")
    if number[-1] != calc_check_digit(number[:11]):
        raise InvalidChecksum("The BIN/IIN check digit is wrong.")
    return number


def is_valid(number: str) -> bool:
    """Whether :func:`validate` accepts the number."""
    try:
        return bool(validate(number))
    except ValidationError:
        return False


def kind(number: str) -> Literal["bin", "iin"] | None:
    """Whether a valid number looks like a BIN (legal entity) or an IIN (person); informative only.

    A BIN starts with the registration year and month (YYMM) and has 4, 5 or
    6 as its 5th digit (resident, non-resident, joint venture / individual
    entrepreneur); an IIN starts with a birth date YYMMDD and a century/sex
    digit 1-6. Numbers fitting neither give None.
    """
    try:
        number = validate(number)
    except ValidationError:
        return None
    month = int(number[2:4])
    if 1 <= month <= 12 and number[4] in "456":
        return "bin"
    if 1 <= month <= 12 and 1 <= int(number[4:6]) <= 31 and number[6] in "0123456":
        return "iin"
    return None


BIN_ATTRIBUTES = "01234"
"""A BIN's sixth digit, its holder's attribute: 0 a head office, 1 a branch, 2 a representative office, 3 and 4 the
other kinds the register issues; no BIN has a higher one."""


def plausible(number: str) -> bool:
    """A valid number that could have been issued: a BIN registered since 1991 and not after this year with a
    known sixth digit (`BIN_ATTRIBUTES`), an IIN whose birth date exists and whose century digit (1-2: 1800s,
    3-4: 1900s, 5-6: 2000s) agrees with it."""
    if (what := kind(number)) is None:
        return False
    yy, this_year = int(number[:2]), date.today().year
    if what == "bin":
        return number[5] in BIN_ATTRIBUTES and (yy >= 91 or 2000 + yy <= this_year)
    year = (0, 1800, 1800, 1900, 1900, 2000, 2000)[int(number[6])] + yy
    try:
        date(year, int(number[2:4]), int(number[4:6]))
    except ValueError:
        return False
    return 1900 <= year <= this_year


_OCR_DIGITS = {"0": "689", "1": "47", "2": "7", "3": "589", "4": "1", "5": "368", "6": "058", "7": "12", "8": "03569",
               "9": "038"}
"""Digits OCR takes for each other: round ones (0, 6, 8, 9, 3, 5) and stems (1, 4, 7, 2)."""


def repairs(number: str) -> list[str]:
    """Numbers one OCR digit confusion away from a 12-digit reading that fails its check digit, that pass it and
    are :func:`plausible`: a scan's `820541149114` has four that pass, and only `020541149114` was registered
    after 1991. Several repairs mean the reading cannot be told.

    >>> repairs('820541149114')
    ['020541149114']
    """
    number = compact(number)
    if len(number) != 12 or not (number.isascii() and number.isdigit()) or is_valid(number):
        return []
    out: list[str] = []
    for i, digit in enumerate(number):
        for other in _OCR_DIGITS[digit]:
            cand = number[:i] + other + number[i + 1 :]
            if plausible(cand) and cand not in out:
                out.append(cand)
    return out
