"""Finding messages in Russian, Kazakh and English, kept as data in ``messages.json``.

A message key is a finding code or ``code.variant``. Placeholders are filled by name;
a document type placeholder (``doc_type``) is replaced by its translated name and the
paragraph cited (``rule``) is translated too.
"""

from __future__ import annotations

import json
import string
from functools import cache
from pathlib import Path
from typing import Any

LANGS = ("ru", "kk", "en")
_ALIASES = {"kz": "kk", "kaz": "kk", "rus": "ru", "eng": "en"}
_PATH = Path(__file__).with_name("messages.json")


@cache
def _data() -> dict[str, Any]:
    with _PATH.open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def lang_code(lang: str | None) -> str:
    """One of :data:`LANGS`; unknown languages fall back to Russian, the portal's language."""
    code = (lang or "ru").strip().lower()
    code = _ALIASES.get(code, code)
    return code if code in LANGS else "ru"


def message_keys() -> list[str]:
    return sorted(_data()["messages"])


def template(key: str, lang: str) -> str:
    """The raw template of a key; a variant missing falls back to its code's message."""
    messages = _data()["messages"]
    entry = messages.get(key) or messages[key.split(".", 1)[0]]
    return str(entry[lang_code(lang)])


def placeholders(key: str, lang: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template(key, lang)) if name}


def doc_type_name(doc_type: str, lang: str) -> str:
    names = _data()["doc_types"].get(str(doc_type))
    return str(names[lang_code(lang)]) if names else str(doc_type)


def cite(rule: str, lang: str) -> str:
    """A citation such as ``Rules 763 p.17`` in the message language."""
    out = rule
    for source, names in _data()["citations"].items():
        out = out.replace(source, names[lang_code(lang)])
    return out


def month_name(month: int, lang: str) -> str:
    return str(_data()["months"][lang_code(lang)][month - 1])


class _Blank(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return ""


def render_all(key: str, **values: Any) -> dict[str, str]:
    """The message of `key` in every language; a value that depends on the language is a function of it."""
    return {
        lang: render(key, lang, **{k: v(lang) if callable(v) else v for k, v in values.items()}) for lang in LANGS
    }


def render(key: str, lang: str, **values: Any) -> str:
    """The message of `key` in `lang` with the placeholders filled (missing ones left empty)."""
    lang = lang_code(lang)
    filled = _Blank(values)
    if filled.get("doc_type"):
        filled["doc_type"] = " / ".join(doc_type_name(t, lang) for t in str(filled["doc_type"]).split("|"))
    if filled.get("date_kind"):
        roles = _data()["date_roles"].get(str(filled["date_kind"]))
        filled["date_kind"] = roles[lang] if roles else filled["date_kind"]
    if filled.get("rule"):
        filled["rule"] = cite(str(filled["rule"]), lang)
    return template(key, lang).format_map(filled)
