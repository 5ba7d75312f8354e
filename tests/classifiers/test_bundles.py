from __future__ import annotations

import pytest

from classifiers.bundles import split_documents
from classifiers.labels import DocType
from classifiers.models import Document
from classifiers.pages import label_from_evidence
from classifiers.rules import score_page
from extractor.models import FileKind, Page, PageSource
from tests.classifiers.build import body, file_of, ocr_noise, page
from tests.classifiers.samples import sample

T = DocType
pytestmark = pytest.mark.usefixtures("rules_only")


def _shape(docs: list[Document]) -> list[tuple[DocType, list[int]]]:
    return [(d.doc_type, d.pages) for d in docs]


def _invoice_continuation(n: int, total: int) -> Page:
    return page(body([
        "No. Description of goods HS code Qty Unit price Amount",
        "14 Truck tyres 315/80R22.5 4011209000 40 210.00 8400.00",
        "15 Inner tubes 1200R20 4013100000 100 12.00 1200.00",
        f"Page {n} of {total}"], start=60))


def test_invoice_packing_list_and_cmr_in_one_pdf_are_three_documents() -> None:
    f = file_of([sample(T.invoice, "en"), sample(T.packing_list, "en"), sample(T.cmr, "ru")])
    docs = split_documents(f)
    assert _shape(docs) == [(T.invoice, [1]), (T.packing_list, [2]), (T.cmr, [3])]
    assert all(d.file == "bundle.pdf" for d in docs)
    assert all(d.confidence >= 0.8 for d in docs)


def test_two_page_invoice_is_one_document() -> None:
    first = page([(92, "COMMERCIAL INVOICE", 16)] + body([
        "Invoice No.: HX-2024/0312  Date: 12.03.2024  Seller: Zhejiang Huaxin  Buyer: TOO Alatau Import",
        "No. Description of goods HS code Qty Unit price Amount", "Page 1 of 2"]))
    docs = split_documents(file_of([first, _invoice_continuation(2, 2)]))
    assert _shape(docs) == [(T.invoice, [1, 2])]
    assert "continuation" in docs[0].reason or docs[0].confidence > 0


def test_continuation_without_title_or_page_marker_inherits_the_type() -> None:
    table = page(body(["16 Passenger car tyres 4011100003 1200 35.50 42600.00",
                       "17 Passenger car tyres 4011100003 200 35.50 7100.00"], start=60))
    docs = split_documents(file_of([sample(T.packing_list, "ru"), table, sample(T.cmr, "de")]))
    assert _shape(docs) == [(T.packing_list, [1, 2]), (T.cmr, [3])]


def test_repeated_title_with_page_two_marker_continues() -> None:
    p2 = page([(56, "ДЕКЛАРАЦИЯ НА ТОВАРЫ", 11)] + body([
        "Добавочный лист   Лист 2 из 2   Справочный номер 55201/120324/0012345",
        "32 Товар № 2  33 Код товара 4011209000  35 Вес брутто (кг) 2400"]))
    docs = split_documents(file_of([sample(T.customs_declaration, "ru"), p2]))
    assert _shape(docs) == [(T.customs_declaration, [1, 2])]


def test_an_additional_sheet_whose_number_the_scan_lost_continues_its_declaration() -> None:
    """Its goods box's weights (`Вес брутто`, `Вес нетто`) outvoted its form's words as a packing list's, and the
    sheet stood alone: its weights were missing from the declaration's. Its title types it, and opens nothing."""
    p2 = page([(56, "ДЕКЛАРАЦИЯ A", 11), (80, "ДОБАВОЧНЫЙ ЛИСТ ДТ1 §5201/120324/0012345", 11)] + body([
        "Грузовые места и описание товаров  Товар №  Код товара",
        "1) Бумага офисная немелованная  2  4802562000", "1484 шт.",
        "2) 29 паллета  Код страны происх  Вес брутто (кг)  Преференция",
        "ПРОИЗВОДИТЕЛЬ: CHERY AUTOMOBILE CO., LTD.  156 CN  4027.000",
        "ПРОЦЕДУРА  Вес нетто (кг)  40 00 000  3817.800", "Цена товара 193 958,80"], start=110))
    label = label_from_evidence(2, score_page(p2), None)
    assert label.doc_type == T.customs_declaration and not label.starts_document
    docs = split_documents(file_of([sample(T.customs_declaration, "ru"), p2]))
    assert _shape(docs) == [(T.customs_declaration, [1, 2])]


def test_a_new_registration_number_starts_a_new_declaration() -> None:
    p2 = sample(T.customs_declaration, "kk")  # another declaration, another number
    docs = split_documents(file_of([sample(T.customs_declaration, "ru"), p2]))
    assert _shape(docs) == [(T.customs_declaration, [1]), (T.customs_declaration, [2])]


def test_two_invoices_with_different_numbers_are_two_documents() -> None:
    def inv(no: str) -> Page:
        return page([(80, "INVOICE", 16)] + body([f"Invoice No.: {no}   Buyer: TOO Alatau Import",
                                                  "Description Qty Unit price Amount", "Total USD 100.00"]))
    docs = split_documents(file_of([inv("A-100"), inv("A-101")]))
    assert _shape(docs) == [(T.invoice, [1]), (T.invoice, [2])]


def test_blank_page_between_two_documents_joins_the_one_before() -> None:
    f = file_of([sample(T.invoice, "ru"), page([]), sample(T.control_pass, "kk")])
    assert _shape(split_documents(f)) == [(T.invoice, [1, 2]), (T.control_pass, [3])]


def test_blank_first_page_is_other_and_does_not_swallow_the_next() -> None:
    f = file_of([page([(800, "1", 8)]), sample(T.control_pass, "kk"), page([])])
    docs = split_documents(f)
    assert _shape(docs) == [(T.other, [1]), (T.control_pass, [2, 3])]
    assert "blank" in docs[0].reason


def test_repeated_title_of_the_same_type_without_numbers_continues() -> None:
    """One vehicle passport page per vehicle, each with the title: one attachment, as the payer filed it."""
    docs = split_documents(file_of([sample(T.vehicle_passport, "ru"), sample(T.vehicle_passport, "ru")]))
    assert _shape(docs) == [(T.vehicle_passport, [1, 2])]


def test_blank_page_inside_a_document_belongs_to_it() -> None:
    f = file_of([sample(T.invoice, "ru"), page([]), _invoice_continuation(2, 2)])
    assert _shape(split_documents(f)) == [(T.invoice, [1, 2, 3])]


def test_noisy_scanned_bundle() -> None:
    pages = [ocr_noise(sample(t, lang), seed=k, rate=0.2) for k, (t, lang) in enumerate(
        [(T.control_pass, "ru"), (T.vehicle_passport, "ru"), (T.conformity_certificate, "ru-otts"),
         (T.acceptance_certificate, "ru")])]
    docs = split_documents(file_of(pages))
    assert [d.doc_type for d in docs] == [T.control_pass, T.vehicle_passport, T.conformity_certificate,
                                          T.acceptance_certificate]


def test_spreadsheet_packing_list() -> None:
    p = page([(1, "Packing list"), (2, "Item Description Qty Net weight Gross weight"), (3, "1 Tyres 40 10880 11980")],
             source=PageSource.spreadsheet)
    docs = split_documents(file_of([p], name="packing.xlsx", kind=FileKind.xlsx))
    assert _shape(docs) == [(T.packing_list, [1])]


def test_declared_type_settles_only_weak_pages() -> None:
    weak = page(body(["Вес брутто 11 980 кг", "Вес нетто 10 880 кг", "Количество мест 24"]))
    plain = split_documents(file_of([weak]))
    declared = split_documents(file_of([weak]), T.packing_list)
    assert declared[0].doc_type == T.packing_list
    assert declared[0].confidence < 0.8
    assert plain[0].doc_type in (T.other, T.packing_list)
    # a clear invoice stays an invoice even when declared a packing list
    assert split_documents(file_of([sample(T.invoice, "en")]), T.packing_list)[0].doc_type == T.invoice


def test_empty_file_gives_no_documents() -> None:
    assert split_documents(file_of([])) == []


def test_an_additional_sheet_whose_registration_ocr_misread_continues_the_declaration() -> None:
    """A scan reads the sheet's `55210/081123/5187884` as `55210/082123/5187884`: one character off is the same
    declaration; a number that differs more is another one."""
    def sheet(reg: str, title: str) -> Page:
        return page([(56, title, 14)] + body([f"Справочный номер {reg}",
                                              "32 Товар № 2  33 Код товара 4011209000  35 Вес брутто (кг) 2400"]))
    first = sheet("55210/081123/5187884", "ДЕКЛАРАЦИЯ НА ТОВАРЫ")
    misread = sheet("55210/082123/5187884", "ДЕКЛАРАЦИЯ НА ТОВАРЫ")
    other = sheet("55210/091123/5200017", "ДЕКЛАРАЦИЯ НА ТОВАРЫ")
    assert _shape(split_documents(file_of([first, misread]))) == [(T.customs_declaration, [1, 2])]
    assert _shape(split_documents(file_of([first, other]))) == [(T.customs_declaration, [1]),
                                                                (T.customs_declaration, [2])]


def test_a_rail_consignment_note_after_a_road_waybill_is_a_second_waybill() -> None:
    """Two forms of one type, each opening with its own title and printing nowhere the other's: two documents.
    A second sheet that repeats the first's title, or prints it below its own, continues it."""
    road = page([(40, "ТОВАРНО-ТРАНСПОРТНАЯ НАКЛАДНАЯ", 14)] + body([
        "Грузоотправитель: Zhejiang Huaxin  Грузополучатель: ТОО Алатау Импорт", "Товарный раздел  Плательщик"]))
    rail = page([(40, "FRACHTBRIEF / НАКЛАДНАЯ СМГС", 14)] + body([
        "Станция отправления: Урумчи  Станция назначения: Алматы-1", "Вагон № 62345678  Масса брутто, кг 627.3"]))
    assert _shape(split_documents(file_of([road, rail]))) == [(T.waybill, [1]), (T.waybill, [2])]
    assert _shape(split_documents(file_of([road, road]))) == [(T.waybill, [1, 2])]


def test_two_waybills_naming_the_same_invoice_are_two_documents() -> None:
    """9191-0270: two waybills of one shipment, `№ 5054` and `№ 2733` on their title lines, both naming invoice
    HX202404478: their numbers met in the invoice's, yet the titles' own numbers differ. A second sheet repeating
    the first's title and number continues it."""
    def ttn(no: str) -> Page:
        return page([(40, f"ТОВАРНО-ТРАНСПОРТНАЯ НАКЛАДНАЯ № {no}", 14)] + body([
            "Грузоотправитель: Xinjiang Silk Road Logistics  Грузополучатель: ТОО Астана Трейд Групп",
            "Сопроводительные документы: инвойс № HX202404478", "Масса брутто, кг 21 101,9"]))
    assert _shape(split_documents(file_of([ttn("5054"), ttn("2733")]))) == [(T.waybill, [1]), (T.waybill, [2])]
    assert _shape(split_documents(file_of([ttn("5054"), ttn("5054")]))) == [(T.waybill, [1, 2])]


def test_a_bilingual_forms_sheets_continue_whichever_title_ocr_read_well() -> None:
    """9393-0246: three registration certificates, one per vehicle, each titled in Kazakh and in Russian. OCR read
    the first sheet's Kazakh title as noise and the third's Russian one with a zero for an О: each sheet's title
    stands garbled on the other, which is the same form, not a second one."""
    def sheet(kazakh: str, russian: str, vin: str) -> Page:
        return page([(40, kazakh, 14), (60, russian, 14)] + body([
            "Мемл. тіркеу нөмірі / Гос. номер 454PXY05", "Маркасы, моделі / Марка, модель Lada Granta", f"VIN {vin}"]))
    first = sheet("Ке@лтк куУРАЛЫН ТТРКЕУ ТУРАЛЫ КУЭЛТК", "СВИДЕТЕЛЬСТВО О РЕГИСТРАЦИИ ТРАНСПОРТНОГО СРЕДСТВА",
                  "XTAH6ZS3HNN537164")
    third = sheet("КӨЛІК ҚҰРАЛЫН ТІРКЕУ ТУРАЛЫ КУӘЛІК", "СВИДЕТЕЛЬСТВ0О 0 РЕГИСТРАЦИИ ТРАНСПОРТНОГО СРЕДСТВА",
                  "XTALW56ECN5391632")
    assert _shape(split_documents(file_of([first, third]))) == [(T.vehicle_passport, [1, 2])]


def test_an_additional_sheet_that_lost_its_title_is_typed_by_its_box_titles() -> None:
    """9393-0207: a declaration's third sheet whose `ДОБАВОЧНЫЙ ЛИСТ` line the scan lost. Its weight boxes'
    `Вес брутто`, `Вес нетто` are a packing list's labels too; boxes 31, 42, 43 and 44 name the declaration,
    garbled as they are."""
    sheet = page([(40, "ДЕКЛАРАЦИЯ А", 11)] + body([  # as OCR read it
        "panne", "Груювые места и описание товаров Товар № Код товара", "ие 3 8507 60 000 0", "wr.",
        "2) 735 wr. Koa страчы проясл Bec брутто (a) Преферемция",
        "ПРОИЗВОДИТЕЛЬ: ZHEJIANG HUAXIN TRADING CO., LTD. 156 CN 15015.400 00-00-00",
        "ПРОЦЕДУРА Bec нетто (к)", "40 00 000 14996.400", "Цена товара", "629 667,15",
        "43 Метод определения ramos. стоимости",
        "Дополнительная иформация Представленные дожументы Исчисление платежей",
        "04021 23202403272 OT 25.03.2024 1010 18 783,53 ИУ", "03011 K2-2024/091 2010 29 594 356,05 ИУ"], start=60),
        source=PageSource.ocr)
    scores = score_page(sheet).scores
    assert scores[T.customs_declaration] > scores[T.packing_list], "by its box titles alone"
    docs = split_documents(file_of([sample(T.customs_declaration, "ru"), sheet]))
    assert _shape(docs) == [(T.customs_declaration, [1, 2])]
