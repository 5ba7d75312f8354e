"""A vehicle type approval (ОТТС/СБКТС) or certificate of conformity past its validity at import (Rules 763 p.28)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.context import CheckContext, parse_iso
from checks.models import Category, Finding
from checks.rules.base import Rule, rule
from classifiers.labels import DocType


@rule("certificate_expired", "Rules 763 p.28.2")
def certificate_valid(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    vehicles = [i for i, c in enumerate(ctx.categories) if c == Category.vehicle] or list(range(len(ctx.lines)))
    for doc in ctx.of_type(DocType.conformity_certificate):
        ends = [(until, fv) for fv in doc.fields.dates if fv.role == "valid_until" and (until := parse_iso(fv.value))]
        if not ends:
            continue
        # a renewed or extended certificate prints its earlier end too: the latest one is the document's
        until, fv = max(ends, key=lambda e: e[0])
        late = [i for i in vehicles if (d := ctx.lines[i].import_date) is not None and d > until]
        if not late:
            continue
        i = late[0]
        yield r.finding(
            ctx,
            ctx.severity_of(doc, fv),
            cites="Rules 763 p.28.3" if ctx.is_eaeu(i) else None,
            doc=doc,
            at=fv,
            goods_line=i,
            declared=str(ctx.lines[i].import_date),
            found=until.isoformat(),
        )


RULES = [certificate_valid]
