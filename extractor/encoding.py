"""Text files as Windows tools save them: UTF-16 with its byte-order mark (PowerShell, Excel's "Unicode text"),
UTF-8 with or without one (Notepad), else the Cyrillic ANSI code page cp1251 that Kazakh and Russian offices use."""

from __future__ import annotations


def decode_text(data: bytes) -> str:
    """The text of a CSV, an application JSON or a sniffed head; latin-1 last, as it takes any bytes."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")
