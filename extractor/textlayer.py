"""Words from a PDF page's text layer, and the test of whether that layer is real text or scanner garbage."""

from __future__ import annotations

import re
from typing import Any

from extractor.models import Word

_VALID = re.compile(r"[0-9A-Za-zА-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі.,:;/()\-№%«»\"'+*=]")
MIN_VALID_CHARS = 20
MIN_VALID_SHARE = 0.75


def is_real_text(words: list[dict[str, Any]]) -> bool:
    """True when the layer has enough characters and most of them are letters, digits or punctuation."""
    text = "".join(str(w.get("text", "")) for w in words)
    if len(text) < MIN_VALID_CHARS:
        return False
    valid = len(_VALID.findall(text))
    if valid / len(text) < MIN_VALID_SHARE:
        return False
    # a scanner's invisible layer of one-letter fragments is not text either
    long_words = sum(1 for w in words if len(str(w.get("text", ""))) >= 3)
    return long_words >= max(3, len(words) // 5)


def words_from_plumber(raw: list[dict[str, Any]]) -> list[Word]:
    """Turns pdfplumber words into Words, giving each visual line one id."""
    ordered = sorted(raw, key=lambda w: (float(w["top"]), float(w["x0"])))
    words: list[Word] = []
    line_id = 0
    line_top: float | None = None
    line_bottom = 0.0
    for w in ordered:
        top, bottom = float(w["top"]), float(w["bottom"])
        height = max(1.0, bottom - top)
        if line_top is None or top > line_top + 0.6 * height or bottom < line_top:
            line_id += 1
            line_top, line_bottom = top, bottom
        else:
            line_bottom = max(line_bottom, bottom)
        words.append(
            Word(
                text=str(w["text"]),
                bbox=(float(w["x0"]), top, float(w["x1"]), bottom),
                confidence=1.0,
                line_id=line_id,
            )
        )
    return words
