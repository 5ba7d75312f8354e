"""Field readers on layouts of different shapes: label beside the value, box title above it, table columns."""

from __future__ import annotations

import pytest

from classifiers.labels import DocType
from extractor.field_models import DocumentFields
from extractor.ids import hs_code as hs_id
from extractor.models import Page, PageSource, Word
from extractor.readers.fields import read_fields
from extractor.readers.layout import page_lines
from tests.makepages import page, scan_page, stacked, values

NOM = hs_id.load_nomenclature(hs_id.default_reference_dir()) if hs_id.default_reference_dir() else None
needs_nomenclature = pytest.mark.skipif(NOM is None, reason="../shared/reference not available")


def test_declaration_boxes_with_values_below_titles() -> None:
    p = page([
        (40, 30, "ДЕКЛАРАЦИЯ НА ТОВАРЫ"),
        (300, 50, "A 55201/150324/0012345"),
        (40, 100, "8 Получатель  ТОО «Алатау Импорт» БИН 180240012345"),
        (40, 140, "15 Страна отправления"),
        (40, 154, "Китай"),
        (300, 140, "34 Код страны происх."),
        (300, 154, "CN"),
        (40, 200, "33 Код товара"),
        (40, 214, "4011 10 000 3"),
        (40, 260, "35 Вес брутто (кг)"),
        (40, 274, "12 450,5"),
        (300, 260, "38 Вес нетто (кг)"),
        (300, 274, "11 980,0"),
    ])
    f = read_fields(DocType.customs_declaration, [p], NOM)
    assert values(f.hs_codes) == ["4011100003"]
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 12450.5
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 11980.0
    assert ("registration_date", "2024-03-15") in {(d.role, d.value) for d in f.dates}
    assert values(f.registration_numbers) == ["55201/150324/0012345"]
    assert ("dispatch", "CN") in {(c.role, c.value) for c in f.countries}
    assert ("origin", "CN") in {(c.role, c.value) for c in f.countries}
    assert "180240012345" in values(f.bins) or not any(values(f.bins))
    box = f.net_weight_kg.bbox
    assert box is not None and box[0] >= 300 and box[1] >= 270, "the value carries the box it was read from"


def test_packing_list_table_uses_the_total_row() -> None:
    p = page([
        (40, 30, "PACKING LIST No. PL-118 dated 14.03.2024"),
        (40, 80, "Description"), (250, 80, "Gross weight, kg"), (400, 80, "Net weight, kg"),
        (40, 96, "Tyres 315/80R22.5"), (250, 96, "6,225.25"), (400, 96, "5,990.00"),
        (40, 112, "Tyres 385/65R22.5"), (250, 112, "6,225.25"), (400, 112, "5,990.00"),
        (40, 128, "TOTAL"), (250, 128, "12,450.50"), (400, 128, "11,980.00"),
    ])
    f = read_fields(DocType.packing_list, [p], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 12450.5
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 11980.0


def test_inline_labels_in_several_languages_and_units() -> None:
    p = page([
        (40, 30, "Commercial Invoice No. INV-2024/0312 Date: March 14, 2024"),
        (40, 60, "Country of origin: China"),
        (40, 90, "Bruttogewicht: 12.45 t"),
        (40, 110, "Net weight: 11 980 kg"),
        (40, 140, "HS code 8703.23.90.87 VIN: JTDBR32E720123456"),
    ])
    f = read_fields(DocType.invoice, [p], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 12450.0
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 11980.0
    assert ("invoice_date", "2024-03-14") in {(d.role, d.value) for d in f.dates}
    assert values(f.invoice_numbers) == ["INV-2024/0312"]
    assert ("origin", "CN") in {(c.role, c.value) for c in f.countries}
    assert values(f.vins) == ["JTDBR32E720123456"]


@pytest.mark.parametrize(("gross", "net"), [
    ("Brüt Ağırlık", "Net Ağırlık"),  # a Turkish exporter's invoice
    ("Poids brut", "Poids net"),
    ("Peso bruto", "Peso neto"),
    ("Peso lordo", "Peso netto"),
    ("Gross mass", "Net mass"),
])
def test_weight_labels_of_exporters_in_other_languages(gross: str, net: str) -> None:
    p = page([(40, 90, f"{gross}: 12 450,5 kg"), (40, 110, f"{net}: 11 980 kg")])
    f = read_fields(DocType.invoice, [p], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 12450.5
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 11980.0


def test_control_pass_crossing_date_and_plates() -> None:
    p = page([
        (40, 30, "ТАЛОН О ПРОХОЖДЕНИИ ГОСУДАРСТВЕННОГО КОНТРОЛЯ № 004512"),
        (40, 60, "Пункт пропуска: Жайсан"),
        (40, 80, "Дата и время пересечения: 14.03.2024 10:35"),
        (40, 100, "Гос. номер тягача: 123ABC02 прицеп: 45DEF02"),
    ])
    f = read_fields(DocType.control_pass, [p], NOM)
    assert ("crossing_date", "2024-03-14") in {(d.role, d.value) for d in f.dates}
    assert "123ABC02" in values(f.plates)


def test_a_ten_digit_number_that_is_no_hs_code_is_not_taken_for_one() -> None:
    p = page([(40, 30, "Invoice 14.03.2024 tel. 7012345678 account 1234567890")])
    f = read_fields(DocType.invoice, [p], NOM)
    if NOM is not None:
        assert f.hs_codes == []


@pytest.mark.parametrize(("printed", "code"), [("39 23 10 00 00", "3923100000"), ("39.23.10.00.00", "3923100000"),
                                                ("3923-10-000-0", "3923100000"), ("8703-23-90-87", "8703239087"),
                                                ("12 39 23 10 00 00", "3923100000"),
                                                ("39 23 10 00 00 166 кг", "3923100000")])
def test_codes_printed_in_pairs_or_with_hyphens(printed: str, code: str) -> None:
    """Other hands print a code's pairs apart or join its groups with hyphens; a row number before it, or the
    next cell's number after it (a Word table's row reads as one line), is no part."""
    p = page([(40, 30, "Счет-фактура № 12"), (40, 60, "Код ТН ВЭД"), (40, 76, printed)])
    assert values(read_fields(DocType.invoice, [p], NOM).hs_codes) == [code]


@needs_nomenclature
@pytest.mark.parametrize("text", ["тел. 7172-55-12-34", "дата 2024-03-14", "тел. +7 701 234 56 78", "12 34 56 78 90 12"])
def test_phone_numbers_and_dates_in_pairs_or_hyphens_are_no_codes(text: str) -> None:
    p = page([(40, 30, "Счет-фактура № 12"), (40, 60, text)])
    assert read_fields(DocType.invoice, [p], NOM).hs_codes == []


def test_key_value_form_reads_the_cell_to_the_right() -> None:
    p = page([
        (40, 30, "Декларация на товары (электронная копия)"),
        (40, 60, "15 Страна отправления"), (300, 60, "Китай (CN)"),
        (40, 80, "35 Вес брутто, кг"), (300, 80, "1150.000"),
        (40, 96, "38 Вес нетто, кг"), (300, 96, "1090.500"),
        (40, 112, "37 Процедура"), (300, 112, "4000000"),
        (40, 128, "42 Фактурная стоимость"), (300, 128, "70 213,19"),
    ])
    f = read_fields(DocType.customs_declaration, [p], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 1150.0
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 1090.5
    assert ("dispatch", "CN") in {(c.role, c.value) for c in f.countries}


def test_ocr_specks_between_a_label_and_its_value_are_skipped() -> None:
    """A speck read as `:` stands between the label and its cell; a stray dot opens the number (`.2257.100`)."""
    p = page([
        (40, 80, "35 Вес брутто, кг"), (200, 80, ":"), (300, 80, "933.800"),
        (40, 96, "38 Вес нетто, кг"), (300, 96, ".802.500"),
    ])
    f = read_fields(DocType.customs_declaration, [p], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 933.8
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 802.5


TABLES = {
    # `Таза салмақ / Нетто`: the label word is last in its cell, the numbers sit flush left under the cell
    "bilingual header cell": (DocType.packing_list, [
        (40, 80, "№ Атауы / Наименование"), (300, 80, "Таза салмақ / Нетто"), (460, 80, "Жалпы салмақ / Брутто"),
        (40, 96, "1 Изделия из пластмасс"), (300, 96, "157,4 кг"), (460, 96, "169,6 кг"),
        (40, 112, "Барлығы / Итого"), (300, 112, "157,4 кг"), (460, 112, "169,6 кг"),
    ], {"gross_weight_kg": 169.6, "net_weight_kg": 157.4}),
    # `Нетто Брутто Сумма` one space apart are three columns: the amount is no weight
    "plain header words": (DocType.invoice, [
        (40, 80, "Наименование"), (250, 80, "Нетто Брутто Сумма, EUR"),
        (40, 96, "Масла"), (250, 96, "11 360,3"), (292, 96, "12 690,9"), (340, 96, "123 342,48"),
        (40, 112, "Итого к оплате / Total: 123 342,48 EUR"),
    ], {"gross_weight_kg": 12690.9}),
    # VINs under a goods line do not end the CMR's goods box before its total
    "vin lines in the column": (DocType.cmr, [
        (40, 80, "9 Наименование груза"), (400, 80, "11 Вес брутто, кг"),
        (40, 96, "Автомобиль грузовой MAZ 6312"), (400, 96, "24 600"),
        (40, 108, "VIN Y3MUBXXA2M2319498"),
        (40, 120, "VIN Y3MFCRNMHMV518623"),
        (40, 132, "Автомобиль легковой Lada Granta"), (400, 132, "2 320"),
        (40, 144, "VIN XTAUDU705MY526403"),
        (40, 156, "Итого мест: 4"), (400, 156, "26 920"),
    ], {"gross_weight_kg": 26920.0}),
    # a car carrier's seven VINs under its goods line are rows of the table, not the gap that ends it
    "many vin lines in the column": (DocType.cmr, [
        (40, 80, "9 Наименование груза"), (400, 80, "11 Вес брутто, кг"),
        (40, 96, "Автовоз с легковыми автомобилями"), (400, 96, "24 900"),
        *[(40, 108 + 12 * k, f"VIN XTAUDU705MY52640{k}") for k in range(7)],
        (40, 192, "Мотоцикл Yamaha MT-07"), (400, 192, "184"),
        (40, 240, "Total: 8"), (400, 240, "25 084"),
    ], {"gross_weight_kg": 25084.0}),
    # a row's cells each grouped in thousands (`3901 | 2 072 | 522 226,87`): the net weight is 2 072, not 072
    "grouped figures in neighbouring cells": (DocType.import_application, [
        (40, 80, "Наименование"), (250, 80, "Кол-во"), (300, 80, "Масса нетто, кг"), (420, 80, "Стоимость"),
        (40, 96, "Изделия из пластмасс"), (250, 96, "3901"), (300, 96, "2 072"), (420, 96, "522 226,87"),
    ], {"net_weight_kg": 2072.0}),
    # the last column's figures set flush right past its header's slack, the column before's flush right under it
    "last column flush right": (DocType.packing_list, [
        (40, 80, "No Description"), (300, 80, "N.W. (kg)"), (400, 80, "G.W. (kg)"),
        (40, 96, "1 Polyethylene film"), (342, 96, "15,533.30"), (466, 96, "16,193.80"),
        (40, 112, "2 Cardboard boxes"), (354, 112, "1,209.50"), (472, 112, "1,324.70"),
        (60, 128, "TOTAL"), (342, 128, "16,742.80"), (466, 128, "17,518.50"),
    ], {"gross_weight_kg": 17518.5, "net_weight_kg": 16742.8}),
    # the gross header set tight after the net one (`Таза салмақ / Нетто Жалпы салмақ /`, `Брутто` below): the
    # net column ends where the gross label starts
    "gross header tight after the net one": (DocType.packing_list, [
        (40, 80, "№ Атауы / Наименование"), (200, 80, "Орын саны /"), (300, 80, "Таза салмақ / Нетто"),
        (417, 80, "Жалпы салмақ /"), (200, 92, "Мест"), (417, 92, "Брутто"),
        (40, 108, "1 Бумага туалетная"), (200, 108, "141"), (300, 108, "802,5 кг"), (417, 108, "933,8 кг"),
        (40, 124, "2 Трубы из пластмасс"), (200, 124, "9"), (300, 124, "2 113,9 кг"), (417, 124, "2 257,1 кг"),
        (64, 140, "Барлығы / Итого"), (200, 140, "150"), (300, 140, "2 916,4 кг"), (417, 140, "3 190,9 кг"),
    ], {"gross_weight_kg": 3190.9, "net_weight_kg": 2916.4}),
    # the header's unit set a wide space after the label (`N.W.    (kg)`) is no column of its own
    "unit apart from its label": (DocType.packing_list, [
        (40, 80, "No Description"), (300, 80, "N.W.    (kg)"), (420, 80, "G.W.    (kg)"),
        (40, 96, "1 Plastic tubes"), (330, 96, "4,625.10"), (450, 96, "4,839.10"),
        (60, 112, "TOTAL"), (330, 112, "4,625.10"), (450, 112, "4,839.10"),
    ], {"gross_weight_kg": 4839.1, "net_weight_kg": 4625.1}),
    # OCR read the upper-case Cyrillic header in Latin look-alikes (`BEC HETTO`: H, T, K have no lower-case twin)
    "latin look-alike header": (DocType.packing_list, [
        (40, 80, "НАИМЕНОВАНИЕ"), (250, 80, "BEC HETTO, KГ"), (400, 80, "BEC БPУTTO, KГ"),
        (40, 96, "Трубы"), (250, 96, "2 113,9"), (400, 96, "2 257,1"),
    ], {"gross_weight_kg": 2257.1, "net_weight_kg": 2113.9}),
    # OCR glued the unit to the label (`NET KG GROSSKG`)
    "unit glued to the label": (DocType.invoice, [
        (40, 80, "DESCRIPTION"), (250, 80, "NETKG"), (330, 80, "GROSSKG"), (420, 80, "TOTAL USD"),
        (40, 96, "Office paper"), (250, 96, "9,798.00"), (330, 96, "10,596.80"), (420, 96, "1,173,153.60"),
    ], {"gross_weight_kg": 10596.8, "net_weight_kg": 9798.0}),
    # a stray mark glued before the label (`'N.W.`): the header cell still ends where the next one starts, and the
    # quantity just left of it is not the net weight
    "a mark glued before a label": (DocType.packing_list, [
        (40, 80, "No Description"), (200, 80, "Q'ty"), (250, 80, "'N.W. (kg)"), (340, 80, "G.W. (kg)"),
        (40, 96, "1 New pneumatic tyres"), (222, 96, "462."), (290, 96, "20,969.30"), (340, 96, "21,089.10"),
    ], {"gross_weight_kg": 21089.1, "net_weight_kg": 20969.3}),
    # a speck after the label read as `.`: no header cell starts there, and the figures set flush right under the
    # cell, past the speck, are the column's
    "a speck after a label": (DocType.invoice, [
        (40, 80, "DESCRIPTION"), (250, 80, "GROSS KG"), (312, 80, "."), (420, 80, "TOTAL USD"),
        (40, 96, "Office paper"), (300, 96, "102.2"), (420, 96, "1,173.60"),
        (40, 112, "Accumulators"), (288, 112, "11163.8"), (420, 112, "234,065.38"),
    ], {"gross_weight_kg": 11266.0}),
}


@pytest.mark.parametrize("case", TABLES)
def test_table_columns(case: str) -> None:
    doc_type, rows, expected = TABLES[case]
    f = read_fields(doc_type, [page(rows)], NOM)
    assert {name: getattr(f, name).value if getattr(f, name) else None for name in expected} == expected


def test_a_scanned_header_wrapped_under_the_next_column_bounds_it() -> None:
    """OCR read the three header cells as one line (`Орын саны / Таза салмақ / Нетто Жалпы салмақ /`) and the
    gross header's `Брутто` wrapped below it, within the net column's reach: that is where the gross column starts,
    not a new header ending the net column before its rows, which mend the total OCR misread (`|(222017,800`). The
    word boxes are 1515-0221's, at 300 dpi."""
    boxes = [
        ("Атауы", (504, 845, 616, 878)), ("/", (627, 846, 640, 873)), ("Наименование", (650, 845, 914, 871)),
        ("Орын", (1547, 843, 1645, 876)), ("саны", (1657, 844, 1769, 872)), ("/", (1758, 839, 1776, 880)),
        ("Таза", (1797, 843, 1878, 870)), ("салмақ", (1889, 844, 2043, 873)), ("/", (2031, 839, 2049, 880)),
        ("Нетто", (2055, 843, 2158, 870)), ("Жалпы", (2173, 843, 2304, 869)), ("салмақ", (2315, 843, 2469, 873)),
        ("/", (2451, 839, 2473, 880)),
        ("Мест", (1544, 877, 1641, 920)), ("Брутто", (2173, 881, 2297, 914)),
        ("Бутылки", (506, 953, 646, 985)), ("232", (1548, 951, 1606, 978)), ("1463,400", (1801, 951, 1946, 979)),
        ("кг", (1958, 957, 1991, 977)), ("1537", (2175, 951, 2251, 978)), ("кг", (2264, 957, 2297, 976)),
        ("Пленка", (506, 1045, 625, 1071)), ("12", (1550, 1044, 1586, 1070)), ("|(20554,400", (1794, 1043, 1966, 1072)),
        ("кг", (1978, 1049, 2011, 1069)), ("21755", (2174, 1043, 2272, 1070)), ("кг", (2283, 1049, 2317, 1068)),
        ("Итого", (685, 1135, 780, 1161)), ("244", (1548, 1128, 1606, 1171)), ("|(222017,800", (1794, 1133, 1966, 1162)),
        ("кг", (1978, 1139, 2011, 1159)), ("23292", (2173, 1133, 2271, 1160)), ("кг", (2283, 1139, 2317, 1158)),
    ]
    words = [Word(text=t, bbox=(float(x0), float(y0), float(x1), float(y1)), confidence=0.9, line_id=round(y0 / 40))
             for t, (x0, y0, x1, y1) in boxes]
    p = Page(number=1, width=2940, height=3833, unit="px", source=PageSource.ocr, dpi=300, words=words)
    f = read_fields(DocType.packing_list, [p], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 22017.8
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 23292.0


def test_a_total_row_whose_gross_ocr_lost_heads_no_column() -> None:
    """The total row names its figures, and OCR lost the gross one (`брутто / gross: ee`): the figure under that
    label, far down by the signature, is no gross row to add to the column's (1515-0072). The gross is its rows."""
    rows = [
        (40, 80, "№ Наименование / Description"), (250, 80, "Нетто"), (330, 80, "Брутто"), (420, 80, "Сумма, USD"),
        (40, 96, "1 Посуда столовая из стекла"), (250, 96, "1033,800 кг"), (330, 96, "1136,400 кг"),
        (420, 96, "316 745,60"),
        (40, 112, "2 Шины пневматические"), (250, 112, "20263,700 кг"), (330, 112, "20495,500 кг"),
        (420, 112, "262 282,80"),
        (40, 136, "Итого нетто / Total net: 21297,500 кг; брутто / gross: ee"),
        (40, 152, "Итого к оплате / Total: 579 028,40 USD"),
        (40, 200, "Директор / Director"), (300, 240, "3573"),
    ]
    f = read_fields(DocType.invoice, [scan_page(rows)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 21297.5
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 21631.9


def test_a_smudge_read_as_letters_in_a_row_does_not_end_the_column() -> None:
    """A row's smudge that OCR made letters of, unsurely (`ees` at 0.49 beside the row's `2 390.4`), is no new box's
    title ending the weight column before its last row (1515-0166). Read surely, such a word is one."""
    rows = [
        (40, 80, "№ Наименование товара"), (250, 80, "Кол-во"), (300, 80, "Салмағы, кг"), (400, 80, "Стоимость"),
        (40, 96, "1 Банки алюминиевые"), (250, 96, "2894"), (300, 96, "55,1"), (400, 96, "160 182,90"),
        (40, 112, "2 Бутылки стеклянные"), (250, 112, "125"), (300, 112, "53,5"), (400, 112, "31 752,50"),
        (40, 128, "3 Коробки из картона"), (250, 128, "2027"), (300, 128, "2 390,4"), (372, 128, "ees"),
        (400, 128, "686 828,68"),
    ]

    def net(smudge: float) -> float | None:
        p = scan_page(rows, confidence=0.95)
        words = [w.model_copy(update={"confidence": smudge}) if w.text == "ees" else w for w in p.words]
        f = read_fields(DocType.import_application, [p.model_copy(update={"words": words})], NOM)
        return None if f.net_weight_kg is None else float(f.net_weight_kg.value)

    assert net(0.49) == 2499.0
    assert net(0.9) == 108.6


def test_a_scanned_weight_whose_header_ocr_garbled_is_the_column_beside_the_other() -> None:
    """OCR lost the gross header (9393-0070) and the first row's gross: the total beside the net total is the
    gross where the two can be one load's weights (the net at least half the gross, not above it), to as many
    decimals. Money (two decimals) and a figure out of that range are not."""
    def gross(total: str) -> float | None:
        rows = [
            (40, 80, "Наименование"), (200, 80, "Мест"), (250, 80, "Вес нетто, кг"), (340, 80, "Wensa Covina @"),
            (40, 96, "1 Бумага туалетная"), (200, 96, "32"), (250, 96, "317,1"),
            (40, 112, "2 Машины вычислительные"), (200, 112, "88"), (250, 112, "2528,7"), (340, 112, "2780,2"),
            (40, 128, "Итого:"), (200, 128, "120"), (250, 128, "2845,8"), (340, 128, total),
        ]
        f = read_fields(DocType.packing_list, [scan_page(rows)], NOM)
        assert f.net_weight_kg is not None and f.net_weight_kg.value == 2845.8
        return None if f.gross_weight_kg is None else float(f.gross_weight_kg.value)

    assert gross("3 143,3") == 3143.3
    assert gross("3 143,30") is None  # money's two decimals
    assert gross("6 943,3") is None  # a net under half of it: no load's pair
    # a whole number beside a whole gross (a CMR's `Transit, 2024 г 2350`): the model year is no net (4545-0205)
    cmr = [(40, 80, "9 Наименование груза"), (380, 80, "11 Вес брутто, кг"),
           (40, 96, "1 units Автомобиль грузовой Ford Transit, 2024 г"), (380, 96, "2350")]
    f = read_fields(DocType.cmr, [scan_page(cmr)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 2350.0 and f.net_weight_kg is None


def test_the_column_beside_the_other_weight_is_in_the_others_unit() -> None:
    """A ТТН's gross head read `Масса бруттоот` (3737-0042): the gross beside the net column, which says tonnes
    (`Масса нетто, т`), is in tonnes too, and the pair test weighs it so: 21,879 t beside 21,597 t."""
    rows = [
        (40, 80, "№ Наименование"), (200, 80, "Мест"), (250, 80, "Масса нетто, т"), (350, 80, "Масса бруттоот"),
        (440, 80, "Сумма"),
        (40, 96, "1 Бумага офисная"), (200, 96, "24"), (250, 96, "3,059"), (350, 96, "3,206"),
        (440, 96, "167 702,40"),
        (40, 112, "2 Шины"), (200, 112, "406"), (250, 112, "18,538"), (350, 112, "18,673"), (440, 112, "230 502,44"),
        (40, 128, "Итого"), (200, 128, "430"), (250, 128, "21,597"), (350, 128, "21,879"), (440, 128, "398 204,84"),
    ]
    f = read_fields(DocType.waybill, [scan_page(rows)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 21597.0
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 21879.0


def test_dates_of_named_documents_are_not_the_documents_own() -> None:
    p = page([
        (40, 30, "ДЕКЛАРАЦИЯ НА ТОВАРЫ 55204/150223/6091405"),
        (40, 60, "44 04021 HX202301992 ОТ 28.01.2023"),
        (40, 72, "03011 CT-2023/079 от 04.02.2023"),
        (40, 100, "г. Алматы 15.02.2023"), (300, 100, "ВЫПУСК РАЗРЕШЕН"),
        (300, 112, "16.02.2023 08:44"),
    ])
    dates = {(d.role, d.value) for d in read_fields(DocType.customs_declaration, [p], NOM).dates}
    assert ("registration_date", "2023-02-15") in dates
    assert ("release_date", "2023-02-16") in dates
    assert ("release_date", "2023-02-15") not in dates, "a stamp 200 pt away labels its own date, not this one"
    assert {("reference_date", "2023-01-28"), ("reference_date", "2023-02-04")} <= dates
    invoice = page([(40, 30, "СЧЕТ-ФАКТУРА № 1887 от 02.10.2023"), (40, 50, "Договор № 7 от 01.01.2023")])
    own = {(d.role, d.value) for d in read_fields(DocType.invoice, [invoice], NOM).dates}
    assert own == {("invoice_date", "2023-10-02"), ("reference_date", "2023-01-01")}
    # Kazakh writes no `от`: `Шарт: № NP-KZ-2023/07, 10.11.2023` is the contract's date
    kazakh = page([(200, 30, "ШОТ-ФАКТУРА № 45"), (200, 46, "2024 жылғы 4 наурыз"),
                   (40, 70, "Шарт: № NP-KZ-2023/07, 10.11.2023")])
    own = {(d.role, d.value) for d in read_fields(DocType.invoice, [kazakh], NOM).dates}
    assert own == {("invoice_date", "2024-03-04"), ("reference_date", "2023-11-10")}


def test_a_headings_number_and_date_on_one_line_are_the_documents_own() -> None:
    """A spreadsheet's merged title `УПАКОВОЧНЫЙ ЛИСТ № 318 от 12.03.2024` is the packing list's own heading (its
    type's title before the number), while the invoice it names is another document. `Дата отгрузки` labels the
    shipment, not the invoice."""
    packing = page([(40, 30, "УПАКОВОЧНЫЙ ЛИСТ № 318 от 12.03.2024"), (40, 50, "к инвойсу № 2024/318 от 11.03.2024")])
    dates = {(d.role, d.value) for d in read_fields(DocType.packing_list, [packing], NOM).dates}
    assert dates == {("document_date", "2024-03-12"), ("reference_date", "2024-03-11")}
    invoice = page([(40, 30, "СЧЕТ-ФАКТУРА (ИНВОЙС) № 2024/318 от 12.03.2024"), (40, 50, "Дата отгрузки: 15.03.2024")])
    f = read_fields(DocType.invoice, [invoice], NOM)
    assert {(d.role, d.value) for d in f.dates} == {("invoice_date", "2024-03-12"), ("shipment_date", "2024-03-15")}
    assert values(f.invoice_numbers) == ["2024/318"]


def test_slashed_dates_are_read_month_first_where_the_document_writes_them_so() -> None:
    """An American exporter's `03/15/2024` can only be month first, so its `03/12/2024` is the 12th of March, not
    the 3rd of December; where nothing shows the order, slashed dates stay day first."""
    us = page([(40, 80, "Invoice date: 03/12/2024"), (40, 96, "Ship date: 03/15/2024")])
    assert {(d.role, d.value) for d in read_fields(DocType.invoice, [us], NOM).dates} == {
        ("invoice_date", "2024-03-12"), ("shipment_date", "2024-03-15")}
    alone = page([(40, 80, "Invoice date: 03/12/2024")])
    assert values(read_fields(DocType.invoice, [alone], NOM).dates) == ["2024-12-03"]
    day_first = page([(40, 80, "Invoice date: 03/12/2024"), (40, 96, "Due: 25/03/2024"), (40, 112, "Ship: 03/15/2024")])
    assert "2024-12-03" in values(read_fields(DocType.invoice, [day_first], NOM).dates)
    # with no date to settle it, an English paper from the USA writes month first (dealer and auction invoices)
    american = page([(40, 40, "Midwest Auto Export LLC, 1200 W Lake St, Chicago, IL, USA"),
                     (40, 80, "Invoice date: 03/12/2024")])
    assert values(read_fields(DocType.invoice, [american], NOM).dates) == ["2024-03-12"]
    # a CMR for an American sender is filled in by a carrier of the Convention's countries: day first (9191-0248)
    cmr = page([(40, 40, "1 Sender: Midwest Auto Export LLC, 1200 W Lake St, Chicago, IL, USA"),
                (40, 80, "16 Place and date of taking over the goods: Bremerhaven 05/03/2024")])
    assert values(read_fields(DocType.cmr, [cmr], NOM).dates) == ["2024-03-05"]
    russian = page([(40, 40, "Страна происхождения: США"), (40, 80, "Дата инвойса: 03/12/2024")])
    assert values(read_fields(DocType.invoice, [russian], NOM).dates) == ["2024-12-03"]


def test_ocr_dates_of_named_documents_and_a_stamp_stretched_over_the_release_date() -> None:
    """OCR reads `ОТ` in Latin letters; a stamp OCR'd into the `ВЫПУСК РАЗРЕШЕН` line stretches its box down over
    the date written under it, which is still the line below."""

    p = page([
        (40, 30, "ДЕКЛАРАЦИЯ НА ТОВАРЫ"),
        (40, 60, "04021 INV-2024/4641 OT 24.06.2024"),
        (40, 100, "г.Алматы 11.07.2024 представитель ТОО «Кеден Брокер» ВЫПУСК РАЗРЕШЕН Е (5 $"),
        (360, 124, "12.07.2024 17:18"),
    ], source=PageSource.ocr)
    words = []
    for w in p.words:
        tall = w.text == "$"  # the stamp's ink, read as a glyph reaching below the next line
        bbox = (w.bbox[0], w.bbox[1], w.bbox[2], w.bbox[3] + 16) if tall else w.bbox
        words.append(w.model_copy(update={"confidence": 0.9, "bbox": bbox}))
    p = p.model_copy(update={"words": words})
    dates = {(d.role, d.value) for d in read_fields(DocType.customs_declaration, [p], NOM).dates}
    assert ("reference_date", "2024-06-24") in dates
    assert ("release_date", "2024-07-12") in dates
    ocr_mark = page([(40, 30, "ДЕКЛАРАЦИЯ НА ТОВАРЫ"), (40, 60, "44 Документы: 04021 инвойс & INV-2024/7649 от 03.05.2024")])
    marked = {(d.role, d.value) for d in read_fields(DocType.customs_declaration, [ocr_mark], NOM).dates}
    assert marked == {("reference_date", "2024-05-03")}, "`&` is OCR's `№`, not the end of the document's name"


def test_ocr_vin_takes_its_most_plausible_reading() -> None:

    p = scan_page([(40, 40, "VIN SYJU7T3TSMZ687809"), (40, 60, "VIN WVWZZZ1JZXW00S001")], 0.8)
    assert set(values(read_fields(DocType.invoice, [p], NOM).vins)) == {"5YJU7T3T5MZ687809", "WVWZZZ1JZXW005001"}


def test_vins_glued_to_their_label_or_to_each_other_are_read_each_with_its_own_box() -> None:
    """OCR drops the I of `VIN` and the space after a list's comma: `VNJTMYNECJ2M4992775,.JTMJJJND5M6093652`."""

    p = scan_page([(40, 40, "VNJTMYNECJ2M4992775,.JTMJJJND5M6093652"), (40, 60, "VIN:XW8ZZZ61ZDG000001")], 0.8)
    vins = read_fields(DocType.invoice, [p], NOM).vins
    assert set(values(vins)) == {"JTMYNECJ2M4992775", "JTMJJJND5M6093652", "XW8ZZZ61ZDG000001"}
    first, second = sorted((v for v in vins if v.value.startswith("JTM")), key=lambda v: v.bbox[0])  # type: ignore[union-attr]
    word = p.words[0].bbox
    assert first.bbox[0] > word[0] and first.bbox[2] <= second.bbox[0] and second.bbox[2] <= word[2] + 0.01  # type: ignore[index]


@pytest.mark.parametrize("text", [
    "ИНВОЙС | INVOICE № RE23349237",  # `INVOICE` + the number after its sign: 17 characters, a Japanese WMI
    "29,BUH050842730193",  # a list's items glued by OCR, 17 characters with the comma dropped
    "VNFTGPBYCXN9071467",  # OCR's `VN` for the label, glued to a VIN that lost its first character
    "VIN 1FTKWH3H9M1756 726319",  # the label's word and a VIN that lost three glyphs: 17 once the label joins it
    "A684AK174/,HH353077",  # a truck's and a trailer's plates, a slash and a speck between them
    "P237PC551PR546996",  # `Р237РС55 / РР5469 96`, the slash read as 1 and the trailer's Р as R
    "SKOHOMMYECKHA C003",  # a photo's garbled line: a letter among a serial's last four
    "KJDT0W34819300002",  # a re-read of `картона 4819300002`: a TN VED code glued to the garbled word before it
])
def test_scanned_runs_that_only_count_seventeen_are_no_vin(text: str) -> None:
    assert read_fields(DocType.invoice, [scan_page([(40, 40, text)], 0.9)], NOM).vins == []


def test_a_vin_read_with_the_v_of_its_label_before_it() -> None:
    """A re-read of the run after `VIN:` kept the label's V (`VWBAEG5D5BNT554917`): BMW's WBA opens the rest, and no
    maker's WMI opens with VWB."""
    f = read_fields(DocType.invoice, [scan_page([(40, 40, "VWBAEG5D5BNT554917")], 0.9)], NOM)
    assert [v.value for v in f.vins] == ["WBAEG5D5BNT554917"]


def test_a_vin_whose_last_ten_are_digits_but_no_code_stands() -> None:
    """A model year of 2001-2009 and a numbered plant make a VIN's last ten all digits; they are a code only when
    the nomenclature has them."""
    f = read_fields(DocType.invoice, [scan_page([(40, 40, "JTDBT923571234567")], 0.9)], NOM)
    assert [v.value for v in f.vins] == ["JTDBT923571234567"]


def test_a_scanned_vins_serial_is_numbered() -> None:
    """ISO 3779 numbers a vehicle in its last four positions. The reading whose `0` turned `D` would pass the check
    digit (by chance: one in eleven do), but the digits as read outrank it, for the filing's other papers to
    respell; a run with a `C` there, whichever way it is read, is no VIN."""
    f = read_fields(DocType.invoice, [scan_page([(40, 40, "VIN 1FTUYCEK5PS409400")], 0.9)], NOM)
    assert [str(v.value)[-6:] for v in f.vins] == ["409400"]
    assert read_fields(DocType.invoice, [scan_page([(40, 40, "VIN 1FTUYCEK5PS4094C0")], 0.9)], NOM).vins == []


def test_a_scanned_vin_one_character_off_another_before_its_serial_is_the_same_vehicle_misread() -> None:
    """The plant code's R read as B where the VIN label sits, right on the goods line: one truck, not two. A fleet's
    VINs one character apart in the serial are different vehicles."""
    p = scan_page([(40, 40, "1 WDBT4VHVXRH744216, 8701219090"), (40, 60, "VIN WDBT4VHVXBH744216"),
                   (40, 80, "VIN WDBT4VHVXRH744217")], 0.9)
    p = p.model_copy(update={"words": [w.model_copy(update={"confidence": 0.21}) if w.text == "WDBT4VHVXBH744216" else w
                                       for w in p.words]})
    assert values(read_fields(DocType.cmr, [p], NOM).vins) == ["WDBT4VHVXRH744216", "WDBT4VHVXRH744217"]


def test_a_makers_wmi_is_not_traded_for_a_check_digit_that_holds_by_chance() -> None:
    from extractor.ids import vin as vin_id

    # 1TMYNECJ2M4992775 passes the North American check digit, but 1TM is nobody's WMI and JTM is Toyota's
    assert vin_id.has_valid_check_digit("1TMYNECJ2M4992775")
    assert vin_id.candidates("JTMYNECJ2M4992775")[0] == "JTMYNECJ2M4992775"


def test_kazakh_labels_with_i_are_found() -> None:
    """`Күні`, `елі`: Kazakh і folds to a Latin i, in the label as in the text."""
    from extractor.readers.vocabulary import find_labels

    assert [lab.role for lab, _, _ in find_labels("Шығарылған елі / Страна происх.", "country")][:1] == ["origin"]
    assert [lab.role for lab, _, _ in find_labels("Шот-фактура Күні / Дата", "date")] == ["invoice_date"]


def test_import_application_heading_and_invoice_column_dates() -> None:
    p = page([
        (40, 20, "ӨТІНІШ / ЗАЯВЛЕНИЕ"),
        (40, 32, "№ 200 от 05.07.2023"),
        (40, 50, "Договор (контракт) № EX-2023/248 от 22.06.2023"),
        (40, 80, "№ Наименование товара"), (400, 80, "Шот-фактура Күні / Дата"),
        (400, 92, "№"),
        (40, 104, "Машины вычислительные"),
        (40, 116, "1 (ноутбуки) 8471500000"), (400, 116, "2562"), (466, 116, "22.06.2023"),
    ])
    dates = {(d.role, d.value) for d in read_fields(DocType.import_application, [p], NOM).dates}
    assert ("document_date", "2023-07-05") in dates, "a bare `№ 200 от` is the application's own heading"
    assert ("reference_date", "2023-06-22") in dates and ("invoice_date", "2023-06-22") in dates


def test_ocr_labels_match_with_one_misread_letter_and_text_layers_only_exactly() -> None:
    """`Действительно ло` is OCR's `до`: on a scan the label still gives the date its role; a text layer's text is
    what was typed, so there it must match exactly."""

    rows = [(40, 30, "СВИДЕТЕЛЬСТВО О БЕЗОПАСНОСТИ КОНСТРУКЦИИ"),
            (40, 60, "Дата оформления: 10.07.2023 Действительно ло: 10.07.2026")]
    scanned = scan_page(rows)
    roles = {d.value: d.role for d in read_fields(DocType.conformity_certificate, [scanned], NOM).dates}
    assert roles == {"2023-07-10": "issue_date", "2026-07-10": "valid_until"}
    typed = {d.value: d.role for d in read_fields(DocType.conformity_certificate, [page(rows)], NOM).dates}
    assert typed["2026-07-10"] != "valid_until"


def test_a_validity_range_starts_and_ends() -> None:
    """`Срок действия с 01.02.2024 по 31.01.2029`: one label over two dates; the first is when validity begins, and
    reading it as the end made a valid certificate look expired."""
    for text in ("СРОК ДЕЙСТВИЯ С 01.02.2024 ПО 31.01.2029 ВКЛЮЧИТЕЛЬНО", "Valid from 01.02.2024 to 31.01.2029",
                 "Жарамдылық мерзімі 01.02.2024 ж. бастап 31.01.2029 ж. дейін", "Срок действия: 01.02.2024 - 31.01.2029"):
        p = page([(40, 20, "СЕРТИФИКАТ СООТВЕТСТВИЯ"), (40, 40, text)])
        roles = {d.value: d.role for d in read_fields(DocType.conformity_certificate, [p], NOM).dates}
        assert roles["2029-01-31"] == "valid_until", text
        assert roles["2024-02-01"] != "valid_until", text


def test_a_long_ocr_label_with_a_letter_added_or_dropped_is_found_and_a_short_one_is_not() -> None:
    """`Салмахгы, кг` is OCR's `Салмағы, кг` (the application's net weight column) with a letter added; a label as
    short as `брутто` with a letter more is another word, and a text layer matches exactly."""
    from extractor.readers.vocabulary import find_labels, ocr_labels

    def roles(text: str) -> list[str]:
        return [lab.role for lab, _, _ in find_labels(text, "weight")]

    with ocr_labels():
        assert roles("Саны Салмахгы, кг Куны") == ["net"]
        assert roles("Саны Салмгы, кг Куны") == ["net"]
        assert roles("Вес бруттоо") == []
        # a cell that holds only the label, a letter of its unit lost (5757-0129): shorter than the label itself
        assert roles("Салмагы, г") == ["net"]
        assert roles("Салмаг, г") == []
    assert roles("Саны Салмахгы, кг Куны") == []
    assert roles("Салмагы, г") == []


def test_a_label_long_enough_is_found_with_two_letters_misread_and_the_nearer_reading_wins() -> None:
    """A CMR's `Bruttogewicht` read `oruttogewicnt` (3737-0267): a label of thirteen letters or more two letters off
    is still found; a shorter one is not, nor one two letters off with a letter added. A label of two words and
    eleven letters or more is found with a letter misread in each of two words of five letters or more (`Маска
    метто`, 3737-0208), not with both in one (`Масса мекто`). Where two labels both lie
    near the text, the nearer one is the reading: `дата погрузкн` is `дата погрузки` (one letter off), not
    `дата отгрузки` (three)."""
    from extractor.readers.vocabulary import find_labels, ocr_labels

    def roles(text: str, section: str = "weight") -> list[str]:
        return [lab.role for lab, _, _ in find_labels(text, section)]

    with ocr_labels():
        assert roles("DL oruttogewicnt tg") == ["gross"]
        assert roles("oruttogewicnt") == ["gross"]
        assert roles("xoruttogewicnt") == []
        assert roles("Вес бпуттп") == []
        assert roles("Keres — Маска метто, кг Стоимость") == ["net"]
        assert roles("Масса мекто") == []
        assert roles("|Салмаьы, ке (Kym)") == [], "a unit of two letters, one wrong, is no unit (4545-0233)"
        assert roles("дата погрузкн", "date") == roles("дата погрузки", "date") != roles("дата отгрузки", "date")
    assert roles("DL oruttogewicnt tg") == []


def test_a_time_of_day_under_a_weight_label_is_no_weight() -> None:
    """A photographed application's net column read `23:53` from its row's noise (4545-0233): hours and minutes are
    no weight. A figure with its unit stands, and so does one past any hour."""
    def net(row: str) -> float | None:
        rows = [(40, 80, "Тауар атауы / Наименование"), (300, 80, "Салмағы, кг"), (40, 96, "Машины"), (300, 96, row)]
        f = read_fields(DocType.import_application, [scan_page(rows)], NOM)
        return None if f.net_weight_kg is None else float(f.net_weight_kg.value)

    assert net("23:53") is None
    assert net("2 866,2") == 2866.2
    # a product passport's `7,499.00` read `7,499:00` (1212-0163): no hour is 7 499
    rows = [(40, 80, "Product"), (300, 80, "Gross wt (kg)"), (40, 96, "Motor lubricating oils"), (300, 96, "7,499:00"),
            (40, 112, "Plastic tubes and hoses"), (300, 112, "1,827.40")]
    gross = read_fields(DocType.product_passport, [scan_page(rows)], NOM).gross_weight_kg
    assert gross is not None and gross.value == 9326.4


def test_a_lone_digit_beside_a_weight_label_over_a_far_larger_figure_is_the_next_boxs() -> None:
    """A CMR's box 11 read `DL oruttogewicnt tg AZ uerang «3 / Voluer` (3737-0267): the `3` beside the gross label
    is box 12's `m3`, over `267.4` in the column. A lone digit over rows of its own size is the weight."""
    def gross(row: str) -> float | None:
        rows = [(40, 80, "6 Marks 9 Bezeichnung des Gutes"), (300, 80, "Bruttogewicht kg AZ uerang «3 / Voluer"),
                (40, 96, "25 cartons Toilet paper"), (300, 96, row)]
        f = read_fields(DocType.cmr, [scan_page(rows)], NOM)
        return None if f.gross_weight_kg is None else float(f.gross_weight_kg.value)

    assert gross("267.4") == 267.4
    assert gross("4") == 3.0


def test_an_ocr_label_whose_cyrillic_t_or_g_was_read_as_a_latin_r() -> None:
    """OCR reads the т of `брутто` as a Latin r (`Bec 6pyrro,`, `Bpyrro`) and the г of `кг` too: on a scan each reading
    of the r is sought; typed text matches as typed."""
    from extractor.readers.vocabulary import find_labels, ocr_labels

    def roles(text: str) -> list[str]:
        return [lab.role for lab, _, _ in find_labels(text, "weight")]

    with ocr_labels():
        assert roles("Вес нетто, т Bec 6pyrro,") == ["net", "gross"]
        assert roles("Масса Bpyrro") == ["gross"]
    assert roles("Вес нетто, т Bec 6pyrro,") == ["net"]


def test_a_scanned_hs_code_in_no_edition_is_repaired_to_the_one_it_was_misread_from() -> None:

    nom = hs_id.Nomenclature(edition="test", names={"4818201000": "бумага туалетная", "7013499100": "посуда"})
    rows = [(40, 60, "Код ТН ВЭД 4818 20 160 6"), (40, 80, "Код ТН ВЭД 7013 49 910 0")]
    scanned = scan_page(rows)
    codes = read_fields(DocType.invoice, [scanned], nom).hs_codes
    assert [(c.value, c.verified) for c in codes] == [("4818201000", False), ("7013499100", True)]
    assert codes[0].confidence < codes[1].confidence and codes[0].raw == "4818 20 160 6"
    typed = read_fields(DocType.invoice, [page(rows)], nom).hs_codes
    assert values(typed)[0] == "4818201606", "a typed code is what the document says, valid or not"


def test_commas_in_a_code_are_read_on_scans_only() -> None:
    """OCR turns a code's dots into commas (`3923,30,90.10`); in typed text `2796 11 296,8` is quantities."""

    nom = hs_id.Nomenclature(edition="test", names={"3923309010": "канистры", "2796112968": "—"})
    rows = [(40, 60, "Код ТН ВЭД"), (40, 80, "канистры 3923,30,90.10 шт 2796 11 296,8")]
    scanned = scan_page(rows)
    assert "3923309010" in values(read_fields(DocType.invoice, [scanned], nom).hs_codes)
    assert values(read_fields(DocType.invoice, [page(rows)], nom).hs_codes) == []


def test_a_scanned_code_glued_to_a_table_rule_is_read_from_the_run() -> None:
    """A cell's left rule OCR'd as `1` or `/` joins the code: an eleven-digit run holding one existing code at
    either end is that code; a run that holds none, or that is typed, is not."""

    nom = hs_id.Nomenclature(edition="test", names={"8528498002": "мониторы", "7010909902": "бутылки"})
    rows = [(40, 60, "Мониторы 18528498002 394"), (40, 80, "Бутылки /7010909902"), (40, 100, "Итого 12345678901")]
    scanned = scan_page(rows)
    codes = read_fields(DocType.invoice, [scanned], nom).hs_codes
    assert [(c.value, c.verified) for c in codes] == [("8528498002", False), ("7010909902", False)]
    assert codes[0].raw == "18528498002"
    assert values(read_fields(DocType.invoice, [page(rows)], nom).hs_codes) == []


def test_a_scanned_code_in_groups_glued_to_a_table_rule() -> None:
    """The rule before a code printed in groups read as a 1 (`13920 10.28.00`) or a slash (a re-read's
    `/3920.10.28.00`): the groups after it are the code, where it exists; a number's `123/` before groups is no
    rule, and groups that make no code are none."""
    nom = hs_id.Nomenclature(edition="test", names={"3920102800": "плёнка"})
    rows = [(40, 60, "1 |Пленка полиэтиленовая 13920 10.28.00 шт"), (40, 80, "/3920.10.28.00")]
    codes = read_fields(DocType.import_application, [scan_page(rows)], nom).hs_codes
    assert {c.value for c in codes} == {"3920102800"} and all(c.raw in ("3920 10.28.00", "3920.10.28.00") for c in codes)
    others = [(40, 60, "Заявка 123/3920.10.28.00"), (40, 80, "13921 10.28.00")]
    assert read_fields(DocType.import_application, [scan_page(others)], nom).hs_codes == []


def test_a_reread_that_puts_a_misread_code_right_stands_though_the_code_is_read_surer_elsewhere() -> None:
    """A certificate prints its code twice; the page pass read the second `8704129802` (another existing code), the
    re-read of that box `8704329802`, as the first reads. The box keeps the re-read: the misreading is no code of
    the paper's, though the first place, read surer, is the code's entry."""
    nom = hs_id.Nomenclature(edition="test", names={"8704329802": "грузовые", "8704129802": "самосвалы"})
    p = _with_rereads(scan_page([(40, 60, "Код ТН ВЭД ЕАЭС: 8704329802"), (40, 300, "Код ТН ВЭД ЕАЭС 8704129802")], 0.92),
                      [(136, 300, "8704329802", 0.66)])
    assert values(read_fields(DocType.conformity_certificate, [p], nom).hs_codes) == ["8704329802"]


def test_a_declarations_unlabelled_date_with_a_time_is_the_release_stamps() -> None:
    """The release decision prints a date and a time; when the scan lost its `ВЫПУСК РАЗРЕШЕН`, the time still
    tells it from the registration date (which a declaration carries in its registration number)."""
    rows = [(40, 60, "Декларация на товары"), (40, 80, "55201/010323/5502262"), (400, 780, "02.03.2023 12:09")]
    roles = {(d.value, d.role) for d in read_fields(DocType.customs_declaration, [page(rows)], NOM).dates}
    assert roles == {("2023-03-01", "registration_date"), ("2023-03-02", "release_date")}
    no_time = [*rows[:2], (400, 780, "02.03.2023")]
    roles = {(d.value, d.role) for d in read_fields(DocType.customs_declaration, [page(no_time)], NOM).dates}
    assert ("2023-03-02", "release_date") not in roles


def test_a_release_stamps_date_the_page_pass_garbled_is_read_by_its_reread() -> None:
    """The stamp's `17.05.2024 11:39` read `1105.2024 11:39` at 0.07, no date; the re-read of its box reads
    `17.05.2024` at 0.96. A re-read less sure than the garble puts nothing right."""
    rows = [(40, 60, "Декларация на товары"), (40, 80, "55209/170524/4432169"), (400, 780, "1105.2024 11:39")]
    p = scan_page(rows, 0.9)
    p = p.model_copy(update={"words": [w.model_copy(update={"confidence": 0.07}) if w.text == "1105.2024" else w
                                       for w in p.words]})
    box = next(w.bbox for w in p.words if w.text == "1105.2024")
    reread = [Word(text="17.05.2024", bbox=box, confidence=0.96, line_id=900)]
    roles = {(d.value, d.role) for d in read_fields(DocType.customs_declaration,
                                                    [p.model_copy(update={"rereads": reread})], NOM).dates}
    assert ("2024-05-17", "release_date") in roles
    unsure = [reread[0].model_copy(update={"confidence": 0.05})]
    roles = {(d.value, d.role) for d in read_fields(DocType.customs_declaration,
                                                    [p.model_copy(update={"rereads": unsure})], NOM).dates}
    assert ("2024-05-17", "release_date") not in roles


SCANNED_TABLES = {
    # OCR read the header's `(kg)` as `ron`: the numbers under the label run on past that word
    "the unit after a label misread": (DocType.packing_list, [
        (40, 80, "No Description"), (300, 80, "N.W. ron"), (420, 80, "G.W. (kg)"),
        (40, 96, "1 Glass bottles"), (340, 96, "1,414.70"), (460, 96, "1,466.60"),
        (40, 112, "2 Cardboard boxes"), (346, 112, "765.30"), (466, 112, "819.10"),
        (60, 128, "TOTAL"), (340, 128, "2,180.00"), (460, 128, "2,285.70"),
    ], {"gross_weight_kg": 2285.7, "net_weight_kg": 2180.0}),
    # `G.W. (kg)` read `G.W. {ко}`, the net's header garbled past reading: the bracketed word is the label's unit,
    # no next header cell, and the figures set flush right under it are the gross column's
    "a garbled unit in braces": (DocType.packing_list, [
        (40, 80, "No Description"), (250, 80, "мм. tkg}"), (400, 80, "G.W."), (432, 80, "{ко}"),
        (40, 96, "1 Glass bottles"), (250, 96, "1.302.261"), (440, 96, "1,542.14"),
        (40, 112, "2 Plastic containers"), (262, 112, "509.36"), (452, 112, "640.10"),
        (40, 128, "TOTAL"), (250, 128, "2,002.60]"), (440, 128, "2,182.20"),
    ], {"gross_weight_kg": 2182.2}),
    # `NET` came out as `МЕТ`: a header cell with a weight unit beside the gross column is the net column
    "an unread label before its unit": (DocType.invoice, [
        (40, 80, "DESCRIPTION"), (250, 80, "МЕТ KG"), (330, 80, "GROSSKG"), (420, 80, "PRICE KG"), (500, 80, "TOTAL USD"),
        (40, 96, "Office paper"), (250, 96, "9,798.00"), (330, 96, "10,596.80"), (420, 96, "0.15"), (500, 96, "1,173,153.60"),
    ], {"gross_weight_kg": 10596.8, "net_weight_kg": 9798.0}),
    # a stray mark glued before the label (`'N.W.`): the header cell still ends where the next one starts, and the
    # quantity just left of it is not the net weight
    "a mark glued before a label": (DocType.packing_list, [
        (40, 80, "No Description"), (200, 80, "Q'ty"), (250, 80, "'N.W. (kg)"), (340, 80, "G.W. (kg)"),
        (40, 96, "1 New pneumatic tyres"), (222, 96, "462."), (290, 96, "20,969.30"), (340, 96, "21,089.10"),
    ], {"gross_weight_kg": 21089.1, "net_weight_kg": 20969.3}),
    # a speck after the label read as `.`: no header cell starts there, and the figures set flush right under the
    # cell, past the speck, are the column's
    "a speck after a label": (DocType.invoice, [
        (40, 80, "DESCRIPTION"), (250, 80, "GROSS KG"), (312, 80, "."), (420, 80, "TOTAL USD"),
        (40, 96, "Office paper"), (300, 96, "102.2"), (420, 96, "1,173.60"),
        (40, 112, "Accumulators"), (288, 112, "11163.8"), (420, 112, "234,065.38"),
    ], {"gross_weight_kg": 11266.0}),
    # the next box's unit misread as tonnes (`12 Volume, m3` as `12 Volume, т`) is not the weight box's unit
    "a neighbour box's unit": (DocType.cmr, [
        (40, 80, "9 Nature of the goods"), (200, 80, "10 Statistical number 11 Gross weight, kg 12 Volume, т"),
        (40, 96, "Wheel loaders"), (200, 96, "8429511000"), (340, 96, "17985.5"),
    ], {"gross_weight_kg": 17985.5}),
    # a trilingual box title read badly: the `1` of its garbled tail is no weight; the figure under it is
    "a box title's garbled tail": (DocType.cmr, [
        (40, 80, "9 Bezeichnung"), (200, 80, "10CraT. номер / Statistical Вес брутто. кг / Bruttogewk®ROG wen, м3 / Volume | 1)"),
        (40, 96, "WHEEL LOADERS"), (200, 96, "8429511000"), (392, 96, "16700"),
    ], {"gross_weight_kg": 16700.0}),
    # a column in pounds (`(lbs)`, OCR's `(Ibs)`) is converted to kilograms
    "a column in pounds": (DocType.packing_list, [
        (40, 80, "Item Description"), (300, 80, "Net Wt (Ibs)"), (420, 80, "Gross Wt (lbs)"),
        (40, 96, "1 Engine oil filters"), (300, 96, "1,650.00"), (420, 96, "1,810.00"),
        (40, 112, "Total"), (300, 112, "1,650.00"), (420, 112, "1,810.00"),
    ], {"gross_weight_kg": 821.002, "net_weight_kg": 748.427}),
    # a waybill's mass in tonnes to three decimals whose mark OCR lost (`2,884` read as `2884`) is kilograms, not
    # 2,884 tonnes; a figure that kept its mark is tonnes as printed
    "tonnes whose decimal mark was lost": (DocType.waybill, [
        (40, 80, "Наименование товара"), (300, 80, "Масса нетто, т"), (420, 80, "Масса брутто, т"),
        (40, 96, "Ноутбуки"), (300, 96, "2,743"), (420, 96, "2884"),
    ], {"gross_weight_kg": 2884.0, "net_weight_kg": 2743.0}),
    # a soft photo's `Вес брутто, т` read `Вес брутто. +`, in the last column: the `+` is the tonnes' `т`
    "tonnes read as a plus": (DocType.packing_list, [
        (40, 80, "Наименование товара"), (300, 80, "Вес нетто, т"), (420, 80, "Вес брутто. +"),
        (40, 96, "Пленка полиэтиленовая"), (300, 96, "20,979"), (420, 96, "22,808"),
    ], {"gross_weight_kg": 22808.0, "net_weight_kg": 20979.0}),
    # a `+` that adds a word to the label is no unit
    "a plus that adds to the label": (DocType.packing_list, [
        (40, 80, "Description"), (300, 80, "Gross weight, + pallets"),
        (40, 96, "Glass bottles"), (300, 96, "850"),
    ], {"gross_weight_kg": 850.0}),
    # and its `Вес` garbled (`Rec`): the label is `брутто` alone, and the figures under the cell, set further left
    # than the label's middle, are still its column
    "a header's head garbled": (DocType.packing_list, [
        (40, 80, "Наименование товара"), (300, 80, "Вес нетто, т"), (400, 80, "Rec брутто. +"),
        (40, 96, "Пленка полиэтиленовая"), (300, 96, "20,979"), (396, 96, "22,808"),
    ], {"gross_weight_kg": 22808.0, "net_weight_kg": 20979.0}),
    # ...or read as digits (`13505 брутто. «г` for a CMR's `11 Вес брутто, кг`, seed 3737): the word tight before
    # the label is still its cell's head, and the figure under it, left of the label, its column's
    "a header's head read as digits": (DocType.cmr, [
        (40, 80, "9 Наименование груза"), (200, 80, "10 Стат. номер"), (330, 80, "13505 брутто. «г"),
        (450, 80, "12 Объем, м3"),
        (40, 96, "Комбайн зерноуборочный"), (200, 96, "8433115900"), (330, 96, "30400"),
    ], {"gross_weight_kg": 30400.0}),
    # a header's unit wrapped onto the next line is the column's (`Масса брутто,` over `т`)...
    "a unit wrapped under its header": (DocType.waybill, [
        (40, 80, "Наименование товара"), (300, 80, "Масса нетто,"), (420, 80, "Масса брутто,"),
        (300, 94, "т"), (420, 94, "т"),
        (40, 110, "Ноутбуки"), (300, 110, "2,743"), (420, 110, "2,884"),
    ], {"gross_weight_kg": 2884.0, "net_weight_kg": 2743.0}),
    # ...but a header that names kilograms keeps them: a seed-4545 photo's speck under `G.W. (kg)` read as `т` made
    # its 87.4 kg 87.4 tonnes
    "a stray mark under a header that says kg": (DocType.packing_list, [
        (40, 80, "Description"), (300, 80, "N.W. (kg)"), (420, 80, "G.W. (kg)"),
        (40, 94, "2 №"), (430, 94, "т"),
        (40, 110, "Glass beverage bottles"), (300, 110, "77.6"), (420, 110, "84.7"),
        (40, 126, "TOTAL"), (300, 126, "77.6"), (420, 126, "84.7"),
    ], {"gross_weight_kg": 84.7, "net_weight_kg": 77.6}),
}


@pytest.mark.parametrize("case", SCANNED_TABLES)
def test_scanned_table_columns(case: str) -> None:
    doc_type, rows, expected = SCANNED_TABLES[case]
    f = read_fields(doc_type, [scan_page(rows)], NOM)
    assert {name: getattr(f, name).value if getattr(f, name) else None for name in expected} == expected


def test_a_bilingual_header_cell_whose_word_boxes_overlap() -> None:
    """Only `Нетто` reads as a label (`Ta3za` is OCR's `Таза`), and the box of `салмақ` reaches past the `/`
    after it: the cell still starts at `Ta3za`, where its numbers are."""
    p = scan_page([
        (40, 80, "№ Атауы / Наименование"), (300, 80, "Ta3za салмақ / Нетто"), (430, 80, "Жалпы салмақ / Брутто"),
        (40, 96, "1 Трубы и шланги из пластмасс"), (300, 96, "4 646,5 кг"), (430, 96, "5 027,5 кг"),
        (40, 112, "Барлығы / Итого"), (300, 112, "4 646,5 кг"), (430, 112, "5 027,5 кг"),
    ])
    slash = next(w for w in p.words if w.text == "/" and 330 < w.bbox[0] < 400)
    words = [w.model_copy(update={"bbox": (w.bbox[0], w.bbox[1], slash.bbox[2] + 1, w.bbox[3])})
             if w.text == "салмақ" and w.bbox[0] < slash.bbox[0] < 400 else w for w in p.words]
    f = read_fields(DocType.packing_list, [p.model_copy(update={"words": words})], NOM)
    assert {"gross_weight_kg": f.gross_weight_kg and f.gross_weight_kg.value,
            "net_weight_kg": f.net_weight_kg and f.net_weight_kg.value} == {"gross_weight_kg": 5027.5, "net_weight_kg": 4646.5}


def test_a_scanned_number_whose_thousands_ocr_set_wide_apart_is_one_number() -> None:
    """OCR's boxes leave a gap of about a line height in `20 959,7`: still one number, not `20` and `959,7`."""
    f = read_fields(DocType.product_passport, [scan_page([(40, 80, "Масса нетто партии:"), (170, 80, "20"),
                                                       (193, 80, "959,7 кг")])], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 20959.7


def test_totals_that_add_up_give_the_weight_whose_header_ocr_garbled() -> None:
    """No weight label survived OCR, but the total row's numbers are the sums of the columns above them: on a CMR
    the largest is the gross weight (box 11); beside a labelled gross column, the one between half of it and it is
    the net. Typed text is read as written: there a missing label stays missing."""
    cmr = [
        (40, 80, "6 Знаки 7 Кол-во мест 8 Род упаковки 9 Наименование груза 10 Стат. Цох Goyree, х"),
        (100, 96, "264"), (130, 96, "коробка Машины вычислительные портативные"), (420, 96, "8777.5"),
        (100, 112, "15"), (130, 112, "бочка Масла смазочные моторные"), (414, 112, "22820.6"),
        (40, 150, "Итого мест:"), (100, 150, "279"), (414, 150, "31598.1"),
    ]
    f = read_fields(DocType.cmr, [scan_page(cmr)], NOM)
    assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg) == (31598.1, None)
    assert f.gross_weight_kg.confidence <= 0.7
    assert read_fields(DocType.cmr, [page(cmr)], NOM).gross_weight_kg is None

    packing = [
        (40, 80, "No Description"), (200, 80, "Pkgs"), (240, 80, "Q'ty"), (300, 80, "Bec мемо"), (420, 80, "G.W. (kg)"),
        (40, 96, "1 Glass bottles"), (200, 96, "61"), (240, 96, "2460"), (340, 96, "1,414.70"), (460, 96, "1,466.60"),
        (40, 112, "2 Cardboard boxes"), (200, 112, "19"), (240, 112, "670"), (346, 112, "765.30"), (466, 112, "819.10"),
        (60, 128, "TOTAL"), (200, 128, "80"), (240, 128, "3130"), (340, 128, "2,180.00"), (460, 128, "2,285.70"),
    ]
    f = read_fields(DocType.packing_list, [scan_page(packing)], NOM)
    assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg and f.net_weight_kg.value) == (2285.7, 2180.0)


def test_a_scanned_label_with_its_last_letter_misread_or_a_speck_before_it_is_found() -> None:
    """`Кун!` is OCR's `Күні` (the alignment stops before the `!`), and a speck read as a backtick opens the
    cell: the date under either header is still the invoice's."""
    for header in ("Шот-фактура Кун! / Дата", "`Шот-фактура Кун!/ Дата"):
        p = scan_page([
            (40, 80, "№ Тауар атауы / Наименование"), (400, 80, header),
            (40, 96, "1 Аккумуляторы свинцовые"), (400, 96, "03.01.2023"),
        ])
        roles = {d.role for d in read_fields(DocType.import_application, [p], NOM).dates}
        assert roles == {"invoice_date"}, header


def test_an_application_goods_rows_date_is_its_invoices_under_any_header() -> None:
    """The application's goods row names its invoice by number and date; OCR may leave no header to say so."""
    p = scan_page([
        (40, 20, "ӨТІНІШ / ЗАЯВЛЕНИЕ"), (40, 32, "№ 11 от 2 маусым 2024 ж."),
        (40, 80, "ко Тауар атауы ШыгарылЕан eni Шот-фактура. Kyni / Дата"),
        (40, 96, "1 Бумага туалетная 4818 20 100 6 шт 1686 321,8 Армения 1046 09.05.2024"),
    ])
    dates = {(d.role, d.value) for d in read_fields(DocType.import_application, [p], NOM).dates}
    assert dates == {("document_date", "2024-06-02"), ("invoice_date", "2024-05-09")}


def test_declaration_weights_whose_box_titles_ocr_lost_are_read_by_the_box_before_them() -> None:
    """Sheet 1 lost its box titles to the scan; box 35 follows the origin (34, `156 CN`) and box 38 the procedure
    code (37, `40 00 000`). Sheet 2 reads by its titles, and the declaration's weights are the sheets' sums."""
    from extractor.models import PageSource

    first = scan_page([
        (40, 100, "31 Грузовые места и описание товаров"),
        (40, 120, "ПРОИЗВОДИТЕЛЬ: CHERY AUTOMOBILE CO., LTD. 156 CN 14792.900 00-00-00"),
        (300, 140, "40 00 000 13529.900"),
    ])
    second = page([
        (40, 100, "2) 55 паллета Код страны происх."), (300, 100, "35 Вес брутто (кг)"),
        (40, 120, "ПРОИЗВОДИТЕЛЬ: CHERY AUTOMOBILE CO., LTD. CN"), (300, 120, "2694.200"),
        (300, 140, "38 Вес нетто (кг)"), (300, 156, "2608.000"),
    ], number=2, source=PageSource.ocr)
    f = read_fields(DocType.customs_declaration, [first, second], NOM)
    assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg and f.net_weight_kg.value) == (17487.1, 16137.9)
    # the marks read as spaces (`4165 400`: the form groups no thousands); a figure of groups is no box 38's
    spaced = scan_page([(40, 120, "ПРОИЗВОДИТЕЛЬ: HANKOOK TRADING CO 110 410 KR 4165 400 00-00-00"),
                        (300, 140, "40 00 000 3842 600")])
    f = read_fields(DocType.customs_declaration, [spaced], NOM)
    assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg and f.net_weight_kg.value) == (4165.4, 3842.6)
    grouped = read_fields(DocType.customs_declaration, [scan_page([(300, 140, "40 00 000 1 842 600")])], NOM)
    assert grouped.net_weight_kg is None
    # its last nought lost (`1092.10`)
    short = read_fields(DocType.customs_declaration, [scan_page([(40, 120, "TOYOTA TSUSHO 392 JP | 1092.10 00-00-00")])],
                        NOM)
    assert short.gross_weight_kg is not None and short.gross_weight_kg.value == 1092.1
    # a speck read as a dot after box 35's figure, and box 37's left rule read as a 1 before the procedure code
    specked = read_fields(DocType.customs_declaration, [scan_page([
        (40, 120, "ПРОИЗВОДИТЕЛЬ: WULING МОДЕЛЬ: Hongguang . JP 1250.000. 00-00-00"), (300, 140, "140 00 600 1250.000")])],
        NOM)
    assert (specked.gross_weight_kg and specked.gross_weight_kg.value,
            specked.net_weight_kg and specked.net_weight_kg.value) == (1250.0, 1250.0)
    # box 22's currency code and amount (`156 16 773 219,00`) above box 38's are no procedure code and weight
    priced = read_fields(DocType.customs_declaration, [scan_page([
        (40, 100, "БИН 140740247686 156 16 773 219,00"), (300, 140, "40 00 000 3600.000")])], NOM)
    assert priced.net_weight_kg is not None and priced.net_weight_kg.value == 3600.0
    # box 37's rule and a speck beside it read as two marks, a speck before box 35's figure as a small letter
    ruled = read_fields(DocType.customs_declaration, [scan_page([
        (40, 120, "ПРОИЗВОДИТЕЛЬ: SHANDONG LINGLONG TYRE CO., ЕТО, 156 СМ у 447.100. 00-00-00"),
        (300, 140, "| 40 00 000 : | 399.900")])], NOM)
    assert (ruled.gross_weight_kg and ruled.gross_weight_kg.value, ruled.net_weight_kg and ruled.net_weight_kg.value) == \
        (447.1, 399.9)
    # box 37's rule read as a semicolon, a space in the procedure code as a dot (1515-0134)
    semicolon = read_fields(DocType.customs_declaration, [scan_page([(300, 140, "40.00 000 ; 5835.200")])], NOM)
    assert semicolon.net_weight_kg is not None and semicolon.net_weight_kg.value == 5835.2


def test_a_declarations_box_figure_that_ocr_cut_with_a_space_is_read_whole() -> None:
    """Box 38's `4740.000` read `47 40.000` under its title: a group of two digits is no thousands group, and the
    form groups none, so the two parts are one figure, not 47 kg."""
    rows = [(300, 100, "38 Нетто салмагы (кг)"), (300, 116, "47 40.000")]
    f = read_fields(DocType.customs_declaration, [scan_page(rows)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 4740.0
    # a text layer prints what it means: its two figures are two
    f = read_fields(DocType.customs_declaration, [page(rows)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value != 4740.0


def test_a_figure_with_a_speck_after_it_beside_another_boxs_code() -> None:
    """An added sheet's box 38 under its title, beside box 37's procedure code, with a speck read as a last dot
    (`40 90 000          360.400.`): the sheet's net weight, added to the first sheet's."""
    sheets = [scan_page([(300, 100, "38 Вес нетто (кг)"), (40, 116, "40 00 000" + " " * 40 + "737.500")]),
              scan_page([(300, 100, "38 Вес нетто (кг)"), (40, 116, "40 90 000" + " " * 40 + "360.400.")])]
    sheets[1] = sheets[1].model_copy(update={"number": 2})
    f = read_fields(DocType.customs_declaration, sheets, NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 1097.9


def test_a_scanned_figure_with_a_zero_before_its_whole_kilograms_is_no_weight() -> None:
    """A sideways photo's `TOTAL N.W.: 539.7 kg` read `TOTAL NW. $0749`: no paper prints a weight so; a tonnage's
    `0,749` still is one."""
    def net(text: str) -> float | None:
        f = read_fields(DocType.invoice, [scan_page([(40, 40, "COMMERCIAL INVOICE"), (40, 80, text)], 0.7)], NOM)
        return f.net_weight_kg and float(f.net_weight_kg.value)

    assert net("TOTAL NW. $0749") is None
    assert net("TOTAL N.W.: 0,749 t") == 749.0
    assert net("TOTAL N.W.: 749 kg") == 749.0


def test_a_speck_read_as_a_hyphen_inside_a_declarations_figure_leaves_it_one_figure() -> None:
    """A seed-4545 declaration's box 35 read `230-48.000` (a speck among the digits of 23048.000): the gross was
    taken as 230."""
    rows = [(40, 30, "ДЕКЛАРАЦИЯ НА ТОВАРЫ"), (40, 60, "35 Вес брутто. кг 230-48.000"),
            (40, 80, "38 Bee нетто. кг 20917.000")]
    f = read_fields(DocType.customs_declaration, [scan_page(rows, 0.7)], NOM)
    assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg and f.net_weight_kg.value) == \
        (23048.0, 20917.0)


def test_a_scans_net_far_under_its_gross_and_read_unsurely_is_left_out() -> None:
    """`10 531.6` read `4} 531.6`, the `4}` at 0.32: a net of 4 kg beside a gross of 11 605.7 is a misreading, not
    a finding; read as surely as the gross, both stand for the checks to weigh."""
    rows = [(40, 40, "ПАСПОРТ КАЧЕСТВА"), (40, 60, "Масса нетто партии: 4} 531.6 кг"),
            (40, 80, "Масса брутто партии: 11 605.7 кг")]
    unsure = scan_page(rows, 0.9)
    unsure = unsure.model_copy(update={"words": [w.model_copy(update={"confidence": 0.32}) if w.text == "4}" else w
                                                 for w in unsure.words]})
    f = read_fields(DocType.product_passport, [unsure], NOM)
    assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg) == (11605.7, None)
    f = read_fields(DocType.product_passport, [scan_page(rows, 0.9)], NOM)
    assert f.net_weight_kg is not None and f.gross_weight_kg is not None


def _goods_rows(first: int, n: int, y: float) -> list[tuple[float, float, str]]:
    return [r for i in range(n) for r in ((40, y + 15 * i, str(first + i)), (70, y + 15 * i, "Plastic crates"),
                                          (300, y + 15 * i, "1 000.00"), (370, y + 15 * i, "1 050.00"))]


def test_a_table_that_runs_on_to_the_next_page_without_its_header() -> None:
    """A packing list's lines go on over page 2 under page 1's header, with or without a total row there: page 1's
    lines alone were taken for the shipment's, a false mismatch of a third of its weight."""
    first = [(40, 30, "PACKING LIST"), (40, 100, "No."), (70, 100, "Description"), (300, 100, "N.W. (kg)"),
             (370, 100, "G.W. (kg)")] + _goods_rows(1, 10, 115)
    second = [(300, 40, "Page 2 of 2")] + _goods_rows(11, 5, 60)
    total = [(40, 140, "TOTAL"), (300, 140, "15 000.00"), (370, 140, "15 750.00")]
    for rows in (second, second + total):
        for make in (page, scan_page):
            # the continuation after a duplex scan's blank back page, which has no words
            pages = [make(first), make(rows).model_copy(update={"number": 3})]
            f = read_fields(DocType.packing_list, pages, NOM)
            assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg and f.net_weight_kg.value) == \
                (15750.0, 15000.0), (make.__name__, len(rows))


def test_a_next_pages_text_is_no_continued_table() -> None:
    """Page 2 holds the terms, not more lines: its figures under the column are no weights."""
    first = [(40, 30, "PACKING LIST"), (40, 100, "No."), (70, 100, "Description"), (300, 100, "N.W. (kg)"),
             (370, 100, "G.W. (kg)")] + _goods_rows(1, 3, 115)
    terms = [(40, 40 + 15 * i, "Terms of delivery and payment apply as agreed in the contract of sale") for i in range(6)]
    f = read_fields(DocType.packing_list, [page(first), page(terms + [(300, 140, "30")], number=2)], NOM)
    assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg and f.net_weight_kg.value) == (3150.0, 3000.0)


def test_a_bilingual_label_pair_does_not_end_its_own_value() -> None:
    """`брутто / gross: 5189 кг`: the English label repeats the Russian, so the value after it is still gross,
    also when OCR's box of `брутто` runs over the rest of the line: not the amount on the line below it."""
    p = scan_page([(40, 80, "Итого нетто / Total net: 4880,600 кг; брутто / gross: 5189 кг"),
                  (40, 96, "Итого к оплате:"), (270, 96, "36 918,18")])
    end = p.words[-1].bbox[2]
    p = p.model_copy(update={"words": [w.model_copy(update={"bbox": (w.bbox[0], w.bbox[1], end, w.bbox[3])})
                                       if w.text == "брутто" else w for w in p.words]})
    f = read_fields(DocType.invoice, [p], NOM)
    assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg and f.net_weight_kg.value) == (5189.0, 4880.6)


def test_a_declarations_gross_after_origin_letters_whose_code_ocr_lost() -> None:
    f = read_fields(DocType.customs_declaration, [scan_page([
        (40, 120, "ПРОИЗВОДИТЕЛЬ: HANKOOK TRADING CO., LTD. KR 4839.100 00-00-00"),
    ])], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 4839.1
    no_country = read_fields(DocType.customs_declaration, [scan_page([(40, 120, "ПРОИЗВОДИТЕЛЬ: LTD. QQ 4839.100")])], NOM)
    assert no_country.gross_weight_kg is None, "`QQ` is no country: no box 34 before the number"


def test_a_scanned_run_opening_with_0_is_no_vin() -> None:
    """A declaration's box 44 (`04021 SDL-2024/01607`) read as one word is seventeen VIN characters, but no WMI
    opens with 0."""
    f = read_fields(DocType.customs_declaration, [scan_page([(40, 80, "44 04021SDL202401607 ОТ 20.09.2023")])], NOM)
    assert f.vins == []


def test_an_uzbek_invoice_in_latin_script_and_a_turkish_origin() -> None:
    """An Uzbek seller's HISOB-FAKTURA: `Sof og'irlik` (net) and `Yalpi og'irlik` (gross) over the columns, `Jami`
    the totals row, and the origin in Uzbek (`Kelib chiqish mamlakati ... O'zbekiston`); Turkish `Menşei`."""
    rows = [(40, 150, "№"), (60, 150, "Tovar nomi"), (220, 150, "TN VED kodi"), (350, 150, "Sof og'irlik, kg"),
            (460, 150, "Yalpi og'irlik, kg"), (40, 166, "1"), (60, 166, "Plastik yashik"), (220, 166, "3923100000"),
            (350, 166, "2 560"), (460, 166, "2 740"), (60, 184, "Jami / Total"), (350, 184, "2 560"), (460, 184, "2 740"),
            (40, 214, "Kelib chiqish mamlakati: O'zbekiston")]
    f = read_fields(DocType.invoice, [page(rows)], NOM)
    assert (f.net_weight_kg and f.net_weight_kg.value, f.gross_weight_kg and f.gross_weight_kg.value) == (2560.0, 2740.0)
    assert {(c.role, c.value) for c in f.countries} == {("origin", "UZ")}
    turkish = read_fields(DocType.invoice, [page([(40, 80, "MENŞEİ: TÜRKİYE")])], NOM)  # Turkish, its capital İ
    assert [(c.role, c.value) for c in turkish.countries] == [("origin", "TR")]


def test_an_e_invoices_sums_that_add_up_are_no_weights() -> None:
    """A scanned ЭСФ has no weight label, but its money columns add up to their total row like a packing list's
    weights: `Стоимость без НДС` and `Всего с НДС` were taken for the net and gross weights (11 780 000 kg)."""
    rows = [(135, 200, "Наименование ТРУ"), (410, 200, "Кол-во"), (520, 200, "Стоимость без НДС"),
            (650, 200, "Всего с НДС"),
            (135, 214, "Пленка полиэтиленовая"), (410, 214, "12 400"), (520, 214, "11 780 000,00"),
            (650, 214, "13 193 600,00"),
            (135, 230, "Итого"), (520, 230, "11 780 000,00"), (650, 230, "13 193 600,00")]
    f = read_fields(DocType.invoice, [scan_page(rows)], NOM)
    assert (f.gross_weight_kg, f.net_weight_kg) == (None, None)
    weights = [(135, 200, "Наименование"), (410, 200, "Кол-во"), (520, 200, "Масса (кг)"), (650, 200, "Всего, кг"),
               (135, 214, "Пленка"), (410, 214, "10"), (520, 214, "11 780,00"), (650, 214, "13 193,60"),
               (135, 230, "Итого"), (520, 230, "11 780,00"), (650, 230, "13 193,60")]
    f = read_fields(DocType.invoice, [scan_page(weights)], NOM)
    assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg and f.net_weight_kg.value) == (13193.6, 11780.0)


def test_a_waybills_cargo_mass_in_tonnes_is_its_gross_mass() -> None:
    """A Belarusian ТТН-1 heads its column `Масса груза, т`: the cargo's (gross) mass, in tonnes; qualified, the
    qualifier decides."""
    rows = [(40, 160, "Наименование товара"), (250, 160, "Кол-во"), (420, 160, "Масса груза, т"),
            (40, 176, "Ящик пластиковый 600x400"), (250, 176, "4 000"), (420, 176, "5,480")]
    f = read_fields(DocType.waybill, [page(rows)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 5480.0 and f.net_weight_kg is None
    net = read_fields(DocType.waybill, [page([(40, 80, "Масса груза нетто, кг: 5 120")])], NOM)
    assert net.net_weight_kg is not None and net.net_weight_kg.value == 5120.0 and net.gross_weight_kg is None


def test_a_country_code_that_is_also_a_word_counts_beside_its_numeric_code() -> None:
    """Box 34 prints `US 840`: `US` alone is a word in English text, beside its numeric code it is the country."""
    f = read_fields(DocType.customs_declaration, [scan_page([(40, 80, "34 Страна происхождения US 840"),
                                                           (40, 100, "Made in: IN 356")])], NOM)
    assert [(c.value, c.role) for c in f.countries] == [("US", "origin"), ("IN", "origin")]
    assert read_fields(DocType.invoice, [page([(40, 80, "Country of origin: SEND US THE GOODS")])], NOM).countries == []


def test_a_cmr_header_whose_next_box_number_follows_the_weight_label() -> None:
    """`11 Вес брутто, кг 12 ов ...`: the 12 is box 12's number (its title garbled to two letters), not a weight;
    the weights stand in the column below and the total row at the foot of the goods box, far below the rows."""
    rows = [
        (40, 80, "9 Наименование груза 10 Стат. номер,"), (300, 80, "11 Bee брутто, кг"), (420, 80, "12 ов wt Venom, в)"),
        (100, 100, "59 cartons Бумага туалетная"), (306, 100, "1,993.10"),
        (100, 116, "6 drums Масла смазочные моторные"), (300, 116, "21,926.50"),
        (100, 132, "53 cartons Изделия прочие из пластмасс"), (306, 132, "4,026.20"),
        (120, 260, "Total: 118"), (300, 260, "27,945.80"),
    ]
    f = read_fields(DocType.cmr, [scan_page(rows)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 27945.8
    assert f.gross_weight_kg.raw == "27,945.80"


def test_a_misread_box_title_glued_to_its_number_still_marks_the_next_boxs_number() -> None:
    """`11Нес брутто. кг 12 4лен`: box 11's title glued to its number and misread past the form's label, box 12's
    title garbled to a digit's start; the 12 is box 12's number over the goods box's 8200, not a weight."""
    rows = [
        (40, 80, "9 Наименование груза 10 Стат. номер"), (390, 80, "11Нес брутто. кг 12 4лен чаи iat"),
        (100, 100, "1 units Седельный тягач МАЗ"), (300, 100, "8701239090"), (440, 100, "8200"),
        (120, 120, "VIN Y3MB17126RG674874"),
    ]
    f = read_fields(DocType.cmr, [scan_page(rows)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 8200.0


def test_a_scanned_number_with_one_mark_misread_takes_the_last_as_decimal() -> None:
    """OCR read `1,993.10` as `1.993.10`: no grouping ends in two digits, so the last mark is the decimal one.
    Typed text is not second-guessed."""
    rows = [(40, 80, "Вес брутто:"), (140, 80, "1.993.10 кг")]
    assert read_fields(DocType.cmr, [scan_page(rows)], NOM).gross_weight_kg.value == 1993.1  # type: ignore[union-attr]
    assert read_fields(DocType.cmr, [page(rows)], NOM).gross_weight_kg is None


def test_the_packaging_weight_is_neither_gross_nor_net() -> None:
    """`Масса упаковки (брутто — нетто): 124,6 кг` names the packaging, even where OCR split the line in two, and
    so does a gross label joined to a net one by a minus without a title."""
    whole = [(40, 80, "Масса упаковки (брутто — нетто): 124,6 кг")]
    split = [(40, 80, "Масса упаковки (брутто рт"), (400, 80, "— нетто): Se SBN 124,6 в, кг")]
    untitled = [(40, 80, "Разница (брутто - нетто): 124,6 кг")]
    for rows in (whole, split, untitled):
        f = read_fields(DocType.packing_list, [scan_page(rows)], NOM)
        assert (f.gross_weight_kg, f.net_weight_kg) == (None, None)
    # the tare is not the gross: with the net it gives the gross (Rules 763 p.32.1)
    f = read_fields(DocType.packing_list, [scan_page([(40, 80, "Вес нетто: 2 282,8 кг"), (40, 96, "Tare weight: 124,6 kg")])], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 2282.8
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 2407.4


def test_a_scanned_column_sum_that_breaks_gross_over_net_is_dropped() -> None:
    """OCR lost a decimal mark in one gross row (`19527503`): the gross column's sum is over twice the net, so
    it took a misread line; the larger sum is dropped and the net kept."""
    rows = [
        (40, 80, "Наименование"), (300, 80, "Вес нетто, кг"), (420, 80, "Вес брутто, кг"),
        (40, 96, "1 Тара"), (300, 96, "1246"), (420, 96, "1325"),
        (40, 112, "2 Пленка"), (300, 112, "760.7"), (420, 112, "19527503"),
    ]
    f = read_fields(DocType.packing_list, [scan_page(rows)], NOM)
    assert (f.gross_weight_kg, f.net_weight_kg and f.net_weight_kg.value) == (None, 2006.7)
    typed = read_fields(DocType.packing_list, [page(rows)], NOM)
    assert typed.gross_weight_kg is not None and typed.gross_weight_kg.value == 19528828.0


def test_a_scanned_cmr_total_row_gives_the_gross_when_its_rows_do_not_add_up() -> None:
    """OCR garbled the header and one row (`$41,2`): the total row still totals packages and gross weight, and
    its one number with a decimal mark is the gross. With box 12's volume beside it, the row says nothing sure."""
    rows = [
        (40, 80, "SO ыБнБ El EEE"),
        (100, 96, "100 pallets Бутылки стекланные"), (420, 96, "$41,2"),
        (100, 112, "29 bags Тара пластмассовая"), (420, 112, "795,2"),
        (100, 150, "Total: 129"), (414, 150, "1 336,4"),
    ]
    f = read_fields(DocType.cmr, [scan_page(rows)], NOM)
    assert f.gross_weight_kg is not None and (f.gross_weight_kg.value, f.gross_weight_kg.confidence) == (1336.4, 0.6)
    with_volume = rows[:-1] + [(100, 150, "Total: 129"), (414, 150, "1 336,4"), (480, 150, "45,20")]
    assert read_fields(DocType.cmr, [scan_page(with_volume)], NOM).gross_weight_kg is None
    assert read_fields(DocType.invoice, [scan_page(rows)], NOM).gross_weight_kg is None


def test_a_bin_and_its_label_are_not_joined_into_a_vin() -> None:
    """A scanned producer's invoice: `БСН` (Б, С, Н read as 6, C, H), a stray `33` and the BIN made 17 characters."""
    p = scan_page([(40, 30, "БСН 33 160141343598")])
    assert read_fields(DocType.invoice, [p], NOM).vins == []


@pytest.mark.parametrize(("reread", "confidence", "expected"), [
    ("10.08.2023", 0.96, "2023-08-10"),  # as sure as the page pass: the whitelisted re-read reads the day's 0
    ("10.08.2023", 0.8, "2023-08-19"),  # less sure: each pass misreads a digit as often, the page pass stands
    ("19.08.2029", 0.96, "2023-08-19"),  # a crossing six years ahead is no correction
    ("7 10.08.2023", 0.96, "2023-08-19"),  # a re-read that took in more than the date
])
def test_a_scanned_date_read_again(reread: str, confidence: float, expected: str) -> None:
    """A control pass's `10.08.2023` came out of the page pass as `19.08.2023` at 0.96; the Latin-and-digits re-read
    of its box read `10.08.2023` as surely."""
    p = scan_page([(40, 30, "ТАЛОН О ПРОХОЖДЕНИИ № 428333061"), (40, 60, "Дата пересечения:"),
                   (200, 60, "19.08.2023")], 0.96)
    f = read_fields(DocType.control_pass, [_with_rereads(p, [(200, 60, reread, confidence)])], NOM)
    assert [(d.role, d.value) for d in f.dates] == [("crossing_date", expected)]


def test_a_date_the_page_pass_read_in_pieces_is_the_reread_of_their_box() -> None:
    """9393-0257: a control pass's `27/03/2024` read `2 7/0.3/2 024`, three words none of them a date; the re-read
    of their box reads the date, the very digits in order. A re-read with other digits joins nothing."""
    p = scan_page([(40, 30, "ТАЛОН О ПРОХОЖДЕНИИ № 905101353"), (40, 60, "Кун: / Дата 2 7/0.3/2 024")])
    start = next(w.bbox[0] for w in p.words if w.text == "2")

    def with_reread(text: str) -> Page:
        return p.model_copy(update={"rereads": [Word(text=text, bbox=(start, 60.0, start + 80.0, 72.0),
                                                     confidence=0.9, line_id=900)]})
    f = read_fields(DocType.control_pass, [with_reread("27/03/2024")], NOM)
    assert [(d.role, d.value) for d in f.dates] == [("crossing_date", "2024-03-27")]
    assert read_fields(DocType.control_pass, [with_reread("27/08/2024")], NOM).dates == []


@pytest.mark.parametrize(("reread", "expected"), [
    ("14.03.2023", ["2023-03-14"]),
    ("24.03.2023", ["2023-03-14"]),  # a photo's re-read, sure of nothing, misread the day: the year's end is its
    ("24.05.2023", []),  # two digits other than the page pass's: no completion of it
    ("14.03.202", []),  # cut short again
])
def test_a_date_cut_short_at_its_cells_edge_is_completed_by_the_reread(reread: str, expected: list[str]) -> None:
    """A photographed application's goods row ends in its invoice's date, read `14.03-202` by the page pass (the
    box stopping short of a faint last digit); the re-read of the run's grown box reads the whole date."""
    p = scan_page([(40, 60, "Бутылки стеклянные 7010 90 910 1 шт 4 1559,9 223,38 Россия 1139"),
                   (440, 60, "14.03-202")], 0.58)
    f = read_fields(DocType.import_application, [_with_rereads(p, [(440, 60, reread, 0.0)])], NOM)
    assert [d.value for d in f.dates if d.role == "invoice_date"] == expected


@pytest.mark.parametrize(("page_conf", "reread", "proven"), [
    (0.9, "29.12.2022", True),  # two passes read it alike
    (0.9, "29.12.2023", False),  # they disagree (the re-read less sure): the page pass stands, unproven
    (0.3, "29.12.2022", False),  # the page pass was unsure of it
    (0.9, "A0229.12.2022", True),  # the re-read run took in the `до:` before it, the date's characters alike
    (0.9, "A0229.12.2023", False),
])
def test_a_scanned_date_read_alike_by_both_passes_is_proven(page_conf: float, reread: str, proven: bool) -> None:
    """A scanned type approval's expiry decides an error the payer must answer for; a date has no check digit, but
    the mixed-script page pass and the Latin re-read of its box seldom misread a digit alike."""
    rows = [(40, 30, "ОДОБРЕНИЕ ТИПА ТРАНСПОРТНОГО СРЕДСТВА"), (40, 60, "Срок действия до:"), (200, 60, "29.12.2022")]
    p = _with_rereads(scan_page(rows, page_conf), [(200, 60, reread, 0.8)])
    [until] = [d for d in read_fields(DocType.conformity_certificate, [p], NOM).dates if d.role == "valid_until"]
    assert (until.value, until.verified) == ("2022-12-29", proven)


def test_a_control_pass_carries_no_vins() -> None:
    """Passes name plates; a handwritten slip's scribbles can still read as 17 VIN characters."""
    p = scan_page([(40.0, 30.0, "ТАЛОН № 004512"), (40.0, 60.0, "Отметки: XTA210990 Y2765432")])
    assert read_fields(DocType.control_pass, [p], NOM).vins == []
    assert values(read_fields(DocType.cmr, [p], NOM).vins) == ["XTA210990Y2765432"], "elsewhere it is one"


def test_two_plates_side_by_side_are_not_joined_into_a_vin() -> None:
    """A handwritten CMR: a Russian truck plate and its trailer's (`Н182ЕВ102`, `ХА182777`) are 17 characters."""
    p = scan_page([(40.0, 60.0, "Гос. номер: H182EB102 XA182777")])
    assert read_fields(DocType.cmr, [p], NOM).vins == []
    split = scan_page([(40.0, 60.0, "VIN XW8ZZZ61 ZJG012345")])
    assert values(read_fields(DocType.cmr, [split], NOM).vins) == ["XW8ZZZ61ZJG012345"], "a VIN OCR split still joins"
    reread = _with_rereads(scan_page([(40.0, 60.0, "г. Шымкент, мкр. Нурсат. 12-45 A779EB174 KB926178")]),
                           [(220.0, 60.0, "A779EB174KB926178", 0.6)])
    assert read_fields(DocType.cmr, [reread], NOM).vins == [], "nor are they in the re-read of their run, unspaced"
    vin = _with_rereads(scan_page([(40.0, 60.0, "VIN: XTA21099 0Y2765432")]), [(76.0, 60.0, "XTA210990Y2765432", 0.6)])
    assert values(read_fields(DocType.cmr, [vin], NOM).vins) == ["XTA210990Y2765432"], "a re-read VIN still reads"
    # plates whose run makes a VIN of a known region (K: Korea) by the page pass or the re-read, the trailer's
    # letter O read as the zero a VIN may hold
    for text, rr in (("K179BX102 XE827578 VOLVO FH", "K179BX102 XE827578"),
                     ("K609TA174 AO658577 SCANIA R450", "K609TA174/A0658577")):
        korean = _with_rereads(scan_page([(40.0, 60.0, text)]), [(40.0, 60.0, rr, 0.9)])
        assert read_fields(DocType.cmr, [korean], NOM).vins == [], text
    # a Russian truck's plate and its trailer's read by a photo's re-read as one run: the letter O read as 0 beside
    # the plate's own zeros (`У304ОО96 / МЕ5977 96`, its slash read as 1), or Cyrillic У given a Latin V
    for text, rr in (("Y3O4OO96 / ME597796", "Y30400961ME597796"), ("У109МУ!02 / 0В9470174", "Y109MY020B9470174"),
                     ("V797TH102 KE442078", "V797TH102 KE442078"),
                     # the truck's В read as 8 (`А896УВ102/УР280578`, the slash read as an apostrophe)
                     ("А896У8102'УР280578 КОРЕЯ", "A896Y8102YP280578")):
        russian = _with_rereads(scan_page([(40.0, 60.0, text)]), [(40.0, 60.0, rr, 0.9)])
        assert read_fields(DocType.cmr, [russian], NOM).vins == [], text
    # a declaration's box 18 (`В552КН174/НУ1990 78`) re-read with its slash as a J: 18 characters, which a VIN's
    # reader takes for 17 with a glyph printed twice (`B552KH174JHY19978`)
    slashed = _with_rereads(scan_page([(40.0, 60.0, "B552KH174/HY199078 КИТАЙ")]), [(40.0, 60.0, "B552KH174JHY199078", 0.6)])
    assert read_fields(DocType.customs_declaration, [slashed], NOM).vins == []


def test_no_vin_runs_on_past_a_lists_comma() -> None:
    """A scanned invoice's `BMW X5 xDrive40i, MY 2024, VIN …` re-read `X5 XDF1V0401, HY 2024, VIN …`: after the
    label, four words join to 17 characters with a WMI of a known region (X5: Russia), but a comma ends a list's item,
    and no VIN is split by one."""
    p = scan_page([(40.0, 60.0, "Автомобиль BMW X5 xDrive40i, MY 2024, VIN WBA7HTBXXRB664601")])
    reread = _with_rereads(p, [(106.0, 60.0, "X5 XDF1V0401, HY 2024, VIN WBA7HTBXXRB664601", 0.6)])
    assert values(read_fields(DocType.invoice, [reread], NOM).vins) == ["WBA7HTBXXRB664601"]
    split = _with_rereads(scan_page([(40.0, 60.0, "VIN: XTA21099, 0Y2765432")]), [(76.0, 60.0, "XTA21099 0Y2765432", 0.6)])
    assert values(read_fields(DocType.cmr, [split], NOM).vins) == ["XTA210990Y2765432"], "a re-read without it joins"


def test_a_tax_numbers_reread_with_its_label_is_no_vin() -> None:
    """A scanned invoice's `БИН 07084155829` re-read as one run, its label in Latin: `1SHTH070641858290` is 17
    characters and even passes the North American check digit."""
    p = scan_page([(40.0, 60.0, "ИНН покупателя: БИН 07084155829")], confidence=0.4)
    reread = _with_rereads(p, [(136.0, 60.0, "1SHTH070641858290", 0.4)])
    assert read_fields(DocType.invoice, [reread], NOM).vins == []
    vin = _with_rereads(scan_page([(40.0, 60.0, "VIN: 1SHTH07064185829O")], confidence=0.4),
                        [(70.0, 60.0, "1SHTH070641858290", 0.4)])
    assert values(read_fields(DocType.invoice, [vin], NOM).vins) == ["1SHTH070641858290"], "under a VIN label it is"


def test_a_tax_number_run_into_a_garbled_label_is_no_vin() -> None:
    """A scanned waybill's `БСН/БИН 170844160816`: the page pass read the label as one word `БСНИБИН`, which no
    label list holds, and the re-read ran it into the number, `6CH6H170844160816`, a VIN by its shape. Twelve
    digits making a legal entity's BIN after a head with the label's Н are the tax number."""
    p = scan_page([(40.0, 60.0, "Грузоотправитель БСНИБИН 170844160816")], confidence=0.5)
    reread = _with_rereads(p, [(150.0, 60.0, "6CH6H170844160816", 0.5)])
    assert read_fields(DocType.waybill, [reread], NOM).vins == []
    failing = _with_rereads(p, [(150.0, 60.0, "6CH6H170844160817", 0.5)])
    assert values(read_fields(DocType.waybill, [failing], NOM).vins) == ["6CH6H170844160817"], \
        "twelve digits failing a BIN's check digit are a VIN's serial as read"


def test_a_cyrillic_titles_latin_reread_is_no_vin() -> None:
    """A scanned railway consignment note's `ЖҮКҚҰЖАТ № 30518842`: the Latin re-read of its run reads `KYKKYKAT
    N30518842`, 17 characters a region (K: Korea) vouches for; the page pass read the word in Cyrillic and the
    number sign inside the run."""
    title = scan_page([(40.0, 60.0, "НАКЛАДНАЯ СМГС / ЖУККУЖАТ № 30518842")])
    assert read_fields(DocType.waybill, [_with_rereads(title, [(40.0, 60.0, "HAKJADHAA CMC/ KYKKYKAT N30518842", 0.3)])],
                       NOM).vins == []
    sign = scan_page([(40.0, 60.0, "Накладная ТКАТ № 30518842")])
    assert read_fields(DocType.waybill, [_with_rereads(sign, [(40.0, 60.0, "HAKJADHAA KYKKYKAT N30518842", 0.3)])],
                       NOM).vins == [], "a number sign inside the run is a title's, whatever script its word"
    # a VIN after its number sign, the page pass's reading of it garbled into Cyrillic letters with look-alikes
    vin = scan_page([(40.0, 60.0, "Кузов № ХТА21099 0Y2765432")])
    assert values(read_fields(DocType.cmr, [_with_rereads(vin, [(40.0, 60.0, "KY30B N XTA210990Y2765432", 0.6)])],
                              NOM).vins) == ["XTA210990Y2765432"]
    # a VIN in a typewriter face the page pass read as Cyrillic letters, digits amid them: the code, not a title
    typed = scan_page([(40.0, 60.0, "1 Lada Vesta ктлыле6уама349229 2021")])
    assert values(read_fields(DocType.acceptance_certificate,
                              [_with_rereads(typed, [(124.0, 60.0, "XTALUP6V2M4349229", 0.9)])], NOM).vins) == \
        ["XTALUP6V2M4349229"]


def test_a_number_sign_the_page_pass_read_among_a_vins_digits_is_no_titles() -> None:
    """9393-0298: the page pass read `X9FPJ8JD2RN588761` as `Х9ЕР38 2028 №588761`, its `RN` as a number sign; the
    re-read of the box reads the VIN. A sign after a word is a title's number (`ТКАТ № 30518842`), one after the
    code's own digits is a misread glyph."""
    passport = scan_page([(40.0, 60.0, "Идентификационный номер (ММ) Х9ЕР38 2028 №588761")])
    assert values(read_fields(DocType.vehicle_passport,
                              [_with_rereads(passport, [(220.0, 60.0, "X9FPJ8JD2RN588761", 0.9)])], NOM).vins) == \
        ["X9FPJ8JD2RN588761"]


def test_a_vin_split_in_two_under_its_label_is_joined_by_its_region() -> None:
    """9393-0193: an italic `VIN RU1VZ0BU1MB296623` read `VIN RUI VZOBUIMB296623`. Its WMI names no maker vininfo
    knows, but `RU` is Russia's (SAE's allotment, which ISO 3780's first table left open) and the label stands
    beside it. A re-read run that only a region vouches for, with no label (`RAED 2018TOF032075`, a declaration's
    scrawl), is no VIN: nearly every region is allotted."""
    cmr = scan_page([(40.0, 60.0, "VIN RUI VZOBUIMB296623")])
    assert values(read_fields(DocType.cmr, [cmr], NOM).vins) == ["RU1VZ0BU1MB296623"]
    scrawl = scan_page([(40.0, 60.0, "BOYS Tad OT “303 2025")])
    assert read_fields(DocType.customs_declaration,
                       [_with_rereads(scrawl, [(40.0, 60.0, "RAED 2018TOF032075", 0.9)])], NOM).vins == []


def test_a_month_name_read_in_cyrillic_shapes_takes_its_reread() -> None:
    """A photographed invoice's `Date: 09-MAR-2024`, read `09-МАК-2024` by the mixed-script page pass (1357-0037):
    no date, until the Latin re-read of its box (`09-MAR-2024`) gives the month, its digits the page pass's own.
    A re-read with other digits does not stand in for the word."""
    p = scan_page([(40.0, 60.0, "Date: 09-МАК-2024")], confidence=0.5)
    assert read_fields(DocType.invoice, [p], NOM).dates == []
    mended = read_fields(DocType.invoice, [_with_rereads(p, [(76.0, 60.0, "09-MAR-2024", 0.89)])], NOM).dates
    assert [(d.role, d.value) for d in mended] == [("invoice_date", "2024-03-09")]
    other = read_fields(DocType.invoice, [_with_rereads(p, [(76.0, 60.0, "08-MAR-2024", 0.89)])], NOM).dates
    assert other == []


def test_a_bilingual_party_label_looks_no_further_than_its_own_box() -> None:
    """`1. Отправитель / Sender: ООО «КамАЗ-Экспорт», Россия`: the Russian label's text is the English label; the
    consignee's country on the next row is not the sender's."""
    p = page([(40, 70, "1. Отправитель / Sender:  ООО «КамАЗ-Экспорт», Россия, г. Набережные Челны"),
              (40, 86, "2. Получатель / Consignee:  ТОО «QazTruck», г. Караганда, Казахстан")])
    got = read_fields(DocType.cmr, [p], NOM).countries
    assert [(v.value, v.role) for v in got] == [("RU", "sender")]
    # a phone photo's row: the box number lost, the page's edge read as letters before the label
    photo = page([(40, 70, ". Отправитель / Sender: ООО «КамАЗ-Экспорт», Россия, г. Набережные Челны"),
                  (30, 86, "WN . Получатель / Consignee: ТОО «QazTruck», г. Караганда, Казахстан")])
    assert [(v.value, v.role) for v in read_fields(DocType.cmr, [photo], NOM).countries] == [("RU", "sender")]


def test_pounds_read_as_ibs_after_a_figure_are_pounds() -> None:
    """OCR reads `8,150 lbs` as `8,150 Ibs`; the figure is in pounds all the same."""
    fields = read_fields(DocType.invoice, [scan_page([(40.0, 60.0, "Total gross weight: 8,150 Ibs")])], NOM)
    assert fields.gross_weight_kg is not None
    assert fields.gross_weight_kg.value == pytest.approx(8150 * 0.45359237)


def test_the_tax_portals_application_names_the_sellers_country_and_the_goods_origin() -> None:
    """Form 328.00: the seller's country under its section's title, and the goods' origin in a column whose header
    wraps over two lines (`Страна` / `происхождения`), neither line a label alone."""
    rows = [
        (30, 100, "Раздел 2. Сведения о продавце"),
        (40, 112, "Наименование: ОАО «Гомсельмаш»"),
        (40, 124, "Страна: Беларусь (112)"),
        (30, 150, "Раздел 3. Сведения о товарах"),
        (30, 170, "№ Наименование товара"), (200, 170, "Код ТН ВЭД"), (290, 170, "Масса нетто,"), (380, 170, "Страна"),
        (30, 182, "п/п"), (200, 182, "ЕАЭС"), (290, 182, "кг"), (380, 182, "происхождения"),
        (30, 200, "1 Пленка полиэтиленовая"), (200, 200, "3920629001"), (290, 200, "2101,700"), (380, 200, "Беларусь"),
    ]
    f = read_fields(DocType.import_application, [page(rows)], NOM)
    assert {(c.role, c.value) for c in f.countries} == {("sender", "BY"), ("origin", "BY")}


def test_every_row_of_a_country_column_is_read_not_only_the_first() -> None:
    """A Russian УПД lists each line's origin (`643 Россия`, `156 Китай`) under one header: the rows under the
    first were taken for key-value lines naming their own country and read as no origin at all."""
    rows = [(40, 120, "Наименование товара"), (500, 120, "Страна происхождения"),
            *[(x, 140 + 20 * k, t) for k, (name, country) in enumerate(
                [("Пленка", "643 Россия"), ("Пакеты", "156 Китай"), ("Коробки", "Китай"), ("Лента", "Китай"),
                 ("Крышки", "Китай"), ("Ящики", "792 Турция")]) for x, t in ((40, name), (500, country))]]
    f = read_fields(DocType.invoice, [page(rows)], NOM)
    assert {(c.role, c.value) for c in f.countries} == {("origin", "RU"), ("origin", "CN"), ("origin", "TR")}


def test_a_row_of_small_box_titles_gives_each_title_the_value_under_it() -> None:
    """A declaration prints its box titles in small type, so `15 Код страны отпр. 16 Страна происхождения` comes out
    as one run of words: the code under box 15 is the dispatch country's, and box 16's `РАЗНЫЕ` names none."""
    rows = [
        (300, 150, "15 Код страны отпр. 16 Страна происхождения"),  # box 16 starts at x 420
        (306, 164, "a DE"), (426, 164, "РАЗНЫЕ"),
    ]
    f = read_fields(DocType.customs_declaration, [page(rows)], NOM)
    assert {(c.role, c.value) for c in f.countries} == {("dispatch", "DE")}


def test_bilingual_box_titles_in_one_run_take_their_words_before_them() -> None:
    """`Шығарылған ел / Страна происхождения Баратын ел / Страна назначения`: each Russian title owns the Kazakh
    words before it, so the country under `Шығарылған ел` is the origin, not the destination."""
    title = "Шығарылған ел / Страна происхождения Баратын ел / Страна назначения"
    rows = [(300, 180, title), (300, 192, "КИТАЙ"), (300 + 6 * title.index("Баратын"), 192, "КАЗАХСТАН")]
    f = read_fields(DocType.customs_declaration, [page(rows)], NOM)
    assert {(c.role, c.value) for c in f.countries} == {("origin", "CN"), ("destination", "KZ")}


def test_a_destination_title_whose_country_word_ocr_garbled() -> None:
    """A scanned declaration's `Страна назначения` read `Crpaua’ Назначения`: the country under it is still the
    destination, not a country with no role."""
    title = "Страна происхождения Crpaua’ Назначения"
    rows = [(300, 180, title), (300, 192, "ЯПОНИЯ"), (300 + 6 * title.index("Crpaua"), 192, "КАЗАХСТАН")]
    f = read_fields(DocType.customs_declaration, [scan_page(rows)], NOM)
    assert {(c.role, c.value) for c in f.countries} == {("origin", "JP"), ("destination", "KZ")}


def _with_rereads(p, rereads: list[tuple[float, float, str, float]]):  # type: ignore[no-untyped-def]
    from extractor.models import Word

    words = [Word(text=t, bbox=(x, y, x + len(t) * 6.0, y + 12.0), confidence=c, line_id=900 + k)
             for k, (x, y, t, c) in enumerate(rereads)]
    return p.model_copy(update={"rereads": words})



def test_two_readings_of_a_north_american_vin_are_merged_by_its_check_digit() -> None:
    """Tesseract read the run `VNTETEX1EP2MKD54321` (1 as T, F as E), the recogniser `VIN 1FTEC1EP2MKD54321` (X as
    C): of the ways of taking each differing character from either, only 1FTEX1EP2MKD54321 passes the check digit
    under a known maker's WMI. A VIN of a region without a check digit is not chosen that way."""
    from extractor.ids import vin as vin_id

    assert vin_id.check_tier("1FTEX1EP2MKD54321") == 0 and vin_id.manufacturer("1FTEX1EP2MKD54321") == "Ford"

    def vins(reread: str, other: str) -> list[tuple[str | float, bool]]:
        p = scan_page([(40, 60, "Автомобиль Ford F-150, VIN:")], 0.9)
        word = Word(text=reread, bbox=(210, 60, 324, 72), confidence=0.21, line_id=900, alternatives=[other])
        f = read_fields(DocType.invoice, [p.model_copy(update={"rereads": [word]})], NOM)
        return [(v.value, v.verified) for v in f.vins]

    assert vins("VNTETEX1EP2MKD54321", "VIN 1FTEC1EP2MKD54321") == [("1FTEX1EP2MKD54321", True)]
    # Tesseract's reading a glyph short (`…2MKD4321`): the two still align, and differ where they did
    assert vins("VNTETEX1EP2MKD54321", "VIN 1FTEX1EP2MKD4321,2021") == [("1FTEX1EP2MKD54321", True)]
    assert vins("VNTETEX1EP2MKD54321", "VIN 1FTEC1EP2MKD54329") != [("1FTEX1EP2MKD54321", True)]  # no other way
    # X9F (Ford Russia) has no check digit: the page pass's reading stands, nothing is chosen for it
    assert vins("VNX9FEX1EP2MKD54321", "VIN X9FEC1EP2MKD54321") == [("X9FEX1EP2MKD54321", True)]


def test_a_vin_the_recogniser_lost_a_glyph_of_is_read_from_the_runs_other_reading() -> None:
    """A scanned invoice's run of two VINs: the recogniser read `…,WWWLZVMHPT115274` (a W lost), Tesseract
    `…,WVWWWLZVMHPT115274,` (a W printed twice). The second VIN comes from Tesseract's reading, its echo dropped; a
    reading of a VIN the recogniser already read in the same place, one no maker vouches for, or one where the
    recogniser read something else adds nothing."""
    def vins(reread: str, other: str) -> list[str | float]:
        p = scan_page([(40, 60, "Автомобили:")], 0.9)
        word = Word(text=reread, bbox=(130, 60, 130 + 6.0 * len(reread), 72), confidence=0.56, line_id=900,
                    alternatives=[other])
        return [v.value for v in read_fields(DocType.invoice, [p.model_copy(update={"rereads": [word]})], NOM).vins]

    assert vins("WVW4YYX73P6725901,WWWLZVMHPT115274", "WVW4YYX73P6725901,WVWWWLZVMHPT115274,") == [
        "WVW4YYX73P6725901", "WVWWLZVMHPT115274"]
    # the other reading of the first VIN differs in one place: the recogniser's stands alone there
    assert vins("WVW4YYX73P6725901,WWWLZVMHPT115274", "WVW4YYX78P6725901,WVW4YYZ") == ["WVW4YYX73P6725901"]
    # no maker known for `EZW…` read only by the other reading: not taken on its word
    assert vins("WVW4YYX73P6725901,WWWLZVMHPT115274", "WVW4YYX73P6725901,EZWLZVMHPT115274") == [
        "WVW4YYX73P6725901"]
    # a vehicle passport's type approval, a document number to the recogniser, 17 characters to Tesseract
    assert vins("NTCBY E-CN.MU01.16809 19.12.2023", "N TC8YECNDU20116809 0T 19.12.2023") == []


@pytest.mark.parametrize(("page_pass", "other", "expected"), [
    ("WBABBPWUMPK824844,", "VNWBABBPWUMPK824844,", ["WBABBPWUMPK824844"]),  # two of three agree: theirs stands
    ("WBABBPWUMPK824844,", "VNWBABBRWUMPK824844,", ["WBABBRWUMRK324844"]),  # no two agree: the re-read stands
    ("WBABBPWUMPK8248A4,", "VNWBABBPWUMPK8248A4,", ["WBABBRWUMRK324844"]),  # agreeing on no VIN outvotes nothing
])
def test_the_page_pass_and_a_re_reads_other_reading_agreeing_outvote_the_reading_that_stands(
        page_pass: str, other: str, expected: list[str]) -> None:
    """A scanned declaration's BMW VIN (no check digit): the page pass read `WBABBPWUMPK824844` as printed, and so did
    Tesseract's re-read of the run, but the recogniser's reading, `WBABBRWUMRK324844`, stood. The page pass read less
    surely than `PAGE_SURE`, and not `PAGE_SURER` than the recogniser: one read surely, or far surer than the re-read,
    outranks the re-read alone (`test_a_vin_the_page_pass_read_surely_outranks_a_re_read_a_glyph_off`)."""
    p = scan_page([(40, 60, f"VIN {page_pass}")], 0.6)
    word = Word(text="VIN WBABBRWUMRK324844,", bbox=(40, 60, 172, 72), confidence=0.33, line_id=900,
                alternatives=[other])
    assert values(read_fields(DocType.customs_declaration, [p.model_copy(update={"rereads": [word]})], NOM).vins) == \
        expected


@pytest.mark.parametrize(("description", "expected"), [
    ("1 units Passenger car Hyundai Accent, MY 2021 1150", "KMHW83D7EMM905495"),  # M names 2021, H 2017
    ("1 units Легковой автомобиль Hyundai Accent, 2017 г.в.", "KMHW83D7EHH905495"),
    ("1 units Passenger car Hyundai Accent 1150", "KMHW83D7EHH905495"),  # no year printed: the re-read stands
])
def test_the_reading_whose_year_code_is_the_model_year_printed_beside_it_outranks_the_other(
        description: str, expected: str) -> None:
    """A seed-4545 CMR: the page pass read `KMHW83D7EMM905495` unsurely, its re-read `KMHW83D7EHH905495` (the
    recogniser's blurred M taken for an H). Position 10 codes the model year, and the goods row above prints it."""
    p = scan_page([(40, 40, description), (40, 60, "VIN KMHW83D7EMM905495")], 0.5)
    f = read_fields(DocType.cmr, [_with_rereads(p, [(64, 60, "KMHW83D7EHH905495", 0.6)])], NOM)
    assert values(f.vins) == [expected]


def test_a_re_read_of_two_plates_is_no_vin_because_a_repair_made_a_check_digit_pass() -> None:
    """A CMR's truck and trailer plates, `H792KO102 ТАЯ75477` to the page pass, re-read `1792K0102 TA975477` (the H
    taken for a 1): a North American WMI, and one 0 read as D passes the check digit. The page pass read a whole
    plate there, so no VIN; a VIN read there as it stands, its check digit passing unrepaired, stays one; one without
    a check digit does not."""
    def vins(page_pass: str, reread: str) -> list[str | float]:
        p = scan_page([(40, 60, page_pass), (40, 90, "Марка VOLVO FH")], 0.6)
        return values(read_fields(DocType.cmr, [_with_rereads(p, [(40, 60, reread, 0.49)])], NOM).vins)

    assert vins("H792KO102 ТАЯ75477", "1792K0102 TA975477") == []
    assert vins("H792KO102 ТАЯ75477", "1792K01D2TA975477") == ["1792K01D2TA975477"]
    # the re-read's own misreading of the plates (its O a J, its slash a 1), no check digit applying (1212-0108)
    assert vins("K447EO77 MH317296", "K447EJ771MH317296") == []


def test_a_re_read_whose_wmi_names_no_maker_yields_to_the_page_pass_that_read_a_makers() -> None:
    """A photographed invoice's `LZW…` (SAIC-GM-Wuling) re-read `17W5N0GPYMH089316`: its L restored, `L7W` names no
    maker, and the page pass's `LZWSNOGPXMH089316` at the same place, three glyphs apart, stands. Where the page
    pass read no maker either, the re-read stands as before."""
    def vins(page_pass: str, reread: str) -> list[str]:
        p = scan_page([(40, 60, page_pass)], 0.6)
        return [str(v)[:3] for v in values(read_fields(DocType.invoice, [_with_rereads(p, [(40, 60, reread, 0.5)])],
                                                       NOM).vins)]

    assert vins("LZWSNOGPXMH089316,", "17W5N0GPYMH089316,") == ["LZW"]
    assert vins("L8WSNOGPXMH089316,", "17W5N0GPYMH089316,") == ["L7W"]
    # nor where the page pass's maker stands on garble, not on the same VIN (`X9F…`, Ford Russia)
    assert vins("X9FCSZNVERC4I4269", "17W5N0GPYMH089316,") == ["L7W"]


@pytest.mark.parametrize(("page_pass", "page_conf", "reread", "reread_conf", "expected"), [
    ("LZWWT4RRXMH603752", 0.88, "LZWWT4RRCMH603752", 0.6, "LZWWT4RRXMH603752"),  # read as printed and surely: it stands
    ("LZWWT4RRXMH603752", 0.7, "LZWWT4RRCMH603752", 0.6, "LZWWT4RRCMH603752"),  # less surely: the re-read stands
    ("XTASKSGP1P3851469", 0.9, "XTASK5GP1P3851469", 0.6, "XTASK5GP1P3851469"),  # the page pass's letter for a digit
    ("XTCZ7LMSMMA895722", 0.81, "XTCZ7LMSHMA895722", 0.37, "XTCZ7LMSMMA895722"),  # far surer than the re-read
    ("XTCZ7LMSMMA895722", 0.81, "XTCZ7LMSHMA895722", 0.6, "XTCZ7LMSHMA895722"),  # not far surer: the re-read stands
])
def test_a_vin_the_page_pass_read_surely_outranks_a_re_read_a_glyph_off(
        page_pass: str, page_conf: float, reread: str, reread_conf: float, expected: str) -> None:
    """A scanned certificate's `LZWWT4RRXMH603752`, read as printed at 0.88 by the page pass, re-read
    `LZWWT4RRCMH603752` at 0.6 (4848-0132): both are valid VINs of a known maker, with no check digit to choose by. The
    page pass read surely stands, and so does one read far surer than the re-read (a CMR's `XTCZ7LMSMMA895722` at 0.81,
    the recogniser's `…SHMA…` at 0.37); the re-read still corrects the page pass's mixed-script slips (`S` for `5`)."""
    p = scan_page([(40, 60, "Идентификационный номер (VIN):"), (250, 60, page_pass)], page_conf)
    rereads = [(250, 60, reread, reread_conf)]
    found = values(read_fields(DocType.conformity_certificate, [_with_rereads(p, rereads)], NOM).vins)
    assert found == [expected]


def test_a_vin_glued_to_its_label_by_a_dot_and_followed_by_its_year() -> None:
    """The recogniser's `VIN.1FT71Y9H8R8716126,2024` (the colon read as a dot, the model year after a comma)."""
    p = scan_page([(40, 60, "Автомобиль Ford")], 0.9)
    word = Word(text="VIN.1FT71Y9H8R8716126,2024", bbox=(130, 60, 286, 72), confidence=0.36, line_id=900)
    assert values(read_fields(DocType.invoice, [p.model_copy(update={"rereads": [word]})], NOM).vins) == [
        "1FT71Y9H8R8716126"]

@pytest.mark.parametrize(("reread", "conf", "expected"), [
    ("16700,000", 0.88, 16700.0),  # digits misread by the page pass, read surely again: the re-read stands
    ("16700,000", 0.8, 16700.08),  # no surer than the page pass: both misread digits, the page pass stays
    ("16700.080", 0.95, 16700.08),  # only the mark differs: that is the decimal convention's to settle
    ("16700,000 KG", 0.95, 16700.08),  # the re-read took in more than the figure
])
def test_a_weight_figure_read_again(reread: str, conf: float, expected: float) -> None:
    p = scan_page([(40, 80, "35 Вес брутто (кг)"), (40, 96, "16700, 080")])
    low = [w.model_copy(update={"confidence": 0.74}) if w.text == "16700," else w for w in p.words]
    f = read_fields(DocType.customs_declaration, [_with_rereads(p.model_copy(update={"words": low}),
                                                                [(40, 96, reread, conf)])], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == expected


def test_a_whole_kilogram_figure_read_again_beside_a_rule_the_page_pass_took_in() -> None:
    """A photographed application's net `785` came out `|715` (the cell's rule taken in, an 8 read as 1); its cell
    read alone gave `785` surely. Whole kilograms are figures too (up to six digits: a code is no weight)."""
    p = scan_page([(40, 80, "Наименование"), (300, 80, "Салмағы, кг"),
                   (40, 100, "1 Тара пластмассовая"), (300, 100, "|715"),
                   (40, 120, "2 Банки алюминиевые"), (300, 120, "54,2")])
    low = [w.model_copy(update={"confidence": 0.52}) if w.text == "|715" else w for w in p.words]
    page_ = p.model_copy(update={"words": low})
    f = read_fields(DocType.import_application, [_with_rereads(page_, [(302, 100, "785", 0.88)])], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 839.2
    as_read = read_fields(DocType.import_application, [page_], NOM).net_weight_kg
    code = read_fields(DocType.import_application, [_with_rereads(page_, [(302, 100, "3923900000", 0.97)])], NOM)
    assert as_read is not None and code.net_weight_kg is not None and code.net_weight_kg.value == as_read.value


@pytest.mark.parametrize(("page_pass", "expected"), [
    (0.13, 26249.0),  # the page pass dropped digits it was unsure of: the sure re-read fills them in
    (0.9, 21248.3),  # a sure reading stands: a re-read with more digits may have taken in a neighbour's
])
def test_a_weight_figure_whose_digits_the_page_pass_dropped(page_pass: float, expected: float) -> None:
    """A scanned packing list's net `5 255,7` came out of the page pass as `255`, at 0.13, in a box as wide as the
    whole figure; the Latin-and-digits re-read of that box read `5 255,7` at 0.95."""
    p = scan_page([(40, 80, "Наименование"), (300, 80, "Вес нетто, кг"), (40, 100, "1 Трубы"), (300, 100, "255"),
                   (40, 120, "2 Шланги"), (300, 120, "20 993,3")])
    dropped = [w.model_copy(update={"confidence": page_pass, "bbox": (300.0, 100.0, 342.0, 112.0)})
               if w.text == "255" else w for w in p.words]
    f = read_fields(DocType.packing_list, [_with_rereads(p.model_copy(update={"words": dropped}),
                                                         [(300, 100, "5 255,7", 0.95)])], NOM)
    assert f.net_weight_kg is not None and round(float(f.net_weight_kg.value), 1) == expected


def test_a_speck_inside_a_reread_figures_box_is_not_its_reading() -> None:
    """A scanned application's price `96 158,93` re-read as `96158,93`; a 2-px speck read as `2` on the line above
    lay inside that box, and the figure took its place there, a second row that put the price under the net column.
    The page pass's own reading of the figure spans it and is replaced as before where it misread digits."""
    from extractor.readers.weight_figures import _figures_replaced

    fig = Word(text="96158,93", bbox=(1459, 1231, 1596, 1250), confidence=0.96, line_id=900)
    speck = [Word(text="2", bbox=(1546, 1231, 1548, 1234), confidence=0.56, line_id=1)]
    assert _figures_replaced(speck, [fig]) == speck
    misread = [Word(text="96", bbox=(1459, 1231, 1486, 1249), confidence=0.6, line_id=2),
               Word(text="158,98", bbox=(1511, 1231, 1596, 1250), confidence=0.6, line_id=2)]
    assert [w.text for w in _figures_replaced(misread, [fig])] == ["96158,93"]


def test_a_column_that_would_weigh_more_than_anything_in_tonnes_is_in_kilograms() -> None:
    """A scanned CMR's box 11 `Вес брутто, кг` ran on into box 12 (`12.0бъем, мз / Volume, т:`, its `т` taken for
    the weights' unit): 21 246,7 tonnes is more than any consignment weighs, so the column is in kilograms. A column
    headed in tonnes whose figures a lorry can carry stays in tonnes."""
    misread = [(40, 80, "11 Вес брутто, кг 12.0бъем, мз / Volume, т:"), (58, 100, "5 449,5"), (58, 120, "21 246,7")]
    f = read_fields(DocType.cmr, [scan_page(misread)], NOM)
    assert f.gross_weight_kg is not None and float(f.gross_weight_kg.value) == 26696.2
    tonnes = [(40, 80, "11 Вес брутто, т"), (58, 100, "5,450"), (58, 120, "21,247")]
    t = read_fields(DocType.cmr, [scan_page(tonnes)], NOM)
    assert t.gross_weight_kg is not None and float(t.gross_weight_kg.value) == 26697.0


def test_a_weight_label_only_the_reread_read() -> None:
    """A photo's `TOTAL G.W.: 7,141.50 KGS` came out of the page pass as `TOTAL © № 7,141.50 kg`: the whitelisted
    re-read of the run names the label, and its figure is the gross weight. Where the page pass read the label
    itself, its own reading stands and the re-read adds nothing."""
    lost = scan_page([(40, 80, "TOTAL N.W.: 6,668.60 KGS"), (40, 96, "TOTAL © № 7,141.50 kg")])
    f = read_fields(DocType.invoice, [_with_rereads(lost, [(40, 96, "TTAL G.W.7,141.50KGS", 0.7)])], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 7141.5
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 6668.6
    assert read_fields(DocType.invoice, [lost], NOM).gross_weight_kg is None
    read = scan_page([(40, 96, "TOTAL G.W.: 7,141.50 KGS")])
    f = read_fields(DocType.invoice, [_with_rereads(read, [(40, 96, "TTAL G.W.7,747.50KGS", 0.7)])], NOM)
    assert [w.value for w in f.weights] == [7141.5]


def test_a_label_the_reread_alone_sees_beside_a_bare_number_is_no_weight() -> None:
    """`СЧЕТ-ФАКТУРА № 1900` re-read by the Latin pass as `CUET-SAKTYPA NW 1900`: the sign read as a net weight's
    label beside the invoice's number, which is written as no weight is, without decimals or a unit."""
    p = scan_page([(40, 40, "СЧЕТ-ФАКТУРА M 1900 от 05.03.2023")])
    f = read_fields(DocType.invoice, [_with_rereads(p, [(40, 40, "CUET-SAKTYPA NW 1900", 0.5)])], NOM)
    assert f.net_weight_kg is None and f.weights == []
    kg = read_fields(DocType.invoice, [_with_rereads(p, [(40, 40, "CUET-SAKTYPA NW 1900 KG", 0.5)])], NOM)
    assert kg.net_weight_kg is not None and kg.net_weight_kg.value == 1900.0


def test_a_vin_inside_a_reread_run_with_spaces() -> None:
    """The whitelisted re-read keeps a run's words apart with spaces (`VN X9FC52NV8RC414269`): the VIN is read from
    inside it. A re-read Tesseract gave no confidence does not displace the page pass's reading of the same box,
    and is kept where the page pass read none."""
    garbled = scan_page([(40, 80, "VIN X9FC5S2NV8RC414269 |")])
    f = read_fields(DocType.cmr, [_with_rereads(garbled, [(40, 80, "VN X9FC52NV8RC414269", 0.35)])], NOM)
    assert values(f.vins) == ["X9FC52NV8RC414269"]
    read = scan_page([(40, 80, "VIN: JTMX3WAGSNA179636, 2022")])
    f = read_fields(DocType.cmr, [_with_rereads(read, [(40, 80, "VN JTMX3WASSNA179636, //622", 0.0)])], NOM)
    assert values(f.vins) == ["JTMX3WAGSNA179636"]
    f = read_fields(DocType.cmr, [_with_rereads(garbled, [(40, 80, "VN X9FC52NV8RC414269", 0.0)])], NOM)
    assert values(f.vins) == ["X9FC52NV8RC414269"]


@pytest.mark.parametrize(("figure", "expected"), [
    ("21089.100", 21089.1),  # box 35, just above box 38, a little over the net: the gross
    ("41089.100", None),  # twice the net: no packaging weighs that, it is another box's figure
    ("20089.100", None),  # under the net: not the gross
    ("21089100", 21089.1),  # its mark lost: the last three digits are the decimals, where that falls in the range
    ("41089100", None),
])
def test_a_declarations_gross_whose_title_and_neighbour_were_lost(figure: str, expected: float | None) -> None:
    """A photographed declaration's row of boxes 31 to 35 read as `2) 462 шт. 156 On Beytro 21089.100 сальжагы`:
    neither the gross title nor box 34's `156 CN` survived, but box 38's net below it did."""
    p = scan_page([(40, 80, f"2) 462 шт. 156 On СМ Beytro {figure} сальжагы (er)"),
                  (300, 100, "37 ПРОЦЕДУРА 38 Нетто салмағы (кг)"), (300, 116, "40 00 000 20969.300")])
    f = read_fields(DocType.customs_declaration, [p], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 20969.3
    assert (f.gross_weight_kg.value if f.gross_weight_kg else None) == expected


@needs_nomenclature
def test_six_and_eight_digit_codes_after_an_hs_label() -> None:
    """A foreign invoice prints the HS code (`HS CODE: 8703.23`) or the seller's national one (8 digits): read after
    its label or under its column header, when HS 2022 has the subheading. Six digits with no such label are a
    date, a postcode or a sum; and a declaration's code is the full one."""
    rows = [(40, 60, "COMMERCIAL INVOICE No. 230415"), (40, 76, "HS CODE: 8703.23 Origin: China"),
            (40, 100, "Description"), (260, 100, "H.S. Code"), (360, 100, "Qty"),
            (40, 116, "Tyres 205/55 R16"), (260, 116, "40111000"), (360, 116, "400"),
            (40, 132, "Engine oil"), (260, 132, "271019"), (360, 132, "2"),
            (40, 148, "Spare part"), (260, 148, "999999"), (360, 148, "1")]
    f = read_fields(DocType.invoice, [page(rows)], NOM)
    assert values(f.hs_codes) == ["870323", "40111000", "271019"]
    assert values(read_fields(DocType.customs_declaration, [page(rows)], NOM).hs_codes) == []
    scanned = scan_page([(40, 76, "HS CODE: 8703.23 Origin: China"), (40, 92, "Postcode 050000")])
    assert values(read_fields(DocType.invoice, [scanned], NOM).hs_codes) == ["870323"]


@needs_nomenclature
def test_a_turkish_twelve_digit_gtip_counts_for_its_first_eight() -> None:
    """A Turkish exporter's `GTİP No` column holds 12 digits (`7010.90.45.00.00`): its first eight are the EU
    combined nomenclature's, which the TN VED shares; it was read as no code at all."""
    rows = [(40, 170, "Sıra Malın Cinsi / Description"), (200, 170, "GTİP No"), (320, 170, "Net Ağırlık (kg)"),
            (40, 186, "1 Cam şişe 0,5 L"), (200, 186, "7010.90.45.00.00"), (320, 186, "21 600,00")]
    assert values(read_fields(DocType.invoice, [page(rows)], NOM).hs_codes) == ["70109045"]


@needs_nomenclature
def test_an_eight_digit_code_after_a_vin_on_its_row() -> None:
    """A German invoice's row `W1N2539151F123457 8703 32 90`: the VIN's last six digits and the code's first group
    look like a 10-digit code's `6+4` form, which must not hide the 8-digit code under `Zolltarifnr.`."""
    rows = [(40, 80, "Pos. Bezeichnung"), (260, 80, "Fahrgestellnummer"), (390, 80, "Zolltarifnr."),
            (40, 96, "1 Mercedes-Benz GLC 220 d"), (260, 96, "W1N2539151F123457"), (390, 96, "8703 32 90")]
    assert values(read_fields(DocType.invoice, [page(rows)], NOM).hs_codes) == ["87033290"]


@needs_nomenclature
@pytest.mark.parametrize("header", ["СЭҚ ТН коды", "ТН СЭҚ коды", "Warennummer"])
def test_a_code_outside_the_nomenclature_under_a_kazakh_or_german_header(header: str) -> None:
    """The Kazakh name of the TN VED is `СЭҚ ТН` (either order) and a German invoice's column may say
    `Warennummer`: a typed code under them is the document's, in the nomenclature or not."""
    rows = [(40, 80, "Тауардың атауы"), (260, 80, header), (40, 96, "Дизель қозғалтқыштары"), (260, 96, "8408 20 990 0")]
    assert values(read_fields(DocType.invoice, [page(rows)], NOM).hs_codes) == ["8408209900"]


@needs_nomenclature
@pytest.mark.parametrize("scanned", [False, True])
def test_a_cmrs_statistical_number_box_holds_a_six_digit_code(scanned: bool) -> None:
    """Box 10 of a CMR (`Statistical number`, its title wrapped) holds the HS subheading; on a photo OCR glued the
    row into `8703 23 1650`, which is no 10-digit code: the `1650` is box 11's kilograms, a column away."""
    rows = [(40, 80, "9 Nature of the goods"), (300, 80, "10 Statistical"), (360, 80, "11 Gross weight, kg"),
            (300, 88, "number"),
            (40, 100, "Passenger car VW Tiguan, VIN WVGZZZ5NZRW123456"), (300, 100, "8703 23"), (370, 100, "1650")]
    p = scan_page(rows) if scanned else page(rows)
    f = read_fields(DocType.cmr, [p], NOM)
    assert values(f.hs_codes) == ["870323"]
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 1650.0


def test_an_english_or_german_cmr_names_its_truck_and_trailer() -> None:
    """Box 16 of an English CMR: `Truck 123ABC02 / trailer 45DEF02`; a German one `LKW ... Auflieger ...`. A goods
    line naming a trailer's make and model (`Semi-trailer KRONE SD27`) gives no plate."""
    for text, plates in (("Truck 123ABC02 / trailer 45DEF02", ["123ABC02", "45DEF02"]),
                         ("LKW: B-AB 1234  Auflieger: WOB-XY 567", ["BAB1234", "WOBXY567"]),
                         ("Semi-trailer KRONE SD27, 2023, 1 pc", []),
                         ("Тягач: А 123 ВС 77 RUS, прицеп: 45 DEF 02", ["A123BC77RUS", "45DEF02"]),
                         ("Truck: Motorcycle Yamaha MT-07, MY 2024 184.00", []),
                         ("Тягач: ПТС ОК 989171", [])):
        p = page([(40, 20, "CMR INTERNATIONAL CONSIGNMENT NOTE"), (40, 60, text)])
        assert values(read_fields(DocType.cmr, [p], NOM).plates) == plates, text


def test_a_plate_the_page_pass_garbled_is_taken_from_its_re_read() -> None:
    """A scanned CMR: the page pass read `123ABC02` as `123ЗАВС02` (a Cyrillic З, no plate's shape) and the trailer's
    `45DEF02` as `45DEFO2`; the whitelisted re-read of the first word reads the plate, and a Kazakh plate's last two
    characters are its region's digits. A re-read off a plate's line is no plate (on a control pass every line
    may hold one)."""
    p = scan_page([(40, 60, "Груз: запасные части"), (40, 80, "Транспортное средство DAF XF, гос. номер"),
                  (300, 80, "123ЗАВС02"), (40, 96, "Прицеп"), (300, 96, "45DEFO2")])
    f = read_fields(DocType.cmr, [_with_rereads(p, [(300, 80, "123ABC02", 0.9), (40, 60, "777ABC01", 0.9)])], NOM)
    assert values(f.plates) == ["123ABC02", "45DEF02"]


def test_a_truck_and_trailer_re_read_as_two_plates_need_no_label() -> None:
    """A scanned CMR whose box-25 label OCR read as noise: the carrier's line ends `638НЕРО] /48ЕМЕ! 3`, whose
    re-read is `638HEP01/48EMF13`, two Kazakh plates and nothing else. They are the truck and trailer. A re-read
    holding more than two plates' text (a contract number beside one) is left to the labels."""
    p = scan_page([(40, 60, "cre ree te tet Seer, Рио. стемы"), (40, 80, "г. Алматы, пр. Райымбека, 348"),
                   (300, 80, "638НЕРО] /48ЕМЕ! 3")])
    f = read_fields(DocType.cmr, [_with_rereads(p, [(300, 80, "638HEP01/48EMF13", 0.54)])], NOM)
    assert values(f.plates) == ["638HEP01", "48EMF13"]
    f = read_fields(DocType.cmr, [_with_rereads(p, [(300, 80, "638HEP01 N 2024/173 48EMF13", 0.54)])], NOM)
    assert values(f.plates) == []
    f = read_fields(DocType.invoice, [_with_rereads(p, [(300, 80, "638HEP01/48EMF13", 0.54)])], NOM)
    assert values(f.plates) == []
    # foreign plates, of no national shape, count only parted by the trailer's slash (not a contract's `EX-2023/084`)
    f = read_fields(DocType.cmr, [_with_rereads(p, [(300, 80, "MY6477H /HK8827", 0.91)])], NOM)
    assert values(f.plates) == ["MY6477H", "HK8827"]
    for other in ("MY6477H HK8827", "EX-2023/084", "INV-2023/5299"):
        assert values(read_fields(DocType.cmr, [_with_rereads(p, [(300, 80, other, 0.91)])], NOM).plates) == []


def test_a_control_pass_s_foreign_plates_under_a_garbled_label() -> None:
    """A scanned bilingual pass whose `Көлік нөмірі / Гос. номер` OCR read as `кейіс көйіріттос жәер oS`: its truck
    and trailer are foreign (`CY6240P АМ2013`), of no shape the national patterns know. With no plate read, the line
    ending in two plate-shaped tokens gives them; a pass whose plates were read keeps only those."""
    rows = [(40, 40, "ТАЛОН / ТАЛОН"), (40, 60, "Күні / Дата 03.06.2024"), (40, 80, "Уақыты / м. 1147"),
            (40, 100, "кейіс көйіріттос жәер oS CY6240P АМ2013"), (40, 120, "Бақылау / Контроль: КБ/ТК")]
    f = read_fields(DocType.control_pass, [scan_page(rows)], NOM)
    assert values(f.plates) == ["CY6240P", "AM2013"]
    known = [*rows, (40, 140, "Гос. номер ТС: 162FDL04")]
    assert values(read_fields(DocType.control_pass, [scan_page(known)], NOM).plates) == ["162FDL04"]


def test_a_weight_per_carton_column_is_not_summed_into_the_shipments() -> None:
    """A packing list's `N.W./ctn` and `G.W./ctn` columns give each carton's weight; the shipment's is in the
    totals block below (`Net Weight: 1,260.00 kgs`). Summed with it, the per-carton figures made 1267.3 kg."""
    rows = [(40, 80, "Goods"), (300, 80, "Cartons"), (360, 80, "N.W./ctn"), (430, 80, "G.W. per carton"),
            (40, 96, "LED monitors"), (300, 96, "150"), (360, 96, "6.20"), (430, 96, "7.40"),
            (40, 112, "Keyboards"), (300, 112, "300"), (360, 112, "1.10"), (430, 112, "1.35"),
            (300, 140, "Net Weight:"), (400, 140, "1,260.00 kgs"),
            (300, 156, "Gross Weight:"), (400, 156, "1,515.00 kgs")]
    f = read_fields(DocType.packing_list, [page(rows)], NOM)
    assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg and f.net_weight_kg.value) == (1515.0, 1260.0)
    assert sorted(v.value for v in f.weights) == [1260.0, 1515.0]


def test_a_weight_figure_the_page_pass_garbled_past_reading() -> None:
    """`Масса брутто партии: РА, 7 КЕ`: the page pass read no figure after the label; the re-read of those words,
    sure of `21 147,7`, is the figure. An unsure re-read leaves the weight unread rather than guessed."""
    p = scan_page([(40, 80, "Масса брутто партии:"), (300, 80, "РА, 7 КЕ")])
    low = [w.model_copy(update={"confidence": 0.3}) if w.text in ("РА,", "7") else w for w in p.words]
    p = p.model_copy(update={"words": low})
    f = read_fields(DocType.product_passport, [_with_rereads(p, [(300, 80, "21 147,7", 0.84)])], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 21147.7
    f = read_fields(DocType.product_passport, [_with_rereads(p, [(300, 80, "21 147,7", 0.5)])], NOM)
    assert f.gross_weight_kg is None


def test_a_column_figure_the_page_pass_garbled_is_its_re_read_in_kilograms() -> None:
    """A scanned packing list's first row under `Таза салмақ / Нетто` read `2 OWN PAILA Se` for `2 377,2 кг`: a
    box title to the column (`2 OWN`), which ended it before its first figure. The re-read of the cell, sure of
    `2 377,2 кг`, is the figure, its kilograms no other unit; in tonnes it replaces nothing."""
    rows = [(40, 60, "№ Наименование"), (300, 60, "Таза салмақ / Нетто"), (460, 60, "Жалпы салмақ / Брутто"),
            (40, 80, "1 Посуда"), (300, 80, "2 OWN PAILA Se"), (460, 80, "2 670,7 кг"),
            (40, 100, "2 Аккумуляторы"), (300, 100, "13 618,9 кг"), (460, 100, "13 846,8 кг"),
            (40, 120, "Итого"), (300, 120, "15 996,1 кг"), (460, 120, "16 517,5 кг")]
    p = scan_page(rows, space=11)
    garbled = [w.model_copy(update={"confidence": 0.1}) if w.text in ("OWN", "PAILA", "Se") else w for w in p.words]
    p = p.model_copy(update={"words": garbled})
    f = read_fields(DocType.packing_list, [_with_rereads(p, [(300, 80, "2 377,2 кг", 0.96)])], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 15996.1
    assert [w.value for w in f.weights if w.role == "net"][:2] == [2377.2, 13618.9]
    f = read_fields(DocType.packing_list, [_with_rereads(p, [(300, 80, "2 377,2 т", 0.96)])], NOM)
    assert 2377.2 not in [w.value for w in f.weights if w.role == "net"]


def test_words_side_by_side_that_make_seventeen_characters_are_no_vin() -> None:
    """A photographed invoice's `TOTAL PACKAGES: 1320` is 17 letters and digits once joined (`T0TALPACKAGES1320`
    after the O-to-0 repair): a label ends with its colon, and joined OCR words must prove a VIN (a WMI of a known
    region, a check digit where one applies), which a VIN OCR split does."""
    p = scan_page([(40, 80, "TOTAL PACKAGES: 1320 PCS"), (40, 96, "TOTAL PACKAGES 1320 PCS")])
    assert read_fields(DocType.invoice, [_with_rereads(p, [(40, 80, "TOTAL PACKAGES:1320", 0.9)])], NOM).vins == []
    split = scan_page([(40.0, 60.0, "Chassis XW8ZZZ61 ZJG012345")])
    assert values(read_fields(DocType.invoice, [split], NOM).vins) == ["XW8ZZZ61ZJG012345"]


@needs_nomenclature
def test_a_code_outside_the_nomenclature_under_its_column_header_is_kept() -> None:
    """An invoice's code need not be a TN VED code (`4016 93 00 00`): under a tariff-number header, even rows
    below, it is the document's code, reported with the doubt it deserves; the same digits under no such header
    are no code."""
    rows = [(40, 80, "Pos. Bezeichnung"), (260, 80, "Zolltarifnr."), (360, 80, "Menge"),
            (40, 96, "1 Hydraulikpumpen"), (260, 96, "8413 50 40 00"), (360, 96, "40"),
            (40, 112, "2 Dichtungen aus Gummi"), (260, 112, "4016 93 00 00"), (360, 112, "500")]
    f = read_fields(DocType.invoice, [page(rows)], NOM)
    assert [(v.value, v.verified) for v in f.hs_codes] == [("8413504000", True), ("4016930000", False)]
    unlabelled = [(x, y, "Artikel" if t == "Zolltarifnr." else t) for x, y, t in rows]
    assert values(read_fields(DocType.invoice, [page(unlabelled)], NOM).hs_codes) == ["8413504000"]


def test_a_vins_last_digits_and_the_code_after_it_are_no_code() -> None:
    """`...5PF587915 8703 24 909 0` holds a code's `6+4` form across the VIN and the code (`5879158703`); the VIN's
    digits are no code's, and the code after it is read whole. A word glued to a code still leaves the code."""
    rows = [(40, 80, "# Model VIN / Chassis No. HS"),
            (40, 96, "1 F-150 1FTEW1EP5PF587915 8703 24 909 0"),
            (40, 112, "2 Коробки из гофрированного картона4819200000")]
    assert values(read_fields(DocType.invoice, [page(rows)], NOM).hs_codes) == ["8703249090", "4819200000"]


def test_a_garbled_word_standing_over_several_rows_does_not_join_them() -> None:
    """A column of row numbers OCR read as one tall, unsure word (`OUBWNKe`) overlapped three rows: they came out
    as one line, `8703 8703 8703 24 24 24 ...`, and their codes as nonsense; a sure word with a stretched box
    (`[итого`) stays in its row."""
    rows = [(40, 80, "No Description HS code"), *[(60, 96 + 16 * k, f"F-150 XLT 8704 21 310 {k}") for k in range(3)],
            (60, 150, "Итого 3")]
    p = scan_page(rows)
    tall = [Word(text="OUBWNKe", bbox=(40, 94, 52, 140), confidence=0.0, line_id=99),
            Word(text="[итого", bbox=(20, 140, 52, 172), confidence=0.65, line_id=98)]
    lines = page_lines(p.model_copy(update={"words": [*p.words, *tall]}))
    assert [ln.text for ln in lines] == ["No Description HS code", *[f"F-150 XLT 8704 21 310 {k}" for k in range(3)],
                                         "[итого Итого 3", "OUBWNKe"]


def test_a_table_rule_read_as_a_bar_does_not_join_the_row_under_it() -> None:
    """A declaration's box title in small type over its value, a vertical rule between boxes read as `|` spanning
    both rows: the rule stretched the title's row over the value's, and `36` of the next box's title became box 35's
    gross weight."""
    rows = [(700, 512, "35 Вес брутто (кг)"), (950, 512, "36 Преференция"), (712, 528, "3440"), (955, 528, "00-00-00")]
    p = scan_page(rows)
    bar = Word(text="|", bbox=(940, 508, 941, 536), confidence=0.96, line_id=50)
    lines = page_lines(p.model_copy(update={"words": [*p.words, bar]}))
    assert [ln.text for ln in lines] == ["35 Вес брутто (кг) | 36 Преференция", "3440 00-00-00"]
    f = read_fields(DocType.customs_declaration, [p.model_copy(update={"words": [*p.words, bar]})], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 3440.0


def test_a_bilingual_header_set_wide_on_a_scan_takes_the_value_under_its_first_language() -> None:
    """A quality passport's `Таза салмағы / Масса нетто` in small type, its Kazakh garbled (`Таз» сапмагы`), its
    words 20 px apart at 17 px type, the value under the Kazakh words; beside it, a dense `Орын саны / Таза салмақ /
    Нетто` keeps its cells apart."""
    from extractor.models import PageSource

    def words(row: list[tuple[str, float, float]], y: float, h: float) -> list[Word]:
        return [Word(text=t, bbox=(x0, y, x1, y + h), confidence=0.9, line_id=int(y)) for t, x0, x1 in row]

    header = [("Таз»", 610, 665), ("сапмагы", 686, 781), ("/", 800, 807), ("Масса", 827, 898), ("нетто", 916, 985),
              ("Партия", 1443, 1528), ("саны", 1545, 1602), ("/", 1619, 1629), ("Количество", 1646, 1791)]
    value = [("5", 614, 632), ("693,7", 657, 760), ("кг", 786, 823), ("2981", 1448, 1530), ("дана", 1554, 1636)]
    passport = Page(number=1, width=2480, height=3508, unit="px", source=PageSource.ocr,
                    words=[*words(header, 1321, 17), *words(value, 1358, 30)])
    assert read_fields(DocType.product_passport, [passport], NOM).net_weight_kg.value == 5693.7  # type: ignore[union-attr]
    dense = [("Орын", 321, 339), ("саны", 344, 362), ("/", 366, 371), ("Таза", 381, 399), ("салмақ", 404, 431),
             ("/", 435, 440), ("Нетто", 444, 467)]
    rows = [words(dense, 168, 7.5), words([("20", 330, 338), ("6131,800", 384, 420)], 194, 7.5),
            words([("Итого:", 60, 90), ("20", 330, 338), ("6131,800", 384, 420)], 216, 7.5)]
    packing = Page(number=1, width=595, height=842, unit="pt", source=PageSource.text_layer,
                   words=[w for r in rows for w in r])
    assert read_fields(DocType.packing_list, [packing], NOM).net_weight_kg.value == 6131.8  # type: ignore[union-attr]


def test_a_vin_glued_to_its_label_and_the_model_before_it_in_a_re_read_run() -> None:
    """A re-read run joined the model, OCR's `VN` and the VIN: `RAV4VN2T3P1RFVXPW000001`."""

    p = scan_page([(40, 40, "TOYOTA RAV4VN2T3P1RFVXPW000001")], 0.8)
    assert values(read_fields(DocType.customs_declaration, [p], NOM).vins) == ["2T3P1RFVXPW000001"]


@pytest.mark.parametrize("text", [
    "Вес брутто/нетто, кг: 12450,5 / 11980,0",  # one label pair, two figures in its order
    "Gross/Net weight (kg): 12450.5/11980",
    "G.W./N.W. (KGS): 12,450.50 / 11,980.00",  # abbreviations with their dots
    "Total: 20 pallets, 12 450.5 kg gross, 11 980 kg net",  # the label after its figure
    "Gross weight (MT): 12.4505; net weight (MT): 11.98",  # metric tonnes
    "Gross weight: 12.4505 MT; net weight: 11.98 MT",
    "Nett Weight: 11,980.00 KGS   Gross Weight: 12,450.50 KGS",  # British and Asian sellers' `nett`
    "NETT WT (KGS) 11980.00 GROSS WT (KGS) 12450.50",
    "Net Wt.: 11980 kg  Gr. Wt.: 12450.5 kg",
])
def test_weight_forms_beyond_label_then_figure(text: str) -> None:
    f = read_fields(DocType.packing_list, [page([(40, 80, text)])], NOM)
    assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg and f.net_weight_kg.value) == (12450.5, 11980.0)


@pytest.mark.parametrize(("text", "net"), [
    ("Gewicht netto 11.980 kg", 11980.0),  # German groups thousands with a dot
    ("Peso neto: 11.980 kg", 11980.0),
    ("Netto: 11.980 kg", 11980.0),  # German and Polish papers' Latin 'Netto' / 'Brutto', where English says net
    ("Net weight 11.980 kg", 11.98),  # English marks decimals with one
    ("Масса нетто 11.980 кг", 11.98),  # and a Cyrillic paper's weights run to three decimals
    ("Total net: 0,449 т", 449.0),  # an English paper's comma, but no grouping of thousands opens with a nought
])
def test_an_ambiguous_figure_alone_is_read_by_the_documents_language(text: str, net: float) -> None:
    f = read_fields(DocType.packing_list, [page([(40, 80, text)])], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == net


@pytest.mark.parametrize("text", ["VIN 1FT EW1EP 5PFA12345", "VIN: 1FT EW1 EP 5 PF A12345", "VIN-код: 1FTEW1EP5-PFA12345", "Chassis No. 1FTEW 1EP5P FA12345"])
def test_a_typed_vin_printed_in_groups_after_its_label(text: str) -> None:
    """Some exporters print a VIN in groups; after a VIN label the groups are joined, on typed text as on scans.
    Without the label, typed tokens side by side stay apart (`1FT 2024 ...` is no VIN)."""
    assert values(read_fields(DocType.invoice, [page([(40, 80, text)])], NOM).vins) == ["1FTEW1EP5PFA12345"]
    unlabelled = text.split(" ", 1)[1].split(" ", 1)[1] if text.startswith("Chassis") else text.split(" ", 1)[1]
    assert values(read_fields(DocType.invoice, [page([(40, 80, "Goods " + unlabelled)])], NOM).vins) == []


@needs_nomenclature
def test_a_code_two_passes_read_alike_is_not_repaired_into_another() -> None:
    """`7304191000` is in no edition; a scan's reading of it is repaired to the one code a look-alike digit away
    (`7304191009`), unless the whitelisted re-read read the same digits surely: then it was printed so."""
    p = scan_page([(40, 80, "№ Товар Код ТН ВЭД Ед."), (40, 96, "1 Трубы стальные 7304191000 т")])
    code = next(w for w in p.words if w.text == "7304191000")
    alone = read_fields(DocType.waybill, [p], NOM)
    assert values(alone.hs_codes) == ["7304191009"]
    both = read_fields(DocType.waybill, [_with_rereads(p, [(code.bbox[0], code.bbox[1], "7304191000", 0.97)])], NOM)
    assert [(v.value, v.verified) for v in both.hs_codes] == [("7304191000", False)]


@pytest.mark.parametrize(("text", "number"), [("Счет на оплату № 45 от 12.03.2024", "45"), ("Inv. No. 7781", "7781"),
                                              ("Inv No 7781", "7781"), ("ШОТ-ФАКТУРА № 2042 16.04.2023", "2042"),
                                              # OCR's renderings of `№`; with no space after, the letters are the number's
                                              ("ШОТ-ФАКТУРА Мг 47", "47"), ("INVOICE Ne 2024/15", "2024/15"),
                                              ("INVOICE NE123", "NE123"), ("Счет-фактура Ко УП-0418 от 18.04.2024", "УП-0418"),
                                              ("ШОТ-ФАКТУРА / СЧЕТ-ФАКТУРА Ке 660", "660")])
def test_invoice_number_labels_of_other_forms(text: str, number: str) -> None:
    assert values(read_fields(DocType.invoice, [page([(40, 80, text)])], NOM).invoice_numbers) == [number]


def test_an_invoice_number_under_its_column_header() -> None:
    """`INVOICE NO / FATURA NO` heads a column and the number stands on the line below, under it; a title's bare
    `INVOICE` names no number, so the date under it is not taken for one."""
    rows = [(40, 60, "CONSIGNEE / ALICI :"), (240, 60, "INVOICE NO / FATURA NO"), (420, 60, "DATE / TARIH"),
            (40, 76, "TOO «Батыс Ойл Сервис»"), (240, 76, "INV-2023/1291"), (420, 76, "September 20, 2023")]
    assert values(read_fields(DocType.invoice, [page(rows)], NOM).invoice_numbers) == ["INV-2023/1291"]
    title = [(240, 40, "COMMERCIAL INVOICE"), (240, 56, "2023/1291")]
    assert values(read_fields(DocType.invoice, [page(title)], NOM).invoice_numbers) == []
    # a value beside the label that OCR garbled past reading: the address under it holds no invoice number
    garbled = [(40, 60, "Rechnungs-Nr. / Invoice no.: 1№\\-2624/3549"), (40, 76, "г. Астана, ул. Сыганак, 29")]
    assert values(read_fields(DocType.invoice, [page(garbled)], NOM).invoice_numbers) == []


def test_an_import_applications_rows_end_with_their_invoices_number_and_date() -> None:
    rows = [(40, 60, "№ Наименование товара Код ТН ВЭД ЕАЭС Ед. Кол-во Масса нетто, кг Стоимость Страна № Дата"),
            (40, 68, "п/п изм. происхождения счета-фактуры"),
            (40, 80, "1 Бумага туалетная 4818201000 шт 2404 1111.9 406 925,08 Кыргызстан 998 09.08.2023"),
            (40, 96, "2 Масла смазочные 2710203701 шт 268 6298.7 28 858,24 Россия 09.08.2023")]
    assert values(read_fields(DocType.import_application, [page(rows)], NOM).invoice_numbers) == ["998"]


def test_a_scanned_declaration_number_whose_date_is_no_date_gives_its_registration_date() -> None:
    p = scan_page([(40, 80, "ДЕКЛАРАЦИЯ НА ТОВАРЫ"), (300, 100, "A 55205/268824/0012345")])
    f = read_fields(DocType.customs_declaration, [p], NOM)
    assert values(f.registration_numbers) == ["55205/260824/0012345"]
    assert [(d.value, d.role) for d in f.dates] == [("2024-08-26", "registration_date")]


def test_a_declaration_number_on_another_paper_dates_no_declaration_of_it() -> None:
    """A Russian УПД's column `Регистрационный номер декларации` names the declaration the goods entered Russia
    under: its number is read, but its date is no date of the invoice."""
    rows = [(40, 30, "Универсальный передаточный документ. Счет-фактура № 1187 от 14 марта 2024 г."),
            (40, 120, "Наименование товара"), (500, 120, "Регистрационный номер декларации"),
            (40, 140, "Пакеты"), (500, 140, "10702070/120124/3001234")]
    f = read_fields(DocType.invoice, [page(rows)], NOM)
    assert values(f.registration_numbers) == ["10702070/120124/3001234"]
    assert [(d.value, d.role) for d in f.dates] == [("2024-03-14", "invoice_date")]


UPD_HEADER = [(40, 120, "Наименование товара"), (330, 120, "Код ед."), (380, 120, "Ед. изм."), (430, 120, "Кол-во"),
              (500, 120, "Стоимость")]


@pytest.mark.parametrize(("units", "net"), [
    (("кг", "кг"), 2050.0),
    (("кг", "шт"), None),  # mixed units: the quantities sum to no mass
    (("шт", "шт"), None),
])
def test_an_invoice_counting_its_goods_in_kilograms_gives_their_net_mass(units: tuple[str, str], net: float | None) -> None:
    """A Russian УПД or a Kazakh ЭСФ prints no net weight when its goods are counted in kilograms: the quantity
    column is their mass, when the unit column says `кг` on every row."""
    rows = [*UPD_HEADER,
            (40, 140, "Пленка полиэтиленовая"), (330, 140, "166" if units[0] == "кг" else "796"), (380, 140, units[0]),
            (430, 140, "1 250,000"), (500, 140, "312 500,00"),
            (40, 160, "Пакеты"), (330, 160, "166" if units[1] == "кг" else "796"), (380, 160, units[1]),
            (430, 160, "800,000"), (500, 160, "96 000,00")]
    f = read_fields(DocType.invoice, [page(rows)], NOM)
    assert (f.net_weight_kg.value if f.net_weight_kg else None) == net


@pytest.mark.parametrize("scanned", [False, True])
def test_a_quantity_header_in_kilograms_is_the_net_mass(scanned: bool) -> None:
    rows = [(40, 120, "Description"), (300, 120, "Qty, kg"), (400, 120, "Amount, USD"),
            (40, 140, "Film"), (300, 140, "1,250.00"), (400, 140, "3,125.00"),
            (40, 160, "Bags"), (300, 160, "800.00"), (400, 160, "960.00"),
            (40, 180, "Total"), (300, 180, "2,050.00"), (400, 180, "4,085.00")]
    f = read_fields(DocType.invoice, [(scan_page if scanned else page)(rows)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 2050.0
    assert f.gross_weight_kg is None


def test_a_labelled_net_weight_wins_over_a_quantity_in_kilograms() -> None:
    rows = [(40, 100, "Net weight: 1 990 kg"), *UPD_HEADER,
            (40, 140, "Пленка"), (330, 140, "166"), (380, 140, "кг"), (430, 140, "2 050,000"), (500, 140, "96 000,00")]
    f = read_fields(DocType.invoice, [page(rows)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 1990.0


@needs_nomenclature
def test_a_scanned_code_in_no_edition_is_repaired_to_the_one_its_row_describes() -> None:
    """OCR read paper's `4802409000` as `2802409000`: the look-alike repair alone gives bran (`2302409000`), the
    description on the row says paper. Typed text is never repaired."""
    rows = [(40, 80, "№ Наименование товара Код ТН ВЭД Кол-во"),
            (40, 96, "1 Бумага офсетная немелованная 2802409000 120")]
    assert values(read_fields(DocType.invoice, [scan_page(rows)], NOM).hs_codes) == ["4802409000"]
    assert values(read_fields(DocType.invoice, [page(rows)], NOM).hs_codes) == ["2802409000"]


@pytest.mark.parametrize("scanned", [False, True])
def test_an_engine_number_is_no_vin(scanned: bool) -> None:
    """`Двигатель № GW4B15A 2405123456`: the engine's model and number make 17 characters of a VIN's alphabet
    ending in digits, and were reported as an undeclared VIN, from the page pass's line and from the re-read."""
    rows = [(40, 60, "Идентификационный номер (VIN)"), (300, 60, "LGWEF6A75RH512345"),
            (40, 80, "Двигатель №"), (300, 80, "GW4B15A 2405123456"),
            (40, 100, "Engine No.: GW4B15A2405123457   VIN: LGWEF6A75RH512346")]
    p = page(rows)
    if scanned:  # with the whitelisted re-read of the engine number's box, which holds no label
        p = _with_rereads(scan_page(rows), [(300, 80, "GW4B15A2405123456", 0.9)])
    f = read_fields(DocType.vehicle_passport, [p], NOM)
    assert values(f.vins) == ["LGWEF6A75RH512345", "LGWEF6A75RH512346"]


@pytest.mark.parametrize("scanned", [False, True])
def test_a_total_weight_header_starts_its_column_at_its_total_word(scanned: bool) -> None:
    """`Total N.W.` over figures set flush left under its `Total`: the column starts where the cell does, not at
    the `N.W.` label; a per-carton column beside it is not the net weight."""
    rows = [(40, 30, "PACKING LIST"), (120, 80, "Description"), (380, 80, "N.W. per ctn"), (480, 80, "Total N.W."),
            (580, 80, "Total G.W."),
            (120, 100, "PE bags"), (380, 100, "30.00"), (480, 100, "1,200.00"), (580, 100, "1,260.00"),
            (120, 120, "Cartons"), (380, 120, "40.03"), (480, 120, "800.50"), (580, 120, "840.00"),
            (120, 140, "TOTAL"), (480, 140, "2,000.50"), (580, 140, "2,100.00")]
    f = read_fields(DocType.packing_list, [(scan_page if scanned else page)(rows)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 2000.5
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 2100.0


@pytest.mark.parametrize("label", ["ГРНЗ автомашины:", "Госрегзнак:", "License plate:", "Государственный регистрационный знак"])
def test_plates_after_the_registration_mark_labels_other_hands_use(label: str) -> None:
    """`ГРНЗ` (государственный регистрационный номерной знак) and its kin name the truck's plate: the plate after
    it was not read, only the trailer's after `прицеп`."""
    rows = [(40, 30, "ТАЛОН"), (40, 110, f"{label} 123 ABC 02, прицеп 45 DEF 02")]
    assert values(read_fields(DocType.control_pass, [page(rows)], NOM).plates) == ["123ABC02", "45DEF02"]


def test_a_declaration_box_number_and_its_title_are_one_column() -> None:
    """`35 Вес брутто (кг)` over a figure set to the right of the box's edge, and box 37 `4000 000` under it at the
    edge: the box number alone made a narrow column of its own that missed its box's figure and took box 37's."""
    p = page([
        (40, 30, "ДЕКЛАРАЦИЯ НА ТОВАРЫ"),
        (300, 100, "35 Вес брутто (кг)"), (310, 114, "12 450,500"),
        (300, 140, "37 Процедура"), (302, 154, "4000 000"),
        (40, 200, "16 Страна происхождения"), (46, 214, "КИТАЙ"),
        (40, 260, "44 Дополнит. информация/ Представл. документы"),
        (46, 274, "04021/0 INV-HX-2403-118 ОТ 02.03.2024"),
    ])
    f = read_fields(DocType.customs_declaration, [p], NOM)
    assert [(w.role, w.value) for w in f.weights] == [("gross", 12450.5)]
    assert values(f.invoice_numbers) == ["INV-HX-2403-118"], "box 44's `04021/0`: the invoice, presented"
    garbled = scan_page([(40, 200, "16 Cr pane горю sos деччи®"), (46, 214, "КИТАЙ")])
    countries = read_fields(DocType.customs_declaration, [garbled], NOM).countries
    assert [(c.role, c.value) for c in countries] == [("origin", "CN")], "box 16 is the declaration's origin"


def test_a_column_of_description_lines_beside_box_titles_at_another_pitch() -> None:
    """A photographed declaration's box 31 (description lines) beside boxes 35 and 37 (title, figure): each row of
    one column overlaps half a row of the other, which chained all four into one line, the title's words and the
    figure's interleaved (`В РУЛОНАХ 35 Вес ПРОИЗВ. 12 брутто 450,500`)."""
    p = scan_page([
        (40, 100, "В РУЛОНАХ, ДЛЯ УПАКОВКИ"), (300, 106, "35 Вес брутто (кг)"),
        (40, 113, "ПРОИЗВ.: SHANDONG PLASTIC"), (300, 121, "12 450,500"),
        (300, 150, "1) Прошедура"), (302, 164, "4000 000"),
    ])
    lines = page_lines(p)
    for ln in lines:
        xs = sorted((w.bbox[0], w.bbox[2]) for w in ln.words)
        assert all(a[1] <= b[0] for a, b in zip(xs, xs[1:], strict=False)), f"words stacked in one line: {ln.text}"
    f = read_fields(DocType.customs_declaration, [p], NOM)
    assert [(w.role, w.value) for w in f.weights] == [("gross", 12450.5)], "box 37's garbled title ends the column"


def test_box_12s_number_before_a_title_whose_capital_ocr_read_as_zero_is_no_gross() -> None:
    """A scanned CMR's header `11 Вес брутто 12 Объем, м3`, read as one line `... 1lBec брутто 12 0бъем`: the 12
    numbers box 12, whose `О` came out a zero, and weighs nothing. (The gross, 32400, stands in the row and the
    total row, which this layout does not set under the header.)"""
    rows = [(20, 100, "6 Знаки и номера 7 Кол-во мест 8 Род упаковки 9 Наименование груза 10 Стат. номер 1lBec брутто "
                      "12 0бъем м3"),
            (60, 120, "1 Автомобиль КАМАЗ 65115, 2021 г.в 8704329201 32400"), (40, 136, "2 ед грузовой"),
            (140, 300, "Итого мест, 32400")]
    f = read_fields(DocType.cmr, [scan_page(rows)], NOM)
    assert 12 not in values(f.weights)
    assert f.gross_weight_kg is None or f.gross_weight_kg.value == 32400


def test_a_scanned_cmrs_goods_box_that_adds_up_outweighs_a_figure_on_its_header_line() -> None:
    """`11 Вес брутто, кг 12 Объем` read `Пос брутто. к 106, в`: the 106 is box 12's garbled title, not the gross;
    the rows under the header add up to the total row's 31598.1, which proves it (and 264 + 15 packages = 279).
    A labelled total row outweighs such a figure even where the rows were misread and do not add up."""
    def cmr(rows: list[tuple[int, int, str]]) -> DocumentFields:
        return read_fields(DocType.cmr, [scan_page(rows)], NOM)

    rows = [(40, 100, "7 Кол-во мест 9 Номенование груза"), (300, 100, "Пос брутто. к 106, в"),
            (60, 120, "264 коробка Машины вычислительные"), (306, 120, "8777.5"),
            (60, 140, "15 бочка Масла смазочные моторные"), (300, 140, "22820.6"),
            (150, 200, "Итого мест: 279"), (300, 200, "31598.1")]
    f = cmr(rows)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 31598.1
    assert f.gross_weight_kg.confidence <= 0.7, "a sum's proof, not a label's"
    labelled = [(40, 60, "Вес брутто, кг: 31 600,0"), (60, 120, "264 коробка Машины"), (60, 140, "15 бочка Масла"),
                (150, 200, "Итого мест: 279")]
    f = cmr(labelled)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 31600, "the packages' total is no gross"
    # rows misread so that they do not add up, under a `Total:` row, and box 12's number and title garbled into a
    # unitless figure beside box 11's (`брутто. ar 1200. ut / Volum`, 1357-0170): the total row is the gross, for the
    # figure is neither it nor a row; a figure with its unit beside the title is the title's own
    rows = [(40, 80, "9 Наименование груза"), (300, 80, "AlSec брутто. ar 1200. ut / Volum"),
            (60, 100, "3 units Автомобиль грузовой"), (300, 100, "7 050"),
            (60, 116, "1 units Комбайн"), (300, 116, "4606"),
            (150, 140, "Total: 4"), (300, 140, "37 450")]
    f = cmr(rows)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 37450.0
    unit = [*rows[:1], (300, 80, "Вес брутто 37450 kg"), *rows[2:]]
    f = cmr(unit)
    assert 37450.0 in values([w for w in f.weights if w.role == "gross"])


@needs_nomenclature
@pytest.mark.parametrize(("reread_confidence", "expected"), [(0.19, "7612908001"), (0.9, "7612908002")])
def test_a_code_reread_far_less_surely_than_the_page_pass_read_it(reread_confidence: float, expected: str) -> None:
    """The page pass read `7612908001` at 0.96; the code's re-read gave `7612908002` at 0.19. Both are codes of the
    nomenclature, and the re-read that Tesseract itself doubts does not outrank the page pass; a sure one does."""
    p = scan_page([(40, 80, "Description"), (200, 80, "HS code"), (40, 100, "Aluminium beverage cans"),
                   (200, 100, "7612908001")], 0.96)
    f = read_fields(DocType.invoice, [_with_rereads(p, [(200, 100, "7612908002", reread_confidence)])], NOM)
    assert [c.value for c in f.hs_codes] == [expected]


@needs_nomenclature
def test_a_short_code_that_is_the_start_of_a_reread_full_code() -> None:
    """A photographed packing list's `3920.10.89.09` came out of the page pass as `3920.10` and noise; the cell's
    re-read read it whole. One code was printed there, not a subheading beside it. A subheading elsewhere stays."""
    p = scan_page([(40, 80, "DESCRIPTION"), (200, 80, "HS CODE"), (40, 100, "STRETCH FILM"), (200, 100, "3920.10 ~"),
                   (40, 120, "PLASTIC CAPS"), (200, 120, "3923.50")])
    f = read_fields(DocType.packing_list, [_with_rereads(p, [(200, 100, "3920.10.89.09", 0.9)])], NOM)
    assert [c.value for c in f.hs_codes] == ["3920108909", "392350"]
    assert [c.value for c in read_fields(DocType.packing_list, [p], NOM).hs_codes] == ["392010", "392350"]


def test_a_german_packing_list_groups_thousands_with_a_dot() -> None:
    """A German Packliste prints `1.705` kg beside measures `4,51×1,86×1,66`; its one `2.0` is a model's name
    (`Tiguan 2.0 TDI`). The comma is its decimal mark, so the dot groups thousands. An English list's `1.705`
    beside `12,450` stays a decimal."""
    rows = [(40, 60, "Pos. Bezeichnung"), (300, 60, "Nettogewicht kg"), (420, 60, "Maße m"),
            (40, 80, "1 PKW Volkswagen Tiguan 2.0 TDI"), (300, 80, "1.705"), (420, 80, "4,51×1,86×1,66"),
            (40, 100, "2 PKW BMW X3 xDrive20d"), (300, 100, "1.855"), (420, 100, "4,71×1,89×1,68")]
    f = read_fields(DocType.packing_list, [page(rows)], NOM)
    assert values(f.weights) == [1705.0, 1855.0]
    english = [(40, 60, "Item Description"), (300, 60, "Net weight kg"), (420, 60, "Amount"),
               (40, 80, "1 Bolts M8 grade 2.0"), (300, 80, "1.705"), (420, 80, "12,450.50"),
               (40, 100, "2 Nuts M8"), (300, 100, "1.855"), (420, 100, "1,020.00")]
    assert values(read_fields(DocType.packing_list, [page(english)], NOM).weights) == [1.705, 1.855]


@pytest.mark.parametrize(("money", "weights"), [
    ("Gesamtbetrag netto: 70.400,00 EUR", "Bruttogewicht: 3.710 kg   Nettogewicht: 3.560 kg"),
    ("Total net: USD 70,400.00", "Gross weight: 3,710 kg   Net weight: 3,560 kg"),
])
def test_a_price_net_of_tax_is_no_net_weight(money: str, weights: str) -> None:
    """`Gesamtbetrag netto: 70.400,00 EUR` names a price net of tax: neither its figure nor a figure below it is the
    net weight, which the invoice gives further down."""
    p = page([(40, 80, money), (40, 100, "Ursprungsland: Deutschland"),
              (40, 120, weights)])
    f = read_fields(DocType.invoice, [p], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 3560.0
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 3710.0
    assert values(f.weights) == [3710.0, 3560.0]


def test_a_german_vin_label_fin() -> None:
    """German papers call the VIN `FIN` (Fahrzeug-Identifizierungsnummer) and may print it in Volkswagen's groups."""
    f = read_fields(DocType.invoice, [page([(40, 80, "FIN: WVW ZZZ 1K Z 6W 123456")])], NOM)
    assert values(f.vins) == ["WVWZZZ1KZ6W123456"]
    assert values(read_fields(DocType.invoice, [page([(40, 80, "Nr.: WVW ZZZ 1K Z 6W 123456")])], NOM).vins) == []


def test_a_country_under_a_title_spanning_two_sub_columns() -> None:
    """A Russian УПД heads columns 10 and 10а with one title, `Страна происхождения товара`, over `цифровой код`
    and `краткое наименование`, then a row of column numbers: `РОССИЯ` under it is the origin."""
    head = [(40, 40, "Наименование"), (560, 40, "Страна происхождения"), (560, 52, "товара"),
            (560, 64, "цифровой"), (660, 64, "краткое"), (560, 76, "код"), (660, 76, "наименование"),
            (40, 88, "1а"), (560, 88, "10"), (660, 88, "10а")]
    rows = [(40, 100, "Бутылки ПЭТ"), (560, 100, "643"), (660, 100, "РОССИЯ"),
            (40, 112, "Крышки"), (560, 112, "643"), (660, 112, "РОССИЯ")]
    f = read_fields(DocType.invoice, [page(head + rows)], NOM)
    assert [(c.role, c.value) for c in f.countries] == [("origin", "RU")]


@pytest.mark.parametrize("glued", ["VIN-", "VIN:", "VIN№", "VIN/"])
def test_a_vin_glued_to_its_label_in_typed_text(glued: str) -> None:
    """`Toyota Camry VIN-JTNB11HK5P3001234 2024`: typed text glues the label to the number with a mark; the VIN is
    the number, boxed without the label. Eighteen characters after the label are no VIN."""
    f = read_fields(DocType.invoice, [page([(40, 80, f"Toyota Camry {glued}JTNB11HK5P3001234 2024")])], NOM)
    assert [(v.value, v.raw) for v in f.vins] == [("JTNB11HK5P3001234", "JTNB11HK5P3001234")]
    assert read_fields(DocType.invoice, [page([(40, 80, f"Camry {glued}JTNB11HK5P30012345")])], NOM).vins == []


def test_the_senders_country_from_its_block_and_no_further() -> None:
    """A sender's country is in its own block: in the cell right of its label (`Грузоотправитель | …, USA`), or
    ending its address under its name. The origin printed further down is not the sender's, and a firm's name
    that opens with a country (`Polska Opakowania`) names none."""
    ttn = page([(40, 40, "Грузоотправитель"), (200, 40, "Midwest Auto Export LLC, 1200 W Lake St, Chicago, IL, USA"),
                (40, 52, "Грузополучатель"), (200, 52, "ТОО «Алатау Импорт», г. Алматы")])
    assert ("sender", "US") in {(c.role, c.value) for c in read_fields(DocType.waybill, [ttn], NOM).countries}

    def invoice(address: str) -> set[tuple[str | None, str | float]]:
        p = page([(50, 40, "Продавец / Seller:"), (170, 40, "Shandong Linglong Tyre Co., Ltd."), (170, 51, address),
                  (50, 80, "Покупатель / Buyer:"), (170, 80, "ТОО «КазАвтоДистрибьюшн»"), (170, 91, "г. Алматы"),
                  (50, 110, "Страна происхождения / Country of origin: Россия")])
        return {(c.role, c.value) for c in read_fields(DocType.invoice, [p], NOM).countries}

    assert invoice("777 Jinlong Road, Zhaoyuan, Shandong, China") == {("sender", "CN"), ("origin", "RU")}
    assert invoice("г. Ростов-на-Дону, ул. Менжинского, 2") == {("origin", "RU")}
    dt = page([(40, 40, "2 Отправитель"), (200, 40, "Polska Opakowania Sp. z o.o."),
               (40, 52, "8 Получатель"), (200, 52, "ТОО «Евразия Пак»")])
    assert [c for c in read_fields(DocType.customs_declaration, [dt], NOM).countries if c.role == "sender"] == []


def test_a_chinese_packing_list_with_per_carton_and_total_columns() -> None:
    """`N.W./CTN | TTL N.W. | G.W./CTN | TTL G.W.`: the per-carton columns are not the goods' weights; the `TTL`
    (total) columns are, row by row, and so is the total row under them."""
    cn = [(40, 60, "NO."), (90, 60, "DESCRIPTION"), (380, 60, "CTNS"), (430, 60, "N.W./CTN"), (500, 60, "TTL N.W."),
          (570, 60, "G.W./CTN"), (640, 60, "TTL G.W."),
          (40, 80, "1"), (90, 80, "LED LAMP"), (380, 80, "100"), (430, 80, "8.50"), (500, 80, "850.00"),
          (570, 80, "9.20"), (640, 80, "920.00"),
          (40, 100, "2"), (90, 100, "LED PANEL"), (380, 100, "50"), (430, 100, "12.00"), (500, 100, "600.00"),
          (570, 100, "13.10"), (640, 100, "655.00"),
          (90, 120, "TOTAL:"), (380, 120, "150"), (500, 120, "1450.00"), (640, 120, "1575.00")]
    f = read_fields(DocType.packing_list, [page(cn)], NOM)
    assert [(w.value, w.role) for w in f.weights] == [
        (850.0, "net"), (920.0, "gross"), (600.0, "net"), (655.0, "gross"), (1450.0, "net"), (1575.0, "gross")]


def test_a_producers_passport_names_the_makers_country() -> None:
    """A quality passport says where the goods are made by naming the maker: `Изготовитель: ТОО «…», Республика
    Казахстан`. A firm's name holding a country (`ООО «Китай-Авто», Россия`) gives way to the country after it; a
    declaration's box 31 `ПРОИЗВОДИТЕЛЬ` is not its origin."""
    def origins(text: str, dt: DocType = DocType.product_passport) -> list[str | float]:
        f = read_fields(dt, [page([(40, 40, "ПАСПОРТ КАЧЕСТВА № 112"), (40, 60, text)])], NOM)
        return [c.value for c in f.countries if c.role == "origin"]

    assert origins("Изготовитель: ТОО «Караганда Пласт Продакшн», Республика Казахстан") == ["KZ"]
    assert origins("Изготовитель: ООО «Китай-Авто», Россия") == ["RU"]
    assert origins("Manufacturer: Toyota Tsusho Corporation, Nagoya, Japan", DocType.invoice) == ["JP"]
    assert origins("ПРОИЗВОДИТЕЛЬ: ООО «Китай-Авто», Россия", DocType.customs_declaration) == []


@pytest.mark.parametrize(("reread", "expected"), [
    ("VN X9FCS52NV8RC414269", "X9FC52NV8RC414269"),  # a 5 printed `S5`
    ("VNX9FC5S2NV8RC414269", "X9FC52NV8RC414269"),  # `5S`, glued to OCR's `VN`
    ("VIN TMBZZZ12Z2L0123456", "TMBZZZ1Z2L0123456"),  # a Z printed `2Z`
    ("XKZR90FDJHRE749040", "XKZR9FDJHRE749040"),  # a 9 printed `90`
])
def test_a_vin_with_one_glyph_printed_twice_is_read_without_the_echo(reread: str, expected: str) -> None:
    """The whitelisted re-read sometimes prints one glyph twice, making 18 characters of a VIN; the page pass
    garbled the same box."""
    garbled = scan_page([(40, 80, "VIN X9FCSZNVERC4I4269 |")])
    f = read_fields(DocType.cmr, [_with_rereads(garbled, [(40, 80, reread, 0.6)])], NOM)
    assert values(f.vins) == [expected]


def test_the_page_pass_reading_of_a_nine_printed_twice_gives_the_vin() -> None:
    """A scanned safety certificate: the page pass read the 9 of `XKZR9FDJHRE749040` as `9O`."""
    p = scan_page([(40, 80, "Идентификационный номер (VIN): XKZR9OFDJHRE749040")], 0.9)
    assert values(read_fields(DocType.conformity_certificate, [p], NOM).vins) == ["XKZR9FDJHRE749040"]


def test_a_vin_after_a_rule_read_as_1() -> None:
    """An acceptance certificate's table: the re-read of the VIN's cell took in the rule before it as `1`
    (`1XTA97Z6EUNA959887.`); the page pass garbled the cell."""
    garbled = scan_page([(40, 80, "Lada Granta"), (200, 80, "[ХТАЗ726ЕМАЗ5987 A"), (400, 80, "2022")])
    f = read_fields(DocType.acceptance_certificate, [_with_rereads(garbled, [(200, 80, "1XTA97Z6EUNA959887.", 0.83)])],
                    NOM)
    assert values(f.vins) == ["XTA97Z6EUNA959887"]


@pytest.mark.parametrize(("reread", "expected"), [
    ("Y3MUFEMS90R7614130", "Y3MUFEM90R7614130"),  # no check digit: the page pass's 17 as printed stand
    ("VN1FTSRZ7C6MHS590891", "1FTSRZ7C6MH590891"),  # the echo dropped passes the check digit: the re-read stands
])
def test_a_reread_of_eighteen_against_the_page_pass_reading_of_seventeen(reread: str, expected: str) -> None:
    """A vehicle passport's page pass read `Y3MUFEM90R7614130` at 0.92; its re-read `Y3MUFEMS90R7614130` at 0.82,
    whose `90` taken for a 9's echo gives `Y3MUFEMS9R7614130`. A Ford's `1FTSRZ7C6MHS59089 1`, its re-read
    `VN1FTSRZ7C6MHS590891`: without the S, a North American check digit vouches for the re-read."""
    page_pass = {"Y": "Y3MUFEM90R7614130", "V": "1FTSRZ7C6MHS59089 1"}[reread[0]]
    p = scan_page([(40, 80, "VIN"), (70, 80, page_pass)], 0.92)
    f = read_fields(DocType.vehicle_passport, [_with_rereads(p, [(70, 80, reread, 0.82)])], NOM)
    assert values(f.vins) == [expected]


def test_a_reread_runs_neighbouring_digit_is_no_echo_before_a_makers_vin() -> None:
    """A scanned invoice's row: the page pass garbled the VIN's cell (`16мм н908Я7322315`); its re-read took in the
    row's `7` before it (`7 LGWWHJ908R7322315`, 5959-0168). Dropping the 9's echo makes 17 (`7LGWWHJ98R7322315`)
    whose WMI is nobody's; the 17 read as printed after the 7 is Great Wall's."""
    garbled = scan_page([(40, 80, "1"), (80, 80, "16мм н908Я7322315"), (300, 80, "VIN: 8703604099 1шт")], 0.5)
    f = read_fields(DocType.invoice, [_with_rereads(garbled, [(68, 80, "7 LGWWHJ908R7322315", 0.9)])], NOM)
    assert values(f.vins) == ["LGWWHJ908R7322315"]


def test_eighteen_characters_without_an_echo_pair_are_no_vin() -> None:
    p = scan_page([(40, 80, "VIN X9FCA52NV8RC414269")], 0.8)
    assert read_fields(DocType.cmr, [p], NOM).vins == []


def test_a_speck_on_a_header_row_does_not_make_the_row_its_own_first_value_row() -> None:
    """OCR read a speck on a scanned CMR's header row as a word twice the row's height (`cae`): the row's middle
    fell below the weight label, the header row was taken for the column's first row, and its own label ended the
    column. The figure under the label is the gross."""
    rows = [(40, 80, "7 Кол-во мест"), (300, 80, "11 Вес брутто, кг"), (40, 100, "1 ед. Автомобиль"), (306, 100, "2350")]
    p = scan_page(rows)
    label_line = next(w.line_id for w in p.words if w.text == "11")
    speck = Word(text="cae", bbox=(250.0, 80.0, 268.0, 106.0), confidence=0.3, line_id=label_line)
    f = read_fields(DocType.cmr, [p.model_copy(update={"words": [*p.words, speck]})], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 2350.0


def test_a_scanned_bin_one_digit_off_the_only_number_that_could_be_issued_is_repaired() -> None:
    """`820541149114` fails its check digit; of the numbers one OCR confusion away that pass it, only `020541149114`
    was registered after 1991. The repair is reported unsure; a text layer's number is never repaired."""
    scanned = read_fields(DocType.invoice, [scan_page([(40, 40, "БИН 820541149114")], 0.9)], NOM).bins
    assert values(scanned) == ["020541149114"] and scanned[0].confidence <= 0.5 and scanned[0].raw == "820541149114"
    typed = read_fields(DocType.invoice, [page([(40, 40, "БИН 820541149114")])], NOM).bins
    assert values(typed) == ["820541149114"] and not typed[0].verified
    # several numbers could be meant: the reading stays as it is
    ambiguous = read_fields(DocType.invoice, [scan_page([(40, 40, "БИН 190542580730")], 0.9)], NOM).bins
    assert values(ambiguous) == ["190542580730"]


def test_a_scanned_bin_ocr_cut_with_a_space_is_whole_when_its_check_digit_holds() -> None:
    """A packing list's `БСН 17024285 3855`: the labelled number, its twelve digits whole again, passes its check
    digit. A typed line means what it prints, and digits that pass no check digit make no BIN."""
    scanned = read_fields(DocType.packing_list, [scan_page([(40, 40, "БСН 17024285 3855")], 0.9)], NOM).bins
    assert values(scanned) == ["170242853855"] and scanned[0].verified
    typed = read_fields(DocType.packing_list, [page([(40, 40, "БСН 17024285 3855")])], NOM).bins
    assert values(typed) == []
    wrong = read_fields(DocType.packing_list, [scan_page([(40, 40, "БСН 17024285 3856")], 0.9)], NOM).bins
    assert values(wrong) == []


def test_a_scanned_event_date_decades_ahead_is_a_misread_and_a_validity_end_is_not() -> None:
    p = scan_page([(40, 40, "Дата пересечения: 24.04.2055"), (40, 60, "Действительно до: 01.02.2055")], 0.9)
    dates = read_fields(DocType.control_pass, [p], NOM).dates
    assert [(d.role, d.value) for d in dates] == [("valid_until", "2055-02-01")]
    typed = read_fields(DocType.control_pass, [page([(40, 40, "Дата пересечения: 24.04.2055")])], NOM).dates
    assert [(d.role, d.value) for d in typed] == [("crossing_date", "2055-04-24")]


def test_a_scanned_total_that_lost_its_first_group_or_its_mark_is_its_rows_sum() -> None:
    """`19 311,4` read as `19` and `3114` two cells apart: the rows add up to 19 311.4, whose digits end in 3114."""
    p = scan_page([
        (40, 80, "Наименование"), (300, 80, "Вес нетто, кг"), (420, 80, "Вес брутто, кг"),
        (40, 96, "Шины"), (300, 96, "18 752,7"), (420, 96, "20 617,3"),
        (40, 112, "Диски"), (300, 112, "558,7"), (420, 112, "594,2"),
        (40, 128, "Итого:"), (268, 128, "19"), (320, 128, "3114"), (420, 128, "21 211,5"),
    ], 0.8)
    f = read_fields(DocType.packing_list, [p], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 19311.4 and f.net_weight_kg.raw == "3114"
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 21211.5


def test_scanned_marks_read_as_colon_and_semicolon_are_the_figures_marks() -> None:
    p = scan_page([(40, 40, "Итого брутто: 11:312;5<кг"), (40, 60, "Время: 11:30")], 0.8)
    f = read_fields(DocType.packing_list, [p], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 11312.5
    # a speck in the thousands space read as a degree sign (9393-0143's total, `12°239,8`, had been 239.8 kg)
    degree = read_fields(DocType.packing_list, [scan_page([(40, 40, "Итого брутто: 12°239,8 кг")], 0.8)], NOM)
    assert degree.gross_weight_kg is not None and degree.gross_weight_kg.value == 12239.8


def test_a_grouped_codes_last_zero_read_as_a_round_glyph_is_a_zero() -> None:
    p = scan_page([(40, 40, "Машины вычислительные портативные 8471 70 700 © 3875 шт")], 0.9)
    assert values(read_fields(DocType.invoice, [p], NOM).hs_codes) == ["8471707000"]


def _packed_with_tare(unit: str, net: str, gross: str, tare_kg: str) -> Page:
    """A scanned packing list's one goods row in `unit`, under its weight heads, and its stated packaging in kg."""
    return scan_page([
        (40, 80, "Наименование"), (300, 80, f"Вес нетто, {unit}"), (420, 80, f"Вес брутто, {unit}"),
        (40, 96, "Тара пластмассовая"), (300, 96, net), (420, 96, gross),
        (40, 128, f"Масса упаковки (брутто - нетто): {tare_kg} кг"),
    ], 0.8)


def test_a_scanned_weight_lost_in_its_column_is_the_other_and_the_stated_tare() -> None:
    """The gross column read as noise; net 2 509,7 and `Масса упаковки (брутто - нетто): 261,3 кг` give 2 771,0."""
    f = read_fields(DocType.packing_list, [_packed_with_tare("кг", "2509,700", "eee", "261,3")], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 2509.7
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 2771.0 and f.gross_weight_kg.confidence <= 0.7
    unsure = scan_page([(40, 40, "Вес нетто: 2509,700 кг"), (40, 60, "Масса упаковки: 261,3 кг")], 0.3)
    assert read_fields(DocType.packing_list, [unsure], NOM).gross_weight_kg is None



def test_a_weight_with_a_rules_one_before_it_is_the_other_and_the_stated_tare() -> None:
    """`12,086` t read for a gross of 2,086 t (the cell's rule read as a 1) beside a net of 1,885 t: the stated
    packaging of 201,1 kg shows the 1 is not the figure's."""
    f = read_fields(DocType.packing_list, [_packed_with_tare("т", "1,885", "12,086", "201,1")], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 1885.0
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 2086.1


def test_a_weight_that_lost_its_last_group_is_the_other_less_the_stated_tare() -> None:
    """A net total `11. 033` read as 11 for 11 033 (the group's space taken for the figure's end; its row, `11.033`,
    read with a dot) beside a gross of 12 239,8 (9393-0143): the stated packaging of 1 206,8 kg makes the net
    11 033,0. A tare that does not make 11 the net's thousands leaves it as read."""
    def net(tare: str) -> float | None:
        p = scan_page([
            (40, 80, "Наименование товара"), (300, 80, "Вес нетто, кг"), (420, 80, "Вес брутто, кг"),
            (40, 96, "1 Пленка полиэтиленовая"), (300, 96, "11.033"), (420, 96, "12 239,8"),
            (40, 112, "Итого:"), (300, 112, "11."), (333, 112, "033"), (420, 112, "12 239,8"),
            (40, 144, f"Масса упаковки (брутто - нетто): {tare} кг"),
        ], 0.8)
        f = read_fields(DocType.packing_list, [p], NOM)
        return None if f.net_weight_kg is None else float(f.net_weight_kg.value)

    assert net("1 206,8") == 11033.0
    assert net("1 106,8") != 11033.0


@pytest.mark.parametrize(("row", "total", "expected"), [
    ("370,5", "5 370,5", 5370.5),  # the row's leading digit lost
    ("5 166,5", "15 166,5", None),  # a 1 lost from the row or a rule read as a 1 before the total: either may be
])
def test_one_row_over_a_total_its_label_lost_is_read_as_the_figure_both_show(
        row: str, total: str, expected: float | None) -> None:
    p = scan_page([
        (40, 80, "Наименование"), (300, 80, "Вес брутто, кг"),
        (40, 96, "Машины портативные"), (300, 96, row),
        (40, 112, "Horo"), (300, 112, total),
    ], 0.8)
    gross = read_fields(DocType.packing_list, [p], NOM).gross_weight_kg
    assert gross is not None
    if expected is None:
        assert gross.value not in (5166.5, 15166.5)
    else:
        assert gross.value == expected


def test_a_rule_read_as_flat_letters_does_not_end_the_column_above_its_total() -> None:
    """`ее eee — --- ee oo` read from a table's rule between the rows and `Итого`: no row and no box's title; the
    total below it stands against rows that do not add up to it (`199` read for 29,0)."""
    p = scan_page([
        (40, 80, "Наименование"), (420, 80, "Вес брутто, кг"),
        (40, 96, "Тара пластмассовая"), (420, 96, "199 кг"),
        (40, 112, "Коробки из гофрированного картона"), (420, 112, "3 158,9 кг"),
        (40, 128, "ее eee — --- ee oo"), (400, 128, "een eee ee"),
        (40, 144, "Барлыгы / Итого"), (420, 144, "3 187,9 кг"),
    ], 0.8)
    flat = p.model_copy(update={"words": [w.model_copy(update={"bbox": (*w.bbox[:3], w.bbox[1] + 2)})
                                          if w.bbox[1] == 128 else w for w in p.words]})
    assert read_fields(DocType.packing_list, [flat], NOM).gross_weight_kg.value == 3187.9  # type: ignore[union-attr]
    assert read_fields(DocType.packing_list, [p], NOM).gross_weight_kg.value != 3187.9  # type: ignore[union-attr]


def test_a_row_read_unsurely_is_as_sure_as_the_rows_and_total_it_adds_up_with() -> None:
    """`6 559,3` read at 0.1 beside rows of 5 720,9 and 403,7 under a total of 12 683,9: it is the total less the
    others, so as sure as a weight worked out; rows that miss their total by a digit stay as sure as read."""
    def table(third: str) -> Page:
        p = scan_page([
            (40, 80, "Наименование"), (300, 80, "Вес нетто, кг"),
            (40, 96, "Плиты пластмассовые"), (300, 96, "6 559,3"),
            (40, 112, "Машины портативные"), (300, 112, "5 720,9"),
            (40, 128, "Полотенца бумажные"), (300, 128, third),
            (40, 144, "Итого:"), (300, 144, "12 683,9"),
        ], 0.9)
        return p.model_copy(update={"words": [w.model_copy(update={"confidence": 0.1}) if w.text in ("6", "559,3")
                                              else w for w in p.words]})

    rows = read_fields(DocType.packing_list, [table("403,7")], NOM).weights
    assert [(w.value, w.confidence) for w in rows if w.value == 6559.3] == [(6559.3, 0.7)]
    off = read_fields(DocType.packing_list, [table("408,7")], NOM).weights
    assert [(w.value, w.confidence) for w in off if w.value == 6559.3] == [(6559.3, 0.1)]


def test_a_tonnes_unit_glued_to_its_scanned_header_is_the_columns_unit() -> None:
    """`Вес нетто, т` read `Вес неттот` (the comma and space lost), beside `Вес бруто,т` (a letter lost)."""
    p = scan_page([
        (40, 80, "Наименование товара"), (300, 80, "Вес неттот"), (420, 80, "Вес бруто,т"),
        (40, 96, "Банки алюминиевые"), (300, 96, "0,023"), (420, 96, "0,024"),
    ], 0.8)
    f = read_fields(DocType.packing_list, [p], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 23.0
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 24.0


@pytest.mark.parametrize(("last", "expected"), [
    ("97147", 9714.7),  # the total row, its label and its mark lost: the rows' sum written without a mark
    ("9 714,7", 9714.7),  # read whole
    ("97149", 106863.7),  # no total: a third row, in the column's sum
])
def test_a_scanned_columns_last_figure_that_lost_its_mark_is_the_total_its_rows_add_up_to(
        last: str, expected: float) -> None:
    """A waybill's total row `3456 265 8 862.7 97147` (its `Итого` not read): 97147 is 9 714,7, what 7 891,9 and
    1 822,8 add up to, not a third row."""
    p = scan_page([
        (40, 80, "Наименование"), (300, 80, "Масса брутто, кг"),
        (40, 96, "Шины"), (300, 96, "7891,9"), (40, 112, "Диски"), (300, 112, "1 822,8"), (300, 128, last),
    ], 0.8)
    f = read_fields(DocType.waybill, [p], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == expected


@pytest.mark.parametrize(("tare", "expected"), [
    ("638,3", 10744.9),  # the rows' 10 744,9 less the net is the tare: the total's 0 was misread as a 9
    ("9 638,3", 19744.9),  # the total less the net is the tare: it stands, the rows lost a digit
    ("538,3", 19744.9),  # neither makes the tare: the total stands as read
])
def test_a_scanned_total_its_rows_and_the_stated_tare_both_contradict_is_their_sum(tare: str, expected: float) -> None:
    """A packing list's gross total read `19 744,9`, as surely as its rows of 869,3 and 9 875,6, beside a net that
    its rows make (5959-0197): the rows and `Масса упаковки` agree against it."""
    p = scan_page([
        (40, 80, "Наименование"), (300, 80, "Вес нетто, кг"), (420, 80, "Вес брутто, кг"),
        (40, 96, "Тара пластмассовая"), (300, 96, "807,7"), (420, 96, "869,3"),
        (40, 112, "Пленка полиэтиленовая"), (300, 112, "9 298,9"), (420, 112, "9 875,6"),
        (40, 128, "Итого:"), (300, 128, "10 106,6"), (420, 128, "19 744,9"),
        (40, 160, f"Масса упаковки (брутто - нетто): {tare} кг"),
    ], 0.9)
    f = read_fields(DocType.packing_list, [p], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 10106.6
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == expected


@pytest.mark.parametrize(("net", "gross", "expected"), [
    ("437,2", "2 670,8", (2670.8, 2437.2)),  # the net lost its leading 2: the gross less the tare ends with it
    ("2437,2", "670,8", (2670.8, 2437.2)),  # the gross lost it: the net and the tare end with it
    ("437,2", "2 660,8", (2660.8, 437.2)),  # 2 427,2 does not end with 437,2: both stand for the checks to weigh
    ("24372", "2 670,8", (2670.8, 2437.2)),  # the net lost its decimal mark: ten times the gross less the tare
    ("2437,2", "26708", (2670.8, 2437.2)),  # the gross lost it
    ("24382", "2 670,8", (2670.8, 24382.0)),  # a tenth of it is no gross less the tare: both stand
])
def test_a_scanned_weight_that_lost_leading_digits_or_its_mark_is_put_right_by_the_stated_tare(
        net: str, gross: str, expected: tuple[float, float]) -> None:
    p = scan_page([
        (40, 80, "Наименование"), (300, 80, "Вес нетто, кг"), (420, 80, "Вес брутто, кг"),
        (40, 96, "Пленка полиэтиленовая"), (300, 96, net), (420, 96, gross),
        (40, 128, "Масса упаковки (брутто - нетто): 233,6 кг"),
    ], 0.8)
    f = read_fields(DocType.packing_list, [p], NOM)
    assert f.gross_weight_kg is not None and f.net_weight_kg is not None
    assert (f.gross_weight_kg.value, f.net_weight_kg.value) == expected
    put_right = [w for w in (f.gross_weight_kg, f.net_weight_kg) if "233,6" in (w.raw or "")]
    assert all(w.confidence <= 0.7 for w in put_right) and len(put_right) == (expected[1] not in (437.2, 24382.0))

def test_a_typewritten_figure_is_grouped_across_its_wide_spaces() -> None:
    """A monospaced face spaces `41 950,3` wider than a digit is tall: against the line's own spaces, still one
    figure, not 41 in one cell and 950,3 in the next."""
    rows = [
        (40, 80, "Атауы / Наименование"), (300, 80, "Таза салмақ / Нетто"), (500, 80, "Жалпы салмақ / Брутто"),
        (40, 96, "Шины"), (300, 96, "20 986,2 кг"), (500, 96, "22 229,2 кг"),
        (40, 112, "Масла"), (300, 112, "20 964,1 кг"), (500, 112, "20 876,1 кг"),
        (40, 128, "Барлығы / Итого"), (300, 128, "41 950,3 кг"), (500, 128, "43 105,3 кг"),
    ]
    f = read_fields(DocType.packing_list, [scan_page(rows, 0.9, space=16)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 41950.3
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 43105.3


def _ocr_row(y: float, cells: list[tuple[float, float, str, float]], height: float = 17.0) -> list[Word]:
    """One OCR'd line of (x0, x1, text, confidence) words `height` tall."""
    return [Word(text=t, bbox=(x0, y, x1, y + height), confidence=c, line_id=int(y)) for x0, x1, t, c in cells]


def test_a_net_header_ocr_ran_into_the_gross_one_ends_where_the_gross_label_starts() -> None:
    """A scanned packing list (its words where OCR put them): `Таза салмақ / Нетто Жалпы салмақ /` set so tight
    that the net cell runs on to the `/` after the gross label, with `Брутто` below it. The net column ends where the
    gross label starts, so `Брутто` is no head of its; the row's figure garbled, the net is the total's (the
    gross's garbled on both)."""
    header = _ocr_row(689, [(265, 360, "Атауы", 0.93), (380, 395, "/", 0.93), (416, 640, "Наименование", 0.97),
                            (1308, 1382, "Орын", 0.96), (1402, 1478, "саны", 0.92), (1506, 1512, "/", 0.92),
                            (1558, 1633, "Таза", 0.97), (1653, 1764, "салмақ", 0.93), (1785, 1800, "/", 0.93),
                            (1821, 1914, "Нетто", 0.97), (1932, 2028, "Жалпы", 0.97), (2046, 2158, "салмақ", 0.93),
                            (2180, 2194, "/", 0.93)], height=24)
    rows = [_ocr_row(727, [(1307, 1381, "Мест", 0.93), (1933, 2045, "Брутто", 0.96)], height=26),
            _ocr_row(796, [(170, 180, "1", 0.97), (266, 415, "Мониторы", 0.92), (1311, 1342, "87", 0.97),
                           (1561, 1743, "4:333,8-ҡг", 0.14), (1936, 2080, "4:531гкг", 0.27)], height=26),
            _ocr_row(887, [(267, 396, "Барлығы", 0.02), (419, 431, "/", 0.93), (455, 545, "Итого", 0.94),
                           (1311, 1342, "87", 0.97), (1561, 1572, "4", 0.96), (1599, 1686, "333,8", 0.96),
                           (1710, 1743, "кг", 0.96), (1936, 2080, "4-531-хҰт", 0.28)], height=26)]
    p = Page(number=1, width=2480, height=3508, unit="px", source=PageSource.ocr,
             words=header + [w for row in rows for w in row])
    f = read_fields(DocType.packing_list, [p], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 4333.8


def test_a_fraction_ocr_set_apart_from_its_figure_with_a_speck_read_as_a_digit_is_still_its_fraction() -> None:
    """A declaration's box 38, as a scan read it: `1650.000` came out `1650 .9000`, a speck by the mark read as a 9.
    The fraction nearer the title's centre is no figure of its own (a net of 9000 kg against a gross of 1650); the
    two words touch, so they are one figure."""
    title = _ocr_row(653, [(2005, 2038, "Вес", 0.67), (2064, 2133, "нетто", 0.33), (2153, 2203, "(кг)", 0.51)])
    row = _ocr_row(687, [(1557, 1596, "40", 0.94), (1621, 1660, "00", 0.86), (1684, 1744, "900", 0.66),
                         (2011, 2088, "1650", 0.33), (2101, 2177, ".9000", 0.33)], height=25)
    p = Page(number=1, width=2934, height=3812, unit="px", source=PageSource.ocr, words=title + row)
    f = read_fields(DocType.customs_declaration, [p], NOM)
    assert f.net_weight_kg is not None and abs(f.net_weight_kg.value - 1650) <= 1


def _application_rows(nets: list[str]) -> list[tuple[float, float, str]]:
    """Form 328's goods table with one row per net figure given, as printed."""
    rows = [(30, 170, "№ Наименование товара"), (200, 170, "Кол-во"), (290, 170, "Масса нетто, кг"),
            (380, 170, "Стоимость")]
    return rows + [(x, y, t) for k, net in enumerate(nets) for x, y, t in (
        (30, 200 + 20 * k, f"{k + 1} Изделия прочие"), (200, 200 + 20 * k, "215"), (290, 200 + 20 * k, net),
        (380, 200 + 20 * k, "139 167,35"))]


def test_a_bare_figure_among_rows_grouped_to_one_decimal_lost_its_comma() -> None:
    """An application's scan read `612,7` as `6127` between `5 827,4` and `2 878,2`: a table that groups its
    thousands prints a whole 6 127 kg as `6 127`, so the bare figure lost its comma and the net is 9 318,3. A
    table that groups nothing prints a whole figure bare (`2435` between `7175.8` and `13639.3`), and a text
    layer prints what it means: both are left as they read."""
    net = read_fields(DocType.import_application, [scan_page(_application_rows(["6127", "5 827,4", "2 878,2"]))], NOM)
    assert net.net_weight_kg is not None and net.net_weight_kg.value == 9318.3
    assert 612.7 in [v.value for v in net.weights]
    bare = read_fields(DocType.import_application, [scan_page(_application_rows(["7175.8", "2435", "13639.3"]))], NOM)
    assert bare.net_weight_kg is not None and bare.net_weight_kg.value == 23250.1
    text = read_fields(DocType.import_application, [page(_application_rows(["6127", "5 827,4", "2 878,2"]))], NOM)
    assert text.net_weight_kg is not None and text.net_weight_kg.value == 14832.6


@pytest.mark.parametrize(("gross", "net"), [("5 370,5", 5166.5), ("15 370,5", 15166.5)])
def test_a_row_and_a_total_a_1_parts_are_settled_by_the_other_weight(gross: str, net: float) -> None:
    """A packing list's scan: one row and its total, the total's `Итого` garbled, the net column reading `5 166,5`
    over `15 166,5`. Either the row lost its 1 or a rule before the total was read as one; summed, they make a net
    of 20 333 that no gross allows. The gross settles it: beside 5 370,5 the net is the row's, beside 15 370,5 the
    total's."""
    rows = [(40, 80, "Наименование"), (300, 80, "Нетто, кг"), (400, 80, "Брутто, кг"),
            (40, 96, "Ноутбуки"), (300, 96, "5 166,5"), (400, 96, gross),
            (40, 112, "Horo"), (300, 112, "15 166,5"), (400, 112, gross)]
    f = read_fields(DocType.packing_list, [scan_page(rows)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == net


def test_a_typewritten_figure_beside_garbled_words_keeps_its_groups() -> None:
    """An application's row in a monospaced face, as a scan read it: `11 803` spaced 21 px, wider than 1.2 digit
    heights, and the garbled description beside it leaves the line's own space unmeasured. A digit and a half
    apart, the groups are one figure; the quantity `334` six digits away stays a cell of its own."""
    header = _ocr_row(997, [(212, 291, "Тауар", 0.96), (433, 621, "Наименование", 0.94), (1076, 1143, "Саны", 0.97),
                            (1212, 1332, "Салмағы,", 0.96), (1355, 1384, "кг", 0.96), (1429, 1493, "Құны", 0.93)])
    row = _ocr_row(1132, [(140, 149, "ӨЗИ", 0.38), (213, 304, "елін", 0.0), (327, 391, "enns", 0.0),
                          (425, 494, "eae", 0.33), (504, 540, "ea", 0.31), (715, 868, "3920621909", 0.96),
                          (971, 1000, "шт", 0.96), (1083, 1123, "334", 0.95), (1216, 1241, "11", 0.96),
                          (1262, 1305, "803", 0.96), (1433, 1458, "56", 0.97), (1480, 1569, "512,80", 0.97),
                          (1665, 1755, "Poccus", 0.92), (1916, 1959, "699", 0.96), (2132, 2284, "07.05.2024", 0.96)])
    row[2] = row[2].model_copy(update={"bbox": (327, 1114, 391, 1161)})  # a garbled word taller than the print
    p = Page(number=1, width=2530, height=3543, unit="px", source=PageSource.ocr, words=header + row)
    f = read_fields(DocType.import_application, [p], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 11803


def test_a_figure_whose_decimal_comma_only_the_reread_saw() -> None:
    """The page pass read `3186,7` as `31867`, dropping the comma as a speck; the Latin-and-digits re-read of the
    run read `1878 3186,7`. The same digits with a mark: the figure is 3 186,7, and the rows sum to 3 230,6. A
    re-read whose digits differ restores nothing."""
    rows = [(40, 80, "Наименование"), (250, 80, "Кол-во"), (300, 80, "Масса нетто, кг"),
            (40, 96, "Ящики из гофрированного картона"), (250, 96, "1878"), (300, 96, "31867"),
            (40, 112, "Банки алюминиевые"), (250, 112, "3344"), (300, 112, "43,9")]
    p = scan_page(rows, 0.8)
    f = read_fields(DocType.import_application, [_with_rereads(p, [(250, 96, "1878  3186,7", 0.79)])], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 3230.6
    other = read_fields(DocType.import_application, [_with_rereads(p, [(250, 96, "1878  3188,7", 0.79)])], NOM)
    assert other.net_weight_kg is not None and other.net_weight_kg.value == 31910.9


def test_a_figure_whose_mark_the_page_pass_read_as_a_space() -> None:
    """A waybill's `22435,100` read `22435 100` by the page pass, two figures of which the column took one; the
    re-read of the run reads the mark in that very space: one figure. A re-read whose digits differ joins nothing."""
    rows = [(40, 80, "Наименование"), (300, 80, "Масса нетто, кг"), (40, 96, "Тара полимерная"), (300, 96, "22435 100")]
    p = scan_page(rows, 0.6)
    f = read_fields(DocType.waybill, [_with_rereads(p, [(300, 96, "22435,100", 0.75)])], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 22435.1
    other = read_fields(DocType.waybill, [_with_rereads(p, [(300, 96, "22436,100", 0.75)])], NOM)
    assert other.net_weight_kg is None or other.net_weight_kg.value != 22435.1


def test_a_figure_in_groups_whose_decimal_comma_only_the_reread_saw() -> None:
    """A faint comma in `12 091,7` dropped by the page pass (`120917`) and read by the column's re-read, which
    reads the figure in its groups: the same digits with a mark. A `$` the page pass made of a 5 (`$566.2`) is a
    digit misread, and so is a comma read as a digit (`23359`): a sure re-read of the same length puts it right."""
    rows = [(40, 80, "Наименование"), (250, 80, "Кол-во"), (300, 80, "Масса нетто, кг"),
            (40, 96, "Трубы и шланги"), (250, 96, "2911"), (300, 96, "120917")]
    f = read_fields(DocType.import_application, [_with_rereads(scan_page(rows, 0.8), [(300, 96, "12 091,7", 0.8)])],
                    NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 12091.7
    rows = [(40, 80, "Наименование"), (250, 80, "Кол-во"), (300, 80, "Масса нетто, кг"),
            (40, 96, "Аккумуляторы"), (250, 96, "147"), (300, 96, "$566.2")]
    p = scan_page(rows, 0.4)
    f = read_fields(DocType.import_application, [_with_rereads(p, [(300, 96, "5566.2", 0.9)])], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 5566.2
    # a decimal comma the page pass read as a digit (`23359` for `233,9`): the sure re-read of the same length
    rows = [(40, 80, "Наименование"), (250, 80, "Кол-во"), (300, 80, "Масса нетто, кг"),
            (40, 96, "Тара пластмассовая"), (250, 96, "3399"), (300, 96, "23359")]
    f = read_fields(DocType.import_application, [_with_rereads(scan_page(rows, 0.69), [(300, 96, "233,9", 0.94)])],
                    NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 233.9
    f = read_fields(DocType.import_application, [_with_rereads(p, [(300, 96, "5566.2", 0.9)])], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 5566.2
    f = read_fields(DocType.import_application, [_with_rereads(p, [(300, 96, "5566.2", 0.45)])], NOM)
    assert f.net_weight_kg is None or f.net_weight_kg.value != 5566.2


def test_a_sign_the_page_pass_read_for_a_digit_takes_the_rereads_digit_and_keeps_the_mark() -> None:
    """2424-0206: a photographed application's `5086,200` read `$086,200` by the page pass and `5086200` by the
    re-read (both at 0.62), which dropped the comma. The re-read's 5 for the `$`, the page pass's comma: 5 086,2,
    and the rows sum to 6 767,3. A re-read that reads another digit elsewhere gives the sign nothing."""
    rows = [(40, 80, "Наименование"), (250, 80, "Кол-во"), (300, 80, "Масса нетто, кг"),
            (40, 96, "Ящики из гофрированного картона"), (250, 96, "3920"), (300, 96, "$086,200"),
            (40, 112, "Тара пластмассовая"), (250, 112, "2768"), (300, 112, "1681.100")]
    p = scan_page(rows, 0.62)
    f = read_fields(DocType.import_application, [_with_rereads(p, [(300, 96, "5086200", 0.62)])], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 6767.3
    other = read_fields(DocType.import_application, [_with_rereads(p, [(300, 96, "5036200", 0.62)])], NOM)
    assert other.net_weight_kg is None or other.net_weight_kg.value != 6767.3


@pytest.mark.parametrize(("figure", "net"), [("9812", 1981.2), ("981", 1981.0)])
def test_a_figure_in_groups_whose_last_group_has_a_digit_too_many_lost_its_mark(figure: str, net: float) -> None:
    """5959-0126: a photographed application's `1 981,2` read `1 9812`, the comma lost; no grouping of thousands
    ends in four digits, so the mark stood before the last. A whole `1 981` is read as it is."""
    header = _ocr_row(739, [(126, 261, "Наименование", 0.53), (271, 339, "товара", 0.94), (481, 521, "Код", 0.96),
                            (749, 814, "Кол-во", 0.73), (841, 903, "Macca", 0.88), (910, 967, "нетто,", 0.94),
                            (974, 991, "кг", 0.93), (1000, 1100, "Стоимость", 0.95)], height=31)
    row = _ocr_row(832, [(74, 80, "1", 0.48), (127, 168, "Тара", 0.97), (173, 301, "пластмассовая", 0.95),
                         (482, 522, "3923", 0.97), (532, 550, "40", 0.94), (560, 587, "100", 0.74),
                         (596, 602, "1", 0.74), (745, 795, "3288", 0.79), (846, 853, "1", 0.78),
                         (862, 862 + 11 * len(figure), figure, 0.78), (996, 1029, "658", 0.95),
                         (1038, 1096, "685.04", 0.95)], height=30)
    p = Page(number=1, width=1778, height=2666, unit="px", source=PageSource.ocr, words=header + row)
    f = read_fields(DocType.import_application, [p], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == net


def test_a_figure_past_any_papers_weight_takes_the_mark_an_unsure_reread_saw() -> None:
    """9393-0100: a packing list's net `20867.200` read `20867200` (0.35) on its row and its total; the total's
    re-read reads `20867.200 K` at 0.43, too unsure to restore a mark to a figure that could stand as read, but
    `20867200` kg weighs more than any paper. The row, with no re-read, is dropped rather than summed, and the
    gross beside it is not dropped as implausible under it."""
    rows = [(40, 80, "Наименование"), (300, 80, "Нетто"), (420, 80, "Брутто"),
            (40, 96, "Масла смазочные моторные"), (300, 96, "20867200"), (420, 96, "22060.600"),
            (40, 112, "Итого"), (300, 112, "20867200"), (420, 112, "22060,600")]
    p = scan_page(rows, 0.35)
    f = read_fields(DocType.packing_list, [_with_rereads(p, [(300, 112, "20867.200 K", 0.43)])], NOM)
    assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg and f.net_weight_kg.value) == \
        (22060.6, 20867.2)
    # with no re-read, the net is lost, and the gross still stands
    f = read_fields(DocType.packing_list, [p], NOM)
    assert (f.gross_weight_kg and f.gross_weight_kg.value, f.net_weight_kg) == (22060.6, None)
    # a figure that can stand as read keeps it under as unsure a re-read
    rows = [(40, 80, "Наименование"), (300, 80, "Нетто"), (40, 96, "Масла"), (300, 96, "208672")]
    f = read_fields(DocType.packing_list, [_with_rereads(scan_page(rows, 0.35), [(300, 96, "2086.72", 0.43)])], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 208672.0


def test_a_declarations_weight_read_on_fewer_sheets_is_dropped_before_the_pair_is_weighed() -> None:
    """9393-0186: boxes 35 and 38 found by their neighbours on a garbled two-sheet declaration, the second sheet's
    gross lost (`5037-800`): the gross of one sheet (2 980,9) under the net of both (8 161,5), which the second
    sheet's reading makes less sure. The gross is the sum short of a sheet; the net stands, not dropped as the
    less sure sum of an implausible pair."""
    first = scan_page([(100, 1100, "ПРОИЗВОДИТЕЛЬ: MIDWEST AUTO EXPORT LLC 840 US 2980.900 00-00-00"),
                       (100, 1175, "Петто сатмакы KET"), (100, 1207, "40 00 000 2725.200")], 0.92)
    second = scan_page([(100, 436, "ПРОИЗВОДИТЕЛЬ: MIDWEST AUTO EXPORT LIC 840 US” 5037-800 00-00-00"),
                        (100, 508, "23d ee Иьгто в аамаы (Kr)"), (100, 544, "40 00 000 5436.300")], 0.88
                       ).model_copy(update={"number": 2})
    f = read_fields(DocType.customs_declaration, [first, second], NOM)
    assert f.gross_weight_kg is None
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 8161.5


def test_a_pair_that_holds_with_a_lost_decimal_mark_put_back() -> None:
    """A scanned waybill's `42914` beside a net of `4020,8`: a net under half its gross cannot be, and the gross
    read as bare digits beside the net's one decimal lost its mark (4 291,4). A gross printed in groups (`42 914`)
    is a whole figure as printed, and nothing is put back into it."""
    rows = [(40, 80, "Масса брутто, кг: 42914"), (40, 96, "Масса нетто, кг: 4020,8")]
    f = read_fields(DocType.waybill, [scan_page(rows, 0.8)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 4291.4
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 4020.8
    assert f.gross_weight_kg.confidence <= 0.7
    rows = [(40, 80, "Масса брутто, кг: 42 914"), (40, 96, "Масса нетто, кг: 4020,8")]
    f = read_fields(DocType.waybill, [scan_page(rows, 0.8)], NOM)
    assert f.gross_weight_kg is None or f.gross_weight_kg.value != 4291.4
    # a packing list's total row prints each figure with its kilograms: `8329 кг` beside `900,3 кг` lost its comma
    rows = [(40, 80, "Итого нетто: 8329 кг"), (40, 96, "Итого брутто: 900,3 кг")]
    f = read_fields(DocType.packing_list, [scan_page(rows, 0.8)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 832.9
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 900.3


def test_a_document_number_is_no_figure_after_a_label_ocr_made_of_it() -> None:
    """The re-read of a packing list's `к инвойсу № INV-2023/8667` came back `NW.NV-20238667`: `NW.` reads as the
    net weight's label, but digits glued to letters by a hyphen or slash are a document's number, no weight."""
    rows = [(40, 30, "к инвойсу № INV-2023/8667"), (40, 60, "УПАКОВОЧНЫЙ ЛИСТ"),
            (40, 80, "Наименование"), (300, 80, "Вес нетто, кг"), (40, 96, "Мониторы"), (300, 96, "3408,3")]
    p = _with_rereads(scan_page(rows), [(100, 30, "NW.NV-20238667", 0.27)])
    f = read_fields(DocType.packing_list, [p], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 3408.3


def test_a_digit_too_thin_to_be_one_under_a_weight_header_is_no_figure() -> None:
    """A photographed packing list whose table OCR could not read: under `Вес брутто, кг` (27 px) a rule's speck
    came out `4`, 2 px wide and 7 tall. It is no gross of 4 kg; a `7` as wide as print sets one is a figure."""
    header = _ocr_row(1002, [(1610, 1660, "Вес", 0.9), (1680, 1790, "нетто,", 0.93), (1810, 1845, "кг", 0.97),
                             (2410, 2460, "Вес", 0.9), (2480, 2600, "брутто,", 0.87), (2630, 2665, "кг", 0.96)], height=27)
    for digit, box, expected in (("4", (2560.0, 1120.0, 2562.0, 1127.0), None),
                                 ("7", (2556.0, 1100.0, 2566.0, 1124.0), 7.0)):
        speck = Word(text=digit, bbox=box, confidence=0.28, line_id=1120)
        p = Page(number=1, width=3397, height=4156, unit="px", source=PageSource.ocr, words=[*header, speck])
        f = read_fields(DocType.packing_list, [p], NOM)
        assert (f.gross_weight_kg and f.gross_weight_kg.value) == expected


def test_a_speck_under_a_weight_header_is_no_figure() -> None:
    """A scanned packing list (its words where OCR put them): the `G.W. {kg}` header stands left of its
    flush-right figures, and a rule's speck under it came out `7`, 1 px tall. It is no gross: the totals that
    add up give it, 6 382,1."""
    header = _ocr_row(766, [(137, 182, "No", 0.79), (238, 422, "Description", 0.92), (1076, 1224, "Packages", 0.96),
                            (1368, 1430, "Q'ty", 0.96), (1578, 1648, "N.W.", 0.4), (1662, 1724, "{kg}", 0.83),
                            (1868, 1940, "G.W.", 0.8), (1954, 2016, "{kg}", 0.49), (2160, 2202, "HS", 0.95),
                            (2214, 2288, "code", 0.95)], height=24)
    rows = [_ocr_row(856, [(144, 156, "1", 0.96), (242, 300, "New", 0.97), (314, 458, "pneumatic", 0.9),
                           (472, 564, "rubber", 0.97), (574, 642, "tyres", 0.97), (1244, 1294, "110", 0.96),
                           (1306, 1350, "pcs", 0.96), (1510, 1567, "110", 0.85), (1782, 1850, "5137", 0.96),
                           (2048, 2142, "5187.2", 0.96), (2160, 2336, "4011201000", 0.84)], height=24),
            _ocr_row(940, [(142, 156, "2", 0.97), (242, 316, "Glass", 0.9), (328, 464, "tableware", 0.96),
                           (1204, 1236, "52", 0.97), (1248, 1350, "cartons", 0.96), (1508, 1576, "841", 0.34),
                           (1756, 1850, "1061.3", 0.96), (2048, 2142, "1194.9", 0.95),
                           (2160, 2336, "7013375900", 0.94)], height=24),
            _ocr_row(1022, [(240, 332, "TOTAL", 0.97), (1302, 1350, "162", 0.97), (1508, 1558, "951", 0.9),
                            (1754, 1904, "6198.3", 0.64), (2048, 2142, "6382.1", 0.94)], height=24)]
    speck = Word(text="7", bbox=(1866.0, 830.0, 1904.0, 831.0), confidence=0.57, line_id=856)
    p = Page(number=1, width=2482, height=3508, unit="px", source=PageSource.ocr,
             words=header + [w for row in rows for w in row] + [speck])
    f = read_fields(DocType.packing_list, [p], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 6382.1
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 6198.3


@pytest.mark.parametrize(("doc_type", "net", "gross", "expected"), [
    (DocType.packing_list, "5713, 400", "6161", (6161, 5713.4)),  # a packing list: one of the two with a mark
    (DocType.packing_list, "5713", "6161", (None, None)),  # neither: counts as likely as weights
    (DocType.invoice, "5713, 400", "6161", (None, None)),  # an invoice's whole total may be a sum of money
])
def test_a_packing_lists_totals_that_add_up_under_a_garbled_header(
        doc_type: DocType, net: str, gross: str, expected: tuple[float | None, float | None]) -> None:
    """A scanned packing list's header row came out as noise (`Ree a a ee eee ee`); its one row and its total row
    read `45 | 2403 5713,400 6161` and `Итого: 45 2403 5713, 400 6161`, OCR's space after the comma. The two
    largest totals that add up are its weights, one written with a decimal mark."""
    rows = [(40, 60, "Ree a a ee eee ee"), (40, 80, "1 Бумага офисная паллета"), (250, 80, "45"), (300, 80, "2403"),
            (360, 80, net.replace(" ", "")), (460, 80, gross), (40, 100, "Итого:"), (250, 100, "45"),
            (300, 100, "2403"), (360, 100, net), (460, 100, gross)]
    f = read_fields(doc_type, [scan_page(rows)], NOM)
    got = (f.gross_weight_kg.value if f.gross_weight_kg else None, f.net_weight_kg.value if f.net_weight_kg else None)
    assert got == expected


def test_a_scanned_total_that_lost_its_decimal_comma_is_its_rows_sum() -> None:
    p = scan_page([
        (40, 80, "Наименование"), (300, 80, "Нетто, кг"), (420, 80, "Брутто, кг"),
        (40, 96, "Бумага офисная"), (300, 96, "4513,4"), (420, 96, "4797"),
        (40, 112, "Итого:"), (300, 112, "45134"), (420, 112, "4797"),
    ], 0.9)
    f = read_fields(DocType.packing_list, [p], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 4513.4 and f.net_weight_kg.raw == "45134"
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 4797
    # a column in tonnes whose total `0, 349` OCR split, its `0,` left of the column: `349` is three hundred and
    # forty-nine tonnes, a thousand times its row (1357-0082)
    tonnes = scan_page([
        (40, 80, "Наименование"), (300, 80, "Вес нетто, т"), (420, 80, "Вес брутто, т"),
        (40, 96, "Шины пневматические"), (300, 96, "0,349"), (420, 96, "0,39"),
        (40, 112, "Итого:"), (250, 112, "0,"), (306, 112, "349"), (420, 112, "0,39"),
    ], 0.9)
    f = read_fields(DocType.packing_list, [tonnes], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 349.0



def test_a_quantity_set_flush_right_just_before_the_weight_header_is_not_the_rows_weight() -> None:
    """A scanned German invoice's `Menge Netto kg Brutto kg`: the quantity `1`, flush right in its cell, stands
    just left of where `Netto` starts, nearer the header's centre than the row's own flush-right `8300` (8484-0131).
    The figure under the header is the row's net; the payer was told the paper showed 1 kg."""
    rows = [(40, 80, "Pos. Description"), (250, 80, "Menge"), (300, 80, "Netto kg"), (400, 80, "Brutto kg"),
            (40, 96, "1 Passenger car"), (296, 96, "1"), (348, 96, "8300"), (448, 96, "8300"),
            (40, 112, "2 Passenger car"), (296, 112, "1"), (348, 112, "2400"), (448, 112, "2400"),
            (40, 140, "Total net weight: 10700 kg")]
    f = read_fields(DocType.invoice, [scan_page(rows)], NOM)
    assert sorted(values([w for w in f.weights if w.role == "net"])) == [2400.0, 8300.0, 10700.0]


def test_a_row_in_tonnes_whose_unit_ocr_lost_or_read_as_a_digit_is_read_in_tonnes() -> None:
    """A scanned invoice weighs its rows in tonnes (`0,368 т`); OCR read the second row's `3,52 т` as `3,521`, its
    `т` a `1`, which is 3.5 kg (8080-0256, 7373-0065). The rows must add up to the total, `3,888 т`: the one way
    they do is the row in tonnes without the digit that was its unit. Typed text is never mended."""
    rows = [(40, 80, "Описание"), (300, 80, "Нетто"), (420, 80, "Брутто"),
            (40, 96, "Мотоциклы"), (300, 96, "0,368 т"), (420, 96, "0,368 т"),
            (40, 112, "Автомобили"), (300, 112, "3,521"), (420, 112, "3,521"),
            (40, 140, "Итого нетто / Total net: 3,888 т; брутто / gross: 3,888 т")]
    f = read_fields(DocType.invoice, [scan_page(rows)], NOM)
    assert sorted(values([w for w in f.weights if w.role == "net"])) == [368.0, 3520.0, 3888.0]
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 3888.0
    assert 3.521 in values(read_fields(DocType.invoice, [page(rows)], NOM).weights)


def test_a_scanned_total_and_a_row_that_both_lost_their_mark_are_read_as_the_rows_add_up() -> None:
    """A phone photo's packing list: `18 204,7` kept its comma, `15031` and the total `197078` lost theirs. With one
    decimal each, the rows add up to the total: 18 204,7 + 1 503,1 = 19 707,8. Rows that add up to no such total
    leave it as read."""
    def table(second: str, total: str) -> list[tuple[int, int, str]]:
        return [(40, 80, "Наименование"), (300, 80, "Брутто, кг"),
                (40, 96, "Шины новые"), (300, 96, "18 204,7"), (40, 112, "Трубы из пластмасс"), (300, 112, second),
                (40, 128, "Итого"), (300, 128, total)]

    f = read_fields(DocType.packing_list, [scan_page(table("15031", "197078"), 0.9)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 19707.8 and f.gross_weight_kg.raw == "197078"
    assert sorted(w.value for w in f.weights) == [1503.1, 18204.7, 19707.8]
    other = read_fields(DocType.packing_list, [scan_page(table("15031", "197079"), 0.9)], NOM)
    assert other.gross_weight_kg is not None and other.gross_weight_kg.value == 197079
    typed = read_fields(DocType.packing_list, [page(table("15031", "197078"))], NOM)
    assert typed.gross_weight_kg is not None and typed.gross_weight_kg.value == 197078

def test_a_cmr_total_at_the_foot_of_its_box_is_found_past_a_stamps_specks() -> None:
    """Rows misread past adding up (`7577 5`, `88!`); the box's foot says `Итого мест 30 19 243.4`, and a stamp's
    speck read as `942` at 0.5 stands between."""
    p = scan_page([
        (40, 80, "9 Наименование груза"), (300, 80, "11 Вес брутто, кг"), (420, 80, "12 Объем, м3"),
        (40, 96, "Шины пневматические"), (300, 96, "7 877,5"),
        (40, 112, "Трубы"), (300, 112, "454,2"),
        (40, 128, "Мониторы"), (300, 128, "88"),
        (300, 400, "942"),
        (40, 412, "Итого мест 30"), (300, 412, "19 243.4"),
    ], 0.9)
    speck = [w.model_copy(update={"confidence": 0.5}) if w.text == "942" else w for w in p.words]
    f = read_fields(DocType.cmr, [p.model_copy(update={"words": speck})], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 19243.4
    g = read_fields(DocType.cmr, [p], NOM).gross_weight_kg  # a row read surely there ends the box's table
    assert g is None or g.value != 19243.4


def test_a_cmr_whole_kilogram_total_its_one_goods_row_repeats() -> None:
    """A handwritten CMR whose box titles the scan lost: one harvester, `30400` at the end of its row, and
    `Итого мест: 2 | 30400` at the box's foot, its VINs' lines and a stamp's specks between. The whole figure the
    row repeats in its column is the gross; the two packages the total also counts are no weight, and a figure
    no row repeats is none either."""
    rows = [(40, 80, "МЕЖДУНАРОДНАЯ ТОВАРНО-ТРАНСПОРТНАЯ НАКЛАДНАЯ CMR"),
            (40, 200, "2 ед. Комбайн зерноуборочный самоходный"), (400, 200, "30400"), (300, 214, "`"),
            (120, 228, "VIN XKZEFM8ZXRC236511"), (120, 244, "VIN XKZXAHE2FRW933249"), (300, 290, "|"),
            (100, 300, "Итого мест: 2"), (400, 300, "30400")]
    f = read_fields(DocType.cmr, [scan_page(rows)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 30400
    apart = [*rows[:-1], (400, 300, "30450")]
    assert read_fields(DocType.cmr, [scan_page(apart)], NOM).gross_weight_kg is None


def test_a_letter_spaced_box_title_stays_one_label() -> None:
    """A photo of a declaration's letter-spaced print spaces words by nearly three word heights (`35 Вес брутто,
    кг` with 34 px between 12 px words): against the line's own spaces that is no cell border, and the figure far
    to the right is still the box's."""
    p = scan_page([
        (40, 80, "35 Вес брутто, кг"), (400, 80, "10274.900"),
        (40, 100, "38 Вес нетто, кг"), (400, 100, "9856.600"),
    ], 0.9, space=34)
    f = read_fields(DocType.customs_declaration, [p], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 10274.9
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 9856.6


def test_a_scanned_total_one_digit_off_its_surely_read_rows_is_their_sum() -> None:
    rows = [
        (40, 80, "Наименование"), (300, 80, "Вес брутто, кг"),
        (40, 96, "Шины"), (300, 96, "9 165,9"),
        (40, 112, "Диски"), (300, 112, "2 146,6"),
        (40, 128, "Итого:"), (300, 128, "71 312,5"),
    ]
    p = scan_page(rows, 0.95)
    unsure = [w.model_copy(update={"confidence": 0.46}) if w.bbox[1] == 128 else w for w in p.words]
    f = read_fields(DocType.packing_list, [p.model_copy(update={"words": unsure})], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 11312.5
    # read as surely as its rows, the total stands: the rows may be the misread ones
    g = read_fields(DocType.packing_list, [p], NOM).gross_weight_kg
    assert g is not None and g.value == 71312.5


def test_a_total_row_that_names_its_figures_is_not_read_by_the_columns_it_runs_under() -> None:
    """`Итого нетто: 21021,700 кг; брутто: 22714,700 кг` runs across the table: its gross figure stands under
    the net column by chance. The column's rows sum to the net; the labels say which figure is which."""
    p = page([
        (50, 234, "№ Наименование"), (252, 234, "Код ТН ВЭД"), (320, 234, "Кол-во"), (364, 234, "Нетто"),
        (426, 234, "Брутто"), (488, 234, "Сумма, EUR"),
        (50, 264, "1 Банки"), (252, 264, "7612902000"), (320, 264, "2146"), (364, 264, "32,500 кг"),
        (426, 264, "35 кг"), (488, 264, "728 009,04"),
        (50, 288, "2 Плёнка"), (252, 288, "3920431009"), (320, 288, "771"), (364, 288, "20989,200 кг"),
        (426, 288, "22679,700 кг"), (488, 288, "68 688,39"),
        (48, 314, "Итого нетто / Total net:"), (176, 314, "21021,700 кг;"), (252, 314, "брутто / gross:"),
        (334, 314, "22714,700 кг"),
    ], height=8)
    f = read_fields(DocType.invoice, [p], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 21021.7
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 22714.7


def test_a_scanned_total_at_odds_with_its_partner_gives_way_to_its_rows() -> None:
    """A scanned invoice's `брутто / gross: 1 975,1 кг` read `1 9751 кг`: the label's figure is the `1`, a gross
    under the net. The net is its rows' sum, and the gross rows sum to a figure that pairs with it: they stand."""
    def invoice(gross_total: str) -> Page:
        return scan_page([
            (50, 234, "№ Наименование"), (364, 234, "Нетто"), (426, 234, "Брутто"),
            (50, 264, "1 Коробки"), (364, 264, "1 850,7 кг"), (426, 264, "1934,4 кг"),
            (50, 288, "2 Банки"), (364, 288, "38,2 кг"), (426, 288, "40,7 кг"),
            (48, 314, f"Итого нетто / Total net: 1 888,9 кг; брутто / gross: {gross_total}"),
        ])
    f = read_fields(DocType.invoice, [invoice("1 9751 кг")], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 1888.9
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 1975.1
    assert 1.0 not in values(f.weights), "the misread total is no reading the checks may sum"
    # rows without a total are summed for the document's weights, and stay the readings
    rows = read_fields(DocType.invoice, [scan_page([
        (50, 234, "№ Наименование"), (364, 234, "Нетто"), (426, 234, "Брутто"),
        (50, 264, "1 Коробки"), (364, 264, "1 850,7 кг"), (426, 264, "1934,4 кг"),
        (50, 288, "2 Банки"), (364, 288, "38,2 кг"), (426, 288, "40,7 кг"),
    ])], NOM)
    assert rows.gross_weight_kg is not None and rows.gross_weight_kg.value == 1975.1
    assert sorted(values(rows.weights)) == [38.2, 40.7, 1850.7, 1934.4]
    # a gross total that pairs with the net stands, whatever its rows say
    g = read_fields(DocType.invoice, [invoice("1 985,1 кг")], NOM).gross_weight_kg
    assert g is not None and g.value == 1985.1


def test_a_cmr_boxs_number_split_from_its_garbled_title_is_no_gross() -> None:
    """A scanned CMR's box 11 title, then box 13's number in a cell of its own before its title garbled
    (`metry`): the `13` is no key-value figure; the gross is box 11's column."""
    p = scan_page([
        (40, 100, "6. Kennzeichen und Nummern"), (250, 100, "11 Bruttogewicht kg"), (410, 100, "13"),
        (470, 100, "metry"),
        (40, 130, "57 bundles Plastic tubes"), (250, 130, "9,458.70"),
        (40, 160, "401 pcs Lead-acid accumulators"), (250, 160, "19,075.00"),
    ])
    g = read_fields(DocType.cmr, [p], NOM).gross_weight_kg
    assert g is not None and g.value == 28533.7


def test_a_scanned_figures_digits_read_as_cyrillic_letters_of_their_shape() -> None:
    """A Kazakh packing list's `3318,800` read `3з18,800`, its total `ззі8.800`: the kaz model's letters for 3 and
    1. A figure with its mark and three decimals is read with them as digits."""
    p = scan_page([
        (40, 100, "№ Наименование"), (300, 100, "Нетто"), (400, 100, "Брутто"),
        (40, 130, "1 Пленка полиэтиленовая"), (300, 130, "3з18,800 Kr"), (400, 130, "3683.900 кг"),
        (40, 160, "Барлығы / Итого"), (300, 160, "ззі8.800 Kr"), (400, 160, "3683,900 кг"),
    ])
    f = read_fields(DocType.packing_list, [p], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 3318.8
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 3683.9


def test_two_goods_of_nearly_one_weight_are_two_rows_not_a_row_and_its_total() -> None:
    """A declaration's goods of 20 968,7 and 20 970,6 kg net: one row is its total only to the gram."""
    def sheet(number: int, net: str, gross: str) -> Page:
        return page([(300, 100, "35 Вес брутто (кг)"), (300, 112, gross),
                     (300, 130, "38 Вес нетто (кг)"), (300, 142, net)], number=number)
    f = read_fields(DocType.customs_declaration, [sheet(1, "20968.700", "21219.300"),
                                                  sheet(2, "20970.600", "21728.300")], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 41939.3
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 42947.6


def test_a_declarations_number_dates_it_and_an_unnamed_date_is_not_its_registration() -> None:
    """A scanned declaration's `55202/100624/5551033` dates it 10 June 2024; its place and date, `г. Караганда
    10.06.2024` read `19.06.2024`, names no role: no second registration date. Without the number, the unnamed
    date is the guess."""
    rows = [(40, 60, "ИМ 40 ЭД 55202/100624/5551033"), (300, 400, "г. Караганда 19.06.2024")]
    f = read_fields(DocType.customs_declaration, [scan_page(rows)], NOM)
    assert [d.value for d in f.dates if d.role == "registration_date"] == ["2024-06-10"]
    unnumbered = read_fields(DocType.customs_declaration, [scan_page(rows[1:])], NOM)
    assert [d.value for d in unnumbered.dates if d.role == "registration_date"] == ["2024-06-19"]


def test_a_registration_number_whose_serial_ocr_split_is_one_number() -> None:
    rows = [(40, 60, "ИМ 40 ЭД 55218/060524/08 18196")]
    f = read_fields(DocType.customs_declaration, [scan_page(rows)], NOM)
    assert values(f.registration_numbers) == ["55218/060524/0818196"]
    assert ("2024-05-06", "registration_date") in {(d.value, d.role) for d in f.dates}


def test_a_scanned_code_that_lost_its_first_digit_to_a_rule_is_completed_when_one_completion_exists() -> None:
    """`3923409000` re-read as `923409000` beside the cell's rule: of the ten codes one digit in front makes, one
    exists, and it is read with doubt. A sum's digits or a typed nine-digit number are no code."""
    nom = hs_id.Nomenclature(edition="test", names={"3923409000": "тара", "8703231983": "автомобили"})
    rows = [(40, 60, "25 мешок Тара пластмассовая 923409000 638,1"), (40, 80, "Итого 703231983,50")]
    codes = read_fields(DocType.cmr, [scan_page(rows)], nom).hs_codes
    assert [(c.value, c.raw) for c in codes] == [("3923409000", "923409000")]
    assert codes[0].confidence <= 0.5
    assert values(read_fields(DocType.cmr, [page(rows)], nom).hs_codes) == []
    both = hs_id.Nomenclature(edition="test", names={"3923409000": "тара", "4923409000": "книги"})
    assert values(read_fields(DocType.cmr, [scan_page(rows)], both).hs_codes) == []
    # nor a document's number, its letters before its nine digits (`к инвойсу № SDL923409000`)
    invoice = [(40, 60, "к инвойсу № SDL923409000")]
    assert values(read_fields(DocType.packing_list, [scan_page(invoice)], nom).hs_codes) == []
    # the last digit lost at the box's edge (`392340900`): one completion behind it exists
    last = [(40, 60, "1) Тара пластмассовая 2 392340900")]
    assert values(read_fields(DocType.customs_declaration, [scan_page(last)], nom).hs_codes) == ["3923409000"]
    ends = hs_id.Nomenclature(edition="test", names={"3923409000": "тара", "3923409001": "тара прочая"})
    assert values(read_fields(DocType.customs_declaration, [scan_page(last)], ends).hs_codes) == []
    # printed in groups, the lone last one lost (`3923 40 900`); not where a figure follows (`3923 40 900 2428`)
    grouped = [(40, 60, "1 Тара пластмассовая 3923 40 900"), (40, 80, "2 Тара 3923 40 900 2428 шт")]
    codes = read_fields(DocType.invoice, [scan_page(grouped)], nom).hs_codes
    assert [(c.value, c.page, c.bbox and c.bbox[1]) for c in codes] == [("3923409000", 1, 60)]
    # printed with dots, the first digit lost to the rule (`923.40.90.00`); not a figure's groups (`1.923.40.90.00`)
    dotted = [(40, 60, "1 Тара пластмассовая шт 923.40.90.00 24 104,34"), (40, 80, "2 Тара 1.923.40.90.00")]
    codes = read_fields(DocType.import_application, [scan_page(dotted)], nom).hs_codes
    assert [(c.value, c.raw, c.bbox and c.bbox[1]) for c in codes] == [("3923409000", "923.40.90.00", 60)]
    assert codes[0].confidence <= 0.5
    assert values(read_fields(DocType.import_application, [scan_page(dotted)], both).hs_codes) == []
    # a re-read that ran a gross's decimals and the code in the next cell together (`786.80` and `3923409000`)
    glued = [(40, 60, "1 Тара пластмассовая 703 714.50 786.803923409000"), (40, 80, "Итого 714.50 786.807032319835")]
    assert values(read_fields(DocType.packing_list, [scan_page(glued)], nom).hs_codes) == ["3923409000"]


@pytest.mark.parametrize(("text", "expected"), [
    ("Plastic containers 3923.40. 90.00 382 377.56", ["3923409000"]),  # OCR set a space after the second dot
    ("Plastic containers 3923. 40. 90. 00 382", ["3923409000"]),
    ("Total 3923. 40 pcs, 90.00 USD", []),  # no code's groups: a figure, then a price
    ("Bottles 3923 40-900 0 128 pcs", ["3923409000"]),  # a speck between groups read as a hyphen
])
def test_a_scanned_code_with_a_space_after_a_groups_dot_is_one_code(text: str, expected: list[str]) -> None:
    nom = hs_id.Nomenclature(edition="test", names={"3923409000": "тара"})
    assert values(read_fields(DocType.invoice, [scan_page([(40, 60, text)])], nom).hs_codes) == expected


def test_a_scanned_code_with_a_letter_for_a_digit_is_the_one_existing_reading() -> None:
    """A Latin re-read prints a `0` as `G` (`3917 39 G00 2`): read as the digits it looks like, exactly one
    existing code. Two existing readings, or a word, give nothing."""
    nom = hs_id.Nomenclature(edition="test", names={"3917390002": "трубы"})
    rows = [(40, 60, "Трубы и шланги из пластмасс 3917 39 G00 2 796 шт")]
    assert values(read_fields(DocType.invoice, [scan_page(rows)], nom).hs_codes) == ["3917390002"]
    two = hs_id.Nomenclature(edition="test", names={"3917390002": "трубы", "3917396002": "трубы"})
    assert values(read_fields(DocType.invoice, [scan_page(rows)], two).hs_codes) == []
    words = [(40, 60, "Трубы BOOSTER 39173900GO шт")]
    assert values(read_fields(DocType.invoice, [scan_page(words)], nom).hs_codes) == []
    # a last digit 1 read as a Latin i (`4011 50 000 i`): the code, not the six digits before it
    tyres = hs_id.Nomenclature(edition="test", names={"4011500001": "шины", "4011500009": "шины прочие"})
    line = [(40, 60, "+. New pneumatic rubber tyres 4011 50 000 i 285 14788.9 14914.1 236.433,15")]
    assert values(read_fields(DocType.invoice, [scan_page(line)], tyres).hs_codes) == ["4011500001"]


def test_a_vin_glued_to_its_label_read_as_ven_is_read() -> None:
    """OCR read the label `VIN` as `VEN` and glued the number to it: the last 17 characters are the VIN."""
    rows = [(40, 60, "1) Автомобиль легковой Volkswagen Polo"), (40, 80, "VENWVWP9KXS5MM948160,2021 г.в.")]
    assert "WVWP9KXS5MM948160" in values(read_fields(DocType.customs_declaration, [scan_page(rows)], NOM).vins)


def test_a_release_stamps_time_read_with_a_speck_or_misread_minutes_still_marks_the_release_date() -> None:
    """`12.06.2024° 16:45` and `05:09.2023 17:82`: a scan's speck between date and time, or minutes misread past
    59, still make the release stamp's date and time."""
    for stamp, day in (("- 12.06.2024° 16:45", "2024-06-12"), ("| 05:09.2023 17:82", "2023-09-05")):
        rows = [(40, 60, "Декларация на товары"), (400, 780, stamp)]
        roles = {(d.value, d.role) for d in read_fields(DocType.customs_declaration, [scan_page(rows)], NOM).dates}
        assert (day, "release_date") in roles


def test_a_box_44_line_dates_a_presented_paper_even_when_its_ot_is_lost() -> None:
    """Box 44 lines open with the paper's kind code: their date is the paper's, not the declaration's."""
    rows = [(40, 60, "Декларация на товары"), (40, 700, "02015:.929219.0Т. 26.08.2023 4 % s 5010 3 339 297,36")]
    dates = read_fields(DocType.customs_declaration, [scan_page(rows)], NOM).dates
    assert {(d.value, d.role) for d in dates} == {("2023-08-26", "reference_date")}
    # ...or its code lost and its number and `ОТ` kept (seed 9393: the invoice's date had stood as the registration)
    rows = [(40, 60, "Декларация на товары"), (40, 700, "© ВЕ24845236 ОТ 11.01.2024 1910 15 829,55 ИУ")]
    dates = read_fields(DocType.customs_declaration, [scan_page(rows)], NOM).dates
    assert {(d.value, d.role) for d in dates} == {("2024-01-11", "reference_date")}


def test_an_applications_weight_column_whose_title_ocr_garbled_is_found_by_its_unit() -> None:
    """The application's goods table has one weight column: when OCR garbled its title past any label
    (`Caswens, кг` for `Салмағы, кг`) the cell's unit still names it, and its figure on the goods row is the net.
    A row whose weight OCR lost, or a price per kilogram, gives none."""
    def application(rows: list[tuple[float, float, str]]) -> list[tuple[float, float, str]]:
        return [(40, 40, "Раздел 3. Сведения о товарах"),
                (40, 80, "№ Наименование"), (200, 80, "Код ТН ВЭД"), (300, 80, "Caswens, кг"), (400, 80, "Стоимость"),
                *rows]
    one = application([(40, 100, "1 Мониторы"), (200, 100, "8528723003"), (300, 100, "6 611,5"),
                       (400, 100, "113 194,36")])
    f = read_fields(DocType.import_application, [scan_page(one)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 6611.5
    assert values(read_fields(DocType.import_application, [page(one)], NOM).weights) == [], "a text layer reads labels"
    lost = application([(40, 100, "1 Бумага"), (200, 100, "4802409000"), (300, 100, "6481.3"),
                        (40, 120, "2 Аккумуляторы"), (200, 120, "8507102001"), (300, 120, "#2 lovers"),
                        (400, 120, "2 406,40")])
    assert read_fields(DocType.import_application, [scan_page(lost)], NOM).net_weight_kg is None
    # a row's `15 886,400` read `15886400`: the sum with it weighs more than any paper does, and is no net
    past = application([(40, 100, "1 Бумага"), (200, 100, "4802568000"), (300, 100, "5923"),
                        (40, 120, "2 Аккумуляторы"), (200, 120, "8507500000"), (300, 120, "15886400")])
    assert read_fields(DocType.import_application, [scan_page(past)], NOM).net_weight_kg is None
    price = [(40, 80, "№ Наименование"), (200, 80, "Код ТН ВЭД"), (300, 80, "Цена за кг"),
             (40, 100, "1 Мониторы"), (200, 100, "8528723003"), (300, 100, "12,5")]
    assert read_fields(DocType.import_application, [scan_page(price)], NOM).net_weight_kg is None


def test_a_cmr_total_row_whose_label_ocr_garbled_still_gives_the_gross() -> None:
    """A photo's `Total` came out `Toe`, `То:`, `Moro мест.` or `Hmor тест`: a CMR line of figures after a short word
    (and the places' word) is its goods box's total row, and gives the gross where the usual evidence holds (a figure
    a goods row repeats in its column, or the one figure with a decimal mark) and it holds two figures, packages and
    weight. Prose with figures, a place and its date, or a box's lone figure (the volume) is no total row."""
    head = (40, 80, "МЕЖДУНАРОДНАЯ ТОВАРНО-ТРАНСПОРТНАЯ НАКЛАДНАЯ CMR")
    row = [(40, 200, "1 шт. Автомобиль легковой Lada Granta 8703231962"), (400, 200, "1160")]
    for total in ("Toe 1", "Hmor тест 1"):  # `Итого мест`, both words garbled (a seed-1212 photo)
        f = read_fields(DocType.cmr, [scan_page([head, *row, (100, 300, total), (400, 300, "1160")])], NOM)
        assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 1160, total
    marked = [head, (40, 200, "2 ящика Компьютеры портативные 8471707000"), (100, 300, "То: 680 30759.5")]
    f = read_fields(DocType.cmr, [scan_page(marked)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 30759.5
    for other in ("Место погрузки 680 30759.5", "Астана 13.05.2023", "Объем 12,5"):
        lines = [head, (40, 200, "2 ящика Компьютеры портативные 8471707000"), (100, 300, other)]
        assert read_fields(DocType.cmr, [scan_page(lines)], NOM).gross_weight_kg is None, other


def test_a_scanned_vin_cut_by_a_word_space_is_joined_when_its_first_half_stands_taller() -> None:
    """`WVWIMGOY VME223475`: Tesseract cut one VIN at a word space's width; the digits' box is shorter than the
    letters', a speck stretched the first, and the gap was measured against the short one."""
    words = [Word(text="УШМ:", bbox=(1099, 1500, 1163, 1523), confidence=0.6, line_id=1),
             Word(text="WVWIMGOY", bbox=(1198, 1495, 1365, 1534), confidence=0.6, line_id=1),
             Word(text="VME223475", bbox=(1380, 1500, 1540, 1524), confidence=0.6, line_id=1)]
    p = Page(number=1, width=2480, height=3508, unit="px", source=PageSource.ocr, words=words)
    assert values(read_fields(DocType.customs_declaration, [p], NOM).vins) == ["WVW1MG0YVME223475"]


def test_a_re_read_run_keeps_its_groups_together_whatever_its_estimated_gaps() -> None:
    """A re-read word holds the run's groups with spaces, whose boxes are only estimated: `VN XTATPGDNMMD 782828`."""
    p = _with_rereads(scan_page([(40, 40, "VIN")], 0.6), [(70, 40, "VN XTATPGDNMMD 782828", 0.2)])
    p = p.model_copy(update={"rereads": [w.model_copy(update={"bbox": (824, 1437, 1229, 1469)}) for w in p.rereads]})
    assert [str(v) for v in values(read_fields(DocType.cmr, [p], NOM).vins)] in (
        ["XTATPGDNMMD782828"], ["XTATP6DNMMD782828"])


@pytest.mark.parametrize(("text", "vin"), [
    ("VIN XKZ76NAA2P,J581341", "XKZ76NAA2PJ581341"),  # the J's hook, reaching left under the line, as a comma
    ("VIN LWB429189M)500605", "LWB429189MJ500605"),  # the J's hook as a closing bracket
    ("г.в., VIN: SY.)672RTIM6315928 ат", "5YJ672RT1M6315928"),  # and its dot as a dot (9393-0285)
    ("VIN ХТСМЗF84СRJ716442", "XTCM3F84CRJ716442"),  # the Russian model's Cyrillic letters of the same shapes
    ("2023 г.в., VIN: JYA@1JSG7PE397220, JYA4WXYF2PV055396", "JYA01JSG7PE397220 JYA4WXYF2PV055396"),  # a 0 as @
])
def test_scanned_vins_with_a_mark_for_a_glyph_or_in_cyrillic_letters(text: str, vin: str) -> None:
    assert values(read_fields(DocType.cmr, [scan_page([(40, 40, text)], 0.6)], NOM).vins) == vin.split()


def test_a_garbled_reading_sharing_a_surer_readings_serial_is_the_same_vehicle() -> None:
    """`XTCM3E84CB3716442` at 0.1 beside box 8's `XTCM3F84CRJ716442` at 0.9: three characters off before the
    serial, one vehicle."""
    p = page(stacked(["Идентификационный номер (VIN) XTCM3E84CB3716442", "8. Кузов № XTCM3F84CRJ716442"]),
             source=PageSource.ocr)
    p = p.model_copy(update={"words": [w.model_copy(update={"confidence": 0.1 if w.line_id == 1 else 0.9})
                                       for w in p.words]})
    assert values(read_fields(DocType.vehicle_passport, [p], NOM).vins) == ["XTCM3F84CRJ716442"]


def test_a_figure_misread_as_letters_beside_a_net_column_does_not_end_it() -> None:
    """A scanned application's second row read `25,900 Iso 166.44`: the next cell's rule and figure as `Iso`, under
    the net column's reach. Taken for a box title, it ended the column after the first row; a word of digit
    look-alikes is a figure misread. A real title under the column still ends it."""
    def rows(second: str) -> list[tuple[float, float, str]]:
        return [(40, 80, "Наименование товара"), (300, 80, "Масса ветто,"), (420, 80, "Стоимость"), (520, 80, "Страна"),
                (300, 92, "кг"),
                (40, 110, "1 Коробки"), (300, 110, "776,900"), (420, 110, "108 017,85"), (520, 110, "Россия"),
                (40, 130, "2 Банки"), (300, 130, "25,900"), (390, 130, second), (520, 130, "Россия")]
    f = read_fields(DocType.import_application, [scan_page(rows("Iso 166.44"))], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 802.8
    titled = read_fields(DocType.import_application, [scan_page(rows("Объем 166.44"))], NOM)
    assert titled.net_weight_kg is not None and titled.net_weight_kg.value == 776.9


def test_a_column_headed_only_in_kilograms_counts_rows_with_dotted_codes() -> None:
    """`Салмағы, кг` garbled past any label (`Canmarei, кг.`): the column is taken when each goods row, a line
    with its code, has one figure; a code printed with dots (`8471.90.00.00`) is a goods row too."""
    f = read_fields(DocType.import_application, [scan_page([
        (40, 80, "Наименование"), (200, 80, "ТН СЭК коды/"), (300, 80, "Cane:"), (360, 80, "Canmarei, кг."),
        (460, 80, "Куны / Стоимость"),
        (40, 100, "Машины вычислительные"), (200, 100, "8471.90.00.00"), (300, 100, "3890"), (362, 100, "5 541"),
        (460, 100, "1186 099,90")])], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 5541.0


def test_a_gross_that_lost_its_tonnes_beside_a_net_in_tonnes_is_in_tonnes() -> None:
    """`брутто / gross: 6,5` after `нетто / Total net: 6,5 т` on a scan: read as kilograms, a gross of 6.5 kg stood
    under a net of 6 500. A gross well above its net in kilograms is left as it was read."""
    f = read_fields(DocType.invoice, [scan_page([(40, 80, "Итого нетто / Total net: 6,5 т; брутто / gross: 6,5")])], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 6500.0
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 6500.0
    kg = read_fields(DocType.invoice, [scan_page([(40, 80, "Итого нетто / Total net: 6,5 т; брутто / gross: 6 900")])], NOM)
    assert kg.gross_weight_kg is not None and kg.gross_weight_kg.value == 6900.0


@pytest.mark.parametrize("head", [
    "Приложение № 1 к постановлению Правительства Российской Федерации от 26.12.2011 № 1137",
    "Праложииые Ne | к постанспузезник» Презисельства Российской Федерации от 26.12.2011 № 1137",  # a scan's
])
def test_the_decree_a_schet_faktura_is_printed_under_does_not_date_it(head: str) -> None:
    """Every Russian счёт-фактура heads its form with the government decree that set it: its date was read as the
    invoice's. It is the act's, a reference; the invoice's own line dates the invoice."""
    f = read_fields(DocType.invoice, [scan_page(stacked([head, "СЧЕТ-ФАКТУРА № 2146 от 31.07.2024"]))], NOM)
    assert {(d.role, d.value) for d in f.dates} == {("reference_date", "2011-12-26"), ("invoice_date", "2024-07-31")}


def _declaration_sheet(net_box: str, gross_box: str) -> Page:
    """Two goods of a scanned declaration, the first's net figure lost, laid out as the bench's ДТ copies are."""
    rows = [
        (100, 738, "31 Описание: Мониторы и телевизоры"), (160, 769, "33 Код ТН ВЭД ЕАЭС 8528523009"),
        (160, 846, "35 Вес брутто, кг 9610.200"), (160, 886, "38 Вес нетто, кг"), (160, 923, "37 Процедура"),
        (160, 960, "42 Фактурная стоимость 331 568,00"),
        (100, 1070, "Товар № 2"), (100, 1116, "31 Описание: Масла смазочные моторные"),
        (160, 1147, "33 Код ТН ВЭД ЕАЭС 2710193500"), (160, 1224, gross_box), (160, 1264, net_box),
    ]
    return scan_page(rows)


def test_a_figure_after_a_number_sign_weighs_nothing() -> None:
    """`Товар № 2` below box 38 whose figure OCR lost is the second goods' number, not the first's net weight:
    summed with the second goods' net it made 21 000.7."""
    f = read_fields(DocType.customs_declaration, [_declaration_sheet("38 Вес нетто, кг 20998.700",
                                                                     "35 Вес брутто, кг 22345.200")], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 20998.7
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 31955.4


def test_a_declarations_weight_read_without_its_decimal_mark_keeps_three_decimals() -> None:
    """Box 35 prints kilograms to three decimals: `22345200` is 22 345.200 kg with the mark lost, not 22 thousand
    tonnes; a figure of six digits is left as read, and so is one on any other paper."""
    lost = read_fields(DocType.customs_declaration, [_declaration_sheet("38 Вес нетто, кг 20998.700",
                                                                        "35 Вес брутто, кг 22345200")], NOM)
    assert lost.gross_weight_kg is not None and lost.gross_weight_kg.value == 31955.4
    assert 22345.2 in [v.value for v in lost.weights if v.role == "gross"]
    cmr = read_fields(DocType.cmr, [scan_page([(40, 80, "Вес брутто, кг 2234520")])], NOM)
    assert cmr.gross_weight_kg is not None and cmr.gross_weight_kg.value == 2234520.0
    # past ten thousand tonnes a figure is no weight at all (`№ 216289034` read as `NW 216289034`)
    huge = read_fields(DocType.cmr, [scan_page([(40, 80, "Вес брутто, кг 22345200")])], NOM)
    assert huge.gross_weight_kg is None


def test_a_declarations_weight_is_the_three_decimal_figure_a_scan_left_beside_its_title() -> None:
    """Box 38's `кг` read as `7` before its figure, and box 35's mark read as a space (`17567 900`, which no
    grouping of thousands makes): the weights are the figures to three decimals, not 7 kg and 17 567 kg."""
    f = read_fields(DocType.customs_declaration, [_declaration_sheet("38 Вес нетто, 7 17341.500",
                                                                     "35 Вес брутто, кг 17567 900")], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 17341.5
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 27178.1
    # the figure in a cell of its own to the right of the title, as a photo's wide gap leaves it
    cell = read_fields(DocType.customs_declaration, [scan_page([(160, 846, "38 Вес нетто, кг"),
                                                                (700, 846, "1757 600")])], NOM)
    assert cell.net_weight_kg is not None and cell.net_weight_kg.value == 1757.6
    # a figure grouped in thousands is not cut at its last group
    grouped = read_fields(DocType.customs_declaration, [scan_page([(160, 846, "38 Вес нетто, кг 17 341.500")])], NOM)
    assert grouped.net_weight_kg is not None and grouped.net_weight_kg.value == 17341.5
    # under a tonne the mark read as a space leaves three digits before it (6262-0026's photo): still no grouping
    light = read_fields(DocType.customs_declaration, [scan_page([(160, 846, "38 Вес нетто, кг 489 100")])], NOM)
    assert light.net_weight_kg is not None and light.net_weight_kg.value == 489.1
    # a figure grouped in thousands is read whole: its first groups are no weight of their own
    whole = read_fields(DocType.customs_declaration, [scan_page([(160, 846, "38 Вес нетто, кг 1 757 600")])], NOM)
    assert whole.net_weight_kg is not None and whole.net_weight_kg.value == 1757600.0
    # nor is a date's day and month under a weight's header a figure
    dated = read_fields(DocType.cmr, [scan_page([(40, 80, "Место nw погрузки"), (40, 110, "Россия 27.04.2024")])], NOM)
    assert dated.net_weight_kg is None


_APPLICATION_HEAD = [(40, 100, "№ Наименование"), (160, 100, "Кол-во"), (210, 100, "масса нетто, кг"),
                     (306, 100, "Стоимость"), (420, 100, "Страна")]


def test_a_figure_under_the_price_head_set_tight_after_the_weights_is_a_price() -> None:
    """OCR left no gap between `масса нетто, кг` and `Стоимость`, so the net column seemed to run on to `Страна`:
    the first row, its net lost, gave its price `270 657,24` as the net. Nor is the count before it a weight."""
    rows = [*_APPLICATION_HEAD,
            (40, 130, "1 Бутылки"), (160, 130, "838"), (320, 130, "270 657,24"), (420, 130, "Россия"),
            (40, 150, "2 Коробки"), (160, 150, "3439"), (240, 150, "4816,9"), (320, 150, "1245 407,04"),
            (420, 150, "Россия")]
    f = read_fields(DocType.import_application, [scan_page(rows)], NOM)
    assert [v.value for v in f.weights] == [4816.9]


def test_a_tables_rules_read_as_marks_are_no_empty_rows() -> None:
    """Six lines of `| |` (the header's and the first row's rules) before the rows did not end the column as six
    empty rows would."""
    rules = [(40, 110 + 4 * k, "| |") for k in range(6)]
    rows = [*_APPLICATION_HEAD, *rules,
            (40, 140, "1 Бутылки"), (160, 140, "838"), (240, 140, "301,5"), (320, 140, "270 657,24"),
            (40, 160, "2 Коробки"), (160, 160, "3439"), (240, 160, "4816,9"), (320, 160, "1245 407,04")]
    f = read_fields(DocType.import_application, [scan_page(rows)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 5118.4


def test_a_declarations_additional_sheet_gives_its_weights_by_their_neighbouring_boxes() -> None:
    """The additional sheet's box titles OCR lost: box 35 stands after box 34's `156 СМ` (CN read in Cyrillic, N as
    М) and box 38 after the procedure's `40 00 000`, set `3520. 960` with a space after the mark and its zeros
    misread. Both sheets' goods add up, and a net a kilogram over its gross is the same figure."""
    first = scan_page([(40, 80, "34 Код страны происх. 35 Вес брутто (кг)"), (40, 100, "156 CN 1620.000 00-00-00"),
                       (40, 130, "37 ПРОЦЕДУРА 38 Вес нетто (кг)"), (40, 150, "40 00 000 1620.000")])
    second = scan_page([(40, 80, "ДОБАВОЧНЫЙ ЛИСТ 55209/110523/3389287"),
                        (40, 100, "VIN: 5YJGTZKC3NA670536, 2022 г.в. 156 СМ 3520.000 00-00-00"),
                        (40, 130, "40 00 000 3520. 960")]).model_copy(update={"number": 2})
    f = read_fields(DocType.customs_declaration, [first, second], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 5140.0
    assert f.net_weight_kg is not None and abs(float(f.net_weight_kg.value) - 5140.96) < 0.001
    nowhere = scan_page([(40, 100, "Made by ZZ 3520.000 kg")]).model_copy(update={"number": 2})
    assert 3520.0 not in [v.value for v in read_fields(DocType.customs_declaration, [first, nowhere], NOM).weights]


@pytest.mark.parametrize(("text", "found"), [
    ("2 Lada Granta XTAG69M3.JNO973868 2022 87 924,70", ["XTAG69M3JN0973868"]),  # a speck read as a dot
    ("Ref INVX2023.000012345 2022", []),  # no model year in position 10: a reference, not a VIN
    ("Сертификат E-CN.AH04.61086", []),  # a document's number: several marks
])
def test_a_speck_read_as_a_dot_inside_a_scanned_vin(text: str, found: list[str]) -> None:
    """OCR read a speck inside an act's VIN as a dot; typed text with a dot inside is never a VIN."""
    assert values(read_fields(DocType.acceptance_certificate, [scan_page([(40, 80, text)])], NOM).vins) == found
    assert read_fields(DocType.acceptance_certificate, [page([(40, 80, text)])], NOM).vins == []


@pytest.mark.parametrize(("text", "found"), [
    ("VIN LWB9R3DR8N1633477.202218. 185 кВт", ["LWB9R3DR8N1633477"]),  # `, 2022 г.в.` glued on
    ("VIN LWBZAFH2BN7847028.2022", ["LWBZAFH2BN7847028"]),
    ("VIN LWBZAFH2BN78470281.2022", []),  # eighteen before the mark: no VIN to split off
])
def test_a_scanned_vin_glued_to_the_next_item_of_its_line(text: str, found: list[str]) -> None:
    """OCR read the comma that ends a declaration's VIN as a dot and lost the space after it (1515-0286): the
    seventeen letters and digits before the dot are the VIN. Typed text keeps its space, and a mark inside a typed
    token is no VIN."""
    assert values(read_fields(DocType.customs_declaration, [scan_page([(40, 80, text)])], NOM).vins) == found
    assert read_fields(DocType.customs_declaration, [page([(40, 80, text)])], NOM).vins == []


@pytest.mark.parametrize(("text", "found"), [
    ("Серийный номер сертификата: 281lee6bad1bc0432", []),  # an e-signature's serial, OCR's `l` making 17
    ("VIN: XTAG69M3JN0973868", ["XTAG69M3JN0973868"]),
    ("VIN: XTAG69m3jn0973868", ["XTAG69M3JN0973868"]),  # two letters OCR read small: still more capitals
])
def test_a_run_in_lower_case_letters_is_no_vin(text: str, found: list[str]) -> None:
    """VINs are printed in capitals: a run whose lower-case letters outnumber its capitals is a hexadecimal serial
    (1357-0232's e-signature certificate), not a VIN."""
    assert values(read_fields(DocType.import_application, [scan_page([(40, 80, text)])], NOM).vins) == found


def test_an_unnamed_date_does_not_take_the_role_a_label_gave_another() -> None:
    """A pass's crossing date is labelled; the stamp's date below it (its year misread) named nothing and took the
    type's usual role, crossing date, a second time. Alone, an unnamed date still takes it."""
    rows = stacked(["ТАЛОН о прохождении государственного контроля", "Дата пересечения: 13 января 2024 г.",
                    "Время: 13:42", "Гос. номер ТС: 226YNE16", "Водитель: Wang Lei", "Виды контроля:",
                    "[x] Пограничный [x] Таможенный", "13.01. 2025"])
    f = read_fields(DocType.control_pass, [scan_page(rows)], NOM)
    assert [(v.value, v.role) for v in f.dates] == [("2024-01-13", "crossing_date")]
    alone = read_fields(DocType.control_pass, [scan_page(stacked(["ТАЛОН", "13.01.2024"]))], NOM)
    assert [(v.value, v.role) for v in alone.dates] == [("2024-01-13", "crossing_date")]


def test_a_cmrs_unnamed_date_is_no_making_date() -> None:
    """A scanned CMR whose box titles were lost shows one date, box 24's receipt (7373-0103): it may be any of the
    three boxes', so it is a document date, which the crossing is not compared with. Box 21's title names it."""
    lost = stacked(["CMR № 447", "Алматы, Казахстан", "02.05.2023"])
    assert [(v.value, v.role) for v in read_fields(DocType.cmr, [scan_page(lost)], NOM).dates] == [
        ("2023-05-02", "document_date")]
    named = stacked(["CMR № 447", "21 Составлено в Алматы 22.04.2023"])
    assert [(v.value, v.role) for v in read_fields(DocType.cmr, [scan_page(named)], NOM).dates] == [
        ("2023-04-22", "cmr_date")]


def test_scanned_rows_that_lost_a_mark_or_a_leading_digit_are_read_as_they_add_up_to_the_total() -> None:
    """OCR took both decimal commas for specks (`20674`, `4072` for 2 067,4 and 407,2), or lost a row's first digit
    (`90,5` for 390,5): the rows are read so that they add up to the total, which kept its mark. Typed text is never
    mended."""
    head = [(40, 30, "СЧЕТ-ФАКТУРА № 77 от 14.03.2024"), (40, 80, "Наименование"), (250, 80, "Масса нетто, кг")]
    rows = [*head, (40, 96, "Посуда столовая"), (250, 96, "20674"), (40, 112, "Трубы из пластмасс"), (250, 112, "4072"),
            (40, 140, "Всего масса нетто: 2 474,6 кг")]
    f = read_fields(DocType.invoice, [scan_page(rows)], NOM)
    assert [(w.value, w.role) for w in f.weights] == [(2067.4, "net"), (407.2, "net"), (2474.6, "net")]
    assert [w.raw for w in f.weights][:2] == ["20674", "4072"], "the raw text keeps what was read"
    typed = read_fields(DocType.invoice, [page(rows)], NOM)
    assert [w.value for w in typed.weights] == [20674.0, 4072.0, 2474.6]
    lost = [*head, (40, 96, "Посуда столовая"), (250, 96, "90,5"), (40, 112, "Трубы из пластмасс"),
            (250, 112, "1757,3"), (40, 140, "Всего масса нетто: 2 147,8 кг")]
    assert [w.value for w in read_fields(DocType.invoice, [scan_page(lost)], NOM).weights] == [390.5, 1757.3, 2147.8]
    # a total printed without decimals says nothing of the rows' marks
    whole = [*head, (40, 96, "Посуда столовая"), (250, 96, "20674"), (40, 112, "Трубы из пластмасс"),
             (250, 112, "4072"), (40, 140, "Всего масса нетто: 2 475 кг")]
    assert [w.value for w in read_fields(DocType.invoice, [scan_page(whole)], NOM).weights][:2] == [20674.0, 4072.0]


def test_a_net_read_on_one_sheet_of_two_does_not_drop_the_gross_read_on_both() -> None:
    """A two-sheet scanned declaration: boxes 35 read on both sheets (21 214,2 and 2 687,8), box 38 only on the
    second (2 436,8). The net cannot stand beside the gross's sum; it is the one read short, and the gross stands."""
    first = scan_page([(100, 738, "31 Описание: Мониторы и телевизоры"), (160, 846, "35 Вес брутто, кг 21214.200"),
                       (160, 886, "38 Вес нетто, кг")])
    second = scan_page([(100, 738, "31 Описание: Масла смазочные моторные"), (160, 846, "35 Вес брутто, кг 2687.800"),
                        (160, 886, "38 Вес нетто, кг 2436.800")]).model_copy(update={"number": 2})
    f = read_fields(DocType.customs_declaration, [first, second], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 23902.0
    assert f.net_weight_kg is None
    # read on both sheets, the net stands beside the gross
    both = first.model_copy(update={"words": first.words + scan_page([(420, 886, "20986.800")]).words})
    f = read_fields(DocType.customs_declaration, [both, second], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 23423.6
    # read on the first sheet alone, the net would stand beside the gross's sum, but lacks the second sheet's goods
    # (1357-0078): a declaration's weight read on fewer sheets than the other is no total
    lost = second.model_copy(update={"words": [w for w in second.words if w.text != "2436.800"]})
    f = read_fields(DocType.customs_declaration, [both, lost], NOM)
    assert f.net_weight_kg is None and f.gross_weight_kg is not None and f.gross_weight_kg.value == 23902.0


def test_of_two_sums_that_cannot_stand_together_the_one_read_on_fewer_sheets_is_dropped() -> None:
    """A three-sheet declaration: box 35 lost on the second sheet (gross rows 21 135,8 and 1 552,8, sum 22 688,6),
    box 38 read on all three, the first at 0.04 (sum 23 287,1). The gross's sum missed a line; it is the one
    dropped, not the larger sum, however unsure a row of that one."""
    def sheet(number: int, gross: str, net: str) -> Page:
        rows = [(100, 738, "31 Описание: товар"), (160, 846, f"35 Вес брутто, кг {gross}".strip()),
                (160, 886, f"38 Вес нетто, кг {net}")]
        p = scan_page(rows, 0.9)
        words = [w.model_copy(update={"confidence": 0.04}) if w.text == "20969.400" else w for w in p.words]
        return p.model_copy(update={"number": number, "words": words})

    f = read_fields(DocType.customs_declaration, [sheet(1, "21135.800", "20969.400"), sheet(2, "", "948.000"),
                                                  sheet(3, "1552.800", "1369.700")], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 23287.1
    assert f.gross_weight_kg is None


def test_a_declarations_net_box_does_not_run_on_to_the_next_sheet() -> None:
    """A declaration's first sheet reads its box 38 by its title; the additional sheet's titles OCR garbled
    (`Hetro салмагы`), so it has no weight header. Its gross figure standing under where the first sheet's net
    title stood is no net row of a table run on: the sheet's own box 38 is read by its neighbour, box 37."""
    first = scan_page([(100, 1100, "ПРОЦЕДУРА"), (400, 1160, "Нетто салмагы (кг)"), (400, 1200, "2935.600")])
    second = scan_page([(100, 380, "ДОБАВОЧНЫЙ лист ДТ1"), (100, 410, "1) Трубы и шланги из пластмасс"),
                        (100, 440, "791 шт."), (100, 470, "2) 19 связка"), (100, 500, "ПРОИЗВОДИТЕЛЬ: TOYOTA 392 JP"),
                        (400, 500, "4662.600"), (100, 530, "ПРОЦЕДУРА Hetro салмагы (кг)"),
                        (100, 560, "40 00 000 4199.500")]).model_copy(update={"number": 2})
    f = read_fields(DocType.customs_declaration, [first, second], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 7135.1


def test_a_declarations_box_holds_one_figure_not_a_stamps_specks_below() -> None:
    """Box 38's figure under its title, then the next boxes' titles and text at the left, leaving the column empty,
    and a release stamp whose specks OCR read as digits under the same column: the box's one figure is the net."""
    rows = [(100, 400, "ПРОЦЕДУРА"), (300, 400, "Нетто салмагы (кт)"), (100, 416, "40 00 000"), (330, 416, "2500.000"),
            (100, 440, "Цена товара"), (100, 456, "132 788,56")]
    rows += [(40, 480 + 16 * k, f"0402{k} INV-2023/081{k} ОТ 03.04.2023") for k in range(8)]
    rows += [(40, 620, "Декларант 12.04.2023 08:17"), (340, 636, "8"), (336, 652, "6,")]
    f = read_fields(DocType.customs_declaration, [scan_page(rows)], NOM)
    assert values([w for w in f.weights if w.role == "net"]) == [2500.0]
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 2500.0


def test_a_declarations_net_under_its_gross_when_the_net_title_is_lost() -> None:
    """An additional sheet whose box 38 title OCR lost: its figure stands right under box 35's, past box 37's
    procedure code and the boxes' rule read as a bar. It is not a second gross row but the sheet's net."""
    rows = [(40, 100, "2} 37 коробка Bec брутто ier? Преференцич"),
            (40, 116, "ПРОИЗВОДИТЕЛЬ MIDWEST AUTO EXPORT LLC US"), (300, 116, "4777.400 00-00-00"),
            (250, 134, "40 00 000 | 333.500"), (250, 148, "ПРОЦЕДУРА")]
    f = read_fields(DocType.customs_declaration, [scan_page(rows)], NOM)
    assert sorted((str(w.role), w.value) for w in f.weights) == [("gross", 4777.4), ("net", 333.5)]


def test_a_header_head_read_as_digits_yields_to_the_column_below_that_adds_up() -> None:
    """A scanned invoice's header `NET KG | GROSS KG`, the second head read `68088 KG`: not the net's value, for the
    net column below adds up to its total row, which is not 68088. A dash speck on the header line starts no cell
    that would cut the gross column short. Beside a label with no such column below, a figure is the label's."""
    rows = [(40, 80, "DESCRIPTION QTY"), (200, 80, "NET KG"), (280, 80, "68088 KG"), (330, 80, "—"), (400, 80, "PRICE"),
            (40, 96, "Corrugated boxes 3230"), (210, 96, "1593.4"), (300, 96, "1746.3"), (400, 96, "2654.41"),
            (40, 112, "Aluminium cans 3233"), (216, 112, "61.5"), (306, 112, "65.7"), (400, 112, "124.31"),
            (40, 128, "TOTAL 6463"), (210, 128, "1654.9"), (306, 128, "1812"), (400, 128, "2778.72")]
    f = read_fields(DocType.invoice, [scan_page(rows)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 1654.9
    assert f.net_weight_kg.confidence <= 0.7, "the figure set aside leaves the sum's proof alone"
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 1812.0
    speck = [(40, 80, "Итого нетто / Total net: 24,663 т; брутто / gross: 25,89 т"), (100, 100, "2,")]
    f = read_fields(DocType.invoice, [scan_page(speck)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 25890.0


@pytest.mark.parametrize("head", ["11 Searle 12 м³", "11 в=с pyre, ge Конь: «2 / wereed"])
def test_a_cmr_box_numbers_digits_beside_its_garbled_title_are_the_next_box(head: str) -> None:
    """A CMR's box 11 title garbled past reading, box 12's number after it (`12`, or `«2` with its 1 lost): one or
    two digits beside a box number are the next box's, and the goods box's rows below give the gross."""
    rows = [(40, 80, "9 Наименование груза 10"), (300, 80, head),
            (60, 100, "30 pallets Бумага офисная"), (300, 100, "4 603.5"),
            (60, 116, "699 pcs Аккумуляторы"), (300, 116, "20 237.5"),
            (150, 140, "Total: 729"), (300, 140, "24 841.0")]
    f = read_fields(DocType.cmr, [scan_page(rows)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 24841.0
    boxed = read_fields(DocType.cmr, [scan_page([(300, 80, "11 Вес брутто, кг 23700")])], NOM)
    assert boxed.gross_weight_kg is not None and boxed.gross_weight_kg.value == 23700.0, "a weight is no box number"



def test_a_figure_printed_as_tonnes_under_a_garbled_unit_beside_a_tonnes_column_is_in_tonnes() -> None:
    """`Вес нетто, т` read `Bec нетто, WE` beside `Вес брутто, т`: the net's `6,183` read as 6.183 kg stood under a
    gross of 6 915 kg. Printed to three decimals as tonnes are, it is 6 183 kg."""
    rows = [(40, 80, "Наименование"), (300, 80, "Bec нетто, WE"), (420, 80, "Вес брутто, т"),
            (40, 96, "Бумага офисная"), (300, 96, "4,523"), (420, 96, "5,047"),
            (40, 112, "Посуда столовая"), (300, 112, "1,66"), (420, 112, "1,868"),
            (40, 128, "Итого:"), (300, 128, "6,183"), (420, 128, "6,915")]
    f = read_fields(DocType.packing_list, [scan_page(rows)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 6915.0
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 6183.0
    kg = read_fields(DocType.packing_list, [scan_page([(40, 80, "Вес брутто: 6 915 т"), (40, 96, "Вес нетто: 6,2")])],
                     NOM)
    assert kg.net_weight_kg is not None and kg.net_weight_kg.value == 6.2, "one decimal is no tonnes' print"


@pytest.mark.parametrize(("total", "expected"), [("24841", [4603.5, 20237.5, 24841.0]),
                                                 ("66272.5", [20237.5, 46035.0, 66272.5])])
def test_a_row_that_lost_its_mark_is_mended_to_a_whole_total_under_its_rows_sum(
        total: str, expected: list[float]) -> None:
    """A CMR's goods rows `46035` (4 603,5, its mark lost) and `20 237.5` over a total of 24841 written without
    decimals, far below them at the box's foot: under the rows' sum, it is no total that lost its own mark, and
    the one mending that adds up to it is taken. A total the rows add up to as read mends nothing."""
    rows = [(40, 80, "9 Наименование груза"), (300, 80, "11 Вес брутто, кг"),
            (60, 100, "30 pallets Бумага офисная"), (300, 100, "46035"),
            (60, 116, "699 pcs Аккумуляторы"), (300, 116, "20 237.5"),
            (150, 300, "Total: 729"), (300, 300, total)]
    f = read_fields(DocType.cmr, [scan_page(rows)], NOM)
    assert sorted(float(w.value) for w in f.weights if w.role == "gross") == expected


def test_a_figure_the_page_pass_split_at_a_speck_is_read_whole_as_re_read() -> None:
    """A packing list's `3602.900` read `36 02.900`: two words, which read as two figures. The Latin-and-digits
    re-read over both reads it whole. A declaration's box 38 split so is one figure by the form's own format (it
    groups no thousands: see `_declared_split`), re-read or not. A space OCR set before the mark (`3602 .900`)
    splits no figure."""
    p = scan_page([(100, 80, "Наименование"), (200, 80, "Вес нетто, кг"), (100, 100, "Шины"), (200, 100, "36 02.900")],
                  0.11)
    assert read_fields(DocType.packing_list, [p], NOM).net_weight_kg.value != 3602.9  # type: ignore[union-attr]
    f = read_fields(DocType.packing_list, [_with_rereads(p, [(200, 100, "3602.900", 0.94)])], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 3602.9
    p = scan_page([(100, 80, "ПРОЦЕДУРА вес нетто (кг)"), (100, 100, "40 00 000"), (200, 100, "36 02.900")], 0.11)
    for sheet in (p, _with_rereads(p, [(200, 100, "3602.900", 0.94)])):
        f = read_fields(DocType.customs_declaration, [sheet], NOM)
        assert f.net_weight_kg is not None and f.net_weight_kg.value == 3602.9
    spaced = scan_page([(100, 80, "ПРОЦЕДУРА вес нетто (кг)"), (100, 100, "40 00 000"), (200, 100, "3602 .900")], 0.11)
    assert read_fields(DocType.customs_declaration, [spaced], NOM).net_weight_kg.value == 3602.9  # type: ignore[union-attr]


@pytest.mark.parametrize(("first_net", "expected"), [
    ("3059, 1", 13355.6),  # OCR's space after the comma of a figure with one decimal: one figure
    # a row past reading: no net adds up, and the pieces' total is none; the total beside the gross's, to as many
    # decimals, is
    ("30S9, 1", 13355.6),
])
def test_a_count_that_adds_up_is_no_net_beside_a_gross_written_with_decimals(
        first_net: str, expected: float | None) -> None:
    """A scanned packing list whose net head OCR lost: the totals that add up give the net, but `7575`, the pieces
    column's total, is a count where the gross is written with decimals (`14 407,8`)."""
    rows = [(40, 60, "Наименование Вид упаковки Кол-во мест"), (300, 60, "Кол-во, шт"), (460, 60, "Вес брутто, кг"),
            (40, 80, "1 Посуда столовая коробка 190"), (300, 80, "3806"), (380, 80, first_net), (460, 80, "3366,5"),
            (40, 100, "2 Мониторы коробка 12"), (300, 100, "692"), (380, 100, "5 018,9"), (460, 100, "5531,5"),
            (40, 120, "3 Ноутбуки коробка 93"), (300, 120, "3077"), (380, 120, "5 277,6"), (460, 120, "5509,8"),
            (40, 140, "Итого: 295"), (300, 140, "7575"), (380, 140, "13 355,6"), (460, 140, "14 407,8")]
    f = read_fields(DocType.packing_list, [scan_page(rows)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 14407.8
    assert (f.net_weight_kg.value if f.net_weight_kg else None) == expected


@pytest.mark.parametrize(("other", "expected"), [
    ("WVWHY3BFNMP557382", ["WVWHY3BFNMP557382"]),  # read as printed, Volkswagen's: it outranks the page's guess
    ("WVWHY3BFNMP55738", ["WVWHY18PNMP557382"]),  # a glyph short: no VIN of its own, the guess stands
    ("XXXHY3BFNMP557382", ["WVWHY18PNMP557382"]),  # no maker's WMI: no rival to the maker's reading
])
def test_a_recognisers_reading_outranks_a_page_pass_vin_guessed_from_an_echo(
        other: str, expected: list[str]) -> None:
    """A photographed invoice: the page pass read `WVWHYI8PNMPS5S7382`, 18 characters, a VIN only once an echo is
    guessed and dropped; Tesseract's re-read of the box read words (`WVWHY NMPSS 7282`), so the recogniser's
    `WVWHY3BFNMP557382` stood as its other reading only. Read as printed, with a maker's WMI, a few characters from
    the guess, it is the VIN."""
    p = scan_page([(40, 60, "Автомобиль VW Touran"), (40, 80, "WVWHYI8PNMPS5S7382")], 0.5)
    word = Word(text="WVWHY NMPSS 7282", bbox=(40, 80, 148, 92), confidence=0.39, line_id=900, alternatives=[other])
    f = read_fields(DocType.invoice, [p.model_copy(update={"rereads": [word]})], NOM)
    assert values(f.vins) == expected


def test_a_kazakh_declarations_weight_titles_in_their_own_word_order() -> None:
    """A bilingual declaration titles its boxes `Брутто салмағы (кг)` and `Нетто салмағы (кг)` (OCR's `салмагы`):
    read as `нетто` alone, the title's next word started a cell of its own, which cut the column short of the
    figure set under the whole title (`2701.600`)."""
    rows = [(100, 100, "ПРОИЗВОДИТЕЛЬ: CHERY AUTOMOBILE CO., LTD. 156 CN"), (400, 80, "Брутто салмагы (кг}"),
            (402, 100, "2898.600"), (330, 130, "ПРОЦЕДУРА"), (440, 130, "Нетто салмагы (кг)"),
            (330, 150, "40 00 600"), (460, 150, "2701.600")]
    f = read_fields(DocType.customs_declaration, [scan_page(rows, space=11)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 2898.6
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 2701.6
    from extractor.readers.vocabulary import find_labels

    for title, role in (("Нетто салмагы (кг)", "net"), ("Брутто салмағы (кг)", "gross")):
        assert [(lab.role, a, b) for lab, a, b in find_labels(title, "weight")] == [(role, 0, title.index(" ("))]


def test_a_tall_garbled_word_over_two_rows_does_not_hide_the_first_row_under_the_header() -> None:
    """A scanned import application: the country cells of both goods rows read as one tall word (`Dee` at 0.39)
    reaching up to the header's line. It stretches the first row's line up over the header's middle, which made
    that row look like the header's own: the net then counted the second row alone (1357-0232)."""
    rows = [(40, 80, "Наименование товара"), (300, 80, "Масса нетто, кг"), (420, 80, "Страна"),
            (40, 110, "1 Масла смазочные моторные"), (300, 110, "13061"),
            (40, 140, "2 Изделия из пластмасс"), (300, 140, "3132,9"), (420, 140, "2628")]
    p = scan_page(rows)
    tall = Word(text="Dee", bbox=(420, 82, 470, 152), confidence=0.39, line_id=99)
    f = read_fields(DocType.import_application, [p.model_copy(update={"words": [*p.words, tall]})], NOM)
    assert sorted(values([w for w in f.weights if w.role == "net"])) == [3132.9, 13061.0, 16193.9]
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 16193.9


@pytest.mark.parametrize("row, net", [
    ("40 00 000. 73.700", 73.7),  # the rule read as a dot glued to box 37's code
    ("40 00 000 .| 2436.800", 2436.8),  # as a dot and a bar
    ("40.00 000 20986.800", 20986.8),  # the code's first space read as a dot
    ("49 00 000 7307 .300", 7307.3),  # the figure's mark read with a space before it
])
def test_a_declarations_net_is_read_by_box_37_however_ocr_read_the_rule_and_marks(row: str, net: float) -> None:
    """Box 38's title garbled past any label (`Нетта салийгы” (кг)`): its figure is read after box 37's procedure
    code, whatever OCR made of the rule between the boxes or of the code's and the figure's spaces."""
    rows = [(40, 100, "ПРОИЗВОДИТЕЛЬ: ZHEJIANG HUAXIN TRADING CO., LTD. CN 84.200 00-00-00"),
            (250, 120, "ПРОЦЕДУРА Нетта салийгы” (кг)"), (250, 134, row)]
    f = read_fields(DocType.customs_declaration, [scan_page(rows)], NOM)
    assert values([w for w in f.weights if w.role == "net"]) == [net]


def test_a_row_that_took_on_a_leading_digit_is_read_as_the_total_leaves_it() -> None:
    """A bilingual packing list's first row read `21579,900` at 0 (the places column's `71` run into `1579,900`),
    under a total read surely, `7559,300`, which the rows add up to with that row read without its `2`: the row took
    on a digit, the total lost none (9191-0284). A row read as surely as the total leaves the total taken to have
    lost its leading digits, as before."""
    rows = [(40, 80, "Наименование"), (300, 80, "Нетто, кг"), (40, 96, "Бумага туалетная"), (300, 96, "21579,900"),
            (40, 112, "Машины портативные"), (300, 112, "1525,500"), (40, 128, "Бумага офисная"),
            (300, 128, "4453,900"), (40, 144, "Итого"), (300, 144, "7559,300")]
    p = scan_page(rows)
    doubtful = p.model_copy(update={"words": [w.model_copy(update={"confidence": 0.0}) if w.text == "21579,900" else w
                                              for w in p.words]})
    f = read_fields(DocType.packing_list, [doubtful], NOM)
    assert sorted(values(f.weights)) == [1525.5, 1579.9, 4453.9, 7559.3]
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 7559.3
    sure = read_fields(DocType.packing_list, [p], NOM)
    assert sure.net_weight_kg is not None and sure.net_weight_kg.value == 27559.3


def test_a_row_that_took_on_a_leading_digit_is_told_by_the_net_beside_it() -> None:
    """A packing list's gross rows read as surely as their total, one of them `117 118,3` for 17 118,3 (a mark
    before it read as a 1), under a total of `57 913,1` that the rows add up to without that 1 (3737-0269). The
    net on its row, 14 996,4, pairs with 17 118,3 and not with 117 118,3: the row gained the digit, the total lost
    none. Without the net to tell, the total is taken to have lost its leading digit, as before."""
    rows = [(40, 80, "Наименование"), (300, 80, "Вес нетто, кг"), (420, 80, "Вес брутто, кг"),
            (40, 96, "Шины"), (300, 96, "15 680,1"), (420, 96, "17 909,4"),
            (40, 112, "Мониторы"), (300, 112, "14 996,4"), (420, 112, "117 118,3"),
            (40, 128, "Масла"), (300, 128, "20 935,2"), (420, 128, "22 885,4"),
            (40, 144, "Итого:"), (300, 144, "51 611,7"), (420, 144, "57 913,1")]
    f = read_fields(DocType.packing_list, [scan_page(rows)], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 57913.1
    assert 17118.3 in values(f.weights) and 117118.3 not in values(f.weights)
    alone = [r for r in rows if r[0] != 300]
    g = read_fields(DocType.packing_list, [scan_page(alone)], NOM)
    assert g.gross_weight_kg is not None and g.gross_weight_kg.value == 157913.1


@pytest.mark.parametrize(("first_gross", "gross"), [(None, None), ("7750.2", 11019.9)])
def test_a_gross_column_that_lost_rows_to_ocr_is_no_gross(first_gross: str | None, gross: float | None) -> None:
    """A packing list's scan lost the first row's gross and the gross total (3737-0175): the gross column holds only
    the second row's 3 269,7, beside a net total of 10 668,2 that both net rows add up to. That is no gross of the
    document. With the first row's gross read, the column's rows make the gross."""
    rows = [(40, 80, "№ Description"), (300, 80, "N.W. (kg)"), (420, 80, "G.W. (kg)"),
            (40, 96, "1 Monitors and TV sets"), (300, 96, "7512.8"),
            (40, 112, "2 Uncoated office paper"), (300, 112, "3155.4"), (420, 112, "3269.7"),
            (40, 128, "TOTAL"), (300, 128, "10668.2")]
    if first_gross:
        rows.append((420, 96, first_gross))
    f = read_fields(DocType.packing_list, [scan_page(rows)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 10668.2
    assert (f.gross_weight_kg.value if f.gross_weight_kg else None) == gross


@pytest.mark.parametrize(("second_row", "net"), [("20988,800", 25517.8), ("19988,800", 2551.0)])
def test_a_labelled_total_ocr_split_with_a_space_is_one_figure_when_its_rows_add_up_to_it(second_row: str,
                                                                                            net: float) -> None:
    """An invoice's scan read `Всего масса нетто: 25517,800 кг` as `2551 7,800 кг`. The rows above, 4 529 and
    20 988,8, add up to the joined figure, so it is one total; rows that add up to something else leave the split
    unjoined, since `2551 7,800` may as well be a count and a weight."""
    rows = [(40, 80, "Наименование"), (300, 80, "Кол-во"), (400, 80, "Вес нетто, кг"),
            (40, 100, "Ноутбуки"), (300, 100, "1641"), (400, 100, "4529"),
            (40, 120, "Масла смазочные"), (300, 120, "508"), (400, 120, second_row),
            (40, 150, "Всего масса нетто: 2551 7,800 кг")]
    f = read_fields(DocType.invoice, [scan_page(rows)], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == net


@pytest.mark.parametrize(("figure", "scanned", "net"), [("1", True, None), ("1", False, 1.0), ("3,2", True, 3.2)])
def test_a_scans_weight_of_a_bare_1_is_not_the_documents(figure: str, scanned: bool, net: float | None) -> None:
    """A scan's net column that reads only `1` (a table's rule, a row's number, a count under a garbled header) gives
    no net weight; a small consignment prints its decimals, and a text layer prints what it means."""
    rows = [(40, 80, "Наименование"), (300, 80, "Вес нетто, кг"), (40, 100, "Ноутбуки"), (300, 100, figure)]
    p = scan_page(rows) if scanned else page(rows)
    f = read_fields(DocType.packing_list, [p], NOM)
    assert (f.net_weight_kg.value if f.net_weight_kg is not None else None) == net


def test_a_scanned_weight_labels_unit_read_as_a_seven_is_no_weight() -> None:
    """`Фес нетто, 7 Sec бруте, т`: a packing list's header row, its т read as a 7 after the comma; a weight of seven
    kilograms says its unit."""
    cells = [(40, 40, "Кол-во мест |"), (300, 40, "Фес нетто, 7"), (500, 40, "Sec бруте, т")]
    header = read_fields(DocType.packing_list, [scan_page(cells)], NOM)
    assert header.net_weight_kg is None
    stated = read_fields(DocType.packing_list, [scan_page([(40, 40, "Вес нетто, 7 кг")])], NOM)
    assert stated.net_weight_kg is not None and stated.net_weight_kg.value == 7.0


def test_a_cmrs_gross_under_two_heads_is_not_also_its_net() -> None:
    """A scanned CMR's `11 Bec 6pyrto, кг` (box 11 known by its number, its words misread) over `21,600.00`, which
    spans that head's words and the box's number (5959-0007, as OCR placed them): the unnamed `кг` head's figure is
    the gross itself, not a net."""
    words = [
        ("9", (878, 1269, 888, 1287), 1), ("Наименование", (912, 1270, 1040, 1288), 1), ("груза", (1047, 1274, 1092, 1291), 1),
        ("11", (1941, 1270, 1962, 1289), 2), ("Bec", (1974, 1272, 2005, 1289), 2), ("6pyrto,", (2011, 1271, 2073, 1293), 2),
        ("кг", (2080, 1276, 2094, 1288), 2), ("12", (2174, 1271, 2195, 1289), 2), ("объем.", (2207, 1275, 2259, 1289), 2),
        ("м3", (2265, 1276, 2280, 1289), 2), ("Volume,", (2297, 1275, 2352, 1290), 2), ("m3", (2358, 1276, 2378, 1289), 2),
        ("Автомобиль", (881, 1335, 1026, 1358), 3), ("грузовой", (1035, 1334, 1138, 1364), 3),
        ("21,600.00", (1945, 1335, 2065, 1363), 4),
    ]
    p = Page(number=1, width=2633, height=3614, unit="px", source=PageSource.ocr, words=[
        Word(text=t, bbox=tuple(map(float, b)), confidence=0.9, line_id=k) for t, b, k in words])
    f = read_fields(DocType.cmr, [p], NOM)
    assert f.gross_weight_kg is not None and f.gross_weight_kg.value == 21600.0
    assert f.net_weight_kg is None


@pytest.mark.parametrize(("gross", "tare", "expected"), [
    ("22802,600", "1 756,1", (22802.6, 21046.5)),  # the two totals differ by the tare
    ("22802,G00", "1 756,1", (22802.6, 21046.5)),  # the gross's decimals read as letters: the net and the tare
    ("22802,G00", "1 656,1", (None, None)),  # no figure is the net and the tare: nothing is taken
    ("22802,600", "1 656,1", (None, None)),
])
def test_a_photos_total_row_under_a_lost_header_gives_the_pair_the_stated_tare_separates(
        gross: str, tare: str, expected: tuple[float | None, float | None]) -> None:
    """A photographed packing list whose header and rows OCR garbled (5959-0195): its total row still holds the net
    and the gross, told from the places and pieces by the packaging's weight between them."""
    p = scan_page([
        (40, 80, "a a a ——"),
        (40, 96, "1 Пленка полиэтиленовам pesca es 17 lane 200 22738.200"),
        (40, 112, f"Итого: 71 | 3851 21046,500 AE || {gross}"),
        (40, 144, f"Масса упаковки (брутто — нетто): {tare} кг"),
    ], 0.8)
    f = read_fields(DocType.packing_list, [p], NOM)
    found = tuple(None if w is None else w.value for w in (f.gross_weight_kg, f.net_weight_kg))
    assert found == expected
    assert all(w is None or w.confidence <= 0.7 for w in (f.gross_weight_kg, f.net_weight_kg))


def test_a_payment_figure_ending_in_33_is_no_code_box_label() -> None:
    """A declaration's payment row `5010 8059 871,33 ИУ` read `5010 805987133 9Y` (5959-0182): the `33 ` inside the
    figure is not box 33's number, and nine digits and a tenth after them are no code without a label."""
    p = scan_page([(40, 40, "47 Исчисление платежей"), (40, 56, "5010 805987133 9Y")], 0.9)
    assert values(read_fields(DocType.customs_declaration, [p], NOM).hs_codes) == []
    labelled = scan_page([(40, 40, "33 8703 23 198 3")], 0.9)
    assert values(read_fields(DocType.customs_declaration, [labelled], NOM).hs_codes) == ["8703231983"]


def test_a_declarations_weights_lost_on_a_sheet_whose_code_was_read_are_no_total() -> None:
    """2424-0034: the second goods sheet too faint for boxes 35 and 38, its code read. The first sheet's weights are
    part of the goods: no total is given for the moderator to set against the goods lines. Read on both, summed."""
    first = scan_page([(160, 769, "33 Код ТН ВЭД ЕАЭС 8528523009"), (160, 846, "35 Вес брутто, кг 3600.000"),
                       (160, 886, "38 Вес нетто, кг 3600.000")])
    faint = [(160, 769, "33 Код ТН ВЭД ЕАЭС 2710193500"), (160, 846, "35 Bee epyro, cr ee"), (160, 886, "38 ree")]
    second = scan_page(faint).model_copy(update={"number": 2})
    lost = read_fields(DocType.customs_declaration, [first, second], NOM)
    assert (lost.gross_weight_kg, lost.net_weight_kg) == (None, None)
    assert sorted((v.role, v.value) for v in lost.weights) == [("gross", 3600.0), ("net", 3600.0)]
    read = scan_page([*faint[:1], (160, 846, "35 Вес брутто, кг 2600.000"), (160, 886, "38 Вес нетто, кг 2600.000")])
    both = read_fields(DocType.customs_declaration, [first, read.model_copy(update={"number": 2})], NOM)
    assert both.gross_weight_kg is not None and both.gross_weight_kg.value == 6200.0
    assert both.net_weight_kg is not None and both.net_weight_kg.value == 6200.0


@pytest.mark.parametrize(("garbled", "expected"), [
    ("-26.07202:", [("crossing_date", "2023-07-26")]),  # specks at its ends read as marks: still a garbled date
    ("Ж26.07202:", []),  # a letter before it: not a date's shape, left as read
])
def test_a_garbled_date_with_specks_at_its_ends_is_the_reread_of_its_box(garbled: str, expected: list) -> None:
    """2424-0131: a control pass's `26.07.2023` read `-26.07202:` at 0, the re-read of its box `26.07.2023` at 0.52."""
    p = scan_page([(40, 30, "ТАЛОН О ПРОХОЖДЕНИИ № 912815607"), (40, 60, "Күні; Дата"), (200, 60, garbled)], 0.0)
    f = read_fields(DocType.control_pass, [_with_rereads(p, [(200, 60, "26.07.2023", 0.52)])], NOM)
    assert [(d.role, d.value) for d in f.dates] == expected


def test_the_senders_country_under_a_title_with_a_note_or_beside_the_forms_title() -> None:
    """2424-0021: a CMR's `Отправитель (наименование, адрес, страна)` notes what its box holds, no name: the country
    ends the address under it. A declaration's box 2 title has the form's `ДЕКЛАРАЦИЯ` to its right, with the
    registration number under that: the sender's block is under the title itself."""
    cmr = page([(40, 40, "Отправитель (наименование, адрес, страна) / Sender (name, address, country)"),
                (40, 52, "Shandong Linglong Tyre Co., Ltd."), (40, 64, "777 Jinlong Road, Zhaoyuan, Shandong, China"),
                (40, 90, "Получатель (наименование, адрес, страна) / Consignee"), (40, 102, "ТОО «Астана Трейд»"),
                (40, 114, "г. Астана, Казахстан")])
    assert ("sender", "CN") in {(c.role, c.value) for c in read_fields(DocType.cmr, [cmr], NOM).countries}
    dt = page([(40, 40, "Жөнелтуші/Экспорттаушы / Отправитель"), (500, 40, "ДЕКЛАРАЦИЯ А"),
               (40, 52, "Toyota Tsusho Corporation"), (500, 52, "ИМ 40 ЭД 55218/150724/9526048"),
               (40, 64, "9-8 Meieki 4-chome, Nagoya, Japan"),
               (40, 90, "Алушы / Получатель"), (40, 102, "г. Шымкент, Казахстан")])
    assert [(c.role, c.value) for c in read_fields(DocType.customs_declaration, [dt], NOM).countries
            if c.role == "sender"] == [("sender", "JP")]
    # a speck left of the seller's address (`|`) is no key whose value the address would be
    specked = scan_page([(50, 40, "Продавец / Seller:"), (300, 40, "Shandong Linglong Tyre Co., Ltd."), (80, 54, "|"),
                         (300, 54, "777 Jinlong Road, Zhaoyuan, Shandong, China"), (50, 80, "Покупатель / Buyer:")])
    assert ("sender", "CN") in {(c.role, c.value) for c in read_fields(DocType.invoice, [specked], NOM).countries}
    # a signature's title names the sender too, and heads no block: a stamp's specks under it (`ES`) are no country
    signed = scan_page([(40, 40, "Подпись и штамп отправителя"), (500, 40, "Подпись и штамп перевозчика"),
                        (40, 64, "ES"), (500, 64, "4 > LV =] Печать")])
    assert read_fields(DocType.cmr, [signed], NOM).countries == []


@pytest.mark.parametrize(("row", "expected"), [
    ("Ford Sollers Transit, 2021.8704513109 4700", ["8704513109"]),  # the space after the year's dot lost
    ("Ford Sollers Transit, 2028704239801 4,700.00", ["8704239801"]),  # the dot too, and the year's last digit
    ("Ford Sollers Transit, 2021.8704513199 4700", []),  # ten digits that are no code: the year's figure, whatever
])
def test_a_code_run_into_the_year_before_it(row: str, expected: list[str]) -> None:
    """2424-0101 and 0128: a CMR's goods line names the vehicle's year, then the code; OCR ran the two together."""
    p = scan_page([(40, 40, "9 Наименование груза"), (40, 60, f"2 ед. Автомобиль грузовой {row}")])
    assert values(read_fields(DocType.cmr, [p], NOM).hs_codes) == expected


def test_an_applications_weight_column_whose_title_ocr_lost_but_its_unit_beside_the_unit_columns() -> None:
    """2424-0096: of `Масса нетто, кг` only `кг` was read, run into the unit column's `изм.` on its left (`изм.
    кг`); one goods row's code was read by its box's re-read alone. The figures under the `кг`, as wide as the lost
    words, one on each goods row, are the net."""
    rows = [(40, 80, "№ Наименование товара"), (200, 80, "Код ТН ВЭД"), (330, 80, "Ед."), (380, 80, "Кол-во"),
            (540, 80, "Стоимость"),
            (40, 92, "п/п"), (330, 92, "изм."), (440, 92, "кг"),
            (40, 110, "1 Бумага"), (200, 110, "4818.20.10.00"), (330, 110, "шт"), (380, 110, "2620"),
            (440, 110, "284,8"), (540, 110, "223 381,20"),
            (40, 130, "2 Изделия из пластмасс"), (330, 130, "шт"), (380, 130, "3109"), (440, 130, "6 433,6"),
            (540, 130, "1 242 822,75")]
    p = scan_page(rows)
    code_box = (200.0, 130.0, 278.0, 142.0)
    reread = Word(text="3926.90.97.09", bbox=code_box, confidence=0.9, line_id=900)
    f = read_fields(DocType.import_application, [p.model_copy(update={"rereads": [reread]})], NOM)
    assert f.net_weight_kg is not None and f.net_weight_kg.value == 6718.4
    # without the re-read the second row is no goods row, and a column of two figures for one row is not the net
    assert read_fields(DocType.import_application, [p], NOM).net_weight_kg is None
