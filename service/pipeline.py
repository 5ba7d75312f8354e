"""The whole check of one filing: extract every file, split and type documents, read fields, run the rules.

The one place the stages are chained; the CLI, the HTTP API, the background tasks and the batch re-check call it.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from checks.engine import run_checks
from checks.evidence import FileEvidence
from checks.models import Application, Report
from classifiers.bundles import split_documents
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
    app = Application.from_json((folder / "application.json").read_bytes())
    files_dir = folder / "files"
    files = [InputFile(name=p.name, data=p.read_bytes()) for p in sorted(files_dir.iterdir()) if p.is_file()]
    return app, files


def page_geometry(sha256: str, page: int) -> tuple[list[float] | None, int | None]:
    """The clean-up transform and processing dpi of an OCR'd page, from the extraction cache, if it is there."""
    ex = shared_extractor()
    cached = ex.cache.get(sha256) if ex.cache else None
    if cached is None:
        return None, None
    p = next((p for p in cached.pages if p.number == page), None)
    return (p.transform, p.dpi) if p else (None, None)


def render_cells_png(
    data: bytes, page: int, *, box: tuple[float, float, float, float] | None = None, dpi: int = 100, crop: bool = False
) -> bytes:
    """The evidence image of a spreadsheet's or Word document's page: its cells re-read from the bytes (cheap, and
    cached by content) and drawn as a table around the framed cell; a scan pasted into a Word document is shown
    as the scan, its box mapped as on any OCR'd page."""
    from extractor.wordprocessing import scan_part
    from service.cell_render import render_cell_page_png

    result = shared_extractor().extract("evidence", data)
    p = next((p for p in result.pages if p.number == page), None)
    if p is not None and p.unit == "px":
        return render_page_png(data, page, dpi=dpi, box=box, box_unit="px", transform=p.transform,
                               source_dpi=p.dpi or 300, crop=crop, part=scan_part(data, page))
    if p is None or p.unit != "cell":
        raise IndexError(f"no page {page} of cells")
    return render_cell_page_png(p, box=box, dpi=dpi, crop=crop)


def render_page_png(
    data: bytes,
    page: int,
    *,
    dpi: int = 100,
    box: tuple[float, float, float, float] | None = None,
    box_unit: str = "pt",
    transform: list[float] | None = None,
    source_dpi: int = 300,
    crop: bool = False,
    part: str | None = None,
) -> bytes:
    """A page image with the evidence box drawn around (not over) the value; `part` names the package member that
    holds the page's picture (a scan pasted into a Word document).

    Boxes on OCR'd pages are in the cleaned page's pixels; the page transform maps them back onto the upload.
    With `crop`, only the band of the page around the box is returned (thumbnails).
    """
    import cv2
    import numpy as np
    from PIL import Image, ImageDraw

    from extractor.raster import load_image_frame, render_pdf_page
    from extractor.sniff import sniff
    from extractor.wordprocessing import package_member

    if part is None and sniff(data).value == "pdf":
        rgb = render_pdf_page(data, page - 1, dpi if box_unit == "pt" else source_dpi, 60_000_000)
        native = dpi if box_unit == "pt" else source_dpi
    else:
        picture, frame = (package_member(data, part), 0) if part is not None else (data, page - 1)
        rgb, claimed = load_image_frame(picture, frame, 120_000_000)
        native = claimed or source_dpi
        if transform:
            m = np.array(transform, dtype=np.float64).reshape(3, 3)
            scale = abs(float(np.linalg.det(m[:2, :2]))) ** 0.5
            native = int(round(source_dpi / scale)) if scale > 0 else native
    img = Image.fromarray(rgb)
    shown = dpi / float(native) if native else 1.0
    corners = None
    if box is not None:
        x0, y0, x1, y1 = box
        pts: np.ndarray = np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1]], dtype=np.float64)
        if box_unit == "pt":
            pts = pts * (native / 72.0)
        elif transform:
            inv = np.linalg.inv(np.array(transform, dtype=np.float64).reshape(3, 3))
            pts = np.asarray(cv2.perspectiveTransform(pts.reshape(-1, 1, 2), inv), dtype=np.float64).reshape(-1, 2)
        center = pts.mean(axis=0)
        pad = 6.0 + 0.004 * max(img.width, img.height)
        corners = [tuple(c + pad * (c - center) / max(1e-6, float(np.linalg.norm(c - center)))) for c in pts]
        ImageDraw.Draw(img).polygon(corners, outline=(220, 30, 30), width=max(3, img.width // 400))
    if shown < 1:
        img = img.resize((max(1, int(img.width * shown)), max(1, int(img.height * shown))))
        if corners:
            corners = [(x * shown, y * shown) for x, y in corners]
    if crop and corners:
        xs, ys = [c[0] for c in corners], [c[1] for c in corners]
        h = max(ys) - min(ys)
        top, bottom = max(0, int(min(ys) - 2 * h - 20)), min(img.height, int(max(ys) + 2 * h + 20))
        left, right = max(0, int(min(xs) - 4 * h - 40)), min(img.width, int(max(xs) + 4 * h + 40))
        if bottom - top > 8 and right - left > 8:
            img = img.crop((left, top, right, bottom))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()
