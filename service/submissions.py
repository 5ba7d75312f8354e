"""Storing submissions and running their checks: the DB side shared by the API, the tasks and the demo loader."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from checks.models import Application, Report
from extractor.sniff import sniff
from service.db_models import ApplicationRow, AuditEvent, FileRow, FindingRow, utcnow
from service.filenames import sanitize_filename, unique_name
from service.store import FileStore

log = logging.getLogger(__name__)

STATUSES = ("received", "processing", "done", "failed")


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


def process(session: Session, store: FileStore, application_id: str, revision: int | None = None) -> str:
    """Run the check of one stored application and store the report. Safe to run twice.

    Returns what happened: "done", "failed", "skipped" (already processed at this revision) or "missing".
    """
    row = session.get(ApplicationRow, application_id)
    if row is None:
        return "missing"
    if row.status == "done" and row.processed_revision >= (revision or row.revision):
        return "skipped"
    target = row.revision
    row.status = "processing"
    audit(session, row.id, "processing_started", revision=target)
    session.commit()
    try:
        from service.pipeline import InputFile, check_filing

        application = application_for_check(row)
        inputs = [InputFile(name=f.name, data=store.get(f.sha256)) for f in row.files]
        report = check_filing(application, inputs, lang=row.language)
    except Exception as exc:  # the pipeline's own faults are recorded, the job does not vanish
        log.exception("processing %s failed", application_id)
        session.rollback()
        row = session.get(ApplicationRow, application_id)
        if row is None:
            return "missing"
        row.status = "failed"
        row.error = f"{type(exc).__name__}: {exc}"[:2000]
        audit(session, row.id, "processing_failed", error=row.error, revision=target)
        session.commit()
        return "failed"
    session.refresh(row)
    if row.revision != target:  # files were added meanwhile; the newer job will store its report
        session.commit()
        return "skipped"
    store_report(session, row, report)
    audit(
        session,
        row.id,
        "processed",
        verdict=report.verdict.value,
        findings=len(report.findings),
        revision=target,
    )
    session.commit()
    return "done"


def store_report(session: Session, row: ApplicationRow, report: Report) -> None:
    row.report_json = report.model_dump_json()
    row.verdict = report.verdict.value
    row.status = "done"
    row.error = None
    row.processed_revision = row.revision
    row.processed_at = utcnow()
    session.execute(delete(FindingRow).where(FindingRow.application_id == row.id))
    for i, f in enumerate(report.findings):
        session.add(FindingRow(application_id=row.id, position=i, code=f.code, severity=f.severity.value))


def unfinished(session: Session) -> list[tuple[str, int]]:
    """Applications whose processing was never finished (a crash or restart in between)."""
    rows = session.execute(
        select(ApplicationRow.id, ApplicationRow.revision).where(
            ApplicationRow.status.in_(("received", "processing"))
        )
    )
    return [(r[0], r[1]) for r in rows]
