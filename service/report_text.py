"""A report as a short text a payer can act on."""

from __future__ import annotations

from checks.models import Report

_HEAD = {
    "ru": {"pass": "Проверка пройдена: замечаний нет.", "needs_fix": "Нужно исправить:", "review": "Передано модератору:"},
    "kk": {"pass": "Тексеру өтті: ескертулер жоқ.", "needs_fix": "Түзету қажет:", "review": "Модераторға жіберілді:"},
    "en": {"pass": "Passed: nothing to fix.", "needs_fix": "Please fix:", "review": "Sent to a moderator for review:"},
}
_DOCS = {"ru": "Документы", "kk": "Құжаттар", "en": "Documents"}
_MARK = {"error": "✗", "warning": "!", "info": "·"}


def report_as_text(report: Report, lang: str = "ru") -> str:
    head = _HEAD.get(lang, _HEAD["en"])
    lines = [head[report.verdict.value]]
    order = {"error": 0, "warning": 1, "info": 2}
    for f in sorted(report.findings, key=lambda f: order.get(f.severity.value, 3)):
        where = ""
        if f.document:
            where = f" [{f.document}" + (f", p.{f.page}" if f.page else "") + "]"
        lines.append(f"  {_MARK.get(f.severity.value, '-')} {f.messages.get(lang) or f.message}{where}")
    lines.append(f"{_DOCS.get(lang, 'Documents')}:")
    for d in report.documents:
        pages = ",".join(str(p) for p in d.pages)
        lines.append(f"  {d.file} p.{pages}: {d.doc_type} ({d.confidence:.2f})")
    return "\n".join(lines)
