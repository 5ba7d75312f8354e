"""Lines of a page as strings whose character spans map back to word boxes.

Readers run regular expressions over line text, then turn a match into the union box of the words it covers, so
every value keeps its page, box and confidence.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from extractor.models import BBox, Page, Word, union


@dataclass
class Line:
    page: int
    words: list[Word]
    text: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)  # char span of each word in `text`
    reread: bool = False

    @classmethod
    def of(cls, page: int, words: list[Word], reread: bool = False) -> Line:
        words = sorted(words, key=lambda w: w.bbox[0])
        parts: list[str] = []
        spans: list[tuple[int, int]] = []
        pos = 0
        for w in words:
            if parts:
                parts.append(" ")
                pos += 1
            spans.append((pos, pos + len(w.text)))
            parts.append(w.text)
            pos += len(w.text)
        return cls(page, words, "".join(parts), spans, reread)

    @property
    def bbox(self) -> BBox:
        return union([w.bbox for w in self.words])

    @property
    def ocr(self) -> bool:
        """Read by OCR (a re-read, or any word below a text layer's certainty), so misreads are to be expected."""
        return self.reread or any(w.confidence < 0.999 for w in self.words)

    @property
    def top(self) -> float:
        """Where most of the line's words start: one tall garbled word (a country cell spanning two rows, read as
        `Dee`) stretches `bbox` up over the header above the row."""
        return statistics.median(w.bbox[1] for w in self.words) if self.words else 0.0

    @property
    def height(self) -> float:
        return max(1.0, min(w.bbox[3] - w.bbox[1] for w in self.words)) if self.words else 1.0

    @cached_property
    def space(self) -> float | None:
        """The line's usual space between words, None when too few words stand close. Gaps are measured against
        the narrowest: a proportional face spaces words by half a letter's height, a typewriter by about one, and
        a photo of a form's letter-spaced print by two or three, so a gap wide for one is a space for another.
        A gap over three times the tallest word is a cell's, whatever the face. (Asked for every number a reader
        tries on the line: computed once.)"""
        if len(self.words) < 4:
            return None
        tallest = max(w.bbox[3] - w.bbox[1] for w in self.words)
        gaps = [b.bbox[0] - a.bbox[2] for a, b in zip(self.words, self.words[1:], strict=False)]
        gaps = [g for g in gaps if 0.1 * tallest < g <= 3 * tallest]
        if not gaps:
            return None
        spaces = [g for g in gaps if g <= 2 * min(gaps)]
        return statistics.median(spaces) if len(spaces) >= 3 else None

    def parts(self, gap: float, height: float, heights: float, spaces: float) -> bool:
        """A gap between two of the line's words that parts two cells or boxes: wider than `heights` word heights
        (of `height`) and than `spaces` of the line's own spaces."""
        return gap > max(heights * max(1.0, height), spaces * (self.space or 0.0))

    def _spanned(self, start: int, end: int) -> list[tuple[Word, tuple[int, int]]]:
        return [(w, (a, b)) for w, (a, b) in zip(self.words, self.spans, strict=True) if a < end and b > start]

    def words_in(self, start: int, end: int) -> list[Word]:
        return [w for w, _ in self._spanned(start, end)]

    def box_of(self, start: int, end: int) -> BBox:
        hits = self._spanned(start, end)
        if len(hits) == 1:
            w, (a, b) = hits[0]
            lo, hi = max(a, start), min(b, end)
            if (lo, hi) != (a, b):
                # part of one word (`VIN:XW8...`, two VINs glued by a comma): the share of its width those
                # characters take, so the evidence box shows the value and two values keep two boxes
                x0, y0, x1, y1 = w.bbox
                per = (x1 - x0) / (b - a)
                return (x0 + per * (lo - a), y0, x0 + per * (hi - a), y1)
        return union([w.bbox for w, _ in hits]) if hits else self.bbox

    def confidence_of(self, start: int, end: int) -> float:
        ws = self.words_in(start, end)
        return min((w.confidence for w in ws), default=0.0)


TALL_WORD = 2.5
"""A word this many times the page's median word height may stand over several text rows."""
TALL_DOUBT = 0.3
"""...and is taken for noise, not a word of any of them, when read with less confidence than this."""


def page_lines(page: Page) -> list[Line]:
    """Visual lines: words grouped by vertical overlap, so OCR blocks split across columns still join up."""
    if page.unit == "cell":
        by_row: dict[int, list[Word]] = {}
        for w in page.words:
            by_row.setdefault(w.line_id, []).append(w)
        return [Line.of(page.number, ws) for _, ws in sorted(by_row.items())]
    return [Line.of(page.number, ws) for ws in visual_lines(page.words)]


def visual_lines(words: list[Word]) -> list[list[Word]]:
    """Words of a raster page grouped into lines by vertical overlap, top to bottom."""
    words = sorted(words, key=lambda w: ((w.bbox[1] + w.bbox[3]) / 2, w.bbox[0]))
    tall = TALL_WORD * statistics.median(w.bbox[3] - w.bbox[1] for w in words) if words else 0.0
    lines = _rows([w for w in words if w.bbox[3] - w.bbox[1] <= tall])
    apart: list[list[Word]] = []
    for w in (w for w in words if w.bbox[3] - w.bbox[1] > tall):
        # a column of row numbers OCR read as one garbled word, a stamp, a signature: standing over the middles of
        # several rows, it would join them into one line (`8703 8703 8703 24 24 24`); it is a line of its own. A
        # word of a large title, or one read surely whose box a speck stretched (`[итого`), joins its row.
        middles = sum(w.bbox[1] <= (min(x.bbox[1] for x in ln) + max(x.bbox[3] for x in ln)) / 2 <= w.bbox[3]
                      for ln in lines)
        if middles >= 2 and w.confidence < TALL_DOUBT:
            apart.append([w])
        else:
            _join(lines, w, len(lines))
    lines.sort(key=lambda ln: min((x.bbox[1] + x.bbox[3]) / 2 for x in ln))
    return lines + apart


def _rows(words: list[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for w in words:
        _join(lines, w, 3)
    return lines


RULE_MARKS = "|¦[]!"
"""What OCR makes of a table's vertical rule."""
_RULE = re.compile(f"[{re.escape(RULE_MARKS)}]+")


def _join(lines: list[list[Word]], w: Word, last: int) -> None:
    """Puts `w` in the one of the `last` lines whose band holds its middle, else in a line of its own."""
    cy = (w.bbox[1] + w.bbox[3]) / 2
    h = w.bbox[3] - w.bbox[1]
    for ln in reversed(lines[-last:]):
        # a table's vertical rule read as `|` spans the rows beside it: it must not stretch its row's band down
        # over the next row (`35 Вес брутто | 36 ...` over `3440 | 00-00-00`)
        band = [x for x in ln if not _RULE.fullmatch(x.text)] or ln
        top = min(x.bbox[1] for x in band)
        bottom = max(x.bbox[3] for x in band)
        if (top - 0.1 * h <= cy <= bottom + 0.1 * h and abs((bottom - top) - h) < 1.5 * max(h, bottom - top)
                and not any(_stacked(w, x) for x in ln)):
            ln.append(w)
            return
    lines.append([w])


def _stacked(a: Word, b: Word) -> bool:
    """One word over the other: a line holds no two words at the same place across. A form's column of
    description lines beside a column of box titles and figures at another pitch would otherwise chain rows of
    both into one line (`ДЛЯ УПАКОВКИ 35 Вес ПРОИЗВ. 12 брутто 450,500`)."""
    overlap = min(a.bbox[2], b.bbox[2]) - max(a.bbox[0], b.bbox[0])
    narrower = min(a.bbox[2] - a.bbox[0], b.bbox[2] - b.bbox[0])
    apart = abs((a.bbox[1] + a.bbox[3]) - (b.bbox[1] + b.bbox[3])) / 2
    return overlap > 0.5 * narrower and apart > 0.25 * max(a.bbox[3] - a.bbox[1], b.bbox[3] - b.bbox[1])


SEGMENT_SPACES = 3.0
"""A gap this many of the line's spaces wide, and `gap_factor` word heights, parts two cells or boxes."""


def segments(line: Line, gap_factor: float = 2.5) -> list[Line]:
    """Splits a visual line where words are far apart: table cells and form boxes side by side."""
    if not line.words:
        return []
    out: list[list[Word]] = [[line.words[0]]]
    for prev, w in zip(line.words, line.words[1:], strict=False):
        h = min(prev.bbox[3] - prev.bbox[1], w.bbox[3] - w.bbox[1])
        if line.parts(w.bbox[0] - prev.bbox[2], h, gap_factor, SEGMENT_SPACES):
            out.append([w])
        else:
            out[-1].append(w)
    return [Line.of(line.page, ws, line.reread) for ws in out]


def reread_lines(page: Page) -> list[Line]:
    return [Line.of(page.number, [w], reread=True) for w in page.rereads]


def finditer(line: Line, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    yield from pattern.finditer(line.text)


def below(lines: list[Line], anchor: BBox, max_lines: int = 3, slack: float = 0.5) -> list[Line]:
    """Lines under `anchor` that overlap its horizontal extent: a value printed beneath its label or box title."""
    x0, _, x1, y1 = anchor
    width = x1 - x0
    out: list[Line] = []
    for ln in sorted(lines, key=lambda ln: ln.bbox[1]):
        bx0, by0, bx1, _ = ln.bbox
        if by0 < y1 - 1:
            continue
        overlap = min(x1 + slack * width, bx1) - max(x0 - slack * width, bx0)
        if overlap > 0:
            out.append(ln)
        if len(out) >= max_lines:
            break
    return out


def right_of(seg: Line, segs: list[Line]) -> Line | None:
    """The nearest segment to the right of `seg` on the same visual line."""
    x0, y0, x1, y1 = seg.bbox
    h = y1 - y0
    best: Line | None = None
    for o in segs:
        if o is seg or o.page != seg.page or o.bbox[0] < x1 - 1 or not any(ch.isalnum() for ch in o.text):
            continue  # a speck OCR read as `:` or `_` between a label and its value is not the next cell
        overlap = min(y1, o.bbox[3]) - max(y0, o.bbox[1])
        if overlap < 0.5 * min(h, o.bbox[3] - o.bbox[1]):
            continue
        if best is None or o.bbox[0] < best.bbox[0]:
            best = o
    return best
