"""Declared weights against the documents that show them (Rules 763 p.15, p.17, p.18, p.32).

A goods line's weight is confirmed by any document that shows it: as one of its per-line
figures, as its total for the lines it concerns, or as the total of the whole application
(a document listing every line). Only when no document confirms a line and some document
contradicts it is the payer told; once one document confirms it, the others' disagreement
is a matter between documents (see ``cross_document``), not the payer's. One exception: when
only documents that prove no net weight agree (an importer's invoice) and one that does (a
packing list) contradicts with confidence, a moderator is warned.

Packaging lines may carry the packaging product's own net weight or, for goods in
packaging, the packaging mass (gross minus net, p.32.1): either is confirmed. Vehicles
travel unpacked, so a CMR's gross weight is their mass.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checks.context import CheckContext, as_float, fmt_kg, hs_matches, lines_label, same_row
from checks.models import Category, Finding, Severity
from checks.rules.base import Rule, rule
from classifiers.labels import DocType
from extractor.field_models import FieldValue, ReadDocument, read_short, sheets_unweighed
from extractor.ids import weight as weight_id

WEIGHT_DOCS = (
    DocType.customs_declaration, DocType.packing_list, DocType.product_passport, DocType.cmr, DocType.invoice,
)
AUTHORITY = {
    DocType.customs_declaration: 0, DocType.packing_list: 1, DocType.product_passport: 2, DocType.invoice: 3,
    DocType.cmr: 4,
}
SAME_FIGURE_KG = 0.05
"""Two weights this close are one figure printed to the tenth of a kilogram, not two that agree within tolerance."""
BINDING = (DocType.customs_declaration, DocType.packing_list, DocType.product_passport)
"""Documents that prove a net weight (the moderators' list); the others only back a finding up."""


def total(doc: ReadDocument, role: str) -> FieldValue | None:
    """A document's total net or gross weight: the total field, else the sum of its per-line values."""
    fv = doc.fields.net_weight_kg if role == "net" else doc.fields.gross_weight_kg
    if fv is not None and as_float(fv.value) is not None:
        return fv
    parts = [w for w in doc.fields.weights if w.role == role and as_float(w.value) is not None]
    if not parts or _sheets_short(doc, role):
        return None
    return FieldValue(
        value=sum(float(w.value) for w in parts),
        page=parts[0].page,
        bbox=None,
        confidence=min(w.confidence for w in parts),
        verified=all(w.verified for w in parts),
        role=role,
    )


def _sheets_short(doc: ReadDocument, role: str) -> bool:
    """A declaration's weight read on fewer of its sheets than the other weight (`read_short`), or neither read on a
    sheet whose goods code was (`sheets_unweighed`): each goods sheet prints both, so the sheets read add up to part
    of the goods (box 38 lost on the second of two: 7307.3 of 7614.1 kg), no total."""
    return doc.doc_type == DocType.customs_declaration and \
        (read_short(doc.fields.weights) == role or sheets_unweighed(doc.fields))


def rows(doc: ReadDocument, role: str) -> list[FieldValue]:
    """A document's per-line figures of a role, without the total printed again among them."""
    values = [w for w in doc.fields.weights if w.role == role and as_float(w.value) is not None]
    fv = total(doc, role)
    if fv is None or len(values) < 2:
        return values
    whole = float(fv.value)
    return [w for w in values if abs(float(w.value) - whole) > 0.05]


def parts(doc: ReadDocument, role: str) -> list[float]:
    return [float(w.value) for w in rows(doc, role)]


def own_row(ctx: CheckContext, doc: ReadDocument, index: int, role: str) -> FieldValue | None:
    """The line's own per-line figure: the row it agrees with, or the one left over once every other line the
    document covers has found its own.

    Points the payer at the row that disagrees instead of the total, whatever order the rows are in. Lines find
    their rows closest pair first: a line declared 1858.2 for its row of 2939.5 agrees, within the tolerance, with
    another line's row of 1833.7, which that line, declared 1833.7, matches to the tenth (9191-0113)."""
    left = rows(doc, role)
    covered = ctx.covered_lines(doc)
    if len(covered) < 2 or len(left) != len(covered):
        return None
    pairs = sorted(((abs(ctx.lines[j].weight_kg - float(w.value)), j, k) for j in covered for k, w in enumerate(left)
                    if ctx.weights_agree(ctx.lines[j].weight_kg, float(w.value))), key=lambda t: t[0])
    found: dict[int, int] = {}
    for _, j, k in pairs:
        if j not in found and k not in found.values():
            found[j] = k
    if index in found:
        return left[found[index]]
    rest = [w for k, w in enumerate(left) if k not in found.values()]
    return rest[0] if len(rest) == 1 and len(found) == len(covered) - 1 else None


def hs_row(ctx: CheckContext, doc: ReadDocument, index: int) -> FieldValue | None:
    """The net figure on the document's row that prints the line's HS code, when exactly one row does and no
    other goods line has that code: a per-line figure no total can outweigh (a 10% error on a small line is
    lost within the tolerance of the whole)."""
    code = ctx.lines[index].hs_code
    if len(ctx.lines) < 2 or sum(line.hs_code == code for line in ctx.lines) != 1:
        return None
    printed = [(h.page, h.bbox) for h in doc.fields.hs_codes if h.bbox is not None and hs_matches(str(h.value), code)]
    if len(printed) != 1:
        return None
    page, box = printed[0]
    beside = [w for w in rows(doc, "net") if w.page == page and w.bbox is not None and same_row(w.bbox, box)]
    return beside[0] if len(beside) == 1 else None


@dataclass
class Outcome:
    """How one document bears on one goods line's weight; `row` when it says so by the line's own row."""

    agrees: bool
    doc: ReadDocument
    key: str = ""
    found: FieldValue | None = None
    shown: float = 0.0
    row: bool = False


def paired_rows(doc: ReadDocument) -> list[tuple[FieldValue, FieldValue]]:
    """(net, gross) of each row, when the rows give one of each, in order; else none."""
    nets, grosses = rows(doc, "net"), rows(doc, "gross")
    return list(zip(nets, grosses, strict=True)) if len(nets) == len(grosses) else []


def _net_beside(ctx: CheckContext, doc: ReadDocument, gross: float, default: float) -> float:
    """The net figure printed on the same row as a per-line gross figure."""
    return next((float(n.value) for n, g in paired_rows(doc) if ctx.weights_agree(float(g.value), gross)), default)


def judge(ctx: CheckContext, doc: ReadDocument, index: int) -> Outcome | None:
    """Agree, disagree (with the message key and the reading), or None when the document cannot tell.

    The line's weight is compared with the document's per-line figures; the document's totals with
    the weight of the lines it concerns, or of the whole application. A scan's figure that is the
    declared one misread (its decimal mark or leading digits lost) cannot tell.
    """
    declared = _declared(ctx, doc, index)
    outcome = _judged(ctx, doc, index, *declared)
    if outcome is None or outcome.agrees or outcome.found is None:
        return outcome
    return None if any(ctx.misread_weight(outcome.found, kg) for kg in declared) else outcome


def _declared(ctx: CheckContext, doc: ReadDocument, index: int) -> tuple[float, float, float]:
    """The line's declared weight, that of the lines the document concerns, and the whole application's."""
    return (ctx.lines[index].weight_kg, sum(ctx.lines[i].weight_kg for i in ctx.covered_lines(doc)),
            sum(line.weight_kg for line in ctx.lines))


def _judged(ctx: CheckContext, doc: ReadDocument, index: int, own: float, group: float, whole: float
            ) -> Outcome | None:
    category = ctx.categories[index]
    net, gross = total(doc, "net"), total(doc, "gross")
    net_v = float(net.value) if net is not None else None
    gross_v = float(gross.value) if gross is not None else None

    def hits(total_v: float | None, role: str) -> bool:
        by_total = total_v is not None and any(ctx.weights_agree(t, total_v) for t in (group, whole))
        return by_total or any(ctx.weights_agree(own, v) for v in parts(doc, role))

    mine = hs_row(ctx, doc, index) if category != Category.packaging else None
    if mine is not None:
        agrees = ctx.weights_agree(own, float(mine.value), printed_rounding(mine, own))
        return Outcome(agrees, doc, "" if agrees else "weight_mismatch", mine, float(mine.value), row=True)
    left = own_row(ctx, doc, index, "net") if category != Category.vehicle else None
    if left is not None:
        return _by_own_row(ctx, doc, own, left, category)
    if net_v is not None and gross_v is not None and net_v < gross_v and \
            abs(group - gross_v) <= SAME_FIGURE_KG < abs(group - net_v):
        # the gross to the tenth, the net within the tolerance only (6.7 declared for 6.3 net, 6.7 gross): the
        # payer copied the gross, which a small consignment's kilogram of tolerance would hide. A net read above the
        # gross (a scanned declaration's `5140.96` beside 5140.0 for unpacked vehicles) is a misreading, no net
        return Outcome(False, doc, "weight_mismatch.gross_declared", net, net_v)
    if hits(net_v, "net"):
        return Outcome(True, doc)
    if category == Category.packaging and net_v is not None and gross_v is not None:
        mass = gross_v - net_v
        if any(ctx.weights_agree(t, mass) for t in (own, group, whole)):
            return Outcome(True, doc)  # the packaging mass of goods in packaging (p.32.1)
    if gross_v is not None and len(ctx.lines) > 1 and any(ctx.weights_agree(gross_v, x.weight_kg) for x in ctx.lines):
        gross, gross_v = None, None  # the "total" is one line's figure, misread as the total
    over = gross_v is not None and group > gross_v and not ctx.weights_agree(group, gross_v)
    if category == Category.vehicle and net_v is None and not parts(doc, "net"):
        if hits(gross_v, "gross"):
            return Outcome(True, doc)  # vehicles travel unpacked: the gross weight is their mass
        if gross is not None and gross_v is not None and over:
            return Outcome(False, doc, "weight_mismatch.over_gross", gross, gross_v)
        if gross is not None and gross_v is not None and doc.doc_type == DocType.cmr:
            return Outcome(False, doc, "weight_mismatch.vehicle_gross", gross, gross_v)
        return None
    if net is not None and net_v is not None:
        if hits(gross_v, "gross"):
            return Outcome(False, doc, "weight_mismatch.gross_declared", net, _net_beside(ctx, doc, own, net_v))
        row = own_row(ctx, doc, index, "net")
        if row is not None:
            return Outcome(False, doc, "weight_mismatch", row, float(row.value))
        return Outcome(False, doc, "weight_mismatch", net, net_v)
    if gross is not None and gross_v is not None and over:
        return Outcome(False, doc, "weight_mismatch.over_gross", gross, gross_v)
    return None


def printed_rounding(fv: FieldValue, declared: float) -> float | None:
    """How far a goods row's figure printed in a text layer and the declared weight may lie apart by rounding alone,
    each to its own last digit: a printed figure is not misread, so a kilogram of tolerance hid 7.9 kg declared for
    a row printed `7` (13% over) and 0.6 kg for a row of `0.400`; 7 kg declared for `7,4` is the payer's rounding.
    None for a figure read by OCR, which keeps the kilogram allowed for misreadings."""
    if fv.source != "text" or (printed := weight_id.rounding(fv.raw, float(fv.value))) is None:
        return None
    entered = format(declared, "f").rstrip("0").rstrip(".")
    return max(printed, weight_id.rounding(entered, declared) or 0.0)


def _by_own_row(ctx: CheckContext, doc: ReadDocument, own: float, row: FieldValue, category: Category) -> Outcome:
    """The line's weight against its own row, found by every other line the document covers having found theirs:
    a row proves more than a total, within whose tolerance one line's gross can hide (1533.6 declared for a row of
    1370.8 net, 1533.6 gross, lost in 2% of a 11 635.3 kg total)."""
    shown = float(row.value)
    if ctx.weights_agree(own, shown, printed_rounding(row, own)):
        return Outcome(True, doc, row=True)
    gross = next((g for n, g in paired_rows(doc) if n is row), None)
    if gross is not None and category == Category.packaging and ctx.weights_agree(own, float(gross.value) - shown):
        return Outcome(True, doc, row=True)  # the packaging mass of goods in packaging (p.32.1)
    if gross is not None and ctx.weights_agree(own, float(gross.value)):
        return Outcome(False, doc, "weight_mismatch.gross_declared", row, shown, row=True)
    return Outcome(False, doc, "weight_mismatch", row, shown, row=True)


def _binding(ctx: CheckContext, doc: ReadDocument) -> bool:
    """A document that proves a net weight: a declaration, packing list or product passport, and a producer's own
    invoice (p.18)."""
    return doc.doc_type in BINDING or (doc.doc_type == DocType.invoice and ctx.app.applicant.kind == "producer")


def _severity(ctx: CheckContext, best: Outcome) -> Severity:
    """An error only on a confident reading of a document that proves net weight, of a gross weight the declared
    one physically cannot exceed, or of the gross weight of vehicles, which travel unpacked: it is their mass."""
    if best.found is None or not ctx.confident(best.doc, best.found):
        return Severity.warning
    if _binding(ctx, best.doc) or best.key in ("weight_mismatch.over_gross", "weight_mismatch.vehicle_gross"):
        return Severity.error
    return Severity.warning


def _unproven(ctx: CheckContext, agreeing: list[Outcome], outcomes: list[Outcome]) -> bool:
    """Only documents that prove nothing agree (an importer's invoice, a CMR) while one that does contradicts,
    read with confidence: the payer's figure may be the invoice's and the packing list's the true one, so a
    moderator looks (a warning), where a proving document's agreement would settle it."""
    if any(_binding(ctx, o.doc) for o in agreeing):
        return False
    return any(not o.agrees and o.found is not None and _binding(ctx, o.doc) and ctx.confident(o.doc, o.found)
               for o in outcomes)


@rule("weight_mismatch", "Rules 763 p.15")
def declared_weight(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    docs = [d for d in ctx.of_type(*WEIGHT_DOCS) if ctx.concerns_goods(d)]
    groups: dict[tuple[str, tuple[int, ...], str, float], tuple[Outcome, list[int], bool]] = {}
    for i in range(len(ctx.lines)):
        outcomes = [o for d in docs if i in ctx.covered_lines(d) and (o := judge(ctx, d, i)) is not None]
        # the line's own rows outrank any total: where a document has one, the totals cannot confirm the line
        own_rows = [o for o in outcomes if o.row]
        agreeing = [o for o in own_rows or outcomes if o.agrees]
        if agreeing and not _unproven(ctx, agreeing, outcomes):
            continue
        against = [o for o in outcomes if not o.agrees and (not agreeing or _binding(ctx, o.doc))]
        if not against:
            continue
        best = min(
            against,
            key=lambda o: (not (o.found and ctx.confident(o.doc, o.found)), AUTHORITY.get(o.doc.doc_type, 9)),
        )
        if best.found is None:
            continue
        group = (best.doc.file, tuple(best.doc.pages), best.key, best.shown)
        groups.setdefault(group, (best, [], bool(agreeing)))[1].append(i)  # agreed by what proves nothing: a warning
    producer = ctx.app.applicant.kind == "producer"
    for best, lines, unproven in groups.values():
        # packaging's own row: the declaration outside the EAEU (p.30), the packing lists inside it (p.31)
        packaging = all(ctx.categories[i] == Category.packaging for i in lines)
        cites: str | None = None
        if producer:
            cites = "Rules 763 p.18"
        elif all(ctx.is_eaeu(i) is False for i in lines):
            cites = "Rules 763 p.30" if packaging else "Rules 763 p.17"
        elif packaging and all(ctx.is_eaeu(i) is True for i in lines):
            cites = "Rules 763 p.31"
        yield r.finding(
            ctx,
            Severity.warning if unproven else _severity(ctx, best),
            key=best.key,
            cites=cites,
            doc=best.doc,
            at=best.found,
            goods_line=lines[0],
            declared=fmt_kg(sum(ctx.lines[i].weight_kg for i in lines)),
            found=fmt_kg(best.shown),
            params={"lines": lines_label(lines)},
        )


RULES = [declared_weight]
