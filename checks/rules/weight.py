"""Declared weights against the packing list, customs declaration and CMR (Rules 763 p.15, p.17, p.32).

A document's totals are compared with the sum of the goods lines it concerns. When any
document confirms a line's weight, the others' disagreement is a matter between documents
(see ``cross_document``), not the payer's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checks.context import CheckContext, as_float, fmt_kg, lines_label
from checks.models import Category, Finding, Severity
from checks.rules.base import Rule, rule
from classifiers.labels import DocType
from extractor.field_models import FieldValue, ReadDocument

WEIGHT_DOCS = (DocType.customs_declaration, DocType.packing_list, DocType.cmr)
AUTHORITY = {DocType.customs_declaration: 0, DocType.packing_list: 1, DocType.cmr: 2}


def total(doc: ReadDocument, role: str) -> FieldValue | None:
    """A document's total net or gross weight: the total field, else the sum of its per-line values."""
    fv = doc.fields.net_weight_kg if role == "net" else doc.fields.gross_weight_kg
    if fv is not None and as_float(fv.value) is not None:
        return fv
    parts = [w for w in doc.fields.weights if w.role == role and as_float(w.value) is not None]
    if not parts:
        return None
    return FieldValue(
        value=sum(float(w.value) for w in parts),
        page=parts[0].page,
        bbox=None,
        confidence=min(w.confidence for w in parts),
        verified=all(w.verified for w in parts),
        role=role,
    )


def line_values(doc: ReadDocument, role: str) -> list[float]:
    return [v for w in doc.fields.weights if w.role == role and (v := as_float(w.value)) is not None]


@dataclass
class Outcome:
    """How one document bears on the weight of a group of lines."""

    agrees: bool
    doc: ReadDocument
    key: str = ""
    found: FieldValue | None = None
    shown: float = 0.0


def judge(ctx: CheckContext, doc: ReadDocument, lines: list[int]) -> Outcome | None:
    """Agree, disagree (with the message key and the reading), or None when the document cannot tell."""
    declared = sum(ctx.lines[i].weight_kg for i in lines)
    packaging = all(ctx.categories[i] == Category.packaging for i in lines)
    net, gross = total(doc, "net"), total(doc, "gross")
    net_v = float(net.value) if net else None
    gross_v = float(gross.value) if gross else None
    if packaging:
        if net_v is not None and gross_v is not None:
            if ctx.weights_agree(declared, gross_v - net_v):
                return Outcome(True, doc)
            if ctx.weights_agree(declared, net_v):
                return Outcome(False, doc, "weight_mismatch.goods_for_packaging", net, gross_v - net_v)
        return None  # packaging mass needs both figures; the moderator weighs other bases (p.32)
    if net_v is not None:
        if ctx.weights_agree(declared, net_v):
            return Outcome(True, doc)
        if len(lines) == 1 and any(ctx.weights_agree(declared, v) for v in line_values(doc, "net")):
            return Outcome(True, doc)  # one item of a longer list
        if gross_v is not None and ctx.weights_agree(declared, gross_v):
            return Outcome(False, doc, "weight_mismatch.gross_declared", net, net_v)
        return Outcome(False, doc, "weight_mismatch", net, net_v)
    if gross_v is not None and declared > gross_v and not ctx.weights_agree(declared, gross_v):
        return Outcome(False, doc, "weight_mismatch.over_gross", gross, gross_v)
    return None


@rule("weight_mismatch", "Rules 763 p.15")
def declared_weight(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    groups: dict[tuple[int, ...], list[Outcome]] = {}
    for doc in ctx.of_type(*WEIGHT_DOCS):
        lines = ctx.covered_lines(doc)
        outcome = judge(ctx, doc, lines)
        if outcome is not None:
            groups.setdefault(tuple(lines), []).append(outcome)
    for key, outcomes in groups.items():
        lines = list(key)
        if any(o.agrees for o in outcomes):
            continue
        best = min(
            outcomes,
            key=lambda o: (not (o.found and ctx.confident(o.doc, o.found)), AUTHORITY.get(o.doc.doc_type, 9)),
        )
        if best.found is None:
            continue
        confident = ctx.confident(best.doc, best.found)
        non_eaeu = all(ctx.is_eaeu(i) is False for i in lines)
        yield r.finding(
            ctx,
            Severity.error if confident else Severity.warning,
            key=best.key,
            cites="Rules 763 p.32" if "packaging" in best.key else ("Rules 763 p.17" if non_eaeu else None),
            doc=best.doc,
            at=best.found,
            goods_line=lines[0],
            declared=fmt_kg(sum(ctx.lines[i].weight_kg for i in lines)),
            found=fmt_kg(best.shown),
            doc_type=str(best.doc.doc_type),
            params={"lines": lines_label(lines)},
        )


RULES = [declared_weight]
