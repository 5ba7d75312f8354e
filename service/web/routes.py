"""Server-rendered pages: sign-in with a token (kept in a cookie), payer upload, moderator queue, application view.

Pages call the same storage functions as the /v1 API; page images are the API's own URLs (the cookie authenticates).
Forms carry a CSRF token derived from the secret key and the session's token hash; the cookie is SameSite=Lax.
"""

from __future__ import annotations

import hmac
import json
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from checks.models import Application
from classifiers.labels import PORTAL_CODES
from service.api.deps import COOKIE_NAME, NOT_FOUND, actor_name, can_see, is_application_id, pick_language
from service.api.routes.applications import DECISIONS, application_out
from service.db_models import ApiToken, ApplicationRow, AuditEvent, utcnow
from service.i18n import LANGUAGES, translator
from service.queue import QueueFilter, list_queue
from service.runtime import Runtime
from service.security import Role, csrf_token, lookup_token
from service.submissions import Upload, add_files, audit, create_application

HERE = Path(__file__).resolve().parent.parent
templates = Jinja2Templates(directory=str(HERE / "templates"))
templates.env.filters["fromjson"] = json.loads
FINDING_CODES = [
    "missing_document",
    "weight_mismatch",
    "hs_code_mismatch",
    "hs_code_invalid",
    "import_date_mismatch",
    "country_mismatch",
    "vin_mismatch",
    "vin_invalid",
    "bin_mismatch",
    "bin_invalid",
    "duplicate_document",
    "unreadable_document",
    "unsupported_file",
    "deadline_missed",
    "document_type_mismatch",
    "invoice_number_mismatch",
    "plate_mismatch",
    "certificate_expired",
    "irrelevant_document",
]


def _get_application(session: Session, application_id: str) -> ApplicationRow | None:
    return session.get(ApplicationRow, application_id) if is_application_id(application_id) else None


def _declared(code: str) -> str | None:
    """The type picked in the form; a tampered value that no select offers is dropped, not stored."""
    return code if code and len(code) <= 60 and "\x00" not in code else None


class Redirect(Exception):
    def __init__(self, url: str) -> None:
        self.url = url


def _rt(request: Request) -> Runtime:
    return request.app.state.runtime  # type: ignore[no-any-return]


def _token(request: Request) -> ApiToken | None:
    plain = request.cookies.get(COOKIE_NAME)
    if not plain:
        return None
    with _rt(request).sessions() as session:
        row = lookup_token(session, plain)
        if row is not None:
            session.expunge(row)
        return row


def _require(request: Request, *roles: Role) -> ApiToken:
    token = _token(request)
    if token is None:
        raise Redirect("/login?" + urlencode({"next": request.url.path}))
    if roles and token.role not in roles:
        raise HTTPException(403, "forbidden")
    return token


def _csrf(request: Request, token: ApiToken) -> str:
    return csrf_token(_rt(request).settings.secret_key.get_secret_value(), token.token_hash)


def _check_csrf(request: Request, token: ApiToken, sent: Any) -> None:
    if not isinstance(sent, str) or not hmac.compare_digest(sent, _csrf(request, token)):
        raise HTTPException(400, "csrf")


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    lang = pick_language(request)
    token = context.get("token")
    t = translator(lang)

    def dtype(code: str) -> str:
        """A declared type's label, whether the payer used a portal code or one of our labels."""
        for key in ("portal." + code, "doctype." + code):
            if t(key) != key:
                return t(key)
        return code

    ctx = {
        "dtype": dtype,
        "request": request,
        "lang": lang,
        "languages": LANGUAGES,
        "t": t,
        "csrf": _csrf(request, token) if isinstance(token, ApiToken) else "",
        "path": request.url.path,
        "query": dict(request.query_params),
        **context,
    }
    response = templates.TemplateResponse(request, name, ctx, status_code=status_code)
    if request.query_params.get("lang") in LANGUAGES:
        response.set_cookie("lang", lang, max_age=365 * 86400, samesite="lax")
    response.headers["Content-Security-Policy"] = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def mount_web(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(Redirect)
    async def _redirect(request: Request, exc: Redirect) -> Response:
        return RedirectResponse(exc.url, status_code=303)

    @app.get("/", include_in_schema=False)
    def home(request: Request) -> Response:
        token = _token(request)
        if token is None:
            return RedirectResponse("/login", status_code=303)
        return RedirectResponse("/upload" if token.role == Role.payer else "/queue", status_code=303)

    @app.get("/login", include_in_schema=False, response_class=HTMLResponse)
    def login_page(request: Request) -> Response:
        return render(request, "login.html", {"error": None, "next": request.query_params.get("next", "/")})

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Response:
        form = await request.form()
        plain = str(form.get("token", "")).strip()
        nxt = str(form.get("next", "/"))
        if not nxt.startswith("/") or nxt.startswith("//"):
            nxt = "/"
        with _rt(request).sessions() as session:
            ok = lookup_token(session, plain) is not None
        if not ok:
            return render(request, "login.html", {"error": "login.invalid", "next": nxt}, status_code=401)
        response = RedirectResponse(nxt, status_code=303)
        response.set_cookie(
            COOKIE_NAME,
            plain,
            httponly=True,
            samesite="lax",
            secure=_rt(request).settings.secure_cookies,
            max_age=12 * 3600,
        )
        return response

    @app.post("/logout", include_in_schema=False)
    def logout(request: Request) -> Response:
        response = RedirectResponse("/login", status_code=303)
        response.delete_cookie(COOKIE_NAME)
        return response

    @app.get("/upload", include_in_schema=False, response_class=HTMLResponse)
    def upload_page(request: Request) -> Response:
        token = _require(request, Role.payer, Role.admin)
        return render(request, "upload.html", _upload_context(request, token, {}, []))

    @app.post("/upload", include_in_schema=False)
    async def upload(request: Request) -> Response:
        token = _require(request, Role.payer, Role.admin)
        form = await request.form(max_files=request.app.state.settings.max_files_per_request + 1)
        _check_csrf(request, token, form.get("csrf"))
        t = translator(pick_language(request))
        values = {k: form.getlist(k) for k in form}
        errors: list[str] = []
        goods = []
        hs, weights, dates, countries, vins, invoices = (
            form.getlist(k)
            for k in ("hs_code", "weight_kg", "import_date", "country", "vins", "invoice_number")
        )
        for i, code in enumerate(hs):
            line = {
                "hs_code": str(code).strip(),
                "weight_kg": _at(weights, i),
                "import_date": _at(dates, i) or None,
                "country": _at(countries, i),
                "vins": [v.strip() for v in _at(vins, i).replace(";", ",").split(",") if v.strip()],
                "invoice_number": _at(invoices, i) or None,
            }
            if not any(
                [line["hs_code"], line["weight_kg"], line["import_date"], line["country"], line["vins"]]
            ):
                continue
            goods.append(line)
        if not goods:
            errors.append(t("err.no_goods"))
        limit = request.app.state.settings.max_goods_lines
        if len(goods) > limit:
            errors.append(f"{t('upload.goods')}: {len(goods)} > {limit}")
        uploads: list[Upload] = []
        types = form.getlist("file_type")
        for i, f in enumerate(form.getlist("files")):
            if isinstance(f, UploadFile) and f.filename:
                data = await f.read()
                uploads.append(Upload(f.filename, data, _declared(_at(types, i))))
        if not uploads:
            errors.append(t("err.no_files"))
        bin_ = token.bin if token.role == Role.payer else str(form.get("bin", "")).strip()
        payload = {
            "applicant": {
                "name": str(form.get("name", "")).strip(),
                "bin": bin_,
                "kind": form.get("kind", "importer"),
            },
            "goods": goods,
            "submitted_on": date.today().isoformat(),
        }
        application: Application | None = None
        if not errors:
            try:
                application = Application.model_validate(payload)
            except ValidationError as exc:
                errors.extend(_plain_errors(exc))
        if errors or application is None:
            return render(
                request, "upload.html", _upload_context(request, token, values, errors), status_code=422
            )
        lang = pick_language(request)
        rt = _rt(request)

        def store() -> tuple[str, int]:
            with rt.sessions() as session:
                row = create_application(
                    session, rt.store, application, uploads, actor=actor_name(token) + " (web)",
                    token_id=token.id, language=lang,
                )  # fmt: skip
                session.commit()
                return row.id, row.revision

        app_id, revision = await run_in_threadpool(store)
        await run_in_threadpool(request.app.state.enqueue, app_id, revision)
        return RedirectResponse(f"/applications/{app_id}", status_code=303)

    @app.get("/queue", include_in_schema=False, response_class=HTMLResponse)
    def queue_page(request: Request) -> Response:
        token = _require(request, Role.moderator, Role.admin)
        q = request.query_params
        try:
            flt = QueueFilter.build(
                verdicts=[v for v in q.getlist("verdict") if v],
                codes=[c for c in q.getlist("code") if c],
                severity=q.get("severity") or None,
                status=None,
                since=q.get("since") or None,
                until=q.get("until") or None,
                sort=q.get("sort", "oldest") if q.get("sort") in ("oldest", "newest") else "oldest",
                undecided_only=not q.get("decided"),
                limit=200,
                offset=0,
            )
        except ValueError:
            flt = QueueFilter()
        if flt.severity not in (None, "error", "warning", "info"):
            flt.severity = None
        with _rt(request).sessions() as session:
            page = list_queue(session, flt)
        return render(request, "queue.html", {"token": token, "page": page, "codes": FINDING_CODES})

    @app.get("/applications/{application_id}", include_in_schema=False, response_class=HTMLResponse)
    def application_page(request: Request, application_id: str) -> Response:
        token = _require(request)
        with _rt(request).sessions() as session:
            row = _get_application(session, application_id)
            if row is None or not can_see(token, row):
                return render(
                    request, "error.html", {"token": token, "message": "err.not_found"}, status_code=404
                )
            detail = application_out(row)
            report = json.loads(row.report_json) if row.report_json else None
            events = (
                list(
                    session.scalars(
                        select(AuditEvent)
                        .where(AuditEvent.application_id == row.id)
                        .order_by(AuditEvent.at, AuditEvent.id)
                    )
                )
                if token.role != Role.payer
                else []
            )
        return render(
            request,
            "application.html",
            {
                "token": token,
                "app": detail,
                "report": report,
                "events": events,
                "portal_codes": list(PORTAL_CODES),
                "error": request.query_params.get("error"),
            },
        )

    @app.post("/applications/{application_id}/decision", include_in_schema=False)
    async def decision(request: Request, application_id: str) -> Response:
        token = _require(request, Role.moderator, Role.admin)
        form = await request.form()
        _check_csrf(request, token, form.get("csrf"))
        action = str(form.get("action", ""))
        comment = str(form.get("comment", "")).replace("\x00", "").strip()
        url = f"/applications/{application_id}"
        if action not in DECISIONS:
            raise HTTPException(422, "action")
        if action != "approve" and not comment:
            return RedirectResponse(url + "?error=app.comment_required", status_code=303)
        with _rt(request).sessions() as session:
            row = _get_application(session, application_id)
            if row is None:
                raise HTTPException(404, NOT_FOUND)
            row.decision = DECISIONS[action]
            row.decision_comment = comment or None
            row.decided_at = utcnow()
            audit(
                session,
                row.id,
                "decision",
                actor_name(token) + " (web)",
                decision=row.decision,
                comment=comment or None,
            )
            session.commit()
        return RedirectResponse("/queue", status_code=303)

    @app.post("/applications/{application_id}/files", include_in_schema=False)
    async def more_files(request: Request, application_id: str) -> Response:
        token = _require(request, Role.payer, Role.admin)
        form = await request.form(max_files=request.app.state.settings.max_files_per_request + 1)
        _check_csrf(request, token, form.get("csrf"))
        types = form.getlist("file_type")
        uploads = []
        for i, f in enumerate(form.getlist("files")):
            if isinstance(f, UploadFile) and f.filename:
                uploads.append(Upload(f.filename, await f.read(), _declared(_at(types, i))))
        url = f"/applications/{application_id}"
        if not uploads:
            return RedirectResponse(url + "?error=err.no_files", status_code=303)
        rt = _rt(request)

        def store() -> int:
            with rt.sessions() as session:
                row = _get_application(session, application_id)
                if row is None or not can_see(token, row):
                    raise HTTPException(404, NOT_FOUND)
                add_files(session, rt.store, row, uploads, actor=actor_name(token) + " (web)")
                session.commit()
                return row.revision

        revision = await run_in_threadpool(store)
        await run_in_threadpool(request.app.state.enqueue, application_id, revision)
        return RedirectResponse(url, status_code=303)

    @app.exception_handler(HTTPException)
    async def _http_error(request: Request, exc: HTTPException) -> Response:
        if request.url.path.startswith("/v1/") or request.url.path == "/openapi.json":
            from fastapi.exception_handlers import http_exception_handler

            return await http_exception_handler(request, exc)
        key = {403: "err.forbidden", 404: "err.not_found"}.get(
            exc.status_code, "err.csrf" if exc.detail == "csrf" else "err.form"
        )
        return render(
            request, "error.html", {"token": _token(request), "message": key}, status_code=exc.status_code
        )


def _at(values: list[Any], i: int) -> str:
    return str(values[i]).strip() if i < len(values) and not isinstance(values[i], UploadFile) else ""


def _plain_errors(exc: ValidationError) -> list[str]:
    out = []
    for e in exc.errors(include_url=False, include_context=False, include_input=False):
        loc = ".".join(str(p) for p in e["loc"])
        out.append(f"{loc}: {e['msg']}")
    return out


def _upload_context(
    request: Request, token: ApiToken, values: dict[str, list[Any]], errors: list[str]
) -> dict[str, Any]:
    with _rt(request).sessions() as session:
        flt = QueueFilter(
            sort="newest", limit=20, undecided_only=False, bin=token.bin if token.role == Role.payer else None
        )
        recent = list_queue(session, flt)
    return {
        "token": token,
        "values": values,
        "errors": errors,
        "recent": recent,
        "portal_codes": list(PORTAL_CODES),
    }
