"""Which documents an application needs, per goods line (Rules 763 p.15-18, 28, 30-32; portal guide).

The required set follows from the applicant kind, the origin (EAEU or not, from the declared
country, unless the documents plainly say otherwise) and the goods category. Documents the Rules mark "if any" are warnings when absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checks.context import CheckContext, lines_label
from checks.models import Category, Finding, Severity
from checks.rules.base import Rule, rule
from checks.rules.country import origin_is_eaeu
from classifiers.labels import DocType

D = DocType
WAYBILL = (D.waybill, D.cmr)
PACKING = (D.packing_list, D.product_passport)


@dataclass(frozen=True)
class Requirement:
    alternatives: tuple[DocType, ...]
    cites: str
    if_any: bool = False
    name: str | None = None
    """What the message calls the document when its type's name says too little (`release_of_stocks`)."""

    @property
    def label(self) -> str:
        return self.name or "|".join(str(t) for t in self.alternatives)


def _r(
    alternatives: DocType | tuple[DocType, ...], cites: str, if_any: bool = False, name: str | None = None,
) -> Requirement:
    alts = alternatives if isinstance(alternatives, tuple) else (alternatives,)
    return Requirement(alts, cites, if_any, name)


def requirements(ctx: CheckContext, index: int) -> list[Requirement]:
    """The documents goods line `index` needs, per the DOMAIN table of Rules 763."""
    category = ctx.categories[index]
    eaeu = origin_is_eaeu(ctx, index)
    if ctx.app.applicant.kind == "producer":
        if category == Category.vehicle:
            return [_r(D.invoice, "Rules 763 p.28.1"), _r(D.vehicle_passport, "Rules 763 p.28.1", True)]
        # p.18: the invoice for the release of stocks (form З-2, a накладная our types call a waybill) and the
        # electronic invoice (ЭСФ), both; the product passport if any
        return [_r(D.invoice, "Rules 763 p.18"), _r(D.waybill, "Rules 763 p.18", name="release_of_stocks"),
                _r(D.product_passport, "Rules 763 p.18", True)]
    if category == Category.vehicle:
        if eaeu is None:  # origin unknown: only what both cases ask
            return [_r(D.conformity_certificate, "Rules 763 p.28"), _r(D.control_pass, "Rules 763 p.28", True)]
        if not eaeu:
            return [
                _r(D.customs_declaration, "Rules 763 p.28.2"),
                _r(D.control_pass, "Rules 763 p.28.2"),
                _r(D.conformity_certificate, "Rules 763 p.28.2"),
            ]
        return [
            _r(D.control_pass, "Rules 763 p.28.3", True),
            _r(D.vehicle_passport, "Rules 763 p.28.3"),
            _r(D.conformity_certificate, "Rules 763 p.28.3"),
            _r(D.acceptance_certificate, "Rules 763 p.28.3", True),
            _r(WAYBILL, "Rules 763 p.28.3", True),
        ]
    if category == Category.packaging:
        mass_basis = _r(D.packing_list, "Rules 763 p.32", True)
        if eaeu is None:
            return [mass_basis]
        if not eaeu:
            return [_r(D.customs_declaration, "Rules 763 p.30"), mass_basis]
        return [_r(PACKING, "Rules 763 p.31"), _r(WAYBILL, "Rules 763 p.31"), mass_basis]
    out = [_r(PACKING, "Rules 763 p.15"), _r(WAYBILL, "Rules 763 p.15"), _r(D.invoice, "Rules 763 p.15")]
    if eaeu is True:
        out += [_r(D.control_pass, "Rules 763 p.16", True), _r(D.import_application, "portal guide")]
    elif eaeu is False:
        out.append(_r(D.customs_declaration, "Rules 763 p.17"))
    return out


def _declared_as(ctx: CheckContext, req: Requirement) -> list[str]:
    """Files the payer declared as one of the required types."""
    names = dict.fromkeys(list(ctx.app.files) + [f.name for f in ctx.files])
    return [name for name in names if ctx.declared_type(name) in req.alternatives]


def _unconfirmed_file(ctx: CheckContext, req: Requirement) -> str | None:
    """A file the payer declared as the required type whose content we could not confirm
    (extraction failed, or the classifier was not sure): then absence is the moderator's call."""
    for name in _declared_as(ctx, req):
        docs = [d for d in ctx.documents if d.file == name]
        if not docs or all(d.confidence < ctx.settings.classifier_confident for d in docs):
            return name
    return None


@rule("missing_document", "Rules 763 p.15")
def required_documents(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    present = {d.doc_type for d in ctx.documents}
    needed: dict[tuple[DocType, ...], tuple[Requirement, list[int]]] = {}
    for i in range(len(ctx.lines)):
        for req in requirements(ctx, i):
            have = needed.get(req.alternatives)
            if have is None or (have[0].if_any and not req.if_any):
                needed[req.alternatives] = (req, [i])
            elif have[0].if_any == req.if_any:
                have[1].append(i)
    for req, lines in needed.values():
        if present.intersection(req.alternatives):
            continue
        if any(name in ctx.unreadable_files for name in _declared_as(ctx, req)):
            continue  # the unreadable (or unsupported) file is reported as such; asking for it again is enough
        unconfirmed = None if req.if_any else _unconfirmed_file(ctx, req)
        if unconfirmed is not None:
            severity, key = Severity.warning, "missing_document.unconfirmed"
        elif req.if_any:
            severity, key = Severity.warning, "missing_document.if_any"
        else:
            severity, key = Severity.error, "missing_document"
        yield r.finding(
            ctx,
            severity,
            key=key,
            cites=req.cites,
            goods_line=lines[0],
            doc_type=str(req.alternatives[0]),
            document=unconfirmed,
            params={"lines": lines_label(lines), "doc_type": req.label},
        )


@rule("missing_document", "portal guide")
def application_form(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    """The portal issues the payment invoice once the signed, stamped application is attached."""
    declared = [ctx.declared_type_raw(name) for name in list(ctx.app.files) + [f.name for f in ctx.files]]
    if any((t or "").strip().lower() == "application" for t in declared):
        return
    yield r.finding(ctx, Severity.info, key="missing_document.application_form", doc_type="application")


RULES = [required_documents, application_form]
