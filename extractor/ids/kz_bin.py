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
from typing import Literal

from extractor.ids.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

__all__ = ["calc_check_digit", "compact", "is_valid", "kind", "validate"]

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
