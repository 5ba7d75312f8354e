"""Documents that disagree among themselves: a matter for the moderator, never the payer's error.

Packing list against declaration weights (net, and gross with the CMR), and the CMR against
the control pass dates (the goods cannot cross the border before the CMR was made out).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from itertools import combinations

from checks.context import CheckContext, fmt_kg, parse_iso
from checks.messages import doc_type_name
from checks.models import Finding, Severity
from checks.rules.base import Rule, rule
from checks.rules.plates import same_plate_read
from checks.rules.weight import total
from classifiers.labels import DocType
from extractor.field_models import ReadDocument

NET_DOCS = (DocType.packing_list, DocType.customs_declaration)
GROSS_DOCS = (DocType.packing_list, DocType.customs_declaration, DocType.cmr)
CMR_DATE_ROLES = ("taking_over_date", "cmr_date")
MAX_TRANSIT_DAYS = 60
"""A crossing this long after the CMR was made out is unlikely to be the same shipment."""


def _declared_confirmed(ctx: CheckContext, lines: list[int]) -> bool:
    """Whether a customs declaration or packing list confirms the declared net weight of these lines."""
    declared = sum(ctx.lines[i].weight_kg for i in lines)
    whole = sum(line.weight_kg for line in ctx.lines)
    for d in ctx.of_type(*NET_DOCS):
        net = total(d, "net")
        if ctx.concerns_goods(d) and net is not None and any(
            ctx.weights_agree(float(net.value), w) for w in (declared, whole)
        ):
            return True
    return False


@rule("weight_mismatch", "Rules 763 p.17")
def weights_between_documents(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    """A warning while the declared weight is unproven; once a declaration or packing list confirms
    it, the payer's figure stands and the other document's (often a misreading) is only noted."""
    for role, types in (("net", NET_DOCS), ("gross", GROSS_DOCS)):
        docs = [d for d in ctx.of_type(*types) if total(d, role) is not None and ctx.concerns_goods(d)]
        for a, b in combinations(docs, 2):
            if a.doc_type == b.doc_type or ctx.covered_lines(a) != ctx.covered_lines(b):
                continue
            fa, fb = total(a, role), total(b, role)
            if fa is None or fb is None or ctx.weights_agree(float(fa.value), float(fb.value)):
                continue
            if ctx.misread_weight(fa, float(fb.value)) or ctx.misread_weight(fb, float(fa.value)):
                continue  # one scan's figure is the other's, its decimal mark or leading digits lost
            confirmed = _declared_confirmed(ctx, ctx.covered_lines(a))
            yield r.finding(
                ctx,
                Severity.info if confirmed else Severity.warning,
                key="weight_mismatch.between_documents",
                doc=a,
                at=fa,
                other_document=b.file,
                declared=fmt_kg(float(fa.value)),
                found=fmt_kg(float(fb.value)),
                # two documents of one scanned bundle share its file name: their types and pages tell them apart
                params={"other_doc_type": partial(doc_type_name, str(b.doc_type)), "other_page": fb.page},
            )


def _paired(ctx: CheckContext, cp: ReadDocument, cmr: ReadDocument, n_pass: int, n_cmr: int) -> bool:
    """A control pass and a CMR belong to one shipment when they are the only ones, or share a plate."""
    if n_pass == 1 and n_cmr == 1:
        return True
    return any(same_plate_read(a, b) for a in cp.fields.plates for b in cmr.fields.plates)


@rule("import_date_mismatch", "Rules 763 p.4")
def cmr_before_crossing(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    passes, cmrs = ctx.of_type(DocType.control_pass), ctx.of_type(DocType.cmr)
    for cp in passes:
        crossings = [(fv, d) for fv in cp.fields.dates if fv.role == "crossing_date" and (d := parse_iso(fv.value))]
        for cmr in cmrs:
            if not crossings or not _paired(ctx, cp, cmr, len(passes), len(cmrs)):
                continue
            made = [(fv, d) for fv in cmr.fields.dates if fv.role in CMR_DATE_ROLES and (d := parse_iso(fv.value))]
            if not made:
                continue
            tol = ctx.settings.date_tolerance_days
            fits = any(
                -tol <= (crossed - start).days <= MAX_TRANSIT_DAYS + tol for _, crossed in crossings for _, start in made
            )
            if fits:
                continue
            fv, crossed = crossings[0]
            yield r.finding(
                ctx,
                Severity.warning,
                key="import_date_mismatch.between_documents",
                doc=cp,
                at=fv,
                other_document=cmr.file,
                declared=crossed.isoformat(),
                found=made[0][1].isoformat(),
            )


RULES = [weights_between_documents, cmr_before_crossing]
