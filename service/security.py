"""API tokens: random secrets shown once, stored as SHA-256 hashes; roles payer (bound to a BIN), moderator, admin."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.db_models import ApiToken, utcnow

TOKEN_PREFIX = "dsk_"


class Role(StrEnum):
    payer = "payer"
    moderator = "moderator"
    admin = "admin"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def create_token(
    session: Session, role: Role, *, bin: str | None = None, label: str = ""
) -> tuple[ApiToken, str]:
    """Create and store a token; the plain secret is returned once and never stored."""
    if role is Role.payer and not bin:
        raise ValueError("a payer token must be bound to a BIN")
    if bin is not None and not (len(bin) == 12 and bin.isdigit()):
        raise ValueError("BIN must be 12 digits")
    plain = new_token()
    row = ApiToken(
        token_hash=hash_token(plain),
        prefix=plain[:10],
        role=role.value,
        bin=bin if role is Role.payer else None,
        label=label,
    )
    session.add(row)
    session.flush()
    return row, plain


def lookup_token(session: Session, plain: str) -> ApiToken | None:
    """The live token row for a presented secret, or None (unknown or revoked)."""
    if not plain or len(plain) > 200:
        return None
    digest = hash_token(plain)
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == digest))
    if row is None or row.revoked_at is not None or not hmac.compare_digest(row.token_hash, digest):
        return None
    return row


def revoke_token(session: Session, token_id: int) -> bool:
    row = session.get(ApiToken, token_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = utcnow()
    return True


def csrf_token(secret: str, token_hash: str) -> str:
    """A per-session form token for the cookie-authenticated web pages."""
    return hmac.new(secret.encode(), ("csrf:" + token_hash).encode(), hashlib.sha256).hexdigest()[:32]
