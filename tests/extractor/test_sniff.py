from extractor.models import FileKind
from extractor.sniff import sniff
from tests.makedocs import encode, page_image, text_pdf


def test_kinds_are_told_by_bytes_not_names() -> None:
    img = page_image(["x"], dpi=50)
    assert sniff(text_pdf(["hello"])) is FileKind.pdf
    assert sniff(encode(img, "JPEG")) is FileKind.jpeg
    assert sniff(encode(img, "PNG")) is FileKind.png
    assert sniff(encode(img, "TIFF")) is FileKind.tiff
    assert sniff(encode(img, "WEBP")) is FileKind.webp


def test_executable_and_random_bytes_are_unsupported() -> None:
    assert sniff(b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 100) is FileKind.unsupported
    assert sniff(b"\x7fELF\x02\x01\x01") is FileKind.unsupported
    assert sniff(b"") is FileKind.unsupported


def test_csv_is_recognised_with_semicolons() -> None:
    assert sniff("Товар;Брутто;Нетто\nШины;12450,5;11980\n".encode()) is FileKind.csv


ONE_C_EXPORT = "\n".join([
    "Упаковочный лист;№ 77;от 02.04.2024",
    "Грузополучатель;ТОО «Пласт-Трейд» БИН 180240012342",
    "",
    "№;Номенклатура;Код ТН ВЭД;Мест;Масса брутто (кг);Масса нетто (кг)",
    "1;Плёнка ПЭ термоусадочная;3920102809;12;6 240,500;6 000,000",
    "2;Плёнка ПЭ стретч;3920102809;10;5 210,000;5 000,000",
    "Итого;;;22;11 450,500;11 000,000",
])


def test_an_accounting_export_with_a_title_before_its_table_is_a_csv_split_at_its_semicolons() -> None:
    """1C saves a title and key-value rows before the table, in cp1251, with decimal commas: it was refused as an
    unsupported file, and Python's sniffer split it at the commas."""
    from extractor.spreadsheet import read_csv

    data = ONE_C_EXPORT.encode("cp1251")
    assert sniff(data) is FileKind.csv
    cells = {(w.bbox[1], w.bbox[0]): w.text for w in read_csv(data)[0].words}
    assert cells[(3, 4)] == "Масса брутто (кг)" and cells[(4, 4)] == "6 240,500", cells
    assert sniff(b"Dear Sir, the goods, as agreed, left on Monday.\nRegards, Ivan\n") is FileKind.unsupported
