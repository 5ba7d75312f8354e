"""Reads the invoice numbers a document prints or refers to."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator

from classifiers.labels import DocType
from extractor.field_models import FieldValue
from extractor.ids import dates as dates_id
from extractor.models import Word
from extractor.readers.cells import words_apart
from extractor.readers.layout import Line, below
from extractor.readers.patterns import DECIMAL_FIGURE, HS_RE
from extractor.readers.values import dedupe, field_value
from extractor.readers.vocabulary import find_labels, fold

_OCR_NUMBER_SIGN = r"(?:n[eosº?]|mo|м[гое]|хо|[кk][оoеe])(?=\s)"
"""Tesseract's renderings of a `№` (`Ne`, `Мг`, `Мо`, `Ко`, `Ке`): a mark only when a space follows, so `NE123` stays a number."""
_NUMBER_MARK = r"(?:№|\bno\b\.?|\bnr\b\.?|number|nummer|номер|#|n°)"
"""A word that says a number follows or stands below (`INVOICE NO`, `Rechnungsnummer`)."""
_INVOICE_NO = r"[A-Za-zА-Яа-я0-9][\w/\-.]*\d[\w/\-.]*"
"""An invoice number: letters, digits and `/-.`, with a digit after its first character."""
# a declaration's box 44 writes the document's code and how it was presented: `04021/0 INV-118 ОТ 02.03.2024`
_INVOICE_NO_RE = re.compile(
    rf"^\s*\)?\s*(?:/\s*\d(?!\d)\s*)?(?:\([^()\d]{{1,25}}\)\s*)?[.:]*\s*(?:№|no\.?|nr\.?|number|#|n°|{_OCR_NUMBER_SIGN})?\s*[:.]*\s*({_INVOICE_NO})", re.I
)
_INVOICE_NO_VALUE = re.compile(rf"^{_INVOICE_NO}$")


def read_invoice_numbers(lines: list[Line], doc_type: DocType | None = None) -> list[FieldValue]:
    out: list[FieldValue] = []
    plain = [ln for ln in lines if not ln.reread]
    if doc_type is DocType.import_application:
        out.extend(_row_invoice_numbers(plain))
    for ln in plain:
        for lab, s, e in find_labels(ln.text, "invoice_number"):
            m = _INVOICE_NO_RE.match(ln.text[e:])
            if m:
                value = m.group(1).rstrip(".,;:")
                if fold(value) in ("от", "dated", "date"):
                    continue
                out.append(field_value(value, ln, e + m.start(1), e + m.start(1) + len(value), role=lab.role))
            elif (under := _number_under(plain, ln, s, e)) is not None:
                out.append(under.model_copy(update={"role": lab.role}))
    return dedupe(out)


def _rest_of_cell(ln: Line, end: int) -> str:
    """The words after `end` up to the next cell. Gaps are measured in the line's usual word height: a label's
    short last word (`no.:`) would make an ordinary space look like a column's."""
    out: list[str] = []
    prev: Word | None = None
    height = statistics.median(w.bbox[3] - w.bbox[1] for w in ln.words) if ln.words else 1.0
    for w, (a, _b) in zip(ln.words, ln.spans, strict=True):
        if a >= end:
            if prev is not None and words_apart(ln, prev, w, height):
                break
            out.append(w.text)
        prev = w
    return " ".join(out)


def _row_invoice_numbers(lines: list[Line]) -> Iterator[FieldValue]:
    """An import application's goods row ends with its invoice's number and date (`... Россия 58 25.08.2023`),
    whatever its column header became: the word before the row's last date, when it holds a digit and is no
    figure (a row without the number ends with a country or a weight)."""
    for ln in lines:
        found = dates_id.find_dates(ln.text, ocr=ln.ocr)
        if not found or not HS_RE.search(ln.text, 0, found[-1][2]):
            continue
        m = re.search(r"(\S+)\s+$", ln.text[: found[-1][2]])
        if m is None:
            continue
        text = m.group(1).strip("|")
        if _INVOICE_NO_VALUE.match(text) and not DECIMAL_FIGURE.match(text) and not HS_RE.fullmatch(text):
            start = m.start(1) + m.group(1).find(text)
            yield field_value(text, ln, start, start + len(text), role="invoice_number")


def _number_under(lines: list[Line], ln: Line, start: int, end: int) -> FieldValue | None:
    """A column header `INVOICE NO / FATURA NO` with the number on the line below it, under the header's words:
    only for a label that names a number (`No`, `№`, `Nr`, `number`), so a title's `INVOICE` takes no value."""
    mark = re.match(rf"\s*{_NUMBER_MARK}", ln.text[end:], re.I)
    if mark is None and not re.search(rf"{_NUMBER_MARK}\s*[.:]?\s*$", ln.text[start:end], re.I):
        return None
    after = end + (mark.end() if mark else 0)
    if re.match(r"\s*\.?\s*:", ln.text[after:]) or any(ch.isdigit() for ch in _rest_of_cell(ln, after)):
        return None  # `Invoice no.: 1№\-2624/3549`: a key and its value, garbled; no column header
    x0, _, x1, _ = ln.box_of(start, after)
    for nxt in below(lines, ln.bbox, max_lines=2, slack=0.0)[:2]:
        if nxt is ln or nxt.page != ln.page:
            continue
        for w, (a, _b) in zip(nxt.words, nxt.spans, strict=True):
            text = w.text.rstrip(".,;:")
            if min(w.bbox[2], x1) > max(w.bbox[0], x0) and _INVOICE_NO_VALUE.match(text) and not dates_id.find_dates(text):
                return field_value(text, nxt, a, a + len(text))
    return None
