"""Classified pages and the documents they are grouped into."""

from __future__ import annotations

from pydantic import BaseModel, Field

from classifiers.labels import DocType

KIND_DOC = "What an `other` document is, when its title says (`power_of_attorney`); None otherwise."


class PageLabel(BaseModel):
    page: int
    doc_type: DocType
    confidence: float = Field(ge=0.0, le=1.0)
    reason: str = ""
    starts_document: bool = True
    kind: str | None = Field(default=None, description=KIND_DOC)


class Document(BaseModel):
    """A run of pages of one file that together form one document."""

    file: str
    pages: list[int]
    doc_type: DocType
    confidence: float = Field(ge=0.0, le=1.0)
    reason: str = ""
    kind: str | None = Field(default=None, description=KIND_DOC)
