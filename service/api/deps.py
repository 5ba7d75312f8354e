"""Shared FastAPI dependencies as Annotated aliases: the DB session, the caller's token and role guards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from service.db_models import ApiToken, ApplicationRow
from service.runtime import Runtime
from service.security import Role, lookup_token
from service.settings import Settings

COOKIE_NAME = "docscreen_token"
_bearer = HTTPBearer(
    auto_error=False, description="API token (dsk_...) created with `docscreen tokens create`"
)


def get_runtime(request: Request) -> Runtime:
    return request.app.state.runtime  # type: ignore[no-any-return]


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def get_settings_dep(rt: RuntimeDep) -> Settings:
    return rt.settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def get_session(rt: RuntimeDep) -> Iterator[Session]:
    with rt.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def presented_token(request: Request, creds: HTTPAuthorizationCredentials | None) -> str | None:
    if creds is not None and creds.scheme.lower() == "bearer":
        return creds.credentials
    return request.cookies.get(COOKIE_NAME)


def get_optional_token(
    request: Request,
    session: SessionDep,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> ApiToken | None:
    plain = presented_token(request, creds)
    if plain is None:
        return None
    row = lookup_token(session, plain)
    if row is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "Invalid or revoked token", headers={"WWW-Authenticate": "Bearer"}
        )
    return row


OptionalToken = Annotated[ApiToken | None, Depends(get_optional_token)]


def get_current_token(token: OptionalToken) -> ApiToken:
    if token is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "Not authenticated", headers={"WWW-Authenticate": "Bearer"}
        )
    return token


CurrentToken = Annotated[ApiToken, Depends(get_current_token)]


def get_moderator(token: CurrentToken) -> ApiToken:
    if token.role not in (Role.moderator, Role.admin):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Moderator role required")
    return token


ModeratorUser = Annotated[ApiToken, Depends(get_moderator)]


def get_admin(token: CurrentToken) -> ApiToken:
    if token.role != Role.admin:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "Admin role required")
    return token


AdminUser = Annotated[ApiToken, Depends(get_admin)]

NOT_FOUND = "Application not found"
_APP_ID = re.compile(r"^[0-9a-f]{32}$")


def is_application_id(text: str) -> bool:
    """Application ids are uuid4 hex; anything else is not looked up (and never reaches the database)."""
    return bool(_APP_ID.match(text))


def can_see(token: ApiToken, row: ApplicationRow) -> bool:
    """Payers see their own BIN's applications only; moderators and admins see all."""
    if token.role in (Role.moderator, Role.admin):
        return True
    return token.role == Role.payer and token.bin is not None and token.bin == row.bin


def visible_application(session: Session, token: ApiToken, application_id: str) -> ApplicationRow:
    """The application if the caller may see it; another BIN's application is indistinguishable from none (404)."""
    row = session.get(ApplicationRow, application_id) if is_application_id(application_id) else None
    if row is None or not can_see(token, row):
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    return row


def actor_name(token: ApiToken | None) -> str:
    if token is None:
        return "anonymous"
    return f"{token.role}:{token.id}" + (f" ({token.label})" if token.label else "")


LANGS = ("ru", "kk", "en")


def pick_language(request: Request, explicit: str | None = None) -> str:
    """?lang= first, then a `lang` cookie, then Accept-Language, then Russian."""
    for cand in (explicit, request.query_params.get("lang"), request.cookies.get("lang")):
        if cand and cand[:2].lower() in LANGS:
            return cand[:2].lower()
    header = request.headers.get("accept-language", "")
    weighted = []
    for i, part in enumerate(header.split(",")):
        bits = part.strip().split(";q=")
        code = bits[0].strip()[:2].lower()
        try:
            q = float(bits[1]) if len(bits) > 1 else 1.0
        except ValueError:
            q = 0.0
        if code == "kz":
            code = "kk"
        if code in LANGS:
            weighted.append((-q, i, code))
    return sorted(weighted)[0][2] if weighted else "ru"


def get_language(request: Request) -> str:
    return pick_language(request)


LanguageDep = Annotated[str, Depends(get_language)]
