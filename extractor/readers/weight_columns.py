"""Weights read down a table: the columns under a weight header, their units, their rows and their totals."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from itertools import product

from extractor.field_models import FieldValue
from extractor.ids import weight as weight_id
from extractor.ids.homoglyphs import LETTER_DIGITS
from extractor.models import Word, same_box
from extractor.readers.cells import center, same_place, spread
from extractor.readers.layout import Line
from extractor.readers.patterns import (
    BARE_FIGURE,
    HEADER_UNIT_RE,
    KG_WORDS,
    ONE_DECIMAL,
    SAYS_TONNES,
    UNIT_RE,
    UNIT_WORDS,
    decimals_of,
    unit_as_printed,
)
from extractor.readers.values import field_value
from extractor.readers.vocabulary import Label, find_labels
from extractor.readers.weight_figures import CURRENCY, MAX_COLUMN_GAP, SUM_OF_LINES, figures_in, pairs_with

QUANTITY_HEAD = re.compile(r"(?i)(?<![^\W\d_])(?:кол-?во|количество|qty|quantity|саны|menge)(?![^\W\d_])")


PRICE_WORD = re.compile(r"(?i)цен|стоим|сумм|price|amount|value|баға|бага|құн|кун")


_DECLARED_SPLIT = re.compile(r"(?<![\d.,])(\d{1,3}) (\d{1,2}[.,]\d{3})(?![\d.,])")
"""A declaration's box 35 or 38 figure (kilograms to three decimals, no thousands grouped) cut by a space OCR read
inside its whole part (`47 40.000` for 4740.000): a group of one or two digits is no thousands group."""


def _declared_split(ln: Line) -> list[tuple[float, int, int, bool]]:
    """Figures of a scanned declaration's line that `_DECLARED_SPLIT` joins, their parts in one cell."""
    if not ln.ocr:
        return []
    return [(float(m[1] + m[2].replace(",", ".")), m.start(), m.end(), False)
            for m in _DECLARED_SPLIT.finditer(ln.text) if not spread(ln, m.start(), m.end())]


DOUBT_MARGIN = 0.3
"""How much less sure one of a scan's gross and net readings must be than the other to be the misread one."""


MONEY_WORD = re.compile(rf"(?i)price|amount|value|cost|total|цена|сумма|стоимост|баға|сома|preis|betrag|{CURRENCY}")


def unit_headers(
    headers: list[tuple[str, int, tuple[float, float, float, float]]], other: str, lines: list[Line],
) -> Iterator[tuple[int, tuple[float, float, float, float]]]:
    """Header cells on a scanned table's header line that end in a weight unit but carry no label OCR could read
    (`МЕТ KG` beside `GROSSKG`): in a table with one weight column labelled, the other weight column."""
    for role, page, box in headers:
        if role != other:
            continue
        ln = label_line(box, lines)
        if ln is None:
            continue
        h = max(1.0, box[3] - box[1])
        taken = [b for _, p, b in headers if p == page]
        words = sorted(ln.words, key=lambda w: w.bbox[0])
        for i, unit in enumerate(words):
            if not _UNIT_WORD.fullmatch(unit.text) or any(same_box(unit.bbox, b) for b in taken):
                continue
            start = i
            while start > 0 and unit.bbox[0] - words[start - 1].bbox[2] < 3 * h and \
                    words[start].bbox[0] - words[start - 1].bbox[2] <= 0.9 * h:
                start -= 1
            cell = words[start:i + 1]
            if any(same_box(w.bbox, b) for w in cell for b in taken) or any(MONEY_WORD.search(w.text) for w in cell):
                continue
            yield page, (cell[0].bbox[0], min(w.bbox[1] for w in cell), unit.bbox[2], max(w.bbox[3] for w in cell))


def _partner(v: FieldValue, role: str, lines: list[Line], conv: dict[str, str]) -> FieldValue | None:
    """The figure next to `v` on its scanned line, on the side where `role`'s column stands (gross after net), when
    the two can be one load's weights and are printed to as many decimals: one or three, neither money's two nor a
    whole number's none (a CMR's `2024 г 2350`: the model year left of the gross is no net). It is in `v`'s unit:
    a table prints both weights in one."""
    places = decimals_of(v.raw)
    ln = label_line(v.bbox, lines) if v.bbox is not None and places in (1, 3) else None
    if ln is None or not ln.ocr or v.bbox is None:
        return None
    at = v.bbox
    figures = figures_in(ln, 0, conv)
    # in the other's unit: a table prints both weights in one (`Масса нетто, т` beside a gross head OCR garbled)
    own = next((kg for kg, a, b, _ in figures if ln.box_of(a, b)[0] <= center(at) <= ln.box_of(a, b)[2]), None)
    scale = float(v.value) / own if own else 1.0
    # the nearest figure on the column's side: right of the net for the gross, left of the gross for the net
    gaps = [(ln.box_of(a, b)[0] - at[2] if role == "gross" else at[0] - ln.box_of(a, b)[2], round(kg * scale, 3), a, b)
            for kg, a, b, _ in figures]
    gaps = [g for g in gaps if g[0] > 0]
    if not gaps:
        return None
    _, kg, a, b = min(gaps)
    if not pairs_with(kg, role, float(v.value)) or decimals_of(ln.text[a:b]) != places:
        return None
    return field_value(kg, ln, a, b, role=role)


def beside_other(other: str, rows: list[FieldValue], total: FieldValue | None, lines: list[Line],
                 conv: dict[str, str]) -> tuple[list[FieldValue], FieldValue | None]:
    """On a scan whose header OCR garbled past any label for one weight (`Масса нетто, кг Wensa Covina @`, the
    gross's), that weight's column is the one beside the other's (gross after net, net before gross): its figures
    on the other's total row, or on each of its rows, weigh as its partners. Empty when they do not."""
    role = "gross" if other == "net" else "net"
    mine = _partner(total, role, lines, conv) if total is not None else None
    found = [_partner(v, role, lines, conv) for v in rows]
    col = [v for v in found if v is not None] if rows and all(found) else []
    return (col, mine) if mine is not None or col else ([], None)


def header_scale(text: str) -> float:
    """Kilograms per unit of a header that names its column's unit (`(т)`, `, t`, `(lbs)`); 1 for kg or none."""
    return header_unit(text) or 1.0


_NAMES_KG = re.compile(rf"(?i)(?<![^\W\d_])(?:{KG_WORDS})(?![^\W\d_])")


def header_unit(text: str) -> float | None:
    """Kilograms per unit the header names (1 for `(kg)`), None where it names none: only then may its unit have
    wrapped onto the line below (`unit_below`)."""
    m = HEADER_UNIT_RE.search(text)
    if m is None:
        return 1.0 if _NAMES_KG.search(text) else None
    unit = unit_as_printed(next(g for g in m.groups() if g).lower())
    return weight_id.UNITS.get(unit, 1000.0)  # what is not in the table is a form of `тонн`


def unit_below(box: tuple[float, float, float, float], lines: list[Line]) -> float:
    """The scale of a header's unit wrapped onto the next line under it (`Масса брутто,` / `т`), else 1."""
    x0, _, x1, y1 = box
    for ln in lines:
        if ln.bbox[1] >= y1 - 1 and ln.bbox[1] < y1 + 2 * (box[3] - box[1]):
            for w in ln.words:
                if min(w.bbox[2], x1) > max(w.bbox[0], x0) and (scale := header_scale(f"({w.text.strip('().,')})")) != 1.0:
                    return scale
    return 1.0


LOST_MARK_TONNES = 1000.0
"""Tonnes a scanned column's whole figure must reach to be taken for kilograms whose decimal mark OCR lost: tonnes
are printed to three decimals (`2,884` read as `2884`), and no consignment on a waybill weighs a thousand tonnes."""


def in_kg(kg: float, raw: str, unit: bool, scale: float, ocr: bool) -> float:
    """A figure in kilograms: as read when it carried its own unit, else in its label's or column's unit."""
    if unit or (ocr and scale == 1000.0 and kg >= LOST_MARK_TONNES and raw.isdigit()):
        return kg
    return weight_id.in_kilograms(kg, scale)


def column_values(
    box: tuple[float, float, float, float], page: int, lines: list[Line], conv: dict[str, str], scale: float,
    role: str,
    dt: str | None = None,
    next_cell: float | None = None,
) -> tuple[list[FieldValue], FieldValue | None]:
    """Numbers under a header, matched to it by horizontal position; stops at the next header, a box title in
    the column, a gap of several line heights, or a total row (returned apart). Lines with nothing in the column
    between values are not a gap: a goods line is often followed by its VINs or a wrapped description.

    A table column runs from its header's left edge to where the next header cell starts: headers are set
    flush left and numbers flush right, so the nearest centre would often be the neighbour's."""
    x0, y0, x1, y1 = box
    h = max(1.0, y1 - y0)
    if (x1 - x0) <= 1.5:  # a spreadsheet cell
        lo, hi = x0 - 0.45, x1 + 0.45
    elif next_cell is not None:
        # a header cell OCR ran into the next one (`Таза салмақ / Нетто Жалпы салмақ / Брутто`, a gap too narrow to
        # part them) ends where the other weight's label starts, not at the cell after both
        lo, hi = x0 - 0.3 * h, min(next_cell, _weight_label_after(box, lines, dt, role) or math.inf)
    else:
        slack = max(0.6 * (x1 - x0), 2 * h)
        lo, hi = x0 - slack, x1 + slack
        if _cell_before(box, lines):
            # the table's last column starts where its header does: the flush-right figures of the column before
            # (`N.W. (kg)` over `311`) reach under the header's slack; with no weight header after it, it runs to
            # the row's end, where its own flush-right figures may lie past the slack
            lo = x0 - 0.3 * h
            if _weight_label_after(box, lines, dt) is None:
                hi = math.inf
    cx = (x0 + x1) / 2
    neighbours = _neighbour_heads(box, lines)

    def in_column(ln: Line) -> list[tuple[tuple[bool, float], float, int, int]]:
        """((left of the header, distance from its centre), kg, start, end) of the line's numbers in the column: of
        two in one row, one standing left of where the header starts is the column before's, set flush right (`1`
        under `Menge` before `8300` under `Netto kg`), however near the centre."""
        out = []
        joined = _declared_split(ln) if dt == "customs_declaration" else []
        for kg, s0, s1, unit in joined + [n for n in figures_in(ln, 0, conv)
                                          if not any(a <= n[1] < z for _, a, z, _ in joined)]:
            b = ln.box_of(s0, s1)
            c = center(b)
            if any(a <= c <= z for a, z in neighbours):
                continue  # under the next column's head (`Стоимость` set tight after `масса нетто, кг`)
            # a figure flatter than a quarter of the header's print, or thinner than its digits can be, is a rule's
            # speck OCR read as a digit (`7` 1 px tall under `G.W. {kg}`, over the row's figures; a `4` 2 px wide)
            if lo <= c <= hi and kg > 0 and b[3] - b[1] >= FLAT_SHARE * h and not _CODE_DIGITS.fullmatch(ln.text[s0:s1]) \
                    and not (ln.ocr and b[2] - b[0] < THIN_SHARE * h * sum(ch.isdigit() for ch in ln.text[s0:s1])):
                out.append(((c < x0, abs(c - cx)), in_kg(kg, ln.text[s0:s1], unit, scale, ln.ocr), s0, s1))
        return out

    values: list[FieldValue] = []
    empty_rows = 0
    last_bottom = y1
    on_page, top, bottom, lead = page, y1, y1 + 60 * h, 0
    for ln in lines:
        if ln.page != on_page:
            if ln.page < on_page:
                continue
            if dt == "customs_declaration":
                break  # a declaration's box holds one sheet's figure: the next sheet has boxes of its own, their
                # titles perhaps lost to OCR (`Hetro салмагы`), and `_declaration_boxes_by_neighbour` reads them
            if not (values and (x1 - x0) > 1.5 and not _weight_header(lines, ln.page, dt)):
                break
            # the page ended inside the table, and the next page with text (a duplex scan's blank back between)
            # has no header of its own: the table runs on there under the first page's header, in the same
            # column, from the page's top to its own end or total row
            on_page, top, bottom, lead, last_bottom = ln.page, -math.inf, math.inf, CONTINUED_LEAD, ln.bbox[1]
        if (ln.bbox[1] + ln.bbox[3]) / 2 <= top or ln.bbox[1] > bottom or (on_page == page and ln.top < (y0 + y1) / 2):
            continue  # above the header, or its own row: a speck below it makes the row's middle fall under it
        if ln.ocr and (not _ALNUM.search(ln.text) or _ruled(ln, h)):
            continue  # a table's rules read as marks (`| | |`) or flat letters (`ее eee — --- ee`): no row
        here = [w for w in ln.words if lo <= center(w.bbox) <= hi]
        cands = in_column(ln)
        if lead and (not cands or any(_LETTER.search(w.text) and not UNIT_RE.match(w.text) for w in here)):
            if here:
                lead -= 1  # the continued page's own head (`Page 2 of 2`) before the table's rows
                if not lead:
                    break
            last_bottom = ln.bbox[3]
            continue
        lead = 0
        if values and ln.bbox[1] - last_bottom > MAX_COLUMN_GAP * h:
            # the table is over; a form's total row may still stand at the foot of its box (a CMR's goods box),
            # below a stamp's or signature's specks read as figures
            if not here:
                continue
            if any(lab.role == "total" for lab, _, _ in find_labels(ln.text, "weight", dt)):
                foot = [n for n in cands if n[1] >= sum(float(v.value) for v in values) or _one_mending(values, n[1])]
                if foot:
                    return values, field_value(foot[-1][1], ln, foot[-1][2], foot[-1][3], role=role)
            if all(w.confidence < SPECK_CONFIDENCE for w in here):
                continue
            break
        labels = find_labels(ln.text, "weight", dt)
        heads = [(lab.role, ln.box_of(a, b)) for lab, a, b in labels
                 if lab.role != "total" and lo <= center(ln.box_of(a, b)) <= hi]
        if heads and not values and ln.top <= y1 + WRAPPED_HEAD * h and \
                all(r in ("gross", "net") and r != role and not x0 <= center(b) <= x1 for r, b in heads):
            # the other weight's head wrapped onto the line below the header (`Таза салмақ / Нетто Жалпы салмақ /`
            # over `Брутто`): where its column starts, not where this one ends
            for _, b in heads:
                lo, hi = (lo, min(hi, b[0])) if center(b) > cx else (max(lo, b[2]), hi)
            continue
        if heads:
            break
        if not values and _BOX_TITLE.match(" ".join(w.text for w in here)):
            break  # a form's next numbered box (`37 Процедура` under `38 Вес нетто, кг`): the label's own box was empty
        if any(_labelled_as(labels, c[2]) not in (None, role) for c in cands):
            # `Итого нетто: 21021,700 кг; брутто / gross: 22714,700 кг` under a net header: a total row that
            # names its figures, its gross under the net column by chance; the column's rows sum to its net
            break
        if values and any(sum(ch.isalpha() for ch in w.text) >= 3 and not UNIT_RE.match(w.text) and w.bbox[0] >= lo
                          and not _digits_as_letters(w.text) and w.confidence >= SPECK_CONFIDENCE for w in here):
            # a new box title in the column, its number read as a figure or not: the table (or box) has ended (a
            # description running in from the cell to the left is no title, nor is a row's smudge OCR made letters
            # of, `ees` at 0.49 beside `2 390.4`)
            break
        if not cands:
            if values and not here and ln.bbox[1] - last_bottom <= MAX_COLUMN_GAP * h and \
                    any(w.confidence >= 0.5 for w in ln.words):
                last_bottom = ln.bbox[3]  # a goods line's VINs or wrapped description: the rows go on
            empty_rows += 1
            if not values and empty_rows >= 6:
                break
            continue
        empty_rows = 0
        last_bottom = ln.bbox[3]
        _, kg, s0, s1 = min(cands)
        fv = field_value(kg, ln, s0, s1, role=role)
        if any(lab.role == "total" for lab, _, _ in labels):
            return values, fv
        values.append(fv)
        if dt == "customs_declaration":
            # a declaration's box 35 or 38 holds one figure: below it lie the next box's (box 38's under box 35's,
            # its title lost) or a stamp's specks, which the empty rows between would join to the column
            break
    return values, None


WRAPPED_HEAD = 2.0
"""Header heights below a header's foot within which a line is the header's own wrapped second line."""


def _ruled(ln: Line, h: float) -> bool:
    """Most of a scanned line's words are flat as a figure's speck is (`FLAT_SHARE`): a rule OCR read as dashes
    and flat letters (`ее eee — ——_. --- ee oo`), not a row or a box's title."""
    return 2 * sum(w.bbox[3] - w.bbox[1] < FLAT_SHARE * h for w in ln.words) > len(ln.words)


def _neighbour_heads(box: tuple[float, float, float, float], lines: list[Line]) -> list[tuple[float, float]]:
    """The spans of the price and quantity heads on a weight header's line, outside its box: OCR sets a cell's
    head tight after the weight's (`[масса нетто, кг Стоимость`), so no gap tells where the weight's column
    ends, but a figure under `Стоимость` is a price."""
    ln = label_line(box, lines) if box[2] - box[0] > 1.5 else None
    if ln is None:
        return []
    outside = [w for w in ln.words if w.bbox[0] >= box[2] or w.bbox[2] <= box[0]]
    return [(w.bbox[0], w.bbox[2]) for w in outside
            if PRICE_WORD.match(head := w.text.strip("[|(")) or QUANTITY_HEAD.match(head)]


def _digits_as_letters(word: str) -> bool:
    """A word of letters each of which OCR makes of a digit (`Iso` for a rule and `166` of the next cell's
    figure): a figure misread, not a title ending the column."""
    chars = [ch for ch in word.upper() if ch.isalnum()]
    return bool(chars) and all(ch.isdigit() or ch in LETTER_DIGITS for ch in chars)


def _labelled_as(labels: list[tuple[Label, int, int]], start: int) -> str | None:
    """The role (gross or net) of the nearest weight label before a figure on its line, if any."""
    before = [lab.role for lab, _, e in labels if e <= start and lab.role in ("gross", "net")]
    return before[-1] if before else None


_ALNUM = re.compile(r"[^\W_]")
_CODE_DIGITS = re.compile(r"\d{9,}")
"""Nine digits or more with no mark or group: a goods code or a document's number in the column, never a weight."""
_BOX_TITLE = re.compile(r"\d{1,2}\s+[^\W\d_]{3,}")
FLAT_SHARE = 0.25
"""Of a weight header's height: a figure under it flatter than this is a speck or a rule OCR read as a digit."""
THIN_SHARE = 0.12
"""Of a weight header's height, the least width a digit of a scanned figure under it takes: a `4` two pixels wide
under a 27-pixel header is a rule's speck OCR read as a digit (a figure's narrowest glyph, a `1`, takes about a
quarter)."""
SPECK_CONFIDENCE = 0.6
"""Under this confidence, a scan's words in a column below its table are specks of a stamp or signature (`oa 942`
at 0.54 over a CMR's `Итого мест 0 19 243.4`), not a row that ends the search for the box's total."""
CONTINUED_LEAD = 4
"""Lines with words in the column that may stand at the head of a page a table continues on, before its rows."""
_LETTER = re.compile(r"[^\W\d_]")


def _weight_header(lines: list[Line], page: int, dt: str | None) -> bool:
    """The page has a gross or net label of its own: its table, if any, is read from there."""
    return any(lab.role in ("gross", "net") for ln in lines if ln.page == page for lab, _, _ in find_labels(ln.text, "weight", dt))


def label_line(box: tuple[float, float, float, float], lines: list[Line]) -> Line | None:
    """The full line a label's box was found on (segments split it; the neighbours matter here). The label may
    start inside a word: OCR glues stray marks to it (`'N.W.`)."""
    x0, y0, _, y1 = box
    h = max(1.0, y1 - y0)
    for ln in lines:
        if ln.bbox[1] <= (y0 + y1) / 2 <= ln.bbox[3] and any(
            _starts_at(w, x0) and abs(w.bbox[1] - y0) < h for w in ln.words
        ):
            return ln
    return None


def _starts_at(w: Word, x: float) -> bool:
    """The word starts at `x`, or only marks stand before `x` in it."""
    if abs(w.bbox[0] - x) < 0.5:
        return True
    if not w.bbox[0] < x < w.bbox[2]:
        return False
    before = w.text[: round(len(w.text) * (x - w.bbox[0]) / (w.bbox[2] - w.bbox[0]))]
    return not any(ch.isalnum() for ch in before)


HEADER_WORD_GAP = 1.6
"""Words of one header cell stand less than this many line heights apart."""


def header_cell(box: tuple[float, float, float, float], lines: list[Line]) -> tuple[float, float, float, float]:
    """A bilingual label widened leftwards to the start of its header cell: in `Таза салмақ / Нетто` the matched
    word is the last one, and the column under the cell starts where the cell does."""
    x0, y0, x1, y1 = box
    h = max(1.0, y1 - y0)
    ln = label_line(box, lines) if x1 - x0 > 1.5 else None  # a spreadsheet cell is its own header cell
    if ln is None:
        return box
    left = sorted((w for w in ln.words if w.bbox[0] < x0 - 0.5), key=lambda w: -w.bbox[0])
    if left and x0 - left[0].bbox[2] <= HEADER_WORD_GAP * h and \
            any(lab.role == "total" for lab, _, _ in find_labels(left[0].text, "weight")):
        return (left[0].bbox[0], y0, x1, y1)  # `Total N.W.`: the cell starts at its `Total`, and so does its column
    # a scan's small header type sets words more than a letter's height apart (`Таза салмағы / Масса нетто`, 20 px
    # gaps at 17 px type); a cell's edge is a wider gap, as `segments` takes it
    if not left or not left[0].text.endswith("/") or x0 - left[0].bbox[2] > HEADER_WORD_GAP * h:
        return box  # only a bilingual `A / B` cell is widened: plain header words may be other columns
    right = min((w for w in ln.words if w.bbox[0] >= x1 - 0.5), key=lambda w: w.bbox[0], default=None)
    if right is not None and right.text.startswith("/") and right.bbox[0] - x1 <= HEADER_WORD_GAP * h:
        return box  # the label is the `A` of its own `A / B`: the `/` before it ends the cell on its left
    edge = x0
    for k, w in enumerate(left):
        if edge - w.bbox[2] > HEADER_WORD_GAP * h or (k and w.text.endswith("/")):
            # a second `/` ends the cell before it (`Орын саны / Таза салмақ / Нетто`): one cell, two languages
            break
        edge = min(edge, w.bbox[0])
    return (edge, y0, x1, y1)


_UNIT_WORD = re.compile(rf"[(\[{{]?({UNIT_WORDS})[)\]}}]?[.,:]?|[(\[{{][^\W\d_]{{1,3}}[)\]}}][.,:]?", re.I)
"""The unit after a weight label: a unit word, or any short word in brackets, as OCR garbles one (`G.W. {ко}` for
`G.W. (kg)`), which is no next header cell."""


def with_unit(box: tuple[float, float, float, float], lines: list[Line]) -> tuple[float, float, float, float]:
    """The label's box widened over the unit after it: `N.W. (kg)` is one header cell however wide OCR or the
    layout sets the space before the unit, and the column under it spans both."""
    x0, y0, x1, y1 = box
    ln = label_line(box, lines) if x1 - x0 > 1.5 else None
    if ln is None:
        return box
    after = sorted((w for w in ln.words if w.bbox[0] >= x1 - 0.5), key=lambda w: w.bbox[0])
    if after and _UNIT_WORD.fullmatch(after[0].text) and after[0].bbox[0] - x1 < 3 * (y1 - y0):
        return (x0, y0, after[0].bbox[2], y1)
    return box


def _word_before(box: tuple[float, float, float, float], lines: list[Line]) -> Word | None:
    """The nearest word left of the label on its line, a speck's mark aside."""
    ln = label_line(box, lines)
    left = [w for w in ln.words if w.bbox[2] <= box[0] + 0.5 and not _SPECK.fullmatch(w.text)] if ln else []
    return max(left, key=lambda w: w.bbox[2], default=None)


def _with_word_before(box: tuple[float, float, float, float], lines: list[Line]) -> tuple[float, float, float, float]:
    """The label's box widened over the word set tight before it: OCR garbled the head of `Вес брутто` (`Rec
    брутто`, or `13505 брутто` for `11 Вес брутто` as digits), so the label is its last word and its cell, with
    the figures under it, starts a word earlier."""
    x0, y0, x1, y1 = box
    before = _word_before(box, lines)
    if before is None or x0 - before.bbox[2] > TIGHT_WORD_GAP * (y1 - y0) or not _ALNUM.search(before.text):
        return box
    return (before.bbox[0], y0, x1, y1)


TIGHT_WORD_GAP = 0.8
"""Label heights between two words of one header phrase at most; the next column's header is set further off."""


_SPECK = re.compile(r"[.,'`‘’:;_~-]+")
"""What OCR makes of a speck; a mark like `+` may be a misread unit (`брутто. +` for `брутто, т`), so it counts."""
_DASH = re.compile(r"[—–]")


def _speck(w: Word, h: float) -> bool:
    """A speck's mark, or a dash narrower than the line is tall (`NET KG | 68088 KG —`); a wider one is a head OCR
    garbled (`— брутто` for `Масса брутто`)."""
    return bool(_SPECK.fullmatch(w.text)) or (bool(_DASH.fullmatch(w.text)) and w.bbox[2] - w.bbox[0] < h)


def next_cells(box: tuple[float, float, float, float], lines: list[Line]) -> list[Word]:
    """The first words of the next header cells on the label's line, left to right: each word right of the
    label's own words (`N.W. (kg)`) after a gap; none when the label ends its line (a box title, not a header).
    Marks alone are no cell: the numbers under `GROSS KG` are set flush right, past where a speck after it sat."""
    _, y0, x1, y1 = box
    h = max(1.0, y1 - y0)
    ln = label_line(box, lines)
    if ln is None:
        return []
    starts = []
    edge = x1
    for w in sorted((w for w in ln.words if w.bbox[0] >= x1 - 0.5), key=lambda w: w.bbox[0]):
        if _speck(w, h):
            continue  # a speck OCR read as `.` in the header cell's white space (`GROSS KG .`) starts no cell
        if w.bbox[0] - edge > 0.9 * h:
            starts.append(w)
        edge = max(edge, w.bbox[2])
    return starts


def _cell_before(box: tuple[float, float, float, float], lines: list[Line]) -> bool:
    """Another header cell stands left of the label on its line, after a gap: the label heads a table's column."""
    before = _word_before(box, lines)
    return before is not None and box[0] - before.bbox[2] > 0.9 * max(1.0, box[3] - box[1])


def _weight_label_after(box: tuple[float, float, float, float], lines: list[Line], dt: str | None,
                        role: str | None = None) -> float | None:
    """Where the first gross or net label (of another role than `role`) after the header on its line starts: one
    set too tight to read as a cell of its own (`Таза салмақ / Нетто Жалпы салмақ`)."""
    ln = label_line(box, lines)
    if ln is None:
        return None
    starts = [ln.box_of(a, b)[0] for lab, a, b in find_labels(ln.text, "weight", dt)
              if lab.role in ("gross", "net") and lab.role != role]
    return min((x for x in starts if x >= box[2]), default=None)


def column_places(
    box: tuple[float, float, float, float], lines: list[Line], ocr: bool,
) -> Iterator[tuple[tuple[float, float, float, float], float | None]]:
    """Where a header's column may run, most likely first: (the header's box, where the next header cell starts).
    Under the header as read; on a scan, where that finds nothing, also past a misread unit OCR set apart as a cell
    of its own (`N.W. ron`), then from the word set tight before the label (`Rec брутто`: OCR garbled `Вес`)."""
    cells = next_cells(box, lines)
    first = cells[0].bbox[0] if cells else None
    yield box, first
    if not ocr:
        return
    if _misread_unit(box, cells):
        yield box, cells[1].bbox[0]
    if (wider := _with_word_before(box, lines)) != box:
        yield wider, first


def _misread_unit(label: tuple[float, float, float, float], cells: list[Word]) -> bool:
    """The word after a header label, before another cell (`cells`, see `next_cells`), is a short token close to
    it: OCR's reading of the label's unit (`N.W. ron`)."""
    if len(cells) < 2:
        return False
    w = cells[0]
    return len(w.text) <= 4 and not any(ch.isdigit() for ch in w.text) and w.bbox[0] - label[2] < 3 * (label[3] - label[1])


def total_as_summed(total: FieldValue, rows: list[FieldValue], beside: Sequence[FieldValue] = ()
                    ) -> tuple[FieldValue, list[FieldValue]]:
    """A scanned total row whose figure lost its leading digits or its decimal mark is the sum of its column's rows
    when its digits end that sum's (`i} 806.8` under rows adding up to 19 806.8, `19 3114` read as 3114 under rows
    adding up to 19 311.4), or are that sum's written with decimals (`45134` under rows adding up to 4513.4): OCR
    split the figure, read the first group as a mark or lost the comma, and the rows agree. So is one that differs
    from the sum in one digit, read far less surely than each row. Returns the total and its rows, mended where the
    total lost its mark along with theirs (`_marks_lost_with_rows`). `beside` is the other weight's column, whose
    rows tell a row that gained a leading digit from a total that lost one (`_lead_gained`)."""
    digits = re.sub(r"\D", "", total.raw)
    uniq = unique_positions(rows)
    if total.source == "text" or not uniq or len(digits) < 3:
        return total, rows
    summed = round(sum(float(v.value) for v in uniq), 3)
    places = [len(m.group(1)) for m in re.finditer(r"[.,;](\d{1,3})(?!\d)", total.raw)][-1:] or [0, 1, 2, 3]
    shown = [f"{summed:.{n}f}".replace(".", "") for n in places]
    # `71 312,5` at 0.46 under rows read at 0.96 and 0.83 adding up to 11 312,5: one digit misread in the total
    misread = len(uniq) >= 2 and total.confidence + DOUBT_MARGIN <= min(v.confidence for v in uniq) and any(
        len(s) == len(digits) and sum(a != b for a, b in zip(s, digits, strict=True)) == 1 for s in shown)
    if summed > float(total.value) * 1.001:
        if (gained := _lead_gained(total, uniq, summed, beside)) is not None:
            return total, _mended(rows, uniq, gained, total.confidence)
        lost_digits = len(uniq) >= 2 and any(s.endswith(digits) for s in shown)
    else:
        # `45134` under one row of 4513,4 lost its decimal comma; `0, 349` in a column of tonnes read `349` (349 t)
        # under one row of 0,349 t lost its leading nought and its comma: the sum's digits, a power of ten above it
        lost_digits = any(abs(float(total.value) - summed * 10**k) <= 0.001 * float(total.value) for k in (1, 2, 3)) \
            and digits in shown
    confidence = round(min(v.confidence for v in [total, *uniq]), 3)
    if misread or lost_digits:
        return total.model_copy(update={"value": summed, "confidence": confidence}), rows
    if (mending := _marks_lost_with_rows(total, uniq)) is None:
        return total, rows
    return total.model_copy(update={"value": float(total.value) / 10, "confidence": confidence}), \
        _mended(rows, uniq, mending, confidence)


def _lead_gained(total: FieldValue, uniq: list[FieldValue], summed: float, beside: Sequence[FieldValue]
                 ) -> list[float] | None:
    """The rows with the one row that took on a leading digit (a speck, or the cell before's figure run into it:
    `21579,900` for 1 579,900 under a total of 7 559,300) read without it, when that makes them add up to the
    total, and the row was read far less surely than the total or only without the digit pairs with the other
    weight's figure on its row (`117 118,3` beside a net of 14 996,4 under a gross total of 57 913,1: 17 118,3).
    Else the total is taken to have lost its leading digits instead."""
    mendings = []
    for k, v in enumerate(uniq):
        rest = round(float(total.value) - summed + float(v.value), 3)
        if rest > 0 and _tail_of(f"{rest:.3f}", rest, float(v.value)) and (
                v.confidence + DOUBT_MARGIN <= total.confidence or _pairs_only_as(v, rest, beside)):
            mendings.append([rest if j == k else float(x.value) for j, x in enumerate(uniq)])
    return mendings[0] if len(mendings) == 1 else None


def _pairs_only_as(row: FieldValue, mended: float, beside: Sequence[FieldValue]) -> bool:
    """The other weight's figure on the row's line makes a pair with the row mended, and not with it as read."""
    mid = (row.bbox[1] + row.bbox[3]) / 2 if row.bbox else -1.0
    partner = next((b for b in beside if b.page == row.page and b.bbox and b.bbox[1] <= mid <= b.bbox[3]), None)
    if partner is None or row.role not in ("gross", "net"):
        return False
    return pairs_with(mended, row.role, float(partner.value)) and \
        not pairs_with(float(row.value), row.role, float(partner.value))


def _marks_lost_with_rows(total: FieldValue, uniq: list[FieldValue]) -> list[float] | None:
    """The one mending of the rows (`_mendings`) under a scanned total that lost its decimal mark, where one row at
    least kept its one decimal and the others lost theirs or their leading digits: `226972` over `21 409.6` and
    `12876` is 22 697,2, which the rows add up to as 21 409,6 and 1 287,6."""
    if _MARK.search(total.raw) or not any(ONE_DECIMAL.search(v.raw) for v in uniq):
        return None
    return _one_mending(uniq, float(total.value) / 10)


ROWS_REPAIRED = 3
"""At most this many scanned rows are mended (`rows_as_totalled`): the more rows, the more ways of mending them add
up to a total by chance."""
_MARK = re.compile(r"\d[.,]\d")


def rows_as_totalled(rows: list[FieldValue], total: FieldValue) -> list[FieldValue]:
    """Scanned rows that lost their decimal mark or their leading digits, read as they add up to the column's total,
    read with its mark: `20674` and `4072` over a total of 2 474,6 are 2 067,4 and 407,2 (OCR took both commas for
    specks), `90,5` beside 1 757,3 over 2 147,8 is 390,5. Only the one way of mending them that makes the rows add up
    is taken; a total without decimals above their sum (`total_as_summed` mends rows under one that lost its mark),
    or typed text are left alone. A whole total under their sum lost no mark: `46035` and `20 237,5` over 24841 are
    4 603,5 and 20 237,5. Rows that add up, as read or mended, are proven by it (`_proven_by_total`)."""
    uniq = unique_positions(rows)
    summed = sum(float(v.value) for v in uniq)
    if not adds_up([summed], float(total.value)):
        # a total without decimals may be one that lost its mark, read ten times its rows' sum; under that sum it is
        # not
        if total.source == "text" or not (_MARK.search(total.raw) or float(total.value) < summed) or \
                (mending := _one_mending(uniq, float(total.value))) is None:
            return rows
        rows = _mended(rows, uniq, mending, total.confidence)
        uniq = unique_positions(rows)
    return _proven_by_total(rows, uniq, total)


WORKED_OUT_SURE = 0.7
"""How sure a weight worked out rather than read is (proved by figures adding up, or from the tare): no reading
of its own label vouches for it."""


def _proven_by_total(rows: list[FieldValue], uniq: list[FieldValue], total: FieldValue) -> list[FieldValue]:
    """Scanned rows that add up to their total (`uniq`, their distinct places): a row OCR read unsurely (`6 559,3`
    at 0.0 beside rows of 5 720,9 and 403,7 under 12 683,9) is the total less the others, as sure as the least sure
    of them, up to a weight worked out."""
    if len(uniq) < 2:
        return rows
    out = []
    for v in rows:
        others = [x.confidence for x in uniq if not same_place(x, v)]
        sure = min([total.confidence, *others, WORKED_OUT_SURE])
        out.append(v.model_copy(update={"confidence": sure}) if v.source != "text" and v.confidence < sure else v)
    return out


_GROUPED = re.compile(r"^\d{1,3}(?:[ \u00a0]\d{3})+[.,]\d")


def marks_by_format(col: list[FieldValue]) -> list[FieldValue]:
    """A scanned column with no total to prove its rows, one of them a bare run of four digits or more among rows
    that all print the same count of decimals and group their thousands (`6127` over `5 827,4` and `2 878,2`): the
    comma OCR lost, the smallest glyph in the row, put back where the column's other rows have it; such a table
    prints a whole 6 127 kg grouped. A column that does not group them (`2435` over `7175.8` and `13639.3`) prints
    a whole figure bare, and is left as read; so is a text layer's."""
    uniq = unique_positions(col)
    if len(uniq) < 2 or any(v.source == "text" for v in uniq):
        return col
    bare = [v for v in uniq if BARE_FIGURE.fullmatch(v.raw.strip()) and float(v.value).is_integer()]
    marked = [v for v in uniq if v not in bare]
    places = {decimals_of(v.raw) for v in marked}
    if not bare or not marked or len(places) != 1 or None in places or not any(_GROUPED.match(v.raw) for v in marked):
        return col
    k = places.pop() or 0
    whole = sum(float(v.value) for v in uniq)
    # a figure that would come near the sum of the others is a total its label and mark lost, and its own repairs
    # (`total_as_summed`) prove it or leave it a row
    at = {(v.page, v.bbox): mended for v in bare if not math.isclose(
        mended := round(float(v.value) / 10**k, k), whole - float(v.value), rel_tol=0.01)}
    return [v.model_copy(update={"value": at[(v.page, v.bbox)], "confidence": min(v.confidence, WORKED_OUT_SURE)})
            if (v.page, v.bbox) in at else v for v in col]


def _one_mending(rows: list[FieldValue], target: float) -> list[float] | None:
    """The one way of mending a few scanned rows (`_mendings`) that makes them add up to `target`, if just one."""
    uniq = unique_positions(rows)
    if not 2 <= len(uniq) <= ROWS_REPAIRED or any(v.source == "text" for v in uniq):
        return None
    mended = _mendings(uniq, target)
    return mended[0] if len(mended) == 1 else None


def _mended(rows: list[FieldValue], uniq: list[FieldValue], mending: list[float], confidence: float) -> list[FieldValue]:
    """`rows` with each of `uniq` (their distinct places) given its value in `mending`, and no more than
    `confidence`, where that value differs from the one read."""
    at = {(v.page, v.bbox): x for v, x in zip(uniq, mending, strict=True) if x != float(v.value)}
    return [v.model_copy(update={"value": at[(v.page, v.bbox)], "confidence": min(v.confidence, confidence)})
            if (v.page, v.bbox) in at else v for v in rows]


def lead_lost(read: FieldValue, whole: float) -> bool:
    """`read` is `whole` with its leading digits lost (`437,2` of 2 437,2; `90,5` of 390,5)."""
    return _tail_of(read.raw or "", float(read.value), whole)


def _tail_of(printed: str, part: float, whole: float) -> bool:
    """`part`, printed as `printed`, is `whole` without its leading digits: less than it, and its digits end the
    whole's (zeros after the decimals aside)."""
    digits = re.sub(r"\D", "", printed).rstrip("0")
    return whole > part and bool(digits) and re.sub(r"\D", "", f"{whole:.3f}").rstrip("0").endswith(digits)


def one_gained(read: FieldValue, whole: float) -> bool:
    """`read` is `whole` with a 1 before it, a table's rule read as a digit (`12,086` t of 2,086 t): within the
    kilogram a figure printed in tonnes rounds to, or the tenth one printed in kilograms does."""
    value = float(read.value)
    if whole <= 0 or value < 10 or not re.sub(r"\D", "", read.raw or "").startswith("1"):
        return False
    slack = 1.0 if value.is_integer() else 0.05
    return abs(value - 10 ** math.floor(math.log10(value)) - whole) <= slack


def groups_lost(read: FieldValue, whole: float) -> bool:
    """`read` is `whole` with its last digit groups lost: a whole number, the whole's thousands or millions (`11. 033`
    read as 11 of 11 033: OCR took the group's space for a mark and ended the figure there)."""
    value = float(read.value)
    return value >= 1 and value.is_integer() and any(math.floor(whole / 1000**k) == value for k in (1, 2))


def mark_lost(read: FieldValue, whole: float) -> bool:
    """`read` is `whole` with its decimal mark lost (`9541` of 954,1): read without one, ten times the whole."""
    return not _MARK.search(read.raw or "") and adds_up([float(read.value) / 10], whole)


def adds_up(values: list[float], target: float) -> bool:
    return abs(sum(values) - target) < 0.05


def _mendings(uniq: list[FieldValue], target: float) -> list[list[float]]:
    """The ways of mending scanned rows that add up to `target`: rows that lost their decimal mark read as a tenth
    of themselves, or one row that lost its leading digits read as the rest of the total whose digits end with it;
    in a column whose rows say tonnes, one row whose `т` was lost or read as a digit, in tonnes (`_unit_lost`)."""
    values = [float(v.value) for v in uniq]
    mended: list[list[float]] = []
    for tenths in product((False, True), repeat=len(uniq)):
        if any(tenths) and all(not t or not _MARK.search(v.raw) for t, v in zip(tenths, uniq, strict=True)):
            trial = [x / 10 if t else x for t, x in zip(tenths, values, strict=True)]
            if adds_up(trial, target):
                mended.append(trial)
    in_tonnes = any(SAYS_TONNES.search(v.raw) for v in uniq)
    for k, v in enumerate(uniq):
        rest = round(target - sum(values) + values[k], 3)
        if lead_lost(v, rest) or (in_tonnes and any(adds_up([t], rest) for t in _unit_lost(v))):
            mended.append([rest if j == k else x for j, x in enumerate(values)])
    return mended


def _unit_lost(row: FieldValue) -> list[float]:
    """A row of a column in tonnes read as kilograms, its `т` lost or read as a last digit (`1,627` for `1,62 т`):
    the row in tonnes, as read and without its last digit."""
    raw = row.raw.strip()
    read = _FIGURE_ALONE.fullmatch(raw)
    if read is None or float(row.value) >= 1000.0:
        return []  # a unit said, or the mark read as grouping thousands (`1,627` as 1 627 kg)
    out = [round(1000.0 * float(row.value), 3)]
    if len(read["decimals"]) >= 2:
        out.append(round(1000.0 * weight_id.parse_number(raw[:-1], decimal=read["mark"]), 3))
    return out


_FIGURE_ALONE = re.compile(r"\d{1,3}(?P<mark>[.,])(?P<decimals>\d{1,3})")
"""A row's figure with its decimal mark and no unit: tonnes (`1,627`) as a column of them prints its rows."""


def column_total(values: list[FieldValue]) -> FieldValue | None:
    """The document's total: a single value, the last when it is the sum of the others, else the sum."""
    if not values:
        return None
    uniq = unique_positions(values)
    if len(uniq) == 1:
        return uniq[0]
    last = uniq[-1]
    rest = sum(float(v.value) for v in uniq[:-1])
    # rounded rows may miss their total by a little; one row is its total exactly (a declaration's two goods of
    # `20968.700` and `20970.600` kg are two, not a row and its total)
    slack = max(0.5, 0.001 * float(last.value)) if len(uniq) > 2 else 0.5
    if abs(rest - float(last.value)) <= slack:
        return last
    if len(uniq) == 2 and _one_figure(uniq[0], last) == "lost":
        return last.model_copy(update={"confidence": min(v.confidence for v in uniq)})
    # a scanned total row its label lost (`97147` under rows adding up to 9 714,7: its mark lost)
    summed, _ = total_as_summed(last, uniq[:-1])
    if adds_up([rest], float(summed.value)):
        return summed
    total = round(sum(float(v.value) for v in uniq), 3)
    return uniq[0].model_copy(update={"value": total, "raw": SUM_OF_LINES, "confidence": min(v.confidence for v in uniq)})


def _one_figure(row: FieldValue, total: FieldValue) -> str | None:
    """How one scanned row and a total its label lost show one figure: "lost" when the row lost its leading digits
    (`370.5` over 5 370,5: the total is the figure); "either" when the digits lost are a 1, which may as well be a
    rule read as a 1 before the total (`15 166,5` under 5 166,5); None when neither shows the other."""
    if total.source == "text" or row.source == "text" or len(re.sub(r"\D", "", row.raw or "")) < 3:
        return None
    if not lead_lost(row, float(total.value)):
        return None
    return "either" if one_gained(total, float(row.value)) else "lost"


def row_or_total(values: list[FieldValue]) -> tuple[FieldValue, FieldValue] | None:
    """A scanned column of one row and a total whose 1 may be the row's lost or a rule's gained (`_one_figure`): the
    two, for a partner weight to choose between; None for any other column."""
    uniq = unique_positions(values)
    return (uniq[0], uniq[1]) if len(uniq) == 2 and _one_figure(uniq[0], uniq[1]) == "either" else None


def unique_positions(values: list[FieldValue]) -> list[FieldValue]:
    """The values at distinct places, the first of each: one figure read under two labels counts once."""
    seen: set[tuple[int, tuple[float, ...] | None]] = set()
    out = []
    for v in values:
        key = (v.page, tuple(round(x) for x in v.bbox) if v.bbox else None)
        if key not in seen:
            seen.add(key)
            out.append(v)
    return out
