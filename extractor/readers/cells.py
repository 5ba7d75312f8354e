"""Where words sit: one cell or two, the rows above a line, a value beside or under its label.

The field readers find values next to their labels by these, never by a template's coordinates."""

from __future__ import annotations

import re
import statistics

from extractor.field_models import FieldValue
from extractor.models import BBox, Word, same_box
from extractor.readers.layout import Line
from extractor.readers.patterns import UNIT_RE
from extractor.readers.vocabulary import find_labels


def same_place(a: FieldValue, b: FieldValue) -> bool:
    return a.page == b.page and a.bbox is not None and b.bbox is not None and same_box(a.bbox, b.bbox)


def lines_above(lines: list[Line], ln: Line, n: int) -> list[Line]:
    """The nearest lines above `ln` that overlap it horizontally. A line's bottom is that of most of its words: a
    stamp or signature OCR'd into the line stretches its box down over the lines below."""
    x0, y0, x1, _ = ln.bbox
    cands = [
        (bottom, o) for o in lines
        if o.page == ln.page and not o.reread and o.words and min(o.bbox[2], x1) > max(o.bbox[0], x0) - 5
        and (bottom := statistics.median(w.bbox[3] for w in o.words)) <= y0 + 1 and o.bbox[1] < y0
    ]
    cands.sort(key=lambda c: -c[0])
    return [o for _, o in cands[:n]]


def under_label(lines: list[Line], ln: Line, box: BBox, label: re.Pattern[str], rows: int = 8) -> bool:
    """A column header a few table rows above `box` (`Zolltarifnr.` over the second row's code) says `label`."""
    x0, _, x1, _ = box
    return any(label.search(" ".join(w.text for w in above.words if min(w.bbox[2], x1) > max(w.bbox[0], x0)))
               for above in lines_above(lines, ln, rows))


BOX_NUMBER = re.compile(r"(?<![\w.,])(?:\d{1,3}(?=[A-Za-zА-Яа-яЁё])|\d{1,2}\s+(?=[A-Za-zА-Яа-яЁё]{2}))")


CELL_GAP = 1.2
"""Word heights of space between two words side by side that puts them in different cells or columns."""
SPACE_GAP = 1.5
"""And spaces of the line's face: a monospaced one spaces `41 950,3` by more than a digit's height."""


def is_cell(w: Word) -> bool:
    """A spreadsheet's or Word document's word is a whole cell, one unit square."""
    return w.bbox[2] - w.bbox[0] == 1.0 and w.bbox[3] - w.bbox[1] == 1.0


DIGIT_GAP = 1.7
"""Digit widths of space between a figure's groups (`11 803`) that may still be its thousands space: a
typewriter face's digits are short for their width, so its space is wider than CELL_GAP heights, and a line of
garbled words beside it leaves the line's own space unmeasured."""
_LEAD_GROUP = re.compile(r"\d{1,3}")
_NEXT_GROUP = re.compile(r"\d{3}(?:[.,]\d{1,3})?")


def words_apart(line: Line, a: Word, b: Word, height: float) -> bool:
    """Two words side by side on `line` stand in different cells: a spreadsheet's always (a word is a cell), a
    page's across a gap of CELL_GAP heights and SPACE_GAP of the line's spaces, unless the two read as a
    figure's groups no more than DIGIT_GAP digits apart."""
    if is_cell(a) or is_cell(b):
        return True
    gap = b.bbox[0] - a.bbox[2]
    if not line.parts(gap, height, CELL_GAP, SPACE_GAP):
        return False
    return not (_LEAD_GROUP.fullmatch(a.text) and _NEXT_GROUP.fullmatch(b.text) and
                gap <= DIGIT_GAP * (b.bbox[2] - b.bbox[0]) / len(b.text))


def spread(line: Line, start: int, end: int) -> bool:
    """The words of a space-grouped number stand in different cells or columns."""
    ws = line.words_in(start, end)
    return any(words_apart(line, a, b, a.bbox[3] - a.bbox[1]) for a, b in zip(ws, ws[1:], strict=False))


_WORD = re.compile(r"[^\W\d_]{3,}")
WORDS_BETWEEN = 2


def figure_beside(text: str, label_end: int, start: int, dt: str | None) -> bool:
    """A figure is the label's when at most a couple of words stand between them, besides the label said again
    in other languages (`Вес брутто, кг / Gross weight kg: 16700`): a box title's `... / Volume | 1)` is not."""
    between = text[label_end:start]
    for _, a, b in reversed(find_labels(between, "weight", dt)):
        between = between[:a] + between[b:]
    return len([w for w in _WORD.findall(between) if not UNIT_RE.fullmatch(w)]) <= WORDS_BETWEEN


def center(box: tuple[float, float, float, float]) -> float:
    return (box[0] + box[2]) / 2
