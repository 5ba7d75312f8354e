"""Makes client-sent file names safe to show and to key a report by; they are never used as paths."""

from __future__ import annotations

import re
import unicodedata

_BAD = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
MAX_NAME = 200


def sanitize_filename(name: str | None) -> str:
    r"""
    >>> sanitize_filename("../../etc/passwd")
    'passwd'
    >>> sanitize_filename("C:\\Users\\a\\скан 1.pdf")
    'скан 1.pdf'
    >>> sanitize_filename("  ..hidden\x00.pdf ")
    'hidden_.pdf'
    >>> sanitize_filename("")
    'file'
    """
    text = unicodedata.normalize("NFC", name or "")
    text = re.split(r"[/\\]", text)[-1]
    text = _BAD.sub("_", text).strip().lstrip(".").strip()
    if len(text) > MAX_NAME:
        stem, dot, ext = text.rpartition(".")
        text = (stem[: MAX_NAME - len(ext) - 1] + "." + ext) if dot and len(ext) <= 10 else text[:MAX_NAME]
    return text or "file"


def unique_name(name: str, taken: set[str]) -> str:
    """`name`, or `name (2).ext`... when an application already holds a file of that name.

    >>> unique_name("a.pdf", {"a.pdf", "a (2).pdf"})
    'a (3).pdf'
    """
    if name not in taken:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    n = 2
    while True:
        candidate = f"{stem} ({n}).{ext}" if ext else f"{stem} ({n})"
        if candidate not in taken:
            return candidate
        n += 1
