"""The application a payer files, the findings the rules produce, and the report (../shared/CONTRACT.md)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from extractor.encoding import decode_text
from extractor.field_models import DocumentFields
from extractor.ids import country as country_id
from extractor.ids import dates as dates_id
from extractor.ids import homoglyphs
from extractor.ids import hs_code as hs_id
from extractor.ids import vin as vin_id
from extractor.ids import weight as weight_id


def _lenient_date(v: Any) -> Any:
    """`15.03.2024` or `15 марта 2024` typed by a payer, read as the documents' dates are (day first); ISO passes."""
    if isinstance(v, str) and v.strip() and not v.strip()[:4].isdigit():
        return dates_id.parse_date(v)
    return v


class Category(StrEnum):
    general = "general"
    vehicle = "vehicle"
    packaging = "packaging"


class Applicant(BaseModel):
    name: str = Field(default="", max_length=500)
    bin: str = Field(default="", max_length=32)
    kind: Literal["importer", "producer"] = "importer"
    business_size: Literal["small", "medium", "large"] | None = None


class GoodsLine(BaseModel):
    hs_code: str = Field(max_length=40)
    weight_kg: float = Field(ge=0, le=1e9)
    import_date: date | None = None
    country: str = Field(default="", max_length=100, description="ISO alpha-2 or a name in ru/kk/en")
    vins: list[str] = Field(default_factory=list, max_length=10000)
    invoice_number: str | None = Field(default=None, max_length=100)
    category: Category | None = None

    @field_validator("weight_kg", mode="before")
    @classmethod
    def _weight(cls, v: Any) -> Any:
        # a portal or spreadsheet export writes `"11 980,5"` or `"11980.5 kg"`: read it as the documents are read
        return weight_id.parse_weight(v) if isinstance(v, str) and v.strip() else v

    @field_validator("import_date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> Any:
        return _lenient_date(v)

    @field_validator("hs_code")
    @classmethod
    def _hs(cls, v: str) -> str:
        return hs_id.compact(v)

    @field_validator("vins")
    @classmethod
    def _vins(cls, v: list[str]) -> list[str]:
        # a payer typing on a Cyrillic layout enters А, В, Е... that look Latin: read them as meant
        return [vin_id.compact(homoglyphs.to_latin(x)) for x in v]

    @property
    def country_code(self) -> str | None:
        return country_id.to_alpha2(self.country)


class FileDeclaration(BaseModel):
    declared_type: str | None = Field(default=None, max_length=60)


class Application(BaseModel):
    model_config = ConfigDict(extra="ignore")

    applicant: Applicant
    goods: list[GoodsLine] = Field(min_length=1, max_length=10000)
    files: dict[str, FileDeclaration] = Field(default_factory=dict)
    submitted_on: date | None = None

    @field_validator("submitted_on", mode="before")
    @classmethod
    def _date(cls, v: Any) -> Any:
        return _lenient_date(v)

    @classmethod
    def from_json(cls, data: str | bytes) -> Application:
        """The application from JSON as Windows tools save it too: UTF-8 with a BOM (Notepad), UTF-16 with one
        (PowerShell's `Out-File`), or cp1251 where the bytes are not UTF-8."""
        text = decode_text(data) if isinstance(data, bytes) else data
        return cls.model_validate_json(text.removeprefix("\ufeff"))


class Severity(StrEnum):
    error = "error"
    warning = "warning"
    info = "info"


class Finding(BaseModel):
    code: str
    severity: Severity
    message: str
    rule: str = ""
    goods_line: int | None = None
    document: str | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    declared: str | None = None
    found: str | None = None
    doc_type: str | None = None
    other_document: str | None = None
    messages: dict[str, str] = Field(default_factory=dict, description="the message in every language, by code")


class DocumentReport(BaseModel):
    file: str
    pages: list[int]
    doc_type: str
    confidence: float
    declared_type: str | None = None
    reason: str = ""
    kind: str | None = Field(default=None, description="what an `other` document is, when its title says")
    unit: str = "pt"
    fields: DocumentFields = Field(default_factory=DocumentFields)


class Verdict(StrEnum):
    passed = "pass"
    needs_fix = "needs_fix"
    review = "review"


class Report(BaseModel):
    verdict: Verdict
    documents: list[DocumentReport] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
    nomenclature: str | None = Field(default=None, description="TN VED edition checked against, or None")
    language: str = "ru"
    bbox_units: str = "pt for text-layer pages, px at the processing dpi for scans, cells for spreadsheets"
