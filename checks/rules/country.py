"""The declared country against the documents' countries (Rules 763 p.16, p.17).

The portal's country may be the country of origin or of dispatch, so a line agrees when any
of the declaration's countries (box 15 dispatch, box 34 origin), the CMR sender's country or
the control pass's country is the declared one. Goods from the EAEU come with no declaration: their
invoice's origin, the waybill's sender or dispatch and the import application's countries stand in for it.
A producer's country is the origin on its product passport or release invoice.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from checks.context import CheckContext, on_code_row
from checks.models import Finding, Severity
from checks.rules.base import Rule, rule
from classifiers.labels import DocType
from extractor.field_models import FieldValue, ReadDocument
from extractor.ids import country as country_id

COUNTRY_DOCS = {
    DocType.customs_declaration: ("origin", "dispatch", None),
    DocType.cmr: ("sender", "dispatch", None),
    DocType.control_pass: ("origin", "dispatch", "sender", None),
    # goods from the EAEU come with no declaration: their invoice, waybill and application say where from
    DocType.invoice: ("origin",),
    DocType.waybill: ("sender", "dispatch"),
    DocType.import_application: ("origin", "sender"),
}
PRODUCER_DOCS = {DocType.product_passport: ("origin",), DocType.invoice: ("origin",)}
"""A producer's goods are made where its product passport and release invoice say (p.18)."""
AUTHORITY = {DocType.customs_declaration: 0, DocType.product_passport: 0, DocType.control_pass: 1, DocType.invoice: 1,
             DocType.import_application: 1, DocType.cmr: 2, DocType.waybill: 2}


def documented(ctx: CheckContext, i: int) -> list[tuple[ReadDocument, FieldValue]]:
    """The countries the documents concerning line `i` give in the roles the declared country may take."""
    roles = PRODUCER_DOCS if ctx.app.applicant.kind == "producer" else COUNTRY_DOCS
    out: list[tuple[ReadDocument, FieldValue]] = []
    for doc in ctx.of_type(*roles):
        if ctx.concerns_goods(doc) and i in ctx.covered_lines(doc):
            out += [(doc, fv) for fv in doc.fields.countries if fv.role in roles[doc.doc_type]]
    return out


def origin_is_eaeu(ctx: CheckContext, i: int) -> bool | None:
    """Whether line `i`'s goods come from the EAEU: as declared, unless the documents contradict the
    declared country (then the documents decide what is needed): their countries if they are all on one side,
    else their countries of origin (German goods shipped on from Russia are not EAEU goods)."""
    declared = ctx.origins[i]
    found = [(fv.role, c) for _, fv in documented(ctx, i) if (c := country_id.to_alpha2(str(fv.value))) and c != "KZ"]
    if not found or any(country_id.agrees(declared, c) for _, c in found):
        return ctx.is_eaeu(i)
    for codes in ({c for _, c in found}, {c for role, c in found if role == "origin"}):
        sides = {bool(country_id.is_eaeu(c)) for c in codes}
        if len(sides) == 1:
            return sides.pop()
    return ctx.is_eaeu(i)


@rule("country_mismatch", "Rules 763 p.17")
def declared_country(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    for i, line in enumerate(ctx.lines):
        declared = ctx.origins[i]
        if declared is None:
            if line.country.strip():
                yield r.finding(ctx, Severity.warning, key="country_mismatch.unknown", goods_line=i,
                                declared=line.country)
            continue
        found = documented(ctx, i)
        producer = ctx.app.applicant.kind == "producer"
        if not found and producer and declared != "KZ":
            # a producer's goods are made in Kazakhstan (p.18): another line's paper saying so speaks for this one;
            # with none read, the applicant's kind does, and the application contradicts itself
            found = [dv for j in range(len(ctx.lines)) if j != i for dv in documented(ctx, j)
                     if country_id.to_alpha2(str(dv[1].value)) == "KZ"]
            if not found:
                yield r.finding(ctx, Severity.error, key="country_mismatch.producer", cites="Rules 763 p.18",
                                goods_line=i, declared=declared, found="KZ",
                                params={"declared_name": partial(country_id.name, declared),
                                        "found_name": partial(country_id.name, "KZ")})
                continue
        if not found or any(country_id.agrees(declared, str(fv.value)) for _, fv in found):
            continue
        # the surest reading of the weightiest paper, and on it the country printed on the line's own row (an
        # invoice's origin column gives one per line)
        doc, fv = min(found, key=lambda dv: (not ctx.confident(*dv), AUTHORITY.get(dv[0].doc_type, 9),
                                             not on_code_row(dv[0], dv[1], line.hs_code)))
        code = country_id.to_alpha2(str(fv.value)) or str(fv.value)
        # a producer's goods are made in Kazakhstan (p.18): a paper saying so bears out what the applicant is, so
        # another country declared is the payer's to correct however the paper was read
        producer_home = producer and code == "KZ"
        yield r.finding(
            ctx,
            Severity.error if producer_home else ctx.severity_of(doc, fv),
            cites="Rules 763 p.18" if producer_home else "Rules 763 p.16" if ctx.is_eaeu(i) else None,
            doc=doc,
            at=fv,
            goods_line=i,
            declared=declared,
            found=code,
            params={
                "declared_name": partial(country_id.name, declared),
                "found_name": partial(country_id.name, code),
            },
        )


RULES = [declared_country]
