"""A value read from a line, with the page, box, confidence and raw text the checks cite."""

from __future__ import annotations

from collections.abc import Iterable

from extractor.field_models import FieldValue
from extractor.readers.layout import Line


def field_value(value: str | float, line: Line, start: int, end: int, *, role: str | None = None,
                verified: bool = False, confidence: float | None = None) -> FieldValue:
    conf = line.confidence_of(start, end) if confidence is None else confidence
    if verified:
        conf = max(conf, 0.9)
    words = line.words_in(start, end)
    source = "reread" if line.reread else ("text" if all(w.confidence >= 0.999 for w in words) else "ocr")
    return FieldValue(
        value=value, page=line.page, bbox=line.box_of(start, end), confidence=round(min(1.0, conf), 3),
        raw=line.text[start:end], role=role, verified=verified, source=source,
    )


def dedupe(values: Iterable[FieldValue]) -> list[FieldValue]:
    """One entry per (value, role), the most trustworthy first seen."""
    best: dict[tuple[str, str | None], FieldValue] = {}
    for v in values:
        key = (str(v.value), v.role)
        old = best.get(key)
        if old is None or (v.verified, v.confidence) > (old.verified, old.confidence):
            best[key] = v
    return sorted(best.values(), key=lambda v: (v.page, v.bbox[1] if v.bbox else 0, v.bbox[0] if v.bbox else 0))
