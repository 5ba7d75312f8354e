"""Work run inside pool workers: planning a file's pages and OCR'ing one page. Module-level for pickling."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from extractor.cleanup import CleanupOptions
from extractor.errors import (
    CorruptFileError,
    EncryptedFileError,
    ExtractError,
    TooManyPagesError,
    TooManyPixelsError,
)
from extractor.models import FileKind, Page, PageSource
from extractor.ocr import NullEngine, OcrEngine, TesseractEngine
from extractor.pages import ocr_page
from extractor.raster import image_frame_count, load_image_frame, render_pdf_page
from extractor.settings import ExtractSettings
from extractor.spreadsheet import read_csv, read_xlsx
from extractor.textlayer import is_real_text, words_from_plumber


@dataclass
class OcrTask:
    """A page that has no usable text and must be rasterised and read."""

    index: int  # 0-based page or frame


def engine_by_name(name: str) -> OcrEngine:
    return NullEngine() if name == "null" else TesseractEngine()


def plan_file(path: str, kind: FileKind, settings: ExtractSettings) -> list[Page | OcrTask]:
    data = Path(path).read_bytes()
    if kind is FileKind.pdf:
        return _plan_pdf(data, settings)
    if kind is FileKind.xlsx:
        return list(read_xlsx(data, settings.max_pages))
    if kind is FileKind.csv:
        return list(read_csv(data))
    frames = image_frame_count(data, settings.max_image_pixels)
    if frames > settings.max_pages:
        raise TooManyPagesError(f"the image has {frames} frames; the limit is {settings.max_pages}")
    return [OcrTask(i) for i in range(frames)]


def _plan_pdf(data: bytes, settings: ExtractSettings) -> list[Page | OcrTask]:
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfplumber.utils.exceptions import PdfminerException

    out: list[Page | OcrTask] = []
    try:
        pdf = pdfplumber.open(_as_stream(data))
    except PdfminerException as e:
        if isinstance(e.args[0] if e.args else None, PDFPasswordIncorrect) or "password" in str(e).lower():
            raise EncryptedFileError("the PDF is protected by a password; upload it without protection") from e
        raise CorruptFileError(f"the PDF cannot be opened: {e}") from e
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds on broken files
        raise CorruptFileError(f"the PDF cannot be opened: {e}") from e
    with pdf:
        try:
            count = len(pdf.pages)
        except Exception as e:  # noqa: BLE001
            raise CorruptFileError(f"the PDF's page tree is broken: {e}") from e
        if count == 0:
            raise CorruptFileError("the PDF has no pages")
        if count > settings.max_pages:
            raise TooManyPagesError(f"the PDF has {count} pages; the limit is {settings.max_pages}")
        for i, page in enumerate(pdf.pages):
            w, h = float(page.width), float(page.height)
            if max(w, h) / 72.0 > settings.max_page_inches:
                raise TooManyPixelsError(f"page {i + 1} is {w / 72:.0f} x {h / 72:.0f} inches")
            try:
                raw = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=[])
            except Exception:  # noqa: BLE001 - a broken content stream: read the page as an image instead
                raw = []
            if is_real_text(raw):
                out.append(
                    Page(number=i + 1, width=w, height=h, unit="pt", source=PageSource.text_layer, words=words_from_plumber(raw))
                )
            else:
                out.append(OcrTask(i))
            page.flush_cache()
    return out


def _as_stream(data: bytes):  # type: ignore[no-untyped-def]
    import io

    return io.BytesIO(data)


def ocr_task(path: str, kind: FileKind, index: int, settings: ExtractSettings, engine_name: str) -> Page:
    data = Path(path).read_bytes()
    try:
        if kind is FileKind.pdf:
            rgb = render_pdf_page(data, index, settings.dpi, settings.max_image_pixels)
            dpi: int | None = settings.dpi
        else:
            rgb, dpi = load_image_frame(data, index, settings.max_image_pixels)
    except ExtractError:
        raise
    except Exception as e:  # noqa: BLE001
        raise CorruptFileError(f"page {index + 1} cannot be rendered: {e}") from e
    return ocr_page(
        rgb, index + 1, dpi, engine_by_name(engine_name), settings.ocr_timeout, CleanupOptions(), settings.reread_codes
    )
