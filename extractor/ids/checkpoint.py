"""Kazakhstan's road and rail border checkpoints, as control passes name them.

A pass names its checkpoint in Russian (`ПП «Нур Жолы»`) or Kazakh (`«Нұр жолы» автомобиль өткізу пункті`), in
quotes or not, and a scan misreads a letter or two. :func:`canonical` maps any of these to the Russian name;
a name not in the list is still a checkpoint the pass names, only not one this module can confirm.

>>> canonical('«Нұр жолы» автомобиль өткізу пункті')
'Нур Жолы'
>>> canonical('ПП Жайсан'), canonical('Kорғас')
('Жайсан', 'Хоргос')
>>> canonical('въезд в РК') is None
True
>>> validate('Алтынкол')
'Алтынколь'
>>> canonical('Пункт пропускаБақты')
'Бахты'
"""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from extractor.ids.exceptions import InvalidFormat
from extractor.ids.homoglyphs import fold_kazakh, to_cyrillic

__all__ = ["CHECKPOINTS", "canonical", "compact", "is_valid", "validate"]

CHECKPOINTS: dict[str, tuple[str, ...]] = {
    # Russian name -> other spellings (Kazakh, Latin); border neighbour in the comment
    "Жайсан": ("Жайсаң", "Zhaisan"),  # RU
    "Сырым": ("Syrym",),  # RU
    "Таскала": ("Тасқала", "Taskala"),  # RU
    "Курмангазы": ("Құрманғазы", "Kurmangazy"),  # RU
    "Кайрак": ("Қайрақ", "Kairak"),  # RU
    "Шарбакты": ("Шарбақты", "Sharbakty"),  # RU
    "Алтынколь": ("Алтынкөл", "Altynkol"),  # CN
    "Нур Жолы": ("Нұр жолы", "Nur Zholy"),  # CN
    "Хоргос": ("Қорғас", "Khorgos", "Khorgas"),  # CN
    "Достык": ("Достық", "Dostyk"),  # CN
    "Бахты": ("Бақты", "Bakhty"),  # CN
    "Майкапчагай": ("Майқапшағай", "Майкапшагай", "Maikapchagai"),  # CN
    "Калжат": ("Көлжат", "Kalzhat"),  # CN
    "Кордай": ("Қордай", "Korday"),  # KG
    "Карасу": ("Қарасу", "Karasu"),  # KG
    "Жана Жол": ("Жаңа жол", "Zhana Zhol"),  # UZ
    "Жибек Жолы": ("Жібек жолы", "Zhibek Zholy"),  # UZ
    "Казыгурт": ("Қазығұрт", "Kazygurt"),  # UZ
    "Атамекен": ("Atameken",),  # UZ
    "Тажен": ("Tazhen",),  # UZ
}

_NOISE = re.compile(
    r"(?i)\b(?:пп|мапп|апп|п/п|пункт\w*|пропуска|автомобил\w*|өткізу|өту|checkpoint|border|crossing|point)\b|[«»\"'“”„()]"
)
_MIN_SCORE = 85.0
"""A scan's one or two misread letters in a name of five or more, never a different name."""


def compact(text: str) -> str:
    """The name alone: without quotes, `ПП`, `пункт пропуска`, `автомобиль өткізу пункті`."""
    return " ".join(_NOISE.sub(" ", text).split())


@lru_cache(maxsize=1)
def _spellings() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, others in CHECKPOINTS.items():
        for spelling in (name, *others):
            out[_key(spelling)] = name
    return out


def _key(text: str) -> str:
    # Kazakh letters and Latin look-alikes to their plain Cyrillic twins, so `Қорғас` and OCR's `Kорғас` meet
    return fold_kazakh(to_cyrillic(text))


def canonical(text: str) -> str | None:
    """The Russian name of the checkpoint `text` names, or None when it names none in the list."""
    name = compact(text)
    if len(name) < 4:
        return None
    spellings = _spellings()
    key = _key(name)
    if key in spellings:
        return spellings[key]
    best = process.extractOne(key, list(spellings), scorer=fuzz.ratio, score_cutoff=_MIN_SCORE)
    if best:
        return spellings[best[0]]
    # a name glued to the words around it (`пропускаБақты`), or among others (`«Нур Жолы» (Хоргос), ДГД по
    # области Жетысу`): the first spelling inside, the longest of those starting there
    glued = key.replace(" ", "")
    inside = [(glued.find(s.replace(" ", "")), -len(s), s) for s in spellings if len(s) >= 5]
    found = [hit for hit in inside if hit[0] >= 0]
    return spellings[min(found)[2]] if found else None


def validate(text: str) -> str:
    found = canonical(text)
    if found is None:
        raise InvalidFormat(f"'{text}' names no known checkpoint.")
    return found


def is_valid(text: str) -> bool:
    return canonical(text) is not None
