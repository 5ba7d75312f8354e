"""Reads dates and gives each the role its label or its document gives it (invoice date, crossing date, ...)."""

from __future__ import annotations

import re
from datetime import date

from classifiers.labels import DocType
from classifiers.normalize import fold as title_fold
from classifiers.signals import default_signals
from extractor.field_models import FieldValue
from extractor.ids import dates as dates_id
from extractor.models import BBox, Word, same_box, union
from extractor.readers.cells import lines_above
from extractor.readers.layout import Line
from extractor.readers.patterns import HS_RE, REG_RE
from extractor.readers.rereads import mended_lines, rereads_by_page
from extractor.readers.values import dedupe, field_value
from extractor.readers.vocabulary import find_labels, fold

DEFAULT_DATE_ROLE: dict[DocType, str] = {
    DocType.invoice: "invoice_date",
    DocType.control_pass: "crossing_date",
    DocType.customs_declaration: "registration_date",
    DocType.waybill: "document_date",
    DocType.conformity_certificate: "issue_date",
    DocType.vehicle_passport: "issue_date",
    DocType.product_passport: "issue_date",
    DocType.acceptance_certificate: "document_date",
    DocType.import_application: "document_date",
    DocType.packing_list: "document_date",
}
"""The date a paper's type makes likely for a date no label names. A CMR has none: its three dates (box 4's or
16's taking over, box 21's making out, box 24's receipt, days after the border) are alike, so an unnamed one is a
`document_date`, not a making date the crossing could be compared with."""


SELLERS_PAPERS = (DocType.invoice, DocType.packing_list, DocType.product_passport, DocType.vehicle_passport,
                  DocType.other)
"""Papers the seller or maker writes, in its own country's hand (an American dealer's invoice or title dates
`03/05/2024` month first). A CMR, a control pass, a declaration, a type approval or an acceptance certificate is
filled in by a carrier or an office of the Convention's or the EAEU's countries, day first."""


def _date_role_in(text: str, dt: str | None = None) -> str | None:
    hits = find_labels(text, "date", dt)
    return hits[-1][0].role if hits else None


_REFERENCE_TAIL = re.compile(r"(\S*\d\S*)\s+(?:[оo][тt]|from|dated|vom|of)\s*$", re.I)  # OCR's `OT` is Latin
_NUMBER_MARKS = {"№", "no", "nr", "n", "#", "n°"}


def named_document(text: str) -> list[str]:
    """`04021 HX202301992 ОТ`, `Договор № 12 от`: the words naming the document whose number and `от` end the text
    before a date, so the date is that document's (unless a label says which date it is, or they are this
    document's own title). A bare `№ 200 от` names none: it is the heading of this one."""
    m = _REFERENCE_TAIL.search(text)
    if not m:
        return []
    before = text[: m.start(1)].split()
    # number marks, and OCR's renderings of `№` as a lone `&` or `*`
    while before and (fold(before[-1]).strip(".:") in _NUMBER_MARKS or not any(ch.isalnum() for ch in before[-1])):
        before.pop()
    return before


def _own_title(words: list[str], doc_type: DocType) -> bool:
    """Words that end with this document type's title (`УПАКОВОЧНЫЙ ЛИСТ` before `№ 318 от`): its own heading."""
    head = title_fold(" ".join(words))
    titles = default_signals().types[doc_type].titles if doc_type in default_signals().types else []
    return any(head == t.folded or head.endswith(" " + t.folded) for t in titles)


_RANGE_BETWEEN = re.compile(
    r"\s*(?:г\.?|года?|ж\.?|жыл\w*)?\s*(?:бастап)?\s*(?:по|до|to|till|until|through|bis|дейін|[-–—]|\.\.)?\s*$", re.I)
"""What stands between the two dates of a validity range (`с X по Y`, `from X to Y`, `X бастап Y дейін`, `X - Y`)."""
_VALIDITY = {"valid_until", "valid_from"}
_TIME_AFTER = re.compile(r"[°'’`\"]?\s*(?:в\s*)?[012]?\d[:.]\d\d(?![\d.,])")
"""A time of day right after a date: a declaration prints one with its release decision, never with its
registration (that date is in the registration number). A scan may set a speck between them (`12.06.2024° 16:45`)
and misread the minutes past 59 (`17:82`)."""


_BOX44_KIND = re.compile(r"\W{0,2}(?:0\d|10)\d{3}(?!\d)")
"""The code of a presented paper's kind opening a line of a declaration's box 44 (`02015 RU932355 ОТ 03.11.2023`,
its `ОТ` sometimes lost to the scan: `02015:.929219.0Т. 26.08.2023`)."""


def _one_date(text: str) -> date | None:
    """The date a word or a re-read run is, whole but for a speck or bracket at either end."""
    found = dates_id.find_dates(text, ocr=True)
    return found[0][0] if len(found) == 1 and len(found[0][1]) >= len(text.strip("()[]|.,;:'`")) else None


COMPLETION_SLIPS = 1
"""Digits in which the re-read of a cut date may differ from the page pass's reading of its uncut part: a photo's
re-read, sure of nothing (`24.03.2023` at 0 for `14.03-202` at 0.58), reads the year's end the pass lost."""


def _completed(cut: str, reread: str) -> str | None:
    """The whole of a date whose year the page pass cut short (`14.03-202`), its lost end taken from the re-read
    of its box: the pass's digits where the two overlap, the re-read's after them; None unless the re-read goes
    on from the pass's digits but for `COMPLETION_SLIPS` and the result is a date."""
    if not dates_id.cut_short(cut) or _one_date(reread) is None:
        return None
    mine, theirs = re.sub(r"\D", "", cut), re.sub(r"\D", "", reread)
    if len(theirs) <= len(mine) or sum(a != b for a, b in zip(mine, theirs, strict=False)) > COMPLETION_SLIPS:
        return None
    digits = iter(mine + theirs[len(mine):])
    text = re.sub(r"\d", lambda _: next(digits), reread)
    return text if _one_date(text) is not None else None


def _dates_reread(lines: list[Line]) -> list[Line]:
    """The page-pass lines with each word that is a date put right by the Latin-and-digits re-read of its box,
    when that reads another date at least as surely and not years ahead: the mixed-script pass reads a day's `0`
    as `9` (`19.08.2023` for `10.08.2023`, the re-read and the pass's stamp agreeing on the 10th). Where the re-read
    is less sure, the page pass stands: each pass misreads a digit about as often as the other. A date the page
    pass cut short takes the re-read that completes it, and one it garbled into no date the re-read that reads its
    digits alike (`_read_alike`)."""
    def keep(w: Word) -> bool:
        d = _one_date(w.text)
        return d is not None and d.year <= date.today().year + 1

    def mend(words: list[Word], rereads: list[Word]) -> list[Word]:
        out = words
        for k, w in enumerate(words):
            for r in rereads:
                if not same_box(w.bbox, r.bbox):
                    continue
                # a surer re-read puts right another date the page pass read, or a date it garbled into none
                # (`1105.2024` at 0.07 for a stamp's `17.05.2024`)
                mine = _one_date(w.text)
                surer = r.confidence >= w.confidence and (
                    _one_date(r.text) != mine if mine is not None else bool(_DATE_SHAPED.fullmatch(w.text.strip(_SPECKS))))
                whole = None if surer else _completed(w.text, r.text)
                if surer or whole:
                    out = [*out[:k], w.model_copy(update={"text": whole or r.text}), *out[k + 1:]]
                    break
        return _read_alike(out, rereads)

    return mended_lines(lines, rereads_by_page(lines, keep), mend)


def _read_alike(words: list[Word], rereads: list[Word]) -> list[Word]:
    """`words` with the words inside a re-read date's box that make no date, but hold its very digits in order, made
    the one word the re-read reads: a month's name the mixed-script pass read in Cyrillic shapes (`09-МАК-2024` for
    `09-MAR-2024`), or a date it read in pieces (`2 7/0.3/2 024` for `27/03/2024`)."""
    out = words
    for r in rereads:
        inside = [k for k, w in enumerate(out) if any(map(str.isdigit, w.text)) and same_box(w.bbox, r.bbox)]
        if not inside or inside != list(range(inside[0], inside[-1] + 1)):
            continue
        run = out[inside[0] : inside[-1] + 1]
        if any(_one_date(w.text) for w in run) or re.sub(r"\D", "", "".join(w.text for w in run)) != \
                re.sub(r"\D", "", r.text):
            continue
        one = run[0].model_copy(update={"text": r.text, "bbox": union([w.bbox for w in run]),
                                        "confidence": min(r.confidence, *(w.confidence for w in run))})
        out = [*out[: inside[0]], one, *out[inside[-1] + 1 :]]
    return out


_DATE_SHAPED = re.compile(r"(?=(?:\D*\d){6})[\d.,/\-]{6,11}")
"""Digits and a date's marks, as many as a date prints, that make no date: a date the page pass garbled."""
_SPECKS = ".,:;'`_~|-"
"""What a scan's specks beside a date read as, at either end of it (`-26.07202:` for `26.07.2023`)."""


TWICE_READ_SURE = 0.5
"""How sure the page pass must be of a date the re-read read alike for the two readings to prove it."""


def _read_twice(lines: list[Line]) -> list[tuple[int, BBox, date]]:
    """Dates the mixed-script page pass and the Latin-and-digits re-read of the same box read alike, the page pass
    at least `TWICE_READ_SURE`: two passes seldom misread a digit alike, so the date is proven as a check digit
    proves a VIN (a scanned type approval's `valid until`, an expiry the payer must answer for)."""
    rereads = rereads_by_page(lines, lambda w: any(ch.isdigit() for ch in w.text))

    def alike(word: str, d: date, reread: str) -> bool:
        # the re-read of a run that took in a short word beside the date (`до: 31.08.2022` re-read
        # `A0231.08.2022`) still reads the date's characters as the page pass did
        return _one_date(reread) == d or reread.endswith(word) or reread.startswith(word)

    return [(ln.page, w.bbox, d) for ln in lines if not ln.reread and ln.ocr and ln.page in rereads for w in ln.words
            if w.confidence >= TWICE_READ_SURE and len(w.text) >= 8 and (d := _one_date(w.text)) is not None
            and any(same_box(w.bbox, r.bbox) and alike(w.text, d, r.text) for r in rereads[ln.page])]


def read_dates(lines: list[Line], doc_type: DocType, registration: list[FieldValue]) -> list[FieldValue]:
    """Dates with a role from the nearest label: before the date on its line, just after it (`14.08.2024 ВЫПУСК
    РАЗРЕШЕН`), or on the lines above (a box title); else the document type's usual date."""
    twice = _read_twice(lines)  # before the re-read mends the page pass: a mended date is read once
    lines = _dates_reread(lines)
    out: list[FieldValue] = []
    fallback: set[int] = set()
    default = DEFAULT_DATE_ROLE.get(doc_type, "document_date")
    dt = doc_type.value
    month_first = dates_id.slashes_month_first(
        "\n".join(ln.text for ln in lines if not ln.reread), american_hand=doc_type in SELLERS_PAPERS)
    for ln in lines:
        if ln.reread:
            continue
        found = dates_id.find_dates(ln.text, ocr=ln.ocr)
        range_end = -1
        for k, (d, raw, start, end) in enumerate(found):
            if month_first:
                d = dates_id.month_first(d, raw)
            if REG_RE.search(ln.text[max(0, start - 9) : end + 9]) and "/" in ln.text[max(0, start - 1) : end + 1]:
                continue  # the date inside a registration number is read from the number itself
            prev_end = found[k - 1][3] if k else 0
            role = _date_role_in(ln.text[prev_end:start], dt)
            if role is None and (named := named_document(ln.text[prev_end:start])):
                # the document's own number line (`СЧЕТ-ФАКТУРА № 1887 от ...`, `Упаковочный лист № 318 от ...`);
                # elsewhere the date of a named document
                own = _own_title(named, doc_type) or (
                    doc_type is DocType.invoice and find_labels(ln.text[prev_end:start], "invoice_number"))
                role = default if own else "reference_date"
            if role is None:
                nxt = found[k + 1][2] if k + 1 < len(found) else len(ln.text)
                after = ln.text[end : min(nxt, end + 40)]
                hits = find_labels(after, "date", dt)
                if hits and hits[0][1] <= 6:
                    date_box = ln.box_of(start, end)
                    label_box = ln.box_of(end + hits[0][1], end + hits[0][2])
                    if label_box[0] - date_box[2] <= 3 * max(1.0, date_box[3] - date_box[1]):  # not another box
                        role = hits[0][0].role
            if role is None:
                role = _date_role_in(ln.text[:start], dt)
            if role is None:
                x0, _, x1, _ = ln.box_of(start, end)
                for k_above, above in enumerate(lines_above(lines, ln, 4)):
                    # the column header over the date (a table's header may sit a few wrapped lines up), or,
                    # just above, the whole line
                    over = [w.text for w in above.words if min(w.bbox[2], x1 + (x1 - x0)) > max(w.bbox[0], x0 - (x1 - x0))]
                    role = _date_role_in(" ".join(over), dt) or (_date_role_in(above.text, dt) if k_above < 2 else None)
                    if role:
                        break
            if role is None and doc_type is DocType.import_application and HS_RE.search(ln.text, 0, start):
                role = "invoice_date"  # a goods row names its invoice, number and date, whatever its header became
            if role is None and doc_type is DocType.customs_declaration and _TIME_AFTER.match(ln.text, end):
                role = "release_date"  # the release stamp's date and time, its `ВЫПУСК РАЗРЕШЕН` lost to the scan
            if role is None and doc_type is DocType.customs_declaration and (
                    _BOX44_KIND.match(ln.text) or _REFERENCE_TAIL.search(ln.text, prev_end, start)):
                # box 44 lists the papers presented, each after its kind's code, as `№ от` (`© ВЕ24845236 ОТ`, its
                # code lost): on a declaration a bare number and `от` are no heading, its own date is in its number
                role = "reference_date"
            if role in _VALIDITY and k + 1 < len(found) and _RANGE_BETWEEN.match(ln.text[end : found[k + 1][2]]):
                role, range_end = "valid_from", k + 1  # `срок действия с 01.02.2024 по 31.01.2029`: its start
            elif k == range_end:
                role = "valid_until"
            if ln.ocr and role not in _VALIDITY and d.year > date.today().year + 1:
                continue  # `24.04.2055` on a control pass: an event's date OCR moved decades ahead
            box = ln.box_of(start, end)
            proven = any(p == ln.page and pd == d and same_box(box, pbox) for p, pbox, pd in twice)
            fv = field_value(d.isoformat(), ln, start, end, role=role or default, verified=proven)
            if role is None:
                fallback.add(id(fv))
            out.append(fv)
    # the type's usual date is a guess for a date nothing names: where a label names that date, an unnamed one is
    # another's (a stamp's `13.01. 2025` under a pass's `Дата пересечения: 13 января 2024 г.`)
    named_roles = {v.role for v in out if id(v) not in fallback}
    # a declaration's own number dates it; another paper's (a Russian УПД's column of the declarations its goods
    # came in under, an application's reference) names an earlier declaration, not a date of this paper
    numbered = [reg.model_copy(update={"value": reg_date.isoformat(), "role": "registration_date"})
                for reg in (registration if doc_type is DocType.customs_declaration else [])
                if (reg_date := dates_id.from_registration_number(str(reg.value))) is not None]
    # and names its registration date as surely as a label: an unnamed date beside it is another's, or misread
    # (`19.06.2024` for the 10th under `55202/100624/…`)
    named_roles |= {v.role for v in numbered}
    out = [v for v in out if id(v) not in fallback or v.role not in named_roles]
    return dedupe(out + numbered)
