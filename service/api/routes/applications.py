"""Stored applications: submit, read, add files, report, page images; moderators decide and read the audit trail."""

from __future__ import annotations

import json
import math
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, HTTPException, Query, Request, Response, UploadFile, status
from sqlalchemy import select

from checks.models import Report
from extractor.errors import ExtractError
from service.api.deps import (
    CurrentToken,
    LanguageDep,
    ModeratorUser,
    SessionDep,
    SettingsDep,
    actor_name,
    can_see,
    visible_application,
)
from service.api.schemas import (
    ApplicationOut,
    AuditOut,
    DecisionIn,
    EvidencedFinding,
    QueueItem,
    QueuePage,
    StoredFile,
    SubmissionOut,
)
from service.api.uploads import parse_application, read_uploads
from service.db_models import ApplicationRow, AuditEvent, FileRow, utcnow
from service.queue import QueueFilter, list_queue
from service.security import Role
from service.submissions import add_files, audit, create_application

router = APIRouter(tags=["applications"])

CELL_KINDS = {"xlsx", "xls", "csv", "docx"}
"""Files whose pages are cells: their evidence is drawn as a table around the cell, not rendered."""
RENDERABLE = {"pdf", "jpeg", "png", "tiff", "webp", "heic", *CELL_KINDS}
DECISIONS = {"approve": "approved", "reject": "rejected", "request_changes": "changes_requested"}
MAX_OFFSET = 1_000_000_000  # databases take OFFSET as a 64-bit integer at most


def enqueue(request: Request, application_id: str, revision: int) -> None:
    request.app.state.enqueue(application_id, revision)


def submission_out(row: ApplicationRow) -> SubmissionOut:
    return SubmissionOut.model_validate(
        {"id": row.id, "status": row.status, "revision": row.revision, "url": f"/v1/applications/{row.id}"}
    )


def stored_report(row: ApplicationRow) -> Report | None:
    return Report.model_validate_json(row.report_json) if row.report_json else None


def evidence_url(row: ApplicationRow, report: Report, finding_index: int) -> tuple[str | None, str | None]:
    """The page-image URL showing a finding's evidence, and the file's SHA-256."""
    f = report.findings[finding_index]
    if not f.document:
        return None, None
    stored = next((x for x in row.files if x.name == f.document), None)
    if stored is None or stored.kind not in RENDERABLE:
        return None, stored.sha256 if stored else None
    page = f.page or 1
    params: dict[str, str] = {}
    if f.bbox is not None:
        unit = next((d.unit for d in report.documents if d.file == f.document and page in d.pages), "pt")
        params["box"] = ",".join(f"{v:.1f}" for v in f.bbox)
        params["unit"] = unit
    query = ("?" + urlencode(params)) if params else ""
    return f"/v1/applications/{row.id}/files/{stored.sha256}/pages/{page}.png{query}", stored.sha256


def application_out(row: ApplicationRow) -> ApplicationOut:
    report = stored_report(row)
    findings: list[EvidencedFinding] = []
    if report is not None:
        for i, f in enumerate(report.findings):
            url, sha = evidence_url(row, report, i)
            findings.append(EvidencedFinding(**f.model_dump(), evidence_url=url, file_sha256=sha))
    return ApplicationOut(
        id=row.id,
        status=row.status,
        verdict=row.verdict,
        bin=row.bin,
        applicant_name=row.applicant_name,
        revision=row.revision,
        created_at=row.created_at,
        updated_at=row.updated_at,
        processed_at=row.processed_at,
        decision=row.decision,
        decision_comment=row.decision_comment,
        error=row.error,
        application=json.loads(row.application_json),
        files=[
            StoredFile(sha256=f.sha256, name=f.name, declared_type=f.declared_type, kind=f.kind, size=f.size)
            for f in row.files
        ],
        findings=findings,
    )


@router.post(
    "/applications",
    response_model=SubmissionOut,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Submit an application; it is stored, then checked in the background",
)
def submit_application(
    request: Request,
    application: Annotated[
        str | UploadFile, Form(description="the application JSON (CONTRACT: Application input), as a field or a file")
    ],
    files: Annotated[list[UploadFile], File(description="one or more attachments")],
    session: SessionDep,
    settings: SettingsDep,
    token: CurrentToken,
    lang: LanguageDep,
) -> SubmissionOut:
    app_in = parse_application(application, settings)
    if token.role == Role.payer and app_in.applicant.bin != token.bin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "The applicant BIN is not the BIN of this token")
    if token.role == Role.moderator:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Moderators do not submit applications")
    uploads = read_uploads(files, settings)
    row = create_application(
        session,
        request.app.state.runtime.store,
        app_in,
        uploads,
        actor=actor_name(token),
        token_id=token.id,
        language=lang,
    )
    session.commit()  # durable before we acknowledge
    enqueue(request, row.id, row.revision)
    return submission_out(row)


@router.get(
    "/applications", response_model=QueuePage, summary="Applications the caller may see, newest first"
)
def list_applications(
    session: SessionDep,
    token: CurrentToken,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> QueuePage:
    flt = QueueFilter(sort="newest", limit=limit, offset=offset, undecided_only=False)
    if token.role == Role.payer:
        flt.bin = token.bin or "-"
    return list_queue(session, flt)


@router.get("/queue", response_model=QueuePage, summary="Moderator queue, oldest first by default")
def queue(
    session: SessionDep,
    _: ModeratorUser,
    verdict: Annotated[list[str] | None, Query()] = None,
    code: Annotated[list[str] | None, Query(description="finding code, e.g. weight_mismatch")] = None,
    severity: Annotated[str | None, Query(pattern="^(error|warning|info)$")] = None,
    status_: Annotated[
        str | None, Query(alias="status", pattern="^(received|processing|done|failed)$")
    ] = None,
    since: Annotated[str | None, Query(description="submitted on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, Query(description="submitted on or before (YYYY-MM-DD)")] = None,
    sort: Annotated[str, Query(pattern="^(oldest|newest)$")] = "oldest",
    decided: Annotated[bool, Query(description="include applications already decided")] = False,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> QueuePage:
    try:
        flt = QueueFilter.build(
            verdicts=verdict or [],
            codes=code or [],
            severity=severity,
            status=status_,
            since=since,
            until=until,
            sort=sort,
            undecided_only=not decided,
            limit=limit,
            offset=offset,
        )
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
    return list_queue(session, flt)


@router.get("/applications/{application_id}", response_model=ApplicationOut)
def get_application(application_id: str, session: SessionDep, token: CurrentToken) -> ApplicationOut:
    return application_out(visible_application(session, token, application_id))


@router.get(
    "/applications/{application_id}/report",
    response_model=Report,
    responses={409: {"description": "not checked yet"}},
)
def get_report(application_id: str, session: SessionDep, token: CurrentToken) -> Report:
    row = visible_application(session, token, application_id)
    report = stored_report(row)
    if report is None or row.status != "done":
        raise HTTPException(status.HTTP_409_CONFLICT, f"The report is not ready (status: {row.status})")
    return report


@router.post(
    "/applications/{application_id}/files",
    response_model=SubmissionOut,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Attach more files; the check runs again",
)
def post_files(
    request: Request,
    application_id: str,
    files: Annotated[list[UploadFile], File()],
    session: SessionDep,
    settings: SettingsDep,
    token: CurrentToken,
    declared_types: Annotated[str | None, Form(description='JSON map {"file name": "declared type"}')] = None,
) -> SubmissionOut:
    row = visible_application(session, token, application_id)
    if token.role == Role.moderator:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Moderators do not add files")
    types: dict[str, str] = {}
    if declared_types:
        try:
            loaded = json.loads(declared_types)
        except json.JSONDecodeError:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT, "declared_types is not valid JSON"
            ) from None
        if not isinstance(loaded, dict):
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "declared_types must be a JSON object")
        types = {str(k): str(v) for k, v in loaded.items()}
        if any(len(v) > 60 or "\x00" in v for v in types.values()):
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT, "a declared type is at most 60 characters, without NUL"
            )
    uploads = [type(u)(u.name, u.data, types.get(u.name)) for u in read_uploads(files, settings)]
    add_files(session, request.app.state.runtime.store, row, uploads, actor=actor_name(token))
    session.commit()
    enqueue(request, row.id, row.revision)
    return submission_out(row)


@router.post("/applications/{application_id}/decision", response_model=ApplicationOut)
def decide(
    application_id: str, body: DecisionIn, session: SessionDep, token: ModeratorUser
) -> ApplicationOut:
    row = visible_application(session, token, application_id)
    if row.status not in ("done", "failed"):
        raise HTTPException(
            status.HTTP_409_CONFLICT, f"The application is still being checked (status: {row.status})"
        )
    if body.action != "approve" and not body.comment.strip():
        raise HTTPException(
            status.HTTP_422_UNPROCESSABLE_CONTENT, "A comment is required to reject or request changes"
        )
    row.decision = DECISIONS[body.action]
    row.decision_comment = body.comment.strip() or None
    row.decided_at = utcnow()
    audit(session, row.id, "decision", actor_name(token), decision=row.decision, comment=row.decision_comment)
    session.commit()
    return application_out(row)


@router.get("/applications/{application_id}/audit", response_model=list[AuditOut])
def get_audit(application_id: str, session: SessionDep, token: ModeratorUser) -> list[AuditOut]:
    visible_application(session, token, application_id)
    events = session.scalars(
        select(AuditEvent)
        .where(AuditEvent.application_id == application_id)
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return [
        AuditOut(at=e.at, action=e.action, actor=e.actor, detail=json.loads(e.detail_json)) for e in events
    ]


def _stored_file(session: SessionDep, token: CurrentToken, application_id: str, sha256: str) -> FileRow:
    row = visible_application(session, token, application_id)
    stored = next((f for f in row.files if f.sha256 == sha256.lower()), None)
    if stored is None or not can_see(token, row):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "File not found")
    return stored


@router.get(
    "/applications/{application_id}/files/{sha256}",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}},
    summary="The stored file as uploaded",
)
def get_file(
    application_id: str, sha256: str, request: Request, session: SessionDep, token: CurrentToken
) -> Response:
    stored = _stored_file(session, token, application_id, sha256)
    data = request.app.state.runtime.store.get(stored.sha256)
    return Response(
        data,
        media_type="application/octet-stream",
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{_quote(stored.name)}",
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, max-age=3600",
        },
    )


@router.get(
    "/applications/{application_id}/files/{sha256}/pages/{page}.png",
    response_class=Response,
    responses={200: {"content": {"image/png": {}}}},
    summary="A page image with the evidence box drawn",
)
def get_page_png(
    application_id: str,
    sha256: str,
    page: int,
    request: Request,
    session: SessionDep,
    token: CurrentToken,
    box: Annotated[str | None, Query(description="x0,y0,x1,y1", max_length=200)] = None,
    unit: Annotated[str, Query(pattern="^(pt|px|cell)$")] = "pt",
    dpi: Annotated[int, Query(ge=20, le=200)] = 100,
    crop: Annotated[bool, Query(description="only the band of the page around the box (thumbnails)")] = False,
) -> Response:
    from service.pipeline import page_geometry, render_cells_png, render_page_png

    stored = _stored_file(session, token, application_id, sha256)
    if stored.kind not in RENDERABLE:
        raise HTTPException(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE, f"No page images for {stored.kind} files")
    if page < 1 or page > 10000:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Page not found")
    rect: tuple[float, float, float, float] | None = None
    if box:
        try:
            vals = [float(v) for v in box.split(",")]
        except ValueError:
            vals = []
        if len(vals) != 4 or not all(math.isfinite(v) and abs(v) < 1e6 for v in vals):
            raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "box must be four numbers x0,y0,x1,y1")
        rect = (vals[0], vals[1], vals[2], vals[3])
    data = request.app.state.runtime.store.get(stored.sha256)
    transform, source_dpi = page_geometry(stored.sha256, page) if unit == "px" else (None, None)
    try:
        png = render_cells_png(data, page, box=rect, dpi=dpi, crop=crop) if stored.kind in CELL_KINDS else render_page_png(
            data,
            page,
            dpi=dpi,
            box=rect,
            box_unit=unit,
            transform=transform,
            source_dpi=source_dpi or 300,
            crop=crop,
        )
    except (
        IndexError,
        ValueError,
        OverflowError,
        KeyError,
        RuntimeError,
        ExtractError,
    ) as exc:  # PdfiumError is a RuntimeError
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Page {page} cannot be rendered") from exc
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


__all__ = ["router", "QueueItem"]
