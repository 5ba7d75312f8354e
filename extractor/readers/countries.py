"""Reads countries of origin and dispatch from names and codes under their labels, in any case form."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable

from extractor.field_models import FieldValue
from extractor.ids import country as country_id
from extractor.models import Word
from extractor.readers.cells import BOX_NUMBER, is_cell, lines_above
from extractor.readers.layout import Line, below, right_of, segments
from extractor.readers.values import dedupe, field_value
from extractor.readers.vocabulary import Label, find_labels


def _country_hits(text: str) -> list[tuple[str, int, int]]:
    """Country names anywhere; two-letter codes only where a code is what the box holds (short text, `(CN)`,
    `CN 156`), never inside a sentence (`LETTRE DE VOITURE`)."""
    out = []
    for code, s, e in country_id.find_in_text(text):
        if e - s > 2:
            out.append((code, s, e))
            continue
        before, after = text[:s].rstrip(), text[e:].lstrip()
        if len(text.strip()) <= 8 or (before.endswith("(") and after.startswith(")")) or country_id.beside_numeric(text, s, e):
            out.append((code, s, e))
    return out


def _title_regions(text: str, hits: list[tuple[Label, int, int]]) -> list[tuple[int, int]]:
    """Where each of several box titles in one run of text begins and ends, for the value under it.

    A title takes the words before it back to the last title of another role (`Баратын ел / Страна
    назначения`), or back to its box number (`15 Код страны отпр. 16 Страна происхождения`), since the words
    after a title are still its own; titles of one role side by side (`15 Страна отправления`, `Copy for
    sender`) share one region."""
    if not hits:
        return []
    starts = [0]
    for (prev, _, prev_end), (lab, start, _) in zip(hits, hits[1:], strict=False):
        if lab.role == prev.role:
            starts.append(starts[-1])
            continue
        numbers = [m for m in BOX_NUMBER.finditer(text, prev_end) if m.start() < start]
        starts.append(numbers[-1].start() if numbers else prev_end)
    ends = [len(text)] * len(hits)
    for k in range(len(hits) - 2, -1, -1):
        ends[k] = ends[k + 1] if starts[k + 1] == starts[k] else starts[k + 1]
    return list(zip(starts, ends, strict=True))


def _keyed(row: Line, segs: list[Line], x: float) -> bool:
    """Whether a key stands left of `row` on its line, starting left of `x`: the row is another key's value. A key
    has words: a speck OCR read as `|` left of an address is none."""
    return any(o.page == row.page and o.bbox[2] <= row.bbox[0] and o.bbox[0] < x and
               min(o.bbox[3], row.bbox[3]) > max(o.bbox[1], row.bbox[1]) and _LETTERS.search(o.text) for o in segs)


_LETTERS = re.compile(r"[^\W\d_]{2}")


_MAKER = re.compile(r"изготов|производ|өндіруші|manufactur|hersteller")
"""Origin labels that name the maker, a party: its country follows its name."""
MAKER_DOCS = frozenset({"product_passport", "invoice"})
"""Where the maker's country is the goods' origin that the checks compare (a producer's passport and release
invoice, Rules 763 p.18); a declaration's box 31 or a vehicle's papers name the maker for other ends."""
_COLUMN_NUMBER = re.compile(r"\d{1,2}[а-яa-z]?")
_OTHER_PARTY = re.compile(r"получател|алушы|покупател|сатып алушы|consignee|buyer|empfänger|destinataire", re.I)
"""The title of the consignee's box beside the sender's (`Жөнелтуші / Отправитель | Алушы / Получатель`)."""
_NUMBERED_BOX = re.compile(r"\s*\d{1,2}[a-zа-я]?\s+[^\W\d_]{3,}")
"""A numbered box's title beside the sender's (`1 Отправитель | 2 Станция отправления`): another box, no name."""
_OWN_NOTE = re.compile(r"\([^()]*\)")
"""A title's note on what its box holds (`Отправитель (наименование, адрес, страна)`): no name in the box."""
_NOT_A_BLOCK = re.compile(r"подпис|штамп|печат|указани|экземпляр|signature|stamp|instruction|copy|unterschrift|"
                          r"қолы|мөр|нұсқа", re.I)
"""A title that names the sender but heads no block of its name and address: a signature's, instructions', a
copy's (`Подпись и штамп отправителя`): what lies under it is a stamp's specks or another box."""
COUNTRY_ROWS = 16
"""Lines looked over for a country column's header: the rows above, each naming its country, are passed over."""


def read_countries(lines: list[Line], dt: str | None = None) -> list[FieldValue]:
    """Countries with a role from their label: in the same box after it, in the cell to the right, under a box
    title, or under a table column header (`Страна происхождения` over the rows)."""
    out: list[FieldValue] = []
    plain = [ln for ln in lines if not ln.reread]
    segs = [x for ln in plain for x in segments(ln)]
    by_page: dict[int, list[Line]] = defaultdict(list)  # a title's rows are on its page
    for s in segs:
        by_page[s.page].append(s)
    taken: set[tuple[int, float, float]] = set()

    def add(code: str, line: Line, a: int, b: int, role: str) -> None:
        fv = field_value(code, line, a, b, role=role)
        out.append(fv)
        if fv.bbox:
            taken.add((line.page, round(fv.bbox[0]), round(fv.bbox[1])))

    for seg in segs:
        hits = find_labels(seg.text, "country", dt)
        regions = _title_regions(seg.text, hits)
        for k, (lab, _s, e) in enumerate(hits):
            maker = bool(_MAKER.search(lab.words))
            if maker and dt not in MAKER_DOCS:
                continue
            stop = hits[k + 1][1] if k + 1 < len(hits) else len(seg.text)
            found = _country_hits(seg.text[e:stop])
            if found:
                # a party's country ends its name and address (`Изготовитель: ООО «Китай-Авто», Россия`)
                code, cs, ce = found[-1] if lab.role == "sender" or maker else found[0]
                add(code, seg, e + cs, e + ce, lab.role)
                continue
            if _OWN_NOTE.sub("", seg.text[e:stop]).strip(" :;,.-/()") and lab.role == "sender":
                continue  # "Отправитель: АО «АвтоВАЗ», г. Тольятти": the box held a name, no country
            # `15 Код страны отпр. 16 Страна происхождения`: in a row of small box titles the cell to the right is
            # the last one's
            last = regions[k][1] == len(seg.text)
            right = right_of(seg, segs) if last else None
            got_right = _country_hits(right.text) if right is not None and not find_labels(right.text, "country", dt) else []
            if lab.role == "sender" and right is not None:
                # `Polska Opakowania Sp. z o.o.`, `China National Tyre`: a firm's name that opens with a country
                got_right = [h for h in got_right if h[1] > 0 or not right.text[h[2]:].strip(" .,;")]
            if right is not None and got_right:
                code, cs, ce = got_right[0]
                add(code, right, cs, ce, lab.role)
                continue
            look = 4 if lab.role == "sender" else 2
            # a party's block: its name in the cell right of the label, its address (and country) under the name,
            # up to the next key's row (`8 Получатель  ТОО «…»`)
            named = right is not None and lab.role == "sender" and not find_labels(right.text, "country", dt) \
                and not _OTHER_PARTY.search(right.text) and not _NUMBERED_BOX.match(right.text)
            if lab.role == "sender" and _NOT_A_BLOCK.search(seg.text):
                continue  # a signature's title heads no block, whatever a stamp left under it
            own = seg.box_of(*regions[k])
            # the name's column first; then the title's own, should the cell right of it be the form's (a
            # declaration's `ДЕКЛАРАЦИЯ` beside box 2's title), not the party's name
            for anchor in [right.bbox, own] if right is not None and named else [own]:
                if _country_below(by_page[seg.page], anchor, look, lab.role, dt, named and anchor is not own, add):
                    break
    # table rows: a country under a column header that names its role
    for ln in plain:
        if find_labels(ln.text, "country", dt):
            continue
        for code, cs, ce in country_id.find_in_text(ln.text):
            if ce - cs <= 2:
                continue
            box = ln.box_of(cs, ce)
            if (ln.page, round(box[0]), round(box[1])) in taken:
                continue
            header: list[str] = []  # a header cell wraps over lines: `Страна` / `происхождения`
            slack = 0.0 if any(is_cell(w) for w in ln.words) else 20.0  # a cell's column is exact
            rows_passed = False
            for above in lines_above(plain, ln, COUNTRY_ROWS):
                over = [w for w in above.words if min(w.bbox[2], box[2] + slack) > max(w.bbox[0], box[0] - slack)]
                cell = " ".join(w.text for w in over)
                if country_id.find_in_text(cell):
                    if find_labels(cell, "country", dt):
                        break  # a key-value line that names its own country (`Продавец: ООО «X», Россия`), no header
                    rows_passed = True
                    continue  # the row above, its country in the same column (`643 Россия` over `156 Китай`)
                if _OTHER_PARTY.search(cell) and not find_labels(cell, "country", dt):
                    break  # the consignee's title over its address: a party's block, no column of countries
                if not cell.strip() or _COLUMN_NUMBER.fullmatch(cell.strip()):
                    continue  # the row of column numbers (`10а`) under a header, a blank row: not the header's words
                header.insert(0, cell)
                if len(header) > 4:
                    break
                hit = find_labels(" ".join(header), "country", dt) or \
                    (_spanning_title(above, over, dt) if not rows_passed else [])
                if hit:
                    add(code, ln, cs, ce, hit[0][0].role)
                    break
    return dedupe(out)


def _country_below(segs: list[Line], anchor: tuple[float, float, float, float], look: int, role: str, dt: str | None,
                   keyed: bool, add: Callable[[str, Line, int, int, str], None]) -> bool:
    """`add`s the country in the rows under a party's or country's title (or its name's cell), up to the next
    party's. True when that settles the title: a country found, or the next party's or country's title reached
    (no other column of this title's is worth a look); False when the rows ran out or a key stood beside one (the
    cell was no name's column)."""
    for row in below(segs, anchor, max_lines=look, slack=0.0):
        got = _country_hits(row.text)
        party = _OTHER_PARTY.search(row.text)
        if any(h[1] <= 3 for h in find_labels(row.text, "country", dt)) or (party and got and party.start() < got[0][1]):
            return True  # a row opening with the next party's or country's label, or a country after the
            # consignee's label (`2. Получатель / Consignee: …, Казахстан`): theirs
        if keyed and _keyed(row, segs, anchor[0]):
            return False
        if got:
            code, cs, ce = got[-1] if role == "sender" else got[0]
            add(code, row, cs, ce, role)
            return True
    return False


def _spanning_title(above: Line, over: list[Word], dt: str | None) -> list[tuple[Label, int, int]]:
    """The labels of a title centred over two sub-columns, when the column's own words are only part of it: a
    УПД's `Страна происхождения товара` over `цифровой код | краткое наименование` stands partly left of the
    name. Only a title naming one role, with a word of it over the column, counts."""
    seg = next((g for g in segments(above) if over and any(w in g.words for w in over)), None)
    hits = find_labels(seg.text, "country", dt) if seg is not None else []
    if len({lab.role for lab, _, _ in hits}) != 1 or seg is None:
        return []
    return [h for h in hits if any(w in over for w in seg.words_in(h[1], h[2]))]
