"""Typed facts read from documents, each with its provenance (page, box, confidence, raw text)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from classifiers.models import Document
from extractor.models import BBox


class FieldValue(BaseModel):
    value: str | float
    page: int
    bbox: BBox | None = None
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    raw: str = ""
    role: str | None = None
    verified: bool = Field(default=False, description="passed a checksum or a nomenclature look-up")
    source: str = Field(default="text", description="text (a text layer or cells), ocr (the page pass) or reread")


def read_short(weights: list[FieldValue]) -> str | None:
    """The weight role ("gross" or "net") read on fewer of a document's pages than the other, and on no page the
    other lacks: a two-sheet declaration's boxes 35 read on both sheets, its box 38 on one alone."""
    pages = {role: {w.page for w in weights if w.role == role} for role in ("gross", "net")}
    if pages["net"] < pages["gross"]:
        return "net"
    if pages["gross"] < pages["net"]:
        return "gross"
    return None


class DocumentFields(BaseModel):
    dates: list[FieldValue] = Field(default_factory=list)
    hs_codes: list[FieldValue] = Field(default_factory=list)
    vins: list[FieldValue] = Field(default_factory=list)
    gross_weight_kg: FieldValue | None = None
    net_weight_kg: FieldValue | None = None
    weights: list[FieldValue] = Field(default_factory=list, description="every weight read, role gross/net")
    countries: list[FieldValue] = Field(default_factory=list)
    bins: list[FieldValue] = Field(default_factory=list)
    invoice_numbers: list[FieldValue] = Field(default_factory=list)
    plates: list[FieldValue] = Field(default_factory=list)
    registration_numbers: list[FieldValue] = Field(default_factory=list)
    pass_numbers: list[FieldValue] = Field(default_factory=list, description="the control pass's number")
    checkpoints: list[FieldValue] = Field(
        default_factory=list, description="the control pass's checkpoint, its Russian name when a known one")
    crossing_times: list[FieldValue] = Field(default_factory=list, description="the control pass's time, HH:MM")
    makes: list[FieldValue] = Field(default_factory=list, description="vehicle makes, as printed")
    models: list[FieldValue] = Field(default_factory=list, description="vehicle models, as printed")
    years: list[FieldValue] = Field(default_factory=list, description="vehicles' years of manufacture")
    serial_numbers: list[FieldValue] = Field(
        default_factory=list, description="machines' serial numbers (заводской номер), where they stand for a VIN")


def sheets_unweighed(fields: DocumentFields) -> bool:
    """A declaration's sheet whose goods code was read but neither weight: each goods sheet prints its code (box 33)
    and both weights (35, 38), so the weights read there add up to part of the goods, no total (a second sheet too
    faint for its boxes 35 and 38: 3600 of 6200 kg). Only a code of the nomenclature marks a goods sheet."""
    weighed = {w.page for w in fields.weights if w.role in ("gross", "net")}
    return bool(weighed) and any(c.verified and c.page not in weighed for c in fields.hs_codes)


class ReadDocument(Document):
    """A classified document with the facts read from it."""

    fields: DocumentFields = Field(default_factory=DocumentFields)
    unit: str = "pt"
    mean_confidence: float = 1.0
    image_hashes: list[str] = Field(default_factory=list)
