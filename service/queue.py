"""The moderator queue as a query: filters by verdict, finding code, severity, status and date; sorted by age."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from service.api.schemas import QueueItem, QueuePage
from service.db_models import ApplicationRow, FindingRow, utcnow

VERDICTS = ("pass", "needs_fix", "review")
_CODE = re.compile(r"^[a-z_]{1,40}$")


@dataclass
class QueueFilter:
    verdicts: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)
    severity: str | None = None
    status: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    bin: str | None = None
    sort: str = "oldest"
    undecided_only: bool = True
    limit: int = 100
    offset: int = 0

    @classmethod
    def build(
        cls,
        *,
        verdicts: list[str],
        codes: list[str],
        severity: str | None,
        status: str | None,
        since: str | None,
        until: str | None,
        sort: str,
        undecided_only: bool,
        limit: int,
        offset: int,
    ) -> QueueFilter:
        bad = [v for v in verdicts if v not in VERDICTS]
        if bad:
            raise ValueError(f"unknown verdict {bad[0]!r}; use one of {', '.join(VERDICTS)}")
        odd = [c for c in codes if c.strip() and not _CODE.match(c.strip())]
        if odd:
            raise ValueError(f"finding codes are lower-case words joined by _, got {odd[0][:50]!r}")
        return cls(
            verdicts=verdicts,
            codes=[c.strip() for c in codes if c.strip()],
            severity=severity,
            status=status,
            since=_day_start(since),
            until=_day_start(until, plus_days=1),
            sort=sort,
            undecided_only=undecided_only,
            limit=limit,
            offset=offset,
        )


def _day_start(text: str | None, plus_days: int = 0) -> datetime | None:
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"dates are YYYY-MM-DD, got {text!r}") from None
    if plus_days and day > date.max - timedelta(days=plus_days):
        return None  # "until 9999-12-31" bounds nothing (and the day after it would overflow: a 500)
    return datetime.combine(day + timedelta(days=plus_days), time.min, tzinfo=UTC)


def _filtered(flt: QueueFilter) -> Select[ApplicationRow]:
    q = select(ApplicationRow)
    if flt.verdicts:
        q = q.where(ApplicationRow.verdict.in_(flt.verdicts))
    if flt.status:
        q = q.where(ApplicationRow.status == flt.status)
    if flt.bin is not None:
        q = q.where(ApplicationRow.bin == flt.bin)
    if flt.undecided_only:
        q = q.where(ApplicationRow.decision.is_(None))
    if flt.since is not None:
        q = q.where(ApplicationRow.created_at >= flt.since)
    if flt.until is not None:
        q = q.where(ApplicationRow.created_at < flt.until)
    if flt.codes or flt.severity:
        sub = select(FindingRow.application_id)
        if flt.codes:
            sub = sub.where(FindingRow.code.in_(flt.codes))
        if flt.severity:
            sub = sub.where(FindingRow.severity == flt.severity)
        q = q.where(ApplicationRow.id.in_(sub))
    return q


def list_queue(session: Session, flt: QueueFilter) -> QueuePage:
    q = _filtered(flt)
    total = session.scalar(select(func.count()).select_from(q.subquery())) or 0
    order = ApplicationRow.created_at.asc() if flt.sort == "oldest" else ApplicationRow.created_at.desc()
    rows = list(session.scalars(q.order_by(order, ApplicationRow.id).limit(flt.limit).offset(flt.offset)))
    counts: dict[str, dict[str, int]] = {}
    codes: dict[str, list[str]] = {}
    if rows:
        for app_id, code, sev in session.execute(
            select(FindingRow.application_id, FindingRow.code, FindingRow.severity)
            .where(FindingRow.application_id.in_([r.id for r in rows]))
            .order_by(FindingRow.position)
        ):
            c = counts.setdefault(app_id, {})
            c[sev] = c.get(sev, 0) + 1
            lst = codes.setdefault(app_id, [])
            if code not in lst:
                lst.append(code)
    now = utcnow()
    items = [
        QueueItem(
            id=r.id,
            applicant_name=r.applicant_name,
            bin=r.bin,
            status=r.status,
            verdict=r.verdict,
            decision=r.decision,
            created_at=r.created_at,
            age_hours=round((now - r.created_at).total_seconds() / 3600, 2),
            errors=counts.get(r.id, {}).get("error", 0),
            warnings=counts.get(r.id, {}).get("warning", 0),
            codes=codes.get(r.id, []),
        )
        for r in rows
    ]
    return QueuePage(total=total, items=items)


__all__ = ["QueueFilter", "list_queue"]
