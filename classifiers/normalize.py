"""Text folding for matching noisy OCR against titles and labels.

OCR mixes Latin and Cyrillic look-alikes ("СМR", "Paсking"), drops Kazakh letters (қ -> к) and breaks words, so
titles and page text are folded the same way before comparing: lower case, ё -> е, Kazakh letters to their
Russian look-alikes, Cyrillic letters that look Latin to Latin, punctuation to spaces. The folded text is for
matching only; identifiers are read from the original text.

>>> fold("СЧЁТ-ФАКТУРА №12")
'cчet фaktypa 12'
>>> fold("Қабылдау") == fold("Кабылдау") == fold("Kaбылдay")
True
"""

from __future__ import annotations

import re

_KAZAKH = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х", "і": "i",
                         "ё": "е", "й": "и"})
# Cyrillic letters with a Latin twin in print (lower case, after folding upper case)
_HOMOGLYPHS = str.maketrans({"а": "a", "в": "b", "е": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
                             "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ј": "j"})
_NON_WORD = re.compile(r"[^0-9a-zа-я]+")


def fold(text: str) -> str:
    """Folded text with single spaces between runs of letters and digits."""
    t = text.lower().translate(_KAZAKH).translate(_HOMOGLYPHS)
    return _NON_WORD.sub(" ", t).strip()


def squash(text: str) -> str:
    """Folded text without spaces: matches titles whose words OCR split or glued."""
    return fold(text).replace(" ", "")
