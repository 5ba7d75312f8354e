"""Response and request bodies of the /v1 API (the Report itself is checks.models.Report)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from checks.models import Finding, Report


class StoredFile(BaseModel):
    sha256: str
    name: str
    declared_type: str | None
    kind: str = Field(
        description="type sniffed from the bytes: pdf, jpeg, png, tiff, webp, heic, xlsx, xls, docx, csv, unsupported"
    )
    size: int


class SubmissionOut(BaseModel):
    id: str
    status: Literal["received", "processing", "done", "failed"]
    revision: int
    url: str


class EvidencedFinding(Finding):
    file_sha256: str | None = None
    evidence_url: str | None = Field(default=None, description="page image with the finding's box drawn")


class ApplicationOut(BaseModel):
    id: str
    status: str
    verdict: str | None
    bin: str
    applicant_name: str
    revision: int
    created_at: datetime
    updated_at: datetime
    processed_at: datetime | None
    decision: str | None
    decision_comment: str | None
    error: str | None
    application: dict[str, Any]
    files: list[StoredFile]
    findings: list[EvidencedFinding] = Field(default_factory=list)


class QueueItem(BaseModel):
    id: str
    applicant_name: str
    bin: str
    status: str
    verdict: str | None
    decision: str | None
    created_at: datetime
    age_hours: float
    errors: int
    warnings: int
    codes: list[str]


class QueuePage(BaseModel):
    total: int
    items: list[QueueItem]


NO_NUL = r"^[^\x00]*$"  # PostgreSQL text cannot hold NUL


class DecisionIn(BaseModel):
    action: Literal["approve", "reject", "request_changes"]
    comment: str = Field(default="", max_length=5000, pattern=NO_NUL)


class AuditOut(BaseModel):
    at: datetime
    action: str
    actor: str
    detail: dict[str, Any]


class TokenIn(BaseModel):
    role: Literal["payer", "moderator", "admin"]
    bin: str | None = Field(default=None, pattern=r"^\d{12}$")
    label: str = Field(default="", max_length=200, pattern=NO_NUL)


class TokenOut(BaseModel):
    id: int
    role: str
    bin: str | None
    label: str
    prefix: str
    created_at: datetime
    revoked: bool


class TokenCreated(TokenOut):
    token: str = Field(description="the secret; shown once, only its SHA-256 is stored")


__all__ = ["Report"]
