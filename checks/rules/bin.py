"""The applicant's BIN/IIN: valid, and the consignee on the declaration, CMR and invoice (Rules 763 p.17).

The consignee may legitimately be someone else (an agent), so a disagreement is an error only
on the customs declaration, read confidently; elsewhere the moderator looks.
"""

from __future__ import annotations

from collections.abc import Iterator

from checks.context import CheckContext
from checks.models import Finding, Severity
from checks.rules.base import Rule, rule
from classifiers.labels import DocType
from extractor.ids import kz_bin

BIN_DOCS = (DocType.customs_declaration, DocType.cmr, DocType.invoice)
CONSIGNEE_ROLES = (None, "bin", "consignee", "buyer", "recipient", "importer", "payer")
"""`bin` is the reader's role for a BIN no label places in a party's box: it may be the consignee's."""


@rule("bin_invalid", "Rules 763 p.14")
def applicant_bin_valid(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    number = ctx.app.applicant.bin
    if number.strip() and not kz_bin.is_valid(number):
        yield r.finding(ctx, Severity.error, declared=number)


@rule("bin_mismatch", "Rules 763 p.17")
def consignee_is_applicant(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    applicant = kz_bin.compact(ctx.app.applicant.bin)
    if not kz_bin.is_valid(applicant):
        return
    for doc in ctx.of_type(*BIN_DOCS):
        if not ctx.concerns_goods(doc):
            continue  # a paper about other goods is reported as such; whose they are is moot
        readings = [fv for fv in doc.fields.bins if kz_bin.is_valid(str(fv.value))]
        if any(kz_bin.compact(str(fv.value)) == applicant for fv in readings):
            continue
        consignees = [fv for fv in readings if fv.role in CONSIGNEE_ROLES]
        if not consignees:
            continue
        fv = max(consignees, key=lambda v: (ctx.confident(doc, v), v.role == "consignee", v.confidence))
        confident = ctx.confident(doc, fv) and doc.doc_type == DocType.customs_declaration
        yield r.finding(
            ctx,
            Severity.error if confident else Severity.warning,
            doc=doc,
            at=fv,
            declared=applicant,
            found=kz_bin.compact(str(fv.value)),
        )


RULES = [applicant_bin_valid, consignee_is_applicant]
