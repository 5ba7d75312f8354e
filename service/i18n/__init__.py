"""UI strings per language, kept as data files (ru.json, kk.json, en.json); Russian is the fallback."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
LANGUAGES = ("ru", "kk", "en")


@lru_cache(maxsize=8)
def strings(lang: str) -> dict[str, str]:
    path = HERE / f"{lang if lang in LANGUAGES else 'ru'}.json"
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


def translator(lang: str):  # type: ignore[no-untyped-def]
    """A `t(key, **fmt)` for templates: the language's string, else Russian, else the key itself."""
    own, fallback = strings(lang), strings("ru")

    def t(key: str, **fmt: object) -> str:
        text = own.get(key) or fallback.get(key) or key
        return text.format(**fmt) if fmt else text

    return t
