"""Pages and files built from positioned text, with type size, for classifier tests (no PDF, no OCR)."""

from __future__ import annotations

import random
from typing import Any

from extractor.models import ExtractedFile, FileKind, Page, PageSource, Word

CHAR_W = 0.55
BODY = 9.0

Row = tuple[Any, ...]
"""(y, text) in points from the top, or (y, text, type size)."""

_HOMOGLYPHS = {"а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "х": "x", "А": "A", "В": "B", "Е": "E",
               "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T", "Х": "X"}
_KAZAKH = {"қ": "к", "ә": "а", "ө": "о", "ү": "у", "ұ": "у", "і": "i", "ң": "н", "ғ": "г", "Қ": "К", "Ә": "А",
           "Ө": "О", "Ү": "У", "Ұ": "У", "І": "I", "Ң": "Н", "Ғ": "Г"}


def page(rows: list[Row], number: int = 1, source: PageSource = PageSource.text_layer, x: float = 40.0) -> Page:
    words: list[Word] = []
    for line_id, row in enumerate(rows, start=1):
        y, text = row[0], row[1]
        size = float(row[2]) if len(row) > 2 else BODY
        cx = x
        for token in text.split():
            w = len(token) * size * CHAR_W
            words.append(Word(text=token, bbox=(cx, y, cx + w, y + size), confidence=0.95, line_id=line_id))
            cx += w + size * CHAR_W
    unit = "cell" if source == PageSource.spreadsheet else "pt"
    return Page(number=number, width=595, height=842, unit=unit, source=source, words=words)


def body(lines: list[str], start: float = 200.0, step: float = 14.0) -> list[Row]:
    """Body lines in normal type, one below the other."""
    return [(start + k * step, t) for k, t in enumerate(lines)]


def ocr_noise(p: Page, seed: int = 1, rate: float = 0.12) -> Page:
    """The page as a poor scan reads: Cyrillic letters swapped for Latin twins, Kazakh letters lost,
    characters dropped and a few words split in two."""
    rng = random.Random(seed)
    words: list[Word] = []
    for w in p.words:
        chars: list[str] = []
        for ch in w.text:
            r = rng.random()
            if ch in _KAZAKH:
                chars.append(_KAZAKH[ch])
            elif r < rate and ch in _HOMOGLYPHS:
                chars.append(_HOMOGLYPHS[ch])
            elif r > 1 - rate / 4 and len(w.text) > 6:
                continue
            else:
                chars.append(ch)
        text = "".join(chars) or w.text
        if len(text) > 10 and rng.random() < rate:
            k = len(text) // 2
            x0, y0, x1, y1 = w.bbox
            xm = x0 + (x1 - x0) / 2
            words.append(w.model_copy(update={"text": text[:k], "bbox": (x0, y0, xm, y1), "confidence": 0.6}))
            words.append(w.model_copy(update={"text": text[k:], "bbox": (xm + 1, y0, x1, y1), "confidence": 0.6}))
        else:
            words.append(w.model_copy(update={"text": text, "confidence": 0.7}))
    return p.model_copy(update={"words": words, "source": PageSource.ocr, "unit": "px"})


def renumber(p: Page, number: int) -> Page:
    return p.model_copy(update={"number": number})


def file_of(pages: list[Page], name: str = "bundle.pdf", kind: FileKind = FileKind.pdf) -> ExtractedFile:
    pages = [renumber(p, k) for k, p in enumerate(pages, start=1)]
    return ExtractedFile(name=name, sha256="0" * 64, size=1, kind=kind, pipeline_version="test", pages=pages)
