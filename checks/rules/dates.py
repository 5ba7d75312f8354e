"""The declared import date against the border crossing or release (Rules 763 p.4, p.16, p.17, p.28).

The obligation arises when the goods cross the border: the control pass's crossing date for
EAEU goods; the customs declaration's release (or registration) date otherwise, or the control
pass for vehicles (p.28.2). For EAEU vehicles without a pass the application date counts (p.28.3).
A producer's obligation arises when the goods are taken into the books (p.4), which the invoice
for release of stocks (p.18) follows: a declared date after it is wrong, one before it is for the moderator.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from checks.context import CheckContext, parse_iso
from checks.models import Category, Finding, Severity
from checks.rules.base import Rule, rule
from classifiers.labels import DocType
from extractor.field_models import FieldValue, ReadDocument

EAEU_ROLES: dict[DocType, tuple[str, ...]] = {DocType.control_pass: ("crossing_date",)}
CLEARANCE_DAYS = 30
"""Customs release may follow the border crossing by this many days."""
PRODUCER_ROLES: dict[DocType, tuple[str, ...]] = {DocType.invoice: ("invoice_date",)}
OTHER_ROLES: dict[DocType, tuple[str, ...]] = {
    DocType.customs_declaration: ("release_date", "registration_date"),
    DocType.control_pass: ("crossing_date",),
}


def candidates(
    ctx: CheckContext, index: int, roles: dict[DocType, tuple[str, ...]]
) -> list[tuple[ReadDocument, FieldValue]]:
    out = []
    for doc in ctx.of_type(*roles):
        if not ctx.concerns_goods(doc) or index not in ctx.covered_lines(doc):
            continue
        out += [(doc, fv) for fv in doc.fields.dates if fv.role in roles[doc.doc_type] and parse_iso(fv.value)]
    return out


def _released_after_crossing(ctx: CheckContext, declared: date, found: list[tuple[ReadDocument, FieldValue]]) -> bool:
    """Only crossing dates to go by (no customs declaration read, or none of its dates read surely) and the
    declared date follows one within the clearance time: it may be the release date, which the declaration would
    show. A scanned declaration's unsure date (9393-0275's box 44 invoice date, taken for its registration) proves
    no sure crossing date wrong."""
    if any(fv.role != "crossing_date" and ctx.confident(doc, fv) for doc, fv in found):
        return False
    return any(0 <= (declared - d).days <= CLEARANCE_DAYS for _, fv in found if (d := parse_iso(fv.value)))


@rule("import_date_mismatch", "Rules 763 p.4")
def import_date(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    producer = ctx.app.applicant.kind == "producer"
    for i, line in enumerate(ctx.lines):
        if line.import_date is None:
            continue
        eaeu = ctx.is_eaeu(i)
        if producer:
            found = candidates(ctx, i, PRODUCER_ROLES)
            cites = "Rules 763 p.4"
        elif eaeu:
            found = candidates(ctx, i, EAEU_ROLES)
            cites = "Rules 763 p.28.3" if ctx.categories[i] == Category.vehicle else "Rules 763 p.16"
        else:
            found = candidates(ctx, i, OTHER_ROLES)
            cites = "Rules 763 p.28.2" if ctx.categories[i] == Category.vehicle else "Rules 763 p.17"
        if not found:
            no_pass = eaeu and ctx.categories[i] == Category.vehicle and not ctx.of_type(DocType.control_pass)
            if no_pass and not ctx.dates_agree(line.import_date, ctx.filed_on):
                yield r.finding(
                    ctx,
                    Severity.info,
                    key="import_date_mismatch.application_date",
                    cites="Rules 763 p.28.3",
                    goods_line=i,
                    declared=line.import_date.isoformat(),
                    found=ctx.filed_on.isoformat(),
                )
            continue
        if any(ctx.dates_agree(line.import_date, d) for _, fv in found if (d := parse_iso(fv.value))):
            continue
        if eaeu is False and _released_after_crossing(ctx, line.import_date, found):
            continue
        doc, fv = max(found, key=lambda dv: (ctx.confident(*dv), dv[1].role == "release_date", dv[1].confidence))
        severity = ctx.severity_of(doc, fv)
        if producer and line.import_date < (parse_iso(fv.value) or line.import_date):
            severity = Severity.warning  # accepted into the books before the release invoice: possible (p.4)
        yield r.finding(
            ctx,
            severity,
            cites=cites,
            doc=doc,
            at=fv,
            goods_line=i,
            declared=line.import_date.isoformat(),
            found=str(fv.value),
            params={"date_kind": fv.role},
        )


RULES = [import_date]
