"""Pages built straight from positioned text, for reader tests that need layout but not a PDF."""

from __future__ import annotations

from collections.abc import Sequence

from extractor.field_models import FieldValue
from extractor.models import Page, PageSource, Word

CHAR_W = 6.0
LINE_H = 12.0


def page(rows: Sequence[tuple[float, float, str]], number: int = 1, source: PageSource = PageSource.text_layer,
         space: float = CHAR_W, height: float = LINE_H) -> Page:
    """`rows` are (x, y, text) in points; each text is split into words the way a text layer gives them. A space
    is as wide as a character unless `space` says otherwise (a typewriter's is wider than a word is tall)."""
    words: list[Word] = []
    for line_id, (x, y, text) in enumerate(rows, start=1):
        cx = x
        for token in text.split(" "):
            if token:
                w = len(token) * CHAR_W
                words.append(Word(text=token, bbox=(cx, y, cx + w, y + height), confidence=1.0, line_id=line_id))
                cx += w + space
            else:
                cx += space
    return Page(number=number, width=595, height=842, unit="pt", source=source, words=words)


def stacked(texts: list[str], x: float = 40, top: float = 30, step: float = 20) -> list[tuple[float, float, str]]:
    """`page` rows for lines printed one under another at the left margin: most forms' key-value lines."""
    return [(x, top + k * step, text) for k, text in enumerate(texts)]


def scan_page(rows: Sequence[tuple[float, float, str]], confidence: float = 0.9, space: float = CHAR_W) -> Page:
    """`rows` as OCR gives them: an OCR page whose words all carry `confidence`."""
    p = page(rows, source=PageSource.ocr, space=space)
    return p.model_copy(update={"words": [w.model_copy(update={"confidence": confidence}) for w in p.words]})


def values(fvs: list[FieldValue]) -> list[str | float]:
    """The values alone, in the order read: what most reader assertions compare."""
    return [fv.value for fv in fvs]
