"""The invoice number of each goods line against the attached invoices (a moderator's rejection reason)."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz

from checks.context import CheckContext, norm_ref
from checks.models import Finding, Severity
from checks.rules.base import Rule, rule
from classifiers.labels import DocType
from extractor.field_models import FieldValue, ReadDocument


@rule("invoice_number_mismatch", "Rules 763 p.15")
def invoice_number(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    readings: list[tuple[ReadDocument, FieldValue]] = [
        (d, fv)
        for d in ctx.of_type(DocType.invoice)
        if ctx.concerns_goods(d)
        for fv in d.fields.invoice_numbers
        if norm_ref(fv.value)
    ]
    refs = _references(ctx)
    for i, line in enumerate(ctx.lines):
        if not line.invoice_number or not norm_ref(line.invoice_number):
            continue
        declared = norm_ref(line.invoice_number)
        if not readings and ctx.of_type(DocType.invoice):
            yield from _against_references(ctx, r, i, declared, line.invoice_number, refs)
            continue
        if not readings or any(norm_ref(fv.value) == declared for _, fv in readings):
            continue
        doc, fv = max(readings, key=lambda dv: fuzz.ratio(declared, norm_ref(dv[1].value)))
        if not ctx.confident(doc, fv) and any(norm_ref(o.value) == declared for _, o in refs):
            continue  # another paper cites the declared number: the scanned invoice's reading is the misread one
        severity, found = ctx.severity_of(doc, fv), str(fv.value)
        cited = _agreed(ctx, [(d, o) for d, o in refs if norm_ref(o.value) != declared], norm_ref(fv.value))
        if severity is not Severity.error and cited is not None:
            severity, found = Severity.error, cited
        yield r.finding(ctx, severity, doc=doc, at=fv, goods_line=i, declared=line.invoice_number, found=found)


NEAR_READING = 70
"""How alike (rapidfuzz ratio) a number two papers cite must be to the invoice's reading to be what it misread
(`INV20237614` and `TMY20237614`, the photo's Cyrillic look-alikes for `INV`, score 73)."""


def _agreed(ctx: CheckContext, refs: list[tuple[ReadDocument, FieldValue]], read: str) -> str | None:
    """A number another paper cites surely and a second separately read paper bears out, near the invoice's
    reading: what the invoice says where OCR garbled it (`ТМУ-2023/7614` on a photo, `INV-2023/7614` in the CMR and
    the declaration). Were the invoice's own reading the second paper, it would be sure itself, and the finding an
    error already."""
    return next((str(o.value) for d, o in refs if o.confidence >= ctx.settings.confident_reading
                 and fuzz.ratio(norm_ref(o.value), read) >= NEAR_READING and ctx.corroborated(d, o)), None)


def _references(ctx: CheckContext) -> list[tuple[ReadDocument, FieldValue]]:
    """The invoice numbers the papers other than invoices cite (a CMR's box 5, the declaration's box 44)."""
    return [(d, fv) for d in ctx.documents if d.doc_type is not DocType.invoice and ctx.concerns_goods(d)
            for fv in d.fields.invoice_numbers if norm_ref(fv.value)]


def _against_references(ctx: CheckContext, r: Rule, i: int, declared: str, printed: str,
                        refs: list[tuple[ReadDocument, FieldValue]]) -> Iterator[Finding]:
    """The invoice is attached but its own number was not read (a poor scan): the number the other papers cite
    (a CMR's box 5, the declaration's box 44, a packing list's heading) stands in for it, as a moderator would
    look there. Two papers that agree on it, read surely, make it the payer's to fix; one is a moderator's call."""
    if not refs or any(norm_ref(fv.value) == declared for _, fv in refs):
        return
    doc, fv = max(refs, key=lambda dv: (ctx.corroborated(*dv), fuzz.ratio(declared, norm_ref(dv[1].value)),
                                        dv[1].confidence))
    severity = ctx.severity_of(doc, fv) if ctx.corroborated(doc, fv) else Severity.warning
    yield r.finding(ctx, severity, key="invoice_number_mismatch.reference", doc=doc, at=fv, goods_line=i,
                    declared=printed, found=str(fv.value))


RULES = [invoice_number]
