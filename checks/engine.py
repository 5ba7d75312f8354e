"""Run every rule over an application and its documents, and decide the verdict.

Pure logic: the documents and file evidence come from the pipeline, the nomenclature from
:func:`extractor.ids.hs_code.load_nomenclature` (or None, then codes are checked for shape only).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

from checks.context import CheckContext
from checks.evidence import FileEvidence
from checks.messages import lang_code, render_all
from checks.models import Application, DocumentReport, Finding, Report, Severity, Verdict
from checks.reconcile import reconcile_vins, reconcile_weights
from checks.rules import ALL_RULES, Rule
from checks.settings import CheckSettings
from extractor.field_models import ReadDocument

__all__ = ["CheckSettings", "run_checks", "verdict_of"]

log = logging.getLogger(__name__)

_ORDER = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}


def verdict_of(findings: Sequence[Finding]) -> Verdict:
    """`needs_fix` on any error, `review` on warnings only, else `pass` (info never counts)."""
    severities = {f.severity for f in findings}
    if Severity.error in severities:
        return Verdict.needs_fix
    if Severity.warning in severities:
        return Verdict.review
    return Verdict.passed


def _run(rule: Rule, ctx: CheckContext) -> list[Finding]:
    """One rule's findings; a rule that crashes is reported for the moderator, not fatal to the report."""
    try:
        return rule.run(ctx)
    except Exception:  # noqa: BLE001 - a bug in one rule must not lose the others' findings
        log.exception("rule %s failed", rule.name)
        messages = render_all("check_failed", check=rule.name)
        return [
            Finding(
                code="check_failed", severity=Severity.warning, message=messages[lang_code(ctx.lang)],
                messages=messages, rule=rule.cites,
            )
        ]


def run_checks(
    app: Application,
    documents: list[ReadDocument],
    files: list[FileEvidence],
    *,
    nomenclature: Any = None,
    lang: str = "ru",
    today: date | None = None,
    settings: CheckSettings | None = None,
    rules: Sequence[Rule] | None = None,
) -> Report:
    """Check an application against the documents read from its files."""
    documents = reconcile_vins(documents, [v for line in app.goods for v in line.vins])
    documents = reconcile_weights(documents, [line.weight_kg for line in app.goods])
    ctx = CheckContext(
        app=app,
        documents=documents,
        files=files,
        nomenclature=nomenclature,
        lang=lang_code(lang),
        today=today or date.today(),
        settings=settings or CheckSettings(),
    )
    findings = [f for rule in (ALL_RULES if rules is None else rules) for f in _run(rule, ctx)]
    findings.sort(key=lambda f: (_ORDER[f.severity], f.goods_line if f.goods_line is not None else -1))
    reports = [
        DocumentReport(
            file=d.file,
            pages=d.pages,
            doc_type=str(d.doc_type),
            confidence=d.confidence,
            declared_type=ctx.declared_type_raw(d.file),
            reason=d.reason,
            kind=d.kind,
            unit=d.unit,
            fields=d.fields,
        )
        for d in documents
    ]
    return Report(
        verdict=verdict_of(findings),
        documents=reports,
        findings=findings,
        nomenclature=getattr(nomenclature, "edition", None),
        language=ctx.lang,
    )
