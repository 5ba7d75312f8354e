"""Lines of a page with a layout weight: titles sit near the top and in larger type than the body.

The weight multiplies a title match, so "INVOICE" printed large at the top counts for more than "Invoice No."
in a packing list's small print further down.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

from classifiers.normalize import fold
from extractor.models import Page

TOP = 0.22
UPPER = 0.45
MIN_SIZE, MAX_SIZE = 0.7, 2.0


@dataclass(frozen=True)
class Line:
    text: str
    folded: str
    squashed: str
    top: float
    """Relative position of the line's top edge on the page, 0 (top) to 1 (bottom)."""
    size: float
    """Median word height over the page's median word height."""

    @property
    def weight(self) -> float:
        pos = 1.5 if self.top < TOP else 1.1 if self.top < UPPER else 0.7
        return pos * min(MAX_SIZE, max(MIN_SIZE, self.size))


def page_lines(page: Page) -> list[Line]:
    """The page's non-empty lines in reading order, folded, with position and relative type size."""
    groups = page.lines()
    heights = [w.bbox[3] - w.bbox[1] for ws in groups for w in ws if w.bbox[3] > w.bbox[1]]
    med = median(heights) if heights else 1.0
    by_rank = page.unit == "cell" or page.height <= 0
    out: list[Line] = []
    for k, ws in enumerate(groups):
        text = " ".join(w.text for w in ws)
        folded = fold(text)
        if not folded:
            continue
        if by_rank:
            top, size = min(1.0, k / 20), 1.0
        else:
            top = max(0.0, min(1.0, min(w.bbox[1] for w in ws) / page.height))
            hs = [w.bbox[3] - w.bbox[1] for w in ws if w.bbox[3] > w.bbox[1]]
            size = (median(hs) / med) if hs and med > 0 else 1.0
        out.append(Line(text, folded, folded.replace(" ", ""), top, size))
    return out
