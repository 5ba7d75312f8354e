"""Serial numbers of self-propelled machinery (заводской номер машины), which stand in for a VIN.

Tractors, combines and road-building machines are identified by their maker's serial number: the machine
passport (ПСМ / ЭПСМ), the invoice and the declaration's box 31 print it after `Заводской № машины`,
`Serial No.` or `S/N`. It follows no standard: letters, digits and a dash or slash, 4 to 20 characters, some
digits. Compared in a compact form without separators, Cyrillic look-alike letters read as Latin.

>>> compact('808 123-456'), compact('КЕ 1234/56')
('808123456', 'KE123456')
>>> is_valid('808123456'), is_valid('ABC'), is_valid('2024')
(True, False, False)
>>> same_serial('808-123456', '808 123 456')
True
"""

from __future__ import annotations

import re

from extractor.ids.exceptions import InvalidFormat, InvalidLength
from extractor.ids.homoglyphs import normalise_code_token

__all__ = ["MAX_LENGTH", "MIN_LENGTH", "compact", "is_valid", "same_serial", "validate"]

MIN_LENGTH = 4
MAX_LENGTH = 20
MIN_DIGITS = 4
"""Digits a serial holds at the least: a word or a model name (`T-150K`) has fewer."""
_SEPARATORS_RE = re.compile(r"[\s\-_./\\]+")
_ALNUM_RE = re.compile(r"[0-9A-Z]+")


def compact(number: str) -> str:
    """Upper case, Cyrillic look-alikes as Latin, separators removed."""
    return _SEPARATORS_RE.sub("", normalise_code_token(number.strip()))


def validate(number: str) -> str:
    """The compact serial number, or InvalidLength / InvalidFormat."""
    value = compact(number)
    if not MIN_LENGTH <= len(value) <= MAX_LENGTH:
        raise InvalidLength(f"A serial number has {MIN_LENGTH} to {MAX_LENGTH} characters.")
    if not _ALNUM_RE.fullmatch(value):
        raise InvalidFormat("A serial number holds Latin letters and digits only.")
    if sum(ch.isdigit() for ch in value) < MIN_DIGITS or re.fullmatch(r"(?:19|20)\d\d", value):
        raise InvalidFormat("A serial number holds some digits and is no year.")
    return value


def is_valid(number: str) -> bool:
    try:
        validate(number)
    except ValueError:
        return False
    return True


def same_serial(a: str, b: str) -> bool:
    """Two writings of one serial number: the same once compacted."""
    return compact(a) == compact(b) != ""
