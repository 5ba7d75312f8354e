"""Word documents (DOCX invoices, packing lists, letters) as pages of cells, the unit spreadsheets use: a paragraph
is a row whose tab stops split it into cells, a table row is a row of its cells. Readers then find labels beside
values and column headers over figures as they do in a workbook. Scans pasted into the document are pages to OCR."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from extractor.errors import ZIP_ERRORS, CorruptFileError
from extractor.models import Page, PageSource
from extractor.spreadsheet import MAX_COLS, MAX_ROWS, cell_page, check_zip


def _paragraph_cells(p: Any) -> list[str]:
    """A paragraph's text split at its tabs; runs of tabs are one gap."""
    return [part.strip() for part in p.text.split("\t") if part.strip()]


def _table_rows(table: Any) -> Iterator[list[str]]:
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell repeats across the grid columns it spans: it stands in the
                cells.append("")  # first, so the figures after it stay under their headers
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(t for p in cell.paragraphs if (t := p.text.replace("\t", " ").strip())))
        yield cells


def _blocks(container: Any) -> Iterator[list[str]]:
    """Rows in reading order: paragraphs and tables as they stand in the body (or a header or footer)."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            yield from _table_rows(block)
        else:
            yield _paragraph_cells(block)


def _open(data: bytes) -> Any:
    check_zip(data, "Word document")
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many kinds on bad packages
        raise CorruptFileError(f"the Word document cannot be opened: {e}") from e


def _text_pages(document: Any) -> list[Page]:
    rows: list[list[str]] = []
    try:
        headers = [s.header for s in document.sections[:1] if not s.header.is_linked_to_previous]
        footers = [s.footer for s in document.sections[:1] if not s.footer.is_linked_to_previous]
        for part in [*headers, document, *footers]:
            for cells in _blocks(part):
                if len(rows) >= MAX_ROWS:
                    break
                if cells and any(cells):
                    rows.append(cells[:MAX_COLS])
    except Exception as e:  # a package whose parts do not hold what their types say
        raise CorruptFileError(f"the Word document cannot be read: {e}") from e
    return [cell_page(1, rows, PageSource.text)] if rows else []


MIN_SCAN_SIDE = 600
"""Pixels on the shorter side from which an embedded picture is a pasted scan or photo to OCR, not a logo, stamp
or signature (a page at 100 dpi has 827)."""


def _scans(document: Any, max_pixels: int) -> list[str]:
    """The package parts of the pictures pasted into the document that are pages (scans, photos), in the order the
    body shows them: offices paste a scanned invoice into Word and send the .docx."""
    from PIL import Image

    out: list[str] = []
    rels = document.part.rels
    ordered = [r for r in (b.get(_EMBED) for b in document.element.body.iter(_BLIP)) if r]
    ordered += [r for r in rels if r not in ordered]
    for rid in dict.fromkeys(ordered):
        rel = rels.get(rid)
        if rel is None or rel.is_external or "image" not in rel.reltype:
            continue
        try:
            with Image.open(io.BytesIO(rel.target_part.blob)) as im:
                w, h = im.size
        except Exception:  # noqa: BLE001  (EMF/WMF drawings and broken pictures are no scans)
            continue
        name = str(rel.target_part.partname).lstrip("/")
        if min(w, h) >= MIN_SCAN_SIDE and w * h <= max_pixels and name not in out:
            out.append(name)
    return out


_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_EMBED = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed"


def read_docx(data: bytes, max_pixels: int = 120_000_000) -> tuple[list[Page], list[str]]:
    """The document's text as one page of cells (when it has text), and the package parts of the pasted scans that
    follow it as pages to OCR (pages 2, 3, ... or 1, 2, ... without text)."""
    document = _open(data)
    return _text_pages(document), _scans(document, max_pixels)


def package_member(data: bytes, name: str) -> bytes:
    """One member of a zip package (a pasted scan's picture), read without opening the rest of the document: the
    OCR of each scan page needs only its own picture."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return z.read(name)
    except (KeyError, *ZIP_ERRORS) as e:
        raise CorruptFileError(f"{name} cannot be read from the package: {e}") from e


def scan_part(data: bytes, page: int) -> str:
    """The package part holding page `page` (1-based) when that page is a pasted scan (for its evidence image)."""
    text, scans = read_docx(data)
    if not 0 <= page - 1 - len(text) < len(scans):
        raise IndexError(f"page {page} of the Word document is no pasted scan")
    return scans[page - 1 - len(text)]
