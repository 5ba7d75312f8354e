"""Vehicle registration plates on control passes, CMRs and waybills (Kazakh, Russian, Belarusian).

The moderator's check is that the truck and trailer plates on the state
control pass match the CMR. Plates are written with Cyrillic or Latin
look-alike letters, with or without spaces, so they are compared in a compact
Latin form.

Recognised shapes (letters after mapping Cyrillic look-alikes to Latin):

- Kazakhstan since 2012: ``123 ABC 02`` (persons), ``123 AB 02`` (organisations),
  trailers and foreign-owned ``1234 AB 02`` / ``F1234 02``; region 01-20.
- Kazakhstan before 2012: ``A 123 BCD`` / ``A123BC`` (region letter first).
- Russia: ``А123ВС 77`` / ``A123BC777`` and trailers ``АВ 1234 77`` (letters
  limited to А В Е К М Н О Р С Т У Х).
- Belarus: ``1234 AB-7`` and trailers ``A 1234 B-7``.

>>> compact('А 123 ВС 77 RUS')
'A123BC77RUS'
>>> [p for p, _, _ in find_in_text('Тягач 123 ABC 02, прицеп 45 XYZ 02; а/м А123ВС777')]
['123ABC02', '45XYZ02', 'A123BC777']
>>> same_plate('А123ВС 77 RUS', 'a123bc77'), same_plate('123ABC02', '123ABC03')
(True, False)
"""

from __future__ import annotations

import re

from extractor.ids.homoglyphs import normalise_code_token, to_latin
from extractor.ids.vin import same_under_ocr

__all__ = ["compact", "find_in_text", "repair", "same_plate"]

_RU = "ABEKMHOPCTYX"
_SEP = r"[ \-]?"
_KZ_REGION = r"(?:0[1-9]|1\d|20)"
_PATTERNS = (
    # Kazakhstan 2012+: 123ABC02, 123AB02, trailers 12AB02 / 1234AB02, foreign F123402 / H1234 02.
    rf"\d{{2,4}}{_SEP}[A-Z]{{2,3}}{_SEP}\|?{_KZ_REGION}(?:{_SEP}KZ)?",
    rf"[FH]{_SEP}\d{{4}}{_SEP}\|?{_KZ_REGION}",
    # Russia: A123BC77 / A123BC777, trailers AB1234 77.
    rf"[{_RU}]{_SEP}\d{{3}}{_SEP}[{_RU}]{{2}}{_SEP}\|?\d{{2,3}}(?:{_SEP}RUS)?",
    rf"[{_RU}]{{2}}{_SEP}\d{{4}}{_SEP}\|?\d{{2,3}}(?:{_SEP}RUS)?",
    # Belarus: 1234 AB-7, trailers A 1234 B-7.
    r"\d{4}[ ]?[A-Z]{2}[ \-][1-7]",
    r"[A-Z][ ]?\d{4}[ ]?[A-Z][ \-][1-7]",
    # Kazakhstan before 2012: A123BCD, A123BC.
    rf"[A-Z]{_SEP}\d{{3}}{_SEP}[A-Z]{{2,3}}",
)
_PLATE_RE = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(f"(?:{p})" for p in _PATTERNS) + r")(?![A-Za-z0-9])")
_NON_ALNUM_RE = re.compile(r"[^0-9A-Z]+")
_COUNTRY_MARKS_RE = re.compile(r"^(?:KZ|RUS|RU)(?=\d)|(?<=\d)(?:RUS|RU|KZ|BY)$")


def compact(plate: str) -> str:
    """Upper case, Cyrillic look-alikes to Latin, spaces and separators removed."""
    return _NON_ALNUM_RE.sub("", normalise_code_token(plate))


# Letters that make "14 MAR 24" or "450 KG 12" look like a Kazakh plate: months and units.
_NOT_PLATE_LETTERS = frozenset(
    {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
     "KG", "KGS", "PCS", "PC", "MM", "CM", "KM", "LT", "SET", "BOX", "TN", "MT", "PKG", "CTN", "USD", "EUR"}
)  # fmt: skip
_KZ_SHAPE_RE = re.compile(r"^\d{2,4}([A-Z]{2,3})\d{2}(?:KZ)?$")


def find_in_text(text: str) -> list[tuple[str, int, int]]:
    """Plates found in text: (compact plate, start, end), in reading order.

    A Kazakh-shaped match whose letters are a month or a unit (``14 MAR 24``,
    ``450 KG 12``) is not taken for a plate.
    """
    latin = to_latin(text)  # one character for one: offsets stay valid
    found = []
    for m in _PLATE_RE.finditer(latin):
        plate = compact(m.group())
        shape = _KZ_SHAPE_RE.match(plate)
        if shape and shape.group(1) in _NOT_PLATE_LETTERS:
            continue
        found.append((plate, m.start(), m.end()))
    return found


_KZ_MISREAD_REGION = re.compile(r"^(\d{2,4}[A-Z]{2,3})([0-9OIZSB]{2})(KZ)?$")
_REGION_DIGITS = str.maketrans("OIZSB", "01258")


def repair(plate: str) -> str:
    """A compact Kazakh plate whose region digits OCR read as letters (`45DEFO2`) with the digits restored: the
    last two characters after the letters are always the region's number."""
    m = _KZ_MISREAD_REGION.match(plate)
    region = m.group(2).translate(_REGION_DIGITS) if m else ""
    if m is None or m.group(2).isdigit() or not re.fullmatch(_KZ_REGION, region):
        return plate
    return m.group(1) + region + (m.group(3) or "")


def _key(plate: str) -> str:
    key = _COUNTRY_MARKS_RE.sub("", compact(plate))
    return key.replace("O", "0").replace("I", "1")


def same_plate(a: str, b: str, ocr: bool = False) -> bool:
    """Whether two written plates are the same plate (script, spacing, country marks and O/0 ignored); with
    `ocr` (one side read from a scan) also characters OCR confuses (`S8FFV02` for `58FFV02`), as for VINs."""
    key_a, key_b = _key(a), _key(b)
    return bool(key_a) and (key_a == key_b or (ocr and same_under_ocr(key_a, key_b)))
