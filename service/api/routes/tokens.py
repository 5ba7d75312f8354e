"""Admin: API tokens. The secret is returned once at creation; only its SHA-256 is stored."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, status
from sqlalchemy import select

from service.api.deps import AdminUser, SessionDep
from service.api.schemas import TokenCreated, TokenIn, TokenOut
from service.db_models import ApiToken
from service.security import Role, create_token, revoke_token

router = APIRouter(tags=["tokens"])


def token_out(row: ApiToken) -> TokenOut:
    return TokenOut(
        id=row.id,
        role=row.role,
        bin=row.bin,
        label=row.label,
        prefix=row.prefix,
        created_at=row.created_at,
        revoked=row.revoked_at is not None,
    )


@router.get("/tokens", response_model=list[TokenOut])
def list_tokens(session: SessionDep, _: AdminUser) -> list[TokenOut]:
    return [token_out(t) for t in session.scalars(select(ApiToken).order_by(ApiToken.id))]


@router.post("/tokens", response_model=TokenCreated, status_code=status.HTTP_201_CREATED)
def new_token(body: TokenIn, session: SessionDep, _: AdminUser) -> TokenCreated:
    try:
        row, plain = create_token(session, Role(body.role), bin=body.bin, label=body.label)
    except ValueError as exc:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from None
    session.commit()
    return TokenCreated(**token_out(row).model_dump(), token=plain)


@router.delete("/tokens/{token_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_token(
    token_id: Annotated[int, Path(ge=1, le=2**31 - 1)], session: SessionDep, _: AdminUser
) -> None:
    if not revoke_token(session, token_id):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "Token not found or already revoked")
    session.commit()
