"""A rule: a named check with the finding code it raises and the paragraph it cites."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from checks.context import CheckContext
from checks.messages import lang_code, render_all
from checks.models import Finding, Severity
from extractor.field_models import FieldValue, ReadDocument

RuleFunc = Callable[[CheckContext, "Rule"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    name: str
    code: str
    cites: str
    func: RuleFunc

    def run(self, ctx: CheckContext) -> list[Finding]:
        return list(self.func(ctx, self))

    def finding(
        self,
        ctx: CheckContext,
        severity: Severity,
        *,
        key: str | None = None,
        cites: str | None = None,
        doc: ReadDocument | None = None,
        at: FieldValue | None = None,
        params: dict[str, Any] | None = None,
        **fields: Any,
    ) -> Finding:
        """A finding of this rule, its message rendered in the context's language.

        `doc` and `at` fill the document, its type, the page and the box; `params` feed the message only: a value
        that depends on the language is given as a function of it (`partial(country_id.name, code)`).
        """
        if doc is not None:
            fields.setdefault("document", doc.file)
            fields.setdefault("page", doc.pages[0] if doc.pages else None)
            fields.setdefault("doc_type", str(doc.doc_type))
        if at is not None:
            fields["page"] = at.page
            fields["bbox"] = at.bbox
        cite = cites or self.cites
        values = {
            "declared": fields.get("declared") or "",
            "found": fields.get("found") or "",
            "document": fields.get("document") or "",
            "other_document": fields.get("other_document") or "",
            "page": fields.get("page") or "",
            "doc_type": fields.get("doc_type") or "",
            "lines": (fields["goods_line"] + 1) if fields.get("goods_line") is not None else "",
            "rule": cite,
        }
        values.update(params or {})
        # every language at once, so a moderator reading in English sees the payer's Russian report in English
        messages = render_all(key or self.code, **values)
        return Finding(
            code=self.code, severity=severity, rule=cite, message=messages[lang_code(ctx.lang)], messages=messages,
            **fields,
        )


def rule(code: str, cites: str) -> Callable[[RuleFunc], Rule]:
    """Register a function as a rule raising `code` and citing `cites`."""

    def wrap(func: RuleFunc) -> Rule:
        return Rule(name=func.__name__, code=code, cites=cites, func=func)

    return wrap
