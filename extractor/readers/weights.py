"""Reads a document's gross and net weights: figures beside their labels, a declaration's boxes 35 and 38, a table's
weight columns and totals (`weight_columns`), and the packaging's weight that makes one from the other."""

from __future__ import annotations

import math
import re
from collections.abc import Iterator

from extractor.field_models import FieldValue, read_short
from extractor.ids import country as country_id
from extractor.ids import dates as dates_id
from extractor.ids import weight as weight_id
from extractor.ids.homoglyphs import to_latin
from extractor.models import BBox
from extractor.readers.cells import BOX_NUMBER, center, figure_beside, same_place
from extractor.readers.layout import Line, right_of
from extractor.readers.patterns import (
    BARE_FIGURE,
    KG_WORDS,
    NUMBER_RE,
    ONE_DECIMAL,
    SAYS_TONNES,
    SAYS_UNIT,
    UNIT_WORDS,
    has_mark,
)
from extractor.readers.values import dedupe, field_value
from extractor.readers.vocabulary import Label, find_labels
from extractor.readers.weight_columns import (
    DOUBT_MARGIN,
    MONEY_WORD,
    PRICE_WORD,
    QUANTITY_HEAD,
    WORKED_OUT_SURE,
    adds_up,
    beside_other,
    column_places,
    column_total,
    column_values,
    groups_lost,
    header_cell,
    header_unit,
    in_kg,
    label_line,
    lead_lost,
    mark_lost,
    marks_by_format,
    next_cells,
    one_gained,
    row_or_total,
    rows_as_totalled,
    total_as_summed,
    unique_positions,
    unit_below,
    unit_headers,
    with_unit,
)
from extractor.readers.weight_figures import (
    MONEY_FIGURE,
    MOST_KG,
    PAIR_SLACK_KG,
    PER_UNIT_RE,
    SUM_OF_LINES,
    box_number_cell,
    box_start,
    cell_segments,
    decimal_convention,
    figures_in,
    figures_reread,
    next_box,
    pairs_with,
    plausible,
    relabelled,
)


def read_weights(lines: list[Line], dt: str | None = None) -> tuple[list[FieldValue], FieldValue | None, FieldValue | None]:
    lines = figures_reread(lines)
    full_lines = sorted((ln for ln in lines if not ln.reread), key=lambda ln: (ln.page, ln.bbox[1]))
    conv = decimal_convention("\n".join(ln.text for ln in full_lines))
    segs = cell_segments(lines)
    segs += relabelled(lines, segs, conv, dt)
    found: list[FieldValue] = []
    totals: dict[str, FieldValue] = {}
    columns: dict[str, list[FieldValue]] = {"gross": [], "net": []}
    headers: list[tuple[str, int, tuple[float, float, float, float]]] = []
    split_totals: dict[str, FieldValue] = {}

    def keep(role: str, col: list[FieldValue], total: FieldValue | None) -> None:
        # a scanned figure past any paper's weight is a misreading (`20867200` for `20867.200`): kept, it would
        # outweigh its partner and have the sound one dropped as implausible beside it. Without it the rows add up
        # to less than the column holds: they stand only beside a sound total
        total = None if _past_any(total) else total
        if any(map(_past_any, col)):
            col = [v for v in col if not _past_any(v)] if total is not None else []
        if total is not None:
            total, col = total_as_summed(total, col, columns["net" if role == "gross" else "gross"])
        else:
            col = marks_by_format(col)
        found.extend(col)
        columns[role].extend(col)
        if total is not None:
            found.append(total)
            totals.setdefault(role, total)

    for seg in segs:
        labels = find_labels(seg.text, "weight", dt)
        paired: dict[int, tuple[float, int, int, bool]] = {}
        for k, (lab, _ls, le) in enumerate(labels):
            if lab.role in ("total", "tare") or _in_difference(seg.text, labels, k) or \
                    _after_tare(seg.box_of(_ls, le), full_lines, dt) or PER_UNIT_RE.match(seg.text, le):
                continue
            rest = seg.text[le:]
            # the next label ends the value's span, unless it only says the same again (`брутто / gross: 5189 кг`)
            nxt = [n for n in find_labels(rest, "weight", dt) if n[0].role not in ("total", lab.role)]
            stop = le + min(nxt[0][1] if nxt else len(rest), next_box(rest))
            inline = [n for n in figures_in(seg, le, conv) if n[1] < stop and n[0] > 0 and figure_beside(seg.text, le, n[1], dt)
                      and not (seg.ocr and not n[3] and _unit_as_seven(seg.text, le, n[1], n[2]))]
            declared = _declared_box(seg, segs, le, stop, dt) if dt == "customs_declaration" and seg.ocr else None
            if k in paired:
                inline = [paired[k]]
            elif (partner := _pair_partner(seg.text, labels, k)) is not None:
                # `брутто/нетто, кг: 12450,5 / 11980,0`: the two figures in the labels' order
                two = [n for n in figures_in(seg, labels[partner][2], conv) if n[0] > 0][:2]
                if len(two) == 2 and "/" in seg.text[two[0][2] : two[1][1]]:
                    inline, paired[partner] = [two[0]], two[1]
            elif (before := _postfix_value(seg, labels, k, conv)) is not None:
                inline = [before]  # `12 450.5 kg gross, 11 980 kg net`
            # the unit is the label's own box's: `12 Volume, m3` read as `12 Volume, т` beside it is not tonnes
            stated = header_unit(seg.text[box_start(seg.text, _ls):stop])
            scale = stated or 1.0
            is_total = any(lab2.role == "total" for lab2, _, _ in find_labels(seg.text, "weight", dt))
            value = declared or ((seg, inline[0]) if inline else None)
            if value is None and MONEY_FIGURE.search(seg.text, le, stop):
                continue  # `Gesamtbetrag netto: 70.400,00 EUR`: its figure is a price, and none sits below it
            if value is None:
                # a key-value form: the value is the next cell to the right on the same line
                right = right_of(seg, segs)
                if right is not None and not find_labels(right.text, "weight", dt) and not box_number_cell(right, segs):
                    nums = [n for n in figures_in(right, 0, conv)
                            if n[0] > 0 and n[1] <= 3 and n[1] < next_box(right.text)]
                    value = (right, nums[0]) if nums else None
            # the label's cell: its column's head, whether a figure stands beside it or below it
            lab_box = with_unit(header_cell(seg.box_of(_ls, le), full_lines), full_lines)
            if value is not None:
                at, (kg, s0, s1, unit) = value
                kg = _declared_mark_lost(kg, at.text[s0:s1], dt) if at.ocr else kg
                fv = field_value(in_kg(kg, at.text[s0:s1], unit, scale, at.ocr), at, s0, s1, role=lab.role)
                if float(fv.value) > MOST_KG:
                    continue  # `№ 216289034` read as `NW 216289034`: a number, not a net weight
                below = _column_under(lab_box, seg, stated, full_lines, conv, lab.role, dt) \
                    if at.ocr and not declared else None
                if below is None or not _heads_column(lab, fv, below, _numbered_box(seg.text, _ls)):
                    found.append(fv)
                    if not is_total:
                        columns[lab.role].append(fv)
                    elif totals.setdefault(lab.role, fv) is fv and at.ocr and \
                            (whole := _split_whole(at, s0, s1, fv)) is not None:
                        split_totals[lab.role] = whole  # the total, should its rows add up to it whole
                    continue
                # the figure set aside, the column's figures are no surer than a weight worked out
                col, total = [_no_surer(v) for v in below[0]], below[1] and _no_surer(below[1])
            elif is_total and seg.ocr and any(n[0] > 0 for n in figures_in(seg, 0, conv)):
                # a total row naming its figures, this one's lost to OCR (`Итого нетто: 23130,100 кг; брутто /
                # gross: ee`): below it lies the page's foot (a signature's `3573`), not the column's rows
                continue
            else:
                # a header or box title: values sit below it, in its column
                col, total = _column_under(lab_box, seg, stated, full_lines, conv, lab.role, dt)
            if seg.ocr:
                headers.append((lab.role, seg.page, lab_box))
            keep(lab.role, col, total)
    for role, other in (("net", "gross"), ("gross", "net")):
        if columns[role] or role in totals or not (columns[other] or other in totals):
            continue
        for page, box in unit_headers(headers, other, full_lines):
            cells = [w.bbox[0] for w in next_cells(box, full_lines)]
            col, total = column_values(box, page, full_lines, conv, 1.0, role, dt, next(iter(cells), None))
            mine, theirs = total or column_total(col), totals.get(other) or column_total(columns[other])
            if mine is None or theirs is None or (float(mine.value) > float(theirs.value)) != (role == "gross") or \
                    any(same_place(v, o) for v in [*col, mine] for o in [*columns[other], theirs]):
                # gross is never under net: a column that says otherwise is not the missing one; nor is one that
                # holds the other's very figure, which spans both heads (a CMR's gross under `кг` and `м3`)
                continue
            keep(role, col, total)
            break
        else:  # no unit header gave it: the figures beside the other weight's, on a form with columns
            if dt != "customs_declaration":
                col, total = beside_other(other, columns[other], totals.get(other), full_lines, conv)
                keep(role, col, total)
    if dt == "customs_declaration":
        for fv in _declaration_boxes_by_neighbour(full_lines, columns):
            keep(str(fv.role), [fv], None)
        for fv in _gross_above_net(full_lines, columns):
            keep("gross", [fv], None)
    if not columns["net"] and "net" not in totals and dt in KG_QUANTITY_DOCS:
        col, total = _kg_quantities(full_lines, conv, dt)
        keep("net", col, total)
    if not columns["net"] and "net" not in totals and dt in ONE_WEIGHT_DOCS:
        col, total = _kg_headed_column(full_lines, conv, dt, [ln for ln in lines if ln.reread])
        keep("net", col, total)
    for role, whole in split_totals.items():
        if _rows_make(whole, columns[role]):
            found = [whole if v.value == totals[role].value and same_place(v, totals[role]) else v for v in found]
            totals[role] = whole
    gross = totals.get("gross") or column_total(columns["gross"])
    net = totals.get("net") or column_total(columns["net"])
    scanned = any(ln.ocr for ln in full_lines)
    if scanned:
        stated_tare = _stated_tare(segs, conv, dt)  # read once: three steps below weigh the pair against it
        tare = stated_tare if _at_odds(gross, net) else None
        short = _read_short(columns, totals)
        # the misread total gives way to its rows' sum among the readings too
        found, (gross, net) = _put_in_place(found, (gross, net), _rows_outvote(gross, net, columns))
        gross = _settled_by_partner(gross, columns["gross"], net)
        net = _settled_by_partner(net, columns["net"], gross)
        if dt == "customs_declaration" and short is not None:
            # a declaration's weights are its goods sheets' boxes summed: the one read on fewer sheets than the other
            # lacks a sheet's goods, however plausible beside it (box 38 lost on the second of two: 7307.3 of 7614.1);
            # dropped before the pair is weighed, which would otherwise drop the whole one for being under it
            gross, net = (None, net) if short == "gross" else (gross, None)
        gross, net = _rows_lost(gross, net, columns, totals)
        gross, net = _plausible_pair(gross, net, short, tare_stated=tare is not None)
        found, (gross, net) = _put_in_place(found, (gross, net), _rows_by_tare(gross, net, columns, stated_tare))
        if tare is not None and _at_odds(gross, net):
            gross, net = _by_tare(gross, net, tare)
            found.extend(v for v in (gross, net) if v is not None and v not in found)
    if scanned and (gross is None or net is None):
        gross, net = _from_summed_totals(full_lines, conv, dt, gross, net)
        if gross is None and net is None and stated_tare is not None:
            gross, net = _totals_by_tare(full_lines, stated_tare, conv, dt)
        if gross is None and dt == "cmr":
            gross = _cmr_total_row(full_lines, conv)
        found.extend(v for v in (gross, net) if v is not None and v not in found)
    # last: a `1` read for `1 975,1` is put right above by the rows' sum (`_rows_outvote`); and a scan's weight past
    # any paper's (a column's `15 886,400` read `15886400` summed with the rows above it) is a misreading
    gross, net = (None if _lone_one(v) or _past_any(v) else v for v in (gross, net))
    for total, rows in ((gross, columns["gross"]), (net, columns["net"])):
        if total is not None:
            rows = [v for v in rows if not same_place(v, total)]
            mended = dict(zip(map(id, rows), rows_as_totalled(rows, total), strict=True))
            found = [mended.get(id(v), v) for v in found]
    return dedupe(found), gross, net


_LABEL_COMMA = re.compile(r"\s*,\s*")


def _unit_as_seven(text: str, label_end: int, start: int, end: int) -> bool:
    """A lone 7 just after the label's comma: its unit (т or кг) as OCR reads it (`Фес нетто, 7 Sec бруте, т`), not
    a weight of seven kilograms, which would say its unit. Which unit it was, no one can tell: `HEADER_UNIT_RE`
    does not take it for tonnes (`Вес нетто, 7 17341.500` is a declaration's `кг`)."""
    return text[start:end] == "7" and bool(_LABEL_COMMA.fullmatch(text, label_end, start))


def _no_surer(v: FieldValue, *others: FieldValue) -> FieldValue:
    """`v` no surer than a weight worked out, nor than any of the readings `others` it was worked out from."""
    return v.model_copy(update={"confidence": round(min(v.confidence, *(o.confidence for o in others), WORKED_OUT_SURE), 3)})


_BOX_NUMBER = re.compile(r"\d{1,2}")


def _numbered_box(text: str, start: int) -> bool:
    """The label starting at `start` is a numbered box's title, the number just before it: `11Нес брутто. кг`, its
    first word misread past the form's own label (`11 Вес брутто`)."""
    return any(m.end() <= start <= m.end() + BOX_TITLE_SLACK for m in BOX_NUMBER.finditer(text[:start]))


BOX_NUMBER_SHARE = 20
"""A bare one- or two-digit figure beside a weight label over a figure this many times its own in the column is
the next box's number or unit, not the weight."""

BOX_TITLE_SLACK = 5
"""Characters a box title's first word may run to between its number and the weight word (`Нес ` of `Вес`)."""


def _heads_column(lab: Label, fv: FieldValue, below: tuple[list[FieldValue], FieldValue | None], boxed: bool) -> bool:
    """The scanned figure `fv` beside a weight label is not its value but the next head, the label a column's:
    beside a form's box number, one or two digits over figures below (`11 Searle 12 м³`, `11 в=с pyre, ge Конь:
    «2`: a CMR's boxes 11 and 12, their titles garbled), or beside any label over a figure many times its own
    (`oruttogewicnt tg AZ uerang «3 / Voluer` over `267.4`: box 12's `m3`); or any figure over rows below that add
    up to their total, which it is not (`NET KG | 68088 KG`: `GROSS` read as digits); or a figure without a unit
    over rows that end in a total row its label names, which it is neither (a CMR's `брутто. ar 1200. ut / Volum`:
    box 12's number and title garbled into a figure beside box 11's, over the goods box's `Total: 5 : 37 450`)."""
    col, total = below
    if _BOX_NUMBER.fullmatch(fv.raw.strip()) and (lab.box is not None or boxed or any(
            float(v.value) > BOX_NUMBER_SHARE * float(fv.value) for v in [*col, *filter(None, [total])])):
        return bool(col) or total is not None
    if total is not None and col and not SAYS_UNIT.search(fv.raw) and \
            float(fv.value) not in {float(v.value) for v in [*col, total]}:
        return True
    rows = col
    if total is None:
        if len(col) < 3:
            return False
        *rows, total = col  # its label lost, the total row is the column's last
    return len(rows) >= 2 and float(total.value) != float(fv.value) and \
        adds_up([float(v.value) for v in rows], float(total.value))


def _column_under(lab_box: BBox, seg: Line, stated: float | None, lines: list[Line], conv: dict[str, str],
                  role: str, dt: str | None) -> tuple[list[FieldValue], FieldValue | None]:
    """The figures in the column under the weight header or box title `lab_box` on `seg`, in its unit, and its
    total if one stands. `stated` is the unit the header names: one naming kilograms (`G.W. (kg)`) keeps them whatever
    stray mark OCR read under it (a `т` from a photo's speck over a packing list's gross column made its 84.7 kg 84.7
    tonnes); only one naming none looks for its unit wrapped below."""
    in_unit = stated if stated is not None else unit_below(lab_box, lines)
    col: list[FieldValue] = []
    total: FieldValue | None = None
    for box, next_cell in column_places(lab_box, lines, seg.ocr):
        col, total = column_values(box, seg.page, lines, conv, in_unit, role, dt, next_cell)
        if seg.ocr and in_unit == 1000.0 and any(float(v.value) > MOST_KG for v in [*col, *filter(None, [total])]):
            # tonnes that weigh more than anything does: the header's `кг` was read as `т`
            col, total = column_values(box, seg.page, lines, conv, 1.0, role, dt, next_cell)
        if col or total is not None:
            break
    return col, total


KG_QUANTITY_DOCS = ("invoice", "waybill")
"""Papers that may print no net weight but count the goods in kilograms: a Kazakh ЭСФ, a Russian УПД, a ТТН."""


_KG_AFTER = re.compile(r"[\s,(\[]*(?:кг|kgs?)(?![^\W\d_])", re.I)
_UNIT_HEAD = re.compile(
    r"(?i)(?<![^\W\d_])(?:ед\.?\s*изм\w*|единица\s+измерения|unit|өлш\w*\.?\s*бірл\w*|einheit)(?![^\W\d_])")
_KG_CELL = re.compile(rf"(?i)^(?:{KG_WORDS}|166)[.,]?$")
"""A unit cell that says kilograms: the word, or 166, its code in the OKEI list a УПД or ЭСФ prints beside it."""


def _kg_quantities(lines: list[Line], conv: dict[str, str], dt: str | None) -> tuple[list[FieldValue], FieldValue | None]:
    """The quantity column of a table whose rows all count in kilograms (its unit column says `кг` on each row, or
    its header `Кол-во, кг`): the goods' net mass, which such a paper prints nowhere else."""
    for ln in lines:
        for m in QUANTITY_HEAD.finditer(ln.text):
            kg_head = _KG_AFTER.match(ln.text, m.end()) is not None
            units = [ln.box_of(u.start(), u.end()) for u in _UNIT_HEAD.finditer(ln.text)]
            if not kg_head and not units:
                continue
            box = header_cell(ln.box_of(m.start(), m.end()), lines)
            cells = next_cells(box, lines)
            col, total = column_values(box, ln.page, lines, conv, 1.0, "net", dt, cells[0].bbox[0] if cells else None)
            spans = [_unit_span(ub, lines) for ub in units]
            if col and (kg_head or all(_counted_in_kg(fv, spans, lines) for fv in col)):
                return col, total
    return [], None


_DECIMAL_IN = re.compile(r"\d[\d\s]*[.,]\d")
ONE_WEIGHT_DOCS = ("import_application",)
"""Forms whose goods table has one weight column, the net mass (`Масса нетто, кг`, `Салмағы, кг`)."""
_UNIT_CELL_WORD = re.compile(r"(?i)изм|ед|unit|units|өлш")
"""The unit column's header word (`Ед. изм.`), not a weight's."""
LOST_WORDS = 6.0
"""How far past a lone `кг` (in its height) the figures of a header cell whose words OCR lost may run."""
_KG_HEADER = re.compile(r"(?i)(?<![^\W\d_])([^\W\d_]{3,})\s?[,.]?\s?(?P<unit>кг|kg)(?![^\W\d_])")


def _kg_headed_column(lines: list[Line], conv: dict[str, str], dt: str | None, rereads: list[Line]
                      ) -> tuple[list[FieldValue], FieldValue | None]:
    """On a scan of a one-weight form, the column under a header cell that counts in kilograms (`…, кг`) when
    OCR garbled the cell's words past any label (`Масса матто, кг`, `Caswens, кг`): its figures are the net. A goods
    row is one with its code, read by the page pass or by the re-read of its box."""
    for ln in lines:
        if not ln.ocr or _DECIMAL_IN.search(ln.text):
            continue  # a row of figures with their unit, not a header
        for m in _KG_HEADER.finditer(ln.text):
            if PRICE_WORD.search(m.group(1)):
                continue  # a price per kilogram's cell
            # the unit column's `изм.` run into the `кг` left of a header cell whose words OCR lost (`изм. кг`): the
            # cell is that `кг` alone, and its figures run as wide as the words it lost
            alone = _UNIT_CELL_WORD.fullmatch(m.group(1)) is not None
            box = header_cell(ln.box_of(m.start("unit") if alone else m.start(), m.end()), lines)
            cells = next_cells(box, lines)
            # no wider than the cell's own print: a header cell OCR lost beside it (`Стоимость`) leaves its
            # figures where the next cell seems to start
            end = min(cells[0].bbox[0] if cells else math.inf, box[2] + (LOST_WORDS if alone else 1) * (box[3] - box[1]))
            col, total = column_values(box, ln.page, lines, conv, 1.0, "net", dt, end)
            if not col or total is not None:
                continue
            # guessed from a unit alone, a column must give each goods row (a line with its code) one figure, on
            # that row: a speck above the rows or a row whose weight OCR lost would make another total
            coded = [c for c in rereads if _GOODS_CODE.search(c.text)]
            rows = [r for r in lines if r.page == ln.page and r.bbox[1] > box[3] and
                    (_GOODS_CODE.search(r.text) or any(_same_row(c, r) for c in coded))]
            if len(col) == len(rows) and all(any(_same_row(fv, r) for r in rows) for fv in col):
                return col, None
    return [], None


_GOODS_CODE = re.compile(r"(?<![\d.,])\d(?:[ .]?\d){8,10}(?![\d,]|\.\d)")
"""A goods row's code, its groups as OCR spaced them or glued to a rule (`16928 72 300 3`), or dotted
(`8471.90.00.00`)."""


def _same_row(fv: FieldValue | Line, ln: Line) -> bool:
    """The line runs through the middle of the value's (or the other line's) box."""
    mid = (fv.bbox[1] + fv.bbox[3]) / 2 if fv.bbox else -1.0
    return fv.page == ln.page and ln.bbox[1] <= mid <= ln.bbox[3]


def _unit_span(ub: BBox, lines: list[Line]) -> tuple[float, float]:
    """The x range of a unit column: from its header to the next header cell (or two line heights past it)."""
    h = max(1.0, ub[3] - ub[1])
    cells = next_cells(ub, lines)
    return ub[0] - h, cells[0].bbox[0] if cells else ub[2] + 2 * h


def _counted_in_kg(fv: FieldValue, spans: list[tuple[float, float]], lines: list[Line]) -> bool:
    """The row of `fv` says kilograms in one of the unit columns."""
    if fv.bbox is None:
        return False
    row = next((ln for ln in lines if _same_row(fv, ln)), None)
    return row is not None and any(lo <= center(w.bbox) <= hi and _KG_CELL.match(w.text)
                                   for lo, hi in spans for w in row.words)


_PAIR_SEP = re.compile(r"\.?\s*[/\\]\s*")  # `G.W./N.W.`: an abbreviation's dot before the slash


def _pair_partner(text: str, labels: list[tuple[Label, int, int]], k: int) -> int | None:
    """The other label of a pair that shares its figures (`брутто/нетто`, `Gross/Net`)."""
    if k + 1 >= len(labels):
        return None
    (a, _, a_end), (b, b_start, _) = labels[k], labels[k + 1]
    roles = {a.role, b.role}
    return k + 1 if roles == {"gross", "net"} and _PAIR_SEP.fullmatch(text[a_end:b_start]) else None


def _postfix_value(seg: Line, labels: list[tuple[Label, int, int]], k: int,
                   conv: dict[str, str]) -> tuple[float, int, int, bool] | None:
    """A figure with its unit just before a label that nothing follows but a comma or the end (`12 450.5 kg
    gross, 11 980 kg net`), and that no label before it claims."""
    _, start, end = labels[k]
    after = seg.text[end:].lstrip()
    if after and after[0] not in ",;.)":
        return None
    before = [n for n in figures_in(seg, 0, conv) if n[3] and n[0] > 0 and n[2] <= start and not seg.text[n[2]:start].strip()]
    if not before:
        return None
    prev_end = max((e for lab, _, e in labels[:k] if lab.role in ("gross", "net") and e <= before[-1][1]), default=None)
    if prev_end is not None and not seg.text[prev_end:before[-1][1]].lstrip().startswith((",", ";")):
        return None
    return before[-1]


_MINUS = re.compile(r"\s*(?:[-–—−]|минус|minus)\s*", re.I)


def _in_difference(text: str, labels: list[tuple[Label, int, int]], k: int) -> bool:
    """`Масса упаковки (брутто — нетто): 124,6`: two weight labels joined by a minus name the packaging's
    weight, neither of them."""
    before = k > 0 and _MINUS.fullmatch(text[labels[k - 1][2]:labels[k][1]])
    after = k + 1 < len(labels) and _MINUS.fullmatch(text[labels[k][2]:labels[k + 1][1]])
    return bool(before or after)


def _stated_tare(segs: list[Line], conv: dict[str, str], dt: str | None) -> FieldValue | None:
    """The packaging's weight a document states beside its label (`Масса упаковки (брутто - нетто): 261,3 кг`),
    when it states one."""
    stated = []
    for seg in segs:
        for lab, _ls, le in find_labels(seg.text, "weight", dt):
            nums = [n for n in figures_in(seg, le, conv) if n[0] > 0] if lab.role == "tare" else []
            if nums and not PER_UNIT_RE.match(seg.text, nums[0][2]):
                kg, s0, s1, unit = nums[0]
                stated.append(field_value(in_kg(kg, seg.text[s0:s1], unit, 1.0, seg.ocr), seg, s0, s1, role="tare"))
    return stated[0] if len({float(v.value) for v in stated}) == 1 else None


_MISREADINGS = (lead_lost, groups_lost, mark_lost, one_gained)
"""The ways a scanned weight is read wrong that the tare's arithmetic can put right (`_by_tare`)."""
TARE_SURE = 0.5
"""Confidence both the weight read and the tare must have for the weight the scan lost to be worked out from them."""


def _by_tare(gross: FieldValue | None, net: FieldValue | None, tare: FieldValue) -> tuple[FieldValue | None, FieldValue | None]:
    """The weight a scan lost or misread, worked out from the other and the packaging's: gross is net plus tare
    (Rules 763 p.32.1). A lost one stands at the tare's box; one that cannot stand beside the other because it lost
    its leading digits (`437,2` of 2 437,2: `lead_lost`) or its last groups (`11. 033` read as 11: `groups_lost`),
    its decimal mark (`9541` of 954,1: `mark_lost`) or gained a rule's 1 before it (`12,086` t of 2,086 t:
    `one_gained`) is put right where it was read. No surer than the readings it is made of."""
    if tare.confidence < TARE_SURE:
        return gross, net
    t = float(tare.value)
    if gross is None or net is None:
        known = gross or net
        assert known is not None
        at, role = tare, "gross" if gross is None else "net"
        if known.confidence < TARE_SURE:
            return gross, net
    elif any(f(net, float(gross.value) - t) for f in _MISREADINGS):
        at, known, role = net, gross, "net"
    elif any(f(gross, float(net.value) + t) for f in _MISREADINGS):
        at, known, role = gross, net, "gross"
    else:
        return gross, net
    value = round(float(known.value) + (t if role == "gross" else -t), 3)
    if value <= 0 or t >= (value if role == "gross" else float(known.value)):
        return gross, net
    derived = _no_surer(at, known, tare).model_copy(update={
        "value": value, "role": role, "raw": f"{known.raw} {'+' if role == 'gross' else '-'} {tare.raw}"})
    return (derived, net) if role == "gross" else (gross, derived)


def _after_tare(box: tuple[float, float, float, float], lines: list[Line], dt: str | None) -> bool:
    """A gross or net label that only explains a packaging-weight label before it on its line (no number
    between them): `Масса упаковки (брутто — нетто): 124,6 кг`."""
    ln = label_line(box, lines)
    if ln is None:
        return False
    for lab, a, b in find_labels(ln.text, "weight", dt):
        tare = ln.box_of(a, b)
        if lab.role == "tare" and box[0] >= tare[2] and not any(
            tare[2] <= w.bbox[0] < box[0] and any(ch.isdigit() for ch in w.text) for w in ln.words
        ):
            return True
    return False


_KG3 = r"\d{1,6} ?[.,] ?\d{3}(?![\d.,])"
"""A declaration's weight: kilograms to three decimals, OCR's space beside the mark or not (`3520. 000`,
`7307 .300`)."""


def _declared_kg(figure: str) -> float:
    """A `_KG3` or `_KG3_SPACED` figure in kilograms: its decimals after a mark read, or read as a space."""
    figure = figure.replace(" ", "") if any(mark in figure for mark in ".,") else figure.replace(" ", ".")
    return weight_id.parse_weight(figure, decimal=next(c for c in reversed(figure) if c in ".,"))


_KG3_SPACED = r"(?:\d{1,6} ?[.,] ?\d{2,3}(?![\d,]|\.\d)|\d{1,6} \d{3}(?![\d,]|\.\d| \d{3}(?!\d)))"
"""A box 35 or 38 figure beside its neighbour box, its mark read or read as a space (`4165 400`: the form groups no
thousands, and prints three decimals), its last nought perhaps lost (`JP | 1092.10`), a speck or the box's rule
read as a dot after it (`JP 1250.000. 00-00-00`). Not one whose mark was lost
(`3842600`): on five seeds' scans, taking those too read one box more, and three figures as weights that were
wrong."""
_BOX_RULE = r"\.?\s+(?:\.?(?:[|\]\[:;]|[a-zа-я](?=\s))\s*){0,2}"
"""The space between two boxes on a form's row, their rule perhaps read as a bar, a colon or a semicolon
(`40 00 000 | 333.500`, `30 00 000 :5364.400`, `40.00 000 ; 5835.200`), a dot glued to the box before or the bar
(`40 00 000. 73.700`, `40 00 000 .| 2436.800`), the rule and a speck beside it read as two marks or a lone small
letter (`40 00 000 : | 399.900`, `156 СМ у 447.100`)."""
_PROCEDURE = rf"\d{{2}}[\s.]?\d{{2}}[\s.]?\d{{3}}{_BOX_RULE}"
"""Box 37's procedure code and the rule after it."""
_BOX_NEIGHBOURS = {
    # box 34, the origin country's code and letters (`156 CN`; without the digits, letters that name a country;
    # with them, any two, which OCR reads in Cyrillic or misreads: `156 СМ`), then box 35, the gross
    "gross": re.compile(
        rf"(?<![\w.,])(?P<numeric>\d{{3}}\s+)?(?P<country>[A-ZА-Я]{{2}}){_BOX_RULE}(?P<kg>{_KG3_SPACED})"),
    # box 37, the procedure code (`40 00 000`, a space read as a dot: `40.00 000`), then box 38, the net weight
    # (the box's left rule perhaps read as a 1, `140 00 600 1250.000`, where the weight has its three decimals: a
    # currency's code and an amount, `156 16 773 219,00`, make the same digits)
    "net": re.compile(rf"(?<![\d.,])(?:1(?={_PROCEDURE}\d{{1,6}}[.,]\d{{3}}(?![\d,]|\.\d)))?{_PROCEDURE}(?P<kg>{_KG3_SPACED})"),
}


def _declaration_boxes_by_neighbour(lines: list[Line], columns: dict[str, list[FieldValue]]) -> Iterator[FieldValue]:
    """A declaration sheet's weights whose box titles OCR lost, read by the box before them on the form's row:
    34 (origin) then 35 (gross), 37 (procedure) then 38 (net), weights in kilograms to three decimals. Only on
    sheets where no title gave that weight: each goods sheet carries its own."""
    for role, pattern in _BOX_NEIGHBOURS.items():
        done = {v.page for v in columns[role]}
        for ln in lines:
            if ln.page in done:
                continue
            m = next((m for m in pattern.finditer(ln.text)
                      if "country" not in m.groupdict() or m["numeric"] or country_id.to_alpha2(to_latin(m["country"]))),
                     None)
            if m is None:
                continue
            done.add(ln.page)
            yield field_value(_declared_kg(m["kg"]), ln, m.start("kg"), m.end("kg"), role=role)


_DECLARED_FIGURE = re.compile(
    r"(?<![\d.,])(?P<whole>\d{1,3}-\d{1,3}|\d{1,6})(?:[.,]\s?| )(?P<frac>\d{3})(?![\d.,]| \d)")
"""...and a speck among its whole kilograms read as a hyphen (`230-48.000`)."""
_GROUP_BEFORE = re.compile(r"[\d.,] $")


def _declared_figures(text: str, start: int, stop: int) -> Iterator[tuple[float, int, int]]:
    """A declaration's weights as a scan reads them: kilograms to three decimals, the mark kept (`17341.500`,
    `3520. 000`) or read as a space (`1757 600`, `547 600`: the form groups no thousands); not the last groups of a
    figure grouped in thousands (`341.500` of `17 341.500`), nor the first of one (`1 757 600`)."""
    for m in _DECLARED_FIGURE.finditer(text, start, stop):
        if len(m["whole"]) > 3 or not _GROUP_BEFORE.search(text, 0, m.start()):
            yield float(f"{m['whole'].replace('-', '')}.{m['frac']}"), m.start(), m.end()


def _declared_box(seg: Line, segs: list[Line], start: int, stop: int, dt: str | None
                  ) -> tuple[Line, tuple[float, int, int, bool]] | None:
    """The declaration-shaped figure of a box 35 or 38 title on a scan, beside it or opening the next cell to its
    right, before anything else the first number there may be: the unit read as a digit (`Bec нетто, 7` then
    `17341.500`), the mark read as a space, which cuts the figure in two (`1757 600` read as 1757)."""
    for kg, a, b in _declared_figures(seg.text, start, stop):
        if figure_beside(seg.text, start, a, dt):
            return seg, (kg, a, b, False)
    right = right_of(seg, segs)
    if right is None or find_labels(right.text, "weight", dt):
        return None
    first = next(_declared_figures(right.text, 0, next_box(right.text)), None)
    if first is None or first[1] > 3:
        return None
    kg, a, b = first
    return right, (kg, a, b, False)


_DECLARED_KG = re.compile(rf"(?<![\d.,]){_KG3}")
MARKLESS_DIGITS = 7
"""Digits of a declaration's weight read with no mark from which the mark is taken for lost (`22345200` for
`22345.200`): the form prints kilograms to three decimals, so even a thousand tonnes read whole has seven."""


def _declared_mark_lost(kg: float, raw: str, dt: str | None) -> float:
    """A scanned declaration's box 35 or 38 whose decimal mark OCR lost: the last three digits are the decimals."""
    digits = re.sub(rf"\s*(?:{UNIT_WORDS})\.?$", "", raw.strip(), flags=re.I)
    if dt == "customs_declaration" and digits.isdigit() and len(digits) >= MARKLESS_DIGITS:
        return kg / 1000.0
    return kg


GROSS_ROWS = 4
"""How many text rows above box 38's figure box 35's may stand: the form's row of boxes 33 to 35 is next above."""
PACKAGING_SHARE = 1.5
"""Gross over net at most: what packaging adds to goods (the bench's declarations: under 1.1)."""


_MARKLESS_KG3 = re.compile(r"(?<![\d.,])\d{4,9}(?![\d.,])")


def _gross_figures(text: str) -> Iterator[tuple[float, int, int]]:
    """(kg, start, end) of box 35's figure in kilograms to three decimals, or of its digits with the mark lost
    (`[22300` for 22.300): so taken only between the sheet's net and what packaging adds to it, where a count or a
    price seldom falls."""
    for m in _DECLARED_KG.finditer(text):
        yield _declared_kg(m.group()), m.start(), m.end()
    for m in _MARKLESS_KG3.finditer(text):
        yield int(m.group()) / 1000, m.start(), m.end()


def _gross_above_net(lines: list[Line], columns: dict[str, list[FieldValue]]) -> Iterator[FieldValue]:
    """A declaration sheet's box 35 whose title and box-34 neighbour OCR both lost (`Beytro 21089.100 сальжагы`),
    found from the sheet's box 38: the figure in kilograms to three decimals (`_gross_figures`) in the rows just above it, no less
    than the net and no more than packaging makes of it. Only on sheets where nothing else gave the gross."""
    done = {v.page for v in columns["gross"]}
    for net in columns["net"]:
        if net.page in done or net.bbox is None:
            continue
        top, height = net.bbox[1], net.bbox[3] - net.bbox[1]
        best: tuple[float, FieldValue] | None = None
        for ln in lines:
            gap = top - ln.bbox[3]
            if ln.page != net.page or not 0 <= gap <= GROSS_ROWS * 1.5 * height:
                continue
            for kg, a, b in _gross_figures(ln.text):
                if float(net.value) <= kg <= PACKAGING_SHARE * float(net.value) and (best is None or gap < best[0]):
                    best = (gap, field_value(kg, ln, a, b, role="gross"))
        if best is not None:
            done.add(net.page)
            yield best[1]


def _read_short(columns: dict[str, list[FieldValue]], totals: dict[str, FieldValue]) -> str | None:
    """The weight whose column was read on fewer of the document's pages than the other's (`read_short`), no total
    standing for it."""
    short = read_short([*columns["gross"], *columns["net"]])
    return None if short in totals else short


def _past_any(fv: FieldValue | None) -> bool:
    """A scanned weight past `MOST_KG`; a text layer's stands as printed, for the checks to weigh."""
    return fv is not None and fv.source != "text" and float(fv.value) > MOST_KG


def _lone_one(fv: FieldValue | None) -> bool:
    """A scan's weight for the whole document read from a bare `1`: a table's rule, a row's number or a count under a
    garbled header (`1` under `NET`), far likelier than a consignment of one whole kilogram (small ones print their
    decimals, `3,2`). Another lone digit stands for the checks to weigh (`4} 531.6` read as 4 kg)."""
    return fv is not None and fv.source != "text" and fv.raw.strip() == "1"


_SPLIT_DECIMALS = re.compile(r" (\d{1,3})([.,])(\d{1,3})(?![\d.,]| \d)")


def _split_whole(at: Line, s0: int, s1: int, fv: FieldValue) -> FieldValue | None:
    """A labelled total's bare figure and the decimals OCR set apart from it by a space, read as one figure
    (`Всего масса нетто: 2551 7,800 кг` for 25 517,800): a candidate only, taken when its rows add up to it
    (`_rows_make`), since `1641 4,5` may as well be a count and a weight."""
    bare = at.text[s0:s1]
    if not bare.isdigit() or len(bare) < 4 or float(fv.value) != float(bare) or \
            (m := _SPLIT_DECIMALS.match(at.text, s1)) is None:
        return None  # in kilograms as printed: a figure in tonnes is not joined
    return fv.model_copy(update={"value": float(bare + m.group(1) + "." + m.group(3)),
                                 "raw": at.text[s0:m.end()], "bbox": at.box_of(s0, m.end()),
                                 "confidence": at.confidence_of(s0, m.end())})


def _rows_make(total: FieldValue, rows: list[FieldValue]) -> bool:
    """Two or more rows of the total's column add up to it."""
    summed = column_total(rows)
    return len(rows) >= 2 and summed is not None and adds_up([float(summed.value)], float(total.value))


def _rows_outvote(gross: FieldValue | None, net: FieldValue | None, columns: dict[str, list[FieldValue]]
                  ) -> tuple[FieldValue | None, FieldValue | None]:
    """A scanned total at odds with its partner, where the partner is its own rows' sum and this total's rows sum to
    a figure that pairs with it: the total is misread, its rows are not (`брутто / gross: 1 975,1 кг` read
    `1 9751 кг`, its label's figure taken as the `1`, under rows of 1 934,4 and 40,7 beside a net that its rows
    make). The sum is no surer than a weight worked out."""
    if gross is None or net is None or plausible(float(gross.value), float(net.value)):
        return gross, net
    gross_rows, net_rows = column_total(columns["gross"]), column_total(columns["net"])
    if gross_rows is None or net_rows is None:
        return gross, net
    g, n, g_rows, n_rows = (float(v.value) for v in (gross, net, gross_rows, net_rows))
    if abs(n_rows - n) <= PAIR_SLACK_KG and g_rows != g and plausible(g_rows, n):
        return _no_surer(gross_rows), net
    if abs(g_rows - g) <= PAIR_SLACK_KG and n_rows != n and plausible(g, n_rows):
        return gross, _no_surer(net_rows)
    return gross, net


def _rows_lost(gross: FieldValue | None, net: FieldValue | None, columns: dict[str, list[FieldValue]],
               totals: dict[str, FieldValue]) -> tuple[FieldValue | None, FieldValue | None]:
    """A scanned weight at odds with its partner, taken from its column's rows with no total of its own, where those
    are fewer than the partner's rows and the partner is a total they add up to: OCR lost the column's other rows
    (a gross of 3 269,7 from the second of two rows, the first and the total lost, beside a net total of 10 668,2
    that its two rows make). It is dropped, not weighed against a sound figure."""
    if gross is None or net is None or plausible(float(gross.value), float(net.value)):
        return gross, net
    for role, other in (("gross", "net"), ("net", "gross")):
        if role not in totals and other in totals and \
                len(unique_positions(columns[role])) < len(unique_positions(columns[other])) and \
                _rows_make(totals[other], columns[other]):
            return (None, net) if role == "gross" else (gross, None)
    return gross, net


def _put_in_place(found: list[FieldValue], was: tuple[FieldValue | None, FieldValue | None],
                  now: tuple[FieldValue | None, FieldValue | None]
                  ) -> tuple[list[FieldValue], tuple[FieldValue | None, FieldValue | None]]:
    """The readings with each weight of the pair `now` that a step put in place of its reading in `was`, and that
    pair."""
    for v, old in zip(now, was, strict=True):
        if v is not None and v is not old:
            found = [x for x in found if x != old] + [v]
    return found, now


def _rows_by_tare(gross: FieldValue | None, net: FieldValue | None, columns: dict[str, list[FieldValue]],
                  tare: FieldValue | None) -> tuple[FieldValue | None, FieldValue | None]:
    """The sum of a scanned weight's rows, in place of its total, where the total misses the other weight by more
    than the stated tare and the rows' sum misses it by the tare exactly: the total's digit was misread, however
    sure OCR was of it (`19 744,9` for 10 744,9 over rows of 869,3 and 9 875,6, beside a net of 10 106,6 and
    `Масса упаковки: 638,3 кг`). Two readings, the rows and the tare, agree against one."""
    if gross is None or net is None or tare is None or adds_up([float(net.value)], float(gross.value)):
        return gross, net
    t = float(tare.value)
    if adds_up([float(net.value), t], float(gross.value)):
        return gross, net
    fits = []
    for fv, partner in ((gross, net), (net, gross)):
        rows = columns[str(fv.role)]
        summed = column_total(rows) if len(unique_positions(rows)) >= 2 else None
        if summed is None or adds_up([float(summed.value)], float(fv.value)):
            continue
        g, n = (float(summed.value), float(partner.value)) if fv is gross else (float(partner.value), float(summed.value))
        if adds_up([n, t], g):
            fits.append(_no_surer(summed.model_copy(update={"role": fv.role}), tare))
    if len(fits) != 1:
        return gross, net
    return (fits[0], net) if fits[0].role == "gross" else (gross, fits[0])


def _settled_by_partner(fv: FieldValue | None, col: list[FieldValue], partner: FieldValue | None) -> FieldValue | None:
    """A weight summed from a row and a total a 1 parts (`row_or_total`: net `5 166,5` over `15 166,5`) is the one
    of the two that makes a pair with the other weight (a gross of 5 370,5: the net is 5 166,5, a rule read as the
    total's 1), when just one does; no surer than either reading."""
    if fv is None or partner is None or fv.raw != SUM_OF_LINES or (pair := row_or_total(col)) is None:
        return fv
    fits = [v for v in pair if pairs_with(float(v.value), fv.role, float(partner.value))]
    return _no_surer(fits[0], partner) if len(fits) == 1 else fv


def _plausible_pair(gross: FieldValue | None, net: FieldValue | None, short: str | None = None,
                    tare_stated: bool = False) -> tuple[FieldValue | None, FieldValue | None]:
    """A scan's gross and net that put net above gross, or under half of it: one is misread. The one `short`, read
    on fewer pages (`_read_short`), is dropped when the other is read no less surely or both are sums: a sum that
    missed a sheet's line, not one that took in a line too many. Else a column's sum that added a misread line is
    dropped; else a reading much less sure than the other (`Масса нетто партии: 4} 531.6` read as 4 kg beside a
    gross of 11 605.7); else both stand, for the checks to weigh. Read neither way in tonnes, a figure that lost its
    decimal mark is first put right (`_mark_put_back`), unless the paper states its tare, whose arithmetic settles it."""
    if gross is None or net is None or plausible(float(gross.value), float(net.value)):
        return gross, net
    if _tonnes_unsaid(gross, net) and plausible(1000.0 * float(gross.value), float(net.value)):
        return _in_tonnes(gross), net
    if _tonnes_unsaid(net, gross) and plausible(float(gross.value), 1000.0 * float(net.value)):
        return gross, _in_tonnes(net)
    if not tare_stated and (mended := _mark_put_back(gross, net)) is not None:
        return mended  # a stated tare settles which figure lost its mark, by arithmetic (`_by_tare`)
    summed = gross.raw == net.raw == SUM_OF_LINES
    if short == "net" and (summed or gross.confidence >= net.confidence):
        return gross, None
    if short == "gross" and (summed or net.confidence >= gross.confidence):
        return None, net
    if summed:
        # the larger sum is the one that took in a line too many
        return (None, net) if float(gross.value) > float(net.value) else (gross, None)
    if SUM_OF_LINES in (gross.raw, net.raw):
        return (None if gross.raw == SUM_OF_LINES else gross), (None if net.raw == SUM_OF_LINES else net)
    if net.confidence + DOUBT_MARGIN <= gross.confidence:
        return gross, None
    if gross.confidence + DOUBT_MARGIN <= net.confidence:
        return None, net
    return gross, net


def _mark_put_back(gross: FieldValue, net: FieldValue) -> tuple[FieldValue, FieldValue] | None:
    """A scanned pair that holds with one figure's lost decimal mark put back: a figure read as bare digits (no
    mark, no groups) beside the other's one decimal (`42914` beside a net of `4020,8`: a gross of 4 291,4; `8329 кг`
    beside a gross of `900,3 кг`: a net of 832,9), when it does not as read. The figure put back is no surer than either reading."""
    for lost, kept in ((gross, net), (net, gross)):
        if lost.source != "ocr" or not BARE_FIGURE.fullmatch(lost.raw) or not ONE_DECIMAL.search(kept.raw):
            continue
        tenth = round(float(lost.value) / 10, 3)
        if pairs_with(tenth, "gross" if lost is gross else "net", float(kept.value)):
            put = _no_surer(lost.model_copy(update={"value": tenth}), kept)
            return (put, net) if lost is gross else (gross, put)
    return None


def _at_odds(gross: FieldValue | None, net: FieldValue | None) -> bool:
    """One weight read and not the other, or both and not plausibly a pair: what a stated tare may settle."""
    if gross is None or net is None:
        return (gross is None) != (net is None)
    return not plausible(float(gross.value), float(net.value))



_TONNE_FIGURE = re.compile(r"\d[.,]\s?\d{3}$")


def _tonnes_unsaid(fv: FieldValue, partner: FieldValue) -> bool:
    """`Итого нетто: 6,5 т; брутто: 6,5`: the figure read without a unit (the scan lost it), its partner in
    tonnes; read as kilograms, a gross of 6.5 kg stood under a net of 6 500. Or the figure printed as tonnes are,
    to three decimals (`6,183`), under a header whose unit OCR garbled (`Вес нетто, WE` beside `Вес брутто, т`)."""
    return fv.raw is not None and partner.raw is not None and not SAYS_UNIT.search(fv.raw) and \
        (bool(SAYS_TONNES.search(partner.raw)) or bool(_TONNE_FIGURE.search(fv.raw)))


def _in_tonnes(fv: FieldValue) -> FieldValue:
    return fv.model_copy(update={"value": round(1000.0 * float(fv.value), 3)})


def _total_rows(lines: list[Line], dt: str | None) -> Iterator[tuple[int, Line, int]]:
    """Scanned lines with a total label (`Итого`, `Total`, `Барлығы`): (index, line, where the label ends). On a
    CMR also a line of figures after one or two short words: its goods box's total row, the label garbled (`Toe 1
    1160`, `То: 680 30759.5`, `Moro мест. 149 9 222.6`, `Hmor тест 2 2560`); what is taken from it must still add
    up or repeat a row."""
    for i, ln in enumerate(lines):
        if ln.ocr:
            ends = [le for lab, _, le in find_labels(ln.text, "weight", dt) if lab.role == "total"]
            if ends:
                yield i, ln, ends[0]
            elif dt == "cmr" and (m := _GARBLED_TOTAL.match(ln.text)) and _FIGURES_ONLY.fullmatch(ln.text, m.end()) \
                    and len(NUMBER_RE.findall(ln.text, m.end())) >= 2 and not dates_id.find_dates(ln.text[m.end():], ocr=True):
                yield i, ln, m.end()  # packages and weight: one figure is a box's lone value, a date is a place's


_GARBLED_TOTAL = re.compile(r"\W{0,3}[^\W\d_]{2,6}[.:]?(?:\s+(?:places|packages|[^\W\d_]{3,5})[.:]?)?(?=\s+\d)", re.I)
"""One short word before the figures, or two, the second the places' (`Итого мест` read `Hmor тест`)."""
_FIGURES_ONLY = re.compile(r"(?:\s+[|$‚,]?\s*\d[\d\s.,]*)+")


def _column_figures(line: Line, x0: float, x1: float, conv: dict[str, str]) -> list[float]:
    """The figures of `line` that stand over the column from `x0` to `x1`."""
    return [n[0] for n in figures_in(line, 0, conv)
            if min(x1, (b := line.box_of(n[1], n[2]))[2]) > max(x0, b[0])]


def _summed_totals(lines: list[Line], conv: dict[str, str], dt: str | None) -> list[tuple[FieldValue, bool]]:
    """Numbers on a total row that the numbers above them in their column add up to: (value, written with a
    decimal mark). A table whose headers OCR garbled still adds up."""
    out = []
    for i, ln, label_end in _total_rows(lines, dt):
        h = max(1.0, ln.bbox[3] - ln.bbox[1])
        for kg, s0, s1, _unit in figures_in(ln, label_end, conv):
            x0, _, x1, _ = ln.box_of(s0, s1)
            parts: list[float] = []
            misses = 0
            for above in reversed(lines[:i]):
                if above.page != ln.page or ln.bbox[1] - above.bbox[3] > 25 * h or misses > 3:
                    break
                col = _column_figures(above, x0, x1, conv)
                if len(col) != 1:
                    misses += 1
                    continue
                misses = 0
                parts.append(col[0])
                if abs(sum(parts) - kg) <= max(0.05, 0.0005 * kg):
                    if not _money_column(lines, above, x0, x1, dt):
                        out.append((field_value(kg, ln, s0, s1), has_mark(ln.text[s0:s1])))
                    break
    return out


_DECIMALS_UNREAD = re.compile(r"[.,]\s?[^\W\d_]")
"""A figure's mark followed by a letter where its decimals stand (`22802,G00`): the figure read is its whole part."""


def _totals_by_tare(lines: list[Line], tare: FieldValue, conv: dict[str, str], dt: str | None
                    ) -> tuple[FieldValue | None, FieldValue | None]:
    """A scanned total row's net and gross where no label, column or sum gave either (a photo's header row lost):
    the two figures on it that differ by the stated packaging's weight, gross being net plus tare (Rules 763
    p.32.1). A gross whose decimals OCR read as letters (`Итого: 71 | 3851 21046,500 AE || 22802,G00` beside
    `Масса упаковки: 1 756,1 кг`) is the net and the tare, where its whole part is theirs. Only a single such
    pair; neither surer than a weight worked out."""
    if tare.confidence < TARE_SURE:
        return None, None
    t = float(tare.value)
    pairs = []
    for _i, ln, end in _total_rows(lines, dt):
        figures = [n for n in figures_in(ln, end, conv) if n[0] > t]
        for (kg, s0, s1, _), (heavier, h0, h1, _) in ((a, b) for a in figures for b in figures if a[1] != b[1]):
            if adds_up([kg, t], heavier):
                gross = field_value(heavier, ln, h0, h1, role="gross")
            elif heavier.is_integer() and math.floor(kg + t) == heavier and _DECIMALS_UNREAD.match(ln.text, h1):
                gross = field_value(round(kg + t, 3), ln, h0, h1, role="gross").model_copy(
                    update={"raw": f"{ln.text[s0:s1]} + {tare.raw}"})
            else:
                continue
            if plausible(float(gross.value), kg):
                pairs.append((_no_surer(gross, tare), _no_surer(field_value(kg, ln, s0, s1, role="net"), tare)))
    return pairs[0] if len(pairs) == 1 else (None, None)


def _money_column(lines: list[Line], top: Line, x0: float, x1: float, dt: str | None) -> bool:
    """The column's header, the nearest words over its first number, names a price or a sum (`Стоимость без НДС`,
    `Всего с НДС`): an e-invoice's money adds up as well as weights do."""
    h = max(1.0, top.bbox[3] - top.bbox[1])
    for ln in reversed(lines[: lines.index(top)]):
        if ln.page != top.page or top.bbox[1] - ln.bbox[3] > 6 * h:
            break
        words = " ".join(w.text for w in ln.words if min(x1, w.bbox[2]) - max(x0, w.bbox[0]) > 0)
        if any(ch.isalpha() for ch in words):
            return bool(MONEY_WORD.search(words)) and \
                not any(lab.role in ("gross", "net") for lab, _, _ in find_labels(words, "weight", dt))
    return False


def _cmr_total_row(lines: list[Line], conv: dict[str, str]) -> FieldValue | None:
    """A scanned CMR's total row (`Total: 129 1 336,4`) whose rows above OCR could not add up: the goods box
    totals the packages (box 7) and the gross weight (box 11), the one number there with a decimal mark, or,
    with none, the one whole figure a goods row above repeats in its column (`Итого мест: 2 | 30400` under a
    harvester's `30400`: one lot, its weight its total). Two such numbers (box 12's volume beside it) leave it
    unknown."""
    for _, ln, label_end in _total_rows(lines, "cmr"):
        numbers = [n for n in figures_in(ln, label_end, conv) if n[0] > 0]
        found = [n for n in numbers if has_mark(ln.text[n[1]:n[2]])] or \
            [n for n in numbers if n[0] >= MIN_CMR_GROSS and _repeated_above(lines, ln, n, conv)]
        if len(found) == 1:
            kg, s0, s1, _unit = found[0]
            return field_value(kg, ln, s0, s1, role="gross", confidence=min(0.6, ln.confidence_of(s0, s1)))
    return None


MIN_CMR_GROSS = 10.0
"""Kilograms under which a CMR's repeated figure is a count of packages, not a consignment's weight."""


def _repeated_above(lines: list[Line], total: Line, number: tuple[float, int, int, bool], conv: dict[str, str]) -> bool:
    """A line above `total` on its page reads the same figure in the same column."""
    x0, _, x1, _ = total.box_of(number[1], number[2])
    return any(ln.page == total.page and not ln.reread and ln.bbox[3] <= total.bbox[1] and
               number[0] in _column_figures(ln, x0, x1, conv) for ln in lines)


def _from_summed_totals(
    lines: list[Line], conv: dict[str, str], dt: str | None, gross: FieldValue | None, net: FieldValue | None,
) -> tuple[FieldValue | None, FieldValue | None]:
    """The weight the labels missed, from the totals that add up: gross is the larger of a pair and net at
    least half of it. A CMR carries only the gross, the largest total in its goods box (box 7 counts packages,
    box 12 holds cubic metres); it also outweighs a smaller labelled gross that no total confirms, a figure OCR
    made of the next box's garbled title (`Вес брутто, кг 12 Объем` read `брутто. к 106, в`)."""
    summed = _summed_totals(lines, conv, dt)
    vals = sorted(((v, dec) for v, dec in summed
                   if not any(k is not None and v.bbox == k.bbox for k in (gross, net))), key=lambda c: float(c[0].value))

    def role(v: FieldValue, r: str) -> FieldValue:
        return _no_surer(v).model_copy(update={"role": r})

    if dt == "cmr" and net is None:
        top = vals[-1][0] if vals else None
        if top is None or (gross is not None and (float(top.value) <= float(gross.value) or
                                                  any(abs(float(v.value) - float(gross.value)) <= 0.5 for v, _ in summed))):
            return gross, None  # the labelled gross is a total, or outweighs every total
        return role(top, "gross"), None
    if gross is not None and net is None:
        # beside a gross written with decimals, a total without is a count (`7575` pieces under `14 407,8`)
        below = [v for v, dec in vals if 0.5 * float(gross.value) <= float(v.value) < float(gross.value)
                 and (dec or not has_mark(gross.raw))]
        return gross, role(below[-1], "net") if below else None
    if net is not None and gross is None:
        above = [v for v, _ in vals if float(net.value) < float(v.value) <= 2 * float(net.value)]
        return (role(above[0], "gross") if above else None), net
    # decimals tell weights from counts (`2403` sheets): both totals written with one, or, on a packing list,
    # whose places and pieces are counted in columns of their own, one of the two (`5713,400` beside `6161`)
    pair = [(v, dec) for v, dec in vals if dec or dt == "packing_list"][-2:]
    if len(pair) == 2:
        (lighter, lighter_marked), (heavier, heavier_marked) = pair
        if (lighter_marked or heavier_marked) and \
                0.5 * float(heavier.value) <= float(lighter.value) < float(heavier.value):
            return role(heavier, "gross"), role(lighter, "net")
    return gross, net
