"""Office attachments besides XLSX: a Word invoice reads as a workbook does, its table figures under their headers;
an Excel 97-2003 packing list as an XLSX one."""

from __future__ import annotations

import io
import zipfile

import docx
import xlwt

from classifiers.labels import DocType
from extractor.models import ErrorCode, FileKind, PageSource
from extractor.pipeline import Extractor
from extractor.readers.fields import read_fields
from extractor.sniff import sniff


def _invoice() -> bytes:
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "ООО «ШинТорг»\tИНН 5501234567"
    d.add_paragraph("СЧЕТ-ФАКТУРА № INV-2024/0312 от 12 марта 2024 г.")
    d.add_paragraph("Продавец: ООО «ШинТорг», Российская Федерация")
    d.add_paragraph("Покупатель:\tТОО «Алатау Импорт», БИН 180240012342, Казахстан")
    t = d.add_table(rows=1, cols=5)
    for c, s in zip(t.rows[0].cells, ["№", "Наименование", "Код ТН ВЭД", "Вес нетто, кг", "Вес брутто, кг"], strict=True):
        c.text = s
    cells = t.add_row().cells
    for c, s in zip(cells, ["1", "Шины 205/55 R16", "4011 10 000 3", "11 980,00", "12 450,50"], strict=True):
        c.text = s
    total = t.add_row().cells
    total[0].merge(total[2]).text = "Итого:"
    total[3].text, total[4].text = "11 980,00", "12 450,50"
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a_word_invoice_is_told_by_its_bytes() -> None:
    assert sniff(_invoice()) is FileKind.docx


def test_paragraphs_and_table_rows_become_cell_rows(extractor: Extractor) -> None:
    result = extractor.extract("счет.docx", _invoice())
    assert result.error is None and result.kind is FileKind.docx
    [page] = result.pages
    assert page.unit == "cell" and page.source is PageSource.text
    rows: dict[int, list[str]] = {}
    for w in page.words:
        rows.setdefault(int(w.bbox[1]), []).append(w.text)
    assert rows[0] == ["ООО «ШинТорг»", "ИНН 5501234567"], "the header's tab stops split it into cells"
    header = next(r for r, ws in rows.items() if "Вес нетто, кг" in ws)
    net_col = next(w.bbox[0] for w in page.words if w.text == "Вес нетто, кг")
    totals = [w for w in page.words if int(w.bbox[1]) == max(rows) and w.text == "11 980,00"]
    assert header < max(rows) and totals and totals[0].bbox[0] == net_col, "a merged label keeps figures in their column"


def test_a_word_invoice_reads_its_fields(extractor: Extractor) -> None:
    pages = extractor.extract("счет.docx", _invoice()).pages
    f = read_fields(DocType.invoice, pages, None)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 11980.0
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 12450.5
    assert {str(v.value) for v in f.hs_codes} == {"4011100003"}
    assert [(d.role, d.value) for d in f.dates] == [("invoice_date", "2024-03-12")]
    assert {str(v.value) for v in f.bins} == {"180240012342"}
    assert {(c.value, c.role) for c in f.countries} == {("RU", "sender")}, "the buyer's country is not the seller's"


def test_a_buyers_paragraph_under_the_sellers_is_no_column_under_a_header(extractor: Extractor) -> None:
    """Each paragraph is one cell, so the seller's paragraph stood over the buyer's like a column's header: the
    buyer's Kazakhstan became a second sender country."""
    d = docx.Document()
    d.add_paragraph("СЧЕТ-ФАКТУРА № 45/2024 от 14 марта 2024 г.")
    d.add_paragraph("Продавец: ООО «ПластТорг», Россия, г. Москва")
    d.add_paragraph("Покупатель: ТОО «Алатау Пак», Казахстан, г. Алматы")
    d.add_paragraph("Страна происхождения: Российская Федерация")
    buf = io.BytesIO()
    d.save(buf)
    f = read_fields(DocType.invoice, extractor.extract("invoice.docx", buf.getvalue()).pages, None)
    assert {(c.value, c.role) for c in f.countries} == {("RU", "sender"), ("RU", "origin")}


def test_a_broken_word_document_is_a_corrupt_file(extractor: Extractor) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("word/document.xml", "<not-a-document")
    result = extractor.extract("broken.docx", buf.getvalue())
    assert result.error is not None and result.error.code is ErrorCode.corrupt_file


def _old_workbook() -> bytes:
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Упаковочный лист")
    for c, s in enumerate(["Наименование", "Код ТН ВЭД", "Брутто, кг", "Нетто, кг", "Дата"]):
        ws.write(0, c, s)
    ws.write(1, 0, "Шины 315/80 R22.5")
    ws.write(1, 1, "4011200009")
    ws.write(1, 2, 12450.5)
    ws.write(1, 3, 11980.0)
    ws.write(1, 4, 45366.0, xlwt.easyxf(num_format_str="DD.MM.YYYY"))  # 15.03.2024 as Excel stores it
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_an_excel_97_workbook_reads_as_cells(extractor: Extractor) -> None:
    data = _old_workbook()
    assert sniff(data) is FileKind.xls
    result = extractor.extract("packing.xls", data)
    assert result.error is None and result.kind is FileKind.xls
    [page] = result.pages
    assert page.unit == "cell" and page.source is PageSource.spreadsheet
    cells = {w.text: w.bbox[:2] for w in page.words}
    assert cells["12450.5"] == (2.0, 1.0) and cells["11980"] == (3.0, 1.0) and cells["15.03.2024"] == (4.0, 1.0)
    f = read_fields(DocType.packing_list, result.pages, None)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 12450.5
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 11980.0


def test_a_word_97_document_is_not_taken_for_a_workbook(extractor: Extractor) -> None:
    fake_doc = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "WordDocument".encode("utf-16-le") + b"\x00" * 500
    assert sniff(fake_doc) is FileKind.unsupported
    broken = _old_workbook()[:700]
    result = extractor.extract("cut.xls", broken)
    assert result.error is not None and result.error.code in (ErrorCode.corrupt_file, ErrorCode.unsupported_file)


def _docx_with_picture(picture: bytes, text: str | None) -> bytes:
    from docx.shared import Inches

    d = docx.Document()
    if text:
        d.add_paragraph(text)
    d.add_picture(io.BytesIO(picture), width=Inches(6))
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a_scan_pasted_into_a_word_document_is_read_as_a_page(extractor: Extractor) -> None:
    """Offices paste a scanned invoice into Word and send the .docx: the scan is OCR'd as the page after the text;
    a logo is no page, and a document with neither text nor a scan is an empty file."""
    from tests.makedocs import encode, page_image

    scan = encode(page_image(["СЧЕТ-ФАКТУРА № 318 от 12.03.2024", "Код ТН ВЭД 4011100003",
                              "Вес нетто: 11 980,0 кг"], dpi=150).convert("RGB"), "JPEG", quality=80)
    result = extractor.extract("счет.docx", _docx_with_picture(scan, "Направляем скан счета-фактуры."))
    assert result.error is None and [(p.number, p.unit) for p in result.pages] == [(1, "cell"), (2, "px")]
    f = read_fields(DocType.invoice, result.pages, None)
    assert {str(v.value) for v in f.hs_codes} == {"4011100003"} and f.hs_codes[0].page == 2
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 11980.0

    logo = encode(page_image(["ACME"], dpi=20).convert("RGB"), "PNG")
    assert [p.unit for p in extractor.extract("logo.docx", _docx_with_picture(logo, "INVOICE No. 5")).pages] == ["cell"]
    empty = io.BytesIO()
    docx.Document().save(empty)
    none = extractor.extract("empty.docx", empty.getvalue())
    assert none.error is not None and none.error.code is ErrorCode.empty_file
