"""The whole check of one filing: extract every file, split and type documents, read fields, run the rules.

The one place the stages are chained; the CLI, the HTTP API, the background tasks and the batch re-check call it.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from pathlib import Path

from checks.engine import run_checks
from classifiers.bundles import split_documents
from pydantic import BaseModel, ConfigDict

from checks.evidence import FileEvidence
from checks.models import Application, Report
from classifiers.labels import parse_declared_type
from extractor.field_models import ReadDocument
from extractor.ids import hs_code as hs_id
from extractor.models import ExtractedFile
from extractor.pipeline import Extractor
from extractor.readers.fields import read_fields
from extractor.settings import ExtractSettings


class InputFile(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    data: bytes


_lock = threading.Lock()
_extractor: Extractor | None = None


def shared_extractor(settings: ExtractSettings | None = None) -> Extractor:
    """One extractor (pool and cache) per process."""
    global _extractor
    with _lock:
        if _extractor is None:
            _extractor = Extractor(settings)
        return _extractor


def nomenclature() -> hs_id.Nomenclature | None:
    ref = hs_id.default_reference_dir()
    return hs_id.load_nomenclature(ref) if ref is not None else None


def read_documents(extracted: ExtractedFile, declared: str | None, nom: hs_id.Nomenclature | None) -> list[ReadDocument]:
    if not extracted.ok or not extracted.pages:
        return []
    docs = split_documents(extracted, parse_declared_type(declared))
    by_number = {p.number: p for p in extracted.pages}
    out: list[ReadDocument] = []
    for d in docs:
        pages = [by_number[n] for n in d.pages if n in by_number]
        fields = read_fields(d.doc_type, pages, nom)
        confs = [p.mean_confidence for p in pages]
        out.append(
            ReadDocument(
                **d.model_dump(),
                fields=fields,
                unit=pages[0].unit if pages else "pt",
                mean_confidence=min(confs) if confs else 0.0,
                image_hashes=[p.image_hash for p in pages if p.image_hash],
            )
        )
    return out


def check_extracted(
    application: Application,
    extracted: Sequence[ExtractedFile],
    *,
    lang: str = "ru",
    nom: hs_id.Nomenclature | None = None,
) -> Report:
    documents: list[ReadDocument] = []
    evidence = []
    for ef in extracted:
        decl = application.files.get(ef.name)
        declared = decl.declared_type if decl else None
        documents.extend(read_documents(ef, declared, nom))
        evidence.append(FileEvidence.from_extracted(ef, declared))
    return run_checks(application, documents, evidence, nomenclature=nom, lang=lang)


def check_filing(
    application: Application,
    files: Sequence[InputFile],
    *,
    lang: str = "ru",
    extractor: Extractor | None = None,
) -> Report:
    ex = extractor or shared_extractor()
    extracted = ex.extract_many([(f.name, f.data) for f in files])
    return check_extracted(application, extracted, lang=lang, nom=nomenclature())


def load_filing_dir(folder: Path) -> tuple[Application, list[InputFile]]:
    """A filing in the archive layout: application.json beside a files/ folder."""
    app = Application.model_validate_json((folder / "application.json").read_bytes())
    files_dir = folder / "files"
    files = [InputFile(name=p.name, data=p.read_bytes()) for p in sorted(files_dir.iterdir()) if p.is_file()]
    return app, files


def render_page_png(
    data: bytes,
    page: int,
    *,
    dpi: int = 100,
    box: tuple[float, float, float, float] | None = None,
    box_unit: str = "pt",
    transform: list[float] | None = None,
    source_dpi: int = 300,
) -> bytes:
    """A page image with the evidence box drawn; boxes on OCR'd pages are mapped back through the page transform."""
    import cv2
    import numpy as np
    from PIL import Image, ImageDraw

    from extractor.raster import load_image_frame, render_pdf_page
    from extractor.sniff import sniff

    kind = sniff(data)
    if kind.value == "pdf":
        rgb = render_pdf_page(data, page - 1, dpi if box_unit == "pt" else source_dpi, 60_000_000)
    else:
        rgb, _ = load_image_frame(data, page - 1, 120_000_000)
    img = Image.fromarray(rgb)
    scale = 1.0
    if box is not None:
        if box_unit == "pt":
            scale = dpi / 72.0
            pts = [(box[0] * scale, box[1] * scale), (box[2] * scale, box[3] * scale)]
            draw = ImageDraw.Draw(img)
            draw.rectangle([pts[0], pts[1]], outline=(220, 30, 30), width=4)
        else:
            corners = np.array([[box[0], box[1]], [box[2], box[1]], [box[2], box[3]], [box[0], box[3]]], dtype=np.float64)
            if transform:
                m = np.linalg.inv(np.array(transform, dtype=np.float64).reshape(3, 3))
                corners = cv2.perspectiveTransform(corners.reshape(-1, 1, 2), m).reshape(-1, 2)
            draw = ImageDraw.Draw(img)
            draw.polygon([tuple(p) for p in corners], outline=(220, 30, 30), width=6)
    if box_unit != "pt" and kind.value == "pdf" or kind.value != "pdf":
        f = dpi / float(source_dpi)
        if f < 1:
            img = img.resize((max(1, int(img.width * f)), max(1, int(img.height * f))))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()
