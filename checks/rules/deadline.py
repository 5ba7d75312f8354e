"""Monthly application deadlines by business size (Rules 763 p.22); vehicles are exempt.

The reporting month is the import month (p.20). Small businesses file by the 20th of the
next month, medium by the 25th, large and others by its last day. When the size is unknown
the most lenient deadline is used and the finding says so.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date
from functools import partial

from checks.context import CheckContext
from checks.messages import month_name
from checks.models import Category, Finding, Severity
from checks.rules.base import Rule, rule

DAY_BY_SIZE = {"small": 20, "medium": 25}


def deadline(year: int, month: int, size: str | None) -> date:
    """The last filing day for goods imported in `month` of `year`."""
    year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, DAY_BY_SIZE.get(size or "", last))


def month_label(year: int, month: int, lang: str) -> str:
    name = month_name(month, lang)
    return f"{year} ж. {name}" if lang == "kk" else f"{name} {year}"


@rule("deadline_missed", "Rules 763 p.22")
def monthly_deadline(ctx: CheckContext, r: Rule) -> Iterator[Finding]:
    size = ctx.app.applicant.business_size
    months: dict[tuple[int, int], int] = {}
    for i, line in enumerate(ctx.lines):
        if ctx.categories[i] == Category.vehicle or line.import_date is None:
            continue
        months.setdefault((line.import_date.year, line.import_date.month), i)
    for (year, month), i in sorted(months.items()):
        due = deadline(year, month, size)
        if ctx.filed_on <= due:
            continue
        yield r.finding(
            ctx,
            Severity.warning if size else Severity.info,
            key=None if size else "deadline_missed.size_unknown",
            goods_line=i,
            declared=ctx.filed_on.isoformat(),
            found=due.isoformat(),
            params={
                "month": partial(month_label, year, month),
                "filed": ctx.filed_on.isoformat(),
                "deadline": due.isoformat(),
            },
        )


RULES = [monthly_deadline]
