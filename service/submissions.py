"""Storing submissions and running their checks: the DB side shared by the API, the tasks and the demo loader."""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from checks.models import Application, Report
from extractor.sniff import sniff
from service.db_models import ApplicationRow, AuditEvent, FileRow, FindingRow, utcnow
from service.filenames import sanitize_filename, unique_name
from service.store import FileStore

log = logging.getLogger(__name__)

STATUSES = ("received", "processing", "done", "failed")
UNFINISHED = ("received", "processing")
HEARTBEAT_SECONDS = 10.0
# a claim not renewed for this long is abandoned even if its process cannot be seen (another host, a frozen VM)
CLAIM_LEASE_SECONDS = 120.0


@dataclass(frozen=True)
class Upload:
    """One uploaded file as the client sent it (name untrusted)."""

    name: str
    data: bytes
    declared_type: str | None = None


def audit(session: Session, application_id: str, action: str, actor: str = "system", **detail: Any) -> None:
    session.add(
        AuditEvent(
            application_id=application_id,
            action=action,
            actor=actor,
            detail_json=json.dumps(detail, ensure_ascii=False, default=str),
        )
    )


def _add_files(
    session: Session, store: FileStore, row: ApplicationRow, uploads: Sequence[Upload]
) -> list[FileRow]:
    taken = {f.name for f in row.files}
    added: list[FileRow] = []
    position = max((f.position for f in row.files), default=-1) + 1
    for up in uploads:
        name = unique_name(sanitize_filename(up.name), taken)
        taken.add(name)
        sha = store.put(up.data)  # fsynced before the row that points at it commits
        fr = FileRow(
            sha256=sha,
            name=name,
            declared_type=up.declared_type,
            kind=sniff(up.data).value,
            size=len(up.data),
            position=position,
        )
        position += 1
        row.files.append(fr)
        added.append(fr)
    return added


def declared_types(application: Application, uploads: Sequence[Upload]) -> list[Upload]:
    """Attach each upload's declared type from the application's `files` map (keyed by the name sent)."""
    out = []
    for up in uploads:
        decl = application.files.get(up.name) or application.files.get(sanitize_filename(up.name))
        out.append(Upload(up.name, up.data, up.declared_type or (decl.declared_type if decl else None)))
    return out


def create_application(
    session: Session,
    store: FileStore,
    application: Application,
    uploads: Sequence[Upload],
    *,
    actor: str,
    token_id: int | None = None,
    language: str = "ru",
) -> ApplicationRow:
    """Store an application and its files; the caller commits before acknowledging."""
    row = ApplicationRow(
        id=uuid.uuid4().hex,
        bin=application.applicant.bin.replace("\x00", ""),  # PostgreSQL text cannot hold NUL
        applicant_name=application.applicant.name.replace("\x00", ""),
        application_json=application.model_dump_json(),
        language=language,
        status="received",
        revision=1,
        processed_revision=0,
        created_by=token_id,
    )
    session.add(row)
    files = _add_files(session, store, row, declared_types(application, uploads))
    session.flush()
    audit(
        session, row.id, "submitted", actor, files=[f.name for f in files], goods_lines=len(application.goods)
    )
    return row


def add_files(
    session: Session, store: FileStore, row: ApplicationRow, uploads: Sequence[Upload], *, actor: str
) -> list[FileRow]:
    """More files for a stored application; bumps the revision so the check runs again."""
    files = _add_files(session, store, row, uploads)
    row.revision += 1
    row.status = "received"
    row.claimed_by = None  # a check of the previous revision still running can no longer store its report
    row.claimed_at = None
    row.decision = None
    row.decision_comment = None
    row.decided_at = None
    session.flush()
    audit(session, row.id, "files_added", actor, files=[f.name for f in files], revision=row.revision)
    return files


def application_for_check(row: ApplicationRow) -> Application:
    """The stored application with its `files` map rebuilt from the stored (sanitised) names."""
    app = Application.model_validate_json(row.application_json)
    data = app.model_dump()
    data["files"] = {f.name: {"declared_type": f.declared_type} for f in row.files}
    return Application.model_validate(data)


def worker_identity() -> str:
    """This process as a claim owner: host, pid and the pid's start time (so a reused pid is not mistaken for it)."""
    return f"{socket.gethostname()}/{os.getpid()}/{process_start_time(os.getpid()) or '0'}"


def process_start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux), "" for a zombie, None if there is no such pid."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    return "" if fields[0] in ("Z", "X") else fields[19]


def owner_alive(owner: str) -> bool | None:
    """Whether a claim owner's process still runs: True/False on this host, None (cannot tell) elsewhere."""
    host, _, rest = owner.partition("/")
    pid_text, _, started = rest.partition("/")
    if host != socket.gethostname() or not pid_text.isdigit():
        return None
    pid = int(pid_text)
    if Path("/proc/self/stat").exists():
        seen = process_start_time(pid)
        return bool(seen) and (started in ("", "0") or seen == started)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def claim_is_stale(owner: str | None, claimed_at: datetime | None, now: datetime | None = None) -> bool:
    """A claim nobody will finish: no owner, its process is gone, or no heartbeat within CLAIM_LEASE_SECONDS."""
    if owner is None or claimed_at is None:
        return True
    age = ((now or utcnow()) - claimed_at).total_seconds()
    return age > CLAIM_LEASE_SECONDS or owner_alive(owner) is False


class _Heartbeat:
    """Renews a claim every HEARTBEAT_SECONDS from a thread of its own while the check runs."""

    def __init__(self, session: Session, application_id: str, owner: str) -> None:
        self.engine = session.get_bind()
        self.application_id = application_id
        self.owner = owner
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, name=f"heartbeat-{application_id[:8]}", daemon=True)

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(30)

    def _run(self) -> None:
        while not self.stop.wait(HEARTBEAT_SECONDS):
            try:
                with Session(self.engine) as s:
                    s.execute(
                        update(ApplicationRow)
                        .where(
                            ApplicationRow.id == self.application_id, ApplicationRow.claimed_by == self.owner
                        )
                        .values(claimed_at=utcnow(), updated_at=ApplicationRow.updated_at)
                        .execution_options(synchronize_session=False)
                    )
                    s.commit()
            except Exception:  # a missed beat is retried; the lease is many beats long
                log.warning("heartbeat of %s failed", self.application_id, exc_info=True)


def process(session: Session, store: FileStore, application_id: str, revision: int | None = None) -> str:
    """Run the check of one stored application and store the report, at most once per revision.

    The check is claimed first (one conditional UPDATE: only an unfinished row, at the revision read, not claimed by
    a live process), renewed by a heartbeat while it runs, and its result stored only if the claim is still this
    process's and the revision unchanged. So a redelivered or duplicated job, or two workers racing, record one
    `processed` (or `processing_failed`) per revision; a check whose worker died is claimed again once the sweep
    (or the next job) sees the claim is stale.

    Returns what happened: "done", "failed", "skipped" (already checked at this revision, being checked by a live
    worker, or superseded by a newer revision) or "missing".
    """
    row = session.get(ApplicationRow, application_id, populate_existing=True)
    if row is None:
        return "missing"
    if row.status not in UNFINISHED:  # done or failed at this revision; new files set it back to received
        return "skipped"
    owner = row.claimed_by
    if owner is not None and not claim_is_stale(owner, row.claimed_at):
        return "skipped"
    target = row.revision
    me = worker_identity()
    claimed = session.execute(
        update(ApplicationRow)
        .where(
            ApplicationRow.id == application_id,
            ApplicationRow.revision == target,
            ApplicationRow.status.in_(UNFINISHED),
            ApplicationRow.claimed_by.is_(None) if owner is None else ApplicationRow.claimed_by == owner,
        )
        .values(status="processing", claimed_by=me, claimed_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        return "skipped"
    audit(
        session,
        application_id,
        "processing_started",
        revision=target,
        worker=me,
        **({"took_over": owner} if owner else {}),
    )
    session.commit()
    session.refresh(row)
    try:
        with _Heartbeat(session, application_id, me):
            from service.pipeline import InputFile, check_filing

            application = application_for_check(row)
            inputs = [InputFile(name=f.name, data=store.get(f.sha256)) for f in row.files]
            report = check_filing(application, inputs, lang=row.language)
    except Exception as exc:  # the pipeline's own faults are recorded, the job does not vanish
        log.exception("processing %s failed", application_id)
        session.rollback()
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if not _finish(session, application_id, me, target, status="failed", error=error):
            return "skipped"
        audit(session, application_id, "processing_failed", error=error, revision=target)
        session.commit()
        return "failed"
    if not _finish(session, application_id, me, target, **report_values(report, target)):
        return "skipped"  # files were added meanwhile (the newer job stores its report), or the claim was taken over
    replace_findings(session, application_id, report)
    audit(
        session,
        application_id,
        "processed",
        verdict=report.verdict.value,
        findings=len(report.findings),
        revision=target,
    )
    session.commit()
    session.expire(row)
    return "done"


def _finish(session: Session, application_id: str, owner: str, revision: int, **values: Any) -> bool:
    """Store the outcome if `owner` still holds the claim at `revision`; the caller commits. False: rolled back."""
    res = session.execute(
        update(ApplicationRow)
        .where(
            ApplicationRow.id == application_id,
            ApplicationRow.claimed_by == owner,
            ApplicationRow.revision == revision,
        )
        .values(claimed_by=None, claimed_at=None, **values)
        .execution_options(synchronize_session=False)
    )
    if res.rowcount != 1:  # type: ignore[attr-defined]
        session.rollback()
        return False
    return True


def report_values(report: Report, revision: int) -> dict[str, Any]:
    """The application columns a finished check sets."""
    return {"report_json": report.model_dump_json(), "verdict": report.verdict.value, "status": "done",
            "error": None, "processed_revision": revision, "processed_at": utcnow()}


def replace_findings(session: Session, application_id: str, report: Report) -> None:
    """The queue's per-finding rows (filtered on by code and severity) follow the stored report."""
    session.execute(delete(FindingRow).where(FindingRow.application_id == application_id))
    for i, f in enumerate(report.findings):
        session.add(FindingRow(application_id=application_id, position=i, code=f.code, severity=f.severity.value))


def store_report(session: Session, row: ApplicationRow, report: Report) -> None:
    for name, value in report_values(report, row.revision).items():
        setattr(row, name, value)
    replace_findings(session, row.id, report)


def unfinished(session: Session) -> list[tuple[str, int]]:
    """Applications whose processing was never finished (a crash or restart in between)."""
    rows = session.execute(
        select(ApplicationRow.id, ApplicationRow.revision).where(ApplicationRow.status.in_(UNFINISHED))
    )
    return [(r[0], r[1]) for r in rows]


def release_stale_claims(session: Session) -> list[tuple[str, int]]:
    """Checks whose worker is gone go back to `received` (with an audit event); returns them, to be enqueued again.

    Needed because a job fetched from the embedded broker is never delivered again when its worker is killed
    (kombu's SQLAlchemy transport keeps it invisible), and a Redis broker redelivers only after its visibility
    timeout; the claim says which process had it.
    """
    now = utcnow()
    rows = session.execute(
        select(
            ApplicationRow.id, ApplicationRow.revision, ApplicationRow.claimed_by, ApplicationRow.claimed_at
        ).where(ApplicationRow.status == "processing")
    ).all()
    released = []
    for app_id, revision, owner, claimed_at in rows:
        if not claim_is_stale(owner, claimed_at, now):
            continue
        res = session.execute(
            update(ApplicationRow)
            .where(
                ApplicationRow.id == app_id,
                ApplicationRow.status == "processing",
                ApplicationRow.revision == revision,
                ApplicationRow.claimed_by.is_(None) if owner is None else ApplicationRow.claimed_by == owner,
            )
            .values(status="received", claimed_by=None, claimed_at=None)
            .execution_options(synchronize_session=False)
        )
        if res.rowcount == 1:  # type: ignore[attr-defined]
            audit(session, app_id, "processing_abandoned", worker=owner, revision=revision)
            released.append((app_id, revision))
        session.commit()
    return released


def waiting_without_job(session: Session, older_than: float) -> list[tuple[str, int]]:
    """Received, unclaimed and untouched for `older_than` seconds: asked about only when the broker queue is empty,
    when these have no job left (a publish that failed, a worker killed between fetching a job and claiming it)."""
    now = utcnow()
    rows = session.execute(
        select(ApplicationRow.id, ApplicationRow.revision, ApplicationRow.updated_at).where(
            ApplicationRow.status == "received", ApplicationRow.claimed_by.is_(None)
        )
    )
    return [(r[0], r[1]) for r in rows if (now - r[2]).total_seconds() > older_than]
