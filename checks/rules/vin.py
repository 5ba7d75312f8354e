"""Declared VINs against the documents, and their validity (Rules 763 p.24, p.25, p.28).

Every declared VIN should appear on a document and every VIN on the documents should be
declared. A VIN one character away from a document's is shown with both values. The check
digit is only binding on North American VINs (ISO 3779); elsewhere a failure proves nothing.
Self-propelled machinery (tractors, harvesters, road-building machines) is often identified by
the maker's serial number instead: on such a line a number of no VIN's length is a serial
number, sought among the documents' serial numbers, not a malformed VIN.
"""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz.distance import Levenshtein

from checks.context import CheckContext, near
from checks.models import Finding, Severity
from checks.rules.base import Rule, rule
from extractor.field_models import FieldValue, ReadDocument
from extractor.ids import hs_code as hs_id
from extractor.ids import serial as serial_id
from extractor.ids import vin as vin_id
from extractor.ids.exceptions import InvalidChecksum, ValidationError


def _readings(ctx: CheckContext) -> list[tuple[ReadDocument, FieldValue]]:
    """Well-formed VINs read from the documents (misreads that are no VIN at all are ignored)."""
    return [(d, fv) for d in ctx.documents for fv in d.fields.vins if vin_id.is_valid(str(fv.value))]


def _not_a_vin(ctx: CheckContext, i: int, number: str) -> bool:
    """A serial-numbered machine's line, and a number of no VIN's length: a serial number, or nothing valid."""
    return hs_id.takes_serial_number(ctx.lines[i].hs_code) and len(number) != vin_id.LENGTH


def _one_off_proven(ctx: CheckContext, doc: ReadDocument, fv: FieldValue) -> bool:
    """A scan's VIN one character off the declared one proves a typo only when something checks that character:
    the check digit (North American VINs), or a second paper read alike. A known maker checks only the first
    three: an ЭПТС photo's `LGWEP4A53…` for `LGWEF4A53…`, read at 0.9, told the payer to correct a right VIN."""
    number = str(fv.value)
    return fv.source == "text" or vin_id.check_digit_applies(number) or ctx.corroborated(doc, fv)


@rule("vin_invalid", "Rules 763 p.25")
def declared_vin_valid(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for i, line in enumerate(ctx.lines):
        for number in line.vins:
            if _not_a_vin(ctx, i, number):
                if not serial_id.is_valid(number):
                    yield r.finding(ctx, Severity.error, key="vin_invalid.machine", goods_line=i, declared=number)
                continue
            try:
                vin_id.validate(number, check_digit=True)
            except InvalidChecksum:
                yield r.finding(ctx, Severity.error, key="vin_invalid.check_digit", goods_line=i, declared=number)
            except ValidationError:
                yield r.finding(ctx, Severity.error, goods_line=i, declared=number)


@rule("vin_mismatch", "Rules 763 p.28")
def declared_vin_found(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    readings = _readings(ctx)
    found = {str(fv.value) for _, fv in readings}
    for i, line in enumerate(ctx.lines):
        for number in line.vins:
            if number in found:
                continue
            if _not_a_vin(ctx, i, number):
                # a serial number, sought among the documents' (what is no serial is reported invalid above)
                if serial_id.is_valid(number) and not any(
                        serial_id.same_serial(number, str(fv.value)) or
                        (fv.source != "text" and vin_id.same_under_ocr(number, str(fv.value)))
                        for d in ctx.documents for fv in d.fields.serial_numbers):
                    yield r.finding(ctx, Severity.warning, key="vin_mismatch.serial_not_found", goods_line=i,
                                    declared=number)
                continue
            if any(fv.source != "text" and vin_id.same_under_ocr(number, str(fv.value)) for _, fv in readings):
                continue  # a scan's 1/L or 0/D slip, not a different vehicle
            close = [(d, fv) for d, fv in readings if near(number, str(fv.value))]
            if close:
                doc, fv = max(close, key=lambda dv: (ctx.confident(*dv), dv[1].confidence))
                yield r.finding(
                    ctx,
                    ctx.severity_of(doc, fv) if _one_off_proven(ctx, doc, fv) else Severity.warning,
                    doc=doc,
                    at=fv,
                    goods_line=i,
                    declared=number,
                    found=str(fv.value),
                )
            else:
                yield r.finding(ctx, Severity.warning, key="vin_mismatch.not_found", goods_line=i, declared=number)


MISREAD_SLIPS = 4
"""Edits (a character misread, added or lost) by which a scan's reading may differ from a declared VIN and still be
its document's misreading of it: a 110-dpi photo's `WVW6CJ2EARH438566` for `WVWGCJ2EXRH458566`; a CMR scan's
`LRWRS5U0M5N073065` for `LRWR5U0M5N0730656`, an `S` added and the last `6` lost, every glyph after shifted."""


def _misreading_of_declared(doc: ReadDocument, fv: FieldValue, declared: list[str]) -> bool:
    """An OCR reading a few characters off a declared VIN that its document shows nowhere else: the document's
    reading of that vehicle, not another one. A vehicle the document shows beside the declared one (a sibling
    of the same batch, its serial a digit on) is another vehicle and stays reported; so does a North American
    reading, which its check digit proves or rejects."""
    number = str(fv.value)
    if fv.source == "text" or vin_id.check_digit_applies(number):
        return False
    own = [str(o.value) for o in doc.fields.vins]
    return any(Levenshtein.distance(v, number) <= MISREAD_SLIPS and
               not any(o == v or vin_id.same_under_ocr(v, o) for o in own) for v in declared)


@rule("vin_mismatch", "Rules 763 p.28")
def document_vin_declared(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    declared = [v for line in ctx.lines for v in line.vins]
    reported: set[str] = set()
    for doc, fv in _readings(ctx):
        number = str(fv.value)
        if number in reported or any(near(number, v) for v in declared):
            continue  # declared, or the one-character case reported against the declared VIN
        if fv.source != "text" and any(vin_id.same_under_ocr(number, v) for v in declared):
            continue  # declared, or the one-character case reported against the declared VIN
        if _misreading_of_declared(doc, fv, declared):
            continue  # the declared VIN misread: its line's finding says whether any paper shows it
        reported.add(number)
        yield r.finding(
            ctx,
            Severity.warning,
            key="vin_mismatch.undeclared",
            doc=doc,
            at=fv,
            found=number,
        )


RULES = [declared_vin_valid, declared_vin_found, document_vin_declared]
