"""Word documents (DOCX invoices, packing lists, letters) as pages of cells, the unit spreadsheets use: a paragraph
is a row whose tab stops split it into cells, a table row is a row of its cells. Readers then find labels beside
values and column headers over figures as they do in a workbook."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from extractor.errors import CorruptFileError
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


def read_docx(data: bytes) -> list[Page]:
    check_zip(data, "Word document")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many kinds on bad packages
        raise CorruptFileError(f"the Word document cannot be opened: {e}") from e
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
    return [cell_page(1, rows, PageSource.text)]
