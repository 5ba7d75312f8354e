"""Look-alike letters across Latin and Cyrillic, for OCR'd codes, plates and numbers.

OCR engines running with Russian and Kazakh models read a Latin code such as
``XW8ZZZ61ZDG000001`` with Cyrillic letters, and documents typed in Cyrillic
layouts mix both scripts. These maps are letter for letter (the length and
positions of a string never change); digit repairs such as ``O`` -> ``0`` are
only made by :func:`to_digits`, for places known to hold a number or a code.

>>> to_latin('ХТА21099'), to_cyrillic('A123BC'), to_latin('512АҒС16')
('XTA21099', 'А123ВС', '512AFC16')
>>> looks_like_code('XW8ZZZ61'), looks_like_code('Москва'), looks_like_code('87032390')
(True, False, True)
>>> normalise_code_token('хw8zzz')
'XW8ZZZ'
>>> to_digits('8703 2З 9О8 7')
'8703 23 908 7'
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import combinations, product

__all__ = [
    "LETTER_DIGITS", "OCR_DIGIT_CONFUSIONS", "RARER_DIGIT_CONFUSIONS", "cyrillic_print", "digit_misreadings",
    "fold_kazakh", "looks_like_code",
    "normalise_code_token", "script_letters", "to_cyrillic", "to_digits", "to_latin",
]

_CYRILLIC = "АВЕКМНОРСТХУаеорксхуІіЅѕЈј"
_LATIN = "ABEKMHOPCTXYaeopkcxyIiSsJj"
# Kazakh OCR reads a plate's F as Ғ (`512АҒС16`); one way only, as no Latin F is ever a Ғ in Cyrillic text
_TO_LATIN = str.maketrans(_CYRILLIC + "Ғғ", _LATIN + "Ff")
_TO_CYRILLIC = str.maketrans(_LATIN, _CYRILLIC)
_KAZAKH_FOLD = str.maketrans("әғқңөұүһіё", "агкноуухие")
# Letters that stand for digits where only a digit can be (Latin and Cyrillic).
_DIGIT_LETTERS, _THEIR_DIGITS = "OoОоQDIl|ІіЗзБ", "00000011111336"
_TO_DIGITS = str.maketrans(_DIGIT_LETTERS, _THEIR_DIGITS)
LETTER_DIGITS: dict[str, str] = {**dict(zip(_DIGIT_LETTERS, _THEIR_DIGITS, strict=True)),
                                 "G": "60", "S": "5", "B": "8", "В": "8", "Z": "2", "i": "1"}
"""Every digit each letter may stand for in a code (`to_digits`'s sure ones, and the shapes a scan gives a 0, 6, 5,
8 or 2, or a 1 read as a Latin i: `4011 50 000 i`): where a nomenclature decides between the readings."""


OCR_DIGIT_CONFUSIONS = {"0": "689", "6": "058", "8": "0369", "9": "08", "3": "8", "5": "6", "1": "7", "7": "1"}
"""Digits a degraded scan turns into one another: the closed loops (0 6 8 9), 3/8, 5/6, 1/7."""
RARER_DIGIT_CONFUSIONS = {**OCR_DIGIT_CONFUSIONS, "2": "17", "5": "68"}
"""With the rarer misreads of blurred phone photos: a 1's foot or a 7's stroke read as 2, an 8 as 5 (each seen in
the benchmark's HS codes: `7020` for `7010`, `5703` for `8703`). Worth trying only where validation is strict: one
TN VED code in almost a million ten-digit numbers, not a date, where nearly every reading is valid."""


def digit_misreadings(digits: str, edits: int = 1, rarer: bool = False) -> Iterator[str]:
    """The readings exactly `edits` look-alike digits away from `digits` (what it may have been before OCR)."""
    table = RARER_DIGIT_CONFUSIONS if rarer else OCR_DIGIT_CONFUSIONS
    for positions in combinations(range(len(digits)), edits):
        for news in product(*(table.get(digits[i], "") for i in positions)):
            chars = list(digits)
            for i, new in zip(positions, news, strict=True):
                chars[i] = new
            yield "".join(chars)


_CYRILLIC_ONLY = frozenset("ЖДЛФЦШЩЫЭЮЯҚҒҢӨҰӘҺ")
"""Cyrillic letters with no Latin look-alike in a VIN's alphabet."""


def cyrillic_print(word: str) -> bool:
    """Two letters or more that no Latin letter looks like: a word printed in Cyrillic (`ВЭД`, `ЖҮКҚҰЖАТ`), not a
    code the page pass read with Cyrillic look-alikes (`ХТА21099`)."""
    return sum(ch in _CYRILLIC_ONLY for ch in word.upper()) >= 2


def to_latin(s: str) -> str:
    """Replace Cyrillic letters that look Latin (А В Е К М Н О Р С Т Х У...) by the Latin letters."""
    return s.translate(_TO_LATIN)


def script_letters(s: str) -> tuple[int, int]:
    """The Latin and the Cyrillic letters in `s`, counted: which script a paper is written in."""
    return len(re.findall(r"[A-Za-z]", s)), len(re.findall(r"[А-Яа-яЁё]", s))


def to_cyrillic(s: str) -> str:
    """Replace Latin letters that look Cyrillic (A B E K M H O P C T X Y...) by the Cyrillic letters."""
    return s.translate(_TO_CYRILLIC)


def fold_kazakh(s: str) -> str:
    """Lower case with Kazakh letters (and ё) folded to their Russian twins: `Қорғас` and a scan's `Коргас` meet.

    >>> fold_kazakh('Нұр Жолы')
    'нур жолы'
    """
    return s.lower().translate(_KAZAKH_FOLD)


def to_digits(s: str) -> str:
    """Replace letters commonly misread for digits (O/О/Q/D -> 0, I/l/| -> 1, З -> 3, Б -> 6)."""
    return s.translate(_TO_DIGITS)


def looks_like_code(token: str) -> bool:
    """Whether a token looks like an identifier: 6+ characters mixing digits and letters,
    or 8+ digits (separators such as spaces, dots and dashes are ignored)."""
    chars = [c for c in token if c.isalnum()]
    if not chars:
        return False
    digits = sum(c.isdigit() for c in chars)
    letters = sum(c.isalpha() for c in chars)
    if digits == len(chars):
        return digits >= 8
    return len(chars) >= 6 and digits > 0 and letters > 0


def normalise_code_token(token: str) -> str:
    """Cyrillic look-alikes to Latin, then upper case (letter for letter; no digit repairs)."""
    upper = "".join(u if len(u := c.upper()) == 1 else c for c in token)
    return upper.translate(_TO_LATIN)
