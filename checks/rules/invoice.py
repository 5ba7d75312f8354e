"""The invoice number of each goods line against the attached invoices (a moderator's rejection reason)."""

from __future__ import annotations

from collections.abc import Iterator

from rapidfuzz import fuzz

from checks.context import CheckContext, norm_ref
from checks.models import Finding
from checks.rules.base import Rule, rule
from classifiers.labels import DocType
from extractor.field_models import FieldValue, ReadDocument


@rule("invoice_number_mismatch", "Rules 763 p.15")
def invoice_number(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for i, line in enumerate(ctx.lines):
        if not line.invoice_number or not norm_ref(line.invoice_number):
            continue
        declared = norm_ref(line.invoice_number)
        readings: list[tuple[ReadDocument, FieldValue]] = [
            (d, fv)
            for d in ctx.of_type(DocType.invoice)
            if ctx.concerns_goods(d)
            for fv in d.fields.invoice_numbers
            if norm_ref(fv.value)
        ]
        if not readings or any(norm_ref(fv.value) == declared for _, fv in readings):
            continue
        doc, fv = max(readings, key=lambda dv: fuzz.ratio(declared, norm_ref(dv[1].value)))
        yield r.finding(
            ctx,
            ctx.severity_of(doc, fv),
            doc=doc,
            at=fv,
            goods_line=i,
            declared=line.invoice_number,
            found=str(fv.value),
        )


RULES = [invoice_number]
