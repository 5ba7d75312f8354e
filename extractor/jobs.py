"""Work run inside pool workers: planning a file's pages and OCR'ing one page. Module-level for pickling."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium

from extractor.cleanup import CleanupOptions
from extractor.codeline import code_line_reader
from extractor.errors import (
    CorruptFileError,
    EmptyFileError,
    ExtractError,
    TooManyPagesError,
    TooManyPixelsError,
)
from extractor.models import FileKind, Page, PageSource
from extractor.ocr import NullEngine, OcrEngine, TesseractEngine
from extractor.pages import ocr_page
from extractor.raster import image_frame_count, load_image_frame, render_pdf_page
from extractor.settings import ExtractSettings
from extractor.spreadsheet import read_csv, read_xls, read_xlsx
from extractor.textlayer import is_real_text, is_scanners_layer, open_pdf, read_words, to_words
from extractor.wordprocessing import package_member, read_docx


@dataclass
class OcrTask:
    """A page that has no usable text and must be rasterised and read."""

    index: int  # 0-based page or frame
    part: str | None = None
    """The package member holding the page's picture (a scan pasted into a Word document), else the file itself."""


def engine_by_name(name: str) -> OcrEngine:
    return NullEngine() if name == "null" else TesseractEngine()


def plan_file(path: str, kind: FileKind, settings: ExtractSettings) -> list[Page | OcrTask]:
    data = Path(path).read_bytes()
    if kind is FileKind.pdf:
        return _plan_pdf(data, settings)
    if kind is FileKind.xlsx:
        return list(read_xlsx(data, settings.max_pages))
    if kind is FileKind.xls:
        return list(read_xls(data, settings.max_pages))
    if kind is FileKind.csv:
        return list(read_csv(data))
    if kind is FileKind.docx:
        text, scans = read_docx(data, settings.max_image_pixels)
        if not text and not scans:
            raise EmptyFileError("the Word document holds no text and no pasted scan")
        if len(text) + len(scans) > settings.max_pages:
            raise TooManyPagesError(f"the Word document holds {len(scans)} scans; the limit is {settings.max_pages}")
        return [*text, *(OcrTask(len(text) + k, part) for k, part in enumerate(scans))]
    frames = image_frame_count(data, settings.max_image_pixels)
    if frames > settings.max_pages:
        raise TooManyPagesError(f"the image has {frames} frames; the limit is {settings.max_pages}")
    return [OcrTask(i) for i in range(frames)]


def _plan_pdf(data: bytes, settings: ExtractSettings) -> list[Page | OcrTask]:
    out: list[Page | OcrTask] = []
    doc = open_pdf(data)
    try:
        count = len(doc)
        if count == 0:
            raise CorruptFileError("the PDF has no pages")
        if count > settings.max_pages:
            raise TooManyPagesError(f"the PDF has {count} pages; the limit is {settings.max_pages}")
        for i in range(count):
            try:
                page = doc[i]
            except pdfium.PdfiumError as e:
                raise CorruptFileError(f"page {i + 1} of the PDF cannot be read: {e}") from e
            try:
                w, h = page.get_size()
                if max(w, h) / 72.0 > settings.max_page_inches:
                    raise TooManyPixelsError(f"page {i + 1} is {w / 72:.0f} x {h / 72:.0f} inches")
                try:
                    # a scan's invisible OCR layer is read again by our own OCR, with its confidences
                    raw = [] if is_scanners_layer(page) else read_words(page)
                except pdfium.PdfiumError:  # a page without a readable text layer is read as an image instead
                    raw = []
            finally:
                page.close()
            if is_real_text(raw):
                out.append(Page(number=i + 1, width=w, height=h, unit="pt", source=PageSource.text_layer,
                                words=to_words(raw)))
            else:
                out.append(OcrTask(i))
    finally:
        doc.close()
    return out


def ocr_task(path: str, kind: FileKind, task: OcrTask, settings: ExtractSettings, engine_name: str) -> Page:
    data = Path(path).read_bytes()
    index = task.index
    dpi: int | None
    try:
        if task.part is not None:
            rgb, dpi = load_image_frame(package_member(data, task.part), 0, settings.max_image_pixels)
        elif kind is FileKind.pdf:
            rgb = render_pdf_page(data, index, settings.dpi, settings.max_image_pixels)
            dpi = settings.dpi
        else:
            rgb, dpi = load_image_frame(data, index, settings.max_image_pixels)
    except ExtractError:
        raise
    except Exception as e:  # noqa: BLE001
        raise CorruptFileError(f"page {index + 1} cannot be rendered: {e}") from e
    accurate = settings.ocr_profile == "accurate"
    return ocr_page(
        rgb, index + 1, dpi, engine_by_name(engine_name), settings.ocr_timeout, CleanupOptions(upscale=accurate),
        settings.reread_codes, thorough=accurate,
        lines=code_line_reader(settings.codeline_model) if settings.reread_codes else None,
    )
