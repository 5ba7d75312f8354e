"""Tells a file's real type from its bytes; names and declared content types are never trusted."""

from __future__ import annotations

import io
import zipfile

from extractor.encoding import decode_text
from extractor.errors import ZIP_ERRORS
from extractor.models import FileKind
from extractor.spreadsheet import csv_delimiter


def sniff(data: bytes) -> FileKind:
    """
    >>> sniff(b"%PDF-1.7 ...")
    <FileKind.pdf: 'pdf'>
    >>> sniff(b"MZ\\x90\\x00")
    <FileKind.unsupported: 'unsupported'>
    """
    head = data[:1024]
    if b"%PDF-" in head:
        return FileKind.pdf
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.jpeg
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.png
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return FileKind.tiff
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileKind.webp
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis", b"hevc"):
        return FileKind.heic
    if head.startswith(b"PK\x03\x04") and (kind := _office_kind(data)):
        return kind
    if head.startswith(_OLE2) and _is_xls(data):
        return FileKind.xls
    if _looks_like_csv(head):
        return FileKind.csv
    return FileKind.unsupported


def _office_kind(data: bytes) -> FileKind | None:
    """An Office Open XML package is a zip: its main part tells a workbook from a Word document."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist()[:2000])
    except ZIP_ERRORS:
        return None
    if "xl/workbook.xml" in names:
        return FileKind.xlsx
    if "word/document.xml" in names:
        return FileKind.docx
    return None


_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The compound-file header of Office 97-2003 files: a `.xls` workbook, but also a `.doc` or `.msg`."""


def _is_xls(data: bytes) -> bool:
    """An old workbook holds a `Workbook` (or Excel 5's `Book`) stream; its name is in the file's directory."""
    return "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") + b"\x00\x00" in data


def _looks_like_csv(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    return csv_delimiter(decode_text(head)) is not None
