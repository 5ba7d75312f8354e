"""Declared TN VED codes: that they exist, and that the documents carry them (Rules 763 p.17, p.30).

The customs declaration's box 33 is authoritative and compared digit for digit. Invoices and
packing lists often print the seller's national code, which only shares the first six (HS)
digits with the EAEU one, so they are compared on those and can only raise a warning; a type
approval or certificate whose code differs in those six is an error, and so is one whose ten-digit
EAEU code differs at all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from checks.context import CheckContext, hs_matches
from checks.models import Finding, Severity
from checks.rules.base import Rule, rule
from classifiers.labels import DocType
from extractor.field_models import FieldValue, ReadDocument
from extractor.ids import hs_code as hs_id
from extractor.ids.exceptions import ValidationError


def _nearest(declared: str, readings: list[tuple[ReadDocument, FieldValue]]) -> tuple[ReadDocument, FieldValue]:
    """The reading sharing the longest prefix with the declared code (the likeliest intended one)."""
    return max(readings, key=lambda dv: (len(os.path.commonprefix([declared, str(dv[1].value)])), dv[1].confidence))


def _not_other_lines(ctx: CheckContext, doc: ReadDocument, i: int) -> list[tuple[ReadDocument, FieldValue]]:
    """The document's codes that could be line `i`'s: a code that is another line's belongs to that line
    (a product passport of one item, a declaration's other items) and says nothing about line `i`."""
    others = [line.hs_code for j, line in enumerate(ctx.lines) if j != i]
    return [(doc, fv) for fv in doc.fields.hs_codes if not any(hs_matches(str(fv.value), c) for c in others)]


LISTS_EVERY_LINE = (DocType.customs_declaration, DocType.import_application)
"""Documents that list every item of the shipment (a product passport is of one product)."""


SHOWS_CODES = (
    DocType.invoice, DocType.packing_list, DocType.conformity_certificate, DocType.product_passport, DocType.cmr,
    DocType.waybill,
)
"""Documents that may print a line's code without being the payer's own word on it: compared on the first six
(HS) digits. A vehicle from the EAEU may have its code on nothing but its type approval."""

CLASSIFYING = (DocType.conformity_certificate, DocType.product_passport)
"""Of those, the papers that classify the goods themselves (a type approval, a certificate, a maker's passport):
where none of the papers shares the declared code's six HS digits, a sure reading of theirs is an error the payer
must answer for. A seller's or carrier's code (an invoice's, a CMR's) may be its own country's reading of the
goods, and only raises a warning."""


PRINTS_TN_VED = (DocType.conformity_certificate,)
"""Papers issued under the EAEU's technical regulations (a type approval ОТТС/СБКТС, an EAEU certificate of
conformity): they print the EAEU TN VED code itself, so a ten-digit code of theirs that the nomenclature holds is
compared in full. A vehicle from the EAEU has no declaration, and its type approval may be the only paper whose code
can differ from the declared one past the sixth digit (8703604098 approved, 8703605996 declared)."""


def _tn_ved_readings(ctx: CheckContext, others: list[tuple[ReadDocument, FieldValue]], declared: str
                     ) -> list[tuple[ReadDocument, FieldValue]]:
    """The ten-digit codes such papers print, compared in full. A scan's reading gives way where another paper prints
    the declared code itself: a digit OCR misread still makes a code of the nomenclature (2929-0191's СБКТС scan
    read 8701219090 for 8701249090, which its CMR printed), and the six digits decide as for any other paper."""
    full = [(d, fv) for d, fv in others if d.doc_type in PRINTS_TN_VED and len(code := str(fv.value)) == 10
            and (ctx.nomenclature is None or ctx.nomenclature.exists(code))]
    if any(str(fv.value) == declared for d, fv in others if d.doc_type not in PRINTS_TN_VED):
        full = [(d, fv) for d, fv in full if fv.source == "text"]
    return full


def binding_types(ctx: CheckContext, i: int) -> tuple[DocType, ...]:
    """Documents whose codes are the payer's own (compared in full): the customs declaration (p.17);
    for EAEU goods the application on import, a tax report the application must match (p.16, p.31);
    for a producer its invoice for release of stocks and product passport (p.18)."""
    if ctx.app.applicant.kind == "producer":
        return (DocType.customs_declaration, DocType.invoice, DocType.product_passport)
    if ctx.is_eaeu(i):
        return (DocType.customs_declaration, DocType.import_application)
    return (DocType.customs_declaration,)


def mismatch(ctx: CheckContext, i: int) -> tuple[ReadDocument, FieldValue, Severity] | None:
    """The reading that contradicts line `i`'s code, or None when the documents carry it (or no code)."""
    declared = ctx.lines[i].hs_code
    binding_types_ = binding_types(ctx, i)
    binding: list[tuple[ReadDocument, FieldValue]] = []
    others: list[tuple[ReadDocument, FieldValue]] = []
    absent: list[tuple[ReadDocument, FieldValue]] = []
    for doc in ctx.documents:
        if not ctx.concerns_goods(doc) or i not in ctx.covered_lines(doc, use_hs=False):
            continue
        own = _not_other_lines(ctx, doc, i)
        if not own and doc.fields.hs_codes and doc.doc_type in LISTS_EVERY_LINE:
            absent += [(doc, fv) for fv in doc.fields.hs_codes]
        if doc.doc_type in binding_types_:
            binding += own
        elif doc.doc_type in SHOWS_CODES:
            others += own
    if binding:
        if any(hs_matches(str(fv.value), declared) for _, fv in binding):
            return None
        doc, fv = _nearest(declared, binding)
        return doc, fv, ctx.severity_of(doc, fv)
    if others:
        tn_ved = _tn_ved_readings(ctx, others, declared)
        if tn_ved and not any(str(fv.value) == declared for _, fv in tn_ved):
            doc, fv = _nearest(declared, tn_ved)
            return doc, fv, ctx.severity_of(doc, fv)
        if any(str(fv.value)[:6] == declared[:6] for _, fv in others):
            return None
        classifying = [(d, fv) for d, fv in others if d.doc_type in CLASSIFYING]
        doc, fv = _nearest(declared, classifying or others)
        return doc, fv, ctx.severity_of(doc, fv) if classifying else Severity.warning
    if absent:  # a declaration listing only the other lines' codes: this line's is not on it
        doc, fv = _nearest(declared, absent)
        return doc, fv, Severity.warning
    return None


@rule("hs_code_invalid", "Rules 763 p.17")
def code_exists(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    """A code missing from the nomenclature; when the documents show the right one, the mismatch
    finding (which names it) says all the payer needs."""
    nomenclature = ctx.nomenclature
    for i, line in enumerate(ctx.lines):
        try:
            code = hs_id.validate(line.hs_code)
        except ValidationError:
            yield r.finding(ctx, Severity.error, key="hs_code_invalid.structure", goods_line=i, declared=line.hs_code)
            continue
        if nomenclature is not None and not nomenclature.exists(code) and mismatch(ctx, i) is None:
            yield r.finding(
                ctx,
                Severity.error,
                goods_line=i,
                declared=code,
                params={"edition": nomenclature.edition},
            )


@rule("nomenclature_unavailable", "")
def nomenclature_loaded(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    """Say plainly when codes could only be checked for their shape."""
    if ctx.nomenclature is None:
        yield r.finding(ctx, Severity.info)


@rule("hs_code_mismatch", "Rules 763 p.17")
def code_in_documents(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for i, line in enumerate(ctx.lines):
        found = mismatch(ctx, i)
        if found is None:
            continue
        doc, fv, severity = found
        if ctx.nomenclature is not None and not ctx.nomenclature.exists(line.hs_code):
            severity = Severity.error  # no such code: wrong whatever the document's reading, and this names the right one
        yield r.finding(
            ctx,
            severity,
            cites="Rules 763 p.30" if ctx.categories[i] == "packaging" else None,
            doc=doc,
            at=fv,
            goods_line=i,
            declared=line.hs_code,
            found=str(fv.value),
        )


RULES = [code_exists, nomenclature_loaded, code_in_documents]
