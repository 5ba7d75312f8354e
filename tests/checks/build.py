"""Small hand-built inputs for the rules: goods lines, documents with readings, file evidence."""

from __future__ import annotations

from datetime import date
from typing import Any

from checks.context import CheckContext
from checks.evidence import FileEvidence, PageEvidence
from checks.models import Applicant, Application, FileDeclaration, Finding, GoodsLine
from checks.rules.base import Rule
from classifiers.labels import DocType
from extractor.field_models import DocumentFields, FieldValue, ReadDocument
from extractor.ids.hs_code import Nomenclature

APPLICANT_BIN = "180240012342"  # a BIN with a good check digit (asserted in test_bin)
VIN_CN = "LSGKB54H8JA123456"
VIN_CN2 = "LSGKB54H8JA654321"


def fv(value: str | float, role: str | None = None, *, page: int = 1, conf: float = 0.95, verified: bool = True) -> FieldValue:
    return FieldValue(value=value, page=page, bbox=(10.0, 20.0, 110.0, 40.0), confidence=conf, role=role, verified=verified)


def doc(file: str, doc_type: DocType | str, *, conf: float = 0.95, pages: list[int] | None = None, **fields: Any) -> ReadDocument:
    return ReadDocument(
        file=file, pages=pages or [1], doc_type=DocType(doc_type), confidence=conf, fields=DocumentFields(**fields)
    )


def line(**kw: Any) -> GoodsLine:
    base: dict[str, Any] = {
        "hs_code": "4011100003",
        "weight_kg": 11980.0,
        "import_date": date(2024, 3, 15),
        "country": "RU",
        "invoice_number": "INV-2024/0312",
    }
    base.update(kw)
    return GoodsLine(**base)


def app(*lines: GoodsLine, kind: str = "importer", files: dict[str, str] | None = None,
        submitted_on: date | None = date(2024, 4, 10), size: str | None = "small", bin: str = APPLICANT_BIN) -> Application:
    return Application(
        applicant=Applicant(name="ТОО «Алатау Импорт»", bin=bin, kind=kind, business_size=size),  # type: ignore[arg-type]
        goods=list(lines) or [line()],
        files={name: FileDeclaration(declared_type=t) for name, t in (files or {}).items()},
        submitted_on=submitted_on,
    )


def evidence(name: str, *, declared: str | None = None, sha: str | None = None, pages: int = 1,
             source: str = "ocr", conf: float = 0.9, words: int = 120, hashes: list[str] | None = None,
             error: str | None = None, sure: int = 0) -> FileEvidence:
    return FileEvidence(
        name=name,
        sha256=sha if sha is not None else f"sha-{name}",
        declared_type=declared,
        error_code=error,
        error_message="failed" if error else None,
        page_count=0 if error else pages,
        pages=[] if error else [
            PageEvidence(number=n, source=source, mean_confidence=conf, word_count=words, sure_words=sure,
                         image_hash=(hashes[n - 1] if hashes else None))
            for n in range(1, pages + 1)
        ],
    )


def nomenclature(*codes: str) -> Nomenclature:
    return Nomenclature(edition="test-2024", names={c: "name" for c in codes})


def ctx(application: Application, documents: list[ReadDocument] | None = None,
        files: list[FileEvidence] | None = None, **kw: Any) -> CheckContext:
    return CheckContext(app=application, documents=documents or [], files=files or [], **kw)


def run(rule: Rule, application: Application, documents: list[ReadDocument] | None = None,
        files: list[FileEvidence] | None = None, **kw: Any) -> list[Finding]:
    return rule.run(ctx(application, documents, files, **kw))


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


# -- two clean filings -------------------------------------------------------------------

GENERAL_FILES = {
    "invoice.pdf": "invoiceimp",
    "packing.xlsx": "packlist",
    "cmr.jpg": "intgoods",
    "pass.jpg": "talgovcontrol",
    "importapp.pdf": "importapp",
    "form.pdf": "application",
}


def clean_general_eaeu() -> tuple[Application, list[ReadDocument], list[FileEvidence]]:
    """Tyres from Russia: invoice, packing list, CMR, control pass, import application, signed form."""
    a = app(line(), files=GENERAL_FILES)
    docs = [
        doc("invoice.pdf", "invoice", invoice_numbers=[fv("INV-2024/0312")], hs_codes=[fv("40111000")],
            bins=[fv(APPLICANT_BIN, "consignee")], dates=[fv("2024-03-11", "invoice_date")]),
        doc("packing.xlsx", "packing_list", net_weight_kg=fv(11980.0, "net"), gross_weight_kg=fv(12450.5, "gross"),
            invoice_numbers=[fv("INV-2024/0312")]),
        doc("cmr.jpg", "cmr", gross_weight_kg=fv(12450.5, "gross"), countries=[fv("RU", "sender")],
            plates=[fv("A123BC77")], dates=[fv("2024-03-12", "cmr_date")], bins=[fv(APPLICANT_BIN, "consignee")]),
        doc("pass.jpg", "control_pass", dates=[fv("2024-03-15", "crossing_date")], plates=[fv("A123BC77")],
            countries=[fv("RU", "dispatch")]),
        doc("importapp.pdf", "import_application"),
        doc("form.pdf", "other"),
    ]
    files = [evidence(n, declared=t, source="spreadsheet" if n.endswith("xlsx") else "ocr")
             for n, t in GENERAL_FILES.items()]
    return a, docs, files


VEHICLE_FILES = {
    "dt.pdf": "customdec",
    "pass.jpg": "talgovcontrol",
    "otts.pdf": "accepttypecar",
    "cmr.pdf": "intgoods",
    "invoice.pdf": "invoiceimp",
    "form.pdf": "application",
}


def clean_vehicle_non_eaeu() -> tuple[Application, list[ReadDocument], list[FileEvidence]]:
    """A car from China: declaration, control pass, type approval, CMR and invoice with the VIN."""
    a = app(
        line(hs_code="8703239087", weight_kg=1450.0, country="Китай", vins=[VIN_CN], invoice_number="CN-778"),
        files=VEHICLE_FILES,
        size=None,
        submitted_on=date(2024, 6, 30),
    )
    docs = [
        doc("dt.pdf", "customs_declaration", hs_codes=[fv("8703239087")], vins=[fv(VIN_CN)],
            net_weight_kg=fv(1450.0, "net"), gross_weight_kg=fv(1500.0, "gross"),
            dates=[fv("2024-03-15", "release_date"), fv("2024-03-14", "registration_date")],
            countries=[fv("CN", "origin"), fv("CN", "dispatch")], bins=[fv(APPLICANT_BIN, "consignee")]),
        doc("pass.jpg", "control_pass", dates=[fv("2024-03-13", "crossing_date")], plates=[fv("KZ 123 ABC 02")]),
        doc("otts.pdf", "conformity_certificate", dates=[fv("2026-01-01", "valid_until"), fv("2023-01-01", "issue_date")]),
        doc("cmr.pdf", "cmr", vins=[fv(VIN_CN)], gross_weight_kg=fv(1500.0, "gross"), countries=[fv("CN", "sender")],
            plates=[fv("KZ123ABC02")], dates=[fv("2024-03-01", "cmr_date")]),
        doc("invoice.pdf", "invoice", vins=[fv(VIN_CN)], invoice_numbers=[fv("CN-778")]),
        doc("form.pdf", "other"),
    ]
    files = [evidence(n, declared=t, source="text_layer") for n, t in VEHICLE_FILES.items()]
    return a, docs, files
