"""Numbers and weights as documents print them, converted to kilograms.

Separators: spaces (also no-break and thin spaces) and apostrophes group
thousands; when both ``.`` and ``,`` occur, the last one is the decimal mark.

The one ambiguous case, a single ``.`` or ``,`` followed by exactly three
digits and nothing else (``1.234``, ``12,450``), is read as a **thousands**
separator: in these documents gross and net weights of consignments are far
more often whole kilograms in the thousands than weights to the gram. The
exception is an integer part of ``0`` (``0,125`` is 0.125). A caller that knows
the document's convention passes ``decimal=','`` or ``decimal='.'``.

>>> parse_number('12 450,5'), parse_number('12,450.50'), parse_number('12.450,50')
(12450.5, 12450.5, 12450.5)
>>> parse_number('12450.5'), parse_number('12 450'), parse_number('1.234'), parse_number('1.234', decimal='.')
(12450.5, 12450.0, 1234.0, 1.234)
>>> parse_weight('12.45 т'), parse_weight('11 980 KGS'), parse_weight('100 lbs')
(12450.0, 11980.0, 45.359)
>>> find_weights('Брутто: 12 450,5 кг, нетто 11980 kg')
[(12450.5, '12 450,5 кг', 8, 19), (11980.0, '11980 kg', 27, 35)]
"""

from __future__ import annotations

import math
import re

from extractor.ids.exceptions import InvalidComponent, InvalidFormat

__all__ = ["UNITS", "find_weights", "in_kilograms", "misread_alike", "parse_number", "parse_weight", "rounding"]

_SPACES = "\u0020\u00a0\u2009\u202f\u2007'’"
_NUMBER_CHARS_RE = re.compile(rf"^[+\-−]?\d[\d.,{_SPACES}]*$")
_GROUPED_RE = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d{1,3}(?:\.\d{3})+$|^\d{1,3}(?:[ ]\d{3})+$")

# Unit (lower-case, trailing dot removed) -> kilograms per unit.
UNITS: dict[str, float] = {
    **dict.fromkeys(
        ("кг", "kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramm", "килограмм",
         "килограмма", "килограммов", "килограммы", "килограм", "kgm"),
        1.0,
    ),
    **dict.fromkeys(
        ("т", "t", "tn", "tne", "mt", "тн", "тонн", "тонна", "тонны", "тонну", "tonne", "tonnes", "ton", "tons"),
        1000.0,
    ),
    **dict.fromkeys(("lb", "lbs", "фунт", "фунтов", "фунта"), 0.45359237),
    **dict.fromkeys(("г", "гр", "g", "gr", "грамм", "граммов"), 0.001),
}  # fmt: skip
# Units recognised in free text (grams left out: "2024 г." is a year).
_TEXT_UNITS = sorted((u for u, f in UNITS.items() if f != 0.001), key=len, reverse=True)


def in_kilograms(number: float, factor: float) -> float:
    """A figure in a unit of `factor` kilograms, to the gram: `8,150 lbs` is 3696.778 kg, and `12.45 т` is 12450 kg,
    not the float product's 12450.000000000002. No paper prints a consignment's weight finer than a gram."""
    return number if factor == 1.0 else round(number * factor, 3)


def _grouping_ok(integer: str, sep: str) -> bool:
    groups = integer.split(sep)
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def parse_number(s: str, decimal: str | None = None) -> float:
    """Parse a number with thousands grouping and a ``.`` or ``,`` decimal mark.

    ``decimal`` forces the decimal mark (``','`` or ``'.'``); by default it is
    inferred as described in the module docstring. Raises InvalidFormat.
    """
    if decimal is not None and decimal not in (".", ","):
        raise ValueError("decimal must be '.' or ','")
    value = _parse_number(s, decimal)
    if not math.isfinite(value):
        raise InvalidFormat(f"Number out of range: {s[:40]!r}")
    return value


def _parse_number(s: str, decimal: str | None) -> float:
    text = s.strip()
    if not _NUMBER_CHARS_RE.match(text):
        raise InvalidFormat(f"Not a number: {s[:40]!r}")
    sign = -1.0 if text[0] in "-−" else 1.0
    text = text.lstrip("+-−")
    for space in _SPACES[1:]:
        text = text.replace(space, " ")
    if "  " in text or text.endswith((" ", ".", ",")):
        raise InvalidFormat(f"Not a number: {s[:40]!r}")
    if " " in text:
        head, _, tail = text.rpartition(" ")
        # Spaces group thousands; the last group may carry the decimal part.
        if re.search(r"[.,]", head):
            raise InvalidFormat(f"Misplaced separator in {s[:40]!r}")
        match = re.match(r"^(\d{3})([.,]\d+)?$", tail)
        if not match or not _grouping_ok(head + " " + match.group(1), " "):
            raise InvalidFormat(f"Bad digit grouping in {s[:40]!r}")
        text = head.replace(" ", "") + match.group(1) + (match.group(2) or "")
        if match.group(2):
            return sign * float(text.replace(",", "."))
        return sign * float(text)
    dots, commas = text.count("."), text.count(",")
    if decimal is None and dots and commas:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
    if decimal is None:
        sep = "." if dots else ","
        count = dots or commas
        if count == 0:
            return sign * float(text)
        if count > 1:
            if not _GROUPED_RE.match(text):
                raise InvalidFormat(f"Bad digit grouping in {s[:40]!r}")
            return sign * float(text.replace(sep, ""))
        integer, fraction = text.split(sep)
        if len(fraction) == 3 and integer != "0" and _grouping_ok(text, sep):
            return sign * float(integer + fraction)  # the documented thousands reading
        return sign * float(integer + "." + fraction)
    thousands = "," if decimal == "." else "."
    integer, _, fraction = text.rpartition(decimal) if decimal in text else (text, "", "")
    if decimal in integer or (fraction == "" and decimal in text):
        raise InvalidFormat(f"More than one decimal mark in {s[:40]!r}")
    if thousands in integer and not _grouping_ok(integer, thousands):
        raise InvalidFormat(f"Bad digit grouping in {s[:40]!r}")
    if thousands in fraction:
        raise InvalidFormat(f"Misplaced separator in {s[:40]!r}")
    number = integer.replace(thousands, "") + ("." + fraction if fraction else "")
    return sign * float(number)


_UNIT_SPLIT_RE = re.compile(r"^(.*?\d)\s*([^\W\d_]+)\.?$")


def parse_weight(s: str, decimal: str | None = None) -> float:
    """Parse a weight into kilograms; a bare number is taken as kilograms.

    Raises InvalidFormat for a malformed number and InvalidComponent for an
    unknown unit.
    """
    text = s.strip()
    match = _UNIT_SPLIT_RE.match(text)
    factor = 1.0
    if match:
        unit = match.group(2).lower()
        if unit not in UNITS:
            raise InvalidComponent(f"Unknown weight unit {match.group(2)[:20]!r}")
        factor = UNITS[unit]
        text = match.group(1)
    value = in_kilograms(parse_number(text, decimal=decimal), factor)
    if not math.isfinite(value):
        raise InvalidFormat(f"Not a finite weight: {s[:40]!r}")
    return value


def rounding(raw: str, kg: float) -> float | None:
    """Half the unit of the last digit a weight of `kg` was printed with as `raw`, in kilograms: how far the paper's
    figure may lie from the weight it rounds. None when `raw` is no printed figure.

    >>> rounding('0.400', 0.4), rounding('7,6 кг', 7.6), rounding('7 kg', 7.0), rounding('4,37 т', 4370.0)
    (0.0005, 0.05, 0.5, 5.0)
    >>> rounding('1,018', 1018.0), rounding('1,018', 1.018)
    (0.5, 0.0005)
    """
    text = raw.strip()
    match = _UNIT_SPLIT_RE.match(text)
    factor = UNITS.get(match.group(2).lower(), 0.0) if match else 1.0
    number = match.group(1) if match else text
    if not factor or not _NUMBER_CHARS_RE.match(number):
        return None
    decimals = 0
    if (last := re.search(r"([.,])(\d+)$", number)) is not None:
        try:
            if abs(in_kilograms(parse_number(number, decimal=last.group(1)), factor) - kg) < 1e-6:
                decimals = len(last.group(2))  # the mark was the decimal one: the reader read it so
        except ValueError:  # InvalidFormat among them
            pass
    return round(0.5 * 10.0 ** -decimals * factor, 6)


MISREAD_DIGITS = 3
"""Digits two figures must share for one to be the other misread: fewer agree by chance."""


def _digits(kg: float) -> str:
    return format(round(kg, 3), "f").rstrip("0").rstrip(".").replace(".", "").lstrip("0")


def misread_alike(read: float, other: float) -> bool:
    """Whether a scan's figure `read` is `other` with its decimal mark lost or moved (`45048` for 4504,8, `547 600`
    for 547,600), its leading digits lost (`216,1` for 8 216,1; `72,6` for 9 072,6), or both (`9575` for 6 957,5,
    four digits at least): the same digits, which a true difference of weights does not keep. At least
    `MISREAD_DIGITS` of them.

    >>> misread_alike(45048, 4504.8), misread_alike(547600, 547.6), misread_alike(216.1, 8216.1), misread_alike(72.6, 9072.6)
    (True, True, True, True)
    >>> misread_alike(9575, 6957.5), misread_alike(575, 6957.5)
    (True, False)
    >>> misread_alike(4504.8, 4504.8), misread_alike(4054.8, 4504.8), misread_alike(121, 1201), misread_alike(7, 1007)
    (False, False, False, False)
    """
    mine, theirs = _digits(read), _digits(other)
    if min(len(mine.rstrip("0")), len(theirs.rstrip("0"))) < MISREAD_DIGITS or read <= 0 or other <= 0:
        return False
    ratio = math.log10(read / other)
    if mine.rstrip("0") == theirs.rstrip("0") and round(ratio) != 0 and abs(ratio - round(ratio)) < 1e-6:
        return True  # a power of ten apart: the decimal mark
    if MISREAD_DIGITS < len(mine) < len(theirs) and theirs.endswith(mine):
        return True  # the leading digits and the mark both lost (`9575` for 6 957,5): a longer run of the same digits
    return read < other and any(abs(other % 10.0 ** k - read) < 1e-6 for k in range(2, len(str(int(other))) + 1))


_WEIGHT_RE = re.compile(
    r"(?<![\w.,])"
    r"(?P<number>\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)"
    r"[ \t\u00a0]{0,3}(?P<unit>" + "|".join(re.escape(u) for u in _TEXT_UNITS) + r")"
    r"(?![^\W\d_]|-[^\W\d_])",  # a whole unit, not "5 T-shirts"
    re.IGNORECASE,
)


def find_weights(text: str, decimal: str | None = None) -> list[tuple[float, str, int, int]]:
    """Numbers followed by a weight unit: (kilograms, raw text, start, end), in reading order."""
    found = []
    for m in _WEIGHT_RE.finditer(text):
        try:
            kg = in_kilograms(parse_number(m.group("number"), decimal=decimal), UNITS[m.group("unit").lower()])
        except InvalidFormat:
            continue
        if math.isfinite(kg):
            found.append((kg, m.group(), m.start(), m.end()))
    return found
