"""Spreadsheets (XLSX and Excel 97-2003 packing lists, CSV) as pages whose words are cells at (column, row) positions."""

from __future__ import annotations

import csv
import io
import zipfile

from extractor.encoding import decode_text
from extractor.errors import ZIP_ERRORS, CorruptFileError, TooLargeError, TooManyPagesError
from extractor.models import Page, PageSource, Word

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 200
MAX_ROWS = 20_000
MAX_COLS = 200


def check_zip(data: bytes, what: str = "spreadsheet") -> None:
    """Refuses zip bombs (an XLSX or DOCX is a zip) before openpyxl or python-docx inflates anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            infos = z.infolist()
    except ZIP_ERRORS as e:
        raise CorruptFileError(f"the {what} is not a valid zip package: {e}") from e
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO and total > 20 * 1024 * 1024:
        raise TooLargeError(f"the {what} inflates to {total // (1024 * 1024)} MB")


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")  # type: ignore[union-attr]
    return str(value).strip()


def cell_page(number: int, rows: list[list[str]], source: PageSource = PageSource.spreadsheet) -> Page:
    """A page whose words are the non-empty cells at their (column, row); empty rows at the end are no part of it."""
    while rows and not any(rows[-1]):
        rows = rows[:-1]
    words: list[Word] = []
    width = 0
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if not text:
                continue
            width = max(width, c + 1)
            words.append(Word(text=text, bbox=(float(c), float(r), float(c + 1), float(r + 1)), confidence=1.0, line_id=r + 1))
    return Page(number=number, width=float(width), height=float(len(rows)), unit="cell", source=source, words=words)


def read_xlsx(data: bytes, max_pages: int) -> list[Page]:
    check_zip(data)
    import openpyxl  # defusedxml, when installed, guards its XML parsing

    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds on bad workbooks
        raise CorruptFileError(f"the spreadsheet cannot be opened: {e}") from e
    pages: list[Page] = []
    try:
        if len(wb.worksheets) > max_pages:
            raise TooManyPagesError(f"the workbook has {len(wb.worksheets)} sheets")
        for n, ws in enumerate(wb.worksheets, start=1):
            rows: list[list[str]] = []
            for row in ws.iter_rows(max_row=MAX_ROWS, max_col=MAX_COLS, values_only=True):
                rows.append([_cell_text(v) for v in row])
            pages.append(cell_page(n, rows))
    finally:
        wb.close()
    return pages


def _xls_cell(cell: object, datemode: int) -> str:
    import xlrd

    kind, value = cell.ctype, cell.value  # type: ignore[attr-defined]
    if kind == xlrd.XL_CELL_DATE:
        try:
            return _cell_text(xlrd.xldate.xldate_as_datetime(value, datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return _cell_text(value)
    if kind in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_BOOLEAN):
        return ""
    return _cell_text(value)


def read_xls(data: bytes, max_pages: int) -> list[Page]:
    """An Excel 97-2003 workbook (1C and older accounting software still save these)."""
    import xlrd

    try:
        wb = xlrd.open_workbook(file_contents=data, on_demand=True)
    except Exception as e:  # xlrd raises its own and struct errors on bad files
        raise CorruptFileError(f"the Excel 97-2003 workbook cannot be opened: {e}") from e
    pages: list[Page] = []
    try:
        if wb.nsheets > max_pages:
            raise TooManyPagesError(f"the workbook has {wb.nsheets} sheets")
        for n in range(wb.nsheets):
            ws = wb.sheet_by_index(n)
            rows = [[_xls_cell(ws.cell(r, c), wb.datemode) for c in range(min(ws.ncols, MAX_COLS))]
                    for r in range(min(ws.nrows, MAX_ROWS))]
            pages.append(cell_page(n + 1, rows))
            wb.unload_sheet(n)
    except (TooManyPagesError, CorruptFileError):
        raise
    except Exception as e:
        raise CorruptFileError(f"the Excel 97-2003 workbook cannot be read: {e}") from e
    finally:
        wb.release_resources()
    return pages


def csv_delimiter(text: str) -> str | None:
    """The separator of a table saved as text, or None when the text is no table.

    Every row has the separator, and either the first rows have it equally often or most rows do: an accounting
    export (1C) opens with a title and key-value rows before its table, and its decimal commas (`6 240,500`)
    are no separator however often they occur."""
    lines = [ln for ln in text.splitlines() if ln.strip()][:20]
    if len(lines) < 2:
        return None
    for sep in (";", "\t", ","):
        counts = [ln.count(sep) for ln in lines]
        if len(set(counts[:5])) == 1 and counts[0] >= 1:
            return sep
        modal = max(set(counts), key=counts.count)
        if min(counts) >= 1 and modal >= 2 and 2 * counts.count(modal) >= len(counts):
            return sep
    return None


def read_csv(data: bytes) -> list[Page]:
    text = decode_text(data)
    sep = csv_delimiter(text[:8192]) or ","
    rows = [row[:MAX_COLS] for _, row in zip(range(MAX_ROWS), csv.reader(io.StringIO(text), delimiter=sep), strict=False)]
    return [cell_page(1, [[c.strip() for c in row] for row in rows])]
